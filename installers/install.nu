#!/usr/bin/env nu
# provisioning installer for Nushell users: the same options, checks and receipts as install.sh
# (see docs/installing.md). Receipts are shared: what one installer installed, the other upgrades or removes.
#
#   nu install.nu --registry https://REGISTRY --channel stable
#
# Every file is checked against its SHA-256 from the registry (index.json → bundle.json → archives) with
# Nushell's own `hash sha256`; archives are listed with tar BEFORE unpacking and refused when they hold absolute
# paths, '..', links that leave the prefix or special files; the unpacked tree is checked again. index.json is
# trusted only when its signature (index.json.sig) verifies, with openssl, with the registry's public key below
# (filled in when the registry publishes this installer; --public-key FILE overrides it), and only when it has not
# expired and its serial is not lower than the one this prefix was last installed from.

const EMBEDDED_PUBLIC_KEY = ''

const TARGETS = [linux-x64 linux-arm64 darwin-x64 darwin-arm64]
const SAFE_CHARS = '^[A-Za-z0-9._+@=,:/~-]+$'

# Stops with "what — fix": exit 1 (or 2 for wrong usage), after the temporary folder is removed.
def fail [what: string, fix: string] {
    error make --unspanned {msg: $"($what) — ($fix)"}
}

def usage-fail [what: string] {
    error make --unspanned {msg: $"USAGE ($what) — run install.nu --help"}
}

def is-safe-name [name: string] {
    ($name =~ '^[A-Za-z0-9._+-]+$') and ($name != '.') and ($name != '..')
}

def is-component-id [id: string] {
    ($id in [core platform workspace]) or (($id | str starts-with 'ext-') and ($id | str length) > 4 and (is-safe-name ($id | str substring 4..)))
}

# A path relative to a root: safe characters, not absolute, no '.', '..' or empty part.
def is-safe-relpath [path: string] {
    if ($path | is-empty) or ($path | str starts-with '/') or not ($path =~ $SAFE_CHARS) {
        return false
    }
    $path | split row '/' | all {|part| $part not-in ['' '.' '..'] }
}

# Whether a relative link at PATH (relative to the prefix) resolves inside the prefix.
def link-stays-inside [path: string, target: string] {
    if ($target | is-empty) or ($target | str starts-with '/') or not ($target =~ $SAFE_CHARS) {
        return false
    }
    mut depth = ($path | split row '/' | length) - 1
    for part in ($target | split row '/') {
        if $part == '..' {
            $depth = $depth - 1
            if $depth < 0 { return false }
        } else if $part not-in ['' '.'] {
            $depth = $depth + 1
        }
    }
    true
}

# Whether version A is older than B in SemVer 2.0 order (numbers compared as numbers, a pre-release before its
# release, build metadata ignored), as NuGetVersion orders them in the tool.
def version-lt [a: string, b: string] {
    let x = ($a | split row '+' | first)
    let y = ($b | split row '+' | first)
    let xs = ($x | split row -n 2 '-')
    let ys = ($y | split row -n 2 '-')
    let xn = ($xs.0 | split row '.' | each {|p| $p | into int })
    let yn = ($ys.0 | split row '.' | each {|p| $p | into int })
    let n = ([($xn | length) ($yn | length)] | math max)
    for i in 0..<$n {
        let p = ($xn | get -o $i | default 0)
        let q = ($yn | get -o $i | default 0)
        if $p != $q { return ($p < $q) }
    }
    let xpre = ($xs | get -o 1 | default '' | str lowercase)
    let ypre = ($ys | get -o 1 | default '' | str lowercase)
    if $xpre == $ypre { return false }
    if $xpre == '' { return false }
    if $ypre == '' { return true }
    let xp = ($xpre | split row '.')
    let yp = ($ypre | split row '.')
    for i in 0..<([($xp | length) ($yp | length)] | math min) {
        let p = ($xp | get $i)
        let q = ($yp | get $i)
        if $p == $q { continue }
        let pnum = ($p =~ '^[0-9]+$')
        let qnum = ($q =~ '^[0-9]+$')
        if $pnum and $qnum { return (($p | into int) < ($q | into int)) }
        if $pnum { return true }
        if $qnum { return false }
        return ($p < $q)
    }
    ($xp | length) < ($yp | length)
}

# Whether VERSION meets a requirement in the lowered form of requiresBounds (docs/formats.md): every comparator
# (>=V, >V, <=V, <V) holds in SemVer order and, for a pre-release, a pre=MAJOR.MINOR.PATCH entry names its
# MAJOR.MINOR.PATCH (Cargo's rules, lowered by the tool).
def satisfies-bounds [version: string, bounds: string] {
    let release = ($version | split row '+' | first | split row -n 2 '-')
    let parts = ($bounds | split row ',')
    for part in $parts {
        if ($part | str starts-with 'pre=') { continue }
        let op = if ($part | str substring 1..1) == '=' { $part | str substring 0..1 } else { $part | str substring 0..0 }
        let bound = ($part | str substring ($op | str length)..)
        let holds = match $op {
            '>=' => (not (version-lt $version $bound)),
            '>' => (version-lt $bound $version),
            '<=' => (not (version-lt $bound $version)),
            _ => (version-lt $version $bound),
        }
        if not $holds { return false }
    }
    ($release | length) == 1 or ($parts | any {|part| $part == $"pre=($release.0)" })
}

# Whether TEXT is a lowered requirement as the tool writes it (comparators on safe version strings).
def is-bounds [text: string] {
    ($text | is-not-empty) and ($text | split row ',' | all {|part|
        let parsed = ($part | parse --regex '^(?:>=|>|<=|<|pre=)(?<v>.+)$')
        ($parsed | is-not-empty) and (is-safe-name $parsed.0.v)
    })
}

# What a component record (of bundle.json or index.json) says the component needs of other components:
# {component, version, dep, bounds, text} records; a record whose requirements are malformed stops the run.
def requires-of [record: record, id: string, version: string, where: string] {
    let requires = ($record.requires? | default {})
    let bounds = ($record.requiresBounds? | default {})
    if ($requires | describe | str starts-with 'record') == false or ($bounds | describe | str starts-with 'record') == false {
        fail $"($where) gives ($id) ($version) a bad requirement" 'do not use this registry until it is repaired'
    }
    if ($requires | columns | length) != ($bounds | columns | length) {
        fail $"($where) gives ($id) ($version) requiresBounds that do not match its requires" 'do not use this registry until it is repaired'
    }
    mut found = []
    for r in ($requires | transpose dep text) {
        let b = ($bounds | get -o $r.dep)
        let ok = (is-component-id $r.dep) and (($b | describe) == 'string') and (($r.text | describe) == 'string') and ($r.text =~ '^[A-Za-z0-9.^~*<>=, +-]+$') and (is-bounds ($b | default ''))
        if not $ok { fail $"($where) gives ($id) ($version) a bad requirement on '($r.dep)'" 'do not use this registry until it is repaired' }
        $found = ($found | append {component: $id, version: $version, dep: $r.dep, bounds: $b, text: $r.text})
    }
    $found
}

