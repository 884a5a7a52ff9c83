"""The use cases: operations that combine the layers for the UI and the command line.

``AppContext`` (``app_context.py``) is built once by the composition root and carries:

- ``context.study_ops`` (``StudyOperations``): show, reveal and rate a question (the
  reveal-before-rate rule, time spent), flag, flag several at once, save a "my answer" draft.
- ``context.board_ops`` (``BoardOperations``): a question's or an interview answer's board
  (created on first use), create, rename, duplicate, delete, save a scene.
- ``context.note_ops`` (``NoteOperations``): a question's own note and today's study log
  (created on first use), blank notes, saving with conflict detection, earlier versions, the
  Trash (move, restore, delete for good, empty, purge after 30 days).
- ``context.interview_ops`` (``InterviewOperations``): plan and start a mock interview, store
  its clock and answers, finish answering (grading against key points; ``put_back`` after a
  refused finish), tick key points and self-scores, complete or abandon.
- ``context.preferences`` (``Preferences``): layout and other conveniences; a refused write
  is ignored there, never shown to the user.
- ``context.back_up_to(path)``: a consistent copy of the database (SQLite backup API).
- the repositories (``questions``, ``study``, ``settings``, ``interviews``, ``boards``,
  ``notes``) for reading, and ``clock``, the monotonic clock everything that measures time reads.

Every write operation runs one transaction and returns ``changes.Outcome(value, Change)``;
``Change.kinds`` holds ``ChangeKind`` members. The UI runs operations through
``ui.operation_runner.OperationRunner``; errors it may see are in ``errors``. No Qt here.
"""
