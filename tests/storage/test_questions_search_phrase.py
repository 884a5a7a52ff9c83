"""Search for hyphenated terms (issue 18 item 11): ``k-means`` finds the texts that say k-means
(or "k means", or "kmeans"), not every text with a "k" and a "means" somewhere."""
from __future__ import annotations

from pathlib import Path

from mlprep_desktop.bank.build import build
from mlprep_desktop.core.models import QuestionFilter
from mlprep_desktop.storage.database import open_database
from mlprep_desktop.storage.questions import QuestionRepository
from tests.bank_sources import write_question


def test_a_hyphenated_term_matches_as_a_phrase_and_other_searches_keep_their_order(tmp_path: Path):
    root = tmp_path / "sources"
    write_question(root, "kmeans-basics", topic="clustering", title="How does k-means work?")
    write_question(root, "kmeans-one-word", topic="clustering", title="When does kmeans fail?")
    write_question(root, "top-k-means", topic="evaluation", title="What the mean of the top k scores means",
                   answer_extra="Pick k items; the average means little alone.")
    write_question(root, "k-fold", topic="evaluation", title="Why k folds? It means less variance.")
    out = tmp_path / "bundle.sqlite"
    build(root, out, coverage=False)
    db = open_database(tmp_path / "user.sqlite", out)
    try:
        repo = QuestionRepository(db)
        found = [r.id for r in repo.search(QuestionFilter(text="k-means"))]
        assert sorted(found) == ["kmeans-basics", "kmeans-one-word"]
        loose = [r.id for r in repo.search(QuestionFilter(text="k means"))]  # typed apart: every word, anywhere
        assert set(loose) >= {"kmeans-basics", "top-k-means", "k-fold"}
    finally:
        db.close()
