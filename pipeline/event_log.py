"""Dagster's SQLite event log, writing a batch of events in one transaction per database.

A run that extracts many documents materialises one partition per document, and Dagster
records one event per partition. The stock SQLite event log opens a connection and commits
(a disk sync) for every event, twice for an asset event (the run's database and the asset
index): about 10 ms per event, minutes for 10,000 documents. Dagster hands events that belong
together to ``store_event_batch`` when DAGSTER_EVENT_BATCH_SIZE is set (importing this module does);
this class stores such a batch through one connection and one commit per database, with the
same rows as event-by-event storage. It also records one "planned" event for such a run instead
of one per partition. The instance `pipeline.runner.instance_for` creates uses it (`instance_config`).
"""
from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

from dagster._core.events.log import EventLogEntry
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage
from dagster._serdes import ConfigurableClassData
from sqlalchemy.engine import Connection

# Dagster batches events only when this is set (read at every event, in every process that
# loads an instance using this storage: the runner, the daemon, the UI's run workers).
os.environ.setdefault("DAGSTER_EVENT_BATCH_SIZE", "10000")


def instance_config(dagster_home: Path) -> str:
    """The dagster.yaml lines that make an instance use this storage, where the stock one keeps its files
    (an absolute path, as Dagster resolves its own defaults: the instance folder is not relocatable)."""
    return (f"event_log_storage:  # SQLite, writing the events of a many-document run in one transaction\n"
            f"  module: {__name__}\n  class: {BatchingSqliteEventLogStorage.__name__}\n"
            f"  config:\n    base_dir: {json.dumps(str(Path(dagster_home).resolve() / 'history' / 'runs'))}\n")


class BatchingSqliteEventLogStorage(SqliteEventLogStorage):
    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None):
        self._batch: dict[str, Connection] | None = None
        super().__init__(base_dir, inst_data)
        self._db_lock = threading.RLock()  # a batch holds it while its connections stay open

    @classmethod
    def from_config_value(cls, inst_data, config_value):
        return cls(inst_data=inst_data, **config_value)

    @property
    def supports_partition_subset_in_asset_materialization_planned_events(self) -> bool:
        """One "planned" event per asset for a run over many partitions, not one per partition (what
        DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS does; a failed run then leaves its partitions
        unmaterialised rather than marked failed)."""
        return True

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        if self._batch is None:
            with super()._connect(shard) as conn:
                yield conn
        else:  # inside a batch: one connection and transaction per database, left open until the batch ends
            if shard not in self._batch:
                self._batch[shard] = self._stack.enter_context(super()._connect(shard))
            yield self._batch[shard]

    def store_event_batch(self, events: Sequence[EventLogEntry]) -> None:
        with self._db_lock, ExitStack() as stack:  # leaving commits every database, or rolls all back
            self._batch, self._stack = {}, stack
            try:
                for event in events:
                    self.store_event(event)
            finally:
                self._batch = None
