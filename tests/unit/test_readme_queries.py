"""Every SQL example of docs/queries.md runs against a synthetic database and returns rows."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from media_monitor.synth import synth_history

DOC = Path(__file__).resolve().parents[2] / "docs" / "queries.md"
SQL_BLOCK = re.compile(r"^```sql\n(.*?)^```", re.S | re.M)
VIEWS = ("v_daily_volume", "v_headline_timeline", "v_sidebar_timeline", "v_article_facts", "v_fetch_outcomes")


def _queries() -> list[str]:
    return SQL_BLOCK.findall(DOC.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("queries") / "media.duckdb"
    synth_history(db, days=10, outlets=3)
    connection = duckdb.connect(str(db), read_only=True)
    yield connection
    connection.close()


def test_the_document_has_ten_queries_covering_every_view() -> None:
    queries = _queries()
    assert len(queries) == 10
    for view in VIEWS:
        assert any(view in q for q in queries), view


@pytest.mark.parametrize("number", range(1, 11))
def test_query_runs_and_returns_rows(con, number: int) -> None:
    sql = _queries()[number - 1]
    rows = con.execute(sql).fetchall()
    assert rows, f"query {number} returned no rows:\n{sql}"
