"""The article's title: h1, og:title, JSON-LD headline and <title>, with site names, kickers and
labels taken off."""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterator
from datetime import UTC
from html import unescape as html_unescape
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from media_monitor.extract.authors import _ld_author_names
from media_monitor.extract.dates import parse_date_value
from media_monitor.extract.evidence import Evidence, _marked_titles, _teaser_like
from media_monitor.extract.markup import (
    _BYLINE_TEXT,
    _COMMENTS_TEXT,
    _DOUBLED_PIPE,
    _INVISIBLE,
    _TITLE_SEPARATORS,
    _WORDS,
    _X_H1,
    _X_H2,
    _feed_site_names,
    _in_chrome,
    _is_logo,
    _is_site_name,
    _norm,
    _split_parts,
    _squash,
    _story_chars_before,
    _types,
    _unaccented,
)
from media_monitor.extract.names import _BYLINE_PREFIX, _URLISH
from media_monitor.extract.urls import page_path as _page_path
from media_monitor.extract.urls import registrable_domain, same_site, url_host

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


_BRACKETED_ABBREVIATION = re.compile(r"\(([^\W\d_]{2,8})\)$")


def _content_words(text: str) -> set[str]:
    """Lower-cased words of three letters or more: what two wordings of a headline share."""
    return {w for w in _WORDS.findall(text.lower()) if len(w) >= 3}


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


def _folded(text: str) -> str:
    """Squashed, and without accents: "Últimas Noticias" as the host ultimasnoticias.com writes it."""
    return _unaccented(_squash(text))


def _more_words(parts: list[str], than: int) -> bool:
    """Whether the parts hold more than ``than`` words; counts only as far as needed."""
    total = 0
    for part in parts:
        total += len(part.split())
        if total > than:
            return True
    return False


def _names_host(part: str, before: list[str], site_names: list[str]) -> bool:
    """A title part after the story that holds the site's one-word name (its host's: "standard",
    "yle", "kath.net") as a word of its own, or is that name spelt with spaces and accents: "London
    Evening Standard", "Yle Uutiset", "Últimas Noticias". A part no shorter than the story before
    it may be the story itself ("Politics | Standard raises its prices | ...")."""
    words = part.split()
    if not 1 <= len(words) <= 5 or not _more_words(before, len(words)):
        return False
    names = {_folded(n) for n in site_names if len(n.split()) == 1}
    names = {n for n in names if len(n) >= 3}
    return bool(names) and (_folded(part) in names or any(_folded(w) in names for w in words))


_LEADING_LABEL = re.compile(r"([^:|]{2,40}):\s+(?=\S)")
_TRAILING_NOTE = re.compile(r"\s+[(\[]([^()\[\]]{2,40})[)\]]$")
_TRAILING_NAME = re.compile(r"(?:(?<=[^\s:]):|\s[«‹])\s+([^:|«‹»›]{2,40})$")
_DATE_ONLY = re.compile(r"[\d\s.,:/-]+(?:uhr|h|am|pm)?", re.I)


def _strip_site_name(title: str, site_names: list[str], trailing: set[str] | frozenset[str] = frozenset()) -> str:
    """Drop " | Site" / "Site - " parts that name the site rather than the story.

    Everything from the first trailing part that names the site on goes too: it is the site's
    tagline ("Story : Blog | Tagline | Since 2005"). ``trailing`` holds squashed names that end a
    title only after the story (the section the page declares: "Story | Politics | Site").
    """
    title = _DOUBLED_PIPE.sub(r"\1", title)
    # "Story (Video)", "Story [Fotos] | Site": what the page holds, not what the story says.
    note = _MEDIA_NOTE.search(title)
    if note and note.start() >= 4:
        title = title[: note.start()] + title[note.end():]
    # "Site: Story" (a colon right after the name) and "Story (Site)".
    lead = _LEADING_LABEL.match(title)
    if lead and len(title) - lead.end() >= 8 and _is_site_name(lead.group(1), site_names, exact=True):
        title = title[lead.end():]
    note = _TRAILING_NOTE.search(title)
    if note and note.start() >= 8 and _is_site_name(note.group(1), site_names):
        title = title[: note.start()]
    # "Story: Site" and "Story « Site" (a mark no separator split takes: French quotes open with it)
    # when what follows is the site's name itself.
    note = _TRAILING_NAME.search(title)
    if note and note.start() >= 8 and _is_site_name(note.group(1), site_names, exact=True):
        title = title[: note.start()]
    parts = _TITLE_SEPARATORS.split(title)
    seps = _TITLE_SEPARATORS.findall(title)
    # A trailing part that is only a date or time ("Story : 31.10.2023, 10.19 Uhr") is no part of the story.
    while len(parts) > 1 and _DATE_ONLY.fullmatch(parts[-1].strip()) and sum(c.isdigit() for c in parts[-1]) >= 4:
        parts.pop()
        seps.pop()
    # What the page holds rather than what the story says ("Story - Page 2", "Story | Photos"), last
    # in the title: not a part to weigh as a section or the story ("Site - Section - Story - Page 2").
    while len(parts) > 2 and _MEDIA_LABEL.fullmatch(parts[-1].strip()):
        parts.pop()
        seps.pop()
    if len(parts) < 2:
        return _DANGLING_SEPARATOR.sub("", parts[0].strip())
    # A site name with a separator of its own ("Story - Salsa Moves - Dance in Town"): the
    # parts one by one name nothing, the run of trailing (or leading) parts does.
    exact = [_squash(n) for n in site_names if _TITLE_SEPARATORS.search(n)]
    # (a run longer than every such name cannot be one: skipped unsquashed, so that a title of
    # thousands of parts costs no quadratic time; a join can only merge one character per seam)
    longest = max(map(len, exact), default=-1)
    # least[j]: the least squashed length of the first j parts joined
    least = [0, *itertools.accumulate(len(_squash(p)) - 1 for p in parts)] if exact else [0] * (len(parts) + 1)
    for i in range(1, len(parts) - 1):
        if least[-1] - least[i] + 1 <= longest and _squash("".join(parts[i:])) in exact:
            parts, seps = parts[:i], seps[: i - 1]
            break
        if least[len(parts) - i] + 1 <= longest and _squash("".join(parts[: len(parts) - i])) in exact:
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
        named = (
            _is_site_name(parts[i], site_names) or _abbreviated_site(parts[i], site_names)
            or _names_host(parts[i], parts[:i], site_names)
        )
        if (
            named
            # the declared section or author, also with its lead-in: "Story | by Jane Doe | Site"
            or (trailing and (_squash(parts[i]) in trailing or _squash(_BYLINE_PREFIX.sub("", parts[i])) in trailing))
        ):
            # "Story | Section | Site": a word or two set off by the mark that sets off the site's
            # name, after a story of three words or more, is the section the page does not declare
            if (
                named and i >= 2 and seps[i - 2].strip() == seps[i - 1].strip()
                and _SECTION_WORDS.fullmatch(parts[i - 1].strip()) and len(" ".join(parts[: i - 1]).split()) >= 3
            ):
                i -= 1
            parts, seps = parts[:i], seps[: i - 1]
            break
    # What the page holds rather than what the story says: "Story - Page 2", "Story | Photos"; and
    # nothing at all, between two separators the page doubled ("Story - | Site"), or no letter or
    # digit (a rating's stars, "Story » ☆☆☆☆☆").
    while len(parts) > 1 and (_MEDIA_LABEL.fullmatch(parts[-1].strip()) or not _squash(parts[-1])):
        parts.pop()
        seps.pop()
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=False):
        out += sep + part
    return _DANGLING_SEPARATOR.sub("", out.strip())


