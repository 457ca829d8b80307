"""`posdesk history`: the Transactions page, headless (filters, totals, --json)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import sqlite_utils

from app.history import DateRange, HistoryPager, TxnFilter, columns_by_id, totals
from app.money import format_fen, parse_yuan
from app.profile import open_for_reading
from app.scenario_flags import flagged_among
from app.shanghai_time import format_local
from app.transactions import CHANNELS, STATUSES, TXN_TYPES

# Spec 7.1 column names for --json, one object per transaction.
JSON_COLUMNS = ("trace_id", "terminal_id", "txn_type", "channel", "scheme", "status",
                "amount_fen", "currency", "ts_utc_ms", "cn_date", "merchant_name",
                "merchant_code", "mcc", "rrn", "auth_code", "batch_no", "voucher_no",
                "pan_first6", "pan_last4", "pan_len", "memo")


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The filters of the Transactions page; shared by history and export."""
    parser.add_argument("--from", dest="first", type=_date, metavar="YYYY-MM-DD",
                        help="first day (Beijing time; default: one year before --to)")
    parser.add_argument("--to", dest="last", type=_date, metavar="YYYY-MM-DD",
                        help="last day (default: today)")
    parser.add_argument("--terminal", action="append", default=[], metavar="ID")
    parser.add_argument("--channel", action="append", default=[], choices=CHANNELS)
    parser.add_argument("--type", dest="txn_type", action="append", default=[],
                        choices=TXN_TYPES)
    parser.add_argument("--status", action="append", default=[], choices=STATUSES)
    parser.add_argument("--min", dest="min_amount", metavar="YUAN", help="e.g. 100 or -12.50")
    parser.add_argument("--max", dest="max_amount", metavar="YUAN")
    parser.add_argument("--merchant-code", metavar="CODE")
    parser.add_argument("--mcc", metavar="MCC")
    parser.add_argument("--reference", metavar="TRACE_OR_RRN", help="a trace id or RRN")
    parser.add_argument("--card-last4", metavar="NNNN")
    parser.add_argument("--search", metavar="TEXT", help="words in merchant name or memo")
    parser.add_argument("--flagged", action="store_true",
                        help="only transactions outside a scenario policy (posdesk scenarios)")


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    history = sub.add_parser("history", parents=[common],
                             help="list transactions (default: the last year, newest first)")
    add_filter_arguments(history)
    history.add_argument("--limit", type=int, default=50,
                         help="rows to print (default 50; 0 = all matching)")
    history.add_argument("--json", action="store_true",
                         help="print a JSON array, one object per transaction")


def filter_from(args: argparse.Namespace) -> TxnFilter:
    last = args.last or DateRange.default().last
    first = args.first or DateRange.default(last).first
    if first > last:
        raise SystemExit(f"posdesk {args.command}: --from {first} is after --to {last}")
    return TxnFilter(
        dates=DateRange(first, last), terminal_ids=tuple(args.terminal),
        channels=tuple(args.channel), txn_types=tuple(args.txn_type),
        statuses=tuple(args.status), min_fen=_fen(args.min_amount, "--min", args),
        max_fen=_fen(args.max_amount, "--max", args), merchant_code=args.merchant_code,
        mcc=args.mcc, reference=args.reference, card_last4=args.card_last4, text=args.search,
        flagged=args.flagged)


def run(args: argparse.Namespace, data_dir: Path) -> int:
    query = filter_from(args)
    db = open_for_reading(data_dir)
    try:
        pager = HistoryPager(db, query, page_size=500)
        if args.json:
            _print_json(db, pager, args.limit)
            return 0
        shown = 0
        while not pager.exhausted and (args.limit == 0 or shown < args.limit):
            page = pager.next_page()
            flagged = flagged_among(db, [row.id for row in page])
            for row in page:
                if args.limit and shown >= args.limit:
                    break
                print(f"{format_local(row.ts_utc_ms)}  {row.terminal_id or '':<10} "
                      f"{row.txn_type:<8} {row.channel:<4} {format_fen(row.amount_fen):>14}  "
                      f"{row.status:<9} {row.card_masked:<22} {row.trace_id}"
                      + ("  [flagged]" if row.id in flagged else ""))
                shown += 1
        summary = totals(db, query)
    finally:
        db.close()
    print(f"{summary.count:,} transactions from {query.dates.first} to {query.dates.last}: "
          f"sales {format_fen(summary.sales_fen)}, refunds {format_fen(summary.refunds_fen)}, "
          f"net {format_fen(summary.net_fen)}" + (f" (first {shown:,} shown)"
                                                   if shown < summary.count else ""))
    return 0


def _print_json(db: sqlite_utils.Database, pager: HistoryPager, limit: int) -> None:
    """Streams the array so a year of rows never sits in memory at once."""
    out = sys.stdout
    out.write("[")
    written = 0
    while not pager.exhausted and (limit == 0 or written < limit):
        page = pager.next_page()
        ids = [row.id for row in page][: (limit - written) if limit else None]
        if not ids:
            break
        masked = {row.id: row.card_masked for row in page}
        flagged = flagged_among(db, ids)
        rows = columns_by_id(db, ids, JSON_COLUMNS)
        for row_id in ids:
            record = dict(zip(JSON_COLUMNS, rows[row_id], strict=True))
            record["card_masked"] = masked[row_id]
            record["flagged"] = row_id in flagged
            out.write(("," if written else "") + "\n  " + json.dumps(record, ensure_ascii=False))
            written += 1
    out.write("\n]\n" if written else "]\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-05") from None


def _fen(text: str | None, option: str, args: argparse.Namespace) -> int | None:
    if text is None:
        return None
    try:
        return parse_yuan(text)
    except ValueError as exc:
        raise SystemExit(f"posdesk {args.command}: {option} {text!r}: {exc}") from None
