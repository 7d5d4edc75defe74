; ZV Desktop for Windows: per user without admin rights by default, /AllUsers into Program Files for IT.
; Built by installer/build_windows.py:  makensis -DVERSION=… -DSOURCE=<layout folder> -DOUTFILE=… zv-desktop.nsi
; Command lines (installer/README.md): /S silent, /D=<folder> (last, unquoted), /AllUsers (needs admin).

Target amd64-unicode  ; a 64-bit installer: the program is 64-bit, and so it runs under wine64 in the smoke test
!ifdef COMPRESSOR_FAST  ; test builds (an "older version" for the upgrade test): quick, larger
SetCompressor /SOLID zlib
!else
SetCompressor /SOLID lzma
SetCompressorDictSize 64
!endif

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!define APP "ZV Desktop"
!define KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\ZV Desktop"
!define CLASS "ZVDesktop.Austauschdatei"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
BrandingText "${APP} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1031 "ProductName" "${APP}"
VIAddVersionKey /LANG=1031 "FileDescription" "${APP} – Installation"
VIAddVersionKey /LANG=1031 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1031 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1031 "LegalCopyright" "ZV Desktop"
!define MUI_ICON "${SOURCE}\zv-desktop.ico"
!define MUI_UNICON "${SOURCE}\zv-desktop.ico"

Var AllUsers

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "German"

; /AllUsers: Program Files and the machine's registry, only with admin rights; else the user's own programs folder.
!macro ChooseMode UN
Function ${UN}ChooseMode
  StrCpy $AllUsers 0
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/AllUsers" $R1
  ${IfNot} ${Errors}
    StrCpy $AllUsers 1
    UserInfo::GetAccountType
    Pop $R2
    ${If} $R2 != "Admin"
      MessageBox MB_OK|MB_ICONSTOP "Die Installation für alle Benutzer (/AllUsers) braucht Administratorrechte. Ohne /AllUsers wird ZV Desktop nur für Sie installiert." /SD IDOK
      SetErrorLevel 740
      Quit
    ${EndIf}
    SetShellVarContext all
  ${Else}
    SetShellVarContext current
  ${EndIf}
FunctionEnd
!macroend
!insertmacro ChooseMode ""
!insertmacro ChooseMode "un."

Function .onInit
  Call ChooseMode
  ${If} $INSTDIR == ""
    ${If} $AllUsers == 1
      StrCpy $INSTDIR "$PROGRAMFILES64\${APP}"
    ${Else}
      StrCpy $INSTDIR "$LOCALAPPDATA\Programs\${APP}"
    ${EndIf}
  ${EndIf}
FunctionEnd

Function un.onInit
  Call un.ChooseMode
FunctionEnd

; A running ZV Desktop keeps its Python DLL open: ask to close it instead of failing half-way.
!macro WaitUntilClosed
  ${Do}
    ClearErrors
    ${IfNot} ${FileExists} "$INSTDIR\python\python313.dll"
      ${Break}
    ${EndIf}
    FileOpen $0 "$INSTDIR\python\python313.dll" a
    ${IfNot} ${Errors}
      FileClose $0
      ${Break}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "ZV Desktop läuft noch. Bitte das Programm schließen und dann „Wiederholen“ wählen." /SD IDCANCEL IDRETRY +2
    Abort "ZV Desktop läuft noch; nichts wurde geändert."
  ${Loop}
!macroend

Section "ZV Desktop" Main
  !insertmacro WaitUntilClosed
  ; an older version's program files go first (settings and data files live elsewhere and stay)
  RMDir /r "$INSTDIR\python"
  SetOutPath "$INSTDIR"
  File /r "${SOURCE}\*.*"
  WriteUninstaller "$INSTDIR\Deinstallieren.exe"
  ; byte-compile once here (the build machine has no CPython 3.13): later starts read the compiled files, also where
  ; the program folder is not writable for the user
  DetailPrint "Programmdateien werden vorbereitet …"
  nsExec::ExecToLog '"$INSTDIR\python\python.exe" -X utf8 -m compileall -q "$INSTDIR\python\Lib\site-packages"'
  Pop $0

  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${APP}.exe" "" "$INSTDIR\${APP}.exe" 0

  ; exchange files between offices: a double-click opens the merge preview
  WriteRegStr SHCTX "Software\Classes\.zvx" "" "${CLASS}"
  WriteRegStr SHCTX "Software\Classes\${CLASS}" "" "ZV-Austauschdatei"
  WriteRegStr SHCTX "Software\Classes\${CLASS}\DefaultIcon" "" '"$INSTDIR\${APP}.exe",0'
  WriteRegStr SHCTX "Software\Classes\${CLASS}\shell\open\command" "" '"$INSTDIR\${APP}.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Apps & Features (HKCU per user, HKLM for all users)
  WriteRegStr SHCTX "${KEY}" "DisplayName" "${APP}"
  WriteRegStr SHCTX "${KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${KEY}" "Publisher" "ZV Desktop"
  WriteRegStr SHCTX "${KEY}" "DisplayIcon" '"$INSTDIR\${APP}.exe",0'
  WriteRegStr SHCTX "${KEY}" "InstallLocation" "$INSTDIR"
  ${If} $AllUsers == 1
    WriteRegStr SHCTX "${KEY}" "UninstallString" '"$INSTDIR\Deinstallieren.exe" /AllUsers'
    WriteRegStr SHCTX "${KEY}" "QuietUninstallString" '"$INSTDIR\Deinstallieren.exe" /AllUsers /S'
  ${Else}
    WriteRegStr SHCTX "${KEY}" "UninstallString" '"$INSTDIR\Deinstallieren.exe"'
    WriteRegStr SHCTX "${KEY}" "QuietUninstallString" '"$INSTDIR\Deinstallieren.exe" /S'
  ${EndIf}
  WriteRegDWORD SHCTX "${KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${KEY}" "EstimatedSize" $0
SectionEnd

; Only the program's own files go: data files, portable.ini, Daten\ and Protokolle\ beside it stay.
Section "Uninstall"
  !insertmacro WaitUntilClosed
  RMDir /r "$INSTDIR\python"
  Delete "$INSTDIR\${APP}.exe"
  Delete "$INSTDIR\zv.exe"
  Delete "$INSTDIR\zv-desktop.ico"
  Delete "$INSTDIR\LIESMICH.txt"
  Delete "$INSTDIR\Deinstallieren.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APP}.lnk"
  ReadRegStr $0 SHCTX "Software\Classes\.zvx" ""
  ${If} $0 == "${CLASS}"
    DeleteRegKey SHCTX "Software\Classes\.zvx"
  ${EndIf}
  DeleteRegKey SHCTX "Software\Classes\${CLASS}"
  DeleteRegKey SHCTX "${KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
