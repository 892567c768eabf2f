"""DuckDB loads: a rerun of a date replaces that outlet's rows, never duplicates them."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from media_monitor import store


def rows(n: int, day: str = "2026-11-03", outlet: str = "a") -> list[dict]:
    return [
        {"run_date": day, "outlet": outlet, "url": f"http://x.org/{i}", "rank": i + 1, "title": f"Story number {i}"}
        for i in range(n)
    ]


def test_replace_is_idempotent_and_per_outlet(tmp_path):
    con = store.connect(tmp_path / "m.duckdb")
    store.replace_outlet_day(con, "2026-11-03", "a", {"headlines": rows(5)})
    store.replace_outlet_day(con, "2026-11-03", "b", {"headlines": rows(2, outlet="b")})
    store.replace_outlet_day(con, "2026-11-04", "a", {"headlines": rows(1, day="2026-11-04")})
    store.replace_outlet_day(con, "2026-11-03", "a", {"headlines": rows(3)})  # rerun with fewer rows
    got = con.execute("SELECT outlet, run_date, count(*) FROM headlines GROUP BY ALL ORDER BY ALL").fetchall()
    assert got == [("a", date(2026, 11, 3), 3), ("a", date(2026, 11, 4), 1), ("b", date(2026, 11, 3), 2)]


def test_failed_load_rolls_back(tmp_path):
    con = store.connect(tmp_path / "m.duckdb")
    store.replace_outlet_day(con, "2026-11-03", "a", {"headlines": rows(2)})
    bad = rows(1) + rows(1)  # duplicate primary key
    with pytest.raises(duckdb.ConstraintException):
        store.replace_outlet_day(con, "2026-11-03", "a", {"headlines": bad})
    assert con.execute("SELECT count(*) FROM headlines").fetchone()[0] == 2


def test_unknown_column_is_an_error(tmp_path):
    con = store.connect(tmp_path / "m.duckdb")
    with pytest.raises(ValueError, match="unknown column"):
        store.replace_outlet_day(con, "2026-11-03", "a", {"headlines": [{**rows(1)[0], "titel": "x"}]})


def test_latest_loaded_date_and_read_only(tmp_path):
    path = tmp_path / "m.duckdb"
    assert store.latest_loaded_date(path) is None
    con = store.connect(path)
    store.replace_outlet_day(con, "2026-11-05", "a", {"outlet_runs": [{"run_date": "2026-11-05", "outlet": "a", "status": "ok"}]})
    con.close()
    assert store.latest_loaded_date(path) == date(2026, 11, 5)
    ro = store.connect(path, read_only=True)
    with pytest.raises(duckdb.InvalidInputException):
        ro.execute("DELETE FROM outlet_runs")
    with pytest.raises(FileNotFoundError):
        store.connect(tmp_path / "missing.duckdb", read_only=True)
