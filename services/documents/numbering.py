"""Letter numbers: the pattern from the settings and the yearly sequence from the database.

``500.15/123/Nakertrans/VII/2025`` is ``{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}``
(Permendagri 83/2022 classification, the letter register's sequence, the unit's
abbreviation, the month in Roman numerals, the year). Each kind of document
may have its own pattern, classification and series; every kind in the same
series shares one sequence that restarts each year. A letter the regional head (the
Bupati) signs is his naskah dinas, not the office's: it carries the Setda's unit code
and runs in a series of its own, so the office's book has no gaps where his letters went.

The sequence is taken with one upsert that increments the series' counter row
and returns the new value. The row stays locked (PostgreSQL) or the database
stays write-locked (SQLite) until the transaction that records the document
commits, so two clerks never receive the same number, and a rolled-back
issue gives its number back: the letter register has no gaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from models import LetterCounter
from models.enums import DocumentKind
from services.core.errors import Problem, ValidationError
from services.documents.dates_words import roman_month
from services.documents.number_pattern import pattern_fault
from services.settings.catalog import where


@dataclass(frozen=True, slots=True)
class NumberingRule:
    series: str
    pattern: str
    pattern_key: str  # the setting the pattern came from, for messages
    classification: str
    unit: str


@dataclass(frozen=True, slots=True)
class TakenNumber:
    number: str
    series: str
    year: int
    sequence: int


def numbering_rule(
    values: dict[str, str], kind: DocumentKind, regional_head: bool = False
) -> NumberingRule:
    """The kind's own pattern and series when set, else the office-wide ones; a letter
    signed by the regional head (``regional_head``) takes his unit code and series."""

    def own_or_common(name: str) -> tuple[str, str]:
        own = f"numbering.{kind.value}.{name}"
        if values.get(own, "").strip():
            return values[own].strip(), own
        return values[f"numbering.{name}"].strip(), f"numbering.{name}"

    pattern, pattern_key = own_or_common("pattern")
    if regional_head:
        series = values["numbering.regional_head.series"].strip()
        unit = values["numbering.regional_head.unit_code"].strip()
    else:
        series, _ = own_or_common("series")
        unit = values["numbering.unit_code"].strip()
    return NumberingRule(
        series=series,
        pattern=pattern,
        pattern_key=pattern_key,
        classification=values.get(f"numbering.{kind.value}.classification", "").strip(),
        unit=unit,
    )


def pattern_problems(pattern: str, key: str) -> list[Problem]:
    """The pattern's fault as a problem of setting ``key``, naming where it is changed."""
    fault = pattern_fault(pattern)
    if fault is None:
        return []
    code, text = fault
    return [Problem(code, key, text.format(place=f" ({where(key)})"))]


def format_number(rule: NumberingRule, sequence: int, day: date) -> str:
    problems = pattern_problems(rule.pattern, rule.pattern_key)
    if problems:
        raise ValidationError(problems, record="pola nomor surat")
    try:
        return rule.pattern.format(
            klasifikasi=rule.classification,
            nomor=sequence,
            unit=rule.unit,
            bulan_romawi=roman_month(day.month),
            bulan=day.month,
            tahun=day.year,
        )
    except (ValueError, TypeError) as error:  # a bad format spec such as {nomor:x5}
        raise ValidationError(
            [
                Problem(
                    "pattern_invalid",
                    rule.pattern_key,
                    f"Pola nomor surat '{rule.pattern}' ({where(rule.pattern_key)}) "
                    f"tidak dapat dipakai: {error}.",
                )
            ],
            record="pola nomor surat",
        ) from error


def next_sequence(session: Session, series: str, year: int) -> int:
    """The next number of the series in the year, locked until the transaction ends.

    Call it first in a transaction: on SQLite a transaction that read before
    its first write cannot wait for the write lock, only fail."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        # Clerks cannot write letter_counter; the database hands out the number and lets
        # exactly one letter register line of this transaction carry it.
        taken = session.execute(
            text("SELECT sirentan_next_letter_number(:series, :year)"),
            {"series": series, "year": year},
        )
        return int(taken.scalar_one())
    insert = sqlite.insert
    table = LetterCounter.__table__
    stmt = (
        insert(table)
        .values(series=series, year=year, last_number=1)
        .on_conflict_do_update(
            index_elements=[table.c.series, table.c.year],
            set_={"last_number": table.c.last_number + 1},
        )
        .returning(table.c.last_number)
    )
    return int(session.execute(stmt).scalar_one())


def take_number(session: Session, rule: NumberingRule, day: date) -> TakenNumber:
    # The pattern is checked before the counter moves; a bad setting costs no number.
    problems = pattern_problems(rule.pattern, rule.pattern_key)
    if problems:
        raise ValidationError(problems, record="pola nomor surat")
    sequence = next_sequence(session, rule.series, day.year)
    return TakenNumber(format_number(rule, sequence, day), rule.series, day.year, sequence)


def expected_number(session: Session, rule: NumberingRule, day: date) -> str:
    """The number the series would give now, read without a lock: the issue renders its
    PDF with it before taking the real one (see letter_register.issue)."""
    last = session.scalar(
        select(LetterCounter.last_number).where(
            LetterCounter.series == rule.series, LetterCounter.year == day.year
        )
    )
    return format_number(rule, (last or 0) + 1, day)
