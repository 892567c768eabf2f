"""The polite, fault-tolerant HTTP fetcher: every exchange archived, every failure classified.

One :class:`Fetcher` serves one outlet for one run date. ``fetch(url)`` never raises for
anything a web server can do; it returns a :class:`FetchResult` whose ``outcome`` is one
of :data:`OUTCOMES`:

``ok``                 2xx with a usable body (truncated HTML is still ``ok``: the extractor copes)
``not_modified``       304 to our conditional GET; body and text come from the archived 200
``http_error``         any other status (404, 5xx after retries, ...), an empty 2xx body
                       ("empty body": nothing to extract is a failure, not a success with
                       zero headlines), too many redirects, an undecodable Content-Encoding
``timeout``            connect or read timeout (after retries), or the total deadline
``connection_error``   refused, reset, DNS failure, TLS failure (after retries)
``robots_disallowed``  robots.txt forbids the URL: no request is made
``too_large``          the body passed ``settings.max_page_bytes`` (counted after decompression)
``not_html``           a front page or article that is not HTML (by type, or sniffed: ``%PDF``)
``offsite_redirect``   the URL (first or redirected) is not on the outlet's allowed domains,
                       or is not http(s)
``unsafe_address``     the host resolves to an address we never connect to (below)
``blocked``            403/451, 429 after retries, or a 200 that is a captcha, bot-challenge,
                       consent or paywall page (:func:`detect_wall`, deliberately conservative)

Address rules (SSRF), checked before every request, including each redirect hop:

1. only ``http``/``https`` URLs whose host is one of ``outlet.allowed_domains`` (or a
   subdomain; any host for an aggregator's ``["*"]``) are followed: anything else is
   ``offsite_redirect``;
2. the host is resolved with the injected resolver and *every* address is checked:
   link-local (169.254.0.0/16, fe80::/10: cloud metadata endpoints), multicast, reserved
   and unspecified addresses are always refused, as is an IP literal in those ranges
   even before the domain check; loopback and private addresses are refused unless
   ``outlet.allow_private_addresses`` (which therefore only ever applies to the outlet's
   own allowed domains: the demo web on 127.0.0.1);
3. the connection is made to the addresses that were checked (pinned in the connection
   pool), so a DNS answer that changes between check and connect cannot slip through.

Manners: an identifying User-Agent; robots.txt read once per host per Fetcher (reused
from this run's WARC file when an earlier task already fetched it) and obeyed, including
Crawl-delay; a minimum interval between request starts per host, shared by every Fetcher
in the process (``max(crawl_delay, outlet.min_interval_s)``); conditional GETs with the
ETag / Last-Modified remembered in ``data_root/http_cache.json``; retries with exponential
backoff and full jitter on connection errors, connect/read timeouts, 429, 500, 502, 503
and 504, honouring Retry-After (a server asking for more than ``RETRY_AFTER_CAP_S`` ends
the retries instead: we neither wait that long nor come back early). A body that misses
the total deadline is not retried: a server that trickles will trickle again.

Limits: the body is streamed in chunks with a size cap that counts decompressed bytes (a
gzip bomb is inflated one cap's worth, no more) and a wall-clock deadline; the wait for
the response headers is bounded by the read timeout. ``FetchResult.bytes`` is the body
length (for a failure, what arrived before it); ``sha256`` is of a complete body only.

Archive: see :mod:`media_monitor.archive` for the WARC layout.
"""

from __future__ import annotations

import fcntl
import hashlib
import ipaddress
import json
import logging
import math
import os
import random
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests
from requests.adapters import HTTPAdapter
from requests.cookies import extract_cookies_to_jar
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ProtocolError, ReadTimeoutError
from urllib3.exceptions import SSLError as Urllib3SSLError
from urllib3.util import connection as urllib3_connection

from media_monitor.archive import (
    ArchivedResponse,
    ContentDecoder,
    HttpExchange,
    UnsupportedEncoding,
    WarcWriter,
    read_record_at,
    read_responses,
)
from media_monitor.config import Settings, get_settings
from media_monitor.extract.encoding import charset_from_content_type, decode_html
from media_monitor.registry import Outlet

log = logging.getLogger(__name__)

OUTCOMES = (
    "ok", "not_modified", "http_error", "timeout", "connection_error", "robots_disallowed",
    "too_large", "not_html", "offsite_redirect", "unsafe_address", "blocked",
)
KINDS = ("front", "article", "rss", "robots")

