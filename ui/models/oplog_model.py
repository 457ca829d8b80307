"""Table model over the operation log: one filter's entries, newest first, a page at a time.

A thin adapter over app.oplog_query: the page reads the first page and the count off the
GUI thread and hands them over (`show`); later pages are read here as the view scrolls,
and never past the count, so a search that matched 12 entries does not scan the rest of
the log to learn there is no 13th.
"""

from __future__ import annotations

import sqlite_utils
from PySide6.QtCore import QCoreApplication, Qt

from app import oplog_query
from app.oplog import OplogEntry
from app.oplog_query import OplogFilter, key_of
from app.shanghai_time import format_local
from ui import labels
from ui.models.paged_model import PagedTableModel

ENTRY, TIME, OPERATION, TARGET, RESULT, ACTOR, DETAILS = range(7)
PAGE = oplog_query.PAGE_SIZE


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("OplogModel", "No."),
        QCoreApplication.translate("OplogModel", "Time (Beijing)"),
        QCoreApplication.translate("OplogModel", "Operation"),
        QCoreApplication.translate("OplogModel", "Target"),
        QCoreApplication.translate("OplogModel", "Result"),
        QCoreApplication.translate("OplogModel", "By"),
        QCoreApplication.translate("OplogModel", "Details"),
    ]


class OplogModel(PagedTableModel[OplogEntry]):
    right_aligned = frozenset({ENTRY})

    def __init__(self, db: sqlite_utils.Database, parent: object = None) -> None:
        super().__init__(column_titles(), parent)
        self._db = db
        self.query = OplogFilter()
        self.total: int | None = None     # None: not counted (read until a short page)

    def show(self, query: OplogFilter, first_page: list[OplogEntry], total: int | None) -> None:
        """Show `query`'s entries starting with `first_page`, read elsewhere."""
        self.query, self.total = query, total
        done = len(first_page) < PAGE or (total is not None and len(first_page) >= total)
        self.reset_to(first_page, done)

    def next_page(self, last: OplogEntry | None) -> tuple[list[OplogEntry], bool]:
        after = key_of(last) if last else None
        page = oplog_query.page(self._db, self.query, after, PAGE)
        loaded = len(self.rows) + len(page)
        return page, len(page) < PAGE or (self.total is not None and loaded >= self.total)

    def entry_at(self, row: int) -> OplogEntry | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, entry_id: int) -> int | None:
        return next((n for n, entry in enumerate(self.rows) if entry.id == entry_id), None)

    def cell(self, entry: OplogEntry, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == DETAILS:
            return details_text(entry)
        if role == Qt.ItemDataRole.UserRole:
            return entry.id
        return None


def display(entry: OplogEntry, column: int) -> str:
    if column == ENTRY:
        return f"{entry.id:,}"
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
    return details_text(entry)


def details_text(entry: OplogEntry) -> str:
    """The details on one line, key: value; an unreadable value (a tampered entry) as is."""
    try:
        details = entry.details
    except ValueError:
        return entry.details_json
    if not isinstance(details, dict):
        return entry.details_json
    return ", ".join(f"{key}: {value}" for key, value in details.items())
