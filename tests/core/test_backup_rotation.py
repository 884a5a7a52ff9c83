"""Backup rotation with an injected clock: what is kept after days, weeks and months of use."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mlprep_desktop.core.backup_rotation import (
    RotationPolicy,
    backup_due,
    backup_file_name,
    backups_to_keep,
    parse_backup_file_name,
)

T0 = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)  # a Thursday


def test_a_backup_is_due_without_one_and_thirty_minutes_after_the_last():
    assert backup_due(None, T0)
    assert not backup_due(T0, T0 + timedelta(minutes=29, seconds=59))
    assert backup_due(T0, T0 + timedelta(minutes=30))


def test_file_names_round_trip_and_belong_to_their_database():
    name = backup_file_name("questions", T0 + timedelta(seconds=7))
    assert name == "questions-20260101T080007Z.sqlite"
    assert parse_backup_file_name(name, "questions") == T0 + timedelta(seconds=7)
    assert parse_backup_file_name(name, "other") is None
    assert parse_backup_file_name("questions-2026.sqlite", "questions") is None
    assert parse_backup_file_name("questions-20261399T999999Z.sqlite", "questions") is None


def test_within_one_session_the_newest_twelve_are_kept():
    times = [T0 + timedelta(minutes=30 * i) for i in range(20)]
    kept = backups_to_keep(times, times[-1])
    assert sorted(kept) == times[-12:]


def simulate(days: int, per_day: int = 6, policy: RotationPolicy = RotationPolicy()) -> tuple[list[datetime], datetime]:
    """A user who works every day (``per_day`` backups, 30 min apart), pruning after each."""
    kept: list[datetime] = []
    now = T0
    for day in range(days):
        for i in range(per_day):
            now = T0 + timedelta(days=day, minutes=30 * i)
            kept = sorted(backups_to_keep([*kept, now], now, policy))
    return kept, now


def test_a_year_of_daily_use_keeps_a_thinning_trail_and_never_more_than_43():
    kept, now = simulate(400)
    assert len(kept) <= 12 + 10 + 9 + 12
    assert kept[-1] == now
    days = {t.date() for t in kept}
    for back in range(10):  # one per day for the last ten days
        assert (now - timedelta(days=back)).date() in days
    months = {(t.year, t.month) for t in kept}
    assert len(months) == 12  # one per month for a year
    assert min(kept) > now - timedelta(days=366)


def test_after_a_month_away_the_old_daily_copies_are_still_there():
    kept, now = simulate(20)
    later = now + timedelta(days=31)
    after_break = backups_to_keep([*kept, later], later)
    assert later in after_break
    assert max(t for t in after_break if t != later) == now  # the last day before the break
    assert len(after_break) >= 4


def test_a_backup_from_the_future_is_never_pruned():
    future = T0 + timedelta(days=3)
    times = [T0 - timedelta(minutes=30 * i) for i in range(30)] + [future]
    assert future in backups_to_keep(times, T0)


def test_a_smaller_policy_keeps_less():
    policy = RotationPolicy(newest=2, daily=1, weekly=0, monthly=0)
    times = [T0 - timedelta(hours=6 * i) for i in range(12)]
    assert sorted(backups_to_keep(times, T0, policy)) == sorted(times[:2])
