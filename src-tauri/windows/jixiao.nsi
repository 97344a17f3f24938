; The Windows installer of 绩效目标管理 (jixiao), made by `make windows` with
; Debian's makensis (scripts/build-windows.sh passes VERSION, BIN (the folder of
; jixiao-app.exe, jixiao.exe and WebView2Loader.dll) and OUTFILE).
;
; Per user, no administrator rights: the programs go to
; %LOCALAPPDATA%\Programs\jixiao, the shortcuts to the user's Start menu and
; desktop, the uninstaller's entry to HKCU. The officer's database lives
; elsewhere (%APPDATA%\jixiao\data, the program's default) and the uninstaller
; never touches it.

; a 64-bit installer for the 64-bit programs (Windows 10/11 x64); also what wine
; without its 32-bit part runs in the tests
Target amd64-unicode
!include "MUI2.nsh"
!include "LogicLib.nsh"

!define NAME "绩效目标管理"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\jixiao"
; the WebView2 runtime's client id (Microsoft's documented way to detect it)
!define WEBVIEW2_CLIENT "Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\jixiao"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel user
SetCompressor /SOLID lzma
BrandingText "${NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${NAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT"

!define MUI_ICON "..\icons\icon.ico"
!define MUI_UNICON "..\icons\icon.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "将在本机为当前用户安装${NAME} ${VERSION}（不需要管理员权限）。$\r$\n$\r$\n本程序完全离线工作，数据只保存在本机。$\r$\n$\r$\n点击“下一步”继续。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\jixiao-app.exe"
!define MUI_FINISHPAGE_RUN_TEXT "打开${NAME}"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "将删除${NAME}的程序文件和快捷方式。已录入的数据（%APPDATA%\jixiao 中的数据库及其备份）会保留，重新安装后可继续使用。"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; The same words as the app's (src-tauri/windows/webview2-missing.txt).
!define /file WEBVIEW2_MISSING "webview2-missing.txt"

; Whether the WebView2 runtime is installed, per machine or for this user:
; $0 is its version, or empty.
Function FindWebView2
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\${WEBVIEW2_CLIENT}" "pv"
  ${EndIf}
  ${If} $0 == "0.0.0.0"
    StrCpy $0 ""
  ${EndIf}
FunctionEnd

Section "${NAME}" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${BIN}\jixiao-app.exe"
  File "${BIN}\jixiao.exe"
  File "${BIN}\WebView2Loader.dll"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  SetShellVarContext current
  CreateDirectory "$SMPROGRAMS\${NAME}"
  CreateShortCut "$SMPROGRAMS\${NAME}\${NAME}.lnk" "$INSTDIR\jixiao-app.exe"
  CreateShortCut "$SMPROGRAMS\${NAME}\卸载${NAME}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\${NAME}.lnk" "$INSTDIR\jixiao-app.exe"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "jixiao"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\jixiao-app.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  Call FindWebView2
  ${If} $0 == ""
    MessageBox MB_ICONEXCLAMATION|MB_OK "${WEBVIEW2_MISSING}$\r$\n$\r$\n（程序已经安装好，装上 WebView2 运行时后即可使用。）" /SD IDOK
  ${EndIf}
SectionEnd

; Removes the programs, shortcuts and the entry; never %APPDATA%\jixiao (the
; database and its backups).
Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\jixiao-app.exe"
  Delete "$INSTDIR\jixiao.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${NAME}\${NAME}.lnk"
  Delete "$SMPROGRAMS\${NAME}\卸载${NAME}.lnk"
  RMDir "$SMPROGRAMS\${NAME}"
  Delete "$DESKTOP\${NAME}.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
