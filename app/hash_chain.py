"""Heads of the hash chains (oplog, txn): the count and last hash, updated with every append,
so a verifier can tell a chain whose newest rows were cut off."""

from __future__ import annotations

import sqlite_utils

GENESIS_HASH = "0" * 64


def chain_head(db: sqlite_utils.Database, chain: str) -> tuple[int, str]:
    row = db.execute("SELECT count, head_hash FROM chain_heads WHERE chain = ?", [chain]).fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)


def set_chain_head(db: sqlite_utils.Database, chain: str, count: int, head: str) -> None:
    db.execute(
        "INSERT INTO chain_heads(chain, count, head_hash) VALUES (?, ?, ?) "
        "ON CONFLICT(chain) DO UPDATE SET count = excluded.count, head_hash = excluded.head_hash",
        [chain, count, head],
    )


def chain_floor(db: sqlite_utils.Database, chain: str) -> tuple[int, str]:
    """(rows purged from the start of the chain, hash of the last of them): where a
    verifier starts once old rows are gone (retention purge, spec 6.3)."""
    row = db.execute("SELECT purged, floor_hash FROM chain_floors WHERE chain = ?",
                     [chain]).fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)


def set_chain_floor(db: sqlite_utils.Database, chain: str, purged: int, floor: str) -> None:
    db.execute(
        "INSERT INTO chain_floors(chain, purged, floor_hash) VALUES (?, ?, ?) "
        "ON CONFLICT(chain) DO UPDATE SET purged = excluded.purged, "
        "floor_hash = excluded.floor_hash",
        [chain, purged, floor],
    )
