"""Issue 16: start-up builds only the tab shown (Today); Browse, Interview, Whiteboard and
Notebook are built when first shown, each once, and then work as before."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QTableView, QWidget

from mlprep_desktop.app import create_main_window
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.storage.questions import QuestionRepository

LAZY = ("browserTab", "interviewTab", "whiteboardTab", "notebookTab")


def built(window) -> dict[str, bool]:
    return {page.objectName(): page.is_built for page in window._pages}


def test_only_the_shown_tab_is_built_at_start(qtbot, open_window, monkeypatch):
    searches = []
    real_browse_rows = QuestionRepository.browse_rows
    monkeypatch.setattr(QuestionRepository, "browse_rows",
                        lambda self, flt: searches.append(flt) or real_browse_rows(self, flt))
    window = open_window()
    assert window.tabs.currentWidget() is window.today
    assert built(window) == {"todayTab": True, **{name: False for name in LAZY}}
    assert searches == []  # Browse has not searched
    for name in LAZY:  # the pages exist (named, in the tab bar), their widgets not yet
        page = window.findChild(QWidget, name)
        assert page is not None and page.findChildren(QWidget) == []
    assert window.findChild(QLineEdit, "searchBox") is None

    window.show_tab(window.browser)
    assert built(window)["browserTab"] and len(searches) == 1  # one search when first shown
    assert not any(built(window)[name] for name in LAZY[1:])
    table = window.browser.findChild(QTableView, "questionTable")
    assert table.model().rowCount() > 0 and table.isVisible()
    assert window.statusBar().findChild(QWidget, "questionCountLabel").text().endswith("questions shown")
    window.show_tab(window.today)
    window.show_tab(window.browser)
    assert len(searches) == 1  # built once


def test_every_tab_works_after_being_shown(qtbot, open_window, db_path):
    window = open_window()
    seen = []
    for name in LAZY:
        page = window.findChild(QWidget, name)
        page.built.connect(lambda name=name: seen.append(name))
        window.show_tab(page)
        assert page.is_built and page.isVisible() and page.findChildren(QWidget)
    assert seen == list(LAZY)

    # Browse searches as you type.
    window.show_tab(window.browser)
    box = window.browser.findChild(QLineEdit, "searchBox")
    box.setFocus()
    qtbot.keyClicks(box, "bias variance")
    qtbot.waitUntil(lambda: 0 < window.browser.model.rowCount() < 50)
    # Interview: the set-up starts an interview.
    window.show_tab(window.interview)
    qtbot.mouseClick(window.interview.findChild(QPushButton, "interviewStart"), Qt.MouseButton.LeftButton)
    assert window.interview.runner.active
    # Whiteboard and Notebook: the keys the user would press.
    window.show_tab(window.notebook)
    qtbot.keyClick(window.notebook, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.notebook.current_note is not None)
    window.show_tab(window.browser)
    window.browser.select_question("bias-variance-tradeoff")
    qtbot.mouseClick(window.browser.findChild(QPushButton, "sketchButton"), Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.whiteboard and window.whiteboard.view.isVisible()


def test_a_tab_read_before_it_is_shown_is_built_then(qtbot, db_path):
    """Code that reaches into a tab not shown yet (the Sketch and Notes links, tests) gets a
    built tab: the attribute read builds it."""
    window = create_main_window(db_path)
    qtbot.addWidget(window)
    assert not window.notebook.is_built
    assert window.notebook.open_question_note("bias-variance-tradeoff") is not None
    assert window.notebook.is_built and not window.browser.is_built
    assert window.browser.select_question("cross-validation")
    assert window.browser.current_question.id == "cross-validation"


def test_ctrl_shift_n_opens_todays_log_from_today(qtbot, open_window):
    window = open_window()
    assert not window.notebook.is_built
    qtbot.keyClick(window.today, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.tabs.currentWidget() is window.notebook
    qtbot.waitUntil(lambda: window.notebook.current_note is not None)
    assert "log" in window.notebook.current_note.title.lower()


def test_an_interrupted_interview_is_announced_at_start(qtbot, open_window, db_path):
    window = open_window()
    window.show_tab(window.interview)
    qtbot.mouseClick(window.interview.findChild(QPushButton, "interviewStart"), Qt.MouseButton.LeftButton)
    assert window.interview.runner.active
    assert window.interview.runner.flush()
    ctx = AppContext.open(db_path)  # the session is unfinished in the file (as after a crash)
    assert ctx.interviews.unfinished() is not None
    ctx.close()
    again = create_main_window(db_path)
    qtbot.addWidget(again)
    messages = []
    again.statusBar().messageChanged.connect(messages.append)
    qtbot.waitUntil(lambda: any("interrupted mock interview" in m for m in messages))
    assert not again.interview.is_built  # told without building the tab


def test_editors_make_their_highlighters_when_first_shown(qtbot, open_window):
    """The Pygments highlighters (the interview answer's Markdown, the code editors' Python)
    are made when their editor is first shown: the Interview set-up does not load them (nor
    make the editors: the running and review pages are built when an interview starts); a
    running interview's answer box is coloured from its first paint."""
    from PySide6.QtWidgets import QPlainTextEdit

    from mlprep_desktop.ui.coding.code_editor import CodeEditor

    window = open_window()
    window.show_tab(window.interview)
    assert window.interview.findChild(QPlainTextEdit, "interviewAnswer") is None
    assert not window.interview.findChildren(CodeEditor)
    qtbot.mouseClick(window.interview.findChild(QPushButton, "interviewStart"), Qt.MouseButton.LeftButton)
    answer = window.interview.findChild(QPlainTextEdit, "interviewAnswer")
    if not answer.isVisible():  # the first question is a coding one: its code editor is coloured
        editor = window.interview.findChild(CodeEditor, "interviewCodeEditor")
        assert editor.isVisible() and editor._highlighter is not None
        return
    assert answer._highlighter is not None
    answer.setPlainText("**bold** and `code`")
    formats = answer.document().firstBlock().layout().formats()
    assert any(f.format.fontWeight() > 400 for f in formats)


