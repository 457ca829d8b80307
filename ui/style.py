"""The one style sheet and the SVG icons in resources/."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from resources import ICONS, STYLE_SHEET


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET.read_text(encoding="utf-8"))


def icon(name: str) -> QIcon:
    return QIcon(str(ICONS / f"{name}.svg"))
