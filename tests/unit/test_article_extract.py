from __future__ import annotations

import gzip
import json
import logging
import random
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from media_monitor.evaluate import default_corpus
from media_monitor.extract import evidence as evidence_mod
from media_monitor.extract import frontpage as frontpage_mod
from media_monitor.extract import markup as markup_mod
from media_monitor.extract import titles as titles_mod
from media_monitor.extract.article import extract_article
from media_monitor.extract.encoding import decode_html
from media_monitor.extract.language import detect_language
from media_monitor.extract.names import clean_authors
from media_monitor.registry import Outlet

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"
# The shared corpus next to the checkout, or wherever MEDIAMON_CORPUS points.
CORPUS = default_corpus()
FETCHED = datetime(2026, 11, 4, 8, 0, tzinfo=UTC)


def _outlet(name: str, tz: str, languages: tuple[str, ...], domain: str) -> Outlet:
    return Outlet(name=name, title=name, url=f"https://{domain}/", languages=languages, timezone=tz,
                  allowed_domains=(domain,))


def _load(name: str) -> str:
    html, _ = decode_html((FIXTURES / name).read_bytes(), None)
    return html


def test_jsonld_article() -> None:
    outlet = _outlet("courier", "Europe/London", ("en",), "courier.example")
    url = "https://www.courier.example/news/2026/11/03/harbour-strike-second-week?utm_medium=social"
    a = extract_article(_load("article_en_jsonld.html"), url, outlet, fetched_at=FETCHED)
    assert a.title == "Harbour strike enters second week"  # " | Kestrel Bay Courier" stripped
    # JSON-LD @graph, an @id reference resolved, the organisation dropped, "JANE DOE" title-cased
    assert a.authors == ["Jane Doe", "John Smith"]
    assert a.published_at == datetime(2026, 11, 3, 9, 15, tzinfo=UTC)
    assert a.published_at.tzinfo == ZoneInfo("Europe/London")  # a UTC stamp shown in the outlet's zone
    assert a.language == "en"
    assert a.views == 1204
    assert a.comments == 17
    assert a.image_credit == "Photo: Maria Lopez/Harbour Press"
    assert a.canonical_url == "https://www.courier.example/news/2026/11/03/harbour-strike-second-week"
    assert a.url == url
    assert a.description == "Dock workers stay out as talks stall."
    assert "talks between the port authority and the union stalled" in a.body
    assert "Another story that many people read today" not in a.body


def test_byline_text_and_date_by_the_headline() -> None:
    outlet = _outlet("nordkurier", "Europe/Berlin", ("de",), "nordkurier.example")
    a = extract_article(_load("article_de_byline.html"), "https://www.nordkurier.example/wetter/hitze-2026",
                        outlet, fetched_at=FETCHED)
    assert a.title == "Hitzewelle im November: Rekord in Valmora"  # h1 without its kicker, as og:title says
    assert a.authors == ["Anna Müller", "Bernd Schulz"]  # "Von ... und ..." split
    assert a.published_at == datetime(2026, 11, 3, 14, 5, tzinfo=ZoneInfo("Europe/Berlin"))
    assert a.language == "de"
    assert a.image_credit == "Foto: Peter Klein / Bildagentur Nord"
    assert a.comments is None  # the sidebar's "99 Kommentare" belongs to another box
    assert "27 Grad gemessen" in a.body


def test_windows_1251_page_with_counters_and_credit() -> None:
    raw = (FIXTURES / "article_ru_cp1251.html").read_bytes()
    html, encoding = decode_html(raw, None)
    assert encoding == "cp1251"
    outlet = _outlet("vestnik", "Europe/Moscow", ("ru", "en"), "vestnik.example")
    a = extract_article(html, "http://vestnik.example/news/2026/11/03/51336.html", outlet, fetched_at=FETCHED)
    assert a.title == "Учения ПВО на северных рубежах"
    assert a.views == 782
    assert a.comments == 5
    assert a.image_credit == "Image source: @ Александр Миридонов/РИА Новости"
    assert a.published_at == datetime(2026, 11, 3, 14, 5, tzinfo=ZoneInfo("Europe/Moscow"))
    assert a.language == "ru"
    assert "«Мы проверили взаимодействие" in a.body
    assert "\ufffd" not in a.body and "\ufffd" not in (a.title or "")


def test_article_body_selector_overrides_trafilatura() -> None:
    html, _ = decode_html((FIXTURES / "article_ru_cp1251.html").read_bytes(), None)
    outlet = Outlet(name="vestnik", title="V", url="http://vestnik.example/", languages=("ru",),
                    timezone="Europe/Moscow", selectors={"article_body": "div.news-text", "exclude": "p.author"})
    a = extract_article(html, "http://vestnik.example/news/2026/11/03/51336.html", outlet, fetched_at=FETCHED)
    paragraphs = a.body.split("\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Расчёты зенитных ракетных комплексов")
    assert "Дмитрий Бавырин" not in a.body and "Image source" not in a.body
    assert a.authors == []  # the byline was excluded by the outlet's selector


def test_never_raises_on_junk() -> None:
    for junk in ("", "   ", "<html", "not html at all", "<html><body><h1></h1></body></html>", "\x00\x01garbage"):
        a = extract_article(junk, "https://example.com/x")
        assert a.url == "https://example.com/x"
        assert a.canonical_url == "https://example.com/x"
    assert extract_article("<p>hi</p>", "").body in ("", "hi")


@pytest.mark.parametrize("broken", ["</tit ", "", "<title>"])
def test_a_title_left_open_does_not_swallow_the_page(broken):
    # A broken or missing </title> makes the parser read the rest of the page as the title's text.
    html = _titled('<meta property="og:title" content="Harbour reopens after the storm">'
                   '<meta name="author" content="Jane Doe">',
                   "<h1>Harbour reopens after the storm</h1>" + STORY * 20, title="Harbour reopens after the storm")
    html = html.replace("</title>", broken, 1)
    started = time.perf_counter()
    article = extract_article(html, "https://example.org/harbour")
    assert time.perf_counter() - started < 5
    assert article.title == "Harbour reopens after the storm"
    assert article.authors == ["Jane Doe"]
    assert "Text of the story goes on." in article.body


def _mangled(raw: bytes, rng: random.Random) -> bytes:
    """The page cut short, with pieces cut out, or with bytes overwritten: what broken downloads,
    templates and encodings make of pages."""
    kind = rng.choice(("truncate", "cut", "bytes"))
    if kind == "truncate":
        return raw[: rng.randint(0, len(raw))]
    if kind == "cut":
        for _ in range(10):
            at = rng.randint(0, len(raw))
            raw = raw[:at] + raw[at + rng.randint(1, 120):]
        return raw
    noisy = bytearray(raw)
    for _ in range(40):
        noisy[rng.randrange(len(noisy))] = rng.randrange(256)
    return bytes(noisy)


def test_mangled_pages_extract_quickly_and_no_heuristic_fails(caplog):
    rng = random.Random(20261207)
    caplog.set_level(logging.DEBUG, logger="media_monitor.extract.article")
    for path in sorted(FIXTURES.glob("*.html")):
        raw = path.read_bytes()
        for _ in range(25):
            html, _ = decode_html(_mangled(raw, rng), None)
            started = time.process_time()
            extract_article(html, "https://example.org/news/a")
            frontpage_mod.extract_frontpage(html, "https://example.org/")
            assert time.process_time() - started < 2, path.name
    assert not [r.getMessage() for r in caplog.records if "failed" in r.getMessage()]


def test_stripping_a_site_name_from_a_title_of_thousands_of_parts_takes_no_quadratic_time():
    site = "Salsa Moves - Rueda in Berlin"
    title = " - ".join(f"Step {i} of the dance" for i in range(20_000)) + " - " + site
    started = time.perf_counter()
    stripped = titles_mod._strip_site_name(title, [site])
    assert time.perf_counter() - started < 2
    assert stripped.endswith("Step 19999 of the dance")
    assert titles_mod._strip_site_name("Enchufla steps - " + site, [site]) == "Enchufla steps"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By Jane Doe and John Smith"], ["Jane Doe", "John Smith"]),
        (["Von Anna Müller und Bernd Schulz"], ["Anna Müller", "Bernd Schulz"]),
        (["Par Claire Dubois; Autor: Max Mustermann"], ["Claire Dubois", "Max Mustermann"]),
        (["BOB FISCHER"], ["Bob Fischer"]),
        (["Jane Doe, AFP"], ["Jane Doe"]),
        # a profession before the name
        (["Autor: Rechtsanwalt Sebastian Exemple"], ["Sebastian Exemple"]),
        (["Bestseller-Autor Yuval Exemple"], ["Yuval Exemple"]),
        # an interview's two voices; a book's edition line is no name
        (["Richard Exemple im Gespräch mit Karin Muster"], ["Richard Exemple", "Karin Muster"]),
        (["Revised Edition Edited by Adrian Exemple"], []),
        # an author's initials as a byline of their own; beside a full name or an other name they are no author
        (["mh"], ["mh"]),
        (["By LD"], ["LD"]),
        (["Jane Doe", "mh"], ["Jane Doe"]),
        (["Jane Doe; PP"], ["Jane Doe"]),
        (["V"], []),
        # the agency that supplied a person's story, after a slash; an agency's own credit stays whole
        (["Peter Exemple/SP-X"], ["Peter Exemple"]),
        (["Jane Doe/dpa"], ["Jane Doe"]),
        (["dpa/lno"], ["dpa/lno"]),
        (["MDR THÜRINGEN/ls"], ["MDR THÜRINGEN/ls"]),
        (["AFP"], ["AFP"]),  # an agency alone stays as written, not "Afp"
        (["Jane Doe, jane@example.com", "https://twitter.com/janedoe"], ["Jane Doe"]),
        (["Reuters", "Jane Doe"], ["Jane Doe"]),  # an agency drops out when a person remains
        (["Jane Doe & Jane Doe"], ["Jane Doe"]),
        (["Christoph Hein Chefredakteur"], ["Christoph Hein"]),
        (["Veröffentlicht von Chris Jung"], ["Chris Jung"]),
        (["Kestrel Bay Courier"], []),  # the site's own name
        (["Posted by Ann Exemple and Kiran C Nair - Safe Browsing team"], ["Ann Exemple", "Kiran C Nair"]),
        (["courier.example, Frankfurt, Germany"], []),  # the publisher's address names no person
        (["Birgit Muster", "Autorenseite von"], ["Birgit Muster"]),  # a link label leading in to a name
        (["Redaktion: Eberhard Muster (Pressesprecher)"], ["Eberhard Muster"]),  # "Redaktion:" labels the editor
        # a forum signature under a post is a lower-case phrase, not a name; a lower-case name is one
        (["von lupa am 26/10/13", "ich bin nicht da, um so zu sein, wie ihr es wollt"], ["lupa"]),
        (["jane doe"], ["Jane Doe"]),
        (["Perry Exemple Jr."], ["Perry Exemple Jr."]),  # a suffix's full stop stays
        (["Sara Exemple Stand: 05. Februar 2020"], ["Sara Exemple"]),  # "Stand:" ("as of") starts the date
        # a role at a site whose address is cut leaves a preposition: no name
        (["Autor: Samuel Exemple (Sponsored Post), Redner bei courier-events.com"], ["Samuel Exemple"]),
        (["oradmin", "Neueste Signaturen"], ["oradmin"]),  # a box's heading beside the byline
        (["Datum", "Quelle", "Fritz Exemple"], ["Fritz Exemple"]),  # field labels
        (["robert.exemple"], ["Robert Exemple"]),  # a login written first.last spells the name
        (["kath.net"], []),  # an address is no login
        # the site's name or a label first, then the name
        (["Kestrel Bay Courier - Alberto Exemplo"], ["Alberto Exemplo"]),
        (["www.courier.example | Sadiq Exemple"], ["Sadiq Exemple"]),
        (["About the Author - Florina Exemple"], ["Florina Exemple"]),
        (["Weine in Berlin - Vinos y Tapas"], []),  # a tagline first: what follows is no name either
        # scripts without capitals: a name of several words is still a name
        (["حسام أبو العلا - القاهرة"], ["حسام أبو العلا"]),
        (["शुभायन चक्रवर्ती"], ["शुभायन चक्रवर्ती"]),
        (["回答者："], []),  # a label with a full-width colon
        (["山田 太郎"], ["山田 太郎"]),  # a Japanese family and given name
        (["【上報徵稿】 上報歡迎各界投書"], []),  # CJK words with a space between them: a phrase
        # an institution named for its field is no person, nor are the pieces of its name
        (["Landesanstalt für Wald und Forstwirtschaft"], []),
        (["Departement für Wirtschaft, Bildung und Forschung", "Jane Exemple"], ["Jane Exemple"]),
    ],
)
def test_clean_authors(raw: list[str], expected: list[str]) -> None:
    assert clean_authors(raw, ["Kestrel Bay Courier", "courier.example"]) == expected


def test_detect_language() -> None:
    assert detect_language("Der Wetterdienst erwartet, dass die warme Luft noch bis zum Wochenende bleibt und es ist") == "de"
    assert detect_language("The union said its members would not return until the authority withdrew the plans") == "en"
    assert detect_language("Расчёты зенитных комплексов отработали отражение удара, сообщили в пресс-службе и это") == "ru"
    assert detect_language("中国统计开放日征网友意见，网友可以通过网站参与活动。") == "zh"
    assert detect_language("") is None


# --- the bundled demo web ------------------------------------------------------------------------

demo_web = pytest.importorskip("media_monitor.demo_web")


def _demo_outlets() -> dict[str, Outlet]:
    from media_monitor.registry import load_registry

    registry = Path(__file__).resolve().parents[2] / "include" / "outlets.yaml"
    return {o.name: o for o in load_registry(registry, include_disabled=True)}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("outlet_name", ["vestnik", "daily-ledger", "metro-wire", "rumour-mill"])
def test_demo_articles_match_the_generator(outlet_name: str) -> None:
    outlets = _demo_outlets()
    paths = demo_web.article_paths(outlet_name)[:6]
    assert paths
    for path in paths:
        status, headers, body = demo_web.render(path)
        assert status == 200
        html, _ = decode_html(body, headers.get("Content-Type"))
        truth = demo_web.truth_article(path)
        a = extract_article(html, demo_web.DEFAULT_BASE_URL + path, outlets[outlet_name],
                            fetched_at=truth["published_at"] + timedelta(days=1))
        assert a.title == truth["title"], path
        assert a.authors == truth["authors"], path
        assert a.language == truth["language"], path
        assert a.views == truth["views"], path
        assert a.comments == truth["comments"], path
        assert a.image_credit == truth["image_credit"], path
        # rumour-mill shows the day only; the others show the minute
        if outlet_name == "rumour-mill":
            assert a.published_at.date() == truth["published_at"].date(), path
        else:
            assert a.published_at == truth["published_at"], path
        body = _norm(a.body)
        for paragraph in truth["body_paragraphs"]:
            assert _norm(paragraph) in body, path
        assert "\ufffd" not in a.body


# --- real pages (the shared corpus, when present) --------------------------------------------------


@pytest.mark.skipif(not (CORPUS / "articles.jsonl").exists(), reason="shared corpus not available")
def test_corpus_pages_extract_without_crash() -> None:
    records = [json.loads(line) for line in (CORPUS / "articles.jsonl").open(encoding="utf-8")]
    # A spread of languages and encodings, including pages that are not valid UTF-8.
    picked = records[::120][:10]
    for rec in picked:
        raw = gzip.decompress((CORPUS / rec["file"]).read_bytes())
        html, encoding = decode_html(raw, None)
        a = extract_article(html, rec["url"] or "")
        assert isinstance(a.body, str)
        try:
            valid = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        assert (a.body + (a.title or "")).count("\ufffd") <= valid.count("\ufffd"), rec["id"]
        if a.published_at is not None:
            assert a.published_at.tzinfo is not None
            assert a.published_at <= datetime.now(UTC) + timedelta(days=2)


def test_title_drops_soft_hyphens_and_a_leading_date():
    html = ("<html><head><title>x</title></head><body><article>"
            "<h1>08.11.2021 | Er\u00adin\u00adne\u00adrung an die Op\u00adfer</h1><p>" + "Wort " * 80 + "</p></article></body></html>")
    assert extract_article(html, "https://example.org/a/1").title == "Erinnerung an die Opfer"
    assert titles_mod._tidy_title("2021: Das Jahr in Bildern") == "2021: Das Jahr in Bildern"  # a year alone is no date


def _page(head: str, body: str) -> str:
    return f"<html><head><title>A story</title>{head}</head><body>{body}</body></html>"


STORY = "<p>" + "Text of the story goes on. " * 30 + "</p>"


def _authors_below_headline(html: str) -> list[str]:
    """The authors of a page whose h1 "A story" is followed by ``html`` and the story's text."""
    return extract_article(_page("", f"<h1>A story</h1>{html}{STORY}"), "https://example.org/a").authors


@pytest.mark.parametrize(
    ("head", "body", "authors"),
    [
        # WordPress SEO plugins: <meta name="twitter:label1" content="Written by"> + twitter:data1
        ('<meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Karla Beispiel">'
         '<meta name="twitter:label2" content="Lesezeit"><meta name="twitter:data2" content="3 Minuten">',
         f"<h1>A story</h1>{STORY}", ["Karla Beispiel"]),
        # HTML5: an article's own <footer> holds its author; the page footer does not
        ("", f'<article><h1>A story</h1>{STORY}<footer><address class="author">'
             '<span itemprop="name">Jan Muster</span></address></footer></article>'
             '<footer><p class="author">Site Owner Person</p></footer>', ["Jan Muster"]),
        # a wrapper holding the headline is layout, whatever its class says
        ("", f'<div class="page with-navigation one-sidebar-second"><h1>A story</h1>'
             f'<span class="signature-author">Par Marie Exemple</span>{STORY}</div>', ["Marie Exemple"]),
        # a blogger typed both Person and Organization in JSON-LD, on a site named after them
        ('<meta property="og:site_name" content="Andrea Beispiel">'
         '<script type="application/ld+json">{"@type": "BlogPosting", "headline": "A story", '
         '"author": {"@type": ["Person", "Organization"], "name": "Andrea Beispiel"}}</script>',
         f"<h1>A story</h1>{STORY}", ["Andrea Beispiel"]),
        # a label in its own element ("Auteur :"), the name in a link
        ("", f'<h1>A story</h1><p><span class="label">Auteur:</span> <a href="/p/9">Anna Exemple</a></p>{STORY}',
         ["Anna Exemple"]),
        # a link to the author's archive page next to the headline; other archive links further down do not count
        ("", f'<h1>A story</h1><div class="meta"><a href="/staff/uriel-exemple/">Uriel Exemple</a></div>{STORY}'
             f'<div class="more"><a href="/staff/someone-else/">Someone Else</a></div>', ["Uriel Exemple"]),
        # "| By" in one element, the name in the next
        ("", f'<h1>A story</h1><div class="meta"><span class="sr">| By </span> <span>Cara Example</span>'
             f' | <time>April 13, 2020</time></div>{STORY}', ["Cara Example"]),
        # the name is the tail of an avatar <img> inside the author element
        ("", f'<div class="authors"><a href="/p/7"><img src="a.jpg"> Marina Exemple </a></div>'
             f'<h1>A story</h1>{STORY}', ["Marina Exemple"]),
        # an author archive link whose text is padded with layout whitespace
        ("", '<h1>A story</h1><dl><dd><a href="/fr/staff/uriel-exemple/">' + " " * 80 + 'Uriel Exemple</a></dd></dl>'
             f'{STORY}', ["Uriel Exemple"]),
        # the byline box's role line ("author_func") is what the author does, not another author
        ("", f'<h1>A story</h1><p class="byline author vcard">Par <a class="author fn">Barbara Exemple</a></p>'
             f'{STORY}<div class="author_after"><p class="author_func">Philosophe, Professeur</p></div>',
         ["Barbara Exemple"]),
        # microdata of a cited work names that work's authors, not this page's
        ('<meta name="citation_author" content="Marwan Exemple">',
         f'<h1>A story</h1>{STORY}<ol><li itemprop="citation" itemscope itemtype="http://schema.org/ScholarlyArticle">'
         '<meta itemprop="author" content="NH. Shear, SP. Spielberg"></li></ol>', ["Marwan Exemple"]),
        # the author name tag of a widely used sharing plugin
        ('<meta property="shareaholic:article_author_name" content="Wolf Exemple">', f"<h1>A story</h1>{STORY}",
         ["Wolf Exemple"]),
        # a label alone in bold, the name after line breaks
        ("", f'<h1>A story</h1>{STORY}<div><b>Von:</b><br><br> G\u00f6tz Exemple</div>', ["G\u00f6tz Exemple"]),
        # the story's own byline; a "von X" further down belongs to a teaser of another story
        ("", f'<h1>A story</h1><p><span>von </span><a href="/u/1">Marianne1</a></p>{STORY}'
             '<div class="more-stories"><a href="/other">Other story</a><div><span>von </span>'
             '<a href="/u/2">KB_Redaktion</a></div></div>', ["Marianne1"]),
        # a schema.org microdata Person by the headline, with no author property or class: its name;
        # a Person the story is "about" is not its author
        ("", f'<h1>A story</h1><div class="meta"><span itemscope itemtype="https://schema.org/Person">'
             f'<img src="a.jpg"><span>Lena Exemple</span></span></div>{STORY}', ["Lena Exemple"]),
        ("", f'<h1>A story</h1><div class="meta"><span itemprop="about" itemscope itemtype="https://schema.org/Person">'
             f'<span itemprop="name">Lena Exemple</span></span></div>{STORY}', []),
        # a name linked to a user profile or bio page by the headline (CMS and forum profile URLs)
        ("", f'<h1>A story</h1><div class="meta"><a href="/user/ines-exemple">Ines Exemple</a></div>{STORY}',
         ["Ines Exemple"]),
        ("", f'<h1>A story</h1><div class="meta"><a href="/bio/ines-exemple-0">Ines Exemple</a> and '
             f'<a href="/bio/tom-muster">Tom Muster</a></div>{STORY}', ["Ines Exemple", "Tom Muster"]),
        # an author archive link whose name follows the avatar image inside it
        ("", f'<div><a href="/author/marina-exemple/"><img src="avatar.jpg" alt=""> Marina Exemple</a></div>'
             f'<h1>A story</h1>{STORY}', ["Marina Exemple"]),
        # a person icon of an icon font before the name in the story's meta line; not a login link's icon
        ("", f'<h1>A story</h1><p class="meta"><span><i class="fa fa-user"></i> Luis Exemple</span>'
             f'<span><i class="fa fa-clock-o"></i> 1. Februar 2022</span></p>{STORY}', ["Luis Exemple"]),
        ("", f'<h1>A story</h1><p class="meta"><i class="bi bi-person"></i> <a href="/p/3">Lena Muster</a></p>{STORY}',
         ["Lena Muster"]),
        ("", f'<div><a href="/my-account/"><i class="fa fa-user"></i> Mein Konto</a></div><h1>A story</h1>{STORY}', []),
        # the poster's avatar and name under the headline; a commenter's avatar is no byline
        ("", f'<h1>A story</h1><div><img src="/a.jpg" class="avatar avatar-19" alt=""> <a href="/u/?u=7">MikeExemple</a> '
         f'18.10.2019, 15:07 Uhr</div>{STORY}', ["MikeExemple"]),
        ("", f'<h1>A story</h1>{STORY}<div class="comments"><img src="/a.jpg" class="avatar" alt=""> '
         '<a href="/u/?u=7">Lena Muster</a></div>', []),
    ],
)
def test_author_evidence_found_generically(head, body, authors):
    assert extract_article(_page(head, body), "https://example.org/news/a-story").authors == authors


