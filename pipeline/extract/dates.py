"""Korean date expressions: find them and resolve them against the publication date.

This module is the one home for how Korean text writes years and dates. It reads
news and newsletter prose: ``2022 년 7 월 21 일부터 24 일까지``, ``6 월 15 일~16 일``,
``2022.07.13``, ``2023-05-30 08:59``, ``2019년 5월``, ``지난 4 일``, ``8월7일``,
``올해``/``지난해``/``내년``, ``지난달``/``이달``/``다음 달``.  Units may be spaced
from their numbers (``7 월``), as the seed newsletters write them.

Abbreviated years (briefing and report style), with any of the apostrophes
’ ' ′ ‘ ` ´: ``’22년``, ``′35년까지``, ``’23.5월`` (year-month), ``’23.5.24`` and
``23.5.24`` (days), ranges ``’21~’23년``, ``2021~23년``, ``’21~’25``, and a year alone
in brackets after a figure, ``3,500억 위안(′25)``, ``(2단계, ’26)``. Two digits
below 70 are 20xx, from 70 on 19xx.

Short dotted dates ``M.D`` are only dates with evidence, since ``5.23%``, ``3.5배``,
``4.9조`` and versions (``판구 3.0``, ``GPT-3.5``) look the same:
- a weekday in brackets after it: ``5.23(화)``, ``11. 24(금)`` (the only case where
  a space may follow the dot), ``7.4(목)~6(토)`` (a range);
- standing alone in brackets: ``발표했다(4.9)``;
- followed by ``일``, ``부터``, ``까지``, ``경``, ``께`` or a verb of holding
  (``개최``, ``개막``, ``열린`` …): ``5.23일``, ``4.9부터``, ``3.2 개최``; ``에`` only
  with an event verb after it (``4.9에 발표``: values reach ``5.5에`` too);
- a closing dot inside running text: ``정부는 5.23. 발표했다`` (not at a line start,
  where ``1.2.`` numbers sections).
Except with a weekday, a value word or a Latin name just before it (``평균``, ``약``,
``금리``, ``…률``, ``지수``, ``목표``, ``1위``, ``GDP``, ``v``) makes it a number. A weekday that does
not fit the inferred year moves it a year when the neighbouring year fits.

Choices (the contract leaves them open):
- A bare four-digit number is not a date, even when it is a year inside a name
  (``2021 글로벌 디지털 경제 콘퍼런스``, ``2000 개``): only ``년``, a dotted
  full date or a parenthesised year range ``(2016~2021)`` makes a year. So a
  metric never takes its period from an event name; the events extractor reads
  years in event names itself.
- ``같은 해``/``그해``/``동년`` (0) and ``이듬해``/``다음 해`` (+1) count from the date
  last mentioned on the same line (``’23.5월 …, 같은 해 11월``); none there, no date.
- ``전년 대비``/``전년 동기`` is a comparison base relative to the sentence's own
  year, not to the publication date, so it is not returned.
- A date without a year takes the year of an explicit date it is listed with
  (``2021년 5월과 6월``), else the publication year, moved back a year when that
  would put it more than six months after publication (a ``12월`` in a January
  issue). ``지난``/``오는`` force the past/future reading.
- A bare day (``7일``) is a day of the publication month, or of the previous month
  when that would be after publication (``오는`` reverses this).
- Without a publication date, relative expressions resolve against the nearest
  explicit date before them in the text (not a deadline), and are left out when
  there is none. The document is scanned once (``document_dates``); a window
  ``find_dates(text, None, start, end)`` resumes that scan near ``start`` with the
  state it had there, so asking for every sentence costs one pass, not one per call.

Public helpers for the other extractors:
- ``find_dates(text, published, start=0, end=None) -> list[DateMention]``;
  ``document_dates(text, published)`` (cached, whole text); ``line_dates(text,
  published, start, end)`` (one line, from the document scan).
- ``is_deadline(text, mention) -> bool``: the mention (a ``DateMention`` or an end
  offset) is followed by ``까지``, possibly after ``말``/``초``/``상반기``/``하반기``/
  ``N분기`` (``2025년까지``, ``′25년 말까지``, ``11. 24(금)까지``). One look-ahead rule;
  whether a range (``date_end`` set) counts is the caller's choice.
- ``year_range(text, start=0, end=None, *, at_start=False) -> YearRange | None``:
  the first year range in ``text[start:end]`` (``2021~2023년``, ``(2016~2021)``,
  ``2020-2025년``, ``2021~23년``, ``’21~’25``, ``（2021-2023年）``, ``2021년부터
  2023년까지``) as ``YearRange(first, last, start, end)`` (a named tuple: years, then
  the offsets of the match, brackets included). A bare ``2014-2020`` counts when
  nothing but a separator joins the two years. ``at_start=True`` only accepts a range
  beginning at ``start`` (after spaces): the ``(2021~2023년)`` right after a title.
  ``year_ranges`` yields them all.
- ``year_of(written) -> int``: ``'2022'``, ``'’22'``, ``'22'`` → 2022.
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterator, NamedTuple

_S = r"[ \t\u00a0]*"  # spacing inside one expression: never across a line
_NUM = r"(?<![\d.,])"  # a number starts here, not inside 12.5 or 2,021
_APOS = "’'′‘`´"
_YY = rf"[{_APOS}]\d\d(?!\d)"  # an abbreviated year: ’22
_YEARNUM = rf"(?:{_NUM}(?:19|20)\d\d|{_YY})"  # a year as written: 2022 or ’22
_MON = r"(?:1[0-2]|0?[1-9])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_RANGE = r"[~∼〜\-–]"
_WEEKDAYS = "월화수목금토일"


def _wd(name: str) -> str:
    """A weekday in brackets: (화), (목요일), [수], （금）."""
    return rf"[(（\[][ \t\u00a0]*(?P<{name}>[{_WEEKDAYS}])(?:요일)?[ \t\u00a0]*[)）\]]"


# Relative year words, offset from the anchor year. 전년 only when not a comparison base.
_REL_YEARS = {"올해": 0, "금년": 0, "올 해": 0, "지난해": -1, "지난 해": -1, "작년": -1,
              "전년": -1, "재작년": -2, "내년": 1, "명년": 1}
# Years relative to the date last mentioned on the same line: '’23.5월 …, 같은 해 11월', '이듬해 3월'.
_PREV_YEARS = {"같은해": 0, "그해": 0, "동년": 0, "이듬해": 1, "다음해": 1}
_REL_YEAR = (r"(?:재작년|지난\s?해|올\s?해|금년|작년|전년(?!\s*(?:대비|동기|比|보다|같은))|내년|명년|이듬해"
             r"|(?:같은[ \t\u00a0]?해|그[ \t\u00a0]?해|다음[ \t\u00a0]?해|동년)(?=[^가-힣]|$|[에의는도부까말초]))")
# Relative month words, offset from the anchor month; 전월 only when not a comparison base.
_REL_MONTHS = {"지난달": -1, "전월": -1, "이달": 0, "이번달": 0, "금월": 0, "다음달": 1, "내달": 1, "익월": 1}
_REL_MONTH = (r"(?<![가-힣])(?:지난[ \t\u00a0]?달|이번[ \t\u00a0]?달|이달|금월|다음[ \t\u00a0]?달|내달|익월"
              r"|전월(?![ \t\u00a0]*(?:대비|동기|比|보다|같은)))"
              r"(?=[^가-힣]|$|[의에은는도말초중부까])")


def _point(n: str) -> str:
    """One calendar point: year [month [day]] | month [day] | day, groups suffixed with n.

    The year of a year-only point is named ``yo``/``ro`` (re allows a name once); a
    year written with a dot before the month (``’23.5월``, ``2023.5월``) is ``yd``."""
    def year(y: str, r: str) -> str:
        return rf"(?:(?P<{y}{n}>{_YEARNUM}){_S}년(?!대|간|째)|(?P<{r}{n}>{_REL_YEAR}))"
    month = rf"(?P<m{n}>{_MON}){_S}월(?!간|급|세|드|요일|례)"
    dotted_year = rf"(?P<yd{n}>{_YEARNUM})\.{_S}"
    # 일 followed by a particle or a non-Hangul character; never 일본, 일부, 일간, 일째 ...
    # A range's first day may leave 일 to its last: '4월 26~27일'.
    day = (rf"{_NUM}(?P<d{n}>{_DAY})(?:{_S}일"
           r"(?=$|[^가-힣]|에|부터|까지|의|은|는|이|도|과|와|로|자|경|께|엔|오전|오후|밤|새벽|저녁"
           r"|현재|기준|열린|개최|발표|이후|이전|전후)"
           r"(?!\s*(?:동안|간|만에|만|째|이내|연속|가량|정도|넘게|이상|미만|내에|남짓))"
           + (rf"|(?={_S}[~∼〜–-]{_S}{_DAY}{_S}일))" if n == "1" else ")"))
    return (rf"(?:(?:{year('y', 'r')}{_S}{_NUM}|{dotted_year}|{_NUM}){month}(?:{_S}{day})?"
            rf"|(?P<rm{n}>{_REL_MONTH})(?:{_S}{day.replace(f'<d{n}>', f'<c{n}>')})?"
            rf"|{year('yo', 'ro')}"
            rf"|{day.replace(f'<d{n}>', f'<b{n}>')})")


# A short dotted date M.D (checked for evidence in _short_date_ok): '5.23(화)', '(4.9)',
# '7.4(목)~6(토)', '11. 24(금)' (a space after the dot only before a weekday), '5.23일'.
_SHORT = (
    rf"(?<![A-Za-z] )(?<![A-Za-z])(?P<sm>{_MON})\."
    rf"(?:(?P<sd>{_DAY})|{_S}(?P<sdg>{_DAY})(?=\.?{_S}[(（\[][ \t\u00a0]*[{_WEEKDAYS}]))(?!\d|[.,]\d)"
    rf"(?P<sdot>\.(?!\d))?(?:{_S}{_wd('sw')})?"
    rf"(?:{_S}{_RANGE}{_S}(?:(?P<sm2>{_MON})\.{_S})?(?P<sd2>{_DAY})(?!\d|[.,]\d)(?!{_S}(?!일)[가-힣])"
    rf"\.?(?:{_S}{_wd('sw2')})?)?"
    rf"(?P<sil>{_S}일)?"
)

DATE_RE = re.compile(
    # cheap first-character test: a digit that does not continue a number (12.5, 2,021), an
    # apostrophe or the first letter of a relative word; one class, then one lookbehind
    rf"(?=[\d{_APOS}올금지작전재내명익같그동](?<![\d.,]\d)|이[번 \t\u00a0]*달|이달|이듬해|다음)(?:"
    # forms opening with a year (2022, ’22), tried only where one opens
    rf"(?=(?:19|20)\d\d|[{_APOS}]\d\d)(?:"
    # dotted full date: 2022.07.13 / 2022. 7. 13. / 2022-07-13 (not inside a phone number 02-2013-...)
    rf"(?<!\d-)(?P<dy>(?:19|20)\d\d){_S}(?P<sep>[./-]){_S}(?P<dm>{_MON}){_S}(?P=sep){_S}(?P<dd>{_DAY})(?!\d)\.?"
    # dotted full date with an abbreviated year: ’23.5.24 / ’23. 5. 24.
    rf"|[{_APOS}](?P<ey>\d\d)\.{_S}(?P<em>{_MON})\.{_S}(?P<ed>{_DAY})(?!\d|\.\d)\.?"
    # parenthesised year range: (2016~2021), (’21~’25)
    rf"|(?<=[(（])(?P<py1>{_YEARNUM}){_S}{_RANGE}{_S}(?P<py2>{_YEARNUM})(?=[)）])"
    # bare year opening a range that ends with 년: 2019~2020년, 2022 - 2025 년, ’21~’23년, 2021~23년
    rf"|(?P<by>{_YEARNUM}){_S}{_RANGE}{_S}(?P<by2>{_YEARNUM}|\d\d(?!\d)){_S}(?:년|年)(?!대|간|째)"
    # abbreviated years joined without 년: ’21~’25
    rf"|(?P<ay1>{_YY}){_S}{_RANGE}{_S}(?P<ay2>{_YY})"
    # an abbreviated year alone before a closing bracket: 3,500억 위안(′25), (2단계, ’26); a year
    # marked as a forecast or an estimate, as research notes write them: ’25F, 2026E
    rf"|(?P<ya>{_YY}(?=[ \t\u00a0]*[)）\]]|[FE](?![A-Za-z]))|(?:19|20)\d\d(?=[FE](?![A-Za-z])))"
    # a quarter with its year, as reports tag columns: 2025Q1, 2025 1Q (the year is its period)
    rf"|(?P<qy4>(?:19|20)\d\d)[ \t\u00a0]?(?:[1-4]Q|Q[1-4])(?![\dA-Za-z])"
    # forms opening with 'N.' (the year forms above failed): 23.5.24 (no spaces), then M.D
    # a quarter tag with an abbreviated year: 1Q25, 4Q24
    rf")|(?<![A-Za-z\d])[1-4]Q(?P<qy>\d\d)(?![\dA-Za-z])"
    rf"|(?=\d\d?\.)(?:"
    rf"(?<![A-Za-z] )(?<![A-Za-z])(?P<ey2>\d\d)\.(?P<em2>{_MON})\.(?P<ed2>{_DAY})(?!\d|\.\d)\.?"
    rf"|{_SHORT})"
    # a point, optionally followed by the end of a range (부터 ... 까지, ~, -)
    rf"|{_point('1')}(?:{_S}(?:부터|에서|~|∼|〜|–|—|-)(?:{_S}(?:~|-))?{_S}(?={_NUM}\d|{_REL_YEAR}|{_YY}){_point('2')}(?:{_S}까지)?)?"
    r")"
)

_SPACE_RE = re.compile(r"\s")
_DIRECTION = re.compile(r"(지난|오는)[ \t\u00a0]*$")  # searched in the 6 characters before a date
# What may join a date to the one before it (fullmatch; a lone line break too, as '$' allowed)
_LISTED = re.compile(r"[ \t\u00a0]*(?:과|와|및|,|·|、|또는|이나|그리고|/)?[ \t\u00a0]*\n?")
_WD_AFTER = re.compile(rf"{_S}{_wd('w')}")
# Words after a dotted M.D that make it a date. Holding verbs may follow directly ('3.2 개최');
# other event verbs only after 에 ('4.9에 발표'), as versions are released too ('모델 2.5 공개')
# and values reached ('5.5에 그쳤다', '5.5에서 6으로').
_SHORT_CUE = re.compile(rf"{_S}(?:부터|까지|경|께|개최|개막|폐막|열린|열리|열려|열렸|열었"
                        rf"|에{_S}(?:개최|개막|폐막|열|발표|공개|공표|시행|출범|발족|체결|서명|착공|준공|완공|개통|출시|방문))")
_SHORT_CLOSE = re.compile(r"[ \t\u00a0]*[)）]")
_SHORT_DOT_CUE = re.compile(r"[ \t\u00a0]+[가-힣(]")
_DAY_PARTICLE = re.compile(r"(?:$|[^가-힣]|에|부터|까지|자|경|께|의|은|는|로|개최|발표)")
_DURATION = re.compile(rf"{_S}(?:동안|간|만|째|이내|소요|걸|연속|가량|정도|넘게|이상|미만|내|남짓|씩)")
# A value word or a Latin name right before a number: '평균 3.5일', '금리(3.5)', 'GPT-4.5까지'.
_VALUE_BEFORE = re.compile(
    r"(?:[A-Za-z\d%][-+]?|\d[위배등]|률|율|지수|비중|비율|금리|환율|가격|단가|평균|약|최대|최소|최고|최저|총|점수|평점"
    r"|버전|배율|수치|규모|목표|목표치|전망|전망치|예상|예상치|평균치|수준)[ \t\u00a0]*(?:은|는|이|가|을|를|도|의|로|으로|[:：])?[ \t\u00a0]*[(（]?[ \t\u00a0]*$")
_LINE_LEAD = re.compile(r"[ \t\u00a0\-–•·◆◇▲△■□ㅇ○●*#>]*$")
_DEADLINE = re.compile(rf"{_S}(?:(?:연|년)?{_S}(?:말|초)|[상하]반기|[1-4]{_S}분기)?{_S}까지")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date_start: date
    date_end: date | None
    precision: str  # day | month | year
    relative: bool


class YearRange(NamedTuple):
    first: int
    last: int
    start: int
    end: int


def year_of(written: str) -> int:
    """The year a written year stands for: '2022' → 2022, '’22' or '22' → 2022, '’98' → 1998."""
    digits = written.strip(_APOS + " ")
    if len(digits) == 4:
        return int(digits)
    yy = int(digits[-2:])
    return 2000 + yy if yy < 70 else 1900 + yy


def is_deadline(text: str, mention: DateMention | int) -> bool:
    """Whether the date is followed by 까지 (a deadline): '2025년까지', '′25년 말까지', '3분기까지'.

    ``mention`` is a DateMention or the offset where it ends. One look-ahead rule for every
    extractor; a range that carries its own 까지 ('2021년부터 2023년까지') is not followed by one."""
    end = mention if isinstance(mention, int) else mention.end
    return _DEADLINE.match(text, end) is not None


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


def _years(m: re.Match, a: str, b: str) -> DateMention | None:
    """A year range from two groups; the second may be two digits of the first's century (2021~23년)."""
    y1 = year_of(m.group(a))
    w2 = m.group(b)
    y2 = y1 // 100 * 100 + int(w2) if w2.isdigit() and len(w2) == 2 else year_of(w2)
    if not y1 <= y2 <= y1 + 100:
        return None
    return DateMention(m.start(), m.end(), date(y1, 1, 1), date(y2, 1, 1), "year", False)


