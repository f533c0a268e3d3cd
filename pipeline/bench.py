"""Benchmark: extraction speed, refresh cost through Dagster, memory and scaling.

usage: python -m pipeline.bench [--documents 1000] [--repeats 3] [--undated 0.2] [--keep DIR]

Generates a corpus from the seeds (paragraphs recombined, figures and dates
varied), then prints one table of figures and writes it as JSON under
outputs/bench/. Timings are medians of --repeats runs.

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


def run_refresh(seeds: Path, outputs: Path, home: Path) -> tuple[float, float]:
    """One `python -m pipeline refresh` in a child process: (seconds, peak RSS in MB)."""
    log = outputs.parent / f"{outputs.name}.refresh.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with open(log, "wb") as err:
        child = subprocess.Popen(
            [sys.executable, "-W", "ignore", "-m", "pipeline", "refresh", "--seeds", str(seeds), "--outputs", str(outputs),
             "--dagster-home", str(home)], stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        raise RuntimeError(f"refresh failed on {seeds}:\n" + "\n".join(tail))
    return elapsed, usage.ru_maxrss / 1024


def full_refresh(seeds: Path, work: Path, repeats: int) -> tuple[float, float, Path, Path]:
    runs = []
    for r in range(repeats):
        outputs, home = work / f"out{r}", work / f"home{r}"
        shutil.rmtree(outputs, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
        runs.append(run_refresh(seeds, outputs, home))
    return statistics.median(t for t, _ in runs), max(m for _, m in runs), outputs, home


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pipeline.bench")
    ap.add_argument("--documents", type=int, default=1000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--undated", type=float, default=0.2, help="share of documents without a publication date")
    ap.add_argument("--keep", help="generate the corpus here and keep it")
    args = ap.parse_args(argv)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pipeline-bench-"))
    n, small = args.documents, max(1, args.documents // 10)
    figures: dict[str, object] = {"documents": n, "repeats": args.repeats, "python": platform.python_version(),
                                  "machine": f"{platform.machine()}, {os.cpu_count()} cores"}
    try:
        seeds, seeds_small = work / "seeds", work / "seeds_small"
        megabytes = generate(seeds, n, undated=args.undated) / 1e6
        generate(seeds_small, small, undated=args.undated)
        files = discover(seeds)
        undated = without_day(files)
        undated_mb = sum(p.stat().st_size for p in undated) / 1e6
        figures |= {"corpus_mb": round(megabytes, 1), "undated_documents": len(undated)}
        print(f"corpus: {n} documents ({len(undated)} without a publication day), {megabytes:.1f} MB in {seeds}",
              file=sys.stderr)

        core = _median_time(lambda: extraction_core(files), args.repeats)
        base = _median_time(lambda: baseline(files), args.repeats)
        figures |= {"extraction_s": round(core, 2), "extraction_mb_per_s": round(megabytes / core, 2),
                    "extraction_docs_per_s": round(n / core, 1), "baseline_s": round(base, 2),
                    "baseline_mb_per_s": round(megabytes / base, 2), "extraction_over_baseline": round(core / base, 1)}
        if undated:
            core_undated = _median_time(lambda: extraction_core(undated), args.repeats)
            figures["extraction_undated_mb_per_s"] = round(undated_mb / core_undated, 2)
        print("extraction measured", file=sys.stderr)

        e2e, peak, outputs, home = full_refresh(seeds, work, args.repeats)
        e2e_small, peak_small, _, _ = full_refresh(seeds_small, work / "small", args.repeats)
        noop = statistics.median(run_refresh(seeds, outputs, home)[0] for _ in range(args.repeats))
        one_changed = []
        for r in range(args.repeats):
            target = files[r % len(files)]
            target.write_bytes(target.read_bytes() + f"\n지난해 매출은 {r + 1}00억 위안을 넘어섰다.\n".encode())
            one_changed.append(run_refresh(seeds, outputs, home)[0])
        figures |= {"refresh_all_s": round(e2e, 2), f"refresh_all_{small}_docs_s": round(e2e_small, 2),
                    "scaling_time_ratio": round(e2e / e2e_small, 2), "scaling_size_ratio": n / small,
                    "noop_refresh_s": round(noop, 2), "one_changed_refresh_s": round(statistics.median(one_changed), 2),
                    "one_changed_over_noop": round(statistics.median(one_changed) / noop, 2),
                    "peak_rss_mb": round(peak, 1), f"peak_rss_{small}_docs_mb": round(peak_small, 1)}
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    width = max(map(len, figures))
    print("\n".join(f"{k:<{width}}  {v}" for k, v in figures.items()))
    out = Path(os.environ.get("PIPELINE_OUTPUTS_DIR", "outputs")) / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"bench-{n}.json").write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
