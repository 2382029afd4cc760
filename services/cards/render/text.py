"""Measuring and writing the per-card text at C speed.

Without ReportLab's optional C accelerator (rl_accel, not a dependency here)
``stringWidth``, number formatting and text escaping run as Python loops over
every character: about 100 µs per ``drawString`` of a short value, most of
the time of a batch. The values of one card are therefore written as PDF text
operators here: widths come from a per-font character table, and the glyph
codes from ReportLab's own subset assignment (``TTFont.splitString``), asked
once per character and remembered, so the embedded subsets stay ReportLab's.
"""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas


class _Widths(dict[str, float]):
    """Advance widths in points at 1 pt, by character; unknown characters get the default."""

    def __init__(self, font: TTFont) -> None:
        face = font.face
        super().__init__({chr(code): width / 1000 for code, width in face.charWidths.items()})
        self.default = face.defaultWidth / 1000

    def __missing__(self, char: str) -> float:
        return self.default


@cache
def _widths(font_name: str) -> _Widths:
    font = getFont(font_name)
    assert isinstance(font, TTFont), "cards use the embedded TrueType fonts only"
    return _Widths(font)


def text_width(text: str, font_name: str) -> float:
    """Width of ``text`` at 1 pt, as ReportLab's stringWidth would give it."""
    return sum(map(_widths(font_name).__getitem__, text))


class _Codes:
    """One font's character -> (subset, code) in one document, filled on first use."""

    def __init__(self, font: TTFont, document: object) -> None:
        self.font = font
        self.document = document
        self.known: set[str] = set()
        # Per subset: its characters, and ord(character) -> code for str.translate.
        self.chars: dict[int, set[str]] = {}
        self.codes: dict[int, dict[int, int]] = {}
        self.names: dict[int, str] = {}

    def learn(self, text: str) -> None:
        for char in set(text) - self.known:
            ((subset, code),) = self.font.splitString(char, self.document)
            self.known.add(char)
            self.chars.setdefault(subset, set()).add(char)
            self.codes.setdefault(subset, {})[ord(char)] = code[0]

    def name(self, subset: int) -> str:
        if subset not in self.names:
            self.names[subset] = self.font.getSubsetInternalName(subset, self.document)
        return self.names[subset]


class TextOperators:
    """PDF text-showing operators for one document (valid inside BT ... ET)."""

    def __init__(self, canvas: Canvas) -> None:
        # The subsets belong to the document ReportLab is building (as in its own text path).
        self._document = canvas._doc
        self._fonts: dict[str, _Codes] = {}

    def show(self, font_name: str, size: float, x: float, y: float, text: str) -> str:
        codes = self._fonts.get(font_name)
        if codes is None:
            font = getFont(font_name)
            assert isinstance(font, TTFont), "cards use the embedded TrueType fonts only"
            codes = self._fonts[font_name] = _Codes(font, self._document)
        if not text:
            return ""
        if not codes.known.issuperset(text):
            codes.learn(text)
        place = f"{size:.2f} Tf 1 0 0 1 {x:.2f} {y:.2f} Tm"
        for subset, chars in codes.chars.items():
            if chars.issuperset(text):
                # Codes are single bytes: translate to those code points, then hex them.
                hex_codes = text.translate(codes.codes[subset]).encode("latin-1").hex()
                return f"{codes.name(subset)} {place} <{hex_codes}> Tj"
        # Rare: a text spread over two subsets (after 255 distinct characters in one font).
        chunks = codes.font.splitString(text, self._document)
        parts = [f"{codes.name(chunks[0][0])} {place}"]
        for subset, chunk in chunks:
            parts.append(f"{codes.name(subset)} {size:.2f} Tf <{chunk.hex()}> Tj")
        return " ".join(parts)
