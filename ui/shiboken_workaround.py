"""Work around a PySide6 6.12 reference-count bug: `SignalInstance.emit()` returns `True`
without taking a reference to it, so every emit from Python costs `True` one reference.
Enough emits and `True` itself is freed: the process aborts ("bool_dealloc: deallocating
True or False"), seen at interpreter exit after a few thousand emits and mid-run after more.

All Python-side emits in ui/ go through `emit()`. The leak is measured once at import; only
when it is there does `emit()` give the lost reference back, so a PySide release without
the bug costs nothing. (Signals emitted by Qt itself, from C++, are not affected.)
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]


class _Probe(QObject):
    ping = Signal()


def _measure_leak(emits: int = 64) -> int:
    """References to True lost per emit (0 on a fixed PySide6)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(emits):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    for _ in range(max(lost, 0)):        # repay what the measurement itself cost
        _incref(True)
    return round(lost / emits) if lost > 0 else 0


LEAK_PER_EMIT = _measure_leak()


def emit(signal: Any, *args: Any) -> None:
    """`signal.emit(*args)`, without wearing away the reference count of True."""
    signal.emit(*args)
    for _ in range(LEAK_PER_EMIT):
        _incref(True)
