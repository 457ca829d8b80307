"""The operation log's integrity check as an operation of its own: spec 8 lists failed
integrity checks among the operations to record, so a failing check made in the app (the
Activity page, a purge) is logged as INTEGRITY_CHECK_FAILED naming the first bad entry.
A passing check changes nothing. `posdesk oplog verify` only reads, and records nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from app import oplog as ops
from app.oplog import ChainReport, OperationLog, verify_chain


def check_and_record(db: sqlite_utils.Database, oplog: OperationLog, during: str,
                     progress: Callable[[int, int], None] | None = None) -> ChainReport:
    """verify_chain; a failure is appended to the log (`during` says what ran the check)."""
    report = verify_chain(db, progress)
    if not report.ok:
        oplog.append(ops.INTEGRITY_CHECK_FAILED, target_type="oplog",
                     target_id=str(report.first_bad_id) if report.first_bad_id else None,
                     result="FAIL",
                     details={"during": during, "kind": report.kind, "reason": report.problem,
                              "verified": report.checked})
    return report
