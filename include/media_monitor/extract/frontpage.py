"""Front pages, generically: editorial headlines in reading order and ranked/listed sidebar blocks.

No rules per site: a headline is a link to a story-looking URL on the outlet's own site, with
a real title, outside navigation/header/footer chrome; a sidebar block is a short heading that
names a popularity/discussion list ("Most read", "Самое читаемое", "热帖排行榜"...) or a list
of story links under a short heading in a side rail. Registry selectors override each part.
"""

from __future__ import annotations

import logging
import re
import threading
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import lxml.html
from cssselect import GenericTranslator, SelectorError
from lxml import etree

from media_monitor.extract.dates import parse_shown_time
from media_monitor.extract.markup import _norm
from media_monitor.extract.urls import (
    article_score,
    canonicalize_url,
    looks_like_article,
    redirect_target,
    same_site,
    url_host,
)
from media_monitor.models import FrontPage, Headline, SidebarBlock, SidebarEntry
from media_monitor.registry import Outlet

LOGGER = logging.getLogger(__name__)

# --- CSS selectors -----------------------------------------------------------------------------
# The registry's overrides are CSS, translated to XPath by cssselect (the library lxml itself
# uses for .cssselect()). Pseudo-classes that depend on a browser (:hover, :visited) are refused.
_CSS = GenericTranslator()
# cssselect turns these into "never matches": in a registry that is a mistake worth an error.
_BROWSER_STATE = re.compile(r":(?:hover|active|focus(?:-within|-visible)?|visited|link|target)\b")


@lru_cache(maxsize=256)
def css_to_xpath(selector: str) -> str:
    """Translate a CSS selector to an XPath expression (root included); ValueError if unsupported."""
    if _BROWSER_STATE.search(selector):
        raise ValueError(f"unsupported CSS selector {selector!r}: browser-state pseudo-classes never match a saved page")
    try:
        return _CSS.css_to_xpath(selector, prefix="descendant-or-self::")
    except SelectorError as exc:
        raise ValueError(f"unsupported CSS selector {selector!r}: {exc}") from None


@lru_cache(maxsize=256)
def _compiled(selector: str) -> etree.XPath:
    return etree.XPath(css_to_xpath(selector))


def css_select(root: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    """Elements under root (root included) matching a CSS selector, in document order."""
    return [el for el in _compiled(selector)(root) if isinstance(el.tag, str)]



class _Parsers(threading.local):
    """One parser per thread (an lxml parser is not safe to share between threads)."""

    def __init__(self) -> None:
        # trafilatura's settings (utils.HTML_PARSER), so the body equals trafilatura.extract's. The
        # one change: lxml.html's own class lookup is Python code run for every element proxy
        # (millions per corpus run, a tenth of the extraction time); this one runs in C. Every
        # element is still an HtmlElement; only the form-control subclasses (InputElement...) go.
        self.html = lxml.html.HTMLParser(
            collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
        )
        self.html.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction
            )
        )


_PARSERS = _Parsers()


# The characters of trafilatura.utils.INVALID_XML_CHARS (C0 controls but tab, newline and carriage
# return; U+FFFE, U+FFFF).
_INVALID_XML_CHARS = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]))


def _repair_faulty_html(html: str, beginning: str) -> str:
    """trafilatura.utils.repair_faulty_html, step for step, but its regex pass deleting invalid XML
    characters runs only over a page that holds one: few pages do, and testing for each of the 29
    characters costs half that pass (which had been a tenth of our metadata time)."""
    from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS

    if any(c in html for c in _INVALID_XML_CHARS):
        html = INVALID_XML_CHARS.sub("", html)
    if "doctype" in beginning:
        firstline, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            html = FAULTY_HTML.sub(r"\1>", html, count=1)
            break
    return html


def _load_html(html: str) -> lxml.html.HtmlElement | None:
    # The steps of trafilatura.utils.load_html for a decoded page, on our parser.
    beginning = html[:50].lower()
    html = _repair_faulty_html(html, beginning)
    parser = _PARSERS.html
    tree = None
    try:
        tree = lxml.html.fromstring(html, parser=parser)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        pass
    if tree is None or len(tree) < 1:
        try:
            tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
        except Exception:  # noqa: BLE001 - as trafilatura: a parser failure is "no tree"
            tree = None
    if tree is not None and "html" not in beginning and len(tree) < 2:
        return None  # trafilatura's rejection: no <html> in sight and a single block
    return tree


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """Parse a page as trafilatura's loader does (lxml with its repairs); None when nothing parses.

    The article extractor needs this exact parse so its body equals ``trafilatura.extract``'s;
    front pages use it too so both see the same tree for the same bytes. One repair of our own: a
    <title> left open is closed (``_close_runaway_title``).
    """
    if not html or not html.strip():
        return None
    tree = _parse(html)
    repaired = _close_runaway_title(html, tree) if tree is not None else None
    return _parse(repaired) if repaired is not None else tree


def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        tree = _load_html(html)
    except Exception:  # noqa: BLE001 - a parser failure is "no tree", never a crash
        LOGGER.debug("the HTML loader failed", exc_info=True)
        tree = None
    if tree is None:
        # The loader refuses fragments without an <html> tag; a front page may still be one.
        try:
            tree = lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"))
        except Exception:  # noqa: BLE001
            return None
    return tree


_TITLE_OPEN = re.compile(r"<title\b[^>]*>", re.I)
_TAG_START = re.compile(r"<[a-zA-Z!/]")


def _close_runaway_title(html: str, tree: lxml.html.HtmlElement) -> str | None:
    """The page again with its <title> closed, when the closing tag is missing or broken.

    The title's text runs to the next "</title>" or the end of the page, so a title left open (a
    truncated download, "</tit", a CMS bug) swallows the whole page as its text: no metadata, no
    body, and a title of megabytes. Closing it before the first tag that follows gives the page back.
    None when the title is fine.
    """
    title = next(tree.iter("title"), None)
    text = title.text if title is not None else None
    if not text or len(text) < 1000 or not _TAG_START.search(text):
        return None
    opened = _TITLE_OPEN.search(html)
    tag = _TAG_START.search(html, opened.end()) if opened else None
    if tag is None or html[tag.start():tag.start() + 7].lower() == "</title":
        return None
    again = _TITLE_OPEN.match(html, tag.start())
    if again:  # "<title>Story<title>": a second opening tag where the closing one belongs
        return html[: tag.start()] + "</title>" + html[again.end():]
    return html[: tag.start()] + "</title>" + html[tag.start():]


