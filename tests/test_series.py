"""The series view: invented figures about invented provinces' digital economies."""
from datetime import date

import pandas as pd
import pytest

import schemas
from pipeline.extract.document import extract_document
from pipeline.series import INDICATORS, canonical_indicator, conflicts, series


def metric(n, source_file, subject, indicator, value, unit, period, evidence, value_text, kind="actual", line=1):
    return {
        "metric_id": f"metric_{n:016x}", "subject": subject, "indicator": indicator, "value": value, "unit": unit,
        "value_text": value_text, "qualifier": None, "kind": kind, "period": period, "plan_id": None,
        "doc_id": f"doc_{abs(hash(source_file)) % 16**12:012x}", "source_file": source_file, "source_sha256": "0" * 64,
        "line_start": line, "line_end": line, "char_start": 0, "char_end": len(evidence), "evidence": evidence,
        "extractor": "test@1",
    }


E1 = "작년 간쑤성의 디지털 경제 총량은 4천억 위안(약 75조원)으로 성 전체 국내총생산(GDP)의 35%를 차지했다."
E2 = "간쑤성 디지털경제 규모는 2023년 4천200억 위안으로 집계됐다."
E3 = "간쑤성 통계국은 2023년 간쑤성 수자경제 규모가 4천500억 위안이라고 밝혔다."
E4 = "간쑤성은 2027년까지 디지털경제 규모를 6천억 위안으로 키울 계획이다."
E5 = "칭하이성의 디지털경제 증가치는 2023년 1천100억 위안이었다."
E6 = "간쑤성의 디지털경제 규모 증가율은 2023년 9%였다."
E7 = "간쑤성 디지털경제 규모는 수년째 4천억 위안대를 유지하고 있다."

ROWS = [
    metric(1, "gansu_a.txt", "간쑤성", "디지털 경제 총량", 4e11, "CNY", "2023", E1, "4천억 위안", line=3),
    metric(2, "gansu_a.txt", "간쑤성", "디지털 경제 총량", 7.5e13, "KRW", "2023", E1, "75조원", line=3),
    metric(3, "gansu_a.txt", "간쑤성", "국내총생산(GDP) 비중", 35.0, "percent", "2023", E1, "35%", line=3),
    metric(4, "gansu_b.txt", "간쑤성", "디지털경제 규모", 4.2e11, "CNY", "2023", E2, "4천200억 위안", line=7),
    metric(5, "gansu_c.txt", "간쑤성 통계국", "수자경제 규모", 4.5e11, "CNY", "2023", E3, "4천500억 위안", line=2),
    metric(6, "gansu_c.txt", "간쑤성", "디지털경제", 6e11, "CNY", "2027", E4, "6천억 위안", kind="target", line=9),
    metric(7, "qinghai.txt", "칭하이성", "디지털경제 증가치", 1.1e11, "CNY", "2023", E5, "1천100억 위안", line=4),
    metric(8, "gansu_b.txt", "간쑤성", "디지털경제 규모 증가율", 9.0, "percent", "2023", E6, "9%", line=8),
    metric(9, "gansu_b.txt", "간쑤성", "디지털경제 규모", 4e11, "CNY", None, E7, "4천억 위안", line=12),
    metric(10, "gansu_b.txt", "간쑤성", "디지털경제 규모", 4.2e11, "CNY", "2023", E2, "4천200억 위안", line=15),  # restated
]


@pytest.fixture
def metrics():
    """Metrics as a release before place codes had them: places are read from the subjects."""
    return schemas.conform("metrics", ROWS).drop(columns=["place_code"])


