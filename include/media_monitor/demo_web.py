"""The bundled demo web: four synthetic news outlets served on loopback.

Pages are generated from code (``demo_content``) with fixed seeds, so every run serves the
same bytes: tests and demos can compare what the pipeline extracted with the ground truth the
generator placed (``truth_frontpage``, ``truth_article``). Standard library only.

URL scheme::

    /                                       index of outlets and days
    /robots.txt                             allows everything
    /{date}/{outlet}/                       front page on a demo day (2026-11-02 .. 2026-11-08)
    /{date}/metro-wire/rss.xml              RSS 2.0 feed of that day's metro-wire stories
    /vestnik/news/2026/11/03/51376.html     articles: stable paths, no day prefix
    /daily-ledger/world/2026/11/03/<slug>
    /metro-wire/story/<id>-<slug>
    /rumour-mill/story/<slug>

Run it with ``python -m media_monitor.demo_web --port 8765``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import threading
from collections.abc import Mapping
from datetime import date, datetime
from email.utils import format_datetime
from functools import lru_cache
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from media_monitor.demo_content import (
    DEMO_DAYS,
    DEMO_OUTLETS,
    FORUM_THREADS,
    LEDGER_SECTIONS,
    METRO_SECTIONS,
    THEMES,
    VESTNIK_TAGS,
    FrontPagePlan,
    PlannedBlock,
    StoryArticle,
    all_articles,
    articles_by_path,
    frontpage_plan,
    hash_path,
    outlet_articles,
    relative_time,
    vestnik_discussion,
)

__all__ = [
    "DEMO_DAYS",
    "DEMO_OUTLETS",
    "THEMES",
    "render",
    "make_server",
    "serve_in_thread",
    "main",
    "truth_frontpage",
    "truth_article",
    "article_paths",
    "frontpage_path",
]

log = logging.getLogger(__name__)

# The registry's demo entries point at this port unless MEDIAMON_DEMO_PORT says otherwise;
# absolute URLs (canonical, og:url, RSS links) use it when render() is called without a server.
DEFAULT_PORT = 8765
DEFAULT_BASE_URL = f"http://127.0.0.1:{DEFAULT_PORT}"

Redesign = Mapping[str, "date | str"]

_OUTLET_TITLES = {
    "vestnik": "Оборонный вестник",
    "daily-ledger": "The Daily Ledger",
    "metro-wire": "Metro Wire",
    "rumour-mill": "Rumour Mill",
}

# Static pages the front pages and articles link to, so every link on the demo web resolves.
_VESTNIK_NAV = (
    ("/vestnik/news/", "Новости"),
    ("/vestnik/articles/", "Статьи"),
    ("/vestnik/forum/", "Форум"),
    ("/vestnik/about", "О проекте"),
)
_LEDGER_NAV = tuple(
    (f"/daily-ledger/{slug}/", name)
    for slug, name in (
        ("world", "World"),
        ("politics", "Politics"),
        ("business", "Business"),
        ("science", "Science"),
        ("sport", "Sport"),
        ("culture", "Culture"),
    )
)
_METRO_NAV = tuple(
    (f"/metro-wire/section/{slug}", slug.capitalize())
    for slug in ("local", "politics", "business", "world", "science", "health", "sports", "arts")
)
_RUMOUR_NAV = (
    ("world-news-today", "World News Today"),
    ("latest-updates", "Latest Updates"),
    ("breaking-read-more", "Breaking: Read More"),
)
_RUMOUR_MENU = (
    ("top-stories-this-week", "Top Stories This Week"),
    ("local-news-roundup", "Local News Roundup"),
    ("trending-now", "Trending Now"),
)
_RUMOUR_FOOTER = (("about", "About us"), ("contact", "Contact"), ("tips", "Send us a tip"))


def _e(text: object) -> str:
    """Escape for an attribute value."""
    return escape(str(text), quote=True)


def _t(text: object) -> str:
    """Escape for element content: quotes stay literal, as most sites write them."""
    return escape(str(text), quote=False)


# --- Public helpers ------------------------------------------------------------------------


def frontpage_path(outlet: str, day: date) -> str:
    """``/2026-11-03/vestnik/``: the path of an outlet's front page on a demo day."""
    return f"/{day.isoformat()}/{outlet}/"


def article_paths(outlet: str | None = None) -> list[str]:
    """All article paths of the demo web (of one outlet if given)."""
    return [a.path for a in all_articles() if outlet is None or a.outlet == outlet]


def _redesign_key(redesign: Redesign | None) -> tuple[tuple[str, date], ...]:
    if not redesign:
        return ()
    items = []
    for outlet, when in redesign.items():
        items.append((outlet, when if isinstance(when, date) else date.fromisoformat(str(when))))
    return tuple(sorted(items))


def _is_redesigned(outlet: str, day: date, key: tuple[tuple[str, date], ...]) -> bool:
    return any(o == outlet and day >= since for o, since in key)


# --- Shared bits of markup ---------------------------------------------------------------


def _svg_placeholder(name: str) -> bytes:
    """A small deterministic picture, so image tags in the demo render in a browser."""
    h = hash_path(name)
    hue = h % 360
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">'
        f'<rect width="640" height="360" fill="hsl({hue},45%,55%)"/>'
        f'<circle cx="{160 + h % 320}" cy="{120 + h % 120}" r="{40 + h % 60}" fill="hsl({(hue + 40) % 360},50%,75%)"/>'
        "</svg>"
    ).encode()


def _json_ld(data: object) -> str:
    # "</" inside a script element would end it early: escape the slash as JSON allows.
    return json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")


def _vestnik_discussion_html(block: PlannedBlock) -> str:
    items = "\n".join(
        f'<li class="discussion-item"><span class="d-date">{_t(e.time_text)}</span> '
        f'<span class="d-count" title="Комментарии">{_t(e.count_text)}</span> '
        f'<a class="d-title" href="{_e(e.href)}">{_t(e.title)}</a></li>'
        for e in block.entries
    )
    return (
        '<div class="block discussion">\n'
        '<div class="block-head"><h3 class="block-title">Discussion</h3> '
        '<button type="button" class="update" onclick="return false;">Update</button></div>\n'
        f'<ul class="discussion-list">\n{items}\n</ul>\n</div>'
    )