def parse_count(text: str) -> int | None:
    """An integer as pages show counts: "10856", "1,204 shares", "12 345", "(345)", "12.3k reads", "5 тыс."."""
    text = _norm(text).replace("\u00a0", " ").replace("\u202f", " ")
    m = re.search(r"(\d+(?:[.,]\d+)?)\s*([kKкКmMмМ]|тыс|млн|mln|mio|tsd)\.?(?![^\W\d_])", text)
    if m:
        value = float(m.group(1).replace(",", "."))
        unit = m.group(2).lower()
        factor = 1_000_000 if unit in ("m", "м", "млн", "mln", "mio") else 1000
        return int(round(value * factor))
    m = re.search(r"(?<![\d.,])(\d{1,3}(?:[ ,.]\d{3})+|\d+)(?![\d])", text)
    if not m:
        return None
    return int(re.sub(r"[ ,.]", "", m.group(1)))


# --- front page vocabulary -------------------------------------------------------------------------

# Names of ranked / listed sidebar blocks, many languages. Matched on the whole heading text.
_RANKED_NAMES = (
    r"most\s+(?:read|popular|viewed|watched|shared|emailed|commented|clicked|recent\s+popular)|popular(?:\s+now|\s+stories|\s+news|\s+articles|\s+on\s+\w+)?|"
    r"trending(?:\s+now|\s+stories|\s+news|\s+topics)?|top\s+(?:stories|news|read|articles|\d+)|top\s*\d+|"
    r"what'?s\s+hot|hot\s+(?:news|stories|topics)|editor'?s\s+picks|readers'?\s+choice|"
    r"meistgelesen\w*|meistgesehen\w*|meistkommentiert\w*|meistgeteilt\w*|am\s+meisten\s+gelesen|beliebt\w*|"
    r"top-?(?:artikel|themen|meldungen|nachrichten)|les\s+plus\s+(?:lus|partagés|commentés|consultés|vus)|"
    r"articles?\s+les\s+plus\s+lus|populaires?|tendances?|más\s+(?:leíd[oa]s|vist[oa]s|compartid[oa]s|populares|comentad[oa]s)|"
    r"lo\s+más\s+(?:leído|visto|compartido|popular)|tendencias|i\s+più\s+(?:letti|visti|condivisi|popolari)|"
    r"più\s+lett[ie]|mais\s+(?:lidas|lidos|vistos|vistas|populares)|em\s+alta|najczęściej\s+(?:czytane|komentowane)|"
    r"najpopularniejsze|popularne|meest\s+(?:gelezen|bekeken|gedeeld)|populair|mest\s+lästa|mest\s+lest|mest\s+læste|"
    r"luetuimmat|en\s+çok\s+okunan\w*|popüler|"
    r"сам(?:ое|ые|ая)\s+(?:популярн\w+|читаем\w+|обсуждаем\w+|просматриваем\w+|интересн\w+)|популярн\w+|читаем\w+|"
    r"обсуждаем\w+|в\s+тренде|топ(?:\s*-?\s*\d+)?|лидеры\s+просмотров|найпопулярніше|найчитаніше|"
    r"排行\w*|热门\w*|热点\w*|热帖\w*|最热\w*|热读|热榜|点击排行|阅读排行|人気\w*|ランキング|最も読まれた|많이\s*본|인기\w*|"
    r"الأكثر\s+(?:قراءة|مشاهدة|تداولا)|הנקראים\s+ביותר"
)
_LIST_NAMES = (
    r"discussion|discussions|discussed|comments|latest\s+comments|recent\s+comments|most\s+discussed|debate|"
    r"обсуждение|обсуждения|дискуссия|комментарии|последние\s+комментарии|diskussion|kommentare|"
    r"meistdiskutiert\w*|commentaires|débats?|comentarios|commenti|dyskusja|komentarze|讨论|评论"
)
_BLOCK_NAME_RE = re.compile(rf"^\W*(?:{_RANKED_NAMES}|{_LIST_NAMES})(?!\w)", re.I)
_RANKED_NAME_RE = re.compile(rf"^\W*(?:{_RANKED_NAMES})(?!\w)", re.I)
_LIST_NAME_RE = re.compile(rf"^\W*(?:{_LIST_NAMES})(?!\w)", re.I)
# "Latest", "Live", "Top stories" also head main columns: only a side rail or a popular-looking box
# makes them a block. Matched on the whole heading.
_WEAK_NAME_RE = re.compile(
    r"^\W*(?:latest|latest\s+(?:news|stories|headlines)|most\s+recent|recent\s+(?:posts|stories|news)|just\s+in|"
    r"breaking(?:\s+news)?|live|neueste\w*|aktuell|neu|letzte\s+meldungen|dernières?\s+(?:infos|nouvelles|actualités)|"
    r"à\s+la\s+une|últimas?\s+(?:noticias|notícias)|ultime\s+notizie|последние\s+новости|новости\s+дня|"
    r"лента\s+новостей|最新|滚动新闻|速報|top\s+(?:stories|news)|топ)\W*$",
    re.I,
)
_MORE_RE = re.compile(
    r"^\W*(?:more(?:\s+\S+){0,2}|read\s+more|see\s+(?:all|more)|view\s+(?:all|more)|show\s+(?:all|more)|all\s+(?:news|stories|articles)|"
    r"load\s+more|next|previous|prev|older|newer|update|refresh|full\s+story|continue\s+reading|"
    r"listen(?:\s+to)?(?:\s+the)?(?:\s+full)?\s+(?:episode|podcast|now)|watch(?:\s+now|\s+live|\s+the\s+video)?|"
    r"read\s+the\s+(?:full\s+)?(?:story|article)|subscribe(?:\s+now)?|sign\s+(?:up|in)|log\s*in|"
    r"mehr|mehr\s+\w+|weiter(?:lesen)?|alle\s+\w+|zur\s+übersicht|plus|voir\s+(?:plus|tout)|lire\s+la\s+suite|"
    r"tout\s+(?:voir|afficher)|más|ver\s+(?:más|todo)|leer\s+más|altro|leggi\s+(?:tutto|altro)|więcej|"
    r"ещё|еще|подробнее|читать\s+далее|все\s+\w+|обновить|далее|更多|更多\s*\S*|»|›|→)\W*$",
    re.I,
)
# A class/id token names page chrome when it is one of these words, at most with one prefix
# segment ("site-navigation", "c-footer") and generic suffixes ("nav-wrapper", "menu-list-2");
# "blq-lang-en" or "card-tag-label" stay content.
_CHROME_WORDS = (
    r"nav|navbar|navigation|navi|menu|menus|submenu|mainmenu|megamenu|breadcrumbs?|footer|masthead|toolbar|"
    r"topbar|utility|utilities|social|share|sharing|sharebar|login|signin|account|subscribe|subscription|"
    r"newsletter|cookie|cookies|consent|skip|skiplinks?|pagination|pager|paging|sitemap|siteindex|site-index|"
    r"tags|taglist|tag-list|keywords|search|searchbox|ad|ads|advert|advertisement|adslot|sponsor|sponsored|"
    r"legal|copyright|languages?|editions?|weather|markets|ticker|stocks|quotes|horoscopes?|birthdays?"
)
_GENERIC_SUFFIX = (
    r"bar|wrapper|wrap|container|list|links?|items?|inner|outer|main|top|bottom|primary|secondary|global|area|"
    r"section|block|box|module|holder|content|nav|menu|row|col|panel|\d+"
)
_CHROME_TOKEN_RE = re.compile(
    rf"^(?:[a-z0-9]+[-_]{{1,2}})?(?:{_CHROME_WORDS})(?:[-_]{{1,2}}(?:{_GENERIC_SUFFIX}))*$", re.I
)
# A container linking this many stories is content whatever its class says (id="masthead" around a main column).
_CHROME_MAX_STORY_LINKS = 10
_RAIL_TOKEN_RE = re.compile(
    r"(?:^|[-_])(?:sidebar|side|aside|rail|right-?rail|right-?col|col-?right|secondary|widget|widgets|"
    r"right|column-right|sticky-rail)(?:$|[-_])",
    re.I,
)
_POPULAR_TOKEN_RE = re.compile(
    r"popular|most-?read|mostread|mostpop|most-?pop|trending|ranking|rank|top-?stories|hot|discuss|comments?|"
    r"meistgelesen|populaire|читаем|популяр",
    re.I,
)
_HEADING_CLASS_RE = re.compile(r"(?:^|[-_])(?:title|titel|heading|header|hdr|hed|head|caption|label|tit)(?:$|[-_])", re.I)
_TITLE_CLASS_RE = re.compile(r"(?:^|[-_])(?:title|headline|hed|heading|head|titel|titulo|titre|zagolovok)(?:$|[-_])", re.I)
_NOT_TITLE_CLASS_RE = re.compile(
    r"time|date|kicker|label|byline|author|credit|summary|dek|desc|excerpt|teaser-text|read-?time|duration|"
    r"rubric|category|section|eyebrow|overline|tag|badge|flag|live",
    re.I,
)
_RANK_PREFIX_RE = re.compile(r"^\s*(?:#?\s*(\d{1,3})\s*[.):\-–]?\s+|[•·▪►»▸◦‣–-]\s*)")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "section", "article",
                         "header", "footer", "figure", "table", "tr", "td", "dl", "dt", "dd", "blockquote"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _words(text: str) -> float:
    """Word count, with CJK characters counted two to a word (they are written without spaces)."""
    cjk = len(_CJK_RE.findall(text))
    if not cjk:
        return float(len(text.split()))
    return len(_CJK_RE.sub(" ", text).split()) + cjk / 2


