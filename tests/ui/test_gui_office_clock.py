"""The audit view shows its moments on the office's clock with the zone's name: a Jakarta
office reads WIB even on a workstation whose own clock is set far away."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from models import AuditEntry
from services.settings.district import DistrictSetup, apply_district
from tests.ui.accounts import admin_session
from tests.ui.helpers import cell, open_window
from ui.gui.audit.audit_panel import AuditPanel
from ui.gui.sections import AUDIT

JAKARTA = DistrictSetup(
    kabupaten_code="31.71",  # Kota Jakarta Pusat: WIB
    office={"office.address": "Jl. Medan Merdeka Selatan 8, Jakarta Pusat"},
)
WIB_OFFSET = timezone(timedelta(hours=7))


def test_a_jakarta_office_reads_its_audit_trail_in_wib(
    qtbot: QtBot, database_url: str, workstation_far_away: None
) -> None:
    admin = admin_session(database_url)
    apply_district(admin, JAKARTA)  # its own change is in the trail
    with admin.session_factory() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "setting").order_by(AuditEntry.id)
        ).first()
        assert entry is not None
        stored, entity_id = entry.at, entry.entity_id
    aware = stored if stored.tzinfo else stored.replace(tzinfo=UTC)  # SQLite drops the zone
    expected = f"{aware.astimezone(WIB_OFFSET):%d-%m-%Y %H.%M.%S} WIB"

    window = open_window(qtbot, admin)
    window.show_section(AUDIT)
    panel = window.panel(AUDIT)
    assert isinstance(panel, AuditPanel)
    rows = panel.model.rows()
    row = next(i for i, r in enumerate(rows) if r.entity_id == entity_id)
    assert cell(panel.model, row, "Waktu") == expected
    panel.table.selectRow(row)
    assert panel.detail.toPlainText().startswith(expected)
    admin.engine.dispose()
