"""Korean date expressions, resolved against the publication date."""
from datetime import date

import pytest

from pipeline.extract.dates import DateMention, find_dates

PUB = date(2022, 7, 13)


def one(text, published=PUB):
    found = find_dates(text, published)
    assert len(found) == 1, found
    m = found[0]
    return text[m.start:m.end], m.date_start, m.date_end, m.precision, m.relative


@pytest.mark.parametrize("text, written, start, end, precision", [
    ("2015 년 7 월 9 일, 첫번째 센터", "2015 년 7 월 9 일", date(2015, 7, 9), None, "day"),
    ("2019년 5월 한국에서", "2019년 5월", date(2019, 5, 1), None, "month"),
    ("2021년에는 성장했다", "2021년", date(2021, 1, 1), None, "year"),
    ("발행 2022.07.13", "2022.07.13", date(2022, 7, 13), None, "day"),
    ("2022. 7. 13. 발행", "2022. 7. 13.", date(2022, 7, 13), None, "day"),
    ("2022 년 7 월 21 일부터 24 일까지 충칭에서", "2022 년 7 월 21 일부터 24 일까지", date(2022, 7, 21), date(2022, 7, 24), "day"),
    ("2012년부터 2021년까지 성장", "2012년부터 2021년까지", date(2012, 1, 1), date(2021, 1, 1), "year"),
    ("2015년~2020년 규모", "2015년~2020년", date(2015, 1, 1), date(2020, 1, 1), "year"),
    ("2022 - 2025 년)을", "2022 - 2025 년", date(2022, 1, 1), date(2025, 1, 1), "year"),
    ("추이(2016~2021)", "2016~2021", date(2016, 1, 1), date(2021, 1, 1), "year"),
])
def test_absolute(text, written, start, end, precision):
    assert one(text) == (written, start, end, precision, False)


@pytest.mark.parametrize("text, written, start, end, precision", [
    ("6 월 15 일~16 일 양일간", "6 월 15 일~16 일", date(2022, 6, 15), date(2022, 6, 16), "day"),
    ("7월 28일부터 30일까지 열렸다", "7월 28일부터 30일까지", date(2022, 7, 28), date(2022, 7, 30), "day"),
    ("7월 28일부터 8월 2일까지", "7월 28일부터 8월 2일까지", date(2022, 7, 28), date(2022, 8, 2), "day"),
    ("4월 26~27일 푸저우에서", "4월 26~27일", date(2022, 4, 26), date(2022, 4, 27), "day"),
    ("지난 4월 8일 발표했다", "4월 8일", date(2022, 4, 8), None, "day"),
    ("[신화망 베이징 8월7일]", "8월7일", date(2022, 8, 7), None, "day"),
    ("9월 한국기업가 산업시찰", "9월", date(2022, 9, 1), None, "month"),
    ("올해 업그레이드되었다", "올해", date(2022, 1, 1), None, "year"),
    ("지난해 베이징의", "지난해", date(2021, 1, 1), None, "year"),
    ("작년 실적", "작년", date(2021, 1, 1), None, "year"),
    ("전년 실적", "전년", date(2021, 1, 1), None, "year"),
    ("내년 3월 개최", "내년 3월", date(2023, 3, 1), None, "month"),
    ("지난달 말 기준", "지난달", date(2022, 6, 1), None, "month"),
    ("지난 달 28일 열린 포럼", "지난 달 28일", date(2022, 6, 28), None, "day"),
    ("이달 초 발표", "이달", date(2022, 7, 1), None, "month"),
    ("이번 달에는", "이번 달", date(2022, 7, 1), None, "month"),
    ("다음 달 15일 개최", "다음 달 15일", date(2022, 8, 15), None, "day"),
    ("내달 출시", "내달", date(2022, 8, 1), None, "month"),
    ("전월 실적", "전월", date(2022, 6, 1), None, "month"),
])
def test_relative_to_publication(text, written, start, end, precision):
    assert one(text) == (written, start, end, precision, True)


def test_bare_day_is_in_the_publication_month_or_the_one_before():
    assert one("7일 열린 박람회", date(2020, 9, 8))[1] == date(2020, 9, 7)
    assert one("지난 4 일, 포럼이", date(2022, 8, 10))[1] == date(2022, 8, 4)
    # day 20 is after an issue of the 13th: it was last month's 20th
    assert one("20일 열린 회의", PUB)[1] == date(2022, 6, 20)
    # 오는 (coming) points forward instead
    assert one("오는 5일 개최", PUB)[1] == date(2022, 8, 5)