def _vestnik_header() -> str:
    nav = " ".join(f'<li><a href="{href}">{_t(name)}</a></li>' for href, name in _VESTNIK_NAV)
    return (
        '<div class="header"><a class="logo" href="/vestnik/">Оборонный вестник</a>\n'
        f'<ul class="topmenu">{nav}</ul>\n'
        '<a class="login" href="/vestnik/login">Войти</a></div>'
    )


_VESTNIK_HEAD = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
    '<html xmlns="http://www.w3.org/1999/xhtml" lang="ru">\n<head>\n'
    # The only charset declaration: the HTTP header says just "text/html".
    '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251" />\n'
)
_VESTNIK_STYLE = (
    "<style>body{font:14px Tahoma,sans-serif;margin:0}.header{background:#2b3a1f;color:#fff;padding:8px}"
    ".header a{color:#fff}.topmenu{display:inline;list-style:none}.topmenu li{display:inline;margin:0 6px}"
    ".login{float:right}.content{display:flex}.main{flex:3;padding:10px}.sidebar{flex:1;padding:10px;"
    "background:#f2f2ea}.discussion-list{list-style:none;padding:0}.discussion-item{margin-bottom:8px}"
    ".d-date,.d-count{color:#777;font-size:11px;margin-right:6px}.news-time{color:#777;margin-right:6px}"
    "img{max-width:100%}</style>\n"
)


def _vestnik_short_time(article: StoryArticle, day: date) -> str:
    local = article.published_at
    return f"{local:%H:%M}" if local.date() == day else f"{local:%d.%m %H:%M}"


# --- Front pages ---------------------------------------------------------------------------


def _front_vestnik(plan: FrontPagePlan) -> str:
    lead, rest = plan.headlines[0], plan.headlines[1:]
    a = lead.article
    items = "\n".join(
        f'<li class="news-item"><span class="news-time">{_vestnik_short_time(h.article, plan.day)}</span> '
        f'<a class="news-title" href="{_e(h.article.path)}">{_t(h.article.title)}</a> '
        f'<span class="news-views" title="Просмотры">{h.article.views}</span></li>'
        for h in rest
    )
    return (
        _VESTNIK_HEAD
        + "<title>Оборонный вестник — новости ВПК, армии и флота</title>\n"
        + _VESTNIK_STYLE
        + "</head>\n<body>\n"
        + _vestnik_header()
        + f'\n<div class="date-line">{plan.day:%d.%m.%Y}</div>\n'
        + '<div class="content">\n<div class="main">\n<h2 class="section-head">Главное</h2>\n'
        + f'<div class="lead-news"><a href="{_e(a.path)}"><img src="{_e(a.image)}" alt="" /></a>\n'
        + f'<h2><a href="{_e(a.path)}">{_t(a.title)}</a></h2>\n'
        + f'<span class="news-time">{_vestnik_short_time(a, plan.day)}</span>\n</div>\n'
        + f'<ul class="news-list">\n{items}\n</ul>\n</div>\n'
        + f'<div class="sidebar">\n{_vestnik_discussion_html(plan.blocks[0])}\n</div>\n</div>\n'
        + '<div class="footer">© Оборонный вестник (демо). <a href="/vestnik/about">О проекте</a></div>\n'
        + "</body>\n</html>\n"
    )


def _front_ledger(plan: FrontPagePlan) -> str:
    parts: list[str] = []
    tops = [h for h in plan.headlines if h.block is None]
    lead = tops[0].article
    parts.append(
        '<section class="top-stories">\n<div class="lead-story">'
        f'<a class="media" href="{_e(lead.path)}"><img src="{_e(lead.image)}" alt=""></a>\n'
        f'<h2 class="headline headline--lead"><a href="{_e(lead.path)}">{_t(lead.title)}</a></h2>\n'
        f'<p class="standfirst">{_t(lead.description)}</p></div>\n<div class="secondary">'
    )
    for h in tops[1:]:
        a = h.article
        parts.append(
            f'<div class="story"><a class="media" href="{_e(a.path)}"><img src="{_e(a.image)}" alt=""></a>'
            f'<h3 class="headline"><a href="{_e(a.path)}">{_t(a.title)}</a></h3></div>'
        )
    parts.append("</div>\n</section>")
    blocks: dict[str, list[StoryArticle]] = {}
    for h in plan.headlines:
        if h.block is not None:
            blocks.setdefault(h.block, []).append(h.article)
    for name, stories in blocks.items():
        more = f"/daily-ledger/{stories[0].section}/" if name != "More news" else "/daily-ledger/world/"
        links = "\n".join(f'<li><a href="{_e(a.path)}">{_t(a.title)}</a></li>' for a in stories)
        parts.append(
            f'<section class="section-block"><h2 class="section-title">{_t(name)}</h2>\n<ul>\n{links}\n</ul>\n'
            f'<a class="more" href="{more}">More</a></section>'
        )
    most_read = plan.blocks[0]
    rows = "\n".join(
        f'<li><a href="{_e(e.href)}">{_t(e.title)}</a> <span class="reads">{_t(e.count_text)}</span></li>'
        for e in most_read.entries
    )
    nav = "".join(f'<li><a href="{href}">{name}</a></li>' for href, name in _LEDGER_NAV)
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        "<title>The Daily Ledger | News, sport and opinion</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<style>body{font-family:Georgia,serif;max-width:1100px;margin:auto}.secondary{display:grid;"
        "grid-template-columns:repeat(4,1fr);gap:12px}img{width:100%}.section-block{display:inline-block;"
        "vertical-align:top;width:32%}.most-read{border-top:3px solid #000}</style>\n</head>\n<body>\n"
        '<header><div class="masthead"><a href="/daily-ledger/">The Daily Ledger</a></div>\n'
        f'<p class="dateline">{plan.day:%A} {plan.day.day} {plan.day:%B %Y}</p>\n'
        f'<nav class="primary"><ul>{nav}</ul></nav></header>\n<main>\n'
        + "\n".join(parts)
        + f'\n<aside class="most-read"><h2>Most read</h2>\n<ol>\n{rows}\n</ol></aside>\n</main>\n'
        '<footer><a href="/daily-ledger/about">About us</a> <a href="/daily-ledger/privacy">Privacy</a> '
        '<a href="/daily-ledger/newsletters">Newsletters</a></footer>\n</body>\n</html>\n'
    )


