"""Subject and indicator of a figure: who the statement is about and what is measured.

Korean puts the measured thing in a noun phrase next to the number and the owner of
the figure in the topic of the clause; both are read here with particle knowledge,
without a morphological analyser:

- the clause around the number (cut at connective endings: -며, -고, -지만, …) and
  the part after a source phrase ('…에 따르면', '…집계로는') and a dateline;
- the topic phrase of that clause, ``X는/은/이/가``, skipping a subject inside a
  relative clause ('연구소가 개발한 앱이' → '앱'); ``X의 Y``: X owns the figure,
  Y is what is measured; a phrase with no possessor is split into a leading
  entity (place, organisation, company) and the measure after it;
- the noun phrase that governs the number: the words right before it
  ('누적 거래액 875억 위안'), the topic's measure ('지수는 130.9로'), the counted
  noun after it ('38,000 개 이상의 파트너'), ``N 규모의 Y``; a change ('전년 대비
  15% 증가') is a rate of that measure ('매출 전년 대비 증가율'), a place ('세계
  2위') a ranking;
- where the clause names nobody, the sentences before it in the paragraph, then
  the heading or lead-in above the list, then the document's dominant place.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from itertools import islice
from operator import attrgetter

from pipeline.extract.phrases import CONNECTIVES
from pipeline.text import plain
from schemas.units import CURRENCIES

# ------------------------------------------------------------------ lexicon --
# Words that name no entity and no measure: time, adverbs, demonstratives, quantifiers.
_FILLER = frozenset("""
지난해 올해 작년 내년 금년 전년 현재 최근 당시 이번 이 그 저 해당 동 본 각 각각 모든 여러 특히 또한 또 한편 더불어 이와 이밖에도
이밖에 이외에도 동시에 다만 그러나 하지만 반면 아울러 그중 그 중 가운데 이중 총 약 대략 거의 무려 최대 최소 최고 연간 매년 매월
이미 여전히 계속 다시 벌써 한 같은 기간 기간동안 동안 중 말 초 기준 현재까지 들어 이상 이하 가량 정도 여 등 및 또는 전체 모두
년 년째 연속 몇 개월 이들 이는 이를 이것 이곳 그것 향후 앞으로 오는 지난 올 내 외 새로 처음 첫 불과 단 만 역시 오히려 아직 곧 점차 크게 빠르게
""".split())
# Words that never stand alone as the owner of a figure.
_GENERIC = frozenset("""
규모 올해 이 그 전체 여기 하나 다른 영역 기관 측 표 그림 도표 아래 다음 위 본지 계약 행정구 보고서 자료 결과 수치 통계 방안 계획 측 관계자 업계 전문가 기자 특파원 회사 기업 시장 산업 분야 부문 지역 도시
총량 평균 비중 비율 증가 성장 기록 목표 수준 이번 이후 이전 이상 사례 프로젝트 사업 부분 경우 점 것 데 수 때 곳 개 명 건 년 월 일 위안
측면 방면 차원 지난주 이번주 다음주 당시
""".split())
# Heads of a measure ('AI 핵심산업 규모', '5G 기지국 수', '매출 증가율').
_MEASURE_WORD = frozenset("""
규모 수 건수 액 금액 총액 거래액 매출 매출액 수입 수익 이익 영업이익 순이익 점유율 비중 비율 성장률 증가율 감소율 상승률 보급률 이용률
지수 순위 용량 면적 투자 투자액 투자금 계약금 판매액 판매량 생산량 총량 가치 부가가치 GDP GRDP 지역총생산 인구 사용자 가입자 회원사
잔액 결제액 등록량 대수 판매대수 등록대수 임대료 정확도 효율 속도 거래량 출하량 수출액 수입액 소매총액 예산 자금 보조금 상금 연산력 설비용량 생산액 생산치
능력 단가 총상금 상금액
""".split())
_MEASURE_END = re.compile(r"(?:률|율|액|량|지수|비중|순위|점유율|규모|총생산|부가가치|GDP|GRDP|매출|수익|이익|용량|면적|건수|인원|자수)$")
# Places and bodies the texts name without a telltale suffix.
_PLACES = frozenset("""
중국 한국 미국 일본 홍콩 마카오 대만 세계 글로벌 전 세계 베이징 북경 상하이 선전 광저우 충칭 톈진 청두 항저우 우한 시안 난징 쑤저우 구이양
구이저우 귀저우 귀양 광둥 저장 장쑤 산둥 쓰촨 후베이 후난 허난 푸젠 하이난 닝샤 신장 티베트 씨장 윈난 광시 안후이 안휘 장시 랴오닝 지린
헤이룽장 네이멍구 간쑤 칭하이 산시 허베이 슝안 다롄 칭다오 샤먼 둥관 창사 구이안 장베이 푸톈 뤄후 우전 퉁샹
캐나다 네덜란드 우간다 르완다 말레이시아 인도네시아 싱가포르 베트남 태국 인도 러시아 독일 프랑스 영국 유럽 아프리카 중동 아세안
""".split())
_PLACE_END = re.compile(r"[가-힣]{1,8}(?:성|시|구|현|주|특구|신구|자치구|직할시|특별행정구|省|市|区)$")
_ORG_END = re.compile(r"(?<=.)(?:거래소|거래센터|그룹|집단|은행|연구원|연구소|위원회|협회|연맹|회의|판공청|정부|공사|유한회사|연구센터|혁신센터|데이터센터|"
                      r"클라우드|텔레콤|모바일|유니콤|전자|자동차|박람회|대회|컨퍼런스|포럼|플랫폼|데이터국|정보화국|통계국|재정국|"
                      r"인민은행|부|청|국|원|社|集团|公司)$")
_PAREN = re.compile(r"\([^()]*\)|（[^（）]*）")

# ----------------------------------------------------------------- particles --
_LONG_PARTICLES = ("에서부터", "에서는", "에서도", "에서만", "에서의", "에게는", "으로는", "으로도", "에서", "에게", "으로",
                   "에는", "에도", "에만", "와의", "과의", "로는", "로도", "부터", "까지", "보다", "처럼", "만이", "마저", "조차")
_SHORT_PARTICLES = "은는이가을를의에로와과도만"
_TOPIC_PARTICLES = frozenset(("은", "는", "이", "가", "도", "에서는", "에는", "에서만", "만이"))
# Verb stems before '-는' / '-은' (adnominal), not nouns before the topic particle.
_VERB_BEFORE_NEUN = re.compile(r"(?:하|되|이르|않|있|없|넘|오|드|쓰|내|주|보|두|지니|다니|르|우|추|치|키|리)$")
_NOUN_BEFORE_NEUN = re.compile(r"(?:클라우드|저우|정보|가치|수치|위치|장치|조치|관리|거리|금리|국내|시내|연내|원내|도내|역내|사이|부두|지주|"
                               r"기준치|목표치|평균치|예상치|최고치|최저치|추정치|[A-Za-z0-9)\]])$")
_CLOSERS = "'\"‘’“”」』》>)]*…"
_OPENERS = "'\"‘’“”「『《<([*-–—•▲▶▷◆◇○●■□※ㅇ"


def _final(ch: str) -> bool | None:
    o = ord(ch) - 0xAC00
    return None if not 0 <= o < 11172 else o % 28 != 0


_LONG_RX = re.compile("(?:" + "|".join(_LONG_PARTICLES) + ")$")


@lru_cache(maxsize=16384)
def _split(tok: str) -> tuple[str, str]:
    """(noun, particle) of a word: '시장이' → ('시장', '이'); no particle → (tok, '')."""
    m = _LONG_RX.search(tok, 1)
    if m:
        p = m.group()
        stem = tok[:m.start()]
        if not (p.startswith("으로") and _final(stem[-1]) is False):
            return stem, p
        if p == "으로":
            return tok, ""
    if len(tok) < 2 or tok[-1] not in _SHORT_PARTICLES:
        return tok, ""
    stem, p = tok[:-1], tok[-1]
    fin = _final(stem[-1])
    if fin is None:  # after Latin letters, digits or a bracket: 'CSDN은', '(CAICT)이'
        return stem, p
    if p in "은이을과":
        return (stem, p) if fin else (tok, "")
    if p in "는가를와":
        return (stem, p) if not fin else (tok, "")
    if p == "로":
        return (stem, p) if not fin or (ord(stem[-1]) - 0xAC00) % 28 == 8 else (tok, "")
    return stem, p  # 의 에 도 만


# The endings _is_verb reads (compiled once: it runs on every new word).
_HANGUL_END = re.compile(r"[가-힣]$")
_CONNECTIVE_END = re.compile(r"(?:다|며|고|서|면|지만|는데|으나|니다|함|됨|음|임|요|죠|해|돼|하여|되어|해서|하며|하고|까지도|려고|도록|듯|면서)$")
_PARTICLE_END = re.compile(r"(?:까지|부터|보다|처럼|에서|으로)$")
_QUOTED_END = re.compile(r"(?:[다라냐]는|[다라]던)$")
_AUXILIARY_END = re.compile(r"(?:높아|낮아|많아|적어|커져|늘어|줄어|빨라|느려|열려|몰려|늘려|올려|알려|걸려)$")
_PAST = re.compile(r"(?:했|됐|였|었|았|겠)\w*$")
_ONE_SYLLABLE_ADNOMINAL = re.compile(r"[연온간난된한단큰긴든산낸던]")
_ADNOMINAL_END = re.compile(r"(?:한|된|던|춘|낸|킨|친|진|른|린|운|온|할|될|쓴|본|준|난|간|인)$")
_VERB_TRAIL = _CLOSERS + ",.;:"


@lru_cache(maxsize=16384)
def _is_verb(tok: str) -> bool:
    """A predicate or adnominal form: '넘어섰다', '달하는', '개발한', '높은', '연결된'."""
    t = tok.rstrip(_VERB_TRAIL)
    if not t or not _HANGUL_END.search(t) or t in _FILLER or t in _PLACES:
        return False
    if _CONNECTIVE_END.search(t):
        return not _PARTICLE_END.search(t) and not t.endswith(("도시", "기지", "회사", "지역", "주요", "수요", "필요", "중요"))
    if _QUOTED_END.search(t) and len(t) >= 3 and t[:-1] not in _PLACES:
        return True  # '된다는 목표', '배양한다는 요구': a quoted clause before a noun
    if t.endswith("는") and len(t) >= 2 and _final(t[-2]):
        return True  # '않는', '있는', '받는': after a closed syllable a noun would take '은'
    if t in _POSTPOSITION_VERB:
        return True  # 'X에게 있어', 'X를 통해': a verb form inside a compound particle
    if _AUXILIARY_END.search(t):
        return True  # '순으로 높아 각각 …': a connective form
    if _PAST.search(t):
        return True
    if _ONE_SYLLABLE_ADNOMINAL.fullmatch(t):
        return True  # '문을 연 구이양', '한 지역': a one-syllable adnominal or determiner
    if _ADNOMINAL_END.search(t) and len(t) >= 2:
        return t not in _NOUN_N and not t.endswith(("센터", "기간", "시간", "공간", "민간", "중간", "연간", "선전", "진", "국민", "주민", "시민", "인민"))
    stem, p = _split(t)
    if p == "는" and _VERB_BEFORE_NEUN.search(stem):
        # '만드는', '늘리는' are verbs; '알리바바클라우드는', '광저우는', '정보는' are nouns
        return not (_NOUN_BEFORE_NEUN.search(stem) or stem in _PLACES or len(stem) >= 3 and _entity(stem) or _measure(stem))
    if p == "은" and len(stem) == 1:
        return True  # 높은, 많은, 뽑은
    return False


_POSTPOSITION_VERB = frozenset("있어 없어 통해 위해 대해 의해 관해 비해 따라 불구하고 걸쳐 거쳐 맞춰 앞서".split())
_NOUN_N = frozenset("""한 간 본 준 온 진 난 중간 기간 시간 공간 민간 연간 선전 한국 대한 인민 시민 주민 국민 문건 안건 조건 사건 물건 요건 용건
인 개인 법인 요인 원인 성인 노인 상인 확인 승인 인원 본인 타인 외국인 한국인 중국인 기관인""".split())


def _bare(w: str) -> str:
    """A word without the quotes and marks around it; a bracket stays when it is balanced ('이리(伊利)')."""
    w = w.strip("'\"‘’“”「」『』《》<>*…-–—•▲▶▷◆◇○●■□※ㅇ[]")
    while w.endswith(")") and w.count(")") > w.count("("):
        w = w[:-1]
    while w.startswith("(") and w.count("(") > w.count(")"):
        w = w[1:]
    return w


_FILLER_DATE = re.compile(r"[\d.,~’′'`\-]+(?:년|월|일|분기|년도|년대|년간|개월|주년)?(?:말|초|중|부터|까지|께|간|째)?")
_FILLER_PERIOD = re.compile(r"[’′'`]?\d{2,4}년(?:도|말|초|간)?|\d{1,2}월(?:말|초)?|\d{1,2}일|[1-4]분기|상반기|하반기|연내|연말|연초"
                            r"|[’′'`]?\d{2}(?:\d{2})?[FE]|[1-4]Q\d\d|(?:19|20)\d\dQ[1-4]")  # '25F, 2026E, 1Q25: periods
_NO_WORD = re.compile(r"[\W\d]*|[\u4e00-\u9fff]")
_RANK_AT = re.compile(r"\d{1,3}[ \u00a0]?위(?![가-힣])")
_MADE_COUNTER = re.compile(r"(?:개|곳|개사|가지|종)$")
_COMPANY_COUNTER = re.compile(r"[ \u00a0]*사(?![가-힣])")


@lru_cache(maxsize=16384)
def _is_filler(stem: str) -> bool:
    return (stem in _FILLER or bool(_FILLER_DATE.fullmatch(stem)) or bool(_FILLER_PERIOD.fullmatch(stem)))


@lru_cache(maxsize=16384)
def _measure(stem: str) -> bool:
    s = _PAREN.sub("", stem)
    return s in _MEASURE_WORD or bool(_MEASURE_END.search(s))


@lru_cache(maxsize=16384)
def _entity(stem: str) -> bool:
    """A word that names a place, body or company (not a sector or a measure)."""
    s = _PAREN.sub("", stem).strip("'\"‘’“”")
    if not s or s in _GENERIC or _measure(s) or _is_filler(s):
        return False
    if s in _PLACES or _PLACE_END.fullmatch(s) and len(s) >= 2 and s not in ("구성", "달성", "육성", "조성", "완성", "특성", "가능성", "속성", "도시", "지시", "개시", "실시", "전시", "제시", "표시", "연구", "요구", "추구", "지구", "전국", "각국", "부국"):
        return True
    if re.search(r"[\u4e00-\u9fff]", stem) and len(s) >= 2 or re.fullmatch(r"[A-Za-z][A-Za-z0-9&.\-]+", s) and not re.fullmatch(r"AI|IT|ICT|IoT|GDP|GRDP|5G|R&D|CBDC|IDC|PUE|AR|VR", s):
        return True
    if len(s) >= 3 and _ORG_END.search(s) and not s.endswith(("원칙", "부분", "방안")):
        return True
    return False


# -------------------------------------------------------------------- tokens --
_WORD = re.compile(r"\S+")
_HARD_STOP = re.compile(r"[,;:=→·…•▲▶▷◆◇○●■□※]$|^[=→ㅇ]$")
_SOURCE = re.compile(r"(?:에 따르면|에 의하면|집계로는|집계에 따르면|발표에 따르면|보도에 따르면|분석에 따르면|조사에 따르면|에 따르면,)[ ,]*")
_DATELINE = re.compile(r"^\s*(?:\([^()=]{1,30}=[^()]{1,30}\)|[가-힣]{2,6}=)[^=.]{0,30}?=\s*|^\s*\([^()=]{1,30}=[^()]{1,30}\)\s*")
# phrases' connective endings, and a few more a statement's clause ends at ('-으며', '-하여', '-해',
# a sentence end, an ellipsis, a dash). The leading lookahead on the cuts' first characters lets
# the engine skip the other positions at C speed.
_CLAUSE_CUT = re.compile(r"(?=[며으하되했됐었였았이지는면돼해;.…\s])"
                         rf"(?:(?:{CONNECTIVES}|으며|하여|(?<!지난)(?<![올매새한])해),?[ \u00a0]|[;.]\s|…|\s[-–—]\s)")
_CHANGE = re.compile(r"^[ \u00a0]*(?:가량|정도|이상|넘게|이나|나|씩|가까이|남짓|안팎|내외|여)?[ \u00a0]*(?:이|가|로|으로)?[ \u00a0]*"
                     r"(증가|늘|성장|상승|확대|커|뛰|급증|신장|증대|감소|줄|하락|축소|떨어|내려|내리|올라|오르|높아|낮아|향상|개선|감소)")
_RATE = {"증가": "증가율", "늘": "증가율", "급증": "증가율", "증대": "증가율", "확대": "증가율", "커": "증가율", "뛰": "증가율", "신장": "증가율",
         "성장": "성장률", "상승": "상승률", "올라": "상승률", "오르": "상승률", "높아": "상승폭", "향상": "향상률", "개선": "개선율",
         "감소": "감소율", "줄": "감소율", "축소": "감소율", "하락": "하락률", "떨어": "하락률", "내려": "하락폭", "내리": "하락폭", "낮아": "하락폭"}
_BASE = re.compile(r"(?:전년|작년|지난해|전월|전분기|전년\s?동기|동기|1년\s?전|연초|전년도)\s?(?:대비|보다|에\s?비해|비|比)$|(?:전년|동기)대비$")
_SHARE_AFTER = re.compile(r"^[ \u00a0]*(?:이상|가량|정도|여|남짓|가까이)?[ \u00a0]*(?:을|를|가|이)?[ \u00a0]*(?:차지|점유)")
_RANK_UNIT = re.compile(r"^(?:위|등)")
_QUAL_TAIL = re.compile(r"(?:[ \u00a0](?:약|총|최대|최소|무려|대략|거의|각각|근|누계|모두|합계))+[ \u00a0]*$")
_QUAL_WORDS = ("약", "총", "최대", "최소", "무려", "대략", "거의", "각각", "근", "누계", "모두", "합계")
_BASE_WORDS = ("대비", "보다", "비해", "比")
_BASE_TAIL = re.compile(r"(?:^|[ \u00a0])((?:전년|작년|지난해|전월|전분기|전년[ \u00a0]?동기|동기|1년[ \u00a0]?전|연초|전년도)[ \u00a0]?(?:대비|보다|에[ \u00a0]?비해|比)|(?:전년|동기)대비)[ \u00a0]*(?:각각[ \u00a0]*)?$")


def _ends_on(s: str, words: tuple[str, ...], optional: str = "") -> bool:
    """Whether s ends on one of words, before spaces (and an optional word): a pattern anchored at
    the end of s can match only then, and the test spares it a search through the whole sentence."""
    t = (s[:-1] if s.endswith("\n") else s).rstrip(" \u00a0")
    if optional and t.endswith(optional):
        t = t[:-len(optional)].rstrip(" \u00a0")
    return t.endswith(words)


class _Tok:
    """A word of a sentence: its offsets, its text and what _word_info reads in it (made by _tokens)."""
    __slots__ = ("start", "end", "raw", "word", "stem", "particle", "hard", "verb", "opens")


@lru_cache(maxsize=32768)  # words recur across sentences and documents
def _word_info(raw: str) -> tuple[bool, bool, str, str, str, bool]:
    """(opens a bracket or quote, ends on punctuation, word, noun, particle, is a verb form)."""
    opens, hard, w, stem, p = _word_parts(raw)
    return opens, hard, w, stem, p, _is_verb(w)


@lru_cache(maxsize=32768)
def _word_parts(raw: str) -> tuple[bool, bool, str, str, str]:
    """_word_info without the verb test: the document's topic reads only the noun of a word."""
    lead = raw.lstrip(_OPENERS)
    opens = len(lead) < len(raw)
    w = lead
    hard = bool(_HARD_STOP.search(w)) or w.endswith((",", ")\u00b7"))
    w = w.rstrip(",;:=→…·.")
    stem, p = _split(w.rstrip(_CLOSERS)) if w.rstrip(_CLOSERS) == w else _split(w)
    if p == "" and w != w.rstrip(_CLOSERS):  # 'X’를': a particle after the closing quote
        stem, p = w.rstrip(_CLOSERS), ""
    return opens, hard, w, _bare(stem), p