# A server that is up accepts a connection within a second or two; 5 s also covers a
# slow TLS handshake without letting a dead host hold a worker.
CONNECT_TIMEOUT_S = 5.0
# Between two bytes (and until the headers come): big CMS pages render for seconds.
READ_TIMEOUT_S = 20.0
# Wall clock for one response: a body trickling a byte a second never trips the read
# timeout, this does. Thirty seconds is ample for a 10 MB page on any working link.
TOTAL_TIMEOUT_S = 30.0
# Browsers stop at about 20; a news page needing more than 5 hops is a loop or a trap.
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Transient by definition (rate limiting, gateway trouble); other 4xx will not change.
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
# "Not for you": forbidden, or unavailable for legal reasons (geo-blocking).
BLOCKED_STATUSES = frozenset({403, 451})
# Exponential backoff with full jitter (AWS architecture blog): the n-th retry sleeps
# uniform(0, min(cap, base * 2**(n-1))), so many workers retrying do not stampede.
BACKOFF_BASE_S = 1.0
BACKOFF_CAP_S = 30.0
# We wait as long as a Retry-After asks up to this; a server asking for longer does not
# want us back this run, so we stop retrying rather than come back early (impolite)
# or hold a worker slot for minutes.
RETRY_AFTER_CAP_S = 30.0
# Socket reads of this size keep memory flat and let the deadline be checked often.
CHUNK_BYTES = 64 * 1024
# RFC 9309: crawlers must parse at least 500 KiB of robots.txt; more is a broken file.
ROBOTS_MAX_BYTES = 500 * 1024
# Same ceiling as the registry's min_interval_s: a larger Crawl-delay is obeyed up to this.
MAX_CRAWL_DELAY_S = 600.0
# Validators of pages not seen for this long are dropped from http_cache.json, which
# would otherwise grow by every article URL ever fetched.
HTTP_CACHE_MAX_AGE_DAYS = 45
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Types that often carry HTML from a misconfigured server: decided by sniffing the body.
SNIFF_TYPES = frozenset({"text/plain", "application/octet-stream", "binary/octet-stream"})
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
ACCEPT_RSS = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.8"
# Only what ContentDecoder can inflate with a bounded output (no br/zstd).
ACCEPT_ENCODING = "gzip, deflate"
# Magic numbers of formats that are never a web page, whatever the Content-Type says.
BINARY_MAGIC = (
    (b"%PDF-", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
    (b"\xff\xd8\xff", "JPEG"), (b"PK\x03\x04", "ZIP"), (b"\x1f\x8b", "gzip"), (b"%!PS", "PostScript"),
    (b"RIFF", "RIFF"), (b"\x00\x00\x00\x18ftyp", "MP4"), (b"\x00\x00\x00\x20ftyp", "MP4"),
)


# --------------------------------------------------------------------------- results


@dataclass
class FetchResult:
    """One ``fetch()`` call: its outcome, what came back, and where it is archived."""

    url: str
    final_url: str
    kind: str  # front | article | rss | robots
    outcome: str
    status: int | None
    content_type: str | None  # media type, lowercased, without parameters
    body: bytes | None  # decoded body exactly as received; None unless ok / not_modified
    text: str | None  # decoded HTML; None unless ok / not_modified with an HTML body
    encoding: str | None
    sha256: str | None  # of the body received (also for error pages), hex
    bytes: int  # body length; for a failure, the bytes received before it
    fetched_at: datetime  # UTC, start of the final attempt
    elapsed_ms: float  # network time of the final attempt (all its redirect hops), no sleeps
    attempts: int
    error: str | None
    warc_file: str | None  # absolute path of the WARC file
    warc_offset: int | None  # the response (or revisit / outcome metadata) record
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.outcome in ("ok", "not_modified")

    def fetch_row(self, run_date: date | str, outlet: Outlet | str) -> dict[str, Any]:
        """One row for the ``fetches`` table."""
        return {
            "run_date": date.fromisoformat(run_date) if isinstance(run_date, str) else run_date,
            "outlet": outlet.name if isinstance(outlet, Outlet) else outlet,
            "url": self.url,
            "kind": self.kind,
            "attempt": self.attempts,
            "fetched_at": self.fetched_at,
            "status": self.status,
            "bytes": self.bytes,
            "content_type": self.content_type,
            "encoding": self.encoding,
            "sha256": self.sha256,
            "warc_file": self.warc_file,
            "warc_offset": self.warc_offset,
            "elapsed_ms": round(self.elapsed_ms, 3),
            "outcome": self.outcome,
            "error": self.error,
        }


# --------------------------------------------------------------------------- addresses


def address_refusal(address: str, allow_private: bool) -> str | None:
    """Why we must not connect to ``address`` (None when it is fine)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_link_local:
        return f"{ip} is link-local (cloud metadata range), always refused"
    if ip.is_multicast or ip.is_unspecified or ip.is_reserved:
        return f"{ip} is a multicast, reserved or unspecified address"
    if not ip.is_global and not allow_private:
        kind = "loopback" if ip.is_loopback else "private"
        return f"{ip} is a {kind} address (outlet does not allow private addresses)"
    return None


def _ip_literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]").split("%", 1)[0]))
    except ValueError:
        return None


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    addresses: tuple[str, ...]


@dataclass(frozen=True)
class _Refusal:
    outcome: str
    error: str
    retryable: bool = False


# Connections go to the addresses we checked: the Fetcher puts them here (per thread)
# for the duration of one request, and the pinned connection classes read them.
_PINS = threading.local()


@contextmanager
def _pinned(host: str, addresses: tuple[str, ...]) -> Iterator[None]:
    previous = getattr(_PINS, "hosts", None)
    _PINS.hosts = {host.lower(): addresses}
    try:
        yield
    finally:
        _PINS.hosts = previous


class _PinnedConnectionMixin:
    host: str
    port: int
    timeout: Any
    source_address: Any
    socket_options: Any

    def _new_conn(self) -> socket.socket:
        addresses = (getattr(_PINS, "hosts", None) or {}).get(self.host.lower())
        if not addresses:
            return super()._new_conn()  # type: ignore[misc]
        error: Exception | None = None
        for address in addresses:
            try:
                return urllib3_connection.create_connection(
                    (address, self.port), self.timeout,
                    source_address=self.source_address, socket_options=self.socket_options,
                )
            except TimeoutError:
                error = ConnectTimeoutError(self, f"Connection to {self.host} ({address}) timed out (connect timeout={self.timeout})")
            except OSError as exc:
                error = NewConnectionError(self, f"Failed to establish a new connection to {self.host} ({address}): {exc}")  # type: ignore[arg-type]
        assert error is not None
        raise error


class _PinnedHTTPConnection(_PinnedConnectionMixin, HTTPConnection):
    pass


class _PinnedHTTPSConnection(_PinnedConnectionMixin, HTTPSConnection):
    pass


class _PinnedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _PinnedHTTPConnection


class _PinnedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _PinnedHTTPSConnection


class PinnedAdapter(HTTPAdapter):
    """A requests adapter whose connections go to the addresses the Fetcher checked."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _PinnedHTTPConnectionPool, "https": _PinnedHTTPSConnectionPool,
        }


# --------------------------------------------------------------------------- per-host spacing

# Process-wide: the time (monotonic) of the latest reserved request start per host. All
# Fetchers share it, so two outlets on one host (or two tasks in one worker) never
# together exceed the host's rate, while different hosts proceed in parallel.
_HOST_SLOTS: dict[str, float] = {}
_HOST_SLOTS_LOCK = threading.Lock()


