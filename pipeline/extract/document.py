"""Extract the rows of one decoded document, with provenance and stable ids."""
from __future__ import annotations

from collections import Counter
from datetime import date

import schemas
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.extract.events import extract_events
from pipeline.extract.metrics import extract_metrics
from pipeline.extract.place_codes import assign_place_codes
from pipeline.extract.plans import extract_plans
from pipeline.keys import event_key, plan_key
from pipeline.rows import ID_KEYS, row_id
from pipeline.text import LineIndex


def _with_provenance(rows: list[dict], text: str, index: LineIndex, doc: dict) -> list[dict]:
    for row in rows:
        start, end = row["char_start"], row["char_end"]
        row["line_start"], row["line_end"] = index.lines_of(start, end)
        row["evidence"] = text[start:end]
        row["doc_id"] = doc["doc_id"]
        row["source_file"] = doc["source_file"]
        row["source_sha256"] = doc["source_sha256"]
        row["extractor"] = f"{row['extractor']}@{EXTRACTOR_VERSION}"
    return rows


def _assign_ids(table: str, rows: list[dict]) -> list[dict]:
    """Hash each row's identifying content; repeats of the same key get an occurrence number."""
    seen: Counter = Counter()
    for row in rows:
        k = ID_KEYS[table](row)
        seen[k] += 1
        row[schemas.ID_COLUMNS[table]] = row_id(table, row, seen[k])
    return rows


def _assign_keys(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Cross-document keys (pipeline.keys): a plan's, its targets' (through plan_id), an event's (after its place)."""
    for row in tables["plans"]:
        row["plan_key"] = plan_key(row["title"], row.get("title_zh"), row.get("period_start"), row.get("period_end"))
    keys = {row["plan_id"]: row["plan_key"] for row in tables["plans"]}
    for row in tables["metrics"]:
        row["plan_key"] = keys.get(row.get("plan_id"))
    for row in tables["events"]:
        row["event_key"] = event_key(row["name"], row.get("date_start"), row.get("place_code"))
    return tables


def extract_document(text: str, published: date | None, doc: dict) -> dict[str, list[dict]]:
    """Rows for the metrics, plans and events tables from one document.

    ``doc`` carries ``doc_id``, ``source_file`` and ``source_sha256`` (and ``title``,
    when known); ``published`` is the document's publication date (or None), the
    anchor for relative dates. Each row gets its place (place_codes) and its
    cross-document key once its provenance is known.
    """
    index = LineIndex(text)
    plans = _assign_ids("plans", _with_provenance(extract_plans(text, published), text, index, doc))
    metrics = extract_metrics(text, published, plans, title=doc.get("title"))  # targets point at plan ids
    tables = {
        "metrics": _assign_ids("metrics", _with_provenance(metrics, text, index, doc)),
        "plans": plans,
        "events": _assign_ids("events", _with_provenance(extract_events(text, published), text, index, doc)),
    }
    return _assign_keys(assign_place_codes(tables, text, doc.get("title")))