def test_month_and_year_boundaries():
    assert one("12월 행사에서", date(2023, 1, 5))[1] == date(2022, 12, 1)  # a December event in a January issue
    assert one("지난 12월 28일 발표", date(2023, 1, 5))[1] == date(2022, 12, 28)
    assert one("28일 열린", date(2023, 1, 5))[1] == date(2022, 12, 28)  # day after the 5th: previous month, previous year
    assert one("오는 3일 개최", date(2022, 12, 20))[1] == date(2023, 1, 3)
    assert one("지난해 실적", date(2023, 1, 5))[1] == date(2022, 1, 1)
    assert one("지난달 말 기준", date(2023, 1, 5))[1] == date(2022, 12, 1)
    assert one("다음 달 3일", date(2022, 12, 20))[1] == date(2023, 1, 3)
    m = find_dates("12월 28일부터 1월 3일까지", date(2022, 12, 1))[0]
    assert (m.date_start, m.date_end) == (date(2022, 12, 28), date(2023, 1, 3))


def test_listed_dates_share_the_year_and_month():
    got = [(m.date_start, m.precision) for m in find_dates("2021년 5월과 6월", PUB)]
    assert got == [(date(2021, 5, 1), "month"), (date(2021, 6, 1), "month")]
    got = [m.date_start for m in find_dates("7월 5일과 6일, 발표", PUB)]
    assert got == [date(2022, 7, 5), date(2022, 7, 6)]


def test_without_publication_date_the_nearest_explicit_year_anchors():
    text = "2020년 상하이는 지난 4월 8일 행동방안을 발표했다. 올해 목표는"
    got = [(text[m.start:m.end], m.date_start, m.relative) for m in find_dates(text, None)]
    assert got == [("2020년", date(2020, 1, 1), False), ("4월 8일", date(2020, 4, 8), True),
                   ("올해", date(2020, 1, 1), True)]


def test_without_publication_date_or_anchor_relative_dates_are_left_out():
    assert find_dates("지난 4월 8일 발표했다. 올해 7일에", None) == []
    # a bare day or '지난달' needs a month: a year-only anchor is not enough
    assert [m.precision for m in find_dates("2020년 보고서. 7일 열린", None)] == ["year"]
    assert [m.precision for m in find_dates("2020년 보고서. 지난달 말 기준", None)] == ["year"]
    got = [(m.date_start, m.precision) for m in find_dates("2020년 3월 보고서. 지난달 말 기준", None)]
    assert got == [(date(2020, 3, 1), "month"), (date(2020, 2, 1), "month")]


def test_a_deadline_is_not_an_anchor():
    assert find_dates("2022년까지 완성한다. 지난 4월 8일 발표", None)[1:] == []


def test_window_and_anchor_before_it():
    text = "2019년 3월 보고서. 5월에는 확대"
    start = text.index("5월")
    got = find_dates(text, None, start)
    assert [(m.date_start, m.start) for m in got] == [(date(2019, 5, 1), start)]
    # the window end cuts '2019년 3월': only what lies inside is read
    assert [(m.date_start, m.precision) for m in find_dates(text, PUB, 0, 5)] == [(date(2019, 1, 1), "year")]


@pytest.mark.parametrize("text", [
    "3년 만에 처음", "향후 10년 동안", "5일간 진행", "3일 동안", "제 2회 포럼", "제 287호",
    "15.3% 증가", "2000 개 기업", "2021 글로벌 디지털 경제 콘퍼런스", "1990년대 이후", "3개월 만에",
    "전년 대비 2.4%", "전년 동기 대비", "전월 대비 2.4%", "전월比", "이달리아", "수출이 달러로", "다음 달러 환율", "일본 기업", "12 일부", "+86-10-6780-8840", "8 년 연속",
])
def test_not_dates(text):
    assert find_dates(text, PUB) == []


def test_offsets_are_half_open_and_sorted():
    text = "가. 2022년 7월 5일 발표 후 8월 1일 시행"
    got = find_dates(text, PUB)
    assert [text[m.start:m.end] for m in got] == ["2022년 7월 5일", "8월 1일"]
    assert all(isinstance(m, DateMention) for m in got)
    assert got[0].start < got[1].start


def test_invalid_calendar_dates_are_dropped():
    assert find_dates("2022년 2월 30일", PUB) == []
