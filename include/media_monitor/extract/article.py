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
"""

from __future__ import annotations

import functools
import itertools
import json
import logging
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from html import unescape as html_unescape
from typing import Any, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import lxml.html
from lxml import etree

from media_monitor.extract.dates import parse_date_value
from media_monitor.extract.frontpage import css_select, parse_count, parse_html
from media_monitor.extract.urls import canonicalize_url, registrable_domain, same_site, url_host
from media_monitor.models import Article
from media_monitor.registry import Outlet

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

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

_WS = re.compile(r"\s+")
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—·•»›ǀ:/]\s+|\s*[|‖]\s*|\s+::\s+")
# A doubled pipe ("Story | | Site") leaves an empty part between the two.
_DOUBLED_PIPE = re.compile(r"([|‖])(?:\s*[|‖])+")
_URLISH = re.compile(r"https?://\S+|www\.\S+|\S+\.(?:com|de|org|net|at|ch|fr|ru|uk|es|it|pl|nl|info|io)\b\S*", re.I)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
# "Ein Beitrag von", "Blog Beitrag von", "Gastkommentar von", "A guest post by": what kind of text, and whose.
_KIND_BY = (
    r"(?:(?:ein|eine|a|an)\s+)?(?:[^\W\d_]++\s+)?[^\W\d_]++(?:"
    + "|".join(f"(?<={kind})" for kind in ("beitrag", "artikel", "kommentar", "analyse", "kolumne", "reportage",
                                           "interview", "bericht", "rezension", "mitteilung", "post", "article",
                                           "column", "essay", "review", "story", "report"))
    + r")\s+(?:von|by)"
)
# Byline lead-ins in the languages of our outlets and corpus.
_BYLINE_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|published|reported|text|story|words|interview|photos?|fotos?|video)\s+by|by|von|vom|par|por|"
    r"di|da|door|av|przez|autor(?:in|en)?|author|auteur|autore|redakteur(?:in)?|verfasst\s+von|ein\s+(?:beitrag|artikel|"
    r"kommentar|gastbeitrag)\s+von|eine\s+(?:analyse|reportage|kolumne)\s+von|text|texte|von\s+unserem\s+\w+|"
    r"автор|текст|от|посмотреть\s+все\s+записи|view\s+all\s+posts\s+by|all\s+posts\s+by|more\s+by|mehr\s+von|"
    r"articles?\s+by|stories\s+by|written|(?:artikel|beitrag|beiträge|posts?)\s+von|a\s+post\s+by|(?:veröffentlicht|publiziert|erstellt|geschrieben|verfasst)\s+von|"
    r"publié\s+par|écrit\s+par|publicado\s+por|escrito\s+por|pubblicato\s+da|scritto\s+da|gepubliceerd\s+door|"
    r"napisał(?:a)?|опубликовал(?:а)?|redaktion(?=\s*:)|texto|testo|tekst|" + _KIND_BY + r")\b\s*[:\-–—]?\s*",
    re.I,
)
# Words that start a byline's date or role part rather than a name.
_NOT_A_NAME_START = re.compile(
    r"^(?:publiziert|veröffentlicht|published|posted|updated|aktualisiert|erstellt|geschrieben|written|publié|publicado|"
    r"pubblicato|am|on|le|el|il|vor|ago|min|minutes?|stunden?|hours?|lesezeit|read|reading|share|teilen|follow|mehr|"
    r"more|über|about|contact|kontakt|email|e-mail)\b",
    re.I,
)
# Roles appended to a name: "Christoph Hein Chefredakteur", "Jane Doe, Staff Writer".
_ROLE_SUFFIX = re.compile(
    r"\s+(?:chef-?redakteur(?:in)?|redakteur(?:in)?|reporter(?:in)?|korrespondent(?:in)?|correspondent|journalist(?:in)?|"
    r"editor(?:-in-chief)?|senior editor|staff writer|contributor|autor(?:in)?|author|fotograf(?:in)?|photographer|"
    r"volontär(?:in)?|praktikant(?:in)?|herausgeber(?:in)?)$",
    re.I,
)
# Conjunctions only between spaces, so "e.V." or "Y. Name" are not split.
_NAME_SPLIT = re.compile(r"\s*[;,]\s*|\s+(?:&|\+|und|and|et|y|e|i|u\.|и|sowie)\s+", re.I)
_OTHER_CREDITS = re.compile(
    r"\s+(?:illustrations?|illustrationen|fotos?|photos?|bilder?|grafiken?|grafik|video|kamera|mitarbeit|"
    r"additional reporting|reporting|edited|bearbeitet)\s*(?:von|by|:|par|por)\s.*$",
    re.I,
)
# Where a byline's date part starts: a weekday, "Nov 9", "09.11.2023", "vor 5 Stunden", "updated".
_DATE_TAIL = re.compile(
    r"[,|•·]?\s*\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag|samstag|"
    r"sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|"
    r"domingo|(?:last|zuletzt)\s+(?:updated|modified|aktualisiert|geändert)|updated|aktualisiert|published|veröffentlicht|vor\s+\d|il y a|hace\s+\d|\d+\s+(?:min|hours?|stunden?)|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}\.\s*\d{1,2}\.|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.?\s+(?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|"
    r"november|dezember)\b)",
    re.I,
)
_CAPITALISED = r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ]"
_BYLINE_NAME = _CAPITALISED + r"[^\W\d_]+(?:[\s-]+" + _CAPITALISED + r"[^\W\d_.]*\.?){1,3}"
# A dateline's date: "06.11.2023", "1. Februar 2022", "21. Jan 2022", "17 June 2019", "June 17, 2019".
_DATELINE_DATE = (r"(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{1,2}\.?\s[^\W\d_]{3,10}\.?\s\d{4}"
                  r"|[^\W\d_]{3,10}\.?\s\d{1,2},\s\d{4})")
# A byline written as text next to the headline: "By Jane Doe", "Text von Christian Seiler", "Geschrieben
# von <a>Name</a>", "Autoren Jane Doe und John Roe"; after a dateline a lone first name will do
# ("06.11.2023 13:30 von Olga").
_BYLINE_TEXT = re.compile(
    r"^\s*(?:[|•·–—-]\s*)?(?:"
    r"(?i:(?:posted|written|published|reported)\s+by(?:\s?:)?|by(?:\s?:)?|von(?:\s?:)?|text\s+von|"
    r"(?:text|texte|texto|testo|tekst)\s?:|"
    r"(?:geschrieben|verfasst|veröffentlicht|erstellt)\s+von|(?:écrit|publié)\s+par|(?:escrito|publicado)\s+por|"
    r"(?:scritto|pubblicato)\s+da|(?:geschreven|gepubliceerd)\s+door|napisał(?:a)?(?:\s?:)?|"
    r"(?:autor(?:in|en|innen)?|author|auteur|autore|redaktion)\s?:|par|por|di|door|av|przez|автор(?:\s?:)?|"
    r"текст\s?:)"
    r"(?:\s*$|\s+" + _BYLINE_NAME + r"|(?<=by)\s+[a-z][\w.-]{1,30}(?:\s|$)|(?<=:)\s+(?P<handle>[a-z][\w./-]{1,30})(?:\s|$))"
    r"|(?i:autor(?:in|en|innen)?|auteur|autore)\s+" + _CAPITALISED + r"[^\W\d_]+[\s-]+" + _CAPITALISED +
    r"|(?P<dateline>" + _DATELINE_DATE + r"(?:(?:\s*[|,])?\s+\d{1,2}:\d{2}(?:\s+(?i:uhr))?)?(?:\s*(?:[|,–—-]|//?))?\s+)"
    r"(?:(?i:von|by|par|por|di|door|av|przez)\s+" + _CAPITALISED + r"[^\W\d_]+"
    r"|(?<=[|,/–—-]\s)(?P<bare>" + _BYLINE_NAME + r")\s*$)"
    r")"
)
# "Ein Gastbeitrag von Jane Doe": tried only on texts holding a "von"/"by" (the pattern costs more).
_KIND_BYLINE = re.compile(r"^\s*(?P<dateline>)(?P<bare>)(?i:" + _KIND_BY + r")(?:\s*$|\s+" + _BYLINE_NAME + ")")
_VON_BY = re.compile(r"(?i)\b(?:von|by)\b")
_CREDENTIALS = re.compile(r"^(?:ph\.?\s?d\.?|m\.?d\.?|dr\.?|prof\.?|msc|m\.?sc\.?|mba|ma|ba|jr\.?|sr\.?)$", re.I)
_ORG_WORDS = re.compile(
    r"\b(?:gmbh|ag|inc|ltd|llc|plc|corp|corporation|co\.|kg|verlag|zeitung|zeitungen|news|nachrichten|media|medien|"
    r"média|mídia|medios|press|presse|online|magazin|magazine|redaktion|editorial|staff|team|agency|agentur|agence|agencia|newsroom|"
    r"group|gruppe|network|netzwerk|tv|radio|fernsehen|rundfunk|verlagsgruppe|publishing|foundation|stiftung|"
    r"association|verein|institut|institute|university|universität|ministry|ministerium|company|department|"
    r"program|programme|programm|programa|center|centre|zentrum|centro|"
    r"dpa|afp|apa|reuters|ap|epd|kna|sid|ddp|ansa|efe|tass|риа|тасс|интерфакс|se|sa|e\.\s?v)\b",
    re.I,
)
_NOT_NAMES = frozenset(
    {
        "admin", "administrator", "guest", "gast", "anonymous", "anonym", "unknown", "share", "teilen", "comments",
        "kommentare", "follow", "folgen", "home", "startseite", "menu", "menü", "more", "mehr", "read more",
        "weiterlesen", "author", "autor", "by", "von", "posted", "published", "updated", "aktualisiert",
        "facebook", "twitter", "instagram", "linkedin", "youtube", "whatsapp", "email", "e-mail", "print",
        "drucken", "feedback", "contact", "kontakt", "subscribe", "abonnieren", "login", "anmelden", "profile",
        "profil", "none", "null", "undefined", "no author", "unknown author", "editor", "editors", "wp", "user",
        "ceo", "cfo", "cto", "coo", "founder", "co-founder", "gründer", "gründerin",
        "stand", "community", "comunidad", "communauté", "comunità", "comunidade",
    }
)
# A part holding any of these words is a widget label ("Diesen Artikel teilen", "Weitere Artikel").
_NOT_NAME_WORDS = frozenset(
    {
        "teilen", "share", "partager", "compartir", "condividi", "udostępnij", "artikel", "article", "articles",
        "beiträge", "beitrag", "posts", "weiter", "weitere", "mehr", "more", "kommentar", "kommentare", "comments",
        "comment", "folgen", "follow", "abonnieren", "subscribe", "newsletter", "profil", "profile", "alle", "all",
        "lesen", "read", "zum", "zur", "the", "die", "das", "ist", "sind", "im", "in", "auf", "sur", "les",
        "réseaux", "sociaux", "mit", "und", "for", "with", "of",
        # labels beside a byline ("View author archive", "Letzte Aktualisierung"): no name holds them
        "author", "authors", "autor", "autorin", "autoren", "auteur", "autore", "archive", "archiv", "update",
        "aktualisierung",
    }
)
_PARTICLES = frozenset({"von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "del", "della", "dos", "das",
                        "bin", "al", "el", "ten", "ter", "zu", "vom", "y", "e", "st.", "mc"})
# Words that lead in to a name; a name does not end with one (surnames such as "Le" or "Du" do).
_LEAD_IN_WORDS = frozenset({"by", "von", "vom", "van", "der", "den", "zu", "of", "par", "por", "door", "przez", "av"})
_TRAILING_NOISE = re.compile(r"\s+(?:am|on|le|el|il|um|den|at|·|\|)\s*$", re.I)
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
_HINT_KEYS = ("class", "id", "itemprop", "rel", "title", "aria-label", "data-testid")
# Attribute words that mark bylines, counters and credits (matched in lower-cased class/id/... values).
_HINT_WORDS: dict[str, tuple[str, ...]] = {
    "byline": ("author", "byline", "by-line", "autor", "auteur", "verfasser", "writer", "creator", "signatur"),
    "views": ("view", "просмотр", "aufruf", "gelesen", "lectur", "vista", "visualiz", "visite", "hits", "reads",
              "pageview", "wyświetle"),
    "comments": ("comment", "коммент", "kommentar", "commentaire", "comentario", "commenti", "komentarz", "reactie",
                 "reply", "replies", "discuss"),
    "credit": ("credit", "copyright", "caption", "bildquelle", "fotograf", "photographer", "image-source",
               "photo-source", "источник"),
}
_HINT_RE = re.compile("|".join(f"(?P<{kind}>{'|'.join(map(re.escape, words))})" for kind, words in _HINT_WORDS.items()))


_ALL_HINT_WORDS = tuple(w for words in _HINT_WORDS.values() for w in words)
_HINT_KEY_SET = frozenset(_HINT_KEYS)
_NO_KINDS: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=8192)
def _hint_kinds(hint: str) -> frozenset[str]:
    """The _HINT_WORDS kinds in a lower-cased class/id/... string; pages repeat their class strings."""
    # _HINT_RE matches somewhere iff one of its words occurs: nine hints in ten hold none, and
    # forty substring tests say so faster than the alternation.
    if not any(w in hint for w in _ALL_HINT_WORDS):
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
_STORY_FOOTER = re.compile(r"(?:entry|post|article|story)[-_]footer", re.I)
# "widget" names a sidebar's boxes, but page builders (Elementor's "elementor-widget-container")
# call every block of a layout so, the headline's and its byline's too.
_WIDGET = re.compile(r"(?:^|[-_])widgets?(?:$|[-_])", re.I)
# How many levels above the headline its own column reaches: blocks whose nearest container in
# common with the headline is that close sit beside it in that column, not in a sidebar.
_COLUMN_DEPTH = 3


def _norm(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


_NON_ALNUM = re.compile(r"[\W_]+")


def _squash(text: str) -> str:
    """Lower-case letters and digits only: for comparing titles and site names."""
    return _NON_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


# --- JSON-LD and meta ------------------------------------------------------------------------------


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


def _in_nested_item(el: lxml.html.HtmlElement) -> bool:
    """Whether a microdata property belongs to an item nested as another item's property.

    "<li itemprop=citation itemscope itemtype=ScholarlyArticle><meta itemprop=author ...>" names the
    author of a cited paper; the page's own item is top-level (or the page itself).
    """
    for anc in el.iterancestors():
        if anc.get("itemscope") is not None:
            return anc.get("itemprop") is not None
    return False


class Evidence:
    """Everything explicit a page says about itself: JSON-LD objects, meta tags, title, h1s."""

    def __init__(self, tree: lxml.html.HtmlElement, url: str) -> None:
        self.tree = tree
        # A Wayback Machine capture stands for the page it archived: its site names come from there.
        archived = re.match(r"https?://web\.archive\.org/web/[^/]+/(https?://.+)", url or "")
        self.url = archived.group(1) if archived else url
        self.ld: list[dict[str, Any]] = []
        for script in _X_JSONLD(tree):
            data = _load_json(script.text or "")
            if data is not None:
                _flatten_ld(data, self.ld)
        self.ld_by_id = {o["@id"]: o for o in self.ld if isinstance(o.get("@id"), str)}
        self.articles = [o for o in self.ld if _types(o) & ARTICLE_TYPES]
        self.pages = [o for o in self.ld if _types(o) & PAGE_TYPES]
        self.meta: dict[str, list[str]] = {}
        for el in _X_META(tree):
            key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
            content = el.get("content")
            if key == el.get("itemprop") and _in_nested_item(el):
                continue  # a property of a cited work, review or comment, not of this page
            if key and content and content.strip():
                self.meta.setdefault(key.strip().lower(), []).append(content.strip())
        titles = _X_TITLE(tree)
        self.title_tag = _norm(titles[0].text_content()) if titles else ""
        self.site_names = self._site_names()
        # A logo h1 (linking home) names the site as well: "Krimiblog-Archiv" is no author.
        self.site_names += [_norm(h.text_content()) for h in _X_H1(tree)[:4] if _is_logo(h, self.url)]
        self.scan = PageScan(tree, self.url, self.site_names)

    def first_meta(self, *keys: str) -> str | None:
        for key in keys:
            values = self.meta.get(key)
            if values:
                return values[0]
        return None

    def ld_values(self, key: str, objs: Iterable[dict[str, Any]] | None = None) -> list[Any]:
        values = []
        for obj in self.articles if objs is None else objs:
            value = obj.get(key)
            if value not in (None, "", [], {}):
                values.append(value)
        return values

    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in self.ld_by_id:
            return self.ld_by_id[value["@id"]]
        return value

    def _site_names(self) -> list[str]:
        names: list[str] = []
        for key in ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site", "publisher",
                    "dc.publisher", "copyright"):
            for value in self.meta.get(key, []):
                names.append(value.lstrip("@"))
        for obj in self.articles + self.pages:
            pub = self.resolve(obj.get("publisher"))
            if isinstance(pub, dict) and isinstance(pub.get("name"), str):
                names.append(pub["name"])
            elif isinstance(pub, str):
                names.append(pub)
        for obj in self.ld:
            if _types(obj) & (ORG_TYPES | {"website"}) and isinstance(obj.get("name"), str):
                names.append(obj["name"])
        host = url_host(self.url)
        if not host:
            # No fetch URL (an archived file): the page's own canonical link or og:url names the site.
            declared = [el.get("href", "") for el in _X_CANONICAL(self.tree)[:1]] + self.meta.get("og:url", [])[:1]
            host = next((url_host(u) for u in declared if url_host(u)), "")
        if host:
            domain = registrable_domain(host)
            names.append(domain)
            names.append(domain.split(".")[0])
            names.append(host.removeprefix("www."))
        return [n for n in (_norm(x) for x in names) if n]


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


# --- title ---------------------------------------------------------------------------------------


# The path of a site's home page: "/", "/de/", "/index.php".
_HOME_PATH = re.compile(r"/?(?:[a-z]{2}(?:[-_][a-z]{2})?/?)?(?:index\.\w{2,5})?", re.I)
# Words a link home or a logo adds to the site's name: "Logo", "Zur Startseite", "Back to home".
_HOME_WORDS = re.compile(
    r"\b(?:logo|home|homepage|startseite|zur|zurück|back|to|go|accueil|inicio|portada|strona|główna)\b", re.I
)


def _page_site_names(tree: lxml.html.HtmlElement, url: str) -> list[str]:
    """The site's name as the page shows it: on its links home (their text, title, aria-label or
    logo image's alt) and as the holder in its footer's copyright line.

    Every site links its logo to its home page and most sign their footer "© 2021 Site"; that is
    the name a <title> adds to the story's ("Story | Site", "Site - Story") without any metadata naming it.
    """
    host = url_host(url)
    domain = registrable_domain(host) if host else ""
    names: list[str] = []
    for a in itertools.islice(tree.iter("a"), 400):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "?", "javascript:", "mailto:")):
            continue
        try:
            parts = urlsplit(href)
        except ValueError:
            continue
        if parts.netloc and (not domain or not same_site(parts.hostname or "", domain)):
            continue
        if parts.query or not _HOME_PATH.fullmatch(parts.path) or (not parts.netloc and not parts.path):
            continue
        texts = [a.get("title"), a.get("aria-label"), a.text_content()]
        texts += [img.get("alt") for img in a.iter("img")][:2]
        for text in texts:
            name = _norm(_HOME_WORDS.sub(" ", _norm(text))).strip(" -|:»«")
            if 3 <= len(name) <= 60 and len(name.split()) <= 6:
                names.append(name)
        if len(names) >= 8:
            break
    # "© 2021 Weekly Wine. All rights reserved": the copyright line in the page's footer
    for text in _X_COPYRIGHT_TEXT(tree)[-2:]:
        holder = str(text).split("©", 1)[1].lstrip("0123456789-–/ ,\u00a0")
        m = _COPYRIGHT_NAME.match(holder.removeprefix("by ").removeprefix("Copyright "))
        if m:
            name = _norm(_COPYRIGHT_TAIL.split(m.group(0))[0]).strip(" -|:»«")
            if 3 <= len(name) <= 60:
                names.append(name)
    return names


_X_COPYRIGHT_TEXT = etree.XPath('//body//text()[contains(., "©")]')
# The holder's name after "©" and the year: "© 2004-2021 Weekly Wine GmbH | Impressum".
_COPYRIGHT_NAME = re.compile(r"[^\W\d_][^.|,;:•·©\n]{2,59}")
_COPYRIGHT_TAIL = re.compile(r"\s(?:all|alle|tous|todos|tutti)\s", re.I)


_WORDS = re.compile(r"[^\W\d_]+")
_BRACKETED_ABBREVIATION = re.compile(r"\(([^\W\d_]{2,8})\)$")


def _abbreviated_site(text: str, site_names: list[str]) -> bool:
    """A title part that a short site name abbreviates: "Deutscher Schwimm-Verband" on dsv.de,
    "Bundesamt für Strahlenschutz" on bfs.de, "Genossenschaftsverband Bayern (GVB)" on gvb.de."""
    words = _WORDS.findall(text)
    if not 2 <= len(words) <= 8:
        return False
    forms = {"".join(w[0] for w in words).lower(), "".join(w[0] for w in words if w[0].isupper()).lower()}
    bracket = _BRACKETED_ABBREVIATION.search(text.strip())
    if bracket:
        forms.add(bracket.group(1).lower())
    return any(3 <= len(n) <= 6 and n in forms for n in (_squash(name) for name in site_names))


_LEADING_LABEL = re.compile(r"([^:|]{2,40}):\s+(?=\S)")
_TRAILING_NOTE = re.compile(r"\s+[(\[]([^()\[\]]{2,40})[)\]]$")
_DATE_ONLY = re.compile(r"[\d\s.,:/-]+(?:uhr|h|am|pm)?", re.I)


def _strip_site_name(title: str, site_names: list[str]) -> str:
    """Drop " | Site" / "Site - " parts that name the site rather than the story.

    Everything from the first trailing part that names the site on goes too: it is the site's
    tagline ("Story : Blog | Tagline | Since 2005").
    """
    title = _DOUBLED_PIPE.sub(r"\1", title)
    # "Story (Video)", "Story [Fotos] | Site": what the page holds, not what the story says.
    note = _MEDIA_NOTE.search(title)
    if note and note.start() >= 8:
        title = title[: note.start()] + title[note.end():]
    # "Site: Story" (a colon right after the name) and "Story (Site)".
    lead = _LEADING_LABEL.match(title)
    if lead and len(title) - lead.end() >= 8 and _is_site_name(lead.group(1), site_names, exact=True):
        title = title[lead.end():]
    note = _TRAILING_NOTE.search(title)
    if note and note.start() >= 8 and _is_site_name(note.group(1), site_names):
        title = title[: note.start()]
    parts = _TITLE_SEPARATORS.split(title)
    seps = _TITLE_SEPARATORS.findall(title)
    # A trailing part that is only a date or time ("Story : 31.10.2023, 10.19 Uhr") is no part of the story.
    while len(parts) > 1 and _DATE_ONLY.fullmatch(parts[-1].strip()) and sum(c.isdigit() for c in parts[-1]) >= 4:
        parts.pop()
        seps.pop()
    if len(parts) < 2:
        return parts[0].strip()
    # A site name with a separator of its own ("Story - Salsa Moves - Dance in Town"): the
    # parts one by one name nothing, the run of trailing (or leading) parts does.
    exact = [_squash(n) for n in site_names if _TITLE_SEPARATORS.search(n)]
    for i in range(1, len(parts) - 1):
        if _squash("".join(parts[i:])) in exact:
            parts, seps = parts[:i], seps[: i - 1]
            break
        if _squash("".join(parts[: len(parts) - i])) in exact:
            parts, seps = parts[len(parts) - i:], seps[len(parts) - i:]
            break
    leading = ""
    while len(parts) > 1 and (_is_site_name(parts[0], site_names) or _abbreviated_site(parts[0], site_names)):
        parts.pop(0)
        leading = seps.pop(0).strip()
    # Breadcrumb order ("Site - Section - Story"): after the site come sections, a word or two each,
    # and the story last, set apart as the site is or by a breadcrumb's own mark (» › / |); a dash
    # other than the site's is the story's own ("Site | Green hydrogen – the key" is one story).
    while (
        leading and len(parts) > 1 and len(parts[0].split()) <= 2 and len(parts[-1].split()) >= 3
        and seps[0].strip() in (leading, "»", "›", "/", "|")
    ):
        parts.pop(0)
        seps.pop(0)
    for i in range(1, len(parts)):
        if _is_site_name(parts[i], site_names) or _abbreviated_site(parts[i], site_names):
            parts, seps = parts[:i], seps[: i - 1]
            break
    # What the page holds rather than what the story says: "Story - Page 2", "Story | Photos".
    while len(parts) > 1 and _MEDIA_LABEL.fullmatch(parts[-1].strip()):
        parts.pop()
        seps.pop()
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=False):
        out += sep + part
    return out.strip()


# A page of a story, or a kind of media a page holds: "Page 2", "Seite 2 von 3", "Video", "Fotos".
_MEDIA_LABEL = re.compile(
    r"(?:page|seite|página|pagina|strona|side|sida|sivu)\s*\d{1,3}(?:\s*(?:of|von|de|di|z|/)\s*\d{1,3})?|"
    r"videos?|fotos?|photos?|bilder|bildergalerie|fotostrecke|galerie|gallery|fotogalerie|galería|podcast|audio|"
    r"liveblog|live-?ticker",
    re.I,
)
_MEDIA_NOTE = re.compile(
    r"\s+[(\[](?:videos?|fotos?|photos?|bilder|galerie|gallery|galería|podcast|audio|liveblog|live-?ticker|"
    r"(?:page|seite|página|pagina|strona)\s*\d{1,3})[)\]](?=$|\s*[|:–—·•»/-])",
    re.I,
)


_LOGO_CLASS = re.compile(
    r"logo|brand|site-?title|site-?name|blog-?title|masthead|assistive|screen-?reader|sr-only|visually-?hidden|"
    r"aural|offscreen|invisible|widget|breadcrumb",
    re.I,
)


# Class tokens of text kept only for screen readers ("<span class="sr-only">Headline:</span>").
# Whole tokens: Drupal's "field--label-hidden" wraps the visible headline itself.
_SR_ONLY_TOKEN = re.compile(
    r"(?:[\w-]*[-_])?(?:sr-only|visually-?hidden|screen-?reader-?(?:text|only)?|element-invisible|offscreen|"
    r"a11y-hidden|hidden-visually)|aural|hidden|is-hidden|u-hidden",
    re.I,
)


def _is_sr_only(el: lxml.html.HtmlElement) -> bool:
    if el.get("hidden") is not None:
        return True
    classes = el.get("class")
    return bool(classes) and any(_SR_ONLY_TOKEN.fullmatch(tok) for tok in classes.split())


def _text_lines(el: lxml.html.HtmlElement) -> list[str]:
    """An element's visible text line by line, broken at its <br>s: "Kicker<br>Headline"."""
    parts: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == "br":
                parts.append("\n")
            elif isinstance(child.tag, str) and not _is_sr_only(child):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return [line for line in (_norm(x) for x in "".join(parts).split("\n")) if line]


