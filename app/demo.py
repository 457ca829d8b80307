"""The demo profile: three simulated terminals and a year of believable trade, brought in
the way a merchant's own data arrives — the terminals are paired over the real protocol and
their journals pulled by the real sync (simulated terminals on the simulated pyusb backend).

The simulated terminals live in the demo folder (`simulator/`), so the demo's Terminals page
shows live terminals afterwards. Keys go to the OS keyring; on a computer without a usable
keyring they live in memory during creation only and the terminals are listed as not
paired. Deterministic from a seed and an end date, never later than now. A creation that
was cut off continues where it stopped: the sync cursors hold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app import oplog as ops
from app.account_ledger import payment_count, record_payments
from app.demo_ledger import demo_account_payments, demo_account_profile
from app.demo_scenarios import add_demo_policies
from app.journal import entry_to_transaction
from app.limit_profile import load_profile, save_profile
from app.profile import KIND_DEMO, Profile, open_profile
from app.progress import Progress
from app.secrets import SecretStore, SessionOnlySecrets
from app.shanghai_time import now_ms, today_cn
from app.storage import get_setting, set_setting
from app.terminal_pairing import PairingQuestions, pair_terminal
from app.terminal_sync import sync_terminal
from app.transactions import Transaction
from devices import sim_journal
from devices.sim_journal import DEFAULT_SEED, DEMO_PROFILES
from devices.sim_world import SCHEME, SimulatedWorld
from devices.terminal_client import TerminalClient

DEFAULT_DAYS = 366
DEMO_TERMINALS = DEMO_PROFILES
SIMULATOR_DIR = "simulator"
__all__ = ["DEFAULT_DAYS", "DEFAULT_SEED", "DEMO_TERMINALS", "DemoSummary",
           "create_demo_profile", "demo_world", "fill_demo", "generate"]
# The demo is both ends of the pairing: it compares the codes itself.
_DEMO_ANSWERS = PairingQuestions(codes_match=lambda code: True,
                                 pair_unknown_model=lambda identity: True)


@dataclass(frozen=True)
class DemoSummary:
    data_dir: Path
    terminals: int
    transactions: int


def generate(seed: int, end: dt.date, days: int) -> list[Transaction]:
    """The demo's transactions for `days` Shanghai days ending on `end` (not time-sorted)."""
    return [entry_to_transaction(e) for e in sim_journal.generate(seed, end, days)]


def demo_world(data_dir: Path) -> SimulatedWorld | None:
    """The simulated terminals of a demo profile, if this folder holds one."""
    directory = data_dir / SIMULATOR_DIR
    return SimulatedWorld(directory) if directory.is_dir() else None


def create_demo_profile(data_dir: Path, *, seed: int = DEFAULT_SEED,
                        end: dt.date | None = None, days: int = DEFAULT_DAYS,
                        progress: Progress | None = None) -> DemoSummary:
    """Create (or finish creating) the demo profile in `data_dir` and close it."""
    profile = open_profile(data_dir)
    try:
        return fill_demo(profile, seed=seed, end=end, days=days, progress=progress)
    finally:
        profile.close()


def fill_demo(profile: Profile, *, seed: int = DEFAULT_SEED, end: dt.date | None = None,
              days: int = DEFAULT_DAYS, progress: Progress | None = None) -> DemoSummary:
    db = profile.db
    set_setting(db, "profile_kind", KIND_DEMO)
    world = SimulatedWorld(profile.data_dir / SIMULATOR_DIR, seed=seed, days=days, end=end)
    world.save()
    keyring = SecretStore()
    secrets = keyring if keyring.status().usable else SessionOnlySecrets()
    before = int(db.execute("SELECT count(*) FROM txn").fetchone()[0])
    for done, info in enumerate(world.discover(), start=1):
        _pair_and_sync(profile, world, info.address, secrets)
        if progress:
            progress.update(done, len(DEMO_PROFILES), "Syncing the demo terminals")
    db.execute("UPDATE terminals SET is_simulated = 1")
    for terminal in DEMO_PROFILES:      # named by role, as a shop would name them
        db.execute("UPDATE terminals SET label = ? WHERE terminal_id = ? AND label = model",
                   [terminal.label, terminal.terminal_id])
    if isinstance(secrets, SessionOnlySecrets):     # the keys die with this process
        db.execute("UPDATE terminals SET key_ref = NULL")
    total = int(db.execute("SELECT count(*) FROM txn").fetchone()[0])
    _fill_ledger(profile, world)
    add_demo_policies(db, profile.oplog, world.since)
    if get_setting(db, "demo_complete") != "1":
        set_setting(db, "demo_complete", "1")
        profile.oplog.append(ops.DEMO_CREATED, target_type="profile",
                             target_id=str(profile.data_dir),
                             details={"seed": world.seed, "since": world.since.isoformat(),
                                      "transactions": total - before,
                                      "keys": "keyring" if secrets is keyring else "session"})
    return DemoSummary(profile.data_dir, len(DEMO_PROFILES), total)


def _fill_ledger(profile: Profile, world: SimulatedWorld) -> None:
    """The demo shop's payment account, once: a year of payments and its account profile."""
    if payment_count(profile.db) == 0:
        end = world.fixed_end or today_cn()
        days = (end - world.since).days + 1
        record_payments(profile.db, profile.oplog,
                        demo_account_payments(world.seed, end, days, now_ms()), source="demo")
    if load_profile(profile.db) is None:
        save_profile(profile.db, profile.oplog,
                     demo_account_profile(world.fixed_end or today_cn()))


def _pair_and_sync(profile: Profile, world: SimulatedWorld, address: str,
                   secrets: SecretStore) -> None:
    client = TerminalClient(world.connect(address))
    client.link.transport.open()
    try:
        identity = pair_terminal(profile, client, transport=SCHEME, address=address,
                                 questions=_DEMO_ANSWERS, secrets=secrets)
        sync_terminal(profile, identity.terminal_id, client, secrets)
    finally:
        client.link.transport.close()
