"""An analyst's series view: one canonical indicator across every document of a release.

The metrics table keeps each figure in its document's words ('디지털 경제 총량',
'디지털경제 규모'). ``INDICATORS`` is a small curated list of canonical indicators, each
recognised from those words, and ``series('digital_economy_size')`` gathers its figures
from all documents, period by period, each with its evidence and line:

    from pipeline.series import series, conflicts
    df = series("digital_economy_size", place="구이저우")
    conflicts(df)  # periods the documents disagree on

How a row is recognised (``canonical_indicator``). Text is compared without spaces,
quotes or middle dots, lower-cased, with ``pipeline.keys.EQUIVALENCES`` applied (so
'디지털 경제' = '수자경제' = 디지털경제, 'AI' = 인공지능). An indicator has a *measure*
pattern (규모, 비중, 기지국 수...) and may have a *topic* pattern (디지털경제...); both
must match the row's subject + indicator, except that an indicator's ``context`` lets
the measure, the topic or either be found instead in the evidence before the number:
extraction often keeps only '국내총생산(GDP) 비중' of '디지털경제 총량은 ... GDP의 40%를
차지', or only '디지털경제' of '디지털경제 규모를 2조 위안으로'. (Digital-economy size
takes only its measure from there: 'AI 산업 규모' in a sentence about the digital
economy is no digital-economy size.)
An ``exclude`` pattern on subject + indicator keeps growth rates, ranks and sub-measures
out. ``series`` then keeps the indicator's expected units only (a won conversion of a
yuan figure is not a second value), unless ``unit`` asks for another.
"""
from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.keys import EQUIVALENCES

_RATES = r"증가율|성장률|상승률|감소율|증가폭|증감|전년|동기|전월|순위|지수|연평균"


@dataclass(frozen=True)
class Indicator:
    name: str
    label: str  # in Korean, for a chart
    units: tuple[str, ...]  # expected units (schemas/units.py names)
    measure: str  # regex: what is measured
    topic: str | None = None  # regex: what it is measured of, when the measure alone is ambiguous
    exclude: str | None = None  # regex on subject + indicator
    context: str | None = None  # "measure", "topic" or "either": may come from the evidence before the number


