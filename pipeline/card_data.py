"""What the dataset card shows of a release's tables, read a batch at a time and remembered per document.

The card needs rows per document, unit and kind, the events' dates, and the metrics that state a
canonical indicator (naming them is the costly part). These are summarised per document. Given a
cache folder and each document's digest (what its rows were built from: pipeline.curate's
document_digests), the summaries of documents whose rows did not change are taken from the last
card and only the changed documents' rows are read, so a refresh that changed one document of
ten thousand reads one document's rows for its card. Summaries are in file order either way:
the card is the same with or without the cache.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

import schemas
from pipeline.batches import batches, conform_columns
from pipeline.code_version import ROOT, source_hash
from pipeline.series import COLUMNS as SERIES_COLUMNS
from pipeline.series import canonical_rows
from pipeline.store import atomic_write, write_parquet

EXTRACTED = ("metrics", "plans", "events")
COUNTED = ["source_file", "unit", "kind"]
SERIES_INPUT = sorted({*SERIES_COLUMNS, "indicator", "value_text", "evidence"} - {"indicator_text"})
DATED = ["event_type", "date_start", "date_end"]
READ = {"metrics": sorted({*COUNTED, *SERIES_INPUT}), "plans": ["source_file"], "events": ["source_file", *DATED]}
COUNTS = ["table", *COUNTED, "rows", "corrected"]
CODE = source_hash([ROOT / f"{m}.py" for m in ("card_data", "series", "keys", "batches")])


def frames(value: pd.DataFrame | Path, table: str, columns: list[str],
           documents: set[str] | None = None) -> Iterator[pd.DataFrame]:
    """Some columns of a table given as a frame or a file, a batch of rows at a time; only ``documents``'s rows
    when given."""
    if isinstance(value, Path):
        yield from batches(value, table, columns=columns, documents=documents)
    else:
        df = value[[c for c in columns if c in value.columns]]
        yield df if documents is None else df[df["source_file"].isin(documents).to_numpy(dtype=bool)]


def metric_counts(metrics: pd.DataFrame | Path) -> pd.DataFrame:
    """Metrics rows per document, unit and kind (columns source_file, unit, kind, rows)."""
    parts = [df.groupby(COUNTED, dropna=False).size().rename("rows").reset_index()
             for df in frames(metrics, "metrics", COUNTED) if len(df)]
    return _unit_kind(pd.concat(parts) if parts else None)


def _unit_kind(counts: pd.DataFrame | None) -> pd.DataFrame:
    """Counts of several batches (or documents) added up per document, unit and kind."""
    if counts is None or not len(counts):
        return pd.DataFrame(columns=[*COUNTED, "rows"])
    return counts.groupby(COUNTED, dropna=False)["rows"].sum().reset_index()


def _in_file_order(df: pd.DataFrame) -> pd.DataFrame:
    """Whole documents from several sources, back in the order of the table files (by source_file)."""
    return df.sort_values("source_file", kind="stable").reset_index(drop=True)


@dataclass
class Summary:
    """A release's tables as the card needs them, per document."""
    counts: pd.DataFrame  # COUNTS: rows (and rows carrying a correction) per table, document, unit and kind
    named: pd.DataFrame  # the metrics stating a canonical indicator: SERIES_INPUT and `canonical`
    dated: pd.DataFrame  # the events: source_file and DATED

    @classmethod
    def read(cls, tables: dict[str, pd.DataFrame | Path], documents: set[str] | None = None) -> "Summary":
        """One pass over each table (only ``documents`` when given)."""
        counts, named, dated = [], [], []
        for t in EXTRACTED:
            for df in frames(tables[t], t, [*READ[t], "correction"], documents):
                keys = COUNTED if t == "metrics" else ["source_file"]
                fixed = df["correction"].notna() if "correction" in df.columns else pd.Series(False, index=df.index)
                counted = (df.assign(corrected=fixed.astype(int)).groupby(keys, dropna=False)
                           .agg(rows=("source_file", "size"), corrected=("corrected", "sum")).reset_index())
                counts.append(counted.assign(table=t, **{c: counted.get(c, None) for c in ("unit", "kind")})
                              .astype({"source_file": object, "unit": object, "kind": object})[COUNTS])
                if t == "metrics":
                    named.append(canonical_rows(df[SERIES_INPUT]))
                elif t == "events":
                    dated.append(df[["source_file", *DATED]])
        return cls.join([cls(_joined(counts, _no_counts()),
                             _joined(named, canonical_rows(schemas.empty_frame("metrics")[SERIES_INPUT])),
                             _joined(dated, schemas.empty_frame("events")[["source_file", *DATED]]))])

    @classmethod
    def join(cls, parts: list["Summary"]) -> "Summary":
        """Summaries of different documents as one (an empty part adds nothing, not even its dtypes)."""
        return cls(*(_in_file_order(_joined([getattr(p, f) for p in parts], getattr(parts[0], f)))
                     for f in ("counts", "named", "dated")))

    def only(self, documents: set[str]) -> "Summary":
        return Summary(*(df[df["source_file"].isin(documents).to_numpy(dtype=bool)]
                         for df in (self.counts, self.named, self.dated)))

    def save(self, folder: Path, digests: dict[str, str]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        write_parquet(self.counts, folder / "counts.parquet")
        write_parquet(self.named, folder / "named.parquet")
        write_parquet(self.dated, folder / "dated.parquet")
        # the state last: after a crash in between, the previous state still holds for every document it
        # names with its current digest (their rows in the new files are the same); the others are read again
        atomic_write(folder / "state.json", lambda tmp: tmp.write_text(json.dumps({"code": CODE, "digests": digests}),
                                                                       encoding="utf-8"))

    @classmethod
    def load(cls, folder: Path) -> tuple["Summary | None", dict[str, str]]:
        try:
            state = json.loads((folder / "state.json").read_text(encoding="utf-8"))
            if state.get("code") != CODE:
                return None, {}
            named = pd.read_parquet(folder / "named.parquet")
            named = _typed("metrics", named, SERIES_INPUT).assign(canonical=named["canonical"])
            dated = _typed("events", pd.read_parquet(folder / "dated.parquet"), ["source_file", *DATED])
            return cls(pd.read_parquet(folder / "counts.parquet"), named, dated), state["digests"]
        except (OSError, ValueError, KeyError, TypeError):
            return None, {}  # no cache or an unreadable one: every document is read


def _no_counts() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("rows", "corrected") else object) for c in COUNTS})


