"""Semantic versioning of releases: what changed decides MAJOR, MINOR or PATCH."""
import json
from pathlib import Path

import pytest

import pipeline.release as release
from pipeline.corpus import frames, process
from pipeline.sources import discover
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def tables():
    return frames([process(p) for p in discover(SEEDS)])


def inputs_of(tables):
    return [{"source_file": r.source_file, "sha256": r.source_sha256} for r in tables["documents"].itertuples()]


def publish(tables, outputs, version="x1"):
    return release.publish(tables, outputs, inputs_of(tables), version)


def test_first_release_then_nothing_then_patch_minor_major(tables, tmp_path, monkeypatch):
    first = publish(tables, tmp_path)
    assert (first.version, first.bump) == ("v1.0.0", "major")
    assert publish(tables, tmp_path).version is None  # nothing changed: no release

    relabelled = {t: df.copy() for t, df in tables.items()}
    for t in ("metrics", "plans", "events"):
        relabelled[t]["extractor"] = relabelled[t]["extractor"].str.replace(r"@.*", "@x2", regex=True)
    patch = publish(relabelled, tmp_path, "x2")
    assert (patch.version, patch.bump) == ("v1.0.1", "patch")
    assert all(not ids for c in patch.changes.values() for ids in c.values())

    fewer = {t: df.copy() for t, df in relabelled.items()}
    dropped = fewer["metrics"]["metric_id"].iloc[0]
    fewer["metrics"] = fewer["metrics"].iloc[1:].reset_index(drop=True)
    minor = publish(fewer, tmp_path, "x2")
    assert (minor.version, minor.bump) == ("v1.1.0", "minor")
    assert minor.changes["metrics"]["removed"] == [dropped]
    assert f"`{dropped}`" in (tmp_path / "releases/v1.1.0/CHANGES.md").read_text()

    original = release.table_schema

    def without_location(table):
        schema = original(table)
        if table == "events":
            schema = {**schema, "fields": [f for f in schema["fields"] if f["name"] != "location"]}
        return schema

    monkeypatch.setattr(release, "table_schema", without_location)
    major = publish(fewer, tmp_path, "x2")
    assert (major.version, major.bump) == ("v2.0.0", "major")
    package = json.loads((tmp_path / "releases/v2.0.0/datapackage.json").read_text())
    assert package["previous_version"] == "v1.1.0" and package["version"] == "2.0.0"
    assert (tmp_path / "releases/LATEST").read_text().strip() == "v2.0.0"
    assert sorted(p.name for p in Path(tmp_path / "releases").glob("v*")) == ["v1.0.0", "v1.0.1", "v1.1.0", "v2.0.0"]
