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


PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def make_private_dir(folder: Path) -> Path:
    """A folder only this account may open (on Linux 0700; Windows keeps the profile's ACL)."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if os.name == "posix":
        os.chmod(folder, PRIVATE_DIR_MODE)
    return folder


def make_private_file(path: Path) -> None:
    """Create the file (if missing) readable by this account only, or tighten an existing one."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE_MODE))
    if os.name == "posix":
        os.chmod(path, PRIVATE_FILE_MODE)
