"""Rows of a history filter by position, for a table that shows a million of them.

A view asks for "row 734,012"; nothing here ever holds the window. Rows come in blocks of
a few hundred by keyset on (ts_utc_ms, id): the block after a known key when the view
scrolls on, and after a key found through the daily rollups when it jumps (history.key_at).
A bounded LRU keeps the blocks seen last, and the last key of every block fetched is kept
(two ints per block) so that scrolling back never needs a jump again.

Time order, newest or oldest first, works at any size. Ordering by another column has no
index to walk, so it is offered only while the filter matches at most SORT_LIMIT rows: then
the ordered ids are read once (a few hundred KiB) and blocks are fetched by id.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import sqlite_utils

from app.history import LIST_COLUMNS, TxnFilter, TxnRow, key_at, page_after

SORT_LIMIT = 50_000
# Columns a person may order by besides time, and the SQL that orders them.
SORTABLE = {"time": "ts_utc_ms", "terminal": "terminal_id", "type": "txn_type",
            "channel": "channel", "amount": "amount_fen", "status": "status",
            "card": "pan_last4", "trace": "trace_id"}


class SortTooBroadError(Exception):
    """Ordering by this column needs a narrower filter (no index can walk it)."""


@dataclass(frozen=True)
class Ordering:
    column: str = "time"
    descending: bool = True


class HistoryWindow:
    """`row(position)` for 0 <= position < total, in the chosen order."""

    def __init__(self, db: sqlite_utils.Database, query: TxnFilter, total: int,
                 ordering: Ordering = Ordering(), block: int = 200,
                 kept_blocks: int = 24) -> None:
        self.db = db
        self.query = query
        self.total = total
        self.ordering = ordering
        self.block = block
        self._kept = kept_blocks
        self._blocks: OrderedDict[int, list[TxnRow]] = OrderedDict()
        self._last_keys: dict[int, tuple[int, int]] = {}   # newest-first position -> key
        self._ids: list[int] | None = None
        if ordering.column != "time":
            self._ids = self._ordered_ids()
            self.total = len(self._ids)

    def row(self, position: int) -> TxnRow | None:
        if not 0 <= position < self.total:
            return None
        number, offset = divmod(position, self.block)
        rows = self._blocks.get(number)
        if rows is None:
            rows = self._fetch(number)
            self._blocks[number] = rows
            if len(self._blocks) > self._kept:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(number)
        return rows[offset] if offset < len(rows) else None

    @property
    def cached_rows(self) -> int:
        return sum(len(rows) for rows in self._blocks.values())

    # -- fetching ----------------------------------------------------------------------
    def _fetch(self, number: int) -> list[TxnRow]:
        start = number * self.block
        size = min(self.block, self.total - start)
        if self._ids is not None:
            return self._by_ids(self._ids[start:start + size])
        if self.ordering.descending:
            return self._newest_first(start, size)
        # Oldest first: the same rows as newest-first positions counted from the far end.
        begin = max(0, self.total - start - size)
        return list(reversed(self._newest_first(begin, self.total - start - begin)))

    def _newest_first(self, start: int, size: int) -> list[TxnRow]:
        after = None if start == 0 else self._key_before(start)
        if start and after is None:
            return []       # rows vanished since the count (a purge): show fewer, not wrong
        rows = page_after(self.db, self.query, after, size)
        if rows:
            self._last_keys[start + len(rows) - 1] = (rows[-1].ts_utc_ms, rows[-1].id)
        return rows

    def _key_before(self, start: int) -> tuple[int, int] | None:
        known = self._last_keys.get(start - 1)
        if known is not None:
            return known
        found = key_at(self.db, self.query, start - 1)
        if found is not None:
            self._last_keys[start - 1] = found
        return found

    def _ordered_ids(self) -> list[int]:
        if self.total > SORT_LIMIT:
            raise SortTooBroadError(self.total)
        column = SORTABLE[self.ordering.column]
        direction = "DESC" if self.ordering.descending else "ASC"
        where, params = self.query.where()
        sql = (f"SELECT id FROM txn WHERE {where} ORDER BY {column} {direction}, "
               f"ts_utc_ms DESC, id DESC")
        return [r[0] for r in self.db.execute(sql, params)]

    def _by_ids(self, ids: list[int]) -> list[TxnRow]:
        if not ids:
            return []
        marks = ",".join("?" for _ in ids)
        found = {r[0]: TxnRow(*r) for r in self.db.execute(
            f"SELECT {', '.join(LIST_COLUMNS)} FROM txn WHERE id IN ({marks})", ids)}
        return [found[i] for i in ids if i in found]
