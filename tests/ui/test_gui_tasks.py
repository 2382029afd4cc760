"""The one task helper (ui/gui/tasks.py) on its own: progress, cancel, the failure path,
"Coba lagi", and a job whose window went before it finished."""

from __future__ import annotations

import functools
import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from services.core.errors import DatabaseUnavailableError, SiRentanError
from services.core.progress import Cancel, CancelledError, Progress, check_cancel
from tests.ui.modal import ModalAnswers, click
from ui.gui.error_hook import ErrorHook, unexpected_message
from ui.gui.retry import RETRY
from ui.gui.tasks import PROGRESS_EVERY_S, Tasks
from ui.gui.widgets.notice_banner import NoticeBanner, Tone
from ui.gui.widgets.progress_strip import ProgressStrip

NIK = "5303055207850001"
WAIT_MS = 10_000


class Screen(QWidget):
    """What a screen that runs slow work has: its tasks, a banner, a progress strip."""

    def __init__(self) -> None:
        super().__init__()
        self.tasks = Tasks(self)
        self.banner = NoticeBanner(self)
        self.strip = ProgressStrip(self.tasks, self, "baris")
        layout = QVBoxLayout(self)
        layout.addWidget(self.strip)
        layout.addWidget(self.banner)
        self.results: list[Any] = []


@pytest.fixture
def screen(qtbot: QtBot) -> Iterator[Screen]:
    shown = Screen()
    qtbot.addWidget(shown)
    shown.resize(1024, 200)
    shown.show()
    yield shown
    shown.tasks.cancel()
    shown.tasks.wait()


def test_progress_reaches_the_strip_and_the_strip_goes_when_the_job_ends(
    qtbot: QtBot, screen: Screen, tmp_path: Path
) -> None:
    halfway, go_on = threading.Event(), threading.Event()
    seen: list[tuple[str, int, int]] = []
    screen.tasks.progressed.connect(lambda *args: seen.append(args))

    def count(progress: Progress, _cancel: Cancel) -> int:
        for done in range(1, 2_501):
            if done == 1_250:
                threading.Event().wait(PROGRESS_EVERY_S * 2)  # so this report is shown
            progress("Memeriksa baris", done, 2_500)
            if done == 1_250:
                halfway.set()
                go_on.wait(WAIT_MS / 1000)
        return 2_500

    screen.tasks.run_cancellable("Membaca berkas", count, screen.results.append, screen.banner)
    assert screen.tasks.busy and screen.strip.isVisible()
    qtbot.waitUntil(lambda: screen.strip.bar.value() == 1_250, timeout=WAIT_MS)
    assert screen.strip.stage.text() == "Memeriksa baris…"
    assert screen.strip.bar.format() == "1.250 dari 2.500 baris"
    screen.grab().save(str(tmp_path / "progress.png"))
    go_on.set()

    qtbot.waitUntil(lambda: screen.results == [2_500], timeout=WAIT_MS)
    assert not screen.tasks.busy and not screen.strip.isVisible()
    assert seen[0] == ("Membaca berkas", 0, 0) and seen[-1] == ("Memeriksa baris", 2_500, 2_500)
    assert screen.banner.text() == ""
    assert len(seen) < 100, "progress is shown at a reading pace, not per row"


def test_many_qt_calls_do_not_wear_out_none(qtbot: QtBot, screen: Screen) -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None per void call (signals.py);
    a long job's progress makes thousands of them. Without the guard this aborts."""
    for done in range(20_000):
        screen.strip.bar.setValue(done % 100)
    assert screen.strip.bar.value() == 99


def test_batal_stops_the_job_at_its_next_check_and_says_so(qtbot: QtBot, screen: Screen) -> None:
    started = threading.Event()
    checks: list[int] = []

    def endless(progress: Progress, cancel: Cancel) -> None:
        started.set()
        while True:
            checks.append(1)
            check_cancel(cancel, "Pemeriksaan dibatalkan; tidak ada data yang diubah.")
            progress("Memeriksa", len(checks), 0)
            threading.Event().wait(0.005)

    screen.tasks.run_cancellable("Memeriksa", endless, screen.results.append, screen.banner)
    assert started.wait(WAIT_MS / 1000)
    screen.strip.cancel_button.click()
    assert screen.strip.stage.text() == "Menghentikan…"
    assert not screen.strip.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not screen.tasks.busy, timeout=WAIT_MS)

    assert screen.results == []
    assert screen.banner.text() == "Pemeriksaan dibatalkan; tidak ada data yang diubah."
    assert screen.banner.tone is Tone.INFO  # asked for: news, not a fault
    assert not screen.strip.isVisible()
    stopped_at = len(checks)
    threading.Event().wait(0.05)
    assert len(checks) == stopped_at, "the job really ended"


def test_an_expected_error_is_shown_in_the_banner_in_indonesian(
    qtbot: QtBot, screen: Screen
) -> None:
    def refuse() -> None:
        raise SiRentanError("Berkas tidak dapat dibaca.")

    screen.tasks.run(refuse, screen.results.append, screen.banner)
    qtbot.waitUntil(lambda: screen.banner.text() != "", timeout=WAIT_MS)
    assert screen.banner.text() == "Berkas tidak dapat dibaca."
    assert screen.banner.tone is Tone.ERROR
    assert screen.results == []


