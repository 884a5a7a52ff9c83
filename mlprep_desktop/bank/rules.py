"""The bank's content standard (resources/questions/README.md), as checks: one file at a time, then the bank as a whole."""
from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from mlprep_desktop.bank.source import EXERCISE_SECTIONS, Problem, SourceQuestion
from mlprep_desktop.core.exercise import test_names
from mlprep_desktop.core.models import DIFFICULTIES, QUESTION_TYPES, TOPICS
from mlprep_desktop.rendering.math_svg import MathError, find_math, render_math

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TAG_PATTERN = ID_PATTERN
ANSWER_WORDS = {"theory": (120, 250), "math": (150, 300), "applied": (400, 800), "coding": (60, 900)}
# The standard's exceptions: advanced theory may run to 400 words; behavioural answers 300-600.
ADVANCED_THEORY_WORDS = (120, 400)
BEHAVIORAL_WORDS = (300, 600)
KEY_POINTS = (3, 6)
PITFALLS = (1, 3)
FOLLOW_UPS = (2, 3)
TITLE_SIMILARITY = 0.92

# The coverage table: the least each topic holds of theory, math, coding, applied.
COVERAGE_TARGETS: dict[str, tuple[int, int, int, int]] = {
    "fundamentals": (7, 2, 1, 4),
    "data-preparation": (6, 1, 5, 6),
    "imbalanced-data": (3, 1, 2, 3),
    "evaluation": (5, 5, 6, 4),
    "regression": (4, 6, 3, 1),
    "classification": (4, 5, 4, 1),
    "trees-ensembles": (6, 3, 4, 2),
    "svm-kernels": (3, 4, 1, 0),
    "clustering": (4, 2, 3, 1),
    "dimensionality-reduction": (3, 3, 2, 1),
    "probability": (3, 9, 2, 1),
    "statistics-ab-testing": (4, 6, 1, 4),
    "linear-algebra": (3, 5, 3, 0),
    "optimization": (4, 6, 4, 1),
    "neural-networks": (9, 5, 5, 3),
    "cnn-vision": (5, 2, 3, 1),
    "sequence-models": (5, 3, 5, 1),
    "nlp-llm": (6, 2, 2, 4),
    "recsys-ranking": (4, 2, 2, 4),
    "time-series": (3, 1, 2, 2),
    "mlops": (5, 0, 1, 6),
    "ml-system-design": (0, 0, 0, 16),
    "generative-rl": (4, 2, 2, 0),
    # Bank 3: the 2026 interview topics
    "llm-training": (10, 5, 1, 5),
    "llm-inference": (8, 5, 1, 5),
    "distributed-training": (6, 4, 0, 3),
    "causal-inference": (5, 5, 1, 4),
    "responsible-ai": (7, 3, 1, 5),
    "representation-learning": (8, 4, 1, 3),
    "behavioral": (0, 0, 0, 24),
}
# Every cell is a minimum, coding included (the coding exercises fill that column).
ENFORCED_TYPES = ("theory", "math", "coding", "applied")
_FENCE = re.compile(r"^(```|~~~)([^\n`]*)\n(.*?)^\1[ \t]*$", re.DOTALL | re.MULTILINE)
_DISPLAY = re.compile(r"\$\$.+?\$\$", re.DOTALL)


def answer_words(answer: str) -> int:
    """Words of an answer, not counting fenced code or display math."""
    text = _FENCE.sub(" ", answer)
    text = _DISPLAY.sub(" ", text)
    return len(re.findall(r"\S+", text))


def answer_word_range(kind: str, difficulty: object, topic: object) -> tuple[int, int]:
    """The words an answer of this type, level and topic may have (resources/questions/README.md)."""
    if topic == "behavioral":
        return BEHAVIORAL_WORDS
    if kind == "theory" and difficulty == "advanced":
        return ADVANCED_THEORY_WORDS
    return ANSWER_WORDS[kind]


