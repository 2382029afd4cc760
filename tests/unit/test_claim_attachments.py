"""Scans are checked by their first bytes, not only their names."""

from __future__ import annotations

import pytest

from services.claims.attachments import scan_problems, sha256_hex

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
LIMIT = 1024


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("akta.pdf", PDF, "application/pdf"),
        ("KTP.PNG", PNG, "image/png"),
        ("kk.jpg", JPG, "image/jpeg"),
        ("kk.jpeg", JPG, "image/jpeg"),
    ],
)
def test_good_scans_pass(name: str, content: bytes, content_type: str) -> None:
    assert scan_problems(name, content, LIMIT) == ([], content_type)


def test_a_png_named_pdf_is_refused_with_what_it_really_is() -> None:
    problems, _ = scan_problems("C:\\pindai\\akta.pdf", PNG, LIMIT)
    assert [p.code for p in problems] == ["scan_signature"]
    assert problems[0].text.startswith("Berkas akta.pdf berakhiran .pdf tetapi isinya PNG.")


def test_something_that_is_no_scan_at_all_is_refused() -> None:
    problems, _ = scan_problems("foto.jpg", b"MZ\x90\x00 not an image", LIMIT)
    assert problems[0].text.startswith("Berkas foto.jpg berakhiran .jpg tetapi isinya bukan JPG.")


def test_empty_too_large_and_other_types_are_refused() -> None:
    assert scan_problems("a.pdf", b"", LIMIT)[0][0].code == "scan_empty"
    large = scan_problems("a.pdf", PDF + b"0" * (2 * 1024 * 1024), 1024 * 1024)[0][0]
    assert large.code == "scan_too_large"
    assert "berukuran 2.0 MB, melebihi batas 1 MB" in large.text
    assert scan_problems("surat.docx", PDF, LIMIT)[0][0].code == "scan_type"
    assert scan_problems("tanpa_akhiran", PDF, LIMIT)[0][0].code == "scan_type"


def test_the_hash_is_the_sha256_of_the_bytes() -> None:
    assert sha256_hex(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
