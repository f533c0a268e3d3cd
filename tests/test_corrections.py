"""Corrections (drop, set, add with expect guards) and quarantine, alone and through Dagster."""
import shutil

import dagster as dg
import pandas as pd
import pytest

import pipeline.corpus
import schemas
from pipeline import corrections as cx
from pipeline.access import load_release, verify
from pipeline.release import latest_version
from pipeline.rows import row_id
from pipeline.runner import refresh
from pipeline.sources import document_id

NEWS = (
    "항저우시 전자상거래 동향\n"
    "2023년 항저우시의 온라인 소매판매액은 1조2000억 위안으로 전년보다 8.1% 증가했다.\n"
    "같은 해 항저우시의 택배 물동량은 35억 건에 달했다.\n"
    "플랫폼 입점 기업은 모두 12만 개로 집계됐다.\n"
)
BRIEF = (
    "청두 디지털산업 브리핑\n"
    "2022년 청두시 디지털경제 핵심산업 규모는 4800억 위안이다.\n"
    "청두시는 2025년까지 데이터센터 랙을 10만 개로 늘릴 계획이다.\n"
)


def write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- reading the files


def problems_of(tmp_path, text, seeds=None):
    write(tmp_path / "corrections", "fix.yaml", text)
    found, problems = cx.load(tmp_path / "corrections", seeds or tmp_path / "seeds")
    return found, problems


def test_a_well_formed_file_gives_one_correction_per_entry(tmp_path):
    write(tmp_path / "seeds", "news.txt", NEWS)
    found, problems = problems_of(tmp_path, """
- table: metrics
  id: metric_0123456789abcdef
  drop: true
  reason: repeats the headline
- table: plans
  id: plan_0123456789abcdef
  set: {issuer: 항저우시 인민정부, period_end: 2025}
  expect: {issuer: null}
  reason: the issuer is named two lines above
  by: curator
- table: metrics
  add: {source_file: news.txt, evidence: 35억 건, value: 3500000000, unit: count, value_text: 35억 건,
        subject: 항저우시, indicator: 택배 물동량, kind: actual, period: "2023"}
  reason: parcels missed
""")
    assert problems == []
    assert [(c.ref, c.table, c.action) for c in found] == [
        ("corrections/fix.yaml#1", "metrics", "drop"), ("corrections/fix.yaml#2", "plans", "set"),
        ("corrections/fix.yaml#3", "metrics", "add")]
    assert found[1].fields == {"issuer": "항저우시 인민정부", "period_end": 2025} and found[1].expect == {"issuer": None}
    added = found[2].fields
    start = NEWS.index("35억 건")
    assert (added["char_start"], added["char_end"]) == (start, start + len("35억 건"))
    assert (added["line_start"], added["line_end"]) == (3, 3)
    assert added["doc_id"] == document_id("news.txt") and added["correction"] == "corrections/fix.yaml#3"


@pytest.mark.parametrize("text, says", [
    ("- table: metrics\n  id: metric_0123456789abcdef\n  drop: true\n  reason: [unclosed\n", "cannot be read as YAML"),
    ("- !!python/object/apply:os.system ['echo owned']\n", "cannot be read as YAML"),
    ("table: metrics\n", "must be a list"),
    ("- table: metrics\n  id: metric_0123456789abcdef\n  drop: true\n", "needs a reason"),
    ("- table: people\n  id: x\n  drop: true\n  reason: r\n", "unknown table 'people'"),
    ("- table: metrics\n  id: metric_0123456789abcdef\n  drop: true\n  colour: red\n  reason: r\n", "unknown field(s) colour"),
    ("- table: metrics\n  id: metric_0123456789abcdef\n  drop: true\n  set: {kind: target}\n  reason: r\n", "exactly one of"),
    ("- table: metrics\n  id: metric_0123456789abcdef\n  set: {evidence: x}\n  reason: r\n", "read-only field(s) evidence"),
    ("- table: metrics\n  id: plan_0123456789abcdef\n  drop: true\n  reason: r\n", "needs the id of a metrics row"),
    ("- table: metrics\n  add: {source_file: ../secret.txt, evidence: x}\n  reason: r\n", "not a path"),
    ("- table: metrics\n  add: {source_file: /etc/passwd, evidence: root}\n  reason: r\n", "not a path"),
    ("- table: metrics\n  add: {source_file: absent.txt, evidence: x}\n  reason: r\n", "not a readable document"),
    ("- table: metrics\n  add: {source_file: news.txt, evidence: 99억 건}\n  reason: r\n", "is not in news.txt"),
    ("- table: metrics\n  add: {source_file: news.txt, evidence: 항저우시}\n  reason: r\n", "appears 3 times"),
    ("- table: metrics\n  add: {source_file: news.txt, evidence: 항저우시, occurrence: 4}\n  reason: r\n", "from 1 to 3"),
])
def test_a_correction_that_cannot_apply_is_a_problem_naming_file_and_entry(tmp_path, text, says):
    write(tmp_path / "seeds", "news.txt", NEWS)
    found, problems = problems_of(tmp_path, text)
    assert found == [] and len(problems) == 1
    assert problems[0]["correction"].startswith("corrections/fix.yaml")
    assert says in problems[0]["problem"]


