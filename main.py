"""SiRentan: `python main.py` opens the app; `python main.py <command>` runs the CLI."""

from __future__ import annotations

import sys

from ui.cli.main import run

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
