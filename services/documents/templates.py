"""Editable wording: templates kept in code, an office's edited copy in the database.

The wording of letters and of the agreement's articles is "likely" practice,
not law, so the office may change it without a new version of the app. A
template is plain text in sections::

    [isi]
    Bersama ini kami sampaikan {jumlah_peserta} peserta baru …
    - a numbered item
    Nama | {nama}

Inside a section: a blank line ends a paragraph; "- " starts a list item;
"* " starts a numbered paragraph (ayat) of an agreement article; "== TITLE"
starts an article; "Label | value" lines form an aligned table; **bold**
marks bold text. ``{name}`` is a placeholder filled from the document's
fields; ``{{`` and ``}}`` print braces. Saving checks every section and
placeholder, so an edit cannot break the next letter.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from models import DocumentTemplate
from models.base import utc_now
from services.core.context import ServiceContext
from services.core.errors import NotFoundError, Problem, ValidationError
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.documents.styles import esc

_SECTION = re.compile(r"^\[([a-z_]+)\]\s*$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LIST_ITEM = re.compile(r"\{[a-z_]+\}")
BODY_LIMIT = 60_000


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    ITEM = "item"  # "- " list item
    AYAT = "ayat"  # "* " numbered paragraph of an article
    ARTICLE = "article"  # "== TITLE"
    ROW = "row"  # "Label | value"


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str  # markup-safe (escaped), placeholders filled, **bold** as <b>
    value: str = ""  # ROW only: the value column


@dataclass(frozen=True, slots=True)
class TemplateSpec:
    key: str
    label: str
    default: str
    sections: tuple[str, ...]  # every one must be present
    placeholders: dict[str, str]  # name → what it holds (shown to the editor)
    # Sections added after offices may have saved a copy: absent, the default's is used.
    optional_sections: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TemplateText:
    key: str
    label: str
    text: str
    is_default: bool
    placeholders: dict[str, str]


def split_sections(text: str) -> dict[str, str]:
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        match = _SECTION.match(line.strip())
        if match:
            current = sections.setdefault(match.group(1), [])
        elif current is not None:
            current.append(line)
    return {name: "\n".join(lines).strip("\n") for name, lines in sections.items()}


def template_problems(spec: TemplateSpec, text: str) -> list[Problem]:
    """What would stop this text from being used; empty when it is fine."""
    problems: list[Problem] = []
    if len(text) > BODY_LIMIT:
        problems.append(
            Problem("template_long", spec.key, f"Templat terlalu panjang ({len(text)} huruf).")
        )
    sections = split_sections(text)
    missing = [name for name in spec.sections if name not in sections]
    if missing:
        problems.append(
            Problem(
                "template_section_missing",
                spec.key,
                f"Templat '{spec.label}' harus memuat bagian "
                + ", ".join(f"[{m}]" for m in missing)
                + ".",
            )
        )
    try:
        names = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    except ValueError as error:
        return [
            *problems,
            Problem(
                "template_braces",
                spec.key,
                f"Templat '{spec.label}': tanda kurung kurawal tidak berpasangan ({error}). "
                "Tulis {{ dan }} untuk mencetak kurung kurawal.",
            ),
        ]
    unknown = sorted(n for n in names if n not in spec.placeholders)
    if unknown:
        allowed = ", ".join(f"{{{p}}}" for p in spec.placeholders)
        problems.append(
            Problem(
                "template_placeholder",
                spec.key,
                f"Templat '{spec.label}' memuat isian yang tidak dikenal: "
                + ", ".join(f"{{{u}}}" for u in unknown)
                + f". Yang dapat dipakai: {allowed}.",
            )
        )
    return problems


# Read-only and covariant, so a dict[str, str] of plain values is Values too.
Values = Mapping[str, str | Sequence[str]]


def _text(value: str | Sequence[str]) -> str:
    return value if isinstance(value, str) else ", ".join(value)


def fill(text: str, values: Values) -> str:
    """Placeholders filled; values are escaped for Paragraph markup, the text too."""
    safe = {name: esc(_text(value)) for name, value in values.items()}
    filled = esc(text.replace("{{", "\x00").replace("}}", "\x01")).format_map(safe)
    filled = filled.replace("\x00", "{").replace("\x01", "}")
    return _BOLD.sub(r"<b>\1</b>", filled)


_PREFIXES = (("== ", BlockKind.ARTICLE), ("* ", BlockKind.AYAT), ("- ", BlockKind.ITEM))


def blocks(section: str, values: Values) -> list[Block]:
    """A section's lines as blocks, placeholders filled. An indented line continues the
    item, ayat or paragraph above it; a list item that is one list placeholder
    ("- {berkas}") becomes one item per entry; a row whose value is one placeholder
    filled with nothing ("Keterangan | {keterangan_peristiwa}", no description) is left
    out."""
    result: list[Block] = []
    pending: list[str] = []
    pending_kind = BlockKind.PARAGRAPH

    def close() -> None:
        nonlocal pending_kind
        if pending:
            content = " ".join(pending)
            listed = values.get(content[1:-1]) if _LIST_ITEM.fullmatch(content) else None
            is_list = listed is not None and not isinstance(listed, str)
            if pending_kind is BlockKind.ITEM and listed is not None and is_list:
                result.extend(Block(BlockKind.ITEM, esc(entry)) for entry in listed)
            else:
                result.append(Block(pending_kind, fill(content, values)))
            pending.clear()
        pending_kind = BlockKind.PARAGRAPH

    for raw in section.split("\n"):
        line = raw.strip()
        if not line:
            close()
            continue
        kind = next((k for prefix, k in _PREFIXES if line.startswith(prefix)), None)
        if kind is not None:
            close()
            pending_kind = kind
            pending.append(line.split(" ", 1)[1].strip())
        elif "|" in line:
            close()
            label, value = (part.strip() for part in line.split("|", 1))
            # A row whose value is one placeholder the register has nothing for is left
            # out: a bare "-" beside "Keterangan" states nothing and reads as a blank.
            if _LIST_ITEM.fullmatch(value) and not _text(values.get(value[1:-1], "x")).strip():
                continue
            result.append(Block(BlockKind.ROW, fill(label, values), fill(value, values)))
        elif pending and (raw[:1].isspace() or pending_kind is BlockKind.PARAGRAPH):
            pending.append(line)
        else:
            close()
            pending.append(line)
    close()
    return result


def lines(section: str, values: Values) -> list[str]:
    """A section as plain lines (addressee, copies), placeholders filled, markup-safe."""
    return [fill(line.strip(), values) for line in section.split("\n") if line.strip()]


def plain_lines(section: str) -> list[str]:
    """A list section (one entry per line) as plain entries."""
    return [" ".join(line.split()) for line in section.split("\n") if line.strip()]


def plain(section: str, values: Values) -> str:
    """A one-line section as plain text (no markup), for the letter register's columns."""
    safe = section.replace("{{", "\x00").replace("}}", "\x01")
    text = " ".join(safe.split()).format_map({k: _text(v) for k, v in values.items()})
    return _BOLD.sub(r"\1", text.replace("\x00", "{").replace("\x01", "}"))


