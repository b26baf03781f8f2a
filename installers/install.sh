#!/bin/sh
# provisioning installer: installs a bundle (or one component) from a provisioning registry.
#
#   curl -fsSL https://REGISTRY/installers/install.sh | sh -s -- --registry https://REGISTRY
#
# Every file is checked against its SHA-256 from the registry (index.json → bundle.json → archives);
# archives are unpacked in a temporary folder and refused when they hold absolute paths, '..', links that
# leave the prefix or special files. What was installed is recorded in PREFIX/share/provisioning/receipts so
# that an upgrade replaces exactly those files and --uninstall removes exactly them. See docs/installing.md.
#
# index.json is trusted only when its signature (index.json.sig) verifies with the registry's public key below
# (filled in when the registry publishes this installer; --public-key FILE overrides it), and only when it has not
# expired and its serial is not lower than the one this prefix was last installed from.
#
# POSIX sh (dash, bash, busybox ash). Everything is inside functions and the last line calls main, so a
# download cut short runs nothing.

# The registry's public key (SPKI PEM), filled in when the registry publishes this installer.
embedded_public_key() {
    EMBEDDED_PUBLIC_KEY=''
}

usage() {
    cat <<'EOF'
Usage: install.sh [options]

  --registry URL|PATH     the registry (https://…, file://…, a folder; http only for 127.0.0.1/localhost/[::1]);
                          default: $PROVISIONING_REGISTRY
  --bundle NAME           install this bundle (e.g. stable-3.2)
  --channel stable|lts    install the bundle a channel points at (default: stable)
  --component ID@VERSION  install this component only (e.g. core@3.1.0); repeat it or give several
                          comma-separated (all are installed, or none); with --uninstall, ID alone is enough
  --prefix DIR            where to install (default: /usr/local as root, $HOME/.local otherwise;
                          or $PROVISIONING_PREFIX)
  --uninstall             remove what the installer installed (every component, or the --component ones)
  --yes                   do not ask before changing anything
  --dry-run               print the plan and change nothing
  --allow-downgrade       install a component older than the one installed (refused without it)
  --public-key FILE       the registry's public key (PEM) to verify index.json.sig with, instead of the one
                          this installer carries; default: $PROVISIONING_PUBLIC_KEY
  --help                  this text

Environment: PROVISIONING_REGISTRY, PROVISIONING_PREFIX, PROVISIONING_PUBLIC_KEY, PROVISIONING_OS (linux|darwin),
PROVISIONING_ARCH (x64|arm64), PROVISIONING_DOWNLOADER (curl|wget), TMPDIR.
Exit codes: 0 done, 1 failed (nothing was changed unless the message says so), 2 wrong usage.
EOF
}

say() {
    printf '%s\n' "$*"
}

warn() {
    printf 'install.sh: warning: %s\n' "$*" >&2
}

# die WHAT FIX: one line on stderr, exit 1.
die() {
    if [ -n "${2:-}" ]; then
        printf 'install.sh: error: %s — %s\n' "$1" "$2" >&2
    else
        printf 'install.sh: error: %s\n' "$1" >&2
    fi
    exit 1
}

usage_error() {
    printf 'install.sh: error: %s — run install.sh --help\n' "$1" >&2
    exit 2
}

need() {
    command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not installed" "install $1 and run again"
}

# ----------------------------------------------------------------------------------------------------------
# Options

parse_args() {
    OPT_REGISTRY="${PROVISIONING_REGISTRY:-}"
    OPT_BUNDLE=""
    OPT_CHANNEL=""
    COMPONENTS=""
    OPT_PREFIX="${PROVISIONING_PREFIX:-}"
    OPT_UNINSTALL=0
    OPT_YES=0
    OPT_DRY_RUN=0
    OPT_ALLOW_DOWNGRADE=0
    OPT_PUBLIC_KEY="${PROVISIONING_PUBLIC_KEY:-}"
    while [ $# -gt 0 ]; do
        pa_name="$1"
        pa_value=""
        pa_inline=0
        case "$pa_name" in
            --*=*)
                pa_value="${pa_name#*=}"
                pa_name="${pa_name%%=*}"
                pa_inline=1
                ;;
        esac
        case "$pa_name" in
            --registry | --bundle | --channel | --component | --prefix | --public-key)
                if [ "$pa_inline" -eq 0 ]; then
                    [ $# -ge 2 ] || usage_error "$pa_name needs a value"
                    pa_value="$2"
                    shift
                fi
                [ -n "$pa_value" ] || usage_error "$pa_name needs a value"
                case "$pa_name" in
                    --registry) OPT_REGISTRY="$pa_value" ;;
                    --bundle) OPT_BUNDLE="$pa_value" ;;
                    --channel) OPT_CHANNEL="$pa_value" ;;
                    --component)
                        pa_rest="$pa_value,"
                        while [ -n "$pa_rest" ]; do
                            add_component "${pa_rest%%,*}"
                            pa_rest="${pa_rest#*,}"
                        done
                        ;;
                    --prefix) OPT_PREFIX="$pa_value" ;;
                    --public-key) OPT_PUBLIC_KEY="$pa_value" ;;
                esac
                ;;
            --uninstall | --yes | --dry-run | --allow-downgrade | --help | -h)
                [ "$pa_inline" -eq 0 ] || usage_error "$pa_name takes no value"
                case "$pa_name" in
                    --uninstall) OPT_UNINSTALL=1 ;;
                    --yes) OPT_YES=1 ;;
                    --dry-run) OPT_DRY_RUN=1 ;;
                    --allow-downgrade) OPT_ALLOW_DOWNGRADE=1 ;;
                    --help | -h)
                        usage
                        exit 0
                        ;;
                esac
                ;;
            *) usage_error "unknown option '$pa_name'" ;;
        esac
        shift
    done

    if [ -n "$OPT_BUNDLE" ] && [ -n "$OPT_CHANNEL" ]; then
        usage_error "--bundle and --channel exclude each other"
    fi
    if [ -n "$COMPONENTS" ] && { [ -n "$OPT_BUNDLE" ] || [ -n "$OPT_CHANNEL" ]; }; then
        usage_error "--component installs single components; leave out --bundle and --channel"
    fi
    case "${OPT_CHANNEL:-stable}" in
        stable | lts) ;;
        *) usage_error "unknown channel '$OPT_CHANNEL' (use stable or lts)" ;;
    esac
    if [ -n "$OPT_BUNDLE" ]; then
        is_safe_name "$OPT_BUNDLE" || usage_error "bad bundle name '$OPT_BUNDLE'"
    fi
    for pa_component in $COMPONENTS; do
        if [ -z "${pa_component#*@}" ] && [ "$OPT_UNINSTALL" -eq 0 ]; then
            usage_error "--component needs a version: --component ${pa_component%@}@VERSION"
        fi
    done
    if [ -z "$OPT_PREFIX" ]; then
        if [ "$(id -u)" = "0" ]; then
            OPT_PREFIX=/usr/local
        else
            [ -n "${HOME:-}" ] || usage_error "HOME is not set; give --prefix DIR"
            OPT_PREFIX="$HOME/.local"
        fi
    fi
    case "$OPT_PREFIX" in
        /*) ;;
        *) OPT_PREFIX="$(pwd)/$OPT_PREFIX" ;;
    esac
    case "$OPT_PREFIX" in
        *[!A-Za-z0-9._+@=,:/~-]*) usage_error "the prefix '$OPT_PREFIX' holds characters the installer does not accept (spaces, quotes, wildcards)" ;;
    esac
    OPT_PREFIX="${OPT_PREFIX%/}"
    [ -n "$OPT_PREFIX" ] || usage_error "the prefix cannot be /"
    if [ "$OPT_UNINSTALL" -eq 0 ] && [ -z "$OPT_REGISTRY" ]; then
        usage_error "no registry: give --registry URL|PATH or set PROVISIONING_REGISTRY"
    fi
}

# A name or version as used in a registry path: no slash, no '..', nothing a shell would interpret.
is_safe_name() {
    case "$1" in
        "" | . | .. | *[!A-Za-z0-9._+-]*) return 1 ;;
    esac
    return 0
}

# add_component ID[@VERSION]: one --component, checked; COMPONENTS holds them as ID@VERSION (VERSION empty for an
# uninstall by id), separated by spaces (neither part can hold one).
add_component() {
    case "$1" in
        *@*)
            ac_id="${1%%@*}"
            ac_version="${1#*@}"
            ;;
        *)
            ac_id="$1"
            ac_version=""
            ;;
    esac
    is_component_id "$ac_id" || usage_error "bad component '$ac_id' (core, platform, workspace or ext-NAME)"
    if [ -n "$ac_version" ]; then
        is_safe_name "$ac_version" || usage_error "bad version '$ac_version'"
    fi
    for ac_known in $COMPONENTS; do
        [ "${ac_known%%@*}" = "$ac_id" ] && usage_error "--component $ac_id is given twice"
    done
    COMPONENTS="${COMPONENTS:+$COMPONENTS }$ac_id@$ac_version"
}

is_component_id() {
    case "$1" in
        core | platform | workspace) return 0 ;;
        ext-*) is_safe_name "${1#ext-}" && [ "${1#ext-}" != "" ] ;;
        *) return 1 ;;
    esac
}

# A path relative to a root: safe characters, not absolute, no '.' or '..' part, no empty part.
is_safe_relpath() {
    case "$1" in
        "" | /* | */ | *//* | *[!A-Za-z0-9._+@=,:/~-]*) return 1 ;;
    esac
    isr_rest="$1"
    while :; do
        isr_part="${isr_rest%%/*}"
        case "$isr_part" in
            . | ..) return 1 ;;
        esac
        [ "$isr_rest" = "$isr_part" ] && break
        isr_rest="${isr_rest#*/}"
    done
    return 0
}

