"""Pure-Python extraction: decoded text in, table rows out. No Dagster here."""
from pathlib import Path

from pipeline.code_version import source_hash

_RELEASE = "1.0"


def _source_hash() -> str:
    """Short hash of the extraction code: any change to a rule changes the version."""
    here = Path(__file__).parent
    # the rules, the text segmentation they share, and the unit vocabulary they read
    return source_hash([*here.glob("*.py"), here.parent / "text.py", here.parent.parent / "schemas" / "units.py"])


EXTRACTOR_VERSION = f"{_RELEASE}+{_source_hash()}"
