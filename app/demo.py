"""The demo profile: three simulated terminals and a year of believable trade.

The rows come from the simulated terminals' journals (devices/sim_journal.py) and take the
same road as a terminal sync: journal entry → Transaction → TransactionWriter. Generated
deterministically from a seed and an end date, and never later than now. Creating a demo
that was cut off half way simply continues: known rows are duplicates.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app import oplog as ops
from app.journal import entry_to_transaction
from app.profile import KIND_DEMO, Profile, open_profile
from app.progress import Progress
from app.shanghai_time import now_ms, today_cn
from app.storage import get_setting, set_setting
from app.terminals import add_simulated_terminal
from app.transactions import Transaction, TransactionWriter
from devices import sim_journal
from devices.sim_journal import DEFAULT_SEED, DEMO_PROFILES

DEFAULT_DAYS = 366
DEMO_TERMINALS = DEMO_PROFILES
__all__ = ["DEFAULT_DAYS", "DEFAULT_SEED", "DEMO_TERMINALS", "DemoSummary",
           "create_demo_profile", "fill_demo", "generate"]


@dataclass(frozen=True)
class DemoSummary:
    data_dir: Path
    terminals: int
    transactions: int


def generate(seed: int, end: dt.date, days: int) -> list[Transaction]:
    """The demo's transactions for `days` Shanghai days ending on `end` (not time-sorted)."""
    return [entry_to_transaction(e) for e in sim_journal.generate(seed, end, days)]


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
    for terminal in DEMO_TERMINALS:
        add_simulated_terminal(db, profile.oplog, terminal)
    end = end or today_cn()
    writer = TransactionWriter(db, profile.oplog)
    new = 0
    # Nothing after this instant: a demo ending today stops at the current minute.
    for done, batch in enumerate(_weekly_batches(seed, end, days, now_ms()), start=1):
        new += writer.write(batch, source_kind="DEMO", source_ref=f"demo seed {seed}",
                            log_batch=False).new          # DEMO_CREATED records the summary
        if progress:
            progress.update(done, math.ceil(days / 7), "Generating demo transactions")
    if get_setting(db, "demo_complete") != "1":
        set_setting(db, "demo_complete", "1")
        profile.oplog.append(ops.DEMO_CREATED, target_type="profile",
                             target_id=str(profile.data_dir),
                             details={"seed": seed, "end": end.isoformat(), "days": days,
                                      "transactions": new})
    total = int(db.execute("SELECT count(*) FROM txn").fetchone()[0])
    return DemoSummary(profile.data_dir, len(DEMO_TERMINALS), total)


def _weekly_batches(seed: int, end: dt.date, days: int,
                    until_ms: int) -> Iterator[list[Transaction]]:
    """The generated rows up to `until_ms` in time order, one batch per 7 days."""
    rows = sorted((t for t in generate(seed, end, days) if t.ts_utc_ms <= until_ms),
                  key=lambda t: t.ts_utc_ms)
    week_ms = 7 * 86_400_000
    batch: list[Transaction] = []
    current = None
    for row in rows:
        week = row.ts_utc_ms // week_ms
        if current is not None and week != current and batch:
            yield batch
            batch = []
        current = week
        batch.append(row)
    if batch:
        yield batch
