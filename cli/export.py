"""`posdesk export`: the Transactions page's filter written to a CSV or XLSX file.

Takes exactly the filters of `posdesk history` (the same parser code), so what a merchant
lists is what they export. The export writes the operation log, so it opens the profile
for work (instance lock, LOGIN/LOGOUT) rather than only reading it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.oplog import DATA_EXPORT
from app.profile import open_existing
from app.txn_export import FORMATS, LANGUAGES, ExportResult, export_transactions, format_for_path
from cli.history import add_filter_arguments, filter_from
from cli.operator_prompt import operator_proof

USAGE_ERROR = 2
INTERRUPTED = 130


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    export = sub.add_parser(
        "export", parents=[common],
        help="write transactions (the same filters as history) to a CSV or XLSX file")
    add_filter_arguments(export)
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="the file to write (replaced only once the export is complete)")
    export.add_argument("--format", choices=FORMATS,
                        help="csv or xlsx (default: from the file name)")
    export.add_argument("--lang", choices=LANGUAGES, default="en",
                        help="language of the header row (default: en)")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    query = filter_from(args)
    output = Path(args.output).expanduser().absolute()
    fmt = _format(args.format, output)
    if fmt is None:
        return USAGE_ERROR
    profile = open_existing(data_dir)
    try:
        proof = operator_proof(profile, DATA_EXPORT)
        with profile.oplog.verified_as(proof.categories):
            result = export_transactions(profile.db, profile.oplog, query, output, fmt,
                                         language=args.lang, progress=_progress_printer())
    except KeyboardInterrupt:
        print("\nposdesk export: interrupted; nothing was written.", file=sys.stderr)
        return INTERRUPTED
    finally:
        profile.close()
    _report(result, query.dates.first.isoformat(), query.dates.last.isoformat())
    return 0


def _format(asked: str | None, output: Path) -> str | None:
    """--format, else the file name's; a contradiction or no clue is a usage error."""
    named = format_for_path(output)
    if asked and named and asked != named:
        print(f"posdesk export: --format {asked} does not match the file name {output.name}; "
              f"name it .{asked} or drop --format", file=sys.stderr)
        return None
    if not asked and not named:
        print(f"posdesk export: cannot tell the format from {output.name!r}: "
              "name the file .csv or .xlsx, or add --format csv|xlsx", file=sys.stderr)
        return None
    return asked or named


def _progress_printer() -> _Progress | None:
    """A percentage on stderr when a person watches; nothing in scripts and tests."""
    return _Progress() if sys.stderr.isatty() else None


class _Progress:
    def __init__(self) -> None:
        self._shown = -1

    def __call__(self, done: int, total: int) -> None:
        if done == 0:
            print(f"Checking the history's integrity, then exporting {total:,} transactions…",
                  file=sys.stderr)
        percent = done * 100 // total if total else 100
        if percent != self._shown:
            self._shown = percent
            print(f"\rExporting… {done:,} of {total:,} ({percent}%)", end="",
                  file=sys.stderr, flush=True)


def _report(result: ExportResult, first: str, last: str) -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{result.rows:,} transactions from {first} to {last} written to {result.path} "
          f"({result.fmt.upper()})")
    print(f"SHA-256 {result.sha256}")
