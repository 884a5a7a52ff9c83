"""The one-statement search: its copy of the question list follows every change of the
questions (this connection's writes and other connections'), rows are read lazily, and
opening a migrated file does not import sqlite-utils; the mistakes filter, whose list is
kept between keystrokes, follows every rating and the clock."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime

from mlprep_desktop.core.clock import FixedClock
from mlprep_desktop.core.models import QuestionFilter, Rating, Status
from mlprep_desktop.storage.progress import ProgressRepository
from mlprep_desktop.storage.questions import QuestionRepository
from mlprep_desktop.storage.study import StudyRepository


def titles(repo: QuestionRepository, text: str = "") -> list[str]:
    return [r.title for r in repo.search(QuestionFilter(text=text))]


def test_the_list_follows_this_connections_writes(db):
    repo = QuestionRepository(db)
    assert "What is alpha regularization?" in titles(repo)
    with db.transaction() as conn:
        conn.execute("UPDATE questions SET title = 'Alpha, renamed' WHERE id = 'alpha-question'")
    assert "Alpha, renamed" in titles(repo) and "Alpha, renamed" in titles(repo, "renamed")
    with db.transaction() as conn:
        conn.execute("UPDATE questions SET retired = 1 WHERE id = 'beta-question'")
    assert "beta-question" not in [r.id for r in repo.search(QuestionFilter())]


def test_the_list_follows_another_connections_writes(db):
    repo = QuestionRepository(db)
    titles(repo)
    other = sqlite3.connect(db.path, isolation_level=None)
    other.execute("UPDATE questions SET title = 'Gamma from elsewhere' WHERE id = 'gamma-question'")
    other.close()
    assert "Gamma from elsewhere" in titles(repo)


def test_rows_are_read_a_page_at_a_time_and_keep_their_order(db):
    repo = QuestionRepository(db)
    rows, counts = repo.browse_rows(QuestionFilter())
    assert len(rows) == 3 and sum(counts["topic"].values()) == 3
    assert rows.index_of("gamma-question") == [r.id for r in rows].index("gamma-question")
    assert rows.id_at(0) == rows[0].id and rows[-1].id == rows.id_at(2)
    assert rows.index_of("no-such-question") == -1


def test_opening_a_migrated_file_does_not_import_sqlite_utils(db):
    code = ("import sys; from mlprep_desktop.storage.database import open_database; "
            f"open_database({str(db.path)!r}).close(); print('sqlite_utils' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False"]


def test_the_mistakes_filter_follows_ratings_other_connections_and_the_clock(db):
    clock = FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    study, repo = StudyRepository(db, clock), QuestionRepository(db, clock)

    def mistakes() -> list[str]:
        shown = [r.id for r in repo.search(QuestionFilter(status=Status.MISTAKES))]
        assert sorted(shown) == sorted(ProgressRepository(db).mistakes(clock.now()))  # the uncached rule
        return shown

    assert mistakes() == []
    study.rate("alpha-question", Rating.AGAIN)
    assert mistakes() == ["alpha-question"]
    clock.advance(days=1)
    study.rate("alpha-question", Rating.GOOD)  # a later good rating clears it
    assert mistakes() == []
    study.rate("beta-question", Rating.HARD)
    assert mistakes() == ["beta-question"]
    other = sqlite3.connect(db.path, isolation_level=None)  # another connection's write
    other.execute("DELETE FROM reviews WHERE question_id = 'beta-question'")
    other.close()
    assert mistakes() == []
    study.rate("beta-question", Rating.AGAIN)
    assert mistakes() == ["beta-question"]
    clock.advance(days=20)  # out of the window: no write, only the clock moved
    assert mistakes() == []


def test_the_status_filters_and_counts_follow_every_state_write(db):
    """The search reads the study state from a copy (temp.question_status, issue 16): every
    write that changes a status — seen, flag, rating, an exercise run, this connection's or
    another's — shows in the next search's filters and counts, as the rows read live do."""
    from mlprep_desktop.storage.exercises import ExerciseRepository

    clock = FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    study, repo = StudyRepository(db, clock), QuestionRepository(db, clock)

    def shown(status: Status) -> list[str]:
        rows, counts = repo.browse_rows(QuestionFilter(status=status))
        ids = sorted(rows.id_at(i) for i in range(len(rows)))
        assert counts["status"][status.value] == len(ids)
        assert ids == sorted(r.id for r in rows if Status(status).holds_for(r.state))  # the live rows agree
        return ids

    assert shown(Status.SEEN) == shown(Status.FLAGGED) == shown(Status.RATED) == shown(Status.SOLVED) == []
    study.mark_seen("alpha-question")
    assert shown(Status.SEEN) == ["alpha-question"]
    study.set_flag("beta-question", True)
    assert shown(Status.FLAGGED) == ["beta-question"]
    study.rate("gamma-question", Rating.GOOD)
    assert shown(Status.RATED) == ["gamma-question"] and shown(Status.DUE) == []
    ExerciseRepository(db).record_run("beta-question", "pass", 2, 2, None, 0.1, "browse")
    assert shown(Status.SOLVED) == ["beta-question"]
    other = sqlite3.connect(db.path, isolation_level=None)  # another connection's writes
    other.execute("UPDATE question_state SET flagged = 0 WHERE question_id = 'beta-question'")
    other.execute("UPDATE card_state SET due = '2026-03-01T00:00:00Z' WHERE question_id = 'gamma-question'")
    other.close()
    assert shown(Status.FLAGGED) == [] and shown(Status.DUE) == ["gamma-question"]


def test_a_mistake_leaves_the_filter_when_the_clock_moves_on_without_a_write(db):
    """The search's copy of the mistakes (temp.question_mistakes) follows the list, which the
    clock alone changes: a mistake older than the window leaves the filter and the count."""
    from mlprep_desktop.storage.progress import MISTAKE_DAYS

    clock = FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    study, repo = StudyRepository(db, clock), QuestionRepository(db, clock)
    study.rate("alpha-question", Rating.AGAIN)
    rows, counts = repo.browse_rows(QuestionFilter(status=Status.MISTAKES))
    assert [r.id for r in rows] == ["alpha-question"] and counts["status"]["mistakes"] == 1
    clock.advance(days=MISTAKE_DAYS + 1)  # no write since
    rows, counts = repo.browse_rows(QuestionFilter(status=Status.MISTAKES))
    assert list(rows) == [] and counts["status"]["mistakes"] == 0
