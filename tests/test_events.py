"""Dated events in short invented Korean sentences (names, places and dates made up for the tests)."""
from datetime import date

import pytest

from pipeline.extract import events as ev
from pipeline.extract.events import extract_events
from schemas.events import EVENT_TYPES

PUB = date(2025, 3, 14)
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


@pytest.mark.parametrize("text, kind, day", [
    ("제3회 서해 해양데이터 포럼이 지난 2월 11일 옌타이에서 열렸다.", "conference", date(2025, 2, 11)),
    ("해양연구원은 2월 11일 <연안 스마트항만 지수 보고서>를 발표했다.", "publication", date(2025, 2, 11)),
    ("성 정부는 2월 11일 <항만 디지털화 3개년 방안>을 발표했다.", "announcement", date(2025, 2, 11)),
    ("루밍테크는 2월 11일 물류 로봇 'LM-9'을 정식 출시했다.", "launch", date(2025, 2, 11)),
    ("두 기관은 2월 11일 해양데이터 공유 협약을 체결했다.", "agreement", date(2025, 2, 11)),
    ("루밍테크는 2월 11일 닝보 연구센터 개소식을 가졌다.", "opening", date(2025, 2, 11)),
    ("부원장은 2월 11일 웨이하이시를 방문했다.", "visit", date(2025, 2, 11)),
    ("2월 11일 열린 해양 AI 경진대회에서 대학팀이 우승했다.", "competition", date(2025, 2, 11)),
    ("루밍테크는 2월 11일 올해의 혁신기업상을 수상했다.", "other", date(2025, 2, 11)),
])
def test_each_event_type(text, kind, day):
    assert brief(text) == [(kind, day, "day")]


def test_the_first_character_test_comes_from_the_word_lists():
    first = ev._TRIGGER.pattern.split("]")[0]
    for table in (ev._NOUNS, ev._VERBAL, ev._FORMS):
        for words in table.values():
            for w in ev._split(words):
                assert w[0] in first


def test_a_range_and_a_place_with_its_venue():
    rows = events("2025 동방 스마트물류 박람회가 4월 8일부터 10일까지 톈진의 국제전시센터(国际展览中心)에서 개최된다.")
    assert [(r["event_type"], r["date_start"], r["date_end"], r["location"]) for r in rows] == [
        ("conference", date(2025, 4, 8), date(2025, 4, 10), "톈진 국제전시센터")]
    assert rows[0]["name"].endswith("박람회")


@pytest.mark.parametrize("text, place", [
    ("해운그룹은 2019년 샤먼에 동남물류센터를 건립했다.", "샤먼"),
    ("조사단은 지난달 9일 창저우시 무진구를 방문했다.", "창저우시 무진구"),
    ("연구회는 1월 20일 하이커우에서 발족식을 열고 공식 활동에 들어갔다.", "하이커우"),
])
def test_places_before_the_happening(text, place):
    assert [r["location"] for r in events(text)] == [place]


def test_chronology_lines_with_year_only_dates():
    text = ("■ 연표\n"
            "▲2012년 = 동해항만공사, 다롄에 냉동물류기지 착공\n"
            "▲2014년 6월 = 다롄 냉동물류기지 1기 가동. 현장에서 수출 협약 40여 건 체결\n"
            "- ◆ 2016 년 9 월 3 일: 북방해운거래소 설립\n")
    got = brief(text)
    assert ("other", date(2012, 1, 1), "year") in got  # 착공: construction begun
    assert ("opening", date(2014, 6, 1), "month") in got
    assert ("agreement", date(2014, 6, 1), "month") in got  # the line's date governs its second sentence
    assert ("opening", date(2016, 9, 3), "day") in got
    assert len(got) == 4


def test_a_line_that_only_starts_with_a_year_is_prose_not_a_chronology():
    text = "2016년 해운그룹은 칭다오시와 전략 협력 계약을 체결했다. 이후 물류 단지를 여러 차례 확장했다.\n"
    assert brief(text) == [("agreement", date(2016, 1, 1), "year")]


def test_briefing_bullets_and_a_table_row():
    text = ("  ㅇ 성 상무청은 2024년 3월 8일 ‘해양경제 디지털 전환 행동계획’을 발표함\n"
            "기업\t제품\t비고\n"
            "루밍테크\t해운 대모델 LM-2\t2023년 10월 공개, 항만 특화\n")
    rows = events(text)
    assert [(r["event_type"], r["date_start"], r["date_precision"]) for r in rows] == [
        ("announcement", date(2024, 3, 8), "day"), ("launch", date(2023, 10, 1), "month")]
    assert rows[1]["name"].startswith("루밍테크 해운 대모델 LM-2")


