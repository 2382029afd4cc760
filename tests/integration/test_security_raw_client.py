"""The database is the wall: each clerk's own login role, with a raw client (psycopg), can do
no more than the app lets them, and what they may change leaves an audit row.

Issue 14's cases, numbered as there. Two registers (databases) share the server: an
account in one gives nothing in the other.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from models import schema
from models.database import make_engine
from models.enums import Gender, HeirRelation, Role
from services import claims
from services.accounts.scram import scram_verifier
from services.accounts.service import NewUser, create_user
from services.core.context import ServiceContext
from services.workers.service import WorkerService
from services.workers.types import HeirInput
from tests.conftest import OPERATOR, clerk_name, create_pg_database, drop_pg_database
from tests.factories import make_nik, worker_input
from tests.integration.claim_helpers import NOW, jkm
from tests.integration.trust_helpers import PASSWORD
from tests.present import present

pytestmark = pytest.mark.postgres

KOTA = "53.03.05"
BIBOKI_UTARA = "53.03.06"
BANK = "1234567890123456"


@dataclass
class Register:
    url: str
    dbname: str
    logins: dict[str, str]  # kind -> login role name
    in_kota: int
    elsewhere: int
    nik_kota: str
    nik_elsewhere: str
    claim: int


def _make_register(tag: str) -> tuple[Register, Any]:
    url, admin_engine = create_pg_database()
    engine = make_engine(url)
    schema.upgrade(engine)
    # The server's administrator sets the register up (as `db upgrade` and `users create` do).
    ctx = ServiceContext.for_engine(engine, principal=replace(OPERATOR, role=Role.ADMIN))
    logins: dict[str, str] = {}
    specs = [
        ("admin", Role.ADMIN, []),
        ("operator", Role.OPERATOR, []),
        ("operator_kota", Role.OPERATOR, [KOTA]),
        ("verifikator", Role.VERIFIKATOR, []),
        ("viewer", Role.VIEWER, []),
        ("viewer_kota", Role.VIEWER, [KOTA]),
    ]
    for kind, role, limits in specs:
        name = clerk_name(f"{tag}_{kind}")
        create_user(
            ctx,
            NewUser(name, kind.title(), role, PASSWORD, limits, must_change_password=False),
        )
        logins[kind] = name
    workers = WorkerService(ctx)
    heir = HeirInput(
        full_name="Yohanes Taek",
        relation=HeirRelation.SPOUSE,
        bank_name="BRI",
        bank_account_number=BANK,
        bank_account_holder="Yohanes Taek",
    )
    in_kota = workers.create(worker_input(1, heirs=[heir])).worker
    birth = in_kota.birth_date
    elsewhere = workers.create(
        worker_input(
            2,
            village_code="53.03.06.2001",
            nik=make_nik(birth, Gender.FEMALE, 2, "530306"),
            heirs=[heir],
        )
    ).worker
    claim = claims.open_claim(ctx, in_kota.id, jkm(), now=NOW).id
    engine.dispose()
    register = Register(
        url=url,
        dbname=make_url(url).database or "",
        logins=logins,
        in_kota=in_kota.id,
        elsewhere=elsewhere.id,
        nik_kota=in_kota.nik,
        nik_elsewhere=elsewhere.nik,
        claim=claim,
    )
    return register, admin_engine


@pytest.fixture(scope="module")
def registers() -> Iterator[tuple[Register, Register]]:
    first, admin_a = _make_register("ra")
    second, admin_b = _make_register("rb")
    # A login in no group at all, e.g. an account some other application uses.
    loner = clerk_name("nogroup")
    with admin_a.connect() as conn:
        conn.exec_driver_sql(f'CREATE ROLE "{loner}" LOGIN')
    first.logins["nogroup"] = loner
    yield first, second
    drop_pg_database(first.url, admin_a)
    drop_pg_database(second.url, admin_b)


@pytest.fixture(scope="module")
def reg(registers: tuple[Register, Register]) -> Register:
    return registers[0]


def connect(register: Register, login: str) -> psycopg.Connection[Any]:
    url = make_url(register.url)
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        dbname=register.dbname,
        user=login,
        password=PASSWORD,
    )


def superuser(register: Register) -> psycopg.Connection[Any]:
    url = make_url(register.url)
    return psycopg.connect(
        host=url.host, port=url.port or 5432, dbname=register.dbname, user=url.username
    )


def refused(conn: psycopg.Connection[Any], statement: str, params: Any = None) -> str:
    """The statement fails; the transaction is rolled back; the error text is returned."""
    try:
        conn.execute(statement, params)
    except psycopg.Error as error:
        conn.rollback()
        return str(error)
    conn.rollback()
    raise AssertionError(f"not refused: {statement}")


def audit_rows_since(register: Register, last_id: int) -> list[tuple[Any, ...]]:
    with superuser(register) as conn:
        return conn.execute(
            "SELECT user_name, action, entity, entity_id, summary, changes FROM audit_log "
            "WHERE id > %s ORDER BY id",
            (last_id,),
        ).fetchall()


def last_audit_id(register: Register) -> int:
    with superuser(register) as conn:
        return int(
            present(conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone(), "row")[0]
        )


# -- 1. functions -------------------------------------------------------------------------


def test_1_every_register_function_is_owned_by_a_nologin_role_and_not_public(
    reg: Register,
) -> None:
    with superuser(reg) as conn:
        rows = conn.execute(
            "SELECT p.oid::regprocedure::text, r.rolname, r.rolcanlogin, r.rolsuper, "
            "p.prosecdef, p.proconfig, "
            "has_function_privilege('public', p.oid, 'EXECUTE') "
            "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "JOIN pg_roles r ON r.oid = p.proowner "
            "WHERE n.nspname = 'public' AND p.proname LIKE 'sirentan%%'"
        ).fetchall()
    assert rows
    for signature, owner, can_login, is_super, definer, config, public in rows:
        assert not public, f"{signature} is executable by PUBLIC"
        if definer:
            assert not can_login and not is_super, f"{signature} owned by {owner}"
            assert owner.startswith(reg.dbname) or owner.startswith(reg.dbname[:40])
            assert config and any(c.startswith("search_path=") for c in config), signature


def test_1_a_login_in_no_group_cannot_even_connect(reg: Register) -> None:
    with pytest.raises(psycopg.OperationalError) as caught:
        connect(reg, reg.logins["nogroup"])
    assert "permission denied for database" in str(caught.value)


def test_1_a_viewer_reveals_one_nik_per_transaction_and_each_is_recorded(reg: Register) -> None:
    before = last_audit_id(reg)
    with connect(reg, reg.logins["viewer"]) as conn:
        error = refused(
            conn,
            "SELECT r.* FROM generate_series(1, 50) g, LATERAL sirentan_reveal_identity(g, 'x') r",
        )
        assert "one worker per transaction" in error
        # Nor by resetting any setting between the calls of one statement.
        error = refused(
            conn,
            "SELECT set_config('sirentan.revealed', '', true), r.* "
            "FROM generate_series(1, 50) g, LATERAL sirentan_reveal_identity(g, 'x') r",
        )
        assert "one worker per transaction" in error
        nik = conn.execute(
            "SELECT nik FROM sirentan_reveal_identity(%s, 'x')", (reg.in_kota,)
        ).fetchone()
        conn.commit()
        assert nik == (reg.nik_kota,)
        # A prefix or a pattern finds nobody; only a whole number does.
        assert conn.execute("SELECT sirentan_find_worker(%s)", (reg.nik_kota[:8],)).fetchall() == []
        assert conn.execute("SELECT sirentan_find_worker('%%')").fetchall() == []
        found = conn.execute("SELECT sirentan_find_worker(%s)", (reg.nik_kota,)).fetchall()
        assert found == [(reg.in_kota,)]
    rows = audit_rows_since(reg, before)
    assert [(r[0], r[1], r[3]) for r in rows] == [
        (reg.logins["viewer"], "access", str(reg.in_kota))
    ]


def test_1_a_limited_viewer_reveals_nothing_outside_their_kecamatan(reg: Register) -> None:
    with connect(reg, reg.logins["viewer_kota"]) as conn:
        assert (
            conn.execute(
                "SELECT * FROM sirentan_reveal_identity(%s, 'x')", (reg.elsewhere,)
            ).fetchall()
            == []
        )
        assert (
            conn.execute("SELECT sirentan_find_worker(%s)", (reg.nik_elsewhere,)).fetchall() == []
        )


def test_1_the_audit_event_function_takes_only_known_events(reg: Register) -> None:
    with connect(reg, reg.logins["operator"]) as conn:
        error = refused(conn, "SELECT sirentan_audit_event('x; drop', 'worker', '1', 'x', NULL)")
        assert "unknown audit event" in error
        error = refused(conn, "SELECT sirentan_audit_event('export', 'report', NULL, 'x', '{')")
        assert "invalid input syntax for type json" in error
        before = last_audit_id(reg)
        conn.execute("SELECT sirentan_audit_event('export', 'report', NULL, 'tes', NULL)")
        conn.commit()
    (row,) = audit_rows_since(reg, before)
    assert row[0] == reg.logins["operator"] and row[1] == "export"


# -- 2. no CREATEROLE for clerks ------------------------------------------------------------


def test_2_the_administrator_cannot_take_over_the_server(
    registers: tuple[Register, Register],
) -> None:
    reg, other = registers
    admin = reg.logins["admin"]
    with connect(reg, admin) as conn:
        row = conn.execute(
            "SELECT rolcreaterole, rolsuper, rolcreatedb FROM pg_roles WHERE rolname = %s",
            (admin,),
        ).fetchone()
        assert row == (False, False, False)
        for statement in (
            f'GRANT pg_execute_server_program TO "{admin}"',
            f'GRANT pg_read_all_data TO "{admin}"',
            "CREATE ROLE intruder LOGIN",
            f"ALTER ROLE \"{other.logins['admin']}\" PASSWORD 'x'",
            f'DROP ROLE "{other.logins["admin"]}"',
            "COPY (SELECT 1) TO PROGRAM 'true'",
        ):
            error = refused(conn, statement)
            assert any(
                words in error for words in ("permission denied", "must be", "must have admin")
            ), (statement, error)
        verifier = scram_verifier("takeover-123")
        for target in (other.logins["admin"], "postgres", reg.logins["nogroup"]):
            error = refused(conn, "SELECT sirentan_account_sync(%s, %s)", (target, verifier))
            assert "not a login of this register" in error or "no such account" in error
        # Even naming the other register's administrator in this register's accounts.
        conn.execute(
            "INSERT INTO app_user (username, full_name, role, active, password_hash, "
            "must_change_password, failed_attempts, created_at, updated_at, version) "
            "VALUES (%s, 'X', 'admin', true, '!postgresql', false, 0, now(), now(), 1)",
            (other.logins["admin"],),
        )
        error = refused(
            conn, "SELECT sirentan_account_sync(%s, %s)", (other.logins["admin"], verifier)
        )
        assert "not a login of this register" in error
        error = refused(conn, "SELECT sirentan_account_sync(%s, 'clear-text-password')", (admin,))
        assert "SCRAM-SHA-256 verifier" in error


def test_2_only_the_administrator_calls_the_account_function(reg: Register) -> None:
    for kind in ("operator", "verifikator", "viewer"):
        with connect(reg, reg.logins[kind]) as conn:
            error = refused(
                conn,
                "SELECT sirentan_account_sync(%s, NULL)",
                (reg.logins[kind],),
            )
            assert "permission denied" in error, kind


def test_2_the_administrator_manages_this_registers_accounts(reg: Register) -> None:
    """Through the function: a new role and group, deactivation, all of this register."""
    name = clerk_name("ra_extra")
    with connect(reg, reg.logins["admin"]) as conn:
        conn.execute(
            "INSERT INTO app_user (username, full_name, role, active, password_hash, "
            "must_change_password, failed_attempts, created_at, updated_at, version) "
            "VALUES (%s, 'Extra', 'viewer', true, '!postgresql', true, 0, now(), now(), 1)",
            (name,),
        )
        conn.execute("SELECT sirentan_account_sync(%s, %s)", (name, scram_verifier("x-123456")))
        conn.execute("UPDATE app_user SET active = false WHERE username = %s", (name,))
        conn.execute("SELECT sirentan_account_sync(%s, NULL)", (name,))
        conn.commit()
        can_login, groups = present(
            conn.execute(
                "SELECT r.rolcanlogin, array(SELECT g.rolname FROM pg_auth_members m "
                "JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid ORDER BY 1) "
                "FROM pg_roles r WHERE r.rolname = %s",
                (name,),
            ).fetchone()
        )
    assert can_login is False
    assert sorted(groups) == sorted([f"{reg.dbname}_clerk", f"{reg.dbname}_viewer"])


# -- 3. one register, its own roles ---------------------------------------------------------


def test_3_an_account_in_one_register_gives_nothing_in_another(
    registers: tuple[Register, Register],
) -> None:
    reg, other = registers
    for kind in ("operator_kota", "viewer", "admin"):
        with pytest.raises(psycopg.OperationalError) as caught:
            connect(other, reg.logins[kind])
        assert "permission denied for database" in str(caught.value), kind
    with pytest.raises(psycopg.OperationalError):
        connect(reg, other.logins["admin"])


def test_3_group_roles_belong_to_one_database(reg: Register) -> None:
    with superuser(reg) as conn:
        groups = dict(conn.execute("SELECT kind, rolname FROM register_group").fetchall())
        assert groups["operator"] == f"{reg.dbname}_operator"
        public = conn.execute(
            "SELECT has_database_privilege('public', current_database(), 'CONNECT'), "
            "has_database_privilege('public', current_database(), 'TEMP')"
        ).fetchone()
        assert public == (False, False)
        legacy = conn.execute(
            "SELECT count(*) FROM information_schema.role_table_grants "
            "WHERE grantee IN ('sirentan_admin', 'sirentan_operator', 'sirentan_verifikator', "
            "'sirentan_viewer') AND table_catalog = current_database()"
        ).fetchone()
        assert legacy == (0,)


# -- 4. the audit trail cannot be read whole, forged or rewritten ---------------------------


def test_4_nobody_writes_the_trail_and_only_admins_read_it_whole(reg: Register) -> None:
    forged = (
        "INSERT INTO audit_log (at, user_name, action, entity) "
        "VALUES ('2020-01-01', 'another_admin', 'update', 'worker')"
    )
    for kind in ("admin", "operator", "verifikator", "viewer"):
        with connect(reg, reg.logins[kind]) as conn:
            assert "permission denied" in refused(conn, forged), kind
            assert "permission denied" in refused(conn, "UPDATE audit_log SET summary = 'x'")
            assert "permission denied" in refused(conn, "DELETE FROM audit_log")
            if kind != "admin":
                assert "permission denied" in refused(conn, "SELECT * FROM audit_log")


def test_4_others_read_a_masked_trail_of_their_kecamatan(reg: Register) -> None:
    with connect(reg, reg.logins["viewer"]) as conn:
        text = json.dumps(conn.execute("SELECT summary, changes FROM audit_log_masked").fetchall())
    assert reg.nik_kota not in text and reg.nik_elsewhere not in text and BANK not in text
    assert reg.nik_kota[:4] + "********" + reg.nik_kota[-4:] in text
    with connect(reg, reg.logins["viewer_kota"]) as conn:
        ids = conn.execute(
            "SELECT DISTINCT coalesce(parent_id, entity_id) FROM audit_log_masked "
            "WHERE entity IN ('worker', 'heir')"
        ).fetchall()
    assert ids == [(str(reg.in_kota),)]
    with superuser(reg) as conn:
        summaries = present(
            conn.execute("SELECT string_agg(summary, ' ') FROM audit_log").fetchone()
        )[0]
    assert reg.nik_kota not in summaries


# -- 5. raw changes leave a trace -----------------------------------------------------------


def test_5_every_raw_change_is_recorded_with_the_login_role(reg: Register) -> None:
    operator = reg.logins["operator"]
    before = last_audit_id(reg)
    with connect(reg, operator) as conn:
        conn.execute("UPDATE worker SET phone = '081299998888' WHERE id = %s", (reg.in_kota,))
        conn.execute(
            "UPDATE heir SET bank_account_number = '999' WHERE worker_id = %s", (reg.in_kota,)
        )
        conn.execute("UPDATE worker SET updated_by = 'someone_else' WHERE id = %s", (reg.in_kota,))
        conn.commit()
        assert "permission denied" in refused(
            conn, "UPDATE app_user SET failed_attempts = 0, locked_until = NULL"
        )
    rows = audit_rows_since(reg, before)
    assert {(r[0], r[2]) for r in rows} == {(operator, "worker"), (operator, "heir")}
    worker_change = next(json.loads(r[5]) for r in rows if r[2] == "worker")
    assert worker_change["phone"] == ["081234567890", "081299998888"]
    with superuser(reg) as conn:
        stamped = conn.execute(
            "SELECT updated_by FROM worker WHERE id = %s", (reg.in_kota,)
        ).fetchone()
    assert stamped == (operator,)


def test_5_settings_and_accounts_changed_by_hand_are_recorded(reg: Register) -> None:
    admin = reg.logins["admin"]
    before = last_audit_id(reg)
    with connect(reg, admin) as conn:
        conn.execute(
            "INSERT INTO setting (key, value, updated_at) VALUES ('office.fax', '1', now())"
        )
        conn.execute(
            "UPDATE app_user SET role = 'admin' WHERE username = %s", (reg.logins["viewer"],)
        )
        conn.rollback()  # the role change is not kept; the attempt in a kept one is
        conn.execute(
            "INSERT INTO setting (key, value, updated_at) VALUES ('office.fax', '2', now())"
        )
        conn.commit()
    rows = audit_rows_since(reg, before)
    assert [(r[0], r[1], r[2]) for r in rows] == [(admin, "create", "setting")]


# -- 6. two-person rules ---------------------------------------------------------------------


def test_6_an_operator_cannot_approve_their_own_import(reg: Register) -> None:
    operator = reg.logins["operator"]
    with connect(reg, operator) as conn:
        batch = present(
            conn.execute(
                "INSERT INTO import_batch (file_name, file_sha256, options_key, options, "
                "on_existing, status, needs_approval, data_rows, new_count, update_count, "
                "warning_count, rejected_count, ignored_count, inserted_count, updated_count, "
                "created_at, created_by) VALUES ('a.xlsx', 'x', 'k', '{}', 'skip', 'pending', "
                "true, 1007, 1007, 0, 0, 0, 0, 0, 0, now(), %s) RETURNING id",
                (operator,),
            ).fetchone()
        )[0]
        conn.commit()
        for statement in (
            "UPDATE import_batch SET status = 'approved', approved_by = %s WHERE id = %s",
            "UPDATE import_batch SET status = 'committed', approved_by = %s WHERE id = %s",
        ):
            assert "permission denied" in refused(
                conn, statement, (reg.logins["verifikator"], batch)
            )
        assert "permission denied" in refused(
            conn, "UPDATE import_batch SET needs_approval = false WHERE id = %s", (batch,)
        )
        assert "permission denied" in refused(conn, "SELECT sirentan_approve_import(%s)", (batch,))
    with connect(reg, reg.logins["verifikator"]) as conn:
        assert "permission denied" in refused(
            conn, "UPDATE import_batch SET approved_by = 'x' WHERE id = %s", (batch,)
        )
        for status in ("committed", "undone", "approved"):
            assert "permission denied" in refused(
                conn, "UPDATE import_batch SET status = %s WHERE id = %s", (status, batch)
            ), status
        conn.execute("SELECT sirentan_approve_import(%s)", (batch,))
        conn.commit()
        approved = conn.execute(
            "SELECT status, approved_by FROM import_batch WHERE id = %s", (batch,)
        ).fetchone()
    assert approved == ("approved", reg.logins["verifikator"])


def test_6_a_verifikator_takes_only_the_verification_step_of_a_claim(reg: Register) -> None:
    verifikator = reg.logins["verifikator"]
    with connect(reg, verifikator) as conn:
        for target in ("dibayar", "disetujui", "selesai"):
            error = refused(conn, "UPDATE claim SET status = %s WHERE id = %s", (target, reg.claim))
            assert "permission denied" in error, target
        before = last_audit_id(reg)
        conn.execute("UPDATE claim SET status = 'berkas_lengkap' WHERE id = %s", (reg.claim,))
        conn.commit()
    rows = audit_rows_since(reg, before)
    assert [(r[0], r[1], r[2]) for r in rows] == [(verifikator, "status", "claim")]
    with connect(reg, reg.logins["operator"]) as conn:
        error = refused(conn, "UPDATE claim SET status = 'dibayar' WHERE id = %s", (reg.claim,))
        assert "no claim step from berkas_lengkap to dibayar" in error
        conn.execute("UPDATE claim SET status = 'draft' WHERE id = %s", (reg.claim,))
        conn.commit()


# -- 7. letters cannot be faked ---------------------------------------------------------------


def test_7_letters_and_their_files_cannot_be_inserted_and_numbers_not_reset(
    reg: Register,
) -> None:
    operator = reg.logins["operator"]
    insert = (
        "INSERT INTO issued_document (number, series, year, sequence, kind, document_date, "
        "subject, addressee, sifat, signatory_name, page_size, page_count, fields, sha256, "
        "status, created_at, created_by) VALUES (%s, 'umum', 2026, %s, 'keterangan', "
        "'2026-12-01', 's', 'a', 'biasa', 'x', 'a4', 1, '{}', "
        "encode(sha256('fake'::bytea), 'hex'), 'terbit', now(), %s) RETURNING id"
    )
    with connect(reg, operator) as conn:
        assert "permission denied" in refused(
            conn, insert, ("400.7/999/2026", 999, reg.logins["admin"])
        )
        # A forged "number taken" setting is not a number taken.
        conn.execute("SELECT set_config('sirentan.letter', 'umum|2026|998', true)")
        assert "permission denied" in refused(
            conn, insert, ("400.7/998/2026", 998, reg.logins["admin"])
        )
        for statement in (
            "UPDATE letter_counter SET last_number = 0",
            "INSERT INTO letter_counter VALUES ('umum', 2026, 0)",
            "DELETE FROM letter_counter",
            "INSERT INTO document_file VALUES (1, 'fake'::bytea)",
        ):
            assert "permission denied" in refused(conn, statement), statement
        # Taking a number through the function allows exactly that letter, by this clerk.
        number = present(
            conn.execute("SELECT sirentan_next_letter_number('umum', 2026)").fetchone()
        )[0]
        document = conn.execute(insert, (f"400.7/{number}/2026", number, reg.logins["admin"]))
        document_id = present(document.fetchone(), "row")[0]
        assert "permission denied" in refused(
            conn, "INSERT INTO document_file VALUES (%s, 'other bytes'::bytea)", (document_id,)
        )
    with connect(reg, operator) as conn:
        number = present(
            conn.execute("SELECT sirentan_next_letter_number('umum', 2026)").fetchone()
        )[0]
        document_id = present(
            conn.execute(insert, (f"400.7/{number}/2026", number, reg.logins["admin"])).fetchone()
        )[0]
        conn.execute("INSERT INTO document_file VALUES (%s, 'fake'::bytea)", (document_id,))
        conn.commit()
        created_by = conn.execute(
            "SELECT created_by FROM issued_document WHERE id = %s", (document_id,)
        ).fetchone()
        assert created_by == (operator,)
        before = last_audit_id(reg)
        conn.execute(
            "UPDATE issued_document SET status = 'batal', status_reason = 'r', "
            "status_by = %s WHERE id = %s",
            (reg.logins["admin"], document_id),
        )
        conn.commit()
        assert "permission denied" in refused(
            conn, "UPDATE issued_document SET status = 'terbit' WHERE id = %s", (document_id,)
        )
    rows = audit_rows_since(reg, before)
    assert [(r[0], r[1], r[2]) for r in rows] == [(operator, "status", "issued_document")]
    with superuser(reg) as conn:
        assert conn.execute(
            "SELECT status_by FROM issued_document WHERE id = %s", (document_id,)
        ).fetchone() == (operator,)
    with connect(reg, reg.logins["verifikator"]) as conn:
        assert "permission denied" in refused(
            conn, "SELECT sirentan_next_letter_number('umum', 2026)"
        )


# -- 8. row-level security beyond the main tables ---------------------------------------------


def test_8_every_table_holding_worker_id_has_row_security_and_an_audit_trigger(
    reg: Register,
) -> None:
    with superuser(reg) as conn:
        rows = conn.execute(
            "SELECT c.relname, c.relrowsecurity, "
            "EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid), "
            "EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid "
            "        AND t.tgname LIKE 'sirentan\\_audit%%') "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'worker_id' "
            "WHERE n.nspname = 'public' AND c.relkind = 'r'"
        ).fetchall()
    tables = {r[0] for r in rows}
    assert {"claim", "card_print", "import_batch_row", "twin_review", "bpjs_list_entry"} <= tables
    missing = [r[0] for r in rows if not (r[1] and r[2] and r[3])]
    assert missing == []


def test_8_a_new_table_with_worker_id_is_secured_by_the_helper(reg: Register) -> None:
    with superuser(reg) as conn:
        conn.execute(
            "CREATE TABLE coverage_probe (id serial PRIMARY KEY, worker_id integer, note text)"
        )
        conn.execute("SELECT sirentan_secure_worker_tables()")
        secured = conn.execute(
            "SELECT relrowsecurity, EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid "
            "AND t.tgname = 'sirentan_audit') FROM pg_class c WHERE relname = 'coverage_probe'"
        ).fetchone()
        conn.rollback()
    assert secured == (True, True)


def test_8_a_limited_operator_stays_in_their_kecamatan_everywhere(reg: Register) -> None:
    with superuser(reg) as conn:
        batch = present(
            conn.execute(
                "INSERT INTO card_print_batch (created_at, selection, layout, backs, "
                "start_position, card_count, reprint_count, skipped_count, page_count, pdf_sha256) "
                "VALUES (now(), 'x', 'a4', false, 1, 2, 0, 0, 1, 'x') RETURNING id"
            ).fetchone()
        )[0]
        for worker in (reg.in_kota, reg.elsewhere):
            conn.execute(
                "INSERT INTO card_print (batch_id, worker_id, kind, status, printed_at) "
                "VALUES (%s, %s, 'first', 'printed', now())",
                (batch, worker),
            )
        conn.commit()
    with connect(reg, reg.logins["operator_kota"]) as conn:
        assert conn.execute("SELECT count(*) FROM worker").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM heir").fetchone() == (1,)
        changed = conn.execute(
            "UPDATE card_print SET status = 'handed_over' WHERE worker_id = %s", (reg.elsewhere,)
        )
        assert changed.rowcount == 0
        seen = conn.execute("SELECT DISTINCT worker_id FROM card_print").fetchall()
        assert seen == [(reg.in_kota,)]
        conn.rollback()


# -- 9. the masked view is a security barrier -------------------------------------------------


def test_9_a_viewer_cannot_make_temporary_functions_and_the_view_is_a_barrier(
    reg: Register,
) -> None:
    with connect(reg, reg.logins["viewer_kota"]) as conn:
        error = refused(
            conn,
            "CREATE FUNCTION pg_temp.peek(text) RETURNS boolean LANGUAGE sql AS 'SELECT true'",
        )
        assert "permission denied" in error
        assert conn.execute("SELECT count(*) FROM worker_masked").fetchone() == (1,)
    with superuser(reg) as conn:
        options = present(
            conn.execute(
                "SELECT reloptions FROM pg_class WHERE relname = 'worker_masked'"
            ).fetchone()
        )[0]
    assert "security_barrier=true" in options


# -- 10. secrets -------------------------------------------------------------------------------


def test_10_no_password_hash_is_readable_or_kept(reg: Register) -> None:
    with connect(reg, reg.logins["admin"]) as conn:
        assert "permission denied" in refused(conn, "SELECT password_hash FROM app_user")
        assert "permission denied" in refused(conn, "SELECT * FROM app_user")
    with superuser(reg) as conn:
        hashes = conn.execute("SELECT DISTINCT password_hash FROM app_user").fetchall()
    assert hashes == [("!postgresql",)]


def test_10_the_workstation_is_a_transaction_setting_not_an_identity(reg: Register) -> None:
    operator = reg.logins["operator"]
    before = last_audit_id(reg)
    with connect(reg, operator) as conn:
        conn.execute("SELECT set_config('sirentan.user', %s, true)", (reg.logins["admin"],))
        conn.execute("SELECT set_config('sirentan.workstation', 'PC-LOKET', true)")
        conn.execute("UPDATE worker SET rt = '9' WHERE id = %s", (reg.in_kota,))
        conn.commit()
    with superuser(reg) as conn:
        row = conn.execute(
            "SELECT user_name, workstation, at <= now() FROM audit_log WHERE id > %s",
            (before,),
        ).fetchone()
    assert row == (operator, "PC-LOKET", True)


def test_reveal_and_audit_dates_use_the_server_clock(reg: Register) -> None:
    with superuser(reg) as conn:
        oldest = present(conn.execute("SELECT min(at)::date FROM audit_log").fetchone(), "row")[0]
    assert oldest >= date(2026, 1, 1)


def test_8_letters_and_their_pdfs_follow_the_workers_kecamatan(reg: Register) -> None:
    with superuser(reg) as conn:
        ids = []
        for number, worker in (("470/1/2026", reg.in_kota), ("470/2/2026", reg.elsewhere)):
            document = present(
                conn.execute(
                    "INSERT INTO issued_document (number, series, year, sequence, kind, "
                    "document_date, subject, addressee, sifat, signatory_name, page_size, "
                    "page_count, fields, sha256, status, created_at, worker_id) VALUES (%s, 'ket', "
                    "2026, %s, 'keterangan', '2026-12-01', 's', 'a', 'biasa', 'x', 'a4', 1, %s, "
                    "encode(sha256('pdf'::bytea), 'hex'), 'terbit', now(), %s) RETURNING id",
                    (number, worker, json.dumps({"nik": "x"}), worker),
                ).fetchone()
            )[0]
            conn.execute("INSERT INTO document_file VALUES (%s, 'pdf'::bytea)", (document,))
            ids.append(document)
        conn.commit()
    for kind in ("operator_kota", "viewer_kota"):
        with connect(reg, reg.logins[kind]) as conn:
            seen = conn.execute(
                "SELECT id FROM issued_document WHERE id = ANY(%s) ORDER BY id", (ids,)
            ).fetchall()
            assert seen == [(ids[0],)], kind
    with connect(reg, reg.logins["operator_kota"]) as conn:
        files = conn.execute(
            "SELECT document_id FROM document_file WHERE document_id = ANY(%s)", (ids,)
        ).fetchall()
        assert files == [(ids[0],)]
    with connect(reg, reg.logins["operator"]) as conn:
        assert (
            len(
                conn.execute("SELECT id FROM issued_document WHERE id = ANY(%s)", (ids,)).fetchall()
            )
            == 2
        )


def test_db_upgrade_moves_an_existing_register_off_the_server_wide_groups() -> None:
    """A register made before 0012: its clerks were in sirentan_*, its admin had CREATEROLE."""
    from alembic import command
    from sqlalchemy import text as sql_text

    url, admin_engine = create_pg_database()
    try:
        engine = make_engine(url)
        config = schema._alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0008")
        old_admin = clerk_name("legacy_admin")
        with engine.begin() as conn:
            conn.execute(sql_text(f'CREATE ROLE "{old_admin}" LOGIN CREATEROLE'))
            conn.execute(sql_text(f'GRANT sirentan_admin TO "{old_admin}"'))
            conn.execute(
                sql_text(
                    "INSERT INTO app_user (username, full_name, role, active, password_hash, "
                    "must_change_password, failed_attempts, created_at, updated_at, version) "
                    "VALUES (:n, 'Lama', 'admin', true, 'x', false, 0, now(), now(), 1)"
                ),
                {"n": old_admin},
            )
        schema.upgrade(engine)
        with engine.connect() as conn:
            row = conn.execute(
                sql_text(
                    "SELECT r.rolcreaterole, array(SELECT g.rolname FROM pg_auth_members m "
                    "JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid ORDER BY 1) "
                    "FROM pg_roles r WHERE r.rolname = :n"
                ),
                {"n": old_admin},
            ).one()
        engine.dispose()
        dbname = make_url(url).database
        assert row[0] is False
        assert sorted(row[1]) == sorted([f"{dbname}_admin", f"{dbname}_clerk"])
        register = Register(url, dbname or "", {"admin": old_admin}, 0, 0, "", "", 0)
        with connect(register, old_admin) as conn:
            assert conn.execute("SELECT count(*) FROM app_user").fetchone() == (1,)
            conn.execute("SELECT sirentan_account_sync(%s, NULL)", (old_admin,))
    finally:
        drop_pg_database(url, admin_engine)
