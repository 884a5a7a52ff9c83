"""Operations that feed the spaced-repetition scheduler from outside Browse and Today.

``score_interview_item``: an interview self-score is stored and, for technical accuracy, is
also the question's review (1 Again, 2 Hard, 3 Good, 4 Easy; see
``StudyRepository.record_interview_score``), in one transaction. No Qt.
"""
from __future__ import annotations

from mlprep_desktop.core.interview_models import InterviewItem
from mlprep_desktop.services.changes import Change, ChangeKind, Outcome
from mlprep_desktop.storage.database import Database
from mlprep_desktop.storage.interviews import InterviewRepository
from mlprep_desktop.storage.study import StudyRepository


def score_interview_item(database: Database, interviews: InterviewRepository, study: StudyRepository,
                         item_id: int, kind: str, value: int | None) -> Outcome[InterviewItem]:
    """Set (or clear) a 1–4 self-score; an accuracy score is the question's review too."""
    with database.transaction():
        item = interviews.set_score(item_id, kind, value)
        if kind != "accuracy":
            return Outcome(item, Change.of(ChangeKind.INTERVIEWS, session_ids=[item.session_id]))
        study.record_interview_score(item.id, item.question_id, value)
    return Outcome(item, Change.of(ChangeKind.INTERVIEWS, ChangeKind.STUDY_STATE,
                                   question_ids=[item.question_id], session_ids=[item.session_id]))
