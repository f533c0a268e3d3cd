"""Dated happenings: conferences, releases, launches, signings, openings, visits, awards.

Korean puts the verb last and the date early in the clause, so each trigger
(개최, 발표, 출범, 체결, 방문 ...) takes the nearest date before it that no other
trigger claims, else the first date after it in the same clause. A conference
named as the venue of something else (``X 박람회에서 ... 발표했다``) lends its date
to that thing. Deadlines (``2030년까지``), datelines (``[신화망 베이징 8월7일]``)
and plan periods are not event dates. A year written inside an event name
(``'2021 글로벌 디지털 경제 콘퍼런스'``) dates that event when nothing finer does.
Sentences without a date give no event, except ``이 기간``/``이날`` ones, which
take the previous event's date. Only dated events are kept: an undated mention
cannot be placed in time and is usually a re-mention.
"""
from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from datetime import date

from pipeline.extract.dates import DateMention, document_dates
from pipeline.extract.phrases import body_units, norm, particle_end, walk_back

_CONF_NOUN = r"(?:컨퍼런스|콘퍼런스|포럼|박람회|엑스포|서밋|써밋|정상회의|세미나|심포지엄|전시회|교역회|발표회|총회|페어|대회|박람교역회)"
# One alternation, a named group per event type; the verb stem is enough (발표했다, 발표된, 발표하며).
_VERB = r"(?=[ \t]*(?:했|하|되|됐|돼|한|된|해|식|시켰|시킨|을[ \t]*(?:거행|진행|가졌)))"  # used as a verb, not a topic
_TRIGGER = re.compile(
    r"(?=[경창공해챌컨콘포박엑서써정세심전교발총페대체양M협계합제개준완매센지연사본출론런가업설시내보방참순견수선])"  # cheap first test
    r"(?:(?P<competition>(?:경진|창업|경연|공모)대회|공모전|해커톤|챌린지)"
    rf"|(?P<conference>{_CONF_NOUN})(?!센터|홀)"  # 엑스포센터: a venue
    rf"|(?P<agreement>(?:체결|서명){_VERB}|양해각서|MOU를|협약을|협정을|계약을|(?:협력|합작|제휴)[^.,]{{0,20}}?하기로)"
    rf"|(?P<opening>(?:개소|개관|개장|개원|준공|완공|개업){_VERB}|(?:매장|센터|공장|지사|연구소|사무소|본부)[을를]?\s*(?:설립|열|오픈|개설))"
    rf"|(?P<launch>(?:출범|출시|발족|개통|업그레이드|론칭|런칭|가동|설립){_VERB}|(?<!기 )시작(?:되|했|하|한|됐)|선보(?:였|인|여|이|일))"
    rf"|(?P<announcement>(?:발표|공표|공포|선포|발간|공개|출간|발행){_VERB}|내놓|보고했)"
    r"|(?P<visit>방문|시찰|참관|순방|견학)"
    r"|(?P<other>수상))")
_REPORT = re.compile(r"보고서|백서|리포트|보고>|지수>|보고」|순위")
_PAREN = re.compile(r"[ \t]*\([^()\n]{1,80}\)")
_CONF_SUBJECT = re.compile(r"[^가-힣]?\s*(?:에서|에\s*참석|가|이|는|은)")  # the conference itself acts or hosts
_CONF_VERB = re.compile(r"[^.]{0,40}?(?:개최|열린|열렸|열리|거행|개막|진행)")
_ANAPHOR = re.compile(r"^(?:이|그|같은)\s*(?:기간|날|자리)|^이날|^당일|^이번\s*(?:행사|회의|컨퍼런스|포럼|대회)")
_DATELINE = re.compile(r"^\s*\[[^\]\n]{0,40}\]")
# The digit-before test is a lookbehind after '19'/'20' rather than in front, so the pattern
# starts with a literal and the engine skips ahead to each '1' or '2' at C speed.
_NAME_YEAR = re.compile(r"((?:19|20)(?<![\d.,]..)\d\d)(?=[ \t]+(?![개명건억만천위원년월일%])[A-Za-z가-힣])")
_LOCATION = re.compile(r"([가-힣]{2,8})에서(?=[ \t])")
_IN_NAME = re.compile(r"[ \t]*(?:실시|실행|행동)?[ \t]*(?:방안|계획|요강|강령|전략|지침)")  # 설립 실시방안: part of a title
_MODIFIER = re.compile(r"(?:한|된|하는|되는|했던)[ \t]")  # 체결한 협력각서: a past event named again
_INTENT = re.compile(r"(?:예정|계획|방침|전망|목표)이다[.!?]?[\"'”’)]*$|것이다[.!?]?[\"'”’)]*$")


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

    def row(self) -> dict:
        d = self.date
        return {"name": self.name, "event_type": self.event_type, "date_start": d.date_start,
                "date_end": d.date_end, "date_precision": d.precision, "location": self.location,
                "char_start": self.span[0], "char_end": self.span[1], "extractor": self.rule}


