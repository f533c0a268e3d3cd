"""Evidence viewer (pipeline/review.py): escaping, overlapping spans, corrections snippets,
rewrite rules, and a real browser (Debian's Chromium driven by Playwright) on file:// pages."""
import json
import os
import re
import shutil
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import dagster as dg
import pytest
import yaml

from pipeline import review
from pipeline.access import load_release, release_path
from pipeline.store import write_parquet
from tests.conftest import Project

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# Invented documents: several rows read from one sentence (overlapping spans), markup in the
# text and in a row's evidence, and a file the pipeline rejects.
DOCS = {
    "a_news.txt": (
        "중국 디지털 경제 규모 50조 위안 돌파\n2023년 5월 10일 신화망\n\n"
        "중국 국가인터넷정보판공실은 10일 발표한 보고서에서 2022년 중국의 디지털 경제 규모가 50조 2000억 위안으로 "
        "GDP의 41.5%를 차지했다고 밝혔다.\n"
        '<script>alert("x")</script> 지난해 베이징시의 데이터 거래 규모는 300억 위안을 넘어섰다.\n'
        "국무원은 '14차 5개년 디지털 경제 발전 계획'을 발표하고 2025년까지 디지털 경제 핵심 산업의 GDP 비중을 10%로 "
        "높이겠다고 밝혔다.\n제6회 디지털 중국 건설 서밋이 4월 27일 푸저우에서 개막했다.\n"),
    "b_brief.txt": (
        "상하이 데이터 거래소 출범\n2022년 11월 25일 인민망\n\n"
        "상하이 데이터 거래소는 25일 개소식을 열었다. 올해 거래액은 10억 위안을 넘었고 상장 데이터 상품은 1200개에 이른다.\n"
        "상하이시는 2025년까지 데이터 거래 규모를 1000억 위안으로 늘릴 계획이다.\n"),
}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"


def make_project(root: Path, instance) -> Project:
    seeds = root / "seeds"
    seeds.mkdir(parents=True)
    for name, text in DOCS.items():
        (seeds / name).write_text(text, encoding="utf-8")
    (seeds / "c_scan.pdf").write_bytes(PDF)
    project = Project(seeds, root / "outputs", instance)
    assert project.refresh().success
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """One small release and its viewer, shared read-only."""
    root = tmp_path_factory.mktemp("review")
    (root / "dagster_home").mkdir()
    with dg.DagsterInstance.local_temp(str(root / "dagster_home")) as instance:
        project = make_project(root, instance)
        index = review.write_review(project.outputs, project.seeds)
        yield project, index