@pytest.mark.parametrize(
    ("body", "authors"),
    [
        # a paragraph naming the kind of text and its author
        (f"<h1>A story</h1><p>Blog Beitrag von Margarita Exemple</p>{STORY}", ["Margarita Exemple"]),
        (f"<h1>A story</h1><p>A guest post by Jane Exemple</p>{STORY}", ["Jane Exemple"]),
        # lead-ins other than by/von, the name in a link
        (f'<h1>A story</h1><div class="info">Geschrieben von <a href="/u/6">Cooper</a> am 25.08.2015</div>{STORY}',
         ["Cooper"]),
        (f"<h1>A story</h1><p>Texto: Ana Exemple</p>{STORY}", ["Ana Exemple"]),
        (f"<h1>A story</h1><p>Écrit par Jean Exemple</p>{STORY}", ["Jean Exemple"]),
        # "Autoren" without a colon, the names inline
        (f"<h1>A story</h1><p>Autoren Jelko Exemple und Jutta Muster</p>{STORY}", ["Jelko Exemple", "Jutta Muster"]),
        # after a dateline, "von" and a lone first name
        (f'<h1>A story</h1><h2>Stars <span>06.11.2023 13:30 von Olga </span></h2>{STORY}', ["Olga"]),
        # Drupal's "submitted" line names the account that posted the story, in the site's language
        (f'<h1>A story</h1><p class="submitted">Gespeichert von <span class="username">jdoe</span> am 24. Juli 2017 '
         f'- 18:55</p>{STORY}', ["jdoe"]),
        (f'<h1>A story</h1><div class="submitted">Soumis par <span>jdoe</span> le 7 mai 2020</div>{STORY}', ["jdoe"]),
        # ... and a byline naming a person goes before that login
        (f'<h1>A story</h1><p>Gespeichert von <span>jdoe</span> am 7. Juli 2019 - 18:44</p><p>Blog Beitrag von '
         f'Margarita Exemple</p>{STORY}', ["Margarita Exemple"]),
        # a lead-in of several words whose name is the next element
        (f'<h1>A story</h1><div class="metaInfo">Ein Artikel von <strong>Pamela Exemple</strong> | 27.01.2022 - 12:45'
         f'</div>{STORY}<p>von Josef Muster und Imke Muster</p>', ["Pamela Exemple"]),
        # an interview's author, not whom they talk with
        (f"<h1>A story</h1><p><em>Ein Interview von <strong>Eugen Exemple</strong> mit <strong>Sonja Muster</strong>.</em>"
         f"</p>{STORY}", ["Eugen Exemple"]),
        # a label after a line break: its line goes on in the inline elements after it
        (f'<h1>A story</h1><div>{"Text of the story goes on. " * 20}<br><br>Autor: <a href="/anwalt/">Rechtsanwalt</a> '
         f'Sebastian Exemple</div>', ["Sebastian Exemple"]),
        # ... no further than the text after that element: the sections the post is filed in are no name
        (f'<h1>A story</h1><p><time>6. Dezember 2022</time> von <a href="/autor/x/"></a> in <span>'
         f'<a href="/c/g/">Gefühle</a>, <a href="/c/p/">Popkultur</a></span></p>{STORY}', []),
        # a byline after a link in a meta line; not after a link in a paragraph, nor after an image's licence
        (f'<h1>A story</h1><div class="meta">Posted in <a href="/c/news/">News</a> by Jane Exemple on August 3, '
         f'2019</div>{STORY}', ["Jane Exemple"]),
        (f'<h1>A story</h1><p>{"Text of the story goes on. " * 5}For more, check out <a href="/guide/">the guide</a> '
         f'by Darren Exemple, a.k.a the Citrus Guy.</p>{STORY}', []),
        (f'<h1>A story</h1><p><img src="/a.jpg"><br> In <a href="http://creativecommons.org/licenses/by-sa/2.0/">'
         f'Flickr CC</a> by Din Exemple</p>{STORY}', []),
        (f'<h1>A story</h1><p><a href="https://flickr.com/p/1">Lots of Minifigures</a> by <a href="/u/n">Ninja Exemple,'
         f'</a> en licence <a href="https://creativecommons.org/licenses/by/2.0/">CC by</a></p>{STORY}', []),
        # a rule of dashes before the byline ("---- by Jane Doe")
        (f"<h1>A story</h1><p><em>---- by Kenneth Exemple</em></p>{STORY}", ["Kenneth Exemple"]),
        # after a verb's lead-in too, the time after "@" no part of it ("Posted by Olga @ 12:00 am")
        (f'<h1>A story</h1><p>Posted by Olga @ 12:00 am</p>{STORY}', ["Olga"]),
        (f'<h1>A story</h1><p><span class="category">Posted by Olga</span></p>{STORY}', ["Olga"]),
        # the byline's date after a line break is no part of the name ("Exemple<br>Last updated")
        (f'<h1>A story</h1><p>by <span><a href="/about/">Itamar Exemple</a></span><br>Last updated 04 Jun 2020, '
         f'originally created 17 Jun 2019</p>{STORY}', ["Itamar Exemple"]),
        # WordPress classic themes' meta line: "Filed under: <categories> — author @ time"
        (f'<h1>A story</h1><div class="meta">Filed under: <a href="/c/news" rel="category tag">News</a> '
         f'&#8212; jancek @ 00:11 <br>Tags: <a href="/t/x" rel="tag">X</a></div>{STORY}', ["jancek"]),
        # a signature closing the story's last paragraph, when nothing else names anyone; a dash closing
        # a story with a word is no signature
        (f"<article><h1>A story</h1>{STORY * 3}<p>Benni<br>10. September 2017</p></article>", ["Benni"]),
        (f"<article><h1>A story</h1>{STORY * 3}<p>\u2014 Clara Exemple</p></article>", ["Clara Exemple"]),
        (f"<article><h1>A story</h1>{STORY * 3}<p>\u2014 Ende</p></article>", []),
        # ... or a name alone in bold as the last paragraph (not a closing word, nor a bold line with more)
        (f"<article><h1>A story</h1>{STORY * 3}<p><strong>Marina Exemple</strong></p></article>", ["Marina Exemple"]),
        (f"<article><h1>A story</h1>{STORY * 3}<p><strong>Frohe Weihnachten</strong></p></article>", []),
        (f"<article><h1>A story</h1>{STORY * 3}<p>Mehr von <strong>Marina Exemple</strong></p></article>", []),
        # ... or the signer's office under the name; not a street under it
        (f"<article><h1>A story</h1>{STORY * 3}<p>Kazım EXEMPLE<br>DITIB-Bundesvorsitzender</p></article>",
         ["Kazım EXEMPLE"]),
        (f"<article><h1>A story</h1>{STORY * 3}<p>Jane Exemple<br>Musterstraße 5</p></article>", []),
    ],
)
def test_plain_text_bylines(body, authors):
    assert extract_article(_page("", body), "https://example.org/news/a-story").authors == authors


def test_plain_text_bylines_need_a_lead_in():
    # a particle inside a name or a phrase with "von" is no byline
    for text in ("Ludwig von Beethoven", "Die Welt von Morgen", "Von Berlin", "By Night"):
        assert extract_article(_page("", f"<h1>A story</h1><p>{text}</p>{STORY}"), "https://example.org/a").authors == []



def test_byline_pattern_is_linear_on_layout_whitespace():
    # Pages are full of long whitespace-only text nodes; a pattern with two adjacent optional
    # whitespace runs backtracks quadratically on them (it once cost a quarter of our throughput).
    import time

    started = time.perf_counter()
    for _ in range(20):
        assert markup_mod._BYLINE_TEXT.match(" " * 5000 + "\n") is None
    assert time.perf_counter() - started < 1.0


def test_initials_sign_a_story_when_nothing_names_anyone():
    # a byline element or an author meta tag holding initials
    assert _authors_below_headline('<p class="byline">by <span class="author">LD</span></p>') == ["LD"]
    head = '<meta name="author" content="DT">'
    assert extract_article(_page(head, f"<h1>A story</h1>{STORY}"), "https://example.org/a").authors == ["DT"]
    # a byline naming a person goes before them
    body = f'<h1>A story</h1><p>Von Donald Exemple</p>{STORY}'
    assert extract_article(_page(head, body), "https://example.org/a").authors == ["Donald Exemple"]
    # two letters after a short word in plain text are no byline: a calendar's head ("Di" read as Italian "di")
    calendar = "<table><tr><td>Mo</td><td>Di</td><td>Mi</td><td>Do</td></tr></table>"
    assert _authors_below_headline(calendar) == []
    assert _authors_below_headline(calendar + "<p>By Laura Exemple</p>") == ["Laura Exemple"]
    # a wire story's agency of two letters
    body = "<article><h1>A story</h1><p>CHICAGO (AP) \u2014 " + "Text of the story goes on. " * 20 + "</p></article>"
    assert extract_article(_page("", body), "https://example.org/a").authors == ["AP"]


@pytest.mark.parametrize(
    ("paragraphs", "authors"),
    [
        # a wire story's dateline names its agency
        (["Hamburg (dpa/lno) – " + "Text of the story goes on. " * 20], ["dpa/lno"]),
        (["Wien (epdÖ) - " + "Text of the story goes on. " * 20], ["epdÖ"]),
        # a country after the place is no agency
        (["Rostow (Russland) - " + "Text of the story goes on. " * 20], []),
        # a source line closing the story, cut at its details; a chart's source inside the story is not the story's
        (["Text of the story goes on. " * 20, "Quelle: kathpress"], ["kathpress"]),
        (["Text of the story goes on. " * 20, "Quelle: Example University, Pressemitteilung", "Foto: Jane"],
         ["Example University"]),
        (["Text of the story goes on. " * 20, "Quelle: Statistisches Amt", "Text of the story goes on. " * 20], []),
        # a person's copyright on the text, with its year; a company's, or one without a year (a photo's), is none
        (["Text of the story goes on. " * 20, "© 2019 Sven Exemple"], ["Sven Exemple"]),
        (["Text of the story goes on. " * 20, "© 2019 Exemple Media GmbH"], []),
        (["Text of the story goes on. " * 20, "Copyright: Gisele Exemple"], []),
        # the source line goes before the site's copyright under it
        (["Text of the story goes on. " * 20, "Quelle: Example University", "© 1996 - 2022 Chemie Exemple"],
         ["Example University"]),
    ],
)
def test_the_agency_or_source_the_story_credits(paragraphs, authors):
    body = "<article><h1>A story</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article>"
    assert extract_article(_page("", body), "https://example.org/a").authors == authors
    # a byline naming someone goes before it
    body = body.replace("<h1>A story</h1>", '<h1>A story</h1><p class="byline">Von Max Muster</p>')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Max Muster"]


def test_an_organisation_byline_is_the_last_resort():
    team = '<meta name="author" content="Redaktion">'
    # only the team is named: it is the byline
    assert extract_article(_page(team, f"<h1>A story</h1>{STORY}"), "https://example.org/a").authors == ["Redaktion"]
    # a person named in the byline wins over the team in the meta tag
    body = f'<h1>A story</h1><p class="byline">Von Max Muster</p>{STORY}'
    assert extract_article(_page(team, body), "https://example.org/a").authors == ["Max Muster"]
    # entities left escaped in a meta tag are decoded
    esc = '<meta name="author" content="Redacci&amp;oacute;n Diario">'
    assert extract_article(_page(esc, f"<h1>A story</h1>{STORY}"), "https://example.org/a").authors == ["Redacción Diario"]


def test_disagreeing_metadata_dates_settled_by_the_date_shown():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-12-06T14:36:00Z"}</script>'
            '<meta property="article:published_time" content="2022-12-15T09:13:00+01:00">')
    shown = f"<h1>A story</h1><p>15.12.2022</p>{STORY}"
    assert extract_article(_page(head, shown), "https://example.org/a").published_at.date().isoformat() == "2022-12-15"
    # with nothing shown, the most explicit source (JSON-LD) stands
    assert extract_article(_page(head, f"<h1>A story</h1>{STORY}"), "https://example.org/a").published_at.date().isoformat() == "2021-12-06"


def test_an_h1_as_long_as_a_headline_is_the_story_even_inside_the_title_tag():
    # <title> = section - story - label; the h1 repeats the story part (a trailing part of the title)
    html = ("<html><head><title>Neu - Japanisches Mini-SUV auf dem Vormarsch - Vorstellung</title></head><body>"
            f"<h1>Japanisches Mini-SUV auf dem Vormarsch</h1>{STORY}</body></html>")
    assert extract_article(html, "https://example.org/a").title == "Japanisches Mini-SUV auf dem Vormarsch"
    # a short trailing part is still the site's name, never the story's title
    html = ("<html><head><title>Ein Mord im Hafenviertel | Krimi Blog</title></head><body>"
            f"<h1>Krimi Blog</h1><h2>Ein Mord im Hafenviertel</h2>{STORY}</body></html>")
    assert extract_article(html, "https://example.org/a").title == "Ein Mord im Hafenviertel"


def test_a_generic_date_meta_tag_yields_to_the_date_shown_and_to_a_labelled_time():
    # <meta name="date"> (Dublin Core, CMS defaults) often holds the last change, not the publication
    head = '<meta name="date" content="2021-12-20T11:02:44+01:00">'
    shown = f"<h1>A story</h1><p>27.01.2022</p>{STORY}"
    assert extract_article(_page(head, shown), "https://example.org/a").published_at.date().isoformat() == "2022-01-27"
    # an itemprop="datePublished" time outranks it even when it is not by the headline
    body = f'<h1>A story</h1>{STORY}<p><time itemprop="datePublished" datetime="2022-01-27">27.01.2022</time></p>'
    assert extract_article(_page(head, body), "https://example.org/a").published_at.date().isoformat() == "2022-01-27"
    # with nothing else on the page, it is still the page's date
    assert extract_article(_page(head, f"<h1>A story</h1>{STORY}"), "https://example.org/a").published_at.date().isoformat() == "2021-12-20"
    # next to a publication stamp that the page does not show, the stamp stands
    head2 = head + '<meta property="article:published_time" content="2021-12-18T09:00:00+01:00">'
    assert extract_article(_page(head2, f"<h1>A story</h1>{STORY}"), "https://example.org/a").published_at.date().isoformat() == "2021-12-18"


def test_a_page_that_shows_only_its_last_change_is_dated_by_it():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2021-11-22T18:42:22+01:00",'
            ' "dateModified": "2023-01-01T10:00:00+01:00"}</script>')
    shown = f"<h1>A story</h1><p>01.01.2023</p>{STORY}"
    assert extract_article(_page(head, shown), "https://example.org/a").published_at.date().isoformat() == "2023-01-01"
    # when the publication day is shown as well, it stands
    both = f"<h1>A story</h1><p>01.01.2023</p><p>Erstmals erschienen am 22.11.2021</p>{STORY}"
    assert extract_article(_page(head, both), "https://example.org/a").published_at.date().isoformat() == "2021-11-22"
    # nothing shown: the publication stamp
    assert extract_article(_page(head, f"<h1>A story</h1>{STORY}"), "https://example.org/a").published_at.date().isoformat() == "2021-11-22"


@pytest.mark.parametrize("shown", ["3 de mayo de 2022", "3 de maio de 2022", "3 mayo 2022"])
def test_spanish_and_portuguese_dates_with_de_are_read_by_the_headline(shown):
    # a UTC stamp just after midnight; the page (Argentinian locale) shows the local day
    head = ('<meta property="og:locale" content="es_AR">'
            '<meta property="article:published_time" content="2022-05-04T00:25:56Z">')
    body = f"<h1>A story</h1><p><time>{shown}</time></p>{STORY}"
    assert extract_article(_page(head, body), "https://example.org/a").published_at.date().isoformat() == "2022-05-03"


@pytest.mark.parametrize("locale", ['<meta property="og:locale" content="es_ES">', ""])
def test_a_utc_stamp_is_read_on_the_day_shown_when_the_guessed_zone_disagrees(locale):
    # a UTC stamp just after midnight; the page shows the previous day, as a publisher west of
    # UTC does: the guessed zone (Madrid from the locale, or none) would put it on the wrong day
    head = locale + ('<script type="application/ld+json">{"@type": "NewsArticle",'
                     ' "datePublished": "2020-02-18T02:18:11Z"}</script>')
    body = f'<h1>A story</h1><div class="byline">Por: Agencia Reforma <time>| 17 de Febrero 2020</time></div>{STORY}'
    published = extract_article(_page(head, body), "https://example.org/a").published_at
    assert published.date().isoformat() == "2020-02-17"
    assert published == datetime(2020, 2, 18, 2, 18, 11, tzinfo=UTC)  # the same instant
    # a shown day the instant cannot fall on in any zone changes nothing
    body = f'<h1>A story</h1><div class="byline">Por: Agencia Reforma <time>| 15 de Febrero 2020</time></div>{STORY}'
    published = extract_article(_page(head, body), "https://example.org/a").published_at
    assert published.date().isoformat() != "2020-02-15"


def test_a_utc_stamp_takes_the_offset_of_the_same_time_written_without_a_zone():
    head = ('<meta property="og:locale" content="en_US">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-11-09T05:30:59Z"}</script>')
    body = ('<h1>A story</h1><p><time datetime="2023-11-08 23:30:59">November 8, 2023 at 11:30 p.m.</time></p>'
            f"{STORY}")
    a = extract_article(_page(head, body), "https://example.org/a")
    assert a.published_at.isoformat() == "2023-11-08T23:30:59-06:00"
    # a zone-less time that is not a whole quarter hour away is another moment: no offset from it
    # (the page's guessed zone, New York, stands: it agrees with the day shown)
    body = f'<h1>A story</h1><p><time datetime="2023-11-09 00:31:40">November 9, 2023</time></p>{STORY}'
    assert extract_article(_page(head, body), "https://example.org/a").published_at.utcoffset().total_seconds() == -5 * 3600


def test_a_date_of_its_own_inside_the_headline_element_is_the_shown_date():
    body = (f'<h1><span class="topline"><span class="date">27.01.2022</span></span>Heizöl im November</h1>{STORY}'
            "<ul><li>31.12.2020 Ein anderer Beitrag</li></ul>")
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2022-01-27"
    # a date the headline's words mention is not the page's date
    body = f"<h1>Rückblick: was am 9. November 1989 geschah</h1>{STORY}<p>31.12.2020</p>"
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2020-12-31"


def test_an_arabic_date_by_the_headline():
    body = f'<h1>عنوان الخبر</h1><div class="created">تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً</div>{STORY}'
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2020-04-24"


@pytest.mark.parametrize("shown", ["2020年07月03日", "2020年7月3日 17:16", "2020년 7월 3일"])
def test_a_chinese_japanese_or_korean_date_by_the_headline(shown):
    body = f'<h1>適当でええねん</h1><div class="entry-info"><span>{shown}</span> | <a href="/c">徒歩</a></div>{STORY}'
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2020-07-03"


def test_a_date_in_the_words_of_a_link_is_no_dateline():
    # the post's title links to itself and mentions the days it covers; its date stands alone
    body = ('<h1>Racing news blog</h1><h2><a href="/e/1">Winners of the weekend races (2020/7/11-12, 18 horses)</a></h2>'
            f'<div class="info"><span>2020年07月12日</span> | <a href="/c">Sales</a></div>{STORY}')
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2020-07-12"
    # a link that is just the date (a permalink, an archive link) is the date shown
    body = f'<h1>A story</h1><div class="meta"><a href="/2020/10/13">13 Oct 2020 18:29</a></div>{STORY}'
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2020-10-13"


def test_the_date_line_just_above_the_headline_comes_before_dates_further_down():
    # a blog's date header over the post title; the post lists a book's details, one a date
    details = "".join(f"<p><b>{k}:</b> {v}</p>" for k, v in
                      [("ISBN", "9783453580565"), ("Seiten", "448"), ("Format", "Broschur"), ("Verlag", "Heyne"),
                       ("Übersetzer", "Sonja Häußler"), ("Erscheinungsdatum", "14.08.2017")])
    body = f'<h2 class="date-header"><span>Samstag, 9. September 2017</span></h2><h1>A story</h1>{details}{STORY}'
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2017-09-09"
    # the byline row right under the headline still comes first
    body = ('<h2 class="date-header"><span>Samstag, 9. September 2017</span></h2><h1>A story</h1>'
            f'<p class="meta">Von Jane Doe, 10.09.2017</p>{details}{STORY}')
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2017-09-10"


def test_the_row_right_under_the_headline_is_the_storys_whatever_its_class_names():
    # a meta row styled as a Bootstrap "nav" list; the top bar's date (today) is navigation
    topbar = '<ul class="topbar-info nav"><li>Baku</li><li>Tuesday, (08 Dec 2020)</li></ul>'
    row = '<div class="post--info"><ul class="nav meta"><li><a href="/time/2020-10-13">13 Oct 2020 18:29</a></li></ul></div>'
    body = f"{topbar}<div><h1>A story</h1>{row}{STORY}</div>"
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2020-10-13"
    # a column wrapper named "sidebar" around the story's date line
    row = '<div class="lay-sidebar"><div class="sidebar__main"><time>13 de octubre de 2020</time></div></div>'
    body = f"<div><h1>A story</h1></div>{row}{STORY}"
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2020-10-13"
    # an <aside> is still another thing than the story, even right under the headline
    body = f"<div><h1>A story</h1></div><aside><p>13 Oct 2020</p></aside>{STORY}<p>Posted 14.10.2020</p>"
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2020-10-14"
    # and so is a box named for other stories, even right under the headline
    body = (f'<div><h1>A story</h1></div><div class="related-stories"><p>Another story</p><p>13 Oct 2020</p></div>'
            f"{STORY}<p>Posted 14.10.2020</p>")
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2020-10-14"


@pytest.mark.parametrize("shown", ["Julkaistu 19. helmikuuta 2020", "Publikováno 19. února 2020", "19 Şubat 2020"])
def test_a_date_by_the_headline_with_a_finnish_czech_or_turkish_month(shown):
    body = f'<h1>A story</h1><p class="meta">{shown}</p>{STORY}<p>Päivitetty 21.02.2020</p>'
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2020-02-19"


def test_dates_in_a_list_of_dated_items_belong_to_other_stories():
    teasers = "".join(f'<li><time datetime="2022-08-{d:02d} 11:05">{d:02d}.08.2022 11:05</time><a href="/x{d}">Other</a></li>'
                      for d in (10, 4, 1))
    body = (f'<div><time datetime="2022-12-12 12:22">12.12.2022 12:22</time></div><h1>A story</h1>{STORY}'
            f"<h4>Further press releases</h4><ul>{teasers}</ul>")
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2022-12-12"
    # a byline list with a publication and an update date is the story's own
    body = ("<h1>A story</h1><ul><li>Published 01.02.2022</li><li>Updated 03.02.2022</li><li>By Jane Doe</li></ul>"
            f"{STORY}")
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2022-02-01"


def test_a_time_far_below_the_headline_is_not_the_one_under_it():
    # the story's date is shown just above its headline; the next <time> comes after the whole
    # story (a second section's or a comment's stamp), so it is not "right under the headline"
    paragraphs = "".join(f"<p>Paragraph {i} of the story goes on and on.</p>" for i in range(80))
    body = ('<div class="meta"><time datetime="2021-11-25 16:11">25. November 2021 16:11 Uhr</time></div>'
            f'<h1>A story</h1>{paragraphs}<div class="meta"><time datetime="2021-12-01 15:12">1. Dezember 2021</time></div>')
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2021-11-25"
    # a <time> right under the headline, even an empty one, still is the story's
    body = ('<p>25. November 2021</p><h1>A story</h1><p>By Jane Doe <time datetime="2021-11-26T10:00:00+01:00"></time>'
            f" in Berlin</p>{STORY}")
    assert extract_article(_page("", body), "https://example.org/a").published_at.date().isoformat() == "2021-11-26"


@pytest.mark.parametrize("tail", ["}", "\n    }\n", '{"@type": "BreadcrumbList"}'])
def test_json_ld_with_an_extra_brace_or_a_second_object_is_still_read(tail):
    ld = '{"@context": "http://schema.org", "@type": "NewsArticle", "datePublished": "2020-10-26T18:10:00+01:00"}'
    head = f'<script type="application/ld+json">{ld}{tail}</script>'
    body = f"<h1>A story</h1>{STORY}<ul><li>09.08.2020 u 10:52</li></ul>"
    assert extract_article(_page(head, body), "https://example.org/a").published_at.date().isoformat() == "2020-10-26"
def _titled(head: str, body: str, title: str = "A story") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}{STORY}</body></html>"


def test_metadata_confirms_headings_in_its_order_of_trust():
    # a section name as the first h1 equals "<title>" minus the site; og:title names the second h1
    html = _titled('<meta property="og:site_name" content="Lakeview Institute">'
                   '<meta property="og:title" content="Mussels clean the river again">',
                   "<h1>News</h1><h1>Mussels clean the river again</h1>", title="News - Lakeview Institute")
    assert extract_article(html, "https://example.org/a").title == "Mussels clean the river again"
    # the JSON-LD headline picks the h1 without its roofline where og:title names only the roofline
    html = _titled('<script type="application/ld+json">{"@type": "Article", "headline": "Wormery built by hand"}</script>'
                   '<meta property="og:title" content="Wormery | Garden Weekly">',
                   '<h1><span class="roofline">Wormery</span> Wormery built by hand</h1>', title="Wormery | Garden Weekly")
    assert extract_article(html, "https://example.org/a").title == "Wormery built by hand"
    # an h1 confirmed by og:title goes before an h2 that repeats the JSON-LD headline
    html = _titled('<script type="application/ld+json">{"@type": "Article", "headline": "Stars demand a new model"}</script>'
                   '<meta property="og:title" content="Streaming: Stars demand a new model">',
                   "<h1>Streaming: Stars demand a new model</h1><h2>Stars demand a new model</h2>")
    assert extract_article(html, "https://example.org/a").title == "Streaming: Stars demand a new model"


def test_heading_text_kept_for_screen_readers_only_is_no_part_of_the_title():
    html = _titled('<meta property="og:title" content="Energy and society">',
                   '<h1><div class="title"><span class="visuallyhidden">Headline:</span> Energy and society</div></h1>',
                   title="Energy and society | Institute")
    assert extract_article(html, "https://example.org/a").title == "Energy and society"
    html = _titled("", '<h1><span class="sr-only">Article: </span>Floods reach the old town</h1>')
    assert extract_article(html, "https://example.org/a").title == "Floods reach the old town"
    # a CMS class that merely says the field's label is hidden wraps the visible headline itself
    html = _titled("", '<h1><span class="field field--label-hidden">Floods reach the old town</span></h1>')
    assert extract_article(html, "https://example.org/a").title == "Floods reach the old town"