def _metro_card(index: int, h: Any, snapshot: datetime) -> str:
    a = h.article
    tag = "h2" if h.is_lead else "h3"
    media = (
        f'<a class="card-media" href="{_e(a.path)}" tabindex="-1"><img src="{_e(a.image)}" alt=""></a>'
        if h.has_image
        else ""
    )
    dek = f'<p class="dek">{_t(a.description)}</p>' if index < 4 else ""
    return (
        f'<article class="card{" card--lead" if h.is_lead else ""}">{media}'
        f'<{tag} class="card-title"><a href="{_e(a.path)}">{_t(a.title)}</a></{tag}>{dek}'
        f'<p class="card-meta"><span class="byline">By {_t(" and ".join(a.authors))}</span> · '
        f'<time datetime="{a.published_at.isoformat()}">{relative_time(snapshot - a.published_at)}</time></p>'
        "</article>"
    )


def _front_metro(plan: FrontPagePlan, base: str) -> str:
    cards = "\n".join(_metro_card(i, h, plan.snapshot) for i, h in enumerate(plan.headlines))
    trending = "\n".join(
        f'<li><a href="{_e(e.href)}">{_t(e.title)}</a> <span class="trend-meta"><span class="ago">'
        f'{_t(e.time_text)}</span> · <span class="shares">{_t(e.count_text)}</span></span></li>'
        for e in plan.blocks[0].entries
    )
    item_list = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": h.rank, "url": base + h.article.path, "name": h.article.title}
            for h in plan.headlines
        ],
    }
    nav = " ".join(f'<a href="{href}">{name}</a>' for href, name in _METRO_NAV)
    day = plan.day.isoformat()
    return (
        '<!doctype html>\n<html lang="en-US">\n<head>\n<meta charset="utf-8">\n'
        "<title>Metro Wire — News for Kestrel Bay and beyond</title>\n"
        f'<link rel="canonical" href="{base}/{day}/metro-wire/">\n'
        f'<link rel="alternate" type="application/rss+xml" title="Metro Wire" href="/{day}/metro-wire/rss.xml">\n'
        '<meta property="og:site_name" content="Metro Wire">\n<meta property="og:type" content="website">\n'
        f'<script type="application/ld+json">{_json_ld(item_list)}</script>\n'
        "<style>body{font-family:Helvetica,Arial,sans-serif;margin:0}.layout{display:flex;gap:24px;padding:16px}"
        ".river{flex:3}.trending{flex:1;background:#f5f7fa;padding:12px}.card{border-bottom:1px solid #ddd;"
        "padding:8px 0}img{max-width:320px}</style>\n</head>\n<body>\n"
        f'<header class="site-header"><a class="brand" href="/metro-wire/">Metro Wire</a>\n'
        f'<nav class="sections">{nav}</nav></header>\n<div class="layout">\n<main class="river">\n{cards}\n</main>\n'
        f'<aside class="trending"><h2>Trending</h2>\n<ol>\n{trending}\n</ol></aside>\n</div>\n'
        '<footer><a href="/metro-wire/about">About</a> <a href="rss.xml">RSS</a> '
        '<a href="/metro-wire/newsletters">Newsletters</a> <a href="/metro-wire/privacy">Privacy</a></footer>\n'
        "</body>\n</html>\n"
    )


def _rumour_href(path: str, style: int) -> str:
    # Relative to /{date}/rumour-mill/: "../../" climbs to the root, so every form resolves
    # to the same stable article path (plus tracking parameters an extractor should drop).
    slug_path = path.lstrip("/")
    return (f"../../{slug_path}", path, f"../../{slug_path}?utm_source=home")[style % 3]


