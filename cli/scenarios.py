"""`posdesk scenarios`: the merchant's own scenario controls (spec 12.4) from the command
line: when a terminal, a payment method or a transaction type may be used, and how much.

`scenarios` lists the policies with how many transactions each flagged today and in the
last 30 days; `add`, `change`, `on`, `off` and `remove` change them (each change is logged
and applies from now, or from `--from` for a policy checking the past); `flags` counts the
flagged transactions per policy and rule. `posdesk history --flagged` lists them.
`token` shows, binds or revokes a policy's payment token (spec 12.4 Tokenisation).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

import sqlite_utils

from app.money import format_fen, parse_yuan
from app.oplog import OperationLog
from app.profile import open_existing, open_for_reading, open_profile
from app.scenario_controls import (
    SCENARIO_POLICY_CHANGED,
    remove_policy,
    save_policy,
    set_enabled,
)
from app.scenario_flags import flag_counts, flagged_per_policy
from app.scenario_policy import ScenarioPolicy, ScenarioRules, ScenarioValueError, parse_window
from app.scenario_store import current_policies, histories, policy_by_name
from app.scenario_tokens import (
    ISSUERS,
    ScenarioToken,
    bind_token,
    checked_token,
    latest_tokens,
    revoke_token,
    tokens_of,
)
from app.shanghai_time import SHANGHAI, format_local, from_datetime, today_cn
from app.transactions import CHANNELS, TXN_TYPES
from cli.operator_prompt import operator_proof

USAGE_ERROR = 2


class _Usage(Exception):
    """A value on the command line the policy cannot take; the message names it."""


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("scenarios", parents=[common],
                            help="time windows and caps per terminal, method or type")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    actions = parser.add_subparsers(dest="scenarios_command", metavar="ACTION")
    listing = actions.add_parser("list", parents=[common], help="the policies (the default)")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    add = actions.add_parser("add", parents=[common], help="create a policy (logged)")
    add.add_argument("name")
    scope = add.add_mutually_exclusive_group(required=True)
    scope.add_argument("--terminal", metavar="ID", help="for one terminal")
    scope.add_argument("--channel", help="for one payment method: " + "|".join(CHANNELS))
    scope.add_argument("--type", dest="txn_type", help="for one type: " + "|".join(TXN_TYPES))
    _rule_flags(add)
    add.add_argument("--off", action="store_true", help="create it switched off")
    change = actions.add_parser("change", parents=[common],
                                help="change a policy's rules or name (logged)")
    change.add_argument("name")
    change.add_argument("--rename", metavar="NEW_NAME")
    change.add_argument("--no-windows", action="store_true", help="allow any time of day")
    _rule_flags(change)
    for verb, text in (("on", "switch a policy on"), ("off", "switch a policy off"),
                       ("remove", "retire a policy (its past flags stay)")):
        actions.add_parser(verb, parents=[common], help=text).add_argument("name")
    token = actions.add_parser(
        "token", parents=[common],
        help="show, bind or revoke a policy's payment token (revoking blocks that scenario)")
    token.add_argument("name")
    what = token.add_mutually_exclusive_group()
    what.add_argument("--bind", metavar="TOKEN",
                      help="the token reference the acquirer or issuer gave (never a card "
                           "number)")
    what.add_argument("--revoke", action="store_true",
                      help="revoke the live token: this scenario's transactions are flagged "
                           "from now")
    token.add_argument("--issuer", default="acquirer", help="acquirer|issuer (with --bind)")
    token.add_argument("--reason", default="", help="why it is revoked (with --revoke)")
    token.add_argument("--json", action="store_true", help="print one JSON object")
    flags = actions.add_parser("flags", parents=[common],
                               help="flagged transactions per policy and rule")
    flags.add_argument("--from", dest="first", metavar="YYYY-MM-DD",
                       help="first day (default: 30 days before --to)")
    flags.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help="last day (default: today)")
    flags.add_argument("--json", action="store_true", help="print one JSON object")


def _rule_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--window", action="append", default=[], metavar="WINDOW",
                        help='allowed time, Beijing: "22:00-06:00" or "09:00-18:00 mon-fri"; '
                             "repeat for several (replaces the windows)")
    parser.add_argument("--per-txn", metavar="YUAN", help="cap per transaction ('none': no cap)")
    parser.add_argument("--daily", metavar="YUAN", help="cap per Beijing day ('none': no cap)")
    parser.add_argument("--allow", metavar="TYPES",
                        help="only these types, comma-separated ('any': every type)")
    parser.add_argument("--from", dest="effective", metavar="TIME",
                        help="in force from YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: now)")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    command = args.scenarios_command or "list"
    try:
        if command == "list":
            return _list(args, data_dir)
        if command == "flags":
            return _flags(args, data_dir)
        if command == "token":
            return _token(args, data_dir)
        return _change(args, data_dir, command)
    except _Usage as exc:
        print(f"posdesk scenarios {command}: {exc}", file=sys.stderr)
        return USAGE_ERROR


def _list(args: argparse.Namespace, data_dir: Path) -> int:
    db = open_for_reading(data_dir)
    try:
        today = today_cn()
        policies = current_policies(db)
        tokens = latest_tokens(db)
        day = flagged_per_policy(db, today, today)
        month = flagged_per_policy(db, today - dt.timedelta(days=29), today)
    finally:
        db.close()
    if args.json:
        print(json.dumps({"policies": [
            {**policy_json(p), "token": token_json(tokens.get(p.id or 0)),
             "flagged_today": day.get(p.id or 0, 0),
             "flagged_30_days": month.get(p.id or 0, 0)} for p in policies]},
            ensure_ascii=False))
        return 0
    if not policies:
        print("No scenario policies. Add one with: posdesk scenarios add NAME --terminal ID "
              '--window "08:00-22:00"')
        return 0
    for policy in policies:
        print(f"{policy.name}  [{policy.scope.lower()} {policy.scope_ref}]"
              f"{'' if policy.rules.enabled else '  (off)'}")
        print(f"    {describe(policy.rules)}")
        if policy.id in tokens:
            print(f"    {token_line(tokens[policy.id])}")
        print(f"    in force since {format_local(policy.effective_from_ms, seconds=False)}, "
              f"version {policy.version}; flagged today {day.get(policy.id or 0, 0):,}, "
              f"last 30 days {month.get(policy.id or 0, 0):,}")
    return 0


def describe(rules: ScenarioRules) -> str:
    """One line a person reads: what the policy allows."""
    parts = [("windows " + ", ".join(w.text() for w in rules.windows)) if rules.windows
             else "any time"]
    if rules.per_txn_max_fen is not None:
        parts.append(f"at most {format_fen(rules.per_txn_max_fen)} per transaction")
    if rules.daily_max_fen is not None:
        parts.append(f"at most {format_fen(rules.daily_max_fen)} per day")
    if rules.allowed_kinds:
        parts.append("only " + ", ".join(rules.allowed_kinds))
    return "; ".join(parts)


def policy_json(policy: ScenarioPolicy) -> dict[str, object]:
    rules = policy.rules
    return {"id": policy.id, "name": policy.name, "scope": policy.scope,
            "scope_ref": policy.scope_ref, "enabled": rules.enabled,
            "windows": [w.text() for w in rules.windows],
            "per_txn_max_fen": rules.per_txn_max_fen, "daily_max_fen": rules.daily_max_fen,
            "allowed_types": list(rules.allowed_kinds), "version": policy.version,
            "effective_from": format_local(policy.effective_from_ms)}


def token_json(token: ScenarioToken | None) -> dict[str, object] | None:
    """The token masked, with its state; never the whole reference."""
    if token is None:
        return None
    return {"token": token.masked, "issuer": token.issuer, "live": token.live,
            "bound_at": format_local(token.bound_at_ms),
            "revoked_at": None if token.live else format_local(token.revoked_at_ms or 0),
            "revoke_reason": token.revoke_reason or None}


def token_line(token: ScenarioToken) -> str:
    issued = f"token {token.masked} from the {token.issuer.lower()}, bound " \
             f"{format_local(token.bound_at_ms, seconds=False)}"
    if token.live:
        return issued
    reason = f" ({token.revoke_reason})" if token.revoke_reason else ""
    return (f"{issued}; REVOKED {format_local(token.revoked_at_ms or 0, seconds=False)}"
            f"{reason}: this scenario's transactions are flagged")


def _token(args: argparse.Namespace, data_dir: Path) -> int:
    if not args.bind and not args.revoke:
        return _show_tokens(args, data_dir)
    issuer = _choice("--issuer", args.issuer, ISSUERS)
    profile = open_existing(data_dir)
    try:
        policy = policy_by_name(profile.db, args.name)
        if policy is None or policy.id is None:
            raise ScenarioValueError(f"No scenario policy named '{args.name}'.", field="name")
        token = checked_token(args.bind, profile.oplog, policy.id) if args.bind else None
        proof = operator_proof(profile, SCENARIO_POLICY_CHANGED)
        with profile.oplog.verified_as(proof.categories):
            if token is not None:
                bound = bind_token(profile.db, profile.oplog, policy.id, token, issuer)
                print(f"Bound token {bound.masked} to '{policy.name}'.")
            else:
                revoked = revoke_token(profile.db, profile.oplog, policy.id, args.reason)
                print(f"Revoked token {revoked.masked} of '{policy.name}': its transactions "
                      "are flagged from now; other scenarios are not affected.")
        return 0
    finally:
        profile.close()


def _show_tokens(args: argparse.Namespace, data_dir: Path) -> int:
    db = open_for_reading(data_dir)
    try:
        policy = policy_by_name(db, args.name)
        if policy is None or policy.id is None:
            raise ScenarioValueError(f"No scenario policy named '{args.name}'.", field="name")
        found = tokens_of(db, policy.id)
    finally:
        db.close()
    if args.json:
        print(json.dumps({"policy": policy.name, "tokens": [token_json(t) for t in found]},
                         ensure_ascii=False))
        return 0
    if not found:
        print(f"'{policy.name}' has no payment token. Bind one with: posdesk scenarios token "
              f'"{policy.name}" --bind TOKEN')
        return 0
    for token in found:
        print(token_line(token))
    return 0


def _flags(args: argparse.Namespace, data_dir: Path) -> int:
    last = _day("--to", args.last) if args.last else today_cn()
    first = _day("--from", args.first) if args.first else last - dt.timedelta(days=29)
    if first > last:
        raise _Usage(f"--from {first} is after --to {last}")
    db = open_for_reading(data_dir)
    try:
        names = {h.current.id: h.current.name + (" (removed)" if h.current.removed else "")
                 for h in histories(db)}
        counts = flag_counts(db, first, last)
    finally:
        db.close()
    if args.json:
        print(json.dumps({"from": first.isoformat(), "to": last.isoformat(), "flags": [
            {"policy": names.get(c.policy_id, str(c.policy_id)), "rule": c.rule,
             "transactions": c.transactions} for c in counts]}, ensure_ascii=False))
        return 0
    if not counts:
        print(f"No flagged transactions from {first} to {last}.")
        return 0
    for count in counts:
        print(f"{names.get(count.policy_id, count.policy_id)!s:<24} {count.rule:<18} "
              f"{count.transactions:>8,}")
    print(f"See them with: posdesk history --flagged --from {first} --to {last}")
    return 0


def _change(args: argparse.Namespace, data_dir: Path, command: str) -> int:
    # Adding the first policy may be the first thing done in a new profile.
    profile = open_profile(data_dir) if command == "add" else open_existing(data_dir)
    try:
        db, log = profile.db, profile.oplog
        policy = None if command == "add" else policy_by_name(db, args.name)
        if command != "add" and policy is None:
            raise ScenarioValueError(f"No scenario policy named '{args.name}'.", field="name")
        draft = _new_policy(args) if policy is None else (
            _changed(args, policy) if command == "change" else policy)
        proof = operator_proof(profile, SCENARIO_POLICY_CHANGED)
        with log.verified_as(proof.categories):
            _apply(db, log, args, command, draft)
        return 0
    finally:
        profile.close()


def _apply(db: sqlite_utils.Database, log: OperationLog, args: argparse.Namespace,
           command: str, policy: ScenarioPolicy) -> None:
    if command == "add":
        stored = save_policy(db, log, policy, _effective(args.effective))
        print(f"Added scenario policy '{stored.name}': {describe(stored.rules)}.")
    elif command in ("on", "off"):
        set_enabled(db, log, policy.id or 0, command == "on")
        print(f"Scenario policy '{policy.name}' is {command}.")
    elif command == "remove":
        remove_policy(db, log, policy.id or 0)
        print(f"Removed scenario policy '{policy.name}'; its past flags stay.")
    else:
        stored = save_policy(db, log, policy, _effective(args.effective))
        print(f"Scenario policy '{stored.name}' is now version {stored.version}: "
              f"{describe(stored.rules)}." if stored.version != policy.version
              else "Nothing changed.")


def _new_policy(args: argparse.Namespace) -> ScenarioPolicy:
    if args.terminal:
        scope, ref = "TERMINAL", args.terminal.strip()
    elif args.channel:
        scope, ref = "CHANNEL", _choice("--channel", args.channel, CHANNELS)
    else:
        scope, ref = "KIND", _choice("--type", args.txn_type, TXN_TYPES)
    rules = _rules(args, ScenarioRules(enabled=not args.off))
    return ScenarioPolicy(args.name, scope, ref, rules)


def _changed(args: argparse.Namespace, policy: ScenarioPolicy) -> ScenarioPolicy:
    rules = policy.rules
    if args.no_windows:
        rules = dataclasses.replace(rules, windows=())
    return dataclasses.replace(policy, name=args.rename or policy.name,
                               rules=_rules(args, rules))


def _rules(args: argparse.Namespace, rules: ScenarioRules) -> ScenarioRules:
    changes: dict[str, object] = {}
    if args.window:
        changes["windows"] = tuple(parse_window(text) for text in args.window)
    for flag, name in (("--per-txn", "per_txn_max_fen"), ("--daily", "daily_max_fen")):
        text = getattr(args, name.split("_max")[0])
        if text is not None:
            changes[name] = None if text.strip().lower() == "none" else _fen(flag, text)
    if args.allow is not None:
        changes["allowed_kinds"] = () if args.allow.strip().lower() == "any" else tuple(
            _choice("--allow", part, TXN_TYPES) for part in args.allow.split(",") if part.strip())
    return dataclasses.replace(rules, **changes)  # type: ignore[arg-type]


def _effective(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise _Usage(f"--from {text!r} is not a date or time like 2026-03-05T08:00") from None
    return from_datetime(moment if moment.tzinfo else moment.replace(tzinfo=SHANGHAI))


def _day(flag: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _Usage(f"{flag} {text!r} is not a date like 2026-03-05") from None


def _fen(flag: str, text: str) -> int:
    try:
        return parse_yuan(text)
    except ValueError as exc:
        raise _Usage(f"{flag} {text!r}: {exc}") from None


def _choice(flag: str, value: str, allowed: tuple[str, ...]) -> str:
    found = value.strip().upper()
    if found not in allowed:
        raise _Usage(f"{flag} {value!r} is not one of {', '.join(allowed)}")
    return found

