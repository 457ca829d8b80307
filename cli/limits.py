"""`posdesk limits check`: the limit engine's answer to "can I pay ¥X now, as kind K?".

Every input of the engine can be given on the command line (support staff and what-if
questions); what is not given takes the engine's defaults: an individual, Class II, no
valid institution rating (x1), nothing used yet. Amounts are yuan with up to two decimals;
a malformed amount or an unknown value is a usage error that names it (exit 2).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from fractions import Fraction

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
from app.shanghai_time import SHANGHAI, today_cn

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
    limits = sub.add_parser("limits", help="payment limits by the PBOC online-payment rules")
    actions = limits.add_subparsers(dest="limits_command", metavar="ACTION", required=True)
    check = actions.add_parser("check", parents=[common],
                               help="would this payment be allowed now, and what binds it")
    check.add_argument("--amount", required=True, help="yuan, e.g. 1200.00")
    check.add_argument("--kind", required=True, help="|".join(KINDS))
    check.add_argument("--factors", default="", help="comma-separated: " + ",".join(FACTORS))
    check.add_argument("--at", help="when: YYYY-MM-DD or an ISO time (default: now, Shanghai)")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--customer-type", default="individual", help="individual|unit")
    check.add_argument("--class", dest="account_class", default="II", help="I|II|III")
    check.add_argument("--rating", help="institution rating A-E (default: unknown)")
    check.add_argument("--real-name-ratio", help="Class II+III real-name ratio, %%, e.g. 96.5")
    check.add_argument("--contract-t1", help="contractual T1 daily limit in yuan")
    check.add_argument("--otp-same-device", action="store_true",
                       help="the one-time code arrived on the paying device (Art. 23)")
    check.add_argument("--otp-age", type=_whole("--otp-age"), help="the code's age, seconds")
    for name in ("--used-day-t1", "--used-day-t2", "--used-day-t3", "--used-year",
                 "--used-lifetime"):
        check.add_argument(name, default="0", help="yuan already counted (default 0)")
    check.add_argument("--purpose", help="purpose of a transfer (Art. 14(5))")
    check.add_argument("--verified-by", default="institution", help="institution|bank")
    check.add_argument("--payee-category", default="general", help="|".join(PAYEES))


def run(args: argparse.Namespace) -> int:
    try:
        inst, cust, payment, usage = _inputs(args)
    except _Usage as exc:
        print(f"posdesk limits check: {exc}", file=sys.stderr)
        return USAGE_ERROR
    decision = evaluate(inst, cust, payment, usage)
    print(json.dumps(as_json(decision), ensure_ascii=False) if args.json
          else _text(decision, payment))
    return 0


def _inputs(args: argparse.Namespace) -> tuple[Institution, Customer, Payment, Usage]:
    rating = _choice("--rating", args.rating, RATINGS) if args.rating else None
    inst = Institution(rating=rating, real_name_ratio_bp=_ratio(args.real_name_ratio))
    cust = Customer(type=_choice("--customer-type", args.customer_type,
                                 ("individual", "unit")).upper(),
                    account_class=_choice("--class", args.account_class, ("I", "II", "III")),
                    contract_daily_t1_fen=_fen("--contract-t1", args.contract_t1)
                    if args.contract_t1 else None)
    amount = _fen("--amount", args.amount)
    if amount <= 0:
        raise _Usage(f"--amount must be more than 0, not {args.amount!r}")
    payment = Payment(
        KINDS[_choice("--kind", args.kind, tuple(KINDS))], amount, _day(args.at),
        _factors(args.factors, args.otp_same_device, args.otp_age),
        verified_by=_choice("--verified-by", args.verified_by, ("institution", "bank")).upper(),
        payee_category=_choice("--payee-category", args.payee_category, PAYEES).upper(),
        purpose=args.purpose)
    usage = Usage(*(_fen(f"--used-{name.replace('_', '-')}", getattr(args, f"used_{name}"))
                    for name in ("day_t1", "day_t2", "day_t3", "year", "lifetime")))
    return inst, cust, payment, usage


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


def _day(text: str | None) -> dt.date:
    if not text:
        return today_cn()
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise _Usage(f"--at: {text!r} is not a date or time (YYYY-MM-DD or ISO)") from None
    if moment.tzinfo is None:
        return moment.date()                   # a wall time is read as Shanghai's
    return moment.astimezone(SHANGHAI).date()


def _whole(flag: str) -> Callable[[str], int]:
    def parse(text: str) -> int:
        if not text.isdigit():
            raise argparse.ArgumentTypeError(f"{flag} takes whole seconds, not {text!r}")
        return int(text)
    return parse


def as_json(decision: Decision) -> dict[str, object]:
    factor = decision.multiplier
    return {
        "decision": decision.decision, "reason": decision.reason, "tier": decision.tier,
        "multiplier": factor.numerator if factor.denominator == 1 else float(factor),
        "binding": decision.binding, "headroom_before_fen": decision.headroom_before_fen,
        "remaining_after_fen": decision.remaining_after_fen,
        "max_from_balance_fen": decision.max_from_balance_fen,
        "constraints": [{"name": c.name, "article": c.article, "limit_fen": c.limit_fen,
                         "used_fen": c.used_fen, "headroom_fen": c.headroom_fen}
                        for c in decision.constraints],
        "notes": list(decision.notes), "params_version": decision.params_version,
        "estimate": True,
    }


def _text(decision: Decision, payment: Payment) -> str:
    lines = [f"{decision.decision}" + (f" ({decision.reason})" if decision.reason else "")
             + f": {format_fen(payment.amount_fen)} on {payment.day.isoformat()}"
             + (f", tier {decision.tier}" if decision.tier else "")]
    for constraint in decision.constraints:
        limit = ("by agreement (not known)" if constraint.limit_fen is None
                 else format_fen(constraint.limit_fen))
        lines.append(f"  {constraint.name:<17} {constraint.article:<18} limit {limit}, used "
                     f"{format_fen(constraint.used_fen)}")
    if decision.binding != "NONE":
        lines.append(f"Binding: {decision.binding}; remaining after "
                     f"{format_fen(decision.remaining_after_fen or 0)}; most payable from "
                     f"balance now {format_fen(decision.max_from_balance_fen or 0)}")
    lines += [f"  · {note}" for note in decision.notes]
    lines.append("An estimate: the institution's own decision is authoritative.")
    return "\n".join(lines)
