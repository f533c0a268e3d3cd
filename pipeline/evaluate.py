"""Score extracted rows against the hand-made gold (DESIGN.md, 'Gold set and scoring').

usage: python -m pipeline.evaluate [RELEASE] [GOLD ...] [--corpus DIR ...] [--fresh]
                                   [--per-document] [--misses N] [--json]

Every annotated document (every `doc` of the gold files, default tests/gold/) is
scored, its rows taken from one source:
  1. the release (RELEASE: a release directory, or a project root whose
     outputs/releases/LATEST is followed; default this project's newest release)
     for the documents it holds, i.e. the seeds;
  2. otherwise the file of that name in a --corpus folder (default tests/corpus),
     extracted now with the current code (pipeline.corpus.process, no Dagster).
An annotated document found in neither is reported as NOT SCORED and the exit
status is 1: nothing is skipped silently. --fresh reads no release and extracts
every annotated document with the current code (the seeds folder, then the
corpus folders).

A prediction matches a gold row when it is from the same file, its line range
holds the gold line (or one of the gold's `also_lines`), and
  metric: the unit is equal and the value within 0.5 %;
  plan:   the titles are similar (see `similar`);
  event:  date_start agrees at the gold's precision ('2021', '2021-08', '2021-08-07').
Gold rows are served one at a time, required before optional ones, each taking
the first free matching prediction in table order (document, then position in
it), as ../shared/tools/score.py does. A gold row marked `optional` is neither
missed when absent nor counted against precision when matched.

On matched pairs, the agreement of each attribute the gold states is reported:
metric kind, period, qualifier, subject, indicator; plan period_start,
period_end, issuer, announced; event date_end, event_type, location; and the
place_code of all three (exact codes; a gold null is not judged; the reference
scorer does not know it). A gold
`<attr>_optional: true` (period_optional) marks a value only implied by context:
an empty prediction is then not judged, a given one must agree. Free texts
(subject, indicator, issuer, location, title, publisher) agree when `similar`;
dates and periods at the gold's precision; other values when equal. Per
annotated document, the title, publisher and publication date are compared
the same way (`documents`).
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.rows import TABLES, table_frame
from pipeline.store import read_parquet

PROJECT_ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = PROJECT_ROOT / "tests" / "gold"
CORPUS_DIR = PROJECT_ROOT / "tests" / "corpus"
KINDS = {"metric": "metrics", "plan": "plans", "event": "events"}  # gold `table` -> table
ATTRIBUTES = {
    "metric": ("kind", "period", "qualifier", "subject", "indicator", "place_code"),
    "plan": ("period_start", "period_end", "issuer", "announced", "place_code"),
    "event": ("date_end", "event_type", "location", "place_code"),
}
DOCUMENT_ATTRIBUTES = ("title", "publisher", "published_date")
LOOSE = frozenset({"subject", "indicator", "issuer", "location", "title", "publisher"})
VALUE_TOLERANCE = 0.005
SIMILARITY = 0.6
_ASIDE = re.compile(r"[(（\[][^()（）\[\]]*[)）\]]")  # one bracketed aside, innermost


# ---------------------------------------------------------------- comparing --
def is_empty(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _alnum(value) -> str:
    """Text NFKC-folded, letters and digits only: '베이징 (시)·AI' -> '베이징시AI'."""
    if is_empty(value):
        return ""
    return "".join(ch for ch in unicodedata.normalize("NFKC", str(value)) if ch.isalnum())


def _without_asides(value) -> str:
    return "" if is_empty(value) else _ASIDE.sub(" ", str(value))


def similar(a, b) -> bool:
    """Loose agreement of two free texts: one contains the other (as they are, or with
    their bracketed asides removed), or they are at least 60 % alike (difflib ratio);
    compared on letters and digits after NFKC. An empty text is similar to nothing."""
    for x, y in ((a, b), (_without_asides(a), _without_asides(b))):
        x, y = _alnum(x), _alnum(y)
        if x and y and (x in y or y in x):
            return True
    a, b = _alnum(a), _alnum(b)
    return bool(a and b) and difflib.SequenceMatcher(None, a, b).ratio() >= SIMILARITY


def _looks_like_date(text: str) -> bool:
    return len(text) in (4, 7, 10) and text[:4].isdigit()


def _as_iso(value) -> str:
    """A predicted date or period as ISO text; a partial one ('2021-12') stands for its
    first day, as the tables store partial dates. Text that is no date stays as it is."""
    try:
        return pd.Timestamp(value).date().isoformat()
    except (TypeError, ValueError):
        return str(value)


def agrees(predicted, gold, loose: bool = False) -> bool:
    """Does a predicted attribute value agree with the gold one? Empty never agrees."""
    if is_empty(predicted):
        return False
    if loose:
        return similar(predicted, gold)
    if isinstance(gold, (int, float)):
        try:
            return float(predicted) == float(gold)
        except (TypeError, ValueError):
            return False
    gold = str(gold)
    if _looks_like_date(gold):  # a date or period, compared at the gold's precision
        return _as_iso(predicted)[:len(gold)] == gold
    return str(predicted) == gold


def covers(pred: dict, gold: dict) -> bool:
    """The prediction's lines hold the gold line or one of its `also_lines`."""
    start, end = int(pred["line_start"]), int(pred["line_end"])
    return any(start <= int(n) <= end for n in [gold["line"], *gold.get("also_lines", ())])


