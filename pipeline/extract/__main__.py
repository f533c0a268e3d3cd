"""Extract a folder of documents to Parquet without Dagster (debugging, evaluation).

usage: python -m pipeline.extract SEEDS_DIR OUT_DIR
       python -m pipeline.extract --explain FILE LINE   (every number on that line and its rules)
"""
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "--explain" and argv[2].isdigit():
        from pipeline.extract.explain import explain_file

        print("\n".join(explain_file(Path(argv[1]), int(argv[2]))))
        return 0
    if len(argv) != 2 or argv[0].startswith("-"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    from pipeline.corpus import frames, process
    from pipeline.sources import discover

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
