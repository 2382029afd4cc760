"""Who may do what with claims, in the services on both engines and, on PostgreSQL, in the
database itself (grants, row-level security by kecamatan)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from models.enums import ClaimStatus, Gender, Role
from services import claims
from services.core.context import ServiceContext
from services.core.errors import NotFoundError
from services.core.permissions import PermissionDeniedError
from tests.factories import make_nik
from tests.integration.claim_helpers import (
    NOW,
    PDF,
    heir_with_account,
    jkm,
    make_worker,
    receive_everything,
    step,
)
from tests.integration.trust_helpers import clerk, first_admin

KOTA = "53.03.05"


def admin_as_clerk(admin: ServiceContext, database_url: str) -> ServiceContext:
    """An operator: keeps claims, but approving another holder is a verifikator's act."""
    return clerk(admin, database_url, "petugas_rek", Role.OPERATOR)


@pytest.fixture
def office(ctx: ServiceContext, database_url: str) -> tuple[ServiceContext, int, int]:
    """An administrator, a claim in Kota Kefamenanu and one in Biboki Utara."""
    admin = first_admin(ctx, database_url)
    heir = heir_with_account()
    heir.nik = make_nik(date(1980, 3, 3), Gender.MALE, 5)
    in_kota = make_worker(admin, 1, heirs=[heir])
    elsewhere = make_worker(
        admin,
        2,
        village_code="53.03.06.2001",
        nik=make_nik(date(1985, 7, 12), Gender.FEMALE, 2, "530306"),
    )
    kota_claim = claims.open_claim(admin, in_kota, jkm(), now=NOW)
    claims.attach_scan(admin, kota_claim.id, "akta_kematian", "akta.pdf", PDF, now=NOW)
    other_claim = claims.open_claim(admin, elsewhere, jkm(), now=NOW)
    return admin, kota_claim.id, other_claim.id


def test_a_viewer_reads_claims_without_personal_data_and_cannot_change_them(
    office: tuple[ServiceContext, int, int], database_url: str
) -> None:
    admin, claim_id, _ = office
    viewer = clerk(admin, database_url, "lihat", Role.VIEWER)
    page = claims.list_claims(viewer, now=NOW)
    assert page.total == 2
    assert [r.worker_nik for r in page.rows] == ["5303********0002", "5303********0001"]
    detail = claims.get_claim(viewer, claim_id, now=NOW)
    assert detail.identity_hidden and detail.worker.nik == "5303********0001"
    heir = detail.heirs[0]
    assert (heir.full_name, heir.nik, heir.bank_account_number) == ("YOHANES TAEK", None, None)
    assert detail.event.cause_of_death is None  # health details stay hidden
    scan = next(d for d in detail.documents if d.item_code == "akta_kematian").attachment
    assert scan is not None and (scan.file_name, scan.sha256, scan.size) == (None, None, len(PDF))
    assert detail.next_steps == ()
    for attempt in (
        lambda: step(viewer, detail, ClaimStatus.CANCELLED, note="x"),
        lambda: claims.open_claim(viewer, detail.worker.id, jkm(), now=NOW),
        lambda: claims.update_document(viewer, claim_id, claims.DocumentUpdate("kk", True)),
        lambda: claims.open_scan(viewer, claim_id, "akta_kematian"),
    ):
        with pytest.raises(PermissionDeniedError):
            attempt()
    with pytest.raises(PermissionDeniedError) as caught:
        step(viewer, detail, ClaimStatus.COMPLETE)
    assert "tidak berwenang mengelola klaim" in caught.value.message
    assert claims.get_claim(admin, claim_id, now=NOW).status is ClaimStatus.DRAFT


def test_a_verifikator_checks_the_file_but_does_not_submit_it(
    office: tuple[ServiceContext, int, int], database_url: str
) -> None:
    admin, claim_id, _ = office
    verifier = clerk(admin, database_url, "verif", Role.VERIFIKATOR)
    receive_everything(admin, claims.get_claim(admin, claim_id, now=NOW))
    assert claims.open_scan(verifier, claim_id, "akta_kematian").content == PDF
    seen = claims.get_claim(verifier, claim_id, now=NOW)
    assert seen.next_steps == (ClaimStatus.COMPLETE,)
    complete = step(verifier, seen, ClaimStatus.COMPLETE)
    assert complete.status is ClaimStatus.COMPLETE and complete.history[-1].by == verifier.user_name
    with pytest.raises(PermissionDeniedError) as caught:
        step(verifier, complete, ClaimStatus.SUBMITTED, letter_number="1/2025")
    assert "tidak berwenang mengubah klaim menjadi Diajukan ke BPJS" in caught.value.message
    back = step(verifier, complete, ClaimStatus.DRAFT, note="KK tidak terbaca")
    assert back.status is ClaimStatus.DRAFT
    # The verifikator's own act: approving an account held under another name.
    approval = claims.HolderOverride("0077001122", "Yosef Bano", "Wali anak, surat PN 12/2025")
    approved = claims.approve_holder(verifier, claim_id, approval, back.version, now=NOW)
    assert approved.holder_override is not None
    assert approved.holder_override.by == verifier.user_name
    with pytest.raises(PermissionDeniedError):
        claims.approve_holder(admin_as_clerk(admin, database_url), claim_id, approval, 0)
    with pytest.raises(PermissionDeniedError):
        claims.open_claim(verifier, complete.worker.id, jkm(date(2025, 9, 1)), now=NOW)


