"""Helpers other extractors call (is_deadline, year_range) and the one-pass undated scan.

Invented texts only.
"""
import random
import re
import time
from datetime import date

import pytest

from pipeline.extract.dates import (YearRange, document_dates, find_dates, find_dates_reference, is_deadline,
                                    line_dates, year_range, year_ranges)

PUB = date(2025, 9, 3)


def mention(text, written):
    return next(m for m in find_dates(text, PUB) if text[m.start:m.end] == written)


# ----------------------------------------------------------------- deadlines --

@pytest.mark.parametrize("text, written, deadline", [
    ("2029년까지 120곳으로 늘린다", "2029년", True),
    ("2029년 까지 늘린다", "2029년", True),
    ("′28년 말까지 면제", "′28년", True),
    ("2027년 상반기까지 완공", "2027년", True),
    ("2026년 3분기까지 시범 운영", "2026년", True),
    ("2030년 초까지", "2030년", True),
    ("10. 20(월)까지 신청", "10. 20(월)", True),
    ("2029년에 완공", "2029년", False),
    ("2029년 목표", "2029년", False),
    ("2021년부터 2024년까지 누적", "2021년부터 2024년까지", False),  # the range holds its own 까지
])
def test_is_deadline(text, written, deadline):
    m = mention(text, written)
    assert is_deadline(text, m) is deadline
    assert is_deadline(text, m.end) is deadline


# --------------------------------------------------------------- year ranges --

@pytest.mark.parametrize("text, first, last, written", [
    ("「청운시 데이터 산업 행동계획(2026~2028년)」을", 2026, 2028, "(2026~2028년)"),
    ("매출 추이(2011~2016)", 2011, 2016, "(2011~2016)"),
    ("2022-2026년 중기 계획", 2022, 2026, "2022-2026년"),
    ("’24~’27 중점 과제", 2024, 2027, "’24~’27"),
    ("2023~26년 누적 투자", 2023, 2026, "2023~26년"),
    ("다온시 규획（2024-2028年）", 2024, 2028, "（2024-2028年）"),
    ("2019년부터 2022년까지 시행", 2019, 2022, "2019년부터 2022년까지"),
    ("개요(2013-2019)>", 2013, 2019, "(2013-2019)"),
    ("2015-2018 종합 계획", 2015, 2018, "2015-2018"),
])
def test_year_range(text, first, last, written):
    r = year_range(text)
    assert isinstance(r, YearRange)
    assert (r.first, r.last, text[r.start:r.end]) == (first, last, written)
    y1, y2, s, e = r  # unpacks as a plain tuple
    assert (y1, y2) == (first, last)


@pytest.mark.parametrize("text", [
    "문의 031-2021-2024", "2024-09-03 공지", "2019~2019", "2028~2021년", "2021-23", "3.5~4.5%",
    "2,020~2,025개", "2020년 매출과 2025년 목표",
])
def test_not_year_ranges(text):
    assert year_range(text) is None


def test_year_range_window_and_at_start():
    text = "「미르 물류 발전 방안」 (2027~2029년)을 공개. 이어 (2030~2032)"
    title_end = text.index("」") + 1
    r = year_range(text, title_end, at_start=True)
    assert (r.first, r.last) == (2027, 2029) and text[r.start] == "("
    assert year_range(text, 0, at_start=True) is None  # the text does not open with a range
    assert year_range(text, 0, title_end) is None  # the window holds none
    assert [(r.first, r.last) for r in year_ranges(text)] == [(2027, 2029), (2030, 2032)]


# ------------------------------------------------ undated documents: one pass --

TEXTS = [
    # a chronology without a publication date: relative dates lean on the last explicit one
    "\n".join([
        "청운시 스마트항만 10년",
        "2016년 3월 = 시 정부, 항만 자동화 1단계 착수. 지난달 말 기준 크레인 12기",
        "2017년 = 2단계 시작. 이듬해 5월 4일과 6일 시운전",
        "▲2019년 11월 8일 = 하란해운과 협약. 이달 중순 첫 화물 하역, 20일 정식 운영",
        "- ’21~’23년 3단계: ′23년까지 무인 선석 6곳 (2.14(화) 공개)",
        "2024.5.30 시 발표: 올해 물동량은 작년보다 11% 늘었다. 다음 달 2일 4단계 착공, 3.5배 확대",
    ]),
    # relative words before any explicit date, a deadline that must not anchor, dotted dates
    "지난해 실적 발표. 2030년까지 완공한다. 지난 7일 착공식. 2022년 9월 보고서는 지난달 14일 공개됐고 "
    "전년 대비 2.4% 늘었다. 오는 3일 설명회(9.30), 10. 4(화)까지 접수. 2023-01-05 10:20 수정",
    # mentions straddling line and sentence breaks, ranges and lists
    "2018 년 6 월 11 일부터\n13 일까지 열렸다. 2020년 5월과 6월, 그리고 7월. 12월 30일부터 1월 2일까지 휴무."
    " 2021년부터 올해까지 누적. 지난 4 일, 포럼이 열렸다",
]


def _windows(text, rng):
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.\n]+", text)]
    randoms = [tuple(sorted(rng.sample(range(len(text) + 1), 2))) for _ in range(200)]
    return lines + sentences + randoms + [(0, len(text)), (len(text), len(text))]


@pytest.mark.parametrize("text", TEXTS)
def test_undated_windows_agree_with_a_scan_from_the_top(text):
    rng = random.Random(7)
    for start, end in _windows(text, rng):
        assert find_dates(text, None, start, end) == find_dates_reference(text, None, start, end), (start, end)
    assert list(document_dates(text, None)) == find_dates_reference(text, None)


@pytest.mark.parametrize("text", TEXTS)
def test_dated_windows_are_unchanged(text):
    rng = random.Random(11)
    for start, end in _windows(text, rng):
        assert find_dates(text, PUB, start, end) == find_dates_reference(text, PUB, start, end)


@pytest.mark.parametrize("text", TEXTS)
def test_line_dates_agree_with_find_dates(text):
    for published in (PUB, None):
        for m in re.finditer(r"[^\n]+", text):
            assert line_dates(text, published, m.start(), m.end()) == find_dates(text, published, m.start(), m.end())


def test_undated_cost_is_linear():
    """Prints the figures (no timed assertion): every line of a long undated text, new vs reference."""
    text = "\n".join(TEXTS) * 40
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    t0 = time.perf_counter()
    new = [find_dates(text, None, s, e) for s, e in lines]
    t1 = time.perf_counter()
    ref = [find_dates_reference(text, None, s, e) for s, e in lines]
    t2 = time.perf_counter()
    assert new == ref
    print(f"\n{len(lines)} lines of {len(text)} chars: one-pass {t1 - t0:.3f}s, scan from the top {t2 - t1:.3f}s")
