"""`posdesk policy …`: trust a policy signer, import a signed model policy, show it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.errors import PolicyFileError
from app.operator_check import Proof
from app.oplog import TERMINAL_UNBLOCK
from app.policy_file import import_policy
from app.profile import Profile, open_for_reading, open_profile
from app.signed_files import MODEL_POLICY, PURPOSES, trust_key
from app.storage import get_setting
from cli.operator_prompt import operator_proof


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    policy = sub.add_parser("policy", help="the terminal model policy (spec 12.1)")
    actions = policy.add_subparsers(dest="policy_command", metavar="ACTION", required=True)
    trust = actions.add_parser("trust", parents=[common],
                               help="trust an issuer's key for policies or terminal parameters")
    trust.add_argument("key_file", help="Ed25519 public key, PEM")
    trust.add_argument("--name", required=True, help="who signs with it, e.g. the acquirer")
    trust.add_argument("--purpose", choices=PURPOSES, default=MODEL_POLICY,
                       help="what this key may sign (default: %(default)s)")
    imported = actions.add_parser("import", parents=[common], help="import a signed policy")
    imported.add_argument("file")
    show = actions.add_parser("show", parents=[common], help="the rules in force")
    show.add_argument("--json", action="store_true")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    if args.policy_command == "show":
        return _show(args, data_dir)
    profile = open_profile(data_dir)
    try:
        if args.policy_command == "trust":
            try:
                pem = Path(args.key_file).read_bytes()
            except OSError as exc:
                raise PolicyFileError(f"Cannot read {args.key_file}: {exc.strerror}") from None
            kid = trust_key(profile, pem, args.name, args.purpose)
            print(f"Trusted key {kid} ({args.name}) for {args.purpose}.")
            return 0
        result = import_policy(profile, Path(args.file),
                               confirm_unblock=lambda ids: _confirm_unblock(profile, ids))
    finally:
        profile.close()
    print(f"Model policy version {result.version} installed: {result.rules} rules.")
    for terminal_id in result.newly_blocked:
        print(f"Terminal {terminal_id} is now BLOCKED: it cannot sync or start new activity; "
              "its history stays viewable.")
    for terminal_id in result.unblocked:
        print(f"Terminal {terminal_id} is no longer blocked.")
    return 0


def _confirm_unblock(profile: Profile, terminal_ids: list[str]) -> Proof:
    print(f"This policy releases the blocked terminal(s) {', '.join(terminal_ids)}.",
          file=sys.stderr)
    return operator_proof(profile, TERMINAL_UNBLOCK)


def _show(args: argparse.Namespace, data_dir: Path) -> int:
    db = open_for_reading(data_dir)
    try:
        version = get_setting(db, "model_policy_version", "none")
        rules = list(db.query("SELECT manufacturer, model, fw_min, fw_max, status, reason, "
                              "source_notice, effective_from FROM model_policy ORDER BY id"))
    finally:
        db.close()
    if args.json:
        print(json.dumps({"version": version, "rules": rules}, ensure_ascii=False, indent=2))
        return 0
    print(f"Model policy version: {version}")
    for rule in rules:
        firmware = f" fw {rule['fw_min'] or '…'}–{rule['fw_max'] or '…'}" \
            if rule["fw_min"] or rule["fw_max"] else ""
        print(f"{rule['status']:<8} {rule['manufacturer']} {rule['model']}{firmware}: "
              f"{rule['reason']} ({rule['source_notice']}, from {rule['effective_from']})")
    return 0
