"""The .apkg deck opened by the real Anki library: notes, fields, math, code; a re-export
updates the same notes instead of duplicating them."""
from __future__ import annotations

import zipfile

import pytest

from mlprep_desktop.rendering.anki_html import markdown_to_anki
from mlprep_desktop.services.anki_export import DECK_NAME, export_anki, note_guid
from mlprep_desktop.services.errors import OperationError
from mlprep_desktop.services.exports import export
from mlprep_desktop.services.own_questions import add_question, edit_question
from tests.services.portable_helpers import open_context
from tests.services.test_own_questions import draft

anki_collection = pytest.importorskip("anki.collection")


@pytest.fixture
def ctx(tmp_path, bundle):
    c = open_context(tmp_path / "db.sqlite", bundle)
    yield c
    c.close()


def import_into_anki(col, apkg):
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as When

    options = anki_collection.ImportAnkiPackageOptions(update_notes=When.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS,
                                                       with_scheduling=False)
    col.import_anki_package(anki_collection.ImportAnkiPackageRequest(package_path=str(apkg), options=options))


def notes_by_id(col) -> dict[str, object]:
    notes = [col.get_note(nid) for nid in col.find_notes("")]
    return {n["Id"]: n for n in notes}


def test_the_deck_opens_in_anki_with_its_notes_fields_and_math(ctx, tmp_path):
    own = add_question(ctx.database, draft()).value
    apkg = tmp_path / "deck.apkg"
    said = export(ctx.database, "anki", apkg)
    assert said.startswith("Exported 4 questions")
    (tmp_path / "anki").mkdir()
    col = anki_collection.Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        import_into_anki(col, apkg)
        notes = notes_by_id(col)
        assert set(notes) == {"alpha-question", "beta-question", "gamma-question", own.id}
        mine = notes[own.id]
        assert mine.guid == note_guid(own.id)
        assert "\\(\\sigma^2\\)" in mine["Front"] and "Think of \\(n-1\\)" in mine["Front"]
        back = mine["Back"]
        assert "\\[s^2 = \\frac{1}{n-1}\\sum (x_i-\\bar x)^2\\]" in back
        assert '<pre><code class="language-python">x = 1 &lt; 2</code></pre>' in back
        assert "<li>divide by n-1</li>" in back and "<b>And for the std?</b> Still biased." in back
        assert "dividing by n" not in back  # pitfalls are not on the card
        assert set(mine.tags) == {"probability", "math", "intermediate", "mine"}
        beta = notes["beta-question"]
        assert "\\[\\nabla_w L = X^\\top (Xw - y)\\]" in beta["Back"] and "\\(w\\)" in beta["Back"]
        assert col.decks.by_name(DECK_NAME) is not None
        assert len(col.find_cards(f'"deck:{DECK_NAME}"')) == 4

        # edit and re-export a minute later: Anki updates the note, no duplicate
        edit_question(ctx.database, draft(id=own.id, title="A reworded $\\sigma$ question?"))
        export_anki(ctx.database, apkg, timestamp=mine.mod + 60)
        import_into_anki(col, apkg)
        notes = notes_by_id(col)
        assert len(col.find_notes("")) == 4
        assert "A reworded \\(\\sigma\\) question?" in notes[own.id]["Front"]
    finally:
        col.close()


def test_a_topic_filter_and_an_empty_selection(ctx, tmp_path):
    apkg = tmp_path / "eval.apkg"
    assert export(ctx.database, "anki", apkg, topics=("evaluation",)).startswith("Exported 1 questions")
    with zipfile.ZipFile(apkg) as z:
        assert all(not n.startswith(("/", "..")) for n in z.namelist())
    with pytest.raises(OperationError, match="selection is empty"):
        export(ctx.database, "anki", tmp_path / "none.apkg", topics=("mlops",))
    assert not (tmp_path / "none.apkg").exists()


def test_markdown_to_anki_escapes_html_and_keeps_math_verbatim():
    out = markdown_to_anki("a <b>bold</b> $x_1 < y_2$ and `a_b` and *c*")
    assert out == "<p>a &lt;b&gt;bold&lt;/b&gt; \\(x_1 &lt; y_2\\) and <code>a_b</code> and <em>c</em></p>"
    assert markdown_to_anki("costs 5 $ and 6 $") == "<p>costs 5 $ and 6 $</p>"
