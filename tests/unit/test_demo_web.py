"""The bundled demo web: determinism, encodings, links, ground truth, themes, redesign, server."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from media_monitor import demo_content, demo_web
from media_monitor.demo_web import (
    DEMO_DAYS,
    DEMO_OUTLETS,
    article_paths,
    frontpage_path,
    render,
    serve_in_thread,
    truth_article,
    truth_frontpage,
)
from media_monitor.registry import load_registry

REGISTRY = Path(__file__).resolve().parents[2] / "include" / "outlets.yaml"
FRONT_PAGES = [(o, d) for o in DEMO_OUTLETS for d in DEMO_DAYS]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _decode(outlet: str, body: bytes) -> str:
    return body.decode("cp1251" if outlet == "vestnik" else "utf-8")


def _soup(outlet: str, body: bytes) -> BeautifulSoup:
    return BeautifulSoup(_decode(outlet, body), "html.parser")


def _clean(page_path: str, href: str) -> str:
    """Resolve an href against the page and drop query and fragment, as truth urls are."""
    return urlsplit(urljoin(page_path, href)).path


def _fetch(path: str, hops: int = 3) -> int:
    status, headers, _ = render(path)
    while status in (301, 302) and hops:
        status, headers, _ = render(urljoin(path, headers["Location"]))
        hops -= 1
    return status


def _all_pages_digest() -> str:
    digest = hashlib.sha256()
    for outlet, day in FRONT_PAGES:
        digest.update(render(frontpage_path(outlet, day))[2])
    digest.update(render("/2026-11-05/metro-wire/rss.xml")[2])
    for path in article_paths():
        digest.update(render(path)[2])
    return digest.hexdigest()


# --- Determinism ----------------------------------------------------------------------------------


def test_render_twice_gives_identical_bytes() -> None:
    first = {p: render(p) for p in [frontpage_path(o, d) for o, d in FRONT_PAGES] + article_paths()}
    demo_web._render_cached.cache_clear()  # render again from the generator, not from the cache
    for path, response in first.items():
        assert render(path) == response, path


def test_pages_do_not_depend_on_the_process_hash_seed() -> None:
    # str hashes are salted per process: a generator leaning on hash() would differ between runs.
    code = "from tests.unit.test_demo_web import _all_pages_digest; print(_all_pages_digest())"
    root = Path(__file__).resolve().parents[2]
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": f"{root / 'include'}:{root}"},
        ).stdout.strip()
        for seed in ("1", "4242")
    }
    assert digests == {_all_pages_digest()}


# --- Encodings and headers --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/2026-11-03/vestnik/", article_paths("vestnik")[0], "/vestnik/login"])
def test_vestnik_is_windows_1251_declared_only_in_a_meta_tag(path: str) -> None:
    status, headers, body = render(path)
    assert status == 200
    assert headers["Content-Type"] == "text/html"  # no charset in the HTTP header
    assert int(headers["Content-Length"]) == len(body)
    head = body[:400].decode("ascii", errors="replace")
    assert '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"' in head
    text = body.decode("cp1251")
    assert "Войти" in text
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")  # really cp1251 bytes, not UTF-8 with a wrong label


def test_every_vestnik_page_encodes_strictly() -> None:
    # render() encodes cp1251 strictly, so a character the charset lacks would raise here.
    for outlet, day in FRONT_PAGES:
        if outlet == "vestnik":
            assert render(frontpage_path(outlet, day))[0] == 200
    for path in article_paths("vestnik"):
        assert render(path)[0] == 200


@pytest.mark.parametrize("outlet", ["daily-ledger", "metro-wire", "rumour-mill"])
def test_other_outlets_are_utf8_with_charset_in_the_header(outlet: str) -> None:
    status, headers, body = render(frontpage_path(outlet, DEMO_DAYS[2]))
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    body.decode("utf-8")
    assert render(article_paths(outlet)[0])[1]["Content-Type"] == "text/html; charset=utf-8"


# --- Links ---------------------------------------------------------------------------------------------


def test_every_front_page_link_resolves() -> None:
    checked = 0
    for outlet, day in FRONT_PAGES:
        page = frontpage_path(outlet, day)
        soup = _soup(outlet, render(page)[2])
        targets = [a["href"] for a in soup.find_all("a", href=True)]
        targets += [link["href"] for link in soup.find_all("link", href=True)]
        targets += [img["src"] for img in soup.find_all("img", src=True)]
        for href in targets:
            assert _fetch(urljoin(page, href)) == 200, (page, href)
            checked += 1
    assert checked > 500


def test_every_article_page_link_resolves() -> None:
    for path in article_paths():
        outlet = path.split("/")[1]
        soup = _soup(outlet, render(path)[2])
        for a in soup.find_all("a", href=True):
            assert _fetch(urljoin(path, a["href"])) == 200, (path, a["href"])


def test_each_front_page_links_enough_distinct_articles_of_its_own() -> None:
    known = set(article_paths())
    for outlet, day in FRONT_PAGES:
        page = frontpage_path(outlet, day)
        soup = _soup(outlet, render(page)[2])
        own = {_clean(page, a["href"]) for a in soup.find_all("a", href=True)} & known
        assert len(own) >= 8, (outlet, day)
        assert all(p.startswith(f"/{outlet}/") for p in own)


# --- Ground truth matches the HTML ---------------------------------------------------------------------


def _links(outlet: str, page: str, soup: BeautifulSoup) -> set[tuple[str, str]]:
    return {(_norm(a.get_text()), _clean(page, a["href"])) for a in soup.find_all("a", href=True)}


@pytest.mark.parametrize(("outlet", "day"), FRONT_PAGES)
def test_truth_frontpage_matches_the_html(outlet: str, day: date) -> None:
    page = frontpage_path(outlet, day)
    soup = _soup(outlet, render(page)[2])
    links = _links(outlet, page, soup)
    truth = truth_frontpage(outlet, day)

    headlines = truth["headlines"]
    assert 8 <= len(headlines) <= 15
    assert [h["rank"] for h in headlines] == list(range(1, len(headlines) + 1))
    assert len({h["url"] for h in headlines}) == len(headlines)
    for h in headlines:
        assert h["url"].startswith(f"/{outlet}/") and h["title"] == _norm(h["title"])
        assert (h["title"], h["url"]) in links, h

    assert truth["blocks"], "every outlet has a sidebar block"
    for block in truth["blocks"]:
        assert 5 <= len(block["entries"]) <= 12, block["name"]
        assert block["name"] in soup.get_text()
        for e in block["entries"]:
            assert (e["title"], e["url"]) in links, e
            assert e["count"] is not None and e["count"] >= 0


def test_rumour_mill_registry_selectors_pick_exactly_the_truth_headlines() -> None:
    selectors = next(o for o in load_registry(REGISTRY) if o.name == "rumour-mill").selectors
    for day in DEMO_DAYS:
        page = frontpage_path("rumour-mill", day)
        soup = _soup("rumour-mill", render(page)[2])
        for node in soup.select(selectors["exclude"]):
            node.decompose()
        found = [(_norm(a.get_text()), _clean(page, a["href"])) for a in soup.select(selectors["headline"])]
        truth = [(h["title"], h["url"]) for h in truth_frontpage("rumour-mill", day)["headlines"]]
        assert found == truth


def test_rumour_mill_front_page_is_messy_on_purpose() -> None:
    html = render("/2026-11-04/rumour-mill/")[2].decode()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("#cookie-banner a") and soup.select_one("nav a") and soup.select_one(".menu a")
    assert "World News Today" in soup.select_one("nav").get_text()
    assert '<a class="story"' in html.split("<body>")[0]  # markup inside a JS string, in <head>
    assert "../../rumour-mill/story/" in html and "?utm_source=home#comments" in html
    assert "</li>" not in html and "</p>" not in html.split('class="storylist"')[1]  # unclosed tags
    hrefs = Counter(_clean("/2026-11-04/rumour-mill/", a["href"]) for a in soup.find_all("a", href=True))
    assert max(hrefs.values()) >= 3  # thumbnail, title and comments link to one story
    popular = truth_frontpage("rumour-mill", DEMO_DAYS[2])["blocks"][0]
    assert popular["name"] == "Popular" and f"({popular['entries'][0]['count']})" in html


def test_vestnik_front_page_has_discussion_with_short_dates_counts_and_replies() -> None:
    all_titles: list[str] = []
    for day in DEMO_DAYS:
        truth = truth_frontpage("vestnik", day)
        (block,) = truth["blocks"]
        assert block["name"] == "Discussion"
        for e in block["entries"]:
            assert re.fullmatch(r"\d\d\.\d\d \d\d:\d\d", e["time_text"])
            assert e["shown_at"] <= truth["snapshot"] and e["shown_at"].tzinfo is not None
            assert e["time_text"] == e["shown_at"].strftime("%d.%m %H:%M")
        shown = [e["shown_at"] for e in block["entries"]]
        assert shown == sorted(shown, reverse=True)
        all_titles += [e["title"] for e in block["entries"]]
        html = _decode("vestnik", render(frontpage_path("vestnik", day))[2])
        assert "Update" in html and "Войти" in html
        titles = [h["title"] for h in truth["headlines"]]
        assert any(re.search("[а-яА-Я]", t) for t in titles) and any(re.fullmatch(r"[ -~]+", t) for t in titles)
    assert any(t.startswith('Ответ на "') for t in all_titles)
    assert any(t.startswith('Комментарий к "') for t in all_titles)
    assert any(re.fullmatch(r"[ -~]+", t) for t in all_titles)  # English entries too


def test_pinned_values_for_extractor_tests() -> None:
    # Values other tests and the docs quote; a change here is a change of the demo's content.
    first = truth_frontpage("vestnik", date(2026, 11, 3))["blocks"][0]["entries"][0]
    assert first == {
        "rank": 1,
        "title": "The new frigate class will carry twice as many missiles (Naval Observer, UK)",
        "url": "/vestnik/news/2026/11/03/51376.html",
        "time_text": "03.11 20:53",
        "count": 0,
        "shown_at": datetime(2026, 11, 3, 20, 53, tzinfo=ZoneInfo("Europe/Moscow")),
    }
    thread = next(
        e
        for e in truth_frontpage("vestnik", date(2026, 11, 3))["blocks"][0]["entries"]
        if e["url"] == "/vestnik/forum/101/"
    )
    assert thread["count"] == 10856
    lead = truth_frontpage("daily-ledger", date(2026, 11, 5))["headlines"][0]
    assert lead["title"] == "Supermarkets warn of shortages as port strike bites" and lead["is_lead"]


# --- Articles -----------------------------------------------------------------------------------------


def test_truth_article_matches_every_article_page() -> None:
    for path in article_paths():
        outlet = path.split("/")[1]
        truth = truth_article(path)
        soup = _soup(outlet, render(path)[2])
        assert _norm(soup.h1.get_text()) == truth["title"]
        text = _norm(soup.get_text(" "))
        for paragraph in truth["body_paragraphs"]:
            assert paragraph in text
        words = sum(len(p.split()) for p in truth["body_paragraphs"])
        assert 150 <= words <= 500, (path, words)
        body = " ".join(truth["body_paragraphs"]).lower()
        assert all(term.lower() in body for term in truth["terms"]), path
        published = truth["published_at"]
        assert published.tzinfo is not None and published.utcoffset() is not None
        assert published.tzinfo == demo_content.OUTLET_TZ[outlet]
        if m := re.search(r"/(\d{4})/(\d\d)/(\d\d)/", path):
            assert published.date() == date(*map(int, m.groups()))
        if truth["image_credit"]:
            assert truth["image_credit"] in text
        for author in truth["authors"]:
            assert author in text
        assert truth_article(path + "?utm_source=x#top") == truth


def test_vestnik_article_page_layout() -> None:
    path = next(p for p in article_paths("vestnik") if truth_article(p)["language"] == "ru")
    truth = truth_article(path)
    soup = _soup("vestnik", render(path)[2])
    assert soup.select_one("span.views").get_text() == str(truth["views"])
    assert soup.select_one("span.comments-count").get_text() == str(truth["comments"])
    assert soup.select_one("span.rating").get_text() == str(truth["rating"])
    assert soup.select_one(".image-source").get_text().startswith("Image source: @ ")
    assert soup.select(".article-text p")[-1].get_text() == truth["authors"][0]  # author line ends the body
    assert soup.select_one(".pubdate").get_text() == truth["published_at"].strftime("%d.%m.%Y %H:%M")
    assert soup.find("meta", attrs={"name": "article:published_time"})["content"] == truth["published_at"].isoformat()
    page_text = soup.get_text(" ")
    for marker in (
        "The news mentions",
        "Do you want to leave a comment?",
        "ПОДПИСКА НА НОВОСТИ",
        "Discussion",
        "The rights to this material belong to",
    ):
        assert marker in page_text
    assert any("«" in p for p in truth["body_paragraphs"])  # quoted speech
    languages = Counter(truth_article(p)["language"] for p in article_paths("vestnik"))
    assert languages["ru"] > 10 and languages["en"] > 5


def test_daily_ledger_article_has_byline_and_time_element() -> None:
    two = next(p for p in article_paths("daily-ledger") if len(truth_article(p)["authors"]) == 2)
    truth = truth_article(two)
    soup = _soup("daily-ledger", render(two)[2])
    assert _norm(soup.select_one(".byline").get_text()) == f"By {truth['authors'][0]} and {truth['authors'][1]}"
    assert soup.find("time")["datetime"] == truth["published_at"].isoformat()
    assert truth["published_at"].isoformat().endswith("+00:00")  # London is on GMT in November


def test_metro_wire_article_metadata() -> None:
    path = article_paths("metro-wire")[10]
    truth = truth_article(path)
    status, _, body = render(path, base_url="http://127.0.0.1:9999")
    soup = _soup("metro-wire", body)
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert ld["@type"] == "NewsArticle" and ld["headline"] == truth["title"]
    assert [a["name"] for a in ld["author"]] == truth["authors"]
    assert all(a["@type"] == "Person" for a in ld["author"])
    assert ld["datePublished"] == truth["published_at"].isoformat() and ld["datePublished"].endswith("-05:00")
    assert ld["publisher"]["name"] == "Metro Wire"
    url = "http://127.0.0.1:9999" + path
    assert soup.find("link", rel="canonical")["href"] == url
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert og["og:title"] == truth["title"] and og["og:url"] == url and og["og:type"] == "article"
    assert og["article:published_time"] == truth["published_at"].isoformat()


def test_rumour_mill_article_author_and_date_line() -> None:
    path = article_paths("rumour-mill")[3]
    truth = truth_article(path)
    soup = _soup("rumour-mill", render(path)[2])
    meta = _norm(soup.select_one(".meta").get_text())
    day = truth["published_at"]
    assert meta.startswith(f"Posted by {truth['authors'][0]} on {day:%b} {day.day}, {day.year}")
    assert f"{truth['comments']} comments" in meta


def test_metro_wire_rss_lists_the_front_page_stories() -> None:
    day = date(2026, 11, 6)
    status, headers, body = render(f"/{day}/metro-wire/rss.xml", base_url="http://127.0.0.1:9999")
    assert status == 200 and headers["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(body).find("channel")
    links = {urlsplit(item.findtext("link")).path for item in channel.findall("item")}
    assert links == {h["url"] for h in truth_frontpage("metro-wire", day)["headlines"]}
    for item in channel.findall("item"):
        assert item.findtext("pubDate").endswith("-0500")
        assert item.findtext("link").startswith("http://127.0.0.1:9999/metro-wire/story/")


# --- Content across the week --------------------------------------------------------------------------


def _theme_headlines(day: date, keywords: tuple[str, ...]) -> int:
    return sum(
        any(k in h["title"].lower() for k in keywords)
        for outlet in DEMO_OUTLETS
        for h in truth_frontpage(outlet, day)["headlines"]
    )


@pytest.mark.parametrize("theme", sorted(demo_content.THEMES))
def test_theme_rises_through_the_week(theme: str) -> None:
    keywords = demo_content.THEMES[theme]
    counts = [_theme_headlines(day, keywords) for day in DEMO_DAYS]
    assert counts[0] == 0 and counts[-1] > counts[1] and counts[-1] >= 8, counts
    assert counts[-1] >= max(counts[:4])


def test_vestnik_russian_drone_term_rises() -> None:
    counts = [
        sum("беспилотник" in h["title"].lower() for h in truth_frontpage("vestnik", day)["headlines"])
        for day in DEMO_DAYS
    ]
    assert counts[0] == 0 and counts[-1] >= 4, counts


def test_events_recur_across_outlets_in_different_words() -> None:
    by_event: dict[str, dict[str, str]] = defaultdict(dict)
    for path in article_paths():
        truth = truth_article(path)
        by_event[truth["event"]][truth["outlet"]] = truth["title"]
    wide = {key: titles for key, titles in by_event.items() if len(titles) >= 3}
    assert len(wide) >= 6
    for titles in wide.values():
        assert len(set(titles.values())) == len(titles)  # each outlet words it differently
    assert 40 <= len(demo_content.EVENTS) <= 70


def test_front_page_ranks_change_from_day_to_day() -> None:
    moved = 0
    for outlet in DEMO_OUTLETS:
        for before, after in zip(DEMO_DAYS, DEMO_DAYS[1:], strict=False):
            ranks = {h["url"]: h["rank"] for h in truth_frontpage(outlet, before)["headlines"]}
            moved += sum(
                1
                for h in truth_frontpage(outlet, after)["headlines"]
                if h["url"] in ranks and ranks[h["url"]] != h["rank"]
            )
            # Stories stay up for at most a few days.
            for h in truth_frontpage(outlet, after)["headlines"]:
                assert (after - truth_article(h["url"])["published_at"].date()).days <= 4
    assert moved > 20


# --- Redesign, errors, server ---------------------------------------------------------------------------


def test_redesign_removes_headline_links_and_sidebar() -> None:
    redesign = {"rumour-mill": date(2026, 11, 6), "vestnik": "2026-11-06"}
    before = render("/2026-11-05/rumour-mill/", redesign)
    assert before == render("/2026-11-05/rumour-mill/")
    for outlet in ("rumour-mill", "vestnik"):
        status, _, body = render(frontpage_path(outlet, date(2026, 11, 7)), redesign)
        assert status == 200
        soup = _soup(outlet, body)
        assert soup.select("div.storylist a.story") == [] and soup.find_all("a") == []
        assert "Popular" not in soup.get_text() and "Discussion" not in soup.get_text()
        truth = truth_frontpage(outlet, date(2026, 11, 7), redesign)
        assert truth["redesigned"] and truth["headlines"] == [] and truth["blocks"] == []
        assert [c["title"] for c in truth["cards"]] == [_norm(s.get_text()) for s in soup.select(".v2-title")]
    assert render("/2026-11-07/daily-ledger/", redesign) == render("/2026-11-07/daily-ledger/")


@pytest.mark.parametrize(
    "path",
    [
        "/2026-11-01/vestnik/",  # the day before the demo week
        "/2026-11-09/metro-wire/",
        "/2026-13-40/vestnik/",
        "/2026-11-03/unknown-outlet/",
        "/2026-11-03/vestnik/rss.xml",  # only metro-wire has a feed
        "/vestnik/news/2026/11/03/99999.html",
        "/rumour-mill/story/no-such-story",
        "/nothing-here",
    ],
)
def test_unknown_paths_are_404(path: str) -> None:
    status, headers, body = render(path)
    assert status == 404 and headers["Content-Type"] == "text/html; charset=utf-8" and body


def test_front_page_without_trailing_slash_redirects() -> None:
    status, headers, _ = render("/2026-11-03/vestnik")
    assert status == 301 and headers["Location"] == "/2026-11-03/vestnik/"


def test_robots_allows_everything() -> None:
    status, headers, body = render("/robots.txt")
    lines = body.decode().splitlines()
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert lines[0].startswith("#") and "User-agent: *" in lines and "Allow: /" in lines
    assert not any(line.startswith("Disallow: /") for line in lines)


def test_server_round_trip() -> None:
    server, base = serve_in_thread()
    try:
        assert base == f"http://127.0.0.1:{server.server_address[1]}"
        with urllib.request.urlopen(base + "/2026-11-03/vestnik/", timeout=5) as resp:
            body = resp.read()
            assert resp.status == 200 and resp.headers["Content-Type"] == "text/html"
            assert int(resp.headers["Content-Length"]) == len(body)
        assert body == render("/2026-11-03/vestnik/")[2]
        with urllib.request.urlopen(base + "/2026-11-03/metro-wire/rss.xml", timeout=5) as resp:
            assert base.encode() in resp.read()  # absolute links follow the served address
        with urllib.request.urlopen(base + "/2026-11-03/daily-ledger", timeout=5) as resp:
            assert resp.status == 200 and resp.url.endswith("/2026-11-03/daily-ledger/")  # redirect followed
        head = urllib.request.Request(base + "/robots.txt", method="HEAD")
        with urllib.request.urlopen(head, timeout=5) as resp:
            assert resp.status == 200 and resp.read() == b""
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + "/2026-11-20/vestnik/", timeout=5)
        assert err.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


def test_make_server_with_redesign_serves_the_new_look() -> None:
    server, base = serve_in_thread(redesign={"daily-ledger": date(2026, 11, 4)})
    try:
        with urllib.request.urlopen(base + "/2026-11-05/daily-ledger/", timeout=5) as resp:
            assert b'class="v2-card"' in resp.read()
        with urllib.request.urlopen(base + "/2026-11-03/daily-ledger/", timeout=5) as resp:
            assert b'class="most-read"' in resp.read()
    finally:
        server.shutdown()
        server.server_close()