_DE = r"디지털경제"
INDICATORS: tuple[Indicator, ...] = (
    Indicator("digital_economy_core_gdp_share", "디지털경제 핵심산업 부가가치의 GDP 대비 비중", ("percent",),
              r"핵심산업.*(?:gdp|grdp|국내총생산|지역총생산|비중|차지)", _DE, _RATES, context="either"),
    Indicator("digital_economy_size", "디지털경제 규모", ("CNY", "USD"),
              r"규모|총량|부가가치|증가치|총액", _DE, rf"핵심산업|비중|{_RATES}", context="measure"),
    Indicator("digital_economy_gdp_share", "디지털경제의 GDP 대비 비중", ("percent",),
              r"gdp|grdp|국내총생산|지역총생산|비중|차지", _DE, rf"핵심산업|{_RATES}", context="either"),
    Indicator("5g_base_stations", "5G 기지국 수", ("count",), r"5g기지국|5g基站", None, rf"비중|보급률|{_RATES}"),
    Indicator("5g_users", "5G 이용자 수", ("persons", "count"), r"5g(?:이동전화)?(?:이용자|사용자|가입자|用户)",
              None, rf"비중|보급률|침투율|{_RATES}"),
    Indicator("online_retail_sales", "온라인 소매판매액", ("CNY", "USD"),
              r"(?:온라인|인터넷|网上)소매(?:판매)?(?:액|총액|매출|규모)|网上零售额", None, rf"실물|实物|비중|{_RATES}"),
    Indicator("online_retail_sales_physical_goods", "실물상품 온라인 소매판매액", ("CNY", "USD"),
              r"(?:실물|实物).*(?:온라인|인터넷|网上)(?:소매|零售)", None, rf"비중|{_RATES}"),
    Indicator("ecommerce_turnover", "전자상거래 거래액", ("CNY", "USD"),
              r"전자상거래(?:거래액|거래규모|교역액|규모)$|电子商务交易额", None,
              rf"국경간|크로스보더|跨境|수출입|비중|{_RATES}"),
    Indicator("cross_border_ecommerce_trade", "국경간 전자상거래 수출입액", ("CNY", "USD"),
              r"(?:국경간|크로스보더|跨境)전자상거래(?:거래액|교역액|수출입액|규모)|전자상거래수출입액|跨境电商进出口",
              None, rf"비중|{_RATES}"),
    Indicator("data_exchange_turnover", "데이터거래소 거래액", ("CNY", "USD"),
              r"거래액|거래규모|거래금액|成交额|交易额", r"데이터거래(?:소|센터)|数据交易所|数据交易中心",
              rf"시장규모|비중|{_RATES}", context="topic"),
    Indicator("data_trading_market_size", "데이터 거래 시장 규모", ("CNY", "USD"),
              r"데이터(?:거래)?시장(?:규모)?|数据交易市场规模", None, rf"비중|{_RATES}"),
    Indicator("computing_power", "컴퓨팅 파워(산력) 총규모", ("exaflops",),
              r"컴퓨팅(?:파워|능력|성능|용량|규모|자원)|(?<!지능)산력|연산력|算力", None,
              rf"스마트|지능|智算|智能|비중|{_RATES}"),
    Indicator("intelligent_computing_power", "스마트 컴퓨팅 파워(지능형 산력)", ("exaflops",),
              r"(?:스마트|지능형?|智能)(?:컴퓨팅|산력|연산|算力)|智算", None, rf"비중|{_RATES}"),
    Indicator("data_center_racks", "데이터센터 랙 수", ("count",), r"랙|机架", r"데이터센터|idc|数据中心|컴퓨팅|算力",
              rf"가동률|이용률|비중|{_RATES}"),
    Indicator("cloud_computing_market_size", "클라우드컴퓨팅 시장 규모", ("CNY", "USD"),
              r"클라우드(?:컴퓨팅)?시장규모|云计算市场规模", None, rf"비중|{_RATES}"),
    Indicator("ai_core_industry_size", "인공지능 핵심산업 규모", ("CNY", "USD"),
              r"인공지능핵심산업(?:규모|부가가치)?", None, rf"비중|{_RATES}"),
    Indicator("industrial_internet_value_added", "공업인터넷 산업 부가가치 규모", ("CNY", "USD"),
              r"(?:공업|산업)인터넷산업(?:부가가치|증가치|규모)|工业互联网产业(?:增加值|规模)", None, rf"비중|{_RATES}"),
)
_BY_NAME = {i.name: i for i in INDICATORS}
_COMPILED = {i.name: (re.compile(i.measure), re.compile(i.topic) if i.topic else None,
                      re.compile(i.exclude) if i.exclude else None) for i in INDICATORS}
_EQUIVALENCES = tuple((re.compile(p), r) for p, r in EQUIVALENCES if not p.startswith("^"))
_REMOVED = re.compile(r"[\s'\"‘’“”「」『』《》〈〉<>\[\]{}【】〔〕·ㆍ・,*]")

COLUMNS = ["period", "value", "unit", "kind", "qualifier", "place_code", "subject", "indicator_text",
           "source_file", "metric_id", "evidence", "line_start"]


