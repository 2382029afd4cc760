"""Every editable template of the documents, found by key (for the GUI's editor and the CLI)."""

from __future__ import annotations

from services.core.context import ServiceContext
from services.documents.agreement.template import SPEC as AGREEMENT_SPEC
from services.documents.letters.service import letter_templates
from services.documents.templates import (
    TemplateSpec,
    TemplateText,
    load_template,
    reset_template,
    save_template,
    spec_by_key,
)


def all_templates() -> list[TemplateSpec]:
    return [AGREEMENT_SPEC, *letter_templates()]


def load_template_by_key(ctx: ServiceContext, key: str) -> TemplateText:
    return load_template(ctx, spec_by_key(all_templates(), key))


def save_template_by_key(ctx: ServiceContext, key: str, text: str) -> TemplateText:
    return save_template(ctx, spec_by_key(all_templates(), key), text)


def reset_template_by_key(ctx: ServiceContext, key: str) -> TemplateText:
    return reset_template(ctx, spec_by_key(all_templates(), key))
