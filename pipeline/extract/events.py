"""Dated happenings: conferences, releases, launches, signings, openings, visits, awards.

One home for the head words: ``_NOUNS`` (event nouns: 포럼, 박람회, 경진대회 ...),
``_VERBAL`` (verbal nouns that take 하다/되다, or end a list or chronology clause
on their own: 개최, 발표, 설립, 착공 ...) and ``_FORMS`` (inflected verbs: 열린,
세웠다, 펴낸, 내놨다 ...). The trigger pattern and its cheap first-character test
are generated from them.

Korean puts the verb last and the date early in the clause, so each trigger takes
the nearest date before it that no other trigger claims, else the first date after
it in the same clause. A conference named as the venue of something else
(``X 박람회에서 ... 발표했다``) lends its date and place to that thing. Deadlines
(``2030년까지``), datelines (``[신화망 베이징 8월7일]``), comparison bases
(``2019년에 이어``) and plan periods are not event dates. A year written inside an
event name (``'2021 글로벌 디지털 경제 콘퍼런스'``) dates that event when nothing
finer does. Sentences without a date give no event, except ``이 기간``/``현장에서``
ones, which take the previous event's date and place; a notice block (``일시:``
line) takes its name from the title above and its place from ``장소:``. Only dated
events are kept: an undated mention cannot be placed in time and is usually a
re-mention.

How the other styles write a happening: a holding verb in a relative clause before the
event's name (``푸저우에서 열리는 제8회 …서밋``); a product or facility after a past
adnominal (``U사가 지난해 8월 출시한 보급형 모델``, ``1월 개소한 … 센터``), named by maker
and thing; a bracketed title after one (final ㄴ: ``내놓은 「…」``, ``펴낸 '…백서'``); a
field line (``· 발표 : 기관, 날짜``, ``· 설립 : 2021년 12월``) under the title or heading it
describes, which names the happening; a headline or list item whose topic stands before a
comma (``베이징 이좡 개발구, '…' 가동 개시``), which places it. A headline that sums up a
happening its article tells more precisely just below is that happening. ``N부터 … 하고
있다`` is a start of something ongoing, not a happening. Places are the gazetteer's, words
ending like places, and the spellings of the places table (``첸하이``, ``위항구``).

A schedule table whose header row names its columns (``일자 | 행사명 | 장소 | 주최 | 구분``)
gives one event per row by position, with or without an event verb in the name: the date,
name and venue cells are the event's, its type the type column's word (``협약``, ``개소``,
``대회``) or its name's head word. A later mention of the same happening that states its own
place lends it to the first mention when that has none.
"""
from __future__ import annotations

import bisect
import difflib
import re
from functools import lru_cache
from dataclasses import dataclass
from datetime import date

from pipeline.extract.dates import DateMention, document_dates, is_deadline
from pipeline.extract.phrases import CLAUSE_END, body_units, norm, particle_end, walk_back
from pipeline.places import place_index
from pipeline.text import BULLET_START, states_nothing

# ---- the head words, by event type ---------------------------------------------------------
# Event nouns: the happening is named by them; they need their own verb (개최, 열린) or to
# act as subject or venue (박람회가, 포럼에서).
_NOUNS = {
    "competition": "경진대회 창업대회 경연대회 공모대회 공모전 해커톤 챌린지 예선전 결승전 올림픽 월드컵",
    "conference": "컨퍼런스 콘퍼런스 포럼 박람회 박람교역회 엑스포 서밋 써밋 정상회의 세미나 심포지엄 전시회 교역회 "
                  "전람회 발표회 총회 페어 대회 추진회 위크 회의",
    "other": "설명회 상담회 간담회 로드쇼",
    "announcement": "기자회견 기자간담회 브리핑",  # a press conference: what is announced there
}
# Verbal nouns: 하다/되다 follows (발표했다, 설립된), a ceremony (개소식), or, in list and
# chronology lines, the clause ends on the noun itself (개최. / 준공, / 완공 후).
_VERBAL = {
    "conference": "개최 개막 폐막 거행",
    "agreement": "체결 서명 조인 가입 합류 합작 안착",
    "opening": "개소 개관 개장 개원 준공 완공 개업 건립 가동 오픈",
    "launch": "출시 출범 발족 개통 개설 론칭 런칭 개시 시행 업그레이드 시범운영 시범 운영",
    "announcement": "발표 공표 공포 선포 공개 선언 지정 승인 비준 인하",
    "publication": "발간 출간 발행 출판",
    "visit": "방문 시찰 순방 참관 견학",
    "other": "착공 기공 착수 설립 취임 선정 수상 이관 합병 구축 현판",
}
# Inflected verbs that have no verbal noun of their own.
_FORMS = {
    "conference": "열렸 열려 열었 열어 열고 열며 열리며 열리고 연다 열 예정 열 계획",
    "opening": "세웠 세운 세워 문을 열 문을 연 정식 운영",
    "announcement": "내놓 내놨 내렸 내린",
    "publication": "펴낸 펴냈 펴내",
    "launch": "선보였 선보인 선보여 선보이 선보일 첫발을 시작되 시작된 시작됐 시작돼 시작했 시작하 시작한 시작해",
    "other": "나눠줬 나눠준 나눠주 탄생했 탄생한",
    "agreement": "맺었 맺은 맺어 맺고 맺기로",
}


def _split(ws: str) -> list[str]:
    """'문을 열 문을 연 정식 운영' holds two-word forms: a word that is only a particle-ended
    object or a modifier joins the next one."""
    out, parts = [], ws.split(" ")
    i = 0
    while i < len(parts):
        w = parts[i]
        if i + 1 < len(parts) and (w in ("문을", "정식", "시범", "열") and parts[i + 1] in ("열", "연", "운영", "예정", "계획")):
            w, i = f"{w} {parts[i + 1]}", i + 1
        out.append(w)
        i += 1
    return out


_NOUN_KIND = {w: k for k, ws in _NOUNS.items() for w in _split(ws)}
_VERBAL_KIND = {w: k for k, ws in _VERBAL.items() for w in _split(ws)}
_FORM_KIND = {w: k for k, ws in _FORMS.items() for w in _split(ws)}


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]*") for w in sorted(words, key=len, reverse=True))


# a verbal noun used as a verb, a ceremony, or ending a list/chronology clause; not a topic
_AS_VERB = (r"(?=[ \t]*(?:했|하|되|됐|돼|한|된|해|할|될|함|됨|합|됩|식|시켰|시킨|시켜"
            r"|[을를에][ \t]*(?:거행|진행|가졌|마쳤|마친|들어갔|들어간|들어가|착수|나섰|선언|발표)"
            r"|[ \t]*(?:[.,;:·()」』\]…]|$|\n)|[ \t]+(?:후|직후|이후|및|계약|협약|발표|선언)(?![가-힣])|[ \t]+등))")
_EVENT_NOUN = re.compile(_alt(_NOUN_KIND))
_EVENT_NOUN_END = re.compile(f"(?:{_alt(_NOUN_KIND)})[^가-힣]{{0,3}}$")
_HEADS = sorted(set(_NOUN_KIND) | set(_VERBAL_KIND) | set(_FORM_KIND))
_TRIGGER = re.compile(
    "(?=[" + "".join(sorted({w[0] for w in _HEADS})) + "])"  # cheap first test, generated from the words
    rf"(?:(?P<noun>{_alt(_NOUN_KIND)})(?!센터|홀|장|조직|위원회|실|록|체|소)"  # 엑스포센터, 박람회장, 회의실: venues; 회의록, 회의체
    rf"|(?P<verbal>{_alt(_VERBAL_KIND)})(?![ \t]*(?:하는|되는)){_AS_VERB}"
    rf"|(?P<form>{_alt(_FORM_KIND)}))")

# ---- what the trigger acts on -------------------------------------------------------------
_REPORT = re.compile(r"보고서|백서|리포트|보고>|보고」|보고'|보고’|지수>|순위|연감|청서|남서|[Tt][Oo][Pp][ \t]*\d+"
                     r"|(?:상황|현황|통계|공보|지도)[>」』'’]")  # a bracketed statistics release or a ranking
_PRODUCT = re.compile(r"(?:모델|대모델|로봇|앱|애플리케이션|서비스|제품|스마트폰|휴대폰|칩|버전|플랫폼|시스템|OS|차량|전기차)(?:$|[ \t'’」』>)]|\()"
                      r"|[A-Za-z가-힣\d][ \t]*\d+(?:\.\d+)+")  # a model with its version: 판구 3.0
_PLAN_DOC = re.compile(r"계획|방안|의견|조치|전략|정책|규획|요강|지침|강령|법|규정|조례|통지|개혁안|개편안")
_AGREEMENT_NOUN = re.compile(r"합작|협력|협약|계약|협정|양해각서|각서|MOU|파트너십|동맹|제휴")
_FACILITY = re.compile(r"(?:센터|거래소|단지|기지|공장|연구소|연구원|사업부|지사|사무소|법인|본부|매장|아카데미|캠퍼스|"
                       r"창고|실험실|테마관|전시관|박물관|산업원|파크|허브|데이터센터|정보원|산업단지)")
