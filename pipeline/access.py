"""Reading releases: load tables, verify a release, diff two releases."""
from __future__ import annotations

import hashlib
import json
import os
from functools import partial
from pathlib import Path

import pandas as pd

import schemas
from pipeline.release import PUBLISHED, TABLE_ORDER, diff_table, latest_version, releases_dir
from pipeline.rows import EXTRACTED
from pipeline.sources import current_text
from pipeline.store import read_parquet
from pipeline.validation import blocking_failures, provenance_failures


def _outputs(outputs_dir: str | Path | None) -> Path:
    return Path(outputs_dir or os.environ.get("PIPELINE_OUTPUTS_DIR", "outputs"))


def release_path(version: str | None = None, outputs_dir: str | Path | None = None) -> Path:
    outputs = _outputs(outputs_dir)
    version = version or latest_version(outputs)
    if version is None:
        raise FileNotFoundError(f"no release under {releases_dir(outputs)}: run `make release` first")
    path = releases_dir(outputs) / version
    if not path.is_dir():
        raise FileNotFoundError(f"no release {version} under {releases_dir(outputs)}")
    return path


def load(table: str, version: str | None = None, outputs_dir: str | Path | None = None) -> pd.DataFrame:
    """One table of a release (the newest by default) with the schema's dtypes; ``places`` is the reference
    table the rows' place_code points into."""
    if table not in schemas.MODELS:
        raise ValueError(f"unknown table {table!r}; choose one of {', '.join(schemas.MODELS)}")
    df = read_parquet(release_path(version, outputs_dir) / f"{table}.parquet")
    return schemas.conform(table, df)


def load_release(version: str | None = None, outputs_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Every table of a release: the four tables, and places when the release has it (since place_code)."""
    path = release_path(version, outputs_dir)
    return {t: load(t, path.name, path.parent.parent) for t in PUBLISHED if t in TABLE_ORDER or (path / f"{t}.parquet").exists()}


def verify(version: str | None = None, outputs_dir: str | Path | None = None, seeds_dir: str | Path | None = None) -> list[str]:
    """Problems found in a release (empty list = verified): checksums, schemas, provenance against the seeds."""
    path = release_path(version, outputs_dir)
    seeds = Path(seeds_dir or os.environ.get("PIPELINE_SEEDS_DIR", "seeds"))
    problems = []
    package = json.loads((path / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        file = path / resource["path"]
        if not file.exists():
            problems.append(f"{resource['path']}: missing")
            continue
        digest = "sha256:" + hashlib.sha256(file.read_bytes()).hexdigest()
        if digest != resource["hash"] or file.stat().st_size != resource["bytes"]:
            problems.append(f"{resource['path']}: sha256 or size differs from datapackage.json")
    if problems:
        return problems
    tables = load_release(path.name, path.parent.parent)
    for _, f in blocking_failures(tables).iterrows():
        problems.append(f"{f['table']} row {f['row']}: {f['column']} fails {f['check']} ({f['value']})")

    extracted = {t: tables[t] for t in EXTRACTED}
    for _, f in provenance_failures(extracted, partial(current_text, seeds)).iterrows():
        problems.append(f"{f['table']} row {f['row']}: {f['column']} fails '{f['check']}' against {seeds} ({f['value']})")
    return problems


def diff(old: str, new: str, outputs_dir: str | Path | None = None) -> dict[str, dict[str, list[str]]]:
    a, b = load_release(old, outputs_dir), load_release(new, outputs_dir)
    return {t: diff_table(t, a[t], b[t]) for t in TABLE_ORDER}
