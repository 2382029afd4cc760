"""Signatories as records: checked NIP, the Bupati without one, deactivation, permissions."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from models import AuditEntry
from models.enums import Role
from services.core.context import ServiceContext
from services.core.errors import NotFoundError, ValidationError
from services.core.permissions import PermissionDeniedError, Principal
from services.documents import (
    SignatoryInput,
    add_signatory,
    get_signatory,
    list_signatories,
    set_signatory_active,
    update_signatory,
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
    assert caught.value.problems[0].code == "nip_empty"


def test_only_letter_writers_keep_signatories(ctx: ServiceContext) -> None:
    verifier = ServiceContext(
        ctx.engine, ctx.session_factory, Principal(3, "verif", "Verifikator", Role.VERIFIKATOR)
    )
    with pytest.raises(PermissionDeniedError):
        add_signatory(verifier, KADIS)
    kadis = add_signatory(ctx, KADIS)
    assert list_signatories(verifier)[0].id == kadis.id
