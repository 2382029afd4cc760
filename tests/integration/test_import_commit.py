"""Committing an import: one transaction, audited, recorded as a batch, undoable, and
approved when large. Both engines; real accounts where permissions matter."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from models import AuditEntry, ImportBatch, ImportBatchRow, Setting, TwinReview, Worker
from models.enums import BatchStatus, Gender, OnExisting, Role, TwinDecision
from services.core.context import ServiceContext
from services.core.errors import ConflictError, SiRentanError
from services.core.permissions import PermissionDeniedError
from services.core.progress import CancelledError
from services.excel_import import (
    ApprovalRequiredError,
    ImportOptions,
    RowStatus,
    SourceTable,
    approve_import,
    commit_import,
    dry_run,
    list_batches,
    list_twin_reviews,
    mapping_for,
    mark_twins_different,
    merge_twins,
    read_import_file,
    undo_import,
)
from services.excel_import import commit as commit_module
from services.workers.service import WorkerService
from services.workers.types import WorkerQuery
from tests.factories import make_nik, worker_input
from tests.integration.test_import_reading import save_workbook
from tests.integration.trust_helpers import clerk, first_admin

HEADER = ["NIK", "Nama", "Tgl Lahir", "L/P", "Desa", "Kecamatan", "Pekerjaan"]


def rows(count: int, start: int = 1, name: str = "Peserta") -> list[list[Any]]:
    result = []
    for i in range(start, start + count):
        birth = date(1960 + i % 40, 1 + i % 12, 1 + i % 28)
        nik = make_nik(birth, Gender.MALE, 1 + i // 480)
        result.append(
            [nik, f"{name} {chr(65 + i % 26)}", birth, "L", "Aplasi", "Kota Kefamenanu", "tani"]
        )
    return result


def source_of(tmp_path: Path, data: list[list[Any]], name: str = "impor.xlsx") -> SourceTable:
    return read_import_file(save_workbook(tmp_path / name, [HEADER, *data]))


def counts(ctx: ServiceContext) -> dict[str, int]:
    with ctx.session_factory() as session:
        return {
            "workers": session.scalar(select(func.count()).select_from(Worker)) or 0,
            "audit": session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
            "batch_rows": session.scalar(select(func.count()).select_from(ImportBatchRow)) or 0,
            "committed": session.scalar(
                select(func.count())
                .select_from(ImportBatch)
                .where(ImportBatch.status == BatchStatus.COMMITTED)
            )
            or 0,
        }


def set_threshold(ctx: ServiceContext, value: int) -> None:
    with ctx.session_factory() as session:
        session.merge(Setting(key="import.approval_threshold", value=str(value)))
        session.commit()


# -- one transaction ------------------------------------------------------------------


def test_commit_writes_workers_audit_and_batch_together(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    source = source_of(tmp_path, rows(30))
    result = commit_import(ctx, source)
    assert result.inserted == 30 and result.batch_id is not None
    with ctx.session_factory() as session:
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None
        assert (batch.status, batch.file_sha256, batch.created_by) == (
            BatchStatus.COMMITTED,
            source.sha256,
            "petugas1",
        )
        assert (batch.new_count, batch.inserted_count, batch.on_existing) == (
            30,
            30,
            OnExisting.SKIP,
        )
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "worker", AuditEntry.action == "create")
        ).all()
        assert len(entries) == 30 and {e.user_name for e in entries} == {"petugas1"}
        first = json.loads(entries[0].changes or "{}")
        assert first["nik"][0] is None and len(first["nik"][1]) == 16
        assert f"[impor #{batch.id}]" in (entries[0].summary or "")
        assert session.scalar(select(func.count()).where(AuditEntry.action == "import")) == 1


def test_a_row_failing_only_at_insert_time_leaves_the_register_as_it_was(
    ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    WorkerService(ctx).create(worker_input(1))
    set_threshold(ctx, 5_000)
    before = counts(ctx)
    original = commit_module.BatchWriter._new_worker
    seen = {"n": 0}

    def breaking(self: Any, values: dict[str, Any]) -> dict[str, Any]:
        seen["n"] += 1
        row = original(self, values)
        if seen["n"] == 1_200:  # in the second chunk: the first is already inserted
            row["village_code"] = "99.99.99.9999"  # no such region: the foreign key refuses it
        return row

    monkeypatch.setattr(commit_module.BatchWriter, "_new_worker", breaking)
    with pytest.raises(SiRentanError) as caught:
        commit_import(ctx, source_of(tmp_path, rows(1_500, start=10)))
    assert "Tidak ada yang disimpan" in caught.value.message
    assert counts(ctx) == before


def test_an_error_from_the_progress_callback_mid_commit_keeps_nothing(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    set_threshold(ctx, 5_000)
    before = counts(ctx)

    def progress(stage: str, done: int, total: int) -> None:
        if stage.startswith("Menyimpan") and done >= 1_000:
            raise RuntimeError("listrik padam")

    with pytest.raises(RuntimeError):
        commit_import(ctx, source_of(tmp_path, rows(2_500)), progress=progress)
    assert counts(ctx) == before


def test_cancel_between_chunks_keeps_nothing(ctx: ServiceContext, tmp_path: Path) -> None:
    set_threshold(ctx, 5_000)
    before = counts(ctx)
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 4  # after classifying, during the inserts

    with pytest.raises(CancelledError) as caught:
        commit_import(ctx, source_of(tmp_path, rows(2_500)), cancel=cancel)
    assert "tidak ada data yang diubah" in caught.value.message
    assert counts(ctx) == before


def test_progress_is_reported_by_stage(ctx: ServiceContext, tmp_path: Path) -> None:
    stages: list[tuple[str, int, int]] = []
    commit_import(ctx, source_of(tmp_path, rows(40)), progress=lambda *a: stages.append(a))
    assert ("Memeriksa baris", 40, 40) in stages
    assert ("Menyimpan peserta baru", 40, 40) in stages


# -- undo -----------------------------------------------------------------------------


def test_undo_deletes_new_workers_and_restores_updated_ones(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    service = WorkerService(ctx)
    kept = service.create(worker_input(1)).worker
    changed = rows(1, start=900)[0]
    update_row = [kept.nik, "Maria Baru", kept.birth_date, "P", "Aplasi", "Kota Kefamenanu", "ojek"]
    source = source_of(tmp_path, [update_row, *rows(5), changed])
    result = commit_import(ctx, source, options=ImportOptions(on_existing=OnExisting.UPDATE))
    assert (result.inserted, result.updated) == (6, 1)
    assert service.get(kept.id).full_name == "MARIA BARU"
    done = undo_import(ctx, result.batch_id or 0)
    assert (done.deleted, done.restored) == (6, 1)
    restored = service.get(kept.id)
    assert (restored.full_name, restored.occupation_code) == (kept.full_name, "petani")
    with ctx.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Worker)) == 1
        batch = session.get(ImportBatch, result.batch_id)
        assert batch is not None and batch.status is BatchStatus.UNDONE
        deletes = session.scalar(
            select(func.count()).where(AuditEntry.action == "delete", AuditEntry.entity == "worker")
        )
        assert deletes == 6
    with pytest.raises(SiRentanError, match="sudah dibatalkan"):
        undo_import(ctx, result.batch_id or 0)


def test_undo_is_refused_once_a_worker_changed_after_the_import(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    result = commit_import(ctx, source_of(tmp_path, rows(3)))
    service = WorkerService(ctx)
    page = service.search(WorkerQuery())
    target = service.get(page.rows[0].id)
    data = target.to_input()
    data.phone = "081211112222"
    service.update(target.id, data, target.version)
    before = counts(ctx)
    with pytest.raises(ConflictError) as caught:
        undo_import(ctx, result.batch_id or 0)
    assert f"NIK {target.nik}" in caught.value.message and "1 peserta" in caught.value.message
    assert counts(ctx) == before


def test_the_database_records_an_import_through_its_triggers(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    """Every worker an import writes has its own entry; its batch rows one entry saying how
    many, in the same words on both engines (PostgreSQL's statement trigger counts them,
    SQLite's row triggers count the run)."""
    data = rows(8)
    result = commit_import(ctx, source_of(tmp_path, data))
    with ctx.engine.connect() as conn:
        entries = conn.execute(
            text(
                "SELECT entity, user_name, summary FROM audit_log "
                "WHERE entity IN ('worker', 'import_batch_row') ORDER BY id"
            )
        ).all()
    note = f"[impor #{result.batch_id}]"
    workers = [e for e in entries if e.entity == "worker"]
    assert len(workers) == 8 and all(note in (e.summary or "") for e in workers)
    assert {e.user_name for e in entries} == {ctx.user_name}
    assert [e.summary for e in entries if e.entity == "import_batch_row"] == [f"8 baris {note}"]
    summaries = " ".join(e.summary or "" for e in entries)
    assert not any(str(row[0]) in summaries for row in data)  # no whole NIK


# -- approval -------------------------------------------------------------------------


def test_a_large_import_waits_for_a_verifikator(
    ctx: ServiceContext, database_url: str, tmp_path: Path
) -> None:
    admin = first_admin(ctx, database_url)
    set_threshold(ctx, 5)
    operator = clerk(admin, database_url, "operator", Role.OPERATOR)
    verifikator = clerk(admin, database_url, "verifikator", Role.VERIFIKATOR)
    viewer = clerk(admin, database_url, "pengamat", Role.VIEWER)
    source = source_of(tmp_path, rows(8))
    preview = dry_run(operator, source)
    assert preview.needs_approval and not preview.approved and preview.batch_id is not None
    with pytest.raises(ApprovalRequiredError) as caught:
        commit_import(operator, source)
    assert caught.value.batch_id == preview.batch_id
    assert "perlu persetujuan verifikator" in caught.value.message and "#" in caught.value.message
    assert counts(ctx)["workers"] == 0  # the trail is not the operator's to read
    with pytest.raises(PermissionDeniedError):
        approve_import(viewer, preview.batch_id)
    with pytest.raises(PermissionDeniedError):
        approve_import(operator, preview.batch_id)
    info = approve_import(verifikator, preview.batch_id)
    assert info.status is BatchStatus.APPROVED and info.approved_by == verifikator.user_name
    # An approval holds for this file with this mapping and choices only.
    with pytest.raises(ApprovalRequiredError):
        commit_import(operator, source, options=ImportOptions(on_existing=OnExisting.UPDATE))
    result = commit_import(operator, source)
    assert result.inserted == 8 and result.batch_id == preview.batch_id
    assert [b.status for b in list_batches(verifikator) if b.id == preview.batch_id] == [
        BatchStatus.COMMITTED
    ]
    # The operator's own database role may take the whole batch back.
    assert undo_import(operator, preview.batch_id).deleted == 8


def test_an_administrator_needs_no_separate_approval(
    ctx: ServiceContext, database_url: str, tmp_path: Path
) -> None:
    admin = first_admin(ctx, database_url)
    set_threshold(ctx, 5)
    assert commit_import(admin, source_of(tmp_path, rows(8))).inserted == 8


# -- mapping memory -------------------------------------------------------------------


def test_a_corrected_mapping_is_remembered_for_the_same_headers(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    header = ["Nomor Identitas", "Nama", "Lahir", "Kelamin", "Kampung", "Kerja"]
    data = [[r[0], r[1], r[2], r[3], r[4], r[6]] for r in rows(3)]
    path = save_workbook(tmp_path / "aneh.xlsx", [header, *data])
    source = read_import_file(path)
    guessed = mapping_for(ctx, source)
    assert "nik" not in guessed.columns
    corrected = (
        guessed.with_field("nik", 0)
        .with_field("birth_date", 2)
        .with_field("gender", 3)
        .with_field("village", 4)
        .with_field("occupation", 5)
    )
    assert commit_import(ctx, source, corrected).inserted == 3
    again = read_import_file(save_workbook(tmp_path / "aneh2.xlsx", [header, *rows(2, start=50)]))
    assert mapping_for(ctx, again) == corrected


# -- twins ----------------------------------------------------------------------------


def _twin_file(tmp_path: Path) -> SourceTable:
    first = rows(1)[0]
    second = list(first)
    second[0] = make_nik(first[2], Gender.MALE, 99)
    return source_of(tmp_path, [first, second], "kembar.xlsx")


def test_twins_go_to_the_review_list_and_different_people_stay_quiet(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    source = _twin_file(tmp_path)
    result = commit_import(ctx, source)
    assert result.twins_recorded == 1
    [pair] = list_twin_reviews(ctx)
    assert pair.worker_id is not None and pair.other_worker_id is not None
    assert pair.village_name == "Aplasi" and pair.status == "open"
    decided = mark_twins_different(ctx, pair.id, "Kakak beradik, sudah dicek ke desa")
    assert decided.status == "different" and decided.decided_by == "petugas1"
    assert list_twin_reviews(ctx) == []
    again = dry_run(ctx, source, options=ImportOptions(on_existing=OnExisting.UPDATE))
    assert {r.status for r in again.rows} == {RowStatus.UPDATE}
    assert all(r.twin_nik is None for r in again.rows)


def test_merging_twins_keeps_one_worker_and_both_niks_in_the_trail(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    commit_import(ctx, _twin_file(tmp_path))
    [pair] = list_twin_reviews(ctx)
    keep = pair.other_worker_id or 0
    merged = merge_twins(ctx, pair.id, keep)
    assert merged.status == "merged"
    with ctx.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Worker)) == 1
        assert session.get(Worker, keep) is not None
        events = session.scalars(select(AuditEntry).where(AuditEntry.action == "merge")).all()
        assert {e.entity_id for e in events} == {str(pair.worker_id), str(keep)}
        details = json.loads(events[0].changes or "{}")
        assert {details["kept_nik"], details["merged_nik"]} == {pair.worker_nik, pair.other_nik}
        assert details["removed"] is True
        review = session.get(TwinReview, pair.id)
        assert review is not None and review.status is TwinDecision.MERGED
    with pytest.raises(SiRentanError, match="sudah diputuskan"):
        merge_twins(ctx, pair.id, keep)


def test_a_duplicate_with_heirs_is_made_inactive_not_deleted(
    ctx: ServiceContext, tmp_path: Path
) -> None:
    service = WorkerService(ctx)
    registered = service.create(worker_input(1)).worker  # has an heir
    twin_nik = make_nik(registered.birth_date, Gender.FEMALE, 55)
    birth = registered.birth_date
    twin = [twin_nik, registered.full_name, birth, "P", "Aplasi", "Kota Kefamenanu", "tani"]
    commit_import(ctx, source_of(tmp_path, [twin]))
    [pair] = list_twin_reviews(ctx)
    newcomer = pair.worker_id or 0
    merge_twins(ctx, pair.id, newcomer)
    detail = service.get(registered.id)
    assert detail.status.value == "nonaktif"
    assert f"digabung ke NIK {pair.worker_nik}" in (detail.status_reason or "")
