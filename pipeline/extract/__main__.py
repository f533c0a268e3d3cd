"""Extract a folder of documents to Parquet without Dagster (debugging, evaluation).

usage: python -m pipeline.extract SEEDS_DIR OUT_DIR
"""
import sys
from pathlib import Path

from pipeline.corpus import frames, process
from pipeline.sources import discover


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    seeds, out = Path(argv[0]), Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    paths = discover(seeds)
    results = []
    for n, path in enumerate(paths, 1):
        results.append(process(path))
        print(f"\r{n}/{len(paths)} documents", end="", file=sys.stderr)
    print(file=sys.stderr)
    for table, df in frames(results).items():
        df.to_parquet(out / f"{table}.parquet", index=False)
        print(f"{table}: {len(df)} rows -> {out / (table + '.parquet')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
