"""DuckDB: schema, idempotent per-date loads, read-only connections for readers.

DuckDB allows one writer at a time. The daily DAG funnels every write through one
load task (behind a one-slot pool); readers open the file ``read_only=True``.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from media_monitor.config import PROJECT_ROOT, get_settings
from media_monitor.health import PARSER_HEALTH_COLUMNS

log = logging.getLogger(__name__)
T = TypeVar("T")

SQL_DIR = PROJECT_ROOT / "include" / "sql"

# Column order of each loaded table, as in include/sql/schema.sql. Rows arrive as
# dicts; a missing key loads as NULL, an unknown key is an error (a typo must not
# silently drop a column).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "headlines": (
        "run_date", "outlet", "url", "rank", "title", "block", "heading_level", "is_lead", "has_image", "fetched_at",
    ),
    "sidebar_entries": (
        "run_date", "outlet", "block", "rank", "title", "url", "time_text", "shown_at", "count", "block_kind",
        "fetched_at",
    ),
    "articles": (
        "run_date", "outlet", "article_id", "url", "canonical_url", "title", "authors", "published_at", "language",
        "body", "word_count", "views", "comments", "image_credit", "story_id", "fetched_at",
    ),
    "fetches": (
        "run_date", "outlet", "url", "kind", "attempt", "fetched_at", "status", "bytes", "content_type", "encoding",
        "sha256", "warc_file", "warc_offset", "elapsed_ms", "outcome", "error",
    ),
    "outlet_runs": (
        "run_date", "outlet", "status", "headlines", "sidebar_entries", "articles", "quarantined", "message",
        "loaded_at",
    ),
    "dq_results": (
        "run_date", "outlet", "suite", "expectation", "column_name", "success", "severity", "observed_value",
        "unexpected_count", "element_count",
    ),
    "quarantine": ("run_date", "outlet", "table_name", "row_key", "failed_expectations", "row_json"),
    "parser_health": PARSER_HEALTH_COLUMNS,  # include/sql/schema_health.sql
}
# Tables whose rows for (run_date, outlet) are replaced as a unit by a load.
DAILY_TABLES = tuple(TABLE_COLUMNS)


def _statements(sql: str) -> list[str]:
    """Split a .sql file into statements (our files hold no ';' inside literals)."""
    without_comments = re.sub(r"--[^\n]*", "", sql)
    return [s.strip() for s in without_comments.split(";") if s.strip()]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create tables and views if missing (safe to run on every load)."""
    for name in ("schema.sql", "schema_health.sql", "views.sql", "comments.sql"):
        path = SQL_DIR / name
        for stmt in _statements(path.read_text(encoding="utf-8")):
            con.execute(stmt)


def connect(db_path: Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database; writers get the schema ensured, readers must find the file."""
    path = Path(db_path) if db_path else get_settings().duckdb_path
    if read_only:
        if not path.exists():
            raise FileNotFoundError(f"no database at {path}: run the daily pipeline first (make demo)")
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        ensure_schema(con)
    except BaseException:
        con.close()  # a half-open writer would lock every later reader of this process out
        raise
    return con


@contextmanager
def writer(db_path: Path | None = None):
    con = connect(db_path)
    try:
        yield con
    finally:
        con.close()


def _row_values(table: str, row: Mapping[str, Any]) -> list[Any]:
    columns = TABLE_COLUMNS[table]
    unknown = set(row) - set(columns)
    if unknown:
        raise ValueError(f"{table}: unknown column(s) {sorted(unknown)}")
    values = []
    for col in columns:
        value = row.get(col)
        if col in ("row_json",) and value is not None and not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False, default=str)
        values.append(value)
    return values


def in_transaction(con: duckdb.DuckDBPyConnection, work: Callable[[], T]) -> T:
    """Run ``work`` in one transaction: all of it is committed, or none of it."""
    con.execute("BEGIN TRANSACTION")
    try:
        result = work()
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return result


def replace_outlet_day(
    con: duckdb.DuckDBPyConnection,
    run_date: date | str,
    outlet: str,
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
) -> dict[str, int]:
    """Replace one outlet's rows for one run date in every given table, atomically.

    A rerun of a date therefore never duplicates rows and never leaves stale ones
    behind. Returns rows inserted per table.
    """

    def replace() -> dict[str, int]:
        counts: dict[str, int] = {}
        for table, rows in tables.items():
            if table not in TABLE_COLUMNS:
                raise ValueError(f"unknown table {table!r}")
            con.execute(f"DELETE FROM {table} WHERE run_date = ? AND outlet = ?", [str(run_date), outlet])  # noqa: S608 - table from a fixed allow-list
            counts[table] = insert_rows(con, table, rows)
        return counts

    return in_transaction(con, replace)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert dict rows into a known table (inside the caller's transaction)."""
    columns = TABLE_COLUMNS[table]
    values = [_row_values(table, r) for r in rows]
    if not values:
        return 0
    placeholders = ", ".join("?" for _ in columns)
    con.executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",  # noqa: S608 - fixed allow-list
        values,
    )
    return len(values)


