"""Letter numbers: one yearly sequence per series, taken in the transaction that records
the letter, so concurrent clerks never share a number and the register has no gaps."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from models import RegisteredDocument
from models.database import make_engine
from models.enums import DocumentKind, PageSize, Role, Sifat
from services.core.context import ServiceContext
from services.core.permissions import Principal
from services.documents import (
    ClaimLetter,
    ClaimProgramme,
    LetterRequest,
    SignatoryItem,
    issue_letter,
    list_documents,
)
from services.documents.letter_register import DocumentDraft, issue
from services.documents.page import RenderedPdf
from services.settings.store import SettingsService
from tests.conftest import OPERATOR
from tests.integration.document_helpers import claim_worker, signatories, store_emblem_for


@pytest.fixture(autouse=True)
def _office_emblem(request: pytest.FixtureRequest) -> None:
    """The office has stored its emblem, so documents here are issued without the placeholder."""
    store_emblem_for(request)


ADMIN = Principal(user_id=0, username="admin1", full_name="Admin Satu", role=Role.ADMIN)


def claim_request(
    signatory: SignatoryItem, day: date, claimant: str = "Yohanes Taek"
) -> LetterRequest:
    """A claim letter about ``claim_worker``'s worker (the name comes from the register)."""
    return LetterRequest(
        ClaimLetter(
            programme=ClaimProgramme.JKM,
            worker_name="",
            worker_nik="5303055207850001",
            event_date=date(2025, 7, 20),
            claimant_name=claimant,
            claimant_relation="Suami",
            documents=("Akta kematian", "Kartu Keluarga"),
        ),
        signatory_id=signatory.id,
        document_date=day,
    )


def quick_draft(
    day: date, pause: float = 0.0, fail: bool = False, kind: DocumentKind = DocumentKind.CLAIM
) -> DocumentDraft:
    """A register entry without the cost of a real letter; ``pause`` widens the window in
    which two transactions overlap while the number is held."""

    def render(number: str | None) -> RenderedPdf:
        time.sleep(pause)
        if fail:
            raise RuntimeError("printer template broke")
        return RenderedPdf(f"%PDF-1.4 {number}".encode(), 1)

    return DocumentDraft(
        kind=kind,
        document_date=day,
        subject="Uji penomoran",
        addressee="Kepala BPJS Ketenagakerjaan Kantor Cabang Atambua",
        sifat=Sifat.BIASA,
        signatory_id=None,
        signatory_name="Petugas",
        page_size=PageSize.A4,
        fields={},
        render=render,
    )


def test_numbers_follow_each_other_and_restart_each_year(ctx: ServiceContext) -> None:
    kadis, _ = signatories(ctx)
    claim_worker(ctx)
    numbers = [issue_letter(ctx, claim_request(kadis, date(2025, m, 25))).number for m in (7, 7, 8)]
    assert numbers == [
        "500.15.14.2/1/Nakertrans/VII/2025",
        "500.15.14.2/2/Nakertrans/VII/2025",
        "500.15.14.2/3/Nakertrans/VIII/2025",
    ]
    # Another kind in the same series continues the same book.
    assert issue(ctx, quick_draft(date(2025, 9, 1))).number.split("/")[1] == "4"
    assert issue_letter(ctx, claim_request(kadis, date(2026, 1, 2))).number == (
        "500.15.14.2/1/Nakertrans/I/2026"
    )


def test_the_bupatis_letters_carry_his_unit_code_in_their_own_series(ctx: ServiceContext) -> None:
    """His letter is the Setda's naskah dinas: not under the office's code, and the office's
    book runs on without a gap where it went."""
    kadis, bupati = signatories(ctx)
    claim_worker(ctx)
    day = date(2025, 7, 25)
    numbers = [issue_letter(ctx, claim_request(s, day)).number for s in (kadis, bupati, kadis)]
    assert numbers == [
        "500.15.14.2/1/Nakertrans/VII/2025",
        "500.15.14.2/1/Setda/VII/2025",
        "500.15.14.2/2/Nakertrans/VII/2025",
    ]


def test_pattern_series_and_codes_come_from_the_settings(database_url: str) -> None:
    admin = ServiceContext.for_engine(make_engine(database_url), principal=ADMIN)
    SettingsService(admin).set_many(
        {
            "numbering.klaim.pattern": "{klasifikasi}/{nomor:03d}/{unit}/{tahun}",
            "numbering.klaim.series": "klaim",
            "numbering.unit_code": "Disnakertrans",
            "numbering.regional_head.unit_code": "Bag.Umum",
        }
    )
    kadis, bupati = signatories(admin)
    claim_worker(admin)
    claim = issue_letter(admin, claim_request(kadis, date(2025, 7, 25)))
    assert claim.number == "500.15.14.2/001/Disnakertrans/2025"
    his = issue_letter(admin, claim_request(bupati, date(2025, 7, 25)))
    assert his.number == "500.15.14.2/001/Bag.Umum/2025"
    # Another kind keeps the common pattern and series, which has not moved.
    premium = issue(admin, quick_draft(date(2025, 7, 7), kind=DocumentKind.PREMIUM))
    assert premium.number == "500.15/1/Disnakertrans/VII/2025"
    admin.engine.dispose()


