"""`posdesk limits`: usage per constraint, and the engine's answer to "can I pay ¥X now, as
kind K?" on the stored account profile and payment-account ledger.

`limits` prints current usage; `limits check` a decision; `limits profile` shows or sets the
account profile (every change logged); `limits import FILE` records the institution's
account statement. Every input of `check` can be overridden on the command line (support
staff and what-if questions); without a stored profile the engine's defaults apply: an
individual, Class II, no valid institution rating (x1), nothing used yet. Amounts are yuan
with up to two decimals; a malformed amount or an unknown value is a usage error that names
it (exit 2). For a card-present payment, `--terminal ID [--channel C]` also asks that
terminal's scenario policies (spec 12.4): the stricter answer wins.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path

from app.account_ledger import record_payments, usage_on
from app.account_statement import read_account_statement
from app.limit_profile import LIMIT_PROFILE_CHANGED, AccountProfile, load_profile, save_profile
from app.limit_status import LimitReport, report_for
from app.limits import (
    BAL_CONSUME,
    BAL_INVEST,
    BAL_TO_OWN_BANK,
    BAL_TRANSFER_OTHER_BANK,
    BAL_TRANSFER_PA,
    BANK_FUNDED,
    CARD_PRESENT,
    RATINGS,
    Customer,
    Decision,
    Factor,
    Institution,
    Payment,
    Usage,
    evaluate,
)
from app.money import format_fen, parse_yuan
from app.operator_check import unprotected
from app.profile import open_existing, open_for_reading, open_profile, profile_exists
from app.scenario_check import ScenarioBreach, check_payment, stricter
from app.scenario_flags import flagged_transactions
from app.shanghai_time import SHANGHAI, from_datetime
from app.transactions import CHANNELS
from cli.operator_prompt import operator_proof

USAGE_ERROR = 2
KINDS = {"consume": BAL_CONSUME, "transfer_pa": BAL_TRANSFER_PA,
         "transfer_other_bank": BAL_TRANSFER_OTHER_BANK, "to_own_bank": BAL_TO_OWN_BANK,
         "invest": BAL_INVEST, "bank_funded": BANK_FUNDED, "card_present": CARD_PRESENT}
FACTORS = {"password": "STATIC_PASSWORD", "security_question": "SECURITY_QUESTION",
           "sms_otp": "OTP_SMS", "totp": "OTP_APP", "hw_token": "OTP_HW_TOKEN",
           "certificate": "DIGITAL_CERTIFICATE", "e_signature": "ELECTRONIC_SIGNATURE",
           "fingerprint": "FINGERPRINT", "face": "FACE"}
PAYEES = ("general", "utility", "tax", "credit_card_repayment")


class _Usage(Exception):
    """A value on the command line the engine cannot take; the message names it."""


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    limits = sub.add_parser("limits", parents=[common],
                            help="payment limits by the PBOC online-payment rules")
    limits.add_argument("--json", action="store_true", help="print one JSON object")
    limits.add_argument("--at", help="when: YYYY-MM-DD or an ISO time (default: now, Shanghai)")
    actions = limits.add_subparsers(dest="limits_command", metavar="ACTION")
    check = actions.add_parser("check", parents=[common],
                               help="would this payment be allowed now, and what binds it")
    check.add_argument("--amount", required=True, help="yuan, e.g. 1200.00")
    check.add_argument("--kind", required=True, help="|".join(KINDS))
    check.add_argument("--factors", default="", help="comma-separated: " + ",".join(FACTORS))
    check.add_argument("--at", help="when: YYYY-MM-DD or an ISO time (default: now, Shanghai)")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    _profile_flags(check, "(default: the stored profile)")
    check.add_argument("--otp-same-device", action="store_true",
                       help="the one-time code arrived on the paying device (Art. 23)")
    check.add_argument("--otp-age", type=_whole("--otp-age"), help="the code's age, seconds")
    for name in ("--used-day-t1", "--used-day-t2", "--used-day-t3", "--used-year",
                 "--used-lifetime"):
        check.add_argument(name, help="yuan already counted (default: from the ledger)")
    check.add_argument("--purpose", help="purpose of a transfer (Art. 14(5))")
    check.add_argument("--verified-by", default="institution", help="institution|bank")
    check.add_argument("--payee-category", default="general", help="|".join(PAYEES))
    check.add_argument("--terminal", metavar="ID",
                       help="with --kind card_present: also judge by this terminal's scenario "
                            "policies (spec 12.4; the stricter answer wins)")
    check.add_argument("--channel", help="with --terminal: payment method, "
                                         + "|".join(c.lower() for c in CHANNELS)
                                         + " (default: card)")
    profile = actions.add_parser("profile", parents=[common],
                                 help="show or change the account profile (logged)")
    profile.add_argument("--json", action="store_true", help="print one JSON object")
    profile.add_argument("--institution", help="the payment institution's name")
    profile.add_argument("--rating-from", help="first day the rating is valid, YYYY-MM-DD")
    profile.add_argument("--rating-to", help="last day the rating is valid, YYYY-MM-DD")
    profile.add_argument("--class-since", help="day the account class took effect")
    profile.add_argument("--art37", help="yes|no: an Art. 37 agreement with the bank")
    _profile_flags(profile, "")
    ledger = actions.add_parser("import", parents=[common],
                                help="record the institution's payment-account statement")
    ledger.add_argument("file", help="CSV or XLSX statement of the payment account")
    ledger.add_argument("--dry-run", action="store_true", help="check it, record nothing")


def _profile_flags(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument("--customer-type", help=f"individual|unit {default}")
    parser.add_argument("--class", dest="account_class", help=f"I|II|III {default}")
    parser.add_argument("--rating", help=f"institution rating A-E {default}")
    parser.add_argument("--real-name-ratio",
                        help=f"Class II+III real-name ratio, %%, e.g. 96.5 {default}")
    parser.add_argument("--contract-t1", help=f"contractual T1 daily limit in yuan {default}")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    command = args.limits_command or "report"
    try:
        if command == "import":
            return _import(args, data_dir)
        if command == "profile":
            return _profile(args, data_dir)
        stored = _stored(data_dir, _moment(args.at))
        if command == "report":
            return _report(args, stored)
        inst, cust, payment, usage = _inputs(args, stored)
        breaches = _scenario_breaches(args, data_dir, stored, payment)
    except _Usage as exc:
        name = "posdesk limits" + ("" if command == "report" else f" {command}")
        print(f"{name}: {exc}", file=sys.stderr)
        return USAGE_ERROR
    decision = stricter(evaluate(inst, cust, payment, usage), breaches)
    breach_json = [{"policy": b.policy, "rule": b.rule} for b in breaches]
    print(json.dumps({**as_json(decision), "scenario_breaches": breach_json},
                     ensure_ascii=False) if args.json
          else _text(decision, payment, breaches))
    return 0


def _scenario_breaches(args: argparse.Namespace, data_dir: Path, stored: _Stored,
                       payment: Payment) -> list[ScenarioBreach]:
    """The terminal's scenario policies for a card-present payment (spec 12.4)."""
    if args.terminal is None and args.channel is None:
        return []
    if payment.kind != CARD_PRESENT:
        raise _Usage("--terminal and --channel apply to --kind card_present only")
    channel = _choice("--channel", args.channel or "card", CHANNELS)
    if not stored.data:
        return []
    db = open_for_reading(data_dir)
    try:
        return check_payment(db, from_datetime(stored.at), args.terminal, channel,
                             payment.amount_fen)
    finally:
        db.close()


