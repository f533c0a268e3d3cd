"""Cross-document keys: the same plan or event named in several documents gets one key.

``plans.plan_id`` and ``events.event_id`` identify a row *within* its document; the keys
here identify the plan or event itself, so rows of different documents can be joined:

    plans["plan_key"] = [plan_key(r.title, r.title_zh, r.period_start, r.period_end) for r in plans.itertuples()]

A key is a prefix and 12 hex digits of the sha256 of a canonical form; the canonical
forms are public (``canonical_plan_title``, ``canonical_event_name``) so a surprising
match or miss can be explained.

Plans. The Korean title is canonicalised; the Chinese title is only a fallback when the
Korean one is empty, because two documents may name one plan with and without Chinese,
so the key must be computable from the Korean alone. A Chinese title reaches the same
canonical form when all its words are in ``EQUIVALENCES`` (e.g. 「十四五」数字经济发展规划 =
14·5 디지털경제 발전규획); other Chinese words stay Chinese, and the key then differs.
Steps: Unicode NFKC; a period range ('(2021~2025)', '（2021-2023年）') is dropped; a
parenthesised Chinese gloss after Korean ('동수서산(東數西算)') is dropped; five-year-plan
numbers are written one way ('제14차 5개년' = '14·5' = '十四五' -> '14차5개년'); letters
are lower-cased; spaces, quotes, brackets and middle dots are removed; ``EQUIVALENCES``
are applied. A leading issuer that names the country ('중국', '국무원') is dropped, a
province or city is not: 광둥성 '14·5' 디지털경제 발전규획 is another plan than the national one.

The period is left out of the key, since many documents name a plan without its years
(and some give only the end year), except for a *generic* title: one that, once its plan
words and 'N개년' are removed, is empty ('3개년 행동계획', '실시방안'). Such a title
says nothing about which plan it is, so its period_start and period_end are hashed too.
A consequence: two editions of a plan reissued under the same specific title for
successive periods share a key; tell them apart by the period columns.

Events. The key hashes the canonical name, date_start and place_code; no date, no key
(None). The name's canonical form: NFKC, Chinese glosses in parentheses dropped, years
('2024', '2024년') and edition ordinals ('제7회', '제 3 차', '第七届', '7th') dropped,
because the date tells editions apart; a trailing '개막'/'개최' dropped (the opening is
the event); then the plans' removals and ``EQUIVALENCES``. Dates must agree to the day:
an event dated '2024년 7월' (stored as 2024-07-01) and the same event dated 7월 4일 get
different keys.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import re
import unicodedata

# One table: every equivalence the canonical forms apply, as (pattern, replacement) on
# text already lower-cased and stripped of spaces, quotes, brackets and middle dots.
# Applied in order (longer Chinese phrases before their parts).
EQUIVALENCES: tuple[tuple[str, str], ...] = (
    # plan words: 规划 and 计划 are both written 계획 or 규획 in Korean
    (r"규획|규划|规划|计划|計劃|規劃", "계획"),
    # 实施方案: 실시방안 = 시행방안 (방안 = 方案 and 행동계획 = 行动计划 stay distinct words)
    (r"实施方案|實施方案|시행방안", "실시방안"),
    (r"纲要|綱要|강요", "요강"),
    # 数字经济 written in Korean by meaning (디지털경제) or by sound (수자경제, 숫자경제)
    (r"数字经济|數字經濟|수자경제|숫자경제", "디지털경제"),
    (r"数字政府|數字政府|수자정부|숫자정부", "디지털정부"),
    (r"人工智能|(?<![a-z])ai(?![a-z])", "인공지능"),
    # the other Chinese words of common plan titles, for a title known only in Chinese
    (r"行动|行動", "행동"),
    (r"方案", "방안"),
    (r"发展|發展", "발전"),
    (r"建设|建設", "건설"),
    (r"促进|促進", "촉진"),
    (r"创新|創新", "혁신"),
    (r"产业|產業", "산업"),
    # the country as issuer, at the start only
    (r"^(?:중국|국무원|中国|中國|国务院|國務院)(?:의)?", ""),
)
_EQUIVALENCES = tuple((re.compile(p), r) for p, r in EQUIVALENCES)

_DOTS = re.compile(r"[·ㆍ・･‧∙•]")  # middle dots, before NFKC turns ㆍ into a jamo
_REMOVED = re.compile(r"[\s'\"‘’“”「」『』《》〈〉<>()\[\]{}【】〔〕·,]")
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_GLOSS = re.compile(rf"\([^()]*[{_HAN}][^()]*\)")
_HANGUL = re.compile(r"[가-힣]")
_YEAR = r"(?:19|20)\d{2}\s*(?:년|年)?"
_PERIOD_RANGE = re.compile(rf"\(?\s*{_YEAR}\s*[~\-–—〜至到]\s*{_YEAR}\s*\)?")
# five-year plans: 제14차 5개년 / 14차 5개년 / 14·5 / 14.5 (10th to 15th) / 十四五
_FYP_KO = re.compile(r"제?\s*(1[0-5]|[1-9])\s*차\s*5\s*개년")
_FYP_DOT = re.compile(r"(?<![\d.])(1[0-5])\s*[·.]\s*5(?![\d.])")
_FYP_ZH = re.compile(r"十([一二三四五])五")
_ZH_DIGIT = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5"}
# what is left of a generic title once its plan words are removed
_PLAN_WORDS = re.compile(r"\d+개년|계획|실시방안|방안|행동|요강|의견|조치|발전|시행|실시|종합|총체|전략")
# event names
_ORDINAL = re.compile(r"제\s*\d{1,3}\s*(?:회|차|届)|\d{1,3}\s*(?:회|차)(?=\s)|第\s*[\d一二三四五六七八九十百]{1,4}\s*[届次]"
                      r"|(?<![a-z])\d{1,3}(?:st|nd|rd|th)(?![a-z])", re.IGNORECASE)
_YEARS = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_OPENING = re.compile(r"(?:개막|개최)$")


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFKC", _DOTS.sub("·", text or ""))
    if _HANGUL.search(_HAN_GLOSS.sub("", text)):
        text = _HAN_GLOSS.sub("", text)
    return text


def _finish(text: str) -> str:
    text = _REMOVED.sub("", text.lower())
    for pattern, replacement in _EQUIVALENCES:
        text = pattern.sub(replacement, text)
    return text


def canonical_plan_title(title: str, title_zh: str | None = None) -> str:
    """The form of a plan's title that ``plan_key`` hashes (Korean; Chinese only when no Korean)."""
    text = title if title and title.strip() else (title_zh or "")
    text = _PERIOD_RANGE.sub("", _prepare(text))
    text = _FYP_KO.sub(lambda m: f"{m[1]}차5개년", text)
    text = _FYP_DOT.sub(lambda m: f"{m[1]}차5개년", text)
    text = _FYP_ZH.sub(lambda m: f"1{_ZH_DIGIT[m[1]]}차5개년", text)
    return _finish(text)


