"""The thread the Transactions page asks its slow questions on: how many rows a filter
matches, its totals and its daily volume. A COUNT over a text search or an amount range
can take a few hundred milliseconds at a million rows, too long for the GUI thread.

One thread with its own read connection (SQLite connections belong to one thread; WAL lets
it read while the GUI thread and the device thread write). Answers to a filter the person
has already changed are dropped: each request carries a number and only the latest counts.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
from PySide6.QtCore import QObject

from app.history import Totals, TxnFilter, count, daily_volume, totals
from app.storage import connect
from ui.background import run_in_background


@dataclass(frozen=True)
class Summary:
    query: TxnFilter
    total: int
    totals: Totals
    daily: list[tuple[str, int, int]]


def summarize(db: sqlite_utils.Database, query: TxnFilter) -> Summary:
    return Summary(query, count(db, query), totals(db, query), daily_volume(db, query))


class HistoryReader:
    def __init__(self, db_path: Path) -> None:
        self._path = db_path
        self._executor = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="history")
        self._db: sqlite_utils.Database | None = None
        self._latest = 0
        self.closed = False

    def summarize(self, query: TxnFilter, on_done: Callable[[Summary], None],
                  on_failure: Callable[[BaseException], None], owner: QObject) -> None:
        """Count, totals and chart data for `query`, delivered on the GUI thread unless a
        newer request came in meanwhile."""
        if self.closed:
            return
        self._latest += 1
        ticket = self._latest

        def deliver(summary: Summary) -> None:
            if ticket == self._latest:
                on_done(summary)

        run_in_background(lambda: self._run(ticket, query), deliver, on_failure, owner,
                          self._executor)

    def _run(self, ticket: int, query: TxnFilter) -> Summary | None:
        if ticket != self._latest:
            return None          # superseded while queued: skip the work
        if self._db is None:
            self._db = connect(self._path, migrate=False)
        return summarize(self._db, query)

    def shutdown(self) -> None:
        """Close the read connection on its own thread; safe to call twice."""
        if self.closed:
            return
        self.closed = True
        self._executor.submit(self._close)
        self._executor.shutdown(wait=True)

    def _close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