def _tokens(el: lxml.html.HtmlElement) -> list[str]:
    return f"{el.get('class', '')} {el.get('id', '')}".split()


def _heading_level(el: lxml.html.HtmlElement) -> int | None:
    if el.tag in _HEADINGS:
        return int(el.tag[1])
    return None


class _Page:
    """A parsed front page with document order, chrome flags and the site's host rule."""

    def __init__(self, tree: lxml.html.HtmlElement, url: str, outlet: Outlet | None) -> None:
        self.tree = tree
        base = tree.find(".//base[@href]")
        self.base = canonicalize_url(base.get("href"), url or None) if base is not None else None
        self.base = self.base or url
        self.url = url
        self.host = url_host(canonicalize_url(url) or url) if url else ""
        self.outlet = outlet
        self.order: dict[lxml.html.HtmlElement, int] = {}
        self.chrome: dict[lxml.html.HtmlElement, bool] = {}
        self.rail: dict[lxml.html.HtmlElement, bool] = {}
        body = tree.find("body")
        root = body if body is not None else tree
        self.root = root
        self._walk(root)

    def _walk(self, root: lxml.html.HtmlElement) -> None:
        # One pass in document order: each element's position, and whether it sits in page chrome
        # (navigation, header, footer, social, login...) or in a side rail, inherited from ancestors.
        stack: list[tuple[lxml.html.HtmlElement, bool, bool, bool]] = [(root, False, False, False)]
        index = 0
        while stack:
            el, chrome, rail, in_article = stack.pop()
            if not isinstance(el.tag, str):
                continue
            self.order[el] = index
            index += 1
            tag = el.tag
            toks = _tokens(el)
            role = (el.get("role") or "").lower()
            if tag in ("nav", "footer", "form", "button", "select", "dialog") or role in (
                "navigation", "banner", "contentinfo", "search", "menu", "menubar", "dialog", "toolbar"
            ):
                chrome = True
            elif tag == "header" and not in_article:
                chrome = True
            elif (
                not chrome and toks and tag not in ("body", "html") and any(_CHROME_TOKEN_RE.match(t) for t in toks)
                and self._story_links(el) < _CHROME_MAX_STORY_LINKS
            ):
                chrome = True
            if tag == "aside" or (toks and tag not in ("body", "html") and any(_RAIL_TOKEN_RE.search(t) for t in toks)):
                rail = True
            self.chrome[el] = chrome
            self.rail[el] = rail
            child_in_article = in_article or tag in ("article", "main", "section")
            for child in reversed(el):
                stack.append((child, chrome, rail, child_in_article))

    def _story_links(self, el: lxml.html.HtmlElement) -> int:
        count = 0
        for a in el.iter("a"):
            link = self.link(a)
            if link and looks_like_article(link):
                count += 1
                if count >= _CHROME_MAX_STORY_LINKS:
                    break
        return count

    def allowed(self, link: str) -> bool:
        host = url_host(link)
        if not host:
            return False
        if self.outlet is not None and self.outlet.allowed_domains:
            return self.outlet.host_allowed(host)
        return same_site(host, self.host) if self.host else True

    def own(self, link: str) -> bool:
        """A link to the site itself (or to its declared domains), where its own redirector lives; for an
        aggregator (any host allowed) only the page's own site: another site's share link stays as it is."""
        if self.outlet is not None and self.outlet.any_host:
            return same_site(url_host(link), self.host) if self.host else True
        return self.allowed(link)

    def link(self, a: lxml.html.HtmlElement) -> str | None:
        href = a.get("href")
        if not href or href.strip().startswith("#"):
            return None
        link = canonicalize_url(href, self.base or None)
        if link and self.own(link):
            # The site's own click-counting redirector: the story is the URL it wraps.
            target = redirect_target(link)
            if target:
                return canonicalize_url(target) or link
        return link

    def pos(self, el: lxml.html.HtmlElement) -> int:
        return self.order.get(el, -1)


