"""Airflow extensions: the trend reports, served inside the API server and linked in the nav, and a
listener that writes each task's CPU time into its log."""

from __future__ import annotations

import logging

from airflow.listeners import hookimpl
from airflow.plugins_manager import AirflowPlugin

from media_monitor.reports_app import create_app
from media_monitor.taskcpu import LOG_FORMAT, TaskCpu

log = logging.getLogger(__name__)


class TaskCpuListener:
    """Logs "task CPU s: ..." when a task ends (runs inside the task's process)."""

    def __init__(self) -> None:
        self.cpu = TaskCpu()

    @hookimpl
    def on_task_instance_running(self, previous_state, task_instance) -> None:
        self.cpu.mark_start()

    def _report(self) -> None:
        log.info(LOG_FORMAT, *self.cpu.summary())

    @hookimpl
    def on_task_instance_success(self, previous_state, task_instance) -> None:
        self._report()

    @hookimpl
    def on_task_instance_failed(self, previous_state, task_instance, error) -> None:
        self._report()


class MediaMonitorPlugin(AirflowPlugin):
    name = "media_monitor"
    listeners = [TaskCpuListener()]
    fastapi_apps = [{"app": create_app(), "url_prefix": "/mediamon", "name": "Media Monitor reports"}]
    external_views = [
        {
            "name": "Media Monitor reports",
            "href": "/mediamon/",
            "destination": "nav",
            "category": "browse",
            "url_route": "mediamon",
        }
    ]