def _sentence_dates(text: str, s_start: int, s_end: int, published: date | None,
                    doc_dates: list[DateMention]) -> list[DateMention]:
    """Event-usable dates: no deadlines, no dateline; plus years inside event names."""
    sent = text[s_start:s_end]
    dl = _DATELINE.match(sent)
    skip_to = s_start + dl.end() if dl else s_start
    # a year span (2012년부터 2021년까지, (2020~2022)) is a period, not the day something happened
    lo = bisect.bisect_left(doc_dates, s_start, key=lambda d: d.start)
    hi = bisect.bisect_left(doc_dates, s_end, key=lambda d: d.start)
    found = doc_dates[lo:hi]
    out = [d for d in found
           if d.start >= skip_to and not (d.date_end is None and text[d.end:d.end + 4].lstrip().startswith("까지"))
           and not (d.date_end is not None and d.precision == "year")]
    for m in _NAME_YEAR.finditer(text, s_start, s_end):
        if not any(d.start <= m.start() < d.end for d in found):
            y = int(m.group(1))
            if published is None or y <= published.year + 1:
                out.append(_NameYear(m.start(), m.end(), date(y, 1, 1), None, "year", False))
    return sorted(out, key=lambda d: d.start)


_ADVERB = re.compile(r"[ \t]*(?:공식적으로|공식|정식으로|정식|새롭게|성공적으로|처음|최초로|본격적으로|전면적으로|함께)$")
_TRAILING_DATE = re.compile(r"(?:[ \t]*(?:지난|오는|(?:19|20)\d\d[ \t]*년|\d{1,2}[ \t]*[월일]))+$")  # '...을 지난 4월 8일 발표'
_OBJ_PARTICLE = re.compile(r"(?<=[가-힣A-Za-z0-9>」』》'\"’”)])(?:을|를|이|가|은|는|에|로|으로|의)$")
_CLOSER = re.compile(r"[>」』》】'\"’”]$")
_PAIRS = {">": "<", "」": "「", "』": "『", "》": "《", "】": "【", "'": "'", '"': '"', "’": "‘", "”": "“"}
_REPORT_NAME = re.compile(r".*([<「『《'\"‘“][^<>「」『』《》'\"‘’“”]{0,80}(?:보고서|백서|보고|지수|리포트)[^<>「」『』《》'\"‘’“”]{0,40}[>」』》'\"’”])")
_MODIFIED = re.compile(r"[가-힣]{0,2}(?:한|된)[ \t]+([<「『《'\"‘“][^>」』》'\"’”]{1,80}[>」』》'\"’”])")
_STEM_NOUN = [(re.compile(r"시작(?:되|했|하|한|됐)$"), "시작"), (re.compile(r"내놓$"), "발표"), (re.compile(r"보고했$"), "보고"),
              (re.compile(r"선보[였인여이일]$"), "선보임")]
_COORDINATED = re.compile(r"(?<=[ \t])[가-힣]{2}[ \t]*[·ㆍ][ \t]*$")  # '인쇄·', '제정·' before the verb
_SIGNED = re.compile(r"[ \t]*(체결|서명|교환)")  # 'MOU를 체결': the agreement's own verb
_VENUE_VERB = re.compile(r"[^.]{0,30}?(?:개최|열리|열린|열렸|거행|진행|발족|개막|출범|방문|설립|체결|오픈|개소)")


