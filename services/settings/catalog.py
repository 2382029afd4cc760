"""Every office setting once: its group, Indonesian label and description, default and check.

This is the one source of the defaults (``DEFAULTS``): the settings service, the claims
rules, the imports and exports all read them from here. The Pengaturan dialog and the
``settings`` command list the settings from the same catalogue, group by group, and
every message that sends a clerk to a setting names it through ``where()``.

Pure Python: no database and no Qt, so the checks run alike in the form and the service.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from services.core.errors import Problem
from services.text.figures import thousands


class Group(StrEnum):
    OFFICE = "kantor"
    SIGNERS = "penandatangan"
    BPJS = "bpjs"
    CARDS = "kartu"
    NUMBERING = "penomoran"
    CLAIMS = "klaim"
    PREMIUM = "iuran"
    BACKUP = "cadangan"
    REPORTS = "laporan"


GROUP_TITLES: dict[Group, str] = {
    Group.OFFICE: "Kantor & kop",
    Group.SIGNERS: "Penandatangan",
    Group.BPJS: "BPJS & PKS",
    Group.CARDS: "Kartu",
    Group.NUMBERING: "Penomoran surat",
    Group.CLAIMS: "Klaim",
    Group.PREMIUM: "Iuran",
    Group.BACKUP: "Cadangan",
    Group.REPORTS: "Laporan & ekspor",
}
# The way to the settings dialog (ui/gui/main_window.py): the menu, then its item.
SETTINGS_MENU = "menu Pengaturan → Pengaturan kantor"


class Kind(StrEnum):
    TEXT = "teks"
    LONG_TEXT = "teks panjang"  # one item per line
    WHOLE = "bilangan bulat"
    MONEY = "rupiah"
    YES_NO = "ya/tidak"
    CHOICE = "pilihan"


# A check returns an Indonesian message for a bad (already stripped) value, else None.
Check = Callable[[str], str | None]


@dataclass(frozen=True, slots=True)
class SettingSpec:
    key: str
    group: Group
    label: str
    description: str
    default: str
    kind: Kind = Kind.TEXT
    required: bool = False
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, label)
    max_length: int = 200
    checks: tuple[Check, ...] = field(default=())
    # Set only by the district set-up (province → kabupaten/kota), never typed alone.
    managed: bool = False

    @property
    def place(self) -> str:
        """Where a clerk finds it, as the menus name it: "menu Pengaturan → Pengaturan kantor
        → BPJS & PKS → “Nama kepala kantor cabang”"."""
        return f"{SETTINGS_MENU} → {GROUP_TITLES[self.group]} → “{self.label}”"


# -- checks ------------------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^[0-9+()\-./ ]+$")
_WEBSITE = re.compile(r"^(https?://)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/\S*)?$")


def _email(value: str) -> str | None:
    if value and not _EMAIL.match(value):
        return "Alamat pos-el tidak sah; tulis seperti dinas@kabupaten.go.id."
    return None


def _phone(value: str) -> str | None:
    digits = sum(c.isdigit() for c in value)
    if value and (not _PHONE.match(value) or not 6 <= digits <= 15):
        return "Nomor telepon berisi 6 sampai 15 angka (boleh +, spasi, tanda hubung, kurung)."
    return None


def _website(value: str) -> str | None:
    if value and not _WEBSITE.match(value):
        return "Alamat laman tidak sah; tulis seperti disnakertrans.kabupaten.go.id."
    return None


def _postal_code(value: str) -> str | None:
    if value and not (value.isdigit() and len(value) == 5):
        return "Kode pos terdiri atas 5 angka, mis. 85613."
    return None


def _digits_and_dots(value: str) -> str | None:
    if value and not re.fullmatch(r"[0-9.\-/ ]+", value):
        return "Isi dengan angka (boleh titik, garis miring atau tanda hubung)."
    return None


def _number_pattern(value: str) -> str | None:
    # Imported here: loading the documents package is not a start-up cost of the settings.
    from services.documents.number_pattern import pattern_fault  # the letters' own rule

    fault = pattern_fault(value)
    return fault[1].format(place="") if fault else None


