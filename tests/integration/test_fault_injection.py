"""The real daily DAG over a healthy outlet plus one misbehaving outlet per fault.

Asserts that the healthy outlet loads whole, that every faulty outlet's fetch lands in
`fetches` with the right outcome class, that the run finishes, that memory stays bounded
through a 20 MB page and a gzip bomb, and that every response is in the WARC archive.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

import duckdb
import pytest
import yaml
from warcio.archiveiterator import ArchiveIterator

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))
from faulty_web import FaultyWeb  # noqa: E402

pytestmark = pytest.mark.integration

DAY = "2026-11-03"
# outlet name -> (front-page path, expected outcome of the front-page fetch)
FRONT_FAULTS = {
    "healthy": ("/healthy/", "ok"),
    "slow-headers": ("/slow-headers/?delay=30", "timeout"),
    "trickle": ("/trickle/?bytes=4000&interval=0.5", "timeout"),
    "reset": ("/reset/", "connection_error"),
    "flaky": ("/flaky/front", "ok"),
    "retry-after": ("/retry-after/front", "ok"),
    "rate-limited": ("/rate-limited/", "blocked"),
    "redirect-loop": ("/redirect-loop/", "http_error"),
    "redirect-metadata": ("/redirect-metadata/", "unsafe_address"),
    "redirect-offsite": ("/redirect-offsite/", "offsite_redirect"),
    "huge": ("/huge/", "too_large"),
    "gzip-bomb": ("/gzip-bomb/", "too_large"),
    "cp1251": ("/cp1251/", "ok"),
    "pdf-front": ("/pdf-as-html/", "not_html"),
    "empty": ("/empty/", "http_error"),
    "truncated": ("/truncated/", "ok"),
    "consent-wall": ("/consent-wall/", "blocked"),
    "article-404": ("/article-404/", "ok"),
}
PEAK_RSS_LIMIT_MB = 500


@pytest.fixture(scope="module")
def fault_run(airflow_runner, tmp_path_factory):
    web = FaultyWeb.start()
    closed = FaultyWeb.start(robots_txt="User-agent: *\nDisallow: /\n")
    outlets = [
        {"name": name, "url": web.base_url + path, "languages": ["en", "ru"], "allow_private_addresses": True,
         "min_interval_s": 0, "max_articles": 5}
        for name, (path, _outcome) in FRONT_FAULTS.items()
    ]
    outlets.append({"name": "robots-closed", "url": closed.base_url + "/healthy/", "languages": ["en"],
                    "allow_private_addresses": True, "min_interval_s": 0})
    registry = tmp_path_factory.mktemp("registry") / "faults.yaml"
    registry.write_text(yaml.safe_dump({"version": 1, "outlets": outlets}), encoding="utf-8")
    data_root = tmp_path_factory.mktemp("fault_data")
    env = {
        "MEDIAMON_REGISTRY": str(registry),
        "MEDIAMON_DATA_ROOT": str(data_root),
        "MEDIAMON_CONNECT_TIMEOUT": "1",
        "MEDIAMON_READ_TIMEOUT": "1.5",
        "MEDIAMON_TOTAL_TIMEOUT": "3",
        "MEDIAMON_MAX_RETRIES": "2",
        # These outlets' URLs carry no date, like live ones, and DAY is long past.
        "MEDIAMON_MAX_FETCH_LAG_DAYS": "100000",
    }
    try:
        log = airflow_runner.dags_test("media_monitoring_daily", DAY, env=env, check=False, timeout=900)
    finally:
        web.stop()
        closed.stop()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return log, data_root, peak_mb


def query(data_root: Path, sql: str, params=None):
    con = duckdb.connect(str(data_root / "media.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def test_run_finishes_and_flags_the_faulty_outlets(fault_run):
    log, data_root, _peak = fault_run
    runs = dict(query(data_root, "SELECT outlet, status FROM outlet_runs WHERE run_date = ?", [DAY]))
    assert set(runs) == set(FRONT_FAULTS) | {"robots-closed"}
    for name, (_path, outcome) in FRONT_FAULTS.items():
        assert runs[name] == ("ok" if outcome == "ok" else "failed"), name
    assert runs["robots-closed"] == "failed"
    assert "outlets needing attention" in log  # check_outlets failed visibly...
    assert log.count("starting task_id=check_outlets ") == 1  # ...at once: a verdict is not retried


def test_healthy_outlet_loaded_whole(fault_run):
    _log, data_root, _peak = fault_run
    headlines = query(data_root, "SELECT url FROM headlines WHERE outlet = 'healthy' ORDER BY rank")
    assert [u for (u,) in headlines] == [u for (u,) in headlines if "/healthy/article-" in u]
    assert len(headlines) == 3
    (n_articles,) = query(data_root, "SELECT count(*) FROM articles WHERE outlet = 'healthy'")[0]
    assert n_articles == 3


def test_every_fault_has_its_outcome_class(fault_run):
    _log, data_root, _peak = fault_run
    fronts = dict(query(
        data_root,
        "SELECT outlet, arg_max(outcome, attempt) FROM fetches WHERE kind = 'front' GROUP BY outlet",
    ))
    for name, (_path, outcome) in FRONT_FAULTS.items():
        assert fronts.get(name) == outcome, (name, fronts.get(name))
    assert fronts.get("robots-closed") == "robots_disallowed"
    articles = query(data_root, "SELECT outcome, status FROM fetches WHERE outlet = 'article-404' AND kind = 'article'")
    assert articles and all(o == "http_error" and s == 404 for o, s in articles)
    (enc,) = query(data_root, "SELECT encoding FROM fetches WHERE outlet = 'cp1251' AND kind = 'front'")[0]
    assert enc == "cp1251"


def test_memory_bounded_through_bomb_and_big_page(fault_run):
    _log, _data_root, peak_mb = fault_run
    print(f"peak RSS of the Airflow run: {peak_mb:.0f} MB")
    assert peak_mb < PEAK_RSS_LIMIT_MB


def test_every_response_is_in_the_warc_archive(fault_run):
    _log, data_root, _peak = fault_run
    rows = query(data_root, "SELECT outlet, url, warc_file, warc_offset FROM fetches WHERE status IS NOT NULL")
    assert len(rows) >= len(FRONT_FAULTS)
    by_file: dict[str, set[int]] = {}
    for _outlet, _url, warc_file, offset in rows:
        assert warc_file and offset is not None
        by_file.setdefault(warc_file, set()).add(offset)
    for warc_file, offsets in by_file.items():
        path = Path(warc_file) if Path(warc_file).is_absolute() else data_root / warc_file
        found = set()
        with path.open("rb") as fh:
            it = ArchiveIterator(fh)
            for record in it:
                if record.rec_type in ("response", "revisit"):
                    found.add(it.get_record_offset())
        assert offsets <= found, (warc_file, sorted(offsets - found))