_FACILITY_END = re.compile(_FACILITY.pattern + r"(?:[ \t]*\d기)?(?:[ \t]*\([^()]*\))?[ \t'’」』>\"”]*$")  # the thing's head noun
_ORG = re.compile(r"(?:연맹|위원회|협회|연합회|기금|국|조직|협의체|동맹|위원회|공사|그룹|재단)(?:$|[ \t'’」』>)(])")
_CEREMONY = {"개소": "opening", "오픈": "opening", "개관": "opening", "개장": "opening", "개원": "opening", "준공": "opening",
             "완공": "opening", "개업": "opening", "현판": "launch", "발족": "launch", "출범": "launch",
             "서명": "agreement", "조인": "agreement", "체결": "agreement", "착공": "other", "기공": "other",
             "개막": "conference", "폐막": "conference"}
_CEREMONY_OBJ = re.compile(r"(" + "|".join(_CEREMONY) + r")식")
_STEM_NOUN = [(re.compile(p), n) for p, n in (
    (r"^시작[되된됐돼했하한해]$", "시작"), (r"^내놓$|^내놨$", "발표"), (r"^내[렸린]$", "인하"), (r"^선보[였인여이일]$", "공개"),
    (r"^세[웠운워]$", "건립"), (r"^펴[낸냈내]$", "발간"), (r"^열(?:렸|려|었|어|고|며|리며|리고|다)$|^연다$|^열[ \t]*(?:예정|계획)$", "개최"),
    (r"^맺(?:었|은|어|고|기로)$", "체결"), (r"^나눠[줬준주]$", "배포"), (r"^탄생[했한]$", "설립"),
    (r"^문을[ \t]*[열연]$", "개소"), (r"^첫발을$", "시작"), (r"^정식[ \t]*운영$", "정식 운영"))]


def _noun_of(trigger: str) -> str:
    for stem, noun in _STEM_NOUN:
        if stem.search(trigger):
            return noun
    return trigger


_BLANKS = re.compile(r"[ \t]+")
_OF_END = re.compile(r"의$")
_CEREMONY_END = re.compile(r"[ \t]*식$")


def _kind(group: str, word: str, obj: str, text_after: str) -> str | None:
    """The event type from the head word and what it acts on; None when it is no event."""
    w = _BLANKS.sub(" ", word)
    if group == "noun":
        kind = _NOUN_KIND[w]
        if w == "발표회" and _REPORT.search(obj):
            return "publication"  # <... 보고> 발표회: the report's release
        return kind
    kind = (_VERBAL_KIND if group == "verbal" else _FORM_KIND)[w]
    if kind == "conference" and group == "form":  # 열다: the thing opened decides
        if cer := _CEREMONY_OBJ.search(obj):
            return _CEREMONY[cer.group(1)]
        if _EVENT_NOUN_END.search(obj):
            return _NOUN_KIND[[m.group() for m in _EVENT_NOUN.finditer(obj)][-1]]
        if _FACILITY_END.search(obj):
            return "opening"  # 거래소를 다시 열었다
        if re.search(r"회의|행사|축제|대회", obj):
            return "conference"
        return None
    if w == "현판":
        return "launch"  # 현판식: an organisation starts work
    if w in ("발표", "공개", "내놓", "내놨", "선언", "공표"):
        if _REPORT.search(obj[-60:]):
            return "publication"
        if w == "선언" and re.search(r"(?:가동|출범|시작|개시|운영)[ \t]*$", obj):
            return "launch"  # '전면 가동 선언': the start is declared
        if _AGREEMENT_NOUN.search(obj[-12:]) and not _PLAN_DOC.search(obj[-12:]):
            return "agreement"  # 합작을 발표했다
        if _PRODUCT.search(obj[-40:]) and not _PLAN_DOC.search(obj[-40:]) and not re.match(r"[<「『《]", obj):
            return "launch"
        return "announcement"
    if w in ("발간", "출간", "발행", "출판", "펴낸", "펴냈", "펴내") and not _REPORT.search(obj) and _PLAN_DOC.search(obj):
        return "announcement"  # a plan printed and issued
    if w in ("내렸", "내린", "인하"):
        return "announcement" if re.search(r"가격|요금|금리|수수료", obj) else None
    if w in ("맺었", "맺은", "맺어", "맺고", "맺기로"):
        return "agreement" if _AGREEMENT_NOUN.search(obj[-15:]) else None
    if w == "구축":
        return "opening" if _FACILITY_END.search(obj) else None  # 체계를 구축: no event
    if w in ("설립", "탄생했", "탄생한"):
        head = obj[-25:]
        if _FACILITY_END.search(head):
            return "opening"
        if _ORG.search(head) and not re.search(r"회사|기업|그룹", head):
            return "launch"
        return "other"  # a company founded
    if w == "개설" and _FACILITY_END.search(obj):
        return "opening"  # a centre set up; an account, a zone or a course opened is a launch
    if w in ("개시", "시작") and re.search(r"(?:가동|운영|영업)[ \t]*$", obj):
        return "opening"  # '… 훈련장 가동 개시': a facility starts working
    if kind == "launch" and w.startswith("시작"):
        if re.search(r"건설하기[ \t]*$|건설을[ \t]*$|착공", obj):
            return "other"  # construction begun
        if _FACILITY_END.search(obj):
            return "opening"
    if w in ("합류", "가입") and re.search(r"시범[ \t]*(?:지역|도시)", obj + text_after[:20]):
        return "launch"  # joining a pilot: the pilot starts there
    return kind


# ---- dates ----------------------------------------------------------------------------------
_PAREN = re.compile(r"[ \t]*\([^()\n]{1,80}\)")
# after an event noun: a year or edition in its name, its bracketed other names, a closing quote
_NOUN_TAIL = re.compile(r"(?:[ \t]*(?:19|20)?\d{2,4}(?![\d%]))?(?:[ \t]*\([^()\n]{1,80}\))?[ \t]*[’'」』>》\"”]?")
_AGENDA_LEAD = re.compile(r"[ \t\-–•·▲▶▷◆◇○●■□ㅇ*]*")  # only a list mark before an agenda item's date
_AGENDA_VENUE = re.compile(r"\(([^()\n]{2,40})\)[ \t.]*$")
_MASTHEAD_DATE = re.compile(r"(?:\d{1,2}[ \t]*일|(?:19|20)\d\d[ \t]*[.\-/][ \t]*\d{1,2}[ \t]*[.\-/][ \t]*\d{1,2}\.?)[ \t]*$")
_CONF_SUBJECT = re.compile(r"[ \t]*(?:(?:화상|온라인)?[ \t]*(?:기조연설|연설|축사|개막식|폐막식|행사|현장|무대|기간)[ \t]*)?"
                           r"(?:에서|에[ \t]*참석|가[ \t]|이[ \t]|는|은|[을를][ \t]*(?:개최|열|주최|추진|마련|진행)|[ \t]*기간)")
_CONF_VERB = re.compile(r"(?:[^.\n]|(?<=\d)\.(?=\d)){0,60}?(?:개최|열린|열렸|열려|열리|거행|개막|진행|폐막|연다|시작되|시작했)")
_ANAPHOR = re.compile(r"^\W*(?:(?:이|그|같은)\s*(?:기간|날|자리)|이날|당일|현장에서|(?:행사|대회)?\s*기간\s*중|"
                      r"이번\s*(?:행사|회의|컨퍼런스|콘퍼런스|포럼|대회|박람회)|(?P<conf>컨퍼런스|콘퍼런스|포럼|박람회|엑스포|서밋)\s*기간)")
_DATELINE = re.compile(r"^\s*\[[^\]\n]{0,40}\]")
# The digit-before test is a lookbehind after '19'/'20' rather than in front, so the pattern
# starts with a literal and the engine skips ahead to each '1' or '2' at C speed.
_NAME_YEAR = re.compile(r"((?:19|20)(?<![\d.,]..)\d\d)(?=[ \t]+(?![개명건억만천위원년월일%])[A-Za-z가-힣])")
_IN_NAME = re.compile(r"[ \t]*(?:실시|실행|행동)?[ \t]*(?:방안|계획|요강|강령|전략|지침)")  # 설립 실시방안: part of a title
_MODIFIER = re.compile(r"(?:한|된|하는|되는|했던)[ \t]")  # 체결한 협력각서: a past event named again
# '…할 예정이다', '…을 열 예정', '…할 계획이며': intended; kept only when scheduled to a month or day
_INTENT = re.compile(r"(?:[할될열갖]|하기로)[ \t]*(?:예정|계획|방침)|[을를][ \t]*(?:예정|계획)(?:이다|임)"
                     r"|(?:것|전망)(?:이다|임)?[.!?]?[\"'”’)]*[ \t]*$|(?:전망|예상)(?:한다|된다|됨)|보인다[.]?[ \t]*$")
