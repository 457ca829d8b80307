"""Terminals: the paired readers with their status, and what can be done with them.

All device work runs on the device thread; the page only shows and asks. A timer keeps
statuses current (heartbeats every 30 s, with backoff for terminals that do not answer),
and a terminal that comes back is synced at once.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from app import terminal_actions as actions
from app.errors import PosDeskError
from app.progress import Cancelled, Progress
from app.terminal_status import HEARTBEAT_S
from ui.add_terminal_wizard import AddTerminalWizard
from ui.device_context import DeviceContext
from ui.error_messages import error_text
from ui.models.terminals_model import TerminalsModel
from ui.pages.page_parts import PageHeader, data_table
from ui.provisioning_dialog import ProvisioningDialog
from ui.shiboken_workaround import emit

REFRESH_MS = 5_000


class TerminalsPage(QWidget):
    transactions_changed = Signal()

    def __init__(self, context: DeviceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = TerminalsModel(self)
        self.backoff = actions.Backoff()
        self._busy: set[str] = set()
        self._refresh_queued = False
        self._refresh_again = False
        self._last_heartbeat = 0.0
        self.plugged_in: frozenset[str] | None = None   # paired terminals plugged in
        self._watching = False
        header = PageHeader(self.tr("Terminals"), self.tr(
            "Paired card and QR readers. Status comes from a heartbeat every 30 seconds, and a "
            "cable pulled or plugged back in is noticed within seconds; a terminal that comes "
            "back is synced at once."))

        self.add_button = QPushButton(self.tr("&Add terminal…"))
        self.add_button.setObjectName("primaryButton")
        self.add_button.setShortcut(QKeySequence.StandardKey.New)
        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.sync_button.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.rename_button = QPushButton(self.tr("&Rename…"))
        self.rename_button.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.unpair_button = QPushButton(self.tr("&Unpair…"))
        self.params_button = QPushButton(self.tr("Push &parameters…"))
        self.params_button.setToolTip(self.tr(
            "Send your acquirer's signed parameter file to the selected terminal"))
        self.provision_button = QPushButton(self.tr("Pro&vision…"))
        self.provision_button.setToolTip(self.tr(
            "Make a signed, short-lived QR code that sets up a terminal on site"))
        self.provision_button.clicked.connect(self.provision)
        self.add_button.clicked.connect(self.add_terminal)
        self.params_button.clicked.connect(lambda: self.push_params())
        self.sync_button.clicked.connect(self.sync_now)
        self.rename_button.clicked.connect(self.rename)
        self.unpair_button.clicked.connect(self.unpair)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.sync_button, self.rename_button,
                       self.params_button, self.provision_button, self.unpair_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.table = data_table(self.model, "terminalsTable", None, self.tr("Terminals"))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty = QLabel(self.tr(
            "No terminals yet.\nPlug a reader in or switch it on, then choose Add terminal."))
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.activity = QLabel()
        self.activity.setObjectName("pageSubtitle")
        self.activity.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)           # pages keep coming until the terminal says so
        self.progress_bar.setMaximumWidth(160)
        self.cancel_button = QPushButton(self.tr("Cancel sync"))
        self.cancel_button.clicked.connect(self._cancel_sync)
        self.progress_timer = QTimer(self)
        self.progress_timer.timeout.connect(self._show_progress)
        self._progress: Progress | None = None
        status_row = QHBoxLayout()
        status_row.addWidget(self.activity, 1)
        status_row.addWidget(self.progress_bar)
        status_row.addWidget(self.cancel_button)
        self.progress_bar.hide()
        self.cancel_button.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(buttons)
        layout.addLayout(self.stack)
        layout.addLayout(status_row)

        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(REFRESH_MS)
        self.refresh()

    # -- showing -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the list on the device thread; while one read is queued (behind a long
        sync, say) further requests are folded into it instead of piling up."""
        if self._refresh_queued:
            self._refresh_again = True      # the queued read may predate what asked for this
            return
        self._refresh_queued = True
        self.context.thread.run(lambda: actions.list_terminals(self.context.profile.db),
                                self._show, self._refresh_failed, owner=self)

    def _refresh_failed(self, error: BaseException) -> None:
        self._refresh_done()
        self._report(error)

    def _refresh_done(self) -> None:
        self._refresh_queued = False
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()

    def _show(self, views: list[actions.TerminalView]) -> None:
        self._refresh_done()
        selected = self.selected_id()
        self.model.set_views(views)
        self.stack.setCurrentWidget(self.table if views else self.empty)
        for row, view in enumerate(views):
            if view.terminal_id == selected:
                self.table.selectRow(row)
        self._update_buttons()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.views[rows[0].row()].terminal_id if rows else None

    def _selected_view(self) -> actions.TerminalView | None:
        selected = self.selected_id()
        return next((v for v in self.model.views if v.terminal_id == selected), None)

    def _update_buttons(self) -> None:
        view = self._selected_view()
        self.rename_button.setEnabled(view is not None)
        self.unpair_button.setEnabled(view is not None and view.paired)
        self.params_button.setEnabled(view is not None and view.paired
                                      and view.status not in ("BLOCKED", "RETIRED"))
        self.sync_button.setEnabled(any(v.paired and v.status not in ("BLOCKED", "RETIRED")
                                        for v in self.model.views))

    def _say(self, text: str) -> None:
        self.activity.setText(text)

    def _report(self, error: BaseException) -> None:
        self._say(error_text(error))

    # -- the heartbeat ---------------------------------------------------------------------
    def _tick(self) -> None:
        now = time.monotonic()
        if now - self._last_heartbeat >= HEARTBEAT_S:
            self._last_heartbeat = now
            for view in self.model.views:
                if view.paired and view.status not in ("BLOCKED", "RETIRED"):
                    self.check_in(view.terminal_id, now)
        self._watch_plugs()
        self.refresh()

    def _watch_plugs(self) -> None:
        """Every tick, ask which paired USB and serial terminals are plugged in: a pulled
        cable shows as offline within seconds, and a terminal plugged back in is checked in
        (and so synced) at once, without waiting for its heartbeat or backoff."""
        if self._watching:
            return
        self._watching = True

        def done(changes: actions.PlugChanges) -> None:
            self._watching = False
            self.plugged_in = changes.attached
            for terminal_id in changes.left:
                self._say(self.tr("%1 was disconnected.").replace("%1", terminal_id))
            for terminal_id in changes.arrived:
                self.backoff.succeeded(terminal_id)
                self.check_in(terminal_id)
            if changes.left:
                self.refresh()

        def failed(error: BaseException) -> None:
            self._watching = False

        ctx, before = self.context, self.plugged_in
        ctx.thread.run(lambda: actions.watch_plugs(ctx.profile, ctx.registry, before),
                       done, failed, owner=self)

    def check_in(self, terminal_id: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        if terminal_id in self._busy or not self.backoff.due(terminal_id, now):
            return
        self._busy.add(terminal_id)

        def done(result: object) -> None:
            self._busy.discard(terminal_id)
            self.backoff.succeeded(terminal_id)
            if result is not None:
                self._say(self.tr("%1 is back and was synced.").replace("%1", terminal_id))
                emit(self.transactions_changed)
            self.refresh()

        def failed(error: BaseException) -> None:
            self._busy.discard(terminal_id)
            self.backoff.failed(terminal_id, time.monotonic())
            self.refresh()

        ctx = self.context
        ctx.thread.run(lambda: actions.check_in(ctx.profile, ctx.registry, terminal_id,
                                                ctx.secrets), done, failed, owner=self)

    # -- actions ---------------------------------------------------------------------------
    def add_terminal(self) -> None:
        self.make_wizard().exec()

    def make_wizard(self) -> AddTerminalWizard:
        """The Add-terminal wizard, wired to this page (refresh, reload history, report)."""
        wizard = AddTerminalWizard(self.context, self)
        wizard.paired.connect(lambda _tid: self.refresh())
        wizard.synced.connect(self.transactions_changed)
        wizard.synced.connect(self.refresh)
        wizard.sync_failed.connect(self._say)
        return wizard

    def provision(self) -> None:
        """Field provisioning (docs/provisioning.md) for the selected terminal, or a new id."""
        view = self._selected_view()
        ProvisioningDialog(self.context.gui_profile, self.context.secrets,
                           view.terminal_id if view else "", self).exec()
        self.refresh()

    def sync_now(self) -> None:
        selected = self._selected_view()
        ids = [selected.terminal_id] if selected and selected.paired else [
            v.terminal_id for v in self.model.views
            if v.paired and v.status not in ("BLOCKED", "RETIRED")]
        ctx = self.context
        progress = Progress()
        self._start_progress(progress, ids)

        def work() -> list[tuple[str, int | PosDeskError]]:   # device thread: no widgets
            outcomes: list[tuple[str, int | PosDeskError]] = []
            for terminal_id in ids:
                try:
                    result = actions.sync_one(ctx.profile, ctx.registry, terminal_id,
                                              ctx.secrets, progress)
                    outcomes.append((terminal_id, result.new))
                except PosDeskError as exc:
                    outcomes.append((terminal_id, exc))
            return outcomes

        def done(outcomes: list[tuple[str, int | PosDeskError]]) -> None:
            self._stop_progress()
            self._say(" · ".join(
                self.tr("%1: %2 new").replace("%1", tid).replace("%2", f"{got:,}")
                if isinstance(got, int) else f"{tid}: {error_text(got)}"
                for tid, got in outcomes))
            emit(self.transactions_changed)
            self.refresh()

        def failed(error: BaseException) -> None:
            self._stop_progress()
            if isinstance(error, Cancelled):
                self._say(self.tr("Sync cancelled. What arrived is saved; Sync now continues "
                                  "where it stopped."))
                emit(self.transactions_changed)
            else:
                self._report(error)
            self.refresh()

        ctx.thread.run(work, done, failed, owner=self)

    def _start_progress(self, progress: Progress, ids: list[str]) -> None:
        self._progress = progress
        self.sync_button.setEnabled(False)
        self._say(self.tr("Syncing %1…").replace("%1", ", ".join(ids)))
        self.progress_bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.progress_timer.start(200)

    def _show_progress(self) -> None:
        if self._progress is None:
            return
        pages, _, message = self._progress.snapshot()
        if pages:
            terminal_id, _, new = message.partition(": ")
            self._say(self.tr("Syncing %1: page %2, %3 new so far…").replace("%1", terminal_id)
                      .replace("%2", str(pages)).replace("%3", new))

    def _cancel_sync(self) -> None:
        if self._progress is not None:
            self._progress.cancel()
            self.cancel_button.setEnabled(False)

    def _stop_progress(self) -> None:
        self._progress = None
        self.progress_timer.stop()
        self.progress_bar.hide()
        self.cancel_button.hide()
        self._update_buttons()

    def rename(self) -> None:
        view = self._selected_view()
        if view is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename terminal"),
                                        self.tr("Name for %1:").replace("%1", view.terminal_id),
                                        text=view.label)
        if not ok:
            return
        ctx = self.context
        ctx.thread.run(lambda: actions.rename_terminal(ctx.profile, view.terminal_id, name),
                       lambda _: self.refresh(), self._report, owner=self)

    def unpair(self) -> None:
        view = self._selected_view()
        if view is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Unpair terminal"),
            self.tr("Unpair %1 (%2)?\n\nIts transactions stay in your history. To sync it again "
                    "you will have to pair it again.").replace("%1", view.label)
            .replace("%2", view.serial),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        ctx = self.context
        ctx.thread.run(lambda: actions.unpair(ctx.profile, ctx.registry, view.terminal_id,
                                              ctx.secrets),
                       lambda _: (self._say(self.tr("%1 was unpaired.").replace(
                           "%1", view.label)), self.refresh()),
                       self._report, owner=self)

    def push_params(self, path: Path | None = None) -> None:
        """Verify a signed parameter file on the device thread, show what it holds, and push
        it only after the person confirms (spec 12.3)."""
        view = self._selected_view()
        if view is None:
            return
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("Signed parameter file"), "",
                self.tr("Parameter files (*.json);;All files (*)"))
            if not chosen:
                return
            path = Path(chosen)
        ctx, file = self.context, path
        ctx.thread.run(lambda: actions.check_params_file(ctx.profile, file, view.terminal_id),
                       lambda params: self._confirm_params(view, params), self._report,
                       owner=self)

    def _confirm_params(self, view: actions.TerminalView, params: actions.ParamsFile) -> None:
        current = str(params.current_version) if params.current_version else self.tr("none")
        answer = QMessageBox.question(
            self, self.tr("Push parameters"),
            self.tr("Push parameter version %1 from %2 to %3?\n\nSigned with the key you "
                    "trusted as %4. The terminal now runs version %5.\nSettings: %6")
            .replace("%1", str(params.version)).replace("%2", params.issuer)
            .replace("%3", view.label).replace("%4", params.signer).replace("%5", current)
            .replace("%6", ", ".join(params.param_names)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            self._say(self.tr("Nothing was pushed."))
            return
        ctx = self.context
        self._say(self.tr("Pushing parameters to %1…").replace("%1", view.label))
        ctx.thread.run(lambda: actions.configure(ctx.profile, ctx.registry, view.terminal_id,
                                                 params, ctx.secrets),
                       lambda version: (self._say(self.tr(
                           "%1 now runs parameter version %2.").replace("%1", view.label)
                           .replace("%2", str(version))), self.refresh()),
                       self._report, owner=self)
