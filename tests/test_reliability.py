"""Bad documents, crashes and concurrent refreshes lose nothing.

Three groups:
- a document lifecycle through Dagster (one project, refreshed step by step): bad files, encodings,
  renames and deletions, then a schema failure that must block the release;
- the release writer alone: a crash at every step (raised, and a real SIGKILL), two publishers at once;
- `python -m pipeline verify` on tampered releases.
"""
import codecs
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pandas as pd
import pyarrow as pa
import pytest

import pipeline.corpus
import schemas
import pipeline.release
from pipeline.__main__ import main as cli
from pipeline.access import verify
from pipeline.corpus import frames, process
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.release import ReleaseBlocked, latest_version, publish
from pipeline.sources import discover, read_document
from pipeline.store import DocumentStore, read_ipc, read_parquet, write_parquet

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# the project on the path explicitly: a script outside the repository must import this checkout
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
TABLES = ("documents", "metrics", "plans", "events")
EXTRACTED = ("metrics", "plans", "events")
ID = {"documents": "doc_id", "metrics": "metric_id", "plans": "plan_id", "events": "event_id"}
SEED = "001_2b3796689cc4c02f.txt"
GONE = "004_860c4624a69658b3.txt"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def versions(outputs: Path) -> list[str]:
    folder = outputs / "releases"
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("v")) if folder.exists() else []


def read(release: Path, table: str) -> pd.DataFrame:
    return read_parquet(release / f"{table}.parquet")


def inputs_of(documents: pd.DataFrame) -> list[dict]:
    """The release's input list, as the release asset builds it."""
    return [{"source_file": r["source_file"], "sha256": r["source_sha256"], "status": r["status"]}
            for r in documents.astype(object).where(documents.notna(), None).to_dict("records")]


def seed_text() -> str:
    return (SEEDS / SEED).read_bytes().decode("utf-8")


def legacy_text() -> str:
    """The seed with the characters CP949 lacks replaced one for one (same offsets)."""
    def ok(c):
        try:
            c.encode("euc_kr")
            return True
        except UnicodeEncodeError:
            return False
    return "".join(c if ok(c) else "\u00b7" for c in seed_text())


def metric_facts(df: pd.DataFrame, source_file: str, offsets: bool = True) -> list[tuple]:
    cols = ["value", "unit", "value_text", "evidence"] + (["char_start", "char_end", "line_start", "line_end"] if offsets else [])
    rows = df[df["source_file"] == source_file][cols]
    return sorted(map(tuple, rows.astype(object).values.tolist()), key=repr)


def check_evaluations(instance: dg.DagsterInstance, run_id: str) -> dict[str, object]:
    """'asset/check' -> AssetCheckEvaluation, read back from the Dagster instance's event log."""
    out = {}
    for record in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION):
        ev = record.dagster_event.event_specific_data
        out[f"{ev.asset_key.to_user_string()}/{ev.check_name}"] = ev
    return out


def parse_changes(text: str) -> dict[str, dict[str, set[str]]]:
    """CHANGES.md back into {table: {added|removed|changed: ids}}."""
    out, table, what = {}, None, None
    for line in text.splitlines():
        if line.startswith("## "):
            table, what = line[3:].split(":")[0], None
            out[table] = {"added": set(), "removed": set(), "changed": set()}
        elif line.rstrip(":").lower() in ("added", "removed", "changed") and table:
            what = line.rstrip(":").lower()
        elif line.startswith("- `") and table and what:
            out[table][what].add(line[3:].split("`")[0])
    return out


def md(value) -> str:
    return getattr(value, "md_str", None) or getattr(value, "value", None) or str(value)


# ====================================================================== lifecycle through Dagster

