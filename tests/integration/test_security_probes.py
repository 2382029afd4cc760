"""Further raw-client probes, as an adversary with each clerk's own login role: every table,
view, sequence and function of the register, the server's own doors (files, programs,
roles, settings), and the claim's payment and verification columns (migration 0017).

One pair of registers for the module (test_security_raw_client builds them); each probe
either is refused or leaves the register as the app would.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from models import schema
from models.database import make_engine
from services.accounts.auth import sign_in
from services.accounts.scram import scram_verifier
from services.claims.holder_names import name_words, same_holder
from tests.conftest import drop_pg_database
from tests.integration.test_security_raw_client import (
    Register,
    _make_register,
    audit_rows_since,
    connect,
    last_audit_id,
    refused,
    superuser,
)
from tests.integration.trust_helpers import PASSWORD
from tests.present import present

pytestmark = pytest.mark.postgres

CLERKS = ("admin", "operator", "operator_kota", "verifikator", "viewer", "viewer_kota")
CONNECTION_LIMIT = 20  # migration 0017's sessions per clerk login
DENIED = ("permission denied", "must be", "must have", "insufficient privilege")


@pytest.fixture(scope="module")
def registers() -> Iterator[tuple[Register, Register]]:
    first, admin_a = _make_register("pa")
    second, admin_b = _make_register("pb")
    yield first, second
    drop_pg_database(first.url, admin_a)
    drop_pg_database(second.url, admin_b)


@pytest.fixture(scope="module")
def reg(registers: tuple[Register, Register]) -> Register:
    return registers[0]


def denied(conn: psycopg.Connection[Any], statement: str, params: Any = None) -> None:
    error = refused(conn, statement, params)
    assert any(words in error for words in DENIED), (statement, error)


def _relations(reg: Register) -> list[tuple[str, str]]:
    with superuser(reg) as conn:
        return conn.execute(
            "SELECT c.relname, c.relkind::text FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'S', 'p') ORDER BY 1"
        ).fetchall()


# -- every relation --------------------------------------------------------------------------


def test_no_clerk_truncates_references_triggers_or_moves_a_sequence(reg: Register) -> None:
    relations = _relations(reg)
    for kind in CLERKS:
        with connect(reg, reg.logins[kind]) as conn:
            for name, relkind in relations:
                if relkind == "S":
                    rights = conn.execute(
                        "SELECT has_sequence_privilege(%s, 'UPDATE')", (name,)
                    ).fetchone()
                    assert rights == (False,), (kind, name, "setval")
                    continue
                rights = conn.execute(
                    "SELECT has_table_privilege(%s, 'TRUNCATE'), "
                    "has_table_privilege(%s, 'REFERENCES'), has_table_privilege(%s, 'TRIGGER')",
                    (name, name, name),
                ).fetchone()
                assert rights == (False, False, False), (kind, name)
            denied(conn, "TRUNCATE worker CASCADE")
            denied(conn, "SELECT setval('worker_id_seq', 1)")
            denied(conn, "SELECT setval('audit_log_id_seq', 1)")


def test_viewers_write_nothing_but_their_own_sign_in_columns(reg: Register) -> None:
    relations = [name for name, relkind in _relations(reg) if relkind != "S"]
    for kind in ("viewer", "viewer_kota"):
        with connect(reg, reg.logins[kind]) as conn:
            for name in relations:
                writes = conn.execute(
                    "SELECT has_any_column_privilege(%s, 'INSERT'), "
                    "has_any_column_privilege(%s, 'UPDATE'), has_table_privilege(%s, 'DELETE')",
                    (name, name, name),
                ).fetchone()
                expected = (False, name == "app_user", False)
                assert writes == expected, (kind, name, writes)


def test_the_register_group_table_and_the_trail_are_nobodys_to_write(reg: Register) -> None:
    for kind in CLERKS:
        with connect(reg, reg.logins[kind]) as conn:
            denied(conn, "UPDATE register_group SET rolname = 'pg_read_all_data'")
            denied(conn, "INSERT INTO register_group VALUES ('x', 'pg_monitor')")
            denied(conn, "DELETE FROM register_group")
            denied(
                conn,
                "INSERT INTO audit_log (action, entity) VALUES ('login', 'user') "
                "ON CONFLICT DO NOTHING",
            )
            # Nor through the views.
            denied(conn, "UPDATE audit_log_masked SET summary = 'x'")
            denied(conn, "DELETE FROM audit_log_masked")
            denied(conn, "UPDATE worker_masked SET updated_by = 'x'")
            denied(conn, "INSERT INTO worker_masked (full_name) VALUES ('x')")


def test_no_clerk_reads_password_hashes_or_changes_who_they_are(reg: Register) -> None:
    for kind in CLERKS:
        me = reg.logins[kind]
        with connect(reg, me) as conn:
            denied(conn, "SELECT password_hash FROM app_user")
            denied(conn, "SELECT * FROM app_user")
            if kind != "admin":
                denied(conn, "UPDATE app_user SET role = 'admin' WHERE username = %s", (me,))
                denied(conn, "UPDATE app_user SET username = 'x' WHERE username = %s", (me,))
                denied(conn, "DELETE FROM user_kecamatan")
                denied(
                    conn,
                    "INSERT INTO user_kecamatan (user_id, kecamatan_code) SELECT id, '53.03.06' "
                    "FROM app_user WHERE username = %s ON CONFLICT DO NOTHING",
                    (me,),
                )
            else:
                # An administrator changes accounts, never a login's name (the server's
                # roles follow the name).
                denied(conn, "UPDATE app_user SET username = 'x' WHERE username = %s", (me,))


# -- the server's own doors -------------------------------------------------------------------


def test_no_clerk_reaches_files_programs_or_other_roles(reg: Register) -> None:
    owner, manager = f"{reg.dbname}_owner", f"{reg.dbname}_manager"
    for kind in CLERKS:
        me = reg.logins[kind]
        with connect(reg, me) as conn:
            for statement in (
                "SELECT pg_read_file('/etc/passwd')",
                "SELECT pg_ls_dir('.')",
                "SELECT pg_read_binary_file('postgresql.conf')",
                "SELECT lo_import('/etc/passwd')",
                "COPY (SELECT 1) TO '/tmp/sirentan_probe'",
                "COPY (SELECT 1) TO PROGRAM 'true'",
                "CREATE TABLE public.probe (x int)",
                "CREATE TEMP TABLE probe (x int)",
                "CREATE SCHEMA probe",
                "CREATE EXTENSION dblink",
                "CREATE FUNCTION public.probe() RETURNS int LANGUAGE sql AS 'SELECT 1'",
                f'SET ROLE "{owner}"',
                f'SET ROLE "{manager}"',
                "SET ROLE postgres",
                "SET SESSION AUTHORIZATION postgres",
                "SET session_replication_role = replica",
                "ALTER ROLE CURRENT_USER CONNECTION LIMIT 1000",
                "ALTER ROLE CURRENT_USER CREATEDB",
                "ALTER ROLE CURRENT_USER BYPASSRLS",
                "ALTER ROLE CURRENT_USER VALID UNTIL 'infinity'",
                "ALTER ROLE CURRENT_USER SET session_replication_role = replica",
                f'GRANT "{reg.dbname}_admin" TO "{me}"',
                f'GRANT "{reg.dbname}_{"admin" if kind != "admin" else "viewer"}" '
                f'TO "{reg.logins["viewer"]}"',
                "ALTER TABLE worker DISABLE ROW LEVEL SECURITY",
                "ALTER TABLE worker DISABLE TRIGGER ALL",
                "DROP TRIGGER sirentan_audit ON worker",
                "DROP POLICY worker_by_kecamatan ON worker",
                "CREATE POLICY probe ON worker USING (true)",
                "CREATE OR REPLACE FUNCTION sirentan_actor() RETURNS text LANGUAGE sql "
                "AS $$ SELECT 'x' $$",
                f'ALTER FUNCTION sirentan_actor() OWNER TO "{me}"',
                "ALTER VIEW worker_masked SET (security_barrier = false)",
                "DROP VIEW worker_masked",
                "SELECT lo_get(lo_from_bytea(0, 'x')) FROM pg_largeobject",
            ):
                error = refused(conn, statement)
                assert any(
                    words in error
                    for words in (*DENIED, "does not exist", "cannot be executed", "not allowed")
                ), (kind, statement, error)


def test_no_clerk_reads_another_sessions_query_or_signals_it(reg: Register) -> None:
    query = "SELECT count(*) FROM pg_stat_activity WHERE pid = %s AND query LIKE '%%geheim-5303%%'"
    with connect(reg, reg.logins["admin"]) as admin:
        pid = present(admin.execute("SELECT pg_backend_pid()").fetchone(), "row")[0]
        # The session's last statement is what pg_stat_activity shows of it.
        admin.execute("SELECT 'geheim-53030511'")
        with superuser(reg) as server:
            assert server.execute(query, (pid,)).fetchone() == (1,)
        for kind in ("operator", "viewer_kota", "verifikator"):
            with connect(reg, reg.logins[kind]) as conn:
                assert conn.execute(query, (pid,)).fetchone() == (0,), kind
                denied(conn, "SELECT pg_terminate_backend(%s)", (pid,))
                denied(conn, "SELECT pg_cancel_backend(%s)", (pid,))


def test_no_clerk_creates_a_large_object(reg: Register) -> None:
    """0022: large objects are nobody's store but the server administrator's (the app keeps
    none); a clerk's would be a place for whole NIKs beyond every view and the trail."""
    for kind in CLERKS:
        with connect(reg, reg.logins[kind]) as conn:
            for statement in (
                "SELECT lo_from_bytea(0, '3171010101010001'::bytea)",
                "SELECT lo_create(0)",
                "SELECT lo_creat(-1)",
                "SELECT lo_import('/etc/hostname')",
                "SELECT lo_import('/etc/hostname', 0)",
            ):
                denied(conn, statement)


