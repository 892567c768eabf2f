"""What a page says about itself: ``Evidence`` (JSON-LD, meta tags, site names) and ``PageScan``
(the story's headline and the bylines, counters and credits around it)."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable
from typing import Any

import lxml.html
from lxml import etree

from media_monitor.extract.markup import (
    _BYLINE_TEXT,
    _COLUMN_DEPTH,
    _DIGIT_OR_COLON,
    _ELSEWHERE,
    _HINT_KEY_SET,
    _INVISIBLE,
    _KIND_BYLINE,
    _SKIP_TAGS,
    _STORY_FOOTER,
    _VON_BY,
    _WIDGET,
    _X_AFTER_H1,
    _X_BEFORE_H1,
    _X_CANONICAL,
    _X_H1,
    _X_H2,
    _X_JSONLD,
    _X_LOWER_HEADINGS,
    _X_META,
    _X_OG_TITLE,
    _X_TEXTS,
    _X_TITLE,
    ARTICLE_TYPES,
    ORG_TYPES,
    PAGE_TYPES,
    _flatten_ld,
    _hint_kinds,
    _in_chrome,
    _is_logo,
    _is_site_name,
    _lang_code,
    _load_json,
    _norm,
    _split_parts,
    _squash,
    _story_chars_before,
    _types,
)
from media_monitor.extract.names import _INITIALS, clean_authors
from media_monitor.extract.urls import registrable_domain, url_host


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

    @functools.cached_property
    def declared_language(self) -> str | None:
        """The language the page declares: <html lang>, og:locale, content-language, JSON-LD inLanguage."""
        tree = self.tree
        return (
            _lang_code(tree.get("lang") or tree.get("xml:lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang"))
            or _lang_code(self.first_meta("og:locale"))
            or _lang_code(self.first_meta("content-language", "language", "dc.language", "dcterms.language"))
            or next((_lang_code(v) for v in self.ld_values("inLanguage") if isinstance(v, str)), None)
        )

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
        if story and anc.tag == "article" and _titled_by_link(anc):
            return True  # another story's <article> (a teaser card, its title a link), not around the headline
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


def _titled_by_link(article: lxml.html.HtmlElement) -> bool:
    """Whether an <article> is a teaser card: its first heading wholly a link to another page (not an
    anchor on this one), and no more than a teaser's few paragraphs (a story's own <article> can open
    with a byline heading linking its author, "<h3><a href="/autores/x">Por Jane Doe</a></h3>")."""
    heading = next(article.iter("h1", "h2", "h3", "h4", "h5", "h6"), None)
    if heading is None:
        return False
    text = _squash(heading.text_content())
    linked = bool(text) and any(
        _squash(a.text_content()) == text and not a.get("href", "#").startswith("#") for a in heading.iter("a")
    )
    return linked and sum(1 for _ in itertools.islice(article.iter("p"), 4)) <= 3


_INLINE_TAGS = frozenset({"a", "b", "strong", "em", "i", "span", "small", "abbr", "cite", "u", "font"})


def _after_words(el: lxml.html.HtmlElement) -> bool:
    """Whether words come before el on its line: an inline element or text just before it."""
    prev = el.getprevious()
    if prev is not None:
        return prev.tag in _INLINE_TAGS or bool((prev.tail or "").strip())
    parent = el.getparent()
    return parent is not None and bool((parent.text or "").strip())


_X_TEXT_NODES = etree.XPath("descendant::text()")
_CJK_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


def _spaced_text(el) -> str:
    """An element's text with spaces between its pieces ("<span>By</span><a>Jane</a>" is not "ByJane"),
    except where a lower-case piece continues a word across one inline tag ("Will Knigh<span>t</span>"
    is "Will Knight", "<span>W</span>ill" is "Will").

    Two tags at the seam (one closing, another opening: "<span>By</span><a>jdoe</a>"), a line break or
    a link ("By<a>jdoe</a>": a link holds whole words) part words whatever their case.
    """
    out = ""
    prev = None
    for piece in _X_TEXT_NODES(el):
        if out and piece and out[-1].isalpha() and piece[0].islower() and _one_inline_seam(prev, piece):
            out += piece
        else:
            out = f"{out} {piece}" if out else str(piece)
        prev = piece
    return out


def _side_by_side_links(el: lxml.html.HtmlElement) -> list[str]:
    """Co-authors' links with nothing but space between them ("<a>Jane Doe</a> <a>John Roe</a>"), whose
    texts the byline's text runs into one four-word name; each of two words or more."""
    links = [c for c in el if c.tag == "a"]
    if len(links) < 2 or any(a.getnext() is not b or (a.tail or "").strip() for a, b in itertools.pairwise(links)):
        return []
    names = [_norm(a.text_content()) for a in links]
    return names if all(len(n.split()) >= 2 for n in names) else []