def _funding_codes(value: str) -> str | None:
    from models.enums import FundingSource

    known = {f.value for f in FundingSource}
    codes = [c.strip() for c in value.split(",") if c.strip()]
    if not codes or any(c not in known for c in codes):
        return f"Isi kode sumber dana dipisah koma: {', '.join(sorted(known))}."
    return None


def _export_columns(value: str) -> str | None:
    from services.excel_export.columns import unknown_columns  # as _number_pattern

    unknown, known = unknown_columns(value)
    if unknown:
        return f"Kolom tidak dikenal: {', '.join(unknown)}. Kolom yang dikenal: {', '.join(known)}."
    return None


def _folder(value: str) -> str | None:
    if value and "\n" in value:
        return "Tulis satu folder saja."
    return None


def _iso_date(value: str) -> str | None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return "Isi tanggal seperti 2019-12-02 (tahun-bulan-hari)."
    return None


def _optional_months(value: str) -> str | None:
    if value and not (value.isdigit() and 1 <= int(value) <= 36):
        return "Isi jumlah bulan 1 sampai 36, atau kosongkan (sampai 31 Desember)."
    return None


# -- the catalogue ---------------------------------------------------------------

_LETTER_KINDS = (
    ("pengantar", "surat pengantar pendaftaran", "500.15"),
    ("klaim", "surat rekomendasi klaim", "500.15.14.2"),
    ("keterangan", "surat keterangan kepesertaan", "500.15"),
    ("ahli_waris", "surat pemberitahuan ahli waris", "500.15"),
    ("iuran", "surat pembayaran iuran", "500.15"),
    ("pks", "PKS", "500.15"),
)


def _kind_numbering(kind: str, label: str, code: str) -> tuple[SettingSpec, ...]:
    """A kind's classification, and (letters) its own pattern and series when it has them."""
    classification = SettingSpec(
        f"numbering.{kind}.classification",
        Group.NUMBERING,
        f"Kode klasifikasi {label}",
        "Kode klasifikasi arsip (Permendagri 83/2022).",
        code,
        required=True,
        max_length=30,
        checks=(_digits_and_dots,),
    )
    if kind == "pks":
        return (classification,)  # the PKS's own pattern and series follow, always set
    return (
        classification,
        SettingSpec(
            f"numbering.{kind}.pattern",
            Group.NUMBERING,
            f"Pola nomor {label}",
            "Kosong: pola nomor surat di atas.",
            "",
            checks=(_number_pattern,),
        ),
        SettingSpec(
            f"numbering.{kind}.series",
            Group.NUMBERING,
            f"Urutan nomor {label}",
            "Kosong: urutan nomor surat di atas.",
            "",
            max_length=20,
        ),
    )


_G = Group
_YES_NO = (("ya", "Ya"), ("tidak", "Tidak"))