class Page(HTMLParser):
    """The text of <pre id="text">, the text and classes of the pieces naming each row, the anchors."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.inside, self.stack, self.text, self.anchors = False, [], [], []
        self.by_row, self.classes = defaultdict(str), defaultdict(set)
        self.feed(source)
        self.text = "".join(self.text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "pre" and a.get("id") == "text":
            self.inside = True
        elif self.inside and tag == "span":
            ids = (a.get("data-rows") or "").split()
            self.stack.append(ids)
            for i in ids:
                self.classes[i] |= set(a["class"].split())
            if a.get("class") == "anchor":
                self.anchors.append(a["id"])

    def handle_endtag(self, tag):
        if tag == "pre":
            self.inside = False
        elif self.inside and tag == "span":
            self.stack.pop()

    def handle_data(self, data):
        if self.inside:
            self.text.append(data)
            for ids in self.stack:
                for i in ids:
                    self.by_row[i] += data


def rows_json(source: str) -> dict:
    block = re.search(r'<script type="application/json" id="rows">(.*?)</script>', source, re.S).group(1)
    assert "</" not in block
    return json.loads(block)


def doc_rows(outputs: Path, source_file: str) -> dict[str, dict]:
    tables = load_release(None, outputs)
    return {r[review.schemas.ID_COLUMNS[t]]: r for t in review.TABLES
            for r in tables[t][tables[t]["source_file"] == source_file].to_dict("records")}


def page_of(index: Path, source_file: str) -> Path:
    link = re.search(rf'<a href="(doc_[0-9a-f]{{12}}\.html)">{re.escape(source_file)}</a>', index.read_text(encoding="utf-8"))
    return index.parent / link.group(1)


# --- pure functions ------------------------------------------------------------------

def test_overlapping_and_nested_spans_cut_into_pieces():
    text = "0123<&>789ABCDEFGHIJ"
    rows = [{"id": i, "table": t, "start": s, "end": e, "correction": c} for i, t, s, e, c in [
        ("metric_a", "metrics", 0, 5, None), ("event_b", "events", 3, 8, None),  # overlapping
        ("plan_c", "plans", 10, 20, None), ("metric_d", "metrics", 12, 15, "fix.yaml#1")]]  # nested
    page = Page(f'<pre id="text">{review.highlight(text, rows)}</pre>')
    assert page.text == text
    assert {i: page.by_row[i] for i in ("metric_a", "event_b", "plan_c", "metric_d")} == {
        "metric_a": "0123<", "event_b": "3<&>7", "plan_c": "ABCDEFGHIJ", "metric_d": "CDE"}
    assert page.anchors == ["metric_a", "event_b", "plan_c", "metric_d"]
    html = review.highlight(text, rows)
    assert '<span class="hl t-metrics t-events" data-rows="metric_a event_b">3&lt;</span>' in html
    assert '<span class="hl t-metrics t-plans corrected" data-rows="plan_c metric_d">CDE</span>' in html
    assert "corrected" not in page.classes["metric_a"] and "corrected" in page.classes["plan_c"]


def test_snippets_are_corrections_entries_with_current_values():
    row = {"metric_id": "metric_0123456789abcdef", "subject": "상하이시", "indicator": "데이터 거래, 규모",
           "value": 1e11, "unit": "CNY", "qualifier": None, "kind": "target", "period": "2025", "plan_id": None}
    drop, fix = review.snippets("metrics", row)
    assert drop == "- table: metrics\n  id: metric_0123456789abcdef\n  drop: true\n  reason: ...\n"
    assert fix.startswith("- table: metrics\n  id: metric_0123456789abcdef\n  set: {subject: 상하이시, ")
    [entry] = yaml.safe_load(fix)
    current = {k: v for k, v in row.items() if k != "metric_id"}
    assert entry == {"table": "metrics", "id": "metric_0123456789abcdef", "set": current, "expect": current, "reason": "..."}
    assert yaml.safe_load(drop) == [{"table": "metrics", "id": "metric_0123456789abcdef", "drop": True, "reason": "..."}]


# --- a small release through the real pipeline ---------------------------------------

@pytest.mark.slow
def test_index_lists_documents_counts_and_rejected_files(site):
    project, index = site
    source = index.read_text(encoding="utf-8")
    assert "release v1.0.0" in source
    docs = load_release(None, project.outputs)["documents"]
    for d in docs.itertuples():
        assert page_of(index, d.source_file).exists()
    rejected = docs[docs["source_file"] == "c_scan.pdf"].iloc[0]
    assert rejected["status"] == "rejected"
    row = re.search(r"<tr><td><a [^>]*>c_scan\.pdf</a>.*?</tr>", source).group(0)
    assert "rejected" in row and review.html.escape(rejected["error"]) in row
    n = doc_rows(project.outputs, "a_news.txt")
    counts = [sum(k.startswith(p) for k in n) for p in ("metric_", "plan_", "event_")]
    row = re.search(r"<tr><td><a [^>]*>a_news\.txt</a>.*?</tr>", source).group(0)
    assert re.findall(r'<td class="n">(\d+)</td>', row)[:3] == [str(c) for c in counts]


@pytest.mark.slow
def test_script_in_a_document_is_shown_as_text(site):
    project, index = site
    source = page_of(index, "a_news.txt").read_text(encoding="utf-8")
    assert "<script>alert" not in source and "&lt;script&gt;alert(\"x\")&lt;/script&gt;" in source
    assert source.count("<script") == 2  # the rows' JSON and the viewer's code
    assert Page(source).text == DOCS["a_news.txt"]
    rows = rows_json(source)
    assert any('<script>alert("x")</script>' in r["evidence"] for r in rows.values())


@pytest.mark.slow
def test_every_row_highlighted_exactly_over_its_evidence(site):
    project, index = site
    for name in DOCS:
        expected = doc_rows(project.outputs, name)
        page = Page(page_of(index, name).read_text(encoding="utf-8"))
        assert sorted(page.anchors) == sorted(expected)
        for rid, row in expected.items():
            assert page.by_row[rid] == row["evidence"]
            assert f"t-{rid.split('_')[0]}s" in page.classes[rid]
    a = doc_rows(project.outputs, "a_news.txt")
    spans = [(r["char_start"], r["char_end"]) for r in a.values()]
    assert len(spans) > len(set(spans))  # the fixture does have rows sharing a span


@pytest.mark.slow
def test_corrected_rows_marked_and_quarantine_listed(site, tmp_path):
    project, _ = site
    outputs = tmp_path / "outputs"
    shutil.copytree(project.releases, outputs / "releases")
    tables = load_release(None, outputs)
    fixed = tables["metrics"].loc[tables["metrics"]["source_file"] == "a_news.txt", "metric_id"].iloc[0]
    tables["metrics"]["correction"] = tables["metrics"]["metric_id"].map({fixed: "corrections/2024.yaml#3"})
    write_parquet(tables["metrics"], release_path(None, outputs) / "metrics.parquet")  # the viewer reads the files
    (outputs / "rejects").mkdir()
    (outputs / "rejects" / "quarantine.csv").write_text(
        "table,id,source_file,line_start,column,check,value\n"
        "metrics,metric_ffffffffffffffff,a_news.txt,4,value,finite,<b>inf</b>\n", encoding="utf-8")
    (outputs / "rejects" / "quarantine.events.csv").write_text(  # the per-table form
        "table,id,source_file,line_start,column,check,value,correction\n"
        "events,event_ffffffffffffffff,b_brief.txt,5,event_type,isin,party,\n", encoding="utf-8")
    index = review.write_review(outputs, project.seeds)
    source = page_of(index, "a_news.txt").read_text(encoding="utf-8")
    page, rows = Page(source), rows_json(source)
    assert "corrected" in page.classes[fixed] and rows[fixed]["correction"] == "corrections/2024.yaml#3"
    assert [r for r in rows.values() if r["correction"]] == [rows[fixed]]
    assert "metric_ffffffffffffffff" in source and "&lt;b&gt;inf&lt;/b&gt;" in source
    row = re.search(r"<tr><td><a [^>]*>a_news\.txt</a>.*?</tr>", index.read_text(encoding="utf-8")).group(0)
    assert re.findall(r'<td class="n">(\d+)</td>', row)[-2:] == ["1", "1"]  # corrected, quarantined
    assert "event_ffffffffffffffff" in page_of(index, "b_brief.txt").read_text(encoding="utf-8")
    assert "event_ffffffffffffffff" not in source


@pytest.mark.slow
def test_pages_rewritten_only_when_changed_and_removed_with_their_document(tmp_path):
    (tmp_path / "dagster_home").mkdir()
    with dg.DagsterInstance.local_temp(str(tmp_path / "dagster_home")) as instance:
        project = make_project(tmp_path, instance)
        index = review.write_review(project.outputs, project.seeds)
        pages = {name: page_of(index, name) for name in (*DOCS, "c_scan.pdf")}
        first = {name: p.read_bytes() for name, p in pages.items()}
        for p in index.parent.iterdir():
            os.utime(p, (1_000_000, 1_000_000))
        review.write_review(project.outputs, project.seeds)  # same release, same seeds: nothing written
        assert all(p.stat().st_mtime == 1_000_000 for p in index.parent.iterdir())
        assert {name: p.read_bytes() for name, p in pages.items()} == first  # deterministic

        with (project.seeds / "b_brief.txt").open("a", encoding="utf-8") as f:
            f.write("베이징 데이터 거래소의 거래액은 20억 위안이다.\n")
        review.write_review(project.outputs, project.seeds)  # the release predates the edit
        stale = pages["b_brief.txt"].read_text(encoding="utf-8")
        assert "source changed since the release" in stale and 'class="hl' not in stale.split('id="text"')[1]
        assert pages["a_news.txt"].stat().st_mtime == 1_000_000

        (project.seeds / "c_scan.pdf").unlink()
        assert project.refresh().success
        index = review.write_review(project.outputs, project.seeds)
        assert not pages["c_scan.pdf"].exists() and "c_scan.pdf" not in index.read_text(encoding="utf-8")
        assert pages["a_news.txt"].stat().st_mtime == 1_000_000  # unchanged document, untouched page
        new_rows = rows_json(pages["b_brief.txt"].read_text(encoding="utf-8")).values()
        assert any("20억 위안" in r["evidence"] for r in new_rows)
        assert sorted(p.name for p in index.parent.iterdir()) == sorted(["index.html", pages["a_news.txt"].name,
                                                                          pages["b_brief.txt"].name])


@pytest.mark.slow
def test_pages_built_by_several_processes_are_the_pages_one_process_builds(site, tmp_path, monkeypatch):
    project, index = site
    outputs = tmp_path / "outputs"
    shutil.copytree(project.outputs / "releases", outputs / "releases")
    monkeypatch.setattr(review, "PAGES_PER_WORKER", 1)  # three pages, two processes (one per core, at most)
    monkeypatch.setattr(review.os, "cpu_count", lambda: 2)
    spawned = []
    real_pool = review.ProcessPoolExecutor
    monkeypatch.setattr(review, "ProcessPoolExecutor", lambda *a, **k: spawned.append(a) or real_pool(*a, **k))
    shared = review.write_review(outputs, project.seeds)
    assert spawned == [(2,)]
    alone = {p.name: p.read_bytes() for p in index.parent.iterdir()}
    assert {p.name: p.read_bytes() for p in shared.parent.iterdir()} == alone


# --- a real browser -----------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium "
                    "(apt-get install chromium; Playwright's own browsers are never downloaded)")
def test_viewer_in_chromium(site):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install '.[test]')")
    project, index = site
    expected = doc_rows(project.outputs, "a_news.txt")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            dialogs, errors = [], []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(index.resolve().as_uri())
            assert "v1.0.0" in page.locator("h1").inner_text()
            assert page.locator("table.list a").count() == 3
            page.get_by_role("link", name="a_news.txt").click()
            page.wait_for_load_state()
            highlights = page.locator("#text .hl")
            ids = {i for rows in highlights.evaluate_all("els => els.map(e => e.dataset.rows)") for i in rows.split()}
            assert ids == set(expected) and page.locator("#text .anchor").count() == len(expected)
            assert '<script>alert("x")</script>' in page.locator("#text").inner_text()

            single = next(i for i in sorted(expected) if i.startswith("metric_")
                          and page.locator(f'#text .hl[data-rows="{i}"]').count())
            page.locator(f'#text .hl[data-rows="{single}"]').first.click()
            panel = page.locator("#panel")
            assert single in panel.inner_text() and expected[single]["value_text"] in panel.inner_text()
            assert "drop: true" in panel.inner_text() and page.locator("#text .sel").count() >= 1

            shared = max(highlights.evaluate_all("els => els.map(e => e.dataset.rows)"), key=lambda r: len(r.split()))
            page.locator(f'#text .hl[data-rows="{shared}"]').first.click()
            assert panel.locator(".card").count() == len(shared.split()) > 1
            assert dialogs == [] and errors == []
        finally:
            browser.close()
