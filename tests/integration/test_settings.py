"""Office settings: one catalogue of defaults, checked values, audited changes, the CLI."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from models import AuditEntry, Setting
from models.database import make_engine
from models.enums import Role
from services.claims.rules import ClaimRules, read_rules
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from services.core.permissions import PermissionDeniedError, Principal
from services.settings.catalog import CATALOG, SPECS, field_message, where
from services.settings.store import DEFAULTS, SettingsService
from tests.integration.test_cli import as_admin, first_admin, run_cli
from tests.present import present

ROOT = Path(__file__).resolve().parents[2]
ADMIN = Principal(user_id=0, username="admin1", full_name="Admin Satu", role=Role.ADMIN)
KEY_PREFIXES = (
    "district|office|bpjs|backup|claims|premium|report|cards|letterhead|documents|"
    "numbering|agreement|export|import"
)


@pytest.fixture
def admin(database_url: str) -> Iterator[ServiceContext]:
    context = ServiceContext.for_engine(make_engine(database_url), principal=ADMIN)
    yield context
    context.engine.dispose()


def test_every_setting_key_the_code_reads_is_in_the_catalogue() -> None:
    """A key read in code without a catalogue entry would have no default, label or check."""
    pattern = re.compile(rf"[\"']((?:{KEY_PREFIXES})\.[a-z_]+(?:\.[a-z_]+)?)[\"']")
    found: set[str] = set()
    for folder in ("services", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            found |= set(pattern.findall(path.read_text(encoding="utf-8")))
    # Keys that are not settings but look like them (module paths in lazy imports).
    found = {k for k in found if not k.startswith(("claims.rules", "claims.refresh"))}
    assert found, "the scan found no keys at all"
    assert sorted(found - set(SPECS)) == []


def test_one_source_of_defaults() -> None:
    assert {s.key: s.default for s in CATALOG} == DEFAULTS
    # ClaimRules keeps no default of its own: every field comes from the catalogue.
    assert all(f.default is dataclasses.MISSING for f in dataclasses.fields(ClaimRules))
    rules = ClaimRules.defaults()
    assert rules.scholarship_cap == int(DEFAULTS["claims.scholarship_cap"])
    assert rules.jkk_report_hours == int(DEFAULTS["claims.jkk_report_hours"])
    # Every default passes its own check.
    assert [s.key for s in CATALOG if field_message(s.key, s.default)] == []


def test_rules_read_from_an_empty_register_equal_the_defaults(admin: ServiceContext) -> None:
    with admin.session_factory() as session:
        assert read_rules(session) == ClaimRules.defaults()


def test_values_are_checked_and_nothing_is_stored_when_one_is_bad(admin: ServiceContext) -> None:
    service = SettingsService(admin)
    with pytest.raises(ValidationError) as caught:
        service.set_many(
            {
                "office.phone": "(0388) 31234",
                "office.email": "dinas-at-kab",
                "claims.jkk_report_hours": "dua hari",
                "agreement.payment_due_day": "31",
            }
        )
    texts = {p.field: p.text for p in caught.value.problems}
    assert set(texts) == {"office.email", "claims.jkk_report_hours", "agreement.payment_due_day"}
    assert texts["office.email"].startswith("Pos-el kantor: Alamat pos-el tidak sah")
    assert texts["agreement.payment_due_day"] == "Tanggal jatuh tempo iuran: Paling besar 28."
    # Nothing half-written: the good phone number was not stored either.
    assert service.get("office.phone") == ""


def test_values_are_stored_normalised_and_audited(admin: ServiceContext) -> None:
    service = SettingsService(admin)
    service.set_many(
        {
            "claims.scholarship_cap": "Rp 180.000.000",
            "claims.jkk_scholarship_needs_min_years": "Tidak",
            "cards.accident_steps": "  Lapor ke desa \n\n Bawa KTP  \n",
        }
    )
    assert service.get("claims.scholarship_cap") == "180000000"
    assert service.get("claims.jkk_scholarship_needs_min_years") == "tidak"
    assert service.get("cards.accident_steps") == "Lapor ke desa\nBawa KTP"
    with admin.session_factory() as session:
        rules = read_rules(session)
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "setting").order_by(AuditEntry.id)
        ).all()
    assert rules.scholarship_cap == 180_000_000 and not rules.jkk_scholarship_needs_min_years
    changed = {e.summary: json.loads(present(e.changes))["value"] for e in entries}
    assert changed["claims.scholarship_cap"] == [None, "180000000"]
    assert {e.user_name for e in entries} == {"admin1"}

    service.reset(["claims.scholarship_cap"])
    assert service.get("claims.scholarship_cap") == DEFAULTS["claims.scholarship_cap"]
    with admin.session_factory() as session:
        assert session.get(Setting, "claims.scholarship_cap") is None
        last = present(session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first())
    assert (last.action, last.summary) == ("delete", "claims.scholarship_cap")


def test_only_administrators_change_settings(ctx: ServiceContext) -> None:
    with pytest.raises(PermissionDeniedError):
        SettingsService(ctx).set("office.phone", "0388-31234")


def test_the_district_keys_change_only_through_the_district_set_up(admin: ServiceContext) -> None:
    with pytest.raises(ValidationError) as caught:
        SettingsService(admin).set("district.kabupaten_code", "53.71")
    assert "Wilayah kantor" in caught.value.message


def test_messages_name_the_menu_group_and_field() -> None:
    assert where("bpjs.branch_head_name") == (
        "menu Pengaturan → Pengaturan kantor → BPJS & PKS → “Nama kepala kantor cabang”"
    )
    # No message in the code sends a clerk to a setting by its key any more.
    for folder in ("services", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"[Pp]engaturan \{?[a-z_]+\.[a-z_]", text), path


def test_settings_from_the_command_line(tmp_path: Path) -> None:
    first_admin(tmp_path)
    bad = as_admin("settings", "set", "office.email", "bukan-surel", home=tmp_path)
    assert bad.returncode == 1
    assert "Pos-el kantor: Alamat pos-el tidak sah" in bad.stderr
    made = as_admin("settings", "set", "office.email", "dinas@ttukab.go.id", home=tmp_path)
    assert made.returncode == 0, made.stderr
    assert as_admin("settings", "get", "office.email", home=tmp_path).stdout.strip() == (
        "dinas@ttukab.go.id"
    )
    listed = json.loads(
        as_admin("settings", "list", "--group", "kantor", "--json", home=tmp_path).stdout
    )
    email = next(e for e in listed if e["key"] == "office.email")
    assert (email["label"], email["is_default"], email["updated_by"]) == (
        "Pos-el kantor",
        False,
        "admin_satu",
    )
    assert {e["group"] for e in listed} == {"kantor"}
    unknown = as_admin("settings", "get", "office.fax", home=tmp_path)
    assert unknown.returncode == 1 and "tidak dikenal" in unknown.stderr
    assert as_admin("settings", "reset", "office.email", home=tmp_path).returncode == 0
    assert as_admin("settings", "get", "office.email", home=tmp_path).stdout.strip() == ""
    anonymous = run_cli("settings", "list", home=tmp_path)
    assert anonymous.returncode != 0