def _metric_matches(pred: dict, gold: dict) -> bool:
    if pred["unit"] != gold["unit"]:
        return False
    target = float(gold["value"])
    return abs(float(pred["value"]) - target) <= VALUE_TOLERANCE * max(abs(target), 1e-9)


def _plan_matches(pred: dict, gold: dict) -> bool:
    return similar(pred["title"], gold["title"])


def _event_matches(pred: dict, gold: dict) -> bool:
    want = gold.get("date_start")
    return bool(want) and not is_empty(pred["date_start"]) and _as_iso(pred["date_start"])[:len(want)] == want


MATCHES = {"metric": _metric_matches, "plan": _plan_matches, "event": _event_matches}


# ------------------------------------------------------------------ scoring --
def score(tables: dict[str, pd.DataFrame], gold: list[dict], misses: int = 0) -> dict:
    """Precision, recall, F1 and attribute agreement per table, and the documents' agreement.

    ``tables`` maps table names to frames (at least source_file, line_start,
    line_end and the compared columns). With a ``documents`` frame, the annotated
    documents it lacks are not scored and are listed under ``not_scored``;
    without one, every annotated document is scored. With ``misses`` > 0 the
    result lists up to that many missed and spurious rows per table.
    """
    docs = sorted({g["doc"] for g in gold})
    out: dict = {}
    if "documents" in tables:
        present = set(tables["documents"]["source_file"])
        absent = [d for d in docs if d not in present]
        if absent:
            out["not_scored"] = absent
        docs = [d for d in docs if d in present]
    scored = set(docs)
    for kind, table in KINDS.items():
        pred = tables.get(table)
        if pred is None:
            pred = pd.DataFrame(columns=["source_file", "line_start", "line_end"])
        pred = pred[pred["source_file"].isin(scored)]
        rows = [g for g in gold if g["table"] == kind and g["doc"] in scored and "line" in g]
        out[table] = _score_table(kind, pred, rows, misses)
    doc_rows = [g for g in gold if g["table"] == "document" and g["doc"] in scored]
    if "documents" in tables and doc_rows:
        out["documents"] = _score_documents(tables["documents"], doc_rows, misses)
    return out