def test_a_notice_block_takes_its_title_and_place():
    text = ("행사 안내\n\n제2회 해양데이터 협력 세미나\n\n일시: 2025. 4. 2(수) 10:00~12:00\n"
            "장소: 부산 해운대구 센텀로 5, 3층 대회의실\n")
    rows = events(text)
    assert [(r["event_type"], r["date_start"], r["location"]) for r in rows] == [
        ("conference", date(2025, 4, 2), "부산 해운대구 센텀로 5, 3층 대회의실")]
    assert rows[0]["name"] == "제2회 해양데이터 협력 세미나"


def test_the_object_decides_the_type():
    assert brief("해운그룹은 2018년 항만 데이터 사업부를 설립했다.") == [("opening", date(2018, 1, 1), "year")]
    assert brief("해랑소프트는 2011년 5월에 설립되었으며 물류 소프트웨어를 만든다.") == [("other", date(2011, 5, 1), "month")]
    assert brief("루밍테크는 지난달 20일 신형 물류 로봇 'LM-3 2.0'을 공개했다.") == [("launch", date(2025, 2, 20), "day")]
    assert brief("두 회사는 지난달 20일 해운 합작을 발표했다.") == [("agreement", date(2025, 2, 20), "day")]
    assert brief("해운그룹, 2019년 3월 옌타이에 물류 아카데미 설립 계약") == [("agreement", date(2019, 3, 1), "month")]


def test_two_documents_announced_together_are_two_events():
    rows = events("성 정부는 2021년 7월 2일 <해양산업 지원 의견>과 <항만 물류 발전 계획(2021-2025)>을 발표했다.")
    assert [(r["event_type"], r["date_start"]) for r in rows] == [("announcement", date(2021, 7, 2))] * 2
    assert rows[0]["name"] != rows[1]["name"]


def test_each_of_two_days_with_gakgak():
    rows = events("3월 3일과 4일, 해운그룹과 루밍테크는 각각 항만공사와 디지털 협력을 발표했다.")
    assert sorted(r["date_start"] for r in rows) == [date(2025, 3, 3), date(2025, 3, 4)]


def test_coordinated_clauses_share_the_date():
    text = "2018년 해운그룹은 칭다오항무국과 합작하여 자동화 부두를 설계했고, 롄윈강에 '해운 냉장창고'를 세웠다."
    assert brief(text) == [("agreement", date(2018, 1, 1), "year"), ("opening", date(2018, 1, 1), "year")]


def test_a_date_after_a_verb_belongs_to_the_next_happening():
    text = "- ◆ 항만 클라우드 사업으로 시작하여 2017 년 4 월 6 일, 첫 해양데이터센터 설립"
    assert brief(text) == [("opening", date(2017, 4, 6), "day")]


def test_the_venue_lends_its_date_and_place():
    text = "해운그룹은 지난달 5~7일 칭다오에서 연 '해양 개발자대회 2025'에서 물류 대모델 'HY-1'을 공개했다."
    rows = events(text)
    assert [(r["event_type"], r["date_start"], r["date_end"], r["location"]) for r in rows] == [
        ("conference", date(2025, 2, 5), date(2025, 2, 7), "칭다오"),
        ("launch", date(2025, 2, 5), date(2025, 2, 7), "칭다오")]


def test_anaphoric_sentence_takes_the_previous_event_date():
    text = "해양 로봇 서밋이 6 월 3 일~4 일 양일간 개최되었다. 이 기간 동안 해양로봇연맹이 공식 출범했다."
    rows = events(text)
    assert [(r["event_type"], r["date_start"], r["date_end"]) for r in rows] == [
        ("conference", date(2025, 6, 3), date(2025, 6, 4)), ("launch", date(2025, 6, 3), date(2025, 6, 4))]
    assert rows[1]["char_start"] == text.index("이 기간")