def is_generic_title(canonical: str) -> bool:
    """A canonical title made only of plan words ('3개년행동계획'): the period must say which plan."""
    return not _PLAN_WORDS.sub("", canonical)


def _digest(prefix: str, *parts: object) -> str:
    return f"{prefix}_{hashlib.sha256(chr(31).join(map(str, parts)).encode()).hexdigest()[:12]}"


def _year(value) -> str:
    try:
        return "" if value is None or value != value else str(int(value))  # None, NaN, pd.NA
    except TypeError:  # pd.NA != pd.NA is ambiguous
        return ""


def plan_key(title: str, title_zh: str | None = None, period_start: int | None = None,
             period_end: int | None = None) -> str:
    """``plankey_`` + 12 hex: the same plan in every document whatever the spelling (module docstring)."""
    canonical = canonical_plan_title(title, title_zh)
    if is_generic_title(canonical):
        return _digest("plankey", canonical, _year(period_start), _year(period_end))
    return _digest("plankey", canonical)


def canonical_event_name(name: str) -> str:
    """The form of an event's name that ``event_key`` hashes."""
    text = _ORDINAL.sub("", _YEARS.sub("", _prepare(name)))
    return _OPENING.sub("", _finish(text))


def _iso_date(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return _dt.date.fromisoformat(value[:10]).isoformat() if value else None
    try:
        if value != value:  # NaN, NaT
            return None
    except TypeError:  # pd.NA
        return None
    if isinstance(value, _dt.datetime) or hasattr(value, "to_pydatetime"):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return _dt.date.fromisoformat(str(value)[:10]).isoformat()  # numpy.datetime64 and the like


def event_key(name: str, date_start, place_code: str | None) -> str | None:
    """``eventkey_`` + 12 hex of canonical name, date_start and place_code; None without a date or a name."""
    date = _iso_date(date_start)
    canonical = canonical_event_name(name)
    if date is None or not canonical:
        return None
    place = "" if place_code is None or place_code != place_code else str(place_code).strip()
    return _digest("eventkey", canonical, date, place)
