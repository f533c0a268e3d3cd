"""Score extracted tables against the gold annotations (DESIGN.md, 'Gold set and scoring').

usage: python -m pipeline.evaluate [RELEASE_DIR_OR_PROJECT_ROOT] [GOLD ...] [--misses N] [--json]

Defaults: the release named by outputs/releases/LATEST of this project, and the
gold files in tests/gold/. Only documents that have gold rows are scored.

A prediction matches a gold row when it is from the same file, its line range
covers the gold line, and
  metric: the unit is equal and the value within 0.5 %;
  plan:   the titles are similar (one contains the other, or they are 60 % alike);
  event:  date_start agrees at the gold's precision ('2021', '2021-08', '2021-08-07').
Each gold row takes at most one prediction. A gold row marked "optional" is a
judgement call: neither missed when absent nor counted against precision when matched.
"""
from __future__ import annotations

import argparse
import difflib
import json
import sys
import unicodedata
from pathlib import Path

import pandas as pd

from pipeline.store import read_parquet

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TABLES = {"metric": "metrics", "plan": "plans", "event": "events"}
# attributes whose agreement is reported on matched rows, where the gold states them
ATTRIBUTES = {"metric": ("kind", "period"), "plan": ("period_start", "period_end"), "event": ("date_end",)}
VALUE_TOLERANCE = 0.005


# ------------------------------------------------------------------ matching --
def _letters(s) -> str:
    """Title text reduced to letters and digits, width- and compatibility-folded."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", str(s or "")) if ch.isalnum())


def similar_titles(a, b) -> bool:
    a, b = _letters(a), _letters(b)
    if not a or not b:
        return False
    return a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.6


def _iso(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return value
    return pd.Timestamp(value).date().isoformat()


def _metric_ok(pred, gold) -> bool:
    if pred["unit"] != gold["unit"]:
        return False
    target = float(gold["value"])
    return abs(float(pred["value"]) - target) <= VALUE_TOLERANCE * max(abs(target), 1e-9)


def _plan_ok(pred, gold) -> bool:
    return similar_titles(pred["title"], gold["title"])


def _event_ok(pred, gold) -> bool:
    want = gold.get("date_start")
    got = _iso(pred["date_start"])
    return bool(want) and got is not None and got[:len(want)] == want


MATCH = {"metric": _metric_ok, "plan": _plan_ok, "event": _event_ok}


def _agrees(pred_value, gold_value) -> bool:
    if pred_value is None or (not isinstance(pred_value, str) and pd.isna(pred_value)):
        return False
    if isinstance(gold_value, (int, float)) and not isinstance(gold_value, bool):
        try:
            return float(pred_value) == float(gold_value)
        except (TypeError, ValueError):
            return False
    gold_text = str(gold_value)
    if gold_text[:4].isdigit() and len(gold_text) in (4, 7, 10):  # a date at some precision
        got = _iso(pred_value)
        return got is not None and got[:len(gold_text)] == gold_text
    return str(pred_value) == gold_text


# ------------------------------------------------------------------- scoring --
def score(tables: dict[str, pd.DataFrame], gold: list[dict], misses: int = 0) -> dict:
    """Precision, recall, F1 and attribute agreement per table.

    ``tables`` maps 'metrics'/'plans'/'events' to frames with at least
    source_file, line_start, line_end and the matched columns; ``gold`` is the
    list of gold rows. With ``misses`` > 0 the result also lists up to that many
    missed gold rows and spurious predictions per table.
    """
    docs = {g["doc"] for g in gold}
    out = {}
    for kind, table in TABLES.items():
        pred = tables.get(table)
        if pred is None:
            pred = pd.DataFrame(columns=["source_file", "line_start", "line_end"])
        pred = pred[pred["source_file"].isin(docs)].reset_index(drop=True)
        rows = [g for g in gold if g.get("table") == kind]
        out[table] = _score_table(kind, pred, rows, misses)
    return out


def _score_table(kind: str, pred: pd.DataFrame, rows: list[dict], misses: int) -> dict:
    by_doc = {doc: list(group.index) for doc, group in pred.groupby("source_file")} if len(pred) else {}
    records = pred.to_dict("records")
    taken: set[int] = set()
    pairs, missed, optional_hits = [], [], 0
    # required rows choose first, so an optional one never takes what a required one needs
    for g in sorted(rows, key=lambda r: bool(r.get("optional"))):
        found = _best(kind, g, by_doc.get(g["doc"], []), records, taken)
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
    judged = len(records) - optional_hits
    tp = len(pairs)
    precision = tp / judged if judged else 0.0
    recall = tp / required if required else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result = {"gold": required, "predicted": len(records), "matched": tp,
              "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}
    for attr in ATTRIBUTES[kind]:
        judged_pairs = [(p, g) for p, g in pairs if g.get(attr) is not None and attr in p]
        if judged_pairs:
            agree = sum(_agrees(p[attr], g[attr]) for p, g in judged_pairs)
            result[f"{attr}_agreement"] = round(agree / len(judged_pairs), 3)
    if misses:
        keys = ("doc", "line", "text", "value", "unit", "title", "name", "date_start")
        result["missed"] = [{k: g[k] for k in keys if k in g} for g in missed[:misses]]
        cols = ("source_file", "line_start", "value_text", "value", "unit", "title", "name", "date_start")
        result["spurious"] = [{c: str(records[i][c]) for c in cols if c in records[i]}
                              for i in range(len(records)) if i not in taken][:misses]
    return result


def _best(kind: str, g: dict, candidates: list[int], records: list[dict], taken: set[int]) -> int | None:
    """The free prediction that matches g; among several, the one with the tightest line range."""
    line = int(g["line"])
    ok = [i for i in candidates if i not in taken
          and int(records[i]["line_start"]) <= line <= int(records[i]["line_end"])
          and MATCH[kind](records[i], g)]
    if not ok:
        return None
    return min(ok, key=lambda i: (int(records[i]["line_end"]) - int(records[i]["line_start"]), i))


# ---------------------------------------------------------------------- I/O --
def load_gold(paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        for f in files:
            rows.extend(json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip())
    return rows


def find_release(path: Path) -> Path:
    """A release directory itself, or the one a project root's LATEST names."""
    if (path / "metrics.parquet").exists():
        return path
    latest = path / "outputs" / "releases" / "LATEST"
    if latest.exists():
        return path / "outputs" / "releases" / latest.read_text(encoding="utf-8").strip()
    raise FileNotFoundError(f"no release under {path} (no metrics.parquet, no outputs/releases/LATEST)")


