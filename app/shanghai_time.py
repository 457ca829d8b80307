"""Time rules of spec C-2..C-5: instants are UTC epoch ms, days and years are Shanghai days.

The OS local zone is never used: a merchant's day is the Asia/Shanghai day wherever the
laptop's clock happens to be set.
"""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def now_ms() -> int:
    """The current instant as UTC epoch milliseconds."""
    return time.time_ns() // 1_000_000


def to_datetime(ts_utc_ms: int, tz: dt.tzinfo = SHANGHAI) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts_utc_ms / 1000, tz)


def from_datetime(moment: dt.datetime) -> int:
    """Epoch ms of an aware datetime; naive datetimes are refused, not guessed."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: say which zone it is in")
    return (moment - _EPOCH) // dt.timedelta(milliseconds=1)   # exact: no float on the way


def cn_date(ts_utc_ms: int) -> str:
    """The Shanghai calendar date (YYYY-MM-DD) of an instant: the day bucket of C-4."""
    return to_datetime(ts_utc_ms).date().isoformat()


def cn_year(ts_utc_ms: int) -> int:
    return to_datetime(ts_utc_ms).year


def today_cn(ts_utc_ms: int | None = None) -> dt.date:
    return to_datetime(now_ms() if ts_utc_ms is None else ts_utc_ms).date()


def format_local(ts_utc_ms: int, tz: dt.tzinfo = SHANGHAI, seconds: bool = True) -> str:
    """Display form of an instant in the merchant's zone, e.g. 2026-03-05 14:22:10."""
    pattern = "%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M"
    return to_datetime(ts_utc_ms, tz).strftime(pattern)


def format_recent(ts_utc_ms: int, now_utc_ms: int | None = None) -> str:
    """Compact form for status columns: 11-23 05:36 within this year, else the full date."""
    moment = to_datetime(ts_utc_ms)
    if moment.year == to_datetime(now_ms() if now_utc_ms is None else now_utc_ms).year:
        return moment.strftime("%m-%d %H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


def start_of_day_ms(day: dt.date) -> int:
    """UTC epoch ms of 00:00 Shanghai time on that day."""
    return from_datetime(dt.datetime.combine(day, dt.time(0), SHANGHAI))


def years_before(day: dt.date, years: int, *, on_missing_feb29: str) -> dt.date:
    """The same month and day `years` earlier.

    When that is a Feb 29 that does not exist, `on_missing_feb29` picks the side: "earlier"
    (Feb 28, so a query window is at least a full year, spec Q-1) or "later" (Mar 1, so a
    retention period is at least the full term, spec section 8).
    """
    return _shift_years(day, -years, on_missing_feb29)


def years_after(day: dt.date, years: int, *, on_missing_feb29: str) -> dt.date:
    return _shift_years(day, years, on_missing_feb29)


def _shift_years(day: dt.date, delta: int, on_missing_feb29: str) -> dt.date:
    try:
        return day.replace(year=day.year + delta)
    except ValueError:  # Feb 29 into a common year
        if on_missing_feb29 == "earlier":
            return dt.date(day.year + delta, 2, 28)
        if on_missing_feb29 == "later":
            return dt.date(day.year + delta, 3, 1)
        raise ValueError(
            f"on_missing_feb29 must be 'earlier' or 'later', not {on_missing_feb29!r}") from None


def query_window_start(today: dt.date) -> dt.date:
    """First date the history view must cover by default (spec Q-1, vector T01)."""
    return years_before(today, 1, on_missing_feb29="earlier")
