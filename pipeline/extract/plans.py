"""Named policy plans: one row per plan per document, pointing at the mention giving its full name.

A plan title is either written in brackets (「」 『』 《》 <> ‘’ “” '' "" 【】) and ends
with a plan word, or sits in a bracket right after a programme noun (``특별 프로그램
<ONE ...>``), or is a quoted name followed by a plan word (``'3 품' 행동 강령``,
``'모든 것이 서비스다'라는 전략``), or is an unbracketed noun phrase ending with a plan
word (``베이징시 ... 촉진 행동 요강(北京市...)``). Unbracketed phrases are read
backwards from the plan word until a particle, a verb ending or punctuation, and
are only taken when the text treats them as a named thing: a Chinese name or a
period follows, or an action (발표, 수립, 추진 ...) is done to them (see phrases.py
for how particles are told from noun endings without a morphological analyser).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

from pipeline.extract.dates import find_dates
from pipeline.extract.phrases import DEMONSTRATIVE, body_units, norm, walk_back
from pipeline.text import Span

# Head nouns of a plan title. Long forms first so 행동 요강 wins over 요강.
_PLAN_WORD = (r"(?:행동\s?요강|행동\s?강령|행동\s?방안|행동\s?계획|실시\s?방안|실행\s?방안|실행\s?계획|업무\s?방안"
              r"|지도\s?의견|실시\s?의견|실시안|요강|강령|방안|계획|규획|전략|청사진|플랜|로드맵)")
# Inside brackets a few more heads are unambiguous names: 지침, 의견, 개요, funds and programmes.
_BRACKET_HEAD = re.compile(rf"(?:{_PLAN_WORD}|지침|의견|개요|기금|펀드|프로그램|이니셔티브)"
                           r"(?:\s*\d+(?:\.\d+)?)?(?:\s*[(（][^()（）]*[)）])?\s*$")
_PLAN_TAIL = re.compile(rf"{_PLAN_WORD}$")
_PROGRAMME_BEFORE = re.compile(r"(?:프로그램|프로젝트|플랜|이니셔티브)\s*$")
# What may follow an unbracketed plan word for it to count as a named plan.
_UNBRACKETED = re.compile(
    rf"{_PLAN_WORD}(?=[ \t]*[(（]"
    r"|(?:을|를|이|가|은|는)?[ \t]*(?:발표|공표|수립|추진|시행|실시|제정|마련|내놓|업그레이드|채택|승인|발간|공포|발행|출범|시작|도입|인쇄|하달)"
    r"|에[ \t]*(?:따르면|따라|의하면))")  # '… 계획에 따르면': the text cites it by name
_HEADING_PLAN = re.compile(rf"{_PLAN_WORD}(?=[^가-힣]|$|[을를이가은는의과와])")
_BRACKETS = re.compile(r"「([^」\n]{1,120})」|『([^』\n]{1,120})』|《([^》\n]{1,120})》|<([^<>\n]{1,120})>"
                       r"|‘([^’\n]{1,80})’|“([^”\n]{1,80})”|'([^'\n]{1,80})'|\"([^\"\n]{1,80})\"|【([^】\n]{1,80})】")
_QUOTED_GOAL = re.compile(r"[ \t]*(?:이|가)?[ \t]*(?:된다는|되겠다는|라는|이라는|하겠다는)[ \t]+(?:\S+[ \t]+){0,2}?"
                          r"(?:목표|전략|계획|비전|구상)(?=[^가-힣]|$|[을를이가은는의과와로에])")
_ZH = re.compile(r"[ \t]*[(（](?P<zh>[^()（）\s,，]*[\u3400-\u9fff][^()（）\s,，]*"
                 r"(?:[(（](?:19|20)\d\d[^()（）]{0,8}[)）][^()（）\s,，]*)?)[)）]?")
_PERIOD = re.compile(r"((?:19|20)\d\d)[ \t]*년?[ \t]*[~∼〜\-–][ \t]*((?:19|20)\d\d)[ \t]*년?")
_PERIOD_AFTER = re.compile(r"[ \t]*[(（][ \t]*((?:19|20)\d\d)[ \t]*년?[ \t]*[~∼〜\-–][ \t]*((?:19|20)\d\d)[ \t]*년?[ \t]*[)）]")
_UNTIL_BEFORE = re.compile(r"((?:19|20)\d\d)[ \t]*년[ \t]*까지[ \t,]*$")
_UNTIL = re.compile(r"((?:19|20)\d\d)[ \t]*년[ \t]*까지")
_EDITOR_NOTE = re.compile(r"\(\*[ \t]*(?P<term>[^:：()\n]{2,60}?)[ \t]*편집자[ \t]*주[ \t]*[:：][ \t]*(?P<zh>[^,，\s]+)")
_GENERIC_MENTION = re.compile(rf"{_PLAN_WORD}(?:을|를)[ \t]*(?:발표|공표|내놓|제시|수립)")
_CJK_PAREN = re.compile(r"(?<=\S)[(（][^()（）\s]*[\u3400-\u9fff][^()（）]*[)）]\*?|\*")
_GENERIC = {"실행", "실시", "세부", "관련", "구체적", "구체적인", "중장기", "장기", "단기", "중기", "향후", "전체",
            "주요", "새로운", "새", "종합", "미래", "장기적", "전략적", "기존", "후속", "이러한", "같은", "국가",
            "발전", "중점", "핵심", "일련", "대응", "공동", "전면적", "기본"}
_ISSUER_LIST = re.compile(r"((?:[가-힣A-Za-z()·&]+[ \t]*(?:,|및|와|과)[ \t]*)+[가-힣A-Za-z()·&]+)[ \t]*(?:등[ \t]*)?"
                          r"\d+[ \t]*개[ \t]*(?:부처|기관|부서|부문)(?:가|는|이|은)")
_ISSUER = re.compile(r"(?:^|[ \t])((?:[가-힣]{2,}(?:시|성|구)[ \t](?=(?:인민|특별행정구[ \t]?|시)?정부))?"
                     r"[가-힣A-Za-z&·]{2,}(?:\([^()]{1,10}\))?)(?:은|는|이|가)[ \t]")
_ORG_SUFFIX = re.compile(r"(?:시|성|부|국|원|청|위원회|정부|그룹|회사|공사|센터|클라우드|장관|협회|연구소|은행|\))$")


@dataclass
class _Plan:
    title: str
    span: Span
    heading: bool
    extractor: str
    title_zh: str | None = None
    issuer: str | None = None
    period_start: int | None = None
    period_end: int | None = None
    announced: date | None = None
    announced_precision: str | None = None

    def row(self) -> dict:
        return {"title": self.title, "title_zh": self.title_zh, "issuer": self.issuer,
                "period_start": self.period_start, "period_end": self.period_end,
                "announced": self.announced, "announced_precision": self.announced_precision,
                "char_start": self.span.start, "char_end": self.span.end, "extractor": self.extractor}


def _core(title: str) -> str:
    """The distinguishing part of a title: without its plan word, version and brackets."""
    return norm(_PLAN_TAIL.sub("", title.strip()))


def _clean_title(raw: str) -> str:
    """The title exactly as written (so the evidence contains it), minus unpaired quotes at its ends."""
    t = raw.strip()
    for q in "'\"":  # drop an unpaired quote at either end, keep '3 품' as written
        if t.count(q) % 2:
            t = t.strip(q)
    return t.strip("‘“") if t.count("‘") > t.count("’") or t.count("“") > t.count("”") else t


def _acceptable(title: str, bracketed: bool) -> bool:
    """A named plan, not a generic reference ('3대 실행 계획', '이 계획', '장기적 계획')."""
    body = _PLAN_TAIL.sub("", re.sub(r"\s*\d+(?:\.\d+)?\s*$", "", title)).strip()
    words = [w for w in re.split(r"\s+", body) if w]
    if not words or not norm(body):
        return False
    if any(re.match(r"^(?:\d+\s*(?:대|개|가지)|두|세|네|다섯|여섯)$", w) for w in words[:2]):
        return False
    content = [w for w in words if w not in _GENERIC and w not in DEMONSTRATIVE]
    if bracketed:
        return bool(content) and len(norm(body)) >= 2
    return len(content) >= 2


def _candidates(sent: Span, heading: bool):
    """Plan mentions in one sentence: (title, start, end, extractor) with offsets into text."""
    s, base = sent.text, sent.start
    taken: list[tuple[int, int]] = []
    out = []
    for m in _BRACKETS.finditer(s):
        gi = next(i for i in range(1, 10) if m.group(i) is not None)
        content, cs, ce = m.group(gi), m.start(gi), m.end(gi)
        after = s[m.end():]
        if _BRACKET_HEAD.search(content):
            title = _clean_title(re.sub(r"\s*[(（][^()（）]*[)）]\s*$", "", content)
                                 if _PERIOD.search(content[-14:]) else content)
            if _acceptable(title, True):
                out.append((title, base + cs, base + ce, "plans.bracketed"))
                taken.append((m.start(), m.end()))
        elif _PROGRAMME_BEFORE.search(s[:m.start()]):
            out.append((content.strip(), base + cs, base + ce, "plans.programme"))
            taken.append((m.start(), m.end()))
        elif (g := _QUOTED_GOAL.match(after)) and gi >= 5:
            out.append((content.strip(), base + cs, base + ce, "plans.quoted_goal"))
            taken.append((m.start(), m.end() + g.end()))
    # a heading names things without verbs ('... 행동방안 발표'): any plan word at a word end will do there
    for m in (_HEADING_PLAN if heading else _UNBRACKETED).finditer(s):
        if any(a <= m.start() < b for a, b in taken):
            continue
        prefix = _CJK_PAREN.sub(lambda x: " " * len(x.group()), s[:m.start()])
        found = walk_back(prefix)
        if not found:
            continue
        start, quoted = found
        title = _clean_title(s[start:m.end()])
        if _acceptable(title, quoted):
            out.append((title, base + start, base + m.end(), "plans.unbracketed"))
    return out


def _details(plan: _Plan, text: str, sent: Span, t_start: int, t_end: int, published: date | None) -> None:
    """Chinese title, period, issuer and announcement date from the mention's sentence."""
    after = text[t_end:sent.end]
    after = re.sub(r"^[」』》>’”'\"】]", "", after)
    zh = _ZH.match(after)
    if zh and plan.title_zh is None:
        plan.title_zh = zh.group("zh")
    period = (_PERIOD_AFTER.match(after) or (zh and _PERIOD.search(zh.group("zh")))
              or _PERIOD.search(text[t_start:t_end]))
    if period and plan.period_start is None:
        plan.period_start, plan.period_end = int(period.group(1)), int(period.group(2))
    before = text[sent.start:t_start].rstrip("「『《<‘“'\"【")
    until = _UNTIL_BEFORE.search(before)
    if until and plan.period_end is None:
        plan.period_end = int(until.group(1))
    if plan.issuer is None:
        plan.issuer = _issuer(before, plan.title)
    if plan.announced is None:
        ds = [d for d in find_dates(text, published, sent.start, sent.end)
              if not (t_start <= d.start < t_end) and not text[d.end:d.end + 3].lstrip().startswith("까지")
              and d.date_end is None]
        pick = ds[0] if ds else None  # the sentence's leading date: '2017 년 국무원이 <...>을 발표했을 때'
        if pick:
            plan.announced, plan.announced_precision = pick.date_start, pick.precision


