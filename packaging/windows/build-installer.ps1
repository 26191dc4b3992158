# SPDX-License-Identifier: GPL-3.0-or-later
# Windows: builds the frozen app and the Inno Setup installer.
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build-installer.ps1
# Needs Python 3.11+ (python.org or the Microsoft Store) and Inno Setup 6 (iscc.exe).
# Produces dist\coopguide\ (PyInstaller onedir) and dist\coopguide-<version>-windows-setup.exe.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

# 1. The frozen app, checked and smoke-tested (start-up check and a PDF print, offscreen)
python packaging\build.py
if ($LASTEXITCODE -ne 0) { throw "packaging\build.py failed ($LASTEXITCODE)" }

# 2. The version, from the one place it is written
$version = (Select-String -Path coopguide\__init__.py -Pattern '^__version__ = "(.+)"').Matches[0].Groups[1].Value
if (-not $version) { throw "No __version__ in coopguide\__init__.py" }

# 3. Inno Setup's compiler: on PATH, or in its default folders
$iscc = (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source
if (-not $iscc) {
  $iscc = @("${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe", "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
            "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe") | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $iscc) { throw "Inno Setup 6 not found: install it (choco install innosetup, or jrsoftware.org)" }

& $iscc "/DAppVersion=$version" packaging\windows\coopguide.iss
if ($LASTEXITCODE -ne 0) { throw "iscc failed ($LASTEXITCODE)" }
$setup = "dist\coopguide-$version-windows-setup.exe"
"Built $setup ({0:N1} MB)" -f ((Get-Item $setup).Length / 1MB)
