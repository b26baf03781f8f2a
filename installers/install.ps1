<#
.SYNOPSIS
    provisioning installer for PowerShell: installs a bundle (or one component) from a provisioning registry.

.DESCRIPTION
    The same options, checks and receipts as install.sh (see docs/installing.md):
    every file is checked against its SHA-256 from the registry (index.json -> bundle.json -> archives) with
    Get-FileHash; archives are listed with tar (Windows 10+ ships bsdtar as tar.exe) BEFORE unpacking and refused
    when they hold absolute paths, '..', links that leave the prefix or special files; the unpacked tree is
    checked again; what was installed is recorded in PREFIX/share/provisioning/receipts. index.json is trusted
    only when its signature (index.json.sig) verifies, with .NET's ECDsa, with the registry's public key
    ($EmbeddedPublicKey, filled in when the registry publishes this installer; -PublicKey FILE overrides it), and
    only when it has not expired and its serial is not lower than the one this prefix was last installed from.
    That needs PowerShell 7 (.NET 5 or later); Windows PowerShell 5.1 refuses to install.

    Environment: PROVISIONING_REGISTRY, PROVISIONING_PREFIX, PROVISIONING_PUBLIC_KEY, PROVISIONING_OS (linux|darwin|windows),
    PROVISIONING_ARCH (x64|arm64). Exit codes: 0 done, 1 failed, 2 wrong usage.

    Bundles have platform builds for linux and darwin only: on Windows the platform component is left out
    (with a warning) and the script-only components are installed.

