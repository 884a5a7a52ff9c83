"""Filling a database with a bit of everything a user makes, for export/import tests."""
from __future__ import annotations

from pathlib import Path

from mlprep_desktop.core.interview_models import InterviewConfig, PlannedItem
from mlprep_desktop.core.models import Rating
from mlprep_desktop.services.app_context import AppContext


def fill(ctx: AppContext, tag: str = "a", ids: tuple[str, str, str] = ("alpha-question", "beta-question",
                                                                     "gamma-question")) -> None:
    """Ratings, a flag, an answer, notes (one with a revision, one in the Trash), a board
    linked to a question and one to an interview answer, a session, settings."""
    from mlprep_desktop.services.own_questions import add_question
    from tests.services.test_own_questions import draft

    alpha, beta, gamma = ids
    own = add_question(ctx.database, draft(title=f"Own question {tag}?")).value
    ctx.study.rate(own.id, Rating.AGAIN)
    ctx.study.rate(alpha, Rating.GOOD, 42.0)
    ctx.study.rate(alpha, Rating.HARD, 10.0)
    ctx.study.set_flag(beta, True)
    ctx.study.save_answer(gamma, f"My answer {tag} with $x^2$")
    note = ctx.notes.create(f"Note {tag}", "About [[alpha-question]] and $\\alpha$", tags=["ml", tag],
                            question_id=alpha)
    ctx.notes.keep_revision(note.id, note.title, "an older text")
    gone = ctx.notes.create(f"Trashed {tag}", "bye")
    ctx.notes.move_to_trash(gone.id)
    record = ctx.interviews.create(InterviewConfig(count=2), [PlannedItem(alpha, 60),
                                                            PlannedItem(gamma, 90)], 150)
    ctx.interviews.save_answer(record.items[0].id, f"interview answer {tag}")
    ctx.boards.create(f"Board {tag}", question_id=beta)
    board = ctx.boards.for_interview_item(record.items[1].id, "Answer board")
    ctx.boards.save_scene(board.id, '{"format":"mlprep-board","version":1,"items":[]}', b"\x89PNG fake")
    ctx.settings.set("interview.setup", {"count": 7})
    ctx.settings.set("window.geometry", "local-only")


def open_context(path: Path, bundle: Path) -> AppContext:
    return AppContext.open(path, bundle)


def write_large_export(path: Path, count: int, bank_ids: list[str]) -> Path:
    """An export file as a long-time user's could be: ``count`` own questions titled
    'Imported question N?', ``count`` notes and ``4 * count`` reviews of bank questions
    (``count`` = 2,000 makes ~5 MB). Built from a real export's rows, so it is what the app writes."""
    import json
    import tempfile
    import uuid

    from mlprep_desktop.services.portability import export_json

    with tempfile.TemporaryDirectory() as folder:
        ctx = AppContext.open(Path(folder) / "source.sqlite")
        try:
            fill(ctx, ids=tuple(bank_ids[:3]))
            export_json(ctx.database, Path(folder) / "seed.json")
        finally:
            ctx.close()
        doc = json.loads((Path(folder) / "seed.json").read_text(encoding="utf-8"))
    sections = doc["sections"]
    question, note, review = sections["own_questions"][0], sections["notes"][0], sections["reviews"][0]
    sections["own_questions"] = [dict(question, id=f"my-imported-question-{i}", title=f"Imported question {i}?")
                                 for i in range(count)]
    sections["notes"] = [dict(note, uid=uuid.uuid4().hex, title=f"Imported note {i}", body="words " * 200,
                              question_id=None, deleted_at=None) for i in range(count)]
    sections["reviews"] = [dict(review, uid=uuid.uuid4().hex, question_id=bank_ids[i % len(bank_ids)],
                                interview_item=None) for i in range(4 * count)]
    for name in ("question_state", "note_tags", "note_links", "note_revisions"):
        sections[name] = []
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path
