"""Limits: what is left of each PBOC online-payment limit on the merchant's own payment
account (spec 6.4), a what-if box that asks the engine about one payment, and the last 30
days of counted spend by verification tier.

Every figure is PosDesk's estimate from the stored account profile and the payments
recorded from the institution's statements; the institution decides (spec 1.1, C-13). The
reads are a few index probes, so the page reads on the GUI thread; a statement import runs
in the background and records all of the file or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from string import Template

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.account_ledger import RecordResult, daily_usage, record_payments
from app.account_statement import AccountStatement, read_account_statement
from app.history import terminal_ids
from app.limit_profile import AccountProfile
from app.limit_status import LimitReport, report, tier_hint, what_if
from app.limits import (
    BAL_CONSUME,
    BAL_INVEST,
    BAL_TO_OWN_BANK,
    BAL_TRANSFER_OTHER_BANK,
    BAL_TRANSFER_PA,
    BANK_FUNDED,
    CARD_PRESENT,
    Decision,
    Factor,
    tier,
)
from app.money import format_fen, parse_yuan
from app.profile import Profile
from app.scenario_check import SCENARIO_POLICY, ScenarioBreach, check_payment, stricter
from app.shanghai_time import SHANGHAI, from_datetime
from app.statement_reader import StatementError
from app.transactions import CHANNELS
from ui import labels, limit_labels
from ui import scenario_labels as scenario_words
from ui.account_profile_dialog import AccountProfileDialog
from ui.background import run_in_background
from ui.error_messages import error_text
from ui.limit_gauge import LimitGauge, percent_used
from ui.limit_usage_chart import LimitUsageChart
from ui.pages.page_parts import PageHeader
from ui.scenario_controls_box import ScenarioControlsBox
from ui.shiboken_workaround import emit

CHART_DAYS = 30
WHAT_IF_KINDS = (BAL_CONSUME, BAL_TRANSFER_PA, BAL_TRANSFER_OTHER_BANK, BAL_TO_OWN_BANK,
                 BAL_INVEST, BANK_FUNDED, CARD_PRESENT)
WHAT_IF_FACTORS = ("STATIC_PASSWORD", "OTP_SMS", "OTP_APP", "OTP_HW_TOKEN",
                   "DIGITAL_CERTIFICATE", "ELECTRONIC_SIGNATURE", "FINGERPRINT", "FACE")
DECISION_COLOURS = {"ALLOW": "#1a7f37", "DENY": "#cf222e", "REQUIRE_BANK_VERIFICATION": "#9a6700"}

_STYLE = Template("""
#profileBar, #whatIfAnswer { background: #ffffff; border: 1px solid #d0d7de;
                             border-radius: 6px; }
#limitWarning { background: #fff1e5; border: 1px solid #d4a72c; border-radius: 6px;
                padding: 6px 10px; color: #7d4e00; font-weight: 600; }
#limitNote { background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px;
             padding: 12px; }
#fieldError { color: #cf222e; }
#decisionWord { font-size: 15pt; font-weight: 600; color: #59636e; }
#decisionWord[decision="ALLOW"] { color: $ALLOW; }
#decisionWord[decision="DENY"] { color: $DENY; }
#decisionWord[decision="REQUIRE_BANK_VERIFICATION"] { color: $REQUIRE_BANK_VERIFICATION; }
#answerMoney { font-weight: 600; }
#answerNote, #tierHint { color: #59636e; }
""").substitute(DECISION_COLOURS)


def _now() -> dt.datetime:
    return dt.datetime.now(SHANGHAI)


class _WhatIfBox(QGroupBox):
    """Enter anywhere in the box (amount, kind, a factor, the button) asks."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            emit(self.submitted)
            event.accept()
            return
        super().keyPressEvent(event)


