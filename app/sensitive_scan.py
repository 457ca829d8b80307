"""The sensitive-data scanner of spec SD-3: card numbers and track data that reached the
database, the log files or exported files in spite of the write-path guard (SD-1) and the log
scrubber (SD-2), written by an older version, another program or a hand; masked where that
is allowed, and reported.

Why it is shaped this way:
- It judges a value by the guard's own rules (app/carddata.py) and masks with the log
  scrubber (app/scrubber.py), so the scanner never flags what the guard lets in, and what
  it masks reads like every other masked card (first 6 + last 4).
- A report says where (table, rowid and column; file and line; CSV row and column; XLSX
  sheet and cell) and what kind (pan or track), never the value: reports are printed, sent
  as JSON and written to the operation log.
- A million transactions are read in about a second and a half: SQLite's GLOB picks the few
  values that could hold 12+ digits in a row, with cheap length and four-digit tests first,
  and only those reach Python. The GLOBs only narrow; the rules in carddata decide.
- `txn` and `oplog` are append-only and hash-chained (spec 7.1, 8): masking a row would
  break the chain that proves the record, so a finding there is reported as unmaskable.
  Other tables are masked in one transaction; a column an UPDATE trigger refuses, or a
  change SQLite refuses, is reported as unmaskable too.
- Files are rewritten beside themselves and moved into place (os.replace): a crash leaves
  the old file or the new one, never half of each.
- Hex digests (the SHA-256 of an export or an import, the oplog's own hashes) are not card
  data, though a 13-digit stretch of one may pass Luhn: hex runs of 32 or more characters
  are left out of the check and out of the masking.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import html
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import openpyxl
import sqlite_utils
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from app import oplog as ops
from app.carddata import (
    IDENTIFIER_FIELDS,
    TRACK1,
    TRACK2,
    contains_card_data,
    may_hold_card_data,
    pan_like_identifier,
    track2_has_pan,
)
from app.oplog import OperationLog
from app.profile import local_actor
from app.progress import Cancelled
from app.scrubber import scrub_text
from app.txn_export import COLUMNS, format_for_path

DATABASE, LOG, EXPORT = "database", "log", "export"
PLACES = (DATABASE, LOG, EXPORT)
PAN, TRACK = "pan", "track"
KINDS = (PAN, TRACK)
FOUND, MASKED, UNMASKABLE = "found", "masked", "unmaskable"

# Hash-chained, append-only tables: a changed row breaks the chain that proves the record.
CHAINED_TABLES = frozenset({"txn", "oplog"})
# The acquirer's card token may look like a card number; the guard allows it there (SD-1).
TOKEN_COLUMNS = frozenset({"pan_token"})
CHAINED_REASON = ("an append-only, hash-chained table: masking the value would break the "
                  "chain that proves the record")
_SHORTEST = 13       # no card number or track data fits in fewer characters

ProgressCallback = Callable[[int, int, str], object]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Finding:
    """Where card data was found and what kind; never the value."""

    place: str                  # database / log / export
    source: str                 # table name, or the file's path
    kind: str                   # pan / track
    row: int | str | None       # rowid, file line, CSV/XLSX row (a masked key: WITHOUT ROWID)
    column: str | None = None   # database column, CSV header, XLSX cell (S5)
    sheet: str | None = None    # XLSX sheet
    status: str = FOUND         # found / masked / unmaskable
    reason: str = ""

    def location(self) -> str:
        if self.place == DATABASE:
            return f"table {self.source}, row {self.row}, column {self.column}"
        if self.sheet is not None:
            return f"{self.source}, sheet {self.sheet}, cell {self.column}"
        if self.column is not None:
            return f"{self.source}, row {self.row}, column {self.column}"
        return f"{self.source}, line {self.row}"

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "location": self.location()}


@dataclass
class ScanReport:
    """What one scan looked at and found; `clean` is the answer a caller acts on."""

    mask: bool
    findings: list[Finding] = field(default_factory=list)
    tables: int = 0
    log_files: int = 0
    export_files: int = 0
    missing_exports: list[str] = field(default_factory=list)    # logged, no longer there
    unreadable: list[str] = field(default_factory=list)         # "path: why"
    seconds: float = 0.0

    @property
    def remaining(self) -> list[Finding]:
        return [f for f in self.findings if f.status != MASKED]

    @property
    def clean(self) -> bool:
        """Nothing left to act on: no finding unmasked and every file could be read."""
        return not self.remaining and not self.unreadable

    def counts(self) -> dict[str, dict[str, int]]:
        tally = Counter((f.place, f.kind) for f in self.findings)
        return {place: {kind: tally[place, kind] for kind in KINDS} for place in PLACES}

    def summary(self) -> dict[str, object]:
        """Counts only: what the operation log records. The counts are keyed database_pan,
        log_track …: the log's scrubber drops any key named plainly "track"."""
        status = Counter(f.status for f in self.findings)
        found = {f"{place}_{kind}": n for place, kinds in self.counts().items()
                 for kind, n in kinds.items()}
        return {"mask": self.mask, "found": found, "masked": status[MASKED],
                "unmaskable": status[UNMASKABLE], "remaining": len(self.remaining),
                "tables": self.tables, "log_files": self.log_files,
                "export_files": self.export_files,
                "missing_exports": len(self.missing_exports),
                "unreadable": len(self.unreadable)}

    def as_dict(self) -> dict[str, object]:
        return {"clean": self.clean, **self.summary(), "counts": self.counts(),
                "findings": [f.as_dict() for f in self.findings],
                "missing_export_paths": self.missing_exports,
                "unreadable_files": self.unreadable, "seconds": round(self.seconds, 3)}


