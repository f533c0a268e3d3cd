"""Korean noun phrases without a morphological analyser, shared by plans and events.

Particles are told from noun endings by the final consonant of the syllable before
(``부처가`` is subject + 가, ``국가`` is a noun); a name is read backwards from its
head word until a particle, a verb ending or punctuation. ``body_units`` gives the
sentences of the document proper, each marked as heading or body.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.text import Span, layout, states_nothing

_RELATED = re.compile(r"^\s*(?:키워드\s*)?(?:\[?관련\s*기사\]?|관련\s*뉴스)")
_MARKERS = "▲▷▶○●•◆◇■□※-–—"
_HARD = _MARKERS + "=,;:()[]<>「」『』《》【】'\"‘’“”"
_HARD_LAST = re.compile("(?s).*[" + re.escape(_HARD) + "]")
_CONNECTIVE = re.compile(r"^(?:관한|대한|위한|따른|의한|향한|통한)$")
_VERBISH = re.compile(r"(?:다|고|며|면|서|지만|했|하여|해|된|한|할|던|는데|으며|이며|될|됐)$")
DEMONSTRATIVE = {"이", "그", "본", "해당", "동", "상기", "위", "이번", "각", "모든", "여러"}
_LONG_PARTICLE = re.compile(r"(?:에서|에게|께서|부터|까지|으로|로서|에는|에도|처럼|보다)$")
_TOKEN = re.compile(r"'[^'\n]*'\S*|‘[^’\n]*’\S*|\"[^\"\n]*\"\S*|“[^”\n]*”\S*|\S+")
_QUOTED_TOKEN = re.compile(r"'[^']*'|‘[^’]*’|\"[^\"]*\"|“[^”]*”")
_NOMINAL_VERB = re.compile(r"(?:하기|하는)$")  # 지원하기 위한, 촉진하는: verbs inside a title
# 3대, 2회: counts, not name words; a model or standard name (SU7, 5G, Wi-Fi 7) is a name word
_NUMBER_WORD = re.compile(r"(?=.*\d)(?!\d+(?:\.\d+)?$)(?!.*[가-힣]{2})(?!.*[A-Za-z])")
_DATE_WORD = re.compile(r"(?:19|20)\d\d년|\d+월|\d+일")
_OBJECT_END = re.compile(r"(?:에|을|를|기)$")
_NOT_ALNUM = re.compile(r"[\W_]+")
# Where a clause ends inside a sentence: connective endings (-며, -고, -지만, -는데 …) or ';'.
CONNECTIVES = r"며|[하되했됐었였았이]고|지만|는데|으나|면서|되어|돼"
CLAUSE_END = re.compile(rf"(?:{CONNECTIVES}),?[ \u00a0]|;")


@lru_cache(maxsize=4096)  # events compare each new name with every earlier one
def norm(s: str) -> str:
    """Compare titles without spacing, punctuation or width differences."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", s))




@lru_cache(maxsize=4)  # plans and events both walk the same document
def body_units(text: str) -> tuple[tuple[Span, bool], ...]:
    """(sentence, in_heading) for every sentence of the document proper.

    Lines of a related-articles block ('[관련기사] ...', '키워드 관련기사' and what follows)
    belong to other articles and are skipped.
    """
    out = []
    for line, line_cells in layout(text):
        if _RELATED.match(line.text):
            if not line.text.lstrip().startswith("["):
                break  # a related-articles footer: the rest of the page is links
            continue
        heading = states_nothing(line.text)
        out.extend((sent, heading) for _, sents in line_cells for sent in sents)
    return tuple(out)


def _hangul_final(ch: str) -> bool | None:
    """Whether a Hangul syllable ends in a consonant (batchim); None if not Hangul."""
    o = ord(ch) - 0xAC00
    return None if not 0 <= o < 11172 else o % 28 != 0


def particle_end(word: str) -> bool:
    """Does the word end with a case or topic particle (so the title starts after it)?"""
    if _LONG_PARTICLE.search(word):
        return True
    if len(word) < 2:
        return False
    last, before = word[-1], _hangul_final(word[-2])
    if before is None:
        return last in "은는이가을를과와"  # after Latin letters or digits: 'MOU를', 'CSDN은'
    if last in "은이을과":
        return before
    if last in "는가를와로":
        return not before
    return False


def walk_back(prefix: str) -> tuple[int, bool] | None:
    """Start offset (in prefix) of the title ending where prefix ends, and whether it holds a quoted name."""
    tokens = list(_TOKEN.finditer(prefix, max(0, len(prefix) - 200)))  # titles are short: look back 200 chars
    start, quoted, n = len(prefix), False, 0
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i].group()
        nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
        if _QUOTED_TOKEN.match(tok):  # a quoted name inside the title
            quoted, start, n = True, tokens[i].start(), n + 1
            continue
        last = _HARD_LAST.match(tok)
        if last:
            cut = last.end() - 1  # the title starts after a marker, bracket, comma or unpaired quote
            rest = tok[cut + 1:]
            if len(rest) >= 2 and not particle_end(rest) and not _VERBISH.search(rest):
                start = tokens[i].start() + cut + 1
            break
        joined = _CONNECTIVE.match(nxt) or _NOMINAL_VERB.search(nxt)
        if tok in DEMONSTRATIVE or _NUMBER_WORD.match(tok) or _DATE_WORD.search(tok):
            break
        if _CONNECTIVE.match(tok) or tok.endswith("의") or _NOMINAL_VERB.search(tok):
            pass
        elif joined and _OBJECT_END.search(tok):
            pass
        elif particle_end(tok) or _VERBISH.search(tok):
            break
        start = tokens[i].start()
        n += 1
        if n >= 10:
            break
    return (start, quoted) if start < len(prefix) else None
