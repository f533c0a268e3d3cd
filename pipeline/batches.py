"""Tables as streams: a Parquet table read a batch of rows at a time, or one document's rows at a time.

Every table is sorted by source_file first (pipeline.rows.order_columns), so a document's rows
are contiguous: checks, the release writer and the evidence viewer hold a batch or a document,
never a whole table in pandas. Frames come with the schema's dtypes and are indexed by their
row number in the file, so failures name the same rows as a check over the whole table would.
"""
from __future__ import annotations

import ctypes
import gc
import heapq
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

import schemas

BATCH_ROWS = 50_000


def release_memory(generation: int = 2) -> None:
    """Hand memory freed by a step back to the system (Arrow's pool and the C heap keep it otherwise), so
    the steps of one run do not stack their peaks. Garbage in reference cycles is collected first, up to
    ``generation``: a full collection (2) takes a tenth of a second with a run's objects alive; between
    batches the young generations (1) hold what the last frame left."""
    gc.collect(generation)
    pa.default_memory_pool().release_unused()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def conform_columns(table: str, df: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """schemas.conform for some of the table's columns (all by default), the index kept: a column
    the file lacks (a release older than the column) is all missing values."""
    schema = schemas.MODELS[table].to_schema()
    wanted = [c for c in schemas.columns(table) if columns is None or c in columns]
    missing = [c for c in wanted if c not in df.columns]
    df = df.reindex(columns=wanted)
    df[missing] = None
    for name in df.columns:
        df[name] = schema.columns[name].dtype.try_coerce(df[name])
    return df


def batches(path: Path, table: str, columns: list[str] | None = None, rows: int = BATCH_ROWS,
            documents: set[str] | None = None, ids: set[str] | None = None) -> Iterator[pd.DataFrame]:
    """The table in frames of at most ``rows`` rows, conformed, indexed by row number in the file; only the
    rows of ``documents`` (source_file) or with ``ids`` when given (filtered before any row reaches pandas)."""
    start = 0
    wanted = None if documents is None else ("source_file", pa.array(sorted(documents), pa.string()))
    if ids is not None:
        wanted = (schemas.ID_COLUMNS[table], pa.array(sorted(ids), pa.string()))
    with pq.ParquetFile(str(path)) as f:
        present = None if columns is None else [c for c in columns if c in f.schema_arrow.names]
        for batch in f.iter_batches(batch_size=rows, columns=present):
            index = np.arange(start, start + batch.num_rows)
            start += batch.num_rows
            if wanted is not None:
                taken = pc.indices_nonzero(pc.is_in(batch.column(wanted[0]), value_set=wanted[1]))
                batch, index = batch.take(taken), index[taken.to_numpy()]
            if batch.num_rows:
                df = conform_columns(table, batch.to_pandas(), columns)
                df.index = pd.Index(index)
                yield df
                del df
                release_memory(generation=1)  # what the caller made of the last frame is freed now: without
                # this, a pass over a large table grows by tens of MB per batch (measured: 0.8 GB after 10)


def head(path: Path, table: str, rows: int = 5) -> pd.DataFrame:
    """The first rows of a table file, conformed."""
    with pq.ParquetFile(str(path)) as f:
        first = next(f.iter_batches(batch_size=rows), None)
    return conform_columns(table, first.to_pandas()) if first is not None else schemas.empty_frame(table)


def frame(path: Path, table: str, **where) -> pd.DataFrame:
    """The rows ``batches`` gives, as one frame (for a few rows: ``ids=`` or ``documents=``)."""
    parts = list(batches(path, table, **where))
    return pd.concat(parts) if parts else conform_columns(table, schemas.empty_frame(table))


def column(path: Path, name: str) -> pa.ChunkedArray:
    """One column of a table file, in Arrow."""
    return pq.read_table(str(path), columns=[name]).column(name)


def by_document(streams: dict[str, Iterator[tuple[str, object]]]) -> Iterator[tuple[str, dict[str, object]]]:
    """Several tables' per-document streams ((source_file, its rows), e.g. document_records) merged:
    (source_file, {table: its rows}) in source_file order."""
    heads = []
    for n, (table, stream) in enumerate(streams.items()):
        first = next(stream, None)
        if first is not None:
            heads.append((first[0], n, table, first[1], stream))
    heapq.heapify(heads)
    while heads:
        source_file, found = heads[0][0], {}
        while heads and heads[0][0] == source_file:
            _, n, table, df, stream = heapq.heappop(heads)
            found[table] = df
            following = next(stream, None)
            if following is not None:
                heapq.heappush(heads, (following[0], n, table, following[1], stream))
        yield source_file, found


def document_chunks(streams: dict[str, Iterator[pd.DataFrame]]) -> Iterator[dict[str, pd.DataFrame]]:
    """Several tables' frames (each sorted by source_file) regrouped: each yield holds whole documents of every
    table ({table: its rows of those documents}), about a frame's worth, without splitting per document."""
    live, buffers = dict(streams), {t: None for t in streams}

    def pull(table: str) -> None:
        following = next(live[table], None)
        if following is None:
            del live[table]
        else:
            buffers[table] = following if buffers[table] is None else pd.concat([buffers[table], following])

    for table in list(live):
        pull(table)
    while True:
        if not live:  # every stream read: what is left is whole documents
            rest = {t: df for t, df in buffers.items() if df is not None and len(df)}
            if rest:
                yield rest
            return
        bound = min(buffers[t]["source_file"].iat[-1] for t in live)  # the first document that may go on
        out = {}
        for table, df in buffers.items():
            if df is None:
                continue
            cut = int(np.searchsorted(df["source_file"].to_numpy(dtype=object), bound, side="left"))
            if cut:
                out[table] = df.iloc[:cut]
            buffers[table] = df.iloc[cut:] if cut < len(df) else None
        if out:
            yield out
        for table in [t for t in live if buffers[t] is None or buffers[t]["source_file"].iat[-1] == bound]:
            pull(table)


def document_records(path: Path, table: str, documents: set[str] | None = None,
                     rows: int = 8192) -> Iterator[tuple[str, list[dict]]]:
    """(source_file, its rows as plain dicts with every column of the table) in file order, a batch at a time,
    for ``documents`` only when given; a column the file lacks is None. Lighter than frames where rows are
    used one by one."""
    names = schemas.columns(table)
    wanted = None if documents is None else pa.array(sorted(documents), pa.string())
    with pq.ParquetFile(str(path)) as f:
        present = [c for c in names if c in f.schema_arrow.names]
        missing = dict.fromkeys(c for c in names if c not in present)
        current, found = None, []
        for batch in f.iter_batches(batch_size=rows, columns=present):
            if wanted is not None:
                batch = batch.filter(pc.is_in(batch.column("source_file"), value_set=wanted))
            for rec in batch.to_pylist():
                if missing:
                    rec.update(missing)
                if rec["source_file"] != current:
                    if found:
                        yield current, found
                    current, found = rec["source_file"], []
                found.append(rec)
        if found:
            yield current, found

