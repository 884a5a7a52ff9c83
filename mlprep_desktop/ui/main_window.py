"""``MainWindow``: builds the tabs, menus and status bar and wires them; nothing more.

Each tab is a ``TabPage`` given the window's one ``OperationRunner``. Every change an
operation reports goes to every other tab's ``on_data_changed`` and out through the window's
``data_changed(Change)``; refused writes are shown by ``show_error``. The window flushes every
tab on tab switch and close.
"""
from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mlprep_desktop import APP_NAME, __version__
from mlprep_desktop.services.app_context import AppContext
from mlprep_desktop.services.changes import Change, ChangeKind
from mlprep_desktop.ui.appearance import apply_appearance, use_indicator_contrast
from mlprep_desktop.ui.backup.data_safety import DataSafety
from mlprep_desktop.ui.browser.browser_tab import BrowserTab
from mlprep_desktop.ui.error_reporting import log_file
from mlprep_desktop.ui.help.first_run_guide import FirstRunGuide
from mlprep_desktop.ui.help.help_actions import HelpActions
from mlprep_desktop.ui.interview.interview_bar import BACK_SHORTCUT, InterviewBar
from mlprep_desktop.ui.interview.interview_tab import InterviewTab
from mlprep_desktop.ui.notebook.notebook_tab import NotebookTab
from mlprep_desktop.ui.operation_runner import OperationRunner
from mlprep_desktop.ui.portability.portability_actions import PortabilityActions
from mlprep_desktop.ui.tab_page import TabPage
from mlprep_desktop.ui.today.today_tab import TodayTab
from mlprep_desktop.ui.whiteboard.whiteboard_tab import WhiteboardTab

GEOMETRY_KEY = "window.geometry"
STATE_KEY = "window.state"
TAB_KEY = "window.tab"
SPLITTER_KEY = "browser.splitter"


