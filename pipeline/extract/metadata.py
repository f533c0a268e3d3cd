"""Document-level facts read from the text: title, publisher, publication date."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

_HEAD_LINES = 25  # header facts live near the top
_MARKUP = re.compile(r"<[^>\n]+>|^\s*#+\s*|\*\*|\\(?=[*_#])")
# Words of a web page's chrome, not of the article.
_CHROME = {"닫기", "공유", "메뉴", "로그인", "검색", "목록", "홈", "이전", "다음", "인쇄", "스크랩"}
# A header line that is a date and nothing else a sentence would have: a short label
# ('입력', '기사입력 :', '게재 일자'), the date, a weekday, a time, a closing label ('발행'),
# and after a separator anything ('| 수정 2024.03.16'): the first date is the publication.
_YMD = r"(?P<y>(?:19|20)\d\d)\s*(?:[.\-/]|년)\s*(?P<m>\d{1,2})\s*(?:[.\-/]|월)\s*(?P<d>\d{1,2})"
_DATE_LINE = re.compile(
    rf"^(?:[가-힣]{{1,4}}(?: [가-힣]{{1,4}})?\s*[:：]?\s*)?{_YMD}\s*(?:일)?\.?"
    r"(?:\s*[(（][월화수목금토일](?:요일)?[)）])?(?:\s*(?:오전|오후)?\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"(?:\s*(?:발행|발간|게재|입력|작성|등록|송고))?(?:\s*[|ㅣ].*)?\s*$")
# A date labelled as the publication's anywhere in a header line ('홍길동 기자 | 입력 2024.03.15').
_LABELLED_DATE = re.compile(rf"(?:입력|등록|발행|게재|송고|기사입력)(?:일|일자|일시)?\s*[:：]?\s*{_YMD}(?!\d)")
_DATELINE = re.compile(r"^\[(?P<who>[^\]\s]+)[^\]\n]*?(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일\s*\]")
_PUBLISHER = re.compile(r"(?:발행처|발행|펴낸 ?곳)\s*[:：]\s*(?P<who>[^\n]+)|저작권은\s*['‘\"“]?(?P<owner>[^'’\"”\n]+?)['’\"”]?\s*에\s*있")
# A year as context: '2020년' or a year opening a name ('2021 글로벌 …'); not a target or range bound.
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:\s*년)?(?!\s*(?:년\s*)?(?:까지|~|-|－|–|\d|\.\d|\)))")


@dataclass(frozen=True)
class Metadata:
    title: str | None
    publisher: str | None
    published_date: date | None
    published_precision: str | None  # day | month | year
    published_from: str | None  # header | dateline | inferred


def _clean(line: str) -> str:
    return _MARKUP.sub("", line).strip()


def _head(text: str) -> list[str]:
    out = []
    for raw in text.split("\n"):
        line = _clean(raw)
        if line:
            out.append(line)
        if len(out) >= _HEAD_LINES:
            break
    return out


def context_year(text: str) -> int | None:
    """The year the text speaks from: the most mentioned year that is not a target or a range bound."""
    years = Counter(int(m.group(1)) for m in _YEAR.finditer(text))
    if not years:
        return None
    return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def read_metadata(text: str) -> Metadata:
    head = _head(text)
    publisher = title = None
    published: tuple[date, str, str] | None = None
    for line in head:
        if published is None and (m := _DATE_LINE.match(line) or _LABELLED_DATE.search(line)):
            if day := _safe_date(int(m["y"]), int(m["m"]), int(m["d"])):
                published = (day, "day", "header")
            continue
        if m := _DATELINE.match(line):
            publisher = publisher or m["who"]
            year = context_year(text)
            if published is None and year and (day := _safe_date(year, int(m["m"]), int(m["d"]))):
                published = (day, "day", "dateline")
            line = line[m.end():].strip()
        if m := _PUBLISHER.search(line):
            publisher = publisher or (m["who"] or m["owner"]).strip()
            continue
        if line in _CHROME or line.isdigit():
            continue
        if title is None:
            if len(line) < 8 and not re.search(r"\d", line) and publisher is None:
                publisher = line  # a short masthead line above the headline
                continue
            title = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0][:200]
    if published is None and (year := context_year(text)):
        published = (date(year, 1, 1), "year", "inferred")
    day, precision, source = published or (None, None, None)
    return Metadata(title, publisher, day, precision, source)
