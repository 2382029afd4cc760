"""The agreement's wording: the subject, the recitals and the articles, as an editable
template (see ``services.documents.templates`` for the format). The usual structure of
a PKS between a Pemda and a BPJS Ketenagakerjaan branch (domain README, section 7);
no signed TTU agreement is public, so the office adapts it and the app keeps the edit."""

from __future__ import annotations

from services.documents.templates import TemplateSpec

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
- Jaminan Kecelakaan Kerja yang selanjutnya disingkat JKK dan Jaminan Kematian yang selanjutnya
  disingkat JKM adalah program jaminan sosial ketenagakerjaan sebagaimana diatur dalam peraturan
  perundang-undangan.

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
* Iuran setiap Peserta per bulan terdiri atas iuran JKK sebesar {iuran_jkk} dan iuran JKM sebesar
  {iuran_jkm}, sehingga berjumlah {iuran_per_orang}.
* Nilai Iuran setiap bulan sebesar {nilai_bulanan}.
* Nilai Perjanjian untuk {jumlah_bulan} bulan sebesar **{nilai_total}**.
* Biaya sebagaimana dimaksud pada ayat (3) dibebankan pada Anggaran Pendapatan dan Belanja
  Daerah {kabupaten} Tahun Anggaran {tahun_anggaran}, kode rekening {kode_rekening}.

== TATA CARA PEMBAYARAN
* PIHAK KEDUA menyampaikan surat tagihan Iuran kepada PIHAK PERTAMA setiap bulan berdasarkan
  jumlah Peserta hasil rekonsiliasi data.
* PIHAK PERTAMA membayar Iuran paling lambat tanggal {tanggal_jatuh_tempo} setiap bulan melalui
  transfer ke rekening PIHAK KEDUA.
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
dengan tanggal {masa_akhir}, dan dapat diperpanjang berdasarkan kesepakatan PARA PIHAK.

== KEADAAN KAHAR
* Keadaan kahar adalah keadaan di luar kemampuan PARA PIHAK, antara lain bencana alam, wabah,
  kerusuhan, dan kebijakan pemerintah di bidang keuangan, yang mengakibatkan Perjanjian tidak
  dapat dilaksanakan.
* Pihak yang mengalami keadaan kahar memberitahukan secara tertulis kepada pihak lainnya paling
  lambat 14 (empat belas) hari sejak terjadinya keadaan kahar.

== PENYELESAIAN PERSELISIHAN
* Perselisihan yang timbul dalam pelaksanaan Perjanjian ini diselesaikan secara musyawarah untuk
  mufakat.
* Dalam hal musyawarah tidak mencapai mufakat, PARA PIHAK sepakat menyelesaikannya melalui
  {pengadilan}.

== PERUBAHAN
Hal-hal yang belum diatur atau perubahan Perjanjian ini diatur dalam addendum yang disepakati
PARA PIHAK dan merupakan bagian tidak terpisahkan dari Perjanjian ini.

== PENUTUP
Perjanjian ini dibuat dalam rangkap 2 (dua) asli, masing-masing dibubuhi meterai cukup dan
mempunyai kekuatan hukum yang sama, satu untuk PIHAK PERTAMA dan satu untuk PIHAK KEDUA, serta
berlaku sejak ditandatangani oleh PARA PIHAK.
"""

SPEC = TemplateSpec(
    key="agreement",
    label="Perjanjian kerja sama (pasal-pasal)",
    default=DEFAULT,
    sections=("tentang", "pertimbangan", "pasal"),
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
        "tahun_anggaran": "tahun mulai berlaku",
        "kode_rekening": "kode rekening belanja (DPA)",
        "tanggal_jatuh_tempo": "mis. 15 (lima belas)",
        "pengadilan": "mis. Pengadilan Negeri Kefamenanu",
    },
)
