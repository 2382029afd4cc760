"""Fitting text into a fixed box on the card: shrink, switch to the condensed face, wrap.

A card is 85 mm wide and a name may be 90 characters long: nothing may leave
the card, and a name must stay readable. Truncation is the very last resort
(only text no one would type, such as 150 characters, reaches it).
"""

from __future__ import annotations

from dataclasses import dataclass

from services.cards.render.text import text_width

ELLIPSIS = "…"
STEP = 0.25  # font sizes are tried in quarter points


@dataclass(frozen=True, slots=True)
class Fitted:
    font: str
    size: float
    lines: tuple[str, ...]


def _largest_size(width_at_one: float, box_width: float, largest: float) -> float:
    """The largest size (a multiple of STEP, at most ``largest``) at which the text fits."""
    if width_at_one <= 0:
        return largest
    return min(largest, int(box_width / width_at_one / STEP) * STEP)


def fit_line(
    text: str, box_width: float, fonts: tuple[str, ...], largest: float, smallest: float
) -> Fitted:
    """One line: the first font that fits at ``smallest`` or more, else cut with an ellipsis."""
    for font in fonts:
        size = _largest_size(text_width(text, font), box_width, largest)
        if size >= smallest:
            return Fitted(font, size, (text,))
    font = fonts[-1]
    return Fitted(font, smallest, (_truncate(text, font, smallest, box_width),))


def fit_block(
    text: str,
    box_width: float,
    fonts: tuple[str, ...],
    one_line: tuple[float, float],
    two_lines: tuple[float, float],
) -> Fitted:
    """One line between ``one_line`` = (largest, smallest) sizes, else two lines in
    ``two_lines`` = (largest, smallest), split at the space that balances them best."""
    largest, smallest = one_line
    for font in fonts:
        size = _largest_size(text_width(text, font), box_width, largest)
        if size >= smallest:
            return Fitted(font, size, (text,))
    largest, smallest = two_lines
    split = _balanced_split(text, fonts[-1])
    if split is None:
        return fit_line(text, box_width, fonts, largest, smallest)
    for font in fonts:
        widest = max(text_width(part, font) for part in split)
        size = _largest_size(widest, box_width, largest)
        if size >= smallest:
            return Fitted(font, size, split)
    font = fonts[-1]
    return Fitted(font, smallest, tuple(_truncate(p, font, smallest, box_width) for p in split))


def _balanced_split(text: str, font: str) -> tuple[str, str] | None:
    words = text.split()
    if len(words) < 2:
        return None
    best: tuple[str, str] | None = None
    best_width = float("inf")
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        widest = max(text_width(first, font), text_width(second, font))
        if widest < best_width:
            best, best_width = (first, second), widest
    return best


def _truncate(text: str, font: str, size: float, box_width: float) -> str:
    while text and text_width(text + ELLIPSIS, font) * size > box_width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS
