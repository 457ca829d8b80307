"""Remove old activity entries (retention, spec 8): says what would go before anything goes.

The plan is read off the GUI thread when the dialog opens; removing asks once more, naming
the count, because it cannot be undone, and then asks the operator to confirm it is them
(two categories, as for an export: removing audit records is as sensitive as handing them
out). When nothing is old enough yet (every entry is
kept five years from the day it takes effect) the dialog says so and offers nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.operator_check import Proof
from app.oplog import OPLOG_PURGED, RETENTION_YEARS
from app.oplog_purge import OplogPurgePlan, plan_purge, run_purge
from app.profile import Profile
from ui.background import run_in_background
from ui.error_messages import error_text
from ui.operator_check_dialog import OperatorCheckDialog, confirm_operator


class OplogPurgeDialog(QDialog):
    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.plan: OplogPurgePlan | None = None
        self.removed = 0
        self.check_dialog: OperatorCheckDialog | None = None
        self._notice = ""
        self.setWindowTitle(self.tr("Remove old activity entries"))
        intro = QLabel(self.tr(
            "Every entry is kept at least %1 years from the day it takes effect, as the "
            "regulation requires. Only entries past that day can be removed, oldest first; "
            "what stays still verifies.").replace("%1", str(RETENTION_YEARS)))
        intro.setWordWrap(True)
        self.outcome = QLabel(self.tr("Counting…"))
        self.outcome.setObjectName("purgeOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.remove_button = QPushButton(self.tr("&Remove…"))
        self.remove_button.setObjectName("purgeRemove")
        self.remove_button.setEnabled(False)
        self.buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button.clicked.connect(self.remove)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.measure()

    def measure(self) -> None:
        self.plan = None
        self.remove_button.setEnabled(False)
        self._work(lambda view: plan_purge(view.db), self._planned)

    def _planned(self, plan: OplogPurgePlan) -> None:
        self.plan = plan
        notice, self._notice = self._notice, ""
        self.outcome.setText((notice + "\n\n" if notice else "") + self.describe(plan))
        self.remove_button.setEnabled(plan.entries > 0)

    def describe(self, plan: OplogPurgePlan) -> str:
        if plan.entries:
            text = (self.tr("%1 entries from %2 to %3 (Beijing time) are past their %4-year "
                            "retention and can be removed.")
                    .replace("%1", f"{plan.entries:,}").replace("%2", plan.oldest or "")
                    .replace("%3", plan.newest or "").replace("%4", str(RETENTION_YEARS)))
        elif plan.next_due:
            text = (self.tr("Nothing is old enough to remove yet. The oldest entry must be "
                            "kept until %1.").replace("%1", plan.next_due))
        else:
            text = self.tr("The activity log is empty: there is nothing to remove.")
        if plan.due_kept:
            text += " " + self.tr(
                "%1 other entries are past their retention too but stay for now: an entry "
                "that must be kept longer comes before them in the tamper-evident chain."
            ).replace("%1", f"{plan.due_kept:,}")
        return text

    def remove(self) -> None:
        plan = self.plan
        if plan is None or not plan.entries or not self.confirm(plan):
            return
        self.check_dialog = confirm_operator(self, self.profile, OPLOG_PURGED,
                                             lambda proof: self._purge(plan, proof))

    def _purge(self, plan: OplogPurgePlan, proof: Proof) -> None:
        self.remove_button.setEnabled(False)
        self.outcome.setText(self.tr("Checking the log's integrity, then removing…"))

        def work(view: Profile) -> int:
            with view.oplog.verified_as(proof.categories):
                return run_purge(view.db, view.oplog, plan)
        self._work(work, self._removed)

    def confirm(self, plan: OplogPurgePlan) -> bool:
        """The one question before entries go for good (tests answer it themselves)."""
        answer = QMessageBox.warning(
            self, self.tr("Remove old activity entries"),
            self.tr("Remove %1 activity entries from %2 to %3 for good? This cannot be "
                    "undone. Export them first if an auditor may ask for them.")
            .replace("%1", f"{plan.entries:,}").replace("%2", plan.oldest or "")
            .replace("%3", plan.newest or ""),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def _removed(self, removed: int) -> None:
        self.removed = removed
        self.outcome.setText(self.tr("%1 entries were removed. The rest still verify, and "
                                     "the removal itself is recorded in the log.")
                             .replace("%1", f"{removed:,}"))

    def _failed(self, error: BaseException) -> None:
        facts = getattr(error, "facts", {})
        texts = {
            "broken": self.tr("Nothing was removed: the activity log fails its integrity "
                              "check at entry %1, and removing entries would hide the "
                              "evidence. Use Verify integrity on the Activity page."),
            "changed": self.tr("Nothing was removed: the log changed meanwhile. Check the "
                               "numbers above and try again."),
        }
        text = texts.get(str(facts.get("why", "")))
        self.outcome.setText(text.replace("%1", str(facts.get("bad_id") or ""))
                             if text else error_text(error))
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