def test_a_large_object_given_to_a_clerk_is_not_anothers(reg: Register) -> None:
    with superuser(reg) as server:
        oid = present(
            server.execute("SELECT lo_from_bytea(0, '3171010101010001'::bytea)").fetchone()
        )[0]
        server.execute(f'ALTER LARGE OBJECT {int(oid)} OWNER TO "{reg.logins["operator"]}"')
        server.commit()
        try:
            with connect(reg, reg.logins["operator"]) as conn:
                assert conn.execute("SELECT lo_get(%s)", (oid,)).fetchone() is not None
            for kind in ("viewer", "verifikator", "operator_kota"):
                with connect(reg, reg.logins[kind]) as other:
                    denied(other, "SELECT lo_get(%s)", (oid,))
                    denied(other, "SELECT lo_unlink(%s)", (oid,))
        finally:
            server.execute("SELECT lo_unlink(%s)", (oid,))
            server.commit()


# -- functions ----------------------------------------------------------------------------------

# The definer functions each group may call; every other definer function is nobody's.
CALLABLE = {
    "sirentan_my_kecamatan()": set(CLERKS),
    "sirentan_find_worker(text)": set(CLERKS),
    "sirentan_reveal_identity(integer,text)": set(CLERKS),
    "sirentan_audit_event(text,text,text,text,text)": set(CLERKS),
    "sirentan_approve_import(integer)": {"admin", "verifikator"},
    "sirentan_next_letter_number(text,integer)": {"admin", "operator", "operator_kota"},
    "sirentan_account_sync(text,text)": {"admin"},
    "sirentan_change_own_password(text)": set(CLERKS),
}


