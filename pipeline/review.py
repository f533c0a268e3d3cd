"""Evidence viewer: a static site over one release, for curators (``make review``).

``outputs/review/index.html`` lists the release's documents; ``doc_<id>.html`` shows one
document's decoded text with every metric, plan and event highlighted at its
[char_start, char_end) offsets. Spans overlap and nest (several rows are read from one
sentence), so the text is cut at every span boundary and each piece carries the ids of all
the rows covering it; a click lists those rows with their fields and a ready
corrections/*.yaml entry to drop or fix each one.

Pages are self-contained (inline CSS and JS, no network), deterministic, and written only
when their bytes change; pages of documents no longer in the release are removed.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import hashlib
import html
import json
import math
import multiprocessing
import os
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

import pandas as pd
import yaml

import schemas
from pipeline.access import load, release_path
from pipeline.batches import by_document, document_records
from pipeline.code_version import source_hash
from pipeline.release_files import published_digests
from pipeline.review_page import SCRIPT, shell
from pipeline.sources import current_text, document_id
from pipeline.store import atomic_write
from schemas.provenance import PROVENANCE_COLUMNS

TABLES = ("metrics", "plans", "events")
LABEL = {"metrics": "value_text", "plans": "title", "events": "name"}
# The fields a fix edits: the snippet's set/expect carry their current values.
MAIN_FIELDS = {
    "metrics": ["subject", "indicator", "value", "unit", "qualifier", "kind", "period", "plan_id"],
    "plans": ["title", "title_zh", "issuer", "period_start", "period_end", "announced", "announced_precision"],
    "events": ["name", "event_type", "date_start", "date_end", "date_precision", "location"],
}
# Shown apart (id, lines, evidence, correction) or provenance noise.
_NOT_FIELDS = set(PROVENANCE_COLUMNS) | {"correction"}
_PAGE = re.compile(r"doc_[0-9a-f]{12}\.html")


_PLAIN_TYPES = (str, int, bool)  # most cells, as Arrow gives them: nothing to convert


def _plain(v):
    """A cell as a plain Python value (None for any missing value)."""
    if v is None or type(v) in _PLAIN_TYPES:
        return v
    if v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item"):  # numpy scalars
        v = v.item()
    if isinstance(v, pd.Timestamp):
        v = v.date()
    return v


def _text(v) -> str | None:
    if type(v) is str:
        return v
    v = _plain(v)
    return None if v is None else v.isoformat() if isinstance(v, dt.date) else str(v)


def yaml_scalar(v) -> str:
    """A value for a YAML flow mapping: plain when YAML reads it back unchanged, else double-quoted."""
    if type(v) is str:
        return _string_scalar(v)
    v = _plain(v)
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return _string_scalar(str(v))


@functools.lru_cache(maxsize=1 << 16)
def _string_scalar(s: str) -> str:
    """A string plain when YAML reads it back unchanged, else double-quoted (cached: a site repeats most values)."""
    return s if _reads_back_plain(s) else json.dumps(s, ensure_ascii=False)


def _reads_back_plain(s: str) -> bool:
    """YAML reads the string back unchanged when written plain."""
    try:
        return bool(s) and s == s.strip() and yaml.safe_load(f"{{k: {s}}}") == {"k": s}
    except yaml.YAMLError:
        return False


def snippets(table: str, row: dict) -> tuple[str, str]:
    """(drop, fix) corrections entries for one row; the fix's set/expect hold its current main fields."""
    rid = row[schemas.ID_COLUMNS[table]]
    head = f"- table: {table}\n  id: {rid}\n"
    current = "{" + ", ".join(f"{c}: {yaml_scalar(row.get(c))}" for c in MAIN_FIELDS[table] if c in row) + "}"
    return (head + "  drop: true\n  reason: ...\n",
            head + f"  set: {current}\n  expect: {current}\n  reason: ...\n")