# version_lt A B: whether version A is older than B in SemVer 2.0 order (numbers compared as numbers, a
# pre-release before its release, build metadata ignored), as NuGetVersion orders them in the tool.
version_lt() {
    awk -v a="$1" -v b="$2" "$(semver_awk)"'
        BEGIN { exit !(cmp(a, b) < 0) }'
}

# satisfies_bounds VERSION BOUNDS: whether VERSION meets a requirement in the lowered form of bundle.json's
# requiresBounds (docs/formats.md): every comparator (>=V, >V, <=V, <V) holds in SemVer order and, for a pre-release,
# a pre=MAJOR.MINOR.PATCH entry names its MAJOR.MINOR.PATCH (Cargo's rules, lowered by the tool).
satisfies_bounds() {
    awk -v v="$1" -v bounds="$2" "$(semver_awk)"'
        BEGIN {
            n = split(bounds, part, ",")
            release = v; sub(/\+.*/, "", release)
            pre = index(release, "-") > 0
            if (pre) release = substr(release, 1, index(release, "-") - 1)
            opted = 0
            for (i = 1; i <= n; i++) {
                p = part[i]
                if (substr(p, 1, 4) == "pre=") { if (substr(p, 5) == release) opted = 1; continue }
                op = (substr(p, 2, 1) == "=") ? substr(p, 1, 2) : substr(p, 1, 1)
                c = cmp(v, substr(p, length(op) + 1))
                if (op == ">=" && c < 0 || op == ">" && c <= 0 || op == "<=" && c > 0 || op == "<" && c >= 0) exit 1
            }
            exit (pre && !opted)
        }'
}

# is_bounds TEXT: whether TEXT is a lowered requirement as the tool writes it (comparators on safe version strings).
is_bounds() {
    ib_rest="$1,"
    while [ -n "$ib_rest" ]; do
        ib_part="${ib_rest%%,*}"
        ib_rest="${ib_rest#*,}"
        case "$ib_part" in
            ">="?* | ">"?* | "<="?* | "<"?* | pre=?*) ;;
            *) return 1 ;;
        esac
        ib_version="${ib_part#pre=}"
        ib_version="${ib_version#[<>]}"
        ib_version="${ib_version#=}"
        is_safe_name "$ib_version" || return 1
    done
    return 0
}

# The awk function cmp(x, y): -1, 0 or 1 as SemVer 2.0 orders x and y (for version_lt and satisfies_bounds).
semver_awk() {
    printf '%s\n' '
        function cmp(x, y,    xa, ya, xn, yn, n, i, xs, ys, xp, yp, xnum, ynum) {
            sub(/\+.*/, "", x); sub(/\+.*/, "", y)
            xp = index(x, "-"); yp = index(y, "-")
            xs = xp ? substr(x, xp + 1) : ""; ys = yp ? substr(y, yp + 1) : ""
            if (xp) x = substr(x, 1, xp - 1)
            if (yp) y = substr(y, 1, yp - 1)
            xn = split(x, xa, "."); yn = split(y, ya, ".")
            n = xn > yn ? xn : yn
            for (i = 1; i <= n; i++) if ((xa[i] + 0) != (ya[i] + 0)) return (xa[i] + 0) < (ya[i] + 0) ? -1 : 1
            if (xs == ys) return 0
            if (xs == "") return 1
            if (ys == "") return -1
            xn = split(tolower(xs), xa, "."); yn = split(tolower(ys), ya, ".")
            n = xn < yn ? xn : yn
            for (i = 1; i <= n; i++) {
                if (xa[i] == ya[i]) continue
                xnum = xa[i] ~ /^[0-9]+$/; ynum = ya[i] ~ /^[0-9]+$/
                if (xnum && ynum) return (xa[i] + 0) < (ya[i] + 0) ? -1 : 1
                if (xnum) return -1
                if (ynum) return 1
                return xa[i] < ya[i] ? -1 : 1
            }
            return xn < yn ? -1 : (xn > yn ? 1 : 0)
        }'
}

# ----------------------------------------------------------------------------------------------------------
# Platform

detect_target() {
    dt_os="${PROVISIONING_OS:-$(uname -s)}"
    dt_arch="${PROVISIONING_ARCH:-$(uname -m)}"
    case "$dt_os" in
        Linux | linux) dt_os=linux ;;
        Darwin | darwin | macos) dt_os=darwin ;;
        *) die "unsupported operating system '$dt_os'" "the installer supports linux and darwin (macOS); set PROVISIONING_OS to override" ;;
    esac
    case "$dt_arch" in
        x86_64 | amd64 | x64) dt_arch=x64 ;;
        aarch64 | arm64 | armv8*) dt_arch=arm64 ;;
        *) die "unsupported architecture '$dt_arch'" "the installer supports x64 and arm64; set PROVISIONING_ARCH to override" ;;
    esac
    # An x64 shell under Rosetta 2 on Apple silicon: install the native arm64 build.
    if [ "$dt_os" = darwin ] && [ "$dt_arch" = x64 ] && [ -z "${PROVISIONING_ARCH:-}" ]; then
        if [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || true)" = "1" ]; then
            dt_arch=arm64
        fi
    fi
    TARGET="$dt_os-$dt_arch"
}

# ----------------------------------------------------------------------------------------------------------
# Checksums

pick_sha256_tool() {
    if command -v sha256sum >/dev/null 2>&1; then
        SHA_TOOL=sha256sum
    elif command -v shasum >/dev/null 2>&1; then
        SHA_TOOL=shasum
    elif command -v openssl >/dev/null 2>&1; then
        SHA_TOOL=openssl
    else
        die "no SHA-256 tool found (sha256sum, shasum or openssl); the installer refuses to install unverified files" "install coreutils, perl's shasum or openssl and run again"
    fi
}

sha256_of() {
    case "$SHA_TOOL" in
        sha256sum) sha256sum "$1" | awk '{print $1}' ;;
        shasum) shasum -a 256 "$1" | awk '{print $1}' ;;
        openssl) openssl dgst -sha256 "$1" | awk '{print $NF}' ;;
    esac
}

size_of() {
    wc -c <"$1" | tr -d ' \t'
}

# verify_file FILE SIZE SHA256 WHAT
verify_file() {
    vf_size="$(size_of "$1")"
    if [ "$vf_size" != "$2" ]; then
        die "$4 has $vf_size bytes where the registry says $2 (a truncated or altered download)" "run the installer again; if it persists the registry is damaged"
    fi
    vf_sum="$(sha256_of "$1")"
    case "$vf_sum" in
        [0-9a-f]*) ;;
        *) die "could not compute the SHA-256 of $4 with $SHA_TOOL" "check that $SHA_TOOL works" ;;
    esac
    if [ "$vf_sum" != "$3" ]; then
        die "$4 has SHA-256 $vf_sum where the registry says $3 (the file was altered)" "do not use this registry until it is repaired"
    fi
}

is_sha256() {
    [ "${#1}" -eq 64 ] || return 1
    case "$1" in
        *[!0-9a-f]*) return 1 ;;
    esac
    return 0
}

is_number() {
    case "$1" in
        "" | *[!0-9]*) return 1 ;;
    esac
    return 0
}

# ----------------------------------------------------------------------------------------------------------
# Registry access

