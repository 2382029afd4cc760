"""argparse's own words in Indonesian, so a mistyped command is answered in the clerk's
language like everything else (argparse looks its messages up through gettext's ``_``)."""

from __future__ import annotations

import argparse

WORDS = {
    "usage: ": "cara pakai: ",
    "options": "pilihan",
    "positional arguments": "isian",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "pilihan %(option)s kurang jelas, bisa berarti %(matches)s"
    ),
    "expected one argument": "perlu satu nilai",
    "expected at least one argument": "perlu paling sedikit satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "ignored explicit argument %r": "nilai %r tidak dipakai",
    "invalid %(type)s value: %(value)r": "nilai %(value)r tidak sah",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "%(value)r tidak dikenal; pilih salah satu: %(choices)s"
    ),
    "not allowed with argument %s": "tidak boleh bersama %s",
    "one of the arguments %s is required": "salah satu dari %s wajib diisi",
    "the following arguments are required: %s": "wajib diisi: %s",
    "unrecognized arguments: %s": "tidak dikenal: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "perintah %(parser_name)r tidak dikenal (pilihan: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "berkas '%(filename)s' tidak dapat dibuka: %(error)s",
}


def _indonesian(message: str) -> str:
    return WORDS.get(message, message)


def speak_indonesian() -> None:
    """Route argparse's messages through WORDS (its module-level gettext alias)."""
    # argparse's stub does not declare its private gettext alias, the only hook it has.
    argparse._ = _indonesian  # type: ignore[attr-defined]
