"""Pure-Python extraction: decoded text in, table rows out. No Dagster here."""
from pathlib import Path

from pipeline.code_version import source_hash

_RELEASE = "1.0"


def _source_hash() -> str:
    """Short hash of the extraction code: any change to a rule changes the version."""
    here = Path(__file__).parent
    # the rules, the text segmentation they share, the unit vocabulary they read, and the places and
    # cross-document keys every row gets (the place matcher and its table of places)
    pipeline = here.parent
    return source_hash([*here.glob("*.py"), pipeline / "text.py", pipeline.parent / "schemas" / "units.py",
                        pipeline / "places.py", pipeline / "reference" / "places.csv", pipeline / "keys.py"])


EXTRACTOR_VERSION = f"{_RELEASE}+{_source_hash()}"
