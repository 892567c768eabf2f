"""The reports web app lists reports and refuses paths outside the reports folder."""

from __future__ import annotations

from fastapi.testclient import TestClient

from media_monitor.reports_app import create_app, resolve_report_file


def test_lists_and_serves_reports_and_blocks_traversal(tmp_path):
    reports = tmp_path / "reports"
    (reports / "2026-11-03").mkdir(parents=True)
    (reports / "2026-11-03" / "report.html").write_text("<h1>day</h1>", encoding="utf-8")
    (tmp_path / "secret.html").write_text("secret", encoding="utf-8")
    client = TestClient(create_app(reports))
    index = client.get("/")
    assert index.status_code == 200 and "2026-11-03/report.html" in index.text
    assert client.get("/2026-11-03/report.html").text == "<h1>day</h1>"
    assert client.get("/2026-11-03/missing.html").status_code == 404
    assert resolve_report_file(reports, "../secret.html") is None
    assert resolve_report_file(reports, "2026-11-03/../../secret.html") is None
