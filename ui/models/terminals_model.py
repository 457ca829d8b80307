"""Table model over a list of TerminalView (a handful of rows: no paging)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.shanghai_time import format_recent
from app.terminal_actions import TerminalView
from ui import labels

Index = QModelIndex | QPersistentModelIndex
NAME, TYPE, MODEL, SERIAL, FIRMWARE, LINK, BATTERY, STATUS, LAST_SEEN, LAST_SYNC = range(10)
_STATUS_COLOURS = {"ONLINE": "#1a7f37", "DEGRADED": "#9a6700", "OFFLINE": "#6e7781",
                   "BLOCKED": "#cf222e", "RETIRED": "#6e7781"}


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("TerminalsModel", "Name"),
        QCoreApplication.translate("TerminalsModel", "Type"),
        QCoreApplication.translate("TerminalsModel", "Vendor · model"),
        QCoreApplication.translate("TerminalsModel", "Serial number"),
        QCoreApplication.translate("TerminalsModel", "Firmware"),
        QCoreApplication.translate("TerminalsModel", "Link"),
        QCoreApplication.translate("TerminalsModel", "Battery"),
        QCoreApplication.translate("TerminalsModel", "Status"),
        QCoreApplication.translate("TerminalsModel", "Last seen"),
        QCoreApplication.translate("TerminalsModel", "Last sync"),
    ]


class TerminalsModel(QAbstractTableModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self._titles = column_titles()
        self.views: list[TerminalView] = []

    def set_views(self, views: list[TerminalView]) -> None:
        self.beginResetModel()
        self.views = views
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.views)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._titles)):
            return self._titles[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.views):
            return None
        view = self.views[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(view, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return QColor(_STATUS_COLOURS.get(view.status, "#1f2328"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == BATTERY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == STATUS:
            return view.policy_reason if view.status == "BLOCKED" else (view.last_error or None)
        if role == Qt.ItemDataRole.UserRole:
            return view.terminal_id
        return None


def _display(view: TerminalView, column: int) -> str:
    values = {
        NAME: view.label,
        TYPE: labels.terminal_type(view.terminal_type),
        MODEL: f"{view.vendor} · {view.model}",
        SERIAL: view.serial,
        FIRMWARE: view.firmware,
        LINK: labels.transport(view.transport),
        BATTERY: f"{view.battery} %" if view.battery is not None else "—",
        STATUS: labels.terminal_status(view.status),
        LAST_SEEN: format_recent(view.last_seen_utc_ms) if view.last_seen_utc_ms else "—",
        LAST_SYNC: format_recent(view.last_sync_utc_ms) if view.last_sync_utc_ms else "—",
    }
    return values[column]
