"""A live front page is never fetched for a day long past: it would file today's page under that day."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from media_monitor import pipeline
from media_monitor.config import ConfigError, Settings, get_settings
from media_monitor.pipeline import StaleFetchError, check_fetch_lag
from media_monitor.registry import Outlet, load_registry

TODAY = date(2026, 12, 6)
LIVE = Outlet(name="courier", title="Courier", url="https://www.courier.example/", languages=("en",))
DATED = Outlet(name="demo", title="Demo", url="http://127.0.0.1:8765/{date}/demo/", languages=("en",))


def _settings(tmp_path: Path, lag: int = 2) -> Settings:
    return Settings(data_root=tmp_path, registry_path=tmp_path / "r.yaml", user_agent="t", max_page_bytes=4096,
                    max_fetch_lag_days=lag)


def test_a_live_page_is_fetched_up_to_the_allowed_lag_and_refused_after(tmp_path):
    settings = _settings(tmp_path)
    for lag in (0, 1, 2):
        check_fetch_lag(LIVE, TODAY - timedelta(days=lag), settings, today=TODAY)
    with pytest.raises(StaleFetchError) as err:
        check_fetch_lag(LIVE, TODAY - timedelta(days=3), settings, today=TODAY)
    assert "outlet 'courier': not fetching its live front page for 2026-12-03 (3 days ago)" in str(err.value)
    assert "MEDIAMON_START_DATE" in str(err.value) and "mediamon reprocess" in str(err.value)


def test_a_dated_url_serves_that_day_and_is_always_fetched(tmp_path):
    check_fetch_lag(DATED, date(2026, 11, 2), _settings(tmp_path, lag=0), today=TODAY)


def test_the_lag_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("MEDIAMON_MAX_FETCH_LAG_DAYS", "30")
    assert get_settings().max_fetch_lag_days == 30
    monkeypatch.setenv("MEDIAMON_MAX_FETCH_LAG_DAYS", "-1")
    with pytest.raises(ConfigError, match="MEDIAMON_MAX_FETCH_LAG_DAYS"):
        get_settings()


def test_fetch_front_page_refuses_before_touching_the_network_or_the_staging_area(tmp_path, monkeypatch):
    registry = tmp_path / "outlets.yaml"
    registry.write_text("version: 1\noutlets:\n  - name: courier\n    title: Courier\n"
                        "    url: https://www.courier.example/\n    languages: [en]\n", encoding="utf-8")
    settings = Settings(data_root=tmp_path / "data", registry_path=registry, user_agent="t", max_page_bytes=4096)
    assert load_registry(registry)  # a valid registry: the refusal is about the date alone
    monkeypatch.setattr(pipeline, "_fetcher", lambda *a: pytest.fail("must not fetch"))
    with pytest.raises(StaleFetchError):
        pipeline.fetch_front_page("courier", "2026-11-03", settings)
    assert not (tmp_path / "data").exists()
