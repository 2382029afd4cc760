"""The agreement's wording: the subject, the recitals and the articles, as an editable
template (see ``services.documents.templates`` for the format). The usual structure of
a PKS between a Pemda and a BPJS Ketenagakerjaan branch (domain README, section 7);
no signed TTU agreement is public, so the office adapts it and the app keeps the edit."""

from __future__ import annotations

from services.documents.templates import TemplateSpec
from services.settings.catalog import where

DEFAULT = """\
[tentang]
PELINDUNGAN JAMINAN SOSIAL KETENAGAKERJAAN BAGI PEKERJA RENTAN DI {kabupaten_kapital}

[pertimbangan]
- bahwa pekerja rentan di {kabupaten}, antara lain petani, nelayan, peternak, pedagang kecil,
  pengemudi ojek, dan penduduk miskin ekstrem, menghadapi risiko kecelakaan kerja dan kematian
  tanpa pelindungan jaminan sosial;
- bahwa Pemerintah {kabupaten} berkomitmen membayar iuran program Jaminan Kecelakaan Kerja dan
  Jaminan Kematian bagi pekerja rentan melalui Anggaran Pendapatan dan Belanja Daerah;
- bahwa BPJS Ketenagakerjaan adalah badan hukum publik yang menyelenggarakan program jaminan
  sosial ketenagakerjaan sesuai dengan peraturan perundang-undangan;
- bahwa berdasarkan pertimbangan sebagaimana dimaksud di atas, PARA PIHAK sepakat untuk
  menuangkan kerja sama dalam suatu Perjanjian Kerja Sama.

[dasar_hukum]
- Undang-Undang Nomor 17 Tahun 2003 tentang Keuangan Negara
- Undang-Undang Nomor 40 Tahun 2004 tentang Sistem Jaminan Sosial Nasional sebagaimana telah
  diubah dengan Undang-Undang Nomor 4 Tahun 2023 tentang Pengembangan dan Penguatan Sektor
  Keuangan dan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah
  Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang
- Undang-Undang Nomor 24 Tahun 2011 tentang Badan Penyelenggara Jaminan Sosial sebagaimana
  telah diubah dengan Undang-Undang Nomor 4 Tahun 2023 tentang Pengembangan dan Penguatan
  Sektor Keuangan dan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan Pemerintah
  Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi Undang-Undang
- Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa
  kali diubah terakhir dengan Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Peraturan
  Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022 tentang Cipta Kerja menjadi
  Undang-Undang
- Undang-Undang Nomor 10 Tahun 2020 tentang Bea Meterai
- Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi
- Peraturan Pemerintah Nomor 44 Tahun 2015 tentang Penyelenggaraan Program Jaminan Kecelakaan
  Kerja dan Jaminan Kematian sebagaimana telah beberapa kali diubah terakhir dengan Peraturan
  Pemerintah Nomor 49 Tahun 2023 tentang Perubahan Kedua atas Peraturan Pemerintah Nomor 44
  Tahun 2015 tentang Penyelenggaraan Program Jaminan Kecelakaan Kerja dan Jaminan Kematian
- Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah
- Peraturan Menteri Ketenagakerjaan Nomor 5 Tahun 2021 tentang Tata Cara Penyelenggaraan
  Program Jaminan Kecelakaan Kerja, Jaminan Kematian, dan Jaminan Hari Tua
- Instruksi Presiden Nomor 2 Tahun 2021 tentang Optimalisasi Pelaksanaan Program Jaminan Sosial
  Ketenagakerjaan
- Instruksi Presiden Nomor 4 Tahun 2022 tentang Percepatan Penghapusan Kemiskinan Ekstrem
- {perda_apbd}

[pasal]
== KETENTUAN UMUM
Dalam Perjanjian Kerja Sama ini yang dimaksud dengan:
- Perjanjian adalah Perjanjian Kerja Sama ini beserta lampirannya;
- Pekerja Rentan adalah pekerja bukan penerima upah di {kabupaten} yang berpenghasilan rendah dan
  ditetapkan sebagai peserta yang iurannya dibayar oleh PIHAK PERTAMA;
- Peserta adalah Pekerja Rentan yang didaftarkan oleh PIHAK PERTAMA dan tercatat sebagai peserta
  program Jaminan Kecelakaan Kerja dan Jaminan Kematian pada PIHAK KEDUA;
- Iuran adalah sejumlah uang yang dibayar secara teratur oleh PIHAK PERTAMA kepada PIHAK KEDUA
  untuk setiap Peserta;
- Penghasilan yang Dilaporkan adalah penghasilan sebulan setiap Peserta yang menjadi dasar
  perhitungan Iuran dan manfaat;
- Jaminan Kecelakaan Kerja yang selanjutnya disingkat JKK dan Jaminan Kematian yang selanjutnya
  disingkat JKM adalah program jaminan sosial ketenagakerjaan sebagaimana diatur dalam peraturan
  perundang-undangan;
- Tahun Anggaran adalah masa 1 (satu) tahun mulai dari tanggal 1 Januari sampai dengan tanggal
  31 Desember.

== MAKSUD DAN TUJUAN
* Maksud Perjanjian ini adalah sebagai pedoman bagi PARA PIHAK dalam melaksanakan pelindungan
  jaminan sosial ketenagakerjaan bagi Pekerja Rentan di {kabupaten}.
* Tujuan Perjanjian ini adalah memberikan pelindungan kepada Peserta dan ahli warisnya atas
  risiko kecelakaan kerja dan kematian.

== RUANG LINGKUP
Ruang lingkup Perjanjian ini meliputi:
- pendaftaran Peserta;
- pembayaran Iuran;
- pelayanan klaim manfaat JKK dan JKM;
- sosialisasi program kepada Pekerja Rentan dan perangkat desa; dan
- pertukaran dan rekonsiliasi data Peserta.

== PESERTA DAN PROGRAM
* Peserta dalam Perjanjian ini berjumlah {jumlah_peserta} orang Pekerja Rentan, dengan rincian
  per kecamatan sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan dari
  Perjanjian ini.
* Peserta didaftarkan dalam segmen Bukan Penerima Upah pada program JKK dan JKM.
* Perubahan jumlah dan data Peserta disampaikan oleh PIHAK PERTAMA kepada PIHAK KEDUA secara
  tertulis dan dicatat dalam rekonsiliasi data setiap bulan.

== IURAN DAN NILAI PERJANJIAN
* Iuran JKK dan JKM setiap Peserta dihitung berdasarkan Penghasilan yang Dilaporkan sebesar
  {penghasilan_dilaporkan} per bulan.
* Iuran setiap Peserta per bulan terdiri atas iuran JKK sebesar {iuran_jkk} dan iuran JKM sebesar
  {iuran_jkm}, sehingga berjumlah {iuran_per_orang}.
* Nilai Iuran setiap bulan sebesar {nilai_bulanan}.
* Nilai Perjanjian untuk {jumlah_bulan} bulan sebesar **{nilai_total}**.
* Biaya sebagaimana dimaksud pada ayat (4) dibebankan pada {pembebanan_anggaran}.

== TATA CARA PEMBAYARAN
* PIHAK KEDUA menyampaikan surat tagihan Iuran kepada PIHAK PERTAMA setiap bulan berdasarkan
  jumlah Peserta hasil rekonsiliasi data.
* Iuran untuk setiap bulan dibayar oleh PIHAK PERTAMA paling lambat tanggal {tanggal_jatuh_tempo}
  {bulan_jatuh_tempo}; Iuran bulan {bulan_pertama} dibayar paling lambat tanggal
  {jatuh_tempo_pertama}.
* Pembayaran Iuran dilakukan melalui transfer ke rekening PIHAK KEDUA {rekening_bpjs}.
* Dalam hal Iuran tidak dibayar sampai dengan batas waktu sebagaimana dimaksud pada ayat (2),
  pelindungan Peserta dapat dihentikan sementara sesuai dengan peraturan perundang-undangan
  sampai Iuran dibayar.

== HAK DAN KEWAJIBAN PIHAK PERTAMA
* PIHAK PERTAMA berhak:
- menerima data kepesertaan, laporan pembayaran Iuran, dan laporan klaim dari PIHAK KEDUA;
- mendapatkan sosialisasi dan pendampingan program dari PIHAK KEDUA.
* PIHAK PERTAMA berkewajiban:
- menetapkan dan mendaftarkan Peserta dengan data yang benar dan lengkap;
- membayar Iuran tepat waktu sesuai dengan Perjanjian ini;
- membantu Peserta dan ahli warisnya dalam pengurusan klaim.

== HAK DAN KEWAJIBAN PIHAK KEDUA
* PIHAK KEDUA berhak menerima pembayaran Iuran dari PIHAK PERTAMA sesuai dengan Perjanjian ini.
* PIHAK KEDUA berkewajiban:
- mencatat Peserta dan menerbitkan nomor kepesertaan;
- membayar manfaat JKK dan JKM kepada Peserta atau ahli warisnya sesuai dengan peraturan
  perundang-undangan;
- menyampaikan laporan kepesertaan, Iuran, dan klaim kepada PIHAK PERTAMA setiap bulan;
- melaksanakan sosialisasi program bersama PIHAK PERTAMA.

== PERTUKARAN DATA DAN KERAHASIAAN
* PARA PIHAK saling bertukar data Peserta untuk keperluan pendaftaran, pembayaran Iuran,
  pelayanan klaim, dan rekonsiliasi.
* PARA PIHAK wajib menjaga kerahasiaan data pribadi Peserta dan menggunakannya hanya untuk
  pelaksanaan Perjanjian ini sesuai dengan Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan
  Data Pribadi.

== PELAPORAN DAN EVALUASI
* PIHAK KEDUA menyampaikan laporan pelaksanaan Perjanjian kepada PIHAK PERTAMA setiap bulan.
* PARA PIHAK melakukan evaluasi pelaksanaan Perjanjian paling sedikit setiap 6 (enam) bulan.

== JANGKA WAKTU
Perjanjian ini berlaku selama {jumlah_bulan} bulan terhitung sejak tanggal {masa_mulai} sampai
dengan tanggal {masa_akhir}, dan dapat diperpanjang berdasarkan kesepakatan PARA PIHAK yang
dituangkan dalam adendum atau perjanjian baru.

== PENGAKHIRAN
* Perjanjian ini berakhir apabila:
- jangka waktu sebagaimana dimaksud dalam {pasal_jangka_waktu} berakhir;
- PARA PIHAK sepakat mengakhirinya secara tertulis;
- salah satu pihak tidak melaksanakan kewajibannya setelah diberi teguran tertulis 2 (dua) kali
  berturut-turut dengan selang waktu masing-masing 14 (empat belas) hari; atau
- terdapat ketentuan peraturan perundang-undangan yang menyebabkan Perjanjian tidak dapat
  dilaksanakan.
* Pihak yang hendak mengakhiri Perjanjian sebelum jangka waktunya berakhir memberitahukan
  secara tertulis kepada pihak lainnya paling lambat 30 (tiga puluh) hari sebelumnya.
* Berakhirnya Perjanjian tidak menghapus kewajiban PIHAK PERTAMA membayar Iuran untuk bulan
  yang telah berjalan dan kewajiban PIHAK KEDUA membayar manfaat atas kecelakaan kerja atau
  kematian yang terjadi selama Peserta terlindungi.

== KEADAAN KAHAR
* Keadaan kahar adalah keadaan di luar kemampuan PARA PIHAK, antara lain bencana alam, wabah
  penyakit yang ditetapkan oleh Pemerintah, kerusuhan, perang, dan gangguan sistem perbankan
  nasional, yang mengakibatkan Perjanjian tidak dapat dilaksanakan.
* Pihak yang mengalami keadaan kahar memberitahukan secara tertulis kepada pihak lainnya paling
  lambat 14 (empat belas) hari sejak terjadinya keadaan kahar.
* Kekurangan anggaran, perubahan kebijakan keuangan, atau keterlambatan proses anggaran PIHAK
  PERTAMA bukan merupakan keadaan kahar, dan keadaan kahar tidak membebaskan PIHAK PERTAMA dari
  kewajiban membayar Iuran yang telah jatuh tempo.

== PEMBERITAHUAN
* Setiap pemberitahuan dalam pelaksanaan Perjanjian ini dibuat secara tertulis dan disampaikan
  langsung, melalui pos, atau melalui surat elektronik resmi ke alamat berikut:
- PIHAK PERTAMA: {alamat_pihak_pertama};
- PIHAK KEDUA: {alamat_pihak_kedua}.
* Perubahan alamat diberitahukan secara tertulis kepada pihak lainnya paling lambat 7 (tujuh)
  hari sejak perubahan.

== PENYELESAIAN PERSELISIHAN
* Perselisihan yang timbul dalam pelaksanaan Perjanjian ini diselesaikan secara musyawarah untuk
  mufakat.
* Dalam hal musyawarah tidak mencapai mufakat, PARA PIHAK sepakat menyelesaikannya melalui
  {pengadilan}.

== PERUBAHAN
Hal-hal yang belum diatur atau perubahan Perjanjian ini diatur dalam adendum yang disepakati
PARA PIHAK dan merupakan bagian tidak terpisahkan dari Perjanjian ini.

== PENUTUP
Perjanjian ini dibuat dalam rangkap 2 (dua) asli, masing-masing bermeterai Rp10.000,00 (sepuluh
ribu rupiah) sesuai dengan Undang-Undang Nomor 10 Tahun 2020 tentang Bea Meterai dan mempunyai
kekuatan hukum yang sama, satu untuk PIHAK PERTAMA dan satu untuk PIHAK KEDUA, serta mulai
berlaku sejak tanggal {masa_mulai}.
"""