def reserve_host_slot(host: str, interval: float) -> float:
    """Reserve the next request start for ``host``; return how long to sleep before it.

    Starts are spaced ``interval`` seconds apart; the reservation is taken under the lock
    and the caller sleeps outside it, so concurrent callers queue in order.
    """
    with _HOST_SLOTS_LOCK:
        now = time.monotonic()
        last = _HOST_SLOTS.get(host)
        start = now if last is None else max(now, last + interval)
        _HOST_SLOTS[host] = start
    return start - now


# --------------------------------------------------------------------------- robots.txt


@dataclass
class _Robots:
    parser: RobotFileParser | None  # None: allow everything
    crawl_delay: float | None
    note: str

    def allows(self, url: str, user_agent: str) -> bool:
        return self.parser is None or self.parser.can_fetch(user_agent, url)


_CRAWL_DELAY_FRACTION_RE = re.compile(r"(?im)^(\s*crawl-delay\s*:\s*)(\d*\.\d+)\s*$")


def parse_robots(text: str, user_agent: str) -> tuple[RobotFileParser, float | None]:
    """Parse robots.txt; return the parser and the Crawl-delay that applies to us."""
    # urllib.robotparser only reads whole seconds; round a fractional delay up (politer).
    text = _CRAWL_DELAY_FRACTION_RE.sub(lambda m: f"{m.group(1)}{math.ceil(float(m.group(2)))}", text)
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    delay = parser.crawl_delay(user_agent)
    return parser, (float(delay) if delay is not None else None)


# --------------------------------------------------------------------------- conditional GET cache


class HttpCache:
    """ETag / Last-Modified per URL, with where the body they validate is archived.

    Loaded once per Fetcher and merged back on close under a file lock, so concurrent
    Fetchers (threads or processes) each add their own entries without losing others'.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._entries = self._load()
        self._changed: dict[str, dict[str, Any] | None] = {}
        self._lock = threading.Lock()

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable HTTP cache %s: %s", self.path, exc)
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, url: str) -> dict[str, Any] | None:
        entry = self._entries.get(url)
        return entry if isinstance(entry, dict) else None

    def put(self, url: str, entry: dict[str, Any]) -> None:
        with self._lock:
            self._entries[url] = entry
            self._changed[url] = entry

    def drop(self, url: str) -> None:
        with self._lock:
            self._entries.pop(url, None)
            self._changed[url] = None

    def save(self) -> None:
        """Merge our changes into the file (atomic replace), pruning stale entries."""
        with self._lock:
            if not self._changed:
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path.with_name(self.path.name + ".lock"), "a") as lock_fh:
                fcntl.flock(lock_fh.fileno(), fcntl.LOCK_EX)
                merged = self._load()
                for url, entry in self._changed.items():
                    if entry is None:
                        merged.pop(url, None)
                    else:
                        merged[url] = entry
                cutoff = (datetime.now(UTC) - timedelta(days=HTTP_CACHE_MAX_AGE_DAYS)).isoformat()
                merged = {u: e for u, e in merged.items() if isinstance(e, dict) and str(e.get("fetched_at", "")) >= cutoff}
                tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
                tmp.write_text(json.dumps(merged, indent=1, sort_keys=True), encoding="utf-8")
                os.replace(tmp, self.path)
            self._changed.clear()


# --------------------------------------------------------------------------- wall detection

# A page with more visible words than this is content, whatever else it shows.
WALL_MAX_WORDS = 250
# Challenge wording in the body text (not the title) counts only on a page this short:
# a 200-word news brief may well say "access denied".
WALL_TEXT_MAX_WORDS = 120
# Outside the cookie banner, a consent wall has next to nothing to read (a photo caption
# or a one-paragraph brief under a banner has more).
CONSENT_MAX_OTHER_WORDS = 25
_CHALLENGE_PHRASES = (
    "captcha", "are you a robot", "are you a human", "not a robot", "verify you are human",
    "verify you are a human", "human verification", "just a moment", "checking your browser",
    "checking if the site connection is secure", "attention required", "access denied",
    "pardon our interruption", "unusual traffic", "enable javascript and cookies to continue",
    "request unsuccessful", "ddos protection", "bot protection", "please verify you are",
)
_PAYWALL_PHRASES = (
    "subscribe to continue", "subscribe to read", "subscription required", "subscribers only",
    "to continue reading, subscribe", "for subscribers only",
)
_CONSENT_PHRASES = ("consent", "cookie", "privacy settings", "privacy choices", "we value your privacy", "before you continue")
_ACCEPT_PHRASES = ("accept", "agree", "allow all", "got it", "continue")
# Markup of bot-challenge vendors' interstitials (not their everyday page scripts).
_CHALLENGE_MARKERS = (
    "cf_chl_opt", "cf-browser-verification", "/cdn-cgi/challenge-platform/", "cf-turnstile",
    "captcha-delivery.com", "_incapsula_resource", "px-captcha", "g-recaptcha", "h-captcha",
)
_CONSENT_CONTAINER_RE = re.compile(r"cookie|consent|gdpr|\bcmp\b|privacy", re.IGNORECASE)
_INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Walls are small pages; anything bigger is skipped without parsing (it is content).
WALL_MAX_HTML_CHARS = 300_000


class _WallProbe(HTMLParser):
    """Collects what wall detection needs: title, visible words, banner words, controls."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.words = 0
        self.banner_words = 0
        self.controls = 0
        self.text_parts: list[str] = []
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, invisible, consent container)
        self._in_title = False

    def _state(self) -> tuple[bool, bool]:
        invisible = any(s[1] for s in self._stack)
        banner = any(s[2] for s in self._stack)
        return invisible, banner

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag in ("form", "button") or (tag == "input" and dict(attrs).get("type") in ("submit", "button")):
            self.controls += 1
        if tag in _VOID_TAGS:
            return
        marks = " ".join(v or "" for k, v in attrs if k in ("id", "class", "role", "aria-label"))
        self._stack.append((tag, tag in _INVISIBLE_TAGS, bool(_CONSENT_CONTAINER_RE.search(marks))))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        invisible, banner = self._state()
        if invisible:
            return
        n = len(data.split())
        if n:
            self.words += n
            self.text_parts.append(data)
            if banner:
                self.banner_words += n


