"""Command line: python -m pipeline {refresh,verify,diff} ..."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def _refresh(args) -> int:
    from pipeline.release import ReleaseBusy
    from pipeline.runner import instance_for, refresh

    instance = instance_for(Path(args.dagster_home))
    started = time.time()
    try:
        outcome = refresh(Path(args.seeds), Path(args.outputs), instance, args.processes, wait=args.wait,
                          corrections=Path(args.corrections))
    except ReleaseBusy as exc:
        print(f"refresh not started: {exc}", file=sys.stderr)
        return 1
    print(f"documents: {len(outcome.added)} added, {len(outcome.removed)} removed, {len(outcome.changed)} to extract")
    if not outcome.success:
        print(f"refresh failed (run {outcome.run_id}); the previous release is untouched. "
              f"See the run in the Dagster UI (make dev) and outputs/rejects/ if a check failed.", file=sys.stderr)
        _print_rejects(Path(args.outputs) / "rejects", since=started)
        return 1
    print(f"newest release: {outcome.release} (run {outcome.run_id})")
    return 0


def _print_rejects(folder: Path, since: float, most: int = 10) -> None:
    """What blocked: the lists the checks of this run wrote (outputs/rejects/*.csv), a few lines each."""
    for path in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
        if path.stat().st_mtime < since or path.name.startswith("quarantine."):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        print(f"\n{path} ({len(lines) - 1} rows):", file=sys.stderr)
        for line in lines[:most + 1]:
            print(f"  {line}", file=sys.stderr)


def _verify(args) -> int:
    from pipeline.access import release_path, verify

    path = release_path(args.version, args.outputs)
    problems = verify(args.version, args.outputs, args.seeds)
    if problems:
        print(f"{path.name}: {len(problems)} problem(s)", file=sys.stderr)
        for line in problems[:50]:
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"{path.name}: verified (checksums, schemas, provenance against {args.seeds})")
    return 0


def _diff(args) -> int:
    import schemas
    from pipeline.access import diff, load_release

    changes = diff(args.old, args.new, args.outputs)
    both = [load_release(v, args.outputs) for v in (args.old, args.new)]
    for table, c in changes.items():
        print(f"{table}: {len(c['added'])} added, {len(c['removed'])} removed, {len(c['changed'])} changed")
        key = schemas.ID_COLUMNS[table]
        label = {"documents": "source_file", "metrics": "value_text", "plans": "title", "events": "name"}[table]
        names = {k: v for t in both for k, v in zip(t[table][key], t[table][label].astype(str))}
        for what, sign in (("added", "+"), ("removed", "-"), ("changed", "~")):
            for rid in c[what]:
                print(f"  {sign} {rid}  {names.get(rid, '')}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("refresh", help="extract what changed and publish a release through Dagster")
    p.add_argument("--seeds", default=os.environ.get("PIPELINE_SEEDS_DIR", "seeds"))
    p.add_argument("--outputs", default=os.environ.get("PIPELINE_OUTPUTS_DIR", "outputs"))
    p.add_argument("--corrections", default=os.environ.get("PIPELINE_CORRECTIONS_DIR", "corrections"))
    p.add_argument("--dagster-home", default=os.environ.get("DAGSTER_HOME", ".dagster"))
    p.add_argument("--processes", type=int, default=1, help="more than 1 uses Dagster's multiprocess executor")
    p.add_argument("--wait", type=float, default=600.0, help="seconds to wait for a refresh already running on the same outputs")
    p.set_defaults(run=_refresh)
    p = sub.add_parser("verify", help="check a release's checksums, schemas and provenance against the seeds")
    p.add_argument("version", nargs="?", help="e.g. v1.2.0 (default: the newest)")
    p.add_argument("--seeds", default=os.environ.get("PIPELINE_SEEDS_DIR", "seeds"))
    p.add_argument("--outputs", default=os.environ.get("PIPELINE_OUTPUTS_DIR", "outputs"))
    p.set_defaults(run=_verify)
    p = sub.add_parser("diff", help="row-level difference of two releases")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--outputs", default=os.environ.get("PIPELINE_OUTPUTS_DIR", "outputs"))
    p.set_defaults(run=_diff)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
