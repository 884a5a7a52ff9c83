"""Building ``questions.sqlite`` from the sources, deterministically.

Same sources (and the same previous bundle) give the same bytes: rows are inserted in id
order into a fresh file, migration timestamps are fixed, and the file is vacuumed. The
content version is carried over from the previous bundle and bumped by one when the
content hash changes, so user files know when to merge.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from mlprep_desktop.bank.rules import check_bank, check_question
from mlprep_desktop.bank.source import Problem, SourceQuestion, parse_source
from mlprep_desktop.core.exercise import Exercise
from mlprep_desktop.core.models import Question
from mlprep_desktop.storage import schema
from mlprep_desktop.storage.connection import connect

FIXED_TIMESTAMP = "2000-01-01 00:00:00.000000+00:00"


class BuildError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class BundleInfo:
    content_version: int
    content_hash: str
    schema_version: int
    questions: int


def load_sources(root: Path) -> tuple[list[SourceQuestion], list[Problem]]:
    """Parse every ``<topic>/<id>.md`` below ``root`` (sorted), with per-file checks."""
    sources: list[SourceQuestion] = []
    problems: list[Problem] = []
    for path in sorted(root.glob("*/*.md")):
        src, found = parse_source(path)
        problems += found
        if src is not None:
            sources.append(src)
            problems += check_question(src)
    return sources, problems


def question_rows(sources: list[SourceQuestion]) -> list[dict]:
    rows = [_row(s.to_question()) for s in sources]
    rows.sort(key=lambda r: r["id"])
    return rows


def content_hash(rows: list[dict]) -> str:
    payload = json.dumps(rows, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def bundle_info(path: Path) -> BundleInfo | None:
    if not path.exists():
        return None
    conn = connect(path, readonly=True)
    try:
        meta = dict(conn.execute("SELECT key, value FROM bank_meta").fetchall())
        count = conn.execute("SELECT COUNT(*) FROM questions WHERE source = 'bank'").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except Exception:
        return None
    finally:
        conn.close()
    return BundleInfo(int(meta.get("content_version", 0)), meta.get("content_hash", ""), version, count)


def build(root: Path, out: Path, previous: Path | None = None, *, coverage: bool = True) -> BundleInfo:
    """Check the sources and write ``out``. Raises BuildError listing every problem."""
    sources, problems = load_sources(root)
    problems += check_bank(sources, coverage=coverage)
    if problems:
        raise BuildError(problems)
    rows = question_rows(sources)
    digest = content_hash(rows)
    before = bundle_info(previous if previous is not None else out)
    version = 1
    if before is not None:
        version = before.content_version if before.content_hash == digest else before.content_version + 1
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".questions-", suffix=".sqlite", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        _write(tmp, rows, version, digest)
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BundleInfo(version, digest, schema.SCHEMA_VERSION, len(rows))


def _write(path: Path, rows: list[dict], version: int, digest: str) -> None:
    conn = connect(path)
    try:
        conn.execute("PRAGMA page_size = 4096")
        conn.execute("PRAGMA journal_mode = DELETE")
        db = sqlite_utils.Database(conn)
        schema.migrate(db)
        with db.atomic():
            conn.execute("UPDATE _sqlite_migrations SET applied_at = ?", (FIXED_TIMESTAMP,))
            columns = list(rows[0]) if rows else []
            if rows:
                conn.executemany(
                    f"INSERT INTO questions ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                    [tuple(r[c] for c in columns) for r in rows],
                )
            conn.executemany(
                "INSERT INTO bank_meta (key, value) VALUES (?, ?)",
                [("content_version", str(version)), ("content_hash", digest), ("format", "1")],
            )
        conn.execute("INSERT INTO questions_fts (questions_fts) VALUES ('optimize')")
        conn.execute("VACUUM")
    finally:
        conn.close()


def exercise_json(exercise: Exercise | None) -> str | None:
    if exercise is None:
        return None
    return json.dumps({
        "starter": exercise.starter, "solution": exercise.solution, "tests": exercise.tests,
        "requires": list(exercise.requires), "time_limit": exercise.time_limit,
        "memory_mb": exercise.memory_mb,
    }, ensure_ascii=False, sort_keys=True)


def _row(q: Question) -> dict:
    def js(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    return {
        "id": q.id,
        "type": q.type,
        "topic": q.topic,
        "difficulty": q.difficulty,
        "minutes": q.minutes,
        "title": q.title,
        "prompt": q.prompt,
        "answer": q.answer,
        "key_points": js(list(q.key_points)),
        "pitfalls": js(list(q.pitfalls)),
        "follow_ups": js([{"question": f.question, "answer": f.answer} for f in q.follow_ups]),
        "tags": js(list(q.tags)),
        "related": js(list(q.related)),
        "exercise": exercise_json(q.exercise),
        "source": "bank",
        "retired": 0,
    }


__all__ = ["BuildError", "BundleInfo", "build", "bundle_info", "content_hash", "load_sources"]
