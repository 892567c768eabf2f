"""View and comment counters and the image credit, where the page shows them by the story."""

from __future__ import annotations

import re

import lxml.html

from media_monitor.extract.evidence import PageScan
from media_monitor.extract.frontpage import parse_count
from media_monitor.extract.markup import _COMMENTS_TEXT, _CREDIT_LABEL, _VIEWS_TEXT, _X_FIGCAPTION, _norm

# A number of its own, not a digit in a word ("MP3-Download", "H2O").
_NUMBER = re.compile(r"(?<![^\W\d_])\d")


def _count_from(el: lxml.html.HtmlElement) -> int | None:
    if len(el) > 4:  # a counter is a small element; a whole comment thread is not
        return None
    text = _norm(el.text_content())
    if len(text) > 40:
        return None
    if _NUMBER.search(text):
        return parse_count(text)
    label = el.get("title") or el.get("aria-label") or el.get("data-count") or ""
    return parse_count(label) if _NUMBER.search(label) and len(label) <= 40 else None


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
