"""Search results at 10,000 questions, pinned: the rows (ids, order and every state field the
table shows) and the facet counts of ``QuestionRepository.browse`` for a set of searches and
filters, recorded from the code before the speed work (tests/storage/fixtures/browse_10k_pins.json).
A faster search must give exactly these.

Re-record only for an intended change of results:
``QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.storage.test_browse_pins --record``
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from mlprep_desktop.core.clock import FixedClock
from mlprep_desktop.core.models import QuestionFilter, QuestionRow, Status
from mlprep_desktop.storage.database import open_database
from mlprep_desktop.storage.questions import QuestionRepository
from tests.big_bank import NOW, build_big_bank

PINS = Path(__file__).parent / "fixtures" / "browse_10k_pins.json"
TEXTS = ["", "g", "gr", "gradient", "gradient descent", "transformer attention", "bias variance trade",
         "design", 'NOT "x" (y', "zzzz-no-match", "copy 3", "my", "zeta", "c++ -x"]
FILTERS: list[dict] = [
    {},
    {"type": "coding"},
    {"topic": "optimization"},
    {"difficulty": "advanced"},
    {"type": "theory", "topic": "nlp-llm", "difficulty": "advanced"},
    *({"status": status.value} for status in Status),
    {"status": "due", "topic": "optimization"},
    {"status": "solved", "type": "coding"},
]


def cases() -> list[tuple[str, QuestionFilter]]:
    out = []
    for text in TEXTS:
        chosen = FILTERS if text in ("", "g", "gradient descent", "copy 3") else FILTERS[:3]
        for extra in chosen:
            flt = QuestionFilter(text=text, **{k: (Status(v) if k == "status" else v) for k, v in extra.items()})
            out.append((f"{text!r} {json.dumps(extra, sort_keys=True)}", flt))
    return out


def _row_text(row: QuestionRow) -> str:
    s = row.state
    return "|".join(map(str, (row.id, row.title, row.type, row.topic, row.difficulty, s.question_id, s.seen_at,
                              s.flagged, s.last_rating, s.review_count, s.due, s.due_now, s.learning, s.mastered,
                              s.mistake, s.solved, row.has_note)))


def summary(repo: QuestionRepository, flt: QuestionFilter) -> dict:
    rows, counts = repo.browse(flt)
    digest = hashlib.sha256("\n".join(_row_text(r) for r in rows).encode()).hexdigest()
    return {"n": len(rows), "first": [r.id for r in rows[:25]], "sha256": digest,
            "counts": {facet: dict(sorted(tally.items())) for facet, tally in counts.items()}}


def record(db_path: Path) -> dict:
    database = open_database(db_path)
    try:
        repo = QuestionRepository(database, FixedClock(NOW))
        return {name: summary(repo, flt) for name, flt in cases()}
    finally:
        database.close()


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("big") / "questions.sqlite"
    build_big_bank(path)
    return path


@pytest.mark.slow
def test_browse_at_10k_gives_the_pinned_rows_order_and_counts(big_db):
    pinned = json.loads(PINS.read_text(encoding="utf-8"))
    got = record(big_db)
    assert set(got) == set(pinned)
    wrong = [name for name in pinned if got[name] != pinned[name]]
    assert not wrong, f"{len(wrong)} searches changed, e.g. {wrong[0]}: {got[wrong[0]]} != {pinned[wrong[0]]}"


@pytest.mark.slow
def test_the_pins_cover_every_status_and_nonempty_results(big_db):
    pinned = json.loads(PINS.read_text(encoding="utf-8"))
    for status in Status:  # each status filter shows some questions without search text
        assert pinned[f"'' {json.dumps({'status': status.value})}"]["n"] > 0, status
    assert pinned["'' {}"]["n"] == 10_003  # the copies and the three own questions


if __name__ == "__main__" and "--record" in sys.argv:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        db_file = Path(folder) / "questions.sqlite"
        build_big_bank(db_file)
        PINS.write_text(json.dumps(record(db_file), indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"recorded {len(cases())} searches to {PINS}")
