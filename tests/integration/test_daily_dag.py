"""The real daily DAG, run by Airflow against the demo web, lands the right rows in DuckDB;
a rerun of the date replaces them (no duplicates); the load's asset drives the report."""

from __future__ import annotations

import json
import sqlite3

import duckdb
import pytest

from media_monitor.demo_web import DEMO_DAYS, truth_frontpage

pytestmark = pytest.mark.integration

DAY = DEMO_DAYS[1]
OUTLETS = ["daily-ledger", "metro-wire", "rumour-mill", "vestnik"]
KEYS = {
    "headlines": "run_date, outlet, url",
    "sidebar_entries": "run_date, outlet, block, rank",
    "articles": "run_date, outlet, article_id",
    "fetches": "run_date, outlet, url, attempt",
}


def snapshot(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table, key in KEYS.items():
            total, distinct = con.execute(
                f"SELECT count(*), count(DISTINCT ({key})) FROM {table}"  # noqa: S608 - fixed names
            ).fetchone()
            out[table] = (total, distinct)
        out["per_outlet"] = con.execute(
            "SELECT outlet, status, headlines, sidebar_entries, articles FROM outlet_runs ORDER BY outlet"
        ).fetchall()
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def first_run(airflow_runner, demo_web_port):
    airflow_runner.env["MEDIAMON_DEMO_PORT"] = str(demo_web_port)
    log = airflow_runner.dags_test("media_monitoring_daily", DAY.isoformat())
    return log, snapshot(airflow_runner.data_root / "media.duckdb")


def test_every_outlet_loaded_ok(first_run):
    _log, snap = first_run
    per_outlet = snap["per_outlet"]
    assert [row[0] for row in per_outlet] == OUTLETS
    for outlet, status, headlines, sidebar, articles in per_outlet:
        assert status == "ok", outlet
        assert headlines >= 8, outlet
        assert sidebar >= 5, outlet
        assert articles >= 8, outlet


def test_headlines_and_vestnik_discussion_match_the_demo_truth(first_run, airflow_runner, demo_web_port):
    con = duckdb.connect(str(airflow_runner.data_root / "media.duckdb"), read_only=True)
    base = f"http://127.0.0.1:{demo_web_port}"
    for outlet in OUTLETS:
        truth = truth_frontpage(outlet, DAY)
        loaded = {r[0] for r in con.execute(
            "SELECT url FROM headlines WHERE outlet = ? AND run_date = ?", [outlet, DAY]).fetchall()}
        expected = {base + h["url"] for h in truth["headlines"]}
        assert expected <= loaded, (outlet, sorted(expected - loaded))
    truth = truth_frontpage("vestnik", DAY)["blocks"][0]
    rows = con.execute(
        "SELECT rank, title, time_text, count, strftime(shown_at AT TIME ZONE 'Europe/Moscow', '%d.%m %H:%M') "
        "FROM sidebar_entries WHERE outlet = 'vestnik' AND run_date = ? ORDER BY rank", [DAY]).fetchall()
    con.close()
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (e["rank"], e["title"], e["time_text"], e["count"]) for e in truth["entries"]
    ]
    assert all(r[4] == r[2] for r in rows)  # shown time parsed in Moscow time, year inferred


def test_articles_have_fields_and_raw_bytes_are_archived(first_run, airflow_runner):
    con = duckdb.connect(str(airflow_runner.data_root / "media.duckdb"), read_only=True)
    rows = con.execute(
        "SELECT outlet, count(*), count(title), count(published_at), count(*) FILTER (WHERE len(authors) > 0), "
        "min(word_count) FROM articles WHERE run_date = ? GROUP BY outlet ORDER BY outlet", [DAY]).fetchall()
    con.close()
    for outlet, n, titles, dates, with_authors, min_words in rows:
        assert titles == n and dates == n and with_authors == n, outlet
        assert min_words >= 40, outlet
    for outlet in OUTLETS:
        assert (airflow_runner.data_root / "raw" / DAY.isoformat() / f"{outlet}.warc.gz").stat().st_size > 1000


def test_load_emitted_the_asset_with_its_date(first_run, airflow_runner):
    db = sqlite3.connect(airflow_runner.home / "airflow.db")
    rows = db.execute(
        "SELECT e.extra FROM asset_event e JOIN asset a ON a.id = e.asset_id WHERE a.name = 'mediamon_daily_load'"
    ).fetchall()
    db.close()
    assert any(json.loads(r[0]).get("run_date") == DAY.isoformat() for r in rows)


def test_rerun_replaces_rows_without_duplicates(first_run, airflow_runner):
    _log, before = first_run
    airflow_runner.dags_test("media_monitoring_daily", DAY.isoformat())
    after = snapshot(airflow_runner.data_root / "media.duckdb")
    assert after == before
    for table in KEYS:
        total, distinct = after[table]
        assert total == distinct > 0, table


def test_report_dag_writes_the_report(first_run, airflow_runner):
    airflow_runner.dags_test("media_trend_report", conf=json.dumps({"date": DAY.isoformat()}))
    report = airflow_runner.data_root / "reports" / DAY.isoformat() / "report.html"
    html = report.read_text(encoding="utf-8")
    assert "<svg" in html and "vestnik" in html
    assert (report.parent / "report.md").exists()


def test_wire_copies_share_a_story_id(first_run, airflow_runner):
    """The demo's wire copies (metro-wire's text run by another outlet) are linked as one story;
    every other article is a story of its own."""
    from urllib.parse import urlsplit

    from media_monitor.demo_content import WIRE_COPIES, all_articles

    con = duckdb.connect(str(airflow_runner.data_root / "media.duckdb"), read_only=True)
    rows = con.execute("SELECT url, article_id, story_id FROM articles WHERE run_date = ?", [DAY]).fetchall()
    con.close()
    by_path = {urlsplit(url).path: (article_id, story) for url, article_id, story in rows}
    linked = set()
    for key, other in WIRE_COPIES.items():
        paths = {a.outlet: a.path for a in all_articles() if a.event.key == key}
        if paths["metro-wire"] in by_path and paths[other] in by_path:
            wire, copy = by_path[paths["metro-wire"]], by_path[paths[other]]
            assert wire[1] == copy[1] and wire[1] in (wire[0], copy[0]), key
            linked |= {paths["metro-wire"], paths[other]}
    assert len(linked) >= 4  # the demo day carries at least two wire pairs
    assert all(story == article_id for path, (article_id, story) in by_path.items() if path not in linked)
