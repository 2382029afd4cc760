"""The "what is still missing" slip the family takes home: one A4 page in plain Indonesian.

Not an official letter (no number, no signature): a checklist with the office's name
and phone, the documents still to bring with a short explanation of each, and the
dates that matter. It names the worker and the KPJ number, never a NIK.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    HRFlowable,
    KeepInFrame,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from models.claim import ClaimType
from services.audit import Action, record_event
from services.claims.detail import read_detail
from services.claims.eligibility import as_utc
from services.claims.labels import CLAIM_TYPE
from services.claims.rules import WITA, read_rules, settings_values
from services.claims.types import ClaimDetail, DeadlineState
from services.context import ServiceContext
from services.formatting import long_date
from services.pdf_fonts import register_fonts
from services.permissions import Permission
from services.unit_of_work import unit_of_work

MARGIN = 18 * mm
GREY = HexColor("#555555")


def write_missing_slip(
    ctx: ServiceContext, claim_id: int, path: Path, now: datetime | None = None
) -> Path:
    """Write the slip as a PDF at ``path``; the print is recorded in the audit trail."""
    ctx.require(Permission.CLAIMS)
    now = as_utc(now or datetime.now(UTC))
    with unit_of_work(ctx) as session:
        office = settings_values(session)
        rules = read_rules(session)
        detail = read_detail(session, ctx, claim_id, rules, now)
        data = render_slip(detail, office, ctx.principal.full_name if ctx.principal else "", now)
        path.write_bytes(data)
        missing = len(detail.missing_documents)
        record_event(
            session,
            Action.PRINT,
            "claim",
            claim_id,
            f"Daftar kekurangan berkas dicetak ({missing} dokumen)",
        )
    return path


def render_slip(detail: ClaimDetail, office: dict[str, str], clerk: str, now: datetime) -> bytes:
    styles = _styles()
    story = [
        *_header(office, styles),
        Paragraph("DAFTAR BERKAS YANG MASIH KURANG", styles["title"]),
        Paragraph(f"Klaim {CLAIM_TYPE[detail.claim_type]} nomor {detail.id}", styles["subtitle"]),
        Spacer(1, 4 * mm),
        _facts_table(detail, now, styles),
        Spacer(1, 5 * mm),
        *_missing(detail, office, styles),
        *_dates(detail, styles),
        Spacer(1, 6 * mm),
        HRFlowable(width="100%", thickness=0.5, color=GREY),
        Spacer(1, 2 * mm),
        Paragraph(_footer(office, clerk, bool(detail.missing_documents)), styles["small"]),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Daftar kekurangan berkas klaim {detail.id}",
        author=office.get("office.name", ""),
    )
    # However long the list, the family gets one page: the content shrinks to fit.
    frame_height = A4[1] - 2 * MARGIN - 2 * mm
    document.build([KeepInFrame(A4[0] - 2 * MARGIN, frame_height, story, mode="shrink")])
    return buffer.getvalue()


def _styles() -> dict[str, ParagraphStyle]:
    fonts = register_fonts()

    def style(name: str, size: float, *, bold: bool = False, **extra: object) -> ParagraphStyle:
        font = fonts.bold if bold else fonts.regular
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.35, **extra)

    return {
        "kop": style("kop", 9, textColor=GREY, alignment=1),
        "office": style("office", 12, bold=True, alignment=1),
        "title": style("title", 15, bold=True, alignment=1, spaceBefore=4 * mm),
        "subtitle": style("subtitle", 11, alignment=1),
        "body": style("body", 11),
        "item": style("item", 11.5, bold=True),
        "hint": style("hint", 10, textColor=GREY),
        "small": style("small", 9, textColor=GREY),
        "cell": style("cell", 10.5),
        "cell_bold": style("cell_bold", 10.5, bold=True),
        "box": style("box", 16, alignment=1),
    }


def _header(office: dict[str, str], styles: dict[str, ParagraphStyle]) -> list[object]:
    government = f"PEMERINTAH {office.get('district.kabupaten_name', '').upper()}"
    contact = office.get("office.address", "")
    if office.get("office.phone"):
        contact += f" · Telp. {office['office.phone']}"
    return [
        Paragraph(escape(government), styles["kop"]),
        Paragraph(escape(office.get("office.name", "").upper()), styles["office"]),
        Paragraph(escape(contact), styles["kop"]),
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=1.2, color=HexColor("#000000")),
    ]


def _facts_table(detail: ClaimDetail, now: datetime, styles: dict[str, ParagraphStyle]) -> Table:
    worker = detail.worker
    event = "Tanggal meninggal" if detail.claim_type is ClaimType.JKM else "Tanggal kecelakaan"
    entitled = [h.full_name for h in detail.heirs if h.entitled]
    rows = [
        ("Nama peserta", worker.full_name),
        ("No. KPJ", worker.kpj or "-"),
        (event, long_date(detail.event.event_date)),
        ("Ahli waris", ", ".join(entitled) if entitled else "-"),
        ("Dicetak", long_date(now.astimezone(WITA).date())),
    ]
    if detail.claim_type is ClaimType.JKK and not detail.heirs:
        rows.pop(3)
    table = Table(
        [
            [Paragraph(escape(k), styles["cell"]), Paragraph(escape(v), styles["cell_bold"])]
            for k, v in rows
        ],
        colWidths=[45 * mm, None],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def _missing(
    detail: ClaimDetail, office: dict[str, str], styles: dict[str, ParagraphStyle]
) -> list[object]:
    missing = detail.missing_documents
    if not missing:
        return [
            Paragraph(
                "Semua dokumen yang diperlukan sudah kami terima. Terima kasih. Berkas akan "
                "segera kami ajukan ke BPJS Ketenagakerjaan.",
                styles["body"],
            )
        ]
    where = escape(office.get("office.name", "kantor dinas"))
    intro = Paragraph(
        f"Berkas klaim ini belum lengkap. Mohon bawa dokumen berikut ke kantor {where} "
        "(asli dan fotokopi). Centang kotaknya bila sudah disiapkan.",
        styles["body"],
    )
    rows = [
        [
            Paragraph("☐", styles["box"]),
            Paragraph(f"{number}.", styles["item"]),
            [
                Paragraph(escape(item.label), styles["item"]),
                *([Paragraph(escape(item.hint), styles["hint"])] if item.hint else []),
            ],
        ]
        for number, item in enumerate(missing, start=1)
    ]
    table = Table(rows, colWidths=[9 * mm, 10 * mm, None])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LINEBELOW", (0, 0), (-1, -2), 0.25, HexColor("#BBBBBB")),
            ]
        )
    )
    received = [d.label for d in detail.documents if d.received]
    done = []
    if received:
        done = [
            Spacer(1, 3 * mm),
            Paragraph(
                "<b>Sudah kami terima:</b> " + escape("; ".join(received)) + ".", styles["hint"]
            ),
        ]
    return [intro, Spacer(1, 3 * mm), table, *done]


def _dates(detail: ClaimDetail, styles: dict[str, ParagraphStyle]) -> list[object]:
    eligibility = detail.eligibility
    lines = []
    if (
        eligibility.deadline_state is DeadlineState.RUNNING
        and eligibility.report_deadline is not None
    ):
        deadline = eligibility.report_deadline.astimezone(WITA)
        lines.append(
            "Kecelakaan kerja harus dilaporkan ke BPJS Ketenagakerjaan paling lambat "
            f"<b>{long_date(deadline.date())} pukul {deadline:%H.%M} WITA</b>."
        )
    if eligibility.lapse_date is not None and detail.submitted_on is None:
        lines.append(
            "Supaya hak tidak hangus, berkas lengkap harus diajukan paling lambat "
            f"<b>{long_date(eligibility.lapse_date)}</b>."
        )
    return [x for line in lines for x in (Spacer(1, 4 * mm), Paragraph(line, styles["body"]))]


def _footer(office: dict[str, str], clerk: str, missing: bool) -> str:
    phone = office.get("office.phone")
    ask = f" atau telepon {escape(phone)}" if phone else ""
    served = f"Petugas: {escape(clerk)}. " if clerk else ""
    bring = " Simpan kertas ini dan bawa kembali bersama dokumen di atas." if missing else ""
    return (
        f"{served}Bila ada pertanyaan, datang ke kantor{ask}.{bring} Jumlah manfaat "
        "ditetapkan oleh BPJS Ketenagakerjaan."
    )
