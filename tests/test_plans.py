"""Named plans in short synthetic Korean sentences."""
from datetime import date

import pytest

from pipeline.extract.plans import extract_plans

PUB = date(2022, 7, 13)
KEYS = {"title", "title_zh", "issuer", "period_start", "period_end", "announced", "announced_precision",
        "char_start", "char_end", "extractor"}


def plans(text, published=PUB):
    rows = extract_plans(text, published)
    for r in rows:
        assert set(r) == KEYS
        assert r["title"] in text[r["char_start"]:r["char_end"]]
    return rows


def titles(text, published=PUB):
    return [r["title"] for r in plans(text, published)]


@pytest.mark.parametrize("opening, closing", [
    ("「", "」"), ("『", "』"), ("《", "》"), ("<", ">"), ("‘", "’"), ("“", "”"), ("'", "'"), ('"', '"'), ("【", "】"),
])
def test_every_bracket_style(opening, closing):
    text = f"정부는 2021년 {opening}스마트 농업 발전 계획{closing}을 발표했다."
    rows = plans(text)
    assert [r["title"] for r in rows] == ["스마트 농업 발전 계획"]
    assert rows[0]["announced"] == date(2021, 1, 1) and rows[0]["announced_precision"] == "year"


def test_bracketed_heads_beyond_plan_words():
    assert titles("국무원은 <인터넷 플러스 심화에 관한 지도의견>을 내놓았다.") == ["인터넷 플러스 심화에 관한 지도의견"]
    assert titles("시는 '청년창업기금'을 설립했다.") == ["청년창업기금"]
    assert titles("<데이터 보안법>과 <시정보고>가 공포됐다.") == []  # a law and a report are not plans


def test_unbracketed_title_before_plan_word_with_chinese_title_and_damage():
    text = "발표된 3대 계획은 ▲상하이시 디지털무역 촉진 행동 요강(上海市促??字?易行??要(2021~2023) ▲상하이 데이터거래소 설립 실시방안(上海??据交易所?立?施方案)이다."
    rows = plans(text)
    assert [r["title"] for r in rows] == ["상하이시 디지털무역 촉진 행동 요강", "상하이 데이터거래소 설립 실시방안"]
    assert rows[0]["title_zh"] == "上海市促??字?易行??要(2021~2023)"
    assert (rows[0]["period_start"], rows[0]["period_end"]) == (2021, 2023)
    assert rows[1]["title_zh"] == "上海??据交易所?立?施方案"
    assert rows[0]["issuer"] == "상하이시"


def test_unbracketed_title_needs_an_action_or_a_name_after_it():
    assert titles("광둥성 인민정부는 홍콩 청년 창업 기지 건설 실시안을 공표했다.") == ["홍콩 청년 창업 기지 건설 실시안"]
    assert titles("인재 측면에서 과학기술 인재 유입 플랜을 추진했다.") == ["과학기술 인재 유입 플랜"]
    assert titles("양측은 공동 입주 방안, 산업 시찰 등에 대해 논의했다.") == []


@pytest.mark.parametrize("text", [
    "베이징시는 3대 실행 계획을 발표했다.",
    "이 계획에 따르면 상무국은 협력한다.",
    "계획을 발표했다.",
    "디지털 인프라 구축은 \"장기적 계획\"이기도 하다.",
    "베이징을 벤치마크 도시로 만들어 나갈 계획이다.",
])
def test_generic_mentions_are_not_plans(text):
    assert titles(text) == []


def test_headings_do_not_make_rows_when_the_body_names_the_plan():
    text = ("1. 소비재 디지털화 '3 품' 행동 강령 통지\n\n"
            "산업정보화부, 상무부, 국가지식재산권국 3개 부처가 소비재 산업의 디지털화를 지원하기 위한 '3 품' 행동 강령(2022 - 2025 년)을 발표했다.\n"
            "이 전략을 실시한다. '3 품' 전략을 더욱 실시한다.\n")
    rows = plans(text)
    assert [r["title"] for r in rows] == ["소비재 산업의 디지털화를 지원하기 위한 '3 품' 행동 강령"]
    assert (rows[0]["period_start"], rows[0]["period_end"]) == (2022, 2025)
    assert rows[0]["issuer"] == "산업정보화부, 상무부, 국가지식재산권국"
    assert text[rows[0]["char_start"]:rows[0]["char_end"]].startswith("산업정보화부")