@pytest.mark.parametrize("text", [
    "[해양일보 다롄 3월2일] 다롄시가 2030년까지 스마트 항만을 건설하겠다는 계획을 발표했다.",  # dateline and deadline
    "올해 물류 플랫폼을 업그레이드하고 역량을 강화할 예정이다.",  # intended, not happened
    "회사는 올해 새 항만 앱을 출시할 계획이다.",
    "회사는 새 물류 플랫폼을 출시했다.",  # no date
    "다롄시 항만데이터거래소 설립 실시방안(2024~2026)을 검토했다.",  # 설립 inside a title; a period is not a date
    "2015년부터 2024년까지 물동량이 늘었다.",
    "2024년 해운 관련 정책 87 개를 내놓았다.",  # many unnamed things
    "2023년 각 기업은 계약을 체결했다.",  # a year and nothing named
    "2020년 3월 이후 설립된 기업이 신청할 수 있다.",  # a condition, not a founding
    "1월 31일 기준 회원사는 120곳이다.",
    "2024년에 이어 올해도 같은 방안이 유지된다.",
    "더 많은 기업이 생태계에 합류하는 해가 될 것으로 전망한다. 2026년이다.",
])
def test_not_events(text):
    assert events(text) == []


def test_a_scheduled_event_counts_but_a_vague_intention_does_not():
    assert brief("2025 해양데이터 서밋이 5월 20일부터 22일까지 샤먼에서 개최될 예정이다.") == [
        ("conference", date(2025, 5, 20), "day")]
    assert brief("두 도시는 오는 6월 칭다오에서 항만 MOU를 체결할 계획이다.") == [("agreement", date(2025, 6, 1), "month")]
    assert brief("시 재정국은 3.27(목) 라오산구에서 펀드 설명회를 열 예정") == [("other", date(2025, 3, 27), "day")]


def test_back_reference_to_an_agreement_is_not_a_new_event():
    text = ("2017년 두 항만청은 물류 협력에 관한 양해각서(MOU)를 체결했다.\n"
            "양측은 2017년 두 항만청이 체결한 협력각서를 이행하고, 7월 웨이하이시 항만시찰 등에 대해 논의했다.\n")
    assert brief(text) == [("agreement", date(2017, 1, 1), "year"), ("visit", date(2025, 7, 1), "month")]


def test_without_publication_date_relative_dates_need_an_anchor():
    assert events("회사는 지난 4월 8일 행동방안을 발표했다.", None) == []
    assert brief("2021년 다롄시는 지난 4월 8일 행동방안을 발표했다.", None) == [("announcement", date(2021, 4, 8), "day")]


def test_headings_and_captions_are_skipped():
    text = "1. 2024 다롄 해양데이터 포럼 개최\n\n사진 2) 2024년 5월 발족식 거행\n"
    assert events(text) == []


def test_names_keep_coordinated_verbs_model_names_and_the_signing():
    names = [r["name"] for r in events(
        "교통부는 지난 12일 「항만 데이터 3개년 행동계획」을 인쇄·발행했다. 루밍테크는 지난달 28일 첫 무인선 LM7을 출시했다. "
        "두 회사는 7일 전략적 협력 계약을 체결했다.")]
    assert names == ["「항만 데이터 3개년 행동계획」 인쇄·발행", "첫 무인선 LM7 출시", "전략적 협력 계약 체결"]


def test_a_conference_noun_that_is_not_the_event_does_not_hide_the_date():
    rows = events("지난 1월 8일에는 닝보에서 세계해양대회 조직위원회가 출범했다.")
    assert [(r["event_type"], r["date_start"], r["location"]) for r in rows] == [("launch", date(2025, 1, 8), "닝보")]
    assert "조직위원회" in rows[0]["name"]


# ---- places from context ------------------------------------------------------------------------
def places(text, published=PUB):
    return [(r["event_type"], r["location"]) for r in events(text, published)]


def test_a_section_heading_naming_one_province_places_its_chronology():
    text = ("## 3. 【지역분석】 허난성 물류데이터 산업\n\n"
            "### 1) 허난물류데이터센터 연혁\n\n"
            "- ◆ 2016 년: 해운그룹, 허난성정부와 냉장물류 협력 협약 체결\n"
            "- ◆ 2018 년 4 월 2 일: 첫 항공물류 데이터센터 설립\n\n"
            "## 4. 【기업분석】 해운그룹과 루밍테크\n\n"
            "- ◆ 2019 년 6 월 1 일: 루밍테크 물류 아카데미 설립\n")
    assert places(text) == [("agreement", "허난성"), ("opening", "허난성"), ("opening", None)]


