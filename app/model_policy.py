"""Which terminal models may be paired (spec 12.1, vectors P01/P02).

A rule names a manufacturer and model, optional hardware and firmware version ranges, and
APPROVED or BLOCKED with a reason and the notice it comes from. BLOCKED wins over APPROVED;
a model no rule names is UNKNOWN and needs the operator's explicit confirmation.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

APPROVED, BLOCKED, UNKNOWN = "APPROVED", "BLOCKED", "UNKNOWN"


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str = ""
    source_notice: str = ""


def version_key(text: str) -> tuple[int | str, ...]:
    """'3.10.2' sorts after '3.9'; letters compare as text."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\-_]", text.strip()) if p)


def _in_range(value: str | None, low: str | None, high: str | None) -> bool:
    if low is None and high is None:
        return True
    if not value:
        return False
    key = version_key(value)
    return (low is None or key >= version_key(low)) and (high is None or key <= version_key(high))


def verdict(db: sqlite_utils.Database, manufacturer: str, model: str, firmware: str | None,
            hardware: str | None = None, today: dt.date | None = None) -> Verdict:
    today_text = (today or dt.date.today()).isoformat()
    rows = db.execute(
        "SELECT status, reason, source_notice, hw_min, hw_max, fw_min, fw_max FROM model_policy "
        "WHERE lower(manufacturer) = lower(?) AND lower(model) = lower(?) "
        "AND effective_from <= ?", [manufacturer, model, today_text]).fetchall()
    return decide(rows, firmware, hardware)


def decide(rows: Iterable[Sequence[Any]], firmware: str | None,
           hardware: str | None = None) -> Verdict:
    """The verdict of the rules already chosen for one model, each as (status, reason,
    source_notice, hw_min, hw_max, fw_min, fw_max): BLOCKED wins, then APPROVED."""
    matching = [r for r in rows if _in_range(firmware, r[5], r[6])
                and _in_range(hardware, r[3], r[4])]
    for wanted in (BLOCKED, APPROVED):
        for status, reason, source, *_ in matching:
            if status == wanted:
                return Verdict(status, reason, source)
    return Verdict(UNKNOWN)
