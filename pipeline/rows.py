"""The tables' stable row order and conforming, without any extraction code.

Storing per-document rows, assembling the tables and reading releases need these,
and nothing of `pipeline.extract`; keeping them here lets those layers import
without loading the extractors.
"""
from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import schemas

if TYPE_CHECKING:
    import pandas as pd

EXTRACTED = ("metrics", "plans", "events")
TABLES = ("documents", *EXTRACTED)


# What identifies a row within its document: an unchanged fact keeps its id from
# release to release. Extracted rows and rows added by a correction use the same rule.
ID_PREFIXES = {"metrics": "metric", "plans": "plan", "events": "event"}
ID_KEYS = {
    "metrics": lambda r: (r["doc_id"], r["evidence"], r["value_text"], r["unit"]),
    "plans": lambda r: (r["doc_id"], r["title"]),
    "events": lambda r: (r["doc_id"], r["name"], r["date_start"]),
}


def stable_id(prefix: str, *parts: object) -> str:
    """A content hash: the same fact gets the same id in every release."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return f"{prefix}_{digest[:16]}"


def row_id(table: str, row: dict, occurrence: int = 1) -> str:
    """The id of a row of an extracted table; ``occurrence`` counts repeats of the same key in a document."""
    return stable_id(ID_PREFIXES[table], *ID_KEYS[table](row), occurrence)


def order_columns(table: str) -> list[str]:
    """Stable row order of every table: by document, then position in it, then id."""
    return ["source_file"] + (["char_start", schemas.ID_COLUMNS[table]] if table != "documents" else [])


def sort_rows(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """A frame in the table's stable order, with a fresh index."""
    return df.sort_values(order_columns(table), kind="stable").reset_index(drop=True)


def sorted_rows(table: str, rows: list[dict]) -> list[dict]:
    """Row dicts in the table's stable order (no frame built)."""
    keys = order_columns(table)
    return sorted(rows, key=lambda r: tuple(r[k] for k in keys))


def table_frame(table: str, rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Rows as the table: the schema's columns and dtypes, in stable order."""
    return sort_rows(table, schemas.conform(table, rows))
