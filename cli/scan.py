"""`posdesk scan`: look for card numbers and track data in the database, the log files and
exported files (spec SD-3), and with --mask mask what may be changed.

Every finding is printed as a place, a location and a kind, never the value. The scan
writes the operation log (and with --mask the database), so it opens the profile for work
(instance lock, LOGIN/LOGOUT) like `posdesk export`. Exit status: 0 when nothing is left
to act on, 1 when findings remain (or a file could not be read), 2 for wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.paths import log_dir
from app.profile import open_existing
from app.sensitive_scan import MASKED, UNMASKABLE, Finding, ScanReport, scan
from app.txn_export import format_for_path

FINDINGS_REMAIN = 1
USAGE_ERROR = 2
INTERRUPTED = 130


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "scan", parents=[common],
        help="look for card numbers and track data in the database, logs and exports")
    parser.add_argument("--mask", action="store_true",
                        help="mask what is found where allowed (logs, exports, tables that "
                             "are not hash-chained)")
    parser.add_argument("--json", action="store_true", help="print the report as one JSON "
                        "object")
    parser.add_argument("--export", dest="exports", action="extend", nargs="+", default=[],
                        metavar="PATH", help="also scan this CSV/XLSX file, or the .csv and "
                        ".xlsx files in this folder (exports PosDesk logged are always scanned)")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    extra = _extra_paths(args.exports)
    if extra is None:
        return USAGE_ERROR
    profile = open_existing(data_dir)
    try:
        report = scan(profile.db, log_dir(), extra, mask=args.mask,
                      progress=_progress_printer(), oplog=profile.oplog)
    except KeyboardInterrupt:
        print("\nposdesk scan: interrupted; masking done so far is kept, whole.",
              file=sys.stderr)
        return INTERRUPTED
    finally:
        profile.close()
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_report(report)
    return 0 if report.clean else FINDINGS_REMAIN


def _extra_paths(given: list[str]) -> list[Path] | None:
    """The --export paths, each an existing folder or .csv/.xlsx file; None after saying
    what is wrong."""
    paths = [Path(p).expanduser().absolute() for p in given]
    for path in paths:
        if not path.exists():
            print(f"posdesk scan: --export {path}: no such file or folder", file=sys.stderr)
            return None
        if path.is_file() and not format_for_path(path):
            print(f"posdesk scan: --export {path}: only .csv and .xlsx files can be scanned",
                  file=sys.stderr)
            return None
    return paths


def _progress_printer() -> _Progress | None:
    """What is being scanned, on stderr, when a person watches; nothing in scripts."""
    return _Progress() if sys.stderr.isatty() else None


class _Progress:
    def __call__(self, done: int, total: int, what: str) -> None:
        print(f"\r\033[KScanning {done + 1} of {total}: {what}", end="", file=sys.stderr,
              flush=True)


def _print_report(report: ScanReport) -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for finding in report.findings:
        print(f"{finding.place:<8}  {finding.location()}  {finding.kind}  {_status(finding)}")
    for problem in report.unreadable:
        print(f"could not read {problem}")
    if report.missing_exports:
        print(f"{len(report.missing_exports)} exported file(s) in the operation log no "
              "longer exist where they were written (not scanned)")
    print(_summary(report))


def _status(finding: Finding) -> str:
    if finding.status == MASKED:
        return "masked"
    if finding.status == UNMASKABLE:
        return f"NOT MASKED: {finding.reason}"
    return "found"


def _summary(report: ScanReport) -> str:
    scanned = (f"Scanned {report.tables} tables, {report.log_files} log files and "
               f"{report.export_files} exported files in {report.seconds:.1f} s")
    if not report.findings:
        return f"{scanned}: no card numbers or track data found."
    counts = ", ".join(f"{n} {kind} in {place}" for place, kinds in report.counts().items()
                       for kind, n in kinds.items() if n)
    masked = sum(1 for f in report.findings if f.status == MASKED)
    left = len(report.remaining)
    hint = "" if report.mask or not left else "; run with --mask to mask what may be changed"
    return (f"{scanned}: {len(report.findings)} found ({counts}); {masked} masked, "
            f"{left} remaining{hint}.")
