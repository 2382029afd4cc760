"""Synthetic but believable workers for demos, training and load tests.

Every record is one the real forms would accept without a warning: the NIK is
built from the village's kecamatan, the birth date and the gender exactly as
Dukcapil issues it, villages are those of the district set up (any of the 514 kabupaten
and kota; coastal places get fishers), names are the Dawan family names
and Catholic baptismal names clerks see every day. Nothing here is a real person.

Rows go in through bulk Core inserts in one transaction, so a 150,000-worker
register is ready in well under a minute on either engine.
"""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from models import CoveragePeriod, Occupation, Worker, WorkerStatusEvent
from models.base import utc_now
from models.enums import CoverageSource, FundingSource, Gender, WorkerStatus
from models.text_keys import name_key, name_phonetic
from services.audit.trail import Action, record_event
from services.core.context import ServiceContext
from services.core.errors import SiRentanError
from services.core.permissions import Permission
from services.core.unit_of_work import unit_of_work
from services.settings.store import SettingsService
from services.workers.regions import RegionDirectory

DEMO_USER = "demo"
CHUNK_SIZE = 5_000

# Listed roughly from most to least common; _Weighted turns the order into a
# gentle falloff so "YOHANES" is frequent without drowning everyone else.
MALE_FIRST_NAMES = (
    "Yohanes",
    "Fransiskus",
    "Agustinus",
    "Antonius",
    "Kornelis",
    "Emanuel",
    "Paulus",
    "Petrus",
    "Yosef",
    "Hendrikus",
    "Aloysius",
    "Blasius",
    "Sebastianus",
    "Martinus",
    "Dominikus",
    "Gregorius",
    "Vinsensius",
    "Markus",
    "Stefanus",
    "Yakobus",
    "Bernardus",
    "Benediktus",
    "Silvester",
    "Wilhelmus",
    "Arnoldus",
    "Kristoforus",
    "Yeremias",
    "Simon",
    "Andreas",
    "Nikolaus",
    "Laurensius",
    "Gabriel",
    "Mikael",
    "Fidelis",
    "Ignasius",
    "Lukas",
)
FEMALE_FIRST_NAMES = (
    "Maria",
    "Yosefina",
    "Marselina",
    "Theresia",
    "Yuliana",
    "Bernadetha",
    "Veronika",
    "Florentina",
    "Imelda",
    "Agustina",
    "Anastasia",
    "Elisabeth",
    "Margaretha",
    "Katarina",
    "Magdalena",
    "Fransiska",
    "Regina",
    "Skolastika",
    "Getrudis",
    "Yohana",
    "Sesilia",
    "Adriana",
    "Yustina",
    "Klara",
    "Priska",
    "Angela",
    "Kristina",
    "Benedikta",
    "Oktaviana",
    "Apolonia",
    "Modesta",
    "Wilhelmina",
)
# Second baptismal names ("Fransiskus Xaverius", "Maria Goreti") set people apart.
MALE_MIDDLE_NAMES = (
    "Xaverius",
    "Baptista",
    "Bosko",
    "Yosef",
    "Maria",
    "Paskalis",
    "Nikolaus",
    "Dominikus",
    "Gregorius",
    "Laurensius",
    "Andreas",
    "Rikardus",
    "Sirilus",
    "Damianus",
    "Yanuarius",
)
FEMALE_MIDDLE_NAMES = (
    "Goreti",
    "Magdalena",
    "Imakulata",
    "Fatima",
    "Yosefina",
    "Asumpta",
    "Margaretha",
    "Filomena",
    "Kristina",
    "Desiana",
    "Oktaviana",
    "Sesilia",
    "Yuliana",
    "Anjelina",
)
FAMILY_NAMES = (
    "Taek",
    "Kolo",
    "Sanam",
    "Bano",
    "Naisoko",
    "Tefa",
    "Abi",
    "Fallo",
    "Kefi",
    "Oematan",
    "Sasi",
    "Nahak",
    "Ulu",
    "Atok",
    "Seran",
    "Lake",
    "Bria",
    "Nino",
    "Kune",
    "Anunut",
    "Tanouf",
    "Meko",
    "Usfinit",
    "Salem",
    "Kapitan",
    "Tnesi",
    "Oenunu",
    "Haki",
    "Boimau",
    "Nitbani",
    "Sila",
    "Lopo",
    "Neno",
    "Tanesib",
    "Fay",
    "Kebo",
    "Elu",
    "Nubatonis",
    "Manek",
    "Sonbay",
    "Taolin",
    "Amfotis",
    "Kaet",
    "Lelan",
    "Tamelab",
    "Bere",
    "Timo",
    "Nesi",
    "Banu",
    "Kase",
    "Naben",
    "Nahas",
    "Feka",
    "Ninu",
    "Naitili",
    "Usboko",
    "Missa",
    "Sakan",
    "Baun",
    "Nuban",
    "Da Costa",
    "Fernandez",
)
MIDDLE_NAME_SHARE = 0.45