def _front_rumour(plan: FrontPagePlan) -> str:
    items: list[str] = []
    for h in plan.headlines:
        a = h.article
        style = hash_path(f"{plan.day}{a.path}") % 3
        items.append(
            f'<li><a href="../../{_t(a.path.lstrip("/"))}"><img src="{_e(a.image)}" width="120" alt=""></a>\n'
            f'<a class="story" href="{_e(_rumour_href(a.path, style))}">{_t(a.title)}</a>\n'
            f'<p class="teaser">{_t(a.description[:140].rsplit(" ", 1)[0])}... '
            f'<a href="{_e(a.path)}?utm_source=home#comments">{a.comments} comments</a>'
        )
        if h.rank == 4:
            # Ad slot mid-list, written by a script full of markup-looking strings.
            items.append(
                '<script>\nvar slot = \'<div class="ad"><a class="story" href="/rumour-mill/ads/click">'
                "Sponsored: You will not believe this one trick<\\/a><\\/div>';\n"
                "if (window.showAds) { document.write(slot); }\n</script>"
            )
    popular = "\n".join(
        f'<li><a href="../../{_t(e.href.lstrip("/"))}?utm_source=popular">{_t(e.title)}</a> {_t(e.count_text)}'
        for e in plan.blocks[0].entries
    )
    nav = " | ".join(f'<a href="../../rumour-mill/{slug}">{name}</a>' for slug, name in _RUMOUR_NAV)
    menu = "".join(f'<li><a href="../../rumour-mill/{slug}">{name}</a>' for slug, name in _RUMOUR_MENU)
    footer = " ".join(f'<a href="../../rumour-mill/{slug}">{name}</a>' for slug, name in _RUMOUR_FOOTER)
    return (
        "<html>\n<head>\n<title>Rumour Mill - you heard it here first</title>\n"
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        "<script>\nwindow.dataLayer = window.dataLayer || [];\n"
        'var promo = \'<div class="storylist"><a class="story" href="/rumour-mill/subscribe">'
        "Subscribe for more gossip!<\\/a><\\/div>';\n"
        "function acceptCookies(){ document.getElementById('cookie-banner').style.display='none'; }\n</script>\n"
        "<style>body{font-family:Verdana,sans-serif;background:#fffbe6}#cookie-banner{background:#333;color:#fff;"
        "padding:6px}.storylist li{margin:10px 0}.sidebar{float:right;width:30%}</style>\n</head>\n<body>\n"
        '<div id="cookie-banner" class="cookie">We use cookies to make the gossip tastier. '
        '<a href="../../rumour-mill/privacy">Read our privacy policy</a> '
        '<a href="../../rumour-mill/cookies">Cookie settings</a> '
        '<button onclick="acceptCookies()">Accept all</button></div>\n'
        f"<nav>{nav}</nav>\n"
        f'<div class="menu"><ul>{menu}</ul></div>\n'
        '<h1 class="logo"><a href="./">Rumour Mill</a></h1>\n'
        f'<p class="tagline">You heard it here first. Updated {plan.day:%b} {plan.day.day}, {plan.day.year}\n'
        '<div class="sidebar"><h4>Popular</h4>\n<ol>\n' + popular + "\n</ol>\n</div>\n"
        '<div class="storylist">\n<ul>\n' + "\n".join(items) + "\n</ul>\n</div>\n"
        f'<div class="footer"><div class="footer-links">{footer}\n'
        "<p>(c) Rumour Mill. Nothing here is checked, that's the fun.\n"
        "</body>\n</html>\n"
    )


def _front_redesigned(plan: FrontPagePlan) -> str:
    """The "new look": cards with onclick navigation and no <a> links, no sidebar."""
    cards = "\n".join(
        f'<div class="v2-card" data-target="{_e(h.article.path)}" onclick="go(this)" role="link" tabindex="0">'
        f'<span class="v2-kicker">{_t(h.article.section)}</span><span class="v2-title">{_t(h.article.title)}</span></div>'
        for h in plan.headlines
    )
    head = (
        _VESTNIK_HEAD
        if plan.outlet == "vestnik"
        else '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    )
    return (
        head + f"<title>{_t(_OUTLET_TITLES[plan.outlet])}</title>\n"
        "<script>function go(el){ window.location.href = el.getAttribute('data-target'); }</script>\n"
        "<style>.v2-grid{display:grid;grid-template-columns:repeat(3,1fr);gap:16px}.v2-card{cursor:pointer;"
        "padding:12px;box-shadow:0 1px 4px #0003}.v2-title{display:block;font-weight:600}</style>\n</head>\n<body>\n"
        f'<div id="app" class="feed-v2"><header class="v2-header"><span class="brand">'
        f"{_t(_OUTLET_TITLES[plan.outlet])}</span></header>\n"
        f'<div class="v2-grid">\n{cards}\n</div></div>\n</body>\n</html>\n'
    )


def _rss_metro(plan: FrontPagePlan, base: str) -> str:
    day = plan.day.isoformat()
    items = []
    for h in sorted(plan.headlines, key=lambda h: h.article.published_at, reverse=True):
        a = h.article
        creators = "".join(f"<dc:creator>{_t(name)}</dc:creator>" for name in a.authors)
        items.append(
            f"<item><title>{_t(a.title)}</title><link>{base}{a.path}</link>"
            f'<guid isPermaLink="true">{base}{a.path}</guid>'
            f"<pubDate>{format_datetime(a.published_at)}</pubDate>{creators}"
            f"<category>{_t(a.section.capitalize())}</category>"
            f"<description>{_t(a.description)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        f"<channel>\n<title>Metro Wire</title>\n<link>{base}/{day}/metro-wire/</link>\n"
        "<description>Top stories from Metro Wire</description>\n<language>en-us</language>\n"
        f"<lastBuildDate>{format_datetime(plan.snapshot)}</lastBuildDate>\n"
        f'<atom:link href="{base}/{day}/metro-wire/rss.xml" rel="self" type="application/rss+xml"/>\n'
        + "\n".join(items)
        + "\n</channel>\n</rss>\n"
    )


# --- Article pages -------------------------------------------------------------------------


def _article_vestnik(a: StoryArticle) -> str:
    body = "\n".join(f"<p>{_t(p)}</p>" for p in a.paragraphs)
    tags = [VESTNIK_TAGS[a.event.section]] + ([VESTNIK_TAGS[a.event.theme]] if a.event.theme else [])
    mentions = "".join(f'<li><a href="/vestnik/tags/{tag_id}/">{_t(name)}</a></li>' for tag_id, name in tags)
    return (
        _VESTNIK_HEAD
        + f"<title>{_t(a.title)} | Оборонный вестник</title>\n"
        + f'<meta name="article:published_time" content="{a.published_at.isoformat()}" />\n'
        + _VESTNIK_STYLE
        + "</head>\n<body>\n"
        + _vestnik_header()
        + '\n<div class="content">\n<div class="main">\n<div class="article">\n'
        + f"<h1>{_t(a.title)}</h1>\n"
        + '<div class="counters">'
        + f'<span class="views" title="Просмотры">{a.views}</span> '
        + f'<span class="comments-count" title="Комментарии">{a.comments}</span> '
        + f'<span class="rating" title="Рейтинг">{a.rating}</span></div>\n'
        + f'<div class="pubdate">{a.published_at:%d.%m.%Y %H:%M}</div>\n'
        + f'<div class="article-image"><img src="{_e(a.image)}" alt="" />\n'
        + f'<div class="image-source">{_t(a.image_credit)}</div></div>\n'
        + f'<div class="article-text">\n{body}\n<p class="author">{_t(a.authors[0])}</p>\n</div>\n'
        + '<div class="rights">The rights to this material belong to Оборонный вестник<br />\n'
        + "The material is placed by the copyright holder in the public domain</div>\n"
        + f'<ul class="mentions"><li class="mentions-title">The news mentions</li>{mentions}</ul>\n'
        + '<div class="comment-prompt" id="comments">Do you want to leave a comment? '
        + '<a href="/vestnik/register">Register</a> and/or <a href="/vestnik/login">Log in</a></div>\n'
        + '<div class="subscribe"><div class="subscribe-title">ПОДПИСКА НА НОВОСТИ</div>\n'
        + "<p>Ежедневная рассылка новостей ВПК на электронный почтовый ящик</p>\n"
        + '<form method="post" action="/vestnik/subscribe"><input type="email" name="email" placeholder="E-mail" />'
        + '<button type="submit">Подписаться</button></form></div>\n'
        + "</div>\n</div>\n"
        # The sidebar as it stood on the day of publication: the page never changes afterwards.
        + f'<div class="sidebar">\n{_vestnik_discussion_html(vestnik_discussion(a.day))}\n</div>\n</div>\n'
        + "</body>\n</html>\n"
    )


def _article_ledger(a: StoryArticle, base: str) -> str:
    body = "\n".join(f"<p>{_t(p)}</p>" for p in a.paragraphs)
    byline = " and ".join(f'<span class="author">{_t(n)}</span>' for n in a.authors)
    shown = f"{a.published_at:%a} {a.published_at.day} {a.published_at:%b %Y %H.%M %Z}"
    nav = "".join(f'<li><a href="{href}">{name}</a></li>' for href, name in _LEDGER_NAV)
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_t(a.title)} | The Daily Ledger</title>\n"
        f'<meta name="description" content="{_e(a.description)}">\n'
        f'<link rel="canonical" href="{base}{a.path}">\n</head>\n<body>\n'
        '<header><div class="masthead"><a href="/daily-ledger/">The Daily Ledger</a></div>\n'
        f'<nav class="primary"><ul>{nav}</ul></nav></header>\n<main>\n<article class="story">\n'
        f'<p class="kicker"><a href="/daily-ledger/{a.section}/">{_t(a.section.capitalize())}</a></p>\n'
        f"<h1>{_t(a.title)}</h1>\n"
        f'<p class="byline">By {byline}</p>\n'
        f'<p class="dateline"><time datetime="{a.published_at.isoformat()}">{shown}</time></p>\n'
        f'<figure><img src="{_e(a.image)}" alt=""><figcaption>{_t(a.image_credit)}</figcaption></figure>\n'
        f'<div class="article-body">\n{body}\n</div>\n</article>\n</main>\n'
        '<footer><a href="/daily-ledger/about">About us</a> <a href="/daily-ledger/privacy">Privacy</a></footer>\n'
        "</body>\n</html>\n"
    )


