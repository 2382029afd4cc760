"""Any district, not only TTU: Kota Kupang (53.71) set up and used end to end."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from models import AuditEntry, Worker
from models.database import make_engine
from models.enums import Gender, Role
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from services.core.permissions import Principal
from services.documents import LetterRequest, list_signatories, preview_letter
from services.reports import ReportKind
from services.reports.service import write_report
from services.settings.district import (
    DistrictSetup,
    Official,
    apply_district,
    districts_of,
    needs_district_setup,
    provinces,
)
from services.settings.store import SettingsService
from services.workers.demo_data import generate_demo_workers
from services.workers.nik import NIK_OUTSIDE_DISTRICT
from services.workers.regions import RegionDirectory
from services.workers.service import WorkerService
from tests.factories import make_nik, worker_input
from tests.integration.document_helpers import KADIS_NIP, claim_fields, pdf_text
from tests.integration.test_cli import as_admin, first_admin

ADMIN = Principal(user_id=0, username="admin1", full_name="Admin Satu", role=Role.ADMIN)
KUPANG = "53.71"
ALAK = "53.71.01"  # Kecamatan Alak
NAMOSAIN = "53.71.01.1001"  # Kelurahan Namosain


@pytest.fixture
def admin(database_url: str) -> Iterator[ServiceContext]:
    context = ServiceContext.for_engine(make_engine(database_url), principal=ADMIN)
    yield context
    context.engine.dispose()


def kupang(**changes: Any) -> DistrictSetup:
    setup = DistrictSetup(
        kabupaten_code=KUPANG,
        office={
            "office.name": "Dinas Tenaga Kerja",
            "office.address": "Jl. Timor Raya No. 1, Kupang",
            "office.phone": "(0380) 821234",
            "bpjs.branch_name": "BPJS Ketenagakerjaan Kantor Cabang Kupang",
            "bpjs.branch_town": "Kupang",
            "bpjs.branch_address": "Jl. Frans Seda, Kupang",
        },
        head_of_office=Official("Yohanes Bele, S.H.", KADIS_NIP, "Pembina (IV/a)"),
        regional_head=Official("Christian Widodo"),
    )
    return DistrictSetup(**{**setup.__dict__, **changes}) if changes else setup


def test_every_kabupaten_and_kota_of_indonesia_can_be_chosen(admin: ServiceContext) -> None:
    found = provinces(admin)
    assert len(found) == 38
    ntt = next(p for p in found if p.name == "Nusa Tenggara Timur")
    names = {d.code: d.name for d in districts_of(admin, ntt.code)}
    assert names["53.03"] == "Kabupaten Timor Tengah Utara" and names[KUPANG] == "Kota Kupang"
    assert sum(len(districts_of(admin, p.code)) for p in found) == 514


def test_kota_kupang_end_to_end(admin: ServiceContext, tmp_path: Path) -> None:
    assert needs_district_setup(admin)
    values = apply_district(admin, kupang())
    assert not needs_district_setup(admin)
    settings = SettingsService(admin).get_all()
    assert settings["district.kabupaten_code"] == KUPANG
    assert settings["district.kabupaten_name"] == "Kota Kupang"
    assert settings["district.capital"] == "Kupang"  # a kota's own name
    assert settings["office.address"] == "Jl. Timor Raya No. 1, Kupang"
    assert settings["office.postal_code"] == ""  # TTU's 85613 is not Kupang's
    assert settings["letterhead.regional_head_title"] == "Wali Kota Kupang"
    assert settings["agreement.first_party_address"] == "Kantor Wali Kota Kupang, Kupang"
    assert settings["agreement.court"] == "Pengadilan Negeri Kupang"
    assert settings["bpjs.branch_head_position"] == "Kepala Kantor Cabang Kupang"
    # The PKS legal bases are the template's, whose {kabupaten} and Perda follow the district.
    assert "agreement.legal_bases" not in settings
    assert "Timor Tengah Utara" not in json.dumps(values)
    assert settings["cards.signer_name"] == "Yohanes Bele, S.H."
    heads = {s.name: s for s in list_signatories(admin)}
    assert heads["Christian Widodo"].regional_head
    assert heads["Yohanes Bele, S.H."].position == "Kepala Dinas Tenaga Kerja"
    with admin.session_factory() as session:
        audited = session.scalars(
            select(AuditEntry.summary).where(AuditEntry.entity == "setting")
        ).all()
    assert "district.kabupaten_code" in audited

    # Regions follow the district: Kupang's kecamatan and kelurahan, none of TTU's.
    regions = RegionDirectory(admin)
    assert regions.kabupaten_name == "Kota Kupang"
    assert "Alak" in [k.name for k in regions.kecamatan()]
    assert all(v.code.startswith(KUPANG + ".") for v in regions.villages())

    # The NIK check follows it: a Kupang NIK is at home, a TTU NIK is from elsewhere.
    workers = WorkerService(admin, regions)
    birth = date(1985, 7, 12)
    home = worker_input(
        1, village_code=NAMOSAIN, nik=make_nik(birth, Gender.FEMALE, 1, kecamatan="537101")
    )
    assert workers.create(home).warnings == []
    away = worker_input(2, village_code=NAMOSAIN)  # a NIK issued in TTU (5303…)
    warned = workers.create(away).warnings
    assert [w.code for w in warned] == [NIK_OUTSIDE_DISTRICT]
    assert "di luar Kota Kupang (53.71" in warned[0].text

    # The kop and the regional head's kop, on a letter about the registered Kupang worker.
    about_home = claim_fields(worker_nik=home.nik)
    kadis = next(s for s in list_signatories(admin) if not s.regional_head)
    text = pdf_text(
        preview_letter(admin, LetterRequest(about_home, kadis.id, date(2025, 8, 1))).data
    )
    assert "PEMERINTAH KOTA KUPANG" in text and "DINAS TENAGA KERJA" in text
    assert "Kupang, 1 Agustus 2025" in text and "KEFAMENANU" not in text
    head = heads["Christian Widodo"]
    by_head = LetterRequest(about_home, head.id, date(2025, 8, 1))
    assert "WALI KOTA KUPANG" in pdf_text(preview_letter(admin, by_head).data)

    # Demo data and reports follow the district.
    assert generate_demo_workers(admin, 40, seed=7) == 40
    with admin.session_factory() as session:
        demo = session.scalars(select(Worker).where(Worker.id > 2)).all()
    assert {w.kecamatan_code[:5] for w in demo} == {KUPANG}
    assert all(w.nik.startswith("5371") for w in demo)
    assert "Kupang" in {w.birth_place for w in demo}
    report = tmp_path / "rekap.pdf"
    write_report(admin, ReportKind.RECAP, report, today=date(2025, 8, 1))
    assert "PEMERINTAH KOTA KUPANG" in pdf_text(report.read_bytes())


def test_a_kabupaten_needs_its_capital_and_a_register_keeps_its_district(
    admin: ServiceContext,
) -> None:
    with pytest.raises(ValidationError) as caught:
        apply_district(admin, DistrictSetup(kabupaten_code="53.04"))  # Kabupaten Belu
    assert "kota kedudukan kantor (ibu kota Kabupaten Belu)" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        apply_district(admin, DistrictSetup(kabupaten_code="53.99"))
    assert "bukan kabupaten/kota" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        apply_district(admin, DistrictSetup(kabupaten_code=KUPANG))
    assert "Tulis alamat kantor di Kota Kupang" in caught.value.message
    WorkerService(admin).create(worker_input(1))  # a TTU worker
    with pytest.raises(ValidationError) as caught:
        apply_district(admin, kupang())
    assert "sudah berisi 1 peserta di luar Kota Kupang" in caught.value.message
    # Nothing half-written: neither the settings nor the officials.
    assert SettingsService(admin).get("district.kabupaten_code") == "53.03"
    assert list_signatories(admin) == []
    values = apply_district(admin, DistrictSetup(kabupaten_code="53.03", capital="Kefamenanu"))
    assert values["letterhead.regional_head_title"] == "Bupati Timor Tengah Utara"


def test_the_district_from_the_command_line(tmp_path: Path) -> None:
    first_admin(tmp_path)
    listed = as_admin("settings", "regions", "53", home=tmp_path)
    assert listed.returncode == 0 and "53.71  Kota Kupang" in listed.stdout
    done = as_admin(
        *("settings", "district", KUPANG, "--office-address", "Jl. Timor Raya No. 1, Kupang"),
        *("--bpjs-town", "Kupang", "--regional-head-name", "Christian Widodo"),
        home=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "Wilayah kantor: Kota Kupang (53.71), Nusa Tenggara Timur" in done.stdout
    got = as_admin("settings", "get", "letterhead.regional_head_title", home=tmp_path)
    assert got.stdout.strip() == "Wali Kota Kupang"
    bad = as_admin("settings", "district", "53.04", home=tmp_path)
    assert bad.returncode == 1 and "kota kedudukan kantor" in bad.stderr