# a date that is not when this happened: a deadline, an as-of date, a comparison base
# not the date something happened: an 'as of', a comparison base, a starting point (deadlines: is_deadline)
_NOT_WHEN = re.compile(r"[ \t]*(?:(?:말|초|연말|연초)?[ \t]*(?:기준|현재)|에[ \t]*이어|에[ \t]*이은|대비|보다|이래|만에|에[ \t]*비해|이후|이전|전후)")
# '푸저우에서 열리는 제8회 …서밋': a holding verb in a relative clause before the event's name
_HELD_BEFORE = re.compile(r"(?:열리는|열린|열릴|개최되는|개최된|개최될|개최하는|개최한|개최할|진행되는|진행된|진행될"
                          r"|거행되는|거행된|개막하는|개막한|개막할)[ \t]+$")
_EDITION_BEFORE = re.compile(r"(?<![가-힣])제[ \t]*\d{1,3}[ \t]*(?:회|차|기|届)[ \t]+$")
# After an adnominal trigger ('출시한', '문을 연'), the product or facility it made: up to two words
# before a head noun, the phrase ending before its particle ('… 출시한 보급형 모델 가격은').
_THING_AFTER = re.compile(r"[가-힣]{0,2}(?<=[한된연운린은인])[ \t]+((?:[^\s,.'\"]+[ \t]+){0,2}?[^\s,.'\"]*?"
                          r"(?:모델|로봇|앱|제품|스마트폰|휴대폰|칩|플랫폼|차량|전기차|단말|센터|공장|연구소|연구원|거래소|단지|기지"
                          r"|캠퍼스|매장|전시관|박물관|데이터센터))(?=[ \t]|[은는이가을를의도]|$)")
_SINCE = re.compile(r"[ \t]*부터")
_ONGOING = re.compile(r"[가-힣]{0,2}고[ \t]*있|[가-힣]{0,2}(?:해|되어|돼)[ \t]*오")  # 개최하고 있다, 운영해 오고 있다
_CAPTION = re.compile(r"^\W*(?:사진|그림|표|자료|출처|자료원|주\)|※)")
_CHRONO_SEP = re.compile(r"[ \t]*(?:\([^()\n]{1,6}\))?[ \t]*[:=：]")  # the date heads the line: '2015년 5월 4일:'
_CHRONO = re.compile(r"^\W*(?:(?:19|20)\d\d|[’'′]\d\d)[ \t]*(?:년|\.)", re.M)  # '▲2013년 = …', '- ◆ 2015 년 5 월 4 일: …'


class _NameYear(DateMention):
    """A bare year inside an event name ('2021 WeChat 공개 클래스'): dates its event only."""


@dataclass
class _Event:
    name: str
    event_type: str
    date: DateMention
    location: str | None
    span: tuple[int, int]
    rule: str
    modifier: bool = False  # the trigger modifies a noun (체결한 각서): likely a re-mention
    span_end: int = 0  # where its trigger ends: the next happening's place is read after it
    at: int = 0  # where the sentence names it
    placed: bool = True  # its place is stated where it is named, not inherited from the paragraph
    headline: bool = False  # named in a headline or subtitle, which sums up what the body tells

    def row(self) -> dict:
        d = self.date
        return {"name": self.name, "event_type": self.event_type, "date_start": d.date_start,
                "date_end": d.date_end, "date_precision": d.precision, "location": self.location,
                "char_start": self.span[0], "char_end": self.span[1], "extractor": self.rule}


def _sentence_dates(text: str, s_start: int, s_end: int, published: date | None,
                    doc_dates: list[DateMention]) -> list[DateMention]:
    """Event-usable dates: no deadlines, as-of dates or comparison bases, no dateline; plus years inside event names."""
    sent = text[s_start:s_end]
    dl = _DATELINE.match(sent)
    skip_to = s_start + dl.end() if dl else s_start
    lo = bisect.bisect_left(doc_dates, s_start, key=lambda d: d.start)
    hi = bisect.bisect_left(doc_dates, s_end, key=lambda d: d.start)
    found = doc_dates[lo:hi]
    # a year span (2012년부터 2021년까지, (2020~2022)) is a period, not the day something happened
    out = [d for d in found
           if d.start >= skip_to and not (d.date_end is None and (is_deadline(text, d) or _NOT_WHEN.match(text, d.end)))
           and not (d.date_end is not None and d.precision == "year")]
    for m in _NAME_YEAR.finditer(text, s_start, s_end):
        if not any(d.start <= m.start() < d.end for d in found):
            y = int(m.group(1))
            if published is None or y <= published.year + 1:
                out.append(_NameYear(m.start(), m.end(), date(y, 1, 1), None, "year", False))
    return sorted(out, key=lambda d: d.start)


# ---- names ----------------------------------------------------------------------------------
_ADVERBS = ("공식적으로", "공식", "정식으로", "정식", "새롭게", "성공적으로", "처음", "최초로", "본격적으로", "전면적으로", "함께",
            "사실상", "다시", "잇따라", "각각", "공동으로", "대폭", "전면")
_ADVERB = re.compile(r"[ \t]*(?:" + "|".join(_ADVERBS) + ")$")
_TRAILING_DATE = re.compile(r"(?:[ \t]*(?:지난[ \t]*해|지난[ \t]*달|작년|올해|금년|내년|이달|지난|오는|(?:19|20)\d\d[ \t]*년|\d{1,2}[ \t]*[월일]))+$")  # '...을 지난 4월 8일 발표'
_OBJ_PARTICLE = re.compile(r"(?<=[가-힣A-Za-z0-9>」』》'\"’”)])(?:을|를|이|가|은|는|에|로|으로|의)$")
_CLOSERS = ">」』》】'\"’”"
_CLOSER = re.compile(f"[{_CLOSERS}]$")
_CLOSER_ENDS = tuple(_CLOSERS)
_PAIRS = {">": "<", "」": "「", "』": "『", "》": "《", "】": "【", "'": "'", '"': '"', "’": "‘", "”": "“"}
_REPORT_NAME = re.compile(r".*([<「『《'\"‘“][^<>「」『』《》'\"‘’“”]{0,80}(?:보고서|백서|보고|지수|리포트)[^<>「」『』《》'\"‘’“”]{0,40}[>」』》'\"’”])")
# A headline or list item opens on its topic and a comma, without particle: '베이징 이좡 경제기술개발구, …'
_HEADLINE_TOPIC = re.compile(r"[^가-힣A-Za-z\n]*((?:[^\s,]+[ \t]+){0,3}[^\s,]+),[ \t]")
_FIELD_MARK = re.compile(r"[ \t]*(?:[-–•·▶■□○ㅇ*][ \t]*)?")  # only a list mark before a field's label
_COLON = re.compile(r"[ \t]*[:：]")
_BLOCK_NOISE = re.compile(r"^[ \t]*[-–•·▶▷■□◆◇●○ㅇ*#]*[ \t]*|[ \t]*\([^()\n]*[\u4e00-\u9fff][^()\n]*\)[ \t]*$"
                          r"|[ \t]*(?:개요|현황|소개|프로필|약력|일지|연혁|주요[ \t]*내용)[ \t]*$")


def _block_title(text: str, at: int) -> str | None:
    """The title a block of fields describes: the nearest line above that is no field, no Chinese
    gloss line and no sentence ('『X 행동방안』', '■ X거래소 개요' -> 'X거래소')."""
    end = text.rfind("\n", 0, at)
    for _ in range(6):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        end = start - 1
        if not line or _FIELD_LINE.match(line) or not re.search(r"[가-힣]", line):
            continue  # another field, a blank line or the Chinese title under a Korean one
        if not states_nothing(line):
            return None  # a sentence: the fields have no title
        title = _BLOCK_NOISE.sub("", line)
        return title if len(norm(title)) >= 2 else None
    return None


# A past adnominal (its last syllable closed by ㄴ: 발표한, 펴낸, 내놓은, 선보인) before a bracketed name:
# '2016 년 설립된 '청년발전기금'', '작년 1월 내놓은 「'데이터×' 행동계획」'. Brackets pair by kind, so a
# title may hold quotes of another kind.
_MODIFIED = re.compile(r"([가-힣]{0,2})[ \t]+(「[^」\n]{1,120}」|『[^』\n]{1,120}』|《[^》\n]{1,120}》|<[^<>\n]{1,120}>"
                       r"|‘[^’\n]{1,80}’|“[^”\n]{1,80}”|'[^'\n]{1,80}'|\"[^\"\n]{1,80}\")")


def _modified(text: str, end: int):
    """The bracketed name a trigger ending at ``end`` modifies as a past adnominal, as a match whose
    group 2 is the name; None otherwise."""
    m = _MODIFIED.match(text, end, end + 130)
    if m is None:
        return None
    last = text[m.end(1) - 1] if m.group(1) else text[end - 1]
    o = ord(last) - 0xAC00
    return m if 0 <= o < 11172 and o % 28 == 4 else None  # final ㄴ
_COORDINATED = re.compile(r"(?<=[ \t])[가-힣]{2}[ \t]*[·ㆍ][ \t]*$")  # '인쇄·', '제정·' before the verb
_SIGNED = re.compile(r"[ \t]*(체결|서명|교환)")  # 'MOU를 체결': the agreement's own verb


