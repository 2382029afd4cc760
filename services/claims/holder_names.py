"""Is this bank account held by this person? A name match tolerant of how banks and
registers write names: case, accents, punctuation, titles and forms of address
(``Dra. Maria Goreti Taek, S.Pd.`` is ``MARIA GORETI TAEK``), an initial for a word
(``M. GORETI TAEK``) and a letter or two spelled differently (``YOHANIS`` for
``YOHANES``). Pure functions; the payment rules (services/claims/payment.py) call them.
"""

from __future__ import annotations

import re
import unicodedata

# Forms of address and academic or religious titles, as banks and registers print them.
_TITLES = frozenset(
    {
        "BPK", "BAPAK", "IBU", "SDR", "SDRI", "SAUDARA", "SAUDARI", "TN", "TUAN", "NY",
        "NYONYA", "NN", "NONA", "ALM", "ALMH", "ALMARHUM", "ALMARHUMAH", "H", "HJ", "HAJI",
        "HAJJAH", "DR", "DRS", "DRA", "IR", "PROF", "SE", "SH", "SPD", "SPDI", "SKM", "SKEP",
        "SAG", "SSOS", "SST", "SIP", "SKOM", "ST", "MM", "MSI", "MPD", "MH", "AMD", "AMKEP",
        "AMDKEP", "PDT", "RM", "SR", "FR", "BR", "PASTOR",
    }
)  # fmt: skip
# Words at least this long may differ by one letter; at least LONG_WORD, by two.
SPELLING_WORD = 6
LONG_WORD = 10


def name_words(name: str | None) -> list[str]:
    """The words of a name without accents, punctuation and titles, in capitals."""
    plain = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in plain if not unicodedata.combining(c)).upper()
    # "S.Pd." and "S. Pd" are one title: drop the dots inside words first.
    words = re.sub(r"[^A-Z0-9 ,]", "", plain.replace(".", "")).replace(",", " ").split()
    return [w for w in words if w not in _TITLES]


def _distance(a: str, b: str) -> int:
    """Letters to change, add or drop to turn one word into the other (Levenshtein)."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _word_alike(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial stands for the word
        return a[0] == b[0]
    # Short names differ by one letter between different people (MARIA, MARTA): only
    # longer words may be spelled differently (YOHANES, YOHANIS, JOHANES).
    shorter = min(len(a), len(b))
    allowed = 2 if shorter >= LONG_WORD else 1 if shorter >= SPELLING_WORD else 0
    return _distance(a, b) <= allowed


def same_holder(holder: str | None, person: str | None) -> bool:
    """True when the account holder's name is the person's, allowing for the above."""
    first, second = name_words(holder), name_words(person)
    if not first or not second:
        return False
    if "".join(first) == "".join(second):  # spacing only ("MARIAGORETI")
        return True
    if len(first) != len(second):
        return False
    return all(_word_alike(a, b) for a, b in zip(first, second, strict=True))