def _visible_text(el: lxml.html.HtmlElement) -> str:
    """An element's text without descendants that only screen readers get; a <br> is a space."""
    if next(el.iter("br"), None) is not None:
        return " ".join(_text_lines(el))
    hidden = [d for d in el.iterdescendants() if isinstance(d.tag, str) and _is_sr_only(d)]
    if not hidden:
        return _norm(el.text_content())
    parts: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and not _is_sr_only(child):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return _norm(" ".join(parts))


def _heading_variants(el: lxml.html.HtmlElement) -> list[str]:
    """A heading's text, plus its text without a kicker/date child, plus each substantial child.

    "<h1><span>Kicker</span> <span>Title</span></h1>" and "<h1><time>27.01.2022</time>Title</h1>" are
    common; the metadata then names only the title part, which is what a reader takes as the headline.
    """
    full = _visible_text(el)
    variants = [full] if full else []
    # "<h1>Kicker<br>Headline</h1>": a line break is a space between words, and each run of whole
    # lines may be the headline the metadata names.
    if next(el.iter("br"), None) is not None:
        lines = _text_lines(el)
        if len(lines) >= 2:
            variants += [v for v in (" ".join(lines[1:]), " ".join(lines[:-1])) if len(v) >= 8]
    # "<h1><span itemprop=headline><small>Kicker</small><br>Title</span></h1>": look inside a lone wrapper.
    box = el
    while True:
        inner = [c for c in box if isinstance(c.tag, str)]
        if len(inner) != 1 or inner[0].tag == "a" or (box.text or "").strip() or (inner[0].tail or "").strip():
            break
        box = inner[0]
    children = [c for c in box if isinstance(c.tag, str) and c.tag not in ("br", "img", "svg")]
    if 1 <= len(children) <= 5:
        for child in children:
            text = _visible_text(child)
            if not text:
                continue
            if len(text) >= 8:
                variants.append(text)
            if full.startswith(text):
                variants.append(full[len(text):].strip(" :–—-|"))
            elif full.endswith(text):
                variants.append(full[: -len(text)].strip(" :–—-|"))
    return [v for v in dict.fromkeys(variants) if v and len(v) <= 400]


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


