"""Report 3: the month's premium per kecamatan and funding source, the rates, the year's
reconciliation (computed vs billed vs paid), the month's bills and payments, the
budget, and the workers behind each difference where BPJS's list was imported.

Bills and the budget are for the whole kabupaten: those sections follow only the
funding filter, never a kecamatan or village filter (the report says so).
"""

from __future__ import annotations

from models.enums import FundingSource
from services.core.permissions import Permission
from services.premiums import (
    DIFFERENCE_LABELS,
    Area,
    BudgetStatus,
    Drilldown,
    Month,
    MonthlyPremium,
    Reconciliation,
    budget_status,
    drilldown,
    list_bills,
    list_payments,
    monthly_premium,
    reconcile,
)
from services.premiums.types import BillRow, PaymentRow, PremiumLine
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
from services.text.labels import FUNDING
from services.text.money import rupiah

DETAIL_LIMIT_KEY = "report.detail_limit"


def _money(header: str, weight: float = 1.3) -> Column:
    return Column(f"{header} (Rp)", CellKind.MONEY, weight)


def _count(header: str, weight: float = 1.0) -> Column:
    return Column(header, CellKind.COUNT, weight)


def build_premium(inputs: ReportInputs) -> Report:
    month, first = _months(inputs)
    ctx, regions = inputs.ctx, inputs.regions
    premium = monthly_premium(ctx, month, inputs.area, regions)
    district = Area(funding=inputs.filter.funding)
    recon = reconcile(ctx, first, month, inputs.filter.funding, regions)
    bills = list_bills(ctx, month, month, inputs.filter.funding)
    payments = [p for p in list_payments(ctx, month, month) if p.bill_id in {b.id for b in bills}]
    budget = budget_status(ctx, month.year, inputs.today, regions)
    sections = [
        Section(f"Iuran bulan {month.label}", (_funding_table(premium), _kecamatan_table(premium))),
        Section(
            f"Rekonsiliasi {first.label} s.d. {month.label}",
            (_reconciliation_table(recon),),
            new_page=True,
        ),
        Section(
            f"Tagihan dan pembayaran bulan {month.label}",
            (_bills_table(bills), _payments_table(payments)),
        ),
        Section(f"Anggaran tahun {month.year}", (_budget_table(budget, district),)),
    ]
    notes = [
        premium.rule_text,
        f"Iuran dihitung dari register keadaan {long_date(inputs.today)}.",
        "Rekonsiliasi, tagihan dan anggaran untuk seluruh kabupaten"
        + (f", sumber dana {FUNDING[inputs.filter.funding]}." if inputs.filter.funding else "."),
    ]
    drills, personal = _drilldowns(inputs, bills)
    sections += drills
    if personal is None:
        notes.append("Rincian peserta di balik selisih tidak ditampilkan untuk akun Anda.")
    return Report(
        kind=ReportKind.PREMIUM,
        title=REPORT_TITLES[ReportKind.PREMIUM],
        subtitle=inputs.subtitle(f"bulan {month.label}"),
        sections=tuple(sections),
        notes=tuple(notes),
        row_count=premium.workers,
        personal_data=bool(personal),
    )


def _months(inputs: ReportInputs) -> tuple[Month, Month]:
    """The report's month (the period's last, never after this month) and the first of the
    reconciliation (the period's first month, or January)."""
    current = Month.of(inputs.today)
    period = inputs.filter.period
    if period is None:
        return current, Month(current.year, 1)
    month = min(period.last, current) if period.first <= current else period.last
    first = period.first if period.first != period.last else Month(month.year, 1)
    return month, min(first, month)


