"""Assemble a table from every document's stored rows, re-reading only what changed.

Reading thousands of per-document files costs seconds, so the last assembly is
kept with the fingerprint (sha256 @ extractor version, stored file size and
mtime) each document's rows came from, inside the same Parquet file (one atomic write). Rows of a document whose
fingerprint still matches its manifest are reused; the others are read afresh.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import schemas
from pipeline.rows import table_frame
from pipeline.store import DocumentStore, atomic_write

_META_KEY = b"pipeline.fingerprints"


def _read_cache(path: Path) -> tuple[pd.DataFrame | None, dict[str, str]]:
    try:
        table = pq.read_table(str(path))
        return table.to_pandas(), json.loads(table.schema.metadata[_META_KEY])
    except (OSError, KeyError, ValueError, TypeError, pa.ArrowException):
        return None, {}  # no cache, or an unreadable one: rebuild from the per-document files


def assemble(store: DocumentStore, table: str, keys: list[str], cache_dir: Path) -> pd.DataFrame:
    fingerprints = {k: store.fingerprint(table, k) for k in keys}
    cache = cache_dir / f"{table}.parquet"
    cached, cached_fingerprints = _read_cache(cache)
    reuse = {k for k, f in fingerprints.items() if f is not None and cached_fingerprints.get(k) == f}
    parts = [store.read_table(table, sorted(set(keys) - reuse))]
    if cached is not None and reuse:
        parts.append(schemas.conform(table, cached[cached["source_file"].isin(reuse)]))
    parts = [p for p in parts if len(p)]
    df = table_frame(table, pd.concat(parts, ignore_index=True)) if parts else schemas.empty_frame(table)

    arrow = pa.Table.from_pandas(df, preserve_index=False)
    arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}),
                                           _META_KEY: json.dumps({k: f for k, f in fingerprints.items() if f}).encode()})
    cache_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(cache, lambda tmp: pq.write_table(arrow, str(tmp)))
    return df
