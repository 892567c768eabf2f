"""The article's authors: JSON-LD and meta tags, then visible bylines and author links by the headline."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

import lxml.html
from lxml import etree

from media_monitor.extract.dates import _REL_PATTERNS
from media_monitor.extract.evidence import Evidence, PageScan, _side_by_side_links, _spaced_text
from media_monitor.extract.markup import (
    _INVISIBLE,
    _TITLE_SEPARATORS,
    _WORDS,
    ORG_TYPES,
    _is_site_name,
    _load_json,
    _norm,
    _squash,
    _types,
    _unaccented,
)
from media_monitor.extract.names import _BYLINE_PREFIX, _INITIALS, _ORG_WORDS, _PARTICLES, _URLISH, clean_authors
from media_monitor.extract.published import _DATE_WITH_YEAR
from media_monitor.extract.urls import page_path, registrable_domain, url_host


def _ld_author_names(ev: Evidence) -> tuple[list[str], list[str]]:
    """(person names, organisation names) from the JSON-LD article objects: the story's own."""
    objs = _own_articles(ev)
    return _ld_names(ev, ev.ld_values("author", objs) + ev.ld_values("creator", objs))


def _own_articles(ev: Evidence) -> list[dict[str, Any]]:
    """The JSON-LD article objects about this page: of several, those whose url, @id or
    mainEntityOfPage is the page's address; with none such, all of two (an Article and its
    NewsArticle twin), but only the first of a list (a page that describes its teasers too:
    "Lebensmittel Praxis" and eleven other stories' authors)."""
    articles = ev.articles
    if len(articles) <= 1:
        return articles
    own = page_path(ev.url)
    if own:
        def addresses(obj: dict[str, Any]) -> list[str]:
            main = obj.get("mainEntityOfPage")
            main = main.get("@id") if isinstance(main, dict) else main
            return [v for v in (obj.get("url"), obj.get("@id"), main) if isinstance(v, str)]
        mine = [a for a in articles if any(page_path(v.split("#")[0], ev.url) == own for v in addresses(a))]
        if mine:
            return mine
    return articles if len(articles) == 2 else articles[:1]


def _ld_names(ev: Evidence, values: list[Any]) -> tuple[list[str], list[str]]:
    """(person names, organisation names) of JSON-LD author values: strings, Person/Organization items."""
    persons: list[str] = []
    orgs: list[str] = []
    for value in values:
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
        parent = el.getparent()
        if re.search(r"licen[cs]e", f"{cls} {parent.get('class', '') if parent is not None else ''}", re.I):
            continue  # "license-author", "<div class=license-info><span class=author-name>": an image's CC credit
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
            links = _side_by_side_links(el)
            if links:
                text = text.replace(" ".join(links), "; ".join(links), 1)
        if text and len(text) <= 160:
            texts.append(text)
            if block is None and clean_authors([text]):
                # Co-authors share the first named author's byline block (its grandparent).
                parent = el.getparent()
                block = parent.getparent() if parent is not None and parent.getparent() is not None else parent
        if len(texts) >= 3:
            break
    return texts


def _nav_byline_texts(scan: PageScan) -> list[str]:
    """A byline element the layout sets among the story's navigation buttons ("<li class=back>... <div
    class=author>von <a href=/autor/jane-doe>Jane Doe</a></div></li>" right above the headline), read when
    nothing else names anyone: its lead-in and its link to the author's page vouch for it."""
    # (right above the headline: further off, an author line is a teaser's)
    above = {anc for t in scan.window_parts()[0][-30:] if t.strip() and (p := t.getparent()) is not None
             for anc in itertools.chain([p], itertools.islice(p.iterancestors(), 3))}
    for el in scan.bylines[:40]:
        if el not in above or not scan.outside(el, byline=True):
            continue
        links = [a for a in el.iter("a") if _AUTHOR_HREF.search(a.get("href", ""))]
        text = _norm(_spaced_text(el))
        if len(links) == 1 and len(text) <= 80 and _BYLINE_PREFIX.match(text):
            return [text]
    return []


# A press release's contact label, alone on its line: "Pressekontakt", "Kontakt:", "Press contact:".
_CONTACT_LABEL = re.compile(
    r"^(?:presse-?kontakt|kontakt|ansprechpartner(?:in)?|press contact|media contacts?|contact presse|contacto de prensa|"
    r"contacto|kontakt dla mediów)\s*:?$",
    re.I,
)


def _press_contact_texts(scan: PageScan) -> list[str]:
    """The person a press release names under its contact label ("<strong>Pressekontakt</strong><br>Dr. Jane
    Doe<br>Pressesprecherin") below the headline, or first in its contact box ("<div class=ansprechpartner>"):
    who speaks for the release, when nothing else names anyone."""
    after = scan.window_parts()[1]
    for i, t in enumerate(after[:500]):
        if len(t) > 40 or not _CONTACT_LABEL.match(_norm(t)) or t.getparent().tag == "a":
            continue  # (a link "Kontakt" is the site's contact page)
        nxt = next((n for n in after[i + 1:i + 6] if n.strip()), None)
        if nxt is not None and len(nxt) <= 60 and _contact_name(name := _norm(nxt)):
            if not scan.outside(t.getparent(), byline=True):
                return [name]
    # ... or the release's contact box, as its class says ("<div class=ansprechpartner><strong>Jane Doe</strong>")
    boxes: list[lxml.html.HtmlElement] = []
    seen: dict[lxml.html.HtmlElement, int] = {}  # each element read, with its fewest steps above a text
    for t in after[:500]:
        el = t.getparent()
        for depth in range(4):
            if el is None or seen.get(el, 4) <= depth:
                break  # (read from an earlier text, and as far up from there)
            if el not in seen and (cls := el.get("class")) and _CONTACT_CLASS.search(cls):
                boxes.append(el)
            seen[el] = depth
            el = el.getparent()
    for box in boxes[:5]:
        if scan.outside(box, byline=True):
            continue
        for el in itertools.islice(box.iter("strong", "b", "h3", "h4", "h5"), 3):
            if _contact_name(name := _norm(_spaced_text(el))):
                return [name]
        return []
    return []


_CONTACT_CLASS = re.compile(r"ansprechpartner|press-?contact|media-?contact|contact-?person", re.I)


def _contact_name(text: str) -> bool:
    """A contact's name, maybe with a doctor's or professor's title: "Jane Doe", "Dr. Jane Doe"."""
    titled = _ACADEMIC_NAME.fullmatch(text)
    return _bare_name(titled.group(1) if titled else text)