def _short_date_ok(m: re.Match, text: str) -> bool:
    """Whether a dotted M.D is a date rather than a decimal or a version (see the module docstring)."""
    if m.group("sw") or m.group("sw2"):
        return True
    s, e = m.start(), m.end()
    if _VALUE_BEFORE.search(text, max(0, s - 12), s):
        return False
    if m.group("sil"):
        return _DAY_PARTICLE.match(text, e) is not None and _DURATION.match(text, e) is None
    if s and text[s - 1] in "(（" and _SHORT_CLOSE.match(text, e):
        return True
    if _SHORT_CUE.match(text, e):
        return True
    if m.group("sdot") and _SHORT_DOT_CUE.match(text, e):
        line_start = text.rfind("\n", 0, s) + 1
        return _LINE_LEAD.match(text, line_start, s) is None  # '1.2. 개요' numbers a section
    return False


def _fit_weekday(y: int, mo: int, d: int | None, weekday: str | None) -> int:
    """The year, or the one before or after when only that one has the written weekday."""
    if not weekday or not d:
        return y
    want = _WEEKDAYS.index(weekday)
    for cand in (y, y - 1, y + 1):
        day = _make(cand, mo, d)
        if day and day.weekday() == want:
            return cand
    return y


def _resolve(m: re.Match, text: str, published: date | None,
             prev: DateMention | None, anchor: DateMention | None) -> DateMention | None:
    # one call for the groups telling the forms apart: this runs for every match
    dy, ey, ey2, py1, by, ay1, ya, qy, sm = m.group("dy", "ey", "ey2", "py1", "by", "ay1", "ya", "qy", "sm")
    if dy:
        d = _make(int(dy), int(m.group("dm")), int(m.group("dd")))
        return d and DateMention(m.start(), m.end(), d, None, "day", False)
    if ey or ey2:
        d = _make(year_of(ey or ey2), _int(m, "em", "em2"), _int(m, "ed", "ed2"))
        return d and DateMention(m.start(), m.end(), d, None, "day", False)
    if py1:
        return _years(m, "py1", "py2")
    if by:
        return _years(m, "by", "by2")
    if ay1:
        return _years(m, "ay1", "ay2")
    if ya or qy or m.group("qy4"):  # a quarter is stated as its year
        year = int(m.group("qy4")) if m.group("qy4") else 2000 + int(qy) if qy else year_of(ya)
        return DateMention(m.start(), m.end(), date(year, 1, 1), None, "year", False)

    short = sm is not None
    rm = None
    if short:
        if not _short_date_ok(m, text):
            return None
        y, rel, mo, d = None, None, int(sm), _int(m, "sd", "sdg")
    else:
        y1, yd1, yo1, r1, ro1, m1, d1, b1, c1, rm = m.group("y1", "yd1", "yo1", "r1", "ro1", "m1", "d1", "b1", "c1", "rm1")
        yw = y1 or yd1 or yo1
        y, rel = (year_of(yw) if yw else None), r1 or ro1
        dw = d1 or b1 or c1
        mo, d = (int(m1) if m1 else None), (int(dw) if dw else None)
    relative = y is None
    start_at = m.start()
    direction = _DIRECTION.search(text, max(0, start_at - 6), start_at)
    direction = direction.group(1) if direction else None
    listed = prev is not None and _LISTED.fullmatch(text, prev.end, start_at) is not None

    if rm:
        ref = published or (anchor.date_start if anchor and anchor.precision != "year" else None)
        if ref is None:
            return None  # '지난달' needs a known month
        y, mo = _shift_month(ref.year, ref.month, _REL_MONTHS[_SPACE_RE.sub("", rm)])
    elif rel:
        word = _SPACE_RE.sub("", rel)
        if word in _PREV_YEARS:  # the year just mentioned, on this line
            if prev is None or text.find("\n", prev.end, start_at) >= 0:
                return None
            y = prev.date_start.year + _PREV_YEARS[word]
        else:
            base = published.year if published else (anchor.date_start.year if anchor else None)
            if base is None:
                return None
            y = base + _REL_YEARS[word]
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
    if relative and d:  # a weekday written after the date checks the inferred year: '5.20(월)'
        weekday = m.group("sw") if short else None
        if weekday is None and not short:
            w = _WD_AFTER.match(text, m.end())
            weekday = w.group("w") if w else None
        y = _fit_weekday(y, mo, d, weekday)

    start = _make(y, mo, d)
    if start is None:
        return None
    if short:
        end = _short_range_end(m, start)
    else:
        base_year = published.year if published else (anchor.date_start.year if anchor else None)
        end = _range_end(m, start, mo, d, base_year)
    return DateMention(start_at, m.end(), start, end, "day" if d else "month" if mo else "year", relative)


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


