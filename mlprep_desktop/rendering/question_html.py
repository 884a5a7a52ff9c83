"""A question as one Markdown document, rendered: title, facts, prompt and, once revealed,
answer, key points, pitfalls, follow-ups and related questions (as ``question:`` links)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from mlprep_desktop.core.models import Question, topic_label
from mlprep_desktop.rendering.markdown_html import MarkdownRenderer, RenderedHtml

_HEADING = re.compile(r"^(#{1,4})(?=\s)", re.MULTILINE)
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.DOTALL | re.MULTILINE)


def question_markdown(
    question: Question,
    *,
    reveal: bool,
    titles: Mapping[str, str] | None = None,
    show_difficulty: bool = True,
    show_minutes: bool = True,
    hidden_hint: str = "The answer is hidden. Press Space or click “Show answer” when you are ready.",
) -> str:
    facts = [question.type.capitalize(), topic_label(question.topic)]
    if show_difficulty:
        facts.append(question.difficulty.capitalize())
    if show_minutes:
        facts.append(f"about {question.minutes} min")
    parts = [f"## {question.title}", "*" + " · ".join(facts) + "*"]
    if question.retired:
        parts.append("*This question has been retired from the bank; your notes and ratings are kept.*")
    if question.damaged:
        parts.append("> **This question could not be read in full**: the database file is damaged where it "
                     "is stored, and what could not be read shows as �. Everything else still works. "
                     "*Tools › Check database* repairs what it can; *File › Restore backup…* brings back "
                     "an earlier copy.")
    if question.prompt.strip():
        parts.append(_demote(question.prompt))
    if not reveal:
        parts.append(f"*{hidden_hint}*")
        return "\n\n".join(parts) + "\n"
    parts += ["### Answer", _demote(question.answer)]
    if question.exercise is not None:
        parts += ["### Reference solution", f"```python\n{question.exercise.solution.rstrip()}\n```",
                  "### Tests", f"```python\n{question.exercise.tests.rstrip()}\n```"]
    if question.key_points:
        parts += ["### Key points", "\n".join(f"- {p}" for p in question.key_points)]
    if question.pitfalls:
        parts += ["### Pitfalls", "\n".join(f"- {p}" for p in question.pitfalls)]
    if question.follow_ups:
        parts += [
            "### Follow-ups",
            "\n".join(f"- **{f.question}** {f.answer}" for f in question.follow_ups),
        ]
    if question.related:
        titles = titles or {}
        links = [f"[{_link_text(titles.get(r, r))}](question:{r})" for r in question.related if r in titles]
        if links:
            parts += ["### Related", "\n".join(f"- {link}" for link in links)]
    return "\n\n".join(parts) + "\n"


def render_question(
    renderer: MarkdownRenderer,
    question: Question,
    *,
    reveal: bool,
    highlight: Iterable[str] = (),
    titles: Mapping[str, str] | None = None,
    show_difficulty: bool = True,
    show_minutes: bool = True,
    hidden_hint: str | None = None,
    math_budget: float | None = None,
) -> RenderedHtml:
    """``hidden_hint`` replaces the browser's "answer is hidden" line (e.g. in an interview);
    ``show_minutes=False`` leaves out the bank's "about N min" (an interview has its own budget);
    ``math_budget``: see ``MarkdownRenderer.render``."""
    extra = {"hidden_hint": hidden_hint} if hidden_hint is not None else {}
    text = question_markdown(question, reveal=reveal, titles=titles, show_difficulty=show_difficulty,
                             show_minutes=show_minutes, **extra)
    return renderer.render(text, highlight=highlight, math_budget=math_budget)


def _demote(text: str) -> str:
    """Push the author's headings below the page's section headings (## -> ####)."""
    fences: list[str] = []

    def keep(m: re.Match) -> str:
        fences.append(m.group(0))
        return f"\x00{len(fences) - 1}\x00"

    body = _FENCE.sub(keep, text.strip())
    body = _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + 2), body)
    return re.sub(r"\x00(\d+)\x00", lambda m: fences[int(m.group(1))], body)


def _link_text(title: str) -> str:
    return title.replace("[", "(").replace("]", ")")
