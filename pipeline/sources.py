"""Find, read, decode and fingerprint the documents in the seeds folder.

A file that cannot be read never raises out of here: it comes back as a
``SourceDocument`` with ``status="rejected"`` and the reason, so one bad file
cannot stop a refresh.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

# Editor, OS and office lock files are not documents.
_IGNORED = re.compile(r"^(\.|~\$|~)|(\.swp|\.swo|\.tmp|~)$", re.IGNORECASE)
_BINARY_MAGIC = {
    b"%PDF": "PDF", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF",
    b"PK\x03\x04": "ZIP/Office", b"\x7fELF": "ELF executable",
}
# Korean text codecs we accept from the detector; anything else on a file that is
# not valid UTF-8 is far more likely a misdetection than a real encoding.
_ACCEPTED = {"utf_8", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "cp949", "euc_kr", "johab", "iso2022_kr"}
# A file that is UTF-8 except for a few broken bytes stays UTF-8, damage counted.
_MAX_BROKEN_UTF8 = 0.01
# '?' standing for a lost Chinese character: beside an ideograph or in a run.
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_LOST_CHAR = re.compile(rf"\?(?=\?|[{_CJK}])|(?<=[{_CJK}?])\?")


@dataclass(frozen=True)
class SourceDocument:
    source_file: str
    source_sha256: str
    bytes: int
    status: str  # ok | rejected
    text: str = ""
    encoding: str | None = None
    damaged_chars: int = 0
    error: str | None = None

    @property
    def doc_id(self) -> str:
        return document_id(self.source_file)


def document_id(source_file: str) -> str:
    """Stable per file name, so an edited document keeps its id and shows as changed."""
    return "doc_" + hashlib.sha256(source_file.encode("utf-8")).hexdigest()[:12]


def discover(seeds_dir: Path) -> list[Path]:
    """Document files in the folder, sorted by name.

    Hidden and editor files are skipped; a symlink is followed only when its
    target stays inside the folder.
    """
    root = seeds_dir.resolve()
    found = []
    for path in sorted(seeds_dir.iterdir(), key=lambda p: p.name):
        if _IGNORED.search(path.name):
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            continue
        if path.is_file():
            found.append(path)
    return found


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def decode(data: bytes) -> tuple[str, str, int]:
    """Decode a document's bytes: ``(text, encoding, damaged_chars)``; raise ValueError if unreadable.

    The text is kept exactly as decoded (no newline or Unicode normalisation), so
    offsets and lines in every table point at it.
    """
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ValueError(f"binary content ({kind} signature), not text")
    for bom, codec in ((codecs.BOM_UTF8, "utf_8_sig"), (codecs.BOM_UTF32_LE, "utf_32"), (codecs.BOM_UTF32_BE, "utf_32"),
                       (codecs.BOM_UTF16_LE, "utf_16"), (codecs.BOM_UTF16_BE, "utf_16")):
        if data.startswith(bom):
            return _checked(data.decode(codec, errors="replace"), codec)
    try:
        return _checked(data.decode("utf_8"), "utf_8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf_8", errors="replace")
    if lenient.count("\ufffd") <= _MAX_BROKEN_UTF8 * len(lenient):
        return _checked(lenient, "utf_8")
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.encoding in _ACCEPTED:
        return _checked(str(best), best.encoding)
    found = best.encoding if best is not None else "none"
    raise ValueError(f"cannot decode as text: not UTF-8, UTF-16 or CP949/EUC-KR (detector said {found})")


def _checked(text: str, encoding: str) -> tuple[str, str, int]:
    if "\x00" in text:
        raise ValueError(f"binary content: {text.count(chr(0))} NUL characters after decoding as {encoding}")
    if not text.strip():
        raise ValueError("empty document: no text after decoding" if text else "empty file")
    return text, encoding, damaged_chars(text)


def damaged_chars(text: str) -> int:
    """Characters lost before the file reached us: U+FFFD and '?' standing for Chinese characters."""
    return text.count("\ufffd") + len(_LOST_CHAR.findall(text))


def read_document(path: Path) -> SourceDocument:
    """Read one file; never raises for a bad file, it becomes a rejected document."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return SourceDocument(path.name, "", 0, "rejected", error=f"cannot read file: {exc.strerror or exc}")
    digest = hashlib.sha256(data).hexdigest()
    try:
        text, encoding, damaged = decode(data)
    except ValueError as exc:
        return SourceDocument(path.name, digest, len(data), "rejected", error=str(exc))
    return SourceDocument(path.name, digest, len(data), "ok", text, encoding, damaged)
