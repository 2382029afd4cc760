"""One model of coverage: who is covered on a day, funded by whom, under which KPJ.

A worker's coverage is a history of periods (``coverage_period``: start, end
inclusive or open, funding, KPJ, source and source reference) and their status a
history of dated events (``worker_status_event``: aktif, nonaktif, meninggal;
cancelled events kept). The periods ARE the effective coverage: a status change
cuts them, a reactivation opens one, a cancellation restores. A worker with no
period is "Belum terlindungi".

API (import from here; everything below takes the caller's session, so it joins the
caller's transaction, and the caller checks permissions):

Reading
    ``coverage_on(session, worker_id, day) -> CoverageFact``
        covered, funding, kpj, period_start/period_end, status on that day and since
        when, and the reason in Indonesian ("Terlindungi JKK dan JKM s.d. 31 Desember
        2026 (APBD Kabupaten).", "Belum terlindungi: belum ada periode kepesertaan.",
        "Tidak terlindungi: meninggal sejak 3 Maret 2026." ...).
    ``fact_from(worker_id, day, periods, events)`` the same from a history already read.
    ``periods_of(session, worker_id)``, ``events_of(session, worker_id)`` the history
        as plain dataclasses (``PeriodInfo``, ``StatusEventInfo``), oldest first.

SQL (THE expression: every count, filter and list uses these; ``day`` may be a date
or a date column; each call makes its own alias, so they combine freely)
    ``covered_on(worker_id_col, day)``                one EXISTS
    ``covered_on_many(worker_id_col, day)``           the same as an IN list (whole-register
                                                      filters and counts on SQLite)
    ``covered_between(worker_id_col, first, last)``   covered on at least one day
    ``covered_throughout(worker_id_col, first, last)`` covered on every day
    ``funding_on(worker_id_col, day)``, ``kpj_on(worker_id_col, day)`` correlated scalars
    ``funding_in(worker_id_col, first, last)``        a month's funding: latest period
    ``periods()`` + ``covering(p, worker_id_col, day)`` to join the covering period
    ``periods()`` + ``needs_registering(p, worker_id_col, worker_kpj_col, day, paid,
        first, last)`` who BPJS must still register (the pengantar and the BPJS export)
    ``periods()`` + ``represents(p, m_first, m_last)`` (``represents_throughout`` for
        the "none" rule) to count many months in one pass over the periods, each worker
        under the funding ``funding_in`` gives
    ``periods()`` + ``ends_taken_over`` / ``starts_joined`` grouped by (funding, start,
        end), spread by ``months_of_rows``: the same counts for many months at once,
        one pass and no per-month condition (Beranda's twelve months)

Writing (the only way coverage and status change)
    ``record_status(session, worker, status, effective_date, reason, source, actor)``
        nonaktif/meninggal on X ends the periods covering X on X (covered that day);
        aktif on Y opens a new period from Y. Returns the ``WorkerStatusEvent``.
    ``cancel_status_event(session, event_id, reason, actor)`` undo the latest event.
    ``open_period(session, worker, start, end=None, funding=, kpj=, source=, source_ref=,
        actor=)``, ``change_period(session, worker, period, start=, end=, funding=, kpj=,
        actor=)``, ``end_period(session, worker, period, end, actor)``,
        ``remove_period(session, worker, period, actor)``: order, overlap and status
        checks, refused with a ``ValidationError`` naming the worker and the field.

The worker row's ``status``/``status_date``/``status_reason`` and
``coverage_start``/``coverage_end``/``funding`` are a cache of the current event and
the latest period, written only by these functions.
"""

from services.coverage_history.facts import (
    CoverageFact,
    PeriodInfo,
    StatusEventInfo,
    coverage_on,
    events_of,
    fact_from,
    period_info,
    periods_of,
    status_on,
)
from services.coverage_history.periods import (
    change_period,
    end_period,
    latest_period,
    open_period,
    refresh_worker_cache,
    remove_period,
    worker_label,
)
from services.coverage_history.registration import needs_registering
from services.coverage_history.sql import (
    covered_between,
    covered_on,
    covered_on_many,
    covered_throughout,
    covering,
    ends_taken_over,
    funding_in,
    funding_on,
    kpj_on,
    months_of_rows,
    period_end,
    periods,
    periods_first,
    real,
    represents,
    represents_throughout,
    starts_joined,
)
from services.coverage_history.status import cancel_status_event, record_status

__all__ = [
    "CoverageFact",
    "PeriodInfo",
    "StatusEventInfo",
    "cancel_status_event",
    "change_period",
    "coverage_on",
    "covered_between",
    "covered_on",
    "covered_on_many",
    "covered_throughout",
    "covering",
    "end_period",
    "ends_taken_over",
    "events_of",
    "fact_from",
    "funding_in",
    "funding_on",
    "kpj_on",
    "latest_period",
    "months_of_rows",
    "needs_registering",
    "open_period",
    "period_end",
    "period_info",
    "periods",
    "periods_first",
    "periods_of",
    "real",
    "record_status",
    "refresh_worker_cache",
    "remove_period",
    "represents",
    "represents_throughout",
    "starts_joined",
    "status_on",
    "worker_label",
]