def _issuer(before: str, title: str) -> str | None:
    m = _ISSUER_LIST.search(before)
    if m:
        return re.sub(r"[ \t]*(?:및|와|과)[ \t]*", ", ", m.group(1)).strip()
    for m in reversed(list(_ISSUER.finditer(before))):
        name = m.group(1)
        if _ORG_SUFFIX.search(name) and len(name) >= 2:
            return name
    first = title.split(" ")[0]
    return first if re.search(r"[가-힣]{2,}(?:시|성)$", first) else None


def _same_plan(title: str, plan: _Plan) -> bool:
    """A later mention names an existing plan: same title, or its name is part of the plan's title."""
    n, core = norm(title), _core(title)
    known = norm(plan.title)
    return n == known or (len(core) >= 2 and core in known)


def _similar(a: str, b: str) -> bool:
    words = re.findall(r"[가-힣]{2,}", _PLAN_TAIL.sub("", a.strip()))
    a, b = norm(a), norm(b)
    if a in b or b in a:
        return True
    if difflib.SequenceMatcher(None, a, b).ratio() >= 0.6:
        return True
    return bool(words) and sum(w in b for w in words) / len(words) >= 0.6


def units_with(text: str, pattern: re.Pattern):
    """The body units holding a match of pattern: one C-speed scan instead of a regex run per sentence."""
    hits = [m.start() for m in pattern.finditer(text)]
    i = 0
    for sent, heading in body_units(text):
        while i < len(hits) and hits[i] < sent.start:
            i += 1
        if i < len(hits) and hits[i] < sent.end:
            yield sent, heading