# Author archive pages: /author/jane-doe, /autor/max-muster-123, /staff/jane-doe/, /journalists/...; a
# static copy of a site (a mirror, a static site generator) names the folder's index.html.
_AUTHOR_HREF = re.compile(
    r"/(?:author|authors|autor|autoren|auteur|auteurs|autore|autores|autori|autorzy|staff|journalist|journalists|"
    r"journalisten|periodistas?|giornalisti|jornalistas?|reporter|redakteur|redakteure|writers?|contributors?|"
    r"profiles?|profil|users?|members?|bio)"
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
        if link is not None and t.is_tail and link.tag in ("img", "svg", "i", "picture"):
            link = link.getparent()  # "<a href="/author/x"><img src="avatar.jpg"> Jane Doe</a>"
        elif link is not None and link.tag in ("strong", "b", "span", "em") and t.is_text:
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


_PERSON_ITEM = re.compile(r"schema\.org/Person/?$", re.I)
# A post's own container in the hAtom microformat and its usual stand-ins: "<div class="post hentry">".
_ENTRY_TOKENS = frozenset({"hentry", "h-entry", "post", "type-post"})
_X_HCARD_NAMES = etree.XPath(
    './/*[contains(concat(" ", normalize-space(@class), " "), " fn ") or contains(concat(" ", normalize-space(@class), " "), " p-name ")]'
)


def _entry(scan: PageScan) -> lxml.html.HtmlElement | None:
    """The story's own container around its headline: an <article>, or a post's hAtom "hentry"/"post" box."""
    if scan.headline is None:
        return None
    return next((a for a in itertools.islice(scan.headline.iterancestors(), 8)
                 if a.tag == "article" or _ENTRY_TOKENS & set(a.get("class", "").split())), None)


def _hcard_texts(scan: PageScan) -> list[str]:
    """The author's name in the hCard microformat inside the story's own post container (hAtom):
    "<span class="post-author vcard">Posted by <span class="fn">Jane Doe</span></span>", wherever the
    post sets it (Blogger and many blog themes put it in the post's footer, past the story's text).

    The name's element or one of its three nearest ancestors is the vcard and names the author; a
    card inside a comment is the commenter's (checked by class: ``scan.outside`` would also rule out the
    post's own footer, where Blogger sets the card). Co-authors are cards in the same parent element.
    """
    entry = _entry(scan)
    if entry is None:
        return []
    found: list[str] = []
    parent = None
    for el in itertools.islice(_X_HCARD_NAMES(entry), 20):
        near = [el, *itertools.islice(el.iterancestors(), 3)]
        if not any("vcard" in a.get("class", "").split() or "h-card" in a.get("class", "").split() for a in near):
            continue
        if not any("author" in a.get("class", "").lower() for a in near):
            continue
        if any("comment" in a.get("class", "").lower() for a in itertools.takewhile(lambda a: a is not entry, el.iterancestors())):
            continue
        if parent is not None and el.getparent() is not parent:
            break
        parent = el.getparent()
        text = _norm(_spaced_text(el))
        if text and len(text) <= 60 and text not in found:
            found.append(text)
    return found[:4]


# The licence notice's attribution in Creative Commons' ccREL markup: "<span>Blog name</span> von <a
# rel="cc:attributionURL" property="cc:attributionName">Jane Doe</a> steht unter einer Creative Commons-Lizenz".
def _cc_attribution_texts(tree: lxml.html.HtmlElement) -> list[str]:
    """Whom the page's Creative Commons licence notice names to attribute the work to: a blog's
    author, given when nothing nearer the story names anyone. (The notice's link or span, found by
    walking those two tags only: a quarter of an XPath's time over every element.)"""
    for el in tree.iter("a", "span"):
        rel, prop = el.get("rel"), el.get("property")
        if (rel and "cc:attributionURL" in rel.split()) or (prop and "cc:attributionName" in prop.split()):
            text = _norm(el.get("content") or _spaced_text(el))
            return [text] if text and len(text) <= 60 else []
    return []


def _person_item_texts(scan: PageScan) -> list[str]:
    """Names of schema.org microdata Person items next to the headline
    ("<span itemscope itemtype="https://schema.org/Person"><span>Jane Doe</span></span>"), whatever
    property (if any) ties them to the story: a Person set by the headline is its byline.

    A Person that is another property of the item ("about", "mentions", "editor") is someone the
    story is about or someone else's credit, and items outside the story (comments, author boxes of
    other stories) do not count. Co-authors are Person items in the same parent element.
    """
    before, after = scan.window_parts()
    found: list[str] = []
    seen: set[lxml.html.HtmlElement] = set()
    parent: lxml.html.HtmlElement | None = None
    for t in before[-40:] + after[:150]:
        if t.isspace():
            continue
        el = t.getparent()
        for _ in range(4):
            if el is None or el in seen or not isinstance(el.tag, str):
                el = None
                break
            seen.add(el)
            if el.get("itemscope") is not None and _PERSON_ITEM.search(el.get("itemtype", "")):
                break
            el = el.getparent()
        else:
            continue
        if el is None:
            continue
        prop = (el.get("itemprop") or "").lower()
        if prop and not re.search(r"author|creator|contributor", prop):
            continue
        if scan.outside(el, byline=True):
            continue
        if parent is not None and el.getparent() is not parent:
            break
        parent = el.getparent()
        name_el = el.find('.//*[@itemprop="name"]')
        text = _norm((name_el.get("content") or _spaced_text(name_el)) if name_el is not None else _spaced_text(el))
        if text and len(text) <= 60 and text not in found:
            found.append(text)
        if len(found) >= 4:
            break
    return found


# Icon-font classes of a person icon (Font Awesome "fa-user", Glyphicons "glyphicon-user", Bootstrap
# Icons "bi-person", Dashicons "dashicons-admin-users", Material "mdi-account"), which themes set
# before the author's name in a story's meta line.
_PERSON_ICON = re.compile(r"^(?:fa|fas|far|icon|glyphicon|bi|dashicons|ti|la|las|mdi|ion|ion-md|ion-ios)-"
                          r"(?:user|users|person|account|admin-users)(?:-o|-circle|-alt|-fill)?$")
_ACCOUNT_HREF = re.compile(r"log-?in|sign-?in|sign-?up|register|account|konto|anmeld|my-?profile", re.I)


def _person_icon_texts(scan: PageScan) -> list[str]:
    """The name after a person icon or an avatar by the headline ("<i class="fa fa-user"></i> Jane Doe"): the
    first such icon whose text or next link names someone; a login link with the same icon
    ("<a href="/login"><i class="fa fa-user"></i> Sign in</a>") does not count."""
    before, after = scan.window_parts()
    for t in before[-40:] + after[:150]:
        icon = t.getparent()
        if not t.is_tail or icon is None:
            continue
        if icon.tag == "img":  # the poster's avatar: "<img class="avatar avatar-19"> <a href="/u/79003">jdoe</a>"
            if "avatar" not in icon.get("class", "").lower().split():
                continue
        elif icon.tag not in ("i", "span", "svg", "em") or (icon.text or "").strip():
            continue
        elif not any(_PERSON_ICON.match(tok) for tok in icon.get("class", "").lower().split()):
            continue
        text = _norm(t)
        holder = icon.getparent()
        if not text:
            following = icon.getnext()
            if following is None or following.tag not in ("a", "span", "strong", "b"):
                continue
            text, holder = _norm(following.text_content()), following
        if not text or len(text) > 60 or holder is None or scan.outside(holder, byline=True):
            continue
        if any(_ACCOUNT_HREF.search(a.get("href", "")) for a in itertools.chain([holder], holder.iterancestors())
               if a.tag == "a"):
            continue
        return [text]
    return []


# WordPress's classic themes' post meta line: "Filed under: News — jane @ 00:11" (the author, then
# "@" and the time).
_AUTHOR_AT_TIME = re.compile(r"(?:^|\s)[—–]\s*(\w[\w.'-]*(?: \w[\w.'-]*){0,3}) @ \d{1,2}[:.]\d{2}\b")


def _author_at_time_texts(scan: PageScan) -> list[str]:
    """The author of a "— jane @ 00:11" meta line just after the headline."""
    for t in scan.window_parts()[1][:60]:
        if len(t) > 200 or "@" not in t:
            continue
        m = _AUTHOR_AT_TIME.search(t)
        parent = t.getparent()
        if m and parent is not None and parent.tag not in ("script", "style") and not scan.outside(parent, byline=True):
            return [m.group(1)]
    return []


_SIGNATURE_NAME = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ][^\W\d_]+(?: [A-ZÀ-ÖØ-ÞĀ-ſ][^\W\d_.]*\.?){0,2}")
# Words of a closing formula that a post sets in italics as its last line, not a name:
# "Guten Appetit", "Frohe Weihnachten", "Happy Holidays", "Bon appétit", "Viel Spaß".
_CLOSING_WORDS = re.compile(
    r"\b(?:appetit|app[ée]tit|provecho|weihnachten|ostern|navidad|christmas|easter|holidays?|spa(?:ß|ss)|"
    r"gr(?:ü|ue)(?:ß|ss)e|regards|cheers|thanks|danke|merci|gracias|grazie|frohe|happy|merry|enjoy|neues jahr|new year)\b",
    re.I,
)
# The signer's office on the line under their name: one or two capitalised words ("Bundesvorsitzender",
# "DITIB-Bundesvorsitzender", "Chief Executive").
_SIGNATURE_ROLE = re.compile(r"[A-ZÄÖÜ][\w-]+(?: [A-ZÄÖÜ][\w-]+)?")
_SIGNATURE_DASH = re.compile(r"^(?:[—–]|--?)\s*(\S.*)$")
_SIGNATURE_DATE = re.compile(r"^\d{1,2}\.? ?[^\W\d_]+\.? \d{4}$|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$|^[^\W\d_]+ \d{1,2}, \d{4}$")


