"""Report 4: claims whose event falls in the period, per status and type (count, the
benefit estimated and the amount paid), per kecamatan, and the list.

The estimate is the one-off total the claims service stores on each claim
(``claim.estimated_benefit``); a claim with none (nothing one-off can be estimated yet)
is counted in its own column and named in a note: "n klaim tanpa taksiran".

The claim table is read where it exists (services/reports/optional.py); on a register
without it the report says the claims are not available yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, case, func, select

from models.enums import ClaimStatus
from services.claims.labels import CLAIM_STATUS
from services.core.unit_of_work import read_session
from services.premiums.months import Period
from services.reports.common import ReportInputs
from services.reports.model import (
    REPORT_TITLES,
    CellKind,
    Column,
    Report,
    ReportKind,
    Section,
)
from services.reports.model import Table as ReportTable
from services.reports.optional import (
    CLAIM_COLUMNS,
    CLAIM_ESTIMATE,
    CLAIM_STATUSES,
    CLAIM_TABLE,
    CLAIM_TYPES,
    event_between,
    overdue_condition,
    reflect,
)
from services.text.labels import FUNDING

DETAIL_LIMIT_KEY = "report.detail_limit"


def build_claims(inputs: ReportInputs) -> Report:
    period = inputs.filter.period or Period.year(inputs.today.year)
    src = inputs.scope.source
    with read_session(inputs.ctx) as session:
        claims = reflect(session, CLAIM_TABLE, CLAIM_COLUMNS)
        if claims is None:
            return _unavailable(inputs, period)
        where = [
            *inputs.conditions(session),
            event_between(claims, period.first.first_day, period.last.last_day),
        ]
        joined = claims.join(src, src.c.id == claims.c.worker_id)
        estimate, paid = claims.c[CLAIM_ESTIMATE], claims.c.paid_amount
        by_status = session.execute(
            select(
                claims.c.status,
                claims.c.claim_type,
                func.count(),
                func.count() - func.count(estimate),
                func.coalesce(func.sum(estimate), 0),
                func.count(paid),
                func.coalesce(func.sum(paid), 0),
            )
            .select_from(joined)
            .where(*where)
            .group_by(claims.c.status, claims.c.claim_type)
        ).all()
        by_kecamatan = session.execute(
            select(src.c.kecamatan_code, *_per_type(claims), func.sum(claims.c.paid_amount))
            .select_from(joined)
            .where(*where)
            .group_by(src.c.kecamatan_code)
        ).all()
        overdue = session.scalar(
            select(func.count())
            .select_from(joined)
            .where(*where, overdue_condition(claims, datetime.now(UTC)))
        )
        limit = int(inputs.settings[DETAIL_LIMIT_KEY])
        listed = session.execute(
            select(
                claims.c.id,
                claims.c.claim_type,
                claims.c.status,
                claims.c.event_date,
                estimate,
                paid,
                src.c.full_name,
                src.c.village_code,
                src.c.kecamatan_code,
                src.c.funding,
            )
            .select_from(joined)
            .where(*where)
            .order_by(claims.c.event_date, claims.c.id)
            .limit(limit + 1)
        ).all()
    status_table = _status_table(by_status)
    total = status_table.rows[-1][2]
    tables = (
        status_table,
        _kecamatan_table(inputs, by_kecamatan),
        _list_table(inputs, listed, limit, total),
    )
    notes = [f"Klaim dengan tanggal kejadian {period.label}."]
    notes.append(f"Klaim JKK terbuka yang terlambat dilaporkan (lewat 2 × 24 jam): {overdue}.")
    notes.append(
        "Taksiran: perkiraan manfaat sekali bayar yang dihitung aplikasi dari data klaim; "
        "pembayaran berkala tidak termasuk."
    )
    return Report(
        kind=ReportKind.CLAIMS,
        title=REPORT_TITLES[ReportKind.CLAIMS],
        subtitle=inputs.subtitle(period.label),
        sections=(
            Section("Rekap klaim", tables[:2]),
            Section("Daftar klaim", tables[2:], new_page=True),
        ),
        notes=tuple(notes),
        row_count=total,
        row_unit="klaim",
        personal_data=bool(listed),
    )


def _per_type(claims: Table) -> list[ColumnElement[Any]]:
    return [
        func.coalesce(func.sum(case((claims.c.claim_type == t, 1), else_=0)), 0)
        for t in CLAIM_TYPES
    ]


def _status_table(rows: Sequence[Any]) -> ReportTable:
    """Per status and type: claims, those without an estimate, the estimate's total, those
    paid and the amount paid; then a total per type and the grand total."""
    found = {(str(r[0]), str(r[1])): tuple(int(v or 0) for v in r[2:]) for r in rows}
    body = [
        (CLAIM_STATUS[ClaimStatus(s)], t.upper(), *found[(s, t)])
        for s in CLAIM_STATUSES
        for t in CLAIM_TYPES
        if (s, t) in found
    ]
    totals = [
        ("JUMLAH", t.upper(), *_sums(v for (_, kind), v in found.items() if kind == t))
        for t in CLAIM_TYPES
    ]
    totals.append(("JUMLAH", "JKK + JKM", *_sums(found.values())))
    without = totals[-1][3]
    note = (
        f"{without} klaim tanpa taksiran: manfaat sekali bayarnya belum dapat ditaksir "
        "(data klaim belum lengkap, tidak memenuhi syarat, atau hanya manfaat berkala); "
        "klaim itu tidak menambah jumlah taksiran."
        if without
        else None
    )
    return ReportTable(
        "Per status dan jenis",
        (
            Column("Status", weight=1.6),
            Column("Jenis", weight=1.0),
            Column("Klaim", CellKind.COUNT),
            Column("Tanpa taksiran", CellKind.COUNT),
            Column("Taksiran manfaat (Rp)", CellKind.MONEY, 1.6),
            Column("Sudah dibayar", CellKind.COUNT),
            Column("Jumlah dibayar (Rp)", CellKind.MONEY, 1.6),
        ),
        (*body, *totals),
        frozenset(range(len(body), len(body) + len(totals))),
        note,
    )


def _sums(values: Iterable[tuple[int, ...]]) -> tuple[int, ...]:
    return tuple(sum(column) for column in zip(*values, strict=True)) or (0,) * 5


def _kecamatan_table(inputs: ReportInputs, rows: Sequence[Any]) -> ReportTable:
    body: list[tuple[Any, ...]] = sorted(
        ((inputs.name(r[0]), *(int(v or 0) for v in r[1:])) for r in rows), key=lambda r: r[0]
    )
    totals = [sum(r[i] for r in body) for i in range(1, len(CLAIM_TYPES) + 2)]
    return ReportTable(
        "Per kecamatan",
        (
            Column("Kecamatan", weight=2.0),
            *(Column(t.upper(), CellKind.COUNT) for t in CLAIM_TYPES),
            Column("Jumlah dibayar (Rp)", CellKind.MONEY, 1.6),
        ),
        (*body, ("JUMLAH", *totals)),
        frozenset({len(body)}),
    )


def _list_table(inputs: ReportInputs, rows: Sequence[Any], limit: int, total: int) -> ReportTable:
    shown = rows[:limit]
    return ReportTable(
        "Daftar klaim",
        (
            Column("No. klaim", CellKind.COUNT, 0.7),
            Column("Jenis", weight=0.6),
            Column("Nama peserta", weight=2.4, wrap=True),
            Column("Desa/Kelurahan", weight=1.5, wrap=True),
            Column("Kecamatan", weight=1.5, wrap=True),
            Column("Sumber dana", weight=1.2),
            Column("Tanggal kejadian", CellKind.DATE),
            Column("Status", weight=1.2),
            Column("Taksiran (Rp)", CellKind.MONEY, 1.3),
            Column("Dibayar (Rp)", CellKind.MONEY, 1.3),
        ),
        tuple(
            (
                r.id,
                str(r.claim_type).upper(),
                r.full_name,
                inputs.name(r.village_code),
                inputs.name(r.kecamatan_code),
                FUNDING.get(r.funding, str(r.funding)),
                r.event_date,
                CLAIM_STATUS[ClaimStatus(r.status)],
                r.estimated_benefit,
                r.paid_amount,
            )
            for r in shown
        ),
        note=f"... dan {total - len(shown)} klaim lainnya." if total > len(shown) else None,
    )


def _unavailable(inputs: ReportInputs, period: Period) -> Report:
    return Report(
        kind=ReportKind.CLAIMS,
        title=REPORT_TITLES[ReportKind.CLAIMS],
        subtitle=inputs.subtitle(period.label),
        sections=(
            Section(
                "Rekap klaim",
                (
                    ReportTable(
                        "Per status",
                        (Column("Status", weight=2.0), Column("Jumlah", CellKind.COUNT)),
                        (),
                    ),
                ),
            ),
        ),
        notes=("Data klaim belum tersedia di basis data ini.",),
    )
