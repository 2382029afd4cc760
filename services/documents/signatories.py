"""Officials who sign documents, kept as records and chosen per document.

Names, positions and ranks change with every rotation, so they are records
the clerks keep, never text in a template. A signatory who leaves is
deactivated: the letters they signed still name them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Signatory
from models.base import utc_now
from services.core.context import ServiceContext
from services.core.errors import NotFoundError, Problem, ValidationError
from services.core.office_time import office_today
from services.core.paths import command_prefix
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.documents.nip import NIP_FIELD, check_nip, normalize_nip
from services.documents.types import SignatoryInput, SignatoryItem

_LIMITS = {
    "name": 120,
    "position": 200,
    "rank": 80,
    "on_behalf_of": 200,
    "authority": 300,
    "delegation": 300,
    "office_address": 200,
}
_FIELD_LABELS = {
    "name": "Nama",
    "position": "Jabatan",
    "rank": "Pangkat/golongan",
    "on_behalf_of": "Atas nama (a.n.)",
    "authority": "Dasar kewenangan",
    "delegation": "Pelimpahan kewenangan",
    "office_address": "Alamat kantor",
}


def check_signatory(data: SignatoryInput, today: date) -> list[Problem]:
    """Every problem of the input, each naming its field (``today``: the office's day, which
    a NIP's birth and appointment dates cannot be after)."""
    problems: list[Problem] = []
    for field, label in (("name", "Nama"), ("position", "Jabatan")):
        if not getattr(data, field).strip():
            problems.append(Problem(f"{field}_empty", field, f"{label} penandatangan wajib diisi."))
    for field, limit in _LIMITS.items():
        value = getattr(data, field) or ""
        if len(value.strip()) > limit:
            problems.append(
                Problem(
                    f"{field}_long",
                    field,
                    f"{_FIELD_LABELS[field]} terlalu panjang ({len(value.strip())} huruf; "
                    f"paling banyak {limit}).",
                )
            )
    nip = (data.nip or "").strip()
    if nip:
        problems += check_nip(nip, today, label="NIP penandatangan")
    elif not data.regional_head:
        problems.append(
            Problem(
                "nip_empty",
                NIP_FIELD,
                "NIP penandatangan wajib diisi (18 angka); hanya Bupati/Wakil Bupati yang "
                "menandatangani tanpa NIP.",
            )
        )
    if not data.regional_head and not (data.rank or "").strip():
        problems.append(
            Problem(
                "rank_empty",
                "rank",
                "Pangkat/golongan penandatangan wajib diisi, mis. Pembina Utama Muda (IV/c); "
                "hanya Bupati/Wakil Bupati yang menandatangani tanpa pangkat dan NIP.",
            )
        )
    return problems


def signing_problems(signatory: SignatoryItem, today: date) -> list[Problem]:
    """Why this official's record cannot sign a document now; empty when it can.

    A civil servant signs over their rank and 18-digit NIP (Tata Naskah Dinas); only the
    regional head signs with the name alone. Saving asks for both, but a record kept
    before that rule, or whose NIP no longer passes, would print a block without them,
    so every issue asks again, before a number is taken."""
    if signatory.regional_head:
        return []
    who = f"{signatory.name} ({signatory.position})"
    how = (
        "Lengkapi data penandatangan di Surat & PKS → Penandatangan → Ubah… (baris perintah: "
        f"{command_prefix()} signatories set {signatory.id} --nip … --rank …), lalu terbitkan "
        "lagi, atau pilih penandatangan lain."
    )
    parts = (("NIP (18 angka)", signatory.nip), ("pangkat/golongan", signatory.rank))
    missing = [label for label, value in parts if not (value or "").strip()]
    problems: list[Problem] = []
    if missing:
        named = " dan ".join(missing)
        problems.append(
            Problem(
                "signatory_incomplete",
                "signatory_id",
                f"{named[0].upper()}{named[1:]} penandatangan {who} belum diisi: pejabat "
                "selain Bupati/Wakil Bupati menandatangani di atas pangkat/golongan dan NIP-nya. "
                + how,
            )
        )
    if signatory.nip and check_nip(signatory.nip, today):
        problems.append(
            Problem(
                "signatory_nip_invalid",
                "signatory_id",
                f"NIP penandatangan {who} tersimpan sebagai {signatory.nip} dan tidak sah "
                f"(harus 18 angka yang dimulai dengan tanggal lahir). {how}",
            )
        )
    return problems


def refuse_unfit_signatory(signatory: SignatoryItem, today: date, record: str) -> None:
    """Refused with ``signing_problems`` naming the official, the field and what to do."""
    problems = signing_problems(signatory, today)
    if problems:
        raise ValidationError(problems, record=record)


def list_signatories(ctx: ServiceContext, active_only: bool = True) -> list[SignatoryItem]:
    ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        stmt = select(Signatory).order_by(Signatory.regional_head.desc(), Signatory.name)
        if active_only:
            stmt = stmt.where(Signatory.active.is_(True))
        return [to_item(s) for s in session.scalars(stmt)]


def get_signatory(ctx: ServiceContext, signatory_id: int) -> SignatoryItem:
    ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        return to_item(load_signatory(session, signatory_id))


def add_signatory(ctx: ServiceContext, data: SignatoryInput) -> SignatoryItem:
    ctx.require(Permission.LETTERS)
    with unit_of_work(ctx) as session:
        return add_signatory_in(session, ctx, data)


def add_signatory_in(session: Session, ctx: ServiceContext, data: SignatoryInput) -> SignatoryItem:
    """Checked and added in the caller's transaction (the district set-up adds its officials
    together with the office's settings)."""
    _refuse_problems(data, office_today(session))
    signatory = Signatory(created_by=ctx.user_name, updated_by=ctx.user_name)
    _apply(signatory, data)
    session.add(signatory)
    session.flush()
    return to_item(signatory)


def update_signatory(ctx: ServiceContext, signatory_id: int, data: SignatoryInput) -> SignatoryItem:
    ctx.require(Permission.LETTERS)
    with unit_of_work(ctx) as session:
        _refuse_problems(data, office_today(session))
        signatory = load_signatory(session, signatory_id)
        _apply(signatory, data)
        signatory.updated_at = utc_now()
        signatory.updated_by = ctx.user_name
        session.flush()
        return to_item(signatory)


def set_signatory_active(ctx: ServiceContext, signatory_id: int, active: bool) -> SignatoryItem:
    """Deactivate an official who left (their letters keep their name), or bring one back."""
    ctx.require(Permission.LETTERS)
    with unit_of_work(ctx) as session:
        signatory = load_signatory(session, signatory_id)
        signatory.active = active
        signatory.updated_at = utc_now()
        signatory.updated_by = ctx.user_name
        session.flush()
        return to_item(signatory)


def load_signatory(session: Session, signatory_id: int) -> Signatory:
    signatory = session.get(Signatory, signatory_id)
    if signatory is None:
        raise NotFoundError(
            f"Penandatangan nomor {signatory_id} tidak ditemukan. Pilih dari daftar penandatangan."
        )
    return signatory


def _refuse_problems(data: SignatoryInput, today: date) -> None:
    problems = check_signatory(data, today)
    if problems:
        raise ValidationError(problems, record=f"penandatangan {data.name.strip()}".strip())


def _apply(signatory: Signatory, data: SignatoryInput) -> None:
    signatory.name = " ".join(data.name.split())
    signatory.position = " ".join(data.position.split())
    signatory.rank = _clean(data.rank)
    nip = normalize_nip(data.nip or "")
    signatory.nip = nip or None
    signatory.on_behalf_of = _clean(data.on_behalf_of)
    signatory.regional_head = data.regional_head
    signatory.authority = _clean(data.authority)
    signatory.delegation = _clean(data.delegation)
    signatory.office_address = _clean(data.office_address)
    signatory.active = data.active


def _clean(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    return text or None


def to_item(s: Signatory) -> SignatoryItem:
    return SignatoryItem(
        id=s.id,
        name=s.name,
        position=s.position,
        rank=s.rank,
        nip=s.nip,
        on_behalf_of=s.on_behalf_of,
        regional_head=s.regional_head,
        active=s.active,
        authority=s.authority,
        delegation=s.delegation,
        office_address=s.office_address,
    )
