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

# Editor, OS and office lock files are not documents: hidden files (.DS_Store, .#lock),
# office lock files (~$x.docx), editor swap/backup files, Windows folder metadata.
_IGNORED = re.compile(r"^(\.|~\$|~|#.*#$)|(\.swp|\.swo|\.swx|\.tmp|\.bak|~)$|^(thumbs\.db|desktop\.ini)$", re.IGNORECASE)
_BINARY_MAGIC = {
    b"%PDF": "PDF", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF",
    b"PK\x03\x04": "ZIP/Office", b"\x7fELF": "ELF executable", b"\xd0\xcf\x11\xe0": "OLE2 (HWP/DOC/XLS)",
    b"\x1f\x8b": "gzip", b"7z\xbc\xaf": "7-Zip", b"Rar!": "RAR",
}
# Byte-order marks, longest first (a UTF-32-LE mark starts like a UTF-16-LE one).
# The label kept is the codec that decodes the whole file, mark included, to the same text.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32_le", "utf_32"), (codecs.BOM_UTF32_BE, "utf_32_be", "utf_32"),
    (codecs.BOM_UTF8, "utf_8", "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16_le", "utf_16"), (codecs.BOM_UTF16_BE, "utf_16_be", "utf_16"),
)
# Korean text codecs we accept from the detector; anything else on a file that is
# not valid UTF-8 is far more likely a misdetection than a real encoding.
_ACCEPTED = {"utf_8", "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be",
             "cp949", "euc_kr", "johab", "iso2022_kr"}
# A file that fails strict UTF-8 is still UTF-8, damage counted, when at most 25 % of its
# non-ASCII characters are broken sequences: CP949/EUC-KR or UTF-16 read as UTF-8 gives
# 85-90 % broken (measured on the seeds), a damaged UTF-8 file far fewer.
_MAX_BROKEN_UTF8 = 0.25
# Same tolerance for a file whose byte-order mark names the codec but whose body has errors.
_MAX_BROKEN_WITH_BOM = 0.05
# Control (other than whitespace), surrogate, private-use and non-characters: text has
# next to none; binary data read as text has many (random bytes as UTF-16: ~13 %).
_NON_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffe\uffff]")
_MAX_NON_TEXT = 0.02
# The same test on bytes, for files no text codec would read: C0 controls other than whitespace.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x20), 0x7f])
# The largest seed is ~50 KB; a single article over 10 MB is an export or a mistake, and
# extraction time grows faster than linearly with document size, so such a file is
# rejected (hashed, never read whole) instead of stalling every refresh.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# '?' standing for a lost Chinese character: beside an ideograph or in a run. The pattern
# starts with the literal '?' so the engine jumps between question marks (12x faster).
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_LOST_CHAR = re.compile(rf"\?(?:(?=[{_CJK}?])|(?<=[{_CJK}?]\?))")


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


def _inside(path: Path, root: Path) -> bool:
    """True when the path, symlinks resolved, stays inside the (resolved) folder."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop
        return False


def discover(seeds_dir: Path) -> list[Path]:
    """Document files in the folder, sorted by name.

    Hidden and editor files are skipped; a symlink is followed only when its
    target stays inside the folder. Only regular files count (a FIFO would hang a read).
    """
    root = Path(seeds_dir).resolve()
    found = []
    for path in sorted(Path(seeds_dir).iterdir(), key=lambda p: p.name):
        if _IGNORED.search(path.name):
            continue
        if path.is_symlink() and not _inside(path, root):
            continue
        if path.is_file():
            found.append(path)
    return found


# Dagster reserves these in partition keys; a file whose name holds one cannot be a partition.
_RESERVED_IN_KEYS = ("...", "\a", "\b", "\f", "\n", "\r", "\t", "\v", "\0")


def key_problem(name: str) -> str | None:
    """Why a file name cannot be a document's partition key, or None when it can."""
    found = [repr(s) for s in _RESERVED_IN_KEYS if s in name]
    if found:
        return (f"file name contains {', '.join(found)}, which Dagster does not allow in a partition key: "
                f"rename the file (not read)")
    return None


def keyable(files: list[Path]) -> tuple[list[Path], list[Path]]:
    """(files that can be partitions, files whose names cannot)."""
    return [p for p in files if not key_problem(p.name)], [p for p in files if key_problem(p.name)]


def unkeyable_document(path: Path) -> SourceDocument:
    """The rejected document of a file whose name cannot be a partition key."""
    return _rejected(path, sha256_of(path), path.stat().st_size, key_problem(path.name))


def sha256_of(path: Path) -> str:
    """Content fingerprint, read in blocks (a huge file is never held in memory).

    A file that vanished or cannot be read gets a marker instead of raising, so one bad
    file cannot stop a refresh: it never matches a stored sha256, so the document is
    re-read, and becomes a rejected row saying why.
    """
    h = hashlib.sha256()
    try:
        with Path(path).open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    return h.hexdigest()