def _signature_texts(scan: PageScan) -> list[str]:
    """A name signing the story's last paragraph: "<p>— Jane Doe</p>", "<p>Jane<br>10. September 2017</p>",
    "<p><em>Jane Doe</em></p>" or "<p><strong>Jane Doe</strong></p>" after at least three paragraphs of the
    story (a letter's, a review's or a blog post's signature)."""
    for t in scan.window_parts()[1][:500]:
        p = t.getparent()
        # the name in italics or bold, or both: "<em>Jane Doe</em>", "<b>Jane Doe</b>", "<i><b>Jane Doe</b></i>"
        wrappers: list[str] = []
        while (
            p is not None and p.tag in ("em", "i", "b", "strong") and len(wrappers) < 2 and t.is_text
            and not (p.tail or "").strip() and (not wrappers or (len(p) == 1 and not (p.text or "").strip()))
        ):
            wrappers.append(p.tag)
            p = p.getparent()
        if not wrappers:
            p = t.getparent()
        if not t.is_text or p is None or p.tag != "p" or len(t) > 60:
            continue
        if any(sib.tag == "p" for sib in p.itersiblings()):
            continue  # not the last paragraph of its block
        if sum(1 for sib in itertools.islice(p.itersiblings(preceding=True), 40) if sib.tag == "p") < 3:
            continue
        children = list(p)
        text = _norm(t)
        dash = _SIGNATURE_DASH.match(text)
        if dash and not children and " " in dash.group(1):  # "— Fin" closes a story, "— Jane Doe" signs it
            name = dash.group(1)
        elif wrappers and len(children) == 1 and not (p.text or "").strip() and " " in text and (
            {"em", "i"} & set(wrappers) or p.getnext() is None
        ):
            name = text  # (bold alone only as the block's very last element: before a list, a subheading's look)
        elif len(children) == 1 and children[0].tag == "br" and (
            _SIGNATURE_DATE.match(under := _norm(children[0].tail)) or " " in text and _SIGNATURE_ROLE.fullmatch(under)
        ):
            name = text  # "Benni<br>10. September 2017", "Jane Doe<br>Bundesvorsitzende"
        else:
            continue
        if _SIGNATURE_NAME.fullmatch(name) and not _CLOSING_WORDS.search(name) and not scan.outside(p, byline=True):
            return [name]
        return []
    return []


# Links to a section's or a tag's listing: a kicker or a keyword, not a person.
_LISTING_HREF = re.compile(r"/(?:category|categories|tags?|topics?|themen?|rubri[ck]\w*|sections?|kategorie\w*|"
                           r"schlagw\w*|keywords?|ressorts?)/", re.I)
# Class/id words of a kicker, a section label or a tag: "Open Future" over the date is a section's name.
# (titles.py's _KICKER_CLASS, for a kicker inside the h1, is another list for another question.)
_SECTION_LABEL_CLASS = re.compile(r"section|categor|kicker|rubri[ck]|ressort|breadcrumb|(?:^|[-_\s])tags?(?:$|[-_\s])|topic|"
                           r"overline|eyebrow|dachzeile|channel|badge", re.I)
_CLOCK_UNIT = re.compile(r"(?i:uhr|h|hrs?|horas?|heures?|[ap]\.?\s?m)|[A-Z]{2,5}")
# A date, a relative date ("vor 3 Stunden", "hace 3 horas", "3 hours ago") or a clock time.
_DIGIT = re.compile(r"\d")
_DATE_OR_CLOCK = re.compile("|".join([_DATE_WITH_YEAR.pattern, *(p.pattern for p in _REL_PATTERNS),
                                      r"(?<!\d)\d{1,2}[:.]\d{2}(?!\d)"]), re.I)


