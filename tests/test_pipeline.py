"""End to end through Dagster: seeds folder in, versioned release out."""
import hashlib
import json

import pyarrow.parquet as pq

import schemas
from pipeline.sources import read_document
from pipeline.store import DocumentStore, read_parquet

TABLES = ("documents", "metrics", "plans", "events")


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_first_refresh_publishes_a_complete_release(project):
    outcome = project.refresh()
    assert outcome.success and outcome.release == "v1.0.0"
    release = project.latest()
    for table in TABLES:
        assert (release / f"{table}.parquet").exists()
    docs = read_parquet(release / "documents.parquet")
    assert sorted(docs["source_file"]) == sorted(p.name for p in project.seeds.iterdir())
    assert (docs["status"] == "ok").all()
    # dates are date32 in Parquet, as the contract says
    assert str(pq.read_schema(release / "documents.parquet").field("published_date").type) == "date32[day]"
    package = json.loads((release / "datapackage.json").read_text())
    assert package["version"] == "1.0.0" and package["previous_version"] is None
    for resource in package["resources"]:
        path = release / resource["path"]
        assert resource["hash"] == f"sha256:{sha(path)}" and resource["bytes"] == path.stat().st_size
    assert {i["source_file"]: i["sha256"] for i in package["inputs"]} == {
        p.name: sha(p) for p in project.seeds.iterdir()}


def test_every_row_points_at_its_source_text(project):
    project.refresh()
    release = project.latest()
    texts = {p.name: read_document(p).text for p in project.seeds.iterdir()}
    for table in ("metrics", "plans", "events"):
        df = read_parquet(release / f"{table}.parquet")
        for row in df.itertuples():
            text = texts[row.source_file]
            assert text[row.char_start:row.char_end] == row.evidence
            assert text[:row.char_start].count("\n") + 1 == row.line_start
            assert text[:row.char_end - 1].count("\n") + 1 == row.line_end


def test_unchanged_inputs_publish_nothing_and_parse_nothing(project):
    project.refresh()
    store = DocumentStore(project.outputs / "work")
    before = {k: store.manifest(k) for k in store.keys()}
    outcome = project.refresh()
    assert outcome.success and outcome.changed == [] and outcome.release == "v1.0.0"
    assert sorted(p.name for p in project.releases.iterdir() if p.name.startswith("v")) == ["v1.0.0"]
    assert {k: store.manifest(k) for k in store.keys()} == before


def test_changed_document_gives_a_minor_release_listing_new_rows(project):
    project.refresh()
    target = project.seeds / "001_2b3796689cc4c02f.txt"
    with target.open("a", encoding="utf-8") as f:
        f.write("\n지난해 베이징시의 데이터 거래 규모는 300억 위안을 넘어섰다.\n")
    outcome = project.refresh()
    assert outcome.changed == [target.name]
    assert outcome.release == "v1.1.0"
    old = read_parquet(project.releases / "v1.0.0" / "documents.parquet")
    new = read_parquet(project.latest() / "documents.parquet")
    changed = set(old.merge(new, on="doc_id", suffixes=("_old", "_new")).query("source_sha256_old != source_sha256_new")["doc_id"])
    changes = (project.latest() / "CHANGES.md").read_text()
    assert len(changed) == 1 and changed.pop() in changes
    metrics = read_parquet(project.latest() / "metrics.parquet")
    added = metrics[metrics["evidence"].str.contains("300억 위안")]
    assert len(added) == 1 and added["value"].iloc[0] == 3e10 and added["unit"].iloc[0] == "CNY"
    assert f"`{added['metric_id'].iloc[0]}`" in changes.split("Added:")[1]
    assert (project.releases / "v1.0.0" / "documents.parquet").exists()  # the old release is kept


def test_removed_document_leaves_the_next_release(project):
    project.refresh()
    gone = project.seeds / "004_860c4624a69658b3.txt"
    old = {t: read_parquet(project.latest() / f"{t}.parquet") for t in TABLES}
    gone.unlink()
    outcome = project.refresh()
    assert outcome.removed == [gone.name] and outcome.release == "v1.1.0"
    new_docs = read_parquet(project.latest() / "documents.parquet")
    assert gone.name not in set(new_docs["source_file"])
    changes = (project.latest() / "CHANGES.md").read_text()
    for table in TABLES:
        removed = old[table][old[table]["source_file"] == gone.name]
        id_column = schemas.ID_COLUMNS[table]
        for rid in removed[id_column]:
            assert rid in changes


def test_same_inputs_give_byte_identical_parquet(project, tmp_path_factory):
    import shutil

    import dagster as dg

    from pipeline.runner import refresh

    project.refresh()
    other = tmp_path_factory.mktemp("other")
    shutil.copytree(project.seeds, other / "seeds")
    (other / "dh").mkdir()
    with dg.DagsterInstance.local_temp(str(other / "dh")) as instance:
        refresh(other / "seeds", other / "outputs", instance)
    for table in TABLES:
        assert sha(project.latest() / f"{table}.parquet") == sha(other / "outputs/releases/v1.0.0" / f"{table}.parquet")
