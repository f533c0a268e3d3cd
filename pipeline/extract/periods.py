"""The period of a figure: which of the dates around a number it belongs to.

A line's dates come from ``dates.line_dates``; comparison bases ('전년 대비') and
starting points ('… 이후') are not periods. Within a piece, the nearest date before
the number in the same clause and bracket wins; a date at the head of a sentence,
an 'as of' date ('…말 기준') or a deadline ('…까지') covers the whole sentence and,
through the caller's paragraph state, the statements that follow it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.extract.dates import is_deadline, line_dates
from pipeline.extract.phrases import CLAUSE_END
from pipeline.text import BULLET_START, Span, plain, words_of

# A date followed by these is a comparison base: '전년 대비', '지난해 같은 기간보다', '전년 동월'.
_COMPARE = re.compile(r"^[ \u00a0]*(?:의[ \u00a0]?)?(?:대비|동기|동월|동분기|보다|比|같은[ \u00a0]?(?:기간|달|분기|때))"
                      # '’24년의 두 배', '2020년의 1.5배': the year a multiple is taken of
                      r"|^[ \u00a0]*의[ \u00a0]?(?:약[ \u00a0]?)?(?:\d[\d.,]*|[한두세네]|다섯|여섯|일곱|여덟|아홉|열)[ \u00a0]?배")
_SINCE = re.compile(r"^[ \u00a0]*(?:이후|부터|이래|以来)")
# '2022년의 120만 개보다 62% 늘었다': the date is the period of the base figure only; what
# follows the 보다 is compared with it, so the date neither dates nor frames it.
_BASE_FIGURE = re.compile(r"[ \u00a0]*의[ \u00a0]?[^ \u00a0,.;]*\d[^,.;]{0,20}?보다")
# A line without one of these takes no periods from its dates ('(2016~2021)' alone); tested
# only on lines that hold a date.
_DATEISH = re.compile(r"[년월일]|[’'′‘`´]\d\d|(?:19|20)\d\d[FE]|\dQ|Q[1-4]|올[ \u00a0]?해|지난[ \u00a0]?해|작년|금년|내년|명년|이듬해|\d{4}[ \u00a0]?[./-][ \u00a0]?\d"
                      r"|[지이다][난번음]?[ \u00a0]?달|내달")
_NOW = re.compile(r"(?<![가-힣])현재(?![가-힣]*까지)")
_OF_DATE = re.compile(r"[ \u00a0]*(?:말|초|중순|기준)?[ \u00a0]*")  # between a date and its '현재'
_AS_OF = re.compile(r"^[ \u00a0]*(?:말)?[ \u00a0]?(?:까지|기준|현재|말)")
_SINCE_WORD = re.compile(r"이후|이래|以来")
_FROM_VALUE = re.compile(r"[^,]{0,25}?에서")
_BRACKET = re.compile(r"[()\[\]]")
_LEADING_NUMBER = re.compile(r"^[\d,. ]+")
_DIGIT = re.compile(r"\d")
_LABEL_LEAD = re.compile(r"[ \u00a0\-–•·◆◇▲△■□○●*#>ㅇ]*")  # what may precede a bracket that labels the piece


@dataclass
class Mention:
    """A date as a period: 'YYYY' or 'YYYY-MM', and what the words after it make of it."""

    start: int
    end: int
    period: str
    end_period: str | None
    as_of: bool
    deadline: bool
    relative: bool = False
    day: bool = False  # a day-precision date: the date of an event ('지난달 25일 발표한'), not a period
    base_end: int | None = None  # end of '의 <figure>보다' after it: a comparison base beyond there


@dataclass
class PiecePeriods:
    """The dates of one piece and the periods it hands on to the statements after it."""

    mentions: list
    as_of: str | None = None
    deadline: str | None = None
    last: str | None = None


def date_mentions(text, published, start, end) -> list[Mention]:
    """The dates of the line text[start:end] that can be periods, and '현재' (the publication year)."""
    out = []
    try:  # the line's share of the document's dates: most lines have none, and need no _DATEISH test
        found = line_dates(text, published, start, end)
    except Exception:  # a dates bug must not lose the metrics
        found = []
    if found and not _DATEISH.search(text, start, end):
        found = []
    for d in found:
        tail = text[d.end:d.end + 12]
        if _COMPARE.match(tail):
            continue  # '전년 대비': a comparison base, not a period
        if d.date_end is None and _SINCE.match(tail):
            continue  # '2014년 … 이후': a starting point
        p = _fmt(d.date_start, d.precision)
        pe = _fmt(d.date_end, d.precision) if d.date_end else None
        base = _BASE_FIGURE.match(text, d.end, end)
        out.append(Mention(d.start, d.end, p, pe, bool(_AS_OF.match(tail)),
                           is_deadline(text, d), d.relative, d.precision == "day", base.end() if base else None))
    if published is not None:
        for m in (_NOW.finditer(text, start, end) if text.find("현재", start, end) >= 0 else ()):
            # '2월 말 현재' is as of that date; only a '현재' of its own is the publication year
            if not any(x.start <= m.start() < x.end or x.end <= m.start() and _OF_DATE.fullmatch(text, x.end, m.start())
                       for x in out):
                out.append(Mention(m.start(), m.end(), str(published.year), None, True, False))
    return sorted(out, key=lambda x: x.start)


def _fmt(d: date, precision: str) -> str:
    return f"{d.year}" if precision == "year" else f"{d.year}-{d.month:02d}"


def piece_periods(text, piece: Span, dates) -> PiecePeriods:
    """The piece's dates, and those that carry on to the next statements."""
    inside = [d for d in dates if piece.start <= d.start < piece.end]
    pp = PiecePeriods(inside)
    for d in inside:
        if d.base_end is not None:
            continue  # the period of a comparison base's figure: it frames nothing
        # 'as of' dates, and an explicit year heading the sentence ('2022 년 화웨이는 …'),
        # set the period of the statements that follow in the paragraph
        if d.as_of or (not d.relative and len(d.period) == 4 and _sentence_initial(text, piece.start, d)):
            pp.as_of = d.end_period or d.period
        if d.deadline:
            pp.deadline = d.end_period or d.period
        pp.last = d.end_period or d.period
    return pp