_ARTICLES = frozenset({"the", "a", "an", "la", "le", "les", "el", "los", "las", "il", "lo", "gli", "die", "der", "das",
                       "de", "het", "een", "o", "os", "as", "un", "une", "ein", "eine"})
# First words of two-word place names, which a dateline sets beside its date like a byline.
_PLACE_STARTS = frozenset({"new", "los", "las", "san", "santa", "são", "saint", "st.", "sankt", "bad", "buenos", "rio",
                           "hong", "kuala", "tel", "port", "fort", "mount", "north", "south", "east", "west", "nord",
                           "süd", "ost", "bas", "haut", "nieder", "ober", "unter", "alt", "neu"})
_NAME_PART = re.compile(r"[-'’]")


def _name_word(word: str) -> bool:
    """A capitalised word of a name in any cased script: "Jane", "J.", "Anne-Marie", "O'Neil", "McCain"."""
    if len(word) == 2 and word[1] == ".":
        return word[0].isupper()
    for part in _NAME_PART.split(word):
        if not (part.isalpha() and part[0].isupper() and (len(part) == 1 or any(c.islower() for c in part))
                and sum(c.isupper() for c in part) <= 2):
            return False
    return True


def _bare_name(text: str) -> bool:
    """A name as a line of its own: two to four capitalised words ("Jane Doe", "J. R. Doe",
    "Anne-Marie O'Neil"), name particles between them ("Ludwig van Beethoven")."""
    words = text.split()
    if not 2 <= len(words) <= 5 or words[0].casefold() in _PARTICLES | _ARTICLES or words[-1].endswith("."):
        return False  # (a name starts with a given name: "La Stampa", "The Times" are titles)
    if words[0].casefold() in _PLACE_STARTS:
        return False  # a dateline's place ("New York, 12.03.2021"), no person
    names = [w for w in words if w not in _PARTICLES]
    return 2 <= len(names) <= 4 and all(_name_word(w) for w in names)


def _separator(text: str) -> bool:
    """A piece of a meta line between a name and a date: "|", ",", "am", "Le", an avatar's initials."""
    letters = sum(c.isalpha() for c in text)
    return letters <= 3 and not any(c.isdigit() for c in text)


def _dateline(t: str) -> bool:
    """A short text that shows the story's date or time, with a few words about it ("Updated 04/05/2022 05:49")."""
    if len(t) > 100 or not any(c.isdigit() for c in t):
        return False
    matches = list(_DATE_OR_CLOCK.finditer(t))
    if not matches:
        return False
    # After the date at most a clock's unit or a time zone ("14:30 Uhr", "02:14 a.m.", "10:00 CET"):
    # "Am 24.04.2020 traf <a>Jane Doe</a>" goes on as a sentence.
    after = t[matches[-1].end():].strip(" ,.;|/()-–—")
    if after and not _CLOCK_UNIT.fullmatch(after):
        return False
    # Words besides the date: "postado em", "Updated"; a CJK character counts as a word of its own.
    rest = _DATE_OR_CLOCK.sub(" ", t)
    return sum(len(w) if w[0] >= "\u2e80" else 1 for w in _WORDS.findall(rest)) <= 4


_NAME_BEFORE_DATE = re.compile(r"(\S.*?)\s*[|·•]\s*$")


def _bare_name_texts(ev: Evidence) -> list[str]:
    """Names on a line of their own next to the story's date under the headline, with no label and no
    class to say so ("<p>June 19, 2019</p><p>Jane Doe</p>", "<a>Jane Doe</a>, 03.11.2023"): a byline.

    Only in the story's header (before its second long paragraph), only beside the first date there,
    and only a name that is its element's whole text in a short meta line: names in a sentence, in a
    caption, a heading, a section or tag link, or labelled ("Foto: Jane Doe") are someone else.
    """
    scan = ev.scan
    host = url_host(ev.url)
    site = registrable_domain(host) if host else ""
    after = scan.window_parts()[1]
    pieces: list = []  # the worded texts of the story's header, a long paragraph as None
    long_texts = 0
    for t in after[:300]:
        if t.isspace():
            continue
        holder = t.getparent()
        if holder is not None and t.is_tail:
            holder = holder.getparent()
        if holder is None or holder.tag in ("script", "style", "noscript", "button", "option", "title", "desc"):
            continue  # (an icon's SVG <title>, "Combined Shape", is no text a reader sees)
        if len(t) > 100 and len(_norm(t)) > 100:
            long_texts += 1
            if long_texts >= 2:
                break
            pieces.append(None)
            continue
        pieces.append(t)
        if len(pieces) >= 40:
            break
    headline = _norm(scan.headline.text_content()).casefold() if scan.headline is not None else ""
    for d, t in enumerate(pieces):
        if t is None:
            continue
        if not (t.getparent().tag == "time" and not t.is_tail or _DIGIT.search(t) and _dateline(_norm(t))):
            continue
        date_el = t.getparent().getparent() if t.is_tail else t.getparent()
        if date_el is None or len(_norm(date_el.text_content())) > 150:
            continue  # a date in a sentence: no meta line
        # "Jane Doe | 12.03.2021", "Jane Doe · March 3, 2021": the name and the date in one text, parted
        # by a bar or a dot (a dateline's place takes a comma or a dash: "Berlin, 12.03.2021").
        text = _norm(t)
        lead = _NAME_BEFORE_DATE.match(text[:first.start()]) if (first := _DATE_OR_CLOCK.search(text)) else None
        if (lead and _bare_name(lead.group(1)) and not _is_site_name(lead.group(1), ev.site_names)
                and _lone_name(scan, t, lead.group(1), headline, date_el, site, own_line=True)):
            return [lead.group(1)]
        found: list[str] = []
        for step in (-1, 1):
            i = d + step
            while 0 <= i < len(pieces) and len(found) < 4:
                piece = pieces[i]
                if piece is None:
                    break
                text = _norm(piece)
                if _separator(text) or _dateline(text):
                    i += step
                    continue
                if not _bare_name(text) or not _lone_name(scan, piece, text, headline, date_el, site):
                    break
                label = pieces[i - 1] if i > 0 else None
                if label is not None and _norm(label).endswith(":"):
                    break  # "Foto: Jane Doe": a labelled credit
                if step < 0:
                    found.insert(0, text)
                else:
                    found.append(text)
                i += step
        return found  # the first date only: a later one is another story's or an update's
    return []


