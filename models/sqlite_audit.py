"""SQLite's audit trail, written by the database as PostgreSQL's is (migration 0012).

Triggers on every audited table record each insert, update and delete with its old and new
values and the database's clock, whether the change came from the app or from any other
client of the register file. The actor comes from the connection: the app keeps a TEMP table
``sirentan_session`` whose column default holds the clerk, the workstation and a note as JSON
(``set_session_actor``). A trigger of the main schema cannot read a TEMP table's rows, but it
can read its definition through ``pragma_table_info(…, 'temp')``; a connection without that
table (``sqlite3``, DB Browser) is recorded as ``NO_APP``.

SQLite has no stored procedures, so the helper lives here: migration 0016 calls
``secure_sqlite_tables`` and so must every later migration that adds, rebuilds (batch mode
drops triggers) or adds a column to a table, as on PostgreSQL it calls
``sirentan_secure_worker_tables()``. The lists below are migration 0012's (a test compares).
"""

from __future__ import annotations

import json

from sqlalchemy import Connection

from models.office_image import IMAGE_LABELS


def _lit(value: str | None) -> str:
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


SESSION_TABLE = "sirentan_session"
# The actor of a change made outside the app.
NO_APP = "(tanpa aplikasi)"
TRIGGER_PREFIX = "sirentan_audit_"

# Audited tables: entity name in the trail, its parent entity and the parent's column.
# A table not named here but holding worker_id is audited as itself under its worker.
AUDITED: dict[str, tuple[str, str | None, str | None]] = {
    "worker": ("worker", None, None),
    "heir": ("heir", "worker", "worker_id"),
    "setting": ("setting", None, None),
    "app_user": ("user", None, None),
    "user_kecamatan": ("user_kecamatan", "user", "user_id"),
    "card_print": ("card", "worker", "worker_id"),
    "claim": ("claim", "worker", "worker_id"),
    "claim_heir": ("claim_heir", "claim", "claim_id"),
    "claim_document": ("claim_document", "claim", "claim_id"),
    "claim_checklist_item": ("claim_checklist_item", None, None),
    "claim_benefit_rate": ("claim_benefit_rate", None, None),
    "signatory": ("signatory", None, None),
    "issued_document": ("issued_document", None, None),
    "document_template": ("document_template", None, None),
    "premium_rate": ("premium_rate", None, None),
    "premium_bill": ("premium_bill", None, None),
    "premium_payment": ("premium_payment", "premium_bill", "bill_id"),
    "budget_allocation": ("budget_allocation", None, None),
}
# Bulk tables holding worker_id: one entry per run of rows, not one per row.
BULK_AUDITED = ("import_batch_row", "bpjs_list_entry", "twin_review")
NOT_AUDITED = (*BULK_AUDITED, "audit_log")
# 0012's list plus 0015's phonetic key.
SKIPPED = (
    "version",
    "updated_at",
    "updated_by",
    "created_at",
    "created_by",
    "name_key",
    "name_phonetic",
    "failed_attempts",
    "locked_until",
    "last_login_at",
    "pdf",
    "content",
    "estimated_benefit",
)
SECRET = ("password_hash",)
# Migration 0014's own trigger on office_image: these fields, the image's size for its bytes.
OFFICE_IMAGE_FIELDS = ("kind", "file_name", "media_type", "width", "height", "size_bytes",
                       "sha256", "content")  # fmt: skip

