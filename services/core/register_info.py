"""What `db info` and the About box say about the open register."""

from __future__ import annotations

from sqlalchemy import func, select

from models import Region, Worker, schema
from services.core.context import ServiceContext
from services.core.permissions import Permission
from services.core.unit_of_work import read_session
from services.settings.store import SettingsService
from services.text.figures import thousands
from services.text.labels import WORKER_STATUS


def register_info(ctx: ServiceContext) -> list[tuple[str, str]]:
    ctx.require(Permission.READ_WORKERS)
    settings = SettingsService(ctx)
    with read_session(ctx) as session:
        by_status = dict(
            session.execute(select(Worker.status, func.count()).group_by(Worker.status)).all()
        )
        regions = session.scalar(select(func.count()).select_from(Region)) or 0
    lines = [
        ("Basis data", ctx.database_label),
        ("Revisi skema", schema.current_revision(ctx.engine) or "-"),
        (
            "Kabupaten",
            f"{settings.get('district.kabupaten_name')} "
            f"({settings.get('district.kabupaten_code')})",
        ),
        ("Wilayah (Kemendagri)", thousands(regions)),
        ("Peserta", thousands(sum(by_status.values()))),
    ]
    lines += [
        (f"  {label}", thousands(by_status.get(status, 0)))
        for status, label in WORKER_STATUS.items()
    ]
    return lines
