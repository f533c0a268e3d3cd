"""Named policy plans: one row per plan per document, pointing at the mention giving its full name.

How Korean text names a plan, and how each way is read here:

- in brackets (「」 『』 《》 <> ‘’ “” '' "" 【】) ending with a plan word (계획, 규획, 방안,
  요강, 강령, 전략, 지침, 의견, 조치, 공정 …), or right after a programme noun
  (``특별 프로그램 <…>``);
- unbracketed, as a noun phrase ending with a plan word. The phrase is read backwards
  from the plan word until a particle, a verb ending or punctuation (phrases.py), and is
  only taken when the text treats it as a name: an action is done to it (발표, 수립,
  추진 …), a Chinese title or a period follows, it is cited (``…에 따르면``), or it holds a
  quoted name or a Chinese gloss (``'14·5' 디지털경제 발전규획``, ``동수서산(东数西算) 공정``);
- ``제14차 5개년 …``/``14·5 …`` in front of a title belong to it;
- a regulation (办法) in brackets, named only as a qualified method: ``「… 관리 방법」``,
  ``「… 잠정 방법」``, ``「… 실시 방법」``;
- a national campaign (行动) as its quoted name and 행동: ``'인공지능+' 행동``;
- a national transfer project: four syllables between opposite compass points, glossed in
  Chinese (``동수서산(東數西算)``, ``남수북조(南水北调)``), wherever it stands, headings too.

Not plans: reports, laws and products (their head words are not plan words), a
company's own strategy (a company as issuer or owner), generic mentions (``3대 실행
계획``, ``관련 계획``, ``이 계획``, counted ones: ``4개 성의 신규 계획``).

Details come from the mention's sentence: the Chinese title in brackets after it (or on
the line below a title line), the period ``(2021~2023년)`` or ``2025년까지``, the issuer
(the subject: ``국무원이 발표한``, ``공업정보화부 등 3개 부처가``, ``X와 공동으로``, a
chronology's ``날짜 = 국무원, 「…」``, a summary's ``발표 기관 : …`` field) and the date of
announcement (the date nearest before the title in its clause). A ``· 발표 : 기관, 날짜`` line
under a title line gives both (its issuer wins over a place the title merely opens with). A
bracketed title inside a quoted sentence (an interview answer) is read too. A lead sentence that
announces plans without naming them (``베이징시는 7일 … 계획을 발표했다``) lends its
issuer, date and deadline to the plans named in the next sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.extract.dates import DateMention, is_deadline, line_dates, year_range
from pipeline.extract.phrases import CLAUSE_END, DEMONSTRATIVE, body_units, norm, particle_end, walk_back
from pipeline.text import Span

# Head nouns of a plan title. Long forms first so 행동 요강 wins over 요강.
_PLAN_WORD = (r"(?:행동\s?요강|행동\s?강령|행동\s?방안|행동\s?계획|실시\s?방안|실행\s?방안|실행\s?계획|업무\s?방안"
              r"|지도\s?의견|실시\s?의견|실시안|요강|강령|방안|계획|규획|전략|청사진|플랜|로드맵)")
# 공정 (工程, a state project) is also 'process' and 'fair': a name only with a quoted name or Chinese gloss.
_PROJECT_WORD = r"공정"
# 행동 (行动, a national campaign) names one only right after its quoted name: ''인공지능+' 행동', '"인터넷+" 행동'.
_CAMPAIGN_WORD = r"행동"
_CAMPAIGN_AT = r"(?<=['’\"”] )행동|(?<=['’\"”])행동"
# Inside brackets a few more heads are unambiguous names: 지침, 의견, 조치 (措施), funds and programmes.
# A regulation's 办法 is '… 관리 방법', '… 잠정 방법', '… 실시 방법': a name only so qualified.
_MEASURES = r"(?:관리|잠정|시행|실시|운영|평가|인정|심사|관리[ \t]?잠정)[ \t]?방법"
_BRACKET_HEAD = re.compile(rf"(?:{_PLAN_WORD}|지침|의견|개요|조치|공정|기금|펀드|프로그램|이니셔티브|{_MEASURES})"
                           r"(?:\s*\d+(?:\.\d+)?)?(?:\s*[(（][^()（）]*[)）])?\s*$")
_PLAN_TAIL = re.compile(rf"(?:{_PLAN_WORD}|{_PROJECT_WORD}|{_CAMPAIGN_WORD}|의견|지침|{_MEASURES})$")
_PROGRAMME_BEFORE = re.compile(r"(?:프로그램|프로젝트|플랜|이니셔티브)\s*$")
# What may follow an unbracketed plan word for it to count as a named plan.
_NAMED_AFTER = re.compile(
    r"[ \t]*[(（]"
    r"|(?:을|를|이|가|은|는)?[ \t]*(?:발표|공표|수립|추진|시행|실시|제정|마련|내놓|업그레이드|채택|승인|발간|공포|발행|출범|시작|도입|인쇄|하달)"
    r"|에[ \t]*(?:따르면|따라|의하면)")  # '… 계획에 따르면': the text cites it by name
_WORD_END = r"(?=[^가-힣]|$|[을를이가은는의과와에도로])"
# 의견/지침 name a document only after '…에 관한/대한' (关于…的意见): '플랫폼 경제 발전에 관한 의견'
_PLAN_AT = re.compile(rf"(?:{_PLAN_WORD}|{_PROJECT_WORD}|{_CAMPAIGN_AT}|(?<=관한 )(?:의견|지침)|(?<=대한 )(?:의견|지침))"
                      rf"{_WORD_END}")
# A name marker inside an unbracketed title: a quoted name, a Chinese gloss, a five-year plan's number.
_QUOTED = re.compile(r"'[^'\n]+'|‘[^’\n]+’|\"[^\"\n]+\"|“[^”\n]+”")
_CJK_GLOSS = re.compile(r"(?<=\S)[(（][^()（）\s]*[\u3400-\u9fff][^()（）]*[)）]")
_FIVE_YEAR = re.compile(r"(?:제[ \t]?)?\d{1,2}[ \t]?차[ \t]?5[ \t]?개년|14[·.ㆍ]5")
_FIVE_YEAR_BEFORE = re.compile(r"(?:제[ \t]?)?\d{1,2}[ \t]?차[ \t]?5[ \t]?개년[ \t]*$|['‘]?14[·.ㆍ]5['’]?[ \t]*$")
_COUNTED_BEFORE = re.compile(r"(?:\d+[ \t]*(?:개|곳|가지)|여러|모든)[ \t]+$")
_NTH_BEFORE = re.compile(r"(?:제[ \t]?)?\d{1,2}[ \t]?차[ \t]*$")
# An unbracketed phrase with an object and a verb describes a plan rather than naming it ('질서를 확립하는 방안').
_DESCRIPTION = re.compile(r"[을를][ \t]+\S*(?:하는|하기|위한)(?=[ \t])")
_BRACKETS = re.compile(r"「([^」\n]{1,120})」|『([^』\n]{1,120})』|《([^》\n]{1,120})》|<([^<>\n]{1,120})>"
                       r"|‘([^’\n]{1,80})’|“([^”\n]{1,80})”|'([^'\n]{1,80})'|\"([^\"\n]{1,80})\"|【([^】\n]{1,80})】")
_ZH = re.compile(r"[ \t]*[(（](?P<zh>[^()（）\s,，]*[\u3400-\u9fff][^()（）\s,，]*"
                 r"(?:[(（](?:19|20)\d\d[^()（）]{0,8}[)）][^()（）\s,，]*)?)[)）]?")
_ZH_LINE = re.compile(r"[\u3400-\u9fff][^\n가-힣]*(?:计划|規劃|规划|方案|纲要|綱要|意见|意見|战略|戰略|措施|工程|指南|行动|纲领)"
                      r"[^\n가-힣]*")
_LAST_PAREN = re.compile(r"[ \t]*[(（][^()（）]*[)）][ \t]*$")
# The plan frames what follows ('… 규획에서 2025년까지 …', '… 방안에 따르면 …'): its deadline is the plan's.
_FRAME_AFTER = re.compile(r"^[」』》>’”'\"】]?[ \t]*(?:에서는?|에[ \t]*따르면|에[ \t]*따라|은|는|이|가)[ \t]")
_GENERIC_MENTION = re.compile(rf"{_PLAN_WORD}(?:을|를)[ \t]*(?:발표|공표|내놓|제시|수립)")
# An event named with its year, where the plan was announced: '2021 글로벌 디지털 경제 콘퍼런스'에서 발표된
_EVENT_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)[ \t]*년?[ \t][^\n'’\"”]{0,40}?"
                         r"(?:콘퍼런스|컨퍼런스|회의|대회|포럼|박람회|엑스포|서밋|정상회의|총회|전시회)['’\"”)]?[ \t]*(?:에서|기간)")
_GENERIC = {"실행", "실시", "세부", "관련", "구체적", "구체적인", "중장기", "장기", "단기", "중기", "향후", "전체",
            "주요", "새로운", "새", "종합", "미래", "장기적", "전략적", "기존", "후속", "이러한", "같은", "국가",
            "발전", "중점", "핵심", "일련", "대응", "공동", "전면적", "기본", "지방판", "자체", "별도", "각종",
            "전환", "디지털화", "경영", "사업", "성장", "신규", "신규의", "최신", "올해", "연간",
            "관한", "대한", "위한", "따른", "통한", "향한", "의한", "데", "것"}
# Words after which a plan word is not a name: 'X 관련 계획', 'A·B 등 계획', '… 분야 계획'.
_GENERIC_BEFORE = re.compile(r"(?:관련|관련된|등|분야|부문|각종|각급|여러|차원의|후속)\s*$")
# Where a noun phrase cannot continue backwards: bound nouns of a clause ('지정한 데 따른', '나온 뒤'),
# a list's 등, or a particle after a bracket ('대성(大省)도').
_STOP_TOKEN = re.compile(r"^(?:데|것|수|뒤|후|때|중|등|이후|이전|가운데|동안)$|[)）][도만은는이가을를]$")
_JOINED = re.compile(r"(?:관한|대한|위한|따른|의한|향한|통한|관하여|대하여)$")
# '(이하 '행동방안')': a short name defined for the plan just named is not another plan
_SHORT_NAME = re.compile(r"[(（][ \t]*(?:이하|약칭|줄여서)[^()（）]*$")
_ISSUER_LIST = re.compile(r"((?:[가-힣A-Za-z()&]+[ \t]*(?:,|및|와|과|·)[ \t]*)*[가-힣A-Za-z()&]+)[ \t]*(등[ \t]*)?"
                          r"\d+[ \t]*개[ \t]*(?:부처|기관|부서|부문|부위)(?:가|는|이|은|도)")
_WITH = re.compile(r"([가-힣A-Za-z&·]{2,}(?:\([^()]{1,12}\))?)(?:와|과)[ \t]*(?:공동으로|함께|공동)[ \t]")
_OWNER = re.compile(r"([가-힣]{2,})의[ \t]+(?=['‘\"“])")  # 국가의 '이중 탄소' 전략
_OWNER_BEFORE = re.compile(r"([가-힣]{2,})의[ \t]*$")
# A chronology or summary line: '▲2022년 1월 26일 = 국무원, 「…」' — the body named before the comma.
_LIST_SUBJECT = re.compile(r"[=:：][ \t]*([가-힣A-Za-z&·]{2,}(?:[ \t][가-힣]{2,}){0,2})[ \t]*(?:등)?[ \t]*,[ \t]*$")
_ORG = re.compile(r"(?:시|성|부|국|원|청|처|팀|실|위원회|정부|시정부|판공청|판공실|사무국|중앙|특별행정구|자치구|행정장관"
                  r"|의회|인대|은행|센터|협회|연구소|연구원|당국|중공중앙|공산당)(?:\([^()]{1,12}\))?(?:[ \t]*등)?$")
_COMPANY = re.compile(r"(?:그룹|회사|기업|클라우드|전자|자동차|텔레콤|모바일|유니콤|홀딩스|테크|과기|㈜|유한공사"
                      r"|Inc\.?|Corp\.?|Ltd\.?|Co\.?)(?:\([^()]{1,12}\))?$")
# A summary's fields: '□ 발표 기관 : 공업정보화부(工业和信息化部)', '□ 발표일 : 2021년 1월 13일 공개'.
_FIELD = re.compile(r"^[ \t]*[□■○●◇◆▶▷ㅇ\-–•·*]?[ \t]*(?:(?P<who>발표[ \t]?기관|발표[ \t]?부처|발표[ \t]?주체|발표처|발행[ \t]?기관"
                    r"|제정[ \t]?기관|주관[ \t]?부처|발문[ \t]?기관)|(?P<when>발표[ \t]?일자?|발표[ \t]?시기|발표[ \t]?날짜|공포[ \t]?일"
                    r"|공개[ \t]?일|발문[ \t]?일)|(?P<both>발표|공포|공표|발문))[ \t]*[:：][ \t]*(?P<value>[^\n]+)$", re.M)
_FIELD_WORDS = ("발표", "발행", "제정", "주관", "발문", "공포", "공개")  # every label of _FIELD holds one
_DATELINE = re.compile(r"^\s*\[[^\]\n]{0,40}\]")
# A sentence of the body, even on a line without a finished sentence: a briefing's nominal ending
# ('발표함', '추진 중임', '내놓음') or a verb inside ('발표한', '추진하고').
_BODY_LIKE = re.compile(r"(?:[함됨임음]|있음|없음|예정|전망|필요)[ \t.]*$"
                        r"|(?:했|됐|하고|되고|하며|되며|하여|하는|되는|발표한|내놓은|나온|세운|시작된|열린|밝힌|공개한)(?=[ \t,])")
_CLOSE = "」』》>’”'\"】"


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
    issuer_guessed: bool = False  # the issuer is only the place its title opens with

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


def _acceptable(title: str, named: bool) -> bool:
    """A named plan, not a generic reference ('3대 실행 계획', '이 계획', '관련 계획', '장기적 계획').

    ``named``: bracketed or holding a name marker; otherwise the phrase needs two content words."""
    body = _PLAN_TAIL.sub("", re.sub(r"\s*\d+(?:\.\d+)?\s*$", "", title)).strip()
    words = [w for w in re.split(r"\s+", _CJK_GLOSS.sub("", body)) if w]
    if not words or not norm(body) or _GENERIC_BEFORE.search(body) or body.count("(") != body.count(")"):
        return False
    if any(re.match(r"^(?:\d+\s*(?:대|개|가지)|두|세|네|다섯|여섯)$", w) for w in words[:2]):
        return False
    content = [w for w in words if w not in _GENERIC and w not in DEMONSTRATIVE]
    if named:
        return bool(content) and len(norm(body)) >= 2
    return len(content) >= 2


def _trim_start(s: str, start: int, end: int) -> int:
    """Move a walked-back title start past a bound noun, a list's 등 or a particle after a bracket."""
    toks = list(re.finditer(r"\S+", s[start:end]))
    for i in range(len(toks) - 1, -1, -1):
        tok, nxt = toks[i].group(), toks[i + 1].group() if i + 1 < len(toks) else ""
        if _STOP_TOKEN.search(tok) or (tok.endswith("에") and len(tok) > 1 and not _JOINED.match(nxt)):
            return start + toks[i].end()
    return start


