"""The daily trend report: what the monitored outlets put forward on one run date.

``build_report`` reads DuckDB (read-only) and writes, under ``{reports_dir}/{run_date}/``:
``report.html`` (self-contained: inline CSS and SVG charts, no script, no remote assets),
``report.md`` (the same tables) and ``csv/<table>.csv`` (one file per table).

Sections: volume per outlet; top terms of the day per language; rising terms per language
(log-odds ratio with an informative Dirichlet prior, Monroe, Colaresi & Quinn 2008, against
the previous 7 and 28 days); stories run by several outlets (headlines clustered by weighted
token-set similarity and union-find); the most discussed sidebar entries; data quality.

Scale: a year of history is millions of headline rows, so every aggregation runs in DuckDB over
the report's window only (the run date and the 28 days before it), grouped so that Python
sees one row per distinct title rather than one per snapshot. Only the run date's article
bodies are tokenised, and each is capped.
"""

from __future__ import annotations

import csv
import functools
import logging
import math
import os
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from markupsafe import Markup, escape

from media_monitor.text import (
    LANGUAGE_NAMES,
    Analyzer,
    Collocations,
    DisplayForms,
    find_collocations,
    guess_language,
)

log = logging.getLogger(__name__)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

# The tables the report reads that must exist; the data-quality ones are optional.
CORE_TABLES = ("headlines", "sidebar_entries", "articles")
QUALITY_TABLES = ("outlet_runs", "dq_results", "quarantine")


class ReportError(RuntimeError):
    """The report cannot be built from this database."""


class NoDataError(ReportError, LookupError):
    """Nothing was loaded for the requested run date."""


@dataclass(frozen=True)
class ReportPaths:
    html: Path
    markdown: Path
    csv_dir: Path


@dataclass(frozen=True)
class ReportOptions:
    """Window sizes, list lengths and thresholds of the report."""

    long_window_days: int = 28
    short_window_days: int = 7
    top_terms: int = 25
    rising_terms: int = 20
    rising_chart_terms: int = 15
    # A term seen fewer times on the day is not reported as rising, whatever its z-score:
    # one or two mentions are anecdotes, not trends.
    rising_min_count: int = 3
    # Shown only when the z-score (vs 7 days, or vs 28 days when the week is empty) reaches
    # this: 1.96 is the two-sided 5% level, below which "rising" is indistinguishable from noise.
    rising_min_z: float = 1.96
    # Prior strength: alpha_0 = prior_scale x (tokens in the whole window). 1.0 takes the
    # window's own counts as the prior, which Monroe et al. recommend for a background corpus.
    prior_scale: float = 1.0
    collocation_min_count: int = 3
    story_lookback_days: int = 7
    # IDF-weighted Jaccard on stemmed content words. Headlines about one event in different
    # words share few but rare words (names, places), which the IDF weighting rewards.
    story_similarity: float = 0.3
    story_min_shared: int = 2
    stories: int = 20
    story_chart_stories: int = 10
    sidebar_entries: int = 25
    volume_chart_outlets: int = 10
    # Article bodies are tokenised for the run date only and truncated: the lede carries the
    # terms, and the cap bounds the Python work per day whatever the outlets publish.
    body_char_cap: int = 8000
    dq_failures: int = 100


# --------------------------------------------------------------------------------------------
# SQL. Parameters are bound ($day, $start, ...); the window bounds are computed in Python.
# --------------------------------------------------------------------------------------------

EXISTING_TABLES_SQL = """
SELECT table_name FROM information_schema.tables
WHERE table_schema = current_schema() AND table_catalog = current_database()
"""

DAY_TOTALS_SQL = """
SELECT
    (SELECT count(*) FROM headlines WHERE run_date = $day) AS headlines,
    (SELECT count(*) FROM sidebar_entries WHERE run_date = $day) AS sidebar_entries,
    (SELECT count(*) FROM articles WHERE run_date = $day) AS articles,
    (SELECT count(DISTINCT outlet) FROM (
        SELECT outlet FROM headlines WHERE run_date = $day
        UNION ALL SELECT outlet FROM sidebar_entries WHERE run_date = $day
        UNION ALL SELECT outlet FROM articles WHERE run_date = $day)) AS outlets
"""

VOLUME_DAILY_SQL = """
SELECT run_date, outlet, 'headlines' AS kind, count(*) AS n
FROM headlines WHERE run_date BETWEEN $start AND $day GROUP BY run_date, outlet
UNION ALL
SELECT run_date, outlet, 'sidebar_entries' AS kind, count(*) AS n
FROM sidebar_entries WHERE run_date BETWEEN $start AND $day GROUP BY run_date, outlet
UNION ALL
SELECT run_date, outlet, 'articles' AS kind, count(*) AS n
FROM articles WHERE run_date BETWEEN $start AND $day GROUP BY run_date, outlet
ORDER BY run_date, outlet, kind
"""

# One row per distinct headline title in the window, with how many front-page snapshots
# carried it on the day and in the two trailing windows. A headline that stays up for three
# days counts three times: front-page presence is what the report measures.
TITLE_COUNTS_SQL = """
SELECT
    h.title,
    o.languages[1] AS main_language,
    len(o.languages) = 1 AS single_language,
    count(*) FILTER (WHERE h.run_date = $day) AS n_day,
    count(*) FILTER (WHERE h.run_date >= $short_start AND h.run_date < $day) AS n_short,
    count(*) FILTER (WHERE h.run_date < $day) AS n_long,
    list(DISTINCT h.outlet) FILTER (WHERE h.run_date = $day) AS outlets_day
FROM headlines AS h
LEFT JOIN outlets AS o USING (outlet)
WHERE h.run_date BETWEEN $start AND $day
GROUP BY h.title, main_language, single_language
"""

DAY_ARTICLES_SQL = """
SELECT a.outlet, a.title, a.language, left(coalesce(a.body, ''), $body_cap) AS body,
       o.languages[1] AS main_language
FROM articles AS a
LEFT JOIN outlets AS o USING (outlet)
WHERE a.run_date = $day
"""

# Story candidates: one row per (outlet, url, title) seen in the story window, with its
# per-day front-page prominence (sum of 1/rank over that day's snapshots; NULL when the
# title only came from a fetched article).
STORY_DOCS_SQL = """
WITH snapshots AS (
    SELECT outlet, url, title, run_date, rank, NULL::TIMESTAMPTZ AS published_at
    FROM headlines WHERE run_date BETWEEN $start AND $day
    UNION ALL
    SELECT outlet, url, title, run_date, NULL::INTEGER AS rank, published_at
    FROM articles
    WHERE run_date BETWEEN $start AND $day AND title IS NOT NULL AND trim(title) <> ''
),
per_day AS (
    SELECT outlet, url, title, run_date,
           sum(1.0 / rank) AS prominence, min(rank) AS best_rank, min(published_at) AS published_at
    FROM snapshots
    GROUP BY outlet, url, title, run_date
)
SELECT p.outlet, p.url, p.title, o.languages[1] AS main_language,
       len(o.languages) = 1 AS single_language,
       list({'run_date': p.run_date, 'prominence': p.prominence, 'best_rank': p.best_rank}
            ORDER BY p.run_date) AS days,
       min(p.published_at) AS published_at,
       bool_or(p.run_date = $day) AS on_day
FROM per_day AS p
LEFT JOIN outlets AS o USING (outlet)
GROUP BY p.outlet, p.url, p.title, main_language, single_language
"""

