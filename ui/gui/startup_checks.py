"""After the window shows: a warning about SQLite on a network folder, and the daily backup.

Neither may delay or block the clerk: the warning is a banner, the backup runs
in the background, and a failed backup is logged and shown as a banner.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from services.core.context import ServiceContext
from services.core.errors import SiRentanError
from services.core.permissions import PermissionDeniedError
from ui.gui.error_hook import safe_traceback
from ui.gui.widgets.notice_banner import Tone

if TYPE_CHECKING:
    from ui.gui.main_window import MainWindow

log = logging.getLogger(__name__)

BACKUP_FAILED = (
    "Cadangan harian tidak dapat dibuat: {reason} Pekerjaan dapat dilanjutkan; "
    "buat cadangan lewat menu Berkas → Cadangan data bila perlu."
)


def network_storage_notice(ctx: ServiceContext) -> str | None:
    """The service's warning when the SQLite file sits on a network folder."""
    if not ctx.is_sqlite or not ctx.engine.url.database:
        return None
    from services.core.storage_check import network_storage_warning

    return network_storage_warning(Path(ctx.engine.url.database))


def warn_about_network_storage(window: MainWindow) -> str | None:
    try:
        notice = network_storage_notice(window.app.ctx)
    except OSError:
        log.warning("could not tell whether the database folder is on the network")
        return None
    if notice:
        window.banner.show_message(notice, Tone.WARNING)
    return notice


def start_daily_backup(window: MainWindow) -> None:
    """On SQLite, make today's backup if none exists yet, off the GUI thread."""
    ctx = window.app.ctx
    if not ctx.is_sqlite:
        return  # a server's backups are the server administrator's job
    window.tasks.run(
        lambda: _daily_backup(ctx),
        lambda info: _backup_done(window, info),
        lambda error: _backup_failed(window, error),
        retry=False,  # unasked work: a banner says it failed, no box interrupts the clerk
    )


def _daily_backup(ctx: ServiceContext) -> Any:
    from services.backup.service import daily_backup_if_due

    try:
        return daily_backup_if_due(ctx)
    except SiRentanError:
        raise
    except Exception as error:
        # A failed daily backup must never interrupt the clerk: logged, then a banner.
        log.error("daily backup failed\n%s", safe_traceback(error))
        raise SiRentanError("terjadi kesalahan; rinciannya dicatat di berkas log.") from error


def _backup_done(window: MainWindow, info: Any) -> None:
    if info is not None:
        window.statusBar().showMessage(f"Cadangan harian dibuat: {Path(info.path).name}", 10000)


def _backup_failed(window: MainWindow, error: SiRentanError) -> None:
    if isinstance(error, PermissionDeniedError):
        log.info("daily backup skipped: this account may not make backups")
        return
    log.warning("daily backup not made: %s", type(error).__name__)
    window.banner.show_message(BACKUP_FAILED.format(reason=error.message), Tone.WARNING)
