"""Publish validated tables as an immutable, versioned release.

Layout: ``outputs/releases/vMAJOR.MINOR.PATCH/`` with the four Parquet tables, the
reference table of places they point into (``places.parquet``, from pipeline/reference/),
``datapackage.json`` and ``CHANGES.md``; ``outputs/releases/LATEST`` names the
newest. A release is built in a staging directory beside the others and renamed
into place, then LATEST is replaced: a crash at any step leaves the previous
release and LATEST as they were. A file lock makes concurrent publishers take
turns; the second then finds nothing changed and publishes nothing.

The rename is the commit point: files are fsynced before it, and a publisher that
died between the rename and the LATEST update leaves a complete release directory
that LATEST does not name yet; the next publisher checks it against its
datapackage.json and moves LATEST forward to it (instead of failing on the existing
directory forever).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

import schemas
from pipeline import release_files
from pipeline.places import load_places
from pipeline.store import read_parquet, write_parquet
from pipeline.validation import blocking_failures
from schemas.table_schema import table_schema

TABLE_ORDER = ("documents", "metrics", "plans", "events")
REFERENCE_ORDER = tuple(schemas.REFERENCE_TABLES)  # ("places",): curated, shipped in every release
PUBLISHED = TABLE_ORDER + REFERENCE_ORDER
PACKAGE_NAME = "cn-digital-economy-kr"


class ReleaseBlocked(Exception):
    """Validation failed; nothing was published. ``failures`` lists rows and why."""

    def __init__(self, failures: pd.DataFrame, rejects_path: Path):
        self.failures, self.rejects_path = failures, rejects_path
        summary = failures.groupby(["table", "column", "check"]).size().to_string()
        super().__init__(f"release blocked: {len(failures)} failing rows, listed in {rejects_path}\n{summary}")


class ReleaseBusy(Exception):
    """Another refresh held the publish lock for longer than we were willing to wait."""


@dataclass
class Published:
    version: str | None  # None when nothing changed
    path: Path | None
    previous: str | None
    bump: str | None = None
    changes: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    recovered: list[str] = field(default_factory=list)  # releases an interrupted publisher left, now named by LATEST


def releases_dir(outputs_dir: Path) -> Path:
    return Path(outputs_dir) / "releases"


def latest_version(outputs_dir: Path) -> str | None:
    try:
        name = (releases_dir(outputs_dir) / "LATEST").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return name or None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


_VERSION = re.compile(r"v\d+\.\d+\.\d+")


def _fsync(path: Path) -> None:
    """Flush a file or a directory entry to disk, so a rename never exposes unwritten data."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_latest(folder: Path, version: str) -> None:
    tmp = folder / f".LATEST.{os.getpid()}.tmp"
    with tmp.open("w", encoding="utf-8") as f:
        f.write(version + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, folder / "LATEST")
    _fsync(folder)


def _complete_release(path: Path) -> bool:
    """Every file datapackage.json lists is there with its recorded size and sha256."""
    try:
        package = json.loads((path / "datapackage.json").read_text(encoding="utf-8"))
        return bool(package["resources"]) and all(
            (path / r["path"]).stat().st_size == r["bytes"] and f"sha256:{_sha256(path / r['path'])}" == r["hash"]
            for r in package["resources"])
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _recover(folder: Path, latest: str | None) -> tuple[str | None, list[str]]:
    """Move LATEST forward over releases whose publisher died after the rename.

    Such a directory is newer than LATEST, complete, and was built on top of LATEST
    (its previous_version). Anything else newer than LATEST is left alone: the
    version collision then stops the publish with a message naming it.
    """
    newer = sorted((_parse(p.name), p) for p in folder.iterdir()
                   if p.is_dir() and _VERSION.fullmatch(p.name) and (latest is None or _parse(p.name) > _parse(latest)))
    recovered = []
    for _, path in newer:
        try:
            previous = json.loads((path / "datapackage.json").read_text(encoding="utf-8")).get("previous_version")
        except (OSError, ValueError):
            break
        if previous != latest or not _complete_release(path):
            break
        _write_latest(folder, path.name)
        latest = path.name
        recovered.append(path.name)
    return latest, recovered


def _parse(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(x) for x in version.lstrip("v").split("."))
    return major, minor, patch


def next_version(previous: str | None, bump: str) -> str:
    if previous is None:
        return "v1.0.0"
    major, minor, patch = _parse(previous)
    return {"major": f"v{major + 1}.0.0", "minor": f"v{major}.{minor + 1}.0", "patch": f"v{major}.{minor}.{patch + 1}"}[bump]


