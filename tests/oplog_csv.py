"""An auditor's check of an activity-log export, written from docs/activity-log.md alone:
it imports nothing from PosDesk, so it tests the documented recipe, not the code's own
idea of it."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

HASHED = ["id", "occurred_at_utc_ms", "effective_at_utc_ms", "actor_id", "actor_role",
          "device_id", "op_type", "target_type", "target_id", "result",
          "factor_categories_used", "details_json", "purge_not_before", "prev_hash"]
INTEGERS = {"id", "occurred_at_utc_ms", "effective_at_utc_ms"}


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def _value(row: dict[str, str], column: str) -> object:
    if column in row["null_fields"].split():
        return None
    cell = row[column]
    if column in INTEGERS:
        return int(cell)
    return cell[1:] if cell.startswith("'") else cell


def recomputed_hash(row: dict[str, str]) -> str:
    text = json.dumps([_value(row, c) for c in HASHED], ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def bad_rows(rows: list[dict[str, str]]) -> list[str]:
    """Ids of rows whose hash or link to the row before (consecutive ids) does not hold."""
    bad: list[str] = []
    previous: dict[str, str] | None = None
    for row in rows:
        linked = previous is None or int(row["id"]) != int(previous["id"]) + 1 or (
            row["prev_hash"] == previous["row_hash"])
        if recomputed_hash(row) != row["row_hash"] or not linked:
            bad.append(row["id"])
        previous = row
    return bad