# An entry is its URL, or its title when the block shows no link. Its "count" (views or
# comments shown beside it) is the largest seen on the day, with the block that showed it.
SIDEBAR_TOP_SQL = """
WITH day_rows AS (
    SELECT coalesce(nullif(trim(url), ''), title) AS entry_key, outlet, block, block_kind,
           rank, title, url, count
    FROM sidebar_entries WHERE run_date = $day
),
day_entries AS (
    SELECT entry_key,
           first(title ORDER BY count DESC NULLS LAST, rank) AS title,
           first(url ORDER BY count DESC NULLS LAST, rank) AS url,
           first(outlet ORDER BY count DESC NULLS LAST, rank) AS outlet,
           first(block ORDER BY count DESC NULLS LAST, rank) AS block,
           first(block_kind ORDER BY count DESC NULLS LAST, rank) AS block_kind,
           max(count) AS max_count,
           min(rank) AS best_rank,
           count(*) AS listings
    FROM day_rows GROUP BY entry_key
),
history AS (
    SELECT coalesce(nullif(trim(url), ''), title) AS entry_key,
           count(DISTINCT run_date) AS days_listed, min(run_date) AS first_listed
    FROM sidebar_entries
    WHERE run_date BETWEEN $start AND $day
      AND coalesce(nullif(trim(url), ''), title) IN (SELECT entry_key FROM day_entries)
    GROUP BY entry_key
)
SELECT d.title, d.url, d.outlet, d.block, d.block_kind, d.max_count, d.best_rank, d.listings,
       h.days_listed, h.first_listed
FROM day_entries AS d LEFT JOIN history AS h USING (entry_key)
ORDER BY d.max_count DESC NULLS LAST, d.best_rank, d.title
LIMIT $limit
"""

OUTLET_RUNS_DAY_SQL = """
SELECT outlet, status, headlines, sidebar_entries, articles, quarantined, message
FROM outlet_runs WHERE run_date = $day
"""

OUTLET_RUNS_HISTORY_SQL = """
SELECT outlet,
       count(*) FILTER (WHERE status = 'ok') AS days_ok,
       count(*) FILTER (WHERE status = 'degraded') AS days_degraded,
       count(*) FILTER (WHERE status = 'failed') AS days_failed
FROM outlet_runs WHERE run_date BETWEEN $start AND $day
GROUP BY outlet
"""

DQ_DAY_SQL = """
SELECT outlet,
       count(*) AS expectations,
       count(*) FILTER (WHERE NOT success AND severity = 'block') AS failed_block,
       count(*) FILTER (WHERE NOT success AND coalesce(severity, 'warn') <> 'block') AS failed_warn
FROM dq_results WHERE run_date = $day
GROUP BY outlet
"""

DQ_FAILURES_SQL = """
SELECT outlet, suite, expectation, column_name, severity, observed_value, unexpected_count, element_count
FROM dq_results
WHERE run_date = $day AND NOT success
ORDER BY (severity = 'block') DESC, outlet, suite, expectation, column_name
LIMIT $limit
"""

QUARANTINE_DAY_SQL = """
SELECT outlet, table_name, count(*) AS n
FROM quarantine WHERE run_date = $day
GROUP BY outlet, table_name
ORDER BY outlet, table_name
"""

QUALITY_ROWS_SQL = {
    "outlet_runs": "SELECT count(*) FROM outlet_runs WHERE run_date BETWEEN $start AND $day",
    "dq_results": "SELECT count(*) FROM dq_results WHERE run_date = $day",
    "quarantine": "SELECT count(*) FROM quarantine WHERE run_date = $day",
}


# --------------------------------------------------------------------------------------------
# Tables: one structure feeds the HTML, the Markdown and the CSV.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text | int | float | date | url | list
    digits: int = 2

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "float")


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None
    numeric: bool = False


@dataclass
class Table:
    name: str  # CSV file stem
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""

    def subset(self, title: str, **equal: Any) -> Table:
        """The rows whose columns equal the given values, as a table of its own (not written to CSV)."""
        rows = [r for r in self.rows if all(r.get(k) == v for k, v in equal.items())]
        columns = [c for c in self.columns if c.key not in equal]
        return Table(name=self.name, title=title, columns=columns, rows=rows)

    def cells(self) -> list[list[Cell]]:
        return [[_cell(col, row.get(col.key)) for col in self.columns] for row in self.rows]

    def csv_values(self, row: dict[str, Any]) -> list[str]:
        return [_csv_value(row.get(col.key)) for col in self.columns]


def _display(col: Column, value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if col.kind == "float":
        return f"{value:.{col.digits}f}"
    if col.kind == "int":
        return f"{int(value):,}"
    if col.kind == "list":
        return ", ".join(str(v) for v in value)
    if isinstance(value, datetime):
        # DuckDB hands TIMESTAMPTZ back in the session's time zone: show UTC, whatever the host's.
        if value.tzinfo is not None:
            return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def safe_href(url: Any) -> str | None:
    """The URL if it is an absolute http(s) URL, else None: scraped links may be javascript:."""
    if not isinstance(url, str):
        return None
    stripped = url.strip()
    if stripped.lower().startswith(("http://", "https://")) and not any(c in stripped for c in "\r\n\t"):
        return stripped
    return None


def _cell(col: Column, value: Any) -> Cell:
    if col.kind == "url":
        href = safe_href(value)
        return Cell(text=_display(col, value), href=href)
    return Cell(text=_display(col, value), numeric=col.numeric)


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).isoformat()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


# --------------------------------------------------------------------------------------------
# Statistics
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogOdds:
    delta: float  # log-odds ratio (day vs reference)
    z: float  # delta / its standard deviation


def log_odds_dirichlet(
    day: Counter[str] | dict[str, float],
    reference: Counter[str] | dict[str, float],
    prior: Counter[str] | dict[str, float],
    prior_scale: float = 1.0,
    words: Iterable[str] | None = None,
) -> dict[str, LogOdds]:
    """Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, eq. 16-22).

    For each word w with counts y_i (day) and y_j (reference), and prior pseudo-counts
    a_w = prior_scale x prior[w] (a_0 their sum):

        delta_w = log((y_i + a_w) / (n_i + a_0 - y_i - a_w)) - log((y_j + a_w) / (n_j + a_0 - y_j - a_w))
        var     ~ 1 / (y_i + a_w) + 1 / (y_j + a_w)
        z_w     = delta_w / sqrt(var)

    Raw counts or frequency ratios make rare words look dramatic and frequent ones look flat;
    the prior shrinks rare words' estimates and the z-score accounts for their variance.

    Args:
        day: counts of the focus corpus (the run date).
        reference: counts of the comparison corpus (the trailing days).
        prior: background counts, typically the whole window (day + trailing); every word of
            ``day`` and ``reference`` should have a positive prior count.
        prior_scale: multiplies the prior counts (smaller = weaker prior).
        words: the words to score (default: the whole prior vocabulary); a_0 and the corpus
            sizes always come from the full counts.

    Returns:
        delta and z per scored word with a positive prior; positive z = more frequent on the day.
    """
    a0 = float(sum(c for c in prior.values() if c > 0)) * prior_scale
    n_i, n_j = float(sum(day.values())), float(sum(reference.values()))
    vocab = [w for w in (prior if words is None else words) if prior.get(w, 0) > 0]
    if not vocab:
        return {}
    alpha = np.array([prior[w] for w in vocab], dtype=float) * prior_scale
    y_i = np.array([day.get(w, 0) for w in vocab], dtype=float)
    y_j = np.array([reference.get(w, 0) for w in vocab], dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((y_i + alpha) / (n_i + a0 - y_i - alpha)) - np.log((y_j + alpha) / (n_j + a0 - y_j - alpha))
        z = delta / np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
    return {w: LogOdds(float(d), float(s)) for w, d, s in zip(vocab, delta, z, strict=True) if np.isfinite(s)}


# --------------------------------------------------------------------------------------------
# Terms
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def _language_code(value: Any) -> str | None:
    """'en-US' / 'en_GB' / 'EN' -> 'en'; None for empty values."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip().lower().replace("_", "-").split("-")[0] or None


@dataclass
class TermCounts:
    """Term counts per language for the day, the trailing windows and the day's documents."""

    day: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    short: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    long: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # Document frequency on the day (headline titles + articles), and outlets per term.
    day_docs: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    day_outlets: dict[str, dict[str, set[str]]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))
    forms: dict[str, DisplayForms] = field(default_factory=lambda: defaultdict(DisplayForms))
    collocations: dict[str, Collocations] = field(default_factory=dict)

    def languages(self) -> list[str]:
        langs = set(self.day) | set(self.day_docs)
        # Most used language first: the report leads with what most of the day was written in.
        return sorted(langs, key=lambda lang: (-sum(self.day_docs[lang].values()), lang))


