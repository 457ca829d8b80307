"""`posdesk export` over a real profile: the history filters, CSV and XLSX by file name, the
operation log entry, and clear errors (exit 2 for usage, 1 for a failed export)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl

from app.oplog import DATA_EXPORT, entries
from app.profile import open_for_reading
from app.shanghai_time import cn_date
from tests.e2e.test_history_cli import _profile

WINDOW = ("--from", "2026-10-01", "--to", "2026-11-18")


def test_export_csv_and_xlsx_with_history_filters(posdesk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, records = _profile(tmp_path)
    expected = sorted(r.trace_id for r in records if r.terminal_id == "BENCH002"
                      and r.txn_type == "SALE" and r.amount_fen >= 5_000
                      and cn_date(r.ts_utc_ms) >= "2026-10-01")
    filters = ("--terminal", "BENCH002", "--type", "SALE", "--min", "50")
    done = posdesk("export", "--data-dir", str(data), *WINDOW, *filters, "-o", "sales.csv",
                   check=True)
    assert f"{len(expected):,} transactions from 2026-10-01 to 2026-11-18 written to " \
           f"{tmp_path / 'sales.csv'} (CSV)" in done.stdout
    raw = (tmp_path / "sales.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert sorted(row["Trace ID"] for row in rows) == expected
    by_trace = {r.trace_id: r for r in records}
    for row in rows:
        fen = by_trace[row["Trace ID"]].amount_fen
        assert row["Amount (yuan)"] == f"{fen // 100}.{fen % 100:02d}"      # sales: positive

    posdesk("export", "--data-dir", str(data), *WINDOW, *filters, "--lang", "zh_CN",
            "-o", str(tmp_path / "sales.xlsx"), check=True)
    sheet = openpyxl.load_workbook(tmp_path / "sales.xlsx", read_only=True).worksheets[0]
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][0] == "交易时间（北京时间）" and len(table) - 1 == len(expected)

    db = open_for_reading(data)
    try:
        logged = [e for e in entries(db, limit=20) if e.op_type == DATA_EXPORT]
    finally:
        db.close()
    assert [(e.target_id, e.result, e.details["rows"]) for e in logged] == [
        ("sales.xlsx", "SUCCESS", len(expected)), ("sales.csv", "SUCCESS", len(expected))]
    assert logged[0].details["filter"] == {
        "from": "2026-10-01", "to": "2026-11-18", "terminal_ids": ["BENCH002"],
        "txn_types": ["SALE"], "min_fen": 5_000}
    assert posdesk("oplog", "verify", "--data-dir", str(data)).returncode == 0


def test_export_errors_are_named(posdesk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, _ = _profile(tmp_path)
    mismatch = posdesk("export", "--data-dir", str(data), "--format", "xlsx", "-o", "a.csv")
    assert mismatch.returncode == 2 and "does not match the file name a.csv" in mismatch.stderr
    unknown = posdesk("export", "--data-dir", str(data), "-o", "a.txt")
    assert unknown.returncode == 2 and "--format csv|xlsx" in unknown.stderr
    missing = posdesk("export", "--data-dir", str(data), "-o", "nowhere/a.csv")
    assert missing.returncode == 1 and "does not exist" in missing.stderr
    no_profile = posdesk("export", "--data-dir", str(tmp_path / "none"), "-o", "a.csv")
    assert no_profile.returncode == 1 and "no PosDesk data" in no_profile.stderr
    assert not (tmp_path / "none").exists()
    bad_range = posdesk("export", "--data-dir", str(data), "--from", "2026-11-10", "--to",
                        "2026-11-01", "-o", "a.csv")
    assert bad_range.returncode != 0 and "after" in bad_range.stderr
    assert not [p.name for p in tmp_path.iterdir() if ".csv" in p.name or ".part" in p.name]
