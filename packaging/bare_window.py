"""The baseline of the start-up benchmarks: a bare PySide6 QMainWindow drawn the same way as
the app (same size, same ``--report-startup`` probe), nothing else.

    python packaging/bare_window.py --report-startup      (prints ``window-shown <t>``, quits)
    python packaging/bare_window.py --report-rss          (prints ``rss-kb <n>`` once drawn, quits)
"""
from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from mlprep_desktop.startup_probe import StartupProbe

    app = QApplication(sys.argv[:1])
    if "--report-startup" in argv:
        probe = StartupProbe(app)  # noqa: F841 (lives as long as the app)
    window = QMainWindow()
    window.setObjectName("mainWindow")
    window.resize(1280, 800)
    window.show()
    if "--report-rss" in argv:
        def report() -> None:
            app.processEvents()
            print(f"rss-kb {current_rss_kb()}", flush=True)
            app.quit()

        QTimer.singleShot(0, report)
    return app.exec()


def current_rss_kb() -> int:
    """This process's resident set size now (Linux: /proc/self/status VmRSS), in KiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
