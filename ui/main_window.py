"""The main window: a navigation list and one page per entry. A shell, nothing more.

Pages talk to the shell through signals (language, profile switch, lock, factor changes);
the window itself holds no state beyond which page is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.backup import read_manifest
from app.backup_schedule import schedule, set_schedule
from app.errors import PosDeskError
from app.factors import enrolled_types
from app.oplog import SETTINGS_CHANGED
from app.profile import Profile
from app.secrets import SecretStore
from ui.auto_backup import AutoBackup
from ui.background import DeviceThread
from ui.backup_dialog import BackupDialog
from ui.device_context import DeviceContext
from ui.error_messages import show_error
from ui.pages.activity_page import ActivityPage
from ui.pages.limits_page import LimitsPage
from ui.pages.settings_page import SettingsPage
from ui.pages.terminals_page import TerminalsPage
from ui.pages.transactions_page import TransactionsPage
from ui.pages.verification_page import VerificationPage
from ui.purge_dialog import PurgeDialog
from ui.restore_dialog import RestoreDialog, choose_backup
from ui.shiboken_workaround import emit
from ui.style import icon


class MainWindow(QMainWindow):
    language_chosen = Signal(str)
    switch_profile = Signal(str)   # "demo" or "own"
    lock_requested = Signal()
    factors_changed = Signal()
    restore_chosen = Signal(object)   # the backup file (Path) the user confirmed

    def __init__(self, profile: Profile, language_preference: str,
                 context: DeviceContext | None = None) -> None:
        super().__init__()
        self.profile = profile
        self._own_context = context is None
        self.context = context or DeviceContext(profile, DeviceThread())
        self.setWindowTitle(self._title())
        self.setWindowIcon(icon("app"))
        self._fit_to_screen()
        self.setMinimumSize(QSize(900, 560))

        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(200)
        self.nav.setAccessibleName(self.tr("Navigation"))
        self.terminals = TerminalsPage(self.context)
        self.transactions = TransactionsPage(profile)
        self.activity = ActivityPage(profile)
        self.limits = LimitsPage(profile, enrolled=self._enrolled_types())
        self.limits.profile_changed.connect(self.activity.refresh)
        self.limits.scenarios.changed.connect(self.activity.refresh)
        self.limits.scenarios.changed.connect(self.transactions.reload)
        self.limits.scenarios.show_flagged.connect(self._show_flagged)
        self.verification = VerificationPage(profile, SecretStore())
        self.verification.factors_changed.connect(self._factors_changed)
        self.settings = SettingsPage(profile.data_dir, language_preference,
                                     backups=schedule(profile.db))
        self.settings.auto_backup_changed.connect(self._auto_backup_changed)
        self.auto_backup = AutoBackup(profile, self)
        self.auto_backup.said.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.settings.language_chosen.connect(self.language_chosen)
        self.settings.purge_requested.connect(self.purge_old_transactions)
        self.settings.backup_requested.connect(self.back_up)
        self.settings.restore_requested.connect(self.choose_restore)
        self.terminals.transactions_changed.connect(self.transactions.reload)
        self._add_page("terminals", self.tr("Terminals"), self.terminals)
        self._add_page("transactions", self.tr("Transactions"), self.transactions)
        self._add_page("limits", self.tr("Limits"), self.limits)
        self._add_page("verification", self.tr("Verification"), self.verification)
        self._add_page("activity", self.tr("Activity log"), self.activity)
        self._add_page("settings", self.tr("Settings"), self.settings)
        self.nav.currentRowChanged.connect(self._show_page)
        self.nav.setCurrentRow(1)       # Transactions: what a merchant opens the app for

        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self._sidebar())
        row.addWidget(self.pages, 1)
        self.setCentralWidget(body)
        self._build_menus()
        self.statusBar().showMessage(self._status_text())

    def purge_old_transactions(self) -> None:
        """Settings' "Remove old transactions…": the dialog asks before anything goes; the
        history and the activity log show the result at once."""
        dialog = PurgeDialog(self.profile, self)
        dialog.exec()
        if dialog.removed:
            self.transactions.reload()
            self.activity.refresh()

    def back_up(self) -> None:
        BackupDialog(self.profile, self).exec()
        self.activity.refresh()

    def _auto_backup_changed(self, folder: object, keep: int) -> None:
        set_schedule(self.profile.db, folder, keep)  # type: ignore[arg-type]
        self.profile.oplog.append(SETTINGS_CHANGED, target_type="setting",
                                  target_id="automatic backups",
                                  details={"folder": str(folder or ""), "keep": keep})
        self.auto_backup.check()

    def choose_restore(self) -> None:
        """Pick a backup, show what it holds, and hand it to the shell once confirmed: the
        shell must close this window's profile before the data can be replaced."""
        backup = choose_backup(self)
        if backup is None:
            return
        try:
            manifest = read_manifest(backup)
        except PosDeskError as exc:
            show_error(self, exc)
            return
        dialog = RestoreDialog(backup, manifest, self.profile.data_dir, self)
        if dialog.exec() == RestoreDialog.DialogCode.Accepted:
            emit(self.restore_chosen, backup)

    def _show_flagged(self, first: object, last: object) -> None:
        """The Limits page asked for the transactions its scenario policies flagged."""
        self.transactions.filters.show_flagged(first, last)  # type: ignore[arg-type]
        self.show_page("transactions")

    def _factors_changed(self) -> None:
        """A factor was added, changed or removed: the what-if ticks, the tier hint, the
        lock (through the shell) and the activity log follow."""
        self.limits.set_enrolled(self._enrolled_types())
        self.activity.refresh()
        emit(self.factors_changed)

    def _enrolled_types(self) -> tuple[str, ...]:
        """The factor types the merchant uses (no secret is read for this)."""
        return enrolled_types(self.profile.db)

    def _fit_to_screen(self) -> None:
        """Up to 1400×860, never more than 90 % of the screen's free area."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1400, 860
        if screen is not None:
            width = min(width, int(screen.width() * 0.9))
            height = min(height, int(screen.height() * 0.9))
        self.resize(max(width, 900), max(height, 560))

    def _title(self) -> str:
        demo = self.tr(" — demo data") if self.profile.is_demo else ""
        return self.tr("PosDesk") + demo

    def _status_text(self) -> str:
        if self.profile.is_demo:
            return self.tr("Demo profile: simulated terminals and generated transactions. "
                           "Your own data is kept separately.")
        return self.tr("Data folder: %1").replace("%1", str(self.profile.data_dir))

    def _sidebar(self) -> QWidget:
        side = QWidget()
        side.setObjectName("sidebar")
        column = QVBoxLayout(side)
        column.setContentsMargins(0, 12, 0, 12)
        brand = QLabel(self.tr("PosDesk"))
        brand.setObjectName("brand")
        brand.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(brand)
        if self.profile.is_demo:
            badge = QLabel(self.tr("DEMO DATA"))
            badge.setObjectName("demoBadge")
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(badge)
        column.addWidget(self.nav, 1)
        return side

    def _add_page(self, key: str, title: str, page: QWidget) -> None:
        page.setObjectName(f"page_{key}")
        page.setContentsMargins(16, 12, 16, 8)
        self.pages.addWidget(page)
        item = QListWidgetItem(icon(key), title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.nav.addItem(item)
        shortcut = QAction(self)
        shortcut.setShortcut(QKeySequence(f"Ctrl+{self.nav.count()}"))
        index = self.nav.count() - 1
        shortcut.triggered.connect(lambda: self.nav.setCurrentRow(index))
        self.addAction(shortcut)

    def _show_page(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        if self.pages.currentWidget() is self.activity:
            self.activity.refresh()
        elif self.pages.currentWidget() is self.limits:
            self.limits.scenarios.refresh()      # a sync or an import may have flagged more

    def page_keys(self) -> list[str]:
        return [self.nav.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.nav.count())]

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.page_keys().index(key))

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        if self.profile.is_demo:
            own = file_menu.addAction(self.tr("Open &my own data"))
            own.triggered.connect(lambda: emit(self.switch_profile, "own"))
        else:
            demo = file_menu.addAction(self.tr("Open the &demo"))
            demo.triggered.connect(lambda: emit(self.switch_profile, "demo"))
        file_menu.addSeparator()
        lock = file_menu.addAction(self.tr("&Lock PosDesk"))
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(lambda: emit(self.lock_requested))
        quit_action = file_menu.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = help_menu.addAction(self.tr("&About PosDesk"))
        about.triggered.connect(self._about)

    def release(self) -> None:
        """Stop everything that reads or writes the profile in the background: the timers
        and the pages' reader threads with their own connections. The shell calls it before
        it closes the profile (a restore replaces the database file underneath)."""
        self.auto_backup.stop()
        self.terminals.timer.stop()
        self.transactions.shutdown()
        self.activity.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.release()
        if self._own_context:
            self.context.close()
        super().closeEvent(event)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About PosDesk"), self.tr(
            "PosDesk (POS 管家) %1\n\nManage payment terminals, review transactions and see "
            "payment-limit usage. Card numbers are only ever kept masked.").replace(
                "%1", __version__))
