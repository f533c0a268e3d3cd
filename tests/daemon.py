"""The real Dagster daemon against a private project copy: shared by test_automation and test_postgres.

`sensor_picks_up_a_dropped_file` is the scenario of `make release` followed by `make dev`:
a first release, a file dropped into the seeds folder, then the daemon (whose first sensor
tick comes right after it starts) must launch exactly one run that publishes exactly one
new release.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
from dagster._core.scheduler.instigation import TickStatus  # not exported at the top level

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
NEW_FILE = ROOT / "tests" / "corpus" / "400_news-digital-yuan-pilot.txt"
TELEMETRY_OFF = "telemetry:\n  enabled: false\n"
FINISHED = {dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED}


class Folders:
    """seeds/ (a copy of the project's), corrections/ (empty), outputs/ and dagster_home/ under one tmp folder."""

    def __init__(self, root: Path, dagster_yaml: str = TELEMETRY_OFF):
        self.root = root
        self.seeds, self.corrections, self.outputs, self.home = (root / n for n in ("seeds", "corrections", "outputs", "dagster_home"))
        shutil.copytree(SEEDS, self.seeds)
        self.corrections.mkdir()
        self.home.mkdir()
        (self.home / "dagster.yaml").write_text(dagster_yaml, encoding="utf-8")

    def env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """The environment of `make release` / `make dev` for these folders; the project's code comes first on
        the path (the venv's editable install may point elsewhere)."""
        return {**os.environ, "DAGSTER_HOME": str(self.home), "PIPELINE_SEEDS_DIR": str(self.seeds),
                "PIPELINE_OUTPUTS_DIR": str(self.outputs), "PIPELINE_CORRECTIONS_DIR": str(self.corrections),
                "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
                **(extra or {})}

    def latest(self) -> str | None:
        try:
            return (self.outputs / "releases" / "LATEST").read_text(encoding="utf-8").strip()
        except OSError:
            return None

    def releases(self) -> list[str]:
        return sorted(p.name for p in (self.outputs / "releases").iterdir() if p.is_dir() and p.name.startswith("v"))


def release(folders: Folders, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    """`make release` for these folders: `python -m pipeline refresh` in its own process."""
    return subprocess.run([sys.executable, "-W", "ignore::Warning", "-m", "pipeline", "refresh"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


@contextmanager
def running_daemon(env: dict[str, str], log: Path):
    """`dagster-daemon run -m pipeline.definitions` in its own process group, stopped (the whole group) on exit."""
    daemon = Path(sys.executable).with_name("dagster-daemon")
    with open(log, "wb") as out:
        process = subprocess.Popen([str(daemon), "run", "-m", "pipeline.definitions"], cwd=ROOT, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield process
        finally:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    # the code server and run workers are in the same group; make sure none outlives the test
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def sensor_ticks(instance: dg.DagsterInstance, name: str = "seeds_sensor") -> list:
    """The sensor's ticks, newest first (empty before the daemon's first evaluation)."""
    ticks = []
    for state in instance.all_instigator_state():
        if state.instigator_name == name:
            ticks += instance.get_ticks(state.instigator_origin_id, state.selector_id)
    return sorted(ticks, key=lambda t: t.timestamp, reverse=True)


def sensor_picks_up_a_dropped_file(folders: Folders, env: dict[str, str], timeout: float = 150) -> dict[str, float]:
    """Release v1.0.0, drop a file, start the daemon; wait for the sensor's run to finish and for the
    sensor's next tick after it (so a second request would have been made by then). Asserts exactly one
    sensor run, successful, no failed run, and exactly one new release v1.1.0. Returns timings."""
    started = time.monotonic()
    first = release(folders, env)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    assert folders.latest() == "v1.0.0"
    timings = {"initial_release_s": time.monotonic() - started}
    shutil.copy(NEW_FILE, folders.seeds / NEW_FILE.name)

    instance = dg.DagsterInstance.from_config(str(folders.home))
    try:
        before = {r.run_id for r in instance.get_runs()}
        log = folders.root / "daemon.log"
        t0 = time.monotonic()
        with running_daemon(env, log) as process:
            deadline = t0 + timeout
            run = None
            while True:
                assert process.poll() is None, f"daemon exited early:\n{log.read_text(errors='replace')[-4000:]}"
                runs = [r for r in instance.get_runs() if r.run_id not in before]
                done = [r for r in runs if r.status in FINISHED]
                if run is None and done:
                    run = done[-1]  # get_runs lists the newest first
                    timings["run_finished_s"] = time.monotonic() - t0
                    finished_at = instance.get_run_record_by_id(run.run_id).end_time
                # a tick after the run, evaluated to the end (a tick is stored as STARTED while it runs)
                if run is not None and any(t.timestamp > finished_at and t.status != TickStatus.STARTED
                                           for t in sensor_ticks(instance)):
                    timings["next_tick_s"] = time.monotonic() - t0
                    break
                assert time.monotonic() < deadline, (
                    f"no sensor run finished and ticked again within {timeout:.0f} s: runs "
                    f"{[(r.run_id[:8], r.status.value) for r in runs]}\n{log.read_text(errors='replace')[-4000:]}")
                time.sleep(1)
        runs = [r for r in instance.get_runs() if r.run_id not in before]
        assert [r.status for r in runs] == [dg.DagsterRunStatus.SUCCESS], [(r.run_id, r.status, r.tags) for r in runs]
        assert runs[0].tags.get("dagster/sensor_name") == "seeds_sensor"
        assert runs[0].tags.get("dagster/partition") == NEW_FILE.name  # only the new document was extracted
        failed = instance.get_runs(filters=dg.RunsFilter(statuses=[dg.DagsterRunStatus.FAILURE]))
        assert failed == []
        assert folders.latest() == "v1.1.0" and folders.releases() == ["v1.0.0", "v1.1.0"]
        newest_tick = sensor_ticks(instance)[0]
        assert newest_tick.status == TickStatus.SKIPPED, newest_tick
    finally:
        instance.dispose()
    timings["total_s"] = time.monotonic() - started
    return timings
