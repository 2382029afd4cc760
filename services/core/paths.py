"""Where SiRentan keeps its files on this workstation, and the files it ships with."""

from __future__ import annotations

import os
import sys
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "SiRentan"


def resources_folder(root: Traversable) -> Path:
    """The folder of the package `resources` as a plain path.

    A wheel gives a Path; a PyInstaller bundle gives a MultiplexedPath, whose str() is
    no path at all (fonts then failed to load in the Windows build), while its entries are.
    """
    return Path(str(root.joinpath("data"))).parent


# The installed package's folder (a wheel and a frozen bundle carry it as package data).
RESOURCES_DIR = resources_folder(files("resources"))
# The console program beside SiRentan.exe in the Windows bundle (PyInstaller).
FROZEN_CLI_NAME = "sirentan-cli"

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


def command_prefix() -> str:
    """How a clerk or administrator starts a command of this very copy of SiRentan.

    Messages that tell someone to run a command name it this way: the console program
    of a frozen bundle, the `sirentan` command of an installed package, or
    `python main.py` in a source tree.
    """
    if getattr(sys, "frozen", False):
        # Windows: the console program beside the windowed one; Linux: the one program.
        return FROZEN_CLI_NAME if sys.platform == "win32" else Path(sys.executable).name
    if (Path(__file__).resolve().parents[2] / "main.py").is_file():  # services/core/paths.py
        return "python main.py"
    return "sirentan"