def _site_header(header: lxml.html.HtmlElement) -> bool:
    """A <header> that is the site's (navigation, or a run of links), not a story's own header set
    outside any <article> ("<header class=entry-header><h1>Story</h1><p>By Jane</p></header>")."""
    if next(header.iter("nav"), None) is not None:
        return True
    return sum(1 for _ in itertools.islice(header.iter("a"), 6)) >= 6


_KICKER_CLASS = re.compile(
    r"kicker|dachzeile|topline|top-line|overline|roofline|eyebrow|supertitle|super-title|subline|label|rubric|"
    r"category|flag|spitzmarke|marker|top-?title|pre-?title|pre-?headline|over-?title|sub-?heading|-section\b",
    re.I,
)
# A line set under the headline in the same h1: "<h1><span>Headline</span> <span class=subtitle>..."
_SUBTITLE_CLASS = re.compile(r"sub-?title|sub-?headline|standfirst|\bdek\b|unterzeile", re.I)
# A date set in the h1 before its headline, with or without a separator ("<h1><time>27.01.2022</time>Title</h1>").
_H1_LEADING_DATE = re.compile(r"^\s*\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\s*(?:[|:–—-]\s*)?")


_SEPARATOR_ONLY = re.compile(r"[\s:|–—\-/·•»«]+")


def _section_link(el: lxml.html.HtmlElement) -> bool:
    """An element that is a link, or only wraps one, with no text of its own."""
    while el.tag != "a":
        kids = [c for c in el if isinstance(c.tag, str)]
        if len(kids) != 1 or (el.text or "").strip() or (kids[0].tail or "").strip():
            return False
        el = kids[0]
    return bool(el.get("href"))


def _without_kicker(el: lxml.html.HtmlElement, text: str) -> str:
    """A headline without the kicker set above it in the same h1 ("Wetter", "Nach Corona-Lockerungen")
    or a date written in front of it ("08.11.2021 | ...").

    A kicker is the h1's first child when its class says so, or when the h1 is three elements,
    kicker, separator, headline, and the separator is hidden from eyes or from screen readers
    ("<span>Kicker</span><span class=sr-only> - </span><span>Headline</span>"): it is there only so
    that the text reads well where the two lines are not set apart.
    """
    # schema.org microdata marks the headline itself inside the h1: "<h1><span>Kicker</span><br>
    # <span itemprop=headline>Headline</span></h1>".
    marked = [d for d in el.iterdescendants() if isinstance(d.tag, str) and d.get("itemprop") == "headline"]
    if len(marked) == 1:
        inner = _visible_text(marked[0])
        if len(inner.split()) >= 2 and text.endswith(inner):
            el, text = marked[0], inner
    children = [c for c in el if isinstance(c.tag, str) and c.tag != "br"]
    if children and not (el.text or "").strip():
        first = children[0]
        kicker = _visible_text(first)
        nxt = first.getnext()
        if (
            kicker and text.startswith(kicker) and len(text) > len(kicker) + 8 and (
                _KICKER_CLASS.search(f"{first.get('class', '')} {first.get('id', '')}")
                # a line of its own before a <br>: "<h1><small>Kicker</small><br>Headline</h1>"
                or (first.tag == "small" and nxt is not None and nxt.tag == "br"
                    and not (first.tail or "").strip())
                # a link to the section's page: "<h1><a href=/politics/>Politics | </a> Headline</h1>"
                or (_section_link(first) and len(kicker.split()) <= 4)
            )
        ):
            text = text[len(kicker):].strip(" :–—-|")
        last = children[-1]
        tail = _visible_text(last)
        if (
            len(children) >= 2 and tail and text.endswith(tail) and len(text) > len(tail) + 8
            and not (last.tail or "").strip()
            and _SUBTITLE_CLASS.search(f"{last.get('class', '')} {last.get('id', '')}")
        ):
            text = text[: -len(tail)].strip(" :–—-|")
        elif (
            len(children) == 3 and not any((c.tail or "").strip() for c in children)
            and _SEPARATOR_ONLY.fullmatch(children[1].text_content() or "")
            and (_is_sr_only(children[1]) or children[1].get("aria-hidden") == "true")
            and _visible_text(children[0]) and len(_visible_text(children[2]).split()) >= 2
        ):
            text = _visible_text(children[2])
    # "<h1>Headline <span class=date>12.03.2021</span></h1>": a date set after the headline.
    if children and not (children[-1].tail or "").strip():
        tail = _visible_text(children[-1])
        if tail and text.endswith(tail) and len(text) > len(tail) + 8 and _date_only(tail):
            text = text[: -len(tail)].strip(" :–—-|,")
    return _H1_LEADING_DATE.sub("", text)


def _date_only(text: str) -> bool:
    """A short text that is a date and nothing more: "12.03.2021", "Saturday, 9 September 2017"."""
    return len(text.split()) <= 5 and any(c.isdigit() for c in text) and parse_date_value(text, UTC) is not None


# A note in brackets at the end of a declared title: "(2021/5)", "[Video]", "(Update)".
_BRACKET_NOTE = re.compile(r"\s+(?:\([^()]{1,30}\)|\[[^\[\]]{1,30}\])$")


def _split_parts(title: str) -> list[str]:
    return [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]


def _names_site(text: str, trailing_parts: set[str]) -> bool:
    """A heading that repeats a trailing part of the <title> ("Story | Blog Name") names the site,
    unless it is as long as a headline: "Neu - Mini-SUV auf dem Vormarsch - Vorstellung" puts a
    section before the story and a label after it, and the h1 is the story."""
    return _squash(text) in trailing_parts and len(text.split()) <= 3


_PART_BREAK = re.compile(r"(?<=\S):\s+|\s+[|\-–—·•»›ǀ:/]\s+")


def _shared_ending(a: str, b: str) -> str | None:
    """The trailing parts two titles share ("Kicker?: Anno 1800 Beta", "Previews: Anno 1800 Beta"),
    when they differ before them."""
    pa, pb = _PART_BREAK.split(a), _PART_BREAK.split(b)
    n = 0
    while n < min(len(pa), len(pb)) and _squash(pa[-1 - n]) == _squash(pb[-1 - n]):
        n += 1
    if not n or n in (len(pa), len(pb)):
        return None  # nothing shared, or one title is the other's ending: no disagreement
    # the shared parts as the first title writes them, from where they begin
    start = a.rfind(pa[-n])
    shared = a[start:].strip()
    return shared if len(_squash(shared)) >= 8 else None


def _part_runs(title: str) -> set[str]:
    """The runs of whole parts of a title short of the whole, squashed: "A: B - C" gives A, AB, B, BC, C."""
    pieces = [_squash(p) for p in _PART_BREAK.split(title)][:12]
    n = len(pieces)
    return {"".join(pieces[i:j]) for i in range(n) for j in range(i + 1, n + 1) if j - i < n}


def _cut_short(title: str, others: list[str]) -> bool:
    """A title ending in an ellipsis whose words begin another, longer title (one that does not
    carry the ellipsis too: "Everything else can wait…" may be the whole of a title)."""
    if not title.endswith(("…", "...")):
        return False
    sq = _squash(title)
    return len(sq) >= 8 and any(
        len(_squash(o)) > len(sq) and _squash(o).startswith(sq) and title not in o for o in others
    )


def _story_h1(text: str, site_names: list[str], trailing_parts: set[str]) -> bool:
    """An h1's text that can be a story's headline: two words or more, not the site's name."""
    return (
        bool(text) and len(text.split()) >= 2 and len(text) <= 250 and not text.endswith(":")
        and not _is_site_name(text, site_names) and not _names_site(text, trailing_parts)
    )


