"""The card's QR code as one inline image mask, one bit per module.

zxing-cpp encodes in about 0.15 ms; drawing each module as its own ReportLab
rectangle would cost more than the rest of the card. The symbol's modules go
into a 1-bit image mask painted in the fill colour and scaled by one ``cm``
to whole 300-dpi dots per module: about 300 bytes per card instead of 2.7 KB
of run-length rectangles, so packing, compressing and the file shrink with it.
A stencil has no seams between neighbouring modules, and with /Interpolate
left off renderers scale it without smoothing, so the modules stay square.
"""

from __future__ import annotations

import zxingcpp

# Medium error correction (15 %): a card in a wallet gets scratched.
EC_LEVEL = "M"
QUIET_MODULES = 4  # the quiet zone the QR standard asks for around the symbol
DOT = 72 / 300  # one printer dot at 300 dpi, in points
# 5 dots (0.42 mm) per module: phone cameras read it at arm's length; below 3 dots
# (0.25 mm) cheap phones and inkjet spread give up.
MODULE_DOTS, MIN_MODULE_DOTS = 5, 3


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


# zxing-cpp's samples (0 dark, 255 light) as the characters of an image mask's bits, where a
# 0 bit is painted in the fill colour.
_BITS = bytes.maketrans(b"\x00\xff", b"01")


def qr_operators(payload: str, x: float, y: float, box: float) -> str:
    """PDF operators filling the symbol centred in the square ``box`` at (x, y), in black."""
    size, cells = qr_matrix(payload)
    unit = module_size(size, box)
    offset = (box - size * unit) / 2
    # Each row of an image starts on a byte: pad it with light bits.
    pad = b"1" * (-size % 8)
    bits = pad.join([cells[start : start + size] for start in range(0, size * size, size)])
    data = int((bits + pad).translate(_BITS), 2).to_bytes(size * ((size + 7) // 8)).hex()
    # An image's first row is its top one; the cm maps the image's unit square onto the symbol.
    side = size * unit
    place = f"q 0 g {side:.4f} 0 0 {side:.4f} {x + offset:.3f} {y + offset:.3f} cm"
    return f"{place}\nBI /W {size} /H {size} /IM true /F /AHx ID\n{data}>\nEI Q"
