"""The metrics extractor on short synthetic Korean sentences, one behaviour per test."""
from datetime import date

import pytest

from pipeline.extract.metrics import extract_metrics

PUBLISHED = date(2022, 7, 13)
KEYS = {"subject", "indicator", "value", "unit", "value_text", "qualifier", "kind", "period",
        "plan_id", "char_start", "char_end", "extractor"}


def extract(text, published=PUBLISHED, plans=()):
    return extract_metrics(text, published, list(plans))


def only(text, **kw):
    rows = extract(text, **kw)
    assert len(rows) == 1, rows
    return rows[0]


def by_value(rows):
    return {(r["value"], r["unit"]): r for r in rows}


# ---------------------------------------------------------------- contract ----
def test_rows_have_the_contract_keys_and_exact_provenance():
    text = "머리말\n\n지난해 가상전자의 매출은 2조 3,518억 4,000만 위안을 기록했다. 직원은 4,200명이다."
    rows = extract(text)
    assert len(rows) == 2
    for r in rows:
        assert set(r) == KEYS
        evidence = text[r["char_start"]:r["char_end"]]
        assert r["value_text"] in evidence and r["value_text"] in text
        assert r["subject"].strip() and r["indicator"].strip()
        assert len(r["indicator"]) <= 40 and r["indicator"] != evidence
    assert text[rows[0]["char_start"]:rows[0]["char_end"]].startswith("지난해")  # the sentence, not the line


# ------------------------------------------------------------ values/units ----
@pytest.mark.parametrize("sentence, value, unit", [
    ("총 투자액은 2조7천300억 위안이다.", 2.73e12, "CNY"),
    ("시장 규모는 38 万亿元에 이른다.", 38e12, "CNY"),
    ("예산은 19조원이다.", 19e12, "KRW"),
    ("가상전자는 4 억 달러를 투자했다.", 4e8, "USD"),
    ("사용자는 6.17 억 명이다.", 6.17e8, "persons"),
    ("계약 금액은 37 억 6500 만 위안이다.", 3.765e9, "CNY"),
    ("브랜드 규모는 백 억 위안이다.", 1e10, "CNY"),
    ("처리 건수는 5174 건이었다.", 5174, "count"),
    ("참가 기업은 46,000 개였다.", 46000, "count"),
    ("허구연합 회원국 9 개국이 참가했다.", 9, "count"),
    ("효율이 3배 향상됐다.", 3, "times"),
    ("소비량은 세계 평균의 1/5 에 불과하다.", 20, "percent"),
    ("지붕 면적은 650만 m<sup>2</sup>이다.", 6.5e6, "square_meter"),
    ("창고 면적은 1,200㎡이다.", 1200, "square_meter"),
    ("단지는 64 헥타르 규모다.", 64, "hectare"),
    ("도로 1천㎞를 건설했다.", 1000, "kilometer"),
    ("성능은 18,000EFlops에 이르렀다.", 18000, "exaflops"),
    ("정확도가 99%에 달했다.", 99, "percent"),
    ("지수 차이는 10포인트였다.", 10, "index_points"),
    ("가상시는 경쟁력 2위를 기록했다.", 2, "rank"),
    ("배송 시간이 10 일 정도 짧다.", 10, "days"),
    ("본회의는 한 차례 열렸다.", 1, "count"),
])
def test_values_and_units(sentence, value, unit):
    r = only(sentence)
    assert r["unit"] == unit
    assert r["value"] == pytest.approx(value)


def test_index_scores_without_a_unit_word():
    rows = extract("가상시 스마트산업 발전지수는 117.4로 전월 대비 3.1% 상승했다.")
    got = by_value(rows)
    assert (117.4, "index_points") in got and (3.1, "percent") in got


def test_a_bracketed_krw_conversion_is_its_own_row():
    rows = extract("지난해 수출 총량은 2조1천억 위안(약 395조원)을 넘어섰다.", published=date(2028, 3, 9))
    got = by_value(rows)
    cny, krw = got[(2.1e12, "CNY")], got[(3.95e14, "KRW")]
    assert cny["qualifier"] == "at_least" and krw["qualifier"] == "approx"
    assert cny["period"] == krw["period"] == "2027"