def scan(db: sqlite_utils.Database, log_dir: Path, export_paths: Iterable[Path] = (),
         mask: bool = False, progress: ProgressCallback | None = None, *,
         oplog: OperationLog | None = None) -> ScanReport:
    """Scan the database, every file in `log_dir` and the exported files (those the
    operation log recorded, plus `export_paths`: files, or folders of .csv/.xlsx files);
    with `mask`, mask what may be changed. One SENSITIVE_DATA_SCAN entry is appended, result
    SUCCESS only when nothing is left to act on.

    `progress(done, total, what)` is called before each table and file; a `Progress.update`
    can be passed, and its cancellation stops the scan (app.progress.Cancelled) after the
    masking done so far, which stays consistent (one transaction; whole files).
    """
    started = time.monotonic()
    report = ScanReport(mask)
    journal = oplog if oplog is not None else OperationLog(db, local_actor())
    try:
        _scan_all(db, log_dir, export_paths, progress, report)
    except BaseException as exc:
        report.seconds = time.monotonic() - started
        _record_stopped(journal, report, exc)
        raise
    report.seconds = time.monotonic() - started
    journal.append(ops.SENSITIVE_DATA_SCAN, target_type="profile",
                   result="SUCCESS" if report.clean else "FAIL", details=report.summary())
    return report


def _scan_all(db: sqlite_utils.Database, log_dir: Path, export_paths: Iterable[Path],
              progress: ProgressCallback | None, report: ScanReport) -> None:
    tables = database_tables(db)
    logs = log_files(log_dir)
    exports, report.missing_exports = export_files(db, export_paths)
    report.tables, report.log_files, report.export_files = len(tables), len(logs), len(exports)
    steps = _Steps(len(tables) + len(logs) + len(exports), progress)
    report.findings += _scan_database(db, tables, report.mask, steps)
    report.findings += _scan_files(logs, _scan_log, _mask_log, steps, report)
    report.findings += _scan_files(exports, _scan_export, _mask_export, steps, report)


def _record_stopped(journal: OperationLog, report: ScanReport, exc: BaseException) -> None:
    """A scan that stopped is logged as failed, with what it had found; a failure to log it
    must not hide why it stopped."""
    reason = "cancelled" if isinstance(exc, Cancelled | KeyboardInterrupt) else (
        f"{type(exc).__name__}: {_no_value(exc)}")
    try:
        journal.append(ops.SENSITIVE_DATA_SCAN, target_type="profile", result="FAIL",
                       details={**report.summary(), "stopped": reason})
    except Exception:
        log.exception("could not record the stopped sensitive-data scan")


