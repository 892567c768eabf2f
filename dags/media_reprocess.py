"""
### Media reprocess

Re-extracts and reloads a range of dates from the WARC archive alone, with no
network access: for a new extractor version, a fixed bug, or a changed quality
policy. Each date's rows are replaced, exactly as a rerun of the daily DAG would,
but the pages are the ones archived on that day.

Trigger with `{"date_from": "YYYY-MM-DD", "date_to": "YYYY-MM-DD"}`.
"""

from __future__ import annotations

from datetime import datetime

from airflow.sdk import Asset, Param, dag, task

from media_monitor.dag_config import DAILY_LOAD_ASSET_NAME, DAILY_LOAD_ASSET_URI, DEFAULT_ARGS, DUCKDB_POOL

DAILY_LOAD_ASSET = Asset(name=DAILY_LOAD_ASSET_NAME, uri=DAILY_LOAD_ASSET_URI)


@task
def list_dates(params=None) -> list[str]:
    from datetime import date, timedelta

    start = date.fromisoformat(params["date_from"])
    end = date.fromisoformat(params.get("date_to") or params["date_from"])
    if end < start:
        raise ValueError(f"date_to {end} is before date_from {start}")
    return [(start + timedelta(days=i)).isoformat() for i in range((end - start).days + 1)]


@task(pool=DUCKDB_POOL, max_active_tis_per_dag=1, outlets=[DAILY_LOAD_ASSET])
def reprocess(run_date: str, outlet_events=None) -> dict:
    from media_monitor.pipeline import reprocess_day

    summary = reprocess_day(run_date)
    if outlet_events is not None:
        outlet_events[DAILY_LOAD_ASSET].extra = {"run_date": run_date, "reprocessed": True}
    return {name: res["status"] for name, res in summary["outlets"].items()}


@dag(
    dag_id="media_reprocess",
    schedule=None,
    start_date=datetime(2026, 11, 1),
    catchup=False,
    default_args=DEFAULT_ARGS,
    params={
        "date_from": Param(type="string", format="date", description="first date to reprocess"),
        "date_to": Param(None, type=["null", "string"], description="last date (default: date_from)"),
    },
    tags=["media-monitor", "reprocess"],
    doc_md=__doc__,
)
def media_reprocess():
    reprocess.expand(run_date=list_dates())


media_reprocess()
