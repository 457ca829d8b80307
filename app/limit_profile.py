"""The account profile the limit engine reads: who the institution is, how it is rated, what
class of account the merchant holds (spec 3, 6.1). One row; every change is an Art. 16
"transaction-limit adjustment" and goes to the operation log with what changed (spec 8,
item 5). Nothing here is secret."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from app.errors import PosDeskError
from app.limits import RATINGS, Customer, Institution
from app.oplog import OperationLog
from app.shanghai_time import now_ms

LIMIT_PROFILE_CHANGED = "LIMIT_PROFILE_CHANGED"
CUSTOMER_TYPES = ("INDIVIDUAL", "UNIT")
ACCOUNT_CLASSES = ("I", "II", "III")


class ProfileValueError(PosDeskError):
    """A profile value outside what the rules know; `field` names it."""

    code = "limit_profile"


@dataclass(frozen=True)
class AccountProfile:
    """Defaults are the engine's: an individual with a Class II account, institution
    rating unknown (so no Art. 36 multiplier), T1 limit by agreement and unknown."""

    institution_name: str = ""
    rating: str | None = None
    rating_valid_from: dt.date | None = None
    rating_valid_to: dt.date | None = None
    real_name_ratio_bp: int | None = None
    art37_bank_agreement: bool = False
    customer_type: str = "INDIVIDUAL"
    account_class: str = "II"
    class_since: dt.date | None = None
    contract_daily_t1_fen: int | None = None
    real_name_confirmed: bool = True

    def problem(self) -> tuple[str, str] | None:
        """(field, what is wrong) or None."""
        if self.rating is not None and self.rating[:1].upper() not in RATINGS:
            return "rating", f"must be one of {', '.join(RATINGS)}"
        if (self.rating_valid_from and self.rating_valid_to
                and self.rating_valid_to < self.rating_valid_from):
            return "rating_valid_to", "is before the rating's first valid day"
        if self.real_name_ratio_bp is not None and not 0 <= self.real_name_ratio_bp <= 10_000:
            return "real_name_ratio", "must be between 0 and 100 %"
        if self.customer_type not in CUSTOMER_TYPES:
            return "customer_type", "must be INDIVIDUAL or UNIT"
        if self.account_class not in ACCOUNT_CLASSES:
            return "account_class", "must be I, II or III"
        if self.contract_daily_t1_fen is not None and self.contract_daily_t1_fen < 0:
            return "contract_t1", "cannot be negative"
        return None

    def institution(self) -> Institution:
        return Institution(self.institution_name, self.rating, self.rating_valid_from,
                           self.rating_valid_to, self.real_name_ratio_bp,
                           self.art37_bank_agreement)

    def customer(self) -> Customer:
        return Customer(self.customer_type, self.account_class, True,
                        self.contract_daily_t1_fen, self.real_name_confirmed)


_DATES = ("rating_valid_from", "rating_valid_to", "class_since")
_FLAGS = ("art37_bank_agreement", "real_name_confirmed")
_FIELDS = tuple(f.name for f in dataclasses.fields(AccountProfile))


def load_profile(db: sqlite_utils.Database) -> AccountProfile | None:
    """The stored profile, or None when the merchant has not entered one yet."""
    cursor = db.execute(f"SELECT {', '.join(_FIELDS)} FROM account_profile WHERE id = 1")
    row = cursor.fetchone()
    if row is None:
        return None
    values = dict(zip(_FIELDS, row, strict=True))
    for name in _DATES:
        values[name] = dt.date.fromisoformat(values[name]) if values[name] else None
    for name in _FLAGS:
        values[name] = bool(values[name])
    values["institution_name"] = values["institution_name"] or ""
    values["customer_type"] = values["customer_type"] or "INDIVIDUAL"
    values["account_class"] = values["account_class"] or "II"
    return AccountProfile(**values)


def save_profile(db: sqlite_utils.Database, log: OperationLog,
                 profile: AccountProfile) -> dict[str, tuple[object, object]]:
    """Store the profile and log what changed (old and new values); returns the changes.
    Saving an identical profile changes and logs nothing."""
    found = profile.problem()
    if found:
        raise ProfileValueError(f"Account profile: {found[0]} {found[1]}.", field=found[0])
    old = load_profile(db)
    changes = _changes(old or AccountProfile(), profile, first=old is None)
    if not changes:
        return {}
    values = {name: _stored(getattr(profile, name)) for name in _FIELDS}
    with db.atomic():
        db.execute(
            f"INSERT INTO account_profile (id, {', '.join(_FIELDS)}, updated_at_utc_ms) "
            f"VALUES (1, {', '.join('?' for _ in _FIELDS)}, ?) ON CONFLICT(id) DO UPDATE SET "
            + ", ".join(f"{name} = excluded.{name}" for name in (*_FIELDS, "updated_at_utc_ms")),
            [*values.values(), now_ms()])
        log.append(LIMIT_PROFILE_CHANGED, target_type="account", target_id="profile",
                   details={name: [_stored(a), _stored(b)] for name, (a, b) in changes.items()})
    return changes


def _changes(old: AccountProfile, new: AccountProfile, *,
             first: bool) -> dict[str, tuple[object, object]]:
    return {name: (getattr(old, name), getattr(new, name)) for name in _FIELDS
            if first or getattr(old, name) != getattr(new, name)}


def _stored(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value