def _short_range_end(m: re.Match, start: date) -> date | None:
    """End of a dotted range: '7.4(목)~6(토)', '7.30~8.2(수)'; a smaller day runs into the next month."""
    d2 = _int(m, "sd2")
    if d2 is None:
        return None
    mo2 = _int(m, "sm2")
    y2, mo2 = start.year, mo2 or start.month
    end = _make(y2, mo2, d2)
    if end is not None and end < start:
        y2, mo2 = (y2 + 1, mo2) if m.group("sm2") else _shift_month(y2, mo2, 1)
        end = _make(y2, mo2, d2)
    return end if end and end >= start else None


def _range_end(m: re.Match, start: date, mo: int | None, d: int | None, base_year: int | None) -> date | None:
    """End of a range: missing parts are inherited from the start (6 월 15 일~16 일)."""
    y2, yd2, yo2, r2, ro2, mo2, d2, b2, c2, rm2 = m.group("y2", "yd2", "yo2", "r2", "ro2", "m2", "d2", "b2", "c2", "rm2")
    if rm2 or not (y2 or yd2 or yo2 or r2 or ro2 or mo2 or d2 or b2 or c2):
        return None  # no end, or a relative month as the end (rare): the start alone
    y2 = y2 or yd2 or yo2
    y2, r2 = (year_of(y2) if y2 else None), r2 or ro2
    d2 = d2 or b2 or c2
    mo2, d2 = (int(mo2) if mo2 else None), (int(d2) if d2 else None)
    if r2:
        word = _SPACE_RE.sub("", r2)
        if word in _PREV_YEARS:
            y2 = start.year + _PREV_YEARS[word]  # 2019년 3월부터 이듬해 2월까지
        elif base_year is None:
            return None
        else:
            y2 = base_year + _REL_YEARS[word]  # 2020년부터 올해까지
    # the end must be written at the start's precision or coarser parts inherited
    if d is not None and d2 is None:
        return None
    if mo is not None and mo2 is None and d2 is None:
        return None
    written_y2 = y2
    y2 = y2 if y2 is not None else start.year
    mo2 = mo2 if mo2 is not None else (start.month if mo else None)
    end = _make(y2, mo2, d2)
    if end is None:
        return None
    if end < start and written_y2 is None:
        end = _make(y2 + 1, mo2, d2)  # 12월 28일부터 1월 3일까지
    return end if end and end >= start else None