@dataclass(frozen=True)
class _Stored:
    """What the data folder holds for the moment asked about (defaults when nothing)."""

    at: dt.datetime
    profile: AccountProfile
    usage: Usage
    found: bool            # a profile is stored (else the engine's defaults)
    data: bool             # the data folder holds a profile database at all
    flagged: tuple[int, int] = (0, 0)   # scenario flags today, last 30 days (spec 12.4)


def _stored(data_dir: Path, at: dt.datetime) -> _Stored:
    if not profile_exists(data_dir):
        return _Stored(at, AccountProfile(), Usage(), False, False)
    db = open_for_reading(data_dir)
    try:
        stored = load_profile(db)
        usage = usage_on(db, at.date())
        day = at.date()
        flagged = (flagged_transactions(db, day, day),
                   flagged_transactions(db, day - dt.timedelta(days=29), day))
    finally:
        db.close()
    return _Stored(at, stored or AccountProfile(), usage, stored is not None, True, flagged)


def _inputs(args: argparse.Namespace,
            stored: _Stored) -> tuple[Institution, Customer, Payment, Usage]:
    profile = _overridden(args, stored.profile)
    amount = _fen("--amount", args.amount)
    if amount <= 0:
        raise _Usage(f"--amount must be more than 0, not {args.amount!r}")
    payment = Payment(
        KINDS[_choice("--kind", args.kind, tuple(KINDS))], amount, stored.at.date(),
        _factors(args.factors, args.otp_same_device, args.otp_age),
        verified_by=_choice("--verified-by", args.verified_by, ("institution", "bank")).upper(),
        payee_category=_choice("--payee-category", args.payee_category, PAYEES).upper(),
        purpose=args.purpose)
    used = {name: getattr(args, f"used_{name}") for name in Usage.__dataclass_fields__}
    usage = replace(stored.usage, **{
        name: _fen(f"--used-{name.replace('_', '-')}", text)
        for name, text in used.items() if text is not None})
    return profile.institution(), profile.customer(), payment, usage