@lru_cache(maxsize=256)  # subject and indicator of every number of a sentence read the same words
def _tokens(s: str) -> list[_Tok]:
    out = []
    new = object.__new__  # a sentence has dozens of words: no __init__ call per word
    end = 0
    # the words as strings (no match objects); only whitespace lies between two words, so
    # each word is found at the first occurrence of its text after the word before it
    for raw in _WORD.findall(s):
        t = new(_Tok)
        t.start = start = s.find(raw, end)
        t.end = end = start + len(raw)
        t.raw = raw
        t.opens, t.hard, t.word, t.stem, t.particle, t.verb = _word_info(raw)
        out.append(t)
    return out


def _scope(s: str, pos: int) -> int:
    """Where the statement about the number at pos begins: after a dateline and a source phrase."""
    start = 0
    m = _DATELINE.match(s)
    if m and m.end() <= pos:
        start = m.end()
    for m in _SOURCE.finditer(s, start, pos):
        start = m.end()
    return start


_START = attrgetter("start")


@lru_cache(maxsize=1024)  # subject and indicator of a number read the same statement and clause
def _frame(s: str, pos: int) -> tuple[list[_Tok], int, int, int, int]:
    """(words of s, start of the statement about the number at pos, its first word, start of
    the number's clause, its first word)."""
    start = _scope(s, pos)
    toks = _tokens(s)
    lo = bisect_left(toks, start, key=_START)  # the first word from start on (words are in order)
    cstart = _clause_start(s, start, pos)
    clo = bisect_left(toks, cstart, key=_START)
    return toks, start, lo, cstart, clo