def test_a_heading_naming_two_places_or_only_a_country_governs_nothing():
    two = "■ 정저우·란저우 물류 협력\n\n- ◆ 2018 년 4 월 2 일: 첫 항공물류 데이터센터 설립\n"
    country = "# 중국 물류 뉴스\n\n- ◆ 2018 년 4 월 2 일: 첫 항공물류 데이터센터 설립\n"
    assert places(two) == [("opening", None)] and places(country) == [("opening", None)]


def test_a_place_carries_to_the_later_sentences_of_its_paragraph_only():
    text = ("해운그룹은 지난달 3일 하얼빈에서 북방물류포럼을 열었다. 지난달 4일에는 냉장창고 1기가 완공됐다.\n\n"
            "루밍테크는 지난달 9일 물류 로봇 'LM-5'를 출시했다.\n")
    assert places(text) == [("conference", "하얼빈"), ("opening", "하얼빈"), ("launch", None)]


def test_the_acting_place_and_the_partner_government():
    assert places("2023년 7월 난닝시 칭슈구는 시민 3만 명에게 디지털 쿠폰을 나눠줬다.") == [("other", "난닝시 칭슈구")]
    assert places("루밍테크는 2022년 하얼빈시 정부와 전략적 협력 계약을 체결했다.") == [("agreement", "하얼빈시")]
    assert places("중국은 2024년 3월 5일 물류 데이터 지침을 발표했다.") == [("announcement", None)]  # the state, not a place
    assert places("루밍테크는 2022년 해운그룹과 전략적 협력 계약을 체결했다.") == [("agreement", None)]


def test_a_bare_ceremony_is_the_opening_named_before():
    text = ("2024년 9월 해운그룹은 북방물류혁신센터(北方物流创新中心)를 란저우에 오픈했다.\n\n"
            "2024년 9월 12일 개소식에는 무인 지게차가 처음 전시됐다.\n")
    rows = events(text)
    assert [(r["event_type"], r["date_start"], r["location"]) for r in rows] == [
        ("opening", date(2024, 9, 12), "란저우")]
    assert "북방물류혁신센터" in rows[0]["name"]


def test_places_glossed_in_chinese_and_after_an_earlier_clause():
    assert places("해운그룹은 2017년 후난성 류양(浏阳)에 '해운 냉장창고'를 세웠다.") == [("opening", "후난성 류양")]
    text = "루밍테크는 2016년 항만데이터센터를 구축했으며 2020년 란저우에 서부물류센터를 설립했다."
    assert places(text) == [("opening", None), ("opening", "란저우")]


def test_happenings_of_one_sentence_keep_the_order_in_which_it_names_them():
    text = "3월 2일, 해양연구원이 작성한 <항만 디지털 지수 보고서>가 '제2회 해양데이터 포럼'에서 공식 발표됐다."
    rows = events(text)
    assert [r["event_type"] for r in rows] == ["publication", "conference"]
    assert rows[0]["char_start"] == 0 < rows[1]["char_start"] == text.index("제2회")


def test_the_venue_is_not_part_of_the_launched_things_name():
    rows = events("해운그룹은 지난달 6일 칭다오에서 연 '해양 개발자대회 2025'에서 물류 대모델 'HY-2'를 공개했다.")
    assert [r["name"] for r in rows if r["event_type"] == "launch"] == ["물류 대모델 'HY-2' 공개"]


# ---- fewer spurious rows -------------------------------------------------------------------------
def test_unnamed_things_shown_at_a_conference_are_the_conference():
    text = ("해운그룹 회장은 지난달 5일 '해양 물류 서밋 2025' 기조연설에서 새로운 수치를 내놨다. "
            "이번 서밋은 신기술과 신제품을 선보이는 자리였다.")
    assert brief(text) == [("conference", date(2025, 2, 5), "day")]


def test_during_the_conference_takes_its_dates():
    text = ("2024 북방 물류 컨퍼런스가 2024년 7월 8일부터 10일까지 하얼빈에서 열렸다.\n\n"
            "컨퍼런스 기간, 물류협회가 편찬한 <2024 북방 냉장물류 백서>가 처음 공개됐다.\n")
    rows = events(text)
    assert [(r["event_type"], r["date_start"], r["date_end"], r["location"]) for r in rows] == [
        ("conference", date(2024, 7, 8), date(2024, 7, 10), "하얼빈"),
        ("publication", date(2024, 7, 8), date(2024, 7, 10), "하얼빈")]


