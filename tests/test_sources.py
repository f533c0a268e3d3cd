"""Reading documents: every file becomes an `ok` row with the right text or a `rejected` row saying why."""
import codecs
import hashlib
import os
import time
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import sources
from pipeline.corpus import process
from pipeline.sources import MAX_DOCUMENT_BYTES, decode, discover, read_document
from pipeline.store import DocumentStore

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "001_2b3796689cc4c02f.txt"


def seed_text() -> str:
    return SEED.read_bytes().decode("utf-8")


def korean_legacy_text() -> str:
    """The seed with the few characters CP949 lacks (e.g. U+2219) replaced one for one, so offsets agree."""
    return "".join(c if _encodable(c) else "\u00b7" for c in seed_text())


def _encodable(c: str) -> bool:
    try:
        c.encode("euc_kr")
        return True
    except UnicodeEncodeError:
        return False


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def metric_keys(result, with_offsets=True):
    rows = result.tables["metrics"]
    keys = [(r["value"], r["unit"], r["value_text"], r["evidence"]) + ((r["char_start"], r["char_end"], r["line_start"], r["line_end"]) if with_offsets else ())
            for r in rows]
    return sorted(keys, key=repr)


def assert_provenance(text: str, result) -> None:
    for table, rows in result.tables.items():
        for r in rows:
            assert 0 <= r["char_start"] <= r["char_end"] <= len(text), (table, r)
            assert r["evidence"] == text[r["char_start"]:r["char_end"]], (table, r)
            assert r["line_start"] == text[:r["char_start"]].count("\n") + 1, (table, r)
            assert r["line_end"] == text[:max(r["char_start"], r["char_end"] - 1)].count("\n") + 1, (table, r)


def assert_rejected(result, path: Path, *words: str) -> None:
    doc = result.document
    assert doc["status"] == "rejected" and doc["source_file"] == path.name
    for word in words:
        assert word in doc["error"], doc["error"]
    data = path.read_bytes()
    assert doc["bytes"] == len(data)
    if data:
        assert doc["source_sha256"] == hashlib.sha256(data).hexdigest()
    assert all(not rows for rows in result.tables.values())


# ---------------------------------------------------------------- unreadable input

@pytest.mark.parametrize("name,data,words", [
    ("empty.txt", b"", ["empty file", "0 bytes"]),
    ("blank.txt", " \n\t \r\n\u3000\u00a0  \n".encode(), ["only whitespace"]),
    ("blank16.txt", "  \n \n".encode("utf-16"), ["byte-order mark", "whitespace"]),
    ("report.pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", ["binary", "PDF"]),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ["binary", "PNG"]),
    ("nul.txt", "베이징 디지털 경제\n".encode() * 20 + b"\x00\x01\x02\x00" + "규모는 50%\n".encode(), ["binary", "NUL"]),
    ("random.txt", hashlib.sha512(b"seed").digest() * 64, ["binary"]),
    ("bom-garbage.txt", codecs.BOM_UTF16_LE + hashlib.sha512(b"x").digest() * 40, ["binary"]),
    ("latin1.txt", "Café crème, naïve façade, €5 — déjà vu.\n".encode("cp1252") * 5, ["cannot decode as text"]),
])
def test_unreadable_files_become_rejected_rows_with_a_reason(tmp_path, name, data, words):
    path = write(tmp_path, name, data)
    result = process(path)
    assert_rejected(result, path, *words)
    assert result.document["doc_id"].startswith("doc_")


def test_a_rejected_file_never_raises_even_when_it_vanishes(tmp_path):
    result = process(tmp_path / "gone.txt")
    assert result.document["status"] == "rejected" and "cannot read file" in result.document["error"]
    assert sources.sha256_of(tmp_path / "gone.txt").startswith("unreadable")


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("codec,label", [
    ("cp949", "cp949"), ("euc_kr", "cp949"),  # CP949 is a superset of EUC-KR: one label for both
    ("utf_16", "utf_16"), ("utf_16_be_bom", "utf_16"), ("utf_8_sig", "utf_8_sig"),
    ("utf_16_le", "utf_16_le"),  # no byte-order mark: the detector reads the whole file
])
def test_korean_encodings_decode_to_the_same_text_and_metrics_as_the_utf8_twin(tmp_path, codec, label):
    text = korean_legacy_text() if codec in ("cp949", "euc_kr") else seed_text()
    data = codecs.BOM_UTF16_BE + text.encode("utf_16_be") if codec == "utf_16_be_bom" else text.encode(codec)
    twin = process(write(tmp_path, "twin.txt", data))
    original = process(write(tmp_path, "original.txt", text.encode("utf-8")))
    assert twin.document["status"] == "ok", twin.document["error"]
    assert twin.document["encoding"] == label
    decoded = read_document(tmp_path / "twin.txt")
    assert decoded.text == text  # no BOM character, nothing normalised
    assert data.decode(decoded.encoding) == decoded.text  # the label reproduces the text from the bytes
    for column in ("char_count", "line_count", "title", "published_date", "damaged_chars"):
        assert twin.document[column] == original.document[column], column
    assert twin.tables["metrics"], "the seed has metrics; an empty list would prove nothing"
    # same numbers, same evidence, same offsets: a BOM does not shift char offsets
    assert metric_keys(twin) == metric_keys(original)
    assert_provenance(decoded.text, twin)


