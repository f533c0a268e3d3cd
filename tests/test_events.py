"""Dated events in short synthetic Korean sentences."""
from datetime import date

import pytest

from pipeline.extract.events import extract_events
from schemas.events import EVENT_TYPES

PUB = date(2022, 7, 13)
KEYS = {"name", "event_type", "date_start", "date_end", "date_precision", "location", "char_start", "char_end", "extractor"}


def events(text, published=PUB):
    rows = extract_events(text, published)
    for r in rows:
        assert set(r) == KEYS
        assert r["event_type"] in EVENT_TYPES
        evidence = text[r["char_start"]:r["char_end"]]
        assert evidence and "\n" not in evidence
    return rows


def brief(text, published=PUB):
    return [(r["event_type"], r["date_start"], r["date_precision"]) for r in events(text, published)]


@pytest.mark.parametrize("text, kind", [
    ("제 2회 스마트시티 컨퍼런스가 지난 6월 24일 청두에서 개최되었다.", "conference"),
    ("국가통계국은 7월 5일 <디지털경제 발전지수 보고서>를 발표했다.", "publication"),
    ("정부는 7월 5일 <스마트 농업 계획>을 발표했다.", "announcement"),
    ("회사는 7월 5일 새 클라우드 플랫폼을 공식 출시했다.", "launch"),
    ("두 회사는 7월 5일 전략적 협력 MOU를 체결했다.", "agreement"),
    ("현대자동차는 7월 5일 상하이 R&D 센터 개소식을 가졌다.", "opening"),
    ("센터장은 7월 5일 청두고신구를 방문하였다.", "visit"),
    ("7월 5일 열린 2022 AI 경진대회에서 학생팀이 1등을 했다.", "competition"),
    ("회사는 7월 5일 <디지털화 선봉 기업상>을 수상했다.", "other"),
])
def test_each_event_type(text, kind):
    assert brief(text) == [(kind, date(2022, 7, 5) if "24일" not in text else date(2022, 6, 24), "day")]


def test_location_and_range():
    rows = events("2022 글로벌디지털경제컨퍼런스가 7월 28일부터 30일까지 베이징에서 개최되었다.")
    assert len(rows) == 1
    r = rows[0]
    assert (r["event_type"], r["date_start"], r["date_end"]) == ("conference", date(2022, 7, 28), date(2022, 7, 30))
    assert r["location"] == "베이징"
    assert "컨퍼런스" in r["name"]


def test_relative_day_and_venue_lends_its_date():
    text = "베이징시는 7일 열린 2020년 국제 서비스 무역 박람회에서 3대 실행 계획을 발표했다."
    assert brief(text, date(2020, 9, 8)) == [("conference", date(2020, 9, 7), "day"),
                                             ("announcement", date(2020, 9, 7), "day")]


def test_year_in_event_name_dates_the_event():
    text = "이는 최근 '2021 글로벌 디지털 경제 콘퍼런스'에서 발표된 실시 방안의 내용이다."
    assert brief(text, date(2021, 8, 7)) == [("conference", date(2021, 1, 1), "year"),
                                             ("announcement", date(2021, 1, 1), "year")]


def test_anaphoric_sentence_takes_the_previous_event_date():
    text = "화웨이 개발자 컨퍼런스가 6 월 15 일~16 일 양일간 개최되었다. 이 기간 동안 생태 프로그램 <ONE>이 공식 출범했다."
    rows = events(text)
    assert [(r["event_type"], r["date_start"], r["date_end"]) for r in rows] == [
        ("conference", date(2022, 6, 15), date(2022, 6, 16)), ("launch", date(2022, 6, 15), date(2022, 6, 16))]
    assert rows[1]["char_start"] == text.index("이 기간")


@pytest.mark.parametrize("text", [
    "[신화망 베이징 8월7일] 베이징시가 2030년까지 도시를 건설하겠다는 계획을 발표했다.",  # dateline and deadline
    "올해 마케팅 자동화 모듈을 업그레이드하고 역량을 강화할 예정이다.",  # intended, not happened
    "2019년 이리는 정보화 업그레이드와 전략 수립을 완료했다.",  # 업그레이드 as a noun, not an event
    "회사는 새 플랫폼을 출시했다.",  # no date
    "베이징시 국제빅데이터교환소 설립 실시방안(2020~2022)을 검토했다.",  # 설립 inside a title; a period is not a date
    "2012년부터 2021년까지 규모가 성장했다.",
])
def test_not_events(text):
    assert events(text, date(2021, 8, 7)) == []


