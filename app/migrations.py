"""Numbered schema migrations. Append new ones; never edit one that has shipped.

PRAGMA user_version holds the number of the last applied migration; each migration runs in
one transaction together with that bump, so a crash leaves the old or the new schema.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str
    # runs after `sql`, in the same transaction, for steps SQL cannot express (rehashing)
    python: Callable[[sqlite3.Connection], None] | None = None


_M1_FOUNDATION = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Head of each hash chain, updated with every append, so a truncated tail is detectable.
CREATE TABLE chain_heads (
    chain TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    head_hash TEXT NOT NULL
);

CREATE TABLE terminals (
    id INTEGER PRIMARY KEY,
    terminal_id TEXT NOT NULL UNIQUE,       -- acquirer terminal number (终端号)
    label TEXT,
    vendor TEXT,
    model TEXT,
    serial TEXT,
    firmware TEXT,
    terminal_type TEXT,                      -- spec 12.2
    capabilities TEXT NOT NULL DEFAULT '[]', -- JSON list, spec 12.2
    transport TEXT,                          -- usb, serial, ble, rfcomm, simulated
    address TEXT,
    status TEXT NOT NULL DEFAULT 'OFFLINE',  -- spec 12.3
    policy_status TEXT,                      -- APPROVED / BLOCKED / UNKNOWN, spec 12.1
    key_ref TEXT,                            -- name of the keyring entry, never the key
    is_simulated INTEGER NOT NULL DEFAULT 0,
    paired_at_utc_ms INTEGER,
    last_seen_utc_ms INTEGER
);

CREATE TABLE sync_cursors (
    terminal_id TEXT PRIMARY KEY REFERENCES terminals(terminal_id),
    cursor TEXT NOT NULL,
    updated_at_utc_ms INTEGER NOT NULL
);

-- Spec 7.1 (Art. 14). Money in fen, instants in UTC ms plus the Shanghai date.
-- No column can hold track data, CVV, PIN blocks, expiry dates or a full PAN (spec 10.2).
CREATE TABLE txn (
    id INTEGER PRIMARY KEY,
    app_txn_uuid TEXT NOT NULL UNIQUE,
    dedup_key TEXT NOT NULL UNIQUE,
    source_kind TEXT NOT NULL,               -- SYNC / IMPORT / DEMO
    source_ref TEXT,                         -- terminal id or imported file
    channel TEXT NOT NULL,                   -- CARD / NFC / QR
    scheme TEXT,                             -- UNIONPAY, VISA, WECHAT_PAY, ALIPAY, ...
    terminal_or_interface_type TEXT,
    terminal_id TEXT,
    txn_type TEXT NOT NULL,                  -- SALE / REFUND / VOID / PREAUTH / ...
    status TEXT NOT NULL,                    -- SUCCEEDED / PENDING / FAILED / CANCELLED
    amount_fen INTEGER NOT NULL,             -- signed: refunds and voids are negative
    currency TEXT NOT NULL DEFAULT 'CNY',
    ts_utc_ms INTEGER NOT NULL,
    cn_date TEXT NOT NULL,
    cn_year INTEGER NOT NULL,
    merchant_name TEXT,
    merchant_code TEXT,
    mcc TEXT,
    payer_name_masked TEXT,
    payer_account_masked TEXT,
    payer_bank_name TEXT,
    payee_name TEXT,
    payee_account_masked TEXT,
    payee_bank_name TEXT,
    verification_tier TEXT,
    factor_categories TEXT,
    auth_code TEXT,
    auth_ref TEXT,
    trace_id TEXT NOT NULL,
    rrn TEXT,
    batch_no TEXT,
    voucher_no TEXT,
    pan_first6 TEXT,
    pan_last4 TEXT,
    pan_len INTEGER,
    pan_token TEXT,
    purpose TEXT,
    memo TEXT,
    parent_txn_id INTEGER REFERENCES txn(id),
    prev_hash TEXT NOT NULL,
    row_hash TEXT NOT NULL
);
CREATE INDEX txn_ts ON txn(ts_utc_ms);
CREATE INDEX txn_cn_date ON txn(cn_date);
CREATE INDEX txn_terminal_ts ON txn(terminal_id, ts_utc_ms);
CREATE INDEX txn_trace ON txn(trace_id);
CREATE INDEX txn_parent ON txn(parent_txn_id);

CREATE TRIGGER txn_append_only BEFORE UPDATE ON txn
BEGIN
    SELECT RAISE(ABORT, 'transactions are append-only: add a linked row instead');
END;

CREATE TABLE account_profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    institution_name TEXT,
    rating TEXT,
    rating_valid_from TEXT,
    rating_valid_to TEXT,
    real_name_ratio_bp INTEGER,
    customer_type TEXT,                      -- INDIVIDUAL / UNIT
    account_class TEXT,                      -- I / II / III
    class_since TEXT,
    contract_daily_t1_fen INTEGER,
    updated_at_utc_ms INTEGER
);

-- Spec 8 (Art. 16): append-only, hash-chained, kept at least 5 years.
CREATE TABLE oplog (
    id INTEGER PRIMARY KEY,
    occurred_at_utc_ms INTEGER NOT NULL,
    effective_at_utc_ms INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    device_id TEXT NOT NULL,
    op_type TEXT NOT NULL,
    target_type TEXT,
    target_id TEXT,
    result TEXT NOT NULL CHECK (result IN ('SUCCESS', 'FAIL', 'PENDING')),
    factor_categories_used TEXT,
    details_json TEXT NOT NULL DEFAULT '{}',
    purge_not_before TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    row_hash TEXT NOT NULL
);
CREATE INDEX oplog_occurred ON oplog(occurred_at_utc_ms);
CREATE INDEX oplog_op_type ON oplog(op_type);

CREATE TRIGGER oplog_append_only BEFORE UPDATE ON oplog
BEGIN
    SELECT RAISE(ABORT, 'the operation log is append-only');
END;
CREATE TRIGGER oplog_retention BEFORE DELETE ON oplog
WHEN old.purge_not_before > strftime('%Y-%m-%d', 'now', '+8 hours')
BEGIN
    SELECT RAISE(ABORT, 'operation records are kept at least 5 years');
END;
"""

