"""``InterviewOperations`` (``context.interview_ops``): a mock interview's use cases — plan and
start one, store its clock and answers, finish answering (grading each answer against its
question's key points), self-grade the review, complete or abandon it.

Contract: each write is one transaction returning an ``Outcome``; those the rest of the app
shows (a session started, answered, graded, ended) report ``INTERVIEWS`` with the session id.
A finish that the disk refuses raises ``WriteError`` and writes nothing; ``put_back`` then
gives the record to resume, paused, from the clock as it was. No Qt.

Coding questions: the item's answer is the code; ``record_code_run`` stores a test run as the
item's last run (and as an exercise run, context 'interview'). Tests passed become the
technical accuracy (``core.grading.accuracy_from_tests``) when answering ends, if the last run
ran the final code, and whenever the final code is run during the review; the candidate may
still change the score.
"""
from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import replace

from mlprep_desktop.core.clock import utc_now_iso
from mlprep_desktop.core.grading import accuracy_from_tests, grade_answer
from mlprep_desktop.core.interview import SessionSnapshot
from mlprep_desktop.core.interview_models import (
    CodeRun,
    InterviewConfig,
    InterviewItem,
    InterviewRecord,
    KeyPointCheck,
    SessionStatus,
)
from mlprep_desktop.core.interview_plan import plan
from mlprep_desktop.runner.results import RunResult, result_to_dict
from mlprep_desktop.services.changes import Change, ChangeKind, Outcome
from mlprep_desktop.services.study_scheduling import score_interview_item
from mlprep_desktop.storage.database import Database
from mlprep_desktop.storage.exercises import ExerciseRepository
from mlprep_desktop.storage.interviews import InterviewRepository
from mlprep_desktop.storage.questions import QuestionRepository
from mlprep_desktop.storage.settings import SettingsRepository
from mlprep_desktop.storage.study import StudyRepository

SETUP_KEY = "interview.setup"  # the set-up last used to start an interview


