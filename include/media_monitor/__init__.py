"""Media Monitor: daily front-page and article monitoring of news outlets."""

from __future__ import annotations

__version__ = "0.1.0"