REJECTED = {  # file -> words its documents.error must contain
    "empty.txt": ["empty file"],
    "blank.txt": ["only whitespace"],
    "report.pdf.txt": ["binary", "PDF"],
    "photo.txt": ["binary", "PNG"],
    "nul bytes.txt": ["binary", "NUL"],
    "dump 50MB.txt": ["too large"],
}
IGNORED = [".DS_Store", "~$보고서.txt", ".001.txt.swp", "notes.txt~", "outside-link.txt"]
VARIANTS = {  # file -> (bytes, encoding label, the UTF-8 text it must decode to)
    "베이징 계획 CP949.txt": (legacy_text().encode("cp949"), "cp949", legacy_text()),
    "euc-kr 사본.txt": (legacy_text().encode("euc_kr"), "cp949", legacy_text()),
    "utf16 bom.txt": (seed_text().encode("utf_16"), "utf_16", seed_text()),
    "utf8 bom.txt": (codecs.BOM_UTF8 + seed_text().encode(), "utf_8_sig", seed_text()),
    "crlf.txt": (seed_text().replace("\n", "\r\n").encode(), "utf_8", seed_text().replace("\n", "\r\n")),
    "lone cr.txt": (seed_text().replace("\n", "\r").encode(), "utf_8", seed_text().replace("\n", "\r")),
    "같은 내용 다른 이름.txt": (seed_text().encode(), "utf_8", seed_text()),
}


def _broken_utf8() -> tuple[bytes, str]:
    raw = (SEEDS / SEED).read_bytes()
    cut = raw.index(b"\n") + 1
    return raw[:cut] + b"\xc3\x28\xff" + raw[cut:], raw[:cut].decode() + "\ufffd(\ufffd" + raw[cut:].decode()


def _long_line() -> str:
    filler = "디지털 경제 발전 방향에 관한 논의가 이어지고 있다 " * 14_000  # ~1 MB on one line
    return filler + "베이징시의 디지털 경제 규모는 1조4천400억 위안에 달했다. " + filler


class Project:
    """Seeds, outputs and a Dagster instance (as conftest's, but shared by a module's tests)."""

    def __init__(self, seeds: Path, outputs: Path, instance: dg.DagsterInstance):
        self.seeds, self.outputs, self.instance = seeds, outputs, instance

    def refresh(self):
        from pipeline.runner import refresh

        return refresh(self.seeds, self.outputs, self.instance)

    def latest(self) -> Path:
        return self.outputs / "releases" / latest_version(self.outputs)