def test_a_table_header_names_the_indicator():
    text = "구분\t구독 사용자 수\t택시 호출 사용자 수\n규모\t3.15 억 명\t2.08 억 명\n"
    rows = extract(text)
    assert [r["indicator"] for r in rows] == ["구독 사용자 수", "택시 호출 사용자 수"]
    assert all(text[r["char_start"]:r["char_end"]] == r["value_text"] for r in rows)  # the cell


def test_a_flattened_html_list_gives_one_evidence_per_bullet():
    text = ('<p>현황</p>\t<ul style="list-style-type: none"> • 거래액 2027년 7조 위안 초과 '
            '• 전자 영수증 2027년 318.45억 건으로 17.6% 증가')
    rows = extract(text)
    assert len(rows) == 3
    first = by_value(rows)[(7e12, "CNY")]
    assert text[first["char_start"]:first["char_end"]] == "거래액 2027년 7조 위안 초과"
    assert first["qualifier"] == "at_least" and first["period"] == "2027"


# -------------------------------------------------------------- qualifiers ----
@pytest.mark.parametrize("sentence, qualifier", [
    ("개발자는 417 만 명 이상이다.", "at_least"),
    ("앱은 5,300 개가 넘는다.", "at_least"),
    ("판매액은 6조 위안을 돌파했다.", "at_least"),
    ("협력사는 1,700 여 개다.", "approx"),
    ("투자는 30여억 위안이다.", "approx"),
    ("매출은 약 37%를 차지했다.", "approx"),
    ("소비자는 거의 9 억 명이다.", "approx"),
    ("기업은 15만 개 사에 가까운 규모다.", "approx"),
    ("분과 회의는 40개 가까이 열렸다.", "approx"),
    ("불량률은 4% 미만이다.", "at_most"),
    ("가상시는 15위 안에 들었다.", "at_most"),
    ("점유율은 3% 이하다.", "at_most"),
    ("회원은 70여명이 넘는다.", "approx"),  # two markers: the approximate one wins
    ("매출은 12%다.", None),
])
def test_qualifiers(sentence, qualifier):
    assert only(sentence)["qualifier"] == qualifier


# -------------------------------------------------------------------- kind ----
def test_kind_actual_target_forecast():
    assert only("가상전자는 지난해 공장 4곳을 세웠다.")["kind"] == "actual"
    assert only("허구시는 2026년까지 공장 120개를 건설할 계획이다.")["kind"] == "target"
    assert only("로봇 시장 규모는 700억 달러에 이를 것으로 전망된다.")["kind"] == "forecast"
    assert only("방안은 광섬유 보급률 95%를 제시했다.")["kind"] == "target"  # the plan's own words


def test_a_past_clause_stays_actual_in_a_forecast_sentence():
    got = by_value(extract("가입자는 24% 증가했으며 매출은 96% 증가할 것으로 보고 있다."))
    assert got[(24, "percent")]["kind"] == "actual"
    assert got[(96, "percent")]["kind"] == "forecast"


def test_a_goals_section_makes_its_list_targets_with_the_lead_deadline():
    text = ("2) 주요 목표\n\n2026 년까지 물류 역량을 높일 것이다.\n\n① 배송 수준 제고\n\n"
            "- 무인 창고 180개 육성\n- 물류 플랫폼 35개 양성\n\n3) 기타\n\n창고 9개를 세웠다.")
    got = by_value(extract(text))
    for key in ((180, "count"), (35, "count")):
        assert got[key]["kind"] == "target" and got[key]["period"] == "2026"
    assert got[(9, "count")]["kind"] == "actual" and got[(9, "count")]["period"] is None


def test_a_target_gets_the_nearest_preceding_plan():
    text = "시는 '물류 혁신 방안'을 발표했다.\n방안은 2026년까지 물류센터 25곳을 건설할 계획이다."
    plans = [{"plan_id": "plan_a", "title": "물류 혁신 방안", "period_start": None, "period_end": 2026,
              "char_start": 4, "char_end": 12}]
    r = only(text, plans=plans)
    assert r["kind"] == "target" and r["plan_id"] == "plan_a"
    actual = only("창고 6곳을 세웠다.", plans=[dict(plans[0], char_start=0, char_end=1)])
    assert actual["plan_id"] is None  # only targets belong to plans


