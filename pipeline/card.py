"""Dataset card and figures written into each release."""
from __future__ import annotations

from pathlib import Path

import pandas as pd


def write_card(folder: Path, tables: dict[str, pd.DataFrame], version: str) -> None:
    (folder / "README.md").write_text(f"# Dataset {version}\n", encoding="utf-8")
