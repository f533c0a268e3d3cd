"""Explain mode: every number on one line of a document, the rule that took or dropped
it, and the rule behind each attribute; the plan and event rows on that line too.

    python -m pipeline.extract --explain FILE LINE

The metrics stages fill a trace only when one is passed (``extract_metrics(...,
trace=[])``); an ordinary extraction pays nothing for it.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from pipeline.extract.events import extract_events
from pipeline.extract.metrics import extract_metrics
from pipeline.extract.plans import extract_plans
from pipeline.text import LineIndex

_ATTRS = ("unit", "qualifier", "kind", "period", "subject", "indicator")


def explain_text(text: str, published: date | None, line_no: int, title: str | None = None) -> list[str]:
    """The explanation of one 1-based line of a decoded text, as printable lines."""
    index = LineIndex(text)
    start = index.line_start(line_no)
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    out = [f"line {line_no}: {text[start:end].strip()}", f"published (anchor of relative dates): {published}"]
    plans = extract_plans(text, published)
    for n, p in enumerate(plans):
        p.setdefault("plan_id", f"plan_{n}")  # the pipeline hashes ids later (document.py)
    trace: list[dict] = []
    extract_metrics(text, published, plans, title=title, trace=trace)
    here = sorted((t for t in trace if start <= t["start"] < end), key=lambda t: t["start"])
    out.append(f"numbers: {len(here)}")
    for t in here:
        if not t["taken"]:
            out.append(f"  - {t['text']!r} at {t['start'] - start}: dropped by {t['rule']}")
            continue
        row = t["row"]
        out.append(f"  + {t['text']!r} at {t['start'] - start}: taken by {t['rule']} -> value {row['value']:g}")
        for attr in _ATTRS:
            out.append(f"      {attr:9s} {row[attr]!s:24s} {t['rules'][attr]}")
        if row.get("plan_id"):
            out.append(f"      plan_id   {row['plan_id']}")
    for p in plans:
        if start <= p["char_start"] < end or p["char_start"] <= start < p["char_end"]:
            out.append(f"plan: {p['title']!r} issuer={p.get('issuer')} "
                       f"{p.get('period_start')}-{p.get('period_end')} [{p.get('extractor')}]")
    for e in extract_events(text, published):
        if start <= e["char_start"] < end or e["char_start"] <= start < e["char_end"]:
            out.append(f"event: {e['name']!r} {e.get('event_type')} {e.get('date_start')} [{e.get('extractor')}]")
    return out


def explain_file(path: Path, line_no: int) -> list[str]:
    """Read and decode the file as the pipeline does, anchor relative dates the same way."""
    from pipeline.corpus import document_row
    from pipeline.sources import read_document

    src = read_document(path)
    if src.status != "ok":
        return [f"{path}: {src.status}: {src.error}"]
    doc = document_row(src)
    published = doc["published_date"] if doc.get("published_precision") == "day" else None
    return explain_text(src.text, published, line_no, doc.get("title"))
