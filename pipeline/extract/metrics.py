"""Metrics: one row per number a document states, with unit, qualifier, kind and period.

The document is walked line by line (tables are tab-separated lines), cell by
cell, sentence by sentence; each sentence is cut further at inline list bullets
('•', '▲') because a bullet list flattened into one line is many statements.
In each piece one precompiled regex finds number candidates; the unit is read
from what follows the number, the qualifier from the words around it, the kind
from the verbs of the sentence and its section, the period from the dates
around it (periods.py). Everything else (ordinals, dates, names, list markers,
counts of the text's own enumerations) is dropped by explicit rules, each with
its reason.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from pipeline.extract.numbers import NATIVE, NUMBER, parse_fraction, parse_number
from pipeline.extract.periods import as_of_period, date_mentions, period_for, piece_periods
from pipeline.extract.phrases import CLAUSE_END
from pipeline.extract.subjects import indicator_of, subject_of
from pipeline.text import BULLET_START, Span, layout, plain, words_of

# ---------------------------------------------------------------- candidates --
_NATIVE_COUNTERS = r"(?:가지|개|곳|차례|번|명|대|군데)"
# The leading lookahead lets the engine skip, at C speed, every position that cannot
# start a number (about 7x faster than trying each alternative at each character).
_CANDIDATE = re.compile(
    rf"(?=[\dTt{''.join(sorted({w[0] for w in NATIVE}))}천백십千百])(?:"
    rf"(?P<top>(?<![A-Za-z])[Tt][Oo][Pp][ \u00a0]?(?P<topn>\d{{1,3}})(?![\d.]))"
    rf"|(?P<plus>(?<![\d.,])\d+)\+(?![\w+])"
    rf"|(?P<frac>(?<![\d/.])\d{{1,2}}[ \u00a0]?/[ \u00a0]?\d{{1,3}}(?![\d/]))"
    rf"|(?<![가-힣])(?P<native>{'|'.join(sorted(NATIVE, key=len, reverse=True))})(?=[ \u00a0]?{_NATIVE_COUNTERS}(?![가-힣]|[의이을를은는에과와도씩]))"
    rf"|(?P<num>{NUMBER}))"
)

# Units, tried in order right after the number (an optional space and '여' between).
# Lookaheads keep a unit from being the first syllable of a longer word
# ('원칙', '위안' vs '위', '명단', '배터리').
_PARTICLE = r"(?=[^가-힣]|$|[이가을를은는의에과와도만씩로으나])"
_UNITS = [
    (r"万亿元|亿元|万元|元|위안|인민폐", "CNY"),
    (r"달러|美元", "USD"),
    (r"원" + _PARTICLE.replace("만", "만대"), "KRW"),
    (r"%[ \u00a0]?[pP](?![A-Za-z])|%[ \u00a0]?포인트|%|％|퍼센트", "percent"),
    (r"포인트", "index_points"),
    (r"명" + _PARTICLE, "persons"),
    (r"개[ \u00a0]?사" + _PARTICLE + r"|개국|개소|개교|개(?![월년])|곳|건(?![물설강의])|가지(?!고)|차례|척|가구|종(?![류합목])", "count"),
    (r"대", "count"),  # vehicles, machines; prefix use ('3대 계획') is filtered later
    (r"위(?![가-힣])|위(?=[를로에가는의다권])|위 안", "rank"),
    (r"배" + _PARTICLE, "times"),
    (r"m<sup>2</sup>|m²|㎡|제곱미터|평방미터|平方米", "square_meter"),
    (r"헥타르|ha(?![A-Za-z])|公顷", "hectare"),
    (r"㎞|km(?![A-Za-z²2])|킬로미터|公里", "kilometer"),
    (r"[Ee][Ff][Ll][Oo][Pp][Ss]|엑사플롭스", "exaflops"),
    (r"일(?=[ \u00a0]?(?:간|동안|정도|가량|이내|만에|째))", "days"),
]
_UNIT = re.compile(
    r"[ \u00a0]?(?P<yeo>여[ \u00a0]?)?(?:"
    + "|".join(f"(?P<u{i}>{rx})" for i, (rx, _) in enumerate(_UNITS)) + ")")
_UNIT_NAME = {f"u{i}": name for i, (_, name) in enumerate(_UNITS)}
# A currency written before the number ('US$ 25억', 'RMB 5,545억').
_CURRENCY_BEFORE = re.compile(r"(?:(?P<CNY>RMB|CNY|[￥¥])|(?P<USD>US[ \u00a0]?\$|\$|USD)|(?P<KRW>KRW|₩))[ \u00a0]?$")

# ---------------------------------------------------------------- qualifiers --
_QUAL_AFTER = re.compile(
    r"[ \u00a0]*(?:\([^()\n]{1,40}\)[ \u00a0]*)?(?:이|가|을|를|은|는|의|에|으로|로)?[ \u00a0]*"
    r"(?P<q>이상|초과|넘|돌파|상회|웃돌|이하|미만|이내|안팎|내외|안에|안으로|가량|정도|쯤|남짓|"
    r"근접|가까|육박|에[ \u00a0]?(?:가까|근접|육박))")
_QUAL_WORD = {"이상": "at_least", "초과": "at_least", "넘": "at_least", "돌파": "at_least",
              "상회": "at_least", "웃돌": "at_least", "이하": "at_most", "미만": "at_most",
              "이내": "at_most", "안에": "at_most", "안으로": "at_most"}
_QUAL_BEFORE = re.compile(r"(?P<q>약|대략|거의|근|최소한?|적어도|최대|무려)[ \u00a0]?$")
_QUAL_PREFIX = {"약": "approx", "대략": "approx", "거의": "approx", "근": "approx",
                "최소": "at_least", "최소한": "at_least", "적어도": "at_least", "최대": "at_most"}

# ----------------------------------------------------------- not-a-metric ----
# Regions that are never metrics: URLs, e-mail addresses, phone numbers, HTML tags.
# Each starts with a distinctive character, so the engine skips ahead fast.
_MASK = re.compile(
    r"(?=[hw<+\d])(?:https?://\S+|www\.[\w.-]+\S*|</?[A-Za-z][^<>\n]*>"
    r"|(?<!\d)\+?\d{1,3}[- ]\d{1,4}[- ]\d{3,4}[- ]\d{3,4})")
_EMAIL_HOST = re.compile(r"@[\w-]+(?:\.[\w-]+)+")
_EMAIL_USER = re.compile(r"[\w.+-]{1,64}$")
# Short quoted or bracketed names: a number inside is part of the name ('3 품', <… 2022>).
_QUOTED = re.compile(r"'[^'\n]{1,40}'|‘[^’\n]{1,40}’|\"[^\"\n]{1,40}\"|“[^”\n]{1,40}”|「[^」\n]{1,40}」"
                     r"|<[^<>\n]{1,60}>|《[^》\n]{1,60}》|【[^】\n]{1,40}】")
# Table and figure titles describe data that is not in the text.
_CAPTION = re.compile(r"^\s*[<\[(]?(?:표|그림|도표)\s*\d+\s*[)\].:]")
# A heading: a marked line (◆, 1), ①, #, ▶ …) or a short line with no sentence end.
_HEADING_MARK = re.compile(r"^\s*(?:#+|\*\*|[◆◇■□▶▷●◎○]|\d{1,2}[).]|[①-⑳]|[ivx]+\.|\()")
_SENTENCE_END = re.compile(r"(?:다|요|음|함|됨|임)[.!?]?[\"'”’)\]*]*\s*$")
# Bullets that make a flattened list: a new statement starts at each.
_LIST_ITEM = re.compile(r"[-•·*][ \u00a0]|[-*][^-*]|[①-⑳][ \u00a0]?-")
# Citations: a '출처:' line and the numbered references under it.
_SOURCES = re.compile(r"^[\W\d]*(?:출처|자료|source)[ \u00a0]*[:：]", re.IGNORECASE)
_REFERENCE = re.compile(r"^[\W]*\d{1,2}\.[ \u00a0]")
_BULLET = re.compile(r"(?:^|[ \u00a0])•[ \u00a0]?(?=\S)")
# Words that name the parts of the text itself: '세 가지 측면', '6개의 주요 노선'.
_ABSTRACT = re.compile(
    r"^(?:주요[ \u00a0])?(?:측면|차원|방향|방면|범주|과제|기능|노선|원칙|목표|조치|보장조치|정책|부분|요소|특징|"
    r"역할|단계|영역|항목|조항|세부|직군|섹션|시스템|프레임워크|계획|방안|사업|임무|분야|중점|시나리오|핵심|경향)")
_ENUM_SEP = re.compile(r",|·|、|∙|○|▲|•|▷|◇|\s및\s|(?<=[가-힣)])[과와]\s|그리고")
_MARKS = re.compile(r"[○▲▷◇■]")
_LIST_MARK = re.compile(r"[○▲•▷◇◆■]|['\"“‘「][^'\"”’」]{1,30}['\"”’」]")

# ------------------------------------------------------------------- kind ----
_FORECAST = re.compile(r"전망|예상|예측|내다보|내다봤|추산|점쳐|것으로 보(?:인|고|았|여)|향후[ \u00a0]?\d+[ \u00a0]?년")
_TARGET_STRONG = re.compile(r"목표|예정|방침|하기로|키로|계획이다|계획을 세|겠")
_PLAN_TOPIC = re.compile(r"^[(\s]*(?:이[ \u00a0]|해당[ \u00a0])?(?:['\"‘“<「][^'\"’”>」]{1,60}['\"’”>」]|[가-힣]*"
                         r"(?:방안|계획|요강|강령|청사진|지침|규획))[ \u00a0]?(?:은|는|에는|에서는|에 따르면|에서)")


def _syllables(final: int) -> str:
    """All Hangul syllables with the given final consonant (jongseong index)."""
    return "".join(chr(c) for c in range(0xAC00, 0xD7A4) if (c - 0xAC00) % 28 == final)


# 'ㅆ' final marks the past tense (했, 었, 됐 …); 있 is 'to be' and 겠 is intent.
_PAST = re.compile("[" + _syllables(20).replace("있", "").replace("겠", "") + "]")
# 'ㄹ' final + 것/계획/예정: '늘릴 것이다', '할 계획'.
_FUTURE = re.compile("[" + _syllables(8).replace("을", "").replace("를", "") + r"][ \u00a0]?(?:것|계획|예정|방침)")

# Headings that open a new section ('2) 주요 목표', '## 3.', '◆ …'); '①' and '▶' open sub-sections.
_TOP_HEADING = re.compile(r"^\s*(?:#+\s*)?(?:\*\*)?(?:\d{1,2}[).]|[◆◇■□【]|[A-Z가-힣 ]+\s*$)")
_TOP_SECTION = re.compile(r"^\s*(?:#+\s*)?(?:\*\*)?\d{1,2}\.\s")


@dataclass
class _Section:
    """What a list inherits from the heading and lead sentence above it."""

    target: bool = False
    period: str | None = None
    subject: str | None = None
    headings: set = field(default_factory=set)


def extract_metrics(text: str, published: date | None, plans: list[dict]) -> list[dict]:
    masked = _masked(text)
    doc = layout(text)  # lines, cells and sentences, shared with plans and events
    headings = [_is_heading(line.text) for line, _ in doc]
    heading_counts = _heading_counts(doc, headings)
    title = plain(doc[0][0].text)[:30] if doc else "문서"
    rows: list[dict] = []
    section = _Section()
    header_cells: list[Span] = []
    top_start = 0
    citing = False
    for (line, line_cells), heading in zip(doc, headings):
        if "\t" not in line.text:
            header_cells = []  # a table's header reaches only as far as its rows
        if _TOP_SECTION.match(line.text):
            top_start = line.start
        if _SOURCES.match(line.text) or (citing and _REFERENCE.match(line.text)):
            citing = True  # titles of cited articles are not statements of this text
            continue
        citing = False
        if _CAPTION.match(line.text):
            continue
        if heading and _TOP_HEADING.match(line.text):
            section = _Section(subject=section.subject)
        if heading and _GOAL_HEADING.search(line.text):
            section.target = True  # '2) 주요 목표': the list below states goals
        if "\t" in line.text and not _has_metric_number(line.text.split("\t", 1)[-1]):
            header_cells = [cell for cell, _ in line_cells]  # a table header row names the columns below
        if not _CANDIDATE.search(line.text):
            continue  # most lines hold no number: only their heading role matters
        dates = date_mentions(text, published, line.start, line.end)
        state = _LineState(section=section, heading=heading, marked=bool(_HEADING_MARK.match(line.text)),
                           article_start=top_start)
        for ci, (cell, cell_sentences) in enumerate(line_cells):
            state.list_period = None
            if len(line_cells) > 1 and ci == 0:
                state.cell_period = as_of_period(text, dates, cell)
            for sent in cell_sentences:
                for piece in _pieces(text, sent):
                    header = header_cells[ci].text if len(line_cells) > 1 and ci < len(header_cells) else None
                    rows.extend(_piece_metrics(text, piece, sent, line, dates, published, state, masked,
                                               heading_counts, header, title))
        if not heading and not state.bulleted and state.lead_period and section.period is None:
            section.period = state.lead_period  # '2025 년까지 …' leads the list below
        if state.target_lead:
            section.target = True
    for row in rows:
        scope = row.pop("_plan_scope")
        row["plan_id"] = _plan_for(row, plans, scope) if row["kind"] == "target" else None
    return rows


@dataclass
class _LineState:
    section: _Section
    heading: bool
    marked: bool = False
    line_before: str = ""  # the line up to the number being read
    article_start: int = 0  # where the current numbered article begins (plans are looked up within it)
    bulleted: bool = False
    lead_period: str | None = None
    target_lead: bool = False
    carry_period: str | None = None  # an 'as of' period stated earlier in the paragraph
    list_period: str | None = None  # the last period in a list of bullets
    cell_period: str | None = None  # '(2022년 6월까지)' in a row header cell
    carry_kind: str | None = None


def _piece_metrics(text, piece: Span, sent: Span, line: Span, dates, published, state: _LineState,
                   masked, heading_counts, header, title) -> list[dict]:
    is_bullet = piece.start != sent.start or bool(BULLET_START.match(line.text)) and sent.start == line.start
    state.bulleted = state.bulleted or is_bullet
    s = piece.text
    kind_base, strong, past = _kind(s, state, is_bullet)
    period_here = piece_periods(text, piece, dates)
    if kind_base == "actual" and period_here.deadline and not past and _deadline_ahead(period_here, published):
        kind_base = "target"  # '2025년까지 … 90%로 높인다': a deadline ahead and no past tense
    topic = kind_base != "actual" and bool(_PLAN_TOPIC.search(s))  # once per piece, not per number
    out = []
    subject = None
    for m in _CANDIDATE.finditer(s):
        start, end = piece.start + m.start(), piece.start + m.end()
        if _overlaps(masked, start, end):
            continue
        state.line_before = text[line.start:start]
        cand = _read_candidate(text, s, m, piece.start, state, heading_counts)
        if cand is None:
            continue
        value, unit, vend, qualifier = cand
        kind = _clause_kind(s, m.start(), kind_base, topic)
        period = period_for(text, piece, start, state, period_here)
        out.append({
            "subject": subject or (subject := subject_of(s, state.section.subject or title)),
            "indicator": indicator_of(s, m.start(), vend - piece.start, header, unit),
            "value": float(value),
            "unit": unit,
            "value_text": text[start:vend],
            "qualifier": qualifier,
            "kind": kind,
            "period": period,
            "plan_id": None,
            "char_start": piece.start,
            "char_end": piece.end,
            "extractor": f"metrics.{unit if unit in ('percent', 'index_points', 'rank', 'times') else 'amount' if unit in ('CNY', 'KRW', 'USD') else 'count' if unit in ('count', 'persons') else 'measure'}",
            "_plan_scope": state.article_start,
        })
    # the sentence's own kind and periods flow on to the next statements of the paragraph
    if strong:
        state.carry_kind = kind_base
    elif past:  # _kind has read the tense whenever the kind is not strong
        state.carry_kind = None
    if period_here.as_of:
        state.carry_period = period_here.as_of
    if period_here.last and is_bullet:
        state.list_period = period_here.last
    if period_here.deadline and not is_bullet:
        state.lead_period = state.lead_period or period_here.deadline
        if _FUTURE.search(s) or _TARGET_STRONG.search(s):
            state.target_lead = True
    return out


def _deadline_ahead(here, published: date | None) -> bool:
    return published is None or int(here.deadline[:4]) >= published.year


# Small patterns used per candidate, compiled once (the re cache lookup is measurable).
_LETTER_BEFORE = re.compile(r"[A-Za-z][-.]?$")
_LETTER = re.compile(r"[A-Za-z]")
_BIG_MAGNITUDE = re.compile(r"[만억조万亿]")
_HANGUL_END = re.compile(r"[가-힣]$")
_COLON_SOON = re.compile(r"[^.]{0,30}[:：]")
_DIGIT_BEFORE = re.compile(r"\d[ \u00a0]?[./-]?$")
_TOP_BEFORE = re.compile(r"상위[ \u00a0]?$")
_ORDINAL_BEFORE = re.compile(r"(?:제|第)[ \u00a0]?$")
_HYPHENATED_BEFORE = re.compile(r"[A-Za-z]+-[A-Za-z]+[ \u00a0]$")
_DIGIT = re.compile(r"\d")
_VAGUE_BEFORE = re.compile(r"(?:수|몇)[ \u00a0]?$")
_YEAR_MONTH = re.compile(r"\d{4}\.\d{1,2}$")
_RANGE_AFTER = re.compile(r"[ \u00a0]?[.\-~–][ \u00a0]?\d")
_NUMERIC_ONLY = re.compile(r"[\d.,+%\s]+")
_NOT_INDEX_AFTER = re.compile(r"[ \u00a0]*(?:년|월|일|%|배|호|차|세대|버전|\.\d)")
_NOUN_AFTER = re.compile(r"(?:의)?[ \u00a0]?([가-힣A-Za-z]+)")
_WORD_AFTER = re.compile(r"[ \u00a0]?[가-힣A-Za-z'\"‘“]")
_AMOUNT_AFTER = re.compile(r"[ \u00a0]?(?:이상|가량|정도|여|의\b)")
_CLAUSE_SPLIT = re.compile(r"(?:다[.,]?|며)[ \u00a0]|[.:][ \u00a0]")
_DA_COMMA = re.compile(r"다[.,]\s")
_CONTRAST = re.compile(r"\W*(?:그러나|하지만|반면)")
_UNIT_LETTERS = re.compile(r"(?:[Ee][Ff][Ll][Oo][Pp][Ss]|km|ha|m<sup>|m²|m2)")
_GOAL_HEADING = re.compile(r"목표|과제|임무")
_HEADING_COUNT = re.compile(r"(\d+)[ \u00a0]?(?:개의|가지|개|대)[ \u00a0]?([가-힣]{2})")


# ------------------------------------------------------------- candidates ----
def _masked(text: str) -> list[tuple[int, int]]:
    """Sorted spans of URLs, e-mail addresses, phone numbers and HTML tags."""
    spans = [(m.start(), m.end()) for m in _MASK.finditer(text)]
    for m in _EMAIL_HOST.finditer(text):  # found from the '@', the rare character
        user = _EMAIL_USER.search(text, max(0, m.start() - 64), m.start())
        if user:
            spans.append((user.start(), m.end()))
    return sorted(spans)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    if not spans:
        return False
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    for a, b in spans[max(i, 0):i + 2]:
        if a < end and start < b:
            return True
    return False


def _read_candidate(text, s, m, base, state, heading_counts):
    """(value, unit, end offset of the written number, qualifier) or None when not a metric."""
    before = s[:m.start()]
    if m.group("top"):
        return Decimal(m.group("topn")), "rank", base + m.end(), "at_most"
    if m.group("plus"):
        # '"100+"': a target written as a floor; '1+N' is a name (letter follows)
        return Decimal(m.group("plus")), "count", base + m.end(), "at_least"
    if m.group("frac"):
        value = parse_fraction(m.group("frac"))
        if value is None or _DIGIT_BEFORE.search(before):
            return None
        return value, "times", base + m.end(), None
    native = m.group("native")
    raw = native or m.group("num")
    u = _UNIT.match(s, m.end())  # first, as most candidates (years, days) have no unit and stop here
    if u is None and not native and (cur := _CURRENCY_BEFORE.search(before)):
        value = parse_number(raw)  # 'US$ 25억', 'RMB 5,545억': the currency is written first
        qualifier = _qualifier(s, cur.start(), m.end(), "여" in raw)
        return (value, cur.lastgroup, base + m.end(), qualifier) if value is not None else None
    if not native and (_is_ordinal_or_name(s, m.start(), m.end(), raw) if u else not _maybe_index(s, raw)):
        return None
    value = Decimal(NATIVE[native]) if native else parse_number(raw)
    if value is None:
        return None
    if u is None:
        return _bare_index(s, m, raw, value, base)
    unit = _UNIT_NAME[u.lastgroup]
    unit_text = u.group(u.lastgroup)
    uend = u.end()
    if unit == "count" and (_structural(s, m, u, value, native, state, heading_counts)
                            or _in_quoted_name(s, m.start(), m.end())):
        return None  # a count inside a name ('3개 네트워크 통합') is part of the name
    if native and unit != "count":
        return None
    if unit == "rank" and value > 1000:
        return None
    if unit_text.endswith(" 안"):
        uend -= 2  # '10위 안에': the qualifier, not the unit
    qualifier = _qualifier(s, m.start(), uend, bool(u.group("yeo")) or "여" in raw)
    if unit == "rank" and qualifier is None and _TOP_BEFORE.search(before):
        qualifier = "at_most"
    return value, unit, base + uend, qualifier


def _is_ordinal_or_name(s: str, start: int, end: int, raw: str) -> bool:
    before, after = s[:start], s[end:]
    if _ORDINAL_BEFORE.search(before):
        return True  # 제 2회, 제 287호, 第3条
    if _LETTER_BEFORE.search(before) or _LETTER.match(after) and not _UNIT_LETTERS.match(after):
        return True  # 5G, CCTV4, Born2Global, web3.0, H3C
    if _HYPHENATED_BEFORE.search(before):
        return True  # Wi-Fi 7
    if not _DIGIT.search(raw):
        # Hangul-only numbers ('백 억') need a big magnitude and must start a word
        if not _BIG_MAGNITUDE.search(raw) or _HANGUL_END.search(before):
            return True
    if _VAGUE_BEFORE.search(before) and not _DIGIT.search(raw[:1]):
        return True  # 수천만, 수백: vague
    if _YEAR_MONTH.match(raw) or _RANGE_AFTER.match(after):
        return True  # 2022.07.13, 2015-2020, ranges of years
    return False


def _in_quoted_name(s: str, start: int, end: int) -> bool:
    for q in _QUOTED.finditer(s):
        if q.start() < start and end < q.end():
            return not _NUMERIC_ONLY.fullmatch(q.group()[1:-1].strip())
    return False


def _maybe_index(s: str, raw: str) -> bool:
    return "." in raw and "지수" in s and not _BIG_MAGNITUDE.search(raw)


def _bare_index(s, m, raw, value, base):
    """An unlabelled decimal in a sentence about an index is a score ('지수는 130.9로')."""
    if _is_ordinal_or_name(s, m.start(), m.end(), raw):
        return None
    if _NOT_INDEX_AFTER.match(s[m.end():]):
        return None
    return value, "index_points", base + m.end(), None


def _structural(s, m, u, value, native, state, heading_counts) -> bool:
    """A count of the text's own enumeration: '세 가지 측면', '3대 계획', '6개의 주요 노선'."""
    word = u.group(u.lastgroup)
    after = s[u.end():]
    noun = _NOUN_AFTER.match(after)
    noun_word = noun.group(1) if noun else ""
    if word == "대":
        if _WORD_AFTER.match(after) and not _AMOUNT_AFTER.match(after):
            return True  # '3대 계획', '5대 기업': 'N major …', not N machines
        return False
    if native:
        return word in ("가지", "개", "대")
    if word not in ("가지", "개"):
        return False
    n = int(value) if value == int(value) else 0
    if (n, noun_word[:2]) in heading_counts:
        return True  # the same count titles a heading of the document
    abstract = word == "가지" or bool(_ABSTRACT.match(after.lstrip("의 \u00a0")))
    if state.heading and (abstract or state.marked):
        return True  # '◆ … 5가지 기능', '4개 목표, 12개 중점발전 분야 …'
    window = s[:m.start()][-150:]
    window = _CLAUSE_SPLIT.split(window)[-1]
    items = len(_ENUM_SEP.findall(window)) + 1 if window.strip() else 0
    if n >= 2 and items >= n - 1 and (abstract or _LIST_MARK.search(window)):
        return True
    if n >= 2 and len(_MARKS.findall(state.line_before)) >= n - 1:
        return True  # '▲… ▲… (next sentence) ▲… 6개의 주요 노선'
    if abstract and _COLON_SOON.match(after) and n >= 2:
        return True  # '▶6 가지 파트너 역할: ○ … ○ …'
    return False


