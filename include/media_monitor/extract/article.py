"""Article pages: body text with trafilatura, metadata by a chain of evidence.

The body comes from one ``trafilatura.bare_extraction`` call on a tree we parse once (the same
parser settings trafilatura uses, so the body equals what ``trafilatura.extract`` returns).
Metadata does not come from trafilatura: its metadata pass runs htmldate in extensive mode,
which costs more than the body extraction itself. Instead each field walks its own chain, most
explicit evidence first: JSON-LD (schema.org Article types, @graph), OpenGraph/meta tags
(og:, article:, dc., parsely-, sailthru.), then page heuristics (h1, byline elements, <time>),
and htmldate only for dates nothing else gave.

Every field is computed under its own guard: a page that breaks one heuristic still yields the
others, and ``extract_article`` never raises on a page.

Each field has its module: ``titles``, ``authors``, ``published`` (dates), ``language`` and
``counters`` (views, comments, image credit). They read one ``evidence.Evidence`` per page, built
on ``markup`` (selection, JSON-LD, site names) and ``names`` (cleaning author names).
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from typing import TypeVar
from zoneinfo import ZoneInfo

import lxml.html

from media_monitor.extract.authors import extract_authors
from media_monitor.extract.counters import extract_counters, extract_image_credit
from media_monitor.extract.evidence import Evidence
from media_monitor.extract.frontpage import css_select, parse_html
from media_monitor.extract.language import extract_language
from media_monitor.extract.markup import _X_CANONICAL, _norm
from media_monitor.extract.published import extract_published, page_timezone
from media_monitor.extract.titles import _tidy_title, extract_title
from media_monitor.extract.urls import canonicalize_url, same_site, url_host
from media_monitor.models import Article
from media_monitor.registry import Outlet

LOGGER = logging.getLogger(__name__)


T = TypeVar("T")


def _block_text(elements: list[lxml.html.HtmlElement]) -> str:
    blocks: list[str] = []
    for root in elements:
        for el in root.iter("p", "h2", "h3", "h4", "li", "blockquote", "pre", "td"):
            text = _norm(el.text_content())
            if text:
                blocks.append(text)
        if not blocks:
            text = _norm(root.text_content())
            if text:
                blocks.append(text)
    return "\n".join(blocks)


def extract_body(tree: lxml.html.HtmlElement, url: str, outlet: Outlet | None) -> str:
    """The story text: the outlet's article_body selector if set, else trafilatura with our options."""
    import trafilatura
    from trafilatura.utils import normalize_unicode

    selector = outlet.selectors.get("article_body") if outlet else None
    if selector:
        try:
            nodes = css_select(tree, selector)
        except ValueError:
            LOGGER.warning("outlet %s: bad article_body selector %r", outlet.name if outlet else "?", selector)
            nodes = []
        if nodes:
            text = _block_text(nodes)
            if text:
                return normalize_unicode(text)
    doc = trafilatura.bare_extraction(
        tree, url=url or None, include_comments=False, include_tables=True, with_metadata=False
    )
    text = getattr(doc, "text", None) if doc is not None else None
    return normalize_unicode(text) if text else ""


def _nfc(text: str | None) -> str | None:
    # Titles compose like the body trafilatura returns (NFC): "é" is one code point, not e + accent.
    return unicodedata.normalize("NFC", text) if text else text


def _guard(field: str, func: Callable[[], T], default: T) -> T:
    try:
        return func()
    except Exception:  # noqa: BLE001 - one failing heuristic must not lose the other fields
        LOGGER.debug("article field %s failed", field, exc_info=True)
        return default


def _canonical(ev: Evidence, url: str) -> str:
    own = canonicalize_url(url) if url else None
    for el in _X_CANONICAL(ev.tree)[:1]:
        declared = canonicalize_url(el.get("href", ""), base=url or None)
        if declared and (own is None or same_site(url_host(declared), url_host(own))):
            return declared
    og = ev.first_meta("og:url")
    if og:
        declared = canonicalize_url(og, base=url or None)
        if declared and (own is None or same_site(url_host(declared), url_host(own))):
            return declared
    return own or url


def extract_article(html: str, url: str, outlet: Outlet | None = None, *, fetched_at: datetime | None = None) -> Article:
    """Extract one article page into an ``Article``; never raises on a page.

    Args:
        html: the decoded page (see ``extract.encoding.decode_html``).
        url: the URL the page was fetched from (resolves relative links, seeds the canonical URL).
        outlet: the registry entry; gives the timezone for naive dates and the selector overrides.
        fetched_at: when the page was fetched; dates after it are not plausible publication dates.
    """
    tz: tzinfo = outlet.tz if outlet else ZoneInfo("UTC")
    fetched_at = fetched_at or datetime.now(UTC)
    if fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=tz)
    tree = parse_html(html)
    if tree is None:
        return Article(url=url, canonical_url=canonicalize_url(url) or url)
    if outlet and outlet.selectors.get("exclude"):
        try:
            for el in css_select(tree, outlet.selectors["exclude"]):
                if el.getparent() is not None:
                    el.drop_tree()
        except ValueError:
            LOGGER.warning("outlet %s: bad exclude selector %r", outlet.name, outlet.selectors["exclude"])
    ev = _guard("evidence", lambda: Evidence(tree, url), None)
    if ev is None:
        body = _guard("body", lambda: extract_body(tree, url, outlet), "")
        return Article(url=url, canonical_url=canonicalize_url(url) or url, body=body)
    body = _guard("body", lambda: extract_body(tree, url, outlet), "")
    views, comments = _guard("counters", lambda: extract_counters(ev.scan), (None, None))
    description = _guard(
        "description",
        lambda: _norm(ev.first_meta("og:description", "description", "twitter:description", "dc.description") or "") or None,
        None,
    )
    return Article(
        url=url,
        canonical_url=_guard("canonical_url", lambda: _canonical(ev, url), canonicalize_url(url) or url),
        title=_guard("title", lambda: _nfc(_tidy_title(extract_title(ev))), None),
        authors=_guard("authors", lambda: [unicodedata.normalize("NFC", a) for a in extract_authors(ev, body)], []),
        published_at=_guard(
            "published_at",
            lambda: extract_published(
                ev, tz, fetched_at, outlet.tz if outlet else page_timezone(ev), guessed_tz=outlet is None
            ),
            None,
        ),
        language=_guard(
            "language", lambda: extract_language(ev, body, mixed_outlet=bool(outlet and len(outlet.languages) > 1)), None
        ),
        body=body,
        views=views,
        comments=comments,
        image_credit=_guard("image_credit", lambda: extract_image_credit(ev.scan), None),
        description=description,
    )