def detect_wall(html: str) -> str | None:
    """Why a 200 page is a captcha / bot-challenge / consent / paywall wall, or None.

    Conservative: a page with more than ``WALL_MAX_WORDS`` visible words is content,
    and a cookie banner over an article is not a wall (the article's words lie outside
    the banner's container). Signals:

    * title or text mentions a challenge ("Just a moment...", "verify you are human",
      captcha, "Access denied") or a paywall ("subscribe to continue");
    * a bot-challenge vendor's interstitial markup (Cloudflare, DataDome, Incapsula,
      PerimeterX) or a captcha widget on a page with almost no text;
    * consent wording with accept buttons or a form, and next to no other text.
    """
    if len(html) > WALL_MAX_HTML_CHARS:
        return None
    probe = _WallProbe()
    try:
        probe.feed(html)
        probe.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; never fail a fetch on a heuristic
        return None
    if probe.words > WALL_MAX_WORDS:
        return None
    title = " ".join(probe.title.split()).lower()
    text = " ".join(" ".join(probe.text_parts).split()).lower()
    short = probe.words <= WALL_TEXT_MAX_WORDS
    for phrase in _CHALLENGE_PHRASES:
        if phrase in title or (short and phrase in text):
            return f"bot challenge page ({phrase!r} in a {probe.words}-word page titled {probe.title.strip()[:80]!r})"
    for phrase in _PAYWALL_PHRASES:
        if phrase in title or (short and phrase in text):
            return f"paywall page ({phrase!r} in a {probe.words}-word page)"
    lowered = html.lower()
    for marker in _CHALLENGE_MARKERS:
        if marker in lowered:
            return f"bot challenge page (markup {marker!r} in a {probe.words}-word page)"
    consent = next((p for p in _CONSENT_PHRASES if p in title or p in text), None)
    if consent and probe.controls and any(p in text for p in _ACCEPT_PHRASES):
        other_words = probe.words - probe.banner_words
        if any(p in title for p in _CONSENT_PHRASES) or other_words < CONSENT_MAX_OTHER_WORDS:
            return f"consent wall ({consent!r}, {other_words} words outside the consent dialog)"
    return None


# --------------------------------------------------------------------------- content helpers


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    media = content_type.split(";", 1)[0].strip().lower()
    return media or None


def _binary_kind(body: bytes) -> str | None:
    head = body[:16].lstrip()
    for magic, name in BINARY_MAGIC:
        if head.startswith(magic):
            return name
    return None


def _looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and any(tag in head for tag in (b"<html", b"<!doctype html", b"<head", b"<body", b"<title", b"<div", b"<p"))


def _is_html(media_type: str | None, body: bytes) -> bool:
    if _binary_kind(body):
        return False
    if media_type in HTML_TYPES:
        return True
    if media_type is None or media_type in SNIFF_TYPES:
        return _looks_like_html(body)
    return False


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


# --------------------------------------------------------------------------- the fetcher


@dataclass
class _Exchange:
    """One request on the wire and what came back."""

    url: str
    started_at: datetime
    request_headers: list[tuple[str, str]]
    status: int | None = None
    reason: str = ""
    http_version: str = "HTTP/1.1"
    headers: list[tuple[str, str]] = field(default_factory=list)
    wire: bytes = b""
    body: bytes = b""  # Content-Encoding removed (possibly partial)
    truncated: str | None = None  # WARC-Truncated: length | time | disconnect
    outcome: str | None = None  # a failure decided on the wire
    error: str | None = None
    retryable: bool = False
    ip_address: str | None = None
    elapsed_ms: float = 0.0

    def header(self, name: str) -> str | None:
        name = name.lower()
        values = [v for k, v in self.headers if k.lower() == name]
        return ", ".join(values) if values else None


@dataclass
class _Attempt:
    outcome: str
    final_url: str
    started_at: datetime
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None
    body: bytes | None = None  # exposed body (ok / not_modified)
    received: bytes | None = None  # what came back, even for failures (robots, sha256)
    partial: bool = False  # the body was cut (size cap, deadline, disconnect): no checksum
    text: str | None = None
    encoding: str | None = None
    error: str | None = None
    retryable: bool = False
    retry_after: str | None = None
    warc_offset: int | None = None
    elapsed_ms: float = 0.0


