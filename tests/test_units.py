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
