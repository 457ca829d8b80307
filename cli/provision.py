"""`posdesk provision`: field provisioning codes (docs/provisioning.md) from the command line.

    posdesk provision --terminal-id T1 [--merchant-id …] [--param KEY=VALUE …]
                      [--out FILE.png|.svg|.txt|.pdf]
    posdesk provision --batch terminals.csv --out sheet.pdf
    posdesk provision --export-key merchant.pem

Fields not given are taken from the last code made in this profile, so a technician
types the merchant once. Without --out the code is printed as text and as a QR for the
terminal window. The simulator's side (`posdesk simulate --scan`) is `simulate_scan`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import PosDeskError
from app.profile import Profile, open_profile
from app.provisioning import (
    DEFAULT_EXPIRY_MIN,
    FIELDS,
    IssuedCode,
    ProvisioningRequest,
    issue,
    issue_many,
    last_request,
    parse_param,
    public_key_pem,
)
from app.provisioning_batch import read_batch
from app.provisioning_qr import IMAGE_SUFFIXES, terminal_art, text_from, write_image
from app.secrets import SecretStore
from app.shanghai_time import format_local
from devices.provisioning_code import CodeRefused, decode

if TYPE_CHECKING:
    from devices.sim_world import SimulatedWorld

USAGE_ERROR = 2
_OPTIONS = {"merchant_id": "merchant-id", "merchant_name": "merchant-name", "mcc": "mcc",
            "acquirer": "acquirer", "licence": "licence", "host": "host",
            "technician": "technician"}
_HELP = {"merchant_id": "merchant id (商户号)", "merchant_name": "merchant name, e.g. 示例便利店",
         "mcc": "merchant category code, 4 digits", "acquirer": "acquirer name",
         "licence": "the acquirer's payment business licence number",
         "host": "host endpoint, HOST:PORT or tls://HOST:PORT",
         "technician": "your technician id (recorded with the handover)"}


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "provision", parents=[common],
        help="signed QR codes that set a terminal up on site (field provisioning)",
        description="Make a signed, single-use provisioning code for a terminal. Fields not "
                    "given are those of the last code made here.")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--terminal-id", metavar="ID", help="the terminal to set up")
    what.add_argument("--batch", metavar="CSV",
                      help="one code per row of this CSV (a terminal_id column; other "
                           "columns override the options below); all rows or none")
    for name, option in _OPTIONS.items():
        parser.add_argument(f"--{option}", dest=name, metavar="TEXT", help=_HELP[name])
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                        help="a parameter to apply (repeatable); numbers and true/false "
                             "are typed")
    parser.add_argument("--expires-in", type=int, default=DEFAULT_EXPIRY_MIN, metavar="MINUTES",
                        help="how long the code works (default: %(default)s)")
    parser.add_argument("--out", metavar="FILE",
                        help="save as .png, .svg or .txt, or a printable .pdf sheet")
    parser.add_argument("--export-key", metavar="PEM",
                        help="write the merchant's public key for the acquirer or terminal")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    if not (args.terminal_id or args.batch or args.export_key):
        print("posdesk provision: give --terminal-id, --batch or --export-key.",
              file=sys.stderr)
        return USAGE_ERROR
    problem = _out_problem(args)
    if problem:
        print(f"posdesk provision: {problem}", file=sys.stderr)
        return USAGE_ERROR
    profile = open_profile(data_dir)
    try:
        if args.export_key:
            _export_key(profile, Path(args.export_key))
        if args.batch:
            codes = issue_many(profile, SecretStore(),
                               read_batch(Path(args.batch), _defaults(profile, args)))
        elif args.terminal_id:
            codes = [issue(profile, SecretStore(), _request(profile, args))]
        else:
            return 0
    finally:
        profile.close()
    _deliver(codes, Path(args.out) if args.out else None)
    return 0


def _out_problem(args: argparse.Namespace) -> str:
    """Refuse a wrong --out before any code is made (and logged)."""
    if not args.out:
        return ""
    suffix = Path(args.out).suffix.lower()
    if args.batch and suffix != ".pdf":
        return "a batch is saved as a printable sheet: --out SHEET.pdf"
    if suffix not in (*IMAGE_SUFFIXES, ".pdf"):
        return f"--out must end in {', '.join(IMAGE_SUFFIXES)} or .pdf"
    return ""


def _export_key(profile: Profile, path: Path) -> None:
    pem = public_key_pem(profile, SecretStore())
    try:
        path.write_bytes(pem)
    except OSError as exc:
        raise PosDeskError(f"Cannot write {path}: {exc.strerror}") from None
    print(f"Wrote the merchant's provisioning public key to {path}. Give it to the acquirer "
          "(or install it on the terminal) so terminals trust codes made here.")


def _defaults(profile: Profile, args: argparse.Namespace) -> dict[str, Any]:
    """The last code's fields, overridden by what the command line gives."""
    values: dict[str, Any] = {k: v for k, v in last_request(profile.db).items()
                              if k in FIELDS and k != "terminal_id"}
    values.update({name: getattr(args, name) for name in _OPTIONS
                   if getattr(args, name) is not None})
    values["params"] = dict(parse_param(p) for p in args.param)
    values["expires_in_min"] = args.expires_in
    return values


