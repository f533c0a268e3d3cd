"""Extract many documents on several cores.

Each worker process reads, extracts and stores whole documents (``pipeline.corpus.process``,
``DocumentStore.write``), one document's files at a time and its manifest last, exactly as one
process does: the stored rows never depend on the number of workers or the order they finish in.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

from pipeline.store import DocumentStore

MAX_WORKERS = 8
CHUNK = 10  # documents per task: small enough to balance the load, large enough to amortise it
MIN_PER_WORKER = 2 * CHUNK  # fewer documents than this per extra worker: not worth starting it
WORKERS_VARIABLE = "PIPELINE_EXTRACT_WORKERS"


def worker_count(requested: int, documents: int) -> int:
    """``requested`` processes, or (0) PIPELINE_EXTRACT_WORKERS, else one per core; at most MAX_WORKERS and
    one per MIN_PER_WORKER documents."""
    if requested <= 0:
        requested = int(os.environ.get(WORKERS_VARIABLE) or 0) or os.cpu_count() or 1
    return max(1, min(requested, MAX_WORKERS, documents // MIN_PER_WORKER))


def _worker_start() -> None:
    """A worker allocates many short-lived objects and keeps almost none: what is loaded at its start is frozen
    out of the collector's scans and collections run less often (about 6 % faster extraction, measured)."""
    from pipeline.corpus import process  # noqa: F401  (the extractors, loaded before freezing)

    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _extract(seeds: Path, work: Path, keys: list[str], extractor_version: str) -> list[dict]:
    from pipeline.corpus import process  # imported in the worker: the parent may not need the extractors

    store, summaries = DocumentStore(work), []
    for key in keys:
        stat = (seeds / key).stat()  # before reading: a later edit shows as a changed size or mtime
        summaries.append(store.write(key, process(seeds / key), extractor_version, stat))
    return summaries


def extract(seeds: Path, store: DocumentStore, keys: list[str], extractor_version: str, workers: int = 0,
            progress: Callable[[int], None] = lambda done: None) -> list[dict]:
    """Extract and store the documents ``keys`` (files of ``seeds``); their manifest summaries, in key order."""
    n = worker_count(workers, len(keys))
    chunks = [keys[i:i + CHUNK] for i in range(0, len(keys), CHUNK)]
    summaries: list[dict] = []
    if n == 1:
        for chunk in chunks:
            summaries += _extract(Path(seeds), store.root.parent, chunk, extractor_version)
            progress(len(summaries))
        return summaries
    # spawn, not fork: the parent (a Dagster run) has threads and open database handles
    with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_start) as pool:
        for done in pool.map(_extract, repeat(Path(seeds)), repeat(store.root.parent), chunks, repeat(extractor_version)):
            summaries += done
            progress(len(summaries))
    return summaries