def load_template(ctx: ServiceContext, spec: TemplateSpec) -> TemplateText:
    ctx.require(Permission.READ_WORKERS)
    with read_session(ctx) as session:
        row = session.get(DocumentTemplate, spec.key)
        text = row.body if row is not None else spec.default
    return TemplateText(spec.key, spec.label, text, row is None, dict(spec.placeholders))


def save_template(ctx: ServiceContext, spec: TemplateSpec, text: str) -> TemplateText:
    ctx.require(Permission.LETTERS)
    problems = template_problems(spec, text)
    if problems:
        raise ValidationError(problems, record=f"templat {spec.label}")
    with unit_of_work(ctx) as session:
        row = session.get(DocumentTemplate, spec.key) or DocumentTemplate(key=spec.key)
        row.body = text
        row.updated_at = utc_now()
        row.updated_by = ctx.user_name
        session.add(row)
    return TemplateText(spec.key, spec.label, text, False, dict(spec.placeholders))


def reset_template(ctx: ServiceContext, spec: TemplateSpec) -> TemplateText:
    """Back to the wording shipped with the app."""
    ctx.require(Permission.LETTERS)
    with unit_of_work(ctx) as session:
        row = session.get(DocumentTemplate, spec.key)
        if row is not None:
            session.delete(row)
    return TemplateText(spec.key, spec.label, spec.default, True, dict(spec.placeholders))


def checked_sections(ctx: ServiceContext, spec: TemplateSpec) -> dict[str, str]:
    """The template in force, split into sections; a stored copy that no longer passes the
    checks (an older app's wording) is refused with what to fix, never half-printed."""
    text = load_template(ctx, spec).text
    problems = template_problems(spec, text)
    if problems:
        raise ValidationError(problems, record=f"templat {spec.label}")
    sections = split_sections(text)
    defaults = split_sections(spec.default)
    for name in spec.optional_sections:
        sections.setdefault(name, defaults[name])
    return sections


def spec_by_key(specs: list[TemplateSpec], key: str) -> TemplateSpec:
    for spec in specs:
        if spec.key == key:
            return spec
    known = ", ".join(s.key for s in specs)
    raise NotFoundError(f"Templat '{key}' tidak dikenal. Yang ada: {known}.")