def count_terms(
    title_rows: Iterable[tuple[str, str | None, bool | None, int, int, int, list[str] | None]],
    article_rows: Iterable[tuple[str, str | None, str | None, str, str | None]],
    analyzer: Analyzer,
    *,
    collocation_min_count: int = 3,
) -> TermCounts:
    """Tokenise the window's distinct titles and the day's articles into term counts.

    Args:
        title_rows: (title, outlet main language, whether it is the outlet's only language,
            snapshots on the day, in the short window, in the long window, outlets on the day),
            one per distinct title.
        article_rows: (outlet, title, declared language, body, outlet main language) for the day.

    Returns:
        Counts per language; multi-word terms are found on the window's titles and applied to
        titles and bodies alike.
    """
    counts = TermCounts()
    analysed: list[tuple[str, Any, int, int, int, list[str]]] = []
    by_language: dict[str, list[Any]] = defaultdict(list)
    for title, main_language, single_language, n_day, n_short, n_long, outlets_day in title_rows:
        lang, segments = analyzer.analyse(
            title, default_lang=_language_code(main_language), exclusive=bool(single_language)
        )
        analysed.append((lang, segments, n_day, n_short, n_long, outlets_day or []))
        by_language[lang].append(segments)

    for lang, docs in by_language.items():
        counts.collocations[lang] = find_collocations(docs, min_count=collocation_min_count)

    for lang, segments, n_day, n_short, n_long, outlets_day in analysed:
        terms = counts.collocations[lang].terms(segments)
        if not terms:
            continue
        keys = [t for t, _ in terms]
        # Plain get/set per key: the window has millions of term occurrences, and building a
        # Counter per title to multiply by its snapshot count costs three times as much.
        for n, target in ((n_day, counts.day[lang]), (n_short, counts.short[lang]), (n_long, counts.long[lang])):
            if n:
                for key in keys:
                    target[key] = target.get(key, 0) + n
        if n_day:
            counts.forms[lang].update(terms, weight=n_day)
            doc_freq, outlets = counts.day_docs[lang], counts.day_outlets[lang]
            for key in set(keys):
                doc_freq[key] += n_day
                outlets[key].update(outlets_day)

    for outlet, title, language, body, main_language in article_rows:
        text = f"{title or ''}\n{body or ''}"
        lang = _language_code(language) or guess_language(text[:2000], default=_language_code(main_language))
        colloc = counts.collocations.get(lang) or Collocations()
        terms = colloc.terms(analyzer.segments(text, lang))
        if not terms:
            continue
        counts.forms[lang].update(terms)
        for key in {t for t, _ in terms}:
            counts.day_docs[lang][key] += 1
            counts.day_outlets[lang][key].add(outlet)
    return counts


TOP_TERMS_COLUMNS = [
    Column("language", "Language"),
    Column("rank", "#", "int"),
    Column("term", "Term"),
    Column("mentions", "Headlines + articles", "int"),
    Column("outlets", "Outlets", "int"),
    Column("outlet_names", "Outlet names", "list"),
]


def rising_columns(short_days: int, long_days: int) -> list[Column]:
    return [
        Column("language", "Language"),
        Column("rank", "#", "int"),
        Column("term", "Term"),
        Column("count_day", "Count today", "int"),
        Column("count_prev_short", f"Count prev. {short_days} d", "int"),
        Column("z_short", f"z vs {short_days} d", "float"),
        Column("count_prev_long", f"Count prev. {long_days} d", "int"),
        Column("z_long", f"z vs {long_days} d", "float"),
    ]


def top_terms_table(counts: TermCounts, limit: int) -> Table:
    rows: list[dict[str, Any]] = []
    for lang in counts.languages():
        docs = counts.day_docs[lang]
        ranked = sorted(docs, key=lambda t: (-docs[t], -len(counts.day_outlets[lang][t]), t))[:limit]
        for i, term in enumerate(ranked, start=1):
            outlets = sorted(counts.day_outlets[lang][term])
            rows.append(
                {
                    "language": lang,
                    "rank": i,
                    "term": counts.forms[lang].get(term),
                    "mentions": docs[term],
                    "outlets": len(outlets),
                    "outlet_names": outlets,
                }
            )
    return Table(
        "top_terms",
        "Top terms of the day",
        TOP_TERMS_COLUMNS,
        rows,
        note="Number of the day's headlines and articles (title and body) mentioning the term; stop words removed, words stemmed.",
    )


@dataclass
class RisingTerm:
    language: str
    term: str
    count_day: int
    count_prev_short: int
    count_prev_long: int
    z_short: float | None
    z_long: float | None


def rising_terms(counts: TermCounts, options: ReportOptions) -> tuple[list[RisingTerm], list[str]]:
    """Terms more frequent in the day's headlines than in the trailing windows, by log-odds z.

    Returns:
        The rising terms (per language, best first) and notes about languages left out.
    """
    result: list[RisingTerm] = []
    notes: list[str] = []
    for lang in counts.languages():
        day, short, long_ = counts.day[lang], counts.short[lang], counts.long[lang]
        if not day:
            continue
        if not long_:
            notes.append(
                f"{LANGUAGE_NAMES.get(lang, lang)}: no earlier headlines in the window, nothing to compare with."
            )
            continue
        prior = day + long_  # the whole window's counts
        # Only terms frequent enough on the day can be listed: score those alone.
        frequent = [term for term, n in day.items() if n >= options.rising_min_count]
        z_long = log_odds_dirichlet(day, long_, prior, options.prior_scale, frequent)
        z_short = log_odds_dirichlet(day, short, prior, options.prior_scale, frequent) if short else {}
        candidates: list[RisingTerm] = []
        for term in frequent:
            n = day[term]
            zs = z_short.get(term)
            zl = z_long.get(term)
            primary = zs.z if zs is not None else (zl.z if zl is not None else None)
            if primary is None or primary < options.rising_min_z:
                continue
            candidates.append(
                RisingTerm(
                    language=lang,
                    term=term,
                    count_day=n,
                    count_prev_short=short.get(term, 0),
                    count_prev_long=long_.get(term, 0),
                    z_short=zs.z if zs is not None else None,
                    z_long=zl.z if zl is not None else None,
                )
            )
        candidates.sort(key=lambda r: (-(r.z_short if r.z_short is not None else r.z_long or 0.0), r.term))
        result.extend(candidates[: options.rising_terms])
    return result, notes


def rising_table(
    terms: Sequence[RisingTerm], counts: TermCounts, notes: Sequence[str], options: ReportOptions
) -> Table:
    short, long_ = options.short_window_days, options.long_window_days
    rows = []
    rank: Counter[str] = Counter()
    for r in terms:
        rank[r.language] += 1
        rows.append(
            {
                "language": r.language,
                "rank": rank[r.language],
                "term": counts.forms[r.language].get(r.term),
                "count_day": r.count_day,
                "count_prev_short": r.count_prev_short,
                "z_short": r.z_short,
                "count_prev_long": r.count_prev_long,
                "z_long": r.z_long,
            }
        )
    note = (
        f"Headline-title term counts of the day against the previous {short} and {long_} days: z-score of the log-odds "
        "ratio with an informative Dirichlet prior from the whole window's counts (Monroe, Colaresi & Quinn 2008). "
        f"Listed when z vs {short} days (vs {long_} days if those are empty) is at least {options.rising_min_z:g}; "
        "sorted by it."
    )
    if notes:
        note += " " + " ".join(notes)
    return Table("rising_terms", "Rising terms", rising_columns(short, long_), rows, note=note)


# --------------------------------------------------------------------------------------------
# Stories: the same event on several outlets
# --------------------------------------------------------------------------------------------


@dataclass
class StoryDoc:
    """One (outlet, url, title) seen in the story window, with its front-page days."""

    outlet: str
    url: str
    title: str
    language: str | None
    days: dict[date, tuple[float | None, int | None]]  # run_date -> (prominence, best rank)
    on_day: bool
    published_at: datetime | None = None

    @property
    def prominence(self) -> float:
        return sum(p for p, _ in self.days.values() if p is not None)


