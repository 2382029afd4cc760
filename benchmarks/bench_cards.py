"""Participant cards: render_cards against a bare ReportLab loop drawing the same cards.

Figures, each measured in a fresh child process so its peak memory is its own:

1. bare: a plain ReportLab canvas drawing, card by card, the very text and
   frames of the card (band, logo, headings, labels, values, rules) with
   drawString, no QR code, no form XObjects; with --backs-too also each back;
2. render_cards with QR codes on A4, backs off and on;
3. the same with page compression off (bare too), to choose the setting;
4. print_cards on a SQLite register, and the print-cards command in a new process
   (imports, sign-in, query, render and the print log: the clerk's whole wait).

All of them get the same 14,880 synthetic cards (names up to 90 characters,
apostrophes, workers without KPJ) and write a PDF with the same stream settings.
Targets: 14,880 cards with QR in under 20 s, within 2x the bare loop measured
in the same run, file under 25 MB, peak memory under 400 MB.

Another measure is one more entry in MEASURES: a function that prepares its
work (untimed) and returns the callable to time, which writes the PDF to the
path it is given.

    python benchmarks/bench_cards.py [--cards 14880] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path

from _common import (
    ROOT,
    WORK_DIR,
    BenchDatabase,
    demo_database,
    heading,
    line,
    python_version,
    ratio,
    secs,
    verdict,
)
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import text as sql

from models.enums import Role
from services.accounts.service import NewUser, create_user
from services.cards import PrintRequest, print_cards
from services.cards.render import (
    DEFAULT_ACCIDENT_STEPS,
    DEFAULT_DEATH_STEPS,
    CardData,
    CardDesign,
    SheetOptions,
    output,
    render_cards,
)
from services.cards.render import back as back_layout
from services.cards.render import front as layout
from services.cards.render.geometry import CARD_H, CARD_W, MM, SLOTS, slot_origin
from services.cards.render.style import NAVY, card_date
from services.text.pdf_fonts import FontSet, load_fonts
from ui.cli.signin import ENV_PASSWORD, ENV_USER

CARDS = 14_880
SEED = 2025
TARGET_S = 20.0
TARGET_RATIO = 2.0
TARGET_MB = 25.0
TARGET_MEMORY_MB = 400.0

DESIGN = CardDesign(
    district_name="Kabupaten Timor Tengah Utara",
    government_line="PEMERINTAH KABUPATEN TIMOR TENGAH UTARA",
    office_name="Dinas Tenaga Kerja dan Transmigrasi",
    programme_title="Jaminan Sosial Ketenagakerjaan — Pekerja Rentan",
    logo=None,
    office_address="Jl. Basuki Rahmat No. 5, Kefamenanu, Timor Tengah Utara, NTT 85613",
    office_phone="(0388) 31234",
    branch_name="BPJS Ketenagakerjaan KC Atambua",
    branch_phone="(0389) 21555",
    accident_steps=DEFAULT_ACCIDENT_STEPS,
    death_steps=DEFAULT_DEATH_STEPS,
    signer_position="Kepala Dinas Tenaga Kerja dan Transmigrasi",
    signer_name="SIMON SOGE",
    disclaimer="Kartu informasi Pemda; bukan kartu resmi BPJS Ketenagakerjaan",
)

_GIVEN = [
    "YOHANES", "MARIA", "FRANSISKUS", "AGUSTINUS", "YOSEFINA", "KORNELIS", "PETRUS",
    "MARTHA", "ALOYSIUS", "THERESIA", "NGÜRAH", "SKOLASTIKA", "BERNADETH", "FILOMENA",
]  # fmt: skip
_FAMILY = [
    "TAEK", "NAHAK", "KEFI", "SANAM", "BANA", "LAKE", "ATOK", "MANEK", "NAISOKO", "KOLO",
    "OEMATAN", "USBOKO", "TA'EK", "MA'RUF", "DA SILVA GUTERRES", "NAI' LAKAAN",
]  # fmt: skip
_VILLAGES = ["Naiola", "Oe'olo", "Maubesi", "Sallu", "Noepesu", "Bijaepunu", "Oelneke"]
_KECAMATAN = ["Bikomi Selatan", "Miomaffo Barat", "Insana Utara", "Noemuti", "Biboki Anleu"]


def synthetic_cards(count: int, seed: int = SEED) -> list[CardData]:
    """Cards shaped like the TTU register: long names now and then, some without KPJ."""
    rng = random.Random(seed)
    cards = []
    for number in range(1, count + 1):
        words = [rng.choice(_GIVEN) for _ in range(rng.choice((1, 1, 2, 3)))]
        words += [rng.choice(_FAMILY) for _ in range(rng.choice((1, 1, 2, 4)))]
        if number % 97 == 0:  # the occasional 60-90 character name
            words += ["BERNARDINUS ALOYSIUS DE ROSARIO DA COSTA PEREIRA BAUMATA"]
        village = rng.choice(_VILLAGES)
        kpj = None if number % 10 == 0 else f"{25_070_000_000 + number:011d}"
        identity = f"K{kpj}" if kpj else f"N5303{number:012d}"
        cards.append(
            CardData(
                worker_id=number,
                full_name=" ".join(words),
                nik=f"5303{number:012d}",
                kpj=kpj,
                birth_date=date(1960, 1, 1) + timedelta(days=rng.randrange(16_000)),
                village_name=village,
                kecamatan_name=rng.choice(_KECAMATAN),
                funding_label=(
                    f"Dana Desa {village}"
                    if number % 25 == 0
                    else "APBD Kabupaten Timor Tengah Utara"
                ),
                programmes="JKK, JKM",
                valid_from=date(2025, 7, 7),
                valid_until=None,
                qr_payload=f"SIRENTAN1|{identity}|{rng.getrandbits(50):010X}",
            )
        )
    return cards


# -- the bare loop ------------------------------------------------------------------


def _bare_front(canvas: Canvas, card: CardData, fonts: FontSet) -> None:
    """The card's text and frames drawn directly, at the positions render_cards uses
    (no logo: an image is not text or frame work)."""
    band_w = CARD_W - 2 * layout.BAND_X
    canvas.setFillColor(NAVY)
    canvas.roundRect(layout.BAND_X, layout.BAND_Y, band_w, layout.BAND_H, 1.6 * MM, 0, 1)
    canvas.rect(layout.BAND_X, layout.BAND_Y - 0.7 * MM, band_w, 0.45 * MM, 0, 1)
    canvas.setFillGray(1)
    canvas.setFont(fonts.bold, 6.8)
    canvas.drawString(layout.BAND_TEXT_X, layout.BAND_Y + 6 * MM, DESIGN.government_line)
    canvas.setFont(fonts.regular, 6.2)
    canvas.drawString(layout.BAND_TEXT_X, layout.BAND_Y + 2.6 * MM, DESIGN.office_name)
    canvas.setFillGray(0)
    canvas.setFont(fonts.bold, 8.4)
    canvas.drawString(layout.LEFT, layout.TITLE_Y, "KARTU PESERTA")
    canvas.setFont(fonts.bold, 6)
    canvas.drawString(layout.LEFT, layout.PROGRAMME_Y, DESIGN.programme_title)
    canvas.setFont(fonts.regular, 5.2)
    canvas.drawString(layout.LEFT, layout.FUNDING_Y, layout.FUNDING_PREFIX)
    canvas.setFont(fonts.bold, 5.2)
    canvas.drawString(layout.LEFT + 50, layout.FUNDING_Y, card.funding_label)
    canvas.setFont(fonts.bold, 8)
    canvas.drawString(layout.LEFT, layout.NAME_BOTTOM + 2 * MM, card.full_name)
    canvas.line(layout.LEFT, layout.RULE_Y, layout.RIGHT, layout.RULE_Y)
    values = (
        card.nik,
        card.kpj or layout.NO_KPJ,
        card_date(card.birth_date),
        f"{card.village_name} / {card.kecamatan_name}",
        card.programmes,
        f"mulai {card_date(card.valid_from)}, {layout.UNTIL_REGISTERED}",
    )
    for index, (label, value) in enumerate(zip(layout.FIELD_LABELS, values, strict=True)):
        y = layout.FIELD_TOP - index * layout.FIELD_STEP
        canvas.setFont(fonts.regular, layout.LABEL_SIZE)
        canvas.drawString(layout.LEFT, y, label)
        canvas.drawString(layout.VALUE_X - 1.6 * MM, y, ":")
        canvas.setFont(fonts.regular, 6.2)
        canvas.drawString(layout.VALUE_X, y, value)
    canvas.setFont(fonts.regular, 4)
    canvas.drawString(layout.QR_X, layout.FOOT_Y, "Pindai untuk verifikasi")
    canvas.setFont(fonts.italic, 4.6)
    canvas.drawString(layout.LEFT, layout.FOOT_Y, DESIGN.disclaimer)


def _back_lines(fonts: FontSet) -> list[tuple[str, float, str]]:
    """The back's lines (font, size, text), wrapped once as render_cards does."""
    lines = [(fonts.bold, 6.0, back_layout.HEADING)]
    for title, steps in (
        (back_layout.ACCIDENT_HEADING, DESIGN.accident_steps),
        (back_layout.DEATH_HEADING, DESIGN.death_steps),
    ):
        lines.append((fonts.bold, 5.4, title))
        for step in steps:
            lines += [(fonts.regular, 5.4, t) for t in simpleSplit(step, fonts.regular, 5.4, 210)]
    for text in (DESIGN.office_name, DESIGN.office_address, DESIGN.branch_name):
        lines += [(fonts.regular, 5.0, t) for t in simpleSplit(text, fonts.regular, 5.0, 140)]
    lines += [(fonts.regular, 4.6, DESIGN.signer_position), (fonts.bold, 5.0, DESIGN.signer_name)]
    return lines


