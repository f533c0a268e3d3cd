"""The unit vocabulary: one home for the units a metric may carry.

Each unit is a name (the value stored in ``metrics.unit``) and the words that
write it right after a number. ``UNIT_NAMES`` is the schema's vocabulary
(``schemas.metrics.UNITS`` is generated from it); ``UNIT`` is the regex the
metrics extractor matches right after a number. A name may have no words
(``years`` is in the vocabulary, no rule reads it yet).

Lookaheads keep a unit from being the first syllable of a longer word ('원칙',
'위안' vs '위', '명단', '배터리'). Markup around a unit is HTML's: a superscript
or subscript may be written as a tag (``m<sup>2</sup>``, ``CO<sub>2</sub>``),
as a Unicode superscript (``m²``) or with a caret (``m^2``).
"""
from __future__ import annotations

import re
from typing import NamedTuple

# Particles and endings that may follow a unit word.
_PARTICLE = r"(?=[^가-힣]|$|[이가을를은는의에과와도만씩로으나였])"
_SP = r"[ \u00a0]?"
# An exponent in any of the ways text writes it: <sup>2</sup>, ², ^2.
SQUARED = r"(?:<sup>[ \u00a0]?2[ \u00a0]?</sup>|²|\^2)"


class Unit(NamedTuple):
    name: str
    words: str  # regex source, no groups: what writes the unit after a number
    about: str


UNITS: tuple[Unit, ...] = (
    Unit("CNY", r"万亿元|亿元|万元|元|위안|인민폐", "Chinese yuan"),
    Unit("USD", r"달러|美元", "US dollars"),
    Unit("EUR", r"유로" + _PARTICLE, "euros"),
    Unit("JPY", r"엔" + _PARTICLE + r"|日元", "Japanese yen"),
    Unit("KRW", r"원" + _PARTICLE.replace("만", "만대"), "Korean won"),
    Unit("percent", rf"%{_SP}[pP](?![A-Za-z])|%{_SP}포인트|%|％|퍼센트",
         "percent; percentage points too, and shares written as fractions"),
    Unit("index_points", r"포인트", "points of an index"),
    Unit("persons", r"명" + _PARTICLE, "people"),
    Unit("count", rf"개{_SP}사" + _PARTICLE + r"|개국|개소|개교|개(?![월년])|곳|건(?![물설강의])|가지(?!고)|차례"
         r"|척|가구|종(?![류합목])|회(?![의사원장계견담복차])", "things counted"),
    Unit("count", r"대", "vehicles, machines; the prefix '3대 계획' is filtered as a name"),
    Unit("rank", r"위(?![가-힣])|위(?=[를로에가는의다권])|위 안", "a place in a ranking"),
    Unit("times", r"배" + _PARTICLE, "a multiple"),
    Unit("square_meter", rf"m{SQUARED}|㎡|제곱미터|평방미터|平方米", "area"),
    Unit("hectare", r"헥타르|ha(?![A-Za-z])|公顷", "area"),
    Unit("kilometer", r"㎞|km(?![A-Za-z²2<^])|킬로미터|公里", "length"),
    Unit("tonnes", r"톤" + _PARTICLE + r"|吨", "mass (freight, output, emissions)"),
    Unit("exaflops", r"[Ee][Ff][Ll][Oo][Pp][Ss]|엑사플롭스", "computing power"),
    Unit("days", r"일(?=[ \u00a0]?(?:간|동안|정도|가량|이내|만에|째))", "a duration in days"),
    Unit("minutes", r"분(?=[ \u00a0]?(?:간|동안|정도|가량|이내|만에|내외|안팎|[,.)]|$|[ \u00a0](?!의)))",
         "a duration in minutes ('3분의 1' is a fraction)"),
    Unit("years", r"(?!)", "a duration in years (no rule reads it yet)"),
)

