# The mongodb extension of provisioning.

# What this extension installs, as a record.
export def "mongodb info" [] {
    open (path self ../manifest.toml) | select name version type core-version
}
