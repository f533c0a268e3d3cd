"""Kind of a figure: ``actual``, ``target`` or ``forecast``, with the rule that decided it.

The statement's words decide first (목표, 예정, 계획이다, -겠-: a target; 전망, 예상,
내다봤다, 것으로 보인다: a forecast); then its tense (a future '할 것', '할 계획' with
no past verb is a target); then its place (an item under a goals heading, a
statement that goes on with the plan of the sentence before it). A clause in the
past tense states a fact even inside a sentence that ends on a forecast.
"""
from __future__ import annotations

import re

from pipeline.extract.phrases import CLAUSE_END

FORECAST = re.compile(r"전망|예상|예측|내다보|내다봤|추산|점쳐|것으로[ \u00a0]보(?:인|고|았|여|임|이)|향후[ \u00a0]?\d+[ \u00a0]?년"
                      r"|(?:[’'′‘`´]\d\d|20\d\d)[FE](?![A-Za-z])")  # ’25F, 2026E: a research note's forecast year
TARGET_STRONG = re.compile(r"목표|예정|방침|하기로|키로|계획이다|계획을 세|계획임|겠")
# '… 방안은', '「…계획」에 따르면': the sentence reports what a plan sets out
PLAN_TOPIC = re.compile(r"^[(\s]*(?:이[ \u00a0]|해당[ \u00a0]|동[ \u00a0])?(?:[「『<《‘“'\"][^」』>》’”'\"]{1,60}[」』>》’”'\"]|[가-힣]*"
                        r"(?:방안|계획|요강|강령|청사진|지침|규획))[ \u00a0]?(?:은|는|에는|에서는|에 따르면|에서)")
# '…까지 … 달성/구축/확대/육성 …' in a plan: the verbs of a goal
GOAL_VERB = re.compile(r"달성|구축|확대|육성|조성|확보|유치|개방|돌파|끌어올|높이|늘리|양성|보급|배출|선정|도입")
GOAL_HEADING = re.compile(r"목표|과제|임무")


def _syllables(final: int) -> str:
    """All Hangul syllables with the given final consonant (jongseong index)."""
    return "".join(chr(c) for c in range(0xAC00, 0xD7A4) if (c - 0xAC00) % 28 == final)


# 'ㅆ' final marks the past tense (했, 었, 됐 …); 있 is 'to be' and 겠 is intent.
PAST = re.compile("[" + _syllables(20).replace("있", "").replace("겠", "") + "]")
# 'ㄹ' final + 것/계획/예정: '늘릴 것이다', '할 계획'.
FUTURE = re.compile("[" + _syllables(8).replace("을", "").replace("를", "") + r"][ \u00a0]?(?:것|계획|예정|방침)")
# someone's words about what will happen: '"… 줄어들 것"이라며', "…늘어날 것'이라고"
_SAID_WILL = re.compile(r"[" + _syllables(8) + r"][ \u00a0]?것[\"”’'」][ \u00a0]?(?:이?라(?:며|고|는|면서))")
# the future of a verb of change without an agent: '도달할 것', '늘어날 것', '시작될 것', '커질 것'
_CHANGE_WILL = re.compile(r"(?:도달|달|이를|증가|감소|성장|상승|하락|늘어날|줄어들|커질|작아질|높아질|낮아질|오를|떨어질"
                          r"|넘어설|넘을|[가-힣]될)[ \u00a0]?(?:할[ \u00a0]?)?것")
# prize money announced: what a contest will award
_AWARD = re.compile(r"(?:상금|포상금|장려금|시상금)[^.]{0,40}?(?:지급|수여|시상)")
# what a facility will hold once finished
_ONCE_BUILT = re.compile(r"[\W]*(?:완공|준공|완성|가동|건설|건립)[ \u00a0]?(?:후|이후|되면|하면)[ \u00a0,]")
# '90%에 도달하고, … 시작될 것이다': a verb joined by -하고/-되고 shares the tense of the last one
# ('하고 있으며' is a progressive present, not a join)
_SHARED_TENSE = re.compile(r"[하되]고")
_CONTRAST = re.compile(r"\W*(?:그러나|하지만|반면|다만)")


def statement_kind(s: str, state, is_bullet: bool) -> tuple[str, bool, bool | None, str]:
    """(kind of the statement, whether its own words say so and so carry to the next one,
    whether it is in the past tense: None when a strong kind was found before it was read,
    the rule)."""
    if TARGET_STRONG.search(s):
        return "target", True, None, "kind.target_word"
    if PLAN_TOPIC.search(s):
        return "target", True, None, "kind.plan_topic"
    if FORECAST.search(s):
        return "forecast", True, None, "kind.forecast_word"
    past = bool(PAST.search(s))
    # cheap tests first: a prediction or a future needs '것' (or '계획', '예정', '방침'), a prize '금'
    will = "것" in s
    if will and _SAID_WILL.search(s):
        return "forecast", True, past, "kind.quoted_prediction"  # '“… 30% 줄어들 것”이라며'
    if not past and (will or "계획" in s or "예정" in s or "방침" in s) and (fut := FUTURE.search(s)):
        if _CHANGE_WILL.search(s, max(0, fut.start() - 4), fut.end()) and "까지" not in s \
                and not state.section.target and state.carry_kind != "target":
            # '보급률은 90%에 도달할 것이다': a change foreseen, not a plan someone carries out
            return "forecast", True, past, "kind.foreseen_change"
        return "target", True, past, "kind.future_tense"
    if not past and "금" in s and _AWARD.search(s):
        return "target", False, past, "kind.prize_schedule"  # '1등 1명에게 상금 8만 위안 지급'
    if not past and _ONCE_BUILT.match(s):
        return "target", False, past, "kind.once_built"  # '완공 후 서버 80만 대를 설치해 …'
    if (is_bullet or state.table_row and state.section.goals_heading) and state.section.target and not past \
            and not state.goal_heading:
        return "target", False, past, "kind.goals_section"
    # '…하기로 했다. 공동으로 200 만 명의 …을 지원한다.': the plan goes on in the next sentence
    # (a forecast does not: it is one sentence's prediction)
    if state.carry_kind == "target" and not past and not _CONTRAST.match(s):
        return state.carry_kind, False, past, "kind.carried_from_previous_sentence"
    return "actual", False, past, "kind.default_actual"