def read_tables(release: Path) -> dict[str, pd.DataFrame]:
    return {t: read_parquet(release / f"{t}.parquet") for t in TABLES.values()
            if (release / f"{t}.parquet").exists()}


def format_report(result: dict) -> str:
    out = []
    for table, r in result.items():
        attrs = "  ".join(f"{k} {v:.3f}" for k, v in r.items() if k.endswith("_agreement"))
        out.append(f"{table:8s} gold {r['gold']:4d}  predicted {r['predicted']:4d}  matched {r['matched']:4d}  "
                   f"P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}  {attrs}".rstrip())
        for key in ("missed", "spurious"):
            out.extend(f"   {key}: {json.dumps(row, ensure_ascii=False)}" for row in r.get(key, []))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.evaluate", description=__doc__.split("\n\n")[0])
    ap.add_argument("release", nargs="?", type=Path, default=PROJECT_ROOT,
                    help="a release directory, or a project root whose outputs/releases/LATEST is read")
    ap.add_argument("gold", nargs="*", type=Path, help="gold .jsonl files or folders (default: tests/gold)")
    ap.add_argument("--misses", type=int, default=0, help="list up to N missed and N spurious rows per table")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    try:
        release = find_release(args.release)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    gold = load_gold(args.gold or [PROJECT_ROOT / "tests" / "gold"])
    result = score(read_tables(release), gold, misses=args.misses)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