def _name(text: str, s_start: int, pos: int, end: int, kind: str) -> str:
    """The thing the trigger acts on (the phrase before it, without particle), then the trigger as a noun."""
    trigger = text[pos:end]
    for stem, noun in _STEM_NOUN:
        trigger = stem.sub(noun, trigger)
    if trigger[-1:] in ("을", "를"):  # 'MOU를 체결했다' -> 'MOU 체결'
        signed = _SIGNED.match(text, end)
        trigger = trigger[:-1] + (f" {signed.group(1)}" if signed else "")
    if coordinated := _COORDINATED.search(text, s_start, pos):  # '…을 인쇄·발행': both verbs name it
        trigger = text[coordinated.start():pos].strip() + trigger
        pos = coordinated.start()
    if kind == "conference":  # the conference's own name ends at its noun
        found = walk_back(text[s_start:end])
        return text[s_start:end][found[0]:].strip() if found else trigger
    after = _MODIFIED.match(text, end, end + 90)
    if after:  # 2016 년 설립된 '청년발전기금': the name follows a modifier
        return f"{after.group(1)} {trigger}"
    prefix = _OBJ_PARTICLE.sub("", _TRAILING_DATE.sub("", _ADVERB.sub("", text[s_start:pos].rstrip())))
    report = _REPORT_NAME.match(prefix) if kind == "publication" else None
    close = _CLOSER.search(prefix)
    if report:
        obj = report.group(1)
    elif close:  # <홍콩 스마트 시티 청사진>을 발표: the bracketed name is the object
        opening = prefix.rfind(_PAIRS[close.group()], 0, len(prefix) - 1)
        obj = prefix[opening:] if opening >= 0 else ""
    else:
        found = walk_back(prefix)
        obj = prefix[found[0]:].strip() if found else ""
    return f"{obj} {trigger}" if obj else trigger


def _location(text: str, s_start: int, pos: int) -> str | None:
    """'청두에서 개최', '광저우에서 ... 발족식을 거행': a place right before the happening's verb."""
    for m in reversed(list(_LOCATION.finditer(text, s_start, pos))):
        place = m.group(1)
        if (_VENUE_VERB.match(text, m.end()) and not re.search(_CONF_NOUN + r"|보고|측면|분야|과정|자리|행사|회의", place)
                and not particle_end(place)):
            return place
    return None


