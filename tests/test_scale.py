"""Per-document partitions are the unit of parallel work: fanning out changes nothing in the result."""
import hashlib
import json
import shutil

import dagster as dg

from pipeline.runner import refresh
from tests.conftest import SEEDS


def test_multiprocess_executor_gives_the_same_release_as_in_process(project, tmp_path_factory):
    root = tmp_path_factory.mktemp("multiprocess")
    shutil.copytree(SEEDS, root / "seeds")
    (root / "home").mkdir()
    with dg.DagsterInstance.local_temp(str(root / "home")) as instance:
        parallel = refresh(root / "seeds", root / "outputs", instance, processes=2)
        run = instance.get_run_by_id(parallel.run_id)
    assert parallel.success
    assert "multiprocess" in str(run.run_config["execution"]["config"])
    assert project.refresh().success
    for table in ("documents", "metrics", "plans", "events"):
        a = (root / "outputs/releases" / parallel.release / f"{table}.parquet").read_bytes()
        b = (project.latest() / f"{table}.parquet").read_bytes()
        assert hashlib.sha256(a).digest() == hashlib.sha256(b).digest(), table


def test_extraction_on_two_processes_stores_the_same_files_as_one(tmp_path):
    from pipeline.bench import generate
    from pipeline.extract import EXTRACTOR_VERSION
    from pipeline.extraction import extract, worker_count
    from pipeline.store import DocumentStore

    generate(tmp_path / "seeds", 40, target_bytes=3_000)
    keys = sorted(p.name for p in (tmp_path / "seeds").iterdir())
    assert worker_count(2, len(keys)) == 2 and worker_count(2, 1) == 1
    stored = {}
    for workers in (1, 2):
        store = DocumentStore(tmp_path / f"work{workers}")
        done = []
        summaries = extract(tmp_path / "seeds", store, keys, EXTRACTOR_VERSION, workers, done.append)
        assert [s["source_file"] for s in summaries] == keys and done[-1] == len(keys)
        stored[workers] = {p.relative_to(store.root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                           for p in store.root.rglob("*.arrow")}
        stored[workers] |= {k: {f: v for f, v in store.manifest(k).items() if f != "source_stat"} for k in keys}
    assert stored[1] == stored[2] and len(stored[1]) == 5 * len(keys)  # four tables and a manifest per document


def test_the_runner_instance_records_a_many_document_run_in_batches(tmp_path_factory):
    from pipeline.defs.assets import document_partitions
    from pipeline.event_log import BatchingSqliteEventLogStorage
    from pipeline.runner import instance_for

    root = tmp_path_factory.mktemp("batched")
    shutil.copytree(SEEDS, root / "seeds")
    instance = instance_for(root / "home")
    assert isinstance(instance.event_log_storage, BatchingSqliteEventLogStorage)
    outcome = refresh(root / "seeds", root / "outputs", instance)
    assert outcome.success
    key = dg.AssetKey("document_extracts")
    keys = instance.get_dynamic_partitions(document_partitions.name)
    assert instance.get_materialized_partitions(key) == set(keys) and len(keys) == 5
    planned = instance.get_records_for_run(outcome.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION_PLANNED).records
    assert len([r for r in planned if r.event_log_entry.dagster_event.asset_key == key]) == 1
    assert refresh(root / "seeds", root / "outputs", instance).success  # nothing to extract: the downstream run


def test_tables_built_again_only_for_a_changed_document_equal_a_full_build(tmp_path):
    from pipeline.bench import generate

    generate(tmp_path / "seeds", 30, target_bytes=4_000)
    (tmp_path / "home").mkdir()
    tables = tmp_path / "outputs" / "work" / "tables"
    with dg.DagsterInstance.local_temp(str(tmp_path / "home")) as instance:
        assert refresh(tmp_path / "seeds", tmp_path / "outputs", instance).success
        edited = tmp_path / "seeds" / "doc_00007.txt"
        edited.write_bytes(edited.read_bytes() + "\n지난해 매출은 700억 위안을 넘어섰다.\n".encode())
        (tmp_path / "seeds" / "doc_00011.txt").unlink()
        assert refresh(tmp_path / "seeds", tmp_path / "outputs", instance).release == "v1.1.0"
        built = {p.name: p.read_bytes() for p in tables.glob("*.parquet")}
        states = {p.name: json.loads(p.read_text()) for p in tables.glob("*.state.json")}
        assert {n: sum(v[1] > 0 for v in s["docs"].values()) for n, s in states.items()}  # documents with rows
        for state in tables.glob("*.state.json"):
            state.unlink()  # no record: the next build starts from the store
        again = refresh(tmp_path / "seeds", tmp_path / "outputs", instance)
        assert again.success and again.release == "v1.1.0"  # the same tables: nothing to publish
    assert {p.name: p.read_bytes() for p in tables.glob("*.parquet")} == built