def _unbracketed(s: str, m: re.Match, taken, heading: bool):
    """(title start, named) of the phrase ending with the plan word matched at m, or None."""
    if any(a <= m.start() < b for a, b in taken) or _SHORT_NAME.search(s, max(0, m.start() - 30), m.start()):
        return None
    is_project = m.group().startswith("공정")
    if m.group() == "행동":  # a campaign: its quoted name stands right before it
        quote = re.search(r"(['‘\"“])[^'‘’\"“”\n]{1,30}['’\"”][ \t]?$", s[:m.start()])
        return (quote.start(), True) if quote else None
    prefix = _CJK_GLOSS.sub(lambda x: " " * len(x.group()), s[:m.start()])
    found = walk_back(prefix)
    if not found:
        return None
    start, quoted = found
    start = _trim_start(s, start, m.start())
    if start >= m.start():
        return None
    before = s[:start]
    if (five := _FIVE_YEAR_BEFORE.search(before) or (re.match(r"5[ \t]?개년", s[start:]) and _NTH_BEFORE.search(before))) \
            and not s[start - 1:start].strip():
        start = five.start()  # '제14차 5개년 디지털 경제 발전 계획': the plan's number is part of its name
    title = s[start:m.end()]
    counted = _COUNTED_BEFORE.search(s, max(0, start - 12), start)
    marked = bool(_QUOTED.search(title) or _CJK_GLOSS.search(title) or _FIVE_YEAR.search(title))
    if is_project:
        return (start, True) if marked else None
    if not marked and (_DESCRIPTION.search(title) or counted):
        return None  # '질서를 확립하는 방안'; '4개 성의 신규 계획': several plans counted, none named
    if marked or heading or _NAMED_AFTER.match(s, m.end()):
        return start, marked or quoted
    return None