def decode(data: bytes) -> tuple[str, str, int]:
    """Decode a document's bytes: ``(text, encoding, damaged_chars)``; raise ValueError if unreadable.

    The text is kept exactly as decoded (no newline or Unicode normalisation, a
    byte-order mark is not part of it), so offsets and lines in every table point at
    it; ``data.decode(encoding, errors="replace") == text``.
    """
    if not data:
        raise ValueError("empty file (0 bytes)")
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise ValueError(f"binary content ({kind} signature), not text")
    for bom, body_codec, label in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if not body.strip(b"\x00\t\n\r "):
                raise ValueError(f"empty document: only a byte-order mark ({label}) and whitespace")
            text = body.decode(body_codec, errors="replace")
            broken = text.count("\ufffd") - _genuine_replacement_chars(body, body_codec)
            if broken > _MAX_BROKEN_WITH_BOM * len(text):
                raise ValueError(f"cannot decode as {label} despite its byte-order mark: "
                                 f"{broken} of {len(text)} characters are invalid byte sequences")
            return _checked(text, label)
    if b"\x00" in data:
        # only UTF-16/32 text has NUL bytes; without a byte-order mark, the detector must say so
        best = _detect(data)
        if best is not None and best.startswith(("utf_16", "utf_32")):
            text = _strict(data, best)
            if text is not None:
                return _checked(text, best)
        raise ValueError(f"binary content: {data.count(0)} NUL bytes, and not UTF-16/32 text")
    control = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if control > _MAX_NON_TEXT * len(data):
        raise ValueError(f"binary content: {control} of {len(data)} bytes are control codes, not text")
    try:
        return _checked(data.decode("utf_8"), "utf_8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf_8", errors="replace")
    broken = lenient.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    non_ascii = len(lenient) - len(lenient.encode("ascii", errors="ignore"))
    if broken <= _MAX_BROKEN_UTF8 * non_ascii:
        return _checked(lenient, "utf_8")
    best = _detect(data)
    if best in _ACCEPTED:
        text = _strict(data, best)
        if text is not None:
            return _checked(text, best)
    if best is None:
        # the detector gives up on short input; a Korean file that is not UTF-8 is CP949
        text = _strict(data, "cp949")
        if text is not None:
            return _checked(text, "cp949")
    raise ValueError(f"cannot decode as text: not UTF-8 ({broken} invalid byte sequences), UTF-16 or "
                     f"CP949/EUC-KR (detector said {best or 'none'})")


def _detect(data: bytes) -> str | None:
    """charset-normalizer's best guess on the whole file (it misjudges fragments)."""
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else codecs.lookup(best.encoding).name.replace("-", "_")


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _genuine_replacement_chars(body: bytes, codec: str) -> int:
    """U+FFFD characters really written in the file (not produced by decoding errors)."""
    return body.count("\ufffd".encode(codec))


def _checked(text: str, encoding: str) -> tuple[str, str, int]:
    if "\x00" in text:
        raise ValueError(f"binary content: {text.count(chr(0))} NUL characters after decoding as {encoding}")
    if not text.strip():
        raise ValueError(f"empty document: only whitespace ({len(text)} characters, decoded as {encoding})")
    non_text = len(_NON_TEXT.findall(text))
    if non_text > _MAX_NON_TEXT * len(text):
        raise ValueError(f"binary content: {non_text} of {len(text)} characters are control, surrogate or "
                         f"private-use characters after decoding as {encoding}")
    return text, encoding, damaged_chars(text)


def damaged_chars(text: str) -> int:
    """Characters lost before the file reached us: U+FFFD and '?' standing for Chinese characters."""
    return text.count("\ufffd") + len(_LOST_CHAR.findall(text))


def _rejected(path: Path, digest: str, size: int, error: str) -> SourceDocument:
    return SourceDocument(path.name, digest, size, "rejected", error=error)


def current_text(seeds_dir: Path, source_file: str) -> tuple[str, str] | None:
    """(sha256, decoded text) of a file in the seeds folder as it is now; None if it is gone."""
    path = Path(seeds_dir) / source_file
    if not path.is_file():
        return None
    doc = read_document(path)
    return doc.source_sha256, doc.text


def read_document(path: Path) -> SourceDocument:
    """Read one file; never raises for a bad file, it becomes a rejected document."""
    path = Path(path)
    if path.is_symlink() and not _inside(path, path.parent.resolve()):
        # discover() never lists one; this guards callers that pass a path directly
        return _rejected(path, "", 0, "symlink to a file outside the seeds folder: not followed")
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            return _rejected(path, sha256_of(path), size,
                             f"file too large: {size / 2**20:.1f} MiB, over the {MAX_DOCUMENT_BYTES / 2**20:.0f} MiB "
                             f"limit for one document (not read)")
        data = path.read_bytes()
    except OSError as exc:
        return _rejected(path, "", 0, f"cannot read file: {exc.strerror or exc}")
    digest = hashlib.sha256(data).hexdigest()
    try:
        text, encoding, damaged = decode(data)
    except ValueError as exc:
        return _rejected(path, digest, len(data), str(exc))
    return SourceDocument(path.name, digest, len(data), "ok", text, encoding, damaged)