_PLACE_BEFORE_VERB = re.compile(r"(?<=[을를])[ \t]+[^\s]{2,12}에$")
_ASIDE = re.compile(r"\([^()\n]{1,60}\)$")
_VENUE_END = re.compile(r"(?<=[가-힣A-Za-z0-9'’」』>》\")”])에서[ \t]+")


def _ends_on(s: str, ends: tuple[str, ...] | str, spaces: str = "") -> bool:
    """Whether s ends on one of ends, past a final newline and trailing spaces: a pattern anchored
    at the end ('…$') can match only then, and the test spares it a search through all of s."""
    t = s[:-1] if s.endswith("\n") else s
    return (t.rstrip(spaces) if spaces else t).endswith(ends)


_DATE_ENDS = ("지난", "오는", "년", "월", "일")
_PARTICLE_ENDS = tuple("을를이가은는에로의")


def _object(text: str, s_start: int, pos: int, kind: str) -> str:
    """The thing the trigger acts on: the phrase before it, without particle."""
    prefix = text[s_start:pos].rstrip()
    if _ends_on(prefix, ("·", "ㆍ"), " \t") and (coordinated := _COORDINATED.search(prefix)):
        prefix = prefix[:coordinated.start()].rstrip()  # '…을 인쇄·발행': the object is before both verbs
    if _ends_on(prefix, _ADVERBS):
        prefix = _ADVERB.sub("", prefix)
    if _ends_on(prefix, _DATE_ENDS):
        prefix = _TRAILING_DATE.sub("", prefix)
    if _ends_on(prefix, "에") and (there := _PLACE_BEFORE_VERB.search(prefix)):
        prefix = prefix[:there.start()]  # '센터를 귀양에 설립': the object is before the place
    if _ends_on(prefix, _PARTICLE_ENDS):
        prefix = _OBJ_PARTICLE.sub("", prefix)
    if _ends_on(prefix, _ADVERBS):
        prefix = _ADVERB.sub("", prefix)
    aside = _ASIDE.search(prefix) if _ends_on(prefix, ")") else None  # '데이터센터(贵安七星数据中心)': the name reads back from before the bracket
    if aside:
        found = walk_back(prefix[:aside.start()])
        if found:
            return prefix[found[0]:].strip()
        prefix = prefix[:aside.start()].rstrip()  # '「…」(关于…)을 발표': the bracketed title before the gloss
    report = _REPORT_NAME.match(prefix) if kind == "publication" else None
    close = _CLOSER.search(prefix) if _ends_on(prefix, _CLOSER_ENDS) else None
    if report:
        return report.group(1)
    if close:  # <홍콩 스마트 시티 청사진>을 발표: the bracketed name is the object
        opening = prefix.rfind(_PAIRS[close.group()], 0, len(prefix) - 1)
        if opening >= 0:
            found = walk_back(prefix[:opening])
            lead = prefix[found[0]:opening].strip() if found and opening - found[0] < 30 else ""
            lead = _VENUE_END.split(lead)[-1].strip()  # "'X 대회'에서 물류 대모델 'Y'": the venue is not in the name
            lead = "" if lead.endswith("에") else lead  # "둥후 개발구에 'Y'가 개소": where, not what
            return (lead + " " + prefix[opening:]).strip() if lead and not particle_end(lead) else prefix[opening:]
        return ""
    found = walk_back(prefix)
    return _LEADING_WHERE.sub("", prefix[found[0]:].strip()) if found else ""


# '첸하이에 국경 간 데이터 서비스센터를': where it was done leads the object; '보안에 관한 규정' is a name
_LEADING_WHERE = re.compile(r"^(?:[^\s]+[ \t]+)?[^\s]+에[ \t]+(?!관한|대한|따른|의한|위한|관하여|대하여)(?=\S)")


def _name(text: str, s_start: int, pos: int, end: int, group: str, obj: str) -> str:
    """The object, then the trigger as a noun ('MOU를 체결했다' -> 'MOU 체결')."""
    trigger = _noun_of(text[pos:end])
    if group == "noun":
        return obj or trigger
    if trigger[-1:] in ("을", "를"):
        signed = _SIGNED.match(text, end)
        trigger = trigger[:-1] + (f" {signed.group(1)}" if signed else "")
    if coordinated := _COORDINATED.search(text, s_start, pos):  # '…을 인쇄·발행': both verbs name it
        both = text[coordinated.start():pos].strip()
        trigger = both + trigger
        obj = obj[:-len(both)].rstrip() if obj.endswith(both) else obj
    after = _modified(text, end)
    if after:  # 2016 년 설립된 '청년발전기금': the name follows a modifier
        return f"{after.group(2)} {trigger}"
    return f"{obj} {trigger}" if obj else trigger


# ---- places ---------------------------------------------------------------------------------
_GAZETTEER = (
    "베이징 상하이 톈진 충칭 광저우 선전 항저우 난징 우한 청두 시안 쑤저우 칭다오 다롄 샤먼 푸저우 창사 정저우 허페이 "
    "난창 쿤밍 구이양 귀양 난닝 하이커우 싼야 란저우 시닝 인촨 우루무치 라싸 후허하오터 타이위안 스자좡 선양 창춘 하얼빈 "
    "닝보 우시 둥관 포산 주하이 홍콩 마카오 타이베이 슝안 우전 원저우 취안저우 옌타이 웨이하이 쉬저우 창저우 구이안 "
    "광둥 저장 장쑤 산둥 푸젠 허난 허베이 후베이 후난 안후이 장시 쓰촨 사천 구이저우 귀저우 윈난 산시 간쑤 칭하이 하이난 "
    "랴오닝 지린 헤이룽장 광시 닝샤 신장 네이멍구 시짱 서울 부산 인천 대구 광주 대전 제주 도쿄 오사카 싱가포르 방콕 "
    "하노이 자카르타 두바이 런던 파리 베를린 뉴욕 워싱턴 실리콘밸리 라스베이거스 바르셀로나 하노버 다보스 중국 한국 일본 미국")
_PLACE_WORD = re.compile(
    r"^(?:" + "|".join(sorted(_GAZETTEER.split(), key=len, reverse=True)) + r")(?:시|성|특별행정구|자치구|신구|구)?$"  # not '예선전'"
    r"|^[가-힣]{2,8}(?:신구|고신구|개발구|자치구|특구|구|시|현|진)$")
_NOT_PLACE = re.compile(r"(?:도시|실시|개시|게시|공시|명시|표시|제시|전시|감시|무시|중시|동시|당시|역시|즉시|잠시|상시|수시|임시|일시"
                        r"|기구|연구|요구|추구|도구|지구|인구|출구|입구|창구|항구|가구|욕구|탐구|구현|실현|표현|재현|출현|현장|시장)$")
_VENUE_WORD = re.compile(r"(?:센터|홀|호텔|전시장|회의장|컨벤션|경기장|광장|캠퍼스|본사|빌딩|회의실|국제회의실|전시관|체육관"
                         r"|룸|공항|항구|항만|철도항)$")  # venues, and ports where things are set up
# a place phrase: up to three words, then 에서 / 에 / 를 (a visit) / a bare 개최 (chronology lines)
_PLACE_SLOT = re.compile(r"(?<![가-힣A-Za-z0-9])((?:[가-힣A-Za-z0-9]+(?<![에을를])(?:\([^()\n]{1,30}\))?(?:의)?[ \t]+){0,2}"
                         r"[가-힣A-Za-z0-9]+?(?:\([^()\n]{1,30}\))?)"  # a word ending in a particle ends the phrase
                         r"(?:(에서|에|을|를)(?![가-힣])|[ \t]+(?=개최|설립|건립|착공|개소))")
_HAPPENING = re.compile(r"[^.\n]{0,45}?(?:개최|열리|열린|열렸|열려|열고|열어|열었|연 |열 |거행|진행|발족|개막|출범|방문|설립|체결|오픈|개소|"
                        r"건립|세웠|세운|착공|건설|구축|안착|입주|시찰|공개|발표|선보|출시|가동|준공|완공|현판)")
_PAREN_ONLY = re.compile(r"\([^()\n]*\)")


_CJK_GLOSS = re.compile(r"^[가-힣]{2,5}\([\u4e00-\u9fff]{2,8}\)$")  # 쥐룽(江苏句容): a name glossed in Chinese


_AREA_WORD = re.compile(r"(?:고신|경제)?(?:신구|개발구|특구|시범구|시험구|합작구)$|(?:자유무역|자유무역시험)구$")


def _place(phrase: str) -> str | None:
    """The place words of a phrase ('베이징의 국가컨퍼런스센터(国家会议中心)' -> '베이징 국가컨퍼런스센터'):
    from the first place name to a place or venue word that ends it; a name glossed in Chinese
    right after a known place is a smaller place in it ('장쑤성 쥐룽(江苏句容)')."""
    raw = phrase.split()
    words = [_OF_END.sub("", _PAREN_ONLY.sub("", w)) for w in raw]
    glossed = len(raw) > 1 and bool(_CJK_GLOSS.match(raw[-1])) and _is_place(words[-2])
    words = [w for w in words if w]
    area = len(words) > 1 and bool(_AREA_WORD.match(words[-1]))  # '톈진 빈하이 신구': the area word spaced off
    if not words or not (glossed or area or _is_place(words[-1]) or (len(words) > 1 and _VENUE_WORD.search(words[-1]))):
        return None
    for i, w in enumerate(words):
        if _is_place(w):
            return " ".join(words[i:])
    return None


