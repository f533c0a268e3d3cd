"""Dagster code location: everything under pipeline/defs, with resources from the environment."""
import dagster as dg

from pipeline.defs.assets import (corrections, document_extracts, documents, events, metrics, plans, release,
                                  review_site, seed_files)
from pipeline.defs.automation import daily_refresh, refresh_job, seeds_sensor
from pipeline.defs.checks import checks
from pipeline.defs.resources import TableIOManager, paths_from_env

_paths = paths_from_env()

defs = dg.Definitions(
    assets=[seed_files, document_extracts, corrections, documents, metrics, plans, events, release, review_site],
    asset_checks=checks,
    jobs=[refresh_job],
    sensors=[seeds_sensor],
    schedules=[daily_refresh],
    resources={"paths": _paths, "table_io": TableIOManager(outputs_dir=_paths.outputs_dir)},
)