def _bracket_matches(s: str):
    """(match, group) of every bracketed span, and of those inside a quotation that names no plan
    itself: 'A. "시도 작년 「… 조치」를 발표했습니다."' quotes a sentence holding the title."""
    for m in _BRACKETS.finditer(s):
        gi = next(i for i in range(1, 10) if m.group(i) is not None)
        yield m, gi
        if 6 <= gi <= 8 and not _BRACKET_HEAD.search(m.group(gi)):  # “…” '…' "…"
            for inner in _BRACKETS.finditer(s, m.start(gi), m.end(gi)):
                yield inner, next(i for i in range(1, 10) if inner.group(i) is not None)


def _candidates(sent: Span, heading: bool):
    """Plan mentions in one sentence: (title, start, end, extractor) with offsets into the text."""
    s, base = sent.text, sent.start
    taken: list[tuple[int, int]] = []
    out = []
    for m, gi in _bracket_matches(s):
        content, cs, ce = m.group(gi), m.start(gi), m.end(gi)
        if _BRACKET_HEAD.search(content):
            paren = _LAST_PAREN.search(content)  # '… 행동계획(2021~2023년)': the period is not in the title
            title = _clean_title(content[:paren.start()] if paren and year_range(content, paren.start()) else content)
            if _acceptable(title, True) and not _company_before(s, m.start()):
                out.append((title, base + cs, base + ce, "plans.bracketed"))
                taken.append((m.start(), m.end()))
        elif _PROGRAMME_BEFORE.search(s[:m.start()]) and not _company_before(s, m.start()):
            out.append((content.strip(), base + cs, base + ce, "plans.programme"))
            taken.append((m.start(), m.end()))
    for m in _PLAN_AT.finditer(s):
        found = _unbracketed(s, m, taken, heading)
        if not found:
            continue
        start, named = found
        if owner := _OWNER.match(s, start):
            start = owner.end()  # 국가의 '이중 탄소' 전략: the owner is the issuer, not part of the name
        title = _clean_title(s[start:m.end()])
        if _acceptable(title, named) and not _company_before(s, start + len(title.split()[0])):
            out.append((title, base + start, base + m.end(), "plans.unbracketed"))
            taken.append((start, m.end()))
    for m in _TRANSFER.finditer(s):
        if not any(a <= m.start() < b for a, b in taken) and _opposite(m["zh"][0], m["zh"][2]) \
                and m["ko"][0] == _DIRECTION_KO[m["zh"][0]] and m["ko"][2] == _DIRECTION_KO[m["zh"][2]]:
            out.append((m.group(), base + m.start(), base + m.end(), "plans.transfer"))
    return out


