#!/usr/bin/env pwsh
# Bootstrap for Windows and PowerShell users: restore the pinned tools (Cake), publish our command-line program,
# then run build/build.cake with every argument passed through. Usage: ./build.ps1 --target=CreateBundle
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
Push-Location $root
try {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        Write-Error "build.ps1: error: the .NET 10 SDK is required and 'dotnet' is not on PATH — install it from https://dot.net (see global.json)"
        exit 1
    }
    $sdk = (& dotnet --version 2>$null)
    if ($LASTEXITCODE -ne 0 -or -not $sdk.StartsWith('10.')) {
        Write-Error "build.ps1: error: this project needs a .NET 10 SDK (found: '$sdk') — install it from https://dot.net"
        exit 1
    }

    $env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
    $env:DOTNET_NOLOGO = '1'

    & dotnet tool restore | Out-Null
    if ($LASTEXITCODE -ne 0) { Write-Error 'build.ps1: error: could not restore the tools in .config/dotnet-tools.json'; exit 1 }
    # Published ReadyToRun for this machine (see build/Distribution.Cli/Distribution.Cli.csproj): starts without the JIT.
    & dotnet publish (Join-Path $root 'build/Distribution.Cli/Distribution.Cli.csproj') -c Release -o (Join-Path $root 'artifacts/dotnet/cli') --nologo -v quiet -tl:off -clp:NoSummary
    if ($LASTEXITCODE -ne 0) { Write-Error 'build.ps1: error: building build/Distribution.Cli failed — the compiler errors are above'; exit 1 }

    & dotnet tool run dotnet-cake (Join-Path $root 'build/build.cake') @args
    exit $LASTEXITCODE
}
finally {
    Pop-Location
}
