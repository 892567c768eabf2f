"""Shared pieces of article-page reading: text normalising, one-pass element selection, attribute hints,
JSON-LD parsing and the site's own names."""

from __future__ import annotations

import functools
import itertools
import json
import re
import unicodedata
import weakref
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from media_monitor.extract.urls import canonicalize_url

# schema.org types whose headline/author/datePublished describe the page's story.
ARTICLE_TYPES = frozenset(
    t.lower()
    for t in (
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "SatiricalArticle",
        "BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "DiscussionForumPosting", "TechArticle",
        "ScholarlyArticle", "MedicalScholarlyArticle", "Report", "AdvertiserContentArticle", "Review",
        "VideoObject", "Recipe", "HowTo", "CreativeWork", "Posting",
    )
)
PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "collectionpage", "profilepage", "qapage"})
ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "organisation", "localbusiness"})

# A run of letters: the words of a title or a text sample.
_WORDS = re.compile(r"[^\W\d_]+")
# (Chinese and Japanese titles are written without spaces: "标题-新华网", "标题_新浪网" join the story and
# the site with a bare hyphen or underscore between CJK characters.)
_TITLE_SEPARATORS = re.compile(
    r"\s+[|\-–—·•»›ǀ:/]\s+|\s*[|‖｜]\s*|\s+::\s+"
    r"|(?<=[\u3000-\u303f\u3040-\u30ff\u4e00-\u9fff\uff01-\uff60])[-_－](?=[\u3040-\u30ff\u4e00-\u9fff])"
)
# A doubled pipe ("Story | | Site") leaves an empty part between the two.
_DOUBLED_PIPE = re.compile(r"([|‖])(?:\s*[|‖])+")

# "Ein Beitrag von", "Blog Beitrag von", "Gastkommentar von", "A guest post by": what kind of text, and whose.
_KIND_BY = (
    r"(?:(?:ein|eine|a|an)\s+)?(?:[^\W\d_]++\s+)?[^\W\d_]++(?:"
    + "|".join(f"(?<={kind})" for kind in ("beitrag", "artikel", "kommentar", "analyse", "kolumne", "reportage",
                                           "interview", "bericht", "rezension", "mitteilung", "post", "article",
                                           "column", "essay", "review", "story", "report"))
    + r")\s+(?:von|by)"
)

_CAPITALISED = r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁΑ-ΩΆ-Ώ]"
# Lower-case particles inside a name: "Jan van der Berg", "María de la Fuente", "Ludwig von Hohenstein".
_NAME_PARTICLE = r"(?:van|von|de|der|den|da|di|du|la|le|del|della|dos|das|ten|ter|zu|vom|bin|al|el|y)"
# A name in a byline: capitalised words, an initial first ("J. R. Smith"), particles between.
_BYLINE_NAME = (_CAPITALISED + r"(?:[^\W\d_]+|\.)(?:[\s-]+(?:" + _NAME_PARTICLE + r"\s+){0,2}" + _CAPITALISED
                + r"[^\W\d_.]*\.?){1,3}")
# A credit for words and pictures both: "Text und Fotos", "Text & Bild", "Texte et photos", "Texto y fotos".
_TEXT_AND_PICTURES = (r"(?:text|texte|texto|testo|tekst)(?:\s+(?:und|and|et|y|e|i)\s+|\s?[&+/]\s?)"
                      r"(?:fotos?|photos?|bilder?|bild|fotografie|fotografías|illustrations?)")
