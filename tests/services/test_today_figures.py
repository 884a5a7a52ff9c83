"""Today's queue and the progress page's figures on a seeded database (600 questions, 6,000
reviews over 200 days, some questions retired, an interview date, a time zone west of UTC):
pinned to the values they had before the SQL was made fast, and checked against plain Python
over every row (the cards, the reviews), so an aggregation shortcut cannot change what is shown."""
from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from mlprep_desktop.core.clock import FixedClock, from_utc_iso, to_utc_iso
from mlprep_desktop.core.models import DIFFICULTIES, QUESTION_TYPES, TOPICS
from mlprep_desktop.core.scheduling import MASTERED_STABILITY_DAYS, Phase, StudyScheduler, retrievability_fn
from mlprep_desktop.core.study_progress import due_forecast
from mlprep_desktop.services.app_context import AppContext

WEST = timezone(timedelta(hours=-5))
NOW = datetime(2026, 6, 1, 21, 30, tzinfo=WEST)  # 02:30 UTC the next day: local and UTC days differ


def seed(ctx: AppContext, rng: random.Random) -> None:
    """600 questions in every topic, level and type; 6,000 reviews of 400 of them over the 200
    days before today; 15 of the reviewed and 15 others retired; cards replayed."""
    with ctx.database.transaction() as conn:
        conn.executemany(
            "INSERT INTO questions (id, type, topic, difficulty, minutes, title, prompt, answer, source) "
            "VALUES (?, ?, ?, ?, 5, ?, '', '', 'user')",
            [(f"seed-{n:03d}", QUESTION_TYPES[n % 4], TOPICS[n % len(TOPICS)], DIFFICULTIES[n % 3],
              f"Seeded question {n}") for n in range(600)])
        ids = [r[0] for r in conn.execute("SELECT id FROM questions ORDER BY id")]
        studied = rng.sample(ids, 400)
        rows = []
        for n in range(6000):
            at = NOW - timedelta(days=1 + 200 * (6000 - n) / 6000, minutes=rng.randrange(600))
            rows.append((studied[n % 400], rng.choice((1, 2, 3, 3, 3, 4)), to_utc_iso(at), "today",
                         at.astimezone(WEST).date().isoformat()))
        conn.executemany("INSERT INTO reviews (question_id, rating, reviewed_at, context, day) VALUES (?, ?, ?, ?, ?)",
                         rows)
        unstudied = sorted(set(ids) - set(studied))
        retired = sorted(studied)[::27] + unstudied[::13][:15]
        conn.executemany("UPDATE questions SET retired = 1 WHERE id = ?", [(q,) for q in retired])
        ctx.cards.rebuild(conn, StudyScheduler(ctx.cards.policy(WEST)))


@pytest.fixture(params=["plain", "interview"])
def seeded(request, tmp_path, bundle):
    clock = FixedClock(NOW)
    ctx = AppContext.open(tmp_path / "q.sqlite", bundle, study_clock=clock)
    seed(ctx, random.Random(12))
    if request.param == "interview":
        ctx.today.set_interview_date(date(2026, 6, 20))
    ctx.today.more("new")  # five new ones beyond the goal's due reviews
    yield request.param, ctx
    ctx.close()