def test_every_definer_function_is_callable_only_by_the_groups_that_need_it(
    reg: Register,
) -> None:
    with superuser(reg) as conn:
        definers = [
            r[0]
            for r in conn.execute(
                "SELECT replace(p.oid::regprocedure::text, ', ', ',') FROM pg_proc p "
                "JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE n.nspname = 'public' AND p.prosecdef"
            ).fetchall()
        ]
        unpinned = conn.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l "
            "ON l.oid = p.prolang WHERE n.nspname = 'public' AND p.proname LIKE 'sirentan%%' "
            "AND NOT coalesce(EXISTS (SELECT 1 FROM unnest(p.proconfig) c "
            "WHERE c LIKE 'search\\_path=%%'), false)"
        ).fetchall()
    assert unpinned == []
    assert set(definers) >= set(CALLABLE)
    for kind in CLERKS:
        with connect(reg, reg.logins[kind]) as conn:
            for signature in definers:
                may = present(
                    conn.execute(
                        "SELECT has_function_privilege(%s, 'EXECUTE')", (signature,)
                    ).fetchone()
                )[0]
                assert may == (kind in CALLABLE.get(signature, set())), (kind, signature)


def test_reveal_and_find_check_their_arguments(reg: Register) -> None:
    with connect(reg, reg.logins["viewer"]) as conn:
        for worker in ("NULL", "0", "-1"):
            assert "invalid worker" in refused(
                conn, f"SELECT * FROM sirentan_reveal_identity({worker}, 'x')"
            )
        # A station name cannot fill the trail: cut to 100 characters.
        conn.execute("SELECT * FROM sirentan_reveal_identity(%s, %s)", (reg.in_kota, "w" * 5000))
        conn.commit()
        for number in ("", "53%", "5303_5", ".*", "1" * 21, "' OR 1=1 --", None):
            assert conn.execute("SELECT sirentan_find_worker(%s)", (number,)).fetchall() == []
    with superuser(reg) as conn:
        station = present(
            conn.execute(
                "SELECT workstation FROM audit_log WHERE action = 'access' ORDER BY id DESC LIMIT 1"
            ).fetchone()
        )[0]
    assert station == "w" * 100


# -- row-level security -------------------------------------------------------------------------


def _elsewhere_name(reg: Register) -> str:
    with superuser(reg) as conn:
        return present(
            conn.execute("SELECT full_name FROM worker WHERE id = %s", (reg.elsewhere,)).fetchone()
        )[0]


def test_limited_clerks_read_nothing_of_another_kecamatan_through_any_view(
    reg: Register,
) -> None:
    name = _elsewhere_name(reg)
    views = [n for n, relkind in _relations(reg) if relkind in ("v", "m")]
    for kind in ("operator_kota", "viewer_kota"):
        with connect(reg, reg.logins[kind]) as conn:
            for view in views:
                if not present(
                    conn.execute("SELECT has_table_privilege(%s, 'SELECT')", (view,)).fetchone()
                )[0]:
                    continue
                rows = conn.execute(f'SELECT * FROM "{view}"').fetchall()
                text = json.dumps(rows, default=str)
                assert name not in text and reg.nik_elsewhere not in text, (kind, view)


def test_a_leaky_cast_in_a_query_sees_only_the_clerks_own_rows(reg: Register) -> None:
    name = _elsewhere_name(reg)
    with connect(reg, reg.logins["operator_kota"]) as conn:
        for statement in (
            "SELECT count(*) FROM worker WHERE full_name::integer = 1",
            "SELECT count(*) FROM heir WHERE full_name::integer = 1",
            "SELECT count(*) FROM worker WHERE nik::date IS NULL",
        ):
            error = refused(conn, statement)
            assert name not in error and reg.nik_elsewhere not in error, statement
        # Without row security a limited clerk reads nothing at all, rather than everything.
        conn.execute("SET row_security = off")
        assert "row-level security" in refused(conn, "SELECT count(*) FROM worker")


def test_a_limited_operator_writes_nothing_of_another_kecamatan(reg: Register) -> None:
    with connect(reg, reg.logins["operator_kota"]) as conn:
        assert "row-level security" in refused(
            conn,
            "INSERT INTO heir (worker_id, full_name, relation, created_at, updated_at) "
            "VALUES (%s, 'X', 'anak', now(), now()) "
            "ON CONFLICT DO NOTHING",
            (reg.elsewhere,),
        )
        assert "row-level security" in refused(
            conn,
            "UPDATE worker SET village_code = '53.03.06.2001', kecamatan_code = '53.03.06' "
            "WHERE id = %s",
            (reg.in_kota,),
        )
        moved = conn.execute(
            "UPDATE worker SET phone = '0800' WHERE id = %s RETURNING id", (reg.elsewhere,)
        ).fetchall()
        assert moved == []
        conn.rollback()


def test_the_name_search_copy_shows_and_takes_no_more_than_worker(reg: Register) -> None:
    """worker_name_search (0021): every clerk reads of it only the workers it may read,
    writes it only through worker, and a raw write to worker keeps it true."""
    for kind in CLERKS:
        with connect(reg, reg.logins[kind]) as conn:
            seen = {r[0] for r in conn.execute("SELECT id FROM worker_name_search")}
            assert seen == {r[0] for r in conn.execute("SELECT id FROM worker")}, kind
            assert (reg.elsewhere in seen) == (not kind.endswith("_kota")), kind
            assert reg.in_kota in seen, kind
            for statement in (
                "INSERT INTO worker_name_search VALUES (999999, '53.03.06', 'x')",
                "UPDATE worker_name_search SET name_key = 'x'",
                "DELETE FROM worker_name_search",
                "TRUNCATE worker_name_search",
                "SELECT sirentan_sync_name_search()",
            ):
                denied(conn, statement)
    with connect(reg, reg.logins["operator_kota"]) as conn:
        conn.execute("SET row_security = off")
        assert "row-level security" in refused(conn, "SELECT count(*) FROM worker_name_search")
    with connect(reg, reg.logins["operator"]) as conn:
        conn.execute("UPDATE worker SET name_key = 'zz probe' WHERE id = %s", (reg.in_kota,))
        found = conn.execute(
            "SELECT id FROM worker_name_search WHERE name_key LIKE '%%zz probe%%'"
        ).fetchall()
        assert found == [(reg.in_kota,)]
        conn.rollback()
    with superuser(reg) as conn:
        # A raw move to another kecamatan moves the copy too (the limited clerk loses it).
        conn.execute(
            "UPDATE worker SET village_code = '53.03.06.2001', kecamatan_code = '53.03.06' "
            "WHERE id = %s",
            (reg.in_kota,),
        )
        moved = conn.execute(
            "SELECT kecamatan_code FROM worker_name_search WHERE id = %s", (reg.in_kota,)
        ).fetchone()
        assert moved == ("53.03.06",)
        conn.rollback()
        copy = conn.execute(
            "SELECT id, kecamatan_code, name_key FROM worker_name_search ORDER BY 1"
        )
        rows = conn.execute("SELECT id, kecamatan_code, name_key FROM worker ORDER BY 1")
        assert copy.fetchall() == rows.fetchall()


