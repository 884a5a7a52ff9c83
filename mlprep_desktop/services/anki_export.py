"""Questions as an Anki deck (``.apkg``) written with ``genanki``.

One note per question: Front (title and prompt), Back (answer, key points, follow-ups), Id.
Math becomes MathJax (``\\( \\)`` / ``\\[ \\]``), code escaped ``<pre>``. The note GUID comes
from the question id and the model and deck ids are fixed, so importing a re-exported deck
into Anki updates its notes instead of adding duplicates. The file appears whole or not at all.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from mlprep_desktop.core.models import Question
from mlprep_desktop.services.changes import Outcome
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.services.file_output import write_file
from mlprep_desktop.storage.database import Database
from mlprep_desktop.storage.own_questions import OwnQuestionRepository

MODEL_ID = 1_718_404_601  # fixed forever: Anki knows the note type by it
DECK_ID = 1_718_404_602  # fixed forever: re-imports land in the same deck
DECK_NAME = "MLPrep Desktop"
CSS = """.card { font-family: sans-serif; font-size: 18px; text-align: left; }
.title { font-weight: bold; }
pre { background: #f4f4f4; color: #1a1a1a; padding: 8px; overflow-x: auto; text-align: left; }
code { font-family: monospace; }
.nightMode pre { background: #2b2b2b; color: #eeeeee; }
"""


def note_guid(question_id: str) -> str:
    import genanki

    return genanki.guid_for("mlprep-desktop", question_id)


def _model():
    import genanki

    return genanki.Model(
        MODEL_ID, "MLPrep Desktop question",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Id"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Back}}"}],
        css=CSS, sort_field_index=0,
    )


def export_anki(database: Database, path: Path, *, topics: Sequence[str] = (),
                ids: Sequence[str] | None = None, timestamp: float | None = None) -> Outcome[int]:
    """Write the chosen questions (all active ones by default) to ``path``; returns the count.
    ``timestamp`` (default: now) is the notes' modification time: Anki updates a note from a
    deck only when this time differs from the one it has."""
    return Outcome(write_anki(read_anki(database, path, topics=topics, ids=ids), path, timestamp=timestamp))


def read_anki(database: Database, path: Path, *, topics: Sequence[str] = (),
              ids: Sequence[str] | None = None) -> list[Question]:
    """The questions a deck at ``path`` would hold; OperationError when there are none."""
    questions = OwnQuestionRepository(database).questions(topics, ids)
    if not questions:
        raise OperationError(f"No questions to export to {path}: the selection is empty.")
    return questions


def write_anki(questions: Sequence[Question], path: Path, *, timestamp: float | None = None) -> int:
    """Render ``questions`` as cards and write the deck; returns the count. Touches no
    database, so it may run on a worker thread (rendering 450 questions takes seconds)."""
    import genanki

    from mlprep_desktop.rendering.anki_html import card_back, card_front

    model = _model()
    deck = genanki.Deck(DECK_ID, DECK_NAME)
    for q in questions:
        deck.add_note(genanki.Note(
            model=model, fields=[card_front(q), card_back(q), q.id], guid=note_guid(q.id),
            tags=[q.topic, q.type, q.difficulty] + (["mine"] if q.source == "user" else []),
        ))
    write_file(Path(path), lambda tmp: genanki.Package(deck).write_to_file(str(tmp), timestamp=timestamp))
    return len(questions)
