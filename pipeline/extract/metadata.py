"""Document-level facts read from the text: title, publisher, publication date.

Only the head of a document (its first non-empty lines) and a short tail (the footer)
are read. Each head line is classified as page chrome (menus: short items between wide
spaces or bars, a phone number aside; breadcrumbs: page names joined by '>'; buttons;
rules with no letters), a notice (copyright, reuse terms, a '※' remark), a labelled field
('발행처 : …', a document-type label such as '○○시 경제정보화국 보도자료'), a byline, a
dateline, a bullet or numbered section, a sentence of the body, or a headline candidate. The
header zone is what comes before the first body line; the title and unlabelled dates
are taken only from it.

Publication date, by rank: a labelled publication date ('입력', '등록일', '작성일',
'송고시간', '기사승인', …) > a bare date on a header line ('2023.05.30', '제 48 호 |
2023.11.15') > a modification date ('수정') > a dateline's month and day with the year
the text speaks from > a month-only issue ('2021년 12월호', 'Vol. 3 2022.07') > the year
the text speaks from (precision year, `inferred`).

Publisher, by rank: a dateline's agency ('(베이징=연합뉴스)', '[신화망 베이징 8월7일]')
> a labelled issuer ('발행처 :', '편집 ○○포털 편집팀', '○○국 보도자료') or an outlet in a
byline ('○○일보 홍길동 기자') > an
outlet or body named in a header line (a masthead above the headline, an agency or
embassy name, the organisation beside a header date; not a subtitle about a body, '중국
지방정부 … 동향') > the copyright holder > a '출처 :' given in the header.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

_HEAD_LINES = 40  # header facts live near the top
_TAIL_LINES = 15  # the footer: copyright and issuer lines
_MARKUP = re.compile(r"</?[A-Za-z][^>\n]*>|^\s*#+\s*|\*\*|\\(?=[*_#])")

# --- dates -------------------------------------------------------------------------------
_YMD = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d\d)\s*(?:[.\-/]|년|年)\s*(?P<m>\d{1,2})\s*(?:[.\-/]|월|月)\s*(?P<d>\d{1,2})(?![\d])"
    r"(?:\s*[일日])?\.?"
    r"|['’′‘](?P<yy>\d\d)\s*[.\-/]\s*(?P<m2>\d{1,2})\s*[.\-/]\s*(?P<d2>\d{1,2})(?!\d)\.?"
    r"|(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d3>\d{1,2}),?\s+(?P<y3>(?:19|20)\d\d)"
    r"|(?<!\d)(?P<d4>\d{1,2})\s+(?P<mon4>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+(?P<y4>(?:19|20)\d\d)",
    re.I)
_DIGIT = re.compile(r"\d")
_YMD_CUE = re.compile(r"(?:19|20)\d\d|['’′‘]\d\d")  # every form of _YMD holds one: lines without are not scanned
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
# Two-digit year right after a label ('작성일 : 23.05.30').
_YMD_SHORT = re.compile(r"(?<![\d.])(?P<yy>\d\d)\.(?P<m>\d{1,2})\.(?P<d>\d{1,2})(?!\d)\.?")
# What may follow a date on a header line: weekday, time.
_DATE_TAIL = re.compile(r"\s*(?:[(（]\s*[월화수목금토일](?:요일)?\s*[)）]|[월화수목금토일]요일)?"
                        r"(?:\s*(?:오전|오후|AM|PM)?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:AM|PM))?)?", re.I)
_PUB_LABEL = (r"기사\s*입력|최초\s*입력|입력|송고\s*시간|송고|기사\s*등록|등록|작성|게재|발행|발간|기사\s*승인|승인"
              r"|자료원|보도|배포|일자|날짜|发布|发表|posted|published|date")
_MOD_LABEL = r"최종\s*수정|수정|업데이트|updated|modified"
_LABEL_BEFORE = re.compile(
    rf"(?:^|[\s|ㅣ\[(:：·/])(?:(?P<mod>{_MOD_LABEL})|(?P<pub>{_PUB_LABEL}))\s*(?:일시|일자|일|시간|시각|시점|on)?\s*[:：]?\s*$", re.I)
_LABEL_AFTER = re.compile(r"^\s*(?:(?P<pub>송고|입력|발행|발간|게재|작성|등록|승인)|(?P<mod>수정))(?![가-힣])")
# Month-only issues: '2021년 12월호', '2022년 7월', 'Vol. 3 2022.07'.
_YM = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)\s*(?:년\s*(?P<m>\d{1,2})\s*월(?!\s*\d{1,2}\s*일)"
                 r"|[.\-/]\s*(?P<m2>\d{1,2})(?!\s*[.\-/]?\s*\d)(?!\s*호))")
# Footer lines of a site: registration numbers and dates there are not the article's.
_LABEL_FIELD = re.compile(r"[가-힣A-Za-z]{1,6}\s*[:：]\s*\S")  # each holds a colon: a line needs two for two
_FOOTER = re.compile(r"등록번호|사업자|창간|발행인|편집인|청소년\s*보호|통신판매")

# --- lines -------------------------------------------------------------------------------
# Words of a web page's chrome (menus, buttons, section names), not of the article.
_CHROME_WORDS = set("""
닫기 열기 공유 공유하기 메뉴 전체메뉴 주메뉴 로그인 로그아웃 회원가입 구독 구독신청 검색 목록 홈 이전 다음 이전글 다음글
인쇄 인쇄하기 프린트 스크랩 댓글 좋아요 추천 기사 요약 보기 원문 바로가기 본문 글자 글자크기 글씨 크기 조절 확대 축소
가 가+ 가- + - 大字体 小字体 中字体 打印 关闭 分享 返回 首页 페이스북 트위터 카카오톡 카카오스토리 밴드 네이버 URL 링크 복사
뉴스 국제 정치 경제 사회 산업 문화 스포츠 오피니언 연예 사진 영상 포토 IT 과학 IT·과학 세계 중국 아시아 중국·아시아 전체 전체기사
속보 많이 본 뉴스 최신 기사 정보 알림 공지 공지사항 게시판 자료실 home menu login share print search close top
보도자료 보도참고자료 해명자료 기사원문 원문보기 구독 공감 더보기 전체보기 단독 기획 연재 칼럼 사설 인터뷰 특집 해설 분석
리포트 브리핑 동향 정책 이슈 포커스 주요뉴스 헤드라인 최신뉴스 많이본뉴스 커뮤니티 자유게시판 SNS 보내기 이메일
""".split())
_CHROME_PHRASES = re.compile(r"바로가기|로그인|회원가입|글자\s*크기|글씨\s*크기|메뉴|스크랩|大字体|小字体|공유하기|기사\s*공유"
                             r"|요약\s*보기|URL\s*복사|링크\s*복사|조회\s*수?\s*\d|추천\s*\d|댓글\s*\d")
_SEPARATORS = re.compile(r"\s+[|ㅣ>›»/·•]\s+|\s*[|ㅣ>›»]\s*|\s{2,}|\t")
_NOTICE = re.compile(r"저작권|무단\s*(?:전재|복제|배포)|재배포|all rights reserved|copyright|ⓒ|©|출처를?\s*밝|인용하실", re.I)
_LABEL = re.compile(r"^(?:발행처|발행기관|발행인|발행|펴낸\s*곳|펴낸이|편집|주소|전화|팩스|메일|이메일|e-?mail|tel|fax|홈페이지"
                    r"|센터장|담당자?|문의|작성자|작성|저자|필자|국가|무역관|지역|분야|출처|자료원?|등록번호|연락처|대표|구분"
                    r"|원문\s*출처|번역|정리)\s*[:：]", re.I)
_BULLET = re.compile(r"^(?:\d{1,2}\s*[.)]\s|[(（]\d{1,2}[)）]|[①-⑳]|[□■◆◇▲△▶▷►○●◎ㅇ※•·\-–—*>]|<표|\[표|<그림|\[그림)")
_TOC = re.compile(r"(?:\bP\.?\s*\d+|\.{3,}\s*\d+|…\s*\d+)\s*$|^(?:이번\s*호\s*)?(?:차례|목차|목록|contents|index)$", re.I)
_ISSUE = re.compile(r"제\s*\d+\s*호|(?<![\d-])\d{1,4}\s*호(?![가-힣])|\bvol\.?\s*\d+|\bno\.\s*\d+|\d{4}\s*-\s*\d+\s*호|\d{1,2}\s*월\s*호", re.I)
_SENTENCE_END = re.compile(r"[다요오죠][.!?]['\"’”」)]*(?:\s|$)")
_SHORT_END = re.compile(r"(?:함|됨|음|임)\.?$")  # report style ('…로 구성됨'); a headline may end so too
_BYLINE = re.compile(r"(?:^|[\s=|/])[가-힣]{2,4}\s*(?:선임|수석|객원|기획|전문)?\s*(?:기자|특파원|통신원|논설위원|리포터|에디터)(?![가-힣])"
                     r"|[\w.+-]+@[\w-]+\.[\w.]+|^(?:글|글·사진|사진|취재)\s*[=:：/]\s*[가-힣]{2,4}(?:\s|$)")
# An outlet named before a reporter ('○○일보 홍길동 기자').
_BYLINE_OUTLET = re.compile(r"(?P<who>[가-힣A-Za-z]{1,12}(?:일보|신문|뉴스|경제|타임스|타임즈|통신|방송|저널|미디어|투데이|데일리|이코노믹|이코노미|포스트|헤럴드))"
                            r"\s+[가-힣]{2,4}\s*(?:선임|수석|객원)?\s*(?:기자|특파원)")
# Datelines: '(베이징=연합뉴스) 홍길동 특파원 =', '【베이징=신화통신】', '[신화망 베이징 8월7일]'.
_DATELINE_EQ = re.compile(r"^[(\[【〔]\s*(?P<place>[가-힣A-Za-z·.\s]{1,15}?)\s*=\s*(?P<who>[^)\]】〕=\n]{2,30}?)\s*[)\]】〕]")
_DATELINE_MD = re.compile(r"^[\[【〔(]\s*(?P<who>[^\]】〕)\s\d]{2,15})\s+[^\]】〕)\n]*?(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일\s*[\]】〕)]")
# Names of outlets and bodies: how they end.
_ORG_SUFFIX = re.compile(
    r"(?:일보|신문|뉴스|통신|방송|타임스|타임즈|저널|미디어|투데이|데일리|이코노믹|이코노미|이코노미스트|포스트|헤럴드|닷컴|비즈|신화망|인민망|[가-힣]{2,}망"
    r"|[가-힣]{2,}(?:부|처|청)|대사관|영사관|총영사관|무역관|진흥원|진흥회|연구원|연구소|연구회|연구센터|센터|협회|학회|재단|공사|공단|위원회|정부|사무소|대표처|기구"
    r"|times|news|daily|post|herald|journal|review|press|agency|institute|center|centre|embassy)$", re.I)
_LABELLED_ISSUER = re.compile(r"(?:^|[\s|])(?:발행처|발행기관|발행|펴낸\s*곳|기관명)\s*[:：]\s*(?P<who>[^|\n]+?)\s*(?:\||\s{2,}|$)")
_SOURCE = re.compile(r"^출처\s*[:：]\s*(?P<who>[^|\n]+?)\s*(?:\||\s{2,}|$)")
_COPYRIGHT = re.compile(
    r"저작권(?:은|자는)?\s*['‘\"“]?(?P<a>[^'’\"”\n]{2,30}?)['’\"”]?\s*(?:에게|에)\s*있"
    r"|(?:copyright\s*)?(?:ⓒ|©|\(c\))\s*(?:(?:19|20)\d\d(?:\s*[-~]\s*(?:19|20)\d\d)?\s*)?(?P<b>[^,.<>()\n]{2,30}?)\s*(?:[,.<>]|all rights|무단|$)"
    r"|copyright\s+(?:(?:19|20)\d\d\s*)?(?P<c>[^,.<>()\n]{2,30}?)\s*(?:[,.<>]|all rights|무단|$)", re.I)
# A document-type label naming its issuer: '항저우시 경제정보화국 보도자료' heads a press release, the
# headline comes after it.
_DOC_TYPE = re.compile(r"^[\[【<(]?\s*(?P<who>[^\[\]【】<>()|:：\d]{2,40}?)\s*(?:보도\s*자료|보도\s*참고\s*자료|해명\s*자료"
                       r"|설명\s*자료|보도문|press\s+release)\s*[\]】>)]?$", re.I)
# A newsletter's masthead naming its issuer: '서해경제연구원 뉴스레터 제12호' (the masthead stays a title candidate).
_NEWSLETTER_OF = re.compile(r"^[\[【<(]?\s*(?P<who>[^\[\]【】<>()|:：\d]{2,40}?)\s*(?:뉴스\s*레터|소식지|웹진|newsletter)"
                            r"(?:\s*[\]】>)])?(?:\s*(?:제\s*\d+\s*호|vol\.?\s*\d+|no\.\s*\d+|\d{4}[-.]\d{1,2}\s*호?))?\s*$", re.I)
# An issuer credited without a colon inside a header segment: '편집 ○○포털 편집팀', '발행 ○○연구원',
# '자료 제공 ○○협회'.
_CREDIT = re.compile(r"^(?:편집|발행|펴냄|펴낸\s*곳|자료\s*제공)\s+(?P<who>[^\d|:：=]{2,40}?)"
                     r"(?:\s+(?:편집팀|편집부|편집국|편집실))?$")
_CREDIT_WORDS = ("편집", "발행", "펴냄", "펴낸", "제공")
_NOT_AN_OWNER = re.compile(r"원저작자|저자|필자|각\s|해당|본\s*사|이\s*기사|all rights", re.I)
# A year as context: '2020년' or a year opening a name ('2021 글로벌 …'); not a target or range bound.
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:\s*년)?(?!\s*(?:년\s*)?(?:까지|~|-|－|–|\d(?!\d?\s*월)|\.\d|\)))")


@dataclass(frozen=True)
class Metadata:
    title: str | None
    publisher: str | None
    published_date: date | None
    published_precision: str | None  # day | month | year
    published_from: str | None  # header | dateline | inferred


_MD_LINK = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|\[([^\]\n]*)\]\((?:https?:|/|#)[^)\n]*\)")


def _clean(line: str) -> str:
    """A line without HTML tags, markdown marks and link targets ('[국제](/intl)' -> '국제')."""
    if "[" in line:  # cheap tests first: most lines hold neither links nor markup
        line = _MD_LINK.sub(lambda m: m[1] or "", line)
    if "<" in line or "#" in line or "*" in line or "\\" in line:
        line = _MARKUP.sub("", line)
    return line.strip()


def _nonempty(lines, limit: int | None = None) -> list[str]:
    """The cleaned non-empty lines, the first ``limit`` of them (the rest are not cleaned)."""
    out = []
    for raw in lines:
        if c := _clean(raw):
            out.append(c)
            if len(out) == limit:
                break
    return out


def context_year(text: str) -> int | None:
    """The year the text speaks from: the most mentioned year that is not a target or a range bound."""
    years = Counter(int(m.group(1)) for m in _YEAR.finditer(text))
    if not years:
        return None
    return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _ymd(m: re.Match) -> date | None:
    g = m.groupdict()
    if g.get("y"):
        return _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
    if g.get("yy"):
        return _safe_date(2000 + int(g["yy"]), int(g.get("m2") or g["m"]), int(g.get("d2") or g["d"]))
    if g.get("y3"):
        return _safe_date(int(g["y3"]), _MONTHS[g["mon"][:3].lower()], int(g["d3"]))
    if g.get("y4"):
        return _safe_date(int(g["y4"]), _MONTHS[g["mon4"][:3].lower()], int(g["d4"]))
    return None


# --- line classes ------------------------------------------------------------------------
def _segments(line: str) -> list[str]:
    return [s.strip() for s in _SEPARATORS.split(line) if s.strip()]


_CHROME_TOKEN = re.compile(r"[^\s|ㅣ>›»/•]+")
_NUMBERS_OR_LINK = re.compile(r"[\d\s.,:/|()\-]+|\S*https?://\S+")
_MENU_MARK = re.compile(r"[|ㅣ>›»]|\s·\s|\s{2,}")
_TWO_SPACES = re.compile(r"\s\s")  # _MENU_MARK needs one of its marks or two spaces in a row


_NO_WORD = re.compile(r"[^0-9A-Za-z가-힣\u3131-\u318e\u4e00-\u9fff]*")  # a rule of box-drawing or dash characters
_PHONE = re.compile(r"(?<![\d.])\d{2,4}(?:[-–.)]\s?\d{3,4}){1,2}(?![\d.])")  # '1600-2580', '02-3276-5510'
_YEARISH = re.compile(r"(?<![\d-])(?:19|20)\d\d(?![\d-])")
_CRUMB = re.compile(r"\s[>›»]\s")
_CRUMB_SPLIT = re.compile(r"\s*[>›»]\s*")


def _is_breadcrumb(line: str) -> bool:
    """'한중경제포털 > 행사·일정 > 주간 캘린더': a path of short page names joined by '>'; a path
    of two steps only when it starts at the home page."""
    if not _CRUMB.search(line):
        return False
    steps = [s.strip() for s in _CRUMB_SPLIT.split(line)]
    if len(steps) < 2 or (len(steps) == 2 and steps[0].lower() not in ("home", "홈")):
        return False
    return all(0 < len(s) <= 20 and not _is_sentence(s) for s in steps) and not _YEARISH.search(line)


def _is_chrome(line: str) -> bool:
    """Menus, breadcrumbs, buttons, counters, rules: lines made of page words, short words,
    numbers or no words at all."""
    if _NUMBERS_OR_LINK.fullmatch(line) or _NO_WORD.fullmatch(line):
        return True
    # the tokens of a split on separators, read until one is no page word
    if all(t.lower() in _CHROME_WORDS or t.isdigit() for t in map(re.Match.group, _CHROME_TOKEN.finditer(line))):
        return True
    if len(line) <= 30 and _CHROME_PHRASES.search(line):
        return True
    if (any(c in line for c in "|ㅣ>›»·") or _TWO_SPACES.search(line)) and _MENU_MARK.search(line) \
            and len(segs := _segments(line)) >= 2:  # cheap tests first
        # a menu ('로그인   회원가입   고객센터 1600-2580'), a breadcrumb ('홈 > 국제 > 중국·아시아') or a
        # section label ('기획 · 차이나 리포트'): short segments, a phone number aside; no year (an issue line)
        if all(len((_PHONE.sub("", s) if len(segs) >= 3 else s).strip()) <= 10 for s in segs) \
                and not _YEARISH.search(line):
            return True
        return _is_breadcrumb(line)
    return False


def _is_sentence(line: str) -> bool:
    if len(line) >= 120:
        return True
    return len(line) >= 15 and bool(_SENTENCE_END.search(line) or (len(line) >= 60 and _SHORT_END.search(line)))


def _dateline(line: str) -> tuple[str | None, re.Match | None]:
    """The agency of a dateline at the start of a line, and its month/day match if it has one."""
    if m := _DATELINE_MD.match(line):
        who = m["who"].strip()  # '[신화망 베이징 8월7일]'; '(베이징 8월 7일)' names no agency
        return (who if _org_name(who) or re.search(r"(?:사|넷)$|^[A-Za-z]+$", who) else None), m
    if m := _DATELINE_EQ.match(line):
        who = m["who"].split("/")[-1].strip()  # '(워싱턴=AP/뉴시스)': the outlet that issued the text
        if not re.search(r"(?:기자|특파원|통신원)$", who) and not re.search(r"\d", who):
            return who, None
        # '[동방경제신문=최서진 기자]', '[○○일보 베이징=홍길동 특파원]': the outlet stands left of '='
        if outlet := _org_name(m["place"].split()[0]):
            return outlet, None
    return None, None


def _org_name(segment: str, single_ok: bool = False) -> str | None:
    """The name of an outlet or body a header segment gives, if it is one ('주중국 대한민국 대사관',
    'KOTRA 베이징무역관', '동북아디지털정책연구소 산업정책팀' -> up to '…연구소')."""
    seg = segment.strip(" -–—:：[]【】")
    if not 2 <= len(seg) <= 40 or re.search(r"[:：,!?…\"“”'‘’「」『』]|\d{2}", seg) or _BYLINE.search(seg):
        return None
    tokens = seg.split()
    if len(tokens) > 5 or all(t.lower() in _CHROME_WORDS for t in tokens):
        return None
    for i in range(len(tokens) - 1, -1, -1):
        if _ORG_SUFFIX.search(tokens[i]) and tokens[i].lower() not in _CHROME_WORDS:
            if len(tokens) - i > 2 and not all(_UNIT.search(t) for t in tokens[i + 1:]):
                return None  # '중국 지방정부 디지털경제 정책 동향': a subtitle about a body, not the body
            return " ".join(tokens[: i + 1])
    if single_ok and len(tokens) == 1 and len(seg) <= 15 and not re.search(r"\d", seg):
        return seg
    return None


_UNIT = re.compile(r"(?:팀|실|과|부|처|국|본부|센터|데스크|무역관|사무소|지사|분원)$")  # a body's unit after its name


def _line_org(line: str, single_ok: bool = False) -> str | None:
    """An organisation named by a header line or one of its '|' segments (the last one that is)."""
    for seg in reversed(_segments(line)):
        if who := _org_name(seg, single_ok and len(_segments(line)) == 1):
            return who
    return None


def _dates_in(line: str) -> list[tuple[int, date, str, int, int]]:
    """(rank, day, precision, start, end) of the dates a header line gives: rank 0 labelled
    publication, 1 bare, 2 modification."""
    out = []
    if not _DIGIT.search(line):
        return out  # every date form has digits: spare the scans
    spans = [(m.start(), m.end(), _ymd(m)) for m in _YMD.finditer(line)] if _YMD_CUE.search(line) else []
    if not spans and "." in line:  # the short form is dotted: '23.05.30'
        for m in _YMD_SHORT.finditer(line):
            if _LABEL_BEFORE.search(line[max(0, m.start() - 16):m.start()]):
                spans.append((m.start(), m.end(), _safe_date(2000 + int(m["yy"]), int(m["m"]), int(m["d"]))))
    for start, end, day in spans:
        if day is None:
            continue
        end += _DATE_TAIL.match(line, end).end() - end
        before = _LABEL_BEFORE.search(line[max(0, start - 16):start])
        after = _LABEL_AFTER.match(line[end:])
        label = before or after
        rank = 1 if label is None else (2 if label["mod"] else 0)
        out.append((rank, day, "day", start, end))
    return out


def _bare_date_line(line: str, start: int, end: int) -> bool:
    """A bare date belongs to the header when the line is not a sentence and the date stands at
    an edge of it or beside a separator, with little else on the line."""
    if _BULLET.match(line) or _is_sentence(line):
        return False
    # a labelled field that is not the publication's ('일시 : …' of an event, '기간 : …')
    same_field = re.split(r"[|ㅣ]|\s{2,}", line[:start])[-1]
    if (lab := re.match(r"\s*([가-힣A-Za-z ]{1,8}?)\s*[:：]", same_field)) and not re.fullmatch(_PUB_LABEL, lab[1].strip(), re.I):
        return False
    rest = (line[:start] + " " + line[end:]).strip(" |ㅣ·-–—/()[]")
    if len(rest) > 40 or re.search(r"기준|까지|부터|현재|발표|개최|시행|출범|~", rest):
        return False
    left, right = line[:start].rstrip(), line[end:].lstrip()
    return not left or not right or left.endswith(("|", "ㅣ", "·", "/")) or right.startswith(("|", "ㅣ", "·", "/")) \
        or bool(re.search(r"\s{2,}$", line[:start]) or re.match(r"\s{2,}", line[end:]))


def _issuer(m: re.Match) -> str | None:
    """The value of a '발행처 :' field, unless it is a date ('발행 : 2023.11.15')."""
    value = m["who"].strip()
    return value if len(value) <= 40 and not re.fullmatch(r"[\d\s.\-/년월일:()월화수목금토]+", value) else None


def _split_site_title(line: str) -> tuple[str, str | None]:
    """'Headline | 한누리뉴스' (a page title): the headline and the site."""
    m = re.match(r"^(?P<t>.{8,}?)\s+(?:[|ㅣ:]|::|-|–|—)\s+(?P<s>[^|ㅣ:]{2,25})$", line)
    if m and (who := _org_name(m["s"])):
        return m["t"].strip(), who
    return line, None


_PUBLISH_WORD = re.compile(r"(?:발행|발간|펴냄)(?![가-힣])")


def _masthead_name(line: str) -> str | None:
    """The name a masthead line gives its publication, without issue number, date and labels."""
    name = line
    for noise in (_YMD, _YM, _ISSUE, _PUBLISH_WORD):
        name = noise.sub(" ", name)
    name = re.sub(r"[|ㅣ\[\]<>《》【】「」『』:：]", " ", name)
    name = " ".join(name.split()).strip(" .,-–—·")
    if len(name) < 4 or not re.search(r"[가-힣A-Za-z]{2}", name) or _org_name(name) == name:
        return None
    return name


def _labelled_issuer(line: str) -> re.Match | None:
    """'발행처: …': only a line with a colon is searched."""
    return _LABELLED_ISSUER.search(line) if ":" in line or "：" in line else None


def _is_toc(line: str) -> bool:
    """A contents heading or a contents line ending on a page number. Past the line's start only the
    page form can match, and only on a line ending on a digit: a long line is not searched otherwise."""
    return bool(_TOC.match(line) or line.rstrip()[-1:].isdecimal() and _TOC.search(line))


# --- reading -----------------------------------------------------------------------------
def read_metadata(text: str) -> Metadata:
    lines = text.split("\n")
    head = _nonempty(lines[:400], _HEAD_LINES)
    tail = _nonempty(lines[-_TAIL_LINES:]) if len(lines) > _HEAD_LINES else []

    dates: list[tuple[int, int, date, str, str]] = []  # (rank, line, day, precision, source)
    publishers: list[tuple[int, int, str]] = []  # (rank, line, name)
    kinds: list[str] = []
    body = len(head)
    for i, line in enumerate(head):
        kind = "headline"
        who, dl = _dateline(line)
        if who or dl is not None:
            if who:
                publishers.append((0, i, who))
            if dl is not None:
                year = next((d[2].year for d in sorted(dates) if d[0] <= 2), None) or context_year(text)
                if year and (day := _safe_date(year, int(dl["m"]), int(dl["d"]))):
                    dates.append((3, i, day, "day", "dateline"))
            body = min(body, i)
            kinds.append("dateline")
            continue
        footer = bool(_FOOTER.search(line))
        for rank, day, precision, start, end in ([] if footer else _dates_in(line)):
            if rank == 1 and (i >= body or not _bare_date_line(line, start, end)):
                continue
            if rank != 1 and (_is_sentence(line) or (i >= body and _BULLET.match(line))):
                continue
            dates.append((rank, i, day, precision, "header"))
            kind = "date"
        if kind != "date" and i < body and (_ISSUE.search(line) or len(line) <= 25) and not _is_sentence(line) \
                and not _BULLET.match(line):
            for m in _YM.finditer(line):
                rest = (line[:m.start()] + line[m.end():]).strip()
                if _ISSUE.search(line) or len(rest) <= 12:
                    dates.append((4, i, date(int(m["y"]), int(m["m"] or m["m2"]), 1), "month", "header"))
        if m := _labelled_issuer(line):
            if who := _issuer(m):
                publishers.append((1, i, who))
            kind = "label"
        elif ("기자" in line or "특파원" in line) and (m := _BYLINE_OUTLET.search(line)):
            publishers.append((1, i, m["who"]))
        if m := _SOURCE.match(line):
            publishers.append((4, i, m["who"].strip()))
        if i < body and any(w in line for w in _CREDIT_WORDS):
            for seg in _segments(line):
                if (m := _CREDIT.match(seg)) and not _is_sentence(line):
                    publishers.append((1, i, m["who"].strip()))
        if i < body and (m := _DOC_TYPE.match(line)) and (who := m["who"].strip()) and not _is_sentence(who):
            publishers.append((1, i, who))
            kind = "label"  # '○○시 경제정보화국 보도자료': the kind of document, not its headline
        elif i < body and (m := _NEWSLETTER_OF.match(line)) and (who := _org_name(m["who"])):
            publishers.append((2, i, who))  # '○○연구원 뉴스레터 제12호': the issuer of the newsletter
        if _NOTICE.search(line):
            kind = "notice"
            if (m := _COPYRIGHT.search(line)) and (owner := (m["a"] or m["b"] or m["c"] or "").strip(" '\"‘’“”")):
                if not _NOT_AN_OWNER.search(owner) and len(owner) >= 2:
                    publishers.append((3, i, owner))
        if kind == "headline":
            if _is_chrome(line):
                kind = "chrome"
            elif _LABEL.match(line) or line.count(":") + line.count("：") >= 2 and len(_LABEL_FIELD.findall(line)) >= 2:
                kind = "label"
            elif _is_toc(line):
                kind = "toc"
            elif len(line) <= 50 and _BYLINE.search(line):
                kind = "byline"
            elif line.startswith("※") and i <= body:
                kind = "notice"  # '※ 본 자료는 참고 번역본이며 …': a remark on the document, not its body
            elif (_is_sentence(line) and len(line) >= 40) or (_BULLET.match(line) and len(line) >= 60):
                kind = "body"
                body = min(body, i)
            elif _is_sentence(line):
                kind = "sentence"  # a short sentence (a page notice, a one-line lead): not a headline
            elif _BULLET.match(line):
                kind = "bullet"
            elif re.fullmatch(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef（）()0-9\-—\s]+", line):
                kind = "chinese"  # a Chinese original title under a Korean one
            elif (org := _org_name(line)) and len(line[len(org):].split()) <= 1:
                kind = "org"  # a body's name on its own line ('주중국 대한민국 대사관', '○○망 한국어판')
            elif line.count("\t") >= 2:
                kind = "table"  # a table row or a table of contents
            elif not re.search(r"\d", line) and (len(re.sub(r"\s", "", line)) < 8 or (" " not in line and len(line) <= 15)):
                kind = "name"  # a bare name: a masthead, a section, a table header
            elif _ISSUE.search(line):
                kind = "issue"
        kinds.append(kind)

    title, title_at = _pick_title(head, kinds, body)
    # The header ends at the body, or at the contents or the first section after the headline.
    header_end = min(body, len(head))
    if title_at is not None:
        header_end = next((k for k in range(title_at + 1, header_end) if kinds[k] in ("toc", "table", "bullet")), header_end)
    # Names of outlets and bodies in the header zone: a masthead above the headline may be a
    # bare name; elsewhere the name must end like one ('…뉴스', '…연구소', '…대사관').
    for i in range(header_end):
        if kinds[i] in ("name", "org", "chrome", "headline", "label", "date", "issue") and i != title_at:
            above = title_at is None or i < title_at
            if kinds[i] == "label" and not re.search(r"[|ㅣ]", head[i]):
                continue
            if kinds[i] == "chrome" and not re.search(r"[|ㅣ]", head[i]):
                continue
            segs = [_YMD.sub(" ", s).strip() for s in _segments(head[i]) if not _LABEL.match(s)]
            for seg in reversed(segs):
                if who := _org_name(seg, single_ok=above and kinds[i] == "name" and len(segs) == 1):
                    publishers.append((2, i, who))
                    break
        if i == title_at and (site := _split_site_title(head[i])[1]):
            publishers.append((2, i, site))
    if title is not None:
        title = _split_site_title(title)[0]
    else:  # no headline: a newsletter names itself on its masthead line ('[주간 …] 제47호 | 2025.3.14 발행')
        title = next((name for i in range(header_end) if kinds[i] in ("date", "issue")
                      and (name := _masthead_name(head[i]))), None)
    for j, line in enumerate(tail):
        if (m := _labelled_issuer(line)) and (who := _issuer(m)):
            publishers.append((1, _HEAD_LINES + j, who))
        if _NOTICE.search(line) and (m := _COPYRIGHT.search(line)):
            owner = (m["a"] or m["b"] or m["c"] or "").strip(" '\"‘’“”")
            if len(owner) >= 2 and not _NOT_AN_OWNER.search(owner):
                publishers.append((3, _HEAD_LINES + j, owner))

    publisher = min(publishers)[2] if publishers else None
    if dates:
        _, _, day, precision, source = min(dates, key=lambda d: (d[0], d[1]))
        published = (day, precision, source)
    elif year := context_year(text):
        published = (date(year, 1, 1), "year", "inferred")
    else:
        published = (None, None, None)
    return Metadata(title, publisher, *published)


def _pick_title(head: list[str], kinds: list[str], body: int) -> tuple[str | None, int | None]:
    """The headline: the first headline line of the header zone. A short line directly above a
    longer headline is a kicker; a series or issue line ('… 2021-03호') gives way to a headline
    that follows it across header fields only (a one-article issue)."""
    zone = [i for i in range(min(body, len(head))) if kinds[i] in ("headline", "issue")]
    if not zone:
        return None, None
    first = zone[0]
    if kinds[first] == "issue":
        for j in range(first + 1, min(body, len(head))):
            if kinds[j] == "headline":
                first = j
                break
            if kinds[j] not in ("date", "label", "byline", "name"):
                break
    elif len(zone) > 1:
        nxt = zone[1]
        short = len(re.sub(r"\s", "", head[first]))
        between = all(kinds[k] in ("chrome", "name") for k in range(first + 1, nxt))
        bracketed = re.fullmatch(r"[\[【<〈《(].{1,20}[\]】>〉》)]", head[first])  # '[현장 르포]'
        if between and (bracketed or (short < 12 and len(re.sub(r"\s", "", head[nxt])) >= 2 * short)):
            first = nxt
    line = re.sub(r"^(?:제\s*목|title)\s*[:：]\s*", "", head[first], flags=re.I)  # '제목 : …'
    return re.split(r"(?<=[.!?])(?<![A-Za-z]\.)\s", line, maxsplit=1)[0][:200], first  # not after 'No.', 'Vol.'