def extract_title(ev: Evidence) -> str | None:
    ld_headlines = [_norm(html_unescape(v)) for v in ev.ld_values("headline") if isinstance(v, str)]
    ld_names = [_norm(html_unescape(v)) for v in ev.ld_values("name") if isinstance(v, str)]
    metas = [
        ev.first_meta("og:title"), ev.first_meta("twitter:title"), ev.first_meta("dc.title", "dcterms.title"),
        ev.first_meta("parsely-title", "sailthru.title", "title", "headline"),
    ]
    declared = [t for t in ld_headlines + [_norm(html_unescape(m)) for m in metas if m] + ld_names + [ev.title_tag] if t]
    h1s = [(el, _heading_variants(el)) for el in _X_H1(ev.tree)[:8]]
    # Up to 40 h2s: shop and portal layouts put a score of menu/teaser h2s before the story's own.
    h2s = [(el, _heading_variants(el)) for el in _X_H2(ev.tree)[:40]]
    # A logo h1 (a link home, a logo class) that repeats a trailing part of the <title> names the site.
    trailing_parts = {_squash(p) for t in declared for p in _split_parts(t)[1:]}
    site_names = ev.site_names + [
        v[0] for el, v in h1s if v and _squash(v[0]) in trailing_parts and _is_logo(el, ev.url)
    ]
    # Feed links and links home name the site too, for stripping it from a declared title; a name
    # that is the whole of a declared title is no help (it would strip the story itself).
    whole = {_squash(t) for t in declared}
    strip_names = site_names + [
        n for n in _feed_site_names(ev.tree) if _squash(n) not in whole
    ]
    stripped = [_strip_site_name(d, strip_names) for d in declared]
    headings = [(el, v) for el, v in h1s + h2s if v]
    # 1. A heading the metadata confirms word for word: the headline as the reader sees it. The
    #    metadata is asked in its order of trust (JSON-LD headline, og:title, ..., <title> last): a
    #    section name shown as an h1 ("News") often equals "<title>" minus the site name, while
    #    og:title names the story shown in a second h1. An h1 goes before any h2.
    #    An h1's kicker stays off even when og:title, made from the h1's text, repeats it.
    for group in (h1s, h2s):
        found: dict[str, str] = {}
        for el, variants in group:
            for i, variant in enumerate(variants):
                found.setdefault(_squash(variant), _without_kicker(el, variant) if i == 0 and group is h1s else variant)
        found.pop("", None)
        for title, bare in zip(declared, stripped, strict=True):
            # ... also without a note the metadata adds in brackets: "Story (2021/5)", "Story [Video]"
            for target in (_squash(title), _squash(bare), _squash(_BRACKET_NOTE.sub("", bare))):
                if target in found:
                    return found[target]
    # 2. A heading equal to a part of a declared title. The leading part as a rule ("Title | Blog",
    #    "Title : Blog"); a trailing part is mostly the blog's name, often shown as a logo h1. But in
    #    breadcrumb order ("Site - Section - Story") a section h1 repeats the leading part and the
    #    story's own heading a later one: when the leading part is section-sized (under 20
    #    characters) and has a heading, a headline-sized later part with a heading of its own (no
    #    logo, no page chrome) wins.
    for title in declared:
        parts = [p for p in _split_parts(title) if not _is_site_name(p, site_names)]
        if len(parts) < 2:
            continue
        best: tuple[int, str] | None = None
        for i, part in enumerate(parts):
            sq = _squash(part)
            if len(sq) < 8 or (i > 0 and (best is None or best[0] >= 20 or len(part) < 20)):
                continue
            for el, variants in headings:
                hit = next((v for v in variants if _squash(v) == sq), None)
                if hit and (i == 0 or not (_is_logo(el, ev.url) or _in_chrome(el))):
                    best = (len(part), hit)
                    break
        if best:
            return best[1]
    # 2b. An h1 whose text has a line the declared titles do not carry ("<h1><span>Politik</span>
    #     Story</h1>" under "<title>Chronik: Story - Site"): the part of it that a declared title
    #     repeats as whole parts (its own kicker and site name apart) is the story; the rest is a
    #     kicker or subtitle that only the page's layout sets apart.
    runs = set().union(*(_part_runs(d) for d in stripped))
    for el, variants in h1s:
        if len(variants) < 2 or _squash(variants[0]) in runs or _is_logo(el, ev.url) or _in_chrome(el):
            continue
        hit = next((v for v in variants[1:] if len(v.split()) >= 2 and len(_squash(v)) >= 12 and _squash(v) in runs), None)
        if hit:
            return hit
    # 3. The story's own h1 when the page has one: metadata titles are often rewritten for search
    #    and social cards ("Brexit: Nervenkrieg..." against the h1 "Der Nervenkrieg um den Brexit...").
    #    Of several, the first that shares words with the declared titles: a page may set its
    #    section's name ("Latest news") in an h1 of its own before the story's.
    own = [text for text in (_without_kicker(el, v[0]) for el, v in h1s if v and not _is_logo(el, ev.url)
                             and not _in_chrome(el)) if _story_h1(text, site_names, trailing_parts)]
    if own:
        said = {w for d in stripped for w in _WORDS.findall(d.lower()) if len(w) >= 3}
        return next((t for t in own if len(said & {w for w in _WORDS.findall(t.lower()) if len(w) >= 3}) >= 2), own[0])
    # 3b. No h1 at all, and no metadata repeats a heading (it names the page's section or the site):
    #    the first h2 of the page's content is the story's headline, unless it is a date (the date
    #    header Blogger and other blog themes set above a day's posts).
    if not h1s:
        for el, variants in h2s:
            text = variants[0] if variants else ""
            if (
                not text or len(text.split()) < 2 or _COMMENTS_TEXT.match(text)
                or _is_logo(el, ev.url) or _in_chrome(el) or _is_sr_only(el)
            ):
                continue  # a landmark or label ("Navigation", "Hauptinhalt", "2 Kommentare"), or the page's chrome
            if (
                len(text) <= 250 and not text.endswith(":")
                and not _is_site_name(text, site_names) and not _names_site(text, trailing_parts)
                and not _date_only(text)
                # a heading after the story's first paragraphs is one of the page's sections
                and sum(len(_norm(p.text_content())) for p in _X_PARAGRAPHS_BEFORE(el) if not _in_chrome_any(p)) < 200
            ):
                return text
            break
    # The site's name as the page shows it (links home, copyright line), for titles that still have
    # parts after the known names are stripped ("Story | Weekly Wine" on a page whose metadata names no site).
    if any(_TITLE_SEPARATORS.search(c) for c in stripped):
        home = [n for n in _page_site_names(ev.tree, ev.url) if _squash(n) not in whole]
        if home:
            stripped = [_strip_site_name(d, strip_names + home) for d in declared]
    # A declared title cut short ("Council backs the new tram…", the JSON-LD headline cut to a
    # length limit) of another one is no candidate: the whole one is.
    stripped = ["" if _cut_short(c, stripped) else c for c in stripped]
    # 4. Declared titles that disagree ("Kicker?: Story" and "Section: Story") but end alike: the
    #    part they share is the story.
    distinct = list({_squash(c): c for c in reversed(stripped) if c and not _is_site_name(c, site_names)}.values())
    if len(distinct) >= 2:
        shared = _shared_ending(distinct[-1], distinct[-2])
        if shared:
            return shared
    # 5. The declared headline, without the site name; when a less trusted declared title is a run
    #    of its whole parts ("Story: Subtitle" or "Story - Section" in og:title, "Story" in <title>),
    #    that shared core is the story and the rest is what only one source adds.
    cands = [c for c in stripped if c and not _is_site_name(c, site_names)]
    if len(cands) >= 2:
        runs, first = _part_runs(cands[0]), _squash(cands[0])
        core = [
            c for c in cands[1:]
            if len(_squash(c)) >= 8 and _squash(c) in runs and (first.startswith(_squash(c)) or first.endswith(_squash(c)))
        ]
        if core:
            return max(core, key=len)
    for cand in stripped:
        if cand and not _is_site_name(cand, site_names):
            return cand
    # ... even when it only begins with the site's name ("Site 02/2022", the issue of a magazine),
    #    rather than nothing.
    for cand in stripped:
        if cand and not _is_site_name(cand, site_names, exact=True) and not h1s:
            return cand
    return h1s[0][1][0] if h1s and h1s[0][1] else None


# Invisible characters that only steer line breaking: soft hyphen, zero-width space, BOM.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
# A date the page put before its headline: "08.11.2021 | Title", "2021-11-08: Title".
_LEADING_DATE = re.compile(r"^(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2})\s*[|:–—-]\s+(?=\S)")


def _tidy_title(title: str | None) -> str | None:
    if not title:
        return title
    tidy = _LEADING_DATE.sub("", _norm(_INVISIBLE.sub("", title)))
    return tidy or None


# --- authors -------------------------------------------------------------------------------------


def _titlecase(name: str) -> str:
    letters = [c for c in name if c.isalpha()]
    if len(letters) >= 2 and (all(c.isupper() for c in letters) or (all(c.islower() for c in letters) and " " in name)):
        # "BOB FISCHER" -> "Bob Fischer"; keeps "McX"/"O'X" reasonable and leaves single handles alone.
        return " ".join(w[:1].upper() + w[1:].lower() if w else w for w in name.split(" "))
    return name


def _clean_author_part(part: str) -> str | None:
    part = _norm(part)
    part = _EMAIL.sub("", part)
    part = _URLISH.sub("", part)
    part = _HANDLE.sub("", part)
    for _ in range(2):
        part = _BYLINE_PREFIX.sub("", part).strip()
    part = re.sub(r"\(.*?\)|\[.*?\]", "", part)
    part = part.strip(" \t:-–—|•·,;/\"'“”„«»()[]©")
    if part.endswith(".") and not re.search(r"(?:^|\s)[^\W\d_]\.$", part):
        part = part[:-1]  # a sentence's full stop, not an initial's ("Joe S.")
    part = _TRAILING_NOISE.sub("", _norm(part))
    without_role = _norm(_ROLE_SUFFIX.sub("", part))
    if len(without_role.split()) >= 2:
        part = without_role
    if not part or _CREDENTIALS.match(part) or _NOT_A_NAME_START.match(part) or ":" in part:
        return None
    lowered = {w.casefold().strip(".,") for w in part.split()}
    if lowered & _NOT_NAME_WORDS and len(part.split()) > 1 or part.casefold() in _NOT_NAME_WORDS:
        return None
    words = part.split()
    if len(words) >= 2:
        # A name reads "Jane Doe", "Ludwig van Beethoven": it starts with a capital, and a long one
        # is mostly capitalised words (particles aside); a sentence is not.
        capitalised = [w for w in words if w[:1].isupper() or w.casefold() in _PARTICLES]
        letters = [c for c in part if c.isalpha()]
        all_lower = all(c.islower() for c in letters)
        if not words[0][:1].isupper() and not all_lower:
            return None
        if all_lower and len(words) >= 3:
            return None  # a phrase ("ich bin nicht da"), not a name written in lower case ("jane doe")
        if len(words) > 3 and len(capitalised) < 0.75 * len(words) and not all_lower:
            return None
    if sum(c.isalpha() for c in part) < 3:  # stray initials and agency codes ("V", "PP")
        return None
    if part.casefold() in _NOT_NAMES:
        return None
    words = part.split()
    if len(words) > 6 or len(part) > 60:
        return None
    if len(words) >= 2 and words[-1].casefold() in _LEAD_IN_WORDS:
        return None  # a label that leads in to a name ("Autorenseite von", "Mehr Artikel by"), no name
    if not re.search(r"[^\W\d_]", part):
        return None
    if re.search(r"\d{2,}", part) and not re.fullmatch(r"[^\W\d_][\w.-]{1,30}", part):
        return None  # dates and counts, but a handle such as "insider99" is a name
    return _titlecase(part)


