"""The refresh job, the sensor that follows the seeds and corrections folders, and the daily schedule.

Both are RUNNING by default, so `make dev` (which runs the daemon) picks up a dropped file
within a minute. The sensor only reads: it returns partition requests and at most one run
request; everything that writes (extraction, removing a document's stored rows, publishing)
happens in the run.
"""

import hashlib
import json
import time

import dagster as dg

from pipeline.defs.assets import document_partitions
from pipeline.defs.resources import PipelinePaths
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.release import latest_version
from pipeline.sources import discover, keyable, sha256_of

# In-process by default: a subprocess per step costs seconds. Switch to
# {"multiprocess": {"max_concurrent": N}} in the run config to fan out.
IN_PROCESS = {"execution": {"config": {"in_process": {}}}}
JOB = "refresh"
RANGE_START, RANGE_END = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"
EXTRACTION = {dg.AssetKey("seed_files"), dg.AssetKey("document_extracts")}
# A refresh run in flight makes the sensor wait (two runs assembling and checking the same
# tables fail each other's checks). A run "in flight" for longer than this is taken for one
# whose process died without recording it (run monitoring is off by default) and is ignored.
STALE_RUN_SECONDS = 6 * 3600
IN_FLIGHT = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
             dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]

refresh_job = dg.define_asset_job(
    JOB,
    selection=dg.AssetSelection.all(),
    executor_def=dg.multi_or_in_process_executor,
    config=IN_PROCESS,
    description="Extract new or changed documents, assemble and check the tables, publish a release if anything changed.",
)


def folder_state(seeds_dir) -> dict[str, str]:
    """file name -> sha256 of its bytes, for files whose names can be partition keys
    (the others get a rejected documents row in every run)."""
    return {p.name: sha256_of(p) for p in keyable(discover(seeds_dir))[0]}


def corrections_state(corrections_dir) -> dict[str, str]:
    """corrections/*.yaml file name -> sha256 (empty when the folder does not exist)."""
    try:
        files = sorted(p for p in corrections_dir.glob("*.yaml") if p.is_file())
    except OSError:
        return {}
    return {p.name: sha256_of(p) for p in files}


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def _read_cursor(cursor: str | None) -> dict:
    try:
        value = json.loads(cursor) if cursor else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) and "corrections" in value else {}  # an older format: start afresh


def downstream_keys(context: dg.SensorEvaluationContext) -> list[dg.AssetKey]:
    """Every materialisable unpartitioned asset (the tables, corrections if defined, the release):
    what a run without extraction re-assembles, checks and publishes."""
    repository = context.repository_def
    if repository is None:  # a context built in a test without definitions
        from pipeline.definitions import defs

        repository = defs.get_repository_def()
    graph = repository.asset_graph
    return sorted((k for k in graph.materializable_asset_keys
                   if k not in EXTRACTION and graph.get(k).partitions_def is None), key=lambda k: k.to_user_string())


def _corrections_baseline(context: dg.SensorEvaluationContext, paths: PipelinePaths) -> bool:
    """Without a cursor (the sensor's first tick): did a corrections file change after the last
    materialisation of the corrections asset (or of the documents table when there is none)?"""
    event = (context.instance.get_latest_materialization_event(dg.AssetKey("corrections"))
             or context.instance.get_latest_materialization_event(dg.AssetKey("documents")))
    if event is None:
        return bool(corrections_state(paths.corrections))
    newest = max((p.stat().st_mtime for p in paths.corrections.glob("*.yaml") if p.is_file()), default=0.0)
    return newest > event.timestamp


def _run_in_flight(instance: dg.DagsterInstance) -> dg.RunRecord | None:
    for record in instance.get_run_records(filters=dg.RunsFilter(job_name=JOB, statuses=IN_FLIGHT), limit=20):
        if time.time() - record.create_timestamp.timestamp() < STALE_RUN_SECONDS:
            return record
    return None


