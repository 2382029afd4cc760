#!/usr/bin/env bash
# Regenerates the lock files from pyproject.toml's dependencies: every wheel a build installs,
# pinned by version and sha256, so a build can be repeated. Run by hand when dependencies
# change, then commit the locks.
#   packaging/lock.sh            # both targets
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

mapfile -t DEPENDENCIES < <(python3 - "$ROOT/pyproject.toml" <<'PY'
import sys, tomllib
for requirement in tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]:
    print(requirement)
PY
)
BUILD=(pyinstaller)  # the Linux bundle's; the Windows bundle is not frozen
# pip judges these win32-only dependencies' markers on Linux and skips them: named by hand.
WIN32_ONLY=(tzdata)
WINDOWS_TESTS=(pytest pytest-qt hypothesis pypdf pypdfium2 colorama)
WINDOWS=(--platform win_amd64 --python-version 3.11 --implementation cp --abi cp311)

write_lock() {  # write_lock FOLDER OUTPUT HEADER
  python3 - "$1" "$2" "$3" <<'PY'
import hashlib, sys
from pathlib import Path
folder, output, header = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
lines = [f"# {line}" for line in header.splitlines()] + [""]
for wheel in sorted(folder.glob("*.whl"), key=lambda p: p.name.lower()):
    name, version = wheel.name.split("-")[:2]
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    lines.append(f"{name.replace('_', '-').lower()}=={version} \\\n    --hash=sha256:{digest}")
output.write_text("\n".join(lines) + "\n", encoding="utf-8")
PY
}

python3 -m pip download -q --only-binary=:all: -d "$WORK/linux" \
  "${DEPENDENCIES[@]}" "${BUILD[@]}"
write_lock "$WORK/linux" "$ROOT/packaging/linux/requirements.lock" \
"Linux (x86_64, CPython 3.11) wheels for the bundle and PyInstaller, pinned by version and sha256.
Installed by packaging/linux/build.sh with --require-hashes; regenerate with packaging/lock.sh."

python3 -m pip download -q --only-binary=:all: -d "$WORK/windows" "${WINDOWS[@]}" \
  "${DEPENDENCIES[@]}" "${WIN32_ONLY[@]}"
write_lock "$WORK/windows" "$ROOT/packaging/windows/requirements.lock" \
"Windows (win_amd64, CPython 3.11) wheels of the installed program, pinned by version and
sha256. Installed by packaging/windows/build.sh with --require-hashes --platform win_amd64
--target into the bundle's site-packages; regenerate with packaging/lock.sh (tzdata is named
there by hand: pip judges its win32 marker on Linux and skips it)."

python3 -m pip download -q --only-binary=:all: -d "$WORK/windows-tests" "${WINDOWS[@]}" \
  "${WINDOWS_TESTS[@]}"
write_lock "$WORK/windows-tests" "$ROOT/packaging/windows/tests.lock" \
"Windows (win_amd64, CPython 3.11) wheels of the Windows test run only (pytest and friends),
pinned by version and sha256; never in the bundle. Installed by packaging/windows/build.sh
beside the bundle's site-packages; regenerate with packaging/lock.sh (colorama is named
there by hand: pip judges its win32 marker on Linux and skips it)."
