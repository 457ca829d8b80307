"""A read-only table model that loads rows a page at a time as the view scrolls.

Subclasses say how to fetch the next page and how to show a cell; the model contract
(row counts, canFetchMore/fetchMore, headers) lives here once.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    right_aligned: frozenset[int] = frozenset()

    def __init__(self, titles: list[str], parent: object = None) -> None:
        super().__init__(parent)
        self._titles = titles
        self._rows: list[Row] = []
        self._exhausted = False

    # -- for subclasses -----------------------------------------------------------------
    def next_page(self, last: Row | None) -> tuple[list[Row], bool]:
        """The rows after `last` and whether that was the final page."""
        raise NotImplementedError

    def cell(self, row: Row, column: int, role: int) -> object:
        """Any role but alignment; DisplayRole at least."""
        raise NotImplementedError

    # -- the model contract -------------------------------------------------------------
    @property
    def rows(self) -> list[Row]:
        return self._rows

    def reload(self) -> None:
        """Start again from the first page (after rows were added)."""
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        self.endResetModel()

    def reset_to(self, rows: list[Row], exhausted: bool) -> None:
        """Start again from rows already read (off the GUI thread); later pages follow
        them as the view scrolls unless `exhausted`."""
        self.beginResetModel()
        self._rows = list(rows)
        self._exhausted = exhausted
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        page, self._exhausted = self.next_page(self._rows[-1] if self._rows else None)
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._titles):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.right_aligned:
            return RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if index.column() in self.right_aligned else None
        return self.cell(self._rows[index.row()], index.column(), role)