PINNED = {
    'interview': {
        'days': 201,
        'due_left': 131,
        'forecast': [131, 5, 3, 7, 7, 232, 0, 0, 0, 0, 0, 0, 0, 0],
        'line': '0 of 13 done · 8 due · 5 new',
        'mastery': [
            ('fundamentals', 20, 16, 8, 0.899931578),
            ('data-preparation', 20, 10, 5, 0.920181133),
            ('imbalanced-data', 19, 14, 5, 0.917634548),
            ('evaluation', 21, 13, 8, 0.946004086),
            ('regression', 19, 12, 5, 0.901216426),
            ('classification', 19, 12, 7, 0.946728881),
            ('trees-ensembles', 18, 11, 6, 0.952324958),
            ('svm-kernels', 20, 9, 5, 0.931542243),
            ('clustering', 20, 15, 5, 0.923352765),
            ('dimensionality-reduction', 18, 14, 4, 0.889532725),
            ('probability', 19, 14, 9, 0.960789523),
            ('statistics-ab-testing', 19, 13, 6, 0.928250223),
            ('linear-algebra', 19, 12, 6, 0.90653123),
            ('optimization', 20, 17, 10, 0.921791903),
            ('neural-networks', 19, 17, 7, 0.938173512),
            ('cnn-vision', 20, 14, 7, 0.920019035),
            ('sequence-models', 17, 12, 5, 0.912818031),
            ('nlp-llm', 20, 13, 6, 0.921690265),
            ('recsys-ranking', 18, 9, 5, 0.93388054),
            ('time-series', 19, 11, 2, 0.859145789),
            ('mlops', 18, 12, 4, 0.870147102),
            ('ml-system-design', 19, 13, 4, 0.917619983),
            ('generative-rl', 20, 12, 5, 0.939309697),
            ('llm-training', 19, 12, 8, 0.929666928),
            ('llm-inference', 19, 12, 5, 0.92028665),
            ('distributed-training', 20, 13, 6, 0.94814406),
            ('causal-inference', 19, 15, 8, 0.947390542),
            ('responsible-ai', 16, 11, 9, 0.946251446),
            ('representation-learning', 19, 15, 10, 0.95629686),
            ('behavioral', 20, 12, 6, 0.919905294),
        ],
        'mistakes': 131,
        'new': ['seed-037', 'seed-048', 'seed-031', 'seed-097', 'seed-018'],
        'new_left': 188,
        'reviews': ['seed-373', 'seed-468', 'seed-522', 'seed-059', 'seed-317', 'seed-567', 'seed-361', 'seed-314'],
        'streak': (201, 201),
        'year': 6000,
    },
    'plain': {
        'days': 201,
        'due_left': 131,
        'forecast': [131, 5, 3, 7, 7, 3, 5, 13, 5, 2, 6, 8, 1, 2],
        'line': '0 of 13 done · 8 due · 5 new',
        'mastery': [
            ('fundamentals', 20, 16, 8, 0.899931578),
            ('data-preparation', 20, 10, 5, 0.920181133),
            ('imbalanced-data', 19, 14, 5, 0.917634548),
            ('evaluation', 21, 13, 8, 0.946004086),
            ('regression', 19, 12, 5, 0.901216426),
            ('classification', 19, 12, 7, 0.946728881),
            ('trees-ensembles', 18, 11, 6, 0.952324958),
            ('svm-kernels', 20, 9, 5, 0.931542243),
            ('clustering', 20, 15, 5, 0.923352765),
            ('dimensionality-reduction', 18, 14, 4, 0.889532725),
            ('probability', 19, 14, 9, 0.960789523),
            ('statistics-ab-testing', 19, 13, 6, 0.928250223),
            ('linear-algebra', 19, 12, 6, 0.90653123),
            ('optimization', 20, 17, 10, 0.921791903),
            ('neural-networks', 19, 17, 7, 0.938173512),
            ('cnn-vision', 20, 14, 7, 0.920019035),
            ('sequence-models', 17, 12, 5, 0.912818031),
            ('nlp-llm', 20, 13, 6, 0.921690265),
            ('recsys-ranking', 18, 9, 5, 0.93388054),
            ('time-series', 19, 11, 2, 0.859145789),
            ('mlops', 18, 12, 4, 0.870147102),
            ('ml-system-design', 19, 13, 4, 0.917619983),
            ('generative-rl', 20, 12, 5, 0.939309697),
            ('llm-training', 19, 12, 8, 0.929666928),
            ('llm-inference', 19, 12, 5, 0.92028665),
            ('distributed-training', 20, 13, 6, 0.94814406),
            ('causal-inference', 19, 15, 8, 0.947390542),
            ('responsible-ai', 16, 11, 9, 0.946251446),
            ('representation-learning', 19, 15, 10, 0.95629686),
            ('behavioral', 20, 12, 6, 0.919905294),
        ],
        'mistakes': 131,
        'new': ['seed-037', 'seed-048', 'seed-031', 'seed-097', 'seed-018'],
        'new_left': 188,
        'reviews': ['seed-373', 'seed-468', 'seed-522', 'seed-059', 'seed-317', 'seed-567', 'seed-361', 'seed-314'],
        'streak': (201, 201),
        'year': 6000,
    },
}


