"""Publishing the table files (outputs/work/tables/) without holding them: what pipeline.release
needs of a table it is given as a file, read a batch at a time.

- blocking failures: pipeline.checking on the files (the schema check remembers documents that
  passed, so after the Dagster checks this is the id and reference checks over whole columns);
- the row diff against the previous release: rows hashed as for frames, but only of documents
  whose rows may differ. Each publish records what every document's rows were built from
  (work/tables/published.json); a document built from the same inputs has the same rows;
- the few rows CHANGES.md describes, read by id.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import schemas
from pipeline import checking, validation
from pipeline.batches import batches, column, frame
from pipeline.curate import document_digests
from pipeline.rows import EXTRACTED
from pipeline.store import atomic_write

TABLES = ("documents", *EXTRACTED)


def work_of(tables: dict[str, pd.DataFrame | Path]) -> Path | None:
    """The work folder when the four tables are its table files (work/tables/TABLE.parquet), else None."""
    paths = [tables.get(t) for t in TABLES]
    if not all(isinstance(p, Path) for p in paths):
        return None
    work = paths[0].parent.parent
    assert all(p == work / "tables" / f"{t}.parquet" for t, p in zip(TABLES, paths)), paths
    return work


def blocking_failures(work: Path, places: pd.DataFrame) -> pd.DataFrame:
    """validation.blocking_failures over the table files (and the places frame), in the same order."""
    parts = [checking.schema(work, t) for t in TABLES] + [validation.schema_failures("places", places)]
    parts += [checking.unique_ids(work, t) for t in TABLES] + [validation.duplicate_ids("places", places)]
    known = {"doc_id": (checking.ids(work, "documents"), "references documents"),
             "plan_id": (checking.ids(work, "plans"), "references plans"),
             "place_code": (pa.array(places["place_code"].dropna().unique(), pa.string()), "references places")}
    for table in EXTRACTED:
        for name, (values, check) in known.items():
            if name in schemas.columns(table) and not (name == "plan_id" and table == "plans"):
                parts.append(checking.references(work, table, name, values, check))
    return validation.joined(parts)


def rows(path: Path) -> int:
    return pq.ParquetFile(str(path)).metadata.num_rows


def ids(path: Path, table: str) -> list[str]:
    return column(path, schemas.ID_COLUMNS[table]).to_pylist()


def diff(table: str, old: Path, new: Path, documents: set[str] | None, row_hashes) -> dict[str, list[str]]:
    """Ids added, removed and changed between two files of a table, looking only at ``documents`` (None: all)."""
    before, after = (_hashes(table, path, documents, row_hashes) for path in (old, new))
    common = before.index.intersection(after.index)
    return {
        "added": sorted(after.index.difference(before.index)),
        "removed": sorted(before.index.difference(after.index)),
        "changed": sorted(common[before[common].to_numpy() != after[common].to_numpy()]),
    }


def _hashes(table: str, path: Path, documents: set[str] | None, row_hashes) -> pd.Series:
    if documents is not None and not documents:
        return pd.Series([], dtype="uint64", index=pd.Index([], dtype=object))
    parts = [row_hashes(table, df) for df in batches(path, table, documents=documents)]
    return pd.concat(parts) if parts else pd.Series([], dtype="uint64", index=pd.Index([], dtype=object))


def listed_rows(path: Path | None, table: str, wanted: set[str]) -> pd.DataFrame:
    """The rows with the ids CHANGES.md lists, as a frame (empty when the file does not exist)."""
    if path is None or not Path(path).exists() or not wanted:
        return schemas.empty_frame(table)
    return frame(path, table, ids=wanted)


def _record_path(work: Path) -> Path:
    return Path(work) / "tables" / "published.json"


def changed_documents(work: Path, previous: str | None) -> dict[str, set[str] | None]:
    """Per extracted table, the documents whose rows may differ from release ``previous`` (None: unknown)."""
    try:
        record = json.loads(_record_path(work).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    out: dict[str, set[str] | None] = {"documents": None}
    for table in EXTRACTED:
        then, now = (record.get("digests", {}).get(table) if record.get("version") == previous else None,
                     document_digests(work, table))
        out[table] = None if then is None or now is None else {d for d in set(then) | set(now) if then.get(d) != now.get(d)}
    return out


def record(work: Path, version: str) -> None:
    """What the tables of release ``version`` were built from, per document (after it is published)."""
    value = {"version": version, "digests": {t: document_digests(work, t) for t in EXTRACTED}}
    atomic_write(_record_path(work), lambda tmp: tmp.write_text(json.dumps(value), encoding="utf-8"))


def published_digests(work: Path, version: str, tables) -> dict[str, dict[str, str]] | None:
    """Per table, what each document's rows in release ``version`` were built from, if this work folder
    published it last (None otherwise)."""
    try:
        found = json.loads(_record_path(work).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    digests = found.get("digests", {}) if found.get("version") == version else {}
    return digests if all(digests.get(t) is not None for t in tables) else None
