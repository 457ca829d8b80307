"""`posdesk terminals …` and `posdesk simulate`: the Terminals page, headless."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from app import terminal_actions as actions
from app.errors import PosDeskError, TerminalError
from app.profile import Profile, open_for_reading, open_profile
from app.secrets import SecretStore
from app.shanghai_time import format_local
from app.terminal_pairing import PairingQuestions
from devices.terminal_client import Identity


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    terminals = sub.add_parser("terminals", help="pair, sync and unpair payment terminals")
    actions = terminals.add_subparsers(dest="terminals_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="paired terminals and status")
    listing.add_argument("--json", action="store_true")
    found = actions.add_parser("discover", parents=[common], help="terminals attached now")
    found.add_argument("--json", action="store_true")
    pair = actions.add_parser("pair", parents=[common], help="pair the terminal at ADDRESS")
    pair.add_argument("address", help="an address from `posdesk terminals discover`")
    pair.add_argument("--accept-unknown-model", action="store_true",
                      help="pair even if the model is on no approved list")
    sync = actions.add_parser("sync", parents=[common], help="pull journals into history")
    sync.add_argument("terminal_ids", nargs="*", metavar="TERMINAL_ID",
                      help="default: every paired terminal")
    configure = actions.add_parser(
        "configure", parents=[common],
        help="push acquirer-signed parameters to a terminal (spec 12.3)")
    configure.add_argument("terminal_id")
    configure.add_argument("file", help="a signed posdesk-terminal-params file")
    configure.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    unpair = actions.add_parser("unpair", parents=[common], help="forget a terminal's key")
    unpair.add_argument("terminal_id")
    unpair.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    simulate = sub.add_parser("simulate", help="simulated terminals for trying PosDesk out")
    simulate.add_argument("--dir", help="simulator folder (default: $POSDESK_SIMULATOR_DIR)")
    simulate.add_argument("--unplug", metavar="TERMINAL", help="pull a terminal's cable")
    simulate.add_argument("--plug", metavar="TERMINAL", help="plug a terminal back in")
    simulate.add_argument("--serial", metavar="TERMINAL",
                          help="serve a terminal on a pseudo-terminal until Ctrl+C")
    simulate.add_argument("--merchant-key", metavar="PEM",
                          help="install a merchant's provisioning key (posdesk provision "
                               "--export-key) on --terminal, or on all")
    simulate.add_argument("--scan", metavar="CODE",
                          help="show a terminal a provisioning code: the text, a .txt file or "
                               "a PNG saved by posdesk provision")
    simulate.add_argument("--terminal", metavar="TERMINAL",
                          help="which terminal scans or gets the key (default: the one the "
                               "code names)")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    if args.command == "simulate":
        return _simulate(args)
    handlers = {"list": _list, "discover": _discover, "pair": _pair, "sync": _sync,
                "unpair": _unpair, "configure": _configure}
    return handlers[args.terminals_command](args, data_dir)


def _list(args: argparse.Namespace, data_dir: Path) -> int:
    db = open_for_reading(data_dir)
    try:
        views = actions.list_terminals(db)
    finally:
        db.close()
    if args.json:
        print(json.dumps([dataclasses.asdict(v) for v in views], ensure_ascii=False, indent=2))
        return 0
    if not views:
        print("No terminals yet. Find one with `posdesk terminals discover`.")
    for view in views:
        seen = format_local(view.last_seen_utc_ms) if view.last_seen_utc_ms else "never"
        params = f" params v{view.param_version}" if view.param_version else ""
        print(f"{view.terminal_id:<10} {view.status:<9} {view.vendor} {view.model} "
              f"SN {view.serial} fw {view.firmware}{params}  last seen {seen}")
    return 0


def _discover(args: argparse.Namespace, data_dir: Path) -> int:
    found = actions.registry_for(data_dir).discover()
    if args.json:
        print(json.dumps([vars(f) for f in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("No terminal found. Plug it in or switch it on; on Linux, USB terminals may need "
              "the udev rule (see `posdesk doctor`).")
    for info in found:
        print(f"{info.address}  {info.vendor} {info.model}  SN {info.serial}")
    return 0


def _pair(args: argparse.Namespace, data_dir: Path) -> int:
    registry = actions.registry_for(data_dir)
    questions = PairingQuestions(codes_match=_codes_match,
                                 pair_unknown_model=lambda ident: _accept_unknown(
                                     ident, args.accept_unknown_model))
    with _working(data_dir) as profile:
        identity = actions.pair_at(profile, registry, args.address, questions, SecretStore())
    print(f"Paired {identity.vendor} {identity.model} (terminal {identity.terminal_id}, "
          f"SN {identity.serial}).")
    return 0


def _codes_match(code: str) -> bool:
    """Show our code; the person types what the terminal shows (stdin, a terminal or a pipe).
    Typing it, rather than answering yes, makes a careless match impossible."""
    print(f"This computer shows {code[:3]} {code[3:]}.", flush=True)
    return _ask("Type the code the terminal shows: ").replace(" ", "") == code


def _accept_unknown(identity: Identity, accepted: bool) -> bool:
    if accepted:
        return True
    print(f"{identity.vendor} {identity.model} is on no approved-model list.", flush=True)
    return _ask("Pair it anyway? [y/N] ").strip().lower() in ("y", "yes")


def _ask(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        print(file=sys.stderr)
        return ""


def _sync(args: argparse.Namespace, data_dir: Path) -> int:
    registry = actions.registry_for(data_dir)
    failures = 0
    with _working(data_dir) as profile:
        ids = args.terminal_ids or actions.syncable(profile)
        if not ids:
            print("No paired terminals to sync.")
        for terminal_id in ids:
            try:
                result = actions.sync_one(profile, registry, terminal_id, SecretStore())
            except PosDeskError as exc:
                failures += 1
                print(f"{terminal_id}: {exc.message}", file=sys.stderr)
                continue
            pages = "1 page" if result.pages == 1 else f"{result.pages} pages"
            print(f"{terminal_id}: {result.new:,} new, {result.duplicate:,} already known "
                  f"({pages})")
    return 1 if failures else 0


def _configure(args: argparse.Namespace, data_dir: Path) -> int:
    with _working(data_dir) as profile:
        params = actions.check_params_file(profile, Path(args.file), args.terminal_id)
        print(f"{params.path.name}: parameter version {params.version} from {params.issuer} "
              f"(signed with the key trusted as {params.signer}), for {args.terminal_id}, "
              f"which runs version {params.current_version or 'none'}.\n"
              f"Settings: {', '.join(params.param_names)}", flush=True)
        if not args.yes and _ask("Push these parameters? [y/N] ").strip().lower() not in (
                "y", "yes"):
            print("Nothing changed. (Pass --yes to push without being asked.)")
            return 1
        version = actions.configure(profile, actions.registry_for(data_dir), args.terminal_id,
                                    params, SecretStore())
    print(f"{args.terminal_id} now runs parameter version {version}.")
    return 0


def _unpair(args: argparse.Namespace, data_dir: Path) -> int:
    if not args.yes:
        answer = _ask(f"Unpair {args.terminal_id}? Its history stays; it must be paired "
                      "again to sync. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing changed. (Pass --yes to unpair without being asked.)")
            return 1
    with _working(data_dir) as profile:
        told = actions.unpair(profile, actions.registry_for(data_dir), args.terminal_id,
                              SecretStore())
    print(f"Unpaired {args.terminal_id}." + ("" if told else " The terminal was not connected; "
                                              "it will refuse this computer once it is."))
    return 0


class _working:
    """Open the profile for work (lock + LOGIN) and close it (LOGOUT) around a command."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.profile: Profile | None = None

    def __enter__(self) -> Profile:
        self.profile = open_profile(self.data_dir)
        return self.profile

    def __exit__(self, *exc: object) -> None:
        if self.profile is not None:
            self.profile.close()