.EXAMPLE
    & ([scriptblock]::Create((Invoke-WebRequest -UseBasicParsing https://REGISTRY/installers/install.ps1).Content)) -Registry https://REGISTRY -Channel stable
#>
[CmdletBinding()]
param(
    # The registry: https://..., file://..., a folder; http only for 127.0.0.1, localhost and [::1]. Default: $env:PROVISIONING_REGISTRY.
    [string]$Registry = $env:PROVISIONING_REGISTRY,
    # Install this bundle (e.g. stable-3.2).
    [string]$Bundle = '',
    # Install the bundle a channel points at: stable (default) or lts.
    [string]$Channel = '',
    # Install only these components (e.g. core@3.1.0,ext-mongodb@1.2.0): all of them or none; with -Uninstall, the ids alone are enough.
    [string[]]$Component = @(),
    # Where to install (default: /usr/local as root, $HOME/.local otherwise; %LOCALAPPDATA%\provisioning on Windows).
    [string]$Prefix = $env:PROVISIONING_PREFIX,
    # Remove what the installer installed (every component, or the -Component ones).
    [switch]$Uninstall,
    # Do not ask before changing anything.
    [switch]$Yes,
    # Print the plan and change nothing.
    [switch]$DryRun,
    # Install a component older than the one installed (refused without it).
    [switch]$AllowDowngrade,
    # The registry's public key (PEM) to verify index.json.sig with, instead of the one this installer carries. Default: $env:PROVISIONING_PUBLIC_KEY.
    [string]$PublicKey = $env:PROVISIONING_PUBLIC_KEY
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$script:Targets = @('linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64')
# The machine really is Windows (PROVISIONING_OS only changes which archives are picked).
$script:OnWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or ((Test-Path variable:IsWindows) -and $IsWindows)
# Windows' own bsdtar: a GNU tar from Git or MSYS earlier on PATH would read "C:\..." as a remote host.
$script:Tar = 'tar'
if ($script:OnWindows -and $env:SystemRoot -and (Test-Path -LiteralPath (Join-Path $env:SystemRoot 'System32\tar.exe'))) {
    $script:Tar = Join-Path $env:SystemRoot 'System32\tar.exe'
}
$script:SafeChars = '^[A-Za-z0-9._+@=,:/~-]+$'
# The registry's public key (SPKI PEM), filled in when the registry publishes this installer.
$EmbeddedPublicKey = ''

class InstallerFailure : System.Exception {
    [int]$ExitCode
    InstallerFailure([string]$message, [int]$exitCode) : base($message) { $this.ExitCode = $exitCode }
}

# Messages read "what is wrong <em dash> how to fix it"; the dash is written as a code so the file stays ASCII
# (Windows PowerShell 5.1 reads a file without BOM in the ANSI code page).
$script:Dash = [string][char]0x2014
function Fail([string]$What, [string]$Fix) { throw [InstallerFailure]::new("$What $($script:Dash) $Fix", 1) }
function UsageFail([string]$What) { throw [InstallerFailure]::new("$What $($script:Dash) run install.ps1 -?", 2) }

function Test-SafeName([string]$Name) {
    return ($Name -cmatch '^[A-Za-z0-9._+-]+$') -and $Name -ne '.' -and $Name -ne '..'
}

function Test-ComponentId([string]$Id) {
    if ($Id -in @('core', 'platform', 'workspace')) { return $true }
    return $Id.StartsWith('ext-', [StringComparison]::Ordinal) -and $Id.Length -gt 4 -and (Test-SafeName $Id.Substring(4))
}

function Test-SafeRelPath([string]$Path) {
    if ([string]::IsNullOrEmpty($Path) -or $Path.StartsWith('/') -or -not ($Path -cmatch $script:SafeChars)) { return $false }
    foreach ($part in $Path.Split('/')) {
        if ($part -in @('', '.', '..')) { return $false }
    }
    return $true
}

# Whether a relative link at PATH (relative to the prefix) resolves inside the prefix.
function Test-LinkInside([string]$Path, [string]$Target) {
    if ([string]::IsNullOrEmpty($Target) -or $Target.StartsWith('/') -or $Target.Contains('\') -or -not ($Target -cmatch $script:SafeChars)) { return $false }
    $depth = $Path.Split('/').Count - 1
    foreach ($part in $Target.Split('/')) {
        if ($part -eq '..') {
            $depth--
            if ($depth -lt 0) { return $false }
        }
        elseif ($part -notin @('', '.')) { $depth++ }
    }
    return $true
}

# Whether version A is older than B in SemVer 2.0 order (numbers compared as numbers, a pre-release before its
# release, build metadata ignored), as NuGetVersion orders them in the tool.
function Test-VersionOlder([string]$A, [string]$B) {
    $x = $A.Split('+')[0].Split(@('-'), 2)
    $y = $B.Split('+')[0].Split(@('-'), 2)
    $xn = @($x[0].Split('.') | ForEach-Object { [long]$_ })
    $yn = @($y[0].Split('.') | ForEach-Object { [long]$_ })
    for ($i = 0; $i -lt [Math]::Max($xn.Count, $yn.Count); $i++) {
        $p = if ($i -lt $xn.Count) { $xn[$i] } else { 0 }
        $q = if ($i -lt $yn.Count) { $yn[$i] } else { 0 }
        if ($p -ne $q) { return $p -lt $q }
    }
    $xpre = if ($x.Count -gt 1) { $x[1].ToLowerInvariant() } else { '' }
    $ypre = if ($y.Count -gt 1) { $y[1].ToLowerInvariant() } else { '' }
    if ($xpre -eq $ypre -or $xpre -eq '') { return $false }
    if ($ypre -eq '') { return $true }
    $xp = $xpre.Split('.')
    $yp = $ypre.Split('.')
    for ($i = 0; $i -lt [Math]::Min($xp.Count, $yp.Count); $i++) {
        if ($xp[$i] -ceq $yp[$i]) { continue }
        $pnum = $xp[$i] -match '^[0-9]+$'
        $qnum = $yp[$i] -match '^[0-9]+$'
        if ($pnum -and $qnum) { return [long]$xp[$i] -lt [long]$yp[$i] }
        if ($pnum) { return $true }
        if ($qnum) { return $false }
        return [string]::CompareOrdinal($xp[$i], $yp[$i]) -lt 0
    }
    return $xp.Count -lt $yp.Count
}

# Whether VERSION meets a requirement in the lowered form of requiresBounds (docs/formats.md): every comparator
# (>=V, >V, <=V, <V) holds in SemVer order and, for a pre-release, a pre=MAJOR.MINOR.PATCH entry names its
# MAJOR.MINOR.PATCH (Cargo's rules, lowered by the tool).
function Test-SatisfiesBounds([string]$Version, [string]$Bounds) {
    $release = $Version.Split('+')[0].Split(@('-'), 2)
    $parts = $Bounds.Split(',')
    foreach ($part in $parts) {
        if ($part.StartsWith('pre=')) { continue }
        $op = if ($part.Length -gt 1 -and $part[1] -eq '=') { $part.Substring(0, 2) } else { $part.Substring(0, 1) }
        $bound = $part.Substring($op.Length)
        $holds = switch ($op) {
            '>=' { -not (Test-VersionOlder $Version $bound) }
            '>' { Test-VersionOlder $bound $Version }
            '<=' { -not (Test-VersionOlder $bound $Version) }
            default { Test-VersionOlder $Version $bound }
        }
        if (-not $holds) { return $false }
    }
    return $release.Count -eq 1 -or $parts -ccontains "pre=$($release[0])"
}

# Whether TEXT is a lowered requirement as the tool writes it (comparators on safe version strings).
function Test-Bounds([string]$Text) {
    if (-not $Text) { return $false }
    foreach ($part in $Text.Split(',')) {
        if ($part -cnotmatch '^(>=|>|<=|<|pre=)(.+)$' -or -not (Test-SafeName $Matches[2])) { return $false }
    }
    return $true
}

# What a component record (of bundle.json or index.json) says the component needs of other components; a record
# whose requirements are malformed stops the run.
function Get-Requires($Record, [string]$Id, [string]$Version, [string]$Where) {
    $requires = Get-Property $Record 'requires'
    $bounds = Get-Property $Record 'requiresBounds'
    $names = @(if ($requires) { $requires.PSObject.Properties | ForEach-Object { $_.Name } })
    $boundNames = @(if ($bounds) { $bounds.PSObject.Properties | ForEach-Object { $_.Name } })
    if ($names.Count -ne $boundNames.Count) { Fail "$Where gives $Id $Version requiresBounds that do not match its requires" 'do not use this registry until it is repaired' }
    foreach ($dep in $names) {
        $text = Get-Property $requires $dep
        $bound = Get-Property $bounds $dep
        $ok = (Test-ComponentId $dep) -and ($text -is [string]) -and ($text -cmatch '^[A-Za-z0-9.^~*<>=, +-]+$') -and ($bound -is [string]) -and (Test-Bounds $bound)
        if (-not $ok) { Fail "$Where gives $Id $Version a bad requirement on '$dep'" 'do not use this registry until it is repaired' }
        [pscustomobject]@{ Component = $Id; Version = $Version; Dep = $dep; Bounds = $bound; Text = $text }
    }
}

# What an installed component needs, from its receipt ("DEP BOUNDS REQUIREMENT" lines, as install.sh writes them).
function Get-ReceiptRequires([string]$Receipts, [string]$Id, [string]$Version) {
    foreach ($line in Read-Lines (Join-Path $Receipts "$Id.requires")) {
        $fields = $line.Split(@(' '), 3)
        if ($fields.Count -eq 3 -and (Test-ComponentId $fields[0]) -and (Test-Bounds $fields[1])) {
            [pscustomobject]@{ Component = $Id; Version = $Version; Dep = $fields[0]; Bounds = $fields[1]; Text = $fields[2] }
        }
    }
}

# Checks what the components of AFTER (Component, Version: the prefix once this run is done) require, from REQUIRES
# for what this run installs and from the receipts for the rest. Mode install shows each requirement; one that this
# run's changes (CHANGED ids) leave unmet stops the run before anything changes.
function Test-Requirements([string]$Mode, $After, [string[]]$Changed, $Requires, [string]$Receipts, [string]$Root) {
    $failure = $null
    foreach ($c in @($After)) {
        $planned = @(@($Requires) | Where-Object { $_ -and $_.Component -eq $c.Component -and $_.Version -eq $c.Version })
        $needs = if ($planned.Count -gt 0) { $planned } else { @(Get-ReceiptRequires $Receipts $c.Component $c.Version) }
        foreach ($n in $needs) {
            $has = @(@($After) | Where-Object { $_.Component -eq $n.Dep } | ForEach-Object { $_.Version }) + @('') | Select-Object -First 1
            if ($has -and (Test-SatisfiesBounds $has $n.Bounds)) {
                if ($Mode -eq 'install') { Write-Output "requires: $($n.Component) $($n.Version) needs $($n.Dep) $($n.Text) ($($n.Dep) $has satisfies it)" }
                continue
            }
            if ($Mode -eq 'install') {
                $state = if ($has) { "$($n.Dep) $has does not satisfy it" } else { "$($n.Dep) would not be installed" }
                Write-Output "requires: $($n.Component) $($n.Version) needs $($n.Dep) $($n.Text) ($state)"
            }
            if ($failure -or ($n.Component -notin $Changed -and $n.Dep -notin $Changed)) { continue }
            $what = "$($n.Component) $($n.Version) needs $($n.Dep) $($n.Text)"
            $failure = if ($Mode -eq 'uninstall') { @("$what, and this would uninstall $($n.Dep)", "uninstall $($n.Component) too (-Component $($n.Component)), or keep $($n.Dep)") }
            elseif (-not $has) { @("$what, which is neither installed in $Root nor being installed", "install $($n.Dep) with it (add $($n.Dep)@VERSION to -Component, a version that satisfies $($n.Text)), or install a bundle") }
            else { @("$what, but $($n.Dep) $has would be installed", "install a $($n.Dep) that satisfies $($n.Text) (-Component $($n.Dep)@VERSION), or a $($n.Component) made for $($n.Dep) $has") }
        }
    }
    if ($failure) { Fail "$($failure[0]); nothing was changed" $failure[1] }
}

function Get-HostKind {
    if ($env:PROVISIONING_OS) { return $env:PROVISIONING_OS.ToLowerInvariant() }
    if ($PSVersionTable.PSEdition -eq 'Desktop') { return 'windows' }
    if ($IsWindows) { return 'windows' }
    if ($IsMacOS) { return 'darwin' }
    if ($IsLinux) { return 'linux' }
    return 'unknown'
}

function Get-Target {
    $os = switch (Get-HostKind) {
        { $_ -in @('linux') } { 'linux' }
        { $_ -in @('darwin', 'macos') } { 'darwin' }
        { $_ -in @('windows') } { 'windows' }
        default { Fail "unsupported operating system '$_'" 'the installer supports linux, darwin (macOS) and windows; set PROVISIONING_OS to override' }
    }
    $rawArch = if ($env:PROVISIONING_ARCH) { $env:PROVISIONING_ARCH } else { [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString() }
    $arch = switch ($rawArch.ToLowerInvariant()) {
        { $_ -in @('x64', 'x86_64', 'amd64') } { 'x64' }
        { $_ -in @('arm64', 'aarch64') } { 'arm64' }
        default { Fail "unsupported architecture '$rawArch'" 'the installer supports x64 and arm64; set PROVISIONING_ARCH to override' }
    }
    # An x64 PowerShell under Rosetta 2 on Apple silicon: install the native arm64 build.
    if ($os -eq 'darwin' -and $arch -eq 'x64' -and -not $env:PROVISIONING_ARCH) {
        $translated = ''
        $ErrorActionPreference = 'Continue'
        try { $translated = (& sysctl -n sysctl.proc_translated 2>$null | Out-String).Trim() } catch { $translated = '' }
        $ErrorActionPreference = 'Stop'
        if ($translated -eq '1') { $arch = 'arm64' }
    }
    return "$os-$arch"
}

function Resolve-Registry([string]$Value) {
    $r = $Value.TrimEnd('/')
    if ($r.StartsWith('https://', [StringComparison]::OrdinalIgnoreCase)) { return @{ Kind = 'http'; Base = $r } }
    if ($r.StartsWith('http://', [StringComparison]::OrdinalIgnoreCase)) {
        $registryHost = $r.Substring(7).Split('/')[0]
        if (-not (Test-LoopbackHost $registryHost)) {
            Fail "refusing plain http for '$registryHost': downloads must use https (http is allowed only for 127.0.0.1, localhost and [::1])" 'use an https:// registry URL'
        }
        return @{ Kind = 'http'; Base = $r }
    }
    if ($r.StartsWith('file://', [StringComparison]::OrdinalIgnoreCase)) {
        $base = ([Uri]$r).LocalPath
    }
    elseif ($r -match '^[A-Za-z][A-Za-z0-9+.-]*://') {
        Fail "unsupported registry URL '$r'" 'use https://..., file://... or a folder'
    }
    else {
        $base = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine((Get-Location).ProviderPath, $r))
    }
    if (-not (Test-Path -LiteralPath $base -PathType Container)) { Fail "the registry folder '$base' does not exist" 'check -Registry' }
    return @{ Kind = 'file'; Base = $base }
}

function Get-RegistryFile($Source, [string]$RelPath, [string]$Destination) {
    if (-not (Test-SafeRelPath $RelPath)) { Fail "the registry names an unsafe path '$RelPath'" 'do not use this registry until it is repaired' }
    if ($Source.Kind -eq 'file') {
        $from = Join-Path $Source.Base $RelPath
        if (-not (Test-Path -LiteralPath $from -PathType Leaf)) { Fail "'$RelPath' is missing from the registry '$($Source.Base)'" 'check -Registry and the bundle name' }
        Copy-Item -LiteralPath $from -Destination $Destination -Force
        return
    }
    Get-Url "$($Source.Base)/$RelPath" $Destination
}

function Test-LoopbackHost([string]$HostAndPort) { return $HostAndPort -match '^(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?$' }

# Where a redirect from FROM to LOCATION leads, or a failure when it leaves https (plain http only from a loopback
# http URL to a loopback host, as for -Registry): the check install.sh and install.nu make.
function Get-RedirectTarget([string]$From, [string]$Location) {
    if ($Location.StartsWith('https://', [StringComparison]::OrdinalIgnoreCase)) { return $Location }
    if ($Location.StartsWith('http://', [StringComparison]::OrdinalIgnoreCase)) {
        $toHost = $Location.Substring(7).Split('/')[0]
        if ($From.StartsWith('http://', [StringComparison]::OrdinalIgnoreCase) -and (Test-LoopbackHost $toHost)) { return $Location }
        Fail "refusing a redirect from $From to plain http for '$toHost': downloads must use https" 'use an https:// registry whose server redirects only to https'
    }
    if ($Location.StartsWith('/')) {
        $scheme = $From.Substring(0, $From.IndexOf('://'))
        $authority = $From.Substring($scheme.Length + 3).Split('/')[0]
        return "${scheme}://$authority$Location"
    }
    Fail "unsupported redirect from $From to '$Location'" 'use a registry whose server redirects to absolute https URLs'
}

# Downloads URL to DESTINATION, stopping at each redirect to check where it leads before following it.
function Get-Url([string]$Url, [string]$Destination) {
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        Add-Type -AssemblyName System.Net.Http
        [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
    }
    $first = $Url
    $handler = New-Object System.Net.Http.HttpClientHandler
    $handler.AllowAutoRedirect = $false
    $client = New-Object System.Net.Http.HttpClient($handler)
    try {
        for ($hops = 0; ; $hops++) {
            try {
                $response = $client.GetAsync($Url, [System.Net.Http.HttpCompletionOption]::ResponseHeadersRead).GetAwaiter().GetResult()
            }
            catch { Fail "could not download $Url" 'check the URL, your connection and that the registry server runs' }
            $code = [int]$response.StatusCode
            if ($code -ge 300 -and $code -lt 400 -and $null -ne $response.Headers.Location) {
                if ($hops -ge 10) { Fail "more than 10 redirects for $first" "fix the registry server's redirects" }
                $Url = Get-RedirectTarget $Url $response.Headers.Location.OriginalString
                $response.Dispose()
                continue
            }
            if (-not $response.IsSuccessStatusCode) { Fail "could not download $Url (HTTP $code)" 'check the URL and that the registry server runs' }
            $stream = [System.IO.File]::Create($Destination)
            try { [void]$response.Content.CopyToAsync($stream).GetAwaiter().GetResult() }
            catch { Fail "could not download $Url" 'check your connection and free space, and run again' }
            finally { $stream.Dispose(); $response.Dispose() }
            return
        }
    }
    finally { $client.Dispose() }
}

function Test-RegistryFile([string]$File, [long]$Size, [string]$Sha256, [string]$What) {
    $actualSize = (Get-Item -LiteralPath $File).Length
    if ($actualSize -ne $Size) { Fail "$What has $actualSize bytes where the registry says $Size (a truncated or altered download)" 'run the installer again; if it persists the registry is damaged' }
    $actual = (Get-FileHash -LiteralPath $File -Algorithm SHA256).Hash.ToLowerInvariant()
    if ($actual -ne $Sha256) { Fail "$What has SHA-256 $actual where the registry says $Sha256 (the file was altered)" 'do not use this registry until it is repaired' }
}

function Test-Sha256($Value) { return ($Value -is [string]) -and ($Value -cmatch '^[0-9a-f]{64}$') }

function Get-Property($Object, [string]$Name) {
    if ($null -eq $Object) { return $null }
    $property = $Object.PSObject.Properties[$Name]
    if ($property) { return $property.Value }
    return $null
}

function Get-IndexFile($Index, [string]$Path) {
    foreach ($file in @(Get-Property $Index 'files')) {
        if ($file -and (Get-Property $file 'path') -eq $Path) { return $file }
    }
    return $null
}

function New-Archive($ComponentId, $Version, $Name, $Size, $Sha, $Path) {
    return [pscustomobject]@{ Component = $ComponentId; Version = $Version; Name = $Name; Size = [long]$Size; Sha256 = $Sha; Path = $Path }
}

# Signature, freshness and rollback (docs/installing.md, "Signature, expiry and rollback"): index.json is trusted
# only when index.json.sig verifies with the registry's public key ($EmbeddedPublicKey, or -PublicKey FILE),
# directly or through the registry's rotation statements (keys/rotation-N.pub.pem, each signed by the key before
# it). Then it must not have expired, and its serial may not be lower than the one in RECEIPTS/registry.serial.
function Get-TrustedKey([string]$PublicKeyFile) {
    if ($PublicKeyFile) {
        if (-not (Test-Path -LiteralPath $PublicKeyFile -PathType Leaf)) { Fail "the public key file '$PublicKeyFile' does not exist" 'check -PublicKey (or PROVISIONING_PUBLIC_KEY)' }
        $text = [System.IO.File]::ReadAllText((Resolve-Path -LiteralPath $PublicKeyFile).ProviderPath)
        if ($text.Contains('PRIVATE KEY-----')) {
            Fail "the public key file '$PublicKeyFile' holds a private key; refusing to use it" "pass the registry's public key (-----BEGIN PUBLIC KEY-----), and keep the private key off this machine"
        }
        if ($text -cnotmatch '(?m)^-----BEGIN PUBLIC KEY-----') {
            Fail "the public key file '$PublicKeyFile' holds no PEM public key (-----BEGIN PUBLIC KEY-----)" 'check -PublicKey (or PROVISIONING_PUBLIC_KEY)'
        }
        return $text
    }
    if ($EmbeddedPublicKey) { return $EmbeddedPublicKey }
    Fail 'this installer carries no registry public key (it is a repository copy, not one a registry published), so it cannot verify index.json.sig; refusing to install' 'download the installer from the registry (REGISTRY/installers/install.ps1), or pass -PublicKey FILE'
}

# A DER ECDSA signature over SHA-256 (what openssl dgst -sign writes), checked with .NET's own crypto.
function Test-Signature([byte[]]$Data, [byte[]]$Signature, [string]$PublicKeyPem) {
    $key = [System.Security.Cryptography.ECDsa]::Create()
    try {
        $key.ImportFromPem($PublicKeyPem)
        return $key.VerifyData($Data, $Signature, [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.DSASignatureFormat]::Rfc3279DerSequence)
    }
    catch { return $false }
    finally { $key.Dispose() }
}

function Get-OptionalRegistryFile($Source, [string]$RelPath, [string]$Destination) {
    try { $null = Get-RegistryFile $Source $RelPath $Destination; return $true } catch { return $false }
}

function Confirm-IndexSignature($Source, [string]$PublicKeyFile, [string]$Temp) {
    if (-not ('System.Security.Cryptography.DSASignatureFormat' -as [type])) {
        Fail 'this PowerShell has no ECDSA verifier for index.json.sig (it needs .NET 5 or later); refusing to install' 'run install.ps1 with PowerShell 7 (pwsh)'
    }
    $key = Get-TrustedKey $PublicKeyFile
    $index = [System.IO.File]::ReadAllBytes((Join-Path $Temp 'index.json'))
    $signatureFile = Join-Path $Temp 'index.json.sig'
    if (-not (Get-OptionalRegistryFile $Source 'index.json.sig' $signatureFile)) {
        Fail 'the registry has no signature index.json.sig for index.json; refusing to install unsigned files' 'use a registry that provisioning-dist publish signed, or ask its maintainer to publish again'
    }
    $signature = [System.IO.File]::ReadAllBytes($signatureFile)
    if (Test-Signature $index $signature $key) { return }
    $rotations = Join-Path $Temp 'rotations'
    if (Get-OptionalRegistryFile $Source 'keys/rotations' $rotations) {
        $pem = Join-Path $Temp 'rotation.pem'
        $pemSignature = Join-Path $Temp 'rotation.sig'
        foreach ($name in @(Read-Lines $rotations | Where-Object { $_ -cmatch '^rotation-[0-9]+\.pub\.pem$' })) {
            if ((Get-OptionalRegistryFile $Source "keys/$name" $pem) -and (Get-OptionalRegistryFile $Source "keys/$name.sig" $pemSignature) -and
                (Test-Signature ([System.IO.File]::ReadAllBytes($pem)) ([System.IO.File]::ReadAllBytes($pemSignature)) $key)) {
                $key = [System.IO.File]::ReadAllText($pem)
            }
        }
        if (Test-Signature $index $signature $key) { return }
    }
    Fail "index.json's signature (index.json.sig) does not verify with the registry's public key: the registry was altered, or signed by a key this installer does not trust; refusing to install" 'do not use this registry until it is repaired; after a key change, download the installer from the registry again or pass -PublicKey FILE'
}

# The index's serial, once it is known to be fresh: not expired, not lower than RECEIPTS/registry.serial.
function Confirm-IndexFresh($Index, [string]$IndexText, [string]$Root, [string]$Receipts) {
    $serial = Get-Property $Index 'serial'
    if (-not ($serial -is [long] -or $serial -is [int])) { Fail 'index.json has no serial' 'do not use this registry until it is repaired' }
    # Read as text: ConvertFrom-Json would turn the time into a local DateTime.
    $match = [regex]::Match($IndexText, '"expires"\s*:\s*"([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)"')
    if (-not $match.Success) {
        Fail 'index.json has no expiry ("expires"); refusing an index that could be replayed forever' "ask the registry's maintainer to publish again with a current provisioning-dist"
    }
    $expires = $match.Groups[1].Value
    # UTC times of one fixed format compare as text.
    $now = [DateTime]::UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [System.Globalization.CultureInfo]::InvariantCulture)
    if ([string]::CompareOrdinal($now, $expires) -ge 0) {
        Fail "index.json expired on $expires (now $now): the registry was not renewed, or an old copy is being replayed; refusing to install" "ask the registry's maintainer to publish again (which renews it), or check this machine's clock"
    }
    $seenFile = Join-Path $Receipts 'registry.serial'
    if (Test-Path -LiteralPath $seenFile -PathType Leaf) {
        $seen = (@(Read-Lines $seenFile) + @(''))[0]
        if ($seen -cnotmatch '^[0-9]+$') {
            Fail "$seenFile holds '$seen', not a serial, so the installer cannot tell whether index.json is an older one replayed; refusing to install" 'if you trust this registry, remove that file and run again; nothing was changed'
        }
        if ([long]$serial -lt [long]$seen) {
            Fail "index.json has serial $serial, lower than serial $seen that $Root was installed from: an older index is being replayed (a rollback); refusing to install" 'use an up-to-date registry or mirror; nothing was changed'
        }
    }
    return [long]$serial
}

function Get-BundlePlan($Source, $Index, [string]$BundleName, [string]$ChannelName, [string]$Target, [string]$Temp) {
    $name = $BundleName
    if (-not $name) {
        $name = Get-Property (Get-Property $Index 'channels') $ChannelName
        if (-not $name) { Fail "the registry has no '$ChannelName' channel" 'use -Bundle NAME, or -Channel stable|lts' }
        if (-not (Test-SafeName $name)) { Fail "the registry's '$ChannelName' channel names a bad bundle '$name'" 'do not use this registry until it is repaired' }
    }
    $entry = @(Get-Property $Index 'bundles') | Where-Object { $_ -and (Get-Property $_ 'id') -eq $name } | Select-Object -First 1
    if (-not $entry) {
        $known = (@(Get-Property $Index 'bundles') | ForEach-Object { Get-Property $_ 'id' }) -join ' '
        Fail "the registry has no bundle '$name'" "use one of: $known"
    }
    $manifestPath = Get-Property $entry 'manifest'
    $fileEntry = Get-IndexFile $Index $manifestPath
    $expected = if ($fileEntry) { $fileEntry } else { $entry }
    if ($fileEntry -and (Get-Property $entry 'sha256') -and (Get-Property $entry 'sha256') -ne (Get-Property $fileEntry 'sha256')) {
        Fail "index.json gives two different SHA-256 for $manifestPath" 'do not use this registry until it is repaired'
    }
    if (-not (Test-Sha256 (Get-Property $expected 'sha256')) -or $null -eq (Get-Property $expected 'size')) {
        Fail "index.json has no size and SHA-256 for $manifestPath" 'do not use this registry until it is repaired'
    }
    $manifestFile = Join-Path $Temp 'bundle.json'
    Get-RegistryFile $Source $manifestPath $manifestFile
    Test-RegistryFile $manifestFile (Get-Property $expected 'size') (Get-Property $expected 'sha256') $manifestPath
    $manifest = [System.IO.File]::ReadAllText($manifestFile) | ConvertFrom-Json
    if ((Get-Property $manifest 'bundle') -ne $name) { Fail "$manifestPath does not describe bundle '$name'" 'do not use this registry until it is repaired' }
    $archives = New-Object System.Collections.Generic.List[object]
    $platformTargets = New-Object System.Collections.Generic.List[string]
    foreach ($a in @(Get-Property $manifest 'artifacts')) {
        $ok = (Test-ComponentId ([string](Get-Property $a 'component'))) -and (Test-SafeName ([string](Get-Property $a 'version'))) -and
            (Test-SafeName ([string](Get-Property $a 'name'))) -and ($null -ne (Get-Property $a 'size')) -and (Test-Sha256 (Get-Property $a 'sha256'))
        if (-not $ok) { Fail "$manifestPath has a bad artifact record: $($a | ConvertTo-Json -Compress)" 'do not use this registry until it is repaired' }
        $t = Get-Property $a 'target'
        if ($t -ne 'noarch' -and $t -notin $script:Targets) { Fail "$manifestPath names an unknown target '$t'" 'do not use this registry until it is repaired' }
        if ($a.component -eq 'platform' -and $t -ne 'noarch') { $platformTargets.Add($t) }
        if ($t -eq 'noarch' -or $t -eq $Target) {
            $archives.Add((New-Archive $a.component $a.version $a.name $a.size $a.sha256 "packages/$($a.component)/$($a.version)/$($a.name)"))
        }
    }
    if ($platformTargets.Count -gt 0 -and -not $platformTargets.Contains($Target)) {
        if ($Target.StartsWith('windows-')) {
            Write-Warning "bundle '$name' has no platform build for $Target; installing the other components"
        }
        else {
            Fail "bundle '$name' has no platform build for $Target (it has: $(($platformTargets | Sort-Object -Unique) -join ' '))" 'install on a supported machine, or set PROVISIONING_OS/PROVISIONING_ARCH'
        }
    }
    if ($archives.Count -eq 0) { Fail "bundle '$name' has no archives" 'do not use this registry until it is repaired' }
    $requires = @(foreach ($c in @(Get-Property $manifest 'components')) {
            $id = [string](Get-Property $c 'id')
            $version = [string](Get-Property $c 'version')
            if (-not (Test-ComponentId $id) -or -not (Test-SafeName $version)) { Fail "$manifestPath has a bad component record: $($c | ConvertTo-Json -Compress)" 'do not use this registry until it is repaired' }
            Get-Requires $c $id $version $manifestPath
        })
    return [pscustomobject]@{ Bundle = $name; Archives = $archives.ToArray(); Requires = $requires }
}

# The archives of every -Component for this machine, or none when one of them has none.
function Get-ComponentsPlan($Index, $Components, [string]$Target) {
    $archives = New-Object System.Collections.Generic.List[object]
    $requires = New-Object System.Collections.Generic.List[object]
    foreach ($c in $Components) {
        $plan = Get-ComponentPlan $Index $c.Id $c.Version $Target
        $archives.AddRange([object[]]$plan.Archives)
        foreach ($r in @($plan.Requires)) { if ($r) { $requires.Add($r) } }
    }
    return [pscustomobject]@{ Bundle = ''; Archives = $archives.ToArray(); Requires = $requires.ToArray() }
}

function Get-ComponentPlan($Index, [string]$Id, [string]$Version, [string]$Target) {
    $entry = @(Get-Property $Index 'components') | Where-Object { $_ -and (Get-Property $_ 'id') -eq $Id -and (Get-Property $_ 'version') -eq $Version } | Select-Object -First 1
    if (-not $entry) { Fail "the registry has no $Id $Version; nothing was changed" "check the version against the registry's index.json" }
    $requires = @(Get-Requires $entry $Id $Version 'index.json')
    $archives = New-Object System.Collections.Generic.List[object]
    foreach ($path in @(Get-Property $entry 'files')) {
        if (-not (Test-SafeRelPath $path)) { Fail "index.json names an unsafe path '$path'" 'do not use this registry until it is repaired' }
        $name = $path.Split('/')[-1]
        $other = $script:Targets | Where-Object { $_ -ne $Target -and $name.EndsWith("-$_.tar.gz", [StringComparison]::Ordinal) }
        if ($other) { continue }
        $file = Get-IndexFile $Index $path
        if (-not $file -or -not (Test-Sha256 (Get-Property $file 'sha256'))) { Fail "index.json has no size and SHA-256 for $path" 'do not use this registry until it is repaired' }
        $archives.Add((New-Archive $Id $Version $name $file.size $file.sha256 $path))
    }
    if ($archives.Count -eq 0) { Fail "the registry has no archive of $Id $Version for $Target; nothing was changed" 'install on a supported machine, or set PROVISIONING_OS/PROVISIONING_ARCH' }
    return [pscustomobject]@{ Archives = $archives.ToArray(); Requires = $requires }
}

function Invoke-Tar([string[]]$Arguments) {
    # Native stderr must not become a terminating error under 'Stop' (Windows PowerShell 5.1 does that with 2>&1).
    $ErrorActionPreference = 'Continue'
    $output = & $script:Tar @Arguments 2>&1
    $code = $LASTEXITCODE
    return [pscustomobject]@{ ExitCode = $code; Lines = @($output | ForEach-Object { "$_" }) }
}

# Lists an archive BEFORE unpacking it and refuses what install.sh refuses.
function Test-Archive([string]$Archive, [string]$What) {
    $short = Invoke-Tar @('-P', '-tzf', $Archive)
    $long = Invoke-Tar @('-P', '-tzvf', $Archive)
    if ($short.ExitCode -ne 0 -or $long.ExitCode -ne 0) { Fail "$What is not a readable .tar.gz" 'run the installer again; if it persists the registry is damaged' }
    $names = $short.Lines
    $longs = $long.Lines
    if ($names.Count -ne $longs.Count) { Fail "$What lists differently in short and long form (unusual names)" 'do not use this registry until it is repaired' }
    # The same path twice (the last would win, unseen by this check): refused.
    $seen = New-Object 'System.Collections.Generic.HashSet[string]' ([StringComparer]::Ordinal)
    foreach ($name in $names) {
        $path = $name.TrimEnd('/')
        if ($path.StartsWith('./')) { $path = $path.Substring(2) }
        if ($path -eq '.' -or $path -eq '') { continue }
        if (-not $seen.Add($path)) { Fail "$What holds '$path' twice; refusing to install it" 'do not use this registry until it is repaired' }
    }
    $links = New-Object System.Collections.Generic.List[string]
    for ($i = 0; $i -lt $names.Count; $i++) {
        $name = $names[$i]
        $type = $longs[$i].Substring(0, 1)
        $path = $name.TrimEnd('/')
        if ($path.StartsWith('./')) { $path = $path.Substring(2) }
        if ($path -eq '.' -or $path -eq '') { continue }
        if ($path.StartsWith('/') -or $path -match '^[A-Za-z]:') { Fail "$What holds an absolute path '$name'; refusing to install it" 'do not use this registry until it is repaired' }
        if (-not (Test-SafeRelPath $path)) { Fail "$What holds an unsafe path '$name' ('..', or characters the installer does not accept); refusing to install it" 'do not use this registry until it is repaired' }
        if (Test-Bookkeeping $path $type) { Fail "$What holds '$path', a path of the installer's own bookkeeping; refusing to install it" 'do not use this registry until it is repaired' }
        switch ($type) {
            '-' { }
            'd' { }
            'l' {
                $marker = " $name -> "
                $at = $longs[$i].IndexOf($marker, [StringComparison]::Ordinal)
                $target = if ($at -lt 0) { '' } else { $longs[$i].Substring($at + $marker.Length) }
                if (-not (Test-LinkInside $path $target)) { Fail "$What holds a symbolic link '$path' -> '$target' that points outside the prefix; refusing to install it" 'do not use this registry until it is repaired' }
                $links.Add($path)
            }
            'h' { Fail "$What holds a hard link '$name'; refusing to install it" 'archives may hold only files, folders and relative symbolic links' }
            default { Fail "$What holds a special file '$name'; refusing to install it" 'archives may hold only files, folders and relative symbolic links' }
        }
    }
    foreach ($link in $links) {
        foreach ($name in $names) {
            if ($name.StartsWith("$link/", [StringComparison]::Ordinal) -or $name.StartsWith("./$link/", [StringComparison]::Ordinal)) {
                Fail "$What writes through the symbolic link '$link'; refusing to install it" 'do not use this registry until it is repaired'
            }
        }
    }
}

# Whether an archive entry would be (or replace a folder on the way to) the installer's own bookkeeping: the
# receipts and the staging folders. Archives never hold those.
function Test-Bookkeeping([string]$Path, [string]$Type) {
    if ($Path -eq 'share/provisioning/receipts' -or $Path.StartsWith('share/provisioning/receipts/', [StringComparison]::Ordinal) -or $Path.StartsWith('.provisioning-staging', [StringComparison]::Ordinal)) { return $true }
    return ($Path -in @('share', 'share/provisioning')) -and $Type -ne 'd'
}

function Get-SymlinkTarget([string]$Path) {
    $item = Get-Item -LiteralPath $Path -Force -ErrorAction SilentlyContinue
    if ($item -and (Get-Property $item 'LinkType') -eq 'SymbolicLink') { return ([string]@($item.Target)[0]).Replace('\', '/') }
    return $null
}

# The target of the symbolic link REL would be once installed (a link of an archive being installed, else one
# already in the prefix), or $null when it is no link.
function Get-InstalledLinkTarget([string]$Root, [string[]]$Trees, [string]$Rel) {
    foreach ($tree in $Trees) {
        $target = Get-SymlinkTarget (Join-Path $tree $Rel)
        if ($null -ne $target) { return $target }
    }
    return Get-SymlinkTarget (Join-Path $Root $Rel)
}

# Whether ROOT/REL, every symbolic link on the way followed (those of the archives being installed and those
# already in the prefix), stays inside the prefix. Decides by where links lead, not by their text alone, so chains
# (a -> ., c -> a/..) are seen; it reads only links inside the prefix and the archives.
function Test-ResolvesInside([string]$Root, [string[]]$Trees, [string]$Rel) {
    $done = New-Object System.Collections.Generic.List[string]
    $todo = New-Object System.Collections.Generic.List[string]
    $todo.AddRange([string[]]$Rel.Split('/'))
    $hops = 0
    while ($todo.Count -gt 0) {
        $part = $todo[0]
        $todo.RemoveAt(0)
        if ($part -eq '' -or $part -eq '.') { continue }
        if ($part -eq '..') {
            if ($done.Count -eq 0) { return $false }
            $done.RemoveAt($done.Count - 1)
            continue
        }
        $next = (@($done) + @($part)) -join '/'
        $target = Get-InstalledLinkTarget $Root $Trees $next
        if ($null -eq $target) { $done.Add($part); continue }
        $hops++
        if ($hops -gt 40 -or $target -eq '' -or $target.StartsWith('/')) { return $false }
        $todo.InsertRange(0, [string[]]$target.Split('/'))
    }
    return $true
}

# Whether the folder REL is written into or removed from resolves inside the prefix.
function Test-ParentInside([string]$Root, [string[]]$Trees, [string]$Rel) {
    $slash = $Rel.LastIndexOf('/')
    if ($slash -lt 0) { return $true }
    return Test-ResolvesInside $Root $Trees $Rel.Substring(0, $slash)
}

# Every link of every archive resolves inside the prefix, and every path is written into a folder that does,
# considering the links of all archives and of the prefix. Runs before anything in the prefix changes.
function Test-Unpacked([string]$Root, [string[]]$Trees) {
    if (-not (Test-ResolvesInside $Root $Trees 'share/provisioning/receipts')) {
        Fail "$Root/share/provisioning/receipts leads outside the prefix through a symbolic link" "remove that link from $Root and run again; nothing was changed"
    }
    foreach ($tree in $Trees) {
        $component = Split-Path -Leaf $tree
        foreach ($rel in Get-TreeFiles $tree) {
            if (-not (Test-ParentInside $Root $Trees $rel)) {
                Fail "$component writes '$rel' through a symbolic link that leads outside the prefix; refusing to install it" "do not use this registry until it is repaired, or remove the link from $Root"
            }
            $target = Get-SymlinkTarget (Join-Path $tree $rel)
            if ($null -ne $target -and -not (Test-ResolvesInside $Root $Trees $rel)) {
                Fail "$component holds a symbolic link '$rel' -> '$target' that resolves outside the prefix (with the links of the archives and of $Root); refusing to install it" 'do not use this registry until it is repaired'
            }
        }
    }
}

# Every file of a receipt is removed from a folder inside the prefix (never through a link that leads outside).
function Test-Removable([string]$Root, [string]$Receipts, [string[]]$Trees, [string]$Id) {
    foreach ($file in Read-Lines (Join-Path $Receipts "$Id.files")) {
        if ((Test-SafeRelPath $file) -and -not (Test-ParentInside $Root $Trees $file)) {
            Fail "the receipt of $Id lists '$file', which a symbolic link in $Root leads outside the prefix; refusing to remove anything" "remove that link from $Root and run again; nothing was changed"
        }
    }
}

# Files owner-writable and readable by all, executable by all only where the archive marks them executable for
# their owner; no setuid, setgid or sticky bit, nothing group- or world-writable (Unix; Windows has no such modes).
function Set-NormalModes([string]$Directory) {
    if ($script:OnWindows) { return }
    $ErrorActionPreference = 'Continue'
    & find $Directory -type f -perm -100 -exec chmod 0755 '{}' '+'
    $a = $LASTEXITCODE
    & find $Directory -type f '!' -perm -100 -exec chmod 0644 '{}' '+'
    $b = $LASTEXITCODE
    & find $Directory -type d -exec chmod 0755 '{}' '+'
    $c = $LASTEXITCODE
    $ErrorActionPreference = 'Stop'
    if ($a -ne 0 -or $b -ne 0 -or $c -ne 0) { Fail "could not set the modes of the files unpacked in $Directory" 'check permissions and run again; nothing was changed' }
}

function Get-RelativePath([string]$Root, [string]$Full) {
    return $Full.Substring($Root.TrimEnd('/', '\').Length + 1).Replace('\', '/')
}

# Unpacks into DIR and checks the tree: only files, folders and links that stay inside.
function Expand-CheckedArchive([string]$Archive, [string]$Directory, [string]$What) {
    New-Item -ItemType Directory -Force -Path $Directory | Out-Null
    $result = Invoke-Tar @('--no-same-owner', '-xzf', $Archive, '-C', $Directory)
    if ($result.ExitCode -ne 0) { Fail "could not unpack ${What}: $($result.Lines | Select-Object -First 1)" 'check free space and run again; nothing was changed' }
    foreach ($item in Get-ChildItem -LiteralPath $Directory -Recurse -Force) {
        $relative = Get-RelativePath $Directory $item.FullName
        $linkType = Get-Property $item 'LinkType'
        if ($linkType) {
            $target = @(Get-Property $item 'Target')[0]
            if (-not (Test-LinkInside $relative ([string]$target).Replace('\', '/'))) {
                Fail "$What unpacked a symbolic link '$relative' -> '$target' that points outside the prefix; refusing to install it" 'do not use this registry until it is repaired'
            }
        }
        elseif (-not ($item -is [System.IO.FileInfo] -or $item -is [System.IO.DirectoryInfo])) {
            Fail "$What unpacked a special file '$relative'; refusing to install it" 'do not use this registry until it is repaired'
        }
    }
    Set-NormalModes $Directory
}

function Get-TreeFiles([string]$Directory) {
    $files = [string[]]@(foreach ($item in Get-ChildItem -LiteralPath $Directory -Recurse -Force) {
        if (-not $item.PSIsContainer -or (Get-Property $item 'LinkType')) { Get-RelativePath $Directory $item.FullName }
    })
    # Ordinal order, as install.sh sorts with LC_ALL=C, so receipts are byte-identical whichever installer wrote them.
    [Array]::Sort($files, [StringComparer]::Ordinal)
    return $files
}

function Read-Lines([string]$File) {
    if (-not (Test-Path -LiteralPath $File)) { return [string[]]@() }
    return [string[]]@([System.IO.File]::ReadAllLines($File) | Where-Object { $_ -ne '' })
}

function Write-Lines([string]$File, [string[]]$Lines) {
    $all = @($Lines | Where-Object { $null -ne $_ })
    $text = if ($all.Count -eq 0) { '' } else { ($all -join "`n") + "`n" }
    $temporary = Join-Path (Split-Path -Parent $File) ".$(Split-Path -Leaf $File).new"
    [System.IO.File]::WriteAllText($temporary, $text, (New-Object System.Text.UTF8Encoding($false)))
    Move-Item -LiteralPath $temporary -Destination $File -Force
}

function Get-ReceiptVersion([string]$Receipts, [string]$Id) { return (@(Read-Lines (Join-Path $Receipts "$Id.version")) + @(''))[0] }

function Get-InstalledComponents([string]$Receipts) {
    if (-not (Test-Path -LiteralPath $Receipts)) { return [string[]]@() }
    return [string[]]@(Get-ChildItem -LiteralPath $Receipts -Filter '*.files' | ForEach-Object { $_.Name.Substring(0, $_.Name.Length - 6) } | Sort-Object)
}

function Test-Present([string]$Path) {
    $item = Get-Item -LiteralPath $Path -Force -ErrorAction SilentlyContinue
    return $null -ne $item -and ((Get-Property $item 'LinkType') -or -not $item.PSIsContainer)
}

function New-TrackedFolder([string]$Root, [string]$Relative, [System.Collections.Generic.List[string]]$Created) {
    $current = ''
    foreach ($part in $Relative.Split('/')) {
        $current = if ($current) { "$current/$part" } else { $part }
        $full = Join-Path $Root $current
        if (-not (Test-Path -LiteralPath $full)) {
            try { New-Item -ItemType Directory -Path $full | Out-Null } catch { Fail "could not create $full" 'check permissions and that no file is in the way' }
            $Created.Add($current)
        }
    }
}

# The tests' way to kill the installer with SIGKILL at a named step (PROVISIONING_TEST_CRASH_AT), to prove that a run
# killed there leaves a prefix that a rerun completes and an uninstall restores.
function Step-CrashPoint([string]$Name) {
    if ($env:PROVISIONING_TEST_CRASH_AT -eq $Name) { [System.Diagnostics.Process]::GetCurrentProcess().Kill() }
}

# What a killed run left: its staging folder (when its process is gone) and half-written receipt files.
function Clear-KilledRuns([string]$Root, [string]$Receipts) {
    foreach ($dir in @(Get-ChildItem -LiteralPath $Root -Force -Directory -Filter '.provisioning-staging.*' -ErrorAction SilentlyContinue)) {
        if (Get-Property $dir 'LinkType') { continue }
        $text = $dir.Name.Substring('.provisioning-staging.'.Length)
        $processId = 0
        if ([int]::TryParse($text, [ref]$processId) -and $processId -ne $PID -and (Get-Process -Id $processId -ErrorAction SilentlyContinue)) { continue }
        Remove-Item -LiteralPath $dir.FullName -Recurse -Force
    }
    foreach ($file in @(Get-ChildItem -LiteralPath $Receipts -Force -File -Filter '.*.new' -ErrorAction SilentlyContinue)) {
        Remove-Item -LiteralPath $file.FullName -Force
    }
}

# Records created folders in installer.dirs at once, so that a run killed after it still has them removed.
function Add-TrackedFolders([string]$Receipts, [System.Collections.Generic.List[string]]$Created) {
    if ($Created.Count -eq 0) { return }
    [System.IO.File]::AppendAllText((Join-Path $Receipts 'installer.dirs'), (($Created.ToArray() -join "`n") + "`n"), (New-Object System.Text.UTF8Encoding($false)))
    $Created.Clear()
}

function Remove-Component([string]$Root, [string]$Receipts, [string[]]$Trees, [string]$Id) {
    foreach ($file in Read-Lines (Join-Path $Receipts "$Id.files")) {
        if (-not (Test-SafeRelPath $file) -or (Test-Bookkeeping $file '-') -or -not (Test-ParentInside $Root $Trees $file)) { continue }
        $full = Join-Path $Root $file
        if (Test-Present $full) {
            Remove-Item -LiteralPath $full -Force
            Step-CrashPoint 'removing'
        }
    }
    Remove-Item -LiteralPath (Join-Path $Receipts "$Id.files"), (Join-Path $Receipts "$Id.version"), (Join-Path $Receipts "$Id.requires") -Force -ErrorAction SilentlyContinue
}

function Remove-EmptyTrackedFolders([string]$Root, [string]$Receipts) {
    $list = Join-Path $Receipts 'installer.dirs'
    if (-not (Test-Path -LiteralPath $list)) { return }
    $dirs = @(Read-Lines $list | Sort-Object -Unique -Descending)
    $noneLeft = @(Get-InstalledComponents $Receipts).Count -eq 0
    if ($noneLeft) { Remove-Item -LiteralPath $list, (Join-Path $Receipts 'bundle'), (Join-Path $Receipts 'registry.serial') -Force -ErrorAction SilentlyContinue }
    foreach ($dir in $dirs) {
        $full = Join-Path $Root $dir
        if ((Test-Path -LiteralPath $full) -and -not (Get-ChildItem -LiteralPath $full -Force | Select-Object -First 1)) {
            Remove-Item -LiteralPath $full -Force
        }
    }
    if (-not $noneLeft) {
        Write-Lines $list ([string[]]@($dirs | Where-Object { Test-Path -LiteralPath (Join-Path $Root $_) } | Sort-Object))
    }
}

function Confirm-Change([string]$Question) {
    if ($Yes -or [Console]::IsInputRedirected) { return }
    $answer = Read-Host "$Question [y/N]"
    if ($answer -notin @('y', 'Y', 'yes', 'Yes', 'YES')) { Fail 'cancelled; nothing was changed' 'run again and answer y, or pass -Yes' }
}

function Invoke-Uninstall([string]$Root, $Named) {
    $receipts = Join-Path $Root 'share/provisioning/receipts'
    if (@($Named).Count -gt 0) {
        foreach ($c in $Named) {
            if (-not (Test-Path -LiteralPath (Join-Path $receipts "$($c.Id).files"))) { Fail "$($c.Id) is not installed in $Root; nothing was changed" 'check -Prefix' }
            $installed = Get-ReceiptVersion $receipts $c.Id
            if ($c.Version -and $c.Version -ne $installed) { Fail "$($c.Id) $($c.Version) is not installed in $Root (it has $($c.Id) $installed); nothing was changed" "give -Component $($c.Id) alone" }
        }
        $components = @($Named | ForEach-Object { $_.Id })
    }
    else {
        $components = @(Get-InstalledComponents $receipts)
        if ($components.Count -eq 0) { Fail "nothing installed by this installer in $Root" 'check -Prefix' }
    }
    Write-Output "prefix: $Root"
    foreach ($id in $components) { Write-Output "remove $id $(Get-ReceiptVersion $receipts $id) ($(@(Read-Lines (Join-Path $receipts "$id.files")).Count) files)" }
    $after = @(Get-InstalledComponents $receipts | Where-Object { $_ -notin $components } | ForEach-Object { [pscustomobject]@{ Component = $_; Version = (Get-ReceiptVersion $receipts $_) } })
    Test-Requirements 'uninstall' $after $components @() $receipts $Root
    if ($DryRun) { Write-Output 'dry run: nothing was changed'; return }
    Confirm-Change "Remove these from ${Root}?"
    foreach ($id in $components) { Test-Removable $Root $receipts @() $id }
    Clear-KilledRuns $Root $receipts
    foreach ($id in $components) { Remove-Component $Root $receipts @() $id }
    Remove-EmptyTrackedFolders $Root $receipts
    Write-Output "uninstalled from $Root"
}

function Invoke-Install($Options, [string]$Temp) {
    $target = Get-Target
    $source = Resolve-Registry $Options.Registry
    $root = $Options.Prefix
    $receipts = Join-Path $root 'share/provisioning/receipts'
    $indexFile = Join-Path $Temp 'index.json'
    Get-RegistryFile $source 'index.json' $indexFile
    Confirm-IndexSignature $source $Options.PublicKey $Temp
    $indexText = [System.IO.File]::ReadAllText($indexFile)
    try { $index = $indexText | ConvertFrom-Json } catch { Fail 'index.json is not JSON' 'check -Registry' }
    if ((Get-Property $index 'schema') -ne 1) { Fail 'index.json is not a schema 1 provisioning registry index' 'check -Registry (or update the installer)' }
    $serial = Confirm-IndexFresh $index $indexText $root $receipts
    $plan = if (@($Options.Components).Count -gt 0) { Get-ComponentsPlan $index $Options.Components $target }
    else { Get-BundlePlan $source $index $Options.Bundle $Options.Channel $target $Temp }
    $bundleName = $plan.Bundle

    Write-Output "registry: $($Options.Registry)"
    if ($bundleName) { Write-Output "bundle: $bundleName" }
    Write-Output "target: $target"
    Write-Output "prefix: $root"
    $seen = @{}
    $components = @(@(foreach ($a in $plan.Archives) {
                if (-not $seen.ContainsKey($a.Component)) {
                    $seen[$a.Component] = $true
                    [pscustomobject]@{ Component = $a.Component; Version = $a.Version }
                }
            }) | Sort-Object Component)
    $drop = @()
    if ($bundleName) { $drop = @(Get-InstalledComponents $receipts | Where-Object { $_ -notin @($components.Component) }) }
    $downgrades = New-Object System.Collections.Generic.List[string]
    foreach ($c in $components) {
        $old = Get-ReceiptVersion $receipts $c.Component
        if (-not $old) { Write-Output "install $($c.Component) $($c.Version)" }
        elseif ($old -eq $c.Version) { Write-Output "reinstall $($c.Component) $($c.Version)" }
        elseif (Test-VersionOlder $c.Version $old) {
            Write-Output "downgrade $($c.Component) $old -> $($c.Version)"
            $downgrades.Add("$($c.Component) $old -> $($c.Version)")
        }
        else { Write-Output "upgrade $($c.Component) $old -> $($c.Version)" }
    }
    foreach ($id in $drop) { Write-Output "remove $id $(Get-ReceiptVersion $receipts $id) (not in bundle $bundleName)" }
    foreach ($a in $plan.Archives) { Write-Output "  $($a.Name) ($($a.Size) bytes)" }
    $after = @($components)
    if (-not $bundleName) {
        $after += @(Get-InstalledComponents $receipts | Where-Object { $_ -notin @($components.Component) } | ForEach-Object { [pscustomobject]@{ Component = $_; Version = (Get-ReceiptVersion $receipts $_) } })
    }
    Test-Requirements 'install' $after ([string[]]@(@($components.Component) + @($drop))) $plan.Requires $receipts $root
    if ($downgrades.Count -gt 0 -and -not $AllowDowngrade) {
        Fail "this would downgrade $($downgrades -join ', '); nothing was changed" 'pass -AllowDowngrade to install the older version'
    }
    if ($DryRun) { Write-Output 'dry run: nothing was changed'; return }
    Confirm-Change "Install into ${root}?"

    # Download and verify in the temporary folder, list every archive before unpacking it.
    $downloads = Join-Path $Temp 'downloads'
    New-Item -ItemType Directory -Force -Path $downloads | Out-Null
    foreach ($a in $plan.Archives) {
        $file = Join-Path $downloads $a.Name
        Get-RegistryFile $source $a.Path $file
        Test-RegistryFile $file $a.Size $a.Sha256 $a.Name
        Test-Archive $file $a.Name
    }

    # Unpack into a staging folder inside the prefix (same volume: the final moves are renames), check the tree.
    try { New-Item -ItemType Directory -Force -Path $root | Out-Null } catch { Fail "could not create the prefix $root" 'check permissions, or choose -Prefix' }
    $staging = $script:Staging
    Clear-KilledRuns $root $receipts
    try { New-Item -ItemType Directory -Path $staging | Out-Null } catch { Fail "could not write to $root" 'check permissions, or choose -Prefix' }
    # Only the installer reads the staging folder: nothing unpacked there is reachable by others before its modes are set.
    if (-not $script:OnWindows) { & chmod 0700 $staging }
    foreach ($a in $plan.Archives) {
        Expand-CheckedArchive (Join-Path $downloads $a.Name) (Join-Path $staging $a.Component) $a.Name
    }
    $trees = [string[]]@(foreach ($c in $components) { Join-Path $staging $c.Component })
    Test-Unpacked $root $trees
    foreach ($id in Get-InstalledComponents $receipts) { Test-Removable $root $receipts $trees $id }
    $filesOf = @{}
    foreach ($c in $components) {
        $files = @(Get-TreeFiles (Join-Path $staging $c.Component))
        foreach ($f in $files) {
            $dest = Join-Path $root $f
            $item = Get-Item -LiteralPath $dest -Force -ErrorAction SilentlyContinue
            if ($item -and $item.PSIsContainer -and -not (Get-Property $item 'LinkType')) { Fail "$dest is a folder where $($c.Component) installs a file" 'move it away and run again; nothing was changed' }
        }
        $filesOf[$c.Component] = $files
    }

    Step-CrashPoint 'staged'

    # From here the prefix changes: receipts folder, then per component its receipt widened to old and new files
    # (so that a run killed from here on leaves nothing an uninstall would not remove), files by rename, stale files,
    # the final receipt. A rerun after a kill completes the install.
    $created = New-Object System.Collections.Generic.List[string]
    New-TrackedFolder $root 'share/provisioning/receipts' $created
    Add-TrackedFolders $receipts $created
    foreach ($c in $components) {
        $files = $filesOf[$c.Component]
        $oldFiles = Read-Lines (Join-Path $receipts "$($c.Component).files")
        $widened = [string[]]@(@($oldFiles) + @($files) | Select-Object -Unique)
        [Array]::Sort($widened, [StringComparer]::Ordinal)
        Write-Lines (Join-Path $receipts "$($c.Component).files") $widened
        Step-CrashPoint 'receipt-widened'
        foreach ($f in $files) {
            $slash = $f.LastIndexOf('/')
            if ($slash -gt 0) {
                New-TrackedFolder $root $f.Substring(0, $slash) $created
                Add-TrackedFolders $receipts $created
            }
            $dest = Join-Path $root $f
            if (Test-Present $dest) { Remove-Item -LiteralPath $dest -Force }
            try { Move-Item -LiteralPath (Join-Path (Join-Path $staging $c.Component) $f) -Destination $dest -Force }
            catch { Fail "could not move $f into $root" 'the install is incomplete: run the installer again' }
            Step-CrashPoint 'moving'
        }
        foreach ($old in $oldFiles) {
            if ($old -cnotin $files -and (Test-SafeRelPath $old) -and -not (Test-Bookkeeping $old '-') -and (Test-ParentInside $root $trees $old) -and (Test-Present (Join-Path $root $old))) {
                Remove-Item -LiteralPath (Join-Path $root $old) -Force
                Step-CrashPoint 'stale'
            }
        }
        Write-Lines (Join-Path $receipts "$($c.Component).files") $files
        Write-Lines (Join-Path $receipts "$($c.Component).version") @($c.Version)
        Write-Lines (Join-Path $receipts "$($c.Component).requires") ([string[]]@(@($plan.Requires) | Where-Object { $_ -and $_.Component -eq $c.Component -and $_.Version -eq $c.Version } | ForEach-Object { "$($_.Dep) $($_.Bounds) $($_.Text)" }))
    }
    foreach ($id in $drop) {
        Step-CrashPoint 'dropping'
        Remove-Component $root $receipts $trees $id
    }
    if ($bundleName) { Write-Lines (Join-Path $receipts 'bundle') @($bundleName) }
    Write-Lines (Join-Path $receipts 'registry.serial') @([string]$serial)
    Remove-Item -LiteralPath $staging -Recurse -Force
    Remove-EmptyTrackedFolders $root $receipts
    foreach ($c in $components) { Write-Output "installed $($c.Component) $($c.Version)" }
    Write-Output "done: $root/bin is where the commands are; add it to PATH if it is not there"
}

function Get-Options {
    if ($Bundle -and $Channel) { UsageFail '-Bundle and -Channel exclude each other' }
    if ($Component.Count -gt 0 -and ($Bundle -or $Channel)) { UsageFail '-Component installs single components; leave out -Bundle and -Channel' }
    $channelName = if ($Channel) { $Channel } else { 'stable' }
    if ($channelName -notin @('stable', 'lts')) { UsageFail "unknown channel '$channelName' (use stable or lts)" }
    if ($Bundle -and -not (Test-SafeName $Bundle)) { UsageFail "bad bundle name '$Bundle'" }
    # -Component a,b from PowerShell binds an array; through -File it arrives as one "a,b": both are split here.
    $components = New-Object System.Collections.Generic.List[object]
    foreach ($item in @($Component | ForEach-Object { $_.Split(',') })) {
        $parts = $item.Split(@('@'), 2)
        $id = $parts[0]
        $version = if ($parts.Count -gt 1) { $parts[1] } else { '' }
        if (-not (Test-ComponentId $id)) { UsageFail "bad component '$id' (core, platform, workspace or ext-NAME)" }
        if ($version -and -not (Test-SafeName $version)) { UsageFail "bad version '$version'" }
        if (-not $version -and -not $Uninstall) { UsageFail "-Component needs a version: -Component $id@VERSION" }
        if (@($components | Where-Object { $_.Id -eq $id }).Count -gt 0) { UsageFail "-Component $id is given twice" }
        $components.Add([pscustomobject]@{ Id = $id; Version = $version })
    }
    $root = $Prefix
    if (-not $root) {
        if ($script:OnWindows) { $root = Join-Path $env:LOCALAPPDATA 'provisioning' }
        elseif ((& id -u) -eq '0') { $root = '/usr/local' }
        else { $root = Join-Path $HOME '.local' }
    }
    $root = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine((Get-Location).ProviderPath, $root)).TrimEnd('/', '\')
    if (-not $root) { UsageFail 'the prefix cannot be /' }
    if (-not $Uninstall -and -not $Registry) { UsageFail 'no registry: give -Registry URL|PATH or set PROVISIONING_REGISTRY' }
    return [pscustomobject]@{
        Registry = $Registry; Bundle = $Bundle; Channel = $channelName; Components = $components.ToArray(); Prefix = $root; PublicKey = $PublicKey
    }
}

$exitCode = 0
$temp = $null
$script:Staging = $null
try {
    $options = Get-Options
    $temp = Join-Path ([System.IO.Path]::GetTempPath()) ("provisioning-install." + [Guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory -Path $temp | Out-Null
    $script:Staging = Join-Path $options.Prefix ".provisioning-staging.$PID"
    if ($Uninstall) { Invoke-Uninstall $options.Prefix $options.Components }
    else { Invoke-Install $options $temp }
}
catch [InstallerFailure] {
    [Console]::Error.WriteLine("install.ps1: error: $($_.Exception.Message)")
    $exitCode = $_.Exception.ExitCode
}
catch {
    [Console]::Error.WriteLine("install.ps1: error: $($_.Exception.Message) $($script:Dash) this is a bug in install.ps1; please report it")
    $exitCode = 1
}
finally {
    if ($script:Staging -and (Test-Path -LiteralPath $script:Staging)) { Remove-Item -LiteralPath $script:Staging -Recurse -Force -ErrorAction SilentlyContinue }
    if ($temp -and (Test-Path -LiteralPath $temp)) { Remove-Item -LiteralPath $temp -Recurse -Force -ErrorAction SilentlyContinue }
}
exit $exitCode
