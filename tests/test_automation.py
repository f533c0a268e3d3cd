"""The seeds sensor and the daily schedule: what one evaluation requests, that it writes nothing,
and the real daemon turning a dropped file into exactly one run and one release."""
import hashlib
import shutil
import uuid

import dagster as dg
import pytest
from dagster._core.storage.dagster_run import DagsterRun

from pipeline.defs.assets import document_partitions
from pipeline.defs.automation import RANGE_END, RANGE_START, daily_refresh, seeds_sensor
from pipeline.defs.resources import PipelinePaths
from tests.daemon import ROOT, Folders, sensor_picks_up_a_dropped_file

CORPUS = ROOT / "tests" / "corpus"
NEW = ["400_news-digital-yuan-pilot.txt", "401_briefing-shenzhen-ai-plan.txt"]
EDITED = "001_2b3796689cc4c02f.txt"
REMOVED = "004_860c4624a69658b3.txt"


class Refreshed:
    """A private project after a full refresh (release v1.0.0), with the sensor's resource."""

    def __init__(self, folders: Folders, instance: dg.DagsterInstance):
        self.folders, self.instance = folders, instance
        self.paths = PipelinePaths(seeds_dir=str(folders.seeds), outputs_dir=str(folders.outputs),
                                   corrections_dir=str(folders.corrections))

    def tick(self, cursor: str | None, apply: bool = True) -> dg.SensorResult:
        """One evaluation; with ``apply`` its partition requests are applied as the daemon would."""
        context = dg.build_sensor_context(instance=self.instance, resources={"paths": self.paths}, cursor=cursor)
        result = seeds_sensor(context)
        for request in result.dynamic_partitions_requests if apply else []:
            if isinstance(request, dg.AddDynamicPartitionsRequest):
                self.instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
            else:
                for key in request.partition_keys:
                    self.instance.delete_dynamic_partition(request.partitions_def_name, key)
        return result

    def partitions(self) -> list[str]:
        return self.instance.get_dynamic_partitions(document_partitions.name)


@pytest.fixture
def refreshed(tmp_path):
    from pipeline.runner import refresh

    folders = Folders(tmp_path)
    with dg.DagsterInstance.local_temp(str(folders.home)) as instance:
        outcome = refresh(folders.seeds, folders.outputs, instance)
        assert outcome.success and outcome.release == "v1.0.0"
        yield Refreshed(folders, instance)


