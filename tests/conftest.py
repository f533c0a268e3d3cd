import shutil
from pathlib import Path

import dagster as dg
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture
def project(tmp_path):
    """A private copy of the seeds with its own outputs folder and Dagster instance."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (tmp_path / "dagster_home").mkdir()
    with dg.DagsterInstance.local_temp(str(tmp_path / "dagster_home")) as instance:
        yield Project(seeds, tmp_path / "outputs", instance)


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """One refreshed project shared by read-only tests (its release must not be modified)."""
    root = tmp_path_factory.mktemp("published")
    shutil.copytree(SEEDS, root / "seeds")
    (root / "dagster_home").mkdir()
    with dg.DagsterInstance.local_temp(str(root / "dagster_home")) as instance:
        project = Project(root / "seeds", root / "outputs", instance)
        assert project.refresh().success
        yield project


class Project:
    def __init__(self, seeds: Path, outputs: Path, instance: dg.DagsterInstance):
        self.seeds, self.outputs, self.instance = seeds, outputs, instance

    def refresh(self, processes: int = 1):
        from pipeline.runner import refresh

        return refresh(self.seeds, self.outputs, self.instance, processes)

    @property
    def releases(self) -> Path:
        return self.outputs / "releases"

    def latest(self) -> Path:
        return self.releases / (self.releases / "LATEST").read_text().strip()
