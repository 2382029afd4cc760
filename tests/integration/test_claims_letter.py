"""The seam to the letter register: the recommendation letter filled from the claim, issued,
and its number stored on the claim when it is submitted to BPJS."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from models.enums import ClaimHeirRelation, ClaimStatus, Gender, JkkOutcome
from services import claims
from services.claims.letter import claim_letter
from services.core.context import ServiceContext
from services.core.errors import ValidationError
from services.documents import LetterRequest, issue_letter
from services.documents.letters.fields import ClaimProgramme
from tests.factories import make_nik
from tests.integration.claim_helpers import (
    NOW,
    TODAY,
    heir_with_account,
    jkk,
    jkm,
    make_worker,
    receive_everything,
    step,
)
from tests.integration.document_helpers import pdf_text, signatories, store_emblem_for
from tests.present import present


@pytest.fixture(autouse=True)
def _office_emblem(request: pytest.FixtureRequest) -> None:
    """The office has stored its emblem, so documents here are issued without the placeholder."""
    store_emblem_for(request)


def test_the_letter_is_filled_from_the_claim_and_its_number_submits_it(
    ctx: ServiceContext,
) -> None:
    heir = heir_with_account()
    heir.nik = make_nik(date(1980, 3, 3), Gender.MALE, 5)
    worker_id = make_worker(ctx, heirs=[heir])
    detail = receive_everything(ctx, claims.open_claim(ctx, worker_id, jkm(), now=NOW))
    detail = step(ctx, detail, ClaimStatus.COMPLETE)
    fields = claim_letter(ctx, detail.id)
    assert fields.programme is ClaimProgramme.JKM
    assert (fields.worker_name, fields.worker_nik) == ("MARIA GORETI TAEK B", detail.worker.nik)
    assert (fields.event_date, fields.event_description) == (date(2025, 10, 10), "Sakit")
    assert (fields.claimant_name, fields.claimant_relation, fields.claimant_nik) == (
        "YOHANES TAEK",
        "Suami/Istri",
        heir.nik,
    )
    assert fields.occupation == "Petani" and "Kec. Kota Kefamenanu" in fields.worker_address
    assert fields.documents[0] == "Kartu peserta BPJS Ketenagakerjaan"
    assert (fields.worker_id, fields.claim_id) == (worker_id, detail.id)

    kadis, _ = signatories(ctx)
    issued = issue_letter(ctx, LetterRequest(fields, signatory_id=kadis.id, document_date=TODAY))
    submitted = step(
        ctx,
        detail,
        ClaimStatus.SUBMITTED,
        on=TODAY,
        letter_number=issued.number,
        letter_date=TODAY,
    )
    assert (submitted.letter_number, submitted.letter_date) == (issued.number, TODAY)
    assert present(submitted.letter_number).startswith("500.15.14.2/")


def test_rows_the_register_has_nothing_for_are_left_out_not_dashed(ctx: ServiceContext) -> None:
    """No cause of death, no NIK, address or phone of the claimant recorded: the letter
    leaves those rows out instead of printing a bare "-", which an official would read as
    a statement ("NIK : -"); what is recorded is printed in its row."""
    kadis, _ = signatories(ctx)
    texts = {}
    nik = make_nik(date(1980, 3, 3), Gender.MALE, 5)
    for serial, cause in enumerate((None, "Sakit"), start=1):
        heir = claims.ClaimHeirInput("YOHANES TAEK", ClaimHeirRelation.SPOUSE)
        if cause is not None:
            heir.nik, heir.phone, heir.address = nik, "081234567890", "Jl. Sonbay No. 7"
        worker_id = make_worker(ctx, serial)
        death = jkm(cause_of_death=cause)
        opened = claims.open_claim(ctx, worker_id, death, heirs=[heir], now=NOW)
        fields = claim_letter(ctx, receive_everything(ctx, opened).id)
        request = LetterRequest(fields, signatory_id=kadis.id, document_date=TODAY)
        texts[cause] = pdf_text(issue_letter(ctx, request).pdf)
    assert "Tanggal meninggal : 10 Oktober 2025" in texts[None]
    assert "Nama pemohon : YOHANES TAEK" in texts[None]
    assert "Hubungan dengan peserta : Suami/Istri" in texts[None]
    for label in ("Keterangan", "NIK pemohon", "Alamat pemohon", "Nomor telepon"):
        assert label not in texts[None]
    assert " : - " not in texts[None] and not texts[None].endswith(" : -")
    assert "Keterangan : Sakit" in texts["Sakit"]
    assert f"NIK pemohon : {nik}" in texts["Sakit"]
    assert "Alamat pemohon : Jl. Sonbay No. 7" in texts["Sakit"]
    assert "Nomor telepon : 081234567890" in texts["Sakit"]


def test_an_injured_worker_claims_for_themselves(ctx: ServiceContext) -> None:
    detail = claims.open_claim(ctx, make_worker(ctx), jkk(), now=NOW)
    fields = claim_letter(ctx, detail.id)
    assert (fields.programme, fields.claimant_relation) == (ClaimProgramme.JKK, "Peserta sendiri")
    assert fields.event_description == "Terjatuh dari pohon asam"
    assert fields.documents == ()


def test_a_death_claim_without_an_entitled_heir_has_no_claimant(ctx: ServiceContext) -> None:
    fatal = jkk(jkk_outcome=JkkOutcome.DEATH, death_date=date(2025, 10, 19))
    detail = claims.open_claim(ctx, make_worker(ctx), fatal, heirs=[], now=NOW)
    with pytest.raises(ValidationError) as caught:
        claim_letter(ctx, detail.id)
    assert "perlu ahli waris yang berhak sebagai pemohon" in caught.value.message
    with pytest.raises(ValidationError):
        claim_letter(ctx, detail.id, claimant_heir_id=999)


def test_a_letter_bearing_a_claim_must_say_what_the_claim_records(ctx: ServiceContext) -> None:
    """Whoever fills it (the GUI, the CLI, a stored request corrected), a letter naming a
    claim names one of its heirs as claimant and only documents it has received."""
    detail = claims.open_claim(ctx, make_worker(ctx, heirs=[heir_with_account()]), jkm(), now=NOW)
    fields = replace(claim_letter(ctx, detail.id), documents=("Akta kematian",))
    kadis, _ = signatories(ctx)
    stranger = replace(fields, claimant_name="PAULUS SERAN", claimant_relation="Anak kandung")
    wrong_relation = replace(fields, claimant_relation="Anak kandung")
    for letter in (stranger, wrong_relation):
        with pytest.raises(ValidationError) as caught:
            issue_letter(ctx, LetterRequest(letter, signatory_id=kadis.id, document_date=TODAY))
        fields_named = {p.field for p in caught.value.problems}
        assert fields_named == {"claimant_name", "documents"}
        assert f"tidak tercatat sebagai ahli waris pada klaim #{detail.id}" in caught.value.message
        assert "Berkas belum tercatat diterima" in caught.value.message
    # The heir's name typed in other case and spacing is still the heir.
    received = receive_everything(ctx, detail)
    own = replace(claim_letter(ctx, received.id), claimant_name=" yohanes  taek ")
    issued = issue_letter(ctx, LetterRequest(own, signatory_id=kadis.id, document_date=TODAY))
    assert "Nama pemohon : yohanes taek" in pdf_text(issued.pdf)