resolve_registry() {
    rr="${OPT_REGISTRY%/}"
    case "$rr" in
        https://*)
            REG_KIND=http
            REG_BASE="$rr"
            REG_PROTO=https
            ;;
        http://*)
            rr_host="${rr#http://}"
            rr_host="${rr_host%%/*}"
            is_loopback "$rr_host" ||
                die "refusing plain http for '$rr_host': downloads must use https (http is allowed only for 127.0.0.1, localhost and [::1])" "use an https:// registry URL"
            REG_KIND=http
            REG_BASE="$rr"
            REG_PROTO=http
            ;;
        file://*)
            REG_KIND=file
            REG_BASE="${rr#file://}"
            ;;
        *://*) die "unsupported registry URL '$rr'" "use https://…, file://… or a folder" ;;
        /*)
            REG_KIND=file
            REG_BASE="$rr"
            ;;
        *)
            REG_KIND=file
            REG_BASE="$(pwd)/$rr"
            ;;
    esac
    if [ "$REG_KIND" = file ]; then
        [ -d "$REG_BASE" ] || die "the registry folder '$REG_BASE' does not exist" "check --registry"
    else
        case "${PROVISIONING_DOWNLOADER:-}" in
            curl | wget) DOWNLOADER="$PROVISIONING_DOWNLOADER" ;;
            "")
                if command -v curl >/dev/null 2>&1; then
                    DOWNLOADER=curl
                elif command -v wget >/dev/null 2>&1; then
                    DOWNLOADER=wget
                else
                    die "neither curl nor wget is installed" "install curl and run again"
                fi
                ;;
            *) usage_error "PROVISIONING_DOWNLOADER must be curl or wget" ;;
        esac
        need "$DOWNLOADER"
        WGET_STOPS=no
        if [ "$DOWNLOADER" = wget ] && wget --help 2>&1 | grep -q -- '--max-redirect'; then
            WGET_STOPS=yes
        fi
    fi
}

# is_loopback HOST[:PORT]: 127.0.0.1, localhost or [::1], with any port.
is_loopback() {
    case "$1" in
        127.0.0.1 | 127.0.0.1:* | localhost | localhost:* | "[::1]" | "[::1]:"*) return 0 ;;
    esac
    return 1
}

# redirect_target FROM LOCATION: sets RT_URL to where a redirect leads, or dies when it leaves https (plain http
# only from a loopback http URL to a loopback host, as for --registry).
redirect_target() {
    case "$2" in
        https://*) RT_URL="$2" ;;
        http://*)
            rt_host="${2#http://}"
            rt_host="${rt_host%%/*}"
            case "$1" in
                http://*) is_loopback "$rt_host" && { RT_URL="$2"; return 0; } ;;
            esac
            die "refusing a redirect from $1 to plain http for '$rt_host': downloads must use https" "use an https:// registry whose server redirects only to https"
            ;;
        /*)
            rt_rest="${1#*://}"
            RT_URL="${1%%://*}://${rt_rest%%/*}$2"
            ;;
        *) die "unsupported redirect from $1 to '$2'" "use a registry whose server redirects to absolute https URLs" ;;
    esac
}

# fetch RELPATH DEST: one file of the registry.
fetch() {
    is_safe_relpath "$1" || die "the registry names an unsafe path '$1'" "do not use this registry until it is repaired"
    if [ "$REG_KIND" = file ]; then
        [ -f "$REG_BASE/$1" ] || die "'$1' is missing from the registry '$REG_BASE'" "check --registry and the bundle name"
        cp "$REG_BASE/$1" "$2" || die "could not copy '$REG_BASE/$1'" "check the registry folder and free space in ${TMPDIR:-/tmp}"
        return 0
    fi
    f_url="$REG_BASE/$1"
    if [ "$DOWNLOADER" = curl ]; then
        # curl stops at each redirect (no --location) and the installer checks where it leads before following,
        # as for wget and in install.nu and install.ps1.
        f_hops=0
        while :; do
            f_result="$(curl --silent --show-error --proto '=https,http' --retry 2 -o "$2" -w '%{http_code} %{redirect_url}' "$f_url")" ||
                die "could not download $f_url" "check the URL, your connection and that the registry server runs"
            f_code="${f_result%% *}"
            f_location="${f_result#* }"
            case "$f_code" in
                2??) return 0 ;;
                3??) [ -n "$f_location" ] && [ "$f_location" != "$f_result" ] || die "could not download $f_url (HTTP $f_code without a location)" "fix the registry server" ;;
                *) die "could not download $f_url (HTTP $f_code)" "check the URL and that the registry server runs" ;;
            esac
            f_hops=$((f_hops + 1))
            [ "$f_hops" -le 10 ] || die "more than 10 redirects for $REG_BASE/$1" "fix the registry server's redirects"
            redirect_target "$f_url" "$f_location"
            f_url="$RT_URL"
        done
    elif [ "$WGET_STOPS" = no ]; then
        # This wget (BusyBox) cannot stop at a redirect, so it cannot refuse one to http; every file is still
        # checked against index.json's hashes. Install curl for the https-only guarantee.
        wget -q -O "$2" "$f_url" || die "could not download $f_url" "check the URL, your connection and that the registry server runs"
    else
        # wget would follow a redirect to http: stop at each one and check where it leads first.
        f_hops=0
        while :; do
            if f_headers="$(wget -q -S --max-redirect=0 -O "$2" "$f_url" 2>&1)"; then
                return 0
            fi
            f_location="$(printf '%s\n' "$f_headers" | sed -n 's/^ *[Ll][Oo][Cc][Aa][Tt][Ii][Oo][Nn]: *//p' | tail -n 1 | tr -d '\r')"
            [ -n "$f_location" ] || die "could not download $f_url" "check the URL, your connection and that the registry server runs"
            f_hops=$((f_hops + 1))
            [ "$f_hops" -le 10 ] || die "more than 10 redirects for $REG_BASE/$1" "fix the registry server's redirects"
            redirect_target "$f_url" "$f_location"
            f_url="$RT_URL"
        done
    fi
}

# json_str LINE KEY / json_num LINE KEY: a value of one record line (the registry writes one record per line).
json_str() {
    printf '%s\n' "$1" | sed -n 's/.*"'"$2"'"[ ]*:[ ]*"\([^"]*\)".*/\1/p'
}

json_num() {
    printf '%s\n' "$1" | sed -n 's/.*"'"$2"'"[ ]*:[ ]*\([0-9][0-9]*\).*/\1/p'
}

# json_map LINE KEY: the "name":"value" pairs of a flat object member of one record line, a "name value" line each.
json_map() {
    printf '%s\n' "$1" | sed -n 's/.*"'"$2"'"[ ]*:[ ]*{\([^}]*\)}.*/\1/p' | awk '{
        rest = $0
        while (match(rest, /"[^"]*"[ ]*:[ ]*"[^"]*"/)) {
            pair = substr(rest, RSTART, RLENGTH); rest = substr(rest, RSTART + RLENGTH)
            name = pair; sub(/"[ ]*:.*/, "", name); sub(/^"/, "", name)
            value = pair; sub(/^"[^"]*"[ ]*:[ ]*"/, "", value); sub(/"$/, "", value)
            print name " " value
        }
    }'
}

# read_requires RECORD COMPONENT VERSION WHERE: appends what the record (a component line of bundle.json or index.json)
# says COMPONENT needs of other components to $TMP/requires, as "COMPONENT VERSION DEP BOUNDS REQUIREMENT" lines.
read_requires() {
    json_map "$1" requires >"$TMP/requires-of"
    json_map "$1" requiresBounds >"$TMP/bounds-of"
    while read -r rr_dep rr_text; do
        rr_bounds="$(awk -v d="$rr_dep" '$1 == d { print $2; exit }' "$TMP/bounds-of")"
        case "$rr_text" in
            "" | *[!A-Za-z0-9.^~*\<\>=,\ +-]*) rr_bounds="" ;;
        esac
        is_component_id "$rr_dep" && is_bounds "$rr_bounds" ||
            die "$4 gives $2 $3 a bad requirement on '$rr_dep'" "do not use this registry until it is repaired"
        printf '%s %s %s %s %s\n' "$2" "$3" "$rr_dep" "$rr_bounds" "$rr_text" >>"$TMP/requires"
    done <"$TMP/requires-of"
    [ "$(grep -c . "$TMP/requires-of")" -eq "$(grep -c . "$TMP/bounds-of")" ] ||
        die "$4 gives $2 $3 requiresBounds that do not match its requires" "do not use this registry until it is repaired"
}

# The line of FILE holding all the given "key":"value" pairs (fixed strings), or nothing.
find_record() {
    fr_file="$1"
    shift
    fr_pattern=""
    for fr_pair in "$@"; do
        fr_pattern="$fr_pattern$fr_pair|"
    done
    # '|' separates the pairs: a newline in -v is an error for the BSD awk of macOS.
    awk -v pairs="$fr_pattern" '
        BEGIN { n = split(pairs, want, "|") }
        {
            line = $0
            gsub(/"[ ]*:[ ]*"/, "\":\"", line)
            ok = 1
            for (i = 1; i <= n; i++) if (want[i] != "" && index(line, want[i]) == 0) ok = 0
            if (ok) { print $0; exit }
        }' "$fr_file"
}

# size and sha256 of a registry path, from index.json's files list: sets FILE_SIZE and FILE_SHA.
index_file_entry() {
    ife_line="$(find_record "$TMP/index.json" "\"path\":\"$1\"")"
    FILE_SIZE="$(json_num "$ife_line" size)"
    FILE_SHA="$(json_str "$ife_line" sha256)"
}

# ----------------------------------------------------------------------------------------------------------
# Signature, freshness and rollback (docs/installing.md, "Signature, expiry and rollback"). index.json is trusted
# only when index.json.sig verifies with the registry's public key (EMBEDDED_PUBLIC_KEY, or --public-key FILE),
# directly or through the registry's rotation statements (keys/rotation-N.pub.pem, each signed by the key before
# it). Then it must not have expired, and its serial may not be lower than the one in RECEIPTS/registry.serial.

