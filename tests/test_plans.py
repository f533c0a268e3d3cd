"""Named plans in short invented Korean sentences (no sentence here is taken from the seeds or the corpus)."""
from datetime import date

import pytest

from pipeline.extract.plans import extract_plans

PUB = date(2023, 9, 14)
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


def one(text, published=PUB):
    rows = plans(text, published)
    assert len(rows) == 1, [r["title"] for r in rows]
    return rows[0]


# ---------------------------------------------------------------- how a plan is named

@pytest.mark.parametrize("opening, closing", [
    ("「", "」"), ("『", "』"), ("《", "》"), ("<", ">"), ("‘", "’"), ("“", "”"), ("'", "'"), ('"', '"'), ("【", "】"),
])
def test_every_bracket_style(opening, closing):
    row = one(f"교통운수부는 2019년 {opening}스마트 항만 건설 계획{closing}을 발표했다.")
    assert row["title"] == "스마트 항만 건설 계획"
    assert row["issuer"] == "교통운수부"
    assert row["announced"] == date(2019, 1, 1) and row["announced_precision"] == "year"


def test_bracketed_heads_beyond_plan_words():
    assert titles("국무원은 <농촌 전자상거래 심화에 관한 지도의견>을 내놓았다.") == ["농촌 전자상거래 심화에 관한 지도의견"]
    assert titles("시는 ‘수소경제 선도구역 육성 조치’를 내놓았다.") == ["수소경제 선도구역 육성 조치"]
    assert titles("성 정부는 '청년귀향창업기금'을 조성했다.") == ["청년귀향창업기금"]
    # a law and a report are not plans
    assert titles("<개인정보 보호법>과 <2023 디지털 농업 백서>가 공포됐다.") == []


def test_unbracketed_titles_with_chinese_titles_damage_and_period():
    text = ("공개된 2대 문건은 ▲톈진시 해양경제 진흥 행동 요강(天津市?洋?????要(2023~2025) "
            "▲톈진 스마트항만 시범구 실시 방안(天津智慧港口示范区?施方案)이다.")
    rows = plans(text)
    assert [r["title"] for r in rows] == ["톈진시 해양경제 진흥 행동 요강", "톈진 스마트항만 시범구 실시 방안"]
    assert rows[0]["title_zh"] == "天津市?洋?????要(2023~2025)"
    assert (rows[0]["period_start"], rows[0]["period_end"]) == (2023, 2025)
    assert rows[1]["title_zh"] == "天津智慧港口示范区?施方案"
    assert rows[0]["issuer"] == "톈진시"  # the city opening the title


def test_unbracketed_title_needs_an_action_a_citation_or_a_name_marker():
    assert titles("푸젠성 인민정부는 대만 청년 취업 지원 센터 설립 실시안을 공표했다.") == ["대만 청년 취업 지원 센터 설립 실시안"]
    assert titles("시는 해외 의료 인재 초빙 플랜을 추진했다.") == ["해외 의료 인재 초빙 플랜"]
    assert titles("양측은 공동 물류 방안, 인력 교류 등에 대해 논의했다.") == []
    # a quoted name or a five-year plan's number names it without any verb
    row = one("후난성은 '14·5' 스마트제조 발전규획에서 2025년까지 산업로봇 밀도를 두 배로 높이기로 했다.")
    assert row["title"] == "'14·5' 스마트제조 발전규획"
    assert row["issuer"] == "후난성" and row["period_end"] == 2025  # the plan frames the deadline
    assert titles("국무원은 제14차 5개년 현대 종합교통 운수체계 발전 규획을 발표했다.") == [
        "제14차 5개년 현대 종합교통 운수체계 발전 규획"]


def test_cited_plan_is_named_but_a_back_reference_is_not():
    text = "저장성 스마트교통 개혁건설 '14차 5개년' 계획에 따르면 2025년까지 자율주행 노선을 50개로 늘린다."
    assert titles(text) == ["저장성 스마트교통 개혁건설 '14차 5개년' 계획"]
    assert titles("이 계획에 따르면 노선을 50개로 늘린다.") == []


def test_state_project_gongjeong_needs_a_quoted_name_or_a_chinese_gloss():
    row = one("2020년 3월 시작된 '광섬유+스마트공장' 300 공정을 전국으로 확대한다.")
    assert row["title"] == "'광섬유+스마트공장' 300 공정" and row["announced"] == date(2020, 3, 1)
    row = one("이번 호에서는 서전동송(西电东送) 공정과의 관계를 소개한다.")
    assert row["title"] == "서전동송(西电东送) 공정" and row["title_zh"] == "西电东送"
    assert titles("회사는 도장 공정을 자동화했다.") == []
    assert titles("공정 거래 질서를 확립하는 방안을 마련했다.") == []


