"""The refresh job, the sensor that follows the seeds folder, and the daily schedule."""

import json

import dagster as dg

from pipeline.defs.assets import document_partitions
from pipeline.defs.resources import paths_from_env
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.sources import discover, sha256_of

# In-process by default: a subprocess per step costs seconds. Switch to
# {"multiprocess": {"max_concurrent": N}} in the run config to fan out.
IN_PROCESS = {"execution": {"config": {"in_process": {}}}}

refresh_job = dg.define_asset_job(
    "refresh",
    selection=dg.AssetSelection.all(),
    executor_def=dg.multi_or_in_process_executor,
    config=IN_PROCESS,
    description="Extract new or changed documents, assemble and check the tables, publish a release if anything changed.",
)


def folder_state(seeds_dir) -> dict[str, str]:
    """file name -> content fingerprint (sha256 and extractor version)."""
    return {p.name: f"{sha256_of(p)}@{EXTRACTOR_VERSION}" for p in discover(seeds_dir)}


@dg.sensor(
    job=refresh_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Watches the seeds folder: adds a partition for each new file and requests one run per new or "
                "changed file (sha256 in the run key); drops removed files' partitions and republishes without them.",
)
def seeds_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    paths = paths_from_env()
    state = folder_state(paths.seeds)
    seen = json.loads(context.cursor) if context.cursor else {}
    known = set(context.instance.get_dynamic_partitions(document_partitions.name))
    new_keys = sorted(set(state) - known)
    removed = sorted(known - set(state))
    requests = [
        dg.RunRequest(partition_key=key, run_key=f"{key}@{fingerprint}", run_config=IN_PROCESS)
        for key, fingerprint in sorted(state.items()) if seen.get(key) != fingerprint
    ]
    partition_requests = []
    if new_keys:
        partition_requests.append(document_partitions.build_add_request(new_keys))
    if removed:
        partition_requests.append(document_partitions.build_delete_request(removed))
        for key in removed:
            paths.store.remove(key)
        if not requests:  # republish without the removed documents
            requests.append(dg.RunRequest(
                run_key=f"removed:{','.join(removed)}@{json.dumps(state, sort_keys=True)}",
                asset_selection=[dg.AssetKey(t) for t in ("documents", "metrics", "plans", "events", "release")],
                run_config=IN_PROCESS))
    return dg.SensorResult(run_requests=requests, dynamic_partitions_requests=partition_requests,
                           cursor=json.dumps(state, sort_keys=True))


@dg.schedule(
    job=refresh_job,
    cron_schedule="0 5 * * *",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Daily refresh of every document; unchanged documents are skipped inside the run.",
)
def daily_refresh(context: dg.ScheduleEvaluationContext):
    keys = context.instance.get_dynamic_partitions(document_partitions.name)
    if not keys:
        return dg.SkipReason("no document partitions yet: run `make release` or start the sensor")
    return dg.RunRequest(
        run_key=None, run_config=IN_PROCESS,
        tags={"dagster/asset_partition_range_start": keys[0], "dagster/asset_partition_range_end": keys[-1]},
    )
