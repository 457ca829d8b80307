"""The demo profile: deterministic, believable, written through the real write path."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from app import oplog
from app.demo import DEMO_TERMINALS, create_demo_profile, generate
from app.profile import open_for_reading
from app.shanghai_time import to_datetime
from app.storage import get_setting

END = dt.date(2026, 6, 30)


def test_same_seed_same_data_other_seed_other_data() -> None:
    from devices.sim_journal import generate as cached

    fresh = cached.__wrapped__           # the generator itself, without the cache
    assert fresh(7, END, 20) == fresh(7, END, 20)
    assert fresh(7, END, 20) != fresh(8, END, 20)
    assert generate(7, END, 20) == generate(7, END, 20)


def test_a_year_has_the_rhythm_of_a_shop() -> None:
    rows = generate(20261122, END, 366)
    assert 30_000 < len(rows) < 60_000
    local = [to_datetime(r.ts_utc_ms) for r in rows]
    by_weekday = Counter(t.weekday() for t in local)
    assert by_weekday[5] > 1.25 * by_weekday[0]          # Saturdays busier than Mondays
    night = sum(1 for t in local if 1 <= t.hour < 6)
    assert night < 0.02 * len(rows)                      # quiet small hours
    lunch = sum(1 for t in local if 12 <= t.hour < 14)
    assert lunch > 0.15 * len(rows)                      # a lunch peak
    assert local[0].date() >= END - dt.timedelta(days=365) and max(local).date() <= END


def test_mix_of_channels_types_and_statuses() -> None:
    rows = generate(1, END, 120)
    channels = Counter(r.channel for r in rows)
    types = Counter(r.txn_type for r in rows)
    statuses = Counter(r.status for r in rows)
    assert set(channels) == {"QR", "CARD", "NFC"} and channels["QR"] > channels["CARD"]
    assert types["REFUND"] > 0 and types["VOID"] > 0
    assert statuses["FAILED"] > 0
    assert all(r.amount_fen < 0 for r in rows if r.txn_type in ("REFUND", "VOID"))
    assert {r.terminal_id for r in rows} == {t.terminal_id for t in DEMO_TERMINALS}
    assert all(r.pan_first6 and len(r.pan_last4 or "") == 4
               for r in rows if r.channel != "QR")


def test_demo_profile_is_complete_linked_and_rerun_adds_nothing(tmp_path: Path) -> None:
    first = create_demo_profile(tmp_path / "demo", end=END, days=30)
    again = create_demo_profile(tmp_path / "demo", end=END, days=30)
    assert first.terminals == 3 and first.transactions == again.transactions > 1000
    db = open_for_reading(tmp_path / "demo")
    try:
        assert get_setting(db, "profile_kind") == "demo"
        assert get_setting(db, "demo_complete") == "1"
        unlinked = db.execute("SELECT count(*) FROM txn WHERE txn_type IN ('REFUND','VOID') "
                              "AND parent_txn_id IS NULL").fetchone()[0]
        assert unlinked == 0
        assert db.execute("SELECT count(*) FROM terminals WHERE is_simulated = 1"
                          ).fetchone()[0] == 3
        created = [e for e in oplog.entries(db, limit=1000) if e.op_type == oplog.DEMO_CREATED]
        assert len(created) == 1
        assert oplog.verify_chain(db).ok
    finally:
        db.close()


def test_a_demo_ending_today_has_nothing_in_the_future(tmp_path: Path) -> None:
    from app.shanghai_time import now_ms

    before = now_ms()
    create_demo_profile(tmp_path / "demo", days=3)
    db = open_for_reading(tmp_path / "demo")
    try:
        newest = db.execute("SELECT max(ts_utc_ms) FROM txn").fetchone()[0]
    finally:
        db.close()
    assert newest is not None and newest <= now_ms()
    assert newest > before - 3 * 86_400_000


def test_demo_terminals_are_live_when_a_keyring_is_usable(tmp_path: Path,
                                                          memory_keyring) -> None:
    from app import terminal_actions as actions
    from app.profile import open_profile
    from app.secrets import SecretStore

    create_demo_profile(tmp_path / "demo", end=END, days=10)
    assert len(memory_keyring.entries) == 3          # one key per simulated terminal
    profile = open_profile(tmp_path / "demo")
    try:
        registry = actions.registry_for(profile.data_dir)
        views = actions.list_terminals(profile.db)
        assert [v.paired for v in views] == [True, True, True]
        again = actions.sync_one(profile, registry, "SIM00001", SecretStore())
        assert again.new == 0                        # the year came in through this sync path
        assert actions.check_in(profile, registry, "SIM00002", SecretStore()) is None
        assert actions.list_terminals(profile.db)[1].status == "ONLINE"
    finally:
        profile.close()


def test_without_a_keyring_the_demo_keeps_no_keys(tmp_path: Path) -> None:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        summary = create_demo_profile(tmp_path / "demo", end=END, days=5)
    finally:
        keyring.set_keyring(previous)
    assert summary.transactions > 100
    db = open_for_reading(tmp_path / "demo")
    try:
        assert db.execute("SELECT count(*) FROM terminals WHERE key_ref IS NOT NULL"
                          ).fetchone()[0] == 0
        created = next(e for e in oplog.entries(db, limit=100) if e.op_type == "DEMO_CREATED")
        assert created.details["keys"] == "session"
    finally:
        db.close()


def test_demo_terminals_are_named_by_role(tmp_path: Path) -> None:
    create_demo_profile(tmp_path / "demo", end=END, days=3)
    db = open_for_reading(tmp_path / "demo")
    try:
        labels = [r[0] for r in db.execute("SELECT label FROM terminals ORDER BY terminal_id")]
    finally:
        db.close()
    assert labels == ["Front counter", "Checkout 2", "Delivery"]


def test_the_demo_shop_has_a_payment_account_with_limit_usage(demo_dir: Path) -> None:
    """The Limits page has something true to show: a stored profile (A-rated, so x2), a
    ledger over the demo's days, and a last day whose T2 use passes the 80 % warning."""
    import datetime as dt_

    from app.limit_status import report
    from app.shanghai_time import SHANGHAI
    from tests.conftest import DEMO_END

    db = open_for_reading(demo_dir)
    try:
        first, last, kinds = db.execute(
            "SELECT min(cn_date), max(cn_date), count(DISTINCT kind) FROM account_payment"
        ).fetchone()
        shown = report(db, dt_.datetime.combine(DEMO_END, dt_.time(23), SHANGHAI))
    finally:
        db.close()
    assert (first, last) == ((DEMO_END - dt_.timedelta(days=59)).isoformat(),
                             DEMO_END.isoformat())
    assert kinds >= 4
    assert shown.profile_stored and shown.profile.rating == "A"
    gauges = {g.name: g for g in shown.gauges}
    assert gauges["DAILY_T2"].multiplier == 2 and gauges["DAILY_T2"].level == "warn"
    assert gauges["CLASS_II_ANNUAL"].level in ("ok", "warn")