# Verb-and-preposition lead-ins that both read a byline (``_BYLINE_TEXT``) and are cut off a name
# (names.py's ``_BYLINE_PREFIX``): "Publié par", "Geplaatst door", "Words and photos by".
_VERB_LEAD_INS = (
    r"(?:écrit|publié|rédigé|propos\s+recueillis)\s+par|(?:escrito|publicado)\s+por|(?:scritto|pubblicato|inviato)\s+da|"
    r"(?:geschreven|gepubliceerd|geplaatst|gepost|ingezonden)\s+door|(?:napisane|dodane)\s+przez|aufgezeichnet\s+von|"
    # Drupal's "submitted" line in its languages: "Gespeichert von jdoe am ...", "Soumis par", "Enviado por"
    r"(?:gespeichert|eingereicht)\s+von|soumis\s+par|enviado\s+por|"
    r"(?:words|text|story)\s+(?:and|&)\s+(?:photos?|pictures|images)\s+by"
)
# A dateline's date: "06.11.2023", "1. Februar 2022", "21. Jan 2022", "17 June 2019", "June 17, 2019".
_DATELINE_DATE = (r"(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{1,2}\.?\s[^\W\d_]{3,10}\.?\s\d{4}"
                  r"|[^\W\d_]{3,10}\.?\s\d{1,2},\s\d{4})")
# A byline written as text next to the headline: "By Jane Doe", "Text von Christian Seiler", "Geschrieben
# von <a>Name</a>", "Autoren Jane Doe und John Roe"; after a dateline a lone first name will do
# ("06.11.2023 13:30 von Olga", "Veröffentlicht am 06.11.2023 von Olga", "Posted on June 17, 2019 by Olga").
_BYLINE_TEXT = re.compile(
    r"^\s*(?:[|•·–—-]{1,4}\s*)?(?:"
    r"(?i:(?:posted|written|published|reported|reporting|words|story|submitted|compiled|filed|contributed)\s+by|by|von|"
    r"text\s+von|" + _VERB_LEAD_INS + r"|opracował(?:a)?|oprac\.|"
    r"von\s+unsere[mr]\s+[^\W\d_]+|"
    r"(?:text|texte|texto|testo|tekst)\s?:|" + _TEXT_AND_PICTURES + r"\s?:|"
    r"(?:geschrieben|verfasst|veröffentlicht|erstellt)\s+von|napisał(?:a)?|"
    r"(?:autor(?:in|en|innen|ka|es|i|zy)?|authors?|auteurs?|autore|redaktion|redacci[oó]n|reda[cç][aã]o|r[ée]daction|forfatter|författare|kirjoittaja|teksti|"
    r"szerző|yazar|συντάκτης|авторы|opracowanie|autoria)\s?:|par|por|di|a\s+cura\s+di|door|av|af|skrevet\s+a[fv]|przez|автор|"
    # German gender-inclusive labels: "Autor*in", "Autor:innen", "Autor_in", a label whatever follows
    r"autor[*:_/](?:in|innen)|"
    r"текст\s?:)"
    # any label may take a colon: "Por: Jane Doe", "Par : Jeanne Dupont", "Door: Jan Jansen"
    r"(?:\s?[:：])?"
    r"(?:\s*$|\s+" + _BYLINE_NAME + r"|(?<=by)\s+[a-z][\w.-]{1,30}(?:\s|$)|(?<=:)\s+(?P<handle>[a-z][\w./-]{1,30})(?:\s|$))"
    # Chinese and Japanese labels ("作者：王小明", "記者 王小明 / 台北報導"): a name of two to four characters
    r"|(?:作者|撰文|筆者|笔者)\s?[:：]\s*[\u4e00-\u9fff]{2,4}|(?:記者|记者)\s?[\u4e00-\u9fff]{2,4}(?:\s|$|[/／|｜(（、,，]|報導|报道)"
    # a name and a newsroom role, no label: "Jane Doe, Staff Writer", "Jane Doe, Senior Correspondent" (by the
    # headline only: further down it signs a quote)
    r"|(?P<role>" + _BYLINE_NAME + r",\s+(?i:(?:senior|chief|staff|contributing|special|foreign|political|business)\s+)?"
    r"(?i:writer|reporter|correspondent|editor|contributor|columnist))\s*$"
    # a label word alone, no colon, the name in the next element: "<dt>Autor</dt><dd>Jane Doe</dd>"
    r"|(?P<lone>(?i:autor(?:in|en|innen)?|author|auteur|autore|verfasser(?:in)?|text|interview|words))\s*$"
    r"|(?i:autor(?:in|en|innen)?|auteur|autore)\s+" + _CAPITALISED + r"[^\W\d_]+[\s-]+" + _CAPITALISED +
    r"|(?P<dateline>(?:(?i:veröffentlicht|publiziert|aktualisiert|erstellt|published|posted|updated|publié|publicado|"
    r"pubblicato)(?:\s+(?i:am|on|le|el|il|em))?\s+)?" + _DATELINE_DATE + r"(?:(?:\s*[|,])?\s+\d{1,2}:\d{2}(?:\s+(?i:uhr))?)?(?:\s*(?:[|,–—-]|//?))?\s+)"
    r"(?:(?i:von|by|par|por|di|door|av|af|przez)\s+" + _CAPITALISED + r"[^\W\d_]+"
    r"|(?<=[|,/–—-]\s)(?P<bare>" + _BYLINE_NAME + r")\s*$)"
    # after a verb's lead-in a lone first name will do too ("Posted by Olga @ 12:00 am", "Erstellt von Olga
    # am 6. Mai 2014"): a bare "by"/"von" is as often a place's or a title's word ("von Berlin", "by Night")
    r"|(?i:(?:posted|written|published|submitted)\s+by|(?:geschrieben|verfasst|veröffentlicht|erstellt)\s+von|"
    + _VERB_LEAD_INS + r")\s+" + _CAPITALISED + r"[^\W\d_]+(?:\s*$|\s*[@|,]|\s+(?i:am|on|le|el|il|em|op)\s)"
    r")"
)
# "Ein Gastbeitrag von Jane Doe": tried only on texts holding a "von"/"by" (the pattern costs more).
_KIND_BYLINE = re.compile(r"^\s*(?P<dateline>)(?P<bare>)(?i:" + _KIND_BY + r")(?:\s*$|\s+" + _BYLINE_NAME + ")")
_VON_BY = re.compile(r"(?i)\b(?:von|by)\b")