def _bare_back(canvas: Canvas, lines: list[tuple[str, float, str]]) -> None:
    canvas.setFillColor(NAVY)
    canvas.roundRect(2 * MM, back_layout.STRIP_Y, CARD_W - 4 * MM, back_layout.STRIP_H, 4, 0, 1)
    canvas.setFillGray(0)
    y = CARD_H - 3 * MM
    for font, size, text in lines:
        canvas.setFont(font, size)
        canvas.drawString(layout.LEFT, y, text)
        y -= size * 1.18
    canvas.line(layout.LEFT, back_layout.RULE_Y, layout.RIGHT, back_layout.RULE_Y)
    canvas.line(back_layout.SIGN_LEFT, 5.6 * MM, layout.RIGHT, 5.6 * MM)


def bare_loop(cards: list[CardData], out: Path, backs: bool) -> None:
    fonts = load_fonts()
    canvas = Canvas(str(out), pageCompression=int(output.PAGE_COMPRESSION))
    back_lines = _back_lines(fonts)
    for start in range(0, len(cards), SLOTS):
        sheet = cards[start : start + SLOTS]
        for slot, card in enumerate(sheet, start=1):
            canvas.saveState()
            canvas.translate(*slot_origin(slot))
            _bare_front(canvas, card, fonts)
            canvas.restoreState()
        canvas.showPage()
        if backs:
            for slot in range(1, len(sheet) + 1):
                canvas.saveState()
                canvas.translate(*slot_origin(slot, mirrored=True))
                _bare_back(canvas, back_lines)
                canvas.restoreState()
            canvas.showPage()
    output.save(canvas)  # the same stream settings as render_cards


