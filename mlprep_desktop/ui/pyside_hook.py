"""A cheaper form of the check PySide6 runs on every module imported after it.

PySide6 (its ``shibokensupport.feature``) asks of each newly imported module whether its
source mentions "PySide6", to know where ``from __feature__ import …`` switches may apply. It
asks with ``inspect.getsource``, which keeps the whole source of every module in
``linecache``: about 9 MB of text in this app after every tab was opened, and ~25 ms of
start-up (issue 16). ``lighten_feature_check`` gives the same answer from the file's bytes and
keeps nothing; modules without a ``.py`` file (built-in, frozen, zipped) still get PySide6's
own check. If a PySide6 release drops or renames the hook, nothing is changed.
"""
from __future__ import annotations

import linecache
import sys
from types import ModuleType

import PySide6  # noqa: F401 (loads shibokensupport.feature, the hook replaced here)

_MARK = "_mlprep_reads_bytes"


def lighten_feature_check() -> bool:
    """Replace PySide6's per-import source check by a byte search of the module's file.
    Returns True when it was replaced now, False when already done or not available."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, _MARK, False):
        return False

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass  # not a plain file (a zip, a frozen build): PySide6's own check decides
        return bool(original(module))

    setattr(uses_pyside, _MARK, True)
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]
    # The modules imported before this (PySide6's own, enum, os, pathlib…) were checked the old
    # way: their sources (~0.5 MB) are in linecache, a cache tracebacks fill again on demand.
    linecache.clearcache()
    return True
