"""`posdesk history` over a real profile: filters, totals line, --json with spec 7.1 keys,
clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

from app import bench_data
from app.oplog import Actor
from app.profile import open_profile
from app.shanghai_time import cn_date
from app.transactions import TransactionWriter

END_MS = 1_795_000_000_000      # 2026-11-18 in Shanghai


def _profile(tmp_path: Path) -> tuple[Path, list]:  # type: ignore[type-arg]
    data = tmp_path / "shop"
    records = list(bench_data.generate(2_000, days=30, terminals=2, end_ms=END_MS))
    profile = open_profile(data, Actor("test", "merchant", "test-device"))
    TransactionWriter(profile.db, profile.oplog).write_stream(
        iter(records), source_kind="IMPORT", source_ref="gen.csv")
    profile.close()
    return data, records


def test_history_json_and_filters(posdesk, tmp_path: Path) -> None:
    data, records = _profile(tmp_path)
    window = ("--from", "2026-10-01", "--to", "2026-11-18")
    out = posdesk("history", "--data-dir", str(data), *window, "--terminal", "BENCH002",
                  "--type", "REFUND", "--json", "--limit", "0", check=True).stdout
    rows = json.loads(out)
    expected = [r for r in records if r.terminal_id == "BENCH002" and r.txn_type == "REFUND"
                and cn_date(r.ts_utc_ms) >= "2026-10-01"]
    assert len(rows) == len(expected) > 0
    assert {"trace_id", "terminal_id", "txn_type", "channel", "amount_fen", "currency",
            "ts_utc_ms", "cn_date", "merchant_code", "mcc", "rrn", "auth_code",
            "card_masked"} <= set(rows[0])
    assert [r["ts_utc_ms"] for r in rows] == sorted((r["ts_utc_ms"] for r in rows),
                                                    reverse=True)
    card = next(r for r in rows if r["pan_last4"])
    assert card["card_masked"].startswith("6222") and "*" in card["card_masked"]
    text = posdesk("history", "--data-dir", str(data), *window, "--min", "¥1,000.00",
                   "--limit", "3", check=True).stdout
    big = sum(1 for r in records if r.amount_fen >= 100_000)
    assert f"{big:,} transactions from 2026-10-01 to 2026-11-18" in text
    assert len(text.strip().splitlines()) == 4                 # 3 rows and the totals line


def test_history_bad_input_is_named(posdesk, tmp_path: Path) -> None:
    data, _ = _profile(tmp_path)
    bad = posdesk("history", "--data-dir", str(data), "--min", "12,34.5x")
    assert bad.returncode != 0 and "--min" in bad.stderr and "12,34.5x" in bad.stderr
    order = posdesk("history", "--data-dir", str(data), "--from", "2026-11-10", "--to",
                    "2026-11-01")
    assert order.returncode != 0 and "after" in order.stderr
    missing = posdesk("history", "--data-dir", str(tmp_path / "nothing"))
    assert missing.returncode == 1 and "no PosDesk data" in missing.stderr