def period_for(text, piece: Span, pos: int, state, here: PiecePeriods) -> tuple[str | None, str]:
    """(period, rule) of the number at ``pos``; else what the paragraph or list above carries
    (``state``: the metrics walk's periods of the paragraph and section)."""
    s0 = piece.start
    scope = _bracket_scope(text, s0, pos)
    before = [d for d in here.mentions if d.end <= pos and _bracket_scope(text, s0, d.start) in (None, scope, -1)
              and (d.base_end is None or pos < d.base_end)]
    if before:
        d = before[-1]
        if d.base_end is not None:
            return d.end_period or d.period, "period.comparison_base_figure"  # '2022년의 120만 개보다'
        if _SINCE_WORD.search(text[d.end:pos]):
            return None, "period.after_a_starting_point"  # '2014년 … 개통한 이후 이미 20만 개'
        # a date at the head of the sentence covers it all; one inside it, only its own clause
        if _sentence_initial(text, s0, d) or d.as_of or d.deadline or not CLAUSE_END.search(text[d.end:pos]):
            if d.end_period and _FROM_VALUE.match(text[pos:pos + 30]):
                return d.period, "period.range_start_for_from_value"  # '2012년부터 2021년까지 … 11 조 위안에서 45 조 위안으로'
            return d.end_period or d.period, "period.date_before_in_clause"
        if len(d.period) == 4 and not d.day:
            return d.end_period or d.period, "period.year_of_an_earlier_clause"  # '2021년 … 내놓았고 … 31%'
        return None, "period.event_date_in_another_clause"  # '2018년 12월에 시작되었으며 … 7개 팀'

    for d in here.mentions:  # '1,000 억 위안에 근접한 영업 총수익[이리 2020 년 연간 보고서 …]'
        if d.start >= pos:
            between = text[pos:d.start]
            if len(between) < 40 and not CLAUSE_END.search(between) \
                    and not _DIGIT.search(_LEADING_NUMBER.sub("", between)):
                return d.end_period or d.period, "period.date_right_after"
            break
    if state.list_period:
        return state.list_period, "period.previous_list_item"
    if state.carry_period:
        return state.carry_period, "period.as_of_earlier_in_paragraph"
    if state.para_period:
        return state.para_period, "period.earlier_sentence_of_paragraph"
    if state.cell_period:
        return state.cell_period, "period.row_header_cell"
    if state.column_period:
        return state.column_period, "period.column_header"
    if state.section.period and (state.bulleted or state.table_row and state.section.goals_heading
                                 or _is_bullet_line(text, piece)):
        return state.section.period, state.section.period_rule or "period.section"
    if state.section.heading_period:
        return state.section.heading_period, "period.heading_year"
    if state.section.last_period:
        return state.section.last_period, "period.earlier_paragraph"
    return None, "period.none"


def _sentence_initial(text, s0, d) -> bool:
    lead = plain(text[s0:d.start])
    return len(words_of(lead)) <= 1


def _is_bullet_line(text, piece: Span) -> bool:
    line_start = text.rfind("\n", 0, piece.start) + 1
    return bool(BULLET_START.match(text[line_start:piece.start + 2]))


def _bracket_scope(text, s0, pos):
    """Start offset of the innermost open bracket before pos in the piece, or None; -1 for a
    bracket that labels the whole piece, opening it after at most a list mark ('- (1단계, ′25)
    AI 핵심산업 규모 3,500억 위안'): what it holds governs the piece, as a heading does."""
    depth = []
    for m in _BRACKET.finditer(text, s0, pos):  # only the brackets, not every character
        if m.group() in "([":
            depth.append(m.start())
        elif depth:
            depth.pop()
    if not depth:
        return None
    if len(depth) == 1 and _LABEL_LEAD.fullmatch(text, s0, depth[0]):
        return -1
    return depth[-1]


def as_of_period(text, dates, cell: Span):
    """An 'as of' date or deadline in a table's row-header cell: the period of the row."""
    for d in dates:
        if cell.start <= d.start < cell.end and (d.as_of or d.deadline):
            return d.end_period or d.period
    return None