def _overridden(args: argparse.Namespace, profile: AccountProfile) -> AccountProfile:
    """The profile with every profile flag given on the command line put in."""
    changes: dict[str, object] = {}
    if args.customer_type is not None:
        changes["customer_type"] = _choice("--customer-type", args.customer_type,
                                           ("individual", "unit")).upper()
    if args.account_class is not None:
        changes["account_class"] = _choice("--class", args.account_class, ("I", "II", "III"))
    if args.rating is not None:
        changes["rating"] = _choice("--rating", args.rating, RATINGS)
    if args.real_name_ratio is not None:
        changes["real_name_ratio_bp"] = _ratio(args.real_name_ratio)
    if args.contract_t1 is not None:
        changes["contract_daily_t1_fen"] = _fen("--contract-t1", args.contract_t1)
    for flag, name in (("--rating-from", "rating_valid_from"), ("--rating-to", "rating_valid_to"),
                       ("--class-since", "class_since")):
        text = getattr(args, name.replace("rating_valid", "rating"), None)
        if text is not None:
            changes[name] = _date(flag, text)
    if getattr(args, "institution", None) is not None:
        changes["institution_name"] = args.institution.strip()
    if getattr(args, "art37", None) is not None:
        changes["art37_bank_agreement"] = _choice("--art37", args.art37, ("yes", "no")) == "yes"
    return replace(profile, **changes)


def _report(args: argparse.Namespace, stored: _Stored) -> int:
    if not stored.data:
        print("No data here yet: the engine's defaults are shown. Set the account profile "
              "with `posdesk limits profile` and record the account statement with "
              "`posdesk limits import FILE`.", file=sys.stderr)
    found = report_for(stored.profile, stored.found, stored.usage, stored.at)
    today, month = stored.flagged
    if args.json:
        print(json.dumps({**report_json(found), "scenario_flagged_today": today,
                          "scenario_flagged_30_days": month}, ensure_ascii=False))
    else:
        print(_report_text(found))
        print(f"Scenario controls: {today:,} transactions flagged today, {month:,} in the "
              "last 30 days (posdesk scenarios; posdesk history --flagged).")
    return 0


