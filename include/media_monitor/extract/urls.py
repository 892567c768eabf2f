"""Canonical URLs, stable article ids, site membership and "does this URL look like an article".

A canonical URL is the key the whole pipeline dedups on (``article_id`` hashes it), so two
spellings of one story must map to one string and two stories must never collapse into one.
That is why tracking parameters are removed from an explicit list rather than by keeping an
allow-list: courlan's strict mode keeps only ``id``/``page``-like keys, which would merge
``story.php?sid=1`` and ``story.php?sid=2``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

from courlan.clean import decode_punycode
from tld import get_fld

# Query keys that only say where a click came from. Exact keys, then prefixes.
TRACKING_KEYS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ysclid", "twclid", "ttclid",
        "igshid", "igsh", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
        "oly_enc_id", "vero_id", "wt_mc", "wt.mc_id", "ocid", "cmpid", "icid", "ncid", "smid", "smtyp",
        "sr_share", "share", "ref", "ref_src", "ref_url", "referrer", "src", "source", "xtor", "ito",
        "spm", "s_cid", "cid_source", "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3",
        "at_custom4", "__twitter_impression", "ftag", "rss", "feature", "partner", "cmp", "cmp_id",
        "mbid", "sh", "soc_src", "soc_trk", "trk", "trkid", "tracking", "intcid", "hpt", "ex_cid",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "ga_", "at_", "ns_", "fb_", "ir_", "itm_", "wt.", "_hs")
DEFAULT_PORTS = {"http": 80, "https": 443}
_SAFE_PATH = "/%!$&'()*+,;=:@-._~"
_SAFE_QUERY = "/%!$'()*+,;:@-._~?"

# --- article-likeness -------------------------------------------------------------------------
# Path words that name listings rather than stories: a link to /tag/port-strike is not a story
# even though its slug has words.
_SECTION_WORDS = frozenset(
    {
        "tag", "tags", "topic", "topics", "category", "categories", "kategorie", "rubrik", "rubrique",
        "section", "sections", "author", "authors", "autor", "autoren", "auteur", "person", "people",
        "search", "suche", "recherche", "login", "signin", "sign-in", "register", "account", "profile",
        "subscribe", "subscription", "newsletter", "newsletters", "abo", "page", "archive", "archiv",
        "archives", "feed", "rss", "about", "impressum", "contact", "kontakt", "privacy", "datenschutz",
        "terms", "help", "faq", "shop", "jobs", "careers", "advertise", "user", "users", "cart",
        "theme", "themen", "thema", "dossier", "series", "index", "sitemap", "weather", "horoscope",
        "horoscopes", "games", "podcasts", "videos", "live-tv", "tv", "radio", "rubric", "rubriki",
        "tegi", "teg",
    }
)
_DATE_IN_PATH = re.compile(
    r"(?:^|/|-|_)(?:19|20)\d{2}(?:[/_-]?)(?:0[1-9]|1[0-2])(?:(?:[/_-]?)(?:0[1-9]|[12]\d|3[01]))?(?=$|/|-|_|\.)"
)
_LONG_NUMBER = re.compile(r"(?<![a-z])\d{5,}")
_WORDISH = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_ARTICLE_EXT = re.compile(r"\.(?:s?html?|php|aspx?|cms|ece|story)$", re.IGNORECASE)
_ID_PARAMS = frozenset({"id", "p", "aid", "sid", "story", "storyid", "article", "articleid", "article_id", "itemid", "nid", "newsid", "news_id", "post", "contentid", "docid"})


def _is_tracking(key: str) -> bool:
    low = key.lower()
    return low in TRACKING_KEYS or low.startswith(TRACKING_PREFIXES)


def _clean_path(path: str) -> str:
    # Collapse "//" runs and resolve "." / ".." so /a/./b and /a//b are one page.
    segments: list[str] = []
    for seg in re.sub(r"/{2,}", "/", path).split("/"):
        if seg == ".":
            continue
        if seg == "..":
            if segments and segments[-1] != "":
                segments.pop()
            continue
        segments.append(seg)
    cleaned = "/".join(segments)
    if not cleaned.startswith("/"):
        cleaned = "/" + cleaned
    if path.endswith("/") and not cleaned.endswith("/"):
        cleaned += "/"
    # Percent-encode what must be encoded (raw Cyrillic, spaces) and keep what is already encoded,
    # so the raw and the encoded spelling of one href compare equal.
    return quote(cleaned, safe=_SAFE_PATH)


def canonicalize_url(url: str, base: str | None = None) -> str | None:
    """The canonical absolute form of a link, or None when it is not an http(s) page URL.

    Absolute (resolved against ``base``), fragment dropped, tracking parameters removed, the
    remaining query sorted, host lower-cased (punycode decoded), default port dropped, an empty
    path written as "/".
    """
    if not isinstance(url, str):
        return None
    url = "".join(url.split())  # hrefs wrapped over several lines keep their parts
    if not url:
        return None
    low = url.lower()
    if low.startswith(("javascript:", "mailto:", "tel:", "data:", "sms:", "ftp:", "file:", "about:")):
        return None
    try:
        if base:
            url = urljoin(base, url)
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS:
            return None
        host = (parts.hostname or "").rstrip(".")
        if not host:
            return None
        host = decode_punycode(host.lower())
        port = parts.port
    except ValueError:  # malformed port or IPv6 literal
        return None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    path = _clean_path(parts.path or "/")
    query_pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    query = urlencode(sorted(query_pairs), doseq=True, safe=_SAFE_QUERY) if query_pairs else ""
    return urlunsplit((scheme, netloc, path, query, ""))


def article_id(canonical_url: str) -> str:
    """The deterministic id of an article: sha1 hex of its canonical URL."""
    return hashlib.sha1(canonical_url.encode("utf-8")).hexdigest()


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """The registrable domain of a host ("news.bbc.co.uk" -> "bbc.co.uk"); the host itself for IPs."""
    host = host.lower().rstrip(".")
    if not host or re.fullmatch(r"[\d.]+|\[?[0-9a-f:]+\]?", host):
        return host
    fld = get_fld(host, fix_protocol=True, fail_silently=True)
    if fld:
        return fld
    # A suffix the public list does not know (".example", ".internal", "localhost"): the last two labels.
    labels = host.split(".")
    return ".".join(labels[-2:]) if len(labels) >= 2 else host


def url_host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def same_site(host: str, site_host: str) -> bool:
    """True when host belongs to the site of site_host: equal, a subdomain, or the same registrable domain."""
    host, site_host = host.lower().rstrip("."), site_host.lower().rstrip(".")
    if not host or not site_host:
        return False
    if host == site_host:
        return True
    domain = registrable_domain(site_host)
    return host == domain or host.endswith("." + domain)


@lru_cache(maxsize=8192)
def article_score(url: str) -> float:
    """How much a URL looks like a single story rather than a section, tag or utility page.

    Positive cues: a slug of several words, a date or a long number in the path, an id query
    parameter, path depth. Negative cues: listing words (tag, category, author, search...), a
    bare root, pagination. 2.0 and above reads as an article.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return -5.0
    path = unquote(parts.path or "/")
    segments = [s for s in path.split("/") if s]
    query = dict(parse_qsl(parts.query))
    score = 0.0
    if not segments and not query:
        return -5.0
    low_segments = [s.lower() for s in segments]
    if any(s in _SECTION_WORDS for s in low_segments[:-1]) or (low_segments and low_segments[-1] in _SECTION_WORDS):
        score -= 3.0
    if any(re.fullmatch(r"(?:page|p|seite)?-?\d{1,2}", s) for s in low_segments[-1:]) and len(segments) <= 2:
        score -= 1.0  # /news/2 pagination
    if len(segments) >= 2:
        score += 0.5
    if len(segments) >= 3:
        score += 0.5
    if _DATE_IN_PATH.search(path):
        score += 2.0
    if _LONG_NUMBER.search(path):
        score += 1.5
    last = segments[-1] if segments else ""
    stem = _ARTICLE_EXT.sub("", last)
    words = _WORDISH.findall(stem.replace("_", "-"))
    if len(words) >= 4 or (len(words) >= 3 and len(stem) >= 20):
        score += 2.0
    elif len(words) >= 2 and len(stem) >= 12:
        score += 0.75
    if _ARTICLE_EXT.search(last) and stem.lower() not in {"index", "default", "home", "main"}:
        score += 0.5
    if any(k.lower() in _ID_PARAMS and re.fullmatch(r"[\w-]{1,40}", v or "") for k, v in query.items()):
        score += 2.0
    if not segments and query:
        score -= 0.5
    return score


