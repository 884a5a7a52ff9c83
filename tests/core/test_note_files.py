"""Safe, unique export file names and the Markdown a note is exported as."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlprep_desktop.core.note_files import markdown_export, safe_stem, unique_file_names
from mlprep_desktop.core.note_models import Note


def test_unsafe_characters_and_names_are_replaced():
    assert safe_stem("a/b\\c:d*e?f\"g<h>i|j") == "a b c d e f g h i j"
    assert safe_stem("../../etc/passwd") == "etc passwd"
    assert safe_stem("CON") == "_CON" and safe_stem("lpt1.txt") == "_lpt1.txt"
    assert safe_stem("  ...  ") == "note" and safe_stem("") == "note"
    assert safe_stem("name. ") == "name"
    assert len(safe_stem("x" * 500)) == 80
    assert safe_stem("Résumé — ∇ loss") == "Résumé — ∇ loss"


def test_names_are_unique_ignoring_case():
    names = unique_file_names(["Notes", "notes", "NOTES", "Other"], ".md", taken=["notes (2).md"])
    assert names == ["Notes.md", "notes (3).md", "NOTES (4).md", "Other.md"]


@given(st.text(max_size=120))
def test_any_title_gives_a_plain_file_name(title):
    stem = safe_stem(title)
    assert stem and "/" not in stem and "\\" not in stem and "\x00" not in stem
    assert not stem.startswith(".") and not stem.endswith((" ", "."))
    assert stem == stem.strip()


def test_markdown_export_has_front_matter_then_the_body_verbatim():
    note = Note(3, 'Ridge "L2"', "# Ridge\n\n[[l2]] text", ("ml", "reg"), "l2", "2026-01-01T00:00:00Z",
                "2026-01-02T00:00:00Z")
    text = markdown_export(note)
    assert text == (
        '---\ntitle: "Ridge \\"L2\\""\ntags: ["ml", "reg"]\nquestion: "l2"\n'
        "created: 2026-01-01T00:00:00Z\nupdated: 2026-01-02T00:00:00Z\n---\n\n# Ridge\n\n[[l2]] text\n"
    )
