"""Modules an Airflow scheduler's forkserver imports once, for every task process to inherit.

Named in ``[core] mp_forkserver_preload`` with ``[scheduler] mp_start_method = forkserver``
(docker-compose.yaml, scripts/airflow_env.sh). The LocalExecutor's workers start from that
forkserver and fork one process per task, so each task starts with Great Expectations (about 6 s
of CPU to import), Airflow's task runner and the reports app our plugin builds already loaded.

The imported objects are then moved out of the garbage collector's reach (``gc.freeze``, as the
Python docs advise before forking without exec): otherwise every full collection in every task
process walks the few hundred thousand objects GX brings, which costs more than the import saves.
Importing this module has no other effect; it is never imported at DAG parse time.
"""

from __future__ import annotations

import gc
import logging
import os

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
# GX logs every helper it registers at INFO; keep the scheduler's output readable.
logging.getLogger("great_expectations").setLevel(logging.WARNING)

# What every task process needs before its task runs: the task runner, the DAG-file parser, the
# task decorators and ORM models a parse touches, FastAPI for the reports app the plugin builds.
import airflow.dag_processing.dagbag  # noqa: E402,F401
import airflow.models.dagrun  # noqa: E402,F401
import airflow.providers.standard.decorators.python  # noqa: E402,F401
import airflow.sdk  # noqa: E402,F401
import airflow.sdk.execution_time.task_runner  # noqa: E402,F401
import fastapi  # noqa: E402,F401
import great_expectations  # noqa: E402,F401  - the validate task's slow import
from sqlalchemy.orm import configure_mappers  # noqa: E402

import media_monitor.reports_app  # noqa: E402,F401

configure_mappers()  # otherwise each task process maps Airflow's ORM models again (~0.2 s)
gc.collect()
gc.freeze()