# ------------------------------------------------------------------ scanning --

def _walk(text: str, published: date | None, pos: int, end: int, emit_from: int,
          prev: DateMention | None = None, anchor: DateMention | None = None,
          record: list | None = None) -> list[DateMention]:
    """Scan text[pos:end], resolving each match with the state left by the ones before it."""
    out: list[DateMention] = []
    for m in DATE_RE.finditer(text, pos, end):
        mention = _resolve(m, text, published, prev, anchor)
        if mention is not None:
            if not mention.relative and not is_deadline(text, mention):
                anchor = mention  # a deadline ('2022년까지') says nothing about when the text speaks
            prev = mention
            if m.start() >= emit_from:
                out.append(mention)
        if record is not None:
            record.append((m.start(), m.end(), prev, anchor))
    return out


@dataclass(frozen=True)
class _Scan:
    """One pass over a whole document: its mentions, and every regex match with the state after it."""
    mentions: tuple[DateMention, ...]
    mention_starts: list[int]
    starts: list[int]
    ends: list[int]
    states: list[tuple]  # (prev, anchor): the last resolved mention, the last explicit non-deadline one


@lru_cache(maxsize=8)  # metrics, plans and events all read the same document's dates
def _scan(text: str, published: date | None) -> _Scan:
    record: list = []
    mentions = _walk(text, published, 0, len(text), 0, record=record)
    return _Scan(tuple(mentions), [d.start for d in mentions], [r[0] for r in record], [r[1] for r in record],
                 [(r[2], r[3]) for r in record])