@lru_cache(maxsize=8192)
def _is_place(w: str) -> bool:
    """A place name: the gazetteer's, one ending like a place (…구, …신구, …시), or a spelling of
    the places table (첸하이, 위항)."""
    if any(a == 0 and b == len(w) for _, a, b in place_index().find_all(w)):
        return True  # the table knows it, even when it ends like a common noun (위항구: not a 항구)
    return bool(_PLACE_WORD.search(w)) and not _NOT_PLACE.search(w)


# What a place slot needs after it to count (the tests in _location below, each reading at most
# 50 characters past the clause): a clause with none of them names no place, and is not scanned.
_LOCATION_CUE = re.compile(r"[을를][ \t]*(?:공식[ \t]*)?(?:방문|시찰|순방)"
                           r"|에[^.\n]{0,40}?(?:설립|건립|세웠|세운|착공|건설|구축|안착|입주|시찰|개소|오픈|문을|가동|열었|열어|열고|열며)"
                           r"|에서" + _HAPPENING.pattern + r"|[ \t](?:개최|설립|건립|착공|개소)")


def _location(text: str, lo: int, hi: int) -> str | None:
    """'청두에서 개최', '귀저우에 … 건립', '청둥고신구를 방문': the place of the happening, read in its clause."""
    if not _LOCATION_CUE.search(text, lo, hi + 50):
        return None
    best = None
    for m in _PLACE_SLOT.finditer(text, lo, hi):
        particle = m.group(2) or ""
        if particle in ("을", "를") and not re.match(r"[ \t]*(?:공식[ \t]*)?(?:방문|시찰|순방)", text[m.end():m.end() + 10]):
            continue
        if particle == "에" and not re.match(r"[^.\n]{0,40}?(?:설립|건립|세웠|세운|착공|건설|구축|안착|입주|시찰|개소|오픈|문을|가동|열었|열어|열고|열며)",
                                             text[m.end():hi + 12]):
            continue
        if particle == "에서" and not _HAPPENING.match(text, m.end()):
            continue
        place = _place(m.group(1))
        if place is None and particle in ("을", "를"):  # what is visited: the place it belongs to
            place = _leading_place(text[max(lo, text.rfind(",", lo, m.start(1)) + 1):m.end(1)], anywhere=True)
        if place:
            best = place
    return best


def _leading_place(phrase: str, anywhere: bool = False) -> str | None:
    """The place words a phrase opens with (or, ``anywhere``, the first run of them in it): the
    place of what is built ('광저우 난사구 스마트충전 시범단지' -> '광저우 난사구') or visited
    ('3일 상하이 린강 신구의 AI 기업들' -> '상하이')."""
    words = []
    split = phrase.split()
    if anywhere:
        split = split[next((i for i, w in enumerate(split) if _is_place(re.sub(r"의$", "", _PAREN_ONLY.sub("", w)))),
                           len(split)):]
    for w in split:
        w = _PAREN_ONLY.sub("", w)
        owner = w.endswith("의")
        w = w[:-1] if owner else w
        if not _is_place(w):
            break
        words.append(w)
        if owner:
            break
    return " ".join(words) or None


_COUNTRIES = {"중국", "한국", "일본", "미국"}
# the subject is a place or its government ('선전시 뤄후구는', '귀저우성정부는'); '…와/과' a partner
_TOPIC = re.compile(r"(?<![가-힣A-Za-z0-9])((?:[가-힣]+(?:\([^()\n]{1,30}\))?[ \t]+){0,2}?[가-힣]+?(?:\([^()\n]{1,30}\))?)"
                    r"[ \t]*(?:인민정부|정부|당국)?(은|는|이|가|과|와)(?![가-힣])")


def _topic_place(text: str, lo: int, hi: int, partner: bool, built: bool = False) -> str | None:
    """A place acting as the subject of the clause (a city distributing, a province announcing) or,
    for an agreement, as the partner ('귀양시 정부와 … 계약을 체결'); a country is the state, not a place."""
    best = None
    for m in _TOPIC.finditer(text, lo, hi):
        if m.group(2) in ("과", "와") and not partner:
            continue
        place = _place(m.group(1)) or (_leading_place(m.group(1)) if built and m.group(2) not in ("과", "와") else None)
        if place and place not in _COUNTRIES:
            best = place
    return best


_GAZ_ALT = "|".join(sorted(_GAZETTEER.split(), key=len, reverse=True))
_NAMED_PLACE = re.compile(rf"(?<![가-힣])({_GAZ_ALT})(특별행정구|자치구|신구|성|시)?([가-힣]?)")


def _named_place(line: str) -> str | None:
    """The one place a heading is about ('귀저우성 빅데이터센터', '구이양빅데이터거래소 연혁'): a place
    word on its own or, for names of three syllables or more, heading a compound; a country is
    not a place here, and two different places govern nothing."""
    found: dict[str, str] = {}
    for m in _NAMED_PLACE.finditer(line):
        name, suffix, more = m.groups()
        if more and not suffix and len(name) < 3:
            continue  # '대전환', '선전물': a two-syllable name inside another word
        found.setdefault(name, name + (suffix or ""))
    finer = [v for k, v in found.items() if k not in _COUNTRIES]  # '중국 물류 뉴스': the whole country is no place
    return finer[0] if len(finer) == 1 else None


# section headings: 'N.', '■', '【' open a section; 'N)' a part of it; '①' a part of that
_HEAD_RANK = [(re.compile(r"^#*[ \t]*(?:\d{1,2}\.(?!\d)|[■□◆▣]|【)"), 1), (re.compile(r"^#*[ \t]*\d{1,2}\)"), 2),
              (re.compile(r"^#*[ \t]*[①-⑳]"), 3), (re.compile(r"^#{1,2}[ \t]"), 0)]


def _heading_rank(line: str) -> int | None:
    for pattern, rank in _HEAD_RANK:
        if pattern.match(line.strip()):
            return rank
    return 4 if line.lstrip().startswith("#") else None


# ---- events of one sentence -----------------------------------------------------------------
# 정책 106개를 내놓았고, 지갑 2억 6,100만 개가 개설됐다, 11개의 병원: many unnamed things
_COUNTED = re.compile(r"\d[\d,.]*[ \t]*(?:[만억천][ \t]*)?(?:개|건|종|가지|곳|편)(?:의|(?![가-힣]))")
_TITLE = r"[<「『《‘“'\"][^<>「」『』《》‘’“”'\"\n]{2,120}[>」』》’”'\"]"
_TITLES = re.compile(rf"({_TITLE})((?:[ \t]*(?:과|와|및|,|·)[ \t]*{_TITLE})+)[ \t]*[을를이가]?[ \t]*$")
_AS_AGREEMENT = re.compile(r"[ \t]*(?:계약|협약|협정|양해각서|MOU)(?![가-힣])")
_PAIRED = re.compile(r"^[ \t]*(?:과|와|및|,)[ \t]*$")  # '7월 5일과 6일': two days, 각각 one event each
_PARTNER = re.compile(r"([^\s,]{2,}(?:\([^()\n]*\))?(?:과|와))(?:[ \t]*(?:함께|공동으로))?[ \t]*$")
_GENERIC = {"", "계약", "협약", "협력", "합작", "솔루션", "신제품", "제품", "서비스", "정책", "프로젝트", "계획", "방안", "거래액", "수치"}
_UNNAMED = re.compile(r"^[가-힣 ]*(?:수치|신제품|제품|성과|기술|서비스|솔루션|자료|통계|내용|입장)$")  # nothing named in it
_VERB_FORM = re.compile(r"(?:받아|하여|해|하고|하며|되어|돼)$")  # '승인받아 시행': a verb, not an object
_TREND = re.compile(r"(?:확대|증가|감소|늘리|줄이|늘어나|줄어들|성장|상승|하락|개선|강화|확산|변화|주목)하?기[ \t]*$")
_PUBLISHING = {"발표", "공개", "발간", "출간", "발행", "출판", "내놓", "내놨", "펴낸", "펴냈", "펴내", "공표"}


