"""Where a PDF goes: a path is written whole or not at all; a stream is written on success only."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from services.core.file_output import atomic_path

# Flate on page streams costs a few per cent of the time and keeps 14,880 cards near
# 6 MB instead of 25 (benchmarks/bench_cards.py measures both and may switch it off).
PAGE_COMPRESSION = True


@contextmanager
def pdf_canvas(
    out: Path | BinaryIO, pagesize: tuple[float, float], title: str, font: str
) -> Iterator[Canvas]:
    """A canvas the caller draws and then passes to ``save``; the file appears only if the
    block succeeds.

    ReportLab writes nothing before ``save()``, so a stream is untouched after
    an error; a path gets a scratch file beside it, renamed over the target at
    the end.
    """
    with contextlib.ExitStack() as stack:
        if isinstance(out, str | os.PathLike):
            out = stack.enter_context(atomic_path(Path(out)))
        canvas = Canvas(
            str(out) if isinstance(out, Path) else out,
            pagesize=pagesize,
            pageCompression=int(PAGE_COMPRESSION),
            # The page preamble names this font: no unembedded Helvetica in the file.
            initialFontName=font,
        )
        canvas.setTitle(title)
        canvas.setCreator("SiRentan")
        yield canvas


def save(canvas: Canvas) -> None:
    """``canvas.save()`` with binary (Flate only) streams.

    ReportLab wraps every compressed stream in ASCII85 by default, a pure-Python
    step that took a third of a card batch's time and made the file 25 % larger.
    The switch is global and read only while saving, so it is set just for that.
    """
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        canvas.save()
    finally:
        rl_config.useA85 = previous
