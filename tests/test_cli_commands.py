"""``mlprep COMMAND …`` dispatches to the command module that registers COMMAND."""
from __future__ import annotations

import sys
import types

from mlprep_desktop import cli, commands


def test_a_registered_command_runs_with_its_own_db_option(monkeypatch, tmp_path, capsys):
    module = types.ModuleType("fake_hello_command")

    def register(subparsers):
        parser = subparsers.add_parser("hello", help="say hello")
        commands.add_db_option(parser)
        parser.add_argument("name")
        parser.set_defaults(handler=lambda args: print(f"hello {args.name} {args.db.name}") or 7)

    module.register = register
    monkeypatch.setitem(sys.modules, "fake_hello_command", module)
    monkeypatch.setattr(commands, "COMMAND_MODULES", {"hello": "fake_hello_command"})
    assert cli.main(["hello", "world", "--db", str(tmp_path / "x.sqlite")]) == 7
    assert capsys.readouterr().out == "hello world x.sqlite\n"


def test_without_a_command_the_app_options_parse_as_before(monkeypatch, tmp_path):
    monkeypatch.setattr(commands, "COMMAND_MODULES", {"hello": "fake_never_imported"})
    args = cli.parse_args(["--db", str(tmp_path / "y.sqlite")])
    assert args.db.name == "y.sqlite" and getattr(args, "handler", None) is None
