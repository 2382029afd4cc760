"""Official documents: seconds to a finished PDF, beside a bare ReportLab Platypus build.

1. A registration letter (surat pengantar) whose attachment lists the workers to
   register (about ``--letter-rows``: covered today, no KPJ, paid by the district):
   ``issue_letter`` end to end (read the register, render, number and record the PDF
   in one transaction) and ``preview_letter`` (the same without recording), against a
   bare Platypus build of the same content: the same paragraphs and the same × 8 table
   (same fonts, grid, repeated header) in a SimpleDocTemplate.
2. The cooperation agreement with its 24-kecamatan annex, on a register of
   ``--register`` workers with their coverage histories: ``issue_agreement`` end to
   end and ``preview_agreement``, against a bare build of the same articles and
   24-row table; and the annex's count (``counts_on``: covered on the day, by
   kecamatan and the day's funding, from the coverage history) beside the bare SQL of
   the same question (one join of worker and coverage_period, grouped).

Targets: each issued document under 2 s.

    python benchmarks/bench_documents.py [--letter-rows 1000] [--register 150000] [--repeat 3]
        [--pg]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date

from _common import empty_database, engine_kind, heading, line, python_version, ratio, secs, verdict
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle
from sqlalchemy import text, update

from models import CoveragePeriod, Worker
from models.enums import FundingSource
from services.core.context import ServiceContext
from services.core.unit_of_work import read_session
from services.documents import (
    AgreementRequest,
    LetterRequest,
    RegistrationLetter,
    SecondParty,
    SignatoryInput,
    add_signatory,
    compute_agreement,
    issue_agreement,
    issue_letter,
    preview_agreement,
    preview_letter,
)
from services.documents.agreement.service import template_values
from services.documents.agreement.template import SPEC
from services.documents.register_reads import counts_on, to_register
from services.documents.styles import styles
from services.documents.templates import blocks, split_sections
from services.settings.store import SettingsService
from services.text.formatting import short_date
from services.text.pdf_fonts import load_fonts
from services.workers.demo_data import generate_demo_workers
from services.workers.regions import RegionDirectory

TARGET_S = 2.0
FIRST_START = date(2024, 1, 1)  # before any demo coverage begins
BRANCH_HEAD = SecondParty(
    "Kepala Cabang", "Kepala Kantor Cabang Atambua", "E1", "SK Direksi", "Atambua"
)
# Every particular an agreement needs before it is numbered.
PARTICULARS = {
    "second_party": BRANCH_HEAD,
    "second_party_number": "PKS/1/2026",
    "budget_code": "5.1.02.01.01.0025",
    "bpjs_account": "Bank NTT 001",
    "apbd_regulation": "Nomor 1 Tahun 2025",
}
# The same question in plain SQL, periods first (SQLite keeps a CROSS JOIN's order; the
# planner alone probes the periods once per worker, three times slower).
BARE_COUNT = (
    "SELECT w.kecamatan_code, p.funding, count(*) FROM coverage_period p "
    "{join} worker w ON w.id = p.worker_id WHERE p.start_date <= :day "
    "AND coalesce(p.end_date, :latest) >= :day GROUP BY w.kecamatan_code, p.funding"
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letter-rows", type=int, default=1000, help="rows in the attachment")
    parser.add_argument("--register", type=int, default=150_000, help="workers for the PKS counts")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (after one warm-up)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--pg", action="store_true", help="run on a temporary PostgreSQL database")
    return parser.parse_args()


def timed(work: Callable[[], object], repeat: int) -> float:
    """Median seconds of ``repeat`` runs after one warm-up run."""
    work()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def bare_build(story: list[object]) -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def bare_table(rows: list[list[str]], widths: list[float]) -> Table:
    fonts = load_fonts()
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.condensed, 8.5, 10.5),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
            ]
        )
    )
    return table


def letter_figures(ctx: ServiceContext, signatory: int, repeat: int) -> tuple[float, bool]:
    today = date.today()
    request = LetterRequest(RegistrationLetter(FIRST_START, today), signatory, today)
    issued = issue_letter(ctx, request, placeholder_confirmed=True)
    service = timed(lambda: issue_letter(ctx, request, placeholder_confirmed=True), repeat)
    preview = timed(lambda: preview_letter(ctx, request), repeat)
    regions = RegionDirectory(ctx)
    paid = [FundingSource.APBD_KABUPATEN]
    with read_session(ctx) as session:
        people = to_register(session, None, FIRST_START, today, today, paid)
    rows = [["No.", "Nama", "NIK", "Tgl Lahir", "Desa", "Kecamatan", "Pekerjaan", "Mulai"]]
    rows += [
        [
            str(i),
            p.full_name,
            p.nik,
            short_date(p.birth_date),
            regions.name(p.village_code),
            regions.name(p.kecamatan_code),
            p.occupation,
            short_date(p.coverage_start),
        ]
        for i, p in enumerate(people, start=1)
    ]
    body = styles().body
    words = "Dalam rangka pelindungan jaminan sosial ketenagakerjaan bagi pekerja rentan. " * 5

    def bare() -> bytes:
        story: list[object] = [Paragraph(words, body) for _ in range(4)]
        story += [PageBreak(), bare_table(rows, [24, 100, 80, 45, 65, 60, 55, 45])]
        return bare_build(story)

    bare_s = timed(bare, repeat)
    heading(f"Letter with a {len(people):,}-row attachment ({issued.entry.page_count} pages)")
    line("issue_letter (read, render, record)", secs(service), ratio(service, bare_s))
    line("preview_letter (read, render)", secs(preview), ratio(preview, bare_s))
    line("bare Platypus: same paragraphs and table", secs(bare_s))
    ok = service < TARGET_S
    line(f"target: issued letter < {TARGET_S:.0f} s", secs(service), verdict(ok))
    return service, ok


def agreement_figures(ctx: ServiceContext, signatory: int, repeat: int) -> tuple[float, bool]:
    today = date.today()
    request = AgreementRequest(signatory, today, **PARTICULARS)  # type: ignore[arg-type]
    issued = issue_agreement(ctx, request, placeholder_confirmed=True)
    service = timed(lambda: issue_agreement(ctx, request, placeholder_confirmed=True), repeat)
    preview = timed(lambda: preview_agreement(ctx, request), repeat)
    params = compute_agreement(ctx, request)
    values = template_values(params, SettingsService(ctx).get_all())
    sections = split_sections(SPEC.default)
    texts = [
        b.text
        for name in ("pertimbangan", "dasar_hukum", "pasal")
        for b in blocks(sections[name], values)
    ]
    rows = [["No.", "Kecamatan", "Peserta", "Iuran per Bulan", "Iuran"]]
    rows += [
        [
            str(i),
            k.name,
            str(k.workers),
            str(k.workers * params.premium_per_worker),
            str(k.workers * params.premium_per_worker * params.months),
        ]
        for i, k in enumerate(params.by_kecamatan, start=1)
    ]
    body = styles().body

    def bare() -> bytes:
        story: list[object] = [Paragraph(t, body) for t in texts]
        story += [PageBreak(), bare_table(rows, [30, 150, 70, 100, 110])]
        return bare_build(story)

    bare_s = timed(bare, repeat)

    def count() -> object:
        with read_session(ctx) as session:
            return counts_on(session, None, today)

    join = "CROSS JOIN" if ctx.engine.dialect.name == "sqlite" else "JOIN"
    bare_sql = text(BARE_COUNT.format(join=join))

    def bare_count() -> object:
        with ctx.engine.connect() as conn:
            return conn.execute(bare_sql, {"day": today, "latest": date(9999, 12, 31)}).all()

    counted, bare_counted = count(), bare_count()
    assert sum(counted.values()) == sum(n for _, _, n in bare_counted)  # type: ignore[attr-defined]
    count_s = timed(count, repeat)
    bare_count_s = timed(bare_count, repeat)
    heading(
        f"Agreement, {params.workers:,} workers counted, 24-kecamatan annex "
        f"({issued.entry.page_count} pages)"
    )
    line("issue_agreement (count, render, record)", secs(service), ratio(service, bare_s))
    line("preview_agreement (count, render)", secs(preview), ratio(preview, bare_s))
    line("bare Platypus: same articles and table", secs(bare_s))
    line(
        "annex count (periods covering the day)",
        secs(count_s),
        ratio(count_s, bare_count_s),
    )
    line("bare SQL: periods JOIN worker, grouped", secs(bare_count_s))
    ok = service < TARGET_S
    line(f"target: issued agreement < {TARGET_S:.0f} s", secs(service), verdict(ok))
    return service, ok


def main() -> int:
    args = parse_args()
    kind = engine_kind(args)
    print(f"bench_documents on {kind}, Python {python_version()}, repeat {args.repeat}")
    with empty_database(kind, "documents") as db:
        ctx = db.ctx
        generate_demo_workers(ctx, args.letter_rows, seed=args.seed)
        with ctx.session_factory.begin() as session:
            # None registered by BPJS yet, so most of them are to be listed.
            session.execute(update(Worker).values(kpj=None))
            session.execute(update(CoveragePeriod).values(kpj=None))
        kadis = add_signatory(
            ctx,
            SignatoryInput(
                "Simon Soge",
                "Kepala Dinas Tenaga Kerja dan Transmigrasi",
                "Pembina Utama Muda (IV/c)",
                "196801011990031005",
            ),
        )
        bupati = add_signatory(
            ctx,
            SignatoryInput(
                "Yosep Kebo",
                "Bupati Timor Tengah Utara",
                regional_head=True,
                authority="Keputusan Menteri Dalam Negeri Nomor 1 Tahun 2025",
            ),
        )
        _, letter_ok = letter_figures(ctx, kadis.id, args.repeat)
        more = args.register - args.letter_rows
        if more > 0:
            generate_demo_workers(ctx, more, seed=args.seed + 1)
        _, agreement_ok = agreement_figures(ctx, bupati.id, args.repeat)
    return 0 if letter_ok and agreement_ok else 1


if __name__ == "__main__":
    sys.exit(main())
