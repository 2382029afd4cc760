"""What a card's QR code carries, and the check value that ties it to this register.

The payload names the worker by KPJ (or NIK on cards printed before a KPJ was
required), the card's serial (1 for the first card, 2 for the first reprint, ...)
and an HMAC of both under the register's own key (table card_key), so a scanned
card is verified against the register, a hand-made QR fails, and a card replaced
by a reprint is told apart from its replacement (``SIRENTAN2:K<kpj>:<serial>:<check>``).
Cards printed before serials (``SIRENTAN1:K<kpj>:<check>``) still read, without one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from enum import StrEnum

PREFIX = "SIRENTAN2"
LEGACY_PREFIX = "SIRENTAN1"
CHECK_LENGTH = 10  # base32 characters: 50 bits, more than any forger can try by hand


class IdKind(StrEnum):
    KPJ = "K"
    NIK = "N"


@dataclass(frozen=True, slots=True)
class CardIdentity:
    kind: IdKind
    number: str
    check: str
    serial: int | None = None  # None: a card printed before serials


def identity_for(nik: str, kpj: str | None) -> tuple[IdKind, str]:
    return (IdKind.KPJ, kpj) if kpj else (IdKind.NIK, nik)


def check_value(secret: str, kind: IdKind, number: str, serial: int | None = None) -> str:
    signed = f"{kind.value}{number}" + ("" if serial is None else f":{serial}")
    mac = hmac.new(bytes.fromhex(secret), signed.encode(), hashlib.sha256)
    # Base32 turns each 5 bytes into 8 characters on its own, so the first 10 bytes give the
    # same leading characters as the whole digest, at a fraction of the pure-Python cost.
    return base64.b32encode(mac.digest()[:10]).decode()[:CHECK_LENGTH]


def card_payload(secret: str, nik: str, kpj: str | None, serial: int) -> str:
    kind, number = identity_for(nik, kpj)
    check = check_value(secret, kind, number, serial)
    return f"{PREFIX}:{kind.value}{number}:{serial}:{check}"


def parse_payload(text: str) -> CardIdentity | None:
    """The identity a scanned text claims, or None when it is no SiRentan card."""
    parts = text.strip().split(":")
    serial: int | None = None
    if len(parts) == 4 and parts[0] == PREFIX and parts[2].isdigit():
        serial = int(parts[2])
        parts = [parts[0], parts[1], parts[3]]
    elif len(parts) != 3 or parts[0] != LEGACY_PREFIX:
        return None
    if len(parts[1]) < 2 or (serial is not None and serial < 1):
        return None
    kind_code, number = parts[1][0], parts[1][1:]
    if kind_code not in {k.value for k in IdKind} or not number.isdigit():
        return None
    return CardIdentity(IdKind(kind_code), number, parts[2], serial)


def is_authentic(secret: str, identity: CardIdentity) -> bool:
    expected = check_value(secret, identity.kind, identity.number, identity.serial)
    return hmac.compare_digest(expected, identity.check)
