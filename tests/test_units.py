"""The unit vocabulary has one home (schemas/units.py); the schema follows it."""
import pytest

import schemas
from schemas.units import UNIT, UNIT_NAMES, UNIT_OF_GROUP, header_unit


def test_the_schema_vocabulary_is_generated_from_the_units_module():
    assert schemas.UNITS == UNIT_NAMES
    assert set(UNIT_OF_GROUP.values()) <= set(UNIT_NAMES)


@pytest.mark.parametrize("after, unit", [
    ("위안을", "CNY"), ("달러", "USD"), ("원으로", "KRW"), ("%p", "percent"), ("명이", "persons"),
    ("곳", "count"), ("m<sup>2</sup>", "square_meter"), ("m<sup> 2 </sup>", "square_meter"), ("m²", "square_meter"),
    ("m^2", "square_meter"), ("㎞", "kilometer"), ("EFLOPS", "exaflops"), ("분 만에", "minutes"), ("회 연속", "count"),
])
def test_unit_words(after, unit):
    m = UNIT.match(after)
    assert m and UNIT_OF_GROUP[m.lastgroup] == unit


@pytest.mark.parametrize("after", ["원칙", "명단", "분의 1", "회의", "회차", "배터리"])
def test_longer_words_are_not_units(after):
    assert UNIT.match(after) is None


def test_a_header_names_unit_and_magnitude():
    assert header_unit("2031년 매출(억 위안)") == ("CNY", 10**8)
    assert header_unit("가입자 (단위: 만 명)") == ("persons", 10**4)
    assert header_unit("회원사(개)") == ("count", 1)
    assert header_unit("소재지") is None


def test_tonnes_euros_and_yen_are_read_and_a_word_starting_like_a_unit_is_not():
    from datetime import date

    from pipeline.extract.metrics import extract_metrics
    text = ("톈진항의 물동량은 지난해 4억 2천만 톤에 달했다.\n"
            "일본 기업의 투자액은 300억 엔, 독일 기업은 8억 유로였다.\n"
            "그는 엔지니어 7명과 유로존 출장을 다녀왔다.\n")
    got = [(r["value_text"], r["unit"], r["value"]) for r in extract_metrics(text, date(2025, 2, 3), [])]
    assert got == [("4억 2천만 톤", "tonnes", 4.2e8), ("300억 엔", "JPY", 3e10), ("8억 유로", "EUR", 8e8),
                   ("7명", "persons", 7.0)]
