"""Emitting a Qt signal from Python without wearing out ``True``.

PySide6 6.12.0 returns the result of ``SignalInstance.emit()`` (a bool)
without taking a reference to it. Each discarded result then releases one
reference too many, and on Python 3.11, where ``True`` is not immortal, a
few hundred emits (keystrokes in a form) abort the interpreter with
"bool_dealloc: deallocating True or False". Every emit in the GUI goes
through :func:`emit`, which gives the reference back when, and only when,
the running PySide6 is found to have this fault.

The same build also drops a reference to ``None`` on every call of a method
that returns nothing (``label.setText``, ``bar.setValue``): ``None`` starts
with about 5,000 references, so a long session, or a print run reporting
progress sheet by sheet, aborts with "none_dealloc: deallocating None". Those
calls are everywhere and cannot be wrapped, so on that build ``None``, ``True``
and ``False`` are made as immortal as Python 3.12 makes them (a reference count
no leak can use up). Drop both work-arounds once PySide6 6.12.0 on Python 3.11
is no longer supported (the probes then find nothing and do nothing). No upstream
report for it is known here (none found in Qt's PYSIDE tracker as searched in
December 2026); whoever files one names it in this paragraph.
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


def _void_call_loses_none() -> bool:
    probe = _Probe()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        probe.setObjectName("probe")
    return before - sys.getrefcount(None) >= _PROBES


def _make_immortal(*values: object) -> None:
    import ctypes  # only on the faulty versions

    for value in values:
        # ob_refcnt is a PyObject's first field; 2**40 outlasts any session's leak.
        ctypes.c_ssize_t.from_address(id(value)).value += 1 << 40


_FAULTY = _emit_loses_a_reference()
if _void_call_loses_none():
    _make_immortal(None, True, False)


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``; use this instead of calling emit directly."""
    # The stubs say emit() returns None; the faulty build returns the bool it lost.
    result = cast(Any, signal.emit)(*args)
    if _FAULTY:
        _give_back(result)


def emit_is_faulty() -> bool:
    return _FAULTY
