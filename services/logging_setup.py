"""One log file per workstation; records name records by id, never by NIK or name."""

from __future__ import annotations

import faulthandler
import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from services.paths import log_dir

CRASH_LOG_NAME = "sirentan-crash.log"
_crash_file = None  # kept open for the life of the process: faulthandler writes to it on a crash


def configure_logging(level: int = logging.INFO) -> Path:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sirentan.log"
    handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(level)
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
    return path


def record_native_crashes() -> Path | None:
    """A crash in Qt or another C library (no Python traceback) writes its stacks to a file.

    The windowed program has no console, so without this a native crash leaves nothing
    behind. Left alone when faulthandler already writes elsewhere (python -X faulthandler,
    pytest). Returns the file, or None when it was left alone.
    """
    global _crash_file
    if faulthandler.is_enabled():
        return None
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CRASH_LOG_NAME
    _crash_file = path.open("a", encoding="utf-8")
    faulthandler.enable(_crash_file, all_threads=True)
    return path