def _metro_related(a: StoryArticle) -> StoryArticle | None:
    earlier = [o for o in outlet_articles("metro-wire") if o.published_at < a.published_at]
    same = [o for o in earlier if o.section == a.section]
    pool = same or earlier
    return pool[-1] if pool else None


def _article_metro(a: StoryArticle, base: str) -> str:
    url = base + a.path
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "description": a.description,
        "author": [{"@type": "Person", "name": n} for n in a.authors],
        "datePublished": a.published_at.isoformat(),
        "dateModified": a.published_at.isoformat(),
        "articleSection": a.section.capitalize(),
        "inLanguage": "en-US",
        "image": [base + a.image],
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "publisher": {
            "@type": "Organization",
            "name": "Metro Wire",
            "logo": {"@type": "ImageObject", "url": base + "/static/img/metro-wire-logo.svg"},
        },
    }
    paragraphs = [f"<p>{_t(p)}</p>" for p in a.paragraphs]
    related = _metro_related(a)
    if related is not None and len(paragraphs) > 3:
        # Boilerplate inside the body, as real outlets do: an extractor should leave it out.
        paragraphs.insert(
            3,
            f'<aside class="related"><strong>Related:</strong> '
            f'<a href="{_e(related.path)}">{_t(related.title)}</a></aside>',
        )
    paragraphs.append(
        '<div class="newsletter-promo">Get the Morning Wire in your inbox. '
        '<a href="/metro-wire/newsletters">Sign up</a></div>'
    )
    local = a.published_at
    hour = local.hour % 12 or 12
    shown = f"{local:%b}. {local.day}, {local.year}, {hour}:{local:%M} {'a.m.' if local.hour < 12 else 'p.m.'} ET"
    nav = " ".join(f'<a href="{href}">{name}</a>' for href, name in _METRO_NAV)
    return (
        '<!doctype html>\n<html lang="en-US">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_t(a.title)} - Metro Wire</title>\n"
        f'<link rel="canonical" href="{_e(url)}">\n'
        f'<meta name="description" content="{_e(a.description)}">\n'
        f'<meta property="og:title" content="{_e(a.title)}">\n'
        f'<meta property="og:url" content="{_e(url)}">\n'
        '<meta property="og:type" content="article">\n'
        '<meta property="og:site_name" content="Metro Wire">\n'
        f'<meta property="og:description" content="{_e(a.description)}">\n'
        f'<meta property="og:image" content="{_e(base + a.image)}">\n'
        f'<meta property="article:published_time" content="{a.published_at.isoformat()}">\n'
        f'<meta property="article:section" content="{_e(a.section.capitalize())}">\n'
        f'<script type="application/ld+json">{_json_ld(ld)}</script>\n</head>\n<body>\n'
        f'<header class="site-header"><a class="brand" href="/metro-wire/">Metro Wire</a>\n'
        f'<nav class="sections">{nav}</nav></header>\n<main>\n<article class="story">\n'
        f"<h1>{_t(a.title)}</h1>\n"
        f'<div class="byline">By {_t(" and ".join(a.authors))}</div>\n'
        f'<time class="published" datetime="{a.published_at.isoformat()}">{shown}</time>\n'
        f'<figure><img src="{_e(a.image)}" alt=""><figcaption class="credit">{_t(a.image_credit)}</figcaption>'
        "</figure>\n"
        f'<div class="article-body">\n' + "\n".join(paragraphs) + "\n</div>\n</article>\n</main>\n"
        '<footer><a href="/metro-wire/about">About</a> <a href="/metro-wire/privacy">Privacy</a></footer>\n'
        "</body>\n</html>\n"
    )