trusted_key() {
    embedded_public_key
    if [ -n "$OPT_PUBLIC_KEY" ]; then
        [ -f "$OPT_PUBLIC_KEY" ] || die "the public key file '$OPT_PUBLIC_KEY' does not exist" "check --public-key (or PROVISIONING_PUBLIC_KEY)"
        if grep -q 'PRIVATE KEY-----' "$OPT_PUBLIC_KEY" 2>/dev/null; then
            die "the public key file '$OPT_PUBLIC_KEY' holds a private key; refusing to use it" "pass the registry's public key (-----BEGIN PUBLIC KEY-----), and keep the private key off this machine"
        fi
        grep -q '^-----BEGIN PUBLIC KEY-----' "$OPT_PUBLIC_KEY" 2>/dev/null ||
            die "the public key file '$OPT_PUBLIC_KEY' holds no PEM public key (-----BEGIN PUBLIC KEY-----)" "check --public-key (or PROVISIONING_PUBLIC_KEY)"
        cp "$OPT_PUBLIC_KEY" "$TMP/trusted.pem" || die "could not read the public key file '$OPT_PUBLIC_KEY'" "check --public-key"
    elif [ -n "$EMBEDDED_PUBLIC_KEY" ]; then
        printf '%s\n' "$EMBEDDED_PUBLIC_KEY" >"$TMP/trusted.pem" || die "could not write to $TMP" "check free space in ${TMPDIR:-/tmp}"
    else
        die "this installer carries no registry public key (it is a repository copy, not one a registry published), so it cannot verify index.json.sig; refusing to install" "download the installer from the registry (REGISTRY/installers/install.sh), or pass --public-key FILE"
    fi
}

# signature_verifies FILE SIGNATURE KEY: a DER ECDSA signature over SHA-256, as openssl dgst -verify checks it.
signature_verifies() {
    openssl dgst -sha256 -verify "$3" -signature "$2" "$1" >/dev/null 2>&1
}

# fetch_optional PATH DEST: fetch, but a missing file (or any failure) only returns 1, silently.
fetch_optional() {
    (fetch "$1" "$2") 2>/dev/null
}

verify_index() {
    command -v openssl >/dev/null 2>&1 ||
        die "no openssl found: the installer verifies the registry's signature (index.json.sig) with openssl and refuses to install without it" "install openssl (or LibreSSL) and run again"
    trusted_key
    fetch_optional index.json.sig "$TMP/index.json.sig" ||
        die "the registry has no signature index.json.sig for index.json; refusing to install unsigned files" "use a registry that provisioning-dist publish signed, or ask its maintainer to publish again"
    signature_verifies "$TMP/index.json" "$TMP/index.json.sig" "$TMP/trusted.pem" && return 0
    if fetch_optional keys/rotations "$TMP/rotations"; then
        while IFS= read -r vi_name; do
            case "$vi_name" in
                rotation-[0-9]*.pub.pem) is_safe_name "$vi_name" || continue ;;
                *) continue ;;
            esac
            fetch_optional "keys/$vi_name" "$TMP/rotation.pem" && fetch_optional "keys/$vi_name.sig" "$TMP/rotation.sig" || continue
            if signature_verifies "$TMP/rotation.pem" "$TMP/rotation.sig" "$TMP/trusted.pem"; then
                cp "$TMP/rotation.pem" "$TMP/trusted.pem"
            fi
        done <"$TMP/rotations"
        signature_verifies "$TMP/index.json" "$TMP/index.json.sig" "$TMP/trusted.pem" && return 0
    fi
    die "index.json's signature (index.json.sig) does not verify with the registry's public key: the registry was altered, or signed by a key this installer does not trust; refusing to install" "do not use this registry until it is repaired; after a key change, download the installer from the registry again or pass --public-key FILE"
}

check_freshness() {
    INDEX_SERIAL="$(json_num "$(grep '"serial"' "$TMP/index.json" | head -n 1)" serial)"
    is_number "$INDEX_SERIAL" || die "index.json has no serial" "do not use this registry until it is repaired"
    cf_expires="$(json_str "$(grep '"expires"' "$TMP/index.json" | head -n 1)" expires)"
    case "$cf_expires" in
        [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z) ;;
        *) die "index.json has no expiry (\"expires\"); refusing an index that could be replayed forever" "ask the registry's maintainer to publish again with a current provisioning-dist" ;;
    esac
    cf_now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    # UTC times of one fixed format compare as text.
    if [ "$(printf '%s\n%s\n' "$cf_now" "$cf_expires" | LC_ALL=C sort | head -n 1)" = "$cf_expires" ]; then
        die "index.json expired on $cf_expires (now $cf_now): the registry was not renewed, or an old copy is being replayed; refusing to install" "ask the registry's maintainer to publish again (which renews it), or check this machine's clock"
    fi
    if [ -f "$RECEIPTS/registry.serial" ]; then
        cf_seen="$(head -n 1 "$RECEIPTS/registry.serial")"
        is_number "$cf_seen" ||
            die "$RECEIPTS/registry.serial holds '$cf_seen', not a serial, so the installer cannot tell whether index.json is an older one replayed; refusing to install" "if you trust this registry, remove that file and run again; nothing was changed"
        if [ "$INDEX_SERIAL" -lt "$cf_seen" ]; then
            die "index.json has serial $INDEX_SERIAL, lower than serial $cf_seen that $OPT_PREFIX was installed from: an older index is being replayed (a rollback); refusing to install" "use an up-to-date registry or mirror; nothing was changed"
        fi
    fi
}

# Records the index's serial in the receipts, so that a later run refuses an older index.
remember_serial() {
    printf '%s\n' "$INDEX_SERIAL" >"$RECEIPTS/.registry.serial.new" && mv -f "$RECEIPTS/.registry.serial.new" "$RECEIPTS/registry.serial" ||
        die "could not write $RECEIPTS/registry.serial" "run the installer again"
}

# ----------------------------------------------------------------------------------------------------------
# Planning: PLAN holds one line per archive: COMPONENT VERSION NAME SIZE SHA256 REGISTRY-PATH

plan_bundle() {
    if [ -n "$OPT_BUNDLE" ]; then
        BUNDLE="$OPT_BUNDLE"
    else
        pb_channel="${OPT_CHANNEL:-stable}"
        BUNDLE="$(awk -v ch="$pb_channel" '
            /"channels"[ ]*:/ { inside = 1; next }
            inside && /}/ { exit }
            inside {
                line = $0
                if (match(line, "\"" ch "\"[ ]*:[ ]*\"[^\"]*\"")) {
                    value = substr(line, RSTART, RLENGTH)
                    sub(/^"[^"]*"[ ]*:[ ]*"/, "", value)
                    sub(/"$/, "", value)
                    print value
                    exit
                }
            }' "$TMP/index.json")"
        [ -n "$BUNDLE" ] || die "the registry has no '$pb_channel' channel" "use --bundle NAME, or --channel stable|lts"
        is_safe_name "$BUNDLE" || die "the registry's '$pb_channel' channel names a bad bundle '$BUNDLE'" "do not use this registry until it is repaired"
    fi
    pb_line="$(find_record "$TMP/index.json" "\"id\":\"$BUNDLE\"" '"manifest":"')"
    if [ -z "$pb_line" ]; then
        pb_known="$(sed -n 's/.*"id"[ ]*:[ ]*"\([^"]*\)".*"manifest".*/\1/p' "$TMP/index.json" | tr '\n' ' ' | sed 's/ $//')"
        die "the registry has no bundle '$BUNDLE'" "use one of: ${pb_known:-none}"
    fi
    pb_manifest="$(json_str "$pb_line" manifest)"
    index_file_entry "$pb_manifest"
    pb_size="$FILE_SIZE"
    pb_sha="$FILE_SHA"
    if [ -z "$pb_sha" ]; then
        pb_size="$(json_num "$pb_line" size)"
        pb_sha="$(json_str "$pb_line" sha256)"
    elif [ -n "$(json_str "$pb_line" sha256)" ] && [ "$(json_str "$pb_line" sha256)" != "$pb_sha" ]; then
        die "index.json gives two different SHA-256 for $pb_manifest" "do not use this registry until it is repaired"
    fi
    is_sha256 "$pb_sha" && is_number "$pb_size" || die "index.json has no size and SHA-256 for $pb_manifest" "do not use this registry until it is repaired"
    fetch "$pb_manifest" "$TMP/bundle.json"
    verify_file "$TMP/bundle.json" "$pb_size" "$pb_sha" "$pb_manifest"
    [ -n "$(find_record "$TMP/bundle.json" "\"bundle\":\"$BUNDLE\"")" ] || die "$pb_manifest does not describe bundle '$BUNDLE'" "do not use this registry until it is repaired"

    : >"$TMP/plan"
    : >"$TMP/platform-targets"
    : >"$TMP/requires"
    pb_has_platform=0
    while IFS= read -r pb_record; do
        case "$pb_record" in
            *'"component"'*'"sha256"'*) ;;
            *'"id"'*'"tree"'*)
                pb_component="$(json_str "$pb_record" id)"
                pb_version="$(json_str "$pb_record" version)"
                is_component_id "$pb_component" && is_safe_name "$pb_version" ||
                    die "$pb_manifest has a bad component record: $pb_record" "do not use this registry until it is repaired"
                read_requires "$pb_record" "$pb_component" "$pb_version" "$pb_manifest"
                continue
                ;;
            *) continue ;;
        esac
        pb_component="$(json_str "$pb_record" component)"
        pb_version="$(json_str "$pb_record" version)"
        pb_target="$(json_str "$pb_record" target)"
        pb_name="$(json_str "$pb_record" name)"
        pb_asize="$(json_num "$pb_record" size)"
        pb_asha="$(json_str "$pb_record" sha256)"
        is_component_id "$pb_component" && is_safe_name "$pb_version" && is_safe_name "$pb_name" && is_number "$pb_asize" && is_sha256 "$pb_asha" ||
            die "$pb_manifest has a bad artifact record: $pb_record" "do not use this registry until it is repaired"
        case "$pb_target" in
            noarch) ;;
            "$TARGET") [ "$pb_component" = platform ] && pb_has_platform=1 ;;
            linux-x64 | linux-arm64 | darwin-x64 | darwin-arm64)
                [ "$pb_component" = platform ] && printf '%s\n' "$pb_target" >>"$TMP/platform-targets"
                continue
                ;;
            *) die "$pb_manifest names an unknown target '$pb_target'" "do not use this registry until it is repaired" ;;
        esac
        printf '%s %s %s %s %s %s\n' "$pb_component" "$pb_version" "$pb_name" "$pb_asize" "$pb_asha" "packages/$pb_component/$pb_version/$pb_name" >>"$TMP/plan"
    done <"$TMP/bundle.json"
    if [ "$pb_has_platform" -eq 0 ] && [ -s "$TMP/platform-targets" ]; then
        die "bundle '$BUNDLE' has no platform build for $TARGET (it has: $(sort -u "$TMP/platform-targets" | tr '\n' ' '))" "install on a supported machine, or set PROVISIONING_OS/PROVISIONING_ARCH"
    fi
    [ -s "$TMP/plan" ] || die "bundle '$BUNDLE' has no archives" "do not use this registry until it is repaired"
}

