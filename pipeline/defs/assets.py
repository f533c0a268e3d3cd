"""Assets: per-document extraction (partitioned), the four assembled tables, the release."""

import hashlib
import json

import dagster as dg
import pandas as pd

from pipeline.assembly import assemble
from pipeline.corpus import process
from pipeline.defs.resources import PipelinePaths
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.release import TABLE_ORDER, publish
from pipeline.sources import discover, sha256_of
from schemas.table_schema import table_schema

OWNERS = ["team:data-engineering"]
document_partitions = dg.DynamicPartitionsDefinition(name="documents")


def column_schema(table: str) -> dg.TableSchema:
    """The UI's Columns tab, built from the pandera model."""
    columns = []
    for f in table_schema(table)["fields"]:
        c = f.get("constraints", {})
        other = [f"{k}: {v}" for k, v in c.items() if k not in ("required", "unique")]
        columns.append(dg.TableColumn(
            f["name"], f["type"], f["description"],
            dg.TableColumnConstraints(nullable=not c.get("required"), unique=bool(c.get("unique")), other=other),
        ))
    return dg.TableSchema(columns=columns)


def preview(df: pd.DataFrame, rows: int = 5) -> dg.MetadataValue:
    shown = df.head(rows).astype(str).apply(lambda s: s.str.slice(0, 60))
    return dg.MetadataValue.md(shown.to_markdown(index=False) if len(df) else "_no rows_")


class ExtractConfig(dg.Config):
    force: bool = False
    """Extract even documents whose sha256 and extractor version are unchanged (re-run one document)."""


@dg.observable_source_asset(
    group_name="sources",
    owners=OWNERS,
    description="The files in the seeds folder (PIPELINE_SEEDS_DIR). Observing it records a data version that "
                "changes whenever a file is added, removed or edited.",
)
def seed_files(paths: PipelinePaths) -> dg.ObserveResult:
    files = discover(paths.seeds)
    state = {p.name: sha256_of(p) for p in files}
    version = hashlib.sha256(json.dumps(state, sort_keys=True).encode()).hexdigest()[:16]
    return dg.ObserveResult(data_version=dg.DataVersion(version),
                            metadata={"files": len(files), "bytes": sum(p.stat().st_size for p in files)})


@dg.asset(
    partitions_def=document_partitions,
    deps=[seed_files],
    backfill_policy=dg.BackfillPolicy.single_run(),
    group_name="extraction",
    kinds={"python", "parquet"},
    owners=OWNERS,
    code_version=EXTRACTOR_VERSION,
    description="One partition per file in the seeds folder: decode it and extract its metrics, plans and events "
                "into per-document Parquet under outputs/work/. Unchanged files (same sha256, same extractor "
                "version) are skipped.",
)
def document_extracts(context: dg.AssetExecutionContext, config: ExtractConfig, paths: PipelinePaths) -> dg.MaterializeResult:
    store, keys = paths.store, context.partition_keys
    parsed = skipped = 0
    summaries = []
    for n, key in enumerate(keys, 1):
        path = paths.seeds / key
        if not path.is_file():
            store.remove(key)  # deleted after the run was requested; the next sync drops the partition
            continue
        if not config.force and store.is_current(key, sha256_of(path), EXTRACTOR_VERSION):
            skipped += 1
            continue
        summary = store.write(key, process(path), EXTRACTOR_VERSION)
        parsed += 1
        summaries.append(summary)
        if n % 100 == 0 or n == len(keys):
            context.log.info(f"{n}/{len(keys)} documents ({parsed} parsed, {skipped} unchanged)")
    metadata = {"documents": len(keys), "parsed": parsed, "skipped_unchanged": skipped, "extractor_version": EXTRACTOR_VERSION}
    # Per-document figures: on the partition itself when a run covers one document
    # (sensor runs, re-running one document); a many-document run lists them in a
    # table instead, since one event per document costs more than the extraction.
    if len(keys) == 1 and summaries:
        metadata |= _doc_metadata(summaries[0])
    elif summaries:
        metadata["parsed_documents"] = _per_document_table(summaries)
    return dg.MaterializeResult(metadata=metadata)