def test_series_gathers_one_indicator_across_documents_with_evidence(metrics):
    df = series("digital_economy_size", tables={"metrics": metrics})
    assert list(df.columns) == ["period", "value", "unit", "kind", "qualifier", "subject", "indicator_text",
                                "source_file", "metric_id", "evidence", "line_start"]  # no place_code column here
    assert set(df["source_file"]) == {"gansu_a.txt", "gansu_b.txt", "gansu_c.txt", "qinghai.txt"}
    assert list(df["period"]) == ["2023"] * 4 + ["2027"]  # sorted by period, the null period left out
    assert set(df["unit"]) == {"CNY"}  # the won conversion is not a second value
    first = df[df["metric_id"] == "metric_0000000000000001"].iloc[0]
    assert first["evidence"] == E1 and first["line_start"] == 3 and first["indicator_text"] == "디지털 경제 총량"
    # the same value restated later in a document is kept once, at its first statement
    assert df[df["source_file"] == "gansu_b.txt"]["line_start"].tolist() == [7]
    target = df[df["period"] == "2027"].iloc[0]
    assert target["kind"] == "target" and target["value"] == 6e11  # 규모 read from the evidence


def test_conflicting_values_stay_side_by_side(metrics):
    df = series("digital_economy_size", place="간쑤", tables=metrics)
    gansu_2023 = df[(df["period"] == "2023") & (df["kind"] == "actual")]
    assert sorted(gansu_2023["value"]) == [4e11, 4.2e11, 4.5e11]  # not averaged
    found = conflicts(df)
    assert len(found) == 1
    c = found.iloc[0]
    assert (c["period"], c["kind"], c["unit"], c["place"]) == ("2023", "actual", "CNY", "간쑤")
    assert c["values"] == [4e11, 4.2e11, 4.5e11]
    assert c["source_files"] == ["gansu_a.txt", "gansu_b.txt", "gansu_c.txt"]


def test_figures_of_two_places_are_no_conflict(metrics):
    df = series("digital_economy_size", tables=metrics)
    assert "칭하이성" in set(df["subject"])
    assert len(conflicts(df)) == 1  # 간쑤's three values only; 칭하이 is another place


def test_place_filter_on_subject_and_on_place_code(metrics):
    assert set(series("digital_economy_size", place="칭하이", tables=metrics)["source_file"]) == {"qinghai.txt"}
    coded = metrics.assign(place_code=pd.array(["CN-GS"] * 6 + ["CN-QH"] + ["CN-GS"] + [None] * 2, dtype="string"))
    df = series("digital_economy_size", place="CN-QH", tables=coded)
    assert list(df["metric_id"]) == ["metric_0000000000000007"] and "place_code" in df.columns
    assert conflicts(series("digital_economy_size", tables=coded))["place"].tolist() == ["CN-GS"]


def test_unit_argument_and_other_indicators(metrics):
    krw = series("digital_economy_size", unit="KRW", tables=metrics)
    assert list(krw["value"]) == [7.5e13]
    share = series("digital_economy_gdp_share", tables=metrics)
    assert list(share["value"]) == [35.0]  # the topic came from the evidence before the number
    assert series("5g_base_stations", tables=metrics).empty


def test_unknown_indicator_lists_the_canonical_names(metrics):
    with pytest.raises(ValueError) as error:
        series("digital_economy_bigness", tables=metrics)
    for indicator in INDICATORS:
        assert indicator.name in str(error.value)


@pytest.mark.parametrize("words, subject, expected", [
    ("디지털 경제 총량", "간쑤성", "digital_economy_size"),
    ("숫자경제 규모", "", "digital_economy_size"),
    ("규모", "닝샤 디지털경제", "digital_economy_size"),
    ("디지털경제 규모 전년 대비 증가율", "닝샤", None),
    ("디지털경제 발전지수", "닝샤", None),
    ("디지털경제 핵심산업 부가가치 GDP 비중", "닝샤", "digital_economy_core_gdp_share"),
    ("GDP 대비 디지털경제 비중", "닝샤", "digital_economy_gdp_share"),
    ("5G 기지국 수", "윈난성", "5g_base_stations"),
    ("온라인 소매판매액", "전국", "online_retail_sales"),
    ("실물상품 온라인 소매판매액", "전국", "online_retail_sales_physical_goods"),
    ("거래액", "창사데이터거래소", "data_exchange_turnover"),
    ("전국 산력 총규모", "", "computing_power"),
    ("지능형 컴퓨팅 능력", "허페이시", "intelligent_computing_power"),
    ("AI 핵심산업 규모", "항저우시", "ai_core_industry_size"),
    ("인공지능 핵심산업 규모", "항저우시", "ai_core_industry_size"),
    ("자동차 판매량", "항저우시", None),
])
def test_canonical_indicator(words, subject, expected):
    assert canonical_indicator(words, subject) == expected


