"""place_code: the place each extracted row is about, a code of pipeline/reference/places.csv.

One rule for the three tables, from the row's own words outwards; the first step that names a place wins:

1. the row's own words: a metric's subject, a plan's issuer then its title, an event's location. A national
   subject or issuer is China, CN: one that starts with 중국, 전국, 국가 (not 국가급, a rank any place may hold),
   국무원, 중앙 or 중공, or a ministry (a word ending in 부, not 정부: 공업정보화부, 상무부). When the sentence
   names a place inside the one found (구이저우 → 구이안), the sentence's is taken: it says more;
2. the row's sentence (its evidence; for a table cell, the table row);
3. the row's section (the text under its marked heading: '□ 개요', '2. …', '## 1) …'), where it says more
   than the document (a place inside the document's, or elsewhere), else the whole document (title included):
   a row whose words and sentence name no place ('시', '정부', a company's figure) inherits it.

Steps 2 and 3 take the *main place* of a text (``main_place``): the smallest place holding at least half of
its place mentions, a mention of a city counting for its province and China too. A sentence or document
about one city gets that city; one that lists cities of several provinces gets CN, as do China's national
figures ('중국의 …'). Places are matched by ``pipeline.places.place_index`` (Hangul word boundaries,
ambiguous spellings only with context). A row in a text that names no place gets null.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache

from pipeline.places import PlaceIndex, place_index
from pipeline.text import heading_marked, is_heading

COUNTRY = "CN"
_NATIONAL = re.compile(r"^(?:중국|전국|국가(?!급)|국무원|중앙|중공)|^\S*(?<!정)부(?:$|[\s·,、])")
OWN_WORDS = {"metrics": ("subject",), "plans": ("issuer", "title"), "events": ("location",)}  # most telling first


@lru_cache(maxsize=1024)  # a sentence is matched once, not again for every row it gives (the index is one object)
def main_place(text: str, index: PlaceIndex | None = None) -> str | None:
    """The smallest place holding at least half of the place mentions of text (a mention of a city is one of
    its province and of China too); None when text names no place. Ties: the place mentioned more, then first."""
    index = index or place_index()
    return _main([code for code, _, _ in index.find_all(text)], index)


def _main(mentions: list[str], index: PlaceIndex) -> str | None:
    if not mentions:
        return None  # most sentences name no place: spare the counting
    held = Counter(c for code in mentions for c in (code, *index.ancestors(code)))
    fits = [c for c, n in held.items() if 2 * n >= len(mentions)]
    return max(fits, key=lambda c: (len(index.ancestors(c)), held[c]), default=None)


@lru_cache(maxsize=1024)  # the rows of a document repeat their subjects and issuers
def _own_place(text, index: PlaceIndex) -> str | None:
    if not isinstance(text, str) or not text.strip():
        return None
    return index.find(text) or (COUNTRY if _NATIONAL.search(text.strip()) else None)


def place_of(own: tuple, sentence: str, context: str | None, index: PlaceIndex | None = None) -> str | None:
    """One row's place: its own words (refined by its sentence), else its sentence, else ``context`` (the place
    of its section or document)."""
    index = index or place_index()
    said = main_place(sentence or "", index)
    for text in own:
        if code := _own_place(text, index):
            return said if code != COUNTRY and said and code in index.ancestors(said) else code
    return said or context


def _section_starts(text: str) -> list[int]:
    starts, offset = [0], 0
    for line in text.split("\n"):
        if offset and heading_marked(line) and is_heading(line):
            starts.append(offset)
        offset += len(line) + 1
    return starts


def _refine(document: str | None, section: str | None, index: PlaceIndex) -> str | None:
    """The section's place where it says more than the document's: a place inside it, or elsewhere."""
    if section is None or document is None:
        return section or document
    return document if section in index.ancestors(document) else section


def _sentence(text: str, row: dict) -> str:
    """The evidence, or for a table cell the whole table row (its label and columns name the place)."""
    start, end = text.rfind("\n", 0, row["char_start"]) + 1, text.find("\n", row["char_end"])
    line = text[start:end if end >= 0 else len(text)]
    return line if "\t" in line and "\t" not in row["evidence"] else row["evidence"]


def assign_place_codes(tables: dict[str, list[dict]], text: str, title: str | None = None) -> dict[str, list[dict]]:
    """Set ``place_code`` on the rows of one document's metrics, plans and events (with their provenance)."""
    index = place_index()
    hits = index.find_all(text)
    document = _main([code for code, _, _ in index.find_all(title or "") + hits], index)
    starts = _section_starts(text)
    in_section: list[list[str]] = [[] for _ in starts]
    for code, start, _ in hits:
        in_section[bisect.bisect_right(starts, start) - 1].append(code)
    sections = [_refine(document, _main(codes, index), index) for codes in in_section]
    for table, fields in OWN_WORDS.items():
        for row in tables.get(table, ()):
            context = sections[bisect.bisect_right(starts, row["char_start"]) - 1]
            row["place_code"] = place_of(tuple(row.get(f) for f in fields), _sentence(text, row), context, index)
    return tables