_VIEWS_TEXT = re.compile(
    r"(\d[\d \u00a0\u202f,.]*[kKкК]?)\s*(?:views|просмотр\w*|aufrufe|mal gelesen|lecturas|vues|visualizzazioni|"
    r"visualizações|wyświetle\w*|reads|hits)\b",
    re.I,
)
_COMMENTS_TEXT = re.compile(
    r"(\d[\d \u00a0\u202f,.]*)\s*(?:comments?|комментари\w*|kommentare?|commentaires?|comentarios?|commenti|"
    r"komentarz\w*|reacties)\b",
    re.I,
)
_CREDIT_LABEL = re.compile(
    r"^\s*(?:image\s+source|image\s+credit|photo\s+credit|picture\s+credit|photo|photograph|picture|image|credit|"
    r"source\s+of\s+image|фото|фотография|источник\s+фото|изображение|иллюстрация|foto|bild|bildquelle|fotos|"
    r"quelle|crédit\s+photo|crédits?|imagen|immagine|zdjęcie|fot\.)\s*[:：]\s*",
    re.I,
)
# Generic words a <title> adds for the site, among them the "Blog Archive" of WordPress's old
# default theme ("Site » Blog Archive » Story", translated "Blog Archiv", "Archivo del blog").
_SITE_SUFFIX_WORDS = re.compile(
    r"^(?:the\s+)?(?:official\s+)?(?:site|website|homepage|blog|online|blog[\s-]?archiv[eo]?|archiv[eo]\s+del\s+blog)$",
    re.I,
)


