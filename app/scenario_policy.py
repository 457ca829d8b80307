"""Scenario controls the merchant sets on its own terminals (spec 12.4): when a terminal,
a payment method or a transaction type may be used, and how much per transaction and per
day. Pure values and rules; storage is app/scenario_store.py, flagging app/scenario_flags.py.

Windows are Shanghai wall-clock times, half-open [start, end). A window whose end is not
after its start crosses midnight (22:00-06:00). Its day-of-week set names the day the window
*starts*: "22:00-06:00 Fri" covers Friday 22:00 to Saturday 06:00 and not Friday 01:00.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from app.errors import PosDeskError

SCOPES = ("TERMINAL", "CHANNEL", "KIND")
# Why a transaction is flagged, in the order a person would read them.
OUTSIDE_WINDOW = "OUTSIDE_WINDOW"
KIND_NOT_ALLOWED = "KIND_NOT_ALLOWED"
OVER_PER_TXN = "OVER_PER_TXN"
OVER_DAILY = "OVER_DAILY"
TOKEN_REVOKED = "TOKEN_REVOKED"      # its payment token was revoked (app/scenario_tokens.py)
RULES = (OUTSIDE_WINDOW, KIND_NOT_ALLOWED, OVER_PER_TXN, OVER_DAILY, TOKEN_REVOKED)
# What counts towards a daily cap: money that did or may still move (spec C-9).
COUNTED_STATUSES = ("SUCCEEDED", "PENDING")
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_S = 24 * 3600
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


class ScenarioValueError(PosDeskError):
    """A scenario value the rules cannot use; `field` names it."""

    code = "scenario_policy"


@dataclass(frozen=True)
class Window:
    """[start, end) in seconds after Shanghai midnight; end ≤ start crosses midnight.
    `days` are weekday numbers (0 = Monday) of the start day; empty means every day."""

    start_s: int
    end_s: int
    days: frozenset[int] = frozenset()

    def contains(self, local: dt.datetime) -> bool:
        """Whether a Shanghai wall-clock moment falls inside (P06: for 22:00-06:00, 23:30
        and 05:59:59 do, 06:00 does not)."""
        second = local.hour * 3600 + local.minute * 60 + local.second
        weekday = local.weekday()
        if self.start_s < self.end_s:
            return self.start_s <= second < self.end_s and self._on(weekday)
        if second >= self.start_s:
            return self._on(weekday)
        return second < self.end_s and self._on((weekday - 1) % 7)

    def _on(self, weekday: int) -> bool:
        return not self.days or weekday in self.days

    def text(self) -> str:
        """The form `parse_window` reads back: "22:00-06:00" or "09:00-18:00 mon,tue"."""
        span = f"{_clock(self.start_s)}-{_clock(self.end_s)}"
        if not self.days:
            return span
        return f"{span} {_day_text(self.days)}"


@dataclass(frozen=True)
class ScenarioRules:
    """What one version of a policy allows. No windows means any time; no kinds means any
    transaction type; None caps mean no cap."""

    windows: tuple[Window, ...] = ()
    per_txn_max_fen: int | None = None
    daily_max_fen: int | None = None
    allowed_kinds: tuple[str, ...] = ()
    enabled: bool = True

    def breaches(self, local: dt.datetime, txn_type: str, amount_fen: int) -> list[str]:
        """The per-transaction rules this transaction breaks (the daily cap needs the day's
        running total and is checked by the caller)."""
        found = []
        if self.windows and not any(w.contains(local) for w in self.windows):
            found.append(OUTSIDE_WINDOW)
        if self.allowed_kinds and txn_type not in self.allowed_kinds:
            found.append(KIND_NOT_ALLOWED)
        if self.per_txn_max_fen is not None and abs(amount_fen) > self.per_txn_max_fen:
            found.append(OVER_PER_TXN)
        return found

    def problem(self) -> tuple[str, str] | None:
        """(field, what is wrong) or None."""
        for name in ("per_txn_max_fen", "daily_max_fen"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                return name.removesuffix("_fen"), "must be more than 0.00"
        if (self.per_txn_max_fen is not None and self.daily_max_fen is not None
                and self.per_txn_max_fen > self.daily_max_fen):
            return "per_txn_max", "is more than the daily cap"
        return None


@dataclass(frozen=True)
class ScenarioPolicy:
    """A named policy for one scope (a terminal id, a channel such as QR, or a transaction
    type such as REFUND) at one version, in force from `effective_from_ms`."""

    name: str
    scope: str
    scope_ref: str
    rules: ScenarioRules = field(default_factory=ScenarioRules)
    id: int | None = None
    version: int = 0
    effective_from_ms: int = 0
    removed: bool = False

    def applies_to(self, terminal_id: str | None, channel: str, txn_type: str) -> bool:
        value = {"TERMINAL": terminal_id, "CHANNEL": channel, "KIND": txn_type}[self.scope]
        return value == self.scope_ref

    def problem(self) -> tuple[str, str] | None:
        if not self.name.strip():
            return "name", "is empty"
        if self.scope not in SCOPES:
            return "scope", f"must be one of {', '.join(SCOPES)}"
        if not self.scope_ref.strip():
            return "scope_ref", "is empty"
        return self.rules.problem()


def parse_window(text: str) -> Window:
    """Read "HH:MM-HH:MM" with optional weekdays ("22:00-06:00 fri,sat" or "mon-fri");
    24:00 may end a window. Errors name the part that is wrong."""
    span, _, day_text = text.strip().partition(" ")
    start_text, dash, end_text = span.partition("-")
    if not dash:
        raise ScenarioValueError(f"Window '{text}': write it as HH:MM-HH:MM.", field="windows")
    start, end = _seconds(start_text, text), _seconds(end_text, text)
    if start == _DAY_S:
        raise ScenarioValueError(f"Window '{text}': a window cannot start at 24:00.",
                                 field="windows")
    if start == end:
        raise ScenarioValueError(
            f"Window '{text}': start and end are the same; for all day use 00:00-24:00.",
            field="windows")
    return Window(start, end, _days(day_text.strip(), text))


def _seconds(clock: str, text: str) -> int:
    match = _TIME.match(clock.strip())
    if not match or int(match[1]) > 24 or int(match[2]) > 59 or (
            int(match[1]) == 24 and int(match[2])):
        raise ScenarioValueError(f"Window '{text}': '{clock}' is not a time of day (HH:MM).",
                                 field="windows")
    return int(match[1]) * 3600 + int(match[2]) * 60


def _days(day_text: str, text: str) -> frozenset[int]:
    days: set[int] = set()
    for part in filter(None, (p.strip().lower() for p in day_text.split(","))):
        first, dash, last = part.partition("-")
        if first not in DAY_NAMES or (dash and last not in DAY_NAMES):
            raise ScenarioValueError(
                f"Window '{text}': '{part}' is not a weekday ({', '.join(DAY_NAMES)}).",
                field="windows")
        a = DAY_NAMES.index(first)
        b = DAY_NAMES.index(last) if dash else a
        days.update(range(a, b + 1) if a <= b else [*range(a, 7), *range(0, b + 1)])
    return frozenset(days)


def _day_text(days: frozenset[int]) -> str:
    """Runs of consecutive weekdays as ranges: mon-fri, sat."""
    runs: list[list[int]] = []
    for day in sorted(days):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(DAY_NAMES[r[0]] if len(r) == 1 else f"{DAY_NAMES[r[0]]}-{DAY_NAMES[r[-1]]}"
                    for r in runs)


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"
