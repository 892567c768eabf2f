"""GX's share of a daily run's CPU under a real scheduler (airflow standalone, the shipped
forkserver preload) stays under the 10 % target, and the validate task finds GX already imported.
One demo day; bench/gx_share_scheduler.py runs all seven."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_gx_share_under_a_scheduler_is_under_ten_percent():
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "gx_share_scheduler.py"), "--days", "1",
                           "--max-share", "10"], capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-4000:]
    row = re.search(r"^\| all .*$", proc.stdout, re.M).group(0)
    cells = [c.strip() for c in row.strip("|").split("|")]
    tasks, run_cpu = int(cells[2]), float(cells[3])
    gx_import, gx_validation, share = float(cells[5]), float(cells[6]), float(cells[7].rstrip(" %"))
    assert tasks >= 21, row  # every task process of the run logged its CPU
    assert gx_import < 1.0, row  # inherited from the forkserver, not imported by the validate task
    assert gx_validation > 0, row
    # the table rounds each figure to 0.01 s, so the share recomputed from it may differ by a little
    assert share < 10 and abs(100 * (gx_import + gx_validation) / run_cpu - share) < 0.5, row