def _heading_counts(doc, headings) -> set:
    """(count, first two letters of the noun) of every count stated in a heading."""
    out = set()
    for (line, _), heading in zip(doc, headings):
        if not heading:
            continue
        for m in _HEADING_COUNT.finditer(line.text):
            out.add((int(m.group(1)), m.group(2)))
    return out


def _is_heading(line_text: str) -> bool:
    t = line_text.strip()
    if "\t" in t or _LIST_ITEM.match(t):
        return False  # table rows and list items are statements, not headings
    head = t.split(":")[0] if ":" in t[:40] and _HEADING_MARK.match(t) else t
    if t.startswith("(") and ")" in t[:40]:
        head = t[1:t.index(")")]
        return bool(_DIGIT.search(head)) and not _SENTENCE_END.search(head)
    return len(head) <= 60 and not _SENTENCE_END.search(head) and not _DA_COMMA.search(head)


def _has_metric_number(cell_text: str) -> bool:
    return bool(_DIGIT.search(cell_text))


def _qualifier(s: str, start: int, uend: int, approx_in_number: bool) -> str | None:
    after = _QUAL_AFTER.match(s, uend)
    word = after.group("q") if after else None
    if word and word.startswith("에"):
        word = word[1:].strip()
    if word in _QUAL_WORD:
        return _QUAL_WORD[word]
    if approx_in_number:
        return "approx"
    before = _QUAL_BEFORE.search(s[:start])
    if before:
        return _QUAL_PREFIX.get(before.group("q"))
    if word:
        return "approx"
    return None


