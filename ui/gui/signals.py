"""Emitting a Qt signal from Python without wearing out ``True``.

PySide6 6.12.0 returns the result of ``SignalInstance.emit()`` (a bool)
without taking a reference to it. Each discarded result then releases one
reference too many, and on Python 3.11, where ``True`` is not immortal, a
few hundred emits (keystrokes in a form) abort the interpreter with
"bool_dealloc: deallocating True or False". Every emit in the GUI goes
through :func:`emit`, which gives the reference back when, and only when,
the running PySide6 is found to have this fault.
"""

from __future__ import annotations

import sys
from typing import Any, cast

from PySide6.QtCore import QObject, Signal, SignalInstance

_PROBES = 8


class _Probe(QObject):
    ping = Signal()


def _emit_loses_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost >= _PROBES:
        _give_back(True, lost)  # repair the probe's own damage
        return True
    return False


def _give_back(value: object, count: int = 1) -> None:
    import ctypes  # only on the faulty versions

    for _ in range(count):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(value))


_FAULTY = _emit_loses_a_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``; use this instead of calling emit directly."""
    # The stubs say emit() returns None; the faulty build returns the bool it lost.
    result = cast(Any, signal.emit)(*args)
    if _FAULTY:
        _give_back(result)


def emit_is_faulty() -> bool:
    return _FAULTY