_RUMOUR_COMMENTERS = ("sk8rgrl", "old_tom", "kbay_local", "nosy_neighbour", "realist42", "gg_wp")
_RUMOUR_COMMENTS = (
    "First!",
    "Called it weeks ago.",
    "Source?",
    "This is why I read this site.",
    "Not sure I believe a word of this lol",
    "My cousin works there and says it's worse.",
)


def _article_rumour(a: StoryArticle) -> str:
    # Messy on purpose: unclosed <p>, a script between paragraphs, comments below the story.
    paragraphs = [f"<p>{_t(p)}" for p in a.paragraphs]
    paragraphs.insert(
        min(2, len(paragraphs)), "<script>var inline_ad = '<p class=\"ad\">Advertisement<\\/p>';</script>"
    )
    rng_seed = hash_path(a.path)
    comments = "\n".join(
        f"<li><b>{_RUMOUR_COMMENTERS[(rng_seed + i) % len(_RUMOUR_COMMENTERS)]}</b>: "
        f"{_t(_RUMOUR_COMMENTS[(rng_seed // 7 + i) % len(_RUMOUR_COMMENTS)])}"
        for i in range(min(3, a.comments or 0))
    )
    nav = " | ".join(f'<a href="../{slug}">{name}</a>' for slug, name in _RUMOUR_NAV)
    return (
        "<html>\n<head>\n<title>" + _t(a.title) + " :: Rumour Mill</title>\n"
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n</head>\n<body>\n'
        f'<nav><a href="../">Home</a> | {nav}</nav>\n'
        '<div class="post">\n'
        f'<h1 class="post-title">{_t(a.title)}</h1>\n'
        f'<div class="meta">Posted by {_t(a.authors[0])} on '
        f'<span class="date">{a.published_at:%b} {a.published_at.day}, {a.published_at.year}</span> | '
        f'<a href="#comments">{a.comments} comments</a></div>\n'
        f'<img src="{_e(a.image)}" alt="">\n'
        '<div class="post-body">\n' + "\n".join(paragraphs) + "\n</div>\n"
        f'<div id="comments"><h3>{a.comments} comments</h3>\n<ul>\n{comments}\n</ul>\n</div>\n'
        '<div class="footer"><a href="../about">About us</a> <a href="../tips">Send us a tip</a>\n'
        "</body>\n</html>\n"
    )


# --- Static pages, index and robots -----------------------------------------------------------


@lru_cache(maxsize=1)
def _static_pages() -> dict[str, tuple[str, str, str]]:
    """path -> (outlet, title, body text) for every non-article page the demo links to."""
    pages: dict[str, tuple[str, str, str]] = {}
    for outlet in DEMO_OUTLETS:
        pages[f"/{outlet}/"] = (outlet, _OUTLET_TITLES[outlet], "")
    for href, name in _VESTNIK_NAV:
        pages[href] = ("vestnik", name, "Раздел в демо-версии не наполнен.")
    pages["/vestnik/login"] = ("vestnik", "Войти", "Вход для зарегистрированных пользователей.")
    pages["/vestnik/register"] = ("vestnik", "Регистрация", "Регистрация в демо-версии отключена.")
    for tag_id, name in set(VESTNIK_TAGS.values()):
        pages[f"/vestnik/tags/{tag_id}/"] = ("vestnik", name, "Материалы по теме.")
    for thread in FORUM_THREADS:
        pages[thread.path] = ("vestnik", thread.title, "Тема форума. Последние сообщения скрыты в демо-версии.")
    for href, name in _LEDGER_NAV:
        pages[href] = ("daily-ledger", name, f"The latest {name.lower()} news from The Daily Ledger.")
    for slug in set(LEDGER_SECTIONS.values()):
        pages.setdefault(f"/daily-ledger/{slug}/", ("daily-ledger", slug.capitalize(), "Section archive."))
    for slug, name in (("about", "About us"), ("privacy", "Privacy"), ("newsletters", "Newsletters")):
        pages[f"/daily-ledger/{slug}"] = ("daily-ledger", name, "A page of The Daily Ledger.")
        pages[f"/metro-wire/{slug}"] = ("metro-wire", name, "A page of Metro Wire.")
    for href, name in _METRO_NAV:
        pages[href] = ("metro-wire", name, f"{name} coverage from Metro Wire.")
    for slug in set(METRO_SECTIONS.values()):
        pages.setdefault(f"/metro-wire/section/{slug}", ("metro-wire", slug.capitalize(), "Section front."))
    for slug, name in (
        *_RUMOUR_NAV,
        *_RUMOUR_MENU,
        *_RUMOUR_FOOTER,
        ("privacy", "Privacy policy"),
        ("cookies", "Cookie settings"),
    ):
        pages[f"/rumour-mill/{slug}"] = ("rumour-mill", name, "Nothing to see here. Yet.")
    return pages


