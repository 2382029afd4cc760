"""F1: a short page of the keyboard shortcuts and the day's common tasks, in Indonesian."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

SHORTCUTS = (
    ("F1", "Bantuan ini"),
    ("Ctrl+K", "Cek kepesertaan: ketik NIK, No. KPJ atau nama lalu Enter; Esc mengosongkan"),
    ("Ctrl+1 … Ctrl+9", "Pindah ke bagian ke-1 … ke-9 di kiri (Beranda, Peserta, …)"),
    ("Ctrl+N", "Peserta baru (di bagian Peserta)"),
    ("Ctrl+S", "Simpan formulir yang terbuka"),
    ("Enter", "Jalankan tombol utama; di kotak cari dengan satu hasil: buka hasilnya"),
    ("Tab / Shift+Tab", "Ke isian berikutnya / sebelumnya, termasuk tab formulir"),
    ("Ctrl+Tab", "Ke tab berikutnya dalam formulir"),
    ("Esc", "Tutup dialog (perubahan yang belum disimpan ditanyakan dulu)"),
    ("Ctrl+Q", "Tutup aplikasi"),
)

TASKS = (
    (
        "Warga datang menanyakan kepesertaan",
        "Ctrl+K, ketik NIK atau No. KPJ, Enter. Bila TIDAK TERDAFTAR, tekan "
        "<b>Daftarkan peserta</b>: formulir baru terbuka dengan NIK sudah terisi. "
        "Nama yang diketik dicari di daftar Peserta.",
    ),
    (
        "Mendaftarkan peserta baru",
        "Peserta → Ctrl+N. Isi tab Data pribadi, lalu Tab sampai tab Kepesertaan "
        "(sumber dana, tanggal mulai), lalu Ctrl+S.",
    ),
    (
        "Mengimpor daftar dari desa",
        "Impor → Impor berkas Excel/CSV…: pilih berkas, cocokkan kolom, periksa hasil "
        "uji coba, lalu simpan.",
    ),
    (
        "Mencetak kartu",
        "Peserta: pilih peserta atau saring desa → Cetak kartu… → Pratinjau → Cetak.",
    ),
    (
        "Klaim JKK atau JKM",
        "Klaim → Klaim baru…: cari peserta, isi kejadian, Buka klaim; centang dokumen "
        "yang diterima dan ikuti langkah status di bawah.",
    ),
    (
        "Surat dan PKS",
        "Surat & PKS: pilih jenis surat, isi formulir, Pratinjau, lalu Terbitkan. "
        "Untuk surat berikutnya tekan Dokumen baru.",
    ),
)


def help_html() -> str:
    rows = "".join(f"<tr><td><b>{keys}</b></td><td>{what}</td></tr>" for keys, what in SHORTCUTS)
    tasks = "".join(f"<li><b>{title}.</b> {text}</li>" for title, text in TASKS)
    return (
        "<h3>Tombol pintas</h3>"
        f"<table cellspacing='0' cellpadding='3'>{rows}</table>"
        "<h3>Pekerjaan sehari-hari</h3>"
        f"<ul>{tasks}</ul>"
        "<p>Tanda (?) dan keterangan abu-abu di bawah isian menjelaskan aturannya; "
        "arahkan tetikus ke tombol untuk penjelasan singkat.</p>"
    )


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Bantuan SiRentan")
        self.text = QTextBrowser(self)
        self.text.setHtml(help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)
        self.text.setFocus()