def test_an_h1_kicker_stays_off_even_when_og_title_repeats_it():
    og = '<meta property="og:title" content="Pandemic - “It matters how people die”">'
    body = ('<h1><span class="teaser__kicker">Pandemic</span><span class="visually-hidden"> - </span>'
            '<span class="big">“It matters how people die”</span></h1>')
    assert extract_article(_titled(og, body), "https://example.org/a").title == "“It matters how people die”"
    # no kicker class: three parts, kicker, a separator, the headline
    og = '<meta property="og:title" content="Zoonoses – How habitat loss breeds epidemics">'
    body = ('<h1><span class="head">Zoonoses</span><span class="dash" aria-hidden="true"> – </span>'
            '<span class="text">How habitat loss breeds epidemics</span></h1>')
    assert extract_article(_titled(og, body), "https://example.org/a").title == "How habitat loss breeds epidemics"
    # two spans and no separator: one headline set in two styles
    og = '<meta property="og:title" content="Storm warning for the coast">'
    body = '<h1><span class="a">Storm warning</span> <span class="b">for the coast</span></h1>'
    assert extract_article(_titled(og, body), "https://example.org/a").title == "Storm warning for the coast"
    # a visible separator span: one headline set in three styles
    og = '<meta property="og:title" content="Brexit: the long goodbye begins">'
    body = '<h1><span class="a">Brexit</span><span class="colon">:</span> <span class="b">the long goodbye begins</span></h1>'
    assert extract_article(_titled(og, body), "https://example.org/a").title == "Brexit: the long goodbye begins"


def test_a_forum_thread_prefix_inside_the_threads_link_stays_off():
    # a forum's thread prefix is a label inside the h1's one link; og:title carries it too, the
    # JSON-LD headline does not
    ld = ('<meta property="og:title" content="Patch Notes - Patchnotes 4.47.4 - Equinox Bugfix Build">'
          '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "DiscussionForumPosting", '
          '"headline": "Patchnotes 4.47.4 - Equinox Bugfix Build"}</script>')
    h1 = ('<h1 class="p-title-value"><a href="/forums/threads/patchnotes-4-47-4.3976/">'
          '<span class="label label--blue" dir="auto">Patch Notes</span><span class="label-append">&nbsp;</span>'
          'Patchnotes 4.47.4 - Equinox Bugfix Build</a></h1>')
    html = _titled(ld, f"<article>{h1}</article>", title="Patch Notes - Patchnotes 4.47.4 - Equinox Bugfix Build | Forum")
    assert extract_article(html, "https://example.org/forums/threads/patchnotes-4-47-4.3976/").title == (
        "Patchnotes 4.47.4 - Equinox Bugfix Build"
    )
    # a lone link around an h1 that is one headline keeps it whole
    h1 = '<h1><a href="/a">Storm front reaches the coast tonight</a></h1>'
    assert extract_article(_titled("", h1), "https://example.org/a").title == "Storm front reaches the coast tonight"


@pytest.mark.parametrize("title", ["武汉的声音：有英勇的你，才有英雄的城！-示例网", "武汉的声音：有英勇的你，才有英雄的城！_示例网"])
def test_a_chinese_title_joined_to_the_site_without_spaces_loses_the_site(title):
    html = _titled('<meta property="og:site_name" content="示例网">', "", title=title)
    assert extract_article(html, "http://www.example.cn/local/2020-02/19/c_1125597921.htm").title == (
        "武汉的声音：有英勇的你，才有英雄的城！"
    )
    # a hyphen between Latin letters or digits is no separator
    html = _titled("", "", title="COVID-19-Impfung beginnt in Bayern heute")
    assert extract_article(html, "https://example.org/a").title == "COVID-19-Impfung beginnt in Bayern heute"


@pytest.mark.parametrize(("raw", "tidy"), [
    ("[> Jens Weber", "Jens Weber"),  # an ornament a theme sets before its headings
    (">> Storm front reaches the coast", "Storm front reaches the coast"),
    ("→ Storm front reaches the coast", "Storm front reaches the coast"),
    ("» Nous allons reconstruire «", "» Nous allons reconstruire «"),  # quotes stay
    ("»Zitat« sagt er", "»Zitat« sagt er"),
    ("[Video] Storm front reaches the coast", "[Video] Storm front reaches the coast"),
    ("<3 Love letters", "<3 Love letters"),
])
def test_a_leading_ornament_leaves_the_title(raw, tidy):
    assert titles_mod._tidy_title(raw) == tidy


@pytest.mark.parametrize("h1", [
    # two spans, the first a few words with no punctuation of a sentence, the second a headline of its own
    '<h1><span class="x1">Weather</span> <span class="x2">Storm front reaches the coast tonight</span></h1>',
    '<h1><span>Weather</span><span>Storm front reaches the coast tonight</span></h1>',
    # ... or a dash between them, in the text or at the kicker's end
    '<h1><span>Weather</span> - <span>Storm front reaches the coast tonight</span></h1>',
    '<h1><span>Weather –</span> <span>Storm front reaches the coast tonight</span></h1>',
])
def test_a_kicker_span_before_a_headline_span_stays_off_when_og_title_repeats_both(h1):
    whole = re.sub(r"<[^>]+>", "", h1)
    og = f'<meta property="og:title" content="{whole}">'
    assert extract_article(_titled(og, h1), "https://example.org/a").title == "Storm front reaches the coast tonight"


@pytest.mark.parametrize("h1", [
    # the second span goes on with the first's sentence, or a colon joins the two: one headline
    '<h1><span>Storm warning</span> <span>for the coast tonight</span></h1>',
    '<h1><span>Weather:</span> <span>Storm front reaches the coast tonight</span></h1>',
    # a long first span is no kicker
    '<h1><span>Storm front reaches the coast</span> <span>Ferries stay in port tonight</span></h1>',
])
def test_two_spans_that_read_as_one_headline_stay_together(h1):
    whole = re.sub(r"<[^>]+>", "", h1)
    og = f'<meta property="og:title" content="{whole}">'
    assert extract_article(_titled(og, h1), "https://example.org/a").title == re.sub(r"\s+", " ", whole)


def test_a_colon_hidden_from_eyes_joins_kicker_and_headline_in_an_h2():
    # the colon is there for screen readers: "Kicker: Headline" is one headline, also in an h2
    h2 = ('<h2><span><span>Weather</span><span class="visually-hidden">: </span></span>'
          '<span>Storm front reaches the coast tonight</span></h2>')
    og = '<meta property="og:title" content="Weather: Storm front reaches the coast tonight">'
    html = _titled(og, f"<article>{h2}</article>", title="Weather: Storm front reaches the coast tonight | Example")
    title = extract_article(html, "https://example.org/a").title
    assert title.startswith("Weather") and title.endswith("Storm front reaches the coast tonight")

@pytest.mark.parametrize("h2", [
    '<h2><span>Weather</span> <span>Storm front reaches the coast tonight</span></h2>',
    '<h2><span class="kicker">Weather</span> Storm front reaches the coast tonight</h2>',
])
def test_a_kicker_stays_off_an_h2_headline_that_og_title_repeats_whole(h2):
    # no h1: the story's h2 is the headline, and its kicker is no part of it either
    whole = re.sub(r"<[^>]+>", "", h2)
    og = f'<meta property="og:title" content="{whole}">'
    html = _titled(og, f"<article>{h2}</article>", title=f"{whole} | Example")
    assert extract_article(html, "https://example.org/a").title == "Storm front reaches the coast tonight"


MENU = '<nav><ul><li><a href="/blog/">Blog</a></li><li><a href="/about/">About us</a></li></ul></nav>'


@pytest.mark.parametrize("body", [
    # the menu links the section by the h1's text
    MENU + "<main><h1>Blog</h1><article><h2>Council backs the new tram line</h2></article></main>",
    # the h1 is the link to the section's page
    '<main><h1><a href="/blog/">Blog</a></h1><article><h2>Council backs the new tram line</h2></article></main>',
    # the h1 stands in the site's header, by its menu
    "<header>" + MENU + "<h1>Blog</h1></header><article><h2>Council backs the new tram line</h2></article>",
])
def test_an_h1_naming_the_section_gives_way_to_the_story_h2_after_it(body):
    # the <title> is the section's ("Blog | Example"), as some CMSs set it on every page of a section
    html = _titled("", body, title="Blog | Example")
    assert extract_article(html, "https://example.org/blog/tram").title == "Council backs the new tram line"


def test_an_h1_naming_the_declared_section_gives_way_to_the_story_h2_after_it():
    # no menu links it, but the page declares its section by that name (article:section)
    head = '<meta property="article:section" content="Blog">'
    body = "<main><h1>Blog</h1><article><h2>Council backs the new tram line</h2></article></main>"
    html = _titled(head, body, title="Blog | Example")
    assert extract_article(html, "https://example.org/blog/tram").title == "Council backs the new tram line"


@pytest.mark.parametrize("body", [
    # no link, no frame: nothing says the h1 names a section
    "<main><h1>Tram line approved</h1><article><h2>Council backs the works for the new line</h2></article></main>",
    # the heading after the h1 is no headline (a few words, a box's title)
    MENU + "<main><h1>About us</h1><article><h2>Our team</h2></article></main>",
    # the menu's entry links the page itself: the page is the section's own
    '<nav><a href="/p/1/">Imprint</a></nav><main><h1>Imprint</h1><h2>Responsible for the content of this site</h2></main>',
    # a tag's link names a topic
    '<main><h1>Tram line</h1><h2>Council backs the works for the new line</h2><a rel="tag" href="/tag/t/">Tram line</a></main>',
])
def test_a_short_h1_without_a_sections_marks_stays_the_title(body):
    h1 = re.search(r"<h1>(.*?)</h1>", body).group(1)
    html = _titled("", body, title=f"{h1} | Example")
    assert extract_article(html, "https://example.org/p/1").title == h1


FRAMED_H1 = ('<header><nav><a href="/">Home</a> <a href="/transport/">Transport</a></nav>'
             "<h1>Transport and city planning news</h1></header>"
             "<article><h2>Council backs the new tram line</h2></article>")


def test_an_h1_in_the_sites_frame_that_only_the_title_tag_confirms_gives_way_to_the_h2_og_title_names():
    og = ('<meta property="og:site_name" content="City News">'
          '<meta property="og:title" content="Council backs the new tram line">')
    html = _titled(og, FRAMED_H1, title="Transport and city planning news | City News")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line"
    # og:title naming the h1 keeps it
    og = ('<meta property="og:site_name" content="City News">'
          '<meta property="og:title" content="Transport and city planning news">')
    html = _titled(og, FRAMED_H1, title="Transport and city planning news | City News")
    assert extract_article(html, "https://example.org/a/1").title == "Transport and city planning news"


def test_heading_parts_are_found_inside_a_lone_wrapper():
    ld = '<script type="application/ld+json">{"@type": "BlogPosting", "headline": "Pyramid set for swimmers"}</script>'
    body = ('<h1 class="single-post-title"><span class="post-title" itemprop="headline">'
            "<small>Session of the week</small><br>Pyramid set for swimmers</span></h1>")
    assert extract_article(_titled(ld, body), "https://example.org/a").title == "Pyramid set for swimmers"


def test_an_h1_marked_as_the_entry_headline_is_no_logo():
    # a theme's class that happens to contain "blogtitle" does not make the post's headline a logo
    og = '<meta property="og:title" content="Alcohol on board – know the risks">'
    body = '<h1 class="w-post-elm post_title entry-title mythemeblogtitle" itemprop="headline">Alcohol on board</h1>'
    html = _titled(og, body, title="Alcohol on board – know the risks")
    assert extract_article(html, "https://example.org/a").title == "Alcohol on board"


def test_a_title_in_breadcrumb_order_gives_the_story_not_the_section():
    body = "<h1>Trade notices</h1><div><h1>Tobacco tax modernisation act published</h1></div>"
    html = _titled('<meta property="og:site_name" content="Customs online">', body, title="Customs online - Trade notices - Tobacco tax modernisation act published")
    assert extract_article(html, "https://example.org/a").title == "Tobacco tax modernisation act published"
    # the usual order: story first, a blog name (even one shown as a heading) after it
    body = "<h2>Notes from the Harbour Side</h2><h1>A quiet week on the pier</h1>"
    html = _titled("", body, title="A quiet week on the pier | Notes from the Harbour Side")
    assert extract_article(html, "https://example.org/a").title == "A quiet week on the pier"


def test_a_site_name_with_its_own_separator_is_stripped_whole():
    # the wiki's name (shown as a logo h1) holds a " - " itself
    body = '<h1 id="header"><a href="/">Salsa Moves - Rueda in Berlin</a></h1><div><p>Enchufla steps</p></div>'
    html = _titled("", body, title="Enchufla steps - Salsa Moves - Rueda in Berlin")
    assert extract_article(html, "https://example.org/enchufla").title == "Enchufla steps"
    html = _titled('<meta property="og:site_name" content="Salsa Moves - Rueda in Berlin">', "",
                   title="Salsa Moves - Rueda in Berlin | Enchufla steps")
    assert extract_article(html, "https://example.org/enchufla").title == "Enchufla steps"


def test_wordpress_blog_archive_crumb_is_no_part_of_the_title():
    body = '<h1><a href="/">Time for Talks</a></h1><div class="post"><p>Cinemas go digital</p></div>'
    for crumb in ("Blog Archive", "Blog Archiv"):
        html = _titled("", body, title=f"Time for Talks » {crumb} » More cinemas go digital")
        assert extract_article(html, "https://example.org/2013/08/07/cinemas").title == "More cinemas go digital"


def test_a_heading_confirms_the_declared_title_without_its_bracketed_note():
    og = '<meta property="og:title" content="The historic somersault (2021/5)">'
    html = _titled(og, '<div class="content"><h2>The historic somersault</h2></div>',
                   title="The historic somersault (2021/5): Gourmet Travel")
    assert extract_article(html, "https://example.org/a").title == "The historic somersault"


def test_the_story_h2_confirmed_by_og_title_is_found_after_many_menu_h2s():
    menus = "".join(f"<div class='box'><h2>Top in Rubric {i}</h2></div>" for i in range(20))
    og = '<meta property="og:title" content="Corsets - shops, designers, buying online">'
    body = f"{menus}<div class='post'><h1>Corsets – Germany</h1><h2>Corsets – shops, designers, buying online</h2></div>"
    html = _titled(og, body, title="Corsets - shops, designers, buying online")
    assert extract_article(html, "https://example.org/a").title == "Corsets – shops, designers, buying online"


def test_without_an_h1_the_heading_repeating_the_title_is_the_headline():
    # Blogger themes set a post's title in an h2 inside a "widget Blog" container; with no h1 the
    # whole page looked like sidebar widgets and the byline under the title was ignored.
    head = '<meta property="og:title" content="Enhanced protection now available">'
    body = ('<div class="widget Blog"><div class="post"><h2 class="title">Enhanced protection now available</h2>'
            f'<div class="post-body"><span class="byline-author">Posted by Nathan Exemple</span>{STORY}</div>'
            '</div></div>')
    assert extract_article(_page(head, body), "https://example.org/2020/05/a.html").authors == ["Nathan Exemple"]
    assert evidence_mod._headline_element(frontpage_mod.parse_html(_page("", "<h2>Short</h2>")), "") is None


def test_a_headline_set_in_no_heading_anchors_the_byline_beside_it():
    # The story's title in a div/p/span with a headline's class or itemprop (no h1, or only the
    # site's logo in one): the name-and-date line under it is the byline, as under an h1.
    head = '<meta property="og:title" content="Cinemas go digital in the valley">'
    byline = "<div><p>Laura Beispiel</p><p>12. März 2021</p></div>"
    logo = '<header class="site-header"><h1><a href="/">Daily Ledger</a></h1></header>'
    for shown in ('<div class="entry-title">Cinemas go digital in the valley</div>',
                  '<p class="post-title">Cinemas go digital in the valley</p>',
                  '<span itemprop="headline">Cinemas go digital in the valley</span>'):
        for top in ("", logo):
            html = _page(head, f"{top}<div class='post'>{shown}{byline}{STORY}</div>")
            assert extract_article(html, "https://example.org/2021/03/a").authors == ["Laura Beispiel"], (shown, top)
            tree = frontpage_mod.parse_html(html)
            assert evidence_mod._headline_element(tree, "https://example.org/2021/03/a").tag in ("div", "p", "span")


def test_the_headline_repeated_in_a_menu_teaser_is_not_the_story_s():
    # A mega-menu or a "latest posts" grid above the story shows the same title as a linked
    # heading: the story's own heading is the one outside menus and teaser links (a teaser's
    # heading sets the byline window hundreds of texts before the story's byline).
    head = '<meta property="og:title" content="Cinemas go digital in the valley">'
    title = "Cinemas go digital in the valley"
    byline = "<div><p>Laura Beispiel</p><p>12. März 2021</p></div>"
    more = "".join(f'<li><a href="/b{i}"><h2>Another story number {i}</h2></a> <span>Teaser</span></li>' for i in range(150))
    menus = (f'<div class="nav-menu"><ul><li><a href="/a"><h2>{title}</h2></a></li>{more}</ul></div>',
             f'<div class="grid"><div class="item"><h4 class="item-title"><a href="/a">{title}</a></h4>'
             f'<p>Teaser text of the story</p></div><ul>{more}</ul></div>')
    for menu in menus:
        for own in (f"<h2>{title}</h2>", f'<div class="entry-title">{title}</div>'):
            html = _page(head, f"{menu}<div class='post'>{own}{byline}{STORY}</div>")
            assert extract_article(html, "https://example.org/2021/03/a").authors == ["Laura Beispiel"], (menu, own)


def test_without_an_h1_the_first_content_h2_anchors_the_byline_though_the_metadata_words_it_otherwise():
    # No h1, and og:title is the search-engine wording, not the visible headline: the first h2 of
    # the page's content (not the menu's, not a heading after the story's text) is the headline.
    head = '<meta property="og:title" content="Solar power plant: the largest of its kind in the world">'
    byline = "<div><p>Laura Beispiel</p><p>12. März 2021</p></div>"
    links = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(50))
    menu = f'<nav><h2>Main menu</h2><ul>{links}</ul></nav>'
    for own in ("<h2>World's largest solar thermal plant is built in the desert</h2>",
                '<div class="entry-title">World\'s largest solar thermal plant is built in the desert</div>'):
        html = _page(head, f"{menu}<div class='post'>{own}{byline}{STORY}<h2>Related posts</h2></div>")
        assert extract_article(html, "https://example.org/2021/03/a").authors == ["Laura Beispiel"], own
    # a heading after the story's text is one of its sections, no headline
    tree = frontpage_mod.parse_html(_page(head, f"{STORY}{STORY}<h2>What the plant will cost in the end</h2>"))
    assert evidence_mod._headline_element(tree, "https://example.org/2021/03/a") is None


def test_a_breadcrumb_s_headline_item_is_not_the_story_s_headline():
    # a breadcrumb shows the page's title as its last item, classed like a headline
    head = '<meta property="og:title" content="Cinemas go digital in the valley">'
    links = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(50))
    crumb = f'<div class="c-breadcrumb"><ul>{links}</ul><p class="c-breadcrumb__headline">Cinemas go digital in the valley</p></div>'
    own = '<div class="entry-title">Cinemas go digital in the valley</div>'
    html = _page(head, f"{crumb}<div class='post'>{own}<div><p>Laura Beispiel</p><p>12. März 2021</p></div>{STORY}</div>")
    assert evidence_mod._headline_element(frontpage_mod.parse_html(html), "https://example.org/a").get("class") == "entry-title"
    assert extract_article(html, "https://example.org/2021/03/a").authors == ["Laura Beispiel"]
    # ... nor better than an h1 worded otherwise than the metadata
    html = html.replace(own, "<h1>Cinemas and theatres go digital in the valley</h1>")
    assert evidence_mod._headline_element(frontpage_mod.parse_html(html), "https://example.org/a").tag == "h1"


def test_a_personal_domain_spelling_the_meta_author_is_its_owner():
    head = '<meta name="author" content="Wolfgang Exempel">'
    body = f"<h1>A story</h1>{STORY}"
    # the domain spells the person's name: the site's owner wrote it
    assert extract_article(_page(head, body), "https://www.wolfgangexempel.de/2017/a/").authors == ["Wolfgang Exempel"]
    # a declared site name spelling it with its spaces may be an outlet: it stays out
    named = head + '<meta property="og:site_name" content="Wolfgang Exempel">'
    assert extract_article(_page(named, body), "https://www.wolfgangexempel.de/2017/a/").authors == []


def test_a_login_name_as_author_is_shown_as_its_archive_link_names_it():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A story",'
          ' "author": {"@type": "Person", "name": "sarah-inge"}}</script>')
    # (the link far below the story, in a list of the site's authors: no byline the reader sees)
    team = '<footer><ul><li><a href="https://example.org/author/sarah-inge/">Sarah-Inge Muster</a></li></ul></footer>'
    body = f"<h1>A story</h1>{STORY * 8}{team}"
    assert extract_article(_page(ld, body), "https://example.org/a").authors == ["Sarah-Inge Muster"]
    # a link to another author's archive leaves the login name as it is
    other = body.replace("/author/sarah-inge/", "/author/jane-roe/")
    assert extract_article(_page(ld, other), "https://example.org/a").authors == ["sarah-inge"]


def test_a_lone_first_name_as_author_is_spelt_out_as_the_page_spells_it():
    # a blog's display name in JSON-LD; the person's description (Yoast) opens with the full name
    ld = ('<script type="application/ld+json">{"@graph": [{"@type": "BlogPosting", "headline": "A story",'
          ' "author": {"@id": "#p1"}}, {"@type": "Person", "@id": "#p1", "name": "Nils",'
          ' "description": "Nils Exemple ist freier Autor und Journalist."}]}</script>')
    body = f"<h1>A story</h1>{STORY * 8}"
    assert extract_article(_page(ld, body), "https://example.org/a").authors == ["Nils Exemple"]
    # ... or the author box's biography does
    plain = ld.replace("Nils Exemple ist freier Autor und Journalist.", "Freier Autor.")
    box = ('<div class="author-box"><div class="author-name">Nils</div>'
           '<p class="author-bio">Nils Exemple ist freier Autor und Journalist.</p></div>')
    assert extract_article(_page(plain, body + box), "https://example.org/a").authors == ["Nils Exemple"]
    # a box that sets the name and a biography opening with a noun side by side names no surname
    box = ('<div class="author-box"><span class="author-name">Matthias</span>'
           '<span class="author-bio">Medizinstudent, Papa und Pfleger</span></div>')
    # an acronym is no first name
    acronym = ld.replace('"name": "Nils"', '"name": "AFP"').replace("Nils Exemple ist", "AFP Newsroom ist")
    assert extract_article(_page(acronym, body), "https://example.org/a").authors == ["AFP"]
    plain = plain.replace('"name": "Nils"', '"name": "Matthias"')
    assert extract_article(_page(plain, body + box), "https://example.org/a").authors == ["Matthias"]


def test_a_date_set_in_the_h1_before_the_headline_is_not_part_of_the_title():
    # the h1's own date child runs into the headline's text; nothing in the metadata names the story
    html = ("<html><head><title>Startseite - Heizoel24</title></head><body><article>"
            '<h1><span class="date">27.01.2022</span>Heizöl wird im Januar teurer</h1><p>' + "Wort " * 80 +
            "</p></article></body></html>")
    assert extract_article(html, "https://example.org/a/1").title == "Heizöl wird im Januar teurer"


def test_the_site_name_in_a_feed_link_title_is_stripped_from_the_title():
    # no h1, no og:site_name: only the feed links ("Site » Feed", "Site RSS2 Feed") name the site
    for feed in ("Stone Age &amp; Co » Feed", "Stone Age &amp; Co RSS2 Feed", "Atom-Feed für „Stone Age &amp; Co“"):
        head = f'<link rel="alternate" type="application/rss+xml" title="{feed}" href="/feed/">'
        html = _titled(head, STORY, title="Tools of the Neanderthals | Stone Age &amp; Co")
        assert extract_article(html, "https://example.org/tools").title == "Tools of the Neanderthals"
    # a feed titled without feed words is a tag's or the page's own feed: it names no site
    head = '<link rel="alternate" type="application/rss+xml" title="Energy transition" href="/t/1/feed">'
    html = _titled(head, STORY, title="Energy transition | Institute for Sustainability")
    assert extract_article(html, "https://example.org/t/1").title == "Energy transition | Institute for Sustainability"


def test_without_an_h1_a_title_beginning_with_the_site_name_is_kept_rather_than_nothing():
    # a magazine's issue page: the title only begins with the site's name, and there is nothing else
    head = '<meta property="og:site_name" content="GUITAR &amp; BASS"><meta property="og:title" content="Guitar &amp; Bass 02/2022">'
    html = _titled(head, "",
                   title="Guitar &amp; Bass 02/2022 | GUITAR &amp; BASS")
    assert extract_article(html, "https://example.org/issue/2022-02").title == "Guitar & Bass 02/2022"


def test_site_names_after_angle_quote_and_doubled_pipe_separators_are_stripped():
    head = '<meta property="og:site_name" content="Nordish">'
    for title, want in (("Running in winter › Nordish", "Running in winter"),
                        ("Cat blanket, two layers | | ✂ Nordish®", "Cat blanket, two layers"),
                        ("Running in winter ǀ Nordish", "Running in winter")):
        assert extract_article(_titled(head, "", title=title), "https://example.org/a").title == want


def test_site_name_before_a_colon_or_in_closing_brackets_and_a_trailing_date_are_stripped():
    head = '<meta property="og:site_name" content="Sun Energy">'
    for title, want in (("SUN ENERGY: The wind rebel", "The wind rebel"),
                        ("»No money left for the rent« (Sun Energy)", "»No money left for the rent«"),
                        ("So much rain in a long time : 31.10.2023, 10.19 Uhr", "So much rain in a long time"),
                        ("Sun Energy - Heavy rain - 31.10.2023", "Heavy rain")):
        assert extract_article(_titled(head, "", title=title), "https://example.org/a").title == want
    # a colon after anything but the site's name is part of the headline
    html = _titled(head, "", title="Chancellor: we will act now")
    assert extract_article(html, "https://example.org/a").title == "Chancellor: we will act now"


