"""Korean number normaliser: '1조 4,172억 7,000만' -> Decimal('1417270000000').

Korean writes large numbers in groups of four digits named by 만 (1e4), 억 (1e8)
and 조 (1e12); inside a group 천/백/십 may stand for digits ('1조4천400억'), the
group may be Hangul only ('백 억'), and writers put spaces and thousands commas
anywhere ('21 억 2500 만', '2,228억 5천만'). Chinese magnitudes (万, 亿, 万亿,
and 万亿 spelt in Hangul, '만억') appear inside Korean text too. ``NUMBER`` is a
regex (source text, no groups) matching such a number in running text; ``parse_number`` turns the matched text
into an exact Decimal. '여' ('20여억', about 2 billion) is allowed inside the
number and ignored by the parser: it is a qualifier, which the caller reads.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# Digits: with thousands commas (only in threes) or plain, optionally decimal.
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SP = r"[ \u00a0]?"  # writers put at most one space between parts
# 천/백/십 stand for digits inside a group, but only when not the start of a
# word ('백서', '천혜'): they must be followed by a number part, a space, a
# magnitude or a non-Hangul character.
_SMALL = r"[천백십千百](?![가-힣](?<![만억조여천백십명개원위곳건배대가달차]))"
# '만억' is 万亿 (1e12) written in Hangul, as translations of Chinese reports do ('1만억 위안').
_BIG = r"(?:万亿|만억|[억조万亿]|만(?!큼))"  # '3 만큼' is 'as much as 3', not 30,000
_GROUP = rf"(?:(?:{DIGITS}){_SP})?{_SMALL}(?:{_SP}(?:(?:{DIGITS}){_SP})?{_SMALL})*(?:{_SP}{DIGITS})?|{DIGITS}"
_BIG_PART = rf"(?:{_GROUP}){_SP}(?:여{_SP})?{_BIG}"
NUMBER = rf"(?:{_BIG_PART})(?:{_SP}(?:{_BIG_PART}))*(?:{_SP}(?:{_GROUP}))?|(?:{_GROUP})"

_PLAIN = re.compile(DIGITS)
_ZERO = Decimal(0)
_TOKEN = re.compile(rf"(?P<num>{DIGITS})|(?P<small>[천백십千百])|(?P<big>万亿|만억|[만억조万亿])")
_SMALL_VALUE = {"십": 10, "백": 100, "천": 1000, "百": 100, "千": 1000}
_BIG_VALUE = {"만": 10**4, "万": 10**4, "억": 10**8, "亿": 10**8, "조": 10**12, "万亿": 10**12, "만억": 10**12}

# Native Korean numerals, used before counters ('한 차례', '세 가지', '여섯 개').
NATIVE = {"한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5,
          "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "스무": 20, "스물": 20}


def parse_number(text: str) -> Decimal | None:
    """Exact value of a Korean/Chinese written number, or None when it is not one.

    The classic reading: a group (below 만) accumulates digits and 천/백/십; a big
    magnitude multiplies the group (a bare magnitude means one of it) and adds it
    to the total.
    """
    if _PLAIN.fullmatch(text):  # most numbers are digits alone ('2024', '1,500', '15.5'): one token
        return _ZERO + Decimal(text.replace(",", ""))  # as the loop below sums it (same rounding)
    total = Decimal(0)
    group = Decimal(0)
    pending: Decimal | None = None
    last_big = 10**13
    seen = False
    pos = 0
    for m in _TOKEN.finditer(text):
        if text[pos:m.start()].strip(" \u00a0여"):
            return None  # something that is not part of a number
        pos = m.end()
        seen = True
        if m.group("num"):
            if pending is not None:
                return None  # two numbers in a row: '3 4'
            try:
                pending = Decimal(m.group("num").replace(",", ""))
            except InvalidOperation:
                return None
        elif m.group("small"):
            group += (pending if pending is not None else 1) * _SMALL_VALUE[m.group("small")]
            pending = None
        else:
            group += pending if pending is not None else 0
            size = _BIG_VALUE[m.group("big")]
            if size >= last_big or (not group and total):
                return None  # magnitudes only fall ('억만' is not a number)
            total += (group if group else 1) * size
            group, pending, last_big = Decimal(0), None, size
    if not seen or text[pos:].strip(" \u00a0여"):
        return None
    return total + group + (pending if pending is not None else 0)


def parse_fraction(text: str) -> Decimal | None:
    """'1/3' -> 0.333…; None unless it is a proper fraction with a small denominator."""
    m = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not m:
        return None
    num, den = int(m.group(1)), int(m.group(2))
    if den == 0 or num >= den or den > 100:
        return None
    return Decimal(num) / Decimal(den)
