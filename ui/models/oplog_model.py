"""Table model over the operation log, newest first, a page at a time."""

from __future__ import annotations

import sqlite_utils
from PySide6.QtCore import QCoreApplication, Qt

from app import oplog
from app.oplog import OplogEntry
from app.shanghai_time import format_local
from ui import labels
from ui.models.paged_model import PagedTableModel

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


class OplogModel(PagedTableModel[OplogEntry]):
    def __init__(self, db: sqlite_utils.Database, parent: object = None) -> None:
        super().__init__(column_titles(), parent)
        self._db = db

    def next_page(self, last: OplogEntry | None) -> tuple[list[OplogEntry], bool]:
        page = oplog.entries(self._db, before_id=last.id if last else None, limit=PAGE)
        return page, len(page) < PAGE

    def cell(self, entry: OplogEntry, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == DETAILS:
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
