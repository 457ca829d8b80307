"""Reading transaction history: filters as SQL, keyset pages, counts, totals, daily volume.

The default window is the one spec Q-1 requires at least: today − 1 year through today.
Nothing here loads a window into Python: pages are keyset queries on (ts_utc_ms, id),
counts come from indexes, and totals for the common filters from the daily rollups.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
from dataclasses import dataclass, field

import sqlite_utils

from app.carddata import mask_display
from app.shanghai_time import query_window_start, start_of_day_ms, today_cn
from app.transactions import ZONE_BITS, spaced_cjk

LIST_COLUMNS = ("id", "ts_utc_ms", "terminal_id", "txn_type", "channel", "scheme", "amount_fen",
                "status", "pan_first6", "pan_last4", "pan_len", "merchant_name", "trace_id",
                # one primary-key probe per listed row: outside a scenario policy (spec 12.4)?
                "EXISTS (SELECT 1 FROM scenario_flag WHERE txn_id = txn.id)")


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
    flagged: int = 0                 # 1 when a scenario policy flagged it

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


@dataclass(frozen=True)
class TxnFilter:
    """What the person narrowed the history to; empty tuples and None mean "any"."""

    dates: DateRange = field(default_factory=DateRange.default)
    terminal_ids: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    txn_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    min_fen: int | None = None
    max_fen: int | None = None
    merchant_code: str | None = None
    mcc: str | None = None
    reference: str | None = None     # a trace id or RRN, exactly
    card_last4: str | None = None
    text: str | None = None          # free text: merchant name, memo, names
    flagged: bool = False            # only those outside a scenario policy (spec 12.4)

    def replace(self, **changes: object) -> TxnFilter:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @property
    def rollup_ready(self) -> bool:
        """True when totals can come from txn_daily (no amount, id or text condition)."""
        return (self.min_fen is None and self.max_fen is None and not self.merchant_code
                and not self.mcc and not self.reference and not self.card_last4
                and not self.text and not self.flagged)

    def where(self, before: tuple[int, int] | None = None) -> tuple[str, list[object]]:
        """The WHERE clause (without the word) and its parameters, over table txn; with
        `before`, only rows older than that (ts, id) key. The key's time then replaces the
        window's end as the index range's upper bound: SQLite keeps one bound per side,
        and with the window's end it walks down from there (28 ms instead of 0.1 ms)."""
        low, high = self.dates.bounds_ms()
        if before is None:
            clauses, params = ["ts_utc_ms >= ?", "ts_utc_ms < ?"], [low, high]
        else:
            clauses = ["ts_utc_ms >= ?", "ts_utc_ms <= ?",
                       "(ts_utc_ms < ? OR (ts_utc_ms = ? AND id < ?))", "ts_utc_ms < ?"]
            params = [low, before[0], before[0], before[0], before[1], high]
        for column, values in (("terminal_id", self.terminal_ids), ("channel", self.channels),
                               ("txn_type", self.txn_types), ("status", self.statuses)):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params.extend(values)
        if self.min_fen is not None:
            clauses.append("amount_fen >= ?")
            params.append(self.min_fen)
        if self.max_fen is not None:
            clauses.append("amount_fen <= ?")
            params.append(self.max_fen)
        for column, value in (("merchant_code", self.merchant_code), ("mcc", self.mcc),
                              ("pan_last4", self.card_last4)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.reference:
            clauses.append("id IN (SELECT id FROM txn WHERE trace_id = ? "
                           "UNION SELECT id FROM txn WHERE rrn = ?)")
            params.extend([self.reference, self.reference])
        if self.text and self.text.strip():
            clauses.append("id IN (SELECT rowid FROM txn_text WHERE txn_text MATCH ?)")
            params.append(fts_query(self.text))
        if self.flagged:
            clauses.append("id IN (SELECT txn_id FROM scenario_flag WHERE cn_date BETWEEN ? AND ?)")
            params.extend([self.dates.first.isoformat(), self.dates.last.isoformat()])
        return " AND ".join(clauses), params


def fts_query(text: str) -> str:
    """Each word of the search as a phrase (Chinese characters are single tokens in the
    index, so "便利店" becomes the phrase "便 利 店"); all words must match."""
    words = [w for w in text.split() if w]
    return " AND ".join('"' + spaced_cjk(w).replace('"', '""').strip() + '"' for w in words)


@dataclass(frozen=True)
class Totals:
    count: int
    sales_fen: int        # SALE and PREAUTH_COMPLETE that succeeded
    refunds_fen: int      # REFUND and VOID that succeeded (negative)
    net_fen: int


class HistoryPager:
    """Pages of a filter, newest first; `next_page` continues after the last row seen."""

    def __init__(self, db: sqlite_utils.Database, query: TxnFilter | DateRange | None = None,
                 page_size: int = 200) -> None:
        self.db = db
        self.filter = query if isinstance(query, TxnFilter) else TxnFilter(
            dates=query or DateRange.default())
        self.page_size = page_size
        self._after: tuple[int, int] | None = None
        self.exhausted = False

    @property
    def dates(self) -> DateRange:
        return self.filter.dates

    def next_page(self) -> list[TxnRow]:
        if self.exhausted:
            return []
        rows = page_after(self.db, self.filter, self._after, self.page_size)
        if len(rows) < self.page_size:
            self.exhausted = True
        if rows:
            self._after = (rows[-1].ts_utc_ms, rows[-1].id)
        return rows

    def count(self) -> int:
        return count(self.db, self.filter)


def page_after(db: sqlite_utils.Database, query: TxnFilter, after: tuple[int, int] | None,
               size: int) -> list[TxnRow]:
    """Up to `size` rows after the key (ts, id), newest first (keyset: no OFFSET)."""
    if query.text and query.text.strip():
        return _rows_by_id(db, _search_keys(db, query, after, size))
    where, params = query.where(after)
    sql = (f"SELECT {', '.join(LIST_COLUMNS)} FROM txn WHERE {where} "
           "ORDER BY ts_utc_ms DESC, id DESC LIMIT ?")
    return [TxnRow(*r) for r in db.execute(sql, [*params, size]).fetchall()]


def key_at(db: sqlite_utils.Database, query: TxnFilter, position: int) -> tuple[int, int] | None:
    """The (ts, id) key of the row at `position` (0 = newest): a jump. The daily rollups
    say which day holds it when the filter allows, so the index is stepped through within
    that day only; otherwise through the whole filter."""
    if query.rollup_ready and position > 0:
        day, position = _day_of(db, query, position)
        if day is None:
            return None
        query = query.replace(dates=DateRange(day, day))
    where, params = query.where()
    row = db.execute(f"SELECT ts_utc_ms, id FROM txn WHERE {where} "
                     "ORDER BY ts_utc_ms DESC, id DESC LIMIT 1 OFFSET ?",
                     [*params, position]).fetchone()
    return (int(row[0]), int(row[1])) if row else None


def _day_of(db: sqlite_utils.Database, query: TxnFilter,
            position: int) -> tuple[dt.date | None, int]:
    where, params = _rollup_where(query)
    for day, rows in db.execute(f"SELECT cn_date, sum(n) FROM txn_daily WHERE {where} "
                                "GROUP BY 1 ORDER BY 1 DESC", params):
        if position < rows:
            return dt.date.fromisoformat(day), position
        position -= rows
    return None, 0


def count(db: sqlite_utils.Database, query: TxnFilter) -> int:
    """Rows matching the filter: summed from the daily rollups when the filter allows
    (a year is ~2,000 rollup rows instead of a million index entries)."""
    if query.text and query.text.strip() and query.replace(text=None) == TxnFilter(
            dates=query.dates):
        return _search_count(db, query)         # text alone: counted by the index
    if query.rollup_ready:
        where, params = _rollup_where(query)
        row = db.execute(f"SELECT coalesce(sum(n), 0) FROM txn_daily WHERE {where}",
                         params).fetchone()
        return int(row[0])
    where, params = query.where()
    return int(db.execute(f"SELECT count(*) FROM txn WHERE {where}", params).fetchone()[0])


def totals(db: sqlite_utils.Database, query: TxnFilter) -> Totals:
    """Count, sales, refunds and net of the filter; from the daily rollups when it allows."""
    if query.rollup_ready:
        where, params = _rollup_where(query)
        sql = f"SELECT txn_type, status, sum(n), sum(sum_fen) FROM txn_daily WHERE {where} " \
              "GROUP BY 1, 2"
    else:
        where, params = query.where()
        sql = f"SELECT txn_type, status, count(*), sum(amount_fen) FROM txn WHERE {where} " \
              "GROUP BY 1, 2"
    n = sales = refunds = 0
    for txn_type, status, rows, amount in db.execute(sql, params).fetchall():
        n += rows
        if status != "SUCCEEDED":
            continue
        if txn_type in ("SALE", "PREAUTH_COMPLETE"):
            sales += amount
        elif txn_type in ("REFUND", "VOID"):
            refunds += amount
    return Totals(n, sales, refunds, sales + refunds)


def daily_volume(db: sqlite_utils.Database, query: TxnFilter) -> list[tuple[str, int, int]]:
    """(date, count, net succeeded fen) per Shanghai day with any rows, oldest first."""
    net = ("sum(CASE WHEN status = 'SUCCEEDED' AND txn_type IN "
           "('SALE', 'PREAUTH_COMPLETE', 'REFUND', 'VOID') THEN {} ELSE 0 END)")
    if query.rollup_ready:
        where, params = _rollup_where(query)
        sql = (f"SELECT cn_date, sum(n), {net.format('sum_fen')} FROM txn_daily "
               f"WHERE {where} GROUP BY 1 ORDER BY 1")
    else:
        where, params = query.where()
        sql = (f"SELECT cn_date, count(*), {net.format('amount_fen')} FROM txn "
               f"WHERE {where} GROUP BY 1 ORDER BY 1")
    return [(str(d), int(c), int(s or 0)) for d, c, s in db.execute(sql, params).fetchall()]


def columns_by_id(db: sqlite_utils.Database, ids: list[int],
                  columns: tuple[str, ...]) -> dict[int, tuple[object, ...]]:
    """Chosen stored columns of a page of transactions (the CLI's JSON lines): id → values.
    `columns` are the caller's own constants, never user input."""
    marks = ",".join("?" for _ in ids)
    return {int(r[0]): tuple(r[1:]) for r in db.execute(
        f"SELECT id, {', '.join(columns)} FROM txn WHERE id IN ({marks})", ids).fetchall()}


def terminal_ids(db: sqlite_utils.Database) -> list[str]:
    """Every terminal with history or paired now, for the terminal filter's list."""
    return [r[0] for r in db.execute(
        "SELECT terminal_id FROM txn_daily WHERE terminal_id != '' "
        "UNION SELECT terminal_id FROM terminals ORDER BY 1")]


def _rollup_where(query: TxnFilter) -> tuple[str, list[object]]:
    clauses = ["cn_date >= ?", "cn_date <= ?"]
    params: list[object] = [query.dates.first.isoformat(), query.dates.last.isoformat()]
    for column, values in (("terminal_id", query.terminal_ids), ("channel", query.channels),
                           ("txn_type", query.txn_types), ("status", query.statuses)):
        if values:
            clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
    return " AND ".join(clauses), params


# -- free-text search through the zone map (migration 6) -------------------------------------
# FTS5 hands out matches in rowid (= txn.id) order; ids follow time only roughly (an old
# statement imported today gets new ids). txn_zone keeps each block of 1024 ids' time span,
# so a page walks blocks newest first and stops once no block left can hold a newer match.
_FEW_HITS = 100


def _search_keys(db: sqlite_utils.Database, query: TxnFilter, after: tuple[int, int] | None,
                 size: int) -> list[tuple[int, int]]:
    """The `size` newest (ts, id) keys matching the filter after `after`, newest first."""
    low, high = query.dates.bounds_ms()
    upper = high - 1 if after is None else after[0]
    zones = db.execute("SELECT zone, max_ts FROM txn_zone WHERE max_ts >= ? AND min_ts <= ? "
                       "ORDER BY max_ts DESC, zone DESC", [low, upper]).fetchall()
    where, params = query.replace(text=None).where(after)
    sql = ("SELECT ts_utc_ms, id FROM txn_text f CROSS JOIN txn ON txn.id = f.rowid "
           f"WHERE f.txn_text MATCH ? AND f.rowid BETWEEN ? AND ? AND {where}")
    match = fts_query(query.text or "")
    best: list[tuple[int, int]] = []            # min-heap of the newest keys found so far
    position, step = 0, 1
    while position < len(zones):
        if len(best) >= size and best[0][0] > zones[position][1]:
            break                               # no zone left can hold a newer match
        chunk = [z for z, _ in zones[position:position + step]]
        position += step
        hits = 0
        for first, last in _runs(chunk):
            for key in db.execute(sql, [match, first << ZONE_BITS,
                                        ((last + 1) << ZONE_BITS) - 1, *params]):
                hits += 1
                heapq.heappush(best, (key[0], key[1]))
                if len(best) > size:
                    heapq.heappop(best)
        step = step * 4 if hits < _FEW_HITS else step   # rare words: widen the walk
    return sorted(best, reverse=True)


def _search_count(db: sqlite_utils.Database, query: TxnFilter) -> int:
    """Matches of a text search in the date window (no other filter): blocks wholly inside
    the window are counted by the index alone, the blocks at its edges row by row."""
    low, high = query.dates.bounds_ms()
    match = fts_query(query.text or "")
    inside, edges = [], []
    for zone, min_ts, max_ts in db.execute(
            "SELECT zone, min_ts, max_ts FROM txn_zone WHERE max_ts >= ? AND min_ts < ?",
            [low, high]):
        (inside if low <= min_ts and max_ts < high else edges).append(zone)
    total = 0
    for first, last in _runs(inside):
        total += db.execute("SELECT count(*) FROM txn_text WHERE txn_text MATCH ? AND rowid "
                            "BETWEEN ? AND ?", [match, first << ZONE_BITS,
                                                ((last + 1) << ZONE_BITS) - 1]).fetchone()[0]
    for first, last in _runs(edges):
        total += db.execute(
            "SELECT count(*) FROM txn_text f CROSS JOIN txn ON txn.id = f.rowid "
            "WHERE f.txn_text MATCH ? AND f.rowid BETWEEN ? AND ? AND ts_utc_ms >= ? "
            "AND ts_utc_ms < ?", [match, first << ZONE_BITS, ((last + 1) << ZONE_BITS) - 1,
                                  low, high]).fetchone()[0]
    return int(total)


def _runs(zones: list[int]) -> list[tuple[int, int]]:
    """Consecutive zone numbers as (first, last) ranges: one rowid range query each."""
    runs: list[tuple[int, int]] = []
    for zone in sorted(zones):
        if runs and runs[-1][1] == zone - 1:
            runs[-1] = (runs[-1][0], zone)
        else:
            runs.append((zone, zone))
    return runs


def _rows_by_id(db: sqlite_utils.Database, keys: list[tuple[int, int]]) -> list[TxnRow]:
    if not keys:
        return []
    marks = ",".join("?" for _ in keys)
    found = {r[0]: TxnRow(*r) for r in db.execute(
        f"SELECT {', '.join(LIST_COLUMNS)} FROM txn WHERE id IN ({marks})",
        [row_id for _, row_id in keys])}
    return [found[row_id] for _, row_id in keys if row_id in found]
