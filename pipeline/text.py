"""Line and sentence segmentation of decoded text, with offsets into that exact text.

Nothing here rewrites the text: every span is a pair of offsets into the decoded
document, so evidence is always ``text[start:end]`` and line numbers follow the
contract (lines are the text split on ``\\n``, 1-based).

The three extractors walk the same lines, cells and sentences; ``layout`` segments
a document once and keeps the last few, so they share that work.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

# A sentence ends at . ! ? 。 followed by closing quotes/brackets and whitespace;
# not after a digit, so decimals (8.42) and list markers (1.) stay whole. The mark comes
# first and the digit test after it, so the engine skips ahead to the marks at C speed.
_SENTENCE_END = re.compile(r"[.!?。](?<!\d.)[\"'”’)\]]*(?=\s)")
_SPACE = " \t\r\u00a0\u3000\ufeff"
# Markup and list marks that are not words: tags, bold, escapes, heading hashes, bullets.
# List marks, one set for every extractor: dashes, bullets, squares, arrows, circled
# numbers, and the Hangul 'ㅇ' of agency briefings ('□ 개요', '  ㅇ …', '   - …').
BULLETS = "-–•·∙▲△▶▷►◆◇○●◎■□※"
CIRCLED = "①-⑳"
_MARKS = re.escape(BULLETS).replace("\\-", "-").replace("-", "\\-") + CIRCLED
_MARKUP = re.compile(rf"<[^<>\n]*>|\*\*|\\(?=[*_#])|^\s*#+\s*|^(?:[\s{_MARKS}]|ㅇ(?=\s))+")
_MARKUP_HEAD = re.compile(rf"\s*#+\s*|(?:[\s{_MARKS}]|ㅇ(?=\s))+")  # _MARKUP's line-start alternatives
# A line that is a list item: a bullet, dash or circled number first ('ㅇ' with a space after it).
BULLET_START = re.compile(rf"\s*(?:[{_MARKS}]|ㅇ[ \u00a0])")
# Marks of the upper level of an outline ('□ …' over '  ㅇ …' over '   - …'): a line so
# marked may lead the items below it, as a lead-in sentence does.
LEAD_BULLET = re.compile(r"\s*(?:[□■◆◇]|ㅇ[ \u00a0])")
# A bullet inside a line, where a flattened list goes on ('… • A 30% • B 20%').
INLINE_BULLET = re.compile(r"(?:^|[ \u00a0])•[ \u00a0]?(?=\S)")

# A heading: a marked line (◆, 1), ①, #, ▶, □ …) or a short line that does not end like a
# sentence. One definition for every extractor.
HEADING_LIMIT = 60
_HEADING_MARK = re.compile(r"^\s*(?:#+|\*\*|[◆◇■□▶▷●◎○]|\d{1,2}[).]|[①-⑳]|[ivx]+\.|\()")
_CLOSING = re.compile(r"(?:다|요|음|함|됨|임)[.!?]?[\"'”’)\]*]*\s*$")
_SECTION_MARK = re.compile(r"^\s*(?:#+|[□■◆◇]|\d{1,2}\.[ \u00a0]|[IVX]+\.)")
_DA_COMMA = re.compile(r"다[.,]\s")
_LIST_ITEM = re.compile(r"[-–•·*][ \u00a0]|[-*][^-*]|[①-⑳][ \u00a0]?-|ㅇ[ \u00a0]")
_DIGIT = re.compile(r"\d")


# A finished sentence: '…다.' anywhere, or a sentence end or a report-style ending ('…함', '…됨') last.
_FINISHED = re.compile(r"다[ \t]*[.!?]|다[\"'”’)\]]*[ \t]*$|[.!?。][\"'”’)\]]*[ \t]*$|(?:음|함|됨|임)\.?[ \t]*$")
STATEMENT_LIMIT = 150  # a line this long is a paragraph, whatever its ending


def states_nothing(line_text: str) -> bool:
    """A title, contents entry, caption or table row rather than a statement: tab-separated,
    or holding no finished sentence. Wider than ``is_heading``: a title need not head a section."""
    return "\t" in line_text or (len(line_text) < STATEMENT_LIMIT and not _FINISHED.search(line_text))


def heading_marked(line_text: str) -> bool:
    """The line starts with a heading mark ('◆', '1)', '①', '#', '□', '(')."""
    return bool(_HEADING_MARK.match(line_text))


def is_heading(line_text: str) -> bool:
    """A heading, not a statement: not a table row or list item, short (``HEADING_LIMIT``
    characters before a ':' that follows a mark), and not ending like a sentence."""
    t = line_text.strip()
    if "\t" in t or _LIST_ITEM.match(t):
        return False  # table rows and list items are statements, not headings
    head = t.split(":")[0] if ":" in t[:40] and _HEADING_MARK.match(t) else t
    if t.startswith("(") and ")" in t[:40]:
        head = t[1:t.index(")")]
        return bool(_DIGIT.search(head)) and not _CLOSING.search(head)
    if len(head) > HEADING_LIMIT or _DA_COMMA.search(head):
        return False
    if _SECTION_MARK.match(t) and not t.endswith((".", "다")):
        return True  # '□ 개요': a short line so marked is a heading whatever its last syllable
    return not _CLOSING.search(head)


class Span(NamedTuple):
    """A piece of the decoded text: a sentence, a table cell or a line.

    A named tuple rather than a dataclass: documents have tens of thousands of
    spans, and a frozen dataclass costs several times more to build."""

    start: int
    end: int
    text: str


class LineIndex:
    """Maps character offsets to 1-based line numbers (lines split on ``\\n``)."""

    def __init__(self, text: str):
        self._breaks = [m.start() for m in re.finditer("\n", text)]

    @property
    def line_count(self) -> int:
        return len(self._breaks) + 1

    def line_of(self, offset: int) -> int:
        return bisect.bisect_left(self._breaks, offset) + 1

    def lines_of(self, start: int, end: int) -> tuple[int, int]:
        """Inclusive line range of the half-open span ``[start, end)``."""
        return self.line_of(start), self.line_of(max(start, end - 1))

    def line_start(self, line: int) -> int:
        """Offset of the first character of a 1-based line."""
        return 0 if line <= 1 else self._breaks[line - 2] + 1


def _trimmed(raw: str, start: int) -> Span | None:
    """``raw`` (the text from offset ``start``) without surrounding whitespace, or None if blank."""
    if raw and raw[0] not in _SPACE and raw[-1] not in _SPACE:
        return Span(start, start + len(raw), raw)  # most lines and cells: nothing to trim
    body = raw.strip(_SPACE)
    if not body:
        return None
    start += len(raw) - len(raw.lstrip(_SPACE))
    return Span(start, start + len(body), body)


def lines(text: str) -> list[Span]:
    """Non-blank lines, trimmed of surrounding whitespace."""
    out, pos = [], 0
    for raw in text.split("\n"):
        span = _trimmed(raw, pos)
        if span:
            out.append(span)
        pos += len(raw) + 1
    return out


def cells(text: str, line: Span) -> list[Span]:
    """Tab-separated cells of a line (the line itself when it has no tab)."""
    if "\t" not in line.text:
        return [_trimmed(line.text, line.start)] if line.text.strip(_SPACE) else []
    out, pos = [], line.start
    for raw in line.text.split("\t"):
        span = _trimmed(raw, pos)
        if span:
            out.append(span)
        pos += len(raw) + 1
    return out


def sentences(text: str, within: Span) -> list[Span]:
    """Sentences inside a span (a line or a cell)."""
    out, pos, s = [], 0, within.text
    if "." not in s and "!" not in s and "?" not in s and "。" not in s:
        span = _trimmed(s, within.start)  # half the cells (headings, table cells) end no sentence
        return [span] if span else []
    for m in _SENTENCE_END.finditer(s):
        span = _trimmed(s[pos:m.end()], within.start + pos)
        if span:
            out.append(span)
        pos = m.end()
    span = _trimmed(s[pos:], within.start + pos)
    if span:
        out.append(span)
    return out


@lru_cache(maxsize=4)  # metrics, plans and events each walk the same document
def layout(text: str) -> tuple[tuple[Span, tuple[tuple[Span, tuple[Span, ...]], ...]], ...]:
    """Every line with its cells, and every cell with its sentences: (line, ((cell, sentences), ...))."""
    # list comprehensions, not generators into tuple(): a document has thousands of lines
    return tuple([(line, tuple([(cell, tuple(sentences(text, cell))) for cell in cells(text, line)]))
                  for line in lines(text)])


def segments(text: str) -> list[Span]:
    """Every sentence of every cell of every line, in document order."""
    return [s for _, line_cells in layout(text) for _, sents in line_cells for s in sents]


def plain(t: str) -> str:
    """The words of a piece of text: markup and list marks removed, whitespace collapsed."""
    if "<" in t or "*" in t or "\\" in t:
        t = _MARKUP.sub("", t)
    elif m := _MARKUP_HEAD.match(t):  # without <, * or \ only the line-start marks can match
        t = t[m.end():]
    return " ".join(t.split())  # same as collapsing \s+ to one space and stripping


def words_of(t: str) -> list[str]:
    return [w for w in t.replace("\u00a0", " ").split(" ") if w]  # split on runs of [ \u00a0]
