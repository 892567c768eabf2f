"""
### Media trend report

Scheduled on the `mediamon_daily_load` asset: each daily load triggers the report
of the date it loaded (read from the asset event). Writes HTML, Markdown and one
CSV per table under `MEDIAMON_DATA_ROOT/reports/<date>/`: volume per outlet, top
and rising terms, stories seen on several outlets, most discussed sidebar entries,
and a data-quality summary.

Trigger by hand with `{"date": "YYYY-MM-DD"}` to rebuild one day's report; with no
date it reports the latest loaded date.
"""

from __future__ import annotations

from datetime import datetime

from airflow.sdk import Asset, Param, dag, task

from media_monitor.dag_config import DAILY_LOAD_ASSET_NAME, DAILY_LOAD_ASSET_URI, DEFAULT_ARGS

DAILY_LOAD_ASSET = Asset(name=DAILY_LOAD_ASSET_NAME, uri=DAILY_LOAD_ASSET_URI)


@task
def resolve_report_date(params=None, triggering_asset_events=None) -> str:
    """The date to report: the conf/param, else the triggering load's date, else the latest loaded."""
    from media_monitor.store import latest_loaded_date

    wanted = (params or {}).get("date")
    if wanted:
        return str(wanted)
    dates = []
    for events in (triggering_asset_events or {}).values():
        for event in events:
            run_date = (event.extra or {}).get("run_date")
            if run_date:
                dates.append(str(run_date))
    if dates:
        return max(dates)
    latest = latest_loaded_date()
    if latest is None:
        raise RuntimeError("nothing loaded yet: run media_monitoring_daily first")
    return latest.isoformat()


@task
def build_report(run_date: str) -> dict:
    from media_monitor.report import build_report as build

    paths = build(datetime.fromisoformat(run_date).date())
    return {"run_date": run_date, "html": str(paths.html), "markdown": str(paths.markdown)}


@dag(
    dag_id="media_trend_report",
    schedule=[DAILY_LOAD_ASSET],
    start_date=datetime(2026, 11, 1),
    catchup=False,
    default_args=DEFAULT_ARGS,
    params={"date": Param(None, type=["null", "string"], description="Report date YYYY-MM-DD (default: latest)")},
    tags=["media-monitor", "report"],
    doc_md=__doc__,
)
def media_trend_report():
    build_report(resolve_report_date())


media_trend_report()
