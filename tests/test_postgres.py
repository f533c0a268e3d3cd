"""The project on a Postgres-backed Dagster instance (deploy/dagster-postgres.yaml), against a throwaway
PostgreSQL server started from the machine's packages: a refresh publishes the same bytes as on SQLite,
two refreshes at once both succeed, and the daemon's sensor run works."""
from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest

from tests.daemon import ROOT, Folders, sensor_picks_up_a_dropped_file

DEPLOY_YAML = ROOT / "deploy" / "dagster-postgres.yaml"
TABLES = ("documents", "metrics", "plans", "events")

pytestmark = pytest.mark.slow


@dataclass
class Server:
    host: str
    port: int
    user: str
    password: str

    def connect(self, db: str = "postgres"):
        import psycopg2

        connection = psycopg2.connect(host=self.host, port=self.port, user=self.user, password=self.password, dbname=db)
        connection.autocommit = True
        return connection


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_user() -> list[str]:
    """PostgreSQL refuses to run as root: run its programs as the `postgres` user, created if missing."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"],
                       check=True, capture_output=True)
    return ["runuser", "-u", "postgres", "--"]


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server on 127.0.0.1 (free port, unix socket in its own tmp folder), stopped and
    deleted at the end of the session, also when a test or the start itself fails."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip("PostgreSQL's initdb/pg_ctl are not installed (e.g. apt-get install postgresql): "
                    "the Postgres instance tests need a throwaway server")
    as_user = _server_user()
    # under /tmp itself, not pytest's tmp folder: that one is private to root and the server runs as postgres
    root = Path(tempfile.mkdtemp(prefix="pytest-postgres-", dir="/tmp"))
    data, sockets, log = root / "data", root / "socket", root / "server.log"
    server = Server("127.0.0.1", _free_port(), "dagster", secrets.token_hex(16))
    try:
        sockets.mkdir()
        (root / "pwfile").write_text(server.password + "\n", encoding="utf-8")
        if as_user:
            user = pwd.getpwnam("postgres")
            for path in (root, sockets, root / "pwfile"):
                os.chown(path, user.pw_uid, user.pw_gid)
        run = lambda *args: subprocess.run([*as_user, *args], check=True, capture_output=True, text=True, timeout=120)  # noqa: E731
        run(initdb, "-D", str(data), "-U", server.user, f"--pwfile={root / 'pwfile'}", "--auth=scram-sha-256",
            "--encoding=UTF8", "--locale=C", "--no-sync")
        (root / "pwfile").unlink()
        options = (f"-c listen_addresses=127.0.0.1 -p {server.port} -k {sockets} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        started = time.monotonic()
        run(pg_ctl, "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", options, "start")
        print(f"postgres: started in {time.monotonic() - started:.1f} s on port {server.port}")
        yield server
    except subprocess.CalledProcessError as exc:
        server_log = log.read_text(errors="replace")[-3000:] if log.exists() else ""
        raise RuntimeError(f"{exc.cmd} failed: {exc.stdout}{exc.stderr}{server_log}") from exc
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "fast", "-w", "-t", "60", "stop"],
                           capture_output=True, timeout=90)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_env(postgres, monkeypatch):
    """A fresh database per test and the DAGSTER_PG_* variables deploy/dagster-postgres.yaml reads."""
    db = f"dagster_{secrets.token_hex(4)}"
    connection = postgres.connect()
    try:
        connection.cursor().execute(f"CREATE DATABASE {db}")
    finally:
        connection.close()
    env = {"DAGSTER_PG_HOST": postgres.host, "DAGSTER_PG_PORT": str(postgres.port),
           "DAGSTER_PG_USERNAME": postgres.user, "DAGSTER_PG_PASSWORD": postgres.password, "DAGSTER_PG_DB": db}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    yield env
    connection = postgres.connect()
    try:
        connection.cursor().execute(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    finally:
        connection.close()


def postgres_folders(root: Path) -> Folders:
    return Folders(root, dagster_yaml=DEPLOY_YAML.read_text(encoding="utf-8"))


def release_parquet(outputs: Path) -> dict[str, bytes]:
    latest = (outputs / "releases" / "LATEST").read_text(encoding="utf-8").strip()
    return {p.name: p.read_bytes() for p in sorted((outputs / "releases" / latest).glob("*.parquet"))}


def test_a_refresh_on_postgres_publishes_the_same_parquet_as_on_sqlite(pg_env, tmp_path, monkeypatch):
    from dagster_postgres import PostgresEventLogStorage, PostgresRunStorage

    from pipeline.runner import instance_for, refresh

    on_postgres, on_sqlite = postgres_folders(tmp_path / "postgres"), Folders(tmp_path / "sqlite")
    monkeypatch.setenv("DAGSTER_HOME", str(on_postgres.home))  # instance_for sets it; restored afterwards
    outcomes = {}
    for name, folders in (("postgres", on_postgres), ("sqlite", on_sqlite)):
        instance = instance_for(folders.home)
        try:
            is_postgres = isinstance(instance.run_storage, PostgresRunStorage)
            assert is_postgres == (name == "postgres")
            assert isinstance(instance.event_log_storage, PostgresEventLogStorage) == is_postgres
            started = time.monotonic()
            outcomes[name] = refresh(folders.seeds, folders.outputs, instance)
            print(f"refresh on {name}: {time.monotonic() - started:.1f} s")
            assert outcomes[name].success and outcomes[name].release == "v1.0.0"
            assert instance.get_run_by_id(outcomes[name].run_id).status == dg.DagsterRunStatus.SUCCESS
        finally:
            instance.dispose()
    published, expected = release_parquet(on_postgres.outputs), release_parquet(on_sqlite.outputs)
    assert sorted(published) == sorted(f"{t}.parquet" for t in (*TABLES, "places"))  # the tables and the places
    assert published == expected


def test_two_refreshes_at_once_on_two_outputs_folders_share_one_postgres_instance(pg_env, tmp_path, monkeypatch):
    folders = postgres_folders(tmp_path)
    env = folders.env(pg_env)
    second = tmp_path / "outputs-2"
    started = time.monotonic()
    processes = [subprocess.Popen([sys.executable, "-W", "ignore::Warning", "-m", "pipeline", "refresh", "--outputs", str(out)],
                                  cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                 for out in (folders.outputs, second)]
    outputs = [p.communicate(timeout=300)[0] for p in processes]
    print(f"two refreshes at once on postgres: {time.monotonic() - started:.1f} s")
    assert [p.returncode for p in processes] == [0, 0], "\n\n".join(o[-3000:] for o in outputs)
    assert release_parquet(folders.outputs) == release_parquet(second)
    monkeypatch.setenv("DAGSTER_HOME", str(folders.home))
    instance = dg.DagsterInstance.from_config(str(folders.home))
    try:
        runs = instance.get_runs()
        assert len(runs) == 2 and {r.status for r in runs} == {dg.DagsterRunStatus.SUCCESS}
        assert sorted(instance.get_dynamic_partitions("documents")) == sorted(p.name for p in folders.seeds.iterdir())
    finally:
        instance.dispose()


def test_the_daemon_runs_the_sensor_against_postgres(pg_env, tmp_path):
    folders = postgres_folders(tmp_path)
    timings = sensor_picks_up_a_dropped_file(folders, folders.env(pg_env))
    print(f"daemon (Postgres): {timings}")
