"""The deployments (docker-compose.yaml, scripts/airflow_env.sh) preload Great Expectations in
the scheduler's forkserver, and every module they name can be imported: multiprocessing skips a
preload module that fails to import without a word."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
KEYS = ("AIRFLOW__SCHEDULER__MP_START_METHOD", "AIRFLOW__CORE__MP_FORKSERVER_PRELOAD")


def _compose_env() -> dict[str, str]:
    compose = yaml.safe_load((ROOT / "docker-compose.yaml").read_text(encoding="utf-8"))
    return {k: str(v) for k, v in compose["x-airflow-common"]["environment"].items()}


def _script_env() -> dict[str, str]:
    out = subprocess.run(["env", "-i", "bash", "-c", f". {ROOT / 'scripts' / 'airflow_env.sh'} && env"],
                         capture_output=True, text=True, check=True).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def test_both_deployments_preload_great_expectations_in_a_forkserver():
    for env in (_compose_env(), _script_env()):
        assert env[KEYS[0]] == "forkserver"
        modules = env[KEYS[1]].split(",")
        assert "media_monitor.preload" in modules
        assert modules == _compose_env()[KEYS[1]].split(",")


def test_every_preload_module_exists():
    for name in _script_env()[KEYS[1]].split(","):
        assert importlib.util.find_spec(name) is not None, name


def test_preload_leaves_great_expectations_loaded_and_out_of_the_collectors_reach():
    probe = ("import gc, sys; import media_monitor.preload; "
             "print('great_expectations' in sys.modules, 'airflow.sdk.execution_time.task_runner' in sys.modules, "
             "gc.get_freeze_count() > 100_000)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=300)
    assert out.stdout.split() == ["True", "True", "True"], out.stderr[-2000:]