def upsert_outlets(con: duckdb.DuckDBPyConnection, outlets: Iterable[Any], run_date: date | str) -> None:
    """Keep the outlets dimension in step with the registry."""
    for o in outlets:
        con.execute(
            """
            INSERT INTO outlets (outlet, title, front_url, languages, timezone, updated_at)
            VALUES (?, ?, ?, ?, ?, now())
            ON CONFLICT (outlet) DO UPDATE SET title = excluded.title, front_url = excluded.front_url,
                languages = excluded.languages, timezone = excluded.timezone, updated_at = excluded.updated_at
            """,
            [o.name, o.title, o.front_url(run_date), list(o.languages), o.timezone],
        )


def table_counts(con: duckdb.DuckDBPyConnection, run_date: date | str | None = None) -> dict[str, dict[str, int]]:
    """Rows per table per outlet (for one date, or all dates)."""
    out: dict[str, dict[str, int]] = {}
    for table in ("headlines", "sidebar_entries", "articles", "fetches", "quarantine"):
        if run_date is None:
            rows = con.execute(f"SELECT outlet, count(*) FROM {table} GROUP BY 1 ORDER BY 1").fetchall()  # noqa: S608
        else:
            rows = con.execute(
                f"SELECT outlet, count(*) FROM {table} WHERE run_date = ? GROUP BY 1 ORDER BY 1",  # noqa: S608
                [str(run_date)],
            ).fetchall()
        out[table] = {outlet: n for outlet, n in rows}
    return out


def latest_loaded_date(db_path: Path | None = None) -> date | None:
    """The most recent run date with loaded outlet runs, or None on an empty database."""
    path = Path(db_path) if db_path else get_settings().duckdb_path
    if not path.exists():
        return None
    con = duckdb.connect(str(path), read_only=True)
    try:
        row = con.execute("SELECT max(run_date) FROM outlet_runs").fetchone()
    except duckdb.CatalogException:
        return None
    finally:
        con.close()
    return row[0] if row else None


EXPORT_TABLES = (
    "headlines", "sidebar_entries", "articles", "fetches", "outlet_runs", "dq_results", "quarantine", "parser_health",
)


def export_parquet(out_dir: Path, db_path: Path | None = None, tables: Iterable[str] = EXPORT_TABLES) -> dict[str, int]:
    """Write each table as Parquet partitioned by run_date and outlet (hive layout).

    The output folder of a table is replaced as a whole, so an export never mixes
    an old partition with new ones.
    """
    import shutil

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect(db_path, read_only=True)
    written: dict[str, int] = {}
    try:
        for table in tables:
            if table not in TABLE_COLUMNS:
                raise ValueError(f"unknown table {table!r}")
            target = out_dir / table
            if target.exists():
                shutil.rmtree(target)
            n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - allow-listed name
            if n:
                con.execute(
                    f"COPY (SELECT * FROM {table}) TO '{_sql_literal_path(target)}' "  # noqa: S608
                    "(FORMAT parquet, PARTITION_BY (run_date, outlet))"
                )
            written[table] = n
    finally:
        con.close()
    return written


def _sql_literal_path(path: Path) -> str:
    # COPY ... TO takes no bound parameter for its target: escape quotes instead.
    return str(path).replace("'", "''")
