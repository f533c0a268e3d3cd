"""Across documents, end to end through Dagster: three invented articles name one national plan in three
spellings and give the digital-economy size of China, Beijing and Shanghai in different years. The release
carries their places, one plan_key for the plan, the places table, and a card drawing the series."""
import re

import dagster as dg
import pytest

from pipeline.access import load, load_release, verify
from pipeline.runner import refresh
from pipeline.series import conflicts, series

DOCS = {
    "national_2023.txt": (
        "중국 디지털경제 규모 50조 위안 돌파\n"
        "입력 2023.07.05 10:00\n"
        "중국의 디지털경제 규모는 지난해 50조 2천억 위안으로 국내총생산(GDP)의 41.5%를 차지했다.\n"
        "중국 국무원이 발표한 「'14·5' 디지털경제 발전규획」은 2025년까지 디지털경제 핵심산업의 GDP 비중을 "
        "10%로 높이는 목표를 제시했다.\n"),
    "beijing_2022.txt": (
        "베이징 디지털경제 1조 6천억 위안\n"
        "입력 2022.03.10 09:00\n"
        "베이징시의 디지털경제 규모는 2021년 1조 6천억 위안에 달했다.\n"
        "국무원이 지난 1월 발표한 '제14차 5개년 디지털경제 발전계획'은 베이징의 데이터 거래소 육성도 주문했다.\n"),
    "shanghai_2024.txt": (
        "상하이 디지털경제 3조 위안 넘어\n"
        "입력 2024.02.20 14:00\n"
        "상하이시의 디지털경제 규모는 2023년 3조 위안을 넘어섰다.\n"
        "국무원의 '14·5 수자경제 발전 규획'에 따라 상하이시는 2025년까지 디지털경제 규모를 3조 5천억 위안으로 "
        "키울 계획이다.\n"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("across")
    (root / "seeds").mkdir()
    for name, text in DOCS.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    (root / "dagster_home").mkdir()
    with dg.DagsterInstance.local_temp(str(root / "dagster_home")) as instance:
        assert refresh(root / "seeds", root / "outputs", instance).success
        yield root


def test_rows_carry_the_place_they_are_about(site):
    metrics = load("metrics", outputs_dir=site / "outputs")
    place = {(r.source_file, r.value): r.place_code for r in metrics.itertuples()}
    assert place["national_2023.txt", 5.02e13] == "CN"
    assert place["national_2023.txt", 41.5] == "CN"
    assert place["beijing_2022.txt", 1.6e12] == "CN-BJ"
    assert place["shanghai_2024.txt", 3e12] == "CN-SH"
    assert place["shanghai_2024.txt", 3.5e12] == "CN-SH"
    plans = load("plans", outputs_dir=site / "outputs")
    assert set(plans["place_code"]) == {"CN"}  # a plan of the State Council, wherever it is reported


def test_the_plan_named_in_three_spellings_has_one_key_and_its_targets_carry_it(site):
    tables = load_release(outputs_dir=site / "outputs")
    plans = tables["plans"]
    assert plans["source_file"].nunique() == 3 and plans["title"].nunique() == 3
    assert plans["plan_key"].nunique() == 1
    key = plans["plan_key"].iloc[0]
    targets = tables["metrics"][tables["metrics"]["kind"] == "target"]
    assert len(targets) == 2 and set(targets["plan_key"]) == {key}
    assert set(targets["source_file"]) == {"national_2023.txt", "shanghai_2024.txt"}  # one plan, two documents


def test_the_series_gathers_the_indicator_across_documents_with_its_evidence(site):
    tables = load_release(outputs_dir=site / "outputs")
    df = series("digital_economy_size", tables=tables)
    got = list(zip(df["period"], df["value"], df["kind"], df["place_code"], df["source_file"]))
    assert got == [("2021", 1.6e12, "actual", "CN-BJ", "beijing_2022.txt"),
                   ("2022", 5.02e13, "actual", "CN", "national_2023.txt"),
                   ("2023", 3e12, "actual", "CN-SH", "shanghai_2024.txt"),
                   ("2025", 3.5e12, "target", "CN-SH", "shanghai_2024.txt")]
    for r in df.itertuples():
        assert r.evidence in DOCS[r.source_file]
        assert DOCS[r.source_file].split("\n")[r.line_start - 1].find(r.evidence) >= 0
    assert list(series("digital_economy_size", place="CN-SH", tables=tables)["value"]) == [3e12, 3.5e12]
    assert conflicts(df).empty  # three places, and a target beside an actual: nothing disagrees


def test_the_release_ships_the_places_and_draws_the_series_on_its_card(site):
    outputs = site / "outputs"
    places = load("places", outputs_dir=outputs)
    assert {"CN", "CN-BJ", "CN-SH", "CN-GZ"} <= set(places["place_code"])
    assert verify(outputs_dir=outputs, seeds_dir=site / "seeds") == []
    release = outputs / "releases" / (outputs / "releases" / "LATEST").read_text().strip()
    card = (release / "README.md").read_text(encoding="utf-8")
    assert "`digital_economy_size` as stated in 3 documents" in card
    assert re.search(r"!\[[^\]]*\]\(series_across_documents\.png\)", card)
    assert (release / "series_across_documents.png").stat().st_size > 5000
    for name in DOCS:
        assert name in card.split("## One indicator across documents")[1].split("## Sources")[0]
