"""Office-wide settings stored in the database, with the district's defaults."""

from __future__ import annotations

from sqlalchemy import select

from models import Setting
from models.base import utc_now
from services.context import ServiceContext
from services.errors import NotFoundError
from services.permissions import Permission
from services.unit_of_work import read_session, unit_of_work

# Officials' names and office details change: they are settings, never constants.
DEFAULTS: dict[str, str] = {
    "district.kabupaten_code": "53.03",
    "district.kabupaten_name": "Kabupaten Timor Tengah Utara",
    "district.capital": "Kefamenanu",
    "district.province_name": "Nusa Tenggara Timur",
    "office.name": "Dinas Tenaga Kerja dan Transmigrasi",
    "office.address": "Jl. Basuki Rahmat, Kefamenanu",
    "office.phone": "",
    "office.email": "",
    "office.website": "",
    "office.postal_code": "85613",
    "bpjs.branch_name": "BPJS Ketenagakerjaan Kantor Cabang Atambua",
    # Empty: the "backups" folder in the workstation's data folder.
    "backup.folder": "",
    # How many backups of each kind stay in the folder; older ones are deleted.
    "backup.keep": "14",
    # Claims (issue 7). What the domain notes mark likely or unconfirmed is a setting.
    "claims.attachment_max_mb": "5",
    "claims.jkk_report_hours": "48",
    "claims.jkk_lapse_months": "24",
    "claims.jkm_lapse_months": "24",
    "claims.jkm_reduced_months": "3",
    "claims.scholarship_min_years": "3",
    # Description: "Ya: beasiswa anak karena kecelakaan kerja juga menunggu masa iur di atas.
    # Bawaan tidak: PP 82/2019 (Pasal 25 ayat (1) huruf d jo. Lampiran) memberi beasiswa JKK
    # kepada anak peserta yang meninggal atau cacat total tetap karena kecelakaan kerja tanpa
    # masa iur; syarat paling singkat 3 tahun hanya untuk JKM (Pasal 34). Berlaku untuk
    # kejadian mulai tanggal di bawah."
    "claims.jkk_scholarship_needs_min_years": "tidak",
    "claims.jkk_scholarship_needs_min_years_from": "2019-12-02",
    # Description: "Ya: cacat total tetap karena kecelakaan kerja juga membuka beasiswa anak
    # (PP 82/2019, Permenaker 5/2021; keterangan BPJS 2021-2024). Berlaku untuk kejadian
    # mulai tanggal di bawah (PP 82/2019 berlaku 2 Desember 2019)."
    "claims.jkk_scholarship_total_disability": "ya",
    "claims.jkk_scholarship_total_disability_from": "2019-12-02",
    "claims.scholarship_max_children": "2",
    "claims.scholarship_max_age": "23",
    "claims.scholarship_cap": "174000000",
    # Description: "Ya: NPWP penerima diminta bila manfaat melebihi batas di bawah. Bawaan
    # tidak: batas Rp50.000.000 berasal dari pajak atas pembayaran JHT (PP 68/2009); santunan
    # JKK dan JKM adalah pembayaran asuransi karena kecelakaan atau meninggal, bukan objek
    # PPh (UU PPh Pasal 4 ayat (3) huruf e), jadi tidak menahan berkas."
    "claims.npwp_required": "tidak",
    "claims.npwp_threshold": "50000000",
    "claims.default_reported_income": "1000000",
    "claims.waiting_documents_days": "14",
    # Premiums (issue 8): a worker who joins or leaves mid-month counts for the whole
    # month ("full") or not at all for that month ("none").
    "premium.partial_month": "full",
    # Reports: at most this many workers listed per check of the data-quality report.
    "report.detail_limit": "1000",
    # Participant cards. Officials' names change: settings, not constants.
    "cards.programme_title": "Jaminan Sosial Ketenagakerjaan — Pekerja Rentan",
    # Empty: the neutral placeholder shipped in resources/images.
    "cards.logo_path": "",
    "cards.signer_position": "Kepala Dinas Tenaga Kerja dan Transmigrasi",
    "cards.signer_name": "Simon Soge",
    # One step per line; empty: the steps from the domain rules (services.cards.render).
    "cards.accident_steps": "",
    "cards.death_steps": "",
    "cards.disclaimer": (
        "Kartu informasi Pemerintah Daerah; bukan kartu resmi BPJS Ketenagakerjaan."
    ),
    "bpjs.branch_phone": "",
    # Official documents (issue 6). Letterhead: the office keys above plus these.
    # Empty emblem paths: the neutral placeholder in resources/images.
    "letterhead.emblem_path": "",
    "letterhead.regional_head_emblem_path": "",
    "letterhead.regional_head_title": "Bupati Timor Tengah Utara",
    "documents.page_size": "a4",
    # Letter numbers: {klasifikasi} {nomor} {unit} {bulan_romawi} {bulan} {tahun};
    # a kind's own pattern/series when set, else these. One yearly sequence per series.
    "numbering.pattern": "{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}",
    "numbering.unit_code": "Nakertrans",
    "numbering.series": "surat",
    "numbering.pengantar.classification": "500.15",
    "numbering.klaim.classification": "500.15.14.2",
    "numbering.keterangan.classification": "500.15",
    "numbering.ahli_waris.classification": "500.15",
    "numbering.iuran.classification": "500.15",
    "numbering.pks.classification": "500.15",
    "numbering.pks.pattern": "{klasifikasi}/{nomor}/PKS/{unit}/{bulan_romawi}/{tahun}",
    "numbering.pks.series": "pks",
    "premium.bpjs_account": "",
    # The agreement (PKS): the other party and the defaults of its parameters.
    "bpjs.branch_town": "Atambua",
    "bpjs.branch_address": "Atambua, Kabupaten Belu",
    "bpjs.branch_head_name": "",
    "bpjs.branch_head_position": "Kepala Kantor Cabang Atambua",
    "bpjs.branch_head_npk": "",
    "bpjs.branch_head_decree": "",
    "agreement.first_party_address": "Kantor Bupati Timor Tengah Utara, Kefamenanu",
    # Empty: the term runs to 31 December of its budget year (UU 17/2003 Pasal 4).
    "agreement.months": "",
    # Funding sources whose workers the agreement pays for (codes, comma-separated).
    "agreement.funding_sources": "apbd_kab",
    "agreement.budget_code": "",
    "agreement.payment_due_day": "15",
    "agreement.court": "Pengadilan Negeri Kefamenanu",
    # The number of the APBD regulation of the agreement's first budget year, as the
    # legal bases cite it: "Nomor 12 Tahun 2024". (The legal bases are the template's.)
    "agreement.apbd_regulation_number": "",
    # Which month's premium falls due on agreement.payment_due_day: "berjalan" (the month
    # itself, paid ahead, as BPU premiums are) or "berikutnya" (the month after).
    "agreement.payment_due_month": "berjalan",
}


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self, key: str) -> str:
        with read_session(self._ctx) as session:
            setting = session.get(Setting, key)
        if setting is not None:
            return setting.value
        if key in DEFAULTS:
            return DEFAULTS[key]
        raise NotFoundError(f"Pengaturan '{key}' tidak ditemukan.")

    def get_all(self) -> dict[str, str]:
        values = dict(DEFAULTS)
        with read_session(self._ctx) as session:
            values.update({s.key: s.value for s in session.scalars(select(Setting))})
        return values

    def set(self, key: str, value: str) -> None:
        self.set_many({key: value})

    def set_many(self, values: dict[str, str]) -> None:
        self._ctx.require(Permission.MANAGE_SETTINGS)
        with unit_of_work(self._ctx) as session:
            for key, value in values.items():
                setting = session.get(Setting, key) or Setting(key=key)
                setting.value = value
                setting.updated_at = utc_now()
                setting.updated_by = self._ctx.user_name
                session.add(setting)
            if any(key.startswith("claims.") for key in values):
                # Imported here: the settings are read at start-up, the claims rules are not.
                from services.claims.refresh import refresh_visible_claims

                session.flush()
                refresh_visible_claims(session, self._ctx)
