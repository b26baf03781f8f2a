#!/usr/bin/env bash
# Bootstrap: restore the pinned tools (Cake), publish our command-line program, then run build/build.cake with
# every argument passed through. Works from any current directory. Usage: ./build.sh --target=CreateBundle
set -euo pipefail

root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

fail() {
  echo "build.sh: error: $*" >&2
  exit 1
}

command -v dotnet >/dev/null 2>&1 ||
  fail "the .NET 10 SDK is required and 'dotnet' is not on PATH — install it from https://dot.net (see global.json for the version band)"
sdk="$(dotnet --version 2>/dev/null)" ||
  fail "no installed .NET SDK matches global.json (installed: $(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1 | tr '\n' ' ')) — install a .NET 10 SDK"
case "$sdk" in
  10.*) ;;
  *) fail ".NET SDK $sdk found; this project needs .NET 10 — install it from https://dot.net" ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Our command-line program, compiled ahead of time for this machine (build/Distribution.Cli/Distribution.Cli.csproj):
# as one native executable (Native AOT) where a C toolchain can link it, else ReadyToRun for the .NET host.
# PROVISIONING_DIST_CLI_BUILD=native or =readytorun chooses; build.cake runs the one named in PROVISIONING_DIST_CLI.
requested="${PROVISIONING_DIST_CLI_BUILD:-auto}"
cli_build="$requested"
case "$cli_build" in
  auto)
    if command -v clang >/dev/null 2>&1 || { [ "$(uname -s)" = Linux ] && command -v gcc >/dev/null 2>&1; }; then
      cli_build=native
    else
      cli_build=readytorun
    fi
    ;;
  native | readytorun) ;;
  *) fail "PROVISIONING_DIST_CLI_BUILD is '$cli_build' — use native or readytorun, or leave it unset to choose by the C toolchain found" ;;
esac

dotnet tool restore >/dev/null || fail "could not restore the tools in .config/dotnet-tools.json (Cake.Tool) — check the NuGet feed"
# dotnet publish -v quiet prints nothing while it compiles, which the first time takes about 60 s on a quiet 2-core
# machine (several minutes on a busy one): say so whenever the program must be built, that is when it is not there or
# a source of it (its projects in build/, the shared props, global.json) is newer; an up-to-date program is checked in seconds, silently.
announce() { # $1: native | readytorun, $2: the program file
  if [ ! -e "$2" ]; then
    echo "build.sh: compiling provisioning-dist ($1), about 60 s the first time (longer on a busy machine); later runs reuse it" >&2
  elif [ -n "$(find "$root"/build/Distribution.{Cli,Core,Adapters,Pipeline} "$root"/Directory.{Build,Packages}.props \
    "$root/global.json" -type f -newer "$2" -print 2>/dev/null | head -n 1)" ]; then
    echo "build.sh: compiling provisioning-dist ($1) again: its sources changed since it was built" >&2
  fi
}
publish() { # $1: native | readytorun, $2: output folder
  announce "$1" "$2/provisioning-dist$([ "$1" = native ] || echo .dll)"
  dotnet publish "$root/build/Distribution.Cli/Distribution.Cli.csproj" -c Release -p:CliBuild="$1" -o "$2" --nologo -v quiet -tl:off 2>&1
}
if [ "$cli_build" = native ]; then
  if output="$(publish native "$root/artifacts/dotnet/cli-native")"; then
    export PROVISIONING_DIST_CLI="$root/artifacts/dotnet/cli-native/provisioning-dist"
  elif [ "$requested" = native ] || grep -Eq 'error CS[0-9]+' <<<"$output"; then
    echo "$output" >&2
    fail "building build/Distribution.Cli as native code failed — the errors are above (a C# error fails either build; PROVISIONING_DIST_CLI_BUILD=readytorun needs no C toolchain)"
  else
    echo "build.sh: warning: build/Distribution.Cli could not be built as native code, so it is built ReadyToRun (PROVISIONING_DIST_CLI_BUILD=native shows why)" >&2
    cli_build=readytorun
  fi
fi
if [ "$cli_build" = readytorun ]; then
  if ! output="$(publish readytorun "$root/artifacts/dotnet/cli")"; then
    echo "$output" >&2
    fail "building build/Distribution.Cli failed — the compiler errors are above"
  fi
  export PROVISIONING_DIST_CLI="$root/artifacts/dotnet/cli/provisioning-dist.dll"
fi

exec dotnet tool run dotnet-cake "$root/build/build.cake" "$@"
