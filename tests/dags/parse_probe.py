"""Parse each DAG file in a fresh interpreter and report what parsing did.

Run as a script by tests/dags/test_dag_integrity.py. Prints one JSON document:
per file, parse seconds, DAG ids, modules newly imported, and any socket use.
"""

from __future__ import annotations

import json
import socket
import sys
import time
from pathlib import Path

dags_dir = Path(sys.argv[1])

# Airflow itself is imported before timing: the scheduler has it loaded already.
import airflow.sdk  # noqa: E402,F401
from airflow.dag_processing.dagbag import DagBag  # noqa: E402

connections: list[str] = []
_real_connect = socket.socket.connect


def _spy_connect(self, address):  # any connection at parse time is a bug
    connections.append(repr(address))
    raise OSError("network access at DAG parse time")


socket.socket.connect = _spy_connect  # type: ignore[method-assign]
report = {}
for path in sorted(dags_dir.glob("*.py")):
    before = set(sys.modules)
    t0 = time.perf_counter()
    bag = DagBag(dag_folder=str(path))
    elapsed = time.perf_counter() - t0
    new = sorted(m.split(".")[0] for m in set(sys.modules) - before)
    report[path.name] = {
        "seconds": elapsed,
        "dag_ids": sorted(bag.dag_ids),
        "errors": {k: str(v) for k, v in bag.import_errors.items()},
        "new_top_modules": sorted(set(new)),
        "connections": list(connections),
    }
    connections.clear()
print(json.dumps(report))
