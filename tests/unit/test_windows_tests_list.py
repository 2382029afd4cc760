"""The list of tests run under Windows' CPython names tests that exist.

packaging/windows/ci_check.sh runs only these under Wine; a renamed or moved test would
end that run with "found no collectors", or (a file) quietly test less: caught here, on
Linux, in seconds.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIST = ROOT / "packaging" / "windows" / "windows-tests.txt"


def _entries() -> list[str]:
    lines = (
        line.split("#", 1)[0].strip() for line in LIST.read_text(encoding="utf-8").splitlines()
    )
    return [line for line in lines if line]


def test_every_listed_test_exists_and_each_group_says_why() -> None:
    entries = _entries()
    assert entries
    for entry in entries:
        path, _, name = entry.partition("::")
        source = ROOT / path
        assert source.is_file() and path.startswith("tests/"), entry
        if name:
            function = name.split("[", 1)[0]
            assert re.search(rf"^def {function}\(", source.read_text(encoding="utf-8"), re.M), entry
    # Every group of entries comes after a comment giving its reason.
    text = LIST.read_text(encoding="utf-8")
    for group in re.split(r"\n\s*\n", text):
        lines = group.strip().splitlines()
        if any(not line.startswith("#") for line in lines):
            assert lines[0].startswith("#"), group
    assert len(entries) == len(set(entries)), "listed twice"