def _score_table(kind: str, pred: pd.DataFrame, rows: list[dict], misses: int) -> dict:
    records = pred.to_dict("records")  # in table order
    by_doc: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        by_doc.setdefault(r["source_file"], []).append(i)
    matches = MATCHES[kind]
    taken: set[int] = set()
    pairs, missed, optional_hits = [], [], 0
    # required rows choose first, so an optional one never takes what a required one needs
    for g in sorted(rows, key=lambda r: bool(r.get("optional"))):
        found = next((i for i in by_doc.get(g["doc"], ()) if i not in taken
                      and covers(records[i], g) and matches(records[i], g)), None)
        if found is None:
            if not g.get("optional"):
                missed.append(g)
            continue
        taken.add(found)
        if g.get("optional"):
            optional_hits += 1
        else:
            pairs.append((records[found], g))
    required = sum(1 for g in rows if not g.get("optional"))
    judged = len(records) - optional_hits  # a match of an optional row is neither right nor wrong
    tp = len(pairs)
    precision = tp / judged if judged else 0.0
    recall = tp / required if required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result = {"gold": required, "predicted": len(records), "matched": tp,
              "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}
    for attr in ATTRIBUTES[kind]:
        judged_pairs = [(p, g) for p, g in pairs if g.get(attr) is not None and attr in p
                        and not (g.get(f"{attr}_optional") and is_empty(p[attr]))]
        if judged_pairs:
            agreed = sum(agrees(p[attr], g[attr], attr in LOOSE) for p, g in judged_pairs)
            result |= {f"{attr}_agreement": round(agreed / len(judged_pairs), 3),
                       f"{attr}_agreed": agreed, f"{attr}_judged": len(judged_pairs)}
    if misses:
        keys = ("doc", "line", "text", "title", "name", "value", "unit", "date_start")
        result["missed"] = [{k: g[k] for k in keys if k in g} for g in missed[:misses]]
        cols = ("source_file", "line_start", "value_text", "value", "unit", "title", "name", "date_start")
        result["spurious"] = [{c: str(records[i][c]) for c in cols if c in records[i]}
                              for i in range(len(records)) if i not in taken][:misses]
        result["disagreements"] = [
            {"doc": g["doc"], "line": g["line"], "attr": attr, "gold": g[attr],
             "predicted": None if is_empty(p.get(attr)) else str(p[attr])}
            for p, g in pairs for attr in ATTRIBUTES[kind]
            if g.get(attr) is not None and attr in p and not (g.get(f"{attr}_optional") and is_empty(p[attr]))
            and not agrees(p[attr], g[attr], attr in LOOSE)][:misses]
    return result


def _score_documents(documents: pd.DataFrame, rows: list[dict], misses: int) -> dict:
    by_file = {r["source_file"]: r for r in documents.to_dict("records")}
    result: dict = {"documents": len(rows)}
    wrong = []
    for attr in DOCUMENT_ATTRIBUTES:
        judged = [g for g in rows if g.get(attr) is not None]
        agreed = 0
        for g in judged:
            value = by_file.get(g["doc"], {}).get(attr)
            if agrees(value, g[attr], attr in LOOSE):
                agreed += 1
            else:
                wrong.append({"doc": g["doc"], "attr": attr, "gold": g[attr],
                              "predicted": None if is_empty(value) else str(value)})
        if judged:
            result |= {f"{attr}_agreement": round(agreed / len(judged), 3),
                       f"{attr}_agreed": agreed, f"{attr}_judged": len(judged)}
    if misses:
        result["wrong"] = wrong[:misses]
    return result


def score_per_document(tables: dict[str, pd.DataFrame], gold: list[dict]) -> dict[str, dict]:
    """The same figures for each annotated document alone."""
    out = {}
    for doc in sorted({g["doc"] for g in gold}):
        mine = {t: df[df["source_file"] == doc] for t, df in tables.items()}
        out[doc] = score(mine, [g for g in gold if g["doc"] == doc])
    return out


# ------------------------------------------------------------- row sources --
@dataclass
class Sources:
    """Where each annotated document's rows come from, and the rows."""
    tables: dict[str, pd.DataFrame]
    origin: dict[str, str] = field(default_factory=dict)  # document -> release or folder
    rejected: dict[str, str] = field(default_factory=dict)  # document -> why it could not be read
    not_found: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def load_gold(paths: list[Path]) -> list[dict]:
    rows = []
    for path in map(Path, paths):
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        for f in files:
            rows.extend(json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip())
    return rows


def find_release(path: Path) -> Path:
    """A release directory itself, or the one a project root's LATEST names."""
    path = Path(path)
    if (path / "metrics.parquet").exists():
        return path
    latest = path / "outputs" / "releases" / "LATEST"
    if latest.exists():
        return path / "outputs" / "releases" / latest.read_text(encoding="utf-8").strip()
    raise FileNotFoundError(f"no release under {path} (no metrics.parquet, no outputs/releases/LATEST)")


def read_tables(release: Path) -> dict[str, pd.DataFrame]:
    """The four tables of a release, with the schemas' dtypes."""
    return {t: table_frame(t, read_parquet(release / f"{t}.parquet")) for t in TABLES
            if (release / f"{t}.parquet").exists()}


def extract(paths: list[Path]) -> dict[str, pd.DataFrame]:
    """The four tables of these files, extracted now with the current code."""
    from pipeline.corpus import frames, process  # the extractors: only when extracting

    return frames([process(p) for p in paths])


def gather(docs: list[str], release: Path | None, folders: list[Path]) -> Sources:
    """Rows of every annotated document: from the release if it holds the document,
    else extracted from the first folder that has the file; the rest is not found."""
    parts: list[dict[str, pd.DataFrame]] = []
    sources = Sources(tables={})
    wanted = list(docs)
    if release is not None:
        tables = read_tables(release)
        held = set(tables["documents"]["source_file"]) if "documents" in tables else set()
        if "documents" not in tables:
            sources.notes.append(f"{release} has no documents.parquet: its rows are not used")
        mine = [d for d in wanted if d in held]
        parts.append({t: df[df["source_file"].isin(mine)] for t, df in tables.items()})
        sources.origin |= {d: f"release {release.name} at {_shown(release)}{_extractor_of(release)}" for d in mine}
        wanted = [d for d in wanted if d not in held]
    files = {}
    for doc in wanted:
        path = next((f / doc for f in folders if (f / doc).is_file()), None)
        if path is None:
            sources.not_found.append(doc)
        else:
            files[doc] = path
    if files:
        parts.append(extract(list(files.values())))
        from pipeline.extract import EXTRACTOR_VERSION

        sources.origin |= {d: f"extracted from {_shown(p.parent)} (extractor {EXTRACTOR_VERSION})" for d, p in files.items()}
    for table in TABLES:
        frames = [p[table] for p in parts if table in p and len(p[table])]
        sources.tables[table] = table_frame(table, pd.concat(frames, ignore_index=True)) if frames else table_frame(table, [])
    docs_frame = sources.tables["documents"]
    for row in docs_frame[docs_frame["status"] == "rejected"].itertuples():
        sources.rejected[row.source_file] = row.error
    return sources


def _extractor_of(release: Path) -> str:
    try:
        version = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))["extractor_version"]
    except (OSError, ValueError, KeyError):
        return ""
    return f" (extractor {version})"


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# ------------------------------------------------------------------ report --
def format_report(result: dict, sources: Sources | None = None, per_document: dict | None = None) -> str:
    out = []
    if sources is not None:
        counts: dict[str, int] = {}
        for origin in sources.origin.values():
            counts[origin] = counts.get(origin, 0) + 1
        out.append("rows scored:")
        out.extend(f"  {n:3d} documents: {origin}" for origin, n in counts.items())
        out.extend(f"  note: {n}" for n in sources.notes)
    for doc in result.get("not_scored", []):
        reason = "no release holds it and no corpus folder has the file" if sources else "not in the documents table"
        out.append(f"!! NOT SCORED: {doc}: {reason}")
    if sources is not None:
        out.extend(f"!! REJECTED (scored with no rows): {doc}: {why}" for doc, why in sources.rejected.items())
    out += ["", f"{'table':9s} {'gold':>5s} {'predicted':>9s} {'matched':>7s} {'P':>6s} {'R':>6s} {'F1':>6s}"]
    for table in KINDS.values():
        r = result[table]
        out.append(f"{table:9s} {r['gold']:5d} {r['predicted']:9d} {r['matched']:7d} "
                   f"{r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f}")
    out += ["", "attribute agreement on matched rows (agreeing / judged):"]
    for kind, table in KINDS.items():
        for attr in ATTRIBUTES[kind]:
            out.append(_attr_line(table, attr, result[table]))
    if "documents" in result:
        d = result["documents"]
        out += ["", f"documents: {d['documents']} annotated (agreeing / judged):"]
        out.extend(_attr_line("documents", attr, d) for attr in DOCUMENT_ATTRIBUTES)
    for table in (*KINDS.values(), "documents"):
        for key in ("missed", "spurious", "disagreements", "wrong"):
            rows = result.get(table, {}).get(key, [])
            if rows:
                out.append(f"\n{table} {key}:")
                out.extend(f"   {json.dumps(row, ensure_ascii=False)}" for row in rows)
    if per_document:
        out += ["", "per document (P / R of metrics, plans, events; documents attributes agreeing):"]
        for doc, r in per_document.items():
            cells = [f"{t} {r[t]['precision']:.2f}/{r[t]['recall']:.2f}" for t in KINDS.values()]
            d = r.get("documents", {})
            cells.append("doc " + "".join("+" if d.get(f"{a}_agreed") else ("-" if d.get(f"{a}_judged") else ".")
                                          for a in DOCUMENT_ATTRIBUTES))
            out.append(f"  {doc[:40]:40s} " + "  ".join(cells))
    return "\n".join(out)