class InterviewOperations:
    def __init__(self, database: Database, interviews: InterviewRepository, questions: QuestionRepository,
                 settings: SettingsRepository, study: StudyRepository,
                 exercises: ExerciseRepository | None = None) -> None:
        self._db = database
        self._exercises = exercises or ExerciseRepository(database)
        self._interviews = interviews
        self._study = study
        self._questions = questions
        self._settings = settings

    def last_config(self) -> InterviewConfig:
        """The set-up the last interview started with (defaults the first time)."""
        return InterviewConfig.from_json(self._settings.get(SETUP_KEY))

    def set_defaults(self, config: InterviewConfig) -> Outcome[InterviewConfig]:
        """Edit › Preferences: the set-up the next interview starts from (the same setting
        starting an interview remembers). Reports ``SETTINGS``."""
        self._settings.set(SETUP_KEY, config.to_json())
        return Outcome(config, Change.of(ChangeKind.SETTINGS))

    # ----- answering
    def start(self, config: InterviewConfig, rng: random.Random) -> Outcome[InterviewRecord | None]:
        """Plan questions for ``config`` and start a session with them, remembering the set-up.
        The value is None, nothing written, when no question matches."""
        items, total = plan(self._interviews.candidates(), config, self._interviews.recent_answered_ids(), rng)
        if not items:
            return Outcome(None)
        with self._db.transaction():
            self._settings.set(SETUP_KEY, config.to_json())
            record = self._interviews.create(config, items, total)
        return Outcome(record, _session(record.id))

    def checkpoint(self, session_id: int, snapshot: SessionSnapshot) -> Outcome[bool]:
        """Store the clock (so a kill loses at most a few seconds). Nothing others show."""
        return Outcome(self._interviews.checkpoint(session_id, snapshot))

    def save_answer(self, session_id: int, item_id: int, text: str) -> Outcome[None]:
        self._interviews.save_answer(item_id, text)
        return Outcome(None, _session(session_id))

    def set_revealed(self, item_id: int) -> Outcome[None]:
        """Practice mode: the model answer of the item was shown (for the review)."""
        self._interviews.set_revealed(item_id)
        return Outcome(None)

    def finish_answering(self, record: InterviewRecord, snapshot: SessionSnapshot,
                         answers: Mapping[int, str]) -> Outcome[int]:
        """End answering: the final clock, each answer graded against its question's key
        points, and status 'reviewing', in one transaction. The value is the session id."""
        graded = self.grade(record, answers)
        with self._db.transaction():
            self._interviews.finish_answering(record.id, snapshot, graded)
            scored = self._score_code_from_tests(record.id)
        change = _session(record.id)
        if scored:
            change = change | Change.of(ChangeKind.STUDY_STATE, question_ids=scored)
        return Outcome(record.id, change)

    def final_code(self, item: InterviewItem) -> str:
        """A coding item's code as answered: its answer, else (never edited) the starter."""
        if item.answer.strip():
            return item.answer
        question = self._questions.get(item.question_id)
        return question.exercise.starter if question is not None and question.exercise is not None else ""

    def record_code_run(self, item_id: int, code: str, result: RunResult) -> Outcome[InterviewItem]:
        """A finished test run of a coding item's ``code``: stored as the item's last run and
        as an exercise run (context 'interview'), in one transaction. During the review a run
        of the final code also sets the technical accuracy from the tests."""
        with self._db.transaction():
            item = self._interviews.item(item_id)
            if item is None:
                raise KeyError(item_id)
            self._exercises.record_run(
                item.question_id, code, result.passed, result.total,
                result.stop_reason.value if result.stop_reason is not None else None,
                result.wall_seconds, "interview")
            run = CodeRun(code, utc_now_iso(), result.passed, result.total, result.all_passed,
                          result_to_dict(result))
            item = self._interviews.save_code_run(item_id, run)
            session = self._interviews.load(item.session_id)
            kinds = [ChangeKind.INTERVIEWS, ChangeKind.EXERCISE_RUNS]
            if session is not None and session.status is SessionStatus.REVIEWING and code == self.final_code(item):
                item = score_interview_item(self._db, self._interviews, self._study, item_id, "accuracy",
                                            accuracy_from_tests(run.passed, run.total, run.all_passed)).value
                kinds.append(ChangeKind.STUDY_STATE)
        return Outcome(item, Change.of(*kinds, question_ids=[item.question_id], session_ids=[item.session_id]))

    def _score_code_from_tests(self, session_id: int) -> list[str]:
        """Inside the finish: each coding item whose last run ran its final code gets its
        accuracy from the tests (and the review that stands for). The question ids scored."""
        record = self._interviews.load(session_id)
        scored: list[str] = []
        for item in record.items if record is not None else ():
            run = item.code_run
            if run is None or run.code != self.final_code(item):
                continue
            score_interview_item(self._db, self._interviews, self._study, item.id, "accuracy",
                                 accuracy_from_tests(run.passed, run.total, run.all_passed))
            scored.append(item.question_id)
        return scored

    def grade(self, record: InterviewRecord, answers: Mapping[int, str]) -> dict[int, list[KeyPointCheck]]:
        """Each item's key points, ticked where the answer covers them (what the review starts from)."""
        out: dict[int, list[KeyPointCheck]] = {}
        for item in record.items:
            question = self._questions.get(item.question_id)
            points = question.key_points if question is not None else ()
            matches = grade_answer(answers.get(item.id, ""), points)
            out[item.id] = [KeyPointCheck(m.key_point, m.matched, m.is_match, m.is_match) for m in matches]
        return out

    @staticmethod
    def put_back(record: InterviewRecord, snapshot: SessionSnapshot) -> InterviewRecord:
        """The record to resume, paused, from ``snapshot`` after a finish the disk refused."""
        items = tuple(
            replace(item, elapsed_seconds=clock.elapsed_seconds, status=clock.status, time_up=clock.time_up)
            for item, clock in zip(record.items, snapshot.items)
        )
        return replace(record, items=items, status=SessionStatus.PAUSED,
                       current_index=snapshot.current_index, time_up=snapshot.time_up)

    def abandon(self, session_id: int) -> Outcome[None]:
        """An interrupted session is given up; it stays in the history."""
        self._interviews.abandon(session_id)
        return Outcome(None, _session(session_id))

    # ----- the review
    def set_key_point(self, item_id: int, index: int, checked: bool) -> Outcome[InterviewItem]:
        item = self._interviews.set_key_point(item_id, index, checked)
        return Outcome(item, _session(item.session_id))

    def set_score(self, item_id: int, kind: str, value: int | None) -> Outcome[InterviewItem]:
        """A 1-4 self-score (or None); technical accuracy is also the question's review (FSRS),
        so it reports ``STUDY_STATE`` too."""
        return score_interview_item(self._db, self._interviews, self._study, item_id, kind, value)

    def complete(self, session_id: int) -> Outcome[InterviewRecord | None]:
        """The review is done: the session is completed (read-only from then on)."""
        self._interviews.complete(session_id)
        return Outcome(self._interviews.load(session_id), _session(session_id))


def _session(session_id: int) -> Change:
    return Change.of(ChangeKind.INTERVIEWS, session_ids=[session_id])