# A window resumes the document scan from a match this far before its start or nearer, so
# that the matches it takes from the document scan cannot have read up to the window's end.
_RESUME_MARGIN = 64


def find_dates(text: str, published: date | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """All date expressions in ``text[start:end]``, resolved; unresolvable relative ones are left out.

    With a publication date the window is scanned on its own. Without one, the anchor
    may lie before ``start``: the result is that of a scan from the top of the text
    (``find_dates_reference``), but the state at ``start`` is taken from the cached
    document scan, so the cost is that of the window."""
    end = len(text) if end is None else end
    if published is not None or start <= 0:
        return _walk(text, published, max(start, 0), end, start)
    scan = _scan(text, None)
    # resume at a match of the document scan: the first that straddles start or ends near it
    k = bisect.bisect_left(scan.ends, start - _RESUME_MARGIN + 1)
    pos = min(start, scan.starts[k]) if k < len(scan.starts) else start
    prev, anchor = scan.states[k - 1] if k else (None, None)
    return _walk(text, None, pos, end, start, prev, anchor)


def find_dates_reference(text: str, published: date | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """``find_dates`` the straightforward way: without a publication date, scan from the top every time."""
    end = len(text) if end is None else end
    return _walk(text, published, start if published else 0, end, start)


def document_dates(text: str, published: date | None) -> tuple[DateMention, ...]:
    """``find_dates`` over the whole text, computed once per document."""
    return _scan(text, published).mentions


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
    scan = _scan(text, published)
    doc, starts = scan.mentions, scan.mention_starts
    lo = bisect.bisect_left(starts, start)
    if lo and doc[lo - 1].end > start:
        return find_dates(text, published, start, end)
    hi = bisect.bisect_left(starts, end, lo)
    return list(doc[lo:hi])


# ---------------------------------------------------------------- year ranges --

_YEAR_RANGE_RE = re.compile(
    rf"(?P<open>[(（][ \t\u00a0]*)?(?<![\d][-–])(?P<a>{_YEARNUM})(?P<ua>{_S}(?:년|年))?{_S}"
    rf"(?:(?P<sep>[~∼〜\-–—])|(?P<from>부터)){_S}(?P<b>{_YEARNUM}|\d\d(?!\d))(?P<ub>{_S}(?:년|年))?"
    rf"(?(from){_S}까지)(?(open)[ \t\u00a0]*[)）])(?![\d]|[-–.]\d)")


def year_ranges(text: str, start: int = 0, end: int | None = None) -> Iterator[YearRange]:
    """Every year range in ``text[start:end]`` (see ``year_range``)."""
    end = len(text) if end is None else end
    for m in _YEAR_RANGE_RE.finditer(text, start, end):
        r = _year_range_of(m)
        if r:
            yield r


def year_range(text: str, start: int = 0, end: int | None = None, *, at_start: bool = False) -> YearRange | None:
    """The first year range in ``text[start:end]``: '2021~2023년', '(2016~2021)', '’21~’25'.

    Returns ``YearRange(first, last, start, end)`` or None. ``at_start`` asks for a range
    opening at ``start`` (after spaces and tabs), as '(2021~2023년)' right after a title."""
    end = len(text) if end is None else end
    if at_start:
        while start < end and text[start] in " \t\u00a0":
            start += 1
        m = _YEAR_RANGE_RE.match(text, start, end)
        return _year_range_of(m) if m else None
    return next(year_ranges(text, start, end), None)


def _year_range_of(m: re.Match) -> YearRange | None:
    a, b = m.group("a"), m.group("b")
    if m.group("from") and not (m.group("ua") and m.group("ub")):
        return None  # 부터 joins years written with 년: '2021년부터 2023년까지'
    marked = m.group("open") or m.group("ua") or m.group("ub") or not a[0].isdigit() or not b[0].isdigit()
    if len(b) == 2 and b.isdigit() and not marked:
        return None  # '2021-23' alone is too like a code
    y1 = year_of(a)
    y2 = y1 // 100 * 100 + int(b) if b.isdigit() and len(b) == 2 else year_of(b)
    if not (y1 < y2 <= y1 + 100 if not marked else y1 <= y2 <= y1 + 100):
        return None
    return YearRange(y1, y2, m.start(), m.end())
