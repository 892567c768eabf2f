"""Settings from the environment: typed values, defaults when unset, errors that name the variable."""

from __future__ import annotations

import pytest

from media_monitor.config import ConfigError, get_settings


def test_numbers_come_from_the_environment_and_blank_means_the_default(monkeypatch):
    monkeypatch.setenv("MEDIAMON_MAX_RETRIES", " 5 ")
    monkeypatch.setenv("MEDIAMON_READ_TIMEOUT", "2.5")
    monkeypatch.setenv("MEDIAMON_CONNECT_TIMEOUT", "")
    settings = get_settings()
    assert (settings.max_retries, settings.read_timeout_s, settings.connect_timeout_s) == (5, 2.5, 5.0)


@pytest.mark.parametrize(("name", "raw", "message"), [
    ("MEDIAMON_MAX_RETRIES", "three", "MEDIAMON_MAX_RETRIES must be a whole number, got 'three'"),
    ("MEDIAMON_MAX_RETRIES", "2.5", "MEDIAMON_MAX_RETRIES must be a whole number, got '2.5'"),
    ("MEDIAMON_MAX_RETRIES", "-1", "MEDIAMON_MAX_RETRIES must be >= 0, got -1"),
    ("MEDIAMON_READ_TIMEOUT", "soon", "MEDIAMON_READ_TIMEOUT must be a number, got 'soon'"),
    ("MEDIAMON_READ_TIMEOUT", "0", "MEDIAMON_READ_TIMEOUT must be >= 0.1, got 0.0"),
    ("MEDIAMON_MAX_PAGE_BYTES", "100", "MEDIAMON_MAX_PAGE_BYTES must be >= 1024, got 100"),
])
def test_a_bad_number_fails_with_the_variable_named(monkeypatch, name, raw, message):
    monkeypatch.setenv(name, raw)
    with pytest.raises(ConfigError) as err:
        get_settings()
    assert str(err.value) == message
