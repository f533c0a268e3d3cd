"""Korean date expressions, resolved against the publication date.

Every sentence here is invented for the test (names, numbers and dates are made up).
Abbreviated years and short dotted dates: test_dates_forms.py; the helpers others
call (is_deadline, year_range) and the undated scan: test_dates_api.py.
"""
from datetime import date

import pytest

from pipeline.extract.dates import DateMention, find_dates

PUB = date(2019, 10, 16)


def one(text, published=PUB):
    found = find_dates(text, published)
    assert len(found) == 1, found
    m = found[0]
    return text[m.start:m.end], m.date_start, m.date_end, m.precision, m.relative


@pytest.mark.parametrize("text, written, start, end, precision", [
    ("2016 년 9 월 14 일, 하란시 물류센터 착공", "2016 년 9 월 14 일", date(2016, 9, 14), None, "day"),
    ("2018년 3월 청운그룹이 합류했다", "2018년 3월", date(2018, 3, 1), None, "month"),
    ("2017년에는 두 배로 늘었다", "2017년", date(2017, 1, 1), None, "year"),
    ("등록 2019.10.16", "2019.10.16", date(2019, 10, 16), None, "day"),
    ("2019. 4. 3. 배포", "2019. 4. 3.", date(2019, 4, 3), None, "day"),
    ("수정 2018-11-05 14:22:09", "2018-11-05", date(2018, 11, 5), None, "day"),
    ("2019 년 6 월 11 일부터 13 일까지 다온시에서", "2019 년 6 월 11 일부터 13 일까지",
     date(2019, 6, 11), date(2019, 6, 13), "day"),
    ("2013년부터 2018년까지 늘었다", "2013년부터 2018년까지", date(2013, 1, 1), date(2018, 1, 1), "year"),
    ("2014년~2017년 누적", "2014년~2017년", date(2014, 1, 1), date(2017, 1, 1), "year"),
    ("2019 - 2023 년)에 따라", "2019 - 2023 년", date(2019, 1, 1), date(2023, 1, 1), "year"),
    ("매출 추이(2012~2018)", "2012~2018", date(2012, 1, 1), date(2018, 1, 1), "year"),
])
def test_absolute(text, written, start, end, precision):
    assert one(text) == (written, start, end, precision, False)


@pytest.mark.parametrize("text, written, start, end, precision", [
    ("8 월 2 일~3 일 이틀간", "8 월 2 일~3 일", date(2019, 8, 2), date(2019, 8, 3), "day"),
    ("9월 24일부터 27일까지 열렸다", "9월 24일부터 27일까지", date(2019, 9, 24), date(2019, 9, 27), "day"),
    ("9월 29일부터 10월 4일까지", "9월 29일부터 10월 4일까지", date(2019, 9, 29), date(2019, 10, 4), "day"),
    ("5월 17~18일 미르시에서", "5월 17~18일", date(2019, 5, 17), date(2019, 5, 18), "day"),
    ("지난 3월 12일 공개했다", "3월 12일", date(2019, 3, 12), None, "day"),
    ("[누리통신 하란 10월15일]", "10월15일", date(2019, 10, 15), None, "day"),
    ("11월 청운 기술 설명회", "11월", date(2019, 11, 1), None, "month"),
    ("올해 새로 단장했다", "올해", date(2019, 1, 1), None, "year"),
    ("지난해 미르시의", "지난해", date(2018, 1, 1), None, "year"),
    ("작년 매출", "작년", date(2018, 1, 1), None, "year"),
    ("전년 매출", "전년", date(2018, 1, 1), None, "year"),
    ("내년 2월 착공", "내년 2월", date(2020, 2, 1), None, "month"),
    ("지난달 말 기준", "지난달", date(2019, 9, 1), None, "month"),
    ("지난 달 21일 열린 회의", "지난 달 21일", date(2019, 9, 21), None, "day"),
    ("이달 중순 공개", "이달", date(2019, 10, 1), None, "month"),
    ("이번 달에는", "이번 달", date(2019, 10, 1), None, "month"),
    ("다음 달 8일 개막", "다음 달 8일", date(2019, 11, 8), None, "day"),
    ("내달 시행", "내달", date(2019, 11, 1), None, "month"),
    ("전월 매출", "전월", date(2019, 9, 1), None, "month"),
])
def test_relative_to_publication(text, written, start, end, precision):
    assert one(text) == (written, start, end, precision, True)


def test_bare_day_is_in_the_publication_month_or_the_one_before():
    assert one("3일 열린 전시회", date(2017, 4, 6))[1] == date(2017, 4, 3)
    assert one("지난 2 일, 설명회가", date(2018, 9, 12))[1] == date(2018, 9, 2)
    # day 25 is after an issue of the 16th: it was last month's 25th
    assert one("25일 열린 토론회", PUB)[1] == date(2019, 9, 25)
    # 오는 (coming) points forward instead
    assert one("오는 9일 개최", PUB)[1] == date(2019, 11, 9)


def test_month_and_year_boundaries():
    assert one("11월 행사에서", date(2021, 2, 3))[1] == date(2020, 11, 1)  # a November event in a February issue
    assert one("지난 12월 19일 공개", date(2021, 2, 3))[1] == date(2020, 12, 19)
    assert one("27일 열린", date(2021, 1, 4))[1] == date(2020, 12, 27)  # day after the 4th: previous month and year
    assert one("오는 6일 개최", date(2018, 12, 27))[1] == date(2019, 1, 6)
    assert one("지난해 매출", date(2021, 1, 4))[1] == date(2020, 1, 1)
    assert one("지난달 말 기준", date(2021, 1, 4))[1] == date(2020, 12, 1)
    assert one("다음 달 5일", date(2018, 12, 27))[1] == date(2019, 1, 5)
    m = find_dates("12월 30일부터 1월 2일까지", date(2018, 12, 3))[0]
    assert (m.date_start, m.date_end) == (date(2018, 12, 30), date(2019, 1, 2))