def test_a_trend_that_began_is_not_a_start_but_a_construction_is():
    assert events("해운그룹은 2019년 냉장물류 투자를 확대하기 시작했다.") == []
    assert brief("2020년 해운그룹은 란저우에 물류단지를 건설하기 시작했다.") == [("other", date(2020, 1, 1), "year")]


def test_a_modifier_naming_nothing_is_no_happening():
    text = ("제5회 북방물류박람회가 지난달 3일 하얼빈에서 개막했다. "
            "이번 박람회에서 체결된 주요 프로젝트는 평균 투자액이 5억 위안이다.")
    assert brief(text) == [("conference", date(2025, 2, 3), "day")]
    named = "⑤ 안전 강화 : 지난해 10월 교통부와 공동으로 발표한 「'항만+안전' 행동계획」과 연계해 감시 체계를 구축"
    assert brief(named) == [("announcement", date(2024, 10, 1), "month")]


def test_a_founding_year_in_a_modifier_does_not_date_the_next_clause():
    text = "해운그룹은 2016년 설립된 '해양청년기금' 산하 펀드를 만들어 민간 기관과 합작하여 창업을 지원한다."
    assert [r["event_type"] for r in events(text)] == ["launch"]


def test_a_ceremony_held_is_one_happening():
    rows = events("2019년 5월 두 도시 정부는 하얼빈에서 북방물류기지 연합 발족식을 거행했다.")
    assert [(r["event_type"], r["location"]) for r in rows] == [("launch", "하얼빈")]


def test_a_place_name_inside_another_word_is_no_place():
    assert places("예선전 일시: 2025년 4월 2일 예선전 개최") == [("competition", None)]


def test_agenda_items_are_scheduled_events_with_their_bracketed_venue():
    text = ("[월간 남해 데이터 노트] 제12호 | 2024년 6월 3일 발행\n발행: 바다정책연구소\n\n3. 일정\n"
            "- 6.20(목) 해양 디지털 전환 포럼 (부산 벡스코)\n"
            "- 7.8(월)~7.10(수) 제4회 스마트항만 박람회 (닝보 국제컨벤션센터)\n")
    events = extract_events(text, date(2024, 6, 3))
    got = [(e["event_type"], e["date_start"], e["date_end"], e["location"]) for e in events]
    assert got == [("conference", date(2024, 6, 20), None, "부산 벡스코"),
                   ("conference", date(2024, 7, 8), date(2024, 7, 10), "닝보 국제컨벤션센터")]
    assert "포럼" in events[0]["name"] and "박람회" in events[1]["name"]


def test_an_event_noun_in_running_text_without_its_verb_is_still_no_event():
    text = "지난 5일 해양 디지털 전환 포럼 관계자들은 예산 문제를 두고 의견을 나눴다.\n"
    assert extract_events(text, date(2024, 6, 10)) == []


def test_the_place_of_what_is_built_or_visited_is_its_location():
    built = extract_events("ㅇ 한편, 우한 훙산구 스마트물류 시범단지는 2021년 착공해 2022년 9월 준공됨.\n", date(2024, 7, 5))
    assert [e["location"] for e in built] == ["훙산구", "훙산구"]
    visited = extract_events("부총리는 지난 3일 톈진 빈하이 신구의 로봇 기업들을 시찰했다.\n", date(2024, 7, 5))
    assert [(e["event_type"], e["location"]) for e in visited] == [("visit", "톈진")]
    nowhere = extract_events("장관은 5일 현지 기업 두 곳을 방문했다.\n", date(2024, 7, 5))
    assert [e["location"] for e in nowhere] == [None]


def test_a_dotted_date_between_a_fair_and_its_verb_keeps_the_venue():
    text = "ㅇ 제3회 해양장비전시회가 5.14(화)~5.16(목) 칭다오 국제컨벤션센터에서 개최됨.\n"
    [event] = extract_events(text, date(2024, 8, 1))
    assert (event["date_start"], event["date_end"], event["location"]) == \
        (date(2024, 5, 14), date(2024, 5, 16), "칭다오 국제컨벤션센터")


def test_a_fair_held_with_the_connective_yeollyeo_keeps_its_venue_and_a_port_is_a_site():
    held = extract_events("ㅇ 제2회 해양물류 교역회가 9월 3~5일 톈진 국제컨벤션센터에서 열려 40개국이 참가함.\n",
                          date(2024, 11, 5))
    assert [(e["event_type"], e["date_end"], e["location"]) for e in held] == \
        [("conference", date(2024, 9, 5), "톈진 국제컨벤션센터")]
    opened = extract_events("샤먼시는 10.8(화) 샤먼 가오치공항에 스마트 물류센터를 개소했다.\n", date(2024, 11, 5))
    assert [(e["event_type"], e["location"]) for e in opened] == [("opening", "샤먼 가오치공항")]


