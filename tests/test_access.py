"""What an analyst does with a release: load it, query it, validate it, diff it, read its card."""
import json
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
    for table in schemas.MODELS:  # the four tables and the places they point into
        df = load(table, outputs_dir=published.outputs)
        assert list(df.columns) == schemas.columns(table)
        schemas.MODELS[table].validate(df)
        assert df.dtypes.to_dict() == schemas.empty_frame(table).dtypes.to_dict()
        pd.testing.assert_frame_equal(df, load(table, version=latest, outputs_dir=published.outputs))
    assert set(load_release(outputs_dir=published.outputs)) == set(schemas.MODELS)
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
    # the places reference table ships in the package, and place_code points into it (checked by the validation)
    assert rows["places"] == len(load("places", outputs_dir=published.outputs)) > 100
    package = json.loads((published.latest() / "datapackage.json").read_text(encoding="utf-8"))
    for resource in (r for r in package["resources"] if r["name"] in ("metrics", "plans", "events")):
        assert {"fields": ["place_code"], "reference": {"resource": "places", "fields": ["place_code"]}} \
            in resource["schema"]["foreignKeys"]


def test_readme_duckdb_query_runs_over_all_releases(published, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    query = re.search(r"```sql\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(published.outputs.parent)
    result = duckdb.sql(query).df()
    metrics = load("metrics", outputs_dir=published.outputs)
    assert set(result["unit"]) == set(metrics["unit"])
    assert result["n"].sum() == len(metrics)


def test_release_has_a_card_and_three_figures(published):
    release = published.latest()
    card = (release / "README.md").read_text(encoding="utf-8")
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", card):
        assert (release / image).stat().st_size > 5000  # a real picture, not an empty canvas
    assert len(re.findall(r"!\[", card)) == 3
    assert "## One indicator across documents" in card and "series_across_documents.png" in card
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
    from pipeline.card_data import metric_counts

    metrics = schemas.conform("metrics", [
        {"metric_id": f"m{i}", "source_file": name, "unit": "CNY", "kind": "actual", "value": 1.0}
        for i, name in enumerate(["베이징 디지털경제.txt", "상하이 행동방안.txt"])])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns 'Glyph … missing from font(s)' for boxes
        metrics_per_document(metric_counts(metrics), tmp_path / "m.png")
    assert (tmp_path / "m.png").stat().st_size > 5000


SERIES_ROWS = [  # invented: one indicator in three documents, two places, actual and target
    ("a.txt", "CN-BJ", "actual", "2021", 1.2e12), ("b.txt", "CN-BJ", "actual", "2022", 1.4e12),
    ("b.txt", "CN-BJ", "target", "2025", 2.0e12), ("c.txt", "CN", "actual", "2022", 5.0e13),
]


def test_the_series_figure_draws_one_indicator_across_documents_with_hangul_labels(tmp_path):
    import warnings

    from pipeline.card import CardData, card_text, series_across_documents, series_figure
    from pipeline.places import load_places

    metrics = schemas.conform("metrics", [
        {"metric_id": f"metric_{i:016x}", "source_file": f, "place_code": code, "kind": kind, "period": period,
         "value": value, "unit": "CNY", "subject": "디지털경제", "indicator": "디지털경제 규모", "value_text": "x",
         "evidence": "디지털경제 규모는 x였다.", "line_start": 1}
        for i, (f, code, kind, period, value) in enumerate(SERIES_ROWS)])
    indicator, df = series_across_documents(metrics)
    assert indicator == "digital_economy_size" and len(df) == 4 and df["source_file"].nunique() == 3
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing Hangul glyph warns
        series_figure(indicator, df, tmp_path / "s.png", load_places())
    assert (tmp_path / "s.png").stat().st_size > 5000
    # one document only: no series across documents, and the figure and the card say so
    indicator, df = series_across_documents(metrics[metrics["source_file"] == "b.txt"])
    assert indicator is None and df.empty
    series_figure(indicator, df, tmp_path / "none.png")
    assert (tmp_path / "none.png").stat().st_size > 5000
    tables = {"documents": schemas.empty_frame("documents"), "metrics": metrics.iloc[:0], "plans": schemas.empty_frame("plans"),
              "events": schemas.empty_frame("events")}
    assert "is stated in more than one document" in card_text(CardData.of(tables), "v9.9.9")


def test_the_card_lists_long_tables_in_part_and_says_where_the_rest_is(monkeypatch):
    import pipeline.card as card

    docs = schemas.conform("documents", [
        {"doc_id": f"doc_{i:012x}", "source_file": f"{i}.txt", "source_sha256": "0" * 64, "status": "ok", "damaged_chars": 0,
         "quarantined_rows": 0} for i in range(3)])
    tables = {"documents": docs, **{t: schemas.empty_frame(t) for t in ("metrics", "plans", "events")}}
    full = card.card_text(card.CardData.of(tables), "v1.0.0")
    assert "| 2.txt" in full and "more rows" not in full
    monkeypatch.setattr(card, "LISTED", 2)
    short = card.card_text(card.CardData.of(tables), "v1.0.0")
    sources = short.split("## Sources")[1].split("## Rows per document")[0]
    assert "| 0.txt" in sources and "| 2.txt" not in sources
    assert "… and 1 more rows: every one is in `documents.parquet`." in sources


def test_the_card_reads_only_documents_whose_rows_changed_and_shows_the_same(tmp_path, monkeypatch):
    from pipeline import card_data

    def metrics(value_b: float):
        return schemas.conform("metrics", [
            {"metric_id": f"metric_{i:016x}", "source_file": f, "kind": "actual", "period": "2022", "value": v,
             "unit": "CNY", "subject": "디지털경제", "indicator": "디지털경제 규모", "value_text": "x",
             "evidence": "디지털경제 규모는 x였다.", "line_start": 1}
            for i, (f, v) in enumerate([("a.txt", 1e12), ("b.txt", value_b), ("c.txt", 3e12)])])

    def tables(value_b: float):
        return {"metrics": metrics(value_b), "plans": schemas.empty_frame("plans"), "events": schemas.empty_frame("events")}

    cache, digests = tmp_path / "card", {"a.txt": "1", "b.txt": "1", "c.txt": "1"}
    first = card_data.summarise(tables(2e12), cache, digests)
    read = []
    real = card_data.Summary.read.__func__
    monkeypatch.setattr(card_data.Summary, "read", classmethod(lambda cls, t, docs=None: read.append(docs) or real(cls, t, docs)))
    again = card_data.summarise(tables(5e12), cache, {**digests, "b.txt": "2"})  # b.txt's rows changed
    assert read == [{"b.txt"}]
    fresh = real(card_data.Summary, tables(5e12))
    for field in ("counts", "named", "dated"):
        pd.testing.assert_frame_equal(getattr(again, field).reset_index(drop=True), getattr(fresh, field).reset_index(drop=True),
                                      check_dtype=False)
    assert list(again.named["source_file"]) == ["a.txt", "b.txt", "c.txt"]  # in file order, not cached-first
    assert again.named.loc[again.named["source_file"] == "b.txt", "value"].item() == 5e12
    assert first.named.loc[first.named["source_file"] == "b.txt", "value"].item() == 2e12


def test_a_card_after_a_change_that_leaves_a_document_without_rows_still_draws(tmp_path):
    from pipeline import card_data
    from pipeline.card import metrics_per_document

    metrics = schemas.conform("metrics", [
        {"metric_id": f"metric_{i:016x}", "source_file": f, "kind": "actual", "unit": "CNY", "value": 1.0}
        for i, f in enumerate(["a.txt", "b.txt"])])
    tables = {"metrics": metrics, "plans": schemas.empty_frame("plans"), "events": schemas.empty_frame("events")}
    card_data.summarise(tables, tmp_path / "card", {"a.txt": "1", "b.txt": "1"})
    tables["metrics"] = metrics[metrics["source_file"] == "a.txt"]  # b.txt now gives no rows
    later = card_data.summarise(tables, tmp_path / "card", {"a.txt": "1", "b.txt": "2"})
    assert later.counts["rows"].dtype == "int64" and list(later.counts["source_file"]) == ["a.txt"]
    docs = schemas.conform("documents", [{"doc_id": f"doc_{i:012x}", "source_file": f, "source_sha256": "0" * 64,
                                          "status": "ok"} for i, f in enumerate(["a.txt", "b.txt"])])
    data = card_data.CardData.of({**tables, "documents": docs}, tmp_path / "card", {"a.txt": "1", "b.txt": "2"})
    metrics_per_document(data.metrics_by, tmp_path / "m.png")
    assert (tmp_path / "m.png").stat().st_size > 5000