# ------------------------------------------------------------------ period ----
def test_relative_years_resolve_against_publication():
    assert only("지난해 매출은 65억 위안이었다.")["period"] == "2021"
    assert only("올해 투자는 7억 위안이다.")["period"] == "2022"
    assert only("매출은 전년 대비 17% 증가했다.")["period"] is None  # 전년 대비 is a base, not a period
    assert only("매출은 작년 같은 기간보다 8.6% 늘었다.")["period"] is None
    assert only("매출은 65억 위안이다.", published=None)["period"] is None


def test_relative_months_resolve_against_publication():
    assert only("충전소는 지난달 말 기준 184만 개로 집계됐다.")["period"] == "2022-06"
    assert only("이달 수출액은 45억 달러로 늘었다.")["period"] == "2022-07"
    assert only("지수는 전월 대비 1.7% 올랐다.")["period"] is None  # 전월 대비 is a base, not a period


def test_month_precision_and_as_of_carry_over():
    text = "2027년 11월 기준 지수는 121.6이었다. 평균보다 높은 지역은 9개 성이다."
    rows = extract(text, published=P)
    assert {r["period"] for r in rows} == {"2027-11"}


def test_a_range_gives_the_start_to_the_from_value():
    # '<start>부터 <end>까지 … A에서 B로': the from-value is the figure of the start year
    got = by_value(extract("2019년부터 2027년까지 허구시 물류 매출은 4 조 위안에서 9 조 위안으로 늘었다.", published=P))
    assert got[(4e12, "CNY")]["period"] == "2019"
    assert got[(9e12, "CNY")]["period"] == "2027"
    # without a from-value both ends of a range give the end year
    got = by_value(extract("2019년부터 2027년까지 허구시는 물류센터 14곳을 지었다.", published=P))
    assert got[(14, "count")]["period"] == "2027"


def test_a_date_in_another_clause_does_not_apply():
    r = only("육성 사업은 2024 년 3 월에 시작되었으며 가상시의 11 개 팀이 입주했다.", published=P)
    assert r["period"] is None
    r = only("2026년 4월, 허구시는 8개 단지 개소식을 열었다.", published=P)
    assert r["period"] == "2026-04"


# ---------------------------------------------------------- not metrics ------
@pytest.mark.parametrize("text", [
    "2022년 7월 13일 발행",                          # calendar date
    "2022.07.13",
    "제 4회 박람회가 열렸다. 제 316호를 냈다.",          # ordinals
    "1. 개요\n1) 배경\n① 목표\n사진 1) 출처: 신문",    # list markers and captions
    "6G 기지국과 Wi-Fi 9, TVN7, Star2Global, 웹 4.0을 다룬다.",  # numbers in names
    "'2027 허구 물류 박람회'가 열렸다.",
    "3대 계획을 발표했다.",                            # counts of the text's own enumerations
    "건설은 다섯 가지 측면을 포함한다.",
    "구상은 일곱 개 거점을 선점한다.",
    "보고서는 물류, 금융, 교육 3 가지 측면으로 분석했다.",
    "메일: info@gasang-example.org 전화: +86-21-5123-7790 홈페이지 http://b.org/5개",
    "효과는 3 만큼 크다.",
    "'3개 네트워크 통합' 모델을 출시했다.",
    "수백 개의 기업이 참여했다.",
    "표 3) 출처: 연구센터 상위 20 위권 성",
])
def test_not_metrics(text):
    assert extract(text) == []


def test_a_real_count_beside_a_short_list_is_kept():
    # four named fields '등' eight: the list is an example, the count is a fact
    r = only("기술은 조선·섬유·화학·물류 등 9개 분야에 활용됐다.")
    assert r["value"] == 9 and r["unit"] == "count"


def test_the_text_is_not_modified_and_offsets_index_it():
    text = "\ufeff  지수는 48.3, 57.9로 올랐다.\n"
    rows = extract(text)
    assert [text[r["char_start"]:r["char_end"]].count(r["value_text"]) >= 1 for r in rows] == [True, True]


def test_an_as_of_date_with_hyeonjae_is_that_date_not_the_publication_year():
    assert only("3월 말 현재 전기차 이용자는 2억1천300만 명이다.")["period"] == "2022-03"
    assert only("현재 전기차 이용자는 2억1천300만 명이다.")["period"] == "2022"


