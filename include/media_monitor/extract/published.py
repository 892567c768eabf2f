"""The article's publication time: metadata, <time> elements and dates by the headline, then htmldate;
made timezone-aware with the outlet's (or the page's) timezone."""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

import lxml.html
from lxml import etree

from media_monitor.extract.dates import parse_date_value, parse_day_month
from media_monitor.extract.evidence import Evidence
from media_monitor.extract.markup import _X_TIME, _lang_code
from media_monitor.extract.urls import url_host

LOGGER = logging.getLogger(__name__)


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
    r"\d{1,2}[.\s][^\W\d_]{3,12}(?:\.|\s[’'‘])\d{2}(?![\d:.])|\d{1,2}\.\d{1,2}\.\d{2}(?![\d:.])|"
    r"(?:19|20)\d{2}\s?[年년]\s?\d{1,2}\s?[月월]\s?\d{1,2}\s?[日일]|(?:19|20)\d{2}\.\s[^\W\d_]{3,12}\s\d{1,2})(?!\d)"
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


def _languages(ev: Evidence) -> tuple[str, ...]:
    """The page's declared language, to read month names as it does (Croatian "listopad" is October)."""
    return (ev.declared_language,) if ev.declared_language else ()


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
        parsed = parse_date_value(el.get("datetime") or "", tz, _languages(ev))
        if parsed is not None and _plausible(parsed, fetched_at):
            return parsed
    return None


# Marks of a last-change date: itemprop=dateModified, "date-modified", "last-updated", hAtom's "updated".
_CHANGED_TOKEN = re.compile(r"updated|modified", re.I)
_PUBLISHED_TOKEN = re.compile(r"publish|entry-date|pubdate|created", re.I)
# How many texts above the headline may hold its publication date when its row shows the last change.
_ROW_ABOVE = 6


def _marked_published(el: lxml.html.HtmlElement) -> bool:
    """Whether el (or its parent) is marked as the publication date ("publish_date", "entry-date", itemprop)."""
    for node in (el, el.getparent()):
        if node is not None and _PUBLISHED_TOKEN.search(f"{node.get('class', '')} {node.get('itemprop', '')}"):
            return True
    return False


def _marked_changed(el: lxml.html.HtmlElement) -> bool:
    """Whether el (or its parent) is marked as the page's last change and not as its publication.

    Themes add hAtom's bare "updated" to the date they show ("entry-meta-date updated") for the
    microformat's sake; only an "updated" element that no other class names a date is a last
    change of its own (the "<time class=updated>" next to "<time class='entry-date published'>").
    """
    for node in (el, el.getparent()):
        if node is None:
            return False
        marks = f"{node.get('class', '')} {node.get('itemprop', '')}"
        if not _CHANGED_TOKEN.search(marks):
            continue
        if _PUBLISHED_TOKEN.search(marks):
            return False
        tokens = marks.lower().split()
        if any(_CHANGED_TOKEN.search(tok) for tok in tokens if tok != "updated"):
            return True
        return not any("date" in tok or "time" in tok for tok in tokens if tok != "updated")
    return False


