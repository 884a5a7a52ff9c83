"""Today and progress page build times at scale (not a test; run it:
`QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_today.py`).

A copy of the bundled bank grown to 10,000 questions, with 100,000 reviews over the last year
on 6,000 of them (FSRS cards replayed from the reviews). Times, interleaved run by run:
- Today: ``TodayTab.refresh_today`` (the queue, the session, streak, mistakes, settings, and the
  labels and buttons that show them);
- Progress: ``TodayTab.refresh_progress`` (heatmap counts, streaks, topic mastery over every
  card, the 14-day forecast, the interview trend, and the widgets that show them);
- a plain SQL ``COUNT(*)`` over the same rows (reviews, cards, questions) as the floor.
Prints median / min / max in ms. The target is <= 50 ms for each page.
"""
from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from mlprep_desktop.core.clock import FixedClock, to_utc_iso
from mlprep_desktop.core.models import DIFFICULTIES, QUESTION_TYPES, TOPICS
from mlprep_desktop.core.paths import bundled_database
from mlprep_desktop.core.scheduling import StudyScheduler
from mlprep_desktop.services.app_context import AppContext

QUESTIONS = 10_000
REVIEWS = 100_000
STUDIED = 6_000
RUNS = 21
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def grow(ctx: AppContext, rng: random.Random) -> None:
    """Add questions up to QUESTIONS, then REVIEWS reviews of STUDIED of them, and replay cards."""
    have = ctx.questions.total()
    with ctx.database.transaction() as conn:
        conn.executemany(
            "INSERT INTO questions (id, type, topic, difficulty, minutes, title, prompt, answer, source) "
            "VALUES (?, ?, ?, ?, 5, ?, '', '', 'user')",
            [(f"bench-{n}", QUESTION_TYPES[n % 4], TOPICS[n % len(TOPICS)], DIFFICULTIES[n % 3],
              f"Benchmark question {n}") for n in range(QUESTIONS - have)])
        ids = [r[0] for r in conn.execute("SELECT id FROM questions ORDER BY id")]
        studied = rng.sample(ids, STUDIED)
        rows = []
        for n in range(REVIEWS):
            question = studied[n % STUDIED]
            at = NOW - timedelta(days=1 + 364 * (REVIEWS - n) / REVIEWS, minutes=rng.randrange(600))
            rows.append((question, rng.choice((1, 2, 3, 3, 3, 4)), to_utc_iso(at), "today",
                         at.date().isoformat()))
        conn.executemany("INSERT INTO reviews (question_id, rating, reviewed_at, context, day) VALUES (?, ?, ?, ?, ?)",
                         rows)
        start = time.perf_counter()
        ctx.cards.rebuild(conn, StudyScheduler(ctx.cards.policy(UTC)))
        print(f"replayed {STUDIED} cards from {REVIEWS} reviews in {time.perf_counter() - start:.1f} s (one-off)")


def main() -> int:
    from mlprep_desktop.app import ensure_application
    from mlprep_desktop.ui.operation_runner import OperationRunner
    from mlprep_desktop.ui.today.today_tab import TodayTab

    ensure_application()
    with tempfile.TemporaryDirectory() as tmp:
        clock = FixedClock(NOW)
        ctx = AppContext.open(Path(tmp) / "bench.sqlite", bundled_database(), study_clock=clock)
        grow(ctx, random.Random(7))
        counts = {name: ctx.database.query(f"SELECT COUNT(*) FROM {name}")[0][0]
                  for name in ("questions", "reviews", "card_state")}
        print("rows: " + ", ".join(f"{n} {c}" for n, c in counts.items()))
        tab = TodayTab(ctx, OperationRunner())
        tab.resize(1400, 900)
        tab.show()

        def sql_count() -> None:
            for name in counts:
                ctx.database.query(f"SELECT COUNT(*) FROM {name}")

        timings: dict[str, list[float]] = {"Today (queue, session, streak)": [],
                                           "Progress page": [], "plain SQL COUNT(*) of the same rows": []}
        steps = list(zip(timings, (tab.refresh_today, tab.refresh_progress, sql_count)))
        for _ in range(RUNS):
            for name, step in steps:
                start = time.perf_counter()
                step()
                timings[name].append((time.perf_counter() - start) * 1000)
        print(f"{RUNS} interleaved runs; ms: median (min–max)")
        for name, values in timings.items():
            print(f"  {name:40} {statistics.median(values):7.1f}  ({min(values):.1f}–{max(values):.1f})")
        print(f"  today's line: {tab.progress_label.text()}")
        tab.close()
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
