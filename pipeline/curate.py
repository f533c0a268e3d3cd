"""The extracted tables, curated: assembled from the per-document store, corrected
(pipeline.corrections) and with the rows that fail a row-level check set aside
(pipeline.quarantine), a batch of documents at a time.

A document's curated rows depend only on its stored rows (their store fingerprint), the
table's corrections and this code. Each build records what it used beside the table
(outputs/work/tables/TABLE.state.json): the next build keeps the rows of unchanged documents
from the table file itself and reads, corrects and splits only the changed ones; when nothing
changed the file stays as it is. New corrections or new code rebuild from the store. The file
is the one `pipeline.store.write_parquet` writes for a frame of the same rows, byte for byte:
one row group, which is why the writer holds the table's rows in Arrow (not in pandas).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

import schemas
from pipeline import quarantine
from pipeline.batches import release_memory
from pipeline.code_version import ROOT, source_hash
from pipeline.corrections import Correction, problem
from pipeline.corrections import apply as apply_corrections
from pipeline.store import DocumentStore, atomic_write

DOCS_PER_BATCH = 500
CODE = source_hash([ROOT / f"{m}.py" for m in ("curate", "corrections", "quarantine", "rows", "store", "validation")]
                   + list((ROOT.parent / "schemas").glob("*.py")))
NO_SUCH_ROW = "no such row: its document changed or the rules no longer produce it"


@dataclass
class Curated:
    rows: int
    corrected_rows: int  # rows a correction changed or added
    rows_before_split: int  # after corrections, before the quarantine split
    per_document: dict[str, int]  # rows of each document with any
    set_aside: pd.DataFrame  # quarantine records (pipeline.quarantine.COLUMNS)
    problems: list[dict]  # corrections that no longer fit
    rebuilt: int  # documents read from the store in this build (the others were kept)


def table_file(work: Path, table: str) -> Path:
    return Path(work) / "tables" / f"{table}.parquet"


def state_file(work: Path, table: str) -> Path:
    return Path(work) / "tables" / f"{table}.state.json"


def _stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def read_state(work: Path, table: str) -> dict:
    """The last build's record, if it is of this code and still describes the table file as it is."""
    try:
        state = json.loads(state_file(work, table).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    fresh = isinstance(state, dict) and state.get("code") == CODE and state.get("file") == _stamp(table_file(work, table))
    return state if fresh else {}


def document_digests(work: Path, table: str) -> dict[str, str] | None:
    """source_file -> what its rows in the table file were built from (None: unknown, e.g. no state)."""
    state = read_state(work, table)
    if not state:
        return None
    return {doc: f"{v[0]}|{state['corrections']}|{CODE}" for doc, v in state["docs"].items()}


def curate(store: DocumentStore, table: str, keys: list[str], corrections: list[Correction], outputs: Path) -> Curated:
    """Build outputs/work/tables/TABLE.parquet (and the quarantine list) for the documents ``keys``."""
    work = store.root.parent
    mine = [c for c in corrections if c.table == table]
    fixes = hashlib.sha256(repr(mine).encode("utf-8")).hexdigest()[:16]
    fingerprints = {k: store.fingerprint(table, k) for k in keys}
    docs = sorted(set(keys) | {c.fields["source_file"] for c in mine if c.action == "add"})
    state = read_state(work, table)
    if state.get("corrections") != fixes:
        state = {}
    before = state.get("docs", {})
    keep = {d for d in docs if d in before and before[d][0] is not None and before[d][0] == fingerprints.get(d)}
    if state and keep == set(docs) == set(before):
        return _unchanged(state, outputs, table)  # nothing changed: the file stands

    applied = {ref: doc for ref, doc in state.get("applied", {}).items() if doc in keep}
    problems = [p for p in state.get("problems", []) if p["doc"] in keep]
    candidates = [c for c in mine if c.ref not in applied]
    counts = {d: before[d][1:] for d in keep}  # [rows before the split, rows after]
    parts, records, matched = [], [], set()
    changed = [d for d in docs if d not in keep]
    for start in range(0, len(changed), DOCS_PER_BATCH):
        batch = changed[start:start + DOCS_PER_BATCH]
        built, found = _build(store, table, batch, [c for c in candidates if c.ref not in matched], fingerprints)
        matched |= set(found["applied"])
        applied |= found["applied"]
        problems += found["problems"]
        counts |= found["counts"]
        parts.append(built)
        records.append(found["set_aside"])
        release_memory(generation=1)  # a batch's frames are gone: their memory would otherwise pile up under the
        # table's; they are young objects, so a full collection (0.2 s with a run's objects alive) is not needed
    for c in candidates:
        if c.action != "add" and c.ref not in matched:
            problems.append({**problem(c.ref, table, c.id, NO_SUCH_ROW), "doc": None})
    order = {c.ref: n for n, c in enumerate(mine)}
    problems.sort(key=lambda p: order.get(p["correction"], len(order)))

    set_aside = _set_aside(outputs, table, keep, records)
    built = pa.concat_tables(parts) if parts else None
    del parts
    merged = [_merged(table, _kept_rows(work, table, keep), built, docs, keep, counts)]
    del built
    corrected = merged[0].num_rows - merged[0].column("correction").null_count
    path = table_file(work, table)
    path.parent.mkdir(parents=True, exist_ok=True)
    _write(merged, path)  # handed over in a list: the writer frees each column's chunks as it joins them
    quarantine.write(outputs, table, set_aside)  # before the state: a crash in between rebuilds, never trusts a stale list
    state = {"code": CODE, "corrections": fixes, "file": _stamp(path), "corrected": corrected,
             "docs": {d: [fingerprints.get(d), *counts[d]] for d in docs},
             "applied": applied, "problems": problems}
    atomic_write(state_file(work, table), lambda tmp: tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8"))
    result = _unchanged(state, outputs, table, set_aside)
    result.rebuilt = len(changed)
    release_memory(generation=1)
    return result


def _build(store: DocumentStore, table: str, batch: list[str], candidates: list[Correction],
           fingerprints: dict) -> tuple[pa.Table, dict]:
    """Read, correct and split the rows of a batch of documents."""
    id_column = schemas.ID_COLUMNS[table]
    raw = store.read_table(table, [d for d in batch if d in fingerprints])
    ids = dict(zip(raw[id_column], raw["source_file"]))
    names = set(batch)
    here = [c for c in candidates
            if (c.action == "add" and c.fields["source_file"] in names) or (c.action != "add" and c.id in ids)]
    corrected, problems = apply_corrections(table, raw, here)
    kept, set_aside = quarantine.split(table, corrected)
    wrong = set_aside[set_aside["correction"].notna()]
    problems += [problem(r["correction"], table, r["id"], f"fails the schema: {r['column']} {r['check']} ({r['value']})")
                 for r in wrong.to_dict("records")]
    applied = {c.ref: c.fields["source_file"] if c.action == "add" else ids[c.id] for c in here}
    before, after = corrected.groupby("source_file").size(), kept.groupby("source_file").size()
    counts = {d: [int(before.get(d, 0)), int(after.get(d, 0))] for d in batch}
    found = {"applied": applied, "counts": counts, "set_aside": set_aside[set_aside["correction"].isna()],
             "problems": [{**p, "doc": applied.get(p["correction"])} for p in problems]}
    return pa.Table.from_pandas(kept, preserve_index=False), found


def _kept_rows(work: Path, table: str, keep: set[str]) -> pa.Table | None:
    """The rows of the documents in ``keep`` from the last table file, in its order."""
    if not keep:
        return None
    with pq.ParquetFile(str(table_file(work, table))) as f:
        wanted = pa.array(sorted(keep))
        parts = [b.filter(pc.is_in(b.column("source_file"), value_set=wanted)) for b in f.iter_batches(batch_size=65_536)]
        return pa.Table.from_batches(parts, schema=f.schema_arrow)


def _merged(table: str, kept: pa.Table | None, built: pa.Table | None, docs: list[str], keep: set[str],
            counts: dict[str, list[int]]) -> pa.Table:
    """Kept and rebuilt rows interleaved in document order (both are in that order already): zero-copy slices."""
    if kept is None and built is None:
        return pa.Table.from_pandas(schemas.empty_frame(table), preserve_index=False)
    schema = (built if built is not None else kept).schema
    sources = {True: kept, False: built}
    at = {True: 0, False: 0}
    slices, run, run_side, run_start = [], 0, None, 0
    for d in docs:
        side, n = d in keep, counts[d][1]
        if side != run_side and run:
            slices.append(sources[run_side].slice(run_start, run))
            run = 0
        if not run:
            run_side, run_start = side, at[side]
        run += n
        at[side] += n
    if run:
        slices.append(sources[run_side].slice(run_start, run))
    for side, source in sources.items():
        if source is not None and at[side] != source.num_rows:
            raise RuntimeError(f"{table}: {source.num_rows} {'kept' if side else 'rebuilt'} rows, but the documents "
                               f"count {at[side]} (remove outputs/work/tables/{table}.state.json to rebuild)")
    slices = [s.cast(schema) for s in slices if s.num_rows] or [pa.Table.from_pandas(schemas.empty_frame(table), preserve_index=False)]
    return pa.concat_tables(slices)


def _write(holder: list[pa.Table], path: Path) -> None:
    """One row group, zstd, from one contiguous array per column: what write_parquet writes for the frame.
    The table comes in a one-item list, emptied here, so no caller keeps its chunks alive."""
    arrow = holder.pop()
    schema, columns = arrow.schema, list(arrow.columns)
    del arrow
    for i, column in enumerate(columns):  # one column at a time: the chunks of each are freed as it is joined
        columns[i] = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    joined = pa.Table.from_arrays(columns, schema=schema)
    atomic_write(path, lambda tmp: pq.write_table(joined, str(tmp), compression="zstd"))


def _set_aside(outputs: Path, table: str, keep: set[str], records: list[pd.DataFrame]) -> pd.DataFrame:
    """The table's quarantine list: the last list's records of kept documents and the new ones, by document."""
    path = Path(outputs) / "rejects" / f"quarantine.{table}.csv"
    old = pd.read_csv(path, dtype=str) if keep and path.exists() else pd.DataFrame(columns=quarantine.COLUMNS)
    parts = [p for p in [old[old["source_file"].isin(keep)], *records] if len(p)]
    if not parts:
        return pd.DataFrame(columns=quarantine.COLUMNS)
    out = pd.concat(parts, ignore_index=True)[quarantine.COLUMNS]
    return out.sort_values("source_file", kind="stable").reset_index(drop=True)


def _unchanged(state: dict, outputs: Path, table: str, set_aside: pd.DataFrame | None = None) -> Curated:
    if set_aside is None:
        path = Path(outputs) / "rejects" / f"quarantine.{table}.csv"
        set_aside = pd.read_csv(path, dtype=str) if path.exists() else pd.DataFrame(columns=quarantine.COLUMNS)
    counts = state["docs"]
    return Curated(rows=sum(v[2] for v in counts.values()), corrected_rows=state.get("corrected", 0),
                   rows_before_split=sum(v[1] for v in counts.values()),
                   per_document={d: v[2] for d, v in counts.items() if v[2]}, set_aside=set_aside,
                   problems=[{k: v for k, v in p.items() if k != "doc"} for p in state["problems"]], rebuilt=0)