def _clause_start(s: str, start: int, pos: int) -> int:
    """Where the clause holding pos begins: after the last connective cut between start and pos."""
    ends = _cut_ends(s, start)
    k = bisect_right(ends, pos)
    return ends[k - 1] if k else start


@lru_cache(maxsize=256)  # every number of a sentence looks for its clause in the same cuts
def _cut_ends(s: str, start: int) -> tuple[int, ...]:
    """Ends of the connective cuts in s after start, read once per sentence. Every cut ends on
    a fixed mark, so the cuts found before pos are those of the whole sentence that end by pos."""
    return tuple(m.end() for m in _CLAUSE_CUT.finditer(s, start))


def _phrase_back(toks: list[_Tok], i: int, lo: int) -> list[_Tok]:
    """The noun phrase ending with toks[i] (which may carry a particle), read backwards
    over bare nouns and '의'-joined nouns, stopping at particles, verbs and punctuation."""
    out = [toks[i]]
    if toks[i].opens and not toks[i].raw.startswith(("'", "‘", "\"", "“", "「")):
        return out
    j = i - 1
    while j >= lo:
        t = toks[j]
        if t.hard or t.verb:
            break
        if t.particle and t.particle not in ("의", "와의", "과의"):
            break
        if _is_filler(t.stem) or t.stem in ("몇", "수", "동안", "년", "년째"):
            break
        out.insert(0, t)
        if t.opens and t.raw[:1] in "([<":
            break
        j -= 1
    return out


def _clean(words: list[str]) -> list[str]:
    """Drop time words, adverbs and demonstratives at the edges of a phrase."""
    while words and (_is_filler(words[0]) or words[0] in ("이", "그", "저")):
        words = words[1:]
    while words and _is_filler(words[-1]):
        words = words[:-1]
    return words


def _stems(phrase: list[_Tok], keep_last_particle: bool = False) -> list[tuple[str, str]]:
    return [(t.stem, t.particle) for t in phrase]


def _split_owner(phrase: list[_Tok]) -> tuple[list[str], list[str]]:
    """(owner words, measured words) of a topic phrase: 'X의 Y' → X, Y; else the leading
    entity words and the rest."""
    items = [(t.stem, t.particle) for t in phrase]
    last_of = max((k for k, (_, p) in enumerate(items[:-1]) if p in ("의", "와의", "과의")), default=-1)
    if last_of >= 0:
        owner = _clean([w for w, _ in items[:last_of + 1]])
        # the owner is the phrase right before the last '의' ('중국의 … 디지털위안(e-CNY)의 지갑 수')
        rest = _clean([w for w, _ in items[last_of + 1:]])
        if rest and not any(_measure(w) for w in rest):
            return _clean(owner + rest), []  # '차이나텔레콤의 톈이윈': both name the owner
        return owner, rest
    words = _clean([w for w, _ in items])
    k = 0
    while k < len(words) and _entity(words[k]):
        k += 1
    if k:
        return words[:k], words[k:]
    if words and any(_measure(w) for w in words):
        return [], words  # '드론 기업 수', '누적 거래액': all of it is the measure
    return words, []


_SECTOR = re.compile(r"(?:산업|경제|디지털|AI|인공지능|클라우드|데이터|인터넷|5G|플랫폼|서비스|시장|제조|기술|업종|분야|네트워크)")


def _is_sector(w: str) -> bool:
    return bool(_SECTOR.search(w)) and not _entity(w)


def _topic(s: str, lo: int, pos: int, strict: bool = False) -> list[_Tok] | None:
    """The last topic or subject phrase in the words of s from the lo-th before pos, not inside a relative clause."""
    found = _topics(s, lo, pos, strict)
    return found[-1] if found else None


_COUNTERS = frozenset("개 곳 명 가지 종 개사 개국".split())
_COUNTED_BEFORE = re.compile(r"\d[\d,.]*[ \u00a0]?(?:[만억조천][ \u00a0]?)*(?:여[ \u00a0]?)?(?:개|곳|명|가지|종|개사|개국)(?:의)?[ \u00a0]+$")


@lru_cache(maxsize=1024)  # subject and indicator of a number read the same topics
def _topics(s: str, lo: int, pos: int, strict: bool = False) -> tuple[list[_Tok], ...]:
    """Every topic or subject phrase in the words of s from the lo-th before pos, in order, not
    inside a relative clause."""
    toks = _tokens(s)
    out = []
    for i in range(lo, len(toks)):
        t = toks[i]
        if t.end > pos:
            break
        if t.particle not in _TOPIC_PARTICLES or t.verb or t.word in _FILLER or t.particle == "은" and len(t.stem) == 1:
            continue  # '같은 시기', '많은 기업': an adnominal, not a topic
        if t.particle == "도" and not (_measure(t.stem) or _entity(t.stem)):
            continue  # '매출도', '회원사도' mark a subject; '선도', '인도' are nouns
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and t.particle in ("이", "가") and nxt.raw.startswith(("되", "된", "될", "됐", "아니", "아닌")):
            continue  # '"세계 1위 기업"이 된다': a complement, not the subject
        if nxt is not None and nxt.verb and nxt.start < pos and not re.search(r"(?:다|며|고|서|했다|됐다)[.,]?$", nxt.word):
            continue  # '연구소가 개발한 앱이': the subject of a relative clause
        phrase = _phrase_back(toks, i, lo)
        pstart = phrase[1].start if len(phrase) > 1 and phrase[0].stem in _COUNTERS else phrase[0].start
        if _COUNTED_BEFORE.search(s, max(0, pstart - 24), pstart):
            continue  # '77 개 해외 업체가': a quantified noun is a figure, not an owner
        if len(phrase) > 1 and _is_filler(phrase[-1].stem):
            continue  # '설립 기간은': a time, not an owner
        words = _clean([p.stem for p in phrase])
        if not words or all(w in _GENERIC or _is_filler(w) for w in words):
            continue
        if strict and (words[-1] in _GENERIC or re.search(r"(?:목표|방안|계획|과제|조치|내용)$", words[-1])):
            continue  # '분야별 세부 목표는 …': a part of the text, not an owner to inherit
        out.append(phrase)
    return tuple(out)


def _titled(toks, phrase) -> bool:
    """The phrase names a person by the title before it ('대변인 김아무개는')."""
    k = next((i for i, t in enumerate(toks) if t is phrase[0]), 0)
    return any(_PERSON.search(t.stem) for t in (*toks[max(0, k - 1):k], *phrase[:-1]))


