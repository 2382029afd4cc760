"""`workers period list|add|edit|end|remove` and `workers status set|cancel`: the worker
form's coverage history from the command line, answered after by `workers check`."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from tests.conftest import office_day_now
from tests.integration.cli_helpers import first_admin
from tests.integration.test_cli import as_admin


def _periods(nik: str, home: Path) -> list[dict[str, object]]:
    listed = as_admin("workers", "period", "list", nik, "--json", home=home)
    assert listed.returncode == 0, listed.stderr
    return json.loads(listed.stdout)["periods"]


def _covered(nik: str, day: date, home: Path) -> bool:
    answer = as_admin("workers", "check", nik, "--date", day.isoformat(), "--json", home=home)
    return bool(json.loads(answer.stdout)["covered"])


def test_periods_and_status_changes_from_the_command_line(tmp_path: Path) -> None:
    first_admin(tmp_path)
    assert as_admin("demo-data", "--count", "6", "--seed", "3", home=tmp_path).returncode == 0
    found = json.loads(as_admin("workers", "search", "5303", "--json", home=tmp_path).stdout)
    row = next(r for r in found["rows"] if r["status"] == "aktif" and r["coverage_start"])
    nik = row["nik"]
    before = _periods(nik, tmp_path)
    earliest = min(date.fromisoformat(str(p["start"])) for p in before)

    # An earlier period, then its end corrected, then removed as entered by mistake.
    start, end = earliest - timedelta(days=400), earliest - timedelta(days=40)
    added = as_admin(
        "workers", "period", "add", nik, "--start", start.isoformat(), "--end", end.isoformat(),
        "--funding", "dana_desa", home=tmp_path,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("Periode ditambahkan.")
    periods = _periods(nik, tmp_path)
    new = next(p for p in periods if p["start"] == start.isoformat())
    assert (new["end"], new["funding"], new["source"]) == (end.isoformat(), "dana_desa", "clerk")
    assert _covered(nik, end, tmp_path) and not _covered(nik, end + timedelta(days=1), tmp_path)

    ended = as_admin(
        "workers", "period", "end", nik, str(new["id"]), "--end",
        (end - timedelta(days=30)).isoformat(), home=tmp_path,
    )  # fmt: skip
    assert ended.returncode == 0, ended.stderr
    assert not _covered(nik, end, tmp_path)

    overlap = as_admin("workers", "period", "edit", nik, str(new["id"]), "--open", home=tmp_path)
    assert overlap.returncode == 1
    assert "bertumpang tindih" in overlap.stderr and "Traceback" not in overlap.stderr

    no_reason = as_admin(
        "workers", "period", "remove", nik, str(new["id"]), "--reason", " ", home=tmp_path
    )
    assert no_reason.returncode == 1
    assert "Alasan penghapusan periode wajib diisi." in no_reason.stderr
    removed = as_admin(
        "workers", "period", "remove", nik, str(new["id"]), "--reason", "data ganda",
        home=tmp_path,
    )  # fmt: skip
    assert removed.returncode == 0, removed.stderr
    assert _periods(nik, tmp_path) == before
    assert not _covered(nik, start, tmp_path)

    missing = as_admin("workers", "period", "end", nik, "999999", "--end", "2025-01-01",
                       home=tmp_path)  # fmt: skip
    assert missing.returncode == 1 and "tidak memiliki periode nomor 999999" in missing.stderr

    # A dated status change, then cancelled: both stay in the worker's history.
    inactive = as_admin(
        "workers", "status", "set", nik, "nonaktif", "--date", office_day_now().isoformat(),
        "--reason", "pindah domisili", home=tmp_path,
    )  # fmt: skip
    assert inactive.returncode == 0, inactive.stderr
    assert "Status dicatat: nonaktif." in inactive.stdout and "status nonaktif" in inactive.stdout
    cancelled = as_admin("workers", "status", "cancel", nik, "--reason", "keliru", home=tmp_path)
    assert cancelled.returncode == 0, cancelled.stderr
    assert "status aktif" in cancelled.stdout
    listed = as_admin("workers", "period", "list", nik, home=tmp_path).stdout
    assert "status nonaktif" in listed and "pindah domisili (dibatalkan: keliru)" in listed
    assert _periods(nik, tmp_path) == before
