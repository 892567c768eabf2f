"""The outlet registry: a versioned YAML file, validated on load.

Every error names the outlet and the field, so a typo in a 50-outlet file is
found in seconds rather than by a DAG failing at 3 a.m.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

SUPPORTED_VERSION = 1
# allowed_domains: ["*"]: links to any host may be followed (an aggregator such as Hacker News).
ANY_HOST = "*"
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
_LANG_RE = re.compile(r"^[a-z]{2,3}$")
# ${VAR} or ${VAR:-default}: lets the demo registry follow the demo web's port.
_ENV_RE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
_SELECTOR_KEYS = {"headline", "sidebar_block", "sidebar_title", "sidebar_entry", "article_body", "exclude"}
_KNOWN_KEYS = {
    "name", "title", "url", "languages", "timezone", "allowed_domains", "allow_private_addresses",
    "max_articles", "min_interval_s", "selectors", "enabled", "rss",
}


class RegistryError(ValueError):
    """The registry file is missing, malformed, or has an invalid entry."""


@dataclass(frozen=True)
class Outlet:
    """One monitored outlet as declared in the registry."""

    name: str
    title: str
    url: str  # front page; may hold "{date}" (the run's logical date), used by the demo web
    languages: tuple[str, ...]
    timezone: str = "UTC"
    allowed_domains: tuple[str, ...] = ()
    allow_private_addresses: bool = False
    max_articles: int = 20
    min_interval_s: float = 1.0
    selectors: dict[str, str] = field(default_factory=dict)
    enabled: bool = True
    rss: str | None = None

    @property
    def dated(self) -> bool:
        """Whether the front-page URL names the run date ("{date}"): any day's page can be fetched.
        A live URL serves only today's page."""
        return "{date}" in self.url

    def front_url(self, run_date: date | str) -> str:
        """The front-page URL for a run date ("{date}" filled in; live URLs have none)."""
        return self.url.replace("{date}", str(run_date))

    def rss_url(self, run_date: date | str) -> str | None:
        return self.rss.replace("{date}", str(run_date)) if self.rss else None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def any_host(self) -> bool:
        """``allowed_domains: ["*"]``: an aggregator, whose stories live on other sites."""
        return ANY_HOST in self.allowed_domains

    def host_allowed(self, host: str) -> bool:
        """True when host is one of the allowed domains or a subdomain of one (any host for "*")."""
        host = host.lower().rstrip(".")
        if self.any_host:
            return bool(host)
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)


