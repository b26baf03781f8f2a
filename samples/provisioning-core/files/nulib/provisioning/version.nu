# The core's own manifest, read from version.toml at the root of the installed core.
const root = path self ../..

# The folder the core is installed in.
export def core-root [] {
    $root
}

# The core's manifest (version.toml) as a record.
export def core-manifest [] {
    open ($root | path join version.toml)
}

# The core's version, e.g. 3.2.1.
export def core-version [] {
    core-manifest | get version
}
