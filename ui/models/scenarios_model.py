"""Table model over the scenario policies (a handful of rows: no paging).

Rows are (policy, flagged transactions in the last 30 days, its latest payment token): the
policy's name, what it covers, what it allows in one line, its token, whether it is on, and
how often it was broken.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from app.scenario_policy import ScenarioPolicy
from app.scenario_tokens import ScenarioToken
from ui import scenario_labels as words
from ui.models.paged_model import PagedTableModel

NAME, COVERS, RULES, TOKEN, FLAGGED, STATE = range(6)
_OFF = QColor("#8a8f98")
_FLAGGED = QColor("#b35c00")


@dataclass(frozen=True)
class ScenarioRow:
    policy: ScenarioPolicy
    flagged_30_days: int
    token: ScenarioToken | None = None


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("ScenariosModel", "Name"),
        QCoreApplication.translate("ScenariosModel", "Covers"),
        QCoreApplication.translate("ScenariosModel", "Allows"),
        QCoreApplication.translate("ScenariosModel", "Token"),
        QCoreApplication.translate("ScenariosModel", "Flagged (30 days)"),
        QCoreApplication.translate("ScenariosModel", "State"),
    ]


class ScenariosModel(PagedTableModel[ScenarioRow]):
    """All rows at once, given by set_rows."""

    right_aligned = frozenset({FLAGGED})

    def __init__(self, parent: object = None) -> None:
        super().__init__(column_titles(), parent)
        self._exhausted = True

    def set_rows(self, rows: list[ScenarioRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def next_page(self, last: ScenarioRow | None) -> tuple[list[ScenarioRow], bool]:
        return [], True

    def cell(self, row: ScenarioRow, column: int, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole):
            return _display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.policy.rules.enabled:
                return _OFF
            if column == FLAGGED and row.flagged_30_days:
                return _FLAGGED
            if column == TOKEN and row.token is not None and not row.token.live:
                return _FLAGGED
        if role == Qt.ItemDataRole.UserRole:
            return row.policy.id
        return None


def _display(row: ScenarioRow, column: int) -> str:
    policy = row.policy
    if column == NAME:
        return policy.name
    if column == COVERS:
        return words.scope_value(policy)
    if column == RULES:
        return words.describe(policy.rules)
    if column == TOKEN:
        return words.token_cell(row.token)
    if column == FLAGGED:
        return f"{row.flagged_30_days:,}"
    return (QCoreApplication.translate("ScenariosModel", "On") if policy.rules.enabled
            else QCoreApplication.translate("ScenariosModel", "Off"))