@dataclass
class Story:
    story_id: int
    title: str
    outlets: list[str]
    first_seen: date
    first_outlets: list[str]
    first_published: datetime | None
    prominence: float
    dwell_days: int
    docs: list[StoryDoc]
    # (outlet, day) -> (prominence or None when only an article was seen, best rank or None)
    cells: dict[tuple[str, date], tuple[float | None, int | None]]


# See cluster_stories: the longest posting list a candidate search walks.
MAX_POSTINGS = 5000


class UnionFind:
    """Disjoint sets over 0..n-1 with path halving and union by size."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]


def cluster_stories(
    docs: Sequence[StoryDoc],
    analyzer: Analyzer,
    *,
    similarity: float = 0.3,
    min_shared: int = 2,
) -> list[list[int]]:
    """Group documents about the same event; only groups with a document on the run date.

    Two documents join when they share a URL on one outlet (a headline reworded over the day,
    its fetched article), or when their stemmed content words overlap with IDF-weighted
    Jaccard >= ``similarity`` and at least ``min_shared`` shared stems. Groups are the
    connected components (union-find). Only pairs with at least one side attached to the run
    date are compared, which bounds the work by the day's size rather than the window's.

    Returns:
        Lists of document indexes, one per group that reaches the run date.
    """
    n = len(docs)
    uf = UnionFind(n)
    by_url: dict[tuple[str, str], int] = {}
    for i, d in enumerate(docs):
        key = (d.outlet, d.url)
        if key in by_url:
            uf.union(i, by_url[key])
        else:
            by_url[key] = i

    day_roots = {uf.find(i) for i, d in enumerate(docs) if d.on_day}
    seeds = [i for i in range(n) if uf.find(i) in day_roots]
    seed_set = set(seeds)

    stem_sets: list[frozenset[str]] = []
    df: Counter[str] = Counter()
    for d in docs:
        st = frozenset(analyzer.content_stems(d.title, d.language or guess_language(d.title)))
        stem_sets.append(st)
        df.update(st)
    # Stems become integers numbered rarest first, so a sorted id list is the global order the
    # prefix filter needs and a pair of ids packs into one exact integer key.
    vocab = sorted(df, key=lambda s: (df[s], s))
    sid = {s: k for k, s in enumerate(vocab)}
    size = len(vocab)
    idf = [math.log(1.0 + n / df[s]) for s in vocab]
    ids = [sorted(sid[s] for s in st) for st in stem_sets]
    id_sets = [frozenset(x) for x in ids]
    weight = [sum(idf[x] for x in row) for row in ids]
    seed_vocab = set().union(*(id_sets[i] for i in seeds)) if seeds else set()

    # Candidate pairs by prefix filtering (the all-pairs similarity join of Chaudhuri et al.
    # and Bayardo et al.), exact: with stems rarest first, a pair with shared weight
    # >= similarity x W(A) must share a stem among A's rarest stems up to where the remaining
    # weight drops below that bound. The first shared stem is in both documents' prefixes;
    # with min_shared >= 2 a second shared stem follows it in both. Keying documents by
    # (prefix stem, later stem) therefore finds every qualifying pair, and such keys are rare.
    # Only stems some seed has can be shared with a seed, so other stems make no keys.
    def keys(i: int) -> set[int]:
        row, w = ids[i], weight[i]
        rest, k = w, 0
        for x in row:
            if rest < similarity * w:
                break
            k += 1
            rest -= idf[x]
        prefix = set(row[:k])
        kept = [x for x in row if x in seed_vocab]
        if min_shared >= 2:
            return {
                kept[a] * size + kept[b] for a in range(len(kept)) if kept[a] in prefix for b in range(a + 1, len(kept))
            }
        return {x for x in kept if x in prefix}

    # Posting lists only for keys some seed has: other documents are looked up, never probed.
    keys_of = {i: keys(i) for i in seeds}
    postings: dict[int, list[int]] = defaultdict(list)
    for i, seed_keys in keys_of.items():
        for key in seed_keys:
            postings[key].append(i)
    for j in range(n):
        if j not in seed_set:
            for key in keys(j):
                plist = postings.get(key)
                if plist is not None:
                    plist.append(j)

    for i in seeds:
        if len(ids[i]) < min_shared:
            continue
        candidates: set[int] = set()
        for key in keys_of[i]:
            # A key shared by a huge number of documents (titles made only of common words) is
            # skipped: a guard against quadratic work, not expected to bind.
            plist = postings[key]
            if len(plist) <= MAX_POSTINGS:
                candidates.update(plist)
        candidates.discard(i)
        set_i, weight_i = id_sets[i], weight[i]
        for j in candidates:
            # A pair of seeds is compared once, from the lower index.
            if j < i and j in seed_set:
                continue
            shared = set_i & id_sets[j]
            if len(shared) < min_shared:
                continue
            inter = sum(idf[x] for x in shared)
            if inter >= similarity * (weight_i + weight[j] - inter):
                uf.union(i, j)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[uf.find(i)].append(i)
    return [members for members in groups.values() if any(docs[i].on_day for i in members)]


def build_stories(docs: Sequence[StoryDoc], groups: Iterable[list[int]], *, min_outlets: int = 2) -> list[Story]:
    """Summarise groups run by at least ``min_outlets`` outlets, most outlets and prominence first."""
    stories: list[Story] = []
    for members in groups:
        group = [docs[i] for i in members]
        outlets = sorted({d.outlet for d in group})
        if len(outlets) < min_outlets:
            continue
        cells: dict[tuple[str, date], tuple[float | None, int | None]] = {}
        for d in group:
            for day, (prom, best) in d.days.items():
                old_prom, old_best = cells.get((d.outlet, day), (None, None))
                new_prom = prom if old_prom is None else (old_prom + (prom or 0.0))
                ranks = [r for r in (old_best, best) if r is not None]
                cells[(d.outlet, day)] = (new_prom, min(ranks) if ranks else None)
        first_seen = min(day for _, day in cells)
        first_outlets = sorted({o for o, day in cells if day == first_seen})
        # The headline to show: the most prominent one on the run date (the window ends on it,
        # so an on-day document's last day is the run date); article titles have no prominence.
        lead = min(
            (d for d in group if d.on_day),
            key=lambda d: (-(d.days[max(d.days)][0] or 0.0), -d.prominence, d.outlet, d.title),
        )
        published = [d.published_at for d in group if d.published_at is not None]
        stories.append(
            Story(
                story_id=0,
                title=lead.title,
                outlets=outlets,
                first_seen=first_seen,
                first_outlets=first_outlets,
                first_published=min(published) if published else None,
                prominence=sum(d.prominence for d in group),
                dwell_days=len({day for (_, day), (prom, _) in cells.items() if prom is not None}),
                docs=sorted(group, key=lambda d: (d.outlet, min(d.days), d.title)),
                cells=cells,
            )
        )
    stories.sort(key=lambda s: (-len(s.outlets), -s.prominence, s.first_seen, s.title))
    for i, story in enumerate(stories, start=1):
        story.story_id = i
    return stories


STORY_COLUMNS = [
    Column("story", "Story", "int"),
    Column("title", "Headline"),
    Column("n_outlets", "Outlets", "int"),
    Column("outlets", "Outlet names", "list"),
    Column("first_seen", "First seen", "date"),
    Column("first_outlets", "First seen on", "list"),
    Column("first_published", "First published"),
    Column("prominence", "Prominence (Σ 1/rank)", "float"),
    Column("dwell_days", "Days on front pages", "int"),
    Column("titles", "Titles", "int"),
]

STORY_HEADLINE_COLUMNS = [
    Column("story", "Story", "int"),
    Column("outlet", "Outlet"),
    Column("title", "Headline"),
    Column("url", "URL", "url"),
    Column("first_seen", "First seen", "date"),
    Column("days", "Days", "int"),
    Column("best_rank", "Best rank", "int"),
    Column("prominence", "Prominence", "float"),
]


def story_tables(stories: Sequence[Story], threshold: float) -> tuple[Table, Table]:
    rows = []
    member_rows = []
    for s in stories:
        rows.append(
            {
                "story": s.story_id,
                "title": s.title,
                "n_outlets": len(s.outlets),
                "outlets": s.outlets,
                "first_seen": s.first_seen,
                "first_outlets": s.first_outlets,
                "first_published": s.first_published,
                "prominence": s.prominence,
                "dwell_days": s.dwell_days,
                "titles": len(s.docs),
            }
        )
        for d in s.docs:
            ranks = [r for _, r in d.days.values() if r is not None]
            member_rows.append(
                {
                    "story": s.story_id,
                    "outlet": d.outlet,
                    "title": d.title,
                    "url": d.url,
                    "first_seen": min(d.days),
                    "days": len(d.days),
                    "best_rank": min(ranks) if ranks else None,
                    "prominence": d.prominence,
                }
            )
    note = (
        "Headlines and article titles clustered across outlets: same URL, or stemmed content words with "
        f"IDF-weighted Jaccard ≥ {threshold:g}, joined transitively (union-find). Prominence sums 1/rank over "
        "every front-page snapshot; days on front pages counts distinct run dates."
    )
    return (
        Table("stories", "Stories on several outlets", STORY_COLUMNS, rows, note=note),
        Table("story_headlines", "Headlines per story", STORY_HEADLINE_COLUMNS, member_rows),
    )


# --------------------------------------------------------------------------------------------
# SVG charts. Every string that reaches the SVG goes through escape(): titles, outlets and
# terms are scraped text.
# --------------------------------------------------------------------------------------------

# Dark, colour-blind-friendly hues with at least 4.5:1 contrast on white, so lines and labels
# stay readable; dash patterns tell lines apart where hues are close.
PALETTE = ["#0b5394", "#b45f06", "#38761d", "#990000", "#674ea7", "#134f5c", "#7f6000", "#a64d79", "#333333", "#1155cc"]
DASHES = ["", "6 3", "2 2", "8 3 2 3"]
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\""


def _e(value: Any) -> str:
    return str(escape(str(value)))


def _truncate(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def nice_ticks(low: float, high: float, target: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2 or 5 x 10^k) covering [low, high], about ``target`` intervals."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / target
    exponent = 10 ** math.floor(math.log10(raw))
    step = next(m * exponent for m in (1, 2, 5, 10) if raw <= m * exponent)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    count = int(round((last - first) / step))
    # round() keeps 0.30000000000000004 out of the labels.
    return [round(first + i * step, 10) for i in range(count + 1)]


def _svg(width: int, height: int, title: str, body: list[str], desc: str = "") -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" {FONT} font-size="12">'
        f"<title>{_e(title)}</title>"
    )
    if desc:
        head += f"<desc>{_e(desc)}</desc>"
    # Every interpolated string above and in body was escaped with _e.
    return Markup(head + "".join(body) + "</svg>")


def volume_chart(series: dict[str, dict[date, int]], days: Sequence[date], title: str, y_label: str) -> Markup:
    """Line chart of a daily count per outlet, with axes, labels and a legend."""
    width, height = 860, 340
    left, right, top, bottom = 64, 200, 40, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    # Counts are integers: a step below 1 would label the axis with fractions of a headline.
    y_ticks = nice_ticks(0, max(4, max((v for s in series.values() for v in s.values()), default=0)), 4)
    y_max = y_ticks[-1]
    n = len(days)

    def x(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))

    def y(v: float) -> float:
        return top + plot_h - plot_h * v / y_max

    body = [f'<text x="{left}" y="22" font-size="15" font-weight="600" fill="#1a1a1a">{_e(title)}</text>']
    for v in y_ticks:
        body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#d9d9d9"/>')
        body.append(f'<text x="{left - 8}" y="{y(v) + 4:.1f}" text-anchor="end" fill="#333">{v:g}</text>')
    step = max(1, math.ceil(n / 8))
    for i, d in enumerate(days):
        if i % step == 0 or i == n - 1:
            body.append(
                f'<line x1="{x(i):.1f}" x2="{x(i):.1f}" y1="{top + plot_h}" y2="{top + plot_h + 5}" stroke="#555"/>'
            )
            body.append(
                f'<text x="{x(i):.1f}" y="{top + plot_h + 19}" text-anchor="middle" fill="#333">{d:%m-%d}</text>'
            )
    body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#555"/>')
    body.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#555"/>')
    body.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 12}" text-anchor="middle" fill="#1a1a1a">Run date</text>'
    )
    body.append(
        f'<text x="16" y="{top + plot_h / 2:.1f}" text-anchor="middle" fill="#1a1a1a" '
        f'transform="rotate(-90 16 {top + plot_h / 2:.1f})">{_e(y_label)}</text>'
    )
    # Days when no outlet has rows (the DAG did not run) break the lines; a day when only this
    # outlet is missing drops to zero, which is the breakage the chart should show.
    active_days = {d for s in series.values() for d in s}
    for k, (outlet, values) in enumerate(series.items()):
        colour, dash = PALETTE[k % len(PALETTE)], DASHES[(k // len(PALETTE) + k) % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        run: list[str] = []
        runs: list[list[str]] = []
        for i, d in enumerate(days):
            if d not in active_days:
                if run:
                    runs.append(run)
                    run = []
                continue
            run.append(f"{x(i):.1f},{y(values.get(d, 0)):.1f}")
        if run:
            runs.append(run)
        for pts in runs:
            if len(pts) > 1:
                body.append(
                    f'<polyline points="{" ".join(pts)}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>'
                )
        for i, d in enumerate(days):
            if d in active_days:
                v = values.get(d, 0)
                body.append(
                    f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}">'
                    f"<title>{_e(outlet)} {d.isoformat()}: {v}</title></circle>"
                )
        ly = top + 8 + k * 20
        lx = left + plot_w + 18
        body.append(
            f'<line x1="{lx}" x2="{lx + 24}" y1="{ly}" y2="{ly}" stroke="{colour}" stroke-width="3"{dash_attr}/>'
        )
        body.append(f'<text x="{lx + 30}" y="{ly + 4}" fill="#1a1a1a">{_e(_truncate(outlet, 22))}</text>')
    return _svg(width, max(height, top + 20 * len(series) + 10), title, body, desc=f"{y_label} per outlet and run date")


def rising_chart(rows: Sequence[dict[str, Any]], title: str, short_days: int = 7, long_days: int = 28) -> Markup:
    """Horizontal bars of the z-scores of rising terms, vs the short and the long trailing window."""
    label_w, width, bar_h, gap = 190, 860, 11, 10
    top, bottom = 56, 40
    row_h = 2 * bar_h + gap
    height = top + bottom + row_h * max(1, len(rows))
    values = [v for r in rows for v in (r["z_short"], r["z_long"]) if v is not None]
    # Always show 0 and the 1.96 significance line; negative bars only when a value is clearly
    # negative (a z of -0.01 would otherwise widen the axis for nothing).
    low = min([0.0, *values])
    z_ticks = nice_ticks(low if low < -0.05 else 0.0, max([2.0, *values]))
    z_min, z_max = z_ticks[0], z_ticks[-1]
    plot_w = width - label_w - 60

    def x(v: float) -> float:
        return label_w + plot_w * (v - z_min) / (z_max - z_min)

    colours = {"z_short": "#0b5394", "z_long": "#b45f06"}
    names = {"z_short": f"vs previous {short_days} days", "z_long": f"vs previous {long_days} days"}
    body = [f'<text x="8" y="20" font-size="15" font-weight="600" fill="#1a1a1a">{_e(title)}</text>']
    lx = label_w
    for key in ("z_short", "z_long"):
        body.append(f'<rect x="{lx}" y="30" width="14" height="10" fill="{colours[key]}"/>')
        body.append(f'<text x="{lx + 20}" y="39" fill="#1a1a1a">{_e(names[key])}</text>')
        lx += 170
    axis_y = top + row_h * max(1, len(rows))
    for v in z_ticks:
        body.append(f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{top - 4}" y2="{axis_y}" stroke="#e3e3e3"/>')
        body.append(f'<text x="{x(v):.1f}" y="{axis_y + 16}" text-anchor="middle" fill="#333">{v:g}</text>')
    body.append(f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="{top - 4}" y2="{axis_y}" stroke="#555"/>')
    body.append(
        f'<line x1="{x(1.96):.1f}" x2="{x(1.96):.1f}" y1="{top - 4}" y2="{axis_y}" stroke="#990000" stroke-dasharray="4 3"/>'
    )
    body.append(f'<text x="{x(1.96) + 4:.1f}" y="{top - 6}" fill="#990000" font-size="11">z = 1.96</text>')
    body.append(
        f'<text x="{label_w + plot_w / 2:.1f}" y="{axis_y + 34}" text-anchor="middle" fill="#1a1a1a">'
        "z-score of the log-odds ratio (day vs trailing window)</text>"
    )
    for i, r in enumerate(rows):
        y0 = top + i * row_h
        body.append(
            f'<text x="{label_w - 8}" y="{y0 + bar_h + 4}" text-anchor="end" fill="#1a1a1a">{_e(_truncate(r["term"], 26))}</text>'
        )
        for k, key in enumerate(("z_short", "z_long")):
            v = r[key]
            if v is None:
                continue
            v_clipped = max(v, z_min)
            x0, x1 = sorted((x(0), x(v_clipped)))
            yb = y0 + k * bar_h
            body.append(
                f'<rect x="{x0:.1f}" y="{yb}" width="{max(x1 - x0, 1):.1f}" height="{bar_h - 1}" fill="{colours[key]}">'
                f"<title>{_e(r['term'])}: z = {v:.2f} {_e(names[key])}</title></rect>"
            )
            # Labels of negative bars go right of the zero line, away from the term labels.
            tx = x1 + 4
            anchor = "start"
            body.append(
                f'<text x="{tx:.1f}" y="{yb + bar_h - 2}" text-anchor="{anchor}" font-size="10" fill="#333">{v:.1f}</text>'
            )
    return _svg(width, height + 8, title, body, desc="Rising terms by z-score")


# Cell fills by best front-page rank that day: darker = more prominent. Absent cells are light
# grey with a border so that presence never depends on colour alone (the tooltip names the rank).
RANK_FILLS = [(3, "#08306b", "rank 1–3"), (10, "#2171b5", "rank 4–10"), (10**9, "#6baed6", "rank > 10")]
ARTICLE_ONLY_FILL = "#c6dbef"
ABSENT_FILL = "#f4f4f4"


def story_timeline_chart(stories: Sequence[Story], days: Sequence[date], title: str) -> Markup:
    """Per story, one row per outlet with a cell per day coloured by front-page rank."""
    label_w, cell, gap = 190, 26, 3
    top = 62
    width = max(640, label_w + len(days) * (cell + gap) + 20)
    body = [f'<text x="8" y="20" font-size="15" font-weight="600" fill="#1a1a1a">{_e(title)}</text>']
    lx = 8
    for _, fill, name in RANK_FILLS:
        body.append(f'<rect x="{lx}" y="30" width="14" height="12" fill="{fill}"/>')
        body.append(f'<text x="{lx + 18}" y="40" fill="#1a1a1a">{_e(name)}</text>')
        lx += 100
    body.append(f'<rect x="{lx}" y="30" width="14" height="12" fill="{ARTICLE_ONLY_FILL}"/>')
    body.append(f'<text x="{lx + 18}" y="40" fill="#1a1a1a">article only</text>')
    lx += 110
    body.append(f'<rect x="{lx}" y="30" width="14" height="12" fill="{ABSENT_FILL}" stroke="#bdbdbd"/>')
    body.append(f'<text x="{lx + 18}" y="40" fill="#1a1a1a">not seen</text>')
    for j, d in enumerate(days):
        cx = label_w + j * (cell + gap) + cell / 2
        body.append(
            f'<text x="{cx:.1f}" y="{top - 4}" text-anchor="middle" font-size="10" fill="#333">{d:%m-%d}</text>'
        )
    y = top + 4
    for s in stories:
        body.append(
            f'<text x="8" y="{y + 14}" font-weight="600" fill="#1a1a1a">#{s.story_id} '
            f"{_e(_truncate(s.title, 95))}</text>"
        )
        y += 20
        for outlet in s.outlets:
            body.append(f'<text x="20" y="{y + 17}" fill="#333">{_e(_truncate(outlet, 24))}</text>')
            for j, d in enumerate(days):
                cx = label_w + j * (cell + gap)
                value = s.cells.get((outlet, d))
                if value is None:
                    fill, stroke, tip = ABSENT_FILL, ' stroke="#bdbdbd"', "not seen"
                else:
                    prom, best = value
                    stroke = ""
                    if best is None:
                        fill, tip = ARTICLE_ONLY_FILL, "article only"
                    else:
                        fill = next(f for limit, f, _ in RANK_FILLS if best <= limit)
                        tip = f"best rank {best}, prominence {prom or 0:.2f}"
                body.append(
                    f'<rect x="{cx}" y="{y + 4}" width="{cell}" height="{cell - 8}" fill="{fill}"{stroke}>'
                    f"<title>{_e(outlet)} {d.isoformat()}: {_e(tip)}</title></rect>"
                )
            y += cell - 4
        y += 10
    return _svg(width, y + 10, title, body, desc="Story timelines: outlets by day")


# --------------------------------------------------------------------------------------------
# Report assembly
# --------------------------------------------------------------------------------------------


@dataclass
class Chart:
    title: str
    svg: Markup


@dataclass
class LanguageSection:
    code: str
    name: str
    top_terms: Table
    rising: Table
    chart: Chart | None


@dataclass
class ReportData:
    run_date: date
    window_start: date
    story_start: date
    history_days: int
    totals: dict[str, int]
    languages: list[LanguageSection]
    tables: dict[str, Table]
    charts: dict[str, Chart]
    notes: list[str] = field(default_factory=list)
    options: ReportOptions = field(default_factory=ReportOptions)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase, for benchmarks and logs
    generated_at: datetime = field(default_factory=lambda: datetime.now().astimezone())


_PARAM_RE = re.compile(r"\$([A-Za-z_]\w*)")


def _query(con, sql: str, params: dict[str, Any]):
    """Execute with the parameters the statement names: DuckDB rejects unused ones."""
    return con.execute(sql, {name: params[name] for name in set(_PARAM_RE.findall(sql))})


def _existing_tables(con) -> set[str]:
    return {row[0] for row in con.execute(EXISTING_TABLES_SQL).fetchall()}


def _volume(con, params: dict[str, Any], run_date: date, options: ReportOptions) -> tuple[Table, Table, Chart]:
    daily: dict[tuple[str, date], dict[str, int]] = defaultdict(
        lambda: {"headlines": 0, "sidebar_entries": 0, "articles": 0}
    )
    for day, outlet, kind, n in _query(con, VOLUME_DAILY_SQL, params).fetchall():
        daily[(outlet, day)][kind] = int(n)
    outlets = sorted({o for o, _ in daily})
    short_start = run_date - timedelta(days=options.short_window_days)

    def avg(outlet: str, kind: str, since: date) -> float | None:
        values = [v[kind] for (o, d), v in daily.items() if o == outlet and since <= d < run_date]
        return sum(values) / len(values) if values else None

    short, long_ = options.short_window_days, options.long_window_days
    rows = []
    for outlet in outlets:
        today = daily.get((outlet, run_date), {"headlines": 0, "sidebar_entries": 0, "articles": 0})
        avg7 = avg(outlet, "headlines", short_start)
        rows.append(
            {
                "outlet": outlet,
                "headlines": today["headlines"],
                "sidebar_entries": today["sidebar_entries"],
                "articles": today["articles"],
                "headlines_avg_7d": avg7,
                "headlines_change_pct": (100.0 * (today["headlines"] - avg7) / avg7) if avg7 else None,
                "headlines_avg_28d": avg(outlet, "headlines", params["start"]),
                "articles_avg_28d": avg(outlet, "articles", params["start"]),
                "days_active_28d": len({d for (o, d) in daily if o == outlet and d < run_date}),
            }
        )
    volume = Table(
        "volume",
        "Volume per outlet",
        [
            Column("outlet", "Outlet"),
            Column("headlines", "Headlines", "int"),
            Column("sidebar_entries", "Sidebar entries", "int"),
            Column("articles", "Articles", "int"),
            Column("headlines_avg_7d", f"Headlines/day, prev. {short} d", "float", 1),
            Column("headlines_change_pct", f"Headlines vs {short} d (%)", "float", 0),
            Column("headlines_avg_28d", f"Headlines/day, prev. {long_} d", "float", 1),
            Column("articles_avg_28d", f"Articles/day, prev. {long_} d", "float", 1),
            Column("days_active_28d", f"Days with data, prev. {long_} d", "int"),
        ],
        rows,
        note="Averages are over the days on which the outlet had rows.",
    )
    daily_rows = [
        {"run_date": d, "outlet": o, **v}
        for (o, d), v in sorted(daily.items(), key=lambda item: (item[0][1], item[0][0]))
    ]
    volume_daily = Table(
        "volume_daily",
        "Daily volume per outlet",
        [
            Column("run_date", "Run date", "date"),
            Column("outlet", "Outlet"),
            Column("headlines", "Headlines", "int"),
            Column("sidebar_entries", "Sidebar entries", "int"),
            Column("articles", "Articles", "int"),
        ],
        daily_rows,
    )
    totals_by_outlet = Counter({o: sum(v["headlines"] for (oo, _), v in daily.items() if oo == o) for o in outlets})
    shown = [o for o, _ in sorted(totals_by_outlet.items(), key=lambda kv: (-kv[1], kv[0]))][
        : options.volume_chart_outlets
    ]
    series = {o: {d: v["headlines"] for (oo, d), v in daily.items() if oo == o} for o in sorted(shown)}
    days = [params["start"] + timedelta(days=i) for i in range((run_date - params["start"]).days + 1)]
    title = "Headlines per day and outlet"
    if len(outlets) > len(shown):
        title += f" (the {len(shown)} largest of {len(outlets)} outlets)"
    chart = Chart(title, volume_chart(series, days, title, "Headlines per day"))
    return volume, volume_daily, chart


def _sidebar(con, run_date: date, options: ReportOptions) -> Table:
    params = {
        "day": run_date,
        "start": run_date - timedelta(days=options.short_window_days),
        "limit": options.sidebar_entries,
    }
    cols = [
        "title",
        "url",
        "outlet",
        "block",
        "block_kind",
        "max_count",
        "best_rank",
        "listings",
        "days_listed",
        "first_listed",
    ]
    rows = [dict(zip(cols, r, strict=True)) for r in _query(con, SIDEBAR_TOP_SQL, params).fetchall()]
    for i, row in enumerate(rows, start=1):
        row["rank"] = i
    return Table(
        "sidebar",
        "Most discussed sidebar entries",
        [
            Column("rank", "#", "int"),
            Column("title", "Entry"),
            Column("url", "URL", "url"),
            Column("outlet", "Outlet"),
            Column("block", "Block"),
            Column("block_kind", "Kind"),
            Column("max_count", "Count (max)", "int"),
            Column("best_rank", "Best rank", "int"),
            Column("listings", "Listings today", "int"),
            Column("days_listed", f"Days listed, last {options.short_window_days + 1} d", "int"),
            Column("first_listed", "First listed", "date"),
        ],
        rows,
        note="Largest count (views or comments as the outlet shows them) per entry on the day; "
        "counts of different outlets and blocks are not comparable with each other.",
    )


def _quality(con, run_date: date, options: ReportOptions, existing: set[str]) -> tuple[Table | None, Table | None, str]:
    present = [t for t in QUALITY_TABLES if t in existing]
    params = {"day": run_date, "start": run_date - timedelta(days=options.long_window_days)}
    has_rows = {t: _query(con, QUALITY_ROWS_SQL[t], params).fetchone()[0] > 0 for t in present}
    if not any(has_rows.values()):
        return None, None, "No data-quality records (outlet_runs, dq_results, quarantine) for this date."
    per_outlet: dict[str, dict[str, Any]] = defaultdict(dict)
    if has_rows.get("outlet_runs"):
        cols = ["status", "headlines", "sidebar_entries", "articles", "quarantined", "message"]
        for outlet, *values in _query(con, OUTLET_RUNS_DAY_SQL, {"day": run_date}).fetchall():
            per_outlet[outlet].update(zip(cols, values, strict=True))
        for outlet, ok, degraded, failed in _query(con, OUTLET_RUNS_HISTORY_SQL, params).fetchall():
            per_outlet[outlet].update(days_ok=ok, days_degraded=degraded, days_failed=failed)
    if has_rows.get("dq_results"):
        for outlet, total, block, warn in _query(con, DQ_DAY_SQL, {"day": run_date}).fetchall():
            per_outlet[outlet].update(expectations=total, failed_block=block, failed_warn=warn)
    if has_rows.get("quarantine"):
        for outlet, table_name, n in _query(con, QUARANTINE_DAY_SQL, {"day": run_date}).fetchall():
            entry = per_outlet[outlet]
            entry["quarantine_rows"] = entry.get("quarantine_rows", 0) + n
            entry.setdefault("quarantine_tables", []).append(f"{table_name}: {n}")
    rows = [{"outlet": o, **v} for o, v in sorted(per_outlet.items())]
    span = options.long_window_days + 1
    quality = Table(
        "data_quality",
        "Data quality per outlet",
        [
            Column("outlet", "Outlet"),
            Column("status", "Status"),
            Column("expectations", "Expectations", "int"),
            Column("failed_block", "Failed (blocking)", "int"),
            Column("failed_warn", "Failed (warning)", "int"),
            Column("quarantine_rows", "Quarantined rows", "int"),
            Column("quarantine_tables", "Quarantined by table", "list"),
            Column("days_ok", f"Days ok, last {span} d", "int"),
            Column("days_degraded", f"Days degraded, last {span} d", "int"),
            Column("days_failed", f"Days failed, last {span} d", "int"),
            Column("message", "Message"),
        ],
        rows,
    )
    failures = None
    if has_rows.get("dq_results"):
        cols = [
            "outlet",
            "suite",
            "expectation",
            "column_name",
            "severity",
            "observed_value",
            "unexpected_count",
            "element_count",
        ]
        frows = [
            dict(zip(cols, r, strict=True))
            for r in _query(con, DQ_FAILURES_SQL, {"day": run_date, "limit": options.dq_failures}).fetchall()
        ]
        failures = Table(
            "dq_failures",
            "Failed expectations",
            [
                Column("outlet", "Outlet"),
                Column("suite", "Suite"),
                Column("expectation", "Expectation"),
                Column("column_name", "Column"),
                Column("severity", "Severity"),
                Column("observed_value", "Observed"),
                Column("unexpected_count", "Unexpected", "int"),
                Column("element_count", "Rows", "int"),
            ],
            frows,
        )
    return quality, failures, ""


def _story_docs(con, run_date: date, start: date) -> list[StoryDoc]:
    docs = []
    for outlet, url, title, main_language, single_language, days, published_at, on_day in _query(
        con, STORY_DOCS_SQL, {"day": run_date, "start": start}
    ).fetchall():
        per_day = {
            d["run_date"]: (float(d["prominence"]) if d["prominence"] is not None else None, d["best_rank"])
            for d in days
        }
        lang = guess_language(title, default=_language_code(main_language), exclusive=bool(single_language))
        docs.append(StoryDoc(outlet, url, title, lang, per_day, bool(on_day), published_at))
    return docs


def compute_report(con, run_date: date, options: ReportOptions | None = None) -> ReportData:
    """Query the window and compute every section of the report (no files written).

    Raises:
        NoDataError: the core tables are missing or hold no rows for ``run_date``.
    """
    options = options or ReportOptions()
    existing = _existing_tables(con)
    missing = [t for t in CORE_TABLES if t not in existing]
    if missing:
        raise NoDataError(
            f"no rows loaded for {run_date.isoformat()}: table(s) {', '.join(missing)} missing; run the daily DAG first"
        )
    headlines, sidebar_entries, articles, outlets = _query(con, DAY_TOTALS_SQL, {"day": run_date}).fetchone()
    if headlines + sidebar_entries + articles == 0:
        raise NoDataError(f"no rows loaded for {run_date.isoformat()}; run the daily DAG first")
    totals = {"outlets": outlets, "headlines": headlines, "sidebar_entries": sidebar_entries, "articles": articles}

    start = run_date - timedelta(days=options.long_window_days)
    short_start = run_date - timedelta(days=options.short_window_days)
    story_start = run_date - timedelta(days=options.story_lookback_days)
    params = {"day": run_date, "start": start}
    notes: list[str] = []
    analyzer = Analyzer()
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[phase] = now - clock
        clock = now

    volume, volume_daily, volume_chart_ = _volume(con, params, run_date, options)
    history_days = len({r["run_date"] for r in volume_daily.rows if r["run_date"] < run_date})
    if history_days < options.long_window_days:
        notes.append(
            f"History: {history_days} earlier day(s) with data in the {options.long_window_days}-day window; "
            "trends are computed over what exists."
        )
    lap("volume")

    title_rows = _query(con, TITLE_COUNTS_SQL, {**params, "short_start": short_start}).fetchall()
    article_rows = _query(con, DAY_ARTICLES_SQL, {"day": run_date, "body_cap": options.body_char_cap}).fetchall()
    lap("terms_sql")
    counts = count_terms(title_rows, article_rows, analyzer, collocation_min_count=options.collocation_min_count)
    top = top_terms_table(counts, options.top_terms)
    rising, rising_notes = rising_terms(counts, options)
    rising_tab = rising_table(rising, counts, rising_notes, options)
    lap("terms")

    languages = []
    for lang in counts.languages():
        name = LANGUAGE_NAMES.get(lang, lang)
        lang_rising = rising_tab.subset(f"Rising terms: {name}", language=lang)
        chart = None
        if lang_rising.rows:
            chart_title = f"Rising terms ({name}), {run_date.isoformat()}"
            chart = Chart(
                chart_title,
                rising_chart(
                    lang_rising.rows[: options.rising_chart_terms],
                    chart_title,
                    options.short_window_days,
                    options.long_window_days,
                ),
            )
        languages.append(
            LanguageSection(lang, name, top.subset(f"Top terms: {name}", language=lang), lang_rising, chart)
        )

    docs = _story_docs(con, run_date, story_start)
    lap("stories_sql")
    groups = cluster_stories(docs, analyzer, similarity=options.story_similarity, min_shared=options.story_min_shared)
    stories = build_stories(docs, groups)[: options.stories]
    stories_tab, story_headlines_tab = story_tables(stories, options.story_similarity)
    story_days = [story_start + timedelta(days=i) for i in range(options.story_lookback_days + 1)]
    charts = {"volume": volume_chart_}
    if stories:
        title = "Story timelines: front-page presence per outlet and day"
        charts["stories"] = Chart(
            title, story_timeline_chart(stories[: options.story_chart_stories], story_days, title)
        )

    lap("stories")
    sidebar = _sidebar(con, run_date, options)
    quality, failures, quality_note = _quality(con, run_date, options, existing)
    if quality_note:
        notes.append(quality_note)
    lap("sidebar_dq")

    tables = {
        t.name: t
        for t in (volume, volume_daily, top, rising_tab, stories_tab, story_headlines_tab, sidebar, quality, failures)
        if t is not None
    }
    return ReportData(
        run_date=run_date,
        window_start=start,
        story_start=story_start,
        history_days=history_days,
        totals=totals,
        languages=languages,
        tables=tables,
        charts=charts,
        notes=notes,
        options=options,
        timings=timings,
    )


# --------------------------------------------------------------------------------------------
# Rendering and writing
# --------------------------------------------------------------------------------------------


def md_cell(value: Any) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped, no live HTML or links."""
    text = " ".join(str(value).replace("\r", "\n").split("\n"))
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    # Many Markdown viewers render inline HTML and [text](url) links: scraped text must not.
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "[]`":
        text = text.replace(ch, "\\" + ch)
    return text