class Lifecycle:
    """One project refreshed through Dagster step by step; each step runs once, on first use."""

    def __init__(self, root: Path, instance: dg.DagsterInstance):
        seeds = root / "seeds"
        shutil.copytree(SEEDS, seeds)
        self.root, self.p = root, Project(seeds, root / "outputs", instance)
        self.done, self.out = 0, {}

    def upto(self, step: int) -> dict:
        while self.done < step:
            self.done += 1
            getattr(self, f"_step{self.done}")()
        return self.out

    def _refresh(self, name: str) -> None:
        outcome = self.p.refresh()
        release = self.p.latest() if latest_version(self.p.outputs) else None
        problems = verify(release.name, self.p.outputs, self.p.seeds) if release and outcome.success else None
        self.out[name] = {"outcome": outcome, "release": release, "verify": problems,
                          "documents": read(release, "documents") if release else None}

    def _step1(self):  # the seeds as they are
        self._refresh("clean")

    def _step2(self):  # unreadable files, and files that are not documents at all
        s = self.p.seeds
        (s / "empty.txt").write_bytes(b"")
        (s / "blank.txt").write_bytes(" \n\t\r\n\u3000 \n".encode())
        (s / "report.pdf.txt").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
        (s / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
        (s / "nul bytes.txt").write_bytes(seed_text().encode()[:300] + b"\x00\x00\x01" + seed_text().encode()[300:600])
        with (s / "dump 50MB.txt").open("wb") as f:
            block = seed_text().encode()
            for _ in range(50 * 2**20 // len(block) + 1):
                f.write(block)
        for name in IGNORED[:-1]:
            (s / name).write_bytes("편집기 파일 1000억 원\n".encode())
        (self.root / "secret.txt").write_bytes("바깥 파일: 매출 3000억 원을 기록했다.\n".encode())
        (s / "outside-link.txt").symlink_to(self.root / "secret.txt")
        self._refresh("bad")

    def _step3(self):  # readable variants: encodings, line endings, damage, a huge line, a duplicate
        s = self.p.seeds
        for name, (data, _, _) in VARIANTS.items():
            (s / name).write_bytes(data)
        (s / "broken utf8.txt").write_bytes(_broken_utf8()[0])
        (s / "한 줄 1MB.txt").write_bytes(_long_line().encode())
        self._refresh("variants")

    def _step4(self):  # a rename (same bytes, new name) and a deletion
        s = self.p.seeds
        self.out["renamed_from"] = read(self.out["variants"]["release"], "metrics")
        (s / "같은 내용 다른 이름.txt").rename(s / "이름을 바꾼 파일.txt")
        (s / GONE).unlink()
        self._refresh("renamed")

    def _step5(self):  # a corrupt row injected into the per-document store is set aside
        store = DocumentStore(self.p.outputs / "work")
        path = store._file("metrics", SEED)
        original = path.read_bytes()
        df = read_ipc(path).to_pandas()
        df.loc[0, "unit"] = "furlongs"
        bad = pa.Table.from_pandas(df, schema=read_ipc(path).schema, preserve_index=False)
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, bad.schema) as writer:
            writer.write_table(bad)
        before = versions(self.p.outputs)
        self._refresh("corrupt_store")
        self.out["corrupt_store"] |= {"before": before, "after": versions(self.p.outputs),
                                      "bad_row": df.loc[0, "metric_id"]}
        path.write_bytes(original)

    def _step6(self):  # an extractor that emits a bad unit for one new document: its rows are set aside
        (self.p.seeds / "new article.txt").write_bytes(seed_text().replace("베이징", "상하이").encode())
        real = pipeline.corpus.extract_document

        def bad_units(text, published, doc):
            tables = real(text, published, doc)
            if doc["source_file"] == "new article.txt":
                for row in tables["metrics"]:
                    row["unit"] = "bogus_unit"
            return tables

        before = versions(self.p.outputs)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(pipeline.corpus, "extract_document", bad_units)
            self._refresh("bad_extractor")
        store = DocumentStore(self.p.outputs / "work")
        self.out["bad_extractor"] |= {"before": before, "after": versions(self.p.outputs),
                                      "bad_rows": len(store.read_table("metrics", ["new article.txt"]))}


@pytest.fixture(scope="module")
def life(tmp_path_factory):
    root = tmp_path_factory.mktemp("lifecycle")
    (root / "dagster_home").mkdir()
    with dg.DagsterInstance.local_temp(str(root / "dagster_home")) as instance:
        yield Lifecycle(root, instance)


def test_bad_files_get_rejected_rows_and_change_nothing_else(life):
    out = life.upto(2)
    clean, bad = out["clean"], out["bad"]
    assert clean["outcome"].success and bad["outcome"].success, "a bad file must not stop the refresh"
    assert clean["release"].name == "v1.0.0" and bad["release"].name == "v1.1.0"
    assert clean["verify"] == [] and bad["verify"] == []
    docs = bad["documents"].set_index("source_file")
    # one row per document file; hidden, editor and outside-link files are not documents
    assert set(docs.index) == {p.name for p in SEEDS.iterdir()} | set(REJECTED)
    for name, words in REJECTED.items():
        row = docs.loc[name]
        assert row["status"] == "rejected", name
        assert all(w in row["error"] for w in words), (name, row["error"])
        assert row["bytes"] == (life.p.seeds / name).stat().st_size
        assert row["source_sha256"] == sha(life.p.seeds / name)
    assert (docs.drop(index=list(REJECTED))["status"] == "ok").all()
    # apart from their own documents rows, the release is what it was without them: byte for byte
    for table in EXTRACTED:
        assert sha(bad["release"] / f"{table}.parquet") == sha(clean["release"] / f"{table}.parquet"), table
    kept = bad["documents"][~bad["documents"]["source_file"].isin(REJECTED)].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, clean["documents"])
    changes = parse_changes((bad["release"] / "CHANGES.md").read_text())
    assert changes["documents"]["added"] == set(docs.loc[list(REJECTED), "doc_id"])
    assert not changes["documents"]["removed"] | changes["documents"]["changed"]
    assert all(not ids for t in EXTRACTED for ids in changes[t].values())