def looks_like_article(url: str, threshold: float = 2.0) -> bool:
    return article_score(url) >= threshold


# --- redirect wrappers ------------------------------------------------------------------------
# Portals send clicks through their own redirector so they can count them:
# "hsrd.yahoo.com/_ylt=.../RU=aHR0cHM6Ly9uZXdzLnlhaG9vLmNvbS8.../RS=...", "site/out?url=https://...".
# The story is the wrapped URL; the wrapper differs on every link and every day, so keeping it
# would break deduplication across runs and hide where the link really goes.
_REDIRECT_KEYS = frozenset({"url", "u", "to", "target", "dest", "destination", "goto", "link", "out", "redirect", "redirect_url", "ru"})
_B64_HTTP = "aHR0c"  # base64 of "http": the start of every base64-encoded absolute URL
_B64_TOKEN = re.compile(r"aHR0c[A-Za-z0-9+_.~-]+")  # "/" ends a path segment


def _b64_url(token: str) -> str | None:
    body = token.rstrip("=-.~")  # redirectors write the padding as "=", "-", "." or "~"
    body += "=" * (-len(body) % 4)
    for altchars in (b"-_", b"+/", b"._", b"_-"):
        try:
            raw = base64.b64decode(body, altchars=altchars, validate=True)
            text = raw.decode("ascii")
        except (ValueError, UnicodeDecodeError):
            continue
        if text.startswith(("http://", "https://")) and text.isprintable() and " " not in text and "." in url_host(text):
            return text
    return None


def redirect_target(url: str) -> str | None:
    """The absolute http(s) URL a redirector link wraps, or None when ``url`` wraps none.

    Two spellings are recognised: a query value under a redirect key ("url", "u", "to", "dest"...)
    that is itself an absolute URL, and a base64-encoded absolute URL as a path segment, a
    ``KEY=value`` path part or a query value. Login links ("next", "return") are not unwrapped.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.query and "http" in parts.query.lower():
        for key, value in parse_qsl(parts.query):
            if key.lower() in _REDIRECT_KEYS and value.lower().startswith(("http://", "https://")):
                return value
    rest = parts.path + "?" + parts.query
    if _B64_HTTP in rest:
        for match in _B64_TOKEN.finditer(unquote(rest)):
            target = _b64_url(match.group())
            if target:
                return target
    return None


def page_path(href: str, base: str = "", *, with_query: bool = False) -> str:
    """A link's host and path (and query), resolved against the page's URL, without a trailing slash:
    for asking whether two addresses name the same page ("https://x.org/a/" and "/a" on x.org)."""
    try:
        parts = urlsplit(urljoin(base, href.strip()))
    except ValueError:
        return ""
    path = f"{parts.netloc.lower()}{parts.path.rstrip('/')}"
    return f"{path}?{parts.query}" if with_query and parts.query else path
