"""Checks on assembled tables, shared by the Dagster asset checks, the release
writer and `python -m pipeline verify`. Each returns failure rows (empty = pass)
with the same columns: table, row, column, check, value."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pandera.pandas as pa

import schemas
from pipeline.text import LineIndex

FAILURE_COLUMNS = ["table", "row", "column", "check", "value"]


def failure_rows(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=FAILURE_COLUMNS)


def joined(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Several checks' failures as one frame (empty parts left out)."""
    parts = [p for p in parts if not p.empty]
    return pd.concat(parts, ignore_index=True) if parts else failure_rows([])


def schema_failures(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """pandera, lazily: every failing (row, column, check), not just the first.

    A row-level check (e.g. line_start <= line_end) fails a whole row: pandera lists it
    once per column, we list it once per row with column '*'.
    """
    try:
        schemas.MODELS[table].validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases
        row_level = fc["schema_context"].eq("DataFrameSchema") & fc["index"].notna()
        parts = [fc[~row_level], fc[row_level].drop_duplicates(["index", "check"]).assign(column="*", failure_case="row")]
        fc = pd.concat([p for p in parts if len(p)])
        return failure_rows([
            {"table": table, "row": None if pd.isna(r["index"]) else int(r["index"]),
             "column": r["column"], "check": str(r["check"]), "value": str(r["failure_case"])}
            for _, r in fc.iterrows()
        ])
    return failure_rows([])


def duplicate_ids(table: str, df: pd.DataFrame) -> pd.DataFrame:
    column = schemas.ID_COLUMNS[table]
    dup = df[df[column].duplicated(keep=False)]
    return failure_rows([{"table": table, "row": int(i), "column": column, "check": "unique", "value": str(v)}
                      for i, v in dup[column].items()])


def dangling_references(table: str, df: pd.DataFrame, documents: pd.DataFrame | None,
                        plans: pd.DataFrame | None = None, places: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every row's doc_id exists in documents; a metric's plan_id exists in plans; a place_code exists in
    places (each checked when given)."""
    out = []
    if documents is not None:
        bad = df[~df["doc_id"].isin(set(documents["doc_id"]))]
        out += [{"table": table, "row": int(i), "column": "doc_id", "check": "references documents", "value": v}
                for i, v in bad["doc_id"].items()]
    if plans is not None and "plan_id" in df.columns and table != "plans":
        bad = df[df["plan_id"].notna() & ~df["plan_id"].isin(set(plans["plan_id"]))]
        out += [{"table": table, "row": int(i), "column": "plan_id", "check": "references plans", "value": v}
                for i, v in bad["plan_id"].items()]
    if places is not None and "place_code" in df.columns:
        bad = df[df["place_code"].notna() & ~df["place_code"].isin(set(places["place_code"]))]
        out += [{"table": table, "row": int(i), "column": "place_code", "check": "references places", "value": v}
                for i, v in bad["place_code"].items()]
    return failure_rows(out)


def provenance_failures(tables: dict[str, pd.DataFrame], read_text: Callable[[str], tuple[str, str] | None]) -> pd.DataFrame:
    """Every row's evidence is exactly its span of the source text, on the lines it claims.

    ``read_text(source_file)`` returns ``(sha256, decoded_text)`` of the file as it
    is now, or None if it is gone. Each document is read once for all the tables,
    and one at a time.
    """
    out = []
    columns = ["source_file", "source_sha256", "char_start", "char_end", "line_start", "line_end", "evidence"]
    rows_by_file: dict[str, list] = {}
    for table, df in tables.items():
        for row in zip([table] * len(df), df.index, *(df[c].tolist() for c in columns)):
            rows_by_file.setdefault(row[2], []).append(row)
    for source_file in sorted(rows_by_file):
        rows = rows_by_file[source_file]
        found = read_text(source_file)
        if found is None:
            out += [{"table": r[0], "row": int(r[1]), "column": "source_file", "check": "source exists", "value": source_file}
                    for r in rows]
            continue
        sha, text = found
        index = LineIndex(text)
        for table, i, _, row_sha, start, end, line_start, line_end, evidence in rows:
            if row_sha != sha:
                out.append({"table": table, "row": int(i), "column": "source_sha256", "check": "matches source", "value": row_sha})
            elif text[start:end] != evidence:
                out.append({"table": table, "row": int(i), "column": "evidence", "check": "equals text[char_start:char_end]",
                            "value": str(evidence)[:80]})
            elif index.lines_of(start, end) != (line_start, line_end):
                out.append({"table": table, "row": int(i), "column": "line_start", "check": "lines match offsets",
                            "value": f"{line_start}-{line_end}"})
    return failure_rows(out)


def blocking_failures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Everything that must block a release, except provenance (which needs the sources)."""
    parts = [schema_failures(t, df) for t, df in tables.items()]
    parts += [duplicate_ids(t, df) for t, df in tables.items()]
    parts += [dangling_references(t, tables[t], tables["documents"], tables["plans"], tables.get("places"))
              for t in ("metrics", "plans", "events")]
    return joined(parts)