SPEC = TemplateSpec(
    key="agreement",
    label="Perjanjian kerja sama (pasal-pasal)",
    default=DEFAULT,
    sections=("tentang", "pertimbangan", "pasal"),
    # [dasar_hukum] came later: a stored copy without it takes the default list.
    optional_sections=("dasar_hukum",),
    placeholders={
        "kabupaten": "mis. Kabupaten Timor Tengah Utara",
        "kabupaten_kapital": "mis. KABUPATEN TIMOR TENGAH UTARA",
        "cabang_bpjs": "mis. BPJS Ketenagakerjaan Kantor Cabang Atambua",
        "kota": "tempat perjanjian, mis. Kefamenanu",
        "jumlah_peserta": "mis. 14.880 (empat belas ribu delapan ratus delapan puluh)",
        "iuran_jkk": "iuran JKK per orang per bulan, mis. Rp10.000,00 (sepuluh ribu rupiah)",
        "iuran_jkm": "iuran JKM per orang per bulan",
        "iuran_per_orang": "JKK + JKM per orang per bulan",
        "nilai_bulanan": "nilai iuran sebulan dengan angka dan huruf",
        "nilai_total": "nilai perjanjian dengan angka dan huruf",
        "jumlah_bulan": "mis. 12 (dua belas)",
        "masa_mulai": "mis. 1 Juli 2025",
        "masa_akhir": "mis. 30 Juni 2026",
        "tahun_anggaran": "tahun anggaran awal masa perjanjian",
        "kode_rekening": "kode rekening belanja (DPA)",
        "pembebanan_anggaran": "APBD tahun anggaran mana (per tahun bila lebih dari satu) "
        "dengan kode rekening",
        "penghasilan_dilaporkan": "dasar perhitungan iuran, mis. Rp1.000.000,00 (satu juta rupiah)",
        "tanggal_jatuh_tempo": "mis. 15 (lima belas)",
        "bulan_jatuh_tempo": "bulan yang bersangkutan / bulan berikutnya",
        "bulan_pertama": "bulan pertama masa perjanjian, mis. Juli 2025",
        "jatuh_tempo_pertama": "batas bayar iuran bulan pertama, mis. 15 Juli 2025",
        "rekening_bpjs": f"rekening BPJS ({where('premium.bpjs_account')})",
        "alamat_pihak_pertama": "alamat kantor PIHAK PERTAMA",
        "alamat_pihak_kedua": "alamat kantor PIHAK KEDUA",
        "perda_apbd": "Peraturan Daerah tentang APBD tahun anggaran awal, dengan nomornya",
        "pengadilan": "mis. Pengadilan Negeri Kefamenanu",
        "pasal_jangka_waktu": "nomor pasal berjudul JANGKA WAKTU, mis. Pasal 11 (dihitung dari "
        "urutan pasal, jadi tetap benar bila pasal ditambah atau dihapus)",
    },
)


def article_reference(articles: str, title: str) -> str:
    """ "Pasal 11" for the article of that title in the [pasal] section, counted as the
    agreement numbers them; a cross-reference in legal text names the article by its
    number. Without such an article, the words "pasal tentang …" instead."""
    number = 0
    for line in articles.splitlines():
        if line.startswith("== "):
            number += 1
            if " ".join(line[3:].split()).upper() == title.upper():
                return f"Pasal {number}"
    return f"pasal tentang {title.lower()}"
