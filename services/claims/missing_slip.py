"""The "what is still missing" slip the family takes home: one A4 page in plain Indonesian.

Not an official letter (no number, no signature): a checklist with the office's name
and phone, the documents still to bring with a short explanation of each, and the
dates that matter. It names the worker and the KPJ number, never a NIK.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    HRFlowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from models.enums import ClaimType, Gender
from services.audit.trail import Action, record_event
from services.claims.detail import read_detail
from services.claims.labels import CLAIM_TYPE
from services.claims.rules import read_rules, settings_values
from services.claims.types import ClaimDetail, DeadlineState
from services.core.context import ServiceContext
from services.core.file_output import write_bytes_atomically
from services.core.office_time import as_utc, on_office_clock
from services.core.permissions import Permission
from services.core.unit_of_work import unit_of_work
from services.text.formatting import long_date
from services.text.pdf_fonts import load_fonts

MARGIN = 18 * mm
# Type sizes tried in turn until the slip fits one page (the seeded lists need the first).
TYPE_SCALES = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
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
        write_bytes_atomically(path, data)
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
    """One page: a checklist too long for the normal type is set smaller until it fits."""
    data = b""
    for scale in TYPE_SCALES:
        data, pages = _render(detail, office, clerk, now, _look(scale))
        if pages == 1:
            break
    return data


def _render(
    detail: ClaimDetail,
    office: dict[str, str],
    clerk: str,
    now: datetime,
    look: Look,
) -> tuple[bytes, int]:
    story = [
        *_header(office, look),
        Paragraph("DAFTAR BERKAS YANG MASIH KURANG", look["title"]),
        Paragraph(f"Klaim {CLAIM_TYPE[detail.claim_type]} nomor {detail.id}", look["subtitle"]),
        look.space(4),
        _facts_table(detail, now, look),
        look.space(5),
        *_ineligible(detail, look),
        *_missing(detail, office, look),
        *_dates(detail, look),
        look.space(6),
        HRFlowable(width="100%", thickness=0.5, color=GREY),
        look.space(2),
        Paragraph(_footer(office, clerk, bool(detail.missing_documents)), look["small"]),
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
    document.build(story)
    return buffer.getvalue(), document.page


@dataclass(frozen=True, slots=True)
class Look:
    """Type sizes and spacing at one scale."""

    scale: float
    styles: dict[str, ParagraphStyle]

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.styles[name]

    def mm(self, millimetres: float) -> float:
        return millimetres * mm * self.scale

    def space(self, millimetres: float) -> Spacer:
        return Spacer(1, self.mm(millimetres))


def _look(scale: float) -> Look:
    fonts = load_fonts()

    def style(name: str, size: float, *, bold: bool = False, **extra: object) -> ParagraphStyle:
        font = fonts.bold if bold else fonts.regular
        size *= scale
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.35, **extra)

    return Look(
        scale,
        {
            "kop": style("kop", 9, textColor=GREY, alignment=1),
            "office": style("office", 12, bold=True, alignment=1),
            "title": style("title", 15, bold=True, alignment=1, spaceBefore=4 * mm * scale),
            "subtitle": style("subtitle", 11, alignment=1),
            "body": style("body", 11),
            "item": style("item", 11.5, bold=True),
            "hint": style("hint", 10, textColor=GREY),
            "small": style("small", 9, textColor=GREY),
            "cell": style("cell", 10.5),
            "cell_bold": style("cell_bold", 10.5, bold=True),
            "box": style("box", 16, alignment=1),
        },
    )


def _header(office: dict[str, str], look: Look) -> list[object]:
    government = f"PEMERINTAH {office.get('district.kabupaten_name', '').upper()}"
    contact = office.get("office.address", "")
    if office.get("office.phone"):
        contact += f" · Telp. {office['office.phone']}"
    return [
        Paragraph(escape(government), look["kop"]),
        Paragraph(escape(office.get("office.name", "").upper()), look["office"]),
        Paragraph(escape(contact), look["kop"]),
        look.space(2),
        HRFlowable(width="100%", thickness=1.2, color=HexColor("#000000")),
    ]


def _facts_table(detail: ClaimDetail, now: datetime, look: Look) -> Table:
    worker = detail.worker
    event = "Tanggal meninggal" if detail.claim_type is ClaimType.JKM else "Tanggal kecelakaan"
    entitled = [h.full_name for h in detail.heirs if h.entitled]
    rows = [
        ("Nama peserta", worker.full_name),
        ("No. KPJ", worker.kpj or "-"),
        (event, long_date(detail.event.event_date)),
        ("Ahli waris", ", ".join(entitled) if entitled else "-"),
        ("Dicetak", long_date(now.astimezone(detail.zone).date())),
    ]
    if detail.claim_type is ClaimType.JKK and not detail.heirs:
        rows.pop(3)
    table = Table(
        [
            [Paragraph(escape(k), look["cell"]), Paragraph(escape(v), look["cell_bold"])]
            for k, v in rows
        ],
        colWidths=[look.mm(45), None],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * look.scale),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5 * look.scale),
            ]
        )
    )
    return table


def _ineligible(detail: ClaimDetail, look: Look) -> list[object]:
    # The family should know before they gather more papers; BPJS still decides.
    reasons = detail.eligibility.reasons
    if not reasons:
        return []
    text = " ".join(escape(r) for r in reasons)
    return [
        Paragraph(
            f"<b>Perhatian:</b> {text} Keputusan akhir ada pada BPJS Ketenagakerjaan.",
            look["body"],
        ),
        look.space(4),
    ]


def _missing(detail: ClaimDetail, office: dict[str, str], look: Look) -> list[object]:
    missing = detail.missing_documents
    if not missing:
        return [
            Paragraph(
                "Semua dokumen yang diperlukan sudah kami terima. Terima kasih. Berkas akan "
                "segera kami ajukan ke BPJS Ketenagakerjaan.",
                look["body"],
            )
        ]
    where = escape(office.get("office.name", "kantor dinas"))
    intro = Paragraph(
        f"Berkas klaim ini belum lengkap. Mohon bawa dokumen berikut ke kantor {where} "
        "(asli dan fotokopi). Centang kotaknya bila sudah disiapkan.",
        look["body"],
    )
    gender = detail.worker.gender
    rows = [
        [
            Paragraph("☐", look["box"]),
            Paragraph(f"{number}.", look["item"]),
            [
                Paragraph(escape(_deceased(item.label, gender)), look["item"]),
                *(
                    [Paragraph(escape(_deceased(item.hint, gender)), look["hint"])]
                    if item.hint
                    else []
                ),
            ],
        ]
        for number, item in enumerate(missing, start=1)
    ]
    table = Table(rows, colWidths=[look.mm(9), look.mm(12), None])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3 * look.scale),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * look.scale),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4 * look.scale),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * look.scale),
                ("LINEBELOW", (0, 0), (-1, -2), 0.25, HexColor("#BBBBBB")),
            ]
        )
    )
    received = [d.label for d in detail.documents if d.received]
    done = []
    if received:
        done = [
            look.space(3),
            Paragraph(
                "<b>Sudah kami terima:</b> " + escape("; ".join(received)) + ".", look["hint"]
            ),
        ]
    return [intro, look.space(3), table, *done]


def _deceased(text: str, gender: Gender) -> str:
    """The checklist's "almarhum/almarhumah" (one text for every claim) as this worker's
    word, as the letters write it: the family reads "KTP elektronik almarhumah"."""
    word = "almarhumah" if gender is Gender.FEMALE else "almarhum"
    return text.replace("almarhum/almarhumah", word).replace(
        "Almarhum/Almarhumah", word.capitalize()
    )


def _dates(detail: ClaimDetail, look: Look) -> list[object]:
    eligibility = detail.eligibility
    lines = []
    if (
        eligibility.deadline_state is DeadlineState.RUNNING
        and eligibility.report_deadline is not None
    ):
        deadline = on_office_clock(eligibility.report_deadline, detail.zone)
        lines.append(
            "Kecelakaan kerja harus dilaporkan ke BPJS Ketenagakerjaan paling lambat "
            f"<b>{long_date(deadline.date())} pukul {deadline:%H.%M} {deadline.tzname()}</b>."
        )
    if eligibility.lapse_date is not None and detail.submitted_on is None:
        lines.append(
            "Supaya hak tidak hangus, berkas lengkap harus diajukan paling lambat "
            f"<b>{long_date(eligibility.lapse_date)}</b>."
        )
    return [x for line in lines for x in (look.space(4), Paragraph(line, look["body"]))]


def _footer(office: dict[str, str], clerk: str, missing: bool) -> str:
    phone = office.get("office.phone")
    ask = f" atau telepon {escape(phone)}" if phone else ""
    served = f"Petugas: {escape(clerk)}. " if clerk else ""
    bring = " Simpan kertas ini dan bawa kembali bersama dokumen di atas." if missing else ""
    return (
        f"{served}Bila ada pertanyaan, datang ke kantor{ask}.{bring} Jumlah manfaat "
        "ditetapkan oleh BPJS Ketenagakerjaan."
    )
