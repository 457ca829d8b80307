"""Money in integer fen (spec C-1) and the Shanghai time rules (C-2..C-5, section 8, Q-1, T01)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.money import format_fen, parse_yuan
from app.oplog import purge_not_before
from app.shanghai_time import (
    SHANGHAI,
    cn_date,
    cn_year,
    from_datetime,
    query_window_start,
    start_of_day_ms,
    years_after,
    years_before,
)

UTC = dt.UTC
DAY_MS = 86_400_000
EIGHT_HOURS_MS = 8 * 3_600_000


def utc_ms(year: int, month: int, day: int, hour: int = 0, minute: int = 0,
           second: int = 0, ms: int = 0) -> int:
    """Epoch ms of a UTC wall time, by exact integer arithmetic (no float, no code under test)."""
    delta = dt.datetime(year, month, day, hour, minute, second, tzinfo=UTC) - dt.datetime(
        1970, 1, 1, tzinfo=UTC)
    return delta // dt.timedelta(milliseconds=1) + ms


# --- money: format_fen ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fen", "expected"),
    [
        (0, "¥0.00"),
        (5, "¥0.05"),
        (50, "¥0.50"),
        (100, "¥1.00"),
        (99_999, "¥999.99"),
        (100_000, "¥1,000.00"),
        (123_456, "¥1,234.56"),
        (-1_200, "-¥12.00"),
        (-5, "-¥0.05"),
        (-123_456, "-¥1,234.56"),
        (123_456_789_012, "¥1,234,567,890.12"),
        (100_000_000_000_000, "¥1,000,000,000,000.00"),
    ],
)
def test_format_fen(fen: int, expected: str) -> None:
    assert format_fen(fen) == expected


def test_format_fen_other_symbol() -> None:
    assert format_fen(123_456, symbol="￥") == "￥1,234.56"
    assert format_fen(-1_200, symbol="") == "-12.00"


# --- money: parse_yuan ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("1,234.50", 123_450),
        ("¥1,234.50", 123_450),
        ("￥12", 1_200),
        ("-12.00", -1_200),
        ("-¥12.00", -1_200),
        ("¥-12.00", -1_200),
        ("12.5", 1_250),
        ("12.05", 1_205),
        ("  3 ", 300),
        ("0", 0),
        ("0.01", 1),
        ("1,234", 123_400),
        ("1,234,567.89", 123_456_789),
        ("1234567.89", 123_456_789),
    ],
)
def test_parse_yuan_accepts(text: str, fen: int) -> None:
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(
    "text",
    [
        "1.234",
        "abc",
        "1,23",
        "12.345",
        "",
        "   ",
        "--1",
        "-¥-1",
        "+-1",
        "¥",
        "12.",
        ".5",
        "1,2345",
        "1 000",
        "12元",
        "1e3",
    ],
)
def test_parse_yuan_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_yuan(text)


def test_parse_yuan_never_goes_through_float() -> None:
    # 0.29 * 100 == 28.999999999999996 in binary floating point.
    assert parse_yuan("0.29") == 29
    assert parse_yuan("1,000,000,000,000.07") == 100_000_000_000_007


@given(st.integers())
def test_parse_yuan_inverts_format_fen(fen: int) -> None:
    assert parse_yuan(format_fen(fen)) == fen


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_parse_yuan_inverts_format_fen_with_fullwidth_symbol(fen: int) -> None:
    assert parse_yuan(format_fen(fen, symbol="￥")) == fen


# --- time: day buckets (C-2, C-4, C-5) -------------------------------------------------------


def test_cn_date_changes_at_1600_utc() -> None:
    midnight_shanghai = utc_ms(2024, 3, 9, 16)  # 2024-03-10 00:00 +08
    assert cn_date(midnight_shanghai - 1) == "2024-03-09"
    assert cn_date(midnight_shanghai) == "2024-03-10"
    assert cn_date(midnight_shanghai + DAY_MS - 1) == "2024-03-10"


def test_cn_date_is_not_the_utc_date() -> None:
    # 2024-03-09 20:00 UTC is already 04:00 on the 10th in Shanghai.
    assert cn_date(utc_ms(2024, 3, 9, 20)) == "2024-03-10"
    # 2024-03-10 15:59 UTC is still the 10th in Shanghai (23:59 +08).
    assert cn_date(utc_ms(2024, 3, 10, 15, 59, 59, 999)) == "2024-03-10"


def test_cn_year_changes_at_shanghai_new_year() -> None:
    new_year = utc_ms(2024, 12, 31, 16)  # 2025-01-01 00:00 +08
    assert cn_year(new_year - 1) == 2024
    assert cn_year(new_year) == 2025
    assert cn_date(new_year - 1) == "2024-12-31"
    assert cn_date(new_year) == "2025-01-01"


@given(st.integers(min_value=utc_ms(1992, 1, 1), max_value=utc_ms(2100, 1, 1)))
def test_cn_date_is_utc_plus_eight(ts_ms: int) -> None:
    # Asia/Shanghai has had no DST since 1991, so the day is a fixed +08:00 offset.
    expected = dt.date(1970, 1, 1) + dt.timedelta(days=(ts_ms + EIGHT_HOURS_MS) // DAY_MS)
    assert cn_date(ts_ms) == expected.isoformat()


def test_start_of_day_ms_is_1600_utc_the_day_before() -> None:
    assert start_of_day_ms(dt.date(2024, 3, 10)) == utc_ms(2024, 3, 9, 16)
    assert start_of_day_ms(dt.date(2025, 1, 1)) == utc_ms(2024, 12, 31, 16)


# --- time: from_datetime -------------------------------------------------------------------


def test_from_datetime_refuses_naive() -> None:
    with pytest.raises(ValueError):
        from_datetime(dt.datetime(2025, 3, 10, 12, 0))


def test_from_datetime_uses_the_given_zone() -> None:
    assert from_datetime(dt.datetime(2025, 3, 10, 0, 0, tzinfo=SHANGHAI)) == 1_741_536_000_000
    assert from_datetime(dt.datetime(2025, 3, 9, 16, 0, tzinfo=UTC)) == 1_741_536_000_000
    assert from_datetime(dt.datetime(2024, 3, 10, 0, 0, 0, 1_000, tzinfo=SHANGHAI)) == (
        utc_ms(2024, 3, 9, 16) + 1)


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2004, 1, 11, 3, 16, 23, 366_000, tzinfo=SHANGHAI),
        dt.datetime(1987, 1, 24, 9, 11, 1, 818_000, tzinfo=SHANGHAI),
    ],
)
def test_from_datetime_is_exact_to_the_millisecond(moment: dt.datetime) -> None:
    exact = (moment - dt.datetime(1970, 1, 1, tzinfo=UTC)) // dt.timedelta(milliseconds=1)
    assert from_datetime(moment) == exact


# --- time: query window (Q-1, T01) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (dt.date(2025, 3, 10), dt.date(2024, 3, 10)),  # T01
        (dt.date(2024, 2, 29), dt.date(2023, 2, 28)),  # missing Feb 29 -> the earlier Feb 28
        (dt.date(2025, 2, 28), dt.date(2024, 2, 28)),
        (dt.date(2025, 3, 1), dt.date(2024, 3, 1)),
        (dt.date(2025, 1, 1), dt.date(2024, 1, 1)),
    ],
)
def test_query_window_start(today: dt.date, start: dt.date) -> None:
    assert query_window_start(today) == start


@given(st.dates(min_value=dt.date(2, 1, 1)))
def test_query_window_covers_at_least_a_full_year(today: dt.date) -> None:
    start = query_window_start(today)
    assert (today - start).days in (365, 366)
    if (today.month, today.day) != (2, 29):
        assert (start.year, start.month, start.day) == (today.year - 1, today.month, today.day)


# --- time: retention (section 8) -----------------------------------------------------------


def test_purge_not_before_feb29_moves_to_mar1() -> None:
    # 2024-02-29 00:00 +08 is still 2024-02-28 in UTC: the Shanghai date must be used.
    assert purge_not_before(utc_ms(2024, 2, 28, 16)) == "2029-03-01"
    assert purge_not_before(utc_ms(2024, 2, 29, 15, 59, 59, 999)) == "2029-03-01"


def test_purge_not_before_ordinary_date() -> None:
    assert purge_not_before(utc_ms(2025, 6, 15, 4)) == "2030-06-15"


def test_purge_not_before_uses_the_shanghai_day() -> None:
    midnight_shanghai = utc_ms(2025, 6, 14, 16)  # 2025-06-15 00:00 +08
    assert purge_not_before(midnight_shanghai - 1) == "2030-06-14"
    assert purge_not_before(midnight_shanghai) == "2030-06-15"


def test_purge_not_before_feb28_stays_feb28() -> None:
    assert purge_not_before(utc_ms(2023, 2, 28, 4)) == "2028-02-28"


def test_year_shift_needs_a_known_side_for_feb29() -> None:
    assert years_after(dt.date(2024, 2, 29), 1, on_missing_feb29="later") == dt.date(2025, 3, 1)
    assert years_before(dt.date(2024, 2, 29), 1, on_missing_feb29="later") == dt.date(2023, 3, 1)
    assert years_after(dt.date(2024, 2, 29), 4, on_missing_feb29="earlier") == dt.date(
        2028, 2, 29)
    with pytest.raises(ValueError):
        years_after(dt.date(2024, 2, 29), 1, on_missing_feb29="nearest")