def test_context_supplies_the_missing_half_only_where_allowed():
    ctx = "디지털경제 붐 속에 윈난성 AI 산업 규모는 "
    assert canonical_indicator("AI 산업 규모", "윈난성", context=ctx) is None
    assert canonical_indicator("거래액", "윈난성", context="쿤밍데이터거래소의 올해 ") == "data_exchange_turnover"
    ctx = "윈난성의 디지털경제 규모는 3천억 위안으로 GDP의 "
    assert canonical_indicator("디지털경제", "윈난성", context=ctx, unit="percent") == "digital_economy_gdp_share"
    assert canonical_indicator("디지털경제", "윈난성", context=ctx, unit="CNY") == "digital_economy_size"


INVENTED = {
    "hn_2023.txt": (date(2023, 4, 12), "허난성 디지털경제 빠르게 성장\n"
                    "지난해 허난성의 디지털경제 규모는 1조 9천억 위안으로 지역총생산(GRDP)의 31%를 차지했다.\n"
                    "허난성은 2025년까지 디지털경제 규모를 2조 5천억 위안 이상으로 키우겠다는 목표를 세웠다.\n"),
    "hn_2024.txt": (date(2024, 3, 8), "허난성 데이터 산업 동향\n"
                    "허난성의 디지털경제 규모는 2022년 1조 8천억 위안을 기록했고 2023년에는 2조 1천억 위안으로 늘었다.\n"
                    "같은 기간 허난성의 5G 기지국 수는 15만 개를 넘어섰다.\n"),
    "hb_2023.txt": (date(2023, 9, 1), "후베이성 디지털경제 현황\n후베이성의 디지털경제 규모는 2022년 2조 2천억 위안에 달했다.\n"),
}


def test_series_of_extracted_documents():
    rows = []
    for i, (name, (published, text)) in enumerate(INVENTED.items()):
        doc = {"doc_id": f"doc_{i:012x}", "source_file": name, "source_sha256": "0" * 64, "title": text.splitlines()[0]}
        rows += extract_document(text, published, doc)["metrics"]
    metrics = schemas.conform("metrics", rows)
    df = series("digital_economy_size", place="CN-HA", tables=metrics)  # 허난 (Henan), read from the subjects
    got = set(zip(df["period"], df["value"], df["kind"], df["source_file"]))
    assert got == {("2022", 1.9e12, "actual", "hn_2023.txt"), ("2022", 1.8e12, "actual", "hn_2024.txt"),
                   ("2023", 2.1e12, "actual", "hn_2024.txt"), ("2025", 2.5e12, "target", "hn_2023.txt")}
    for row in df.itertuples():
        assert row.evidence in INVENTED[row.source_file][1]
        assert INVENTED[row.source_file][1].splitlines()[row.line_start - 1].startswith(row.evidence[:10])
    assert conflicts(df)["values"].tolist() == [[1.8e12, 1.9e12]]
    assert set(series("digital_economy_size", tables=metrics)["source_file"]) == set(INVENTED)
    assert series("digital_economy_gdp_share", tables=metrics)["value"].tolist() == [31.0]
    assert series("5g_base_stations", tables=metrics)["value"].tolist() == [150000.0]