def test_a_gloss_inside_the_name_is_not_the_chinese_title():
    row = one("2021 년 행정장관은 '장강삼각주(长三角) 청년 인턴 계획'을 발표했다.")
    assert row["title"] == "장강삼각주(长三角) 청년 인턴 계획" and row["title_zh"] is None


# ---------------------------------------------------------------- what is not a plan

@pytest.mark.parametrize("text", [
    "충칭시는 5대 실행 계획을 발표했다.",
    "이 계획에 따르면 교통국은 협력한다.",
    "계획을 발표했다.",
    "녹색 물류 구축은 \"장기적 계획\"이기도 하다.",
    "충칭을 내륙 물류 허브로 만들어 나갈 계획이다.",
    "국가해양국은 해양 관측·해양 경제·해양 생태 관련 계획 수립 등을 맡는다.",
    "국가 지침이 발표된 뒤 장시·후난 등 어업 강성(强省)도 자체 실행 계획 준비에 들어갔다.",
    "정책에 발맞춰 미래에 \"탄소 감축\" 목표를 세웠다.",
])
def test_generic_mentions_are_not_plans(text):
    assert titles(text) == []


@pytest.mark.parametrize("text", [
    "텐센트그룹은 2024년 '모두를 위한 클라우드' 전략을 발표했다.",
    "이날 알리클라우드 생태 특별 프로그램 <스타트 2023>이 출범했다.",
    "2021년 샤오펑자동차는 스마트 주행 생태 확장 전략 수립을 완료했다.",
    "2018년 이 물류 회사는 자동화 창고 전략 수립을 마쳤다.",
])
def test_a_companys_own_strategy_or_programme_is_not_a_plan(text):
    assert titles(text) == []


def test_a_programme_named_after_a_programme_noun():
    assert titles("과학기술국 특별 프로그램 <청년 과학자 2030>이 공식 출범했다.") == ["청년 과학자 2030"]


def test_a_short_name_defined_in_brackets_is_not_another_plan():
    text = "시정부는 '허난성 농촌 디지털 전환 촉진 행동방안(河南省促进乡村数字化转型行动方案(2023~2025), (이하 '행동방안'))을 지난 4월 3일 발표했다."
    row = one(text)
    assert row["title"] == "허난성 농촌 디지털 전환 촉진 행동방안"
    assert row["announced"] == date(2023, 4, 3)


# ---------------------------------------------------------------- issuer

def test_issuer_forms():
    assert one("청두시 인민정부 판공청은 ‘청두시 저고도 경제 발전 행동방안’을 발표함")["issuer"] == "청두시 인민정부 판공청"
    assert one("시 정부가 내놓은 ‘스마트 관광 촉진 행동방안(2022~2023년)’의 후속 조치다.")["issuer"] == "시 정부"
    assert one("국가에너지국 등이 '북풍남송(北风南送)' 공정 가동을 선언했다.")["issuer"] == "국가에너지국 등"
    text = "2022년 5월 항공우주국 연구팀이 내놓은 「우주 데이터 개방 행동계획(2022~2024년)」에 이은 후속 계획이다."
    assert one(text)["issuer"] == "항공우주국 연구팀"
    text = "해양수산부, 상무부 및 해관총서 등 3개 부처가 「수산물 전자상거래 촉진 방안」을 발표했다."
    assert one(text)["issuer"] == "해양수산부, 상무부, 해관총서"


def test_two_plans_in_one_sentence_take_their_own_clause():
    text = ("- 충칭시는 2022년 4월 ‘스마트 제조 고도화 조치’를 발표했고, "
            "청두시도 2023년 2월 ‘디지털 문화관광 진흥 조치(2023~2025년)’를 내놓음")
    rows = plans(text)
    got = {r["title"]: (r["issuer"], r["announced"], r["period_start"]) for r in rows}
    assert got == {"스마트 제조 고도화 조치": ("충칭시", date(2022, 4, 1), None),
                   "디지털 문화관광 진흥 조치": ("청두시", date(2023, 2, 1), 2023)}


def test_co_issuer_and_a_relative_date():
    text = "⑤ 물류 보장 : 지난해 10월 교통운수부와 공동으로 발표한 「'인터넷+물류' 행동계획(2022~2024년)」과 연계해 추진"
    row = one(text)
    assert row["issuer"] == "교통운수부"
    assert row["announced"] == date(2022, 10, 1) and row["announced_precision"] == "month"
    assert (row["period_start"], row["period_end"]) == (2022, 2024)


