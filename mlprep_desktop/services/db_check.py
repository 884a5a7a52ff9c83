"""Tools › Check database and ``mlprep check-db``: check and repair what is safe to repair
(``storage.db_check``), as one operation."""
from __future__ import annotations

from mlprep_desktop.services.changes import NO_CHANGE, Change, ChangeKind, Outcome
from mlprep_desktop.storage.database import Database
from mlprep_desktop.storage.db_check import CheckReport
from mlprep_desktop.storage.db_check import check_database as _check

__all__ = ["CheckReport", "check_database"]


def check_database(database: Database) -> Outcome[CheckReport]:
    """The report; the change is the whole database when anything was repaired."""
    report = _check(database)
    return Outcome(report, Change.of(ChangeKind.DATABASE) if report.fixed else NO_CHANGE)
