"""``paused_gc``: no cyclic garbage collection while a burst of long-lived objects is built.

Opening a 5,000-stroke board makes tens of thousands of Python objects (the JSON document,
one model and one graphic per item) that nearly all stay alive. Each time enough of them
pile up, CPython's collector runs, and now and then it walks every object of the app (a full
collection, 30-80 ms on a big board's open) to find nothing to free. Pausing it for the
burst spares those passes; what the burst left behind is looked at by the next ordinary
collection once it is enabled again. Reference counting frees everything as usual meanwhile.

Contract: for short bursts on the GUI thread; the collector is enabled again on the way out
(also on an exception) unless it was already off when the pause began.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
