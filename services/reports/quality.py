"""Report 5: what to fix in the register. Per kecamatan: NIK warnings, workers covered on
the report's date without a KPJ on that day's period, a village that is not one of the
kecamatan's, possible duplicates (same name and birth date in the same village), covered
workers without heirs; then the workers behind each count, at most
``report.detail_limit`` per check. "Covered" is services/coverage_history's expression,
as everywhere: a worker whose status is aktif but who has no period on that day (never
given a start, or whose period ended) is not asked for a KPJ or heirs.

Counts are SQL aggregates, except the NIK rules (services/workers/nik.py), which read each
NIK once in a stream; a clerk who sees NIKs masked gets no NIK check (said so).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, not_, select, tuple_
from sqlalchemy.orm import Session

import services.workers.nik as nik_rules
from models import Heir
from services.core.unit_of_work import read_session
from services.coverage_history import covered_on_many, covering, kpj_on, periods
from services.reports.common import ReportInputs
from services.reports.model import (
    REPORT_TITLES,
    CellKind,
    Column,
    Report,
    ReportKind,
    Section,
    Table,
)
from services.text.formatting import long_date
from services.text.money import number

DETAIL_LIMIT_KEY = "report.detail_limit"
STREAM_CHUNK = 5_000
NIK_LABELS = {
    nik_rules.NIK_OUTSIDE_DISTRICT: "NIK dari luar kabupaten",
    nik_rules.NIK_BIRTHDATE_MISMATCH: "tanggal lahir tidak sama dengan NIK",
    nik_rules.NIK_GENDER_MISMATCH: "jenis kelamin tidak sama dengan NIK",
    nik_rules.NIK_KECAMATAN_UNKNOWN: "kode kecamatan NIK tidak dikenal",
    nik_rules.NIK_SERIAL_ZERO: "nomor urut NIK 0000",
    nik_rules.NIK_DATE_INVALID: "tanggal pada NIK tidak mungkin",
    nik_rules.NIK_LENGTH: "NIK bukan 16 angka",
    nik_rules.NIK_NOT_DIGITS: "NIK bukan angka",
}
_PERSON = ("id", "full_name", "nik", "village_code", "kecamatan_code")


def build_quality(inputs: ReportInputs) -> Report:
    limit = int(inputs.settings[DETAIL_LIMIT_KEY])
    checker = _Checks(inputs, limit)
    with read_session(inputs.ctx) as session:
        checker.run(session)
    summary = checker.summary_table()
    details = checker.detail_tables()
    notes = [
        "Tanpa No. KPJ dan tanpa ahli waris: hanya peserta yang terlindungi pada "
        f"{long_date(inputs.today)} (No. KPJ: yang tercatat pada periode kepesertaan hari "
        "itu); pemeriksaan lain: semua peserta.",
        f"Setiap rincian memuat paling banyak {number(limit)} peserta.",
    ]
    if inputs.scope.whole_nik_only:
        notes.append("NIK tidak diperiksa karena akun Anda melihat NIK tersamar.")
    return Report(
        kind=ReportKind.DATA_QUALITY,
        title=REPORT_TITLES[ReportKind.DATA_QUALITY],
        subtitle=inputs.subtitle(),
        sections=(
            Section("Ringkasan per kecamatan", (summary,)),
            *(Section(t.name, (t,)) for t in details),
        ),
        notes=tuple(notes),
        row_count=checker.workers,
        personal_data=any(t.rows for t in details),
    )


class _Checks:
    def __init__(self, inputs: ReportInputs, limit: int) -> None:
        self.inputs = inputs
        self.limit = limit
        self.src = inputs.scope.source
        self.workers = 0
        self.per_kecamatan: dict[str, Counter[str]] = {}
        self.lists: dict[str, tuple[list[tuple[Any, ...]], int]] = {}

    # -- the checks ---------------------------------------------------------------

    def conditions(self) -> dict[str, ColumnElement[bool]]:
        c = self.src.c
        day = self.inputs.today
        covered = covered_on_many(c.id, day)
        return {
            "kpj": and_(covered, kpj_on(c.id, day).is_(None)),
            # Only heir.worker_id is read: a viewer's grants on heir are column by column.
            "heirs": and_(
                covered, not_(select(Heir.worker_id).where(Heir.worker_id == c.id).exists())
            ),
        }

    def run(self, session: Session) -> None:
        src, base = self.src, self.inputs.conditions(session)
        checks = self.conditions()
        # Per village: whether a village belongs to its kecamatan is then one look-up per
        # village, not per worker.
        rows = session.execute(
            select(
                src.c.kecamatan_code,
                src.c.village_code,
                func.count(),
                *(func.count(case((cond, 1))) for cond in checks.values()),
            )
            .where(*base)
            .group_by(src.c.kecamatan_code, src.c.village_code)
        ).all()
        totals: Counter[str] = Counter()
        bad_places = []
        for kecamatan, village, count, *counts in rows:
            tally = self._tally(kecamatan)
            tally["workers"] += count
            for name, n in zip(checks, counts, strict=True):
                tally[name] += n
                totals[name] += n
            if not self._village_fits(village, kecamatan):
                tally["village"] += count
                totals["village"] += count
                bad_places.append((kecamatan, village))
        self.workers = sum(t["workers"] for t in self.per_kecamatan.values())
        self.lists["kpj"] = self._people(session, base, checks["kpj"], totals["kpj"], True)
        place = tuple_(src.c.kecamatan_code, src.c.village_code).in_(bad_places)
        self.lists["village"] = (
            self._people(session, base, place, totals["village"]) if bad_places else ([], 0)
        )
        self.lists["heirs"] = self._people(session, base, checks["heirs"], totals["heirs"])
        self._duplicates(session, base)
        if not self.inputs.scope.whole_nik_only:
            self._niks(session, base)

    def _village_fits(self, village: str, kecamatan: str) -> bool:
        found = self.inputs.regions.get(village)
        return (
            found is not None
            and self.inputs.regions.is_village(village)
            and (found.parent_code == kecamatan)
        )

    def _tally(self, code: str) -> Counter[str]:
        return self.per_kecamatan.setdefault(code, Counter())

    def _people(
        self,
        session: Session,
        base: list[ColumnElement[bool]],
        condition: ColumnElement[bool],
        total: int,
        with_start: bool = False,
    ) -> tuple[list[tuple[Any, ...]], int]:
        src = self.src
        extra: tuple[Any, ...] = ()
        if with_start:
            # The start of the period covering the report's date, not the latest period's.
            p = periods()
            start = (
                select(p.c.start_date)
                .where(covering(p, src.c.id, self.inputs.today))
                .correlate_except(p)
                .limit(1)
                .scalar_subquery()
            )
            extra = (start,)
        rows = session.execute(
            select(*(src.c[n] for n in _PERSON), *extra)
            .where(*base, condition)
            .order_by(src.c.kecamatan_code, src.c.village_code, src.c.name_key, src.c.id)
            .limit(self.limit)
        ).all()
        return [(*self._person(r), *r[len(_PERSON) :]) for r in rows], total

    def _person(self, r: Any) -> tuple[Any, ...]:
        name = self.inputs.name
        return (r.full_name, r.nik, name(r.village_code), name(r.kecamatan_code))

    def _duplicates(self, session: Session, base: list[ColumnElement[bool]]) -> None:
        src = self.src
        groups = (
            select(src.c.village_code, src.c.name_key, src.c.birth_date)
            .where(*base)
            .group_by(src.c.village_code, src.c.name_key, src.c.birth_date)
            .having(func.count() > 1)
            .subquery()
        )
        rows = session.execute(
            select(*(src.c[n] for n in _PERSON), src.c.birth_date)
            .join(
                groups,
                and_(
                    groups.c.village_code == src.c.village_code,
                    groups.c.name_key == src.c.name_key,
                    groups.c.birth_date == src.c.birth_date,
                ),
            )
            .where(*base)
            .order_by(src.c.kecamatan_code, src.c.village_code, src.c.name_key, src.c.id)
        ).all()
        for r in rows:
            self._tally(r.kecamatan_code)["duplicates"] += 1
        self.lists["duplicates"] = (
            [(*self._person(r), r.birth_date) for r in rows[: self.limit]],
            len(rows),
        )

    def _niks(self, session: Session, base: list[ColumnElement[bool]]) -> None:
        src = self.src
        home = self.inputs.settings.get("district.kabupaten_code")
        known = self.inputs.regions.national_kecamatan_codes
        statement = (
            select(*(src.c[n] for n in _PERSON), src.c.birth_date, src.c.gender, src.c.name_key)
            .where(*base)
            .execution_options(yield_per=STREAM_CHUNK)
        )
        found: list[tuple[Any, ...]] = []
        for r in session.execute(statement):
            problems = nik_rules.check_nik(
                r.nik,
                birth_date=r.birth_date,
                gender=r.gender.value,
                known_kecamatan=known,
                home_kabupaten=home,
                home_name=self.inputs.settings.get("district.kabupaten_name"),
            )
            if problems:
                self._tally(r.kecamatan_code)["nik"] += 1
                labels = "; ".join(NIK_LABELS.get(p.code, p.text) for p in problems)
                found.append((r.kecamatan_code, r.village_code, r.name_key, r.id, r, labels))
        found.sort(key=lambda f: f[:4])
        self.lists["nik"] = (
            [(*self._person(f[4]), f[5]) for f in found[: self.limit]],
            len(found),
        )

    # -- the tables ------------------------------------------------------------------

    def summary_table(self) -> Table:
        keys = ("workers", "nik", "kpj", "village", "duplicates", "heirs")
        name = self.inputs.name
        body: list[tuple[Any, ...]] = sorted(
            (name(code), *(t[k] for k in keys)) for code, t in self.per_kecamatan.items()
        )
        totals = [sum(r[i] for r in body) for i in range(1, len(keys) + 1)]
        return Table(
            "Ringkasan",
            (
                Column("Kecamatan", weight=2.2),
                Column("Peserta", CellKind.COUNT),
                Column("Peringatan NIK", CellKind.COUNT),
                Column("Terlindungi tanpa No. KPJ", CellKind.COUNT, 1.2),
                Column("Desa tidak sesuai", CellKind.COUNT),
                Column("Kemungkinan ganda", CellKind.COUNT),
                Column("Terlindungi tanpa ahli waris", CellKind.COUNT, 1.2),
            ),
            (*body, ("JUMLAH", *totals)),
            frozenset({len(body)}),
        )

    def detail_tables(self) -> list[Table]:
        person = (
            Column("Nama", weight=2.4, wrap=True),
            Column("NIK", weight=1.6),
            Column("Desa/Kelurahan", weight=1.6, wrap=True),
            Column("Kecamatan", weight=1.6, wrap=True),
        )
        specs: list[tuple[str, str, tuple[Column, ...]]] = [
            ("nik", "Peringatan NIK", (Column("Peringatan", weight=3.2, wrap=True),)),
            (
                "kpj",
                "Terlindungi tanpa No. KPJ",
                (Column("Mulai kepesertaan", CellKind.DATE, 1.2),),
            ),
            ("village", "Desa tidak sesuai kecamatan", ()),
            (
                "duplicates",
                "Kemungkinan data ganda",
                (Column("Tanggal lahir", CellKind.DATE, 1.1),),
            ),
            ("heirs", "Terlindungi tanpa ahli waris", ()),
        ]
        tables = []
        for key, title, extra in specs:
            if key not in self.lists:
                continue
            rows, total = self.lists[key]
            tables.append(
                Table(
                    title,
                    (*person, *extra),
                    tuple(rows),
                    note=_more(total, len(rows)),
                )
            )
        return tables


def _more(total: int, shown: int) -> str | None:
    return f"... dan {total - shown} peserta lainnya (jumlah {total})." if total > shown else None
