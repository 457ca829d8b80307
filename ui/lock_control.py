"""When PosDesk locks and what is visible meanwhile: the app lock wired to the windows.

With a password enrolled the app starts locked (before any window with data exists), locks
again after the idle time or on request (Ctrl+L), and while locked every window is hidden,
so closing or cancelling the lock dialog never shows what was behind it: it quits.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.app_lock import AppLock
from app.factors import FactorRegistry
from app.limits import POSSESSION
from app.profile import Profile
from app.secrets import SecretStore
from ui.idle_watch import IdleWatch
from ui.lock_dialog import LockDialog


class LockControl(QObject):
    def __init__(self, app: QApplication, profile: Profile, store: SecretStore) -> None:
        super().__init__()
        self.app = app
        self.registry = FactorRegistry(profile.db, profile.oplog, store)
        self.idle = IdleWatch(0, self)
        self.idle.idle.connect(lambda: self.lock_now("idle"))
        self._asking = False
        self.app_lock: AppLock | None = None
        self.reload()

    @property
    def enabled(self) -> bool:
        """Locking needs a password; without one there is nothing to unlock with."""
        return self.app_lock is not None

    def reload(self) -> None:
        """Re-read the factors (after the Verification page changed them)."""
        has_password = any(f.type == "STATIC_PASSWORD" for f in self.registry.active())
        if not has_password:
            self.app_lock = None
            self.idle.set_timeout_s(0)
            return
        check_password, check_second = self.registry.unlock_checkers()
        second = self.registry.lock_second_factor()
        self.app_lock = AppLock(self.registry.db, self.registry.log, check_password,
                                check_second, second_category=(
                                    second.category or POSSESSION) if second else POSSESSION)
        self.idle.set_timeout_s(self.app_lock.idle_lock_s)

    def unlock_at_start(self) -> bool:
        """True when the app may show its data: no password, or the right one was given."""
        if self.app_lock is None:
            return True
        self.app_lock.lock("start")
        return self._ask()

    def lock_now(self, reason: str = "manual") -> None:
        """Hide everything, ask; quit when the person closes the lock instead."""
        if self.app_lock is None and reason == "manual":
            QMessageBox.information(self.app.activeWindow(), self.tr("Nothing to lock with"),
                                    self.tr("Set a password on the Verification page first: "
                                            "PosDesk then asks for it when it starts, after "
                                            "being idle, and when you lock it."))
            return
        if self.app_lock is None or self._asking:
            return
        self.app_lock.lock(reason)
        shown = [w for w in self.app.topLevelWidgets() if w.isVisible()]
        quit_on_close = self.app.quitOnLastWindowClosed()
        self.app.setQuitOnLastWindowClosed(False)
        for window in shown:
            window.hide()
        unlocked = self._ask()
        self.app.setQuitOnLastWindowClosed(quit_on_close)
        if not unlocked:
            self.app.quit()
            return
        for window in shown:
            window.show()

    def set_idle_lock_s(self, seconds: int) -> None:
        if self.app_lock is not None:
            self.app_lock.set_idle_lock_s(seconds)
            self.idle.set_timeout_s(seconds)

    def _ask(self) -> bool:
        assert self.app_lock is not None
        self._asking = True
        self.idle.pause()
        try:
            dialog = self.make_dialog(self.app_lock)
            return dialog.exec() == LockDialog.DialogCode.Accepted
        finally:
            self.idle.resume()
            self._asking = False

    def make_dialog(self, app_lock: AppLock, parent: QWidget | None = None) -> LockDialog:
        """A method of its own so a test can answer the dialog the way a person would."""
        return LockDialog(app_lock, parent)
