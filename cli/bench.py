"""`posdesk bench`: how fast history is at a million rows, against raw SQLite, in one run.

Generates N realistic rows (app/bench_data.py), loads them through the app's write path
(the one imports and syncs use: card-data guard, dedup, hash chain, rollups, search text)
into a scratch profile AND through a bare sqlite3.executemany of the same rows into the
same schema, then times the queries the Transactions page makes and, in a fresh process,
the Qt view itself. Prints one JSON object; figures, never assertions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import sqlite_utils

from app import bench_data
from app.history import DateRange, TxnFilter, key_at, page_after, totals
from app.limit_status import what_if
from app.limits import Factor
from app.oplog import Actor
from app.profile import database_path, open_profile
from app.shanghai_time import SHANGHAI, now_ms, to_datetime
from app.storage import connect
from app.transactions import (
    INSERT_SQL,
    Transaction,
    TransactionWriter,
    cn_date_fast,
    record_values,
    search_text,
)


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    bench = sub.add_parser("bench", help="measure history speed against raw SQLite")
    bench.add_argument("--rows", type=int, default=1_000_000)
    bench.add_argument("--days", type=int, default=400)
    bench.add_argument("--terminals", type=int, default=5)
    bench.add_argument("--json", action="store_true", help="print only the JSON object")
    bench.add_argument("--keep", metavar="DIR", help="keep the scratch databases in DIR")


def run(args: argparse.Namespace) -> int:
    say = (lambda _: None) if args.json else (lambda text: print(text, file=sys.stderr))
    with tempfile.TemporaryDirectory(prefix="posdesk-bench-") as scratch:
        root = Path(args.keep) if args.keep else Path(scratch)
        root.mkdir(parents=True, exist_ok=True)
        result = bench(root, args.rows, args.days, args.terminals, say)
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


def bench(root: Path, rows: int, days: int, terminals: int,
          say: Callable[[str], None]) -> dict[str, object]:
    end = now_ms()
    say(f"Generating {rows:,} rows …")
    # In memory first, so both loads below are timed from the same parsed records on.
    records = list(bench_data.generate(rows, days, terminals, end_ms=end))
    say("Loading them through the app's write path …")
    profile = open_profile(root / "app", Actor("bench", "merchant", "bench"))
    started = time.perf_counter()
    TransactionWriter(profile.db, profile.oplog).write_stream(
        records, source_kind="IMPORT", source_ref="bench", log=False)
    app_s = time.perf_counter() - started
    profile.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    profile.db.execute("ANALYZE")
    say(f"  {rows / app_s:,.0f} rows/s. Loading them with raw executemany …")
    raw_s = _raw_load(root / "raw.sqlite3", records)
    del records
    say(f"  {rows / raw_s:,.0f} rows/s. Timing queries …")
    figures: dict[str, object] = {
        "rows": rows,
        "import_rows_per_s": round(rows / app_s),
        "raw_rows_per_s": round(rows / raw_s),
        "import_ratio": round(raw_s / app_s, 3),
    }
    figures.update(_queries(profile.db, to_datetime(end).date()))
    profile.close()
    say("Timing limit checks over as many payment-account rows …")
    ledger = open_profile(root / "ledger", Actor("bench", "merchant", "bench"))
    try:
        figures.update(_limit_checks(ledger.db, rows, days, to_datetime(end).date()))
    finally:
        ledger.close()
    say("Timing the Qt view in a fresh process …")
    figures.update(_view(database_path(root / "app")))
    figures["db_size_mib"] = round(database_path(root / "app").stat().st_size / 2**20, 1)
    return figures


def _raw_load(path: Path, records: Iterable[Transaction]) -> float:
    """The floor: the same rows and search text, already as tuples, into the same schema
    with bare executemany in one transaction; only the executemany calls and the commit
    are timed (the app's figure includes its commit too)."""
    db = connect(path)
    conn = db.conn
    conn.execute("INSERT INTO txn_source (kind, ref, created_at_utc_ms) VALUES ('RAW', 'x', 0)")
    blob16, blob32 = bytes(16), bytes(32)
    spent = 0.0
    conn.execute("BEGIN")
    batch: list[tuple[object, ...]] = []
    texts: list[tuple[int, str]] = []
    for row_id, record in enumerate(records, start=1):
        fields = record_values(record)
        day = cn_date_fast(record.ts_utc_ms)
        batch.append((row_id, 1, *fields, day, int(day[:4]), None, blob16, blob32, blob32))
        text = search_text(fields)
        if text:
            texts.append((row_id, text))
        if len(batch) == 5_000:
            spent += _timed_insert(conn, batch, texts)
            batch, texts = [], []
    spent += _timed_insert(conn, batch, texts)
    started = time.perf_counter()
    conn.execute("COMMIT")
    spent += time.perf_counter() - started
    db.close()
    return spent


def _timed_insert(conn: sqlite3.Connection, batch: list[tuple[object, ...]],
                  texts: list[tuple[int, str]]) -> float:
    started = time.perf_counter()
    conn.executemany(INSERT_SQL, batch)
    conn.executemany("INSERT INTO txn_text (rowid, body) VALUES (?, ?)", texts)
    return time.perf_counter() - started


def _queries(db: sqlite_utils.Database, today: dt.date) -> dict[str, object]:
    year = TxnFilter(dates=DateRange.default(today))
    rng = random.Random(5)
    total = db.execute("SELECT count(*) FROM txn WHERE ts_utc_ms >= ? AND ts_utc_ms < ?",
                       list(year.dates.bounds_ms())).fetchone()[0]
    positions = [rng.randrange(total) for _ in range(60)]
    keys = [key_at(db, year, p) for p in positions[:20]]
    pages = [_ms(lambda k=k: page_after(db, year, k, 200)) for k in keys]
    jumps = [_ms(lambda p=p: page_after(db, year, key_at(db, year, p), 200))
             for p in positions[20:]]
    filtered = [
        year.replace(terminal_ids=("BENCH002",), txn_types=("SALE",), min_fen=5_000,
                     max_fen=20_000),
        year.replace(terminal_ids=("BENCH003",), txn_types=("REFUND",), min_fen=10**9),
    ]
    searches = [year.replace(text="外卖"), year.replace(text="coffee"),
                year.replace(text="不存在的词")]
    totals_filters = [year, year.replace(terminal_ids=("BENCH001",)),
                      year.replace(txn_types=("REFUND",), channels=("QR",)),
                      year.replace(terminal_ids=("BENCH004",), txn_types=("SALE",),
                                   channels=("CARD",))]
    return {
        "year_rows": total,
        "page_ms_p95": _p95(pages),
        "jump_p95_ms": _p95(jumps),
        "filtered_page_ms": round(max(_ms(lambda q=q: page_after(db, q, None, 200))
                                      for q in filtered), 2),
        "search_ms": round(max(_ms(lambda q=q: page_after(db, q, None, 200))
                               for q in searches), 2),
        "totals_ms": round(max(_ms(lambda q=q: totals(db, q)) for q in totals_filters), 2),
        "totals_ms_amount_filter": round(_ms(lambda: totals(db, filtered[0])), 2),
    }


def _limit_checks(db: sqlite_utils.Database, rows: int, days: int,
                  today: dt.date) -> dict[str, object]:
    """A what-if check (usage from the ledger's rollup plus the engine) at `rows` ledger
    rows, against the raw way: summing the ledger rows of the day and year directly."""
    rng = random.Random(11)
    kinds = ("BAL_CONSUME", "BAL_CONSUME", "BAL_TRANSFER_PA", "BAL_TO_OWN_BANK", "INBOUND")
    with db.atomic():
        for start in range(0, rows, 10_000):
            batch = []
            for n in range(start, min(rows, start + 10_000)):
                day = (today - dt.timedelta(days=rng.randrange(days))).isoformat()
                kind = rng.choice(kinds)
                tier = "" if kind in ("BAL_TO_OWN_BANK", "INBOUND") else rng.choice(
                    ("T1", "T2", "T3"))
                batch.append((f"B{n}", 0, day, kind, rng.randrange(100, 500_000),
                              "SUCCEEDED", tier, "bench"))
            db.conn.executemany(
                "INSERT INTO account_payment (ref, ts_utc_ms, cn_date, kind, amount_fen, "
                "status, tier, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch)
    db.execute("CREATE INDEX IF NOT EXISTS bench_payment_day ON account_payment(cn_date)")
    at = dt.datetime.combine(today, dt.time(12), SHANGHAI)
    factors = (Factor("STATIC_PASSWORD"), Factor("OTP_SMS"))
    checks = [_ms(lambda d=d: what_if(db, 1_000_00, "BAL_CONSUME", factors,
                                      at - dt.timedelta(days=d)))
              for d in rng.sample(range(days), min(days, 60))]
    raw = [_ms(lambda d=d: _raw_usage(db, today - dt.timedelta(days=d)))
           for d in rng.sample(range(days), min(days, 10))]
    return {"limit_check_ms": _p95(checks) or round(checks[0], 2),
            "limit_check_raw_sum_ms": round(statistics.median(raw), 2),
            "limit_check_ratio": round(statistics.median(raw) / max(_p95(checks), 0.001), 1)}


def _raw_usage(db: sqlite_utils.Database, day: dt.date) -> None:
    """The baseline: sum the ledger rows themselves (indexed by day) for the day and year."""
    db.execute("SELECT tier, sum(amount_fen) FROM account_payment WHERE cn_date = ? AND "
               "status IN ('SUCCEEDED', 'PENDING') GROUP BY tier", [day.isoformat()]).fetchall()
    db.execute("SELECT sum(amount_fen) FROM account_payment WHERE cn_date BETWEEN ? AND ? "
               "AND kind IN ('BAL_CONSUME', 'BAL_TRANSFER_PA', 'BAL_TRANSFER_OTHER_BANK', "
               "'BAL_INVEST') AND status IN ('SUCCEEDED', 'PENDING')",
               [f"{day.year}-01-01", day.isoformat()]).fetchone()


def _view(db_path: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-m", "ui.view_bench", str(db_path)],
                          capture_output=True, text=True, timeout=600,
                          cwd=Path(__file__).resolve().parents[1])
    if done.returncode != 0:
        return {"view_error": done.stderr.strip().splitlines()[-1:]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _ms(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def _p95(values: list[float]) -> float:
    return round(statistics.quantiles(values, n=20)[-1], 2) if len(values) > 1 else 0.0
