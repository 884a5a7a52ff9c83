"""Own questions: add and edit one (the editor dialog), import many from CSV or Markdown.

Every operation runs one transaction and returns ``Outcome`` with ``ChangeKind.QUESTIONS``.
Refusals are ``OperationError`` with a message for the user (for files: the file, the row or
line, the problem); then nothing was written. Importing the same file twice changes nothing:
a question without an id gets ``my-<title slug>``, so the second import finds it again.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from pathlib import Path

from mlprep_desktop.core import own_questions as rules
from mlprep_desktop.core.models import Question
from mlprep_desktop.core.portable_format import ExportFormatError, check_size
from mlprep_desktop.services.changes import Change, ChangeKind, Outcome
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.storage.database import Database
from mlprep_desktop.storage.own_questions import OwnQuestionError, OwnQuestionRepository

MAX_QUESTION_FILE_BYTES = 20 * 1024 * 1024
MAX_MARKDOWN_FILES = 5000


@dataclass
class QuestionImport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        verb = ("to add", "to update") if self.dry_run else ("added", "updated")
        return [f"own questions: {len(self.added)} {verb[0]}, {len(self.updated)} {verb[1]}, "
                f"{len(self.unchanged)} unchanged"]


def add_question(database: Database, question: Question) -> Outcome[Question]:
    """Store a new own question (its id made from the title when empty)."""
    repo = OwnQuestionRepository(database)
    taken = repo.ids()
    qid = question.id or rules.new_id(question.title, taken)
    if qid in taken:
        raise OperationError(f"A question with the id {qid!r} exists already; choose another id.")
    question = replace(question, id=qid, source="user")
    _refuse_problems(question)
    _save(repo, [question])
    return Outcome(_reload(database, qid), Change.of(ChangeKind.QUESTIONS, question_ids=[qid]))


def edit_question(database: Database, question: Question) -> Outcome[Question]:
    """Replace the content of the own question ``question.id`` (bank questions are refused)."""
    repo = OwnQuestionRepository(database)
    source = repo.ids().get(question.id)
    if source is None:
        raise OperationError(f"The question {question.id!r} no longer exists.")
    if source != "user":
        raise OperationError("Bank questions cannot be edited; a bank update would overwrite the change. "
                             "Write your own question instead.")
    _refuse_problems(question)
    _save(repo, [replace(question, source="user")])
    return Outcome(_reload(database, question.id), Change.of(ChangeKind.QUESTIONS, question_ids=[question.id]))


def _refuse_problems(question: Question) -> None:
    problems = rules.check_question(question)
    if problems:
        raise OperationError("The question was not saved: " + "; ".join(problems) + ".")


def _save(repo: OwnQuestionRepository, questions: list[Question]) -> tuple[list[str], list[str]]:
    try:
        return repo.save(questions)
    except OwnQuestionError as exc:
        raise OperationError(f"The question was not saved: {exc}.") from exc


def _reload(database: Database, qid: str) -> Question:
    from mlprep_desktop.storage.questions import QuestionRepository

    q = QuestionRepository(database).get(qid)
    assert q is not None
    return q


# ----- importing many

def import_questions(database: Database, path: Path, *, dry_run: bool = False) -> Outcome[QuestionImport]:
    """Import own questions from a ``.csv`` file, a ``.md`` file or a folder of ``.md`` files."""
    path = Path(path)
    if path.is_dir():
        questions = _from_markdown_files(path, sorted(path.rglob("*.md")))
    elif path.suffix.lower() == ".csv":
        questions = _from_csv(path)
    elif path.suffix.lower() == ".md":
        questions = _from_markdown_files(path, [path])
    else:
        raise OperationError(f"{path}: own questions are imported from .csv or .md files (or a folder of .md).")
    repo = OwnQuestionRepository(database)
    taken = repo.ids()
    report = QuestionImport(dry_run=dry_run)
    problems: list[str] = []
    seen: dict[str, str] = {}
    ready: list[Question] = []
    for where, q in questions:
        q = replace(q, id=q.id or rules.ID_PREFIX + rules.slug(q.title), source="user")
        found = rules.check_question(q)
        if taken.get(q.id) == "bank":
            found.append(f"the id {q.id!r} belongs to a bank question")
        if q.id in seen:
            found.append(f"the id {q.id!r} appears twice (also {seen[q.id]})")
        seen[q.id] = where
        problems += [f"{where}: {p}" for p in found]
        ready.append(q)
    if problems:
        more = f" (and {len(problems) - 8} more)" if len(problems) > 8 else ""
        raise OperationError(f"{path}: nothing was imported: " + "; ".join(problems[:8]) + more + ".")
    for q in ready:
        if q.id not in taken:
            report.added.append(q.id)
        elif repo.same_content(q):
            report.unchanged.append(q.id)
        else:
            report.updated.append(q.id)
    changed = [q for q in ready if q.id not in report.unchanged]
    if dry_run or not changed:
        return Outcome(report)
    _save(repo, changed)
    return Outcome(report, Change.of(ChangeKind.QUESTIONS, question_ids=[q.id for q in changed]))


def _read(path: Path) -> str:
    try:
        check_size(path, MAX_QUESTION_FILE_BYTES)
        return path.read_text(encoding="utf-8-sig")
    except ExportFormatError as exc:
        raise OperationError(str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise OperationError(f"{path}: is not UTF-8 text (byte {exc.start}).") from exc
    except OSError as exc:
        raise OperationError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc


def _from_csv(path: Path) -> list[tuple[str, Question]]:
    text = _read(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise OperationError(f"{path}: broken CSV at line {reader.line_num}: {exc}. Nothing was imported.") from exc
    if not rows:
        raise OperationError(f"{path}: is empty; the first row must name the columns.")
    header = [h.strip().lower() for h in rows[0]]
    unknown = [h for h in header if h not in rules.CSV_COLUMNS]
    missing = [h for h in rules.CSV_REQUIRED if h not in header]
    if unknown or missing or len(set(header)) != len(header):
        said = []
        if unknown:
            said.append(f"unknown column(s) {', '.join(map(repr, unknown))}")
        if missing:
            said.append(f"missing column(s) {', '.join(missing)}")
        if len(set(header)) != len(header):
            said.append("a column named twice")
        raise OperationError(
            f"{path}: wrong header: {'; '.join(said)}. The columns are {', '.join(rules.CSV_COLUMNS)} "
            f"({', '.join(rules.CSV_REQUIRED)} required). Nothing was imported.")
    out = []
    for number, cells in enumerate(rows[1:], 2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise OperationError(f"{path}: row {number} has {len(cells)} cells, the header {len(header)}. "
                                 "Nothing was imported.")
        try:
            q = rules.from_fields(dict(zip(header, cells)))
        except ValueError as exc:
            raise OperationError(f"{path}: row {number}: {exc}. Nothing was imported.") from exc
        out.append((f"row {number}", q))
    return out


def _from_markdown_files(root: Path, files: list[Path]) -> list[tuple[str, Question]]:
    from mlprep_desktop.bank.source import parse_text

    if not files:
        raise OperationError(f"{root}: holds no .md files.")
    if len(files) > MAX_MARKDOWN_FILES:
        raise OperationError(f"{root}: holds {len(files)} .md files, more than {MAX_MARKDOWN_FILES}; import fewer.")
    out = []
    for path in files:
        text = _without_mine(_read(path))
        src, problems = parse_text(path, text)
        fatal = [p for p in problems if _fatal(p.message)]
        if src is None or fatal:
            first = (fatal or problems)[0]
            raise OperationError(f"{first.path}:{first.line}: {first.message}. Nothing was imported.")
        q = src.to_question()
        out.append((str(path.name), q))
    return out


def _without_mine(text: str) -> str:
    """The file without the sections a Markdown export appends (my answer, my note)."""
    heads = {f"## {name}" for name in rules.MINE_SECTIONS}
    lines = text.splitlines()
    in_fence = False
    for i, line in enumerate(lines):
        if line.strip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and line.strip() in heads:
            return "\n".join(lines[:i]) + "\n"
    return text


def _fatal(message: str) -> bool:
    """Shape problems an own question may have: missing or empty lists are fine."""
    lenient = ("missing section '## Key points'", "missing section '## Pitfalls'", "missing section '## Follow-ups'",
               "section '## Key points' is empty", "section '## Pitfalls' is empty",
               "section '## Follow-ups' is empty")
    return message not in lenient