def _rows(found: dict[str, list[dict]]) -> list[dict]:
    """One document's rows across tables ({table: its rows as dicts}), as the page's JSON records, in text order."""
    out = []
    for table in TABLES:
        key, columns = schemas.ID_COLUMNS[table], schemas.columns(table)
        for rec in found.get(table, []):
            start, end = _plain(rec["char_start"]), _plain(rec["char_end"])
            drop, fix = snippets(table, rec)
            out.append({
                "table": table, "id": rec[key], "label": _text(rec[LABEL[table]]) or "",
                "start": start, "end": end,
                "lines": f"lines {_text(rec['line_start'])}–{_text(rec['line_end'])}",
                "fields": [[c, _text(rec[c])] for c in columns if c not in _NOT_FIELDS],
                "evidence": _text(rec["evidence"]) or "", "correction": _text(rec.get("correction")),
                "drop": drop, "fix": fix,
            })
    out.sort(key=lambda r: (r["start"] is None, r["start"] or 0, r["end"] or 0, r["id"]))
    return out


def highlight(text: str, rows: list[dict]) -> str:
    """The text, HTML-escaped, cut at every span boundary; each piece names every row covering it."""
    spans = [r for r in rows if r["start"] is not None and r["end"] is not None and 0 <= r["start"] < r["end"] <= len(text)]
    cuts = sorted({0, len(text), *(r["start"] for r in spans), *(r["end"] for r in spans)})
    opening, closing = {}, {}  # cut -> numbers of the spans starting / ending there
    for n, r in enumerate(spans):
        opening.setdefault(r["start"], []).append(n)
        closing.setdefault(r["end"], []).append(n)
    out, active = [], set()  # the spans covering the piece from the current cut
    for a, b in zip(cuts, cuts[1:]):
        active.difference_update(closing.get(a, ()))
        active.update(opening.get(a, ()))
        out.extend(f'<span class="anchor" id="{html.escape(spans[n]["id"])}"></span>' for n in opening.get(a, ()))
        piece = html.escape(text[a:b], quote=False)
        cover = [spans[n] for n in sorted(active)]
        if not cover:
            out.append(piece)
            continue
        classes = ["hl", *(f"t-{t}" for t in TABLES if any(r["table"] == t for r in cover))]
        if any(r["correction"] for r in cover):
            classes.append("corrected")
        ids = " ".join(r["id"] for r in cover)
        out.append(f'<span class="{" ".join(classes)}" data-rows="{html.escape(ids)}">{piece}</span>')
    return "".join(out)