def test_a_plan_only_named_in_a_heading_is_kept():
    assert titles("中 상하이, '온라인 신경제' 행동방안 발표\n\n상하이는 온라인 경제를 키운다.\n") == ["'온라인 신경제' 행동방안"]


def test_repeated_mentions_make_one_row_pointing_at_the_full_name():
    text = ("시는 ‘베이징 국제 빅데이터 교환소 설립 실시방안’을 7일 발표했다.\n"
            "‘베이징 국제빅데이터교환소 설립 실시방안’은 플랫폼을 규정한다.\n"
            "방안은 5대 기능을 정립한다. 실시방안에 따르면 거래소가 생긴다.\n")
    rows = plans(text)
    assert len(rows) == 1
    assert rows[0]["char_start"] == 0 and rows[0]["announced"] == date(2022, 7, 7)


def test_versions_are_distinct_plans():
    text = "정부는 2017년 12월 <홍콩 스마트 시티 청사진>을 발표했다. 정부는 2020년 <홍콩 스마트시티 청사진 2.0>을 발표했다."
    rows = plans(text)
    assert [(r["title"], r["announced"], r["announced_precision"]) for r in rows] == [
        ("홍콩 스마트 시티 청사진", date(2017, 12, 1), "month"), ("홍콩 스마트시티 청사진 2.0", date(2020, 1, 1), "year")]


@pytest.mark.parametrize("text, start, end", [
    ("정부는 <귀저우성 빅데이터 응용 계획 개요(2014-2020)>를 발표했다.", 2014, 2020),
    ("정부는 '지능형 제조 발전 계획(2016~2020)'을 발표했다.", 2016, 2020),
    ("정부는 「2021~2025년 디지털 경제 발전 계획」을 발표했다.", 2021, 2025),
    ("회사는 2030년까지 \"글로벌 1위 기업\"이 된다는 장기 전략 목표를 발표했다.", None, 2030),
])
def test_period_forms(text, start, end):
    rows = plans(text)
    assert len(rows) == 1
    assert (rows[0]["period_start"], rows[0]["period_end"]) == (start, end)


def test_lead_sentence_deadline_goes_to_the_plan_named_next():
    text = ("[신화 베이징 8월7일] 베이징시가 2030년까지 '글로벌 디지털 도시'를 건설하겠다는 계획을 발표했다.\n"
            "이는 '베이징시 글로벌 디지털 도시 건설 가속화에 관한 실시 방안'에 담긴 내용이다.\n")
    rows = plans(text, date(2021, 8, 7))
    assert [(r["title"], r["period_end"]) for r in rows] == [("베이징시 글로벌 디지털 도시 건설 가속화에 관한 실시 방안", 2030)]


def test_programme_named_in_brackets_and_editor_note_chinese_title():
    text = ("이 기간 동안 클라우드 생태 특별 프로그램 <ONE - 파트너들 2022>가 공식 출범했다.\n"
            "화웨이클라우드는 투자하여 워투 클라우드 크리에이션(沃土云创)* 계획을 업그레이드했다.\n"
            "(*워투 클라우드 크리에이션 계획 편집자 주: 沃土云创计划, 서비스이다.)\n")
    rows = plans(text)
    assert [r["title"] for r in rows] == ["ONE - 파트너들 2022", "워투 클라우드 크리에이션(沃土云创)* 계획"]
    assert rows[1]["title_zh"] == "沃土云创计划"


def test_related_article_links_are_not_read():
    text = "본문은 짧다.\n\n키워드 관련기사\n  • 정부, 산업 분야 디지털 전환 전략 수립\n"
    assert titles(text) == []


def test_no_publication_date_leaves_relative_announcement_empty():
    rows = plans("시는 <스마트 교통 발전 계획>을 지난 4월 8일 발표했다.", None)
    assert rows[0]["announced"] is None


def test_gyuhoek_is_a_plan_word_and_a_cited_plan_is_named():
    assert titles("국무원은 「신세대 인공지능 발전 규획」을 발표했다.") == ["신세대 인공지능 발전 규획"]
    text = "광둥성 디지털정부 개혁건설 '14차 5개년' 계획에 따르면 2025년까지 처리율을 90%로 높인다."
    assert titles(text) == ["광둥성 디지털정부 개혁건설 '14차 5개년' 계획"]
    assert titles("이 계획에 따르면 처리율을 90%로 높인다.") == []  # a back-reference names nothing