def test_a_failed_issue_gives_its_number_back(ctx: ServiceContext) -> None:
    day = date(2025, 7, 7)
    first = issue(ctx, quick_draft(day))
    with pytest.raises(RuntimeError):
        issue(ctx, quick_draft(day, fail=True))
    after = issue(ctx, quick_draft(day))
    assert (first.entry.sequence, after.entry.sequence) == (1, 2)
    assert [e.number for e in list_documents(ctx)] == [after.number, first.number]


@pytest.fixture
def clerks(database_url: str) -> Iterator[list[ServiceContext]]:
    """Four workstations: each its own engine and connection pool on the same database."""
    contexts = [
        ServiceContext.for_engine(make_engine(database_url), principal=OPERATOR) for _ in range(4)
    ]
    yield contexts
    for context in contexts:
        context.engine.dispose()


def _in_parallel(work: list[threading.Thread]) -> None:
    for thread in work:
        thread.start()
    for thread in work:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in work)


def _sequences(ctx: ServiceContext, year: int) -> list[int]:
    with ctx.session_factory() as session:
        return list(
            session.scalars(
                select(RegisteredDocument.sequence)
                .where(RegisteredDocument.year == year, RegisteredDocument.series == "surat")
                .order_by(RegisteredDocument.sequence)
            )
        )


def test_concurrent_clerks_never_share_a_number(clerks: list[ServiceContext]) -> None:
    """Four clerks issue 50 register entries each at the same moment; the number is held
    while each 'prints', so their transactions overlap on the counter."""
    day = date(2025, 7, 7)
    per_clerk = 50
    errors: list[BaseException] = []
    start = threading.Barrier(len(clerks))

    def clerk_work(ctx: ServiceContext) -> None:
        try:
            start.wait()
            for _ in range(per_clerk):
                issue(ctx, quick_draft(day, pause=0.002))
        except BaseException as error:  # reported below, with the thread's failure
            errors.append(error)

    _in_parallel([threading.Thread(target=clerk_work, args=(c,)) for c in clerks])
    assert errors == []
    total = per_clerk * len(clerks)
    assert _sequences(clerks[0], 2025) == list(range(1, total + 1))
    numbers = [e.number for e in list_documents(clerks[0])]
    assert len(numbers) == len(set(numbers)) == total


def test_concurrent_real_letters_are_numbered_without_gaps(
    clerks: list[ServiceContext],
) -> None:
    """The whole path (compose, render, record) from two workstations at once."""
    kadis, _ = signatories(clerks[0])
    claim_worker(clerks[0])
    day = date(2025, 8, 1)
    issued: list[str] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def clerk_work(ctx: ServiceContext, name: str) -> None:
        try:
            for index in range(8):
                number = issue_letter(ctx, claim_request(kadis, day, f"{name} {index}")).number
                with lock:
                    issued.append(number)
        except BaseException as error:
            errors.append(error)

    _in_parallel(
        [
            threading.Thread(target=clerk_work, args=(c, n))
            for c, n in zip(clerks[:2], "AB", strict=True)
        ]
    )
    assert errors == []
    assert sorted(int(n.split("/")[1]) for n in issued) == list(range(1, 17))
    assert len(set(issued)) == 16


def _counter_is_free(url: str) -> bool:
    """Whether another workstation could take a number right now (nobody holds the lock)."""
    if url.startswith("sqlite"):
        connection = sqlite3.connect(make_url(url).database or "", timeout=0, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
            return True
        except sqlite3.OperationalError:
            return False
        finally:
            connection.close()
    other = make_engine(url)
    try:
        with other.connect() as conn:
            conn.exec_driver_sql("SET lock_timeout = '100ms'")
            conn.exec_driver_sql("SELECT * FROM letter_counter FOR UPDATE")
            conn.rollback()
        return True
    except OperationalError:
        return False
    finally:
        other.dispose()


def test_the_pdf_is_rendered_before_the_number_is_locked(
    ctx: ServiceContext, database_url: str
) -> None:
    day = date(2025, 7, 7)
    issue(ctx, quick_draft(day))  # the series' counter row exists from here on
    seen: list[tuple[str | None, bool]] = []
    draft = quick_draft(day)

    def render(number: str | None) -> RenderedPdf:
        seen.append((number, _counter_is_free(database_url)))
        return RenderedPdf(f"%PDF-1.4 {number}".encode(), 1)

    issued = issue(ctx, replace(draft, render=render))
    assert issued.number.split("/")[1] == "2"
    assert seen == [(issued.number, True)], "rendered once, while the counter was free"
    assert issued.pdf == f"%PDF-1.4 {issued.number}".encode()


def test_a_number_taken_meanwhile_is_rendered_again_with_the_real_one(
    ctx: ServiceContext,
) -> None:
    day = date(2025, 7, 7)
    draft = quick_draft(day)
    renders: list[str | None] = []

    def render(number: str | None) -> RenderedPdf:
        renders.append(number)
        if len(renders) == 1:  # another clerk issues while this one renders ahead
            issue(ctx, quick_draft(day))
        return RenderedPdf(f"%PDF-1.4 {number}".encode(), 1)

    issued = issue(ctx, replace(draft, render=render))
    assert [n.split("/")[1] for n in renders if n] == ["1", "2"]
    assert issued.number.split("/")[1] == "2"
    assert issued.pdf == f"%PDF-1.4 {issued.number}".encode()
