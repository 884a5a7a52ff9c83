"""Search latency over the bundled bank (not a test; run it: `make bench`).

Times ``QuestionRepository.search`` plus ``facet_counts`` — what the browser runs per
keystroke after its debounce — for a set of typical and odd queries, on a fresh copy of
``questions.sqlite``. Prints the median and 95th percentile per query and overall.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from mlprep_desktop.core.models import QuestionFilter
from mlprep_desktop.core.paths import bundled_database
from mlprep_desktop.storage.database import open_database
from mlprep_desktop.storage.questions import QuestionRepository

QUERIES = ["", "r", "regulariz", "gradient descent", "bias variance trade", "precision recall",
           "transformer attention", 'NOT "x" (y', "design", "zzzz-no-match"]
REPEATS = 50


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        database = open_database(Path(tmp) / "bench.sqlite", bundled_database())
        repo = QuestionRepository(database)
        print(f"bank: {repo.total()} questions")
        all_times = []
        for query in QUERIES:
            times = []
            for _ in range(REPEATS):
                start = time.perf_counter()
                rows = repo.search(QuestionFilter(text=query))
                repo.facet_counts(QuestionFilter(text=query))
                times.append((time.perf_counter() - start) * 1000)
            all_times += times
            p95 = statistics.quantiles(times, n=20)[-1]
            print(f"{query!r:28} {len(rows):4} hits  median {statistics.median(times):6.2f} ms  p95 {p95:6.2f} ms")
        p95 = statistics.quantiles(all_times, n=20)[-1]
        print(f"all queries: median {statistics.median(all_times):.2f} ms, p95 {p95:.2f} ms "
              f"(search + facet counts, {REPEATS} runs each)")
        database.close()
        ui_times(Path(tmp) / "ui.sqlite")
    return 0


def ui_times(db_path: Path) -> None:
    """The same queries through the Browse tab: search, table, counts and the rendered question."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from mlprep_desktop.app import create_main_window

    window = create_main_window(db_path)
    window.show()
    browser = window.browser
    times = []
    for query in QUERIES:
        for _ in range(10):
            browser.search_box.setText("")
            browser.refresh()
            start = time.perf_counter()
            browser.search_box.setText(query)
            browser.refresh()  # what the debounce timer calls
            times.append((time.perf_counter() - start) * 1000)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(f"Browse tab, keystroke to table and question updated (after the {browser.SEARCH_DELAY_MS} ms debounce): "
          f"median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")
    window.close()


if __name__ == "__main__":
    sys.exit(main())
