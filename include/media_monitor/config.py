"""Settings read from environment variables, with typed defaults.

The DAGs and the ``mediamon`` command read the same variables, so a run from
either side writes to the same data root and reads the same registry.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The checkout root: include/media_monitor/config.py -> parents[2].
PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Identify ourselves with a contact URL, as polite crawlers do, so an outlet's
# operator can reach us instead of blocking us.
DEFAULT_USER_AGENT = "MediaMonitor/0.1 (+https://github.com/media-monitor/media-monitor; research crawler)"


class ConfigError(ValueError):
    """A setting has a value we cannot use."""


def _env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    path = Path(raw).expanduser()
    return path if path.is_absolute() else (PROJECT_ROOT / path)


def env_number(name: str, default: int | float, minimum: int | float = 0, *, cast: type = int) -> int | float:
    """The environment variable ``name`` as ``cast`` (int or float), ``default`` when unset or blank.

    Raises:
        ConfigError: the value is not a number of that kind, or is below ``minimum``.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = cast(raw)
    except ValueError:
        kind = "a whole number" if cast is int else "a number"
        raise ConfigError(f"{name} must be {kind}, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be >= {minimum}, got {value}")
    return value


@dataclass(frozen=True)
class Settings:
    """Where data lives and how we present ourselves to outlets."""

    data_root: Path
    registry_path: Path
    user_agent: str
    max_page_bytes: int
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 20.0
    total_timeout_s: float = 30.0
    max_retries: int = 3
    # A live front page (a URL without "{date}") shows today's page: fetching it for a run date more
    # than this many days ago would file today's headlines under that day.
    max_fetch_lag_days: int = 2

    @property
    def duckdb_path(self) -> Path:
        return self.data_root / "media.duckdb"

    @property
    def raw_dir(self) -> Path:
        """WARC archive of every HTTP exchange, one folder per run date."""
        return self.data_root / "raw"

    @property
    def staging_dir(self) -> Path:
        """Extracted rows handed from the per-outlet tasks to the single load task."""
        return self.data_root / "staging"

    @property
    def reports_dir(self) -> Path:
        return self.data_root / "reports"

    @property
    def quality_dir(self) -> Path:
        """Data Docs and validation summaries."""
        return self.data_root / "quality"


def get_settings() -> Settings:
    """Read the settings from the environment (cheap; call it where needed)."""
    return Settings(
        data_root=_env_path("MEDIAMON_DATA_ROOT", PROJECT_ROOT / "data"),
        registry_path=_env_path("MEDIAMON_REGISTRY", PROJECT_ROOT / "include" / "outlets.yaml"),
        user_agent=os.environ.get("MEDIAMON_USER_AGENT", "").strip() or DEFAULT_USER_AGENT,
        # 10 MB: far above any real front page, low enough that a runaway body
        # cannot exhaust a worker's memory.
        max_page_bytes=env_number("MEDIAMON_MAX_PAGE_BYTES", 10 * 1024 * 1024, minimum=1024),
        # Connect fast or give up; a read may wait on a slow server; the total caps a
        # response that trickles (read timeouts alone never fire on 1 byte/s).
        connect_timeout_s=env_number("MEDIAMON_CONNECT_TIMEOUT", 5.0, minimum=0.1, cast=float),
        read_timeout_s=env_number("MEDIAMON_READ_TIMEOUT", 20.0, minimum=0.1, cast=float),
        total_timeout_s=env_number("MEDIAMON_TOTAL_TIMEOUT", 30.0, minimum=0.1, cast=float),
        max_retries=env_number("MEDIAMON_MAX_RETRIES", 3, minimum=0),
        max_fetch_lag_days=env_number("MEDIAMON_MAX_FETCH_LAG_DAYS", 2, minimum=0),
    )
