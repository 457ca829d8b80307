"""Entry point of the `posdesk` command.

No subcommand starts the GUI; subcommands run the same app/ use cases headless. Errors go
to stderr with a non-zero exit status: 1 for a failed operation, 2 for wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from app import __version__
from app.demo import DEFAULT_DAYS, DEFAULT_SEED, create_demo_profile
from app.doctor import all_ok, as_json_dict, gather
from app.errors import PosDeskError
from app.logfile import configure_logging
from app.paths import demo_data_dir, log_dir, resolve_data_dir
from app.storage import disk_full_error, is_disk_full
from cli import (
    backup,
    bench,
    export,
    factors,
    history,
    limits,
    oplog,
    policy,
    provision,
    purge,
    scan,
    scenarios,
    statement_import,
    terminals,
)

log = logging.getLogger("posdesk.cli")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a subcommand must not overwrite --data-dir given before it with None.
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="profile folder (default: $POSDESK_DATA_DIR or the user data dir)")
    parser = argparse.ArgumentParser(
        prog="posdesk", parents=[common],
        description="PosDesk (POS 管家): payment terminals, transaction history and limits.")
    parser.add_argument("--version", action="version", version=f"PosDesk {__version__}")
    parser.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                        help="open the demo profile")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", parents=[common], help="open the main window (the default)")
    gui.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                     help="open the demo profile")
    gui.add_argument("--lang", choices=("en", "zh_CN"), help="UI language for this run")
    gui.add_argument("--page", choices=("terminals", "transactions", "limits", "verification",
                                        "activity", "settings"),
                     help="page to show first")
    gui.add_argument("--screenshot", metavar="PNG",
                     help="save a picture of the main window once it has loaded, then quit")

    demo = sub.add_parser("demo", parents=[common],
                          help="create the demo profile: 3 simulated terminals, a year of data")
    demo.add_argument("--seed", type=int, default=DEFAULT_SEED)
    demo.add_argument("--end", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                      help="last day of demo data (default: today in Asia/Shanghai)")
    demo.add_argument("--days", type=int, default=DEFAULT_DAYS)

    doctor = sub.add_parser("doctor", parents=[common], help="report what this machine can do")
    doctor.add_argument("--json", action="store_true", help="print the facts as JSON")

    terminals.add_parsers(sub, common)
    policy.add_parsers(sub, common)
    history.add_parsers(sub, common)
    export.add_parsers(sub, common)
    purge.add_parsers(sub, common)
    scan.add_parsers(sub, common)
    limits.add_parsers(sub, common)
    factors.add_parsers(sub, common)
    scenarios.add_parsers(sub, common)
    provision.add_parsers(sub, common)
    statement_import.add_parsers(sub, common)
    backup.add_parsers(sub, common)
    bench.add_parsers(sub, common)

    oplog.add_parsers(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    configure_logging(log_dir())
    if args.command in (None, "gui"):
        return _gui(args)
    handlers = {"demo": _demo, "doctor": _doctor, "oplog": lambda a: oplog.run(a, _data_dir(a)),
                "terminals": lambda a: terminals.run(a, _data_dir(a)),
                "simulate": lambda a: terminals.run(a, _data_dir(a)),
                "policy": lambda a: policy.run(a, _data_dir(a)),
                "history": lambda a: history.run(a, _data_dir(a)),
                "export": lambda a: export.run(a, _data_dir(a)),
                "purge": lambda a: purge.run(a, _data_dir(a)),
                "limits": lambda a: limits.run(a, _data_dir(a)),
                "factors": lambda a: factors.run(a, _data_dir(a)),
                "scenarios": lambda a: scenarios.run(a, _data_dir(a)),
                "provision": lambda a: provision.run(a, _data_dir(a)),
                "scan": lambda a: scan.run(a, _data_dir(a)),
                "import": lambda a: statement_import.run(a, _data_dir(a)),
                "backup": lambda a: backup.run_backup(a, _data_dir(a)),
                "restore": lambda a: backup.run_restore(a, _data_dir(a)),
                "bench": bench.run}
    try:
        return handlers[args.command](args)
    except PosDeskError as exc:
        log.warning("%s failed: %s", args.command, exc.message)
        print(f"posdesk {args.command}: {exc.message}", file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error) as exc:
        if not is_disk_full(exc):
            raise
        message = disk_full_error(_data_dir(args), exc).message
        log.warning("%s failed: %s", args.command, message)
        print(f"posdesk {args.command}: {message}", file=sys.stderr)
        return 1


def _data_dir(args: argparse.Namespace, demo_default: bool = False) -> Path:
    if getattr(args, "data_dir", None):
        return resolve_data_dir(args.data_dir)
    return demo_data_dir() if demo_default else resolve_data_dir(None)


def _gui(args: argparse.Namespace) -> int:
    from ui.main import run_gui

    data_dir = _data_dir(args) if getattr(args, "data_dir", None) else None
    return run_gui(data_dir=data_dir, demo=bool(getattr(args, "demo", False)),
                   language=getattr(args, "lang", None),
                   screenshot=Path(args.screenshot) if getattr(args, "screenshot", None) else None,
                   page=getattr(args, "page", None))


def _demo(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args, demo_default=True)
    print(f"Creating the demo profile in {data_dir} …")
    summary = create_demo_profile(data_dir, seed=args.seed, end=args.end, days=args.days)
    print(f"Demo profile ready: {summary.terminals} simulated terminals, "
          f"{summary.transactions:,} transactions.")
    print(f"Open it with: posdesk --data-dir {data_dir}")
    return 0


def _doctor(args: argparse.Namespace) -> int:
    facts = gather(_data_dir(args))
    if args.json:
        print(json.dumps(as_json_dict(facts), ensure_ascii=False, indent=2))
    else:
        width = max(len(f.label) for f in facts)
        for fact in facts:
            mark = {True: "ok ", False: "!! ", None: "   "}[fact.ok]
            print(f"{mark}{fact.label:<{width}}  {fact.value}")
    return 0 if all_ok(facts) else 1


if __name__ == "__main__":
    sys.exit(main())
