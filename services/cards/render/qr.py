"""The card's QR code as one filled PDF path of run-length rectangles.

zxing-cpp encodes in about 0.2 ms; drawing each module as its own ReportLab
rectangle would cost more than the rest of the card, so the dark runs of every
row go into a single path written as PDF operators in module units, scaled by
one ``cm``. One path also keeps renderers from showing hairline seams between
neighbouring modules.
"""

from __future__ import annotations

import re
from functools import cache

import zxingcpp

# Medium error correction (15 %): a card in a wallet gets scratched.
EC_LEVEL = "M"
QUIET_MODULES = 4  # the quiet zone the QR standard asks for around the symbol
DOT = 72 / 300  # one printer dot at 300 dpi, in points
# 5 dots (0.42 mm) per module: phone cameras read it at arm's length; below 3 dots
# (0.25 mm) cheap phones and inkjet spread give up.
MODULE_DOTS, MIN_MODULE_DOTS = 5, 3

_DARK_RUN = re.compile(rb"\x00+")
_SPAN = re.Match.span


def qr_matrix(payload: str) -> tuple[int, bytes]:
    """The symbol's size in modules and its modules row by row (0 = dark), no quiet zone."""
    barcode = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode, ec_level=EC_LEVEL)
    image = barcode.to_image(scale=1, add_quiet_zones=False)
    size = image.shape[0]
    # zxing-cpp's Image has the buffer protocol; its stub does not declare it.
    return size, memoryview(image).tobytes()  # type: ignore[arg-type]


def module_size(modules: int, box: float) -> float:
    """Points per module so the symbol and its quiet zone fit ``box``, on whole 300-dpi dots."""
    dots = min(MODULE_DOTS, int(box / ((modules + 2 * QUIET_MODULES) * DOT)))
    if dots < MIN_MODULE_DOTS:
        raise ValueError(
            f"QR payload too long for the card: {modules} modules do not fit {box:.1f} pt"
        )
    return dots * DOT


@cache
def _run_tables(size: int) -> tuple[list[str], list[str], list[slice]]:
    """For a symbol of ``size`` modules: "column row " for every index of the padded
    matrix (rows joined by one light separator), "width 1 re" per run length, row slices."""
    stride = size + 1
    starts = [f"{index % stride} {index // stride} " for index in range(stride * size)]
    widths = [f"{length} 1 re" for length in range(size + 1)]
    rows = [slice(start, start + size) for start in range(0, size * size, size)]
    return starts, widths, rows


def qr_operators(payload: str, x: float, y: float, box: float) -> str:
    """PDF operators filling the symbol centred in the square ``box`` at (x, y), in black."""
    size, cells = qr_matrix(payload)
    unit = module_size(size, box)
    offset = (box - size * unit) / 2
    starts, widths, rows = _run_tables(size)
    # The separator keeps a dark run from wrapping into the next row.
    padded = b"\xff".join([cells[row] for row in rows])
    runs = [starts[a] + widths[b - a] for a, b in map(_SPAN, _DARK_RUN.finditer(padded))]
    # Module coordinates with row 0 at the top: the matrix flips y.
    place = f"q 0 g {unit:.4f} 0 0 {-unit:.4f} {x + offset:.3f} {y + box - offset:.3f} cm"
    return f"{place}\n" + "\n".join(runs) + "\nf Q"