# A national transfer project is named by a four-character phrase between opposite compass points
# (东数西算, 西电东送, 南水北调, 西气东输), transliterated with the Chinese beside it: '동수서산(東數西算)'.
_TRANSFER = re.compile(r"(?<![가-힣])(?P<ko>[동서남북][가-힣][동서남북][가-힣])[ \t]*[(（]"
                       r"(?P<zh>[東东西南北][\u4e00-\u9fff][東东西南北][\u4e00-\u9fff])[)）]")
_DIRECTION_KO = {"東": "동", "东": "동", "西": "서", "南": "남", "北": "북"}


def _opposite(a: str, b: str) -> bool:
    return {_DIRECTION_KO[a], _DIRECTION_KO[b]} in ({"동", "서"}, {"남", "북"})


def _is_heading(sent: Span, heading: bool) -> bool:
    """A title or caption names plans without verbs; a briefing's bullet ending in '…함' is body text."""
    return heading and len(sent.text) < 80 and not _BODY_LIKE.search(sent.text)


class _Dates:
    """Dates of a sentence, taken from the document's single date scan, line by line."""

    def __init__(self, text: str, published: date | None):
        self.text, self.published, self.cache = text, published, {}

    def of(self, start: int, end: int) -> list[DateMention]:
        ls = self.text.rfind("\n", 0, start) + 1
        le = self.text.find("\n", start)
        le = len(self.text) if le < 0 else le
        if ls not in self.cache:
            self.cache[ls] = line_dates(self.text, self.published, ls, le)
        return [d for d in self.cache[ls] if start <= d.start < end]


