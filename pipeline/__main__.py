"""Command line: python -m pipeline {refresh,verify,diff} ..."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _refresh(args) -> int:
    from pipeline.runner import instance_for, refresh

    instance = instance_for(Path(args.dagster_home))
    outcome = refresh(Path(args.seeds), Path(args.outputs), instance, args.processes)
    print(f"documents: {len(outcome.added)} added, {len(outcome.removed)} removed, {len(outcome.changed)} to extract")
    if not outcome.success:
        print(f"refresh failed (run {outcome.run_id}); the previous release is untouched. "
              f"See the run in the Dagster UI (make dev) and outputs/rejects/ if a check failed.", file=sys.stderr)
        return 1
    print(f"newest release: {outcome.release} (run {outcome.run_id})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("refresh", help="extract what changed and publish a release through Dagster")
    p.add_argument("--seeds", default=os.environ.get("PIPELINE_SEEDS_DIR", "seeds"))
    p.add_argument("--outputs", default=os.environ.get("PIPELINE_OUTPUTS_DIR", "outputs"))
    p.add_argument("--dagster-home", default=os.environ.get("DAGSTER_HOME", ".dagster"))
    p.add_argument("--processes", type=int, default=1, help="more than 1 uses Dagster's multiprocess executor")
    p.set_defaults(run=_refresh)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