def _pieces(text: str, sent: Span) -> list[Span]:
    """A sentence cut at inline bullets (the bullets left out); offsets stay into the text."""
    if "•" not in sent.text:
        return [sent]  # most sentences have no bullet: skip the regex scan
    bullets = [m for m in _BULLET.finditer(sent.text) if m.start() > 0]
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


# -------------------------------------------------------------------- kind ----
def _kind(s: str, state: _LineState, is_bullet: bool) -> tuple[str, bool, bool | None]:
    """(kind of the statement, whether its own words say so and so carry to the next one,
    whether it is in the past tense: None when a strong kind was found before it was read)."""
    if _TARGET_STRONG.search(s) or _PLAN_TOPIC.search(s):
        return "target", True, None
    if _FORECAST.search(s):
        return "forecast", True, None
    past = bool(_PAST.search(s))
    if _FUTURE.search(s) and not past:
        return "target", True, past
    if is_bullet and state.section.target and not past:
        return "target", False, past
    # '…하기로 했다. 공동으로 200 만 명의 …을 지원한다.': the plan goes on in the next sentence
    if state.carry_kind and not past and not _CONTRAST.match(s):
        return state.carry_kind, False, past
    return "actual", False, past


def _clause_kind(s: str, pos: int, kind: str, plan_topic: bool) -> str:
    """A clause in the past tense states a fact even in a sentence that ends on a forecast:
    '30% 증가했으며 … 118%나 증가할 것으로 보고 있다'."""
    if kind == "actual" or plan_topic:  # plan_topic: _PLAN_TOPIC.search(s)
        return kind
    starts = [m.end() for m in CLAUSE_END.finditer(s, 0, pos)]
    end = CLAUSE_END.search(s, pos)
    clause = s[starts[-1] if starts else 0:end.end() if end else len(s)]
    if _PAST.search(clause) and not (_TARGET_STRONG.search(clause) or _FORECAST.search(clause)
                                     or _FUTURE.search(clause)):
        return "actual"
    return kind


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