def _bio_texts(scan: PageScan) -> list[str]:
    """The author box after a story: a name on a line of its own, then a biography that opens with
    it ("<h4>Jane Doe</h4><p>Jane Doe is a reporter ...</p>"), whatever the box's classes say."""
    previous = None
    for t in scan.window_parts()[1][:500]:
        if t.isspace():
            continue
        # (a quick look first: the text opens with the short text before it)
        if previous is not None and t.lstrip().startswith(previous.split(None, 1)[0]):
            name = _norm(previous)
            text = _norm(t)
            if (text.startswith(name + " ") and text[len(name) + 1:len(name) + 2].islower() and len(text) > len(name) + 20
                    and _bare_name(name) and not previous.is_tail and _norm(previous.getparent().text_content()) == name
                    and _own_box(previous.getparent(), t) and not scan.outside(previous.getparent(), byline=True)):
                return [name]
        previous = t if len(t) <= 60 and t.lstrip()[:1].isupper() and " " in t.strip() else None
    return []


# The author box a theme sets after the story: "<div class="author-bio"><h3>Jane Doe</h3>...".
_AUTHOR_BOX_CLASS = re.compile(r"(?:^|[\s_-])(?:author-?(?:bio|box|info|card|profile)|about-?(?:the-?)?author)(?:$|[\s_-])", re.I)
_X_AUTHOR_CLASSED = etree.XPath('.//*[contains(@class, "author")]')
_BOX_HEADINGS = ("h2", "h3", "h4", "h5", "h6", "strong", "b")


def _author_box_texts(scan: PageScan) -> list[str]:
    """The name heading the story's own author box ("<div class="author-bio"><h3>Jane Doe</h3><p>...</p>"),
    in the first box that is no sidebar's, a comment's or another story's: the first of its first
    three headings (or bold texts) that is a name of two to four words, past a label ("Über den Autor")."""
    if scan.headline is None:
        return []
    # (within the story's own container when it has one: no need to walk the whole page)
    entry = _entry(scan)
    for box in itertools.islice(_X_AUTHOR_CLASSED(entry if entry is not None else scan.tree), 40):
        if not _AUTHOR_BOX_CLASS.search(box.get("class", "")) or scan.outside(box, byline=True):
            continue
        for heading in itertools.islice(box.iter(*_BOX_HEADINGS), 3):
            text = _norm(_spaced_text(heading))
            if 2 <= len(text.split()) <= 4 and clean_authors([text]):
                return [text]
        return []
    return []


# A link to everything an author wrote, worded for any author ("Alle Artikel", "zu allen Rezepten vom Autor",
# "More from this author", "Tous ses articles"): the name it goes with is the text just before it.
_ALL_BY_AUTHOR = re.compile(
    r"^(?:(?:zu )?alle[nr]? (?:artikel|beiträge[n]?|texte[n]?|rezepte[n]?|posts?)\b|(?:all|more) (?:articles|posts|stories|recipes)\b|"
    r"more (?:by|from) (?:this|the) (?:author|writer)|.*\b(?:vom|von diese[mr]|der) autor(?:in)?$|.*\bby this author$|"
    r"tous (?:les|ses) articles|todos (?:los|sus) art[íi]culos|tutti gli articoli|wszystkie artykuły)",
    re.I,
)


def _all_by_author_texts(scan: PageScan) -> list[str]:
    """The name beside a link to all of one author's pieces ("<div>Jane Doe</div><a>Alle Artikel</a>", the
    author's card in a side column): when the page has one such card, not a list of the site's authors."""
    names = set()
    before_h1, after_h1 = scan.window_parts()
    for t in before_h1[-80:] + after_h1[:500]:
        link = t.getparent()
        if link is None or link.tag != "a" or not t.is_text or len(t) > 60 or not _ALL_BY_AUTHOR.match(_norm(t)):
            continue
        # the element before the link, or before the link's own box ("<div class=more><a>...</a></div>")
        before, container = link.getprevious(), link.getparent()
        if before is None and container is not None and len(container) == 1 and not _norm(container.text):
            before = container.getprevious()
        # (not a menu's next entry: "<li>Frag den Profi</li><li><a>Alle Beiträge</a></li>", "<a>A</a><a>B</a>")
        if (before is not None and before.tag not in ("a", "li") and not _norm(before.tail)
                and _bare_name(text := _norm(_spaced_text(before)))):
            names.add(text)
    return list(names) if len(names) == 1 else []


def _own_box(name_el: lxml.html.HtmlElement, bio: Any) -> bool:
    """Whether a name and the text after it share a small box of their own, not the story's flow of
    paragraphs (a subheading "Jane Doe" over a paragraph about her)."""
    bio_el = bio.getparent()
    for anc in itertools.islice(name_el.iterancestors(), 4):
        if anc is bio_el or _is_ancestor(anc, bio_el):
            return len(anc.findall(".//p")) <= 3
    return False


def _offsite(href: str, site: str) -> bool:
    host = url_host(href) if site and href.startswith(("http:", "https:", "//")) else ""
    return bool(host) and registrable_domain(host) not in (site, "archive.org")  # (a web archive's copy links there)


def _lone_name(scan: PageScan, t, name: str, headline: str, date_el: lxml.html.HtmlElement, site: str,
               own_line: bool = False) -> bool:
    """Whether the name in text t is a byline of its own beside the date in date_el; ``own_line``: t
    holds the date too, a short meta line of its own."""
    if t.is_tail or name.casefold() in headline:
        return False
    el = t.getparent()
    if _norm(el.text_content()) != _norm(t):
        return False
    tail = _norm(el.tail)
    if tail and not _separator(tail) and not _dateline(tail):
        return False  # "<a>Jane Doe</a> den Rat": a name in a sentence
    for depth, anc in enumerate(itertools.islice(itertools.chain([el], el.iterancestors()), 4)):
        if anc.tag in ("figcaption", "figure", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "label", "select", "form"):
            return False
        if anc.tag == "a" and (_LISTING_HREF.search(anc.get("href", "")) or _offsite(anc.get("href", ""), site)):
            return False  # a section's listing, or a link to another site ("Get Adobe Flash Player")
        if depth <= 1 and _SECTION_LABEL_CLASS.search(f"{anc.get('class', '')} {anc.get('id', '')}"):
            return False  # the label itself or its link's holder; a wrapper's "section" is layout
    # The name and the date share a block (a meta line, a story's header) within a few levels, not just the page.
    date_block = set(itertools.islice(date_el.iterancestors(), 8))
    date_block.add(date_el)
    common = next((a for a in itertools.islice(el.iterancestors(), 8) if a in date_block), None)
    if common is None:
        return False
    # A short meta line: the name's container holds little more than a byline and a date.
    line = el if own_line else el.getparent()
    return line is not None and len(line.text_content()) <= 300 and not scan.outside(el, byline=True)


def _is_ancestor(anc: lxml.html.HtmlElement, el: lxml.html.HtmlElement) -> bool:
    return any(a is anc for a in el.iterancestors())