# plan_components: the archives of every --component for this machine, or none when one of them has none.
plan_components() {
    BUNDLE=""
    : >"$TMP/plan"
    : >"$TMP/requires"
    for pcs_component in $COMPONENTS; do
        plan_component "${pcs_component%%@*}" "${pcs_component#*@}"
    done
}

plan_component() {
    pc_line="$(find_record "$TMP/index.json" "\"id\":\"$1\"" "\"version\":\"$2\"" '"files":')"
    [ -n "$pc_line" ] || die "the registry has no $1 $2; nothing was changed" "check the version against the registry's index.json"
    read_requires "$pc_line" "$1" "$2" index.json
    pc_planned="$(wc -l <"$TMP/plan")"
    pc_files="$(printf '%s\n' "$pc_line" | sed -n 's/.*"files"[ ]*:[ ]*\[\([^]]*\)\].*/\1/p' | tr ',' '\n' | sed 's/^[ ]*"//; s/"[ ]*$//')"
    for pc_path in $pc_files; do
        is_safe_relpath "$pc_path" || die "index.json names an unsafe path '$pc_path'" "do not use this registry until it is repaired"
        pc_name="${pc_path##*/}"
        case "$pc_name" in
            *-"$TARGET".tar.gz) ;;
            *-linux-x64.tar.gz | *-linux-arm64.tar.gz | *-darwin-x64.tar.gz | *-darwin-arm64.tar.gz) continue ;;
        esac
        index_file_entry "$pc_path"
        is_sha256 "$FILE_SHA" && is_number "$FILE_SIZE" || die "index.json has no size and SHA-256 for $pc_path" "do not use this registry until it is repaired"
        printf '%s %s %s %s %s %s\n' "$1" "$2" "$pc_name" "$FILE_SIZE" "$FILE_SHA" "$pc_path" >>"$TMP/plan"
    done
    [ "$(wc -l <"$TMP/plan")" -gt "$pc_planned" ] ||
        die "the registry has no archive of $1 $2 for $TARGET; nothing was changed" "install on a supported machine, or set PROVISIONING_OS/PROVISIONING_ARCH"
}

# ----------------------------------------------------------------------------------------------------------
# Archives

# Lists an archive BEFORE extracting it and refuses absolute paths, '..', unsafe names, links that leave the
# prefix, paths through links, hard links and special files.
inspect_archive() {
    ia_archive="$1"
    ia_what="$2"
    tar -P -tzf "$ia_archive" >"$TMP/names" 2>"$TMP/tar-error" || die "$ia_what is not a readable .tar.gz: $(head -n 1 "$TMP/tar-error")" "run the installer again; if it persists the registry is damaged"
    tar -P -tzvf "$ia_archive" >"$TMP/long" 2>"$TMP/tar-error" || die "$ia_what is not a readable .tar.gz: $(head -n 1 "$TMP/tar-error")" "run the installer again"
    [ "$(wc -l <"$TMP/names")" = "$(wc -l <"$TMP/long")" ] || die "$ia_what lists differently in short and long form (unusual names)" "do not use this registry until it is repaired"
    # One line per entry: TYPE NAME [LINK-TARGET] (the long listing gives the type, the short one the exact name).
    awk 'NR == FNR { name[FNR] = $0; next }
        {
            n = name[FNR]; type = substr($0, 1, 1); target = ""
            if (type == "l") { i = index($0, " " n " -> "); if (i > 0) target = substr($0, i + length(n) + 5) }
            if (n ~ /[^A-Za-z0-9._+@=,:\/~-]/ || target ~ /[^A-Za-z0-9._+@=,:\/~-]/) type = "!"
            print type " " n " " target
        }' "$TMP/names" "$TMP/long" >"$TMP/entries"
    # The same path twice (the last would win, unseen by this check): refused.
    ia_dup="$(sed 's|^\./||; s|/*$||' "$TMP/names" | grep -v '^\.\{0,1\}$' | LC_ALL=C sort | uniq -d | head -n 1)"
    [ -z "$ia_dup" ] || die "$ia_what holds '$ia_dup' twice; refusing to install it" "do not use this registry until it is repaired"
    : >"$TMP/links"
    while read -r ia_type ia_name ia_target; do
        ia_path="${ia_name%/}"
        case "$ia_path" in
            ./*) ia_path="${ia_path#./}" ;;
        esac
        [ "$ia_path" = "." ] && continue
        case "$ia_path" in
            /*) die "$ia_what holds an absolute path '$ia_name'; refusing to install it" "do not use this registry until it is repaired" ;;
        esac
        is_safe_relpath "$ia_path" || die "$ia_what holds an unsafe path '$ia_name' ('..', or characters the installer does not accept); refusing to install it" "do not use this registry until it is repaired"
        is_bookkeeping "$ia_path" "$ia_type" && die "$ia_what holds '$ia_path', a path of the installer's own bookkeeping; refusing to install it" "do not use this registry until it is repaired"
        case "$ia_type" in
            - | d) ;;
            l)
                link_stays_inside "$ia_path" "$ia_target" || die "$ia_what holds a symbolic link '$ia_path' -> '$ia_target' that points outside the prefix; refusing to install it" "do not use this registry until it is repaired"
                printf '%s\n' "$ia_path" >>"$TMP/links"
                ;;
            !) die "$ia_what holds a name with characters the installer does not accept (spaces, quotes, wildcards, control characters); refusing to install it" "do not use this registry until it is repaired" ;;
            h) die "$ia_what holds a hard link '$ia_name'; refusing to install it" "archives may hold only files, folders and relative symbolic links" ;;
            *) die "$ia_what holds a special file '$ia_name'; refusing to install it" "archives may hold only files, folders and relative symbolic links" ;;
        esac
    done <"$TMP/entries"
    # Nothing may be written through a link of the same archive.
    while IFS= read -r ia_link; do
        if awk -v p="$ia_link/" 'index($0, p) == 1 || index($0, "./" p) == 1 { found = 1 } END { exit !found }' "$TMP/names"; then
            die "$ia_what writes through the symbolic link '$ia_link'; refusing to install it" "do not use this registry until it is repaired"
        fi
    done <"$TMP/links"
}

# link_stays_inside PATH TARGET: whether a relative link at PATH (relative to the prefix) resolves inside it.
link_stays_inside() {
    case "$2" in
        "" | /*) return 1 ;;
        *[!A-Za-z0-9._+@=,:/~-]*) return 1 ;;
    esac
    lsi_depth=0
    lsi_dir="${1%/*}"
    if [ "$lsi_dir" != "$1" ]; then
        lsi_rest="$lsi_dir"
        while :; do
            lsi_depth=$((lsi_depth + 1))
            [ "${lsi_rest#*/}" = "$lsi_rest" ] && break
            lsi_rest="${lsi_rest#*/}"
        done
    fi
    lsi_rest="$2"
    while :; do
        lsi_part="${lsi_rest%%/*}"
        case "$lsi_part" in
            "" | .) ;;
            ..)
                lsi_depth=$((lsi_depth - 1))
                [ "$lsi_depth" -ge 0 ] || return 1
                ;;
            *) lsi_depth=$((lsi_depth + 1)) ;;
        esac
        [ "$lsi_rest" = "$lsi_part" ] && break
        lsi_rest="${lsi_rest#*/}"
    done
    return 0
}

