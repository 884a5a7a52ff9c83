"""Undo/redo: every change to a board is one ``SceneStateCommand`` on the board's QUndoStack.

A command holds the state of each touched item before and after (immutable models, or
``None`` for "absent"), so one class covers adding, erasing, moving, resizing, restyling,
re-stacking and editing text, and undo/redo restore exactly what was there.
"""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from mlprep_desktop.core.board_model import BoardItem


class SceneStateCommand(QUndoCommand):
    def __init__(
        self,
        scene,
        text: str,
        before: dict[str, BoardItem | None],
        after: dict[str, BoardItem | None],
        *,
        applied: bool = False,
    ) -> None:
        """``applied``: the scene already shows ``after`` (a drag that just ended), so the
        first ``redo`` (run by ``QUndoStack.push``) does nothing."""
        super().__init__(text)
        self._scene = scene
        self._before = dict(before)
        self._after = dict(after)
        self._skip_redo = applied

    @property
    def item_ids(self) -> list[str]:
        return list(self._after)

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._scene.apply_states(self._after)

    def undo(self) -> None:
        self._scene.apply_states(self._before)