# A separator with nothing after it (or before it): "Story -", "Story |" where the page's template
# left the site's name out.
# (» and › close a French quote: "« Nous allons reconstruire »")
_DANGLING_SEPARATOR = re.compile(r"\s+[|\-–—·•ǀ:/]+$|^[|\-–—·•»›ǀ:/]+\s+")


# A section's name: a word or two of letters ("Politik", "Local News", "Économie").
_SECTION_WORDS = re.compile(r"[^\W\d_][^\W\d_&.-]{1,20}(?:[ &-]+[^\W\d_][^\W\d_.]{1,20})?")


# A page of a story, or a kind of media a page holds: "Page 2", "Seite 2 von 3", "Video", "Fotos".
_MEDIA_LABEL = re.compile(
    r"(?:page|seite|página|pagina|strona|side|sida|sivu)\s*\d{1,3}(?:\s*(?:of|von|de|di|z|/)\s*\d{1,3})?|"
    r"videos?|fotos?|photos?|bilder|bildergalerie|fotostrecke|galerie|gallery|fotogalerie|galería|podcast|audio|"
    r"liveblog|live-?ticker",
    re.I,
)
_MEDIA_NOTE = re.compile(
    r"\s+[(\[](?:videos?|fotos?|photos?|bilder|galerie|gallery|galería|podcast|audio|liveblog|live-?ticker|"
    r"(?:page|seite|página|pagina|strona)\s*\d{1,3})[)\]](?=$|\s*[|:–—·•»›ǀ/-])",
    re.I,
)

# Class tokens of text kept only for screen readers ("<span class="sr-only">Headline:</span>").
# Whole tokens: Drupal's "field--label-hidden" wraps the visible headline itself. Bootstrap's
# "invisible" hides from everyone; what it holds is no more seen.
_SR_ONLY_TOKEN = re.compile(
    r"(?:[\w-]*[-_])?(?:sr-only|visually-?hidden|screen-?reader-?(?:text|only)?|element-invisible|offscreen|"
    r"a11y-hidden|hidden-visually)|aural|hidden|is-hidden|u-hidden|invisible",
    re.I,
)


# Elements whose text no reader sees: a style sheet CSS-in-JS sets inside the heading itself
# ("<h1><style>.css-x{...}</style>Headline</h1>"), a script, a template.
_UNSHOWN_TAGS = frozenset({"style", "script", "noscript", "template"})
_NO_TEXT_CHILD = _UNSHOWN_TAGS | {"br", "img", "svg"}


def _is_sr_only(el: lxml.html.HtmlElement) -> bool:
    """Text kept for screen readers only, or not shown at all (see _UNSHOWN_TAGS)."""
    if el.tag in _UNSHOWN_TAGS or el.get("hidden") is not None:
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
    children = [c for c in box if isinstance(c.tag, str) and c.tag not in _NO_TEXT_CHILD]
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


# The label of a page's control set as a heading: log in, sign up, search, menu, newsletter.
_UI_HEADING = re.compile(
    r"\W*(?:log\s?-?in|log ind|logga in|sign (?:in|up)|anmeld(?:en|ung)|einloggen|login|registrier(?:en|ung)|register|"
    r"se connecter|connexion|iniciar sesi[oó]n|zaloguj(?: się)?|accedi|inloggen|войти|вход|"
    r"suche|search|buscar|recherche|menu|menü|newsletter)\W*",
    re.I,
)


def _section_link(el: lxml.html.HtmlElement) -> bool:
    """An element that is a link, or only wraps one, with no text of its own."""
    while el.tag != "a":
        kids = [c for c in el if isinstance(c.tag, str)]
        if len(kids) != 1 or (el.text or "").strip() or (kids[0].tail or "").strip():
            return False
        el = kids[0]
    return bool(el.get("href"))


_SPAN_TAGS = frozenset({"span", "div", "p", "small", "strong", "b"})
_DASH_ONLY = re.compile(r"\s*[-–—]?\s*")
_TITLE_CLASS = re.compile(r"title|headline", re.I)


def _kicker_span(first: lxml.html.HtmlElement, children: list[lxml.html.HtmlElement]) -> bool:
    """An h1 of two spans, a kicker of a few words and a headline of its own: "<h1><span>Weather</span>
    <span>Storm front reaches the coast</span></h1>", maybe a dash between them. The kicker ends in no
    punctuation that joins it to what follows ("Weather:", "Storm warning ... for the coast" reads on),
    and the headline begins as a sentence does, with a capital, a digit or a quote."""
    if len(children) != 2 or first.tag not in _SPAN_TAGS or children[1].tag not in _SPAN_TAGS:
        return False
    if not _DASH_ONLY.fullmatch(first.tail or "") or (children[1].tail or "").strip():
        return False
    # (a headline's own class on the first, a subtitle's on the second: headline and subtitle)
    if _TITLE_CLASS.search(first.get("class", "")) or _SUBTITLE_CLASS.search(children[1].get("class", "")):
        return False
    kicker = _visible_text(first).rstrip(" -–—")
    headline = _visible_text(children[1])
    return (
        # (a colon hidden from eyes still joins: "<span>Kicker<span class=visually-hidden>: </span></span>")
        1 <= len(kicker.split()) <= 3 and kicker[-1:].isalnum() and len(headline.split()) >= 3
        and _norm(first.text_content()).rstrip(" -–—")[-1:].isalnum()
        and (headline[0].isupper() or headline[0].isdigit() or headline[0] in "\"'“„«‘‚")
    )