# sirentan_audit_label of migration 0012, over the row's columns: never a whole NIK.
_LABELS = {
    "worker": "{r}.full_name || ' (NIK ' || coalesce(substr({r}.nik, 1, 4) || '********' "
    "|| substr({r}.nik, -4), '-') || ')'",
    "heir": "'ahli waris ' || {r}.full_name",
    "setting": "{r}.key",
    "user": "{r}.username",
    "user_kecamatan": "{r}.kecamatan_code",
    "card": "'kartu peserta #' || {r}.id",
    "claim": "'klaim ' || upper({r}.claim_type) || ' #' || {r}.id",
    "claim_heir": "'ahli waris klaim ' || {r}.full_name",
    "claim_document": "'dokumen ' || {r}.item_code",
    "claim_checklist_item": "upper({r}.claim_type) || ' ' || {r}.code",
    "claim_benefit_rate": "{r}.code || ' mulai ' || {r}.valid_from",
    "signatory": "{r}.name || ' (' || {r}.position || ')'",
    "issued_document": "{r}.kind || ' ' || {r}.number",
    "document_template": "{r}.key",
    "premium_rate": "'tarif ' || {r}.funding || ' mulai ' || {r}.valid_from",
    "premium_bill": "'tagihan ' || {r}.bill_number",
    "premium_payment": "'bayar ' || {r}.reference",
    "budget_allocation": "'pagu ' || {r}.funding || ' ' || {r}.year",
    # Migration 0020: Indonesian labels for the coverage history (not "coverage_period #1").
    "coverage_period": "'periode kepesertaan mulai ' || {r}.start_date "
    "|| coalesce(' s.d. ' || {r}.end_date, '')",
    "worker_status_event": "'status ' || {r}.status || ' mulai ' || {r}.effective_date",
    "office_image": "CASE {r}.kind "
    + " ".join(f"WHEN {_lit(k)} THEN {_lit(v)}" for k, v in IMAGE_LABELS.items())
    + " ELSE {r}.kind END",
}

# The database's clock, as SQLAlchemy writes and reads a DateTime on SQLite (UTC).
NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'"
# The connection's session JSON, unquoted from the TEMP table's column default.
_SESSION = (
    f"(SELECT replace(substr(dflt_value, 2, length(dflt_value) - 2), '''''', '''') AS v "
    f"FROM pragma_table_info('{SESSION_TABLE}', 'temp') WHERE name = 'actor')"
)
_ACTOR = f"CASE WHEN s.v IS NULL THEN '{NO_APP}' ELSE json_extract(s.v, '$.u') END"
_STATION = "json_extract(s.v, '$.w')"
_NOTE = "json_extract(s.v, '$.n')"
_FROM = f"FROM (SELECT 1) AS one LEFT JOIN {_SESSION} AS s ON 1"


def set_session_actor(
    connection: Connection, user_name: str | None, workstation: str | None, note: str | None
) -> None:
    """Who the triggers name for this connection's changes, until set again. Re-created only
    when it differs: a TEMP table's DDL is undone with a rolled-back transaction, so the
    table itself, not a cache, says what is set."""
    value = json.dumps(
        {"u": user_name, "w": (workstation or "")[:100] or None, "n": note or None},
        ensure_ascii=False,
    ).replace("\x00", "")
    literal = _lit(value)
    current = connection.exec_driver_sql(
        f"SELECT dflt_value FROM pragma_table_info('{SESSION_TABLE}', 'temp') WHERE name = 'actor'"
    ).scalar()
    if current == literal:
        return
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{SESSION_TABLE}")
    connection.exec_driver_sql(f"CREATE TEMP TABLE {SESSION_TABLE} (actor TEXT DEFAULT {literal})")


def secure_sqlite_tables(connection: Connection) -> None:
    """(Re)create the audit triggers on every audited table from its current columns."""
    drop_sqlite_triggers(connection)
    tables = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%'"
    ).scalars()
    for table in list(tables):
        columns = [
            (row[1], (row[2] or "").upper(), row[5])
            for row in connection.exec_driver_sql(f'PRAGMA table_info("{table}")')
        ]
        names = {c[0] for c in columns}
        audited = [c for c in columns if c[0] not in SKIPPED]
        if table in BULK_AUDITED:
            statements = _bulk_triggers(table)
        elif table == "office_image":
            kept = [c for c in columns if c[0] in OFFICE_IMAGE_FIELDS and c[0] != "kind"]
            statements = _row_triggers(table, (table, None, None), columns, kept)
        elif table in AUDITED:
            statements = _row_triggers(table, AUDITED[table], columns, audited)
        elif "worker_id" in names and table not in NOT_AUDITED:
            statements = _row_triggers(table, (table, "worker", "worker_id"), columns, audited)
        else:
            continue
        for statement in statements:
            connection.exec_driver_sql(statement)