class _Steps:
    def __init__(self, total: int, progress: ProgressCallback | None) -> None:
        self.done, self.total, self.progress = 0, total, progress

    def next(self, what: str) -> None:
        if self.progress:
            self.progress(self.done, self.total, what)
        self.done += 1


# ---- the rules --------------------------------------------------------------------------

_HEX_DIGEST = re.compile(r"(?<![0-9A-Za-z])[0-9A-Fa-f]{32,}(?![0-9A-Za-z])")
_HELD = "\ue000"        # a private-use character marks a digest held out of the scrubber
_HELD_DIGEST = re.compile(_HELD + r"(\d+)" + _HELD)


def card_data_kind(text: str, column: str | None = None) -> str | None:
    """TRACK, PAN or None for one value, by the write-path guard's rules: in an identifier
    column (merchant code, RRN, trace id …) only a Luhn-valid number that starts like a
    card (IIN 2–6) or track data counts; anywhere else any Luhn-valid 13–19 digits do."""
    if len(text) < _SHORTEST:
        return None
    if column in IDENTIFIER_FIELDS:
        if not pan_like_identifier(text):
            return None
    elif not may_hold_card_data(text):
        return None
    else:
        text = _HEX_DIGEST.sub("#", text)
        if not contains_card_data(text):
            return None
    has_track = TRACK1.search(text) or (TRACK2.search(text) and track2_has_pan(text))
    return TRACK if has_track else PAN


def mask_text(text: str) -> str:
    """scrub_text (SD-2) with hex digests held out, so a hash is never 'masked' into a
    different hash; a digest that is a secret's value still goes with its key."""
    held: list[str] = []

    def hold(match: re.Match[str]) -> str:
        held.append(match.group())
        return f"{_HELD}{len(held) - 1}{_HELD}"

    scrubbed = scrub_text(_HEX_DIGEST.sub(hold, text))
    return _HELD_DIGEST.sub(lambda m: held[int(m.group(1))], scrubbed)


# ---- the database -----------------------------------------------------------------------

_D = "[0-9]"
# Cheap tests first: SQLite stops at the first false one, so most values cost a length().
_FREE_TEXT_SQL = ("(length({c}) >= 13 AND {c} GLOB '*" + _D * 4 + "*' AND ("
                  "{c} GLOB '*" + _D * 13 + "*' OR {c} GLOB '*%B" + _D * 12 + "*' OR "
                  "{c} GLOB '*" + _D * 4 + ("[ -]" + _D * 4) * 2 + "[ -]" + _D + "*'))")
_IDENTIFIER_SQL = ("(length({c}) >= 13 AND ({c} GLOB '[2-6]" + _D * 12 + "*' OR ("
                   "(instr({c}, '=') OR instr({c}, 'D') OR instr({c}, '%B')) AND ("
                   "{c} GLOB '*" + _D * 13 + "[=D]*' OR {c} GLOB '*%B" + _D * 12 + "*'))))")
_UPDATE_TRIGGER = re.compile(r"\bUPDATE\b(?:\s+OF\s+(?P<columns>.+?))?\s+ON\s", re.I | re.S)
_RAISES = re.compile(r"\bRAISE\s*\(\s*(?:ABORT|FAIL|ROLLBACK)\b", re.I)


@dataclass(frozen=True)
class Table:
    """An ordinary table and what the scanner needs to know of it."""

    name: str
    columns: tuple[str, ...]          # the TEXT columns looked at
    key: tuple[str, ...]              # ("rowid",), or a WITHOUT ROWID table's primary key
    refused: frozenset[str] | None    # columns an UPDATE trigger refuses; None: all of them

    @property
    def chained(self) -> bool:
        return self.name in CHAINED_TABLES

    def unmaskable_reason(self, column: str) -> str:
        if self.chained:
            return CHAINED_REASON
        if self.refused is None or column in self.refused:
            return "an UPDATE trigger on the table refuses changes to this column"
        return ""


