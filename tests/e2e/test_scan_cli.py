"""`posdesk scan` over a real profile, real logs and real exports: one line per finding
without the value, --json, --mask, --export, and the exit codes (0 clean, 1 findings remain,
2 wrong usage)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from app import oplog as ops
from app.oplog import entries
from app.profile import open_for_reading
from tests.app.test_sensitive_scan import (
    MASKED_PAN,
    PAN_16,
    Shop,
    assert_no_value,
    make_shop,
    plant_card_data,
)


@pytest.fixture
def posdesk_scan(posdesk):  # type: ignore[no-untyped-def]
    """`posdesk scan ARGS…` as a user runs it; returns CompletedProcess."""
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return posdesk("scan", *args)        # type: ignore[no-any-return]
    return run


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Shop:
    made = make_shop(tmp_path)
    monkeypatch.setenv("POSDESK_LOG_DIR", str(made.logs))
    return made


def test_a_clean_profile_exits_0(posdesk_scan, shop: Shop) -> None:  # type: ignore[no-untyped-def]
    done = posdesk_scan("--data-dir", str(shop.data))
    assert done.returncode == 0, done.stderr
    assert "no card numbers or track data found" in done.stdout
    report = json.loads(posdesk_scan("--data-dir", str(shop.data), "--json").stdout)
    assert report["clean"] is True and report["findings"] == []
    assert report["export_files"] == 2 and report["log_files"] >= 1


def test_findings_listed_without_values_then_masked(posdesk_scan, shop: Shop) -> None:  # type: ignore[no-untyped-def]
    planted = plant_card_data(shop)
    listed = posdesk_scan("--data-dir", str(shop.data))
    assert listed.returncode == 1, listed.stderr
    lines = listed.stdout.splitlines()
    assert f"database  table txn, row {planted.txn_id}, column memo  pan  found" in lines
    assert f"log       {shop.logs / 'posdesk.log'}, line 6  track  found" in lines
    assert f"export    {shop.csv}, row 4, column Memo  pan  found" in lines
    assert f"export    {shop.xlsx}, sheet Transactions, cell S5  pan  found" in lines
    assert lines[-1].endswith("7 found (3 pan in database, 1 pan in log, 1 track in log, "
                              "2 pan in export); 0 masked, 7 remaining; run with --mask to "
                              "mask what may be changed.")
    assert_no_value(listed.stdout + listed.stderr)

    masked = posdesk_scan("--data-dir", str(shop.data), "--mask", "--json")
    assert masked.returncode == 1, masked.stderr             # the chained row remains
    assert_no_value(masked.stdout + masked.stderr)
    report = json.loads(masked.stdout)
    left = {(f["source"], f["column"], f["status"]) for f in report["findings"]
            if f["status"] != "masked"}
    assert left == {("txn", "memo", "unmaskable"), ("txn_source", "ref", "unmaskable")}
    assert report["masked"] == 5 and report["remaining"] == 2 and report["clean"] is False
    for path in (shop.csv, shop.logs / "posdesk.log"):
        text = path.read_text(encoding="utf-8-sig")
        assert PAN_16 not in text and MASKED_PAN in text

    db = open_for_reading(shop.data)
    try:
        scans = [e for e in entries(db, limit=50) if e.op_type == ops.SENSITIVE_DATA_SCAN]
    finally:
        db.close()
    assert [(e.result, e.details["mask"]) for e in scans] == [("FAIL", True), ("FAIL", False)]
    assert_no_value("".join(e.details_json for e in scans))


def test_extra_export_paths_and_usage_errors(posdesk_scan, shop: Shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "copy.csv").write_text(f"Memo\r\ncard {PAN_16}\r\n", encoding="utf-8-sig")
    found = posdesk_scan("--data-dir", str(shop.data), "--export", str(elsewhere), "--json")
    assert found.returncode == 1
    assert [f["location"] for f in json.loads(found.stdout)["findings"]] == [
        f"{elsewhere / 'copy.csv'}, row 2, column Memo"]
    fixed = posdesk_scan("--data-dir", str(shop.data), "--export",
                         str(elsewhere / "copy.csv"), "--mask")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr          # all masked: clean
    assert (elsewhere / "copy.csv").read_bytes() == \
        f"\ufeffMemo\r\ncard {MASKED_PAN}\r\n".encode()              # BOM and CRLF kept

    missing = posdesk_scan("--data-dir", str(shop.data), "--export", "nowhere.csv")
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    (tmp_path / "notes.txt").write_text("x")
    wrong = posdesk_scan("--data-dir", str(shop.data), "--export", str(tmp_path / "notes.txt"))
    assert wrong.returncode == 2 and "only .csv and .xlsx" in wrong.stderr
    unknown = posdesk_scan("--data-dir", str(shop.data), "--fix")
    assert unknown.returncode == 2 and "unrecognized arguments: --fix" in unknown.stderr
    no_profile = posdesk_scan("--data-dir", str(tmp_path / "none"))
    assert no_profile.returncode == 1 and "no PosDesk data" in no_profile.stderr
    assert not (tmp_path / "none").exists()
