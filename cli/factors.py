"""`posdesk factors list|add|remove|rename|test`: the verification factors, headless.

Secrets are typed, never given as arguments (they would sit in the shell's history and the
process list): passwords and codes are read with getpass on a terminal, or as one line each
from standard input when it is piped (scripts, tests). An authenticator's enrolment prints
its QR code in the terminal and the secret for manual entry, then asks for the first code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from app import factors as fx
from app import fingerprint_factor
from app.factors import FactorRegistry
from app.limits import FACTOR_TYPES
from app.profile import open_existing, open_profile
from app.secrets import SecretStore
from app.shanghai_time import format_local
from cli.operator_prompt import read_secret

USAGE_ERROR = 2
ADDABLE = {"password": "STATIC_PASSWORD", "totp": "OTP_APP",
           "certificate": "DIGITAL_CERTIFICATE", "e_signature": "ELECTRONIC_SIGNATURE",
           "sms_otp": "OTP_SMS", "hw_token": "OTP_HW_TOKEN",
           "security_question": "SECURITY_QUESTION", "fingerprint": "FINGERPRINT",
           "face": "FACE"}
DEVICE_WORDS = {"this_computer": fx.THIS_COMPUTER, "phone": fx.PHONE,
                "hardware_token": fx.TOKEN, "institution": fx.INSTITUTION}


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    factors = sub.add_parser("factors", parents=[common],
                             help="verification factors: list, add, remove, rename, test")
    actions = factors.add_subparsers(dest="factors_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="factors and the tier they give")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    add = actions.add_parser("add", parents=[common], help="enrol a factor")
    add.add_argument("type", help="|".join(ADDABLE))
    add.add_argument("file", nargs="?", help="the certificate file (PEM, CRT, P12, PFX)")
    add.add_argument("--label", default="", help="a name you will recognise")
    add.add_argument("--device", help="where it lives or its codes arrive: "
                                      + "|".join(DEVICE_WORDS))
    add.add_argument("--ask-file-password", action="store_true",
                     help="the certificate file is protected by a password: ask for it")
    remove = actions.add_parser("remove", parents=[common], help="remove a factor")
    remove.add_argument("id", type=int)
    remove.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    rename = actions.add_parser("rename", parents=[common], help="rename a factor")
    rename.add_argument("id", type=int)
    rename.add_argument("label")
    test = actions.add_parser("test", parents=[common],
                              help="check a factor: type the password or code")
    test.add_argument("id", type=int)
    paying = actions.add_parser("paying-device", parents=[common],
                                help="where you make payments (codes arriving there do not "
                                     "count, Art. 23)")
    paying.add_argument("device", help="this_computer|phone")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    command = args.factors_command
    reading = command == "list"
    profile = open_existing(data_dir) if reading or command != "add" else open_profile(data_dir)
    try:
        registry = FactorRegistry(profile.db, profile.oplog, SecretStore())
        if command == "list":
            return _list(registry, args.json)
        if command == "add":
            return _add(registry, args)
        if command == "remove":
            return _remove(registry, args)
        if command == "rename":
            found = registry.rename(args.id, args.label)
            print(f"Factor {found.id} is now called {found.label!r}.")
            return 0
        if command == "paying-device":
            registry.set_paying_device(_device(args.device, ("this_computer", "phone")))
            return _list(registry, False)
        return _test(registry, args.id)
    except _Usage as exc:
        print(f"posdesk factors {command}: {exc}", file=sys.stderr)
        return USAGE_ERROR
    finally:
        profile.close()


class _Usage(Exception):
    """A command-line value this cannot take; the message names it."""


def _list(registry: FactorRegistry, as_json: bool) -> int:
    found = registry.active()
    summary = registry.summary()
    if as_json:
        print(json.dumps({
            "tier": summary.tier, "categories": list(summary.categories),
            "counted": list(summary.counted), "notes": list(summary.notes),
            "warnings": list(summary.warnings), "paying_device": registry.paying_device,
            "factors": [{"id": f.id, "type": f.type, "category": f.category,
                         "label": f.label, "held_by": f.held_by, "device": f.device,
                         "facts": f.facts, "tested_at_utc_ms": f.tested_at_utc_ms,
                         "test_result": f.test_result} for f in found]},
            ensure_ascii=False))
        return 0
    if not found:
        print("No verification factors yet. Start with a password (it also locks PosDesk): "
              "posdesk factors add password")
    for f in found:
        tested = (f"; tested {format_local(f.tested_at_utc_ms, seconds=False)}: {f.test_result}"
                  if f.tested_at_utc_ms else "")
        detail = f"; valid until {f.facts['not_after'][:10]}" if "not_after" in f.facts else ""
        print(f"{f.id:>3}  {f.label:<24} {f.type:<20} {f.category or '—':<10} "
              f"held by {f.held_by.lower()}, on {f.device.lower().replace('_', ' ')}"
              f"{detail}{tested}")
    print(f"Together: tier {summary.tier}"
          + (f" ({', '.join(c.lower() for c in summary.categories)})"
             if summary.categories else ""))
    for line in (*summary.notes, *summary.warnings):
        print(f"  · {line}")
    return 0


def _add(registry: FactorRegistry, args: argparse.Namespace) -> int:
    kind = ADDABLE.get(args.type.lower())
    if kind is None:
        raise _Usage(f"unknown factor type {args.type!r}; one of {', '.join(ADDABLE)}")
    if kind == "STATIC_PASSWORD":
        found = _add_password(registry)
    elif kind == "OTP_APP":
        found = _add_totp(registry, args)
    elif FACTOR_TYPES[kind].is_certificate:
        if not args.file:
            raise _Usage("give the certificate file: posdesk factors add certificate FILE")
        secret = _secret("File password: ") if args.ask_file_password else None
        found = registry.add_certificate(Path(args.file), secret, args.label, factor_type=kind)
        print(f"Certificate {found.facts['subject']} (serial {found.facts['serial']}, valid "
              f"until {found.facts['not_after'][:10]}) enrolled; its key is in the keyring.")
    elif kind == "FINGERPRINT" and args.device in (None, "this_computer"):
        found = _add_platform_fingerprint(registry, args)
    else:
        if FACTOR_TYPES[kind].is_biometric:
            print(fx.institution_biometric_note("PosDesk checks only fingerprints with the "
                                                "system's reader."), file=sys.stderr)
        device = _device(args.device or "institution", tuple(DEVICE_WORDS))
        found = registry.add_institution_factor(kind, args.label or kind.lower(), device)
    print(f"Added factor {found.id}: {found.label} ({found.category or 'no category'}).")
    return _list(registry, False)


def _add_platform_fingerprint(registry: FactorRegistry,
                              args: argparse.Namespace) -> fx.EnrolledFactor:
    """The system's reader when it has a finger enrolled; otherwise, unless the reader was
    asked for by name (--device this_computer), the institution's fingerprint, saying why."""
    status = fx.platform_status()
    if not status.usable:
        if args.device == "this_computer":
            raise fx.FactorError(status.problem)
        print(fx.institution_biometric_note(status.problem), file=sys.stderr)
        return registry.add_institution_factor("FINGERPRINT", args.label or "fingerprint",
                                               fx.INSTITUTION)
    print(f"Touch {status.reader} with an enrolled finger ({', '.join(status.fingers)}) "
          "within 30 s…", flush=True)
    return registry.add_platform_fingerprint(args.label or "Fingerprint",
                                             on_status=_say_touch_hint)