def _environment(autoescape: bool):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_cell
    return env


def render_html(data: ReportData) -> str:
    return _environment(autoescape=True).get_template("report.html.j2").render(r=data, language_names=LANGUAGE_NAMES)


def render_markdown(data: ReportData) -> str:
    return _environment(autoescape=False).get_template("report.md.j2").render(r=data, language_names=LANGUAGE_NAMES)


def _write_atomic(path: Path, text: str) -> None:
    # Write beside the target and rename, so a reader never sees a half-written report.
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv(table: Table, csv_dir: Path) -> Path:
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([c.key for c in table.columns])
    for row in table.rows:
        writer.writerow(table.csv_values(row))
    path = csv_dir / f"{table.name}.csv"
    _write_atomic(path, buf.getvalue())
    return path


# Every CSV the report can write: a rerun removes the ones it no longer produces (e.g. the
# data-quality tables when those records were deleted), so the folder matches the report.
ALL_TABLE_NAMES = (
    "volume",
    "volume_daily",
    "top_terms",
    "rising_terms",
    "stories",
    "story_headlines",
    "sidebar",
    "data_quality",
    "dq_failures",
)


def write_report(data: ReportData, out_dir: Path) -> ReportPaths:
    day_dir = out_dir / data.run_date.isoformat()
    csv_dir = day_dir / "csv"
    csv_dir.mkdir(parents=True, exist_ok=True)
    for name in ALL_TABLE_NAMES:
        if name not in data.tables:
            (csv_dir / f"{name}.csv").unlink(missing_ok=True)
    for table in data.tables.values():
        write_csv(table, csv_dir)
    paths = ReportPaths(html=day_dir / "report.html", markdown=day_dir / "report.md", csv_dir=csv_dir)
    _write_atomic(paths.markdown, render_markdown(data))
    _write_atomic(paths.html, render_html(data))
    return paths