def test_repeated_event_is_one_row_at_the_most_precise_mention():
    text = ("2020년 중국 국제 서비스 무역 박람회에서 계획을 공개했다.\n"
            "베이징시는 7일 열린 2020년 중국 국제 서비스 무역 박람회에서 계획을 공개했다.\n"
            "보도에 따르면 7일 열린 2020년 중국 국제 서비스 무역 박람회는 성황이었다.\n")
    rows = [r for r in events(text, date(2020, 9, 8)) if r["event_type"] == "conference"]
    assert len(rows) == 1
    assert rows[0]["date_start"] == date(2020, 9, 7)
    assert rows[0]["char_start"] == text.index("베이징시는")


def test_back_reference_to_an_agreement_is_not_a_new_event():
    text = ("2015년 양국 과학기술부는 혁신 협력에 관한 양해각서(MOU)를 체결했다.\n"
            "양측은 2015년 양국 과기부가 체결한 협력각서 내용을 실행하고, 9월 청두시 산업시찰 등에 대해 소통했다.\n")
    assert brief(text) == [("agreement", date(2015, 1, 1), "year"), ("visit", date(2022, 9, 1), "month")]


def test_distinct_events_of_one_year_stay_apart():
    text = ("2022 년 화웨이클라우드는 1 억 달러를 투자하여 워투 계획을 업그레이드했다.\n"
            "올해 화웨이클라우드 클라우드 마켓은 KooGallery 로 새롭게 업그레이드되었다.\n")
    assert brief(text) == [("launch", date(2022, 1, 1), "year")] * 2


def test_without_publication_date_relative_dates_need_an_anchor():
    assert events("회사는 지난 4월 8일 행동방안을 발표했다.", None) == []
    text = "2020년 상하이시는 지난 4월 8일 행동방안을 발표했다."
    assert brief(text, None) == [("announcement", date(2020, 4, 8), "day")]


def test_headings_and_captions_are_skipped():
    text = "1. 2022 베이징 글로벌디지털경제컨퍼런스 개최\n\n사진 1) 2022년 7월 발족식 거행\n"
    assert events(text) == []


def test_a_scheduled_event_counts_but_a_vague_intention_does_not():
    assert brief("2024 중관춘 포럼이 4월 25일부터 29일까지 베이징에서 개최될 예정이다.", date(2024, 3, 15)) == [
        ("conference", date(2024, 4, 25), "day")]
    assert brief("양국은 오는 5월 서울에서 협력 MOU를 체결할 계획이다.", date(2024, 3, 15)) == [
        ("agreement", date(2024, 5, 1), "month")]
    assert brief("회사는 올해 새 플랫폼을 출시할 계획이다.", date(2024, 3, 15)) == []


def test_a_conference_noun_that_is_not_the_event_does_not_hide_the_date():
    rows = events("지난 1월 8일에는 상하이에서 세계인공지능대회 조직위원회가 출범했다.", date(2024, 3, 15))
    assert [(r["event_type"], r["date_start"], r["location"]) for r in rows] == [("launch", date(2024, 1, 8), "상하이")]
    assert "조직위원회" in rows[0]["name"]


def test_names_keep_coordinated_verbs_model_names_and_the_signing():
    names = [r["name"] for r in events(
        "국무원은 지난 12일 「데이터 3개년 행동계획」을 인쇄·발행했다. 샤오미는 지난달 28일 첫 전기차 SU7을 출시했다. "
        "두 회사는 7일 전략적 협력 계약을 체결했다.", date(2024, 3, 15))]
    assert names == ["「데이터 3개년 행동계획」 인쇄·발행", "첫 전기차 SU7 출시", "전략적 협력 계약 체결"]


def test_a_quoted_conference_held_by_someone_and_an_unveiling():
    assert brief("정부는 지난 2일 베이징에서 '2023 중국 국제서비스무역교역회'를 개최했다.", date(2023, 9, 4)) == [
        ("conference", date(2023, 9, 2), "day")]
    assert brief("화웨이는 8월 29일 신형 스마트폰을 선보였다.", date(2023, 9, 4)) == [("launch", date(2023, 8, 29), "day")]


def test_a_day_range_written_once_with_il():
    rows = events("제5회 디지털중국건설서밋은 4월 26~27일 푸저우에서 열렸다.", date(2023, 9, 4))
    assert [(r["date_start"], r["date_end"], r["location"]) for r in rows] == [(date(2023, 4, 26), date(2023, 4, 27), "푸저우")]


def test_a_conference_with_its_chinese_name_in_brackets_and_a_venue_named_expo_center():
    rows = events("제5회 중국서부국제투자무역박람회(WCIFIT, 中国西部国际投资贸易洽谈会)가 2024년 6월 12일부터 15일까지 "
                  "충칭 국제엑스포센터에서 개최되었다.", date(2024, 7, 1))
    assert [(r["event_type"], r["date_start"], r["date_end"]) for r in rows] == [
        ("conference", date(2024, 6, 12), date(2024, 6, 15))]
    assert rows[0]["name"].endswith("박람회")