@pytest.mark.parametrize("h1", [
    # schema.org microdata marks the headline inside the h1
    '<h1><span class="sub">Open Progress</span><br><span itemprop="headline">Why thinking together wins</span></h1>',
    # a <small> line of its own before a <br>, inside the marked headline
    '<h1><span itemprop="headline"><small>Unit of the week</small><br>Why thinking together wins</span></h1>',
    # a link to the section's page set before the headline
    '<h1><div><a href="https://example.org/news/politics/">Politics | </a></div> <span>Why thinking together wins</span></h1>',
    # kicker and subtitle classes
    '<h1 class="entry-title"><span class="entry-title__toptitle">Avoid losses</span> Why thinking together wins</h1>',
    '<h1><span class="title-primary">Why thinking together wins</span> <span class="entry-subtitle">A long look at teams</span></h1>',
])
def test_kickers_and_subtitles_inside_the_h1_are_no_part_of_an_unconfirmed_headline(h1):
    # nothing in the metadata repeats the headline: only the h1's own markup tells kicker from headline
    html = _titled("", f"<article>{h1}</article>", title="Teams")
    assert extract_article(html, "https://example.org/a/1").title == "Why thinking together wins"


def test_a_two_line_h1_of_plain_spans_keeps_both_lines():
    h1 = "<h1><span>Row before the works meeting:</span><br> <span>Board and chief at odds</span></h1>"
    og = '<meta property="og:title" content="Row before the works meeting: Board and chief at odds">'
    html = _titled(og, f"<article>{h1}</article>")
    assert extract_article(html, "https://example.org/a/1").title == "Row before the works meeting: Board and chief at odds"


def test_without_an_h1_declared_titles_that_disagree_but_end_alike_give_the_shared_ending():
    og = '<meta property="og:title" content="Industrial revolution?: Anno 1800 Beta">'
    html = _titled(og, "", title="gamesite | Previews: Anno 1800 Beta")
    assert extract_article(html, "https://gamesite.example/previews/anno").title == "Anno 1800 Beta"
    # one title being the other's ending is no disagreement: the most trusted stays whole
    og = '<meta property="og:title" content="Radon in the soil: new map gives guidance">'
    html = _titled(og, "", title="Office - Press - Radon in the soil: new map gives guidance")
    assert extract_article(html, "https://example.org/p/1").title == "Radon in the soil: new map gives guidance"


def test_a_title_in_breadcrumb_order_after_the_site_name_drops_the_sections_too():
    head = '<meta property="og:site_name" content="Federal Police">'
    html = _titled(head, "", title="Federal Police - Current news - Illegal crossings rise again this year")
    assert extract_article(html, "https://example.org/a/1").title == "Illegal crossings rise again this year"
    # without the site first, "Section - Story" may as well be "Kicker - Story": both parts stay
    html = _titled(head, "", title="Elder - From the ghetto to Augusta | Federal Police")
    assert extract_article(html, "https://example.org/a/1").title == "Elder - From the ghetto to Augusta"


def _headline_text(html: str) -> str | None:
    from media_monitor.extract.frontpage import parse_html

    h = evidence_mod.Evidence(parse_html(html), "https://example.org/a").scan.headline
    return None if h is None else _norm(h.text_content())


def test_the_heading_repeating_the_declared_title_is_the_headline():
    # the first h1 names the blog (its site name), the story's title is an h2 that <title> repeats
    blog = ("<html><head><title>Kestrel Notes » Blog Archive » Harbour strike enters its second week</title>"
            '<meta property="og:site_name" content="Kestrel Notes"></head>'
            "<body><h1>Kestrel Notes</h1><h2>Harbour strike enters its second week</h2>" + STORY + "</body></html>")
    assert _headline_text(blog) == "Harbour strike enters its second week"
    # the first h1 is a menu's; a later h1 repeats og:title
    menu = ('<html><head><meta property="og:title" content="Harbour strike enters its second week"></head><body>'
            "<h1>SERVICE</h1><ul><li>Kontakt</li></ul><h1>Harbour strike enters its second week</h1>" + STORY + "</body></html>")
    assert _headline_text(menu) == "Harbour strike enters its second week"
    # an h1 repeating a short leading part stays, though a lower heading repeats the site's part
    short = ("<html><head><title>Plejaden, M45 - Abenteuer Astronomie</title></head><body>"
             "<h4>Abenteuer Astronomie</h4><h1>Plejaden, M45</h1>" + STORY + "</body></html>")
    assert _headline_text(short) == "Plejaden, M45"
    # an h1 longer than the declared title still repeats it
    longer = ("<html><head><title>Ultium Cells raises capacity | Battery</title></head><body><h1>Ultium Cells raises "
              "capacity in Tennessee</h1><h3>Ultium Cells raises capacity</h3>" + STORY + "</body></html>")
    assert _headline_text(longer) == "Ultium Cells raises capacity in Tennessee"


def test_a_heading_set_as_an_image_is_read_by_its_alt_text():
    html = ('<html><head><meta property="og:title" content="makrophotos von insekten"></head><body>'
            '<ul>' + "<li><a href='/x'>Menu entry</a></li>" * 50 + '</ul><h2><a href="/makro/">'
            '<img src="/t.png" alt="makrophotos von insekten"></a></h2>'
            '<div class="meta">Autor: <a rel="author" href="/author/c1ph4/">c1ph4</a></div>' + STORY + "</body></html>")
    h = evidence_mod.Evidence(frontpage_mod.parse_html(html), "https://example.org/a").scan.headline
    assert h is not None and h.tag == "h2"


def test_an_aside_inside_the_story_article_holds_its_byline():
    body = (f'<article><header><h1>A story</h1></header><aside class="meta"><p class="authors">Von:<br>'
            f'<a href="/autor/anna-exemple-12" class="author-name">Anna Exemple</a></p></aside>{STORY}</article>'
            '<aside class="sidebar"><p class="author">Sidebar Person</p></aside>')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Anna Exemple"]
    # an aside of the page (outside the story's article) is still elsewhere
    outside = f'<article><h1>A story</h1>{STORY}</article><aside><p class="author">Von Sidebar Person</p></aside>'
    assert extract_article(_page("", outside), "https://example.org/a").authors == []


def test_a_meta_author_naming_the_site_gives_way_to_a_byline():
    head = '<meta name="author" content="EFC Bayrische Exemple">'
    url = "https://bayrische-exemple.de/news/article.php?storyid=504"
    byline = f'<h1>A story</h1><div class="info">Geschrieben von <a href="/userinfo.php?uid=6">Cooper</a></div>{STORY}'
    assert extract_article(_page(head, byline), url).authors == ["Cooper"]
    # with no byline on the page it is still the answer of last resort
    assert extract_article(_page(head, f"<h1>A story</h1>{STORY}"), url).authors == ["EFC Bayrische Exemple"]


def test_a_byline_the_page_shows_over_an_author_meta_tag_naming_someone_else():
    url = "https://example.org/a"
    head = '<meta name="author" content="Paul Exemple">'
    byline = f"<h1>A story</h1><div class='intro'>Ein Interview von Eugen Muster mit Sonja Probe.</div>{STORY}"
    # the tag's name is nowhere on the page (a template's fixed value): the byline the reader sees
    assert extract_article(_page(head, byline), url).authors == ["Eugen Muster"]
    # the page shows the tag's name too (here as the editor below the story): the tag stays
    shown = byline + "<p>Redaktion: Paul Exemple</p>"
    assert extract_article(_page(head, shown), url).authors == ["Paul Exemple"]
    # ... unless the byline links its name to the author's page, where the tag names the site's owners
    owners = ('<meta name="author" content="Matthias Probe - Lukas Muster">')
    linked = ('<ul class="menu"><li><a href="https://matthiasprobe.example">Matthias Probe</a></li></ul>'
              '<h1>A story</h1><div class="date">Erstellt von <a href="/author/fabian/">Fabian</a> am 6. Mai 2014</div>'
              + STORY)
    assert extract_article(_page(owners, linked), url).authors == ["Fabian"]
    assert extract_article(_page(owners, linked.replace("/author/fabian/", "/tag/fabian/")), url).authors == ["Matthias Probe"]


def test_a_byline_paragraph_of_its_own_over_the_author_meta_tag_of_the_account_that_posted():
    url = "https://example.org/a"
    head = '<meta name="author" content="Isabell Exemple">'
    meta_line = '<h1>A story</h1><div class="meta"><a href="/profil/isabell">Isabell Exemple</a> | 25. Dezember 2022</div>'
    own = '<p><span><strong>Von Mat\u00adthi\u00adas Muster</strong></span></p>'
    # the story's byline set as a paragraph of its own (with the soft hyphens the layout sets): its author
    assert extract_article(_page(head, meta_line + "<p>Lead of the story.</p>" + own + STORY), url).authors == [
        "Matthias Muster"]
    # a "von X" inside a paragraph of prose cites someone else's work: the tag stays
    cited = "<p>Aus dem Essay <a href='https://elsewhere.example/e'>Pain</a> von Stephanie Probe.</p>"
    assert extract_article(_page(head, meta_line + cited + STORY), url).authors == ["Isabell Exemple"]


def test_soft_hyphens_in_a_byline_are_not_part_of_the_name():
    body = "<h1>A story</h1><p>Von Mat\u00adthi\u00adas Mus\u00adter</p>" + STORY
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Matthias Muster"]
    assert clean_authors(["Jane\u200b Doe\u00ad"]) == ["Jane Doe"]


def test_the_name_beside_a_link_to_all_of_its_authors_pieces():
    url = "https://example.org/magazin/a"
    card = ('<div class="teaser-box author"><div class="text"><div class="title-small"> Johanna Exemple </div>'
            '<div class="moreinfo"><a href="/search?searchword=johanna-exemple">Alle Artikel</a></div></div></div>')
    assert extract_article(_page("", f"<aside>{card}</aside><h1>A story</h1>{STORY}"), url).authors == ["Johanna Exemple"]
    expert = ('<div class="expert"><div class="expert-name">Iris Muster-Probe</div>'
              '<a href="/experten/iris" title="zu allen Rezepten vom Autor">zu allen Rezepten vom Autor</a></div>')
    assert extract_article(_page("", f"<h1>A story</h1>{STORY}{expert}"), url).authors == ["Iris Muster-Probe"]
    # a menu's entry before an "all posts" entry is a section, and a list of the site's authors names no one
    menu = '<ul><li><a href="/profi">Frag den Profi</a></li><li><a href="/profi/all">Alle Beiträge</a></li></ul>'
    assert extract_article(_page("", f"{menu}<h1>A story</h1>{STORY}"), url).authors == []
    team = card + card.replace("Johanna Exemple", "Jane Probe")
    assert extract_article(_page("", f"<aside>{team}</aside><h1>A story</h1>{STORY}"), url).authors == []


def test_a_json_ld_person_that_is_the_brand_gives_way_to_the_byline():
    url = "https://eatexemple.de/rezepte/a"
    ld = ('<meta property="og:site_name" content="{site}"><script type="application/ld+json">'
          '{{"@type": "Recipe", "author": {{"@type": "Person", "name": "{site}"}}}}</script>')
    byline = f'<h1>A story</h1><p class="byline">Von Iris Exemple</p>{STORY}'
    # the site's name in capitals, or in no person's shape, is the brand's account
    for site in ("EAT EXEMPLE", "L'Exemple"):
        assert extract_article(_page(ld.format(site=site), byline), url).authors == ["Iris Exemple"], site
        assert extract_article(_page(ld.format(site=site), f"<h1>A story</h1>{STORY}"), url).authors != []
    # a person's name as the site's (a blog named for its author) is the author, as declared
    assert extract_article(_page(ld.format(site="Frau Exemple"), byline), url).authors == ["Frau Exemple"]


def test_portuguese_credits_of_the_outlet_and_the_place_are_no_names():
    assert clean_authors(["Do UOL, em São Paulo"], ["UOL"]) == []
    assert clean_authors(["Por Ana Exemplo, em Brasília"]) == ["Ana Exemplo"]


def test_a_link_to_the_readers_own_account_is_no_author():
    body = '<h1>A story</h1><div class="tools"><a href="/user/account">My Account</a></div>' + STORY
    assert extract_article(_page("", body), "https://example.org/a").authors == []
    assert clean_authors(["Mein Konto"]) == []


def test_a_dateline_with_a_bare_name_next_to_the_headline():
    body = f"<div><small>04.02.2022 | 13:10 Uhr | Uta Exemple</small><h1>A story</h1>{STORY}</div>"
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Uta Exemple"]
    # further from the headline, "date | two words" is as likely a section or a teaser
    far = f"<h1>A story</h1><p>Lead.</p><p>More.</p>{STORY}<p><small>04.02.2022 | Neue Studie</small></p>"
    assert extract_article(_page("", far), "https://example.org/a").authors == []


def test_a_byline_container_above_a_deep_avatar_link_is_still_scanned():
    # the initials' text sits four levels below the byline's item: the scan's walk from it stops
    # at the item, and the name's own (shallower) walk must still go on up to the "autor" element
    body = ('<h1>A story</h1><div class="autor"><div class="item"><div class="sigla"><a href="/autor?t=jd">'
            '<div class="letras">JD</div></a></div><div class="name">Jane Doe</div></div></div>' + STORY)
    scan = evidence_mod.Evidence(frontpage_mod.parse_html(_page("", body)), "https://example.org/a").scan
    assert any(el.get("class") == "autor" for el in scan.bylines)


def test_a_byline_listing_several_authors_by_name_elements():
    body = ('<h1>A story</h1><div class="autor">'
            '<div class="item"><span class="initials">JD</span><div class="name">Jane Doe</div></div>'
            '<div class="item"><span class="initials">JR</span><div class="name">John Roe</div></div></div>' + STORY)
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Doe", "John Roe"]
    # a single author's name element leaves the role beside it out
    role = ('<h1>A story</h1><div class="author"><span class="name">Jane Doe</span> '
            '<span class="title">Klimaexpertin</span></div>' + STORY)
    assert extract_article(_page("", role), "https://example.org/a").authors == ["Jane Doe"]


def test_a_labelled_byline_with_a_lower_case_agency_credit():
    # "Von: abc/dpa": an editor's short sign and the agency after a label with a colon
    body = f'<h1>A story</h1><div><p class="article-date">Von: abc/dpa</p><h2>Ein Zwischentitel:</h2>{STORY}</div>'
    assert extract_article(_page("", body), "https://example.org/a").authors == ["abc/dpa"]


def test_labels_beside_a_byline_are_no_names():
    assert clean_authors(["By Jane Doe", "View author archive", "Letzte Aktualisierung: 28.01.2022"]) == ["Jane Doe"]
    body = ('<h1>A story</h1><div class="author-byline"><p class="byline">By Jane Doe</p>'
            '<a class="author-link" href="/x">View author archive</a></div>' + STORY)
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Doe"]


def test_byline_cards_of_other_stories_are_no_co_authors():
    teaser = ('<div class="card"><div class="card-content"><h3>Another story</h3>'
              '<div class="article-author">Rita Roe</div></div></div>')
    body = (f'<div class="head"><h1>A story</h1><div class="meta"><div class="story-author">Jane Doe</div></div></div>'
            f'<div class="more"><div class="grid">{teaser}{teaser}</div></div>{STORY}')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Doe"]
    # co-authors in the same byline block stay
    both = ('<h1>A story</h1><div class="meta"><p><span class="author">Jane Doe</span> und '
            '<span class="author">John Roe</span></p></div>' + STORY)
    assert extract_article(_page("", both), "https://example.org/a").authors == ["Jane Doe", "John Roe"]


def test_a_media_group_named_in_french_or_spanish_is_no_author():
    assert clean_authors(["Prisma Média", "Marie Exemple"]) == ["Marie Exemple"]
    assert clean_authors(["Grupo Medios Exemple; Juan Exemple"]) == ["Juan Exemple"]


def test_a_dateline_right_above_the_headline_in_a_widget_block():
    # page builders wrap every block in "widget" containers: the line over the headline is still its dateline
    body = ('<div class="builder-widget-date"><p>6. November 2023 / 09:18 Uhr</p></div>'
            '<div class="builder-widget-heading"><h1>A story</h1></div>' + STORY
            + '<aside><p>Beliebt: 12.12.2023</p></aside>')
    published = extract_article(_page("", body), "https://example.org/a").published_at
    assert published is not None and published.date().isoformat() == "2023-11-06"
    assert (published.hour, published.minute) == (9, 18)  # read by the headline, not a day-only fallback


def test_a_dateline_with_a_two_digit_year_under_the_headline():
    body = '<h1>A story</h1><p class="meta">veröffentlicht am 14 Feb ’20 | Kategorien: Social Media</p>' + STORY
    published = extract_article(_page("", body), "https://example.org/a").published_at
    assert published is not None and published.date().isoformat() == "2020-02-14"


def test_a_name_split_mid_word_by_an_inline_element_is_joined():
    # a letter-spacing span around the last letter must not split the name ("Will Knigh t")
    body = ('<h1>A story</h1><p class="byline" itemprop="author"><span itemprop="name">'
            '<a href="/contributor/jane-doe">Jane Do<span class="last-letter">e</span></a></span></p>' + STORY)
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Doe"]


def test_a_programme_or_centre_after_a_name_is_no_co_author():
    # "Name, Role, Organisation & Name, Role, Organisation": the organisations are no authors
    assert clean_authors(["Jane Doe; Example Justice Program; John Roe"]) == ["Jane Doe", "John Roe"]
    assert clean_authors(["Jane Doe; Centre for Example Studies"]) == ["Jane Doe"]


def test_a_community_section_label_beside_the_byline_is_no_author():
    # "Jane Doe | Community": the label of the section a reader's post appears in, not a co-author
    body = ('<h1>A story</h1><div class="subtitle"><span class="author"><a href="/autoren/jane-doe">Jane Doe</a></span>'
            ' | <span class="author-group"><a href="/community">Community</a></span></div>' + STORY)
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Doe"]


def test_an_author_archive_link_wrapping_a_bold_name():
    # the link's text sits in an inline element: "<a href="/autor/jane-doe_12"><strong>Jane Doe</strong></a>"
    body = ('<h1>A story</h1><h2>A subtitle</h2><div class="bottom"><h6><a href="/autor/jane-doe_7617">'
            '<strong>Jane Doe</strong></a></h6></div>' + STORY)
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Doe"]


def test_an_unmarked_kicker_in_the_h1_is_dropped_when_the_title_tag_repeats_only_the_rest():
    # "<h1><span>Politics</span> Story</h1>" under "<title>Vienna: Story - Site": the title tag carries a
    # kicker of its own, so it confirms the story only as a run of whole parts, and the h1's first line is no part
    h1 = "<article><h1><span>Politics</span> Council approves the new tram line</h1></article>"
    html = _titled("", h1, title="Vienna: Council approves the new tram line - City News")
    assert extract_article(html, "https://example.org/a/1").title == "Council approves the new tram line"
    # a line under the headline that no declared title carries goes too
    h1 = "<article><h1><span>Council approves the new tram line</span> <span>Works begin in May</span></h1></article>"
    html = _titled("", h1, title="Council approves the new tram line | City News")
    assert extract_article(html, "https://example.org/a/1").title == "Council approves the new tram line"
    # a two-line h1 the declared title repeats whole keeps both lines
    h1 = "<article><h1><span>Tram line approved:</span> <span>works begin in May</span></h1></article>"
    html = _titled("", h1, title="Tram line approved: works begin in May | City News")
    assert extract_article(html, "https://example.org/a/1").title == "Tram line approved: works begin in May"


def test_the_site_name_on_the_link_home_is_stripped_from_the_title():
    # no metadata names the site and the host does not spell it: the logo's link home does
    logo = '<header><a href="/"><img src="/logo.svg" alt="Weekly Wine Logo"></a></header>'
    html = _titled("", logo + "<article><p>Text</p></article>", title="Luxury group grows steadily | Weekly Wine")
    assert extract_article(html, "https://example.org/a/1").title == "Luxury group grows steadily"
    # the name first, and the link home written in full with the text on the link
    logo = '<header><a href="https://www.example.org/de/" title="Zur Startseite">Weekly Wine</a></header>'
    html = _titled("", logo + "<article><p>Text</p></article>", title="Weekly Wine - Luxury group grows steadily")
    assert extract_article(html, "https://www.example.org/a/1").title == "Luxury group grows steadily"
    # a link elsewhere (another site's home, or a section) names nothing
    links = '<a href="https://other.example/">Weekly Wine</a><a href="/news/">Weekly Wine</a>'
    html = _titled("", links + "<article><p>Text</p></article>", title="Luxury group grows steadily | Weekly Wine")
    assert extract_article(html, "https://example.org/a/1").title == "Luxury group grows steadily | Weekly Wine"


def test_without_a_heading_the_core_that_declared_titles_share_is_the_title():
    # og:title adds a subtitle that <title> does not carry: the part both carry is the story
    og = '<meta property="og:title" content="Harbour strike enters its second week: what it means for you">'
    html = _titled(og, "<article><p>Text</p></article>", title="Harbour strike enters its second week")
    assert extract_article(html, "https://example.org/a/1").title == "Harbour strike enters its second week"
    # ... or a section in front of it
    og = '<meta property="og:title" content="Economy - Harbour strike enters its second week">'
    html = _titled(og, "<article><p>Text</p></article>", title="Harbour strike enters its second week")
    assert extract_article(html, "https://example.org/a/1").title == "Harbour strike enters its second week"
    # a shorter title that is no run of whole parts is a rewrite, not the core: the most trusted stays
    og = '<meta property="og:title" content="Harbour strike enters its second week in Hamburg">'
    html = _titled(og, "<article><p>Text</p></article>", title="Harbour strike enters its second week")
    assert extract_article(html, "https://example.org/a/1").title == "Harbour strike enters its second week in Hamburg"


def test_a_title_part_the_site_host_abbreviates_names_the_site():
    # no metadata names the site; the host is the initials of the name the <title> adds
    html = _titled("", "<article><p>Text</p></article>", title="Radon in the soil: a new map - Bundesamt für Strahlenschutz")
    assert extract_article(html, "https://www.bfs.de/a/1").title == "Radon in the soil: a new map"
    html = _titled("", "<article><p>Text</p></article>", title="Deutscher Schwimm-Verband | Pool passes on sale now")
    assert extract_article(html, "https://www.dsv.de/a/1").title == "Pool passes on sale now"
    html = _titled("", "<article><p>Text</p></article>", title="Genossenschaftsverband Bayern (GVB) | The union at a glance")
    assert extract_article(html, "https://www.gvb.de/a/1").title == "The union at a glance"
    # a part whose initials spell another word stays
    html = _titled("", "<article><p>Text</p></article>", title="The union at a glance | Genossenschaftsverband Bayern")
    assert extract_article(html, "https://www.dsv.de/a/1").title == "The union at a glance | Genossenschaftsverband Bayern"


def test_the_copyright_holder_in_the_footer_is_stripped_from_the_title():
    footer = "<footer><p>© 2004–2021 Weekly Wine GmbH. All rights reserved.</p></footer>"
    html = _titled("", "<article><p>Text</p></article>" + footer, title="Luxury group grows steadily - Weekly Wine")
    assert extract_article(html, "https://example.org/a/1").title == "Luxury group grows steadily"
    # a copyright line naming someone else (a photo agency) leaves the title whole
    footer = "<footer><p>Photos: © Picture Agency</p></footer>"
    html = _titled("", "<article><p>Text</p></article>" + footer, title="Luxury group grows steadily - Weekly Wine")
    assert extract_article(html, "https://example.org/a/1").title == "Luxury group grows steadily - Weekly Wine"


def test_without_an_h1_the_first_content_h2_is_the_headline_when_no_metadata_repeats_a_heading():
    # a theme that sets the post's title in an h2; <title> names only the page's section
    body = ('<nav><h2>Main menu</h2></nav><h2 class="sr-only">Navigation</h2><h2>Content</h2>'
            "<article><h2>Write for the readers you have</h2><p>Text</p><h2>Related posts</h2></article>")
    html = _titled("", body, title="Writing style - Example Web Design")
    assert extract_article(html, "https://example.org/a/1").title == "Write for the readers you have"
    # a date header above the day's posts, or a comment count, is no headline
    body = "<h2>Saturday, 9 September 2017</h2><article><h3>Love is war</h3><p>Text</p></article>"
    html = _titled("", body, title="Review: Love is war")
    assert extract_article(html, "https://example.org/a/1").title == "Review: Love is war"
    body = "<article><p>Text</p><h2>2 Kommentare</h2></article>"
    html = _titled("", body, title="Ins neue Jahr")
    assert extract_article(html, "https://example.org/a/1").title == "Ins neue Jahr"
    # an h1 that is only an image (image-replaced, no text) counts as none: with a <title> that is only
    # the site's name, the first content h2 is the headline rather than no title at all
    body = ('<h1 class="sifr"><img src="/logo.gif" alt=""></h1><h2>Rail replacement services travel advice</h2>'
            '<h2>General information</h2>')
    html = _titled('<meta property="og:site_name" content="National Rail Enquiries">', body, title="National Rail Enquiries -")
    assert extract_article(html, "https://example.org/disruptions/245738.aspx").title == "Rail replacement services travel advice"