class LimitsPage(QWidget):
    profile_changed = Signal()        # the account profile was saved or payments recorded

    def __init__(self, profile: Profile, parent: QWidget | None = None, *,
                 enrolled: tuple[str, ...] = (),
                 now: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.now: Callable[[], dt.datetime] = now or _now
        self.enrolled: tuple[str, ...] = tuple(enrolled)
        self.report: LimitReport | None = None
        self.decision: Decision | None = None
        self.breaches: list[ScenarioBreach] = []      # the scenario part of the answer
        self.gauges: list[LimitGauge] = []
        self.importing = False
        self.import_result: RecordResult | None = None
        self.import_error: BaseException | None = None
        self.error_box: QMessageBox | None = None
        self._gauge_columns = 2
        self._factor_columns = 0
        self.setStyleSheet(_STYLE)

        self.header = PageHeader(self.tr("Limits"), self.tr(
            "Estimates by the PBOC online-payment rules (Art. 11, 24, 36) for payments from "
            "your payment account's balance. The institution's own decision is what counts."))
        self.banner = QLabel(self.tr(
            "Enter your account profile (institution, rating, account class) with “Edit "
            "account profile…” so these limits match your account, then import your payment "
            "account statement. Until then the rules' defaults are shown: an individual with "
            "a Class II account, institution rating not known (no multiplier)."))
        self.banner.setObjectName("warningBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.warning = QLabel()
        self.warning.setObjectName("limitWarning")
        self.warning.setWordWrap(True)
        self.warning.hide()
        self.notice = QLabel()
        self.notice.setObjectName("pageSubtitle")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.note = QLabel()
        self.note.setObjectName("limitNote")
        self.note.setWordWrap(True)
        self.note.hide()
        self.gauge_area = QWidget()
        self.gauge_grid = QGridLayout(self.gauge_area)
        self.gauge_grid.setContentsMargins(0, 0, 0, 0)
        self.gauge_grid.setSpacing(10)
        self.chart = LimitUsageChart()
        self.scenarios = ScenarioControlsBox(profile, today=lambda: self.now().astimezone(
            SHANGHAI).date())

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 4, 0)
        column.setSpacing(10)
        column.addWidget(self.banner)
        column.addWidget(self._profile_bar())
        column.addWidget(self.notice)
        column.addWidget(self.warning)
        column.addWidget(self.note)
        column.addWidget(self.gauge_area)
        column.addWidget(self._what_if_box())
        column.addWidget(self.chart)
        column.addWidget(self.scenarios)
        column.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(content)
        self.scroll.viewport().installEventFilter(self)
        self.scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget "
                                  "{ background: transparent; }")

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll, 1)
        self.set_enrolled(self.enrolled)
        self._arrange()
        self.refresh()

    # -- building --------------------------------------------------------------------------
    def _profile_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("profileBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 8, 12, 8)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.summary, 1)
        self.edit_button = QPushButton(self.tr("&Edit account profile…"))
        self.edit_button.clicked.connect(self.edit_profile)
        self.import_button = QPushButton(self.tr("&Import account statement…"))
        self.import_button.setToolTip(self.tr(
            "The institution's statement of your payment account (CSV or Excel), with each "
            "balance payment's verification; every row is checked and nothing is recorded "
            "unless the whole file is good."))
        self.import_button.clicked.connect(self.choose_import)
        row.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignVCenter)
        return bar

    def _what_if_box(self) -> QGroupBox:
        box = _WhatIfBox(self.tr("What if I pay…"))
        box.submitted.connect(self.ask)
        self.what_if_box = box
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("e.g. 1,000.00"))
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setMaximumWidth(self.fontMetrics().horizontalAdvance("¥00,000,000.00") + 40)
        self.amount.textEdited.connect(lambda _: self._clear_amount_error())
        self.amount_error = QLabel()
        self.amount_error.setObjectName("fieldError")
        self.amount_error.setWordWrap(True)
        self.amount_error.hide()
        self.kind = QComboBox()
        for code in WHAT_IF_KINDS:
            self.kind.addItem(limit_labels.kind(code), code)
        self.kind.currentIndexChanged.connect(lambda _: self._show_terminal_rows())
        self.terminal = QComboBox()
        self.terminal.setObjectName("whatIfTerminal")
        self.channel = QComboBox()
        for code in CHANNELS:
            self.channel.addItem(labels.channel(code), code)
        factors = QWidget()
        self.factor_grid = QGridLayout(factors)
        self.factor_grid.setContentsMargins(0, 0, 0, 0)
        self.factor_grid.setHorizontalSpacing(14)
        self.factor_boxes: dict[str, QCheckBox] = {}
        for code in WHAT_IF_FACTORS:
            self.factor_boxes[code] = QCheckBox(limit_labels.factor(code))
        self.ask_button = QPushButton(self.tr("As&k"))
        self.ask_button.setObjectName("primaryButton")
        self.ask_button.clicked.connect(self.ask)
        self.tier_hint = QLabel()
        self.tier_hint.setObjectName("tierHint")
        self.tier_hint.setWordWrap(True)
        self.tier_hint.hide()

        form = QFormLayout()
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount)
        amount_row.addWidget(QLabel(self.tr("yuan")))
        amount_row.addSpacing(8)
        amount_row.addWidget(self.amount_error, 1)
        amount_label = QLabel(self.tr("&Amount:"))
        amount_label.setBuddy(self.amount)
        form.addRow(amount_label, amount_row)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("Te&rminal:"), self.terminal)
        form.addRow(self.tr("Pa&yment method:"), self.channel)
        form.addRow(self.tr("Verified with:"), factors)
        self.what_if_fields = form
        buttons = QHBoxLayout()
        buttons.addWidget(self.ask_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        self._show_terminal_rows()
        left = QVBoxLayout()
        self.what_if_form = left
        left.addLayout(form)
        left.addWidget(self.tier_hint)
        left.addStretch(1)

        self.what_if_row = QBoxLayout(QBoxLayout.Direction.LeftToRight, box)
        self.what_if_row.setSpacing(14)
        self.what_if_row.addLayout(left, 3)
        self.answer_panel = self._answer_panel()
        self.what_if_row.addWidget(self.answer_panel, 2)
        return box

    def _answer_panel(self) -> QFrame:
        panel = QFrame()
        panel.setObjectName("whatIfAnswer")
        self.decision_word = QLabel()
        self.decision_word.setObjectName("decisionWord")
        self.reason = QLabel(self.tr("Enter an amount, choose how it is paid and verified, "
                                     "then press Ask."))
        self.reason.setWordWrap(True)
        self.answer_tier = QLabel()
        self.answer_binding = QLabel()
        self.answer_binding.setWordWrap(True)
        self.answer_remaining = QLabel()
        self.answer_max = QLabel()
        for label in (self.answer_remaining, self.answer_max):
            label.setObjectName("answerMoney")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.answer_split = QLabel()
        self.answer_split.setWordWrap(True)
        self.answer_notes = QLabel()
        self.answer_notes.setObjectName("answerNote")
        self.answer_notes.setWordWrap(True)
        for label in (self.reason, self.answer_binding, self.answer_remaining, self.answer_max,
                      self.answer_split, self.answer_notes):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_grid = QWidget()
        grid = QGridLayout(self.answer_grid)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.setVerticalSpacing(3)
        for number, (title, value) in enumerate((
                (self.tr("Tier:"), self.answer_tier),
                (self.tr("Binding limit:"), self.answer_binding),
                (self.tr("Remaining after:"), self.answer_remaining),
                (self.tr("Most payable from balance now:"), self.answer_max))):
            grid.addWidget(QLabel(title), number, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, number, 1)
        grid.setColumnStretch(1, 1)
        self.answer_grid.setMaximumWidth(self.fontMetrics().averageCharWidth() * 72)
        self.decision_word.hide()
        self.answer_grid.hide()
        self.answer_split.hide()
        self.answer_notes.hide()

        column = QVBoxLayout(panel)
        column.setContentsMargins(12, 10, 12, 10)
        column.addWidget(self.decision_word)
        column.addWidget(self.reason)
        column.addWidget(self.answer_grid)
        column.addWidget(self.answer_split)
        column.addWidget(self.answer_notes)
        column.addStretch(1)
        return panel

    # -- arranging -------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._arrange()
        return super().eventFilter(watched, event)

    def _arrange(self) -> None:
        """Two gauges a row and the answer beside the question when there is room; one
        column in a narrow window (the main window can be 900 px wide with its sidebar)."""
        width = self.scroll.viewport().width() - 4
        average = self.fontMetrics().averageCharWidth()
        widest = max((g.minimumSizeHint().width() for g in self.gauges), default=0)
        columns = 2 if width >= 2 * widest + 30 and width >= average * 120 else 1
        if columns != self._gauge_columns:
            self._gauge_columns = columns
            self._place_gauges()
        per_row = 4 if width >= average * 95 else 2
        if per_row != self._factor_columns:
            self._factor_columns = per_row
            for check in self.factor_boxes.values():
                self.factor_grid.removeWidget(check)
            for index, check in enumerate(self.factor_boxes.values()):
                self.factor_grid.addWidget(check, index // per_row, index % per_row)
        side_by_side = (self.what_if_form.minimumSize().width()
                        + self.answer_panel.minimumSizeHint().width() + 64)
        self.what_if_row.setDirection(QBoxLayout.Direction.LeftToRight
                                      if width >= side_by_side
                                      else QBoxLayout.Direction.TopToBottom)

    def _place_gauges(self) -> None:
        for gauge in self.gauges:
            self.gauge_grid.removeWidget(gauge)
        for column in range(2):
            self.gauge_grid.setColumnStretch(column, 1 if column < self._gauge_columns else 0)
        for index, gauge in enumerate(self.gauges):
            self.gauge_grid.addWidget(gauge, index // self._gauge_columns,
                                      index % self._gauge_columns)

    # -- reading ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the profile, usage and the last 30 days again and show them."""
        at = self.now().astimezone(SHANGHAI)
        found = report(self.profile.db, at)
        self.report = found
        self.banner.setVisible(not found.profile_stored)
        self.summary.setText(self.profile_text(found.profile, at.date()))
        self._show_gauges(found)
        self._show_warnings()
        last = at.date()
        first = last - dt.timedelta(days=CHART_DAYS - 1)
        self.chart.set_days(first, last, daily_usage(self.profile.db, first, last))
        self.scenarios.refresh()
        if self.decision is not None:   # the answer on show follows the new figures
            if _quiet_amount(self.amount.text()) is None:
                self.decision = None
                self._clear_answer()
            else:
                self.ask()

    def profile_text(self, shown: AccountProfile, today: dt.date) -> str:
        parts = [shown.institution_name or self.tr("Institution not named")]
        if shown.rating:
            rating = self.tr("rated %1").replace("%1", shown.rating)
            start, end = shown.rating_valid_from, shown.rating_valid_to
            if start or end:
                rating += self.tr(" (valid %1 to %2)").replace(
                    "%1", start.isoformat() if start else "…").replace(
                    "%2", end.isoformat() if end else "…")
            if shown.institution().rating_on(today) is None:
                rating += self.tr(", not valid today")
            parts.append(rating)
        else:
            parts.append(self.tr("rating not known"))
        bp = shown.real_name_ratio_bp
        parts.append(self.tr("real-name ratio not known") if bp is None else
                     self.tr("real-name ratio %1%").replace("%1", f"{bp // 100}.{bp % 100:02d}"))
        parts.append(self.tr("Class %1 account").replace("%1", shown.account_class))
        parts.append(self.tr("individual") if shown.customer_type == "INDIVIDUAL"
                     else self.tr("unit customer"))
        t1 = shown.contract_daily_t1_fen
        parts.append(self.tr("contract T1 not known") if t1 is None else
                     self.tr("contract T1 %1 a day").replace("%1", format_fen(t1)))
        return " · ".join(parts)

    def _show_gauges(self, found: LimitReport) -> None:
        for gauge in self.gauges:
            self.gauge_grid.removeWidget(gauge)
            gauge.hide()
            gauge.deleteLater()
        self.gauges = []
        if found.note:
            shown = limit_labels.explain(found.note)
            self.note.setText(self.tr(
                "%1. A unit (company, organisation or individual business) has no balance "
                "limits under these rules; the contract with your institution may set its "
                "own.").replace("%1", shown[:1].upper() + shown[1:]))
        self.note.setVisible(bool(found.note))
        self.gauge_area.setVisible(bool(found.gauges))
        self.gauges = [LimitGauge(gauge) for gauge in found.gauges]
        self._place_gauges()
        self._arrange()

    def _show_warnings(self) -> None:
        near = [g for g in self.gauges if g.level == "warn" and g.gauge is not None]
        full = [g for g in self.gauges if g.level == "full"]
        parts = []
        if near:
            parts.append(self.tr("Over 80 % used: %1.").replace("%1", ", ".join(
                self.tr("%1 (%2 %)").replace("%1", g.title.text())
                .replace("%2", str(percent_used(g.gauge))) for g in near if g.gauge)))
        if full:
            parts.append(self.tr("Used up: %1.").replace(
                "%1", ", ".join(g.title.text() for g in full)))
        self.warning.setText("⚠ " + " ".join(parts) if parts else "")
        self.warning.setVisible(bool(parts))

    # -- what if ---------------------------------------------------------------------------
    def set_enrolled(self, types: tuple[str, ...]) -> None:
        """The verification factor types the merchant has enrolled: ticked in the what-if
        box, and what would raise their tier is said under it."""
        self.enrolled = tuple(types)
        for code, check in self.factor_boxes.items():
            check.setChecked(code in self.enrolled)
        hint = tier_hint(self.enrolled)
        if hint is None:
            self.tier_hint.hide()
            return
        reached = tier(tuple(Factor(t) for t in self.enrolled))
        self.tier_hint.setText(self.tr("Your enrolled factors verify at %1. To raise it: %2.")
                               .replace("%1", reached)
                               .replace("%2", limit_labels.explain(hint)))
        self.tier_hint.show()

    def chosen_factors(self) -> tuple[Factor, ...]:
        return tuple(Factor(code) for code, check in self.factor_boxes.items()
                     if check.isChecked())

    def amount_fen(self) -> int | None:
        """The amount typed, or None with the problem shown under the field."""
        text = self.amount.text().strip()
        try:
            if not text:
                raise ValueError(self.tr("Enter the amount in yuan, e.g. 1,000.00."))
            try:
                fen = parse_yuan(text)
            except ValueError:
                raise ValueError(self.tr(
                    "“%1” is not an amount in yuan: use digits with at most two decimals, "
                    "e.g. 1,000.00.").replace("%1", text)) from None
            if fen <= 0:
                raise ValueError(self.tr("The amount must be more than ¥0.00."))
        except ValueError as problem:
            self.amount_error.setText(str(problem))
            self.amount_error.show()
            self.amount.setProperty("invalid", True)
            self.amount.style().unpolish(self.amount)
            self.amount.style().polish(self.amount)
            return None
        self._clear_amount_error()
        return fen

    def _clear_amount_error(self) -> None:
        self.amount_error.hide()
        if self.amount.property("invalid"):
            self.amount.setProperty("invalid", False)
            self.amount.style().unpolish(self.amount)
            self.amount.style().polish(self.amount)

    def ask(self) -> Decision | None:
        """The engine's answer for the payment in the box, on the stored profile and usage."""
        fen = self.amount_fen()
        if fen is None:
            self.decision = None
            self._clear_answer()
            self.amount.setFocus()
            return None
        at = self.now()
        found = what_if(self.profile.db, fen, self.kind.currentData(), self.chosen_factors(),
                        at=at)
        self.breaches = self._scenario_breaches(fen, at)
        found = stricter(found, self.breaches)
        self.decision = found
        self._show_answer(found, fen, at)
        return found

    def _scenario_breaches(self, fen: int, at: dt.datetime) -> list[ScenarioBreach]:
        """A card-present payment on a named terminal also asks its scenario policies."""
        terminal = self.terminal.currentData()
        if self.kind.currentData() != CARD_PRESENT or not terminal:
            return []
        return check_payment(self.profile.db, from_datetime(at), terminal,
                             self.channel.currentData(), fen)

    def _show_terminal_rows(self) -> None:
        """Terminal and payment method matter for a card-present payment only."""
        card = self.kind.currentData() == CARD_PRESENT
        if card:
            self._fill_terminals()
        for field in (self.terminal, self.channel):
            self.what_if_fields.setRowVisible(field, card)

    def _fill_terminals(self) -> None:
        chosen = self.terminal.currentData()
        self.terminal.clear()
        self.terminal.addItem(self.tr("None named (statutory rules only)"), None)
        for terminal_id in terminal_ids(self.profile.db):
            self.terminal.addItem(terminal_id, terminal_id)
        found = self.terminal.findData(chosen)
        self.terminal.setCurrentIndex(max(found, 0))

    def _clear_answer(self) -> None:
        self.decision_word.setText("")
        self.decision_word.hide()
        self.reason.setText(self.tr("Enter an amount, choose how it is paid and verified, "
                                    "then press Ask."))
        for label in (self.answer_grid, self.answer_split, self.answer_notes):
            label.hide()

    def _show_answer(self, found: Decision, fen: int, at: dt.datetime) -> None:
        self.decision_word.setText(limit_labels.decision(found.decision))
        self.decision_word.show()
        self.decision_word.setProperty("decision", found.decision)
        self.decision_word.style().unpolish(self.decision_word)
        self.decision_word.style().polish(self.decision_word)
        if found.decision == "ALLOW" and found.binding == "NONE":
            reason = self.tr("No balance limit of Art. 11/24 applies to this payment.")
        else:
            reason = limit_labels.reason(found.reason)
        if found.reason == SCENARIO_POLICY:
            reason = self.tr("Your own scenario policy refuses it: %1.").replace(
                "%1", labels.joined([f"“{b.policy}” {scenario_words.rule(b.rule)}"
                                     for b in self.breaches]))
        self.reason.setText(reason)
        self.answer_tier.setText(limit_labels.tier(found.tier) if found.tier else "—")
        self.answer_binding.setText(limit_labels.constraint(found.binding))
        self.answer_remaining.setText(_money(found.remaining_after_fen))
        self.answer_max.setText(_money(found.max_from_balance_fen))
        self.answer_grid.show()
        most = found.max_from_balance_fen
        split = (found.reason == "LIMIT_EXCEEDED" and most is not None and 0 < most < fen)
        if split and most is not None:
            self.answer_split.setText(self.tr(
                "You could pay %1 from the balance now and the other %2 bank-funded "
                "(quick pay).").replace("%1", format_fen(most))
                .replace("%2", format_fen(fen - most)))
        self.answer_split.setVisible(split)
        notes = [limit_labels.explain(n) for n in found.notes]
        notes.append(self.tr("An estimate at %1 (Beijing time): the institution's own decision "
                             "is what counts.")
                     .replace("%1", at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")))
        self.answer_notes.setText("\n".join(f"· {n}" for n in notes))
        self.answer_notes.show()
        self._arrange()

    # -- actions ---------------------------------------------------------------------------
    def edit_profile(self) -> AccountProfileDialog:
        """The profile dialog; a saved change refreshes the page and is announced."""
        dialog = AccountProfileDialog(self.profile, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.changes:
            self.refresh()
            emit(self.profile_changed)
        return dialog

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import your payment account statement"), str(Path.home()),
            self.tr("Statements (*.csv *.xlsx *.txt);;All files (*)"))
        if path:
            self.import_statement(Path(path))

    def import_statement(self, path: Path) -> None:
        """Read and record the statement off the GUI thread: all of it or nothing."""
        if self.importing:
            return
        self.importing = True
        self.import_result = None
        self.import_error = None
        self.import_button.setEnabled(False)
        self.notice.setText(self.tr("Reading %1…").replace("%1", path.name))
        self.notice.show()
        profile = self.profile

        def work() -> tuple[AccountStatement, RecordResult]:
            statement = read_account_statement(path)
            view = profile.for_thread()       # SQLite connections belong to one thread
            try:
                return statement, record_payments(view.db, view.oplog, statement.payments,
                                                  source=f"statement:{statement.name}")
            finally:
                view.close()

        run_in_background(work, self._imported, self._import_failed, owner=self)

    def _imported(self, done: tuple[AccountStatement, RecordResult]) -> None:
        statement, result = done
        self.importing = False
        self.import_button.setEnabled(True)
        self.notice.setText(self.tr("%1: %2 payments recorded, %3 updated, %4 already known.")
                            .replace("%1", statement.name).replace("%2", f"{result.added:,}")
                            .replace("%3", f"{result.updated:,}")
                            .replace("%4", f"{result.unchanged:,}"))
        self.notice.show()
        self.refresh()
        self.import_result = result
        if result.added or result.updated:
            emit(self.profile_changed)

    def _import_failed(self, error: BaseException) -> None:
        self.importing = False
        self.import_button.setEnabled(True)
        self.import_error = error
        name = getattr(error, "file", None) or ""
        self.notice.setText(self.tr("Nothing was recorded from %1.").replace("%1", name)
                            if name else self.tr("Nothing was recorded."))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import account statement"),
                          self.import_problem_title(error), QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(self.import_problem_details(error))
        self.error_box = box
        box.open()

    def import_problem_title(self, error: BaseException) -> str:
        name = getattr(error, "file", None)
        if isinstance(error, StatementError) and name:
            return self.tr("%1 could not be imported; nothing was recorded.").replace("%1", name)
        return self.tr("The statement could not be imported; nothing was recorded.")

    def import_problem_details(self, error: BaseException) -> str:
        """Each refused row named by file, row and column; else the error's own words."""
        if not isinstance(error, StatementError) or not error.problems:
            return error_text(error)
        lines = [self.tr("%1 of the rows were refused. Correct them and import the file "
                         "again:").replace("%1", f"{error.rejected:,}")]
        for problem in error.problems:
            lines.append(self.tr("%1, row %2, column “%3”: expected %4")
                         .replace("%1", problem.file).replace("%2", str(problem.row))
                         .replace("%3", problem.column or "")
                         .replace("%4", problem.expected or ""))
        more = error.rejected - len(error.problems)
        if more > 0:
            lines.append(self.tr("… and %1 more.").replace("%1", f"{more:,}"))
        return "\n".join(lines)


def _quiet_amount(text: str) -> int | None:
    try:
        fen = parse_yuan(text)
    except ValueError:
        return None
    return fen if fen > 0 else None


def _money(fen: int | None) -> str:
    return "—" if fen is None else format_fen(fen)
