"""Headless refresh through Dagster: sync partitions with the seeds folder, then
one run that extracts what changed, assembles and checks the tables and
publishes a release. Used by `make release`, the benchmark and the tests."""
from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from pipeline.defs.resources import SETTINGS
from pipeline.event_log import instance_config
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.release import file_lock, latest_version
from pipeline.sources import discover, keyable
from pipeline.store import DocumentStore

PARTITIONS = "documents"
DOWNSTREAM = ("corrections", "documents", "metrics", "plans", "events", "release", "review_site")


@dataclass
class RefreshOutcome:
    success: bool
    run_id: str
    added: list[str]
    removed: list[str]
    changed: list[str]
    release: str | None  # newest release after the run


# Runs the daemon launches (sensor, schedule, the UI) queue one at a time: two refreshes
# assembling and checking the same tables would fail each other's checks.
INSTANCE_CONFIG = """\
telemetry:
  enabled: false
run_coordinator:
  module: dagster.core.run_coordinator
  class: QueuedRunCoordinator
  config:
    max_concurrent_runs: 1
"""


def instance_for(dagster_home: Path) -> dg.DagsterInstance:
    """The project's Dagster instance (embedded SQLite storage under DAGSTER_HOME)."""
    dagster_home.mkdir(parents=True, exist_ok=True)
    config = dagster_home / "dagster.yaml"
    if not config.exists():
        config.write_text(INSTANCE_CONFIG + instance_config(dagster_home), encoding="utf-8")
    os.environ["DAGSTER_HOME"] = str(dagster_home.resolve())
    return dg.DagsterInstance.get()


def sync_partitions(instance: dg.DagsterInstance, seeds: Path, store: DocumentStore) -> tuple[list[str], list[str]]:
    """Make the dynamic partitions equal the files in the folder; forget removed documents."""
    files = [p.name for p in keyable(discover(seeds))[0]]  # the others get a rejected row saying why
    known = instance.get_dynamic_partitions(PARTITIONS)
    known_set, files_set = set(known), set(files)  # once: in the comprehensions they were built per file
    added = [k for k in files if k not in known_set]
    removed = [k for k in known if k not in files_set]
    if added:
        instance.add_dynamic_partitions(PARTITIONS, added)
    for key in removed:
        instance.delete_dynamic_partition(PARTITIONS, key)
        store.remove(key)
    return added, removed


@contextmanager
def settings(seeds: Path, outputs: Path, corrections: Path):
    """The environment the `paths` resource is bound to, set for the block and restored after."""
    values = {SETTINGS["seeds_dir"]: str(seeds), SETTINGS["outputs_dir"]: str(outputs),
              SETTINGS["corrections_dir"]: str(corrections)}
    before = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _refresh_job():
    from pipeline.definitions import defs

    return defs.resolve_job_def("refresh")


def refresh(seeds: Path, outputs: Path, instance: dg.DagsterInstance, processes: int = 1,
            wait: float = 600.0, corrections: Path | None = None) -> RefreshOutcome:
    """Refreshes of one outputs folder take turns: they share its per-document store and tables.

    ``corrections``: the corrections folder; by default the one beside the seeds folder.
    """
    corrections = Path(seeds).parent / "corrections" if corrections is None else Path(corrections)
    with file_lock(Path(outputs) / ".refresh.lock", wait, f"another refresh is running on {outputs}"):
        return _refresh(seeds, outputs, corrections, instance, processes)


def _refresh(seeds: Path, outputs: Path, corrections: Path, instance: dg.DagsterInstance, processes: int) -> RefreshOutcome:
    store = DocumentStore(outputs / "work")
    added, removed = sync_partitions(instance, seeds, store)
    keys = instance.get_dynamic_partitions(PARTITIONS)
    changed = [k for k in keys if not store.unchanged(k, seeds / k, EXTRACTOR_VERSION)]
    execution = {"multiprocess": {"max_concurrent": processes}} if processes > 1 else {"in_process": {}}
    tags, selection = {}, None
    if changed:
        # one run over the smallest partition range holding every changed document;
        # unchanged ones inside it are skipped by the asset itself
        tags = {"dagster/asset_partition_range_start": changed[0],  # `changed` is in the order of `keys`
                "dagster/asset_partition_range_end": changed[-1]}
    else:
        selection = [dg.AssetKey(k) for k in DOWNSTREAM]
    with settings(seeds, outputs, corrections):  # the `paths` resource reads them when the run starts
        result = dg.execute_job(
            dg.reconstructable(_refresh_job), instance,
            run_config={"execution": {"config": execution}, "loggers": {"console": {"config": {"log_level": "INFO"}}}},
            tags=tags, asset_selection=selection,
        )
    return RefreshOutcome(result.success, result.run_id, added, removed, changed, latest_version(outputs))
