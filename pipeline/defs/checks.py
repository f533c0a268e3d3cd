"""Blocking asset checks on the assembled tables (their files, read by pipeline.checking, not loaded whole).
A failure stops the release in the same run."""

import dagster as dg
import pandas as pd
import pyarrow as pa

from pipeline import checking
from pipeline.curate import table_file
from pipeline.defs.assets import document_partitions, documents, events, metrics, plans
from pipeline.defs.resources import PipelinePaths
from pipeline.places import load_places
from pipeline.rows import EXTRACTED
from pipeline.sources import discover, keyable

TABLE_ASSETS = {"documents": documents, "metrics": metrics, "plans": plans, "events": events}
SAMPLE = 20


def result(failures: pd.DataFrame, checked: int, paths: PipelinePaths, table: str, check: str) -> dg.AssetCheckResult:
    """Pass/fail with the failing rows (row, column, check, value) as metadata the UI can show.

    Failures are also written to outputs/rejects/TABLE.CHECK.csv, so nothing is dropped silently.
    """
    rejects = paths.outputs / "rejects" / f"{table}.{check}.csv"
    metadata = {"rows_checked": checked, "failures": len(failures)}
    if len(failures):
        rejects.parent.mkdir(parents=True, exist_ok=True)
        failures.to_csv(rejects, index=False)
        metadata["rejects_file"] = dg.MetadataValue.path(str(rejects))
        metadata["failure_sample"] = dg.MetadataValue.md(failures.head(SAMPLE).to_markdown(index=False))
        metadata["failures_by_check"] = dg.MetadataValue.json(
            {f"{c}: {k}": int(n) for (c, k), n in failures.groupby(["column", "check"]).size().items()})
    else:
        rejects.unlink(missing_ok=True)
    return dg.AssetCheckResult(passed=failures.empty, metadata=metadata, asset_key=TABLE_ASSETS[table].key,
                               check_name=check)


def _schema_check(table: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=TABLE_ASSETS[table], name="schema", blocking=True,
                    description=f"pandera {table} schema, lazily: every failing row, column and check.")
    def _check(paths: PipelinePaths) -> dg.AssetCheckResult:
        return result(checking.schema(paths.work, table), checking.rows_of(paths.work, table), paths, table, "schema")

    return _check


def _unique_ids_check(table: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=TABLE_ASSETS[table], name="unique_ids", blocking=True,
                    description="Ids are unique within the table.")
    def _check(paths: PipelinePaths) -> dg.AssetCheckResult:
        return result(checking.unique_ids(paths.work, table), checking.rows_of(paths.work, table), paths, table,
                      "unique_ids")

    return _check


@dg.multi_asset_check(
    name="provenance",
    specs=[dg.AssetCheckSpec("provenance", asset=TABLE_ASSETS[t], blocking=True,
                             description="Each row's evidence equals the source text at [char_start, char_end) on the "
                                         "lines it claims, and the source file still has the recorded sha256.")
           for t in EXTRACTED],
)
def provenance(paths: PipelinePaths):
    """One check per table, one step: each source file is read once for all three tables."""
    failures = checking.provenance(paths.work, list(EXTRACTED), paths.seeds)
    for table in EXTRACTED:
        yield result(failures[failures["table"] == table], checking.rows_of(paths.work, table), paths, table, "provenance")


@dg.asset_check(asset=metrics, name="references", blocking=True, additional_deps=[plans],
                description="A target's plan_id exists in plans.")
def metrics_references(paths: PipelinePaths) -> dg.AssetCheckResult:
    failures = checking.references(paths.work, "metrics", "plan_id", checking.ids(paths.work, "plans"), "references plans")
    return result(failures, checking.rows_of(paths.work, "metrics"), paths, "metrics", "references")


@dg.asset_check(asset=documents, name="references", blocking=True, additional_deps=list(EXTRACTED),
                description="Every metric, plan and event's doc_id exists in documents.")
def documents_references(paths: PipelinePaths) -> dg.AssetCheckResult:
    known = checking.ids(paths.work, "documents")
    parts = [checking.references(paths.work, t, "doc_id", known, "references documents") for t in EXTRACTED]
    return result(pd.concat(parts, ignore_index=True), sum(checking.rows_of(paths.work, t) for t in EXTRACTED),
                  paths, "documents", "references")


@dg.multi_asset_check(
    name="places",
    specs=[dg.AssetCheckSpec("places", asset=TABLE_ASSETS[t], blocking=True,
                             description="Every place_code exists in the places reference table.") for t in EXTRACTED],
)
def place_references(paths: PipelinePaths):
    known = pa.array(load_places()["place_code"].dropna().unique(), pa.string())
    for table in EXTRACTED:
        failures = checking.references(paths.work, table, "place_code", known, "references places")
        yield result(failures, checking.rows_of(paths.work, table), paths, table, "places")


@dg.asset_check(asset=documents, name="one_row_per_file", blocking=True,
                description="Every file in the seeds folder (a document partition, or a file rejected for its name) has "
                            "exactly one documents row.")
def one_row_per_file(context: dg.AssetCheckExecutionContext, paths: PipelinePaths) -> dg.AssetCheckResult:
    keys = set(context.instance.get_dynamic_partitions(document_partitions.name))
    keys |= {p.name for p in keyable(discover(paths.seeds))[1]}  # rejected for their names, not partitions
    files = checking.column(table_file(paths.work, "documents"), "source_file").to_pandas()
    missing = sorted(keys - set(files))
    extra = sorted(set(files) - keys) + sorted(files[files.duplicated()])
    failures = pd.DataFrame(
        [{"table": "documents", "row": None, "column": "source_file", "check": "has a row", "value": k} for k in missing]
        + [{"table": "documents", "row": None, "column": "source_file", "check": "is a current file, once", "value": k} for k in extra],
        columns=["table", "row", "column", "check", "value"])
    return result(failures, len(files), paths, "documents", "one_row_per_file")


checks = (
    [_schema_check(t) for t in TABLE_ASSETS]
    + [_unique_ids_check(t) for t in TABLE_ASSETS]
    + [provenance]
    + [metrics_references, documents_references, place_references]
    + [one_row_per_file]
)