@pytest.mark.parametrize("text, value, unit", [
    ("해외 투자 유치액은 US$ 17억 규모다.", 17e8, "USD"),
    ("투자액은 $6억에 이른다.", 6e8, "USD"),
    ("가상전자의 연간 매출은 RMB 3,185억으로 집계됐다.", 3185e8, "CNY"),
])
def test_a_currency_written_before_the_number(text, value, unit):
    r = only(text)
    assert (r["value"], r["unit"]) == (value, unit)


def test_a_deadline_ahead_in_the_present_tense_is_a_target():
    r = only("허구성은 2026년까지 민원 온라인 처리율을 85%로 높인다.")
    assert (r["kind"], r["period"]) == ("target", "2026")
    assert only("허구성은 2021년까지 처리율을 85%로 높였다.")["kind"] == "actual"


# ------------------------------------------- invented sentences: this session's rules ----
P = date(2029, 4, 2)


def test_a_range_gives_two_rows_low_at_least_high_at_most():
    got = by_value(extract("가상그룹은 연구소를 4~6곳 더 세울 계획이다.", published=P))
    assert got[(4, "count")]["qualifier"] == "at_least" and got[(6, "count")]["qualifier"] == "at_most"
    got = by_value(extract("투자액은 2700억~3100억 위안으로 추산된다.", published=P))
    assert set(got) == {(2.7e11, "CNY"), (3.1e11, "CNY")}
    got = by_value(extract("보조금은 7~9억 달러다.", published=P))  # the low end takes the high end's magnitude
    assert set(got) == {(7e8, "USD"), (9e8, "USD")}


def test_a_year_range_is_not_a_metric():
    assert extract("이 계획(2027~2030년)은 지난달 공개됐다.", published=P) == []


@pytest.mark.parametrize("sentence, value", [
    ("가상시 인구의 4분의 1이 원격근무를 한다.", 25),
    ("전체의 2/5가 중소기업이다.", 40),
])
def test_fractions_of_a_whole_are_percent(sentence, value):
    r = only(sentence, published=P)
    assert r["unit"] == "percent" and r["value"] == pytest.approx(value)


def test_n_plus_is_at_least():
    r = only("'300+ 스타트업 육성' 사업을 벌인다.", published=P)
    assert (r["value"], r["qualifier"]) == (300, "at_least")


@pytest.mark.parametrize("sentence, qualifier", [
    ("방문객이 9만 명을 훌쩍 넘어섰다.", "at_least"),
    ("점유율이 전체의 7%에도 못 미친다.", "at_most"),
    ("지원 비율을 최대 60%까지 높인다.", "at_most"),
    ("가상대학은 세계 20위권 대학이다.", "at_most"),
    ("참가 기업은 60여 곳이 넘는다.", "approx"),
    ("매출은 3천억 원 남짓이다.", "approx"),
    ("공사비는 근 5억 위안에 이른다.", "approx"),
])
def test_qualifier_words(sentence, qualifier):
    assert only(sentence, published=P)["qualifier"] == qualifier


def test_native_numerals_before_bai_and_machines_counted_with_dae():
    assert only("수출이 세 배로 늘었다.", published=P)["value"] == 3
    r = only("로봇 12만 대를 배치했다.", published=P)
    assert (r["value"], r["unit"]) == (1.2e5, "count")
    assert extract("가상시는 7대 산업을 키운다.", published=P) == []  # 'N major …' is a name


def test_markup_around_a_unit_is_html():
    for written in ("m<sup>2</sup>", "m²", "m<sup> 2 </sup>"):
        r = only(f"신축 전시장은 4만 {written} 규모다.", published=P)
        assert (r["value"], r["unit"]) == (4e4, "square_meter")


def test_a_table_header_gives_unit_magnitude_and_period():
    text = "지역\t2028년 매출(억 위안)\t기업 수(개)\n가상시\t12.5\t340\n허구시\t7.0\t1,200여\n"
    got = by_value(extract(text, published=P))
    assert got[(12.5e8, "CNY")]["period"] == "2028"
    assert got[(1200, "count")]["qualifier"] == "approx"
    assert (2028, "count") not in got


