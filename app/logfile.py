"""The rotating log file, every line passed through the scrubber (spec SD-2)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app.scrubber import scrub_text

LOG_FILE = "posdesk.log"


class ScrubbingFormatter(logging.Formatter):
    """Scrubs the finished line, so messages, arguments and tracebacks are all covered."""

    def format(self, record: logging.LogRecord) -> str:
        return scrub_text(super().format(record))


def configure_logging(directory: Path, level: int = logging.INFO) -> Path:
    """Send the root logger to a rotating file in `directory`; return the file's path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "posdesk", False):
            root.removeHandler(handler)
            handler.close()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.posdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    return path