def test_encodings_line_endings_and_damage_through_dagster(life):
    out = life.upto(3)
    v = out["variants"]
    assert v["outcome"].success and v["release"].name == "v1.2.0"
    assert v["verify"] == [], v["verify"][:5]  # checksums, schemas, provenance of every row
    docs = v["documents"].set_index("source_file")
    metrics = read(v["release"], "metrics")
    original = metric_facts(metrics, SEED)
    assert original
    for name, (_, label, text) in VARIANTS.items():
        row = docs.loc[name]
        assert row["status"] == "ok" and row["encoding"] == label, (name, row["error"])
        assert read_document(life.p.seeds / name).text == text
        assert row["char_count"] == len(text) and row["line_count"] == text.count("\n") + 1
        mine = metric_facts(metrics, name)
        if name == "lone cr.txt":  # one line by the contract: same numbers, all on line 1
            assert [m[:3] for m in mine] == [m[:3] for m in original]
            assert {(m[6], m[7]) for m in mine} == {(1, 1)}
        elif name == "crlf.txt":  # offsets move by the CRs; values, lines and evidence (minus CR) do not
            assert [(m[:3], m[3].replace("\r", ""), m[6:]) for m in mine] == [(m[:3], m[3], m[6:]) for m in original]
        elif label == "cp949":  # the substituted characters may sit in evidence; offsets may not move
            assert [m[:3] + m[4:] for m in mine] == [m[:3] + m[4:] for m in original]
        else:  # a BOM shifts nothing: same value, unit, text, evidence, offsets and lines
            assert mine == original, name
    broken = docs.loc["broken utf8.txt"]
    assert broken["status"] == "ok" and broken["damaged_chars"] == docs.loc[SEED, "damaged_chars"] + 2
    assert read_document(life.p.seeds / "broken utf8.txt").text == _broken_utf8()[1]
    long = docs.loc["한 줄 1MB.txt"]
    assert long["status"] == "ok" and long["line_count"] == 1
    assert (metrics[metrics["source_file"] == "한 줄 1MB.txt"]["value"] == 1.44e12).any()
    # the same content under two names: two documents, each with its own rows and ids
    same = "같은 내용 다른 이름.txt"
    assert docs.loc[same, "source_sha256"] == docs.loc[SEED, "source_sha256"]
    assert docs.loc[same, "doc_id"] != docs.loc[SEED, "doc_id"]
    assert metrics["metric_id"].is_unique


def test_rename_and_delete_leave_the_next_release_listed_in_changes(life):
    out = life.upto(4)
    r = out["renamed"]
    assert r["outcome"].success and r["release"].name == "v1.3.0" and r["verify"] == []
    assert GONE in r["outcome"].removed and "같은 내용 다른 이름.txt" in r["outcome"].removed
    assert "이름을 바꾼 파일.txt" in r["outcome"].added
    old, changes = out["renamed_from"], parse_changes((r["release"] / "CHANGES.md").read_text())
    new = {t: read(r["release"], t) for t in TABLES}
    assert not (new["documents"]["source_file"].isin([GONE, "같은 내용 다른 이름.txt"])).any()
    for table in TABLES:
        assert not new[table]["source_file"].isin([GONE]).any()
    gone_ids = set(old[old["source_file"].isin([GONE, "같은 내용 다른 이름.txt"])]["metric_id"])
    renamed_ids = set(new["metrics"][new["metrics"]["source_file"] == "이름을 바꾼 파일.txt"]["metric_id"])
    assert gone_ids and renamed_ids
    assert changes["metrics"]["removed"] == gone_ids and changes["metrics"]["added"] == renamed_ids
    assert not changes["metrics"]["changed"]
    # the renamed file's facts are the same facts under its new name
    assert metric_facts(new["metrics"], "이름을 바꾼 파일.txt") == metric_facts(old, "같은 내용 다른 이름.txt")


