"""The composition root: builds the application, picks the profile, shows the window.

It owns the open Profile; windows only borrow it. A language switch or a profile switch
builds a new MainWindow, because every page reads its texts when it is built.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from app.demo import create_demo_profile
from app.errors import PosDeskError
from app.paths import default_data_dir, demo_data_dir
from app.preferences import Preferences, load_preferences, save_preferences
from app.profile import KIND_DEMO, Profile, open_for_reading, open_profile, profile_exists
from app.progress import Cancelled, Progress
from app.secrets import SecretStore
from app.storage import get_setting
from ui.background import DeviceThread, run_in_background
from ui.device_context import DeviceContext
from ui.error_messages import show_error
from ui.i18n import Translations, resolve_language
from ui.lock_control import LockControl
from ui.main_window import MainWindow
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

    def _create_demo(self, data_dir: Path) -> bool:
        progress = Progress()
        dialog = QProgressDialog(
            QCoreApplication.translate("Shell", "Creating the demo: a year of transactions…"),
            QCoreApplication.translate("Shell", "Cancel"), 0, 0)
        dialog.setWindowTitle(QCoreApplication.translate("Shell", "PosDesk demo"))
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(progress.cancel)
        loop = QEventLoop()
        outcome: list[BaseException | None] = []

        def finished(error: BaseException | None) -> None:
            outcome.append(error)
            loop.quit()

        timer = QTimer()
        timer.timeout.connect(lambda: _show_progress(dialog, progress))
        timer.start(100)
        run_in_background(lambda: create_demo_profile(data_dir, progress=progress),
                          lambda _summary: finished(None), finished)
        loop.exec()
        timer.stop()
        dialog.close()
        error = outcome[0]
        if error is not None and not isinstance(error, Cancelled):
            show_error(None, error)
        return error is None

    # -- the window ---------------------------------------------------------------------
    def build_window(self, page: str | None = None) -> None:
        assert self.profile is not None
        old = self.window
        if self.context is None:
            self.context = DeviceContext(self.profile, DeviceThread())
        window = MainWindow(self.profile, self.prefs.language, self.context)
        window.language_chosen.connect(self.change_language)
        window.switch_profile.connect(self.switch_profile)
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
