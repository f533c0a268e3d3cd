"""Property tests: no input makes the decoder or the extractor raise, and every row points at its text."""
import codecs
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import schemas
from pipeline import quarantine
from pipeline.corpus import DocumentResult, frames, process
from pipeline.extract.document import extract_document
from pipeline.sources import decode
from pipeline.validation import schema_failures

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DOC = {"doc_id": "doc_fuzz", "source_file": "fuzz.txt", "source_sha256": "0" * 64}

HANGUL = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
KOREAN_BITS = st.sampled_from([
    "만", "억", "조", "천", "백", "원", "위안", "달러", "%", "퍼센트", "명", "개", "곳", "배", "년", "월", "일", "㎞",
    "약 ", "이상", "가량", "까지", "목표", "지난해", "전년 대비", "제", "호", "회", "·", "∙", "?", "??", "。", ".", ",",
    " ", "\u00a0", "\t", "\n", "\r\n", "\r", "\ufeff", "\ufffd", "▲", "-", "(", ")", "'", "\"", "2030년", "8월 7일",
    "[신화망 베이징 8월7일]", "제14차 5개년 계획", "디지털 경제", "베이징시", "발표했다.", "규모는", "달했다.",
])
DIGITS = st.text(alphabet="0123456789", min_size=1, max_size=6)


@st.composite
def korean_number(draw):
    """'1조 4,172억 7,000만 위안', '약 8.42%', '3 만큼', '제 287호' and their broken cousins."""
    parts = []
    for magnitude in draw(st.lists(st.sampled_from(["조", "억", "만", "천", "백", ""]), min_size=1, max_size=4)):
        n = draw(DIGITS)
        if draw(st.booleans()) and len(n) > 3:
            n = f"{int(n):,}"
        if draw(st.booleans()):
            n += "." + draw(DIGITS)
        parts.append(n + draw(st.sampled_from(["", " "])) + magnitude)
    sep = draw(st.sampled_from(["", " ", "\u00a0"]))
    unit = draw(st.sampled_from(["", "원", " 위안", "달러", "%", "명", "개", "배", "㎞", "EFlops", "년", "호", " 만큼"]))
    lead = draw(st.sampled_from(["", "약 ", "제 ", "최소 ", "-", "▲"]))
    return lead + sep.join(parts) + unit


korean_ish = st.lists(st.one_of(KOREAN_BITS, st.text(HANGUL, min_size=1, max_size=8), DIGITS, korean_number()),
                      max_size=60).map("".join)
sentences = st.lists(st.tuples(st.text(HANGUL, min_size=2, max_size=10), korean_number(),
                               st.sampled_from(["을 기록했다.", "에 달할 전망이다.", " 규모다.\n", "\n", " ", "\r\n"])),
                     max_size=12).map(lambda xs: "".join(a + "는 " + b + c for a, b, c in xs))
any_text = st.one_of(st.text(max_size=300), korean_ish, sentences)
published = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))


def assert_provenance(text: str, tables: dict) -> None:
    for table, rows in tables.items():
        for r in rows:
            start, end = r["char_start"], r["char_end"]
            assert isinstance(start, int) and isinstance(end, int), (table, r)
            assert 0 <= start <= end <= len(text), (table, r)
            assert r["evidence"] == text[start:end], (table, r)
            assert r["line_start"] == text[:start].count("\n") + 1, (table, r)
            assert r["line_end"] == text[:max(start, end - 1)].count("\n") + 1, (table, r)
            assert r["line_start"] <= r["line_end"]


# ---------------------------------------------------------------- decoder

encoded_text = st.builds(
    lambda text, codec, bom: (codecs.BOM_UTF16_LE if bom and codec == "utf_16_le" else b"") + text.encode(codec, errors="ignore"),
    st.one_of(korean_ish, sentences), st.sampled_from(["utf_8", "utf_8_sig", "utf_16", "utf_16_le", "cp949", "euc_kr"]),
    st.booleans())
damaged = st.builds(lambda a, junk, b: a + junk + b, encoded_text, st.binary(max_size=8), encoded_text)


@FUZZ
@given(st.one_of(st.binary(max_size=2000), encoded_text, damaged))
def test_decoder_returns_the_bytes_decoded_or_a_reason(data):
    try:
        text, encoding, damage = decode(data)
    except ValueError as exc:
        assert str(exc), "a rejection must say why"
        return
    assert text.strip() and "\x00" not in text
    assert 0 <= damage <= len(text)
    # the text is exactly the file read with the reported codec: nothing added, dropped or normalised
    assert data.decode(encoding, errors="replace") == text


# ---------------------------------------------------------------- extractor

@FUZZ
@given(any_text, published)
def test_extractor_never_raises_and_every_row_points_at_its_text(text, when):
    tables = extract_document(text, when, DOC)
    assert set(tables) == {"metrics", "plans", "events"}
    assert_provenance(text, tables)
    for row in tables["metrics"]:
        assert row["value"] == row["value"], "NaN value"  # a metric always has a number


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.one_of(korean_ish, sentences), published), min_size=1, max_size=8))
def test_extracted_rows_pass_the_schemas(docs):
    """Whatever the text, the rows are valid table rows, or set aside by the quarantine for a content
    check that names them (a figure with nothing named besides it: '0조원' alone); never a failure
    of a whole column (validated in batches: pandera is the slow part)."""
    results = []
    for i, (text, when) in enumerate(docs):
        doc = {"doc_id": f"doc_{i:012d}", "source_file": f"fuzz{i}.txt", "source_sha256": f"{i:064x}"}
        document = {c: None for c in schemas.columns("documents")} | doc | {
            "bytes": len(text.encode()), "encoding": "utf_8", "damaged_chars": 0, "status": "ok",
            "line_count": text.count("\n") + 1, "char_count": len(text)}
        results.append(DocumentResult(document, extract_document(text, when, doc)))
    for table, df in frames(results).items():
        if table != "documents":
            kept, set_aside = quarantine.split(table, df)
            assert schema_failures(table, kept).empty
            assert set(set_aside["check"]) <= {"named_besides_figure"}, set_aside.head(10).to_string()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=1500), encoded_text, damaged))
def test_process_turns_any_file_into_one_document_row(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.txt"
        path.write_bytes(data)
        result = process(path)
    doc = result.document
    assert doc["status"] in ("ok", "rejected") and doc["bytes"] == len(data)
    if doc["status"] == "rejected":
        assert doc["error"]
        return
    text = decode(data)[0]
    assert doc["char_count"] == len(text) and doc["line_count"] == text.count("\n") + 1
    assert_provenance(text, result.tables)
