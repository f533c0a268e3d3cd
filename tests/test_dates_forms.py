"""Abbreviated years and short dotted dates (briefing style). Invented sentences only."""
from datetime import date

import pytest

from pipeline.extract.dates import find_dates, year_of

PUB = date(2026, 3, 18)  # a Wednesday


def found(text, published=PUB):
    return [(text[m.start:m.end], m.date_start, m.date_end, m.precision) for m in find_dates(text, published)]


# ------------------------------------------------------------ abbreviated years --

@pytest.mark.parametrize("text, written, year", [
    ("’19년 하란시 로봇산업 매출은", "’19년", 2019),
    ("'17년 대비 두 배", "'17년", 2017),
    ("′33년까지 청정에너지 비중 확대", "′33년", 2033),
    ("‘27년의 세 배 수준", "‘27년", 2027),
    ("`16년 설립", "`16년", 2016),
    ("´29년 목표", "´29년", 2029),
    ("’98년 외환위기 이후", "’98년", 1998),
    ("’08 년 금융위기", "’08 년", 2008),
])
def test_abbreviated_year(text, written, year):
    assert found(text) == [(written, date(year, 1, 1), None, "year")]


@pytest.mark.parametrize("text, written, first, last", [
    ("’18~’20년 평균 성장률", "’18~’20년", 2018, 2020),
    ("′27∼′29년 추진 계획", "′27∼′29년", 2027, 2029),
    ("’18~20년 누적", "’18~20년", 2018, 2020),
    ("2017~19년 사이", "2017~19년", 2017, 2019),
    ("’24~’28 중기 전략", "’24~’28", 2024, 2028),
    ("다온시 계획(’25-’27)", "’25-’27", 2025, 2027),
])
def test_abbreviated_year_ranges(text, written, first, last):
    assert found(text) == [(written, date(first, 1, 1), date(last, 1, 1), "year")]


@pytest.mark.parametrize("text, written, year", [
    ("로봇 밀도 310대(′27) 달성", "′27", 2027),
    ("- (3단계, ’29) 매출 8,200억 위안", "’29", 2029),
    ("수출 640억 달러(’24 )", "’24", 2024),
])
def test_abbreviated_year_alone_in_brackets(text, written, year):
    assert found(text) == [(written, date(year, 1, 1), None, "year")]


def test_abbreviated_year_with_a_dotted_month_or_day():
    assert found("’24.11월 공개") == [("’24.11월", date(2024, 11, 1), None, "month")]
    assert found("2025.7월 시행") == [("2025.7월", date(2025, 7, 1), None, "month")]
    assert found("’25.6.12 발표") == [("’25.6.12", date(2025, 6, 12), None, "day")]
    assert found("’25. 6. 12. 발표") == [("’25. 6. 12.", date(2025, 6, 12), None, "day")]
    assert found("24.9.30 기준") == [("24.9.30", date(2024, 9, 30), None, "day")]


def test_year_of():
    assert [year_of(w) for w in ("2031", "’31", "'07", "88", "′69", "′70")] == [2031, 2031, 2007, 1988, 2069, 1970]


@pytest.mark.parametrize("text", [
    "'10+1' 협력 체제", "'13·5' 규획 기간", "‘2026 청운 기술 박람회’", "'5G 플러스' 전략",
    "21년 만에 재개", "‘31개 도시’", "'30 클럽' 가입",
])
def test_not_abbreviated_years(text):
    assert find_dates(text, PUB) == []


# ----------------------------------------------------------- short dotted dates --

