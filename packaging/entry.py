"""The frozen programs' entry: the same as `python main.py` (no command opens the app)."""

import sys

from ui.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
