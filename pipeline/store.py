"""Per-document intermediate results: one Parquet file per table per document,
plus a small manifest recording what was extracted from which bytes by which
extractor version, so an unchanged document is never parsed twice."""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import schemas
from pipeline.corpus import EXTRACTED, DocumentResult, frames, sort_rows

TABLES = ("documents", *EXTRACTED)


def _atomic_write(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write(tmp)
    os.replace(tmp, path)


def write_parquet(df: pd.DataFrame, path: Path) -> None:
    """Deterministic Parquet: same frame, same bytes (no index, no timestamps)."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    _atomic_write(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))


class DocumentStore:
    def __init__(self, work_dir: Path):
        self.root = Path(work_dir) / "documents"

    def _file(self, table: str, key: str) -> Path:
        # partition keys are file names; quote them so any name is a safe file name
        return self.root / table / f"{quote(key, safe='')}.parquet"

    def _manifest(self, key: str) -> Path:
        return self.root / "manifest" / f"{quote(key, safe='')}.json"

    def manifest(self, key: str) -> dict | None:
        try:
            return json.loads(self._manifest(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def is_current(self, key: str, sha256: str, extractor_version: str) -> bool:
        m = self.manifest(key)
        return bool(m) and m.get("source_sha256") == sha256 and m.get("extractor_version") == extractor_version

    def write(self, key: str, result: DocumentResult, extractor_version: str) -> dict:
        """Store one document's rows; the manifest is written last, so a crash leaves it stale, never wrong."""
        tables = frames([result])
        for table, df in tables.items():
            path = self._file(table, key)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_parquet(df, path)
        summary = {
            "source_file": key, "source_sha256": result.document["source_sha256"],
            "extractor_version": extractor_version, "status": result.document["status"],
            "encoding": result.document.get("encoding"), "damaged_chars": result.document.get("damaged_chars"),
            "error": result.document.get("error"),
            **{f"{t}_rows": len(tables[t]) for t in EXTRACTED},
        }
        self._manifest(key).parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(self._manifest(key), lambda tmp: tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8"))
        return summary

    def remove(self, key: str) -> None:
        for table in TABLES:
            self._file(table, key).unlink(missing_ok=True)
        self._manifest(key).unlink(missing_ok=True)

    def keys(self) -> list[str]:
        folder = self.root / "manifest"
        return sorted(json.loads(p.read_text(encoding="utf-8"))["source_file"] for p in folder.glob("*.json")) if folder.exists() else []

    def read_table(self, table: str, keys: list[str]) -> pd.DataFrame:
        """One table assembled from the given documents, in stable order with the schema's dtypes."""
        paths = [p for p in (self._file(table, k) for k in sorted(keys)) if p.exists()]
        if not paths:
            return schemas.empty_frame(table)
        df = pa.concat_tables([pq.read_table(p) for p in paths], promote_options="permissive").to_pandas()
        return sort_rows(table, schemas.conform(table, df))
