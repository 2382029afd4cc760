"""Predictable trouble gets its own Indonesian sentence, never "Terjadi kesalahan tak terduga".

Every bad file and address is made in the test: damaged SQLite files of several
kinds, files that are no database, addresses of the wrong kind or form, dates that
do not exist, numbers out of bounds, arguments that are not UTF-8, very long input.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.integration.test_cli import ROOT, as_admin, first_admin, run_cli
from tests.logfail import ExpectLog
from ui.cli.options import parse_cli_date, parse_cli_moment

UNEXPECTED = "tak terduga"


def _refused(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode != 0, result.stdout
    assert expected in result.stderr, result.stderr
    assert UNEXPECTED not in result.stderr and "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def good_register(sqlite_template: Path) -> bytes:
    """A sound, migrated register (the process's template, as `db upgrade` makes one)."""
    return sqlite_template.read_bytes()


def _damaged(kind: str, good: bytes) -> bytes:
    if kind == "truncated":
        return good[: len(good) // 3]
    if kind == "header-only":
        return good[:100]
    page = bytearray(good)
    if kind == "first-page":
        page[100:4096] = bytes((i * 37 + 11) % 256 for i in range(3996))
    elif kind == "header-fields":
        page[16:100] = b"\xff" * 84
    elif kind == "schema-page":
        page[100:200] = b"\x0d" + b"\xff" * 99
    return bytes(page)


@pytest.mark.parametrize(
    "kind", ["truncated", "header-only", "first-page", "header-fields", "schema-page"]
)
def test_a_damaged_register_is_named_as_damaged(
    tmp_path: Path, good_register: bytes, kind: str, expect_log: ExpectLog
) -> None:
    path = tmp_path / "rusak.db"
    path.write_bytes(_damaged(kind, good_register))
    # The damage is logged for the helpdesk (the clerk reads only the sentence below).
    with expect_log(logging.ERROR, "SQLite error"):
        result = run_cli(
            "--database",
            f"sqlite:///{path}",
            "workers",
            "search",
            "x",
            home=tmp_path,
            env={"SIRENTAN_USER": "a", "SIRENTAN_PASSWORD": "b"},
        )
    _refused(result, "rusak atau bukan basis data SiRentan")
    assert "backup restore" in result.stderr


def _workbook(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("mysql://kantor@server/sirentan", "jenis mysql tidak didukung"),
        ("postgresql://[rusak/sirentan", "Nama server '[rusak' pada alamat basis data tidak sah"),
        ("bukan alamat", "tidak dapat dibaca"),
        ("sqlite:////proc/self/sirentan.db", "folder sistem"),
        ("sqlite:///{tmp}", "adalah folder"),
        ("sqlite:///{tmp}/daftar.xlsx", "bukan basis data SiRentan (bukan berkas SQLite)"),
        ("sqlite:///{tmp}/catatan.txt", "bukan basis data SiRentan (bukan berkas SQLite)"),
    ],
)
def test_addresses_that_cannot_be_a_register(tmp_path: Path, address: str, expected: str) -> None:
    _workbook(tmp_path / "daftar.xlsx")
    (tmp_path / "catatan.txt").write_text("catatan rapat\n" * 20, encoding="utf-8")
    result = run_cli(
        "--database",
        address.format(tmp=tmp_path),
        "workers",
        "search",
        "x",
        home=tmp_path,
        env={"SIRENTAN_USER": "a", "SIRENTAN_PASSWORD": "b"},
    )
    _refused(result, expected)
    assert "tidak dapat dihubungi" not in result.stderr


@pytest.mark.postgres
def test_a_database_missing_on_the_server_is_named(tmp_path: Path) -> None:
    from tests.conftest import PG_ADMIN_URL, _require_postgres

    _require_postgres().dispose()
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/tidak_ada_sirentan_x"
    result = run_cli(
        "--database",
        url,
        "workers",
        "search",
        "x",
        home=tmp_path,
        env={"SIRENTAN_USER": "postgres", "SIRENTAN_PASSWORD": "x"},
    )
    _refused(result, "Basis data tidak_ada_sirentan_x tidak ada di server")


def test_the_one_date_helper() -> None:
    assert parse_cli_date("2025-07-31") == date(2025, 7, 31)
    assert parse_cli_date("31-07-2025") == date(2025, 7, 31)
    assert parse_cli_date("31/07/2025") == date(2025, 7, 31)
    for text, expected in [
        ("2025-02-30", "tanggal 30-02-2025 tidak ada"),
        ("30-02-2025", "tanggal 30-02-2025 tidak ada"),
        ("2025-13-01", "tanggal 01-13-2025 tidak ada"),
        ("kemarin", "tanggal 'kemarin' tidak dikenali; tulis YYYY-MM-DD atau DD-MM-YYYY"),
    ]:
        with pytest.raises(argparse.ArgumentTypeError) as caught:
            parse_cli_date(text)
        assert expected in str(caught.value)


def test_a_moment_reads_its_date_as_every_date_option_does() -> None:
    assert parse_cli_moment("31-07-2025 14:05") == datetime(2025, 7, 31, 14, 5)
    assert parse_cli_moment("2025-07-31 14:05") == datetime(2025, 7, 31, 14, 5)
    for text, expected in [
        ("2025-02-30 10:00", "tanggal 30-02-2025 tidak ada"),
        ("2025-07-31 25:00", "jam '25:00' tidak dikenali"),
        ("besok", "tulis 'YYYY-MM-DD JJ:MM'"),
    ]:
        with pytest.raises(argparse.ArgumentTypeError) as caught:
            parse_cli_moment(text)
        assert expected in str(caught.value)


@pytest.mark.parametrize(
    "command",
    [
        ("agreement", "-o", "x.pdf", "--date"),
        ("letter", "iuran", "--period", "2025-07", "-o", "x.pdf", "--date"),
        ("cards", "hand-over", "--batch", "1", "--to", "desa", "--date"),
        ("claims", "rates", "set", "jkm_santunan", "--valid-from"),
        ("premium", "pay", "--bill", "1", "--amount", "5", "--date"),
    ],
)
def test_every_date_option_answers_the_same_sentence(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    result = run_cli(*command, "2025-02-30", home=tmp_path)
    _refused(result, "tanggal 30-02-2025 tidak ada")
    assert "fromisoformat" not in result.stderr


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (("workers", "search", "x", "--limit", "-1"), "batas -1 di luar batas: 1 sampai 1.000"),
        (("demo-data", "--count", "99999999999"), "di luar batas: 1 sampai 200.000"),
        (("claims", "show", "99999999999999999999"), "di luar batas"),
        (("letters", "list", "--year", "99999"), "tahun 99999 di luar batas"),
    ],
)
def test_numbers_out_of_bounds_are_refused(
    tmp_path: Path, command: tuple[str, ...], expected: str
) -> None:
    _refused(run_cli(*command, home=tmp_path), expected)


def test_an_argument_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    environment = {**os.environ, "SIRENTAN_HOME": str(tmp_path), "LC_ALL": "C.UTF-8"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "workers", "search", b"Mar\xeda"],
        capture_output=True,
        env=environment,
        timeout=60,
        check=False,
    )
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 1
    assert "Argumen ke-3 memuat huruf yang tidak terbaca (bukan UTF-8)" in stderr
    assert UNEXPECTED not in stderr


def test_long_input_is_quoted_as_a_short_excerpt(tmp_path: Path) -> None:
    first_admin(tmp_path)
    long_name = "a" * 100_000
    for command in (
        ("users", "reset-password", long_name),
        ("letters", "reprint", long_name, "-o", str(tmp_path / "x.pdf")),
        ("export-workers", "-o", str(tmp_path / "x.xlsx"), "--format", long_name),
    ):
        result = as_admin(*command, home=tmp_path)
        assert result.returncode != 0
        assert len(result.stderr) < 2_000, result.stderr[:300]
        assert UNEXPECTED not in result.stderr
