"""The Qt desktop GUI. It calls services only: no SQL and no SQLAlchemy here.

Signals are emitted through ``ui.gui.signals.emit(signal, ...)``, never with
``signal.emit(...)`` directly: PySide6 6.12.0 loses a reference to ``True``
on every Python-side emit (see that module).
"""