def _username_like(names: list[str]) -> bool:
    # "jdoe", "jane.doe", "jane_doe", and a slug "jane-doe" (a hyphenated name is capitalised: "Anne-Marie")
    return all(" " not in n and re.search(r"[._]|^[a-z]+(?:-[a-z]+)*$", n) for n in names)


def _text_bylines(scan: PageScan) -> list[str]:
    """The "By Jane Doe" texts by the headline, but for initials alone: two letters after a short
    lead-in word are as often something else ("Di Mi", Tuesday and Wednesday in a calendar's head
    read as Italian "di"). A byline element's class or an author meta tag vouches for initials."""
    texts = scan.byline_texts()
    return [t for t in texts if not (names := clean_authors([t])) or not all(_INITIALS.fullmatch(n) for n in names)]


def _weak_byline(names: list[str]) -> bool:
    # (initials, "mh", "LD", stand in for a byline as a handle does)
    return _username_like(names) or all(_ORG_WORDS.search(n) or _INITIALS.fullmatch(n) for n in names)


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


def _parsely_page_authors(ev: Evidence) -> list[str]:
    """Parse.ly's older metadata tag: <meta name="parsely-page" content='{"title": ..., "author": "Jane Doe"}'>."""
    data = _load_json(ev.meta["parsely-page"][0]) if "parsely-page" in ev.meta else None
    if not isinstance(data, dict):
        return []
    value = data.get("authors") or data.get("author")
    return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]


_SLUG = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")


def _display_names(names: list[str], ev: Evidence) -> list[str]:
    """A login name ("sarah-indra", as WordPress puts into JSON-LD) as the page's link to that
    author's archive shows it: <a href="/author/sarah-indra/">Sarah-Indra Jungblut</a>."""
    out = []
    for name in names:
        if _SLUG.fullmatch(name):
            for link in ev.tree.iterfind(".//a[@href]"):
                href = link.get("href", "")
                if _AUTHOR_HREF.search(href) and re.search(r"/" + re.escape(name) + r"/?(?:index\.html?)?(?:[?#]|$)", href):
                    shown = clean_authors([_norm(link.text_content())], ev.site_names)
                    if len(shown) == 1 and " " in shown[0]:
                        name = shown[0]
                        break
        out.append(name)
    return out


def extract_authors(ev: Evidence, body: str = "") -> list[str]:
    """The story's authors from the page's evidence; ``body`` (the story's text) gives the agency or
    source it credits when nothing on the page names anyone (see ``_story_credit_texts``)."""
    names = _display_names(_authors(ev) or clean_authors(_story_credit_texts(body), ev.site_names), ev)
    return _middle_initials(_full_names(names, ev), ev)


def _middle_initials(names: list[str], ev: Evidence) -> list[str]:
    """A name the metadata gives without the middle initial the page signs with ("Christian Stadtfeld",
    from a login, signed "(Christian P. Stadtfeld)"): the page's spelling, when it has just one and never
    shows the name without it (a byline "Evan Symon" stays as the page shows it)."""
    out = []
    for name in names:
        words = name.split()
        if len(words) == 2 and all(w[:1].isupper() for w in words):
            pattern = re.compile(
                r"(?<![\w-])" + re.escape(words[0]) + r"(?:\s+([A-ZÀ-ÖØ-Þ])\.)?\s*" + re.escape(words[1]) + r"(?![\w-])"
            )
            surname = words[1]
            initials = {m.group(1) for t in itertools.chain(*ev.scan.window_parts()) if surname in t and len(t) <= 400
                        for m in pattern.finditer(t)}
            if len(initials) == 1 and None not in initials:
                name = f"{words[0]} {initials.pop()}. {words[1]}"
        out.append(name)
    return out


# A wire story's dateline names its agency: "Hamburg (dpa/lno) – ...", "Wien (epdÖ) – ", "Montpellier (SID) –";
# an agency's short name is lower-case or capitals ("(Russland)" after a place is a country, no credit).
_AGENCY_DATELINE = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][^\n()]{1,40}?\s"
    r"\((?P<agency>(?:[a-zäöüß]{2,8}[A-ZÄÖÜ]?|[A-ZÄÖÜ]{2,8})(?:[/-][A-Za-zÄÖÜäöü]{2,8}){0,2})\)\s*[–—-]\s"
)
# A source line closing a story: "Quelle: kathpress", "Source: Example University", "Fuente: EFE".
_SOURCE_LINE = re.compile(r"^(?:quelle|source|fuente|fonte|źródło|источник)\s*:\s*(?P<source>[^,(;|]{2,60})", re.I)
# ... or a person's copyright on the text, with its year (``_COPYRIGHT``'s mark and years, then a person's
# name alone on the line): "© 2019 Jane Doe" (a company's stays out; "Copyright: Jane Doe" without a year is
# as often a photo's).


def _story_credit_texts(body: str) -> list[str]:
    """Whom the story's text itself credits: the agency in its opening dateline, else the source line or
    a person's copyright line among its last paragraphs with no paragraph of prose after it (a chart's
    "Quelle: Destatis" inside the story is a figure's source, not the story's)."""
    paras = [p.strip() for p in body.split("\n") if p.strip()]
    for para in paras[:3]:
        if m := _AGENCY_DATELINE.match(para):
            return [m.group("agency")]
    closing = []
    for k in range(len(paras) - 1, max(len(paras) - 5, -1), -1):
        if len(paras[k].split()) > 20:
            break
        closing.append(paras[k])
    for line in closing:
        if m := _SOURCE_LINE.match(line):
            return [m.group("source").strip()]
    for line in closing:
        m = _COPYRIGHT.match(line)
        holder = line[m.end():].strip() if m and re.search(r"\d", m.group(0)) else ""
        if len(holder) <= 40 and _PERSON_SHAPE.fullmatch(holder):
            return [] if _ORG_WORDS.search(holder) else [holder]
    return []


_FIRST_NAME = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ][^\W\d_]{1,20}")
_SURNAME = r"\s+([A-ZÀ-ÖØ-ÞĀ-ſ][^\W\d_]+(?:-[A-ZÀ-ÖØ-ÞĀ-ſ][^\W\d_]+)?)(?![\w-])"
_BIO_CLASS = re.compile(r"bio|author", re.I)


