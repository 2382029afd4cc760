"""The agreement's attachment (lampiran): workers and premiums per kecamatan, every
kecamatan of the kabupaten listed, with notes on where the counts come from."""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from services.documents.agreement.params import AgreementParams, BudgetYear
from services.documents.agreement.particulars import blank
from services.documents.agreement.signatures import signatures
from services.documents.blocks import DataTable, data_table, label_table, plain_table_style
from services.documents.dates_words import place_and_date
from services.documents.styles import esc, styles
from services.text.formatting import long_date
from services.text.labels import FUNDING
from services.text.money import number, number_with_words, rupiah_plain


def attachment(
    params: AgreementParams,
    doc_number: str | None,
    district: str,
    width: float,
) -> list[Flowable]:
    s = styles()
    first = esc(doc_number) if doc_number else "(diberikan saat diterbitkan)"
    second = esc(params.second_party_number) or esc(blank("nomor pihak BPJS"))
    head: list[Flowable] = [
        Paragraph("LAMPIRAN PERJANJIAN KERJA SAMA", s.left),
        label_table(
            [
                ("NOMOR", first),
                ("NOMOR", second),
                ("TANGGAL", long_date(params.agreement_date)),
            ],
            width * 0.62,
        ),
    ]
    head_table = Table([["", head]], colWidths=[width * 0.38, width * 0.62])
    head_table.setStyle(plain_table_style())
    table = _kecamatan_table(params, width)
    counted = params.register_workers
    sources = ", ".join(FUNDING[f] for f in params.paid_sources)
    notes = [
        f"Peserta yang iurannya dibayar dari {esc(sources)}, terlindungi menurut register pada "
        f"{long_date(params.count_date)}. Iuran per orang per bulan "
        f"Rp{rupiah_plain(params.premium_per_worker)} (JKK Rp{rupiah_plain(params.jkk_monthly)} "
        f"dan JKM Rp{rupiah_plain(params.jkm_monthly)})."
    ]
    if params.workers != counted:
        # Only a preview gets here: issuing refuses an annex that does not add up.
        notes.append(
            f'<font color="#c00000">{esc(blank("lampiran tidak sama dengan batang tubuh"))} '
            f"Jumlah peserta dalam Perjanjian {number_with_words(params.workers, 'orang')}; "
            f"lampiran {number(counted)} orang.</font>"
        )
    others = {f: n for f, n in params.by_funding.items() if f not in params.paid_sources and n}
    if others:
        listed = ", ".join(f"{FUNDING[f]} {number(n)} orang" for f, n in others.items())
        notes.append(
            f"Peserta lain di register yang tidak dibayar melalui Perjanjian ini: {listed}."
        )
    story: list[Flowable] = [
        head_table,
        Spacer(0, 6 * mm),
        Paragraph("REKAPITULASI PESERTA PEKERJA RENTAN PER KECAMATAN", s.title),
        Paragraph(f"{esc(district.upper())}", s.title),
        Spacer(0, 4 * mm),
        data_table(table, width),
        Spacer(0, 2 * mm),
    ]
    if params.multi_year:
        story += [
            Spacer(0, 2 * mm),
            Paragraph("NILAI PERJANJIAN PER TAHUN ANGGARAN", s.title),
            Spacer(0, 2 * mm),
            data_table(_years_table(params, district), width),
            Spacer(0, 2 * mm),
        ]
        notes.append(
            "Iuran setiap tahun anggaran dibebankan pada Anggaran Pendapatan dan Belanja Daerah "
            "tahun anggaran yang bersangkutan (tahun anggaran adalah tahun kalender, 1 Januari "
            "sampai dengan 31 Desember)."
        )
    dated = esc(place_and_date(params.place, params.agreement_date))
    # The notes go with the signatures: signatures alone on the annex's last page could
    # be put under any other table.
    notes_flowables = [Paragraph(note, s.small) for note in notes]
    story.append(KeepTogether([*notes_flowables, *signatures(params, width, dated, stamps=False)]))
    return story


