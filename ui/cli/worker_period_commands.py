"""`workers period list|add|edit|end|remove` and `workers status set|cancel`: the worker
form's coverage history, one service call each (services/workers/service.py)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from models.enums import FundingSource, WorkerStatus
from services.core.errors import NotFoundError
from services.core.paths import command_prefix
from services.text.formatting import long_date
from services.text.labels import FUNDING, WORKER_STATUS
from ui.cli.options import bounded_int, parse_cli_date
from ui.cli.signin import add_user_option, signed_in

if TYPE_CHECKING:
    from services.coverage_history import PeriodInfo
    from services.workers.service import WorkerService
    from services.workers.types import WorkerDetail

FUNDINGS = [f.value for f in FundingSource]
STATUSES = [s.value for s in WorkerStatus]
PERIOD_NUMBER = bounded_int(1, 2**31 - 1, "nomor periode")


def add_commands(workers: argparse._SubParsersAction) -> None:
    period = workers.add_parser("period", help="periode kepesertaan seorang peserta")
    sub = period.add_subparsers(dest="period_command", metavar="PERINTAH", required=True)
    listing = _with_worker(sub.add_parser("list", help="daftar periode dan perubahan status"))
    listing.add_argument("--json", action="store_true", help="keluaran JSON")
    listing.set_defaults(handler=_list)
    add = _with_worker(sub.add_parser("add", help="tambah periode kepesertaan"))
    add.add_argument("--start", type=parse_cli_date, required=True, metavar="YYYY-MM-DD")
    add.add_argument("--end", type=parse_cli_date, metavar="YYYY-MM-DD", help="kosong: terbuka")
    add.add_argument("--funding", choices=FUNDINGS, help="bawaan: sumber dana peserta")
    add.add_argument("--kpj", metavar="NOMOR", help="bawaan: No. KPJ peserta")
    add.set_defaults(handler=_add)
    edit = _with_period(sub.add_parser("edit", help="ubah tanggal, sumber dana atau KPJ periode"))
    edit.add_argument("--start", type=parse_cli_date, metavar="YYYY-MM-DD")
    ends = edit.add_mutually_exclusive_group()
    ends.add_argument("--end", type=parse_cli_date, metavar="YYYY-MM-DD")
    ends.add_argument("--open", action="store_true", help="periode tanpa tanggal akhir")
    edit.add_argument("--funding", choices=FUNDINGS)
    edit.add_argument("--kpj", metavar="NOMOR")
    edit.set_defaults(handler=_edit)
    end = _with_period(sub.add_parser("end", help="akhiri periode pada satu tanggal"))
    end.add_argument("--end", type=parse_cli_date, required=True, metavar="YYYY-MM-DD")
    end.set_defaults(handler=_end)
    remove = _with_period(sub.add_parser("remove", help="hapus periode yang salah dimasukkan"))
    remove.add_argument("--reason", required=True, metavar="ALASAN")
    remove.set_defaults(handler=_remove)

    status = workers.add_parser("status", help="perubahan status bertanggal seorang peserta")
    sub = status.add_subparsers(dest="status_command", metavar="PERINTAH", required=True)
    change = _with_worker(sub.add_parser("set", help="catat aktif, nonaktif atau meninggal"))
    change.add_argument("status", choices=STATUSES, metavar="aktif|nonaktif|meninggal")
    change.add_argument("--date", type=parse_cli_date, metavar="YYYY-MM-DD")
    change.add_argument("--reason", metavar="ALASAN")
    change.set_defaults(handler=_set_status)
    cancel = _with_worker(sub.add_parser("cancel", help="batalkan perubahan status terakhir"))
    cancel.add_argument("--reason", required=True, metavar="ALASAN")
    cancel.set_defaults(handler=_cancel_status)


def _with_worker(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("number", metavar="NIK|KPJ")
    add_user_option(parser)
    return parser


def _with_period(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    _with_worker(parser)
    parser.add_argument("period", type=PERIOD_NUMBER, metavar="PERIODE", help="nomor dari 'list'")
    return parser


def _open(args: argparse.Namespace) -> tuple[WorkerService, WorkerDetail]:
    from services.workers.service import WorkerService
    from services.workers.types import WorkerQuery

    workers = WorkerService(signed_in(args))
    page = workers.search(WorkerQuery(text=args.number, limit=5))
    exact = [r for r in page.rows if args.number in (r.nik, r.kpj)]
    if len(exact) != 1:
        raise NotFoundError(
            f"Tidak ada peserta dengan NIK atau No. KPJ {args.number}. Cari dulu dengan "
            f"'{command_prefix()} workers search TEKS'."
        )
    return workers, workers.get(exact[0].id)


def _stored(workers: WorkerService, worker: WorkerDetail, number: int) -> PeriodInfo:
    for period in workers.coverage_history(worker.id).periods:
        if period.id == number:
            return period
    raise NotFoundError(
        f"Peserta {worker.full_name} tidak memiliki periode nomor {number}. Lihat nomornya "
        f"dengan '{command_prefix()} workers period list {worker.nik}'."
    )


def _list(args: argparse.Namespace) -> int:
    workers, worker = _open(args)
    history = workers.coverage_history(worker.id)
    if args.json:
        print(json.dumps(_history_json(history.periods, history.events), indent=2))
        return 0
    print(f"{worker.full_name} (NIK {worker.nik})")
    if not history.periods:
        print("Belum ada periode kepesertaan.")
    for p in history.periods:
        print(f"  [{p.id}] {_span(p)}  {FUNDING[p.funding]}  KPJ {p.kpj or '-'}")
    for e in history.events:
        cancelled = f" (dibatalkan: {e.cancel_reason})" if e.cancelled else ""
        reason = f" — {e.reason}" if e.reason else ""
        print(f"  status {WORKER_STATUS[e.status].lower()} {long_date(e.effective_date)}"
              f"{reason}{cancelled}")  # fmt: skip
    return 0


def _span(p: PeriodInfo) -> str:
    if p.empty:
        return f"{long_date(p.start_date)} (dibatalkan oleh perubahan status)"
    end = long_date(p.end_date) if p.end_date else "seterusnya"
    return f"{long_date(p.start_date)} s.d. {end}"


def _history_json(periods: Any, events: Any) -> dict[str, object]:
    def iso(value: Any) -> str | None:
        return value.isoformat() if value else None

    return {
        "periods": [
            {"id": p.id, "start": iso(p.start_date), "end": iso(p.end_date),
             "funding": p.funding.value, "kpj": p.kpj, "source": p.source.value}
            for p in periods
        ],
        "events": [
            {"id": e.id, "status": e.status.value, "date": iso(e.effective_date),
             "reason": e.reason, "cancelled": e.cancelled}
            for e in events
        ],
    }  # fmt: skip


def _add(args: argparse.Namespace) -> int:
    from services.workers.types import PeriodInput

    workers, worker = _open(args)
    funding = FundingSource(args.funding) if args.funding else worker.funding
    kpj = args.kpj if args.kpj is not None else worker.kpj
    period = PeriodInput(args.start, args.end, funding, kpj)
    return _done(workers.add_period(worker.id, period, worker.version), "Periode ditambahkan.")


def _edit(args: argparse.Namespace) -> int:
    from services.workers.types import PeriodInput

    workers, worker = _open(args)
    p = _stored(workers, worker, args.period)
    end = None if args.open else (args.end or p.end_date)
    period = PeriodInput(
        args.start or p.start_date,
        end,
        FundingSource(args.funding) if args.funding else p.funding,
        args.kpj if args.kpj is not None else p.kpj,
    )
    detail = workers.change_period(worker.id, p.id, period, worker.version)
    return _done(detail, "Periode diubah.")


def _end(args: argparse.Namespace) -> int:
    workers, worker = _open(args)
    p = _stored(workers, worker, args.period)
    return _done(workers.end_period(worker.id, p.id, args.end, worker.version), "Periode diakhiri.")


def _remove(args: argparse.Namespace) -> int:
    workers, worker = _open(args)
    p = _stored(workers, worker, args.period)
    detail = workers.remove_period(worker.id, p.id, args.reason, worker.version)
    return _done(detail, "Periode dihapus.")


def _set_status(args: argparse.Namespace) -> int:
    workers, worker = _open(args)
    status = WorkerStatus(args.status)
    detail = workers.change_status(worker.id, status, worker.version, args.reason, args.date)
    return _done(detail, f"Status dicatat: {WORKER_STATUS[status].lower()}.")


def _cancel_status(args: argparse.Namespace) -> int:
    workers, worker = _open(args)
    live = [e for e in workers.coverage_history(worker.id).events if not e.cancelled]
    if not live:
        raise NotFoundError(f"Peserta {worker.full_name} belum punya perubahan status.")
    latest = live[-1]
    detail = workers.cancel_status(worker.id, latest.id, args.reason, worker.version)
    return _done(
        detail,
        f"Perubahan status {WORKER_STATUS[latest.status].lower()} "
        f"{long_date(latest.effective_date)} dibatalkan.",
    )


def _done(detail: WorkerDetail, what: str) -> int:
    start = long_date(detail.coverage_start) if detail.coverage_start else None
    end = long_date(detail.coverage_end) if detail.coverage_end else "seterusnya"
    current = f"{start} s.d. {end}" if start else "belum ada periode"
    print(f"{what} {detail.full_name}: status {WORKER_STATUS[detail.status].lower()}, "
          f"periode terakhir {current}.")  # fmt: skip
    return 0
