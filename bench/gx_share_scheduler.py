"""Benchmark: Great Expectations' share of the daily run's CPU under a real Airflow scheduler.

``bench/gx_share_airflow.py`` runs ``airflow dags test``: one process per run, so every run pays
``import great_expectations`` (about 6 s here). A deployment runs a scheduler instead, whose
LocalExecutor forks a process per task. With ``[scheduler] mp_start_method = forkserver`` and
``[core] mp_forkserver_preload`` naming ``great_expectations`` (docker-compose.yaml and
scripts/airflow_env.sh set both), the import happens once, when the scheduler starts, and every task
process inherits the loaded modules.

This script starts ``airflow standalone`` in a temporary Airflow home (SQLite, LocalExecutor, the
checkout's DAGs and plugins, time-based scheduling off so only the triggered runs happen) and the
demo web, triggers the daily DAG for the demo days one after the other, and reads from the task
logs:

- each task process's CPU (user + system since the fork), logged by the plugin's task-CPU listener
  (``media_monitor.taskcpu``): their sum is the run's CPU. The scheduler, API server and
  dag-processor are not counted, so the share is an upper bound;
- GX's part, as the ``validate`` task logs it ("GX CPU s: import X, validation Y").

    .venv/bin/python bench/gx_share_scheduler.py                 # preloaded (the shipped config)
    .venv/bin/python bench/gx_share_scheduler.py --mode fork     # no preload: each run imports GX
    .venv/bin/python bench/gx_share_scheduler.py --days 2 --max-share 10

With ``--max-share P`` it exits 1 when GX's share of all runs' CPU is P % or more.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _support import free_port, start_demo_web

ROOT = Path(__file__).resolve().parents[1]
DAG_ID = "media_monitoring_daily"
GX_LINE = re.compile(r"GX CPU s: import ([0-9.]+), validation ([0-9.]+)")
PRELOAD_ENV = ("AIRFLOW__SCHEDULER__MP_START_METHOD", "AIRFLOW__CORE__MP_FORKSERVER_PRELOAD")


def _shipped_preload() -> dict[str, str]:
    """The preload settings scripts/airflow_env.sh exports (the deployment's, not a copy)."""
    out = subprocess.run(["bash", "-c", f". {ROOT / 'scripts' / 'airflow_env.sh'} && env"],
                         capture_output=True, text=True, check=True).stdout
    found = dict(line.split("=", 1) for line in out.splitlines() if line.startswith(PRELOAD_ENV))
    if len(found) != len(PRELOAD_ENV):
        raise SystemExit(f"scripts/airflow_env.sh does not set {', '.join(PRELOAD_ENV)}")
    return found


def _env(home: Path, data_root: Path, api_port: int, web_port: int, mode: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "MEDIAMON_"))}
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
            "AIRFLOW__CORE__ALLOWED_DESERIALIZATION_CLASSES_REGEXP": r"(airflow|media_monitor)\..*",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://localhost:{api_port}/execution/",
            "AIRFLOW__API__PORT": str(api_port),
            # Log servers on free ports too, so a running `make airflow-ui` is no obstacle.
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
            "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(free_port()),
            # Only the runs triggered below: no catch-up from the DAG's start date.
            "AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False",
            "GX_ANALYTICS_ENABLED": "false",
            "MEDIAMON_DATA_ROOT": str(data_root),
            "MEDIAMON_DEMO_PORT": str(web_port),
            "MEDIAMON_TASK_RETRY_DELAY_S": "5",
            "PATH": f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
        }
    )
    if mode == "forkserver":
        env.update(_shipped_preload())
    return env