# --- titles of links -------------------------------------------------------------------------------


def _text_without_numbers(el: lxml.html.HtmlElement) -> str:
    """An element's text, leaving out children that only hold a rank number or a bullet."""
    parts: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag not in ("script", "style"):
                child_text = _norm(child.text_content())
                if not re.fullmatch(r"#?\d{1,3}\.?|[•·▪►»▸◦‣]", child_text) and child.tag not in ("time",):
                    walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return _norm(" ".join(parts))


def anchor_title(a: lxml.html.HtmlElement) -> str:
    """The headline a link shows: a heading or title element inside it, the first substantial
    text block of a card link, else its text; "title"/"aria-label"/img alt for image links."""
    return _anchor_title(a)[0]


def _own_text(a: lxml.html.HtmlElement) -> str:
    """A link's text without the text of links nested in it (unclosed <a> tags nest on parsing)."""
    parts: list[str] = [a.text or ""]
    for child in a:
        if isinstance(child.tag, str) and child.tag != "a" and child.find(".//a") is None:
            parts.append(child.text_content())
        elif isinstance(child.tag, str) and child.tag != "a":
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return _norm(" ".join(parts))


# What a card link holds besides its title: a time, a photo with its caption (the credit), scripts.
_NOT_TITLE_TAGS = frozenset({"time", "script", "style", "svg", "figure", "figcaption"})


def _inside(el: lxml.html.HtmlElement, top: lxml.html.HtmlElement, tags: frozenset[str]) -> bool:
    """Whether one of ``tags`` holds el below ``top``."""
    for parent in el.iterancestors():
        if parent is top:
            return False
        if parent.tag in tags:
            return True
    return False


def _anchor_title(a: lxml.html.HtmlElement) -> tuple[str, bool]:
    """(title, weak): weak when it only comes from an attribute (an image link's alt text)."""
    if a.find(".//a") is not None:
        own = _own_text(a)
        if own:
            return own, False
    heads = [t for t in (_norm(h.text_content()) for h in a.iter(*_HEADINGS)) if t]
    if heads:
        # A card may head its title with a rubric heading ("Science"): take the first real title.
        return next((t for t in heads if _words(t) >= 3), max(heads, key=_words)), False
    for el in a.iter():
        if el is a or not isinstance(el.tag, str):
            continue
        toks = _tokens(el)
        if toks and any(_TITLE_CLASS_RE.search(t) for t in toks) and not any(_NOT_TITLE_CLASS_RE.search(t) for t in toks):
            text = _norm(el.text_content())
            if text and _words(text) >= 2:
                return text, False
    has_blocks = any(isinstance(el.tag, str) and el.tag in _BLOCK_TAGS for el in a.iterdescendants())
    if has_blocks:
        # A whole card is one link (kicker, time, title, summary, credit): its title is the first
        # leaf block of a few words that is not a label, a time or a credit.
        for el in a.iterdescendants():
            if not isinstance(el.tag, str) or el.tag in _NOT_TITLE_TAGS or _inside(el, a, _NOT_TITLE_TAGS):
                continue
            if any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el.iterdescendants()):
                continue
            toks = _tokens(el)
            if toks and any(_NOT_TITLE_CLASS_RE.search(t) for t in toks):
                continue
            text = _norm(el.text_content())
            if _words(text) >= 3 and not _looks_like_time(text):
                return text, False
    text = _text_without_numbers(a)
    text = _RANK_PREFIX_RE.sub("", text, count=1) if re.match(r"^\s*[•·▪►»▸◦‣]", text) else text
    if text:
        return text, False
    for attr in ("title", "aria-label"):
        if a.get(attr):
            return _norm(a.get(attr)), True
    img = a.find(".//img[@alt]")
    return (_norm(img.get("alt")), True) if img is not None else ("", True)


_TIME_LIKE = re.compile(
    r"^\W*(?:\d{1,2}[.:/]\d{1,2}(?:[.:/]\d{2,4})?(?:\s+\d{1,2}:\d{2})?|\d+\s*(?:min|mins|minutes|h|hrs?|hours?|"
    r"d|days?|мин\w*|час\w*|дн\w*|std\w*|stunden?|tag\w*)\.?\s*(?:ago|назад|read|listen|lesen)?|"
    r"(?:updated|aktualisiert|обновлено)\b.*|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+\w{2,4})?)\W*$",
    re.I,
)


def _looks_like_time(text: str) -> bool:
    return bool(_TIME_LIKE.match(text)) or bool(re.match(r"^\s*\w+\s+\d{1,2},\s+\d{4}", text))


# --- sidebar blocks --------------------------------------------------------------------------------


def _heading_candidates(page: _Page) -> list[tuple[lxml.html.HtmlElement, str]]:
    """Short headings in document order: h1-h6, title-classed elements, captions, aria-labels."""
    found: list[tuple[lxml.html.HtmlElement, str]] = []
    for el in page.root.iter():
        if not isinstance(el.tag, str) or el.tag in ("a", "script", "style", "li", "ul", "ol", "body"):
            continue
        name = None
        if el.tag in _HEADINGS or el.tag in ("caption", "legend"):
            name = _norm(el.text_content())
        elif el.tag in ("section", "aside", "div", "nav") and el.get("aria-label"):
            name = _norm(el.get("aria-label"))
            if name:
                found.append((el, name))  # the container names itself; its first link follows
                continue
        else:
            toks = _tokens(el)
            if toks and any(_HEADING_CLASS_RE.search(t) for t in toks) and len(el) <= 3:
                name = _norm(el.text_content())
        if name and len(name) <= 60 and _words(name) <= 7:
            found.append((el, name))
    return found


