"""The README points only at files a user of the repository has: no paths outside it, and
the bank's content standard lives in resources/questions/README.md."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_names_no_path_outside_the_repository():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    outside = re.findall(r"(?<![\w.])\.\./[\w./-]+", text)
    assert not outside, f"README.md points outside the repository: {outside}"


def test_the_content_standard_is_in_the_repository():
    standard = (ROOT / "resources" / "questions" / "README.md").read_text(encoding="utf-8")
    for heading in ("## What the bank covers", "## What a good entry holds", "## Our own words"):
        assert heading in standard
    assert "resources/questions/README.md" in (ROOT / "README.md").read_text(encoding="utf-8")
