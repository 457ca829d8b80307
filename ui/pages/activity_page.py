"""Activity log: every recorded operation (spec 8), newest first, filtered and searched;
its integrity verified, exported for an auditor, and old entries removed on request.

Reading a filter (the count and the first page) and the distinct operations and targets
runs off the GUI thread with a connection of its own: a search scans the whole log. Later
pages are read as the table scrolls. Answers to a filter the person has already changed
are dropped. Verifying, exporting and removing run on a worker's own profile view, with
progress shown on the page's bar.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from app import oplog_query
from app.operator_check import Proof
from app.oplog import DATA_EXPORT, ChainReport, OplogEntry
from app.oplog_export import OplogExportResult, export_oplog
from app.oplog_integrity import check_and_record
from app.oplog_query import OplogFilter
from app.profile import Profile
from app.progress import Cancelled
from app.shanghai_time import format_local, now_ms, today_cn
from app.storage import connect, database_file
from ui.background import run_in_background
from ui.error_messages import error_text
from ui.models.oplog_model import DETAILS, OplogModel
from ui.operator_check_dialog import OperatorCheckDialog, confirm_operator
from ui.oplog_entry_dialog import OplogEntryDialog
from ui.oplog_purge_dialog import OplogPurgeDialog
from ui.pages.oplog_filter_bar import OplogFilterBar
from ui.pages.page_parts import PageHeader, data_table
from ui.shiboken_workaround import emit


@dataclass(frozen=True)
class Reading:
    """One answer from the reader: a filter's count and first rows, and (on a refresh)
    the operations and targets present."""

    query: OplogFilter
    total: int
    rows: list[OplogEntry]
    choices: tuple[list[str], list[str], dt.date | None] | None


def read_entries(db_path: Path, query: OplogFilter, limit: int, with_choices: bool) -> Reading:
    """Runs on a worker: its own connection, opened and closed here."""
    db = connect(db_path, migrate=False)
    try:
        choices = ((oplog_query.op_types(db), oplog_query.target_types(db),
                    oplog_query.oldest_day(db)) if with_choices else None)
        return Reading(query, oplog_query.count(db, query),
                       oplog_query.page(db, query, None, limit), choices)
    finally:
        db.close()


class ActivityPage(QWidget):
    loaded = Signal()                 # the current filter's entries and count are shown
    verified = Signal(object)         # the ChainReport of a finished check
    exported = Signal(object)         # the OplogExportResult of a finished export

    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.db = profile.db
        self.reading: Reading | None = None
        self.report: ChainReport | None = None
        self.check_dialog: OperatorCheckDialog | None = None
        self._ticket = 0
        self._busy = False
        self._progress = [0, 0]
        self._cancel = threading.Event()
        self.filters = OplogFilterBar()
        self.query = self.filters.current()
        self.model = OplogModel(self.db, self)
        self.header = PageHeader(
            self.tr("Activity log"),
            self.tr("Every sign-in, change and data operation, kept at least five years. "
                    "Entries cannot be edited: each one is chained to the one before it. "
                    "Press Enter or double-click an entry for every detail; Ctrl+F "
                    "searches."))
        self.table = data_table(self.model, "activityTable", DETAILS, self.tr("Activity log"))
        self.table.activated.connect(self.open_details)
        self.empty = QLabel(self.tr("Loading…"))
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.setCurrentWidget(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.filters)
        layout.addWidget(self._actions_bar())
        layout.addWidget(self._verdict_row())
        layout.addLayout(self.stack, 1)
        self._timer = QTimer(self, interval=100)
        self._timer.timeout.connect(self._show_progress)
        self.filters.changed.connect(self.apply)
        QShortcut(QKeySequence.StandardKey.Find, self, self.filters.search.setFocus)
        self.refresh()

    # -- building ------------------------------------------------------------------------
    def _actions_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("totalsBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 2, 8, 2)
        self.count_label = QLabel()
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setObjectName("activityProgress")
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setFixedWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.clicked.connect(self._cancel.set)
        self.cancel_button.hide()
        self.verify_button = QPushButton(self.tr("&Verify integrity"))
        self.verify_button.setToolTip(self.tr("Check every entry against its hash and the "
                                              "one before it"))
        self.verify_button.clicked.connect(self.verify)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setToolTip(self.tr("Save the entries shown (as filtered) to a CSV "
                                              "file with their hashes, for an auditor"))
        self.export_button.clicked.connect(lambda: self.export())
        self.purge_button = QPushButton(self.tr("Re&move old entries…"))
        self.purge_button.clicked.connect(self.remove_old)
        row.addWidget(self.count_label)
        row.addStretch(1)
        for widget in (self.progress, self.cancel_button, self.verify_button,
                       self.export_button, self.purge_button):
            row.addWidget(widget)
        return bar

    def _verdict_row(self) -> QWidget:
        """What the last check found, with a way to the first broken entry."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.verdict = QLabel()               # what went well
        self.alarm = QLabel()                 # what did not: the integrity check failed
        self.alarm.setObjectName("warningBanner")
        for label in (self.verdict, self.alarm):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            row.addWidget(label, 1)
        self.jump_button = QPushButton()
        self.jump_button.clicked.connect(self._jump_to_bad)
        self.jump_button.hide()
        row.addWidget(self.jump_button)
        self.verdict_row = box
        box.hide()
        return box

    # -- reading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read again for the current filter, and the operations and targets present
        (after anything may have logged an operation); keeps the reading position."""
        self._read(self.filters.current(), with_choices=True)

    def apply(self, query: OplogFilter) -> None:
        self._read(query, with_choices=False)

    def _read(self, query: OplogFilter, with_choices: bool) -> None:
        same = self.reading is not None and self.reading.query == query
        limit = max(oplog_query.PAGE_SIZE, self.model.rowCount() if same else 0)
        self.query = query
        self._ticket += 1
        ticket = self._ticket
        self.count_label.setText(self.tr("Counting…"))
        path = database_file(self.db)

        def deliver(reading: Reading) -> None:
            if ticket == self._ticket:
                self._show(reading, keep_position=same)
        run_in_background(lambda: read_entries(path, query, limit, with_choices), deliver,
                          self._read_failed, owner=self)

    def _show(self, reading: Reading, keep_position: bool) -> None:
        if reading.choices is not None:
            self.filters.set_choices(*reading.choices)
            if self.filters.current() != reading.query:    # a chosen code is gone
                self.apply(self.filters.current())
                return
        scrolled = self.table.verticalScrollBar().value() if keep_position else 0
        self.reading = reading
        self.model.show(reading.query, reading.rows, reading.total)
        self.table.verticalScrollBar().setValue(scrolled)
        self.count_label.setText(self.tr("%1 entries").replace("%1", f"{reading.total:,}"))
        self.export_button.setEnabled(reading.total > 0 and not self._busy)
        if reading.total:
            self.stack.setCurrentWidget(self.table)
        else:
            self.empty.setText(self._empty_text())
            self.stack.setCurrentWidget(self.empty)
        emit(self.loaded)

    def _empty_text(self) -> str:
        if self.filters.is_default():
            return self.tr("Nothing has been recorded yet.\nSign-ins, terminal pairings, "
                           "syncs, imports, exports and changes to settings appear here as "
                           "they happen.")
        return self.tr("No entries match these filters.\n"
                       "Choose a longer period, another operation, or press Reset filters.")

    def _read_failed(self, error: BaseException) -> None:
        self.count_label.setText(self.tr("Could not read the activity log: %1")
                                 .replace("%1", error_text(error)))

    # -- details and jumping -------------------------------------------------------------
    def open_details(self, index: QModelIndex) -> OplogEntryDialog | None:
        entry = self.model.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        dialog = OplogEntryDialog(entry, self)
        dialog.open()
        return dialog

    def show_entry(self, entry_id: int) -> bool:
        """Clear the filters and show the log from this entry down, the entry selected."""
        rows = oplog_query.page_from(self.db, entry_id)
        if not rows:
            return False
        self.filters.blockSignals(True)
        self.filters.clear()
        self.filters.blockSignals(False)
        self._ticket += 1                         # an answer still on its way is stale
        self.query = self.filters.current()
        self.reading = None
        self.model.show(self.query, rows, None)
        self.stack.setCurrentWidget(self.table)
        self.count_label.setText(self.tr("Entry %1 and the ones before it. Press Reset "
                                         "filters for the newest.")
                                 .replace("%1", f"{entry_id:,}"))
        self.table.selectRow(0)
        self.table.scrollToTop()
        self.table.setFocus()
        return True

    def _jump_to_bad(self) -> None:
        if self.report is not None and self.report.first_bad_id is not None:
            self.show_entry(self.report.first_bad_id)

    # -- verifying -----------------------------------------------------------------------
    def verify(self) -> None:
        if self._busy:
            return
        self._start(self.tr("Verifying…"), cancellable=False)

        def work(view: Profile) -> ChainReport:
            return check_and_record(view.db, view.oplog, "activity page", self._set_progress)
        self._on_worker(work, self._verified)

    def _verified(self, report: ChainReport) -> None:
        self._stop()
        self._say(self.verdict_text(report), alarm=not report.ok)
        self.report = report
        bad = report.first_bad_id
        self.jump_button.setVisible(bad is not None)
        if bad is not None:
            self.jump_button.setText(self.tr("&Show entry %1").replace("%1", f"{bad:,}"))
        if not report.ok:
            self.refresh()                   # the failed check was logged
        emit(self.verified, report)

    def verdict_text(self, report: ChainReport) -> str:
        when = format_local(now_ms(), seconds=False)
        if report.ok:
            text = (self.tr("Intact: all %1 entries verified (%2).")
                    .replace("%1", f"{report.checked:,}").replace("%2", when))
            if report.purged:
                text += " " + self.tr("%1 older entries were removed by retention purges "
                                      "on record.").replace("%1", f"{report.purged:,}")
            return text
        bad = f"{report.first_bad_id:,}" if report.first_bad_id is not None else ""
        texts = {
            "changed": self.tr("Broken: entry %1 was changed after it was written (its "
                               "contents do not match its hash)."),
            "moved": self.tr("Broken: entry %1 does not follow the entry before it; an "
                             "entry before it was deleted, inserted or moved."),
            "truncated": self.tr("Broken: the log ends early; its newest entries were "
                                 "deleted."),
            "floor": self.tr("Broken: entries before entry %1 were deleted outside a "
                             "recorded purge."),
        }
        text = texts.get(report.kind, report.problem).replace("%1", bad)
        return text + " " + self.tr("%1 entries before that verified. The failed check "
                                    "was recorded.").replace("%1", f"{report.checked:,}")

    # -- exporting -----------------------------------------------------------------------
    def export(self, path: Path | None = None) -> None:
        """The entries the page shows (its filter) to CSV; asks where unless given."""
        if self._busy:
            return
        target = path or self._choose_file()
        if target is None:
            return
        query = self.query
        self.check_dialog = confirm_operator(self, self.profile, DATA_EXPORT,
                                             lambda proof: self._export(target, query, proof))

    def _choose_file(self) -> Path | None:
        suggested = Path.home() / f"activity-log-{today_cn().isoformat()}.csv"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export the activity log"),
                                                str(suggested), self.tr("CSV (*.csv)"))
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".csv" else path.with_name(path.name + ".csv")

    def _export(self, target: Path, query: OplogFilter, proof: Proof) -> None:
        self._cancel.clear()
        self._start(self.tr("Exporting…"), cancellable=True)

        def work(view: Profile) -> OplogExportResult:
            with view.oplog.verified_as(proof.categories):
                return export_oplog(view.db, view.oplog, query, target, self._set_progress,
                                    self._cancel)
        self._on_worker(work, self._exported)

    def _exported(self, result: OplogExportResult) -> None:
        self._stop()
        self._say(self.tr("Exported %1 entries to %2. The file's row hashes let an auditor "
                          "re-verify them (docs/activity-log.md).")
                  .replace("%1", f"{result.rows:,}").replace("%2", str(result.path)))
        self.refresh()                        # the export itself was logged
        emit(self.exported, result)

    # -- removing old entries ------------------------------------------------------------
    def remove_old(self) -> OplogPurgeDialog:
        dialog = OplogPurgeDialog(self.profile, self)
        dialog.exec()
        if dialog.removed:
            self.refresh()
        return dialog

    # -- background work and progress ----------------------------------------------------
    def _on_worker(self, work: Callable[[Profile], Any], done: Callable[[Any], None]) -> None:
        def on_worker() -> Any:
            view = self.profile.for_thread()    # SQLite connections belong to one thread
            try:
                return work(view)
            finally:
                view.close()
        run_in_background(on_worker, done, self._work_failed, owner=self)

    def _work_failed(self, error: BaseException) -> None:
        self._stop()
        cancelled = isinstance(error, Cancelled)
        self._say(self.tr("Export cancelled; no file was written.") if cancelled
                  else error_text(error), alarm=not cancelled)
        self.refresh()

    def _say(self, text: str, alarm: bool = False) -> None:
        """One line above the table: an outcome, or in a warning banner a failure."""
        self.report = None
        shown, other = (self.alarm, self.verdict) if alarm else (self.verdict, self.alarm)
        shown.setText(text)
        shown.show()
        other.hide()
        self.jump_button.hide()
        self.verdict_row.show()

    def _set_progress(self, done: int, total: int) -> None:
        """From the worker: only stored; the timer shows it on the GUI thread."""
        self._progress = [done, total]

    def _show_progress(self) -> None:
        done, total = self._progress
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _start(self, what: str, cancellable: bool) -> None:
        self._busy = True
        self._progress = [0, 0]
        self.progress.setFormat(what + " %p%")
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.setVisible(cancellable)
        for button in (self.verify_button, self.export_button, self.purge_button):
            button.setEnabled(False)
        self._timer.start()

    def _stop(self) -> None:
        self._busy = False
        self._timer.stop()
        self.progress.hide()
        self.cancel_button.hide()
        for button in (self.verify_button, self.purge_button):
            button.setEnabled(True)
        self.export_button.setEnabled(bool(self.reading and self.reading.total))

    def shutdown(self) -> None:
        """Stop an export in progress (the window is closing)."""
        self._cancel.set()