def _without_kicker(el: lxml.html.HtmlElement, text: str, parts: Collection[str] = ()) -> str:
    """A headline without the kicker set above it in the same h1 ("Wetter", "Nach Corona-Lockerungen")
    or a date written in front of it ("08.11.2021 | ...").

    A kicker is the h1's first child when its class says so, or when the h1 is three elements,
    kicker, separator, headline, and the separator is hidden from eyes or from screen readers
    ("<span>Kicker</span><span class=sr-only> - </span><span>Headline</span>"): it is there only so
    that the text reads well where the two lines are not set apart. So is a first child of a few
    words that the headline's own text follows ("<h1><span>Kicker</span> Headline</h1>") when a
    declared title sets it apart as a part of its own (``parts``, squashed: "Kicker - Headline | Site").
    """
    # schema.org microdata marks the headline itself inside the h1: "<h1><span>Kicker</span><br>
    # <span itemprop=headline>Headline</span></h1>".
    marked = [d for d in el.iterdescendants() if isinstance(d.tag, str) and d.get("itemprop") == "headline"]
    if len(marked) == 1:
        inner = _visible_text(marked[0])
        if len(inner.split()) >= 2 and text.endswith(inner):
            el, text = marked[0], inner
    # "<h1><a href=...><span class=label>Prefix</span> Headline</a></h1>": look inside a lone wrapper
    # that holds the whole text (a forum's thread prefix sits inside the thread's link).
    while True:
        kids = [c for c in el if isinstance(c.tag, str) and c.tag != "br" and c.tag not in _UNSHOWN_TAGS]
        if len(kids) != 1 or (el.text or "").strip() or (kids[0].tail or "").strip() or _visible_text(kids[0]) != text:
            break
        el = kids[0]
    children = [c for c in el if isinstance(c.tag, str) and c.tag != "br" and c.tag not in _UNSHOWN_TAGS]
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
                or _kicker_span(first, children)
                or (len(children) == 1 and first.tag in _SPAN_TAGS and len(kicker.split()) <= 5
                    and len((first.tail or "").split()) >= 3 and _squash(kicker) in parts)
            )
        ):
            text = text[len(kicker):].strip(" :–—-|")
        last = children[-1]
        tail = _visible_text(last)
        if (
            len(children) >= 2 and tail and text.endswith(tail) and len(text) > len(tail) + 8
            and not (last.tail or "").strip()
            # a subtitle, or a kicker that the markup puts after the headline and the layout above it
            and (_SUBTITLE_CLASS.search(f"{last.get('class', '')} {last.get('id', '')}")
                 or _KICKER_CLASS.search(f"{last.get('class', '')} {last.get('id', '')}"))
        ):
            text = text[: -len(tail)].strip(" :–—-|")
        elif (
            len(children) == 3 and not any((c.tail or "").strip() for c in children)
            and _SEPARATOR_ONLY.fullmatch(children[1].text_content() or "")
            and (_is_sr_only(children[1]) or children[1].get("aria-hidden") == "true")
            and _visible_text(children[0]) and len(_visible_text(children[2]).split()) >= 2
        ):
            text = _visible_text(children[2])
    # "<h1>Headline <span class=date>12.03.2021</span></h1>": a date set after the headline, or
    # the byline ("<h1>Headline <small>by Jane Doe</small></h1>").
    if children and not (children[-1].tail or "").strip():
        tail = _visible_text(children[-1])
        if tail and text.endswith(tail) and len(text) > len(tail) + 8 and (_date_only(tail) or _byline_only(tail)):
            text = text[: -len(tail)].strip(" :–—-|,")
    return _H1_LEADING_DATE.sub("", text)


def _without_unsaid_kicker(el: lxml.html.HtmlElement, text: str, said: set[str]) -> str:
    """A headline without the first line or first child of its h1 when that is a kicker of three words
    at most ("<h1><span>Politik</span> Story</h1>", "<h1>Politik<br>Story</h1>"), or without its last
    line or last child of six words at most (a subtitle, a badge: "<h1>Story <span>Exklusiv</span></h1>"),
    that no declared title carries, while they carry the rest: what only the page's layout adds."""
    lines = _text_lines(el) if next(el.iter("br"), None) is not None else None
    kids = [c for c in el if isinstance(c.tag, str)]
    if lines is not None:
        kicker = lines[0] if len(lines) >= 2 else ""
        tail = lines[-1] if len(lines) >= 2 else ""
    else:
        kicker = _visible_text(kids[0]) if kids and not (el.text or "").strip() else ""
        tail = _visible_text(kids[-1]) if kids and not (kids[-1].tail or "").strip() else ""
    for extra, most, lead in ((kicker, 3, True), (tail, 6, False)):
        if not extra or len(extra.split()) > most or not (text.startswith(extra) if lead else text.endswith(extra)):
            continue
        rest = (text[len(extra):] if lead else text[: -len(extra)]).strip(" :–—-|")
        words = _content_words(extra)
        if len(rest.split()) >= 3 and words and not words & said and len(_content_words(rest) & said) >= 2:
            return rest
    return text


def _byline_only(text: str) -> bool:
    """A short text that is a byline and nothing more: "Von Jane Doe", "by Jane Doe", "Par Jeanne Dupont"."""
    if len(text.split()) > 6:
        return False
    m = _BYLINE_TEXT.match(text)
    return (
        bool(m) and m.end() >= len(text.rstrip()) and not m.group("bare") and not m.group("handle")
        and len(text.split()) >= 3
        # a title-case phrase is no name: "By The Harbour", "Von Der Leyen's plan"
        and not any(w.lower() in _ARTICLES for w in text.split()[1:])
    )


