"""Dagster code location: every definition under pipeline/defs/, loaded the dg way
(a module added there, e.g. by `dg scaffold defs`, appears without edits here)."""
from pathlib import Path

import dagster as dg

defs = dg.load_from_defs_folder(path_within_project=Path(__file__).resolve().parent)