_POPULATION = frozenset("기업 업체 회사 프로젝트 사업".split())
_PERSON = re.compile(r"(?:총재|장관|부장|국장|부국장|청장|회장|부회장|사장|대표|이사장|센터장|소장|원장|교수|"
                     r"관계자|전문가|기자|특파원|애널리스트|책임자|대변인|주임|서기|위원|의원|씨)$")
_QUANTITY = re.compile(r"[\d.,]+[%개곳명건위배만억조천]|[\d.,]+$")
_COUNT_AT = re.compile(r"\d[\d,.]*[ \u00a0]?(?:[만억조천][ \u00a0]?)*(?:곳|명|건|가구|종|개(?![발선최편방혁정])|대(?![표회학상]))")
_REPORTED = re.compile(r"(?:것으로|다고|라고|이라며|라며|다며)[ \u00a0]*(?:\S+[ \u00a0]+){0,3}?(?:내다봤|전망했|예상했|예측했|밝혔|말했|분석했|추산했|"
                       r"보고 있|봤|설명했|강조했|전했|발표했|집계했)")


_EACH = re.compile(r"(?<![가-힣])각각(?![가-힣])")
_EACH_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _each_owner(s: str, toks: list[_Tok], lo: int, pos: int) -> str | None:
    """'A, B의 매출 증가율은 각각 30%와 110%': the k-th figure after '각각' belongs to the k-th owner."""
    m = None
    for m in _EACH.finditer(s, toks[lo].start if lo < len(toks) else pos, pos):
        pass
    if m is None or pos - m.end() > 80:
        return None
    k = len(_EACH_NUMBER.findall(s, m.end(), pos))
    # the last list before '각각': items joined by commas, '·' or '와/과', the last one with its particle
    items: list[str] = []
    run: list[str] = []
    last_open = False
    for t in toks[lo:]:
        if t.start >= m.start():
            break
        joined = t.raw.endswith(",") or t.particle in ("와", "과") or t.stem.endswith("·")
        if run or joined:
            stem = re.sub(r"(?:순|순으로)$", "", t.stem.rstrip("·"))
            if not joined and run and last_open and not t.verb:
                run[-1] += " " + stem  # '동북부 지역순으로': the last item runs on to its particle
            else:
                run.append(stem)
            last_open = not joined and not t.particle and not t.raw.endswith((",", "."))
            if not joined and not last_open:
                if len(run) >= 2:
                    items = run
                run = []
    if len(items) > k and not any(_QUANTITY.match(w) for w in items):
        if any(_measure(w.split()[-1]) for w in items) or all(_is_sector(w) for w in items):
            return None  # 'A, B, C 지수는 각각 …', '기지국 수와 사용자 수는 각각 …': measures, not owners
        return _bare(items[k])
    return None


_LAST_FROM_OUTER = [False]  # whether the last owner _subject_words found is the topic of an earlier clause
_SPACES = re.compile(r"[ \u00a0]*(?:약[ \u00a0]*)?")


def _skip_space(s: str, i: int) -> int:
    return _SPACES.match(s, i).end()


def _subject_words(s: str, pos: int, strict: bool = False) -> list[str] | None:
    toks, start, lo, cstart, clo = _frame(s, pos)
    if not strict and "각각" in s:
        each = _each_owner(s, toks, lo, pos)
        if each:
            return [each]
    # the number's own clause first (its last topic, then earlier ones: '체계는 … 등록량은 N'),
    # then the clauses before it
    phrases = _topics(s, lo, pos, strict)
    inner = [p for p in phrases if p[0].start >= cstart]
    outer = [p for p in phrases if p[0].start < cstart]
    if len(inner) > 1 and _REPORTED.search(s, pos):
        inner = inner[-1:]  # 'X는 … Y가 N일 것으로 내다봤다': X is the speaker, not the owner
    # a phrase holding a quantity ('거점 7곳이') is a figure, not an owner; of the earlier
    # clauses only the last topic that is not one is read
    outer = [p for p in outer if not any(_QUANTITY.match(t.stem) for t in p)
             and not _COUNT_AT.match(s, _skip_space(s, p[-1].end))][-1:]  # '센터는 37곳으로, 이 가운데 …'
    _LAST_FROM_OUTER[0] = False
    counted = _COUNT_AT.match(s, pos)
    for phrase in inner[::-1] + outer:
        if _PERSON.search(phrase[-1].stem) or _titled(toks, phrase):
            continue  # '이강 인민은행 총재는', '국토부 대변인 김아무개는 … 밝혔다': a speaker
        if counted and inner and phrase is inner[-1] \
                and all(_is_filler(w) or w in _QUAL_BEFORE or w == "누적" for w in s[phrase[-1].end:pos].split()):
            # '사용처는 808만 곳', '서버는 약 400만 대': the topic is what is counted; only an owner
            # named in it ('허베이성의 데이터센터는 210곳') is the subject
            ents = [t.stem for t in phrase if _entity(t.stem)]
            if ents:
                return ents
            continue
        if phrase is not (inner[-1] if inner else None) and _COUNT_AT.match(s, _skip_space(s, phrase[-1].end)):
            # '데이터센터는 37곳으로, 이 가운데 초대형이 18곳': an earlier counted topic owns nothing
            ents = [t.stem for t in phrase if _entity(t.stem)]
            if ents:
                return ents
            continue
        owner, _ = _split_owner(phrase)
        if len(owner) >= 2 and owner[-1] in _POPULATION and phrase in inner and not _is_filler(owner[0]) \
                and not any(_QUANTITY.match(w) for w in owner):
            # '플랫폼 서비스 기업의 영업이익은', '체결된 주요 프로젝트는': a kind of companies or projects
            _LAST_FROM_OUTER[0] = phrase not in inner
            return owner
        if owner and (owner[-1] in _GENERIC or _PERSON.search(owner[-1]) or _PLAN_END.search(owner[-1])):
            # '우수 프로젝트가': a generic head names nobody; '인민은행 총재는': a speaker
            owner = [w for w in owner[:-1] if _entity(w)] if not _PERSON.search(owner[-1]) else []
        owner = [w for w in owner if w not in _GENERIC] or None
        if owner and not any(_QUANTITY.match(w) for w in owner) and (
                not strict or any(_entity(w) for w in owner)
                or len(owner) == 1 and phrase[-1].particle in ("은", "는") and not _is_sector(owner[0])):
            # strict (a sentence before): an entity or a one-word topic ('바람소프트는') carries over,
            # not a clause's subject such as '경제 타격이'
            _LAST_FROM_OUTER[0] = phrase not in inner
            return owner
    # no topic: a statement that opens on an entity ('디지털위안 지갑 2억6천만개', '애플, 구이저우에 …')
    for k in range(lo, len(toks)):
        t = toks[k]
        if t.start >= pos or t.verb:
            break
        if _is_filler(t.stem) or _NO_WORD.fullmatch(t.stem):
            continue
        if _entity(t.stem) and t.particle in ("", "의", "은", "는", "이", "가"):
            if t.particle in ("", "의") and any(_PERSON.search(u.stem) for u in toks[k + 1:k + 4]):
                break  # '한빛은행 박하준 총재는': the speaker's affiliation
            return [t.stem]
        break
    return None


_NUM_AT = re.compile(r"\d[\d,.]*[ \u00a0]?(?:[만억조천][ \u00a0]?)*(?:%|퍼센트|개국|개사|개|곳|명|건|대|가지|종)?")
_SHARE_BEFORE = re.compile(r"([가-힣A-Za-z][^\s,.]*(?:[ \u00a0][가-힣A-Za-z][^\s,.]*){0,2})의[ \u00a0]*(?:약[ \u00a0]*)?$")
_SHARE_AFTER_NUM = re.compile(r"^[ \u00a0]*(?:이상|가량|정도|이하|미만|가까이|남짓)?[ \u00a0]*(?:이|가|은|는)(?![가-힣])")
_SHARE_OF_NOUN = re.compile(r"^[ \u00a0]*(?:이상의|이상|가량의|정도의|의|(?:가|이|를|을)[ \u00a0]넘는|넘는)[ \u00a0]*"
                            r"(?<![가-힣])((?:[가-힣A-Za-z][^\s,.]*[ \u00a0]){0,3}?[가-힣A-Za-z][^\s,.]*?)(?:이|가|은|는)(?=[ \u00a0])")


def _share_of(s: str, nstart: int) -> str | None:
    """A share that quantifies a population is about that population: '작업자의 90%가',
    '약 80%의 IDC가', '80%가 넘는 AI 서비스가'."""
    m = _NUM_AT.match(s, nstart)
    if not m or not m.group().endswith("%"):
        return None
    after = s[m.end():]
    if _SHARE_AFTER_NUM.match(after):
        b = _SHARE_BEFORE.search(s, 0, nstart)
        if b:
            words = _clean([_bare(w) for w in b.group(1).split()])
            if words and not _is_verb(words[-1]) and words[-1] not in _GENERIC:
                return " ".join(words)
    a = _SHARE_OF_NOUN.match(after)
    if a:
        words = _clean([_bare(w) for w in a.group(1).split()])
        if words and not any(_is_verb(w) for w in words[:-1]):  # '창고' ends like a verb form
            return " ".join(words)
    return None


_SIZE_OF = re.compile(r"[\d.,백천만억조 \u00a0]*?(?:위안|달러|원|엔|유로|개|곳)?[ \u00a0]*(?:이상|가량|정도|내외|안팎)?[ \u00a0]*(?:규모|상당)의[ \u00a0]+")


