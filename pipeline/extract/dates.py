"""Korean date expressions: find them and resolve them against the publication date.

Written for news and newsletter prose: ``2022 년 7 월 21 일부터 24 일까지``,
``6 월 15 일~16 일``, ``2022.07.13``, ``2019년 5월``, ``지난 4 일``, ``8월7일``,
``올해``/``지난해``/``내년``, ``지난달``/``이달``/``다음 달``.  Units may be spaced
from their numbers (``7 월``), as the seed newsletters write them.

Choices (the contract leaves them open):
- A bare four-digit number is not a date, even when it is a year inside a name
  (``2021 글로벌 디지털 경제 콘퍼런스``, ``2000 개``): only ``년``, a dotted
  full date or a parenthesised year range ``(2016~2021)`` makes a year. So a
  metric never takes its period from an event name; the events extractor reads
  years in event names itself.
- ``전년 대비``/``전년 동기`` is a comparison base relative to the sentence's own
  year, not to the publication date, so it is not returned.
- A date without a year takes the year of an explicit date it is listed with
  (``2021년 5월과 6월``), else the publication year, moved back a year when that
  would put it more than six months after publication (a ``12월`` in a January
  issue). ``지난``/``오는`` force the past/future reading.
- A bare day (``7일``) is a day of the publication month, or of the previous month
  when that would be after publication (``오는`` reverses this).
- Without a publication date, relative expressions resolve against the nearest
  explicit date before them in the text, and are left out when there is none.
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_S = r"[ \t\u00a0]*"  # spacing inside one expression: never across a line
_NUM = r"(?<![\d.,])"  # a number starts here, not inside 12.5 or 2,021

# Relative year words, offset from the anchor year. 전년 only when not a comparison base.
_REL_YEARS = {"올해": 0, "금년": 0, "올 해": 0, "지난해": -1, "지난 해": -1, "작년": -1,
              "전년": -1, "재작년": -2, "내년": 1, "명년": 1, "이듬해": 1}
_REL_YEAR = r"(?:재작년|지난\s?해|올\s?해|금년|작년|전년(?!\s*(?:대비|동기|比|보다|같은))|내년|명년)"
# Relative month words, offset from the anchor month; 전월 only when not a comparison base.
_REL_MONTHS = {"지난달": -1, "전월": -1, "이달": 0, "이번달": 0, "금월": 0, "다음달": 1, "내달": 1, "익월": 1}
_REL_MONTH = (r"(?<![가-힣])(?:지난[ \t\u00a0]?달|이번[ \t\u00a0]?달|이달|금월|다음[ \t\u00a0]?달|내달|익월"
              r"|전월(?![ \t\u00a0]*(?:대비|동기|比|보다|같은)))"
              r"(?=[^가-힣]|$|[의에은는도말초중부까])")


def _point(n: str) -> str:
    """One calendar point: year [month [day]] | month [day] | day, groups suffixed with n.

    The year of a year-only point is named ``yo``/``ro`` (re allows a name once)."""
    def year(y: str, r: str) -> str:
        return rf"(?:{_NUM}(?P<{y}{n}>(?:19|20)\d\d){_S}년(?!대|간|째)|(?P<{r}{n}>{_REL_YEAR}))"
    month = rf"{_NUM}(?P<m{n}>1[0-2]|0?[1-9]){_S}월(?!간|급|세|드|요일|례)"
    # 일 followed by a particle or a non-Hangul character; never 일본, 일부, 일간, 일째 ...
    # A range's first day may leave 일 to its last: '4월 26~27일'.
    day = (rf"{_NUM}(?P<d{n}>3[01]|[12]\d|0?[1-9])(?:{_S}일"
           r"(?=$|[^가-힣]|에|부터|까지|의|은|는|이|도|과|와|로|자|경|께|엔|오전|오후|밤|새벽|저녁"
           r"|현재|기준|열린|개최|발표|이후|이전|전후)"
           r"(?!\s*(?:동안|간|만에|만|째|이내|연속|가량|정도|넘게|이상|미만|내에|남짓))"
           + (rf"|(?={_S}[~∼〜–-]{_S}(?:3[01]|[12]\d|0?[1-9]){_S}일))" if n == "1" else ")"))
    return (rf"(?:(?:{year('y', 'r')}{_S})?{month}(?:{_S}{day})?"
            rf"|(?P<rm{n}>{_REL_MONTH})(?:{_S}{day.replace(f'<d{n}>', f'<c{n}>')})?"
            rf"|{year('yo', 'ro')}"
            rf"|{day.replace(f'<d{n}>', f'<b{n}>')})")


DATE_RE = re.compile(
    # cheap first-character test: every expression starts with a digit or a relative-year word
    r"(?=[\d올금지작전재내명익(]|이[번 \t\u00a0]*달|이달|다음)(?:"
    # dotted full date: 2022.07.13 / 2022. 7. 13. / 2022-07-13
    rf"{_NUM}(?P<dy>(?:19|20)\d\d){_S}(?P<sep>[./-]){_S}(?P<dm>1[0-2]|0?[1-9]){_S}(?P=sep){_S}(?P<dd>3[01]|[12]\d|0?[1-9])(?!\d)\.?"
    # parenthesised year range: (2016~2021)
    rf"|(?<=\()(?P<py1>(?:19|20)\d\d){_S}[~∼〜\-–]{_S}(?P<py2>(?:19|20)\d\d)(?=\))"
    # bare year opening a range that ends with 년: 2019~2020년, 2022 - 2025 년
    rf"|{_NUM}(?P<by>(?:19|20)\d\d){_S}[~∼〜\-–]{_S}(?P<by2>(?:19|20)\d\d){_S}년(?!대|간|째)"
    # a point, optionally followed by the end of a range (부터 ... 까지, ~, -)
    rf"|{_point('1')}(?:{_S}(?:부터|에서|~|∼|〜|–|—|-)(?:{_S}(?:~|-))?{_S}(?={_NUM}\d|{_REL_YEAR}){_point('2')}(?:{_S}까지)?)?"
    r")"
)

_SPACE_RE = re.compile(r"\s")
_DIRECTION = re.compile(r"(지난|오는)[ \t\u00a0]*$")
_LISTED = re.compile(r"^[ \t\u00a0]*(?:과|와|및|,|·|、|또는|이나|그리고|/)?[ \t\u00a0]*$")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date_start: date
    date_end: date | None
    precision: str  # day | month | year
    relative: bool


def _group(m: re.Match, *names: str) -> str | None:
    """The first non-empty of the named groups (a plain loop: this runs for every mention)."""
    for n in names:
        v = m.group(n)
        if v:
            return v
    return None


def _int(m: re.Match, *names: str) -> int | None:
    v = _group(m, *names)
    return int(v) if v else None


def _shift_month(y: int, mo: int, delta: int) -> tuple[int, int]:
    k = y * 12 + (mo - 1) + delta
    return k // 12, k % 12 + 1


def _make(y: int, mo: int | None, d: int | None) -> date | None:
    mo = mo or 1
    if not 1 <= mo <= 12:
        return None
    if d and d > calendar.monthrange(y, mo)[1]:
        return None
    return date(y, mo, d or 1)


def _precision(mo, d) -> str:
    return "day" if d else "month" if mo else "year"


def find_dates(text: str, published: date | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """All date expressions in ``text[start:end]``, resolved; unresolvable relative ones are left out."""
    end = len(text) if end is None else end
    # Without a publication date the anchor may lie before ``start``: scan from the top.
    scan_from = start if published else 0
    out: list[DateMention] = []
    prev: DateMention | None = None  # last explicit-or-resolved mention, for lists and anchoring
    anchor: DateMention | None = None  # last mention with an explicit year
    for m in DATE_RE.finditer(text, scan_from, end):
        mention = _resolve(m, text, published, prev, anchor)
        if mention is None:
            continue
        if not mention.relative and not text.startswith("까지", mention.end):
            anchor = mention  # a deadline ('2022년까지') says nothing about when the text speaks
        prev = mention
        if m.start() >= start:
            out.append(mention)
    return out


@lru_cache(maxsize=4)  # metrics and events both read the whole document's dates
def document_dates(text: str, published: date | None) -> tuple[DateMention, ...]:
    """``find_dates`` over the whole text, computed once per document."""
    return tuple(find_dates(text, published))


# Matches never cross a line, but three lookaheads skip whitespace with \s and so may read
# the next line: after 일 (7일 / 간), after 전년 (전년 / 대비) and 지난/올 (지난 / 해).
_OPEN_END = ("일", "년", "난", "올")


def line_dates(text: str, published: date | None, start: int, end: int) -> list[DateMention]:
    """Exactly ``find_dates(text, published, start, end)`` for one trimmed line ``[start, end)``.

    Taken from the document's single scan (``document_dates``) instead of a scan per line.
    The two agree except where the document scan sees past the line: a line ending in
    one of ``_OPEN_END`` (a lookahead reads on), a mention running on from the previous
    line, and a date opening the line right after a '\n' (with a publication date the
    line scan starts without a previous mention, while ``_LISTED`` lets a lone '\n'
    join it to one ending the line above). Those lines are scanned on their own.
    """
    if (text[start:end].rstrip().endswith(_OPEN_END)
            or (start > 0 and text[start - 1] == "\n" and DATE_RE.match(text, start))):
        return find_dates(text, published, start, end)
    doc = document_dates(text, published)
    lo = bisect.bisect_left(doc, start, key=lambda d: d.start)
    if lo and doc[lo - 1].end > start:
        return find_dates(text, published, start, end)
    hi = bisect.bisect_left(doc, end, lo, key=lambda d: d.start)
    return list(doc[lo:hi])


def _resolve(m: re.Match, text: str, published: date | None,
             prev: DateMention | None, anchor: DateMention | None) -> DateMention | None:
    if m.group("dy"):
        d = _make(int(m.group("dy")), int(m.group("dm")), int(m.group("dd")))
        return d and DateMention(m.start(), m.end(), d, None, "day", False)
    if m.group("py1"):
        y1, y2 = int(m.group("py1")), int(m.group("py2"))
        return DateMention(m.start(), m.end(), date(y1, 1, 1), date(y2, 1, 1), "year", False) if y1 <= y2 else None
    if m.group("by"):
        y1, y2 = int(m.group("by")), int(m.group("by2"))
        return DateMention(m.start(), m.end(), date(y1, 1, 1), date(y2, 1, 1), "year", False) if y1 <= y2 else None

    y, rel = _int(m, "y1", "yo1"), _group(m, "r1", "ro1")
    mo, d = _int(m, "m1"), _int(m, "d1", "b1", "c1")
    relative = y is None
    before = text[max(0, m.start() - 6):m.start()]
    direction = _DIRECTION.search(before)
    direction = direction.group(1) if direction else None
    listed = prev is not None and _LISTED.match(text[prev.end:m.start()]) is not None

    if m.group("rm1"):
        ref = published or (anchor.date_start if anchor and anchor.precision != "year" else None)
        if ref is None:
            return None  # '지난달' needs a known month
        y, mo = _shift_month(ref.year, ref.month, _REL_MONTHS[_SPACE_RE.sub("", m.group("rm1"))])
    elif rel:
        base = published.year if published else (anchor.date_start.year if anchor else None)
        if base is None:
            return None
        y = base + _REL_YEARS[_SPACE_RE.sub("", rel)]
    elif y is None and listed and (mo is not None or prev.precision != "year"):
        # listed with a previous date (2021년 5월과 6월, 7월 5일과 6일): inherit its year, and its month
        y = prev.date_start.year
        mo = mo or prev.date_start.month
    elif y is None:
        ref = published or (anchor.date_start if anchor else None)
        if ref is None:
            return None
        if published is None and mo is None and anchor.precision == "year":
            return None  # a bare day needs a month: without a publication date we have none
        y, mo = _unanchored(ref, mo, d, direction, from_publication=published is not None)
        if y is None:
            return None

    start = _make(y, mo, d)
    if start is None:
        return None
    base_year = published.year if published else (anchor.date_start.year if anchor else None)
    end = _range_end(m, start, mo, d, base_year)
    return DateMention(m.start(), m.end(), start, end, _precision(mo, d), relative)


def _unanchored(ref: date, mo: int | None, d: int | None, direction: str | None,
                from_publication: bool) -> tuple[int | None, int | None]:
    """Year (and month for a bare day) of a date written without its year."""
    y = ref.year
    if not from_publication:  # an anchor found in the text: take its year (and month) as they are
        return y, mo or ref.month
    if mo is None:  # bare day: this month, or the previous one if that would be after publication
        mo = ref.month
        if direction == "오는":
            if d < ref.day:
                y, mo = _shift_month(y, mo, 1)
        elif d > ref.day:
            y, mo = _shift_month(y, mo, -1)
        return y, mo
    if direction == "지난" and (mo, d or 1) > (ref.month, ref.day):
        y -= 1
    elif direction == "오는" and (mo, d or 31) < (ref.month, ref.day):
        y += 1
    elif direction is None and mo - ref.month > 6:
        y -= 1
    return y, mo


def _range_end(m: re.Match, start: date, mo: int | None, d: int | None, base_year: int | None) -> date | None:
    """End of a range: missing parts are inherited from the start (6 월 15 일~16 일)."""
    y2, r2 = _int(m, "y2", "yo2"), _group(m, "r2", "ro2")
    mo2, d2 = _int(m, "m2"), _int(m, "d2", "b2", "c2")
    if y2 is None and r2 is None and mo2 is None and d2 is None or m.group("rm2"):
        return None  # no end, or a relative month as the end (rare): the start alone
    if r2:
        if base_year is None:
            return None
        y2 = base_year + _REL_YEARS[_SPACE_RE.sub("", r2)]  # 2020년부터 올해까지
    # the end must be written at the start's precision or coarser parts inherited
    if d is not None and d2 is None:
        return None
    if mo is not None and mo2 is None and d2 is None:
        return None
    y2 = y2 if y2 is not None else start.year
    mo2 = mo2 if mo2 is not None else (start.month if mo else None)
    end = _make(y2, mo2, d2)
    if end is None:
        return None
    if end < start and _int(m, "y2", "yo2") is None:
        end = _make(y2 + 1, mo2, d2)  # 12월 28일부터 1월 3일까지
    return end if end and end >= start else None