class MainWindow(QMainWindow):
    data_changed = Signal(object)  # Change: what any operation wrote

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 window_factory: Callable[[Path], MainWindow] | None = None) -> None:
        """``window_factory(db_path)`` builds a window on a file (File › Restore backup…
        rebuilds the window on the restored file); without it restoring is disabled."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.context = context
        apply_appearance(context.appearance.current())  # theme and fonts before anything renders
        self._preferences: QDialog | None = None
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setAccessibleName(self.tr("Main tabs"))
        self.tabs.setDocumentMode(True)
        self.guide = FirstRunGuide(self)  # the first start's "what each tab is for" (Help › Getting started)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.guide)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._central_column = column

        self._pages: list[TabPage] = []
        self._error_box: QMessageBox | None = None
        self.operations = OperationRunner(self)
        self.operations.changed.connect(self._on_operations_changed)
        self.operations.error_occurred.connect(self.show_error)
        self.operations.notice.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self._build_tabs()
        self._build_interview_bar()

        self._counts = QLabel(self)
        self._counts.setObjectName("questionCountLabel")
        self.statusBar().addPermanentWidget(self._counts)
        # Browse is built (and searches, once) when first shown; its counts arrive then.
        self.browser.counts_changed.connect(self._on_browser_counts_changed)

        self.data_safety = DataSafety(self, window_factory)  # automatic backups, restore, check
        self.portability = PortabilityActions(self.context, self.operations, self, self.browser)
        self.portability.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.portability.question_saved.connect(self._on_portability_question_saved)
        self.statusBar().addPermanentWidget(self.portability.busy_indicator)
        self._build_menus()
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._restore()
        self._counts.setVisible(self.tabs.currentWidget() is self.browser)
        self._update_today_shortcut()

    # ----- construction
    def _build_tabs(self) -> None:
        """One tab per feature, in this order: Today, Browse, Interview, Whiteboard, Notebook.
        Each is a ``TabPage`` (see ui/tab_page.py) built with the window's runner."""
        ops = self.operations
        self.today = TodayTab(self.context, ops, self)
        self._add_tab(self.today, self.tr("&Today"),
                      self.tr("What to study today: due reviews, then new questions from your plan (Ctrl+1)"))
        self.browser = BrowserTab(self.context, ops, self)
        self._add_tab(self.browser, self.tr("&Browse"), self.tr("Browse, search and study the question bank"))
        self.interview = InterviewTab(self.context, ops, self)
        self._add_tab(self.interview, self.tr("&Interview"), self.tr("Timed mock interviews, their review and history"))
        self.whiteboard = WhiteboardTab(self.context, ops, self)
        self._add_tab(self.whiteboard, self.tr("&Whiteboard"), self.tr("Draw diagrams on named boards"))
        self.notebook = NotebookTab(self.context, ops, self)
        self._add_tab(self.notebook, self.tr("&Notebook"),
                      self.tr("Your study notes: Markdown with code and math, linked to questions"))
        self._wire_tabs()

    def _wire_tabs(self) -> None:
        """Links between tabs (the Sketch and Notes buttons, question and note links)."""
        self.today.topic_browse_requested.connect(self._on_today_topic_browse_requested)
        self.today.interview_requested.connect(self._on_today_interview_requested)
        # Ctrl+1 opens Today from anywhere, except where a tab already means something by it:
        # the notebook (Ctrl+1..3: editor / side by side / preview) and an interview's review
        # (Ctrl+1..4 score technical accuracy). See _update_today_shortcut.
        self.today_action = QAction(self.tr("Today"), self)
        self.today_action.setObjectName("todayAction")
        self.today_action.setShortcut(QKeySequence("Ctrl+1"))
        self.today_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.today_action.triggered.connect(lambda: self.show_tab(self.today))
        self.addAction(self.today_action)
        self.interview.built.connect(
            lambda: self.interview.pages.currentChanged.connect(self._update_today_shortcut))
        self.interview.sketch_requested.connect(self.open_board_for_interview_item)
        self.interview.enable_sketch(True)
        self.browser.sketch_requested.connect(self._on_browser_sketch_requested)
        self.browser.notes_requested.connect(self._on_browser_notes_requested)
        self.browser.enable_links(sketch=True, notes=True)
        self.browser.note_open_requested.connect(self._on_browser_note_open_requested)
        self.notebook.question_link_activated.connect(self._on_notebook_question_link_activated)
        daily_log = self.notebook.daily_log_action  # Ctrl+Shift+N from any tab: today's study log
        daily_log.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(daily_log)
        daily_log.triggered.connect(lambda: self.show_tab(self.notebook))
        self.browser.built.connect(self._restore_browser_layout)

    def _build_interview_bar(self) -> None:
        """The tabs under a strip that keeps a running interview in sight on the other tabs
        (issue 18: Sketch used to hide the clock and the question)."""
        self.interview_bar = InterviewBar(self.interview.runner, self)
        self.interview_bar.back_clicked.connect(lambda: self.show_tab(self.interview))
        back = QAction(self.tr("Back to the running interview"), self)
        back.setObjectName("interviewBackAction")
        back.setShortcut(QKeySequence(BACK_SHORTCUT))
        back.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        back.triggered.connect(lambda: self.interview.runner.active and self.show_tab(self.interview))
        self.addAction(back)
        self._central_column.insertWidget(0, self.interview_bar)
        self.tabs.currentChanged.connect(
            lambda _i: self.interview_bar.set_wanted(self.tabs.currentWidget() is not self.interview))

    def _update_today_shortcut(self, *_args) -> None:
        current = self.tabs.currentWidget()
        taken = current is self.notebook or (
            current is self.interview and self.interview.in_review())
        self.today_action.setEnabled(not taken)

    def _on_today_topic_browse_requested(self, topic: str) -> None:
        """A topic on the progress page: Browse shows that topic's questions."""
        self.browser.show_topic(topic)
        self.show_tab(self.browser)

    def _on_today_interview_requested(self, topics: list) -> None:
        """"Mock interview on weakest topics": the interview set-up with those topics chosen."""
        from dataclasses import replace

        if self.interview.pages.currentWidget() is self.interview.setup:
            setup = self.interview.setup
            setup.set_config(replace(setup.config(), topics=tuple(topics)))
        self.show_tab(self.interview)

    def _on_browser_notes_requested(self, question_id: str) -> None:
        """The browser's Notes button: open (creating on first use) the question's note."""
        if self.notebook.open_question_note(question_id) is not None:
            self.show_tab(self.notebook)

    def _on_browser_note_open_requested(self, note_id: int) -> None:
        """A note in the browser's "Notes that link here" list was clicked."""
        if self.notebook.open_note(note_id):
            self.show_tab(self.notebook)

    def _on_notebook_question_link_activated(self, question_id: str) -> None:
        """A [[question-id]] link in a note: show that question in the browser."""
        if self.browser.select_question(question_id):
            self.show_tab(self.browser)

    def _on_browser_sketch_requested(self, question_id: str) -> None:
        """The browser's Sketch button: open the question's board (a draft, stored when first
        drawn on, if it has none)."""
        outcome = self.operations.run(lambda: self.context.board_ops.draft_for_question(question_id))
        if outcome is not None:
            self.show_tab(self.whiteboard)
            self.whiteboard.open_board_or_draft(outcome.value)

    def open_board_for_interview_item(self, item_id: int, title: str) -> None:
        """The interview tab's Sketch button: the board of that mock-interview answer."""
        outcome = self.operations.run(lambda: self.context.board_ops.draft_for_interview_item(item_id, title))
        if outcome is not None:
            self.show_tab(self.whiteboard)
            self.whiteboard.open_board_or_draft(outcome.value)

    def show_tab(self, page: QWidget) -> None:
        self.tabs.setCurrentWidget(page)

    def _add_tab(self, page: TabPage, title: str, tooltip: str) -> None:
        index = self.tabs.addTab(page, title)
        self.tabs.setTabToolTip(index, tooltip)
        page.error_occurred.connect(self.show_error)
        page.message.connect(lambda text: self.statusBar().showMessage(text, 4000))
        self._pages.append(page)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        backup = QAction(self.tr("&Back up database…"), self)
        backup.setObjectName("backupAction")
        backup.setStatusTip(self.tr("Save a consistent copy of all your data to a file of your choice"))
        backup.triggered.connect(self._on_backup_triggered)
        file_menu.addAction(backup)
        tools_menu = QMenu(self.tr("&Tools"), self)
        self.data_safety.add_actions(file_menu, tools_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.portability.import_action)
        file_menu.addAction(self.portability.export_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setObjectName("quitAction")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.setObjectName("editMenu")
        self.preferences_action = QAction(self.tr("&Preferences…"), self)
        self.preferences_action.setObjectName("preferencesAction")
        self.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
        self.preferences_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.preferences_action.setStatusTip(self.tr("Theme, fonts, daily goal, interview defaults, the Python "
                                                     "for exercises (Ctrl+,)"))
        self.preferences_action.triggered.connect(self.show_preferences)
        edit_menu.addAction(self.preferences_action)
        questions_menu = self.menuBar().addMenu(self.tr("&Questions"))
        questions_menu.setObjectName("questionsMenu")
        questions_menu.addAction(self.portability.new_question_action)
        questions_menu.addAction(self.portability.edit_question_action)
        questions_menu.aboutToShow.connect(self.portability.update_enabled)
        self.menuBar().addMenu(tools_menu)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help = HelpActions(self, self.context.preferences, self.guide)
        self.help.add_to(help_menu)
        about = QAction(self.tr("&About MLPrep Desktop"), self)
        about.setObjectName("aboutAction")
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    # ----- behaviour
    def show_preferences(self) -> QDialog:
        """Edit › Preferences: the one non-modal settings dialog (raised if already open)."""
        from mlprep_desktop.ui.preferences.preferences_dialog import PreferencesDialog

        if self._preferences is None:
            self._preferences = PreferencesDialog(self.context, self.operations, self)
        else:
            self._preferences.reload()
        self._preferences.show()
        self._preferences.raise_()
        self._preferences.activateWindow()
        return self._preferences

    def about_text(self) -> str:
        return self.tr(
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Offline practice for machine-learning interviews.</p>"
            f"<p>Database:<br><code>{self.context.database.path}</code></p>"
            f"<p>Log file:<br><code>{log_file() or 'none: messages go to standard error'}</code></p>"
        )

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr(f"About {APP_NAME}"), self.about_text())

    def show_error(self, text: str) -> None:
        """Tell the user about a problem: in the status bar and in a window-modal message
        that does not block the event loop; the same message is not stacked twice."""
        self.statusBar().showMessage(text, 10000)
        box = self._error_box
        if box is None:
            box = self._error_box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, "", QMessageBox.StandardButton.Ok, self)
            box.setObjectName("errorMessage")
            box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote file and board names
        if box.isVisible() and box.text() == text:
            return
        box.setText(text)
        box.open()

    def flush_all(self) -> bool:
        """Every tab writes its unsaved edits now. False if any could not be written.
        (A tab not built yet has none.)"""
        results = [page.flush_pending() for page in self._pages if page.is_built]
        return all(results)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's API)
        if not self.flush_all() and not self.confirm_close_unsaved():
            event.ignore()
            return
        self._save_layout()
        self.portability.finish_export()
        self.portability.finish_import()
        self.data_safety.on_close()
        super().closeEvent(event)

    def confirm_close_unsaved(self) -> bool:
        """Some edits could not be written (disk full, file locked): ask before losing them."""
        answer = QMessageBox.warning(
            self,
            APP_NAME,
            self.tr("Some of your latest edits could not be saved (see the message shown before). "
                    "They are still on screen.\n\nClose anyway and lose them?"),
            QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Close

    def _on_tabs_current_changed(self, _index: int) -> None:
        current = self.tabs.currentWidget()
        if isinstance(current, TabPage):
            current.ensure_built()  # built when shown already; this states it
        self.flush_all()
        self._update_today_shortcut()
        self._counts.setVisible(self.tabs.currentWidget() is self.browser)

    def _on_backup_triggered(self) -> None:
        default = Path.home() / f"mlprep-backup-{date.today().isoformat()}.sqlite"
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Back up database"), str(default), self.tr("SQLite database (*.sqlite)")
        )
        if target:
            self.back_up_to(Path(target))

    def back_up_to(self, target: Path) -> bool:
        """Write every pending edit, then a consistent copy of the database (SQLite's backup
        API, safe while the app runs) to ``target``."""
        self.flush_all()
        if self.operations.run(lambda: self.context.back_up_to(target)) is None:
            return False
        self.statusBar().showMessage(self.tr(f"Backed up to {target}"), 6000)
        return True

    def _on_operations_changed(self, change: Change, source: QObject | None) -> None:
        """An operation wrote something: tell every tab but the one that ran it (it has
        shown its own write), then anyone listening to the window."""
        origin = source
        while origin is not None and origin not in self._pages:
            origin = origin.parent()
        for page in self._pages:
            if page is not origin and page.is_built:  # an unbuilt tab reads it all when built
                page.on_data_changed(change)
        if change.concerns(ChangeKind.SETTINGS, ChangeKind.DATABASE):
            if apply_appearance(self.context.appearance.current()):  # theme and fonts, live
                QTimer.singleShot(0, self, self._redraw_pages)
            dialog = self._preferences
            if dialog is not None and dialog.isVisible() and not _inside(source, dialog):
                dialog.reload()  # e.g. the goal changed on the Today tab
        self.data_changed.emit(change)

    def _redraw_pages(self) -> None:
        """After a theme change, once every widget has its new palette (they hear of it in
        posted events, a tab perhaps before its own text view): each tab draws its HTML again."""
        for page in self._pages:
            if page.is_built:
                QApplication.sendEvent(page, QEvent(QEvent.Type.PaletteChange))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's API)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            use_indicator_contrast(QApplication.instance())  # the system's palette may be dark now

    def _on_portability_question_saved(self, question_id: str) -> None:
        self.show_tab(self.browser)
        if not self.browser.select_question(question_id):
            return
        self.browser.reload_question()

    def _on_browser_counts_changed(self, shown: int, total: int) -> None:
        self._counts.setText(self.tr(f"{shown} of {total} questions shown"))

    def _save_layout(self) -> None:
        """Remember the layout (a convenience: a refused write never blocks closing)."""
        remember = self.context.preferences.remember
        remember(GEOMETRY_KEY, _b64(self.saveGeometry()))
        remember(STATE_KEY, _b64(self.saveState()))
        remember(TAB_KEY, self.tabs.currentWidget().objectName())
        if self.browser.is_built:  # else the stored layout stays as it was
            remember(SPLITTER_KEY, _b64(self.browser.splitter.saveState()))

    def _restore(self) -> None:
        settings = self.context.preferences
        geometry = settings.get(GEOMETRY_KEY)
        if not (geometry and self.restoreGeometry(_unb64(geometry))):
            self.resize(1280, 800)
        state = settings.get(STATE_KEY)
        if state:
            self.restoreState(_unb64(state))
        self._restore_tab(settings.get(TAB_KEY))

    def _restore_browser_layout(self) -> None:
        """Browse's splitter as it was left (when Browse is built: first shown)."""
        splitter = self.context.preferences.get(SPLITTER_KEY)
        if splitter:
            self.browser.splitter.restoreState(_unb64(splitter))
        else:
            self.browser.splitter.setSizes([680, 600])

    def _restore_tab(self, stored: object) -> None:
        """The last tab, stored by objectName (an index from before Today was the first tab
        means the same page as then: Browse was index 0)."""
        pages = {self.tabs.widget(i).objectName(): i for i in range(self.tabs.count())}
        if isinstance(stored, int):
            old = ("browserTab", "interviewTab", "whiteboardTab", "notebookTab")
            stored = old[stored] if 0 <= stored < len(old) else None
        if isinstance(stored, str) and stored in pages:
            self.tabs.setCurrentIndex(pages[stored])


def _inside(obj: QObject | None, ancestor: QObject) -> bool:
    while obj is not None:
        if obj is ancestor:
            return True
        obj = obj.parent()
    return False


def _b64(data: QByteArray) -> str:
    return base64.b64encode(bytes(data)).decode("ascii")


def _unb64(text: str) -> QByteArray:
    try:
        return QByteArray(base64.b64decode(text))
    except ValueError:
        return QByteArray()
