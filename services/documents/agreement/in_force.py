"""Which issued agreement (PKS) a premium letter bills under: one issued (not cancelled
or replaced), dated on or before the letter, whose term reaches into every month billed
(a term from 7 July bills July).

The term is what the agreement printed: stored with the request when it was issued
(``term_start``/``term_end``); for an agreement issued before those were stored, it is
worked out from the request as the agreement did (the start typed or the agreement's
date; the months typed, else the ``agreement.months`` setting, else to 31 December).
None when the letter register holds no such agreement: the letter then cites no number rather
than one it cannot vouch for.

The BPJS account is the one the agreement printed in its payment article (stored with it
as ``printed_bpjs_account``; for an older agreement, the account typed on its form, if
any): the letter pays where the agreement says, so the two cannot disagree."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from models import RegisteredDocument
from models.enums import DocumentKind, DocumentStatus
from services.core.context import ServiceContext
from services.core.unit_of_work import read_session
from services.documents.agreement.resolve import term_end


@dataclass(frozen=True, slots=True)
class AgreementReference:
    number: str  # PIHAK PERTAMA's number, the letter register's
    second_number: str  # BPJS's own number, when it was typed
    document_date: date
    bpjs_account: str = ""  # the account it printed; "" when the letter register does not know it


def agreement_for(
    ctx: ServiceContext,
    first_day: date,
    last_day: date,
    letter_date: date,
    settings: dict[str, str],
) -> AgreementReference | None:
    """The latest agreement in force for every day from ``first_day`` to ``last_day``."""
    stmt = (
        select(
            RegisteredDocument.number, RegisteredDocument.document_date, RegisteredDocument.fields
        )
        .where(
            RegisteredDocument.kind == DocumentKind.AGREEMENT,
            RegisteredDocument.status == DocumentStatus.ISSUED,
            RegisteredDocument.document_date <= letter_date,
        )
        .order_by(RegisteredDocument.document_date.desc(), RegisteredDocument.id.desc())
    )
    with read_session(ctx) as session:
        rows = session.execute(stmt).all()
    for number, document_date, raw in rows:
        fields: dict[str, Any] = json.loads(raw) if raw else {}
        start, end = _term(fields, document_date, settings)
        # By month: a PKS signed on 7 July bills July's premium (its first month).
        if start.replace(day=1) <= first_day and last_day <= end:
            second = str(fields.get("second_party_number") or "").strip()
            account = fields.get("printed_bpjs_account") or fields.get("bpjs_account") or ""
            return AgreementReference(number, second, document_date, " ".join(account.split()))
    return None


def _term(fields: dict[str, Any], signed: date, settings: dict[str, str]) -> tuple[date, date]:
    if fields.get("term_start") and fields.get("term_end"):
        return date.fromisoformat(fields["term_start"]), date.fromisoformat(fields["term_end"])
    start = date.fromisoformat(fields["period_start"]) if fields.get("period_start") else signed
    months = fields.get("months")
    if months is None and settings.get("agreement.months", "").strip().isdigit():
        months = int(settings["agreement.months"])
    return start, term_end(start, int(months) if months else None)
