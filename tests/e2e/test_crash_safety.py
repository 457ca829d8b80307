"""Kill -9 in the middle of a sync, an import, a backup and a purge (issue 6, crash safety).

A merchant's laptop loses power, or the app is killed, while it writes. Each test starts
the real `posdesk` command, waits until it is demonstrably inside the operation (committed
sync pages seen through a read-only connection, the WAL or the backup's temporary files
growing), SIGKILLs it, then opens the profile as the next run does and checks that it is
whole (`profile_soundness.sound_state`: integrity check, both hash chains, totals, search
index and zone map agreeing with the rows), that nothing was half-applied (all or nothing
for an import and a purge; whole pages with their cursor for a sync; no backup under the
requested name), and that running the operation again ends exactly where a clean run ends,
without duplicates.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app import bench_data
from app.backup import read_manifest, unpack_checked
from app.oplog import Actor
from app.paths import database_path
from app.profile import open_for_reading, open_profile
from app.shanghai_time import now_ms
from app.transactions import Transaction, TransactionWriter
from devices.sim_world import SimulatedWorld
from tests.bulk_statements import write_bank_statement
from tests.e2e.profile_soundness import ProfileState, sound_state
from tests.e2e.test_terminals_cli import SMART, pair, terminal_screen

EXE = Path(sys.executable).parent / "posdesk"
MB = 1 << 20
DAY_MS = 86_400_000
OLD_ROWS = 150_000         # eight years old: a purge removes them (seconds of work)
RECENT_ROWS = 1_000        # last month: inside the query window, never purged
IMPORT_ROWS = 150_000      # one statement: about eight seconds of import on two cores
SYNC_DAYS = 240            # SIM00002's journal: about 9,500 entries, 190+ pages


# -- running and killing the real command ----------------------------------------------

@dataclasses.dataclass
class Running:
    """A `posdesk` process started in the background; its stdout and stderr go to a file
    (a pipe nobody reads could block it and stop it short of the point we wait for)."""

    proc: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_posdesk(*args: str, cwd: Path) -> Running:
    """Start `posdesk ARGS` as a user does, unbuffered so its progress lines show at once."""
    log = cwd / f"posdesk-{args[0]}-{time.monotonic_ns()}.out"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as sink:
        proc = subprocess.Popen([str(EXE), *args], stdout=sink, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env, cwd=cwd)
    return Running(proc, log)


def kill_when(run: Running, ready: Callable[[], bool], what: str,
              timeout_s: float = 120.0) -> None:
    """SIGKILL the process as soon as `ready()` says it is mid-way (`what` names that
    point for the failure message). Fails if it ended first, and checks that the kill
    really landed (exit by SIGKILL) and that helper processes it started end by
    themselves instead of running on as orphans."""
    deadline = time.monotonic() + timeout_s
    while not ready():
        if run.proc.poll() is not None:
            pytest.fail(f"posdesk ended (exit {run.proc.returncode}) before {what}; make the "
                        f"operation bigger.\n{run.output()}")
        if time.monotonic() > deadline:
            run.proc.kill()
            run.proc.wait()
            pytest.fail(f"posdesk never reached the point where {what}.\n{run.output()}")
        time.sleep(0.003)
    helpers = _children(run.proc.pid)
    os.kill(run.proc.pid, signal.SIGKILL)
    assert run.proc.wait(timeout=30) == -signal.SIGKILL, (
        f"posdesk was not killed mid-way (it exited by itself):\n{run.output()}")
    _wait_until_gone(helpers)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    """Running, not a zombie nobody reaped (the container's init may not reap)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def _wait_until_gone(pids: list[int], timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    orphans = [p for p in pids if _alive(p)]
    for pid in orphans:            # started by the posdesk this test started
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    assert not orphans, f"helper processes {orphans} kept running after posdesk was killed"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _wal(data_dir: Path) -> Path:
    return Path(f"{database_path(data_dir)}-wal")


# -- a big shop with old data, built once ----------------------------------------------

def _recent(record: Transaction) -> Transaction:
    """The generator numbers traces from 0 each run: other ones for the recent rows."""
    parent = record.parent_trace_id
    return dataclasses.replace(record, trace_id="N" + record.trace_id,
                               parent_trace_id="N" + parent if parent else None)


@dataclasses.dataclass(frozen=True)
class Shop:
    """A profile's folder and its state as built (checked sound once, not per copy)."""

    data: Path
    before: ProfileState


@pytest.fixture(scope="session")
def big_old_shop(tmp_path_factory: pytest.TempPathFactory) -> Shop:
    """OLD_ROWS transactions eight years old, then RECENT_ROWS in the last month, through
    the app's own write path, checkpointed into one file (about 70 MB): big enough that a
    purge or a backup of it takes seconds. Built once; tests work on copies."""
    data = tmp_path_factory.mktemp("big-old-shop") / "shop"
    profile = open_profile(data, Actor("test", "merchant", "test-device"))
    try:
        writer = TransactionWriter(profile.db, profile.oplog)
        old_end = now_ms() - 8 * 365 * DAY_MS
        writer.write_stream(bench_data.generate(OLD_ROWS, days=300, terminals=3,
                                                end_ms=old_end),
                            source_kind="IMPORT", source_ref="old.csv")
        recent = bench_data.generate(RECENT_ROWS, days=30, terminals=3,
                                     end_ms=now_ms() - DAY_MS, seed=9)
        writer.write_stream(map(_recent, recent), source_kind="IMPORT", source_ref="new.csv")
        profile.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        profile.close()
    return Shop(data, sound_state(data))


@pytest.fixture
def old_shop(big_old_shop: Shop, tmp_path: Path) -> Shop:
    """A copy of the big old shop for one test to kill things in."""
    data = tmp_path / "shop"
    data.mkdir()
    shutil.copyfile(database_path(big_old_shop.data), database_path(data))
    return Shop(data, big_old_shop.before)


def _logged(data_dir: Path, op_type: str) -> int:
    db = open_for_reading(data_dir)
    try:
        return int(db.execute("SELECT count(*) FROM oplog WHERE op_type = ?",
                              [op_type]).fetchone()[0])
    finally:
        db.close()


def _row_hash(data_dir: Path, row_id: int) -> str:
    db = open_for_reading(data_dir)
    try:
        return bytes(db.execute("SELECT row_hash FROM txn WHERE id = ?",
                                [row_id]).fetchone()[0]).hex()
    finally:
        db.close()


# -- the tests -------------------------------------------------------------------------

def test_purge_killed_mid_way_removes_nothing_and_a_rerun_removes_all(
        posdesk, old_shop: Shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A purge is one transaction: killed while it deletes, every row is still there and
    the chain floor has not moved; purging again removes exactly the old rows."""
    data, before = old_shop.data, old_shop.before
    floor = (OLD_ROWS, _row_hash(data, OLD_ROWS))
    run = start_posdesk("purge", "--yes", "--data-dir", str(data), cwd=tmp_path)
    kill_when(run, lambda: "can be removed" in run.output() and _size(_wal(data)) > 2 * MB,
              "the purge was deleting rows (plan shown, WAL past 2 MB)")
    assert "Removed" not in run.output()

    after = sound_state(data)
    assert after.txn_rows == before.txn_rows == OLD_ROWS + RECENT_ROWS
    assert (after.txn_floor, after.txn_head) == (before.txn_floor, before.txn_head)
    assert after.operations["TRANSACTIONS_PURGED"] == 0

    again = posdesk("purge", "--yes", "--data-dir", str(data), check=True)
    assert f"Removed {OLD_ROWS:,} transactions" in again.stdout
    done = sound_state(data)
    assert done.txn_rows == done.distinct_traces == RECENT_ROWS      # what a clean run leaves
    assert done.txn_floor == floor and done.txn_head == before.txn_head
    assert done.operations["TRANSACTIONS_PURGED"] == 1


def test_import_killed_mid_way_commits_nothing_and_a_rerun_imports_once(
        posdesk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An import is all or nothing: killed while its rows stream into the WAL (its helper
    process too), the history has exactly the rows it had; importing the file again adds
    each row once."""
    data = tmp_path / "shop"
    earlier = write_bank_statement(tmp_path / "earlier.csv", 500, prefix="E")
    posdesk("import", str(earlier), "--data-dir", str(data), check=True)
    before = sound_state(data)
    big = write_bank_statement(tmp_path / "big.csv", IMPORT_ROWS, prefix="B")

    run = start_posdesk("import", str(big), "--data-dir", str(data), cwd=tmp_path)
    kill_when(run, lambda: _size(_wal(data)) > 4 * MB,
              "the import was writing rows (WAL past 4 MB)")
    assert "Imported" not in run.output()

    after = sound_state(data)
    assert after.txn_rows == before.txn_rows == 500           # not one row of big.csv
    assert after.txn_head == before.txn_head and after.sources == before.sources
    assert after.operations["TRANSACTIONS_IMPORTED"] == before.operations[
        "TRANSACTIONS_IMPORTED"]

    again = posdesk("import", str(big), "--data-dir", str(data), check=True)
    assert f"{IMPORT_ROWS:,} new, 0 already in the history" in again.stdout
    done = sound_state(data)
    assert done.txn_rows == done.distinct_traces == 500 + IMPORT_ROWS


@pytest.mark.parametrize("step", ["copy", "compress"])
def test_backup_killed_mid_way_leaves_no_backup_and_a_rerun_is_whole(
        step: str, posdesk, old_shop: Shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Killed while it copies the database or while it compresses the copy, a backup
    leaves the profile as it was and nothing under the name asked for (only its hidden
    temporaries); the next backup under that name is complete and checks out."""
    data, before = old_shop.data, old_shop.before
    folder = tmp_path / "backups"
    wanted = folder / "shop.posdesk-backup"

    def written(copy: bool) -> int:
        """Bytes of the largest file being written: the database copy (`.db`) or, under
        whatever name, the zip."""
        return max((_size(p) for p in folder.glob("*") if copy == p.name.endswith(".db")
                    and not p.name.endswith("-journal")), default=0)

    mid_way = {"copy": lambda: written(copy=True) > 4 * MB and not written(copy=False),
               "compress": lambda: written(copy=False) > 2 * MB}[step]
    run = start_posdesk("backup", str(wanted), "--data-dir", str(data), cwd=tmp_path)
    kill_when(run, mid_way, f"the backup was in its {step} step")

    assert not wanted.exists()
    left = sorted(p.name for p in folder.iterdir())
    assert all(n.startswith(".") for n in left), f"a visible file was left: {left}"
    if step == "copy":
        assert all(n.endswith((".db", ".db-journal")) for n in left), left
    assert sound_state(data) == before                   # a backup only reads the profile

    again = posdesk("backup", str(wanted), "--data-dir", str(data), check=True)
    assert "Backup written" in again.stdout
    manifest = read_manifest(wanted)
    assert manifest.row_counts["txn"] == before.txn_rows
    assert tuple(manifest.txn_head) == before.txn_head
    checked, _, _ = unpack_checked(wanted, tmp_path / "check")   # hash, integrity, chains
    checked.unlink()
    assert _logged(data, "BACKUP_CREATED") == before.operations["BACKUP_CREATED"] + 1


@contextlib.contextmanager
def _reader(data_dir: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{database_path(data_dir)}?mode=ro", uri=True, timeout=10)
    try:
        yield conn
    finally:
        conn.close()


def _synced_to(conn: sqlite3.Connection, terminal_id: str) -> int:
    row = conn.execute("SELECT cursor FROM sync_cursors WHERE terminal_id = ?",
                       [terminal_id]).fetchone()
    return int(row[0]) if row else 0


@pytest.mark.secret_service
@pytest.mark.skipif(not os.environ.get("POSDESK_REQUIRE_SECRET_SERVICE"),
                    reason="pairing needs the real Secret Service of scripts/run-tests.sh")
def test_sync_killed_mid_way_keeps_whole_pages_and_a_rerun_resumes(
        posdesk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A sync commits each page with its cursor: killed after some pages, the history holds
    exactly the journal up to the cursor (no page in part, none twice), and the next sync
    fetches the rest, ending with the journal once."""
    world = tmp_path / "simulator"
    monkeypatch.setenv("POSDESK_SIMULATOR_DIR", str(world))
    SimulatedWorld(world, days=SYNC_DAYS).save()     # the world's length is kept in its file
    journal = SimulatedWorld(world).terminal("SIM00002").journal
    data = tmp_path / "shop"
    code, out = pair(SMART, data, lambda: terminal_screen(world, "SIMB20260002"),
                     "--accept-unknown-model")
    assert code == 0, out
    before = sound_state(data)
    assert before.txn_rows == 0

    run = start_posdesk("terminals", "sync", "--data-dir", str(data), cwd=tmp_path)
    with _reader(data) as reader:
        kill_when(run, lambda: _synced_to(reader, "SIM00002") >= 1_000,
                  "some pages were committed (cursor past 1,000 entries)")
    assert "new," not in run.output()

    after = sound_state(data)
    db = open_for_reading(data)
    try:
        cursor = int(db.execute("SELECT cursor FROM sync_cursors WHERE terminal_id = "
                                "'SIM00002'").fetchone()[0])
        traces = {str(t) for (t,) in db.execute("SELECT trace_id FROM txn")}
    finally:
        db.close()
    assert 1_000 <= cursor < len(journal), "the kill did not land between pages"
    assert after.txn_rows == cursor                      # whole pages, each with its cursor
    assert traces == {str(e["trace_id"]) for e in journal[:cursor]}

    again = posdesk("terminals", "sync", "--data-dir", str(data), check=True)
    assert f"SIM00002: {len(journal) - cursor:,} new, 0 already known" in again.stdout
    done = sound_state(data)
    assert done.txn_rows == done.distinct_traces == len(journal)   # a clean sync's count
