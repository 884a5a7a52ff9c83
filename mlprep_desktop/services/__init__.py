"""The use cases: operations that combine the layers for the UI and the command line.

``AppContext`` (``app_context.py``) is built once by the composition root and carries:

- ``context.study_ops`` (``StudyOperations``): show, reveal and rate a question (the
  reveal-before-rate rule, time spent), flag, flag several at once, save a "my answer" draft.
- ``context.board_ops`` (``BoardOperations``): a question's or an interview answer's board
  (created on first use), create, rename, duplicate, delete, save a scene.
- the repositories (``questions``, ``study``, ``settings``, ``interviews``, ``boards``,
  ``notes``) for reading, and ``clock``, the monotonic clock everything that measures time reads.

Every write operation runs one transaction and returns ``changes.Outcome(value, Change)``;
``Change.kinds`` holds ``ChangeKind`` members. The UI runs operations through
``ui.operation_runner.OperationRunner``; errors it may see are in ``errors``. No Qt here.
"""
