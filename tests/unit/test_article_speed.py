"""The article extractor's shortcuts (indexes, caches) select exactly what the plain XPaths did."""

from __future__ import annotations

import gc

import lxml.html
import pytest
from lxml import etree

from media_monitor.extract import evidence as evidence_mod
from media_monitor.extract import frontpage as frontpage_mod
from media_monitor.extract import markup as markup_mod
from media_monitor.extract.article import extract_article

PAGE = """<!DOCTYPE html><html lang="de"><head><title>Eins | Site</title>
<meta property="og:title" content="Eins"><meta property="og:title"><meta name="description" content="">
<meta name="author" content="Jane Doe"><link rel="canonical"><link rel="canonical" href="https://example.org/eins">
<link rel="Canonical" href="https://example.org/upper"><script type="application/ld+json">{"@type": "NewsArticle"}</script>
<script type="application/json+ld">{}</script><script type="text/javascript">var x;</script></head>
<body><h2>Kicker</h2><div><h1>Eins</h1><h3>Sub</h3><time datetime="2024-01-02">2.1.2024</time><time>ohne</time></div>
<figure><figcaption>Foto: A</figcaption></figure><title>second title</title><h1>Zwei</h1><h6>Six</h6><h4>Four</h4>
<svg><title>icon</title></svg></body></html>"""

XPATHS = {
    "_X_JSONLD": '//script[@type="application/ld+json" or @type="application/json+ld"]',
    "_X_META": "//meta[@content]",
    "_X_H1": "//h1",
    "_X_H2": "//h2",
    "_X_TITLE": "//title",
    "_X_OG_TITLE": '//meta[@property="og:title"]/@content',
    "_X_LOWER_HEADINGS": "//h2|//h3|//h4|//h5|//h6",
    "_X_CANONICAL": '//link[@rel="canonical"][@href]',
    "_X_TIME": "//time[@datetime]",
    "_X_FIGCAPTION": "//figcaption",
}


@pytest.mark.parametrize("name", sorted(XPATHS))
def test_document_selections_equal_their_xpaths(name: str) -> None:
    tree = frontpage_mod.parse_html(PAGE)
    # also from an element inside the document: "//" still means the whole document
    for context in (tree, tree.find(".//div")):
        expected = etree.XPath(XPATHS[name])(context)
        got = getattr(markup_mod, name)(context)
        assert got == expected
        assert got  # the page has something for each


def test_a_fragment_tree_selects_in_its_whole_document() -> None:
    # lxml.html.fromstring hands back the only element of a fragment, yet "//title" sees the <head>
    tree = lxml.html.fromstring("<div><h1>A</h1></div>")
    assert markup_mod._X_H1(tree) == tree.xpath("//h1")
    assert markup_mod._X_TITLE(tree) == tree.xpath("//title") == []


def test_the_index_belongs_to_one_tree_and_goes_with_it() -> None:
    first = frontpage_mod.parse_html("<html><head><title>First</title></head><body><h1>First story</h1></body></html>")
    second = frontpage_mod.parse_html("<html><head><title>Second</title></head><body><h1>Second story</h1></body></html>")
    assert [h.text for h in markup_mod._X_H1(first)] == ["First story"]
    assert [h.text for h in markup_mod._X_H1(second)] == ["Second story"]
    # a caller changing the returned list does not change the index
    markup_mod._X_H1(first).clear()
    assert [h.text for h in markup_mod._X_H1(first)] == ["First story"]
    before = len(markup_mod._TAG_INDEX)
    del first, second
    gc.collect()
    assert len(markup_mod._TAG_INDEX) <= before - 2


def test_pages_in_a_row_keep_their_own_metadata() -> None:
    story = "<p>" + "Ein Satz mit Wörtern für den Text. " * 40 + "</p>"
    for n in range(5):
        html = (f'<html><head><title>Story {n}</title><meta name="author" content="Autor Nummer{n}">'
                f'<link rel="canonical" href="https://example.org/{n}"></head>'
                f"<body><article><h1>Story {n}</h1>{story}</article></body></html>")
        a = extract_article(html, f"https://example.org/{n}")
        assert a.title == f"Story {n}"
        assert a.canonical_url == f"https://example.org/{n}"


@pytest.mark.parametrize("hint", [
    "", "menu-item menu-item-type-post_type", "author", "authorreply", "post-author reply-count",
    "entry-meta byline", "views-count", "viewcomments", "comment-count", "image-credit", "источник фото",
    "wp-caption-text", "autorenkommentar", "pageviews", "photographer", "discussion", "readscreator",
])
def test_hint_kinds_equal_the_pattern_s_matches(hint: str) -> None:
    expected = frozenset(m.lastgroup or "" for m in markup_mod._HINT_RE.finditer(hint))
    assert markup_mod._hint_kinds(hint) == expected