# -- measures -----------------------------------------------------------------------

# Keeps a measure's database open until its child process ends.
_KEEP = ExitStack()

Timed = Callable[[], object]


def _bare(backs: bool) -> Callable[[argparse.Namespace, Path], Timed]:
    def prepare(args: argparse.Namespace, out: Path) -> Timed:
        cards = synthetic_cards(args.cards)
        return lambda: bare_loop(cards, out, backs)

    return prepare


def _render(backs: bool) -> Callable[[argparse.Namespace, Path], Timed]:
    def prepare(args: argparse.Namespace, out: Path) -> Timed:
        cards = synthetic_cards(args.cards)
        load_fonts()

        def run() -> None:
            render_cards(cards, DESIGN, SheetOptions(backs=backs), out, total=len(cards))

        return run

    return prepare


def _printable_register(args: argparse.Namespace) -> BenchDatabase:
    """A SQLite register of args.cards workers, every one covered today with a KPJ."""
    db = _KEEP.enter_context(demo_database("sqlite", "cards", args.cards, SEED))
    with db.ctx.engine.begin() as conn:
        # Demo data ends coverages, deactivates workers and leaves some without a KPJ;
        # here all are printed, so the run is as long as the bare loop it is compared with.
        conn.execute(
            sql("UPDATE worker SET status = 'aktif', coverage_end = NULL, status_date = NULL")
        )
        conn.execute(
            sql("UPDATE worker SET kpj = printf('%011d', 90000000000 + id) WHERE kpj IS NULL")
        )
        conn.execute(
            sql(
                "UPDATE coverage_period SET end_date = NULL, kpj = coalesce(kpj, "
                "(SELECT kpj FROM worker WHERE worker.id = worker_id)) WHERE id IN "
                "(SELECT max(id) FROM coverage_period GROUP BY worker_id)"
            )
        )
    return db


def _from_database(args: argparse.Namespace, out: Path) -> Timed:
    """print_cards on a SQLite register of args.cards covered workers: query, QR check
    values, render and the print log, as the clerk's "not yet printed" run does it."""
    db = _printable_register(args)
    load_fonts()
    return lambda: print_cards(db.ctx, PrintRequest(not_printed=True), out)