# is_bookkeeping PATH TYPE: whether an archive entry would be (or replace a folder on the way to) the installer's
# own bookkeeping: the receipts and the staging folders. Archives never hold those.
is_bookkeeping() {
    case "$1" in
        share/provisioning/receipts | share/provisioning/receipts/* | .provisioning-staging* | .provisioning-staging*/*) return 0 ;;
        share | share/provisioning) [ "$2" = d ] || return 0 ;;
    esac
    return 1
}

# link_target_of REL: sets LT to the target of the symbolic link REL would be once installed (a link of an archive
# being installed, else one already in the prefix); fails when REL is no link.
link_target_of() {
    for lto_tree in "$TMP"/unpacked/*; do
        if [ -L "$lto_tree/$1" ]; then
            LT="$(readlink "$lto_tree/$1")"
            return 0
        fi
    done
    if [ -L "$OPT_PREFIX/$1" ]; then
        LT="$(readlink "$OPT_PREFIX/$1")"
        return 0
    fi
    return 1
}

# resolves_inside REL: whether PREFIX/REL, every symbolic link on the way followed (those of the archives being
# installed and those already in the prefix), stays inside the prefix. Decides by where links lead, not by their
# text alone, so chains (a -> ., c -> a/..) are seen; it reads only links inside the prefix and the archives.
resolves_inside() {
    ri_done=""
    ri_todo="$1"
    ri_hops=0
    while [ -n "$ri_todo" ]; do
        ri_part="${ri_todo%%/*}"
        if [ "$ri_part" = "$ri_todo" ]; then ri_todo=""; else ri_todo="${ri_todo#*/}"; fi
        case "$ri_part" in
            "" | .) continue ;;
            ..)
                [ -n "$ri_done" ] || return 1
                case "$ri_done" in
                    */*) ri_done="${ri_done%/*}" ;;
                    *) ri_done="" ;;
                esac
                continue
                ;;
        esac
        ri_next="${ri_done:+$ri_done/}$ri_part"
        if link_target_of "$ri_next"; then
            ri_hops=$((ri_hops + 1))
            [ "$ri_hops" -le 40 ] || return 1
            case "$LT" in
                "" | /*) return 1 ;;
            esac
            ri_todo="$LT${ri_todo:+/$ri_todo}"
        else
            ri_done="$ri_next"
        fi
    done
    return 0
}

# parent_inside REL: whether the folder REL is written into or removed from resolves inside the prefix.
parent_inside() {
    case "$1" in
        */*) resolves_inside "${1%/*}" ;;
        *) return 0 ;;
    esac
}

# check_unpacked: every link of every archive resolves inside the prefix, and every path is written into a folder
# that does, considering the links of all archives and of the prefix. Runs before anything in the prefix changes.
check_unpacked() {
    resolves_inside "share/provisioning/receipts" || die "$OPT_PREFIX/share/provisioning/receipts leads outside the prefix through a symbolic link" "remove that link from $OPT_PREFIX and run again; nothing was changed"
    for cu_tree in "$TMP"/unpacked/*; do
        (cd "$cu_tree" && find . ! -type d) | sed 's|^\./||' >"$TMP/check-paths"
        while IFS= read -r cu_path; do
            parent_inside "$cu_path" || die "${cu_tree##*/} writes '$cu_path' through a symbolic link that leads outside the prefix; refusing to install it" "do not use this registry until it is repaired, or remove the link from $OPT_PREFIX"
            if [ -L "$cu_tree/$cu_path" ]; then
                resolves_inside "$cu_path" || die "${cu_tree##*/} holds a symbolic link '$cu_path' -> '$(readlink "$cu_tree/$cu_path")' that resolves outside the prefix (with the links of the archives and of $OPT_PREFIX); refusing to install it" "do not use this registry until it is repaired"
            fi
        done <"$TMP/check-paths"
    done
}

# check_removable COMPONENT: every file of its receipt is removed from a folder inside the prefix (never through a
# link that leads outside); runs before anything changes.
check_removable() {
    [ -f "$RECEIPTS/$1.files" ] || return 0
    while IFS= read -r cr_file; do
        is_safe_relpath "$cr_file" || continue
        parent_inside "$cr_file" || die "the receipt of $1 lists '$cr_file', which a symbolic link in $OPT_PREFIX leads outside the prefix; refusing to remove anything" "remove that link from $OPT_PREFIX and run again; nothing was changed"
    done <"$RECEIPTS/$1.files"
}

# normalise_modes DIR: files owner-writable and readable by all, executable by all only where the archive marks
# them executable for their owner; no setuid, setgid or sticky bit, nothing group- or world-writable.
normalise_modes() {
    (cd "$1" && find . -type f -perm -100 -exec chmod 0755 {} + && find . -type f ! -perm -100 -exec chmod 0644 {} + && find . -type d -exec chmod 0755 {} +) ||
        die "could not set the modes of the files unpacked in $1" "check ${TMPDIR:-/tmp}"
}

# extract ARCHIVE DIR WHAT: unpack in the temporary folder, then check what landed there.
extract_archive() {
    mkdir -p "$2" || die "could not create $2" "check free space in ${TMPDIR:-/tmp}"
    # tar's complaint is kept in memory, not in a file: on a full disk a file could not hold it.
    ea_owner=""
    [ "$(id -u)" = "0" ] && ea_owner="--no-same-owner"
    if ! ea_error="$( (cd "$2" && tar $ea_owner -xzf "$1") 2>&1 >/dev/null)"; then
        die "could not unpack $3: $(printf '%s\n' "$ea_error" | head -n 1)" "check free space in ${TMPDIR:-/tmp}"
    fi
    (cd "$2" && find . ! -type f ! -type d ! -type l) >"$TMP/special"
    [ -s "$TMP/special" ] && die "$3 unpacked a special file $(head -n 1 "$TMP/special"); refusing to install it" "do not use this registry until it is repaired"
    (cd "$2" && find . -type l) | sed 's|^\./||' >"$TMP/found-links"
    while IFS= read -r ea_link; do
        ea_target="$(readlink "$2/$ea_link")"
        link_stays_inside "$ea_link" "$ea_target" || die "$3 unpacked a symbolic link '$ea_link' -> '$ea_target' that points outside the prefix; refusing to install it" "do not use this registry until it is repaired"
    done <"$TMP/found-links"
    normalise_modes "$2"
    return 0
}

# ----------------------------------------------------------------------------------------------------------
# Receipts: RECEIPTS/C.files (installed files and links, one relative path a line, sorted), RECEIPTS/C.version,
# RECEIPTS/C.requires (what C needs of other components: "DEP BOUNDS REQUIREMENT" lines),
# RECEIPTS/installer.dirs (folders the installer created, so that they go when they are empty again).

receipt_version() {
    if [ -f "$RECEIPTS/$1.version" ]; then
        head -n 1 "$RECEIPTS/$1.version"
    fi
}

installed_components() {
    if [ -d "$RECEIPTS" ]; then
        for ic_file in "$RECEIPTS"/*.files; do
            [ -f "$ic_file" ] || continue
            ic_name="${ic_file##*/}"
            printf '%s\n' "${ic_name%.files}"
        done
    fi
}

# mkdirs_tracked REL: creates PREFIX/REL and its parents, recording each created folder at once in $TRACKED_DIRS
# (installer.dirs once the receipts folder exists), so that a run killed after it still has it removed.
mkdirs_tracked() {
    [ -d "$OPT_PREFIX/$1" ] && return 0
    mt_parent="${1%/*}"
    [ "$mt_parent" != "$1" ] && mkdirs_tracked "$mt_parent"
    mkdir "$OPT_PREFIX/$1" 2>/dev/null || [ -d "$OPT_PREFIX/$1" ] || die "could not create $OPT_PREFIX/$1" "check permissions and that no file is in the way"
    printf '%s\n' "$1" >>"$TRACKED_DIRS"
}

# crash_point NAME: the tests' way to kill the installer with SIGKILL at a named step (PROVISIONING_TEST_CRASH_AT),
# to prove that a run killed there leaves a prefix that a rerun completes and an uninstall restores.
crash_point() {
    if [ "${PROVISIONING_TEST_CRASH_AT:-}" = "$1" ]; then
        kill -9 $$
    fi
}

# What a killed run left: its staging folder (when its process is gone) and half-written receipt files.
clean_after_killed_runs() {
    for ck_dir in "$OPT_PREFIX"/.provisioning-staging.*; do
        [ -d "$ck_dir" ] && [ ! -L "$ck_dir" ] || continue
        ck_pid="${ck_dir##*.}"
        if is_number "$ck_pid" && [ "$ck_pid" != "$$" ] && kill -0 "$ck_pid" 2>/dev/null; then
            continue
        fi
        rm -rf "$ck_dir"
    done
    if [ -d "$RECEIPTS" ] && [ ! -L "$RECEIPTS" ]; then
        rm -f "$RECEIPTS"/.*.new
    fi
}