# Terminals: what the heartbeat (Diagnosis) reports, and when the journal was last pulled.
_M2_TERMINAL_STATUS = """
ALTER TABLE terminals ADD COLUMN battery INTEGER;
ALTER TABLE terminals ADD COLUMN signal_dbm INTEGER;
ALTER TABLE terminals ADD COLUMN link TEXT;
ALTER TABLE terminals ADD COLUMN last_error TEXT;
ALTER TABLE terminals ADD COLUMN last_sync_utc_ms INTEGER;
ALTER TABLE terminals ADD COLUMN policy_reason TEXT;

-- Spec 12.1: the imported, signature-checked terminal model policy. Replaced as a whole.
CREATE TABLE model_policy (
    id INTEGER PRIMARY KEY,
    manufacturer TEXT NOT NULL,
    model TEXT NOT NULL,
    hw_min TEXT, hw_max TEXT,
    fw_min TEXT, fw_max TEXT,
    status TEXT NOT NULL CHECK (status IN ('APPROVED', 'BLOCKED')),
    reason TEXT NOT NULL DEFAULT '',
    source_notice TEXT NOT NULL DEFAULT '',
    cert_refs TEXT NOT NULL DEFAULT '[]',
    effective_from TEXT NOT NULL
);
CREATE INDEX model_policy_model ON model_policy(manufacturer, model);

-- Public keys whose signatures on policy files are trusted (public, so not secrets).
CREATE TABLE trusted_keys (
    key_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    public_key_pem TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT 'model-policy',
    added_at_utc_ms INTEGER NOT NULL
);
"""

_M3_TERMINAL_PARAMS = """
ALTER TABLE terminals ADD COLUMN param_version INTEGER;   -- spec 12.2/12.3, signed pushes
ALTER TABLE terminals ADD COLUMN param_issuer TEXT;
"""