def build_report(
    run_date: date,
    *,
    db_path: Path | None = None,
    out_dir: Path | None = None,
    con=None,
    options: ReportOptions | None = None,
) -> ReportPaths:
    """Build the report of one run date from DuckDB and write HTML, Markdown and CSV files.

    Args:
        run_date: the Airflow logical date whose rows are reported.
        db_path: the DuckDB file (default: settings' duckdb_path); opened read-only.
        out_dir: the reports root (default: settings' reports_dir); files go to out_dir/run_date/.
        con: an open DuckDB connection to use instead of opening db_path (left open).
        options: windows, limits and thresholds.

    Returns:
        Paths of report.html, report.md and the csv folder.

    Raises:
        NoDataError: nothing was loaded for run_date.
        FileNotFoundError: the database file does not exist.
    """
    if isinstance(run_date, datetime):
        run_date = run_date.date()
    elif isinstance(run_date, str):
        run_date = date.fromisoformat(run_date)
    if out_dir is None or (con is None and db_path is None):
        from media_monitor.config import get_settings

        settings = get_settings()
        out_dir = out_dir or settings.reports_dir
        db_path = db_path or settings.duckdb_path
    owned = con is None
    if owned:
        assert db_path is not None
        if not Path(db_path).exists():
            raise FileNotFoundError(
                f"DuckDB file {db_path} not found: no rows loaded for {run_date}; run the daily DAG first"
            )
        import duckdb

        con = duckdb.connect(str(db_path), read_only=True)
    try:
        data = compute_report(con, run_date, options)
    finally:
        if owned:
            con.close()
    paths = write_report(data, Path(out_dir))
    log.info(
        "report for %s: %d headlines, %d stories, %d languages -> %s",
        run_date,
        data.totals["headlines"],
        len(data.tables["stories"].rows),
        len(data.languages),
        paths.html,
    )
    return paths
