"""Text length limits, the same on both engines, checked before anything is written.

The limit of each text field is its model's ``String(n)`` (one place); PostgreSQL
enforces it by itself, SQLite does not (migration 0013 adds triggers as the wall).
Every flush is checked here first, so a clerk gets a message naming the field and
its limit instead of a database error, whichever engine the register is on.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Mapper, Session, sessionmaker

from services.core.errors import Problem, ValidationError
from services.text.figures import thousands

# Column names as a clerk knows the fields; others are shown by their own name.
FIELD_LABELS = {
    "full_name": "Nama",
    "name": "Nama",
    "nik": "NIK",
    "kk_number": "No. KK",
    "birth_place": "Tempat lahir",
    "address": "Alamat",
    "rt": "RT",
    "rw": "RW",
    "phone": "Nomor HP",
    "kpj": "No. KPJ",
    "status_reason": "Alasan status",
    "event_place": "Tempat kejadian",
    "treatment_place": "Tempat perawatan",
    "police_report_number": "Nomor laporan polisi",
    "cause_of_death": "Sebab meninggal",
    "letter_number": "Nomor surat",
    "decision_note": "Catatan keputusan",
    "paid_to_name": "Nama penerima",
    "paid_bank_name": "Nama bank",
    "paid_account_number": "Nomor rekening",
    "paid_account_holder": "Nama pemilik rekening",
    "bank_name": "Nama bank",
    "bank_account_number": "Nomor rekening",
    "bank_account_holder": "Nama pemilik rekening",
    "note": "Catatan",
    "position": "Jabatan",
    "rank": "Pangkat/golongan",
    "nip": "NIP",
    "on_behalf_of": "Atas nama",
    "subject": "Perihal",
    "addressee": "Tujuan surat",
    "bill_number": "Nomor tagihan",
    "reference": "Nomor bukti",
    "budget_code": "Kode anggaran",
    "label": "Nama",
    "hint": "Petunjuk",
    "recipient_name": "Nama penerima",
    "file_name": "Nama berkas",
    "username": "Nama pengguna",
}


# Tables as a clerk knows the records; the message says which record was refused.
RECORD_LABELS = {
    "worker": "peserta",
    "heir": "ahli waris",
    "claim": "klaim",
    "claim_heir": "ahli waris klaim",
    "claim_document": "dokumen klaim",
    "signatory": "penandatangan",
    "issued_document": "surat",
    "premium_bill": "tagihan",
    "premium_payment": "pembayaran",
    "budget_allocation": "anggaran",
    "app_user": "akun",
    "card_print": "kartu",
}


@cache
def column_limits(model: type) -> dict[str, int]:
    """Attribute name -> the longest text the column takes, from the model's String(n)."""
    mapper: Mapper[Any] = inspect(model)
    return {
        attr.key: column.type.length
        for attr in mapper.column_attrs
        for column in attr.columns[:1]
        if isinstance(column.type, String) and column.type.length
    }


def length_problems(model: type, values: dict[str, Any]) -> list[Problem]:
    """Fields of ``values`` longer than ``model`` takes, each as its own Problem."""
    limits = column_limits(model)
    problems = []
    for key, value in values.items():
        limit = limits.get(key)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            label = FIELD_LABELS.get(key, key)
            problems.append(
                Problem(
                    "too_long",
                    key,
                    f"{label} paling banyak {limit} karakter; yang diisi "
                    f"{thousands(len(value))} karakter. Perpendek isiannya.",
                )
            )
    return problems


def install_text_limits(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", _before_flush)


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    problems: list[Problem] = []
    records: list[str] = []
    for obj in list(session.new) + list(session.dirty):
        state = inspect(obj)
        new = obj in session.new
        kind: type = type(obj)
        values = {
            key: state.attrs[key].value
            for key in column_limits(kind)
            if new or state.attrs[key].history.has_changes()
        }
        found = length_problems(kind, values)
        if found:
            table = getattr(type(obj), "__tablename__", "")
            records.append(RECORD_LABELS.get(table, table))
            problems += found
    if problems:
        unique = list({(p.field, p.text): p for p in problems}.values())
        raise ValidationError(unique, record=" dan ".join(dict.fromkeys(records)))
