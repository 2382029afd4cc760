"""The five reports of the register and the dashboard's figures.

Reports (``service.py``) are built once into plain data (``model.py``: a ``Report``
of ``Section``s of ``Table``s, each column typed TEXT/COUNT/MONEY/DATE) and then
laid out to .xlsx (openpyxl, ``xlsx.py``) or PDF (ReportLab, ``pdf.py``), so both
files carry the same numbers. The GUI's reports section can show the same tables.
The package does not load ``service.py``, whose writers pull in openpyxl and
ReportLab: the dashboard (the first screen) imports this package. Import these from
``services.reports.service``::

    build_report(ctx, kind: ReportKind, report_filter: ReportFilter | None = None,
                 today: date | None = None) -> Report          # needs READ_WORKERS
    write_report(ctx, kind, path: Path | str, report_filter=None, today=None)
        -> ReportResult(path, report, pages)                  # needs EXPORT
        # .xlsx or .pdf by the suffix; recorded as an EXPORT event in the audit trail
    preview_report(ctx, kind, path, report_filter=None, today=None)
        -> ReportResult                                       # needs READ_WORKERS
        # the PDF for the screen, recorded as an EXPORT event marked "preview"

    ReportFilter(period: Period | None = None,                # Period.parse("2026-07"/"2026")
                 kecamatan_code=None, village_code=None, funding=None)

``ReportKind``: RECAP "recap" (counts per kecamatan and village: status, covered
today, and of the active workers gender, occupation, funding); VILLAGE_LIST
"village-list" (a village's active workers with the village head's signature line;
needs a village, or a kecamatan for all its villages); PREMIUM "premium" (the
month's premium per kecamatan and funding, rates, reconciliation from January,
bills and payments, the budget, and the drill-down of bills with BPJS's list);
CLAIMS "claims" (claims of the period per status and type with the benefit
estimated and the amount paid, "n klaim tanpa taksiran" for those with no estimate,
per kecamatan, the list; from the claim table where it exists); DATA_QUALITY "data-quality" (NIK
warnings, active workers without KPJ or heirs, villages outside their kecamatan,
possible duplicates; lists capped by the setting ``report.detail_limit``).
Every figure goes through the clerk's scope: a kecamatan limit narrows it (the
report says so), a masked role gets masked NIKs.

The dashboard (``dashboard.py``), from SQL aggregates only::

    dashboard(ctx, today: date | None = None) -> Dashboard
        # active_by_funding, active_total, joined_this_month, premium_workers,
        # premium_amount, budget_allocation, budget_paid, budget_used_share,
        # by_kecamatan / by_occupation: tuple[Bar(key, label, count)],
        # by_gender_age: tuple[GenderAgeBar(age_band, male, female)],
        # per_month: tuple[MonthPoint(month, workers, amount)] (last 12 months),
        # cards: CardTiles | None, claims: ClaimTiles | None (None: no such tables)

"Active" there means covered on the day (services/coverage_history), whatever the status.
A bar's ``key`` is what the worker list filters on (``WorkerQuery.kecamatan_code``,
``occupation_code``; a gender and age bar: ``gender`` and ``age_band``), with
``covered_on`` the dashboard's day.
"""

from services.premiums.months import Month, Period
from services.reports.dashboard import Bar, Dashboard, GenderAgeBar, MonthPoint, dashboard
from services.reports.model import (
    REPORT_TITLES,
    CellKind,
    Column,
    Report,
    ReportFilter,
    ReportKind,
    Section,
    Signature,
    Table,
)
from services.reports.optional import CardTiles, ClaimTiles

__all__ = [
    "REPORT_TITLES",
    "Bar",
    "CardTiles",
    "CellKind",
    "ClaimTiles",
    "Column",
    "Dashboard",
    "GenderAgeBar",
    "Month",
    "MonthPoint",
    "Period",
    "Report",
    "ReportFilter",
    "ReportKind",
    "Section",
    "Signature",
    "Table",
    "dashboard",
]