def test_chronology_line_names_the_issuer_before_a_comma():
    row = one("▲2021년 3월 9일 = 국무원, 「농촌 물류 체계 건설 가속화에 관한 의견」(국발〔2021〕5호) 공개")
    assert row["issuer"] == "국무원" and row["announced"] == date(2021, 3, 9)


def test_owner_before_a_quoted_name_is_the_issuer():
    row = one("2021년 국가의 '녹색 성장' 전략 발표 후 기업들의 투자가 늘었다.")
    assert row["title"] == "'녹색 성장' 전략" and row["issuer"] == "국가"
    assert row["announced"] == date(2021, 1, 1)


# ---------------------------------------------------------------- dates and periods

def test_versions_are_distinct_plans():
    text = "정부는 2016년 6월 <마카오 스마트 관광 청사진>을 발표했다. 정부는 2021년 <마카오 스마트관광 청사진 2.0>을 발표했다."
    rows = plans(text)
    assert [(r["title"], r["announced"], r["announced_precision"]) for r in rows] == [
        ("마카오 스마트 관광 청사진", date(2016, 6, 1), "month"), ("마카오 스마트관광 청사진 2.0", date(2021, 1, 1), "year")]


@pytest.mark.parametrize("text, start, end", [
    ("정부는 <윈난성 관광 빅데이터 응용 계획 개요(2017-2021)>를 발표했다.", 2017, 2021),
    ("정부는 '스마트 양식업 발전 계획(2018~2022)'을 발표했다.", 2018, 2022),
    ("정부는 「2024~2028년 해양 디지털 경제 발전 계획」을 발표했다.", 2024, 2028),
    ("국무원은 2035년까지 「농촌 스마트 물류 발전 계획」을 추진한다.", None, 2035),
    ("국무원은 2030년 말까지 「농촌 스마트 물류 발전 계획」을 추진한다.", None, 2030),
    ("시는 ‘스마트 물류 행동방안(’24~’26년)’을 발표함", 2024, 2026),
])
def test_period_forms(text, start, end):
    row = one(text)
    assert (row["period_start"], row["period_end"]) == (start, end)


def test_an_event_named_with_its_year_dates_the_announcement():
    text = "이는 최근 '2023 세계 스마트 산업 박람회'에서 발표된 '톈진시 스마트 항만 도시 건설 가속화에 관한 실시 방안'에 담긴 내용이다."
    row = one(text)
    assert row["announced"] == date(2023, 1, 1) and row["announced_precision"] == "year"


def test_the_lead_lends_issuer_date_and_deadline_to_the_plans_named_next():
    text = ("충칭시는 5일 열린 2021년 서부 국제 투자 박람회에서 2035년까지 내륙 물류 허브를 만들기 위한 2대 실행 계획을 발표했다.\n\n"
            "발표된 2대 계획은 ▲충칭시 스마트물류 촉진 행동 요강(重庆市促进智慧物流行动纲要) "
            "▲충칭 내륙항 시범구 실시 방안(重庆内陆港示范区实施方案)이다.\n\n"
            "충칭 내륙항 시범구 실시 방안은 통관 절차를 줄인다.\n")
    rows = plans(text, date(2021, 1, 1))
    assert [r["title"] for r in rows] == ["충칭시 스마트물류 촉진 행동 요강", "충칭 내륙항 시범구 실시 방안"]
    for r in rows:
        assert r["issuer"] == "충칭시"
        assert r["announced"].year == 2021  # the explicit year, not the bare day read from the publication date
        assert r["period_end"] == 2035


def test_a_dateline_is_not_the_announcement():
    text = ("[신화망 항저우 3월2일] 항저우시가 2030년까지 '글로벌 디지털 무역 도시'를 건설하겠다는 계획을 발표했다.\n"
            "이는 '항저우시 글로벌 디지털 무역 도시 건설에 관한 실시 방안'에 담긴 내용이다.\n")
    row = one(text, date(2022, 3, 2))
    assert row["period_end"] == 2030 and row["issuer"] == "항저우시"
    assert row["announced"] is None


def test_no_publication_date_leaves_relative_announcement_empty():
    rows = plans("시는 <스마트 하천 관리 계획>을 지난 5월 9일 발표했다.", None)
    assert rows[0]["announced"] is None


# ---------------------------------------------------------------- one row per plan

