"""`posdesk import FILE`: an acquirer statement into the transaction history, headless.

WeChat Pay and Alipay bills are recognised and imported as they are. For other statements
the columns are mapped by their headers (or by the mapping remembered for this header row);
when a required field has no column the command stops, names the columns it could not
map and says how to supply them (--map FIELD=COLUMN, --mapping NAME). `--dry-run` shows
new / duplicate / rejected counts and writes nothing. The import is all or nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from app.profile import Profile, open_for_reading, open_profile, profile_exists
from app.statement_import import ImportPlan, plan_import, run_import
from app.statement_mapping import (
    FIELDS,
    MappingError,
    describe,
    initial_mapping,
    load_mapping,
    mapping_for,
    parse_map_options,
    remember_layout,
    save_mapping,
    sensitive_headers,
)
from app.statement_reader import Statement, read_statement
from app.storage import connect_memory


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "import", parents=[common], help="import an acquirer statement (CSV/XLSX, WeChat Pay, "
        "Alipay) into the history; all or nothing",
        description="Import an acquirer statement. Fields for --map: "
        + ", ".join(f"{name} ({f.label_zh})" for name, f in FIELDS.items()) + ".")
    parser.add_argument("file", metavar="FILE", type=Path, help="the statement (.csv or .xlsx)")
    parser.add_argument("--dry-run", action="store_true",
                        help="show new / duplicate / rejected counts; write nothing")
    parser.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                        help="take FIELD from the column headed COLUMN, e.g. "
                        "--map trace_id=流水号 (repeatable)")
    parser.add_argument("--mapping", metavar="NAME", help="use a mapping saved earlier")
    parser.add_argument("--save-mapping", metavar="NAME",
                        help="remember the mapping used under NAME (after a good import)")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    if args.dry_run and args.save_mapping:
        raise SystemExit("posdesk import: --save-mapping is kept by a real import; "
                         "leave out --dry-run")
    statement = read_statement(args.file)
    print(_describe_file(statement))
    if statement.builtin and (args.map or args.mapping):
        raise SystemExit(f"posdesk import: {statement.name} is a {_FORMATS[statement.format]}; "
                         "its columns are known, so --map and --mapping are not used")
    with _reading(data_dir) as db:          # settle the columns before writing anything
        mapping = _mapping(args, db, statement)
        if args.dry_run:
            return _dry_run(db, statement, mapping)
    profile = open_profile(data_dir)
    try:
        result = run_import(profile.db, profile.oplog, statement, mapping)
        if mapping is not None:
            _remember(args, profile, statement, mapping)
    finally:
        profile.close()
    print(f"Imported {statement.name}: {result.new:,} new, {result.duplicate:,} already in "
          f"the history ({result.rows:,} rows).")
    return 0


_FORMATS = {"csv": "CSV file", "xlsx": "Excel workbook", "wechat": "WeChat Pay trade bill",
            "alipay": "Alipay bill"}


def _describe_file(statement: Statement) -> str:
    encoding = f", {statement.encoding.upper()}" if statement.encoding else ""
    layout = f" ({statement.layout})" if statement.layout else ""
    return (f"{statement.name}: {_FORMATS[statement.format]}{layout}{encoding}, "
            f"{len(statement.headers)} columns, header on row {statement.header_row}.")


@contextlib.contextmanager
def _reading(data_dir: Path) -> Iterator[sqlite_utils.Database]:
    """The profile read-only (no lock, no login entry) or, when there is none yet, an empty
    database: remembered mappings and the dry run need nothing more."""
    db = open_for_reading(data_dir) if profile_exists(data_dir) else connect_memory()
    try:
        yield db
    finally:
        db.close()


def _dry_run(db: sqlite_utils.Database, statement: Statement,
             mapping: dict[str, str] | None) -> int:
    plan = plan_import(db, statement, mapping)
    print(f"Dry run: {plan.rows:,} rows: {plan.new:,} new, {plan.duplicate:,} duplicate, "
          f"{plan.rejected:,} rejected. Nothing was written.")
    _print_problems(plan)
    return 0 if plan.ok else 1


def _print_problems(plan: ImportPlan) -> None:
    for error in plan.errors[:20]:
        print(f"  {error.message}", file=sys.stderr)
    if plan.rejected > 20:
        print(f"  … and {plan.rejected - 20:,} more rejected rows", file=sys.stderr)


def _mapping(args: argparse.Namespace, db: sqlite_utils.Database,
             statement: Statement) -> dict[str, str] | None:
    """The mapping for a generic statement: --mapping NAME, else the one remembered for
    this header row, else the suggestion; --map options on top. Stops with the columns it
    could not map when a required field is left without one."""
    if statement.builtin or sensitive_headers(statement.headers):
        return None        # the import refuses a card-authentication column before mapping
    if args.mapping:
        mapping = mapping_for(load_mapping(db, args.mapping), statement.headers)
        origin = f"saved: {args.mapping}"
    else:
        mapping, origin = initial_mapping(db, statement.headers)
    overrides = parse_map_options(args.map)
    mapping.update(overrides)
    if overrides:
        origin += " + --map"
    described = describe(statement.headers, mapping)
    if described.missing_required:
        raise SystemExit(_unmapped_message(statement, described.missing_required,
                                           described.unrecognised))
    print(f"Columns ({origin}): " + ", ".join(
        f"{field} <- {header}" for field, header in mapping.items()))
    if described.unrecognised:
        print("Not imported: " + ", ".join(described.unrecognised))
    return mapping


def _unmapped_message(statement: Statement, missing: tuple[str, ...],
                      unrecognised: tuple[str, ...]) -> str:
    needed = ", ".join(f"{name} ({FIELDS[name].label_zh} / {FIELDS[name].label_en})"
                       for name in missing)
    columns = ", ".join(unrecognised) or "(none)"
    example = unrecognised[0] if unrecognised else "COLUMN"
    return (f"posdesk import: {statement.name}: no column found for {needed}.\n"
            f"Columns not recognised: {columns}\n"
            f"Say which column holds it, e.g. --map {missing[0]}={example} (repeat --map for "
            "more), or use a saved mapping with --mapping NAME; add --save-mapping NAME to "
            "remember it. (A trace id can also come from the reference number: --map rrn=…)")


def _remember(args: argparse.Namespace, profile: Profile, statement: Statement,
              mapping: dict[str, str]) -> None:
    """After a good import: under --save-mapping NAME when given; else a mapping the person
    supplied (--map, --mapping) is remembered for this header row, so the next statement
    of the same layout imports without options."""
    try:
        if args.save_mapping:
            save_mapping(profile.db, profile.oplog, args.save_mapping, statement.headers,
                         mapping)
            print(f"Mapping saved as '{args.save_mapping}'.")
        elif args.map or args.mapping:
            remember_layout(profile.db, profile.oplog, statement.headers, mapping)
            print("Mapping remembered for statements with these columns.")
    except MappingError as exc:
        print(f"posdesk import: the mapping was not saved: {exc.message}", file=sys.stderr)
