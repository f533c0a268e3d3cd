"""Benchmark: extraction speed, refresh cost through Dagster, memory and scaling.

usage: python -m pipeline.bench [--large] [--documents N] [--repeats R] [--undated 0.2] [--keep DIR]

Generates a corpus from the seeds (paragraphs recombined, figures and dates
varied; 1,000 documents, 10,000 with --large), then measures the one-process
extraction rate (on the first --core-sample documents), full refreshes of the
corpus and of a tenth of it, no-op refreshes and refreshes after one document
changed, each through `python -m pipeline refresh` in a child process, with its
peak resident memory (its largest process, and all its processes together: the
extraction workers) and the size of the Dagster instance folder. Prints the
figures and the README's Performance table, and writes them as JSON under
outputs/bench/. Timings are medians of --repeats runs, with their range.

A share of the documents (--undated, evenly spread) has no publication date:
no header date line, and no paragraph that would give the day (a header date or a
dateline of a seed), so the path where relative dates anchor on the nearest
explicit year is measured too; the table counts the documents whose metadata
really has no day, and gives their extraction rate apart.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from pipeline.corpus import process
from pipeline.extract.metadata import read_metadata
from pipeline.sources import discover, read_document

_DIGITS = re.compile(r"\d+")
_BASELINE = re.compile(r"\d[\d,.]*\s*(?:억|만|조|%|위안|명|개)?")
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _vary(rng: random.Random, year_shift: int, m: re.Match) -> str:
    digits = m.group()
    if len(digits) == 4 and digits.startswith(("19", "20")):
        return str(int(digits) + year_shift)  # one shift per document keeps ranges ordered
    return str(rng.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 0, 10 ** len(digits) - 1))


def _undated(i: int, share: float) -> bool:
    """Documents i with no publication date: ``share`` of them, evenly spread (share 0.2: 4, 9, 14 …)."""
    return int((i + 1) * share) > int(i * share)


def generate(folder: Path, count: int, target_bytes: int = 30_000, seed: int = 7, undated: float = 0.2) -> int:
    """Write ``count`` documents recombined from the seeds' paragraphs; return total bytes.

    A dated document starts with a header date line; an undated one (``undated`` of them)
    has none and takes only paragraphs that state no publication day themselves.
    """
    paragraphs = [p for path in discover(SEEDS) for p in read_document(path).text.split("\n") if p.strip()]
    # a paragraph that gives no day even where the text speaks of a year (a dateline such as
    # '[신화망 베이징 8월7일]' takes its year from the rest of the text)
    dayless = [p for p in paragraphs if read_metadata(f"{p}\n2020년").published_precision != "day"]
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(count):
        rng = random.Random(seed * 1_000_003 + i)
        year_shift = rng.randint(-3, 3)
        header = f"{rng.randint(2019, 2025)}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}"
        no_date = _undated(i, undated)
        lines, pool = ([], dayless) if no_date else ([header, ""], paragraphs)
        size = 0
        while size < target_bytes:
            line = _DIGITS.sub(lambda m: _vary(rng, year_shift, m), rng.choice(pool))
            lines.append(line)
            size += len(line.encode("utf-8")) + 1
        data = "\n".join(lines).encode("utf-8")
        (folder / f"doc_{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def without_day(files: list[Path]) -> list[Path]:
    """The files whose publication day the metadata reader does not find."""
    return [p for p in files if read_metadata(read_document(p).text).published_precision != "day"]


def _median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def extraction_core(files: list[Path]) -> None:
    for path in files:
        process(path)


def baseline(files: list[Path]) -> None:
    for path in files:
        text = read_document(path).text
        sum(1 for _ in _BASELINE.finditer(text))


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants (the extraction workers), from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            children.setdefault(int(stat.read_text().rsplit(")", 1)[1].split()[1]), []).append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total


def run_refresh(seeds: Path, outputs: Path, home: Path) -> dict:
    """One `python -m pipeline refresh` in a child process: seconds, peak RSS of its largest process and of
    all its processes together (sampled every 0.2 s), in MB."""
    log = outputs.parent / f"{outputs.name}.refresh.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    peak, done = [0], threading.Event()
    start = time.perf_counter()
    with open(log, "wb") as err:
        child = subprocess.Popen(
            [sys.executable, "-W", "ignore", "-m", "pipeline", "refresh", "--seeds", str(seeds), "--outputs", str(outputs),
             "--dagster-home", str(home)], stdout=subprocess.DEVNULL, stderr=err)

        def sample() -> None:
            while not done.wait(0.2):
                peak[0] = max(peak[0], _tree_rss(child.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        done.set()
        sampler.join()
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        raise RuntimeError(f"refresh failed on {seeds}:\n" + "\n".join(tail))
    return {"s": elapsed, "rss": usage.ru_maxrss / 1024, "rss_all": peak[0] / 2**20}


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file()) / 2**20


def full_refresh(seeds: Path, work: Path, repeats: int) -> tuple[list[dict], Path, Path]:
    runs = []
    for r in range(repeats):
        outputs, home = work / f"out{r}", work / f"home{r}"
        shutil.rmtree(outputs, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
        runs.append(run_refresh(seeds, outputs, home) | {"dagster_mb": folder_mb(home)})
    return runs, outputs, home


def _spread(values: list[float], unit: str = " s", digits: int = 1) -> str:
    """median (min–max) of repeated measurements."""
    med = statistics.median(values)
    return f"{med:.{digits}f}{unit}" + (f" ({min(values):.{digits}f}–{max(values):.{digits}f})" if len(values) > 1 else "")


def corpus(folder: Path, count: int, undated: float) -> float:
    """Generate ``count`` documents into ``folder`` unless it already holds them (--keep reuses a corpus); MB."""
    if not (folder.is_dir() and len(discover(folder)) == count):
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, count, undated=undated)
    return sum(p.stat().st_size for p in discover(folder)) / 1e6


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.bench")
    ap.add_argument("--documents", type=int, default=None, help="corpus size (default 1,000; 10,000 with --large)")
    ap.add_argument("--large", action="store_true", help="10,000 documents, one run of each refresh by default")
    ap.add_argument("--repeats", type=int, default=None, help="runs of each figure (default 3; 1 with --large)")
    ap.add_argument("--undated", type=float, default=0.2, help="share of documents without a publication date")
    ap.add_argument("--core-sample", type=int, default=1000, help="documents the one-process extraction rate is measured on")
    ap.add_argument("--keep", help="generate the corpus here and keep it (an existing one of the same size is reused)")
    args = ap.parse_args(argv)
    n = args.documents or (10_000 if args.large else 1000)
    repeats = args.repeats or (1 if args.large else 3)
    small = max(1, n // 10)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    figures: dict[str, object] = {"documents": n, "repeats": repeats, "python": platform.python_version(),
                                  "machine": f"{platform.machine()}, {os.cpu_count()} cores"}
    try:
        seeds, seeds_small = work / f"seeds_{n}", work / f"seeds_{small}"
        megabytes = corpus(seeds, n, args.undated)
        corpus(seeds_small, small, args.undated)
        files = discover(seeds)
        sample = files[:args.core_sample]
        undated = without_day(sample)
        sample_mb, undated_mb = (sum(p.stat().st_size for p in fs) / 1e6 for fs in (sample, undated))
        figures |= {"corpus_mb": round(megabytes, 1), "undated_documents": sum(_undated(i, args.undated) for i in range(n)),
                    "sample_documents_without_day": f"{len(undated)} of {len(sample)}"}
        print(f"corpus: {n} documents ({figures['undated_documents']} generated undated), {megabytes:.1f} MB in {seeds}",
              file=sys.stderr)

        core = _median_time(lambda: extraction_core(sample), 1 if args.large else repeats)
        base = _median_time(lambda: baseline(sample), repeats)
        figures |= {"extraction_mb_per_s": round(sample_mb / core, 2), "extraction_docs_per_s": round(len(sample) / core, 1),
                    "baseline_mb_per_s": round(sample_mb / base, 2), "extraction_over_baseline": round(core / base, 1)}
        if undated:
            figures["extraction_undated_mb_per_s"] = round(undated_mb / _median_time(lambda: extraction_core(undated), 1), 2)
        print("extraction measured", file=sys.stderr)

        runs, outputs, home = full_refresh(seeds, work, repeats)
        runs_small, _, _ = full_refresh(seeds_small, work / "small", repeats)
        print("full refreshes measured", file=sys.stderr)
        noop = [run_refresh(seeds, outputs, home) for _ in range(repeats)]
        one_changed, originals = [], {}
        for r in range(repeats):
            target = files[(r * 7919) % len(files)]
            originals.setdefault(target, target.read_bytes())
            target.write_bytes(target.read_bytes() + f"\n지난해 매출은 {r + 1}00억 위안을 넘어섰다.\n".encode())
            one_changed.append(run_refresh(seeds, outputs, home))
        for target, data in originals.items():  # a kept corpus stays as generated
            target.write_bytes(data)
        t = lambda rs: [x["s"] for x in rs]  # noqa: E731
        figures |= {
            "refresh_all_s": _spread(t(runs)), f"refresh_all_{small}_docs_s": _spread(t(runs_small)),
            "noop_refresh_s": _spread(t(noop)), "one_changed_refresh_s": _spread(t(one_changed)),
            "one_changed_over_noop": round(statistics.median(t(one_changed)) / statistics.median(t(noop)), 2),
            "scaling_time_ratio": round(statistics.median(t(runs)) / statistics.median(t(runs_small)), 2),
            "scaling_size_ratio": n / small,
            "peak_rss_mb": round(max(x["rss"] for x in runs + noop + one_changed)),
            "peak_rss_all_processes_mb": round(max(x["rss_all"] for x in runs + noop + one_changed)),
            f"peak_rss_{small}_docs_mb": round(max(x["rss"] for x in runs_small)),
            "dagster_home_after_full_mb": round(max(x["dagster_mb"] for x in runs), 1),
            "dagster_home_after_all_mb": round(folder_mb(home), 1),
        }
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    width = max(map(len, figures))
    print("\n".join(f"{k:<{width}}  {v}" for k, v in figures.items()))
    print("\n" + table(figures))
    out = Path(os.environ.get("PIPELINE_OUTPUTS_DIR", "outputs")) / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"bench-{n}.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


GOALS = {1000: {"refresh_all_s": "≤ 25 s", "noop_refresh_s": "≤ 5 s"},
         10_000: {"refresh_all_s": "≤ 150 s", "noop_refresh_s": "≤ 10 s"}}


def table(f: dict) -> str:
    """The figures as the README's Performance table (Markdown)."""
    goals = GOALS.get(f["documents"], {})
    rows = [
        ("full refresh (new corpus, through Dagster)", f["refresh_all_s"], goals.get("refresh_all_s", "")),
        ("no-op refresh", f["noop_refresh_s"], goals.get("noop_refresh_s", "")),
        ("refresh after one document changed", f"{f['one_changed_refresh_s']} ({f['one_changed_over_noop']}× no-op)",
         "≤ 2× no-op"),
        ("peak RSS, largest process / all processes", f"{f['peak_rss_mb']} / {f['peak_rss_all_processes_mb']} MB", "≤ 1 GiB"),
        (".dagster/ after the full refresh / after all runs",
         f"{f['dagster_home_after_full_mb']} / {f['dagster_home_after_all_mb']} MB", "≤ 200 MB"),
        ("extraction, one process", f"{f['extraction_mb_per_s']} MB/s ({f['extraction_docs_per_s']} documents/s)", ""),
        (f"scaling: {f['documents'] // 10:,} → {f['documents']:,} documents", f"{f['scaling_time_ratio']}× the time", ""),
    ]
    head = f"| {f['documents']:,} documents ({f['undated_documents']} undated), median of {f['repeats']} | measured | goal |"
    return "\n".join([head, "|---|---|---|", *(f"| {a} | {b} | {c} |" for a, b, c in rows)])


if __name__ == "__main__":
    sys.exit(main())
