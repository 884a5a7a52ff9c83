"""Subcommands of ``mlprep`` (``mlprep check …``, ``mlprep backup`` …): one module each.

A command module defines ``register(subparsers)``, which adds its parser and sets
``handler=<function(args) -> int>`` as a default. Commands run without Qt and print plain
text; they reach the data through ``services``, like the UI. The modules are listed in
``COMMAND_MODULES`` and imported only when their name is on the command line (start-up cost).
"""
from __future__ import annotations

import argparse
import importlib
from pathlib import Path

# name on the command line -> module that registers it (one line per command module).
COMMAND_MODULES: dict[str, str] = {
    "export": "mlprep_desktop.commands.portability",
    "import": "mlprep_desktop.commands.portability",
    "check": "mlprep_desktop.commands.exercises",
    "exercises": "mlprep_desktop.commands.exercises",
    "starter": "mlprep_desktop.commands.exercises",
    "backup": "mlprep_desktop.commands.backup",
    "restore": "mlprep_desktop.commands.backup",
    "check-db": "mlprep_desktop.commands.check_db",
}


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """The ``--db PATH`` option every command that opens the database takes."""
    parser.add_argument("--db", type=Path, metavar="PATH",
                        help="database file to use; default: $MLPREP_DB, else questions.sqlite in the "
                             "user's data folder")


def register_all(subparsers: argparse._SubParsersAction, names: list[str] | None = None) -> None:
    """Register the commands whose names are in ``names`` (all when None)."""
    seen: set[str] = set()
    for name, module in COMMAND_MODULES.items():
        if names is not None and name not in names:
            continue
        if module in seen:
            continue
        seen.add(module)
        importlib.import_module(module).register(subparsers)
