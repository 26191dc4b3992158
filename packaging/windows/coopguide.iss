; SPDX-License-Identifier: GPL-3.0-or-later
; (This file starts with a UTF-8 byte-order mark so that every Inno Setup 6 reads the accents right.)
; Inno Setup 6 script: Coopguide installer for Windows 10/11, per user, without administrator rights.
;
; Build (from the repository root, after `python packaging\build.py` made dist\coopguide\ and
; build\icons\coopguide.ico):
;     iscc /DAppVersion=0.1.0 packaging\windows\coopguide.iss
; → dist\coopguide-0.1.0-windows-setup.exe  (the release workflow passes the version it read from
;   coopguide/__init__.py). Not run on the Linux development machine: see packaging/README.md.
;
; Installs to %LOCALAPPDATA%\Programs\Coopguide ({autopf} in non-administrative install mode), adds a
; Start-menu shortcut (and a desktop one if asked), registers an uninstaller under the user's
; "Applications installées". The user's data (%APPDATA%\Coopguide) are never touched, not even by
; the uninstaller: a worker who reinstalls keeps their ticks.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\coopguide.iss
#endif
#define AppName "Coopguide"
#define AppExe "coopguide.exe"
#define Root "..\.."

[Setup]
; AppId identifies the application for upgrades and the uninstaller: never change it.
AppId={{E9A52B23-A7BF-441A-BEB1-542E7B2394A3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Coopguide
AppComments=Guides et check-lists hors ligne pour créer ou reprendre une entreprise en coopérative
AppCopyright=GPL-3.0-or-later
VersionInfoVersion={#AppVersion}
VersionInfoDescription=Installation de Coopguide
; Per-user install, no UAC prompt: {autopf} = {localappdata}\Programs, {autoprograms} = the user's Start menu
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile={#Root}\build\icons\coopguide.ico
OutputDir={#Root}\dist
OutputBaseFilename=coopguide-{#AppVersion}-windows-setup
WizardStyle=modern
ShowLanguageDialog=no
; PySide6 6.11 needs 64-bit Windows 10 1809 or later
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
Compression=lzma2/max
SolidCompression=yes
; Close a running Coopguide before replacing its files (Restart Manager)
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller onedir bundle: coopguide.exe and _internal\ (Qt, Python, content, resources)
Source: "{#Root}\dist\coopguide\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundle entirely: files of an older version must not linger in _internal
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "Guides et check-lists pour les coopératives"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder; %APPDATA%\Coopguide (the user's dossiers and ticks) stays.
Type: dirifempty; Name: "{app}"