def _events_in(text: str, s_start: int, s_end: int, published, prev: _Event | None,
               doc_dates: list[DateMention], earlier: list[_Event] = (), table_row: str = "",
               line_date: DateMention | None = None) -> list[_Event]:
    triggers = [t for t in _TRIGGER.finditer(text, s_start, s_end) if not _IN_NAME.match(text, t.end())]
    if not triggers:
        return []
    intended = bool(_INTENT.search(text, s_start, s_end))  # read only for a sentence with a happening
    dates = _sentence_dates(text, s_start, s_end, published, doc_dates)
    real = [d for d in dates if not isinstance(d, _NameYear)]
    anaphor = not real and prev and _ANAPHOR.match(text[s_start:s_end])
    if anaphor and (same_kind := [e for e in earlier if e.event_type == _first_kind(triggers[0])]):
        prev = max(same_kind, key=lambda e: (e.date.date_start, e.span[0]))  # 이번 포럼: the latest forum
    if anaphor and anaphor.group("conf") and (held := [e for e in earlier if e.event_type == "conference"]):
        prev = max(held, key=lambda e: (e.date.date_start, e.span[0]))  # "컨퍼런스 기간, …": the latest conference
    if anaphor:  # 이 기간 동안 / 현장에서: the previous event's date and place
        dates = [DateMention(s_start, s_start, prev.date.date_start, prev.date.date_end, prev.date.precision, True)]
    elif not real and line_date is not None:  # the later sentences of a chronology line
        dates = [DateMention(s_start, s_start, line_date.date_start, line_date.date_end, line_date.precision, True)]
    if not dates:
        return []
    events: list[_Event] = []
    conf: _Event | None = None  # the conference this sentence reports on
    name_years = {d.start for d in dates if isinstance(d, _NameYear)}
    lo = s_start  # dates after the last trigger that made an event belong to the next one
    consumed = s_start  # a conference noun's own verb is not another event
    last_pick: DateMention | None = None
    for i, t in enumerate(triggers):
        group, word = t.lastgroup, t.group()
        if t.start() < consumed:
            continue
        nxt = triggers[i + 1] if i + 1 < len(triggers) else None
        if group == "verbal" and _VERBAL_KIND.get(word) == "conference" and word != "개막" \
                and re.search(r"[가-힣]식[을를이가]?[ \t]*$", text[max(s_start, t.start() - 4):t.start()]) \
                and events and events[-1].span_end >= t.start() - 6:
            continue  # '발족식을 거행했다': the ceremony was the happening
        if group == "verbal" and nxt and re.fullmatch(r"[ \t]+", text[t.end():nxt.start()]) \
                and re.sub(r"\s", "", nxt.group()) in ("발표", "선언", "공개", "체결", "서명"):
            continue  # '데이터센터 건립 발표': one event, named by both
        hi = nxt.start() if nxt else s_end
        clause = CLAUSE_END.search(text, t.end(), s_end)
        clause_end = clause.start() if clause else s_end
        after_end = min(hi, clause_end)
        if group == "verbal" and word in ("발행", "발간") and _MASTHEAD_DATE.search(text, s_start, t.start()) \
                and not text[t.end():s_end].strip(" \t."):
            continue  # '제12호 | 2024년 6월 3일 발행': the document's own masthead, not a happening
        agenda = False
        thing = None  # what an adnominal trigger made: 'X사가 8월 출시한 보급형 모델 …'
        if group == "noun":
            tail = _NOUN_TAIL.match(text, t.end(), s_end).end()
            verb = _CONF_VERB.match(text, tail, s_end)
            # an agenda item: a date, then the event's name ending the line ('- 6.20(목) … 포럼 (장소)')
            agenda = not verb and real and not text[tail:s_end].strip(" \t.") \
                and _AGENDA_LEAD.fullmatch(text, s_start, real[0].start)
            found = walk_back(text[s_start:t.end()])
            named_at = s_start + found[0] if found else t.start()
            if (edition := _EDITION_BEFORE.search(text, max(s_start, named_at - 12), named_at)) and found:
                found, named_at = (edition.start() - s_start, found[1]), edition.start()  # '제8회 …서밋'
            held = _HELD_BEFORE.search(text, max(s_start, named_at - 12), named_at)
            if not verb and not agenda and not held and not _CONF_SUBJECT.match(text, tail, s_end):
                continue
            after_end = verb.end() if verb else after_end
            consumed = verb.end() if verb else tail
            obj = text[s_start:t.end()][found[0]:].strip() if found else word
            year = re.match(r"[ \t]*(?:19|20)\d\d(?![\d%])", text[t.end():tail])
            obj = re.sub(r"^[‘'\"“「<《]", "", obj) + (year.group() if year else "")
            if text[tail - 1:tail] in _PAIRS and (opening := text.rfind(_PAIRS[text[tail - 1]], s_start, t.start())) >= 0 \
                    and t.start() - opening <= 120 and "\n" not in text[opening:tail]:
                obj = text[opening + 1:tail - 1].strip()  # the whole quoted name: ''2025 중국(우한) 국제 … 박람회
            kind = _kind(group, word, obj, "")
        else:
            report = _REPORT.search(text, max(s_start, t.start() - 80), t.start()) and \
                re.sub(r"[ \t]+", "", word) in _PUBLISHING
            obj = _object(text, s_start, t.start(), "publication" if report else "")
            if _FIELD_MARK.fullmatch(text, s_start, t.start()) and _COLON.match(text, t.end()):
                obj = _block_title(text, s_start) or obj  # '· 설립 : 2021년 12월' under '■ X거래소 개요'
            modified = _modified(text, t.end())
            if not modified and (made_thing := _THING_AFTER.match(text, t.end(), s_end)) \
                    and _kind(group, word, made_thing.group(1), "") in ("launch", "opening") \
                    and any(w not in _GENERIC for w in made_thing.group(1).split()[:-1]):
                thing = made_thing.group(1)
            kind = _kind(group, word, modified.group(2) if modified else (thing or obj or table_row),
                         text[t.end():t.end() + 30])
            if kind and kind != "agreement" and group == "verbal" and _AS_AGREEMENT.match(text, t.end()):
                kind = "agreement"  # '연구소 설립 계약': the contract is the event
        if kind is None or (kind in ("announcement", "publication", "launch") and _COUNTED.search(obj)):
            continue
        before = sorted((d for d in dates if lo <= d.start and d.end <= t.start()),
                        key=lambda d: (_RANK[d.precision], d.start))  # finest, then nearest
        inside = [d for d in dates if t.start() <= d.start < after_end and d.start not in name_years]
        # a date after the trigger counts for 'X 컨퍼런스가 6월 15일 개최', or when none precedes it and no
        # other happening follows in the clause ('시작하여 2015년 7월 9일 … 설립': the date is the founding's)
        late = inside and (group == "noun" or (not before and (nxt is None or nxt.start() > clause_end)))
        options = ([before[-1]] if before else []) + ([inside[0]] if late else [])
        pick = max(options, key=lambda d: _RANK[d.precision]) if options else None  # finest of the two
        if group != "noun" and pick and pick.start in name_years and conf:
            pick = conf.date
        if pick is None and group != "noun" and conf is not None:
            pick = conf.date  # X 박람회에서 ... 발표했다: the announcement shares the fair's date
        if pick is None and group != "noun" and last_pick is not None and not _TRAILING_DATE.search(text[lo:t.start()]):
            pick = last_pick  # '2017년 … 합작하여 … 세웠다': coordinated clauses share the date
        if pick is None or (intended and pick.precision == "year"):
            continue
        if _SINCE.match(text, pick.end) and _ONGOING.match(text, after_end if group == "noun" else t.end()):
            continue  # '작년부터 … 개최하고 있다': held since then, not a happening on that date
        if _VERB_FORM.search(obj):
            obj = ""
        if group != "noun" and pick is not None and _UNNAMED.match(obj) and (
                (conf is not None and pick is conf.date) or anaphor):
            continue  # '… 포럼에서 … 수치를 내놨다', '이번 컨퍼런스는 … 신제품을 선보였다': part of the conference
        if word.startswith("시작") and _TREND.search(text[max(s_start, t.start() - 12):t.start()]):
            continue  # '투자를 확대하기 시작했다': a trend, not a start
        modifier = bool(_MODIFIER.match(text, t.end()) or re.match(r"[가-힣]{0,2}(?:한|된)[ \t]", text[t.end():t.end() + 4]))
        named_after = re.match(r"[가-힣]{0,2}[ \t]+[<「『《'\"‘“]", text[t.end():t.end() + 8])  # 발표한 「…」
        if modifier and not obj and group != "noun" and not (table_row or line_date or modified or named_after or thing):
            continue  # '이번 박람회에서 체결된 주요 프로젝트는': describes the projects, names no happening
        if not obj and group != "noun":
            partner = _PARTNER.search(text, lo, t.start())
            obj = partner.group(1) if partner else ""  # '2017년 X그룹과 합작하여': named by the partner
        if pick.precision == "year" and group != "noun" and norm(obj) in _GENERIC and not (table_row or line_date):
            continue  # '2022년 … 계약을 체결했고': a year and no name place nothing
        lo = t.end()
        if not modifier:  # '2016년 설립된 X 산하 … 합작하여': the year is X's founding only
            last_pick = pick
        if any(e.event_type == kind and e.date.date_start == pick.date_start for e in events):
            continue  # one event of a kind and date per sentence: 매장을 열어 ... 매장을 설립해
        name = _name(text, s_start, t.start(), t.end(), group, obj)
        if kind == "opening" and name.endswith(" 개최"):
            name = name[:-2] + "개소"  # '센터를 열었다': a facility opened, not a meeting held
        if thing:  # the maker (the subject before) and what it made: 'U사 보급형 모델 출시'
            maker = _OBJ_PARTICLE.sub("", obj).strip() if obj and not _is_place(obj) else ""
            name = f"{maker} {thing} {_noun_of(word)}".strip()
        if table_row and len(norm(obj)) < 2:
            name = f"{table_row} {name}"  # a table row: the name is in the cells before
        if anaphor and prev.event_type == kind:
            name = prev.name
        here = s_start if not events else events[-1].span_end
        place = _location(text, here, after_end if group == "noun" else t.end())
        if place is None and agenda and (venue := _AGENDA_VENUE.search(text, t.end(), s_end)) \
                and _is_place(venue.group(1).split()[0]):
            place = venue.group(1).strip()  # '- 6.20(목) … 포럼 (닝보 국제회의장)': the bracket is the venue
        if place is None and (topic := _HEADLINE_TOPIC.match(text, s_start, t.start())) \
                and states_nothing(text[s_start:s_end]):
            place = _place(topic.group(1))  # '· 3.11(화) 베이징 이좡 개발구, …훈련장 가동 개시': a headline's topic
        if place is None:
            place = _topic_place(text, here, t.start(), kind == "agreement", built=kind in ("opening", "visit", "other"))
        if place is None and anaphor:
            place = prev.location
        if place is None and conf is not None and kind != "conference":
            place = conf.location  # announced at the fair: the fair's place
        made = [_Event(name, kind, pick, place, (s_start, s_end), f"events.{kind}", modifier, t.end())]
        titles = _TITLES.search(text, s_start, t.start()) if group != "noun" else None
        if titles and kind in ("announcement", "publication"):  # '<A>과 <B>를 발표했다': two documents
            names = [titles.group(1)] + re.findall(_TITLE, titles.group(2))
            made = [_Event(f"{n} {_noun_of(word)}", kind, pick, place, (s_start, s_end), f"events.{kind}", modifier, t.end())
                    for n in names]
        k = dates.index(pick) if pick in dates else -1
        if k > 0 and "각각" in text[s_start:s_end] and _PAIRED.match(text[dates[k - 1].end:pick.start]):
            first = dates[k - 1]  # '7월 5일과 6일, A와 B는 각각 … 발표했다': one event per day
            made.insert(0, _Event(f"{name} ({text[first.start:first.end].strip()})", kind, first, place,
                                  (s_start, s_end), f"events.{kind}", modifier, t.end()))
        for e in made:
            named = text.find(re.sub(r"^\W+", "", e.name)[:3], s_start, s_end)
            e.at = named if named >= 0 else t.start()
        if group == "noun" and kind in ("conference", "competition"):
            conf = made[0]
        events.extend(made)
    if len(events) > 1:  # several happenings in one sentence: each after the first is evidenced from where it is named,
        first = min(events, key=lambda e: e.at)  # so the rows keep the order of the text
        for e in events:
            if e is not first and e.at > s_start:
                e.span = (e.at, s_end)
    return events


