"""Disputes (spec Q-3): opening, allowed transitions, closing needs an outcome, every step
in the operation log; and a transaction's details show its source and linked rows."""

from __future__ import annotations

import json

import pytest

from app import disputes
from app.disputes import DisputeError, change_status, disputes_for, open_dispute
from app.oplog import OperationLog, verify_chain
from app.transactions import Transaction, TransactionWriter
from app.txn_details import ART14_ITEMS, txn_details

T0 = 1_780_000_000_000


@pytest.fixture
def sale_and_refund(memory_log: OperationLog) -> tuple[int, int]:
    TransactionWriter(memory_log.db, memory_log).write([
        Transaction("S1", "SALE", "CARD", 12_345, T0, terminal_id="T1", merchant_name="小店",
                    pan_first6="622202", pan_last4="0128", pan_len=19, rrn="R1"),
        Transaction("R1", "REFUND", "CARD", -2_345, T0 + 60_000, terminal_id="T1",
                    parent_trace_id="S1"),
    ], source_kind="IMPORT", source_ref="march.csv")
    ids = dict(memory_log.db.execute("SELECT trace_id, id FROM txn").fetchall())
    return ids["S1"], ids["R1"]


def _dispute_entries(log: OperationLog) -> list[dict[str, object]]:
    return [json.loads(d) for (d,) in log.db.execute(
        "SELECT details_json FROM oplog WHERE op_type = 'DISPUTE' ORDER BY id")]


def test_a_case_moves_through_its_states_and_each_step_is_logged(  # type: ignore[no-untyped-def]
        memory_log, sale_and_refund) -> None:
    sale, _ = sale_and_refund
    case = open_dispute(memory_log.db, memory_log, sale, "ERROR_DISPUTE", "ACQUIRER_HOTLINE",
                        "charged twice")
    assert case.status == disputes.OPEN and case.resolved_at_utc_ms is None
    case = change_status(memory_log.db, memory_log, case.id, disputes.SUBMITTED, "case 88")
    case = change_status(memory_log.db, memory_log, case.id, disputes.RESOLVED, "refunded")
    assert case.status == "RESOLVED" and case.resolution == "refunded"
    assert case.resolved_at_utc_ms is not None
    steps = _dispute_entries(memory_log)
    assert [s["action"] for s in steps] == ["open", "status", "status"]
    assert [s.get("to") for s in steps[1:]] == ["SUBMITTED_TO_INSTITUTION", "RESOLVED"]
    assert steps[0]["trace_id"] == "S1"
    assert verify_chain(memory_log.db).ok


def test_forbidden_moves_are_refused_and_change_nothing(memory_log, sale_and_refund) -> None:  # type: ignore[no-untyped-def]
    sale, _ = sale_and_refund
    case = open_dispute(memory_log.db, memory_log, sale, "COMPLAINT", "IN_PERSON")
    with pytest.raises(DisputeError, match="resolution"):
        change_status(memory_log.db, memory_log, case.id, disputes.REJECTED, "  ")
    with pytest.raises(DisputeError, match="cannot become"):
        change_status(memory_log.db, memory_log, case.id, disputes.OPEN)
    with pytest.raises(DisputeError, match="already has an open case"):
        open_dispute(memory_log.db, memory_log, sale, "COMPLAINT", "OTHER")
    with pytest.raises(DisputeError, match="no transaction"):
        open_dispute(memory_log.db, memory_log, 999_999, "COMPLAINT", "OTHER")
    assert [d.status for d in disputes_for(memory_log.db, sale)] == ["OPEN"]
    assert len(_dispute_entries(memory_log)) == 1


def test_a_closed_case_can_be_reopened(memory_log, sale_and_refund) -> None:  # type: ignore[no-untyped-def]
    sale, _ = sale_and_refund
    case = open_dispute(memory_log.db, memory_log, sale, "COMPLAINT", "OTHER")
    change_status(memory_log.db, memory_log, case.id, disputes.REJECTED, "not our fault")
    again = change_status(memory_log.db, memory_log, case.id, disputes.OPEN, "new evidence")
    assert again.status == "OPEN" and again.resolved_at_utc_ms is None


def test_details_show_every_art14_field_source_and_links(memory_log, sale_and_refund) -> None:  # type: ignore[no-untyped-def]
    sale, refund = sale_and_refund
    details = txn_details(memory_log.db, sale)
    assert details is not None
    every = {name for _, names in ART14_ITEMS for name in names}
    assert every <= set(details.fields)
    assert details.fields["amount_fen"] == 12_345 and details.fields["merchant_name"] == "小店"
    assert details.card_masked == "622202*********0128"
    assert "pan_first6" not in details.fields and "pan_token" not in details.fields
    assert details.source is not None
    assert (details.source.kind, details.source.ref) == ("IMPORT", "march.csv")
    assert [c.id for c in details.children] == [refund] and details.parent is None
    back = txn_details(memory_log.db, refund)
    assert back is not None and back.parent is not None and back.parent.id == sale
    assert txn_details(memory_log.db, 424242) is None