def test_a_byline_does_not_leak_into_an_event_name():
    text = "(항저우=동방뉴스통신) 김하늘 특파원 = 2025 세계디지털경제포럼이 4일 항저우에서 개막했다.\n"
    [event] = extract_events(text, date(2025, 7, 5))
    assert (event["name"], event["date_start"], event["location"]) == \
        ("2025 세계디지털경제포럼", date(2025, 7, 4), "항저우")


def test_a_bracketed_title_with_a_chinese_gloss_names_the_announcement():
    text = "ㅇ 국가에너지국은 ’23년 6월 「스마트 전력망 건설에 관한 지도의견」(关于智能电网建设的指导意见)을 발표함.\n"
    [event] = extract_events(text, date(2024, 8, 12))
    assert "스마트 전력망 건설에 관한 지도의견" in event["name"]
    assert (event["event_type"], event["date_start"]) == ("announcement", date(2023, 6, 1))


def test_a_press_conference_held_is_an_announcement_at_its_venue():
    text = "상무부는 14일 베이징 상무부 브리핑룸에서 '2분기 교역 동향' 기자회견을 열었다.\n"
    [event] = extract_events(text, date(2025, 7, 15))
    assert (event["event_type"], event["date_start"], event["location"]) == \
        ("announcement", date(2025, 7, 14), "베이징 상무부 브리핑룸")
    assert "기자회견" in event["name"]


# ------------------------------------------------------------- schedule tables by column
SCHEDULE = "\n".join([
    "이번 달 주요 일정입니다. 변경될 수 있습니다.",
    "",
    "날짜\t행사명\t개최지\t주관\t유형",
    "5.7(수)\t난창 VR 산업 협력 양해각서 서명식\t난창시 홍구탄 신구 청사\t난창시 상무국\t협약",
    "5.8(목)\t루밍로보틱스 '가온 X2' 신제품 공개회\t우시 태호 국제박람센터\t루밍로보틱스\t출시",
    "5월 9일~11일\t2025 장강 스마트물류 전시회\t우한 국제엑스포센터\t후베이성 교통운수청\t전시",
    "5.12(월)\t제3회 정저우 드론 코딩 경연 본선\t정저우 고신구 청소년센터\t정저우시 과학기술국\t대회",
    "",
    "▶ 5.7(수) 난창 VR 협력 양해각서",
    " - 난창시와 VR 기업 6곳이 공동연구 협약을 맺습니다.",
])


def test_a_schedule_table_gives_one_event_per_row_by_its_columns():
    rows = events(SCHEDULE, date(2025, 5, 5))
    got = [(r["name"], r["event_type"], r["date_start"], r["date_end"], r["location"]) for r in rows]
    assert got == [
        ("난창 VR 산업 협력 양해각서 서명", "agreement", date(2025, 5, 7), None, "난창시 홍구탄 신구 청사"),
        ("루밍로보틱스 '가온 X2' 신제품 공개회", "launch", date(2025, 5, 8), None, "우시 태호 국제박람센터"),
        ("2025 장강 스마트물류 전시회", "conference", date(2025, 5, 9), date(2025, 5, 11), "우한 국제엑스포센터"),
        ("제3회 정저우 드론 코딩 경연 본선", "competition", date(2025, 5, 12), None, "정저우 고신구 청소년센터"),
    ]  # the detail line '▶ 5.7(수) …' re-mentions the first row


def test_a_schedule_without_a_type_column_types_rows_by_their_names():
    text = "일자\t행사\t장소\n6.3(화)\t톈진 데이터 보안 포럼\t톈진 빈하이 컨벤션센터\n6.4(수)\t빈하이 AI 실험실 개소식\t톈진 빈하이 신구\n"
    got = [(r["event_type"], r["location"]) for r in events(text, date(2025, 6, 1))]
    assert got == [("conference", "톈진 빈하이 컨벤션센터"), ("opening", "톈진 빈하이 신구")]


def test_a_table_without_a_date_and_a_name_column_is_no_schedule():
    text = "구분\t2023\t2024\n매출\t120\t150\n"
    assert events(text) == []


