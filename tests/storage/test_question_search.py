"""The one-statement search: its copy of the question list follows every change of the
questions (this connection's writes and other connections'), rows are read lazily, and
opening a migrated file does not import sqlite-utils."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

from mlprep_desktop.core.models import QuestionFilter
from mlprep_desktop.storage.questions import QuestionRepository


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
