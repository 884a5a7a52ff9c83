"""``bank check`` passes on the repository and names file, line and reason for broken sources."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mlprep_desktop.bank.build import build
from mlprep_desktop.bank.check import check
from tests.bank_sources import question_text, write_question

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow  # the whole bank: every exercise run in the sandbox (minutes on a loaded 2-core machine)
@pytest.mark.timeout(1800)
def test_the_repository_bank_passes_its_check():
    """Including every coding exercise run in the sandbox (reference, starter, wrong solutions)."""
    result = subprocess.run(
        [sys.executable, "-m", "mlprep_desktop.bank", "check"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]


def problems_for(root: Path, text: str, qid: str = "broken-question", topic: str = "fundamentals") -> list[str]:
    path = root / topic / f"{qid}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return [str(p) for p in check(root, None, coverage=False) if Path(str(p).split(":")[0]).name == path.name]


BROKEN = {
    "missing section": (question_text("broken-question").replace("## Pitfalls\n- A pitfall.\n", ""), "missing section '## Pitfalls'"),
    "unknown type": (question_text("broken-question", type="theory").replace('type = "theory"', 'type = "essay"'), "unknown type 'essay'"),
    "unknown topic": (question_text("broken-question").replace('topic = "fundamentals"', 'topic = "astrology"'), "unknown topic 'astrology'"),
    "unknown difficulty": (question_text("broken-question", difficulty="expert"), "unknown difficulty 'expert'"),
    "unknown related": (question_text("broken-question", related=["no-such-question"]), "related id 'no-such-question' does not exist"),
    "too few key points": (question_text("broken-question", key_points=2), "'Key points' has 2 items"),
    "follow-up without answer": (question_text("broken-question", follow_ups="- **Why?**\n- **How?** Like so."), "follow-up must be"),
    "short answer": (question_text("broken-question", answer="Too short."), "the answer has 2 words"),
    "python that does not compile": (
        question_text("broken-question", answer_extra="```python\ndef f(:\n    pass\n```"),
        "Python block does not compile",
    ),
    "code without language": (question_text("broken-question", answer_extra="```\nx = 1\n```"), "must name its language"),
    "math that does not render": (question_text("broken-question", answer_extra="See $\\frac{a$ here."), "cannot render math"),
    "bad toml": ("+++\nid = \n+++\n# T\n", "invalid TOML front matter"),
    "no front matter": ("# Title only\n", "must start with a '+++' line"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_source_is_named_with_line_and_reason(tmp_path, sources, case):
    text, reason = BROKEN[case]
    found = problems_for(sources, text)
    assert any(reason in p for p in found), found
    for p in found:
        path, line, _ = p.split(":", 2)
        assert path.endswith("broken-question.md") and line.isdigit() and int(line) >= 1


def test_duplicate_ids_and_near_identical_titles(tmp_path, sources):
    write_question(sources, "alpha-question", topic="evaluation", title="Something else entirely?")
    write_question(sources, "copy-question", title="What is alpha regularisation?")
    found = [str(p) for p in check(sources, None, coverage=False)]
    assert any("duplicate id 'alpha-question'" in p for p in found), found
    assert any("near-identical" in p and "copy-question.md" in p for p in found), found


def test_stale_bundle_is_reported(tmp_path, sources, bundle):
    assert check(sources, bundle, coverage=False) == []
    write_question(sources, "gamma-question", topic="evaluation", difficulty="advanced", title="A reworded gamma question?")
    found = [str(p) for p in check(sources, bundle, coverage=False)]
    assert any("stale" in p for p in found), found


def test_build_is_deterministic(tmp_path, sources, bundle):
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    build(sources, a, previous=bundle, coverage=False)
    build(sources, b, previous=bundle, coverage=False)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() == bundle.read_bytes()  # unchanged sources: same bytes as before


def test_build_refuses_broken_sources_and_writes_nothing(tmp_path, sources):
    write_question(sources, "bad-one", related=["missing-id"])
    out = tmp_path / "out.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "mlprep_desktop.bank", "build", "--sources", str(sources), "--db", str(out), "--no-coverage"],
        capture_output=True, text=True,
    )
    assert result.returncode == 1
    assert "bad-one.md" in result.stderr and "missing-id" in result.stderr
    assert not out.exists()


def test_coverage_rules_report_shortfalls(sources):
    found = [str(p) for p in check(sources, None, coverage=True)]
    assert any("ml-system-design" in p and "applied questions, the target is 16" in p for p in found)
    assert any("evaluation" in p and "no beginner question" in p for p in found)


@pytest.mark.slow  # the whole bank: every exercise run in the sandbox (minutes on a loaded 2-core machine)
@pytest.mark.timeout(1800)
def test_stats_prints_the_coverage_table():
    result = subprocess.run(
        [sys.executable, "-m", "mlprep_desktop.bank", "stats"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "fundamentals" in result.stdout and "ml-system-design" in result.stdout
    assert "difficulty:" in result.stdout



def test_answer_word_limits_follow_content_md_exceptions():
    from mlprep_desktop.bank.rules import answer_word_range

    assert answer_word_range("theory", "intermediate", "optimization") == (120, 250)
    assert answer_word_range("theory", "advanced", "optimization") == (120, 400)
    assert answer_word_range("applied", "intermediate", "behavioral") == (300, 600)
    assert answer_word_range("applied", "advanced", "ml-system-design") == (400, 800)
