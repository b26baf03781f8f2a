#!/usr/bin/env pwsh
# Bootstrap for Windows and PowerShell users: restore the pinned tools (Cake), publish our command-line program,
# then run build/build.cake with every argument passed through. Usage: ./build.ps1 --target=CreateBundle
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
# Errors are one line on standard error, "what is wrong <em dash> how to fix it" as build.sh writes them (Write-Error
# under 'Stop' would throw a wrapped, coloured record instead); the dash is a code so the file stays ASCII.
$dash = [string][char]0x2014
function Fail([string]$What, [string]$Fix) {
    [Console]::Error.WriteLine("build.ps1: error: $What $dash $Fix")
    exit 1
}
# Run from a PowerShell prompt, this script shares its session: what it sets is put back when it ends.
$previousCli = $env:PROVISIONING_DIST_CLI
Push-Location $root
try {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        Fail "the .NET 10 SDK is required and 'dotnet' is not on PATH" 'install it from https://dot.net (see global.json)'
    }
    $sdk = (& dotnet --version 2>$null)
    if ($LASTEXITCODE -ne 0 -or -not $sdk.StartsWith('10.')) {
        Fail "this project needs a .NET 10 SDK (found: '$sdk')" 'install it from https://dot.net'
    }

    $env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
    $env:DOTNET_NOLOGO = '1'

    & dotnet tool restore | Out-Null
    if ($LASTEXITCODE -ne 0) { Fail 'could not restore the tools in .config/dotnet-tools.json' 'check the NuGet feed is reachable and run again' }
    # Our command-line program, compiled ahead of time for this machine (build/Distribution.Cli/Distribution.Cli.csproj):
    # as one native executable (Native AOT) where a C toolchain can link it, else ReadyToRun for the .NET host.
    # PROVISIONING_DIST_CLI_BUILD=native or =readytorun chooses; build.cake runs the one named in PROVISIONING_DIST_CLI.
    # On Windows the default is ReadyToRun: Native AOT there needs Visual Studio's C++ linker, which this does not look for.
    $onWindows = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Win32NT
    $requested = if ($env:PROVISIONING_DIST_CLI_BUILD) { $env:PROVISIONING_DIST_CLI_BUILD } else { 'auto' }
    $cliBuild = switch ($requested) {
        'auto' {
            if ($onWindows) { 'readytorun' }
            elseif ((Get-Command clang -ErrorAction SilentlyContinue) -or ((& uname -s) -eq 'Linux' -and (Get-Command gcc -ErrorAction SilentlyContinue))) { 'native' }
            else { 'readytorun' }
        }
        { $_ -in 'native', 'readytorun' } { $requested }
        default {
            Fail "PROVISIONING_DIST_CLI_BUILD is '$requested'" 'use native or readytorun, or leave it unset to choose by the C toolchain found'
        }
    }
    # dotnet publish -v quiet prints nothing while it compiles, which the first time takes about 60 s on a quiet 2-core
    # machine (several minutes on a busy one): say so whenever the program must be built, that is when it is not there
    # or a source of it (its projects in build/, the shared props, global.json) is newer, as build.sh does.
    function Announce([string]$Kind, [string]$Program) {
        if (-not (Test-Path -LiteralPath $Program)) {
            [Console]::Error.WriteLine("build.ps1: compiling provisioning-dist ($Kind), about 60 s the first time (longer on a busy machine); later runs reuse it")
            return
        }
        $built = (Get-Item -LiteralPath $Program).LastWriteTimeUtc
        $sources = @('Cli', 'Core', 'Adapters', 'Pipeline') | ForEach-Object { Join-Path $root "build/Distribution.$_" } |
            Where-Object { Test-Path -LiteralPath $_ } | ForEach-Object { Get-ChildItem -LiteralPath $_ -Recurse -File }
        $sources += @('Directory.Build.props', 'Directory.Packages.props', 'global.json') | ForEach-Object { Join-Path $root $_ } |
            Where-Object { Test-Path -LiteralPath $_ } | ForEach-Object { Get-Item -LiteralPath $_ }
        if ($sources | Where-Object { $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1) {
            [Console]::Error.WriteLine("build.ps1: compiling provisioning-dist ($Kind) again: its sources changed since it was built")
        }
    }
    $publish = @('publish', (Join-Path $root 'build/Distribution.Cli/Distribution.Cli.csproj'), '-c', 'Release', '--nologo', '-v', 'quiet', '-tl:off', '-clp:NoSummary')
    if ($cliBuild -eq 'native') {
        $folder = Join-Path $root 'artifacts/dotnet/cli-native'
        Announce 'native' (Join-Path $folder $(if ($onWindows) { 'provisioning-dist.exe' } else { 'provisioning-dist' }))
        # Its output is kept for an error message; standard error lines must not stop the script (Windows PowerShell).
        $ErrorActionPreference = 'Continue'
        $output = & dotnet @publish -p:CliBuild=native -o $folder 2>&1
        $published = $LASTEXITCODE -eq 0
        $ErrorActionPreference = 'Stop'
        if ($published) {
            $env:PROVISIONING_DIST_CLI = Join-Path $folder $(if ($onWindows) { 'provisioning-dist.exe' } else { 'provisioning-dist' })
        }
        elseif ($requested -eq 'native' -or ($output -match 'error CS\d+')) {
            $output | Write-Host
            Fail 'building build/Distribution.Cli as native code failed' 'the errors are above (a C# error fails either build; PROVISIONING_DIST_CLI_BUILD=readytorun needs no C toolchain)'
        }
        else {
            Write-Warning 'build.ps1: build/Distribution.Cli could not be built as native code, so it is built ReadyToRun (PROVISIONING_DIST_CLI_BUILD=native shows why)'
            $cliBuild = 'readytorun'
        }
    }
    if ($cliBuild -eq 'readytorun') {
        $folder = Join-Path $root 'artifacts/dotnet/cli'
        Announce 'readytorun' (Join-Path $folder 'provisioning-dist.dll')
        & dotnet @publish -p:CliBuild=readytorun -o $folder
        if ($LASTEXITCODE -ne 0) { Fail 'building build/Distribution.Cli failed' 'the compiler errors are above' }
        $env:PROVISIONING_DIST_CLI = Join-Path $folder 'provisioning-dist.dll'
    }

    & dotnet tool run dotnet-cake (Join-Path $root 'build/build.cake') @args
    exit $LASTEXITCODE
}
finally {
    $env:PROVISIONING_DIST_CLI = $previousCli
    Pop-Location
}