def test_a_bug_is_apologised_for_in_indonesian_and_logged_without_personal_data(
    qtbot: QtBot, screen: Screen, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    boxes: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box.text() + " " + box.informativeText())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    settled: list[bool] = []

    def broken() -> None:
        raise KeyError(f"{NIK} MARIA GORETI TAEK")

    hook, before = ErrorHook(Path("/data/logs/sirentan.log")), sys.excepthook
    sys.excepthook = hook  # as app.py installs it; put back before pytest-qt looks
    try:
        with caplog.at_level(logging.DEBUG):
            screen.tasks.run(
                broken, screen.results.append, screen.banner, settle=lambda: settled.append(True)
            )
            qtbot.waitUntil(lambda: settled == [True], timeout=WAIT_MS)
    finally:
        sys.excepthook = before

    assert boxes == [unexpected_message(Path("/data/logs/sirentan.log")) + " "]
    assert "Traceback" not in boxes[0] and "KeyError" not in boxes[0]
    assert "KeyError" in caplog.text and "test_gui_tasks.py" in caplog.text
    assert NIK not in caplog.text and "MARIA" not in caplog.text
    assert screen.results == []


def test_coba_lagi_runs_the_same_job_again(qtbot: QtBot, screen: Screen) -> None:
    attempts: list[int] = []

    def flaky() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise DatabaseUnavailableError("Server basis data tidak dapat dihubungi.")
        return "tersimpan"

    answers = ModalAnswers().then(QMessageBox, click(RETRY))
    screen.tasks.run(flaky, screen.results.append, screen.banner)
    qtbot.waitUntil(lambda: screen.results == ["tersimpan"], timeout=WAIT_MS)
    answers.check()
    assert len(attempts) == 2
    assert screen.banner.text() == ""


def test_giving_up_on_the_database_shows_why_and_retry_false_asks_nothing(
    qtbot: QtBot, screen: Screen
) -> None:
    def away() -> None:
        raise DatabaseUnavailableError("Server basis data tidak dapat dihubungi.")

    answers = ModalAnswers().then(QMessageBox, click("Tutup"))
    screen.tasks.run(away, screen.results.append, screen.banner)
    qtbot.waitUntil(lambda: screen.banner.text() != "", timeout=WAIT_MS)
    answers.check()
    assert screen.banner.text() == "Server basis data tidak dapat dihubungi."

    screen.banner.clear_message()
    screen.tasks.run(away, screen.results.append, screen.banner, retry=False)
    qtbot.waitUntil(lambda: screen.banner.text() != "", timeout=WAIT_MS)
    assert QApplication.activeModalWidget() is None


def test_an_answer_arriving_after_its_window_was_deleted_does_nothing(qtbot: QtBot) -> None:
    screen = Screen()
    tasks = screen.tasks
    running, finish = threading.Event(), threading.Event()
    touched: list[str] = []

    def slow() -> str:
        running.set()
        finish.wait(WAIT_MS / 1000)
        return "hasil"

    def done(result: str) -> None:
        touched.append(result)
        screen.banner.show_message(result)  # would raise on a deleted label

    tasks.run(slow, done, lambda error: touched.append(error.message))
    assert running.wait(WAIT_MS / 1000)
    shiboken6.delete(screen)  # the window is gone while its job still runs
    assert not shiboken6.isValid(tasks)
    finish.set()
    assert tasks.wait(WAIT_MS)
    qtbot.wait(50)  # the queued answer is delivered (and dropped) here
    assert touched == []


def test_one_screen_runs_its_jobs_in_order_and_skips_unwanted_ones(
    qtbot: QtBot, screen: Screen
) -> None:
    order: list[str] = []
    inside = threading.Lock()

    def job(name: str) -> str:
        assert inside.acquire(blocking=False), "two jobs of one screen ran at once"
        try:
            threading.Event().wait(0.02)
            order.append(name)
            return name
        finally:
            inside.release()

    for name in ("satu", "dua", "tiga"):
        screen.tasks.run(functools.partial(job, name), screen.results.append, screen.banner)
    screen.tasks.run(
        lambda: job("lewat"), screen.results.append, screen.banner, wanted=lambda: False
    )
    qtbot.waitUntil(lambda: len(screen.results) == 3, timeout=WAIT_MS)
    assert screen.tasks.wait(WAIT_MS)
    assert order == screen.results == ["satu", "dua", "tiga"]


def test_cancelled_error_is_the_one_stop_of_every_service() -> None:
    from services.cards.render import sheets
    from services.excel_export import service as export
    from services.excel_import import types as imports

    for message in (sheets.CANCELLED, export.CANCELLED, imports.CANCELLED):
        with pytest.raises(CancelledError) as raised:
            check_cancel(lambda: True, message)
        assert isinstance(raised.value, SiRentanError) and raised.value.message == message
    check_cancel(None, "tidak dipakai")
    check_cancel(lambda: False, "tidak dipakai")


def test_answers_and_progress_reach_the_gui_thread(qtbot: QtBot, screen: Screen) -> None:
    threads: list[bool] = []
    on_gui = threading.main_thread

    def work(progress: Progress, _cancel: Cancel) -> bool:
        progress("Memeriksa", 1, 1)
        return threading.current_thread() is on_gui()

    screen.tasks.progressed.connect(
        lambda *_: threads.append(threading.current_thread() is on_gui())
    )
    screen.tasks.run_cancellable(
        "Mulai", work, lambda ran_on_gui: threads.append(ran_on_gui), screen.banner
    )
    qtbot.waitUntil(lambda: not screen.tasks.busy, timeout=WAIT_MS)
    assert threads[-1] is False, "the work itself ran off the GUI thread"
    assert all(threads[:-1]) and len(threads) >= 2