def test_a_story_header_outside_any_article_element_is_no_page_chrome():
    # the story's own <header> (h1 and byline) set in plain divs; the metadata rewrote the headline
    og = '<meta property="og:title" content="Mini SUVs on the rise - a first look">'
    body = ('<div class="post"><header class="entry-header"><h1>Small SUVs win over city drivers</h1>'
            '<p>By Jane Doe</p></header><div class="entry-content"><p>Text</p></div></div>')
    assert extract_article(_titled(og, body), "https://example.org/a/1").title == "Small SUVs win over city drivers"
    # the site's header, with its navigation, stays chrome: its h1 is no story
    body = ('<header><h1>Small SUVs and city drivers</h1><nav><a href="/a">A</a></nav></header>'
            '<div class="post"><p>Text</p></div>')
    assert extract_article(_titled(og, body), "https://example.org/a/1").title == "Mini SUVs on the rise - a first look"


def test_of_several_h1s_the_one_sharing_words_with_the_declared_title_is_the_story():
    # the section's name set in an h1 of its own before the story's; the metadata rewrote the headline
    og = '<meta property="og:title" content="Council backs the new tram line to the harbour">'
    body = ('<div class="section"><h1>Latest news</h1></div>'
            "<div class=story><h1>Tram line to the harbour gets the council's approval</h1><p>Text</p></div>")
    html = _titled(og, body)
    assert extract_article(html, "https://example.org/a/1").title == "Tram line to the harbour gets the council's approval"
    # sharing no words with any h1, the first h1 stays the story
    og = '<meta property="og:title" content="Something else entirely">'
    html = _titled(og, body)
    assert extract_article(html, "https://example.org/a/1").title == "Latest news"


@pytest.mark.parametrize("h1", [
    "<h1>Transport<br>Council backs the new tram line</h1>",
    "<h1>Council backs the new tram line<br>Works begin in May, the city says</h1>",
])
def test_a_line_of_the_h1_set_apart_by_a_br_is_the_headline_the_metadata_names(h1):
    og = '<meta property="og:title" content="Council backs the new tram line">'
    assert extract_article(_titled(og, f"<article>{h1}</article>"), "https://example.org/a/1").title == (
        "Council backs the new tram line"
    )


def test_a_kicker_the_markup_puts_after_the_headline_in_the_h1_is_no_part_of_it():
    # "<h1><span>Headline</span> <small class=topline>Kicker</small></h1>", the kicker set above by CSS
    h1 = '<h1><span>Council backs the new tram line</span> <small class="c-topline">Transport</small></h1>'
    html = _titled("", f"<article>{h1}</article>", title="City News")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line"


def test_of_several_unconfirmed_h1s_one_sharing_a_word_with_the_metadata_goes_before_the_first():
    # a section's h1 first, then the story's, which shares only one word with the rewritten og:title
    og = '<meta property="og:title" content="Why a tram matters">'
    body = "<div><h1>Latest news</h1></div><article><h1>Council backs the new tram line</h1></article>"
    html = _titled(og, body, title="Why a tram matters | Example")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line"


def test_a_br_in_an_unconfirmed_h1_is_a_space():
    html = _titled("", "<article><h1>Council backs<br>the new tram line</h1></article>", title="Transport")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line"


@pytest.mark.parametrize("title", [
    "Harbour strike enters its second week - Page 2",
    "Harbour strike enters its second week | Seite 2 von 3",
    "Harbour strike enters its second week (Video)",
    "Harbour strike enters its second week [Fotos] | Example",
    "Harbour strike enters its second week | Photos",
    # a page number after a breadcrumb ("Site - Section - Story - Page 2"), a note before a "›"
    "Example News - Politics - Harbour strike enters its second week - Page 2",
    "Harbour strike enters its second week (Video) › Example News",
])
def test_a_page_number_or_media_label_is_no_part_of_a_declared_title(title):
    html = _titled("", "<article><p>Text</p></article>", title=title)
    assert extract_article(html, "https://example.org/a/1").title == "Harbour strike enters its second week"


def test_a_media_note_goes_from_a_short_title_and_from_the_part_a_heading_repeats():
    html = _titled("", "<article><p>Text</p></article>", title="Emden (Video) - Example")
    assert extract_article(html, "https://example.org/a/1").title == "Emden"
    # "Story (Video) | Lakeview Workers Union", the site named nowhere else: the h2 repeating the
    # story's part is the headline
    body = "<h1>Lakeview Workers Union</h1><h2>Harbour strike enters its second week</h2>"
    html = _titled("", body, title="Harbour strike enters its second week (Video) | Lakeview Workers Union")
    assert extract_article(html, "https://example.org/a/1").title == "Harbour strike enters its second week"


def test_a_trailing_part_holding_the_hosts_name_as_a_word_names_the_site():
    html = _titled("", "<article><p>Text</p></article>",
                   title="Harbour strike enters its second week | The Lakeside Courier Weekly")
    assert extract_article(html, "https://courier.example/a/1").title == "Harbour strike enters its second week"
    # the host's name spelt with a space and an accent
    html = _titled("", "<article><p>Text</p></article>", title="Huelga en el puerto entra en su segunda semana - Últimas Noticias")
    assert extract_article(html, "https://ultimasnoticias.example/a/1").title == "Huelga en el puerto entra en su segunda semana"
    # a part as long as the one before it may be the story: it stays
    html = _titled("", "<article><p>Text</p></article>", title="Politics | Courier workers strike again")
    assert extract_article(html, "https://courier.example/a/1").title.endswith("Courier workers strike again")


def test_declared_titles_that_begin_alike_and_go_on_differently_share_the_story():
    og = '<meta property="og:title" content="Council backs the new tram line: What you need to know">'
    html = _titled(og, "<article><p>Text</p></article>", title="Council backs the new tram line: Town Hall Weekly")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line"
    # the same story part in other words is no disagreement: the og:title stays whole
    og = '<meta property="og:title" content="Game notes from the arena: Embiid leads the team to a win over Celtics">'
    html = _titled(og, "<article><p>Text</p></article>",
                   title="Game notes from the arena: Embiid leads the team to a win over Boston Celtics")
    assert extract_article(html, "https://example.org/a/1").title == "Game notes from the arena: Embiid leads the team to a win over Celtics"


def test_a_trailing_title_part_without_a_letter_or_digit_is_no_part_of_the_story():
    html = _titled("", "<article><p>Text</p></article>", title="Harbour strike enters its second week » ☆☆☆☆☆")
    assert extract_article(html, "https://example.org/a/1").title == "Harbour strike enters its second week"


def test_a_media_word_inside_the_story_stays():
    html = _titled("", "<article><p>Text</p></article>", title="Video of the week: a harbour strike")
    assert extract_article(html, "https://example.org/a/1").title == "Video of the week: a harbour strike"


def test_after_a_leading_site_name_a_dash_other_than_the_sites_is_the_storys_own():
    head = '<meta property="og:site_name" content="Energy Weekly">'
    html = _titled(head, "", title="Energy Weekly | Green hydrogen – the key to the energy transition")
    assert extract_article(html, "https://example.org/a/1").title == "Green hydrogen – the key to the energy transition"
    # a breadcrumb's own mark after the site still sets a section apart
    html = _titled(head, "", title="Energy Weekly - News » The grid operators ask for more storage")
    assert extract_article(html, "https://example.org/a/1").title == "The grid operators ask for more storage"


def test_a_declared_title_cut_short_with_an_ellipsis_gives_way_to_the_whole_one():
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Council backs the new tram…"}</script>'
    og = '<meta property="og:title" content="Council backs the new tram line to the harbour">'
    html = _titled(ld + og, "<article><p>Text</p></article>")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line to the harbour"
    # an ellipsis that the longer title carries too is the title's own
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Everything else can wait…"}'
          "</script>")
    og = '<meta property="og:title" content="Everything else can wait…: a new year begins">'
    html = _titled(ld + og, "<article><p>Text</p></article>")
    assert extract_article(html, "https://example.org/a/1").title == "Everything else can wait…"


def test_a_date_set_after_the_headline_in_the_h1_is_no_part_of_the_title():
    html = _titled("", '<article><h1>Council backs the new tram line<span class="meta">12.03.2021</span></h1></article>',
                   title="Transport")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line"
    # a number that is no date stays
    html = _titled("", "<article><h1>Council backs the new tram line <span>No. 7</span></h1></article>", title="Transport")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line No. 7"


def test_without_an_h1_an_h2_after_the_storys_paragraphs_is_a_section_not_the_headline():
    # the headline is set in a div; the first h2 comes after the story's text
    para = "<p>" + "The council voted on Tuesday to build the new tram line to the harbour. " * 4 + "</p>"
    body = ('<header><p>Menu text that is no story at all, set in the page header, ' + "x" * 200 + "</p></header>"
            '<div class="headline">Council backs the new tram line</div>' + para + "<h2>Related posts</h2>")
    html = _titled("", body, title="Council backs the new tram line | City News")
    assert extract_article(html, "https://citynews.example/a/1").title == "Council backs the new tram line"
    # paragraphs in the page's header do not count: the h2 there is still the story's headline
    body = ('<header><p>Menu text that is no story at all, set in the page header, ' + "x" * 200 + "</p></header>"
            "<h2>Council backs the new tram line</h2>" + para)
    html = _titled("", body, title="Transport | City News")
    assert extract_article(html, "https://citynews.example/a/1").title == "Council backs the new tram line"


def test_without_an_h1_an_h2_under_the_declared_headline_shown_in_a_div_is_its_subtitle():
    # og:title names the story, shown in a div above the h2 subtitle: the h2 is not the headline
    og = '<meta property="og:title" content="Council backs the new tram line">'
    body = ('<div class="headline"><span>Council backs</span> the new tram line</div>'
            "<h2>The vote on Tuesday ends a decade of debate</h2><p>The council voted.</p>")
    html = _titled(og, body, title="Council backs the new tram line | City News")
    assert extract_article(html, "https://citynews.example/a/1").title == "Council backs the new tram line"
    # ... also the <title>, site name stripped, when the page declares nothing else
    body = ('<div class="headline">Council backs the new tram line</div>'
            "<h2>The vote on Tuesday ends a decade of debate</h2><p>The council voted.</p>")
    html = _titled("", body, title="Council backs the new tram line | City News")
    assert extract_article(html, "https://citynews.example/a/1").title == "Council backs the new tram line"
    # a lower heading with the page's title above the h2 is an overline: the h2 is the headline
    body = "<h4>Weekly report 14-20 January</h4><h2>Council backs the new tram line</h2><p>The council voted.</p>"
    html = _titled("", body, title="Weekly report 14-20 January | City News")
    assert extract_article(html, "https://citynews.example/a/1").title == "Council backs the new tram line"
    # the <title> that is the site's name, shown in the page's header (no link): the h2 is the post's
    body = ('<header><div class="name">Lakeside Gazette Weekly</div></header>'
            "<main><h2>Council backs the new tram line</h2><p>The council voted.</p></main>")
    html = _titled("", body, title="Lakeside Gazette Weekly")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line"
    # the same words in a menu entry or a breadcrumb name the page: the h2 is still the headline
    og = '<meta property="og:title" content="Tram lines">'
    body = ('<nav><ul><li><a href="/tram-lines">Tram lines</a></li></ul></nav>'
            "<h2>Council backs the new tram line</h2><p>The council voted.</p>")
    html = _titled(og, body, title="Tram lines | City News")
    assert extract_article(html, "https://citynews.example/a/1").title == "Council backs the new tram line"


def test_a_lone_byline_label_takes_the_next_text_past_layout_whitespace():
    # "<li>Von</li><li><a><div></div><span>Name</span></a></li>": the name is the next text even with
    # the line breaks of the markup between them
    body = ('<h1>A story</h1>\n<ul class="meta">\n<li class="prefix"><p>Von</p></li>\n<li>\n<a href="/--523270">\n'
            '<div class="img male"></div>\n<span class="label">Max Muster</span>\n</a>\n</li>\n</ul>' + STORY)
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Max Muster"]


def test_a_byline_indented_by_layout_whitespace_is_short():
    # the text node is long only by its indentation: "\n      von\n      Jane Doe, Online-Redaktion\n   ..."
    pad = "\n" + " " * 24
    body = (f'<h1>A story</h1><div class="line"><span class="who"><div class="img"><img src="/a.jpg"></div>{pad}von'
            f'{pad}Jane Doe, Online-Redaktion{pad}{pad}<span class="date">26.12.2022</span></span></div>' + STORY)
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Doe"]


@pytest.mark.parametrize(
    "byline",
    [
        # French typography sets a space before the colon: "Par : Jean Exemple", "Auteur : Jean Exemple"
        "<p>Auteur : Jean Exemple</p>",
        '<div class="meta"><div>By :</div><div><span class="fn"><a href="/u/js">Jean Exemple</a></span></div></div>',
    ],
)
def test_a_byline_label_with_a_space_before_its_colon(byline):
    assert _authors_below_headline(byline) == ["Jean Exemple"]


@pytest.mark.parametrize(
    "body",
    [
        # the headline's dateline with a written month and a bare name after a separator
        f"<h1>A story</h1><p class='sub'>1. Februar 2022 , Jane Exemple</p>{STORY}",
        f"<p class='upper'>21. Jan 2022 // Jane Exemple</p><h1>A story</h1>{STORY}",
        f"<h1>A story</h1><p>June 17, 2019 | Jane Exemple</p>{STORY}",
    ],
)
def test_a_dateline_with_a_written_month_and_a_bare_name(body):
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Exemple"]


def test_a_bare_name_after_a_date_far_from_the_headline_is_no_byline():
    # (a teaser's dateline further down the page)
    body = f"<h1>A story</h1><p>A standfirst.</p>{STORY}{STORY}<ul><li>1. Februar 2022 , Jane Exemple</li></ul>"
    assert extract_article(_page("", body), "https://example.org/a").authors == []


def test_an_address_element_by_the_headline_is_the_byline():
    # HTML: <address> in an <article> holds the contact information of the article's author
    body = ('<article><header><h1>A story</h1><address class="meta"><span><a href="/p/77">Jane Exemple</a></span>'
            f'</address></header>{STORY}</article>')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Exemple"]


def test_a_class_saying_the_layout_has_a_sidebar_is_no_sidebar():
    # no <h1>: the story's heading is an h2 that repeats no declared title, so nothing marks the
    # story's wrapper; "has-double-sidebar" says the layout has sidebars, it is not one
    body = ('<div class="main-content has-double-sidebar"><div class="left-content"><h2>Energy prices</h2>'
            f'<h5><em>Von Jane Exemple</em></h5>{STORY}</div></div>')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Exemple"]


_BUILDER_HEADLINE = ('<div class="elementor-element elementor-widget elementor-widget-heading">'
                     '<div class="elementor-widget-container"><h1>A story</h1></div></div>')
_BUILDER_BYLINE = ('<div class="elementor-element elementor-widget elementor-widget-post-info">'
                   '<div class="elementor-widget-container"><ul><li><span>von: Jane Exemple</span></li></ul></div></div>')


def test_a_byline_in_a_page_builder_widget_beside_the_headline():
    # page builders call every block a widget: the byline's block shares the headline's column
    body = (f'<section class="elementor-section"><div class="elementor-column"><div class="elementor-widget-wrap">'
            f'{_BUILDER_HEADLINE}{_BUILDER_BYLINE}</div></div></section>{STORY}')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Exemple"]


def test_a_sidebar_widget_is_still_outside_the_story():
    # a classic sidebar of widgets beside a headline that is in no widget
    body = (f'<div id="page"><main><h1>A story</h1>{STORY}</main><div class="widget-area">'
            '<div class="widget"><span>von: Jane Exemple</span></div></div></div>')
    assert extract_article(_page("", body), "https://example.org/a").authors == []
    # and a widget in another column of a page builder's layout
    body = (f'<section class="elementor-section"><div class="elementor-row"><div class="elementor-column">'
            f'<div class="elementor-widget-wrap">{_BUILDER_HEADLINE}</div></div><div class="elementor-column">'
            f'<div class="elementor-widget-wrap">{_BUILDER_BYLINE}</div></div></div></section>{STORY}')
    assert extract_article(_page("", body), "https://example.org/a").authors == []


_LAYOUT_ROWS = "\n<div>\n<div>\n</div>\n</div>" * 80  # 320 text nodes of layout whitespace


def test_a_byline_element_below_much_layout_whitespace():
    # the byline row sits more than 240 text nodes below the headline, nearly all of them layout
    # whitespace between tags: the element scan still reaches it
    body = (f'<h1>A story</h1>{_LAYOUT_ROWS}<div class="entry-author"><p>Jane Exemple</p></div>{STORY}')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Exemple"]


def test_a_far_byline_element_gives_way_to_a_near_text_byline():
    # a teaser's byline element far below does not beat the story's own "Von ..." text
    body = (f'<h1>A story</h1><p>Von Lisa Exemple</p>{STORY}{_LAYOUT_ROWS}'
            '<div class="box"><span class="box__autor">Von Clara Muster</span></div>')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Lisa Exemple"]


def test_a_byline_line_broken_before_last_updated():
    # "by <a>Jane Exemple</a><br>Last updated 04 Jun 2020": the label of the next line is no name
    body = ('<h1>A story</h1><p class="post-date-and-author">by <span><a href="mailto:j@example.org">Jane Exemple'
            f'</a></span><br>Last updated 04 Jun 2020, originally created 17 Jun 2019</p>{STORY}')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Exemple"]


@pytest.mark.parametrize("folder", ["autores", "autori", "periodistas"])
def test_an_author_archive_link_in_the_plural_of_romance_languages(folder):
    # Spanish and Portuguese "/autores/", Italian "/autori/", Spanish "/periodistas/"
    body = f'<h1>A story</h1><h3><a href="/{folder}/jane-exemple/">Jane Exemple</a></h3>{STORY}'
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Exemple"]


def test_a_byline_in_the_posts_own_footer():
    # "entry-footer", "article-footer": the post's footer holds its byline, even outside an <article>
    body = (f'<main class="section"><h1>A story</h1>{STORY}<footer class="footer article-footer"><ul><li>'
            '<span>Author: </span><span>Jane Exemple</span></li></ul></footer></main>')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Exemple"]
    # the page's footer is no post's
    body = (f'<main class="section"><h1>A story</h1>{STORY}</main><footer class="site-footer"><ul><li>'
            '<span>Author: </span><span>Jane Exemple</span></li></ul></footer>')
    assert extract_article(_page("", body), "https://example.org/a").authors == []


def test_a_byline_in_a_field_group_named_as_the_articles_footer():
    # Drupal's field groups: "group-article-footer" inside the node's <article> is the story's own footer
    body = (f'<article class="node node-article"><h1>A story</h1>{STORY}<div class="group-article-footer">'
            '<div class="field-name-author">von <a href="/redaktion/jane" class="username">Jane Exemple</a></div>'
            '</div></article>')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Exemple"]
    # ... and the box holding it ("article-footer-box-outer")
    body = (f'<article><h1>A story</h1>{STORY}<div class="container article-footer-box-outer"><div class="article-footer-box">'
            '<p><strong>Autoren</strong><br><span itemprop="author">Joachim Exemple</span></p></div></div></article>')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Joachim Exemple"]
    # a footer that is no article's, in the same node, is not the story's
    body = (f'<article class="node node-article"><h1>A story</h1>{STORY}<div class="group-page-footer">'
            '<div class="field-name-author">von <a href="/redaktion/jane" class="username">Jane Exemple</a></div>'
            '</div></article>')
    assert extract_article(_page("", body), "https://example.org/a").authors == []


def test_a_byline_in_another_storys_article_card_is_not_the_storys():
    # a teaser card is an <article> of its own whose title links to its story
    card = ('<article class="slider-teaser"><h2><a href="/other">Another story</a></h2>'
            '<footer><span class="teaser__author">Wilfried Exemple</span></footer></article>')
    body = f'<h1>A story</h1>{card}<p>von Ursula Exemple</p>{STORY}'
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Ursula Exemple"]
    # the story's own <article> after a headline set above it is the story's
    body = f'<h1>A story</h1><article><h2>A part</h2><p class="byline">Wilfried Exemple</p>{STORY}</article>'
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Wilfried Exemple"]
    # ... even when it opens with a heading that links its author, or an anchor
    body = (f'<h1>A story</h1><article><h3><a href="/autores/felipe-exemple/">Por Felipe Exemple</a></h3>'
            f'{STORY * 4}<footer><span class="author">Felipe Exemple</span></footer></article>')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Felipe Exemple"]
    body = (f'<h1>A story</h1><article><h2><a name="h">The hypothesis</a></h2>{STORY * 4}'
            '<p class="byline">Wilfried Exemple</p></article>')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Wilfried Exemple"]


def test_a_name_without_the_middle_initial_the_page_signs_with():
    # the JSON-LD author is a login; the story signs with the middle initial
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "christian.exemple"}}</script>'
    body = f"<h1>A story</h1>{STORY}<p>Die Politik bleibt spannend. (Christian P. Exemple) +++</p>"
    assert extract_article(_page(head, body), "https://example.org/a").authors == ["Christian P. Exemple"]
    # a page that shows the name without it keeps it so
    body = f"<h1>A story</h1><p>Von Christian Exemple</p>{STORY}<p>Christian P. Exemple writes on politics.</p>"
    assert extract_article(_page(head, body), "https://example.org/a").authors == ["Christian Exemple"]


def test_an_author_archive_link_to_a_static_index_page():
    # a static copy of a site links the archive folder's index.html
    body = f"<h1>A story</h1><ul><li><a href='../../author/jane-exemple/index.html'>Jane Exemple</a></li></ul>{STORY}"
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Exemple"]


def test_an_empty_part_between_doubled_separators_leaves_no_separator_behind():
    title = "Council backs the new tram line - | City News"
    html = _titled('<meta property="og:site_name" content="City News">', "<article><p>Text</p></article>", title=title)
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line"


@pytest.mark.parametrize("byline", ["by Jane Exemple", "Von Jane Exemple", "Par Jeanne Dupont"])
def test_a_byline_set_after_the_headline_in_the_h1_is_no_part_of_the_title(byline):
    html = _titled("", f"<article><h1><span>Council backs the new tram line</span> <small>{byline}</small></h1></article>",
                   title="Transport")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line"


def test_words_after_the_headline_in_the_h1_that_are_no_byline_stay():
    html = _titled("", "<article><h1><span>Council backs the new tram line</span> <small>By The Harbour</small></h1>"
                   "</article>", title="Transport")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line By The Harbour"


@pytest.mark.parametrize("head", [
    '<meta property="article:section" content="Transport">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "articleSection": ["Transport"]}</script>',
])
def test_the_declared_section_after_the_story_in_the_title_goes(head):
    head += '<meta property="og:site_name" content="City News">'
    html = _titled(head, "<article><p>Text</p></article>", title="Council backs the new tram line | Transport | City News")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line"
    # before the story it is the story's label, and stays
    html = _titled(head, "<article><p>Text</p></article>", title="Transport: Council backs the new tram line")
    assert extract_article(html, "https://example.org/a/1").title == "Transport: Council backs the new tram line"


@pytest.mark.parametrize("head", [
    '<meta name="author" content="Jane Exemple">',
    '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Jane Exemple"}}'
    "</script>",
])
def test_the_declared_author_after_the_story_in_the_title_goes(head):
    head += '<meta property="og:site_name" content="City News">'
    html = _titled(head, "<article><p>Text</p></article>", title="Council backs the new tram line - Jane Exemple | City News")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line"


def test_a_breadcrumb_section_after_the_story_in_the_title_goes():
    crumbs = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Home", "item": "https://example.org/"},
        {"@type": "ListItem", "position": 2, "item": {"@id": "https://example.org/transport/", "name": "Transport"}},
        {"@type": "ListItem", "position": 3, "name": "Tram line"},
    ]}
    head = f'<script type="application/ld+json">{json.dumps(crumbs)}</script><meta property="og:site_name" content="City News">'
    html = _titled(head, "<article><p>Text</p></article>", title="Council backs the new tram line | Transport | City News")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line"
    # the last crumb is the page itself: a title ending in it keeps it
    html = _titled(head, "<article><p>Text</p></article>", title="Council backs the new tram line - Tram line")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line - Tram line"


@pytest.mark.parametrize(("list_attrs", "item_attrs", "name_attr"), [
    ('itemscope itemtype="https://schema.org/BreadcrumbList"',
     'itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"', 'itemprop="name"'),
    ('vocab="https://schema.org/" typeof="BreadcrumbList"', 'property="itemListElement" typeof="ListItem"',
     'property="name"'),
])
def test_a_microdata_or_rdfa_breadcrumb_section_after_the_story_in_the_title_goes(list_attrs, item_attrs, name_attr):
    items = "".join(f'<li {item_attrs}><a href="/{i}"><span {name_attr}>{n}</span></a></li>'
                    for i, n in enumerate(["Home", "Transport", "Tram line"]))
    body = f"<ol {list_attrs}>{items}</ol><article><p>Text</p></article>"
    head = '<meta property="og:site_name" content="City News">'
    html = _titled(head, body, title="Council backs the new tram line | Transport | City News")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line"


