"""Assets: per-document extraction (partitioned), the four assembled tables, the release."""

import hashlib
import json
import warnings
from pathlib import Path

import dagster as dg
import pandas as pd

import schemas
from pipeline import checking, quarantine
from pipeline.assembly import assemble
from pipeline.batches import frame, head, release_memory
from pipeline.code_version import release_version, tables_version
from pipeline.corrections import PROBLEM_COLUMNS
from pipeline.corrections import load as load_corrections
from pipeline.curate import curate, document_digests, table_file
from pipeline.corpus import document_row
from pipeline.defs.resources import PipelinePaths
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.extraction import extract
from pipeline.release import TABLE_ORDER, publish
from pipeline.rows import table_frame
from pipeline.sources import discover, keyable, sha256_of, unkeyable_document
from pipeline.store import atomic_write, write_parquet
from schemas.table_schema import table_schema

# Both are marked beta in Dagster 1.13 and used knowingly: the folder observation and the
# one-run backfill of many documents. Any other warning is shown.
warnings.filterwarnings("ignore", category=dg.BetaWarning,
                        message=r"(Function `observable_source_asset`|Parameter `backfill_policy` of function `asset`) is currently in beta")

OWNERS = ["team:data-engineering"]
TABLES_VERSION = tables_version(EXTRACTOR_VERSION)
SAMPLE = 20
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
    workers: int = 0
    """Processes extracting documents: 0 = PIPELINE_EXTRACT_WORKERS, else one per core (at most 8)."""


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
    todo = []
    for key in keys:
        path = paths.seeds / key
        if not path.is_file():
            store.remove(key)  # deleted after the run was requested; the next sync drops the partition
        elif config.force or not store.unchanged(key, path, EXTRACTOR_VERSION):
            todo.append(key)
    skipped = len(keys) - len(todo)

    def progress(done: int) -> None:
        if done % 500 == 0 or done == len(todo):
            context.log.info(f"{done}/{len(todo)} documents extracted ({skipped} of {len(keys)} unchanged)")

    summaries = extract(paths.seeds, store, todo, EXTRACTOR_VERSION, config.workers, progress)
    metadata = {"documents": len(keys), "parsed": len(summaries), "skipped_unchanged": skipped,
                "rejected": sum(s["status"] != "ok" for s in summaries), "extractor_version": EXTRACTOR_VERSION}
    # Dagster records this metadata on every partition the run materialises: a run over one
    # document (sensor runs, re-running one document) gets that document's figures, a run over
    # many only counts, with the per-document list in a file (10,000 copies of a table would
    # make the event log gigabytes).
    if len(keys) == 1 and summaries:
        metadata |= _doc_metadata(summaries[0])
    elif summaries:
        metadata["parsed_documents"] = dg.MetadataValue.path(str(_write_summaries(paths, summaries)))
    return dg.MaterializeResult(metadata=metadata)


def _write_summaries(paths: PipelinePaths, summaries: list[dict]):
    """The documents a run extracted, one line each, as outputs/work/documents/extracted.csv."""
    path = paths.work / "documents" / "extracted.csv"
    frame = pd.DataFrame([{"document": s["source_file"], **_doc_metadata(s)} for s in summaries])
    atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False))
    return path


def _doc_metadata(summary: dict) -> dict:
    return {
        "status": summary["status"], "encoding": str(summary["encoding"]), "damaged_chars": summary["damaged_chars"] or 0,
        "metrics": summary["metrics_rows"], "plans": summary["plans_rows"], "events": summary["events_rows"],
        "source_sha256": str(summary["source_sha256"]), "error": str(summary["error"] or ""),
    }


def _per_document_table(summaries: list[dict], most: int = 500) -> dg.MetadataValue:
    rows = [{"document": s["source_file"], **_doc_metadata(s)} for s in summaries[:most]]
    return dg.MetadataValue.md(pd.DataFrame(rows).drop(columns=["source_sha256"]).to_markdown(index=False))


@dg.asset(
    group_name="curation",
    kinds={"yaml"},
    owners=OWNERS,
    deps=[seed_files],
    check_specs=[dg.AssetCheckSpec("valid", asset="corrections", blocking=True,
                                   description="Every entry reads, names a known table and fields, and an add's "
                                               "evidence is in its document.")],
    description="Hand corrections from the corrections folder (PIPELINE_CORRECTIONS_DIR): drop, set or add rows, "
                "each with a reason; applied to the tables on every refresh.",
)
def corrections(paths: PipelinePaths):
    found, problems = load_corrections(paths.corrections, paths.seeds)
    counts = {a: sum(c.action == a for c in found) for a in ("drop", "set", "add")}
    yield dg.Output(found, metadata={"entries": len(found), **counts})
    yield _corrections_check("valid", problems, paths, "load")


