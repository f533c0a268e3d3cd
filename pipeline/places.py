"""Canonical places (pipeline/reference/places.csv) and a matcher for the place a short Korean text names.

Matching rules (PlaceIndex.find_all):
- spellings: every names_ko spelling (a space in it = optional whitespace), name_zh, name_zh_hant and name_en;
  for the country, provinces and cities also the Chinese name without 省/市/自治区/特别行政区 (上海, 广东);
- longest spelling first at each position, scanning left to right;
- Hangul word boundaries: a Hangul spelling must not start inside a Hangul word (상해 is not in 손상해), except after
  one of the prefixes 주 (駐), 대 (對), 재 (在): 주상하이, 대중국; what follows it in the same word must be empty, a
  particle (상하이의, 상하이에서는) or an attached noun, itself optionally followed by a particle (베이징시정부는);
  English names need ASCII word boundaries; Chinese names need none;
- an ambiguous spelling (ambiguous_ko, or a spelling two unrelated places share, such as 산시 or 황푸구) names a
  place only next to a related place (its parent, an ancestor, a descendant or the same place other than CN),
  separated by whitespace or a parenthesis only: 광둥성 광주, 선전 난산구, 선전(深圳), 산시성 시안시. Two ambiguous
  neighbours resolve each other only if one of them ends in 성/시/구 (산시성 시안: both; 선전 보안: neither).
  A suffixed form (선전시, 광둥성 and so on) is an ordinary unambiguous spelling of its own, unless it too is a
  Korean place (광주시, 상주시). An ambiguous spelling of a single place also names it when it is listed, after or
  before a comma or a middle dot, with an unambiguous place other than CN: 베이징, 장쑤, 저장 / 상하이·선전.
PlaceIndex.find returns the most specific place found: deepest level (district and new_area over city over province
over country), then deepest in the parent chain, then the first in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import pandas as pd

from schemas.places import PlacesModel

PARTICLES = ("의 에 에서 에서는 에서도 에서의 에서만 에선 에는 에도 에만 에게 은 는 이 가 을 를 과 와 과의 와의 과는 와는 도 만 "
             "로 으로 로는 으로는 로도 으로도 로의 으로의 로서 으로서 로부터 으로부터 부터 까지 이나 나 처럼 보다 엔 "
             "이다 이며 이고 이자 인 이라는 라는 이라고 라고 였다 이었다 였고 이었고 였으며 이었으며").split()
ATTACHED_NOUNS = ("정부 인민정부 시정부 성정부 당국 당위원회 당위 시장 성장 지역 지방 일대 내 측 발 행 산 계 인 판 형").split()
PREFIXES = "주대재"
SUFFIXES = ("성", "시", "구")
LEVEL_RANK = {"country": 0, "province": 1, "city": 2, "district": 3, "new_area": 3}
ZH_SUFFIXES = ("特别行政区", "特別行政區", "壮族自治区", "壯族自治區", "回族自治区", "回族自治區", "维吾尔自治区",
               "維吾爾自治區", "自治区", "自治區", "省", "市")

_alt = lambda words: "|".join(sorted(map(re.escape, words), key=len, reverse=True))  # noqa: E731
_TAIL = re.compile(rf"(?:{_alt(ATTACHED_NOUNS)})?(?:{_alt(PARTICLES)})?")
_GAP = re.compile(r"[\s()（）]*")
_LIST = re.compile(r"\s*[,、·・]\s*")


def _chars(chars) -> str:
    """The inside of a character class of chars."""
    return re.escape("".join(sorted(set(chars))))


def _hangul(ch: str) -> bool:
    return "가" <= ch <= "힣"


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def load_places() -> pd.DataFrame:
    """The places table, validated by PlacesModel (read from the package data)."""
    with files("pipeline").joinpath("reference").joinpath("places.csv").open("r", encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False, na_values=[""])
    return PlacesModel.validate(df)


@dataclass(frozen=True)
class Spelling:
    text: str
    codes: tuple[str, ...]
    ambiguous: bool
    pattern: re.Pattern

    @property
    def suffixed(self) -> bool:
        return self.text.endswith(SUFFIXES)


class PlaceIndex:
    def __init__(self, places: pd.DataFrame):
        self._rows = {r.place_code: r for r in places.itertuples(index=False)}
        claims: dict[str, dict[str, bool]] = {}  # spelling -> {code: ambiguous}
        for r in self._rows.values():
            ambiguous = set((r.ambiguous_ko if isinstance(r.ambiguous_ko, str) else "").split("|"))
            spellings = {s: s in ambiguous for s in r.names_ko.split("|")}
            for zh in (r.name_zh, r.name_zh_hant):
                spellings.setdefault(zh, False)
                if r.level in ("country", "province", "city"):
                    short = next((zh[: -len(s)] for s in ZH_SUFFIXES if zh.endswith(s) and len(zh) - len(s) >= 2), None)
                    if short:
                        spellings.setdefault(short, False)
            spellings.setdefault(r.name_en, False)
            for s, amb in spellings.items():
                claims.setdefault(s, {})[r.place_code] = amb
        self._by_first: dict[str, list[Spelling]] = {}
        for text, codes in claims.items():
            top = [c for c in codes if all(c == d or c in self.ancestors(d) for d in codes)]
            if top:  # one place contains all others that spell it so (吉林 the province over 吉林 the city)
                codes, ambiguous = (top[0],), codes[top[0]]
            else:
                codes, ambiguous = tuple(sorted(codes)), len(codes) > 1 or any(codes.values())
            pattern = re.compile(r"\s*".join(map(re.escape, text.split())))
            self._by_first.setdefault(text[0], []).append(Spelling(text, codes, ambiguous, pattern))
        for spellings in self._by_first.values():
            spellings.sort(key=lambda s: len(s.text.replace(" ", "")), reverse=True)
        # where a spelling may start: its first two characters unless its first word is one character (then a space
        # may follow); the scan looks only where a pair's first character is followed by some pair's second one, or
        # a lone first word stands, which keeps the loop off most characters of a text
        words = [sp.text.split()[0] for spellings in self._by_first.values() for sp in spellings]
        self._pairs = {w[:2] for w in words if len(w) > 1}
        self._lone = {w for w in words if len(w) == 1}
        starts = [f"[{_chars(p[0] for p in self._pairs)}](?=[{_chars(p[1] for p in self._pairs)}])"] if self._pairs else []
        if self._lone:
            starts.append(f"[{_chars(self._lone)}]")
        self._first = re.compile("|".join(starts) or "(?!)")

    def parent_of(self, code: str) -> str | None:
        parent = self._rows[code].parent
        return parent if isinstance(parent, str) else None

    def name_of(self, code: str) -> str:
        return self._rows[code].name_ko

    def ancestors(self, code: str) -> list[str]:
        chain, parent = [], self.parent_of(code)
        while parent:
            chain.append(parent)
            parent = self.parent_of(parent)
        return chain

    def find(self, text: str) -> str | None:
        """place_code of the most specific place named in text, or None."""
        hits = self.find_all(text)
        if not hits:
            return None
        return max(hits, key=lambda h: (LEVEL_RANK[self._rows[h[0]].level], len(self.ancestors(h[0]))))[0]

    def find_all(self, text: str) -> list[tuple[str, int, int]]:
        """(place_code, start, end) of every place named in text, in order; end is exclusive."""
        spans = self._spans(text)
        found = []
        for k, (start, end, sp) in enumerate(spans):
            code = sp.codes[0] if not sp.ambiguous else self._resolve(text, spans, k)
            if code:
                found.append((code, start, end))
        return found

    def _spans(self, text: str) -> list[tuple[int, int, Spelling]]:
        """At each position from left to right the longest spelling that may start and end there; the scan goes on
        after it."""
        spans, end = [], 0
        for first in self._first.finditer(text):
            i = first.start()
            if i < end or not (text[i:i + 2] in self._pairs or text[i] in self._lone) or not self._may_start(text, i):
                continue
            for sp in self._by_first[text[i]]:
                m = sp.pattern.match(text, i)
                if m and self._may_end(text, m.end()):
                    spans.append((i, m.end(), sp))
                    end = m.end()
                    break
        return spans

    @staticmethod
    def _may_start(text: str, i: int) -> bool:
        if i == 0:
            return True
        before = text[i - 1]
        if _hangul(text[i]):
            return not _hangul(before) or (before in PREFIXES and (i == 1 or not _hangul(text[i - 2])))
        if _ascii_word(text[i]):
            return not _ascii_word(before)
        return True

    @staticmethod
    def _may_end(text: str, j: int) -> bool:
        last = text[j - 1]
        if _hangul(last):
            k = j
            while k < len(text) and _hangul(text[k]):
                k += 1
            return _TAIL.fullmatch(text, j, k) is not None
        if _ascii_word(last):
            return j == len(text) or not _ascii_word(text[j])
        return True

    def _related(self, a: str, b: str) -> bool:
        return "CN" not in (a, b) and (a == b or a in self.ancestors(b) or b in self.ancestors(a))

    def _resolve(self, text: str, spans: list, k: int) -> str | None:
        start, end, sp = spans[k]
        neighbours = []  # (spelling, the text between it and sp)
        if k > 0:
            neighbours.append((spans[k - 1][2], text[spans[k - 1][1]:start]))
        if k + 1 < len(spans):
            neighbours.append((spans[k + 1][2], text[end:spans[k + 1][0]]))
        if len(sp.codes) == 1 and any(_LIST.fullmatch(gap) and not n.ambiguous and n.codes != ("CN",)
                                      for n, gap in neighbours):
            return sp.codes[0]  # listed with another place: 베이징, 장쑤, 저장
        fits = {c for c in sp.codes for n, gap in neighbours if _GAP.fullmatch(gap)
                if not n.ambiguous or n.suffixed or sp.suffixed for d in n.codes if self._related(c, d)}
        return fits.pop() if len(fits) == 1 else None


@cache
def place_index() -> PlaceIndex:
    """The index over load_places(), built once."""
    return PlaceIndex(load_places())
