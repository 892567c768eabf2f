"""Constants the DAG files share (plain Python: no Airflow import, cheap to parse)."""

from __future__ import annotations

from datetime import timedelta

# The daily load's output. The trend-report DAG is scheduled on this asset.
DAILY_LOAD_ASSET_NAME = "mediamon_daily_load"
DAILY_LOAD_ASSET_URI = "mediamon://duckdb/daily_load"

# One DuckDB writer at a time: every write goes through a task in this pool (1 slot).
DUCKDB_POOL = "mediamon_duckdb"
# Bounds how many outlets are fetched at once across all runs.
FETCH_POOL = "mediamon_fetch"

DEFAULT_ARGS = {
    "owner": "media-monitor",
    "retries": 2,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
}
