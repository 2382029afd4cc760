"""`settings list | get | set | reset`: the office settings, as in the Pengaturan dialog."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from models.enums import ImageKind
from services.core.errors import NotFoundError
from services.core.paths import command_prefix
from services.settings.catalog import GROUP_TITLES, SPECS, Group
from services.text.figures import thousands
from services.text.labels import IMAGE_TITLES
from ui.cli.signin import add_user_option, signed_in

if TYPE_CHECKING:
    from services.settings.store import SettingEntry


def add_commands(commands: argparse._SubParsersAction) -> None:
    settings = commands.add_parser("settings", help="pengaturan kantor (administrator)")
    sub = settings.add_subparsers(dest="settings_command", metavar="PERINTAH", required=True)

    listing = sub.add_parser("list", help="semua pengaturan per kelompok")
    listing.add_argument("--group", choices=[g.value for g in Group], help="hanya satu kelompok")
    listing.add_argument("--json", action="store_true", help="keluaran JSON")
    add_user_option(listing)
    listing.set_defaults(handler=_list)

    get = sub.add_parser("get", help="nilai satu pengaturan")
    get.add_argument("key", metavar="KUNCI")
    add_user_option(get)
    get.set_defaults(handler=_get)

    setting = sub.add_parser("set", help="ubah satu pengaturan (dicatat di jejak audit)")
    setting.add_argument("key", metavar="KUNCI")
    setting.add_argument(
        "value", metavar="NILAI", help="nilai baru; '-' membaca dari masukan standar (banyak baris)"
    )
    add_user_option(setting)
    setting.set_defaults(handler=_set)

    reset = sub.add_parser("reset", help="kembalikan pengaturan ke nilai bawaan")
    reset.add_argument("keys", nargs="+", metavar="KUNCI")
    add_user_option(reset)
    reset.set_defaults(handler=_reset)

    district = sub.add_parser(
        "district", help="wilayah kantor: kabupaten/kota (kode Kemendagri), kantor, pejabat, BPJS"
    )
    district.add_argument("code", metavar="KODE", help="mis. 53.03 (TTU) atau 53.71 (Kota Kupang)")
    district.add_argument("--capital", metavar="KOTA", help="kota kedudukan kantor")
    for option, key in _DISTRICT_OPTIONS.items():
        district.add_argument(f"--{option}", metavar="TEKS", help=SPECS[key].label.lower())
    district.add_argument("--head-name", metavar="NAMA", help="kepala kantor (penanda tangan)")
    district.add_argument("--head-nip", metavar="NIP", default="")
    district.add_argument("--head-rank", metavar="TEKS", default="")
    district.add_argument("--regional-head-name", metavar="NAMA", help="bupati / wali kota")
    add_user_option(district)
    district.set_defaults(handler=_district)

    regions = sub.add_parser("regions", help="daftar provinsi, atau kabupaten/kota satu provinsi")
    regions.add_argument("province", nargs="?", metavar="KODE_PROVINSI")
    add_user_option(regions)
    regions.set_defaults(handler=_regions)

    for name, kind in _IMAGE_COMMANDS.items():
        image = sub.add_parser(
            name, help=f"{IMAGE_TITLES[kind].lower()}: PNG/JPEG, disimpan di basis data"
        )
        which = image.add_mutually_exclusive_group(required=True)
        which.add_argument(
            "file", nargs="?", type=Path, metavar="BERKAS", help="gambar PNG atau JPEG"
        )
        which.add_argument("--clear", action="store_true", help="hapus; kembali ke gambar bawaan")
        add_user_option(image)
        image.set_defaults(handler=_image, image_kind=kind)


_IMAGE_COMMANDS = {
    "emblem": ImageKind.EMBLEM,
    "regional-head-emblem": ImageKind.REGIONAL_HEAD,
    "logo": ImageKind.CARD_LOGO,
}


_DISTRICT_OPTIONS = {
    "office-name": "office.name",
    "office-address": "office.address",
    "office-phone": "office.phone",
    "office-email": "office.email",
    "postal-code": "office.postal_code",
    "bpjs-branch": "bpjs.branch_name",
    "bpjs-town": "bpjs.branch_town",
    "bpjs-address": "bpjs.branch_address",
}


def _known(key: str) -> str:
    if key not in SPECS:
        raise NotFoundError(
            f"Pengaturan '{key}' tidak dikenal. Lihat daftarnya: {command_prefix()} settings list"
        )
    return key


def _list(args: argparse.Namespace) -> int:
    from services.core.office_time import moment_text
    from services.settings.store import SettingsService

    ctx = signed_in(args)
    entries = [
        e for e in SettingsService(ctx).entries() if not args.group or e.spec.group == args.group
    ]
    if args.json:
        print(json.dumps([_as_json(e) for e in entries], ensure_ascii=False, indent=2))
        return 0
    group: Group | None = None
    for entry in entries:
        if entry.spec.group is not group:
            group = entry.spec.group
            print(f"\n== {GROUP_TITLES[group]} ({group.value}) ==")
        mark = "" if entry.is_default else "  [diubah]"
        if entry.updated_at is not None:
            mark = f"  [diubah {moment_text(entry.updated_at)} oleh {entry.updated_by or '-'}]"
        value = entry.value.replace("\n", " | ")
        print(f"{entry.spec.key} = {value}{mark}")
        print(f"    {entry.spec.label}: {entry.spec.description}")
    return 0


def _as_json(entry: SettingEntry) -> dict[str, object]:
    return {
        "key": entry.spec.key,
        "group": entry.spec.group.value,
        "label": entry.spec.label,
        "value": entry.value,
        "default": entry.spec.default,
        "is_default": entry.is_default,
        "updated_by": entry.updated_by,
        "updated_at": entry.updated_at.isoformat() if entry.updated_at else None,
    }


def _get(args: argparse.Namespace) -> int:
    from services.settings.store import SettingsService

    ctx = signed_in(args)
    print(SettingsService(ctx).get(_known(args.key)))
    return 0


def _set(args: argparse.Namespace) -> int:
    from services.settings.store import SettingsService

    ctx = signed_in(args)
    value = sys.stdin.read() if args.value == "-" else args.value
    service = SettingsService(ctx)
    service.set(_known(args.key), value)
    print(f"{SPECS[args.key].label} ({args.key}) = {service.get(args.key)}")
    return 0


def _reset(args: argparse.Namespace) -> int:
    from services.settings.store import SettingsService

    ctx = signed_in(args)
    keys = [_known(k) for k in args.keys]
    SettingsService(ctx).reset(keys)
    for key in keys:
        print(f"{SPECS[key].label} ({key}) kembali ke nilai bawaan.")
    return 0


def _image(args: argparse.Namespace) -> int:
    from services.settings.office_images import store_image, stored_images

    ctx = signed_in(args)
    kind: ImageKind = args.image_kind
    store_image(ctx, kind, None if args.clear else args.file)
    stored = stored_images(ctx).get(kind)
    if stored is None:
        print(f"{IMAGE_TITLES[kind]} dihapus; dokumen memakai gambar bawaan.")
    else:
        facts = stored.facts
        size = thousands(facts.size_bytes)
        print(
            f"{IMAGE_TITLES[kind]} disimpan: {stored.file_name}, {facts.width} × {facts.height} "
            f"piksel, {size} bita."
        )
    return 0


def _district(args: argparse.Namespace) -> int:
    from services.settings.district import DistrictSetup, Official, apply_district

    ctx = signed_in(args)
    office = {
        key: getattr(args, option.replace("-", "_"))
        for option, key in _DISTRICT_OPTIONS.items()
        if getattr(args, option.replace("-", "_"))
    }
    setup = DistrictSetup(
        kabupaten_code=args.code,
        capital=args.capital or "",
        office=office,
        head_of_office=Official(args.head_name, args.head_nip, args.head_rank)
        if args.head_name
        else None,
        regional_head=Official(args.regional_head_name) if args.regional_head_name else None,
    )
    values = apply_district(ctx, setup)
    name, code = values["district.kabupaten_name"], values["district.kabupaten_code"]
    print(
        f"Wilayah kantor: {name} ({code}), {values['district.province_name']}; "
        f"kota kedudukan {values['district.capital']}."
    )
    return 0


def _regions(args: argparse.Namespace) -> int:
    from services.settings.district import districts_of, provinces

    ctx = signed_in(args)
    choices = districts_of(ctx, args.province) if args.province else provinces(ctx)
    for choice in choices:
        print(f"{choice.code}  {choice.name}")
    return 0