def _announced(ds: list[DateMention], text: str, sent: Span, t_start: int, t_end: int):
    """The date the plan was announced: the first date of the title's clause (before the title,
    then after it), else of the sentence before the clause, where an explicit year wins over a
    relative expression read from the publication date."""
    skip = _DATELINE.match(text, sent.start)
    usable = [d for d in ds if not (t_start <= d.start < t_end) and d.date_end is None
              and not is_deadline(text, d) and not (skip and d.start < skip.end())]
    if not usable:
        return None
    clause_start, clause_end = sent.start, sent.end
    for c in CLAUSE_END.finditer(text, sent.start, sent.end):
        if c.end() <= t_start:
            clause_start = c.end()
        elif c.start() >= t_end:
            clause_end = c.start()
            break
    for lo, hi in ((clause_start, t_start), (t_end, clause_end)):  # the title's clause: before, then after it
        if near := [d for d in usable if lo <= d.start < hi]:
            return next((d for d in near if not d.relative), near[0])
    early = [d for d in usable if d.start < t_start]  # an earlier clause: '2017년 국무원이 <…>을 발표했을 때'
    return next((d for d in early if not d.relative), early[0]) if early else None


def _details(plan: _Plan, text: str, sent: Span, t_start: int, t_end: int, dates: _Dates) -> None:
    """Chinese title, period, issuer and announcement date from the mention's sentence."""
    after = text[t_end:sent.end]
    after = re.sub(f"^[{_CLOSE}]", "", after)
    zh = _ZH.match(after)
    inner = _CJK_GLOSS.search(text, t_start, t_end)  # 동수서산(东数西算) 공정: the gloss names the whole
    rest = text[inner.end():t_end].strip(" \t'’\"”") if inner else ""
    if inner and rest and not _PLAN_TAIL.match(rest):
        inner = None  # the gloss names a part, not the whole ('동수서산(東數西算)' alone is glossed whole)
    if plan.title_zh is None:
        plan.title_zh = zh.group("zh").strip("《》「」『』") if zh else (inner.group()[1:-1] if inner else None)
    close = t_end + (len(text[t_end:sent.end]) - len(after))
    period = (year_range(text, close, sent.end, at_start=True) or (zh and year_range(zh.group("zh")))
              or year_range(text, t_start, t_end))
    if period and plan.period_start is None:
        plan.period_start, plan.period_end = period.first, period.last
    before = text[sent.start:t_start].rstrip("「『《<‘“'\"【")
    if plan.period_end is None:
        ds = dates.of(sent.start, sent.end)
        # '2035년까지 「…」을 추진', or the plan frames the deadline: '… 규획에서 2025년까지 …'
        until = [d for d in ds if d.end <= t_start and is_deadline(text, d)
                 and re.fullmatch(r"[ \t]*(?:연?말|초)?[ \t]*까지[ \t,]*", text[d.end:t_start].rstrip("「『《<‘“'\"【"))]
        if not until and _FRAME_AFTER.match(text[t_end:sent.end]):
            until = [d for d in ds if d.start >= t_end and is_deadline(text, d)][:1]
        if until:
            plan.period_end = until[-1].date_start.year
    if plan.issuer is None:
        plan.issuer = _issuer(before, "")
        if plan.issuer is None:
            plan.issuer = _issuer(before, plan.title)
            plan.issuer_guessed = plan.issuer is not None
    if plan.announced is None:
        pick = _announced(dates.of(sent.start, sent.end), text, sent, t_start, t_end)
        if pick:
            plan.announced, plan.announced_precision = pick.date_start, pick.precision
        elif ev := _EVENT_YEAR.search(before):
            plan.announced, plan.announced_precision = date(int(ev.group(1)), 1, 1), "year"