def _norm(text) -> str:
    text = _REMOVED.sub("", "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)).lower()
    for pattern, replacement in _EQUIVALENCES:
        text = pattern.sub(replacement, text)
    return text


def canonical_indicator(indicator_text: str, subject: str = "", *, context: str = "", unit: str | None = None) -> str | None:
    """The canonical indicator a metric's words name, or None.

    With ``unit``, only indicators expecting that unit are considered (a percentage in a
    sentence about the size of the digital economy is its share, not its size).

    ``context`` is the evidence before the number (``series`` passes it); it may supply the
    measure or the topic of an indicator as its ``context`` field allows (module docstring).
    """
    own, normed = _own_words(f"{subject or ''} {indicator_text or ''}"), []

    def ctx() -> str:  # normalised only when an indicator may take something from it (most rows: never)
        if not normed:
            normed.append(_norm(context))
        return normed[0]

    for name, (measure, topic, exclude) in _COMPILED.items():
        if (unit is not None and unit not in _BY_NAME[name].units) or (exclude and exclude.search(own)):
            continue
        has_measure, has_topic = measure.search(own), topic is None or topic.search(own)
        if has_measure and has_topic:
            return name
        allowed = _BY_NAME[name].context
        if allowed in ("topic", "either") and has_measure and topic.search(ctx()):
            return name
        if allowed in ("measure", "either") and has_topic and measure.search(ctx()):
            return name
    return None


_own_words = functools.lru_cache(maxsize=1 << 16)(_norm)  # subject + indicator pairs repeat across rows


def _before_number(evidence: str, value_text: str) -> str:
    at = evidence.find(value_text) if value_text else -1
    return evidence if at < 0 else evidence[:at]


_NAMES: dict[bytes, str | None] = {}  # canonical_indicator results, by a 128-bit digest of the arguments


def _remembered(indicator_text, subject, context: str, unit) -> str | None:
    """canonical_indicator, remembered: a row's canonical name does not depend on the indicator asked for, and
    an analyst asks series() for one indicator after another over the same metrics."""
    key = hashlib.blake2b(repr((indicator_text, subject, context, unit)).encode("utf-8"), digest_size=16).digest()
    if key not in _NAMES:
        if len(_NAMES) >= 2_000_000:
            _NAMES.clear()
        _NAMES[key] = canonical_indicator(indicator_text, subject, context=context, unit=unit)
    return _NAMES[key]


def _metrics(tables, version, outputs_dir) -> pd.DataFrame:
    if tables is None:
        from pipeline.access import load

        return load("metrics", version, outputs_dir)
    return tables if isinstance(tables, pd.DataFrame) else tables["metrics"]


def _place_filter(df: pd.DataFrame, place: str) -> pd.Series:
    if "place_code" in df.columns:
        return (df["place_code"].astype("string") == place).fillna(False)
    # no place codes: the subject names the place ('구이저우' matches '구이저우성')
    wanted = re.sub(r"\s", "", place)
    return df["subject"].astype("string").str.replace(r"\s", "", regex=True).str.contains(wanted, regex=False).fillna(False)


def series(indicator: str, place: str | None = None, unit: str | None = None, version: str | None = None,
           outputs_dir: str | Path | None = None, tables: dict | pd.DataFrame | None = None) -> pd.DataFrame:
    """Every figure of one canonical indicator, one row per period, source document and value.

    Reads the metrics of release ``version`` (newest by default) under ``outputs_dir``, or
    ``tables`` (``load_release()``'s dict, or a metrics frame) when given. ``place`` filters
    on ``place_code`` when the metrics table has that column, otherwise on the subject
    containing it. ``unit`` keeps that unit only; by default the indicator's expected units.
    Rows without a period are left out. Different values for one period stay side by side,
    never averaged (``conflicts`` lists them); the same value repeated within a document
    for the same period, kind, unit and subject is kept once (its first statement).
    Sorted by period, then kind (actual, forecast, target), document and line. Columns:
    ``COLUMNS`` (place_code only when the metrics table has it).
    """
    if indicator not in _BY_NAME:
        raise ValueError(f"unknown indicator {indicator!r}; canonical indicators: {', '.join(_BY_NAME)}")
    metrics = _metrics(tables, version, outputs_dir)
    has_place = "place_code" in metrics.columns
    df = metrics[metrics["period"].notna()]
    if place is not None:
        df = df[_place_filter(df, place).to_numpy(dtype=bool)]
    units = (unit,) if unit is not None else _BY_NAME[indicator].units
    df = df[df["unit"].isin(units).to_numpy(dtype=bool)]
    names = _names(df, unit)
    return _series_rows(df[[n == indicator for n in names]], metrics.dtypes, has_place)


def canonical_rows(metrics: pd.DataFrame) -> pd.DataFrame:
    """The metrics rows that state a canonical indicator (with a period, in one of its units), its name in
    ``canonical``. A table can be named a batch of rows at a time and the parts joined for ``all_series``."""
    df = metrics[metrics["period"].notna().to_numpy(dtype=bool)
                 & metrics["unit"].isin(sorted({u for i in INDICATORS for u in i.units})).to_numpy(dtype=bool)]
    names = pd.Series(_names(df, None), index=df.index, dtype=object)
    return df.assign(canonical=names)[names.notna().to_numpy(dtype=bool)]


def all_series(metrics: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """``series(name, tables=metrics)`` of every canonical indicator, each row named once (not once per indicator);
    ``metrics`` may be canonical_rows already."""
    has_place = "place_code" in metrics.columns
    named = metrics if "canonical" in metrics.columns else canonical_rows(metrics)
    return {i.name: _series_rows(named[((named["canonical"] == i.name) & named["unit"].isin(i.units)).to_numpy(dtype=bool)],
                                 metrics.dtypes, has_place) for i in INDICATORS}


def _names(df: pd.DataFrame, unit: str | None) -> list[str | None]:
    """Each row's canonical indicator (with ``unit``, as if every row had that unit)."""
    columns_of = {c: df[c].tolist() for c in ("indicator", "subject", "evidence", "value_text", "unit")}
    return [_remembered(i, s, _before_number(str(e), str(v)), None if unit is not None else u)
            for i, s, e, v, u in zip(*columns_of.values())]


def _series_rows(df: pd.DataFrame, dtypes: pd.Series, has_place: bool) -> pd.DataFrame:
    """One indicator's rows: sorted, a value repeated in a document for one period kept once, COLUMNS."""
    columns = [c for c in COLUMNS if c != "place_code" or has_place]
    df = df.rename(columns={"indicator": "indicator_text"})
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype=dtypes[c if c != "indicator_text" else "indicator"]) for c in columns})
    df = df.sort_values(["period", "kind", "source_file", "line_start"], kind="stable")
    key = ["period", "kind", "unit", "value", "source_file", "subject"] + (["place_code"] if has_place else [])
    df = df.drop_duplicates(subset=key, keep="first")
    return df[columns].reset_index(drop=True)