def _sized_thing(s: str, nstart: int) -> str | None:
    """'N 규모의 X': the figure is the size of X, which owns it ('5억 위안 규모의 바우처를 발행',
    '백억 위안 규모의 유명 브랜드 200개 육성'); a bare generic head ('규모의 프로젝트') names nothing."""
    if s.find("규모의", nstart) < 0 and s.find("상당의", nstart) < 0:
        return None  # the words _SIZE_OF ends on: a cheap test first
    m = _SIZE_OF.match(s, nstart)
    if not m:
        return None
    words: list[str] = []
    for t in _tokens(s):
        if t.start < m.end():
            continue
        if t.verb or re.search(r"\d", t.raw) or _is_filler(t.stem):
            break
        words.append(t.stem)
        if t.particle or t.hard or len(words) == 4:
            break
    if not words or _measure(words[-1]) or len(words) == 1 and words[0] in _GENERIC:
        return None
    return " ".join(words)


_RANK_APPOS = re.compile(r"\d{1,3}[ \u00a0]?위[ \u00a0]+([가-힣A-Za-z][^\s,.]*?)(?:이|가|은|는)[ \u00a0]")


def _ranked(s: str, nstart: int) -> str | None:
    """A rank in apposition names who holds it: '시장 1위 솔빛클라우드가', and at a clause's start
    '…한빛 2위 지켜'."""
    m = _RANK_APPOS.match(s, nstart)
    if m:
        w = _bare(m.group(1))
        if w not in _GENERIC and not _is_filler(w) and not _measure(w) and not _is_verb(m.group(0).split()[-1]):
            return w
        return None
    if not _RANK_AT.match(s[nstart:nstart + 5]):
        return None
    cs = _clause_start(s, _scope(s, nstart), nstart)
    words = s[cs:nstart].split()
    if len(words) == 1:
        stem, p = _split(words[0])
        stem = _bare(stem)
        if not p and len(stem) >= 2 and stem not in _GENERIC and stem not in _PLACES and not _is_filler(stem) \
                and not _measure(stem) and not _is_sector(stem) and not _is_verb(words[0]):
            return stem
    return None


_LABELLED_ITEM = re.compile(r"^[\s\-–•·▲○ㅇ◦*]*[^:：\d]{1,20}[ \u00a0][:：][ \u00a0]")


def _made_thing(s: str, nstart: int) -> str | None:
    """A goal item that names no owner ('디지털 서비스 플랫폼 50개 양성', '‘AI+제조’ 시범 공장을 매년
    20곳 선정', '200개 스마트 팩토리 육성') is about the thing it makes."""
    m = _NUM_AT.match(s, nstart)
    if not m or not _MADE_COUNTER.search(m.group()) or _LABELLED_ITEM.match(s):
        return None
    end = m.end()
    tail = _COMPANY_COUNTER.match(s, end)
    if tail:
        end = tail.end()
    act = _ACTION.match(s[end:])
    toks = _tokens(s)
    if act:  # the thing before the number
        words: list[str] = []
        for t in reversed([t for t in toks if t.end <= nstart]):
            if t.stem in _QUAL_BEFORE and not words:
                continue
            if t.verb or t.hard or re.search(r"\d", t.raw) or _is_filler(t.stem) or (t.particle and t.particle not in ("을", "를") or t.particle and words):
                break
            words.insert(0, t.stem)
            if len(words) == 4 or t.opens:
                break
        if words and not _measure(words[-1]) and (words[-1] not in _GENERIC or len(words) > 1):
            return " ".join(words)  # '우수 사례 300개 전파': a generic head with modifiers names the thing
        return None
    # the thing after the number: '200개 스마트제조 시범 팩토리 육성'
    words = []
    last_end = end
    for t in toks:
        if t.start < end:
            continue
        if t.verb or re.search(r"\d", t.raw) or _ACTION.match(t.raw):
            break
        words.append(t.stem)
        last_end = t.end
        if t.particle or t.hard or len(words) == 4:
            break
    if words and _ACTION.match(s[last_end:]) and not _measure(words[-1]) and words[-1] not in _GENERIC:
        return " ".join(words)
    return None


# ---------------------------------------------------------------- document --
# Only at the start of a word: a match inside a longer word is no place (and, all Hangul, it
# could hide no word start), so the lookbehind spares the engine the inner positions.
# The lookahead on the places' first syllables spares most word starts the long alternation.
_PLACE_WORD = re.compile("(?<![가-힣])(?=[가-힣])(?:(?=[" + "".join(sorted({p[0] for p in _PLACES})) + "])(?:"
                         + "|".join(sorted(_PLACES, key=len, reverse=True)) + r")(?:성|시)?|[가-힣]{1,8}(?:성|시|구))"
                         r"(?=[^가-힣]|[은는이가의에을를과와도](?:[^가-힣]|$)|에서|으로|로)")


@lru_cache(maxsize=4)
def _dominant(text: str) -> str | None:
    """The place the document talks about most (for statements that name nobody)."""
    counts: dict[str, int] = {}
    forms: dict[str, dict[str, int]] = {}
    # each distinct match read once, with its number of occurrences (a document names its
    # places again and again); the counts keep the order of the first occurrences
    for s, c in Counter(_PLACE_WORD.findall(text, 0, 20000)).items():
        if s not in _PLACES and not _entity(s):
            continue
        key = s if s in _PLACES else s[:-1]
        if key in ("세계", "글로벌", "전"):
            continue
        counts[key] = counts.get(key, 0) + c
        f = forms.setdefault(key, {})
        f[s] = f.get(s, 0) + c
    topic, tcount = _document_topic(text)
    if not counts:
        return topic if tcount >= 8 else None
    key = max(counts, key=counts.get)
    if tcount >= max(8, 2 * counts[key]):
        return topic  # a document about one named thing ('디지털위안', '공업인터넷') more than about a place
    if counts[key] < 3:
        return topic if tcount >= 8 else None
    f = forms[key]
    return max(f, key=lambda x: (len(x) > len(key), f[x]))


_HANGUL_ONLY = re.compile(r"[가-힣]+")
_HANGUL = re.compile(r"[가-힣]")
# a word of _WORD opening on four Hangul syllables: its noun is a prefix of it, so only such
# a word can hold a noun of four or more Hangul syllables
_LONG_HANGUL_WORD = re.compile(r"(?<!\S)[가-힣]{4}\S*")
_SECTOR_PART = re.compile(r"산업|경제|디지털|인공지능|클라우드|데이터|인터넷|플랫폼|서비스|시장|제조|기술|네트워크|AI|5G")


def _document_topic(text: str) -> tuple[str | None, int]:
    """The name the document repeats most: a compound noun that is more than a sector word
    ('디지털위안', '공업인터넷'; not '디지털', '클라우드'), with its count."""
    counts: dict[str, int] = {}
    # each distinct word is read once (stems keep the order of their first word); only a word
    # that can hold a four-syllable stem
    for w, c in Counter(_LONG_HANGUL_WORD.findall(text, 0, 20000)).items():
        stem = _word_parts(w)[3]
        if len(stem) < 4 or not _HANGUL_ONLY.fullmatch(stem):
            continue
        counts[stem] = counts.get(stem, 0) + c
    best, n = None, 0
    for stem, c in counts.items():
        if c > n and len(_SECTOR_PART.sub("", stem)) >= 2 and not _word_info(stem)[5] and not _is_filler(stem) \
                and stem not in _GENERIC and not _measure(stem) and stem not in _PLACES and not _PLACE_END.fullmatch(stem) \
                and not re.search(r"(?:화|성|적|률|율|방안|계획|규획|전략|과제|정책)$", stem):
            best, n = stem, c
    return best, n


# An article of a newsletter opens on a numbered heading ('## 2. …', '**1. … 개최** — 출처'); its entity
# (the event it reports, the company it profiles) owns the article's figures that name nobody.
_ARTICLE_HEAD = re.compile(r"(?m)^[ \t]*(?:#+[ \t]*)?(?:\*\*)?\d{1,2}\.[ \t]+(.+)$")
_EVENT_WORD = re.compile(r"(?:대회|추진회|교류회|협의회|간담회|컨퍼런스|콘퍼런스|박람회|전람회|포럼|회의|전시회|서밋|엑스포|세미나|페스티벌|발표회|설명회|축제|경진대회|"
                         r"투자무역박람회|교역회|상담회|대전|주간|데이)$")
_OPENED = re.compile(r"개원|개소|개관|출범|개설|가동|준공|개통|개장")
_HEAD_TAIL = re.compile(r"(?:[ \t]+(?:성공적(?:으로)?|성대히|공식|온라인|오프라인))*[ \t]*(?:개최|개막|폐막|열려|열린다|발표|출범|시작|모집공고|모집|공고|안내|"
                        r"성료|진행|출시|체결|방문|통지)?[ \t]*$")


@lru_cache(maxsize=4)
def _article_entities(text: str) -> tuple[tuple[int, ...], tuple[str | None, ...]]:
    """(starts, entities) of the numbered article headings of a document."""
    starts, ents = [], []
    for m in _ARTICLE_HEAD.finditer(text):
        starts.append(m.start())
        ents.append(_heading_entity(m.group(1)))
    return tuple(starts), tuple(ents)


