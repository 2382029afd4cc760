"""The command line's output encoding: UTF-8 wherever the output goes.

Windows writes redirected or piped output in the ANSI code page (cp1252), which
cannot encode "→" or an Indonesian name typed with accents; printing one crashed
the command. UTF-8 with replacement never crashes, and a clerk's file or pipe
gets the same bytes on every system.
"""

from __future__ import annotations

import io
import sys


def use_utf8_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        # None in a windowed (frozen, console-less) program; pytest's capture is UTF-8.
        if stream is None or not isinstance(stream, io.TextIOWrapper):
            continue
        if stream.encoding.lower().replace("-", "") == "utf8" and stream.errors == "replace":
            continue
        stream.reconfigure(encoding="utf-8", errors="replace")