def _funding_table(premium: MonthlyPremium) -> Table:
    """Per funding source: workers, the rate, and the premium split into JKK and JKM."""
    rates = dict(premium.rates)
    rows: list[tuple[object, ...]] = []
    for total in premium.by_funding():
        rate = rates[total.funding]
        rows.append(
            (
                FUNDING[total.funding],
                total.workers,
                rate.jkk,
                rate.jkm,
                total.workers * rate.jkk,
                total.workers * rate.jkm,
                total.amount,
            )
        )
    rows.append(
        (
            "JUMLAH",
            premium.workers,
            None,
            None,
            sum(line.jkk for line in premium.lines),
            sum(line.jkm for line in premium.lines),
            premium.amount,
        )
    )
    return Table(
        "Per sumber dana",
        (
            Column("Sumber dana", weight=1.6),
            _count("Peserta"),
            _money("Tarif JKK"),
            _money("Tarif JKM"),
            _money("JKK", 1.4),
            _money("JKM", 1.4),
            _money("Jumlah iuran", 1.5),
        ),
        tuple(rows),
        frozenset({len(rows) - 1}),
        note="Tarif per peserta per bulan.",
    )


def _kecamatan_table(premium: MonthlyPremium) -> Table:
    """Kecamatan down, funding sources across: workers and premium of each."""
    sources = [t.funding for t in premium.by_funding()]
    cells: dict[str, dict[FundingSource, PremiumLine]] = {}
    for line in premium.lines:
        cells.setdefault(line.kecamatan_name, {})[line.funding] = line
    rows: list[tuple[object, ...]] = []
    for name, by_source in cells.items():
        values: list[object] = [name]
        for source in sources:
            found = by_source.get(source)
            values += [found.workers if found else 0, found.amount if found else 0]
        values += [
            sum(line.workers for line in by_source.values()),
            sum(line.amount for line in by_source.values()),
        ]
        rows.append(tuple(values))
    totals: list[object] = ["JUMLAH"]
    for total in premium.by_funding():
        totals += [total.workers, total.amount]
    rows.append((*totals, premium.workers, premium.amount))
    columns = [Column("Kecamatan", weight=1.8)]
    for source in sources:
        columns += [_count(f"Peserta {FUNDING[source]}"), _money(f"Iuran {FUNDING[source]}")]
    columns += [_count("Jumlah peserta"), _money("Jumlah iuran", 1.4)]
    return Table("Per kecamatan", tuple(columns), tuple(rows), frozenset({len(rows) - 1}))


def _reconciliation_table(recon: Reconciliation) -> Table:
    rows = tuple(
        (
            line.month.label,
            FUNDING[line.funding],
            line.computed_workers,
            line.computed_amount,
            line.billed_workers,
            line.billed_amount,
            line.worker_difference,
            line.amount_difference,
            line.paid,
            line.unpaid,
        )
        for line in recon.lines
    )
    return Table(
        "Rekonsiliasi",
        (
            Column("Bulan", weight=1.3),
            Column("Sumber dana", weight=1.3),
            _count("Peserta dihitung"),
            _money("Iuran dihitung"),
            _count("Peserta ditagih"),
            _money("Tagihan BPJS"),
            _count("Selisih peserta"),
            _money("Selisih"),
            _money("Dibayar"),
            _money("Sisa tagihan"),
        ),
        rows,
        note="Selisih = tagihan BPJS dikurangi hitungan register; kosong: belum ada tagihan.",
    )


def _bills_table(bills: list[BillRow]) -> Table:
    return Table(
        "Tagihan",
        (
            Column("No. tagihan", weight=1.8),
            Column("Tanggal", CellKind.DATE),
            Column("Sumber dana", weight=1.3),
            _count("Peserta ditagih"),
            _money("Tagihan"),
            _money("Dibayar"),
            _money("Sisa"),
            Column("Daftar peserta BPJS", weight=1.4),
        ),
        tuple(
            (
                b.bill_number,
                b.bill_date,
                FUNDING[b.funding],
                b.workers_billed,
                b.amount,
                b.paid,
                b.unpaid,
                "belum diimpor" if b.list_rows is None else f"{b.list_rows} baris",
            )
            for b in bills
        ),
    )


