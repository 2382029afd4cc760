"""What a card's QR code carries, and the check value that ties it to this register.

The payload names the worker by KPJ (or NIK while the KPJ is unknown) and adds
an HMAC of that identifier under the register's own key (table card_key), so a
scanned card is verified against the register and a hand-made QR fails.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from enum import StrEnum

PREFIX = "SIRENTAN1"
CHECK_LENGTH = 10  # base32 characters: 50 bits, more than any forger can try by hand


class IdKind(StrEnum):
    KPJ = "K"
    NIK = "N"


@dataclass(frozen=True, slots=True)
class CardIdentity:
    kind: IdKind
    number: str
    check: str


def identity_for(nik: str, kpj: str | None) -> tuple[IdKind, str]:
    return (IdKind.KPJ, kpj) if kpj else (IdKind.NIK, nik)


def check_value(secret: str, kind: IdKind, number: str) -> str:
    mac = hmac.new(bytes.fromhex(secret), f"{kind.value}{number}".encode(), hashlib.sha256)
    return base64.b32encode(mac.digest()).decode()[:CHECK_LENGTH]


def card_payload(secret: str, nik: str, kpj: str | None) -> str:
    kind, number = identity_for(nik, kpj)
    return f"{PREFIX}:{kind.value}{number}:{check_value(secret, kind, number)}"


def parse_payload(text: str) -> CardIdentity | None:
    """The identity a scanned text claims, or None when it is no SiRentan card."""
    parts = text.strip().split(":")
    if len(parts) != 3 or parts[0] != PREFIX or len(parts[1]) < 2:
        return None
    kind_code, number = parts[1][0], parts[1][1:]
    if kind_code not in {k.value for k in IdKind} or not number.isdigit():
        return None
    return CardIdentity(IdKind(kind_code), number, parts[2])


def is_authentic(secret: str, identity: CardIdentity) -> bool:
    expected = check_value(secret, identity.kind, identity.number)
    return hmac.compare_digest(expected, identity.check)