@lru_cache(maxsize=1024)
def _heading_entity(h: str) -> str | None:
    """The event or company a heading names: '베이징서 제 2 회 한중포럼 성공적 개최' → '제 2 회 한중포럼',
    '【기업분석】 혁신기업 이리(伊利)의 전략적 …' → '이리(伊利)', '화웨이, 새로운 … 출시' → '화웨이'."""
    h = plain(h).replace("**", "")
    h = re.split(r"[ \t]+[—–-][ \t]+|[ \t]*[—–][ \t]*(?=[^\d])", h)[0]  # '— 베이징일보(北京日报)': the source
    h = re.sub(r"【[^】]*】|\[[^\]]*\]", " ", h)
    h = h.split(":")[-1].split("：")[-1].strip()
    words = h.split()
    if len(words) > 1 and re.fullmatch(r"[가-힣]{2,6}(?:서|에서)", words[0]) and (
            words[0].endswith("에서") or _entity(words[0][:-1]) or re.match(r"(?:제|\d)", words[1])):
        words = words[1:]  # '베이징서 …': where it was held
    for k in range(len(words) - 1, -1, -1):
        w = words[k].rstrip(",.")
        stem = _split(w)[0]
        if _EVENT_WORD.search(_PAREN.sub("", stem).rstrip(_CLOSERS)) and (len(stem) >= 3 or k > 0):
            return " ".join(words[:k] + [stem])  # '한중포럼', '2025 가상 데이터 포럼'
    if 2 <= len(words) <= 7 and _OPENED.fullmatch(words[-1]) and any(_entity(_bare(_split(w)[0])) for w in words[:-1]):
        return " ".join(words[:-1])  # '가상시 데이터연구원 개원': what opened
    for k, w in enumerate(words[:6]):
        stem, p = _split(w.rstrip(","))
        stem = _bare(stem)
        if p == "의" and _entity(stem):
            return stem
        if k == 0 and w.endswith(",") and len(stem) >= 2 and not _is_filler(stem) and stem not in _GENERIC and not _is_verb(w):
            return stem
    return None


def _article_entity(text: str, start: int) -> str | None:
    starts, ents = _article_entities(text)
    k = bisect_right(starts, start) - 1
    return ents[k] if k >= 0 else None


# A date opening a heading of a schedule: '▶ 3.18(화) ', '■ 3월 20일~22일 '.
_HEAD_DATE = re.compile(r"^[\s▶▷■□◆◇#*]*(?:\d{1,2}[./]\d{1,2}\.?(?:[(（][^)）]{1,3}[)）])?|\d{1,2}월[ \u00a0]*\d{1,2}일)"
                        r"(?:[ \u00a0]*[~∼\-–][ \u00a0]*(?:\d{1,2}[./])?\d{1,2}(?:일|\.)?(?:[(（][^)）]{1,3}[)）])?)?[ \u00a0]*")
_HEADING_MARK = re.compile(r"^\s*(?:[□■◆◇▶#]|\d{1,2}\.\s)")
_LINE_BULLET = re.compile(r"^\s*(?:[-–•·▲○ㅇ◦*]|[①-⑳]|\d{1,2}[.)]|\(\d{1,2}\))")


# A statement opening with a pronoun for what was just said ('이는 …') or a part of it ('그중 …').
_REFERRING_OPENER = re.compile(r"[ \t]*(?:이는|이것은|이[ \u00a0]?중|그[ \u00a0]?중|이[ \u00a0]가운데|그[ \u00a0]가운데)[ ,\u00a0]")


def _previous_line(text: str, line_start: int) -> str | None:
    """The nearest non-blank line above the one starting at line_start."""
    pos = line_start - 1
    while pos > 0:
        prev_start = text.rfind("\n", 0, pos) + 1
        line = text[prev_start:pos]
        if line.strip():
            return line.strip()
        pos = prev_start - 1
    return None


_SUBSET_OPENER = re.compile(r"[ \t]*(?:그[ \u00a0]?중|이[ \u00a0]?중|그[ \u00a0]가운데|이[ \u00a0]가운데)(?:에서|에는)?[ ,\u00a0]")
# A nominal sentence announcing a fact ('… 추진회 개최.', '애플, 구이저우에 데이터센터 건립 발표.'): its
# entity owns the figures of the sentences after it.
_ANNOUNCEMENT = re.compile(r"(?:^|[.!?][ \u00a0]+|=[ \u00a0]*)([^.!?=]{4,120}?)[ \u00a0]+(?:개최|개막|폐막|발표|출범|가동|준공|착공|개통|설립|출시|체결|개소|오픈)[.]?[ \u00a0]*$")


def _announced_entity(before: str) -> str | None:
    m = _ANNOUNCEMENT.search(before.rstrip())
    if not m:
        return None
    named = _heading_entity(m.group(1) + " 개최")
    if named:
        return named
    # '텐센트 구이안 치싱(七星) 데이터센터 1기 가동': a bare noun phrase names what started
    words = _COUNT_TAIL.sub("", m.group(1)).split()
    if 2 <= len(words) <= 6 and not any(_split(w)[1] or _is_verb(w) or _is_filler(_bare(w)) for w in words) \
            and not _measure(_bare(words[-1])):
        return " ".join(words)
    return None


_COUNT_TAIL = re.compile(r"[ \u00a0]+(?:제?\d+(?:기|단계|호|차|期)|[\d,.]+[만억조천]?[ \u00a0]?\S+)$")


@lru_cache(maxsize=256)  # every number of a piece shares it (the document's hash is computed once)
def _context_subject(text: str, start: int) -> str | None:
    """A subject for a statement that names none: earlier sentences of the paragraph, the
    lead-in or heading above a list, the document's dominant place."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 400):start]
    if before.strip(" -–•·▲○ㅇ◦*\t"):
        # '그 중 …', '이 가운데 …': a part of what the sentence before is about, whatever names it
        if _SUBSET_OPENER.match(text, start):
            b = before.rstrip(" \u00a0.")
            words = _subject_words(b, len(b))
        else:
            words = _subject_words(before, len(before), strict=True)
        if words:
            return " ".join(words)
        event = _announced_entity(before)
        if event:
            return event
    elif _REFERRING_OPENER.match(text, start) and (prev := _previous_line(text, line_start)) \
            and not _HEADING_MARK.match(prev):
        # '이는 …', '그중 …' opening a paragraph: about what the paragraph before was about
        b = prev.rstrip(" \u00a0.")
        words = _subject_words(b, len(b))
        if words:
            return " ".join(words)
    # lines above: a list item looks to its lead-in and heading, up to a blank-separated section
    pos = line_start - 1
    this_line = text[line_start:text.find("\n", start) if text.find("\n", start) >= 0 else len(text)]
    bulleted = bool(_LINE_BULLET.match(this_line))
    seen = 0
    while pos > 0 and seen < 12 and bulleted:
        prev_start = text.rfind("\n", 0, pos) + 1
        line = text[prev_start:pos]
        pos = prev_start - 1
        if not line.strip():
            continue
        seen += 1
        if _LINE_BULLET.match(line) and len(line) - len(line.lstrip()) >= len(this_line) - len(this_line.lstrip()):
            continue  # a sibling item
        if not _HANGUL.search(line):
            continue  # a Chinese or English gloss of the line above ('(广东省…行动方案)') names no owner
        if _HEADING_MARK.match(line) and not _LINE_BULLET.match(line):
            # the section heading ends the search; the event or company it names owns the items
            # ('▶ 3.18(화) 2025 가상 데이터 포럼' over ' - 규모 : 등록 인원 800명')
            return _heading_entity(_HEAD_DATE.sub("", line)) or _article_entity(text, start) or _dominant(text)
        words = _subject_words(line, len(line), strict=True)
        if words:
            return " ".join(words)
        if not _LINE_BULLET.match(line):
            break
    return _article_entity(text, start) or _dominant(text)


# ------------------------------------------------------------------ public --
_FIRST_NUMBER = re.compile(r"\d")
_NAME_BRACKET = re.compile(r"(?<![\w)])([가-힣A-Za-z][가-힣A-Za-z0-9&]{1,20})\([ \u00a0]*(?:약[ \u00a0]*)?$")
_CURRENCY = re.compile(r"[만억조천]?(?:위안|달러|원|엔|유로|파운드|루블|루피)")  # '10억 달러(약 1조 원)': a conversion, not a name
_FIGURE_ASIDE = re.compile(r"\([^()]*\d[^()]*\)")


# A plan's own name ('실시방안은 … 목표로 제시'): the plan speaks for its issuer, it owns no figure.
_PLAN_END = re.compile(r"(?:방안|계획|규획|요강|전략|강요|의견|조치|방법)$")
_TOTAL_ROW = re.compile(r"(?:합계|소계|총계|전체|평균)$")


def _row_label(text: str, start: int) -> str | None:
    """A figure in a table row belongs to the row's label, its first cell ('텐센트\t훈위안(混元)\t…')."""
    ls = text.rfind("\n", 0, start) + 1
    if text.find("\t", ls, start) < 0:
        return None  # not a table row, or the first cell itself
    first = plain(text[ls:text.index("\t", ls)]).strip()
    if not first or re.search(r"\d", first) or len(first) > 30 or _is_filler(first) or first in _GENERIC:
        return None
    if _is_sector(first) or _measure(first) or _TOTAL_ROW.search(first):
        return ""  # a row of a sector or a measure ('핵심산업 합계', '전자정보 제조'): its figures are the table's subject's
    return first


def _table_subject(text: str, start: int) -> str | None:
    """The subject of a table's rows that name no entity: the place or body its caption names
    ('<표 1> 가상시 분기별 부가가치'), else the document's dominant place."""
    pos = text.rfind("\n", 0, start)
    for _ in range(12):  # up over the table's rows to its caption
        prev = text.rfind("\n", 0, pos) + 1
        line = text[prev:pos]
        pos = prev - 1
        if "\t" in line or not line.strip() or "단위" in line:
            if pos <= 0:
                break
            continue
        for w in plain(line).split():
            stem = _bare(_split(w)[0])
            if stem in _PLACES or _entity(stem) and _PLACE_END.fullmatch(stem):
                return stem
        break
    return _dominant(text)


