"""Default back-side instructions, from the domain notes (sections 3 and 4).

The office confirms them with BPJS KC Atambua and edits them in the settings;
these are only the starting text.
"""

from __future__ import annotations

DEFAULT_ACCIDENT_STEPS: tuple[str, ...] = (
    "Segera berobat ke puskesmas atau rumah sakit terdekat; tunjukkan kartu ini dan KTP.",
    "Laporkan kecelakaan dalam 2 × 24 jam ke Dinas Nakertrans atau BPJS Ketenagakerjaan "
    "(boleh oleh keluarga atau kantor desa).",
    "Siapkan: kartu ini, KTP, KK, kronologi kejadian yang ditandatangani saksi/RT/kepala desa, "
    "surat keterangan dokter, kuitansi biaya berobat.",
    "Kecelakaan lalu lintas: sertakan laporan polisi.",
)

DEFAULT_DEATH_STEPS: tuple[str, ...] = (
    "Ahli waris segera melapor ke Dinas Nakertrans atau BPJS Ketenagakerjaan.",
    "Siapkan: kartu ini, KTP almarhum dan ahli waris, akta/surat kematian, KK, surat keterangan "
    "ahli waris dari kepala desa diketahui camat, buku nikah (bila suami/istri), buku tabungan "
    "ahli waris.",
)