def _typed(table: str, df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Columns read back from the cache with the schema's dtypes, in the order a fresh read gives."""
    return conform_columns(table, df, columns)[columns]


def _joined(parts: list[pd.DataFrame], empty: pd.DataFrame) -> pd.DataFrame:
    parts = [p for p in parts if len(p)]
    return pd.concat(parts) if parts else empty


def summarise(tables: dict[str, pd.DataFrame | Path], cache: Path | None = None,
              digests: dict[str, str] | None = None) -> Summary:
    """The tables' Summary; with ``cache`` and ``digests`` (document -> what its rows were built from), only
    documents whose digest changed since the last card are read."""
    if cache is None or digests is None:
        return Summary.read(tables)
    cached, before = Summary.load(cache)
    kept = {d for d, g in digests.items() if before.get(d) == g} if cached is not None else set()
    changed = set(digests) - kept
    parts = ([cached.only(kept)] if kept else []) + ([Summary.read(tables, changed)] if changed else [])
    summary = Summary.join(parts) if parts else Summary.read(tables, set())
    summary.save(cache, digests)
    return summary


@dataclass
class CardData:
    """What the card shows of the tables."""
    docs: pd.DataFrame  # the documents table, whole (one row per file)
    rows: dict[str, int]  # rows per table
    per_document: pd.DataFrame  # source_file, then metrics, plans, events: rows of each
    metrics_by: pd.DataFrame  # as metric_counts
    events: pd.DataFrame  # DATED columns of every event
    series_rows: pd.DataFrame  # the metrics stating a canonical indicator (pipeline.series.canonical_rows)
    corrected: dict[str, int]  # rows carrying a correction, per table
    places: pd.DataFrame | None

    @classmethod
    def of(cls, tables: dict[str, pd.DataFrame | Path], cache: Path | None = None,
           digests: dict[str, str] | None = None) -> "CardData":
        columns = schemas.columns("documents")
        docs = _joined(list(frames(tables["documents"], "documents", columns)), schemas.empty_frame("documents"))
        s = summarise(tables, cache, digests)
        by_table = {t: s.counts[s.counts["table"] == t] for t in EXTRACTED}
        per_doc = {t: df.groupby("source_file")["rows"].sum().astype("int64") for t, df in by_table.items()}
        per_document = pd.DataFrame(per_doc).reindex(docs["source_file"]).fillna(0).astype(int)
        places = tables.get("places")
        return cls(docs, {"documents": len(docs), **{t: int(c.sum()) for t, c in per_doc.items()}},
                   per_document.reset_index(names="source_file"),
                   _unit_kind(by_table["metrics"]),
                   s.dated[DATED].reset_index(drop=True), s.named, {t: int(df["corrected"].sum()) for t, df in by_table.items()},
                   pd.read_parquet(places) if isinstance(places, Path) else places)