def test_no_login_of_one_register_reaches_the_other(
    registers: tuple[Register, Register],
) -> None:
    reg, other = registers
    for kind in CLERKS:
        with pytest.raises(psycopg.OperationalError):
            connect(other, reg.logins[kind])
        with pytest.raises(psycopg.OperationalError):
            connect(reg, other.logins[kind])


# -- a claim's payment and verification (0017) ----------------------------------------------------


_EVENT_DAYS = iter(range(1, 28))
SUBMIT = (
    "UPDATE claim SET status = 'diajukan', letter_number = %s, letter_date = '2026-11-01', "
    "submitted_on = '2026-11-01' WHERE id = %s"
)


def _claim_at(reg: Register, status: str) -> int:
    """A fresh claim of the Kota worker, moved along by the operator to ``status``."""
    path = ["berkas_lengkap", "diajukan", "disetujui"]
    event = f"2025-09-{next(_EVENT_DAYS):02d}"
    with superuser(reg) as conn:
        # One open death claim per worker: the earlier probes' claims are cancelled.
        conn.execute("UPDATE claim SET status = 'dibatalkan' WHERE worker_id = %s", (reg.in_kota,))
        claim = present(
            conn.execute(
                "INSERT INTO claim (worker_id, claim_type, status, status_since, event_date, "
                "traffic_accident, eligible, created_at, updated_at, version) "
                "VALUES (%s, 'jkm', 'draft', now(), %s, false, true, now(), now(), 1) "
                "RETURNING id",
                (reg.in_kota, event),
            ).fetchone()
        )[0]
        conn.execute(
            "INSERT INTO claim_heir (claim_id, full_name, relation, bank_name, "
            "bank_account_number, bank_account_holder, arranged_funeral, created_at, "
            "updated_at) VALUES (%s, 'Yohanes Taek', 'suami_istri', 'BRI', '1234567890', "
            "'Yohanes Taek', false, now(), now())",
            (claim,),
        )
    with connect(reg, reg.logins["operator"]) as conn:
        for step in path[: path.index(status) + 1] if status in path else []:
            if step == "diajukan":  # with its letter, as the step asks (0024)
                conn.execute(SUBMIT, (f"400.7/{claim}/2026", claim))
            else:
                conn.execute("UPDATE claim SET status = %s WHERE id = %s", (step, claim))
            conn.commit()
    return claim


def _heir_of(reg: Register, claim: int) -> int:
    with superuser(reg) as conn:
        return present(
            conn.execute("SELECT id FROM claim_heir WHERE claim_id = %s", (claim,)).fetchone()
        )[0]


PAY = (
    "UPDATE claim SET status = 'dibayar', paid_on = '2026-11-01', paid_amount = 42000000, "
    "paid_to_name = %s, paid_bank_name = 'BRI', paid_account_number = %s, "
    "paid_account_holder = %s, paid_reference = 'BPJS-1', paid_to_heir_id = %s WHERE id = %s"
)


def test_an_operator_cannot_approve_another_holders_account(reg: Register) -> None:
    claim = _claim_at(reg, "disetujui")
    approval = (
        "UPDATE claim SET holder_override_account = '5550001', holder_override_holder = "
        "'Paman Yohanes', holder_override_reason = %s, holder_override_by = %s, "
        "holder_override_at = '2020-01-01' WHERE id = %s"
    )
    reason = "Surat perwalian anak dari desa"
    with connect(reg, reg.logins["operator"]) as conn:
        error = refused(conn, approval, (reason, reg.logins["verifikator"], claim))
        assert "only a verifikator approves" in error
    with connect(reg, reg.logins["verifikator"]) as conn:
        assert "invalid approval" in refused(conn, approval, ("singkat", "x", claim))
        conn.execute(approval, (reason, reg.logins["admin"], claim))
        conn.commit()
        stamped = conn.execute(
            "SELECT holder_override_by, holder_override_at > now() - interval '1 hour' "
            "FROM claim WHERE id = %s",
            (claim,),
        ).fetchone()
        # Nor pays, nor edits the payment.
        denied(conn, "UPDATE claim SET paid_account_number = '1' WHERE id = %s", (claim,))
    assert stamped == (reg.logins["verifikator"], True)


