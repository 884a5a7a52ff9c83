"""Issue 16 (memory, start-up): PySide6's check of every imported module reads the file's
bytes instead of keeping each module's source in ``linecache``, with the same answers."""
from __future__ import annotations

import linecache
import sys

import mlprep_desktop.ui  # noqa: F401 (installs the lighter check)
from mlprep_desktop.ui.pyside_hook import lighten_feature_check


def test_modules_imported_after_pyside_are_classified_without_keeping_their_source(tmp_path, monkeypatch):
    feature = sys.modules["shibokensupport.feature"]
    (tmp_path / "mlprep_probe_uses_qt.py").write_text("import PySide6.QtCore\nVALUE = 1\n", encoding="utf-8")
    (tmp_path / "mlprep_probe_plain.py").write_text("VALUE = 2\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("mlprep_probe_uses_qt", "mlprep_probe_plain"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        monkeypatch.delitem(feature.pyside_feature_dict, name, raising=False)

    # an import statement (PySide6 hooks builtins.__import__, not importlib.import_module)
    uses_qt = __import__("mlprep_probe_uses_qt")
    plain = __import__("mlprep_probe_plain")

    # PySide6's own meaning: 0 = a module that uses PySide6 ("no feature"), -1 = ignore it
    assert feature.pyside_feature_dict["mlprep_probe_uses_qt"] == 0
    assert feature.pyside_feature_dict["mlprep_probe_plain"] == -1
    assert uses_qt.__file__ not in linecache.cache and plain.__file__ not in linecache.cache
    assert lighten_feature_check() is False  # once is enough: already in place


def test_a_module_without_a_source_file_gets_pysides_own_answer():
    feature = sys.modules["shibokensupport.feature"]
    assert feature._mod_uses_pyside(sys) is False  # built in: no file, not a PySide6 user


def test_the_sources_checked_before_the_hook_are_not_kept():
    """Modules imported before the hook (PySide6's own, enum, os, pathlib) were checked the old
    way, which left their sources in linecache (~0.5 MB); a real start keeps none. A process
    of its own: other tests have imported everything already."""
    import os
    import subprocess
    import sys

    code = ("import linecache\n"
            "from PySide6.QtWidgets import QApplication\n"
            "import mlprep_desktop.app\n"
            "print(sorted(linecache.cache))\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
