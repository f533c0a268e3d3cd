"""Extract the rows of one decoded document, with provenance and stable ids."""
from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date

from pipeline.extract import EXTRACTOR_VERSION
from pipeline.extract.events import extract_events
from pipeline.extract.metrics import extract_metrics
from pipeline.extract.plans import extract_plans
from pipeline.text import LineIndex


def stable_id(prefix: str, *parts: object) -> str:
    """A content hash: the same fact gets the same id in every release."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    return f"{prefix}_{digest[:16]}"


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


def _assign_ids(rows: list[dict], id_column: str, prefix: str, key) -> None:
    """Hash each row's identifying content; repeats of the same key get an occurrence number."""
    seen: Counter = Counter()
    for row in rows:
        k = key(row)
        seen[k] += 1
        row[id_column] = stable_id(prefix, *k, seen[k])


def extract_document(text: str, published: date | None, doc: dict) -> dict[str, list[dict]]:
    """Rows for the metrics, plans and events tables from one document.

    ``doc`` carries ``doc_id``, ``source_file`` and ``source_sha256``; ``published``
    is the document's publication date (or None), the anchor for relative dates.
    """
    index = LineIndex(text)
    plans = extract_plans(text, published)
    _assign_ids(plans, "plan_id", "plan", lambda r: (doc["doc_id"], r["title"]))
    metrics = extract_metrics(text, published, plans, title=doc.get("title"))
    _assign_ids(metrics, "metric_id", "metric",
                lambda r: (doc["doc_id"], text[r["char_start"]:r["char_end"]], r["value_text"], r["unit"]))
    events = extract_events(text, published)
    _assign_ids(events, "event_id", "event", lambda r: (doc["doc_id"], r["name"], r["date_start"]))
    return {
        "metrics": _with_provenance(metrics, text, index, doc),
        "plans": _with_provenance(plans, text, index, doc),
        "events": _with_provenance(events, text, index, doc),
    }
