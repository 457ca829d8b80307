"""One transaction in full: every Art. 14 field (spec 7.1) grouped by the article's items,
where the row came from, the rows linked to it, and its disputes (spec Q-3).

Empty fields are shown as "not supplied" rather than hidden: spec 7.1 asks for every field
and a merchant should see which ones the acquirer left out. Linked rows open in place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.disputes import DisputeError, change_status, open_dispute
from app.history import TxnRow
from app.money import format_fen
from app.profile import Profile
from app.shanghai_time import format_local
from app.txn_details import ART14_ITEMS, TxnDetails, txn_details
from ui import labels, scenario_labels
from ui.dispute_dialog import DisputeDialog, StatusDialog


class TxnDetailsDialog(QDialog):
    def __init__(self, profile: Profile, txn_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.setWindowTitle(self.tr("Transaction details"))
        self.resize(620, 720)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll)
        layout.addWidget(buttons)
        self.details: TxnDetails | None = None
        self.show_txn(txn_id)

    def show_txn(self, txn_id: int) -> None:
        self.details = txn_details(self.profile.db, txn_id)
        body = QWidget()
        column = QVBoxLayout(body)
        if self.details is None:
            column.addWidget(QLabel(self.tr("This transaction is no longer in the history.")))
        else:
            self._fill(column, self.details)
        column.addStretch(1)
        self.scroll.setWidget(body)

    # -- sections ------------------------------------------------------------------------
    def _fill(self, column: QVBoxLayout, details: TxnDetails) -> None:
        fields = details.fields
        headline = QLabel(f"{labels.txn_type(str(fields['txn_type']))} "
                          f"{format_fen(int(fields['amount_fen']))}")  # type: ignore[call-overload]
        headline.setObjectName("pageTitle")
        column.addWidget(headline)
        if details.flags:
            column.addWidget(self._flags_box(details))
        for number, names in ART14_ITEMS:
            box = QGroupBox(f"{number} · {labels.art14_item(number)}")
            form = QFormLayout(box)
            for name in names:
                form.addRow(self._caption(name), self._value(name, fields.get(name)))
            if number == 1:
                form.addRow(self._caption("card"), _selectable(details.card_masked
                                                               or self._missing()))
                form.addRow(self._caption("memo"), self._value("memo", fields.get("memo")))
            column.addWidget(box)
        column.addWidget(self._source_box(details))
        column.addWidget(self._linked_box(details))
        column.addWidget(self._disputes_box(details))

    def _flags_box(self, details: TxnDetails) -> QGroupBox:
        """Which of the merchant's scenario policies this transaction broke (spec 12.4)."""
        box = QGroupBox(self.tr("Outside your scenario policies"))
        box.setObjectName("flagsBox")
        layout = QVBoxLayout(box)
        for name, code in details.flags:
            layout.addWidget(_selectable(self.tr("“%1”: %2").replace("%1", name)
                                         .replace("%2", scenario_labels.rule(code))))
        layout.addWidget(QLabel(self.tr("Policies are set on the Limits page.")))
        return box

    def _caption(self, name: str) -> str:
        return self.tr("%1:").replace("%1", labels.txn_field(name))

    def _value(self, name: str, value: object) -> QLabel:
        if value is None or value == "":
            return _selectable(self._missing(), muted=True)
        if name == "amount_fen":
            return _selectable(format_fen(int(value)))  # type: ignore[call-overload]
        if name == "ts_utc_ms":
            return _selectable(format_local(int(value)))  # type: ignore[call-overload]
        decoders = {"txn_type": labels.txn_type, "channel": labels.channel,
                    "status": labels.status, "scheme": labels.scheme,
                    "terminal_or_interface_type": labels.terminal_type}
        if name in decoders:
            return _selectable(f"{decoders[name](str(value))} ({value})")
        return _selectable(str(value))

    def _missing(self) -> str:
        return self.tr("not supplied")

    def _source_box(self, details: TxnDetails) -> QGroupBox:
        box = QGroupBox(self.tr("Source"))
        form = QFormLayout(box)
        if details.source is None:
            form.addRow(_selectable(self._missing(), muted=True))
            return box
        form.addRow(self.tr("Came from:"), _selectable(labels.source_kind(details.source.kind)))
        form.addRow(self.tr("Name:"), _selectable(details.source.ref))
        for key in ("format", "sha256", "file_name"):
            if key in details.source.detail:
                form.addRow(f"{key}:", _selectable(str(details.source.detail[key])))
        return box

    def _linked_box(self, details: TxnDetails) -> QGroupBox:
        box = QGroupBox(self.tr("Linked transactions"))
        layout = QVBoxLayout(box)
        linked = QListWidget()
        linked.setAccessibleName(self.tr("Linked transactions"))
        if details.parent is not None:
            self._add_link(linked, self.tr("Original"), details.parent)
        for child in details.children:
            self._add_link(linked, labels.txn_type(child.txn_type), child)
        if linked.count() == 0:
            layout.addWidget(QLabel(self.tr("No refund, void or original is linked to this "
                                            "transaction.")))
            return box
        linked.setMaximumHeight(24 * min(linked.count(), 5) + 8)
        linked.itemActivated.connect(lambda item: self.show_txn(
            int(item.data(Qt.ItemDataRole.UserRole))))
        layout.addWidget(linked)
        layout.addWidget(QLabel(self.tr("Double-click or press Enter to open one.")))
        return box

    def _add_link(self, linked: QListWidget, role: str, row: TxnRow) -> None:
        item = QListWidgetItem(f"{role}: {format_fen(row.amount_fen)} · "
                               f"{format_local(row.ts_utc_ms)} · {row.trace_id}")
        item.setData(Qt.ItemDataRole.UserRole, row.id)
        linked.addItem(item)

    def _disputes_box(self, details: TxnDetails) -> QGroupBox:
        box = QGroupBox(self.tr("Disputes and complaints"))
        layout = QVBoxLayout(box)
        cases = QListWidget()
        cases.setAccessibleName(self.tr("Disputes and complaints"))
        for case in details.disputes:
            when = format_local(case.opened_at_utc_ms, seconds=False)
            text = (f"#{case.id} {labels.dispute_type(case.type)} · "
                    f"{labels.dispute_status(case.status)} · {when}")
            if case.resolution:
                text += f" · {case.resolution}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            cases.addItem(item)
        if details.disputes:
            cases.setMaximumHeight(24 * min(len(details.disputes), 4) + 8)
            cases.setCurrentRow(cases.count() - 1)
            layout.addWidget(cases)
        else:
            layout.addWidget(QLabel(self.tr("None. If this transaction is wrong or you have a "
                                            "complaint about it, open a case to track it.")))
        row = QHBoxLayout()
        flag = QPushButton(self.tr("&Open a case…"))
        flag.clicked.connect(self._open_case)
        move = QPushButton(self.tr("&Change status…"))
        move.setEnabled(bool(details.disputes))
        move.clicked.connect(lambda: self._change_status(cases))
        row.addWidget(flag)
        row.addWidget(move)
        row.addStretch(1)
        layout.addLayout(row)
        self.open_case_button, self.change_status_button = flag, move
        self.cases = cases
        return box

    # -- dispute actions ---------------------------------------------------------------
    def _open_case(self) -> None:
        if self.details is None:
            return
        dialog = DisputeDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kind, channel, note = dialog.values()
        self._act(lambda: open_dispute(self.profile.db, self.profile.oplog, self.details.id,
                                       kind, channel, note))  # type: ignore[union-attr]

    def _change_status(self, cases: QListWidget) -> None:
        item = cases.currentItem()
        if self.details is None or item is None:
            return
        case_id = int(item.data(Qt.ItemDataRole.UserRole))
        case = next(c for c in self.details.disputes if c.id == case_id)
        dialog = StatusDialog(case, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        status, note = dialog.values()
        self._act(lambda: change_status(self.profile.db, self.profile.oplog, case_id, status,
                                        note))

    def _act(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except DisputeError as exc:
            QMessageBox.warning(self, self.tr("Not changed"), self._dispute_text(exc))
        if self.details is not None:
            self.show_txn(self.details.id)


    def _dispute_text(self, error: DisputeError) -> str:
        texts = {
            "duplicate": self.tr("This transaction already has an open case of that kind "
                                 "(#%1). Change that case's status instead."),
            "transition": self.tr("Case #%1 cannot move to that status from where it is."),
            "resolution": self.tr("Write how case #%1 ended before closing it."),
        }
        text = texts.get(str(error.facts.get("why", "")))
        return text.replace("%1", str(error.facts.get("dispute_id", ""))) if text else str(error)


def _selectable(text: str, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    if muted:
        label.setStyleSheet("color: #8a8f98;")
    return label
