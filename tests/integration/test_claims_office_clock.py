"""The JKK report deadline runs on the district's clock: an office in Medan (WIB), in
Timor Tengah Utara (WITA) and in Jayapura (WIT), each typing "08.30" for the accident."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from models.database import make_engine
from models.enums import Gender, Role
from services import claims
from services.claims.missing_slip import write_missing_slip
from services.core.context import ServiceContext
from services.core.permissions import Principal
from services.settings.district import DistrictSetup, Official, apply_district
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from tests.factories import make_nik, worker_input
from tests.integration.claim_helpers import jkk
from tests.integration.document_helpers import pdf_text

ADMIN = Principal(user_id=0, username="admin1", full_name="Admin Satu", role=Role.ADMIN)
BIRTH = date(1985, 7, 12)
# The accident on 19 October 2025 at 08.30 on the office's clock; 48 hours later in UTC.
DISTRICTS = [
    ("12.71", "12.71.01.1001", "Medan", "WIB", datetime(2025, 10, 21, 1, 30, tzinfo=UTC)),
    ("53.03", "53.03.05.1002", "Kefamenanu", "WITA", datetime(2025, 10, 21, 0, 30, tzinfo=UTC)),
    ("91.71", "91.71.01.1001", "Jayapura", "WIT", datetime(2025, 10, 20, 23, 30, tzinfo=UTC)),
]


@pytest.fixture
def admin(database_url: str) -> Iterator[ServiceContext]:
    context = ServiceContext.for_engine(make_engine(database_url), principal=ADMIN)
    yield context
    context.engine.dispose()


@pytest.mark.parametrize(("district", "village", "town", "zone", "deadline"), DISTRICTS)
def test_the_jkk_deadline_follows_the_district_clock(
    admin: ServiceContext,
    tmp_path: Path,
    district: str,
    village: str,
    town: str,
    zone: str,
    deadline: datetime,
) -> None:
    office = {"office.address": f"Jl. Merdeka No. 1, {town}"}
    apply_district(
        admin,
        DistrictSetup(
            kabupaten_code=district,
            capital=town,
            office=office,
            head_of_office=Official("Kepala Dinas", "198001012005011001", "Pembina (IV/a)"),
        ),
    )
    kecamatan = village.rsplit(".", 1)[0].replace(".", "")
    nik = make_nik(BIRTH, Gender.FEMALE, 1, kecamatan=kecamatan)
    people = WorkerService(admin, RegionDirectory(admin))
    worker = people.create(worker_input(1, village_code=village, nik=nik)).worker
    # Opened the morning after the accident: the slip handed to the family names the
    # deadline on the local clock.
    early = datetime(2025, 10, 20, 0, 0, tzinfo=UTC)
    opened = claims.open_claim(admin, worker.id, jkk(), now=early)
    assert opened.event.event_time == time(8, 30)
    assert opened.eligibility.report_deadline == deadline
    assert opened.zone.tzname(None) == zone
    slip = write_missing_slip(admin, opened.id, tmp_path / "slip.pdf", now=early)
    assert f"21 Oktober 2025 pukul 08.30 {zone}" in pdf_text(slip.read_bytes())
    # Two hours after the deadline in every zone: the clerk sees it passed, on the local clock.
    now = datetime(2025, 10, 21, 3, 30, tzinfo=UTC)
    late = claims.get_claim(admin, opened.id, now=now)
    overdue = next(c for c in late.eligibility.checks if c.code == "report_overdue")
    assert f"21 Oktober 2025 pukul 08.30 {zone}" in overdue.text
    # A first report typed on the office clock (no zone given) is read on it too.
    reported = claims.update_claim(
        admin,
        opened.id,
        jkk(first_report_at=datetime(2025, 10, 21, 8, 30)),
        opened.version,
        now=now,
    )
    assert reported.event.first_report_at == deadline
    assert reported.eligibility.deadline_state is claims.DeadlineState.ON_TIME
    listed = claims.list_claims(admin, now=now).rows
    assert [row.report_deadline for row in listed] == [deadline]
    assert listed[0].zone.tzname(None) == zone