def database_tables(db: sqlite_utils.Database) -> list[Table]:
    """Every ordinary table with a TEXT column (not sqlite_%, not FTS shadow tables: the
    search index is contentless and holds no text)."""
    found = []
    for schema, name, kind, _columns, without_rowid, _strict in db.execute(
            "PRAGMA table_list").fetchall():
        if schema != "main" or kind != "table" or name.startswith("sqlite_"):
            continue
        info = db.execute(f"PRAGMA table_info({_quote(name)})").fetchall()
        columns = tuple(row[1] for row in info
                        if _text_affinity(row[2]) and row[1] not in TOKEN_COLUMNS)
        if columns:
            key = (tuple(row[1] for row in sorted(info, key=lambda r: r[5]) if row[5])
                   if without_rowid else ("rowid",))
            found.append(Table(name, columns, key, _refused_columns(db, name)))
    return found


def _text_affinity(declared: str | None) -> bool:
    """SQLite's affinity rules: INT first, then CHAR, CLOB or TEXT."""
    kind = (declared or "").upper()
    return "INT" not in kind and any(word in kind for word in ("CHAR", "CLOB", "TEXT"))


def _refused_columns(db: sqlite_utils.Database, table: str) -> frozenset[str] | None:
    """The columns UPDATE triggers refuse to change (RAISE), or None when they refuse all."""
    refused: set[str] = set()
    for (sql,) in db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
                             "tbl_name = ?", [table]).fetchall():
        text = sql or ""
        head, _, body = text.upper().partition("BEGIN")
        match = _UPDATE_TRIGGER.search(text[:len(head)])
        if not match or not _RAISES.search(body):
            continue
        if not match.group("columns"):
            return None
        refused |= {c.strip().strip('"`[]') for c in match.group("columns").split(",")}
    return frozenset(refused)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _scan_database(db: sqlite_utils.Database, tables: list[Table], mask: bool,
                   steps: _Steps) -> list[Finding]:
    found: list[tuple[Finding, tuple[object, ...]]] = []
    for table in tables:
        steps.next(f"table {table.name}")
        found += _scan_table(db, table)
    if not mask:
        return [finding for finding, _key in found]
    by_name = {table.name: table for table in tables}
    with db.atomic():
        return [_mask_value(db, by_name[f.source], f, key) for f, key in found]


def _scan_table(db: sqlite_utils.Database,
                table: Table) -> Iterator[tuple[Finding, tuple[object, ...]]]:
    """The findings of one table, each with the key that finds its row again."""
    tests = " OR ".join((_IDENTIFIER_SQL if c in IDENTIFIER_FIELDS else _FREE_TEXT_SQL)
                        .format(c=_quote(c)) for c in table.columns)
    keys = ", ".join(_quote(k) if k != "rowid" else "rowid" for k in table.key)
    values = ", ".join(_quote(c) for c in table.columns)
    cursor = db.execute(f"SELECT {keys}, {values} FROM {_quote(table.name)} WHERE {tests}")
    width = len(table.key)
    for row in cursor:
        key = tuple(row[:width])
        for column, value in zip(table.columns, row[width:], strict=True):
            kind = card_data_kind(value, column) if isinstance(value, str) else None
            if kind:
                yield Finding(DATABASE, table.name, kind, _row_label(table, key), column), key


def _row_label(table: Table, key: tuple[object, ...]) -> int | str:
    """The rowid, or a WITHOUT ROWID table's key as the rules let it be shown (masked)."""
    if table.key == ("rowid",) and isinstance(key[0], int):
        return key[0]
    return ", ".join(f"{name}={mask_text(str(value))}"
                     for name, value in zip(table.key, key, strict=True))