def clean_authors(raw: Iterable[str], site_names: list[str] | None = None) -> list[str]:
    """Split, clean, dedupe author strings; drop organisations and site names when persons remain."""
    names: list[str] = []
    site_names = site_names or []
    for value in raw:
        if not value:
            continue
        value = _norm(re.split(r"[\u00a0\s]{3,}|\n", html_unescape(value).strip())[0])
        if _URLISH.fullmatch(value) or _is_site_name(value, site_names, exact=True):
            continue
        # Cut dates and other credits that bylines append: "Jane Doe | 03.11.2026",
        # "Text von X   Illustration von Y".
        value = _BYLINE_PREFIX.sub("", value)  # "Veröffentlicht von X am ...": the lead-in is no date
        value = re.split(r"\s[|•·–—-]\s", value)[0]  # "Jane Doe - Staff team", "Jane Doe | 03.11."
        value = _OTHER_CREDITS.sub("", value)
        value = _DATE_TAIL.split(value)[0]
        first = value.split(",")[0]
        if "," in value and (_URLISH.fullmatch(first.strip()) or _is_site_name(first, site_names, exact=True)):
            continue  # the publisher's address, "example.de, Frankfurt, Germany": no person, and no place is one
        for part in _NAME_SPLIT.split(value):
            cleaned = _clean_author_part(part)
            if cleaned:
                names.append(cleaned)
    seen: set[str] = set()
    unique = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(name)
    persons = [n for n in unique if not _ORG_WORDS.search(n) and not _is_site_name(n, site_names, exact=True)]
    if persons:
        return persons
    return [n for n in unique if not _is_site_name(n, site_names, exact=True)]


def _ld_author_names(ev: Evidence) -> tuple[list[str], list[str]]:
    """(person names, organisation names) from the JSON-LD article objects."""
    persons: list[str] = []
    orgs: list[str] = []
    for value in ev.ld_values("author") + ev.ld_values("creator"):
        items = value if isinstance(value, list) else [value]
        for item in items:
            item = ev.resolve(item)
            if isinstance(item, str):
                persons.append(item)
            elif isinstance(item, dict):
                name = item.get("name")
                if isinstance(name, list):
                    name = " ".join(str(x) for x in name)
                if not name and (item.get("givenName") or item.get("familyName")):
                    name = f"{item.get('givenName', '')} {item.get('familyName', '')}"
                if isinstance(name, str) and name.strip():
                    # A blogger is often typed ["Person", "Organization"]: a person all the same.
                    types = _types(item)
                    (orgs if types & ORG_TYPES and "person" not in types else persons).append(name)
    return persons, orgs


_ROLE_CLASS = re.compile(r"(?:^|[-_\s])(?:role|job|job-?title|func|function|position|occupation)(?:$|[-_\s])")


_NAME_CLASS = re.compile(r"(?:^|[-_\s])name(?:$|[-_\s])")


def _spaced_text(el) -> str:
    """An element's text with spaces between its pieces ("<span>By</span><a>Jane</a>" is not "ByJane"),
    except where a lower-case piece continues a word ("Will Knigh<span>t</span>" is "Will Knight")."""
    out = ""
    for piece in el.itertext():
        if out and piece and out[-1].isalpha() and piece[0].islower():
            out += piece
        else:
            out = f"{out} {piece}" if out else piece
    return out