def snapshot(*folders) -> dict[str, tuple[int, int, str]]:
    """Every file under the folders: size, mtime and sha256."""
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                stat = path.stat()
                found[str(path)] = (stat.st_size, stat.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    return found


def downstream() -> set[dg.AssetKey]:
    from pipeline.definitions import defs

    graph = defs.resolve_asset_graph()
    return {k for k in graph.materializable_asset_keys if graph.get(k).partitions_def is None}


def test_both_start_running_and_the_sensor_takes_the_paths_resource():
    assert seeds_sensor.default_status == dg.DefaultSensorStatus.RUNNING
    assert daily_refresh.default_status == dg.DefaultScheduleStatus.RUNNING
    assert seeds_sensor.minimum_interval_seconds == 60
    assert seeds_sensor.required_resource_keys == {"paths"}


def test_after_a_full_refresh_an_unchanged_folder_requests_nothing(refreshed):
    first = refreshed.tick(None)  # the sensor's very first tick, as after `make release` then `make dev`
    assert first.run_requests == [] and first.dynamic_partitions_requests == [] and first.skip_reason
    again = refreshed.tick(first.cursor)
    assert again.run_requests == [] and again.dynamic_partitions_requests == []


def test_two_new_files_give_one_run_covering_both(refreshed):
    for name in NEW:
        shutil.copy(CORPUS / name, refreshed.folders.seeds / name)
    result = refreshed.tick(None)
    [add] = result.dynamic_partitions_requests
    assert isinstance(add, dg.AddDynamicPartitionsRequest) and list(add.partition_keys) == NEW
    [request] = result.run_requests
    assert request.partition_key is None and request.asset_selection is None  # the whole job
    assert (request.tags[RANGE_START], request.tags[RANGE_END]) == (NEW[0], NEW[1])
    assert refreshed.partitions()[-2:] == NEW
    assert len(request.run_key) <= 32

    # requested and not yet run: the next tick does not request it again
    again = refreshed.tick(result.cursor)
    assert again.run_requests == [] and again.dynamic_partitions_requests == []


def test_an_edited_file_requests_one_run_of_that_document(refreshed):
    first = refreshed.tick(None)
    edited = refreshed.folders.seeds / EDITED
    edited.write_text(edited.read_text(encoding="utf-8") + "\n추가 문장.\n", encoding="utf-8")
    result = refreshed.tick(first.cursor)
    assert result.dynamic_partitions_requests == []
    [request] = result.run_requests
    assert request.partition_key == EDITED and RANGE_START not in request.tags


def test_a_removed_file_gives_a_delete_request_and_a_downstream_run_and_touches_nothing(refreshed):
    folders = refreshed.folders
    first = refreshed.tick(None)
    (folders.seeds / REMOVED).unlink()
    before = snapshot(folders.seeds, folders.outputs, folders.corrections)
    result = refreshed.tick(first.cursor)
    assert snapshot(folders.seeds, folders.outputs, folders.corrections) == before  # stored rows still there
    [delete] = result.dynamic_partitions_requests
    assert isinstance(delete, dg.DeleteDynamicPartitionsRequest) and list(delete.partition_keys) == [REMOVED]
    [request] = result.run_requests
    assert request.partition_key is None and RANGE_START not in request.tags
    assert set(request.asset_selection) == downstream()
    assert dg.AssetKey("release") in request.asset_selection
    assert not {dg.AssetKey("document_extracts"), dg.AssetKey("seed_files")} & set(request.asset_selection)
    assert REMOVED not in refreshed.partitions()


def test_a_changed_corrections_file_requests_a_downstream_run(refreshed):
    corrections = refreshed.folders.corrections
    first = refreshed.tick(None)
    (corrections / "notes.txt").write_text("not a corrections file\n", encoding="utf-8")
    assert refreshed.tick(first.cursor).run_requests == []
    (corrections / "metrics.yaml").write_text("# no corrections yet\n", encoding="utf-8")
    result = refreshed.tick(first.cursor)
    [request] = result.run_requests
    assert set(request.asset_selection) == downstream()
    from pipeline.definitions import defs
    has_corrections = dg.AssetKey("corrections") in defs.resolve_asset_graph().materializable_asset_keys
    assert (dg.AssetKey("corrections") in request.asset_selection) == has_corrections
    assert result.dynamic_partitions_requests == []
    assert refreshed.tick(result.cursor).run_requests == []  # recorded in the cursor
    (corrections / "metrics.yaml").write_text("# still none\n", encoding="utf-8")
    assert len(refreshed.tick(result.cursor).run_requests) == 1


def test_without_a_cursor_corrections_edited_after_the_last_refresh_count_as_changed(refreshed):
    (refreshed.folders.corrections / "plans.yaml").write_text("# edited after the release\n", encoding="utf-8")
    [request] = refreshed.tick(None).run_requests
    assert dg.AssetKey("release") in request.asset_selection


def test_the_sensor_has_no_side_effects(refreshed):
    folders = refreshed.folders
    for name in NEW:
        shutil.copy(CORPUS / name, folders.seeds / name)
    edited = folders.seeds / EDITED
    edited.write_bytes(edited.read_bytes() + "\n추가 문장.\n".encode())
    (folders.seeds / REMOVED).unlink()
    (folders.corrections / "events.yaml").write_text("# none\n", encoding="utf-8")
    before, partitions = snapshot(folders.seeds, folders.outputs, folders.corrections), refreshed.partitions()
    runs = len(refreshed.instance.get_runs())
    result = refreshed.tick(None, apply=False)
    assert snapshot(folders.seeds, folders.outputs, folders.corrections) == before
    assert refreshed.partitions() == partitions and len(refreshed.instance.get_runs()) == runs
    # new, edited and removed at once: one run over the range from the edited file to the last new one
    [request] = result.run_requests
    assert (request.tags[RANGE_START], request.tags[RANGE_END]) == (EDITED, NEW[-1])
    kinds = {type(r).__name__: list(r.partition_keys) for r in result.dynamic_partitions_requests}
    assert kinds == {"AddDynamicPartitionsRequest": NEW, "DeleteDynamicPartitionsRequest": [REMOVED]}


def test_the_sensor_waits_while_a_refresh_run_is_in_flight(refreshed):
    refreshed.instance.add_run(DagsterRun(job_name="refresh", run_id=str(uuid.uuid4()), status=dg.DagsterRunStatus.STARTED))
    shutil.copy(CORPUS / NEW[0], refreshed.folders.seeds / NEW[0])
    result = refreshed.tick(None)
    assert result.run_requests == [] and result.dynamic_partitions_requests == []
    assert "waiting" in result.skip_reason.skip_message


def test_the_schedule_covers_every_partition_or_skips_when_there_are_none(tmp_path):
    (tmp_path / "home").mkdir()
    with dg.DagsterInstance.local_temp(str(tmp_path / "home")) as instance:
        assert isinstance(daily_refresh(dg.build_schedule_context(instance=instance)), dg.SkipReason)
        keys = ["b.txt", "a.txt", "c.txt"]
        instance.add_dynamic_partitions(document_partitions.name, keys)
        request = daily_refresh(dg.build_schedule_context(instance=instance))
        assert (request.tags[RANGE_START], request.tags[RANGE_END]) == ("b.txt", "c.txt")


@pytest.mark.slow
def test_the_daemon_turns_a_dropped_file_into_one_run_and_one_release(tmp_path):
    folders = Folders(tmp_path)
    timings = sensor_picks_up_a_dropped_file(folders, folders.env())
    print(f"daemon (SQLite): {timings}")
