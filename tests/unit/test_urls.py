from __future__ import annotations

import hashlib

import pytest

from media_monitor.extract.urls import (
    article_id,
    article_score,
    canonicalize_url,
    looks_like_article,
    redirect_target,
    registrable_domain,
    same_site,
)


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        # tracking parameters out, the rest sorted, fragment dropped, host lower-cased, default port dropped
        (
            "HTTPS://WWW.Example.COM:443/news/a-story?utm_source=x&b=2&fbclid=abc&a=1&gclid=z#section",
            None,
            "https://www.example.com/news/a-story?a=1&b=2",
        ),
        ("http://example.com:80", None, "http://example.com/"),
        ("http://example.com:8080/x", None, "http://example.com:8080/x"),
        # relative links resolve against the page
        ("../world/story-1.html", "https://example.com/news/today/", "https://example.com/news/world/story-1.html"),
        ("//cdn.example.com/a", "https://example.com/", "https://cdn.example.com/a"),
        ("?page=2", "https://example.com/news/", "https://example.com/news/?page=2"),
        # raw and percent-encoded non-ASCII paths are one URL
        ("https://example.ru/новости/1", None, "https://example.ru/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1"),
        ("https://example.com/a//b/./c", None, "https://example.com/a/b/c"),
        # an id parameter stays: two stories must never collapse into one
        ("https://example.com/story.php?sid=123&ref=home", None, "https://example.com/story.php?sid=123"),
        ("  https://example.com/x\n  ", None, "https://example.com/x"),
    ],
)
def test_canonicalize_url(url: str, base: str | None, expected: str) -> None:
    assert canonicalize_url(url, base) == expected


@pytest.mark.parametrize(
    "url", ["javascript:void(0)", "mailto:desk@example.com", "tel:+441234", "ftp://example.com/x", "", "#top", "data:x"]
)
def test_canonicalize_url_rejects_non_pages(url: str) -> None:
    assert canonicalize_url(url, None) is None


def test_canonicalize_url_rejects_fragment_only_without_base() -> None:
    assert canonicalize_url("#comments") is None
    assert canonicalize_url("#comments", "https://example.com/a") == "https://example.com/a"


def test_article_id_is_sha1_of_canonical_url() -> None:
    url = "https://www.example.com/news/a-story?a=1"
    assert article_id(url) == hashlib.sha1(url.encode("utf-8")).hexdigest()
    assert len(article_id(url)) == 40


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/news/2026/11/03/port-strike-enters-second-week",
        "https://example.com/world/europe-68123456",
        "https://example.com/story/a-long-slug-with-many-words-in-it",
        "https://news.ycombinator.com/item?id=8282345",
        "http://news.xinhuanet.com/politics/2014-09/08/c_1112402456.htm",
    ],
)
def test_article_like_urls(url: str) -> None:
    assert looks_like_article(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/",
        "https://example.com/news/",
        "https://example.com/tag/port-strike",
        "https://example.com/category/politics/",
        "https://example.com/author/jane-doe",
        "https://example.com/news/page/2",
        "https://example.com/login",
    ],
)
def test_section_urls_are_not_articles(url: str) -> None:
    assert not looks_like_article(url)
    assert article_score(url) < 2.0


def test_site_membership() -> None:
    assert registrable_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert registrable_domain("127.0.0.1") == "127.0.0.1"
    assert registrable_domain("www.gazette.example") == "gazette.example"  # unknown suffix: last two labels
    assert same_site("sport.example.com", "www.example.com")
    assert same_site("example.com", "www.example.com")
    assert not same_site("example.org", "www.example.com")
    assert not same_site("", "www.example.com")


def _b64(url: str, pad: str = "=") -> str:
    import base64

    return base64.urlsafe_b64encode(url.encode()).decode().replace("=", pad)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # a portal's click counter: KEY=value path parts, the target base64-encoded, padding written "-"
        ("http://r.portal.example/_ylt=A2KK/RV=1/RE=1411315259/RU=" + _b64("https://news.portal.example/a-b-c-1.html", "-")
         + "/RS=%5EADA1WJ", "https://news.portal.example/a-b-c-1.html"),
        ("https://portal.example/click/" + _b64("http://www.other.example/2014/09/07/story?x=1") + "/x",
         "http://www.other.example/2014/09/07/story?x=1"),
        ("https://portal.example/out?url=https%3A%2F%2Fnews.example%2Fstory-one", "https://news.example/story-one"),
        ("https://portal.example/r?id=7&to=http://news.example/x", "http://news.example/x"),
        # not redirects: a login's way back, a plain story, base64 of something that is not a URL
        ("https://portal.example/login?next=https://portal.example/news/a", None),
        ("https://portal.example/2026/11/03/a-plain-story", None),
        ("https://portal.example/img/" + _b64("hsrd.portal.example"), None),
        ("https://portal.example/x/aHR0cHM6Ly9!!!broken", None),
    ],
)
def test_redirect_target(url: str, expected: str | None) -> None:
    assert redirect_target(url) == expected