class _ShownDates:
    """The full dates shown around the headline of one page, read in one zone.

    extract_published asks up to three times (the days shown, the headline's row, the first date
    shown): each text is read for a date once (``_read``), and the lists of texts are made once.
    """

    def __init__(self, ev: Evidence, tz: tzinfo, fetched_at: datetime) -> None:
        self.ev, self.tz, self.fetched_at = ev, tz, fetched_at
        self.languages = _languages(ev)
        before, self.after = ev.scan.window_parts()
        # A date of its own inside the headline element ("<h1><span class=date>27.01.2022</span>Title</h1>");
        # a date the headline's words mention ("Rückblick auf den 9. November 1989") is no dateline.
        self.inside = []
        if ev.scan.headline is not None:
            for t in _X_TEXT_IN(ev.scan.headline):
                m = _DATE_WITH_YEAR.search(t) if len(t) <= 60 else None
                if m and len(t.strip()) <= len(m.group(0)) + 12:
                    self.inside.append(t)
        # Right under the headline first (the byline row), then the line just above it (a date
        # header, a dateline over the headline), then further down, then higher up (nearest first).
        self.near_after = [t for t in self.after[:_NEAR_TEXTS] if not t.isspace()]
        self.rev_before = [t for t in before[::-1] if not t.isspace()]
        # The row right under the headline is the story's own: layout class names there (a list
        # styled "nav", a column wrapper "lay-sidebar") do not make it another story's; <aside>,
        # <nav> and <footer> elements and names of other content ("related", "comments") still do.
        # So is the line right above it (a dateline over the headline): page builders wrap every block,
        # headline and date alike, in "widget" containers.
        self.first_row = {id(t) for t in self.near_after[:8] + self.rev_before[:1]}
        self.near_ids = {id(t) for t in self.near_after}
        # By id() of the text: all of them are held in the lists above, so no id is reused.
        self._read: dict[int, tuple[datetime, bool] | None] = {}

    def first(self) -> datetime | None:
        """The first full date shown right after (or just before) the headline: what a reader reads as the date."""
        return next(self.dates(), None)

    def dates(self, *, row_only: bool = False) -> Iterator[datetime]:
        """The full dates shown around the headline, nearest (as a reader scans) first; with ``row_only``,
        only those of the headline's own row (the byline row under it, the line right above it)."""
        near_after, rev_before = self.near_after, self.rev_before
        # A date of the headline's row marked as the page's last change ("<time class=updated>",
        # itemprop=dateModified) gives way to a publication date shown in that row or in the few lines
        # above the headline (a "published" stamp over it); shown alone, it is the story's date.
        held: list[datetime] = []
        for parsed, changed in self._dated(self.inside + near_after[:8] + rev_before[:1]):
            if changed:
                held.append(parsed)
            else:
                yield parsed
        if held:
            yield from (parsed for parsed, changed in self._dated(rev_before[1:_ROW_ABOVE]) if not changed)
            yield from held
        if row_only:
            return
        # Further down, then higher up: a last change just above the headline waits for those lines too.
        held = []
        for parsed, changed in self._dated(near_after[8:] + rev_before[1:_ROW_ABOVE]):
            if changed:
                held.append(parsed)
            else:
                yield parsed
        yield from held
        for parsed, _changed in self._dated(rev_before[_ROW_ABOVE:] + self.after[_NEAR_TEXTS:]):
            yield parsed

    def _dated(self, texts: list) -> Iterator[tuple[datetime, bool]]:
        """(date, marked as the last change) for each text holding a date of the story's (``_date_of``)."""
        for text in texts:
            key = id(text)
            if key not in self._read:
                self._read[key] = self._date_of(text)
            found = self._read[key]
            if found is not None:
                yield found

    def _date_of(self, text: Any) -> tuple[datetime, bool] | None:
        """(date, marked as the last change) if the text holds a date of the story's, else None."""
        if not _HAS_DIGIT.search(text) or len(text) > 120 and len(text.strip()) > 120:
            return None  # every date pattern has digits: most texts are out in one quick scan
            # (the length of a dateline is its own, without the layout's indentation around it)
        m = _DATE_WITH_YEAR.search(text)
        if not m:
            return None
        parent = text.getparent()
        if parent is None or parent.tag in ("script", "style") or _in_dated_list(parent):
            return None
        scan = self.ev.scan
        if scan.outside(parent, by_layout=id(text) not in self.first_row) and not (
            # a date under the headline whose own element names it the publication date
            # ("<div class=publish_date>") in a layout block (a share bar "widget", a "nav" row)
            _marked_published(parent) and id(text) in self.near_ids and not scan.outside(parent, by_layout=False)
        ):
            return None
        if parent.tag == "a" and not text.is_tail and len(text.strip()) > len(m.group(0)) + 20:
            return None  # a link's words that mention a date: a story's title (its own or another's), no dateline
        # The date with a clock time right after it ("03.11.2026, 14:05 Uhr"), if one is shown.
        parsed = parse_date_value(text[m.start(): m.end() + 16], self.tz, self.languages)
        if parsed is not None and _plausible(parsed, self.fetched_at):
            return parsed, _marked_changed(parent)
        return None


# A year as a whole segment of the URL's path ("/2022/5/slug"): the year of a story's year-less dateline.
_URL_YEAR = re.compile(r"/((?:19|20)\d{2})/")


def _yearless_date_in_row(ev: Evidence, tz: tzinfo, fetched_at: datetime) -> datetime | None:
    """A day and named month without a year shown in the headline's row (the byline row under it,
    the line right above it): in the URL's year when the URL names one, else the latest year not
    after the fetch (current news shows no year)."""
    if ev.scan.headline is None:
        return None
    before, after = ev.scan.window_parts()
    row = [t for t in after[:_NEAR_TEXTS] if not t.isspace()][:8] + [t for t in before[-12:][::-1] if not t.isspace()][:1]
    m = _URL_YEAR.search(ev.url or "")
    reference = min(datetime(int(m.group(1)), 12, 31, 23, 59, tzinfo=tz), fetched_at) if m else fetched_at
    for text in row:
        if not _HAS_DIGIT.search(text) or len(text.strip()) > 60:
            continue  # a dateline is short; a sentence that names a day is no dateline
        parent = text.getparent()
        if parent is None or parent.tag in ("script", "style") or ev.scan.outside(parent, by_layout=False):
            continue
        parsed = parse_day_month(text, reference, tz, _languages(ev))
        if parsed is not None and _plausible(parsed, fetched_at):
            return parsed
    return None


