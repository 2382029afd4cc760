#!/usr/bin/env bash
# The Linux one-folder bundle: dist/linux/SiRentan-<version>/ with one program, `sirentan`
# (no command opens the app; a command runs the CLI), and a .tar.gz of it.
#
# Installs what it needs: python3-venv from Debian; PyInstaller and every wheel from PyPI,
# pinned by version and hash in requirements.lock.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/packaging/linux"
WORK="$ROOT/build/linux"
VERSION=$(python3 -c 'import tomllib,sys; print(tomllib.load(open(sys.argv[1],"rb"))["project"]["version"])' "$ROOT/pyproject.toml")
NAME="SiRentan-$VERSION"
export PIP_DISABLE_PIP_VERSION_CHECK=1
log() { printf '== %s %s\n' "$(date -u +%H:%M:%S)" "$*"; }

if ! python3 -c 'import ensurepip' 2>/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv
fi

started=$(date +%s)
log "build environment"
rm -rf "$WORK"
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q --no-deps --require-hashes --only-binary=:all: \
  -r "$HERE/requirements.lock"
# SiRentan itself from a wheel, so the bundle takes its package data and metadata from there.
# From a copy without build outputs and environments (setuptools lists every file it sees).
mkdir -p "$WORK/source"
tar -C "$ROOT" --exclude=./build --exclude=./dist --exclude=./.venv --exclude=./.git \
  --exclude='*.egg-info' --exclude=__pycache__ -cf - . | tar -C "$WORK/source" -xf -
"$WORK/venv/bin/pip" wheel -q --no-deps -w "$WORK/wheel" "$WORK/source"
"$WORK/venv/bin/pip" install -q --no-deps "$WORK"/wheel/sirentan-*.whl

log "PyInstaller"
rm -rf "$ROOT/dist/linux/$NAME"
(cd "$WORK" && SIRENTAN_BUNDLE_NAME="$NAME" "$WORK/venv/bin/pyinstaller" --noconfirm \
  --log-level WARN --distpath "$ROOT/dist/linux" --workpath "$WORK/pyinstaller" \
  "$ROOT/packaging/sirentan.spec")
tar -C "$ROOT/dist/linux" -czf "$ROOT/dist/$NAME-linux-x86_64.tar.gz" "$NAME"

log "smoke check"
home=$(mktemp -d)
SIRENTAN_HOME="$home" "$ROOT/dist/linux/$NAME/sirentan" db upgrade
SIRENTAN_HOME="$home" "$ROOT/dist/linux/$NAME/sirentan" --help | grep -q "^cara pakai: sirentan "
rm -rf "$home"
log "done in $(( $(date +%s) - started )) s: dist/$NAME-linux-x86_64.tar.gz ($(du -sh "$ROOT/dist/linux/$NAME" | cut -f1))"
