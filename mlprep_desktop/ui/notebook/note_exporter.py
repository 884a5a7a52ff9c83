"""``NoteExporter``: the Export menu — this note or all notes, as Markdown files (one per note,
safe file names) or as one self-contained HTML file with the rendered content.

Files are written whole or not at all (a temporary file renamed into place). Markdown export
of all notes goes into a new folder inside the chosen one, so no existing file is replaced.
HTML rendering of long notes takes seconds, so it runs in a worker thread with its own
renderer (board pictures are drawn beforehand on the GUI thread; the worker touches neither
widgets nor the database); ``finished``/``failed`` report back on the GUI thread.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from mlprep_desktop.core.note_files import markdown_export, safe_stem, unique_file_name, unique_file_names
from mlprep_desktop.core.note_links import embedded_boards
from mlprep_desktop.core.note_models import Note
from mlprep_desktop.rendering.markdown_html import MarkdownRenderer, RenderTheme
from mlprep_desktop.rendering.note_html import ExportSection, NoteRenderer, export_html
from mlprep_desktop.ui.notebook.board_images import BoardImages
from mlprep_desktop.ui.notebook.note_times import when
from mlprep_desktop.ui.widgets.background_work import BackgroundWork, emit_from_worker


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8: the old file (if any) stays until the new one is whole."""
    tmp = path.with_name(f".{path.name}.part")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _meta(note: Note) -> str:
    parts = [f"Written {when(note.updated_at)}"]
    if note.tags:
        parts.append(" ".join(f"#{t}" for t in note.tags))
    return " · ".join(parts)


class NoteExporter(QObject):
    finished = Signal(str)  # a message for the status bar
    failed = Signal(str)  # a message for the user

    def __init__(
        self,
        context,
        boards: BoardImages,
        current_note: Callable[[], Note | None],
        flush: Callable[[], bool],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._ctx = context
        self._boards = boards
        self._current = current_note
        self._flush = flush
        self._parent = parent
        self._worker = BackgroundWork("note-html-export")
        self.actions: dict[str, QAction] = {}

    def attach(self, button: QToolButton) -> None:
        menu = QMenu(button)
        for name, text, slot in (
            ("noteExportMarkdown", "This note as Markdown…", self.export_current_markdown),
            ("noteExportHtml", "This note as HTML…", self.export_current_html),
            ("noteExportAllMarkdown", "All notes as Markdown files…", self.export_all_markdown),
            ("noteExportAllHtml", "All notes as one HTML file…", self.export_all_html),
        ):
            action = QAction(self.tr(text), self)
            action.setObjectName(name)
            action.triggered.connect(slot)
            menu.addAction(action)
            self.actions[name] = action
        button.setMenu(menu)

    @property
    def busy(self) -> bool:
        return self._worker.busy

    # ----- menu actions (ask where, then export)
    def _notes_to_export(self) -> list | None:
        """Every note, after saving the open one; None (and a word why) when there is nothing."""
        if not self._flush():
            return None
        notes = self._all_notes()
        if not notes:
            self.finished.emit(self.tr("There are no notes to export."))
            return None
        return notes

    def export_current_markdown(self) -> None:
        note = self._ready_note()
        if note is None:
            return
        path = self._ask_file(self.tr("Export note as Markdown"), safe_stem(note.title) + ".md", "Markdown (*.md)")
        if path is not None:
            self._guard(lambda: write_atomic(path, markdown_export(note)), self.tr(f"Exported “{note.title}” to {path}."))

    def export_all_markdown(self) -> None:
        notes = self._notes_to_export()
        if not notes:
            return
        folder = QFileDialog.getExistingDirectory(self._parent, self.tr("Export all notes into a folder"), self._start_dir())
        if folder:
            self._guard(lambda: self._finish_all(notes, Path(folder)), "")

    def export_current_html(self) -> None:
        note = self._ready_note()
        if note is None:
            return
        path = self._ask_file(self.tr("Export note as HTML"), safe_stem(note.title) + ".html", "HTML (*.html)")
        if path is not None:
            self.start_html([note], path, note.title)

    def export_all_html(self) -> None:
        notes = self._notes_to_export()
        if not notes:
            return
        path = self._ask_file(self.tr("Export all notes as HTML"), f"MLPrep notes {date.today().isoformat()}.html",
                              "HTML (*.html)")
        if path is not None:
            self.start_html(notes, path, self.tr("MLPrep notes"))

    # ----- the work
    def write_all_markdown(self, notes: list[Note], parent_folder: Path) -> Path:
        """Write each note to its own .md file in a new folder inside ``parent_folder``."""
        folder = parent_folder / unique_file_name(f"MLPrep notes {date.today().isoformat()}", "",
                                                  os.listdir(parent_folder))
        folder.mkdir(parents=True)
        for note, name in zip(notes, unique_file_names([n.title for n in notes], ".md")):
            write_atomic(folder / name, markdown_export(note))
        return folder

    def start_html(self, notes: list[Note], path: Path, heading: str) -> bool:
        """Render and write the HTML file in a worker thread. False if an export is running."""
        if self.busy:
            self.failed.emit(self.tr("An export is still running; try again when it has finished."))
            return False
        titles = dict(self._ctx.questions.titles().items())  # one read, here: the worker has no connection
        pictures = {name: self._boards.png(name) for note in notes for name in embedded_boards(note.body)}
        return self._worker.start(lambda: self._render_html(notes, path, heading, titles, pictures))

    def _render_html(self, notes, path: Path, heading: str, titles: dict, pictures: dict) -> None:
        try:
            renderer = NoteRenderer(MarkdownRenderer(RenderTheme()), titles, lambda name: pictures.get(name) is not None)
            sections = [ExportSection(n.title, _meta(n), renderer.render_full(n.body)) for n in notes]
            write_atomic(path, export_html(heading, sections, pictures.get))
        except Exception as exc:  # reported to the user on the GUI thread
            emit_from_worker(self.failed, f"Could not export to {path}: {exc}")
            return
        count = len(notes)
        emit_from_worker(self.finished, f"Exported {count} note{'s' if count != 1 else ''} to {path}.")

    # ----- helpers
    def _finish_all(self, notes: list[Note], parent_folder: Path) -> None:
        folder = self.write_all_markdown(notes, parent_folder)
        self.finished.emit(self.tr(f"Exported {len(notes)} notes as Markdown files to {folder}."))

    def _ready_note(self) -> Note | None:
        if not self._flush():
            return None
        note = self._current()
        if note is None:
            self.finished.emit(self.tr("Open a note first."))
        return note

    def _all_notes(self) -> list[Note]:
        notes = (self._ctx.notes.get(note_id) for note_id in self._ctx.notes.all_ids())
        return [n for n in notes if n is not None]

    def _ask_file(self, caption: str, suggested: str, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self._parent, caption, str(Path(self._start_dir()) / suggested), file_filter)
        return Path(name) if name else None

    @staticmethod
    def _start_dir() -> str:
        return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())

    def _guard(self, work: Callable[[], None], success: str) -> None:
        try:
            work()
        except OSError as exc:
            self.failed.emit(self.tr(f"Could not export: {exc}"))
            return
        if success:
            self.finished.emit(success)