# Removes the tracked folders that are empty (deepest first) and keeps the list of those that remain.
prune_dirs() {
    [ -f "$RECEIPTS/installer.dirs" ] || return 0
    sort -u -r "$RECEIPTS/installer.dirs" >"$TMP/dirs"
    if [ -z "$(installed_components)" ]; then
        rm -f "$RECEIPTS/installer.dirs" "$RECEIPTS/bundle" "$RECEIPTS/registry.serial"
    fi
    : >"$TMP/dirs-left"
    while IFS= read -r pd_dir; do
        [ -n "$pd_dir" ] || continue
        rmdir "$OPT_PREFIX/$pd_dir" 2>/dev/null || true
        [ -d "$OPT_PREFIX/$pd_dir" ] && printf '%s\n' "$pd_dir" >>"$TMP/dirs-left"
    done <"$TMP/dirs"
    if [ -f "$RECEIPTS/installer.dirs" ]; then
        sort -u "$TMP/dirs-left" >"$RECEIPTS/.installer.dirs.new" && mv -f "$RECEIPTS/.installer.dirs.new" "$RECEIPTS/installer.dirs"
    fi
}

remove_component() {
    rc_id="$1"
    if [ -f "$RECEIPTS/$rc_id.files" ]; then
        while IFS= read -r rc_file; do
            is_safe_relpath "$rc_file" || continue
            is_bookkeeping "$rc_file" - && continue
            parent_inside "$rc_file" || continue
            if [ -L "$OPT_PREFIX/$rc_file" ] || [ -f "$OPT_PREFIX/$rc_file" ]; then
                rm -f "$OPT_PREFIX/$rc_file" || die "could not remove $OPT_PREFIX/$rc_file" "check permissions"
                crash_point removing
            fi
        done <"$RECEIPTS/$rc_id.files"
    fi
    rm -f "$RECEIPTS/$rc_id.files" "$RECEIPTS/$rc_id.version" "$RECEIPTS/$rc_id.requires"
}

# ----------------------------------------------------------------------------------------------------------
# Requirements between components

# check_requirements MODE: MODE is install or uninstall. $TMP/after lists "ID VERSION" of what the prefix holds once
# this run is done, $TMP/changed the ids this run installs or removes. Each requirement of a component in AFTER (from
# $TMP/requires for what this run installs, from the receipts for the rest) is shown when installing, and one that
# this run's changes leave unmet stops the run before anything changes, naming the requirement and what would be there.
check_requirements() {
    : >"$TMP/needs"
    [ -f "$TMP/requires" ] || : >"$TMP/requires"
    while read -r cq_id cq_version; do
        if awk -v c="$cq_id" -v v="$cq_version" '$1 == c && $2 == v { found = 1 } END { exit !found }' "$TMP/requires"; then
            awk -v c="$cq_id" -v v="$cq_version" '$1 == c && $2 == v' "$TMP/requires" >>"$TMP/needs"
        elif [ -f "$RECEIPTS/$cq_id.requires" ]; then
            while read -r cq_dep cq_bounds cq_text; do
                is_component_id "$cq_dep" && is_bounds "$cq_bounds" || continue
                printf '%s %s %s %s %s\n' "$cq_id" "$cq_version" "$cq_dep" "$cq_bounds" "$cq_text" >>"$TMP/needs"
            done <"$RECEIPTS/$cq_id.requires"
        fi
    done <"$TMP/after"
    cq_what=""
    while read -r cq_id cq_version cq_dep cq_bounds cq_text; do
        cq_has="$(awk -v d="$cq_dep" '$1 == d { print $2; exit }' "$TMP/after")"
        if [ -n "$cq_has" ] && satisfies_bounds "$cq_has" "$cq_bounds"; then
            [ "$1" = install ] && say "requires: $cq_id $cq_version needs $cq_dep $cq_text ($cq_dep $cq_has satisfies it)"
            continue
        fi
        [ "$1" = install ] && say "requires: $cq_id $cq_version needs $cq_dep $cq_text (${cq_has:+$cq_dep $cq_has does not satisfy it}${cq_has:-$cq_dep would not be installed})"
        grep -qxF "$cq_id" "$TMP/changed" || grep -qxF "$cq_dep" "$TMP/changed" || continue
        [ -n "$cq_what" ] && continue
        if [ "$1" = uninstall ]; then
            cq_what="$cq_id $cq_version needs $cq_dep $cq_text, and this would uninstall $cq_dep"
            cq_fix="uninstall $cq_id too (--component $cq_id), or keep $cq_dep"
        elif [ -z "$cq_has" ]; then
            cq_what="$cq_id $cq_version needs $cq_dep $cq_text, which is neither installed in $OPT_PREFIX nor being installed"
            cq_fix="install $cq_dep with it (add --component $cq_dep@VERSION, a version that satisfies $cq_text), or install a bundle"
        else
            cq_what="$cq_id $cq_version needs $cq_dep $cq_text, but $cq_dep $cq_has would be installed"
            cq_fix="install a $cq_dep that satisfies $cq_text (--component $cq_dep@VERSION), or a $cq_id made for $cq_dep $cq_has"
        fi
    done <"$TMP/needs"
    [ -z "$cq_what" ] || die "$cq_what; nothing was changed" "$cq_fix"
}

# ----------------------------------------------------------------------------------------------------------
# Steps

confirm() {
    [ "$OPT_YES" -eq 1 ] && return 0
    [ -t 0 ] || return 0
    printf '%s [y/N] ' "$1"
    read -r cf_answer || cf_answer=""
    case "$cf_answer" in
        y | Y | yes | YES | Yes) return 0 ;;
    esac
    die "cancelled; nothing was changed" "run again and answer y, or pass --yes"
}

run_uninstall() {
    if [ -n "$COMPONENTS" ]; then
        ru_components=""
        for ru_component in $COMPONENTS; do
            ru_id="${ru_component%%@*}"
            [ -f "$RECEIPTS/$ru_id.files" ] || die "$ru_id is not installed in $OPT_PREFIX; nothing was changed" "check --prefix"
            ru_version="${ru_component#*@}"
            if [ -n "$ru_version" ] && [ "$ru_version" != "$(receipt_version "$ru_id")" ]; then
                die "$ru_id $ru_version is not installed in $OPT_PREFIX (it has $ru_id $(receipt_version "$ru_id")); nothing was changed" "give --component $ru_id alone"
            fi
            ru_components="$ru_components $ru_id"
        done
    else
        ru_components="$(installed_components)"
        [ -n "$ru_components" ] || die "nothing installed by this installer in $OPT_PREFIX" "check --prefix"
    fi
    say "prefix: $OPT_PREFIX"
    for ru_id in $ru_components; do
        say "remove $ru_id $(receipt_version "$ru_id") ($(wc -l <"$RECEIPTS/$ru_id.files" | tr -d ' ') files)"
    done
    printf '%s\n' $ru_components >"$TMP/changed"
    : >"$TMP/after"
    for ru_id in $(installed_components); do
        grep -qxF "$ru_id" "$TMP/changed" || printf '%s %s\n' "$ru_id" "$(receipt_version "$ru_id")" >>"$TMP/after"
    done
    check_requirements uninstall
    if [ "$OPT_DRY_RUN" -eq 1 ]; then
        say "dry run: nothing was changed"
        return 0
    fi
    confirm "Remove these from $OPT_PREFIX?"
    for ru_id in $ru_components; do
        check_removable "$ru_id"
    done
    clean_after_killed_runs
    for ru_id in $ru_components; do
        remove_component "$ru_id"
    done
    prune_dirs
    say "uninstalled from $OPT_PREFIX"
}

