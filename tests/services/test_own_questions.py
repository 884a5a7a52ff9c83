"""Own questions: written in the app or imported from CSV / Markdown; searchable, usable in
interviews, exported like bank questions, untouched by a bank update."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mlprep_desktop.bank.build import build
from mlprep_desktop.bank.source import parse_source
from mlprep_desktop.core.models import FollowUp, Question, QuestionFilter, Rating
from mlprep_desktop.services.changes import ChangeKind
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.services.exports import export
from mlprep_desktop.services.imports import import_path
from mlprep_desktop.services.own_questions import add_question, edit_question, import_questions
from tests.bank_sources import write_question
from tests.services.portable_helpers import open_context
from tests.services.test_portability import dump


def draft(**kw) -> Question:
    base = dict(id="", type="math", topic="probability", difficulty="intermediate", minutes=6,
                title="Why is the zebrafish variance $\\sigma^2$ unbiased?", prompt="Think of $n-1$.",
                answer="Because of **Bessel**: $$s^2 = \\frac{1}{n-1}\\sum (x_i-\\bar x)^2$$\n\n```python\nx = 1 < 2\n```",
                key_points=("divide by n-1",), pitfalls=("dividing by n",),
                follow_ups=(FollowUp("And for the std?", "Still biased."),), tags=("estimation",), source="user")
    base.update(kw)
    return Question(**base)


@pytest.fixture
def ctx(tmp_path, bundle):
    c = open_context(tmp_path / "db.sqlite", bundle)
    yield c
    c.close()


def test_a_new_question_is_stored_as_the_users_searchable_and_in_interviews(ctx):
    outcome = add_question(ctx.database, draft())
    q = outcome.value
    assert q.id == "my-why-is-the-zebrafish-variance-sigma-2-unbiased" and q.source == "user"
    assert outcome.change.concerns(ChangeKind.QUESTIONS) and q.id in outcome.change.question_ids
    assert [r.id for r in ctx.questions.search(QuestionFilter(text="zebrafish"))] == [q.id]
    assert q.id in {c.id for c in ctx.interviews.candidates()}
    ctx.study.rate(q.id, Rating.GOOD)  # schedulable like any question: it has reviews and state
    assert ctx.study.state(q.id).review_count == 1
    again = add_question(ctx.database, draft()).value  # same title: a new id
    assert again.id == q.id + "-2"


def test_editing_changes_the_question_and_bank_questions_are_refused(ctx):
    q = add_question(ctx.database, draft()).value
    edited = edit_question(ctx.database, draft(id=q.id, title="Renamed okapi question?")).value
    assert edited.title == "Renamed okapi question?" and edited.key_points == ("divide by n-1",)
    assert [r.id for r in ctx.questions.search(QuestionFilter(text="okapi"))] == [q.id]
    with pytest.raises(OperationError, match="Bank questions cannot be edited"):
        edit_question(ctx.database, draft(id="alpha-question"))
    with pytest.raises(OperationError, match="title is empty; .*topic 'nowhere'"):
        add_question(ctx.database, draft(title=" ", topic="nowhere"))


def test_a_bank_update_never_touches_own_questions(tmp_path, sources, bundle):
    ctx = open_context(tmp_path / "u.sqlite", bundle)
    q = add_question(ctx.database, draft()).value
    ctx.close()
    write_question(sources, "alpha-question", title="Alpha, reworded")
    write_question(sources, q.id, title="A bank question that takes the id")
    assert build(sources, bundle, coverage=False).content_version == 2
    ctx = open_context(tmp_path / "u.sqlite", bundle)
    try:
        kept = ctx.questions.get(q.id)
        assert kept.source == "user" and kept.title == q.title and not kept.retired
        assert ctx.questions.get("alpha-question").title == "Alpha, reworded"
    finally:
        ctx.close()


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


HEADER = ["title", "type", "topic", "difficulty", "minutes", "answer", "key_points", "follow_ups", "tags"]


def test_csv_import_adds_questions_and_a_second_import_changes_nothing(ctx, tmp_path):
    path = write_csv(tmp_path / "q.csv", [
        HEADER,
        ["What is a capybara loss?", "theory", "fundamentals", "beginner", "4", "It is $L$.",
         "- one\n- two", "- **Why?** Because.", "loss, fun"],
        ["Second, with \"quotes\", commas?", "applied", "mlops", "advanced", "", "Line 1\nLine 2", "", "", ""],
    ])
    preview = import_questions(ctx.database, path, dry_run=True).value
    assert preview.added == ["my-what-is-a-capybara-loss", "my-second-with-quotes-commas"]
    assert ctx.questions.get("my-what-is-a-capybara-loss") is None
    outcome = import_questions(ctx.database, path)
    assert outcome.change.concerns(ChangeKind.QUESTIONS)
    q = ctx.questions.get("my-what-is-a-capybara-loss")
    assert q.key_points == ("one", "two") and q.follow_ups == (FollowUp("Why?", "Because."),)
    assert q.tags == ("loss", "fun") and q.minutes == 4 and q.source == "user"
    assert ctx.questions.get("my-second-with-quotes-commas").answer == "Line 1\nLine 2"
    second = import_questions(ctx.database, path)
    assert second.value.unchanged == preview.added and not second.change


@pytest.mark.parametrize("rows, message", [
    ([["title", "kind", "topic", "difficulty", "answer"]], r"wrong header: unknown column\(s\) 'kind'; missing column\(s\) type"),
    ([HEADER, ["A?", "theory", "fundamentals", "beginner", "4", "x", "", "", ""],
      ["A?", "theory", "fundamentals", "beginner", "4", "y", "", "", ""]], r"row 3: the id 'my-a' appears twice"),
    ([HEADER, ["A?", "poetry", "fundamentals", "beginner", "4", "x", "", "", ""]], r"row 2: type 'poetry'"),
    ([HEADER, ["A?", "theory", "fundamentals", "beginner", "four", "x", "", "", ""]], r"row 2: minutes 'four'"),
    ([HEADER, ["A?", "theory"]], r"row 2 has 2 cells"),
])
def test_bad_csv_is_refused_whole(ctx, tmp_path, rows, message):
    path = write_csv(tmp_path / "bad.csv", rows)
    before = dump(ctx.database.path), ctx.questions.total()
    with pytest.raises(OperationError, match=message) as info:
        import_questions(ctx.database, path)
    assert str(path) in str(info.value)
    assert (dump(ctx.database.path), ctx.questions.total()) == before


def test_csv_with_broken_quoting_is_refused(ctx, tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_text('title,type,topic,difficulty,answer\n"A "quoted" title?,theory,fundamentals,beginner,x\n')
    total = ctx.questions.total()
    with pytest.raises(OperationError, match=r"quotes\.csv: broken CSV at line 2"):
        import_questions(ctx.database, path)
    path.write_text('title,type,topic,difficulty,answer\n"never closed,theory,fundamentals,beginner,x\n')
    with pytest.raises(OperationError, match=r"broken CSV .*unexpected end of data"):
        import_questions(ctx.database, path)
    assert ctx.questions.total() == total


def test_markdown_without_front_matter_is_refused(ctx, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "ok.md").write_text('+++\ntype = "theory"\ntopic = "fundamentals"\ndifficulty = "beginner"\n'
                                  'minutes = 3\n+++\n# Fine?\n\n## Answer\nYes.\n')
    (folder / "bare.md").write_text("# No front matter?\n\n## Answer\nNo.\n")
    total = ctx.questions.total()
    with pytest.raises(OperationError, match=r"bare\.md:1: must start with a '\+\+\+' line"):
        import_path(ctx.database, folder)
    assert ctx.questions.total() == total
    (folder / "bare.md").unlink()
    lines = import_path(ctx.database, folder).value
    assert "own questions: 1 added" in lines[1]
    assert ctx.questions.get("my-fine").answer == "Yes."


def test_markdown_export_is_in_the_bank_format_and_imports_back_as_own_questions(ctx, tmp_path, bundle):
    q = add_question(ctx.database, draft()).value
    ctx.study.save_answer(q.id, "my own derivation")
    ctx.notes.create("About it", "note body $x$", question_id=q.id)
    ctx.study.save_answer("alpha-question", "alpha draft")
    folder = tmp_path / "md"
    said = export(ctx.database, "md", folder, topics=("probability", "fundamentals"))
    assert said.startswith("Exported 3 questions")
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))
    assert files == ["fundamentals/alpha-question.md", "fundamentals/beta-question.md", f"probability/{q.id}.md"]
    text = (folder / "probability" / f"{q.id}.md").read_text()
    assert "## My answer\nmy own derivation" in text and "## My note\nnote body $x$" in text
    assert "## My answer\nalpha draft" in (folder / "fundamentals" / "alpha-question.md").read_text()
    bank_copy = tmp_path / "bank-shape.md"
    bank_copy.write_text(text.split("## My answer")[0])
    src, problems = parse_source(bank_copy)
    assert src is not None and problems == [] and src.to_question().answer == q.answer
    other = open_context(tmp_path / "other.sqlite", bundle)
    try:
        with pytest.raises(OperationError, match="belongs to a bank question"):
            import_questions(other.database, folder)  # the bank's own files are not own questions
        import_questions(other.database, folder / "probability")
        got = other.questions.get(q.id)
        assert got.source == "user" and got.answer == q.answer and got.follow_ups == q.follow_ups
    finally:
        other.close()


def test_csv_export_lists_questions_with_my_status(ctx, tmp_path):
    ctx.study.set_flag("beta-question", True)
    ctx.study.rate("alpha-question", Rating.EASY)
    out = tmp_path / "status.csv"
    export(ctx.database, "csv", out)
    with open(out, newline="", encoding="utf-8") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    assert set(rows) == {"alpha-question", "beta-question", "gamma-question"}
    assert rows["alpha-question"]["status"] == "rated" and rows["alpha-question"]["last_rating"] == "4"
    assert rows["beta-question"]["flagged"] == "1" and rows["gamma-question"]["status"] == "new"
    only = tmp_path / "eval.csv"
    export(ctx.database, "csv", only, topics=("evaluation",))
    assert only.read_text().count("\n") == 2


def test_markdown_export_into_a_non_empty_folder_is_refused(ctx, tmp_path):
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    with pytest.raises(OperationError, match=r"busy: it exists and is not an empty folder"):
        export(ctx.database, "md", folder)
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]
