"""Shipped files: style sheet, icons, translations."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
ICONS = ROOT / "icons"
TRANSLATIONS = ROOT / "translations"
STYLE_SHEET = ROOT / "style.qss"