def _one_inline_seam(prev: Any, piece: Any) -> bool:
    """Whether only one tag, not a link's or a line break's, lies between two text nodes."""
    owner = piece.getparent()
    before = prev.getparent()
    if owner is None or before is None:
        return False
    container = before if prev.is_text else before.getparent()
    # A text opens its element (is_text) or follows one that closed (is_tail).
    single = owner.getparent() is container if piece.is_text else container is owner
    return single and owner.tag not in ("a", "br")


def _heading_text(h: lxml.html.HtmlElement) -> str:
    """A heading's text; for a heading set as an image (a title rendered in a web font), the image's alt."""
    text = h.text_content()
    if not text.strip():
        img = h.find(".//img[@alt]")
        if img is not None:
            return img.get("alt", "")
    return text


# A story's headline set in no heading: hAtom's "entry-title", a theme's "post-title",
# "article-title", "headline", or microdata's itemprop="headline" on a div, p or span. The XPath
# narrows the walk to elements with such a word in their class; _HEADLINE_CLASS checks the token.
# (The class tests under "@class[...]": an element without a class skips all four.)
_X_MARKED_TITLES = etree.XPath(
    '//body//*[@itemprop="headline" or @class[contains(., "title") or contains(., "Title")'
    ' or contains(., "headline") or contains(., "Headline")]]'
)
_HEADLINE_CLASS = re.compile(
    r"(?:^|[-_])(?:(?:entry|post|article|story|news|single|blog)[-_]?(?:title|headline)|headline)$", re.I
)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _marked_titles(tree: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Elements other than headings that the markup calls a headline (see _HEADLINE_CLASS), in document order."""
    return [
        el for el in _X_MARKED_TITLES(tree)
        if el.tag not in _HEADING_TAGS
        and (el.get("itemprop") == "headline" or any(_HEADLINE_CLASS.search(t) for t in el.get("class", "").split()))
    ]


def _headline_element(tree: lxml.html.HtmlElement, url: str, site_names: list[str] | None = None) -> lxml.html.HtmlElement | None:
    """The story's headline: as a rule its h1, the first one with text that is not the site's logo.

    When that h1 names the site or repeats no part of the page's declared title (og:title,
    <title>), but another heading repeats a headline-sized part that does not name the site, the
    other heading is the story's: the h1 then names the blog, a menu or a widget ("Time 4 talks",
    "SERVICE"), and the story sits in a later h1 or an h2. The story's title may also be set in no
    heading at all, in a div, p or span the markup calls a headline ("entry-title", itemprop=headline).
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
    marked: list[lxml.html.HtmlElement] | None = None
    if story_parts and (first is None or not echoes or _is_site_name(first_text, site_names or [])):
        lower = _X_LOWER_HEADINGS(tree)
        hits = [h for h in itertools.chain(h1s[:10], lower[:40]) if h is not first and _squash(_heading_text(h)) in story_parts]
        if not hits or all(map(_teaser_like, hits)):
            # (past a menu's or a grid's score of teaser headings, the story's own may come later)
            if hits:
                hits += [h for h in lower[40:200] if _squash(_heading_text(h)) in story_parts]
            marked = _marked_titles(tree)
            hits += [el for el in marked[:20] if _squash(el.text_content()) in story_parts and not _crumb(el)]
        if hits:
            return _own_heading(hits)
    if first is not None:
        return first
    if h1s:
        return h1s[0]
    # No h1 at all (Blogger themes set the post title in an h2): the first lower heading, or
    # element the markup calls a headline, that repeats the page's declared title.
    declared = [_norm(v).casefold() for v in _X_OG_TITLE(tree)[:1] + [t.text_content() for t in _X_TITLE(tree)[:1]]]
    declared = [d for d in declared if len(d) >= 10]
    if marked is None:
        marked = _marked_titles(tree)
    if declared:
        hits = []
        for h in itertools.chain(_X_LOWER_HEADINGS(tree)[:30], marked[:20]):
            text = _norm(h.text_content()).casefold()
            if len(text) >= 10 and any(d == text or d.startswith(text) for d in declared):
                hits.append(h)
        # (an element marked as a headline in a breadcrumb or the navigation names the page there)
        hits = [h for h in hits if h.tag in _HEADING_TAGS or not _crumb(h)]
        if hits:
            return _own_heading(hits)
    # Nothing repeats the declared title (og:title worded for search engines, <title> the site's):
    # an element marked as a headline, else the first h2, of the page's content.
    for group in (marked, _X_H2(tree)):
        for h in group[:30]:
            text = _norm(h.text_content())
            if len(text.split()) < 3 or len(text) > 250 or _teaser_like(h) or _in_chrome(h) or _is_logo(h, url):
                continue
            # (a heading after the story's first paragraphs is one of its sections; a header's menu of
            # <p> links above it is no story text, as titles.py also counts it)
            if _story_chars_before(h) >= 200:
                break
            return h
    return None


