"""Loads are idempotent, a date replays from the WARC archive alone, and Parquet export works.

The whole daily pipeline runs in-process (``pipeline.run_day``, the steps the daily DAG runs)
against the demo web, into a temporary data root. Then:

* reprocessing the date with the demo web stopped and every new socket refused
  (``pipeline.reprocess_day``) gives the very same rows in every table;
* loading the same staged date three times gives identical checksums of every table;
* running the whole date three times (fetching again each time) gives identical checksums
  of every column except those that record when and how fast each fetch happened;
* ``mediamon export --format parquet`` writes hive-partitioned Parquet whose rows equal the tables.
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from media_monitor.demo_web import DEMO_DAYS, serve_in_thread
from media_monitor.store import EXPORT_TABLES, TABLE_COLUMNS

pytestmark = pytest.mark.integration

DAY = DEMO_DAYS[1]
# Columns that say when a row was loaded; everything else must be reproduced exactly.
LOAD_TIME = {"outlet_runs": {"loaded_at"}}
# ...and, when the pages are fetched again, when and how fast each fetch happened
# (and so where its record sits in the WARC file: records carry their dates).
FETCH_TIME = {
    "headlines": {"fetched_at"},
    "sidebar_entries": {"fetched_at"},
    "articles": {"fetched_at"},
    "fetches": {"fetched_at", "elapsed_ms", "warc_offset"},
    "outlet_runs": {"loaded_at"},
}


def checksums(db_path: Path, exclude: dict[str, set[str]]) -> dict[str, tuple[int, str]]:
    """(row count, sha256 of the sorted rows) per table, without the excluded columns."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        out = {}
        for table, columns in TABLE_COLUMNS.items():
            keep = [c for c in columns if c not in exclude.get(table, set())]
            rows = con.execute(f"SELECT {', '.join(keep)} FROM {table}").fetchall()  # noqa: S608 - fixed names
            digest = hashlib.sha256(repr(sorted(rows, key=repr)).encode()).hexdigest()
            out[table] = (len(rows), digest)
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    data_root = tmp_path_factory.mktemp("replay_data")
    server, _base = serve_in_thread(0)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MEDIAMON_DATA_ROOT", str(data_root))
        mp.setenv("MEDIAMON_DEMO_PORT", str(server.server_address[1]))
        mp.delenv("MEDIAMON_REGISTRY", raising=False)
        from media_monitor import pipeline
        from media_monitor.config import get_settings

        settings = get_settings()
        try:
            first = pipeline.run_day(DAY, settings)
            yield pipeline, settings, server, first
        finally:
            server.shutdown()
            server.server_close()


def test_the_day_loaded_every_outlet(env):
    _pipeline, settings, _server, first = env
    assert first["outlets"] and all(o["status"] == "ok" for o in first["outlets"].values())
    sums = checksums(settings.duckdb_path, LOAD_TIME)
    for table in ("headlines", "sidebar_entries", "articles", "fetches", "dq_results", "parser_health"):
        assert sums[table][0] > 0, table


def test_load_three_times_gives_identical_checksums(env):
    pipeline, settings, _server, _first = env
    seen = []
    for _ in range(3):
        pipeline.load_day(DAY, settings)
        seen.append(checksums(settings.duckdb_path, LOAD_TIME))
    assert seen[0] == seen[1] == seen[2]


def test_whole_day_three_times_gives_identical_checksums(env):
    pipeline, settings, _server, _first = env
    seen = []
    for _ in range(3):
        pipeline.run_day(DAY, settings)
        seen.append(checksums(settings.duckdb_path, FETCH_TIME))
    assert seen[0] == seen[1] == seen[2]


def test_parquet_export_equals_the_tables(env, tmp_path):
    _pipeline, settings, _server, _first = env
    out = tmp_path / "parquet"
    proc = subprocess.run(
        [sys.executable, "-m", "media_monitor.cli", "export", "--format", "parquet", "--out", str(out)],
        capture_output=True, text=True, timeout=120, env={**os.environ,
                                                         "MEDIAMON_DATA_ROOT": str(settings.data_root)},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    con = duckdb.connect(str(settings.duckdb_path), read_only=True)
    try:
        for table in EXPORT_TABLES:
            (n,) = con.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
            if not n:
                continue
            parts = sorted(p.relative_to(out / table).parts[:2] for p in (out / table).rglob("*.parquet"))
            assert parts, table
            assert all(a.startswith("run_date=") and b.startswith("outlet=") for a, b in parts), parts[:3]
            outlets = {b.split("=", 1)[1] for _a, b in parts}
            assert outlets == {o for (o,) in con.execute(f"SELECT DISTINCT outlet FROM {table}").fetchall()}  # noqa: S608
            glob = str(out / table / "**" / "*.parquet")
            diff = con.execute(
                f"SELECT count(*) FROM ((SELECT * EXCLUDE (run_date, outlet), run_date::VARCHAR, outlet FROM {table})"  # noqa: S608
                f" EXCEPT ALL (SELECT * EXCLUDE (run_date, outlet), run_date::VARCHAR, outlet"
                f" FROM read_parquet('{glob}', hive_partitioning = true)))"
            ).fetchone()[0]
            assert diff == 0, table
    finally:
        con.close()


def test_reprocess_without_network_gives_the_same_rows(env, monkeypatch):
    pipeline, settings, server, _first = env
    pipeline.run_day(DAY, settings)  # a fresh, complete original run to compare with
    before = checksums(settings.duckdb_path, LOAD_TIME)
    server.shutdown()
    server.server_close()

    def refuse(*_args, **_kwargs):
        raise AssertionError("reprocessing tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    import shutil

    shutil.rmtree(settings.staging_dir / DAY.isoformat())  # only the WARC archive is left
    summary = pipeline.reprocess_day(DAY, settings)
    assert all(o["status"] == "ok" for o in summary["outlets"].values()), summary
    after = checksums(settings.duckdb_path, LOAD_TIME)
    assert after == before
