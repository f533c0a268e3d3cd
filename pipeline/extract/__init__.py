"""Pure-Python extraction: decoded text in, table rows out. No Dagster here."""
import hashlib
from pathlib import Path

_RELEASE = "1.0"


def _source_hash() -> str:
    """Short hash of the extraction code: any change to a rule changes the version."""
    h = hashlib.sha256()
    here = Path(__file__).parent
    # the rules, the text segmentation they share, and the unit vocabulary they read
    for path in sorted([*here.glob("*.py"), here.parent / "text.py", here.parent.parent / "schemas" / "units.py"]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:8]


EXTRACTOR_VERSION = f"{_RELEASE}+{_source_hash()}"
