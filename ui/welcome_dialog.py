"""First start: no data yet. Offer the demo, or an empty profile of the merchant's own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

DEMO, OWN = "demo", "own"


class WelcomeDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ""
        self.setWindowTitle(self.tr("Welcome to PosDesk"))
        title = QLabel(self.tr("Welcome to PosDesk"))
        title.setObjectName("pageTitle")
        text = QLabel(self.tr(
            "There is no data in %1 yet.\n\n"
            "Explore the demo first: three simulated terminals and a year of sample "
            "transactions, kept apart from your own data. Or start with your own data and "
            "pair a terminal or import a statement.").replace("%1", str(data_dir)))
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        demo = QPushButton(self.tr("Explore the &demo"))
        demo.setObjectName("primaryButton")
        demo.setDefault(True)
        own = QPushButton(self.tr("Start with my &own data"))
        quit_button = QPushButton(self.tr("&Quit"))
        for button in (own, quit_button):   # Enter must mean the demo, never Quit
            button.setAutoDefault(False)
        demo.clicked.connect(lambda: self._choose(DEMO))
        own.clicked.connect(lambda: self._choose(OWN))
        quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(quit_button)
        buttons.addStretch(1)
        buttons.addWidget(own)
        buttons.addWidget(demo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        self.setMinimumWidth(560)
        demo.setFocus()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
