"""Expected problems, each carrying an Indonesian message a clerk can act on.

Everything a clerk can cause or fix (bad input, a record changed by someone
else, a locked file, an unreachable server) is a ``SiRentanError``. Anything
else is a bug: the GUI logs it and shows a short apology instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about one field, shown alike by the form and the importer."""

    code: str
    field: str
    text: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class SiRentanError(Exception):
    """Root of every error whose message may be shown to a clerk as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(SiRentanError):
    """Input was refused; ``problems`` lists every error found, not only the first."""

    def __init__(self, problems: list[Problem], record: str = "") -> None:
        self.problems = problems
        self.record = record
        errors = [p for p in problems if p.is_error]
        head = f"Data {record} belum dapat disimpan" if record else "Data belum dapat disimpan"
        lines = "\n".join(f"- {p.text}" for p in errors)
        super().__init__(f"{head}:\n{lines}")


class NotFoundError(SiRentanError):
    pass


class ConflictError(SiRentanError):
    """Another clerk saved the same record after this clerk opened it."""

    def __init__(self, message: str, current: object | None = None) -> None:
        super().__init__(message)
        self.current = current


class ReferencedError(SiRentanError):
    """A record cannot be deleted while others still refer to it."""


class DatabaseUnavailableError(SiRentanError):
    """The database is locked, unreachable or not usable right now."""


class AuthenticationError(SiRentanError):
    """Sign-in refused: wrong name or password, a locked or deactivated account."""


class SchemaOutdatedError(SiRentanError):
    """The database schema is older (or newer) than this version of the app."""