def _maybe_misread(shown: date, days: Iterable[date]) -> bool:
    """Whether the shown day may be one of ``days`` read wrongly: day and month swapped (01/11 read
    the other way round) or the month one off on the same day (a month name that means the next
    month in another language: Croatian "listopad" is October, Polish November)."""
    for day in days:
        if (shown.year, shown.month, shown.day) == (day.year, day.day, day.month):
            return True
        if shown.year == day.year and shown.day == day.day and abs(shown.month - day.month) == 1:
            return True
    return False


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
    languages = _languages(ev)
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
        parsed = parse_date_value(value, tz, languages)
        if parsed is not None:
            stamps.append(parsed)
            if _HAS_CLOCK.search(value) and not _ZONE_MARK.search(value):
                walls.append(parsed.replace(tzinfo=None))
    parsed_all = [(v, p) for v, p in ((v, parse_date_value(v, tz, languages)) for v in candidates)
                  if p is not None and _plausible(p, fetched_at)]
    if parsed_all:
        raw, first = parsed_all[0]
        # Dates the page gives besides: its last change, a generic "date" tag (often the last change).
        others = [str(v) for v in ev.ld_values("dateModified") if isinstance(v, (str, int))]
        others += [v for key in (*_MODIFIED_META_KEYS, *_WEAK_DATE_META_KEYS) for v in ev.meta.get(key, [])]
        parsed_others = [(v, p) for v, p in ((v, parse_date_value(v, tz, languages)) for v in others)
                         if p is not None and _plausible(p, fetched_at)]
        shown_dates = _ShownDates(ev, tz, fetched_at)
        if len({p.date() for _v, p in parsed_all + parsed_others}) > 1:
            # The page's own metadata disagrees (a modified date filed as published, a stale
            # JSON-LD block, an updated story): the candidate whose day the page shows by the
            # headline wins. A page that shows only its last change there presents that as the
            # story's date, and readers take it so; when it shows its publication day too, that stands.
            shown_days = [d.date() for d in itertools.islice(shown_dates.dates(), 4)]
            match = next(((v, p) for day in shown_days for v, p in parsed_all if p.date() == day), None)
            if match is None and shown_days:
                match = next(((v, p) for v, p in parsed_others if p.date() == shown_days[0]), None)
            if match is not None:
                raw, first = match
        # The headline's row shows a later day that no date metadata gives: the story as the
        # reader gets it (republished, updated without a modified stamp, an edition's date).
        row = next(shown_dates.dates(row_only=True), None)
        meta_days = {p.date() for _v, p in parsed_all + parsed_others}
        if row is not None and row.date() > max(p.date() for _v, p in parsed_all) and row.date() not in meta_days:
            if not _maybe_misread(row.date(), meta_days):
                return row
        if not _EXPLICIT_UTC.search(raw.strip()):
            return first  # a local time as written (or naive: read in tz), nothing to convert
        shown: date | None = None
        if guessed_tz:
            near = shown_dates.first()
            shown = near.date() if near is not None else date.min  # nothing shown: keep UTC
        return _localise(first, [p for _v, p in parsed_all[1:]] + stamps, local_tz, shown, walls)
    # A <time datetime> right under the headline is the story's (dateline, byline row).
    near_time = _time_near_headline(ev, tz, fetched_at)
    if near_time is not None:
        return _localise(near_time, stamps, None if guessed_tz else local_tz, None, walls)
    # The date shown by the headline, when the markup has none: what a reader takes as the date.
    near = _ShownDates(ev, tz, fetched_at).first()
    if near is not None:
        return near
    for key in _WEAK_DATE_META_KEYS:
        for value in ev.meta.get(key, []):
            parsed = parse_date_value(value, tz, languages)
            if parsed is not None and _plausible(parsed, fetched_at):
                return parsed
    # A day and month without a year in the headline's row ("Publicado el 11 de mayo").
    row_day = _yearless_date_in_row(ev, tz, fetched_at)
    if row_day is not None:
        return row_day
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