def _first_kind(t: re.Match) -> str | None:
    w = _BLANKS.sub(" ", t.group())
    return (_NOUN_KIND if t.lastgroup == "noun" else _VERBAL_KIND if t.lastgroup == "verbal" else _FORM_KIND).get(w)


_TITLE_RE = re.compile(_TITLE)


def _same(a: _Event, b: _Event) -> bool:
    if a.event_type != b.event_type:
        return False
    cut = _CUT[min(_RANK[a.date.precision], _RANK[b.date.precision])]
    if str(a.date.date_start)[:cut] != str(b.date.date_start)[:cut]:
        return False
    ta, tb = set(_TITLE_RE.findall(a.name)), set(_TITLE_RE.findall(b.name))
    if ta and tb and not ta & tb:
        return False  # two documents of one day: '<A>과 <B>를 발표'
    if _alike(a.name, b.name):
        return True
    if a.headline != b.headline:  # a headline sums up, less precisely, a happening its body tells just below
        head, told = (a, b) if a.headline else (b, a)
        if _RANK[head.date.precision] < _RANK[told.date.precision] and 0 < told.span[0] - head.span[0] < _HEADLINE_REACH:
            return True
    same_date = a.date.date_start == b.date.date_start and a.date.precision == b.date.precision
    return same_date and (a.date.precision == "day" or a.modifier or b.modifier)


_HEADLINE_REACH = 3000  # characters: the article under a headline


def _alike(a: str, b: str) -> bool:
    """Two names of one happening: one holds the other, or they are nearly the same."""
    na, nb = norm(a), norm(b)
    short, long_ = sorted((na, nb), key=len)
    return len(short) >= 4 and (short in long_ or _similar(na, nb))


def _similar(a: str, b: str) -> bool:
    """Names alike (difflib ratio ≥ 0.85); its cheap upper bounds turn most pairs down first."""
    m = difflib.SequenceMatcher(None, a, b)
    return m.real_quick_ratio() >= 0.85 and m.quick_ratio() >= 0.85 and m.ratio() >= 0.85


_RANK = {"day": 3, "month": 2, "year": 1}
_CUT = {1: 4, 2: 7, 3: 10}  # characters of an ISO date that a year, a month and a day fix
_NOTICE = re.compile(r"^[ \t]*(?:[-•·▶■□○ㅇ*][ \t]*)?(?:일시|일자|날짜|행사[ \t]*일시)[ \t]*[:：]", re.M)
_NOTICE_PLACE = re.compile(r"^[ \t]*(?:[-•·▶■□○ㅇ*][ \t]*)?(?:장소|개최[ \t]*장소)[ \t]*[:：][ \t]*([^\n]+)", re.M)


def _notices(text: str, doc_dates: list[DateMention]) -> list[_Event]:
    """'일시: 2023. 11. 28(화)' under an event's title: the title names it, '장소:' places it."""
    out = []
    if "일시" not in text and "일자" not in text and "날짜" not in text:
        return out  # no notice label anywhere: spare the scan of every line
    for m in _NOTICE.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        k = bisect.bisect_left(doc_dates, m.end(), key=lambda d: d.start)
        if k >= len(doc_dates) or doc_dates[k].start >= line_end:
            continue
        when = doc_dates[k]
        above = text[max(0, m.start() - 400):m.start()].split("\n")[-6:]
        title = next((ln.strip() for ln in reversed(above)
                      if any(x.lastgroup == "noun" for x in _TRIGGER.finditer(ln))), None)
        if not title:
            continue
        kind = _NOUN_KIND[[x.group() for x in _TRIGGER.finditer(title) if x.lastgroup == "noun"][-1]]
        below = text[line_end:line_end + 300]
        where = _NOTICE_PLACE.search(below)
        place = where.group(1).strip() if where and where.start() < 200 else None
        out.append(_Event(title, kind, when, place, (m.start(), line_end), f"events.notice.{kind}"))
    return out




# ---- schedule tables ------------------------------------------------------------------------
# A schedule's header row names its columns ('일자 | 행사명 | 장소 | 주최 | 구분'): each row below is
# an event by position, whatever verb its name lacks: the date, name and venue are the columns'.
_COLUMNS = (("date", re.compile(r"(?:행사|개최)?[ \t]*(?:일자|일시|날짜|기간|일정|시기)|date|when", re.I)),
            ("name", re.compile(r"행사(?:명|[ \t]*내용)?|행사[ \t]*이름|명칭|이벤트|내용|프로그램|event|title", re.I)),
            ("place", re.compile(r"(?:개최[ \t]*)?(?:장소|개최지|지역|도시)|venue|place|where", re.I)),
            ("host", re.compile(r"주최(?:[ \t]*(?:기관|측))?|주관(?:[ \t]*기관)?|기관|organi[sz]er|host", re.I)),
            ("type", re.compile(r"구분|유형|분류|성격|종류|type", re.I)))
# The type column's words ('협약', '개소', '대회'): one event type each; unknown words leave it to the name.
_TYPE_WORDS = (("agreement", r"협약|협정|협력|MOU|체결|서명|계약|조인"), ("launch", r"출시|론칭|런칭|신제품|공개|발족|출범"),
               ("opening", r"개소|개원|개관|개장|준공|완공|개업|오픈|개통|가동"),
               ("competition", r"경진|경연|공모|대회|해커톤|챌린지|시합|결선|예선"), ("publication", r"발간|출간|출판"),
               ("announcement", r"발표|공표|공포|선포"), ("visit", r"방문|시찰|순방|참관"),
               ("conference", r"회의|포럼|세미나|컨퍼런스|콘퍼런스|전시|박람|전람|엑스포|서밋|행사|설명회|상담회|심포지엄|총회"))
_TYPE_WORD = [(kind, re.compile(words)) for kind, words in _TYPE_WORDS]
_CEREMONY_NAME = re.compile(r"(" + "|".join(_CEREMONY) + r")식$")