def _json_block(rows: list[dict]) -> str:
    data = json.dumps({r["id"]: r for r in rows}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")  # no '</script>' inside
    return f'<script type="application/json" id="rows">{data}</script>\n'


def _quarantine(outputs_dir: Path) -> list[dict]:
    """Rows set aside by the last refresh: rejects/quarantine.csv, or one quarantine.TABLE.csv per table."""
    found = []
    for path in sorted((outputs_dir / "rejects").glob("quarantine*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            found.extend(csv.DictReader(f))
    return found


def _esc(v) -> str:
    t = _text(v)
    return "" if t is None else html.escape(t)


def _page_name(doc: dict) -> str:
    name = f"{doc['doc_id']}.html"
    return name if _PAGE.fullmatch(name) else f"{document_id(doc['source_file'])}.html"


def _document_page(version: str, doc: dict, rows: list[dict], source, quarantined: list[dict]) -> tuple[str, str]:
    """(page HTML, note for the index) for one document."""
    note = ""
    if doc["status"] == "rejected":
        note = f"rejected: {_text(doc['error'])}"
        body = f'<p class="warn">Rejected: {_esc(doc["error"])}</p>'
        text = ""
    elif source is None:
        note = "source file no longer in the seeds folder"
        body, text = f'<p class="warn">The {note}: its text cannot be shown.</p>', None
    else:
        sha, text = source
        body = ""
        if sha != _text(doc["source_sha256"]):
            note = "source changed since the release"
            body = (f'<p class="warn">The source changed since the release (sha256 {html.escape(sha[:12])}… '
                    f'now, {_esc(doc["source_sha256"])[:12]}… in {html.escape(version)}): the text is shown '
                    'without highlights; the rows are listed below.</p>')
    spans = rows if not note else []
    counts = {t: sum(r["table"] == t for r in rows) for t in TABLES}
    body += ('<p class="legend">' + "".join(
        f'<span class="hl t-{t}">{t} ({counts[t]})</span>' for t in TABLES)
        + '<span class="hl corrected">corrected</span> Click a highlight to see its rows.</p>')
    pre = highlight(text, spans) if text else html.escape("(no text)")
    body += f'<div class="doc"><pre id="text">{pre}</pre>\n<aside id="panel"><h2>Rows</h2><p>Click a highlight, or a row below.</p></aside></div>\n'
    items = "".join(
        f'<li><a href="#{html.escape(r["id"])}" data-row="{html.escape(r["id"])}"><span class="badge {r["table"]}">'
        f'{r["table"]}</span>{html.escape(r["label"])}</a> <small>{html.escape(r["lines"])}'
        f'{" · corrected" if r["correction"] else ""}</small></li>' for r in rows)
    body += f'<section><h2>All rows ({len(rows)})</h2><ul class="rows">{items}</ul></section>\n'
    if quarantined:
        cols = ["table", "id", "line_start", "column", "check", "value"]
        trs = "".join("<tr>" + "".join(f"<td>{html.escape(q.get(c) or '')}</td>" for c in cols) + "</tr>" for q in quarantined)
        body += (f'<section><h2>Quarantined rows ({len(quarantined)}), not in the release</h2><table class="list">'
                 "<tr>" + "".join(f"<th>{c}</th>" for c in cols) + f"</tr>{trs}</table></section>\n")
    title = f' <small>— {_esc(doc["title"])}</small>' if _text(doc["title"]) else ""
    header = (f'<h1>{_esc(doc["source_file"])}{title}</h1>'
              f'<p><a href="index.html">← all documents</a> · {_esc(doc["doc_id"])} · sha256 {_esc(doc["source_sha256"])[:12]}…'
              f' · published {_esc(doc["published_date"]) or "?"} · {_esc(doc["publisher"]) or "publisher unknown"}</p>')
    return shell(f"{doc['source_file']} — review", header, body, _json_block(rows) + f"<script>{SCRIPT}</script>\n"), note


def _index_page(version: str, lines: list[dict]) -> str:
    cols = ["metrics", "plans", "events", "damaged_chars", "corrected", "quarantined"]
    trs = []
    for ln in lines:
        d = ln["doc"]
        status = f'<span class="rejected">{_esc(d["status"])}</span>' if d["status"] == "rejected" else _esc(d["status"])
        trs.append(f'<tr><td><a href="{ln["page"]}">{_esc(d["source_file"])}</a></td><td>{status}</td>'
                   f'<td>{_esc(d["title"])}</td>' + "".join(f'<td class="n">{ln[c]}</td>' for c in cols)
                   + f'<td>{html.escape(ln["note"])}</td></tr>')
    totals = "".join(f'<td class="n">{sum(ln[c] for ln in lines)}</td>' for c in cols)
    head = "".join(f"<th>{c}</th>" for c in ["document", "status", "title", *cols, "note"])
    body = (f'<table class="list"><tr>{head}</tr>{"".join(trs)}'
            f'<tr><th colspan="3">{len(lines)} documents</th>{totals.replace("<td", "<th").replace("</td>", "</th>")}<th></th></tr></table>')
    header = (f"<h1>Evidence viewer — release {html.escape(version)}</h1>"
              "<p>One page per document: its text with every extracted row highlighted; click a highlight for the row's fields "
              "and a corrections/*.yaml entry to drop or fix it.</p>")
    return shell(f"Review {version}", header, body)


def _write_if_changed(path: Path, data: str) -> bool:
    new = data.encode("utf-8")
    if path.exists() and path.read_bytes() == new:
        return False  # same bytes: the file and its mtime stay
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(new)
    os.replace(tmp, path)
    return True


def _release_documents(folder: Path) -> list[dict]:
    return sorted(load("documents", folder.name, folder.parent.parent).to_dict("records"), key=lambda d: d["source_file"])


def _rows_by_document(folder: Path, only: set[str] | None) -> Iterator[tuple[str, dict[str, list[dict]]]]:
    """(source_file, {table: its rows}) for the documents ``only`` (all by default), in file-name order."""
    return by_document({t: document_records(folder / f"{t}.parquet", t, only) for t in TABLES})


_CODE = source_hash([Path(__file__), Path(__file__).with_name("review_page.py")])
_SOURCE_CHANGED = "source changed since the release"


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _digest(*parts) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def _read_state(path: Path) -> dict:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and state.get("code") == _CODE else {}


PAGES_PER_WORKER = 1_000  # fewer pages to build than this per extra process: not worth starting it


def _pages(folder: Path, site: Path, version: str, seeds_dir: Path, docs: list[dict], todo: set[str] | None,
           written: dict) -> list[tuple[str, str, dict]]:
    """(digest, note, counts) of each page of ``docs``, building those of the documents in ``todo`` (None: every
    document's rows are read, and a page is written if its bytes change); many pages are built by several
    processes, each over a contiguous share of the documents."""
    building = len(docs) if todo is None else len(todo)
    workers = max(1, min(os.cpu_count() or 1, building // PAGES_PER_WORKER))
    if workers == 1:
        return _build_pages(folder, site, version, seeds_dir, docs, todo, written)
    share = -(-len(docs) // workers)
    parts = [docs[i:i + share] for i in range(0, len(docs), share)]
    # spawn, not fork: the caller may be a Dagster run with threads and open database handles
    with ProcessPoolExecutor(len(parts), mp_context=multiprocessing.get_context("spawn")) as pool:
        done = pool.map(_build_pages, repeat(folder), repeat(site), repeat(version), repeat(seeds_dir), parts, repeat(todo),
                        repeat({p["name"]: written[p["name"]] for p in docs if p["name"] in written}))
        return [result for part in done for result in part]


def _reusable(written: dict, site: Path, name: str, digest: str) -> bool:
    """The page as written last is still right: same inputs, and not written while its source had changed."""
    before = written.get(name)
    return bool(before) and before["digest"] == digest and before["note"] != _SOURCE_CHANGED and (site / name).exists()


def _build_pages(folder: Path, site: Path, version: str, seeds_dir: Path, docs: list[dict], todo: set[str] | None,
                 written: dict) -> list[tuple[str, str, dict]]:
    """_pages in one process: the rows of the documents to build, read in file order, one document at a time."""
    names = {p["doc"]["source_file"] for p in docs}
    rows = _rows_by_document(folder, names if todo is None else names & todo)
    pending, out = next(rows, None), []
    for page in docs:
        doc, name, quarantined = page["doc"], page["name"], page["quarantined"]
        found = None
        if todo is None or doc["source_file"] in todo:
            while pending is not None and pending[0] < doc["source_file"]:
                pending = next(rows, None)  # rows of a file the documents table does not list: not shown
            found = pending[1] if pending is not None and pending[0] == doc["source_file"] else {}
        digest = page.get("digest") or _digest(sorted(doc.items()), found, quarantined, page["stat"])
        if found is None or _reusable(written, site, name, digest):
            note, counts = written[name]["note"], written[name]["counts"]
        else:
            source = current_text(seeds_dir, doc["source_file"]) if page["stat"] else None
            html_page, note = _document_page(version, doc, _rows(found), source, quarantined)
            _write_if_changed(site / name, html_page)
            counts = {"corrected": sum(bool(_text(r.get("correction"))) for t in TABLES for r in found.get(t, [])),
                      **{t: len(found.get(t, [])) for t in TABLES}}
        out.append((digest, note, counts))
    return out


def write_review(outputs_dir: Path, seeds_dir: Path, version: str | None = None) -> Path:
    """Write the viewer of a release (the newest by default) into outputs_dir/review/; return its index.html.

    What each page was written from (its document's row, rows, quarantined rows and the source file's
    size and mtime) is kept in outputs_dir/work/review.json: a page whose inputs are unchanged is not
    built again, and nothing is when the release, the quarantine lists and the seeds folder are unchanged.
    For the release the pipeline published last, a document's rows are known by what they were built from
    (pipeline.release_files), so only the rows of pages to rebuild are read.
    """
    outputs_dir, seeds_dir = Path(outputs_dir), Path(seeds_dir)
    folder = release_path(version, outputs_dir)
    version = folder.name
    listed = _quarantine(outputs_dir)
    site, state_file = outputs_dir / "review", outputs_dir / "work" / "review.json"
    index = site / "index.html"
    state = _read_state(state_file)
    seeds = sorted((p.name, _stat(p)) for p in seeds_dir.iterdir()) if seeds_dir.is_dir() else []
    site_digest = _digest(version, _stat(folder / "documents.parquet"), listed, seeds)
    if state.get("site") == site_digest and index.exists():
        return index  # same release, same quarantine lists, same seeds folder: the site is as written
    quarantine: dict[str, list[dict]] = {}
    for q in listed:
        quarantine.setdefault(q.get("source_file"), []).append(q)
    site.mkdir(parents=True, exist_ok=True)
    built = published_digests(outputs_dir / "work", version, TABLES)
    written, pages, lines = state.get("pages", {}), {}, []
    docs = []
    for doc in _release_documents(folder):
        source_file = doc["source_file"]
        page = {"doc": doc, "name": _page_name(doc), "quarantined": quarantine.get(source_file, []),
                "stat": doc["status"] == "ok" and _stat(seeds_dir / source_file)}
        if built is not None:
            page["digest"] = _digest(sorted(doc.items()), [built[t].get(source_file) for t in TABLES],
                                     page["quarantined"], page["stat"])
        docs.append(page)

    todo = None if built is None else {p["doc"]["source_file"] for p in docs
                                       if not _reusable(written, site, p["name"], p["digest"])}
    for page, (digest, note, counts) in zip(docs, _pages(folder, site, version, seeds_dir, docs, todo, written)):
        name = page["name"]
        pages[name] = {"digest": digest, "note": note, "counts": counts}
        lines.append({"doc": page["doc"], "page": name, "note": note, "quarantined": len(page["quarantined"]),
                      "damaged_chars": _plain(page["doc"]["damaged_chars"]) or 0, **counts})
    keep = {ln["page"] for ln in lines}
    for old in site.iterdir():
        if _PAGE.fullmatch(old.name) and old.name not in keep:
            old.unlink()
    _write_if_changed(index, _index_page(version, lines))
    state_file.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(state_file, lambda tmp: tmp.write_text(
        json.dumps({"code": _CODE, "site": site_digest, "pages": pages}), encoding="utf-8"))
    return index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.review", description=__doc__.splitlines()[0])
    parser.add_argument("--outputs", default=os.environ.get("PIPELINE_OUTPUTS_DIR", "outputs"))
    parser.add_argument("--seeds", default=os.environ.get("PIPELINE_SEEDS_DIR", "seeds"))
    parser.add_argument("--version", default=None, help="release to show (default: the newest)")
    args = parser.parse_args(argv)
    index = write_review(Path(args.outputs), Path(args.seeds), args.version)
    print(f"evidence viewer: {index.resolve().as_uri()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
