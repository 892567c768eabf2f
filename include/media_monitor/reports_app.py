"""A small read-only web app listing and serving the trend reports.

Mounted inside the Airflow API server by plugins/media_monitor_plugin.py, so the
reports are one click away from the DAG runs that made them.
"""

from __future__ import annotations

import html
from pathlib import Path

from media_monitor.config import get_settings

ALLOWED_SUFFIXES = {".html", ".md", ".csv", ".svg", ".png"}


def list_reports(reports_dir: Path) -> list[str]:
    """Report dates with an HTML report, newest first."""
    if not reports_dir.is_dir():
        return []
    return sorted((p.parent.name for p in reports_dir.glob("*/report.html")), reverse=True)


def resolve_report_file(reports_dir: Path, relative: str) -> Path | None:
    """The file under reports_dir for a request path, or None (no traversal, known types only)."""
    root = reports_dir.resolve()
    target = (root / relative).resolve()
    if root not in target.parents or target.suffix not in ALLOWED_SUFFIXES or not target.is_file():
        return None
    return target


def index_html(reports_dir: Path, prefix: str = "") -> str:
    dates = list_reports(reports_dir)
    items = "\n".join(
        f'<li><a href="{prefix}/{html.escape(d)}/report.html">{html.escape(d)}</a> '
        f'(<a href="{prefix}/{html.escape(d)}/report.md">markdown</a>)</li>'
        for d in dates
    ) or "<li>No reports yet: run media_monitoring_daily.</li>"
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Media Monitor reports</title>"
        "<style>body{font-family:sans-serif;margin:2em;max-width:50em}</style></head>"
        f"<body><h1>Media Monitor reports</h1><ul>{items}</ul></body></html>"
    )


def create_app(reports_dir: Path | None = None):
    """FastAPI app (FastAPI ships with Airflow 3's API server)."""
    from fastapi import FastAPI, HTTPException
    from fastapi.responses import FileResponse, HTMLResponse

    app = FastAPI(title="Media Monitor reports")

    def root() -> Path:
        return reports_dir or get_settings().reports_dir

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        return index_html(root(), prefix=".")

    @app.get("/{day}/{name}")
    def report_file(day: str, name: str):
        path = resolve_report_file(root(), f"{day}/{name}")
        if path is None:
            raise HTTPException(status_code=404, detail="no such report file")
        return FileResponse(path)

    return app
