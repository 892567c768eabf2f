"""Data Docs: a self-contained page per date, every value escaped, every section present."""

from __future__ import annotations

import json
import re
from datetime import date

import duckdb
import pytest

from media_monitor import datadocs, health, store

DAY = date(2026, 11, 7)
EVIL = '<script>alert("x")</script>'


def _insert(con, table: str, columns: tuple[str, ...], rows: list[dict]) -> None:
    con.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",  # noqa: S608
        [[r.get(c) for c in columns] for r in rows],
    )


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "media.duckdb"
    con = duckdb.connect(str(path))
    store.ensure_schema(con)
    health.ensure_schema(con)
    day = DAY.isoformat()
    store.insert_rows(con, "outlet_runs", [
        {"run_date": day, "outlet": "daily-ledger", "status": "degraded", "headlines": 0, "sidebar_entries": 0,
         "articles": 0, "quarantined": 0, "message": "parser health: headline_count 0 outside 6..18"},
        {"run_date": day, "outlet": "vestnik", "status": "ok", "headlines": 12, "sidebar_entries": 9,
         "articles": 11, "quarantined": 2, "message": ""},
        {"run_date": "2026-11-06", "outlet": "vestnik", "status": "ok", "headlines": 11, "sidebar_entries": 9,
         "articles": 10, "quarantined": 0, "message": ""},
    ])
    store.insert_rows(con, "dq_results", [
        {"run_date": day, "outlet": "vestnik", "suite": "articles_suite", "expectation": "articles.body_min_words",
         "column_name": "word_count", "success": False, "severity": "block", "observed_value": "18.18% unexpected",
         "unexpected_count": 2, "element_count": 11},
        {"run_date": day, "outlet": "vestnik", "suite": "headlines_suite", "expectation": "headlines.unique_url",
         "column_name": "", "success": True, "severity": "block", "observed_value": None,
         "unexpected_count": 0, "element_count": 12},
        {"run_date": day, "outlet": "daily-ledger", "suite": "parser_health",
         "expectation": "parser_health.headline_count", "column_name": "headline_count", "success": False,
         "severity": "degrade", "observed_value": json.dumps({"value": 0.0, "low": 6.0, "high": 18.0}),
         "unexpected_count": 1, "element_count": 1},
    ])
    long_body = "word " * 500
    store.insert_rows(con, "quarantine", [
        {"run_date": day, "outlet": "vestnik", "table_name": "articles", "row_key": "3:abc",
         "failed_expectations": ["articles.body_min_words", "articles.title_length"],
         "row_json": json.dumps({"title": EVIL, "url": "https://evil.example.com/x", "body": "short"})},
        {"run_date": day, "outlet": "vestnik", "table_name": "articles", "row_key": "4:def",
         "failed_expectations": ["articles.body_min_words"], "row_json": json.dumps({"title": "Long", "body": long_body})},
    ])
    _insert(con, "parser_health", health.PARSER_HEALTH_COLUMNS, [
        {"run_date": day, "outlet": "daily-ledger", "metric": "headline_count", "value": 0.0, "baseline": 12.0,
         "low": 6.0, "high": 18.0, "history_days": 5, "severity": "degrade", "status": "drift"},
        {"run_date": day, "outlet": "daily-ledger", "metric": "missing_date_rate", "value": None, "baseline": None,
         "low": None, "high": None, "history_days": 5, "severity": "degrade", "status": "no_value"},
        {"run_date": day, "outlet": "vestnik", "metric": "missing_date_rate", "value": 0.0, "baseline": 0.0,
         "low": None, "high": 0.2, "history_days": 5, "severity": "degrade", "status": "ok"},
    ])
    con.close()
    return path


def test_page_and_index_are_written(db, tmp_path):
    out = tmp_path / "quality"
    page = datadocs.build_data_docs(DAY, db_path=db, out_dir=out)
    assert page == out / DAY.isoformat() / "index.html"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{DAY.isoformat()}/index.html">{DAY.isoformat()}</a>' in index
    assert "2026-11-06 <span" in index and 'href="2026-11-06/index.html"' not in index  # no page built for it yet
    datadocs.build_data_docs("2026-11-06", db_path=db, out_dir=out)
    assert 'href="2026-11-06/index.html"' in (out / "index.html").read_text(encoding="utf-8")


def test_all_sections_present_with_their_rows(db, tmp_path):
    html = datadocs.build_data_docs(DAY, db_path=db, out_dir=tmp_path / "q").read_text(encoding="utf-8")
    for section in ('id="outlets"', 'id="expectations"', 'id="quarantine"', 'id="parser-health"'):
        assert section in html
    # outlet status and message
    assert re.search(r"<td>daily-ledger</td><td><span class=\"badge s-degraded\">degraded</span>", html)
    assert "parser health: headline_count 0 outside 6..18" in html
    # expectations: name, severity, observed value, unexpected count
    row = re.search(r"<tr class=\"fail\"><td>articles_suite</td>.*?</tr>", html, re.S).group(0)
    assert "articles.body_min_words" in row and "s-block" in row and "18.18% unexpected" in row
    assert '<td class="num">2</td><td class="num">11</td>' in row
    assert "headlines.unique_url" in html
    # quarantine: failed checks named, long rows cut
    assert "<code>articles.title_length</code>" in html and "3:abc" in html
    assert "more characters)" in html and ("word " * 200) not in html
    # parser health: value, median, band, status
    drift = re.search(r"<tr class=\"drift\"><td><code>headline_count</code>.*?</tr>", html, re.S).group(0)
    assert '<td class="num">0</td>' in drift and "6 – 18" in drift and "s-drift" in drift
    assert "≤ 0.2" in html  # one-sided band of a rate
    # totals
    assert "<strong>1</strong> degraded" in html and "<strong>2</strong> quarantined rows" in html
    assert "<strong>1</strong> parser-health drifts" in html


def test_text_from_the_web_is_escaped(db, tmp_path):
    html = datadocs.build_data_docs(DAY, db_path=db, out_dir=tmp_path / "q").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(" in html


def test_no_external_resources_or_links(db, tmp_path):
    out = tmp_path / "q"
    datadocs.build_data_docs(DAY, db_path=db, out_dir=out)
    for path in (out / DAY.isoformat() / "index.html", out / "index.html"):
        html = path.read_text(encoding="utf-8")
        targets = re.findall(r"""\b(?:href|src|action)\s*=\s*["']([^"']*)""", html, re.I)
        assert targets, path  # the pages do link (sections, dates)
        for target in targets:
            assert not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", target, re.I), target  # relative only
        assert "<link" not in html and "<script" not in html and "<img" not in html
        assert "@import" not in html and "url(" not in html
        assert "default-src 'none'" in html  # the CSP forbids loading anything anyway


def test_database_without_parser_health(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    store.ensure_schema(con)
    con.execute("DROP TABLE parser_health")  # a database from before parser health existed
    store.insert_rows(con, "outlet_runs", [{"run_date": DAY.isoformat(), "outlet": "vestnik", "status": "ok"}])
    con.close()
    html = datadocs.build_data_docs(DAY, db_path=path, out_dir=tmp_path / "q").read_text(encoding="utf-8")
    assert "no parser_health table yet" in html
    assert "No quarantined rows." in html and "<td>vestnik</td>" in html


def test_missing_database_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        datadocs.build_data_docs(DAY, db_path=tmp_path / "none.duckdb", out_dir=tmp_path / "q")