# Transactions, compacted for a million rows a year (issue 4): hashes and the uuid as blobs,
# the source named once in txn_source, the dedup key as a unique index over its parts
# instead of a column, daily rollups for totals, and FTS5 for free-text search. The rows are
# re-hashed in the new layout by app/txn_rebuild.py after their old chain was verified.
_M4_TXN_COMPACT = """
CREATE TABLE txn_source (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                      -- SYNC / IMPORT / DEMO
    ref TEXT NOT NULL,                       -- terminal id or imported file name
    detail_json TEXT NOT NULL DEFAULT '{}',  -- e.g. an imported file's SHA-256 and format
    created_at_utc_ms INTEGER NOT NULL,
    UNIQUE (kind, ref)
);

CREATE TABLE txn_v4 (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES txn_source(id),
    ts_utc_ms INTEGER NOT NULL,
    cn_date TEXT NOT NULL,
    cn_year INTEGER NOT NULL,
    terminal_id TEXT,
    txn_type TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    amount_fen INTEGER NOT NULL,
    currency TEXT NOT NULL DEFAULT 'CNY',
    scheme TEXT,
    terminal_or_interface_type TEXT,
    merchant_name TEXT,
    merchant_code TEXT,
    mcc TEXT,
    payer_name_masked TEXT,
    payer_account_masked TEXT,
    payer_bank_name TEXT,
    payee_name TEXT,
    payee_account_masked TEXT,
    payee_bank_name TEXT,
    verification_tier TEXT,
    factor_categories TEXT,
    auth_code TEXT,
    auth_ref TEXT,
    trace_id TEXT NOT NULL,
    rrn TEXT,
    batch_no TEXT,
    voucher_no TEXT,
    pan_first6 TEXT,
    pan_last4 TEXT,
    pan_len INTEGER,
    pan_token TEXT,
    purpose TEXT,
    memo TEXT,
    parent_txn_id INTEGER REFERENCES txn_v4(id),
    app_txn_uuid BLOB NOT NULL,              -- 16 bytes, uuid5 of the dedup key
    prev_hash BLOB NOT NULL,                 -- 32 bytes
    row_hash BLOB NOT NULL                   -- 32 bytes
);

CREATE TABLE txn_daily (
    cn_date TEXT NOT NULL,
    terminal_id TEXT NOT NULL,               -- '' when the source named none
    txn_type TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    n INTEGER NOT NULL,
    sum_fen INTEGER NOT NULL,
    PRIMARY KEY (cn_date, terminal_id, txn_type, channel, status)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE txn_text USING fts5(body, content='', tokenize='unicode61');
"""

_M4_TXN_INDEXES = """
CREATE INDEX txn_ts ON txn(ts_utc_ms);
-- covering for the usual filter (terminal + type + amount range) in page order (ts, id):
-- id spelled out so no temporary sort is needed before the first row (296 ms -> 18 ms)
CREATE INDEX txn_terminal_ts ON txn(terminal_id, ts_utc_ms, id, txn_type, amount_fen);
CREATE UNIQUE INDEX txn_dedup ON txn(trace_id, txn_type, coalesce(terminal_id, ''));
CREATE INDEX txn_rrn ON txn(rrn) WHERE rrn IS NOT NULL;
CREATE INDEX txn_parent ON txn(parent_txn_id) WHERE parent_txn_id IS NOT NULL;

CREATE TRIGGER txn_append_only BEFORE UPDATE ON txn
BEGIN
    SELECT RAISE(ABORT, 'transactions are append-only: add a linked row instead');
END;
CREATE TRIGGER txn_source_append_only BEFORE UPDATE OF kind, ref ON txn_source
BEGIN
    SELECT RAISE(ABORT, 'a transaction source cannot be renamed');
END;
"""


def _m4_txn_compact(conn: sqlite3.Connection) -> None:
    from app.txn_rebuild import rebuild_transactions

    rebuild_transactions(conn, _M4_TXN_INDEXES)


# Disputes (spec Q-3) and the column mappings an import remembers per statement layout
# (issue 4). A dispute's state changes in place; its history is the oplog's DISPUTE entries.
_M5_DISPUTES_IMPORTS = """
CREATE TABLE dispute (
    id INTEGER PRIMARY KEY,
    txn_id INTEGER NOT NULL REFERENCES txn(id),
    type TEXT NOT NULL CHECK (type IN ('ERROR_DISPUTE', 'COMPLAINT')),
    opened_at_utc_ms INTEGER NOT NULL,
    channel TEXT NOT NULL,                   -- how it was raised: acquirer hotline, app, ...
    status TEXT NOT NULL CHECK (status IN ('OPEN', 'SUBMITTED_TO_INSTITUTION',
                                           'AWAITING_INFO', 'RESOLVED', 'REJECTED')),
    resolution TEXT,
    resolved_at_utc_ms INTEGER
);
CREATE INDEX dispute_txn ON dispute(txn_id);

CREATE TABLE import_mapping (
    name TEXT PRIMARY KEY,                   -- what the person called it, or the layout's id
    layout TEXT NOT NULL,                    -- the header row it was made for, as JSON
    mapping_json TEXT NOT NULL,              -- field -> column header
    updated_at_utc_ms INTEGER NOT NULL
);
"""