def test_headings_do_not_make_rows_when_the_body_names_the_plan():
    text = ("1. 농산물 디지털화 '3 망' 행동 강령 통지\n\n"
            "농업농촌부, 상무부, 국가우정국 3개 부처가 농산물 유통의 디지털화를 촉진하기 위한 '3 망' 행동 강령(2023 - 2026 년)을 발표했다.\n"
            "이 전략을 실시한다. '3 망' 전략을 더욱 실시한다.\n")
    row = one(text)
    assert row["title"] == "농산물 유통의 디지털화를 촉진하기 위한 '3 망' 행동 강령"
    assert (row["period_start"], row["period_end"]) == (2023, 2026)
    assert row["issuer"] == "농업농촌부, 상무부, 국가우정국"
    assert text[row["char_start"]:row["char_end"]].startswith("농업농촌부")


def test_a_plan_only_named_in_a_heading_is_kept():
    assert titles("中 광저우, '해양 新경제' 행동방안 발표\n\n광저우는 해양 경제를 키운다.\n") == ["'해양 新경제' 행동방안"]


def test_a_briefing_bullet_ending_in_ham_is_body_text():
    text = ("ㅇ 항저우시 인민정부 판공청은 ‘항저우시 데이터요소 시장 육성 행동방안(2023~2025년)’"
            "(杭州市培育数据要素市场行动方案(2023—2025年))을 발표함\n"
            "   - 시 정부가 2022년 8월 내놓은 ‘데이터 거래 활성화 조치’의 후속 조치임\n")
    rows = plans(text)
    assert [r["title"] for r in rows] == ["항저우시 데이터요소 시장 육성 행동방안", "데이터 거래 활성화 조치"]
    assert rows[0]["title_zh"] == "杭州市培育数据要素市场行动方案(2023—2025年)"
    assert (rows[0]["period_start"], rows[0]["period_end"], rows[0]["issuer"]) == (2023, 2025, "항저우시 인민정부 판공청")
    assert rows[1]["issuer"] == "시 정부" and rows[1]["announced"] == date(2022, 8, 1)


def test_a_summary_title_with_its_chinese_line_and_fields():
    text = ("「농업 사물인터넷 발전 행동계획(2022~2024년)」 요약\n"
            "农业物联网发展行动计划（2022-2024年）\n\n"
            "1. 개요\n"
            "□ 발표 기관 : 농업농촌부(农业农村部)\n"
            "□ 발표일 : 2022년 3월 4일 공개\n"
            "□ 성격 : 2019년 5월 농업농촌부 전담팀이 내놓은 「농업 사물인터넷 시범 행동계획(2019~2021년)」에 이은 계획임\n")
    rows = plans(text)
    assert [r["title"] for r in rows] == ["농업 사물인터넷 발전 행동계획", "농업 사물인터넷 시범 행동계획"]
    first, earlier = rows
    assert first["title_zh"] == "农业物联网发展行动计划（2022-2024年）"
    assert first["issuer"] == "농업농촌부" and first["announced"] == date(2022, 3, 4)
    assert (first["period_start"], first["period_end"]) == (2022, 2024)
    assert earlier["issuer"] == "농업농촌부 전담팀" and earlier["announced"] == date(2019, 5, 1)


def test_repeated_mentions_make_one_row_pointing_at_the_full_name():
    text = ("시는 ‘톈진 국제 해운 데이터 거래소 설립 실시방안’을 7일 발표했다.\n"
            "‘톈진 국제해운데이터거래소 설립 실시방안’은 플랫폼을 규정한다.\n"
            "방안은 4대 기능을 정립한다. 실시방안에 따르면 거래소가 생긴다.\n")
    row = one(text)
    assert row["char_start"] == 0 and row["announced"] == date(2023, 9, 7)


def test_related_article_links_are_not_read():
    text = "본문은 짧다.\n\n키워드 관련기사\n  • 정부, 농업 분야 디지털 전환 전략 수립\n"
    assert titles(text) == []


def test_issuer_named_with_a_count_of_ministries():
    text = "공업정보화부 등 8개 부처가 「스마트 가전 소비 촉진 방안」을 발표했다."
    assert one(text)["issuer"] == "공업정보화부 등"
    text = "상무부와 재정부 등 2개 부처는 「중고차 수출 촉진 방안」을 발표했다."
    assert one(text)["issuer"] == "상무부, 재정부"


def test_an_opinion_or_guideline_unbracketed_after_gwanhan():
    assert titles("국무원은 해양 플랫폼 경제 발전에 관한 의견을 발표했다.") == ["해양 플랫폼 경제 발전에 관한 의견"]
    assert titles("전문가들은 다양한 의견을 발표했다.") == []