def _payments_table(payments: list[PaymentRow]) -> Table:
    return Table(
        "Pembayaran",
        (
            Column("Tanggal bayar", CellKind.DATE),
            Column("No. tagihan", weight=1.8),
            Column("No. SP2D / bukti transfer", weight=2.0),
            _money("Jumlah"),
            Column("Catatan", weight=2.0, wrap=True),
        ),
        tuple((p.paid_on, p.bill_number, p.reference, p.amount, p.note or "") for p in payments),
    )


def _budget_table(budget: BudgetStatus, area: Area) -> Table:
    lines = [line for line in budget.lines if area.funding in (None, line.funding)]
    return Table(
        "Anggaran",
        (
            Column("Sumber dana", weight=1.3),
            Column("Kode rekening", weight=1.3),
            _money("Pagu"),
            _money("Dibayar"),
            _money("Terutang"),
            _money("Komitmen sisa bulan", 1.4),
            _money("Proyeksi setahun", 1.4),
            _money("Sisa (kurang)", 1.4),
            Column("Terpakai", weight=0.8),
        ),
        tuple(
            (
                FUNDING[line.funding],
                line.budget_code or "",
                line.allocation,
                line.paid,
                line.outstanding,
                line.committed,
                line.projected,
                line.balance,
                ""
                if line.used_share is None
                else f"{line.used_share * 100:.1f} %".replace(".", ","),
            )
            for line in lines
        ),
        note=(
            f"Terutang: bulan s.d. {Month.of(budget.today).label} yang ditagih (atau dihitung bila "
            "belum ditagih) tetapi belum dibayar. Komitmen: bulan berikutnya dengan jumlah "
            f"peserta terlindungi per {budget.today:%d-%m-%Y}. Sisa negatif: kekurangan anggaran."
        ),
    )


def _drilldowns(inputs: ReportInputs, bills: list[BillRow]) -> tuple[list[Section], bool | None]:
    """Sections for bills with BPJS's list; None as the flag when the clerk may not see them."""
    with_list = [b for b in bills if b.list_rows is not None]
    if not with_list:
        return [], False
    principal = inputs.ctx.principal
    if principal is not None and not principal.can(Permission.SEE_FULL_IDENTITY):
        return [], None
    limit = int(inputs.settings[DETAIL_LIMIT_KEY])
    sections = [
        _drill_section(drilldown(inputs.ctx, b.id, inputs.regions), limit) for b in with_list
    ]
    return sections, True


def _drill_section(found: Drilldown, limit: int) -> Section:
    rows = found.rows[:limit]
    left_out = len(found.rows) - len(rows)
    bill = found.bill
    table = Table(
        f"Selisih {bill.bill_number}",
        (
            Column("Keterangan", weight=1.8, wrap=True),
            Column("Nama", weight=2.2, wrap=True),
            Column("NIK", weight=1.5),
            Column("No. KPJ", weight=1.2),
            Column("Desa/Kelurahan", weight=1.3, wrap=True),
            Column("Kecamatan", weight=1.3, wrap=True),
            _count("Baris BPJS", 0.7),
            Column("Alasan", weight=2.8, wrap=True),
        ),
        tuple(
            (
                DIFFERENCE_LABELS[r.kind],
                r.full_name or "",
                r.nik or "",
                r.kpj or "",
                r.village_name or "",
                r.kecamatan_name or "",
                r.list_row,
                r.reason,
            )
            for r in rows
        ),
        note=(f"... dan {left_out} baris lainnya." if left_out else None),
    )
    return Section(
        f"Rincian selisih tagihan {bill.bill_number} ({FUNDING[bill.funding]}, "
        f"{bill.month.label}): dihitung {found.counted_workers}, daftar BPJS "
        f"{found.list_rows} baris, {found.matched_rows} cocok; tagihan {rupiah(bill.amount)}",
        (table,),
        new_page=True,
    )