# Free-text search at a million rows (issue 4): FTS5 returns matches in rowid (= txn.id)
# order, but imports of old statements put ids out of time order. The zone map keeps, per
# block of 1024 ids, the oldest and newest time in it, so a search page walks the blocks
# newest first and stops as soon as no later block can hold a newer match (app/history.py).
# The write path (app/transactions.py, the only writer of txn) keeps it per batch, in the
# batch's own transaction.
_M6_TXN_ZONES = """
CREATE TABLE txn_zone (
    zone INTEGER PRIMARY KEY,                -- txn.id >> 10
    min_ts INTEGER NOT NULL,
    max_ts INTEGER NOT NULL
);
INSERT INTO txn_zone (zone, min_ts, max_ts)
    SELECT id >> 10, min(ts_utc_ms), max(ts_utc_ms) FROM txn GROUP BY 1;
"""

# Retention (spec 6.3, TXN_RETENTION): a purge removes the oldest rows, a prefix of the chain
# by id; the floor keeps how many went and the last one's hash, so the rest still verifies.
# Whatever the app asks, SQLite itself refuses to delete a row inside the query window
# (spec Q-1; a day's margin for the Feb 29 rule).
_M7_TXN_RETENTION = """
CREATE TABLE chain_floors (
    chain TEXT PRIMARY KEY,
    purged INTEGER NOT NULL,
    floor_hash TEXT NOT NULL
);
CREATE TRIGGER txn_retention BEFORE DELETE ON txn
WHEN old.cn_date >= date('now', '+8 hours', '-1 year', '-1 day')
BEGIN
    SELECT RAISE(ABORT, 'transactions inside the query window are never purged');
END;
"""


# Issue 5 (spec 1.3, 6.1): the merchant's own payment-account ledger, the data the shadow
# limit engine (R1) counts. It is not the `txn` journal: card-present acquiring is outside
# Art. 11/24 (spec 1.2, A-11). Usage is read from a per-day rollup that triggers keep exact,
# so a limit check is a few index probes at any size. Statuses may move on (PENDING to
# SUCCEEDED or FAILED); nothing else about a payment changes.
_M8_LIMITS_FACTORS = """
ALTER TABLE account_profile ADD COLUMN art37_bank_agreement INTEGER NOT NULL DEFAULT 0;
ALTER TABLE account_profile ADD COLUMN real_name_confirmed INTEGER NOT NULL DEFAULT 1;

CREATE TABLE account_payment (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL UNIQUE,                -- the institution's order or serial number
    ts_utc_ms INTEGER NOT NULL,
    cn_date TEXT NOT NULL,
    kind TEXT NOT NULL,                      -- app/limits.py KINDS
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    status TEXT NOT NULL,                    -- SUCCEEDED / PENDING / FAILED / CANCELLED
    tier TEXT NOT NULL DEFAULT '' CHECK (tier IN ('', 'T1', 'T2', 'T3')),
    counterparty TEXT,
    memo TEXT,
    source TEXT NOT NULL
);
CREATE INDEX account_payment_ts ON account_payment(ts_utc_ms);

CREATE TABLE account_usage_daily (
    cn_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    tier TEXT NOT NULL,
    status TEXT NOT NULL,
    n INTEGER NOT NULL,
    sum_fen INTEGER NOT NULL,
    PRIMARY KEY (cn_date, kind, tier, status)
) WITHOUT ROWID;

CREATE TRIGGER account_payment_fixed BEFORE UPDATE OF id, ref, ts_utc_ms, cn_date, kind,
    amount_fen, tier, source ON account_payment
BEGIN
    SELECT RAISE(ABORT, 'a recorded payment changes only its status');
END;
CREATE TRIGGER account_payment_kept BEFORE DELETE ON account_payment
BEGIN
    SELECT RAISE(ABORT, 'recorded payments are kept');
END;
CREATE TRIGGER account_payment_counted AFTER INSERT ON account_payment
BEGIN
    INSERT INTO account_usage_daily VALUES (new.cn_date, new.kind, new.tier, new.status, 1,
                                            new.amount_fen)
    ON CONFLICT DO UPDATE SET n = n + 1, sum_fen = sum_fen + excluded.sum_fen;
END;
CREATE TRIGGER account_payment_recounted AFTER UPDATE OF status ON account_payment
WHEN old.status <> new.status
BEGIN
    UPDATE account_usage_daily SET n = n - 1, sum_fen = sum_fen - old.amount_fen
    WHERE cn_date = old.cn_date AND kind = old.kind AND tier = old.tier AND status = old.status;
    INSERT INTO account_usage_daily VALUES (new.cn_date, new.kind, new.tier, new.status, 1,
                                            new.amount_fen)
    ON CONFLICT DO UPDATE SET n = n + 1, sum_fen = sum_fen + excluded.sum_fen;
END;

-- Verification factors (spec 4): what the merchant uses, never a secret. An app-held
-- factor's secret is in the OS keyring under `secret_ref`; the institution holds the rest.
CREATE TABLE verification_factor (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,                      -- app/limits.py FACTOR_TYPES
    label TEXT NOT NULL,
    held_by TEXT NOT NULL,                   -- APP or INSTITUTION
    device TEXT NOT NULL,                    -- where it lives or its codes arrive (VF-2/3)
    facts_json TEXT NOT NULL DEFAULT '{}',   -- public facts (certificate subject, ...)
    secret_ref TEXT,                         -- a keyring entry name, never the secret
    status TEXT NOT NULL DEFAULT 'ACTIVE',   -- ACTIVE or REMOVED
    created_at_utc_ms INTEGER NOT NULL,
    updated_at_utc_ms INTEGER NOT NULL,
    tested_at_utc_ms INTEGER,
    test_result TEXT
);
"""

