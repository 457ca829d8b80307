"""One operation-log entry in full: every column of spec 8, the details pretty-printed and
both hashes, so a person can read exactly what was recorded and an auditor can compare it
with an export.

Nothing here can reveal a secret: details are scrubbed when they are written (app.oplog)
and the log holds no keys or card data. What is shown is what is stored (and hashed);
names are translated beside the stored codes, never instead of them.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.oplog import OplogEntry
from app.shanghai_time import format_local
from ui import factor_labels, labels


class OplogEntryDialog(QDialog):
    def __init__(self, entry: OplogEntry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setWindowTitle(self.tr("Activity entry %1").replace("%1", f"{entry.id:,}"))
        self.resize(720, 640)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for caption, value in self._rows(entry):
            form.addRow(caption, _selectable(value))
        self.details = QPlainTextEdit(pretty_details(entry.details_json))
        self.details.setObjectName("entryDetails")
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Details"))
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        details_caption = QLabel(self.tr("&Details:"))
        details_caption.setBuddy(self.details)
        form.addRow(details_caption, self.details)
        for caption, digest in ((self.tr("Previous entry's hash:"), entry.prev_hash),
                                (self.tr("This entry's hash:"), entry.row_hash)):
            form.addRow(caption, _selectable(digest, monospace=True))
        note = QLabel(self.tr("Each entry's hash covers its fields and the previous entry's "
                              "hash, so a change anywhere breaks the chain from there. "
                              "Secrets and card numbers are never recorded."))
        note.setObjectName("pageSubtitle")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _rows(self, entry: OplogEntry) -> list[tuple[str, str]]:
        target = labels.target_type(entry.target_type)
        if entry.target_id:
            target = f"{target}: {entry.target_id}" if target else entry.target_id
        return [
            (self.tr("Entry number:"), f"{entry.id:,}"),
            (self.tr("Time (Beijing):"), format_local(entry.occurred_at_utc_ms)),
            (self.tr("Takes effect (Beijing):"), format_local(entry.effective_at_utc_ms)),
            (self.tr("Operation:"), f"{labels.op_type(entry.op_type)} ({entry.op_type})"),
            (self.tr("Target:"), target or self.tr("none")),
            (self.tr("Result:"), f"{labels.result(entry.result)} ({entry.result})"),
            (self.tr("By:"), f"{entry.actor_id} · {entry.actor_role}"),
            (self.tr("Device:"), entry.device_id),
            (self.tr("Verified with:"), self._categories(entry.factor_categories_used)),
            (self.tr("Kept at least until:"), entry.purge_not_before),
        ]

    def _categories(self, used: str | None) -> str:
        """The factor categories the operator proved, e.g. Knowledge + Possession."""
        if not used:
            return self.tr("no step-up verification")
        return " + ".join(factor_labels.category(code) for code in used.split("+"))


def pretty_details(details_json: str) -> str:
    """Indented JSON, Chinese as characters; an unreadable value (tampered) as stored."""
    try:
        return json.dumps(json.loads(details_json), ensure_ascii=False, indent=2,
                          sort_keys=True)
    except ValueError:
        return details_json


def _selectable(text: str, monospace: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                  | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    label.setWordWrap(not monospace)
    if monospace:
        label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return label