def test_a_re_mention_with_its_own_place_lends_it_to_the_first():
    text = ("5월 20일 제2회 서해 해양로봇 포럼이 열렸다.\n\n"
            "5월 20일 열린 제2회 서해 해양로봇 포럼은 칭다오 국제회의센터에서 진행됐다.\n")
    rows = events(text, date(2025, 5, 22))
    assert [(r["date_start"], r["location"]) for r in rows] == [(date(2025, 5, 20), "칭다오 국제회의센터")]


def test_a_venue_field_under_an_event_line_places_it():
    text = ("━ 이번 주 일정 ━\n\n"
            "▶ 4월 8일~9일 2025 닝보 항만물류 박람회\n"
            " - 장소 : 닝보 국제컨벤션센터 3홀\n"
            " - 규모 : 참가 기업 300여 곳\n\n"
            "▶ 4.10(목) 푸저우 해양데이터 포럼\n"
            " - 일시 : 2025년 4월 10일(목) 14:00\n"
            " - 장소 : 푸저우 해협 국제회의센터\n")
    got = [(r["name"], r["date_start"], r["location"]) for r in events(text, date(2025, 4, 7))]
    assert got == [("2025 닝보 항만물류 박람회", date(2025, 4, 8), "닝보 국제컨벤션센터 3홀"),
                   ("푸저우 해양데이터 포럼", date(2025, 4, 10), "푸저우 해협 국제회의센터")]


def test_a_venue_field_of_the_next_block_is_not_taken():
    text = "▶ 4.10(목) 푸저우 해양데이터 포럼\n\n - 장소 : 샤먼 국제회의센터\n"
    assert [r["location"] for r in events(text, date(2025, 4, 7))] == [None]


# ------------------------------------------------------------ agenda lines and meetings
def test_an_agenda_line_with_a_date_range_and_the_city_in_brackets():
    text = "━ 다음 주 예고 ━\n · 6.17(화)~6.18(수) 2025 서남 데이터 거버넌스 학술 연례회의 (쿤밍)\n"
    got = [(r["event_type"], r["date_start"], r["date_end"], r["location"]) for r in events(text, date(2025, 6, 13))]
    assert got == [("conference", date(2025, 6, 17), date(2025, 6, 18), "쿤밍")]


def test_a_meeting_held_is_a_conference_but_a_meeting_room_is_not():
    assert brief("톈진시는 2월 11일 항만 디지털화 실무회의를 열었다.") == [("conference", date(2025, 2, 11), "day")]
    assert brief("2월 11일 시청 회의실에서 기자들이 기다렸다.") == []


def test_a_happening_held_since_a_date_is_no_event_of_that_date():
    assert brief("협회는 2019년부터 해양데이터 포럼을 매년 개최하고 있다.") == []
    assert brief("시는 2019년부터 드론 배송을 시범 운영해 오고 있다.") == []
    assert brief("새 규정은 2025년 3월 1일부터 시행됐다.") == [("launch", date(2025, 3, 1), "day")]


def test_an_event_named_after_a_relative_clause_that_holds_it():
    rows = events("다음 달 10~12일 샤먼에서 열리는 제5회 해협디지털서밋에도 우리 기업 20곳이 참가한다.", date(2025, 4, 2))
    got = [(r["name"], r["event_type"], r["date_start"], r["date_end"], r["location"]) for r in rows]
    assert got == [("제5회 해협디지털서밋", "conference", date(2025, 5, 10), date(2025, 5, 12), "샤먼")]


def test_an_event_noun_without_a_holding_verb_is_still_no_event():
    assert brief("우리 기업 20곳이 5월 해협디지털서밋에도 부스를 낸다.") == []


# ------------------------------------------------------------ a launch inside a clause
def test_a_product_launched_in_a_relative_clause_is_a_launch():
    rows = events("항저우의 K사가 지난해 11월 출시한 가정용 청소 로봇 판매량은 20만 대를 넘었다.", date(2025, 3, 14))
    got = [(r["name"], r["event_type"], r["date_start"], r["date_precision"]) for r in rows]
    assert got == [("항저우의 K사 가정용 청소 로봇 출시", "launch", date(2024, 11, 1), "month")]


def test_a_facility_opened_in_a_relative_clause_is_an_opening():
    rows = events("시가 올해 1월 개소한 해양데이터 공공센터 이용 기업은 300곳이다.", date(2025, 3, 14))
    assert [(r["event_type"], r["date_start"]) for r in rows] == [("opening", date(2025, 1, 1))]