def test_the_payment_is_written_only_by_the_step_to_dibayar(reg: Register) -> None:
    claim = _claim_at(reg, "disetujui")
    heir = _heir_of(reg, claim)
    with connect(reg, reg.logins["operator"]) as conn:
        # Not before the step, not to someone who is not the claim's heir.
        error = refused(
            conn, "UPDATE claim SET paid_account_number = '999' WHERE id = %s", (claim,)
        )
        assert "only by the step to dibayar" in error
        error = refused(conn, PAY, ("Orang Lain", "999", "Orang Lain", heir, claim))
        assert "recipient" in error
        error = refused(conn, PAY, ("Yohanes Taek", "99x9", "Yohanes Taek", heir, claim))
        assert "invalid payment" in error
        conn.execute(PAY, ("Yohanes Taek", "1234567890", "Yohanes Taek", heir, claim))
        conn.commit()
        # Once paid, the account, amount and reference stay as the step recorded them.
        for change in (
            "paid_account_number = '999'",
            "paid_amount = 1",
            "paid_reference = NULL",
            "paid_to_name = 'X', paid_to_heir_id = NULL",
        ):
            error = refused(conn, f"UPDATE claim SET {change} WHERE id = %s", (claim,))
            assert "only by the step" in error, change
        error = refused(
            conn,
            "UPDATE claim SET status = 'selesai', paid_account_number = '999' WHERE id = %s",
            (claim,),
        )
        assert "only by the step" in error
        # The step back clears it all, or nothing moves.
        error = refused(
            conn,
            "UPDATE claim SET status = 'disetujui' , paid_amount = 1 WHERE id = %s",
            (claim,),
        )
        assert "clears the payment" in error
    with connect(reg, reg.logins["verifikator"]) as conn:
        error = refused(
            conn,
            "UPDATE claim SET holder_override_account = '5550001', holder_override_holder = 'X', "
            "holder_override_reason = 'alasan yang panjang' WHERE id = %s",
            (claim,),
        )
        assert "before the claim is paid" in error


def test_a_claim_is_born_a_draft_and_its_history_follows_its_steps(reg: Register) -> None:
    claim = _claim_at(reg, "draft")
    with connect(reg, reg.logins["operator"]) as conn:
        for status, extra in (
            ("selesai", ""),
            ("draft", ", paid_amount"),
            ("draft", ", decided_on"),
        ):
            value = {"": "", ", paid_amount": ", 1", ", decided_on": ", '2026-01-01'"}[extra]
            error = refused(
                conn,
                "INSERT INTO claim (worker_id, claim_type, status, status_since, event_date, "
                f"traffic_accident, eligible, created_at, updated_at, version{extra}) "
                f"VALUES (%s, 'jkm', %s, now(), '2025-10-10', false, true, now(), now(), 1"
                f"{value})",
                (reg.in_kota, status),
            )
            assert "starts as a draft" in error, (status, extra)
        error = refused(
            conn,
            "INSERT INTO claim_status_change (claim_id, from_status, to_status, step_back, "
            "changed_at, changed_by) VALUES (%s, 'disetujui', 'dibayar', false, now(), 'x')",
            (claim,),
        )
        assert "history is written by its step" in error
        error = refused(conn, "UPDATE claim SET decided_on = '2026-01-01' WHERE id = %s", (claim,))
        assert "decision is recorded only by its step" in error
        # The step itself, with its history line, in one transaction.
        conn.execute("UPDATE claim SET status = 'berkas_lengkap' WHERE id = %s", (claim,))
        conn.execute(
            "INSERT INTO claim_status_change (claim_id, from_status, to_status, step_back, "
            "changed_at, changed_by) VALUES (%s, 'draft', 'berkas_lengkap', false, now(), 'x')",
            (claim,),
        )
        conn.commit()
        who = conn.execute(
            "SELECT changed_by FROM claim_status_change WHERE claim_id = %s", (claim,)
        ).fetchone()
    assert who == (reg.logins["operator"],)


def test_a_payment_goes_into_the_recipients_account_or_an_approved_one(reg: Register) -> None:
    """0022: the step to dibayar repeats the app's holder-name match (holder_names.py); any
    other holder needs a verifikator's approval of exactly that account."""
    claim = _claim_at(reg, "disetujui")
    heir = _heir_of(reg, claim)
    with connect(reg, reg.logins["operator"]) as conn:
        error = refused(conn, PAY, ("Yohanes Taek", "5550001", "Paman Lain", heir, claim))
        assert "held by someone else" in error
        # As the app: titles, an initial, a letter of spelling, accents are the same holder.
        for holder in ("BPK. YOHANIS TAEK", "Y. TAEK", "Yohánes Taek, S.Pd."):
            conn.execute(PAY, ("Yohanes Taek", "1234567890", holder, heir, claim))
            conn.rollback()
    with connect(reg, reg.logins["verifikator"]) as conn:
        conn.execute(
            "UPDATE claim SET holder_override_account = '5550001', holder_override_holder = "
            "'PAMAN LAIN', holder_override_reason = 'Surat perwalian dari desa' WHERE id = %s",
            (claim,),
        )
        conn.commit()
    with connect(reg, reg.logins["operator"]) as conn:
        for account, holder in (("5550002", "PAMAN LAIN"), ("5550001", "PAMAN LAINNYA")):
            error = refused(conn, PAY, ("Yohanes Taek", account, holder, heir, claim))
            assert "held by someone else" in error, (account, holder)
        conn.execute(PAY, ("Yohanes Taek", "5550001", "PAMAN LAIN", heir, claim))
        conn.commit()


_NAME_LETTERS = (
    "aAeEiIoOuUyYbBkKmMnNrRsStTlLjJ"  # the usual
    "áàâäãåçéèêëíìîïñóòôöõúùûüýÿĀāŠšŽžẞß"  # accents, both sharp s
    "ıİſﬁＡＢ１２"  # dotless i, long s, a ligature, full-width letters and digits
    "0123456789 ,.'-\t\u00a0\u2003/()\u0301\u0308"  # digits, spacing, marks
)
_NAME_WORDS = (
    "Bpk.", "Ibu", "Dra.", "S.Pd.", "Hj.", "Sdr", "Alm", "Pastor", "Dr", "H.", "SE", "Amd.Kep",
    "Yohanes", "Yohanis", "Johanes", "Maria", "Marta", "Goreti", "Taek", "Nahak", "Bria",
    "Fransiskus", "Fransiskos", "Kristoforus", "Kristophorus", "M.", "Y.", "Seran", "Ati",
)  # fmt: skip