def _simulate(args: argparse.Namespace) -> int:
    import os
    import time

    from devices.sim_pty import PtyTerminalServer
    from devices.sim_world import ENV_DIR, SimulatedWorld

    directory = args.dir or os.environ.get(ENV_DIR)
    if not directory:
        raise TerminalError(f"Name a simulator folder with --dir or {ENV_DIR}.")
    world = SimulatedWorld(Path(directory))
    world.save()
    if args.unplug:
        world.set_plugged(args.unplug, False)
    if args.plug:
        world.set_plugged(args.plug, True)
    if args.merchant_key or args.scan:
        from cli.provision import simulate_scan

        if simulate_scan(world, args):
            return 1
    for terminal in world.terminals:
        p, s = terminal.profile, terminal.state
        state = "paired" if s.paired_key else "not paired"
        plugged = "plugged in" if terminal.connected else "unplugged"
        code = f", screen shows {s.shown_code}" if s.shown_code and not s.paired_key else ""
        params = f", parameters v{s.param_version}" if s.param_version else ""
        reports = f", {len(s.handovers)} handover report(s) to send" if s.handovers else ""
        print(f"{p.terminal_id}  {p.vendor} {p.model}  SN {p.serial}  {plugged}, {state}, "
              f"{len(terminal.journal)} journal entries{params}{code}{reports}")
    print(f"Use them with {ENV_DIR}={directory} posdesk terminals discover")
    if args.serial:
        server = PtyTerminalServer(world.terminal(args.serial)).start()
        print(f"Serving {args.serial} on serial:{server.path} — Ctrl+C to stop.", flush=True)
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            server.stop()
    return 0