def test_a_yaml_tag_is_never_executed(tmp_path):
    marker = tmp_path / "owned"
    problems_of(tmp_path, f"- !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()


# ---------------------------------------------------------------- applying them


def metrics_frame(text=NEWS, name="news.txt"):
    rows = []
    for n, (evidence, value_text, value, unit) in enumerate(
            [("1조2000억 위안", "1조2000억 위안", 1.2e12, "CNY"), ("12만 개", "12만 개", 1.2e5, "count")]):
        start = text.index(evidence)
        line = text[:start].count("\n") + 1
        row = {"doc_id": document_id(name), "source_file": name, "source_sha256": "a" * 64,
               "line_start": line, "line_end": line, "char_start": start, "char_end": start + len(evidence),
               "evidence": evidence, "extractor": "test@1", "value": value, "unit": unit, "value_text": value_text,
               "subject": "항저우시", "indicator": f"지표{n}", "kind": "actual", "period": "2023"}
        rows.append(row | {"metric_id": row_id("metrics", row)})
    return schemas.conform("metrics", rows)


def correction(action, rid=None, fields=None, expect=None, n=1):
    return cx.Correction(f"corrections/t.yaml#{n}", "metrics", action, "because", rid, fields or {}, expect or {})


def test_drop_set_and_add_apply_and_mark_their_rows():
    df = metrics_frame()
    first, second = df["metric_id"]
    added = {"doc_id": document_id("news.txt"), "source_file": "news.txt", "source_sha256": "a" * 64, "line_start": 3,
             "line_end": 3, "char_start": 40, "char_end": 45, "evidence": "35억 건", "extractor": "correction@manual",
             "correction": "corrections/t.yaml#3", "value": 3.5e9, "unit": "count", "value_text": "35억 건",
             "subject": "항저우시", "indicator": "택배 물동량", "kind": "actual"}
    out, problems = cx.apply("metrics", df, [
        correction("drop", first), correction("set", second, {"kind": "target", "period": 2025}, {"kind": "actual"}, 2),
        cx.Correction("corrections/t.yaml#3", "metrics", "add", "missed", fields=added)])
    assert problems == []
    assert first not in set(out["metric_id"])
    changed = out.set_index("metric_id").loc[second]
    assert (changed["kind"], changed["period"], changed["correction"]) == ("target", "2025", "corrections/t.yaml#2")
    new = out[out["correction"] == "corrections/t.yaml#3"].iloc[0]
    assert new["metric_id"] == row_id("metrics", added) and new["value"] == 3.5e9
    assert list(out["char_start"]) == sorted(out["char_start"])  # stable order kept


def test_a_failed_expect_or_a_missing_row_leaves_the_table_as_it_was():
    df = metrics_frame()
    second = df["metric_id"][1]
    out, problems = cx.apply("metrics", df, [
        correction("set", second, {"period": "2024"}, {"period": "2022"}),
        correction("drop", "metric_ffffffffffffffff", n=2)])
    pd.testing.assert_frame_equal(out, df)
    assert [p["correction"] for p in problems] == ["corrections/t.yaml#1", "corrections/t.yaml#2"]
    assert "period is '2023', expected '2022'" in problems[0]["problem"]
    assert "no such row" in problems[1]["problem"]


def test_a_corrected_plan_or_event_gets_its_cross_document_key_again():
    from pipeline.keys import event_key, plan_key

    text = "허베이성은 3월 '허베이성 디지털경제 촉진 조례'를 발표했다.\n"
    plan = {"doc_id": document_id("p.txt"), "source_file": "p.txt", "source_sha256": "a" * 64, "line_start": 1,
            "line_end": 1, "char_start": 0, "char_end": len(text) - 1, "evidence": text[:-1], "extractor": "test@1",
            "title": "허베이성 디지털경제 촉진 조례", "issuer": "허베이성", "place_code": "CN-HE",
            "plan_key": plan_key("허베이성 디지털경제 촉진 조례")}
    plans = schemas.conform("plans", [plan | {"plan_id": row_id("plans", plan)}])
    fix = cx.Correction("corrections/t.yaml#1", "plans", "set", "the title is the 14·5 plan", plans["plan_id"][0],
                        {"title": "14·5 디지털경제 발전규획"})
    out, problems = cx.apply("plans", plans, [fix])
    assert problems == [] and out["plan_key"][0] == plan_key("「十四五」数字经济发展规划")
    event = {k: plan[k] for k in ("doc_id", "source_file", "source_sha256", "line_start", "line_end", "char_start",
                                  "char_end", "evidence", "extractor", "place_code")} | {
        "name": "조례 발표", "event_type": "announcement", "date_start": "2024-03-01", "date_precision": "month"}
    events = schemas.conform("events", [event | {"event_id": row_id("events", event)}])
    fix = cx.Correction("corrections/t.yaml#1", "events", "set", "the day is known", events["event_id"][0],
                        {"date_start": "2024-03-05", "date_precision": "day"})
    out, problems = cx.apply("events", events, [fix])
    assert problems == [] and out["event_key"][0] == event_key("조례 발표", "2024-03-05", "CN-HE")


def test_an_add_the_rules_now_extract_is_reported_as_no_longer_needed():
    df = metrics_frame()
    existing = df.iloc[0].to_dict()
    copy = {k: existing[k] for k in ("doc_id", "evidence", "value_text", "unit")} | {"correction": "corrections/t.yaml#1"}
    _, problems = cx.apply("metrics", df, [cx.Correction("corrections/t.yaml#1", "metrics", "add", "r", fields=copy)])
    assert "no longer needed" in problems[0]["problem"]


# ---------------------------------------------------------------- through Dagster


@pytest.fixture
def site(tmp_path):
    write(tmp_path / "seeds", "news.txt", NEWS)
    write(tmp_path / "seeds", "brief.txt", BRIEF)
    (tmp_path / "dagster_home").mkdir()
    with dg.DagsterInstance.local_temp(str(tmp_path / "dagster_home")) as instance:
        yield tmp_path, instance


def run(root, instance):
    return refresh(root / "seeds", root / "outputs", instance)


def check_results(instance, run_id):
    return {f"{e.asset_key.to_user_string()}/{e.check_name}": e
            for e in (r.dagster_event.event_specific_data
                      for r in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION))}


