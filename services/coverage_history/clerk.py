"""What a clerk types for one period, checked before the history's own order and overlap
checks (``periods.check_span``): a start not too far ahead, a KPJ of digits, a reason to
remove a period. Every refusal names the worker and the field, in Indonesian."""

from __future__ import annotations

import re
from datetime import date, timedelta

from models import Worker
from services.core.errors import Problem, ValidationError
from services.coverage_history.periods import FIELD_END, FIELD_START, worker_label
from services.text.formatting import long_date

FIELD_KPJ = "kpj"
FIELD_REASON = "reason"
# The audit trail carries "dihapus: <reason>" as the transaction's note (at most 60
# characters on both engines: services/audit.set_note): a longer one is refused, not cut.
REASON_MAX = 50
_DIGITS = re.compile(r"^\d+$")


def latest_start(today: date) -> date:
    """The last start a clerk may enter: BPJS starts a newly registered worker's
    protection at the latest on the first of the month after next (registration this
    month, TMT next month), so anything past the end of next month is a typing error."""
    first_of_next = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    return (first_of_next + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def period_problems(
    start: date | None, end: date | None, kpj: str | None, today: date, *, new: bool
) -> list[Problem]:
    problems: list[Problem] = []
    if start is None:
        problems.append(
            Problem("coverage_start_empty", FIELD_START, "Tanggal mulai kepesertaan wajib diisi.")
        )
    elif new and start > latest_start(today):
        problems.append(
            Problem(
                "coverage_start_future",
                FIELD_START,
                f"Mulai kepesertaan {long_date(start)} terlalu jauh ke depan: paling lambat "
                f"{long_date(latest_start(today))}. Periksa tahunnya.",
            )
        )
    if start is not None and end is not None and end < start:
        problems.append(
            Problem(
                "coverage_order",
                FIELD_END,
                f"Akhir kepesertaan ({long_date(end)}) sebelum mulai kepesertaan "
                f"({long_date(start)}). Periksa kedua tanggal itu.",
            )
        )
    if kpj is not None and not _DIGITS.match(kpj):
        problems.append(Problem("kpj_not_digits", FIELD_KPJ, "No. KPJ hanya boleh berisi angka."))
    return problems


def check_period(
    worker: Worker,
    start: date | None,
    end: date | None,
    kpj: str | None,
    today: date,
    *,
    new: bool = True,
) -> None:
    problems = period_problems(start, end, kpj, today, new=new)
    if problems:
        raise ValidationError(problems, record=worker_label(worker))


def removal_reason(worker: Worker, reason: str | None) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise _refuse_reason(worker, "Alasan penghapusan periode wajib diisi.")
    if len(reason) > REASON_MAX:
        raise _refuse_reason(
            worker,
            f"Alasan penghapusan paling banyak {REASON_MAX} huruf; yang diisi {len(reason)}. "
            "Singkatkan alasannya.",
        )
    return reason


def _refuse_reason(worker: Worker, text: str) -> ValidationError:
    return ValidationError(
        [Problem("coverage_remove_reason", FIELD_REASON, text)],
        record=worker_label(worker),
    )
