"""Constants the DAG files share (plain Python: no Airflow import, cheap to parse)."""

from __future__ import annotations

import os
from datetime import timedelta

# The daily load's output. The trend-report DAG is scheduled on this asset.
DAILY_LOAD_ASSET_NAME = "mediamon_daily_load"
DAILY_LOAD_ASSET_URI = "mediamon://duckdb/daily_load"

# One DuckDB writer at a time: every write goes through a task in this pool (1 slot).
DUCKDB_POOL = "mediamon_duckdb"
# Bounds how many outlets are fetched at once across all runs.
FETCH_POOL = "mediamon_fetch"

def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from None
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
    return value


# Task retries cover transient trouble (a full disk, a locked file). Fetch retries happen inside
# the fetcher, per URL, so a task retry is the second line, not the first. The delay can be cut
# for tests and demos with MEDIAMON_TASK_RETRY_DELAY_S (`airflow dags test` waits it out).
DEFAULT_ARGS = {
    "owner": "media-monitor",
    "retries": _env_int("MEDIAMON_TASK_RETRIES", 2),
    "retry_delay": timedelta(seconds=_env_int("MEDIAMON_TASK_RETRY_DELAY_S", 120)),
    "retry_exponential_backoff": True,
}
