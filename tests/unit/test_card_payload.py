"""The QR check value stays what cards already printed carry."""

from __future__ import annotations

import base64
import hashlib
import hmac

from services.cards.qr_payload import IdKind, card_payload, check_value

SECRET = "5e" * 32


def test_check_value_is_the_head_of_the_base32_hmac() -> None:
    # The definition printed cards were made with: base32 of the whole SHA-256 HMAC, cut.
    for kind, number, serial in [(IdKind.KPJ, "25070000001", 1), (IdKind.NIK, "5303", None)]:
        signed = f"{kind.value}{number}" + ("" if serial is None else f":{serial}")
        mac = hmac.new(bytes.fromhex(SECRET), signed.encode(), hashlib.sha256).digest()
        assert check_value(SECRET, kind, number, serial) == base64.b32encode(mac).decode()[:10]


def test_card_payload_pinned() -> None:
    assert card_payload(SECRET, "5303000000000001", "25070000001", 2) == (
        "SIRENTAN2:K25070000001:2:" + check_value(SECRET, IdKind.KPJ, "25070000001", 2)
    )
    assert check_value(SECRET, IdKind.KPJ, "25070000001", 2) == "KHH2ONGGTQ"
