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

dotnet tool restore >/dev/null || fail "could not restore the tools in .config/dotnet-tools.json (Cake.Tool) — check the NuGet feed"
# Published ReadyToRun for this machine (see build/Distribution.Cli/Distribution.Cli.csproj): starts without the JIT.
if ! output="$(dotnet publish "$root/build/Distribution.Cli/Distribution.Cli.csproj" -c Release -o "$root/artifacts/dotnet/cli" --nologo -v quiet -tl:off 2>&1)"; then
  echo "$output" >&2
  fail "building build/Distribution.Cli failed — the compiler errors are above"
fi

exec dotnet tool run dotnet-cake "$root/build/build.cake" "$@"
