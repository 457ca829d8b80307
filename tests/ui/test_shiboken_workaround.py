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
