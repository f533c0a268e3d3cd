"""Cross-document keys: invented titles and names, written the ways Korean reporting spells them."""
import datetime

import pandas as pd
import pytest

from pipeline.keys import canonical_event_name, canonical_plan_title, event_key, plan_key

SAME_PLAN = [
    # one plan, many spellings
    ["14·5 디지털경제 발전규획", "14차 5개년 디지털 경제 발전 계획", "제14차 5개년 디지털경제발전계획",
     "'14·5' 디지털 경제 발전 규획", "‘14ㆍ5’ 수자경제 발전규획", "「14·5」 디지털경제 발전규획(2021~2025년)"],
    ["하이난성 스마트항구 건설 실시방안", "하이난성 스마트 항구 건설 시행방안", "『하이난성 스마트항구 건설 실시 방안』"],
    ["제13차 5개년 빅데이터 산업 발전 규획", "'13·5' 빅데이터산업 발전계획 (2016-2020)", "《13·5 빅데이터 산업 발전 계획》"],
    ["중국 14·5 국가정보화 규획", "국무원 '14·5' 국가 정보화 계획", "14·5 국가정보화규획"],
    ["AI 융합 교육 행동계획", "인공지능 융합교육 행동 계획", "〈인공지능 융합 교육 행동계획〉"],
    ["쑤저우시 클라우드 산업 촉진 행동 요강", "쑤저우시 클라우드산업 촉진 행동강요"],
]

DIFFERENT_PLANS = [
    "디지털경제 발전 계획", "디지털정부 건설 계획",
    "14·5 디지털경제 발전규획", "13·5 디지털경제 발전규획", "허난성 14·5 디지털경제 발전규획",
    "스마트항구 건설 실시방안", "스마트항구 건설 행동방안", "스마트항구 건설 행동계획",
    "14·5 규획", "13·5 규획",
]


@pytest.mark.parametrize("titles", SAME_PLAN, ids=lambda t: t[0])
def test_one_plan_gets_one_key_whatever_the_spelling(titles):
    assert len({plan_key(t) for t in titles}) == 1, [canonical_plan_title(t) for t in titles]


def test_different_plans_get_different_keys():
    keys = [plan_key(t) for t in DIFFERENT_PLANS]
    assert len(set(keys)) == len(keys)


def test_key_format():
    key = plan_key("14·5 디지털경제 발전규획")
    assert key.startswith("plankey_") and len(key) == len("plankey_") + 12
    assert all(c in "0123456789abcdef" for c in key[len("plankey_"):])


def test_chinese_title_is_a_fallback_in_the_same_space():
    korean = plan_key("14·5 디지털경제 발전규획")
    assert plan_key("", "「十四五」数字经济发展规划") == korean
    # a document giving the Chinese title too keys the plan as one that does not
    assert plan_key("14·5 디지털경제 발전규획", "「十四五」数字经济发展规划") == korean
    assert plan_key("", "“十三五”数字经济发展规划") == plan_key("13·5 디지털경제 발전 계획")


def test_period_is_ignored_unless_the_title_is_generic():
    # a specific title: one plan whether or not a document gives its years
    assert plan_key("빅데이터 산업 발전 계획", None, 2021, 2025) == plan_key("빅데이터 산업 발전 계획")
    assert plan_key("빅데이터 산업 발전 계획", None, None, 2025) == plan_key("빅데이터 산업 발전 계획", None, 2021, 2025)
    # a generic title: the period tells plans apart
    assert plan_key("2개년 행동계획", None, 2021, 2023) != plan_key("2개년 행동계획", None, 2024, 2026)
    assert plan_key("2개년 행동 계획", None, 2024, 2026) == plan_key("2개년 행동계획", None, 2024, 2026)
    assert plan_key("실시방안", None, pd.NA, pd.NA) == plan_key("실시방안")


def test_chinese_gloss_after_korean_is_dropped():
    assert plan_key("동수서산(東數西算) 공정") == plan_key("'동수서산' 공정")


SAME_EVENT = [
    ("2025 세계디지털무역박람회", "세계 디지털 무역 박람회 개막"),
    ("제5회 디지털차이나 서밋", "제 5 회 디지털 차이나 서밋"),
    ("AI 반도체 포럼 2025", "'인공지능 반도체 포럼'"),
    ("톈진 스마트항만 대회(智慧港口大会)", "톈진 스마트항만대회"),
]


@pytest.mark.parametrize("names", SAME_EVENT, ids=lambda n: n[0])
def test_one_event_gets_one_key(names):
    a, b = names
    day = datetime.date(2025, 9, 17)
    assert event_key(a, day, "CN-12") == event_key(b, day, "CN-12"), (canonical_event_name(a), canonical_event_name(b))
    assert event_key(a, day, None) == event_key(b, day, None)


def test_events_differ_by_date_place_and_name():
    name = "세계디지털무역박람회"
    key = event_key(name, datetime.date(2025, 9, 17), "CN-33")
    assert key.startswith("eventkey_") and len(key) == len("eventkey_") + 12
    assert event_key(name, datetime.date(2024, 9, 25), "CN-33") != key  # another edition
    assert event_key(name, datetime.date(2025, 9, 17), "CN-31") != key
    assert event_key(name, datetime.date(2025, 9, 17), None) != key
    assert event_key("세계디지털경제박람회", datetime.date(2025, 9, 17), "CN-33") != key


def test_event_dates_in_any_form_and_no_date_no_key():
    name = "스마트항만 대회"
    day = datetime.date(2025, 6, 3)
    expected = event_key(name, day, None)
    for form in (pd.Timestamp("2025-06-03"), "2025-06-03", datetime.datetime(2025, 6, 3, 9, 30)):
        assert event_key(name, form, None) == expected
    for missing in (None, pd.NaT, pd.NA, ""):
        assert event_key(name, missing, None) is None
    assert event_key("  ", day, None) is None
