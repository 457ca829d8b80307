"""Table model over the active verification factors (a handful of rows: no paging).

Rows are app.factors.EnrolledFactor: what a factor is, who holds it and where, and public
certificate facts. No secret is ever in a row, so none can reach a cell, a tooltip or the
accessibility tree.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from app.factors import EnrolledFactor
from app.shanghai_time import SHANGHAI, format_recent
from ui import factor_labels as words
from ui.models.paged_model import PagedTableModel

NAME, TYPE, CATEGORY, HELD_BY, WHERE, DETAILS, LAST_TEST = range(7)
_RESULT_COLOURS = {"PASS": "#1a7f37", "FAIL": "#cf222e"}
_EXPIRED = "#cf222e"
_CN = re.compile(r"(?:^|,)CN=((?:\\.|[^,\\])+)")


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("FactorsModel", "Name"),
        QCoreApplication.translate("FactorsModel", "Type"),
        QCoreApplication.translate("FactorsModel", "Category"),
        QCoreApplication.translate("FactorsModel", "Held by"),
        QCoreApplication.translate("FactorsModel", "Where"),
        QCoreApplication.translate("FactorsModel", "Details"),
        QCoreApplication.translate("FactorsModel", "Last test"),
    ]


class FactorsModel(PagedTableModel[EnrolledFactor]):
    """All rows at once, given by set_factors."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(column_titles(), parent)
        self._exhausted = True

    @property
    def factors(self) -> list[EnrolledFactor]:
        return self.rows

    def set_factors(self, factors: list[EnrolledFactor]) -> None:
        self.beginResetModel()
        self._rows = list(factors)
        self.endResetModel()

    def next_page(self, last: EnrolledFactor | None) -> tuple[list[EnrolledFactor], bool]:
        return [], True

    def cell(self, factor: EnrolledFactor, column: int, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _display(factor, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(factor, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == LAST_TEST and factor.test_result in _RESULT_COLOURS:
                return QColor(_RESULT_COLOURS[factor.test_result])
            if column == DETAILS and _expired(factor):
                return QColor(_EXPIRED)
        if role == Qt.ItemDataRole.UserRole:
            return factor.id
        return None


def _display(factor: EnrolledFactor, column: int) -> str:
    values = {
        NAME: _name(factor),
        TYPE: words.factor_type(factor.type),
        CATEGORY: words.category(factor.category),
        HELD_BY: words.held_by(factor.held_by),
        WHERE: words.device(factor.device),
        DETAILS: _details(factor),
        LAST_TEST: _last_test(factor),
    }
    return values[column]


def _name(factor: EnrolledFactor) -> str:
    """The merchant's own name for it; the registry's default names (the type code, or
    "Password" for the password) are shown as the type in the person's language."""
    if factor.label in (factor.type, "Password", "Authenticator"):
        return words.factor_type(factor.type)
    return factor.label


def _details(factor: EnrolledFactor) -> str:
    """A certificate's name (its subject's CN, else the whole subject) and its end date;
    the full facts are in the tooltip."""
    subject = factor.facts.get("subject")
    if factor.facts.get("reader"):
        return QCoreApplication.translate("FactorsModel", "%1 · checked by the system")\
            .replace("%1", factor.facts["reader"])
    if not subject:
        return ""
    subject = common_name(subject) or subject
    until = valid_until(factor)
    if until is None:
        return subject
    template = (QCoreApplication.translate("FactorsModel", "%1 · expired on %2")
                if _expired(factor) else
                QCoreApplication.translate("FactorsModel", "%1 · valid until %2"))
    return template.replace("%1", subject).replace("%2", until.strftime("%Y-%m-%d"))


def common_name(subject: str) -> str:
    """The CN of an RFC 4514 subject ("CN=Shop 3,O=Bank" → "Shop 3"), or ""."""
    match = _CN.search(subject)
    return re.sub(r"\\(.)", r"\1", match.group(1)) if match else ""


def _last_test(factor: EnrolledFactor) -> str:
    if factor.tested_at_utc_ms is None:
        return "—"
    return f"{format_recent(factor.tested_at_utc_ms)} · {words.test_result(factor.test_result)}"


def _tooltip(factor: EnrolledFactor, column: int) -> str | None:
    if column == DETAILS and factor.facts.get("subject"):
        facts = factor.facts
        lines = [
            (QCoreApplication.translate("FactorsModel", "Subject"), facts.get("subject", "")),
            (QCoreApplication.translate("FactorsModel", "Issuer"), facts.get("issuer", "")),
            (QCoreApplication.translate("FactorsModel", "Serial"), facts.get("serial", "")),
            (QCoreApplication.translate("FactorsModel", "Key"), facts.get("key_type", "")),
            (QCoreApplication.translate("FactorsModel", "SHA-256"),
             facts.get("sha256_fingerprint", "")),
        ]
        return "\n".join(f"{name}: {value}" for name, value in lines if value)
    if column == DETAILS and factor.facts.get("fingers"):
        return QCoreApplication.translate(
            "FactorsModel", "Enrolled in the system: %1. The system matches them; PosDesk "
            "keeps nothing of a fingerprint.").replace("%1", factor.facts["fingers"])
    if column == HELD_BY and factor.facts.get("reader"):
        return QCoreApplication.translate(
            "FactorsModel", "This computer's fingerprint reader: the system checks the "
            "finger and tells PosDesk only whether it matched.")
    if column == HELD_BY:
        return (QCoreApplication.translate(
            "FactorsModel", "Your institution holds and checks this factor; PosDesk keeps "
            "no secret for it.") if not factor.testable else QCoreApplication.translate(
            "FactorsModel", "Its secret is kept in this computer's keyring, never in the "
            "database."))
    return None


def valid_until(factor: EnrolledFactor) -> dt.datetime | None:
    raw = factor.facts.get("not_after")
    if not raw:
        return None
    try:
        moment = dt.datetime.fromisoformat(raw)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(SHANGHAI)


def _expired(factor: EnrolledFactor) -> bool:
    until = valid_until(factor)
    return until is not None and until < dt.datetime.now(dt.UTC)
