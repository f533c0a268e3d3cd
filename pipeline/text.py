"""Line and sentence segmentation of decoded text, with offsets into that exact text.

Nothing here rewrites the text: every span is a pair of offsets into the decoded
document, so evidence is always ``text[start:end]`` and line numbers follow the
contract (lines are the text split on ``\\n``, 1-based).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# A sentence ends at . ! ? 。 followed by closing quotes/brackets and whitespace;
# not after a digit, so decimals (8.42) and list markers (1.) stay whole.
_SENTENCE_END = re.compile(r"(?<!\d)[.!?。][\"'”’)\]]*(?=\s)")
_SPACE = " \t\r\u00a0\u3000\ufeff"


@dataclass(frozen=True)
class Span:
    """A piece of the decoded text: a sentence, a table cell or a line."""

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


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def lines(text: str) -> list[Span]:
    """Non-blank lines, trimmed of surrounding whitespace."""
    out, pos = [], 0
    for raw in text.split("\n"):
        span = _trimmed(text, pos, pos + len(raw))
        if span:
            out.append(span)
        pos += len(raw) + 1
    return out


def cells(text: str, line: Span) -> list[Span]:
    """Tab-separated cells of a line (the line itself when it has no tab)."""
    out, pos = [], line.start
    for raw in line.text.split("\t"):
        span = _trimmed(text, pos, pos + len(raw))
        if span:
            out.append(span)
        pos += len(raw) + 1
    return out


def sentences(text: str, within: Span) -> list[Span]:
    """Sentences inside a span (a line or a cell)."""
    out, pos = [], within.start
    for m in _SENTENCE_END.finditer(within.text):
        span = _trimmed(text, pos, within.start + m.end())
        if span:
            out.append(span)
        pos = within.start + m.end()
    span = _trimmed(text, pos, within.end)
    if span:
        out.append(span)
    return out


def segments(text: str) -> list[Span]:
    """Every sentence of every cell of every line, in document order."""
    return [s for line in lines(text) for cell in cells(text, line) for s in sentences(text, cell)]
