"""Publication date, title and publisher from a document's header lines."""
from datetime import date

import pytest

from pipeline.extract.metadata import read_metadata

BODY = "\n\n베이징시는 2019년 계획을 발표했다. 2019년 성과는 컸다."


@pytest.mark.parametrize("header", [
    "2024.03.15",
    "2024년 3월 15일 발행",
    "입력 2024.03.15 10:23",
    "기사입력 : 2024-03-15 오전 10:23",
    "2024.03.15 (금)",
    "2024-03-15 14:22:01",
    "게재 일자 : 2024년 03월 15일",
    "등록 2024.03.15 14:00 | 수정 2024.03.16 09:00",
    "홍길동 기자 | 입력 2024.03.15 10:23",
])
def test_header_date_formats_give_the_publication_day(header):
    meta = read_metadata("디지털 경제 동향 보고서 제목\n" + header + BODY)
    assert (meta.published_date, meta.published_precision, meta.published_from) == (date(2024, 3, 15), "day", "header")


def test_a_sentence_that_starts_with_a_date_is_not_a_header():
    meta = read_metadata("2024년 3월 15일 베이징시는 새 계획을 발표했다." + BODY)
    assert (meta.published_date, meta.published_precision, meta.published_from) == (date(2019, 1, 1), "year", "inferred")


def test_a_dateline_takes_the_year_the_text_speaks_from():
    meta = read_metadata("[신화망 베이징 8월7일] 베이징시가 2021년 계획을 발표했다. 2021년 목표는")
    assert (meta.published_date, meta.publisher, meta.published_from) == (date(2021, 8, 7), "신화망", "dateline")