def _expand_env(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        value = os.environ.get(m.group(1))
        if value is None or value == "":
            if m.group(2) is None:
                raise RegistryError(f"environment variable {m.group(1)} is used in the registry but not set")
            return m.group(2)
        return value

    return _ENV_RE.sub(repl, text)


def _parse_outlet(raw: Any, index: int) -> Outlet:
    where = f"outlets[{index}]"
    if not isinstance(raw, dict):
        raise RegistryError(f"{where}: must be a mapping, got {type(raw).__name__}")
    name = raw.get("name")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise RegistryError(f"{where}.name: {name!r} must be a slug of lowercase letters, digits, '-' or '_'")
    where = f"outlet {name!r}"

    def fail(field_name: str, msg: str) -> RegistryError:
        return RegistryError(f"{where}: field '{field_name}' {msg}")

    unknown = set(raw) - _KNOWN_KEYS
    if unknown:
        raise fail(sorted(unknown)[0], f"is not a known field (known: {', '.join(sorted(_KNOWN_KEYS))})")

    url = raw.get("url")
    if not isinstance(url, str):
        raise fail("url", "is required and must be a string")
    url = _expand_env(url)
    parts = urlsplit(url.replace("{date}", "2000-01-01"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail("url", f"{url!r} must be an absolute http(s) URL")

    rss = raw.get("rss")
    if rss is not None:
        if not isinstance(rss, str):
            raise fail("rss", "must be a string URL")
        rss = _expand_env(rss)
        if urlsplit(rss.replace("{date}", "2000-01-01")).scheme not in ("http", "https"):
            raise fail("rss", f"{rss!r} must be an absolute http(s) URL")

    languages = raw.get("languages", [])
    if isinstance(languages, str):
        languages = [languages]
    if not languages or not all(isinstance(x, str) and _LANG_RE.match(x) for x in languages):
        raise fail("languages", f"{languages!r} must be a non-empty list of ISO 639 codes such as 'en'")

    timezone = raw.get("timezone", "UTC")
    try:
        ZoneInfo(str(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        raise fail("timezone", f"{timezone!r} is not an IANA timezone such as 'Europe/Moscow'") from None

    domains = raw.get("allowed_domains") or [parts.hostname]
    if isinstance(domains, str):
        domains = [domains]
    if not all(isinstance(d, str) and d and "/" not in d for d in domains):
        raise fail("allowed_domains", f"{domains!r} must be a list of host names")
    if ANY_HOST in domains and len(domains) > 1:
        raise fail("allowed_domains", f"{domains!r}: \"*\" (any host) stands alone")
    if ANY_HOST in domains and raw.get("allow_private_addresses"):
        raise fail("allowed_domains", "\"*\" (any host) cannot be combined with allow_private_addresses: "
                   "a front page could then send the fetcher to any address on the local network")

    max_articles = raw.get("max_articles", 20)
    if not isinstance(max_articles, int) or isinstance(max_articles, bool) or not 0 <= max_articles <= 1000:
        raise fail("max_articles", f"{max_articles!r} must be an integer from 0 to 1000")

    interval = raw.get("min_interval_s", 1.0)
    if not isinstance(interval, (int, float)) or isinstance(interval, bool) or not 0 <= interval <= 600:
        raise fail("min_interval_s", f"{interval!r} must be a number of seconds from 0 to 600")

    selectors = raw.get("selectors") or {}
    if not isinstance(selectors, dict):
        raise fail("selectors", "must be a mapping of selector name to CSS selector")
    for key, value in selectors.items():
        if key not in _SELECTOR_KEYS:
            raise fail(f"selectors.{key}", f"is not a known selector (known: {', '.join(sorted(_SELECTOR_KEYS))})")
        if not isinstance(value, str) or not value.strip():
            raise fail(f"selectors.{key}", "must be a non-empty CSS selector string")

    for flag in ("allow_private_addresses", "enabled"):
        if flag in raw and not isinstance(raw[flag], bool):
            raise fail(flag, f"{raw[flag]!r} must be true or false")

    title = raw.get("title", name)
    if not isinstance(title, str):
        raise fail("title", "must be a string")

    return Outlet(
        name=name,
        title=title,
        url=url,
        languages=tuple(x.lower() for x in languages),
        timezone=str(timezone),
        allowed_domains=tuple(d.lower().rstrip(".") for d in domains),
        allow_private_addresses=bool(raw.get("allow_private_addresses", False)),
        max_articles=max_articles,
        min_interval_s=float(interval),
        selectors={str(k): str(v) for k, v in selectors.items()},
        enabled=bool(raw.get("enabled", True)),
        rss=rss,
    )


def parse_registry(data: Any, source: str = "registry") -> list[Outlet]:
    """Validate a parsed registry document and return its outlets."""
    if not isinstance(data, dict):
        raise RegistryError(f"{source}: top level must be a mapping with 'version' and 'outlets'")
    version = data.get("version")
    if version != SUPPORTED_VERSION:
        raise RegistryError(f"{source}: field 'version' is {version!r}; this release reads version {SUPPORTED_VERSION}")
    raw_outlets = data.get("outlets")
    if not isinstance(raw_outlets, list) or not raw_outlets:
        raise RegistryError(f"{source}: field 'outlets' must be a non-empty list")
    outlets = [_parse_outlet(raw, i) for i, raw in enumerate(raw_outlets)]
    seen: set[str] = set()
    for outlet in outlets:
        if outlet.name in seen:
            raise RegistryError(f"{source}: outlet {outlet.name!r} is listed twice (field 'name' must be unique)")
        seen.add(outlet.name)
    return outlets


def load_registry(path: Path | str | None = None, *, include_disabled: bool = False) -> list[Outlet]:
    """Read and validate the registry file (default: MEDIAMON_REGISTRY)."""
    if path is None:
        from media_monitor.config import get_settings

        path = get_settings().registry_path
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RegistryError(f"registry file not found: {path} (set MEDIAMON_REGISTRY)") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: not valid YAML: {exc}") from None
    outlets = parse_registry(data, source=str(path))
    return outlets if include_disabled else [o for o in outlets if o.enabled]


def get_outlet(name: str, path: Path | str | None = None) -> Outlet:
    for outlet in load_registry(path, include_disabled=True):
        if outlet.name == name:
            return outlet
    raise RegistryError(f"no outlet named {name!r} in the registry")