def _request(profile: Profile, args: argparse.Namespace) -> ProvisioningRequest:
    values = _defaults(profile, args)
    return ProvisioningRequest(
        terminal_id=args.terminal_id, **{name: str(values.get(name) or "") for name in _OPTIONS},
        params=values["params"], expires_in_min=values["expires_in_min"])


def _deliver(codes: list[IssuedCode], out: Path | None) -> None:
    for code in codes:
        p = code.payload
        print(f"Code for terminal {p.terminal_id}: merchant {p.merchant_name} "
              f"({p.merchant_id}), technician {p.technician}, single use, valid until "
              f"{format_local(code.expires_at_ms)} (Beijing time).")
    if out is not None and out.suffix.lower() == ".pdf":
        from ui.provisioning_sheet import ensure_gui_application, write_sheet

        ensure_gui_application()
        pages = write_sheet(out, codes)
        print(f"Wrote {out}: {len(codes)} code(s) on {pages} page(s).")
    elif out is not None:
        write_image(out, codes[0].text)
        print(f"Wrote {out}.")
    elif len(codes) == 1:
        print(codes[0].text)
        print(terminal_art(codes[0].text), end="")
    else:
        for code in codes:
            print(f"{code.payload.terminal_id}\t{code.text}")


# -- the simulator's camera (`posdesk simulate --scan`) ---------------------------------------
def simulate_scan(world: SimulatedWorld, args: argparse.Namespace) -> int:
    """Install a merchant key on simulated terminals and/or let one scan a code; the code
    is the text, a .txt file or a PNG saved by PosDesk. The terminal named in the code
    scans it unless --terminal names another."""
    if args.merchant_key:
        try:
            pem = Path(args.merchant_key).read_bytes()
        except OSError as exc:
            raise PosDeskError(f"Cannot read {args.merchant_key}: {exc.strerror}") from None
        targets = [args.terminal] if args.terminal else [t.profile.serial for t in world.terminals]
        try:
            for target in targets:
                world.install_merchant_key(target, pem)
        except KeyError:
            print(f"posdesk simulate: there is no simulated terminal {args.terminal}.",
                  file=sys.stderr)
            return 1
        print(f"Installed the merchant key from {args.merchant_key} on {', '.join(targets)}.")
    if not args.scan:
        return 0
    text = text_from(args.scan)
    try:
        target = args.terminal or decode(text)[0].terminal_id
        world.terminal(target)
    except CodeRefused as refused:
        print(f"posdesk simulate: the terminal refused the code: {refused}.", file=sys.stderr)
        return 1
    except KeyError:
        print(f"posdesk simulate: there is no simulated terminal {target}.", file=sys.stderr)
        return 1
    try:
        payload = world.scan(target, text)
    except CodeRefused as refused:
        print(f"posdesk simulate: {target} refused the code: {refused}.", file=sys.stderr)
        return 1
    params = ", ".join(f"{k}={v}" for k, v in sorted(payload.params.items())) or "none"
    print(f"{payload.terminal_id} applied the code: merchant {payload.merchant_name} "
          f"({payload.merchant_id}), host {payload.host}, parameters {params}. It reports the "
          "handover to PosDesk on its next connection.")
    return 0