# Coastal places get fishers. TTU's north coast (the Ombai Strait) is known by code; in any
# other district a kecamatan or village whose name says it lies on the water ("Teluk Ambon",
# "Pantai Hambawang", "Pulau Laut Utara") is taken as coastal, the rest get the inland mix.
COASTAL_KECAMATAN = frozenset({"53.03.06", "53.03.07", "53.03.09", "53.03.23"})
COASTAL_WORDS = frozenset(
    {
        "pantai", "pesisir", "pulau", "kepulauan", "laut", "teluk", "tanjung", "muara",
        "selat", "bahari", "kuala", "pelabuhan", "labuhan", "labuan", "nelayan", "samudera",
    }
)  # fmt: skip


def is_coastal(kecamatan_code: str, *names: str) -> bool:
    """A place on the coast, by TTU's known list or by the words of its names."""
    if kecamatan_code in COASTAL_KECAMATAN:
        return True
    words = {word for name in names for word in name.lower().replace("-", " ").split()}
    return not words.isdisjoint(COASTAL_WORDS)


# Kefamenanu's kelurahan are bigger than the hill villages.
KELURAHAN_WEIGHT = 2.5

# (occupation code, weight) per kind of place.
_DESA_OCCUPATIONS = (
    ("petani", 64.0),
    ("peternak", 12.0),
    ("pedagang_kecil", 6.0),
    ("tukang_ojek", 5.0),
    ("buruh_harian_lepas", 7.0),
    ("perangkat_desa", 1.5),
    ("rt_rw", 2.5),
    ("lainnya", 2.0),
)
_COASTAL_OCCUPATIONS = (("nelayan", 12.0), *_DESA_OCCUPATIONS)
# Kelurahan have no perangkat desa (their staff are civil servants).
_KELURAHAN_OCCUPATIONS = (
    ("petani", 25.0),
    ("peternak", 5.0),
    ("pedagang_kecil", 22.0),
    ("tukang_ojek", 18.0),
    ("buruh_harian_lepas", 20.0),
    ("rt_rw", 3.0),
    ("lainnya", 7.0),
)
_VILLAGE_OFFICIALS = frozenset({"perangkat_desa", "rt_rw"})
_GENERAL_FUNDING = (
    (FundingSource.APBD_KABUPATEN, 78.0),
    (FundingSource.APBD_PROVINSI, 16.0),
    (FundingSource.MANDIRI, 6.0),
)

