"""JSON export and import: round trip, idempotence, merging, preview, newer edits win."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from mlprep_desktop.services.changes import ChangeKind
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.services.portability import describe, export_json, import_json, preview_import
from tests.services.portable_helpers import fill, open_context


@pytest.fixture
def source(tmp_path, bundle):
    ctx = open_context(tmp_path / "a" / "questions.sqlite", bundle)
    fill(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def target(tmp_path, bundle):
    ctx = open_context(tmp_path / "b" / "questions.sqlite", bundle)
    yield ctx
    ctx.close()


def sections(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["sections"]


def dump(db_path: Path) -> dict:
    """Every user table's rows (without local ids), to compare databases."""
    conn = sqlite3.connect(db_path)
    out = {}
    for table in ("question_state", "reviews", "answers", "notes", "note_tags", "note_revisions",
                  "interview_sessions", "interview_items", "boards"):
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in ("id",)]
        out[table] = sorted(map(repr, conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()))
    conn.close()
    return out


def test_export_holds_everything_of_the_users_and_no_window_settings(source, tmp_path):
    out = tmp_path / "export.json"
    counts = export_json(source.database, out).value
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "mlprep-export" and doc["version"] == 1
    s = doc["sections"]
    assert [q["id"] for q in s["own_questions"]] == ["my-own-question-a"]
    assert counts["reviews"] == 3 and sorted(r["rating"] for r in s["reviews"]) == [1, 2, 3]
    assert {n["title"] for n in s["notes"]} == {"Note a", "Trashed a"}
    assert any(n["deleted_at"] for n in s["notes"])
    assert s["note_revisions"][0]["body"] == "an older text"
    assert {t["tag"] for t in s["note_tags"]} == {"ml", "a"}
    assert s["answers"][0]["body"].startswith("My answer a")
    assert [i["answer"] for i in s["interview_items"] if i["answer"]] == ["interview answer a"]
    linked = [b for b in s["boards"] if b["interview_item"]]
    assert linked and linked[0]["interview_item"].endswith("#1") and linked[0]["thumbnail"]
    keys = {x["key"] for x in s["settings"]}
    assert "interview.setup" in keys and "window.geometry" not in keys and "app.last_opened" not in keys
    assert all("id" not in n for n in s["notes"])  # local ids never travel


def test_round_trip_into_a_fresh_database_exports_the_same(source, target, tmp_path):
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    export_json(source.database, first)
    outcome = import_json(target.database, first)
    assert outcome.change.concerns(ChangeKind.NOTES) and outcome.change.concerns(ChangeKind.BOARDS)
    export_json(target.database, second)
    assert sections(second) == sections(first)
    cards = "SELECT question_id, reps FROM card_state ORDER BY question_id"  # due: FSRS fuzz
    assert [tuple(r) for r in target.database.query(cards)] == [tuple(r) for r in source.database.query(cards)]
    assert len(target.database.query(cards)) == 2  # FSRS cards replayed from the imported reviews
    # the note shows in the target's search and is the question's note
    assert target.notes.for_question("alpha-question").title == "Note a"


def test_importing_twice_changes_nothing(source, target, tmp_path):
    out = tmp_path / "e.json"
    export_json(source.database, out)
    import_json(target.database, out)
    before = dump(target.database.path)
    report, _ = import_json(target.database, out).value
    assert report.changed == 0
    assert dump(target.database.path) == before
    again, _ = preview_import(target.database, out)
    assert describe(again) == []