# Articles that begin a phrase but are no part of a person's name.
_ARTICLES = frozenset("the a an der die das den dem ein eine le la les un une el los las il lo gli uno una".split())


def _date_only(text: str) -> bool:
    """A short text that is a date and nothing more: "12.03.2021", "Saturday, 9 September 2017"."""
    return len(text.split()) <= 5 and any(c.isdigit() for c in text) and parse_date_value(text, UTC) is not None


# A note in brackets at the end of a declared title: "(2021/5)", "[Video]", "(Update)".
_BRACKET_NOTE = re.compile(r"\s+(?:\([^()]{1,30}\)|\[[^\[\]]{1,30}\])$|\s*（[^（）]{1,30}）$")


def _names_site(text: str, trailing_parts: set[str]) -> bool:
    """A heading that repeats a trailing part of the <title> ("Story | Blog Name") names the site,
    unless it is as long as a headline: "Neu - Mini-SUV auf dem Vormarsch - Vorstellung" puts a
    section before the story and a label after it, and the h1 is the story."""
    return _squash(text) in trailing_parts and len(text.split()) <= 3


_PART_BREAK = re.compile(r"\s+::\s+|(?<=\S):\s+|\s+[|\-–—·•»›ǀ:/]\s+")


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


def _shared_beginning(a: str, b: str) -> str | None:
    """The leading parts two titles share ("Story: What you need to know", "Story: Town Hall"), when
    they go on with different words: a story-sized run (three words or more), as the first title
    writes it."""
    pa, pb = _PART_BREAK.split(a), _PART_BREAK.split(b)
    n = 0
    while n < min(len(pa), len(pb)) and _squash(pa[n]) == _squash(pb[n]):
        n += 1
    if not n or n in (len(pa), len(pb)):
        return None
    # what follows differs in substance (another subtitle, the site's name), not in wording: "...
    # victory over Celtics" and "... victory over Boston Celtics" are one story part
    if _content_words(" ".join(pa[n:])) & _content_words(" ".join(pb[n:])):
        return None
    breaks = list(itertools.islice(_PART_BREAK.finditer(a), n))
    shared = a[: breaks[n - 1].start()].strip()
    return shared if len(shared.split()) >= 3 and len(_squash(shared)) >= 12 else None


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


def _breadcrumb_names(ev: Evidence) -> list[str]:
    """The names of a schema.org BreadcrumbList's items before its last (the page itself): the site
    and the sections the story is filed under ("Home > Politics > Story")."""
    names: list[str] = []
    for obj in ev.ld:
        if "breadcrumblist" not in _types(obj):
            continue
        items = obj.get("itemListElement")
        items = items if isinstance(items, list) else [items]
        found = []
        for li in items[:12]:
            li = ev.resolve(li)
            if not isinstance(li, dict):
                continue
            name, item = li.get("name"), ev.resolve(li.get("item"))
            if not name and isinstance(item, dict):
                name = item.get("name")
            if isinstance(name, str):
                found.append(name)
        names += found[:-1]
    return names


_X_BREADCRUMB_LISTS = etree.XPath(
    '//*[contains(@itemtype, "BreadcrumbList") or contains(@typeof, "BreadcrumbList")]'
)


def _markup_breadcrumb_names(tree: lxml.html.HtmlElement) -> list[str]:
    """The names of a microdata or RDFa BreadcrumbList's items before its last (the page itself)."""
    names: list[str] = []
    for crumbs in _X_BREADCRUMB_LISTS(tree)[:3]:
        found = []
        for el in crumbs.iter():
            if isinstance(el.tag, str) and "name" in (el.get("itemprop") or el.get("property") or "").split():
                found.append(_norm(el.get("content") or el.text_content()))
        names += found[:-1]
    return names


_SHOWN_SKIP = frozenset({"script", "style", "noscript", "title", "option", "template"})
_SHOWN_NAV = frozenset({"a", "li", "nav", "button", "label"})
_LOWER_HEADINGS = frozenset({"h3", "h4", "h5", "h6"})


def _in_page_frame(ancestors: list[lxml.html.HtmlElement]) -> bool:
    """Inside navigation, a sidebar, a footer or a <header> outside any article/main/section: where
    the site shows its own name."""
    for i, anc in enumerate(ancestors):
        if anc.tag in ("nav", "aside", "footer"):
            return True
        if anc.tag == "header" and not any(a.tag in ("article", "main", "section") for a in ancestors[i + 1:]):
            return True
    return False


def _shown_before(
    tree: lxml.html.HtmlElement, heading: lxml.html.HtmlElement, titles: list[str], url: str
) -> bool:
    """A declared title shown in the page's body before ``heading`` as the whole text of an element
    ("<div class=headline>Story</div>" above "<h2>Subtitle</h2>"); a link or a list's item with
    that text (a menu entry, a breadcrumb) names the page and does not count, nor does a lower
    heading (an overline), nor the page's header, footer or a logo (the site's name as <title>)."""
    targets = {sq for sq in (_squash(t) for t in titles) if len(sq) >= 8}
    body = tree.find("body")
    if not targets or body is None:
        return False
    # (a lower heading that holds it is an overline above the story's h2: "<h4>Weekly report
    # 14-20 January</h4><h2>Story</h2>" under "<title>Weekly report 14-20 January - Site")
    for node, _ in _wholly_shown(body, targets, min_head=5, until=heading, skip_tags=_LOWER_HEADINGS):
        return not _is_logo(node, url)
    return False


def _wholly_shown(
    body: lxml.html.HtmlElement, targets: Collection[str], *, min_head: int,
    until: lxml.html.HtmlElement | None = None, skip_tags: Collection[str] = (),
) -> Iterator[tuple[lxml.html.HtmlElement, str]]:
    """Elements of the body, in document order up to ``until``, whose whole text is one of the
    (squashed) targets: the element that starts with it or one of its nearest ancestors, outside
    links, menus, the page's header/footer, navigation and sidebars. Yields (element, squashed text)."""
    longest = max(map(len, targets))
    for el in body.iter():
        if el is until:
            return
        if not isinstance(el.tag, str) or el.tag in _SHOWN_SKIP or el.tag in skip_tags or not el.text:
            continue
        head = _squash(el.text)
        if len(head) < min_head or not any(t.startswith(head) for t in targets):
            continue
        ancestors = [el, *el.iterancestors()]
        if any(a.tag in _SHOWN_NAV for a in ancestors) or _in_page_frame(ancestors):
            continue
        # the element, or one of its nearest ancestors, holds the whole of the text and no more
        for node in ancestors[:4]:
            whole = _squash(node.text_content())
            if whole in targets:
                yield node, whole
                break
            if len(whole) > longest:
                break


