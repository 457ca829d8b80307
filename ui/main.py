"""The composition root: builds the application, picks the profile, shows the window.

It owns the open Profile; windows only borrow it. A language switch or a profile switch
builds a new MainWindow, because every page reads its texts when it is built.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from app.backup import RestoreReport
from app.demo import create_demo_profile
from app.errors import DamagedDatabaseError, NotAPosDeskDatabaseError, PosDeskError
from app.paths import default_data_dir, demo_data_dir
from app.preferences import Preferences, load_preferences, save_preferences
from app.profile import (
    KIND_DEMO,
    Profile,
    open_for_reading,
    open_profile,
    profile_exists,
    set_aside,
)
from app.profile_restore import restore_profile
from app.progress import Cancelled, Progress
from app.secrets import SecretStore
from app.storage import get_setting
from ui.background import DeviceThread, run_in_background
from ui.damaged_database_dialog import QUIT, START_NEW, ask_what_to_do
from ui.device_context import DeviceContext
from ui.error_messages import show_error
from ui.i18n import Translations, resolve_language
from ui.lock_control import LockControl
from ui.main_window import MainWindow
from ui.restore_dialog import choose_backup, show_restore_report
from ui.style import apply_style
from ui.welcome_dialog import DEMO, WelcomeDialog

log = logging.getLogger(__name__)


class Shell:
    def __init__(self, app: QApplication, prefs: Preferences, translations: Translations) -> None:
        self.app = app
        self.prefs = prefs
        self.translations = translations
        self.profile: Profile | None = None
        self.window: MainWindow | None = None
        self.context: DeviceContext | None = None
        self.lock: LockControl | None = None

    # -- choosing and opening a profile -------------------------------------------------
    def start(self, data_dir: Path | None, demo: bool) -> bool:
        """Open the right profile and show the window; False when the user chose to quit."""
        if demo:
            return self.open(data_dir or demo_data_dir(), demo=True)
        own = data_dir or default_data_dir()
        if profile_exists(own):
            return self.open(own, demo=False)
        if data_dir is None and self.prefs.last_profile == DEMO and profile_exists(demo_data_dir()):
            return self.open(demo_data_dir(), demo=True)
        while True:
            dialog = WelcomeDialog(own)
            if dialog.exec() != WelcomeDialog.DialogCode.Accepted:
                return False
            if self.open(demo_data_dir() if dialog.choice == DEMO else own,
                         demo=dialog.choice == DEMO):
                return True

    def open(self, data_dir: Path, *, demo: bool) -> bool:
        if demo and not _demo_ready(data_dir) and not self._create_demo(data_dir):
            return False
        try:
            profile = open_profile(data_dir)
        except (DamagedDatabaseError, NotAPosDeskDatabaseError) as exc:
            return self._recover(data_dir, exc, demo=demo)
        except PosDeskError as exc:
            show_error(None, exc)
            return False
        lock = LockControl(self.app, profile, SecretStore())
        if not lock.unlock_at_start():
            profile.close()
            return False
        self._close_profile()
        self.profile = profile
        self.lock = lock
        self.prefs.last_profile = KIND_DEMO if profile.is_demo else "own"
        save_preferences(self.prefs)
        self.build_window()
        return True

    def _recover(self, data_dir: Path, error: PosDeskError, *, demo: bool) -> bool:
        """The database cannot be opened: restore a backup or set it aside, as chosen."""
        while True:
            choice = ask_what_to_do(error, data_dir)
            if choice == QUIT:
                return False
            if choice == START_NEW:
                aside = set_aside(data_dir)
                QMessageBox.information(None, QCoreApplication.translate("Shell", "PosDesk"),
                                        QCoreApplication.translate(
                                            "Shell", "The damaged file is kept as %1. PosDesk "
                                            "starts with a new profile.").replace("%1",
                                                                                  str(aside)))
                return self.open(data_dir, demo=demo)
            backup = choose_backup(None)
            if backup is not None and self._restore_into(data_dir, backup) is not None:
                return self.open(data_dir, demo=demo)

    def restore_from(self, backup: Path) -> None:
        """Settings' "Restore from a backup…", after the user confirmed: the profile is
        closed, the checked backup put in its place, and the profile opened again (the old
        data when the backup was refused)."""
        assert self.profile is not None
        data_dir, demo = self.profile.data_dir, self.profile.is_demo
        if self.window is not None:
            self.window.hide()
        self._close_profile()
        report = self._restore_into(data_dir, backup)
        if not self.open(data_dir, demo=demo):
            self.app.quit()
            return
        if report is not None and self.window is not None:
            show_restore_report(self.window, report)

    def _restore_into(self, data_dir: Path, backup: Path) -> RestoreReport | None:
        progress = Progress()
        result, error = self._with_progress(
            QCoreApplication.translate("Shell", "Checking and restoring the backup…"),
            progress, lambda: restore_profile(data_dir, backup, SecretStore(), progress))
        if error is not None:
            show_error(None, error)
            return None
        return result  # type: ignore[return-value]

    def _create_demo(self, data_dir: Path) -> bool:
        progress = Progress()
        _, error = self._with_progress(
            QCoreApplication.translate("Shell", "Creating the demo: a year of transactions…"),
            progress, lambda: create_demo_profile(data_dir, progress=progress))
        if error is not None and not isinstance(error, Cancelled):
            show_error(None, error)
        return error is None

    def _with_progress(self, label: str, progress: Progress,
                       work: Callable[[], object]) -> tuple[object, BaseException | None]:
        """Run `work` off the GUI thread behind a modal progress dialog; (result, error)."""
        dialog = QProgressDialog(label, QCoreApplication.translate("Shell", "Cancel"), 0, 0)
        dialog.setWindowTitle(QCoreApplication.translate("Shell", "PosDesk"))
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(progress.cancel)
        loop = QEventLoop()
        outcome: list[tuple[object, BaseException | None]] = []

        def finished(value: object, error: BaseException | None) -> None:
            outcome.append((value, error))
            loop.quit()

        timer = QTimer()
        timer.timeout.connect(lambda: _show_progress(dialog, progress))
        timer.start(100)
        run_in_background(work, lambda value: finished(value, None),
                          lambda error: finished(None, error))
        loop.exec()
        timer.stop()
        dialog.close()
        return outcome[0]

    # -- the window ---------------------------------------------------------------------
    def build_window(self, page: str | None = None) -> None:
        assert self.profile is not None
        old = self.window
        if self.context is None:
            self.context = DeviceContext(self.profile, DeviceThread())
        window = MainWindow(self.profile, self.prefs.language, self.context)
        window.language_chosen.connect(self.change_language)
        window.switch_profile.connect(self.switch_profile)
        window.restore_chosen.connect(self.restore_from)
        if self.lock is not None:
            window.lock_requested.connect(self.lock.lock_now)
            window.factors_changed.connect(self.lock.reload)
        if page:
            window.show_page(page)
        if old is not None:
            window.setGeometry(old.geometry())
        window.show()
        self.window = window
        if old is not None:
            old.hide()
            old.deleteLater()

    def change_language(self, preference: str) -> None:
        self.prefs.language = preference
        save_preferences(self.prefs)
        self.translations.install(resolve_language(preference))
        self.build_window(page="settings")

    def switch_profile(self, kind: str) -> None:
        target = demo_data_dir() if kind == DEMO else default_data_dir()
        self.open(target, demo=kind == DEMO)

    def shutdown(self) -> None:
        self._close_profile()

    def _close_profile(self) -> None:
        if self.window is not None:
            self.window.release()
        if self.lock is not None:
            self.lock.idle.stop()
            self.lock = None
        if self.context is not None:
            self.context.close()
            self.context = None
        if self.profile is not None:
            self.profile.close()
            self.profile = None


def _demo_ready(data_dir: Path) -> bool:
    """A demo whose creation finished (an interrupted one is completed on open)."""
    if not profile_exists(data_dir):
        return False
    db = open_for_reading(data_dir)
    try:
        return get_setting(db, "demo_complete") == "1"
    finally:
        db.close()


def _show_progress(dialog: QProgressDialog, progress: Progress) -> None:
    done, total, _ = progress.snapshot()
    if total:
        dialog.setMaximum(total)
        dialog.setValue(done)


def run_gui(data_dir: Path | None = None, demo: bool = False, language: str | None = None,
            screenshot: Path | None = None, page: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("PosDesk")
    app.setApplicationDisplayName("PosDesk")
    apply_style(app)
    prefs = load_preferences()
    translations = Translations(app)
    translations.install(language or resolve_language(prefs.language))
    shell = Shell(app, prefs, translations)
    try:
        if not shell.start(data_dir, demo):
            return 0
        if page and shell.window is not None:
            shell.window.show_page(page)
        if screenshot is not None:
            QTimer.singleShot(1500, lambda: _save_and_quit(shell, screenshot))
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone(10_000)
        shell.shutdown()


def _save_and_quit(shell: Shell, path: Path) -> None:
    if shell.window is not None:
        shell.window.grab().save(str(path))
        log.info("screenshot saved to %s", path)
    QApplication.quit()
