"""Not-a-metric rules: numbers that are names, ordinals, dates, list marks or counts of
the text's own enumerations. Each rule returns its name when it drops a number (the
name the explain mode prints), else None.
"""
from __future__ import annotations

import bisect
import re

from schemas.units import UNIT_LETTERS

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
CAPTION = re.compile(r"^\s*[<\[(]?(?:표|그림|도표)\s*\d+\s*[)\].:>]")
# Citations: a '출처:' line and the numbered references under it.
SOURCES = re.compile(r"^[\W\d]*(?:출처|자료원?|source)[ \u00a0]*[:：]", re.IGNORECASE)
REFERENCE = re.compile(r"^[\W]*\d{1,2}\.[ \u00a0]")

# Words that name the parts of the text itself: '세 가지 측면', '6개의 주요 노선'.
_ABSTRACT = re.compile(
    r"^(?:주요[ \u00a0])?(?:측면|차원|방향|방면|범주|과제|기능|노선|원칙|목표|조치|보장조치|정책|부분|요소|특징|"
    r"역할|단계|영역|항목|조항|세부|직군|섹션|시스템|프레임워크|계획|방안|사업|임무|분야|중점|시나리오|핵심|경향)")
_ENUM_SEP = re.compile(r",|·|、|∙|○|▲|•|▷|◇|\s및\s|(?<=[가-힣)])[과와]\s|그리고")
_MARKS = re.compile(r"[○▲▷◇■]")
_LIST_MARK = re.compile(r"[○▲•▷◇◆■]|['\"“‘「][^'\"”’」]{1,30}['\"”’」]")
_HEADING_COUNT = re.compile(r"(\d+)[ \u00a0]?(?:개의|가지|개|대)[ \u00a0]?([가-힣]{2})")

_LETTER_BEFORE = re.compile(r"[A-Za-z][-.]?$")
_LETTER = re.compile(r"[A-Za-z]")
_BIG_MAGNITUDE = re.compile(r"[만억조万亿]")
_HANGUL_END = re.compile(r"[가-힣]$")
_COLON_SOON = re.compile(r"[^.]{0,30}[:：]")
_ORDINAL_BEFORE = re.compile(r"(?:제|第)[ \u00a0]?$")
_HYPHENATED_BEFORE = re.compile(r"[A-Za-z]+-[A-Za-z]+[ \u00a0]$")
_DIGIT = re.compile(r"\d")
_VAGUE_BEFORE = re.compile(r"(?:수|몇)[ \u00a0]?$")
_YEAR_MONTH = re.compile(r"\d{4}\.\d{1,2}$")
_RANGE_AFTER = re.compile(r"[ \u00a0]?[.\-~–][ \u00a0]?\d")
_NUMERIC_ONLY = re.compile(r"[\d.,+%\s]+")
_NOUN_AFTER = re.compile(r"(?:의)?[ \u00a0]?([가-힣A-Za-z]+)")
_WORD_AFTER = re.compile(r"[ \u00a0]?[가-힣A-Za-z'\"‘“]")
_AMOUNT_AFTER = re.compile(r"[ \u00a0]?(?:이상|가량|정도|여|의\b)")
_CLAUSE_SPLIT = re.compile(r"(?:다[.,]?|며)[ \u00a0]|[.:][ \u00a0]")


def masked_spans(text: str) -> list[tuple[int, int]]:
    """Sorted spans of URLs, e-mail addresses, phone numbers and HTML tags."""
    spans = [(m.start(), m.end()) for m in _MASK.finditer(text)]
    for m in _EMAIL_HOST.finditer(text):  # found from the '@', the rare character
        user = _EMAIL_USER.search(text, max(0, m.start() - 64), m.start())
        if user:
            spans.append((user.start(), m.end()))
    return sorted(spans)


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    if not spans:
        return False
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    for a, b in spans[max(i, 0):i + 2]:
        if a < end and start < b:
            return True
    return False


