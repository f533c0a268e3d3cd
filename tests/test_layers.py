"""Reading stored rows, assembling tables and publishing releases need no extraction code."""
import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize("module", ["pipeline.access", "pipeline.store", "pipeline.assembly", "pipeline.release",
                                    "pipeline.rows", "pipeline.evaluate"])
def test_reading_and_publishing_import_no_extraction_module(module):
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.startswith('pipeline.extract')))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]", f"{module} imports extraction modules: {run.stdout}"


def test_the_extraction_unit_still_loads_the_extractors():
    code = "import sys, pipeline.corpus; print(any(m.startswith('pipeline.extract') for m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.stdout.strip() == "True", run.stderr
