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


EXERCISE_STARTER = "def double(x):\n    raise NotImplementedError\n"
EXERCISE_SOLUTION = "def double(x):\n    return 2 * x\n"
EXERCISE_TESTS = ("from solution import double\n\n\ndef test_small():\n    assert double(2) == 4, f'double(2) = {double(2)}'\n\n\n"
                  "def test_negative():\n    assert double(-3) == -6\n")


def exercise_sections(starter: str = EXERCISE_STARTER, solution: str = EXERCISE_SOLUTION,
                      tests: str = EXERCISE_TESTS) -> str:
    return (f"\n## Starter\n```python\n{starter}```\n\n## Solution\n```python\n{solution}```\n\n"
            f"## Tests\n```python\n{tests}```\n")


def write_exercise(root: Path, qid: str = "double-it", *, meta: str = "", topic: str = "fundamentals",
                   **sections) -> Path:
    """A coding question with a runnable exercise (double a number; two tests)."""
    path = write_question(root, qid, type="coding", topic=topic, title=f"Implement {qid}.")
    text = path.read_text(encoding="utf-8").replace("related = []", "related = []" + meta)
    path.write_text(text + exercise_sections(**sections), encoding="utf-8")
    return path
