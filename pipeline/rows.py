"""The tables' stable row order and conforming, without any extraction code.

Storing per-document rows, assembling the tables and reading releases need these,
and nothing of `pipeline.extract`; keeping them here lets those layers import
without loading the extractors.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import schemas

if TYPE_CHECKING:
    import pandas as pd

EXTRACTED = ("metrics", "plans", "events")
TABLES = ("documents", *EXTRACTED)


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