def _random_name(rng: random.Random) -> str:
    words = [rng.choice(_NAME_WORDS) for _ in range(rng.randint(0, 4))]
    if rng.random() < 0.4:
        words.append("".join(rng.choice(_NAME_LETTERS) for _ in range(rng.randint(1, 12))))
    rng.shuffle(words)
    return rng.choice((" ", "  ", ", ", " \t")).join(words)


def _misspelt(rng: random.Random, name: str) -> str:
    letters = list(name)
    for _ in range(rng.randint(0, 3)):
        if not letters:
            break
        at = rng.randrange(len(letters))
        match rng.randrange(4):
            case 0:
                del letters[at]
            case 1:
                letters[at] = rng.choice(_NAME_LETTERS)
            case 2:
                letters.insert(at, rng.choice(_NAME_LETTERS))
            case _:
                letters[at] = letters[at].swapcase()
    return "".join(letters)


def test_the_databases_holder_match_is_the_apps(reg: Register) -> None:
    """sirentan_name_words / sirentan_same_holder (0022) against holder_names.py, on names
    made to hit titles, initials, spelling, accents and the letters whose capitals differ."""
    rng = random.Random(22)
    holders = [_random_name(rng) for _ in range(3000)]
    people: list[str | None] = [
        _misspelt(rng, h) if rng.random() < 0.7 else _random_name(rng) for h in holders
    ]
    holders += ["", "Dra. Maria Goreti Taek, S.Pd.", "WEIß", "ıvan", "Ｍaria", "M A R I A"]
    people += [None, "M. GORETI TAEK", "WEISS", "IVAN", "MARIA", "MARIA"]
    with superuser(reg) as conn:
        rows = conn.execute(
            "SELECT sirentan_name_words(h), sirentan_same_holder(h, p) "
            "FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS t(h, p, n) ORDER BY n",
            (holders, people),
        ).fetchall()
    expected = [(name_words(h), same_holder(h, p)) for h, p in zip(holders, people, strict=True)]
    assert sum(same for _, same in expected) > 300  # both answers are well tried
    mismatched = [
        (h, p, got, want)
        for h, p, got, want in zip(holders, people, rows, expected, strict=True)
        if tuple(got) != want
    ]
    assert mismatched == []


def test_a_clerk_clears_must_change_password_only_by_changing_the_password(
    reg: Register,
) -> None:
    """0022: the flag an administrator's reset sets is cleared by the server's own password
    change (sirentan_change_own_password, as the app does it) or by an administrator."""
    for kind in ("operator", "verifikator", "viewer_kota"):
        me = reg.logins[kind]
        with superuser(reg) as conn:
            conn.execute(
                "UPDATE app_user SET must_change_password = true WHERE username = %s", (me,)
            )
        with connect(reg, me) as conn:
            for statement in (
                "UPDATE app_user SET must_change_password = false WHERE username = current_user",
                "UPDATE app_user SET must_change_password = false, last_login_at = now() "
                "WHERE username = current_user",
            ):
                denied(conn, statement)
            assert "SCRAM-SHA-256 verifier" in refused(
                conn, "SELECT sirentan_change_own_password('geheim-123')"
            )
            since = last_audit_id(reg)
            conn.execute("SELECT sirentan_change_own_password(%s)", (scram_verifier(PASSWORD),))
            conn.commit()
        with superuser(reg) as conn:
            flag = conn.execute(
                "SELECT must_change_password FROM app_user WHERE username = %s", (me,)
            ).fetchone()
        assert flag == (False,), kind
        trail = [(r[0], r[1], r[2]) for r in audit_rows_since(reg, since)]
        assert (me, "update", "user") in trail, trail
        # The password it set is the one the clerk signs in with.
        connect(reg, me).close()
    victim = reg.logins["viewer"]
    with superuser(reg) as conn:
        conn.execute(
            "UPDATE app_user SET must_change_password = true WHERE username = %s", (victim,)
        )
    with connect(reg, reg.logins["admin"]) as conn:
        conn.execute(
            "UPDATE app_user SET must_change_password = false WHERE username = %s", (victim,)
        )
        conn.commit()


def test_a_claims_eligibility_flag_does_not_move_without_its_reasons(reg: Register) -> None:
    """0022: the stored flag is eligible exactly when no reason is stored (the app writes
    both from its rules); flipping the flag, or a reason, alone is refused."""
    claim = _claim_at(reg, "draft")
    with connect(reg, reg.logins["operator"]) as conn:
        for change in (
            "eligible = false",
            "ineligible_reason = 'Iuran bulan kejadian belum dibayar'",
        ):
            error = refused(conn, f"UPDATE claim SET {change} WHERE id = %s", (claim,))
            assert "eligibility is stored with its reasons" in error, change
        # As the app's refresh writes it: both at once.
        conn.execute(
            "UPDATE claim SET eligible = false, ineligible_reason = 'Iuran belum dibayar' "
            "WHERE id = %s",
            (claim,),
        )
        error = refused(conn, "UPDATE claim SET eligible = true WHERE id = %s", (claim,))
        assert "eligibility is stored with its reasons" in error


# -- failed sign-ins: nobody can lock another clerk out ---------------------------------------


def test_no_clerk_can_mark_another_locked_or_make_the_app_refuse_them(reg: Register) -> None:
    victim = reg.logins["viewer"]
    with superuser(reg) as conn:
        victim_id = present(
            conn.execute("SELECT id FROM app_user WHERE username = %s", (victim,)).fetchone()
        )[0]
    for kind in ("operator", "operator_kota", "verifikator", "viewer_kota"):
        with connect(reg, reg.logins[kind]) as conn:
            for change in ("failed_attempts = 99", "locked_until = now() + interval '1 day'"):
                denied(conn, f"UPDATE app_user SET {change} WHERE id = %s", (victim_id,))
                denied(conn, f"UPDATE app_user SET {change} WHERE username = current_user")
            # The trail is not where a lock comes from: forged events change nothing.
            for action in ("locked", "login_failed"):
                conn.execute(
                    "SELECT sirentan_audit_event(%s, 'user', %s, 'akun terkunci', NULL)",
                    (action, str(victim_id)),
                )
            conn.commit()
    ctx = sign_in(make_url(reg.url).set(username=None), victim, PASSWORD)
    try:
        assert ctx.principal is not None and ctx.principal.username == victim
    finally:
        ctx.engine.dispose()


