"""PySide6 6.12: every Python-side emit drops a reference to True. Our emit() must not."""

from __future__ import annotations

import sys

from ui.shiboken_workaround import _Probe, emit


def test_emitting_many_times_keeps_true_alive() -> None:
    probe = _Probe()
    received: list[int] = []
    probe.ping.connect(lambda: received.append(1))
    before = sys.getrefcount(True)
    for _ in range(2_000):
        emit(probe.ping)
    assert len(received) == 2_000
    assert sys.getrefcount(True) >= before


def test_ui_code_emits_only_through_the_helper() -> None:
    """A direct `.emit(` in ui/ would bring the leak back."""
    import re
    from pathlib import Path

    ui = Path(__file__).resolve().parents[2] / "ui"
    offenders = [f"{path.relative_to(ui.parent)}:{number}"
                 for path in ui.rglob("*.py") if path.name != "shiboken_workaround.py"
                 for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
                 if re.search(r"\.emit\(", line)]
    assert offenders == []


def test_void_qt_calls_keep_none_alive() -> None:
    """PySide6 6.12.0 drops a reference to None on every void call (setText, start, show…):
    a long session would crash. pyproject.toml keeps that release out; this test says so
    if it ever comes back."""
    from PySide6.QtCore import QTimer

    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(2_000):
        timer.start(1_000)
        timer.stop()
    assert sys.getrefcount(None) >= before - 10