def drop_sqlite_triggers(connection: Connection) -> None:
    names = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ESCAPE '\\'",
        (TRIGGER_PREFIX.replace("_", "\\_") + "%",),
    ).scalars()
    for name in list(names):
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')


def _value(ref: str, declared: str) -> str:
    """A column's value as the trail holds it (as PostgreSQL's to_jsonb gives it)."""
    if ref.endswith('."content"') and declared == "BLOB":  # an office image: "1.234 bita"
        size = ref.replace('"content"', '"size_bytes"')
        return f"replace(printf('%,d', {size}), ',', '.') || ' bita'"
    if declared == "BOOLEAN":
        return f"CASE {ref} WHEN 1 THEN json('true') WHEN 0 THEN json('false') END"
    if declared.startswith("DATETIME") or declared.startswith("TIMESTAMP"):
        return f"replace({_whole_seconds(ref)}, ' ', 'T') || '+00:00'"
    if declared == "TIME":
        return _whole_seconds(ref)
    if declared in ("BLOB", ""):  # a file or an image: its size, never its bytes
        return f"CASE WHEN typeof({ref}) = 'blob' THEN length({ref}) || ' bita' ELSE {ref} END"
    return ref


def _whole_seconds(ref: str) -> str:
    """SQLAlchemy stores six fraction digits; PostgreSQL writes none, or only those used."""
    return f"CASE WHEN {ref} LIKE '%.%' THEN rtrim(rtrim({ref}, '0'), '.') ELSE {ref} END"


def _diff(op: str, columns: list[tuple[str, str, int]]) -> str:
    """{"field": [old, new]} for the fields that changed. One json_object of CASEs, its
    unchanged fields NULL, which json_patch drops: a third of the cost of a subquery per
    column (15,000 inserted workers)."""
    pairs = []
    for name, declared, _pk in columns:
        col = f'"{name}"'
        old = "NULL" if op == "INSERT" else _value(f"old.{col}", declared)
        new = "NULL" if op == "DELETE" else _value(f"new.{col}", declared)
        if name in SECRET:
            old = "NULL" if op == "INSERT" else f"CASE WHEN old.{col} IS NOT NULL THEN '***' END"
            new = "'***'"
        if op == "INSERT":
            changed = f"new.{col} IS NOT NULL"
        elif op == "DELETE":
            changed = f"old.{col} IS NOT NULL"
        else:
            changed = f"old.{col} IS NOT new.{col}"
        pairs.append(f"{_lit(name)}, CASE WHEN {changed} THEN json_array({old}, {new}) END")
    diff = "'{}'"
    # json_object takes at most 127 arguments by default: 50 fields at a time.
    for start in range(0, len(pairs), 50):
        diff = f"json_patch({diff}, json_object({', '.join(pairs[start : start + 50])}))"
    return diff


def _row_triggers(
    table: str,
    spec: tuple[str, str | None, str | None],
    columns: list[tuple[str, str, int]],
    audited: list[tuple[str, str, int]],
) -> list[str]:
    """Row triggers recording the ``audited`` columns of ``columns`` (all of the table's)."""
    entity, parent, parent_column = spec
    names = {c[0] for c in columns}
    keys = [c[0] for c in sorted((c for c in columns if c[2]), key=lambda c: c[2])] or ["id"]
    statements = []
    for op in ("INSERT", "UPDATE", "DELETE"):
        row = "old" if op == "DELETE" else "new"
        if op == "INSERT":
            action = "'create'"
        elif op == "DELETE":
            action = "'delete'"
        elif "status" in {c[0] for c in audited}:
            action = "CASE WHEN old.status IS NOT new.status THEN 'status' ELSE 'update' END"
        else:
            action = "'update'"
        label = _LABELS.get(entity, f"{_lit(entity)} || ' #' || coalesce({{r}}.id, '?')")
        if entity not in _LABELS and "id" not in names:
            label = f"{_lit(entity)} || ' #?'"
        label = label.format(r=row)
        summary = (
            f"substr(CASE WHEN {_NOTE} IS NULL THEN {label} "
            f"ELSE coalesce({label}, '') || ' [' || {_NOTE} || ']' END, 1, 300)"
        )
        entity_id = " || '/' || ".join(f'CAST({row}."{k}" AS TEXT)' for k in keys)
        parent_id = f'CAST({row}."{parent_column}" AS TEXT)' if parent_column else "NULL"
        when = ""
        if op == "UPDATE":
            watched = [f'old."{n}" IS NOT new."{n}"' for n, _d, _p in audited]
            if not watched:
                continue
            when = " WHEN " + " OR ".join(watched)
        statements.append(
            f'CREATE TRIGGER "{TRIGGER_PREFIX}{table}_{op.lower()}" AFTER {op} ON "{table}"'
            f"{when} BEGIN INSERT INTO audit_log (at, user_name, workstation, action, entity, "
            "entity_id, parent_entity, parent_id, summary, changes) "
            f"SELECT {NOW}, {_ACTOR}, {_STATION}, {action}, {_lit(entity)}, substr({entity_id}, "
            f"1, 40), {_lit(parent)}, {parent_id}, {summary}, {_diff(op, audited)} {_FROM}; END"
        )
    return statements


