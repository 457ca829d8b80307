"""`posdesk oplog`: the Activity page, headless: list (filters, --json), verify, export
(CSV with the row hashes, for an auditor) and purge (retention, only with --yes).

`list` and `verify` only read, so they work while the app has the profile open and record
nothing. `export` and `purge` write the log (DATA_EXPORT, OPLOG_PURGED), so they open the
profile for work: the instance lock, LOGIN and LOGOUT.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from app import oplog_query
from app.oplog import COLUMNS, DATA_EXPORT, OPLOG_PURGED, OplogEntry, verify_chain
from app.oplog_export import OplogExportResult, export_oplog
from app.oplog_purge import OplogPurgePlan, plan_purge, run_purge
from app.oplog_query import RESULTS, OplogFilter
from app.profile import open_existing, open_for_reading
from app.shanghai_time import format_local
from cli.operator_prompt import operator_proof

INTERRUPTED = 130


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    oplog = sub.add_parser("oplog", help="the operation log: list, verify, export, purge")
    actions = oplog.add_subparsers(dest="oplog_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common],
                                 help="list entries, newest first (filters as on the page)")
    _add_filter_arguments(listing)
    listing.add_argument("--limit", type=int, default=50,
                         help="entries to print (default 50; 0 = all matching)")
    listing.add_argument("--json", action="store_true",
                         help="print a JSON array, one object per entry (every column)")
    actions.add_parser("verify", parents=[common],
                       help="check the hash chain; name the first broken entry")
    export = actions.add_parser(
        "export", parents=[common],
        help="write entries (oldest first) to a CSV file with their hashes, for an auditor")
    export.add_argument("file", metavar="FILE", help="the CSV file to write")
    _add_filter_arguments(export)
    purge = actions.add_parser(
        "purge", parents=[common],
        help="remove entries past their 5-year retention (asks for --yes)")
    purge.add_argument("--yes", action="store_true",
                       help="really remove them (without it, only show what would go)")


def _add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="first", type=_when, metavar="DATE",
                        help="first day, Beijing time (YYYY-MM-DD), or a UTC instant in ms")
    parser.add_argument("--to", dest="last", type=_when, metavar="DATE",
                        help="last day, Beijing time (included), or a UTC instant in ms "
                             "(excluded)")
    parser.add_argument("--type", dest="op_type", action="append", default=[], metavar="T",
                        help="operation type, e.g. DATA_EXPORT (repeat for several)")
    parser.add_argument("--target-type", metavar="KIND", help="e.g. terminal, file, profile")
    parser.add_argument("--target-id", metavar="ID", help="the target's id, exactly")
    parser.add_argument("--result", action="append", default=[], choices=RESULTS)
    parser.add_argument("--search", metavar="TEXT",
                        help="text in the operation type, target id, person or details")


def filter_from(args: argparse.Namespace) -> OplogFilter:
    first, last = args.first, args.last
    return OplogFilter(
        first_day=first if isinstance(first, dt.date) else None,
        last_day=last if isinstance(last, dt.date) else None,
        from_ms=first if isinstance(first, int) else None,
        to_ms=last if isinstance(last, int) else None,
        op_types=tuple(args.op_type), target_type=args.target_type,
        target_id=args.target_id, results=tuple(args.result), text=args.search)


def run(args: argparse.Namespace, data_dir: Path) -> int:
    actions = {"list": _list, "verify": _verify, "export": _export, "purge": _purge}
    return actions[args.oplog_command](args, data_dir)


# -- list ------------------------------------------------------------------------------
def _list(args: argparse.Namespace, data_dir: Path) -> int:
    query = filter_from(args)
    db = open_for_reading(data_dir)
    try:
        total = oplog_query.count(db, query)
        shown = 0
        if args.json:
            sys.stdout.write("[")
        for entry in _entries(db, query, args.limit):
            if args.json:
                record = dict(zip(COLUMNS, _values(entry), strict=True))
                sys.stdout.write(("," if shown else "") + "\n  "
                                 + json.dumps(record, ensure_ascii=False))
            else:
                print(_line(entry))
            shown += 1
    finally:
        db.close()
    if args.json:
        sys.stdout.write("\n]\n" if shown else "]\n")
        return 0
    print(f"{total:,} entries match" + (f" (newest {shown:,} shown)" if shown < total else ""))
    return 0


def _entries(db: sqlite_utils.Database, query: OplogFilter, limit: int) -> Iterator[OplogEntry]:
    """Newest first, a page at a time, at most `limit` (0: all)."""
    after, given = None, 0
    while limit == 0 or given < limit:
        size = oplog_query.PAGE_SIZE if limit == 0 else min(oplog_query.PAGE_SIZE, limit - given)
        page = oplog_query.page(db, query, after, size)
        yield from page
        given += len(page)
        if len(page) < size:
            return
        after = oplog_query.key_of(page[-1])


def _values(entry: OplogEntry) -> list[object]:
    return [getattr(entry, column) for column in COLUMNS]


def _line(entry: OplogEntry) -> str:
    target = f"{entry.target_type or ''}:{entry.target_id}" if entry.target_id else (
        entry.target_type or "")
    return (f"{entry.id:>7}  {format_local(entry.occurred_at_utc_ms)}  {entry.op_type:<26} "
            f"{entry.result:<7} {target:<24} {entry.actor_id:<12} {entry.details_json}")


# -- verify ----------------------------------------------------------------------------
def _verify(args: argparse.Namespace, data_dir: Path) -> int:
    db = open_for_reading(data_dir)
    try:
        report = verify_chain(db)
    finally:
        db.close()
    if report.ok:
        print(f"Operation log intact: {report.checked:,} entries verified.")
        if report.purged:
            print(f"{report.purged:,} older entries were removed by retention purges on "
                  "record; the chain is verified from where they end.")
        return 0
    print(f"Operation log BROKEN after {report.checked:,} good entries: {report.problem}",
          file=sys.stderr)
    return 1


# -- export ----------------------------------------------------------------------------
def _export(args: argparse.Namespace, data_dir: Path) -> int:
    query = filter_from(args)
    output = Path(args.file).expanduser().absolute()
    profile = open_existing(data_dir)
    try:
        proof = operator_proof(profile, DATA_EXPORT)
        with profile.oplog.verified_as(proof.categories):
            result = export_oplog(profile.db, profile.oplog, query, output,
                                  progress=_Progress() if sys.stderr.isatty() else None)
    except KeyboardInterrupt:
        print("\nposdesk oplog export: interrupted; nothing was written.", file=sys.stderr)
        return INTERRUPTED
    finally:
        profile.close()
    _report(result)
    return 0


class _Progress:
    """A percentage on stderr when a person watches."""

    def __init__(self) -> None:
        self._shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        if percent != self._shown:
            self._shown = percent
            print(f"\rExporting… {done:,} of {total:,} ({percent}%)", end="",
                  file=sys.stderr, flush=True)


def _report(result: OplogExportResult) -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{result.rows:,} entries written to {result.path} (CSV, oldest first, with their "
          "hashes; see docs/activity-log.md to re-verify)")
    print(f"SHA-256 {result.sha256}")


# -- purge -----------------------------------------------------------------------------
def _purge(args: argparse.Namespace, data_dir: Path) -> int:
    profile = open_existing(data_dir)
    try:
        plan = plan_purge(profile.db)
        _describe(plan)
        if not plan.entries or not args.yes:
            if plan.entries:
                print("Nothing was removed. Run again with --yes to remove them.")
            return 0
        proof = operator_proof(profile, OPLOG_PURGED)
        with profile.oplog.verified_as(proof.categories):
            removed = run_purge(profile.db, profile.oplog, plan)
    finally:
        profile.close()
    print(f"Removed {removed:,} entries; the rest still verify from the chain's floor, and "
          "the removal is recorded (OPLOG_PURGED).")
    return 0


def _describe(plan: OplogPurgePlan) -> None:
    if plan.entries:
        print(f"{plan.entries:,} entries from {plan.oldest} to {plan.newest} (ids "
              f"{plan.first_id:,} to {plan.through_id:,}) are past their 5-year retention "
              "and can be removed.")
    elif plan.next_due:
        print(f"Nothing is old enough to remove yet: the oldest entry must be kept until "
              f"{plan.next_due}.")
    else:
        print("The operation log is empty: nothing to remove.")
    if plan.due_kept:
        print(f"{plan.due_kept:,} other entries are past their retention but stay: an entry "
              "that must be kept longer comes before them in the hash chain.")


def _when(text: str) -> dt.date | int:
    """A Beijing date (YYYY-MM-DD) or a UTC instant in epoch milliseconds."""
    if text.isdigit():
        return int(text)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date like 2026-03-05 or epoch milliseconds") from None
