"""Hand corrections: YAML files in corrections/ that drop, change or add rows, re-applied on every refresh.

Each file is a list of entries; each entry names a ``table`` and a ``reason`` and does one thing:

- ``drop: true`` with an ``id``: the row leaves the release;
- ``set: {field: value}`` with an ``id``: fields of the row change, its id stays;
- ``add: {source_file, evidence, [occurrence], field: value ...}``: a row the rules missed, its
  provenance computed from the decoded document, its id by the rule of extracted rows.

``expect: {field: value}`` guards a drop or set: it applies only while the row still has these
values. A correction that no longer fits (its row is gone, its guard fails, its evidence is not in
the document, its values fail the schema) is a problem that blocks the release; nothing is skipped.
The files are data: read with a safe loader, and an ``add`` may only name a file of the seeds folder.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import yaml

import schemas
from pipeline.keys import event_key, plan_key
from pipeline.rows import EXTRACTED, ID_PREFIXES, row_id, table_frame
from pipeline.sources import current_text, document_id
from pipeline.text import LineIndex

ACTIONS = ("drop", "set", "add")
_ENTRY_KEYS = {"table", "reason", "by", "date", "id", "expect", *ACTIONS}
_ADD_KEYS = {"source_file", "evidence", "occurrence"}
PROBLEM_COLUMNS = ["correction", "table", "id", "problem"]


@dataclass(frozen=True)
class Correction:
    ref: str  # corrections/FILE.yaml#N, N counted from 1
    table: str
    action: str
    reason: str
    id: str | None = None
    fields: dict = field(default_factory=dict)  # the values a `set` writes, or the added row
    expect: dict = field(default_factory=dict)
    by: str | None = None


class Invalid(ValueError):
    """An entry that cannot be applied; the message says what is wrong."""


def editable(table: str) -> set[str]:
    """Columns a correction may write: everything but the id and the provenance."""
    return set(schemas.columns(table)) - set(schemas.PROVENANCE_COLUMNS) - {schemas.ID_COLUMNS[table]}


def problem(ref: str, table: str | None, rid: str | None, what: str) -> dict:
    return {"correction": ref, "table": table, "id": rid, "problem": what}


def load(folder: Path, seeds: Path) -> tuple[list[Correction], list[dict]]:
    """Every entry of every ``*.yaml`` file in ``folder`` (sorted by name), and the problems found."""
    found, problems = [], []
    for path in sorted(Path(folder).glob("*.yaml")):
        name = f"corrections/{path.name}"
        try:
            entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            problems.append(problem(name, None, None, f"cannot be read as YAML data: {' '.join(str(exc).split())}"))
            continue
        if entries is None:
            continue
        if not isinstance(entries, list):
            problems.append(problem(name, None, None, "must be a list of entries (each starting with '- table: ...')"))
            continue
        for n, entry in enumerate(entries, 1):
            ref = f"{name}#{n}"
            try:
                found.append(_parse(ref, entry, Path(seeds)))
            except Invalid as exc:
                table = entry.get("table") if isinstance(entry, dict) else None
                rid = entry.get("id") if isinstance(entry, dict) else None
                problems.append(problem(ref, table if isinstance(table, str) else None,
                                        rid if isinstance(rid, str) else None, str(exc)))
    return found, problems


def _parse(ref: str, entry: object, seeds: Path) -> Correction:
    if not isinstance(entry, dict):
        raise Invalid("an entry must be a mapping of fields (table, reason, and one of drop, set, add)")
    unknown = sorted(set(map(str, entry)) - _ENTRY_KEYS)
    if unknown:
        raise Invalid(f"unknown field(s) {', '.join(unknown)}; an entry has {', '.join(sorted(_ENTRY_KEYS))}")
    table = entry.get("table")
    if table not in EXTRACTED:
        raise Invalid(f"unknown table {table!r}: one of {', '.join(EXTRACTED)}")
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise Invalid("every entry needs a reason")
    actions = [a for a in ACTIONS if a in entry]
    if len(actions) != 1:
        raise Invalid(f"exactly one of drop, set, add per entry (found {', '.join(actions) or 'none'})")
    action = actions[0]
    expect = _mapping(entry.get("expect", {}), "expect", editable(table))
    by = None if entry.get("by") is None else str(entry["by"])
    if action == "add":
        if "id" in entry or expect:
            raise Invalid("an add takes no id and no expect: its id is computed from the row")
        return Correction(ref, table, action, reason, fields=_added_row(ref, table, entry["add"], seeds), by=by)
    rid = entry.get("id")
    if not isinstance(rid, str) or not rid.startswith(ID_PREFIXES[table] + "_"):
        raise Invalid(f"a {action} needs the id of a {table} row ({ID_PREFIXES[table]}_...)")
    if action == "drop":
        if entry["drop"] is not True:
            raise Invalid("drop must be 'true'")
        return Correction(ref, table, action, reason, rid, expect=expect, by=by)
    values = _mapping(entry["set"], "set", editable(table))
    if not values:
        raise Invalid("set names no field")
    return Correction(ref, table, action, reason, rid, values, expect, by)


def _mapping(value: object, name: str, allowed: set[str]) -> dict:
    if not isinstance(value, dict):
        raise Invalid(f"{name} must be a mapping of field: value")
    unknown = sorted(set(map(str, value)) - allowed)
    if unknown:
        raise Invalid(f"{name}: unknown or read-only field(s) {', '.join(unknown)}")
    return dict(value)


def _added_row(ref: str, table: str, add: object, seeds: Path) -> dict:
    """The added row with provenance computed from the decoded document, as for an extracted row."""
    values = _mapping(add, "add", editable(table) | _ADD_KEYS)
    source_file, evidence = values.pop("source_file", None), values.pop("evidence", None)
    occurrence = values.pop("occurrence", None)
    if not isinstance(source_file, str) or not isinstance(evidence, str) or not evidence:
        raise Invalid("an add needs source_file and evidence (exact text of the document)")
    if Path(source_file).name != source_file or source_file in ("", ".", ".."):
        raise Invalid(f"source_file {source_file!r} must be the name of a file in the seeds folder, not a path")
    found = current_text(seeds, source_file)
    if found is None or found[1] is None:
        raise Invalid(f"{source_file} is not a readable document of the seeds folder")
    sha, text = found
    count = text.count(evidence)
    if count == 0:
        raise Invalid(f"evidence {evidence!r} is not in {source_file}")
    if occurrence is None and count > 1:
        raise Invalid(f"evidence {evidence!r} appears {count} times in {source_file}: say which with occurrence")
    n = 1 if occurrence is None else occurrence
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= count:
        raise Invalid(f"occurrence must be a whole number from 1 to {count}")
    start = -1
    for _ in range(n):
        start = text.index(evidence, start + 1)
    end = start + len(evidence)
    line_start, line_end = LineIndex(text).lines_of(start, end)
    return {**values, "doc_id": document_id(source_file), "source_file": source_file, "source_sha256": sha,
            "line_start": line_start, "line_end": line_end, "char_start": start, "char_end": end,
            "evidence": evidence, "extractor": "correction@manual", "correction": ref}


def _same(actual: object, wanted: object) -> bool:
    if actual is None or (isinstance(actual, float) and math.isnan(actual)) or actual is pd.NA or actual is pd.NaT:
        return wanted is None
    if isinstance(actual, (int, float)) and isinstance(wanted, (int, float)) and not isinstance(wanted, bool):
        return float(actual) == float(wanted)
    if isinstance(actual, (date, pd.Timestamp)):
        return str(pd.Timestamp(actual).date()) == str(wanted)
    return str(actual) == str(wanted)


def _rekeyed(table: str, row: dict, fields: dict) -> dict:
    """A corrected or added plan or event gets its cross-document key from its corrected fields, unless the
    correction sets the key itself. (A metric's plan_key follows its plan only as extracted: set it with plan_id.)"""
    v = {k: None if not isinstance(x, str) and pd.api.types.is_scalar(x) and pd.isna(x) else x for k, x in row.items()}
    try:
        if table == "plans" and "plan_key" not in fields:
            row["plan_key"] = plan_key(v.get("title"), v.get("title_zh"), v.get("period_start"), v.get("period_end"))
        elif table == "events" and "event_key" not in fields:
            row["event_key"] = event_key(v.get("name"), v.get("date_start"), v.get("place_code"))
    except (TypeError, ValueError, AttributeError):  # a value of the wrong type: the schema check reports it
        row[f"{table[:-1]}_key"] = None
    return row


def apply(table: str, df: pd.DataFrame, corrections: list[Correction]) -> tuple[pd.DataFrame, list[dict]]:
    """The table with this table's corrections applied, and the problems of those that no longer fit.

    Only rows a correction touches are rebuilt; the result is in the table's stable order.
    """
    mine = [c for c in corrections if c.table == table]
    if not mine:
        return df, []
    id_column = schemas.ID_COLUMNS[table]
    position = {rid: i for i, rid in enumerate(df[id_column])}
    touched: dict[int, dict | None] = {}  # row position -> new row, or None when dropped
    by_row: dict[int, str] = {}
    added, problems = [], []
    for c in mine:
        if c.action == "add":
            row = _rekeyed(table, dict(c.fields), c.fields)
            row[id_column] = row_id(table, row)
            if row[id_column] in position:
                problems.append(problem(c.ref, table, row[id_column], "the rules now extract this row: the add is no longer needed"))
            else:
                added.append(row)
            continue
        i = position.get(c.id)
        if i is None:
            problems.append(problem(c.ref, table, c.id, "no such row: its document changed or the rules no longer produce it"))
            continue
        if i in by_row:
            problems.append(problem(c.ref, table, c.id, f"the row is already corrected by {by_row[i]}: merge the two entries"))
            continue
        row = df.iloc[i].to_dict()
        wrong = [f"{k} is {row[k]!r}, expected {v!r}" for k, v in c.expect.items() if not _same(row[k], v)]
        if wrong:
            problems.append(problem(c.ref, table, c.id, "expect does not hold: " + "; ".join(wrong)))
            continue
        by_row[i] = c.ref
        touched[i] = None if c.action == "drop" else _rekeyed(table, {**row, **c.fields, "correction": c.ref}, c.fields)
    changed = []
    for row in [r for r in touched.values() if r is not None] + added:
        try:
            changed.append(schemas.conform(table, [row]))
        except (ValueError, TypeError) as exc:  # a value the column's type cannot hold
            problems.append(problem(row["correction"], table, row[id_column], f"a value does not fit its column: {exc}"))
    kept = df.drop(index=df.index[list(touched)])
    parts = [p for p in (kept, *changed) if len(p)]
    out = table_frame(table, pd.concat(parts, ignore_index=True)) if parts else schemas.empty_frame(table)
    return out, problems