UNIT_NAMES: list[str] = list(dict.fromkeys(u.name for u in UNITS))
CURRENCIES = frozenset({"CNY", "USD", "EUR", "JPY", "KRW"})  # amounts of money

# Letters that may follow a number as its unit ('40EFLOPS', '12km'), so the number is not
# read as part of a name ('5G').
UNIT_LETTERS = re.compile(rf"(?:[Ee][Ff][Ll][Oo][Pp][Ss]|km|ha|m{SQUARED}|m2)")

# Tried right after the number: an optional space and '여' ('20 여 개'), then a unit.
UNIT = re.compile(
    r"[ \u00a0]?(?P<yeo>여[ \u00a0]?)?(?:"
    + "|".join(f"(?P<u{i}>{u.words})" for i, u in enumerate(UNITS)) + ")")
UNIT_OF_GROUP = {f"u{i}": u.name for i, u in enumerate(UNITS)}

# A currency written before the number ('US$ 25억', 'RMB 5,545억').
CURRENCY_BEFORE = re.compile(r"(?:(?P<CNY>RMB|CNY|[￥¥])|(?P<USD>US[ \u00a0]?\$|\$|USD)|(?P<KRW>KRW|₩))[ \u00a0]?$")

# A unit named in a table header or a lead-in ('거래액(억 위안)', '(단위: 만 명)'): the
# magnitude and unit of the bare numbers below it.
_MAGNITUDE = {"": 1, "천": 10**3, "만": 10**4, "십만": 10**5, "백만": 10**6, "천만": 10**7, "억": 10**8,
              "조": 10**12, "万": 10**4, "亿": 10**8}
HEADER_UNIT = re.compile(
    r"[(（][ \u00a0]*(?:단위[ \u00a0]*[:：][ \u00a0]*)?(?P<mag>십만|백만|천만|[천만억조万亿])?[ \u00a0]*"
    r"(?P<word>위안|달러|원|명|개|건|곳|%|㎡|km|㎞|대|EFLOPS)[ \u00a0]*[)）]", re.IGNORECASE)
_HEADER_WORD = {"위안": "CNY", "달러": "USD", "원": "KRW", "명": "persons", "개": "count", "건": "count",
                "곳": "count", "대": "count", "%": "percent", "㎡": "square_meter", "km": "kilometer",
                "㎞": "kilometer", "eflops": "exaflops"}


# A table's caption listing its units ('(단위: 억 위안, %)', '[단위: 만 대]'): the first unit
# is the quantities', a listed '%' the rates'.
CAPTION_UNITS = re.compile(r"단위[ \u00a0]*[:：][ \u00a0]*(?P<list>[^)）\]>\n\t]+)")
_LISTED_UNIT = re.compile(r"[ \u00a0]*(?P<mag>십만|백만|천만|[천만억조万亿])?[ \u00a0]*"
                          r"(?P<word>위안|달러|원|명|개|건|곳|%|㎡|km|㎞|대|EFLOPS)[ \u00a0]*$", re.IGNORECASE)


def caption_units(text: str) -> list[tuple[str, int]]:
    """The units a caption line lists, in order ('(단위: 억 위안, %)' -> [('CNY', 1e8), ('percent', 1)])."""
    m = CAPTION_UNITS.search(text)
    if m is None:
        return []
    found = [_LISTED_UNIT.match(item) for item in re.split(r"[,，、/·]", m.group("list"))]
    return [(_HEADER_WORD[u.group("word").lower() if u.group("word").isascii() else u.group("word")],
             _MAGNITUDE[u.group("mag") or ""]) for u in found if u]


def header_unit(text: str) -> tuple[str, int] | None:
    """(unit, multiplier) named in a header cell ('2022년 거래액(억 위안)' -> ('CNY', 1e8)), or None."""
    m = HEADER_UNIT.search(text)
    if m is None:
        return None
    word = m.group("word")
    return _HEADER_WORD[word.lower() if word.isascii() else word], _MAGNITUDE[m.group("mag") or ""]