def _issuer(before: str, title: str) -> str | None:
    """The body that issued the plan, named before its title in the sentence."""
    m = _ISSUER_LIST.search(before)
    if m and (m.group(2) or re.search(r"[ \t]*[,·]|(?:및|와|과)[ \t]", m.group(1))):  # '공업정보화부 등 8개 부처가'
        names = re.sub(r"[ \t]*(?:및|와|과)[ \t]+|[ \t]*,[ \t]*", ", ", m.group(1)).strip()
        return names if "," in names or "·" in names else f"{names} 등"
    clause = before
    for c in CLAUSE_END.finditer(before):
        clause = before[c.end():]
    if m := _WITH.search(clause):
        if _ORG.search(m.group(1)):
            return m.group(1)
    if name := _subject(before):
        return name
    if m := _LIST_SUBJECT.search(before):
        if _ORG.search(m.group(1)):
            return m.group(1)
    if (m := _OWNER_BEFORE.search(before)) and (_ORG.search(m.group(1)) or m.group(1) in ("국가", "중국", "중앙")):
        return m.group(1)
    first = title.split(" ")[0]
    return first if re.search(r"[가-힣]{2,}(?:시|성)$", first) else None


def _subject(before: str) -> str | None:
    """The last subject before the title that names a body: '선전시 인민정부 판공청은', '상하이시도',
    '국가발전개혁위원회 등이'; reading back over the words of its name."""
    toks = before.split()
    for i in range(len(toks) - 1, -1, -1):
        w = toks[i].rstrip(",").lstrip("\"“'‘「『《(")  # 'A. "선전시도 …': the quote opens the answer, not the name
        if w.endswith("께서") and len(w) > 3:
            head = w[:-2]
        elif w.endswith("도") and len(w) > 2 and (_ORG.search(w[:-1]) or _COMPANY.search(w[:-1])):
            head = w[:-1]
        elif w[-1:] in ("은", "는", "이", "가") and (particle_end(w) or w[-2:-1] in (")", "등")):
            head = w[:-1]
        else:
            continue
        words = toks[:i] + [head]
        if head == "등" and i > 0:
            words = toks[:i - 1] + [toks[i - 1] + " 등"]
        name = _org_name(words)
        if name:
            return name
    return None


