"""The Transactions view, timed offscreen (run by `posdesk bench` in its own process, so
the peak RSS is that of the app with the view open, not of the data generator).

Prints one JSON object: open_view_ms (page built, count/totals/chart answered, first rows painted),
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

    from app.oplog import Actor, OperationLog
    from app.profile import Profile
    from app.storage import connect
    from ui.pages.transactions_page import TransactionsPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    db = connect(db_path, migrate=False)
    profile = Profile(db_path.parent, db, OperationLog(db, Actor("bench", "bench", "bench")),
                      is_worker=True)
    started = time.perf_counter()
    page = TransactionsPage(profile)
    page.resize(1280, 800)
    page.show()
    loaded = []
    page.loaded.connect(lambda: loaded.append(True))
    while not loaded:                                # count, totals, chart: reader thread
        app.processEvents()
        time.sleep(0.001)
    page.grab()                                      # the first paint with rows
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
    jumps = []
    rows = page.model.rowCount()
    for n in range(60):                              # anywhere in the year, spread evenly
        began = time.perf_counter()
        page.table.scrollTo(page.model.index((n * 7919 * 131) % max(rows, 1), 0))
        app.processEvents()
        page.table.viewport().grab()
        jumps.append((time.perf_counter() - began) * 1000)
    times.sort()
    jumps.sort()
    result = {"open_view_ms": round(open_ms, 1),
              "scroll_frame_p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
              "jump_frame_p95_ms": round(jumps[int(len(jumps) * 0.95) - 1], 2),
              "rows_in_view_model": page.model.rowCount(),
              "rows_cached_after_scroll": page.model.window.cached_rows if page.model.window
              else 0,
              "peak_rss_mb": _peak_rss_mb()}
    page.close()
    page.shutdown()
    db.close()
    return result


def _peak_rss_mb() -> float:
    """VmHWM of this process. Not getrusage's ru_maxrss: Linux carries that over exec from
    the forked parent (the bench that generated a million rows), which is not the view."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
