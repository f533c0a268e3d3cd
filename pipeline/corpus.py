"""One document in, its rows out: the pure-Python unit of work, shared by the
Dagster assets, the command line and the benchmark."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.extract.document import extract_document
from pipeline.extract.metadata import read_metadata
from pipeline.rows import EXTRACTED, table_frame
from pipeline.sources import SourceDocument, read_document


@dataclass
class DocumentResult:
    document: dict
    tables: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in EXTRACTED})


def document_row(src: SourceDocument) -> dict:
    row = {
        "doc_id": src.doc_id, "source_file": src.source_file, "source_sha256": src.source_sha256 or None,
        "bytes": src.bytes, "encoding": src.encoding, "damaged_chars": src.damaged_chars,
        "status": src.status, "error": src.error, "quarantined_rows": 0,  # counted when the tables are assembled
    }
    if src.status == "ok":
        meta = read_metadata(src.text)
        row |= {
            "line_count": src.text.count("\n") + 1, "char_count": len(src.text),
            "title": meta.title, "publisher": meta.publisher, "published_date": meta.published_date,
            "published_precision": meta.published_precision, "published_from": meta.published_from,
        }
    return row


def process(path: Path) -> DocumentResult:
    """Read, decode and extract one file. A bad file gives a rejected row, never an exception."""
    src = read_document(path)
    result = DocumentResult(document_row(src))
    if src.status != "ok":
        return result
    try:
        # Relative dates ('7일', '지난해') need a known day; with only an inferred year the
        # extractors anchor on the nearest explicit year in the text instead.
        doc = result.document
        anchor = doc["published_date"] if doc.get("published_precision") == "day" else None
        result.tables = extract_document(src.text, anchor, doc)
    except Exception as exc:  # an extractor bug on one document must not stop the refresh
        result.document |= {"status": "rejected", "error": f"extraction failed: {type(exc).__name__}: {exc}"}
    return result


def frames(results: list[DocumentResult]) -> dict[str, pd.DataFrame]:
    """The four tables, in a stable row order, with the schemas' columns and dtypes."""
    out = {"documents": table_frame("documents", [r.document for r in results])}
    for table in EXTRACTED:
        out[table] = table_frame(table, [row for r in results for row in r.tables[table]])
    return out
