"""Time sources. Wall-clock times are stored as UTC ISO-8601; durations use a monotonic clock."""
from __future__ import annotations

import time
from datetime import UTC, datetime


def utc_now_iso() -> str:
    """Now, as UTC ISO-8601 with seconds precision: '2026-11-21T06:47:35Z'."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def monotonic() -> float:
    """Seconds from an arbitrary start; never jumps with the wall clock."""
    return time.monotonic()


class SystemClock:
    """The study clock: wall time as an aware datetime in the machine's local time zone.

    Study code (scheduling, the daily queue, streaks) takes a clock with ``now()`` so tests can
    inject time; a *day* is the local calendar date of ``now()``."""

    def now(self) -> datetime:
        return datetime.now(UTC).astimezone()


class FixedClock:
    """A clock for tests and simulations: stands still until ``advance`` moves it."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> None:
        """Move forward by ``timedelta(**delta)`` (days=1, minutes=10 …)."""
        from datetime import timedelta

        self._now = self._now + timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self._now = moment


def to_utc_iso(moment: datetime) -> str:
    """An aware datetime as stored: UTC ISO-8601 with seconds ('2026-11-21T06:47:35Z')."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_utc_iso(text: str) -> datetime:
    """Parse a stored UTC ISO-8601 time (with 'Z' or an offset) into an aware datetime."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def next_midnight(moment: datetime) -> datetime:
    """The start of the next local day of ``moment`` (in its own time zone)."""
    from datetime import time, timedelta

    return datetime.combine(moment.date() + timedelta(days=1), time(0), moment.tzinfo)