def _full_names(names: list[str], ev: Evidence) -> list[str]:
    """A lone first name ("Nils", a blog's display name) as the page spells it out for that author:
    in a byline ("Eine Kolumne von Nils Pickert"), or where the JSON-LD person's description or the
    author box's biography opens with it ("Nils Pickert ist freier Autor ...")."""
    if len(names) != 1 or not _FIRST_NAME.fullmatch(names[0]) or names[0].isupper():
        return names  # (an acronym, "AFP", is no first name)
    first = names[0]
    person = [
        item.get("description") for item in ev.ld
        if "person" in _types(item) and item.get("name") == first and isinstance(item.get("description"), str)
    ]
    # (a biography's own opening words, not a box's name and biography run together: "Matthias" + "Medizinstudent, ...")
    bios = [
        _norm(el.text)[:200]
        for el in itertools.islice((el for el in ev.tree.iter() if isinstance(el.tag, str)
                                    and _BIO_CLASS.search(el.get("class", "")) and el.text), 60)
    ]
    opening = re.compile(re.escape(first) + _SURNAME)
    anywhere = re.compile(r"(?<![\w-])" + re.escape(first) + _SURNAME)
    found = [m for t in person + bios if (m := opening.match(_norm(t)))]
    found += [m for t in ev.scan.byline_texts() if (m := anywhere.search(_norm(t)))]
    # ... or, last, a text of its own by the headline that is just the full name ("<p class=full-name>
    # Todd Bates</p>" in the story's side column), when the page spells that first name out one way
    # only (and the name is no site's: "Sputnik" is not spelt out by "Sputnik Arabic")
    whole = re.compile(re.escape(first) + _SURNAME + "$")
    spelt = [m for t in ev.scan.window_texts() if len(t) <= 60 and (m := whole.match(_norm(t)))]
    if len({m.group(1) for m in spelt}) == 1 and not _is_site_name(first, ev.site_names):
        found.append(spelt[0])
    for m in found:
        full = f"{first} {m.group(1)}"
        if m.group(1) != first and clean_authors([full], ev.site_names) == [full]:
            return [full]
    # ... or, on a family's own domain (steinhau.com), the first name with that family name as the page
    # spells it out somewhere near the story ("Ausschnitt: Henry Steinhau")
    family = _domain_name(ev.url)
    if len(family) >= 4 and family.isalpha():
        owner = re.compile(r"(?<![\w-])" + re.escape(first) + r"\s+(" + re.escape(family) + r")(?![\w-])", re.I)
        spellings = {m.group(1) for t in ev.scan.window_texts() if family in t.casefold() and (m := owner.search(t))}
        surnames = {s for s in spellings if s[:1].isupper() and not s.isupper()}
        if len(surnames) == 1:
            return [f"{first} {surnames.pop()}"]
    return names


def _authors(ev: Evidence) -> list[str]:
    ld_persons, ld_orgs = _ld_author_names(ev)
    # An explicit JSON-LD Person is the author even when the site is named after them (a blog).
    ld_names = clean_authors(ld_persons, [])

    def far_bylines() -> list[str]:
        # Byline elements past the headline's usual window: only when nothing nearer named anyone,
        # not even a handle or an organisation (those are likelier the story's than a far name).
        return [] if fallback else _byline_texts(ev.scan, far=True)

    # Evidence sources, most explicit first; each is only computed if the ones before found nothing.
    chains: list[Callable[[], list[str]]] = [
        lambda: [v for k in ("author", "authors", "article:author", "og:article:author", "og:author", "parsely-author", "sailthru.author",
                             "dc.creator", "dcterms.creator", "byl", "citation_author", "cxenseparse:author",
                             "dc.contributor", "article:author_name", "shareaholic:article_author_name")
                 for v in ev.meta.get(k, []) if not _URLISH.fullmatch(v.strip())]
        + _labelled_meta_authors(ev) + _parsely_page_authors(ev),
        lambda: _byline_texts(ev.scan),
        lambda: _text_bylines(ev.scan),
        lambda: _author_link_texts(ev.scan),
        lambda: _person_item_texts(ev.scan),
        lambda: _person_icon_texts(ev.scan),
        lambda: _author_at_time_texts(ev.scan),
        lambda: _hcard_texts(ev.scan),
        far_bylines,
        lambda: _bare_name_texts(ev),
        lambda: _bio_texts(ev.scan),
        lambda: _signature_texts(ev.scan),
        lambda: _author_box_texts(ev.scan),
        lambda: _all_by_author_texts(ev.scan),
        lambda: _nav_byline_texts(ev.scan),
        lambda: _cc_attribution_texts(ev.tree),
        lambda: _press_contact_texts(ev.scan),
        lambda: ld_orgs,
    ]
    # A user handle or only an organisation ("Redaktion", "dpa") is kept as the answer of last
    # resort: a person named further down the chain is the better byline.
    # (but a "Person" that is the site's name in capitals or in no person's shape, "EAT SMARTER", "L'Opinion",
    # is the brand's account: a byline further down the chain names the author)
    if ld_names and not _weak_byline(ld_names) and not all(
        _is_site_name(n, ev.site_names) and (n.isupper() or not _PERSON_SHAPE.fullmatch(n)) for n in map(_norm, ld_persons)
    ):
        return ld_names
    fallback = ld_names
    for i, chain in enumerate(chains):
        raw = chain()
        names = clean_authors(raw, ev.site_names)
        if not names and i == 0:
            names = _domain_owner(raw, ev)
        # A name that is the site's with a word more ("EFC Site Name" on site-name.de) stands in
        # for a byline like an organisation does.
        if i == 0 and names and not _weak_byline(names) and (shown := _byline_over_meta(names, ev)):
            return shown
        if names and not _weak_byline(names) and not all(_is_site_name(n, ev.site_names) for n in names):
            return names
        fallback = fallback or names
    # Nothing at all: a personal site's owner, whose name is the site's (and so not read as a byline above).
    return fallback or _blog_login(ev) or _site_owner(ev)


def _byline_over_meta(names: list[str], ev: Evidence) -> list[str]:
    """The page's "By Jane Doe" byline when the author meta tag names someone else, and the byline's names
    link to their author pages ("Erstellt von <a href=/author/fabian/>Fabian</a>" where the tag names the
    site's two owners), or the byline is a paragraph of its own ("<p><strong>Von Jane Doe</strong></p>",
    where the tag names the account that posted it; a "von X" inside prose cites someone's work), or the
    page never shows the tag's names (a template's fixed value): what the reader sees, over the head's."""
    bylines = _text_bylines(ev.scan)
    shown = clean_authors(bylines, ev.site_names)
    if not shown or _weak_byline(shown) or set(shown) & set(names):
        return []
    if set(shown) <= set(clean_authors(_author_link_texts(ev.scan), ev.site_names)):
        return shown
    if any(_norm(_INVISIBLE.sub("", p.text_content())) in bylines for p in ev.tree.iter("p") if len(p) < 4):
        return shown
    text = _norm(" ".join(_X_SHOWN_TEXTS(ev.tree))).casefold()
    return [] if any(n.casefold() in text for n in names) else shown


# The page's shown text: its body's, not a script's or a style sheet's.
_X_SHOWN_TEXTS = etree.XPath("//body//text()[not(ancestor::script) and not(ancestor::style)]")