def test_a_corrupt_stored_row_is_quarantined_and_listed_the_rest_publishes(life):
    out = life.upto(5)
    c = out["corrupt_store"]
    assert c["outcome"].success and c["after"] == c["before"] + ["v1.4.0"]
    release = life.p.outputs / "releases" / "v1.4.0"
    assert c["bad_row"] not in set(read(release, "metrics")["metric_id"])
    assert verify("v1.4.0", life.p.outputs, life.p.seeds) == []
    check = check_evaluations(life.p.instance, c["outcome"].run_id)["metrics/quarantine"]
    assert check.passed is True and check.metadata["quarantined_rows"].value == 1
    assert "furlongs" in md(check.metadata["quarantined"])
    listed = pd.read_csv(life.p.outputs / "rejects" / "quarantine.metrics.csv")
    assert list(listed.columns) == ["table", "id", "source_file", "line_start", "column", "check", "value", "correction"]
    hit = listed[(listed["column"] == "unit") & (listed["value"] == "furlongs")]
    assert list(hit["id"]) == [c["bad_row"]] and list(hit["source_file"]) == [SEED]
    counts = read(release, "documents").set_index("source_file")["quarantined_rows"]
    assert counts[SEED] == 1 and counts.drop(SEED).sum() == 0
    assert "1 row(s) quarantined" in (release / "CHANGES.md").read_text()


def test_an_extractor_emitting_a_bad_unit_for_a_document_sets_its_rows_aside_nothing_dropped(life):
    out = life.upto(6)
    b = out["bad_extractor"]
    assert b["outcome"].success and b["after"] == b["before"] + ["v1.5.0"]
    listed = pd.read_csv(life.p.outputs / "rejects" / "quarantine.metrics.csv")
    bad = listed[(listed["column"] == "unit") & (listed["value"] == "bogus_unit")]
    assert b["bad_rows"] > 0 and len(bad) == b["bad_rows"], "every bad row is listed, none dropped silently"
    assert set(bad["source_file"]) == {"new article.txt"}
    release = life.p.outputs / "releases" / "v1.5.0"
    assert "new article.txt" not in set(read(release, "metrics")["source_file"])
    assert read(release, "documents").set_index("source_file").loc["new article.txt", "quarantined_rows"] == b["bad_rows"]
    assert verify("v1.5.0", life.p.outputs, life.p.seeds) == []


# ====================================================================== the release writer alone

@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """Seeds, and the tables of all of them and of all but one (two successive releases)."""
    root = tmp_path_factory.mktemp("writer")
    shutil.copytree(SEEDS, root / "seeds")
    results = [process(p) for p in discover(root / "seeds")]
    full = frames(results)
    fewer = frames([r for r in results if r.document["source_file"] != GONE])
    return root / "seeds", fewer, full


def _publish(tables, outputs, **kw):
    return publish(tables, outputs, inputs_of(tables["documents"]), EXTRACTOR_VERSION, **kw)


def _assert_release_is(outputs: Path, seeds: Path, version: str, tables: dict) -> None:
    assert latest_version(outputs) == version
    assert verify(version, outputs, seeds) == []
    for table in TABLES:  # exactly the tables handed in: no mix of two publishers, nothing half-written
        published = schemas.conform(table, read(outputs / "releases" / version, table))
        pd.testing.assert_frame_equal(published, tables[table].reset_index(drop=True))


class Boom(Exception):
    pass


def _fail_nth(real, n):
    calls = {"n": 0}

    def wrapper(*args, **kw):
        calls["n"] += 1
        if calls["n"] == n:
            raise Boom(f"crash at call {n}")
        return real(*args, **kw)
    return wrapper


CRASHES = ["write_parquet:1", "write_parquet:4", "datapackage", "changes", "extras", "rename", "latest"]