# Whole-document selections ("//h1", "//meta[@content]", ...) come from one walk per document:
# each "//tag" XPath walks the whole tree again and ten of them cost more than the walk. The
# index is kept per tree object (weakly, so it goes with the tree) and is built on first use:
# a tree changed after that (elements dropped, added) must not be read through these again.
_INDEXED_TAGS = ("script", "meta", "title", "link", "time", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6")
_TAG_INDEX: weakref.WeakKeyDictionary[Any, dict[str, list[Any]]] = weakref.WeakKeyDictionary()


def _tag_index(tree: lxml.html.HtmlElement) -> dict[str, list[Any]]:
    """The document's elements of ``_INDEXED_TAGS``, by tag and ("*") all together, in document order."""
    index = _TAG_INDEX.get(tree)
    if index is None:
        index = {tag: [] for tag in _INDEXED_TAGS}
        everything: list[Any] = []
        # "//tag" selects in the whole document, also when tree is an element inside it.
        root = tree.getroottree().getroot()
        for el in root.iter(*_INDEXED_TAGS) if root is not None else ():
            index[el.tag].append(el)
            everything.append(el)
        index["*"] = everything
        _TAG_INDEX[tree] = index
    return index


class _DocSelect:
    """A callable standing in for a compiled "//tag[test]" XPath: ``select(tree)`` -> list of elements."""

    def __init__(self, tags: tuple[str, ...], test: Callable[[Any], bool] | None = None) -> None:
        self.tags = tags
        self.test = test

    def __call__(self, tree: lxml.html.HtmlElement) -> list[Any]:
        index = _tag_index(tree)
        found = index[self.tags[0]] if len(self.tags) == 1 else [e for e in index["*"] if e.tag in self.tags]
        return [e for e in found if self.test(e)] if self.test else list(found)


_X_JSONLD = _DocSelect(("script",), lambda e: e.get("type") in ("application/ld+json", "application/json+ld"))
_X_META = _DocSelect(("meta",), lambda e: e.get("content") is not None)
_X_H1 = _DocSelect(("h1",))
_X_H2 = _DocSelect(("h2",))
_X_TITLE = _DocSelect(("title",))
_X_OG_META = _DocSelect(("meta",), lambda e: e.get("property") == "og:title" and e.get("content") is not None)


def _X_OG_TITLE(tree: lxml.html.HtmlElement) -> list[str]:  # noqa: N802 - stands in for the XPath constant
    """'//meta[@property="og:title"]/@content'."""
    return [e.get("content") for e in _X_OG_META(tree)]


_X_LOWER_HEADINGS = _DocSelect(("h2", "h3", "h4", "h5", "h6"))
_X_CANONICAL = _DocSelect(("link",), lambda e: e.get("rel") == "canonical" and e.get("href") is not None)
# Feed and OpenSearch links name the site in their title ("Site » Feed", "Site RSS2 Feed").
_X_FEED_LINKS = _DocSelect(
    ("link",),
    lambda e: e.get("rel") in ("alternate", "search")
    and e.get("title") is not None
    and any(kind in (e.get("type") or "") for kind in ("rss", "atom", "opensearch")),
)
# itemprop="datePublished" on <meta> is read with the other meta tags; <time datetime> here.
_X_TIME = _DocSelect(("time",), lambda e: e.get("datetime") is not None)
# One pass over the elements that carry hints in their attributes serves bylines, counters and
# credits: a translate()/contains() XPath per purpose costs more than the whole scan.
_X_TEXTS = etree.XPath("//text()")
_X_BEFORE_H1 = etree.XPath("preceding::text()[position() <= 80]")
_X_PARAGRAPHS_BEFORE = etree.XPath("preceding::p[position() <= 10]")
_X_AFTER_H1 = etree.XPath("following::text()[position() <= 500]")
_DIGIT_OR_COLON = re.compile(r"[\d:：]")
_X_FIGCAPTION = _DocSelect(("figcaption",))
_SKIP_TAGS = frozenset({"script", "style", "meta", "link", "html", "body", "img", "head", "svg", "path"})
_HINT_KEYS = ("class", "id", "itemprop", "property", "rel", "title", "aria-label", "data-testid")
# Attribute words that mark bylines, counters and credits (matched in lower-cased class/id/... values).
_HINT_WORDS: dict[str, tuple[str, ...]] = {
    # (Drupal's "submitted" line: "Submitted by <span class=username>jdoe</span> on 24 July 2017")
    "byline": ("author", "byline", "by-line", "autor", "auteur", "verfasser", "writer", "creator", "signatur",
               "submitted"),
    "views": ("view", "просмотр", "aufruf", "gelesen", "lectur", "vista", "visualiz", "visite", "hits", "reads",
              "pageview", "wyświetle"),
    "comments": ("comment", "коммент", "kommentar", "commentaire", "comentario", "commenti", "komentarz", "reactie",
                 "reply", "replies", "discuss"),
    "credit": ("credit", "copyright", "caption", "bildquelle", "fotograf", "photographer", "image-source",
               "photo-source", "источник"),
}
_HINT_RE = re.compile("|".join(f"(?P<{kind}>{'|'.join(map(re.escape, words))})" for kind, words in _HINT_WORDS.items()))


# Whether a hint holds any _HINT_WORDS word at all: the words grouped by their first letter
# ("a(?:utor|uteur|uthor)|b(?:y-line|yline)|..."), so that re tries one group at a place instead of
# forty words; three times faster than forty substring tests, which beat the flat alternation.
_ANY_HINT_WORD = re.compile("|".join(
    re.escape(first) + "(?:" + "|".join(re.escape(w[1:]) for w in group) + ")"
    for first, group in itertools.groupby(sorted(w for words in _HINT_WORDS.values() for w in words), key=lambda w: w[0])
))
_HINT_KEY_SET = frozenset(_HINT_KEYS)
_NO_KINDS: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=8192)
def _hint_kinds(hint: str) -> frozenset[str]:
    """The _HINT_WORDS kinds in a lower-cased class/id/... string; pages repeat their class strings."""
    # _HINT_RE matches somewhere iff one of its words occurs, and nine hints in ten hold none.
    if not _ANY_HINT_WORD.search(hint):
        return _NO_KINDS
    return frozenset(m.lastgroup or "" for m in _HINT_RE.finditer(hint))

