"""Frictionless Table Schema (v2) for each table, generated from the pandera models."""
from __future__ import annotations

import schemas

_TYPES = {"string": "string", "Int64": "integer", "Int32": "integer", "float64": "number", "date32[day][pyarrow]": "date"}
_FOREIGN_KEYS = {
    "metrics": [("doc_id", "documents", "doc_id"), ("plan_id", "plans", "plan_id"), ("place_code", "places", "place_code")],
    "plans": [("doc_id", "documents", "doc_id"), ("place_code", "places", "place_code")],
    "events": [("doc_id", "documents", "doc_id"), ("place_code", "places", "place_code")],
    "places": [("parent", "", "place_code")],  # "": the table itself (no resource in the reference)
}


def frictionless_type(dtype: object) -> str:
    name = str(dtype).replace("[python]", "").replace("[pyarrow]", "") if "date" not in str(dtype) else str(dtype)
    return _TYPES[name]


def _constraints(column) -> dict:
    c: dict = {}
    if not column.nullable:
        c["required"] = True
    if column.unique:
        c["unique"] = True
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "isin":
            c["enum"] = list(stats["allowed_values"])
        elif check.name == "str_matches":
            c["pattern"] = stats["pattern"]
        elif check.name == "str_length" and stats.get("min_value") is not None:
            c["minLength"] = stats["min_value"]
        elif check.name in ("greater_than_or_equal_to", "in_range"):
            if stats.get("min_value") is not None:
                c["minimum"] = stats["min_value"]
            if stats.get("max_value") is not None:
                c["maximum"] = stats["max_value"]
    return c


def table_schema(table: str) -> dict:
    schema = schemas.MODELS[table].to_schema()
    fields = []
    for name in schemas.columns(table):
        col = schema.columns[name]
        field = {"name": name, "type": frictionless_type(col.dtype), "description": col.description or ""}
        if constraints := _constraints(col):
            field["constraints"] = constraints
        fields.append(field)
    out = {"fields": fields, "primaryKey": [schemas.ID_COLUMNS[table]], "missingValues": [""]}
    if table in _FOREIGN_KEYS:
        out["foreignKeys"] = [{"fields": [f], "reference": {"resource": r, "fields": [rf]} if r else {"fields": [rf]}}
                              for f, r, rf in _FOREIGN_KEYS[table]]
    return out
