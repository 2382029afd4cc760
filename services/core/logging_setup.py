"""One log file per workstation; records name records by id, never by NIK or name.

Whatever a library puts in a message (a database error's DETAIL with the key's values, a
failing row, a statement's parameters), the formatter removes it before the line is written,
and the file is readable by this account only.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import re
import traceback
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from services.core.paths import PRIVATE_FILE_MODE, log_dir, make_private_dir, make_private_file

_REDACTIONS = (
    # SQLAlchemy's "[parameters: (...)]" and psycopg's DETAIL/failing row lines.
    (re.compile(r"\[parameters: .*?\]\n?", re.DOTALL), "[parameters: disembunyikan]\n"),
    (re.compile(r"(DETAIL:|Failing row contains).*"), r"\1 (disembunyikan)"),
    (re.compile(r"Key \(([^()]*)\)=\(.*?\)"), r"Key (\1)=(disembunyikan)"),
    # Any run of digits as long as a bank account, NIK or No. KK.
    (re.compile(r"\d{8,}"), "########"),
)


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


# Shared by the GUI's error hook and the CLI: a record gets no exception message, which may
# quote a NIK or a name (a database's DETAIL, a KeyError on a NIK).
def safe_traceback(error: BaseException) -> str:
    """The stack of the error and of its causes: files, lines and types, no messages.

    Source lines are left out too, since a test or a script may quote data in them.
    """
    parts: list[str] = []
    current: BaseException | None = error
    seen: set[int] = set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = [
            f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n'
            for frame in traceback.extract_tb(current.__traceback__)
        ]
        parts.append("".join(frames) + f"{type(current).__module__}.{type(current).__qualname__}")
        current = current.__cause__ or current.__context__
    return "\n--- caused by / during handling of ---\n".join(reversed(parts))


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class PrivateRotatingFileHandler(RotatingFileHandler):
    """Log files created 0600 (after a rotation too), not with the umask's 0644."""

    def _open(self) -> TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
        if os.name == "posix":
            os.chmod(self.baseFilename, PRIVATE_FILE_MODE)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


CRASH_LOG_NAME = "sirentan-crash.log"
_crash_file = None  # kept open for the life of the process: faulthandler writes to it on a crash


def configure_logging(level: int = logging.INFO) -> Path:
    folder = make_private_dir(log_dir())
    path = folder / "sirentan.log"
    handler = PrivateRotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
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
    path = make_private_dir(log_dir()) / CRASH_LOG_NAME
    make_private_file(path)  # a native crash's stacks may hold a record's values
    _crash_file = path.open("a", encoding="utf-8")
    faulthandler.enable(_crash_file, all_threads=True)
    return path