class Fetcher:
    """Fetches one outlet's pages for one run date, politely, into one WARC file.

    Args:
        outlet: the outlet (allowed domains, private-address rule, minimum interval).
        run_date: the run's logical date (names the WARC folder).
        settings: data root, User-Agent, page size cap (default: from the environment).
        session: a requests Session to use (a pinned adapter is mounted on it).
        warc_path: the WARC file (default ``raw_dir/<run_date>/<outlet>.warc.gz``).
        sleep: called for every wait (politeness, backoff): tests pass a recorder.
        resolver: ``getaddrinfo``-compatible host resolver.
        max_retries: retries after the first attempt for transient failures.
        connect_timeout, read_timeout: per-connection and per-read timeouts, seconds.
        total_timeout: wall-clock cap for one response, seconds.

    One Fetcher is meant for one thread; run outlets concurrently with one Fetcher each.
    """

    def __init__(
        self,
        outlet: Outlet,
        run_date: date,
        settings: Settings | None = None,
        *,
        session: requests.Session | None = None,
        warc_path: Path | None = None,
        sleep: Callable[[float], Any] = time.sleep,
        resolver: Callable[..., Any] = socket.getaddrinfo,
        max_retries: int = 3,
        connect_timeout: float = CONNECT_TIMEOUT_S,
        read_timeout: float = READ_TIMEOUT_S,
        total_timeout: float = TOTAL_TIMEOUT_S,
    ) -> None:
        self.outlet = outlet
        self.run_date = run_date
        self.settings = settings or get_settings()
        self.warc_path = Path(warc_path) if warc_path else self.settings.raw_dir / f"{run_date}" / f"{outlet.name}.warc.gz"
        self.max_retries = max(0, int(max_retries))
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.results: list[FetchResult] = []
        self._sleep = sleep
        self._resolver = resolver
        self._own_session = session is None
        self._session = session or requests.Session()
        adapter = PinnedAdapter(max_retries=0)  # we retry ourselves, with backoff and logging
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._archive = WarcWriter(self.warc_path, info={
            "http-header-user-agent": self.settings.user_agent,
            "robots": "obey",
            "description": f"Media Monitor fetches of outlet {outlet.name!r} for {run_date}",
        })
        self._cache = HttpCache(self.settings.data_root / "http_cache.json")
        self._robots: dict[tuple[str, str, int], _Robots] = {}
        self._dns: dict[tuple[str, int], tuple[str, ...]] = {}
        self._closed = False

    # -- lifecycle

    def close(self) -> None:
        """Save the conditional-GET cache, close the WARC file and our session."""
        if self._closed:
            return
        self._closed = True
        try:
            self._cache.save()
        except OSError as exc:
            log.warning("could not save HTTP cache %s: %s", self._cache.path, exc)
        self._archive.close()
        if self._own_session:
            self._session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- public

    def fetch(self, url: str, kind: str = "article", *, accept_non_html: bool = False) -> FetchResult:
        """Fetch one URL (following allowed redirects); never raises for server behaviour.

        Args:
            url: absolute http(s) URL.
            kind: "front", "article" or "rss" (``robots`` is fetched internally).
            accept_non_html: do not turn a non-HTML front page / article into "not_html".
        """
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
        return self._fetch(url, kind, accept_non_html=accept_non_html, max_bytes=self.settings.max_page_bytes,
                           retries=self.max_retries, check_robots=True)

    # -- the attempt loop

    def _fetch(self, url: str, kind: str, *, accept_non_html: bool, max_bytes: int, retries: int, check_robots: bool) -> FetchResult:
        requested = url.strip()
        url = urldefrag(requested)[0]  # a fragment is never sent; the result keeps the URL as asked
        attempts = 0
        while True:
            attempts += 1
            attempt = self._attempt(url, kind, requested=requested, accept_non_html=accept_non_html, max_bytes=max_bytes,
                                    check_robots=check_robots)
            if not attempt.retryable or attempts > retries:
                break
            delay, refusal = self._retry_delay(attempt, attempts)
            if delay is None:
                attempt.error = f"{attempt.error}; not retried: {refusal}"
                break
            log.info("retrying %s in %.2f s (attempt %d: %s)", url, delay, attempts, attempt.error)
            self._sleep(delay)
        if attempt.status == 429:
            attempt.outcome = "blocked"  # still rate-limited after our retries: we are being turned away
        received = attempt.received
        result = FetchResult(
            url=requested,
            final_url=attempt.final_url,
            kind=kind,
            outcome=attempt.outcome,
            status=attempt.status,
            content_type=attempt.content_type,
            body=attempt.body if attempt.outcome in ("ok", "not_modified") else None,
            text=attempt.text if attempt.outcome in ("ok", "not_modified") else None,
            encoding=attempt.encoding if attempt.outcome in ("ok", "not_modified") else None,
            sha256=hashlib.sha256(received).hexdigest() if received is not None and not attempt.partial else None,
            bytes=len(received) if received is not None else 0,
            fetched_at=attempt.started_at,
            elapsed_ms=attempt.elapsed_ms,
            attempts=attempts,
            error=attempt.error,
            warc_file=str(self.warc_path.resolve()) if attempt.warc_offset is not None else None,
            warc_offset=attempt.warc_offset,
            headers=attempt.headers,
        )
        self.results.append(result)
        log.info("fetch %s %s status=%s outcome=%s bytes=%d ms=%.0f attempts=%d%s", kind, requested, result.status,
                 result.outcome, result.bytes, result.elapsed_ms, attempts, f" error={result.error}" if result.error else "")
        return result

    def _retry_delay(self, attempt: _Attempt, attempts: int) -> tuple[float | None, str | None]:
        retry_after = parse_retry_after(attempt.retry_after)
        if retry_after is not None:
            if retry_after > RETRY_AFTER_CAP_S:
                return None, f"server asked to retry after {retry_after:.0f} s (we wait at most {RETRY_AFTER_CAP_S:.0f} s)"
            return retry_after, None
        return random.uniform(0, min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** (attempts - 1))), None

    def _attempt(self, url: str, kind: str, *, requested: str, accept_non_html: bool, max_bytes: int, check_robots: bool) -> _Attempt:
        """One try: the request and every redirect hop, each checked and archived.

        ``requested`` is the URL as the caller gave it: archived as WARC-X-Requested-URI
        on every hop, so the archive can be searched by it.
        """
        current = url
        last_requested = url  # final_url of a chain cut short: the last URL that answered
        seen = {url}
        hops = 0
        elapsed = 0.0
        unconditional = False
        started_at = datetime.now(UTC)
        while True:
            vetted = self._vet(current)
            if isinstance(vetted, _Refusal):
                error = vetted.error if current == url else f"redirect to {current} refused: {vetted.error}"
                offset = self._archive.write_outcome(current, {"outcome": vetted.outcome, "error": error, "requested_url": requested, "kind": kind},
                                                     started_at=datetime.now(UTC))
                return _Attempt(outcome=vetted.outcome, final_url=last_requested, started_at=started_at, error=error,
                                retryable=vetted.retryable, warc_offset=offset, elapsed_ms=elapsed)
            interval = self.outlet.min_interval_s
            if check_robots:
                robots = self._robots_for(vetted)
                if robots.crawl_delay:
                    interval = max(interval, min(robots.crawl_delay, MAX_CRAWL_DELAY_S))
                if not robots.allows(current, self.settings.user_agent):
                    error = f"robots.txt of {vetted.host} disallows {current}"
                    offset = self._archive.write_outcome(current, {"outcome": "robots_disallowed", "error": error, "requested_url": requested, "kind": kind},
                                                         started_at=datetime.now(UTC))
                    return _Attempt(outcome="robots_disallowed", final_url=last_requested, started_at=started_at, error=error,
                                    warc_offset=offset, elapsed_ms=elapsed)
            cached = None if (unconditional or kind == "robots") else self._usable_cache_entry(current)
            wait = reserve_host_slot(vetted.host, interval)
            if wait > 0:
                self._sleep(wait)
            if hops == 0 and not unconditional:
                started_at = datetime.now(UTC)
            ex = self._exchange(current, vetted, kind, max_bytes, cached)
            last_requested = current
            elapsed += ex.elapsed_ms
            record = HttpExchange(
                url=current, requested_url=requested, kind=kind, started_at=ex.started_at, request_headers=ex.request_headers,
                status=ex.status or 0, reason=ex.reason, response_headers=ex.headers, payload=ex.wire,
                http_version=ex.http_version, ip_address=ex.ip_address, truncated=ex.truncated,
            )
            if ex.status is None:  # nothing came back
                offset = self._archive.write_outcome(current, {"outcome": ex.outcome, "error": ex.error, "requested_url": requested, "kind": kind},
                                                     started_at=ex.started_at, request=record)
                return _Attempt(outcome=ex.outcome or "connection_error", final_url=current, started_at=started_at, error=ex.error,
                                retryable=ex.retryable, warc_offset=offset, elapsed_ms=elapsed)
            headers = _headers_dict(ex.headers)
            if ex.status == 304 and cached is not None:
                original = self._archived_original(cached)
                if original is None:  # the archived copy is gone: ask again without validators
                    self._archive.write_exchange(record)
                    self._cache.drop(current)
                    unconditional = True
                    continue
                offset = self._archive.write_not_modified(record, original)
                return self._not_modified(current, started_at, ex, original, offset, elapsed)
            offset = self._archive.write_exchange(record)
            base = _Attempt(outcome="http_error", final_url=current, started_at=started_at, status=ex.status, headers=headers,
                            content_type=_media_type(ex.header("Content-Type")), received=ex.body, partial=ex.truncated is not None,
                            warc_offset=offset, elapsed_ms=elapsed)
            if ex.outcome:  # failed while reading the body
                base.outcome, base.error, base.retryable = ex.outcome, ex.error, ex.retryable
                return base
            location = ex.header("Location")
            if ex.status in REDIRECT_STATUSES and location:
                hops += 1
                target = urldefrag(urljoin(current, location.strip()))[0]
                if hops > MAX_REDIRECTS or target in seen:
                    base.error = f"too many redirects ({'loop at ' + target if target in seen else f'more than {MAX_REDIRECTS}'})"
                    return base
                seen.add(target)
                current = target
                unconditional = False
                continue
            return self._classify(base, ex, kind, accept_non_html)

    def _classify(self, base: _Attempt, ex: _Exchange, kind: str, accept_non_html: bool) -> _Attempt:
        """The outcome of a final (non-redirect) response that arrived whole."""
        status = ex.status or 0
        if 200 <= status < 300:
            body = ex.body
            media = base.content_type
            if not body and kind != "robots":
                base.error = "empty body"
                return base
            html = _is_html(media, body)
            if kind in ("front", "article") and not accept_non_html and not html:
                binary = _binary_kind(body)
                base.outcome = "not_html"
                base.error = f"{binary} body served as {media or 'no content type'}" if binary else f"content type {media or 'missing'} is not HTML"
                return base
            if html and kind != "robots":
                base.text, base.encoding = decode_html(body, charset_from_content_type(ex.header("Content-Type")))
                if kind in ("front", "article"):
                    wall = detect_wall(base.text)
                    if wall:
                        base.outcome, base.error = "blocked", wall
                        return base
            base.outcome, base.body = "ok", body
            if status == 200 and kind != "robots":
                self._remember(ex, base)
            return base
        if status in BLOCKED_STATUSES:
            base.outcome, base.error = "blocked", f"HTTP {status} {ex.reason}".strip()
            return base
        base.error = f"HTTP {status} {ex.reason}".strip()
        if status == 304:
            base.error = "HTTP 304 to a request without validators"
        elif status in REDIRECT_STATUSES:
            base.error = f"HTTP {status} redirect without a Location header"
        if status in RETRYABLE_STATUSES:
            base.retryable = True
            base.retry_after = ex.header("Retry-After")
        return base

    def _not_modified(self, url: str, started_at: datetime, ex: _Exchange, original: ArchivedResponse, offset: int, elapsed: float) -> _Attempt:
        body = original.body or b""
        content_type = original.content_type
        attempt = _Attempt(outcome="not_modified", final_url=url, started_at=started_at, status=304,
                           headers=_headers_dict(ex.headers), content_type=_media_type(content_type), body=body,
                           received=body, warc_offset=offset, elapsed_ms=elapsed)
        if _is_html(attempt.content_type, body):
            attempt.text, attempt.encoding = decode_html(body, charset_from_content_type(content_type))
        return attempt

    # -- checks

    def _vet(self, url: str) -> _Target | _Refusal:
        """Apply the address rules (module docstring) to one URL; resolve its host."""
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            return _Refusal("offsite_redirect", f"invalid URL {url!r}: {exc}")
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower().rstrip(".")
        if scheme not in ("http", "https") or not host:
            return _Refusal("offsite_redirect", f"not an http(s) URL: {url!r}")
        port = port or (443 if scheme == "https" else 80)
        literal = _ip_literal(host)
        if literal is not None:
            # Metadata and other never-routable literals are refused whatever the domain list says.
            reason = address_refusal(literal, allow_private=True)
            if reason:
                return _Refusal("unsafe_address", reason)
        if not self.outlet.host_allowed(host):
            return _Refusal("offsite_redirect", f"host {host} is not in allowed_domains {list(self.outlet.allowed_domains)}")
        addresses = self._dns.get((host, port))
        if addresses is None:
            try:
                infos = self._resolver(host, port, type=socket.SOCK_STREAM)
            except socket.gaierror as exc:
                transient = exc.errno == socket.EAI_AGAIN
                return _Refusal("connection_error", f"cannot resolve {host}: {exc}", retryable=transient)
            except OSError as exc:
                return _Refusal("connection_error", f"cannot resolve {host}: {exc}", retryable=True)
            addresses = tuple(dict.fromkeys(str(info[4][0]) for info in infos))
            if not addresses:
                return _Refusal("connection_error", f"{host} resolved to no address")
            self._dns[(host, port)] = addresses
        for address in addresses:
            reason = address_refusal(address, allow_private=self.outlet.allow_private_addresses)
            if reason:
                return _Refusal("unsafe_address", f"{host} resolves to {reason}")
        return _Target(scheme, host, port, addresses)

    def _robots_for(self, target: _Target) -> _Robots:
        key = (target.scheme, target.host, target.port)
        robots = self._robots.get(key)
        if robots is None:
            robots = self._load_robots(target)
            self._robots[key] = robots
            if robots.crawl_delay:
                log.info("robots.txt of %s asks for Crawl-delay %.1f s", target.host, robots.crawl_delay)
        return robots

    def _load_robots(self, target: _Target) -> _Robots:
        default_port = 443 if target.scheme == "https" else 80
        netloc = target.host if target.port == default_port else f"{target.host}:{target.port}"
        if ":" in target.host and target.port == default_port:
            netloc = f"[{target.host}]"
        elif ":" in target.host:
            netloc = f"[{target.host}]:{target.port}"
        url = f"{target.scheme}://{netloc}/robots.txt"
        archived = self._archived_robots(url)
        if archived is not None:
            return self._robots_from(url, archived.status, archived.body, note="archived")
        result = self._fetch(url, "robots", accept_non_html=True, max_bytes=ROBOTS_MAX_BYTES, retries=0, check_robots=False)
        if result.outcome == "ok":
            return self._robots_from(url, result.status, result.body, note="fetched")
        if result.status is not None and 400 <= result.status < 500:
            return _Robots(None, None, f"robots.txt HTTP {result.status}: allow all")
        log.warning("robots.txt %s unavailable (%s: %s); proceeding as allowed", url, result.outcome, result.error)
        return _Robots(None, None, f"robots.txt unavailable ({result.outcome}): allow all")

    def _archived_robots(self, url: str) -> ArchivedResponse | None:
        """This run's robots.txt if an earlier task already fetched it into the WARC file."""
        if not self.warc_path.exists():
            return None
        latest = None
        try:
            for response in read_responses(self.warc_path, urls=[url], max_body_bytes=ROBOTS_MAX_BYTES):
                # The end of the chain that started at robots.txt (it may have redirected).
                if (response.requested_url == url and response.status is not None and not response.truncated
                        and response.status not in REDIRECT_STATUSES):
                    latest = response
        except Exception as exc:  # noqa: BLE001 - a damaged archive only costs a refetch
            log.warning("cannot read %s for robots.txt: %s", self.warc_path, exc)
            return None
        return latest

    def _robots_from(self, url: str, status: int | None, body: bytes | None, *, note: str) -> _Robots:
        if status is not None and 200 <= status < 300 and body is not None:
            parser, delay = parse_robots(body.decode("utf-8", errors="replace"), self.settings.user_agent)
            return _Robots(parser, delay, f"robots.txt {note}")
        if status is not None and 400 <= status < 500:
            return _Robots(None, None, f"robots.txt HTTP {status} ({note}): allow all")
        log.warning("robots.txt %s unavailable (HTTP %s, %s); proceeding as allowed", url, status, note)
        return _Robots(None, None, f"robots.txt HTTP {status} ({note}): allow all")

    # -- conditional GET

    def _usable_cache_entry(self, url: str) -> dict[str, Any] | None:
        entry = self._cache.get(url)
        if not entry or not (entry.get("etag") or entry.get("last_modified")):
            return None
        if not entry.get("warc_file") or entry.get("warc_offset") is None or not Path(entry["warc_file"]).exists():
            return None  # no archived body to fall back on: a conditional GET would leave us empty-handed
        return entry

    def _archived_original(self, entry: dict[str, Any]) -> ArchivedResponse | None:
        try:
            original = read_record_at(Path(entry["warc_file"]), int(entry["warc_offset"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("archived copy for a 304 is unreadable (%s); refetching", exc)
            return None
        if not original.ok or original.body is None:
            return None
        if entry.get("sha256") and hashlib.sha256(original.body).hexdigest() != entry["sha256"]:
            log.warning("archived copy at %s:%s does not match its checksum; refetching", entry["warc_file"], entry["warc_offset"])
            return None
        return original

    def _remember(self, ex: _Exchange, attempt: _Attempt) -> None:
        etag, modified = ex.header("ETag"), ex.header("Last-Modified")
        if not (etag or modified) or attempt.warc_offset is None:
            return
        self._cache.put(ex.url, {
            "etag": etag,
            "last_modified": modified,
            "warc_file": str(self.warc_path.resolve()),
            "warc_offset": attempt.warc_offset,
            "sha256": hashlib.sha256(ex.body).hexdigest(),
            "fetched_at": ex.started_at.isoformat(),
        })

    # -- the wire

    def _request_headers(self, kind: str, cached: dict[str, Any] | None) -> dict[str, str]:
        languages = [lang for lang in self.outlet.languages if lang]
        accept_language = ", ".join(lang if i == 0 else f"{lang};q={max(0.1, 0.9 - 0.1 * i):.1f}" for i, lang in enumerate(languages))
        headers = {
            "User-Agent": self.settings.user_agent,
            "Accept": ACCEPT_RSS if kind == "rss" else ("text/plain,*/*;q=0.5" if kind == "robots" else ACCEPT),
            "Accept-Encoding": ACCEPT_ENCODING,
            "Connection": "keep-alive",
        }
        if accept_language:
            headers["Accept-Language"] = accept_language
        if cached:
            if cached.get("etag"):
                headers["If-None-Match"] = cached["etag"]
            if cached.get("last_modified"):
                headers["If-Modified-Since"] = cached["last_modified"]
        return headers

    def _exchange(self, url: str, target: _Target, kind: str, max_bytes: int, cached: dict[str, Any] | None) -> _Exchange:
        prepared = self._session.prepare_request(requests.Request("GET", url, headers=self._request_headers(kind, cached)))
        ex = _Exchange(url=url, started_at=datetime.now(UTC),
                       request_headers=[("Host", _host_header(url)), *prepared.headers.items()])
        t0 = time.monotonic()
        deadline = t0 + self.total_timeout
        adapter = self._session.get_adapter(url)
        try:
            with _pinned(target.host, target.addresses):
                # The adapter directly, not Session.send: that would read a redirect's
                # whole body (unbounded) to resolve Response.next.
                response = adapter.send(prepared, stream=True, timeout=(self.connect_timeout, self.read_timeout),
                                        verify=True, cert=None, proxies={})
        except requests.exceptions.ConnectTimeout as exc:
            ex.outcome, ex.error, ex.retryable = "timeout", f"connect timeout after {self.connect_timeout} s: {_short(exc)}", True
        except requests.exceptions.ReadTimeout as exc:
            ex.outcome, ex.error, ex.retryable = "timeout", f"no response headers within {self.read_timeout} s: {_short(exc)}", True
        except requests.exceptions.SSLError as exc:
            ex.outcome, ex.error = "connection_error", f"TLS error: {_short(exc)}"
        except requests.exceptions.ConnectionError as exc:
            ex.outcome, ex.error, ex.retryable = "connection_error", _short(exc), True
        except requests.exceptions.RequestException as exc:
            ex.outcome, ex.error = "connection_error", _short(exc)
        if ex.outcome:
            ex.elapsed_ms = (time.monotonic() - t0) * 1000
            return ex
        extract_cookies_to_jar(self._session.cookies, prepared, response.raw)
        try:
            self._read_response(response, ex, deadline, max_bytes)
        finally:
            ex.elapsed_ms = (time.monotonic() - t0) * 1000
        return ex

    def _read_response(self, response: requests.Response, ex: _Exchange, deadline: float, max_bytes: int) -> None:
        raw = response.raw
        ex.status = response.status_code
        ex.reason = response.reason or ""
        ex.http_version = "HTTP/1.0" if getattr(raw, "version", 11) == 10 else "HTTP/1.1"
        ex.headers = list(raw.headers.items())
        connection = getattr(raw, "connection", None)
        sock = getattr(connection, "sock", None) if connection is not None else None
        if sock is not None:
            try:
                ex.ip_address = sock.getpeername()[0]
            except OSError:
                pass
        complete = False
        try:
            complete = self._read_body(raw, ex, sock, deadline, max_bytes)
        finally:
            if complete:
                if sock is not None:
                    try:
                        sock.settimeout(self.read_timeout)
                    except OSError:
                        pass
                raw.release_conn()  # keep-alive: the connection goes back to the pool
            else:
                raw.close()  # a half-read body poisons the connection: drop it
                raw.release_conn()

    def _read_body(self, raw: Any, ex: _Exchange, sock: socket.socket | None, deadline: float, max_bytes: int) -> bool:
        """Stream the body into ``ex`` within the size cap and deadline; True if read to the end."""
        declared = ex.header("Content-Length")
        if declared and declared.strip().isdigit() and int(declared) > max_bytes:
            ex.outcome, ex.truncated = "too_large", "length"
            ex.error = f"Content-Length {int(declared)} exceeds the {max_bytes}-byte cap"
            return False
        unsupported = ""
        try:
            decoder: ContentDecoder | None = ContentDecoder(ex.header("Content-Encoding"))
        except UnsupportedEncoding as exc:
            decoder, unsupported = None, str(exc)
        wire = bytearray()
        decoded = bytearray()
        finished = False
        deadline_bound = False  # is the current read's timeout the deadline rather than the read timeout?
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise _DeadlineExceeded
                deadline_bound = remaining < self.read_timeout
                if sock is not None:
                    sock.settimeout(min(self.read_timeout, remaining))
                chunk = raw.read1(CHUNK_BYTES, decode_content=False)
                if not chunk:
                    finished = True
                    break
                wire += chunk
                if decoder is not None and not decoder.identity:
                    decoded += decoder.decode(chunk, max_bytes + 1 - len(decoded))
                if len(wire) > max_bytes or (decoder is not None and not decoder.identity and len(decoded) > max_bytes):
                    ex.outcome, ex.truncated = "too_large", "length"
                    ex.error = f"body exceeds the {max_bytes}-byte cap" + (" after decompression" if len(decoded) > max_bytes else "")
                    break
            if decoder is not None and not decoder.identity and not ex.outcome:
                decoded += decoder.finish(max_bytes + 1 - len(decoded))
                if len(decoded) > max_bytes:
                    ex.outcome, ex.truncated = "too_large", "length"
                    ex.error = f"body exceeds the {max_bytes}-byte cap after decompression"
        except (_DeadlineExceeded, TimeoutError, ReadTimeoutError) as exc:
            if deadline_bound or isinstance(exc, _DeadlineExceeded):
                ex.outcome, ex.error = "timeout", f"body not complete within the {self.total_timeout} s deadline"
            else:
                ex.outcome, ex.error, ex.retryable = "timeout", f"read timeout after {self.read_timeout} s mid-body", True
            ex.truncated = "time"
        except (ProtocolError, Urllib3SSLError, OSError) as exc:
            ex.outcome, ex.error, ex.retryable = "connection_error", f"connection broken mid-body: {_short(exc)}", True
            ex.truncated = "disconnect"
        except zlib.error as exc:
            ex.outcome, ex.error = "http_error", f"content decoding failed ({ex.header('Content-Encoding')}): {exc}"
        ex.wire = bytes(wire)
        ex.body = ex.wire if decoder is None or decoder.identity else bytes(decoded[:max_bytes + 1])
        if decoder is None and not ex.outcome:
            ex.outcome, ex.error = "http_error", f"cannot decode body: {unsupported}"
        return finished


class _DeadlineExceeded(Exception):
    """The total deadline for one response passed while reading its body."""


def _host_header(url: str) -> str:
    """The Host header http.client sends for ``url`` (port only when not the default)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    default = 443 if parts.scheme == "https" else 80
    return host if parts.port in (None, default) else f"{host}:{parts.port}"


def _headers_dict(headers: list[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in headers:
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out


def _short(exc: BaseException) -> str:
    """An exception as one readable line (requests nests urllib3's reason deep inside)."""
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= 300 else text[:297] + "..."