def check_question(src: SourceQuestion) -> list[Problem]:
    """Every rule that one file can be checked against on its own."""
    p: list[Problem] = []
    path, meta, at = src.path, src.meta, src.meta_line

    def problem(line: int, message: str) -> None:
        p.append(Problem(path, line, message))

    qid = meta.get("id")
    if not isinstance(qid, str) or not ID_PATTERN.match(qid):
        problem(at, f"id {qid!r} must be a lowercase slug (a-z, 0-9, '-')")
    elif qid != path.stem:
        problem(at, f"id {qid!r} must equal the file name {path.stem!r}")
    if meta.get("type") not in QUESTION_TYPES:
        problem(at, f"unknown type {meta.get('type')!r} (expected one of {', '.join(QUESTION_TYPES)})")
    topic = meta.get("topic")
    if topic not in TOPICS:
        problem(at, f"unknown topic {topic!r} (the topics are the folders of resources/questions/)")
    elif topic != path.parent.name:
        problem(at, f"topic {topic!r} must equal the folder name {path.parent.name!r}")
    if meta.get("difficulty") not in DIFFICULTIES:
        problem(at, f"unknown difficulty {meta.get('difficulty')!r} (expected one of {', '.join(DIFFICULTIES)})")
    minutes = meta.get("minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 60:
        problem(at, f"minutes must be a whole number from 1 to 60, not {minutes!r}")
    tags = meta.get("tags")
    if not isinstance(tags, list) or not 1 <= len(tags) <= 8 or not all(
        isinstance(t, str) and TAG_PATTERN.match(t) for t in tags
    ):
        problem(at, "tags must be a list of 1 to 8 lowercase slugs")
    related = meta.get("related", [])
    if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
        problem(at, "related must be a list of question ids")
    unknown = set(meta) - {"id", "type", "topic", "difficulty", "minutes", "tags", "related", *EXERCISE_KEYS}
    if unknown:
        problem(at, f"unknown front-matter keys: {', '.join(sorted(unknown))}")
    p += _exercise_problems(src)

    _count(p, src, "Key points", src.key_points, KEY_POINTS)
    _count(p, src, "Pitfalls", src.pitfalls, PITFALLS)
    _count(p, src, "Follow-ups", src.follow_ups, FOLLOW_UPS)
    kind = meta.get("type")
    if kind in ANSWER_WORDS and src.sections.get("Answer"):
        low, high = answer_word_range(kind, meta.get("difficulty"), meta.get("topic"))
        words = answer_words(src.sections["Answer"])
        if not low <= words <= high:
            problem(src.section_lines.get("Answer", 1), f"the answer has {words} words; this {kind} answer may have {low}-{high}")

    texts = [src.title, src.prompt, *src.sections.values()]
    for text in texts:
        for latex, display in find_math(text):
            try:
                render_math(latex, display=display)
            except MathError as exc:
                problem(_line_of(src, latex), str(exc))
        for m in _FENCE.finditer(text):
            language = m.group(2).strip()
            line = _line_of(src, m.group(0).splitlines()[0] + "\n" + m.group(3)[:40])
            if not language:
                problem(line, "a fenced code block must name its language (```python, ```text, …)")
            elif language.lower() in ("python", "py", "python3"):
                try:
                    compile(m.group(3), f"{path}:{line}", "exec")
                except SyntaxError as exc:
                    problem(line + (exc.lineno or 0), f"Python block does not compile: {exc.msg}")
    return p


EXERCISE_KEYS = ("requires", "time_limit", "memory_mb")
_MODULE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def _exercise_problems(src: SourceQuestion) -> list[Problem]:
    """A coding question has Starter, Solution and Tests (one Python block each) and sane
    limits; other types have none of them."""
    p: list[Problem] = []
    meta, at = src.meta, src.meta_line
    present = [name for name in EXERCISE_SECTIONS if name in src.sections]
    if meta.get("type") != "coding":
        for name in present:
            p.append(Problem(src.path, src.section_lines[name], f"'## {name}' belongs to coding questions only"))
        for key in EXERCISE_KEYS:
            if key in meta:
                p.append(Problem(src.path, at, f"'{key}' belongs to coding questions only"))
        return p
    for name in EXERCISE_SECTIONS:
        if name not in src.sections:
            p.append(Problem(src.path, len(src.path.read_text(encoding="utf-8").splitlines()) if src.path.exists() else 1,
                             f"missing section '## {name}' (a coding question has Starter, Solution and Tests after Follow-ups)"))
    requires = meta.get("requires", ["numpy"])
    if not isinstance(requires, list) or not all(isinstance(r, str) and _MODULE.match(r) for r in requires):
        p.append(Problem(src.path, at, f"requires must be a list of module names, e.g. [\"numpy\", \"sklearn\"], not {requires!r}"))
    for key, low, high in (("time_limit", 1, 60), ("memory_mb", 128, 4096)):
        value = meta.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high):
            p.append(Problem(src.path, at, f"{key} must be a whole number from {low} to {high}, not {value!r}"))
    tests = src.code.get("Tests")
    if tests is not None and not test_names(tests):
        p.append(Problem(src.path, src.section_lines["Tests"], "'## Tests' defines no test: write top-level 'def test_name():' functions"))
    return p


