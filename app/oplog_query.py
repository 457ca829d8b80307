"""Reading the operation log (spec 8) for the Activity page, `posdesk oplog` and exports:
a filter as SQL, keyset pages newest first, a count, and the codes present for the lists.

Pages are ordered by (occurred_at_utc_ms, id), newest first, and continue after the last
row's key, so every page is an index walk: over oplog_occurred, or over oplog_type_time
(migration 10) when one operation type is chosen. Free-text search is a LIKE over the op
type, target id, actor and details: a scan, about 0.1 s per pass at 200,000 entries, so
the page reads the first page and the count off the GUI thread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from app.oplog import COLUMNS, OplogEntry
from app.shanghai_time import start_of_day_ms, today_cn

RESULTS = ("SUCCESS", "FAIL", "PENDING")
PAGE_SIZE = 200
Key = tuple[int, int]            # (occurred_at_utc_ms, id): where a page continues


@dataclass(frozen=True)
class OplogFilter:
    """What the person narrowed the log to; None and empty tuples mean "any".

    Dates are Beijing calendar days, both included; `from_ms`/`to_ms` are UTC instants
    (from included, to excluded) for callers that think in instants. Both may be given:
    the narrower bound wins. `text` is searched in the op type, target id, actor and
    details; `text_op_types` adds the op types whose display name matches it (the UI's
    translated names are not in the database)."""

    first_day: dt.date | None = None
    last_day: dt.date | None = None
    from_ms: int | None = None
    to_ms: int | None = None
    op_types: tuple[str, ...] = ()
    target_type: str | None = None
    target_id: str | None = None
    results: tuple[str, ...] = ()
    text: str | None = None
    text_op_types: tuple[str, ...] = ()

    def replace(self, **changes: object) -> OplogFilter:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    def bounds_ms(self) -> tuple[int | None, int | None]:
        """[low, high) in UTC ms from the days and the instants, None when unbounded."""
        lows = [v for v in (self.from_ms, _day_start(self.first_day)) if v is not None]
        highs = [v for v in (self.to_ms, _day_start(_next(self.last_day))) if v is not None]
        return (max(lows) if lows else None), (min(highs) if highs else None)

    def where(self, after: Key | None = None) -> tuple[str, list[object]]:
        """The WHERE clause (without the word; "1" when empty) and its parameters; with
        `after`, only entries older than that key. The key's time also bounds the index
        range from above, as app.history does: one bound per side is all SQLite keeps."""
        clauses: list[str] = []
        params: list[object] = []
        low, high = self.bounds_ms()
        if low is not None:
            clauses.append("occurred_at_utc_ms >= ?")
            params.append(low)
        if high is not None:
            clauses.append("occurred_at_utc_ms < ?")
            params.append(high)
        if after is not None:
            clauses += ["occurred_at_utc_ms <= ?",
                        "(occurred_at_utc_ms < ? OR (occurred_at_utc_ms = ? AND id < ?))"]
            params += [after[0], after[0], after[0], after[1]]
        for column, values in (("op_type", self.op_types), ("result", self.results)):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params.extend(values)
        for column, value in (("target_type", self.target_type),
                              ("target_id", self.target_id)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.text and self.text.strip():
            clause, words = _text_clause(self.text.strip(), self.text_op_types)
            clauses.append(clause)
            params.extend(words)
        return (" AND ".join(clauses) or "1"), params


_SEARCHED = ("op_type", "target_id", "actor_id", "details_json")


def _text_clause(text: str, op_types: tuple[str, ...]) -> tuple[str, list[object]]:
    """The text as one substring, anywhere in the searched columns (LIKE ignores ASCII
    case); % and _ are taken literally."""
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    parts = [f"{column} LIKE ? ESCAPE '\\'" for column in _SEARCHED]
    params: list[object] = [pattern] * len(_SEARCHED)
    if op_types:
        parts.append(f"op_type IN ({', '.join('?' for _ in op_types)})")
        params.extend(op_types)
    return "(" + " OR ".join(parts) + ")", params


def _day_start(day: dt.date | None) -> int | None:
    return None if day is None else start_of_day_ms(day)


def _next(day: dt.date | None) -> dt.date | None:
    return None if day is None else day + dt.timedelta(days=1)


def key_of(entry: OplogEntry) -> Key:
    return entry.occurred_at_utc_ms, entry.id


def page(db: sqlite_utils.Database, query: OplogFilter, after: Key | None = None,
         limit: int = PAGE_SIZE) -> list[OplogEntry]:
    """Up to `limit` entries of `query`, newest first, older than `after` when given."""
    where, params = query.where(after)
    rows = db.execute(
        f"SELECT {', '.join(COLUMNS)} FROM oplog WHERE {where} "
        "ORDER BY occurred_at_utc_ms DESC, id DESC LIMIT ?", [*params, limit]).fetchall()
    return [OplogEntry(*row) for row in rows]


def page_from(db: sqlite_utils.Database, entry_id: int, limit: int = PAGE_SIZE
              ) -> list[OplogEntry]:
    """The entry `entry_id` and the ones older than it, unfiltered: where the page jumps
    to show an entry the integrity check named. Empty when there is no such entry."""
    found = entry_by_id(db, entry_id)
    if found is None:
        return []
    return [found, *page(db, OplogFilter(), key_of(found), limit - 1)]


def entry_by_id(db: sqlite_utils.Database, entry_id: int) -> OplogEntry | None:
    row = db.execute(f"SELECT {', '.join(COLUMNS)} FROM oplog WHERE id = ?",
                     [entry_id]).fetchone()
    return OplogEntry(*row) if row else None


def count(db: sqlite_utils.Database, query: OplogFilter) -> int:
    where, params = query.where()
    return int(db.execute(f"SELECT count(*) FROM oplog WHERE {where}", params).fetchone()[0])


def op_types(db: sqlite_utils.Database) -> list[str]:
    """The operation types present, for the filter list (a walk of oplog_type_time)."""
    return [r[0] for r in db.execute("SELECT DISTINCT op_type FROM oplog ORDER BY op_type")]


def target_types(db: sqlite_utils.Database) -> list[str]:
    """The target types present (no index: a scan of a few tens of ms at 200,000)."""
    return [r[0] for r in db.execute("SELECT DISTINCT target_type FROM oplog "
                                     "WHERE target_type IS NOT NULL ORDER BY target_type")]


def oldest_day(db: sqlite_utils.Database) -> dt.date | None:
    """The Beijing day of the oldest entry still kept (where "all time" starts)."""
    row = db.execute("SELECT min(occurred_at_utc_ms) FROM oplog").fetchone()
    return None if row[0] is None else today_cn(int(row[0]))