def test_a_caption_gives_its_units_to_the_bare_cells_of_its_table():
    text = ("<표 3> 가상시 플랫폼 분기별 거래액\n(단위: 억 위안, %)\n"
            "항목\t3Q27\t4Q27\t하반기\t전년 대비\n"
            "온라인 거래\t210\t245\t455\t12.4\n"
            "자료: 가상시 상무국\n\n"
            "연말까지 가맹점은 3,000곳 늘었다.\n")
    got = by_value(extract(text, published=P))
    assert {k for k in got if k[1] == "CNY"} == {(210e8, "CNY"), (245e8, "CNY"), (455e8, "CNY")}
    assert got[(12.4, "percent")]["period"] == "2027"  # the quarter tags name the year
    assert got[(210e8, "CNY")]["period"] == "2027"
    assert (3000, "count") in got  # the caption stops at its table


def test_a_section_heading_naming_a_year_dates_its_figures_over_the_title_year():
    text = ("가상성 2031년 정부업무보고\n假想省2031年政府工作报告\n\n一. 2030년 업무 회고\n\n"
            "1. 산업이 커졌다. 디지털 기업은 4,200곳으로 늘었다.\n")
    assert only(text, published=P)["period"] == "2030"


def test_a_forecast_year_heading_a_column_makes_its_cells_forecasts_and_a_bare_year_dates_them():
    text = ("가상그룹은 2033년까지 매출 1조 위안을 달성할 계획이다.\n"
            "기업\t2030 매출(억 위안)\t'31F 매출(억 위안)\n가상전자\t120.5\t140.0\n")
    got = by_value(extract(text, published=P))
    assert (got[(120.5e8, "CNY")]["kind"], got[(120.5e8, "CNY")]["period"]) == ("actual", "2030")
    assert (got[(140e8, "CNY")]["kind"], got[(140e8, "CNY")]["period"]) == ("forecast", "2031")


def test_a_unit_in_the_row_header_or_a_caption_of_computing_power_covers_the_row():
    text = ("구분\t2027\t2028E\n범용 연산(EFLOPS)\t210\t260\n서버 출하(만 대)\t31\t35\n\n"
            "<표 5> 가상 클러스터 연산 능력\n(단위: EFLOPS)\n클러스터\t소재지\t2027\n허구 클러스터\t가상시\t12.5\n")
    got = by_value(extract(text, published=P))
    assert {(210, "exaflops"), (260, "exaflops"), (31e4, "count"), (35e4, "count"), (12.5, "exaflops")} <= set(got)


def test_a_period_column_measures_what_the_caption_names_for_the_row():
    text = ("<표 4> 가상시 업종별 분기 매출액\n(단위: 억 위안)\n업종\t3Q27\t4Q27\n"
            "클라우드 서비스\t210\t245\n가상전자그룹\t95\t99\n")
    got = by_value(extract(text, published=P))
    assert got[(210e8, "CNY")]["indicator"] == "클라우드 서비스 매출액"
    assert got[(95e8, "CNY")]["indicator"] == "매출액"  # an entity row is the subject, not the measure


def test_a_year_row_header_dates_its_row_and_a_caption_listing_one_unit_covers_all():
    text = "[가상 기기 출하량]\n(단위: 만 대)\n연도\t출하량\t수출\n2026\t12.5\t3.1\n2027\t15.0\t4.2\n"
    got = by_value(extract(text, published=P))
    assert got[(12.5e4, "count")]["period"] == "2026" and got[(4.2e4, "count")]["period"] == "2027"
    assert not any(r["value"] in (2026, 2027) for r in got.values())  # the row headers are labels


def test_items_under_a_goals_label_are_goals_of_its_year_and_the_next_label_ends_them():
    text = ("■ 가상성 : 로봇 산업 육성\n"
            " · 현황 : 로봇 기업 1,200곳, 매출 300억 위안\n"
            " · 핵심 목표 (2031년)\n"
            "   - 로봇 산업 매출 900억 위안 이상\n"
            "   - 전문 인력 2만 명 양성\n"
            " · 평가 : 인건비는 연안의 70% 수준\n")
    got = by_value(extract(text, published=P))
    for key in [(900e8, "CNY"), (2e4, "persons")]:
        assert (got[key]["kind"], got[key]["period"]) == ("target", "2031"), key
    for key in [(1200, "count"), (300e8, "CNY"), (70, "percent")]:
        assert got[key]["kind"] == "actual", key


