"""Data Docs: a self-contained HTML page per run date of what the quality checks found.

``build_data_docs(run_date)`` writes ``DATA_ROOT/quality/<date>/index.html`` and refreshes
``DATA_ROOT/quality/index.html`` (every loaded date, newest first). A page shows, from DuckDB:
each outlet's run status; every expectation (suite, check, success, severity, observed value,
unexpected count); the quarantined rows with the checks they failed; the parser-health
metrics with the band each was judged against.

Why not Great Expectations' own Data Docs: GX renders them with Bootstrap, jQuery, Font
Awesome and its own scripts fetched from public CDNs at view time. Opened offline, on an
air-gapped server, or under a strict Content-Security-Policy (the Airflow UI's), they show
unstyled and partly empty (the tables are built by JavaScript). They also need a file-backed
GX context and validation results stored in it, which our ephemeral per-process context does
not keep. So we render our own page from the rows we already store: inline CSS, no script, no
remote asset, a CSP that forbids loading anything. Every value is escaped (jinja2 autoescape):
titles and row JSON come from the web and may hold markup.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from media_monitor.config import get_settings

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
# Quarantined rows are shown as JSON, cut to this many characters (the row stays whole in DuckDB).
ROW_JSON_CHARS = 600
# Long observed values (a GX list of unexpected values) are cut the same way.
OBSERVED_CHARS = 200

_RUNS_SQL = """
SELECT outlet, status, headlines, sidebar_entries, articles, quarantined, message
FROM outlet_runs WHERE run_date = ? ORDER BY outlet
"""
_DQ_SQL = """
SELECT outlet, suite, expectation, column_name, success, severity, observed_value, unexpected_count, element_count
FROM dq_results WHERE run_date = ?
ORDER BY outlet, success, suite, expectation, column_name
"""
_QUARANTINE_SQL = """
SELECT outlet, table_name, row_key, failed_expectations, CAST(row_json AS VARCHAR)
FROM quarantine WHERE run_date = ? ORDER BY outlet, table_name, row_key
"""
_HEALTH_SQL = """
SELECT outlet, metric, value, baseline, low, high, history_days, severity, status
FROM parser_health WHERE run_date = ? ORDER BY outlet, metric
"""
_DATES_SQL = """
SELECT r.run_date,
       count(*)                                        AS outlets,
       count(*) FILTER (WHERE r.status = 'ok')         AS ok,
       count(*) FILTER (WHERE r.status = 'degraded')   AS degraded,
       count(*) FILTER (WHERE r.status = 'failed')     AS failed,
       coalesce(sum(r.quarantined), 0)                 AS quarantined