@pytest.mark.parametrize("byline", ["by Jane Exemple", "Von Jane Exemple"])
def test_the_declared_author_with_a_byline_lead_in_after_the_story_in_the_title_goes(byline):
    head = '<meta name="author" content="Jane Exemple"><meta property="og:site_name" content="City News">'
    html = _titled(head, "<article><p>Text</p></article>", title=f"Council backs the new tram line | {byline} | City News")
    assert extract_article(html, "https://example.org/a/1").title == "Council backs the new tram line"


_LEAD = "<p class='lead'>" + "A standfirst that tells what the story is about. " * 4 + "</p>"


@pytest.mark.parametrize(
    ("meta", "name"),
    [
        # the name on a line of its own under the date, no label and no class to say so
        ('<div class="meta"><span class="date">June 19, 2019</span><p>Jane Exemple</p></div>', "Jane Exemple"),
        # name, then the date in a <time>
        ('<div class="info"><span><strong>Jane Exemple</strong></span><time>24. April 2020</time></div>', "Jane Exemple"),
        # "<a>Name</a>, 03.11.2023 15:32 Uhr" and "Name | Le 19 février 2020"
        ('<div><span><a href="/u/77">Jane Exemple</a></span>, <a href="/a">03.11.2023 15:32 Uhr</a></div>', "Jane Exemple"),
        ('<div class="head"><a href="/page/jane">Jeanne Dupont</a> | <span>Le</span> 19 février 2020</div>', "Jeanne Dupont"),
        # a name particle, and an "Updated" lead-in before the date
        ('<div class="meta"><span>Christoph von Exemple</span><time>Aktualisiert: 11.04.2020, 10:27</time></div>',
         "Christoph von Exemple"),
        # a relative date ("hace 3 horas", "vor 5 Stunden", "2 hours ago")
        ('<div class="meta"><span>Juana Ejemplo</span> <span>Publicado hace 3 horas</span></div>', "Juana Ejemplo"),
        ('<div class="meta"><span>2 hours ago</span> <span>Jane Exemple</span></div>', "Jane Exemple"),
    ],
)
def test_a_bare_name_beside_the_date_in_the_story_header_is_the_byline(meta, name):
    body = f"<article><h1>A story</h1>{_LEAD}{meta}{STORY}{STORY}</article>"
    assert extract_article(_page("", body), "https://example.org/a").authors == [name]


def test_co_authors_on_lines_of_their_own_beside_the_date():
    # each name with its avatar's initials, then the date
    body = ('<article><h1>A story</h1><div class="people"><div class="item"><div>JE</div><div>Jane Exemple</div></div>'
            '<div class="item"><div>MM</div><div>Max Muster</div></div></div>'
            f'<div class="date"><small>postado em 04/05/2022 05:49 / atualizado em 04/05/2022 05:50</small></div>'
            f'{STORY}</article>')
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Exemple", "Max Muster"]


@pytest.mark.parametrize(
    "meta",
    [
        # a photo credit's label
        '<div class="meta"><time>24. April 2020</time> <span>Foto:</span> <span>Jane Exemple</span></div>',
        # a section's link and a kicker's label
        '<div class="meta"><a href="/category/open-future/">Open Future</a> <time>24. April 2020</time></div>',
        '<div class="meta"><span class="article__section">Open Future</span> <time>24. April 2020</time></div>',
        # a link to another site ("Get Adobe Flash Player")
        '<div class="meta"><time>24. April 2020</time> <a href="https://get.example.com/flash">Get Flash Player</a></div>',
        # a name inside a sentence that gives a date
        '<div class="meta"><p>Am 24.04.2020 traf <a href="/x">Jane Exemple</a> den Rat.</p></div>',
        # a name in a caption
        '<figure><figcaption><time>24. April 2020</time> <span>Jane Exemple</span></figcaption></figure>',
        # the headline's own words
        '<div class="meta"><time>24. April 2020</time> <span>Jane Exemple</span></div>',
        # a dateline's place
        '<div class="meta"><span>New York</span> <time>24. April 2020</time></div>',
        # an icon's SVG title beside the date
        '<div class="meta"><time>24. April 2020</time> <svg><title>Combined Shape</title><path d="M0 0"/></svg></div>',
    ],
)
def test_names_beside_a_date_that_are_no_byline(meta):
    headline = "Jane Exemple wins" if "Exemple</span></div>" in meta and "Foto" not in meta else "A story"
    body = f"<article><h1>{headline}</h1>{_LEAD}{meta}{STORY}{STORY}</article>"
    assert extract_article(_page("", body), "https://example.org/a").authors == []


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # a lead-in set straight before a linked handle: a link holds whole words
        ('<p class="byline">By<a href="/u/jdoe">jdoe</a></p>', ["jdoe"]),
        # two elements side by side: one closes, another opens
        ('<div class="byline"><span>Von</span><a href="/u/jdoe">jdoe</a></div>', ["jdoe"]),
        # one inline tag inside a word still joins it ("Knigh<span>t</span>", a drop cap)
        ('<div class="byline">By Will Knigh<span>t</span></div>', ["Will Knight"]),
        ('<div class="byline"><span>W</span>ill Knight</div>', ["Will Knight"]),
    ],
)
def test_a_lower_case_handle_right_after_a_lead_in_is_a_word_of_its_own(byline, authors):
    body = f"<h1>A story</h1>{byline}{STORY}"
    assert extract_article(_page("", body), "https://example.org/a").authors == authors


@pytest.mark.parametrize(
    ("url", "title", "footer", "authors"),
    [
        # a personal site named for its owner: the title's "X's Digital Home", the copyright line's name
        ("https://janeexemple.com/blog/post", "Jane Exemple's Digital Home | A story", "", ["Jane Exemple"]),
        ("https://www.juergenexemple.de/2017/post", "A story", "<p>© 2020 Jürgen Exemple</p>", ["Jürgen Exemple"]),
        ("https://janeexemple.com/post", "A story", "<p>Copyright (c) 2012- Jane Exemple. All rights reserved.</p>",
         ["Jane Exemple"]),
        # a name the domain does not spell is no owner of it
        ("https://example.org/post", "A story", "<p>© 2020 Jane Exemple</p>", []),
        # an outlet named for its title or its place ("La Stampa", "Washington Post" declared with spaces)
        ("https://www.lastampa.it/post", "A story", "<p>© 2020 La Stampa</p>", []),
    ],
)
def test_a_personal_sites_owner_when_nothing_names_the_author(url, title, footer, authors):
    # (in the page's <footer>: a copyright line closing the story's own text credits its person anyway,
    # see test_the_agency_or_source_the_story_credits)
    body = f"<h1>A story</h1>{STORY}<footer class='bottom'>{footer}</footer>"
    html = f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    assert extract_article(html, url).authors == authors
    # an outlet that declares its name with its spaces
    head = '<meta property="og:site_name" content="Washington Post">'
    html = f"<html><head><title>A story</title>{head}</head><body>{STORY}<p>© 2020 Washington Post</p></body></html>"
    assert extract_article(html, "https://www.washingtonpost.com/a").authors == []
    # ... unless a doctor's or professor's title says the name is a person's (and the domain a hyphenated one)
    head = '<meta property="og:site_name" content="Dr. Alexander Exemple">'
    html = f"<html><head><title>A story</title>{head}</head><body><h1>A story</h1>{STORY}</body></html>"
    assert extract_article(html, "https://www.alexander-exemple.net/a").authors == ["Alexander Exemple"]


def test_a_blog_on_a_platform_subdomain_named_for_its_owner_as_its_header_names_them():
    header = ('<div id="logo"><span class="site-title"><a href="/">Sprachexemple</a></span>'
              '<span class="site-description">Alexander Exemple</span></div>')
    html = _page("", f"{header}<h1>A story</h1>{STORY}")
    assert extract_article(html, "https://alexanderexemple.wordpress.com/2019/a").authors == ["Alexander Exemple"]
    # a subdomain that does not spell the name, or a domain of its own spelling a header's words (a magazine's
    # name, "Schweizer Exemple"), or the header's title heading ("<header><h1>Notícia Exata</h1>"), is no owner
    assert extract_article(html, "https://sprachexemple.wordpress.com/2019/a").authors == []
    assert extract_article(html, "https://www.alexanderexemple.de/2019/a").authors == []
    titled = _page("", f"<header><h2>Alexander Exemple</h2></header><h1>A story</h1>{STORY}")
    assert extract_article(titled, "https://alexanderexemple.wordpress.com/2019/a").authors == []


def test_a_byline_among_the_navigation_buttons_right_above_the_headline():
    nav = ('<div class="news-nav"><ul class="contentnav"><li class="back"><a href="/news/">Zurück</a>'
           '<div class="author">von <a href="/ueber-uns/autor/jane-exemple">Jane Exemple</a></div></li>'
           '<li class="next"><a href="/news/next">Nächster Artikel</a></li>'
           '<li class="share"><a href="/share">Teilen</a></li></ul></div>')
    url = "https://example.org/news/a"
    assert extract_article(_page("", f"{nav}<h1>A story</h1>{STORY}"), url).authors == ["Jane Exemple"]
    # without a link to the author's page, or below the story (a teaser's), it names no one
    unlinked = nav.replace('<a href="/ueber-uns/autor/jane-exemple">Jane Exemple</a>', "Jane Exemple")
    assert extract_article(_page("", f"{unlinked}<h1>A story</h1>{STORY}"), url).authors == []
    assert extract_article(_page("", f"<h1>A story</h1>{STORY}{STORY}{nav}"), url).authors == []


def test_a_press_releases_contact_when_nothing_else_names_anyone():
    url = "https://example.org/presse/a"
    contact = "<p><strong>Pressekontakt</strong><br>Dr. Tim Exemple<br>Pressesprecher Exemple AG<br>Tel.: 0211 77900</p>"
    assert extract_article(_page("", f"<h1>A story</h1>{STORY}{contact}"), url).authors == ["Dr. Tim Exemple"]
    label_apart = "<div>Kontakt:</div><p><span>Jan Exemple<br></span>Telefon +49 40 49 07 11</p>"
    assert extract_article(_page("", f"<h1>A story</h1>{STORY}{label_apart}"), url).authors == ["Jan Exemple"]
    # a byline names the author; a contact that is a company or an address is no one
    byline = "<p>Von Jane Probe</p>"
    assert extract_article(_page("", f"<h1>A story</h1>{byline}{STORY}{contact}"), url).authors == ["Jane Probe"]
    company = "<p><strong>Kontakt:</strong><br>Exemple GmbH, Musterstraße 5</p>"
    assert extract_article(_page("", f"<h1>A story</h1>{STORY}{company}"), url).authors == []
    # the contact box its class names; a link to the site's contact page is no label
    box = ('<div class="cb-layout-Ansprechpartner"><ul><li><a href="/p/1"><strong>Alexandra Exemple </strong></a>'
           '<div class="funktion">Stellvertretende Pressesprecherin</div></li></ul></div>')
    assert extract_article(_page("", f"<h1>A story</h1>{STORY}{box}"), url).authors == ["Alexandra Exemple"]
    menu = '<p><a href="/kontakt">Kontakt</a> <a href="/team/anna">Anna Probe</a></p>'
    assert extract_article(_page("", f"<h1>A story</h1>{STORY}{menu}"), url).authors == []


def test_a_blogs_owner_named_by_its_subdomain_and_its_byline():
    # a blog on a host's subdomain named for its owner's login, whose byline names that login
    head = '<meta name="twitter:site" content="@surfexemple">'
    byline = ('<span class="byline"><span class="author vcard"><a class="url fn n" href="/author/surfexemple/">'
              'surfexemple</a></span></span>')
    html = _page(head, f"<h1>A story</h1>{byline}{STORY}")
    assert extract_article(html, "https://surfexemple.wordpress.com/2016/a").authors == ["surfexemple"]
    # on the site's own domain the same byline is the site's name
    assert extract_article(html, "https://www.surfexemple.com/2016/a").authors == []
    # the blog's own handle, on a subdomain that spells the blog's name
    head = '<meta name="twitter:site" content="@gnaddexemple">'
    byline = '<p>Autor: <a href="/author/gnaddexemple/" rel="author">gnaddexemple</a></p>'
    html = _page(head, f"<h1>A story</h1>{byline}{STORY}")
    assert extract_article(html, "https://gnadlib.wordpress.com/2020/a").authors == ["gnaddexemple"]
    # ... but not the company's own handle on its shop's subdomain
    head = '<meta name="twitter:site" content="@hejexemple">'
    byline = '<p>Autor: <a href="/author/hejexemple/" rel="author">hejexemple</a></p>'
    html = _page(head, f"<h1>A story</h1>{byline}{STORY}")
    assert extract_article(html, "https://fischer.hejexemple.com/a").authors == []


def test_an_author_box_whose_biography_opens_with_the_name():
    # no class or label says so: the name on a line of its own, then "Jane Exemple teaches ..."
    box = ('<ul><li><h2><a href="/x/jane">Jane Exemple</a></h2><div><p>Jane Exemple teaches history at a '
           'university and writes about it.</p></div></li></ul>')
    body = f"<article><h1>A story</h1>{STORY}{STORY}</article>{box}"
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Exemple"]
    # a subheading over a paragraph about someone, in the story's flow of paragraphs, is no author box
    body = ("<article><h1>A story</h1><div>" + STORY * 3 + "<h2>Jane Exemple</h2><p>Jane Exemple won the race "
            "again this year.</p>" + STORY + "</div></article>")
    assert extract_article(_page("", body), "https://example.org/a").authors == []


@pytest.mark.parametrize(
    "byline",
    ['<div><span>Autor*in</span> <a href="/x"><strong>Jane Exemple</strong></a></div>',
     "<p>Autor:in: Jane Exemple</p>", "<p>Autor_innen: Jane Exemple und Max Muster</p>"],
)
def test_german_gender_inclusive_author_labels(byline):
    # "Autor*in", "Autor:in", "Autor_innen": the label of a German byline written for any gender
    authors = _authors_below_headline(byline)
    assert authors[0] == "Jane Exemple"


def _shown_day(body: str) -> str | None:
    published = extract_article(_page("", body), "https://example.org/a").published_at
    return published.date().isoformat() if published else None


def test_a_numeric_dateline_with_a_dotted_two_digit_year_or_spaced_parts():
    # "06.11.23" (dots mark the two digits as the year), "13. 1. 2020" (a space after each dot)
    assert _shown_day('<h1>A story</h1><div class="meta">Jane Doe | 06.11.23</div>' + STORY
                      + '<p>Archiv: 01.03.2024</p>') == "2023-11-06"
    assert _shown_day('<h1>A story</h1><ul><li class="date">13.\u20091.\u20092020</li></ul>' + STORY) == "2020-01-13"


def test_a_date_marked_as_the_last_change_yields_to_the_publication_date_shown():
    # hAtom: <time class="updated"> beside <time class="entry-date published">, in either order
    row = ('<h1>A story</h1><p><time class="updated">29. Dezember 2022</time>'
           '<time class="entry-date published">30. Dezember 2022</time></p>')
    assert _shown_day(row + STORY) == "2022-12-30"
    above = ('<p><time class="entry-date published">10. Februar 2019</time><time class="updated">9. Februar 2019'
             '</time></p><h1>A story</h1>')
    assert _shown_day(above + STORY) == "2019-02-10"
    # a hidden ISO stamp of the last change before the shown date; itemprop=dateModified
    hidden = ('<h1>A story</h1><p><span class="updated hidden">2022-12-07T10:10:52+01:00</span>'
              '<span>25. Dezember 2022</span></p>')
    assert _shown_day(hidden + STORY) == "2022-12-25"
    micro = '<h1>A story</h1><p><time itemprop="dateModified">2018-08-29</time> <span>22.06.2018</span></p>'
    assert _shown_day(micro + STORY) == "2018-06-22"
    # shown alone, the last change is the story's date
    assert _shown_day('<h1>A story</h1><p class="date-modified">Aktualisiert: 11.04.2020</p>' + STORY) == "2020-04-11"
    # "updated" added to the theme's own date class is hAtom markup on the shown date, not a last change
    themed = ('<h1>A story</h1><p><span class="entry-meta-date updated">17.09.2019</span></p>'
              '<p>Foto vom 31.08.2019</p>')
    assert _shown_day(themed + STORY) == "2019-09-17"


def test_a_dateline_indented_by_layout_whitespace_is_read():
    # the source's indentation around a short dateline makes the text node long; its words are short
    pad = "\n" + " " * 70
    body = (f'<h1>A story</h1><div class="entry-meta"><a href="/a">{pad}Friday, October 18, 2019, 15:07 Uhr{pad}</a>'
            '</div>' + STORY + '<p>Aktionszeitraum: 21.10.2019 – 27.10.2019</p>')
    assert _shown_day(body) == "2019-10-18"


def test_a_date_marked_as_published_in_a_layout_block_under_the_headline():
    # past the byline row, a share-bar "widget" holds the story's own publication date
    row = "".join(f"<span>Teilen {i}</span>" for i in range(10))
    body = (f'<h1>A story</h1><p class="lead">Lead text.</p><div class="widget sharebar">{row}'
            '<div class="publish_date">19 ottobre 2019, 18:56</div></div>' + STORY
            + '<p>Video vom 15.10.2019</p>')
    assert _shown_day(body) == "2019-10-19"
    # an unmarked date in such a block is still the block's
    plain = body.replace('class="publish_date"', 'class="note"')
    assert _shown_day(plain) == "2019-10-15"


def test_a_later_day_shown_in_the_headline_row_that_no_date_metadata_gives():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2016-08-29T21:54:39Z",'
            ' "dateModified": "2020-10-01T13:23:47Z"}</script>')

    def day(body: str) -> str:
        return extract_article(_page(head, body), "https://example.org/a").published_at.date().isoformat()

    # the story as the reader gets it: republished or updated with no stamp of its own
    assert day(f'<h1>A story</h1><div class="byline">By Jane Doe | May 6, 2019</div>{STORY}') == "2019-05-06"
    # an earlier day shown (a local day of a UTC stamp, a misread) leaves the metadata standing
    assert day(f'<h1>A story</h1><div class="byline">By Jane Doe | May 6, 2015</div>{STORY}') == "2016-08-29"
    # a date further down (past the byline row) is no reason to doubt the metadata
    far = "".join(f"<p>Paragraph {i} of the story.</p>" for i in range(12))
    assert day(f'<h1>A story</h1>{far}<p>May 6, 2019</p>{STORY}') == "2016-08-29"


def test_a_day_and_month_without_a_year_in_the_headline_row():
    body = ('<h1>A story</h1><div class="article-date-author">Publicado el <time>11 de mayo</time></div>'
            '<div>Escribe <a href="/autor">Camila Méndez</a></div>' + STORY)
    # the URL names the year
    published = extract_article(_page("", body), "https://example.org/ambiente/2022/5/a-story/").published_at
    assert published is not None and published.date().isoformat() == "2022-05-11"
    # no year anywhere: the latest one not after the fetch (current news shows none)
    published = extract_article(_page("", body), "https://example.org/a", fetched_at=FETCHED).published_at
    assert published is not None and published.date().isoformat() == "2026-05-11"
    later = body.replace("11 de mayo", "3 de diciembre")
    published = extract_article(_page("", later), "https://example.org/a", fetched_at=FETCHED).published_at
    assert published is not None and published.date().isoformat() == "2025-12-03"
    # a sentence that names a day is no dateline
    sentence = '<h1>A story</h1><p>Die Versammlung findet am 3. Dezember im großen Saal des Rathauses statt.</p>' + STORY
    assert extract_article(_page("", sentence), "https://example.org/a", fetched_at=FETCHED).published_at is None


@pytest.mark.parametrize("shown", ["19 Αυγούστου 2020", "19. kolovoza 2020.", "2020. augusztus 19.", "19 юли 2020 г."])
def test_a_greek_croatian_hungarian_or_bulgarian_date_by_the_headline(shown):
    expected = "2020-07-19" if "юли" in shown else "2020-08-19"
    assert _shown_day(f'<h1>A story</h1><p class="meta">{shown}</p>' + STORY) == expected


def test_a_later_day_in_the_row_that_may_be_the_metadata_day_misread_leaves_it_standing():
    head = '<meta property="article:published_time" content="2021-01-11T09:00:00+01:00">'

    def day(shown: str) -> str:
        body = f'<h1>A story</h1><div class="byline">By Jane Doe | {shown}</div>{STORY}'
        return extract_article(_page(head, body), "https://example.org/a").published_at.date().isoformat()

    assert day("01/11/2021") == "2021-01-11"  # month first (US): read day first it is 1 November
    assert day("11. veljače 2021.") == "2021-01-11"  # one month off on the same day: a month name misread
    assert day("20. veljače 2021.") == "2021-02-20"  # a later day otherwise stands


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # English lead-ins beside "By"
        ("<p>Words by Jane Exemple</p>", ["Jane Exemple"]),
        ("<p>Reporting by Jane Exemple</p>", ["Jane Exemple"]),
        # Danish/Norwegian, Italian, Nordic and Hungarian labels
        ("<p>Af Jane Exemple</p>", ["Jane Exemple"]),
        ("<p>Skrevet av Jane Exemple</p>", ["Jane Exemple"]),
        ("<p>A cura di Jane Exemple</p>", ["Jane Exemple"]),
        ("<p>Forfatter: Jane Exemple</p>", ["Jane Exemple"]),
        ("<p>Kirjoittaja: Jane Exemple</p>", ["Jane Exemple"]),
        ("<p>Szerző: Jane Exemple</p>", ["Jane Exemple"]),
        # Chinese labels: no space, no capital, a full-width colon
        ("<p>作者：王小明</p>", ["王小明"]),
        ("<p>作者：王小明</p><p>2020年1月10日</p>", ["王小明"]),
        ("<p>記者王小明／台北報導</p>", ["王小明"]),
    ],
)
def test_byline_labels_in_more_languages(byline, authors):
    assert _authors_below_headline(byline) == authors


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # an initial first, particles between the capitalised words, Greek capitals
        ("<p>Von J. R. Exemple</p>", ["J. R. Exemple"]),
        ("<p>Von Jan van der Exemple</p>", ["Jan van der Exemple"]),
        ("<p>Von María de la Exemple</p>", ["María de la Exemple"]),
        ("<p>Von Γιώργος Παπαδόπουλος</p>", ["Γιώργος Παπαδόπουλος"]),
    ],
)
def test_byline_names_with_initials_particles_and_other_scripts(byline, authors):
    assert _authors_below_headline(byline) == authors


def test_byline_names_with_particles_still_need_a_capitalised_name():
    # "Von der Leyen ..." and "Von Berlin nach Hamburg" are no bylines
    for text in ("Von der Leyen in Brüssel", "Von Berlin nach Hamburg"):
        assert extract_article(_page("", f"<h1>A story</h1><p>{text}</p>{STORY}"), "https://example.org/a").authors == []


def test_co_authors_parted_by_a_slash():
    assert clean_authors(["By Jane Exemple / John Muster"]) == ["Jane Exemple", "John Muster"]
    assert clean_authors(["Jane Exemple / dpa"]) == ["Jane Exemple"]
    assert clean_authors(["作者：王小明、李小龍"]) == ["王小明", "李小龍"]


@pytest.mark.parametrize(
    "byline",
    ["<p>Submitted by Jane Exemple</p>", "<p>Geplaatst door Jane Exemple</p>", "<p>Gepost door Jane Exemple</p>",
     "<p>Inviato da Jane Exemple</p>", "<p>Von unserem Redakteur Jane Exemple</p>",
     "<p>Von unserer Korrespondentin Jane Exemple</p>", "<p>Autor/in: Jane Exemple</p>",
     # Drupal's default meta line, the date after an abbreviated weekday
     '<div class="submitted">Submitted by <span>Jane Exemple</span> on Wed, 03/03/2021 - 10:00</div>',
     "<div>Submitted by Jane Exemple on 03/03/2021</div>"],
)
def test_cms_and_newspaper_lead_ins(byline):
    # Drupal's "Submitted by", Dutch "Geplaatst/Gepost door", Italian "Inviato da", German newspapers'
    # "Von unserem Redakteur", "Autor/in:"
    authors = _authors_below_headline(byline)
    assert authors == ["Jane Exemple"]


@pytest.mark.parametrize(
    ("meta", "authors"),
    [
        # an unlabelled name and the date in one text under the headline, parted by a bar or a dot
        ("<p>Jane Exemple | 12.03.2021</p>", ["Jane Exemple"]),
        ("<div>Jane Exemple · March 3, 2021</div>", ["Jane Exemple"]),
        # a dateline's place takes a comma; a caption is someone else's credit; a two-word place
        ("<p>Jane Exemple, 12.03.2021</p>", []),
        ("<figure><figcaption>Jane Exemple | 12.03.2021</figcaption></figure>", []),
        ("<p>New York | 12.03.2021</p>", []),
    ],
)
def test_a_name_and_the_date_in_one_meta_text(meta, authors):
    assert _authors_below_headline(meta) == authors


@pytest.mark.parametrize(
    ("meta", "authors"),
    [
        ("<p>Veröffentlicht am 03.03.2021 von Jane Exemple</p>", ["Jane Exemple"]),
        ("<p>Posted on June 17, 2019 by Jane Exemple</p>", ["Jane Exemple"]),
        ("<p>Publié le 3 mars 2021 par Jeanne Exemple</p>", ["Jeanne Exemple"]),
    ],
)
def test_a_labelled_date_before_the_byline_in_one_text(meta, authors):
    # "Posted on <date> by <name>" (WordPress themes' meta line) and its translations, as one text
    assert _authors_below_headline(meta) == authors


