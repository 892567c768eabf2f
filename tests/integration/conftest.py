"""Fixtures for tests that run the real DAGs with `airflow dags test` against the demo web."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@dataclass
class AirflowRunner:
    env: dict[str, str]
    data_root: Path
    home: Path

    def dags_test(self, dag_id: str, day: str | None = None, conf: str | None = None, timeout: int = 600,
                  env: dict[str, str] | None = None, check: bool = True):
        cmd = [str(BIN / "airflow"), "dags", "test", dag_id]
        if day:
            cmd.append(day)
        if conf:
            cmd += ["--conf", conf]
        proc = subprocess.run(cmd, env={**self.env, **(env or {})}, capture_output=True, text=True,
                              timeout=timeout, cwd=ROOT)
        log = proc.stdout + proc.stderr
        (self.home / f"{dag_id}-{day}.log").write_text(log, encoding="utf-8")
        if check:
            assert proc.returncode == 0, log[-4000:]
        return log


@pytest.fixture(scope="session")
def airflow_runner(tmp_path_factory) -> AirflowRunner:
    home = tmp_path_factory.mktemp("airflow_home")
    data_root = tmp_path_factory.mktemp("data")
    env = dict(os.environ)
    env.update(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__DAGS_FOLDER=str(ROOT / "dags"),
        AIRFLOW__CORE__PLUGINS_FOLDER=str(ROOT / "plugins"),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        MEDIAMON_DATA_ROOT=str(data_root),
        MEDIAMON_REGISTRY=str(ROOT / "include" / "outlets.yaml"),
        GX_ANALYTICS_ENABLED="false",
        MEDIAMON_TASK_RETRY_DELAY_S="1",  # a failing task must not park the run for minutes
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
    )
    for cmd in (
        ["db", "migrate"],
        ["pools", "set", "mediamon_duckdb", "1", "single DuckDB writer"],
        ["pools", "set", "mediamon_fetch", "4", "concurrent fetches"],
    ):
        subprocess.run([str(BIN / "airflow"), *cmd], env=env, check=True, capture_output=True, timeout=300)
    return AirflowRunner(env=env, data_root=data_root, home=home)


@pytest.fixture(scope="session")
def demo_web_port():
    from media_monitor.demo_web import serve_in_thread

    server, _base = serve_in_thread(0)
    yield server.server_address[1]
    server.shutdown()
