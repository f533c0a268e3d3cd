"""pandera models: the single source of truth for the tables' columns, dtypes and checks."""
import pandas as pd
import pandera.pandas as pandera
import pyarrow as pa

from schemas.documents import DocumentsModel
from schemas.events import EVENT_TYPES, EventsModel
from schemas.metrics import UNITS, MetricsModel
from schemas.places import PlacesModel
from schemas.plans import PlansModel
from schemas.provenance import PROVENANCE_COLUMNS

TABLES: dict[str, type[pandera.DataFrameModel]] = {
    "documents": DocumentsModel,
    "metrics": MetricsModel,
    "plans": PlansModel,
    "events": EventsModel,
}
# Curated reference data shipped in every release beside the tables read from the documents
# (pipeline/reference/); the extracted tables point into it (metrics.place_code -> places.place_code).
REFERENCE_TABLES: dict[str, type[pandera.DataFrameModel]] = {"places": PlacesModel}
MODELS = {**TABLES, **REFERENCE_TABLES}
ID_COLUMNS = {"documents": "doc_id", "metrics": "metric_id", "plans": "plan_id", "events": "event_id",
              "places": "place_code"}


def columns(table: str) -> list[str]:
    """Column order of a table: its id and own columns first, provenance last."""
    names = list(MODELS[table].to_schema().columns)
    if not set(PROVENANCE_COLUMNS) <= set(names):
        return names
    own = [c for c in names if c not in PROVENANCE_COLUMNS]
    own.sort(key=lambda c: c != ID_COLUMNS[table])
    return own + [c for c in PROVENANCE_COLUMNS if c in names]


_ARROW_TYPES = {"string": pa.string(), "Int64": pa.int64(), "Int32": pa.int32(), "float64": pa.float64(),
                "date32[day][pyarrow]": pa.date32()}


def arrow_schema(table: str) -> pa.Schema:
    """The table's Arrow schema, for writing rows without going through pandas."""
    schema = MODELS[table].to_schema()
    return pa.schema([(c, _ARROW_TYPES[str(schema.columns[c].dtype).replace("[python]", "")]) for c in columns(table)])


def empty_frame(table: str) -> pd.DataFrame:
    schema = MODELS[table].to_schema()
    return pd.DataFrame({c: pd.Series(dtype=schema.columns[c].dtype.type) for c in columns(table)})


def conform(table: str, rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Rows as a frame with the table's column order and dtypes (coerced, not yet validated)."""
    df = pd.DataFrame(rows) if not isinstance(rows, pd.DataFrame) else rows
    if df.empty:
        return empty_frame(table)
    schema = MODELS[table].to_schema()
    missing = [c for c in columns(table) if c not in df.columns]
    df = df.reindex(columns=columns(table))
    df[missing] = None  # as missing values, not reindex's float NaN, which no date or string dtype takes
    for name in df.columns:
        df[name] = schema.columns[name].dtype.try_coerce(df[name])
    return df.reset_index(drop=True)


__all__ = ["TABLES", "REFERENCE_TABLES", "MODELS", "ID_COLUMNS", "UNITS", "EVENT_TYPES", "columns", "arrow_schema", "empty_frame", "conform"]
