"""Dagster definitions as users meet them: sensor, schedule, metadata, and the UI's GraphQL API."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import dagster as dg
import pytest

from pipeline.defs.assets import document_partitions
from pipeline.defs.automation import daily_refresh
from pipeline.definitions import defs
from pipeline.runner import settings
from pipeline.store import read_parquet

ASSETS = {"seed_files", "document_extracts", "corrections", "documents", "metrics", "plans", "events", "release", "review_site"}


def test_schedule_refreshes_every_partition_or_skips_when_there_are_none(project):
    empty = daily_refresh(dg.build_schedule_context(instance=project.instance))
    assert isinstance(empty, dg.SkipReason)
    keys = sorted(p.name for p in project.seeds.iterdir())
    project.instance.add_dynamic_partitions(document_partitions.name, keys)
    request = daily_refresh(dg.build_schedule_context(instance=project.instance))
    assert request.tags["dagster/asset_partition_range_start"] == keys[0]
    assert request.tags["dagster/asset_partition_range_end"] == keys[-1]


def test_table_assets_carry_their_pandera_column_schema():
    import schemas

    graph = defs.resolve_asset_graph()
    for table in schemas.TABLES:
        node = graph.get(dg.AssetKey(table))
        column_schema = node.metadata["dagster/column_schema"]
        assert [c.name for c in column_schema.columns] == schemas.columns(table)
        assert node.group_name == "tables" and node.owners and node.code_version


def test_refresh_records_row_counts_checks_and_release_metadata(project):
    outcome = project.refresh()
    instance = project.instance
    for table in ("documents", "metrics", "plans", "events"):
        event = instance.get_latest_materialization_event(dg.AssetKey(table))
        metadata = event.asset_materialization.metadata
        rows = len(read_parquet(project.latest() / f"{table}.parquet"))
        assert metadata["dagster/row_count"].value == rows
    release = instance.get_latest_materialization_event(dg.AssetKey("release")).asset_materialization.metadata
    assert release["version"].value == outcome.release
    checks = instance.event_log_storage.get_latest_asset_check_execution_by_key(
        [dg.AssetCheckKey(dg.AssetKey("metrics"), "schema")])
    assert list(checks.values())[0].status.value == "SUCCEEDED"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_webserver_serves_every_asset_and_check(tmp_path):
    port = _free_port()
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, "-m", "dagster_webserver", "-h", "127.0.0.1", "-p", str(port), "-m", "pipeline.definitions"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2)
                break
            except OSError:
                assert server.poll() is None, "webserver exited early"
                assert time.monotonic() < deadline, "webserver did not answer within 120 s"
                time.sleep(1)
        query = "{ assetNodes { assetKey { path } assetChecksOrError { ... on AssetChecks { checks { name blocking } } } } }"
        request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=json.dumps({"query": query}).encode(),
                                         headers={"Content-Type": "application/json"})
        nodes = json.load(urllib.request.urlopen(request, timeout=30))["data"]["assetNodes"]
        found = {n["assetKey"]["path"][-1]: n["assetChecksOrError"]["checks"] for n in nodes}
        assert set(found) == ASSETS
        expected = {f"{c.asset_key.path[-1]}:{c.name}" for c in defs.resolve_asset_graph().asset_check_keys}
        served = {f"{asset}:{c['name']}" for asset, checks in found.items() for c in checks if c["blocking"]}
        assert served == expected and len(expected) >= 15
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def test_one_document_can_be_forced_through_again(project):
    from pipeline.store import DocumentStore

    project.refresh()
    store = DocumentStore(project.outputs / "work")
    key = "001_2b3796689cc4c02f.txt"
    manifest = store._manifest(key)
    before = manifest.stat().st_mtime_ns
    job = defs.resolve_job_def("refresh")
    with settings(project.seeds, project.outputs, project.seeds.parent / "corrections"):
        skipped = job.execute_in_process(instance=project.instance, partition_key=key)
        assert skipped.success and manifest.stat().st_mtime_ns == before
        forced = job.execute_in_process(instance=project.instance, partition_key=key, run_config={
            "ops": {"document_extracts": {"config": {"force": True}}}})
    assert forced.success and manifest.stat().st_mtime_ns > before
    metadata = project.instance.get_latest_materialization_event(dg.AssetKey("document_extracts")).asset_materialization.metadata
    assert metadata["parsed"].value == 1 and metadata["metrics"].value > 0


def test_table_io_manager_reads_a_table_once_per_run_and_again_when_it_changes(tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    import schemas
    from pipeline.defs.resources import PipelinePaths, TableIOManager

    reads = []
    real_read = pq.read_table
    monkeypatch.setattr(pq, "read_table", lambda *a, **k: reads.append(a) or real_read(*a, **k))
    manager, key = TableIOManager(paths=PipelinePaths(outputs_dir=str(tmp_path))), dg.AssetKey("documents")
    rows = schemas.conform("documents", [{"doc_id": "doc_x", "source_file": "x.txt", "status": "ok", "bytes": 1}])
    manager.handle_output(dg.build_output_context(asset_key=key), rows)

    first = manager.load_input(dg.build_input_context(asset_key=key))
    first.loc[0, "source_file"] = "changed by one step"  # stays in that step's copy
    second = manager.load_input(dg.build_input_context(asset_key=key))
    assert len(reads) == 1 and second["source_file"].tolist() == ["x.txt"]

    manager.handle_output(dg.build_output_context(asset_key=key), rows.iloc[0:0])
    assert manager.load_input(dg.build_input_context(asset_key=key)).empty and len(reads) == 2


def test_code_versions_follow_the_extractor_and_table_code():
    from pipeline.extract import EXTRACTOR_VERSION

    graph = defs.resolve_asset_graph()
    assert graph.get(dg.AssetKey("document_extracts")).code_version == EXTRACTOR_VERSION
    for key in ("documents", "metrics", "plans", "events", "release"):
        version = graph.get(dg.AssetKey(key)).code_version
        assert version.startswith(EXTRACTOR_VERSION + "/"), key


def test_every_setting_comes_from_one_resource_bound_to_the_environment(tmp_path, monkeypatch):
    from pipeline.defs.resources import SETTINGS

    resources = defs.resources
    paths, table_io = resources["paths"], resources["table_io"]
    assert table_io.paths is paths  # the IO manager has no folder of its own
    for field, variable in SETTINGS.items():
        assert getattr(paths, field) == dg.EnvVar(variable)


def test_a_module_added_under_defs_appears_without_editing_the_definitions(tmp_path):
    import shutil

    from tests.conftest import ROOT

    shutil.copytree(ROOT / "pipeline", tmp_path / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)  # dg finds the project (and its defs folder) by it
    (tmp_path / "pipeline" / "defs" / "scaffolded.py").write_text(
        "import dagster as dg\n\n\n@dg.asset\ndef scaffolded_asset():\n    return 1\n", encoding="utf-8")
    probe = ("from pipeline.definitions import defs\n"
             "print(sorted(k.to_user_string() for k in defs.resolve_asset_graph().get_all_asset_keys()))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert out.returncode == 0, out.stderr[-2000:]
    assert "scaffolded_asset" in out.stdout and "release" in out.stdout


def test_a_file_name_dagster_cannot_key_gets_a_rejected_row_not_a_crash(project):
    (project.seeds / "notes...draft.txt").write_text("2024년 매출은 100억 위안이다.\n", encoding="utf-8")
    outcome = project.refresh()
    assert outcome.success
    docs = read_parquet(project.latest() / "documents.parquet").set_index("source_file")
    row = docs.loc["notes...draft.txt"]
    assert row["status"] == "rejected" and "partition key" in row["error"] and "rename" in row["error"]
    assert "notes...draft.txt" not in project.instance.get_dynamic_partitions(document_partitions.name)