def test_the_modules_of_tabs_not_shown_are_not_imported_at_start(tmp_path):
    """Start-up imports what Today needs: the pages of the other tabs (the whiteboard's scene,
    the note page, the interview's pages), the board format and its operations, the interview's
    operations (grading), fsrs (until a card is reviewed), the exercise runner (until code is run), the import, export and own-question services, Browse's list pane and Pygments' lexers are imported when a tab is first shown, Today's session page when a session starts; the backup and export dialogs when opened;
    the Markdown renderer and the question view with the first tab that shows them, the coding
    pane with the first coding question shown or interview started; hashlib (OpenSSL) with the first formula drawn; the dark palette's check-box fix with a dark palette. A process of its own: other tests have
    imported everything."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from mlprep_desktop.app import create_main_window\n"
        f"window = create_main_window(Path({str(tmp_path / 'q.sqlite')!r}))\n"
        "window.show(); QApplication.processEvents()\n"
        "heavy = ('mlprep_desktop.ui.whiteboard.board_scene', 'mlprep_desktop.ui.notebook.note_page',\n"
        "         'mlprep_desktop.core.board_model', 'mlprep_desktop.services.board_ops',\n"
        "         'mlprep_desktop.ui.backup.restore_dialog', 'mlprep_desktop.ui.portability.export_dialog',\n"
        "         'mlprep_desktop.ui.interview.running_page', 'pygments.lexers.python', 'markdown',\n"
        "         'fsrs', 'mlprep_desktop.services.interview_ops', 'mlprep_desktop.core.grading',\n"
        "         'mlprep_desktop.runner.process', 'mlprep_desktop.runner.harness',\n"
        "         'mlprep_desktop.services.exports', 'mlprep_desktop.services.imports', 'mlprep_desktop.services.own_questions',\n"
        "         'mlprep_desktop.ui.browser.question_list_pane', 'mlprep_desktop.ui.browser.question_table_model',\n"
        "         'mlprep_desktop.ui.browser.filter_bar', 'mlprep_desktop.rendering.note_html',\n"
        "         'mlprep_desktop.ui.today.session_view', 'mlprep_desktop.rendering.markdown_html',\n"
        "         'mlprep_desktop.ui.coding.coding_pane', 'mlprep_desktop.ui.browser.question_view', 'hashlib',\n"
        "         'mlprep_desktop.ui.indicator_contrast', 'mlprep_desktop.ui.today.plan_dialog',\n"
        "         'mlprep_desktop.ui.notebook.note_list_model', 'mlprep_desktop.services.exercise_ops',\n"
        "         'mlprep_desktop.storage.notes', 'mlprep_desktop.services.note_ops', 'importlib.metadata',\n"
        "         'logging.handlers', 'uuid', 'mlprep_desktop.core.note_models',\n"
        "         'mlprep_desktop.core.board_records')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "for page in (window.browser, window.interview, window.whiteboard, window.notebook):\n"
        "    window.show_tab(page); QApplication.processEvents()\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "window.close()\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "xdg")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    at_start, after = done.stdout.splitlines()[-2:]
    assert at_start == "[]"
    assert "mlprep_desktop.ui.whiteboard.board_scene" in after and "mlprep_desktop.ui.notebook.note_page" in after
    assert "mlprep_desktop.core.board_model" in after
    assert "mlprep_desktop.services.interview_ops" in after  # the Interview tab's build made it
    assert "mlprep_desktop.ui.browser.question_list_pane" in after
    assert "mlprep_desktop.rendering.markdown_html" in after and "mlprep_desktop.ui.browser.question_view" in after
    # Markdown's extensions are passed as objects: naming them made it read the metadata of every
    # installed distribution (importlib.metadata, the email package) on the first render.
    assert "importlib.metadata" not in after


def test_questions_menu_from_today_still_acts_on_browses_question(qtbot, open_window):
    """Questions › Edit question is for the question Browse shows, as before the tabs were
    built lazily: asking for it from Today builds Browse (its first question is a bank one)."""
    window = open_window()
    assert not window.browser.is_built
    window.portability.update_enabled()
    assert window.browser.is_built and window.browser.current_question is not None
    assert not window.portability.edit_question_action.isEnabled()


def test_todays_session_page_is_made_when_a_session_first_starts(qtbot, open_window):
    window = open_window()
    today = window.today
    assert today.findChild(QWidget, "todaySession") is None and not today.in_session
    assert today.flush_pending()  # nothing to write, and no page made for it
    assert today.findChild(QWidget, "todaySession") is None
    qtbot.keyClick(today, Qt.Key.Key_Return)  # Start (Enter)
    assert today.in_session and today.findChild(QWidget, "todaySession") is today.session
    assert today.session.isVisible()
