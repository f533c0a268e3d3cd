"""Metrics: one row per number a document states, with unit, qualifier, kind and period.

The document is walked line by line (tables are tab-separated lines), cell by
cell, sentence by sentence; each sentence is cut further at inline list bullets
('•', '▲') because a bullet list flattened into one line is many statements.
Each number then goes through the stages, each rule named:

1. candidates (candidates.py): one precompiled regex finds the numbers;
2. unit and qualifier (candidates.py, units.py): read from the words around it;
3. not-a-metric filters (filters.py): ordinals, dates, names, list marks,
   counts of the text's own enumerations, each with its reason;
4. kind (kind.py): the verbs of the sentence, its section, its tense;
5. period (periods.py): the dates around it, the heading, table header or
   lead-in above it, the publication date for relative years;
6. subject and indicator (subjects.py).

``extract_metrics(..., trace=[])`` also records, for every number, the rule that
took or dropped it and the rule behind each attribute (the explain mode).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from pipeline.extract import candidates, filters, kind as kinds
from pipeline.extract.candidates import CANDIDATE
from pipeline.extract.periods import as_of_period, date_mentions, period_for, piece_periods
from pipeline.extract.subjects import cell_measure, indicator_of, subject_of
from schemas.units import CURRENCIES, caption_units, header_unit
from pipeline.text import BULLET_START, INLINE_BULLET, LEAD_BULLET, Span, heading_marked, is_heading, layout, plain

# Headings that open a new section ('2) 주요 목표', '## 3.', '◆ …', '□ …'); '①' and '▶' open sub-sections.
_TOP_HEADING = re.compile(r"^\s*(?:#+\s*)?(?:\*\*)?(?:\d{1,2}[).]|[一二三四五六七八九十]{1,3}[.、]|[IVX]{1,4}\.|[◆◇■□【]|[A-Z가-힣 ]+\s*$)")
_TOP_SECTION = re.compile(r"^\s*(?:#+\s*)?(?:\*\*)?\d{1,2}\.\s")
# A table cell that is a figure ('15.0', '1,500여', '38%'), not a header ('2022년 거래액(억 위안)').
_FIGURE_CELL = re.compile(r"[약~\-–]?[ \u00a0]?\d[\d.,]*[ \u00a0]?(?:여|%|[만억조])?[ \u00a0]?[~\-–]?.{0,4}")
# A header cell naming a period, not a figure: '2024년 말', '2023', '1Q25', '2분기', '6월'.
_PERIOD_CELL = re.compile(r"[ \u00a0]*(?:(?:19|20)\d\d[ \u00a0]*년?|[1-4]Q\d\d|[1-4][ \u00a0]*분기|1?\d[ \u00a0]*월)"
                          r"[ \u00a0]*(?:말|초|상반기|하반기|기준|누적|[1-4][ \u00a0]*분기|[1-4]Q)?[ \u00a0]*")
_CONVERSION = re.compile(r"[ \u00a0]*[(（][ \u00a0]*(?:약|대략|한화[ \u00a0]?약?)?[ \u00a0]*")  # '10억 달러(약 '
_EXTRACTOR = {"percent": "percent", "index_points": "index_points", "rank": "rank", "times": "times",
              **dict.fromkeys(CURRENCIES, "amount"), "count": "count", "persons": "count"}


@dataclass
class _Section:
    """What a list inherits from the heading and lead sentence above it."""

    target: bool = False
    goals_heading: bool = False  # the section is headed as goals ('2027년 핵심 목표'): its tables state goals too
    period: str | None = None
    period_rule: str = ""
    subject: str | None = None
    last_period: str | None = None  # the period the last dated statement of the section gave its figures
    heading_period: str | None = None  # the one year its heading names ('2024 스마트시티 박람회')


@dataclass
class _LineState:
    section: _Section
    heading: bool
    marked: bool = False
    goal_heading: bool = False  # the line is itself the goals heading (its figures are not the goals)
    table_row: bool = False  # the line is a row of a table (under a goals heading, its figures are goals)
    column_forecast: bool = False  # the column's header names a forecast year ("'25F", '2026E')
    lead_line: bool = False  # '□ …', 'ㅇ …': an upper-level item that may lead the items below
    text: str = ""  # the document, and where the line and the number being read start in it
    line_start: int = 0
    number_at: int = 0
    article_start: int = 0  # where the current numbered article begins (plans are looked up within it)
    bulleted: bool = False
    lead_period: str | None = None
    target_lead: bool = False
    carry_period: str | None = None  # an 'as of' period stated earlier in the paragraph
    para_period: str | None = None  # the period the last dated sentence of the paragraph gave its figures
    list_period: str | None = None  # the last period in a list of bullets
    cell_period: str | None = None  # '(2022년 6월까지)' in a row header cell
    column_period: str | None = None  # '2022년 거래액(억 위안)' in the column's header cell
    column_unit: tuple | None = None  # the unit and magnitude named in the column's header cell
    carry_kind: str | None = None
    trace: list | None = None  # explain mode: every number with its rules

    @property
    def line_before(self) -> str:
        """The line up to the number being read (sliced only when a rule reads it)."""
        return self.text[self.line_start:self.number_at]


def extract_metrics(text: str, published: date | None, plans: list[dict], title: str | None = None,
                    trace: list | None = None) -> list[dict]:
    """One row per number the text states as a quantity. ``title`` is the document's headline
    (metadata), the subject of last resort; without it the first line stands in. ``trace``,
    when a list, receives one record per number read (taken or dropped) with the rules behind it."""
    masked = filters.masked_spans(text)
    doc = layout(text)  # lines, cells and sentences, shared with plans and events
    headings = [is_heading(line.text) for line, _ in doc]
    heading_counts = filters.heading_counts(doc, headings)
    title = title or (plain(doc[0][0].text)[:30] if doc else "문서")
    rows: list[dict] = []
    section = _Section()
    header_cells: list[Span] = []
    top_start = 0
    citing = False
    note_periods: dict[int, str] = {}
    table_note = False
    listed_units: list[tuple] = []  # '(단위: 억 위안, %)' over a table: the units of its bare cells
    caption: str | None = None  # '<표 1> … 분기별 부가가치': what the table's period columns measure
    goal_list: tuple[tuple, _Section] | None = None  # (indent and mark of ' · 주요 목표', the section outside it)
    for li, ((line, line_cells), heading) in enumerate(zip(doc, headings)):
        if "\t" not in line.text:
            if found := caption_units(line.text):
                listed_units = found
            elif filters.CAPTION.match(line.text) or _TABLE_TITLE.fullmatch(line.text.strip()):
                caption = line.text
            elif not (filters.SOURCES.match(line.text) or _TABLE_NOTE.match(line.text)):
                listed_units, caption = [], None  # a caption reaches over its table and its notes
            header_cells = []  # a table's header reaches only as far as its rows
            table_note = bool(note_periods) and bool(_TABLE_NOTE.match(line.text) or table_note and _NOTE_ITEM.match(line.text))
            if not table_note:
                note_periods = {}
            heading = heading and not table_note  # '2) …' under a table is a note, not a section
        else:
            table_note = False
        if _TOP_SECTION.match(line.text):
            top_start = line.start
        if filters.SOURCES.match(line.text) or (citing and filters.REFERENCE.match(line.text)):
            citing = True  # titles of cited articles are not statements of this text
            continue
        citing = False
        if filters.CAPTION.match(line.text):
            continue
        if heading and _TOP_HEADING.match(line.text):
            # an unmarked short line ('대회 홈페이지를 통한 신청') keeps the year of the heading above
            section = _Section(subject=section.subject,
                               heading_period=None if heading_marked(line.text) else section.heading_period)
        if heading:
            section.last_period = None  # the time frame of a paragraph ends at a heading
        if heading and (year := _heading_period(text, published, line)):
            section.heading_period = year  # '2024 스마트시티 박람회' over the figures of the fair
        goal_heading = heading and bool(kinds.GOAL_HEADING.search(line.text))
        if goal_heading:
            section.target = section.goals_heading = True  # '2) 주요 목표': the list below states goals
            if (year := _YEAR_CELL.search(line.text)) and section.period is None:
                section.period, section.period_rule = year.group(1), "period.goal_heading"  # '2027년 핵심 목표'

        level = (line.start - text.rfind("\n", 0, line.start) - 1, line.text[:1])  # indent and mark
        if goal_list is not None and (heading or not BULLET_START.match(line.text) or level[0] < goal_list[0][0]
                                      or level == goal_list[0]):
            section, goal_list = goal_list[1], None  # the goals' items end at the next item of their level
        if goal_list is None and not heading and (_GOAL_LABEL.fullmatch(line.text) or _GOAL_LEAD.search(line.text)):
            # ' · 주요 목표 (2027년)', '주요 목표는 다음과 같다.': the items under it are goals, of its year
            goal_list = (level, section)
            year = _YEAR_CELL.search(line.text)
            section = replace(section, target=True, period=year.group(1) if year else section.period,
                              period_rule="period.goal_label" if year else section.period_rule)
        if "\t" in line.text and not any(_FIGURE_CELL.fullmatch(c.text) and not _PERIOD_CELL.fullmatch(c.text)
                                          for c, _ in line_cells[1:]):
            header_cells = [cell for cell, _ in line_cells]  # a table header row names the columns below
            note_periods = _note_periods(text, published, doc, li, header_cells)
        if not candidates.has_candidate(line.text):
            continue  # most lines hold no number: only their heading role matters
        dates = date_mentions(text, published, line.start, line.end)
        state = _LineState(section=section, heading=heading, marked=heading_marked(line.text),
                           lead_line=bool(LEAD_BULLET.match(line.text)), goal_heading=goal_heading,
                           article_start=top_start, trace=trace, text=text, line_start=line.start,
                           )
        table_row = len(line_cells) > 1
        state.table_row = table_row
        for ci, (cell, cell_sentences) in enumerate(line_cells):
            state.list_period = None
            header = header_cells[ci].text if table_row and ci < len(header_cells) else None
            state.column_unit = header_unit(header) if header else None
            if table_row and ci > 0 and state.column_unit is None:
                state.column_unit = header_unit(line_cells[0][0].text)  # '스마트 연산(EFLOPS)': the row's unit
            if table_row and ci > 0 and state.column_unit is None and listed_units:
                state.column_unit = _listed_unit(listed_units, header)
            state.column_period = (_header_period(text, published, header_cells[ci]) or note_periods.get(ci)) \
                if header else None
            state.column_forecast = bool(header and _FORECAST_YEAR.search(header))
            if table_row and ci == 0:  # a row header: '2022', '(2022년 6월까지)'
                year = _YEAR_CELL.fullmatch(cell.text.strip())
                state.cell_period = as_of_period(text, dates, cell) or (year.group(1) if year else None)
            measured = header
            if table_row and ci > 0 and caption and (header is None or _PERIOD_CELL.fullmatch(header)):
                measured = cell_measure(caption, line_cells[0][0].text) or header  # '1Q25': the caption's measure
            for sent in cell_sentences:
                for piece in _pieces(text, sent):
                    rows.extend(_piece_metrics(text, piece, sent, line, dates, published, state, masked,
                                               heading_counts, measured, title))
        if table_note:
            continue  # the notes under a table qualify its columns; they do not date the text after it
        if not heading and (not state.bulleted or state.lead_line) and state.lead_period and section.period is None:
            section.period = state.lead_period  # '2025 년까지 …' leads the list below
            section.period_rule = "period.lead_in_deadline"
        if state.target_lead:
            section.target = True
        section.last_period = state.para_period or section.last_period
    for row in rows:
        scope = row.pop("_plan_scope")
        del row["_base"]
        del row["_vend"]
        row["plan_id"] = _plan_for(row, plans, scope) if row["kind"] == "target" else None
    return rows


_DIGIT = re.compile(r"\d")
# An item that only labels the goals listed under it: ' · 주요 목표 (2027년)', '- 2030년 핵심 목표:'.
_GOAL_LABEL = re.compile(r"[\W\d]{0,3}[ \u00a0]*(?:(?:19|20)\d\d[ \u00a0]*년?[ \u00a0]*)?[가-힣]{0,4}[ \u00a0]?"
                         r"(?:목표|목표치)[ \u00a0]*(?:[(（][^)）]{0,20}[)）])?[ \u00a0]*[:：]?")
# A sentence leading a list of goals: '실시방안의 주요 목표는 다음과 같다.', '목표는 아래와 같습니다:'
_GOAL_LEAD = re.compile(r"목표(?:는|로는|로|를|은)?[^.。]{0,20}?(?:다음과|아래와)[ \u00a0]?같(?:다|습니다)[.:：]?[ \u00a0]*$")
_TABLE_TITLE = re.compile(r"<[^<>]{2,60}>|\[[^\[\]]{2,60}\]")  # '<중국 로봇 생산량 추이>' over a table
_YEAR_CELL = re.compile(r"((?:19|20)\d\d)[ \u00a0]*년?")
_RATE_HEADER = re.compile(r"[율률]|비중|대비|증감|%|比")


def _listed_unit(units: list[tuple], header: str | None) -> tuple:
    """The caption's unit for a column: its '%' for a column of rates ('증감률', '전년 동기 대비'),
    else the first unit it lists."""
    rates = [u for u in units if u[0] == "percent"]
    amounts = [u for u in units if u[0] != "percent"]
    if rates and (not amounts or (header and _RATE_HEADER.search(header))):
        return rates[0]
    return amounts[0]
_BARE_YEAR = re.compile(r"(?<![\d.,~\-–—(（])((?:19|20)\d\d)(?![\d.,%년年)）]|[ \u00a0]?[~\-–—])")
# A heading naming the year its section reviews: '一. 2024년 업무 회고', '2. 2023년 주요 성과' (no figure in it).
_FORECAST_YEAR = re.compile(r"(?:[’'′]\d\d|(?:19|20)\d\d)[FE](?![A-Za-z])")
_YEAR_OF_SECTION = re.compile(r"[\W\d一二三四五六七八九十IVX]*?\b((?:19|20)\d\d)년(?:도)?[ \u00a0]+[가-힣 ·\u00a0]+")


def _heading_period(text, published, line: Span) -> str | None:
    """The year in the name of what a heading announces ('2024 스마트시티 박람회', '**1. 2023
    디지털 포럼 개최**'): the period of the section's undated figures. A year written as a
    date ('2025년 1조 위안 전망', '2017년 이후') or a plan's period ('(2020~2022)') is not."""
    if not _DIGIT.search(line.text):
        return None  # no year without a digit (plain() only removes characters)
    years = _BARE_YEAR.findall(plain(line.text))
    if not years and (m := _YEAR_OF_SECTION.fullmatch(plain(line.text).strip())):
        return m.group(1)
    return years[0] if len(years) == 1 else None


def _header_period(text, published, cell: Span) -> str | None:
    """'2022년 거래액(억 위안)', '2024 매출': the year a column header names is the period of its cells."""
    found = date_mentions(text, published, cell.start, cell.end)
    if len(found) == 1:
        return found[0].end_period or found[0].period
    years = _BARE_YEAR.findall(cell.text) if not found else []
    return years[0] if len(years) == 1 else None


# A note under a table: '주 : 1) …', '注：', '※ …', '* …', and its numbered continuation lines.
_TABLE_NOTE = re.compile(r"(?:주|注|비고|note)[ \u00a0]*[:：)]|[※*]", re.IGNORECASE)
_NOTE_ITEM = re.compile(r"\d\)[ \u00a0]")  # '2) …' after a note line: the next note
_NOTE_CLAUSE = re.compile(r"[^,;。]*?(?:이며|이고|[,;。]|$)")
_BRACKETED = re.compile(r"[(（\[][^)）\]]*[)）\]]")


def _note_periods(text, published, doc, header_at: int, header_cells) -> dict[int, str]:
    """'주 : … 상장 데이터상품 수는 2023년 10월 말 기준' under a table: the 'as of' date a note
    gives the column it names (the header's words, units in brackets left out)."""
    names = [(ci, " ".join(_BRACKETED.sub(" ", c.text).split())) for ci, c in enumerate(header_cells)]
    names = [(ci, n) for ci, n in names if len(n) >= 2]
    out: dict[int, str] = {}
    i = header_at + 1
    while i < len(doc) and "\t" in doc[i][0].text:
        i += 1  # the rows
    noted = False
    for line, _ in doc[i:i + 8]:
        if not (_TABLE_NOTE.match(line.text) or noted and _NOTE_ITEM.match(line.text)):
            break
        noted = True
        for d in date_mentions(text, published, line.start, line.end):
            if not d.as_of or d.day:
                continue
            clause_start = text.rfind(",", line.start, d.start) + 1 or line.start
            for sep in ("이며", "이고", ";"):
                k = text.rfind(sep, clause_start, d.start)
                clause_start = k + len(sep) if k >= 0 else clause_start
            clause = text[clause_start:d.start]
            for ci, name in names:
                if name in clause and ci not in out:
                    out[ci] = d.end_period or d.period
    return out


def _piece_metrics(text, piece: Span, sent: Span, line: Span, dates, published, state: _LineState,
                   masked, heading_counts, header, title) -> list[dict]:
    is_bullet = piece.start != sent.start or bool(BULLET_START.match(line.text)) and sent.start == line.start
    state.bulleted = state.bulleted or is_bullet
    s = piece.text
    kind_base, strong, past, kind_rule = kinds.statement_kind(s, state, is_bullet)
    if state.table_row and state.column_forecast:
        kind_base, kind_rule = "forecast", "kind.forecast_column"  # "'25F 매출": a forecast year heads the column
    period_here = piece_periods(text, piece, dates)
    if kind_base == "actual" and period_here.deadline and not past and _deadline_ahead(period_here, published):
        kind_base, kind_rule = "target", "kind.deadline_ahead"  # '2025년까지 … 90%로 높인다'
    topic = kind_base != "actual" and bool(kinds.PLAN_TOPIC.search(s))  # once per piece, not per number
    trace = state.trace
    out = []
    for m in CANDIDATE.finditer(s) if candidates.has_candidate(s) else ():  # most sentences of a line hold none
        start = piece.start + m.start()
        if filters.overlaps(masked, start, piece.start + m.end()):
            if trace is not None:
                trace.append({"start": start, "text": m.group(), "taken": False, "rule": "filter.masked_region"})
            continue
        state.number_at = start
        cand = candidates.read(text, s, m, piece.start, state, heading_counts)
        if cand.__class__ is str:
            if trace is not None:
                trace.append({"start": start, "text": m.group(), "taken": False, "rule": cand})
            continue
        vend = cand.end
        kind, k_rule = kinds.clause_kind(s, m.start(), kind_base, kind_rule, topic)
        kind, k_rule = kinds.planned_investment(s, m.start(), vend - piece.start, kind, k_rule)
        if out and _CONVERSION.fullmatch(text, out[-1]["_vend"], start):
            kind, k_rule = out[-1]["kind"], "kind.same_as_the_converted_figure"  # '10억 달러(약 1조 1,400억 원)'
        period, p_rule = period_for(text, piece, start, state, period_here)
        kind, k_rule = kinds.past_period(kind, k_rule, period, p_rule, published)
        unit = cand.unit
        row = {
            "subject": subject_of(s, state.section.subject or title, nstart=m.start(), text=text, start=piece.start),
            "indicator": indicator_of(s, m.start(), vend - piece.start, header, unit),
            "value": float(cand.value),
            "unit": unit,
            "value_text": text[start:vend],
            "qualifier": cand.qualifier,
            "kind": kind,
            "period": period,
            "plan_id": None,
            "char_start": piece.start,
            "char_end": piece.end,
            "extractor": f"metrics.{_EXTRACTOR.get(unit, 'measure')}",
            "_plan_scope": state.article_start,
            "_base": p_rule == "period.comparison_base_figure",
            "_vend": vend,
        }
        out.append(row)
        if trace is not None:
            trace.append({"start": start, "text": row["value_text"], "taken": True, "rule": cand.candidate_rule,
                          "row": row, "rules": {
                              "unit": cand.unit_rule, "qualifier": cand.qualifier_rule, "kind": k_rule,
                              "period": p_rule,
                              "subject": "subjects.subject_of" + ("" if state.section.subject is None else
                                                                  " (section subject as fallback)"),
                              "indicator": "table column header" if header else "subjects.indicator_of"}})
    # the sentence's own kind and periods flow on to the next statements of the paragraph
    if strong:
        state.carry_kind = kind_base
    elif past:  # statement_kind has read the tense whenever the kind is not strong
        state.carry_kind = None
    if not is_bullet and period_here.mentions:
        # '올해 1분기 … 36%로 1위. 다만 … 0.7%p 내려갔다': the next sentences keep the time frame
        # an achieved figure's year frames what follows; a deadline or a comparison base does not
        dated = [r["period"] for r in out if r["period"] and r["kind"] == "actual" and not r["_base"]]
        frames = [d for d in period_here.mentions if not d.day and not d.deadline and d.base_end is None]
        if dated:
            state.para_period = dated[-1]
        elif frames:
            state.para_period = frames[-1].end_period or frames[-1].period
    if period_here.as_of:
        state.carry_period = period_here.as_of
    if period_here.last and is_bullet:
        state.list_period = period_here.last
    if period_here.deadline and (not is_bullet or state.lead_line):
        state.lead_period = state.lead_period or period_here.deadline
        if kinds.FUTURE.search(s) or kinds.TARGET_STRONG.search(s):
            state.target_lead = True
    return out


def _deadline_ahead(here, published: date | None) -> bool:
    return published is None or int(here.deadline[:4]) >= published.year


def _pieces(text: str, sent: Span) -> list[Span]:
    """A sentence cut at inline bullets (the bullets left out); offsets stay into the text."""
    if "•" not in sent.text:
        return [sent]  # most sentences have no bullet: skip the regex scan
    bullets = [m for m in INLINE_BULLET.finditer(sent.text) if m.start() > 0]
    if not bullets:
        return [sent]
    bounds = [(0, bullets[0].start())] + [(b.end(), nxt.start()) for b, nxt in zip(bullets, bullets[1:])]
    bounds.append((bullets[-1].end(), len(sent.text)))
    out = []
    for a, b in bounds:
        chunk = sent.text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        chunk = chunk.strip()
        if chunk:
            out.append(Span(sent.start + a + lead, sent.start + a + lead + len(chunk), chunk))
    return out


# -------------------------------------------------------------------- plans ----
def _plan_for(row: dict, plans: list[dict], scope_start: int) -> str | None:
    """The nearest plan named before the target, within the same article."""
    best = None
    for p in plans:
        start = p.get("char_start")
        if start is None or start > row["char_end"] or start < scope_start:
            continue
        if best is None or start > best["char_start"]:
            best = p
    return best["plan_id"] if best else None