_BIRTH_FIRST = date(1955, 1, 1).toordinal()
_BIRTH_LAST = date(2007, 12, 31).toordinal()
_KK_FIRST = date(2008, 1, 1).toordinal()
_KK_LAST = date(2024, 12, 31).toordinal()
# The July 2025 enrolment wave funded by the kabupaten; earlier starts are older cohorts.
MAIN_COVERAGE_START = date(2025, 7, 7)
_EARLY_START_FIRST = date(2024, 1, 2).toordinal()
_EARLY_START_LAST = date(2025, 6, 30).toordinal()
COVERAGE_ENDS = (date(2025, 12, 31), date(2026, 12, 31))
# Status dates stay in the past whenever the demo is loaded from now on.
_STATUS_DATE_LAST = date(2026, 10, 31).toordinal()
INACTIVE_SHARE = 0.03
DECEASED_SHARE = 0.01
INACTIVE_REASONS = (
    "Pindah domisili ke luar kabupaten",
    "Beralih menjadi peserta penerima upah",
    "Tidak lagi memenuhi syarat pekerja rentan",
    "Permintaan peserta sendiri",
    "Terdaftar ganda di program lain",
)
KPJ_SHARE = 0.75
# Eleven digits: two for the enrolment year as the branch prints them, nine running.
KPJ_PREFIX = "25"
PHONE_SHARE = 0.60
PHONE_PREFIXES = ("0812", "0813", "0821", "0822", "0823", "0852", "0853", "0857", "0878")
KK_SHARE = 0.70
# Births in the district's capital (the setting district.capital, e.g. Kefamenanu).
CAPITAL_BIRTH_SHARE = 0.25
STREETS = (
    "Jl. Sonbai",
    "Jl. El Tari",
    "Jl. Basuki Rahmat",
    "Jl. Kartini",
    "Jl. Ahmad Yani",
    "Jl. Imam Bonjol",
    "Jl. Diponegoro",
    "Jl. Timor Raya",
    "Jl. Nusantara",
    "Jl. Patimura",
)
DUSUN = ("Dusun I", "Dusun II", "Dusun III", "Dusun IV", "Dusun V")


class _Weighted:
    """Draws from a fixed list with fixed weights: one random() and a bisect per draw."""

    __slots__ = ("_cum", "_items", "_total")

    def __init__(self, items: Sequence[Any], weights: Iterable[float]) -> None:
        self._items = tuple(items)
        cum: list[float] = []
        total = 0.0
        for w in weights:
            total += w
            cum.append(total)
        self._cum = cum
        self._total = total

    @classmethod
    def ranked(cls, items: Sequence[Any]) -> _Weighted:
        # A gentle 1/rank**0.3 falloff: the top name is about three times the last, so
        # at 150,000 workers the commonest full name repeats about a hundred times.
        return cls(items, (1.0 / (rank**0.3) for rank in range(1, len(items) + 1)))

    @classmethod
    def pairs(cls, pairs: Sequence[tuple[Any, float]]) -> _Weighted:
        return cls([p[0] for p in pairs], [p[1] for p in pairs])

    def pick(self, rng: random.Random) -> Any:
        return self._items[bisect(self._cum, rng.random() * self._total)]


@dataclass(frozen=True, slots=True)
class _Place:
    code: str
    kecamatan_code: str
    kecamatan_digits: str
    kecamatan_name: str
    is_kelurahan: bool
    occupations: _Weighted