def test_parsely_page_metadata_names_the_author():
    meta = """<meta name="parsely-page" content='{"title": "A story", "author": "Jane Exemple", "pub_date": "2021-03-03T10:00:00Z"}'>"""
    assert extract_article(_page(meta, f"<h1>A story</h1>{STORY}"), "https://example.org/a").authors == ["Jane Exemple"]


@pytest.mark.parametrize(
    ("meta", "authors"),
    [
        # the label word alone, no colon, the name in the next element
        ("<dl><dt>Autor</dt><dd>Jane Exemple</dd></dl>", ["Jane Exemple"]),
        ("<p><strong>Author</strong> <span>Jane Exemple</span></p>", ["Jane Exemple"]),
        # after a name the word is that person's role, and the next name is no author
        ("<p><strong>Jane Muster</strong>, <span>author</span><br><strong>John Exemple</strong></p>", []),
        # a lone label takes a full name: a single word after it is a widget's ("Author Categories")
        ("<dl><dt>Author</dt><dd>Categories</dd></dl>", []),
        # a magazine's credits: "Interview", "Text" or "Words" over the name, which may be in capitals
        ('<div class="credit"><div class="label">Interview</div><div class="text">SVEN EXEMPLE</div></div>'
         '<div class="credit"><div class="label">Fotograf</div><div class="text">ERIC PROBE</div></div>', ["Sven Exemple"]),
        ('<div class="credit"><div class="label">Words</div><div class="text">Jane Exemple</div></div>', ["Jane Exemple"]),
    ],
)
def test_a_lone_label_word_before_the_name(meta, authors):
    assert _authors_below_headline(meta) == authors


def test_a_kicker_word_over_the_headline_is_no_label():
    page = _page("", f"<div><span>Interview</span><h1>Jane Exemple</h1></div>{STORY}")
    assert extract_article(page, "https://example.org/a").authors == []


@pytest.mark.parametrize(
    "meta",
    ["<p><span property='schema:author' typeof='Person'><span property='schema:name'>Jane Exemple</span></span></p>",
     "<p><span property='dc:creator'>Jane Exemple</span></p>"],
)
def test_rdfa_author_properties_mark_the_byline(meta):
    # RDFa (schema.org or Dublin Core vocabularies) names the property in "property", not "itemprop"
    assert _authors_below_headline(meta) == ["Jane Exemple"]


@pytest.mark.parametrize(
    "meta",
    ["<p>Text und Fotos: Jane Exemple</p>", "<p>Text &amp; Bild: Jane Exemple</p>", "<p>Texto y fotos: Jane Exemple</p>",
     "<p>Words and photos by Jane Exemple</p>"],
)
def test_a_credit_for_words_and_pictures_is_a_byline(meta):
    assert _authors_below_headline(meta) == ["Jane Exemple"]


@pytest.mark.parametrize(
    "label", ["Por:", "Par :", "Door:", "Przez:", "Di:", "Escrito por:", "Geschrieben von:", "Publié par :", "Autores:",
              "Authors:", "Auteurs :", "Autori:", "Autorzy:", "Авторы:"],
)
def test_any_byline_label_may_take_a_colon_and_a_plural(label):
    body = f"<h1>A story</h1><p>{label} Jane Exemple</p>{STORY}"
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jane Exemple"]


@pytest.mark.parametrize(
    "byline",
    ["Escrito por Jane Exemple el 3 de marzo de 2021", "Par Jane Exemple le 3 mars 2021", "Di Jane Exemple il 3 marzo 2021",
     "Door Jane Exemple op 3 maart 2021", "By Jane Exemple at 10:00 am", "Von Jane Exemple um 10:00 Uhr"],
)
def test_a_preposition_before_a_number_starts_the_bylines_date(byline):
    assert clean_authors([byline]) == ["Jane Exemple"]


def test_whom_a_byline_writes_for_is_no_part_of_the_name():
    for byline in ("By Jane Exemple for The Guardian", "Von Jane Exemple für ZEIT ONLINE", "Por Jane Exemple para EL PAÍS"):
        assert clean_authors([byline]) == ["Jane Exemple"]
    # without a lead-in the text is no byline to cut
    assert clean_authors(["Jane Exemple for President"]) == []


@pytest.mark.parametrize(
    "byline",
    ["Opracowanie: Jan Exemple", "Oprac. Jan Exemple", "Opracowała Jan Exemple", "Napisane przez Jan Exemple",
     "Dodane przez Jan Exemple", "Aufgezeichnet von Jan Exemple", "Propos recueillis par Jan Exemple",
     "Rédigé par Jan Exemple", "Compiled by Jan Exemple", "Filed by Jan Exemple", "Contributed by Jan Exemple",
     "Autoria: Jan Exemple"],
)
def test_more_authorship_lead_ins(byline):
    body = f"<h1>A story</h1><p>{byline}</p>{STORY}"
    assert extract_article(_page("", body), "https://example.org/a").authors == ["Jan Exemple"]


@pytest.mark.parametrize(
    "byline",
    ["By Jane Exemple 01 October 2020", "By Jane Exemple 1 Oct. 2020, 10:00", "Von Jane Exemple 3. März 2021",
     "Par Jane Exemple 3 mars 2021", "By Jane Exemple, 12 August, 2019"],
)
def test_a_day_month_and_year_after_the_name_is_the_bylines_date(byline):
    assert clean_authors([byline]) == ["Jane Exemple"]


def test_an_image_licence_credit_is_no_byline():
    # a Creative Commons credit under the lead image names the photographer in an "author" class
    figure = ('<figure><img src="a.jpg"><div class="license-info"><a href="https://creativecommons.org/licenses/by/2.0/">'
              'CC BY</a> <span class="author-name"><a class="license-author" href="https://commons.wikimedia.org/wiki/'
              'File:A.jpg">Nenad Exemple</a></span></div></figure>')
    assert _authors_below_headline(f'{figure}<p class="byline">Autor <span>Jan Exemple</span></p>') == ["Jan Exemple"]
    # the credit's name in an "author-name" of a licence box
    figure = '<figure><img src="a.jpg"><div class="license-info"><span class="author-name">Nenad Exemple</span></div></figure>'
    assert _authors_below_headline(f'{figure}<p class="byline">Autor <span>Jan Exemple</span></p>') == ["Jan Exemple"]


def test_a_lower_case_slug_in_the_metadata_is_a_handle_a_byline_beats():
    head = '<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="jane-exemple">'
    html = _page(head, f"<h1>A story</h1><p>By Jane Exemple</p>{STORY}")
    assert extract_article(html, "https://example.org/a").authors == ["Jane Exemple"]
    # with no byline the handle is kept, as the answer of last resort
    assert extract_article(_page(head, f"<h1>A story</h1>{STORY}"), "https://example.org/a").authors == ["jane-exemple"]


def test_a_translators_credit_is_no_author():
    assert clean_authors(["Übersetzung Jan Exemple"]) == []
    assert clean_authors(["Translated by Jan Exemple"]) == []
    assert clean_authors(["By Jane Exemple, translated by Jan Exemple"]) == ["Jane Exemple"]
    assert clean_authors(["Von Jane Exemple, Übersetzung: Jan Exemple"]) == ["Jane Exemple"]


def test_an_author_signing_with_initials():
    assert clean_authors(["Von R. R. am"]) == ["R. R."]
    assert _authors_below_headline("<p>Von J. D. am <a href='/2013/08/07/'>07.08.2013</a></p>") == ["J. D."]
    # a lone initial is no author, nor an agency's code beside a name; two letters alone sign as initials do
    # ("mh", "LD": an author of last resort, see test_initials_sign_a_story_when_nothing_names_anyone)
    assert clean_authors(["Von V."]) == [] and clean_authors(["Jane Exemple", "PP"]) == ["Jane Exemple"]
    assert clean_authors(["PP"]) == ["PP"]


def test_a_handle_after_a_name_parts_it_from_the_next_author():
    assert clean_authors(["By Jane Exemple @jexemple28 John O'Roe 01 October 2020"]) == ["Jane Exemple", "John O'Roe"]
    assert clean_authors(["By Jane Exemple @jexemple"]) == ["Jane Exemple"]


@pytest.mark.parametrize("label", ["Redacción:", "Redação:", "Rédaction :", "Redaktion:"])
def test_the_newsrooms_label_with_a_colon_leads_in_to_a_name(label):
    assert _authors_below_headline(f"<p>{label} Jane Exemple</p>") == ["Jane Exemple"]


@pytest.mark.parametrize("meta", ['<meta property="og:author" content="Jane Exemple">', '<meta name="authors" content="Jane Exemple">'])
def test_more_author_meta_tags(meta):
    assert extract_article(_page(meta, f"<h1>A story</h1>{STORY}"), "https://example.org/a").authors == ["Jane Exemple"]


def test_a_conjunction_between_names_is_no_name():
    # the serial comma: "Jane, John, and Max"
    assert clean_authors(["By Jane Exemple, John Roe, and Max Moor"]) == ["Jane Exemple", "John Roe", "Max Moor"]
    assert clean_authors(["Por Jane Exemple, John Roe, y Max Moor"]) == ["Jane Exemple", "John Roe", "Max Moor"]
    # each name in an element of its own, the conjunction in another
    assert clean_authors(["Jane Exemple", "and", "John Roe"]) == ["Jane Exemple", "John Roe"]
    assert clean_authors(["Jane Exemple", "sowie", "John Roe"]) == ["Jane Exemple", "John Roe"]
    # a conjunction or "for" left at the end, the rest in the next element
    assert clean_authors(["By Jane Exemple and"]) == ["Jane Exemple"]
    assert clean_authors(["Von Jane M. Exemple für"]) == ["Jane M. Exemple"]


@pytest.mark.parametrize(
    "byline",
    ["Von Jane Exemple Lesezeit: 4 Min.", "Jane Exemple Lesezeit", "By Jane Exemple Reading time: 4 minutes",
     "Par Jane Exemple Temps de lecture : 4 min", "Von Jane Exemple Lesedauer 4 Minuten", "Por Jane Exemple Tiempo de lectura: 4 min"],
)
def test_a_reading_time_after_the_name_is_no_part_of_it(byline):
    assert clean_authors([byline]) == ["Jane Exemple"]


def test_markup_in_a_json_ld_author_parts_its_names():
    # a CMS writes the author field's HTML into JSON-LD: each link is an author
    value = '<a href=\\"/experts/jane-exemple\\">Jane Exemple</a> <a href=\\"/experts/john-roe\\">John Roe</a>'
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "author": "' + value + '"}</script>'
    assert extract_article(_page(head, f"<h1>A story</h1>{STORY}"), "https://example.org/a").authors == ["Jane Exemple", "John Roe"]
    assert clean_authors(["&lt;span&gt;Jane Exemple&lt;/span&gt;"]) == ["Jane Exemple"]


@pytest.mark.parametrize(
    "byline",
    ['<div class="author"><a href="/x/jane">Jane Exemple</a> <a href="/x/john">John Roe</a></div>',
     '<div class="byline">By <a href="/x/jane">Jane Exemple</a>\n<a href="/x/john">John Roe</a> | 12.03.2021</div>',
     '<p>By <a href="/x/jane">Jane Exemple</a> <a href="/x/john">John Roe</a></p>'],
)
def test_co_authors_links_side_by_side_are_two_names(byline):
    assert _authors_below_headline(byline) == ["Jane Exemple", "John Roe"]


@pytest.mark.parametrize("byline", ["Jane Exemple, Staff Writer", "Jane Exemple, Senior Correspondent", "Jane Exemple, Contributing Writer"])
def test_a_name_and_a_newsroom_role_under_the_headline_is_the_byline(byline):
    assert _authors_below_headline(f"<p>{byline}</p>") == ["Jane Exemple"]
    # a role in a sentence is none, nor a quote's signature further down
    assert _authors_below_headline(f"<p>We spoke to {byline}, about it.</p>") == []
    assert _authors_below_headline(f"{STORY}<p>Quoted words.</p><p><strong>– {byline}</strong></p>") == []
    # a role alone is kept only as the answer of last resort, as an organisation is
    assert clean_authors(["Senior Correspondent"]) == ["Senior Correspondent"]


def test_a_name_in_italics_signs_the_storys_last_paragraph():
    paragraphs = "".join(f"<p>Paragraph {i} of the story goes on and on.</p>" for i in range(4))
    page = _page("", f"<h1>A story</h1><div>{paragraphs}<p><em>Jane Exemple</em></p></div>")
    assert extract_article(page, "https://example.org/a").authors == ["Jane Exemple"]
    # an italic sentence, or a name in an italic line of more, signs nothing
    page = _page("", f"<h1>A story</h1><div>{paragraphs}<p><em>Thanks to Jane Exemple</em> for the photos.</p></div>")
    assert extract_article(page, "https://example.org/a").authors == []
    # italic and bold, either way round, sign it too; bold alone only as the block's very last element
    # (followed by a list it is a subheading's look)
    for name in ("<b><i>Jane Exemple</i></b>", "<em><strong>Jane Exemple</strong></em>", "<strong>Jane Exemple</strong>"):
        page = _page("", f"<h1>A story</h1><div>{paragraphs}<p>{name}</p></div>")
        assert extract_article(page, "https://example.org/a").authors == ["Jane Exemple"], name
    page = _page("", f"<h1>A story</h1><div>{paragraphs}<p><strong>Jane Exemple</strong></p><ul><li>Born 1970</li></ul></div>")
    assert extract_article(page, "https://example.org/a").authors == []
    # nor does a closing formula in italics ("Frohe Weihnachten", "Happy Holidays", "Bon Appétit")
    for words in ("Frohe Weihnachten", "Happy Holidays", "Bon Appétit", "Guten Appetit"):
        page = _page("", f"<h1>A story</h1><div>{paragraphs}<p><em>{words}</em></p></div>")
        assert extract_article(page, "https://example.org/a").authors == [], words


def test_an_interview_label_leads_in_to_the_interviewer():
    assert clean_authors(["Interview: Julia Exemple"]) == ["Julia Exemple"]
    assert clean_authors(["Entrevista: Julia Exemple"]) == ["Julia Exemple"]
    assert clean_authors(["Interview mit Julia Exemple"]) == []  # the one interviewed: no byline


def test_a_name_before_the_story_that_no_metadata_declares_is_no_part_of_the_title():
    # "Brand | Story" in every declared title, a brand neither og:site_name nor the host names; the
    # page's h1 shows the story alone, a short one, in the body and in the page's header
    head = '<meta property="og:title" content="Morning Ledger | Bee Simulator">'
    html = _titled(head, "<article><h1>Bee Simulator</h1></article>", title="Morning Ledger | Bee Simulator")
    assert extract_article(html, "https://example.org/a").title == "Bee Simulator"
    head = '<meta property="og:title" content="Tagblatt am Sonntag » Access to the archive restored after two years">'
    body = ("<header><nav><a href='/x'>X</a><a href='/y'>Y</a></nav>"
            "<h1>Access to the archive restored after two years</h1></header>")
    html = _titled(head, body, title="Tagblatt am Sonntag » Access to the archive restored after two years")
    assert extract_article(html, "https://example.org/a").title == "Access to the archive restored after two years"


def test_a_section_the_page_does_not_declare_goes_with_the_site_name_after_the_story():
    # "Story | Section | Site" with og:site_name naming the site and no heading on the page
    head = '<meta property="og:site_name" content="Morning Ledger">'
    html = _titled(head, "<p>Text</p>", title="Harbour strike enters second week | Local News | Morning Ledger")
    assert extract_article(html, "https://example.org/a").title == "Harbour strike enters second week"
    # a story's own last part, set off by another mark than the site's name, stays
    html = _titled(head, "<p>Text</p>", title="Harbour strike enters second week – Update | Morning Ledger")
    assert extract_article(html, "https://example.org/a").title == "Harbour strike enters second week – Update"


def test_the_run_of_title_parts_the_page_shows_is_the_story():
    # no h1 and no metadata: <title> adds a tagline the page names nowhere; the story's title is a div
    body = '<header><a href="/">Home</a></header><div class="article-title">Harbour strike enters second week</div>'
    html = _titled("", body, title="Harbour strike enters second week – Die Zeitung für Franken")
    assert extract_article(html, "https://example.org/a").title == "Harbour strike enters second week"
    # ... the tagline first, in every declared title
    head = '<meta property="og:title" content="Die Zeitung für Franken · Harbour strike enters second week">'
    html = _titled(head, body, title="Die Zeitung für Franken · Harbour strike enters second week")
    assert extract_article(html, "https://example.org/a").title == "Harbour strike enters second week"
    # a run shown only as a link (a menu's, a breadcrumb's) or a single word proves nothing
    body = '<ul><li><a href="/x">Harbour strike enters second week</a></li></ul>'
    html = _titled("", body, title="Harbour strike enters second week – Die Zeitung für Franken")
    assert extract_article(html, "https://example.org/a").title == "Harbour strike enters second week – Die Zeitung für Franken"
    html = _titled("", '<div class="crumb">Corsets</div>', title="Corsets – shops, designers, buying online")
    assert extract_article(html, "https://example.org/a").title == "Corsets – shops, designers, buying online"


def test_an_h1_kicker_no_declared_title_carries_is_no_part_of_the_title():
    # the <title> rewords the story and names no kicker; the h1 sets one above the story, unclassed
    title = "Mayoral race: Brandes and her alliance must deliver - Valley News"
    for h1 in ("<h1><span>Politics</span> Brandes and her green alliance must now deliver</h1>",
               "<h1>Politics<br>Brandes and her green alliance must now deliver</h1>"):
        html = _titled("", f"<article>{h1}</article>", title=title)
        assert extract_article(html, "https://example.org/a").title == "Brandes and her green alliance must now deliver"
    # a first line the <title> carries too is the story's own
    html = _titled("", "<article><h1><span>Mayoral race</span> Brandes and her green alliance must now deliver</h1></article>",
                   title=title)
    assert extract_article(html, "https://example.org/a").title == "Mayoral race Brandes and her green alliance must now deliver"


def test_a_heading_equal_to_the_title_up_to_a_colon_is_the_story():
    # "Story: subtitle | Brand" in <title>, the story alone in an h1 the page's header holds
    body = ("<header><nav><a href='/x'>X</a><a href='/y'>Y</a></nav>"
            "<h1>Instagram tests a new video feature</h1></header><p>Text</p>")
    html = _titled("", body, title="Instagram tests a new video feature: What we know so far – Nordic Review")
    assert extract_article(html, "https://example.org/a").title == "Instagram tests a new video feature"
    # "Brand: Story" in every declared title, the story alone in the h1
    head = '<meta property="og:title" content="Morning Ledger: Instagram tests a new video feature">'
    html = _titled(head, body, title="Morning Ledger: Instagram tests a new video feature")
    assert extract_article(html, "https://example.org/a").title == "Instagram tests a new video feature"


def test_a_separator_with_nothing_after_it_is_no_part_of_the_title():
    # a template that left the site's name out ("Story -"), and a "::" separator under og:title
    head = '<meta property="og:title" content="Heat jackets tested in winter :: Morning Ledger">'
    html = _titled(head, "<p>Text</p>", title="Heat jackets tested in winter -")
    assert extract_article(html, "https://example.org/a").title == "Heat jackets tested in winter"
    assert titles_mod._shared_beginning("Heat jackets tested in winter :: Morning Ledger",
                                        "Heat jackets tested in winter: the verdict") == "Heat jackets tested in winter"


def test_an_h1_badge_or_subtitle_no_declared_title_carries_is_no_part_of_the_title():
    title = "Mayoral race: Brandes and her alliance must deliver - Valley News"
    for h1 in ("<h1>Brandes and her green alliance must now deliver <span>Exclusive</span></h1>",
               "<h1>Brandes and her green alliance must now deliver<br>What happens next at city hall</h1>"):
        html = _titled("", f"<article>{h1}</article>", title=title)
        assert extract_article(html, "https://example.org/a").title == "Brandes and her green alliance must now deliver"


def test_an_h2_under_a_shown_run_of_title_parts_is_no_headline():
    # no h1; the story in a div, a subtitle in the first h2; every declared title adds a tagline
    head = '<meta property="og:title" content="Harbour strike enters second week » Die Zeitung für Franken">'
    body = ('<div class="article-title">Harbour strike enters second week</div>'
            "<h2>Dock workers want more than a one-off bonus</h2>")
    html = _titled(head, body, title="Harbour strike enters second week » Die Zeitung für Franken")
    assert extract_article(html, "https://example.org/a").title == "Harbour strike enters second week"


def test_a_title_part_the_page_frame_shows_is_the_site_name():
    # no heading, no metadata naming the site; the page's header shows the name, not as a link home
    body = "<header><div class='brand-name'>Daily Ledger</div></header><article><p>Text</p></article>"
    html = _titled("", body, title="Harbour strike enters second week | Daily Ledger")
    assert extract_article(html, "https://example.org/a").title == "Harbour strike enters second week"
    # the story's own part stays, shown in a breadcrumb or not
    body = "<nav><span>Harbour strike</span></nav><article><p>Text</p></article>"
    html = _titled("", body, title="Harbour strike - the second week | Daily Ledger")
    assert extract_article(html, "https://example.org/a").title == "Harbour strike - the second week | Daily Ledger"


def test_a_framed_title_part_ends_a_title_and_never_begins_a_story():
    # the menu shows "AlphaTauri" and "Korsetts"; a truncated og:title and a leading part are no site name
    body = "<nav><a href='/teams/alphatauri/'>AlphaTauri</a><a href='/shop/korsetts/'>Korsetts</a></nav><article><p>Text</p></article>"
    head = '<meta property="og:title" content="Driver check - AlphaTauri:...">'
    html = _titled(head, body, title="Driver check - AlphaTauri: what Gasly and Tsunoda can do")
    assert extract_article(html, "https://example.org/a").title == "Driver check - AlphaTauri: what Gasly and Tsunoda can do"
    body = ("<header><a href='/'><img alt='Daily Ledger' src='/l.png'></a></header>" + body)
    html = _titled("", body, title="Daily Ledger — Korsetts – shops, designers, buying online")
    assert extract_article(html, "https://example.org/a").title == "Korsetts – shops, designers, buying online"


def test_a_leading_part_the_page_carries_is_the_story_not_a_brand():
    # "Story – #Tag | Brand": the h1 shows the story with its tag; an h2 names the tag alone
    body = "<article><h1>Interview with Rainer – #OutInChurch</h1><h2>OutInChurch</h2></article>"
    html = _titled("", body, title="Interview with Rainer – #OutInChurch | Morning Ledger")
    assert extract_article(html, "https://example.org/a").title == "Interview with Rainer – #OutInChurch"
    # "Story - Subtitle - Site" with og:title naming the story alone; the subtitle is the page's first h2
    head = '<meta property="og:title" content="Splitting ammonia with LEDs">'
    body = ("<div class='headline'>Splitting ammonia with LEDs</div>"
            "<h2>New light reactor makes hydrogen recovery from ammonia easier</h2>")
    html = _titled(head, body, title="Splitting ammonia with LEDs - New light reactor makes hydrogen recovery from ammonia easier")
    assert extract_article(html, "https://example.org/a").title == "Splitting ammonia with LEDs"


def test_a_site_name_after_a_colon_or_a_guillemet_ends_no_title():
    head = '<meta property="og:site_name" content="Blog Off!">'
    html = _titled(head, "<p>Text</p>", title="Three odd places in Berlin « Blog Off!")
    assert extract_article(html, "https://example.org/a").title == "Three odd places in Berlin"
    head = '<meta property="og:site_name" content="Town of Ahlen">'
    html = _titled(head, "<p>Text</p>", title="Repair café on 31 January: Town of Ahlen")
    assert extract_article(html, "https://example.org/a").title == "Repair café on 31 January"
    # French quotes open with the mark: a quote is no site name
    html = _titled(head, "<p>Text</p>", title="Le maire : « Nous allons reconstruire »")
    assert extract_article(html, "https://example.org/a").title == "Le maire : « Nous allons reconstruire »"
    # a "::" separator is no colon before the site's name: the section goes with it
    head = '<meta property="og:site_name" content="Morning Ledger">'
    html = _titled(head, "<p>Text</p>", title="Harbour strike enters second week :: Local News :: Morning Ledger")
    assert extract_article(html, "https://example.org/a").title == "Harbour strike enters second week"


@pytest.mark.parametrize(("raw", "expected"), [
    (["By Jane Le"], ["Jane Le"]),
    (["Tran Van Le, Ahmed El"], ["Tran Van Le", "Ahmed El"]),
    (["Von Jane Doe am"], ["Jane Doe"]),
    (["Jane Doe on"], ["Jane Doe"]),
])
def test_a_surname_that_spells_a_trailing_word_stays(raw: list[str], expected: list[str]) -> None:
    # "am", "on", "le" left over after a date is cut go; capitalised, they are surnames ("Le", "El")
    assert clean_authors(raw) == expected


@pytest.mark.parametrize(("lang", "day"), [("hr", "2020-10-15"), ("pl", "2020-11-15")])
def test_a_shown_date_is_read_in_the_language_the_page_declares(lang: str, day: str) -> None:
    # No date metadata: the dateline under the headline is the date, its month named the page's way
    html = (f'<html lang="{lang}"><head><title>Priča</title></head><body><article><h1>Priča</h1>'
            f'<p class="meta">15. listopada 2020.</p>{STORY}</article></body></html>')
    a = extract_article(html, "https://example.org/vijesti/prica", fetched_at=datetime(2021, 1, 5, tzinfo=UTC))
    assert a.published_at is not None and a.published_at.date().isoformat() == day