def _org_name(toks: list[str]) -> str | None:
    """The tail of the words before a particle that names a body ('보도에 따르면 베이징시' -> '베이징시')."""
    last = toks[-1]
    core = re.sub(r"[ \t]*등$", "", last)
    if not (_ORG.search(core) or _COMPANY.search(core)) or last in DEMONSTRATIVE:
        return None
    keep = [last]
    for tok in reversed(toks[:-1]):
        if (particle_end(tok) or re.search(r"[다고며서한된었았였,.:：=]$|\d", tok) or tok in DEMONSTRATIVE
                or not re.search(r"[가-힣A-Za-z]{2}|^[시성현구]$", tok) or len(keep) >= 4):
            break
        keep.insert(0, tok)
    name = " ".join(keep)
    return name if len(norm(name)) >= 2 else None


def _company_before(s: str, pos: int) -> bool:
    """A company owns what follows: '화웨이클라우드 생태 특별 프로그램 <…>', '텐센트의 「…」'."""
    words = s[max(0, pos - 40):pos].split()[-4:]
    return any(_COMPANY.search(re.sub(r"(?:의|가|이|는|은)$", "", w)) for w in words)


def _is_company(name: str | None) -> bool:
    return bool(name) and bool(_COMPANY.search(name))


def _same_plan(title: str, plan: _Plan) -> bool:
    """A later mention names an existing plan: same title, or its name is part of the plan's title."""
    n, core = norm(title), _core(title)
    known = norm(plan.title)
    return n == known or (len(core) >= 2 and core in known)


def _same_period(a: _Plan, b: _Plan) -> bool:
    """Two versions of a plan differ by their periods (행동계획 2018~2020, 2021~2023)."""
    return a.period_start is None or b.period_start is None or a.period_start == b.period_start


def _similar(a: str, b: str) -> bool:
    """A heading's short form of a body title: most of its words are in the title."""
    words = re.findall(r"[가-힣]{2,}", _PLAN_TAIL.sub("", a.strip()))
    a, b = norm(a), norm(b)
    if a in b or b in a:
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


_HINT = re.compile(rf"(?=[행실업지요강방계규전청플로의개기펀프이조공東东西南北])(?:{_PLAN_WORD}|지침|의견|개요|조치|공정|기금|펀드"
                   r"|프로그램|프로젝트|이니셔티브|행동|방법|[東东西南北][\u4e00-\u9fff][東东西南北])")


def _lead(text: str, sent: Span, dates: _Dates) -> dict:
    """What a sentence announcing unnamed plans says about them: issuer, date, deadline."""
    info = {"issuer": None, "announced": None, "period_end": None}
    end = _GENERIC_MENTION.search(sent.text).start() + sent.start
    info["issuer"] = _issuer(text[sent.start:end], "")
    pick = _announced(dates.of(sent.start, sent.end), text, sent, end, end)
    if pick:
        info["announced"] = (pick.date_start, pick.precision)
    if until := [d for d in dates.of(sent.start, sent.end) if is_deadline(text, d)]:
        info["period_end"] = until[0].date_start.year
    return info