def report_json(found: LimitReport) -> dict[str, object]:
    return {
        "at": found.at.isoformat(), "profile_stored": found.profile_stored,
        "customer_type": found.profile.customer_type,
        "account_class": found.profile.account_class, "note": found.note,
        "constraints": [{
            "name": g.name, "article": g.article, "limit_fen": g.limit_fen,
            "used_fen": g.used_fen, "remaining_fen": g.remaining_fen,
            "multiplier": _number(g.multiplier), "multiplier_reason": g.multiplier_reason,
            "resets_at": g.resets_at.isoformat() if g.resets_at else None, "level": g.level,
            "estimate": g.estimate} for g in found.gauges],
        "params_version": found.params_version, "estimate": True,
    }


def _report_text(found: LimitReport) -> str:
    profile = found.profile
    lines = [f"Limit usage at {found.at.strftime('%Y-%m-%d %H:%M')} (Shanghai): "
             f"{profile.customer_type.lower()} customer, Class {profile.account_class}"
             + (f", {profile.institution_name}" if profile.institution_name else "")]
    if found.note:
        lines.append(f"  {found.note}")
    for g in found.gauges:
        limit = ("by agreement (N/A)" if g.limit_fen is None else format_fen(g.limit_fen))
        left = "" if g.remaining_fen is None else f", {format_fen(g.remaining_fen)} left"
        resets = ("never" if g.name == "CLASS_I_LIFETIME" else
                  g.resets_at.strftime("%Y-%m-%d %H:%M") if g.resets_at else "not known")
        warn = {"warn": "  ⚠ over 80 %", "full": "  ✖ used up"}.get(g.level, "")
        lines.append(f"  {g.name:<17} {g.article:<20} limit {limit}, used "
                     f"{format_fen(g.used_fen)}{left}; x{_number(g.multiplier)}; resets "
                     f"{resets}{warn}")
    lines.append("Estimates: the institution's own figures are authoritative.")
    return "\n".join(lines)


def _profile(args: argparse.Namespace, data_dir: Path) -> int:
    given = any(getattr(args, name) is not None for name in (
        "institution", "rating_from", "rating_to", "class_since", "art37", "customer_type",
        "account_class", "rating", "real_name_ratio", "contract_t1"))
    if not given:
        opened = open_existing(data_dir)
        try:
            current = load_profile(opened.db)
        finally:
            opened.close()
        _print_profile(current, args.json)
        return 0
    opened = open_profile(data_dir)
    try:
        current = load_profile(opened.db)
        new = _overridden(args, current or AccountProfile())
        proof = (unprotected(LIMIT_PROFILE_CHANGED) if new == current
                 else operator_proof(opened, LIMIT_PROFILE_CHANGED))
        with opened.oplog.verified_as(proof.categories):
            changes = save_profile(opened.db, opened.oplog, new)
    finally:
        opened.close()
    _print_profile(new, args.json)
    print(f"{len(changes)} value(s) changed and logged." if changes else "Nothing changed.",
          file=sys.stderr)
    return 0


def _print_profile(profile: AccountProfile | None, as_json_: bool) -> None:
    if as_json_:
        print(json.dumps(None if profile is None else {
            k: v.isoformat() if isinstance(v, dt.date) else v
            for k, v in profile.__dict__.items()}, ensure_ascii=False))
        return
    if profile is None:
        print("No account profile yet: the engine's defaults apply (individual, Class II, "
              "rating unknown). Set it with e.g. `posdesk limits profile --class III "
              "--rating A --real-name-ratio 96.5`.")
        return
    for name, value in profile.__dict__.items():
        print(f"{name:<22} {'—' if value in (None, '') else value}")


def _import(args: argparse.Namespace, data_dir: Path) -> int:
    statement = read_account_statement(Path(args.file))
    payments = statement.payments
    if args.dry_run:
        print(f"{statement.name}: {len(payments):,} payments would be recorded (dry run, "
              "nothing written).")
        return 0
    opened = open_profile(data_dir)
    try:
        result = record_payments(opened.db, opened.oplog, payments,
                                 source=f"statement:{statement.name}")
    finally:
        opened.close()
    print(f"{statement.name}: {result.added:,} payments recorded, {result.updated:,} updated, "
          f"{result.unchanged:,} already known.")
    return 0