def test_merge_keeps_the_targets_data_and_newer_edits_win(source, target, tmp_path):
    fill(target, tag="b")  # the target has its own notes, boards, ratings
    out = tmp_path / "e.json"
    export_json(source.database, out)
    import_json(target.database, out)
    titles = {n.title for n in target.notes.list()}
    assert {"Note a", "Note b"} <= titles
    assert len(target.study.reviews("alpha-question")) == 4
    assert target.study.state("alpha-question").review_count == 4
    assert target.study.state("beta-question").flagged
    names = {b.name for b in target.boards.list()}
    assert {"Board a", "Board b"} <= names and len(names) == 4  # "Answer board" twice: renamed
    # the target's own answer is newer or equal: kept
    assert target.study.answer("gamma-question") == "My answer b with $x^2$"
    # a newer edit in the file wins
    note = source.notes.find_by_title("Note a")
    source.database.conn.execute("UPDATE notes SET body = 'edited later', updated_at = '2999-01-01T00:00:00Z' "
                                 "WHERE id = ?", (note.id,))
    source.database.conn.commit()
    export_json(source.database, out)
    report, _ = import_json(target.database, out).value
    assert report.sections["notes"].updated == 1 and report.changed == 1
    assert target.notes.find_by_title("Note a").body == "edited later"
    # and an older copy does not overwrite a newer one
    target.database.conn.execute("UPDATE notes SET body = 'newest here', updated_at = '3000-01-01T00:00:00Z' "
                                 "WHERE title = 'Note a'")
    target.database.conn.commit()
    import_json(target.database, out)
    assert target.notes.find_by_title("Note a").body == "newest here"


def test_preview_says_what_would_change_and_writes_nothing(source, target, tmp_path):
    out = tmp_path / "e.json"
    export_json(source.database, out)
    before = dump(target.database.path)
    report, _ = preview_import(target.database, out)
    assert report.dry_run and report.sections["notes"].added == 2 and report.sections["reviews"].added == 3
    assert report.sections["own_questions"].added == 1
    lines = describe(report)
    notes_line = next(line for line in lines if line.startswith("notes: "))
    assert notes_line.startswith("notes: 2 to add, 0 to update — ")  # then the first names, in uid order
    assert "“Note a”" in notes_line and "“Trashed a”" in notes_line
    assert dump(target.database.path) == before


def test_rows_about_questions_this_installation_lacks_are_skipped_and_said(source, target, tmp_path):
    out = tmp_path / "e.json"
    export_json(source.database, out)
    doc = json.loads(out.read_text())
    doc["sections"]["reviews"][0]["question_id"] = "not-here"
    out.write_text(json.dumps(doc))
    report, _ = import_json(target.database, out).value
    assert report.sections["reviews"].skipped == 1
    assert "not-here" in report.sections["reviews"].reasons[0]


def test_a_refused_row_rolls_back_everything(source, target, tmp_path):
    out = tmp_path / "e.json"
    export_json(source.database, out)
    doc = json.loads(out.read_text())
    doc["sections"]["boards"][0]["created_at"] = None  # NOT NULL: the database refuses it
    out.write_text(json.dumps(doc))
    before = dump(target.database.path)
    with pytest.raises(OperationError, match=r"e\.json: boards: the row .* was refused"):
        import_json(target.database, out)
    assert dump(target.database.path) == before


def test_an_import_job_runs_on_another_thread_with_its_own_connection(source, target, tmp_path):
    import threading

    from mlprep_desktop.services.imports import prepare_import

    export_json(source.database, tmp_path / "all.json")
    results: list = []
    for dry_run in (True, False):
        job = prepare_import(target.database, tmp_path / "all.json", dry_run=dry_run)
        worker = threading.Thread(target=lambda job=job: results.append(job.run()))
        worker.start()
        worker.join()
    preview, done = results
    assert "notes: 2 to add, 0 to update" in "\n".join(preview.value) and not preview.change
    assert "notes: 2 added" in "\n".join(done.value) and ChangeKind.NOTES in done.change.kinds
    # the window's own connection sees what the worker committed
    assert [n.title for n in target.notes.list()] == ["Note a"]
    imported, exported = dump(target.database.path), dump(source.database.path)
    assert all(imported[t] == exported[t] for t in ("notes", "reviews", "boards", "interview_items"))


def test_an_import_job_is_refused_at_once_for_a_missing_file_or_an_unknown_kind(target, tmp_path):
    from mlprep_desktop.services.imports import prepare_import

    with pytest.raises(OperationError, match="no such file"):
        prepare_import(target.database, tmp_path / "gone.json")
    (tmp_path / "deck.apkg").write_bytes(b"PK")
    with pytest.raises(OperationError, match="cannot import this kind of file"):
        prepare_import(target.database, tmp_path / "deck.apkg")