# What an installed component needs, from its receipt (install.sh writes the same "DEP BOUNDS REQUIREMENT" lines).
def receipt-requires [receipts: string, id: string, version: string] {
    let file = ($receipts | path join $"($id).requires")
    if not ($file | path exists) { return [] }
    open --raw $file | lines | where {|l| $l != '' } | each {|line|
        let fields = ($line | split row -n 3 ' ')
        if ($fields | length) == 3 and (is-component-id $fields.0) and (is-bounds $fields.1) {
            {component: $id, version: $version, dep: $fields.0, bounds: $fields.1, text: $fields.2}
        }
    } | compact
}

# Checks what the components of AFTER ({component, version}: the prefix once this run is done) require, from
# REQUIRES for what this run installs and from the receipts for the rest. MODE install shows each requirement; one
# that this run's changes (CHANGED ids) leave unmet stops the run before anything changes.
def check-requirements [mode: string, after: list, changed: list<string>, requires: list, receipts: string] {
    let needs = ($after | each {|c|
        let planned = ($requires | where component == $c.component and version == $c.version)
        if ($planned | is-not-empty) { $planned } else { receipt-requires $receipts $c.component $c.version }
    } | flatten)
    mut failure = {}
    for n in $needs {
        let has = ($after | where component == $n.dep | get -o 0.version | default '')
        if ($has | is-not-empty) and (satisfies-bounds $has $n.bounds) {
            if $mode == 'install' { print $"requires: ($n.component) ($n.version) needs ($n.dep) ($n.text) \(($n.dep) ($has) satisfies it)" }
            continue
        }
        if $mode == 'install' {
            let state = if ($has | is-empty) { $"($n.dep) would not be installed" } else { $"($n.dep) ($has) does not satisfy it" }
            print $"requires: ($n.component) ($n.version) needs ($n.dep) ($n.text) \(($state))"
        }
        if ($failure | is-not-empty) or (($n.component not-in $changed) and ($n.dep not-in $changed)) { continue }
        $failure = if $mode == 'uninstall' {
            {what: $"($n.component) ($n.version) needs ($n.dep) ($n.text), and this would uninstall ($n.dep)", fix: $"uninstall ($n.component) too \(--component ($n.component)), or keep ($n.dep)"}
        } else if ($has | is-empty) {
            {what: $"($n.component) ($n.version) needs ($n.dep) ($n.text), which is neither installed in ($receipts | path dirname | path dirname | path dirname) nor being installed", fix: $"install ($n.dep) with it \(add --component ($n.dep)@VERSION, a version that satisfies ($n.text)), or install a bundle"}
        } else {
            {what: $"($n.component) ($n.version) needs ($n.dep) ($n.text), but ($n.dep) ($has) would be installed", fix: $"install a ($n.dep) that satisfies ($n.text) \(--component ($n.dep)@VERSION), or a ($n.component) made for ($n.dep) ($has)"}
        }
    }
    if ($failure | is-not-empty) { fail $"($failure.what); nothing was changed" $failure.fix }
}

def detect-target [] {
    let os_raw = ($env.PROVISIONING_OS? | default $nu.os-info.name)
    let arch_raw = ($env.PROVISIONING_ARCH? | default $nu.os-info.arch)
    let os = match $os_raw {
        'linux' | 'Linux' => 'linux'
        'macos' | 'darwin' | 'Darwin' => 'darwin'
        _ => { fail $"unsupported operating system '($os_raw)'" 'the installer supports linux and darwin (macOS); set PROVISIONING_OS to override' }
    }
    mut arch = match $arch_raw {
        'x86_64' | 'amd64' | 'x64' => 'x64'
        'aarch64' | 'arm64' => 'arm64'
        _ => { fail $"unsupported architecture '($arch_raw)'" 'the installer supports x64 and arm64; set PROVISIONING_ARCH to override' }
    }
    # An x64 process under Rosetta 2 on Apple silicon: install the native arm64 build.
    if $os == 'darwin' and $arch == 'x64' and ($env.PROVISIONING_ARCH? | is-empty) {
        let translated = (try { ^sysctl -n sysctl.proc_translated | str trim } catch { '0' })
        if $translated == '1' { $arch = 'arm64' }
    }
    $"($os)-($arch)"
}

# HOST[:PORT] is 127.0.0.1, localhost or [::1], with any port: the only hosts plain http is allowed for.
def is-loopback [host: string] {
    $host =~ '^(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?$'
}

# The registry: {kind: file|http, base: ...}.
def resolve-registry [registry: string] {
    let r = ($registry | str trim --right --char '/')
    if ($r | str starts-with 'https://') {
        {kind: http, base: $r}
    } else if ($r | str starts-with 'http://') {
        let host = ($r | str substring 7.. | split row '/' | first)
        if not (is-loopback $host) {
            fail $"refusing plain http for '($host)': downloads must use https \(http is allowed only for 127.0.0.1, localhost and [::1])" 'use an https:// registry URL'
        }
        {kind: http, base: $r}
    } else if ($r | str starts-with 'file://') {
        let base = ($r | str substring 7..)
        if not ($base | path exists) { fail $"the registry folder '($base)' does not exist" 'check --registry' }
        {kind: file, base: $base}
    } else if ($r =~ '^[A-Za-z][A-Za-z0-9+.-]*://') {
        fail $"unsupported registry URL '($r)'" 'use https://…, file://… or a folder'
    } else {
        let base = ($r | path expand)
        if not ($base | path exists) { fail $"the registry folder '($base)' does not exist" 'check --registry' }
        {kind: file, base: $base}
    }
}

# Copies or downloads one registry file to DEST.
def fetch [registry: record, relpath: string, dest: string] {
    if not (is-safe-relpath $relpath) {
        fail $"the registry names an unsafe path '($relpath)'" 'do not use this registry until it is repaired'
    }
    if $registry.kind == 'file' {
        let source = ($registry.base | path join $relpath)
        if not ($source | path exists) {
            fail $"'($relpath)' is missing from the registry '($registry.base)'" 'check --registry and the bundle name'
        }
        try { ^cp $source $dest } catch { fail $"could not copy '($source)'" 'check the registry folder and free space in the temporary folder' }
    } else {
        # Redirects are followed here, not by http get, so that one leading to plain http is refused first.
        mut url = $"($registry.base)/($relpath)"
        mut hops = 0
        loop {
            let current = $url
            let response = (try {
                http get --raw --full --redirect-mode manual --allow-errors --max-time 60sec $current
            } catch {
                null
            })
            if $response == null {
                fail $"could not download ($current)" 'check the URL, your connection and that the registry server runs'
            }
            if $response.status in [301 302 303 307 308] {
                let locations = ($response.headers.response | where name == 'location' | get value)
                if ($locations | is-empty) {
                    fail $"could not download ($current) \(HTTP ($response.status) without a location)" 'fix the registry server'
                }
                $hops = $hops + 1
                if $hops > 10 {
                    fail $"more than 10 redirects for ($registry.base)/($relpath)" "fix the registry server's redirects"
                }
                $url = (redirect-target $current ($locations | first))
                continue
            }
            if $response.status != 200 {
                fail $"could not download ($current) \(HTTP ($response.status))" 'check the URL, your connection and that the registry server runs'
            }
            $response.body | save --raw --force $dest
            break
        }
    }
}