def clause_kind(s: str, pos: int, kind: str, rule: str, plan_topic: bool) -> tuple[str, str]:
    """A clause that states a fact keeps it a fact in a sentence that ends on a forecast or
    plan: '30% 증가했으며 … 118%나 증가할 것으로 보고 있다' (past tense), '20여 개 지방정부가
    이미 … 두고 있으며, … 뒤따를 것으로 보인다' (a forecast word only in a later clause)."""
    if kind == "actual" or plan_topic:
        return kind, rule
    starts = [m.end() for m in CLAUSE_END.finditer(s, 0, pos)]
    end = CLAUSE_END.search(s, pos)
    clause = s[starts[-1] if starts else 0:end.end() if end else len(s)]
    own_word = TARGET_STRONG.search(clause) or FORECAST.search(clause) or FUTURE.search(clause)
    if own_word:
        return kind, rule
    if PAST.search(clause):
        return "actual", "kind.past_clause"
    if kind == "forecast" and end is not None and not (_SHARED_TENSE.match(end.group()) and not s.startswith("있", end.end())):
        return "actual", "kind.clause_before_the_forecast"
    return kind, rule


# periods a statement states itself (not inherited from the paragraph, list or heading above)
OWN_PERIOD = frozenset({"period.date_before_in_clause", "period.date_right_after", "period.year_of_an_earlier_clause",
                        "period.range_start_for_from_value"})


def past_period(kind: str, rule: str, period: str | None, period_rule: str, published) -> tuple[str, str]:
    """A target or forecast for a year already over when the text was written is a figure of
    that year: '2,488억 위안(’23) → 3,500억 위안(′25)' in a 2024 plan. Only a year the statement
    gives its figure itself: a plan reported under an earlier year ('▲2013년 = … 계획 투자액은
    약 200억 위안') is still a plan."""
    if kind != "actual" and period and published is not None and int(period[:4]) < published.year \
            and period_rule in OWN_PERIOD:
        return "actual", "kind.period_before_publication"
    return kind, rule


# The investment a project is to take, not money spent: '계획 투자액은 약 200억 위안', '투자 예정액',
# '15억 위안을 투자하는 프로젝트', '총 투자 40억 위안 규모의 프로젝트를 체결했다'; and '총 투자액은
# 105억 위안이며', '투자 규모 10억 달러' when the clause reports nothing done (no past tense).
_PLANNED_INVESTMENT = re.compile(r"(?:계획[ \u00a0]?투자|투자[ \u00a0]?(?:예정|계획))(?:액|금액|금|규모)?[ \u00a0]?(?:은|는|이|가)?"
                                 r"[ \u00a0]?(?:약|총|최대)?[ \u00a0]?$")
_INVESTMENT = re.compile(r"(?:총[ \u00a0]?투자|투자[ \u00a0]?(?:액|금액|금|규모))(?:액|금액|금|규모)?[ \u00a0]?(?:은|는|이|가)?"
                         r"[ \u00a0]?(?:약|총|최대)?[ \u00a0]?$")
_TO_INVEST = re.compile(r"[^.,;]{0,25}?(?:을|를)[ \u00a0]?(?:투자|투입)(?:하는|할)(?![ \u00a0]?것으로)")
_PROJECT_SIZE = re.compile(r"[ \u00a0]?규모의[ \u00a0]?[가-힣A-Za-z]")


def planned_investment(s: str, pos: int, end: int, kind: str, rule: str) -> tuple[str, str]:
    """An investment figure a project is to take is a target even in a sentence that reports
    the signing ('… 프로젝트를 체결했다'); money reported spent ('투자했다', '투자액이 … 증가했다')
    stays actual."""
    if kind != "actual" or "투" not in s:
        return kind, rule
    before = s[max(0, pos - 16):pos]
    if _PLANNED_INVESTMENT.search(before) or _TO_INVEST.match(s, end):
        return "target", "kind.planned_investment"
    if _INVESTMENT.search(before):
        if _PROJECT_SIZE.match(s, end):
            return "target", "kind.planned_investment"  # '총 투자 40억 위안 규모의 프로젝트'
        starts = [m.end() for m in CLAUSE_END.finditer(s, 0, pos)]
        after = CLAUSE_END.search(s, end)
        if not PAST.search(s, starts[-1] if starts else 0, after.end() if after else len(s)):
            return "target", "kind.planned_investment"  # '총 투자액은 105억 위안이며'
    return kind, rule