def test_corrections_survive_refreshes_are_cited_and_stop_the_release_once_stale(site):
    root, instance = site
    assert run(root, instance).success
    metrics = load_release(None, root / "outputs")["metrics"]
    news = metrics[metrics["source_file"] == "news.txt"].set_index("metric_id")
    dropped = news.index[news["evidence"].str.contains("12만 개")][0]
    changed = news.index[news["value_text"] == "1조2000억 위안"][0]
    kind = news.loc[changed, "kind"]
    write(root / "corrections", "curator.yaml", f"""
- table: metrics
  id: {dropped}
  drop: true
  reason: platform count is out of scope
- table: metrics
  id: {changed}
  set: {{subject: 항저우시 전자상거래}}
  expect: {{kind: {kind}}}
  reason: the subject is the city's e-commerce
- table: metrics
  add:
    source_file: brief.txt
    evidence: 10만 개
    value: 100000
    unit: count
    value_text: 10만 개
    subject: 청두시
    indicator: 데이터센터 랙 (수동)
    kind: target
    period: "2025"
  reason: racks target read by hand
""")
    outcome = run(root, instance)
    assert outcome.success and outcome.release == "v1.1.0"
    release = root / "outputs" / "releases" / outcome.release
    metrics = load_release(None, root / "outputs")["metrics"].set_index("metric_id")
    assert dropped not in metrics.index
    assert metrics.loc[changed, "subject"] == "항저우시 전자상거래"
    assert metrics.loc[changed, "correction"] == "corrections/curator.yaml#2"
    added = metrics[metrics["correction"] == "corrections/curator.yaml#3"]
    assert len(added) == 1 and added["indicator"].iloc[0] == "데이터센터 랙 (수동)"
    assert verify(None, root / "outputs", root / "seeds") == []  # the added row's provenance holds
    changes = (release / "CHANGES.md").read_text(encoding="utf-8")
    for ref, reason in [("#1", "platform count is out of scope"), ("#2", "the subject is the city's e-commerce"),
                        ("#3", "racks target read by hand")]:
        assert f"`corrections/curator.yaml{ref}`" in changes and reason in changes
    assert "subject: 항저우시 → 항저우시 전자상거래" in changes

    assert run(root, instance).release == outcome.release  # unchanged: kept, nothing new

    # the dropped row's sentence changes: the drop no longer fits and the release stops
    (root / "seeds" / "news.txt").write_text(NEWS.replace("12만 개", "13만 개"), encoding="utf-8")
    stale = run(root, instance)
    assert not stale.success and latest_version(root / "outputs") == outcome.release
    checks = check_results(instance, stale.run_id)
    assert checks["metrics/corrections_apply"].passed is False
    problems = pd.read_csv(root / "outputs" / "rejects" / "corrections.metrics.csv")
    assert list(problems["correction"]) == ["corrections/curator.yaml#1"]
    assert "no such row" in problems["problem"].iloc[0]