def test_one_login_cannot_take_every_connection_of_the_server(reg: Register) -> None:
    login = reg.logins["verifikator"]
    with superuser(reg) as conn:
        limits = dict(
            conn.execute(
                "SELECT rolname, rolconnlimit FROM pg_roles WHERE rolname = ANY(%s)",
                (list(reg.logins.values()),),
            ).fetchall()
        )
    assert set(limits.values()) == {CONNECTION_LIMIT}, limits
    held = []
    try:
        for _ in range(CONNECTION_LIMIT):
            held.append(connect(reg, login))
        with pytest.raises(psycopg.OperationalError) as caught:
            held.append(connect(reg, login))
        assert "too many connections for role" in str(caught.value)
        # Another clerk still gets in.
        with connect(reg, reg.logins["viewer"]) as other:
            assert other.execute("SELECT 1").fetchone() == (1,)
    finally:
        for conn in held:
            conn.close()


# -- letters: cancelled with a reason, replaced only by a correction (0017) ------------------

LETTER = (
    "INSERT INTO issued_document (number, series, year, sequence, kind, document_date, "
    "subject, addressee, sifat, signatory_name, page_size, page_count, fields, sha256, "
    "status, created_at, replaces_id) VALUES (%s, 'umum', 2026, %s, 'keterangan', "
    "'2026-12-01', 's', 'a', 'biasa', 'x', 'a4', 1, '{}', "
    "encode(sha256('pdf'::bytea), 'hex'), 'terbit', now(), %s) RETURNING id"
)


def _issue(conn: psycopg.Connection[Any], replaces: int | None = None) -> int:
    number = present(
        conn.execute("SELECT sirentan_next_letter_number('umum', 2026)").fetchone(), "row"
    )[0]
    return present(
        conn.execute(LETTER, (f"400.7/{number}/2026", number, replaces)).fetchone(), "row"
    )[0]


def _commit_refused(conn: psycopg.Connection[Any]) -> str:
    """Deferred checks answer at commit."""
    try:
        conn.commit()
    except psycopg.Error as error:
        conn.rollback()
        return str(error)
    raise AssertionError("commit not refused")


def test_a_letter_is_cancelled_with_a_reason_and_replaced_only_by_its_correction(
    reg: Register,
) -> None:
    with connect(reg, reg.logins["operator"]) as conn:
        letter = _issue(conn)
        conn.commit()
        for reason in ("NULL", "'  '"):
            conn.execute(
                f"UPDATE issued_document SET status = 'batal', status_reason = {reason} "
                "WHERE id = %s",
                (letter,),
            )
            assert "with a reason" in _commit_refused(conn)
        conn.execute(
            "UPDATE issued_document SET status = 'diganti', status_reason = "
            "'diganti dengan surat nomor 400.7/77/2026' WHERE id = %s",
            (letter,),
        )
        assert "only by issuing its correction" in _commit_refused(conn)
        # A correction that leaves the old letter standing as issued.
        _issue(conn, replaces=letter)
        assert "marks the letter it replaces" in _commit_refused(conn)
        # As the app does it: the old letter marked, then its correction, one transaction.
        conn.execute(
            "UPDATE issued_document SET status = 'diganti', status_reason = "
            "'diganti dengan surat nomor berikut' WHERE id = %s",
            (letter,),
        )
        correction = _issue(conn, replaces=letter)
        conn.commit()
        assert correction > letter
    for kind in ("verifikator", "viewer"):
        with connect(reg, reg.logins[kind]) as conn:
            denied(
                conn,
                "UPDATE issued_document SET status = 'batal', status_reason = 'x' WHERE id = %s",
                (correction,),
            )


def test_an_upsert_cannot_slip_a_payment_past_the_claim_guard(reg: Register) -> None:
    claim = _claim_at(reg, "disetujui")
    with connect(reg, reg.logins["operator"]) as conn:
        error = refused(
            conn,
            "INSERT INTO claim (id, worker_id, claim_type, status, status_since, event_date, "
            "traffic_accident, eligible, created_at, updated_at, version) "
            "VALUES (%s, %s, 'jkm', 'draft', now(), '2025-01-01', false, true, now(), now(), "
            "1) ON CONFLICT (id) DO UPDATE SET paid_account_number = '999', "
            "holder_override_account = '999'",
            (claim, reg.in_kota),
        )
        assert "only by the step to dibayar" in error or "only a verifikator" in error


def test_who_made_a_record_and_when_cannot_be_blanked_or_backdated(reg: Register) -> None:
    with superuser(reg) as conn:
        made = conn.execute(
            "SELECT created_by, created_at FROM worker WHERE id = %s", (reg.in_kota,)
        ).fetchone()
    with connect(reg, reg.logins["operator"]) as conn:
        for change in ("created_by = NULL", "created_by = 'x', created_at = '2000-01-01'"):
            conn.execute(f"UPDATE worker SET {change} WHERE id = %s", (reg.in_kota,))
            conn.commit()
            kept = conn.execute(
                "SELECT created_by, created_at FROM worker WHERE id = %s", (reg.in_kota,)
            ).fetchone()
            assert kept == made, change


# Columns holding a whole identity or bank number, a letter's typed fields or its PDF, an
# import's raw cells: a viewer reads none of them (masked values come from the views).
SECRET_COLUMN = (
    r"(^|_)(nik|kk_number)$|account_number|^bank_account|override_account$|^fields$|^pdf$"
    r"|^raw|^data$|^cells$|^values$|password_hash"
)