def _static_html(path: str, outlet: str, title: str, text: str) -> str:
    if path == f"/{outlet}/":
        links = "\n".join(f'<li><a href="{frontpage_path(outlet, d)}">{d.isoformat()}</a></li>' for d in DEMO_DAYS)
        text_html = f"<p>Front pages of the demo week:</p>\n<ul>\n{links}\n</ul>"
    else:
        text_html = f"<p>{_t(text)}</p>"
    head = (
        _VESTNIK_HEAD if outlet == "vestnik" else '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    )
    return (
        head + f"<title>{_t(title)} | {_t(_OUTLET_TITLES[outlet])}</title>\n</head>\n<body>\n"
        f'<p><a href="/{outlet}/">{_t(_OUTLET_TITLES[outlet])}</a></p>\n<h1>{_t(title)}</h1>\n{text_html}\n'
        "</body>\n</html>\n"
    )


def _index_html() -> str:
    rows = []
    for outlet in DEMO_OUTLETS:
        cells = " ".join(f'<a href="{frontpage_path(outlet, d)}">{d:%a %d %b}</a>' for d in DEMO_DAYS)
        rows.append(f"<li><b>{_t(_OUTLET_TITLES[outlet])}</b> ({outlet}): {cells}</li>")
    feeds = " ".join(f'<a href="/{d.isoformat()}/metro-wire/rss.xml">{d:%d %b}</a>' for d in DEMO_DAYS)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Media Monitor demo web</title>\n'
        "</head>\n<body>\n<h1>Media Monitor demo web</h1>\n"
        "<p>Four synthetic outlets, one demo week. Generated from code: nothing here is real news.</p>\n"
        "<ul>\n" + "\n".join(rows) + f"\n</ul>\n<p>Metro Wire RSS: {feeds}</p>\n"
        '<p><a href="/robots.txt">robots.txt</a></p>\n</body>\n</html>\n'
    )


_ROBOTS = (
    "# Media Monitor demo web: synthetic pages generated for demos and tests.\n"
    "# Everything may be crawled.\n"
    "User-agent: *\n"
    "Allow: /\n"
)

_HTML_UTF8 = "text/html; charset=utf-8"
_FRONT_RE = re.compile(r"^/(\d{4}-\d{2}-\d{2})/([a-z-]+)(/?)(rss\.xml)?$")
_IMG_RE = re.compile(r"^/static/img/([a-z0-9-]+)\.svg$")


# --- Routing ---------------------------------------------------------------------------------


def _page(status: int, content_type: str, text: str | bytes, encoding: str = "utf-8") -> tuple[int, tuple, bytes]:
    body = text if isinstance(text, bytes) else text.encode(encoding)
    return status, (("Content-Type", content_type), ("Content-Length", str(len(body)))), body


def _not_found(path: str) -> tuple[int, tuple, bytes]:
    return _page(
        404,
        _HTML_UTF8,
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>404 Not Found</title>'
        f"</head><body><h1>Not Found</h1><p>{_t(path)}</p></body></html>\n",
    )


def _demo_day(text: str) -> date | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if day in DEMO_DAYS else None


@lru_cache(maxsize=4096)
def _render_cached(path: str, redesign: tuple[tuple[str, date], ...], base: str) -> tuple[int, tuple, bytes]:
    if path == "/":
        return _page(200, _HTML_UTF8, _index_html())
    if path == "/robots.txt":
        return _page(200, "text/plain; charset=utf-8", _ROBOTS)
    if m := _IMG_RE.match(path):
        return _page(200, "image/svg+xml", _svg_placeholder(m.group(1)))

    if m := _FRONT_RE.match(path):
        day, outlet = _demo_day(m.group(1)), m.group(2)
        if day is None or outlet not in DEMO_OUTLETS:
            return _not_found(path)
        if m.group(4):  # the RSS feed
            if outlet != "metro-wire" or not m.group(3):
                return _not_found(path)
            return _page(200, "application/rss+xml; charset=utf-8", _rss_metro(frontpage_plan(outlet, day), base))
        if not m.group(3):  # "/2026-11-03/vestnik": send the browser to the canonical slash form
            location = path + "/"
            return 301, (("Location", location), ("Content-Type", _HTML_UTF8), ("Content-Length", "0")), b""
        plan = frontpage_plan(outlet, day)
        if _is_redesigned(outlet, day, redesign):
            html = _front_redesigned(plan)
        elif outlet == "vestnik":
            html = _front_vestnik(plan)
        elif outlet == "daily-ledger":
            html = _front_ledger(plan)
        elif outlet == "metro-wire":
            html = _front_metro(plan, base)
        else:
            html = _front_rumour(plan)
        if outlet == "vestnik":
            return _page(200, "text/html", html, "cp1251")
        return _page(200, _HTML_UTF8, html)

    article = articles_by_path().get(path)
    if article is not None:
        if article.outlet == "vestnik":
            return _page(200, "text/html", _article_vestnik(article), "cp1251")
        if article.outlet == "daily-ledger":
            return _page(200, _HTML_UTF8, _article_ledger(article, base))
        if article.outlet == "metro-wire":
            return _page(200, _HTML_UTF8, _article_metro(article, base))
        return _page(200, _HTML_UTF8, _article_rumour(article))

    static = _static_pages().get(path)
    if static is not None:
        outlet, title, text = static
        html = _static_html(path, outlet, title, text)
        if outlet == "vestnik":
            return _page(200, "text/html", html, "cp1251")
        return _page(200, _HTML_UTF8, html)
    return _not_found(path)


