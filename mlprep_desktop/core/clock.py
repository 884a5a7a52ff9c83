"""Time sources. Wall-clock times are stored as UTC ISO-8601; durations use a monotonic clock."""
from __future__ import annotations

import time
from datetime import datetime, timezone


def utc_now_iso() -> str:
    """Now, as UTC ISO-8601 with seconds precision: '2026-11-21T06:47:35Z'."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def monotonic() -> float:
    """Seconds from an arbitrary start; never jumps with the wall clock."""
    return time.monotonic()
