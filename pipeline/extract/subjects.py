"""Subject and indicator of a figure: who the statement is about and what is measured."""
from __future__ import annotations

import re

from pipeline.text import plain, words_of

_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[가-힣A-Za-z]")
_TOPIC = re.compile(r"^(?P<t>[^\s,.]{1,20}(?:[ \u00a0][^\s,.]{1,20}){0,3}?)(?:은|는|이|가)[ \u00a0]")
_STRIP_WORD = re.compile(r"(?:은|는|이|가|을|를|의|에|에서|에는|로|으로|과|와|도|만|까지|부터)$")
_NOT_WORD = re.compile(r"^(?:약|총|각각|대략|거의|무려|최소|최대|이미|현재|올해|지난해|작년|또한|그리고|및|등|중|이상|이하|"
                       r"로|으로|에|에서|의|를|을|이|가|와|과|억|만|조|위안|달러|원|년|월|일|명|개|건|곳|"
                       r"[\d.,%]+.*|.*\d.*|.*(?:다|며|고|는데|인데|높아|이었|였))$")
_COUNTED = re.compile(r"[ \u00a0]*(?:이상|여|가량|정도|이하|미만|가까이)?(?:의|이|가|을|를)?[ \u00a0]*"
                      r"([^\s,.()]+(?:[ \u00a0][^\s,.()]+)?)")
_VERB = re.compile(r"(?:다|며|고|여|해|서|면|지만|는데|했\w*|됐\w*|되었\w*|하였\w*)(?:[ \u00a0]|$)|^(?:가까이|이상|정도)")
_PHRASE_CUT = re.compile(r"[,;:(]|(?<=[가-힣])(?:며|고)[ \u00a0]")


def _strip(word: str) -> str:
    return _STRIP_WORD.sub("", word) or word


def subject_of(s: str, fallback: str) -> str:
    """Who or what the statement is about: its topic phrase, else its first content word."""
    t = plain(s)
    m = _TOPIC.match(t)
    if m and not _DIGIT.search(m.group("t")):
        return _short(m.group("t"))
    for w in words_of(t)[:6]:
        w = _strip(w.strip("'\"‘’“”()[]<>「」,."))
        if len(w) >= 2 and not _NOT_WORD.match(w) and _LETTERS.search(w):
            return _short(w)
    return fallback or "문서"


def indicator_of(s: str, nstart: int, nend: int, header: str | None, unit: str) -> str:
    """What the number at s[nstart:nend] measures: a table column header, the counted noun, or the words before it."""
    if header:
        h = plain(header)
        if h:
            return _short(h)
    if unit in ("count", "persons"):
        # '302 만 명 이상의 개발자': the counted noun follows; '포럼이 50개 가까이 열렸다': it precedes
        m = _COUNTED.match(s, nend)
        if m and not _VERB.search(m.group(1)):
            words = [w for w in (_strip(x) for x in words_of(m.group(1))) if w and not _NOT_WORD.match(w)]
            if words:
                return _short(" ".join(words[:2]))
    before = _PHRASE_CUT.split(s[:nstart])[-1]
    words = [w for w in (_strip(x.strip("'\"‘’“”()[]<>「」*")) for x in words_of(plain(before))) if w and not _NOT_WORD.match(w)]
    if words:
        return _short(" ".join(words[-3:]))
    words = [w for w in (_strip(x) for x in words_of(plain(s[nend:])))
             if w and not _NOT_WORD.match(w) and not _VERB.search(w + " ")]
    return _short(" ".join(words[:2])) if words else unit


def _short(t: str, limit: int = 40) -> str:
    t = t.strip(" ,.'\"‘’“”")
    return t if len(t) <= limit else t[:limit].rstrip()