def test_page_scan_reads_hints_whatever_the_attribute_order() -> None:
    story = "<p>" + "Ein Satz. " * 30 + "</p>"
    pages = [
        f'<html><body><h1>Titel</h1><div {attrs}>Von Jane Doe</div><span {views}>123</span>{story}</body></html>'
        for attrs, views in (
            ('class="meta" id="byline-1" title="x"', 'class="count" data-testid="pageviews"'),
            ('title="x" id="byline-1" class="meta"', 'data-testid="pageviews" class="count"'),
        )
    ]
    scans = [evidence_mod.PageScan(frontpage_mod.parse_html(p)) for p in pages]
    for scan in scans:
        assert [el.tag for el in scan.bylines] == ["div"]
        assert [el.tag for el in scan.views] == ["span"]


LOADER_PAGES = [
    PAGE,
    '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">\n'
    '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>XHTML</title></head><body><p>Text</p></body></html>',
    '<html lang="en"/>\n<head><title>Self-closing html</title></head><body><p>Text\x0b with a control</p></body>',
    "<!-- c --><html><body><!-- gone --><?pi gone?><form><input name=q><select><option>1</select></form>"
    "<p>Kept</p></body></html>",
    "<div><p>one block, no html tag</p></div>",
    "<p>one</p><p>two blocks, no html tag</p>",
    "<p>a lone paragraph</p>",
    "<body><p>a body, no html tag</p></body>",
]


@pytest.mark.parametrize("page", LOADER_PAGES)
def test_the_loader_parses_as_trafilatura_s(page: str) -> None:
    # parse_html runs trafilatura's load_html steps on its own parser (a lookup done in C):
    # the same tree, serialised byte for byte, and the same refusals.
    from trafilatura.utils import load_html

    theirs = load_html(page)
    ours = frontpage_mod._load_html(page)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert etree.tostring(ours) == etree.tostring(theirs)
        assert all(isinstance(el, lxml.html.HtmlElement) for el in ours.iter() if isinstance(el.tag, str))
        assert ours.text_content() == theirs.text_content()


def test_the_body_equals_trafilatura_s_on_a_real_looking_page() -> None:
    import trafilatura

    story = "".join(f"<p>Paragraph {n}: a sentence long enough to count as the story's text, and more.</p>" for n in range(12))
    html = (f"<html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav><article><h1>T</h1>{story}"
            f"<form><input name=q></form></article><footer>Footer text</footer></body></html>")
    ours = extract_article(html, "https://example.org/t").body
    assert ours and ours == trafilatura.extract(html, include_comments=False, include_tables=True)


def test_the_invalid_characters_are_trafilatura_s() -> None:
    from trafilatura.utils import INVALID_XML_CHARS

    pattern = {chr(c) for c in range(0x10000) if INVALID_XML_CHARS.match(chr(c))}
    assert set(frontpage_mod._INVALID_XML_CHARS) == pattern


@pytest.mark.parametrize("page", [
    *LOADER_PAGES,
    "<html><body><p>a\x00b\x1fc\ufffed\uffffe\x0cf</p></body></html>",
    "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN' 'x'>",  # a doctype and no line break
    "<!doctype html>\r\n<html\r\nlang=en />\r\n<body>x</body>",
    "\n\n\n\n<html/>",  # past the first four lines: left as it is
])
def test_the_repair_is_trafilatura_s(page: str) -> None:
    # The quick test for invalid characters must not change what trafilatura's repair gives.
    from trafilatura.utils import repair_faulty_html

    beginning = page[:50].lower()
    assert frontpage_mod._repair_faulty_html(page, beginning) == repair_faulty_html(page, beginning)


def test_the_quick_hint_test_finds_exactly_the_hint_words() -> None:
    words = [w for ws in markup_mod._HINT_WORDS.values() for w in ws]
    for word in words:
        assert markup_mod._ANY_HINT_WORD.search(f"x-{word}-y")
        cut = word[:-1]  # "autho": a hint only where it still holds another word ("autor" in "autore")
        assert bool(markup_mod._ANY_HINT_WORD.search(cut)) == any(w in cut for w in words)


def test_marked_titles_select_what_the_plain_class_tests_do() -> None:
    plain = etree.XPath(
        '//body//*[@itemprop="headline" or contains(@class, "title") or contains(@class, "Title")'
        ' or contains(@class, "headline") or contains(@class, "Headline")]'
    )
    tree = frontpage_mod.parse_html(
        '<html><head><title>T</title></head><body><div class="entry-title">A</div><p>no class</p>'
        '<span itemprop="headline">B</span><h2 class="Headline">C</h2><div class="">D</div>'
        '<p class="subtitle x">E</p><p id="title">F</p></body></html>'
    )
    assert evidence_mod._X_MARKED_TITLES(tree) == plain(tree)
    assert len(plain(tree)) == 4


def test_squashed_texts_are_cached_without_their_document() -> None:
    import weakref

    tree = frontpage_mod.parse_html("<html><body><h1>Die Zeit – Ausgabe 12</h1></body></html>")
    text = tree.xpath("//h1/text()")[0]  # an lxml text result: it holds its element, and so the tree
    assert markup_mod._squash(text) == markup_mod._squash("Die Zeit – Ausgabe 12") == "diezeitausgabe12"
    assert markup_mod._squash("x" * 300 + " Ä") == "x" * 300 + "ä"  # a long text, not cached
    h1 = weakref.ref(text.getparent())
    del tree, text
    gc.collect()
    assert h1() is None
