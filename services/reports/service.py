"""Building a report, and writing it to .xlsx or PDF with an audit record.

Personal data leaves the building with a report file: every file written is an
EXPORT event in the audit trail (report, filter, rows, file name), recorded before
the file appears under its name. The in-app preview is a PDF too, of the same names
and NIKs: it is recorded the same way, marked as a preview. Saving needs EXPORT; a
preview only READ_WORKERS, as reading the register does (a masked role sees masked NIKs).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from services.audit.trail import Action, record_event
from services.core.context import ServiceContext
from services.core.errors import SiRentanError
from services.core.file_output import atomic_path
from services.core.office_time import office_today_of
from services.core.permissions import Permission
from services.core.unit_of_work import unit_of_work
from services.reports.claims import build_claims
from services.reports.common import ReportInputs
from services.reports.model import Report, ReportFilter, ReportKind
from services.reports.pdf import write_pdf
from services.reports.premium import build_premium
from services.reports.quality import build_quality
from services.reports.recap import build_recap
from services.reports.village_list import build_village_list
from services.reports.xlsx import write_xlsx
from services.settings.office_images import office_images
from services.workers.regions import RegionDirectory

_BUILDERS: dict[ReportKind, Callable[[ReportInputs], Report]] = {
    ReportKind.RECAP: build_recap,
    ReportKind.VILLAGE_LIST: build_village_list,
    ReportKind.PREMIUM: build_premium,
    ReportKind.CLAIMS: build_claims,
    ReportKind.DATA_QUALITY: build_quality,
}
SUFFIXES = (".xlsx", ".pdf")


@dataclass(frozen=True, slots=True)
class ReportResult:
    path: Path
    report: Report
    pages: int  # PDF pages, or worksheets of a workbook


def build_report(
    ctx: ServiceContext,
    kind: ReportKind,
    report_filter: ReportFilter | None = None,
    today: date | None = None,
    regions: RegionDirectory | None = None,
) -> Report:
    """The report's figures and tables, e.g. for the GUI to show before saving."""
    ctx.require(Permission.READ_WORKERS)
    day = today or office_today_of(ctx)
    inputs = ReportInputs.load(ctx, report_filter or ReportFilter(), day, regions)
    return _BUILDERS[ReportKind(kind)](inputs)


def write_report(
    ctx: ServiceContext,
    kind: ReportKind,
    path: Path | str,
    report_filter: ReportFilter | None = None,
    today: date | None = None,
    regions: RegionDirectory | None = None,
) -> ReportResult:
    """Build the report and save it as .xlsx or .pdf (by the file's suffix)."""
    ctx.require(Permission.EXPORT)
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise SiRentanError(
            f"Laporan disimpan sebagai .xlsx atau .pdf; '{path.name}' berakhiran lain."
        )
    return _write(ctx, kind, path, report_filter, today, regions, preview=False)


def preview_report(
    ctx: ServiceContext,
    kind: ReportKind,
    path: Path | str,
    report_filter: ReportFilter | None = None,
    today: date | None = None,
    regions: RegionDirectory | None = None,
) -> ReportResult:
    """Build the report as a PDF for the screen (a private file the caller removes)."""
    ctx.require(Permission.READ_WORKERS)
    return _write(ctx, kind, Path(path), report_filter, today, regions, preview=True)


def _write(
    ctx: ServiceContext,
    kind: ReportKind,
    path: Path,
    report_filter: ReportFilter | None,
    today: date | None,
    regions: RegionDirectory | None,
    preview: bool,
) -> ReportResult:
    today = today or office_today_of(ctx)
    inputs = ReportInputs.load(ctx, report_filter or ReportFilter(), today, regions)
    report = _BUILDERS[ReportKind(kind)](inputs)
    with atomic_path(path) as scratch:
        if path.suffix.lower() == ".xlsx" and not preview:
            pages = write_xlsx(report, scratch)
        else:
            pages = write_pdf(
                report, scratch, inputs.settings, ctx.user_name, today, office_images(ctx)
            )
        details: dict[str, object] = {
            "report": report.kind.value,
            "filter": _filter_dict(inputs.filter),
            "rows": report.row_count,
            "personal_data": report.personal_data,
        }
        counted = f"{report.row_count} {report.row_unit}"
        if preview:
            summary = f"Pratinjau laporan {report.title} ({counted})"
            details["preview"] = True
        else:
            summary = f"Laporan {report.title} ({counted}) ke {path.name}"
            details["file"] = path.name
        with unit_of_work(ctx) as session:
            record_event(session, Action.EXPORT, "report", None, summary[:300], details)
    return ReportResult(path, report, pages)


def _filter_dict(f: ReportFilter) -> dict[str, str]:
    values = {
        "period": f"{f.period.first.code}..{f.period.last.code}" if f.period else None,
        "kecamatan_code": f.kecamatan_code,
        "village_code": f.village_code,
        "funding": f.funding.value if f.funding else None,
    }
    return {k: v for k, v in values.items() if v}