def test_a_malformed_corrections_file_blocks_with_its_name(site):
    root, instance = site
    assert run(root, instance).success
    write(root / "corrections", "broken.yaml", "- table: metrics\n  drop: true\n  reason: no id\n")
    outcome = run(root, instance)
    assert not outcome.success and latest_version(root / "outputs") == "v1.0.0"
    assert check_results(instance, outcome.run_id)["corrections/valid"].passed is False
    problems = pd.read_csv(root / "outputs" / "rejects" / "corrections.load.csv")
    assert list(problems["correction"]) == ["corrections/broken.yaml#1"]


def test_one_bad_row_is_quarantined_and_the_rest_publishes_then_a_set_brings_it_back(site, monkeypatch):
    root, instance = site
    real = pipeline.corpus.extract_document

    def empty_indicator(text, published, doc):
        tables = real(text, published, doc)
        if doc["source_file"] == "brief.txt":
            tables["metrics"][0]["indicator"] = ""
        return tables

    monkeypatch.setattr(pipeline.corpus, "extract_document", empty_indicator)
    outcome = run(root, instance)
    assert outcome.success and outcome.release == "v1.0.0"
    tables = load_release(None, root / "outputs")
    listed = pd.read_csv(root / "outputs" / "rejects" / "quarantine.metrics.csv")
    assert len(listed) == 1 and listed["column"].iloc[0] == "indicator" and listed["source_file"].iloc[0] == "brief.txt"
    bad = listed["id"].iloc[0]
    assert bad not in set(tables["metrics"]["metric_id"])
    assert (tables["metrics"]["source_file"] == "news.txt").sum() >= 3  # the other document is all there
    counts = tables["documents"].set_index("source_file")["quarantined_rows"]
    assert (counts["brief.txt"], counts["news.txt"]) == (1, 0)
    changes = (root / "outputs" / "releases" / "v1.0.0" / "CHANGES.md").read_text(encoding="utf-8")
    assert "1 row(s) quarantined" in changes and bad in changes

    write(root / "corrections", "fix.yaml", f"- table: metrics\n  id: {bad}\n  set: {{indicator: 핵심산업 규모}}\n"
                                            f"  reason: the indicator is in the sentence\n")
    outcome = run(root, instance)
    assert outcome.success
    back = load_release(None, root / "outputs")["metrics"].set_index("metric_id").loc[bad]
    assert (back["indicator"], back["correction"]) == ("핵심산업 규모", "corrections/fix.yaml#1")
    assert not (root / "outputs" / "rejects" / "quarantine.metrics.csv").exists()


def test_quarantine_of_a_large_share_of_a_table_blocks_the_release(site, monkeypatch):
    root, instance = site
    real = pipeline.corpus.extract_document

    def all_bad(text, published, doc):
        tables = real(text, published, doc)
        for row in tables["metrics"]:
            row["unit"] = "bogus_unit"
        return tables

    shutil.copy(root / "seeds" / "news.txt", root / "seeds" / "news2.txt")  # enough rows to exceed the floor
    monkeypatch.setattr(pipeline.corpus, "extract_document", all_bad)
    outcome = run(root, instance)
    assert not outcome.success and latest_version(root / "outputs") is None
    assert check_results(instance, outcome.run_id)["metrics/quarantine"].passed is False
    listed = pd.read_csv(root / "outputs" / "rejects" / "quarantine.metrics.csv")
    assert set(listed["value"]) == {"bogus_unit"} and listed["id"].nunique() > 5


def test_a_document_that_is_only_a_figure_publishes_with_that_row_quarantined(site):
    root, instance = site
    write(root / "seeds", "odd.txt", "'13조7900억 위안'\n")
    outcome = run(root, instance)
    assert outcome.success and outcome.release == "v1.0.0"
    tables = load_release(None, root / "outputs")
    listed = pd.read_csv(root / "outputs" / "rejects" / "quarantine.metrics.csv")
    assert set(listed["source_file"]) == {"odd.txt"} and listed["value"].str.contains("13조7900억").all()
    assert "odd.txt" not in set(tables["metrics"]["source_file"])
    assert {"news.txt", "brief.txt"} <= set(tables["metrics"]["source_file"])
    assert tables["documents"].set_index("source_file").loc["odd.txt", "quarantined_rows"] == listed["id"].nunique()