# Where a redirect from FROM leads; refused when it leaves https (plain http only from a loopback http URL to a
# loopback host, as for --registry).
def redirect-target [from: string, location: string] {
    if ($location | str starts-with 'https://') {
        $location
    } else if ($location | str starts-with 'http://') {
        let host = ($location | str substring 7.. | split row '/' | first)
        if ($from | str starts-with 'http://') and (is-loopback $host) {
            $location
        } else {
            fail $"refusing a redirect from ($from) to plain http for '($host)': downloads must use https" 'use an https:// registry whose server redirects only to https'
        }
    } else if ($location | str starts-with '/') {
        let scheme = ($from | split row '://' | first)
        let authority = ($from | split row '://' | get 1 | split row '/' | first)
        $"($scheme)://($authority)($location)"
    } else {
        fail $"unsupported redirect from ($from) to '($location)'" 'use a registry whose server redirects to absolute https URLs'
    }
}

def verify-file [file: string, size: int, sha: string, what: string] {
    let actual_size = (ls $file | get 0.size | into int)
    if $actual_size != $size {
        fail $"($what) has ($actual_size) bytes where the registry says ($size) \(a truncated or altered download)" 'run the installer again; if it persists the registry is damaged'
    }
    let actual = (open --raw $file | hash sha256)
    if $actual != $sha {
        fail $"($what) has SHA-256 ($actual) where the registry says ($sha) \(the file was altered)" 'do not use this registry until it is repaired'
    }
}

def is-sha256 [value: any] {
    ($value | describe) == 'string' and ($value =~ '^[0-9a-f]{64}$')
}

def index-file-entry [index: record, path: string] {
    $index.files? | default [] | where path == $path | get 0?
}

# Signature, freshness and rollback (docs/installing.md, "Signature, expiry and rollback"): index.json is trusted
# only when index.json.sig verifies with the registry's public key (EMBEDDED_PUBLIC_KEY, or --public-key FILE),
# directly or through the registry's rotation statements (keys/rotation-N.pub.pem, each signed by the key before
# it). Then it must not have expired, and its serial may not be lower than the one in RECEIPTS/registry.serial.
def trusted-key [public_key: string, tmp: string] {
    let dest = ($tmp | path join 'trusted.pem')
    if ($public_key | is-not-empty) {
        if not ($public_key | path exists) {
            fail $"the public key file '($public_key)' does not exist" 'check --public-key (or PROVISIONING_PUBLIC_KEY)'
        }
        let text = (try { open --raw $public_key | into binary | decode utf-8 } catch { '' })
        if ($text | str contains 'PRIVATE KEY-----') {
            fail $"the public key file '($public_key)' holds a private key; refusing to use it" "pass the registry's public key (-----BEGIN PUBLIC KEY-----), and keep the private key off this machine"
        }
        if not ($text =~ '(?m)^-----BEGIN PUBLIC KEY-----') {
            fail $"the public key file '($public_key)' holds no PEM public key \(-----BEGIN PUBLIC KEY-----)" 'check --public-key (or PROVISIONING_PUBLIC_KEY)'
        }
        ^cp $public_key $dest
    } else if ($EMBEDDED_PUBLIC_KEY | is-not-empty) {
        $"($EMBEDDED_PUBLIC_KEY)\n" | save --raw --force $dest
    } else {
        fail "this installer carries no registry public key (it is a repository copy, not one a registry published), so it cannot verify index.json.sig; refusing to install" 'download the installer from the registry (REGISTRY/installers/install.nu), or pass --public-key FILE'
    }
    $dest
}

# A DER ECDSA signature over SHA-256, as openssl dgst -verify checks it.
def signature-verifies [file: string, signature: string, key: string] {
    (do { ^openssl dgst -sha256 -verify $key -signature $signature $file } | complete).exit_code == 0
}

def fetch-optional [registry: record, relpath: string, dest: string] {
    try { fetch $registry $relpath $dest; true } catch { false }
}

def verify-index [registry: record, public_key: string, tmp: string] {
    if (which openssl | is-empty) {
        fail "no openssl found: the installer verifies the registry's signature (index.json.sig) with openssl and refuses to install without it" 'install openssl (or LibreSSL) and run again'
    }
    let key = (trusted-key $public_key $tmp)
    let index = ($tmp | path join 'index.json')
    let signature = ($tmp | path join 'index.json.sig')
    if not (fetch-optional $registry 'index.json.sig' $signature) {
        fail 'the registry has no signature index.json.sig for index.json; refusing to install unsigned files' 'use a registry that provisioning-dist publish signed, or ask its maintainer to publish again'
    }
    if (signature-verifies $index $signature $key) { return }
    let rotations = ($tmp | path join 'rotations')
    if (fetch-optional $registry 'keys/rotations' $rotations) {
        let pem = ($tmp | path join 'rotation.pem')
        let pem_signature = ($tmp | path join 'rotation.sig')
        for name in (open --raw $rotations | lines | where {|line| $line =~ '^rotation-[0-9]+\.pub\.pem$' }) {
            if (fetch-optional $registry $"keys/($name)" $pem) and (fetch-optional $registry $"keys/($name).sig" $pem_signature) and (signature-verifies $pem $pem_signature $key) {
                ^cp $pem $key
            }
        }
        if (signature-verifies $index $signature $key) { return }
    }
    fail "index.json's signature (index.json.sig) does not verify with the registry's public key: the registry was altered, or signed by a key this installer does not trust; refusing to install" 'do not use this registry until it is repaired; after a key change, download the installer from the registry again or pass --public-key FILE'
}