CATALOG: tuple[SettingSpec, ...] = (
    # Kantor & kop. The district itself comes from the district set-up.
    SettingSpec(
        "district.kabupaten_code",
        _G.OFFICE,
        "Kode kabupaten/kota",
        "Kode Kemendagri wilayah kantor (mis. 53.03). Diubah lewat Wilayah kantor.",
        "53.03",
        managed=True,
    ),
    SettingSpec(
        "district.kabupaten_name",
        _G.OFFICE,
        "Nama kabupaten/kota",
        "Dari daftar Kemendagri; dicetak di kop (PEMERINTAH …) dan di kartu.",
        "Kabupaten Timor Tengah Utara",
        managed=True,
    ),
    SettingSpec(
        "district.province_name",
        _G.OFFICE,
        "Provinsi",
        "Dari daftar Kemendagri.",
        "Nusa Tenggara Timur",
        managed=True,
    ),
    SettingSpec(
        "district.capital",
        _G.OFFICE,
        "Kota kedudukan kantor",
        "Ibu kota kabupaten/kota: dicetak di kop dan di tempat dan tanggal surat.",
        "Kefamenanu",
        required=True,
        max_length=60,
    ),
    SettingSpec(
        "office.name",
        _G.OFFICE,
        "Nama kantor",
        "Nama perangkat daerah seperti di kop, mis. Dinas Tenaga Kerja dan Transmigrasi.",
        "Dinas Tenaga Kerja dan Transmigrasi",
        required=True,
        max_length=120,
    ),
    SettingSpec(
        "office.address",
        _G.OFFICE,
        "Alamat kantor",
        "Jalan dan kota, dicetak di kop surat dan di balik kartu.",
        "Jl. Basuki Rahmat, Kefamenanu",
        required=True,
        max_length=160,
    ),
    SettingSpec(
        "office.postal_code",
        _G.OFFICE,
        "Kode pos",
        "5 angka; boleh kosong.",
        "85613",
        checks=(_postal_code,),
    ),
    SettingSpec(
        "office.phone",
        _G.OFFICE,
        "Telepon kantor",
        "Dicetak di kop dan kartu; boleh kosong.",
        "",
        checks=(_phone,),
    ),
    SettingSpec(
        "office.email",
        _G.OFFICE,
        "Pos-el kantor",
        "Alamat surel resmi; boleh kosong.",
        "",
        checks=(_email,),
    ),
    SettingSpec(
        "office.website",
        _G.OFFICE,
        "Laman kantor",
        "Alamat situs web; boleh kosong.",
        "",
        checks=(_website,),
    ),
    SettingSpec(
        "documents.page_size",
        _G.OFFICE,
        "Ukuran kertas surat",
        "Ukuran kertas surat dinas dan PKS bila formulir tidak memilih lain.",
        "a4",
        kind=Kind.CHOICE,
        choices=(("a4", "A4 (210 × 297 mm)"), ("f4", "F4 / folio (215 × 330 mm)")),
    ),
    # Penandatangan.
    SettingSpec(
        "letterhead.regional_head_title",
        _G.SIGNERS,
        "Jabatan kepala daerah",
        "Dicetak di kop surat yang ditandatangani kepala daerah, mis. Bupati Timor Tengah "
        "Utara atau Wali Kota Kupang. Penandatangan surat sendiri diatur di Surat & PKS → "
        "Penandatangan.",
        "Bupati Timor Tengah Utara",
        required=True,
        max_length=80,
    ),
    SettingSpec(
        "cards.signer_position",
        _G.SIGNERS,
        "Jabatan penanda tangan kartu",
        "Dicetak di balik kartu peserta.",
        "Kepala Dinas Tenaga Kerja dan Transmigrasi",
        required=True,
        max_length=80,
    ),
    SettingSpec(
        "cards.signer_name",
        _G.SIGNERS,
        "Nama penanda tangan kartu",
        "Nama pejabat di balik kartu peserta.",
        "Simon Soge",
        required=True,
        max_length=80,
    ),
    # BPJS & PKS.
    SettingSpec(
        "bpjs.branch_name",
        _G.BPJS,
        "Kantor cabang BPJS",
        "Nama lengkap kantor cabang yang melayani kabupaten/kota ini.",
        "BPJS Ketenagakerjaan Kantor Cabang Atambua",
        required=True,
        max_length=120,
    ),
    SettingSpec(
        "bpjs.branch_town",
        _G.BPJS,
        "Kota kantor cabang",
        "Mis. Atambua.",
        "Atambua",
        required=True,
        max_length=60,
    ),
    SettingSpec(
        "bpjs.branch_address",
        _G.BPJS,
        "Alamat kantor cabang",
        "Dicetak di PKS sebagai alamat pihak kedua.",
        "Atambua, Kabupaten Belu",
        required=True,
        max_length=160,
    ),
    SettingSpec(
        "bpjs.branch_phone",
        _G.BPJS,
        "Telepon kantor cabang",
        "Dicetak di balik kartu.",
        "",
        checks=(_phone,),
    ),
    SettingSpec(
        "bpjs.branch_head_name",
        _G.BPJS,
        "Nama kepala kantor cabang",
        "Penanda tangan PKS dari pihak BPJS; boleh diisi di formulir PKS.",
        "",
        max_length=80,
    ),
    SettingSpec(
        "bpjs.branch_head_position",
        _G.BPJS,
        "Jabatan kepala kantor cabang",
        "Mis. Kepala Kantor Cabang Atambua.",
        "Kepala Kantor Cabang Atambua",
        required=True,
        max_length=80,
    ),
    SettingSpec(
        "bpjs.branch_head_npk",
        _G.BPJS,
        "NPK kepala kantor cabang",
        "Nomor pokok karyawan BPJS; boleh kosong.",
        "",
        max_length=40,
    ),
    SettingSpec(
        "bpjs.branch_head_decree",
        _G.BPJS,
        "SK pengangkatan kepala kantor cabang",
        "Nomor keputusan Direksi yang mengangkatnya; boleh kosong.",
        "",
        max_length=120,
    ),
    SettingSpec(
        "agreement.first_party_address",
        _G.BPJS,
        "Alamat pihak pertama (PKS)",
        "Alamat pemerintah daerah di PKS, mis. Kantor Bupati Timor Tengah Utara, Kefamenanu.",
        "Kantor Bupati Timor Tengah Utara, Kefamenanu",
        required=True,
        max_length=160,
    ),
    SettingSpec(
        "agreement.months",
        _G.BPJS,
        "Jangka waktu PKS (bulan)",
        "Bawaan formulir PKS. Kosong: satu tahun anggaran, sampai 31 Desember (UU 17/2003 "
        "Pasal 4); lebih panjang dibebankan pada APBD setiap tahunnya.",
        "",
        max_length=2,
        checks=(_optional_months,),
    ),
    SettingSpec(
        "agreement.funding_sources",
        _G.BPJS,
        "Sumber dana yang dibayar PKS",
        "Kode dipisah koma: apbd_kab, apbd_prov, dana_desa, mandiri.",
        "apbd_kab",
        required=True,
        checks=(_funding_codes,),
    ),
    SettingSpec(
        "agreement.budget_code",
        _G.BPJS,
        "Kode rekening anggaran (DPA)",
        "Kode kegiatan/rekening belanja iuran di DPA; boleh kosong.",
        "",
        max_length=80,
    ),
    SettingSpec(
        "agreement.payment_due_day",
        _G.BPJS,
        "Tanggal jatuh tempo iuran",
        "Tanggal setiap bulan iuran dibayar (1-28).",
        "15",
        kind=Kind.WHOLE,
        minimum=1,
        maximum=28,
    ),
    SettingSpec(
        "agreement.court",
        _G.BPJS,
        "Pengadilan penyelesaian sengketa",
        "Mis. Pengadilan Negeri Kefamenanu.",
        "Pengadilan Negeri Kefamenanu",
        required=True,
        max_length=100,
    ),
    SettingSpec(
        "agreement.apbd_regulation_number",
        _G.BPJS,
        "Nomor Perda APBD",
        "Nomor Peraturan Daerah tentang APBD tahun anggaran pertama PKS, seperti dikutip di "
        "dasar hukum: mis. Nomor 12 Tahun 2024 untuk Tahun Anggaran 2025 (Perda APBD "
        "ditetapkan setahun sebelumnya, atau pada tahun itu untuk Perubahan APBD; tahun lain "
        "ditolak). Wajib sebelum PKS diterbitkan; boleh diisi "
        "di formulir PKS. (Daftar dasar hukum ada di templat PKS.)",
        "",
        max_length=80,
    ),
    SettingSpec(
        "agreement.payment_due_month",
        _G.BPJS,
        "Bulan jatuh tempo iuran",
        "Iuran bulan mana yang jatuh tempo pada tanggal jatuh tempo: bulan itu sendiri "
        "(dibayar di muka, seperti iuran BPU) atau bulan berikutnya.",
        "berjalan",
        kind=Kind.CHOICE,
        choices=(("berjalan", "Bulan berjalan"), ("berikutnya", "Bulan berikutnya")),
    ),
    # Kartu.
    SettingSpec(
        "cards.programme_title",
        _G.CARDS,
        "Judul program di kartu",
        "Baris judul di muka kartu.",
        "Jaminan Sosial Ketenagakerjaan — Pekerja Rentan",
        required=True,
        max_length=80,
    ),
    SettingSpec(
        "cards.accident_steps",
        _G.CARDS,
        "Langkah bila kecelakaan kerja",
        "Satu langkah per baris, dicetak di balik kartu; kosong: langkah bawaan.",
        "",
        kind=Kind.LONG_TEXT,
        max_length=1000,
    ),
    SettingSpec(
        "cards.death_steps",
        _G.CARDS,
        "Langkah bila peserta meninggal",
        "Satu langkah per baris, dicetak di balik kartu; kosong: langkah bawaan.",
        "",
        kind=Kind.LONG_TEXT,
        max_length=1000,
    ),
    SettingSpec(
        "cards.disclaimer",
        _G.CARDS,
        "Catatan kaki kartu",
        "Kalimat pendek di balik kartu.",
        "Kartu informasi Pemerintah Daerah; bukan kartu resmi BPJS Ketenagakerjaan.",
        max_length=160,
    ),
    # Penomoran surat.
    SettingSpec(
        "numbering.pattern",
        _G.NUMBERING,
        "Pola nomor surat",
        "Isian: {klasifikasi} {nomor} {unit} {bulan_romawi} {bulan} {tahun}; wajib {nomor}.",
        "{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}",
        required=True,
        checks=(_number_pattern,),
    ),
    SettingSpec(
        "numbering.unit_code",
        _G.NUMBERING,
        "Kode unit pengolah",
        "Singkatan kantor di nomor surat, mis. Nakertrans.",
        "Nakertrans",
        required=True,
        max_length=40,
    ),
    SettingSpec(
        "numbering.series",
        _G.NUMBERING,
        "Nama urutan nomor surat",
        "Surat dengan urutan yang sama berbagi satu nomor urut per tahun.",
        "surat",
        required=True,
        max_length=20,
    ),
    SettingSpec(
        "numbering.regional_head.unit_code",
        _G.NUMBERING,
        "Kode unit surat kepala daerah",
        "Kode unit di nomor surat yang ditandatangani Bupati/Wali Kota: naskah dinas kepala "
        "daerah, dinomori atas nama Sekretariat Daerah, bukan kantor ini (mis. Setda).",
        "Setda",
        required=True,
        max_length=40,
    ),
    SettingSpec(
        "numbering.regional_head.series",
        _G.NUMBERING,
        "Urutan nomor surat kepala daerah",
        "Surat yang ditandatangani kepala daerah memakai urutan nomornya sendiri per tahun, "
        "agar nomor urut surat kantor tidak berlubang.",
        "bupati",
        required=True,
        max_length=20,
    ),
    *(spec for kind, label, code in _LETTER_KINDS for spec in _kind_numbering(kind, label, code)),
    SettingSpec(
        "numbering.pks.pattern",
        _G.NUMBERING,
        "Pola nomor PKS",
        "Seperti pola nomor surat; wajib {nomor}.",
        "{klasifikasi}/{nomor}/PKS/{unit}/{bulan_romawi}/{tahun}",
        required=True,
        checks=(_number_pattern,),
    ),
    SettingSpec(
        "numbering.pks.series",
        _G.NUMBERING,
        "Nama urutan nomor PKS",
        "PKS memakai urutan nomornya sendiri.",
        "pks",
        required=True,
        max_length=20,
    ),
    # Klaim. What the domain notes mark likely or unconfirmed is a setting.
    SettingSpec(
        "claims.jkk_report_hours",
        _G.CLAIMS,
        "Batas laporan pertama JKK (jam)",
        "Kecelakaan kerja dilaporkan ke BPJS paling lambat sekian jam setelah kejadian.",
        "48",
        kind=Kind.WHOLE,
        minimum=1,
        maximum=720,
    ),
    SettingSpec(
        "claims.jkk_lapse_months",
        _G.CLAIMS,
        "Daluwarsa klaim JKK (bulan)",
        "Hak menuntut manfaat JKK gugur sekian bulan sejak kecelakaan kerja terjadi atau "
        "penyakit akibat kerja didiagnosis: 60 bulan (5 tahun) menurut PP 82/2019 Pasal 26, "
        "yang mengubah batas 2 tahun dalam PP 44/2015.",
        "60",
        kind=Kind.WHOLE,
        minimum=1,
        maximum=120,
    ),
    SettingSpec(
        "claims.jkm_lapse_months",
        _G.CLAIMS,
        "Daluwarsa klaim JKM (bulan)",
        "Hak klaim JKM gugur sekian bulan setelah meninggal. 0 = tidak ada batas yang "
        "diketahui: tidak ada tanggal batas pada klaim maupun tanda terima. Isi hanya bila "
        "KC BPJS Ketenagakerjaan atau peraturan menyebutkan batasnya.",
        "0",
        kind=Kind.WHOLE,
        minimum=0,
        maximum=120,
    ),
    SettingSpec(
        "claims.jkm_reduced_months",
        _G.CLAIMS,
        "Masa iur JKM untuk santunan penuh (bulan)",
        "Kurang dari sekian bulan kepesertaan: santunan JKM dikurangi.",
        "3",
        kind=Kind.WHOLE,
        minimum=0,
        maximum=60,
    ),
    SettingSpec(
        "claims.scholarship_min_years",
        _G.CLAIMS,
        "Masa iur untuk beasiswa (tahun)",
        "Beasiswa anak setelah sekian tahun kepesertaan.",
        "3",
        kind=Kind.WHOLE,
        minimum=0,
        maximum=30,
    ),
    SettingSpec(
        "claims.jkk_scholarship_needs_min_years",
        _G.CLAIMS,
        "Beasiswa JKK juga perlu masa iur",
        "Ya: beasiswa anak karena kecelakaan kerja juga menunggu masa iur di atas. Bawaan "
        "tidak: PP 82/2019 (Pasal 25 ayat (1) huruf d jo. Lampiran) memberi beasiswa JKK "
        "kepada anak peserta yang meninggal atau cacat total tetap karena kecelakaan kerja "
        "tanpa masa iur; syarat paling singkat 3 tahun hanya untuk JKM (Pasal 34). Berlaku "
        "untuk kejadian mulai tanggal di bawah.",
        "tidak",
        kind=Kind.YES_NO,
        choices=_YES_NO,
    ),
    SettingSpec(
        "claims.jkk_scholarship_needs_min_years_from",
        _G.CLAIMS,
        "Aturan masa iur beasiswa JKK berlaku mulai",
        "Tanggal kejadian mulai berlakunya pilihan di atas (PP 82/2019 berlaku 2 Desember "
        "2019); untuk kejadian sebelumnya aplikasi tidak memuat aturan beasiswa JKK (tanyakan "
        "ke BPJS Ketenagakerjaan).",
        "2019-12-02",
        required=True,
        max_length=10,
        checks=(_iso_date,),
    ),
    SettingSpec(
        "claims.jkk_scholarship_total_disability",
        _G.CLAIMS,
        "Cacat total tetap JKK membuka beasiswa",
        "Ya: cacat total tetap karena kecelakaan kerja juga membuka beasiswa anak (PP 82/2019, "
        "Permenaker 5/2021; keterangan BPJS 2021-2024). Berlaku untuk kejadian mulai tanggal "
        "di bawah (PP 82/2019 berlaku 2 Desember 2019).",
        "ya",
        kind=Kind.YES_NO,
        choices=_YES_NO,
    ),
    SettingSpec(
        "claims.jkk_scholarship_total_disability_from",
        _G.CLAIMS,
        "Beasiswa karena cacat total tetap berlaku mulai",
        "Tanggal kejadian mulai berlakunya pilihan di atas; untuk kejadian sebelumnya "
        "aplikasi tidak memuat aturan beasiswa karena cacat total tetap (tanyakan ke BPJS "
        "Ketenagakerjaan).",
        "2019-12-02",
        required=True,
        max_length=10,
        checks=(_iso_date,),
    ),
    SettingSpec(
        "claims.scholarship_max_children",
        _G.CLAIMS,
        "Jumlah anak penerima beasiswa",
        "Paling banyak sekian anak.",
        "2",
        kind=Kind.WHOLE,
        minimum=0,
        maximum=10,
    ),
    SettingSpec(
        "claims.scholarship_max_age",
        _G.CLAIMS,
        "Batas usia anak penerima beasiswa",
        "Beasiswa sampai anak berusia sekian tahun.",
        "23",
        kind=Kind.WHOLE,
        minimum=1,
        maximum=30,
    ),
    SettingSpec(
        "claims.scholarship_cap",
        _G.CLAIMS,
        "Batas beasiswa (Rp)",
        "Jumlah beasiswa paling banyak untuk semua anak.",
        "174000000",
        kind=Kind.MONEY,
        minimum=0,
    ),
    SettingSpec(
        "claims.npwp_required",
        _G.CLAIMS,
        "NPWP penerima diminta",
        "Ya: NPWP penerima diminta bila manfaat melebihi batas di bawah. Bawaan tidak: batas "
        "Rp50.000.000 berasal dari pajak atas pembayaran JHT (PP 68/2009); santunan JKK dan "
        "JKM adalah pembayaran asuransi karena kecelakaan atau meninggal, bukan objek PPh "
        "(UU PPh Pasal 4 ayat (3) huruf e), jadi tidak menahan berkas.",
        "tidak",
        kind=Kind.YES_NO,
        choices=_YES_NO,
    ),
    SettingSpec(
        "claims.npwp_threshold",
        _G.CLAIMS,
        "Batas manfaat yang meminta NPWP (Rp)",
        "Bila NPWP diminta (pilihan di atas): manfaat di atas jumlah ini meminta NPWP ahli waris.",
        "50000000",
        kind=Kind.MONEY,
        minimum=0,
    ),
    SettingSpec(
        "claims.default_reported_income",
        _G.CLAIMS,
        "Upah dilaporkan bawaan (Rp)",
        "Dasar perhitungan manfaat bila upah peserta tidak tercatat.",
        "1000000",
        kind=Kind.MONEY,
        minimum=1,
    ),
    SettingSpec(
        "claims.waiting_documents_days",
        _G.CLAIMS,
        "Berkas menunggu lama (hari)",
        "Klaim yang menunggu dokumen lebih lama ditandai di daftar klaim.",
        "14",
        kind=Kind.WHOLE,
        minimum=1,
        maximum=365,
    ),
    SettingSpec(
        "claims.attachment_max_mb",
        _G.CLAIMS,
        "Ukuran pindaian paling besar (MB)",
        "Batas ukuran satu berkas pindaian dokumen klaim.",
        "5",
        kind=Kind.WHOLE,
        minimum=1,
        maximum=50,
    ),
    # Iuran.
    SettingSpec(
        "premium.partial_month",
        _G.PREMIUM,
        "Bulan yang tidak penuh",
        "Peserta yang masuk atau keluar di tengah bulan dihitung untuk bulan itu atau tidak.",
        "full",
        kind=Kind.CHOICE,
        choices=(("full", "Dihitung sebulan penuh"), ("none", "Tidak dihitung")),
    ),
    SettingSpec(
        "premium.bpjs_account",
        _G.PREMIUM,
        "Rekening tujuan pembayaran iuran",
        "Bank, nomor dan nama rekening BPJS Ketenagakerjaan, dicetak di pasal pembayaran "
        "PKS; wajib sebelum PKS diterbitkan (boleh diisi di formulir PKS). Surat pembayaran "
        "iuran memakai rekening yang tercantum di PKS yang berlaku; rekening ini hanya bila "
        "tidak ada PKS yang berlaku.",
        "",
        max_length=160,
    ),
    # Cadangan.
    SettingSpec(
        "backup.folder",
        _G.BACKUP,
        "Folder cadangan",
        "Sebaiknya di diska lepas atau folder server; kosong: folder backups di folder data.",
        "",
        max_length=400,
        checks=(_folder,),
    ),
    SettingSpec(
        "backup.keep",
        _G.BACKUP,
        "Jumlah cadangan yang disimpan",
        "Cadangan yang lebih lama dihapus.",
        "14",
        kind=Kind.WHOLE,
        minimum=1,
        maximum=365,
    ),
    # Laporan & ekspor.
    SettingSpec(
        "report.detail_limit",
        _G.REPORTS,
        "Rincian per pemeriksaan mutu data",
        "Paling banyak sekian peserta dirinci per pemeriksaan di laporan.",
        "1000",
        kind=Kind.WHOLE,
        minimum=10,
        maximum=100000,
    ),
    SettingSpec(
        "export.bpjs_columns",
        _G.REPORTS,
        "Kolom daftar pendaftaran BPJS",
        "Kode kolom dipisah koma; kosong: kolom bawaan formulir BPJS.",
        "",
        max_length=600,
        checks=(_export_columns,),
    ),
    SettingSpec(
        "export.bpjs_program",
        _G.REPORTS,
        "Program di daftar pendaftaran BPJS",
        "Isi kolom program, mis. JKK, JKM.",
        "JKK, JKM",
        required=True,
        max_length=40,
    ),
    SettingSpec(
        "import.approval_threshold",
        _G.REPORTS,
        "Impor besar perlu persetujuan (baris)",
        "Impor yang menulis lebih dari sekian baris menunggu persetujuan verifikator.",
        "1000",
        kind=Kind.WHOLE,
        minimum=1,
        maximum=1_000_000,
    ),
)

