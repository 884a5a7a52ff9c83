"""Export from the notebook's Export menu: Markdown files (one per note, safe names) and one
self-contained HTML file with the rendered content."""
from __future__ import annotations

import base64
import re

import pytest
from PySide6.QtWidgets import QFileDialog

from tests.ui.notebook_helpers import open_notebook

BODY = "# Ridge\n\nSee [[bias-variance-tradeoff]].\n\n```python\ndef ridge(X, y):\n    return X\n```\n\n$$w^2$$\n"


@pytest.fixture
def notebook(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    notes = window.context.notes
    notes.create('What/why: "L1"?', BODY, ("regularization",))
    notes.create("CON", "reserved name on Windows")
    notes.create("Same title", "one")
    notes.create("same title", "two")
    tab.refresh()
    tab.open_note(notes.find_by_title('What/why: "L1"?').id)
    return window, tab


def choose_file(monkeypatch, path):
    asked = []

    def fake(parent, caption, suggested, file_filter):
        asked.append(suggested)
        return str(path), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return asked


def test_export_this_note_as_markdown(notebook, tmp_path, monkeypatch):
    window, tab = notebook
    target = tmp_path / "out" / "note.md"
    target.parent.mkdir()
    asked = choose_file(monkeypatch, target)
    messages = []
    tab.message.connect(messages.append)
    window.findChild(object, "noteExportMarkdown").trigger()
    assert asked[0].endswith("What why L1.md")  # the suggested name is a safe one
    text = target.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "What/why: \\"L1\\"?"\ntags: ["regularization"]\n')
    assert text.endswith(BODY)
    assert messages and str(target) in messages[-1]
    assert [p.name for p in target.parent.iterdir()] == ["note.md"]  # no temporary file left


def test_export_all_notes_as_markdown_files_with_safe_unique_names(notebook, tmp_path, monkeypatch):
    window, tab = notebook
    chosen = tmp_path / "exports"
    chosen.mkdir()
    (chosen / "CON.md").write_text("a file of the user's that must survive")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(chosen))
    window.findChild(object, "noteExportAllMarkdown").trigger()
    [folder] = [p for p in chosen.iterdir() if p.is_dir()]
    assert folder.name.startswith("MLPrep notes ")
    names = {p.name.casefold() for p in folder.iterdir()}  # distinct even where case does not count
    assert names == {"what why l1.md", "_con.md", "same title.md", "same title (2).md"}
    bodies = {p.read_text(encoding="utf-8").split("---\n\n", 1)[1] for p in folder.iterdir()}
    assert bodies == {BODY, "reserved name on Windows\n", "one\n", "two\n"}
    assert (chosen / "CON.md").read_text() == "a file of the user's that must survive"


def test_export_as_html_has_rendered_code_math_and_plain_question_links(qtbot, notebook, tmp_path, monkeypatch):
    window, tab = notebook
    target = tmp_path / "notes.html"
    choose_file(monkeypatch, target)
    with qtbot.waitSignal(tab.exporter.finished, timeout=30000):
        window.findChild(object, "noteExportHtml").trigger()
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert "<h1>What/why: &quot;L1&quot;?</h1>" in html
    assert re.search(r'<span style="color: #[0-9A-Fa-f]{3,6}[^"]*">def</span>', html)  # highlighted
    svg = re.search(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html)
    assert svg and base64.b64decode(svg.group(1)).startswith(b"<svg")  # math embedded
    title = window.context.questions.get("bias-variance-tradeoff").title
    assert title in html and "question:" not in html and "mlmath:" not in html


def test_export_all_as_one_html_file(qtbot, notebook, tmp_path, monkeypatch):
    window, tab = notebook
    target = tmp_path / "all.html"
    choose_file(monkeypatch, target)
    with qtbot.waitSignal(tab.exporter.finished, timeout=30000) as signal:
        window.findChild(object, "noteExportAllHtml").trigger()
    assert "Exported 4 notes" in signal.args[0]
    html = target.read_text(encoding="utf-8")
    assert html.count("<article") == 4 and "<h2>Contents</h2>" in html
    for title in ("CON", "Same title", "same title", "What/why: &quot;L1&quot;?"):
        assert f"<h1>{title}</h1>" in html