def _airflow(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["airflow", *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"airflow {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def _wait(what: str, ready, timeout_s: float, every_s: float = 2.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if ready():
            return
        time.sleep(every_s)
    raise SystemExit(f"timed out after {timeout_s:.0f} s waiting for {what}")


def _dag_known(env: dict[str, str]) -> bool:
    try:
        return DAG_ID in _airflow(env, "dags", "list", "-o", "plain")
    except RuntimeError:
        return False


def _run_state(env: dict[str, str], logical: str) -> str:
    try:
        lines = _airflow(env, "dags", "state", DAG_ID, logical).strip().splitlines()
    except RuntimeError:
        return "unknown"
    return lines[-1].split(",")[0].strip() if lines else "unknown"


def _run_logs(home: Path, run_id: str) -> list[Path]:
    return sorted((home / "logs" / f"dag_id={DAG_ID}" / f"run_id={run_id}").rglob("*.log"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["forkserver", "fork"], default="forkserver",
                        help="forkserver: the shipped preload settings; fork: Airflow's default, no preload")
    parser.add_argument("--days", type=int, default=7, help="demo days to run (1-7)")
    parser.add_argument("--max-share", type=float, help="exit 1 when GX's share of the runs' CPU is this %% or more")
    parser.add_argument("--keep", action="store_true", help="keep the temporary Airflow home, data and logs")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for each run")
    args = parser.parse_args(argv)

    from media_monitor.demo_web import DEMO_DAYS
    from media_monitor.taskcpu import LOG_PATTERN

    days = DEMO_DAYS[: max(1, min(args.days, len(DEMO_DAYS)))]
    work = Path(tempfile.mkdtemp(prefix="gx_share_scheduler_"))
    home, data_root = work / "airflow_home", work / "data"
    home.mkdir()
    api_port, web_port = free_port(), free_port()
    env = _env(home, data_root, api_port, web_port, args.mode)
    procs: list[subprocess.Popen] = []
    rows = []
    try:
        procs.append(start_demo_web(env, web_port))
        # The metadata DB and the pools the DAGs use, as `make airflow-init` makes them.
        subprocess.run(["bash", str(ROOT / "scripts" / "airflow_init.sh")], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        with (work / "standalone.log").open("w", encoding="utf-8") as out:
            procs.append(subprocess.Popen(["airflow", "standalone"], env=env, stdout=out, stderr=subprocess.STDOUT,
                                          start_new_session=True))
        print(f"airflow standalone ({args.mode}) in {home}; waiting for the DAG to be parsed", file=sys.stderr)
        _wait("the daily DAG to be parsed", lambda: _dag_known(env), 300, 5)
        for day in days:
            logical = f"{day.isoformat()}T00:00:00+00:00"
            wall0 = time.perf_counter()
            _airflow(env, "dags", "trigger", DAG_ID, "--logical-date", logical, "--run-id", f"bench__{day}")
            _wait(f"the run of {day}", lambda logical=logical: _run_state(env, logical) in {"success", "failed"}, args.timeout, 3)
            state = _run_state(env, logical)
            wall = time.perf_counter() - wall0
            text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in _run_logs(home, f"bench__{day}"))
            tasks = LOG_PATTERN.findall(text)
            gx = GX_LINE.findall(text)
            if not tasks or not gx:
                raise SystemExit(f"{day}: no task-CPU or GX lines in the task logs under {home / 'logs'}")
            cpu = sum(float(process) for _, process, _ in tasks)
            gx_import, gx_validation = (float(x) for x in gx[-1])
            rows.append((day, state, len(tasks), cpu, wall, gx_import, gx_validation))
            print(f"{day}: {state}, {len(tasks)} task processes, {cpu:.2f} s CPU, "
                  f"GX {gx_import:.2f} + {gx_validation:.2f} s", file=sys.stderr)
    finally:
        for proc in reversed(procs):
            try:
                os.killpg(proc.pid, signal.SIGTERM) if proc.args[0] == "airflow" else proc.terminate()
                proc.wait(timeout=60)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                proc.kill()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print(f"Great Expectations' share of the daily run's CPU under `airflow standalone` ({args.mode}), "
          f"4 demo outlets.")
    print("run CPU = sum over the run's task processes (each since its fork); GX = as the validate task logs it.")
    print()
    print("| day        | state   | tasks | run CPU s | run wall s | GX import s | GX validation s | GX share |")
    print("|------------|---------|------:|----------:|-----------:|------------:|----------------:|---------:|")
    for day, state, n, cpu, wall, imp, val in rows:
        print(f"| {day} | {state:7} | {n:5d} | {cpu:9.2f} | {wall:10.1f} | {imp:11.2f} | {val:15.2f} | "
              f"{100 * (imp + val) / cpu:6.1f} % |")
    cpu, imp, val = (sum(r[i] for r in rows) for i in (3, 5, 6))
    share = 100 * (imp + val) / cpu
    print(f"| all        |         | {sum(r[2] for r in rows):5d} | {cpu:9.2f} | {sum(r[4] for r in rows):10.1f} | "
          f"{imp:11.2f} | {val:15.2f} | {share:6.1f} % |")
    if args.keep:
        print(f"\nAirflow home, data and logs: {work}")
    failed = [r[0] for r in rows if r[1] != "success"]
    if failed:
        print(f"runs not successful: {', '.join(map(str, failed))}", file=sys.stderr)
        return 1
    if args.max_share is not None and share >= args.max_share:
        print(f"GX share {share:.1f} % is not under {args.max_share} %", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
