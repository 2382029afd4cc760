"""Report 2: the list of a village's covered participants that its head checks and signs.

One section per village (a kecamatan gives all its villages, each on its own
pages), sorted by name, with a signature block for the kepala desa or lurah. Who is
listed, with which KPJ, funding and start, is the coverage model's answer on the
report's date (``services/coverage_history``: the period covering that day), never the
worker row's cached status or dates, so a back-dated list shows that day's register.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from services import coverage_history
from services.core.errors import SiRentanError
from services.core.unit_of_work import read_session
from services.premiums.computation import place_conditions
from services.reports.common import ReportInputs
from services.reports.model import (
    REPORT_TITLES,
    CellKind,
    Column,
    Report,
    ReportKind,
    Section,
    Signature,
    Table,
)
from services.text.formatting import long_date
from services.text.labels import FUNDING
from services.text.money import number

# The worker's own columns; KPJ, funding and start come from the covering period.
_COLUMNS = (
    "id",
    "nik",
    "full_name",
    "name_key",
    "gender",
    "birth_place",
    "birth_date",
    "address",
    "rt",
    "rw",
    "village_code",
    "occupation_id",
)

PROGRAMME = (
    "Jaminan Kecelakaan Kerja (JKK) dan Jaminan Kematian (JKM) BPJS Ketenagakerjaan "
    "bagi pekerja rentan"
)
CLOSING = (
    "Demikian daftar ini dibuat dengan sebenarnya untuk diperiksa dan disahkan. Nama yang "
    "sudah pindah, meninggal dunia atau salah tulis agar dicoret dan diberi keterangan."
)

COLUMNS = (
    Column("No", CellKind.COUNT, 0.45),
    Column("Nama", weight=2.6, wrap=True),
    Column("NIK", weight=1.75),
    Column("L/P", weight=0.4),
    Column("Tempat, tanggal lahir", weight=2.2, wrap=True),
    Column("Alamat", weight=3.0, wrap=True),
    Column("Pekerjaan", weight=1.5, wrap=True),
    Column("No. KPJ", weight=1.35),
    Column("Sumber dana", weight=1.35),
    Column("Mulai kepesertaan", CellKind.DATE, 1.2),
)


def build_village_list(inputs: ReportInputs) -> Report:
    f = inputs.filter
    if not f.village_code and not f.kecamatan_code:
        raise SiRentanError(
            "Pilih desa/kelurahan (atau satu kecamatan untuk semua desanya) untuk daftar "
            "peserta per desa."
        )
    src = inputs.scope.source
    # Periods never overlap, so the join gives each covered worker once.
    p = coverage_history.periods()
    with read_session(inputs.ctx) as session:
        conditions = place_conditions(session, inputs.area, inputs.scope)
        if f.funding:
            # Funded by that source on the report's date, by the covering period.
            conditions.append(p.c.funding == f.funding)
        rows = session.execute(
            select(
                *(src.c[name] for name in _COLUMNS),
                func.coalesce(p.c.kpj, src.c.kpj).label("kpj"),
                p.c.funding.label("funding"),
                p.c.start_date.label("coverage_start"),
            )
            .select_from(src.join(p, coverage_history.covering(p, src.c.id, inputs.today)))
            .where(*conditions)
            .order_by(src.c.village_code, src.c.name_key, src.c.id)
        ).all()
    groups: dict[str, list[Any]] = {}
    if f.village_code:
        groups[f.village_code] = []
    for row in rows:
        groups.setdefault(row.village_code, []).append(row)
    occupations = dict(inputs.occupations)
    ordered = sorted(groups.items(), key=lambda item: inputs.name(item[0]))
    sections = tuple(
        _section(inputs, code, members, occupations, index > 0)
        for index, (code, members) in enumerate(ordered)
    )
    return Report(
        kind=ReportKind.VILLAGE_LIST,
        title=REPORT_TITLES[ReportKind.VILLAGE_LIST],
        subtitle=inputs.subtitle(),
        sections=sections,
        notes=(
            f"Peserta yang terlindungi pada {long_date(inputs.today)}, diurutkan menurut nama.",
        ),
        row_count=len(rows),
        personal_data=True,
        document_per_section=True,
    )


def _section(
    inputs: ReportInputs,
    code: str,
    members: list[Any],
    occupations: dict[int, str],
    new_page: bool,
) -> Section:
    village = inputs.regions.get(code)
    label = village.label if village else code
    kecamatan = inputs.name(village.parent_code or "") if village else ""
    urban = village is not None and village.village_type == "kelurahan"
    kind, head = ("Kelurahan", "Lurah") if urban else ("Desa", "Kepala Desa")
    place = village.name if village else code
    rows = tuple(
        (
            number,
            r.full_name.upper(),
            r.nik,
            r.gender.value,
            ", ".join(p for p in (r.birth_place or "", r.birth_date.strftime("%d-%m-%Y")) if p),
            _address(r),
            occupations.get(r.occupation_id, ""),
            r.kpj or "",
            FUNDING[r.funding],
            r.coverage_start,
        )
        for number, r in enumerate(members, start=1)
    )
    table = Table(label, COLUMNS, rows)
    return Section(
        heading=f"{label}, Kecamatan {kecamatan} — {len(rows)} peserta terlindungi",
        tables=(table,),
        signature=Signature(
            place_date=f"{place}, {'.' * 24} {inputs.today.year}",
            title=f"{head} {place}",
        ),
        new_page=new_page,
        particulars=(
            ("Program", PROGRAMME),
            (kind, place),
            ("Kecamatan", kecamatan),
            ("Keadaan per", long_date(inputs.today)),
            ("Jumlah peserta terlindungi", f"{number(len(rows))} orang"),
        ),
        closing=CLOSING,
    )


def _address(r: Any) -> str:
    parts = [r.address or ""]
    if r.rt or r.rw:
        parts.append(f"RT {r.rt or '-'}/RW {r.rw or '-'}")
    return " ".join(p for p in parts if p).strip()