def test_a_sentence_announcing_the_goals_makes_the_items_below_goals():
    text = ("가상성은 작년 매출 120억 위안을 올렸다.\n행동방안의 주요 목표는 다음과 같다.\n"
            " ㅇ 선도 기업 15개 이상 육성\n ㅇ 산업 규모 600억 위안 돌파\n"
            "한편 올해 1분기 수출은 9억 위안이었다.\n")
    got = by_value(extract(text, published=P))
    assert got[(15, "count")]["kind"] == got[(600e8, "CNY")]["kind"] == "target"
    assert got[(120e8, "CNY")]["kind"] == got[(9e8, "CNY")]["kind"] == "actual"


def test_a_table_under_a_goals_heading_states_goals_of_its_year():
    text = "■ 비교 : 세 도시의 2031년 핵심 목표\n도시\t산업 목표\n가상시\t700억 위안\n허구시\t450억 위안\n"
    got = by_value(extract(text, published=P))
    assert {(r["kind"], r["period"]) for r in got.values()} == {("target", "2031")}


@pytest.mark.parametrize("sentence", ["가상시 거래액은 2Q28 기준 40억 위안이다.", "가상시 거래액은 2028Q2 40억 위안이다."])
def test_a_quarter_tag_states_its_year(sentence):
    assert only(sentence, published=P)["period"] == "2028"


@pytest.mark.parametrize("sentence, kind", [
    ("가상시는 2031년까지 데이터센터 15곳을 구축할 계획이다.", "target"),
    ("가상그룹은 내년 매출 900억 위안을 목표로 제시했다.", "target"),
    ("업계는 시장이 40% 커질 것으로 내다봤다.", "forecast"),
    ("판매량이 2만 대를 넘을 것으로 보인다.", "forecast"),
    ("한 관계자는 \"비용이 25% 줄어들 것\"이라며 기대를 나타냈다.", "forecast"),
    ("가상시는 지난해 로봇 800대를 들여왔다.", "actual"),
])
def test_kind_words(sentence, kind):
    assert only(sentence, published=P)["kind"] == kind


def test_a_fact_clause_before_a_forecast_stays_actual():
    got = by_value(extract("이미 30개 도시가 시범 사업을 하고 있으며, 내년에는 50곳으로 늘어날 전망이다.", published=P))
    assert got[(30, "count")]["kind"] == "actual" and got[(50, "count")]["kind"] == "forecast"


def test_a_forecast_does_not_carry_to_the_next_sentence():
    got = by_value(extract("시장은 2조 원에 이를 전망이다. 현재 가입자는 70만 명이다.", published=P))
    assert got[(7e5, "persons")]["kind"] == "actual"


def test_items_under_a_goals_heading_are_targets_with_the_lead_in_deadline():
    text = ("□ 단계별 목표\n"
            "  ㅇ 2032년까지 다음 과제를 추진함\n"
            "   - 스마트 공장 450곳 보급\n"
            "   - 전문 인력 2만 명 양성\n")
    rows = extract(text, published=P)
    assert {(r["kind"], r["period"]) for r in rows} == {("target", "2032")}


def test_periods_carry_through_the_paragraph_and_a_heading_names_the_year():
    got = by_value(extract("2027년 가상시 수출은 90억 달러였다. 이 가운데 반도체가 35%를 차지했다.", published=P))
    assert got[(35, "percent")]["period"] == "2027"
    text = "## 2030 가상 스마트도시 박람회\n\n참가 기업은 420곳이다.\n"
    assert only(text, published=P)["period"] == "2030"


def test_comparison_bases_and_open_horizons_give_no_period():
    r = only("매출은 전년 대비 18% 늘었다.", published=None)
    assert r["period"] is None
    r = only("향후 10년 동안 시장이 3배 커질 것으로 예상된다.", published=P)
    assert r["period"] is None


# ------------------------------------- invented sentences: abbreviated years and table notes ----
def test_a_bracketed_year_labelling_a_list_item_dates_the_item():
    text = ("□ 단계별 목표\n"
            "- (1단계, ′31) 로봇 산업 규모 800억 위안, 전문 기업 45개 육성\n"
            "- (2단계, ′33) 로봇 산업 규모 1,200억 위안 이상\n")
    got = by_value(extract(text, published=P))
    assert got[(8e10, "CNY")]["period"] == got[(45, "count")]["period"] == "2031"
    assert got[(1.2e11, "CNY")]["period"] == "2033"
    # a bracketed year inside the sentence is not a label: it dates the figure before it only
    got = by_value(extract("- 가상시 로봇 수출 : 70억 위안(’27) → 95억 위안(′31)", published=P))
    assert got[(7e9, "CNY")]["period"] == "2027" and got[(7e9, "CNY")]["kind"] == "actual"
    assert got[(9.5e9, "CNY")]["period"] == "2031"


