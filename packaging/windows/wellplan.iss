; Inno Setup script: WellPlan-Setup.exe, the Windows installer, from the same one-folder bundle
; the Linux .deb is built from (dist\WellPlan, PyInstaller, build.spec).
;
; Built on Windows only (Inno Setup 6 is a Windows program; the project's Linux machines cannot
; run it), from the repository's folder, in the project's virtual environment:
;   python packaging\windows\prepare.py       -> build\windows\version.iss and wellplan.ico
;   pyinstaller --noconfirm --clean build.spec -> dist\WellPlan (the programs carry the icon)
;   iscc packaging\windows\wellplan.iss        -> dist\WellPlan-Setup.exe
;
; The version is not written here: prepare.py copies it from services\app_info.py (APP_VERSION),
; the one place it is written. tests/test_packaging.py keeps the names below in step with the app
; and the .deb (app name, program, plan-file extension).

#include "..\..\build\windows\version.iss"

#define AppName "WellPlan"
#define AppExe "WellPlan.exe"
#define PlanExt ".wellplan"
#define PlanProgId "WellPlan.Plan"

[Setup]
; The AppId ties upgrades and the uninstaller to one product: never change it.
AppId={{6F1B7E52-3C1D-4B8A-9E4F-2A7D5C0B9E31}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=WellPlan project
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
SetupIconFile=..\..\build\windows\wellplan.ico
OutputDir=..\..\dist
OutputBaseFilename=WellPlan-Setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; the plan-file association below: Explorer is told to reread it
ChangesAssociations=yes
PrivilegesRequired=admin

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole bundle: both programs and _internal\ (Qt, Python, the libraries, resources\).
Source: "..\..\dist\WellPlan\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .wellplan files open in WellPlan ("%1" is the plan double-clicked); removed by the uninstaller.
Root: HKA; Subkey: "Software\Classes\{#PlanExt}\OpenWithProgids"; ValueType: string; ValueName: "{#PlanProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#PlanExt}"; ValueType: string; ValueName: ""; ValueData: "{#PlanProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#PlanProgId}"; ValueType: string; ValueName: ""; ValueData: "{#AppName} plan"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#PlanProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#PlanProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: "{#PlanExt}"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