def test_a_chinese_title_in_double_angle_brackets_loses_them():
    row = one("국무원은 「14·5 해양경제 발전 규획」(《“十四五”海洋经济发展规划》)을 발표했다.")
    assert row["title_zh"] == "“十四五”海洋经济发展规划"


# ------------------------------------------------------- plan styles of other outlets
def test_an_announcement_field_under_the_title_gives_issuer_and_date():
    text = ("■ 허난성 : 물류 디지털화 가속\n\n"
            "「허난성 스마트 물류 고품질 발전 행동계획(2024~2026년)」\n"
            "(河南省智慧物流高质量发展行动计划（2024—2026年）)\n"
            " · 발표 : 허난성 교통운수청 등 4개 부처, 2024년 3월 5일\n"
            " · 현황 : 성내 물류 기업은 1만 2천여 곳\n")
    row = one(text)
    assert row["title"] == "허난성 스마트 물류 고품질 발전 행동계획"
    assert row["issuer"] == "허난성 교통운수청 등 4개 부처"  # the field, not the place the title opens with
    assert (row["announced"], row["announced_precision"]) == (date(2024, 3, 5), "day")
    assert row["title_zh"] == "河南省智慧物流高质量发展行动计划（2024—2026年）"


def test_an_announcement_field_with_a_month_and_a_joint_issuer():
    text = "「푸젠성 해양 데이터 개방 실시방안」\n · 발표 : 푸젠성 해양어업청·푸젠성 데이터관리국, 2023년 8월\n"
    row = one(text)
    assert row["issuer"] == "푸젠성 해양어업청·푸젠성 데이터관리국"
    assert (row["announced"], row["announced_precision"]) == (date(2023, 8, 1), "month")


def test_a_presenter_field_is_no_announcement():
    row = one("「창사시 드론 물류 시범 방안」 설명회\n - 발표 : 김하람 연구위원\n")
    assert row["issuer"] == "창사시" and row["announced"] is None


@pytest.mark.parametrize("title", ["난징시 공공데이터 개방 관리 방법", "시안시 데이터 거래 잠정 방법",
                                   "충칭시 스마트 교통 실시 방법"])
def test_a_regulation_named_as_a_method_in_brackets_is_a_plan(title):
    assert titles(f"시는 올해부터 「{title}」을 시행하고 있다.") == [title]


def test_a_method_without_a_qualifier_is_not_a_plan():
    assert titles("연구진은 '새로운 측정 방법'을 제안했다.") == []


@pytest.mark.parametrize("text, title", [
    ("정부는 '제조+' 행동을 통해 공장 자동화를 밀어붙이고 있다.", "'제조+' 행동"),
    ("각 성은 국가의 “데이터×” 행동에 맞춰 세부 과제를 내놓았다.", "“데이터×” 행동"),
])
def test_a_campaign_is_its_quoted_name_and_haengdong(text, title):
    assert titles(text) == [title]


def test_haengdong_without_a_quoted_name_is_no_plan():
    assert titles("시 정부는 신속한 행동을 강조했다. 기업들의 공동 행동이 필요하다.") == []


def test_the_owner_of_a_campaign_is_its_issuer():
    row = one("지방의 목표는 중앙의 '물류+' 행동과 맞물려 있다.")
    assert (row["title"], row["issuer"]) == ("'물류+' 행동", "중앙")


def test_counted_plans_in_a_summary_line_are_not_named():
    assert titles("· 후난성·장시성·광시 3개 성의 신규 계획과 2026년 목표를 비교") == []


@pytest.mark.parametrize("text, title, zh", [
    ("■ 간쑤성 : 서전동송(西电东送) 거점의 송전 확대", "서전동송(西电东送)", "西电东送"),
    ("수혜 지역은 남수북조(南水北调) 노선을 따라 늘었다.", "남수북조(南水北调)", "南水北调"),
])
def test_a_transfer_project_between_opposite_compass_points_is_a_plan(text, title, zh):
    row = one(text)
    assert (row["title"], row["title_zh"], row["issuer"]) == (title, zh, None)


def test_a_four_character_gloss_that_is_no_transfer_is_not_a_plan():
    assert titles("■ 허페이시 : 전정특신(专精特新) 기업 육성과 체화지능(具身智能) 연구") == []


def test_a_quote_opening_an_answer_is_not_part_of_the_issuer():
    row = one('A. "난닝시도 지난해 5월 「난닝시 국경간 데이터 유통 촉진 조치」를 발표했습니다."')
    assert row["issuer"] == "난닝시"
