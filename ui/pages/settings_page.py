"""Settings: language, removing old transactions, backups, and the same facts as `posdesk doctor`
(gathered off the GUI thread)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.backup_schedule import DEFAULT_KEEP, Schedule
from app.doctor import Fact, gather
from app.secrets import KeyringStatus, SecretStore
from app.txn_purge import RETENTION_YEARS
from ui.background import run_in_background
from ui.pages.page_parts import PageHeader
from ui.shiboken_workaround import emit


class SettingsPage(QWidget):
    language_chosen = Signal(str)   # "system", "en" or "zh_CN"
    purge_requested = Signal()
    backup_requested = Signal()
    restore_requested = Signal()
    auto_backup_changed = Signal(object, int)     # folder (None: off), backups kept

    def __init__(self, data_dir: Path, language_preference: str,
                 backups: Schedule | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        header = PageHeader(self.tr("Settings"), self.tr(
            "Language, old transactions, backups, and what PosDesk found on this computer."))

        self.language = QComboBox()
        self.language.setObjectName("languageBox")
        for code, name in (("system", self.tr("Same as the system")), ("en", "English"),
                           ("zh_CN", "简体中文")):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(language_preference), 0))
        self.language.currentIndexChanged.connect(
            lambda _: emit(self.language_chosen, self.language.currentData()))
        language_box = QGroupBox(self.tr("Language"))
        language_form = QFormLayout(language_box)
        language_form.addRow(self.tr("&Display language:"), self.language)

        data_box = QGroupBox(self.tr("Transaction history"))
        data_row = QHBoxLayout(data_box)
        retention = QLabel(self.tr("Transactions are kept %1 years; the last year is always "
                                   "kept.").replace("%1", str(RETENTION_YEARS)))
        retention.setWordWrap(True)
        self.purge_button = QPushButton(self.tr("Remove &old transactions…"))
        self.purge_button.setObjectName("purgeButton")
        self.purge_button.clicked.connect(lambda: emit(self.purge_requested))
        data_row.addWidget(retention, 1)
        data_row.addWidget(self.purge_button)

        backup_box = self._backup_box(backups or Schedule(None, DEFAULT_KEEP, None))

        self.keyring_banner = QLabel()
        self.keyring_banner.setObjectName("warningBanner")
        self.keyring_banner.setWordWrap(True)
        self.keyring_banner.hide()

        self.facts_box = QGroupBox(self.tr("This computer"))
        self.facts_form = QFormLayout(self.facts_box)
        self.facts_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.refresh_button = QPushButton(self.tr("&Check again"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(self.keyring_banner)
        layout.addWidget(language_box)
        layout.addWidget(data_box)
        layout.addWidget(backup_box)
        layout.addWidget(self.facts_box)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.facts: list[Fact] = []
        self.refresh()

    def _backup_box(self, plan: Schedule) -> QGroupBox:
        box = QGroupBox(self.tr("Backups"))
        column = QVBoxLayout(box)
        row = QHBoxLayout()
        text = QLabel(self.tr("One file with your transactions, activity log, terminals and "
                              "settings. Passwords and keys are not in it."))
        text.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("&Back up now…"))
        self.backup_button.setObjectName("backupButton")
        self.backup_button.clicked.connect(lambda: emit(self.backup_requested))
        self.restore_button = QPushButton(self.tr("R&estore from a backup…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(lambda: emit(self.restore_requested))
        row.addWidget(text, 1)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        column.addLayout(row)
        column.addLayout(self._schedule_row(plan))
        return box

    def _schedule_row(self, plan: Schedule) -> QHBoxLayout:
        self.auto_backup = QCheckBox(self.tr("Back up &automatically every day into"))
        self.auto_backup.setObjectName("autoBackup")
        self.auto_folder = QLineEdit(str(plan.folder or _default_backup_folder()))
        self.auto_folder.setObjectName("autoBackupFolder")
        self.auto_folder.setReadOnly(True)
        choose = QPushButton(self.tr("C&hoose…"))
        choose.clicked.connect(self._choose_backup_folder)
        self.auto_keep = QSpinBox()
        self.auto_keep.setRange(1, 365)
        self.auto_keep.setValue(plan.keep)
        self.auto_keep.setSuffix(self.tr(" kept"))
        self.auto_keep.setAccessibleName(self.tr("Automatic backups kept"))
        self.auto_backup.setChecked(plan.folder is not None)
        self.auto_backup.toggled.connect(self._schedule_changed)
        self.auto_keep.valueChanged.connect(self._schedule_changed)
        row = QHBoxLayout()
        row.addWidget(self.auto_backup)
        row.addWidget(self.auto_folder, 1)
        row.addWidget(choose)
        row.addWidget(self.auto_keep)
        return row

    def _choose_backup_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for automatic backups"),
                                                  self.auto_folder.text())
        if chosen:
            self.auto_folder.setText(chosen)
            self._schedule_changed()

    def _schedule_changed(self) -> None:
        folder = Path(self.auto_folder.text()) if self.auto_backup.isChecked() else None
        emit(self.auto_backup_changed, folder, self.auto_keep.value())

    def refresh(self) -> None:
        """Gather the doctor facts in the background (the integrity check can take seconds)."""
        self.refresh_button.setEnabled(False)
        self._show_message(self.tr("Checking…"))
        run_in_background(lambda: (gather(self.data_dir), SecretStore().status()),
                          self._show_facts, self._show_error, owner=self)

    def _show_facts(self, found: tuple[list[Fact], KeyringStatus]) -> None:
        self.facts, keyring_status = found
        _clear(self.facts_form)
        titles = fact_titles()
        for fact in self.facts:
            mark = "✔ " if fact.ok else "⚠ " if fact.ok is False else ""
            value = QLabel(mark + fact_text(fact))
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setObjectName(f"fact_{fact.key}")
            self.facts_form.addRow(titles.get(fact.key, fact.label) + ":", value)
        self._show_keyring(keyring_status)
        self.refresh_button.setEnabled(True)

    def _show_keyring(self, status: KeyringStatus) -> None:
        if status.usable:
            self.keyring_banner.hide()
            return
        self.keyring_banner.setText(keyring_problem_text(status.reason))
        self.keyring_banner.show()

    def _show_error(self, error: BaseException) -> None:
        self._show_message(self.tr("Could not check this computer: %1").replace("%1", str(error)))
        self.refresh_button.setEnabled(True)

    def _show_message(self, text: str) -> None:
        _clear(self.facts_form)
        self.facts_form.addRow(QLabel(text))


def _default_backup_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "PosDesk backups"


def fact_titles() -> dict[str, str]:
    return {
        "version": QCoreApplication.translate("SettingsPage", "PosDesk version"),
        "data_dir": QCoreApplication.translate("SettingsPage", "Data folder"),
        "database": QCoreApplication.translate("SettingsPage", "Database"),
        "log_file": QCoreApplication.translate("SettingsPage", "Log file"),
        "keyring": QCoreApplication.translate("SettingsPage", "Keyring"),
        "usb": QCoreApplication.translate("SettingsPage", "USB backend"),
        "bluetooth": QCoreApplication.translate("SettingsPage", "Bluetooth"),
        "locale": QCoreApplication.translate("SettingsPage", "Locale"),
    }


def fact_text(fact: Fact) -> str:
    """A fact's value in the user's language where it is words, not a path or a name."""
    data = fact.data
    if fact.key == "database":
        return _database_text(fact)
    if fact.key == "keyring":
        state = (QCoreApplication.translate("SettingsPage", "usable") if fact.ok
                 else QCoreApplication.translate("SettingsPage", "not usable, see above"))
        return f"{data.get('backend', '')} ({state})"
    if fact.key == "usb":
        if data.get("source") == "libusb-package":
            return QCoreApplication.translate("SettingsPage", "libusb 1.0, shipped with PosDesk")
        if data.get("source") == "system":
            return QCoreApplication.translate("SettingsPage", "libusb 1.0 from the system")
        return QCoreApplication.translate("SettingsPage",
                                          "No libusb found: USB terminals cannot be used")
    if fact.key == "bluetooth":
        if data.get("available") is None:
            return QCoreApplication.translate("SettingsPage", "Checked when scanning for terminals")
        if not data.get("available"):
            return QCoreApplication.translate("SettingsPage", "No Bluetooth adapter found")
    return fact.value


def _database_text(fact: Fact) -> str:
    data = fact.data
    state = data.get("state")
    if state == "ok":
        return (QCoreApplication.translate(
            "SettingsPage", "Integrity check passed · schema %1 · %2 transactions")
            .replace("%1", str(data.get("schema")))
            .replace("%2", f"{int(data.get('transactions', 0)):,}"))  # type: ignore[call-overload]
    if state == "missing":
        return QCoreApplication.translate("SettingsPage", "Not created yet")
    if state == "damaged":
        return QCoreApplication.translate("SettingsPage", "Integrity check FAILED: %1").replace(
            "%1", str(data.get("problem", "")))
    if state == "unreadable":
        return QCoreApplication.translate("SettingsPage", "Cannot be opened: %1").replace(
            "%1", str(data.get("problem", "")))
    return fact.value


def keyring_problem_text(reason: str) -> str:
    texts = {
        "missing": QCoreApplication.translate(
            "SettingsPage",
            "No system keyring was found, so PosDesk cannot keep secrets such as terminal "
            "keys and passwords. Pairing and passwords are switched off. On Linux, install and "
            "start a Secret Service (gnome-keyring or KWallet), then restart PosDesk."),
        "unsafe": QCoreApplication.translate(
            "SettingsPage",
            "The keyring in use keeps secrets in an unprotected file. PosDesk refuses to use "
            "it; pairing and passwords are switched off until a system keyring is available."),
        "locked": QCoreApplication.translate(
            "SettingsPage",
            "The system keyring is locked. Unlock it (sign in to your desktop or unlock the "
            "'Login' keyring) and restart PosDesk; until then pairing and passwords are off."),
    }
    return texts.get(reason, QCoreApplication.translate(
        "SettingsPage",
        "The system keyring does not answer. Pairing and passwords are switched off until it "
        "does; see the log file for details."))


def _clear(form: QFormLayout) -> None:
    while form.rowCount():
        form.removeRow(0)