def _teaser_like(el: lxml.html.HtmlElement) -> bool:
    """A heading set as another page's teaser: in navigation, a breadcrumb, a sidebar, a footer or a
    block of other stories (a menu, "related", a widget), or wholly a link."""
    if _outside_story(el, frozenset()) or _crumb(el):
        return True
    if any(a.tag == "a" for a in itertools.islice(el.iterancestors(), 4)):
        return True
    text = _squash(el.text_content())
    return any(_squash(a.text_content()) == text for a in el.iter("a"))


def _crumb(el: lxml.html.HtmlElement) -> bool:
    """In a breadcrumb or the page's navigation."""
    return any(
        a.tag == "nav" or "crumb" in f"{a.get('class', '')} {a.get('id', '')}".lower()
        for a in [el, *itertools.islice(el.iterancestors(), 6)]
    )


def _own_heading(hits: list[lxml.html.HtmlElement]) -> lxml.html.HtmlElement:
    """Of the headings that repeat the declared title, the story's own: the first that is no teaser
    (a mega-menu or a "latest posts" grid above the story shows the same title), else the first."""
    return next((h for h in hits if not _teaser_like(h)), hits[0])


# A link to an image's licence ("CC BY-SA"): a "by jdoe" after it credits the picture, not the story.
_LICENCE_LINK = re.compile(r"creativecommons\.org|licen[cs]e", re.I)
# A byline text that stops at its lead-in ("Ein Artikel von", "A column by"): the name is the next element.
_ENDS_ON_LEAD_IN = re.compile(r"\b(?:von|by|par|por|di|door|av|af|przez)\s*:?\s*$", re.I)


