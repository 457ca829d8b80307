"""Small pieces the verification dialogs share."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.totp_factor import DIGITS


def set_primary_enabled(button: QPushButton, enabled: bool) -> None:
    """style.qss paints #primaryButton blue even when disabled: drop the accent meanwhile."""
    button.setEnabled(enabled)
    name = "primaryButton" if enabled else ""
    if button.objectName() != name:
        button.setObjectName(name)
        button.style().unpolish(button)
        button.style().polish(button)


def heading_label(text: str) -> QLabel:
    """A dialog's title, styled like a page's and wrapped when a name makes it long."""
    label = QLabel(text)
    label.setObjectName("pageTitle")
    label.setWordWrap(True)
    return label


def intro_label(text: str) -> QLabel:
    """The sentence or two under a dialog's title: what it does and what it keeps."""
    label = QLabel(text)
    label.setObjectName("pageSubtitle")
    label.setWordWrap(True)
    return label


def dialog_column(dialog: QWidget, *top: QWidget) -> QVBoxLayout:
    """The dialogs' outer column with the house margins, `top` (the heading) first."""
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(24, 20, 24, 16)
    for widget in top:
        layout.addWidget(widget)
    return layout


def message_label(name: str = "warningBanner") -> QLabel:
    """A hidden, word-wrapped plain-text label for a dialog's inline messages."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def say(label: QLabel, text: str) -> None:
    """Show (or hide, for "") an inline message and let its window grow to fit it."""
    label.setText(text)
    label.setVisible(bool(text))
    grow_to_fit(label.window())


def grow_to_fit(window: QWidget) -> None:
    """Make a shown window tall enough for its content at its current width. Qt does not
    enforce that by itself for a window whose layout has word-wrapped labels (height for
    width), so a message appearing would squash the rows above it."""
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    width = window.width()
    needed = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
              else layout.totalSizeHint().height())
    if needed > window.height():
        window.resize(width, needed)


def action_row(primary: QPushButton, secondary: QPushButton, on_primary: Callable[[], object],
               on_secondary: Callable[[], object]) -> QHBoxLayout:
    """The dialogs' button row, right-aligned: [secondary] [primary]. Enter presses the
    primary (the blue default button); the secondary never takes Enter."""
    primary.setObjectName("primaryButton")
    primary.setDefault(True)
    secondary.setAutoDefault(False)
    primary.clicked.connect(on_primary)
    secondary.clicked.connect(on_secondary)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(secondary)
    row.addWidget(primary)
    return row


def shape_code_field(field: QLineEdit, placeholder: str, accessible_name: str) -> QLineEdit:
    """A one-time-code box (unlock, enrolment, test): digits only, at most DIGITS, kept out
    of input-method prediction and history, and only as wide as a code."""
    field.setMaxLength(DIGITS)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{DIGITS}}}"),
                                                   field))
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly
                              | Qt.InputMethodHint.ImhSensitiveData
                              | Qt.InputMethodHint.ImhNoPredictiveText)
    field.setPlaceholderText(placeholder)
    field.setAccessibleName(accessible_name)
    field.setMaximumWidth(field.fontMetrics().averageCharWidth() * 16)
    return field
