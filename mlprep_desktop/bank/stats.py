"""``bank stats``: coverage by topic and type against the targets of bank/rules.py, and difficulty."""
from __future__ import annotations

from collections import Counter

from mlprep_desktop.bank.rules import COVERAGE_TARGETS, coverage_table
from mlprep_desktop.bank.source import SourceQuestion
from mlprep_desktop.core.models import DIFFICULTIES, QUESTION_TYPES


def stats_text(sources: list[SourceQuestion]) -> str:
    table = coverage_table(sources)
    head = f"{'topic':<26}" + "".join(f"{t:>11}" for t in QUESTION_TYPES) + f"{'total':>7}   " + " ".join(
        f"{d[:3]:>4}" for d in DIFFICULTIES
    )
    lines = [head, "-" * len(head)]
    totals: Counter = Counter()
    for topic, counts in table.items():
        cells = []
        for kind, target in zip(QUESTION_TYPES, COVERAGE_TARGETS[topic]):
            mark = " " if counts[kind] >= target else "!"
            cells.append(f"{counts[kind]:>4} / {target:<3}{mark}")
            totals[kind] += counts[kind]
        levels = [counts["level:" + d] for d in DIFFICULTIES]
        for d, n in zip(DIFFICULTIES, levels):
            totals[d] += n
        lines.append(f"{topic:<26}" + "".join(f"{c:>11}" for c in cells) + f"{sum(levels):>7}   "
                     + " ".join(f"{n:>4}" for n in levels))
    total = sum(totals[t] for t in QUESTION_TYPES)
    lines.append("-" * len(head))
    lines.append(f"{'all topics':<26}" + "".join(f"{totals[t]:>11}" for t in QUESTION_TYPES) + f"{total:>7}   "
                 + " ".join(f"{totals[d]:>4}" for d in DIFFICULTIES))
    if total:
        shares = ", ".join(f"{d} {100 * totals[d] / total:.0f} %" for d in DIFFICULTIES)
        lines.append(f"difficulty: {shares} (target about 30 / 45 / 25 %)")
    lines.append("cells: have / target; '!' marks a shortfall")
    return "\n".join(lines)
