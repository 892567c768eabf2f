"""Benchmark: Great Expectations' share of the daily run's CPU time, run through Airflow.

Runs ``airflow dags test media_monitoring_daily DAY`` for the demo days against the bundled
demo web (a separate process, not counted) and a temporary data root, exactly as `make demo`
does, and measures:

- the CPU time of the whole DAG run: user + system CPU of the ``airflow dags test`` process
  and every process it waited for (``resource.getrusage(RUSAGE_CHILDREN)`` before and after);
- GX's part of it, as the ``validate`` task logs it (``pipeline.validate_day``: "GX CPU s:
  import X, validation Y", main-thread CPU of the import plus ephemeral context, and of the
  row-level suites plus the parser-health bands).

Needs the Airflow home of the checkout (``make airflow-init``; `make demo` does it). It reports
figures; it asserts nothing.

    .venv/bin/python bench/gx_share_airflow.py            # the 7 demo days
    .venv/bin/python bench/gx_share_airflow.py --days 2
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _support import free_port, start_demo_web

ROOT = Path(__file__).resolve().parents[1]
GX_LINE = re.compile(r"GX CPU s: import ([0-9.]+), validation ([0-9.]+)")


def _airflow_env(data_root: Path, port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "AIRFLOW_HOME": env.get("AIRFLOW_HOME", str(ROOT / "airflow_home")),
            "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__ALLOWED_DESERIALIZATION_CLASSES_REGEXP": r"(airflow|media_monitor)\..*",
            "GX_ANALYTICS_ENABLED": "false",
            "MEDIAMON_DATA_ROOT": str(data_root),
            "MEDIAMON_DEMO_PORT": str(port),
            "MEDIAMON_TASK_RETRY_DELAY_S": "5",
            "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        }
    )
    env.pop("MEDIAMON_REGISTRY", None)
    return env


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=7, help="demo days to run (1-7)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data root and the logs")
    args = parser.parse_args(argv)
    airflow_home = Path(os.environ.get("AIRFLOW_HOME", ROOT / "airflow_home"))
    if not (airflow_home / "airflow.db").exists():
        raise SystemExit(f"no Airflow metadata database in {airflow_home}: run `make airflow-init` first")

    from media_monitor.demo_web import DEMO_DAYS

    days = DEMO_DAYS[: max(1, min(args.days, len(DEMO_DAYS)))]
    data_root = Path(tempfile.mkdtemp(prefix="gx_share_airflow_"))
    port = free_port()
    env = _airflow_env(data_root, port)
    web = start_demo_web(env, port)
    rows = []
    try:
        for day in days:
            log_path = data_root / f"daily-{day}.log"
            cpu0, wall0 = _children_cpu(), time.perf_counter()
            with log_path.open("w", encoding="utf-8") as log:
                done = subprocess.run(["airflow", "dags", "test", "media_monitoring_daily", day.isoformat()],
                                      env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, check=False)
            cpu, wall = _children_cpu() - cpu0, time.perf_counter() - wall0
            text = log_path.read_text(encoding="utf-8", errors="replace")
            found = GX_LINE.findall(text)
            if done.returncode != 0 or not found:
                raise SystemExit(f"{day}: the DAG run failed or logged no GX figures; see {log_path}")
            gx_import, gx_validation = (float(x) for x in found[-1])
            rows.append((day, cpu, wall, gx_import, gx_validation))
            print(f"{day}: run {cpu:.2f} s CPU, GX {gx_import + gx_validation:.2f} s", file=sys.stderr)
    finally:
        web.terminate()
        web.wait(timeout=10)
        if not args.keep:
            shutil.rmtree(data_root, ignore_errors=True)

    print("Great Expectations' share of the daily DAG run's CPU (airflow dags test, 4 demo outlets).")
    print("run CPU = user+system CPU of the DAG run's processes; GX = as logged by the validate task.")
    print()
    print("| day        | run CPU s | run wall s | GX import s | GX validation s | GX share | without the import |")
    print("|------------|----------:|-----------:|------------:|----------------:|---------:|-------------------:|")
    for day, cpu, wall, imp, val in rows:
        print(f"| {day} | {cpu:9.2f} | {wall:10.2f} | {imp:11.2f} | {val:15.2f} | {100 * (imp + val) / cpu:6.1f} % | "
              f"{100 * val / (cpu - imp):16.1f} % |")
    cpu = sum(r[1] for r in rows)
    imp = sum(r[3] for r in rows)
    val = sum(r[4] for r in rows)
    print(f"| all        | {cpu:9.2f} | {sum(r[2] for r in rows):10.2f} | {imp:11.2f} | {val:15.2f} | "
          f"{100 * (imp + val) / cpu:6.1f} % | {100 * val / (cpu - imp):16.1f} % |")
    if args.keep:
        print(f"\nlogs and data: {data_root}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
