"""Printer calibration for cards, remembered per workstation (each printer feeds differently)."""

from __future__ import annotations

from dataclasses import replace

from services.core.errors import Problem, ValidationError
from services.core.local_config import load_local_config, save_local_config

# More than a centimetre off is a paper-setting problem, not a calibration.
MAX_OFFSET_MM = 10.0


def card_offsets() -> tuple[float, float]:
    config = load_local_config()
    return config.card_offset_x_mm, config.card_offset_y_mm


def save_card_offsets(x_mm: float, y_mm: float) -> None:
    problems = [
        Problem(
            f"offset_{axis}",
            f"offset_{axis}",
            f"Geser {label} harus antara -{MAX_OFFSET_MM:g} dan {MAX_OFFSET_MM:g} mm; "
            "periksa ukuran kertas di pengaturan printer bila selisihnya lebih besar.",
        )
        for axis, label, value in (("x", "horizontal", x_mm), ("y", "vertikal", y_mm))
        if abs(value) > MAX_OFFSET_MM
    ]
    if problems:
        raise ValidationError(problems, record="Kalibrasi printer")
    config = load_local_config()
    save_local_config(replace(config, card_offset_x_mm=x_mm, card_offset_y_mm=y_mm))
