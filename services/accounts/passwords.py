"""Password hashing (Argon2id) and the rules a new password must meet."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from services.core.errors import Problem, ValidationError

MIN_LENGTH = 8
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def check_new_password(password: str, username: str, field: str = "password") -> None:
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(
            Problem(
                "password_short",
                field,
                f"Kata sandi minimal {MIN_LENGTH} karakter; yang diisi {len(password)}.",
            )
        )
    if username and username.lower() in password.lower():
        problems.append(
            Problem("password_has_name", field, "Kata sandi tidak boleh memuat nama pengguna.")
        )
    if problems:
        raise ValidationError(problems, record=f"akun {username}")