def _say_touch_hint(status: str) -> None:
    hint = fingerprint_factor.touch_hint(status)
    if hint:
        print(hint, flush=True)


def _add_password(registry: FactorRegistry) -> fx.EnrolledFactor:
    current = None
    if any(f.type == "STATIC_PASSWORD" for f in registry.active()):
        current = _secret("Current password: ")
    new = _secret("New password: ")
    if _secret("Repeat the new password: ") != new:
        raise fx.FactorError("The two new passwords differ; nothing was changed.")
    return registry.set_password(new, current)


def _add_totp(registry: FactorRegistry, args: argparse.Namespace) -> fx.EnrolledFactor:
    device = _device(args.device or "phone", ("phone", "this_computer", "hardware_token"))
    label = args.label or "Authenticator"
    enrolment = registry.start_totp(label)
    print("Scan this with your authenticator app:\n")
    print(_qr_text(enrolment.qr_matrix()))
    print(f"Or enter this key by hand: {enrolment.grouped_secret}")
    print("(time-based, 6 digits, every 30 seconds)")
    sys.stdout.flush()
    code = _secret("Code shown by the app now: ", echo=True)
    return registry.finish_totp(enrolment, code, device, label)


def _qr_text(matrix: list[list[bool]]) -> str:
    """Two rows of modules per line with half blocks, dark on a light terminal's terms
    inverted so it scans on dark terminals too (light quiet zone, dark modules as spaces)."""
    lines = []
    for top, bottom in zip(matrix[::2], [*matrix[1::2], [False] * len(matrix[0])],
                           strict=True):
        lines.append("".join(" " if a and b else "▄" if a else "▀" if b else "█"
                             for a, b in zip(top, bottom, strict=True)))
    return "\n".join(lines)


def _remove(registry: FactorRegistry, args: argparse.Namespace) -> int:
    found = registry.get(args.id)
    if not args.yes:
        answer = read_secret(f"Remove {found.label} ({found.type})? Type yes to confirm: ",
                             echo=True)
        if answer.strip().lower() != "yes":
            print("Nothing was removed.")
            return 0
    current = _secret("Current password: ") if found.type == "STATIC_PASSWORD" else None
    registry.remove(found.id, current_password=current)
    print(f"Removed {found.label}; its secret is gone from the keyring.")
    return 0


def _test(registry: FactorRegistry, factor_id: int) -> int:
    found = registry.get(factor_id)
    answer = ""
    if found.type == "STATIC_PASSWORD":
        answer = _secret("Password: ")
    elif found.type == "OTP_APP":
        answer = _secret("Code: ", echo=True)
    elif found.type == "FINGERPRINT":
        print(f"Touch {found.facts.get('reader', 'the fingerprint reader')} within 30 s…",
              flush=True)
    ok = registry.test(found.id, answer, on_status=_say_touch_hint)
    print(f"{found.label}: {'passed' if ok else 'FAILED'} "
          f"({dt.datetime.now().astimezone():%H:%M:%S}; logged)")
    return 0 if ok else 1


def _device(text: str, allowed: tuple[str, ...]) -> str:
    word = text.strip().lower()
    if word not in allowed:
        raise _Usage(f"--device must be one of {', '.join(allowed)}, not {text!r}")
    return DEVICE_WORDS[word]


def _secret(prompt: str, *, echo: bool = False) -> str:
    return read_secret(prompt, echo=echo)