def test_a_kecamatan_clerk_sees_and_changes_only_their_claims(
    office: tuple[ServiceContext, int, int], database_url: str
) -> None:
    admin, claim_id, other_id = office
    local = clerk(admin, database_url, "kota", Role.OPERATOR, [KOTA])
    assert [r.id for r in claims.list_claims(local, now=NOW).rows] == [claim_id]
    with pytest.raises(NotFoundError):
        claims.get_claim(local, other_id, now=NOW)
    other = claims.get_claim(admin, other_id, now=NOW)
    with pytest.raises(NotFoundError):
        step(local, other, ClaimStatus.CANCELLED, note="bukan wilayah saya")
    with pytest.raises(NotFoundError):
        claims.open_claim(local, other.worker.id, jkm(date(2025, 9, 1)), now=NOW)


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_database_keeps_viewers_from_claims_personal_data(
    office: tuple[ServiceContext, int, int], database_url: str
) -> None:
    admin, claim_id, _ = office
    viewer = clerk(admin, database_url, "lihat_sql", Role.VIEWER)
    with viewer.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM claim")).scalar() == 2
        assert conn.execute(text("SELECT full_name FROM claim_heir")).scalar() == "YOHANES TAEK"
        # Migration 0008: the stored estimate is public like the eligibility beside it.
        public = text(f"SELECT estimated_benefit, event_time FROM claim WHERE id = {claim_id}")
        assert conn.execute(public).one() == (42_000_000, None)
    for forbidden in (
        "SELECT nik FROM claim_heir",
        "SELECT bank_account_number FROM claim_heir",
        "SELECT paid_account_number FROM claim",
        "SELECT cause_of_death FROM claim",
        "SELECT content FROM claim_attachment",
        "SELECT file_name FROM claim_document",
        f"UPDATE claim SET status = 'dibatalkan' WHERE id = {claim_id}",
        "INSERT INTO claim_status_change (claim_id, to_status, step_back, changed_at) "
        f"VALUES ({claim_id}, 'draft', false, now())",
    ):
        with viewer.engine.connect() as conn, pytest.raises(sa_exc.ProgrammingError) as caught:
            conn.execute(text(forbidden))
        assert "permission denied" in str(caught.value.orig).lower(), forbidden


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_database_limits_a_verifikator_to_the_status_columns(
    office: tuple[ServiceContext, int, int], database_url: str
) -> None:
    admin, claim_id, _ = office
    verifier = clerk(admin, database_url, "verif_sql", Role.VERIFIKATOR)
    with verifier.engine.connect() as conn:
        conn.execute(text(f"UPDATE claim SET status = 'berkas_lengkap' WHERE id = {claim_id}"))
        conn.execute(text(f"UPDATE claim SET estimated_benefit = 1 WHERE id = {claim_id}"))
        conn.execute(text(f"UPDATE claim SET holder_override_holder = 'X' WHERE id = {claim_id}"))
        conn.rollback()
        with pytest.raises(sa_exc.ProgrammingError):
            conn.execute(text(f"UPDATE claim SET paid_amount = 1 WHERE id = {claim_id}"))
        conn.rollback()
        with pytest.raises(sa_exc.ProgrammingError):
            conn.execute(text(f"UPDATE claim SET paid_reference = 'X' WHERE id = {claim_id}"))


@pytest.mark.postgres
@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_row_level_security_keeps_claims_in_their_kecamatan(
    office: tuple[ServiceContext, int, int], database_url: str
) -> None:
    admin, _, other_id = office
    local = clerk(admin, database_url, "kota_sql", Role.OPERATOR, [KOTA])
    with local.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM claim")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM claim_heir")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM claim_status_change")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM claim_attachment")).scalar() == 1
        changed = conn.execute(
            text("UPDATE claim SET notes = 'x' WHERE id = :id"), {"id": other_id}
        )
        assert changed.rowcount == 0
        conn.rollback()
