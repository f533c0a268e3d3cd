"""Per-document partitions are the unit of parallel work: fanning out changes nothing in the result."""
import hashlib
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
