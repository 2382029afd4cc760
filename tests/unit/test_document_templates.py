"""The template format: sections, blocks, placeholders, and the checks that keep an edited
template from breaking the next document."""

from __future__ import annotations

from datetime import date

import pytest

from services.core.errors import ValidationError
from services.documents.agreement.template import DEFAULT as AGREEMENT_TEXT
from services.documents.agreement.template import SPEC as AGREEMENT
from services.documents.agreement.template import article_reference
from services.documents.letters.service import letter_templates
from services.documents.numbering import NumberingRule, format_number, pattern_problems
from services.documents.templates import (
    BlockKind,
    TemplateSpec,
    blocks,
    fill,
    plain,
    split_sections,
    template_problems,
)
from tests.conftest import office_day_now

SPEC = TemplateSpec("t", "Uji", "", ("hal", "isi"), {"nama": "nama", "berkas": "daftar"})


def test_sections_and_blocks() -> None:
    text = """[hal]
Surat untuk {nama}
[isi]
Paragraf pertama
yang bersambung.

- butir satu
  bersambung
- {berkas}
Nama | {nama}
== JUDUL
* ayat
"""
    sections = split_sections(text)
    assert set(sections) == {"hal", "isi"}
    assert plain(sections["hal"], {"nama": "Ana"}) == "Surat untuk Ana"
    found = blocks(sections["isi"], {"nama": "Ana & Co", "berkas": ["KTP", "KK"]})
    assert [(b.kind, b.text, b.value) for b in found] == [
        (BlockKind.PARAGRAPH, "Paragraf pertama yang bersambung.", ""),
        (BlockKind.ITEM, "butir satu bersambung", ""),
        (BlockKind.ITEM, "KTP", ""),
        (BlockKind.ITEM, "KK", ""),
        (BlockKind.ROW, "Nama", "Ana &amp; Co"),
        (BlockKind.ARTICLE, "JUDUL", ""),
        (BlockKind.AYAT, "ayat", ""),
    ]


def test_a_row_whose_one_placeholder_is_empty_is_left_out() -> None:
    """Nothing to say beside the label: no row (never a bare "-"); a row with text of its
    own around the placeholder stays."""
    section = "Keterangan | {ket}\nNama | {nama}\nJumlah | {ket} orang"
    found = blocks(section, {"ket": " ", "nama": "Ana"})
    assert [(b.text, b.value) for b in found] == [("Nama", "Ana"), ("Jumlah", "  orang")]
    kept = blocks(section, {"ket": "Sakit", "nama": "Ana"})
    assert [b.text for b in kept] == ["Keterangan", "Nama", "Jumlah"]


def test_fill_escapes_values_and_marks_bold() -> None:
    assert fill("**{nama}** <x> {{kurung}}", {"nama": "<Ana>"}) == (
        "<b>&lt;Ana&gt;</b> &lt;x&gt; {kurung}"
    )


def test_checks_name_missing_sections_unknown_placeholders_and_braces() -> None:
    assert template_problems(SPEC, "[hal]\nx {nama}\n[isi]\ny") == []
    missing = template_problems(SPEC, "[hal]\nx")
    assert [p.code for p in missing] == ["template_section_missing"]
    assert "[isi]" in missing[0].text
    unknown = template_problems(SPEC, "[hal]\n{namaa}\n[isi]\n")
    assert [p.code for p in unknown] == ["template_placeholder"]
    assert "{namaa}" in unknown[0].text and "{nama}" in unknown[0].text
    braces = template_problems(SPEC, "[hal]\n{nama\n[isi]\n")
    assert [p.code for p in braces] == ["template_braces"]


@pytest.mark.parametrize("spec", [AGREEMENT, *letter_templates()], ids=lambda s: s.key)
def test_every_default_template_passes_its_own_checks(spec: TemplateSpec) -> None:
    assert template_problems(spec, spec.default) == []


def test_numbers_follow_the_pattern() -> None:
    rule = NumberingRule(
        "surat",
        "{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}",
        "numbering.pattern",
        "500.15",
        "Nakertrans",
    )
    assert format_number(rule, 123, date(2025, 7, 7)) == "500.15/123/Nakertrans/VII/2025"
    padded = NumberingRule("s", "{nomor:03d}/{unit}/{bulan}.{tahun}", "k", "", "Dinas")
    assert format_number(padded, 7, date(2025, 1, 2)) == "007/Dinas/1.2025"


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("{klasifikasi}/{tahun}", "pattern_invalid"),
        ("{nomor}/{bidang}", "pattern_unknown"),
        ("{nomor", "pattern_invalid"),
    ],
)
def test_bad_patterns_are_refused_naming_the_setting(pattern: str, code: str) -> None:
    [problem] = pattern_problems(pattern, "numbering.pattern")
    assert problem.code == code and problem.field == "numbering.pattern"
    assert (
        "menu Pengaturan → Pengaturan kantor → Penomoran surat → “Pola nomor surat”" in problem.text
    )
    with pytest.raises(ValidationError):
        format_number(NumberingRule("s", pattern, "numbering.pattern", "", ""), 1, office_day_now())


def test_an_article_is_referred_to_by_its_number() -> None:
    """The termination article's reference to the term follows the articles' order: an
    office that adds an article before it gets the new number, one that removes the
    article gets words instead of a wrong number."""
    articles = AGREEMENT_TEXT.split("[pasal]", 1)[1]
    assert article_reference(articles, "JANGKA WAKTU") == "Pasal 11"
    added = articles.replace("== JANGKA WAKTU", "== SOSIALISASI\nTeks.\n\n== JANGKA  waktu")
    assert article_reference(added, "JANGKA WAKTU") == "Pasal 12"
    removed = articles.replace("== JANGKA WAKTU", "== MASA BERLAKU")
    assert article_reference(removed, "JANGKA WAKTU") == "pasal tentang jangka waktu"
