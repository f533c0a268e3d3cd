"""place_code of extracted rows (pipeline.extract.place_codes) on short invented Korean texts."""
from datetime import date

import pytest

from pipeline.extract.document import extract_document
from pipeline.extract.place_codes import assign_place_codes, main_place, place_of


def row(text: str, evidence: str, **fields) -> dict:
    start = text.index(evidence)
    return {"char_start": start, "char_end": start + len(evidence), "evidence": evidence, **fields}


def coded(text: str, title: str | None = None, **tables) -> dict:
    return assign_place_codes({"metrics": [], "plans": [], "events": [], **tables}, text, title)


# ------------------------------------------------------------------ the main place of a text --
@pytest.mark.parametrize("text, code", [
    ("항저우시는 올해 데이터 거래소를 열었다. 항저우 시민의 반응도 좋다. 저장성 전체로 넓힐 계획이다.", "330100"),
    ("우한, 난징, 청두 세 도시가 시범 지역으로 뽑혔다.", "CN"),             # spread over three provinces
    ("중국의 클라우드 시장이 커졌다.", "CN"),
    ("광둥성 선전의 한 공장", "440300"),                                  # a city counts for its province too
    ("디지털 경제가 빠르게 커졌다.", None),
])
def test_the_main_place_is_the_smallest_holding_half_of_the_mentions(text, code):
    assert main_place(text) == code


# ------------------------------------------------------------------ own words, sentence, context --
@pytest.mark.parametrize("own, code", [
    (("톈진시",), "CN-TJ"),
    (("전국",), "CN"), (("국가통계국",), "CN"), (("국무원",), "CN"), (("중국 전자상거래 시장",), "CN"),
    (("공업정보화부·재정부",), "CN"), (("상무부",), "CN"),
    ((None, "허베이성 스마트 농업 실시방안"), "CN-HE"),                  # a plan without issuer: its title
])
def test_a_row_is_first_read_from_its_own_words(own, code):
    assert place_of(own, "지난해 관련 수치가 발표됐다.", "CN-SH") == code


@pytest.mark.parametrize("own", [("시 정부",), ("국가급 전문 기업",), ("알리바바",), (None,)])
def test_words_that_name_no_place_leave_it_to_the_sentence_then_the_context(own):
    assert place_of(own, "쓰촨성은 올해 목표를 제시했다.", "CN-SH") == "CN-SC"
    assert place_of(own, "올해 목표를 제시했다.", "CN-SH") == "CN-SH"
    assert place_of(own, "올해 목표를 제시했다.", None) is None


def test_a_place_inside_the_own_one_named_by_the_sentence_says_more_but_not_inside_china():
    assert place_of(("구이저우",), "구이안 신구의 데이터센터가 가동을 시작했다.", None) == "X-GUIAN"
    assert place_of(("중국",), "중국의 5G 기지국 가운데 베이징이 가장 많다.", None) == "CN"
    assert place_of(("저장성",), "상하이의 한 기업이 투자했다.", None) == "CN-ZJ"  # not inside: the subject wins


# ------------------------------------------------------------------ documents --
CITY = ("난닝시 디지털경제 동향\n"
        "난닝시는 올해 데이터센터 두 곳을 새로 열었다.\n"
        "시 정부에 따르면 관련 기업은 120개로 늘었다.\n"
        "난닝시는 2026년까지 기업 수를 200개로 늘릴 계획이다.\n")


def test_a_row_that_names_no_place_inherits_the_documents_place():
    rows = coded(CITY, metrics=[row(CITY, "시 정부에 따르면 관련 기업은 120개로 늘었다.", subject="시 정부")])
    assert rows["metrics"][0]["place_code"] == "450100"


NEWSLETTER = ("주간 디지털 소식\n"
              "1. 충칭 소식\n"
              "충칭시는 스마트 공장 40곳을 지정했다. 충칭 양장 신구에도 세 곳이 있다.\n"
              "이 공장들의 평균 가동률은 80%다.\n"
              "2. 청두 소식\n"
              "청두시 데이터 박람회가 열렸다. 청두 시민 2만 명이 다녀갔다.\n"
              "참가 기업은 300개였다.\n")


def test_each_section_of_a_newsletter_about_several_places_has_its_own():
    rows = coded(NEWSLETTER, "주간 디지털 소식", metrics=[
        row(NEWSLETTER, "이 공장들의 평균 가동률은 80%다.", subject="공장"),
        row(NEWSLETTER, "참가 기업은 300개였다.", subject="기업"),
    ])
    assert [r["place_code"] for r in rows["metrics"]] == ["CN-CQ", "510100"]


TABLE = ("<표> 지역별 거래소\n"
         "거래소\t소재지\t거래액\n"
         "난징데이터거래소\t장쑤성 난징\t4.1\n")


def test_a_table_cell_is_read_with_its_table_row():
    rows = coded(TABLE, metrics=[row(TABLE, "4.1", subject="난징데이터거래소")])
    assert rows["metrics"][0]["place_code"] == "320100"


def test_plans_read_the_issuer_and_events_the_location():
    text = ("국무원은 3월 전국 데이터 계획을 발표했다. 같은 달 광시 난닝에서 박람회가 열렸다.\n"
            "푸젠성 데이터 행동방안도 나왔다.\n")
    rows = coded(text, plans=[row(text, "국무원은 3월 전국 데이터 계획을 발표했다.", issuer="국무원", title="데이터 계획"),
                              row(text, "푸젠성 데이터 행동방안도 나왔다.", issuer=None, title="푸젠성 데이터 행동방안")],
                 events=[row(text, "같은 달 광시 난닝에서 박람회가 열렸다.", location="광시 난닝")])
    assert [r["place_code"] for r in rows["plans"]] == ["CN", "CN-FJ"]
    assert rows["events"][0]["place_code"] == "450100"


def test_extract_document_sets_place_codes_and_keys_on_every_row():
    text = ("칭다오시 디지털경제 발전 계획 발표\n"
            "칭다오시는 지난 3일 '칭다오시 디지털경제 발전 3개년 행동계획(2024~2026년)'을 발표했다.\n"
            "계획에 따르면 칭다오시는 2026년까지 디지털경제 규모를 1조 위안으로 키운다.\n"
            "중국의 디지털경제 규모는 2023년 53조 9천억 위안이었다.\n")
    doc = {"doc_id": "doc_000000000001", "source_file": "qingdao.txt", "source_sha256": "0" * 64, "title": None}
    tables = extract_document(text, date(2024, 5, 10), doc)
    by_value = {m["value"]: m for m in tables["metrics"]}
    assert by_value[1e12]["place_code"] == "370200"
    assert by_value[5.39e13]["place_code"] == "CN"
    plan = tables["plans"][0]
    assert plan["place_code"] == "370200" and plan["plan_key"].startswith("plankey_")
    assert by_value[1e12]["plan_key"] == plan["plan_key"] and by_value[5.39e13]["plan_key"] is None
    assert all(e["event_key"] is None or e["event_key"].startswith("eventkey_") for e in tables["events"])


def test_a_place_code_missing_from_the_places_table_is_a_reference_failure():
    import pandas as pd

    from pipeline.places import load_places
    from pipeline.validation import dangling_references

    rows = pd.DataFrame({"place_code": pd.array(["CN-BJ", None, "CN-XX", "440300"], dtype="string")})
    failures = dangling_references("events", rows, None, places=load_places())
    assert failures[["row", "column", "check", "value"]].values.tolist() == [[2, "place_code", "references places", "CN-XX"]]
