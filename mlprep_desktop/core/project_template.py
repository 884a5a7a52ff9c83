"""The "My project" note: one per project a candidate will talk about in interviews.

Interviewers dig into the projects on a résumé: the problem, the data, the model, the metric and
why, the trade-offs, what failed, the impact. This template gives each a section with prompts,
a STAR outline to rehearse from, and links to the behavioural questions each section prepares
for, so the note and the bank point at each other (the links show as backlinks in Browse).

Contract: ``project_note(name, known_ids)`` returns a ``NoteDraft``; a question id not in
``known_ids`` (retired from the bank, or a bank without the behavioural topic) is left out, so
the note never holds a dead link. The guide for the seed mini-projects is prompts to fill, not
finished answers. No Qt, no I/O.
"""
from __future__ import annotations

from collections.abc import Collection

from mlprep_desktop.core.note_templates import NoteDraft

PROJECT_TAG = "my-project"
TITLE_PREFIX = "My project"

# Each section: heading, what to write, and the behavioural questions it prepares you for.
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Problem",
        "Who had the problem, what it cost before you started (money, users, hours), and what "
        "\"done\" meant. Your role, in one sentence, separate from the team's.",
        ("tell-me-about-a-project-star", "walk-through-project-end-to-end", "ambiguous-problem-story"),
    ),
    (
        "Data",
        "Where the rows came from, how many, how labels were made, what leaked or drifted, and "
        "the one data problem you had to fix before any model helped.",
        ("data-quality-issue-story", "limited-labels-story", "debugging-silent-data-bug"),
    ),
    (
        "Model",
        "The baseline first, then what you tried and why the final choice won. Be ready for "
        "\"why not a simpler model?\" and \"why not the obvious bigger one?\".",
        ("resume-project-model-and-metric", "model-you-simplified"),
    ),
    (
        "Metrics",
        "The offline metric and why it matches the goal; the online or business metric; numbers "
        "before and after, with how you measured them (holdout, A/B test, backtest).",
        ("choosing-metric-for-business-goal", "offline-online-mismatch-story"),
    ),
    (
        "Trade-offs",
        "Two decisions where you gave something up (accuracy for latency, performance for "
        "interpretability, scope for a deadline) and what you would choose again.",
        (
            "accuracy-vs-latency-trade-off-story",
            "interpretability-vs-performance-trade-off",
            "prioritising-what-you-did-not-build",
        ),
    ),
    (
        "Failures",
        "What went wrong, how you found out, what you changed so it could not recur. An honest "
        "failure with a lesson is worth more than a spotless story.",
        ("model-failed-in-production-story", "time-you-were-wrong", "owning-on-call-incident"),
    ),
    (
        "Impact",
        "The result in the listener's units, its uncertainty, and who used it afterwards. How "
        "you would explain it to someone without ML.",
        ("most-impactful-ml-project", "explain-model-to-non-technical-audience"),
    ),
)

STAR_OUTLINE = (
    "## STAR outline (2 minutes out loud)\n\n"
    "- **Situation:** \n"
    "- **Task:** \n"
    "- **Action:** \n"
    "- **Result:** \n"
)

# The seed article's mini-projects: what an interviewer will ask about each, as prompts.
SEED_PROJECTS = (
    "## If this is one of the seed mini-projects\n\n"
    "- **Customer churn:** how you defined churn and the prediction window; class imbalance and "
    "why accuracy misleads; precision/recall at the retention team's capacity; which features "
    "leak the label (cancellation requests, last-month activity).\n"
    "- **Movie recommendations:** implicit or explicit feedback; the cold start for new users and "
    "films; ranking metrics (recall@k, NDCG) against a popularity baseline; how you split by time.\n"
    "- **Tweet sentiment:** labels (who made them, agreement); sarcasm, emoji and negation; a "
    "bag-of-words baseline against a fine-tuned transformer; macro F1 and the errors you read.\n"
)


def project_title(name: str = "") -> str:
    name = " ".join(name.split())
    return f"{TITLE_PREFIX}: {name}" if name else TITLE_PREFIX


def project_note(name: str = "", known_ids: Collection[str] | None = None) -> NoteDraft:
    """A "My project" note for the project called ``name`` (may be empty: the user names it).

    Links only questions in ``known_ids`` when given; with None every link is kept."""
    parts = [f"# {project_title(name)}\n\n",
             "One note per project you will talk about. Fill each section in a few lines, then "
             "answer the linked questions out loud using this project.\n\n"]
    for heading, prompt, question_ids in SECTIONS:
        links = [q for q in question_ids if known_ids is None or q in known_ids]
        parts.append(f"## {heading}\n\n_{prompt}_\n\n- \n\n")
        if links:
            parts.append("Prepares you for:\n\n" + "".join(f"- [[{q}]]\n" for q in links) + "\n")
    parts.append(STAR_OUTLINE + "\n")
    parts.append(SEED_PROJECTS)
    return NoteDraft(project_title(name), "".join(parts), (PROJECT_TAG,))


def linked_ids() -> tuple[str, ...]:
    """Every question id the template can link, in the order they appear."""
    return tuple(q for _h, _p, ids in SECTIONS for q in ids)