def _framed_parts(tree: lxml.html.HtmlElement, titles: list[str]) -> list[str]:
    """Parts after the first of the titles that the page shows as the whole text of an element in its
    frame (its header, footer, navigation or a sidebar): the site's name or tagline ("<header><div
    class=brand>Daily Ledger</div></header>" under "Story | Daily Ledger"), a section. Never a title's
    longest part (the story, also shown in a breadcrumb), nor one of more than six words."""
    targets: dict[str, str] = {}
    for title in titles:
        parts = _split_parts(title)
        if len(parts) < 2 or title.endswith(("…", "...")):  # a part cut short may begin with a name
            continue
        longest = max(parts, key=len)
        for part in parts[1:]:
            if part is not longest and len(part.split()) <= 6 and len(_squash(part)) >= 3:
                targets[_squash(part)] = part
    body = tree.find("body")
    found: list[str] = []
    if not targets or body is None:
        return found
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in _SHOWN_SKIP or not el.text:
            continue
        head = _squash(el.text)
        if not head or not any(t.startswith(head) for t in targets):
            continue
        whole = _squash(el.text_content())
        if whole in targets and _in_page_frame([el, *el.iterancestors()]):
            found.append(targets.pop(whole))
            if not targets:
                break
    return found


def _title_runs(title: str) -> list[tuple[str, bool]]:
    """The runs of a title's leading and trailing whole parts short of the whole, of two words or more
    (one word is a breadcrumb's, a category's), each with whether it leads: "A | B | C" gives A, A B, B C, C."""
    parts = _split_parts(title)[:12]
    runs = []
    for k in range(1, len(parts)):
        for run, leading in ((parts[:k], True), (parts[k:], False)):
            text = " ".join(run)
            if len(_squash(text)) >= 8 and len(text.split()) >= 2:
                runs.append((text, leading))
    return runs


def _with_runs(titles: list[str]) -> list[str]:
    """Titles and the runs of their whole parts."""
    return titles + [run for t in titles for run, _ in _title_runs(t)]


def _shown_run(tree: lxml.html.HtmlElement, title: str, url: str) -> str | None:
    """The run of a declared title's leading (or else trailing) whole parts that the page's body shows
    as the whole text of an element, as it shows it: "Story | Tagline" over "<div class=headline>Story</div>".
    The rest is what only the title carries: the site's name, a tagline, a section. A link or a menu's
    item, the page's header or footer and a logo do not count (the site's name is shown there)."""
    targets: dict[str, bool] = {}
    for run, leading in _title_runs(title):
        sq = _squash(run)
        targets[sq] = targets.get(sq, False) or leading
    body = tree.find("body")
    if not targets or body is None:
        return None
    found: dict[bool, str] = {}
    for node, whole in _wholly_shown(body, targets, min_head=3):
        if not _is_logo(node, url):
            found.setdefault(targets[whole], _visible_text(node))
            if True in found:
                break
    return found.get(True) or found.get(False)


def _carried(sq: str, declared: list[str], headings: list, url: str) -> bool:
    """Whether a declared title is just ``sq`` (squashed), or a heading outside the page's frame and
    logos shows it."""
    return any(_squash(d) == sq for d in declared) or any(
        sq in _squash(v[0]) for el, v in headings if not _is_logo(el, url) and not _in_chrome(el)
    )


_X_NEXT_HEADING = etree.XPath("following::*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6][1]")


def _section_h1(
    el: lxml.html.HtmlElement, variants: list[str], tree: lxml.html.HtmlElement, url: str,
    sections: Collection[str] = (),
) -> bool:
    """An h1 of one to three words that names the page's section, not its story: it stands in the
    site's frame, is a link, is the section the page declares, or the page links another entry by
    its text (a menu's, a breadcrumb's: "<li><a href=/blog/>Blog</a></li>" ... "<h1>Blog</h1>"); and
    the next heading is an h2 of four words or more in the page's content: the story's headline."""
    text = variants[0] if variants else ""
    if not text or len(text.split()) > 3 or _is_logo(el, url):
        return False
    nxt = _X_NEXT_HEADING(el)
    if not nxt or nxt[0].tag != "h2" or _in_chrome(nxt[0]):
        return False
    story = _visible_text(nxt[0])
    if len(story.split()) < 4 or len(story) > 250 or story.endswith(":"):
        return False
    # (or the section the page declares: article:section, articleSection, a BreadcrumbList's item)
    if _in_chrome(el) or _section_link(el) or _squash(text) in sections:
        return True
    # (a link to the page itself is its own menu entry, of a page that is the section's; a tag's
    # link names a topic)
    own = _page_path(url)
    return any(
        _norm(a.text_content()) == text and a.get("href") and "tag" not in (a.get("rel") or "").split()
        and (not own or _page_path(a.get("href", ""), url) != own)
        and not any(x is el for x in a.iterancestors())
        for a in itertools.islice(tree.iter("a"), 400)
    )


def _links_home(el: lxml.html.HtmlElement, url: str) -> bool:
    """Whether the element holds a link to the site's home page ("/", "https://example.org/")."""
    host = url_host(url)
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        try:
            parts = urlsplit(urljoin(url, href))
        except ValueError:
            continue
        if (
            href and parts.path in ("", "/") and not parts.query
            and (not urlsplit(href).netloc or same_site(parts.hostname or "", host))
        ):
            return True
    return False


def _self_linked(text: str, tree: lxml.html.HtmlElement, url: str) -> bool:
    """Whether a link to the page itself (its URL's host, path and query) has ``text`` as its whole text."""
    own = _page_path(url, with_query=True)
    return bool(own) and any(
        _norm(a.text_content()) == text and a.get("href") and _page_path(a.get("href", ""), url, with_query=True) == own
        for a in itertools.islice(tree.iter("a"), 400)
    )


