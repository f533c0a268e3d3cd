"""The blocking checks over the table files (outputs/work/tables/), a batch or a document at a time.

They find what pipeline.validation finds on whole frames, with the same failure rows (``row`` is
the row's position in the file), without holding a table in pandas. Ids and references are
checked over whole columns in Arrow. The per-row checks (schema, provenance) remember each
document whose rows passed, by what its rows were built from (pipeline.curate.document_digests),
and check only documents with new rows: after a one-document change, one document is validated.
A table without that record (documents, or after a crash) is checked whole.
"""
from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

import schemas
from pipeline import validation
from pipeline.batches import batches, column, document_chunks
from pipeline.code_version import ROOT, source_hash
from pipeline.curate import document_digests, table_file
from pipeline.sources import current_text
from pipeline.store import atomic_write

CODE = source_hash([ROOT / f"{m}.py" for m in ("checking", "validation", "text", "sources")]
                   + list((ROOT.parent / "schemas").glob("*.py")))
PROVENANCE_COLUMNS = ["source_file", "source_sha256", "char_start", "char_end", "line_start", "line_end", "evidence"]


def _memory(work: Path, name: str) -> dict[str, str]:
    """Documents (-> digest of their rows) that passed check ``name`` under this code."""
    try:
        found = json.loads((Path(work) / "checks" / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found["passed"] if isinstance(found, dict) and found.get("code") == CODE else {}


def _remember(work: Path, name: str, passed: dict[str, str]) -> None:
    path = Path(work) / "checks" / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, lambda tmp: tmp.write_text(json.dumps({"code": CODE, "passed": passed}), encoding="utf-8"))


def _todo(digests: dict[str, str] | None, passed: dict[str, str]) -> set[str] | None:
    return None if digests is None else {d for d, g in digests.items() if passed.get(d) != g}


def rows_of(work: Path, table: str) -> int:
    return pq.ParquetFile(str(table_file(work, table))).metadata.num_rows


def schema(work: Path, table: str) -> pd.DataFrame:
    """pandera, lazily, on the rows of documents not yet passed; uniqueness over the whole table."""
    digests = document_digests(work, table)
    name = f"schema.{table}"
    todo = _todo(digests, _memory(work, name))
    parts = []
    if todo is None or todo:
        for df in batches(table_file(work, table), table, documents=todo):
            found = validation.schema_failures(table, df)
            parts.append(found[found["check"] != "field_uniqueness"])
    parts.append(_duplicates(work, table, "field_uniqueness"))
    failures = validation.joined(parts).drop_duplicates()  # a column-level failure is found in every batch
    if failures.empty and digests is not None:
        _remember(work, name, digests)
    return failures.reset_index(drop=True)


def _unique_columns(table: str) -> list[str]:
    columns = schemas.MODELS[table].to_schema().columns
    return [c for c in schemas.columns(table) if columns[c].unique]


def _duplicates(work: Path, table: str, check: str, columns: list[str] | None = None) -> pd.DataFrame:
    out = []
    for name in columns or _unique_columns(table):
        values = column(table_file(work, table), name)
        counts = pc.value_counts(values)
        repeated = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
        if len(repeated):
            rows = pc.indices_nonzero(pc.is_in(values, value_set=repeated))
            out += [{"table": table, "row": r, "column": name, "check": check, "value": str(v)}
                    for r, v in zip(rows.to_pylist(), values.take(rows).to_pylist())]
    return validation.failure_rows(out)


def unique_ids(work: Path, table: str) -> pd.DataFrame:
    return _duplicates(work, table, "unique", [schemas.ID_COLUMNS[table]])


def references(work: Path, table: str, name: str, target: pa.Array, check: str) -> pd.DataFrame:
    """Every non-null ``name`` of the table is in ``target``."""
    values = column(table_file(work, table), name)
    bad = pc.and_(pc.is_valid(values), pc.invert(pc.is_in(values, value_set=target)))
    rows = pc.indices_nonzero(bad)
    return validation.failure_rows([{"table": table, "row": r, "column": name, "check": check, "value": v}
                      for r, v in zip(rows.to_pylist(), values.take(rows).to_pylist())])


def ids(work: Path, table: str, name: str | None = None) -> pa.Array:
    """The distinct values of a column of a table file (its ids by default)."""
    return pc.unique(column(table_file(work, table), name or schemas.ID_COLUMNS[table]))


def provenance(work: Path, tables: list[str], seeds: Path) -> pd.DataFrame:
    """validation.provenance_failures, one document at a time, for documents whose rows or source file changed
    since they passed (a source file is known by its size and mtime)."""
    passed = _memory(work, "provenance")
    digests = {t: document_digests(work, t) for t in tables}
    full = any(d is None for d in digests.values())
    docs = set().union(*(d for d in digests.values() if d is not None))
    now = {d: "|".join([*(digests[t].get(d, "") for t in tables if digests[t] is not None), str(_stat(seeds / d))])
           for d in docs}
    todo = None if full else {d for d in docs if passed.get(d) != now[d]}
    parts = []
    if todo is None or todo:
        streams = {t: batches(table_file(work, t), t, PROVENANCE_COLUMNS, documents=todo) for t in tables}
        read_text = partial(current_text, seeds)
        for found in document_chunks(streams):  # whole documents of the three tables: each source is read once
            parts.append(validation.provenance_failures(found, read_text))
    failures = validation.joined(parts)
    if failures.empty and not full:
        _remember(work, "provenance", now)
    return failures


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