def figures(ctx: AppContext) -> dict:
    state = ctx.today.state()
    snapshot = ctx.today.progress()
    queue = state.queue
    return {
        "line": queue.progress_text(),
        "reviews": list(queue.reviews), "new": list(queue.new),
        "due_left": queue.due_left, "new_left": queue.new_left,
        "streak": (state.streak.current, state.streak.best), "mistakes": state.mistakes,
        "forecast": snapshot.forecast, "year": snapshot.reviews_last_year, "days": len(snapshot.per_day),
        "mastery": [(m.topic, m.total, m.seen, m.mastered, None if m.recall is None else round(m.recall, 9))
                    for m in snapshot.mastery],
    }


def test_figures_are_the_pinned_ones(seeded):
    kind, ctx = seeded
    assert figures(ctx) == PINNED[kind]


def test_figures_match_plain_python_over_every_row(seeded):
    _kind, ctx = seeded
    conn = ctx.database.conn
    active = {r[0]: r[1] for r in conn.execute("SELECT id, topic FROM questions WHERE retired = 0")}
    cards = ctx.cards.cards()
    snapshot = ctx.today.progress()
    policy = ctx.cards.policy(WEST)
    scheduler = StudyScheduler(policy)
    # the heatmap: reviews per local day
    per_day = Counter(date.fromisoformat(r[0]) for r in conn.execute("SELECT day FROM reviews"))
    assert snapshot.per_day == {d: n for d, n in per_day.items() if d >= NOW.date() - timedelta(days=371)}
    # the forecast: every card's (capped) due
    dues = [scheduler.effective(c).due.astimezone(WEST) for c in cards.values()]
    assert snapshot.forecast == due_forecast(dues, NOW.date())
    # mastery: every active question, every card's recall now
    recall = retrievability_fn(scheduler)
    for m in snapshot.mastery:
        topic_cards = [c for q, c in cards.items() if active[q] == m.topic]
        assert m.total == sum(1 for t in active.values() if t == m.topic)
        assert m.seen == len(topic_cards)
        assert m.mastered == sum(1 for c in topic_cards
                                 if c.phase == Phase.REVIEW and c.stability >= MASTERED_STABILITY_DAYS)
        expected = [recall(c, NOW) for c in topic_cards if c.last_review is not None]
        assert (m.recall is None) == (not expected)
        if expected:
            assert m.recall == pytest.approx(sum(expected) / len(expected), rel=1e-12)
    # mistakes: the latest review of an active question in the last 14 days is Again or Hard
    latest: dict[str, tuple] = {}
    for q, rating, at, n in conn.execute("SELECT question_id, rating, reviewed_at, id FROM reviews"):
        if q in active and (q not in latest or (at, n) > latest[q][:2]):
            latest[q] = (at, n, rating)
    since = NOW - timedelta(days=14)
    assert ctx.today.state().mistakes == sum(1 for at, _n, rating in latest.values()
                                             if rating <= 2 and from_utc_iso(at) >= since)
    assert set(ctx.today._progress.mistakes(NOW)) == {q for q, (at, _n, rating) in latest.items()
                                                     if rating <= 2 and from_utc_iso(at) >= since}


def test_review_days_follow_every_change_to_the_reviews(seeded):
    _kind, ctx = seeded
    with ctx.database.transaction() as conn:
        conn.execute("DELETE FROM reviews WHERE id % 7 = 0")
        conn.execute("UPDATE reviews SET day = NULL WHERE id % 11 = 0")
        conn.execute("UPDATE reviews SET day = '2026-01-01' WHERE id % 13 = 0")
        conn.execute("INSERT INTO reviews (question_id, rating, reviewed_at, context, day) "
                     "VALUES ('seed-001', 3, ?, 'today', '2026-06-01')", (to_utc_iso(NOW.astimezone(UTC)),))
    days = ctx.database.query("SELECT day FROM reviews WHERE day IS NOT NULL")
    counts = Counter(date.fromisoformat(r[0]) for r in days)
    assert ctx.today._progress.day_counts() == dict(counts)
