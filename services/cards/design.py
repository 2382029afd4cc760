"""The card design of this office, read from the settings (the same for a whole batch)."""

from __future__ import annotations

from services.cards.render import DEFAULT_ACCIDENT_STEPS, DEFAULT_DEATH_STEPS, CardDesign
from services.settings.office_images import OfficeImages


def _lines(text: str, default: tuple[str, ...]) -> tuple[str, ...]:
    lines = tuple(line.strip() for line in text.splitlines() if line.strip())
    return lines or default


def design_from(settings: dict[str, str], images: OfficeImages) -> CardDesign:
    district = settings["district.kabupaten_name"]
    return CardDesign(
        district_name=district,
        government_line=f"PEMERINTAH {district.upper()}",
        office_name=settings["office.name"],
        programme_title=settings["cards.programme_title"],
        logo=images.card_logo_or_emblem,
        office_address=settings["office.address"],
        office_phone=settings["office.phone"],
        branch_name=settings["bpjs.branch_name"],
        branch_phone=settings["bpjs.branch_phone"],
        accident_steps=_lines(settings["cards.accident_steps"], DEFAULT_ACCIDENT_STEPS),
        death_steps=_lines(settings["cards.death_steps"], DEFAULT_DEATH_STEPS),
        signer_position=settings["cards.signer_position"],
        signer_name=settings["cards.signer_name"],
        disclaimer=settings["cards.disclaimer"],
    )
