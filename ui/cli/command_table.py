"""Every command's name, one-line help and module, without importing the modules.

`python main.py --help` (and a mistyped command) is answered from this table alone;
only the module of the command that runs is imported, so a command loads what it uses.
That module imports at its top only what its parsers need (codes from models.enums, words
from services.text); each handler imports its services when it runs, so every command's
and sub-command's --help, and argparse's refusal of a mistyped option, answer without
SQLAlchemy or a writer (tests/unit/test_architecture.py and tests/integration/test_cli.py).
PyInstaller cannot follow a module imported by name, so packaging/sirentan.spec lists
COMMAND_MODULES as hidden imports; a test checks the table against each module's own
add_commands() (same names, same help, same order).
"""

from __future__ import annotations

from typing import NamedTuple


class Command(NamedTuple):
    name: str
    help: str
    module: str  # under ui.cli; its add_commands(subparsers) adds this command


COMMANDS: tuple[Command, ...] = (
    Command("db", "skema dan keterangan basis data", "db_commands"),
    Command("demo-data", "isi peserta contoh (sintetis) untuk latihan", "db_commands"),
    Command("workers", "register peserta", "worker_commands"),
    Command("users", "akun petugas", "user_commands"),
    Command("backup", "cadangan basis data", "backup_commands"),
    Command(
        "import-workers",
        "impor peserta dari berkas .xlsx atau .csv (satu transaksi)",
        "import_commands",
    ),
    Command("import-approve", "setujui impor besar (verifikator/admin)", "import_commands"),
    Command("import-undo", "batalkan seluruh impor", "import_commands"),
    Command("import-batches", "daftar impor, terbaru di atas", "import_commands"),
    Command("export-workers", "ekspor peserta ke berkas .xlsx", "export_commands"),
    Command("print-cards", "cetak kartu peserta ke PDF (dicatat di log)", "card_commands"),
    Command("cards", "log cetak, serah terima dan pemeriksaan kartu", "card_commands"),
    Command("claims", "klaim JKK dan JKM", "claim_commands"),
    Command("premium", "iuran, tagihan BPJS, pembayaran, anggaran", "premium_commands"),
    Command("report", "tulis laporan ke .xlsx atau .pdf", "report_commands"),
    Command("agreement", "perjanjian kerja sama (PKS) dengan BPJS", "document_commands"),
    Command("letter", "buat dan catat surat dinas", "document_commands"),
    Command("letters", "buku agenda surat keluar dan templat surat", "document_commands"),
    Command("signatories", "pejabat penandatangan surat", "document_commands"),
    Command("settings", "pengaturan kantor (administrator)", "settings_commands"),
)

# The modules main.py imports by name, in help order (packaging lists them).
COMMAND_MODULES: tuple[str, ...] = tuple(dict.fromkeys(f"ui.cli.{c.module}" for c in COMMANDS))


def module_of(name: str) -> str | None:
    return next((f"ui.cli.{c.module}" for c in COMMANDS if c.name == name), None)