def _moment(text: str | None) -> dt.datetime:
    if not text:
        return dt.datetime.now(SHANGHAI)
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise _Usage(f"--at: {text!r} is not a date or time (YYYY-MM-DD or ISO)") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=SHANGHAI)      # a wall time is read as Shanghai's
    return moment.astimezone(SHANGHAI)


def _date(flag: str, text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _Usage(f"{flag}: {text!r} is not a date (YYYY-MM-DD)") from None


def _number(value: Fraction) -> int | float:
    return value.numerator if value.denominator == 1 else float(value)


def _factors(text: str, same_device: bool, age_s: int | None) -> tuple[Factor, ...]:
    found: list[Factor] = []
    for name in (part.strip() for part in text.split(",") if part.strip()):
        kind = FACTORS.get(name.lower())
        if kind is None:
            raise _Usage(f"--factors: unknown factor {name!r}; use {', '.join(FACTORS)}")
        otp = kind.startswith("OTP_")
        found.append(Factor(kind, same_device=same_device and otp,
                            age_s=age_s if otp else None))
    return tuple(found)


def _choice(flag: str, value: str, allowed: tuple[str, ...]) -> str:
    for option in allowed:
        if value.lower() == option.lower():
            return option
    raise _Usage(f"{flag} must be one of {', '.join(allowed)}, not {value!r}")


def _fen(flag: str, text: str) -> int:
    try:
        fen = parse_yuan(text)
    except ValueError:
        raise _Usage(f"{flag}: {text!r} is not an amount in yuan (e.g. 1200.00)") from None
    if fen < 0:
        raise _Usage(f"{flag} cannot be negative: {text!r}")
    return fen


def _ratio(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        value = Fraction(text.rstrip("%"))
    except ValueError:
        raise _Usage(f"--real-name-ratio: {text!r} is not a percentage (e.g. 96.5)") from None
    if not 0 <= value <= 100 or (value * 100).denominator != 1:
        raise _Usage(f"--real-name-ratio must be 0-100 with at most two decimals: {text!r}")
    return int(value * 100)


def _whole(flag: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not text.isdigit():
            raise argparse.ArgumentTypeError(f"{flag} takes whole seconds, not {text!r}")
        return int(text)
    return parse


def as_json(decision: Decision) -> dict[str, object]:
    return {
        "decision": decision.decision, "reason": decision.reason, "tier": decision.tier,
        "multiplier": _number(decision.multiplier),
        "binding": decision.binding, "headroom_before_fen": decision.headroom_before_fen,
        "remaining_after_fen": decision.remaining_after_fen,
        "max_from_balance_fen": decision.max_from_balance_fen,
        "constraints": [{"name": c.name, "article": c.article, "limit_fen": c.limit_fen,
                         "used_fen": c.used_fen, "headroom_fen": c.headroom_fen}
                        for c in decision.constraints],
        "notes": list(decision.notes), "params_version": decision.params_version,
        "estimate": True,
    }


def _text(decision: Decision, payment: Payment,
          breaches: list[ScenarioBreach] | None = None) -> str:
    lines = [f"{decision.decision}" + (f" ({decision.reason})" if decision.reason else "")
             + f": {format_fen(payment.amount_fen)} on {payment.day.isoformat()}"
             + (f", tier {decision.tier}" if decision.tier else "")]
    for constraint in decision.constraints:
        limit = ("by agreement (not known)" if constraint.limit_fen is None
                 else format_fen(constraint.limit_fen))
        lines.append(f"  {constraint.name:<17} {constraint.article:<20} limit {limit}, used "
                     f"{format_fen(constraint.used_fen)}")
    if decision.binding != "NONE":
        lines.append(f"Binding: {decision.binding}; remaining after "
                     f"{format_fen(decision.remaining_after_fen or 0)}; most payable from "
                     f"balance now {format_fen(decision.max_from_balance_fen or 0)}")
    lines += [f"  · {note}" for note in decision.notes]
    lines += [f"  ✖ scenario policy '{b.policy}': {b.rule}" for b in breaches or ()]
    lines.append("An estimate: the institution's own decision is authoritative.")
    return "\n".join(lines)