def _story_anchors(page: _Page, region: lxml.html.HtmlElement, after: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Links in region that come after the heading element and outside it, with a usable target."""
    start = page.pos(after)
    end = start + sum(1 for _ in after.iter())  # skip the heading's own subtree
    anchors = []
    for a in region.iter("a"):
        p = page.pos(a)
        if p < end or not a.get("href"):
            continue
        if page.link(a) is None:
            continue
        anchors.append(a)
    return anchors


def _item_of(a: lxml.html.HtmlElement, region: lxml.html.HtmlElement, page: _Page) -> lxml.html.HtmlElement:
    """The entry element a link belongs to: its list item, or the largest ancestor holding only this story."""
    target = page.link(a)
    item = a
    for anc in a.iterancestors():
        if anc is region:
            break
        if anc.tag == "li":
            return anc
        other = [x for x in anc.iter("a") if x.get("href") and page.link(x) not in (None, target)]
        if other:
            break
        item = anc
    return item


_COUNT_HINT_RE = re.compile(
    r"count|views?|просмотр|comment|коммент|kommentar|share|reads?|votes?|points|score|likes?|replies|hits|"
    r"aufruf|lectur|vues|visit",
    re.I,
)
_RANK_HINT_RE = re.compile(r"rank|(?:^|[-_])(?:num|number|no|pos|position|place|index|order)(?:$|[-_])|livestats", re.I)
_TIME_HINT_RE = re.compile(r"date|time|ago|when|published|posted|updated", re.I)
_COUNT_TEXT_RE = re.compile(
    r"^\(?\s*(\d[\d\s,.\u00a0]*(?:[kKкКmM]|тыс\.?)?)\s*\)?\s*(?:[^\W\d_][^\d]{0,24})?$"
)


def _entry_extras(
    item: lxml.html.HtmlElement, a: lxml.html.HtmlElement, title: str
) -> tuple[int | None, str | None, int | None, str | None]:
    """(shown rank, time text, count, machine time) from the pieces of an entry around its title.

    Each text piece is read with its element's hints first (class/title/aria-label saying "count",
    "rank", "date"), then by its shape: a time ("16.10 20:44", "2 hours ago"), a count ("10856",
    "1,204 shares", "(345)", "12.3k reads"), or a small number before the title (a rank).
    """
    rank = time_text = machine = None
    count = None
    title_norm = _norm(title)
    title_pos: int | None = None
    pieces: list[tuple[str, str, bool]] = []  # (text, hints of its element, before the title)
    for node in item.iter():
        if not isinstance(node.tag, str) or node.tag in ("script", "style"):
            continue
        if node is a or a in node.iterancestors():
            title_pos = len(pieces) if title_pos is None else title_pos
            if node.tag == "time":
                machine = machine or node.get("datetime")
                time_text = time_text or (_norm(node.text_content()) or None)
            continue
        if node.tag == "time":
            machine = machine or node.get("datetime")
        hints = " ".join(v for v in (node.get("class"), node.get("title"), node.get("aria-label"), node.tag) if v)
        text = _norm(node.text)
        if text and text not in title_norm:
            pieces.append((text, hints, title_pos is None))
        for child in node:
            tail = _norm(child.tail)
            if tail and tail not in title_norm:
                pieces.append((tail, "", title_pos is None))
    for text, hints, before in pieces:
        if time_text is None and (hints.startswith("time") or _TIME_HINT_RE.search(hints)) and len(text) <= 40:
            time_text = text
        elif count is None and _COUNT_HINT_RE.search(hints) and re.search(r"\d", text):
            count = parse_count(text)
        elif rank is None and _RANK_HINT_RE.search(hints) and re.fullmatch(r"#?\d{1,3}\.?", text):
            rank = int(text.strip("#."))
        elif time_text is None and len(text) <= 40 and _looks_like_time(text):
            time_text = text
        elif rank is None and before and count is None and re.fullmatch(r"#?\d{1,2}\.?", text):
            rank = int(text.strip("#."))
        elif count is None and len(text) <= 30 and (m := _COUNT_TEXT_RE.match(text)) and not _looks_like_time(text):
            count = parse_count(m.group(1))
    if time_text is None and machine:
        time_text = None  # only a machine stamp: shown_at comes from it, nothing was shown as text
    return rank, time_text, count, machine


def _block_entries(
    page: _Page, region: lxml.html.HtmlElement, heading: lxml.html.HtmlElement, stop: int | None, ctx: _Context,
) -> tuple[list[tuple[lxml.html.HtmlElement, SidebarEntry]], bool]:
    """The entries of a block (link, entry) in reading order, and whether the page shows their ranks."""
    entries: list[tuple[lxml.html.HtmlElement, SidebarEntry]] = []
    seen: set[str] = set()
    for a in _story_anchors(page, region, heading):
        if stop is not None and page.pos(a) >= stop:
            break
        link = page.link(a)
        # Entries keep off-site links (a forum on a sister domain, a search page): the block is what
        # the reader sees; article_links applies the site rule later.
        if link is None or link in seen:
            continue
        title = anchor_title(a)
        if not title or _MORE_RE.match(title) or _looks_like_time(title) or len(title) > 300:
            continue
        title = _RANK_PREFIX_RE.sub("", title, count=1) if re.match(r"^\s*(?:#?\d{1,3}[.)]\s|[•·▪►»▸◦‣])", title) else title
        item = _item_of(a, region, page)
        rank, time_text, count, machine = _entry_extras(item, a, title)
        shown_at = None
        if time_text or machine:
            shown_at = parse_shown_time(machine or time_text or "", ctx.reference, ctx.tz, ctx.languages)
            if shown_at is None and machine and time_text:
                shown_at = parse_shown_time(time_text, ctx.reference, ctx.tz, ctx.languages)
        seen.add(link)
        entries.append((a, SidebarEntry(rank=rank or 0, title=title, url=link, time_text=time_text,
                                        shown_at=shown_at, count=count)))
    # In a list, a link outside the list items is a control ("Week ranking", "All"), not an entry.
    in_li = [any(anc.tag == "li" for anc in a.iterancestors()) for a, _e in entries]
    if len(entries) >= 3 and sum(in_li) >= 0.6 * len(entries):
        entries = [pair for pair, li in zip(entries, in_li, strict=True) if li]
    # Ranks as shown when they run 1..n; otherwise reading order.
    shown = [e.rank for _a, e in entries]
    ranks_shown = bool(shown) and shown == list(range(1, len(shown) + 1))
    if not ranks_shown:
        for i, (_a, e) in enumerate(entries, 1):
            e.rank = i
    return entries, ranks_shown


class _Context:
    def __init__(self, tz: ZoneInfo, languages: tuple[str, ...], reference: datetime) -> None:
        self.tz = tz
        self.languages = languages
        self.reference = reference


def _region_for(page: _Page, heading: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The smallest ancestor of a heading that also holds at least two links after it."""
    node = heading
    for _ in range(6):
        parent = node.getparent()
        if parent is None or parent is page.root.getparent():
            return None
        node = parent
        anchors = _story_anchors(page, node, heading)
        if len({page.link(a) for a in anchors}) >= 2:
            return node
        if node is page.root:
            return None
    return None