_HINT = re.compile(rf"(?=[행실업지요강방계규전청플로의개기펀프목비구])(?:{_PLAN_WORD}|지침|의견|개요|기금|펀드|프로그램|프로젝트|이니셔티브|목표|비전|구상)")


def extract_plans(text: str, published: date | None) -> list[dict]:
    plans: list[_Plan] = []
    headings: list[_Plan] = []
    generic_until: list[tuple[int, int]] = []  # (offset, year) of '...까지 ... 계획을 발표' without a name
    for sent, heading in units_with(text, _HINT):
        found = _candidates(sent, heading)
        if not found and not heading and _GENERIC_MENTION.search(sent.text) and (u := _UNTIL.search(sent.text)):
            generic_until.append((sent.start, int(u.group(1))))
        for title, t_start, t_end, rule in found:
            pool = headings if heading else plans
            plan = next((p for p in pool if _same_plan(title, p)), None)
            if plan is None:
                plan = _Plan(title, sent, heading, rule)
                pool.append(plan)
            _details(plan, text, sent, t_start, t_end, published)
    for term in _EDITOR_NOTE.finditer(text):  # (*워투 클라우드 크리에이션 계획 편집자 주: 沃土云创计划, ...)
        for p in plans:
            if p.title_zh is None and norm(_CJK_PAREN.sub("", p.title)) == norm(term.group("term")):
                p.title_zh = term.group("zh")
    for offset, year in generic_until:  # the lead's '2030년까지 ... 계획을 발표했다' describes the nearest named plan
        before = [p for p in plans if p.span.start <= offset]
        after = [p for p in plans if p.span.start > offset]
        target = before[-1] if before else (after[0] if after else None)
        if target and target.period_end is None:
            target.period_end = year
    for h in headings:  # a plan only named in a heading still counts, once
        if not any(_similar(h.title, p.title) for p in plans):
            plans.append(h)
    return [p.row() for p in sorted(plans, key=lambda p: p.span.start)]