def _row_hashes(table: str, df: pd.DataFrame) -> pd.Series:
    """One content hash per row, indexed by id; rows compare as text, so dtypes read back differently still match.

    The `extractor` column (rule @ version) is left out: a new extractor version that
    reads the same facts changes metadata only, which is a patch release.
    """
    as_text = schemas.conform(table, df).drop(columns=["extractor"], errors="ignore").astype(str)
    return pd.Series(pd.util.hash_pandas_object(as_text, index=False).to_numpy(), index=as_text[schemas.ID_COLUMNS[table]])


def diff_table(table: str, old: pd.DataFrame, new: pd.DataFrame) -> dict[str, list[str]]:
    """Ids added, removed and changed (same id, different content) between two versions of a table."""
    before, after = _row_hashes(table, old), _row_hashes(table, new)
    common = before.index.intersection(after.index)
    return {
        "added": sorted(after.index.difference(before.index)),
        "removed": sorted(before.index.difference(after.index)),
        "changed": sorted(common[before[common].to_numpy() != after[common].to_numpy()]),
    }


@contextmanager
def file_lock(path: Path, timeout: float, busy: str):
    """An exclusive lock held while the block runs; waits up to ``timeout`` seconds, then raises ReleaseBusy(busy)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise ReleaseBusy(f"{busy}; gave up after {timeout:.0f} s") from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def publish_lock(outputs_dir: Path, timeout: float):
    folder = releases_dir(outputs_dir)
    return file_lock(folder / ".publish.lock", timeout, f"another refresh is publishing into {folder}")


def _hashes(package: dict) -> dict[str, str]:
    return {r["name"]: r["hash"] for r in package.get("resources", [])}


def _schema_fields(package: dict) -> dict[str, list[tuple[str, str]]]:
    return {r["name"]: [(f["name"], f["type"]) for f in r["schema"]["fields"]] for r in package.get("resources", [])}


def with_reference(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables and the reference tables a release ships with them: the curated places, unless given."""
    return {**tables, **{t: schemas.conform(t, load_places()) for t in REFERENCE_ORDER if t not in tables}}


def _datapackage(version: str, previous: str | None, files: dict[str, Path], inputs: list[dict], extractor_version: str) -> dict:
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": PACKAGE_NAME,
        "title": "China's digital economy in Korean-language reporting: metrics, plans and events",
        "description": "Figures, policy plans and events read from Korean news articles and newsletters, "
                       "each row pointing back to the exact lines of its source document.",
        "version": version.lstrip("v"),
        "previous_version": previous,
        "extractor_version": extractor_version,
        "resources": [
            {
                "name": table, "path": path.name, "format": "parquet", "mediatype": "application/vnd.apache.parquet",
                "bytes": path.stat().st_size, "hash": f"sha256:{_sha256(path)}",
                "description": (schemas.MODELS[table].__doc__ or "").strip(),
                "schema": table_schema(table),
            }
            for table, path in files.items()
        ],
        "sources": [{"title": i["source_file"], "path": f"seeds/{i['source_file']}"} for i in inputs],
        "inputs": inputs,
    }


_LISTED = 100  # rows listed per table and kind of change; `python -m pipeline diff` gives all


def _as_text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _what(table: str, row: dict) -> str:
    """What a row says, in one line."""
    t = {k: _as_text(v) for k, v in row.items()}
    if table in REFERENCE_ORDER:
        return f"{t['place_code']}: {t['name_ko']} ({t['level']}, in {t['parent'] or '-'})"
    where = f"{t['source_file']}" + (f", line {t['line_start']}" if t.get("line_start") else "")
    said = {
        "documents": lambda: f"{t['status']}" + (f": {t['title']}" if t.get("title") else ""),
        "metrics": lambda: f"{t['value_text']} = {_number(row['value'])} {t['unit']}, {t['kind']}"
                           + (f" {t['period']}" if t["period"] else "") + f" — {t['subject']} / {t['indicator']}",
        "plans": lambda: t["title"] + (f" ({t['period_start']}–{t['period_end']})" if t["period_start"] else ""),
        "events": lambda: f"{t['name']} ({t['event_type']}" + (f", {t['date_start']}" if t["date_start"] else "") + ")",
    }[table]()
    marked = f" [{t['correction']}]" if t.get("correction") else ""
    return f"{where}: {said}{marked}"


def _field_changes(old: dict, new: dict) -> str:
    return "; ".join(f"{k}: {_as_text(old[k]) or '∅'} → {_as_text(new[k]) or '∅'}"
                     for k in new if k not in ("extractor",) and _as_text(old.get(k)) != _as_text(new[k]))


