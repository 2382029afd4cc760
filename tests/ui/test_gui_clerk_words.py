"""The clerk's words: the audit trail and Qt's own dialogs speak Indonesian."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QLineEdit, QTreeView
from pytestqt.qtbot import QtBot

from services.audit.query import AuditRow
from services.core.context import ServiceContext
from tests.present import present
from tests.ui.helpers import open_window
from tests.ui.modal import ModalAnswers
from ui.gui.audit.change_text import ChangeText, detail_text, entity_label
from ui.gui.widgets.pdf_delivery import choose_save_path


def _row(entity: str, changes: dict[str, tuple[object, object]], entity_id: str = "1") -> AuditRow:
    return AuditRow(
        id=1,
        at=datetime(2026, 12, 7, 0, 22, tzinfo=UTC),
        user_name="petugas1",
        workstation="MEJA-1",
        action="update",
        entity=entity,
        entity_id=entity_id,
        summary=None,
        changes=changes,
    )


def test_the_audit_shows_labels_and_local_times_not_columns_and_iso(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, sqlite_ctx)
    text = ChangeText(window.app)
    claim = _row(
        "claim",
        {
            "claim_type": ("jkk", "jkm"),
            "status": ("draft", "berkas_lengkap"),
            "status_since": (None, "2026-12-07T00:22:42.112593+00:00"),
        },
    )
    shown = "\n".join(text.lines(claim))
    assert "claim_type" not in shown and "status_since" not in shown
    assert "Jenis klaim: JKK" in shown and "JKM" in shown
    assert "Status: Draf → Berkas lengkap" in shown
    # On the office's clock (the row's zone, the default district's WITA), named.
    assert "Status sejak: - → 07-12-2026 08.22 WITA" in shown
    assert "T00:22" not in shown
    letter = _row("issued_document", {"series": (None, "surat"), "regional_head": (False, True)})
    letter_text = "\n".join(text.lines(letter))
    assert "Seri nomor" in letter_text and "Kepala daerah (Bupati): Tidak → Ya" in letter_text
    assert entity_label(_row("card_batch", {})) == "Cetakan kartu 1"
    assert "card_batch" not in detail_text(_row("card_batch", {}), text)


def test_qts_own_file_dialog_is_in_indonesian(qtbot: QtBot, sqlite_ctx: ServiceContext) -> None:
    open_window(qtbot, sqlite_ctx)  # the app's translator is installed with the window
    dialog = QFileDialog(None, "Pilih berkas")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setNameFilters(["PDF (*.pdf)"])
    dialog.show()
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert labels == ["&Lihat di:", "&Nama berkas:", "&Jenis berkas:"]
    buttons = {b.text() or b.toolTip() for b in dialog.findChildren(QAbstractButton)}
    assert {"Kembali", "Folder induk", "Buat folder baru", "&Buka", "Batal"} <= buttons
    model = dialog.findChildren(QTreeView)[0].model()
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(4)]
    assert headers == ["Nama", "Ukuran", "Jenis", "Tanggal diubah"]
    dialog.close()


def test_the_audit_summary_names_no_table_setting_key_code_or_iso_date(
    qtbot: QtBot, sqlite_ctx: ServiceContext
) -> None:
    window = open_window(qtbot, sqlite_ctx)
    text = ChangeText(window.app)

    def summary(entity: str, stored: str) -> str:
        return text.summary(replace(_row(entity, {}), summary=stored))

    # As the database's triggers (both engines) write them for rows they have no words for.
    assert summary("coverage_period", "coverage_period #1") == "Periode kepesertaan #1"
    assert summary("setting", "district.kabupaten_code") == "Pengaturan “Kode kabupaten/kota”"
    assert summary("premium_rate", "tarif apbd_kab mulai 2026-01-01") == (
        "tarif APBD Kabupaten mulai 01-01-2026"
    )
    assert summary("issued_document", "pengantar 500/7/NKT/I/2026").startswith(
        "Surat Pengantar Pendaftaran Peserta 500/7"
    )
    # SQLite's triggers store a moment with a space, not a "T": read the same way.
    printed = _row("card_print", {"printed_at": (None, "2026-12-07 00:22:42.112593")})
    assert text.lines(printed) == ["Waktu cetak: - → 07-12-2026 08.22 WITA"]


def test_every_file_choice_is_qts_own_dialog_in_indonesian(
    qtbot: QtBot, sqlite_ctx: ServiceContext, tmp_path: Path
) -> None:
    """Not the workstation's native dialog, which speaks English on an English Windows."""
    window = open_window(qtbot, sqlite_ctx)
    seen: list[tuple[bool, list[str], set[str]]] = []

    def look_and_save(dialog: QFileDialog) -> None:
        native = not dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        buttons = {b.text() for b in dialog.findChildren(QAbstractButton) if b.text()}
        seen.append((native, labels, buttons))
        present(dialog.findChild(QLineEdit, "fileNameEdit")).setText(str(tmp_path / "surat"))
        dialog.accept()

    answers = ModalAnswers().then(QFileDialog, look_and_save)
    chosen = choose_save_path(window, "surat.pdf")
    answers.check()
    assert chosen == tmp_path / "surat.pdf"  # the suffix added to a typed name
    [(native, labels, buttons)] = seen
    assert not native
    assert labels == ["Lihat di:", "Nama berkas:", "Jenis berkas:"]
    assert {"Simpan", "Batal"} <= buttons
