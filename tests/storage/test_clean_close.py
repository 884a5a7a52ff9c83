"""The start-up integrity check is left for after start only for a file exactly as the app
left it at its last clean close; any file changed outside the app is checked first."""
from __future__ import annotations

import os
import sqlite3

import pytest

from mlprep_desktop.storage import database as database_module
from mlprep_desktop.storage.clean_close import quick_check_problems, record_path
from mlprep_desktop.storage.database import CorruptDatabaseError, open_database
from tests.storage.test_database import _file_with_rows_out_of_order


@pytest.fixture
def checks(monkeypatch) -> list[bool]:
    """Whether each preflight ran quick_check."""
    seen: list[bool] = []
    real = database_module.preflight

    def counting(path, *, quick_check=True):
        seen.append(quick_check)
        return real(path, quick_check=quick_check)

    monkeypatch.setattr(database_module, "preflight", counting)
    return seen


def test_a_file_unchanged_since_a_clean_close_is_checked_after_start(tmp_path, bundle, checks):
    path = tmp_path / "questions.sqlite"
    first = open_database(path, bundle)
    assert not first.check_pending and not record_path(path).exists()
    first.close()
    assert record_path(path).exists()
    again = open_database(path, bundle)
    assert checks == [True, False] and again.check_pending
    assert not record_path(path).exists()  # open now: a crash from here means a check next time
    assert quick_check_problems(path) == []
    again.close()


def test_a_file_changed_outside_the_app_is_checked_before_opening(tmp_path, bundle, checks):
    path = tmp_path / "questions.sqlite"
    open_database(path, bundle).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO settings (key, value) VALUES ('elsewhere', '1')")
    conn.commit()
    conn.close()
    database = open_database(path, bundle)
    assert checks == [True, True] and not database.check_pending
    database.close()


def test_a_touched_file_is_checked_and_a_damaged_one_refused_despite_an_old_record(tmp_path, checks):
    path = tmp_path / "subtly-damaged.sqlite"
    _file_with_rows_out_of_order(path)
    st = os.stat(path)
    record_path(path).write_text(f'{{"size": {st.st_size}, "mtime_ns": {st.st_mtime_ns - 1}}}', encoding="ascii")
    with pytest.raises(CorruptDatabaseError):
        open_database(path)
    assert checks == [True]
    assert quick_check_problems(path)  # what the check after start would report too
