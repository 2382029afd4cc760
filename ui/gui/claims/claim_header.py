"""The lines above the claim's tabs: which claim, its status, whose it is."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Protocol

from models.enums import WorkerStatus
from services.claims import ClaimDetail
from services.claims.labels import CLAIM_STATUS, CLAIM_TYPE
from services.text.labels import WORKER_STATUS
from ui.gui.claims.claim_texts import MUTED_TEXT
from ui.gui.formats import moment_text


class _WorkerLike(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def full_name(self) -> str: ...
    @property
    def nik(self) -> str: ...
    @property
    def kpj(self) -> str | None: ...
    @property
    def village_name(self) -> str: ...
    @property
    def kecamatan_name(self) -> str: ...
    @property
    def status(self) -> WorkerStatus: ...


@dataclass(frozen=True, slots=True)
class ClaimOwner:
    """The worker a claim is opened for, from a list row or the worker form."""

    worker_id: int
    full_name: str
    nik: str
    kpj: str | None
    village_name: str
    kecamatan_name: str
    status: WorkerStatus

    @classmethod
    def of(cls, worker: _WorkerLike) -> ClaimOwner:
        return cls(
            worker.id,
            worker.full_name,
            worker.nik,
            worker.kpj,
            worker.village_name,
            worker.kecamatan_name,
            worker.status,
        )


def _worker_line(owner: ClaimOwner | _WorkerLike) -> str:
    status = owner.status
    active = status is WorkerStatus.ACTIVE
    dead = "" if active else f" &nbsp;·&nbsp; <b>{WORKER_STATUS[status]}</b>"
    return (
        f"<b>{escape(owner.full_name)}</b> &nbsp;·&nbsp; NIK {escape(owner.nik)} &nbsp;·&nbsp; "
        f"KPJ {escape(owner.kpj or '-')} &nbsp;·&nbsp; {escape(owner.village_name)}, "
        f"Kec. {escape(owner.kecamatan_name)}{dead}"
    )


def new_claim_html(owner: ClaimOwner) -> str:
    return (
        "<span style='font-size:large'><b>Klaim baru</b></span> &nbsp;— isi kejadian, lalu "
        f"tekan <i>Buka klaim</i>.<br>{_worker_line(owner)}"
    )


def claim_html(detail: ClaimDetail, read_only: bool) -> str:
    mode = " &nbsp;·&nbsp; <i>hanya baca</i>" if read_only else ""
    since = moment_text(detail.status_since, detail.zone)
    return (
        f"<span style='font-size:large'><b>Klaim #{detail.id} — "
        f"{escape(CLAIM_TYPE[detail.claim_type])}</b></span> &nbsp;·&nbsp; status "
        f"<b>{escape(CLAIM_STATUS[detail.status])}</b> "
        f"<span style='color:{MUTED_TEXT}'>sejak {since}</span>{mode}<br>"
        f"{_worker_line(detail.worker)}"
    )