@pytest.mark.parametrize("step", CRASHES)
def test_a_crash_at_any_publish_step_keeps_the_previous_release(seeded, tmp_path, monkeypatch, step):
    seeds, fewer, full = seeded
    outputs = tmp_path / "outputs"
    assert _publish(fewer, outputs).version == "v1.0.0"
    v1 = {p.name: sha(p) for p in (outputs / "releases" / "v1.0.0").iterdir()}
    extras = None
    with monkeypatch.context() as mp:
        if step.startswith("write_parquet"):
            mp.setattr(pipeline.release, "write_parquet", _fail_nth(write_parquet, int(step.split(":")[1])))
        elif step == "datapackage":
            mp.setattr(pipeline.release, "_datapackage", _fail_nth(pipeline.release._datapackage, 1))
        elif step == "changes":
            mp.setattr(pipeline.release, "_changes_md", _fail_nth(pipeline.release._changes_md, 1))
        elif step == "extras":
            def extras(staging, tables, version):
                (staging / "README.md").write_text("half a card")
                raise Boom("extras hook crashed")
        elif step == "rename":
            mp.setattr(os, "rename", _fail_nth(os.rename, 1))
        elif step == "latest":  # the release directory is in place, LATEST not yet updated
            real = os.replace
            mp.setattr(os, "replace", lambda a, b, *k: (_ for _ in ()).throw(Boom("crash before LATEST"))
                       if Path(b).name == "LATEST" else real(a, b, *k))
        with pytest.raises(Boom):
            _publish(full, outputs, extras=extras)
    # the previous release and LATEST are untouched and verify
    assert latest_version(outputs) == "v1.0.0"
    assert {p.name: sha(p) for p in (outputs / "releases" / "v1.0.0").iterdir()} == v1
    assert verify("v1.0.0", outputs, seeds) == []
    expected = ["v1.0.0", "v1.1.0"] if step == "latest" else ["v1.0.0"]
    assert versions(outputs) == expected
    # the next run publishes cleanly
    again = _publish(full, outputs)
    if step == "latest":  # the complete, committed directory is adopted, not rebuilt or left blocking
        assert again.version is None and again.recovered == ["v1.1.0"]
    else:
        assert again.version == "v1.1.0" and again.bump == "minor"
    _assert_release_is(outputs, seeds, "v1.1.0", full)
    assert versions(outputs) == ["v1.0.0", "v1.1.0"]
    assert not [p for p in (outputs / "releases").iterdir() if p.name.startswith(".") and p.name != ".publish.lock"]


def test_a_hand_damaged_releases_folder_stops_publishing_with_a_clear_message(seeded, tmp_path):
    seeds, fewer, full = seeded
    outputs = tmp_path / "outputs"
    _publish(fewer, outputs)
    folder = outputs / "releases"
    # a newer directory LATEST never named, and incomplete: not adopted, not overwritten, not deleted
    (folder / "v1.1.0").mkdir()
    (folder / "v1.1.0" / "datapackage.json").write_text(json.dumps({"previous_version": "v1.0.0", "resources": [
        {"path": "metrics.parquet", "bytes": 1, "hash": "sha256:00"}]}))
    with pytest.raises(FileExistsError, match="v1.1.0 already exists but LATEST names v1.0.0"):
        _publish(full, outputs)
    assert latest_version(outputs) == "v1.0.0" and (folder / "v1.1.0" / "datapackage.json").exists()
    shutil.rmtree(folder / "v1.1.0")
    # LATEST naming a release that is gone
    (folder / "LATEST").write_text("v9.9.9\n")
    with pytest.raises(FileNotFoundError, match="names 'v9.9.9'"):
        _publish(full, outputs)
    (folder / "LATEST").write_text("v1.0.0\n")
    assert _publish(full, outputs).version == "v1.1.0"


WORKER = r"""
import json, os, sys, time
from pathlib import Path
from pipeline.corpus import frames, process
from pipeline.extract import EXTRACTOR_VERSION
from pipeline.release import publish
from pipeline.sources import discover

seeds, outputs, sync, sleep = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4])
tables = frames([process(p) for p in discover(seeds)])
docs = tables["documents"]
inputs = [{"source_file": r["source_file"], "sha256": r["source_sha256"], "status": r["status"]}
          for r in docs.astype(object).where(docs.notna(), None).to_dict("records")]

def extras(staging, tables, version):
    (sync / f"publishing-{os.getpid()}").touch()
    time.sleep(sleep)

(sync / f"ready-{os.getpid()}").touch()
while not (sync / "go").exists():
    time.sleep(0.02)
started = time.time()
result = publish(tables, outputs, inputs, EXTRACTOR_VERSION, extras=extras)
print(json.dumps({"version": result.version, "previous": result.previous, "started": started, "ended": time.time()}))
"""


