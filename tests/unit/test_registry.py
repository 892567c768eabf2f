"""The outlet registry: the shipped file is valid; bad entries are rejected by name."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from media_monitor.registry import RegistryError, load_registry, parse_registry

ROOT = Path(__file__).resolve().parents[2]
GOOD = {"name": "good", "url": "https://news.example.org/", "languages": ["en"], "timezone": "Europe/Berlin"}


def registry(*outlets: dict) -> dict:
    return {"version": 1, "outlets": list(outlets)}


def test_shipped_registry_is_valid_and_has_the_demo_outlets():
    outlets = load_registry(ROOT / "include" / "outlets.yaml")
    assert [o.name for o in outlets] == ["vestnik", "daily-ledger", "metro-wire", "rumour-mill"]
    vestnik = outlets[0]
    assert vestnik.languages == ("ru", "en")
    assert vestnik.timezone == "Europe/Moscow"
    assert vestnik.allow_private_addresses is True
    assert outlets[3].selectors["headline"] == "div.storylist a.story"


def test_demo_url_follows_port_variable_and_date(monkeypatch):
    monkeypatch.setenv("MEDIAMON_DEMO_PORT", "9123")
    vestnik = load_registry(ROOT / "include" / "outlets.yaml")[0]
    assert vestnik.front_url("2026-11-03") == "http://127.0.0.1:9123/2026-11-03/vestnik/"


def test_defaults_applied():
    (o,) = parse_registry(registry(GOOD))
    assert o.allowed_domains == ("news.example.org",)
    assert o.max_articles == 20 and o.min_interval_s == 1.0 and o.enabled
    assert o.allow_private_addresses is False
    assert o.host_allowed("www.news.example.org") and not o.host_allowed("evilnews.example.org")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"url": "ftp://x.org/"}, "outlet 'good': field 'url'"),
        ({"url": None}, "outlet 'good': field 'url' is required"),
        ({"languages": []}, "outlet 'good': field 'languages'"),
        ({"languages": ["english"]}, "outlet 'good': field 'languages'"),
        ({"timezone": "Mars/Olympus"}, "outlet 'good': field 'timezone'"),
        ({"max_articles": -1}, "outlet 'good': field 'max_articles'"),
        ({"max_articles": "ten"}, "outlet 'good': field 'max_articles'"),
        ({"min_interval_s": "fast"}, "outlet 'good': field 'min_interval_s'"),
        ({"selectors": {"headlines": "a"}}, "outlet 'good': field 'selectors.headlines'"),
        ({"selectors": {"headline": ""}}, "outlet 'good': field 'selectors.headline'"),
        ({"allow_private_addresses": "yes"}, "outlet 'good': field 'allow_private_addresses'"),
        ({"maxarticles": 3}, "outlet 'good': field 'maxarticles' is not a known field"),
        ({"name": "Bad Name"}, "outlets[0].name"),
    ],
)
def test_bad_entry_rejected_with_its_name_and_field(change, message):
    with pytest.raises(RegistryError) as err:
        parse_registry(registry({**GOOD, **change}))
    assert message in str(err.value)


def test_duplicate_names_and_version_and_missing_file(tmp_path):
    with pytest.raises(RegistryError, match="'good' is listed twice"):
        parse_registry(registry(GOOD, GOOD))
    with pytest.raises(RegistryError, match="field 'version'"):
        parse_registry({"version": 2, "outlets": [GOOD]})
    with pytest.raises(RegistryError, match="registry file not found"):
        load_registry(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\noutlets: [ {name: x\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="not valid YAML"):
        load_registry(bad)


def test_unset_env_var_without_default_is_named(tmp_path, monkeypatch):
    monkeypatch.delenv("MM_NOPE", raising=False)
    path = tmp_path / "r.yaml"
    path.write_text(yaml.safe_dump(registry({**GOOD, "url": "http://${MM_NOPE}/"})), encoding="utf-8")
    with pytest.raises(RegistryError, match="MM_NOPE"):
        load_registry(path)


def test_disabled_outlets_skipped():
    data = registry(GOOD, {**GOOD, "name": "off", "enabled": False})
    assert [o.name for o in parse_registry(data) if o.enabled] == ["good"]


def test_an_aggregator_allows_any_host_but_not_with_private_addresses():
    (o,) = parse_registry(registry({**GOOD, "allowed_domains": ["*"]}))
    assert o.any_host and o.host_allowed("www.washingtonpost.com") and o.host_allowed("github.com")
    assert not o.host_allowed("")
    with pytest.raises(RegistryError, match="stands alone"):
        parse_registry(registry({**GOOD, "allowed_domains": ["*", "news.example.org"]}))
    with pytest.raises(RegistryError, match="cannot be combined with allow_private_addresses"):
        parse_registry(registry({**GOOD, "allowed_domains": ["*"], "allow_private_addresses": True}))
