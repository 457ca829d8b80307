"""Reading transaction history a page at a time (keyset pagination, newest first).

The default window is the one spec Q-1 requires at least: today − 1 year through today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from app.carddata import mask_display
from app.shanghai_time import query_window_start, start_of_day_ms, today_cn

LIST_COLUMNS = ("id", "ts_utc_ms", "terminal_id", "txn_type", "channel", "scheme", "amount_fen",
                "status", "pan_first6", "pan_last4", "pan_len", "merchant_name", "trace_id")


@dataclass(frozen=True, slots=True)
class TxnRow:
    """What the list shows of a transaction."""

    id: int
    ts_utc_ms: int
    terminal_id: str | None
    txn_type: str
    channel: str
    scheme: str | None
    amount_fen: int
    status: str
    pan_first6: str | None
    pan_last4: str | None
    pan_len: int | None
    merchant_name: str | None
    trace_id: str

    @property
    def card_masked(self) -> str:
        return mask_display(self.pan_first6, self.pan_last4, self.pan_len)


@dataclass(frozen=True)
class DateRange:
    """Shanghai dates, both ends included."""

    first: dt.date
    last: dt.date

    @classmethod
    def default(cls, today: dt.date | None = None) -> DateRange:
        today = today or today_cn()
        return cls(query_window_start(today), today)

    def bounds_ms(self) -> tuple[int, int]:
        return start_of_day_ms(self.first), start_of_day_ms(self.last + dt.timedelta(days=1))


class HistoryPager:
    """Pages of a date range, newest first; `next_page` continues after the last row seen."""

    def __init__(self, db: sqlite_utils.Database, dates: DateRange, page_size: int = 200) -> None:
        self.db = db
        self.dates = dates
        self.page_size = page_size
        self._after: tuple[int, int] | None = None
        self.exhausted = False

    def next_page(self) -> list[TxnRow]:
        if self.exhausted:
            return []
        low, high = self.dates.bounds_ms()
        sql = f"SELECT {', '.join(LIST_COLUMNS)} FROM txn WHERE ts_utc_ms >= ? AND ts_utc_ms < ?"
        params: list[object] = [low, high]
        if self._after is not None:
            sql += " AND (ts_utc_ms, id) < (?, ?)"
            params += list(self._after)
        sql += " ORDER BY ts_utc_ms DESC, id DESC LIMIT ?"
        rows = [TxnRow(*r) for r in self.db.execute(sql, [*params, self.page_size]).fetchall()]
        if len(rows) < self.page_size:
            self.exhausted = True
        if rows:
            self._after = (rows[-1].ts_utc_ms, rows[-1].id)
        return rows

    def count(self) -> int:
        low, high = self.dates.bounds_ms()
        sql = "SELECT count(*) FROM txn WHERE ts_utc_ms >= ? AND ts_utc_ms < ?"
        return int(self.db.execute(sql, [low, high]).fetchone()[0])
