"""``MainWindow``: builds the tabs, menus and status bar and wires them; nothing more.

Each tab is a widget with ``data_changed`` (what it wrote), ``on_data_changed`` (refresh if
it concerns you) and ``flush_pending`` (write unsaved edits now). The window relays
``data_changed`` to every other tab and flushes on tab switch and close.
"""
from __future__ import annotations

import base64

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from mlprep_desktop import APP_NAME, __version__
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.ui.browser.browser_tab import BrowserTab

GEOMETRY_KEY = "window.geometry"
STATE_KEY = "window.state"
TAB_KEY = "window.tab"
SPLITTER_KEY = "browser.splitter"


class MainWindow(QMainWindow):
    data_changed = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.context = context
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setAccessibleName(self.tr("Main tabs"))
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)

        self._pages: list[QWidget] = []
        self._build_tabs()

        self._counts = QLabel(self)
        self._counts.setObjectName("questionCountLabel")
        self.statusBar().addPermanentWidget(self._counts)
        self.browser.counts_changed.connect(self._on_browser_counts_changed)
        self.browser.refresh()  # fill the status bar now that it is connected

        self._build_menus()
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._restore()

    # ----- construction
    def _build_tabs(self) -> None:
        """One tab per feature, in this order: Browse, Interview, Whiteboard, Notebook.

        A tab is a QWidget with: ``data_changed`` (Signal(object): a set of change kinds it
        wrote), ``on_data_changed(kinds)`` (refresh if it concerns you), ``flush_pending()``
        (write unsaved edits now), and optionally ``error_occurred`` (Signal(str)) and
        ``message`` (Signal(str), for the status bar)."""
        self.browser = BrowserTab(self.context, self)
        self._add_tab(self.browser, self.tr("&Browse"), self.tr("Browse, search and study the question bank"))
        self._wire_tabs()

    def _wire_tabs(self) -> None:
        """Links between tabs (e.g. the browser's Sketch and Notes buttons) are connected here."""

    def show_tab(self, page: QWidget) -> None:
        self.tabs.setCurrentWidget(page)

    def _add_tab(self, page: QWidget, title: str, tooltip: str) -> None:
        index = self.tabs.addTab(page, title)
        self.tabs.setTabToolTip(index, tooltip)
        page.data_changed.connect(lambda kinds, source=page: self._on_page_data_changed(source, kinds))
        if hasattr(page, "error_occurred"):
            page.error_occurred.connect(self.show_error)
        if hasattr(page, "message"):
            page.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self._pages.append(page)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setObjectName("quitAction")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About MLPrep Desktop"), self)
        about.setObjectName("aboutAction")
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    # ----- behaviour
    def about_text(self) -> str:
        return self.tr(
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Offline practice for machine-learning interviews.</p>"
            f"<p>Database:<br><code>{self.context.database.path}</code></p>"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr(f"About {APP_NAME}"), self.about_text())

    def show_error(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)
        QMessageBox.warning(self, APP_NAME, text)

    def flush_all(self) -> None:
        for page in self._pages:
            page.flush_pending()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's API)
        self.flush_all()
        self._save_layout()
        super().closeEvent(event)

    def _on_tabs_current_changed(self, _index: int) -> None:
        self.flush_all()

    def _on_page_data_changed(self, source: QWidget, kinds: object) -> None:
        """One tab wrote something: tell the others, then anyone listening to the window."""
        for page in self._pages:
            if page is not source:
                page.on_data_changed(kinds)
        self.data_changed.emit(kinds)

    def _on_browser_counts_changed(self, shown: int, total: int) -> None:
        self._counts.setText(self.tr(f"{shown} of {total} questions shown"))

    def _save_layout(self) -> None:
        settings = self.context.settings
        try:
            settings.set(GEOMETRY_KEY, _b64(self.saveGeometry()))
            settings.set(STATE_KEY, _b64(self.saveState()))
            settings.set(TAB_KEY, self.tabs.currentIndex())
            settings.set(SPLITTER_KEY, _b64(self.browser.splitter.saveState()))
        except Exception as exc:  # layout is a convenience; never block closing on it
            self.statusBar().showMessage(str(exc))

    def _restore(self) -> None:
        settings = self.context.settings
        geometry = settings.get(GEOMETRY_KEY)
        if not (geometry and self.restoreGeometry(_unb64(geometry))):
            self.resize(1280, 800)
        state = settings.get(STATE_KEY)
        if state:
            self.restoreState(_unb64(state))
        splitter = settings.get(SPLITTER_KEY)
        if splitter:
            self.browser.splitter.restoreState(_unb64(splitter))
        else:
            self.browser.splitter.setSizes([620, 660])
        tab = settings.get(TAB_KEY, 0)
        if isinstance(tab, int) and 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)


def _b64(data: QByteArray) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def _unb64(text: str) -> QByteArray:
    try:
        return QByteArray(base64.b64decode(text))
    except ValueError:
        return QByteArray()
