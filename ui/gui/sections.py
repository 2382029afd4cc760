"""The sections of the left navigation. A new section is one line in SECTIONS.

A section with a permission is listed only for clerks whose role has it; the
services refuse the rest anyway, this only keeps the screen honest. Each build
callable imports its panel's module when the section is first shown: only the
first screen's (Beranda) is loaded at start-up, and start-up time counts
(tests/ui/test_gui_startup_imports.py holds it to that).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from services.core.permissions import Permission
from ui.gui.app_context import AppContext
from ui.gui.cards import cards_section
from ui.gui.claims import claims_section
from ui.gui.dashboard import dashboard_section
from ui.gui.documents import documents_section
from ui.gui.excel_import import import_panel
from ui.gui.premiums import premiums_section
from ui.gui.reports import reports_section

USERS = "Akun petugas"
AUDIT = "Jejak audit"


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    build: Callable[[AppContext], QWidget]
    tooltip: str = ""
    # Several: offered to a clerk who has any one of them.
    permission: Permission | tuple[Permission, ...] | None = None


def _worker_list_panel(app: AppContext) -> QWidget:
    from ui.gui.worker_list.worker_list_panel import WorkerListPanel

    return WorkerListPanel(app)


def _users_panel(app: AppContext) -> QWidget:
    from ui.gui.users.users_panel import UsersPanel

    return UsersPanel(app)


def _audit_panel(app: AppContext) -> QWidget:
    from ui.gui.audit.audit_panel import AuditPanel

    return AuditPanel(app)


SECTIONS: tuple[Section, ...] = (
    Section(
        "Beranda",
        dashboard_section,
        "Ringkasan: peserta, kartu, klaim, iuran dan anggaran",
        Permission.READ_WORKERS,
    ),
    Section("Peserta", _worker_list_panel, "Daftar pekerja rentan peserta BPJS Ketenagakerjaan"),
    Section(
        "Impor",
        import_panel,
        "Impor daftar peserta dari Excel/CSV",
        (Permission.IMPORT, Permission.APPROVE),
    ),
    Section("Kartu", cards_section, "Cetak, serah terima, periksa kartu", Permission.READ_WORKERS),
    Section("Klaim", claims_section, "Klaim JKK dan JKM: berkas, status", Permission.READ_WORKERS),
    Section(
        "Surat & PKS",
        documents_section,
        "Buku agenda surat keluar, surat dinas, perjanjian kerja sama dengan BPJS",
        Permission.READ_WORKERS,
    ),
    Section(
        "Laporan",
        reports_section,
        "Rekap kepesertaan, daftar per desa, iuran, klaim, mutu data: Excel dan PDF",
        Permission.READ_WORKERS,
    ),
    Section(
        "Iuran & anggaran",
        premiums_section,
        "Iuran bulanan, tagihan dan pembayaran BPJS, rekonsiliasi, pagu APBD, tarif",
        Permission.READ_WORKERS,
    ),
    Section(
        USERS, _users_panel, "Akun, peran dan batas kecamatan petugas", Permission.MANAGE_USERS
    ),
    Section(AUDIT, _audit_panel, "Siapa mengubah atau melihat apa, kapan", Permission.READ_AUDIT),
)


def sections_for(app: AppContext) -> tuple[Section, ...]:
    return tuple(s for s in SECTIONS if _offered(app, s.permission))


def _offered(app: AppContext, permission: Permission | tuple[Permission, ...] | None) -> bool:
    if permission is None:
        return True
    choices = permission if isinstance(permission, tuple) else (permission,)
    return any(app.can(p) for p in choices)
