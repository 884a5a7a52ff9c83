"""Export and import of the user's data, section by section (``portable_sections.SECTIONS``).

Contract:
- ``export_sections`` reads every section's rows as plain JSON values, sorted by their stable
  key, local integer ids replaced by stable keys: the same data gives the same output.
- ``import_sections`` merges rows into this database in ONE transaction: added when missing,
  updated when the section's rule says the incoming row wins, otherwise left as they are.
  Nothing of the target is deleted except a child row of a parent the import replaced
  (``prune``). With ``dry_run`` the same work is done and rolled back, so the preview counts
  are exactly what a real import would do. A row the database refuses raises
  ``PortableDataError`` naming the section and the row; nothing is written then.
"""
from __future__ import annotations

import base64
import binascii
import sqlite3
from dataclasses import dataclass, field

from mlprep_desktop.storage.database import Database
from mlprep_desktop.storage.portable_sections import SECTIONS, Section


class PortableDataError(Exception):
    """The data cannot be imported as it is; the message names the section and row."""


@dataclass
class SectionReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    reasons: list[str] = field(default_factory=list)  # why rows were skipped (first few)
    keys: list[tuple] = field(default_factory=list)  # stable keys of rows added or updated
    examples: list[str] = field(default_factory=list)  # names of the first rows added or updated

    @property
    def changed(self) -> int:
        return self.added + self.updated


@dataclass
class ImportReport:
    sections: dict[str, SectionReport] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def changed(self) -> int:
        return sum(r.changed for r in self.sections.values())


class _Rollback(Exception):
    pass


def export_sections(database: Database) -> dict[str, list[dict]]:
    return {s.name: _export(database.conn, s) for s in SECTIONS}


def _export(conn: sqlite3.Connection, section: Section) -> list[dict]:
    select = [f"t.{c} AS {c}" for c in section.columns] + [f"{r.export_sql} AS {r.field}" for r in section.refs]
    sql = f"SELECT {', '.join(select)} FROM {section.table} t"
    if section.where:
        sql += f" WHERE {section.where}"
    out = []
    for row in conn.execute(sql):
        item = {k: row[k] for k in row.keys()}
        for b in section.blobs:
            if item.get(b) is not None:
                item[b] = base64.b64encode(item[b]).decode("ascii")
        out.append(item)
    out.sort(key=lambda item: _sort_key(item, section))
    return out


def _sort_key(item: dict, section: Section) -> tuple:
    return tuple((item.get(k) is not None, str(item.get(k))) for k in section.key)


def import_sections(database: Database, data: dict[str, list[dict]], *, dry_run: bool = False) -> ImportReport:
    """Merge ``data`` (section name -> rows, already checked by ``core.portable_format``)."""
    report = ImportReport(dry_run=dry_run)
    try:
        with database.transaction() as conn:
            for section in SECTIONS:
                report.sections[section.name] = _import(conn, section, data.get(section.name, []), report)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


def _import(conn: sqlite3.Connection, section: Section, rows: list[dict], report: ImportReport) -> SectionReport:
    result = SectionReport()
    parent_keys = {k[0] for k in report.sections[section.parent].keys} if section.parent else set()
    questions = {r[0] for r in conn.execute("SELECT id FROM questions")} if section.question_field else set()
    incoming_by_parent: dict = {}
    for row in rows:
        key = tuple(row.get(k) for k in section.key)
        if section.parent:
            incoming_by_parent.setdefault(row.get(section.parent_field), set()).add(key)
            if row.get(section.parent_field) not in parent_keys:
                result.unchanged += 1  # rows follow their parent, which this import left alone
                continue
        values = {f: row[f] for f in section.fields() if f in row}
        why = _resolve(conn, section, values, questions)
        if why:
            _skip(result, section, key, why)
            continue
        existing = _existing(conn, section, values)
        if section.prepare is not None:
            prepared = section.prepare(conn, values, existing)
            if isinstance(prepared, str):
                _skip(result, section, key, prepared)
                continue
            values = prepared
        try:
            if existing is None:
                _insert(conn, section, values)
                result.added += 1
            else:
                new = _winner(section, existing, values)
                if new is None:
                    result.unchanged += 1
                    continue
                _update(conn, section, existing["rowid"], new)
                result.updated += 1
        except sqlite3.IntegrityError as exc:
            raise PortableDataError(f"{section.name}: the row {_show(key)} was refused ({exc})") from exc
        result.keys.append(key)
        if section.label and len(result.examples) < 3 and row.get(section.label) is not None:
            result.examples.append(str(row[section.label]))
    if section.prune:
        _prune(conn, section, parent_keys, incoming_by_parent)
    if section.finish is not None and result.keys:
        section.finish(conn, result.keys)
    return result