def _name_parts(el: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The elements of a byline that hold its names: itemprop="name", else a class naming a name
    ("author-name", "byline__name"); one per author when the byline lists several, with their
    initials, avatars and roles beside them."""
    prop = el.find('.//*[@itemprop="name"]')
    if prop is not None:
        return [prop]
    named: list[lxml.html.HtmlElement] = []
    for sub in itertools.islice(el.iterdescendants(), 80):
        if (isinstance(sub.tag, str) and _NAME_CLASS.search(sub.get("class", "").lower())
                and not any(_is_ancestor(n, sub) for n in named)):
            named.append(sub)
    return named[:4]


def _byline_texts(scan: PageScan, *, far: bool = False) -> list[str]:
    texts = []
    block: lxml.html.HtmlElement | None = None
    candidates = (scan.far_bylines if far else scan.bylines)[:40]
    # The innermost byline element holds the name; its containers add dates, avatars and labels.
    inner = [el for el in candidates if not any(other is not el and _is_ancestor(el, other) for other in candidates)]
    for el in inner:
        cls = f"{el.get('class', '')} {el.get('id', '')}".lower()
        if re.search(r"comment|avatar|\bbio\b|biography|author-?box|about-?author|description|related|more-from|-img|image|photo", cls):
            continue
        if _ROLE_CLASS.search(cls):  # "author_func", "author-role", "byline__job-title": what they do, not who
            continue
        if scan.outside(el, byline=True):
            continue
        if block is not None and not _is_ancestor(block, el):
            continue  # a byline card of another story further down, not a co-author
        name_els = _name_parts(el)
        if name_els:
            text = "; ".join(_norm(n.get("content") or _spaced_text(n)) for n in name_els)
        else:
            text = _norm(el.get("content") or _spaced_text(el))
        if text and len(text) <= 160:
            texts.append(text)
            if block is None and clean_authors([text]):
                # Co-authors share the first named author's byline block (its grandparent).
                parent = el.getparent()
                block = parent.getparent() if parent is not None and parent.getparent() is not None else parent
        if len(texts) >= 3:
            break
    return texts


# Author archive pages: /author/jane-doe, /autor/max-muster-123, /staff/jane-doe/, /journalists/...; a
# static copy of a site (a mirror, a static site generator) names the folder's index.html.
_AUTHOR_HREF = re.compile(
    r"/(?:author|authors|autor|autoren|auteur|auteurs|autore|autores|autori|autorzy|staff|journalist|journalists|"
    r"journalisten|periodistas?|giornalisti|jornalistas?|reporter|redakteur|redakteure|writers?|contributors?)"
    r"/[^/?#]+/?(?:index\.html?)?(?:[?#]|$)",
    re.I,
)


def _author_link_texts(scan: PageScan) -> list[str]:
    """Names linked to an author archive page next to the headline ("<a href="/author/jane-doe">Jane Doe</a>").

    The first such link, and co-authors linked in the same byline element; links further away
    belong to other stories, comments or author boxes.
    """
    before, after = scan.window_parts()
    found: list[str] = []
    byline: lxml.html.HtmlElement | None = None
    for t in before[-40:] + after[:150]:
        link = t.getparent()
        if link is not None and link.tag in ("strong", "b", "span", "em") and t.is_text:
            link = link.getparent()  # "<a href="/author/x"><strong>Jane Doe</strong></a>"
        if link is None or link.tag != "a" or not t.strip() or len(t.strip()) > 60:
            continue
        if not _AUTHOR_HREF.search(link.get("href", "")) or scan.outside(link, byline=True):
            continue
        if byline is not None and link.getparent() is not byline:
            break
        byline = link.getparent()
        text = _norm(link.text_content())
        if text and text not in found:
            found.append(text)
    return found[:4]


def _is_ancestor(anc: lxml.html.HtmlElement, el: lxml.html.HtmlElement) -> bool:
    return any(a is anc for a in el.iterancestors())


def _username_like(names: list[str]) -> bool:
    return all(" " not in n and re.search(r"[._]|^[a-z]+$", n) for n in names)


def _weak_byline(names: list[str]) -> bool:
    return _username_like(names) or all(_ORG_WORDS.search(n) for n in names)


# Labels of the "twitter:labelN"/"twitter:dataN" pairs (WordPress SEO plugins) that name the author.
_AUTHOR_LABEL = re.compile(
    r"^(?:written by|author|autor(?:in)?|verfasst von|geschrieben von|von|écrit par|auteur|escrito por|"
    r"scritto da|autore|geschreven door|napisane przez|автор)$",
    re.I,
)


def _labelled_meta_authors(ev: Evidence) -> list[str]:
    out = []
    for n in range(1, 6):
        labels, values = ev.meta.get(f"twitter:label{n}", []), ev.meta.get(f"twitter:data{n}", [])
        if labels and values and _AUTHOR_LABEL.match(labels[0].strip()):
            out.append(values[0])
    return out


def extract_authors(ev: Evidence) -> list[str]:
    ld_persons, ld_orgs = _ld_author_names(ev)
    # An explicit JSON-LD Person is the author even when the site is named after them (a blog).
    ld_names = clean_authors(ld_persons, [])

    def far_bylines() -> list[str]:
        # Byline elements past the headline's usual window: only when nothing nearer named anyone,
        # not even a handle or an organisation (those are likelier the story's than a far name).
        return [] if fallback else _byline_texts(ev.scan, far=True)

    # Evidence sources, most explicit first; each is only computed if the ones before found nothing.
    chains: list[Callable[[], list[str]]] = [
        lambda: [v for k in ("author", "article:author", "og:article:author", "parsely-author", "sailthru.author",
                             "dc.creator", "dcterms.creator", "byl", "citation_author", "cxenseparse:author",
                             "dc.contributor", "article:author_name", "shareaholic:article_author_name")
                 for v in ev.meta.get(k, []) if not _URLISH.fullmatch(v.strip())]
        + _labelled_meta_authors(ev),
        lambda: _byline_texts(ev.scan),
        ev.scan.byline_texts,
        lambda: _author_link_texts(ev.scan),
        far_bylines,
        lambda: ld_orgs,
    ]
    # A user handle or only an organisation ("Redaktion", "dpa") is kept as the answer of last
    # resort: a person named further down the chain is the better byline.
    if ld_names and not _weak_byline(ld_names):
        return ld_names
    fallback = ld_names
    for i, chain in enumerate(chains):
        raw = chain()
        names = clean_authors(raw, ev.site_names)
        if not names and i == 0:
            names = _domain_owner(raw, ev)
        # A name that is the site's with a word more ("EFC Site Name" on site-name.de) stands in
        # for a byline like an organisation does.
        if names and not _weak_byline(names) and not all(_is_site_name(n, ev.site_names) for n in names):
            return names
        fallback = fallback or names
    return fallback


_PERSON_SHAPE = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ][^\W\d_]+(?:[ -][A-ZÀ-ÖØ-ÞĀ-ſ][^\W\d_]+){1,2}")


def _domain_owner(raw: list[str], ev: Evidence) -> list[str]:
    """An author meta tag naming a person whose name the domain spells ("Wolfgang Michal" on
    wolfgangmichal.de): a personal site's owner, not a site name standing in for a byline.

    Only when no declared site name (og:site_name, publisher, ...) spells it with its spaces: then
    it may as well be an outlet's name ("Evening Standard"), which stays out.
    """
    host = url_host(ev.url)
    label = registrable_domain(host).split(".")[0] if host else ""
    if not label:
        return []
    owners = []
    for value in raw:
        value = _norm(value)
        if (_PERSON_SHAPE.fullmatch(value) and not _ORG_WORDS.search(value) and _squash(value) == _squash(label)
                and not any(_norm(n).casefold() == value.casefold() for n in ev.site_names)):
            owners.append(value)
    return clean_authors(owners[:1], [])


# --- dates ---------------------------------------------------------------------------------------

_DATE_META_KEYS = (
    "article:published_time", "og:published_time", "og:article:published_time", "article.published",
    "datepublished", "publishdate", "publish-date", "publish_date", "pubdate", "published_time", "published-date",
    "sailthru.date", "parsely-pub-date", "dc.date.issued", "dcterms.issued",
    "dc.date.created", "dcterms.created", "citation_publication_date", "citation_date",
    "cxenseparse:recs:publishtime", "originalpublicationdate", "article_date_original", "pub_date", "creation_date",
)
# Generic "date" tags say nothing about which date they hold: content systems fill them with the
# page's last change as often as with its publication. They count only when the page shows no
# date of its own by the headline.
_WEAK_DATE_META_KEYS = ("dc.date", "dcterms.date", "date")
_MODIFIED_META_KEYS = (
    "article:modified_time", "og:updated_time", "og:article:modified_time", "datemodified", "dc.date.modified",
    "dcterms.modified", "last-modified",
)


def _plausible(value: datetime, fetched_at: datetime) -> bool:
    return datetime(1995, 1, 1, tzinfo=UTC) <= value <= fetched_at + timedelta(days=2)


# Main timezone per country, to read a UTC stamp as the publisher's local day when no outlet says.
_COUNTRY_TZ = {
    "de": "Europe/Berlin", "at": "Europe/Vienna", "ch": "Europe/Zurich", "fr": "Europe/Paris", "be": "Europe/Brussels",
    "nl": "Europe/Amsterdam", "lu": "Europe/Luxembourg", "it": "Europe/Rome", "es": "Europe/Madrid",
    "pt": "Europe/Lisbon", "gb": "Europe/London", "uk": "Europe/London", "ie": "Europe/Dublin", "pl": "Europe/Warsaw",
    "cz": "Europe/Prague", "sk": "Europe/Bratislava", "hu": "Europe/Budapest", "ro": "Europe/Bucharest",
    "bg": "Europe/Sofia", "gr": "Europe/Athens", "se": "Europe/Stockholm", "no": "Europe/Oslo", "dk": "Europe/Copenhagen",
    "fi": "Europe/Helsinki", "ee": "Europe/Tallinn", "lv": "Europe/Riga", "lt": "Europe/Vilnius", "ru": "Europe/Moscow",
    "ua": "Europe/Kyiv", "by": "Europe/Minsk", "tr": "Europe/Istanbul", "il": "Asia/Jerusalem", "eg": "Africa/Cairo",
    "sa": "Asia/Riyadh", "ae": "Asia/Dubai", "in": "Asia/Kolkata", "cn": "Asia/Shanghai", "hk": "Asia/Hong_Kong",
    "tw": "Asia/Taipei", "jp": "Asia/Tokyo", "kr": "Asia/Seoul", "sg": "Asia/Singapore", "id": "Asia/Jakarta",
    "au": "Australia/Sydney", "nz": "Pacific/Auckland", "za": "Africa/Johannesburg", "ng": "Africa/Lagos",
    "ke": "Africa/Nairobi", "us": "America/New_York", "ca": "America/Toronto", "mx": "America/Mexico_City",
    "br": "America/Sao_Paulo", "ar": "America/Argentina/Buenos_Aires", "uy": "America/Montevideo",
    "cl": "America/Santiago", "co": "America/Bogota", "pe": "America/Lima", "ve": "America/Caracas",
    "bo": "America/La_Paz", "ec": "America/Guayaquil", "py": "America/Asuncion", "cu": "America/Havana",
}
# Languages spoken (almost) only in one timezone band.
_LANGUAGE_TZ = {
    "de": "Europe/Berlin", "it": "Europe/Rome", "pl": "Europe/Warsaw", "nl": "Europe/Amsterdam", "cs": "Europe/Prague",
    "hu": "Europe/Budapest", "ru": "Europe/Moscow", "uk": "Europe/Kyiv", "ja": "Asia/Tokyo", "ko": "Asia/Seoul",
    "zh": "Asia/Shanghai", "tr": "Europe/Istanbul", "el": "Europe/Athens", "ro": "Europe/Bucharest",
    "sv": "Europe/Stockholm", "da": "Europe/Copenhagen", "fi": "Europe/Helsinki",
}


def page_timezone(ev: Evidence) -> tzinfo | None:
    """The publisher's likely timezone: from a locale region ("pt_BR"), the host's country domain, or the language."""
    locales = [ev.first_meta("og:locale") or "", ev.tree.get("lang") or "", ev.first_meta("content-language") or ""]
    for loc in locales:
        m = re.match(r"^([a-z]{2,3})[-_]([a-z]{2})\b", loc.strip().lower())
        if m and m.group(2) in _COUNTRY_TZ:
            return ZoneInfo(_COUNTRY_TZ[m.group(2)])
    host = url_host(ev.url)
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    if tld in _COUNTRY_TZ and tld not in ("co", "tv", "io", "me", "fm"):
        return ZoneInfo(_COUNTRY_TZ[tld])
    for loc in locales:
        lang = _lang_code(loc)
        if lang in _LANGUAGE_TZ:
            return ZoneInfo(_LANGUAGE_TZ[lang])
    return None


_DATE_WITH_YEAR = re.compile(
    r"(?<!\d)(?:\d{1,2}[./-]\s?\d{1,2}[./-]\s?(?:19|20)\d{2}|(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}|"
    r"\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,12}\.?(?:\s*/\s*[^\W\d_]{3,12})?,?\s+(?:de\s+)?(?:19|20)\d{2}|[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}|"
    r"\d{1,2}[.\s][^\W\d_]{3,12}(?:\.|\s[’'‘])\d{2}(?![\d:.])|"
    r"(?:19|20)\d{2}\s?[年년]\s?\d{1,2}\s?[月월]\s?\d{1,2}\s?[日일])(?!\d)"
)
_HAS_DIGIT = re.compile(r"\d")


_X_TIME_AFTER_H1 = etree.XPath("following::time[@datetime][position() <= 3]")
_X_TEXT_IN = etree.XPath("descendant::text()")
_X_FIRST_TEXT_IN = etree.XPath("descendant::text()[1]")
_X_FIRST_TEXT_AFTER = etree.XPath("following::text()[1]")


def _in_dated_list(el: lxml.html.HtmlElement) -> bool:
    """Whether el is a list item's date in a list of three or more dated items: other stories."""
    item = next((a for a in itertools.islice(itertools.chain([el], el.iterancestors()), 5) if a.tag == "li"), None)
    if item is None or item.getparent() is None:
        return False
    dated = 0
    for sibling in item.getparent():
        if sibling.tag == "li" and _DATE_WITH_YEAR.search(sibling.text_content()):
            dated += 1
            if dated >= 3:
                return True
    return False


# How many text nodes after the headline count as "right under" it (byline rows, datelines).
_NEAR_TEXTS = 60


def _time_near_headline(ev: Evidence, tz: tzinfo, fetched_at: datetime) -> datetime | None:
    """A <time datetime> right under the headline: within the first texts after it, not the
    next <time> wherever it is (a second section's or a comment's stamp far down the page)."""
    if ev.scan.headline is None:
        return None
    near = {(t.getparent(), t.is_tail) for t in ev.scan.window_parts()[1][:_NEAR_TEXTS]}
    for el in _X_TIME_AFTER_H1(ev.scan.headline):
        # Its first text places it; an empty <time> is placed by the text right after it.
        first = _X_FIRST_TEXT_IN(el) or _X_FIRST_TEXT_AFTER(el)
        if not first or (first[0].getparent(), first[0].is_tail) not in near:
            break
        if ev.scan.outside(el) or _in_dated_list(el):
            continue
        parsed = parse_date_value(el.get("datetime") or "", tz)
        if parsed is not None and _plausible(parsed, fetched_at):
            return parsed
    return None


def _date_near_headline(ev: Evidence, tz: tzinfo, fetched_at: datetime) -> datetime | None:
    """The first full date shown right after (or just before) the headline: what a reader reads as the date."""
    return next(_dates_near_headline(ev, tz, fetched_at), None)


def _dates_near_headline(ev: Evidence, tz: tzinfo, fetched_at: datetime) -> Iterator[datetime]:
    """The full dates shown around the headline, nearest (as a reader scans) first."""
    before, after = ev.scan.window_parts()
    # A date of its own inside the headline element ("<h1><span class=date>27.01.2022</span>Title</h1>");
    # a date the headline's words mention ("Rückblick auf den 9. November 1989") is no dateline.
    inside = []
    if ev.scan.headline is not None:
        for t in _X_TEXT_IN(ev.scan.headline):
            m = _DATE_WITH_YEAR.search(t) if len(t) <= 60 else None
            if m and len(t.strip()) <= len(m.group(0)) + 12:
                inside.append(t)
    # Right under the headline first (the byline row), then the line just above it (a date
    # header, a dateline over the headline), then further down, then higher up (nearest first).
    near_after = [t for t in after[:_NEAR_TEXTS] if not t.isspace()]
    rev_before = [t for t in before[::-1] if not t.isspace()]
    # The row right under the headline is the story's own: layout class names there (a list
    # styled "nav", a column wrapper "lay-sidebar") do not make it another story's; <aside>,
    # <nav> and <footer> elements and names of other content ("related", "comments") still do.
    # So is the line right above it (a dateline over the headline): page builders wrap every block,
    # headline and date alike, in "widget" containers.
    first_row = {id(t) for t in near_after[:8] + rev_before[:1]}
    for text in inside + near_after[:8] + rev_before[:1] + near_after[8:] + rev_before[1:] + after[_NEAR_TEXTS:]:
        if len(text) > 120 or not _HAS_DIGIT.search(text):
            continue  # every date pattern has digits: most texts are out in one quick scan
        m = _DATE_WITH_YEAR.search(text)
        if not m:
            continue
        parent = text.getparent()
        if parent is None or parent.tag in ("script", "style") or _in_dated_list(parent):
            continue
        if ev.scan.outside(parent, by_layout=id(text) not in first_row):
            continue
        if parent.tag == "a" and not text.is_tail and len(text.strip()) > len(m.group(0)) + 20:
            continue  # a link's words that mention a date: a story's title (its own or another's), no dateline
        # The date with a clock time right after it ("03.11.2026, 14:05 Uhr"), if one is shown.
        parsed = parse_date_value(text[m.start(): m.end() + 16], tz)
        if parsed is not None and _plausible(parsed, fetched_at):
            yield parsed


_EXPLICIT_UTC = re.compile(r"(?:Z|[+-]00:?00|GMT|UTC)$", re.I)


_ZONE_MARK = re.compile(r"(?:Z|[+-]\d{2}:?\d{2}|GMT|UTC)\s*$", re.I)
_HAS_CLOCK = re.compile(r"\d{1,2}:\d{2}")


def _localise(
    value: datetime, candidates: list[datetime], local_tz: tzinfo | None, shown_day: date | None,
    walls: Iterable[datetime] = (),
) -> datetime:
    """A UTC stamp, shown as the publisher's local time: the same instant stamped with a local
    offset elsewhere on the page, or written there as a zone-less wall-clock time a whole
    number of quarter hours away (a <time datetime="2023-11-08 23:30:59"> next to
    "2023-11-09T05:30:59Z" is the same instant at UTC-6); else the local zone when the day
    the page shows agrees; else the nearest zone in which the instant falls on the day shown."""
    offset = value.utcoffset()
    if offset is None or offset.total_seconds() != 0:
        return value
    for other in candidates:
        other_offset = other.utcoffset()
        if other_offset is not None and other_offset.total_seconds() != 0 and abs((other - value).total_seconds()) <= 90:
            return other
    utc_wall = value.replace(tzinfo=None)
    for wall in walls:
        diff = wall - utc_wall
        seconds = diff.total_seconds()
        if seconds and abs(seconds) <= 14 * 3600 and seconds % 900 == 0:
            return value.astimezone(timezone(diff))
    if local_tz is not None:
        local = value.astimezone(local_tz)
        # Local midnight stored in UTC ("2022-11-06T23:00:00Z" for a Berlin date) is a local date.
        if shown_day is None or shown_day == local.date() or (local.hour, local.minute, local.second) == (0, 0, 0):
            return local
    if shown_day is not None and shown_day != value.date():
        # The guessed zone contradicts the day the page shows, but the instant falls on that day
        # in some zone (UTC-12 to UTC+14): the publisher's, whichever it is. Shown in the nearest.
        for hours in range(1, 15):
            for signed in (-hours, hours) if hours <= 12 else (hours,):
                shifted = value.astimezone(timezone(timedelta(hours=signed)))
                if shifted.date() == shown_day:
                    return shifted
    return value


def extract_published(
    ev: Evidence, tz: tzinfo, fetched_at: datetime, local_tz: tzinfo | None = None, *, guessed_tz: bool = False
) -> datetime | None:
    """The publication time: JSON-LD, meta tags, labelled <time>, htmldate, then a date by the headline.

    Args:
        tz: the zone naive values are read in (the outlet's, else UTC).
        local_tz: the zone UTC stamps are shown in: the outlet's, else the page's likely zone.
        guessed_tz: local_tz is a guess from the page (locale, domain): a UTC stamp is moved into
            it only when the date shown by the headline confirms the local day.
    """
    candidates: list[str] = []
    for key in ("datePublished", "dateCreated", "uploadDate"):
        candidates.extend(str(v) for v in ev.ld_values(key) if isinstance(v, (str, int)))
    for key in _DATE_META_KEYS:
        candidates.extend(ev.meta.get(key, []))
    stamps: list[datetime] = []
    walls: list[datetime] = []  # zone-less clock times of <time> elements, as written
    for el in _X_TIME(ev.tree)[:12]:
        hint = f"{el.get('itemprop', '')} {el.get('class', '')} {el.get('pubdate', '')}".lower()
        value = el.get("datetime") or el.get("content")
        if not value:
            continue
        if el.get("pubdate") is not None or re.search(r"publish|datepublished|created|entry-date|post-date", hint):
            candidates.append(value)
        parsed = parse_date_value(value, tz)
        if parsed is not None:
            stamps.append(parsed)
            if _HAS_CLOCK.search(value) and not _ZONE_MARK.search(value):
                walls.append(parsed.replace(tzinfo=None))
    parsed_all = [(v, p) for v, p in ((v, parse_date_value(v, tz)) for v in candidates)
                  if p is not None and _plausible(p, fetched_at)]
    if parsed_all:
        raw, first = parsed_all[0]
        # Dates the page gives besides: its last change, a generic "date" tag (often the last change).
        others = [str(v) for v in ev.ld_values("dateModified") if isinstance(v, (str, int))]
        others += [v for key in (*_MODIFIED_META_KEYS, *_WEAK_DATE_META_KEYS) for v in ev.meta.get(key, [])]
        parsed_others = [(v, p) for v, p in ((v, parse_date_value(v, tz)) for v in others)
                         if p is not None and _plausible(p, fetched_at)]
        if len({p.date() for _v, p in parsed_all + parsed_others}) > 1:
            # The page's own metadata disagrees (a modified date filed as published, a stale
            # JSON-LD block, an updated story): the candidate whose day the page shows by the
            # headline wins. A page that shows only its last change there presents that as the
            # story's date, and readers take it so; when it shows its publication day too, that stands.
            shown_days = [d.date() for d in itertools.islice(_dates_near_headline(ev, tz, fetched_at), 4)]
            match = next(((v, p) for day in shown_days for v, p in parsed_all if p.date() == day), None)
            if match is None and shown_days:
                match = next(((v, p) for v, p in parsed_others if p.date() == shown_days[0]), None)
            if match is not None:
                raw, first = match
        if not _EXPLICIT_UTC.search(raw.strip()):
            return first  # a local time as written (or naive: read in tz), nothing to convert
        shown: date | None = None
        if guessed_tz:
            near = _date_near_headline(ev, tz, fetched_at)
            shown = near.date() if near is not None else date.min  # nothing shown: keep UTC
        return _localise(first, [p for _v, p in parsed_all[1:]] + stamps, local_tz, shown, walls)
    # A <time datetime> right under the headline is the story's (dateline, byline row).
    near_time = _time_near_headline(ev, tz, fetched_at)
    if near_time is not None:
        return _localise(near_time, stamps, None if guessed_tz else local_tz, None, walls)
    # The date shown by the headline, when the markup has none: what a reader takes as the date.
    near = _date_near_headline(ev, tz, fetched_at)
    if near is not None:
        return near
    for key in _WEAK_DATE_META_KEYS:
        for value in ev.meta.get(key, []):
            parsed = parse_date_value(value, tz)
            if parsed is not None and _plausible(parsed, fetched_at):
                return parsed
    # htmldate: the URL, header tags beyond ours, JSON, abbr/time elements (fast mode, no dateparser).
    from htmldate import find_date

    try:
        found = find_date(
            ev.tree, extensive_search=False, original_date=True, url=ev.url or None,
            max_date=fetched_at.strftime("%Y-%m-%d"),
        )
    except Exception:  # noqa: BLE001 - htmldate on odd markup must not sink the article
        LOGGER.debug("htmldate failed", exc_info=True)
        found = None
    if found:
        parsed = parse_date_value(found, tz)
        if parsed is not None:
            return parsed
    for value in stamps[:1]:
        if _plausible(value, fetched_at):
            return _localise(value, [], None if guessed_tz else local_tz, None)
    return None


# --- language ------------------------------------------------------------------------------------

_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in is that for it with as was on are be by this have from or at which but not",
        "de": "der die und das ist nicht ein eine zu den von mit sich des auf für im dem auch es an als wird",
        "fr": "le la les et des est une un du que dans pour pas qui sur au avec il ce sont par plus aux",
        "es": "el la los las de que y en un una es por con para del se no al lo como más pero sus",
        "it": "il di che e la per un una non sono del della le gli con si al è anche nel alla",
        "pt": "o a os as de que e do da em um uma para com não no na por mais dos se ao é",
        "nl": "de het een en van is dat op te in voor niet met zijn aan er ook als bij door",
        "pl": "i w na nie się z do to że jest o jak ale za od po co tak są przez dla",
        "sv": "och att det som en är av för på med den till inte har de ett om var",
        "da": "og at det en er af for på med den til ikke har de et som var jeg",
        "no": "og at det en er av for på med den til ikke har de et som var jeg",
        "fi": "ja on ei se että oli hän mutta kun myös ovat tai vain sen niin",
        "cs": "a je se v na že to s z do o jako ale by jsou pro není",
        "tr": "ve bir bu da de için ile ne gibi daha çok olarak ama kadar var",
        "ro": "și de la în a că pe cu un o nu este din care mai sau pentru",
        "hu": "a az és hogy nem is egy van ez meg de csak már volt",
        "ru": "и в не на что с по как это он но из к у за от же так",
        "uk": "і в не на що з як це та до але за від він її був",
    }.items()
}
_SCRIPT_LANGS = (
    (re.compile(r"[\u3040-\u30ff]"), "ja"),
    (re.compile(r"[\uac00-\ud7af]"), "ko"),
    (re.compile(r"[\u4e00-\u9fff]"), "zh"),
    (re.compile(r"[\u0600-\u06ff]"), "ar"),
    (re.compile(r"[\u0590-\u05ff]"), "he"),
    (re.compile(r"[\u0370-\u03ff]"), "el"),
    (re.compile(r"[\u0e00-\u0e7f]"), "th"),
    (re.compile(r"[\u0900-\u097f]"), "hi"),
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    """A small stop-word and script profile: good enough to tag an article, no model download."""
    sample = text[:1500]
    if not sample.strip():
        return None
    letters = sum(1 for c in sample if c.isalpha())
    for pattern, lang in _SCRIPT_LANGS:
        if letters and len(pattern.findall(sample)) > 0.2 * letters:
            if lang == "ar" and re.search(r"[پچژگ]", sample):
                return "fa"
            return lang
    words = [w.lower() for w in _WORD_RE.findall(sample)]
    if len(words) < 5:
        return None
    cyrillic = sum(1 for w in words if re.match(r"[\u0400-\u04ff]", w))
    candidates = ("ru", "uk") if cyrillic > len(words) / 2 else tuple(k for k in _STOPWORDS if k not in ("ru", "uk"))
    scores = {lang: sum(1 for w in words if w in _STOPWORDS[lang]) for lang in candidates}
    best = max(scores, key=lambda k: scores[k])
    if cyrillic > len(words) / 2 and re.search(r"[іїєґ]", sample):
        return "uk"
    return best if scores[best] >= 2 else None


def _lang_code(value: str | None) -> str | None:
    if not value:
        return None
    code = re.split(r"[-_]", value.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) and code not in ("x", "und", "mul", "zxx") else None


_CYRILLIC_CHAR = re.compile(r"[\u0400-\u04ff]")
_LATIN_CHAR = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn"})


def extract_language(ev: Evidence, body: str, mixed_outlet: bool = False) -> str | None:
    """The declared language (<html lang>, og:locale, content-language, JSON-LD), checked against the text.

    Detection runs when nothing is declared, when the declaration is the template default "en",
    when the text's script contradicts it, or when the outlet publishes in several languages.
    """
    declared = (
        _lang_code(ev.tree.get("lang") or ev.tree.get("xml:lang") or ev.tree.get("{http://www.w3.org/XML/1998/namespace}lang"))
        or _lang_code(ev.first_meta("og:locale"))
        or _lang_code(ev.first_meta("content-language", "language", "dc.language", "dcterms.language"))
        or next((_lang_code(v) for v in ev.ld_values("inLanguage") if isinstance(v, str)), None)
    )
    if not body:
        return declared
    if declared and not mixed_outlet and declared != "en":
        sample = body[:400]
        cyrillic, latin = len(_CYRILLIC_CHAR.findall(sample)), len(_LATIN_CHAR.findall(sample))
        script_agrees = (cyrillic >= latin) == (declared in _CYRILLIC_LANGS) or not (cyrillic or latin)
        if script_agrees:
            return declared
    detected = detect_language(body)
    if declared and detected and detected != declared and len(body) < 200:
        return declared  # too little text to outvote the page
    return detected or declared


# --- counters and credits ------------------------------------------------------------------------


# The class/id words of _ELSEWHERE that name other content (teasers, comments, ads), not a layout
# place (a sidebar column, a list styled as navigation).
_OTHER_CONTENT = re.compile(
    r"(?:^|[-_])(?:related|recommend\w*|popular|most-?read|trending|comments?|comment-?list|commentlist|newsletter|"
    r"promo|advert\w*|ads?|sponsor\w*|outbrain|taboola|recent-?comments|respond)(?:$|[-_])",
    re.I,
)


# Class tokens that describe what a layout has ("has-sidebar", "with-sidebar", "no-comments"),
# set on the wrapper of the story and its sidebar: no place of other content themselves.
_LAYOUT_STATE = re.compile(r"(?:has|with|without|no)[-_]", re.I)


def _outside_story(
    el: lxml.html.HtmlElement, story: frozenset[lxml.html.HtmlElement], *, by_layout: bool = True,
    column: frozenset[lxml.html.HtmlElement] = frozenset(), own_footers: bool = False,
) -> bool:
    """Whether el sits in a sidebar, footer, navigation, comment thread or teaser of other stories.

    ``story`` holds the ancestors of the story's headline: a container that also holds the
    headline is the page or story wrapper ("zen-one-sidebar-second", "with-navigation" are
    layout classes of such wrappers), so the walk stops there. A <footer> inside an <article>
    is that article's own footer (HTML5 puts the author there), not the page's. Without
    ``by_layout``, class and id names of a layout place ("sidebar", "nav", "menu") do not count,
    only those naming other content ("related", "comments", "promo"). ``column`` holds the
    headline's nearest containers: a "widget" that shares one of them with the headline is a
    block of the headline's own column.
    """
    in_column: bool | None = None
    for anc in el.iterancestors():
        if anc.tag in ("body", "html") or anc in story:
            break
        if anc.tag == "footer" and any(a.tag == "article" for a in anc.iterancestors()):
            continue
        own_footer = own_footers and any(_STORY_FOOTER.fullmatch(tok) for tok in anc.get("class", "").split())
        if own_footer:
            continue
        # An <aside> inside the headline's own <article> is that article's margin (byline, date,
        # tags); its class still tells a related-stories box apart.
        own_aside = anc.tag == "aside" and any(a.tag == "article" and a in story for a in anc.iterancestors())
        if anc.tag in ("aside", "footer", "nav") and not own_aside:
            return True
        attrs = f"{anc.get('class', '')} {anc.get('id', '')}"
        if not attrs.strip():
            continue
        pattern = _ELSEWHERE if by_layout else _OTHER_CONTENT
        for tok in attrs.split():
            m = pattern.search(tok)
            if m is None or _LAYOUT_STATE.match(tok):
                continue
            if _WIDGET.fullmatch(m.group(0)) and not pattern.search(_WIDGET.sub("-", tok)):
                if in_column is None:
                    in_column = next((a for a in anc.iterancestors() if a in story), None) in column
                if in_column:
                    continue
            return True
    return False


def _heading_text(h: lxml.html.HtmlElement) -> str:
    """A heading's text; for a heading set as an image (a title rendered in a web font), the image's alt."""
    text = h.text_content()
    if not text.strip():
        img = h.find(".//img[@alt]")
        if img is not None:
            return img.get("alt", "")
    return text


def _headline_h1(tree: lxml.html.HtmlElement, url: str, site_names: list[str] | None = None) -> lxml.html.HtmlElement | None:
    """The story's h1: the first one with text that is not the site's logo.

    When that h1 names the site or repeats no part of the page's declared title (og:title,
    <title>), but another heading repeats a headline-sized part that does not name the site, the
    other heading is the story's: the h1 then names the blog, a menu or a widget ("Time 4 talks",
    "SERVICE"), and the story sits in a later h1 or an h2.
    """
    h1s = _X_H1(tree)
    first = next((h for h in h1s[:6] if _norm(h.text_content()) and not _is_logo(h, url)), None)
    titles = [_norm(v) for v in _X_OG_TITLE(tree)[:1] + [t.text_content() for t in _X_TITLE(tree)[:1]]]
    parts = {_squash(t) for t in titles} | {_squash(p) for t in titles for p in _split_parts(t)}
    parts.discard("")
    first_text = "" if first is None else _norm(first.text_content())
    first_sq = _squash(first_text)
    story_parts = {p for p in parts if len(p) >= 15 and not _is_site_name(p, site_names or [])}
    # An h1 longer or shorter than the declared title still repeats it ("Title in Tennessee").
    echoes = first_sq in parts or any(p in first_sq or (len(first_sq) >= 15 and first_sq in p) for p in story_parts)
    if story_parts and (first is None or not echoes or _is_site_name(first_text, site_names or [])):
        for h in itertools.chain(h1s[:10], _X_LOWER_HEADINGS(tree)[:40]):
            if h is not first and _squash(_heading_text(h)) in story_parts:
                return h
    if first is not None:
        return first
    if h1s:
        return h1s[0]
    # No h1 at all (Blogger themes set the post title in an h2): the first lower heading that
    # repeats the page's declared title is the story's headline.
    declared = [_norm(v).casefold() for v in _X_OG_TITLE(tree)[:1] + [t.text_content() for t in _X_TITLE(tree)[:1]]]
    declared = [d for d in declared if len(d) >= 10]
    if declared:
        for h in _X_LOWER_HEADINGS(tree)[:30]:
            text = _norm(h.text_content()).casefold()
            if len(text) >= 10 and any(d == text or d.startswith(text) for d in declared):
                return h
    return None


class PageScan:
    """Elements whose attributes hint at a byline, a counter or a credit, and short labelled texts."""

    def __init__(self, tree: lxml.html.HtmlElement, url: str = "", site_names: list[str] | None = None) -> None:
        self.tree = tree
        self.headline = _headline_h1(tree, url, site_names)
        self.story: frozenset[lxml.html.HtmlElement] = (
            frozenset(self.headline.iterancestors()) if self.headline is not None else frozenset()
        )
        # The headline's own column, when a page builder sets the headline in a "widget" too.
        near = list(itertools.islice(self.headline.iterancestors(), _COLUMN_DEPTH)) if self.headline is not None else []
        self.column: frozenset[lxml.html.HtmlElement] = frozenset(
            near if any(_WIDGET.search(tok) for a in near for tok in a.get("class", "").split()) else ()
        )
        self._texts: list[Any] | None = None
        self._window: tuple[list[Any], list[Any]] | None = None
        self.bylines: list[lxml.html.HtmlElement] = []
        self.far_bylines: list[lxml.html.HtmlElement] = []
        self.views: list[lxml.html.HtmlElement] = []
        self.comments: list[lxml.html.HtmlElement] = []
        self.credits: list[lxml.html.HtmlElement] = []
        # A story's byline, counters and credit sit around its headline: the elements holding the
        # texts near the first h1 (and up to three of their ancestors) are the ones worth reading
        # the class/id/title/aria-label of. Walking every attribute of a 3,000-element page costs
        # more than all the rest of the metadata.
        # Each element read, with how many steps above the text it was reached: a walk cut short
        # at depth 3 ("<a><div>LP</div></a>" under the byline's item) has not read the ancestors a
        # shallower text of the same item reaches.
        seen: dict[lxml.html.HtmlElement, int] = {}
        before, after = self.window_parts()
        # After the headline: 240 text nodes; past them, bylines only ("far_bylines", read after the
        # text bylines) until 100 texts with words are read, for pages whose layout whitespace
        # between tags makes up most text nodes (a byline row below a row of teasers).
        worded = 0
        bylines = self.bylines
        far = False
        for n, text in enumerate(itertools.chain(before[-60:], after)):
            if text.isspace():
                continue  # layout whitespace between tags: most text nodes of a page
            worded += 1
            if n >= 300 and not far:
                if worded >= 160:
                    break
                far, bylines = True, self.far_bylines
            el = text.getparent()
            if text.is_tail and el is not None:
                # lxml gives a tail's preceding sibling as its parent: "<a class=author><img> Jane Doe</a>"
                # holds the name in the <img>'s tail, and it belongs to the <a>.
                el = el.getparent()
            for depth in range(4):
                if el is None:
                    break
                reached = seen.get(el)
                if reached is not None:
                    if reached <= depth:
                        break  # this ancestor chain was read as far up from an earlier text
                    seen[el] = depth
                    el = el.getparent()
                    continue
                tag = el.tag
                if not isinstance(tag, str) or tag in _SKIP_TAGS:
                    break
                seen[el] = depth
                # The hint attributes' values in the element's order: the kinds do not depend on
                # it, as no hint word spans the space between two values.
                hint = " ".join([v for k, v in el.items() if k in _HINT_KEY_SET]).lower()
                if tag == "address" and len(bylines) < 60 and not (hint and "byline" in _hint_kinds(hint)):
                    # HTML's <address> in an article gives "the contact information for its author":
                    # a byline whatever its class says.
                    bylines.append(el)
                if hint:
                    kinds = _hint_kinds(hint)
                    if "byline" in kinds and len(bylines) < 60:
                        bylines.append(el)
                    if not far:
                        if "views" in kinds and "comments" not in kinds and len(self.views) < 30:
                            self.views.append(el)
                        if "comments" in kinds and len(self.comments) < 30:
                            self.comments.append(el)
                        if "credit" in kinds and len(self.credits) < 60:
                            self.credits.append(el)
                el = el.getparent()

    def outside(self, el: lxml.html.HtmlElement, *, by_layout: bool = True, byline: bool = False) -> bool:
        """Whether el belongs to something other than this page's story (see ``_outside_story``).

        A ``byline`` is read in page-builder blocks ("widgets") of the headline's own column and in
        a post's own footer ("entry-footer"); a credit or a date there is as likely a teaser's, and
        those readers keep to the stricter walk.
        """
        return _outside_story(el, self.story, by_layout=by_layout, column=self.column if byline else frozenset(),
                              own_footers=byline)

    def window_texts(self) -> list[Any]:
        """Text nodes around the first h1 in document order (all of them, unfiltered)."""
        before, after = self.window_parts()
        return before + after

    def window_parts(self) -> tuple[list[Any], list[Any]]:
        """(text nodes just before the story's h1, text nodes after it); without an h1, the page's first texts."""
        if self._window is None:
            h1 = self.headline
            self._window = (_X_BEFORE_H1(h1), _X_AFTER_H1(h1)) if h1 is not None else ([], _X_TEXTS(self.tree)[:1500])
        return self._window

    def byline_texts(self) -> list[str]:
        """Short "By Jane Doe" texts near the headline."""
        found = []
        texts = self.window_texts()
        for i, t in enumerate(texts):
            if t.isspace() or len(t) > 100 and len(_norm(t)) > 100:
                continue  # (a short byline indented by layout whitespace is still short)
            m = _BYLINE_TEXT.match(t) or (_VON_BY.search(t) and _KIND_BYLINE.match(t))
            if not m:
                continue
            parent = t.getparent()
            if parent is None or parent.tag in ("script", "style", "a") or self.outside(parent, byline=True):
                continue
            if m.group("bare") and not self._touches_headline(texts, i):
                continue  # "04.02.2022 | Jane Doe" without a lead-in: only as the headline's own dateline
            text = _norm(t[m.end("dateline"):] if m.group("dateline") else t)
            if len(text.split()) <= 2 and not m.group("dateline") and not m.groupdict().get("handle"):
                # "Von <a>Name</a>" or "<strong>Text:</strong> Name": the name follows the label,
                # or "<span>| By</span> <span>Name</span>": it is the next element.
                whole = _norm(parent.text_content())
                following = parent.getnext()
                if whole == text and parent.tail and parent.tail.strip():
                    text = _norm(f"{text} {parent.tail}")
                elif whole == text and following is not None and 0 < len(_norm(following.text_content())) <= 60:
                    text = _norm(f"{text} {following.text_content()}")
                elif len(whole) <= 100 and whole != text:
                    text = whole
                elif whole == text:
                    # "<b>Von:</b><br><br> Name", "<li>Von</li><li><a>Name</a></li>": the name is the
                    # next text, past line breaks and layout whitespace.
                    nxt = next((n for n in texts[i + 1:i + 12] if not n.isspace()), None)
                    holder = None if nxt is None else nxt.getparent()
                    if holder is not None and holder.tag not in ("script", "style") and len(_norm(nxt)) <= 60:
                        text = _norm(f"{text} {nxt}")
            found.append(text.lstrip("|•·–—- "))
            # The first byline that names someone is the story's; a later "von X" under the
            # headline's window belongs to a teaser or a comment. Unreadable ones don't count.
            if len(found) >= 3 or clean_authors(found[-1:]):
                break
        return found

    def _touches_headline(self, texts: list[Any], i: int) -> bool:
        """Whether texts[i] is the last text before the headline or among the first two after it."""
        if self.headline is None:
            return False
        boundary = len(self.window_parts()[0])
        between = texts[i + 1:boundary] if i < boundary else texts[boundary:i]
        return sum(1 for t in between if not t.isspace()) <= (0 if i < boundary else 1)

    def short_texts(self) -> list[Any]:
        """Short text nodes around the headline (lxml smart strings, so each knows its element).

        A story's counters and image credit sit next to its headline: a window of text nodes
        around the first h1 finds them, skips far-away sidebar counters, and costs a fraction
        of a walk over every text node of the page.
        """
        if self._texts is None:
            texts = []
            for t in self.window_texts():
                if 2 < len(t) < 240 and _DIGIT_OR_COLON.search(t):
                    parent = t.getparent()
                    if parent is not None and parent.tag not in ("script", "style"):
                        texts.append(t)
            self._texts = texts
        return self._texts


def _count_from(el: lxml.html.HtmlElement) -> int | None:
    if len(el) > 4:  # a counter is a small element; a whole comment thread is not
        return None
    text = _norm(el.text_content())
    if len(text) > 40:
        return None
    if re.search(r"\d", text):
        return parse_count(text)
    label = el.get("title") or el.get("aria-label") or el.get("data-count") or ""
    return parse_count(label) if re.search(r"\d", label) and len(label) <= 40 else None


def extract_counters(scan: PageScan) -> tuple[int | None, int | None]:
    """(views, comments) shown for this story, from labelled elements or "1,204 views" text."""
    found: dict[str, int | None] = {"views": None, "comments": None}
    for kind, elements in (("views", scan.views), ("comments", scan.comments)):
        for el in elements:
            value = _count_from(el)
            if value is not None and not scan.outside(el):
                found[kind] = value
                break
    if found["views"] is None or found["comments"] is None:
        for text in scan.short_texts():
            if len(text) > 60:
                continue
            for kind, pattern in (("views", _VIEWS_TEXT), ("comments", _COMMENTS_TEXT)):
                if found[kind] is None and (m := pattern.search(text)):
                    parent = text.getparent()
                    if parent is None or not scan.outside(parent):
                        found[kind] = parse_count(m.group(1))
            if found["views"] is not None and found["comments"] is not None:
                break
    return found["views"], found["comments"]


def _credit_value(el: lxml.html.HtmlElement) -> str | None:
    """The credit line as shown ("Photograph: Jane Doe/Agency"), or None if el holds no credit."""
    text = _norm(el.text_content())
    if not text or len(text) > 200:
        return None
    cls = f"{el.get('class', '')} {el.get('id', '')}".lower()
    if (m := _CREDIT_LABEL.match(text)) and text[m.end():].strip():
        return text
    if re.search(r"credit|copyright|bildquelle|fotograf|photographer|source", cls) and len(text) <= 120:
        return text
    if el.tag == "figcaption" or "caption" in cls:
        # A caption ending in its credit: "Crowds at the port. Photo: Jane Doe" -> "Photo: Jane Doe".
        c = re.search(r"((?:©|\((?:c|C)\)|(?:Photo|Photograph|Foto|Фото|Bild|Image|Credit)\s*:)\s*[^|]+)$", text)
        if c:
            return c.group(1).strip() or None
    return None


def extract_image_credit(scan: PageScan) -> str | None:
    """The credit line of the story's image: "Image source: ...", "Фото: ...", a figcaption credit."""
    for el in scan.credits:
        value = _credit_value(el)
        if value and not scan.outside(el):
            return value[:200]
    for el in _X_FIGCAPTION(scan.tree)[:20]:
        value = _credit_value(el)
        if value and not scan.outside(el):
            return value[:200]
    for text in scan.short_texts():
        m = _CREDIT_LABEL.match(text)
        if not m:
            continue
        parent = text.getparent()
        if parent is None or scan.outside(parent):
            continue
        # The label may sit in its own element with the name in the next one ("<b>Фото:</b> <a>Name</a>").
        if _norm(text[m.end():]):
            return _norm(text)[:200]
        for holder in (parent, parent.getparent()):
            if holder is None:
                continue
            whole = _norm(holder.text_content())
            lm = _CREDIT_LABEL.match(whole)
            if lm and whole[lm.end():].strip() and len(whole) <= 200:
                return whole
    return None


# --- body ----------------------------------------------------------------------------------------


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


# --- the article ---------------------------------------------------------------------------------


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
        authors=_guard("authors", lambda: [unicodedata.normalize("NFC", a) for a in extract_authors(ev)], []),
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