FROM outlet_runs r
GROUP BY r.run_date ORDER BY r.run_date DESC
"""
_DQ_FAILS_BY_DATE_SQL = "SELECT run_date, count(*) FROM dq_results WHERE NOT success GROUP BY 1"
_DRIFTS_BY_DATE_SQL = "SELECT run_date, count(*) FROM parser_health WHERE status = 'drift' GROUP BY 1"


@dataclass
class OutletDocs:
    """Everything the page shows for one outlet."""

    outlet: str
    run: dict[str, Any] | None = None
    checks: list[dict[str, Any]] = field(default_factory=list)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    health: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.run["status"] if self.run else "not loaded"

    @property
    def failed_checks(self) -> int:
        return sum(1 for c in self.checks if not c["success"])

    @property
    def drifts(self) -> int:
        return sum(1 for h in self.health if h["status"] == "drift")


def _query(con: Any, sql: str, params: list[Any]) -> list[tuple[Any, ...]] | None:
    """Rows, or None when the table does not exist (an older database)."""
    import duckdb

    try:
        return con.execute(sql, params).fetchall()
    except duckdb.CatalogException:
        return None


def _cut(text: str | None, limit: int) -> str:
    if text is None:
        return ""
    return text if len(text) <= limit else text[:limit] + f"… ({len(text) - limit} more characters)"


def _pretty_json(text: str | None) -> str:
    if not text:
        return ""
    try:
        return json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True)
    except ValueError:
        return text


def _observed(text: str | None) -> str:
    """Health bands are stored as JSON objects; show other values as they are."""
    return _cut(text, OBSERVED_CHARS)


def collect(con: Any, run_date: date) -> tuple[list[OutletDocs], dict[str, bool]]:
    """Per-outlet docs for a date, and which source tables exist."""
    day = run_date.isoformat()
    outlets: dict[str, OutletDocs] = {}

    def of(name: str) -> OutletDocs:
        return outlets.setdefault(name, OutletDocs(name))

    present: dict[str, bool] = {}
    runs = _query(con, _RUNS_SQL, [day])
    present["outlet_runs"] = runs is not None
    for outlet, status, headlines, sidebar, articles, quarantined, message in runs or []:
        of(outlet).run = {
            "status": status, "headlines": headlines, "sidebar_entries": sidebar, "articles": articles,
            "quarantined": quarantined, "message": message or "",
        }
    checks = _query(con, _DQ_SQL, [day])
    present["dq_results"] = checks is not None
    for outlet, suite, expectation, column, success, severity, observed, unexpected, elements in checks or []:
        of(outlet).checks.append({
            "suite": suite, "expectation": expectation, "column": column or "", "success": bool(success),
            "severity": severity or "", "observed": _observed(observed), "unexpected": unexpected,
            "elements": elements,
        })
    rows = _query(con, _QUARANTINE_SQL, [day])
    present["quarantine"] = rows is not None
    for outlet, table, key, failed, row_json in rows or []:
        of(outlet).quarantine.append({
            "table": table, "key": key, "failed": list(failed or []),
            "row_json": _cut(_pretty_json(row_json), ROW_JSON_CHARS),
        })
    health = _query(con, _HEALTH_SQL, [day])
    present["parser_health"] = health is not None
    for outlet, metric, value, baseline, low, high, days, severity, status in health or []:
        of(outlet).health.append({
            "metric": metric, "value": value, "baseline": baseline, "low": low, "high": high,
            "history_days": days, "severity": severity, "status": status,
        })
    return [outlets[name] for name in sorted(outlets)], present


def _number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        if value.is_integer() and abs(value) >= 1:
            return f"{value:.0f}"
        return f"{value:.3g}" if abs(value) < 1 else f"{value:.1f}"
    return str(value)


def _band(low: Any, high: Any) -> str:
    if low is None and high is None:
        return "–"
    if low is None:
        return f"≤ {_number(high)}"
    if high is None:
        return f"≥ {_number(low)}"
    return f"{_number(low)} – {_number(high)}"


def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        # Every value is escaped: titles and row JSON come from the web and may hold markup.
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = _number
    env.filters["band"] = _band
    return env


def render_date(run_date: date, outlets: list[OutletDocs], present: dict[str, bool], generated_at: datetime) -> str:
    totals = {
        "outlets": len(outlets),
        "ok": sum(1 for o in outlets if o.status == "ok"),
        "degraded": sum(1 for o in outlets if o.status == "degraded"),
        "failed": sum(1 for o in outlets if o.status == "failed"),
        "failed_checks": sum(o.failed_checks for o in outlets),
        "quarantined": sum(len(o.quarantine) for o in outlets),
        "drifts": sum(o.drifts for o in outlets),
    }
    return _environment().get_template("datadocs.html.j2").render(
        page="date", run_date=run_date.isoformat(), outlets=outlets, present=present, totals=totals,
        generated_at=generated_at.strftime("%Y-%m-%d %H:%M UTC"), row_json_chars=ROW_JSON_CHARS,
    )


def render_index(dates: list[dict[str, Any]], generated_at: datetime) -> str:
    return _environment().get_template("datadocs.html.j2").render(
        page="index", dates=dates, generated_at=generated_at.strftime("%Y-%m-%d %H:%M UTC"),
    )


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # a reader never sees half a page


def _date_index(con: Any, out_dir: Path) -> list[dict[str, Any]]:
    fails = dict(_query(con, _DQ_FAILS_BY_DATE_SQL, []) or [])
    drifts = dict(_query(con, _DRIFTS_BY_DATE_SQL, []) or [])
    dates = []
    for run_date, outlets, ok, degraded, failed, quarantined in _query(con, _DATES_SQL, []) or []:
        day = run_date.isoformat()
        dates.append({
            "run_date": day, "outlets": outlets, "ok": ok, "degraded": degraded, "failed": failed,
            "quarantined": quarantined, "failed_checks": fails.get(run_date, 0), "drifts": drifts.get(run_date, 0),
            # Relative link: the folder can be copied or served anywhere.
            "href": f"{day}/index.html" if (out_dir / day / "index.html").exists() else None,
        })
    return dates


def build_data_docs(run_date: date | str, db_path: Path | None = None, out_dir: Path | None = None) -> Path:
    """Write the date's Data Docs page and refresh the index of all dates; returns the page.

    Args:
        run_date: the logical date (YYYY-MM-DD or a date).
        db_path: the DuckDB file (default: the settings' database), opened read-only.
        out_dir: where the pages go (default: ``DATA_ROOT/quality``).
    """
    from media_monitor import store

    day = run_date if isinstance(run_date, date) else date.fromisoformat(str(run_date)[:10])
    settings = get_settings()
    out_dir = Path(out_dir) if out_dir else settings.quality_dir
    now = datetime.now(UTC)
    con = store.connect(db_path or settings.duckdb_path, read_only=True)
    try:
        outlets, present = collect(con, day)
        page = out_dir / day.isoformat() / "index.html"
        _write_atomic(page, render_date(day, outlets, present, now))
        _write_atomic(out_dir / "index.html", render_index(_date_index(con, out_dir), now))
    finally:
        con.close()
    log.info("%s: Data Docs written to %s (%d outlets)", day, page, len(outlets))
    return page
