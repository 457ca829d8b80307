"""Everything about one transaction, for its details view: every Art. 14 field (spec 7.1),
where the row came from, the rows linked to it and its disputes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import sqlite_utils

from app.carddata import mask_display
from app.disputes import Dispute, disputes_for
from app.history import LIST_COLUMNS, TxnRow
from app.scenario_flags import flags_of

# The spec 7.1 items, in its order: (item number, columns). Shown even when empty, so a
# missing field is visibly missing rather than silently absent.
ART14_ITEMS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("channel", "terminal_or_interface_type", "terminal_id", "txn_type", "status",
         "amount_fen", "currency", "ts_utc_ms", "cn_date", "merchant_name", "merchant_code",
         "mcc", "scheme")),
    (2, ("payer_name_masked", "payer_account_masked", "payer_bank_name", "payee_name",
         "payee_account_masked", "payee_bank_name")),
    (3, ("verification_tier", "factor_categories", "auth_code", "auth_ref")),
    (4, ("trace_id", "rrn", "batch_no", "voucher_no", "app_txn_uuid")),
    (5, ("purpose",)),
)
_SHOWN = (*(c for _, columns in ART14_ITEMS for c in columns),
          "pan_first6", "pan_last4", "pan_len", "memo", "parent_txn_id", "source_id")


@dataclass(frozen=True)
class TxnSource:
    kind: str          # SYNC / IMPORT / DEMO
    ref: str           # terminal id or file name
    detail: dict[str, object]


@dataclass(frozen=True)
class TxnDetails:
    id: int
    fields: dict[str, object]
    card_masked: str
    source: TxnSource | None
    parent: TxnRow | None           # the original this refund or void belongs to
    children: list[TxnRow]          # refunds and voids of this row
    disputes: list[Dispute]
    flags: list[tuple[str, str]] = field(default_factory=list)   # (policy name, rule)


def txn_details(db: sqlite_utils.Database, txn_id: int) -> TxnDetails | None:
    row = db.execute(f"SELECT {', '.join(_SHOWN)} FROM txn WHERE id = ?", [txn_id]).fetchone()
    if row is None:
        return None
    fields = dict(zip(_SHOWN, row, strict=True))
    uuid_bytes = fields.get("app_txn_uuid")
    if isinstance(uuid_bytes, bytes):
        fields["app_txn_uuid"] = uuid_bytes.hex()
    card = mask_display(fields.pop("pan_first6"), fields.pop("pan_last4"),  # type: ignore[arg-type]
                        fields.pop("pan_len"))  # type: ignore[arg-type]
    parent_id = fields.pop("parent_txn_id")
    return TxnDetails(
        id=txn_id, fields=fields, card_masked=card,
        source=_source(db, fields.pop("source_id")),
        parent=_rows(db, "id = ?", parent_id)[0] if parent_id else None,
        children=_rows(db, "parent_txn_id = ?", txn_id),
        disputes=disputes_for(db, txn_id), flags=flags_of(db, txn_id))


def _source(db: sqlite_utils.Database, source_id: object) -> TxnSource | None:
    row = db.execute("SELECT kind, ref, detail_json FROM txn_source WHERE id = ?",
                     [source_id]).fetchone()
    if row is None:
        return None
    try:
        detail = json.loads(row[2] or "{}")
    except ValueError:
        detail = {}
    return TxnSource(row[0], row[1], detail if isinstance(detail, dict) else {})


def _rows(db: sqlite_utils.Database, where: str, value: object) -> list[TxnRow]:
    return [TxnRow(*r) for r in db.execute(
        f"SELECT {', '.join(LIST_COLUMNS)} FROM txn WHERE {where} ORDER BY ts_utc_ms, id",
        [value])]
