"""Constants the DAG files share (plain Python: no Airflow import, cheap to parse)."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta

from media_monitor.config import env_number

# The daily load's output. The trend-report DAG is scheduled on this asset.
DAILY_LOAD_ASSET_NAME = "mediamon_daily_load"
DAILY_LOAD_ASSET_URI = "mediamon://duckdb/daily_load"

# One DuckDB writer at a time: every write goes through a task in this pool (1 slot).
DUCKDB_POOL = "mediamon_duckdb"
# Bounds how many outlets are fetched at once across all runs.
FETCH_POOL = "mediamon_fetch"


def _env_date(name: str, default: date | None) -> datetime | None:
    raw = os.environ.get(name, "").strip()
    if not raw:
        day = default
    else:
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"{name} must be a date like 2026-11-02, got {raw!r}") from None
    return None if day is None else datetime(day.year, day.month, day.day)


# The daily DAG's first (and, if set, last) logical date. Once unpaused, the scheduler catches up
# on every day from the start: a live deployment sets MEDIAMON_START_DATE to the day monitoring
# begins (a front page cannot be fetched for a past day); `make airflow-ui` bounds it to the demo week.
DAILY_START_DATE = _env_date("MEDIAMON_START_DATE", date(2026, 11, 2))
DAILY_END_DATE = _env_date("MEDIAMON_END_DATE", None)
if DAILY_END_DATE is not None and DAILY_END_DATE < DAILY_START_DATE:
    raise ValueError(f"MEDIAMON_END_DATE {DAILY_END_DATE:%Y-%m-%d} is before MEDIAMON_START_DATE "
                     f"{DAILY_START_DATE:%Y-%m-%d}")


# Task retries cover transient trouble (a full disk, a locked file). Fetch retries happen inside
# the fetcher, per URL, so a task retry is the second line, not the first. The delay can be cut
# for tests and demos with MEDIAMON_TASK_RETRY_DELAY_S (`airflow dags test` waits it out).
DEFAULT_ARGS = {
    "owner": "media-monitor",
    "retries": env_number("MEDIAMON_TASK_RETRIES", 2),
    "retry_delay": timedelta(seconds=env_number("MEDIAMON_TASK_RETRY_DELAY_S", 120)),
    "retry_exponential_backoff": True,
}