def generate_demo_workers(
    ctx: ServiceContext,
    count: int,
    seed: int = 2025,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Insert ``count`` demo workers in one transaction; returns how many were inserted.

    The same seed on the same database gives the same workers. NIKs and KPJs
    already in the register are skipped, so running it again only adds.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    ctx.require(Permission.EDIT_WORKERS)
    if count == 0:
        return 0
    regions = RegionDirectory(ctx)
    places = _places(regions)
    rng = random.Random(seed)
    with unit_of_work(ctx) as session:
        pairs = session.execute(select(Occupation.code, Occupation.id))
        occupation_ids = {code: id_ for code, id_ in pairs}
        niks, kpjs = _existing_numbers(session)
        capital = SettingsService(ctx).get("district.capital")
        maker = _RowMaker(rng, places, occupation_ids, niks, kpjs, capital)
        # Core insert on the table, not the mapped class: no ORM bookkeeping per row.
        statement = insert(Worker.__table__)
        connection = session.connection()
        done = 0
        while done < count:
            size = min(CHUNK_SIZE, count - done)
            rows = [maker.row() for _ in range(size)]
            connection.execute(statement, [_worker_columns(r) for r in rows])
            _write_history(session, rows, rng, maker.now)
            done += size
            if progress is not None:
                progress(done, count)
        # The database's triggers recorded each row; this entry says what the batch was.
        record_event(
            session, Action.CREATE, "worker", summary=f"{count} peserta contoh (demo-data)"
        )
    return count


# A quarter of the workers who joined with the main intake were funded by their village
# (Dana Desa) the year before: a history of two periods.
EARLIER_PERIOD_SHARE = 0.25


def _write_history(
    session: Session, rows: list[dict[str, Any]], rng: random.Random, now: Any
) -> None:
    """The coverage periods and status events of a chunk of new workers, as migration
    0009 would have made them: a status event ends the period it cuts on its day."""
    connection = session.connection()
    ids = dict(
        connection.execute(
            select(Worker.nik, Worker.id).where(Worker.nik.in_([r["nik"] for r in rows]))
        ).all()
    )
    stamp = {"created_at": now, "created_by": DEMO_USER}
    events = [
        {
            "worker_id": ids[r["nik"]],
            "status": r["status"],
            "effective_date": r["status_date"],
            "reason": r["status_reason"],
            "source": CoverageSource.CLERK,
            **stamp,
        }
        for r in rows
        if r["status"] is not WorkerStatus.ACTIVE
    ]
    event_ids: dict[int, int] = {}
    if events:
        connection.execute(insert(WorkerStatusEvent.__table__), events)
        event_ids = dict(
            connection.execute(
                select(WorkerStatusEvent.worker_id, WorkerStatusEvent.id).where(
                    WorkerStatusEvent.worker_id.in_([e["worker_id"] for e in events])
                )
            ).all()
        )
    periods = []
    for r in rows:
        worker_id = ids[r["nik"]]
        start, funding = r["coverage_start"], r["funding"]
        # Every row names the same columns: executemany takes its statement from the first.
        base = {"worker_id": worker_id, "kpj": r["kpj"], "source": CoverageSource.CLERK}
        base |= {"planned_end": None, "ended_by_event_id": None}
        base |= {**stamp, "updated_at": now, "updated_by": DEMO_USER}
        if start == MAIN_COVERAGE_START and rng.random() < EARLIER_PERIOD_SHARE:
            earlier = FundingSource.DANA_DESA
            if funding is FundingSource.DANA_DESA:
                earlier = FundingSource.APBD_KABUPATEN
            periods.append(
                base
                | {
                    "start_date": date(start.year - 1, start.month, start.day),
                    "end_date": date.fromordinal(start.toordinal() - 1),
                    "funding": earlier,
                }
            )
        period = base | {"start_date": start, "end_date": r["planned_end"], "funding": funding}
        if r["coverage_end"] != r["planned_end"]:  # cut by the status event
            period |= {
                "end_date": r["coverage_end"],
                "planned_end": r["planned_end"],
                "ended_by_event_id": event_ids[worker_id],
            }
        periods.append(period)
    connection.execute(insert(CoveragePeriod.__table__), periods)


def _worker_columns(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "planned_end"}


def _places(regions: RegionDirectory) -> list[_Place]:
    kecamatan_names = {k.code: k.name for k in regions.kecamatan()}
    desa = _Weighted.pairs(_DESA_OCCUPATIONS)
    coastal = _Weighted.pairs(_COASTAL_OCCUPATIONS)
    kelurahan = _Weighted.pairs(_KELURAHAN_OCCUPATIONS)
    places: list[_Place] = []
    for village in regions.villages():
        parent = village.parent_code
        if parent is None or parent not in kecamatan_names:
            continue
        is_kelurahan = village.village_type == "kelurahan"
        if is_kelurahan:
            occupations = kelurahan
        elif is_coastal(parent, kecamatan_names[parent], village.name):
            occupations = coastal
        else:
            occupations = desa
        places.append(
            _Place(
                code=village.code,
                kecamatan_code=parent,
                kecamatan_digits=parent.replace(".", ""),
                kecamatan_name=kecamatan_names[parent],
                is_kelurahan=is_kelurahan,
                occupations=occupations,
            )
        )
    if not places:
        raise SiRentanError(
            f"Tidak ada desa/kelurahan untuk kabupaten {regions.kabupaten_code}; "
            "data contoh tidak dapat dibuat."
        )
    # A stable order whatever order the directory uses, so the seed alone decides.
    places.sort(key=lambda p: p.code)
    return places


def _existing_numbers(session: Session) -> tuple[set[str], set[str]]:
    if not session.scalar(select(func.count()).select_from(Worker)):
        return set(), set()
    niks = set(session.scalars(select(Worker.nik)))
    kpjs = {k for k in session.scalars(select(Worker.kpj)) if k is not None}
    return niks, kpjs


class _RowMaker:
    """One worker dict per call; holds the counters that keep NIKs and KPJs unique."""

    def __init__(
        self,
        rng: random.Random,
        places: list[_Place],
        occupation_ids: dict[str, int],
        niks: set[str],
        kpjs: set[str],
        capital: str,
    ) -> None:
        self._rng = rng
        self._capital = capital
        weights = (KELURAHAN_WEIGHT if p.is_kelurahan else 1.0 for p in places)
        self._places = _Weighted(places, weights)
        self._kecamatan_names = sorted({p.kecamatan_name for p in places})
        self._occupation_ids = occupation_ids
        missing = {code for code, _ in _COASTAL_OCCUPATIONS + _KELURAHAN_OCCUPATIONS}
        missing -= occupation_ids.keys()
        if missing:
            raise SiRentanError(f"Daftar pekerjaan belum lengkap: {', '.join(sorted(missing))}.")
        self._niks = niks
        self._kpjs = kpjs
        # Next NIK serial per (kecamatan digits, DDMMYY with the +40): Dukcapil's own counter.
        self._serials: dict[tuple[str, str], int] = {}
        self._kpj_counter = 0
        self._male_first = _Weighted.ranked(MALE_FIRST_NAMES)
        self._female_first = _Weighted.ranked(FEMALE_FIRST_NAMES)
        self._male_middle = _Weighted.ranked(MALE_MIDDLE_NAMES)
        self._female_middle = _Weighted.ranked(FEMALE_MIDDLE_NAMES)
        self._family = _Weighted.ranked(FAMILY_NAMES)
        self._funding = _Weighted.pairs(_GENERAL_FUNDING)
        self._name_keys: dict[str, tuple[str, str]] = {}
        self.now = utc_now()

    def row(self) -> dict[str, Any]:
        rng = self._rng
        place: _Place = self._places.pick(rng)
        female = rng.random() < 0.5
        gender = Gender.FEMALE if female else Gender.MALE
        birth = date.fromordinal(rng.randint(_BIRTH_FIRST, _BIRTH_LAST))
        full_name = self._full_name(female)
        keys = self._name_keys.get(full_name)
        if keys is None:
            keys = self._name_keys[full_name] = (name_key(full_name), name_phonetic(full_name))
        key, sound = keys
        occupation = place.occupations.pick(rng)
        start = self._coverage_start()
        end = COVERAGE_ENDS[0] if rng.random() < 0.3 else COVERAGE_ENDS[1]
        status, reason, status_date = self._status(start)
        # The worker row caches the period's effective end: the status date when it cuts.
        cut = status_date is not None and start <= status_date <= end
        return {
            "planned_end": end,
            "nik": self._nik(place, birth, female),
            "kk_number": self._kk(place) if rng.random() < KK_SHARE else None,
            "full_name": full_name,
            "name_key": key,
            "name_phonetic": sound,
            "birth_place": self._birth_place(place),
            "birth_date": birth,
            "gender": gender,
            "address": self._address(place),
            "rt": f"{rng.randint(1, 16):03d}",
            "rw": f"{rng.randint(1, 6):03d}",
            "village_code": place.code,
            "kecamatan_code": place.kecamatan_code,
            "occupation_id": self._occupation_ids[occupation],
            "phone": self._phone() if rng.random() < PHONE_SHARE else None,
            "kpj": self._kpj() if rng.random() < KPJ_SHARE else None,
            "funding": self._funding_for(occupation, place),
            "coverage_start": start,
            "coverage_end": status_date if cut else end,
            "status": status,
            "status_reason": reason,
            "status_date": status_date,
            "notes": None,
            "created_at": self.now,
            "created_by": DEMO_USER,
            "updated_at": self.now,
            "updated_by": DEMO_USER,
            "version": 1,
        }

    def _full_name(self, female: bool) -> str:
        rng = self._rng
        first = (self._female_first if female else self._male_first).pick(rng)
        parts = [first]
        if rng.random() < MIDDLE_NAME_SHARE:
            middle = (self._female_middle if female else self._male_middle).pick(rng)
            if middle != first:
                parts.append(middle)
        parts.append(self._family.pick(rng))
        return " ".join(parts).upper()

    def _nik(self, place: _Place, birth: date, female: bool) -> str:
        day = birth.day + (40 if female else 0)
        date_part = f"{day:02d}{birth.month:02d}{birth.year % 100:02d}"
        bucket = (place.kecamatan_digits, date_part)
        serial = self._serials.get(bucket, 0)
        while True:
            serial += 1
            if serial > 9999:
                raise SiRentanError("Nomor urut NIK data contoh habis untuk satu tanggal lahir.")
            nik = f"{place.kecamatan_digits}{date_part}{serial:04d}"
            if nik not in self._niks:
                break
        self._serials[bucket] = serial
        self._niks.add(nik)
        return nik

    def _kk(self, place: _Place) -> str:
        # Recording date without the +40; the serial is the office's running number.
        recorded = date.fromordinal(self._rng.randint(_KK_FIRST, _KK_LAST))
        serial = self._rng.randint(1, 2999)
        return f"{place.kecamatan_digits}{recorded:%d%m%y}{serial:04d}"

    def _kpj(self) -> str:
        while True:
            self._kpj_counter += 1
            kpj = f"{KPJ_PREFIX}{self._kpj_counter:09d}"
            if kpj not in self._kpjs:
                self._kpjs.add(kpj)
                return kpj

    def _phone(self) -> str:
        rng = self._rng
        return f"{PHONE_PREFIXES[rng.randrange(len(PHONE_PREFIXES))]}{rng.randrange(10**8):08d}"

    def _birth_place(self, place: _Place) -> str:
        rng = self._rng
        roll = rng.random()
        if roll < CAPITAL_BIRTH_SHARE or place.is_kelurahan:
            return self._capital
        if roll < 0.9:
            name = place.kecamatan_name
        else:  # married in or moved from elsewhere in the kabupaten
            name = self._kecamatan_names[rng.randrange(len(self._kecamatan_names))]
        # "Kota Kefamenanu" is the kecamatan of the town itself.
        return self._capital if name == f"Kota {self._capital}" else name

    def _address(self, place: _Place) -> str:
        rng = self._rng
        if place.is_kelurahan:
            return f"{STREETS[rng.randrange(len(STREETS))]} No. {rng.randint(1, 120)}"
        return DUSUN[rng.randrange(len(DUSUN))]

    def _funding_for(self, occupation: str, place: _Place) -> FundingSource:
        # Villages pay their own officials from Dana Desa; kelurahan have no Dana Desa.
        if occupation in _VILLAGE_OFFICIALS and not place.is_kelurahan:
            return FundingSource.DANA_DESA
        if occupation in _VILLAGE_OFFICIALS:
            return FundingSource.APBD_KABUPATEN
        return self._funding.pick(self._rng)

    def _coverage_start(self) -> date:
        if self._rng.random() < 0.8:
            return MAIN_COVERAGE_START
        return date.fromordinal(self._rng.randint(_EARLY_START_FIRST, _EARLY_START_LAST))

    def _status(self, start: date) -> tuple[WorkerStatus, str | None, date | None]:
        rng = self._rng
        roll = rng.random()
        if roll >= INACTIVE_SHARE + DECEASED_SHARE:
            return WorkerStatus.ACTIVE, None, None
        when = date.fromordinal(rng.randint(start.toordinal(), _STATUS_DATE_LAST))
        if roll < DECEASED_SHARE:
            return WorkerStatus.DECEASED, None, when
        return WorkerStatus.INACTIVE, INACTIVE_REASONS[rng.randrange(len(INACTIVE_REASONS))], when