def _changes_md(version: str, previous: str | None, bump: str, changes: dict[str, dict[str, list[str]]],
                old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame], corrections: list,
                quarantined: pd.DataFrame | None) -> str:
    lines = [f"# {version}", "", f"Previous release: {previous or 'none'}; change level: {bump}.", ""]
    quarantined = quarantined if quarantined is not None else pd.DataFrame(columns=["table", "id"])
    n_set_aside = len(quarantined.drop_duplicates(["table", "id"]))
    lines += ["## Curation", "", f"{len(corrections)} correction(s) applied; {n_set_aside} row(s) quarantined "
              "(set aside by a row-level check, listed in outputs/rejects/quarantine.*.csv).", ""]
    for c in corrections:
        target = f"`{c.id}`" if c.id else "a new row"
        lines.append(f"- `{c.ref}` {c.action} {c.table} {target}: {c.reason}" + (f" (by {c.by})" if c.by else ""))
    for r in quarantined.drop_duplicates(["table", "id"]).to_dict("records"):
        lines.append(f"- quarantined {r['table']} `{r['id']}` ({r['source_file']}, line {r['line_start']}): "
                     f"{r['column']} fails {r['check']} ({r['value']})")
    lines.append("")
    for table in PUBLISHED:
        c = changes.get(table, {"added": [], "removed": [], "changed": []})
        key = schemas.ID_COLUMNS[table]
        before = old[table].set_index(key, drop=False) if table in old else None
        after = new[table].set_index(key, drop=False)
        lines.append(f"## {table}: {len(c['added'])} added, {len(c['removed'])} removed, {len(c['changed'])} changed")
        for what in ("added", "removed", "changed"):
            if not c[what]:
                continue
            lines += ["", f"{what.capitalize()}:", ""]
            for rid in c[what][:_LISTED]:
                if what == "added":
                    lines.append(f"- `{rid}` {_what(table, after.loc[rid].to_dict())}")
                elif what == "removed":
                    lines.append(f"- `{rid}` {_what(table, before.loc[rid].to_dict())}")
                else:
                    o, n = before.loc[rid].to_dict(), after.loc[rid].to_dict()
                    lines.append(f"- `{rid}` {_what(table, n)}; {_field_changes(o, n)}")
            if len(c[what]) > _LISTED:
                lines.append(f"- … and {len(c[what]) - _LISTED} more (`python -m pipeline diff {previous} {version}`)")
        lines.append("")
    return "\n".join(lines)


def _read_release(path: Path) -> dict[str, pd.DataFrame]:
    return {t: read_parquet(path / f"{t}.parquet") for t in PUBLISHED if (path / f"{t}.parquet").exists()}


