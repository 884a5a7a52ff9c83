"""``AppContext``: everything the UI needs from below, built once by the composition root
(``app.py``) and passed down. See ``services/__init__.py`` for what each member is for."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from mlprep_desktop.core.clock import SystemClock, monotonic
from mlprep_desktop.core.paths import bundled_database
from mlprep_desktop.core.scheduling import StudyScheduler
from mlprep_desktop.services.appearance import AppearanceSettings
from mlprep_desktop.services.changes import Outcome
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.services.preferences import Preferences
from mlprep_desktop.services.study_ops import StudyOperations
from mlprep_desktop.services.today import TodayService
from mlprep_desktop.storage.database import Database, open_database
from mlprep_desktop.storage.interviews import InterviewRepository
from mlprep_desktop.storage.progress import ProgressRepository
from mlprep_desktop.storage.questions import QuestionRepository
from mlprep_desktop.storage.settings import SettingsRepository
from mlprep_desktop.storage.study import StudyRepository
from mlprep_desktop.storage.study_cards import CardRepository

if TYPE_CHECKING:
    from mlprep_desktop.services.board_ops import BoardOperations
    from mlprep_desktop.services.exercise_ops import ExerciseOperations
    from mlprep_desktop.services.interview_ops import InterviewOperations
    from mlprep_desktop.services.note_ops import NoteOperations
    from mlprep_desktop.storage.boards import BoardRepository
    from mlprep_desktop.storage.exercises import ExerciseRepository
    from mlprep_desktop.storage.notes import NoteRepository


@dataclass
class AppContext:
    database: Database
    questions: QuestionRepository
    study: StudyRepository
    settings: SettingsRepository
    interviews: InterviewRepository
    clock: Callable[[], float] = monotonic  # monotonic seconds: time spent, interview clocks
    study_clock: object = field(default_factory=SystemClock)  # wall time for study: ``now()`` ->
    # an aware local datetime (days, due dates); core.clock.SystemClock or a test's FixedClock
    study_ops: StudyOperations = field(init=False)
    cards: CardRepository = field(init=False)  # FSRS cards and study settings
    progress: ProgressRepository = field(init=False)  # progress figures, the mistakes list
    today: TodayService = field(init=False)  # the study loop: queue, sessions, goal, plan, progress
    preferences: Preferences = field(init=False)
    appearance: AppearanceSettings = field(init=False)  # theme and fonts (Edit › Preferences)

    def __post_init__(self) -> None:
        self.study_ops = StudyOperations(self.database, self.study, self.clock)
        self.cards = CardRepository(self.database)
        self.progress = ProgressRepository(self.database)
        self.today = TodayService(self.database, self.study, self.cards, self.progress, self.study_clock)
        self.preferences = Preferences(self.settings)
        self.appearance = AppearanceSettings(self.settings)

    @classmethod
    def open(cls, db_path: Path | str, bundle: Path | None = None,
             clock: Callable[[], float] | None = None, study_clock=None) -> AppContext:
        """Open (creating from the bundle on first start) the database at ``db_path``.
        ``clock``: the monotonic clock every operation and timer reads (default: core's);
        ``study_clock``: the wall clock of studying (default: the system's). Ratings stored
        before scheduling existed get their FSRS cards now (once)."""
        database = open_database(db_path, bundle if bundle is not None else bundled_database())
        wall = study_clock or SystemClock()
        cards = CardRepository(database)
        with database.transaction() as conn:
            cards.rebuild(conn, StudyScheduler(cards.policy(wall.now().tzinfo)), only_missing=True)
        return cls(
            database=database,
            questions=QuestionRepository(database, wall),
            study=StudyRepository(database, wall),
            settings=SettingsRepository(database),
            interviews=InterviewRepository(database),
            clock=clock or monotonic,
            study_clock=wall,
        )

    # The notes' and the coding exercises' members are made on first use (the Notebook tab,
    # Browse's links, a coding question): their modules are not imported at start (issue 16).
    @cached_property
    def notes(self) -> NoteRepository:
        from mlprep_desktop.storage.notes import NoteRepository

        return NoteRepository(self.database)

    @cached_property
    def note_ops(self) -> NoteOperations:
        from mlprep_desktop.services.note_ops import NoteOperations

        return NoteOperations(self.database, self.notes, self.questions)

    @cached_property
    def _exercises(self) -> ExerciseRepository:
        from mlprep_desktop.storage.exercises import ExerciseRepository

        return ExerciseRepository(self.database)

    @cached_property
    def exercise_ops(self) -> ExerciseOperations:
        from mlprep_desktop.services.exercise_ops import ExerciseOperations

        return ExerciseOperations(self.questions, self._exercises, self.settings)

    # The whiteboard's (and board images') members are made on first use: their modules
    # (the scene format) are not imported at start-up.
    @cached_property
    def boards(self) -> BoardRepository:
        from mlprep_desktop.storage.boards import BoardRepository

        return BoardRepository(self.database)

    @cached_property
    def board_ops(self) -> BoardOperations:
        from mlprep_desktop.services.board_ops import BoardOperations

        return BoardOperations(self.database, self.boards)

    # The mock interview's operations (grading, planning) are made when the Interview tab is
    # built or Preferences reads them: not imported at start-up.
    @cached_property
    def interview_ops(self) -> InterviewOperations:
        from mlprep_desktop.services.interview_ops import InterviewOperations

        return InterviewOperations(self.database, self.interviews, self.questions, self.settings,
                                   self.study, self._exercises)

    def back_up_to(self, target: Path) -> Outcome[Path]:
        """A consistent copy of the database (SQLite's backup API, safe while the app runs)
        at ``target``; ``OperationError`` with the reason when it cannot be written."""
        from mlprep_desktop.services.backups import BackupError, backup_to_file

        try:
            backup_to_file(self.database.path, target)  # verified with integrity_check before it is in place
        except BackupError as exc:
            raise OperationError(f"The backup to {target} failed: {exc}") from exc
        return Outcome(target)

    def close(self) -> None:
        self.database.close()
