"""The Korean number normaliser: every way the seeds write a number parses back to its value."""
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.numbers import NUMBER, parse_fraction, parse_number

NUMBER_RE = re.compile(NUMBER)
BIG = [(10**12, "조"), (10**8, "억"), (10**4, "만")]


@st.composite
def group_text(draw, g: int) -> str:
    """One four-digit group (1..9999) written in one of the styles Korean uses."""
    styles = ["plain"]
    if g >= 1000:
        styles += ["comma", "cheon"]
    if g in (10, 100, 1000):
        styles.append("hangul")  # 십 / 백 / 천 alone
    style = draw(st.sampled_from(styles))
    if style == "plain":
        return str(g)
    if style == "comma":
        return f"{g:,}"
    if style == "hangul":
        return {10: "십", 100: "백", 1000: "천"}[g]
    thousands, rest = divmod(g, 1000)
    space = draw(st.sampled_from(["", " "]))
    return f"{thousands}천" + (f"{space}{rest}" if rest else "")


@st.composite
def korean_number(draw) -> tuple[int, str]:
    """An integer and a Korean spelling of it: '1조 4,172억 7,000만', '21 억 2500 만', '백 억'."""
    value = draw(st.integers(min_value=1, max_value=10**16 - 1))
    parts, rest = [], value
    for size, name in BIG:
        g, rest = divmod(rest, size)
        if g:
            space = draw(st.sampled_from(["", " "]))
            parts.append(draw(group_text(g)) + space + name)
    if rest:
        parts.append(draw(group_text(rest)))
    joiner = draw(st.sampled_from(["", " "]))
    return value, joiner.join(parts)


@settings(max_examples=400)
@given(korean_number())
def test_korean_spellings_parse_to_their_value(case):
    value, written = case
    assert parse_number(written) == value


@settings(max_examples=200)
@given(korean_number())
def test_the_number_regex_takes_the_whole_spelling(case):
    value, written = case
    if not re.search(r"\d|[만억조]", written):
        return  # a lone '백' is not a number in running text
    m = NUMBER_RE.search(f"총 {written} 위안")
    assert m is not None and m.group().strip() == written.strip()


@given(st.integers(min_value=1, max_value=99999), st.integers(min_value=0, max_value=99),
       st.sampled_from([("만", 10**4), ("억", 10**8), ("조", 10**12)]), st.sampled_from(["", " "]))
def test_decimals_with_a_magnitude(whole, frac, magnitude, space):
    name, size = magnitude
    written = f"{whole}.{frac:02d}{space}{name}"
    assert parse_number(written) == (Decimal(whole) + Decimal(frac) / 100) * size


@pytest.mark.parametrize("written, value", [
    ("1조4천400억", 1_440_000_000_000),
    ("1조 4,172억 7,000만", 1_417_270_000_000),
    ("2,228억 5천만", 222_850_000_000),
    ("21 억 2500 만", 2_125_000_000),
    ("968 억 8600 만", 96_886_000_000),
    ("255조4천560억", 255_456_000_000_000),
    ("20여억", 2_000_000_000),
    ("백 억", 10_000_000_000),
    ("1만4000", 14_000),
    ("38,000", 38_000),
    ("8.42 억", 842_000_000),
    ("129.80억", 12_980_000_000),
    ("45 万亿", 45 * 10**12),
    ("1만억", 10**12),          # 万亿 spelt in Hangul
    ("4.5만억", 45 * 10**11),
    ("3亿", 3 * 10**8),
    ("1천", 1000),
])
def test_seed_styles(written, value):
    assert parse_number(written) == value


@pytest.mark.parametrize("written", ["", "억만", "3 4", "백서", "abc", "1,2", "1조 1만억"])
def test_not_numbers(written):
    assert parse_number(written) is None


@pytest.mark.parametrize("text, found", [
    ("3 만큼 늘었다", "3"),          # 만큼 'as much as', not 만 = 10,000
    ("백서를 발표", None),             # 백 starting a word is not 100
    ("천혜의 환경", None),
    ("5천명", "5천"),                  # a counter glued to 천 still ends the number
    ("1,200 여 개", "1,200"),          # 여 before a counter is a qualifier, read by the caller
])
def test_number_boundaries_in_text(text, found):
    m = NUMBER_RE.search(text)
    assert (m.group() if m else None) == found


def test_fractions():
    assert parse_fraction("1/3") == Decimal(1) / Decimal(3)
    assert parse_fraction("1 / 5") == Decimal("0.2")
    assert parse_fraction("7/5") is None       # not a proper fraction
    assert parse_fraction("2022/07") is None   # a date, not a share
