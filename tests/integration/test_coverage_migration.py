"""Migration 0009 moves every worker's coverage dates and status into the history, and back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from models import schema
from models.database import make_engine
from services.coverage_history import events_of, fact_from, periods_of
from tests.conftest import create_pg_database, drop_pg_database

ENTERED = datetime(2025, 3, 10, 2, 0, tzinfo=UTC)
CHANGED = datetime(2025, 11, 20, 2, 0, tzinfo=UTC)

# id: (start, end, status, status date, reason)
WORKERS = {
    1: (date(2025, 7, 7), date(2025, 12, 31), "aktif", None, None),
    2: (None, None, "aktif", None, None),  # no dates: no period, "Belum terlindungi"
    3: (date(2025, 7, 7), None, "nonaktif", date(2025, 9, 1), "pindah"),  # cut on 1 Sep
    4: (None, date(2025, 12, 31), "aktif", None, None),  # only an end: starts when entered
    5: (date(2026, 1, 1), date(2026, 12, 31), "meninggal", date(2025, 10, 5), None),  # emptied
    6: (date(2025, 7, 7), date(2025, 12, 31), "nonaktif", None, "tidak aktif"),  # no status date
    7: (date(2025, 1, 1), date(2025, 6, 30), "meninggal", date(2025, 8, 1), None),  # after end
}


def _to(engine: Engine, revision: str, down: bool = False) -> None:
    config = schema._alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(config, revision)


def _fill(engine: Engine) -> None:
    with engine.begin() as conn:
        occupation = conn.execute(text("SELECT id FROM occupation ORDER BY id LIMIT 1")).scalar()
        for wid, (start, end, status, status_date, reason) in WORKERS.items():
            conn.execute(
                text(
                    "INSERT INTO worker (id, nik, full_name, name_key, birth_date, gender, "
                    "village_code, kecamatan_code, occupation_id, kpj, funding, coverage_start, "
                    "coverage_end, status, status_reason, status_date, created_at, updated_at, "
                    "version) VALUES (:id, :nik, :name, :key, :birth, 'P', '53.03.05.1002', "
                    "'53.03.05', :occ, :kpj, 'dana_desa', :start, :end, :status, :reason, "
                    ":sdate, :created, :changed, 1)"
                ),
                {
                    "id": wid,
                    "nik": f"530305520785{wid:04d}",
                    "name": f"PESERTA {wid}",
                    "key": f"peserta {wid}",
                    "birth": date(1985, 7, 12),
                    "occ": occupation,
                    "kpj": f"{wid:011d}",
                    "start": start,
                    "end": end,
                    "status": status,
                    "reason": reason,
                    "sdate": status_date,
                    "created": ENTERED,
                    "changed": CHANGED,
                },
            )


def _worker_fields(engine: Engine) -> dict[int, tuple[object, ...]]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT id, coverage_start, coverage_end, status, status_date, status_reason, "
                "funding FROM worker ORDER BY id"
            )
        ).all()
    return {r.id: tuple(_day(v) for v in r[1:]) for r in rows}


def _day(value: object) -> object:
    return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else value


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine_at_0008(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'register.db'}")
        _to(engine, "0008")
        yield engine
        engine.dispose()
        return
    url, admin = create_pg_database()
    engine = make_engine(url)
    _to(engine, "0008")
    yield engine
    engine.dispose()
    drop_pg_database(url, admin)


def test_history_holds_every_date_and_status_and_goes_back(engine_at_0008: Engine) -> None:
    engine = engine_at_0008
    _fill(engine)
    before = _worker_fields(engine)
    _to(engine, "head")
    with Session(engine) as session:
        history = {wid: (periods_of(session, wid), events_of(session, wid)) for wid in WORKERS}

    def fact(wid: int, day: date):
        return fact_from(wid, day, *history[wid])

    one, _ = history[1]
    assert [(p.start_date, p.end_date, p.funding.value, p.kpj) for p in one] == [
        (date(2025, 7, 7), date(2025, 12, 31), "dana_desa", "00000000001")
    ]
    assert history[2] == ([], [])
    assert fact(2, date(2025, 8, 1)).reason == "Belum terlindungi: belum ada periode kepesertaan."

    (cut,), (left,) = history[3]
    assert (cut.end_date, cut.planned_end, cut.ended_by_event_id) == (
        date(2025, 9, 1),
        None,
        left.id,
    )
    assert (left.status.value, left.effective_date, left.reason) == (
        "nonaktif",
        date(2025, 9, 1),
        "pindah",
    )
    assert fact(3, date(2025, 9, 1)).covered and not fact(3, date(2025, 9, 2)).covered

    (guessed,), _ = history[4]
    assert (guessed.start_date, guessed.source_ref) == (date(2025, 3, 10), "mulai-tidak-tercatat")

    (emptied,), (death,) = history[5]
    assert emptied.end_date == date(2025, 12, 31) and emptied.planned_end == date(2026, 12, 31)
    assert emptied.ended_by_event_id == death.id and death.status.value == "meninggal"
    assert not any(fact(5, d).covered for d in (date(2026, 1, 1), date(2026, 6, 1)))
    assert fact(5, date(2026, 2, 1)).reason == "Tidak terlindungi: meninggal sejak 5 Oktober 2025."

    _, (undated,) = history[6]
    assert undated.effective_date == date(2025, 11, 20)
    assert "tanggal status tidak tercatat" in (undated.reason or "")

    (untouched,), (late_death,) = history[7]
    assert untouched.end_date == date(2025, 6, 30) and untouched.ended_by_event_id is None
    assert late_death.effective_date == date(2025, 8, 1)
    assert (
        fact(7, date(2025, 7, 15)).reason == "Tidak terlindungi: kepesertaan berakhir 30 Juni 2025."
    )

    after = _worker_fields(engine)
    assert after[3][:2] == (date(2025, 7, 7), date(2025, 9, 1))  # the cache: effective end
    assert after[5][:2] == (None, None)  # its only period covers no day
    assert after[4][0] == date(2025, 3, 10)

    _to(engine, "0008", down=True)
    assert _worker_fields(engine) == before
