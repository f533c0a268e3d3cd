"""Code versions: short hashes of the source files a result depends on, so Dagster's
code versions (and the release metadata) change exactly when that code changes."""
import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def source_hash(paths) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:8]


def tables_version(extractor_version: str) -> str:
    """The assembled tables: the extractor's rows, assembled, corrected and checked by these modules."""
    modules = [ROOT / f"{m}.py" for m in ("assembly", "batches", "corrections", "curate", "quarantine", "rows", "store", "validation")]
    return f"{extractor_version}/{source_hash(modules + list((ROOT.parent / 'schemas').glob('*.py')))}"


def release_version(extractor_version: str) -> str:
    """A release: the tables, written, diffed and described by these modules."""
    modules = [ROOT / f"{m}.py" for m in ("release", "release_files", "card", "card_data")]
    return f"{tables_version(extractor_version)}/{source_hash(modules)}"