def test_cp949_twin_reads_the_same_numbers_as_the_real_seed(tmp_path):
    twin = process(write(tmp_path, "twin.txt", korean_legacy_text().encode("cp949")))
    seed = process(SEED)
    # evidence may differ where a character was substituted; the numbers may not
    assert [k[:3] for k in metric_keys(twin, False)] == [k[:3] for k in metric_keys(seed, False)]


def test_invalid_utf8_in_the_middle_is_counted_as_damage_not_dropped(tmp_path):
    raw = SEED.read_bytes()
    cut = raw.index(b"\n") + 1  # a character boundary after the first line
    broken = raw[:cut] + b"\xff\xfe\x80" + raw[cut:]
    result = process(write(tmp_path, "broken.txt", broken))
    original = process(SEED)
    text = read_document(tmp_path / "broken.txt").text
    assert result.document["status"] == "ok" and result.document["encoding"] == "utf_8"
    good = seed_text()
    n = len(raw[:cut].decode())
    assert text == good[:n] + "\ufffd" * 3 + good[n:]  # every good character kept, each bad byte marked
    assert result.document["damaged_chars"] == original.document["damaged_chars"] + 3
    assert [k[:3] for k in metric_keys(result, False)] == [k[:3] for k in metric_keys(original, False)]
    assert_provenance(text, result)


def test_a_garbled_block_is_still_utf8_but_a_legacy_file_is_not(tmp_path):
    raw = SEED.read_bytes()
    cut = raw.index(b"\n") + 1
    # 100 stray bytes in a 5.7 KB article: still that article, with 100 damaged characters
    text, encoding, damaged = decode(raw[:cut] + b"\x80" * 100 + raw[cut:])
    assert encoding == "utf_8" and damaged >= 100 and text.endswith(seed_text()[-200:])
    # the same article in CP949 is not "UTF-8 with damage" (85-90 % of its sequences break)
    assert decode(korean_legacy_text().encode("cp949"))[1] == "cp949"


# ---------------------------------------------------------------- line endings

def test_crlf_text_is_kept_exactly_and_lines_follow_newlines(tmp_path):
    crlf = seed_text().replace("\n", "\r\n")
    result = process(write(tmp_path, "crlf.txt", crlf.encode()))
    original = process(SEED)
    text = read_document(tmp_path / "crlf.txt").text
    assert text == crlf and result.document["line_count"] == original.document["line_count"]
    assert_provenance(text, result)
    mine = sorted((r["value"], r["unit"], r["value_text"], r["line_start"], r["line_end"]) for r in result.tables["metrics"])
    theirs = sorted((r["value"], r["unit"], r["value_text"], r["line_start"], r["line_end"]) for r in original.tables["metrics"])
    assert mine == theirs and mine


def test_lone_cr_text_is_one_line_by_the_contract(tmp_path):
    cr = seed_text().replace("\n", "\r")
    result = process(write(tmp_path, "cr.txt", cr.encode()))
    text = read_document(tmp_path / "cr.txt").text
    assert text == cr and result.document["line_count"] == 1 and result.document["status"] == "ok"
    assert result.tables["metrics"]
    assert all(r["line_start"] == r["line_end"] == 1 for rows in result.tables.values() for r in rows)
    assert_provenance(text, result)
    # the numbers are still read (sentences end at '.', and CR is whitespace)
    assert Counter(r["value_text"] for r in result.tables["metrics"]) == \
        Counter(r["value_text"] for r in process(SEED).tables["metrics"])


# ---------------------------------------------------------------- size