class PageScan:
    """Elements whose attributes hint at a byline, a counter or a credit, and short labelled texts."""

    def __init__(self, tree: lxml.html.HtmlElement, url: str = "", site_names: list[str] | None = None) -> None:
        self.tree = tree
        self.headline = _headline_element(tree, url, site_names)
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
        self._byline_texts: tuple[str, ...] | None = None
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
        """Short "By Jane Doe" texts near the headline (read once; several author readers ask)."""
        if self._byline_texts is None:
            self._byline_texts = tuple(self._read_byline_texts())
        return list(self._byline_texts)

    def _read_byline_texts(self) -> list[str]:
        found = []
        texts = self.window_texts()
        for i, t in enumerate(texts):
            if t.isspace() or len(t) > 100 and len(_norm(t)) > 100:
                continue  # (a short byline indented by layout whitespace is still short)
            # (the text as read: "Von Mat\u00adthi\u00adas Doe" with the soft hyphens a layout sets for line breaks)
            plain = _INVISIBLE.sub("", t) if _INVISIBLE.search(t) else t
            m = _BYLINE_TEXT.match(plain) or (_VON_BY.search(plain) and _KIND_BYLINE.match(plain))
            if not m:
                continue
            parent = t.getparent()
            # (a text in a link is the link's; one after a link is its line's: "Posted in <a>News</a> by jdoe on
            # June 3, 2019" in a meta line, not "... check out <a>the guide</a> by Jane Doe." in a paragraph, nor
            # an image's licence credit, "<a>Minifigures</a> by <a>jdoe</a>, <a href=creativecommons.org/...>CC</a>")
            if parent is None or parent.tag in ("script", "style") or parent.tag == "a" and not (
                t.is_tail and (line := parent.getparent()) is not None and len(_squash(line.text_content())) <= 100
                and not any(_LICENCE_LINK.search(" ".join(a.get(k, "") for k in ("href", "rel", "title")))
                            for a in line.iter("a"))
            ):
                continue
            if self.outside(parent, byline=True):
                continue
            if m.groupdict().get("lone") and _after_words(parent):
                continue  # "Jane Doe, <span>author</span>": a role after a name, no label before one
            if (m.group("bare") or m.groupdict().get("role")) and not self._touches_headline(texts, i):
                continue  # "04.02.2022 | Jane Doe" without a lead-in: only as the headline's own dateline
            text = _norm(plain[m.end("dateline"):] if m.group("dateline") else plain)
            # (Chinese and Japanese set label and name without a space: "作者：王小明" holds both.)
            if ((len(text.split()) <= 2 or _ENDS_ON_LEAD_IN.search(text)) and not m.group("dateline")
                    and not m.groupdict().get("handle") and len(_CJK_IDEOGRAPH.findall(text)) < 4):
                # "Von <a>Name</a>", "Ein Artikel von <strong>Name</strong>" or "<strong>Text:</strong> Name": the
                # name follows the label, or "<span>| By</span> <span>Name</span>": it is the next element.
                whole = _norm(_spaced_text(parent))  # "<a>Jane Doe</a><br>Updated" is not "DoeUpdated"
                following = parent.getnext()
                if t.is_tail:
                    # "<br>Autor: <a>Rechtsanwalt</a> Jane Doe</div>": the label's line goes on in the
                    # inline element after it and the text after that (``parent`` is the <br> before the
                    # label); no further: "von <a>Jane</a> in <span>Kultur, Politik</span>" lists sections
                    text = _norm(plain)
                    if following is not None and following.tag in _INLINE_TAGS:
                        text = _norm(f"{plain} {_spaced_text(following)} {following.tail or ''}")
                elif whole == text and parent.tail and parent.tail.strip():
                    text = _norm(f"{text} {parent.tail}")
                elif whole == text and following is not None and 0 < len(_norm(following.text_content())) <= 60:
                    if m.groupdict().get("lone") and following.tag in _HEADING_TAGS:
                        continue  # a kicker over the headline ("<span>Interview</span><h1>Jane Doe</h1>"), no label
                    # (a label alone is one: "<div>Interview</div><div>Jane Doe</div>" reads "Interview: Jane Doe")
                    sep = ":" if m.groupdict().get("lone") else ""
                    text = _norm(f"{text}{sep} {following.text_content()}")
                elif len(whole) <= 100 and whole != text:
                    text = whole
                elif whole == text:
                    # "<b>Von:</b><br><br> Name", "<li>Von</li><li><a>Name</a></li>": the name is the
                    # next text, past line breaks and layout whitespace.
                    nxt = next((n for n in texts[i + 1:i + 12] if not n.isspace()), None)
                    holder = None if nxt is None else nxt.getparent()
                    if holder is not None and holder.tag not in ("script", "style") and len(_norm(nxt)) <= 60:
                        text = _norm(f"{text} {nxt}")
            links = _side_by_side_links(parent)
            if links:
                text = text.replace(" ".join(links), "; ".join(links), 1)
            if m.groupdict().get("lone") and sum(1 for w in text.split()[1:] if w[:1].isupper()) < 2:
                continue  # a lone label takes a full name ("Autor Jane Doe"), not a word ("Author Categories")
            found.append(text.lstrip("|•·–—- "))
            # The first byline that names someone is the story's; a later "von X" under the
            # headline's window belongs to a teaser or a comment. Unreadable ones don't count, nor
            # does a lower-case login ("Gespeichert von jdoe am ...", the CMS account that posted the
            # story) or two letters ("Di Mi", weekdays read as Italian "di" and initials): a byline
            # naming a person ("Ein Beitrag von Jane Doe") goes before them.
            if len(found) >= 3 or any(
                not n.islower() and not _INITIALS.fullmatch(n) for n in clean_authors(found[-1:])
            ):
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