def append_only_trigger() -> str:
    """audit_log's guard (migration 0002), with one narrow exception (0020): a bulk run's
    row triggers may count one more row into the trail's latest entry, written in the last
    two seconds, changing nothing but the number in front of " baris". Any other update
    is refused as before."""
    window = "strftime('%Y-%m-%d %H:%M:%f', 'now', '-2 seconds') || '000'"
    bulk = ", ".join(_lit(t) for t in BULK_AUDITED)
    same = " AND ".join(
        f"new.{c} IS old.{c}"
        for c in (
            "id", "at", "user_name", "workstation", "action", "entity", "entity_id",
            "parent_entity", "parent_id", "changes",
        )
    )  # fmt: skip
    counted = (
        f"old.id = (SELECT max(id) FROM audit_log) AND old.entity IN ({bulk}) "
        f"AND old.at >= {window} AND old.summary GLOB '[0-9]* baris*' AND {same} "
        "AND new.summary IS (CAST(old.summary AS INTEGER) + 1) "
        "|| substr(old.summary, instr(old.summary, ' baris'))"
    )
    return (
        f"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN NOT ({counted}) "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    )


def _bulk_triggers(table: str) -> list[str]:
    """SQLite has no statement triggers: the first row of a run writes "1 baris", each
    further row of the run (same table and action, the trail's latest entry, within two
    seconds) counts itself into it, so the entry reads "N baris" as PostgreSQL's
    statement trigger writes it (migration 0020)."""
    statements = []
    window = "strftime('%Y-%m-%d %H:%M:%f', 'now', '-2 seconds') || '000'"
    for op, action in (("INSERT", "create"), ("UPDATE", "update"), ("DELETE", "delete")):
        # No alias in a trigger's UPDATE: the columns are unqualified there.
        latest = (
            "id = (SELECT max(id) FROM audit_log) "
            f"AND entity = {_lit(table)} AND action = '{action}' AND at >= {window} "
            "AND summary GLOB '[0-9]* baris*'"
        )
        statements.append(
            f'CREATE TRIGGER "{TRIGGER_PREFIX}{table}_{op.lower()}" AFTER {op} ON "{table}" '
            "BEGIN UPDATE audit_log SET summary = (CAST(summary AS INTEGER) + 1) "
            f"|| substr(summary, instr(summary, ' baris')) WHERE {latest}; "
            "INSERT INTO audit_log (at, user_name, workstation, action, entity, summary) "
            f"SELECT {NOW}, {_ACTOR}, {_STATION}, '{action}', {_lit(table)}, "
            f"'1 baris' || coalesce(' [' || {_NOTE} || ']', '') "
            # The session is read only when the row starts a run (its left side is empty
            # otherwise): reading it for every row tripled the trigger's cost.
            f"FROM (SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM audit_log WHERE {latest})) AS one "
            f"LEFT JOIN {_SESSION} AS s ON 1; END"
        )
    return statements
