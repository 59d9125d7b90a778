"""What a fresh interpreter sees when it imports the package: no warning, no network. Apart from the unit tests
because each case starts a Python process of its own."""

import subprocess
import sys


def test_importing_cpi_raises_no_warning_and_needs_no_network():
    code = "from medical_coding_salaries.ingest import cpi; print(cpi.cpi_index(2020))"
    result = subprocess.run([sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "258.811" and result.stderr == ""
