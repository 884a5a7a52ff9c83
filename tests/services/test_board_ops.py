"""Boards for a question or an interview answer: created on first use, and only then a change."""
from __future__ import annotations

import pytest

from mlprep_desktop.services.changes import ChangeKind
from mlprep_desktop.services.errors import OperationError


def test_a_questions_board_is_created_once_and_reported_when_created(ctx):
    first = ctx.board_ops.for_question("alpha-question")
    assert first.change.kinds == {ChangeKind.BOARDS}
    assert first.change.board_ids == {first.value.id} and first.change.question_ids == {"alpha-question"}
    assert first.value.name == "What is alpha regularization?"
    again = ctx.board_ops.for_question("alpha-question")
    assert again.value.id == first.value.id and not again.change
    assert len(ctx.boards.list()) == 1


def test_a_board_for_a_question_not_in_the_bank_is_refused_with_a_message(ctx):
    with pytest.raises(OperationError, match="not in the bank"):
        ctx.board_ops.for_question("no-such-question")
    assert ctx.boards.list() == []


def test_renaming_to_a_taken_name_is_an_operation_error(ctx):
    a = ctx.board_ops.create("Alpha").value
    ctx.board_ops.create("Beta")
    with pytest.raises(OperationError, match="already called"):
        ctx.board_ops.rename(a.id, "beta")
    assert ctx.boards.get(a.id).name == "Alpha"
