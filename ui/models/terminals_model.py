"""Table model over a list of TerminalView (a handful of rows: no paging)."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)
from PySide6.QtGui import QColor

from app.shanghai_time import format_recent
from app.terminal_actions import TerminalView
from ui import labels
from ui.models.paged_model import PagedTableModel

NAME, TYPE, MODEL, SERIAL, FIRMWARE, LINK, BATTERY, STATUS, LAST_SEEN, LAST_SYNC = range(10)
_STATUS_COLOURS = {"ONLINE": "#1a7f37", "DEGRADED": "#9a6700", "OFFLINE": "#6e7781",
                   "BLOCKED": "#cf222e", "RETIRED": "#6e7781"}


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("TerminalsModel", "Name"),
        QCoreApplication.translate("TerminalsModel", "Type"),
        QCoreApplication.translate("TerminalsModel", "Vendor · model"),
        QCoreApplication.translate("TerminalsModel", "Serial number"),
        QCoreApplication.translate("TerminalsModel", "Firmware · parameters"),
        QCoreApplication.translate("TerminalsModel", "Link"),
        QCoreApplication.translate("TerminalsModel", "Battery"),
        QCoreApplication.translate("TerminalsModel", "Status"),
        QCoreApplication.translate("TerminalsModel", "Last seen"),
        QCoreApplication.translate("TerminalsModel", "Last sync"),
    ]


class TerminalsModel(PagedTableModel[TerminalView]):
    """A handful of rows, all given at once by set_views (no paging)."""

    right_aligned = frozenset({BATTERY})

    def __init__(self, parent: object = None) -> None:
        super().__init__(column_titles(), parent)
        self._exhausted = True

    @property
    def views(self) -> list[TerminalView]:
        return self.rows

    def set_views(self, views: list[TerminalView]) -> None:
        self.beginResetModel()
        self._rows = list(views)
        self.endResetModel()

    def next_page(self, last: TerminalView | None) -> tuple[list[TerminalView], bool]:
        return [], True

    def cell(self, view: TerminalView, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(view, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return QColor(_STATUS_COLOURS.get(view.status, "#1f2328"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(view, column)
        if role == Qt.ItemDataRole.UserRole:
            return view.terminal_id
        return None


def _display(view: TerminalView, column: int) -> str:
    values = {
        NAME: view.label,
        TYPE: labels.terminal_type(view.terminal_type),
        MODEL: f"{view.vendor} · {view.model}",
        SERIAL: view.serial,
        FIRMWARE: f"{view.firmware} · v{view.param_version}" if view.param_version
        else view.firmware,
        LINK: labels.transport(view.transport),
        BATTERY: f"{view.battery} %" if view.battery is not None else "—",
        STATUS: labels.terminal_status(view.status),
        LAST_SEEN: format_recent(view.last_seen_utc_ms) if view.last_seen_utc_ms else "—",
        LAST_SYNC: format_recent(view.last_sync_utc_ms) if view.last_sync_utc_ms else "—",
    }
    return values[column]


def _tooltip(view: TerminalView, column: int) -> str | None:
    if column == STATUS:
        return view.policy_reason if view.status == "BLOCKED" else (view.last_error or None)
    if column == TYPE and view.capabilities:
        return ", ".join(labels.capability(c) for c in view.capabilities)
    if column == FIRMWARE:
        params = QCoreApplication.translate("TerminalsModel", "parameter version %1").replace(
            "%1", str(view.param_version)) if view.param_version else QCoreApplication.translate(
            "TerminalsModel", "no signed parameters pushed from here")
        return f"{view.firmware} — {params}"
    return None