def ordinal_or_name(s: str, start: int, end: int, raw: str) -> str | None:
    """Why the number at s[start:end] is not a quantity, or None."""
    # the patterns before the number end at it and are at most two characters long (but
    # _HYPHENATED_BEFORE, which needs a space right before it): only that much is searched
    reach = max(0, start - 2)
    if _ORDINAL_BEFORE.search(s, reach, start):
        return "filter.ordinal"  # 제 2회, 제 287호, 第3条
    if _LETTER_BEFORE.search(s, reach, start) or _LETTER.match(s, end) and not UNIT_LETTERS.match(s, end):
        return "filter.name_with_letters"  # 5G, CCTV4, Born2Global, web3.0, H3C
    if s[start - 1:start] in (" ", "\u00a0") and s[start - 2:start - 1].isascii() and s[start - 2:start - 1].isalpha() \
            and _HYPHENATED_BEFORE.search(s, 0, start):  # only after 'letter ' (tested first)
        return "filter.name_with_letters"  # Wi-Fi 7
    if not _DIGIT.search(raw):
        # Hangul-only numbers ('백 억') need a big magnitude and must start a word
        if not _BIG_MAGNITUDE.search(raw) or _HANGUL_END.search(s, reach, start):
            return "filter.hangul_word"
    if _VAGUE_BEFORE.search(s, reach, start) and not _DIGIT.search(raw[:1]):
        return "filter.vague"  # 수천만, 수백: vague
    if _YEAR_MONTH.match(raw) or _RANGE_AFTER.match(s, end):
        return "filter.date_or_year_range"  # 2022.07.13, 2015-2020, ranges of years
    return None


def in_quoted_name(s: str, start: int, end: int) -> bool:
    for q in _QUOTED.finditer(s):
        if q.start() < start and end < q.end():
            return not _NUMERIC_ONLY.fullmatch(q.group()[1:-1].strip())
    return False


def heading_counts(doc, headings) -> set:
    """(count, first two letters of the noun) of every count stated in a heading."""
    out = set()
    for (line, _), heading in zip(doc, headings):
        if not heading:
            continue
        for m in _HEADING_COUNT.finditer(line.text):
            out.add((int(m.group(1)), m.group(2)))
    return out


def structural(s, m, u, value, native, raw, state, heading_counts) -> str | None:
    """A count of the text's own enumeration: '세 가지 측면', '3대 계획', '6개의 주요 노선'."""
    word = u.group(u.lastgroup)
    after = s[u.end():]
    noun = _NOUN_AFTER.match(after)
    noun_word = noun.group(1) if noun else ""
    if word == "대":
        # '3대 계획', '5대 기업': 'N major …', a small whole number written plainly;
        # '30만 대', '1,200대의 서버' are machines
        if value <= 20 and not _BIG_MAGNITUDE.search(raw) and "," not in raw \
                and _WORD_AFTER.match(after) and not _AMOUNT_AFTER.match(after):
            return "filter.major_prefix"
        return None
    if native:
        return "filter.enumeration_count" if word in ("가지", "개", "대") else None
    if word not in ("가지", "개"):
        return None
    n = int(value) if value == int(value) else 0
    if (n, noun_word[:2]) in heading_counts:
        return "filter.heading_count"  # the same count titles a heading of the document
    abstract = word == "가지" or bool(_ABSTRACT.match(after.lstrip("의 \u00a0")))
    if state.heading and (abstract or state.marked):
        return "filter.heading_count"  # '◆ … 5가지 기능', '4개 목표, 12개 중점발전 분야 …'
    window = s[:m.start()][-150:]
    window = _CLAUSE_SPLIT.split(window)[-1]
    items = len(_ENUM_SEP.findall(window)) + 1 if window.strip() else 0
    if n >= 2 and items >= n - 1 and (abstract or _LIST_MARK.search(window)):
        return "filter.enumeration_count"
    if n >= 2 and len(_MARKS.findall(state.line_before)) >= n - 1:
        return "filter.enumeration_count"  # '▲… ▲… (next sentence) ▲… 6개의 주요 노선'
    if abstract and _COLON_SOON.match(after) and n >= 2:
        return "filter.enumeration_count"  # '▶6 가지 파트너 역할: ○ … ○ …'
    return None