def test_a_generic_product_or_a_project_after_a_relative_clause_is_no_event():
    assert brief("지난해 8월 출시한 신제품 판매가 늘었다.") == []
    assert brief("지난해 8월 체결된 주요 프로젝트는 12건이다.") == []


# ------------------------------------------------------------ names and places of happenings
def test_a_field_label_is_the_happening_of_the_title_above():
    text = ("「장쑤성 스마트항만 건설 행동방안(2025~2027년)」\n(江苏省智慧港口建设行动方案（2025—2027年）)\n"
            " · 발표 : 장쑤성 교통운수청, 2025년 2월 3일\n\n"
            "■ 난징데이터거래센터 개요\n · 설립 : 2022년 5월, 난징시 국유자본 출자\n · 본사 : 난징시 젠예구\n")
    got = [(r["name"], r["event_type"], r["date_start"]) for r in events(text, date(2025, 3, 1))]
    assert got == [("「장쑤성 스마트항만 건설 행동방안(2025~2027년)」 발표", "announcement", date(2025, 2, 3)),
                   ("난징데이터거래센터 설립", "opening", date(2022, 5, 1))]


@pytest.mark.parametrize("text, name", [
    ("성 정부가 작년 3월 내놓은 「'물류+' 3개년 행동계획」이 전환점이었다.", "「'물류+' 3개년 행동계획」 발표"),
    ("연구원은 지난해 6월 펴낸 '해양 데이터 산업 백서'에서 전망을 밝혔다.", "'해양 데이터 산업 백서' 발간"),
    ("시는 2023년 9월 발표한 「샤먼시 ‘해양 1호’ 실시방안」에 따라 지원한다.", "「샤먼시 ‘해양 1호’ 실시방안」 발표"),
])
def test_a_bracketed_name_after_a_past_adnominal_names_the_happening(text, name):
    assert [r["name"] for r in events(text)] == [name]


def test_a_zone_set_up_is_a_launch_and_a_facility_starting_work_an_opening():
    text = ("· 2.10(월) 선전데이터거래소, 국경 간 데이터 거래 구역 개설…첫날 거래 21건\n"
            "· 2.11(화) 톈진 빈하이 신구, '자율주행 시험장' 가동 개시\n")
    got = [(r["event_type"], r["date_start"], r["location"]) for r in events(text)]
    assert got == [("launch", date(2025, 2, 10), None), ("opening", date(2025, 2, 11), "톈진 빈하이 신구")]


def test_a_facility_opened_somewhere_is_named_without_its_place_and_placed_there():
    rows = events("작년 12월 첸하이에 국경 간 물류 서비스센터를 열었습니다.", date(2025, 4, 7))
    assert [(r["name"], r["event_type"], r["location"]) for r in rows] == [("국경 간 물류 서비스센터 개소", "opening", "첸하이")]


def test_a_district_the_places_table_knows_is_a_place_even_ending_like_a_port():
    rows = events("시는 5월 20일 위항구에서 'AI 연산센터 3기'를 준공했다.", date(2025, 6, 1))
    assert [r["location"] for r in rows] == ["위항구"]


def test_a_headline_summing_up_a_launch_the_body_tells_is_one_event():
    text = ("물류 앱 이달 정식 출시…택배사도 연동 나서\n\n"
            "난닝시는 5일 '난닝 물류(시범판)' 앱을 정식 출시했다고 밝혔다. 택배사 연동도 시작된다.\n")
    rows = events(text, date(2025, 3, 14))
    assert [(r["event_type"], r["date_start"], r["date_precision"]) for r in rows] == [("launch", date(2025, 3, 5), "day")]


def test_accounts_opened_by_the_million_are_no_event_and_an_as_of_date_is_not_when():
    assert brief("지난해 말 기준 전자지갑은 누적 1억 2,300만 개가 개설됐다.") == []


def test_a_bracketed_statistics_release_is_a_publication():
    assert brief("성 통계국은 20일 「2024년 광시 디지털경제 운행 상황」을 공표했다.") == [
        ("publication", date(2025, 2, 20), "day")]


def test_a_quoted_event_name_is_taken_whole():
    rows = events("오는 6월 3~5일 정저우 국제회의센터에서 '2025 중국(정저우) 국제 드론 산업 박람회'가 열린다.", date(2025, 5, 20))
    assert [(r["name"], r["date_end"]) for r in rows] == [("2025 중국(정저우) 국제 드론 산업 박람회", date(2025, 6, 5))]