SPECS: dict[str, SettingSpec] = {s.key: s for s in CATALOG}
DEFAULTS: dict[str, str] = {s.key: s.default for s in CATALOG}

_YES_WORDS = {"ya", "y", "yes", "true", "1"}
_NO_WORDS = {"tidak", "t", "no", "false", "0"}


def spec(key: str) -> SettingSpec | None:
    return SPECS.get(key)


def where(key: str) -> str:
    """The place of a setting in the Pengaturan menu, for messages."""
    found = SPECS.get(key)
    return found.place if found else f"pengaturan {key}"


def yes(value: str) -> bool | None:
    """A yes/no setting as a bool; None when it is neither."""
    word = value.strip().lower()
    if word in _YES_WORDS:
        return True
    if word in _NO_WORDS:
        return False
    return None


def whole(value: str) -> int | None:
    """A whole number as a clerk types it ("174.000.000", "Rp 5"); None when it is not one."""
    raw = value.strip().lower().removeprefix("rp").replace(".", "").replace(" ", "")
    return int(raw) if raw.isdigit() else None


def normalize(key: str, value: str) -> str:
    """The value as it is stored: trimmed, numbers without separators, yes/no as ya/tidak."""
    found = SPECS.get(key)
    text = value.replace("\r\n", "\n").strip()
    if found is None:
        return text
    if found.kind in (Kind.WHOLE, Kind.MONEY):
        number = whole(text)
        return str(number) if number is not None else text
    if found.kind is Kind.YES_NO:
        flag = yes(text)
        return text if flag is None else ("ya" if flag else "tidak")
    if found.kind is Kind.CHOICE:
        return text.lower()
    if found.kind is Kind.LONG_TEXT:
        return "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return text


