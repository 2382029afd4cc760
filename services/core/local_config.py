"""Per-workstation settings (which database to open), kept in the user's config folder.

Office-wide settings live in the database; this file holds only what differs
between workstations. A PostgreSQL password is never written here.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

from sqlalchemy.engine import make_url

from models.database import sqlite_url_for
from services.core.errors import SiRentanError
from services.core.paths import config_dir, default_database_path

ENV_DATABASE_URL = "SIRENTAN_DATABASE_URL"


@dataclass(slots=True)
class LocalConfig:
    database_url: str | None = None
    # Printer calibration for cards: each workstation's printer feeds differently.
    card_offset_x_mm: float = 0.0
    card_offset_y_mm: float = 0.0
    # The clerk who signed in last here: the login offers it (never a password).
    last_username: str = ""


def _config_file():
    return config_dir() / "workstation.json"


def load_local_config() -> LocalConfig:
    path = _config_file()
    if not path.exists():
        return LocalConfig()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return LocalConfig()
    return LocalConfig(
        database_url=data.get("database_url") or None,
        card_offset_x_mm=_number(data.get("card_offset_x_mm")),
        card_offset_y_mm=_number(data.get("card_offset_y_mm")),
        last_username=str(data.get("last_username") or "")[:32],
    )


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def save_local_config(config: LocalConfig) -> None:
    if config.database_url and make_url(config.database_url).password:
        raise SiRentanError(
            "Kata sandi basis data tidak disimpan di komputer ini. "
            "Hapus kata sandi dari alamat basis data; ia akan ditanyakan saat masuk."
        )
    path = _config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(config), indent=2), encoding="utf-8")


def remember_username(username: str) -> None:
    """Offer this user name at this workstation's next sign-in."""
    config = load_local_config()
    if config.last_username != username:
        config.last_username = username
        save_local_config(config)


def resolve_database_url(explicit: str | None = None) -> str:
    """--database first, then SIRENTAN_DATABASE_URL, then this workstation's choice, then SQLite."""
    return (
        explicit
        or os.environ.get(ENV_DATABASE_URL)
        or load_local_config().database_url
        or sqlite_url_for(default_database_path())
    )