def _mask_value(db: sqlite_utils.Database, table: Table, finding: Finding,
                key: tuple[object, ...]) -> Finding:
    """Mask one value in place (inside the caller's transaction), or say why it cannot be."""
    column = str(finding.column)
    reason = table.unmaskable_reason(column)
    if reason:
        return _with(finding, UNMASKABLE, reason)
    where = " AND ".join(f"{'rowid' if k == 'rowid' else _quote(k)} = ?" for k in table.key)
    row = db.execute(f"SELECT {_quote(column)} FROM {_quote(table.name)} WHERE {where}",
                     list(key)).fetchone()
    if row is None or not isinstance(row[0], str) or not card_data_kind(row[0], column):
        return _with(finding, MASKED, "gone before it was masked (changed meanwhile)")
    masked = mask_text(row[0])
    if card_data_kind(masked, column):
        return _with(finding, UNMASKABLE, "masking did not remove it")
    db.execute("SAVEPOINT sensitive_scan")
    try:
        db.execute(f"UPDATE {_quote(table.name)} SET {_quote(column)} = ? WHERE {where}",
                   [masked, *key])
    except sqlite3.DatabaseError as exc:
        db.execute("ROLLBACK TO sensitive_scan")
        return _with(finding, UNMASKABLE, f"the database refused the change ({exc})")
    finally:
        db.execute("RELEASE sensitive_scan")
    return _with(finding, MASKED)


def _with(finding: Finding, status: str, reason: str = "") -> Finding:
    return Finding(finding.place, finding.source, finding.kind, finding.row, finding.column,
                   finding.sheet, status, reason)


# ---- files ------------------------------------------------------------------------------

Scanner = Callable[[Path], list[Finding]]
Masker = Callable[[Path, list[Finding]], None]
# What a file that cannot be read or rewritten raises (a damaged XLSX is a bad zip file).
_UNREADABLE = (OSError, ValueError, KeyError, csv.Error, zipfile.BadZipFile,
               InvalidFileException)


def log_files(log_dir: Path) -> list[Path]:
    """posdesk.log and its rotations (posdesk.log.1 …): every file in the folder."""
    if not log_dir.is_dir():
        return []
    return sorted(path for path in log_dir.iterdir() if path.is_file())


def export_files(db: sqlite_utils.Database,
                 extra: Iterable[Path] = ()) -> tuple[list[Path], list[str]]:
    """(files to scan, logged exports that no longer exist): the exports the operation log
    recorded with their path, and `extra` files or folders (their .csv and .xlsx files)."""
    found: dict[Path, None] = {}
    missing: list[str] = []
    for path in _logged_exports(db):
        if path.is_file():
            found[path] = None
        else:
            missing.append(str(path))
    for path in (Path(p).expanduser().absolute() for p in extra):
        children = sorted(path.iterdir()) if path.is_dir() else [path]
        found.update((child, None) for child in children
                     if child.is_file() and format_for_path(child))
    return list(found), missing


def _logged_exports(db: sqlite_utils.Database) -> list[Path]:
    """Successful DATA_EXPORT entries' paths, each once (older entries named only the file)."""
    paths: dict[Path, None] = {}
    for (details,) in db.execute("SELECT details_json FROM oplog WHERE op_type = ? AND "
                                 "result = 'SUCCESS' ORDER BY id", [ops.DATA_EXPORT]):
        path = json.loads(details).get("path")
        if isinstance(path, str) and path:
            paths[Path(path)] = None
    return list(paths)


def _scan_files(paths: Sequence[Path], scan_one: Scanner, mask_one: Masker, steps: _Steps,
                report: ScanReport) -> list[Finding]:
    found: list[Finding] = []
    for path in paths:
        steps.next(str(path))
        try:
            findings = scan_one(path)
            if report.mask and findings:
                mask_one(path, findings)
                findings = [_with(f, MASKED) for f in findings]
        except _UNREADABLE as exc:
            report.unreadable.append(f"{path}: {type(exc).__name__}: {_no_value(exc)}")
            continue
        found += findings
    return found


def _no_value(exc: BaseException) -> str:
    """An error's text, scrubbed: some parsers quote the content they choked on."""
    text = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return mask_text(text)[:200]