@pytest.mark.parametrize("text, written, day", [
    ("미르시는 3.24(화) 지원 방안을 공개함", "3.24(화)", date(2026, 3, 24)),
    ("2.9(월) 설명회 개최", "2.9(월)", date(2026, 2, 9)),
    ("4.2(목요일) 접수 마감", "4.2(목요일)", date(2026, 4, 2)),
    ("다온시 인민정부가 세부 지침을 공개함(3.3)", "3.3", date(2026, 3, 3)),
    ("청운그룹, 하란시와 협약 체결 (2.27)", "2.27", date(2026, 2, 27)),
    ("시 재정국은 3.12일 설명회를 열었음", "3.12일", date(2026, 3, 12)),
    ("신청은 3.16부터 받음", "3.16", date(2026, 3, 16)),
    ("3.2 개최된 포럼에서", "3.2", date(2026, 3, 2)),
    ("시 정부는 2.26. 세부 지침을 공개했다", "2.26.", date(2026, 2, 26)),
    ("2.23에 공개된 지침", "2.23", date(2026, 2, 23)),
    ("11.21(금) 마감", "11.21(금)", date(2025, 11, 21)),  # after publication by eight months: last year
])
def test_short_dotted_date(text, written, day):
    assert found(text) == [(written, day, None, "day")]


def test_short_dotted_ranges():
    assert found("6.12(금)~14(일) 하란시에서 열리는") == [("6.12(금)~14(일)", date(2026, 6, 12), date(2026, 6, 14), "day")]
    assert found("1.30(금)~2.2(월) 접수") == [("1.30(금)~2.2(월)", date(2026, 1, 30), date(2026, 2, 2), "day")]


def test_a_space_after_the_dot_needs_a_weekday():
    assert found("선착순 50명(2. 9(월)까지 신청)") == [("2. 9(월)", date(2026, 2, 9), None, "day")]
    # a list number before a day or a month is not a dotted date
    assert found("3. 15일 개최") == [("15일", date(2026, 3, 15), None, "day")]
    assert found("2. 9월 시범 운영") == [("9월", date(2026, 9, 1), None, "month")]


def test_a_wrong_weekday_moves_the_inferred_year():
    # 3.24 is a Tuesday in 2026 but a Monday in 2025: the weekday decides
    assert found("3.24(월) 공개") == [("3.24(월)", date(2025, 3, 24), None, "day")]
    assert found("3월 24일(화) 공개") == [("3월 24일", date(2026, 3, 24), None, "day")]
    # a weekday that fits no neighbouring year leaves the usual reading
    assert found("3.24(일) 공개")[0][1] == date(2026, 3, 24)


def test_short_dates_without_publication_take_the_anchor_year():
    text = "2024년 다온시 동향. 시 정부는 5.7(화) 지침을 냈다"
    assert found(text, None)[1] == ("5.7(화)", date(2024, 5, 7), None, "day")
    assert found("5.7(화) 지침을 냈다", None) == []  # no year anywhere


@pytest.mark.parametrize("text", [
    "매출이 3.24% 늘었다", "생산량은 2.5배 증가", "4.9조 원 규모", "1.5억 명", "판구 3.0 공개", "모델 2.5 공개",
    "GPT-4.5까지 지원", "평균 3.5일 소요", "성장률(4.9)", "지수는 5.3에 머물렀다", "CPI(2.1) 상승",
    "1.2. 사업 개요", "4. 5대 중점 과제", "3.5~4.5% 성장", "1.2.3 버전", "iOS 12.1.2", "버전 3.12 출시",
    "12.5로 올랐다", "약 3.15 수준", "+82-2-3011-2026", "02-2018-7765", "7.5 규모의 지진",
    "출생률이 1.5에 그쳤다", "성장 목표를 5.5까지 낮췄다", "5.5에서 6.1로 높였다", "점유율 1위(3.2)",
])
def test_decimals_versions_and_numbers_are_not_dates(text):
    assert find_dates(text, PUB) == []


def test_a_year_marked_as_a_forecast_or_estimate_is_a_year():
    from datetime import date

    from pipeline.extract.dates import find_dates
    text = "시장 규모는 ’25F 560억 위안, 2026E 720억 위안으로 본다. 모델 X5E와 5G는 아니다.\n"
    assert [(d.date_start, d.precision) for d in find_dates(text, date(2025, 4, 7))] == \
        [(date(2025, 1, 1), "year"), (date(2026, 1, 1), "year")]
