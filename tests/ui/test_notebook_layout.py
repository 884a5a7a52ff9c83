"""The notebook's layout: splitter sizes that survive sessions in which the tab was never
opened, and board pictures fitted to the preview's width."""
from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument

from mlprep_desktop.core.board_model import Connector, scene_to_json
from mlprep_desktop.ui.notebook.notebook_layout import SPLITTERS_KEY
from tests.ui.notebook_helpers import open_notebook

BOARD_URL = QUrl("board:Wide%20sketch")


def test_a_session_without_the_notebook_does_not_shrink_its_list(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: sum(tab.outer.sizes()) > 1000)
    window.show_tab(window.browser)  # the next session starts in the browser
    window.close()
    shown = window.context.settings.get(SPLITTERS_KEY)
    assert shown is not None and shown["outer"][0] >= 250  # the real sizes of a shown tab are kept

    window = open_window()  # a session that never opens the notebook
    assert window.tabs.currentWidget() is window.browser and not window.notebook.isVisible()
    window.close()
    assert window.context.settings.get(SPLITTERS_KEY) == shown  # a never-shown splitter is not saved

    window, tab = open_notebook(qtbot, open_window)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: sum(tab.outer.sizes()) > 1000)
    assert tab.outer.sizes()[0] >= 250


def test_absurd_saved_splitter_sizes_fall_back_to_defaults(qtbot, open_window):
    window = open_window()
    window.context.settings.set(SPLITTERS_KEY, {"outer": [48, 48], "inner": [48, 48]})  # from an older version
    window.close()

    window, tab = open_notebook(qtbot, open_window)
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: sum(tab.outer.sizes()) > 1000)
    list_width, rest = tab.outer.sizes()
    assert list_width >= 250 and rest > list_width
    assert tab.pane.list.horizontalScrollBar().maximum() == 0
    editor, preview = tab.splitter.sizes()
    assert abs(editor - preview) <= 0.2 * (editor + preview)


def _board_image(preview) -> QImage:
    image = preview.document().resource(QTextDocument.ResourceType.ImageResource.value, BOARD_URL)
    return image if isinstance(image, QImage) else QImage()


def test_a_board_picture_is_fitted_to_the_preview_width_and_follows_resizes(qtbot, open_window):
    window, tab = open_notebook(qtbot, open_window)
    window.context.boards.create("Wide sketch", scene_json=scene_to_json([Connector("a", 0, 0, 1400, 300)]))
    natural = tab._boards.image("Wide sketch")
    window.resize(1280, 800)
    tab.new_note()
    tab.editor.setPlainText("A wide board:\n\n![[board:Wide sketch]]\n")
    preview = tab.preview
    qtbot.waitUntil(lambda: not _board_image(preview).isNull())

    def fits() -> bool:
        image = _board_image(preview)
        width = preview.viewport().width()
        return (not image.isNull() and image.width() <= width and preview.horizontalScrollBar().maximum() == 0
                and preview.document().size().width() <= width)

    qtbot.waitUntil(fits)
    wide = _board_image(preview).width()

    window.resize(1024, 700)
    qtbot.waitUntil(lambda: preview.viewport().width() < wide)
    qtbot.waitUntil(fits)
    narrow = _board_image(preview)
    assert narrow.width() < wide
    ratio = natural.width() / natural.height()
    assert abs(narrow.width() / narrow.height() - ratio) < 0.05 * ratio  # the aspect ratio is kept

    window.resize(1600, 900)  # wider again: the picture grows back (never beyond its own size)
    qtbot.waitUntil(lambda: _board_image(preview).width() > narrow.width())
    assert fits() and _board_image(preview).width() <= natural.width() + 2
