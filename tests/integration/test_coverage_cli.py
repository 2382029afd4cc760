"""`python main.py workers check NIK|KPJ [--date D] [--json]`, as the front desk runs it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.integration.cli_helpers import first_admin
from tests.integration.test_cli import as_admin


def test_check_answers_on_any_day_and_questions_impossible_numbers(tmp_path: Path) -> None:
    first_admin(tmp_path)
    assert as_admin("demo-data", "--count", "5", "--seed", "3", home=tmp_path).returncode == 0
    found = json.loads(as_admin("workers", "search", "5303", "--json", home=tmp_path).stdout)
    row = found["rows"][0]

    before = as_admin(
        "workers", "check", row["nik"], "--date", "2000-01-01", "--json", home=tmp_path
    )
    answer = json.loads(before.stdout)
    assert before.returncode == 1 and answer["found"] and not answer["covered"]
    assert answer["message"].startswith("Belum terlindungi: kepesertaan mulai ")
    assert answer["date"] == "2000-01-01"
    plain = as_admin("workers", "check", row["nik"], "--date", "2000-01-01", home=tmp_path)
    first_day = date.fromisoformat(row["coverage_start"]).strftime("%d-%m-%Y")
    # Not covered yet: the line says when the coverage begins, not "-" beside "Aktif".
    assert "Terlindungi    : tidak" in plain.stdout
    assert f"Kepesertaan    : mulai {first_day}" in plain.stdout

    start = as_admin("workers", "check", row["nik"], "--date", row["coverage_start"], home=tmp_path)
    assert start.returncode == 0, start.stdout
    assert start.stdout.startswith("Terlindungi JKK dan JKM")
    assert f"NIK            : {row['nik']}" in start.stdout
    assert "Terlindungi    : ya" in start.stdout
    period = start.stdout.split("Kepesertaan    : ")[1]
    assert period.startswith(date.fromisoformat(row["coverage_start"]).strftime("%d-%m-%Y"))

    name = as_admin("workers", "check", "maria taek", home=tmp_path)
    assert name.returncode == 3
    assert 'workers search "maria taek"' in name.stdout  # a name goes to the name search

    wrong = as_admin("workers", "check", "5303059907850001", home=tmp_path)
    assert wrong.returncode == 3
    assert wrong.stdout.startswith("Periksa nomor: ") and "tidak terdaftar" not in wrong.stdout
    unknown = as_admin("workers", "check", "99999999999", home=tmp_path)
    assert unknown.returncode == 2
    assert "No. KPJ 99999999999 tidak terdaftar sebagai peserta." in unknown.stdout
    bad_date = as_admin("workers", "check", row["nik"], "--date", "kemarin", home=tmp_path)
    assert bad_date.returncode == 2 and "tanggal 'kemarin' tidak dikenali" in bad_date.stderr
