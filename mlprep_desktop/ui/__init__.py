"""PySide6 widgets. The only layer that imports Qt."""
