"""Writing question source files for tests: valid by default, every part overridable."""
from __future__ import annotations

from pathlib import Path

WORDS = {"theory": 150, "math": 180, "applied": 450, "coding": 100}


def question_text(
    qid: str,
    *,
    topic: str = "fundamentals",
    type: str = "theory",
    difficulty: str = "beginner",
    title: str = "What is a question?",
    related: list[str] | None = None,
    answer_extra: str = "",
    answer: str | None = None,
    key_points: int = 3,
    follow_ups: str | None = None,
    extra_sections: str = "",
) -> str:
    related_toml = ", ".join(f'"{r}"' for r in related or [])
    if answer is None:
        answer = " ".join(f"word{i}" for i in range(WORDS[type])) + ("\n\n" + answer_extra if answer_extra else "")
    points = "\n".join(f"- key point {i}" for i in range(key_points))
    if follow_ups is None:
        follow_ups = "- **Why?** Because it is so.\n- **And then?** Then it follows."
    return f"""+++
id = "{qid}"
type = "{type}"
topic = "{topic}"
difficulty = "{difficulty}"
minutes = 5
tags = ["test-tag"]
related = [{related_toml}]
+++
# {title}

## Answer
{answer}

## Key points
{points}

## Pitfalls
- A pitfall.
{extra_sections}
## Follow-ups
{follow_ups}
"""


def write_question(root: Path, qid: str, **kwargs) -> Path:
    topic = kwargs.get("topic", "fundamentals")
    path = root / topic / f"{qid}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(question_text(qid, **kwargs), encoding="utf-8")
    return path
