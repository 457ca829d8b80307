"""Remove old transactions (retention, spec 6.3): shows what would go before anything goes.

The plan is measured off the GUI thread as the date changes; removing asks once more,
naming the count, because it cannot be undone. The last year cannot even be chosen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.profile import Profile
from app.shanghai_time import query_window_start, today_cn
from app.txn_purge import RETENTION_YEARS, PurgePlan, default_cutoff, plan_purge, run_purge
from ui.background import run_in_background
from ui.error_messages import error_text


class PurgeDialog(QDialog):
    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.plan: PurgePlan | None = None
        self.removed = 0
        self._notice = ""
        self.setWindowTitle(self.tr("Remove old transactions"))
        today = today_cn()
        window = query_window_start(today)
        intro = QLabel(self.tr(
            "PosDesk keeps transactions for %1 years. Older ones can be removed here; "
            "transactions since %2 (the last year) are always kept.")
            .replace("%1", str(RETENTION_YEARS)).replace("%2", window.isoformat()))
        intro.setWordWrap(True)
        self.before = QDateEdit(_qdate(default_cutoff(today)))
        self.before.setObjectName("purgeBefore")
        self.before.setDisplayFormat("yyyy-MM-dd")
        self.before.setCalendarPopup(True)
        self.before.setMaximumDate(_qdate(window))
        self.outcome = QLabel()
        self.outcome.setObjectName("purgeOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        form = QFormLayout()
        form.addRow(self.tr("Remove transactions &dated before:"), self.before)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.remove_button = QPushButton(self.tr("&Remove…"))
        self.remove_button.setObjectName("purgeRemove")
        self.remove_button.setEnabled(False)
        self.buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button.clicked.connect(self.remove)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.measure)
        self.before.dateChanged.connect(lambda _: self._timer.start())
        self.measure()

    def chosen(self) -> dt.date:
        return self.before.date().toPython()  # type: ignore[no-any-return]

    def measure(self) -> None:
        """Plan the purge for the chosen date (off the GUI thread: a few index scans)."""
        before = self.chosen()
        self.plan = None
        self.remove_button.setEnabled(False)
        self.outcome.setText(self.tr("Counting…"))
        self._work(lambda view: plan_purge(view.db, before), self._planned)

    def _planned(self, plan: PurgePlan) -> None:
        if plan.before != self.chosen():
            return                      # the date changed meanwhile; its own answer follows
        self.plan = plan
        notice, self._notice = self._notice, ""
        self.outcome.setText((notice + "\n\n" if notice else "") + self.describe(plan))
        self.remove_button.setEnabled(plan.rows > 0)

    def describe(self, plan: PurgePlan) -> str:
        before = plan.before.isoformat()
        if plan.rows:
            text = (self.tr("%1 transactions dated %2 to %3 will be removed.")
                    .replace("%1", f"{plan.rows:,}").replace("%2", plan.oldest or "")
                    .replace("%3", plan.newest or ""))
        else:
            text = self.tr("No transactions before %1 can be removed.").replace("%1", before)
        if plan.older_kept:
            text += " " + self.tr(
                "%1 older transactions stay: a newer transaction comes before them in the "
                "tamper-evident chain, or a kept refund, void or dispute refers to them."
            ).replace("%1", f"{plan.older_kept:,}")
        return text

    def remove(self) -> None:
        plan = self.plan
        if plan is None or not plan.rows or not self.confirm(plan):
            return
        self.remove_button.setEnabled(False)
        self.before.setEnabled(False)
        self.outcome.setText(self.tr("Removing…"))
        self._work(lambda view: run_purge(view.db, view.oplog, plan), self._removed)

    def confirm(self, plan: PurgePlan) -> bool:
        """The one question before data goes for good (tests answer it themselves)."""
        answer = QMessageBox.warning(
            self, self.tr("Remove old transactions"),
            self.tr("Remove %1 transactions for good? This cannot be undone. Export them "
                    "first if you may need them.").replace("%1", f"{plan.rows:,}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def _removed(self, removed: int) -> None:
        self.removed = removed
        self.before.setEnabled(True)
        self.outcome.setText(self.tr("%1 transactions were removed. The rest still verify.")
                             .replace("%1", f"{removed:,}"))

    def _failed(self, error: BaseException) -> None:
        self.before.setEnabled(True)
        facts = getattr(error, "facts", {})
        texts = {
            "broken": self.tr("Nothing was removed: the transaction history fails its "
                              "integrity check at row %1, and removing rows would hide the "
                              "evidence. See the Activity log."),
            "changed": self.tr("Nothing was removed: new transactions arrived meanwhile. "
                               "Check the numbers above and try again."),
        }
        text = texts.get(str(facts.get("why", "")))
        self.outcome.setText(text.replace("%1", str(facts.get("bad_id", ""))) if text
                             else error_text(error))
        if facts.get("why") == "changed":
            self._notice = self.outcome.text()
            self.measure()

    def _work(self, work: Callable[[Profile], Any], done: Callable[[Any], None]) -> None:
        def on_worker() -> Any:
            view = self.profile.for_thread()    # SQLite connections belong to one thread
            try:
                return work(view)
            finally:
                view.close()
        run_in_background(on_worker, done, self._failed, owner=self)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