# A headline names its topic before a comma: '1. 서부 데이터센터, 가동률 60% 넘어서'.
_HEADLINE_TOPIC = re.compile(r"^[\s\d.)#*□■◆◇▶\-]*([가-힣A-Za-z][^,，:：\d()]{1,30}?)[ \u00a0]*[,，][ \u00a0]")
_FINISHED = re.compile(r"(?:다|요|함|음|됨|임)[.!?]?[\"'”’)]*\s*$")


def _headline_topic(s: str, nstart: int) -> str | None:
    if len(s) > 60 or ("," not in s and "，" not in s):
        return None  # too long for a headline, or no comma: spare the match
    m = _HEADLINE_TOPIC.match(s)
    if not m or m.end() > nstart or len(s) > 60 or _FINISHED.search(s) or "," in s[m.end():nstart]:
        return None  # not a headline, or a list ('A, B, C 등의 …')
    words = m.group(1).split()
    if len(words) > 5 or any(_is_verb(w) or _split(w)[1] or _is_filler(_bare(w)) for w in words) \
            or words[-1] in _GENERIC or _measure(_bare(words[-1])):
        return None
    return " ".join(words)


def subject_of(s: str, fallback: str, *, nstart: int | None = None, text: str | None = None,
               start: int | None = None) -> str:
    """Who or what the statement about the number at s[nstart:] is about.

    nstart: offset of the number in s (default: the first digit, i.e. the sentence's
    first figure). text, start: the whole document and the offset of s in it; with
    them a statement that names nobody takes the subject of the sentences before it,
    of the lead-in above its list, or the document's dominant place.
    """
    if nstart is None:
        m = _FIRST_NUMBER.search(s)
        nstart = m.start() if m else len(s)
    if text is not None and start is not None:
        row = _row_label(text, start)
        if row:
            return _short(row)
        if row == "":
            ctx = _table_subject(text, start)
            if ctx:
                return _short(ctx)
    share = _share_of(s, nstart) or _sized_thing(s, nstart) or _ranked(s, nstart)
    if share:
        return _short(share)
    inside = _NAME_BRACKET.search(s, max(0, nstart - 40), nstart) if s.find("(", max(0, nstart - 40), nstart) >= 0 else None
    if inside and not _measure(_bare(inside.group(1))) and inside.group(1) not in _GENERIC and not _is_filler(inside.group(1)) \
            and not _CURRENCY.fullmatch(inside.group(1)):
        return _short(_bare(inside.group(1)))  # '광저우(5억 4,000만 위안)', '화웨이클라우드(19%)'
    if "(" in s[:nstart]:
        # asides with figures before the number are not part of the statement: 'X(5억 위안)가 2위로'
        cut = _FIGURE_ASIDE.sub("", s[:nstart])
        s, nstart = cut + s[nstart:], len(cut)
    topic = _headline_topic(s, nstart)
    if topic:
        return _short(topic)
    words = _subject_words(s, nstart)
    if words and _LAST_FROM_OUTER[0]:
        made = _made_thing(s, nstart)
        if made:  # '특색이 뚜렷하며 … 시범 도시를 50개 건설': the number's own clause names what it makes
            return _short(made)
    if words:
        return _short(" ".join(words))
    made = _made_thing(s, nstart)
    if made:
        return _short(made)
    if text is not None and start is not None:
        ctx = _context_subject(text, start)
        if ctx:
            return _short(ctx)
    else:
        # without the document, the sentence's first content word beats a distant fallback
        for w in plain(s[_scope(s, nstart):]).split()[:6]:
            stem = _bare(_split(w.strip(",."))[0])
            if len(stem) >= 2 and not _is_filler(stem) and stem not in _GENERIC and re.match(r"[가-힣A-Za-z]", stem) \
                    and not _is_verb(w) and not re.search(r"\d", stem):
                return _short(stem)
    return _short(plain(fallback)) if fallback and plain(fallback) else "문서"


# ---------------------------------------------------------------- indicator --
_QUAL_BEFORE = frozenset(("약", "총", "최대", "최소", "무려", "대략", "거의", "각각", "누계", "모두", "합계", "연", "매년", "연간", "월", "평균"))
_CONVERTED = re.compile(r"(\d[\d,.]*\s?(?:[만억조천]\s?)*[\d,.]*\s?(?:위안|달러|원|%|개|명))\s?\((?:약|대략)?\s?$")
_AFTER_NOUN = re.compile(r"[ \u00a0]*(?:이상|여|가량|정도|이하|미만|가까이|남짓|이상의|여의)?[ \u00a0]*(?:의|에\s?달하는|에\s?이르는|가\s?넘는|이\s?넘는|를\s?넘는|을\s?넘는|넘는|규모의|상당의)?[ \u00a0]*"
                         r"(?P<np>(?:['‘\"“][^'’\"”]{1,30}['’\"”][ \u00a0]?)?[가-힣A-Za-z][^\s,.()·]*(?:[ \u00a0][가-힣A-Za-z][^\s,.()·]*){0,2})")


_LINK_VERB = re.compile(r"^(?:넘는|넘은|달하는|달한|이르는|이른|근접한|가까운|육박하는|웃도는|상회하는|돌파한|규모의|상당의|이상의|여의|가량의|정도의|남짓의|수준의)$")


_BRACKET_SPLIT = re.compile(r"(?=[\[(])")
_CASE_TAILS = frozenset(("이", "가", "을", "를", "에", "와", "과"))


_GLUED = re.compile(r"[^\s\[\](){}]*")


@lru_cache(maxsize=1024)  # an indicator may ask up to three times for the same number
def _counted_after(s: str, nend: int) -> tuple[str, ...]:
    """The noun a number counts or sizes: '38,000 개 이상의 파트너', '7,400 개가 넘는 애플리케이션',
    '5개의 주요 프로젝트로'; nothing when the number is an argument of a verb ('2,600개를 넘어섬')."""
    tail = _GLUED.match(s, nend).group()
    if tail and tail not in ("의", "여의") and tail not in _CASE_TAILS:
        if not _LINK_VERB.match(tail):
            return ()
    toks = [w for m in islice(_WORD.finditer(s, nend + len(tail)), 6) for w in _BRACKET_SPLIT.split(m.group()) if w][:6]
    if tail in _CASE_TAILS:
        if not toks or not _LINK_VERB.match(toks[0].rstrip(",")):
            return ()
        toks = toks[1:]
    out = []
    for w in toks:
        if not out and (_LINK_VERB.match(w) or w in ("이상", "여", "가량", "정도", "가까이", "남짓", "이상이", "규모")):
            continue
        if _is_verb(w) or w[:1] in "(<[":
            break
        stem, p = _split(w.rstrip(",.;:"))
        stem = _bare(stem)
        if not stem or _is_filler(stem) or not re.match(r"[가-힣A-Za-z'‘\"“]", stem):
            break
        out.append(stem)
        if p or w.endswith((",", ".", ";", ":")) or len(out) >= 3:
            break
    return tuple(out)


_LETTER_END = re.compile(r"[가-힣A-Za-z]$")
_SPACE_END = re.compile(r"\s$")


def _phrase_before(toks: list[_Tok], lo: int, end: int, s: str, percent: bool = False) -> list[str]:
    """The bare noun phrase ending right before offset end ('누적 거래액 | 875억')."""
    words: list[str] = []
    # a letter, not a space, right before the number ('$' may also stand before a final '\n': two characters)
    if _LETTER_END.search(s, max(0, end - 2), end) and not _SPACE_END.search(s, max(0, end - 2), end) \
            and re.match(r"\d", s[end:end + 1]):
        m = re.search(r"[가-힣A-Za-z]\S*$", s[:end])  # glued to the number: '용량40EFLOPS'
        if m and len(m.group()) >= 2 and not _split(m.group())[1]:
            words.append(_bare(m.group()))
            end = m.start()
    for k in range(len(toks) - 1, lo - 1, -1):
        t = toks[k]
        if t.end > end:
            continue
        if s[t.end:end].strip(" \u00a0"):
            break  # punctuation between the word and the number
        if t.hard or t.verb or (t.particle and t.particle != "의") or _is_filler(t.stem) or t.stem in _QUAL_BEFORE:
            if t.stem in _QUAL_BEFORE and not words and not t.hard:
                end = t.start
                continue
            break
        if t.particle == "의" and not words and not s[t.end:end].strip() and not percent:
            break  # 'X의 9 가지 Y': X owns the counted thing
        words.insert(0, t.stem)
        end = t.start
        if t.opens or len(words) >= 4:
            break
    return words


_FRAME = re.compile(r"(?:^|[ \u00a0])((?:[가-힣A-Za-z][^\s,]*[ \u00a0]){0,3}?[가-힣A-Za-z][^\s,]*?)(?:만|을|를)[ \u00a0](?:놓고[ \u00a0])?보면")
_LABEL_CHAIN = re.compile(r"^[\s\-–•·▲○ㅇ◦*]*([가-힣A-Za-z][^:：→\d]{1,40}?)[ \u00a0]*[:：][ \u00a0]*(?=[^:：]*\d)")
_LABEL_TAIL = re.compile(r"[ \u00a0]*(?:추이|현황|변화|전망|동향|실적)$")
# A count before a verbal noun ('플랫폼 50개 양성'): the figure counts what the action makes.
_ACTION = re.compile(r"^[ \u00a0]*(?:이상|가량|정도|여|내외|안팎)?[ \u00a0]*(?:을|를)?[ \u00a0]*(?:매년[ \u00a0]*)?"
                     r"(육성|구축|양성|건설|선정|전파|도입|유치|확보|개방|설립|조성|지정|보급|배출|발굴|지원|출시|개발|신설|건립|개설|인증|배양)")


