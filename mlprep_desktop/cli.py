"""Command line: ``mlprep [--db PATH] [--version]``."""
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
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from mlprep_desktop.app import run  # Qt is imported only when the app really starts

    return run(args.db.expanduser() if args.db else None)


if __name__ == "__main__":
    sys.exit(main())