def _doc_metadata(summary: dict) -> dict:
    return {
        "status": summary["status"], "encoding": str(summary["encoding"]), "damaged_chars": summary["damaged_chars"] or 0,
        "metrics": summary["metrics_rows"], "plans": summary["plans_rows"], "events": summary["events_rows"],
        "source_sha256": str(summary["source_sha256"]), "error": str(summary["error"] or ""),
    }


def _per_document_table(summaries: list[dict], most: int = 500) -> dg.MetadataValue:
    rows = [{"document": s["source_file"], **_doc_metadata(s)} for s in summaries[:most]]
    return dg.MetadataValue.md(pd.DataFrame(rows).drop(columns=["source_sha256"]).to_markdown(index=False))


def _table_asset(table: str, description: str) -> dg.AssetsDefinition:
    @dg.asset(
        name=table,
        deps=[document_extracts],
        group_name="tables",
        kinds={"pandas", "parquet"},
        owners=OWNERS,
        io_manager_key="table_io",
        code_version="1",
        description=description,
        metadata={"dagster/column_schema": column_schema(table)},
    )
    def _assemble(context: dg.AssetExecutionContext, paths: PipelinePaths) -> dg.Output[pd.DataFrame]:
        keys = context.instance.get_dynamic_partitions(document_partitions.name)
        df = assemble(paths.store, table, keys, paths.work / "assembled")
        metadata = {"dagster/row_count": len(df), "documents": df["source_file"].nunique() if len(df) else 0, "preview": preview(df)}
        if table == "documents" and len(df):
            metadata["per_document"] = _per_document_table([m for k in keys if (m := paths.store.manifest(k))])
        if table != "documents" and len(df):
            metadata["rows_per_document"] = dg.MetadataValue.md(
                df.groupby("source_file").size().rename("rows").to_frame().to_markdown())
        return dg.Output(df, metadata=metadata)

    return _assemble


documents = _table_asset("documents", "One row per file in the seeds folder, readable or not: encoding, size, title, publisher, publication date, damage, status.")
metrics = _table_asset("metrics", "One row per figure: normalised value, unit, kind (actual/target/forecast), period, subject and indicator, with provenance.")
plans = _table_asset("plans", "One row per named policy plan per document: title, Chinese title, issuer, period, announcement date, with provenance.")
events = _table_asset("events", "One row per event per document: name, type, resolved dates, location, with provenance.")


def _write_card(folder, tables, version) -> None:
    from pipeline.card import write_card  # imports matplotlib: only when a release is written

    write_card(folder, tables, version)


@dg.asset(
    group_name="release",
    kinds={"parquet"},
    owners=OWNERS,
    code_version="1",
    description="Publishes the four tables as outputs/releases/vX.Y.Z (datapackage.json, CHANGES.md, dataset card) "
                "when every blocking check passed and something changed.",
)
def release(context: dg.AssetExecutionContext, paths: PipelinePaths, documents: pd.DataFrame, metrics: pd.DataFrame,
            plans: pd.DataFrame, events: pd.DataFrame) -> dg.MaterializeResult:
    tables = {"documents": documents, "metrics": metrics, "plans": plans, "events": events}
    inputs = [{"source_file": r["source_file"], "sha256": r["source_sha256"], "status": r["status"]}
              for r in documents.astype(object).where(documents.notna(), None).to_dict("records")]
    published = publish(tables, paths.outputs, inputs, EXTRACTOR_VERSION, extras=_write_card)
    if published.version is None:
        context.log.info(f"nothing changed since {published.previous}; no new release")
        return dg.MaterializeResult(metadata={"version": str(published.previous), "published": False})
    summary = "\n".join(f"| {t} | {len(c['added'])} | {len(c['removed'])} | {len(c['changed'])} |"
                        for t, c in published.changes.items())
    context.log.info(f"published {published.version} ({published.bump}) at {published.path}")
    return dg.MaterializeResult(metadata={
        "version": published.version, "published": True, "bump": published.bump,
        "previous": str(published.previous), "path": dg.MetadataValue.path(str(published.path)),
        "changes": dg.MetadataValue.md("| table | added | removed | changed |\n|---|---|---|---|\n" + summary),
        **{f"{t}_rows": len(tables[t]) for t in TABLE_ORDER},
    })
