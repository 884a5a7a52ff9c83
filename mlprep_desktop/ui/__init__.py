"""PySide6 widgets. The only layer that imports Qt.

Imported before any widget module, this package first makes PySide6's per-import check cheap
(``pyside_hook``): every module imported after it is spared a copy of its source in memory.
"""
from mlprep_desktop.ui.pyside_hook import lighten_feature_check

lighten_feature_check()