def _skip(result: SectionReport, section: Section, key: tuple, why: str) -> None:
    result.skipped += 1
    if len(result.reasons) < 5:
        result.reasons.append(f"{_show(key)}: {why}")


def _show(key: tuple) -> str:
    return " / ".join(str(k) for k in key)


def _resolve(conn: sqlite3.Connection, section: Section, values: dict, questions: set[str]) -> str:
    """Replace stable keys by local ids and check question links; a reason to skip, or ''."""
    for b in section.blobs:
        if values.get(b) is not None:
            try:
                values[b] = base64.b64decode(values[b], validate=True)
            except (binascii.Error, ValueError, TypeError):
                raise PortableDataError(f"{section.name}: {b} is not valid base64") from None
    qf = section.question_field
    if qf and values.get(qf) is not None and values[qf] not in questions:
        if section.question_required:
            return f"the question {values[qf]!r} is not in this installation"
        values[qf] = None
    for ref in section.refs:
        stable = values.pop(ref.field, None)
        local = conn.execute(ref.import_sql, (stable,)).fetchone() if stable is not None else None
        if local is None and ref.required:
            return f"{ref.field} {stable!r} is not in this installation"
        values[ref.column] = local[0] if local is not None else None
    return ""


def _key_columns(section: Section) -> list[str]:
    by_field = {r.field: r.column for r in section.refs}
    return [by_field.get(k, k) for k in section.key]


def _existing(conn: sqlite3.Connection, section: Section, values: dict) -> dict | None:
    columns = _key_columns(section)
    where = " AND ".join(f"{c} IS ?" for c in columns)
    row = conn.execute(f"SELECT rowid AS rowid, * FROM {section.table} WHERE {where}",
                       [values.get(c) for c in columns]).fetchone()
    return {k: row[k] for k in row.keys()} if row is not None else None


def _winner(section: Section, existing: dict, values: dict) -> dict | None:
    """The values to write over ``existing``, or None when the target's row stays."""
    if section.parent is not None:  # rows follow their parent, which this import replaced
        return values if any(values.get(c) != existing.get(c) for c in values) else None
    if section.merge is not None:
        merged = section.merge({c: existing.get(c) for c in section.columns}, values)
        return merged if any(merged.get(c) != existing.get(c) for c in merged) else None
    if section.newer is not None and (values.get(section.newer) or "") > (existing.get(section.newer) or ""):
        return values
    return None


def _insert(conn: sqlite3.Connection, section: Section, values: dict) -> None:
    cols = list(values)
    conn.execute(f"INSERT INTO {section.table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                 [values[c] for c in cols])


def _update(conn: sqlite3.Connection, section: Section, rowid: int, values: dict) -> None:
    cols = list(values)
    conn.execute(f"UPDATE {section.table} SET {', '.join(f'{c} = ?' for c in cols)} WHERE rowid = ?",
                 [values[c] for c in cols] + [rowid])


def _prune(conn: sqlite3.Connection, section: Section, parent_keys: set, incoming: dict) -> None:
    """Rows of a parent this import replaced that the file no longer has are removed."""
    ref = next(r for r in section.refs if r.field == section.parent_field)
    others = [(i, k) for i, k in enumerate(section.key) if k != section.parent_field]
    for parent in parent_keys:
        local = conn.execute(ref.import_sql, (parent,)).fetchone()
        if local is None:
            continue
        cols = ", ".join(k for _, k in others)
        for row in conn.execute(f"SELECT rowid, {cols} FROM {section.table} WHERE {ref.column} = ?",
                                (local[0],)).fetchall():
            key = [None] * len(section.key)
            key[section.key.index(section.parent_field)] = parent
            for n, (i, _) in enumerate(others):
                key[i] = row[n + 1]
            if tuple(key) not in incoming.get(parent, set()):
                conn.execute(f"DELETE FROM {section.table} WHERE rowid = ?", (row[0],))