def check_bank(sources: Iterable[SourceQuestion], *, coverage: bool = True) -> list[Problem]:
    """Rules across files: unique ids, related ids exist, distinct titles, coverage."""
    sources = list(sources)
    p: list[Problem] = []
    seen: dict[Any, SourceQuestion] = {}  # ids as written (a missing id is reported by its own rule)
    for src in sources:
        qid = src.meta.get("id")
        if qid in seen:
            p.append(Problem(src.path, src.meta_line, f"duplicate id {qid!r} (also in {seen[qid].path})"))
        else:
            seen[qid] = src
    for src in sources:
        for rid in src.meta.get("related", []) or []:
            if rid not in seen:
                p.append(Problem(src.path, src.meta_line, f"related id {rid!r} does not exist"))
            elif rid == src.meta.get("id"):
                p.append(Problem(src.path, src.meta_line, "a question cannot be related to itself"))
    normalized = sorted(((_norm_title(s.title), s) for s in sources if s.title), key=lambda pair: pair[0])
    for i, (ti, si) in enumerate(normalized):
        for tj, sj in normalized[i + 1 :]:
            matcher = difflib.SequenceMatcher(None, ti, tj)
            if ti == tj or (
                matcher.real_quick_ratio() >= TITLE_SIMILARITY
                and matcher.quick_ratio() >= TITLE_SIMILARITY
                and matcher.ratio() >= TITLE_SIMILARITY
            ):
                p.append(Problem(sj.path, sj.title_line, f"title is near-identical to {si.path}'s: {si.title!r}"))
    if coverage:
        p += coverage_problems(sources)
    return p


def coverage_table(sources: Iterable[SourceQuestion]) -> dict[str, Counter]:
    table: dict[str, Counter] = {t: Counter() for t in COVERAGE_TARGETS}
    for src in sources:
        topic = src.meta.get("topic")
        if topic in table:
            table[topic][src.meta.get("type")] += 1
            table[topic]["level:" + str(src.meta.get("difficulty"))] += 1
    return table


def coverage_problems(sources: Iterable[SourceQuestion]) -> list[Problem]:
    from pathlib import Path

    p: list[Problem] = []
    for topic, counts in coverage_table(sources).items():
        where = Path(topic)
        for kind, target in zip(QUESTION_TYPES, COVERAGE_TARGETS[topic]):
            if kind in ENFORCED_TYPES and counts[kind] < target:
                p.append(Problem(where, 0, f"coverage: {counts[kind]} {kind} questions, the target is {target}"))
        for level in DIFFICULTIES:
            if not counts["level:" + level]:
                p.append(Problem(where, 0, f"coverage: no {level} question"))
    return p


def _count(p: list[Problem], src: SourceQuestion, section: str, items: list, bounds: tuple[int, int]) -> None:
    low, high = bounds
    if src.sections.get(section) and not low <= len(items) <= high:
        p.append(Problem(src.path, src.section_lines.get(section, 1), f"'{section}' has {len(items)} items; {low}-{high} expected"))


def _line_of(src: SourceQuestion, fragment: str) -> int:
    """Best-effort line number of a fragment in the file."""
    try:
        text = src.path.read_text(encoding="utf-8")
    except OSError:
        return 1
    first = fragment.strip().splitlines()[0] if fragment.strip() else ""
    pos = text.find(first) if first else -1
    return text.count("\n", 0, pos) + 1 if pos >= 0 else 1


def _norm_title(title: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", title.lower()))
