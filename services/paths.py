"""Where SiRentan keeps its files on this workstation, and the files it ships with."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "SiRentan"
RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"

_dirs = PlatformDirs(APP_NAME, appauthor=False)


def data_dir() -> Path:
    # Tests and portable installs point SIRENTAN_HOME at a folder of their own.
    home = os.environ.get("SIRENTAN_HOME")
    return Path(home) if home else Path(_dirs.user_data_dir)


def config_dir() -> Path:
    home = os.environ.get("SIRENTAN_HOME")
    return Path(home) if home else Path(_dirs.user_config_dir)


def log_dir() -> Path:
    home = os.environ.get("SIRENTAN_HOME")
    return Path(home) / "logs" if home else Path(_dirs.user_log_dir)


def default_database_path() -> Path:
    return data_dir() / "sirentan.db"
