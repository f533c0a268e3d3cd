"""What an analyst does with a release: load it, query it, validate it, diff it, read its card."""
import re
import subprocess
import sys

import duckdb
import frictionless
import pandas as pd
import pytest

import schemas
from pipeline import load, load_release
from pipeline.access import diff
from tests.conftest import ROOT


def test_load_returns_schema_dtypes_for_newest_and_given_versions(published):
    latest = (published.releases / "LATEST").read_text().strip()
    for table in schemas.TABLES:
        df = load(table, outputs_dir=published.outputs)
        assert list(df.columns) == schemas.columns(table)
        schemas.TABLES[table].validate(df)
        assert df.dtypes.to_dict() == schemas.empty_frame(table).dtypes.to_dict()
        pd.testing.assert_frame_equal(df, load(table, version=latest, outputs_dir=published.outputs))
    assert set(load_release(outputs_dir=published.outputs)) == set(schemas.TABLES)
    with pytest.raises(FileNotFoundError, match="v9.9.9"):
        load("metrics", version="v9.9.9", outputs_dir=published.outputs)
    with pytest.raises(ValueError, match="unknown table"):
        load("figures", outputs_dir=published.outputs)


def test_datapackage_validates_with_frictionless(published):
    report = frictionless.validate(str(published.latest() / "datapackage.json"),
                                   skip_errors=["byte-count", "hash-count"])  # checked by `pipeline verify`
    assert report.valid, report.flatten(["type", "message"])[:10]
    rows = {task.name: task.stats.get("rows") or 0 for task in report.tasks}
    assert rows["metrics"] == len(load("metrics", outputs_dir=published.outputs))


def test_readme_duckdb_query_runs_over_all_releases(published, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    query = re.search(r"```sql\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(published.outputs.parent)
    result = duckdb.sql(query).df()
    metrics = load("metrics", outputs_dir=published.outputs)
    assert set(result["unit"]) == set(metrics["unit"])
    assert result["n"].sum() == len(metrics)


def test_release_has_a_card_and_two_figures(published):
    release = published.latest()
    card = (release / "README.md").read_text(encoding="utf-8")
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", card):
        assert (release / image).stat().st_size > 5000  # a real picture, not an empty canvas
    assert len(re.findall(r"!\[", card)) == 2
    docs = load("documents", outputs_dir=published.outputs)
    for row in docs.itertuples():
        assert row.source_sha256 in card
    for column in schemas.columns("metrics"):
        assert f"| {column} " in card


def test_verify_and_diff_commands(published):
    run = subprocess.run([sys.executable, "-m", "pipeline", "verify", "--outputs", str(published.outputs),
                          "--seeds", str(published.seeds)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    version = published.latest().name
    same = diff(version, version, published.outputs)
    assert all(not ids for change in same.values() for ids in change.values())
    run = subprocess.run([sys.executable, "-m", "pipeline", "diff", version, version, "--outputs", str(published.outputs)],
                         capture_output=True, text=True)
    assert run.returncode == 0 and "metrics: 0 added, 0 removed, 0 changed" in run.stdout


def test_readme_documents_every_column_of_every_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for table in schemas.TABLES:
        for column in schemas.columns(table):
            assert f"| `{column}` |" in readme, f"{table}.{column} is not in the README"


def test_figures_draw_korean_file_names_with_a_hangul_font(tmp_path):
    import warnings

    from pipeline.card import metrics_per_document

    metrics = schemas.conform("metrics", [
        {"metric_id": f"m{i}", "source_file": name, "unit": "CNY", "kind": "actual", "value": 1.0}
        for i, name in enumerate(["베이징 디지털경제.txt", "상하이 행동방안.txt"])])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns 'Glyph … missing from font(s)' for boxes
        metrics_per_document(metrics, tmp_path / "m.png")
    assert (tmp_path / "m.png").stat().st_size > 5000
