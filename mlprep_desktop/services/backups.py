"""Automatic backups and restore of the one database file.

Backups live in ``backups/`` beside the database (``<data folder>/backups/`` for the default
file), named ``<stem>-YYYYMMDDTHHMMSSZ.sqlite``; only files named after this database's stem
are its backups. ``BackupService.create`` copies the live file through SQLite's backup API,
verifies the copy (integrity_check) and only then prunes older backups by the rotation policy
(``core.backup_rotation``): a failed backup raises ``BackupError`` and deletes nothing.

``restore_backup`` replaces the database with a backup: the backup is checked and copied to a
temporary file first; the current file is then saved (a verified backup, or, if it is
damaged, moved aside whole into ``backups/`` without writing to it); then the copy is swapped
in with ``os.replace``. The caller must have closed its connection to the database.

No Qt. Every call opens its own connections, so ``create`` may run on a worker thread.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mlprep_desktop.core.backup_rotation import (
    RotationPolicy,
    backup_due,
    backup_file_name,
    backups_to_keep,
    parse_backup_file_name,
)
from mlprep_desktop.storage.backup_files import (
    BackupFileError,
    DataSummary,
    check_restorable,
    checkpoint_and_clear_side_files,
    integrity_problems,
    move_aside,
    prepare_replacement,
    summarize,
    swap_in,
    write_verified_copy,
)

__all__ = ["BackupError", "BackupInfo", "BackupService", "DataSummary", "RestoreResult", "backup_to_file", "check_backup",
           "restore_backup"]
BACKUPS_FOLDER = "backups"
Clock = Callable[[], datetime]


class BackupError(Exception):
    """A backup or restore failed; ``str(exc)`` names the file and says what happened.
    Nothing was deleted or replaced."""


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime  # UTC
    size: int  # bytes


def backups_dir_for(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUPS_FOLDER


class BackupService:
    """The automatic backups of the database at ``db_path``. Thread-safe: one backup at a time."""

    def __init__(self, db_path: Path, *, clock: Clock = utc_now, policy: RotationPolicy = RotationPolicy(),
                 folder: Path | None = None) -> None:
        self.db_path = Path(db_path)
        self.folder = folder if folder is not None else backups_dir_for(self.db_path)
        self._clock = clock
        self._policy = policy
        self._lock = threading.Lock()

    def backups(self) -> list[BackupInfo]:
        """This database's automatic backups, newest first."""
        found = []
        if self.folder.is_dir():
            for path in self.folder.iterdir():
                when = parse_backup_file_name(path.name, self.db_path.stem)
                if when is not None and path.is_file():
                    found.append(BackupInfo(path, when, path.stat().st_size))
        return sorted(found, key=lambda b: b.created_at, reverse=True)

    def newest(self) -> BackupInfo | None:
        found = self.backups()
        return found[0] if found else None

    def due(self, interval: timedelta | None = None) -> bool:
        """True when the newest backup is 30 minutes old or older (or there is none)."""
        newest = self.newest()
        last = newest.created_at if newest else None
        return backup_due(last, self._clock()) if interval is None else backup_due(last, self._clock(), interval)

    def create(self) -> BackupInfo:
        """Write a verified backup now, then prune older ones by the rotation policy."""
        with self._lock:
            now = self._clock()
            target = self.folder / backup_file_name(self.db_path.stem, now)
            while target.exists():  # one already this second (e.g. just before a restore): never replace it
                now += timedelta(seconds=1)
                target = self.folder / backup_file_name(self.db_path.stem, now)
            try:
                write_verified_copy(self.db_path, target)
            except BackupFileError as exc:
                raise BackupError(str(exc)) from exc
            made_at = parse_backup_file_name(target.name, self.db_path.stem) or now  # named after ``now``
            created = BackupInfo(target, made_at, target.stat().st_size)
            self.prune(now)
            return created

    def prune(self, now: datetime | None = None) -> list[Path]:
        """Delete the backups the policy no longer keeps; returns them. Call only after a
        verified backup was written."""
        found = self.backups()
        keep = backups_to_keep([b.created_at for b in found], now or self._clock(), self._policy)
        removed = []
        for backup in found:
            if backup.created_at not in keep:
                try:
                    backup.path.unlink()
                except OSError:
                    continue  # try again next time
                removed.append(backup.path)
        return removed

    def file_name_now(self) -> str:
        """The name a backup written now gets."""
        return backup_file_name(self.db_path.stem, self._clock())

    def summary(self, path: Path) -> DataSummary:
        try:
            return summarize(path)
        except BackupFileError as exc:
            raise BackupError(str(exc)) from exc

    def newest_sound(self) -> BackupInfo | None:
        """The newest backup that passes integrity_check (for a damaged database at start)."""
        for backup in self.backups():
            if not integrity_problems(backup.path):
                return backup
        return None


def backup_to_file(db_path: Path, target: Path) -> None:
    """A verified copy of the database at ``db_path`` in ``target`` (replaced only by a
    complete copy). Raises ``BackupError``."""
    db_path, target = Path(db_path), Path(target)
    if not db_path.is_file():
        raise BackupError(f"There is no database at {db_path} to back up.")
    if target.resolve() == db_path.resolve():
        raise BackupError(f"A backup cannot replace the database it copies ({target}); choose another file.")
    try:
        write_verified_copy(db_path, target)
    except BackupFileError as exc:
        raise BackupError(str(exc)) from exc


def check_backup(path: Path) -> None:
    """Raise ``BackupError`` unless ``path`` can be restored (sound, an MLPrep database, not newer)."""
    try:
        check_restorable(Path(path))
    except BackupFileError as exc:
        raise BackupError(str(exc)) from exc


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    previous_saved_as: Path | None  # the current file's backup, or where the damaged file went
    previous_was_damaged: bool


def restore_backup(service: BackupService, backup: Path) -> RestoreResult:
    """Replace ``service.db_path`` with ``backup`` (see the module docstring). The app's
    connection to the database must be closed first. Raises ``BackupError`` with nothing changed."""
    db_path = service.db_path
    backup = Path(backup)
    try:
        check_restorable(backup)
    except BackupFileError as exc:
        raise BackupError(str(exc)) from exc
    try:
        replacement = prepare_replacement(backup, db_path)
    except BackupFileError as exc:
        raise BackupError(f"Could not restore {backup}: the copy beside {db_path} could not be written "
                          f"({exc}). Nothing was changed.") from exc
    try:
        saved: Path | None = None
        damaged = False
        if db_path.exists():
            damaged = bool(integrity_problems(db_path))
            if damaged:
                stamp = service.folder / ("damaged-" + service.file_name_now())
                move_aside(db_path, stamp)
                saved = stamp
            else:
                saved = service.create().path
                checkpoint_and_clear_side_files(db_path)
        swap_in(replacement, db_path)
    except (BackupFileError, OSError) as exc:
        raise BackupError(str(exc)) from exc
    finally:
        replacement.unlink(missing_ok=True)
    return RestoreResult(backup, saved, damaged)
