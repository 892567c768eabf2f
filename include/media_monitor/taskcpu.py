"""CPU accounting for Airflow tasks: what a task and its process spent, for the task log.

The Airflow listener in ``plugins/media_monitor_plugin.py`` calls :func:`mark_start` when a task
starts running and logs :func:`summary` when it ends. Under a scheduler every task runs in a
process forked for it, so the process figure is the task's whole cost (start-up, DAG parse, work);
under ``airflow dags test`` all tasks share one process and only the task figure is meaningful.
``bench/gx_share_scheduler.py`` reads these lines from the task logs.
"""

from __future__ import annotations

import os
import re
import resource
from dataclasses import dataclass

LOG_FORMAT = "task CPU s: %.3f in the task, %.3f in process %d since it started"
LOG_PATTERN = re.compile(r"task CPU s: ([0-9.]+) in the task, ([0-9.]+) in process (\d+) since it started")


def process_cpu_s() -> float:
    """User + system CPU seconds of this process (a forked child starts from zero)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class TaskCpu:
    started_at_cpu_s: float | None = None

    def mark_start(self) -> None:
        self.started_at_cpu_s = process_cpu_s()

    def summary(self) -> tuple[float, float, int]:
        """(CPU s since mark_start, CPU s of the process, pid); the first is 0 without a start mark."""
        now = process_cpu_s()
        since = now - self.started_at_cpu_s if self.started_at_cpu_s is not None else 0.0
        self.started_at_cpu_s = None
        return since, now, os.getpid()