# Subdomains that name a part of a site, not a blog's owner.
_SITE_PART_LABELS = frozenset({"www", "blog", "blogs", "news", "en", "de", "fr", "es", "it", "m", "mobile", "amp"})


def _domain_name(url: str) -> str:
    """The registrable domain's own name: "steinhau" for www.steinhau.com, "wordpress" for x.wordpress.com."""
    host = url_host(url)
    return registrable_domain(host).split(".")[0] if host else ""


def _own_subdomain(url: str) -> str:
    """The host's first label when the host has one before its domain and it names no part of the site:
    "surfguard" of surfguard.wordpress.com, nothing for www.example.com or news.example.com."""
    labels = url_host(url).split(".")
    return labels[0] if len(labels) >= 3 and labels[0] not in _SITE_PART_LABELS else ""


def _blog_login(ev: Evidence) -> list[str]:
    """A blog on a host's subdomain named for its owner's login (surfguard.wordpress.com), whose byline
    names that login ("<a class="fn">surfguard</a>"), or the handle the blog declares as its own
    (twitter:site "@gnaddrig" on gnadlib.wordpress.com): the author, though the site bears the name."""
    login = _own_subdomain(ev.url)
    if len(login) < 4:
        return []
    brand = _domain_name(ev.url)  # (the platform's or the company's own name)
    logins = {login} | {h.lstrip("@").casefold() for h in ev.meta.get("twitter:site", [])} - {brand}
    site_names = [n for n in ev.site_names if n.casefold() not in logins]
    for raw in (_byline_texts(ev.scan), ev.scan.byline_texts(), _author_link_texts(ev.scan)):
        names = clean_authors(raw, site_names)
        if names and all(n.casefold() in logins for n in names):
            return names[:1]
    return []


_PERSON_SHAPE = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſ][^\W\d_]+(?:[ -][A-ZÀ-ÖØ-ÞĀ-ſ][^\W\d_]+){1,2}")


def _domain_owner(raw: list[str], ev: Evidence) -> list[str]:
    """An author meta tag naming a person whose name the domain spells ("Wolfgang Michal" on
    wolfgangmichal.de): a personal site's owner, not a site name standing in for a byline.

    Only when no declared site name (og:site_name, publisher, ...) spells it with its spaces: then
    it may as well be an outlet's name ("Evening Standard"), which stays out.
    """
    label = _domain_name(ev.url)
    if not label:
        return []
    owners = []
    for value in raw:
        value = _norm(value)
        if (_PERSON_SHAPE.fullmatch(value) and not _ORG_WORDS.search(value) and _squash(value) == _squash(label)
                and not any(_norm(n).casefold() == value.casefold() for n in ev.site_names)):
            owners.append(value)
    return clean_authors(owners[:1], [])


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# A copyright line's mark and years: "© 2020 ", "(c) 2012- ", "Copyright ".
_COPYRIGHT = re.compile(r"^(?:(?:©|\(c\)|copyright)\s*)+(?:(?:19|20)\d{2}\s*(?:[-–]\s*(?:(?:19|20)\d{2})?)?)?\s*", re.I)
# Where the holder's name ends: "Jane Doe. All rights reserved.", "Jane Doe | Impressum".
_HOLDER_END = re.compile(r"(?<=[^\W\d_]{2})\.(?:\s|$)|[,|•·(]|\s(?:all rights|alle rechte|tous droits|todos los derechos)", re.I)
# A site named for its owner: "Gregory Szorc's Digital Home", "Jane Doe’s Blog".
_POSSESSIVE = re.compile(r"^([^'’]+)['’]s\s\S.*$")


def _spellings(name: str) -> set[str]:
    """How a domain spells a name: "Jürgen Heitmann" as juergenheitmann or jurgenheitmann."""
    folded = name.casefold()
    return {_squash(folded.translate(_UMLAUTS)), _squash(_unaccented(folded))}


# A name with a doctor's or professor's title: "Dr. Alexander Klier", "Prof. Dr. Jane Doe".
_ACADEMIC_NAME = re.compile(r"(?:(?:Dr|Prof)\.\s*)+(\S.*)")


_HEADER_TITLE_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "title", "script", "style"})


def _site_owner(ev: Evidence) -> list[str]:
    """The owner of a personal site named after them (wolfgangmichal.de), when no byline names anyone:
    the page title's "Gregory Szorc's Digital Home | Post", or the copyright line's "© 2020 Wolfgang Michal";
    for a blog on a platform's subdomain named after them (alexanderlasch.wordpress.com), also the header's
    text naming them alone beside the blog's title ("<span class=site-description>Alexander Lasch</span>").

    As for an author meta tag (``_domain_owner``), not when a declared site name spells the name
    with its spaces: then it may as well be an outlet's ("Evening Standard").
    """
    label = _domain_name(ev.url).replace("-", "")  # (alexander-klier.net)
    sub = _own_subdomain(ev.url).replace("-", "")
    if sub == label or len(sub) < 6 or not sub.isalpha():
        sub = ""
    if len(label) < 6 or not label.isalpha():
        label = ""
    if not label and not sub:
        return []
    # A site name with a doctor's or professor's title is a person's ("Dr. Alexander Klier"), not an outlet's.
    titled = [m.group(1) for n in ev.site_names if (m := _ACADEMIC_NAME.fullmatch(_norm(n)))]
    before, after = ev.scan.window_parts()
    names = [m.group(1) for part in _TITLE_SEPARATORS.split(ev.title_tag) if (m := _POSSESSIVE.match(_norm(part)))]
    for t in before[-80:] + after[:500]:
        if len(t) <= 80 and ("©" in t or "(c)" in t or "opyright" in t) and (m := _COPYRIGHT.match(_norm(t))):
            names.append(_HOLDER_END.split(_norm(t)[m.end():])[0])
    # (in the header, a heading or a link is the site's title itself, "<header><h1>Notícia Exata</h1>": an outlet's;
    # and a domain of its own spelling a header's words is as often a magazine's, "Schweizer Jäger")
    body = ev.tree.find("body") if sub else None
    header = [el.text for el in itertools.islice(body.iter(), 300) if el.text and len(el.text) <= 40
              and el.tag not in _HEADER_TITLE_TAGS and _bare_name(_norm(el.text))] if body is not None else []
    for name, spelt_by in [(n, label) for n in names + titled] + [(n, sub) for n in header]:
        name = _norm(name).rstrip(".")
        if (spelt_by and _bare_name(name) and not _ORG_WORDS.search(name) and spelt_by in _spellings(name)
                and (name in titled or not any(_norm(n).casefold() == name.casefold() for n in ev.site_names))):
            return [name]
    return []