def _apply_lead(plan: _Plan, lead: dict) -> None:
    if plan.issuer is None:
        plan.issuer = lead["issuer"]
    if plan.announced is None and lead["announced"]:
        plan.announced, plan.announced_precision = lead["announced"]
    if plan.period_end is None:
        plan.period_end = lead["period_end"]


def _summary_fields(text: str, plans: list[_Plan], dates: _Dates) -> None:
    """A plan summary's '발표 기관 : …'/'발표일 : …' lines describe the plan named last above them."""
    if not plans or not any(w in text for w in _FIELD_WORDS):
        return  # nothing to describe, or no field label anywhere: spare the scan of every line
    for f in _FIELD.finditer(text):
        above = [p for p in plans if p.span.start < f.start()]
        if not above:
            continue
        plan = above[-1]
        if f.group("both"):  # '· 발표 : 광둥성 인민정부 판공청, 2025년 1월 21일' under the plan's title lines
            ds = dates.of(f.start("value"), f.end("value"))
            if not ds or text.count("\n", plan.span.start, f.start()) > 3:
                continue  # no date: a presenter ('발표 : 홍길동 박사'), or too far from any title
            who = _CJK_GLOSS.sub("", text[f.start("value"):ds[0].start]).strip(" \t,，·")
            if who and _ORG.search(re.sub(r"[ \t]*등[ \t]*\d+[ \t]*개[ \t]*\S+$", "", who)) \
                    and (plan.issuer is None or plan.issuer_guessed):
                plan.issuer, plan.issuer_guessed = who, False
            if plan.announced is None:
                plan.announced, plan.announced_precision = ds[0].date_start, ds[0].precision
            continue
        if f.group("who") and plan.issuer is None:
            plan.issuer = _CJK_GLOSS.sub("", f.group("value")).strip().rstrip(".") or None
        elif f.group("when") and plan.announced is None:
            ds = dates.of(f.start("value"), f.end("value"))
            if ds:
                plan.announced, plan.announced_precision = ds[0].date_start, ds[0].precision


def _chinese_line_below(text: str, plan: _Plan) -> None:
    """A title line followed by the Chinese title on its own line."""
    if plan.title_zh is not None:
        return
    nl = text.find("\n", plan.span.end)
    if nl < 0 or text[plan.span.end:nl].strip():
        return  # the title does not end its line
    m = _ZH_BELOW.match(text, nl + 1)
    if m:
        zh = m.group("zh").strip()
        if m.group("open") and zh.count("(") + zh.count("（") < zh.count(")") + zh.count("）"):
            zh = zh[:-1]  # '(广东省…方案（2025—2027年）)': the line's own brackets are not the title's
        plan.title_zh = zh


_ZH_BELOW = re.compile(r"\n*[ \t]*(?P<open>[(（])?(?P<zh>" + _ZH_LINE.pattern + r")[ \t]*(?:\n|$)")


def extract_plans(text: str, published: date | None) -> list[dict]:
    plans: list[_Plan] = []
    headings: list[_Plan] = []
    dates = _Dates(text, published)
    lead: dict | None = None
    for sent, heading in units_with(text, _HINT):
        heading = _is_heading(sent, heading)
        found = _candidates(sent, heading)
        named = []
        for title, t_start, t_end, rule in found:
            pool = headings if heading else plans
            plan = next((p for p in pool if _same_plan(title, p)), None)
            if plan is None:
                plan = _Plan(title, Span(sent.start, sent.end, sent.text), heading, rule)
                pool.append(plan)
            _details(plan, text, sent, t_start, t_end, dates)
            named.append(plan)
        if lead and not heading:
            for plan in named:
                _apply_lead(plan, lead)
        if not heading:
            lead = _lead(text, sent, dates) if not found and _GENERIC_MENTION.search(sent.text) else None
    plans = [p for p in plans if not _is_company(p.issuer)]  # a company's own strategy is not a plan
    for h in headings:  # a plan only named in a heading still counts, once
        if not any(_similar(h.title, p.title) and _same_period(h, p) for p in plans):
            plans.append(h)
    plans.sort(key=lambda p: p.span.start)
    _summary_fields(text, plans, dates)
    for p in plans:
        _chinese_line_below(text, p)
    return [p.row() for p in plans]