def test_a_line_of_several_megabytes_is_read_in_reasonable_time(tmp_path):
    filler = "디지털 경제 발전 방향에 관한 논의가 이어지고 있다 " * 40_000  # ~3 MB of UTF-8, no newline
    sentence = "베이징시의 디지털 경제 규모는 1조4천400억 위안에 달했다. "
    line = filler[: len(filler) // 2] + sentence + filler[len(filler) // 2:]
    path = write(tmp_path, "one-line.txt", line.encode())
    assert path.stat().st_size > 2_500_000
    started = time.monotonic()
    result = process(path)
    elapsed = time.monotonic() - started
    assert result.document["status"] == "ok" and result.document["line_count"] == 1
    assert read_document(path).text == line
    found = [r for r in result.tables["metrics"] if r["value_text"].startswith("1조4천400억")]
    assert found and found[0]["value"] == 1.44e12 and found[0]["unit"] == "CNY"
    assert_provenance(line, result)
    assert elapsed < 30, f"{elapsed:.1f} s for one 3 MB line"


def test_a_50_mb_file_is_rejected_without_reading_it_into_memory(tmp_path):
    path = tmp_path / "dump.txt"
    block = SEED.read_bytes()
    with path.open("wb") as f:
        for _ in range(50 * 2**20 // len(block) + 1):
            f.write(block)
    size = path.stat().st_size
    assert size > 50 * 2**20 > MAX_DOCUMENT_BYTES
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = process(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 10
    assert peak < 8 * 2**20, f"peak {peak / 2**20:.1f} MiB while hashing a 50 MiB file"
    assert_rejected(result, path, "too large", "MiB")


def test_the_size_limit_is_a_boundary_not_a_guess(tmp_path, monkeypatch):
    data = seed_text().encode()
    path = write(tmp_path, "a.txt", data)
    monkeypatch.setattr(sources, "MAX_DOCUMENT_BYTES", len(data))
    assert read_document(path).status == "ok"
    monkeypatch.setattr(sources, "MAX_DOCUMENT_BYTES", len(data) - 1)
    assert read_document(path).status == "rejected"


# ---------------------------------------------------------------- which files are documents

def test_discover_skips_hidden_editor_and_outside_files(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    outside = write(tmp_path, "secret.txt", "바깥 파일 1000억 원".encode())
    good = ["001.txt", "뉴스 기사 2024.txt", "with space.txt"]
    for name in good:
        write(seeds, name, SEED.read_bytes())
    for name in (".DS_Store", "~$x.txt", ".001.txt.swp", "001.txt.swp", "notes.txt~", ".#001.txt", "#001.txt#",
                 "Thumbs.db", "desktop.ini", "~draft.txt"):
        write(seeds, name, b"editor junk 123")
    (seeds / "sub").mkdir()
    write(seeds / "sub", "nested.txt", SEED.read_bytes())
    (seeds / "outside-link.txt").symlink_to(outside)
    (seeds / "dir-link").symlink_to(tmp_path)
    (seeds / "broken-link.txt").symlink_to(tmp_path / "missing.txt")
    (seeds / "inside-link.txt").symlink_to(seeds / "001.txt")
    os.mkfifo(seeds / "pipe.txt")
    names = [p.name for p in discover(seeds)]
    assert names == sorted(["001.txt", "뉴스 기사 2024.txt", "with space.txt", "inside-link.txt"])
    # a symlink leaving the folder is not followed even when read directly
    doc = read_document(seeds / "outside-link.txt")
    assert doc.status == "rejected" and "outside" in doc.error and doc.text == ""


def test_store_handles_long_hangul_file_names(tmp_path):
    name = "베이징시 디지털 경제 " * 6 + "발표.txt"  # ~200 bytes of UTF-8, ~600 characters once quoted
    assert len(name.encode()) < 255
    path = write(tmp_path, name, SEED.read_bytes())
    store = DocumentStore(tmp_path / "work")
    result = process(path)
    store.write(name, result, "v")
    assert store.keys() == [name]
    assert store.is_current(name, result.document["source_sha256"], "v")
    assert len(store.read_table("metrics", [name])) == len(result.tables["metrics"]) > 0
    store.remove(name)
    assert store.keys() == [] and not any(p.is_file() for p in (tmp_path / "work").rglob("*"))


def _lost_by_definition(text: str) -> int:
    """The definition, character by character: a '?' beside an ideograph or another '?'."""
    def lost_neighbour(c: str) -> bool:
        return c == "?" or "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"

    return sum(1 for i, c in enumerate(text) if c == "?" and (
        (i > 0 and lost_neighbour(text[i - 1])) or (i + 1 < len(text) and lost_neighbour(text[i + 1]))))


@given(st.text(alphabet="??가a 中\ufffd\uf900\u9fff\u3400.", max_size=40))
def test_damage_count_follows_its_definition(text):
    assert sources.damaged_chars(text) == text.count("\ufffd") + _lost_by_definition(text)
