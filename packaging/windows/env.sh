# Shared by the Windows scripts (sourced): paths, the Wine prefix, and the tools they install.
# Everything lives under build/windows (inputs, Wine prefix, Windows Python) and dist/.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/packaging/windows"
WORK="$ROOT/build/windows"
DIST="$ROOT/dist"
WINPY="$WORK/python"                 # the embeddable CPython 3.11 and its site-packages
SITE="$WINPY/Lib/site-packages"
TESTSITE="$WORK/test-site"            # the Windows test run's wheels (pytest ...), never shipped
VERSION=$(python3 -c 'import tomllib,sys; print(tomllib.load(open(sys.argv[1],"rb"))["project"]["version"])' "$ROOT/pyproject.toml")
BUNDLE="$DIST/windows/SiRentan"
INSTALLER="$DIST/SiRentan-$VERSION-setup.exe"

export WINEPREFIX="${WINEPREFIX:-$WORK/wineprefix}"
export WINEDEBUG=-all
export WINEARCH=win64
# No Mono or Gecko installer prompts: nothing here needs .NET or a browser engine.
export WINEDLLOVERRIDES="mscoree,mshtml="
export PIP_DISABLE_PIP_VERSION_CHECK=1

log() { printf '== %s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

install_debian_packages() {
  local wanted=(wine wine64 nsis osslsigncode gcc-mingw-w64-x86-64 openssl python3-venv)
  local missing=()
  for package in "${wanted[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing from Debian: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# Wine runs a program and waits for it; its output goes through cat (Wine misbehaves when
# stdout is a file). The exit code is the program's. Wine's own service processes inherit
# the pipe, so cat ends a few seconds after the program, when Wine goes idle: never run two
# Wine commands on one prefix at once.
wine_run() {
  local status=0
  wine "$@" 2>&1 | cat || status=${PIPESTATUS[0]}
  return "$status"
}

prepare_wine() {
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    log "creating the Wine prefix $WINEPREFIX"
    mkdir -p "$WINEPREFIX"
    wineboot --init 2>&1 | cat
    # A new Wine 8 prefix says Windows 7; the installer asks for Windows 10 1903 or newer.
    wine reg add 'HKCU\Software\Wine' /v Version /d win10 /f 2>&1 | cat
  fi
  # Wait for the prefix's start-up programs to end: no race with the first real command.
  wineserver -w
  install_wine_stubs
}

stop_wine() {
  wineserver -w 2>/dev/null || true
}

# Test-only stand-ins for two DLLs Wine 8 lacks (see wine-stubs/README.md): into the
# prefix's system32, never into the bundle.
install_wine_stubs() {
  local system32="$WINEPREFIX/drive_c/windows/system32"
  for name in bcryptprimitives icuuc; do
    local extra=()
    [ "$name" = bcryptprimitives ] && extra=(-ladvapi32)
    x86_64-w64-mingw32-gcc -O2 -shared -o "$system32/$name.dll" \
      "$HERE/wine-stubs/$name.c" "$HERE/wine-stubs/$name.def" "${extra[@]}"
  done
}

# The source tree without build outputs, virtual environments or git: setuptools lists every
# file of the folder it builds in, which takes minutes beside a Wine prefix.
clean_source_copy() {  # clean_source_copy TARGET
  rm -rf "$1"
  mkdir -p "$1"
  tar -C "$ROOT" --exclude=./build --exclude=./dist --exclude=./.venv --exclude=./.git \
    --exclude='*.egg-info' --exclude=__pycache__ --exclude=.pytest_cache --exclude=.hypothesis \
    -cf - . | tar -C "$1" -xf -
}
