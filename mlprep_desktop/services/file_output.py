"""Writing an export file or folder whole or not at all.

The content goes to a temporary name beside the target, is flushed to disk, and is renamed
into place; if anything fails (read-only folder, disk full) the temporary is removed, the
target is left as it was, and ``OperationError`` names the file and the problem.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from mlprep_desktop.services.errors import OperationError


def _refused(path: Path, exc: OSError) -> OperationError:
    reason = exc.strerror or str(exc)
    return OperationError(f"Could not write {path}: {reason}. Nothing was written there.")


def write_file(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` to fill a temporary file, then rename it to ``path``."""
    path = Path(path)
    tmp: Path | None = None
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "it is a folder")
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.close(fd)
        tmp = Path(name)
        write(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise _refused(path, exc) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    write_file(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline=""))


def write_folder(path: Path, files: dict[str, str]) -> None:
    """Write ``files`` (relative path -> text) as a new folder ``path`` (absent or empty)."""
    path = Path(path)
    tmp: Path | None = None
    try:
        if path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise FileExistsError(17, "it exists and is not an empty folder")
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
        for rel, text in files.items():
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        if path.exists():
            path.rmdir()
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise _refused(path, exc) from exc
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