# Structural containers whose counters and credits belong to other stories, not this one.
# Matched against single class/id tokens, word-part anchored: "sidebar-right" is a sidebar,
# "canvas" is not a nav, and <body class="has-sidebar"> says nothing about one element.
_ELSEWHERE = re.compile(
    r"(?:^|[-_])(?:sidebar|aside|related|recommend\w*|popular|most-?read|trending|widgets?|rail|"
    r"footer|comments?|comment-?list|commentlist|newsletter|promo|advert\w*|ads?|sponsor\w*|outbrain|taboola|"
    r"nav|navbar|navigation|menu|recent-?comments|respond)(?:$|[-_])",
    re.I,
)
# The footer of a post or an article ("entry-footer", "post-footer", "article-footer"), where
# themes put its byline: the story's own, though not inside an <article> element.
_STORY_FOOTER = re.compile(
    r"(?:[a-z0-9]+[-_])*?(?:entry|post|article|story)[-_]footer(?:[-_](?:box|outer|inner|wrap|wrapper|container))*", re.I
)
# "widget" names a sidebar's boxes, but page builders (Elementor's "elementor-widget-container")
# call every block of a layout so, the headline's and its byline's too.
_WIDGET = re.compile(r"(?:^|[-_])widgets?(?:$|[-_])", re.I)
# How many levels above the headline its own column reaches: blocks whose nearest container in
# common with the headline is that close sit beside it in that column, not in a sidebar.
_COLUMN_DEPTH = 3