run_install() {
    resolve_registry
    fetch index.json "$TMP/index.json"
    verify_index
    grep -q '"schema"[ ]*:[ ]*1[^0-9]' "$TMP/index.json" || die "index.json is not a schema 1 provisioning registry index" "check --registry (or update the installer)"
    check_freshness
    if [ -n "$COMPONENTS" ]; then
        plan_components
    else
        plan_bundle
    fi

    # The plan, as users see it.
    say "registry: $OPT_REGISTRY"
    [ -n "$BUNDLE" ] && say "bundle: $BUNDLE"
    say "target: $TARGET"
    say "prefix: $OPT_PREFIX"
    cut -d ' ' -f 1,2 "$TMP/plan" | sort -u >"$TMP/components"
    : >"$TMP/drop"
    if [ -n "$BUNDLE" ]; then
        for ri_id in $(installed_components); do
            grep -q "^$ri_id " "$TMP/components" || printf '%s\n' "$ri_id" >>"$TMP/drop"
        done
    fi
    : >"$TMP/downgrades"
    while read -r ri_id ri_version; do
        ri_old="$(receipt_version "$ri_id")"
        if [ -z "$ri_old" ]; then
            say "install $ri_id $ri_version"
        elif [ "$ri_old" = "$ri_version" ]; then
            say "reinstall $ri_id $ri_version"
        elif version_lt "$ri_version" "$ri_old"; then
            say "downgrade $ri_id $ri_old -> $ri_version"
            printf '%s\n' "$ri_id $ri_old -> $ri_version" >>"$TMP/downgrades"
        else
            say "upgrade $ri_id $ri_old -> $ri_version"
        fi
    done <"$TMP/components"
    while read -r ri_id; do
        say "remove $ri_id $(receipt_version "$ri_id") (not in bundle $BUNDLE)"
    done <"$TMP/drop"
    while read -r ri_c ri_v ri_name ri_size ri_sha ri_path; do
        say "  $ri_name ($ri_size bytes)"
    done <"$TMP/plan"
    cut -d ' ' -f 1 "$TMP/components" | cat - "$TMP/drop" >"$TMP/changed"
    cp "$TMP/components" "$TMP/after"
    if [ -z "$BUNDLE" ]; then
        for ri_id in $(installed_components); do
            grep -q "^$ri_id " "$TMP/components" || printf '%s %s\n' "$ri_id" "$(receipt_version "$ri_id")" >>"$TMP/after"
        done
    fi
    check_requirements install
    if [ -s "$TMP/downgrades" ] && [ "$OPT_ALLOW_DOWNGRADE" -eq 0 ]; then
        die "this would downgrade $(awk 'NR > 1 { printf ", " } { printf "%s", $0 }' "$TMP/downgrades"); nothing was changed" "pass --allow-downgrade to install the older version"
    fi
    if [ "$OPT_DRY_RUN" -eq 1 ]; then
        say "dry run: nothing was changed"
        return 0
    fi
    confirm "Install into $OPT_PREFIX?"

    # Download, verify and unpack everything in the temporary folder: nothing in the prefix changes yet.
    mkdir -p "$TMP/downloads" "$TMP/unpacked" || die "could not create folders in $TMP" "check free space in ${TMPDIR:-/tmp}"
    while read -r ri_c ri_v ri_name ri_size ri_sha ri_path; do
        fetch "$ri_path" "$TMP/downloads/$ri_name"
        verify_file "$TMP/downloads/$ri_name" "$ri_size" "$ri_sha" "$ri_name"
        inspect_archive "$TMP/downloads/$ri_name" "$ri_name"
        extract_archive "$TMP/downloads/$ri_name" "$TMP/unpacked/$ri_c" "$ri_name"
    done <"$TMP/plan"

    check_unpacked
    for ri_id in $(installed_components); do
        check_removable "$ri_id"
    done

    # Copy into a staging folder inside the prefix (same file system), so the final moves are renames.
    mkdir -p "$OPT_PREFIX" || die "could not create the prefix $OPT_PREFIX" "check permissions, or choose --prefix"
    clean_after_killed_runs
    STAGING="$OPT_PREFIX/.provisioning-staging.$$"
    rm -rf "$STAGING"
    mkdir "$STAGING" || die "could not write to $OPT_PREFIX" "check permissions, or choose --prefix (run as root for /usr/local)"
    while read -r ri_id ri_version; do
        mkdir "$STAGING/$ri_id" && (cd "$TMP/unpacked/$ri_id" && find . ! -type d) | sed 's|^\./||' | LC_ALL=C sort >"$STAGING/$ri_id.files" ||
            die "could not stage $ri_id in $OPT_PREFIX" "check free space in $OPT_PREFIX; nothing was changed"
        if ! cp -RPp "$TMP/unpacked/$ri_id/." "$STAGING/$ri_id/" 2>"$TMP/cp-error"; then
            die "could not copy $ri_id into $OPT_PREFIX: $(head -n 1 "$TMP/cp-error")" "free space in $OPT_PREFIX and run again; nothing was changed"
        fi
        # Nothing may replace a folder.
        while IFS= read -r ri_file; do
            if [ -d "$OPT_PREFIX/$ri_file" ] && [ ! -L "$OPT_PREFIX/$ri_file" ]; then
                die "$OPT_PREFIX/$ri_file is a folder where $ri_id installs a file" "move it away and run again; nothing was changed"
            fi
        done <"$STAGING/$ri_id.files"
    done <"$TMP/components"
    printf '%s\n' "$BUNDLE" >"$STAGING/bundle" || die "could not write to $OPT_PREFIX" "free space in $OPT_PREFIX and run again; nothing was changed"
    crash_point staged

    # From here the prefix changes: receipts folder, then per component its receipt widened to old and new files
    # (so that a run killed from here on leaves nothing an uninstall would not remove), files by rename, stale files,
    # the final receipt. A rerun after a kill completes the install.
    TRACKED_DIRS="$TMP/created-dirs"
    : >"$TRACKED_DIRS"
    mkdirs_tracked "share/provisioning/receipts"
    cat "$TRACKED_DIRS" >>"$RECEIPTS/installer.dirs" || die "could not write to $RECEIPTS" "free space in $OPT_PREFIX and run again"
    TRACKED_DIRS="$RECEIPTS/installer.dirs"
    while read -r ri_id ri_version; do
        if [ -f "$RECEIPTS/$ri_id.files" ]; then
            LC_ALL=C sort -u "$RECEIPTS/$ri_id.files" "$STAGING/$ri_id.files" >"$RECEIPTS/.$ri_id.files.new"
        else
            cat "$STAGING/$ri_id.files" >"$RECEIPTS/.$ri_id.files.new"
        fi && mv -f "$RECEIPTS/.$ri_id.files.new" "$RECEIPTS/$ri_id.files" || die "could not write the receipt of $ri_id" "free space in $OPT_PREFIX and run again"
        crash_point receipt-widened
        ri_old_files="$TMP/old-files"
        cp "$RECEIPTS/$ri_id.files" "$ri_old_files"
        while IFS= read -r ri_file; do
            ri_dir="${ri_file%/*}"
            [ "$ri_dir" != "$ri_file" ] && mkdirs_tracked "$ri_dir"
            [ -L "$OPT_PREFIX/$ri_file" ] && rm -f "$OPT_PREFIX/$ri_file"
            mv -f "$STAGING/$ri_id/$ri_file" "$OPT_PREFIX/$ri_file" || die "could not move $ri_file into $OPT_PREFIX" "the install is incomplete: run the installer again"
            crash_point moving
        done <"$STAGING/$ri_id.files"
        if [ -f "$ri_old_files" ]; then
            LC_ALL=C comm -23 "$ri_old_files" "$STAGING/$ri_id.files" >"$TMP/stale"
            while IFS= read -r ri_file; do
                is_safe_relpath "$ri_file" || continue
                is_bookkeeping "$ri_file" - && continue
                parent_inside "$ri_file" || continue
                if [ -L "$OPT_PREFIX/$ri_file" ] || [ -f "$OPT_PREFIX/$ri_file" ]; then
                    rm -f "$OPT_PREFIX/$ri_file"
                    crash_point stale
                fi
            done <"$TMP/stale"
        fi
        mv -f "$STAGING/$ri_id.files" "$RECEIPTS/$ri_id.files" || die "could not write the receipt of $ri_id" "run the installer again"
        printf '%s\n' "$ri_version" >"$RECEIPTS/.$ri_id.version.new" && mv -f "$RECEIPTS/.$ri_id.version.new" "$RECEIPTS/$ri_id.version" ||
            die "could not write the receipt of $ri_id" "run the installer again"
        awk -v c="$ri_id" -v v="$ri_version" '$1 == c && $2 == v { $1 = ""; $2 = ""; sub(/^  /, ""); print }' "$TMP/requires" \
            >"$RECEIPTS/.$ri_id.requires.new" && mv -f "$RECEIPTS/.$ri_id.requires.new" "$RECEIPTS/$ri_id.requires" ||
            die "could not write the receipt of $ri_id" "run the installer again"
    done <"$TMP/components"
    while read -r ri_id; do
        crash_point dropping
        remove_component "$ri_id"
    done <"$TMP/drop"
    if [ -n "$BUNDLE" ]; then
        mv -f "$STAGING/bundle" "$RECEIPTS/bundle"
    fi
    remember_serial
    rm -rf "$STAGING"
    STAGING=""
    prune_dirs
    while read -r ri_id ri_version; do
        say "installed $ri_id $ri_version"
    done <"$TMP/components"
    say "done: $OPT_PREFIX/bin is where the commands are; add it to PATH if it is not there"
}

cleanup() {
    if [ -n "${STAGING:-}" ]; then
        rm -rf "$STAGING"
    fi
    if [ -n "${TMP:-}" ]; then
        rm -rf "$TMP"
    fi
}

main() {
    set -u
    umask 022
    STAGING=""
    TMP=""
    TRACKED_DIRS=/dev/null
    parse_args "$@"
    RECEIPTS="$OPT_PREFIX/share/provisioning/receipts"
    if [ "$OPT_UNINSTALL" -eq 1 ]; then
        TMP="$(mktemp -d "${TMPDIR:-/tmp}/provisioning-install.XXXXXX")" || die "could not create a temporary folder" "check TMPDIR"
        trap cleanup EXIT
        trap 'exit 1' INT TERM HUP
        run_uninstall
        return 0
    fi
    need tar
    need gzip
    need awk
    need sed
    pick_sha256_tool
    detect_target
    TMP="$(mktemp -d "${TMPDIR:-/tmp}/provisioning-install.XXXXXX")" || die "could not create a temporary folder" "check TMPDIR"
    trap cleanup EXIT
    trap 'exit 1' INT TERM HUP
    run_install
}

main "$@"