def test_viewers_read_no_whole_identity_or_bank_number_anywhere(reg: Register) -> None:
    with superuser(reg) as conn:
        columns = conn.execute(
            "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c "
            "ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v') AND a.attnum > 0 "
            "AND NOT a.attisdropped AND a.attname ~ %s AND c.relname <> 'worker_masked'",
            (SECRET_COLUMN,),
        ).fetchall()
    assert ("worker", "nik") in columns and ("heir", "bank_account_number") in columns
    for kind in ("viewer", "viewer_kota"):
        with connect(reg, reg.logins[kind]) as conn:
            readable = [
                (table, column)
                for table, column in columns
                if present(
                    conn.execute(
                        "SELECT has_column_privilege(%s, %s, 'SELECT')", (table, column)
                    ).fetchone()
                )[0]
            ]
            assert readable == [], kind


def test_a_login_cannot_squat_the_group_names_of_a_register_made_later(
    registers: tuple[Register, Register],
) -> None:
    reg, other = registers
    future = f"sirentan_test_{uuid.uuid4().hex[:12]}"
    squat = f"{future}_admin"
    with connect(other, other.logins["admin"]) as conn:
        conn.execute(
            "INSERT INTO app_user (username, full_name, role, active, password_hash, "
            "must_change_password, failed_attempts, created_at, updated_at, version) "
            "VALUES (%s, 'X', 'viewer', true, '!postgresql', false, 0, now(), now(), 1)",
            (squat,),
        )
        conn.execute("SELECT sirentan_account_sync(%s, %s)", (squat, scram_verifier("x-123456")))
        conn.commit()
    url = make_url(reg.url)
    server = psycopg.connect(host=url.host, port=url.port or 5432, user=url.username)
    server.autocommit = True
    server.execute(f'CREATE DATABASE "{future}"')
    engine = make_engine(url.set(database=future))
    try:
        with pytest.raises(sa_exc.DBAPIError) as caught:
            schema.upgrade(engine)
        assert f"role {squat} already exists as a login" in str(caught.value)
    finally:
        engine.dispose()
        server.execute(f'DROP DATABASE "{future}"')
        server.execute(f'DROP ROLE "{squat}"')
        server.close()


# -- the letter register, its signatories and a claim's submission letter (0024) -------------


def test_an_issued_letter_is_changed_or_deleted_by_no_clerk(reg: Register) -> None:
    with connect(reg, reg.logins["operator"]) as conn:
        letter = _issue(conn)
        conn.execute("INSERT INTO document_file VALUES (%s, 'pdf'::bytea)", (letter,))
        conn.commit()
    for kind in ("admin", "operator", "verifikator", "viewer"):
        with connect(reg, reg.logins[kind]) as conn:
            for change in (
                "number = 'X/1'",
                "sequence = 1",
                "subject = 'lain'",
                "fields = '{}'",
                "sha256 = 'x'",
                "worker_id = NULL",
                "signatory_id = NULL",
            ):
                denied(conn, f"UPDATE issued_document SET {change} WHERE id = %s", (letter,))
            denied(
                conn, "UPDATE document_file SET pdf = 'x'::bytea WHERE document_id = %s", (letter,)
            )
            denied(conn, "DELETE FROM document_file WHERE document_id = %s", (letter,))
            denied(conn, "DELETE FROM issued_document WHERE id = %s", (letter,))


def test_an_official_other_than_the_bupati_keeps_an_nip_and_a_rank(reg: Register) -> None:
    insert = (
        "INSERT INTO signatory (name, position, rank, nip, regional_head, active, created_at, "
        "updated_at) VALUES (%s, 'Kepala Dinas', %s, %s, %s, true, now(), now()) RETURNING id"
    )
    nip = "198001012005011001"
    with superuser(reg) as conn:
        # A record kept from before the rule, with no rank.
        old = present(conn.execute(insert, ("Lama", None, None, False)).fetchone(), "row")[0]
    for kind in ("admin", "operator"):
        with connect(reg, reg.logins[kind]) as conn:
            made = conn.execute(insert, ("Kadis", "Pembina", nip, False)).fetchone()
            kadis = present(made, "row")[0]
            conn.execute(insert, ("Bupati", None, None, True))
            conn.commit()
            for change in ("nip = NULL", "nip = '1980'", "rank = ' '", "rank = NULL"):
                error = refused(conn, f"UPDATE signatory SET {change} WHERE id = %s", (kadis,))
                assert "NIP of 18 digits and a rank" in error, change
            error = refused(conn, insert, ("Sekda", "Pembina Utama", None, False))
            assert "NIP of 18 digits and a rank" in error
            conn.execute("UPDATE signatory SET active = false WHERE id = %s", (old,))
            conn.execute(
                "UPDATE signatory SET position = 'Kadis Nakertrans' WHERE id = %s", (kadis,)
            )
            conn.commit()


def test_a_claims_submission_letter_is_written_only_by_its_step(reg: Register) -> None:
    claim = _claim_at(reg, "berkas_lengkap")
    with connect(reg, reg.logins["operator"]) as conn:
        error = refused(conn, "UPDATE claim SET status = 'diajukan' WHERE id = %s", (claim,))
        assert "with its letter's number and date" in error
        error = refused(conn, "UPDATE claim SET letter_number = 'X/1' WHERE id = %s", (claim,))
        assert "submission letter is recorded only by its step" in error
        conn.execute(SUBMIT, ("400.7/1/2026", claim))
        conn.commit()
        for change in (
            "letter_number = 'BOHONG/1'",
            "letter_number = NULL",
            "letter_date = '2026-01-01'",
            "submitted_on = NULL",
        ):
            error = refused(conn, f"UPDATE claim SET {change} WHERE id = %s", (claim,))
            assert "submission letter is recorded only by its step" in error, change
        # The step back clears it, as the app does.
        conn.execute(
            "UPDATE claim SET status = 'berkas_lengkap', letter_number = NULL, "
            "letter_date = NULL, submitted_on = NULL WHERE id = %s",
            (claim,),
        )
        conn.commit()