def _attr_line(table: str, attr: str, r: dict) -> str:
    if f"{attr}_judged" not in r:
        return f"  {table:9s} {attr:14s}     -  (none judged)"
    return f"  {table:9s} {attr:14s} {r[f'{attr}_agreement']:.3f}  {r[f'{attr}_agreed']:4d} / {r[f'{attr}_judged']}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.evaluate", description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n\n".join(__doc__.split("\n\n")[1:3]))
    ap.add_argument("release", nargs="?", type=Path, default=PROJECT_ROOT,
                    help="a release directory, or a project root whose outputs/releases/LATEST is read (default: this project)")
    ap.add_argument("gold", nargs="*", type=Path, help=f"gold .jsonl files or folders (default: {_shown(GOLD_DIR)})")
    ap.add_argument("--corpus", action="append", type=Path,
                    help=f"folder of annotated documents to extract with the current code (repeatable; default: {_shown(CORPUS_DIR)})")
    ap.add_argument("--fresh", action="store_true",
                    help="read no release: extract every annotated document with the current code (seeds folder, then --corpus)")
    ap.add_argument("--seeds", type=Path, default=Path(os.environ.get("PIPELINE_SEEDS_DIR", PROJECT_ROOT / "seeds")),
                    help="the seeds folder, read with --fresh (default: $PIPELINE_SEEDS_DIR or seeds)")
    ap.add_argument("--per-document", action="store_true", help="also print the figures of each annotated document")
    ap.add_argument("--misses", type=int, default=0,
                    help="list up to N missed rows, spurious rows and attribute disagreements per table")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)

    gold = load_gold(args.gold or [GOLD_DIR])
    docs = sorted({g["doc"] for g in gold})
    folders = args.corpus or [CORPUS_DIR]
    release = None
    notes = []
    if args.fresh:
        folders = [args.seeds, *folders]
    else:
        try:
            release = find_release(args.release)
        except FileNotFoundError as exc:
            notes.append(f"{exc}: run `make release`, or pass --fresh to extract the seeds with the current code")
    sources = gather(docs, release, folders)
    sources.notes[:0] = notes
    result = score(sources.tables, gold, misses=args.misses)
    per_document = score_per_document(sources.tables, gold) if args.per_document else None
    if args.json:
        payload = {"sources": sources.origin, "not_scored": sources.not_found, "rejected": sources.rejected, **result}
        if per_document:
            payload["per_document"] = per_document
        print(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        print(format_report(result, sources, per_document))
    for note in sources.notes:
        print(f"evaluate: {note}", file=sys.stderr)
    if sources.not_found:
        print(f"evaluate: {len(sources.not_found)} of {len(docs)} annotated documents NOT SCORED "
              f"(no rows source): {', '.join(sources.not_found)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