CLI_USER, CLI_PASSWORD = "bench_cli", "bench-cli-password-1"


def _from_command_line(args: argparse.Namespace, out: Path) -> Timed:
    """The same run as `python main.py print-cards --not-printed` in a new process: the
    clerk's whole wait, imports, sign-in and process start included."""
    db = _printable_register(args)
    create_user(
        db.ctx,
        NewUser(CLI_USER, "Benchmark CLI", Role.ADMIN, CLI_PASSWORD, must_change_password=False),
    )
    command = [sys.executable, str(ROOT / "main.py"), "--database", db.url]
    command += ["print-cards", "--not-printed", "-o", str(out)]
    env = {**os.environ, ENV_USER: CLI_USER, ENV_PASSWORD: CLI_PASSWORD}
    return lambda: subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)


# name -> (label, bare measure it is compared with or None, page compression, prepare)
MEASURES: dict[str, tuple[str, str | None, bool, Callable[[argparse.Namespace, Path], Timed]]] = {
    "bare": ("bare ReportLab loop, fronts, no QR", None, True, _bare(False)),
    "bare_backs": ("bare ReportLab loop, fronts + backs", None, True, _bare(True)),
    "render": ("render_cards A4 with QR", "bare", True, _render(False)),
    "render_backs": ("render_cards A4 with QR, backs", "bare_backs", True, _render(True)),
    "database": ("print_cards from the database, A4 with QR", "bare", True, _from_database),
    "cli": ("print-cards command, new process, A4 with QR", "bare", True, _from_command_line),
    "bare_plain": ("bare loop, fronts, uncompressed", None, False, _bare(False)),
    "render_plain": ("render_cards A4 with QR, uncompressed", "bare_plain", False, _render(False)),
}


def _peak_mb() -> float:
    """This process's own peak (VmHWM starts again at exec; ru_maxrss keeps the parent's)."""
    try:
        for text in Path("/proc/self/status").read_text().splitlines():
            if text.startswith("VmHWM:"):
                return int(text.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(name: str, args: argparse.Namespace) -> None:
    _, _, compression, prepare = MEASURES[name]
    output.PAGE_COMPRESSION = compression
    out = WORK_DIR / f"cards_{name}.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    run = prepare(args, out)
    start, cpu = time.perf_counter(), time.process_time() + _children_cpu()
    run()
    seconds = time.perf_counter() - start
    cpu = time.process_time() + _children_cpu() - cpu  # a command's own process counts too
    size = out.stat().st_size
    out.unlink()
    peak = max(_peak_mb(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    print(json.dumps({"seconds": seconds, "cpu": cpu, "bytes": size, "peak_mb": peak}))


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def measure(name: str, args: argparse.Namespace) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", name, "--cards", str(args.cards)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        raise SystemExit(2)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=CARDS)
    parser.add_argument("--only", nargs="*", choices=sorted(MEASURES), help="measure only these")
    parser.add_argument("--child", choices=sorted(MEASURES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args)
        return 0
    heading(f"Cards: {args.cards:,} synthetic cards, Python {python_version()}")
    results: dict[str, dict[str, float]] = {}
    ok = True
    for name in args.only or MEASURES:
        label, bare, _, _ = MEASURES[name]
        figures = results[name] = measure(name, args)
        seconds, megabytes = figures["seconds"], figures["bytes"] / 1e6
        # CPU time beside the clock: other processes on a shared machine inflate the clock.
        rate = f"{args.cards / seconds:,.0f} cards/s, CPU {secs(figures['cpu'])}"
        line(label, secs(seconds), rate)
        line("  file", f"{megabytes:.1f} MB")
        line("  peak memory", f"{figures['peak_mb']:.0f} MB")
        if bare is None:
            continue
        if bare not in results:
            results[bare] = measure(bare, args)
        factor = seconds / results[bare]["seconds"]
        line(f"  ratio to {bare}", ratio(seconds, results[bare]["seconds"]))
        if not MEASURES[name][2]:
            continue  # uncompressed: only to choose the setting
        checks = (
            (f"under {TARGET_S:g} s", seconds < TARGET_S),
            (f"within {TARGET_RATIO:g}x the bare loop", factor < TARGET_RATIO),
            (f"file under {TARGET_MB:g} MB", megabytes < TARGET_MB),
            (f"memory under {TARGET_MEMORY_MB:g} MB", figures["peak_mb"] < TARGET_MEMORY_MB),
        )
        for text, passed in checks:
            line(f"  {text}", verdict(passed))
            ok = ok and passed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
