"""Batch extraction over JSON lines: the engine behind ``mediamon extract article|frontpage``.

Each input line names a saved page: ``{"id": ..., "path": ".../page.html[.gz]", "url": ...}``,
optionally with ``"charset"`` (the HTTP charset, if the archive kept it) and ``"fetched_at"``
(ISO 8601). Each output line is the extraction result for that page, or
``{"id": ..., "error": "..."}`` when the page cannot be read, decoded or parsed. One bad page
never stops the batch: the error line says what went wrong and the next line is processed.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import zlib
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from media_monitor.extract.article import extract_article
from media_monitor.extract.encoding import decode_html
from media_monitor.extract.frontpage import extract_frontpage
from media_monitor.registry import Outlet

LOGGER = logging.getLogger(__name__)

KINDS = ("article", "frontpage")
# A saved page larger than this is not a news page; reading it would only exhaust memory.
MAX_PAGE_BYTES = 50 * 1024 * 1024
# Some markup a real HTML document always has; a file with none of it is not a page.
_HTML_MARKERS = re.compile(rb"<(?:!doctype|html|head|body|div|p|a|span|meta|title|table|article|section|h[1-6]|ul|li|br)\b", re.I)


class PageError(ValueError):
    """A page that cannot be read or is not HTML."""


def read_page(path: str | Path) -> bytes:
    """The raw bytes of a saved page, gunzipped when the file is gzip (by name or by magic bytes)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PageError(f"file not found: {path}") from None
    except IsADirectoryError:
        raise PageError(f"not a file: {path}") from None
    except OSError as exc:
        raise PageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if path.suffix == ".gz" or data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise PageError(f"not a valid gzip file: {path} ({exc})") from None
    if len(data) > MAX_PAGE_BYTES:
        raise PageError(f"page too large: {len(data)} bytes (limit {MAX_PAGE_BYTES})")
    return data


def _check_html(data: bytes) -> None:
    if not data.strip():
        raise PageError("empty page")
    head = data[:65536]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PageError("binary data, not HTML")
    if not _HTML_MARKERS.search(head):
        raise PageError("no HTML markup found")


def _fetched_at(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def article_record(page_id: Any, html: str, url: str, outlet: Outlet | None, fetched_at: datetime | None) -> dict[str, Any]:
    article = extract_article(html, url, outlet, fetched_at=fetched_at)
    return {
        "id": page_id,
        "title": article.title,
        "authors": list(article.authors),
        "date": article.published_at.date().isoformat() if article.published_at else None,
        "body": article.body,
        "language": article.language,
    }


def frontpage_record(page_id: Any, html: str, url: str, outlet: Outlet | None, fetched_at: datetime | None) -> dict[str, Any]:
    page = extract_frontpage(html, url, outlet, fetched_at=fetched_at)
    return {
        "id": page_id,
        "headlines": [{"title": h.title, "url": h.url, "rank": h.rank} for h in page.headlines],
        "blocks": [
            {
                "name": b.name,
                "kind": b.kind,
                "entries": [
                    {
                        "rank": e.rank,
                        "title": e.title,
                        "url": e.url,
                        "time": e.shown_at.isoformat() if e.shown_at else None,
                        "count": e.count,
                    }
                    for e in b.entries
                ],
            }
            for b in page.blocks
        ],
    }


def _one(kind: str, line: str, outlet: Outlet | None) -> dict[str, Any]:
    try:
        request = json.loads(line)
    except ValueError as exc:
        return {"id": None, "error": f"input line is not JSON: {exc}"}
    if not isinstance(request, dict):
        return {"id": None, "error": "input line is not a JSON object"}
    page_id = request.get("id")
    path = request.get("path")
    if not isinstance(path, str) or not path:
        return {"id": page_id, "error": "input line has no 'path'"}
    url = request.get("url") if isinstance(request.get("url"), str) else ""
    try:
        data = read_page(path)
        _check_html(data)
        html, _encoding = decode_html(data, request.get("charset") if isinstance(request.get("charset"), str) else None)
        build = article_record if kind == "article" else frontpage_record
        return build(page_id, html, url, outlet, _fetched_at(request.get("fetched_at")))
    except PageError as exc:
        return {"id": page_id, "error": str(exc)}
    except Exception as exc:  # noqa: BLE001 - an extractor bug on one page must not end the batch
        LOGGER.exception("extraction failed for %s (%s)", page_id, path)
        return {"id": page_id, "error": f"extraction failed: {type(exc).__name__}: {exc}"}


def run_batch(kind: str, lines: Iterable[str], out: TextIO, outlet: Outlet | None = None) -> int:
    """Extract every page named in ``lines``; write one JSON line per input line to ``out``.

    Args:
        kind: "article" or "frontpage".
        lines: JSON lines ``{"id", "path", "url"}`` (blank lines are skipped).
        out: where the result lines go (flushed per line, so a consumer sees progress).
        outlet: the registry entry the pages belong to, if known (timezone, domains, selectors).

    Returns:
        The number of error lines written.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    errors = 0
    for line in lines:
        if not line.strip():
            continue
        record = _one(kind, line, outlet)
        errors += "error" in record
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return errors