def _marked_headline(tree: lxml.html.HtmlElement, url: str) -> str | None:
    """The text of the first element the markup calls a headline (see evidence._marked_titles), of three
    words or more, in the page's content (no menu's, no teaser's, no logo) and before the story's text."""
    for el in _marked_titles(tree)[:30]:
        text = _visible_text(el)
        if len(text.split()) < 3 or len(text) > 250 or _teaser_like(el) or _in_chrome(el) or _is_logo(el, url):
            continue
        if _story_chars_before(el) >= 200:
            return None
        return text
    return None


def _fuller_h2(h1: lxml.html.HtmlElement, text: str, h2s: list[lxml.html.HtmlElement]) -> str | None:
    """The h2 right after the h1 when it repeats the h1's text and goes on after a separator: the
    fuller headline ("<h1>Vintage trucks, part 49</h1><h2>Vintage trucks, part 49 – Büssing-NAG</h2>")."""
    # (the page's h2s first: the search for the next heading scans the rest of the page)
    if not any(_norm(h.text_content()).startswith(text) for h in h2s):
        return None
    nxt = _X_NEXT_HEADING(h1)
    if not nxt or nxt[0].tag != "h2" or _in_chrome(nxt[0]):
        return None
    full = _visible_text(nxt[0])
    return full if len(full) <= 250 and full.startswith(text) and _PART_BREAK.match(full, len(text)) else None


def _fuller_h1(h1s: list, stripped: list[str], url: str, parts: Collection[str]) -> str | None:
    """The first h1 outside the page's frame whose text is a declared title (site name stripped, two
    words or more) and more after a separator: "Title: Subtitle" over "Title | Site"."""
    for el, variants in h1s:
        if not variants or _is_logo(el, url) or _in_chrome(el):
            continue
        for bare in stripped:
            if len(bare.split()) >= 2 and variants[0].startswith(bare) and _PART_BREAK.match(variants[0], len(bare)):
                return _without_kicker(el, variants[0], parts)
    return None


def _trusted_h2(h2s: list, declared: list[str], stripped: list[str]) -> str | None:
    """The first h2 outside the page's frame whose whole text one of the declared titles gives."""
    targets = {sq for t, b in zip(declared, stripped, strict=True) for sq in (_squash(t), _squash(b)) if sq}
    for el, variants in h2s:
        if variants and _squash(variants[0]) in targets and not _in_chrome(el):
            return _without_kicker(el, variants[0])
    return None


