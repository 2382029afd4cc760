"""Trim the bundle's PySide6 to the Qt the app uses, and Babel to the locales it formats with.

    python3 trim_qt.py BUNDLE/Lib/site-packages

PySide6's Windows wheels carry all of Qt (WebEngine, QML, multimedia, designer, ...): over
500 MB the clerks' PCs never load. Kept: the Python modules the app imports, the Qt plugins
a widgets program loads, and every DLL those import, found by reading the PE import tables
(mingw's objdump), so a Qt dependency cannot be forgotten by hand.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

# ui/ imports these (tests/unit/test_architecture.py keeps Qt inside ui/).
MODULES = ["QtCore", "QtGui", "QtWidgets", "QtNetwork", "QtPrintSupport", "QtPdf",
           "QtPdfWidgets", "QtCharts"]
# Not platforminputcontexts: its one Windows plugin, the virtual keyboard, pulls in Qt Quick
# and QML (about 30 MB); Windows' own input methods go through the platform plugin.
PLUGIN_DIRS = ["platforms", "styles", "imageformats", "iconengines", "generic"]
BABEL_LOCALES = {"root", "id", "id_ID", "en", "en_US"}
IMPORT = re.compile(r"DLL Name: (\S+)")


def imports(binary: Path) -> list[str]:
    out = subprocess.run(["x86_64-w64-mingw32-objdump", "-p", str(binary)],
                         check=True, capture_output=True, text=True).stdout
    return [name.lower() for name in IMPORT.findall(out)]


def main(site: Path) -> None:
    pyside = site / "PySide6"
    dlls = {p.name.lower(): p for p in pyside.glob("*.dll")}
    plugins = [p for d in PLUGIN_DIRS for p in (pyside / "plugins" / d).glob("*.dll")]
    roots = [pyside / f"{m}.pyd" for m in MODULES] + plugins
    keep: set[str] = set()
    todo = list(roots)
    while todo:
        for name in imports(todo.pop()):
            if name in dlls and name not in keep:
                keep.add(name)
                todo.append(dlls[name])
    for name, path in dlls.items():
        if name not in keep:
            path.unlink()
    wanted = {f"{m}.pyd" for m in MODULES} | {f"{m}.pyi" for m in MODULES}
    for path in pyside.glob("Qt*.py[di]"):
        if path.name not in wanted:
            path.unlink()
    for path in pyside.glob("*.exe"):
        path.unlink()
    for folder in pyside.iterdir():
        if folder.is_dir() and folder.name not in {"plugins", "support", "__pycache__"}:
            shutil.rmtree(folder)
    for folder in (pyside / "plugins").iterdir():
        if folder.name not in PLUGIN_DIRS:
            shutil.rmtree(folder)
    for data in (site / "babel" / "locale-data").glob("*.dat"):
        if data.stem not in BABEL_LOCALES:
            data.unlink()
    print(f"Qt kept: {', '.join(sorted(keep))}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
