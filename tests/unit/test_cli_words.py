"""A mistyped command is answered in Indonesian, argparse's own phrases included."""

from __future__ import annotations

import pytest

from ui.cli.main import build_parser


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["workers", "check"], "wajib diisi: NIK|KPJ"),
        (["claims", "list", "--type", "jkx"], "'jkx' tidak dikenal; pilih salah satu"),
        (["workers", "search", "budi", "--bogus"], "tidak dikenal: --bogus"),
        (["perintah-palsu"], "'perintah-palsu' tidak dikenal; pilih salah satu"),
    ],
)
def test_argparse_speaks_indonesian(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(argv)
    assert stop.value.code == 2
    said = capsys.readouterr().err
    assert expected in said
    for english in ("usage:", "error:", "required", "invalid choice", "unrecognized", "argument"):
        assert english not in said
    assert said.startswith("cara pakai: ")
