"""Setting up the office for its district: province → kabupaten/kota from the Kemendagri list
(all 514, shipped in resources/data and seeded into ``region``), the office, its officials
and the BPJS branch, in one audited transaction.

Everything that follows the district reads the settings written here: the region directory
(kecamatan and villages of the workers), the NIK check ("issued outside the district"), the
kop ("PEMERINTAH KOTA KUPANG"), the regional head's title, the PKS, the demo data and the
reports. Timor Tengah Utara (53.03) is only the example the defaults are seeded with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Region, Setting, Worker
from models.enums import RegionLevel
from services.core.context import ServiceContext
from services.core.errors import Problem, ValidationError
from services.core.permissions import Permission
from services.core.unit_of_work import read_session, unit_of_work
from services.documents.types import SignatoryInput
from services.settings.catalog import DEFAULTS
from services.settings.store import store_settings

CODE_KEY = "district.kabupaten_code"


@dataclass(frozen=True, slots=True)
class RegionChoice:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Official:
    name: str
    nip: str = ""
    rank: str = ""


@dataclass(frozen=True, slots=True)
class DistrictSetup:
    """What the set-up asks; empty office and BPJS fields keep their current values."""

    kabupaten_code: str
    capital: str = ""  # empty: the name of a kota ("Kupang"); a kabupaten must give it
    office: dict[str, str] = field(default_factory=dict)  # office.* and bpjs.* settings
    head_of_office: Official | None = None  # Kepala Dinas: signs letters and cards
    regional_head: Official | None = None  # Bupati / Wali Kota: signs the PKS


def provinces(ctx: ServiceContext) -> list[RegionChoice]:
    return _level(ctx, RegionLevel.PROVINCE, None)


def districts_of(ctx: ServiceContext, province_code: str) -> list[RegionChoice]:
    """The kabupaten and kota of a province, by name."""
    return _level(ctx, RegionLevel.KABUPATEN, province_code)


def _level(ctx: ServiceContext, level: RegionLevel, parent: str | None) -> list[RegionChoice]:
    with read_session(ctx) as session:
        stmt = select(Region.code, Region.name).where(Region.level == level)
        if parent is not None:
            stmt = stmt.where(Region.parent_code == parent)
        return [
            RegionChoice(code, name) for code, name in session.execute(stmt.order_by(Region.name))
        ]


def is_city(name: str) -> bool:
    return name.startswith("Kota ")


def bare_name(name: str) -> str:
    """ "Kabupaten Timor Tengah Utara" → "Timor Tengah Utara"; "Kota Kupang" → "Kupang"."""
    return name.removeprefix("Kabupaten ").removeprefix("Kota ")


def regional_head_title(name: str) -> str:
    return f"{'Wali Kota' if is_city(name) else 'Bupati'} {bare_name(name)}"


def needs_district_setup(ctx: ServiceContext) -> bool:
    """A new register: its district was never chosen and it holds no worker yet."""
    with read_session(ctx) as session:
        chosen = session.get(Setting, CODE_KEY) is not None
        return not chosen and not session.scalar(select(func.count()).select_from(Worker))


def district_values(
    kabupaten: RegionChoice, province: RegionChoice, capital: str, current: dict[str, str]
) -> dict[str, str]:
    """The settings that follow the district, worded as the seeded TTU example words them."""
    old_head = current["letterhead.regional_head_title"]
    head = regional_head_title(kabupaten.name)
    return {
        CODE_KEY: kabupaten.code,
        "district.kabupaten_name": kabupaten.name,
        "district.province_name": province.name,
        "district.capital": capital,
        "letterhead.regional_head_title": head,
        "agreement.first_party_address": f"Kantor {head}, {capital}",
        "agreement.court": f"Pengadilan Negeri {capital}",
        "cards.signer_position": current["cards.signer_position"].replace(old_head, head),
    }


def apply_district(ctx: ServiceContext, setup: DistrictSetup) -> dict[str, str]:
    """Store the district and the office in one transaction; returns the settings written."""
    ctx.require(Permission.MANAGE_SETTINGS)
    code = setup.kabupaten_code.strip()
    with unit_of_work(ctx) as session:
        kabupaten = session.get(Region, code)
        if kabupaten is None or kabupaten.level != RegionLevel.KABUPATEN:
            raise _refuse(
                "kabupaten_code",
                f"Kode {code} bukan kabupaten/kota dalam daftar Kemendagri; tulis seperti "
                "53.03 (Timor Tengah Utara) atau 53.71 (Kota Kupang).",
            )
        province = session.get(Region, kabupaten.parent_code)
        assert province is not None  # the seeded list holds every parent
        _refuse_other_workers(session, code, kabupaten.name)
        capital = " ".join(setup.capital.split()) or (
            bare_name(kabupaten.name) if is_city(kabupaten.name) else ""
        )
        if not capital:
            raise _refuse(
                "capital",
                f"Tulis kota kedudukan kantor (ibu kota {kabupaten.name}), mis. Kefamenanu.",
            )
        current = DEFAULTS | {s.key: s.value for s in session.scalars(select(Setting))}
        values = district_values(
            RegionChoice(kabupaten.code, kabupaten.name),
            RegionChoice(province.code, province.name),
            capital,
            current,
        )
        if code != current[CODE_KEY]:
            # The old district's street and postal code would print on the new kop.
            if not setup.office.get("office.address", "").strip():
                raise _refuse(
                    "office.address",
                    f"Tulis alamat kantor di {kabupaten.name} (jalan dan kota); alamat lama "
                    f"({current['office.address']}) milik wilayah sebelumnya.",
                )
            values["office.postal_code"] = ""
        values |= {k: v for k, v in setup.office.items() if v.strip()}
        town = values.get("bpjs.branch_town", "").strip()
        if town and "bpjs.branch_head_position" not in setup.office:
            values["bpjs.branch_head_position"] = f"Kepala Kantor Cabang {town}"
        _officials(session, ctx, setup, values)
        store_settings(session, ctx, values)
    return values


def _officials(
    session: Session, ctx: ServiceContext, setup: DistrictSetup, values: dict[str, str]
) -> None:
    from services.documents.signatories import add_signatory_in

    if setup.head_of_office is not None and setup.head_of_office.name.strip():
        office = values.get("office.name") or DEFAULTS["office.name"]
        position = f"Kepala {office}"
        official = setup.head_of_office
        add_signatory_in(
            session,
            ctx,
            SignatoryInput(
                name=official.name,
                position=position,
                rank=official.rank or None,
                nip=official.nip or None,
            ),
        )
        values["cards.signer_name"] = " ".join(official.name.split())
        values["cards.signer_position"] = position
    if setup.regional_head is not None and setup.regional_head.name.strip():
        add_signatory_in(
            session,
            ctx,
            SignatoryInput(
                name=setup.regional_head.name,
                position=values["letterhead.regional_head_title"],
                regional_head=True,
            ),
        )


def _refuse_other_workers(session: Session, code: str, name: str) -> None:
    outside = session.scalar(
        select(func.count())
        .select_from(Worker)
        .where(~Worker.kecamatan_code.startswith(code + "."))
    )
    if outside:
        raise _refuse(
            "kabupaten_code",
            f"Register ini sudah berisi {outside} peserta di luar {name}. Wilayah kantor tidak "
            "dapat dipindah ke kabupaten/kota lain selama peserta itu ada; buat basis data "
            "baru untuk kantor di wilayah lain.",
        )


def _refuse(field_name: str, text: str) -> ValidationError:
    return ValidationError([Problem("district", field_name, text)], record="wilayah kantor")