def _year_header(year: BudgetYear) -> str:
    return f"TA {year.year} ({number(year.months)} bulan) (Rp)"


def _kecamatan_table(params: AgreementParams, width: float) -> DataTable:
    """Per kecamatan: workers, the monthly premium, and the premium of the term; a term
    over several budget years has one column per year, each that year's own charge.
    Money columns are as wide as their bold total needs; when four years leave too
    little room for the names, the monthly premium (stated in the notes and the body)
    gives way."""
    per_worker = params.premium_per_worker
    if params.multi_year:
        spans = [(_year_header(y), y.months) for y in params.budget_years]
    else:
        spans = [(f"Iuran {number(params.months)} Bulan (Rp)", params.months)]
    counted = params.register_workers

    def amounts(workers: int) -> list[str]:
        return [rupiah_plain(workers * per_worker * months) for _, months in spans]

    total = ["", "JUMLAH", number(counted), rupiah_plain(counted * per_worker), *amounts(counted)]
    money = [_fraction(value, width) for value in total[3:]]
    if not params.multi_year:
        money[-1] = max(money[-1], 0.24)
    fixed = [0.06, 0.1]
    monthly = 1 - sum(fixed) - sum(money) >= _MIN_NAME
    if not monthly:
        money, total = money[1:], total[:3] + total[4:]
    rows = [
        [
            number(i),
            k.name,
            number(k.workers),
            *([rupiah_plain(k.workers * per_worker)] if monthly else []),
            *amounts(k.workers),
        ]
        for i, k in enumerate(params.by_kecamatan, start=1)
    ]
    headers = [
        "No.",
        "Kecamatan",
        "Jumlah Peserta (orang)",
        *(["Iuran per Bulan (Rp)"] if monthly else []),
        *(header for header, _ in spans),
    ]
    name = 1 - sum(fixed) - sum(money)
    return DataTable(
        headers=headers,
        rows=rows,
        widths=[fixed[0], name, fixed[1], *money],
        align=["RIGHT", "LEFT", "RIGHT", *(["RIGHT"] * len(money))],
        wrap=[False, True, False, *([False] * len(money))],
        total_row=total,
    )


# The Kecamatan column's least share of the width (the longest names on two lines).
_MIN_NAME = 0.15


def _fraction(total: str, width: float) -> float:
    """The share of the width a money column needs for its bold total (and at least what
    a header of two short words does)."""
    s = styles()
    needed = stringWidth(total, s.cell_head.fontName, s.cell.fontSize) + 6
    return max(needed / width, 0.13)


def _years_table(params: AgreementParams, district: str) -> DataTable:
    """Each budget year's months, amount and the APBD it is charged to, as in Pasal on the
    value of the agreement (the same ``budget_years``)."""
    rows = [
        [
            str(y.year),
            _part_of_term(y, params),
            number(y.months),
            rupiah_plain(y.amount),
            f"APBD {district} TA {y.year}",
        ]
        for y in params.budget_years
    ]
    total = ["", "JUMLAH", number(params.months), rupiah_plain(params.total_value), ""]
    return DataTable(
        headers=[
            "Tahun Anggaran",
            "Masa",
            "Jumlah Bulan",
            "Nilai (Rp)",
            "Dibebankan pada",
        ],
        rows=rows,
        widths=[0.12, 0.3, 0.1, 0.18, 0.3],
        align=["CENTER", "LEFT", "RIGHT", "RIGHT", "LEFT"],
        wrap=[False, True, False, False, True],
        total_row=total,
    )


def _part_of_term(year: BudgetYear, params: AgreementParams) -> str:
    """The part of the term inside the budget year: "7 Juli 2025 s.d. 31 Desember 2025"."""
    first = max(params.period_start, date(year.year, 1, 1))
    last = min(params.period_end, date(year.year, 12, 31))
    return f"{long_date(first)} s.d. {long_date(last)}"