# Scenario controls (spec 12.4). A policy's rules are versioned: each save adds a version in
# force from its effective time, so a transaction is judged by the rules of its own moment
# and a change never rewrites what was true before it. Versions are never changed or
# deleted. Flags are derived (recomputed per Shanghai day whenever that day's transactions
# or the policies change) and so are not hash-chained.
_M9_SCENARIOS = """
CREATE TABLE scenario_policy (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    scope TEXT NOT NULL CHECK (scope IN ('TERMINAL', 'CHANNEL', 'KIND')),
    scope_ref TEXT NOT NULL,
    created_at_utc_ms INTEGER NOT NULL
);

CREATE TABLE scenario_policy_version (
    policy_id INTEGER NOT NULL REFERENCES scenario_policy(id),
    version INTEGER NOT NULL,
    effective_from_utc_ms INTEGER NOT NULL,
    enabled INTEGER NOT NULL,
    removed INTEGER NOT NULL DEFAULT 0,
    windows_json TEXT NOT NULL DEFAULT '[]',
    per_txn_max_fen INTEGER CHECK (per_txn_max_fen > 0),
    daily_max_fen INTEGER CHECK (daily_max_fen > 0),
    allowed_kinds_json TEXT NOT NULL DEFAULT '[]',
    saved_at_utc_ms INTEGER NOT NULL,
    PRIMARY KEY (policy_id, version)
) WITHOUT ROWID;
CREATE TRIGGER scenario_version_fixed BEFORE UPDATE ON scenario_policy_version
BEGIN
    SELECT RAISE(ABORT, 'a saved scenario policy version is kept as it was');
END;
CREATE TRIGGER scenario_version_kept BEFORE DELETE ON scenario_policy_version
BEGIN
    SELECT RAISE(ABORT, 'saved scenario policy versions are kept');
END;

CREATE TABLE scenario_flag (
    txn_id INTEGER NOT NULL,
    policy_id INTEGER NOT NULL,
    rule TEXT NOT NULL,                      -- app/scenario_policy.py RULES
    cn_date TEXT NOT NULL,
    PRIMARY KEY (txn_id, policy_id, rule)
) WITHOUT ROWID;
CREATE INDEX scenario_flag_date ON scenario_flag(cn_date);
"""


