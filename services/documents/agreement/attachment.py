"""The agreement's attachment (lampiran): workers and premiums per kecamatan, every
kecamatan of the kabupaten listed, with notes on where the counts come from."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from services.documents.agreement.params import AgreementParams
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
    months = params.months
    rows = [
        [
            number(i),
            k.name,
            number(k.workers),
            rupiah_plain(k.workers * params.premium_per_worker),
            rupiah_plain(k.workers * params.premium_per_worker * months),
        ]
        for i, k in enumerate(params.by_kecamatan, start=1)
    ]
    counted = params.register_workers
    total = [
        "",
        "JUMLAH",
        number(counted),
        rupiah_plain(counted * params.premium_per_worker),
        rupiah_plain(counted * params.premium_per_worker * months),
    ]
    table = DataTable(
        headers=[
            "No.",
            "Kecamatan",
            "Jumlah Peserta (orang)",
            "Iuran per Bulan (Rp)",
            f"Iuran {number(months)} Bulan (Rp)",
        ],
        rows=rows,
        widths=[0.07, 0.33, 0.16, 0.2, 0.24],
        align=["RIGHT", "LEFT", "RIGHT", "RIGHT", "RIGHT"],
        wrap=[False, False, False, False, False],
        total_row=total,
    )
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
    story += [Paragraph(note, s.small) for note in notes]
    dated = esc(place_and_date(params.place, params.agreement_date))
    story.append(KeepTogether(signatures(params, width, dated, stamps=False)))
    return story
