"""
### Media monitoring, daily

For every enabled outlet of the registry (`MEDIAMON_REGISTRY`), in parallel:
fetch the front page politely into the WARC archive, extract the main headlines
and the sidebar lists, fetch the linked articles, extract their fields. Then
validate every outlet's rows with Great Expectations and load them into DuckDB
(`MEDIAMON_DATA_ROOT/media.duckdb`), replacing the date's rows. The load emits the
`mediamon_daily_load` asset, which schedules the trend report.

One outlet failing does not stop the others; `check_outlets` fails visibly when
an outlet failed or degraded, after the other outlets' data is loaded.
Catchup is on, from `MEDIAMON_START_DATE` (to `MEDIAMON_END_DATE` when set): clear past
runs or `airflow backfill create` to fill history.
"""

from __future__ import annotations

from airflow.sdk import Asset, dag, task, task_group

from media_monitor.dag_config import (
    DAILY_END_DATE,
    DAILY_LOAD_ASSET_NAME,
    DAILY_LOAD_ASSET_URI,
    DAILY_START_DATE,
    DEFAULT_ARGS,
    DUCKDB_POOL,
    FETCH_POOL,
)

DAILY_LOAD_ASSET = Asset(name=DAILY_LOAD_ASSET_NAME, uri=DAILY_LOAD_ASSET_URI)


@task
def list_outlets() -> list[str]:
    """Read and validate the registry at run time, never at parse time."""
    from media_monitor.pipeline import list_outlet_names

    return list_outlet_names()


@task_group
def monitor_outlet(outlet: str):
    @task(pool=FETCH_POOL)
    def fetch_front_page(outlet: str, ds: str | None = None) -> str:
        from airflow.sdk.exceptions import AirflowFailException

        from media_monitor.pipeline import StaleFetchError, fetch_front_page

        try:
            fetch_front_page(outlet, ds)
        except StaleFetchError as exc:
            raise AirflowFailException(str(exc)) from exc  # a retry cannot make the day current
        return outlet

    @task
    def extract_front_page(outlet: str, ds: str | None = None) -> str:
        from media_monitor.pipeline import extract_front_page

        extract_front_page(outlet, ds)
        return outlet

    @task(pool=FETCH_POOL)
    def fetch_articles(outlet: str, ds: str | None = None) -> str:
        from media_monitor.pipeline import fetch_articles

        fetch_articles(outlet, ds)
        return outlet

    @task
    def extract_articles(outlet: str, ds: str | None = None) -> dict:
        from media_monitor.pipeline import extract_articles

        return extract_articles(outlet, ds)

    return extract_articles(fetch_articles(extract_front_page(fetch_front_page(outlet))))


@task(trigger_rule="all_done")
def validate(ds: str | None = None) -> dict:
    """Great Expectations on every staged outlet (one GX import for the day)."""
    from media_monitor.pipeline import validate_day

    return validate_day(ds)


@task(trigger_rule="all_done", pool=DUCKDB_POOL, outlets=[DAILY_LOAD_ASSET])
def load(ds: str | None = None, outlet_events=None) -> dict:
    """The single DuckDB writer: replaces the date's rows for each staged outlet."""
    from media_monitor.pipeline import load_day

    summary = load_day(ds)
    if outlet_events is not None:
        outlet_events[DAILY_LOAD_ASSET].extra = {"run_date": ds, "outlets": sorted(summary["outlets"])}
    return summary


@task(trigger_rule="all_done")
def quality_docs(ds: str | None = None) -> str:
    """Data Docs for the date: every check result, quarantined row and parser-health band."""
    from media_monitor.pipeline import build_quality_docs

    return build_quality_docs(ds)


@task
def check_outlets(summary: dict) -> None:
    """Fail visibly when an outlet failed or degraded (its data problem is in outlet_runs)."""
    from airflow.sdk.exceptions import AirflowFailException

    from media_monitor.pipeline import check_outlets as problems_of

    problems = problems_of(summary)
    if problems:
        # A verdict on data already loaded: retrying cannot change it, so fail without retries.
        raise AirflowFailException(f"outlets needing attention on {summary['run_date']}:\n" + "\n".join(problems))


@dag(
    dag_id="media_monitoring_daily",
    schedule="@daily",
    start_date=DAILY_START_DATE,
    end_date=DAILY_END_DATE,
    catchup=True,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["media-monitor", "daily", "scraping"],
    doc_md=__doc__,
)
def media_monitoring_daily():
    per_outlet = monitor_outlet.expand(outlet=list_outlets())
    summary = load()
    per_outlet >> validate() >> summary
    summary >> quality_docs()
    check_outlets(summary)


media_monitoring_daily()