def _stop_position(page: _Page, region: lxml.html.HtmlElement, heading: lxml.html.HtmlElement,
                   heads: list[tuple[lxml.html.HtmlElement, str]]) -> int | None:
    """Where a block ends inside its region: the next heading of the same or a higher rank."""
    level = _heading_level(heading) or 7
    start = page.pos(heading)
    end = start + sum(1 for _ in region.iter())
    parent = heading.getparent()
    for el, _name in heads:
        p = page.pos(el)
        if p <= start or p >= end:
            continue
        if parent is not None and el.getparent() is parent:
            continue  # a subtitle next to the heading ("Trending" + "Top stories in the last 48 hours")
        other = _heading_level(el) or 7
        if other <= level or (el.tag == heading.tag and el.get("class") == heading.get("class")):
            return p
    return None


def _find_blocks(page: _Page, ctx: _Context) -> tuple[list[SidebarBlock], set[lxml.html.HtmlElement]]:
    heads = _heading_candidates(page)
    blocks: list[SidebarBlock] = []
    used_anchors: set[lxml.html.HtmlElement] = set()
    for heading, name in heads:
        weak = bool(_WEAK_NAME_RE.match(name))
        named = bool(_BLOCK_NAME_RE.match(name)) or weak
        if page.chrome.get(heading) and not named:
            continue
        in_rail = page.rail.get(heading, False)
        container_hint = any(
            _POPULAR_TOKEN_RE.search(" ".join(_tokens(anc))) for anc in list(heading.iterancestors())[:4]
        )
        if not (named or in_rail or container_hint):
            continue
        if named and weak and not (in_rail or container_hint):
            continue  # "Latest"/"Top stories" heading a main column is the page itself, not a block
        if heading.tag in ("section", "aside", "div", "nav") and heading.get("aria-label"):
            region: lxml.html.HtmlElement | None = heading
            anchor_from = heading
        else:
            region = _region_for(page, heading)
            anchor_from = heading
        if region is None:
            continue
        stop = _stop_position(page, region, heading, heads) if region is not heading else None
        entries, ranks_shown = _block_entries(page, region, anchor_from, stop, ctx)
        if region is heading:
            entries = [(a, e) for a, e in entries if a is not heading]
        # A lower heading after the block's first entries starts a box of its own ("Only on Yahoo"
        # then "Top Stories"); one right under the heading is a tab of this box (see _split_tabs).
        subs = _sub_headings(page, region, heading, heads, entries)
        if subs and entries and page.pos(entries[0][0]) < page.pos(subs[0][0]):
            stop = page.pos(subs[0][0])
            entries = [(a, e) for a, e in entries if page.pos(a) < stop]
        if not named:
            # A heading without a known name makes a block only as a short label over a real list
            # of stories (li items) in a side rail or a popular-looking box, not as a story's headline.
            if _words(name) > 4 or heading.find(".//a") is not None or heading.tag == "a":
                continue
            story_like = [e for _a, e in entries if _words(e.title) >= 3]
            listed = [a for a, _e in entries if any(anc.tag == "li" for anc in a.iterancestors())]
            if (
                len(entries) < 3 or len(entries) > 25 or len(story_like) < 0.6 * len(entries)
                or len(listed) < 0.6 * len(entries)
            ):
                continue
        if len(entries) < 2:
            continue
        if any(a in used_anchors for a, _e in entries):
            entries = [(a, e) for a, e in entries if a not in used_anchors]
            if len(entries) < 2:
                continue
        sub = _split_tabs(page, region, heading, name, heads, entries)
        has_ol = any(anc.tag == "ol" for a, _e in entries[:1] for anc in a.iterancestors())
        for sub_name, sub_entries in sub:
            if _RANKED_NAME_RE.match(name):
                kind = "ranked"
            elif _LIST_NAME_RE.match(name):
                kind = "list"
            else:
                kind = "ranked" if has_ol or ranks_shown else "list"
            block = SidebarBlock(name=sub_name, kind=kind, entries=[e for _a, e in sub_entries])
            for i, entry in enumerate(block.entries, 1):
                entry.rank = entry.rank or i
            blocks.append(block)
        for a, _e in entries:
            used_anchors.add(a)
        # Everything in the block's region is the block's, not the main column's.
        for a in region.iter("a"):
            p = page.pos(a)
            if stop is None or p < stop:
                used_anchors.add(a)
    return blocks, used_anchors


def _sub_headings(
    page: _Page, region: lxml.html.HtmlElement, heading: lxml.html.HtmlElement,
    heads: list[tuple[lxml.html.HtmlElement, str]], entries: list[tuple[lxml.html.HtmlElement, SidebarEntry]],
) -> list[tuple[lxml.html.HtmlElement, str]]:
    """Short labels below a block heading inside its region that are not entries themselves."""
    level = _heading_level(heading) or 7
    start = page.pos(heading)
    end = start + sum(1 for _ in region.iter())
    entry_titles = {_norm(e.title) for _a, e in entries}
    entry_anchors = {a for a, _e in entries}
    first_entry = min((page.pos(a) for a in entry_anchors), default=end)

    def subtitle(el: lxml.html.HtmlElement) -> bool:
        # Right next to the heading, before any entry: a subtitle ("Top stories in the last 48 hours").
        return el.getparent() is heading.getparent() and page.pos(el) < first_entry

    return [
        (el, sub) for el, sub in heads
        if start < page.pos(el) < end and (_heading_level(el) or 7) > level and el is not heading
        and not subtitle(el)
        and _words(sub) <= 4 and _norm(sub) not in entry_titles
        and not any(x in entry_anchors for x in el.iter("a"))
        and not any(anc in entry_anchors for anc in el.iterancestors())
    ]


