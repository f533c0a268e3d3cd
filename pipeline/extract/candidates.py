"""Number candidates, and their unit and qualifier.

One precompiled regex finds every number in a piece of text; ``read`` turns a
match into a ``Reading`` (value, unit, qualifier and the rule behind each) or
returns the name of the not-a-metric rule that dropped it (filters.py).
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from pipeline.extract import filters
from pipeline.extract.numbers import NATIVE, NUMBER, parse_fraction, parse_number
from schemas.units import CURRENCY_BEFORE, UNIT, UNIT_OF_GROUP

_NATIVE_COUNTERS = r"(?:가지|개|곳|차례|번|명|대|군데)"
_FIRST = "".join(sorted({w[0] for w in NATIVE}))
# The leading lookahead lets the engine skip, at C speed, every position that cannot
# start a number (about 7x faster than trying each alternative at each character). A native
# numeral's first syllable ('한', '세', '다', …) is common inside words, where only the native
# alternative could start and its lookbehind fails: the lookahead tests that word start first.
CANDIDATE = re.compile(
    rf"(?=[\dTt천백십千百]|[{_FIRST}](?<![가-힣].))(?:"
    rf"(?P<top>(?<![A-Za-z])[Tt][Oo][Pp][ \u00a0]?(?P<topn>\d{{1,3}})(?![\d.]))"
    rf"|(?P<plus>(?<![\d.,])\d+)\+(?![\w+])"
    rf"|(?P<frac>(?<![\d/.])\d{{1,2}}[ \u00a0]?/[ \u00a0]?\d{{1,3}}(?![\d/]))"
    rf"|(?P<part>(?<![\d.,])\d{{1,3}}[ \u00a0]?분의[ \u00a0]?\d{{1,3}}(?![\d.]))"
    rf"|(?<![가-힣])(?P<native>{'|'.join(sorted(NATIVE, key=len, reverse=True))})(?=[ \u00a0]?(?:{_NATIVE_COUNTERS}(?![가-힣]|[의이을를은는에과와도씩])|배(?:로|나|가|를|의|에)?(?![가-힣])))"
    rf"|(?P<num>{NUMBER}))"
)

# Without a digit only a Hangul numeral can start a candidate: 천/백/십 of a Hangul number ('백 억')
# or a native numeral before a counter ('세 가지'). These cheap tests (this pattern opens on
# literals, so the engine skips ahead fast) spare most lines without digits the full scan.
_NATIVE_CUE = re.compile(rf"(?:{'|'.join(sorted(NATIVE, key=len, reverse=True))})[ \u00a0]?[가개곳차번명대군배]")
_DIGIT = re.compile(r"\d")
_SMALL_NUMERAL = re.compile(r"[천백십千百]")


def has_candidate(t: str) -> bool:
    """``bool(CANDIDATE.search(t))``, without the full scan for most lines."""
    if _DIGIT.search(t):
        return True  # a digit is always a candidate
    return bool((_SMALL_NUMERAL.search(t) or _NATIVE_CUE.search(t)) and CANDIDATE.search(t))


class Reading(NamedTuple):
    """A number read as a metric, with the rule behind each attribute."""

    value: Decimal
    unit: str
    end: int  # end offset (in the text) of the number as written, unit included
    qualifier: str | None
    unit_rule: str
    qualifier_rule: str
    candidate_rule: str


# ---------------------------------------------------------------- qualifiers --
# Words after the number (and its unit): '100개 이상', '40% 넘게', '2억 개를 훌쩍 넘어섰다'.
_QUAL_AFTER = re.compile(
    r"[ \u00a0]*(?:\([^()\n]{1,40}\)[ \u00a0]*)?(?:이|가|을|를|은|는|의|에|으로|로|에도)?[ \u00a0]*"
    r"(?:(?:훌쩍|크게|훨씬|한참|이미|살짝|소폭|다소|각각)[ \u00a0]?)?"
    r"(?P<q>이상|초과|넘|돌파|상회|웃돌|웃도|이하|미만|이내|안팎|내외|안에|안으로|가량|정도|쯤|남짓|"
    r"근접|가까|육박|못[ \u00a0]?(?:미치|미쳤|미친)|까지|에[ \u00a0]?(?:가까|근접|육박))")
_QUAL_WORD = {"이상": "at_least", "초과": "at_least", "넘": "at_least", "돌파": "at_least",
              "상회": "at_least", "웃돌": "at_least", "웃도": "at_least", "이하": "at_most", "미만": "at_most",
              "이내": "at_most", "안에": "at_most", "안으로": "at_most", "까지": "at_most"}
_QUAL_BEFORE = re.compile(r"(?P<q>약|대략|거의|근|최소한?|적어도|최대|무려)[ \u00a0]?$")
_QUAL_BEFORE_REACH = 4  # its longest match ('최소한 '): the words before a number are searched that far back
_QUAL_PREFIX = {"약": "approx", "대략": "approx", "거의": "approx", "근": "approx",
                "최소": "at_least", "최소한": "at_least", "적어도": "at_least", "최대": "at_most"}
# 'N까지' is an upper bound ('50%까지 지원') unless the clause reports it reached ('30%까지 떨어졌다')
_REACHED = re.compile(r"[^.,]{0,12}?(?:[했됐였었났왔갔졌]|하였|되었)")
_UNDER = "못"


def qualifier(s: str, start: int, uend: int, approx_in_number: bool) -> tuple[str | None, str]:
    """(qualifier, rule) of the number s[start:uend]. With two markers the approximate one wins."""
    after = _QUAL_AFTER.match(s, uend)
    word = after.group("q") if after else None
    if word and word.startswith("에"):
        word = word[1:].strip()
    if approx_in_number:
        return "approx", "qualifier.N여"
    before = _QUAL_BEFORE.search(s, max(0, start - _QUAL_BEFORE_REACH), start)
    prefix = _QUAL_PREFIX.get(before.group("q")) if before else None
    if prefix == "approx":
        return "approx", f"qualifier.before:{before.group('q')}"
    if word in _QUAL_WORD:
        if word == "까지" and _REACHED.match(s, after.end()):
            word = None
        else:
            return _QUAL_WORD[word], f"qualifier.after:{word}"
    if word and word.startswith(_UNDER):
        return "at_most", "qualifier.after:못 미치다"
    if prefix:
        return prefix, f"qualifier.before:{before.group('q')}"
    if word:
        return "approx", f"qualifier.after:{word}"
    return None, "qualifier.none"


# ---------------------------------------------------------------- reading ----
_BIG = re.compile(r"(만억|万亿|[만억조万亿])[ \u00a0]?$")
_MAGNITUDE = re.compile(r"[만억조万亿]")
_DIGIT_BEFORE = re.compile(r"\d[ \u00a0]?[./-]?$")
_TOP_BEFORE = re.compile(r"상위[ \u00a0]?$")
# The patterns read right before a number end there ('$') and are short: searching only the last
# few characters (their longest match) finds the same match without scanning the whole piece.
_BEFORE_REACH = 5  # '1억~ ' (_RANGE_HIGH), 'US $ ' (CURRENCY_BEFORE); the others are shorter
_SHARE_BEFORE = re.compile(r"(?:의|중)[ \u00a0]?$")
_RANGE_TILDE = r"[ \u00a0]?[~∼～〜][ \u00a0]?"
_RANGE_LOW = re.compile(_RANGE_TILDE + rf"(?P<high>{NUMBER})")
_RANGE_HIGH = re.compile(r"\d(?:[만억조万亿])?" + _RANGE_TILDE + "$")
_RANK_BAND = re.compile(r"권")


def _share(value: Decimal) -> Decimal:
    """A fraction of a whole as a percentage, to one decimal place ('1/3' -> 33.3)."""
    return (value * 100).quantize(Decimal("0.1"))


# A month/day written with a slash: a date when it opens a list item or a weekday follows.
_SLASH_DATE = re.compile(r"(?:1[0-2]|0?[1-9])[ \u00a0]?/[ \u00a0]?(?:3[01]|[12]\d|0?[1-9])")
_ITEM_LEAD = re.compile(r"[ \t\u00a0\-–•·▲▶▷◆◇○●■□ㅇ*]*")
_WEEKDAY_AFTER = re.compile(r"[ \u00a0]?[(（][월화수목금토일][)）]")


def read(text: str, s: str, m: re.Match, base: int, state, heading_counts) -> Reading | str:
    """The number matched at ``m`` in the piece ``s`` (starting at ``base`` in the text):
    a Reading, or the name of the rule that drops it."""
    reach = max(0, m.start() - _BEFORE_REACH)  # the words right before the number (see _BEFORE_REACH)
    found = m.lastgroup  # which alternative matched: top, plus, frac, part, native or num
    if found == "top":
        return Reading(Decimal(m.group("topn")), "rank", base + m.end(), "at_most",
                       "unit.top_n", "qualifier.top_n", "candidate.top_n")
    if found == "plus":
        # '100+ 기업': a floor; '1+N' is a name (a letter follows)
        return Reading(Decimal(m.group("plus")), "count", base + m.end(), "at_least",
                       "unit.n_plus", "qualifier.n_plus", "candidate.n_plus")
    if found in ("frac", "part"):
        if found == "frac":
            if _SLASH_DATE.fullmatch(m.group("frac")) and (_ITEM_LEAD.fullmatch(s, 0, m.start())
                                                           or _WEEKDAY_AFTER.match(s, m.end())):
                return "filter.slash_date"  # '- 3/12 … 출시', '4/2(수)': a month and day
            value = parse_fraction(m.group("frac"))
        else:  # '3분의 1': the denominator first
            den, num = re.findall(r"\d+", m.group("part"))
            value = parse_fraction(f"{num}/{den}")
        if value is None or _DIGIT_BEFORE.search(s, reach, m.start()):
            return "filter.not_a_fraction"
        q, q_rule = qualifier(s, m.start(), m.end(), False)
        return Reading(_share(value), "percent", base + m.end(), q, "unit.fraction_as_percent", q_rule,
                       "candidate.fraction")
    raw = m.group(found)
    native = raw if found == "native" else None
    u = UNIT.match(s, m.end())  # first, as most candidates (years, days) have no unit and stop here
    if u is None and not native:
        if cur := CURRENCY_BEFORE.search(s, reach, m.start()):
            value = parse_number(raw)  # 'US$ 25억', 'RMB 5,545억': the currency is written first
            if value is None:
                return "filter.unparsed"
            q, q_rule = qualifier(s, cur.start(), m.end(), "여" in raw)
            return Reading(value, cur.lastgroup, base + m.end(), q, "unit.currency_before", q_rule, "candidate.number")
        if (low := _range_low(s, m, raw, state, heading_counts, base, text)) is not None:
            return low
        if state.column_unit and (value := parse_number(raw)) is not None and _bare_cell(s, m):
            unit, mult = state.column_unit
            q, q_rule = qualifier(s, m.start(), m.end(), "여" in s[m.start():m.end() + 2])
            return Reading(value * mult, unit, base + m.end(), q, "unit.table_header", q_rule, "candidate.table_cell")
        if not _maybe_index(s, raw):
            return "filter.no_unit"
    if not native:
        why = filters.ordinal_or_name(s, m.start(), m.end(), raw)
        if why:
            return why
    value = Decimal(NATIVE[native]) if native else parse_number(raw)
    if value is None:
        return "filter.unparsed"
    if u is None:
        return _bare_index(s, m, value, base)
    unit = UNIT_OF_GROUP[u.lastgroup]
    unit_text = u.group(u.lastgroup)
    uend = u.end()
    if unit == "count":
        why = filters.structural(s, m, u, value, native, raw, state, heading_counts)
        if why:
            return why
        if filters.in_quoted_name(s, m.start(), m.end()):
            return "filter.quoted_name"  # a count inside a name ('3개 네트워크 통합') is part of the name
    if native and unit not in ("count", "times"):
        return "filter.native_numeral"
    if unit == "rank" and value > 1000:
        return "filter.rank_too_large"
    if unit_text.endswith(" 안"):
        uend -= 2  # '10위 안에': the qualifier, not the unit
    if _RANGE_HIGH.search(s, reach, m.start()):
        q, q_rule = "at_most", "qualifier.range_high_end"
    elif unit == "rank" and _RANK_BAND.match(s, uend):
        q, q_rule = "at_most", "qualifier.rank_band"  # '10위권'
    else:
        q, q_rule = qualifier(s, m.start(), uend, bool(u.group("yeo")) or "여" in raw)
    if unit == "rank" and q is None and _TOP_BEFORE.search(s, reach, m.start()):
        q, q_rule = "at_most", "qualifier.top"
    return Reading(value, unit, base + uend, q, f"unit.word:{unit_text.strip()}", q_rule, "candidate.number")


def _range_low(s, m, raw, state, heading_counts, base, text) -> Reading | str | None:
    """The low end of a range written once with its unit ('2~3개', '1800억~2000억 위안',
    '3~5억 달러'): it takes the unit (and the magnitude, when it has none) of the high end."""
    r = _RANGE_LOW.match(s, m.end())
    if r is None:
        return None
    u = UNIT.match(s, r.end())
    if u is None:
        return None
    low = parse_number(raw)
    if low is None:
        return None
    unit = UNIT_OF_GROUP[u.lastgroup]
    if unit == "count":
        why = filters.structural(s, m, u, low, None, raw, state, heading_counts)
        if why:
            return why
    why = filters.ordinal_or_name(s, m.start(), m.end(), raw)  # letters and ordinals around the low end
    if why and why != "filter.date_or_year_range":  # that rule sees the '~' of this very range
        return why
    big = _BIG.search(r.group("high"))
    if big and not _MAGNITUDE.search(raw):
        low = parse_number(raw + big.group(1))
    return Reading(low, unit, base + m.end(), "at_least", f"unit.range_high_end:{u.group(u.lastgroup).strip()}",
                   "qualifier.range_low_end", "candidate.range_low_end")


def _bare_cell(s: str, m: re.Match) -> bool:
    """The number is the whole cell (with at most '여'/'약' around it): '15.0', '1,500여'."""
    return not s[:m.start()].strip(" \u00a0약") and not s[m.end():].strip(" \u00a0여")


def _maybe_index(s: str, raw: str) -> bool:
    return "." in raw and "지수" in s and not _MAGNITUDE.search(raw)


_NOT_INDEX_AFTER = re.compile(r"[ \u00a0]*(?:년|월|일|%|배|호|차|세대|버전|\.\d)")


def _bare_index(s, m, value, base) -> Reading | str:
    """An unlabelled decimal in a sentence about an index is a score ('지수는 130.9로')."""
    if _NOT_INDEX_AFTER.match(s[m.end():]):
        return "filter.not_an_index"
    return Reading(value, "index_points", base + m.end(), None, "unit.index_score", "qualifier.none",
                   "candidate.index_score")