def _worker(tmp_path: Path, seeds: Path, outputs: Path, sync: Path, sleep: float) -> subprocess.Popen:
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    return subprocess.Popen([sys.executable, str(script), str(seeds), str(outputs), str(sync), str(sleep)],
                            cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_publisher_killed_mid_publish_leaves_the_previous_release(seeded, tmp_path):
    seeds, fewer, full = seeded
    outputs, sync = tmp_path / "outputs", tmp_path / "sync"
    sync.mkdir()
    assert _publish(fewer, outputs).version == "v1.0.0"
    (sync / "go").touch()
    proc = _worker(tmp_path, seeds, outputs, sync, sleep=120)
    try:
        _wait_for(lambda: any(sync.glob("publishing-*")) or proc.poll() is not None)
        assert proc.poll() is None, proc.stderr.read()
        staging = list((outputs / "releases").glob(".staging-*"))
        assert len(staging) == 1 and (staging[0] / "metrics.parquet").exists()  # killed with a release half-built
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        proc.kill()
        proc.communicate()
    assert latest_version(outputs) == "v1.0.0" and versions(outputs) == ["v1.0.0"]
    assert verify("v1.0.0", outputs, seeds) == []
    # the lock died with the process: the next run neither waits nor trips over the leftovers
    started = time.monotonic()
    again = _publish(full, outputs, lock_timeout=5)
    assert time.monotonic() - started < 5
    assert again.version == "v1.1.0"
    _assert_release_is(outputs, seeds, "v1.1.0", full)
    assert not list((outputs / "releases").glob(".staging-*"))


def test_two_publishers_at_once_publish_exactly_once(seeded, tmp_path):
    seeds, _, full = seeded
    outputs, sync = tmp_path / "outputs", tmp_path / "sync"
    sync.mkdir()
    procs = [_worker(tmp_path, seeds, outputs, sync, sleep=1.5) for _ in range(2)]
    try:
        _wait_for(lambda: len(list(sync.glob("ready-*"))) == 2 or any(p.poll() is not None for p in procs))
        (sync / "go").touch()
        results = []
        for proc in procs:
            stdout, stderr = proc.communicate(timeout=120)
            assert proc.returncode == 0, stderr
            results.append(json.loads(stdout.strip().splitlines()[-1]))
    finally:
        for proc in procs:
            proc.kill()
    published = [r for r in results if r["version"]]
    waited = [r for r in results if not r["version"]]
    assert len(published) == 1 and published[0]["version"] == "v1.0.0"
    assert len(waited) == 1 and waited[0]["previous"] == "v1.0.0"  # it saw the other's release, not a half one
    assert waited[0]["ended"] >= published[0]["ended"] and waited[0]["ended"] - waited[0]["started"] > 1.0
    assert len(list(sync.glob("publishing-*"))) == 1  # only one ever built a release
    assert versions(outputs) == ["v1.0.0"]
    _assert_release_is(outputs, seeds, "v1.0.0", full)


def test_a_publisher_that_cannot_get_the_lock_says_so(seeded, tmp_path):
    seeds, _, full = seeded
    outputs = tmp_path / "outputs"
    with pipeline.release.publish_lock(outputs, timeout=1):  # another refresh is publishing
        started = time.monotonic()
        with pytest.raises(pipeline.release.ReleaseBusy, match="another refresh is publishing"):
            _publish(full, outputs, lock_timeout=0.5)
        assert 0.4 < time.monotonic() - started < 5
    assert versions(outputs) == []
    assert _publish(full, outputs).version == "v1.0.0"


def test_validation_failure_blocks_publish_and_lists_every_bad_row(seeded, tmp_path):
    seeds, fewer, full = seeded
    outputs = tmp_path / "outputs"
    _publish(fewer, outputs)
    bad = {t: df.copy() for t, df in full.items()}
    rows = bad["metrics"].index[:3]
    bad["metrics"].loc[rows, "unit"] = "furlongs"
    with pytest.raises(ReleaseBlocked) as err:
        _publish(bad, outputs)
    assert "3 failing rows" in str(err.value) and "unit" in str(err.value)
    rejects = pd.read_csv(outputs / "rejects" / "release.csv")
    assert sorted(rejects[rejects["value"] == "furlongs"]["row"].astype(int)) == sorted(rows)
    assert versions(outputs) == ["v1.0.0"] and latest_version(outputs) == "v1.0.0"
    assert _publish(full, outputs).version == "v1.1.0"
    assert not (outputs / "rejects" / "release.csv").exists()  # cleared once the tables pass


# ====================================================================== verify

@pytest.fixture
def release(seeded, tmp_path):
    seeds, _, full = seeded
    outputs = tmp_path / "outputs"
    _publish(full, outputs)
    return seeds, outputs, outputs / "releases" / "v1.0.0"


def test_verify_cli_passes_an_intact_release_and_fails_a_flipped_byte(release):
    seeds, outputs, path = release
    args = [sys.executable, "-m", "pipeline", "verify", "v1.0.0", "--outputs", str(outputs), "--seeds", str(seeds)]
    ok = subprocess.run(args, cwd=ROOT, env=ENV, capture_output=True, text=True)
    assert ok.returncode == 0 and "verified" in ok.stdout, ok.stderr
    target = path / "metrics.parquet"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    bad = subprocess.run(args[:4] + args[5:], cwd=ROOT, env=ENV, capture_output=True, text=True)  # the newest, by default
    assert bad.returncode != 0
    assert "metrics.parquet" in bad.stderr and "sha256" in bad.stderr


def test_verify_catches_evidence_that_no_longer_matches_the_source(release, capsys):
    seeds, outputs, path = release
    target = path / "metrics.parquet"
    df = read_parquet(target)
    evidence = df.loc[0, "evidence"]
    df.loc[0, "evidence"] = ("X" if evidence[0] != "X" else "Y") + evidence[1:]  # same length: the schema still passes
    write_parquet(df, target)
    package = json.loads((path / "datapackage.json").read_text())
    for resource in package["resources"]:  # fix the checksum, so only provenance can catch it
        if resource["path"] == "metrics.parquet":
            resource["hash"], resource["bytes"] = f"sha256:{sha(target)}", target.stat().st_size
    (path / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1))
    assert cli(["verify", "--outputs", str(outputs), "--seeds", str(seeds)]) != 0
    err = capsys.readouterr().err
    assert "metrics row 0: evidence fails 'equals text[char_start:char_end]'" in err
    assert "sha256" not in err and "1 problem(s)" in err