def _split_tabs(
    page: _Page, region: lxml.html.HtmlElement, heading: lxml.html.HtmlElement, name: str,
    heads: list[tuple[lxml.html.HtmlElement, str]], entries: list[tuple[lxml.html.HtmlElement, SidebarEntry]],
) -> list[tuple[str, list[tuple[lxml.html.HtmlElement, SidebarEntry]]]]:
    """A popular box with tabs ("Shared", "Read", "Watched") is one block per tab."""
    end = page.pos(heading) + sum(1 for _ in region.iter())
    subs = _sub_headings(page, region, heading, heads, entries)
    if len(subs) < 2:
        return [(name, entries)]
    groups: list[tuple[str, list[tuple[lxml.html.HtmlElement, SidebarEntry]]]] = []
    for i, (el, sub) in enumerate(subs):
        lo = page.pos(el)
        hi = page.pos(subs[i + 1][0]) if i + 1 < len(subs) else end
        group = [(a, e) for a, e in entries if lo < page.pos(a) < hi]
        if len(group) < 2:
            return [(name, entries)]  # a tab holds a list; a lone story under a label is no tab
        if group:
            for rank, (_a, e) in enumerate(group, 1):
                e.rank = rank if not e.rank or e.rank > len(group) else e.rank
            groups.append((f"{name}: {sub}", group))
    if len(groups) < 2 or sum(len(g) for _n, g in groups) < len(entries) * 0.8:
        return [(name, entries)]
    return groups


# --- headlines -------------------------------------------------------------------------------------


def _section_heading(el: lxml.html.HtmlElement, page: _Page) -> str | None:
    if any(anc.tag == "a" for anc in el.iterancestors()):
        return None  # a card's headline inside its link
    text = _norm(el.text_content())
    if not text or len(text) > 80 or _words(text) > 8:
        return None
    links = [page.link(a) for a in el.iter("a") if a.get("href")]
    if any(link and looks_like_article(link) for link in links):
        return None  # a story's own headline, not a section name
    return text


def _dedupe_key(link: str) -> str:
    """One story linked as http://x.com/a and https://www.x.com/a on the same page is one headline."""
    return re.sub(r"^https?://(?:www\.)?", "", link)


def _card_of(a: lxml.html.HtmlElement, page: _Page, link: str) -> lxml.html.HtmlElement:
    """The card around a headline link: the largest ancestor (up to 4 levels) linking only to this story."""
    card = a
    for depth, anc in enumerate(a.iterancestors()):
        if depth >= 4 or anc is page.root:
            break
        if any(x.get("href") and page.link(x) not in (None, link) for x in anc.iter("a")):
            break
        card = anc
    return card


# A main headline is judged a story by its place on the page, so its URL only has to not be plainly
# something else: a root, a section ("/video/", "/wirecutter/"), a tag page.
_HEADLINE_MIN_SCORE = 0.5


def _not_story_title(title: str, score: float, level: int | None) -> bool:
    """True when a link's words and target show a "more" link, a time or a section rather than a story."""
    if _MORE_RE.match(title) or _looks_like_time(title):
        return True
    words = _words(title)
    if words < 3 and (level is None or score < 2.0):
        return True  # a heading that links a section ("Most Recent", "Opinion") is a section name
    return score < 2.0 and words < 5 and level is None  # a short link to a non-story page: a section index


def _find_headlines(
    page: _Page, skip: set[lxml.html.HtmlElement], selector: str | None
) -> list[Headline]:
    if selector:
        try:
            anchors = [el for el in css_select(page.root, selector) if el.tag == "a" or el.find(".//a") is not None]
            anchors = [el if el.tag == "a" else el.find(".//a") for el in anchors]
        except ValueError:
            LOGGER.warning("bad headline selector %r; using the generic rules", selector)
            selector, anchors = None, []
    if not selector:
        anchors = list(page.root.iter("a"))
    # Section names by position: the nearest preceding short heading that is not itself a story.
    section_marks: list[tuple[int, str]] = []
    for el in page.root.iter(*_HEADINGS):
        if page.chrome.get(el):
            continue
        name = _section_heading(el, page)
        if name and not _looks_like_time(name) and not re.search(r"\b(?:19|20)\d{2}\b", name):
            section_marks.append((page.pos(el), name))
    by_url: dict[str, Headline] = {}
    order: list[str] = []
    refused: set[str] = set()
    weak_titles: set[str] = set()  # keys whose title is an image's alt text, replaced by the first real one
    page_url = canonicalize_url(page.url) if page.url else None
    for a in anchors:
        if a in skip:
            continue
        link = page.link(a)
        if link is None or link == page_url:
            continue
        # An aggregator's link to another site (allowed_domains ["*"]) is a story by its place on the
        # page whatever its URL's shape: a product's home page is one ("Show HN: Mail-in-a-Box").
        elsewhere = bool(page.outlet and page.outlet.any_host) and not page.own(link)
        score = max(article_score(link), 2.0) if elsewhere else article_score(link)
        if not selector:
            if page.chrome.get(a) or not page.allowed(link):
                continue
            if urlsplit(link).path in ("", "/") and not urlsplit(link).query and not elsewhere:
                continue
        level = next((_heading_level(anc) for anc in a.iterancestors() if anc.tag in _HEADINGS), None)
        inner = next((h for h in a.iter(*_HEADINGS)), None)
        if level is None and inner is not None:
            level = _heading_level(inner)
        title, weak = _anchor_title(a)
        card = _card_of(a, page, link)
        has_image = card.find(".//img") is not None or card.find(".//picture") is not None
        key = _dedupe_key(link)
        if key in refused:
            continue
        if key in by_url:
            known = by_url[key]
            if not selector and not known.title and title and score < 2.0 and _not_story_title(title, score, level or known.heading_level):
                # The key came in on a picture without a title and its URL is not a story's: its first
                # words show a section or a team page ("Ari" beside a club crest), as they would alone.
                # A picture of a story keeps its short caption.
                del by_url[key]
                order.remove(key)
                refused.add(key)
                continue
            known.has_image = known.has_image or has_image
            if level is not None and (known.heading_level is None or level < known.heading_level):
                known.heading_level = level
            if title and not weak and (
                key in weak_titles or not known.title or (_words(known.title) < 3 and _words(title) > _words(known.title))
            ):
                known.title = title
                weak_titles.discard(key)
            continue
        if not selector:
            if score < _HEADLINE_MIN_SCORE or (title and _not_story_title(title, score, level)):
                continue
        pos = page.pos(a)
        block = None
        for mark_pos, name in reversed(section_marks):  # noqa: B007 - the loop finds the nearest mark
            if mark_pos < pos:
                block = name
                break
        headline = Headline(title=title, url=link, rank=0, block=block, heading_level=level, has_image=has_image)
        by_url[key] = headline
        order.append(key)
        if weak:
            weak_titles.add(key)
    headlines = [by_url[u] for u in order if by_url[u].title]
    for rank, h in enumerate(headlines, 1):
        h.rank = rank
    if headlines:
        # The lead: a story the page sets as h1/h2 among its first ten, else the first story.
        top = [h for h in headlines[:10] if h.heading_level is not None and h.heading_level <= 2]
        (top[0] if top else headlines[0]).is_lead = True
    return headlines


