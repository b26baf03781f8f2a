use version.nu *

# The folder extensions are installed in: $PROVISIONING_EXTENSIONS, or extensions/ beside the core.
export def "extensions dir" [] {
    $env.PROVISIONING_EXTENSIONS? | default ((core-root) | path join extensions)
}

# Every installed extension (a folder with a manifest.toml), sorted by name.
export def "extensions list" [] {
    let dir = (extensions dir)
    if not ($dir | path exists) {
        return []
    }
    glob ($dir | path join "*" "manifest.toml")
    | each {|file| open $file | select name version type core-version }
    | sort-by name
}