def test_listed_dates_share_the_year_and_month():
    got = [(m.date_start, m.precision) for m in find_dates("2016년 8월과 9월", PUB)]
    assert got == [(date(2016, 8, 1), "month"), (date(2016, 9, 1), "month")]
    got = [m.date_start for m in find_dates("4월 2일과 3일, 공개", PUB)]
    assert got == [date(2019, 4, 2), date(2019, 4, 3)]


def test_without_publication_date_the_nearest_explicit_year_anchors():
    text = "2017년 다온시는 지난 6월 3일 지원 방안을 공개했다. 올해 목표는"
    got = [(text[m.start:m.end], m.date_start, m.relative) for m in find_dates(text, None)]
    assert got == [("2017년", date(2017, 1, 1), False), ("6월 3일", date(2017, 6, 3), True),
                   ("올해", date(2017, 1, 1), True)]


def test_without_publication_date_or_anchor_relative_dates_are_left_out():
    assert find_dates("지난 6월 3일 공개했다. 올해 9일에", None) == []
    # a bare day or '지난달' needs a month: a year-only anchor is not enough
    assert [m.precision for m in find_dates("2016년 자료. 9일 열린", None)] == ["year"]
    assert [m.precision for m in find_dates("2016년 자료. 지난달 말 기준", None)] == ["year"]
    got = [(m.date_start, m.precision) for m in find_dates("2016년 8월 자료. 지난달 말 기준", None)]
    assert got == [(date(2016, 8, 1), "month"), (date(2016, 7, 1), "month")]


def test_a_deadline_is_not_an_anchor():
    assert find_dates("2027년까지 마친다. 지난 6월 3일 공개", None)[1:] == []
    assert find_dates("2027년 말까지 마친다. 지난 6월 3일 공개", None)[1:] == []


def test_window_and_anchor_before_it():
    text = "2014년 2월 자료. 7월에는 확대"
    start = text.index("7월")
    got = find_dates(text, None, start)
    assert [(m.date_start, m.start) for m in got] == [(date(2014, 7, 1), start)]
    # the window end cuts '2014년 2월': only what lies inside is read
    assert [(m.date_start, m.precision) for m in find_dates(text, PUB, 0, 5)] == [(date(2014, 1, 1), "year")]


def test_a_year_alone_dates_what_happened_that_year():
    text = "미르전자는 2012년 하란시에 연구소를 건립했고 2015 년 두 번째 공장을 세웠다."
    got = [(text[m.start:m.end], m.date_start, m.precision) for m in find_dates(text, None)]
    assert got == [("2012년", date(2012, 1, 1), "year"), ("2015 년", date(2015, 1, 1), "year")]


@pytest.mark.parametrize("text", [
    "4년 만에 처음", "향후 15년 동안", "6일간 진행", "2일 동안", "제 3회 포럼", "제 512호",
    "17.8% 증가", "3000 개 기업", "2018 청운 기술 박람회", "1980년대 이후", "5개월 만에",
    "전년 대비 3.7%", "전년 동기 대비", "전월 대비 1.9%", "전월比", "이달리아", "수출이 달러로", "다음 달러 환율",
    "일본 기업", "14 일부", "+82-31-4417-2093", "6 년 연속", "21년 만에 재개", "12년째",
])
def test_not_dates(text):
    assert find_dates(text, PUB) == []


def test_offsets_are_half_open_and_sorted():
    text = "나. 2019년 2월 8일 공개 후 3월 4일 시행"
    got = find_dates(text, PUB)
    assert [text[m.start:m.end] for m in got] == ["2019년 2월 8일", "3월 4일"]
    assert all(isinstance(m, DateMention) for m in got)
    assert got[0].start < got[1].start


def test_invalid_calendar_dates_are_dropped():
    assert find_dates("2019년 2월 29일", PUB) == []
    assert find_dates("2019.2.30 공지", PUB) == []


def test_years_relative_to_the_date_just_mentioned():
    text = "하란시는 2016년 4월 지침을 냈고, 다온시도 같은 해 10월 방안을 공개했다. 청운항은 이듬해 7월 개장"
    got = [(text[m.start:m.end], m.date_start) for m in find_dates(text, PUB)]
    assert got == [("2016년 4월", date(2016, 4, 1)), ("같은 해 10월", date(2016, 10, 1)),
                   ("이듬해 7월", date(2017, 7, 1))]
    m = find_dates("2015년 9월부터 이듬해 3월까지", PUB)[0]
    assert (m.date_start, m.date_end) == (date(2015, 9, 1), date(2016, 3, 1))
    # only a date on the same line counts; none at all: left out
    assert [m.date_start for m in find_dates("2016년 착공.\n같은 해 9월 완공", PUB)] == [date(2016, 1, 1)]
    assert find_dates("이듬해 완공", PUB) == []


@pytest.mark.parametrize("text", ["그 해외 법인", "같은 해외 시장", "동년배 창업자", "다음 해결 과제", "소식이 전해졌다"])
def test_not_relative_years(text):
    assert find_dates(text, date(2019, 10, 16)) == []
