"""Command line: ``mlprep [--db PATH] [--smoke-test] [--report-startup] [--version]`` starts the
app; ``mlprep COMMAND …`` runs one of the subcommands of ``mlprep_desktop.commands``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mlprep_desktop import APP_NAME, __version__


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="mlprep", description=f"{APP_NAME}: offline ML interview practice.")
    parser.add_argument("--version", action="version", version=f"mlprep {__version__}")
    parser.add_argument("--db", type=Path, metavar="PATH",
                        help="database file to use (created from the bundled bank if missing); "
                             "default: $MLPREP_DB, else questions.sqlite in the user's data folder")
    parser.add_argument("--smoke-test", action="store_true",
                        help="check this installation and exit (0: it works): open a temporary copy of "
                             "the bundled bank offscreen, visit every tab, render a question with code "
                             "and math; your own database is not touched")
    parser.add_argument("--report-startup", action="store_true",
                        help="start normally, print 'window-shown <monotonic seconds>' once the main "
                             "window is drawn, then quit (for startup benchmarks)")
    from mlprep_desktop.commands import COMMAND_MODULES, register_all

    argv = list(sys.argv[1:] if argv is None else argv)
    wanted = [a for a in argv if a in COMMAND_MODULES][:1]
    if COMMAND_MODULES:
        subparsers = parser.add_subparsers(dest="command", metavar="COMMAND",
                                           help="run a command instead of the app: "
                                                + ", ".join(sorted(COMMAND_MODULES)))
        # Only the command named is imported; for --help, all of them.
        register_all(subparsers, None if ("-h" in argv or "--help" in argv) and not wanted else wanted)
    args = parser.parse_args(argv)
    if getattr(args, "handler", None) is not None:
        return args
    if args.smoke_test and (args.db or args.report_startup):
        parser.error("--smoke-test runs on its own temporary database; use it without --db or --report-startup")
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["run-exercise"]:
        # The child of an exercise run (hidden; the frozen build has no ``python -m``):
        # dispatched before anything else is imported, so it starts fast.
        from mlprep_desktop.runner.harness import main as run_exercise

        return run_exercise(argv[1:])
    args = parse_args(argv)
    if getattr(args, "handler", None) is not None:
        return int(args.handler(args))
    if args.smoke_test:
        from mlprep_desktop.smoke_test import main as smoke_test

        return smoke_test()
    # Qt is imported only when the app really starts.
    if args.report_startup:
        from mlprep_desktop.startup_probe import install_startup_probe

        probe = install_startup_probe()  # noqa: F841 (lives as long as the app)
    from mlprep_desktop.app import run

    return run(args.db.expanduser() if args.db else None)


if __name__ == "__main__":
    sys.exit(main())