def _corrections_check(name: str, problems: list[dict], paths: PipelinePaths, stage: str) -> dg.AssetCheckResult:
    """Problems of corrections that no longer fit, as check metadata and outputs/rejects/corrections.STAGE.csv."""
    path = paths.outputs / "rejects" / f"corrections.{stage}.csv"
    metadata = {"problems": len(problems)}
    if problems:
        frame = pd.DataFrame(problems, columns=PROBLEM_COLUMNS)
        path.parent.mkdir(parents=True, exist_ok=True)
        frame.to_csv(path, index=False)
        metadata |= {"rejects_file": dg.MetadataValue.path(str(path)),
                     "problem_list": dg.MetadataValue.md(frame.to_markdown(index=False))}
    else:
        path.unlink(missing_ok=True)
    return dg.AssetCheckResult(check_name=name, passed=not problems, metadata=metadata)


def _rows_per_document(counts: dict[str, int], most: int = 500) -> dg.MetadataValue:
    shown = pd.Series(dict(sorted(counts.items())[:most]), name="rows").rename_axis("source_file").to_frame()
    more = f"\n\n… and {len(counts) - most} more documents" if len(counts) > most else ""
    return dg.MetadataValue.md(shown.to_markdown() + more)


def _curated_table(context, paths: PipelinePaths, table: str, corrections: list):
    """Assembled from every document, corrected, with rows that fail a row-level check set aside
    (pipeline.curate: again only for documents that changed), written to outputs/work/tables/."""
    keys = context.instance.get_dynamic_partitions(document_partitions.name)
    built = curate(paths.store, table, keys, corrections, paths.outputs)
    set_aside = built.set_aside
    metadata = {"dagster/row_count": built.rows, "documents": len(built.per_document),
                "corrected_rows": built.corrected_rows, "quarantined_rows": set_aside["id"].nunique(),
                "rebuilt_documents": built.rebuilt, "preview": preview(head(table_file(paths.work, table), table))}
    if built.rows:
        metadata["rows_per_document"] = _rows_per_document(built.per_document)
    yield dg.MaterializeResult(metadata=metadata)
    yield _corrections_check("corrections_apply", built.problems, paths, table)
    q_meta = {"quarantined_rows": set_aside["id"].nunique(), "rows": built.rows_before_split}
    if len(set_aside):
        q_meta |= {"rejects_file": dg.MetadataValue.path(str(paths.outputs / "rejects" / f"quarantine.{table}.csv")),
                   "quarantined": dg.MetadataValue.md(set_aside.head(SAMPLE).to_markdown(index=False))}
    yield dg.AssetCheckResult(check_name="quarantine", passed=not quarantine.systematic(set_aside, built.rows_before_split),
                              metadata=q_meta)


def _extracted_table_asset(table: str, description: str) -> dg.AssetsDefinition:
    @dg.asset(
        name=table,
        deps=[document_extracts],
        group_name="tables",
        kinds={"pandas", "parquet"},
        owners=OWNERS,
        io_manager_key="table_io",
        code_version=TABLES_VERSION,
        description=description,
        metadata={"dagster/column_schema": column_schema(table)},
        check_specs=[
            dg.AssetCheckSpec("corrections_apply", asset=table, blocking=True,
                              description="Every correction of this table still fits: its row exists, its expect "
                                          "holds, its values pass the schema."),
            dg.AssetCheckSpec("quarantine", asset=table, blocking=True,
                              description=f"Rows failing a row-level check are set aside and listed in "
                                          f"outputs/rejects/quarantine.{table}.csv; more than {quarantine.LIMIT:.0%} "
                                          f"of the table (and over {quarantine.MIN_BLOCKING} rows) blocks the release."),
        ],
    )
    def _assemble(context: dg.AssetExecutionContext, paths: PipelinePaths, corrections: list):
        yield from _curated_table(context, paths, table, corrections)

    return _assemble


