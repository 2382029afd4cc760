"""Creating, correcting and removing workers, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from models.enums import Gender, HeirRelation, WorkerStatus
from services.core.errors import ConflictError, NotFoundError, ValidationError
from services.workers.service import WorkerService
from services.workers.types import HeirInput, WorkerDetail, WorkerQuery
from tests.conftest import office_day_now
from tests.factories import VILLAGE, make_nik, worker_input


def _codes(error: ValidationError) -> set[str]:
    return {p.code for p in error.problems if p.is_error}


def _stored(workers: WorkerService) -> int:
    return workers.search(WorkerQuery()).total


def test_create_stores_every_field_normalised(workers: WorkerService) -> None:
    result = workers.create(
        worker_input(1, full_name="  maria   goreti taek ", rt="1", kpj="123 4567 8901")
    )
    saved = workers.get(result.worker.id)
    assert saved.full_name == "MARIA GORETI TAEK"
    assert saved.rt == "001" and saved.rw == "002"
    assert saved.kpj == "12345678901"
    assert saved.village_code == VILLAGE and saved.kecamatan_code == "53.03.05"
    assert saved.kecamatan_name == "Kota Kefamenanu"
    assert saved.occupation_name == "Petani"
    assert saved.status is WorkerStatus.ACTIVE
    assert saved.created_by == "petugas1" and saved.version == 1
    assert [(h.full_name, h.relation) for h in saved.heirs] == [
        ("YOHANES TAEK", HeirRelation.SPOUSE)
    ]
    assert result.warnings == []


def test_every_problem_is_reported_at_once_and_nothing_is_stored(
    workers: WorkerService,
) -> None:
    bad = worker_input(
        1,
        nik="53030512078",
        birth_date=office_day_now() + timedelta(days=3),
        village_code=None,
        occupation_code=None,
    )
    with pytest.raises(ValidationError) as caught:
        workers.create(bad)
    assert {"nik_length", "birth_date_future", "village_empty", "occupation_empty"} <= _codes(
        caught.value
    )
    assert "NIK harus 16 angka" in caught.value.message
    assert _stored(workers) == 0


def test_duplicate_nik_names_the_registered_worker(workers: WorkerService) -> None:
    first = workers.create(worker_input(1)).worker
    twin = worker_input(2, nik=first.nik)
    with pytest.raises(ValidationError) as caught:
        workers.create(twin)
    assert _codes(caught.value) == {"nik_duplicate"}
    assert first.full_name in caught.value.message
    assert _stored(workers) == 1


def test_duplicate_kpj_is_refused(workers: WorkerService) -> None:
    workers.create(worker_input(1, kpj="11111111111"))
    with pytest.raises(ValidationError) as caught:
        workers.create(worker_input(2, kpj="11111111111"))
    assert _codes(caught.value) == {"kpj_duplicate"}
    assert _stored(workers) == 1


def test_nik_disagreeing_with_birth_date_is_a_warning_naming_both(
    workers: WorkerService,
) -> None:
    nik = make_nik(date(1985, 7, 12), Gender.FEMALE, 9)
    result = workers.create(worker_input(9, nik=nik, birth_date=date(1985, 7, 13)))
    codes = {w.code for w in result.warnings}
    assert codes == {"nik_birthdate_mismatch"}
    text = result.warnings[0].text
    assert "12" in text and "13" in text


def test_update_changes_fields_and_bumps_the_version(workers: WorkerService) -> None:
    created = workers.create(worker_input(1)).worker
    data = replace(created.to_input(), address="Jl. El Tari 5", heirs=[])
    updated = workers.update(created.id, data, created.version).worker
    assert updated.address == "Jl. El Tari 5"
    assert updated.version == created.version + 1
    assert workers.get(created.id).heirs == ()


def test_update_keeps_heir_identity_when_editing_it(workers: WorkerService) -> None:
    created = workers.create(worker_input(1)).worker
    data = created.to_input()
    data.heirs[0].phone = "081300000001"
    data.heirs.append(HeirInput(full_name="Anna Taek", relation=HeirRelation.CHILD))
    updated = workers.update(created.id, data, created.version).worker
    assert updated.heirs[0].id == created.heirs[0].id
    assert updated.heirs[0].phone == "081300000001"
    assert [h.full_name for h in updated.heirs] == ["YOHANES TAEK", "ANNA TAEK"]


def test_stale_version_is_a_conflict_and_keeps_the_other_clerks_save(
    workers: WorkerService,
) -> None:
    created = workers.create(worker_input(1)).worker
    other = workers.update(
        created.id, replace(created.to_input(), address="Oleh petugas lain"), created.version
    ).worker
    with pytest.raises(ConflictError) as caught:
        workers.update(created.id, replace(created.to_input(), address="Saya"), created.version)
    current = caught.value.current
    assert isinstance(current, WorkerDetail) and current.address == "Oleh petugas lain"
    assert workers.get(created.id).address == other.address


def test_change_status_needs_a_date_and_for_nonaktif_a_reason(workers: WorkerService) -> None:
    created = workers.create(worker_input(1)).worker
    with pytest.raises(ValidationError) as caught:
        workers.change_status(created.id, WorkerStatus.INACTIVE, created.version)
    assert _codes(caught.value) == {"status_date_empty", "status_reason_empty"}
    died = workers.change_status(
        created.id, WorkerStatus.DECEASED, created.version, status_date=date(2025, 9, 1)
    )
    assert died.status is WorkerStatus.DECEASED and died.status_date == date(2025, 9, 1)
    with pytest.raises(ValidationError) as caught:
        workers.change_status(created.id, WorkerStatus.ACTIVE, died.version)
    assert _codes(caught.value) == {"status_after_death"}
    death = workers.coverage_history(created.id).events[-1]
    back = workers.cancel_status(created.id, death.id, "salah orang", died.version)
    assert back.status is WorkerStatus.ACTIVE
    assert back.status_date is None and back.status_reason is None
    assert back.coverage_end == date(2025, 12, 31)


def test_delete_removes_the_worker_and_heirs(workers: WorkerService) -> None:
    created = workers.create(worker_input(1)).worker
    workers.delete(created.id, created.version)
    assert _stored(workers) == 0
    with pytest.raises(NotFoundError):
        workers.get(created.id)


def test_heir_problems_name_the_heir(workers: WorkerService) -> None:
    data = worker_input(1)
    data.heirs = [HeirInput(full_name="", relation=None, nik="123")]
    with pytest.raises(ValidationError) as caught:
        workers.create(data)
    fields = {p.field for p in caught.value.problems if p.is_error}
    assert fields == {"heirs[0].full_name", "heirs[0].relation", "heirs[0].nik"}
    assert "Ahli waris ke-1" in caught.value.message


def test_village_outside_the_district_is_refused(workers: WorkerService) -> None:
    with pytest.raises(ValidationError) as caught:
        workers.create(worker_input(1, village_code="53.01.01.2001"))
    assert _codes(caught.value) == {"village_unknown"}


def test_check_reports_problems_without_storing(workers: WorkerService) -> None:
    problems = workers.check(replace(worker_input(1), gender=Gender.MALE))
    assert {p.code for p in problems} == {"nik_gender_mismatch"}
    assert _stored(workers) == 0


@pytest.mark.parametrize("clash", ["nik", "kpj"])
def test_a_clash_saved_between_check_and_write_is_named_from_the_register(
    workers: WorkerService, monkeypatch: pytest.MonkeyPatch, clash: str
) -> None:
    """Another clerk's save lands after our check: the unique index refuses (recognised by
    SQLite's extended code or PostgreSQL's SQLSTATE) and the register says which field."""
    first = workers.create(worker_input(1, kpj="11111111111")).worker
    twin = worker_input(2, nik=first.nik) if clash == "nik" else worker_input(2, kpj=first.kpj)
    # The window between the service's own check and the write.
    monkeypatch.setattr(WorkerService, "_refuse", lambda *_args, **_kwargs: None)
    with pytest.raises(ValidationError) as caught:
        workers.create(twin)
    assert _codes(caught.value) == {f"{clash}_duplicate"}
    assert _stored(workers) == 1
