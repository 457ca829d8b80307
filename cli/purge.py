"""`posdesk purge`: remove transactions older than the retention period (spec 6.3).

Only on explicit request, as the issue asks: without `--yes` it shows what would go and
changes nothing. The query window (the last year) is never touched, whatever the date.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app.profile import open_existing
from app.txn_purge import RETENTION_YEARS, PurgePlan, default_cutoff, plan_purge, run_purge


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    purge = sub.add_parser(
        "purge", parents=[common],
        help=f"remove transactions older than {RETENTION_YEARS} years (asks for --yes)")
    purge.add_argument("--before", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                       help="remove rows dated before this Shanghai date (default: "
                            f"{RETENTION_YEARS} years ago; never inside the last year)")
    purge.add_argument("--yes", action="store_true",
                       help="really remove them (without it, only show what would go)")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    profile = open_existing(data_dir)
    try:
        plan = plan_purge(profile.db, args.before or default_cutoff())
        _describe(plan)
        if not plan.rows or not args.yes:
            if plan.rows:
                print("Nothing was removed. Run again with --yes to remove them.")
            return 0
        removed = run_purge(profile.db, profile.oplog, plan)
    finally:
        profile.close()
    print(f"Removed {removed:,} transactions; the rest still verify from the chain's floor.")
    return 0


def _describe(plan: PurgePlan) -> None:
    before = plan.before.isoformat()
    if plan.rows:
        print(f"{plan.rows:,} transactions dated {plan.oldest} to {plan.newest} are older "
              f"than {before} and can be removed.")
    else:
        print(f"No transactions before {before} can be removed.")
    if plan.older_kept:
        print(f"{plan.older_kept:,} older transactions stay: a newer row comes before them "
              "in the hash chain, or a kept refund, void or dispute refers to them.")
