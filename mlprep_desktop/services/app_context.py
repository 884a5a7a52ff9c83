"""Everything the UI needs from below, built once by the composition root and passed down."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mlprep_desktop.core.paths import bundled_database
from mlprep_desktop.storage.boards import BoardRepository
from mlprep_desktop.storage.database import Database, open_database
from mlprep_desktop.storage.interviews import InterviewRepository
from mlprep_desktop.storage.notes import NoteRepository
from mlprep_desktop.storage.questions import QuestionRepository
from mlprep_desktop.storage.settings import SettingsRepository
from mlprep_desktop.storage.study import StudyRepository

# What a write changed, as reported through the main window's ``data_changed`` signal.
QUESTIONS = "questions"
STUDY_STATE = "study_state"
ANSWERS = "answers"
INTERVIEWS = "interviews"  # mock interview sessions: started, answered, graded, ended
BOARDS = "boards"  # whiteboard boards: created, renamed, deleted or their scene saved
NOTES = "notes"  # notebook notes: created, edited, moved to or back from the Trash
NOTE_LINKS = "note_links"  # which questions have notes, or are linked from one, changed


@dataclass
class AppContext:
    database: Database
    questions: QuestionRepository
    study: StudyRepository
    settings: SettingsRepository
    interviews: InterviewRepository
    boards: BoardRepository
    notes: NoteRepository

    @classmethod
    def open(cls, db_path: Path | str, bundle: Path | None = None) -> AppContext:
        """Open (creating from the bundle on first start) the database at ``db_path``."""
        database = open_database(db_path, bundle if bundle is not None else bundled_database())
        return cls(
            database=database,
            questions=QuestionRepository(database),
            study=StudyRepository(database),
            settings=SettingsRepository(database),
            interviews=InterviewRepository(database),
            boards=BoardRepository(database),
            notes=NoteRepository(database),
        )

    def close(self) -> None:
        self.database.close()