def test_the_year_a_multiple_is_taken_of_is_a_comparison_base():
    r = only("업계는 ′31년 가상시 로봇 수출이 ’28년의 세 배 수준까지 늘어날 것으로 예상했다.", published=P)
    assert (r["value"], r["unit"], r["period"], r["kind"]) == (3, "times", "2031", "forecast")
    r = only("2028년의 매출은 40억 위안이었다.", published=P)  # '의' alone does not make a base
    assert r["period"] == "2028"


def test_a_note_under_a_table_dates_the_column_it_names():
    text = ("지역\t설립\t2028년 매출(억 위안)\t입주 기업(개)\n"
            "가상시\t2019\t12.5\t340\n"
            "허구시\t2021\t7.0\t1,200여\n"
            "주 : 1) 매출은 연간 수치이며, 입주 기업 수는 2029년 2월 말 기준\n"
            "2) 허구시는 2027년 매출을 적었음\n"
            "\n"
            "두 도시의 격차는 5.5억 위안이다.\n")
    got = by_value(extract(text, published=P))
    assert got[(340, "count")]["period"] == got[(1200, "count")]["period"] == "2029-02"
    assert got[(12.5e8, "CNY")]["period"] == "2028"  # the header's own year wins
    # the notes qualify the table: the paragraph after it keeps the table's time frame
    assert got[(5.5e8, "CNY")]["period"] == "2028"
    # a note that names no column dates nothing
    text2 = "지역\t입주 기업(개)\n가상시\t340\n주 : 2029년 2월 말 기준 자료를 다시 정리함\n"
    assert only(text2, published=P)["period"] is None


# ------------------------------------------------ invented sentences: planned investments ----
@pytest.mark.parametrize("sentence, kind", [
    ("가상전자는 총 투자 35억 위안 규모의 배터리 공장 프로젝트를 체결했다.", "target"),
    ("허구시는 각각 9억 위안과 4억 위안을 투자하는 물류 기지 2곳과 계약했다.", "target"),
    ("반도체 연구원 프로젝트의 총 투자액은 62억 위안이며 내년 착공을 검토하고 있다.", "target"),
    ("두 회사의 계획 투자액은 약 80억 위안이다.", "target"),
    # money reported spent or a signed total stays a fact
    ("가상전자의 평균 투자액이 12억 위안으로 작년보다 8% 증가했다.", "actual"),
    ("가상전자는 5억 달러를 투자하여 연구소를 새로 지었다.", "actual"),
    ("허구시는 이번 박람회에서 투자금 300억 위안을 체결했다.", "actual"),
])
def test_the_investment_a_project_is_to_take_is_a_target(sentence, kind):
    got = [r for r in extract(sentence, published=P) if r["unit"] == "CNY" or r["unit"] == "USD"]
    assert got and {r["kind"] for r in got} == {kind}, got


def test_a_bracketed_conversion_takes_the_kind_of_its_figure():
    got = by_value(extract("▲2027년 5월 = 가상전자, 허구시에 연구소 건립 발표. 투자 규모 3억 달러(약 4,100억 원)",
                           published=P))
    assert got[(3e8, "USD")]["kind"] == got[(4.1e11, "KRW")]["kind"] == "target"


def test_a_plan_reported_under_an_earlier_year_stays_a_plan():
    # the year of the list item is when the plan was made, not its deadline
    text = "▲2026년 = 가상통신 3사가 허구시에 데이터센터 착공. 3사 합산 계획 투자액은 약 90억 위안\n"
    assert only(text, published=P)["kind"] == "target"
    text = "- 가상시 로봇 수출 : 70억 위안(’27) → 95억 위안(′31)"  # a year the figure states itself
    assert by_value(extract(text, published=P))[(7e9, "CNY")]["kind"] == "actual"


