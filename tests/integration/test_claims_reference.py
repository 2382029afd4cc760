"""The editable checklist and benefit table: seeded as the domain notes give them, changed by
administrators, and every open claim follows the change. SQLite only: the tables are
reference data that the PostgreSQL test database keeps between tests."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import select

from models import AuditEntry, Claim
from models.enums import BenefitBasis, ClaimType, Role
from services import claims
from services.claims.missing_slip import write_missing_slip
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from services.core.permissions import PermissionDeniedError, Principal
from tests.integration.claim_helpers import NOW, jkm, make_worker

ADMIN = Principal(user_id=0, username="admin1", full_name="Admin", role=Role.ADMIN)


@pytest.fixture
def admin(sqlite_ctx: ServiceContext) -> ServiceContext:
    return ServiceContext.for_engine(sqlite_ctx.engine, principal=ADMIN)


def test_the_seeded_tables(sqlite_ctx: ServiceContext) -> None:
    jkm_items = [i.code for i in claims.list_checklist(sqlite_ctx, ClaimType.JKM)]
    assert jkm_items == [
        "kartu_peserta",
        "ktp_peserta",
        "ktp_ahli_waris",
        "akta_kematian",
        "kartu_keluarga",
        "surat_ahli_waris",
        "buku_nikah",
        "buku_tabungan",
        "npwp",
        "akta_lahir_anak",
        "bukti_sekolah",
    ]
    jkk_items = {i.code: i.condition for i in claims.list_checklist(sqlite_ctx, ClaimType.JKK)}
    assert jkk_items["laporan_polisi"] == "lalu_lintas"
    assert jkk_items["buku_nikah"] == "meninggal pasangan"
    rates = {r.code: r for r in claims.list_benefit_rates(sqlite_ctx)}
    assert sum(rates[c].amount or 0 for c in rates if c.startswith("jkm_") and "awal" not in c) == (
        42_000_000
    )
    assert (rates["jkk_santunan_kematian"].multiplier, rates["jkk_santunan_kematian"].minimum) == (
        48,
        20_000_000,
    )
    assert {r.valid_from for r in claims.list_benefit_rates(sqlite_ctx)} == {
        date(2019, 12, 2),
        date(2025, 2, 26),
    }
    assert [r.code for r in rates.values() if r.funeral] == [
        "jkm_biaya_pemakaman",
        "jkm_awal_pemakaman",
        "jkk_biaya_pemakaman",
    ]


def test_permenaker_1_2025_pays_only_the_funeral_cost_in_the_first_three_months(
    sqlite_ctx: ServiceContext,
) -> None:
    rows = [r for r in claims.list_benefit_rates(sqlite_ctx) if r.condition == "jkm_awal"]
    on = {(r.code, r.valid_from, r.valid_to, r.amount, r.funeral) for r in rows}
    assert on == {
        ("jkm_awal_santunan", date(2019, 12, 2), date(2025, 2, 25), 8_000_000, False),
        ("jkm_awal_pemakaman", date(2019, 12, 2), date(2025, 2, 25), 2_000_000, True),
        ("jkm_awal_pemakaman", date(2025, 2, 26), None, 10_000_000, True),
    }
    new = next(r for r in rows if r.valid_from == date(2025, 2, 26))
    assert new.source is not None and new.source.startswith("Permenaker 1/2025")


def test_a_new_rate_from_a_date_changes_estimates_of_later_events_only(
    admin: ServiceContext, sqlite_ctx: ServiceContext
) -> None:
    funeral = next(r for r in claims.list_benefit_rates(admin) if r.code == "jkm_biaya_pemakaman")
    claims.save_benefit_rate(admin, replace(funeral, valid_to=date(2025, 9, 30)))
    claims.save_benefit_rate(
        admin, replace(funeral, amount=15_000_000, valid_from=date(2025, 10, 1))
    )
    since = date(2025, 1, 1)
    first, second = (make_worker(sqlite_ctx, n, coverage_start=since) for n in (1, 2))
    before = claims.open_claim(sqlite_ctx, first, jkm(date(2025, 9, 30)), now=NOW)
    after = claims.open_claim(sqlite_ctx, second, jkm(), now=NOW)
    assert (before.benefit.total, after.benefit.total) == (42_000_000, 47_000_000)
    with sqlite_ctx.session_factory() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "claim_benefit_rate")
            .order_by(AuditEntry.id)
        ).all()
    assert [(e.action, e.user_name) for e in entries] == [
        ("update", "admin1"),
        ("create", "admin1"),
    ]


def test_open_claims_store_the_estimate_of_the_changed_table(
    admin: ServiceContext, sqlite_ctx: ServiceContext
) -> None:
    detail = claims.open_claim(sqlite_ctx, make_worker(sqlite_ctx), jkm(), now=NOW)
    funeral = next(r for r in claims.list_benefit_rates(admin) if r.code == "jkm_biaya_pemakaman")
    claims.save_benefit_rate(admin, replace(funeral, amount=15_000_000))
    with sqlite_ctx.session_factory() as session:
        stored = session.get(Claim, detail.id)
        assert stored is not None and stored.estimated_benefit == 47_000_000
        assert stored.updated_by == "admin1"


def test_a_new_checklist_item_reaches_open_claims(
    admin: ServiceContext, sqlite_ctx: ServiceContext
) -> None:
    detail = claims.open_claim(sqlite_ctx, make_worker(sqlite_ctx), jkm(), now=NOW)
    item = claims.ChecklistRow(
        claim_type=ClaimType.JKM,
        code="surat_pengantar_desa",
        label="Surat pengantar kepala desa",
        hint="Dari kantor desa tempat tinggal almarhum.",
        condition="",
        required=True,
        sort_order=95,
        active=True,
    )
    claims.save_checklist_item(admin, item)
    refreshed = claims.get_claim(sqlite_ctx, detail.id, now=NOW)
    assert "surat_pengantar_desa" in {d.item_code for d in refreshed.missing_documents}
    claims.save_checklist_item(admin, replace(item, active=False))
    refreshed = claims.get_claim(sqlite_ctx, detail.id, now=NOW)
    assert "surat_pengantar_desa" not in {d.item_code for d in refreshed.documents}


def test_bad_reference_rows_are_refused(admin: ServiceContext) -> None:
    item = claims.list_checklist(admin, ClaimType.JKM)[0]
    with pytest.raises(ValidationError) as caught:
        claims.save_checklist_item(admin, replace(item, code="Kartu Baru", condition="hamil"))
    assert [p.code for p in caught.value.problems] == ["code_invalid", "condition_unknown"]
    assert "Syarat tidak dikenal: hamil." in caught.value.message
    rate = claims.list_benefit_rates(admin)[0]
    bad = replace(
        rate,
        condition="jkm_semua",
        basis=BenefitBasis.INCOME_MULTIPLE,
        multiplier=None,
        valid_to=date(2019, 1, 1),
    )
    with pytest.raises(ValidationError) as caught:
        claims.save_benefit_rate(admin, bad)
    assert [p.code for p in caught.value.problems] == [
        "condition_unknown",
        "multiplier_empty",
        "validity_order",
    ]


def test_a_new_rate_takes_over_from_the_open_ended_one_and_overlaps_are_refused(
    admin: ServiceContext,
) -> None:
    funeral = next(r for r in claims.list_benefit_rates(admin) if r.code == "jkm_biaya_pemakaman")
    claims.save_benefit_rate(admin, replace(funeral, valid_from=date(2026, 1, 1), amount=1))
    rows = [r for r in claims.list_benefit_rates(admin) if r.code == funeral.code]
    assert [(r.valid_from, r.valid_to, r.amount) for r in rows] == [
        (date(2019, 12, 2), date(2025, 12, 31), 10_000_000),
        (date(2026, 1, 1), None, 1),
    ]
    for start, field, text in [
        (date(2025, 6, 1), "valid_from", "2 Desember 2019 s.d. 31 Desember 2025"),
        (date(2019, 1, 1), "valid_to", "2 Desember 2019 s.d. 31 Desember 2025"),
    ]:
        with pytest.raises(ValidationError) as caught:
            claims.save_benefit_rate(admin, replace(funeral, valid_from=start, valid_to=None))
        [problem] = caught.value.problems
        assert (problem.code, problem.field) == ("validity_overlap", field)
        assert f"sudah berlaku {text}; masa berlaku tidak boleh bertumpang" in problem.text
    assert len([r for r in claims.list_benefit_rates(admin) if r.code == funeral.code]) == 2


def test_only_administrators_edit_the_tables(sqlite_ctx: ServiceContext) -> None:
    item = claims.list_checklist(sqlite_ctx, ClaimType.JKK)[0]
    with pytest.raises(PermissionDeniedError):
        claims.save_checklist_item(sqlite_ctx, item)
    with pytest.raises(PermissionDeniedError):
        claims.save_benefit_rate(sqlite_ctx, claims.list_benefit_rates(sqlite_ctx)[0])


def test_the_slip_stays_on_one_page_however_long_the_checklist(
    admin: ServiceContext, sqlite_ctx: ServiceContext, tmp_path: Path
) -> None:
    for n in range(25):
        claims.save_checklist_item(
            admin,
            claims.ChecklistRow(
                claim_type=ClaimType.JKM,
                code=f"tambahan_{n}",
                label=f"Dokumen tambahan nomor {n} dengan nama yang cukup panjang",
                hint="Penjelasan singkat untuk keluarga tentang dokumen ini dan tempat memintanya.",
                condition="",
                required=True,
                sort_order=200 + n,
                active=True,
            ),
        )
    detail = claims.open_claim(sqlite_ctx, make_worker(sqlite_ctx), jkm(), now=NOW)
    path = write_missing_slip(sqlite_ctx, detail.id, tmp_path / "panjang.pdf", now=NOW)
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text() or ""
    assert "tambahan nomor 24" in " ".join(text.split())
