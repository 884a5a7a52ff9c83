"""``HelpActions``: the Help menu's guides — the keyboard-shortcut sheet (F1), the first-run
guide (shown on the first start, and from Help › Getting started) and "Using MLPrep" (the
README's "Using it"). Built by the main window; dialogs are non-modal and made once.

The guide's "seen" state is the ``help.guide_done`` setting (``Preferences.remember``): a
test, or a user, that has closed it once does not see it again on start.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from mlprep_desktop.services.preferences import Preferences
from mlprep_desktop.ui.help.first_run_guide import GUIDE_DONE_KEY, FirstRunGuide


class HelpActions(QObject):
    def __init__(self, window: QMainWindow, preferences: Preferences, guide: FirstRunGuide) -> None:
        super().__init__(window)
        self._window = window
        self._preferences = preferences
        self.guide = guide
        self._sheet: QDialog | None = None
        self._using: QDialog | None = None
        tr = self.tr
        self.shortcuts_action = QAction(tr("&Keyboard shortcuts"), window)
        self.shortcuts_action.setObjectName("shortcutsAction")
        # F1 only: Ctrl+/ belongs to the code editor (comment toggle).
        self.shortcuts_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.shortcuts_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcuts_action.setStatusTip(tr("Every key the app answers to (F1)"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.guide_action = QAction(tr("&Getting started"), window)
        self.guide_action.setObjectName("gettingStartedAction")
        self.guide_action.setStatusTip(tr("Show the short guide to the tabs again"))
        self.guide_action.triggered.connect(self.show_guide)
        self.using_action = QAction(tr("&Using MLPrep"), window)
        self.using_action.setObjectName("usingItAction")
        self.using_action.setStatusTip(tr("How each part of the app works (the README's \"Using it\")"))
        self.using_action.triggered.connect(self.show_using_it)
        guide.dismissed.connect(self._on_guide_dismissed)
        guide.shortcuts_requested.connect(self.show_shortcuts)
        guide.setVisible(not preferences.get(GUIDE_DONE_KEY, False))

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.shortcuts_action)
        menu.addAction(self.guide_action)
        menu.addAction(self.using_action)
        menu.addSeparator()

    def show_shortcuts(self) -> QDialog:
        from mlprep_desktop.ui.help.shortcut_sheet import ShortcutSheet

        if self._sheet is None:
            self._sheet = ShortcutSheet(self._window)
        return self._raise(self._sheet)

    def show_using_it(self) -> QDialog:
        from mlprep_desktop.ui.help.using_it import UsingItDialog

        if self._using is None:
            self._using = UsingItDialog(self._window)
        return self._raise(self._using)

    def show_guide(self) -> None:
        self.guide.show()

    def _raise(self, dialog: QDialog) -> QDialog:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _on_guide_dismissed(self) -> None:
        self._preferences.remember(GUIDE_DONE_KEY, True)
