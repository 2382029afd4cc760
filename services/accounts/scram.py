"""SCRAM-SHA-256 password verifiers computed on the workstation (RFC 5802, RFC 7677).

PostgreSQL stores a password as ``SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>``
and accepts that string in ``ALTER ROLE … PASSWORD``, as ``psql``'s ``\\password`` sends it.
The clear password therefore never travels in a statement, where the server log or
``pg_stat_statements`` could keep it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

ITERATIONS = 4096  # PostgreSQL's default scram_iterations
SALT_BYTES = 16


def scram_verifier(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    # SASLprep is left out, as psql does for ASCII passwords; PostgreSQL falls back to the
    # raw bytes for a password SASLprep would reject, and both sides hash the same bytes.
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    return f"SCRAM-SHA-256${iterations}:{_b64(salt)}${_b64(stored_key)}:{_b64(server_key)}"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
