"""Quarantine: rows that fail a row-level check are set aside and listed, not published.

One odd line must not hold back every other document, so a row failing the schema
leaves the table and is listed with its
document, line, column, check and value in ``outputs/rejects/quarantine.TABLE.csv``. What
stays blocking: failures of a whole column, duplicate ids, broken provenance or references,
and quarantine beyond ``LIMIT`` of a table, which signals a systematic bug, not one odd line.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

import schemas
from pipeline.rows import EXTRACTED
from pipeline.store import atomic_write
from pipeline.validation import schema_failures

COLUMNS = ["table", "id", "source_file", "line_start", "column", "check", "value", "correction"]
LIMIT = 0.05  # share of a table's rows; and more than MIN_BLOCKING rows
MIN_BLOCKING = 5
_NOT_ROW_LEVEL = {"field_uniqueness"}  # a duplicate id is a bug of the id rule: it blocks


def split(table: str, df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows that pass, set-aside records)."""
    failures = schema_failures(table, df)
    failures = failures[failures["row"].notna() & ~failures["check"].isin(_NOT_ROW_LEVEL)]
    if failures.empty:
        return df, pd.DataFrame(columns=COLUMNS)
    rows = failures["row"].astype(int)
    bad_rows = df.loc[rows.unique()]
    id_column = schemas.ID_COLUMNS[table]
    records = pd.DataFrame({
        "table": table, "id": df.loc[rows, id_column].to_numpy(), "source_file": df.loc[rows, "source_file"].to_numpy(),
        "line_start": df.loc[rows, "line_start"].to_numpy(), "column": failures["column"].to_numpy(),
        # a row-level check names no single value: show the row's evidence instead
        "check": failures["check"].to_numpy(),
        "value": failures["value"].where(failures["column"] != "*", df.loc[rows, "evidence"].to_numpy())
                                  .astype(str).str.slice(0, 200).to_numpy(),
        "correction": df.loc[rows, "correction"].to_numpy(),
    })
    kept = df.drop(index=bad_rows.index).reset_index(drop=True)
    return kept, records.sort_values(["source_file", "line_start", "id", "column"], kind="stable").reset_index(drop=True)


def systematic(records: pd.DataFrame, rows: int) -> bool:
    """More of a table set aside than one odd line explains."""
    n = records["id"].nunique() if len(records) else 0
    return n > MIN_BLOCKING and n > LIMIT * rows


def _path(outputs: Path, table: str) -> Path:
    return Path(outputs) / "rejects" / f"quarantine.{table}.csv"


def write(outputs: Path, table: str, records: pd.DataFrame) -> Path | None:
    """The table's set-aside rows as CSV (none: the file is removed)."""
    path = _path(outputs, table)
    if records.empty:
        path.unlink(missing_ok=True)
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, lambda tmp: records.to_csv(tmp, index=False))
    return path


def read(outputs: Path) -> pd.DataFrame:
    """Every table's set-aside rows of the last refresh."""
    parts = [pd.read_csv(p, dtype=str) for t in EXTRACTED if (p := _path(outputs, t)).exists()]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)
