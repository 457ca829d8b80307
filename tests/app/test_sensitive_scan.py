"""The sensitive-data scanner (spec SD-3) over a real profile, real log files and real
exports: what it finds and where, that no report carries a value, what --mask may change
(and that it leaves chained rows and the rest of each file alone), and the guard's rules
(identifier columns, merchant codes, RRNs) holding in the scanner too."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from app import bench_data
from app import oplog as ops
from app.history import DateRange, TxnFilter
from app.logfile import configure_logging
from app.oplog import Actor, OperationLog, entries, verify_chain
from app.paths import database_path
from app.profile import open_profile
from app.progress import Cancelled
from app.sensitive_scan import (
    CHAINED_REASON,
    DATABASE,
    EXPORT,
    LOG,
    MASKED,
    PAN,
    TRACK,
    UNMASKABLE,
    ScanReport,
    card_data_kind,
    mask_text,
    scan,
)
from app.storage import connect
from app.transactions import TransactionWriter
from app.txn_export import COLUMNS, export_transactions
from tests.app.test_carddata_scrubber import with_check_digit

END_MS = 1_795_000_000_000                    # 2026-11-18 in Shanghai
WINDOW = DateRange(dt.date(2026, 10, 1), dt.date(2026, 11, 18))
PAN_16 = with_check_digit("622202731946825")  # its middle digits (731946…) appear nowhere else
MIDDLE = PAN_16[6:-4]
MASKED_PAN = f"{PAN_16[:6]}******{PAN_16[-4:]}"
TRACK2 = f";{PAN_16}=2512101000000000?"
MERCHANT_CODE = "898310054110001"             # what every bench row carries
RRN = "000000123456"
LUHN_8 = with_check_digit("898310054110")     # Luhn-valid, but starts like no card (IIN 8)
MEMO_COLUMN = next(i for i, c in enumerate(COLUMNS) if c.key == "memo")
MERCHANT_CODE_COLUMN = next(i for i, c in enumerate(COLUMNS) if c.key == "merchant_code")
MEMO_LETTER = openpyxl.utils.get_column_letter(MEMO_COLUMN + 1)
CLEAN_LOG = ("2026-11-20 10:00:00,000 INFO app.sync: synced 12 rows from BENCH001 "
             f"(merchant {MERCHANT_CODE}, rrn {RRN})\r\n")


@dataclass
class Shop:
    """A profile with transactions, a CSV and an XLSX export and a log folder."""

    data: Path
    logs: Path
    csv: Path
    xlsx: Path


def make_shop(root: Path) -> Shop:
    """Real rows through the write path, real exports (logged with their path), real logs."""
    shop = Shop(root / "shop", root / "logs", root / "exports" / "all.csv",
                root / "exports" / "all.xlsx")
    shop.csv.parent.mkdir(parents=True)
    profile = open_profile(shop.data, Actor("test", "merchant", "test-device"))
    try:
        TransactionWriter(profile.db, profile.oplog).write_stream(
            bench_data.generate(400, days=30, terminals=2, end_ms=END_MS),
            source_kind="IMPORT", source_ref="gen.csv")
        for path, fmt in ((shop.csv, "csv"), (shop.xlsx, "xlsx")):
            export_transactions(profile.db, profile.oplog, TxnFilter(dates=WINDOW), path, fmt)
    finally:
        profile.close()
    shop.logs.mkdir()
    (shop.logs / "posdesk.log").write_text(CLEAN_LOG * 3, encoding="utf-8", newline="")
    (shop.logs / "posdesk.log.1").write_text(CLEAN_LOG, encoding="utf-8", newline="")
    return shop


@dataclass
class Planted:
    settings_rowid: int
    source_rowid: int
    txn_id: int


def plant_card_data(shop: Shop) -> Planted:
    """Card data where the guard would never let it: straight SQL and hand-edited files."""
    db = connect(database_path(shop.data))
    try:
        settings = db.execute("INSERT INTO settings (key, value) VALUES ('note', ?)",
                              [f"call back about card {PAN_16} please"]).lastrowid
        source = db.execute(
            "INSERT INTO txn_source (kind, ref, detail_json, created_at_utc_ms) "
            "VALUES ('IMPORT', ?, '{}', 0)", [f"statement {PAN_16}.csv"]).lastrowid
        db.execute("INSERT INTO terminals (terminal_id, label) VALUES (?, ?)",
                   [LUHN_8, f"till {RRN}"])
        txn_id = _insert_txn_bypassing_the_guard(db, f"refund to {PAN_16}")
    finally:
        db.close()
    with (shop.logs / "posdesk.log").open("a", encoding="utf-8", newline="") as log:
        log.write(f"2026-11-20 10:01:00,000 WARNING app.x: card {PAN_16} declined\r\n")
        log.write(CLEAN_LOG)
        log.write(f"2026-11-20 10:02:00,000 INFO app.y: reader said {TRACK2}\r\n")
    _set_csv_cell(shop.csv, 4, MEMO_COLUMN, f"refund to {PAN_16}")
    _set_csv_cell(shop.csv, 5, MERCHANT_CODE_COLUMN, LUHN_8)     # an identifier: no finding
    book = openpyxl.load_workbook(shop.xlsx)
    book.worksheets[0][f"{MEMO_LETTER}5"] = f"card {PAN_16}"
    book.save(shop.xlsx)
    return Planted(int(settings or 0), int(source or 0), txn_id)


def _insert_txn_bypassing_the_guard(db: object, memo: str) -> int:
    """A copy of the newest transaction with card data in its memo, by plain SQL."""
    conn: sqlite3.Connection = db.conn  # type: ignore[attr-defined]
    columns = [row[1] for row in conn.execute("PRAGMA table_info(txn)")]
    values = dict(zip(columns, conn.execute("SELECT * FROM txn ORDER BY id DESC LIMIT 1")
                      .fetchone(), strict=True))
    values.update(id=values["id"] + 1, trace_id="PLANTED0001", memo=memo,
                  app_txn_uuid=b"p" * 16)
    conn.execute(f"INSERT INTO txn ({', '.join(values)}) VALUES "
                 f"({', '.join('?' for _ in values)})", list(values.values()))
    return int(values["id"])


def _set_csv_cell(path: Path, row: int, column: int, text: str) -> None:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    rows[row - 1][column] = text
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


def run_scan(shop: Shop, mask: bool = False, **kwargs: object) -> ScanReport:
    db = connect(database_path(shop.data))
    try:
        return scan(db, shop.logs, [], mask=mask,
                    oplog=OperationLog(db, Actor("test", "merchant", "test-device")),
                    **kwargs)  # type: ignore[arg-type]
    finally:
        db.close()


def last_scan_entry(shop: Shop) -> ops.OplogEntry:
    db = connect(database_path(shop.data))
    try:
        return next(e for e in entries(db, limit=50) if e.op_type == ops.SENSITIVE_DATA_SCAN)
    finally:
        db.close()


def where(report: ScanReport) -> set[tuple[object, ...]]:
    return {(f.place, f.source, f.kind, f.row, f.column, f.sheet) for f in report.findings}


def expected_findings(shop: Shop, planted: Planted) -> set[tuple[object, ...]]:
    log = str(shop.logs / "posdesk.log")
    return {(DATABASE, "settings", PAN, planted.settings_rowid, "value", None),
            (DATABASE, "txn_source", PAN, planted.source_rowid, "ref", None),
            (DATABASE, "txn", PAN, planted.txn_id, "memo", None),
            (LOG, log, PAN, 4, None, None),
            (LOG, log, TRACK, 6, None, None),
            (EXPORT, str(shop.csv), PAN, 4, "Memo", None),
            (EXPORT, str(shop.xlsx), PAN, 5, f"{MEMO_LETTER}5", "Transactions")}


def assert_no_value(text: str) -> None:
    assert PAN_16 not in text and MIDDLE not in text and "=2512" not in text


@pytest.fixture
def shop(tmp_path: Path) -> Shop:
    return make_shop(tmp_path)


def test_a_clean_profile_reports_nothing(shop: Shop) -> None:
    gone = shop.csv.with_name("gone.csv")
    shop.csv.rename(gone)                   # a logged export that was moved away
    report = run_scan(shop)
    assert report.findings == [] and report.clean and report.unreadable == []
    assert report.tables >= 10 and report.log_files == 2 and report.export_files == 1
    assert report.missing_exports == [str(shop.csv)]
    entry = last_scan_entry(shop)
    assert entry.result == "SUCCESS"
    assert entry.details["found"] == {f"{place}_{kind}": 0 for place in (DATABASE, LOG, EXPORT)
                                      for kind in (PAN, TRACK)}


def test_each_finding_is_located_and_no_report_carries_the_value(shop: Shop) -> None:
    planted = plant_card_data(shop)
    files = {p: p.read_bytes() for p in (shop.csv, shop.xlsx, shop.logs / "posdesk.log")}
    report = run_scan(shop)
    assert where(report) == expected_findings(shop, planted)
    assert {f.status for f in report.findings} == {"found"} and not report.clean
    assert report.counts() == {DATABASE: {PAN: 3, TRACK: 0}, LOG: {PAN: 1, TRACK: 1},
                               EXPORT: {PAN: 2, TRACK: 0}}
    assert_no_value(json.dumps(report.as_dict(), ensure_ascii=False))
    assert_no_value(" ".join(f.location() for f in report.findings))
    entry = last_scan_entry(shop)
    assert entry.result == "FAIL" and entry.details["remaining"] == 7
    assert entry.details["found"] == {"database_pan": 3, "database_track": 0, "log_pan": 1,
                                      "log_track": 1, "export_pan": 2, "export_track": 0}
    assert_no_value(entry.details_json)
    assert all(p.read_bytes() == raw for p, raw in files.items())     # nothing changed


def test_mask_fixes_logs_exports_and_plain_tables_and_names_what_it_cannot(shop: Shop) -> None:
    planted = plant_card_data(shop)
    log_before = (shop.logs / "posdesk.log").read_text(encoding="utf-8").splitlines()
    csv_before = _csv(shop.csv)
    report = run_scan(shop, mask=True)

    status = {(f.source, f.column): (f.status, f.reason) for f in report.findings
              if f.place == DATABASE}
    assert status[("txn", "memo")] == (UNMASKABLE, CHAINED_REASON)
    assert status[("txn_source", "ref")][0] == UNMASKABLE
    assert "trigger" in status[("txn_source", "ref")][1]
    assert status[("settings", "value")] == (MASKED, "")
    assert all(f.status == MASKED for f in report.findings if f.place != DATABASE)
    assert not report.clean and len(report.remaining) == 2

    db = connect(database_path(shop.data))
    try:
        note = db.execute("SELECT value FROM settings WHERE rowid = ?",
                          [planted.settings_rowid]).fetchone()[0]
        memo = db.execute("SELECT memo FROM txn WHERE id = ?", [planted.txn_id]).fetchone()[0]
        assert verify_chain(db).ok
    finally:
        db.close()
    assert note == f"call back about card {MASKED_PAN} please"
    assert memo == f"refund to {PAN_16}"                     # the chained row is untouched

    log_after = (shop.logs / "posdesk.log").read_text(encoding="utf-8").splitlines()
    assert log_after[3].endswith(f"card {MASKED_PAN} declined")
    assert log_after[5].endswith("reader said [track removed]")
    assert [line for n, line in enumerate(log_after) if n not in (3, 5)] == [
        line for n, line in enumerate(log_before) if n not in (3, 5)]
    csv_after = _csv(shop.csv)
    assert csv_after[3][MEMO_COLUMN] == f"refund to {MASKED_PAN}"
    assert [r for n, r in enumerate(csv_after) if n != 3] == [
        r for n, r in enumerate(csv_before) if n != 3]
    assert shop.csv.read_bytes().startswith(b"\xef\xbb\xbf")
    sheet = openpyxl.load_workbook(shop.xlsx).worksheets[0]
    assert sheet[f"{MEMO_LETTER}5"].value == f"card {MASKED_PAN}"
    assert sheet["H2"].number_format == "\"¥\"#,##0.00"             # styles survive
    for path in (shop.csv, shop.xlsx, shop.logs / "posdesk.log"):
        assert PAN_16 not in path.read_bytes().decode("utf-8", "replace")
    assert sorted(p.name for p in shop.csv.parent.iterdir()) == ["all.csv", "all.xlsx"]

    again = run_scan(shop)
    assert {(f.source, f.column) for f in again.findings} == {("txn", "memo"),
                                                               ("txn_source", "ref")}


def test_identifier_columns_follow_the_guard_rule(shop: Shop) -> None:
    """A Luhn-valid number that starts like no card is an identifier, not a PAN, in an
    identifier column (terminal id), but counts in free text (a label) like the guard says."""
    db = connect(database_path(shop.data))
    try:
        db.execute("INSERT INTO terminals (terminal_id, label) VALUES (?, 'front till')",
                   [LUHN_8])
        card_like = db.execute("INSERT INTO terminals (terminal_id, label) VALUES (?, ?)",
                               [with_check_digit("62220212345678"), "back till"]).lastrowid
        in_label = db.execute("INSERT INTO terminals (terminal_id, label) VALUES (?, ?)",
                              ["T0000003", f"spare {LUHN_8}"]).lastrowid
    finally:
        db.close()
    report = run_scan(shop)
    assert where(report) == {(DATABASE, "terminals", PAN, card_like, "terminal_id", None),
                             (DATABASE, "terminals", PAN, in_label, "label", None)}


@pytest.mark.parametrize(("text", "column", "kind"), [
    (MERCHANT_CODE, "merchant_code", None),
    (MERCHANT_CODE, "memo", None),                       # not Luhn-valid
    (RRN, "rrn", None),
    (RRN, "memo", None),                                 # 12 digits: too short for a card
    (LUHN_8, "merchant_code", None),
    (LUHN_8, "memo", PAN),
    (PAN_16, "rrn", PAN),
    (PAN_16, "pan_first6", PAN),
    (f"{PAN_16}D2512101", "trace_id", TRACK),
    (TRACK2, "memo", TRACK),
    (f"%B{PAN_16}^DOE/JOHN^2512101?", "memo", TRACK),
    (f"卡号{PAN_16}谢谢", "merchant_name", PAN),
    ("6222 0273 1946 8254", "memo", PAN),
    ("6222-0273-1946-8254", None, PAN),
    ("2026-11-18 10:00:00 BENCH001 1234.50", None, None),
])
def test_card_data_kind(text: str, column: str | None, kind: str | None) -> None:
    assert card_data_kind(text, column) == kind


def test_hex_digests_are_neither_found_nor_masked() -> None:
    digest = "ab" + PAN_16 + "cd" * 23                 # 64 hex characters, a Luhn-valid run
    assert len(digest) == 64
    assert card_data_kind(f'{{"sha256": "{digest}"}}') is None
    assert mask_text(f"sha256 {digest} card {PAN_16}") == f"sha256 {digest} card {MASKED_PAN}"
    assert mask_text(f"password={digest}") == "password=[removed]"
    assert card_data_kind(f"ab{PAN_16}cd") == PAN          # short: not a digest


def test_every_shape_the_rules_know_passes_the_sql_prefilter(shop: Shop) -> None:
    """The GLOBs only narrow: each shape carddata calls card data reaches the rules."""
    shapes = [PAN_16, f"x{PAN_16}", f"{PAN_16}x", f"卡号{PAN_16}", "6222 0273 1946 8254",
              "6222-0273 1946-8254", "%B622202731946^A/B^2512?",        # 12 digits: track 1
              TRACK2, f"{PAN_16}D2512101", with_check_digit("622202731946825012")]
    db = connect(database_path(shop.data))
    try:
        rowids = [db.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                             [f"shape{n}", text]).lastrowid for n, text in enumerate(shapes)]
        track = db.execute("INSERT INTO terminals (terminal_id) VALUES (?)",
                           [f"{PAN_16}=2512"]).lastrowid
    finally:
        db.close()
    found = {(f.source, f.row) for f in run_scan(shop).findings}
    assert found == {("settings", r) for r in rowids} | {("terminals", track)}


def test_a_cancelled_scan_keeps_whole_masking_and_is_logged_as_failed(shop: Shop) -> None:
    planted = plant_card_data(shop)
    log_before = (shop.logs / "posdesk.log").read_bytes()

    def cancel_at_the_logs(done: int, total: int, what: str) -> None:
        if what.endswith("posdesk.log"):
            raise Cancelled()

    with pytest.raises(Cancelled):
        run_scan(shop, mask=True, progress=cancel_at_the_logs)
    assert (shop.logs / "posdesk.log").read_bytes() == log_before
    db = connect(database_path(shop.data))
    try:
        note = db.execute("SELECT value FROM settings WHERE rowid = ?",
                          [planted.settings_rowid]).fetchone()[0]
    finally:
        db.close()
    assert MASKED_PAN in note
    entry = last_scan_entry(shop)
    assert (entry.result, entry.details["stopped"]) == ("FAIL", "cancelled")


def test_extra_paths_and_unreadable_files(shop: Shop, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "bill.csv").write_text(f"备注\r\n已付 {PAN_16}\r\n", encoding="gb18030")
    (other / "broken.xlsx").write_bytes(b"not a zip file")
    (other / "notes.txt").write_text(PAN_16)               # not an export format: skipped
    db = connect(database_path(shop.data))
    try:
        journal = OperationLog(db, Actor("t", "m", "d"))
        report = scan(db, shop.logs, [other], oplog=journal)
        broken_only = scan(db, shop.logs, [other / "broken.xlsx"], oplog=journal)
    finally:
        db.close()
    assert where(report) == {(EXPORT, str(other / "bill.csv"), PAN, 2, "备注", None)}
    assert len(report.unreadable) == 1 and report.unreadable[0].startswith(
        str(other / "broken.xlsx"))
    assert report.export_files == 4 and not report.clean
    # a file that could not be checked is not a clean result
    assert broken_only.findings == [] and not broken_only.clean
    assert last_scan_entry(shop).result == "FAIL"


def test_excel_shared_strings_are_read_rich_text_runs_joined(shop: Shop, tmp_path: Path) -> None:
    """Excel keeps text in a shared-string table, a formatted string in runs: a card number
    split across two runs is still one card number."""
    book = tmp_path / "excel.xlsx"
    _write_excel_like_workbook(book, [f"<r><t>card {PAN_16[:8]}</t></r>"
                                      f"<r><rPr><b/></rPr><t>{PAN_16[8:]}</t></r>",
                                      MERCHANT_CODE])
    db = connect(database_path(shop.data))
    try:
        report = scan(db, shop.logs, [book], mask=True,
                      oplog=OperationLog(db, Actor("t", "m", "d")))
    finally:
        db.close()
    assert where(report) == {(EXPORT, str(book), PAN, 1, "A1", "Sheet1")}
    assert report.clean
    sheet = openpyxl.load_workbook(book).worksheets[0]
    assert (sheet["A1"].value, sheet["B1"].value) == (f"card {MASKED_PAN}", MERCHANT_CODE)


def _write_excel_like_workbook(path: Path, shared: list[str]) -> None:
    """The smallest workbook as Excel saves it: row 1 holds the shared strings in order."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    cells = "".join(f'<c r="{chr(65 + n)}1" t="s"><v>{n}</v></c>' for n in range(len(shared)))
    items = "".join(f"<si>{item}</si>" if item.startswith("<r>") else f"<si><t>{item}</t></si>"
                    for item in shared)
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats'
            '-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets'
            '/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'sharedStrings+xml"/></Types>'),
        "_rels/.rels": (
            f'<Relationships xmlns="{package}"><Relationship Id="rId1" Type="{rel}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Sheet1" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{package}"><Relationship Id="rId1" Type="{rel}/worksheet" '
            f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/'
            'sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{main}"><sheetData><row r="1">{cells}</row></sheetData>'
            '</worksheet>'),
        "xl/sharedStrings.xml": (
            f'<sst xmlns="{main}" count="{len(shared)}" uniqueCount="{len(shared)}">{items}'
            '</sst>'),
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)


def test_this_process_keeps_logging_into_the_rewritten_log(shop: Shop) -> None:
    """A handler of this process writing the file being masked writes into the new file
    afterwards, not into the replaced one."""
    root = logging.getLogger()
    level = root.level
    path = configure_logging(shop.logs)
    try:
        logging.getLogger("x").warning("before")
        with path.open("a", encoding="utf-8") as log:
            log.write(f"card {PAN_16}\n")
        report = run_scan(shop, mask=True)
        logging.getLogger("x").warning("after the scan")
        for handler in root.handlers:
            handler.flush()
    finally:
        for handler in [h for h in root.handlers if getattr(h, "posdesk", False)]:
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)
    assert [f.status for f in report.findings] == [MASKED]
    text = path.read_text(encoding="utf-8")
    assert "before" in text and f"card {MASKED_PAN}" in text and "after the scan" in text


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