# What counted companies or people do at an event: they are its participants.
_PARTAKE = re.compile(r"^[^,.]{0,30}?(?:이|가)[ \u00a0]+(참가|참여|참석|입주|출품|출전|가입)")


def indicator_of(s: str, nstart: int, nend: int, header: str | None, unit: str) -> str:
    """What the number at s[nstart:nend] measures: a table column header, the noun phrase
    that governs the number, the counted noun; a change is a rate and a place a ranking.
    Never empty: when no words name the measure, a word for the unit does ('금액', '비율')."""
    return _indicator(s, nstart, nend, header, unit) or _UNIT_MEASURE.get(unit, unit)


def _indicator(s: str, nstart: int, nend: int, header: str | None, unit: str) -> str:
    if header:
        h = _header_measure(header)
        if h and s[nstart:nend] not in header:  # a row read as its own header names nothing
            return _short(h)
    chain = _LABEL_CHAIN.match(s) if ":" in s or "：" in s else None  # a label chain needs its colon
    if chain and chain.end(1) < nstart and ("→" in s[chain.end():nstart] or not re.search(r"[가-힣]{2}", s[chain.end():nstart])):
        # 'AI 핵심산업 규모 추이 : 2,488억 위안(’23) → 3,500억 위안(′25)': every figure of the chain
        label = _LABEL_TAIL.sub("", plain(chain.group(1))).strip()
        if label and not _is_filler(label):
            return _short(label)
    toks, start, lo, cstart, clo = _frame(s, nstart)
    # a conversion or an aside in brackets right after a figure measures the same thing
    outer = _CONVERTED.search(s[:nstart]) if "(" in s[max(0, nstart - 5):nstart] else None
    if outer and not _WORD.search(s, outer.start()) is None:
        return _indicator(s, outer.start(1), outer.end(1), None, unit)
    # words right before the number, not crossing a particle, a verb or punctuation;
    # '전년 대비 15.7%': a comparison base sits between the measure and the number
    pre = s[:nstart]
    q = _QUAL_TAIL.search(pre) if _ends_on(pre, _QUAL_WORDS) else None
    pre_end = q.start() if q else len(pre)
    base = ""
    bm = _BASE_TAIL.search(s, 0, pre_end) if _ends_on(s[:pre_end], _BASE_WORDS, "각각") else None
    if bm:
        base = " ".join(bm.group(1).split())
        pre_end = bm.start()
    imm = _phrase_before(toks, max(clo, lo), pre_end, s, unit == "percent")
    # an owner named inside the phrase is the subject's business, not the measure's
    if imm:
        k = 0
        while k < len(imm) - 1 and _entity(imm[k]):
            k += 1
        imm = imm[k:] if k < len(imm) and not (len(imm) == 1 and _entity(imm[0])) else ([] if all(_entity(w) for w in imm) else imm)
    measure: list[str] = [w for w in imm if w]  # a bare list mark ('-') leaves an empty word
    topic = _topic(s, clo, nstart) or _topic(s, lo, nstart)
    topic_measure: list[str] = []
    if topic:
        _, topic_measure = _split_owner(topic)
    uend = _unit_end(s, nend)
    after = s[uend:]
    counted = _counted_after(s, uend) if unit in ("count", "persons") else []
    if unit in ("count", "persons") and measure and not _measure(measure[-1]) and not base:
        act = _ACTION.match(after)
        if act:  # '디지털 서비스 플랫폼 50개 양성' → '플랫폼 양성 수'
            return _short(f"{measure[-1]} {act.group(1)} 수")
        return _short(" ".join(measure) + ("" if measure[-1].endswith("수") else " 수"))
    if unit in ("count", "persons") and counted and not measure:
        words = [w for w in counted if not _entity(w)] or counted
        took = _PARTAKE.match(after)
        if took and counted[-1] in after[:took.start(1)]:  # '600개 기업이 참가했다': participants
            words = [took.group(1), *words]
        return _short(" ".join(words) + ("" if words[-1].endswith("수") else " 수"))
    change = _CHANGE.match(after) if unit == "percent" else None
    if unit == "percent" and _SHARE_AFTER.match(after):
        whole = measure or topic_measure
        return _short(" ".join(whole + ["비중"]) if whole and whole[-1] not in ("비중", "비율", "점유율") else " ".join(whole) or "비중")
    if not measure:
        # 'N 규모의 Y' / 'N의 Y를': the noun after the number
        if re.match(r"^[ \u00a0]*(?:규모|상당)", after):
            nxt = _counted_after(s, uend + len(re.match(r"^[ \u00a0]*(?:규모|상당)", after).group()))
            if nxt:
                return _short(" ".join(nxt) + " 규모")
        if topic_measure:
            measure = topic_measure
        elif unit not in ("percent", "rank", "times") or not change:
            measure = [w for w in _counted_after(s, uend) if not _entity(w)][:2]
    if unit == "rank" and (not measure or measure[-1] != "순위"):
        scope = measure if measure else []
        extra = topic_measure if topic_measure and topic_measure != measure else []
        return _short(" ".join(extra + scope + ["순위"]))
    if change:
        rate = _RATE.get(change.group(1), "증가율")
        head = measure if measure else []
        if head and (head[-1].endswith(("률", "율")) or head[-1] in ("비중", "점유율")):
            return _short(" ".join(head + ([base] if base else []) + [rate.replace("률", "폭").replace("율", "폭")]))
        return _short(" ".join(head + ([base] if base else []) + [rate]))
    if base and measure:
        return _short(" ".join(measure + [base]))
    if not measure and not change:
        framed = _FRAME.search(s, 0, nstart) if s.find("보면", 0, nstart) >= 0 else None
        if framed:  # '거래액만 놓고 보면 … 선전이 15억 위안으로 1위': the frame names the measure
            words = [w for w in framed.group(1).split() if not w.endswith("별") and not _is_filler(w)]
            if words and _measure(words[-1]):
                return _short(" ".join(words) + (" 순위" if unit == "rank" else ""))
    if unit in CURRENCIES and measure and measure[-1].endswith("시장"):
        return _short(" ".join(measure + ["규모"]))  # '클라우드 시장이 4천500억 위안을 넘어섰다': its size
    if measure:
        return _short(" ".join(measure))
    # nothing governs the number: the words before it, as before
    # nearest nouns back to a verb, a figure or punctuation; owners (entities) are not measures
    words = []
    ni = next((k for k, t in enumerate(toks) if t.end > nstart), len(toks))
    for t in toks[max(clo, lo):ni][::-1]:
        if t.verb or re.search(r"\d", t.raw) or (t.hard and words):
            break
        if t.particle not in ("", "의") and words:
            break
        if _is_filler(t.stem) or t.stem in _GENERIC or _entity(t.stem) or not re.match(r"[가-힣A-Za-z]", t.stem):
            if words:
                break
            continue
        words.insert(0, t.stem)
        if len(words) == 3 or t.hard:
            break
    return _short(" ".join(words)) if words else _UNIT_MEASURE.get(unit, unit)


_UNIT_MEASURE = {**dict.fromkeys(CURRENCIES, "금액"), "percent": "비율", "count": "수", "persons": "인원",
                 "times": "배수", "rank": "순위", "index_points": "지수"}


_HEADER_NOISE = re.compile(r"[(（\[][^()（）\[\]]*(?:위안|달러|원|%|개|명|건|곳|단위|억|만)[^()（）\[\]]*[)）\]]|"
                           r"^(?:[’′'`]?\d{2,4}년(?:도|말|초)?|\d{1,2}월(?:말)?|[1-4]분기|상반기|하반기)(?:[ \u00a0]|$)+")


_CAPTION_LEAD = re.compile(r"^[\W]*(?:표|그림|도표)?[ \u00a0]*\d*[ \u00a0]*[>\]).:]?")


def cell_measure(caption: str | None, row_label: str | None) -> str | None:
    """What a cell under a period column ('1Q25', '2024년 말') measures: the row's sector and the
    measure the table's caption names ('<표 1> 가상시 분기별 부가가치', row '클라우드 서비스' →
    '클라우드 서비스 부가가치'); a row naming an entity is the subject, not part of the measure."""
    words = plain(_CAPTION_LEAD.sub("", caption or "")).strip("<>[] ").split()
    measure = next((_bare(w) for w in reversed(words) if _measure(_bare(w))), None)
    row = plain(row_label or "").strip()
    row = row if row and not re.search(r"\d", row) and not _entity(row) else None
    return " ".join(p for p in (row, measure) if p) or None


@lru_cache(maxsize=1024)
def _header_measure(header: str) -> str:
    """What a column header measures: '2022년 거래액(억 위안)' → '거래액' (its year is the period,
    its bracket the unit); a long cell with bullets or figures is no header."""
    h = plain(header).strip()
    if len(h) > 40 or re.search(r"[•▲]|\d[\d,.]*\s?(?:곳|개|%)", h):
        return ""
    prev = None
    while prev != h:
        prev, h = h, _HEADER_NOISE.sub("", h).strip()
    return h


_UNIT_WORD = re.compile(r"[ \u00a0]?(?:사|상당)(?![가-힣])")


def _unit_end(s: str, nend: int) -> int:
    """nend, moved past a unit word the caller left out ('개 사', '위안상당')."""
    m = _UNIT_WORD.match(s, nend)
    return m.end() if m else nend


def _short(t: str, limit: int = 40) -> str:
    t = t.strip(" ,.'\"‘’“”")
    return t if len(t) <= limit else t[:limit].rstrip()
