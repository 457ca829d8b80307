"""Table model over the operation log, newest first, a page at a time."""

from __future__ import annotations

import sqlite_utils
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app import oplog
from app.oplog import OplogEntry
from app.shanghai_time import format_local
from ui import labels

Index = QModelIndex | QPersistentModelIndex
TIME, OPERATION, TARGET, RESULT, ACTOR, DETAILS = range(6)
PAGE = 200


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("OplogModel", "Time (Beijing)"),
        QCoreApplication.translate("OplogModel", "Operation"),
        QCoreApplication.translate("OplogModel", "Target"),
        QCoreApplication.translate("OplogModel", "Result"),
        QCoreApplication.translate("OplogModel", "By"),
        QCoreApplication.translate("OplogModel", "Details"),
    ]


class OplogModel(QAbstractTableModel):
    def __init__(self, db: sqlite_utils.Database, parent: object = None) -> None:
        super().__init__(parent)
        self._db = db
        self._rows: list[OplogEntry] = []
        self._exhausted = False
        self._titles = column_titles()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        before = self._rows[-1].id if self._rows else None
        page = oplog.entries(self._db, before_id=before, limit=PAGE)
        if len(page) < PAGE:
            self._exhausted = True
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def reload(self) -> None:
        """Start again from the newest entry (after new entries were written)."""
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self.endResetModel()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._titles)):
            return self._titles[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == DETAILS:
            return _details(entry)
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None


def _display(entry: OplogEntry, column: int) -> str:
    if column == TIME:
        return format_local(entry.occurred_at_utc_ms)
    if column == OPERATION:
        return labels.op_type(entry.op_type)
    if column == TARGET:
        kind = labels.target_type(entry.target_type)
        return f"{kind}: {entry.target_id}" if entry.target_id else kind
    if column == RESULT:
        return labels.result(entry.result)
    if column == ACTOR:
        return entry.actor_id
    return _details(entry)


def _details(entry: OplogEntry) -> str:
    return ", ".join(f"{key}: {value}" for key, value in entry.details.items())
