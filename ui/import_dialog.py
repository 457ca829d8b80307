"""Importing an acquirer statement: check the column mapping, see a dry run, then import.

The steps a merchant goes through, in one dialog:
1. the file is opened off the GUI thread (format, encoding, header row, masked samples);
2. for a plain statement, each field shows the column it will come from, suggested from the
   headers or remembered from the last file of the same layout; fields no column feeds are
   marked, and Import stays off while a required one is missing (WeChat Pay and Alipay
   bills skip this step: their layout is built in);
3. "Check" runs the dry run: new, already imported and rejected rows, with each problem's
   row and column;
4. Import writes all of it or nothing, with a progress bar and Cancel, and remembers the
   mapping for the next file like it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.profile import Profile
from app.progress import Cancelled, Progress
from app.statement_import import ImportPlan, ImportResult, plan_import, run_import
from app.statement_mapping import FIELDS, describe, initial_mapping, remember_layout
from app.statement_reader import Statement, StatementError, read_statement
from ui.background import run_in_background
from ui.error_messages import error_text


class ImportDialog(QDialog):
    def __init__(self, profile: Profile, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.path = path
        self.statement: Statement | None = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self._progress: Progress | None = None
        self.setWindowTitle(self.tr("Import statement"))
        self.resize(760, 680)
        self.summary = QLabel(self.tr("Opening %1…").replace("%1", path.name))
        self.summary.setWordWrap(True)
        self.mapping_box = QGroupBox(self.tr("Columns"))
        self.mapping_form = QFormLayout(self.mapping_box)
        self.samples = QTableWidget()
        self.samples.setMaximumHeight(150)
        self.samples.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setAccessibleName(self.tr("Problems found"))
        self.problems.hide()
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.hide()
        self.remember = QCheckBox(self.tr("&Remember these columns for files like this one"))
        self.remember.setChecked(True)
        self.check_button = QPushButton(self.tr("&Check"))
        self.check_button.clicked.connect(self.check)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(self.tr("&Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("primaryButton")
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self._cancel)
        self.combos: dict[str, QComboBox] = {}
        self._timer = QTimer(self, interval=150)
        self._timer.timeout.connect(self._show_progress)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.mapping_box, 1)
        layout.addWidget(QLabel(self.tr("First rows of the file (card numbers masked):")))
        layout.addWidget(self.samples)
        layout.addWidget(self.outcome)
        layout.addWidget(self.problems)
        layout.addWidget(self.bar)
        layout.addWidget(self.remember)
        layout.addWidget(self.buttons)
        self._busy(True)
        self._background(lambda: read_statement(path), self._opened)

    # -- opening -------------------------------------------------------------------------
    def _opened(self, statement: Statement) -> None:
        self.statement = statement
        self._busy(False)
        size = (f"{statement.size_bytes:,} B" if statement.size_bytes < 10_240
                else f"{statement.size_bytes / 1024:,.0f} KiB")
        self.summary.setText(self.tr("%1 · %2 · %3 · header on row %4")
                             .replace("%1", statement.name)
                             .replace("%2", self._format_name(statement))
                             .replace("%3", size).replace("%4", str(statement.header_row)))
        self._fill_samples(statement)
        if statement.builtin:
            self.mapping_box.hide()
            self.remember.hide()
            self.outcome.setText(self.tr("This bill's layout is known; no columns to choose. "
                                         "Press Check to see what it holds."))
        else:
            self._fill_mapping(statement)
        self._update_mapping_state()

    def _format_name(self, statement: Statement) -> str:
        names = {"wechat": self.tr("WeChat Pay trade bill"),
                 "alipay": self.tr("Alipay bill"), "xlsx": self.tr("Excel workbook"),
                 "csv": self.tr("CSV text (%1)").replace("%1", statement.encoding or "")}
        return names.get(statement.format, statement.format)

    def _fill_samples(self, statement: Statement) -> None:
        self.samples.setColumnCount(len(statement.headers))
        self.samples.setHorizontalHeaderLabels(list(statement.headers))
        self.samples.setRowCount(len(statement.sample_rows[:5]))
        for r, row in enumerate(statement.sample_rows[:5]):
            for c, cell in enumerate(row[:len(statement.headers)]):
                self.samples.setItem(r, c, QTableWidgetItem(cell))
        self.samples.resizeColumnsToContents()

    def _fill_mapping(self, statement: Statement) -> None:
        mapping, origin = initial_mapping(self.profile.db, statement.headers)
        chinese = QLocale().language() == QLocale.Language.Chinese
        note = (self.tr("Columns remembered from an earlier file of this layout.")
                if origin.startswith("remembered") else
                self.tr("Columns suggested from the header row; check them."))
        self.mapping_form.addRow(QLabel(note))
        for name, field in FIELDS.items():
            combo = QComboBox()
            combo.addItem(self.tr("— not in this file —"), "")
            for header in statement.headers:
                if header:
                    combo.addItem(header, header)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(name, ""))))
            combo.currentIndexChanged.connect(self._update_mapping_state)
            label = field.label_zh if chinese else field.label_en
            self.combos[name] = combo
            self.mapping_form.addRow(f"{label}{' *' if field.required else ''}", combo)

    def mapping(self) -> dict[str, str]:
        return {name: combo.currentData() for name, combo in self.combos.items()
                if combo.currentData()}

    def _update_mapping_state(self) -> None:
        self.plan = None
        self.problems.hide()
        if self.statement is None:
            return
        if self.statement.builtin:
            self.import_button.setEnabled(True)
            return
        described = describe(self.statement.headers, self.mapping())
        chinese = QLocale().language() == QLocale.Language.Chinese
        if described.sensitive:
            self.outcome.setText(self.tr("This file has columns that may hold card security "
                                         "data (%1); it cannot be imported. Ask the acquirer "
                                         "for a statement without them.")
                                 .replace("%1", ", ".join(described.sensitive)))
        elif described.missing_required:
            names = [FIELDS[n].label_zh if chinese else FIELDS[n].label_en
                     for n in described.missing_required if n in FIELDS]
            self.outcome.setText(self.tr("Choose a column for: %1.")
                                 .replace("%1", ", ".join(names or described.missing_required)))
        else:
            self.outcome.setText(self.tr("Every required field has a column. Press Check for a "
                                         "dry run, or Import."))
        self.import_button.setEnabled(described.complete)
        self.check_button.setEnabled(described.complete)

    # -- dry run and import ------------------------------------------------------------
    def check(self) -> None:
        statement, mapping = self.statement, self._mapping_or_none()
        if statement is None:
            return
        self._busy(True)
        self._background(lambda: self._with_connection(
            lambda view: plan_import(view.db, statement, mapping, self._progress_callback())),
            self._checked)

    def _checked(self, plan: ImportPlan) -> None:
        self._busy(False)
        self.plan = plan
        self.outcome.setText(self.tr("%1 rows: %2 new, %3 already imported, %4 rejected.")
                             .replace("%1", f"{plan.rows:,}").replace("%2", f"{plan.new:,}")
                             .replace("%3", f"{plan.duplicate:,}")
                             .replace("%4", f"{plan.rejected:,}")
                             + ("" if plan.ok else " " + self.tr(
                                 "Nothing can be imported until these rows are fixed.")))
        self._show_problems(plan.errors)
        self.import_button.setEnabled(plan.ok and plan.new > 0)

    def start_import(self) -> None:
        statement, mapping = self.statement, self._mapping_or_none()
        if statement is None:
            return
        self._busy(True)
        self._background(lambda: self._with_connection(
            lambda view: run_import(view.db, view.oplog, statement, mapping,
                                    self._progress_callback())), self._imported)

    def _imported(self, result: ImportResult) -> None:
        self._busy(False)
        self.result = result
        statement = self.statement
        if statement is not None and not statement.builtin and self.remember.isChecked():
            remember_layout(self.profile.db, self.profile.oplog, statement.headers,
                            self.mapping())
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, Cancelled):
            self.outcome.setText(self.tr("Cancelled. Nothing was imported."))
            return
        if isinstance(error, StatementError):
            self.outcome.setText(self.tr("Not imported; nothing was written. %1")
                                 .replace("%1", self._where(error)))
            self._show_problems(error.problems)
            return
        self.outcome.setText(error_text(error))

    def _where(self, error: StatementError) -> str:
        if error.row is None:
            return str(error)
        place = self.tr("Row %1").replace("%1", str(error.row))
        if error.column:
            place += self.tr(", column “%1”").replace("%1", error.column)
        detail = error.expected or str(error)
        return f"{place}: {detail}"

    def _show_problems(self, problems: list[StatementError]) -> None:
        self.problems.clear()
        for problem in problems:
            self.problems.addItem(self._where(problem))
        self.problems.setVisible(bool(problems))

    # -- plumbing ------------------------------------------------------------------------
    def _mapping_or_none(self) -> dict[str, str] | None:
        return None if self.statement is None or self.statement.builtin else self.mapping()

    def _with_connection(self, work: Callable[[Profile], Any]) -> Any:
        """On the worker: its own connection to the profile (SQLite connections belong to
        one thread); the import's one transaction runs there."""
        view = self.profile.for_thread()
        try:
            return work(view)
        finally:
            view.close()

    def _progress_callback(self) -> Callable[[int], None]:
        progress = self._progress = Progress()

        def report(done: int) -> None:
            progress.update(done, 0)         # raises Cancelled once Cancel was pressed
        return report

    def _background(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        run_in_background(work, done, self._failed, owner=self)

    def _busy(self, busy: bool) -> None:
        self.bar.setVisible(busy)
        self.check_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)
        self.mapping_box.setEnabled(not busy)
        if busy:
            self._timer.start()
        else:
            self._timer.stop()
            self._progress = None

    def _show_progress(self) -> None:
        if self._progress is not None:
            done, _, _ = self._progress.snapshot()
            if done:
                self.bar.setFormat(self.tr("%1 rows read").replace("%1", f"{done:,}"))
                self.bar.setTextVisible(True)

    def _cancel(self) -> None:
        """Cancel while working stops the work (nothing is written); otherwise closes."""
        if self._progress is not None:
            self._progress.cancel()
            return
        self.reject()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self._cancel()
            return
        super().keyPressEvent(event)