def test_without_an_h1_a_marked_headline_beats_a_declared_title_of_a_word_or_two():
    # <title> names the section ("Site | Gas prices"); the story's headline is a div the markup calls
    # one, below a menu whose teasers hold paragraphs of their own
    site = '<meta property="og:site_name" content="Daily Ledger">'
    menu = "<nav><ul>" + "".join(f"<li><p>Menu teaser number {i} with a few words</p></li>" for i in range(6)) + "</ul></nav>"
    body = f'{menu}<div class="news-headline">Energy price crisis: relief and rights at a glance</div>'
    html = _titled(site, body, title="Daily Ledger | Gas prices")
    assert extract_article(html, "https://example.org/a").title == "Energy price crisis: relief and rights at a glance"
    # a declared title of three words or more is the story's; so is one under an h1
    html = _titled(site, body, title="Daily Ledger | Gas prices rise again")
    assert extract_article(html, "https://example.org/a").title == "Gas prices rise again"
    html = _titled(site, f"<h1>Gas prices</h1>{body}", title="Daily Ledger | Gas prices")
    assert extract_article(html, "https://example.org/a").title == "Gas prices"
    # a marked headline after the story's text is another story's
    html = _titled(site, f"{STORY}{body}", title="Daily Ledger | Gas prices")
    assert extract_article(html, "https://example.org/a").title == "Gas prices"
    # a declared title that shares a word with the marked headline is the story's short form
    html = _titled(site, body, title="Daily Ledger | Energy crisis?")
    assert extract_article(html, "https://example.org/a").title == "Energy crisis?"


def test_a_one_word_h1_that_a_link_to_the_page_itself_repeats_is_the_title():
    # <title> is the site's tagline; the breadcrumb's last item, a link to the page itself, names
    # the page as its h1 does
    url = "https://example.org/essen/westviertel.htm"
    for href in ("./westviertel.htm", "https://example.org/essen/westviertel.htm"):
        crumbs = f'<div class="crumbs"><a href="/">Start</a> » <a href="{href}">Essen-Westviertel</a></div>'
        html = _titled("", f"{crumbs}<h1>Essen-Westviertel</h1>", title="Day trips along the Ruhr")
        assert extract_article(html, url).title == "Essen-Westviertel", href
    # a link elsewhere with that text (a section's page) proves nothing
    crumbs = '<div class="crumbs"><a href="/">Start</a> » <a href="/essen/">Essen-Westviertel</a></div>'
    html = _titled("", f"{crumbs}<h1>Essen-Westviertel</h1>", title="Day trips along the Ruhr")
    assert extract_article(html, url).title == "Day trips along the Ruhr"
    # ... nor does one to another page of one script ("index.php?cat=news" on "index.php?id=765")
    menu = '<ul><li><a href="index.php?cat=news">News</a></li></ul>'
    html = _titled("", f"{menu}<h1>News</h1>", title="Day trips along the Ruhr")
    assert extract_article(html, "https://example.org/index.php?id=765").title == "Day trips along the Ruhr"


def test_a_logo_h1_with_the_site_name_the_title_ends_with_is_no_headline():
    # "blog | Site": stripped of the leading label the <title> is just the site's name, which the logo
    # h1 (a link home) shows; the story's own h1 is the headline
    logo = '<div id="header"><h1 id="site-title"><a href="https://example.org/" rel="home">Daily Ledger Online</a></h1></div>'
    html = _titled("", f"{logo}<h1>Harbour strike enters second week</h1>", title="blog | Daily Ledger Online")
    assert extract_article(html, "https://example.org/blog/").title == "Harbour strike enters second week"
    # a breadcrumb's h1 (no link home) may show the story that a title carries after a brand
    crumbs = '<ol class="breadcrumb"><li><a href="/blog/">Blog</a></li><li><h1 class="breadcrumb__h1">Harbour strike enters second week</h1></li></ol>'
    og = '<meta property="og:title" content="Harbour strike enters second week">'
    html = _titled(og, crumbs, title="Daily Ledger Online | Harbour strike enters second week")
    assert extract_article(html, "https://example.org/blog/a").title == "Harbour strike enters second week"


def test_an_h2_right_after_the_h1_that_repeats_it_and_goes_on_is_the_fuller_headline():
    og = '<meta property="og:title" content="Vintage fire trucks, part 49">'
    h2 = "<h2>Vintage fire trucks, part 49 – Büssing-NAG (1931 – 1945)</h2>"
    html = _titled(og, f"<h1>Vintage fire trucks, part 49</h1>{h2}", title="Vintage fire trucks, part 49 - Truck Archive")
    assert extract_article(html, "https://example.org/a").title == "Vintage fire trucks, part 49 – Büssing-NAG (1931 – 1945)"
    # an h2 that does not repeat the h1, or only begins with its letters, or comes after another heading, is another
    for after in ("<h2>Büssing-NAG (1931 – 1945)</h2>", "<h2>Vintage fire trucks, part 490</h2>", f"<h3>Contents</h3>{h2}"):
        html = _titled(og, f"<h1>Vintage fire trucks, part 49</h1>{after}", title="Vintage fire trucks, part 49 - Truck Archive")
        assert extract_article(html, "https://example.org/a").title == "Vintage fire trucks, part 49", after


def test_a_breadcrumb_h1_is_no_logo_and_its_text_no_site_name():
    # a breadcrumb's last item set as an h1 shows the page's own short title, not the site's name;
    # taken for a logo, "Harbour strike" made the story's "Harbour strike: live updates" a site name
    crumbs = ('<nav class="breadcrumb"><a href="/">Daily Ledger</a> <a href="/news/">News</a>'
              ' <h1 class="breadcrumb__title">Harbour strike</h1></nav>')
    body = f"{crumbs}<article><h1>Harbour strike: live updates</h1></article>"
    html = _titled("", body, title="Harbour strike: live updates | Daily Ledger")
    assert extract_article(html, "https://example.org/news/strike").title == "Harbour strike: live updates"


def test_a_header_menu_of_paragraphs_does_not_make_the_first_h2_a_section():
    # no h1 and no title to match: the first h2 is the story's headline even under a header whose
    # menu is set in <p>s; counted as story text, they made it a section and lost the yearless
    # date in its byline row ("Von Jane Doe | 3. März", the year from the URL)
    menu = "<header>" + "".join(f"<p><a href='/s{i}'>Section number {i} of the menu</a></p>" for i in range(8)) + "</header>"
    body = f"<main><h2>City council passes the new budget for 2025</h2><p>Von Jane Doe | 3. März</p>{STORY}</main>"
    html = f"<html><head><title>Courier</title></head><body>{menu}{body}</body></html>"
    a = extract_article(html, "https://example.org/2024/politics/budget-123.html")
    assert a.title == "City council passes the new budget for 2025"
    assert a.published_at is not None and a.published_at.date().isoformat() == "2024-03-03"


def test_a_digit_inside_a_word_is_no_count():
    # a "read aloud" button (its class holds "read", a views hint) titled with "MP3" shows no count
    button = '<a class="article-action readspeaker" title="Read aloud and MP3 download" href="/tts">listen</a>'
    html = _page("", f"<h1>A story</h1>{button}{STORY}")
    assert extract_article(html, "https://example.org/a").views is None
    counter = '<span class="article-views" title="1,204 views">eye</span>'
    assert extract_article(_page("", f"<h1>A story</h1>{counter}{STORY}"), "https://example.org/a").views == 1204


@pytest.mark.parametrize("title", ["Harbour Gazette", ""])
def test_without_an_h1_or_a_story_title_the_marked_headline_is_the_title(title):
    head = '<meta property="og:site_name" content="Harbour Gazette">' if title else ""
    body = ('<header><a href="/">Harbour Gazette</a></header>'
            '<div class="article-headline">Strike at the harbour enters its second week</div>')
    html = _titled(head, body, title=title)
    assert extract_article(html, "https://harbourgazette.example/news/strike").title == (
        "Strike at the harbour enters its second week")


def test_a_style_sheet_inside_the_h1_is_no_part_of_its_text():
    # CSS-in-JS (emotion) sets a <style> inside the heading; its rules are no text a reader sees, and
    # the kicker before the headline (a hidden colon after it) is left off as the <title> shows
    hidden = '<style>.css-b{position:absolute;width:1px;height:1px;clip:rect(0 0 0 0)}</style><span class="css-b">:</span>'
    h1 = (f'<h1><style>.css-a{{font-size:16px;color:#707070}}</style><span class="css-a">Press release of the '
          f'health office {hidden}</span>Vaccination stays open everywhere until February</h1>')
    html = _titled('<meta property="og:title" content="Press releases">', h1,
                   title="Vaccination stays open everywhere until February")
    assert extract_article(html, "https://example.org/news?id=5").title == "Vaccination stays open everywhere until February"


@pytest.mark.parametrize("title", ["Olympic Games in Paris - Drinks by boat into the city centre - Trade Weekly",
                                   "Olympic Games in Paris - drinks by boat | Trade Weekly"])
def test_a_kicker_span_before_the_headline_text_is_off_when_a_declared_title_sets_it_apart(title):
    # "<h1><span>Kicker</span> Headline</h1>": the <title> sets the span's text apart as a part of its own
    h1 = '<h1><span class="small">Olympic Games in Paris</span> Drinks by boat into the city centre</h1>'
    html = _titled('<meta property="og:site_name" content="Trade Weekly">', h1, title=title)
    assert extract_article(html, "https://example.org/38519-drinks.html").title == "Drinks by boat into the city centre"


@pytest.mark.parametrize(("rest", "title"), [
    # a title that reads on through the span: the span is part of the headline
    ("bring drinks by boat into the city centre", "Olympic Games in Paris bring drinks by boat into the city centre | Trade Weekly"),
    # a title that does not set the span's text apart
    ("Drinks by boat into the city centre", "Something else entirely | Trade Weekly"),
])
def test_a_span_before_the_headline_text_that_no_declared_title_sets_apart_stays(rest, title):
    html = _titled("", f'<h1><span class="hl">Olympic Games in Paris</span> {rest}</h1>', title=title)
    assert extract_article(html, "https://example.org/a").title == f"Olympic Games in Paris {rest}"


def test_a_separator_hidden_from_everyone_sets_the_kicker_apart():
    # Bootstrap's "invisible" hides the separator between kicker and headline from every reader
    h1 = ('<h1><span class="fake-h5">Price brake – Windfall levy</span><span class="invisible">: </span>'
          '<span class="headline">Government throttles bioenergy, industry protests</span></h1>')
    html = _titled('<meta name="twitter:title" content="Price brake – Windfall levy: Government throttles bioenergy, '
                   'industry protests">', h1, title="Price brake, Windfall levy: Government throttles bioenergy - Energy Future")
    assert extract_article(html, "https://example.org/a").title == "Government throttles bioenergy, industry protests"


def test_an_h1_that_goes_on_after_the_declared_title_beats_a_recipe_card_h2():
    # "<title>Juicy lemon cake from the tray | Site" over the h1 "Juicy lemon cake from the tray: simply
    # delicious!"; the recipe card's h2 and its JSON-LD name ("Lemon cake from the tray") are the card's
    ld = '<script type="application/ld+json">{"@type": "Recipe", "name": "Lemon cake from the tray"}</script>'
    body = ('<h1 class="entry-title">Juicy lemon cake from the tray: simply delicious!</h1>'
            '<h2 class="wprm-recipe-name">Lemon cake from the tray</h2>')
    html = _titled(ld + '<meta property="og:site_name" content="Baking Joy">', body,
                   title="Juicy lemon cake from the tray | Baking Joy")
    assert extract_article(html, "https://example.org/recipes/lemon-cake.html").title == (
        "Juicy lemon cake from the tray: simply delicious!")
    # ... also when og:title names the card: the h1 goes on after the <title>, the card only repeats a part
    html = _titled('<meta property="og:title" content="Lemon cake from the tray"><meta property="og:site_name" content="Baking Joy">', body,
                   title="Juicy lemon cake from the tray | Baking Joy")
    assert extract_article(html, "https://example.org/recipes/lemon-cake.html").title == (
        "Juicy lemon cake from the tray: simply delicious!")


def test_an_h2_only_a_json_ld_name_gives_does_not_beat_the_content_h1():
    # a video's JSON-LD name matches the video player's h2; the page's h1 is the story's headline
    ld = '<script type="application/ld+json">{"@type": "VideoObject", "name": "Harry and Meghan talk about royal life"}</script>'
    body = ('<h1 class="pg-headline">The royal split: 11 things we learned from the interview</h1>'
            '<h2 class="cd__headline">Harry and Meghan talk about royal life</h2>')
    html = _titled(ld + '<meta property="og:title" content="What we learned from the interview">', body,
                   title="11 things we learned from the interview - CNN")
    assert extract_article(html, "https://example.org/2021/03/08/uk/recap/index.html").title == (
        "The royal split: 11 things we learned from the interview")
    # a section's name as the h1 is no headline: the recipe's h2 its JSON-LD name gives is
    recipe = '<script type="application/ld+json">{"@type": "Recipe", "name": "Pumpkin pierogi in sage sauce"}</script>'
    og = '<meta property="og:title" content="Our pumpkin pierogi in sage sauce, step by step">'
    html = _titled(recipe + og, "<h1>Recipes</h1><h2>Pumpkin pierogi in sage sauce</h2>", title="Recipes - Kitchen Notes")
    assert extract_article(html, "https://example.org/recipes/pierogi").title == "Pumpkin pierogi in sage sauce"
    # with no h1 the named h2 stays the headline
    html = _titled(ld, '<h2 class="cd__headline">Harry and Meghan talk about royal life</h2>', title="Video - CNN")
    assert extract_article(html, "https://example.org/videos/1").title == "Harry and Meghan talk about royal life"


def _blog_post(footer: str, comments: str = "") -> str:
    # a Blogger-style post: its title, a long text, then the post's own footer with the author's hCard
    body = "".join(f"<p>Paragraph {i} of a long post about the city's new tram line and its stops.</p>" for i in range(600))
    post = (f'<div class="post hentry"><h3 class="post-title entry-title">The new tram line opens</h3>'
            f'<div class="post-body entry-content">{body}</div><div class="post-footer">{footer}</div>{comments}</div>')
    head = '<title>Tram Notes: The new tram line opens</title><meta property="og:title" content="The new tram line opens">'
    return f"<html><head>{head}</head><body>{post}</body></html>"


def test_the_author_hcard_in_a_post_footer_past_the_story_text_names_the_author():
    footer = '<span class="post-author vcard"><span class="fn">Jane Doe</span></span> <span class="post-timestamp">at 10:00</span>'
    assert extract_article(_blog_post(footer), "https://tramnotes.blogspot.com/2016/12/tram.html").authors == ["Jane Doe"]


@pytest.mark.parametrize("footer, comments", [
    # a commenter's card, and a card that names no author, are no byline
    ("", '<div class="comments"><span class="comment-author vcard"><span class="fn">Max Muster</span></span></div>'),
    ('<span class="vcard"><span class="fn">Max Muster</span></span>', ""),
])
def test_a_commenters_hcard_or_one_naming_no_author_is_no_byline(footer, comments):
    assert extract_article(_blog_post(footer, comments), "https://tramnotes.blogspot.com/2016/12/tram.html").authors == []


def test_a_creative_commons_notice_attributes_the_work_when_no_byline_names_anyone():
    notice = ('<footer><a rel="license" href="http://creativecommons.org/licenses/by/3.0/"><img alt="CC" src="/cc.png"></a>'
              '<span>A Dog Diary</span> von <a href="https://dogdiary.example/" rel="cc:attributionURL">Donald Townsend</a>'
              ' steht unter einer Creative Commons Namensnennung 3.0 Lizenz.</footer>')
    html = _page("", f"<h1>Our walk along the river</h1>{STORY}{notice}")
    assert extract_article(html, "https://dogdiary.example/2020/walk").authors == ["Donald Townsend"]
    # a byline by the story is the author's name, not the licence's
    html = _page("", f"<h1>Our walk along the river</h1><p class='byline'>Von Jane Doe</p>{STORY}{notice}")
    assert extract_article(html, "https://dogdiary.example/2020/walk").authors == ["Jane Doe"]


_SPLIT_H1 = 'Danni and Ennesto split up: "Enough"'
_SPLIT_H2 = "„Enough“: Danni and Ennesto split up"


@pytest.mark.parametrize(("metas", "title", "expected"), [
    # og:title gives the h2, only the <title> the h1: the h2 is the story's headline
    ('<meta property="og:title" content="&quot;Enough&quot;: Danni and Ennesto split up">'
     '<meta property="og:site_name" content="Tonight News">', _SPLIT_H1, _SPLIT_H2),
    # the h1 og:title confirms stays, whatever h2 the <title> names
    ('<meta property="og:title" content="Danni and Ennesto split up: &quot;Enough&quot;">', _SPLIT_H2, _SPLIT_H1),
    # ... and so does an h1 when og:title names no h2
    ('<meta property="og:title" content="Danni and Ennesto: it is over">', _SPLIT_H1, _SPLIT_H1),
    # a plain meta title is made for the page, not the story: the h2 it names (another story's) does not win
    ('<meta property="og:title" content="Danni and Ennesto split up · Celebrity Weekly">'
     '<meta name="title" content="A half year together">', _SPLIT_H1, _SPLIT_H1),
])
def test_an_h1_only_the_title_tag_confirms_gives_way_to_the_h2_og_title_gives(metas, title, expected):
    body = (f'<h1>Tonight News</h1><h1>{_SPLIT_H1}</h1>'
            f'<h2>{_SPLIT_H2}</h2><p>Text</p><h2>A half year together</h2>')
    html = _titled(metas, body, title=title)
    assert extract_article(html, "https://example.org/a_114240.html").title == expected


def test_a_lone_first_name_is_spelt_out_by_a_text_that_is_just_the_full_name():
    # JSON-LD names the author "Todd"; the story's side column shows "By" and, alone, "Todd Bates"
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A story", "author": {"@type": "Person", "name": "Todd"}}</script>'
    side = ('<div class="article-sidebar"><p class="label"><strong>By</strong></p>'
            '<p class="full-name">Todd Bates</p></div>')
    body = f"<h1>A story</h1>{side}{STORY}"
    assert extract_article(_page(ld, body), "https://example.org/a").authors == ["Todd Bates"]
    # two ways of spelling it out leave the first name as it is
    two = side.replace("</div>", '<p class="full-name">Todd Smith</p></div>')
    assert extract_article(_page(ld, f"<h1>A story</h1>{two}{STORY}"), "https://example.org/a").authors == ["Todd"]
    # a site's name is no first name: "Sputnik Arabic" does not spell out the site "Sputnik"
    site = ld.replace('"name": "Todd"', '"name": "Sputnik"') + '<meta property="og:site_name" content="Sputnik">'
    arabic = side.replace("Todd Bates", "Sputnik Arabic")
    assert extract_article(_page(site, f"<h1>A story</h1>{arabic}{STORY}"), "https://example.org/a").authors == ["Sputnik"]


def test_a_lone_first_name_on_a_familys_own_domain_takes_the_family_name_the_page_spells():
    body = ('<h1>A story</h1><p class="byline">Von <a href="/author/henry/">Henry</a></p>'
            '<figure><img src="a.jpg"><figcaption>Bild: Archiv, Ausschnitt: Henry Exemple</figcaption></figure>' + STORY)
    assert extract_article(_page("", body), "https://www.exemple.com/wordpress/a").authors == ["Henry Exemple"]
    # on another domain the page's "Henry Exemple" may be anyone; nor does a family name in capitals alone count
    assert extract_article(_page("", body), "https://www.example.org/a").authors == ["Henry"]
    shouting = body.replace("Ausschnitt: Henry Exemple", "MEHR VON HENRY EXEMPLE")
    assert extract_article(_page("", shouting), "https://www.exemple.com/wordpress/a").authors == ["Henry"]


def test_prose_with_full_width_sentence_marks_is_no_byline():
    promo = "【上報徵稿】 上報歡迎各界投書，來稿請寄至 editor@example.org ，並請附上真實姓名、聯絡方式與職業身分簡介。 一起加入，新聞不漏接！"
    assert clean_authors([promo]) == []
    assert clean_authors(["王小明、李小龍"]) == ["王小明", "李小龍"]


def test_a_lower_case_login_beside_full_names_is_no_co_author():
    assert clean_authors(["Leonardo Castañeda", "gqlshare"]) == ["Leonardo Castañeda"]
    # alone, or beside no full name, the login is all there is
    assert clean_authors(["gqlshare"]) == ["gqlshare"]
    assert clean_authors(["red", "Agenturen"]) == ["red", "Agenturen"]


def test_a_full_width_bar_and_a_full_width_bracketed_date_leave_a_japanese_title():
    story = "与田祐希、お気に入りの一枚を公開"
    head = f'<meta property="og:site_name" content="ニュース速報"><meta property="og:title" content="{story}（2020年2月15日）｜ニュース速報">'
    html = _titled(head, f"<h1>{story}</h1>", title=f"{story}（2020年2月15日）｜ニュース速報")
    assert extract_article(html, "https://news.example.jp/0215/ori_200215.html").title == story
    # without an h1 the site's name still leaves the declared title
    html = _titled('<meta property="og:site_name" content="ニュース速報">', "", title=f"{story}｜ニュース速報")
    assert extract_article(html, "https://news.example.jp/0215/ori_200215.html").title == story


@pytest.mark.parametrize("value", ["sudinfo.be", "Par sudinfo.be", "a1plus.am", "Developed By Heba Musa", "Designed by Studio Nord"])
def test_a_country_domain_or_a_web_developers_credit_is_no_author(value):
    assert clean_authors([value]) == []
    # a login written first.last still spells a name
    assert clean_authors(["robert.stitz"]) == ["Robert Stitz"]


def test_json_ld_authors_come_from_the_storys_own_article_object():
    def item(headline, author, url):
        return (f'{{"@type": "NewsArticle", "headline": "{headline}", "url": "{url}",'
                f' "author": {{"@type": "Person", "name": "{author}"}}}}')
    teasers = [item("Other story one", "Jane Roe", "https://example.org/one"),
               item("Other story two", "Max Muster", "https://example.org/two")]
    body = f"<h1>A story</h1>{STORY}"
    # the page describes its teasers too: the first object is the story's
    ld = "[" + ", ".join([item("A story", "Jane Doe", "https://example.org/other-address"), *teasers]) + "]"
    page = _page(f'<script type="application/ld+json">{ld}</script>', body)
    assert extract_article(page, "https://example.org/a-story").authors == ["Jane Doe"]
    # ... unless another one names the page's own address
    ld = "[" + ", ".join([*teasers, item("A story", "Jane Doe", "https://example.org/a-story/")]) + "]"
    page = _page(f'<script type="application/ld+json">{ld}</script>', body)
    assert extract_article(page, "https://example.org/a-story").authors == ["Jane Doe"]


@pytest.mark.parametrize("value", ["Copyright Example Verlag GmbH & Co. KG - all rights reserved",
                                   "© Beispiel AG, alle Rechte vorbehalten", "Фото из Инстаграма Лукаша Подольски",
                                   "Photo courtesy of the city archive"])
def test_a_copyright_notice_or_a_photo_credit_is_no_author(value):
    assert clean_authors([value]) == []
    # a byline that leads in with the photos' credit still names its author
    assert clean_authors(["Text and photos by Jane Doe"]) == ["Jane Doe"]


@pytest.mark.parametrize("heading", ['<h1 class="login-modal-title">Log In</h1>', "<h2>Log ind</h2>", "<h1>Anmelden</h1>", "<h2>Suche</h2>"])
def test_a_control_label_set_as_a_heading_is_no_headline(heading):
    og = '<meta property="og:title" content="Woman attacks inspector at police station">'
    html = _titled(og, f"{heading}<p>Text</p>", title="Woman attacks inspector at police station – Observer")
    assert extract_article(html, "https://example.org/latest-news/woman-attacks").title == "Woman attacks inspector at police station"


def test_a_chinese_name_of_two_characters_is_a_name_but_a_role_word_is_not():
    assert clean_authors(["王小明、李四"]) == ["王小明", "李四"]
    assert clean_authors(["記者 李娜"]) == ["李娜"]
    assert clean_authors(["編輯"]) == [] and clean_authors(["来源"]) == []
    # two Latin letters beside a name stay out (alone they sign as initials, see test_an_author_signing_with_initials)
    assert clean_authors(["李娜", "PP"]) == ["李娜"]


@pytest.mark.parametrize(("box", "authors"), [
    ('<div class="author-bio footer"><h3>Martin Exemple</h3><p>Your financing adviser.</p></div>', ["Martin Exemple"]),
    ('<div class="author-box"><h4>Über den Autor</h4><p><strong>Jane Exemple</strong> schreibt über Geld.</p></div>',
     ["Jane Exemple"]),
    # a box in the sidebar is another page part's; a heading that is no name names nobody
    ('<aside><div class="author-bio"><h3>Martin Exemple</h3></div></aside>', []),
    ('<div class="about-the-author"><h3>Letters To The Editor</h3></div>', []),
])
def test_the_storys_author_box_heading_names_the_author(box, authors):
    inside, outside = (box, "") if not box.startswith("<aside>") else ("", box)
    html = _page("", f"<main><article><h1>A story</h1>{STORY}{inside}</article>{outside}</main>")
    assert extract_article(html, "https://example.org/a").authors == authors
