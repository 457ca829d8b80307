"""The Transactions view, timed offscreen (run by `posdesk bench` in its own process, so
the peak RSS is that of the app with the view open, not of the data generator).

Prints one JSON object: open_view_ms (page built, first page fetched, first paint),
scroll_frame_p95_ms (scroll one screen down and repaint), peak_rss_mb.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path


def measure(db_path: Path, frames: int = 300) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.storage import connect
    from ui.pages.transactions_page import TransactionsPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    db = connect(db_path, migrate=False)
    started = time.perf_counter()
    page = TransactionsPage(db)
    page.resize(1280, 800)
    page.show()
    page.grab()                                      # the first paint
    app.processEvents()
    open_ms = (time.perf_counter() - started) * 1000
    bar = page.table.verticalScrollBar()
    step = max(1, page.table.viewport().height())
    times = []
    for _ in range(frames):
        began = time.perf_counter()
        bar.setValue(bar.value() + step)
        app.processEvents()
        page.table.viewport().grab()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    result = {"open_view_ms": round(open_ms, 1),
              "scroll_frame_p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
              "rows_loaded_after_scroll": page.model.rowCount(),
              "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    page.close()
    db.close()
    return result


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