@pytest.mark.slow
def test_two_cli_refreshes_at_once_publish_one_release(tmp_path):
    """Two `python -m pipeline refresh` with their own Dagster homes and the same outputs folder."""
    seeds, outputs = tmp_path / "seeds", tmp_path / "outputs"
    shutil.copytree(SEEDS, seeds)
    procs = [subprocess.Popen([sys.executable, "-W", "ignore", "-m", "pipeline", "refresh", "--seeds", str(seeds),
                               "--outputs", str(outputs), "--dagster-home", str(tmp_path / f"home{i}")],
                              cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in range(2)]
    try:
        done = [proc.communicate(timeout=240) for proc in procs]
    finally:
        for proc in procs:
            proc.kill()
    for proc, (stdout, stderr) in zip(procs, done):
        assert proc.returncode == 0, stderr[-3000:]
        assert "newest release: v1.0.0" in stdout
    assert versions(outputs) == ["v1.0.0"] and latest_version(outputs) == "v1.0.0"
    assert verify("v1.0.0", outputs, seeds) == []
    published = []
    for i in range(2):
        with dg.DagsterInstance.from_config(str(tmp_path / f"home{i}")) as instance:
            event = instance.get_latest_materialization_event(dg.AssetKey("release"))
            published.append(event.asset_materialization.metadata["published"].value)
    assert sorted(published) == [False, True]  # one published, the other waited and found nothing new
    assert not [p for p in (outputs / "releases").iterdir() if p.name.startswith(".") and p.name != ".publish.lock"]
