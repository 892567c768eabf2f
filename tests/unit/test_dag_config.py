"""DAG settings from the environment: the daily DAG's catch-up window, retries."""

from __future__ import annotations

import importlib
from datetime import datetime

import pytest

from media_monitor import dag_config


@pytest.fixture
def reload(monkeypatch):
    names = ("MEDIAMON_START_DATE", "MEDIAMON_END_DATE", "MEDIAMON_TASK_RETRIES")

    def _reload(**env):
        for name in names:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(dag_config)

    yield _reload
    for name in names:
        monkeypatch.delenv(name, raising=False)
    importlib.reload(dag_config)


def test_default_window_starts_on_the_first_demo_day_and_is_open(reload):
    cfg = reload()
    assert cfg.DAILY_START_DATE == datetime(2026, 11, 2) and cfg.DAILY_END_DATE is None


def test_window_from_the_environment(reload):
    cfg = reload(MEDIAMON_START_DATE="2027-01-15", MEDIAMON_END_DATE="2027-02-01")
    assert (cfg.DAILY_START_DATE, cfg.DAILY_END_DATE) == (datetime(2027, 1, 15), datetime(2027, 2, 1))


@pytest.mark.parametrize(("env", "message"), [
    ({"MEDIAMON_START_DATE": "15/01/2027"}, "MEDIAMON_START_DATE must be a date like 2026-11-02, got '15/01/2027'"),
    ({"MEDIAMON_START_DATE": "2027-02-01", "MEDIAMON_END_DATE": "2027-01-15"},
     "MEDIAMON_END_DATE 2027-01-15 is before MEDIAMON_START_DATE 2027-02-01"),
    ({"MEDIAMON_TASK_RETRIES": "two"}, "MEDIAMON_TASK_RETRIES must be a whole number, got 'two'"),
])
def test_bad_values_fail_with_the_variable_named(reload, env, message):
    with pytest.raises(ValueError) as err:
        reload(**env)
    assert str(err.value) == message
