"""Settings: one `paths` resource, bound to the environment, used by every asset, check,
sensor, schedule and the table IO manager alike.

Its fields come from PIPELINE_SEEDS_DIR, PIPELINE_OUTPUTS_DIR and PIPELINE_CORRECTIONS_DIR
as Dagster `EnvVar`s, read when a run or tick starts (not when the code is imported).
`make` exports them (`make dev` included); `pipeline.runner` sets them
for the runs it launches.
"""

from pathlib import Path

import dagster as dg
import pandas as pd
import pyarrow.parquet as pq
from pydantic import PrivateAttr

import schemas
from pipeline.store import DocumentStore, write_parquet


class PipelinePaths(dg.ConfigurableResource):
    """Seeds, corrections and outputs folders (PIPELINE_SEEDS_DIR, PIPELINE_CORRECTIONS_DIR, PIPELINE_OUTPUTS_DIR)."""

    seeds_dir: str = "seeds"
    outputs_dir: str = "outputs"
    corrections_dir: str = "corrections"

    @property
    def seeds(self) -> Path:
        return Path(self.seeds_dir)

    @property
    def corrections(self) -> Path:
        return Path(self.corrections_dir)

    @property
    def outputs(self) -> Path:
        return Path(self.outputs_dir)

    @property
    def work(self) -> Path:
        return self.outputs / "work"

    @property
    def store(self) -> DocumentStore:
        return DocumentStore(self.work)


SETTINGS = {"seeds_dir": "PIPELINE_SEEDS_DIR", "outputs_dir": "PIPELINE_OUTPUTS_DIR",
            "corrections_dir": "PIPELINE_CORRECTIONS_DIR"}


class TableIOManager(dg.ConfigurableIOManager):
    """Assembled tables as Parquet under outputs/work/tables/, read back with the schema's dtypes.

    A run's checks and the release load the same few tables about twenty times: each
    file is read once per run (again only if it changed) and every step gets a copy.
    """

    paths: dg.ResourceDependency[PipelinePaths]
    _loaded: dict = PrivateAttr(default_factory=dict)  # table -> (file identity, frame)

    def _path(self, key: dg.AssetKey) -> Path:
        return self.paths.work / "tables" / f"{key.path[-1]}.parquet"

    def handle_output(self, context: dg.OutputContext, obj: pd.DataFrame) -> None:
        path = self._path(context.asset_key)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_parquet(obj, path)

    def load_input(self, context: dg.InputContext) -> pd.DataFrame:
        table, path = context.asset_key.path[-1], self._path(context.asset_key)
        stat = path.stat()
        stamp = (stat.st_ino, stat.st_size, stat.st_mtime_ns)  # each write is a new file (atomic rename)
        cached_stamp, df = self._loaded.get(table, (None, None))
        if cached_stamp != stamp:
            df = schemas.conform(table, pq.read_table(path).to_pandas())
            self._loaded[table] = (stamp, df)
        return df.copy()


@dg.definitions
def resources() -> dg.Definitions:
    paths = PipelinePaths(**{field: dg.EnvVar(variable) for field, variable in SETTINGS.items()})
    return dg.Definitions(resources={"paths": paths, "table_io": TableIOManager(paths=paths)})
