"""``StudyCard``: one question as the user studies it in the browser — when it was shown and
whether its model answer is revealed. Pure data; the services apply the rules to it.

Rules (``services.study_ops``): a rating needs the answer revealed first, and the time spent
on a rating is the clock's time since the card was shown.
"""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class StudyCard:
    question_id: str
    shown_at: float  # monotonic seconds (the injected clock) when the question was shown
    revealed: bool = False

    def toggled(self) -> StudyCard:
        """The same card with the model answer shown if it was hidden, hidden if shown."""
        return replace(self, revealed=not self.revealed)

    def seconds_spent(self, now: float) -> float:
        """Seconds since the card was shown (never negative)."""
        return max(0.0, now - self.shown_at)
