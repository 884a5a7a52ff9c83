"""``mlprep export`` / ``mlprep import`` from the shell: output, exit codes, the database after."""
from __future__ import annotations

import csv
import json

from mlprep_desktop import cli
from tests.services.portable_helpers import fill, open_context


def test_export_then_dry_run_then_import_into_another_database(tmp_path, bundle, capsys):
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    ctx = open_context(a, bundle)
    fill(ctx)
    ctx.close()
    open_context(b, bundle).close()
    out = tmp_path / "all.json"
    assert cli.main(["export", "--format", "json", str(out), "--db", str(a)]) == 0
    assert f"Exported to {out}" in capsys.readouterr().out
    assert json.loads(out.read_text())["format"] == "mlprep-export"
    assert cli.main(["import", "--dry-run", str(out), "--db", str(b)]) == 0
    said = capsys.readouterr().out
    assert "nothing was written" in said and "notes: 2 to add, 0 to update" in said
    check = open_context(b, bundle)
    assert check.notes.list() == []
    check.close()
    assert cli.main(["import", str(out), "--db", str(b)]) == 0
    assert "notes: 2 added" in capsys.readouterr().out
    assert cli.main(["import", str(out), "--db", str(b)]) == 0
    assert "already here" in capsys.readouterr().out
    check = open_context(b, bundle)
    assert {n.title for n in check.notes.list()} == {"Note a"}  # the other one is in the Trash
    check.close()


def test_import_of_an_unknown_kind_of_file_exits_non_zero(tmp_path, bundle, capsys):
    db = tmp_path / "a.sqlite"
    open_context(db, bundle).close()
    thing = tmp_path / "deck.apkg"
    thing.write_bytes(b"PK")
    assert cli.main(["import", str(thing), "--db", str(db)]) == 1
    assert "cannot import this kind of file" in capsys.readouterr().err


def test_csv_and_markdown_exports_and_a_csv_import(tmp_path, bundle, capsys):
    db = tmp_path / "a.sqlite"
    open_context(db, bundle).close()
    assert cli.main(["export", "--format", "csv", str(tmp_path / "s.csv"), "--topic", "evaluation", "--db", str(db)]) == 0
    assert "questions with your status" in capsys.readouterr().out
    with open(tmp_path / "s.csv", newline="", encoding="utf-8") as f:
        topics = {row["topic"] for row in csv.DictReader(f)}
    assert topics == {"evaluation"}
    assert cli.main(["export", "--format", "md", str(tmp_path / "md"), "--db", str(db)]) == 0
    assert len(list((tmp_path / "md").glob("*/*.md"))) > 100  # the real bank, merged on open
    assert cli.main(["export", "--format", "md", str(tmp_path / "md"), "--db", str(db)]) == 1
    assert "not an empty folder" in capsys.readouterr().err
    mine = tmp_path / "mine.csv"
    mine.write_text("title,type,topic,difficulty,answer\nMy CLI question?,theory,fundamentals,beginner,Yes.\n")
    assert cli.main(["import", "--dry-run", str(mine), "--db", str(db)]) == 0
    assert "own questions: 1 to add" in capsys.readouterr().out
    assert cli.main(["import", str(mine), "--db", str(db)]) == 0
    ctx = open_context(db, bundle)
    assert ctx.questions.get("my-my-cli-question").source == "user"
    ctx.close()


def test_an_unknown_topic_or_an_unopenable_database_fail_clearly(tmp_path, capsys):
    assert cli.main(["export", "--format", "csv", str(tmp_path / "x.csv"), "--topic", "astrology",
                     "--db", str(tmp_path / "a.sqlite")]) == 1
    assert "unknown topic astrology" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()
    folder = tmp_path / "a-folder.sqlite"
    folder.mkdir()
    assert cli.main(["export", str(tmp_path / "x.json"), "--db", str(folder)]) == 2
    assert str(folder) in capsys.readouterr().err