def _scan_log(path: Path) -> list[Finding]:
    with _open_text(path) as lines:
        return [Finding(LOG, str(path), kind, number)
                for number, line in enumerate(lines, start=1)
                if (kind := card_data_kind(line))]


def _open_text(path: Path, mode: str = "r") -> IO[str]:
    """Log text as written (UTF-8); bytes that are not come back unchanged on rewrite."""
    return path.open(mode, encoding="utf-8", errors="surrogateescape", newline="")


def _mask_log(path: Path, findings: list[Finding]) -> None:
    lines = {f.row for f in findings}
    with (_own_log_handlers(path), _replacing(path) as temp, _open_text(path) as source,
          _open_text(temp, "w") as target):
        for number, line in enumerate(source, start=1):
            target.write(mask_text(line) if number in lines else line)
        _sync(target)


@contextlib.contextmanager
def _own_log_handlers(path: Path) -> Iterator[None]:
    """This process's handlers writing `path` wait while it is rewritten, then reopen it
    (they would go on writing into the replaced file). Other processes cannot be told."""
    handlers = [h for h in logging.getLogger().handlers
                if isinstance(h, logging.FileHandler)
                and h.baseFilename == os.path.abspath(path)]
    for handler in handlers:
        handler.acquire()
    try:
        yield
    finally:
        for handler in handlers:
            if handler.stream is not None:
                handler.stream.close()
                handler.stream = None   # type: ignore[assignment]  # reopened on next emit
            handler.release()


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` that replaces it when the block succeeds."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                    suffix=path.suffix + ".part")
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        shutil.copymode(path, temp)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _sync(stream: IO[Any]) -> None:
    stream.flush()
    os.fsync(stream.fileno())


def _scan_export(path: Path) -> list[Finding]:
    return _scan_csv(path) if format_for_path(path) == "csv" else _scan_xlsx(path)


def _mask_export(path: Path, findings: list[Finding]) -> None:
    if format_for_path(path) == "csv":
        _mask_csv(path, findings)
    else:
        _mask_xlsx(path, findings)


# Export headers (both languages) to the field each column holds, for the identifier rule.
_HEADER_FIELDS = {getattr(column, language): column.key
                  for column in COLUMNS for language in ("en", "zh_CN")}


def _column_field(header: object) -> str | None:
    """The field a header names: an export's own header, or a field name (merchant_code)."""
    if not isinstance(header, str):
        return None
    text = header.strip()
    return _HEADER_FIELDS.get(text) or text.lower().replace(" ", "_")


def _csv_encoding(path: Path) -> str:
    """UTF-8 (with or without the BOM exports carry), else GB18030 as Chinese Excel saves."""
    with path.open("rb") as raw:
        if raw.read(3) == b"\xef\xbb\xbf":
            return "utf-8-sig"
        raw.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for block in iter(lambda: raw.read(1 << 20), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8"


def _csv_rows(path: Path, encoding: str) -> Iterator[list[str]]:
    with path.open(encoding=encoding, newline="") as source:
        yield from csv.reader(source)


def _scan_csv(path: Path) -> list[Finding]:
    found: list[Finding] = []
    fields: list[str | None] = []
    headers: list[str] = []
    for number, row in enumerate(_csv_rows(path, _csv_encoding(path)), start=1):
        if number == 1:
            headers, fields = row, [_column_field(h) for h in row]
        for index, cell in enumerate(row):
            kind = card_data_kind(cell, fields[index] if number > 1 and index < len(fields)
                                  else None)
            if kind:
                found.append(Finding(EXPORT, str(path), kind, number,
                                     _csv_column(headers, index)))
    return found


def _csv_column(headers: list[str], index: int) -> str:
    """The header a spreadsheet shows (masked, should a card number be in it), or the
    column's number."""
    header = mask_text(headers[index]).strip() if index < len(headers) else ""
    return header or f"#{index + 1}"


def _mask_csv(path: Path, findings: list[Finding]) -> None:
    """Rewrite with the flagged cells masked; encoding, BOM and line ends kept."""
    encoding = _csv_encoding(path)
    flagged: dict[object, set[str | None]] = {}
    for finding in findings:
        flagged.setdefault(finding.row, set()).add(finding.column)
    with path.open("rb") as raw:
        ending = "\r\n" if b"\r\n" in raw.readline() else "\n"
    with _replacing(path) as temp, temp.open("w", encoding=encoding, newline="") as target:
        writer = csv.writer(target, lineterminator=ending)
        headers: list[str] = []
        for number, row in enumerate(_csv_rows(path, encoding), start=1):
            headers = row if number == 1 else headers
            columns = flagged.get(number)
            writer.writerow(row if not columns else
                            [mask_text(cell) if _csv_column(headers, i) in columns else cell
                             for i, cell in enumerate(row)])
        _sync(target)


def _scan_xlsx(path: Path) -> list[Finding]:
    """String cells of every sheet (read-only mode: a sheet streams, not loaded whole),
    after a raw look at the file's strings has said there may be something to find."""
    if not _xlsx_may_hold_card_data(path):
        return []
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return [finding for sheet in book.worksheets for finding in _scan_sheet(path, sheet)]
    finally:
        book.close()


# A workbook's text: shared and inline strings (rich-text runs joined), and cached formula
# results (a <v> that is not a number).
_XLSX_STRING = re.compile(r"<(?:is|si)>(.*?)</(?:is|si)>|<v>([^<]*)</v>", re.S)
_XLSX_TAG = re.compile(r"<[^>]*>")
_XLSX_PARTS = re.compile(r"xl/(?:worksheets/[^/]+|sharedStrings)\.xml")


def _xlsx_may_hold_card_data(path: Path) -> bool:
    """Every string of the workbook judged by the strictest rule (free text), straight from
    its XML: ten times faster than openpyxl's cells, which are only read when this finds
    something (then with each column's own rule, and to say which cell)."""
    with zipfile.ZipFile(path) as archive:
        parts = [name for name in archive.namelist() if _XLSX_PARTS.fullmatch(name)]
        return any(card_data_kind(text)
                   for name in parts for text in _xlsx_strings(archive, name))


def _xlsx_strings(archive: zipfile.ZipFile, name: str) -> Iterator[str]:
    with archive.open(name) as member:
        pending = ""
        for block in iter(lambda: member.read(1 << 20), b""):
            pending += block.decode("utf-8", "surrogateescape")
            cut = max(pending.rfind("</row>"), pending.rfind("</si>"))
            if cut < 0:
                continue
            yield from _strings_in(pending[:cut])
            pending = pending[cut:]
        yield from _strings_in(pending)


def _strings_in(xml: str) -> Iterator[str]:
    for item, value in _XLSX_STRING.findall(xml):
        text = html.unescape(_XLSX_TAG.sub("", item)) if item else value
        if len(text) >= _SHORTEST and not (value and _is_number(value)):
            yield text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _scan_sheet(path: Path, sheet: ReadOnlyWorksheet) -> Iterator[Finding]:
    fields: list[str | None] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number == 1:
            fields = [_column_field(v) for v in values]
        for index, value in enumerate(values):
            if not isinstance(value, str):
                continue
            kind = card_data_kind(value, fields[index] if number > 1 and index < len(fields)
                                  else None)
            if kind:
                cell = f"{get_column_letter(index + 1)}{number}"
                yield Finding(EXPORT, str(path), kind, number, cell, sheet.title)


def _mask_xlsx(path: Path, findings: list[Finding]) -> None:
    """Load whole (styles, widths and number formats kept), mask the flagged cells as
    strings (never a formula), save beside and move into place."""
    book = openpyxl.load_workbook(path)
    for finding in findings:
        cell = book[str(finding.sheet)][str(finding.column)]
        cell.value = mask_text(str(cell.value))
        cell.data_type = "s"
    with _replacing(path) as temp:
        book.save(temp)
        with temp.open("rb+") as written:
            os.fsync(written.fileno())