# ------------------------------------- invented sentences: forecasts, prizes, capacity ----
@pytest.mark.parametrize("sentence, kind", [
    ("향후 가정용 로봇 보급률은 35%에 도달할 것이다.", "forecast"),      # a change foreseen
    ("허구시 데이터 시장은 80억 위안 규모로 커질 것이다.", "forecast"),
    ("가상시는 충전소 400곳을 새로 세울 것이다.", "target"),             # an agent's plan
    ("가상시는 2031년까지 보급률을 35%에 도달시킬 것이다.", "target"),
    ("가상시는 2031년까지 보급률 35%에 도달할 것이다.", "target"),       # a deadline: a goal
])
def test_a_foreseen_change_is_a_forecast_a_plan_a_target(sentence, kind):
    assert only(sentence, published=P)["kind"] == kind


def test_a_clause_joined_by_hago_shares_the_forecast():
    got = by_value(extract("드론 배송 비중은 15%에 도달하고, 무인 매장이 확산될 것이다.", published=P))
    assert got[(15, "percent")]["kind"] == "forecast"
    got = by_value(extract("보급률은 12% 수준이며, 내년에는 20%를 넘어설 것으로 보인다.", published=P))
    assert got[(12, "percent")]["kind"] == "actual" and got[(20, "percent")]["kind"] == "forecast"


def test_prize_money_announced_is_a_target():
    got = by_value(extract("- 우승팀 2곳에 상금 6만 위안, 준우승 4곳에 상금 2만 위안 지급", published=P))
    assert {r["kind"] for r in got.values()} == {"target"}
    assert only("우승팀은 상금 6만 위안을 지급받았다.", published=P)["kind"] == "actual"


def test_what_a_facility_will_hold_once_built_is_a_target():
    assert only("완공 후 서버 25만 대를 수용해 지역 기업에 서비스를 제공한다.", published=P)["kind"] == "target"
    assert only("완공 후 첫해 서버 25만 대를 들여놓았다.", published=P)["kind"] == "actual"


def test_a_statement_naming_nobody_falls_back_on_the_headline_not_the_page_chrome():
    text = "본문 바로가기\n해양 데이터 플랫폼 확대\n\n- 누적 결제액 45억 위안\n"
    rows = extract_metrics(text, None, [], title="해양 데이터 플랫폼 확대")
    assert [r["subject"] for r in rows] == ["해양 데이터 플랫폼 확대"]


def test_the_year_of_a_comparison_base_figure_dates_that_figure_only():
    text = ("항저우시의 데이터센터 랙은 지난해 말 기준 64만 개였다.\n"
            "이는 2019년의 40만 개보다 60% 늘어난 규모다.\n")
    periods = {r["value_text"]: r["period"] for r in extract_metrics(text, date(2025, 2, 3), [])}
    assert periods == {"64만 개": "2024", "40만 개": "2019", "60%": "2024"}


def test_a_deadline_does_not_date_the_achieved_figures_of_the_next_paragraph():
    text = ("난징시는 2029년까지 로봇 산업 규모를 900억 위안으로 키울 계획이다.\n"
            "난징의 로봇 기업은 350곳에 이른다.\n")
    rows = {r["value_text"]: r for r in extract_metrics(text, date(2025, 2, 3), [])}
    assert (rows["900억 위안"]["kind"], rows["900억 위안"]["period"]) == ("target", "2029")
    assert rows["350곳"]["kind"] == "actual" and rows["350곳"]["period"] != "2029"


def test_a_month_and_day_written_with_a_slash_is_a_date_not_a_fraction():
    text = "- 3/12 가온전자, 신형 서버 출시. 첫 달 수주 1만 대\n- 4/2(수) 협약 체결\n전체 기업의 1/4이 참여했다.\n"
    got = [(r["value_text"], r["unit"], r["value"]) for r in extract_metrics(text, date(2025, 4, 7), [])]
    assert got == [("1만 대", "count", 10000.0), ("1/4", "percent", 25.0)]


def test_figures_for_years_marked_f_or_e_are_forecasts_of_those_years():
    text = "- 서버 출하액은 2026E 720억 위안.\n- 매출은 2024년 12% 늘었다.\n"
    got = [(r["value_text"], r["kind"], r["period"]) for r in extract_metrics(text, date(2025, 4, 7), [])]
    assert got == [("720억 위안", "forecast", "2026"), ("12%", "actual", "2024")]
