; SiRentan's per-user installer: no administrator rights, no Python.
; makensis -DVERSION=0.1.0 -DBUNDLE=dist/windows/SiRentan -DOUTFILE=dist/SiRentan-0.1.0-setup.exe
;          -DUNINSTALL_LIST=build/windows/uninstall.nsh
; UNINSTALL_LIST (written by build.sh) deletes exactly the bundle's top-level files and folders.
; Programs go to %LOCALAPPDATA%\Programs\SiRentan; the register, backups and logs live in
; %LOCALAPPDATA%\SiRentan and are kept on uninstall.
Unicode true
Target amd64-unicode
ManifestDPIAware true
; zlib: a fraction of LZMA's build time on a CI runner and quick to unpack on a weak PC,
; for an installer some 25 % larger (measured in build.sh's log).
!ifndef COMPRESSOR
  !define COMPRESSOR zlib
!endif
SetCompressor ${COMPRESSOR}
RequestExecutionLevel user

!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

!define APP "SiRentan"
!define PUBLISHER "Pemerintah Kabupaten Timor Tengah Utara"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
BrandingText "${APP} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "Pemasang ${APP}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

Page directory
Page instfiles
UninstPage uninstConfirm
UninstPage instfiles

Function .onInit
  SetShellVarContext current
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "SiRentan memerlukan Windows 64-bit." /SD IDOK
    Abort
  ${EndIf}
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 18362
    MessageBox MB_ICONSTOP "SiRentan memerlukan Windows 10 versi 1903 atau yang lebih baru." /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "SiRentan"
  SetOutPath "$INSTDIR"
  ; An update replaces the program files whole: nothing of the old version stays behind
  ; (_internal: the folder of the first, PyInstaller-made builds).
  RMDir /r "$INSTDIR\Lib"
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\SiRentan.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\SiRentan.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  ; Only the program: the register, backups and logs in $LOCALAPPDATA\SiRentan stay.
  Delete "$SMPROGRAMS\${APP}.lnk"
  !include "${UNINSTALL_LIST}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
