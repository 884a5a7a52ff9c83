"""When to back up and which automatic backups to keep (pure; the clock is passed in).

Rotation (``RotationPolicy``, Anki-like): keep the ``newest`` 12 backups, plus the newest
backup of each of the last 10 days, of each of the last 9 weeks (ISO weeks, Monday first)
and of each of the last 12 months (calendar days, weeks and months in UTC). That is at most
43 files: a day of frequent backups, then a thinning trail a year long. A backup whose time
lies in the future (the clock was set back) is always kept.

Backup files are named ``<stem>-YYYYMMDDTHHMMSSZ.sqlite`` (UTC): they sort by time and say
which database they copy.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

BACKUP_INTERVAL = timedelta(minutes=30)
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)\.sqlite$")


@dataclass(frozen=True)
class RotationPolicy:
    newest: int = 12
    daily: int = 10
    weekly: int = 9
    monthly: int = 12


def backup_due(last: datetime | None, now: datetime, interval: timedelta = BACKUP_INTERVAL) -> bool:
    """True when there is no backup yet or the newest is at least ``interval`` old."""
    return last is None or now - last >= interval


def backup_file_name(stem: str, when: datetime) -> str:
    return f"{stem}-{when.astimezone(UTC).strftime(_STAMP)}.sqlite"


def parse_backup_file_name(name: str, stem: str) -> datetime | None:
    """The UTC time in an automatic backup's file name, or None if ``name`` is not one of
    ``stem``'s backups."""
    match = _NAME.match(name)
    if match is None or match["stem"] != stem:
        return None
    try:
        return datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def backups_to_keep(times: Iterable[datetime], now: datetime,
                    policy: RotationPolicy = RotationPolicy()) -> set[datetime]:
    """The backup times to keep under ``policy`` at ``now``; the others may be deleted."""
    ordered = sorted(set(times), reverse=True)
    keep = {t for t in ordered if t > now}
    keep.update(ordered[: policy.newest])
    today = now.astimezone(UTC).date()
    buckets = (
        (policy.daily, _day, _day(today)),
        (policy.weekly, _week, _week(today)),
        (policy.monthly, _month, _month(today)),
    )
    for count, bucket_of, current in buckets:
        seen: set[int] = set()
        for t in ordered:  # newest first: the first of each bucket is its newest
            bucket = bucket_of(t.astimezone(UTC).date())
            if current - count < bucket <= current and bucket not in seen:
                seen.add(bucket)
                keep.add(t)
    return keep


def _day(d: date) -> int:
    return d.toordinal()


def _week(d: date) -> int:
    return (d.toordinal() - d.weekday()) // 7  # counts Mondays


def _month(d: date) -> int:
    return d.year * 12 + d.month - 1
