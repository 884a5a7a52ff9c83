"""How often does grading tick a key point it should not? (Not collected by pytest.)

For every active question in the bank this grades
  (a) the question's own model answer against its key points — the share ticked is the *hit rate*;
  (b) an unrelated question's model answer (another topic, not linked as related; one fixed pick
      per question from a seeded generator) against the same key points — the share ticked is
      the *false-positive rate*;
  (c) every other-topic answer against the key points, averaged — the same rate without the luck
      of one pick;
  (d) every other answer from the *same* topic (not linked as related) — a nearby answer, the
      hardest case for word matching.
Rates are over key points (pooled); "questions" lines count questions with at least half of
their key points ticked.

    .venv/bin/python tests/benchmarks/grading_false_positives.py [--db questions.sqlite] [--sweep]
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from mlprep_desktop.core import grading

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class BankQuestion:
    id: str
    topic: str
    answer: str
    key_points: tuple[str, ...]
    related: frozenset[str]


def load(db: Path) -> list[BankQuestion]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT id, topic, answer, key_points, related FROM questions WHERE retired = 0 ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    return [BankQuestion(r[0], r[1], r[2], tuple(json.loads(r[3])), frozenset(json.loads(r[4]))) for r in rows]


def unrelated_to(question: BankQuestion, bank: list[BankQuestion]) -> list[BankQuestion]:
    return [o for o in bank if o.topic != question.topic and o.id not in question.related
            and question.id not in o.related]


def measure(bank: list[BankQuestion], seed: int = 4) -> dict[str, float]:
    rng = random.Random(seed)
    stems = {q.id: grading.answer_stems(q.answer) for q in bank}
    own_hits = own_total = own_questions = 0
    fp_hits = fp_questions = 0
    all_hits = all_total = 0
    near_hits = near_total = 0
    for q in bank:
        points = q.key_points
        own = [grading.match_key_point(p, stems[q.id]).is_match for p in points]
        own_hits += sum(own)
        own_total += len(points)
        own_questions += sum(own) * 2 >= len(points)
        others = unrelated_to(q, bank)
        pick = rng.choice(others)
        wrong = [grading.match_key_point(p, stems[pick.id]).is_match for p in points]
        fp_hits += sum(wrong)
        fp_questions += sum(wrong) * 2 >= len(points)
        for other in others:
            other_stems = stems[other.id]
            for p in points:
                all_hits += grading.match_key_point(p, other_stems).is_match
                all_total += 1
        neighbours = [o for o in bank if o.topic == q.topic and o.id != q.id and o.id not in q.related
                      and q.id not in o.related]
        for other in neighbours:
            other_stems = stems[other.id]
            for p in points:
                near_hits += grading.match_key_point(p, other_stems).is_match
                near_total += 1
    n = len(bank)
    return {
        "questions": n,
        "key_points": own_total,
        "own_rate": own_hits / own_total,
        "own_questions": own_questions / n,
        "fp_rate": fp_hits / own_total,
        "fp_questions": fp_questions / n,
        "all_pairs_fp_rate": all_hits / all_total,
        "all_pairs": all_total,
        "same_topic_fp_rate": near_hits / near_total if near_total else 0.0,
        "same_topic_pairs": near_total,
    }


def report(result: dict[str, float]) -> str:
    return "\n".join([
        f"bank: {result['questions']} questions, {result['key_points']} key points "
        f"(threshold {grading.MATCH_THRESHOLD:.0%} of a key point's content words, at least "
        f"{grading.MIN_MATCHED_WORDS})",
        f"own model answer      : {result['own_rate']:6.2%} of key points ticked; "
        f"{result['own_questions']:6.2%} of questions get at least half ticked",
        f"unrelated answer      : {result['fp_rate']:6.2%} of key points ticked (false positives); "
        f"{result['fp_questions']:6.2%} of questions get at least half ticked",
        f"every other-topic one : {result['all_pairs_fp_rate']:6.2%} of key points ticked "
        f"over {result['all_pairs']} key point x answer pairs",
        f"same-topic other ones : {result['same_topic_fp_rate']:6.2%} of key points ticked "
        f"over {result['same_topic_pairs']} key point x answer pairs",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "questions.sqlite")
    parser.add_argument("--sweep", action="store_true", help="also try other thresholds")
    args = parser.parse_args(argv)
    bank = load(args.db)
    if not bank:
        print(f"no questions in {args.db}", file=sys.stderr)
        return 1
    print(report(measure(bank)))
    if args.sweep:
        saved = grading.MATCH_THRESHOLD, grading.MIN_MATCHED_WORDS
        print("\nthreshold  min  own     unrelated  all-pairs")
        for threshold in (0.34, 0.4, 0.5, 0.6, 0.67):
            for minimum in (1, 2, 3):
                grading.MATCH_THRESHOLD, grading.MIN_MATCHED_WORDS = threshold, minimum
                r = measure(bank)
                print(f"{threshold:9.2f}  {minimum:3d}  {r['own_rate']:6.2%}  {r['fp_rate']:9.1%}  "
                      f"{r['all_pairs_fp_rate']:9.1%}")
        grading.MATCH_THRESHOLD, grading.MIN_MATCHED_WORDS = saved
    return 0


if __name__ == "__main__":
    sys.exit(main())