def _header_columns(cells: list[str]) -> dict[str, int] | None:
    """The columns a header row names, when it names at least a date and a name column."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        c = cell.strip()
        if len(c) > 12:
            return None  # a header cell is a label
        for role, pattern in _COLUMNS:
            if role not in found and pattern.fullmatch(c):
                found[role] = i
                break
        else:
            if re.search(r"\d", c):
                return None  # a data row
    return found if "date" in found and "name" in found else None


def _row_type(name: str, label: str) -> str:
    """The event type of a schedule row: its type column's word, else the head word its name ends
    with ('… 서명식', '… 포럼'), else a type word in the name."""
    for kind, pattern in _TYPE_WORD:
        if label and pattern.search(label):
            return kind
    if heads := list(_TRIGGER.finditer(name)):
        t = heads[-1]
        if kind := _kind(t.lastgroup, t.group(), name[:t.start()], name[t.end():]):
            return kind
    return next((kind for kind, pattern in _TYPE_WORD if pattern.search(name)), "other")


def _schedule_rows(text: str, doc_dates: list[DateMention]) -> dict[int, _Event]:
    """Events of the rows of schedule tables, by the offset where each row's line starts."""
    out: dict[int, _Event] = {}
    if "\t" not in text:
        return out
    columns = None
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if "\t" not in line:
            columns = None  # the table ends with its last tab-separated line
            continue
        cells = line.split("\t")
        if columns is None:
            columns = _header_columns(cells)
            continue
        if len(cells) <= max(columns.values()):
            continue
        offsets, at = [], start
        for c in cells:
            offsets.append(at)
            at += len(c) + 1
        di = columns["date"]
        k = bisect.bisect_left(doc_dates, offsets[di], key=lambda d: d.start)
        if k >= len(doc_dates) or doc_dates[k].start >= offsets[di] + len(cells[di]):
            continue  # no date in the date cell
        name = cells[columns["name"]].strip()
        if len(norm(name)) < 2:
            continue
        kind = _row_type(name, cells[columns["type"]].strip() if "type" in columns else "")
        place = cells[columns["place"]].strip() if "place" in columns else None
        out[start] = _Event(_CEREMONY_NAME.sub(r"\1", name), kind, doc_dates[k], place or None,
                            (start, start + len(line.rstrip())), f"events.schedule.{kind}")
    return out


_FIELD_LINE = re.compile(r"[ \t]*[-–•·ㅇ*○◦][ \t]*[가-힣A-Za-z ]{1,10}[:：]")  # ' - 일시 : …', ' · 규모 : …'


def _venue_fields(text: str, events: list[_Event]) -> None:
    """An event named on a line of its own ('▶ 6.3(화) 톈진 데이터 포럼') heads a block of fields
    under it: its ' - 장소 : …' line is its place."""
    starts = {text.rfind("\n", 0, e.span[0]) + 1 for e in events}
    for e in events:
        if e.location is not None:
            continue
        pos = text.find("\n", e.span[0])
        for _ in range(8):  # the fields of one block
            if pos < 0:
                break
            nxt = text.find("\n", pos + 1)
            line = text[pos + 1:nxt if nxt >= 0 else len(text)]
            if not line.strip() or pos + 1 in starts or not _FIELD_LINE.match(line):
                break  # a blank line, another event or a sentence ends the block
            if where := _NOTICE_PLACE.match(line):
                e.location = where.group(1).strip()
                break
            pos = nxt


def _bare(ev: _Event) -> bool:
    """A ceremony named by its verb alone ('개소식에는', '개막식에서'): the happening named before."""
    w = _CEREMONY_END.sub("", ev.name.strip())
    return w in _CEREMONY


def _within(coarse: DateMention, fine: DateMention) -> bool:
    cut = _CUT[_RANK[coarse.precision]]
    return _RANK[coarse.precision] <= _RANK[fine.precision] and str(coarse.date_start)[:cut] == str(fine.date_start)[:cut]


class _PlaceLater:
    """The place a paragraph has stated so far, read only when an event needs it: the place of the
    sentence ``text[lo:hi]`` or, when it names none, ``before`` (a place, None or another _PlaceLater).
    Most sentences' places are never asked for, and reading one is a regex scan of the sentence."""

    __slots__ = ("text", "lo", "hi", "before", "read", "place")

    def __init__(self, text: str, lo: int, hi: int, before):
        self.text, self.lo, self.hi, self.before, self.read, self.place = text, lo, hi, before, False, None

    def get(self) -> str | None:
        if not self.read:  # read once
            self.place = _location(self.text, self.lo, self.hi)
            if self.place is None:
                self.place = _place_now(self.before)
            self.read = True
        return self.place


def _place_now(place) -> str | None:
    return place.get() if isinstance(place, _PlaceLater) else place


def _add(events: list[_Event], ev: _Event) -> None:
    """A new happening, or a re-mention of one: the finer date wins, and a re-mention lends the
    place the first mention did not give."""
    twin = next((e for e in events if _same(e, ev)), None)
    if twin is None:
        events.append(ev)
    elif _RANK[ev.date.precision] > _RANK[twin.date.precision] or (twin.headline and not ev.headline):
        ev.location = ev.location or twin.location
        events[events.index(twin)] = ev
    elif twin.location is None and ev.location and ev.placed and (ev.date.precision == "day" or _alike(twin.name, ev.name)):
        twin.location = ev.location  # only a sure re-mention: the same day, or the same name


def extract_events(text: str, published: date | None) -> list[dict]:
    """Events in document order. A happening without a place of its own takes the nearest governing
    one: an earlier happening of the same sentence, then the paragraph's earlier sentences, then the
    heading of its section ('귀저우성 빅데이터센터' above a chronology); a bare ceremony ('개소식에는')
    is the happening of its kind named just before, with that one's name and place."""
    doc_dates = document_dates(text, published)  # one pass, shared with metrics; a sentence without a date rarely holds an event
    real = [d.start for d in doc_dates]
    starts = sorted(real + [m.start() for m in _NAME_YEAR.finditer(text)])
    events: list[_Event] = []
    prev: _Event | None = None
    i = j = 0
    line_start, line_date = -1, None
    heads: list[tuple[int, str | None]] = []  # the open section headings: (rank, the place each names)
    para_place = None  # the last place stated in this paragraph (line): a place, None or a _PlaceLater
    schedule = _schedule_rows(text, doc_dates)
    for sent, heading in body_units(text):
        ls = text.rfind("\n", 0, sent.start) + 1
        if ls in schedule:  # a schedule row: one event, read by its columns
            if (row_event := schedule.pop(ls)) is not None:
                _add(events, row_event)
                prev = row_event
                schedule[ls] = None
            continue
        line_end = text.find("\n", sent.start)
        line_text = text[ls:line_end if line_end >= 0 else len(text)]
        if ls != line_start:  # a new line: a chronology line's date governs its later sentences
            line_start, para_place = ls, None
            chrono = _CHRONO.match(text, ls)
            k = bisect.bisect_left(doc_dates, ls, key=lambda d: d.start)
            line_date = doc_dates[k] if (chrono and k < len(doc_dates) and doc_dates[k].start < chrono.end()
                                         and _CHRONO_SEP.match(text, doc_dates[k].end)) else None
            rank = _heading_rank(line_text) if heading and not line_date and "\t" not in line_text else None
            if rank is not None:
                while heads and heads[-1][0] >= rank:
                    heads.pop()
                heads.append((rank, _named_place(line_text)))
        while i < len(starts) and starts[i] < sent.start:
            i += 1
        while j < len(real) and real[j] < sent.start:
            j += 1
        dated = i < len(starts) and starts[i] < sent.end
        if _CAPTION.match(line_text):
            continue  # captions repeat the body
        if heading:  # titles repeat the body (a year in a name is not enough); list, chronology and table lines do not
            really_dated = j < len(real) and real[j] < sent.end
            if not (really_dated or line_date):
                continue
        elif not (dated or line_date or (prev and _ANAPHOR.match(sent.text))):
            para_place = _PlaceLater(text, sent.start, sent.end, para_place)
            continue
        row = ""
        if "\t" in line_text:  # a table cell: the cells before it name its subject
            row = re.sub(r"\s+", " ", text[ls:sent.start]).strip()
        found = _events_in(text, sent.start, sent.end, published, prev, doc_dates, events, row,
                           line_date)
        headline = heading and not row and not line_date and not BULLET_START.match(line_text)
        section = next((place for _, place in reversed(heads) if place), None)
        here = para_place
        for ev in found:
            if _bare(ev) and (ante := next((e for e in reversed(events) if e.event_type == ev.event_type
                                            and _within(e.date, ev.date)), None)):
                ev.name, ev.location = ante.name, ev.location or ante.location
            ev.placed = ev.location is not None  # stated by the sentence, not inherited
            ev.headline = headline
            ev.location = ev.location or _place_now(here) or section
            if ev.location and ev.location != section:
                here = ev.location
        para_place = here if heading else _PlaceLater(text, sent.start, sent.end, here)
        for ev in found:
            _add(events, ev)
        if found:
            prev = found[-1]
    for ev in _notices(text, doc_dates):
        _add(events, ev)
    _venue_fields(text, events)
    seen, out = set(), []
    for e in sorted(events, key=lambda e: e.span[0]):
        key = (e.name, e.date.date_start)
        if key not in seen:  # the id hashes name and date
            seen.add(key)
            out.append(e.row())
    return out