@dg.asset(
    deps=[document_extracts, "metrics", "plans", "events"],
    group_name="tables",
    kinds={"pandas", "parquet"},
    owners=OWNERS,
    io_manager_key="table_io",
    code_version=TABLES_VERSION,
    description="One row per file in the seeds folder, readable or not: encoding, size, title, publisher, "
                "publication date, damage, status, and how many of its rows were set aside.",
    metadata={"dagster/column_schema": column_schema("documents")},
)
def documents(context: dg.AssetExecutionContext, paths: PipelinePaths) -> dg.MaterializeResult:
    keys = context.instance.get_dynamic_partitions(document_partitions.name)
    for gone in set(paths.store.keys()) - set(keys):  # a removed file's partition is gone: so are its rows
        paths.store.remove(gone)
    df = assemble(paths.store, "documents", keys, paths.work / "assembled")
    unkeyable = [document_row(unkeyable_document(p)) for p in keyable(discover(paths.seeds))[1]]
    if unkeyable:  # files whose names cannot be partitions: a rejected row each, saying why
        df = table_frame("documents", pd.concat([df, schemas.conform("documents", unkeyable)], ignore_index=True))
    set_aside = quarantine.read(paths.outputs)
    counts = set_aside.drop_duplicates(["table", "id"]).groupby("source_file").size()
    df["quarantined_rows"] = df["source_file"].map(counts).fillna(0).astype("Int64")
    metadata = {"dagster/row_count": len(df), "quarantined_rows": int(df["quarantined_rows"].sum()), "preview": preview(df)}
    if len(df):
        metadata["per_document"] = _per_document_table([m for k in keys if (m := paths.store.manifest(k))])
    table_file(paths.work, "documents").parent.mkdir(parents=True, exist_ok=True)
    write_parquet(df, table_file(paths.work, "documents"))  # read by the checks and the release, not loaded whole
    return dg.MaterializeResult(metadata=metadata)


metrics = _extracted_table_asset("metrics", "One row per figure: normalised value, unit, kind (actual/target/forecast), period, subject and indicator, with provenance.")
plans = _extracted_table_asset("plans", "One row per named policy plan per document: title, Chinese title, issuer, period, announcement date, with provenance.")
events = _extracted_table_asset("events", "One row per event per document: name, type, resolved dates, location, with provenance.")


def _card_writer(paths: PipelinePaths, corrections: list):
    def write(folder, tables, version) -> None:
        from pipeline.card import write_card  # imports matplotlib: only when a release is written

        # the staged files are copies of the work tables: what each document's rows were built from is known,
        # so the card reads only documents whose rows changed since the last card (work/card/)
        found = {t: document_digests(paths.work, t) for t in ("metrics", "plans", "events")}
        digests = None if any(d is None for d in found.values()) else \
            {doc: "|".join(d.get(doc, "") for d in found.values()) for doc in set().union(*found.values())}
        write_card(folder, tables, version, corrections, paths.work / "card", digests)
        release_memory()

    return write


@dg.asset(
    deps=[documents, metrics, plans, events],
    group_name="release",
    kinds={"parquet"},
    owners=OWNERS,
    code_version=release_version(EXTRACTOR_VERSION),
    description="Publishes the four tables as outputs/releases/vX.Y.Z (datapackage.json, CHANGES.md, dataset card) "
                "when every blocking check passed and something changed.",
)
def release(context: dg.AssetExecutionContext, paths: PipelinePaths, corrections: list) -> dg.MaterializeResult:
    files = {t: table_file(paths.work, t) for t in TABLE_ORDER}  # the files the table assets wrote and the checks read
    docs = frame(files["documents"], "documents")
    inputs = [{"source_file": r["source_file"], "sha256": r["source_sha256"], "status": r["status"]}
              for r in docs.astype(object).where(docs.notna(), None).to_dict("records")]
    published = publish(files, paths.outputs, inputs, EXTRACTOR_VERSION, extras=_card_writer(paths, corrections),
                        corrections=corrections, quarantined=quarantine.read(paths.outputs))
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
        **{f"{t}_rows": checking.rows_of(paths.work, t) for t in TABLE_ORDER},
        "corrections_applied": len(corrections), "quarantined_rows": int(docs["quarantined_rows"].sum()),
    })


@dg.asset(
    deps=[release],
    group_name="release",
    kinds={"html"},
    owners=OWNERS,
    description="The evidence viewer of the newest release (outputs/review/): every document's text with its rows "
                "highlighted, their fields on click, and a ready corrections entry for each. After the release, "
                "so it never holds one back.",
)
def review_site(paths: PipelinePaths) -> dg.MaterializeResult:
    from pipeline.review import write_review

    index = write_review(paths.outputs, paths.seeds)
    return dg.MaterializeResult(metadata={"index": dg.MetadataValue.path(str(index)),
                                          "pages": len(list(index.parent.glob("doc_*.html")))})