def publish(
    tables: dict[str, pd.DataFrame | Path],
    outputs_dir: Path,
    inputs: list[dict],
    extractor_version: str,
    extras: Callable[[Path, dict[str, pd.DataFrame], str], None] | None = None,
    lock_timeout: float = 120.0,
    corrections: list | None = None,
    quarantined: pd.DataFrame | None = None,
) -> Published:
    """Validate and publish ``tables`` if they differ from the newest release.

    The reference tables (places) are added from pipeline/reference/ unless ``tables`` has them.

    ``inputs`` describes the source documents (file, sha256); ``corrections`` (applied)
    and ``quarantined`` (rows set aside) are listed in CHANGES.md; ``extras`` may add
    files (dataset card, figures) to the staging directory before it goes live.
    Raises ReleaseBlocked when validation fails, ReleaseBusy when the lock is held.

    The four tables may instead be given as the table files of a work folder (work/tables/TABLE.parquet,
    as the Dagster assets write them): then they are validated, copied and diffed a batch at a time
    (pipeline.release_files) and ``extras`` gets the staged files.
    """
    folder = releases_dir(outputs_dir)
    tables = with_reference(tables)
    work = release_files.work_of(tables)
    with publish_lock(outputs_dir, lock_timeout):
        for stale in folder.glob(".staging-*"):
            shutil.rmtree(stale, ignore_errors=True)  # left by a crashed publisher
        for stale in folder.glob(".LATEST.*.tmp"):
            stale.unlink(missing_ok=True)
        named = latest_version(outputs_dir)
        if named is not None and not (_VERSION.fullmatch(named) and (folder / named).is_dir()):
            raise FileNotFoundError(f"{folder / 'LATEST'} names {named!r}, which is not a release directory under "
                                    f"{folder}: restore it or correct LATEST; nothing was published")
        _, recovered = _recover(folder, named)
        failures = blocking_failures(tables) if work is None else release_files.blocking_failures(work, tables["places"])
        rejects = Path(outputs_dir) / "rejects" / "release.csv"
        if not failures.empty:
            rejects.parent.mkdir(parents=True, exist_ok=True)
            failures.to_csv(rejects, index=False)
            raise ReleaseBlocked(failures, rejects)
        rejects.unlink(missing_ok=True)

        previous = latest_version(outputs_dir)
        prev_dir = folder / previous if previous else None
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder))
        try:
            files = {}
            for table in PUBLISHED:
                files[table] = staging / f"{table}.parquet"
                if isinstance(tables[table], Path):
                    shutil.copyfile(tables[table], files[table])  # the bytes write_parquet wrote for the table
                else:
                    write_parquet(tables[table], files[table])
            package = _datapackage("v0.0.0", previous, files, inputs, extractor_version)

            bump, changes, old = "major", {}, {}
            if prev_dir is not None:
                prev_package = json.loads((prev_dir / "datapackage.json").read_text(encoding="utf-8"))
                if _hashes(prev_package) == _hashes(package):  # same bytes: no row can differ
                    changes = {t: {"added": [], "removed": [], "changed": []} for t in PUBLISHED}
                elif work is not None:
                    changes = _file_changes(work, prev_dir, previous, files)
                else:
                    old = {t: schemas.conform(t, df) for t, df in _read_release(prev_dir).items()}
                    changes = {t: diff_table(t, old[t], tables[t]) if t in old else
                               {"added": list(tables[t][schemas.ID_COLUMNS[t]]), "removed": [], "changed": []}
                               for t in PUBLISHED}
                if _schema_fields(prev_package) != _schema_fields(package):
                    bump = "major"
                elif any(v for c in changes.values() for v in c.values()):
                    bump = "minor"
                elif (prev_package.get("inputs"), prev_package.get("extractor_version")) != (inputs, extractor_version):
                    bump = "patch"
                else:
                    shutil.rmtree(staging)
                    return Published(None, None, previous, recovered=recovered)
            else:
                changes = {t: {"added": _ids(t, tables[t]), "removed": [], "changed": []} for t in PUBLISHED}
            new = tables
            if work is not None:  # CHANGES.md describes at most _LISTED rows per table and kind: read just those
                old = {t: release_files.listed_rows(prev_dir / f"{t}.parquet" if prev_dir else None, t, _listed(c, "removed"))
                       for t, c in changes.items()}
                new = {t: release_files.listed_rows(files[t], t, _listed(c, "added")) for t, c in changes.items()}

            version = next_version(previous, bump)
            package["version"] = version.lstrip("v")
            (staging / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            (staging / "CHANGES.md").write_text(
                _changes_md(version, previous, bump, changes, old, new, corrections or [], quarantined), encoding="utf-8")
            if extras:
                extras(staging, tables if work is None else files, version)
            target = folder / version
            if target.exists():
                raise FileExistsError(
                    f"release directory {target} already exists but LATEST names {previous}: it is not a complete "
                    f"release built on {previous} (interrupted or edited by hand). Published releases are immutable, "
                    f"so nothing was published; inspect it, and remove it if it was never used.")
            for path in sorted(staging.rglob("*")):
                _fsync(path)
            os.chmod(staging, 0o755)
            _fsync(staging)
            os.rename(staging, target)  # the commit point
            _fsync(folder)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _write_latest(folder, version)
        if work is not None:
            release_files.record(work, version)
        return Published(version, target, previous, bump, changes, recovered)


def _ids(table: str, value: pd.DataFrame | Path) -> list[str]:
    return release_files.ids(value, table) if isinstance(value, Path) else list(value[schemas.ID_COLUMNS[table]])


def _listed(change: dict[str, list[str]], side: str) -> set[str]:
    return set(change[side][:_LISTED]) | set(change["changed"][:_LISTED])


def _file_changes(work: Path, prev_dir: Path, previous: str, files: dict[str, Path]) -> dict[str, dict[str, list[str]]]:
    """The row diff of staged table files against the previous release, only over documents whose rows may differ."""
    documents = release_files.changed_documents(work, previous)
    return {t: release_files.diff(t, prev_dir / f"{t}.parquet", files[t], documents.get(t), _row_hashes)
            if (prev_dir / f"{t}.parquet").exists() else {"added": _ids(t, files[t]), "removed": [], "changed": []}
            for t in PUBLISHED}