def render(
    path: str, redesign: Redesign | None = None, *, base_url: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body for a request path (a query string and fragment are ignored).

    Args:
        path: request path such as ``/2026-11-03/vestnik/`` (a full URL is accepted too).
        redesign: outlet -> first day its front page uses the redesigned markup.
        base_url: scheme://host:port used in absolute URLs (canonical, og:url, RSS links).
    """
    clean = unquote(urlsplit(path).path) or "/"
    status, headers, body = _render_cached(clean, _redesign_key(redesign), (base_url or DEFAULT_BASE_URL).rstrip("/"))
    return status, dict(headers), body


# --- Ground truth ------------------------------------------------------------------------------


def truth_frontpage(outlet: str, day: date, redesign: Redesign | None = None) -> dict[str, Any]:
    """What the generator placed on a front page, for comparing with an extractor's output.

    Titles are the visible link texts; urls are absolute paths with query and fragment removed
    (rumour-mill writes relative links with tracking parameters, vestnik replies "#comments").
    A redesigned page has no headline links and no sidebar: ``headlines`` and ``blocks`` are
    empty and ``cards`` lists what the onclick cards show.
    """
    if day not in DEMO_DAYS:
        raise KeyError(f"{day} is not a demo day")
    plan = frontpage_plan(outlet, day)
    headlines = [
        {
            "title": h.article.title,
            "url": h.article.path,
            "rank": h.rank,
            "block": h.block,
            "is_lead": h.is_lead,
            "has_image": h.has_image,
        }
        for h in plan.headlines
    ]
    blocks = [
        {
            "name": b.name,
            "kind": b.kind,
            "entries": [
                {
                    "rank": e.rank,
                    "title": e.title,
                    "url": e.url,
                    "time_text": e.time_text,
                    "count": e.count,
                    "shown_at": e.shown_at,
                }
                for e in b.entries
            ],
        }
        for b in plan.blocks
    ]
    truth: dict[str, Any] = {
        "outlet": outlet,
        "day": day,
        "url": frontpage_path(outlet, day),
        "snapshot": plan.snapshot,
        "redesigned": False,
    }
    if _is_redesigned(outlet, day, _redesign_key(redesign)):
        truth.update(
            redesigned=True, headlines=[], blocks=[], cards=[{"title": h["title"], "url": h["url"]} for h in headlines]
        )
    else:
        truth.update(headlines=headlines, blocks=blocks)
    return truth


def truth_article(path: str) -> dict[str, Any]:
    """What an article page shows: title, authors, aware ``published_at``, body paragraphs...

    ``body_paragraphs`` are the story's paragraphs only: not the author line, image credit,
    related links, newsletter promos, ads or comments. ``views``/``comments`` are None where
    the outlet shows no such counter.
    """
    article = articles_by_path().get(unquote(urlsplit(path).path))
    if article is None:
        raise KeyError(f"no demo article at {path}")
    return {
        "url": article.path,
        "outlet": article.outlet,
        "title": article.title,
        "authors": list(article.authors),
        "published_at": article.published_at,
        "body_paragraphs": list(article.paragraphs),
        "language": article.language,
        "views": article.views,
        "comments": article.comments,
        "rating": article.rating,
        "image_credit": article.image_credit,
        "description": article.description,
        "section": article.section,
        "event": article.event.key,
        "theme": article.event.theme,
        "terms": list(article.terms),
    }


# --- Server ------------------------------------------------------------------------------------

_HOST_RE = re.compile(r"^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$")


class DemoServer(ThreadingHTTPServer):
    """ThreadingHTTPServer carrying the demo's settings for its handlers."""

    daemon_threads = True  # a stuck client must not keep the process (or a test run) alive

    def __init__(self, address: tuple[str, int], redesign: Redesign | None, log_requests: bool) -> None:
        self.redesign = dict(redesign or {})
        self.log_requests = log_requests
        super().__init__(address, _DemoHandler)

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class _DemoHandler(BaseHTTPRequestHandler):
    server: DemoServer
    server_version = "MediaMonitorDemo/1.0"
    timeout = 15  # seconds a silent client may hold a worker thread

    # http.server dispatches to do_<METHOD>, hence the upper-case names.
    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def _respond(self, with_body: bool) -> None:
        host = self.headers.get("Host", "")
        # Absolute links follow the address the client used (localhost vs 127.0.0.1).
        base = f"http://{host}" if _HOST_RE.match(host) else self.server.base_url
        status, headers, body = render(self.path, self.server.redesign, base_url=base)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(body)
        if self.server.log_requests:
            log.info('%s "%s" %d %d', self.address_string(), self.requestline, status, len(body))

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Silenced: _respond logs each request once, with the body size."""

    def log_message(self, format: str, *args: Any) -> None:
        # Still reached for malformed requests and timeouts.
        if self.server.log_requests:
            log.info("%s %s", self.address_string(), format % args)


def make_server(
    port: int = 0, host: str = "127.0.0.1", redesign: Redesign | None = None, *, log_requests: bool = False
) -> DemoServer:
    """A ready (not yet serving) demo server; port 0 picks a free port (see ``server_address``)."""
    return DemoServer((host, port), redesign, log_requests)


def serve_in_thread(port: int = 0, redesign: Redesign | None = None) -> tuple[DemoServer, str]:
    """Start a demo server in a daemon thread; returns it and its base URL. Call ``shutdown()``."""
    server = make_server(port, redesign=redesign)
    thread = threading.Thread(target=server.serve_forever, name="demo-web", daemon=True)
    thread.start()
    return server, server.base_url


def _parse_redesign(values: list[str]) -> dict[str, date]:
    out: dict[str, date] = {}
    for value in values:
        outlet, sep, when = value.partition("=")
        if not sep or outlet not in DEMO_OUTLETS:
            raise argparse.ArgumentTypeError(f"--redesign expects OUTLET=YYYY-MM-DD, got {value!r}")
        out[outlet] = date.fromisoformat(when)
    return out


def main(argv: list[str] | None = None) -> int:
    """Serve the demo web until interrupted, logging one line per request."""
    parser = argparse.ArgumentParser(prog="python -m media_monitor.demo_web", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("MEDIAMON_DEMO_PORT", DEFAULT_PORT)),
        help="TCP port (default: $MEDIAMON_DEMO_PORT or 8765, as include/outlets.yaml expects)",
    )
    parser.add_argument("--host", default="127.0.0.1", help="bind address (keep loopback: the demo is local only)")
    parser.add_argument(
        "--redesign",
        action="append",
        default=[],
        metavar="OUTLET=YYYY-MM-DD",
        help="from that day on, serve the outlet's redesigned front page (repeatable)",
    )
    args = parser.parse_args(argv)
    try:
        redesign = _parse_redesign(args.redesign)
    except (argparse.ArgumentTypeError, ValueError) as exc:
        parser.error(str(exc))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    server = make_server(args.port, args.host, redesign, log_requests=True)
    log.info(
        "demo web on %s/ (days %s .. %s; outlets %s)",
        server.base_url,
        DEMO_DAYS[0],
        DEMO_DAYS[-1],
        ", ".join(DEMO_OUTLETS),
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        log.info("stopping")
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
