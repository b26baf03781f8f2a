#!/bin/sh
# Installs what builds the Rust platform sample for linux-x64 and linux-arm64 on an x86-64 Debian or Ubuntu
# (docs/packaging-guide.md, "A Cargo workspace"): the aarch64 linker and C library (gcc-aarch64-linux-gnu,
# libc6-dev-arm64-cross), qemu-user to run the result, and a Rust with the aarch64 standard library: on Debian its own
# (rustc-web, cargo-web in /usr/bin, and libstd-rust-web-dev:arm64 after dpkg --add-architecture arm64; about 1.2 GB),
# elsewhere rustup's (rustup target add aarch64-unknown-linux-gnu, which needs its server).
# Idempotent and quiet: does nothing when everything is there. When it cannot install (no apt-get, not root, no
# network) it says what is missing in one line and exits 1; the tests that need the toolchain then fail naming it.
set -u
triple=aarch64-unknown-linux-gnu
cross="gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user"
debian_rust="rustc-web cargo-web libstd-rust-web-dev:arm64"

has_std() { # $1: a rustc
    dir=$("$1" --print target-libdir --target "$triple" 2>/dev/null) && ls "$dir"/libstd-*.rlib >/dev/null 2>&1
}
installed() {
    command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 && command -v qemu-aarch64 >/dev/null 2>&1 &&
        { { command -v rustc >/dev/null 2>&1 && has_std rustc; } || { [ -x /usr/bin/cargo ] && [ -x /usr/bin/rustc ] && has_std /usr/bin/rustc; }; }
}
fail() { echo "install-rust-cross.sh: $1" >&2; exit 1; }

installed && exit 0
[ "$(uname -s)" = Linux ] || fail "cross-builds the linux targets from Linux only"
command -v apt-get >/dev/null 2>&1 || fail "no apt-get here; install a Rust with the $triple target, an aarch64-linux-gnu gcc and qemu-user yourself"
if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
else
    fail "needs root: apt-get install $cross, and $debian_rust (Debian, after dpkg --add-architecture arm64) or rustup target add $triple"
fi

log="${TMPDIR:-/tmp}/install-rust-cross.log"
: >"$log"
apt() { DEBIAN_FRONTEND=noninteractive $as_root nice -n 5 apt-get "$@" >>"$log" 2>&1; }
apt update -qq || fail "apt-get update failed (see $log): $(tail -n 1 "$log")"
if apt-cache show libstd-rust-web-dev >/dev/null 2>&1; then
    # Debian: its own Rust, with the arm64 standard library from the arm64 architecture.
    { $as_root dpkg --add-architecture arm64 >>"$log" 2>&1 && apt update -qq &&
        apt install -y -qq --no-install-recommends $cross $debian_rust; } ||
        fail "apt-get install $cross $debian_rust failed (see $log): $(tail -n 1 "$log")"
else
    # Ubuntu and others: the cross gcc and qemu from apt, the standard library from rustup.
    apt install -y -qq --no-install-recommends $cross || fail "apt-get install $cross failed (see $log): $(tail -n 1 "$log")"
    command -v rustup >/dev/null 2>&1 || fail "no rustup to add $triple: install Rust from https://rustup.rs"
    rustup target add "$triple" >>"$log" 2>&1 || fail "rustup target add $triple failed (see $log): $(tail -n 1 "$log")"
fi
installed || fail "installed, but aarch64-linux-gnu-gcc, qemu-aarch64 or a rustc with the $triple library is still missing (see $log)"