@dg.sensor(
    job=refresh_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Watches the seeds folder and corrections/*.yaml. Adds a partition per new file, drops removed "
                "files' partitions, and requests at most one run per tick: extraction of every new or changed "
                "document (sha256 or extractor version differs from the stored manifest) plus the tables and "
                "release, or only the tables and release when files were removed or corrections changed. "
                "Waits while a refresh run is in flight.",
)
def seeds_sensor(context: dg.SensorEvaluationContext, paths: PipelinePaths) -> dg.SensorResult:
    in_flight = _run_in_flight(context.instance)
    if in_flight is not None:
        return dg.SensorResult(skip_reason=f"waiting for refresh run {in_flight.dagster_run.run_id} "
                                           f"({in_flight.dagster_run.status.value}) to finish",
                               cursor=context.cursor)
    if not paths.seeds.is_dir():  # unmounted or mistyped: never read that as "every document removed"
        return dg.SensorResult(skip_reason=f"seeds folder {paths.seeds} not found", cursor=context.cursor)
    cursor = _read_cursor(context.cursor)
    state = folder_state(paths.seeds)
    store = paths.store
    known = context.instance.get_dynamic_partitions(document_partitions.name)
    known_set = set(known)
    new_keys = [k for k in state if k not in known_set]
    removed = [k for k in known if k not in state]
    # what a release was built from is the store: a file is to extract when it has a new
    # partition (a release so far lacks it) or its manifest has another sha256 / extractor version
    to_extract = {k: f"{sha}@{EXTRACTOR_VERSION}" for k, sha in state.items()
                  if k not in known_set or not store.is_current(k, sha, EXTRACTOR_VERSION)}
    corrections = _digest(corrections_state(paths.corrections))
    corrections_changed = (cursor["corrections"] != corrections) if cursor else _corrections_baseline(context, paths)

    partition_requests = []
    if new_keys:
        partition_requests.append(document_partitions.build_add_request(new_keys))
    if removed:
        partition_requests.append(document_partitions.build_delete_request(removed))
    if not (to_extract or removed or corrections_changed):
        return dg.SensorResult(skip_reason="no new, changed or removed documents; corrections unchanged",
                               dynamic_partitions_requests=partition_requests,
                               cursor=json.dumps({"requested": None, "corrections": corrections}))

    requested = {"extract": to_extract, "removed": removed, "corrections": corrections if corrections_changed else None,
                 "release": latest_version(paths.outputs)}  # the same change after another release is a new request
    run_key = _digest(requested)
    next_cursor = json.dumps({"requested": run_key, "corrections": corrections})
    if cursor.get("requested") == run_key:
        return dg.SensorResult(skip_reason=f"already requested ({run_key})",
                               dynamic_partitions_requests=partition_requests, cursor=next_cursor)

    tags = {"pipeline/extract": str(len(to_extract)), "pipeline/removed": str(len(removed)),
            "pipeline/corrections_changed": str(bool(corrections_changed)).lower()}
    if to_extract:
        # one run over the smallest partition range (after this tick's additions and
        # deletions) holding every document to extract; the asset skips unchanged ones in it
        order = [k for k in known if k in state] + new_keys
        positions = sorted(order.index(k) for k in to_extract)
        first, last = order[positions[0]], order[positions[-1]]
        request = (dg.RunRequest(run_key=run_key, partition_key=first, run_config=IN_PROCESS, tags=tags)
                   if first == last else
                   dg.RunRequest(run_key=run_key, run_config=IN_PROCESS, tags={**tags, RANGE_START: first, RANGE_END: last}))
    else:  # removals or corrections only: re-assemble, check and publish
        request = dg.RunRequest(run_key=run_key, asset_selection=downstream_keys(context), run_config=IN_PROCESS, tags=tags)
    context.log.info(f"requesting run {run_key}: {len(to_extract)} to extract, {len(removed)} removed, "
                     f"corrections {'changed' if corrections_changed else 'unchanged'}")
    return dg.SensorResult(run_requests=[request], dynamic_partitions_requests=partition_requests, cursor=next_cursor)


@dg.schedule(
    job=refresh_job,
    cron_schedule="0 5 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily refresh of every document in one run; unchanged documents are skipped inside the run "
                "and no release is published when nothing changed.",
)
def daily_refresh(context: dg.ScheduleEvaluationContext):
    keys = context.instance.get_dynamic_partitions(document_partitions.name)
    if not keys:
        return dg.SkipReason("no document partitions yet: run `make release` or let the sensor add them")
    return dg.RunRequest(run_key=None, run_config=IN_PROCESS, tags={RANGE_START: keys[0], RANGE_END: keys[-1]})