# The index's serial, once it is known to be fresh: not expired, not lower than RECEIPTS/registry.serial.
def check-freshness [index: record, prefix: string, receipts: string] {
    let serial = ($index.serial? | default null)
    if ($serial | describe) != 'int' { fail 'index.json has no serial' 'do not use this registry until it is repaired' }
    let expires = ($index.expires? | default '')
    if not (($expires | describe) == 'string' and ($expires =~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$')) {
        fail 'index.json has no expiry ("expires"); refusing an index that could be replayed forever' 'ask the registry''s maintainer to publish again with a current provisioning-dist'
    }
    # UTC times of one fixed format compare as text.
    let now = (date now | date to-timezone UTC | format date '%Y-%m-%dT%H:%M:%SZ')
    if ([$now $expires] | sort | first) == $expires {
        fail $"index.json expired on ($expires) \(now ($now)): the registry was not renewed, or an old copy is being replayed; refusing to install" "ask the registry's maintainer to publish again (which renews it), or check this machine's clock"
    }
    let seen_file = ($receipts | path join 'registry.serial')
    if ($seen_file | path exists) {
        let seen = (open --raw $seen_file | lines | get 0? | default '')
        if not ($seen =~ '^[0-9]+$') {
            fail $"($seen_file) holds '($seen)', not a serial, so the installer cannot tell whether index.json is an older one replayed; refusing to install" 'if you trust this registry, remove that file and run again; nothing was changed'
        }
        if $serial < ($seen | into int) {
            fail $"index.json has serial ($serial), lower than serial ($seen) that ($prefix) was installed from: an older index is being replayed \(a rollback); refusing to install" 'use an up-to-date registry or mirror; nothing was changed'
        }
    }
    $serial
}

# Records the index's serial in the receipts, so that a later run refuses an older index.
def remember-serial [receipts: string, serial: int] {
    $"($serial)\n" | save --raw --force ($receipts | path join '.registry.serial.new')
    ^mv -f ($receipts | path join '.registry.serial.new') ($receipts | path join 'registry.serial')
}

def plan-bundle [registry: record, index: record, bundle_opt: string, channel: string, target: string, tmp: string] {
    let bundle = if ($bundle_opt | is-not-empty) { $bundle_opt } else {
        let named = ($index.channels? | default {} | get -o $channel)
        if ($named | is-empty) { fail $"the registry has no '($channel)' channel" 'use --bundle NAME, or --channel stable|lts' }
        if not (is-safe-name $named) { fail $"the registry's '($channel)' channel names a bad bundle '($named)'" 'do not use this registry until it is repaired' }
        $named
    }
    let entry = ($index.bundles? | default [] | where id == $bundle | get 0?)
    if $entry == null {
        let known = ($index.bundles? | default [] | get id | str join ' ')
        fail $"the registry has no bundle '($bundle)'" $"use one of: ($known)"
    }
    let manifest_path = $entry.manifest
    let file_entry = (index-file-entry $index $manifest_path)
    let expected = if $file_entry != null { $file_entry } else { $entry }
    if $file_entry != null and $entry.sha256? != null and $entry.sha256 != $file_entry.sha256 {
        fail $"index.json gives two different SHA-256 for ($manifest_path)" 'do not use this registry until it is repaired'
    }
    if not (is-sha256 $expected.sha256?) or ($expected.size? | describe) != 'int' {
        fail $"index.json has no size and SHA-256 for ($manifest_path)" 'do not use this registry until it is repaired'
    }
    let manifest_file = ($tmp | path join 'bundle.json')
    fetch $registry $manifest_path $manifest_file
    verify-file $manifest_file $expected.size $expected.sha256 $manifest_path
    let manifest = (open --raw $manifest_file | from json)
    if $manifest.bundle? != $bundle {
        fail $"($manifest_path) does not describe bundle '($bundle)'" 'do not use this registry until it is repaired'
    }
    let artifacts = ($manifest.artifacts? | default [])
    for a in $artifacts {
        let ok = (is-component-id ($a.component? | default '')) and (is-safe-name ($a.version? | default '')) and (is-safe-name ($a.name? | default '')) and (($a.size? | describe) == 'int') and (is-sha256 $a.sha256?)
        if not $ok { fail $"($manifest_path) has a bad artifact record: ($a | to json --raw)" 'do not use this registry until it is repaired' }
        if $a.target? != 'noarch' and $a.target? not-in $TARGETS {
            fail $"($manifest_path) names an unknown target '($a.target?)'" 'do not use this registry until it is repaired'
        }
    }
    let chosen = ($artifacts | where {|a| $a.target == 'noarch' or $a.target == $target })
    let platform_targets = ($artifacts | where component == 'platform' and target != 'noarch' | get target | uniq)
    if ($platform_targets | is-not-empty) and ($target not-in $platform_targets) {
        fail $"bundle '($bundle)' has no platform build for ($target) \(it has: ($platform_targets | str join ' '))" 'install on a supported machine, or set PROVISIONING_OS/PROVISIONING_ARCH'
    }
    if ($chosen | is-empty) { fail $"bundle '($bundle)' has no archives" 'do not use this registry until it is repaired' }
    mut requires = []
    for c in ($manifest.components? | default []) {
        if not (is-component-id ($c.id? | default '')) or not (is-safe-name ($c.version? | default '')) {
            fail $"($manifest_path) has a bad component record: ($c | to json --raw)" 'do not use this registry until it is repaired'
        }
        $requires = ($requires | append (requires-of $c $c.id $c.version $manifest_path))
    }
    {
        bundle: $bundle
        requires: $requires
        archives: ($chosen | each {|a| {component: $a.component, version: $a.version, name: $a.name, size: $a.size, sha256: $a.sha256, path: $"packages/($a.component)/($a.version)/($a.name)"} })
    }
}

# The archives of every --component for this machine, or none when one of them has none.
def plan-components [index: record, components: list, target: string] {
    mut archives = []
    mut requires = []
    for c in $components {
        let planned = (plan-component $index $c.id $c.version $target)
        $archives = ($archives | append $planned.archives)
        $requires = ($requires | append $planned.requires)
    }
    {bundle: '', archives: $archives, requires: $requires}
}

def plan-component [index: record, id: string, version: string, target: string] {
    let entry = ($index.components? | default [] | where id == $id and version == $version | get 0?)
    if $entry == null { fail $"the registry has no ($id) ($version); nothing was changed" "check the version against the registry's index.json" }
    let requires = (requires-of $entry $id $version 'index.json')
    let archives = ($entry.files | each {|path|
        if not (is-safe-relpath $path) { fail $"index.json names an unsafe path '($path)'" 'do not use this registry until it is repaired' }
        let name = ($path | path basename)
        let other = ($TARGETS | where {|t| $t != $target and ($name | str ends-with $"-($t).tar.gz") } | is-not-empty)
        if $other { null } else {
            let f = (index-file-entry $index $path)
            if $f == null or not (is-sha256 $f.sha256?) { fail $"index.json has no size and SHA-256 for ($path)" 'do not use this registry until it is repaired' }
            {component: $id, version: $version, name: $name, size: $f.size, sha256: $f.sha256, path: $path}
        }
    } | compact)
    if ($archives | is-empty) { fail $"the registry has no archive of ($id) ($version) for ($target); nothing was changed" 'install on a supported machine, or set PROVISIONING_OS/PROVISIONING_ARCH' }
    {archives: $archives, requires: $requires}
}

# Lists an archive BEFORE unpacking it and refuses what install.sh refuses.
def inspect-archive [archive: string, what: string] {
    let short = (do { ^tar -P -tzf $archive } | complete)
    let long = (do { ^tar -P -tzvf $archive } | complete)
    if $short.exit_code != 0 or $long.exit_code != 0 {
        fail $"($what) is not a readable .tar.gz: ($short.stderr | lines | get 0? | default '')" 'run the installer again; if it persists the registry is damaged'
    }
    let names = ($short.stdout | lines)
    let longs = ($long.stdout | lines)
    if ($names | length) != ($longs | length) {
        fail $"($what) lists differently in short and long form \(unusual names)" 'do not use this registry until it is repaired'
    }
    # The same path twice (the last would win, unseen by this check): refused.
    let normalised = ($names | each {|n| $n | str replace --regex '^\./' '' | str replace --regex '/+$' '' } | where {|n| $n not-in ['' '.'] })
    let duplicate = ($normalised | uniq --repeated | get 0?)
    if $duplicate != null {
        fail $"($what) holds '($duplicate)' twice; refusing to install it" 'do not use this registry until it is repaired'
    }
    mut links = []
    for row in ($names | zip $longs) {
        let name = $row.0
        let type = ($row.1 | str substring 0..0)
        let path = ($name | str trim --right --char '/' | str replace --regex '^\./' '')
        if $path == '.' or $path == '' { continue }
        if ($path | str starts-with '/') {
            fail $"($what) holds an absolute path '($name)'; refusing to install it" 'do not use this registry until it is repaired'
        }
        if not (is-safe-relpath $path) {
            fail $"($what) holds an unsafe path '($name)' \('..', or characters the installer does not accept); refusing to install it" 'do not use this registry until it is repaired'
        }
        if (is-bookkeeping $path $type) {
            fail $"($what) holds '($path)', a path of the installer's own bookkeeping; refusing to install it" 'do not use this registry until it is repaired'
        }
        match $type {
            '-' | 'd' => {}
            'l' => {
                let marker = $" ($name) -> "
                let at = ($row.1 | str index-of $marker)
                let target = if $at < 0 { '' } else { $row.1 | str substring ($at + ($marker | str length)).. }
                if not (link-stays-inside $path $target) {
                    fail $"($what) holds a symbolic link '($path)' -> '($target)' that points outside the prefix; refusing to install it" 'do not use this registry until it is repaired'
                }
                $links = ($links | append $path)
            }
            'h' => { fail $"($what) holds a hard link '($name)'; refusing to install it" 'archives may hold only files, folders and relative symbolic links' }
            _ => { fail $"($what) holds a special file '($name)'; refusing to install it" 'archives may hold only files, folders and relative symbolic links' }
        }
    }
    for link in $links {
        let through = ($names | where {|n| ($n | str starts-with $"($link)/") or ($n | str starts-with $"./($link)/") })
        if ($through | is-not-empty) {
            fail $"($what) writes through the symbolic link '($link)'; refusing to install it" 'do not use this registry until it is repaired'
        }
    }
}

# Whether an archive entry would be (or replace a folder on the way to) the installer's own bookkeeping: the
# receipts and the staging folders. Archives never hold those.
def is-bookkeeping [path: string, type: string] {
    if ($path == 'share/provisioning/receipts') or ($path | str starts-with 'share/provisioning/receipts/') or ($path | str starts-with '.provisioning-staging') {
        return true
    }
    ($path in ['share' 'share/provisioning']) and $type != 'd'
}

# The target of the symbolic link REL would be once installed (a link of an archive being installed, else one
# already in the prefix), or null when it is no link.
def link-target-of [prefix: string, trees: list<string>, rel: string] {
    for tree in $trees {
        let candidate = ($tree | path join $rel)
        if ($candidate | path type) == 'symlink' { return (^readlink $candidate | str trim --right --char "\n") }
    }
    let installed = ($prefix | path join $rel)
    if ($installed | path type) == 'symlink' { return (^readlink $installed | str trim --right --char "\n") }
    null
}

# Whether PREFIX/REL, every symbolic link on the way followed (those of the archives being installed and those
# already in the prefix), stays inside the prefix. Decides by where links lead, not by their text alone, so chains
# (a -> ., c -> a/..) are seen; it reads only links inside the prefix and the archives.
def resolves-inside [prefix: string, trees: list<string>, rel: string] {
    mut done = []
    mut todo = ($rel | split row '/')
    mut hops = 0
    while ($todo | is-not-empty) {
        let part = ($todo | first)
        $todo = ($todo | skip 1)
        if $part in ['' '.'] { continue }
        if $part == '..' {
            if ($done | is-empty) { return false }
            $done = ($done | drop 1)
            continue
        }
        let next = ($done | append $part | str join '/')
        let target = (link-target-of $prefix $trees $next)
        if $target == null {
            $done = ($done | append $part)
        } else {
            $hops = $hops + 1
            if $hops > 40 or ($target | is-empty) or ($target | str starts-with '/') { return false }
            $todo = ($target | split row '/' | append $todo)
        }
    }
    true
}

# Whether the folder REL is written into or removed from resolves inside the prefix.
def parent-inside [prefix: string, trees: list<string>, rel: string] {
    if not ($rel | str contains '/') { return true }
    resolves-inside $prefix $trees ($rel | path dirname)
}

# Every link of every archive resolves inside the prefix, and every path is written into a folder that does,
# considering the links of all archives and of the prefix. Runs before anything in the prefix changes.
def check-unpacked [prefix: string, trees: list<string>] {
    if not (resolves-inside $prefix $trees 'share/provisioning/receipts') {
        fail $"($prefix)/share/provisioning/receipts leads outside the prefix through a symbolic link" $"remove that link from ($prefix) and run again; nothing was changed"
    }
    for tree in $trees {
        let component = ($tree | path basename)
        for rel in (tree-files $tree) {
            if not (parent-inside $prefix $trees $rel) {
                fail $"($component) writes '($rel)' through a symbolic link that leads outside the prefix; refusing to install it" $"do not use this registry until it is repaired, or remove the link from ($prefix)"
            }
            if (($tree | path join $rel) | path type) == 'symlink' and not (resolves-inside $prefix $trees $rel) {
                let target = (^readlink ($tree | path join $rel) | str trim --right --char "\n")
                fail $"($component) holds a symbolic link '($rel)' -> '($target)' that resolves outside the prefix \(with the links of the archives and of ($prefix)); refusing to install it" 'do not use this registry until it is repaired'
            }
        }
    }
}

# Every file of a receipt is removed from a folder inside the prefix (never through a link that leads outside).
def check-removable [prefix: string, receipts: string, trees: list<string>, id: string] {
    for file in (receipt-files $receipts $id) {
        if (is-safe-relpath $file) and not (parent-inside $prefix $trees $file) {
            fail $"the receipt of ($id) lists '($file)', which a symbolic link in ($prefix) leads outside the prefix; refusing to remove anything" $"remove that link from ($prefix) and run again; nothing was changed"
        }
    }
}

# Files owner-writable and readable by all, executable by all only where the archive marks them executable for
# their owner; no setuid, setgid or sticky bit, nothing group- or world-writable.
def normalise-modes [dir: string] {
    let result = (do {
        ^find $dir -type f -perm -100 -exec chmod 0755 '{}' '+'
        ^find $dir -type f '!' -perm -100 -exec chmod 0644 '{}' '+'
        ^find $dir -type d -exec chmod 0755 '{}' '+'
    } | complete)
    if $result.exit_code != 0 { fail $"could not set the modes of the files unpacked in ($dir)" 'check the temporary folder' }
}

def extract-archive [archive: string, dir: string, what: string] {
    mkdir $dir
    let root = (^id -u | str trim) == '0'
    let result = if $root {
        do { ^tar --no-same-owner -xzf $archive -C $dir } | complete
    } else {
        do { ^tar -xzf $archive -C $dir } | complete
    }
    if $result.exit_code != 0 {
        fail $"could not unpack ($what): ($result.stderr | lines | get 0? | default '')" 'check free space in the temporary folder'
    }
    let special = (^find $dir '!' -type f '!' -type d '!' -type l | lines)
    if ($special | is-not-empty) {
        fail $"($what) unpacked a special file ($special | first); refusing to install it" 'do not use this registry until it is repaired'
    }
    for link in (^find $dir -type l | lines) {
        let relative = ($link | str substring (($dir | str length) + 1)..)
        let target = (^readlink $link | str trim)
        if not (link-stays-inside $relative $target) {
            fail $"($what) unpacked a symbolic link '($relative)' -> '($target)' that points outside the prefix; refusing to install it" 'do not use this registry until it is repaired'
        }
    }
    normalise-modes $dir
}

# Files and links of an unpacked tree, relative, sorted as install.sh sorts them (LC_ALL=C).
def tree-files [dir: string] {
    ^find $dir '!' -type d | lines | each {|f| $f | str substring (($dir | str length) + 1).. } | sort
}

def receipt-version [receipts: string, id: string] {
    let file = ($receipts | path join $"($id).version")
    if ($file | path exists) { open --raw $file | lines | get 0? | default '' } else { '' }
}

def installed-components [receipts: string] {
    if not ($receipts | path exists) { return [] }
    ls $receipts | where name =~ '\.files$' | get name | each {|f| $f | path basename | str replace --regex '\.files$' '' } | sort
}

def receipt-files [receipts: string, id: string] {
    let file = ($receipts | path join $"($id).files")
    if ($file | path exists) { open --raw $file | lines | where {|l| $l != '' } } else { [] }
}

def present [path: string] {
    ($path | path exists --no-symlink)
}

# Creates PREFIX/REL and its parents; returns the folders it created (parents first).
def mkdirs-tracked [prefix: string, rel: string] {
    let parts = ($rel | split row '/')
    mut created = []
    mut current = ''
    for part in $parts {
        $current = if $current == '' { $part } else { $"($current)/($part)" }
        let full = ($prefix | path join $current)
        if not ($full | path exists) {
            let made = (do { ^mkdir $full } | complete)
            if $made.exit_code != 0 and not ($full | path exists) {
                fail $"could not create ($full)" 'check permissions and that no file is in the way'
            }
            $created = ($created | append $current)
        }
    }
    $created
}

# The tests' way to kill the installer with SIGKILL at a named step (PROVISIONING_TEST_CRASH_AT), to prove that a run
# killed there leaves a prefix that a rerun completes and an uninstall restores.
def crash-point [name: string] {
    if ($env.PROVISIONING_TEST_CRASH_AT? | default '') == $name { ^kill -9 $nu.pid }
}

# What a killed run left: its staging folder (when its process is gone) and half-written receipt files.
def clean-after-killed-runs [prefix: string, receipts: string] {
    if ($prefix | path type) == 'dir' {
        for dir in (ls -a $prefix | where type == dir | get name | where {|n| ($n | path basename) | str starts-with '.provisioning-staging.' }) {
            let pid = ($dir | path basename | split row '.' | last)
            let alive = ($pid =~ '^[0-9]+$') and ($pid != ($nu.pid | into string)) and ((do { ^kill -0 $pid } | complete).exit_code == 0)
            if not $alive { ^rm -rf $dir }
        }
    }
    if ($receipts | path type) == 'dir' {
        for file in (ls -a $receipts | get name | where {|n| (($n | path basename) | str starts-with '.') and ($n | str ends-with '.new') }) { ^rm -f $file }
    }
}

# Records created folders in installer.dirs at once, so that a run killed after it still has them removed.
def track-dirs [receipts: string, created: list<string>] {
    if ($created | is-not-empty) {
        ($created | str join "\n") + "\n" | save --raw --append ($receipts | path join 'installer.dirs')
    }
}

def remove-component [prefix: string, receipts: string, trees: list<string>, id: string] {
    for file in (receipt-files $receipts $id) {
        if not (is-safe-relpath $file) or (is-bookkeeping $file '-') or not (parent-inside $prefix $trees $file) { continue }
        let full = ($prefix | path join $file)
        if (present $full) and (($full | path type) != 'dir') {
            let removed = (do { ^rm -f $full } | complete)
            if $removed.exit_code != 0 { fail $"could not remove ($full)" 'check permissions' }
            crash-point removing
        }
    }
    ^rm -f ($receipts | path join $"($id).files") ($receipts | path join $"($id).version") ($receipts | path join $"($id).requires")
}

# Removes the tracked folders that are empty again (deepest first) and keeps the list of those that remain.
def prune-dirs [prefix: string, receipts: string] {
    let list = ($receipts | path join 'installer.dirs')
    if not ($list | path exists) { return }
    let dirs = (open --raw $list | lines | where {|l| $l != '' } | uniq | sort --reverse)
    let none_left = (installed-components $receipts | is-empty)
    if $none_left { ^rm -f $list ($receipts | path join 'bundle') ($receipts | path join 'registry.serial') }
    for dir in $dirs {
        do { ^rmdir ($prefix | path join $dir) } | complete | ignore
    }
    if not $none_left {
        let left = ($dirs | where {|d| ($prefix | path join $d | path exists) } | sort)
        $left | str join "\n" | $in + (if ($left | is-empty) { '' } else { "\n" }) | save --raw --force $list
    }
}

def confirm [yes: bool, question: string] {
    if $yes or not (is-terminal --stdin) { return }
    let answer = (input $"($question) [y/N] ")
    if $answer not-in ['y' 'Y' 'yes' 'Yes' 'YES'] {
        fail 'cancelled; nothing was changed' 'run again and answer y, or pass --yes'
    }
}

def run-uninstall [prefix: string, named: list, yes: bool, dry_run: bool] {
    let receipts = ($prefix | path join 'share/provisioning/receipts')
    let components = if ($named | is-not-empty) {
        for c in $named {
            if not ($receipts | path join $"($c.id).files" | path exists) { fail $"($c.id) is not installed in ($prefix); nothing was changed" 'check --prefix' }
            let installed = (receipt-version $receipts $c.id)
            if ($c.version | is-not-empty) and $c.version != $installed {
                fail $"($c.id) ($c.version) is not installed in ($prefix) \(it has ($c.id) ($installed)); nothing was changed" $"give --component ($c.id) alone"
            }
        }
        $named | get id
    } else {
        let all = (installed-components $receipts)
        if ($all | is-empty) { fail $"nothing installed by this installer in ($prefix)" 'check --prefix' }
        $all
    }
    print $"prefix: ($prefix)"
    for id in $components {
        print $"remove ($id) (receipt-version $receipts $id) \((receipt-files $receipts $id | length) files)"
    }
    let after = (installed-components $receipts | where {|id| $id not-in $components } | each {|id| {component: $id, version: (receipt-version $receipts $id)} })
    check-requirements uninstall $after $components [] $receipts
    if $dry_run { print 'dry run: nothing was changed'; return }
    confirm $yes $"Remove these from ($prefix)?"
    for id in $components { check-removable $prefix $receipts [] $id }
    clean-after-killed-runs $prefix $receipts
    for id in $components { remove-component $prefix $receipts [] $id }
    prune-dirs $prefix $receipts
    print $"uninstalled from ($prefix)"
}

def run-install [opts: record, tmp: string, staging: string] {
    let target = (detect-target)
    let registry = (resolve-registry $opts.registry)
    let prefix = $opts.prefix
    let receipts = ($prefix | path join 'share/provisioning/receipts')
    fetch $registry 'index.json' ($tmp | path join 'index.json')
    verify-index $registry $opts.public_key $tmp
    let index = (try { open --raw ($tmp | path join 'index.json') | from json } catch { fail 'index.json is not JSON' 'check --registry' })
    if ($index.schema? | default 0) != 1 { fail 'index.json is not a schema 1 provisioning registry index' 'check --registry (or update the installer)' }
    let serial = (check-freshness $index $prefix $receipts)
    let plan = if ($opts.components | is-not-empty) {
        plan-components $index $opts.components $target
    } else {
        plan-bundle $registry $index $opts.bundle $opts.channel $target $tmp
    }
    let bundle = $plan.bundle

    print $"registry: ($opts.registry)"
    if ($bundle | is-not-empty) { print $"bundle: ($bundle)" }
    print $"target: ($target)"
    print $"prefix: ($prefix)"
    let components = ($plan.archives | select component version | uniq | sort-by component)
    let drop = if ($bundle | is-not-empty) {
        installed-components $receipts | where {|id| $id not-in ($components | get component) }
    } else { [] }
    mut downgrades = []
    for c in $components {
        let old = (receipt-version $receipts $c.component)
        if $old == '' { print $"install ($c.component) ($c.version)" } else if $old == $c.version { print $"reinstall ($c.component) ($c.version)" } else if (version-lt $c.version $old) {
            print $"downgrade ($c.component) ($old) -> ($c.version)"
            $downgrades = ($downgrades | append $"($c.component) ($old) -> ($c.version)")
        } else { print $"upgrade ($c.component) ($old) -> ($c.version)" }
    }
    for id in $drop { print $"remove ($id) (receipt-version $receipts $id) \(not in bundle ($bundle))" }
    for a in $plan.archives { print $"  ($a.name) \(($a.size) bytes)" }
    let kept = if ($bundle | is-not-empty) { [] } else {
        installed-components $receipts | where {|id| $id not-in ($components | get component) } | each {|id| {component: $id, version: (receipt-version $receipts $id)} }
    }
    check-requirements install ($components | append $kept) ($components | get component | append $drop) $plan.requires $receipts
    if ($downgrades | is-not-empty) and not $opts.allow_downgrade {
        fail $"this would downgrade ($downgrades | str join ', '); nothing was changed" 'pass --allow-downgrade to install the older version'
    }
    if $opts.dry_run { print 'dry run: nothing was changed'; return }
    confirm $opts.yes $"Install into ($prefix)?"

    # Download, verify and unpack in the temporary folder: nothing in the prefix changes yet.
    mkdir ($tmp | path join 'downloads') ($tmp | path join 'unpacked')
    for a in $plan.archives {
        let file = ($tmp | path join 'downloads' $a.name)
        fetch $registry $a.path $file
        verify-file $file $a.size $a.sha256 $a.name
        inspect-archive $file $a.name
        extract-archive $file ($tmp | path join 'unpacked' $a.component) $a.name
    }

    let trees = ($components | each {|c| $tmp | path join 'unpacked' $c.component })
    check-unpacked $prefix $trees
    for id in (installed-components $receipts) { check-removable $prefix $receipts $trees $id }

    # Copy into a staging folder inside the prefix (same file system), so the final moves are renames.
    let made_prefix = (do { ^mkdir -p $prefix } | complete)
    if $made_prefix.exit_code != 0 { fail $"could not create the prefix ($prefix)" 'check permissions, or choose --prefix' }
    clean-after-killed-runs $prefix $receipts
    let made = (do { ^mkdir $staging } | complete)
    if $made.exit_code != 0 { fail $"could not write to ($prefix)" 'check permissions, or choose --prefix (run as root for /usr/local)' }
    mut files_of = {}
    for c in $components {
        let source = ($tmp | path join 'unpacked' $c.component)
        let copied = (do { ^mkdir ($staging | path join $c.component) ; ^cp -RPp $"($source)/." ($staging | path join $c.component) } | complete)
        if $copied.exit_code != 0 {
            fail $"could not copy ($c.component) into ($prefix): ($copied.stderr | lines | get 0? | default '')" $"free space in ($prefix) and run again; nothing was changed"
        }
        let files = (tree-files $source)
        for f in $files {
            let dest = ($prefix | path join $f)
            if ($dest | path type) == 'dir' {
                fail $"($dest) is a folder where ($c.component) installs a file" 'move it away and run again; nothing was changed'
            }
        }
        $files_of = ($files_of | insert $c.component $files)
    }

    crash-point staged

    # From here the prefix changes: receipts folder, then per component its receipt widened to old and new files
    # (so that a run killed from here on leaves nothing an uninstall would not remove), files by rename, stale files,
    # the final receipt. A rerun after a kill completes the install.
    track-dirs $receipts (mkdirs-tracked $prefix 'share/provisioning/receipts')
    for c in $components {
        let files = ($files_of | get $c.component)
        let old_files = (receipt-files $receipts $c.component)
        let receipt = ($receipts | path join $"($c.component).files")
        (($old_files | append $files | uniq | sort | str join "\n") + "\n") | save --raw --force $"($receipts)/.($c.component).files.new"
        ^mv -f $"($receipts)/.($c.component).files.new" $receipt
        crash-point receipt-widened
        for f in $files {
            let dir = ($f | path dirname)
            if $dir != '' { track-dirs $receipts (mkdirs-tracked $prefix $dir) }
            let dest = ($prefix | path join $f)
            if ($dest | path type) == 'symlink' { ^rm -f $dest }
            let moved = (do { ^mv -f ($staging | path join $c.component $f) $dest } | complete)
            if $moved.exit_code != 0 { fail $"could not move ($f) into ($prefix)" 'the install is incomplete: run the installer again' }
            crash-point moving
        }
        let stale = ($old_files | where {|f| $f not-in $files })
        for f in $stale {
            let full = ($prefix | path join $f)
            if (is-safe-relpath $f) and not (is-bookkeeping $f '-') and (parent-inside $prefix $trees $f) and (present $full) and (($full | path type) != 'dir') {
                ^rm -f $full
                crash-point stale
            }
        }
        ($files | str join "\n") + "\n" | save --raw --force ($receipts | path join $"($c.component).files")
        $"($c.version)\n" | save --raw --force ($receipts | path join $"($c.component).version")
        let needs = ($plan.requires | where component == $c.component and version == $c.version | each {|n| $"($n.dep) ($n.bounds) ($n.text)\n" })
        $needs | str join '' | save --raw --force $"($receipts)/.($c.component).requires.new"
        ^mv -f $"($receipts)/.($c.component).requires.new" ($receipts | path join $"($c.component).requires")
    }
    for id in $drop {
        crash-point dropping
        remove-component $prefix $receipts $trees $id
    }
    if ($bundle | is-not-empty) { $"($bundle)\n" | save --raw --force ($receipts | path join 'bundle') }
    remember-serial $receipts $serial
    ^rm -rf $staging
    prune-dirs $prefix $receipts
    for c in $components { print $"installed ($c.component) ($c.version)" }
    print $"done: ($prefix)/bin is where the commands are; add it to PATH if it is not there"
}

# How many --component options the command line holds: Nushell binds a repeated flag to its last value, so a second
# one would be dropped unseen. Read from the process's own arguments (/proc on Linux, ps elsewhere); 0 when neither
# answers.
def component-flags [] {
    let proc = $"/proc/($nu.pid)/cmdline"
    let words = if ($proc | path exists) {
        open --raw $proc | split row (char nul)
    } else {
        do { ^ps -o args= -p $nu.pid } | complete | get stdout | split row ' '
    }
    $words | where {|w| $w == '--component' or ($w | str starts-with '--component=') } | length
}

def parse-options [registry, bundle, channel, component, prefix, public_key, uninstall: bool, yes: bool, dry_run: bool, allow_downgrade: bool] {
    if ($bundle | is-not-empty) and ($channel | is-not-empty) { usage-fail '--bundle and --channel exclude each other' }
    if ($component | is-not-empty) and (($bundle | is-not-empty) or ($channel | is-not-empty)) {
        usage-fail '--component installs single components; leave out --bundle and --channel'
    }
    if ($component | is-not-empty) and (component-flags) > 1 {
        usage-fail '--component is given more than once, and Nushell keeps only the last; give them comma-separated: --component core@3.2.1,ext-mongodb@1.2.0'
    }
    let channel = ($channel | default 'stable')
    if $channel not-in [stable lts] { usage-fail $"unknown channel '($channel)' \(use stable or lts)" }
    if ($bundle | is-not-empty) and not (is-safe-name $bundle) { usage-fail $"bad bundle name '($bundle)'" }
    mut components = []
    for item in (if ($component | is-empty) { [] } else { $component | split row ',' }) {
        let parts = if ($item | str contains '@') { $item | split row -n 2 '@' } else { [$item ''] }
        if not (is-component-id $parts.0) { usage-fail $"bad component '($parts.0)' \(core, platform, workspace or ext-NAME)" }
        if ($parts.1 | is-not-empty) and not (is-safe-name $parts.1) { usage-fail $"bad version '($parts.1)'" }
        if ($parts.1 | is-empty) and not $uninstall { usage-fail $"--component needs a version: --component ($parts.0)@VERSION" }
        $components = ($components | append {id: $parts.0, version: $parts.1})
    }
    let twice = ($components | get -o id | default [] | uniq --repeated)
    if ($twice | is-not-empty) { usage-fail $"--component ($twice | first) is given twice" }
    let prefix = if ($prefix | is-not-empty) { $prefix } else if ($env.PROVISIONING_PREFIX? | is-not-empty) { $env.PROVISIONING_PREFIX } else if (^id -u | str trim) == '0' { '/usr/local' } else {
        if ($env.HOME? | is-empty) { usage-fail 'HOME is not set; give --prefix DIR' }
        $env.HOME | path join '.local'
    }
    let prefix = ($prefix | path expand --no-symlink | str trim --right --char '/')
    if not ($prefix =~ $SAFE_CHARS) { usage-fail $"the prefix '($prefix)' holds characters the installer does not accept \(spaces, quotes, wildcards)" }
    if ($prefix | is-empty) { usage-fail 'the prefix cannot be /' }
    let registry = if ($registry | is-not-empty) { $registry } else { $env.PROVISIONING_REGISTRY? | default '' }
    if not $uninstall and ($registry | is-empty) { usage-fail 'no registry: give --registry URL|PATH or set PROVISIONING_REGISTRY' }
    {
        registry: $registry, bundle: ($bundle | default ''), channel: $channel,
        components: $components,
        prefix: $prefix, uninstall: $uninstall, yes: $yes, dry_run: $dry_run, allow_downgrade: $allow_downgrade,
        public_key: (if ($public_key | is-not-empty) { $public_key } else { $env.PROVISIONING_PUBLIC_KEY? | default '' })
    }
}

# Install a provisioning bundle (or one component) from a registry, verifying every file; or uninstall it.
#
# Environment: PROVISIONING_REGISTRY, PROVISIONING_PREFIX, PROVISIONING_PUBLIC_KEY, PROVISIONING_OS (linux|darwin), PROVISIONING_ARCH (x64|arm64).
# Exit codes: 0 done, 1 failed (nothing was changed unless the message says so), 2 wrong usage.
def main [
    --registry: string   # the registry (https://…, file://…, a folder; http only for loopback); default $PROVISIONING_REGISTRY
    --bundle: string     # install this bundle (e.g. stable-3.2)
    --channel: string    # install the bundle a channel points at: stable (default) or lts
    --component: string  # install only these components, comma-separated (core@3.1.0,ext-mongodb@1.2.0): all or none; with --uninstall, IDs alone are enough
    --prefix: string     # where to install (default /usr/local as root, $HOME/.local otherwise)
    --uninstall          # remove what the installer installed (every component, or the --component ones)
    --yes                # do not ask before changing anything
    --dry-run            # print the plan and change nothing
    --allow-downgrade    # install a component older than the one installed (refused without it)
    --public-key: string # the registry's public key (PEM) to verify index.json.sig with; default $PROVISIONING_PUBLIC_KEY
] {
    let opts = (try {
        parse-options $registry $bundle $channel $component $prefix $public_key $uninstall $yes $dry_run $allow_downgrade
    } catch {|error|
        let message = ($error.msg? | default ($error | to text))
        print --stderr $"install.nu: error: ($message | str replace --regex '^USAGE ' '')"
        exit (if ($message | str starts-with 'USAGE ') { 2 } else { 1 })
    })
    let tmp = (mktemp --directory -t provisioning-install.XXXXXX)
    let staging = ($opts.prefix | path join $".provisioning-staging.($nu.pid)")
    let outcome = (try {
        if $opts.uninstall {
            run-uninstall $opts.prefix $opts.components $opts.yes $opts.dry_run
        } else {
            run-install $opts $tmp $staging
        }
        0
    } catch {|error|
        print --stderr $"install.nu: error: ($error.msg? | default ($error | to text))"
        1
    })
    ^rm -rf $tmp $staging
    exit $outcome
}