def extract_title(ev: Evidence) -> str | None:
    ld_headlines = [_norm(html_unescape(v)) for v in ev.ld_values("headline") if isinstance(v, str)]
    ld_names = [_norm(html_unescape(v)) for v in ev.ld_values("name") if isinstance(v, str)]
    metas = [
        ev.first_meta("og:title"), ev.first_meta("twitter:title"), ev.first_meta("dc.title", "dcterms.title"),
        ev.first_meta("parsely-title", "sailthru.title", "title", "headline"),
    ]
    meta_titles = [_norm(html_unescape(m)) if m else "" for m in metas]
    declared = [t for t in ld_headlines + meta_titles + ld_names + [ev.title_tag] if t]
    # The titles made for the story itself, not for the page (see step 1): og:title, twitter:title.
    story_titles = (set(ld_headlines) | set(meta_titles[:2])) - {""}
    # A JSON-LD name that no other source gives names any thing the page shows (a video, a recipe
    # card, the publisher), not always the story.
    ld_name_only = set(ld_names) - set(ld_headlines) - set(meta_titles) - {ev.title_tag}
    h1s = [(el, _heading_variants(el)) for el in _X_H1(ev.tree)[:8]]
    # Up to 40 h2s: shop and portal layouts put a score of menu/teaser h2s before the story's own.
    h2s = [(el, _heading_variants(el)) for el in _X_H2(ev.tree)[:40]]
    # A logo h1 (a link home, a logo class) that repeats a trailing part of the <title> names the site.
    trailing_parts = {_squash(p) for t in declared for p in _split_parts(t)[1:]}
    # (and every part: a kicker the h1 sets before its headline is one, see _without_kicker)
    declared_parts = trailing_parts | {_squash(_split_parts(t)[0]) for t in declared if _split_parts(t)}
    site_names = ev.site_names + [
        v[0] for el, v in h1s if v and _squash(v[0]) in trailing_parts and _is_logo(el, ev.url)
    ]
    # The section the page declares (OpenGraph article:section, schema.org articleSection) ends a
    # title after the story as the site's name does: "Story | Politics | Site".
    sections = ev.meta.get("article:section", []) + [
        v for value in ev.ld_values("articleSection") for v in (value if isinstance(value, list) else [value])
    ]
    sections += _breadcrumb_names(ev)
    # An h1 that names the page's section above the story's own h2 is no story's h1 (see _section_h1).
    named = {_squash(v) for v in sections if isinstance(v, str)}
    h1s = [(el, v) for el, v in h1s if not _section_h1(el, v, ev.tree, ev.url, named)]
    # A heading that is a control's label ("Log In" over a login form, "Suche", "Menü") is no story's.
    h1s = [(el, v) for el, v in h1s if not (v and _UI_HEADING.fullmatch(v[0]))]
    h2s = [(el, v) for el, v in h2s if not (v and _UI_HEADING.fullmatch(v[0]))]
    # Feed links and links home name the site too, for stripping it from a declared title; a name
    # that is the whole of a declared title is no help (it would strip the story itself).
    whole = {_squash(t) for t in declared}
    strip_names = site_names + [
        n for n in _feed_site_names(ev.tree) if _squash(n) not in whole
    ]
    # So does the author the page declares (meta author, a JSON-LD Person): "Story - Jane Doe | Site".
    authors = [v for k in ("author", "article:author") for v in ev.meta.get(k, []) if not _URLISH.fullmatch(v.strip())]
    authors += _ld_author_names(ev)[0]
    trailing = {sq for sq in (_squash(v) for v in sections + authors if isinstance(v, str)) if len(sq) >= 3}
    stripped = [_strip_site_name(d, strip_names, trailing) for d in declared]
    headings = [(el, v) for el, v in h1s + h2s if v]
    # 1. A heading the metadata confirms word for word: the headline as the reader sees it. The
    #    metadata is asked in its order of trust (JSON-LD headline, og:title, ..., <title> last): a
    #    section name shown as an h1 ("News") often equals "<title>" minus the site name, while
    #    og:title names the story shown in a second h1. An h1 goes before any h2.
    #    A heading's kicker stays off even when og:title, made from the heading's text, repeats it
    #    (an h2's too: the story's headline where the h1 names the site or there is none).
    #    But an h1 that only a less trusted title confirms (the <title>, made for a section or for
    #    search) gives way to an h2 of the content whose whole text a more trusted one (og:title, the
    #    JSON-LD headline) gives: the headline the story shows under a heading made for the page.
    for group in (h1s, h2s):
        found: dict[str, str] = {}
        where: dict[str, lxml.html.HtmlElement] = {}
        for el, variants in group:
            # (a logo h1, a link home, that shows the site's name a title carries after its first part is
            # none, though a title stripped of another name is just that: "blog | Site" over
            # "<h1><a href=/>Site</a></h1>"; a breadcrumb's h1 may carry the story after a brand)
            if variants and _squash(variants[0]) in trailing_parts and _links_home(el, ev.url):
                continue
            for i, variant in enumerate(variants):
                sq = _squash(variant)
                found.setdefault(sq, _without_kicker(el, variant, declared_parts) if i == 0 else variant)
                where.setdefault(sq, el)
        found.pop("", None)
        for k, (title, bare) in enumerate(zip(declared, stripped, strict=True)):
            # (an h2 that only a JSON-LD name gives is a video's or a recipe card's when the content has a
            # headline-sized h1; a section's name as h1 is none: "<h1>Recipes</h1><h2>Story</h2>")
            if group is h2s and title in ld_name_only and any(
                v and len(v[0].split()) >= 3 and not _is_logo(el, ev.url) and not _in_chrome(el) for el, v in h1s
            ):
                continue
            # ... also without a note the metadata adds in brackets: "Story (2021/5)", "Story [Video]"
            for target in (_squash(title), _squash(bare), _squash(_BRACKET_NOTE.sub("", bare))):
                if target in found:
                    if group is h2s:
                        return found[target]
                    # (an h1 in the page's frame gives way to an h2 any more trusted title gives; one in
                    # its content that only a title made for the page confirms (<title>, a plain meta
                    # title), to an h2 a title made for the story gives: the JSON-LD headline, og:title)
                    chrome = _in_chrome(where[target])
                    above = [(d, b) for d, b in zip(declared[:k], stripped[:k], strict=True)
                             if chrome or (title not in story_titles and d in story_titles)]
                    trusted = _trusted_h2(h2s, [d for d, _ in above], [b for _, b in above]) if above else None
                    if trusted or (k and chrome):
                        return trusted or found[target]
                    return _fuller_h2(where[target], found[target], _X_H2(ev.tree)) or found[target]
        # ... or an h1 of the content that goes on after a declared title and a break: the fuller
        # headline ("<h1>Lemon cake: simply delicious!</h1>" under "<title>Lemon cake | Site"), before
        # any h2 a less telling title names (a recipe card's "<h2>Lemon cake</h2>" and its JSON-LD name).
        fuller = group is h1s and _fuller_h1(h1s, stripped, ev.url, declared_parts)
        if fuller:
            return fuller
    # 2. A heading equal to a part of a declared title. The leading part as a rule ("Title | Blog",
    #    "Title : Blog"); a trailing part is mostly the blog's name, often shown as a logo h1. But in
    #    breadcrumb order ("Site - Section - Story") a section h1 repeats the leading part and the
    #    story's own heading a later one: when the leading part is section-sized (under 20
    #    characters) and has a heading, a headline-sized later part with a heading of its own (no
    #    logo, no page chrome) wins.
    for title in declared:
        # (a part without the note on what the page holds: "Story (Video) | Site")
        parts = [_MEDIA_NOTE.sub("", p) for p in _split_parts(title) if not _is_site_name(p, site_names)]
        if len(parts) < 2:
            continue
        best: tuple[int, str] | None = None
        for i, part in enumerate(parts):
            sq = _squash(part)
            # A name or tagline the metadata does not declare, before the story ("Brand | Story",
            # "Brand: Story"): leading parts no heading shows, a few words in all, and a later part
            # that is the story's own heading (no logo; in the page's header only when headline-sized).
            # The leading parts are no story's: no declared title is just them, no heading of the
            # story's shows them ("Story – #Tag | Site" over an h1 "Story – #Tag" and an h2 "#Tag").
            lead = (
                i > 0 and best is None and sum(len(p.split()) for p in parts[:i]) <= 5
                and not _carried(_squash("".join(parts[:i])), declared, headings, ev.url)
            )
            if len(sq) < 8 or (i > 0 and not lead and (best is None or best[0] >= 20 or len(part) < 20)):
                continue
            for el, variants in headings:
                hit = next((v for v in variants if _squash(v) == sq), None)
                # (a part that is the kicker an h1 sets before its headline: the headline is the story's
                # title, "Kicker - Short form | Site" over "<h1><span>Kicker</span> Headline</h1>")
                if hit and el.tag == "h1" and hit != variants[0] and variants[0].startswith(hit):
                    rest = _without_kicker(el, variants[0], declared_parts)
                    hit = rest if _squash(rest) != _squash(variants[0]) else hit
                # (a later part's h2 of a word or two is a tag's or a section's heading)
                if hit and lead and el.tag != "h1" and len(part.split()) < 3:
                    continue
                if hit and (i == 0 or not (_is_logo(el, ev.url) or _in_chrome(el))):
                    best = (len(part), hit)
                    break
                if hit and lead and not _is_logo(el, ev.url) and len(part.split()) >= 4:
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
    # 2c. A heading equal to a run of a declared title's parts broken at a colon too: "Story: What
    #     we know so far | Site" over an h1 "Story" (three words or more), or "Brand: Story" (a few
    #     words before the story's own heading, as in step 2).
    for title in stripped:
        pieces = _PART_BREAK.split(title)[:12]
        runs2: dict[str, bool] = {}
        for k in range(1, len(pieces)):
            if len(" ".join(pieces[:k]).split()) >= 3:
                runs2.setdefault(_squash("".join(pieces[:k])), True)
            if len(" ".join(pieces[:k]).split()) <= 5 and not _carried(_squash("".join(pieces[:k])), declared, headings, ev.url):
                runs2.setdefault(_squash("".join(pieces[k:])), False)
        runs2.pop("", None)
        for el, variants in headings:
            hit = next((v for v in variants if runs2.get(_squash(v)) is not None and len(_squash(v)) >= 8), None)
            if hit and not _is_logo(el, ev.url) and (
                runs2[_squash(hit)]
                or ((not _in_chrome(el) or len(hit.split()) >= 4) and (el.tag == "h1" or len(hit.split()) >= 3))
            ):
                return hit
    # 3. The story's own h1 when the page has one: metadata titles are often rewritten for search
    #    and social cards ("Brexit: Nervenkrieg..." against the h1 "Der Nervenkrieg um den Brexit...").
    #    Of several, the first that shares words with the declared titles: a page may set its
    #    section's name ("Latest news") in an h1 of its own before the story's.
    said = set().union(*(_content_words(d) for d in stripped))
    own = [text for text in (_without_unsaid_kicker(el, _without_kicker(el, v[0], declared_parts), said) for el, v in h1s
                             if v and not _is_logo(el, ev.url) and not _in_chrome(el))
           # (or one word that a link to the page itself repeats: a breadcrumb's last item, the menu's
           # current entry name the page: "<h1>Essen-Westviertel</h1>" under a site's tagline as <title>)
           if _story_h1(text, site_names, trailing_parts)
           or (len(text.split()) == 1 and _self_linked(text, ev.tree, ev.url))]
    if own:
        hit = next((t for t in own if len(said & _content_words(t)) >= 2), None)
        if hit or len(own) == 1:
            return hit or own[0]
        # ... else the one sharing a word with them (a first h1 sharing none names the section)
        return max(own, key=lambda t: min(len(said & _content_words(t)), 1))
    # 3b. No h1 with text (none at all, or only an image: a logo, an image-replaced headline), and no
    #    metadata repeats a heading (it names the page's section or the site):
    #    the first h2 of the page's content is the story's headline, unless it is a date (the date
    #    header Blogger and other blog themes set above a day's posts).
    if not any(v for _, v in h1s):
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
                and _story_chars_before(el) < 200
                # a declared title (site name stripped) shown above the h2 in no heading (a div):
                # the h2 is its subtitle or the first section of the story
                # (or a run of its whole parts, the rest a name no metadata declares: "Story | Tagline")
                and not _shown_before(ev.tree, el, _with_runs([t for t in stripped if not _is_site_name(t, site_names)]),
                                      ev.url)
            ):
                return text
            break
    # The site's name as the page shows it (links home, copyright line), for titles that still have
    # parts after the known names are stripped ("Story | Weekly Wine" on a page whose metadata names no site).
    # So do the sections of a breadcrumb in microdata or RDFa (schema.org BreadcrumbList).
    if any(_TITLE_SEPARATORS.search(c) for c in stripped):
        home = [n for n in _page_site_names(ev.tree, ev.url) if _squash(n) not in whole]
        crumbs = {sq for sq in (_squash(n) for n in _markup_breadcrumb_names(ev.tree)) if len(sq) >= 3}
        # ... and the parts of a title the page's frame shows (end a title as a declared section does)
        crumbs |= {_squash(n) for n in _framed_parts(ev.tree, stripped)} - whole
        if home or crumbs - trailing:
            trailing |= crumbs
            stripped = [_strip_site_name(d, strip_names + home, trailing) for d in declared]
    # A declared title cut short ("Council backs the new tram…", the JSON-LD headline cut to a
    # length limit) of another one is no candidate: the whole one is.
    stripped = ["" if _cut_short(c, stripped) else c for c in stripped]
    # 4. Declared titles that disagree ("Kicker?: Story" and "Section: Story") but end alike: the
    #    part they share is the story.
    distinct = list({_squash(c): c for c in reversed(stripped) if c and not _is_site_name(c, site_names)}.values())
    if len(distinct) >= 2:
        shared = _shared_ending(distinct[-1], distinct[-2]) or _shared_beginning(distinct[-1], distinct[-2])
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
            # 6a. No h1, and a declared title of a word or two, the section's or the page's name
            #     ("Site | Gas prices"): the element the markup calls a headline ("<div
            #     class=news-headline>") at the top of the page's content is the story's, unless it
            #     shares a word with the declared title (then that is the story's short form).
            if not h1s and len(cand.split()) <= 2:
                marked = _marked_headline(ev.tree, ev.url)
                if marked and not _content_words(marked) & _content_words(cand):
                    return marked
            # 6. A title with parts still: the run of them the page shows is the story
            #    ("Story | Tagline" over "<div class=article-title>Story</div>", no h1 on the page).
            return (_TITLE_SEPARATORS.search(cand) and _shown_run(ev.tree, cand, ev.url)) or cand
    # ... even when it only begins with the site's name ("Site 02/2022", the issue of a magazine),
    #    rather than nothing.
    for cand in stripped:
        if cand and not _is_site_name(cand, site_names, exact=True) and not h1s:
            return cand
    if h1s and h1s[0][1]:
        return h1s[0][1][0]
    # 7. No h1 and no declared title but the site's name: the element the markup calls a headline
    #    ("<div class=article-headline>") at the top of the content, rather than nothing.
    return _marked_headline(ev.tree, ev.url)


# A date the page put before its headline: "08.11.2021 | Title", "2021-11-08: Title".
_LEADING_DATE = re.compile(r"^(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2})\s*[|:–—-]\s+(?=\S)")


# Symbols a theme sets before a heading as an ornament ("[> Jens Weber", ">> Story", "→ Story"): a
# run of them standing alone as a word. A quote or a bracket that opens the title's first word stays,
# and so do » and « (quotes in German and French, set with a space in French).
_LEADING_ORNAMENT = re.compile(r"^[\[\]<>{}→▶►|:/\\~*=]{1,4}\s+(?=\S)")


def _tidy_title(title: str | None) -> str | None:
    if not title:
        return title
    tidy = _LEADING_DATE.sub("", _norm(_INVISIBLE.sub("", title)))
    tidy = _LEADING_ORNAMENT.sub("", tidy)
    return tidy or None
