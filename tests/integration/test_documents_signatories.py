"""Signatories as records: checked NIP and rank, the Bupati without them, deactivation,
permissions; an official's record without them signs nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select, update

from models import AuditEntry, Signatory
from models.enums import Role
from services.core.context import ServiceContext
from services.core.errors import NotFoundError, ValidationError
from services.core.permissions import PermissionDeniedError, Principal
from services.documents import (
    AgreementRequest,
    LetterRequest,
    SignatoryInput,
    add_signatory,
    get_signatory,
    issue_agreement,
    issue_letter,
    list_documents,
    list_signatories,
    set_signatory_active,
    update_signatory,
)
from tests.integration.document_helpers import (
    claim_fields,
    claim_worker,
    signatories,
    store_emblem,
)

KADIS = SignatoryInput(
    name="  Simon   Soge ",
    position="Kepala Dinas Tenaga Kerja dan Transmigrasi",
    rank="Pembina Utama Muda (IV/c)",
    nip="19680101 199003 1 005",
    on_behalf_of="Bupati Timor Tengah Utara",
)


def test_add_list_update_and_deactivate(ctx: ServiceContext) -> None:
    kadis = add_signatory(ctx, KADIS)
    assert (kadis.name, kadis.nip, kadis.active) == ("Simon Soge", "196801011990031005", True)
    bupati = add_signatory(
        ctx, SignatoryInput("Yosep Falentinus Delasalle Kebo", "Bupati", regional_head=True)
    )
    assert [s.id for s in list_signatories(ctx)] == [bupati.id, kadis.id]
    promoted = replace(KADIS, rank="Pembina Utama Madya (IV/d)", on_behalf_of=None)
    changed = update_signatory(ctx, kadis.id, promoted)
    assert changed.rank == "Pembina Utama Madya (IV/d)" and changed.on_behalf_of is None
    set_signatory_active(ctx, kadis.id, False)
    assert [s.id for s in list_signatories(ctx)] == [bupati.id]
    assert len(list_signatories(ctx, active_only=False)) == 2
    assert not get_signatory(ctx, kadis.id).active
    with ctx.session_factory() as session:
        entities = session.scalars(select(AuditEntry.entity)).all()
    assert entities.count("signatory") == 4  # two created, one edited, one deactivated
    with pytest.raises(NotFoundError):
        get_signatory(ctx, 999)


def test_refusals_name_each_field(ctx: ServiceContext) -> None:
    with pytest.raises(ValidationError) as caught:
        add_signatory(ctx, SignatoryInput(" ", "", nip="196813011990031000", rank="x" * 81))
    by_field = {p.field: p.text for p in caught.value.problems}
    assert set(by_field) == {"name", "position", "rank", "nip"}
    assert "Nama penandatangan wajib diisi." in caught.value.message
    assert "NIP penandatangan: 8 angka pertama (19681301)" in caught.value.message
    assert "nomor urut dan tidak boleh 000" in caught.value.message
    with pytest.raises(ValidationError) as caught:
        add_signatory(ctx, SignatoryInput("Simon Soge", "Kepala Dinas"))
    assert [p.code for p in caught.value.problems] == ["nip_empty", "rank_empty"]
    assert "Pangkat/golongan penandatangan wajib diisi" in caught.value.message


def test_an_official_kept_without_nip_or_rank_signs_nothing(ctx: ServiceContext) -> None:
    """A record kept before saving asked for them (written here straight to the table)
    would print a signature block without rank and NIP: issuing refuses it, naming the
    official, the fields and where to fill them, before a number is taken."""
    store_emblem(ctx)
    kadis, bupati = signatories(ctx)
    claim_worker(ctx)
    with ctx.session_factory.begin() as session:
        session.execute(
            update(Signatory).where(Signatory.id == kadis.id).values(nip=None, rank=None)
        )
    letter = LetterRequest(claim_fields(), kadis.id, date(2025, 8, 1))
    with pytest.raises(ValidationError) as caught:
        issue_letter(ctx, letter)
    [problem] = caught.value.problems
    assert problem.field == "signatory_id"
    assert problem.text.startswith(
        "NIP (18 angka) dan pangkat/golongan penandatangan Simon Soge, S.Sos. (Kepala Dinas "
        "Tenaga Kerja dan Transmigrasi) belum diisi"
    )
    assert "Surat & PKS → Penandatangan → Ubah…" in problem.text
    assert f"signatories set {kadis.id} --nip" in problem.text
    with pytest.raises(ValidationError) as caught:
        issue_agreement(ctx, AgreementRequest(kadis.id, date(2025, 8, 1)))
    assert "signatory_incomplete" in [p.code for p in caught.value.problems]
    assert list_documents(ctx) == []
    # The Bupati signs with his name alone.
    assert issue_letter(ctx, replace(letter, signatory_id=bupati.id)).number


def test_only_letter_writers_keep_signatories(ctx: ServiceContext) -> None:
    verifier = ServiceContext(
        ctx.engine, ctx.session_factory, Principal(3, "verif", "Verifikator", Role.VERIFIKATOR)
    )
    with pytest.raises(PermissionDeniedError):
        add_signatory(verifier, KADIS)
    kadis = add_signatory(ctx, KADIS)
    assert list_signatories(verifier)[0].id == kadis.id