def problem(key: str, value: str) -> Problem | None:
    """What is wrong with this value of the setting (normalised first); None when it is good."""
    found = SPECS.get(key)
    if found is None:
        return Problem("setting_unknown", key, f"Pengaturan '{key}' tidak dikenal.")
    message = field_message(key, value)
    return Problem("setting_invalid", key, f"{found.label}: {message}") if message else None


def field_message(key: str, value: str) -> str | None:
    """The message under the setting's field in the form; None when the value is good."""
    return _message(SPECS[key], normalize(key, value))


def _message(found: SettingSpec, text: str) -> str | None:
    if not text:
        if found.required or found.kind not in (Kind.TEXT, Kind.LONG_TEXT):
            return "Wajib diisi."
        return None
    if found.kind in (Kind.WHOLE, Kind.MONEY):
        number = whole(text)
        if number is None:
            return "Isi dengan bilangan bulat, tanpa huruf."
        if found.minimum is not None and number < found.minimum:
            return f"Paling kecil {thousands(found.minimum)}."
        if found.maximum is not None and number > found.maximum:
            return f"Paling besar {thousands(found.maximum)}."
        return None
    if found.kind is Kind.YES_NO:
        return None if yes(text) is not None else "Isi 'ya' atau 'tidak'."
    if found.kind is Kind.CHOICE:
        allowed = [value for value, _ in found.choices]
        return None if text in allowed else f"Pilih salah satu: {', '.join(allowed)}."
    if len(text) > found.max_length:
        return f"Terlalu panjang ({len(text)} huruf; paling banyak {found.max_length})."
    if found.kind is Kind.TEXT and "\n" in text:
        return "Tulis dalam satu baris."
    for check in found.checks:
        message = check(text)
        if message:
            return message
    return None
