"""Python's cyclic garbage collector held off while the GUI's modules load.

Loading PySide6, SQLAlchemy, the table classes, the services and the first screens
creates some 100,000 objects that live as long as the process. The collector's passes
over them while they load (full ones among them, each scanning everything loaded so
far) free nothing and cost about 0.1 s of CPU before the first window, on a start-up
budget of 0.8 s (benchmarks/bench_startup.py). So the loading runs with the collector
off; what it built is then frozen (``gc.freeze``: left out of every later pass, still
freed by reference counting as usual), and collection resumes for what the running app
creates, its passes now as short as that.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside, then what exists frozen and the collector back on.

    Only around a module's own imports, which run once, at start-up: frozen later (in a
    function called again and again, as tests call run_gui), it would keep whatever
    garbage was then waiting for a pass, a closed window's or a test's, for good.
    Nested or under a caller that turned the collector off: left as found.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