def _events_in(text: str, s_start: int, s_end: int, published, prev: _Event | None,
               doc_dates: list[DateMention], earlier: list[_Event] = ()) -> list[_Event]:
    # '업그레이드할 예정이다': intended, not happened; kept only when scheduled to a month or day
    # ('오는 5월 25일 개최될 예정이다'), as a scheduled conference or visit is an event
    intended = bool(_INTENT.search(text[s_start:s_end]))
    triggers = [t for t in _TRIGGER.finditer(text, s_start, s_end) if not _IN_NAME.match(text, t.end())]
    if not triggers:
        return []
    dates = _sentence_dates(text, s_start, s_end, published, doc_dates)
    anaphor = not dates and prev and _ANAPHOR.match(text[s_start:s_end])
    if anaphor and (same_kind := [e for e in earlier if e.event_type == triggers[0].lastgroup]):
        prev = max(same_kind, key=lambda e: (e.date.date_start, e.span[0]))  # 이번 포럼: the latest forum
    if anaphor:  # 이 기간 동안 / 이번 포럼은: the previous event's date (and, for the same kind, its name)
        dates = [DateMention(s_start, s_start, prev.date.date_start, prev.date.date_end, prev.date.precision, True)]
    if not dates:
        return []
    # a conference noun followed by its own verb is one event, dated around both
    events: list[_Event] = []
    conf_date: DateMention | None = None
    name_years = {d.start for d in dates if isinstance(d, _NameYear)}
    lo = s_start  # dates after the last trigger that made an event belong to the next one
    for i, t in enumerate(triggers):
        kind = t.lastgroup
        if kind == "announcement" and _REPORT.search(text, max(s_start, t.start() - 80), t.start()):
            kind = "publication"  # <... 보고서>가 ... 발표됐다
        hi = triggers[i + 1].start() if i + 1 < len(triggers) else s_end
        if kind == "conference":
            after = _PAREN.match(text, t.end(), s_end)  # 박람회(WCIFIT, 中国…)가: past its own bracket
            after = after.end() if after else t.end()
            verb = _CONF_VERB.match(text, after, s_end)
            if not verb and not _CONF_SUBJECT.match(text[after:after + 6]):
                continue
            hi = max(hi, verb.end() if verb else hi)
        before = sorted((d for d in dates if lo <= d.start and d.end <= t.start()),
                        key=lambda d: (_RANK[d.precision], d.start))  # finest, then nearest
        inside = [d for d in dates if t.start() <= d.start < hi and d.start not in name_years]
        # a year written in this conference's own name comes just before its noun
        # a date after the trigger only counts when none precedes it, or for 'X 컨퍼런스가 6월 15일 개최'
        options = ([before[-1]] if before else []) + ([inside[0]] if inside and (kind == "conference" or not before) else [])
        pick = max(options, key=lambda d: _RANK[d.precision]) if options else None  # finest of the two
        if kind != "conference" and pick and pick.start in name_years and conf_date:
            pick = conf_date
        if pick is None and kind != "conference" and conf_date is not None:
            pick = conf_date  # X 박람회에서 ... 발표했다: the announcement shares the fair's date
        if pick is None or (intended and pick.precision == "year"):
            continue
        lo = t.end()
        if kind == "conference":
            conf_date = pick
        if any(e.event_type == kind for e in events):
            continue  # one event of a kind per sentence: 매장을 열어 ... 매장을 설립해
        name = prev.name if anaphor and prev.event_type == kind else _name(text, s_start, t.start(), t.end(), kind)
        events.append(_Event(name, kind, pick, _location(text, s_start, hi if kind == "conference" else t.start()) if kind in (
            "conference", "competition", "launch", "opening", "visit", "agreement") else None,
            (s_start, s_end), f"events.{kind}", bool(_MODIFIER.match(text, t.end()) or
                                                   re.match(r"[가-힣]{0,2}(?:한|된)[ \t]", text[t.end():t.end() + 4]))))
    return events


def _same(a: _Event, b: _Event) -> bool:
    coarse = min(_RANK[a.date.precision], _RANK[b.date.precision])
    cut = {1: 4, 2: 7, 3: 10}[coarse]
    if a.event_type != b.event_type or str(a.date.date_start)[:cut] != str(b.date.date_start)[:cut]:
        return False
    na, nb = norm(a.name), norm(b.name)
    short, long_ = sorted((na, nb), key=len)
    similar = len(short) >= 4 and (short in long_ or difflib.SequenceMatcher(None, na, nb).ratio() >= 0.85)
    if similar:
        return True
    same_date = a.date.date_start == b.date.date_start and a.date.precision == b.date.precision
    return same_date and (a.date.precision == "day" or a.modifier or b.modifier)


_RANK = {"day": 3, "month": 2, "year": 1}


def extract_events(text: str, published: date | None) -> list[dict]:
    doc_dates = document_dates(text, published)  # one pass, shared with metrics; a sentence without a date rarely holds an event
    starts = [d.start for d in doc_dates] + [m.start() for m in _NAME_YEAR.finditer(text)]
    starts.sort()
    events: list[_Event] = []
    prev: _Event | None = None
    i = 0
    for sent, heading in body_units(text):
        while i < len(starts) and starts[i] < sent.start:
            i += 1
        dated = i < len(starts) and starts[i] < sent.end
        if heading or not (dated or (prev and _ANAPHOR.match(sent.text))):
            continue  # titles, contents and captions repeat the body
        found = _events_in(text, sent.start, sent.end, published, prev, doc_dates, events)
        for ev in found:
            twin = next((e for e in events if _same(e, ev)), None)
            if twin is None:
                events.append(ev)
            elif _RANK[ev.date.precision] > _RANK[twin.date.precision]:
                events[events.index(twin)] = ev
        if found:
            prev = found[-1]
    return [e.row() for e in sorted(events, key=lambda e: e.span[0])]
