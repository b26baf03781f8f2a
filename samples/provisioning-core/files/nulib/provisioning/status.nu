use version.nu *

# A summary of the installed core: version, where it lives, its schemas.
export def "status report" [] {
    let root = (core-root)
    let schemas = (glob ($root | path join kcl "*.k") | length)
    [
        [key value];
        [version (core-version)]
        [root $root]
        [schemas $schemas]
        [nushell (version | get version)]
    ]
}
