"""PySide6 widgets, item models, dialogs and the composition root (ui/main.py)."""