# --- the front page --------------------------------------------------------------------------------


def _selector_blocks(page: _Page, outlet: Outlet, ctx: _Context) -> tuple[list[SidebarBlock], set[lxml.html.HtmlElement]] | None:
    sel = outlet.selectors
    if not sel.get("sidebar_block"):
        return None
    try:
        containers = css_select(page.root, sel["sidebar_block"])
    except ValueError:
        LOGGER.warning("outlet %s: bad sidebar_block selector %r", outlet.name, sel["sidebar_block"])
        return None
    blocks: list[SidebarBlock] = []
    used: set[lxml.html.HtmlElement] = set()
    for container in containers:
        name_el = None
        if sel.get("sidebar_title"):
            try:
                found = css_select(container, sel["sidebar_title"])
            except ValueError:
                found = []
            name_el = found[0] if found else None
        if name_el is None:
            name_el = next(iter(container.iter(*_HEADINGS)), None)
        name = _norm(name_el.text_content()) if name_el is not None else _norm(container.get("aria-label"))
        items: list[lxml.html.HtmlElement] = []
        if sel.get("sidebar_entry"):
            try:
                items = css_select(container, sel["sidebar_entry"])
            except ValueError:
                items = []
        entries: list[SidebarEntry] = []
        for rank, item in enumerate(items or [a for a in container.iter("a") if name_el is None or a not in set(name_el.iter("a"))], 1):
            a = item if item.tag == "a" else item.find(".//a[@href]")
            link = page.link(a) if a is not None else None
            title = anchor_title(a) if a is not None else _norm(item.text_content())
            if not title:
                continue
            shown_rank, time_text, count, machine = _entry_extras(item, a if a is not None else item, title)
            shown_at = parse_shown_time(machine or time_text or "", ctx.reference, ctx.tz, ctx.languages) if (machine or time_text) else None
            entries.append(SidebarEntry(rank=shown_rank or rank, title=title, url=link, time_text=time_text,
                                        shown_at=shown_at, count=count))
            if a is not None:
                used.add(a)
        for a in container.iter("a"):
            used.add(a)
        if entries:
            kind = "ranked" if _RANKED_NAME_RE.match(name or "") or container.tag == "ol" else "list"
            blocks.append(SidebarBlock(name=name or "", kind=kind, entries=entries))
    return blocks, used


def extract_frontpage(html: str, url: str, outlet: Outlet | None = None, *, fetched_at: datetime | None = None) -> FrontPage:
    """Extract a front page's headlines, sidebar blocks and candidate article links.

    Args:
        html: the decoded page.
        url: the URL it was fetched from (resolves relative links; decides the site without an outlet).
        outlet: the registry entry: allowed domains, timezone and languages for shown times, selectors.
        fetched_at: when the page was fetched: the reference for times shown without a date or year.
    """
    tree = parse_html(html)
    if tree is None:
        return FrontPage()
    etree.strip_elements(tree, "script", "style", "noscript", "template", "svg", "iframe", with_tail=False)
    if outlet and outlet.selectors.get("exclude"):
        try:
            for el in css_select(tree, outlet.selectors["exclude"]):
                if el.getparent() is not None:
                    el.drop_tree()
        except ValueError:
            LOGGER.warning("outlet %s: bad exclude selector %r", outlet.name, outlet.selectors["exclude"])
    page = _Page(tree, url, outlet)
    tz = outlet.tz if outlet else ZoneInfo("UTC")
    languages = tuple(outlet.languages) if outlet else ((tree.get("lang") or "en")[:2].lower(),)
    reference = fetched_at or datetime.now(UTC)
    if reference.tzinfo is None:
        reference = reference.replace(tzinfo=tz)
    ctx = _Context(tz, languages, reference)

    # Blocks and headlines are computed under separate guards: an odd page that trips one rule
    # still yields the other part, and the failure is logged with the URL for a fix.
    try:
        found = _selector_blocks(page, outlet, ctx) if outlet else None
        blocks, in_blocks = found if found is not None else _find_blocks(page, ctx)
    except Exception:  # noqa: BLE001
        LOGGER.warning("sidebar block extraction failed on %s", url, exc_info=True)
        blocks, in_blocks = [], set()
    try:
        headlines = _find_headlines(page, in_blocks, outlet.selectors.get("headline") if outlet else None)
    except Exception:  # noqa: BLE001
        LOGGER.warning("headline extraction failed on %s", url, exc_info=True)
        headlines = []

    # A main headline's URL (a registry selector's pick too) only has to not be plainly something
    # else (_HEADLINE_MIN_SCORE). Sidebar entries also list forum threads and sections, so they
    # must look like an article (2.0).
    links: list[str] = []
    seen: set[str] = set()
    candidates = [(h.url, _HEADLINE_MIN_SCORE) for h in headlines]
    candidates += [(e.url, 2.0) for b in blocks for e in b.entries if e.url]
    for link, threshold in candidates:
        if link in seen or not page.allowed(link) or not looks_like_article(link, threshold=threshold):
            continue
        seen.add(link)
        links.append(link)
    return FrontPage(headlines=headlines, blocks=blocks, article_links=links)