# Issue 6 (the Activity page): the log is read newest first, filtered by operation type.
# With the type alone indexed, SQLite sorted every entry of a common type to show a page
# (216 ms at 200,000 entries); with the time after the type it walks the index (0.5 ms),
# with or without a time range. It replaces the index on the type alone, its prefix.
_M10_OPLOG_TYPE_TIME = """
DROP INDEX oplog_op_type;
CREATE INDEX oplog_type_time ON oplog(op_type, occurred_at_utc_ms);
"""


# Field provisioning (issue 6, docs/provisioning.md): the codes this profile issued, so a
# terminal's handover report can be matched to one (the nonce is the code's identity) and
# recorded once. No code text or signature is kept: only the facts it carried.
_M11_PROVISIONING = """
CREATE TABLE provisioning_code (
    nonce TEXT PRIMARY KEY,                  -- 32 hex digits, single use
    terminal_id TEXT NOT NULL,
    technician_id TEXT NOT NULL,
    key_id TEXT NOT NULL,                    -- the merchant key that signed it
    payload_json TEXT NOT NULL,              -- the signed fields, without the signature
    issued_at_utc_ms INTEGER NOT NULL,
    expires_at_utc_ms INTEGER NOT NULL,
    handed_over_at_utc_ms INTEGER            -- when the terminal's report was recorded
) WITHOUT ROWID;
CREATE INDEX provisioning_code_issued ON provisioning_code(issued_at_utc_ms);
"""


# Payment tokens per scenario (spec 12.4 Tokenisation, docs/scenario-tokens.md): the token
# reference an acquirer or issuer gave for one scenario, never a card number. A token is
# bound once and at most revoked once; a scenario holds at most one live token, and a
# token reference is never bound again after it was revoked.
_M12_SCENARIO_TOKENS = """
CREATE TABLE scenario_token (
    id INTEGER PRIMARY KEY,
    policy_id INTEGER NOT NULL REFERENCES scenario_policy(id),
    token_ref TEXT NOT NULL UNIQUE,
    issuer TEXT NOT NULL CHECK (issuer IN ('ACQUIRER', 'ISSUER')),
    bound_at_utc_ms INTEGER NOT NULL,
    revoked_at_utc_ms INTEGER,
    revoke_reason TEXT
);
CREATE UNIQUE INDEX scenario_token_live ON scenario_token(policy_id)
    WHERE revoked_at_utc_ms IS NULL;
CREATE TRIGGER scenario_token_fixed BEFORE UPDATE ON scenario_token
WHEN OLD.revoked_at_utc_ms IS NOT NULL OR NEW.revoked_at_utc_ms IS NULL
    OR NEW.token_ref IS NOT OLD.token_ref OR NEW.policy_id IS NOT OLD.policy_id
    OR NEW.issuer IS NOT OLD.issuer OR NEW.bound_at_utc_ms IS NOT OLD.bound_at_utc_ms
BEGIN
    SELECT RAISE(ABORT, 'a scenario token is only ever revoked, once');
END;
CREATE TRIGGER scenario_token_kept BEFORE DELETE ON scenario_token
BEGIN
    SELECT RAISE(ABORT, 'scenario tokens are kept');
END;
"""


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "foundation", _M1_FOUNDATION),
    Migration(2, "terminal status", _M2_TERMINAL_STATUS),
    Migration(3, "terminal parameters", _M3_TERMINAL_PARAMS),
    Migration(4, "compact transactions", _M4_TXN_COMPACT, _m4_txn_compact),
    Migration(5, "disputes and import mappings", _M5_DISPUTES_IMPORTS),
    Migration(6, "transaction zone map for search", _M6_TXN_ZONES),
    Migration(7, "transaction retention", _M7_TXN_RETENTION),
    Migration(8, "limits ledger and verification factors", _M8_LIMITS_FACTORS),
    Migration(9, "scenario controls", _M9_SCENARIOS),
    Migration(10, "operation log type and time index", _M10_OPLOG_TYPE_TIME),
    Migration(11, "field provisioning codes", _M11_PROVISIONING),
    Migration(12, "scenario payment tokens", _M12_SCENARIO_TOKENS),
)

LATEST_VERSION = MIGRATIONS[-1].version


def statements(sql: str) -> list[str]:
    """Split a script into complete statements (trigger bodies contain semicolons)."""
    import sqlite3

    found: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                found.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement in migration: {buffer.strip()[:60]}")
    return found
