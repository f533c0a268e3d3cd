"""Explain mode on an invented document: every number of a line and the rules behind it."""
import subprocess
import sys
from datetime import date

from pipeline.extract.explain import explain_text
from pipeline.extract.metrics import extract_metrics

DOC = ("가상시 스마트항만 소식\n"
       "□ 2031년까지 목표\n"
       "  ㅇ 가상시는 제7회 항만포럼에서 무인 크레인 140대를 도입하고 물동량을 약 2,300만 톤으로 늘릴 계획임\n"
       "  ㅇ 작년 항만 매출은 85억 위안으로 전년 대비 12% 늘었음\n")


def test_every_number_of_the_line_with_its_rule():
    out = "\n".join(explain_text(DOC, date(2029, 4, 2), 3))
    assert "'7' at" in out and "dropped by filter.ordinal" in out
    assert "'140대' at" in out and "taken by candidate.number" in out
    for attr in ("unit", "qualifier", "kind", "period", "subject", "indicator"):
        assert f"      {attr}" in out
    assert "kind.target_word" in out and "unit.word:대" in out


def test_relative_year_and_comparison_base():
    out = "\n".join(explain_text(DOC, date(2029, 4, 2), 4))
    assert "2028" in out and "period.date_before_in_clause" in out


def test_the_trace_is_off_by_default_and_does_not_change_rows():
    plain_rows = extract_metrics(DOC, date(2029, 4, 2), [])
    trace = []
    traced_rows = extract_metrics(DOC, date(2029, 4, 2), [], trace=trace)
    assert plain_rows == traced_rows and trace
    assert all({"start", "text", "taken", "rule"} <= set(t) for t in trace)


def test_the_command_line(tmp_path):
    path = tmp_path / "doc.txt"
    path.write_text("2029-04-02\n" + DOC, encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "pipeline.extract", "--explain", str(path), "5"],
                         capture_output=True, text=True, check=True)
    assert res.stdout.startswith("line 5:") and "85억 위안" in res.stdout