_ADMIN_SUFFIX = re.compile(r"(?:특별행정구|자치구|특별시|직할시|시|성|구)$")


def subject_place(subject) -> str:
    """A rough place of a subject, for series without place codes: its first word without
    the administrative suffix ('상하이시' -> '상하이', '중국 디지털 경제' -> '중국',
    '쓰촨성 인민정부 판공청' -> '쓰촨'); a subject that is no place stays itself."""
    words = str(subject or "").split()
    return _ADMIN_SUFFIX.sub("", words[0]) or words[0] if words else ""


def conflicts(df: pd.DataFrame) -> pd.DataFrame:
    """The periods of a series with more than one distinct value.

    Grouped by period, kind and unit, and place: a target and an actual figure for one
    year are no conflict, nor are figures of two places. The place is ``place_code`` when
    the series has it, otherwise ``subject_place`` of the subject (two exchanges or two
    cities named by the subject are then compared apart). One row per conflict: period,
    kind, unit, place, values (sorted), source_files, metric_ids.
    """
    columns = ["period", "kind", "unit", "place", "values", "source_files", "metric_ids"]
    if df.empty:
        return pd.DataFrame(columns=columns)
    place = df["place_code"].astype("string").fillna("") if "place_code" in df.columns else df["subject"].map(subject_place)
    rows = []
    for (period, kind, unit, where), g in df.assign(place=place).groupby(["period", "kind", "unit", "place"], sort=True):
        values = sorted(set(g["value"].tolist()))
        if len(values) > 1:
            rows.append({"period": period, "kind": kind, "unit": unit, "place": where, "values": values,
                         "source_files": sorted(set(g["source_file"])), "metric_ids": list(g["metric_id"])})
    return pd.DataFrame(rows, columns=columns)


def indicators() -> pd.DataFrame:
    """The canonical indicators: name, Korean label, expected units."""
    return pd.DataFrame([{"name": i.name, "label": i.label, "units": list(i.units)} for i in INDICATORS])
