"""The migration list itself: declared in increasing order, and user_version never goes down."""
from __future__ import annotations

import pytest
import sqlite_utils
from sqlite_utils.migrations import Migrations

from mlprep_desktop.storage import schema


@pytest.fixture
def fresh_list(monkeypatch) -> Migrations:
    """An empty migration list of its own, so declaring migrations here leaves the app's alone."""
    migrations = Migrations("test")
    monkeypatch.setattr(schema, "migrations", migrations)
    monkeypatch.setattr(schema, "_VERSIONS", [])
    return migrations


def test_the_apps_migrations_are_numbered_in_increasing_order():
    assert sorted(set(schema._VERSIONS)) == schema._VERSIONS
    assert schema._VERSIONS[-1] == schema.SCHEMA_VERSION


def test_a_migration_declared_out_of_order_is_refused(fresh_list):
    schema._register(1, "first", "CREATE TABLE first (x)")
    schema._register(3, "third", "CREATE TABLE third (x)")
    with pytest.raises(ValueError, match="must come after 3"):
        schema._register(2, "second", "CREATE TABLE second (x)")
    with pytest.raises(ValueError, match="must come after 3"):
        schema._register(3, "third_again", "CREATE TABLE third_again (x)")
    assert schema._VERSIONS == [1, 3]


def test_each_migration_sets_user_version_and_never_lowers_it(fresh_list):
    schema._register(1, "first", "CREATE TABLE first (x)")
    schema._register(2, "second", "CREATE TABLE second (x)")
    db = sqlite_utils.Database(memory=True)
    fresh_list.apply(db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    assert {"first", "second"} <= set(db.table_names())

    # a file already at a higher version (a migration landed under another number, say)
    # that still lacks a migration by name: applying it must not lower user_version
    other = sqlite_utils.Database(memory=True)
    other.execute("PRAGMA user_version = 7")
    fresh_list.apply(other)
    assert other.execute("PRAGMA user_version").fetchone()[0] == 7
    assert {"first", "second"} <= set(other.table_names())
