"""The register keeps what was issued: byte-identical reprints, cancelled numbers with their
reason, corrections that name what they replace, database triggers against changes."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import select, text

from models import AuditEntry, RegisteredDocument
from models.database import make_engine
from models.enums import Role
from services.core.context import ServiceContext
from services.core.errors import ConflictError, NotFoundError, ValidationError
from services.core.permissions import PermissionDeniedError
from services.documents import (
    DocumentKind,
    DocumentQuery,
    DocumentStatus,
    IssuedDocument,
    LetterRequest,
    PremiumLetter,
    SignatoryItem,
    cancel_document,
    document_fields,
    get_document,
    issue_letter,
    list_documents,
    reprint_document,
)
from tests.conftest import _clear_pg_data
from tests.integration.document_helpers import (
    claim_fields,
    claim_worker,
    pdf_text,
    signatories,
    store_emblem,
    store_emblem_for,
)
from tests.integration.trust_helpers import clerk, first_admin
from tests.present import present


@pytest.fixture(autouse=True)
def _office_emblem(request: pytest.FixtureRequest) -> None:
    """The office has stored its emblem, so documents here are issued without the placeholder."""
    store_emblem_for(request)


DAY = date(2025, 8, 1)


@pytest.fixture
def kadis(ctx: ServiceContext) -> SignatoryItem:
    claim_worker(ctx)
    return signatories(ctx)[0]


def _claim(ctx: ServiceContext, kadis: SignatoryItem, **changes: Any) -> IssuedDocument:
    return issue_letter(ctx, LetterRequest(claim_fields(), kadis.id, DAY, **changes))


def _audit(ctx: ServiceContext) -> list[tuple[str, str, str | None]]:
    with ctx.session_factory() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.entity, AuditEntry.summary).order_by(AuditEntry.id)
        ).all()
    return [
        (action, entity, summary) for action, entity, summary in rows if entity == "issued_document"
    ]


def test_reprint_gives_the_same_bytes_and_is_recorded(
    ctx: ServiceContext, kadis: SignatoryItem
) -> None:
    issued = _claim(ctx, kadis)
    assert issued.sha256 == hashlib.sha256(issued.pdf).hexdigest()
    again = reprint_document(ctx, issued.number)
    assert again.pdf == issued.pdf and again.entry == get_document(ctx, issued.number)
    actions = _audit(ctx)
    assert ("create", "issued_document", f"klaim {issued.number}") in actions
    assert ("print", "issued_document", f"terbit {issued.number}") in actions
    assert actions[-1] == ("print", "issued_document", f"cetak ulang {issued.number}")


def test_cancelled_numbers_stay_with_their_reason(
    ctx: ServiceContext, kadis: SignatoryItem
) -> None:
    first = _claim(ctx, kadis)
    second = _claim(ctx, kadis)
    with pytest.raises(ValidationError):
        cancel_document(ctx, first.number, "   ")
    cancelled = cancel_document(ctx, first.number, "Salah alamat tujuan")
    assert cancelled.status is DocumentStatus.CANCELLED
    assert (cancelled.status_reason, cancelled.status_by) == ("Salah alamat tujuan", "petugas1")
    numbers = [e.number for e in list_documents(ctx)]
    assert numbers == [second.number, first.number]
    with pytest.raises(ConflictError):
        cancel_document(ctx, first.number, "lagi")
    assert [
        e.number for e in list_documents(ctx, DocumentQuery(status=DocumentStatus.CANCELLED))
    ] == [first.number]
    # The next letter does not reuse the cancelled number.
    assert _claim(ctx, kadis).entry.sequence == 3
    assert ("status", "issued_document", f"klaim {first.number}") in _audit(ctx)


def test_a_correction_names_the_letter_it_replaces(
    ctx: ServiceContext, kadis: SignatoryItem
) -> None:
    wrong = _claim(ctx, kadis)
    fixed = _claim(ctx, kadis, replaces_number=wrong.number)
    assert f"menggantikan surat Nomor {wrong.number} tanggal 1 Agustus 2025" in pdf_text(fixed.pdf)
    old = get_document(ctx, wrong.number)
    assert old.status is DocumentStatus.REPLACED
    assert old.replaced_by_number == fixed.number
    assert fixed.entry.replaces_number == wrong.number
    # Replaced once only; a cancelled or another kind's letter cannot be corrected.
    with pytest.raises(ValidationError):
        _claim(ctx, kadis, replaces_number=wrong.number)
    premium = issue_letter(ctx, LetterRequest(PremiumLetter(DAY), kadis.id, DAY))
    with pytest.raises(ValidationError) as caught:
        _claim(ctx, kadis, replaces_number=premium.number)
    assert caught.value.problems[0].code == "replaces_other_kind"
    with pytest.raises(NotFoundError):
        _claim(ctx, kadis, replaces_number="500.15/999/X/I/2025")


def test_the_request_is_kept_for_a_correction(ctx: ServiceContext, kadis: SignatoryItem) -> None:
    issued = _claim(ctx, kadis)
    fields = document_fields(ctx, issued.number)
    assert fields["kind"] == "klaim" and fields["signatory_id"] == kadis.id
    assert fields["fields"]["worker_nik"] == "5303055207850001"
    assert fields["fields"]["event_date"] == "2025-07-20"


def test_the_database_refuses_to_change_what_was_issued(
    ctx: ServiceContext, kadis: SignatoryItem
) -> None:
    issued = _claim(ctx, kadis)
    for statement in (
        "UPDATE document_file SET pdf = :x",
        "UPDATE issued_document SET number = 'X'",
        "UPDATE issued_document SET sha256 = 'X'",
        "DELETE FROM document_file",
        "DELETE FROM issued_document",
    ):
        with pytest.raises(sa_exc.DatabaseError), ctx.engine.begin() as conn:
            conn.execute(text(statement), {"x": b"%PDF forged"} if ":x" in statement else {})
    # The status may move; that is how cancelling works.
    with ctx.engine.begin() as conn:
        conn.execute(text("UPDATE issued_document SET status_reason = 'catatan'"))
    assert reprint_document(ctx, issued.number).pdf == issued.pdf


def test_a_damaged_file_is_never_reprinted(ctx: ServiceContext, kadis: SignatoryItem) -> None:
    issued = _claim(ctx, kadis)
    # Only by lifting the trigger, as someone with the file or superuser rights could.
    with ctx.engine.begin() as conn:
        if ctx.is_sqlite:
            conn.execute(text("DROP TRIGGER document_file_frozen"))
        else:
            conn.execute(text("ALTER TABLE document_file DISABLE TRIGGER document_file_frozen"))
        conn.execute(text("UPDATE document_file SET pdf = :x"), {"x": issued.pdf + b" "})
        if not ctx.is_sqlite:
            conn.execute(text("ALTER TABLE document_file ENABLE TRIGGER document_file_frozen"))
    with pytest.raises(ConflictError) as caught:
        reprint_document(ctx, issued.number)
    assert "SHA-256" in caught.value.message


def test_register_filters(ctx: ServiceContext, kadis: SignatoryItem) -> None:
    claim = _claim(ctx, kadis)
    premium = issue_letter(
        ctx, LetterRequest(PremiumLetter(date(2025, 12, 1)), kadis.id, date(2026, 1, 5))
    )
    assert [e.number for e in list_documents(ctx, DocumentQuery(year=2026))] == [premium.number]
    by_kind = list_documents(ctx, DocumentQuery(kind=DocumentKind.CLAIM))
    assert [e.number for e in by_kind] == [claim.number]
    assert [e.number for e in list_documents(ctx, DocumentQuery(text="maria goreti"))] == [
        claim.number
    ]
    assert list_documents(ctx, DocumentQuery(text="100%_")) == []
    with ctx.session_factory() as session:
        assert present(session.scalar(select(RegisteredDocument.page_count).limit(1))) >= 1


@pytest.mark.postgres
def test_database_roles_on_postgresql(pg_url: str) -> None:
    """Real login roles: an operator issues, cancels and reprints through the grants; a
    viewer reads the register but neither the typed fields nor the PDFs."""
    _clear_pg_data(pg_url)
    setup = ServiceContext.for_engine(make_engine(pg_url))
    store_emblem(setup)  # the operator's own role reads it from office_image to print the kop
    admin = first_admin(setup, pg_url)
    operator = clerk(admin, pg_url, "surat", Role.OPERATOR)
    viewer = clerk(admin, pg_url, "lihat", Role.VIEWER)
    kadis = signatories(operator)[0]
    claim_worker(operator)  # the operator's role reads the coverage history it certifies
    issued = _claim(operator, kadis)
    assert reprint_document(operator, issued.number).pdf == issued.pdf
    cancel_document(operator, issued.number, "Uji hak akses")
    # A correction through the operator's own login passes the database's commit checks.
    wrong = _claim(operator, kadis)
    fixed = _claim(operator, kadis, replaces_number=wrong.number)
    assert get_document(operator, wrong.number).replaced_by_number == fixed.number
    assert [e.number for e in list_documents(viewer)] == [
        fixed.number,
        wrong.number,
        issued.number,
    ]
    assert get_document(viewer, issued.number).status is DocumentStatus.CANCELLED
    with pytest.raises(PermissionDeniedError):
        reprint_document(viewer, issued.number)
    for statement in ("SELECT fields FROM issued_document", "SELECT pdf FROM document_file"):
        with pytest.raises(sa_exc.ProgrammingError), viewer.engine.connect() as conn:
            conn.execute(text(statement))
    with pytest.raises(sa_exc.ProgrammingError), operator.engine.begin() as conn:
        conn.execute(text("UPDATE issued_document SET subject = 'lain'"))
    for context in (viewer, operator, admin, setup):
        context.engine.dispose()