# Invisible characters that only steer line breaking: soft hyphen, zero-width space, BOM.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def _norm(text: str | None) -> str:
    # The words joined by single spaces: what collapsing every run of whitespace (``\s+``, the
    # same characters as str.split's) and stripping gives, several times faster than a regex.
    return " ".join((text or "").split())


_NON_ALNUM = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=4096)
def _squash_short(text: str) -> str:
    return _NON_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


def _squash(text: str) -> str:
    """Lower-case letters and digits only: for comparing titles and site names."""
    # A page squashes the same site names and title parts over and over (six calls in seven repeat
    # one): short texts are cached, as plain str (no lxml text result keeps its document alive in
    # the cache); a long one (a heading holding a whole page) is not kept.
    if len(text) <= 200:
        return _squash_short(str(text))
    return _squash_short.__wrapped__(text)


def _unaccented(text: str) -> str:
    """The text without its accents, as host names write it: "Últimas" as "Ultimas", "Jürgen" as "Jurgen"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _load_json(text: str) -> Any:
    text = text.strip()
    # CMSes wrap JSON-LD in HTML comments or CDATA markers.
    text = re.sub(r"^\s*(?:<!--|//\s*<!\[CDATA\[|/\*\s*<!\[CDATA\[\s*\*/)", "", text)
    text = re.sub(r"(?:-->|//\s*\]\]>|/\*\s*\]\]>\s*\*/)\s*$", "", text).strip()
    if not text:
        return None
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    # Trailing commas and raw newlines are the usual hand-written JSON-LD mistakes.
    fixed = re.sub(r",\s*([}\]])", r"\1", text)
    try:
        return json.loads(fixed, strict=False)
    except ValueError:
        pass
    # An extra closing brace after the object, or two objects in one script: keep the
    # complete values from the start.
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    pos = 0
    while pos < len(fixed):
        try:
            value, pos = decoder.raw_decode(fixed, pos)
        except ValueError:
            break
        values.append(value)
        while pos < len(fixed) and fixed[pos] in " \t\r\n;,":
            pos += 1
    if not values:
        return None
    return values[0] if len(values) == 1 else values


def _types(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("@type")
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        return set()
    return {str(t).rsplit("/", 1)[-1].lower() for t in raw}


def _flatten_ld(data: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            _flatten_ld(item, out, depth + 1)
    elif isinstance(data, dict):
        out.append(data)
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "hasPart"):
            if key in data and isinstance(data[key], (list, dict)):
                _flatten_ld(data[key], out, depth + 1)


# The words a feed or search link adds to the site's name: "Site » Kommentar-Feed", "Site RSS2 Feed",
# "Atom-Feed für „Site“", "Site (de)", "Site » Post Title Comments Feed" (then the first part names it).
_FEED_WORDS = re.compile(
    r"(?:^|\s)(?:rss\s?\d?(?:\.\d)?|atom|feeds?|[\w-]*-feeds?|comments?|kommentare?|commentaires?|comentarios?|"
    r"für|for|de|du|del|the|\([a-z]{2}(?:-[a-z]{2})?\))(?=\s|$)",
    re.I,
)
_FEED_KEYWORD = re.compile(r"feed|rss|atom|comment|kommentar", re.I)
_QUOTES = "\"'„“”«»‚‘’‹›"


def _feed_site_names(tree: lxml.html.HtmlElement) -> list[str]:
    """The site's name from the titles of its feed and OpenSearch links.

    WordPress and most CMSs title their feed links "Site » Feed", "Site » Comments Feed" and a post's
    "Site » Post Title Comments Feed"; others write "Site RSS2 Feed" or "Atom-Feed für „Site“".
    A feed titled without such words is the feed of a tag or of the page itself ("Energiewende" or
    "Post Title - Site"): it names no site on its own.
    """
    names: list[str] = []
    for link in _X_FEED_LINKS(tree)[:6]:
        value = link.get("title", "")
        if "opensearch" not in link.get("type", "") and not _FEED_KEYWORD.search(value):
            continue
        first = _TITLE_SEPARATORS.split(_norm(value))[0]
        name = _norm(_FEED_WORDS.sub(" ", _FEED_WORDS.sub(" ", first))).strip(_QUOTES + " ")
        if name and len(name.split()) <= 6:
            names.append(name)
    return names


def _is_site_name(text: str, site_names: list[str], *, exact: bool = False) -> bool:
    """Whether text names the site (og:site_name, publisher, host); loosely unless exact."""
    sq = _squash(text)
    if not sq:
        return False
    for name in site_names:
        ns = _squash(name)
        if not ns:
            continue
        if exact:
            if sq == ns:
                return True
            continue
        if sq == ns or (len(ns) >= 4 and (sq.startswith(ns) or sq.endswith(ns)) and len(sq) <= len(ns) + 12):
            return True
        if len(sq) >= 4 and ns.startswith(sq) and len(ns) <= len(sq) + 6:
            return True
    return bool(_SITE_SUFFIX_WORDS.match(text))


# (no "breadcrumb": a breadcrumb's h1 shows the page's own title, "<h1 class=breadcrumb__title>Harbour strike</h1>")
_LOGO_CLASS = re.compile(
    r"logo|brand|site-?title|site-?name|blog-?title|masthead|assistive|screen-?reader|sr-only|visually-?hidden|"
    r"aural|offscreen|invisible|widget",
    re.I,
)

# The markup of a post's own headline (hAtom "entry-title", microdata "headline"): never a logo.
_ENTRY_HEADLINE = re.compile(r"(?:^|\s)(?:entry[-_]title|post[-_]title|article[-_]title)(?:\s|$)", re.I)


def _is_logo(el: lxml.html.HtmlElement, url: str) -> bool:
    if el.get("itemprop") == "headline" or _ENTRY_HEADLINE.search(el.get("class", "")):
        return False
    if _LOGO_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
        return True
    for a in el.iter("a"):
        href = canonicalize_url(a.get("href", ""), base=url or None)
        if (href and urlsplit(href).path in ("", "/")) or (a.get("title") or "").lower() in ("home", "startseite"):
            return True
    return False


def _in_chrome(el: lxml.html.HtmlElement) -> bool:
    """Inside navigation, a sidebar, a footer, or the page header (an article's own <header> is fine)."""
    ancestors = list(el.iterancestors())
    for i, anc in enumerate(ancestors):
        if anc.tag in ("nav", "aside", "footer"):
            return True
        if (
            anc.tag == "header" and not any(a.tag in ("article", "main", "section") for a in ancestors[i + 1:])
            and _site_header(anc)
        ):
            return True
    return False


def _in_chrome_any(el: lxml.html.HtmlElement) -> bool:
    """Inside navigation, a sidebar, a footer or any header."""
    return any(anc.tag in ("nav", "aside", "footer", "header") for anc in el.iterancestors())


def _story_chars_before(el: lxml.html.HtmlElement) -> int:
    """Characters of the story text before ``el``: its (up to ten) preceding paragraphs, the page's frame aside."""
    return sum(len(_norm(p.text_content())) for p in _X_PARAGRAPHS_BEFORE(el) if not _in_chrome_any(p))


def _site_header(header: lxml.html.HtmlElement) -> bool:
    """A <header> that is the site's (navigation, or a run of links), not a story's own header set
    outside any <article> ("<header class=entry-header><h1>Story</h1><p>By Jane</p></header>")."""
    if next(header.iter("nav"), None) is not None:
        return True
    return sum(1 for _ in itertools.islice(header.iter("a"), 6)) >= 6


def _split_parts(title: str) -> list[str]:
    return [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]


def _lang_code(value: str | None) -> str | None:
    if not value:
        return None
    code = re.split(r"[-_]", value.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) and code not in ("x", "und", "mul", "zxx") else None
