"""The daily trend report: what the monitored outlets put forward on one run date.

``build_report`` reads DuckDB (read-only) and writes, under ``{reports_dir}/{run_date}/``:
``report.html`` (self-contained: inline CSS and SVG charts, no script, no remote assets),
``report.md`` (the same tables) and ``csv/<table>.csv`` (one file per table).

Sections: volume per outlet; top terms of the day per language; rising terms per language
(log-odds ratio with an informative Dirichlet prior, Monroe, Colaresi & Quinn 2008, against
the previous 7 and 28 days); stories run by several outlets (headlines clustered by weighted
token-set similarity and union-find); the most discussed sidebar entries; data quality.

Scale: a year of history is millions of headline rows (bench/report_benchmark.py: 3.6 M
snapshots, a report in about 4 s on two cores). Everything heavy runs in DuckDB over the report's
window only (the run date and the 28 days before it), in temp tables of the report's connection:
titles are tokenised with a regular expression (text.SQL_ITEM_PATTERN), words and stems travel
as numbers, terms are counted with GROUP BY, and the story similarity join is a prefix-filtered
self-join. Python applies the per-word rules once per distinct word (stop words, Snowball stems,
the language guess per distinct count profile) and the statistics on aggregated counts.
``count_terms`` and ``cluster_stories`` take Python input and are the reference the SQL is
tested against. Only the run date's article bodies are tokenised, and each is capped.
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
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from markupsafe import Markup, escape

from media_monitor.text import (
    CYRILLIC_LANGUAGES,
    LANGUAGE_NAMES,
    LATIN_GUESS_LANGUAGES,
    LATIN_SCRIPT_LANGUAGES,
    SQL_ITEM_PATTERN,
    SQL_LATIN_LETTER_PATTERN,
    SQL_NON_LATIN_LETTER_PATTERN,
    Analyzer,
    Collocations,
    DisplayForms,
    accept_collocations,
    decide_language,
    find_collocations,
    guess_language,
    is_word,
    latin_stop_languages,
    word_script,
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
    # Candidate pairs are found through the first words a pair shares among each headline's
    # rarest ones (prefix filtering): at most this many per headline, counting only words seen
    # on two outlets or more. Two outlets' headlines on one event share rare words (names,
    # places); headlines alike only in common words are not compared, which bounds the work
    # when the window holds thousands of near-identical headlines. None compares exactly.
    story_key_stems: int | None = 4
    # Single linkage chains: one weak link joins two stories, and chains of them can swallow
    # a large part of the window. A group holding more than this share of the story window's
    # documents (and more than STORY_SPLIT_MIN_DOCS) is split at a stricter similarity, raised
    # by 0.1 until every part is below the limit.
    story_max_share: float = 0.02
    stories: int = 20
    story_chart_stories: int = 10
    # The timeline chart draws a story's most prominent outlets; the tables list all of them.
    story_chart_outlets: int = 12
    # Headlines listed per story in the HTML and Markdown (most prominent first); the CSV has
    # every one: at a year of history a story can gather thousands.
    story_headlines_shown: int = 25
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

# --------------------------------------------------------------------------------------------
# Terms in DuckDB. A month of headlines is ~300 k distinct titles and 2-3 M words: tokenising,
# counting and merging multi-word terms run in SQL over temp tables; Python only decides what
# needs a per-word rule (is a form a stop word, its Snowball stem, a language guess), once per
# distinct form, and the statistics on the aggregated counts. The temp tables (prefix mm_) live
# on the report's connection (read-only is fine) and are dropped when the report is computed.
# --------------------------------------------------------------------------------------------

# Every distinct headline title of the window (per outlet main language, as the Python reference
# count_terms reads TITLE_COUNTS_SQL), with its front-page snapshots on the day and in the two
# trailing windows. Counted per (title, outlet) first, so the outlet join runs on few rows.
TERM_TITLES_SQL = """
WITH per_outlet AS (
    SELECT title, outlet,
           count(*) FILTER (WHERE run_date = $day) AS n_day,
           count(*) FILTER (WHERE run_date >= $short_start AND run_date < $day) AS n_short,
           count(*) FILTER (WHERE run_date < $day) AS n_long
    FROM headlines
    WHERE run_date BETWEEN $start AND $day
    GROUP BY title, outlet
)
SELECT CAST(row_number() OVER () AS INTEGER) AS doc, 'title' AS kind, p.title AS text,
       o.languages[1] AS main_language, len(o.languages) = 1 AS single_language,
       NULL::VARCHAR AS declared_language,
       CAST(sum(p.n_day) AS BIGINT) AS n_day, CAST(sum(p.n_short) AS BIGINT) AS n_short,
       CAST(sum(p.n_long) AS BIGINT) AS n_long,
       CAST(sum(p.n_day) AS BIGINT) AS weight,           -- counts toward the day's documents
       coalesce(list(p.outlet ORDER BY p.outlet) FILTER (WHERE p.n_day > 0), []) AS outlets
FROM per_outlet AS p
LEFT JOIN outlets AS o USING (outlet)
GROUP BY p.title, main_language, single_language
"""

# The day's articles: title and (capped) body, one document each, for the day's top terms.
TERM_ARTICLES_SQL = """
INSERT INTO mm_texts
SELECT CAST((SELECT coalesce(max(doc), 0) FROM mm_texts) + row_number() OVER () AS INTEGER), 'article',
       coalesce(a.title, '') || chr(10) || left(coalesce(a.body, ''), $body_cap),
       o.languages[1], len(o.languages) = 1, a.language, 1, 0, 0, 1, [a.outlet]
FROM articles AS a
LEFT JOIN outlets AS o USING (outlet)
WHERE a.run_date = $day
"""

TEXT_RANGES_SQL = "SELECT kind, min(doc), max(doc) FROM mm_texts GROUP BY kind"

# Titles that only the story clustering reads: story documents whose title is not one of the
# term window's headline titles (seen only on fetched articles, or before the term window
# when the story window is the longer). Numbered after the articles; never counted as terms.
STORY_TITLES_SQL = """
INSERT INTO mm_texts
SELECT CAST((SELECT coalesce(max(doc), 0) FROM mm_texts) + row_number() OVER () AS INTEGER), 'story_title', title,
       main_language, single_language, NULL, 0, 0, 0, 0, []
FROM (SELECT DISTINCT title, main_language, single_language FROM mm_story_docs WHERE text_doc IS NULL)
"""

STORY_TITLE_DOCS_SQL = """
UPDATE mm_story_docs AS s SET text_doc = x.doc
FROM mm_texts AS x
WHERE s.text_doc IS NULL AND x.kind = 'story_title' AND x.text = s.title
  AND x.main_language IS NOT DISTINCT FROM s.main_language
  AND x.single_language IS NOT DISTINCT FROM s.single_language
"""

# Words and phrase breaks of every text, in order (text.SQL_ITEM_PATTERN).
TERM_ITEMS_SQL = """
SELECT doc, unnest(generate_series(1, len(items))) AS pos, unnest(items) AS surface
FROM (SELECT doc, regexp_extract_all(text, $item_pattern) AS items FROM mm_texts)
"""

# Articles without a declared language are guessed from their first 2000 characters.
TERM_GUESS_ITEMS_SQL = """
SELECT doc, unnest(regexp_extract_all(left(text, 2000), $item_pattern)) AS surface
FROM mm_texts
WHERE kind = 'article' AND nullif(split_part(replace(lower(trim(declared_language, ' ' || chr(9) || chr(10) || chr(13))), '_', '-'), '-', 1), '') IS NULL  -- as _language_code
"""

TERM_SURFACES_SQL = """
SELECT DISTINCT surface FROM (SELECT surface FROM mm_items UNION ALL SELECT surface FROM mm_guess_items)
"""

# Word items by number (mm_surfaces: the distinct words, numbered in Python); punctuation and
# other non-words drop out, leaving gaps in pos that end a run of adjacent words.
TERM_ITEM_IDS_SQL = """
SELECT i.doc, i.pos, s.surface_id FROM mm_items AS i JOIN mm_surfaces AS s USING (surface)
"""

TERM_GUESS_ITEM_IDS_SQL = """
SELECT i.doc, s.surface_id FROM mm_guess_items AS i JOIN mm_surfaces AS s USING (surface)
"""

# Per text, what the language decision needs: a fixed language (declared by an article, or the
# outlet's only language when the script agrees: text._script_agrees), else the words per script
# and the stop-word hits per Latin language (text.decide_language, applied per distinct row).
TERM_DOC_SIGNATURES_SQL = """
WITH words AS (
    SELECT doc, surface_id FROM mm_item_ids WHERE doc <= $last_title OR doc > $last_article  -- not articles
    UNION ALL
    SELECT doc, surface_id FROM mm_guess_item_ids
),
counts AS (
    SELECT w.doc,
           count(*) FILTER (WHERE s.script = 'cyrillic') AS cyrillic,
           count(*) FILTER (WHERE s.script = 'latin') AS latin,
           count(*) FILTER (WHERE s.script = 'greek') AS greek,
           count(*) FILTER (WHERE s.script = 'arabic') AS arabic,
           count(*) FILTER (WHERE s.stop_en) AS stop_en,
           count(*) FILTER (WHERE s.stop_de) AS stop_de,
           count(*) FILTER (WHERE s.stop_fr) AS stop_fr,
           count(*) FILTER (WHERE s.stop_es) AS stop_es
    FROM words AS w JOIN mm_surfaces AS s USING (surface_id)
    GROUP BY w.doc
),
texts AS (
    -- language codes as _language_code: 'en-US' / 'en_GB' / ' EN ' -> 'en'
    SELECT doc, kind, text, nullif(split_part(replace(lower(trim(declared_language, ' ' || chr(9) || chr(10) || chr(13))), '_', '-'), '-', 1), '') AS declared,
           nullif(split_part(replace(lower(trim(main_language, ' ' || chr(9) || chr(10) || chr(13))), '_', '-'), '-', 1), '') AS default_lang,
           coalesce(single_language, false) AS exclusive
    FROM mm_texts
),
fixed AS (
    SELECT doc, default_lang, CASE
        WHEN kind = 'article' THEN declared
        WHEN exclusive AND default_lang IS NOT NULL AND CASE
                WHEN list_contains($cyrillic_languages, default_lang) THEN NOT regexp_matches(text, $latin_letter)
                WHEN list_contains($latin_languages, default_lang) THEN NOT regexp_matches(text, $non_latin_letter)
                ELSE false END
            THEN default_lang
        END AS fixed_lang
    FROM texts
)
SELECT f.doc, f.fixed_lang, coalesce(f.default_lang, '') AS default_lang,
       coalesce(c.cyrillic, 0) AS cyrillic, coalesce(c.latin, 0) AS latin,
       coalesce(c.greek, 0) AS greek, coalesce(c.arabic, 0) AS arabic,
       coalesce(c.stop_en, 0) AS stop_en, coalesce(c.stop_de, 0) AS stop_de,
       coalesce(c.stop_fr, 0) AS stop_fr, coalesce(c.stop_es, 0) AS stop_es
FROM fixed AS f LEFT JOIN counts AS c USING (doc)
"""

_SIGNATURE_COLUMNS = (
    "default_lang",
    "cyrillic",
    "latin",
    "greek",
    "arabic",
    "stop_en",
    "stop_de",
    "stop_fr",
    "stop_es",
)

TERM_SIGNATURES_SQL = """
SELECT DISTINCT default_lang, cyrillic, latin, greek, arabic, stop_en, stop_de, stop_fr, stop_es
FROM mm_doc_sig WHERE fixed_lang IS NULL
"""

TERM_DOC_LANGUAGES_SQL = """
SELECT s.doc, coalesce(s.fixed_lang, g.lang) AS lang
FROM mm_doc_sig AS s
LEFT JOIN mm_sig_lang AS g
  ON s.fixed_lang IS NULL AND g.default_lang = s.default_lang
 AND g.cyrillic = s.cyrillic AND g.latin = s.latin AND g.greek = s.greek AND g.arabic = s.arabic
 AND g.stop_en = s.stop_en AND g.stop_de = s.stop_de AND g.stop_fr = s.stop_fr AND g.stop_es = s.stop_es
"""

# The forms the Analyzer must classify: each word in each language it occurs in.
TERM_FORMS_SQL = """
SELECT DISTINCT l.lang, i.surface_id FROM mm_item_ids AS i JOIN mm_doc_lang AS l USING (doc)
"""

# Content words (stem numbers) with the next word when it is adjacent: nothing (no stop word,
# no punctuation) stood between them, as in Analyzer.segments. A word's place is packed into
# one number, k = doc x 2^32 + pos, so the next word is k + 1. Languages are numbered too.
TERM_TOKENS_SQL = """
WITH t AS (
    SELECT CAST(i.doc AS BIGINT) * 4294967296 + i.pos AS k, i.doc, g.lang_id, m.stem_id, i.surface_id, m.capitalised
    FROM mm_item_ids AS i
    JOIN mm_doc_lang AS l USING (doc)
    JOIN mm_langs AS g USING (lang)
    JOIN mm_token_map AS m ON m.key = CAST(g.lang_id AS BIGINT) * 4294967296 + i.surface_id
)
SELECT t.*, n.stem_id AS next_stem, n.surface_id AS next_surface, n.capitalised AS next_capitalised
FROM t LEFT JOIN t AS n ON n.k = t.k + 1
"""

# Adjacent pairs frequent enough to be a multi-word term, with what text.accept_collocations
# needs. Counted over the window's distinct titles, each once, per language.
TERM_BIGRAMS_SQL = """
WITH t AS (SELECT * FROM mm_tokens WHERE doc <= $last_title),
unigrams AS (SELECT lang_id, stem_id, count(*) AS n FROM t GROUP BY lang_id, stem_id),
totals AS (SELECT lang_id, sum(n) AS total FROM unigrams GROUP BY lang_id),
bigrams AS (
    SELECT lang_id, stem_id AS l, next_stem AS r, count(*) AS n,
           count(*) FILTER (WHERE capitalised AND next_capitalised) AS n_capitalised
    FROM t WHERE next_stem IS NOT NULL
    GROUP BY lang_id, stem_id, next_stem
    HAVING count(*) >= $min_count
)
SELECT b.lang_id, b.l, b.r, b.n, b.n_capitalised, ul.n AS n_left, ur.n AS n_right, CAST(tt.total AS BIGINT) AS total
FROM bigrams AS b
JOIN unigrams AS ul ON ul.lang_id = b.lang_id AND ul.stem_id = b.l
JOIN unigrams AS ur ON ur.lang_id = b.lang_id AND ur.stem_id = b.r
JOIN totals AS tt ON tt.lang_id = b.lang_id
"""

# Terms: a word (stem, next = NULL), or a word and the next one merged when they form an
# accepted pair; the right word of a merged pair is dropped. No word is both a left and a right
# of accepted pairs (text._drop_overlaps), so this equals Collocations.terms' left-to-right
# merging. The day's and the window's counts come with each occurrence.
TERM_TERMS_SQL = """
WITH consumed AS (
    SELECT t.k
    FROM mm_tokens AS t
    JOIN mm_pairs AS pr ON pr.lang_id = t.lang_id AND pr.r = t.stem_id
    JOIN mm_tokens AS p ON p.k = t.k - 1 AND p.stem_id = pr.l
)
SELECT t.doc, t.lang_id, t.stem_id,
       CASE WHEN nx.l IS NOT NULL THEN t.next_stem END AS next_stem,
       t.surface_id,
       CASE WHEN nx.l IS NOT NULL THEN t.next_surface END AS next_surface,
       x.n_day, x.n_short, x.n_long, x.weight
FROM mm_tokens AS t
JOIN mm_texts AS x USING (doc)
LEFT JOIN mm_pairs AS nx ON nx.lang_id = t.lang_id AND nx.l = t.stem_id AND nx.r = t.next_stem
ANTI JOIN consumed AS c ON c.k = t.k
WHERE t.doc <= $last_article  -- not story-only titles
"""

# Term occurrences in headline titles on the day and in the trailing windows.
TERM_WINDOW_COUNTS_SQL = """
SELECT lang_id, stem_id, next_stem,
       CAST(sum(n_day) AS BIGINT), CAST(sum(n_short) AS BIGINT), CAST(sum(n_long) AS BIGINT)
FROM mm_terms
WHERE doc <= $last_title
GROUP BY lang_id, stem_id, next_stem
"""

# Documents of the day mentioning a term (a title counts once per front-page snapshot) and the
# outlets that carried them.
TERM_DAY_DOCS_SQL = """
WITH day_terms AS (
    SELECT DISTINCT doc, lang_id, stem_id, next_stem, weight FROM mm_terms WHERE weight > 0
)
SELECT t.lang_id, t.stem_id, t.next_stem, CAST(sum(t.weight) AS BIGINT) AS docs,
       list_distinct(flatten(list(x.outlets))) AS outlets
FROM day_terms AS t JOIN mm_texts AS x USING (doc)
GROUP BY t.lang_id, t.stem_id, t.next_stem
"""

# Written forms of each term on the day, weighted like the documents, for DisplayForms.
TERM_DAY_FORMS_SQL = """
SELECT lang_id, stem_id, next_stem, surface_id, next_surface, CAST(sum(weight) AS BIGINT)
FROM mm_terms
WHERE weight > 0
GROUP BY lang_id, stem_id, next_stem, surface_id, next_surface
"""

# --------------------------------------------------------------------------------------------
# Stories in DuckDB. Story documents are (outlet, url, title) seen in the story window, with
# their per-day front-page prominence (sum of 1/rank over that day's snapshots; NULL when the
# title only came from a fetched article), and the text (mm_texts) that holds their words.
# --------------------------------------------------------------------------------------------

# Each document's front-page days: prominence (sum of 1/rank over that day's snapshots; NULL
# when the title only came from a fetched article) and best rank. sdoc numbers the documents.
STORY_DAYS_SQL = """
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
SELECT CAST(dense_rank() OVER (ORDER BY outlet, url, title) - 1 AS INTEGER) AS sdoc, *
FROM per_day
"""

STORY_DOCS_SQL = """
WITH docs AS (
    SELECT sdoc, any_value(outlet) AS outlet, any_value(url) AS url, any_value(title) AS title,
           coalesce(sum(prominence), 0) AS prominence, min(published_at) AS published_at,
           bool_or(run_date = $day) AS on_day
    FROM mm_story_days
    GROUP BY sdoc
)
SELECT d.*, o.languages[1] AS main_language, len(o.languages) = 1 AS single_language, x.doc AS text_doc,
       -- a story's documents: every document of a URL that was on the day (cluster_stories' seeds)
       bool_or(d.on_day) OVER (PARTITION BY d.outlet, d.url) AS seed,
       CAST(dense_rank() OVER (ORDER BY d.outlet) AS INTEGER) AS outlet_id
FROM docs AS d
LEFT JOIN outlets AS o USING (outlet)
LEFT JOIN mm_texts AS x
  ON x.kind <> 'article' AND x.text = d.title
 AND x.main_language IS NOT DISTINCT FROM o.languages[1]
 AND x.single_language IS NOT DISTINCT FROM (len(o.languages) = 1)
"""

STORY_SIM_DOCS_SQL = "SELECT sdoc, seed, outlet_id FROM mm_story_docs"

STORY_SIM_STEMS_SQL = """
SELECT DISTINCT s.sdoc, t.stem_id AS stem FROM mm_story_docs AS s JOIN mm_tokens AS t ON t.doc = s.text_doc
"""

STORY_DOC_ARRAYS_SQL = """
SELECT sdoc, on_day, outlet_id, CAST(prominence AS DOUBLE) AS prominence FROM mm_story_docs ORDER BY sdoc
"""

STORY_URL_EDGES_SQL = """
SELECT sdoc AS a, first_doc AS b
FROM (SELECT sdoc, min(sdoc) OVER (PARTITION BY outlet, url) AS first_doc FROM mm_story_docs)
WHERE sdoc <> first_doc
"""

STORY_MEMBERS_SQL = """
SELECT s.sdoc, s.outlet, s.url, s.title, l.lang,
       list({'run_date': p.run_date, 'prominence': p.prominence, 'best_rank': p.best_rank} ORDER BY p.run_date) AS days,
       s.published_at, s.on_day
FROM mm_story_docs AS s
JOIN mm_story_days AS p USING (sdoc)
LEFT JOIN mm_doc_lang AS l ON l.doc = s.text_doc
WHERE s.sdoc IN (SELECT unnest($sdocs))
GROUP BY s.sdoc, s.outlet, s.url, s.title, l.lang, s.published_at, s.on_day
ORDER BY s.sdoc
"""

# --------------------------------------------------------------------------------------------
# The similarity join of cluster_stories over mm_sim_docs(sdoc, seed) and mm_sim_stems(sdoc,
# stem): IDF-weighted Jaccard, pairs with a seed on one side. Exact (every pair the all-pairs
# comparison accepts, and only those) unless the keys are limited to each document's rarest
# shared stems ($key_stems, see ReportOptions.story_key_stems).
#
# Candidates come from prefix filtering (Chaudhuri et al. 2006; Bayardo et al. 2007) with keys
# made of shared stems. Stems are numbered rarest (highest idf) first, so a document's first
# stems are its heaviest. A document B with weighted Jaccard >= t against A shares weight
# >= t x W(A). A's k-prefix is the shortest run of its first stems such that the weight after
# it plus its k-1 heaviest stems stays below t x W(A): B then shares at least k stems with A
# within it, and the first k stems A and B share (in the global order) lie in that prefix.
# A document's level is the largest k <= 3 for which the k-prefix exists. A pair is found by
# the first stems it shares:
#   both of level 3: the first 3, a 3-subset of both 3-prefixes (family 3);
#   levels 2 and 3: the first 3; the level-2 side emits 2 stems of its 2-prefix and any later
#   stem (family 4, matched with family 3);
#   both of level 2: the first 2, a 2-subset of both 2-prefixes (family 2);
#   a side of level 1: the first shared stem is in both 1-prefixes and, with min_shared >= 2,
#   the second anywhere after it (family 1).
# Keys are the stem numbers themselves, packed into one BIGINT (21 bits each; pairs negative),
# so a common key means the stems are shared. Positional filter (Xiao et al. 2008): a key that
# is the first stems a pair shares bounds the shared weight by its own weight plus the lesser
# weight either side has after its last stem. A pair of documents whose 3-prefixes are whole
# shares exactly the stems of its common family-3 keys (m stems make C(m, 3) keys): with one
# common key, the key's weight is the shared weight and no list needs checking. Every other
# candidate is checked on its lists of stems.
# --------------------------------------------------------------------------------------------

# Stem numbers are packed 21 bits each into a key: more distinct stems than this is refused.
SIM_MAX_STEMS = 2**21 - 1

SIM_ROWS_SQL = """
WITH df AS (
    SELECT s.stem, count(*) AS df, min(d.outlet_id) <> max(d.outlet_id) AS several_outlets
    FROM mm_sim_stems AS s JOIN mm_sim_docs AS d USING (sdoc)
    GROUP BY s.stem
),
st AS (SELECT stem, ln(1 + CAST($n AS DOUBLE) / df) AS idf, CAST(row_number() OVER (ORDER BY df, stem) AS BIGINT) AS sid FROM df),
x AS (
    SELECT s.sdoc, st.sid, st.idf,
           -- a stem of one document only is never shared: it makes no keys. With a key limit,
           -- only stems seen on two outlets or more make keys (a story on several outlets is
           -- what the report looks for), and the limit counts those (kpos: rank among them).
           CASE WHEN $key_stems IS NULL THEN df.df > 1 ELSE df.several_outlets END AS shareable
    FROM mm_sim_stems AS s JOIN st USING (stem) JOIN df USING (stem)
)
SELECT sdoc, sid, idf,
       CAST(row_number() OVER w AS INTEGER) AS pos,
       sum(idf) OVER w AS cum,
       shareable,
       CAST(count(*) FILTER (WHERE shareable) OVER w AS INTEGER) AS kpos
FROM x
WINDOW w AS (PARTITION BY sdoc ORDER BY sid ROWS UNBOUNDED PRECEDING)
"""

SIM_META_SQL = """
WITH m AS (
    SELECT r.sdoc, any_value(d.seed) AS seed,
           list(r.sid ORDER BY r.sid) AS sids, list(r.idf ORDER BY r.sid) AS weights,
           max(r.cum) AS total, CAST(count(*) AS INTEGER) AS len,
           coalesce(max(r.cum) FILTER (WHERE r.pos = 1), 0) AS c1,
           coalesce(max(r.cum) FILTER (WHERE r.pos = 2), 0) AS c2,
           max(r.kpos) AS n_shareable
    FROM mm_sim_rows AS r JOIN mm_sim_docs AS d USING (sdoc)
    GROUP BY r.sdoc
)
SELECT *,
       CASE WHEN len >= 3 AND c2 < ($t - $eps) * total THEN 3
            WHEN len >= 2 AND c1 < ($t - $eps) * total THEN 2
            ELSE 1 END AS level,
       -- every stem makes keys: the 3-prefix is the whole document (its lightest stem is in
       -- it) and no stem is beyond the key limit
       len >= 3 AND weights[len] + c2 >= ($t - $eps) * total AND n_shareable <= coalesce($key_stems, n_shareable) AS full
FROM m
"""

# The stems that make keys (shared by another document, within the key limit), with what the
# keys need: prefix membership, weight after them, stems after them.
SIM_KEY_ROWS_SQL = """
SELECT r.sdoc, r.sid, r.idf, r.pos, r.cum, m.total, m.len, m.level, m.seed, m.full,
       -- in the k-prefix: the weight from this stem on, plus the k-1 heaviest, reaches t x W
       m.total - r.cum + r.idf >= ($t - $eps) * m.total AS in_p1,
       r.pos <= 1 OR m.total - r.cum + r.idf + m.c1 >= ($t - $eps) * m.total AS in_p2,
       r.pos <= 2 OR m.total - r.cum + r.idf + m.c2 >= ($t - $eps) * m.total AS in_p3
FROM mm_sim_rows AS r JOIN mm_sim_meta AS m USING (sdoc)
WHERE r.shareable AND r.kpos <= coalesce($key_stems, r.kpos)
"""

SIM_KEYS_SQL = """
WITH r AS (SELECT * FROM mm_sim_key_rows),
-- Level-1 keys are needed by the documents that can meet one of level 1: every document when
-- a seed is of level 1, else the seeds (when any document is) and the level-1 documents.
need AS (SELECT bool_or(level = 1) AS any1, bool_or(seed AND level = 1) AS all1 FROM mm_sim_meta)
-- family 3: 3-subsets of the 3-prefix (level 3)
SELECT a.sdoc, a.seed, a.total, a.full, CAST(3 AS TINYINT) AS family,
       (a.sid << 42) | (b.sid << 21) | c.sid AS key,
       a.idf + b.idf + c.idf AS wkey, c.total - c.cum AS rest, c.len - c.pos AS rest_n
FROM r AS a
JOIN r AS b ON b.sdoc = a.sdoc AND b.pos > a.pos AND b.in_p3
JOIN r AS c ON c.sdoc = a.sdoc AND c.pos > b.pos AND c.in_p3
WHERE a.level = 3 AND a.in_p3
UNION ALL
-- family 4: two stems of the 2-prefix and any later one (level 2, to meet level 3)
SELECT a.sdoc, a.seed, a.total, false, 4, (a.sid << 42) | (b.sid << 21) | c.sid,
       a.idf + b.idf + c.idf, c.total - c.cum, c.len - c.pos
FROM r AS a
JOIN r AS b ON b.sdoc = a.sdoc AND b.pos > a.pos AND b.in_p2
JOIN r AS c ON c.sdoc = a.sdoc AND c.pos > b.pos
WHERE a.level = 2 AND a.in_p2
UNION ALL
-- family 2: 2-subsets of the 2-prefix (level 2, to meet level 2)
SELECT a.sdoc, a.seed, a.total, false, 2, -((a.sid << 21) | b.sid),
       a.idf + b.idf, b.total - b.cum, b.len - b.pos
FROM r AS a
JOIN r AS b ON b.sdoc = a.sdoc AND b.pos > a.pos AND b.in_p2
WHERE a.level = 2 AND a.in_p2
UNION ALL
-- family 1: a stem of the 1-prefix and, with min_shared >= 2, any later one
SELECT a.sdoc, a.seed, a.total, false, 1, -((a.sid << 21) | b.sid),
       a.idf + b.idf, b.total - b.cum, b.len - b.pos
FROM r AS a
JOIN r AS b ON b.sdoc = a.sdoc AND b.pos > a.pos, need
WHERE $min_shared >= 2 AND a.in_p1 AND (a.level = 1 OR need.all1 OR (a.seed AND need.any1))
UNION ALL
SELECT a.sdoc, a.seed, a.total, false, 1, -a.sid, a.idf, a.total - a.cum, a.len - a.pos
FROM r AS a, need
WHERE $min_shared < 2 AND a.in_p1 AND (a.level = 1 OR need.all1 OR (a.seed AND need.any1))
"""

# A seed a meets another document b on keys of matching families (3 with 3 or 4, 2 with 2:
# triples are positive and pairs negative, so the key alone tells them apart); a pair of seeds
# is kept once, from the lower id. The family-1 join keeps one side at level 1, so documents
# that meet at a higher level are never joined on their family-1 keys. Per pair: the common
# keys (weighted 1 when both documents are whole, else 2, so that a sum of 1 means a single
# family-3 key of two whole documents) and whether some key passes the positional filter.
SIM_CANDIDATES_SQL = """
WITH pairs AS (
    SELECT a.sdoc AS a, b.sdoc AS b, CASE WHEN a.full AND b.full THEN 1 ELSE 2 END AS weight, a.wkey,
           (a.wkey + least(a.rest, b.rest)) * (1 + $t) >= ($t - $eps) * (a.total + b.total)
             AND (CASE a.family WHEN 2 THEN 2 ELSE 3 END) + least(a.rest_n, b.rest_n) >= $min_shared AS passes
    FROM mm_sim_keys AS a JOIN mm_sim_keys AS b ON b.key = a.key
    WHERE a.seed AND a.family >= 2 AND b.family >= 2 AND a.sdoc <> b.sdoc AND NOT (b.seed AND b.sdoc < a.sdoc)
    UNION ALL
    SELECT a.sdoc, b.sdoc, 2, a.wkey,
           (a.wkey + least(a.rest, b.rest)) * (1 + $t) >= ($t - $eps) * (a.total + b.total)
             AND least($min_shared, 2) + least(a.rest_n, b.rest_n) >= $min_shared
    FROM mm_sim_keys AS a JOIN mm_sim_keys AS b ON b.key = a.key
    WHERE a.seed AND a.family = 1 AND b.family = 1 AND a.sdoc <> b.sdoc AND NOT (b.seed AND b.sdoc < a.sdoc)
      AND (a.sdoc IN (SELECT sdoc FROM mm_sim_meta WHERE level = 1)
           OR b.sdoc IN (SELECT sdoc FROM mm_sim_meta WHERE level = 1))
)
SELECT a, b, sum(weight) = 1 AS exact, max(wkey) AS wkey
FROM pairs
GROUP BY a, b
HAVING bool_or(passes)
"""

SIM_EDGES_SQL = """
WITH v AS (
    SELECT c.a, c.b, c.exact, c.wkey, x.total AS total_a, y.total AS total_b, x.weights,
           -- 1.0 where a's stem is also b's (list_dot_product with the weights: the shared weight)
           list_transform(x.sids, lambda s: CAST(list_contains(y.sids, s) AS DOUBLE)) AS member
    FROM mm_sim_candidates AS c
    JOIN mm_sim_meta AS x ON x.sdoc = c.a
    JOIN mm_sim_meta AS y ON y.sdoc = c.b
),
s AS (
    SELECT a, b, total_a, total_b,
           CASE WHEN exact THEN wkey ELSE list_dot_product(weights, member) END AS shared,
           CASE WHEN exact THEN 3 ELSE list_sum(member) END AS n_shared
    FROM v
)
SELECT a, b, shared / (total_a + total_b - shared) AS similarity
FROM s
WHERE n_shared >= $min_shared
  AND shared >= $t * (total_a + total_b - shared) - $eps * (total_a + total_b)
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
# Running the statements: each one timed under a name, temp tables dropped afterwards.
# --------------------------------------------------------------------------------------------

_PARAM_RE = re.compile(r"\$([A-Za-z_]\w*)")
_TEMP_TABLE_RE = re.compile(r"^mm_\w+$")


class QuerySession:
    """The report's statements on one DuckDB connection: bound parameters, timings, temp tables.

    Each statement runs under a name; ``timings`` holds the seconds each took (execution and
    fetch), which the benchmark reports. Temp tables created through it are dropped by close().
    """

    def __init__(self, con) -> None:
        self.con = con
        self.timings: dict[str, float] = {}
        self._temp_tables: list[str] = []

    def _execute(self, sql: str, params: dict[str, Any] | None):
        # DuckDB rejects parameters a statement does not name, so pass only those it names.
        names = set(_PARAM_RE.findall(sql))
        return self.con.execute(sql, {name: (params or {})[name] for name in names})

    def _record(self, name: str, started: float) -> None:
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started

    def fetch(self, name: str, sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
        started = time.perf_counter()
        rows = self._execute(sql, params).fetchall()
        self._record(name, started)
        return rows

    def fetchone(self, name: str, sql: str, params: dict[str, Any] | None = None) -> tuple:
        started = time.perf_counter()
        row = self._execute(sql, params).fetchone()
        self._record(name, started)
        return row

    def arrays(self, name: str, sql: str, params: dict[str, Any] | None = None) -> dict[str, np.ndarray]:
        """The result as one numpy array per column."""
        started = time.perf_counter()
        result = self._execute(sql, params).fetchnumpy()
        self._record(name, started)
        return {k: np.asarray(v) for k, v in result.items()}

    def create(self, table: str, sql: str, params: dict[str, Any] | None = None) -> None:
        """CREATE OR REPLACE TEMP TABLE ``table`` AS the query, timed under the table's name."""
        if not _TEMP_TABLE_RE.match(table):
            raise ValueError(f"temp table names start with mm_: {table!r}")
        started = time.perf_counter()
        self._execute(f"CREATE OR REPLACE TEMP TABLE {table} AS {sql}", params)
        self._record(table, started)
        if table not in self._temp_tables:
            self._temp_tables.append(table)

    def run(self, name: str, sql: str, params: dict[str, Any] | None = None) -> None:
        started = time.perf_counter()
        self._execute(sql, params)
        self._record(name, started)

    def load(self, table: str, columns: dict[str, tuple[str, Sequence[Any]]]) -> None:
        """A temp table from Python columns: {name: (DuckDB type, values)}, all of one length."""
        select = ", ".join(f"unnest(CAST(${name} AS {kind}[])) AS {name}" for name, (kind, _) in columns.items())
        self.create(table, f"SELECT {select}", {name: list(values) for name, (_, values) in columns.items()})

    def drop(self, *tables: str) -> None:
        """Drop temp tables no longer needed: a year of history makes them hundreds of MB."""
        for table in tables:
            if table in self._temp_tables:
                self.con.execute(f"DROP TABLE IF EXISTS temp.{table}")
                self._temp_tables.remove(table)

    def close(self) -> None:
        for table in reversed(self._temp_tables):
            self.con.execute(f"DROP TABLE IF EXISTS temp.{table}")
        self._temp_tables.clear()


# --------------------------------------------------------------------------------------------
# Tables: one structure feeds the HTML, the Markdown and the CSV.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text | name (kept on one line) | int | float | date | url | list
    digits: int = 2

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "float")


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None
    numeric: bool = False
    css: str = ""  # class of the HTML cell: num, date, name or url (how it may wrap)
    items: tuple[str, ...] = ()  # a list column's values, each kept on one line in HTML


@dataclass
class Table:
    name: str  # CSV file stem
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""
    # The rows HTML and Markdown show, when not all of them; the CSV always has every row.
    shown_rows: list[dict[str, Any]] | None = None

    def subset(self, title: str, **equal: Any) -> Table:
        """The rows whose columns equal the given values, as a table of its own (not written to CSV)."""
        rows = [r for r in self.rows if all(r.get(k) == v for k, v in equal.items())]
        columns = [c for c in self.columns if c.key not in equal]
        return Table(name=self.name, title=title, columns=columns, rows=rows)

    def cells(self) -> list[list[Cell]]:
        rows = self.rows if self.shown_rows is None else self.shown_rows
        return [[_cell(col, row.get(col.key)) for col in self.columns] for row in rows]

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


# HTML and Markdown list this many values of a list cell (e.g. outlets) and count the rest;
# the CSV has them all.
LIST_ITEMS_SHOWN = 8


def _cell(col: Column, value: Any) -> Cell:
    if col.kind == "url":
        href = safe_href(value)
        return Cell(text=_display(col, value), href=href, css="url")
    if col.kind == "list" and isinstance(value, (list, tuple)):
        items = tuple(str(v) for v in value)
        if len(items) > LIST_ITEMS_SHOWN:
            more = f"… (+{len(items) - LIST_ITEMS_SHOWN} more)"
            items = (*items[:LIST_ITEMS_SHOWN], more)
        return Cell(text=", ".join(items), items=items)
    css = "num" if col.numeric else (col.kind if col.kind in ("date", "name") else "")
    return Cell(text=_display(col, value), numeric=col.numeric, css=css)


# A spreadsheet opening the CSV evaluates a cell that starts with one of these as a formula
# (=HYPERLINK(...), +cmd|..., @SUM(...)); tab and carriage return are read the same way by
# some. Scraped text can start with anything, so such cells get a leading apostrophe, which
# spreadsheets show as text (OWASP "CSV injection"). Numbers the report computes are left as
# they are: a negative z-score is a number, not a formula.
CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """The text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(CSV_FORMULA_PREFIXES) else text


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return csv_safe("; ".join(str(v) for v in value))
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).isoformat()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return csv_safe(str(value))


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
    """Tokenise the window's distinct titles and the day's articles into term counts (in Python).

    The report counts in DuckDB (count_terms_sql); this is the reference it is tested against,
    and the entry point for texts that are not in a database.

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


@dataclass(frozen=True)
class TextRanges:
    """Document ids of mm_texts: window titles 1..last_title, articles to last_article, then
    story-only titles (load_story_documents)."""

    last_title: int
    last_article: int


def load_texts(session: QuerySession, params: dict[str, Any]) -> TextRanges:
    """mm_texts: the window's distinct headline titles and the day's articles."""
    session.create("mm_texts", TERM_TITLES_SQL, params)
    session.run("mm_texts_articles", TERM_ARTICLES_SQL, params)
    ranges = {kind: (low, high) for kind, low, high in session.fetch("mm_text_ranges", TEXT_RANGES_SQL)}
    last_title = ranges.get("title", (0, 0))[1]
    last_article = ranges.get("article", (0, last_title))[1]
    return TextRanges(last_title=last_title, last_article=last_article)


def load_story_documents(session: QuerySession, run_date: date, story_start: date) -> None:
    """mm_story_days and mm_story_docs for the story window; titles not yet in mm_texts are added."""
    session.create("mm_story_days", STORY_DAYS_SQL, {"day": run_date, "start": story_start})
    session.create("mm_story_docs", STORY_DOCS_SQL, {"day": run_date})
    session.run("mm_texts_story_titles", STORY_TITLES_SQL)
    session.run("mm_story_title_docs", STORY_TITLE_DOCS_SQL)


@dataclass
class Vocabulary:
    """The words (surfaces) and stems of the report's texts, by the numbers the SQL uses."""

    surfaces: list[str] = field(default_factory=list)  # surface_id - 1 -> surface
    stems: list[str] = field(default_factory=list)  # stem_id - 1 -> stem
    languages: list[str] = field(default_factory=list)  # lang_id - 1 -> language code

    def term(self, stem_id: int, next_stem: int | None) -> str:
        first = self.stems[stem_id - 1]
        return first if next_stem is None else f"{first} {self.stems[next_stem - 1]}"

    def surface(self, surface_id: int, next_surface: int | None) -> str:
        first = self.surfaces[surface_id - 1]
        return first if next_surface is None else f"{first} {self.surfaces[next_surface - 1]}"


def tokenize_texts(session: QuerySession, ranges: TextRanges, analyzer: Analyzer) -> Vocabulary:
    """mm_doc_lang (language per text) and mm_tokens (content words with neighbours) from mm_texts.

    The Analyzer's rules apply once per distinct form: which surface is a word, its script and
    stop-word hits (for the language guess), then per (language, surface) its stem or None.
    Words and stems travel through SQL as numbers (the returned Vocabulary).
    """
    session.create("mm_items", TERM_ITEMS_SQL, {"item_pattern": SQL_ITEM_PATTERN})
    session.create("mm_guess_items", TERM_GUESS_ITEMS_SQL, {"item_pattern": SQL_ITEM_PATTERN})

    vocabulary = Vocabulary()
    vocabulary.surfaces = [s for (s,) in session.fetch("mm_surfaces_distinct", TERM_SURFACES_SQL) if is_word(s)]
    words = vocabulary.surfaces
    scripts = [word_script(w) for w in words]
    stops = [latin_stop_languages(w) if script == "latin" else () for w, script in zip(words, scripts, strict=True)]
    columns: dict[str, tuple[str, Sequence[Any]]] = {
        "surface": ("VARCHAR", words),
        "surface_id": ("INTEGER", range(1, len(words) + 1)),
        "script": ("VARCHAR", scripts),
    }
    for lang in LATIN_GUESS_LANGUAGES:
        columns[f"stop_{lang}"] = ("BOOLEAN", [lang in langs for langs in stops])
    session.load("mm_surfaces", columns)
    session.create("mm_item_ids", TERM_ITEM_IDS_SQL)
    session.create("mm_guess_item_ids", TERM_GUESS_ITEM_IDS_SQL)
    session.drop("mm_items", "mm_guess_items")

    session.create(
        "mm_doc_sig",
        TERM_DOC_SIGNATURES_SQL,
        {
            "last_title": ranges.last_title,
            "last_article": ranges.last_article,
            "cyrillic_languages": sorted(CYRILLIC_LANGUAGES),
            "latin_languages": sorted(LATIN_SCRIPT_LANGUAGES),
            "latin_letter": SQL_LATIN_LETTER_PATTERN,
            "non_latin_letter": SQL_NON_LATIN_LETTER_PATTERN,
        },
    )
    signatures = session.fetch("mm_signatures", TERM_SIGNATURES_SQL)
    langs = [
        decide_language(cyr, lat, grk, ara, dict(zip(LATIN_GUESS_LANGUAGES, stop, strict=True)), default or None)
        for default, cyr, lat, grk, ara, *stop in signatures
    ]
    sig_columns: dict[str, tuple[str, Sequence[Any]]] = {
        name: ("VARCHAR" if name == "default_lang" else "BIGINT", [row[k] for row in signatures])
        for k, name in enumerate(_SIGNATURE_COLUMNS)
    }
    sig_columns["lang"] = ("VARCHAR", langs)
    session.load("mm_sig_lang", sig_columns)
    session.create("mm_doc_lang", TERM_DOC_LANGUAGES_SQL)

    tokens = [
        (lang, surface_id, analyzer.token(words[surface_id - 1], lang))
        for lang, surface_id in session.fetch("mm_forms", TERM_FORMS_SQL)
    ]
    # Stems numbered in sorted order, so that ordering by number is ordering by stem.
    vocabulary.stems = sorted({tok.stem for _, _, tok in tokens if tok is not None})
    vocabulary.languages = sorted({lang for lang, _, _ in tokens})
    stem_ids = {stem: k for k, stem in enumerate(vocabulary.stems, start=1)}
    lang_ids = {lang: k for k, lang in enumerate(vocabulary.languages, start=1)}
    if len(words) >= 2**32:
        raise ReportError(f"{len(words):,} distinct words in the window: at most 2^32 are supported")
    content = [(lang, surface_id, tok) for lang, surface_id, tok in tokens if tok is not None]
    session.load(
        "mm_langs", {"lang": ("VARCHAR", vocabulary.languages), "lang_id": ("INTEGER", range(1, len(lang_ids) + 1))}
    )
    session.load(
        "mm_token_map",
        {
            "key": ("BIGINT", [lang_ids[lang] * 2**32 + surface_id for lang, surface_id, _ in content]),
            "stem_id": ("INTEGER", [stem_ids[tok.stem] for _, _, tok in content]),
            "capitalised": ("BOOLEAN", [tok.capitalised for _, _, tok in content]),
        },
    )
    session.create("mm_tokens", TERM_TOKENS_SQL)
    session.drop("mm_item_ids", "mm_guess_item_ids", "mm_doc_sig", "mm_sig_lang", "mm_surfaces", "mm_token_map")
    return vocabulary


def count_terms_sql(
    session: QuerySession, ranges: TextRanges, vocabulary: Vocabulary, *, collocation_min_count: int = 3
) -> TermCounts:
    """The counts of :func:`count_terms`, computed in DuckDB from mm_texts and mm_tokens."""
    counts = TermCounts()
    stems = vocabulary.stems
    languages = vocabulary.languages
    by_language: dict[str, list[tuple[tuple[str, str], int, int, int, int]]] = defaultdict(list)
    totals: dict[str, int] = {}
    for lang_id, left, right, n, n_cap, n_left, n_right, total in session.fetch(
        "mm_bigrams",
        TERM_BIGRAMS_SQL,
        {"last_title": ranges.last_title, "min_count": collocation_min_count},
    ):
        lang = languages[lang_id - 1]
        by_language[lang].append(((stems[left - 1], stems[right - 1]), n, n_cap, n_left, n_right))
        totals[lang] = total
    stem_ids = {stem: k for k, stem in enumerate(stems, start=1)}
    pair_lang: list[int] = []
    pair_left: list[int] = []
    pair_right: list[int] = []
    for lang, candidates in by_language.items():
        counts.collocations[lang] = accept_collocations(candidates, totals[lang], min_count=collocation_min_count)
        for left, right in counts.collocations[lang].pairs:
            pair_lang.append(languages.index(lang) + 1)
            pair_left.append(stem_ids[left])
            pair_right.append(stem_ids[right])
    session.load(
        "mm_pairs", {"lang_id": ("INTEGER", pair_lang), "l": ("INTEGER", pair_left), "r": ("INTEGER", pair_right)}
    )
    window = {"last_title": ranges.last_title, "last_article": ranges.last_article}
    session.create("mm_terms", TERM_TERMS_SQL, window)

    term = vocabulary.term
    for lang_id, stem_id, next_stem, n_day, n_short, n_long in session.fetch(
        "mm_window_counts", TERM_WINDOW_COUNTS_SQL, window
    ):
        # Every language with a title in the window has its counters, as in count_terms.
        lang = languages[lang_id - 1]
        key = term(stem_id, next_stem)
        for target, n in ((counts.day[lang], n_day), (counts.short[lang], n_short), (counts.long[lang], n_long)):
            if n:
                target[key] = n
        counts.collocations.setdefault(lang, Collocations())
    for lang_id, stem_id, next_stem, docs, outlets in session.fetch("mm_day_docs", TERM_DAY_DOCS_SQL):
        lang = languages[lang_id - 1]
        key = term(stem_id, next_stem)
        counts.day_docs[lang][key] = docs
        counts.day_outlets[lang][key] = set(outlets)
    surface = vocabulary.surface
    for lang_id, stem_id, next_stem, surface_id, next_surface, weight in session.fetch(
        "mm_day_forms", TERM_DAY_FORMS_SQL
    ):
        lang = languages[lang_id - 1]
        counts.forms[lang].add(term(stem_id, next_stem), surface(surface_id, next_surface), weight)
    session.drop("mm_terms", "mm_pairs")
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


def connected_components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A component label per node 0..n-1 for the undirected edges (a[k], b[k]).

    Vectorised union-find (hook roots to the smaller label, then pointer jumping), so a
    million edges cost milliseconds; two nodes share a label iff a path joins them.
    """
    labels = np.arange(n, dtype=np.int64)
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    if n == 0 or len(a) == 0:
        return labels
    while True:
        la, lb = labels[a], labels[b]
        low = np.minimum(la, lb)
        hooked = labels.copy()
        np.minimum.at(hooked, la, low)
        np.minimum.at(hooked, lb, low)
        while True:
            jumped = hooked[hooked]
            if np.array_equal(jumped, hooked):
                break
            hooked = jumped
        if np.array_equal(hooked, labels):
            return labels
        labels = hooked


# Groups of at most this many documents are never split (see ReportOptions.story_max_share),
# and splitting stops at this similarity: headlines that alike are one story, however many.
STORY_SPLIT_MIN_DOCS = 100
STORY_SPLIT_MAX_SIMILARITY = 0.7


@dataclass(frozen=True)
class StoryGrouping:
    """Component labels of story documents, and how far oversized groups were split."""

    labels: np.ndarray
    split_groups: int = 0  # groups over the size limit at the base similarity
    split_similarity: float | None = None  # the similarity at which the last of them fell apart


def group_documents(
    n: int,
    url_edges: tuple[np.ndarray, np.ndarray],
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    *,
    similarity: float,
    max_group_docs: int | None = None,
    step: float = 0.1,
    max_similarity: float = STORY_SPLIT_MAX_SIMILARITY,
) -> StoryGrouping:
    """Connected components over same-URL links and similarity edges (a, b, similarity).

    With ``max_group_docs``, a component larger than that loses its similarity edges below
    a threshold raised by ``step`` until no component is larger, or the threshold reaches
    ``max_similarity`` (same-URL links always hold).
    """
    url_a, url_b = (np.asarray(x, dtype=np.int64) for x in url_edges)
    a, b, sim = (
        np.asarray(edges[0], dtype=np.int64),
        np.asarray(edges[1], dtype=np.int64),
        np.asarray(edges[2], dtype=float),
    )
    keep = np.ones(len(a), dtype=bool)
    threshold = similarity
    split_groups = 0
    split_similarity = None
    while True:
        labels = connected_components(n, np.concatenate([url_a, a[keep]]), np.concatenate([url_b, b[keep]]))
        if max_group_docs is None or n == 0:
            break
        sizes = np.bincount(labels, minlength=n)
        big = sizes[labels] > max_group_docs
        if not big.any():
            break
        if threshold == similarity:
            split_groups = len(np.unique(labels[big]))
        threshold = round(threshold + step, 10)
        if threshold > max_similarity + 1e-9:
            break
        split_similarity = threshold
        keep &= ~(big[a] & (sim < threshold))
    return StoryGrouping(labels=labels, split_groups=split_groups, split_similarity=split_similarity)


def similar_pairs(
    session: QuerySession, n: int, *, similarity: float, min_shared: int, key_stems: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (seed, document) of mm_sim_docs with IDF-weighted Jaccard >= similarity on mm_sim_stems.

    Exact (see SIM_ROWS_SQL) when ``key_stems`` is None; otherwise a pair is found only when the
    first stems it shares are among each document's ``key_stems`` rarest ones.
    ``n`` is the number of documents, for the idf.

    Returns:
        Arrays a, b (document ids) and their similarity.
    """
    params = {"n": n, "t": similarity, "eps": 1e-9, "min_shared": min_shared, "key_stems": key_stems}
    session.create("mm_sim_rows", SIM_ROWS_SQL, params)
    stems = session.fetchone("mm_sim_stem_count", "SELECT coalesce(max(sid), 0) FROM mm_sim_rows")[0]
    if stems > SIM_MAX_STEMS:
        raise ReportError(f"{stems:,} distinct stems in the story window: at most {SIM_MAX_STEMS:,} are supported")
    session.create("mm_sim_meta", SIM_META_SQL, params)
    session.create("mm_sim_key_rows", SIM_KEY_ROWS_SQL, params)
    session.create("mm_sim_keys", SIM_KEYS_SQL, params)
    session.create("mm_sim_candidates", SIM_CANDIDATES_SQL, params)
    session.drop("mm_sim_keys", "mm_sim_key_rows", "mm_sim_rows")
    edges = session.arrays("mm_sim_edges", SIM_EDGES_SQL, params)
    session.drop("mm_sim_candidates", "mm_sim_meta")
    return edges["a"].astype(np.int64), edges["b"].astype(np.int64), edges["similarity"].astype(float)


def cluster_stories(
    docs: Sequence[StoryDoc],
    analyzer: Analyzer,
    *,
    similarity: float = 0.3,
    min_shared: int = 2,
    key_stems: int | None = None,
    max_group_docs: int | None = None,
) -> list[list[int]]:
    """Group documents about the same event; only groups with a document on the run date.

    Two documents join when they share a URL on one outlet (a headline reworded over the day,
    its fetched article), or when their stemmed content words overlap with IDF-weighted
    Jaccard >= ``similarity`` and at least ``min_shared`` shared stems. Groups are the
    connected components. Only pairs with at least one side attached to the run date are
    compared, which bounds the work by the day's size rather than the window's. The report
    runs the same similarity join on its DuckDB tables (compute_report); this entry point
    takes documents from Python and joins them in an in-memory DuckDB.

    Args:
        key_stems: find candidate pairs through each document's rarest stems only (see
            ReportOptions.story_key_stems); None compares every pair that can qualify.
        max_group_docs: split larger groups at a stricter similarity (group_documents).

    Returns:
        Lists of document indexes, one per group that reaches the run date.
    """
    import duckdb

    n = len(docs)
    first_by_url: dict[tuple[str, str], int] = {}
    url_a: list[int] = []
    url_b: list[int] = []
    for i, d in enumerate(docs):
        j = first_by_url.setdefault((d.outlet, d.url), i)
        if j != i:
            url_a.append(i)
            url_b.append(j)
    url_edges = (np.array(url_a, dtype=np.int64), np.array(url_b, dtype=np.int64))
    labels = connected_components(n, *url_edges)
    day_roots = {labels[i] for i, d in enumerate(docs) if d.on_day}
    seeds = [bool(labels[i] in day_roots) for i in range(n)]

    stem_doc: list[int] = []
    stems: list[str] = []
    for i, d in enumerate(docs):
        for stem in sorted(set(analyzer.content_stems(d.title, d.language or guess_language(d.title)))):
            stem_doc.append(i)
            stems.append(stem)
    con = duckdb.connect()
    session = QuerySession(con)
    try:
        outlet_ids = {outlet: k for k, outlet in enumerate(sorted({d.outlet for d in docs}))}
        session.load(
            "mm_sim_docs",
            {
                "sdoc": ("INTEGER", list(range(n))),
                "seed": ("BOOLEAN", seeds),
                "outlet_id": ("INTEGER", [outlet_ids[d.outlet] for d in docs]),
            },
        )
        session.load("mm_sim_stems", {"sdoc": ("INTEGER", stem_doc), "stem": ("VARCHAR", stems)})
        edges = similar_pairs(session, n, similarity=similarity, min_shared=min_shared, key_stems=key_stems)
    finally:
        session.close()
        con.close()
    grouping = group_documents(n, url_edges, edges, similarity=similarity, max_group_docs=max_group_docs)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[int(grouping.labels[i])].append(i)
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
    Column("outlet", "Outlet", "name"),
    Column("title", "Headline"),
    Column("url", "URL", "url"),
    Column("first_seen", "First seen", "date"),
    Column("days", "Days", "int"),
    Column("best_rank", "Best rank", "int"),
    Column("prominence", "Prominence", "float"),
]


def story_tables(stories: Sequence[Story], threshold: float, shown_per_story: int | None = None) -> tuple[Table, Table]:
    """The stories and their headlines; HTML and Markdown list ``shown_per_story`` headlines each."""
    rows = []
    member_rows = []
    shown_rows: list[dict[str, Any]] = []
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
        story_rows = member_rows[len(member_rows) - len(s.docs) :]
        if shown_per_story is not None and len(story_rows) > shown_per_story:
            story_rows = sorted(story_rows, key=lambda r: -r["prominence"])[:shown_per_story]
        shown_rows.extend(story_rows)
    note = (
        "Headlines and article titles clustered across outlets: same URL, or stemmed content words with "
        f"IDF-weighted Jaccard ≥ {threshold:g}, joined transitively (union-find). Prominence sums 1/rank over "
        "every front-page snapshot; days on front pages counts distinct run dates."
    )
    headlines = Table("story_headlines", "Headlines per story", STORY_HEADLINE_COLUMNS, member_rows)
    if len(shown_rows) < len(member_rows):
        headlines.shown_rows = shown_rows
        headlines.note = (
            f"The {shown_per_story} most prominent headlines of each story are listed; "
            f"csv/story_headlines.csv has all {len(member_rows):,}."
        )
    return Table("stories", "Stories on several outlets", STORY_COLUMNS, rows, note=note), headlines


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
    # 5% headroom keeps a line at the maximum off the plot's top edge.
    y_ticks = nice_ticks(0, max(4, 1.05 * max((v for s in series.values() for v in s.values()), default=0)), 4)
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
        # Every step-th day and the run date, but no label crowding the run date's.
        if i == n - 1 or (i % step == 0 and (n - 1 - i) * 3 >= step * 2):
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


def story_timeline_chart(
    stories: Sequence[Story], days: Sequence[date], title: str, max_outlets: int | None = None
) -> Markup:
    """Per story, one row per outlet with a cell per day coloured by front-page rank.

    A story on more than ``max_outlets`` outlets shows its most prominent ones and a line
    saying how many more there are.
    """
    # Columns wide enough for their "MM-DD" labels (10 px type), rows tall enough to click.
    label_w, cell_w, cell_h, gap, row_h = 190, 36, 18, 4, 24
    top = 62
    width = max(760, label_w + len(days) * (cell_w + gap) + 20)
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
        cx = label_w + j * (cell_w + gap) + cell_w / 2
        body.append(
            f'<text x="{cx:.1f}" y="{top - 4}" text-anchor="middle" font-size="10" fill="#333">{d:%m-%d}</text>'
        )
    y = top + 4
    for s in stories:
        body.append(
            f'<text x="8" y="{y + 14}" font-weight="600" fill="#1a1a1a">#{s.story_id} '
            f"{_e(_truncate(s.title, 100))}</text>"
        )
        y += 20
        outlets = s.outlets
        if max_outlets is not None and len(outlets) > max_outlets:
            weight: Counter[str] = Counter()
            for (outlet, _), (prom, _) in s.cells.items():
                weight[outlet] += prom or 0.0
            shown = set(sorted(outlets, key=lambda o: (-weight[o], o))[:max_outlets])
            outlets = [o for o in outlets if o in shown]
        for outlet in outlets:
            body.append(f'<text x="20" y="{y + 17}" fill="#333">{_e(_truncate(outlet, 24))}</text>')
            for j, d in enumerate(days):
                cx = label_w + j * (cell_w + gap)
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
                    f'<rect x="{cx}" y="{y + 4}" width="{cell_w}" height="{cell_h}" fill="{fill}"{stroke}>'
                    f"<title>{_e(outlet)} {d.isoformat()}: {_e(tip)}</title></rect>"
                )
            y += row_h
        if len(outlets) < len(s.outlets):
            more = len(s.outlets) - len(outlets)
            body.append(
                f'<text x="20" y="{y + 16}" font-style="italic" fill="#333">… and {more} more outlet'
                f"{'s' if more > 1 else ''} (see the tables)</text>"
            )
            y += 22
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
    query_timings: dict[str, float] = field(default_factory=dict)  # seconds per SQL statement
    generated_at: datetime = field(default_factory=lambda: datetime.now().astimezone())


def _volume(
    session: QuerySession, params: dict[str, Any], run_date: date, options: ReportOptions
) -> tuple[Table, Table, Chart]:
    daily: dict[tuple[str, date], dict[str, int]] = defaultdict(
        lambda: {"headlines": 0, "sidebar_entries": 0, "articles": 0}
    )
    for day, outlet, kind, n in session.fetch("volume_daily", VOLUME_DAILY_SQL, params):
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
            Column("outlet", "Outlet", "name"),
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
            Column("outlet", "Outlet", "name"),
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
    # The axis starts at the first day with data: a young database would leave most of it empty.
    first_day = min((d for _, d in daily), default=run_date)
    days = [first_day + timedelta(days=i) for i in range((run_date - first_day).days + 1)]
    title = "Headlines per day and outlet"
    if len(outlets) > len(shown):
        title += f" (the {len(shown)} largest of {len(outlets)} outlets)"
    chart = Chart(title, volume_chart(series, days, title, "Headlines per day"))
    return volume, volume_daily, chart


def _sidebar(session: QuerySession, run_date: date, options: ReportOptions) -> Table:
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
    rows = [dict(zip(cols, r, strict=True)) for r in session.fetch("sidebar_top", SIDEBAR_TOP_SQL, params)]
    for i, row in enumerate(rows, start=1):
        row["rank"] = i
    return Table(
        "sidebar",
        "Most discussed sidebar entries",
        [
            Column("rank", "#", "int"),
            Column("title", "Entry"),
            Column("url", "URL", "url"),
            Column("outlet", "Outlet", "name"),
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


def _quality(
    session: QuerySession, run_date: date, options: ReportOptions, existing: set[str]
) -> tuple[Table | None, Table | None, str]:
    present = [t for t in QUALITY_TABLES if t in existing]
    params = {"day": run_date, "start": run_date - timedelta(days=options.long_window_days)}
    has_rows = {t: session.fetchone(f"quality_rows_{t}", QUALITY_ROWS_SQL[t], params)[0] > 0 for t in present}
    if not any(has_rows.values()):
        return None, None, "No data-quality records (outlet_runs, dq_results, quarantine) for this date."
    per_outlet: dict[str, dict[str, Any]] = defaultdict(dict)
    if has_rows.get("outlet_runs"):
        cols = ["status", "headlines", "sidebar_entries", "articles", "quarantined", "message"]
        for outlet, *values in session.fetch("outlet_runs_day", OUTLET_RUNS_DAY_SQL, {"day": run_date}):
            per_outlet[outlet].update(zip(cols, values, strict=True))
        for outlet, ok, degraded, failed in session.fetch("outlet_runs_history", OUTLET_RUNS_HISTORY_SQL, params):
            per_outlet[outlet].update(days_ok=ok, days_degraded=degraded, days_failed=failed)
    if has_rows.get("dq_results"):
        for outlet, total, block, warn in session.fetch("dq_day", DQ_DAY_SQL, {"day": run_date}):
            per_outlet[outlet].update(expectations=total, failed_block=block, failed_warn=warn)
    if has_rows.get("quarantine"):
        for outlet, table_name, n in session.fetch("quarantine_day", QUARANTINE_DAY_SQL, {"day": run_date}):
            entry = per_outlet[outlet]
            entry["quarantine_rows"] = entry.get("quarantine_rows", 0) + n
            entry.setdefault("quarantine_tables", []).append(f"{table_name}: {n}")
    rows = [{"outlet": o, **v} for o, v in sorted(per_outlet.items())]
    span = options.long_window_days + 1
    quality = Table(
        "data_quality",
        "Data quality per outlet",
        [
            Column("outlet", "Outlet", "name"),
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
            for r in session.fetch("dq_failures", DQ_FAILURES_SQL, {"day": run_date, "limit": options.dq_failures})
        ]
        failures = Table(
            "dq_failures",
            "Failed expectations",
            [
                Column("outlet", "Outlet", "name"),
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


def _stories_in_db(
    session: QuerySession, run_date: date, story_start: date, options: ReportOptions
) -> tuple[list[Story], StoryGrouping]:
    """The report's stories: cluster_stories on the DuckDB tables, for the story window.

    Needs mm_story_docs (load_story_documents) and mm_tokens (tokenize_texts).

    Components are labelled for every document, but only the groups that can make the top
    ``options.stories`` (by outlets, then prominence, as build_stories sorts) are read into
    Python.
    """
    session.create("mm_sim_docs", STORY_SIM_DOCS_SQL)
    session.create("mm_sim_stems", STORY_SIM_STEMS_SQL)
    session.drop("mm_tokens")
    docs = session.arrays("mm_story_doc_arrays", STORY_DOC_ARRAYS_SQL)
    n = len(docs["sdoc"])
    if n == 0:
        return [], StoryGrouping(labels=np.zeros(0, dtype=np.int64))
    edges = similar_pairs(
        session,
        n,
        similarity=options.story_similarity,
        min_shared=options.story_min_shared,
        key_stems=options.story_key_stems,
    )
    url_edges = session.arrays("mm_story_url_edges", STORY_URL_EDGES_SQL)
    grouping = group_documents(
        n,
        (url_edges["a"], url_edges["b"]),
        edges,
        similarity=options.story_similarity,
        max_group_docs=max(STORY_SPLIT_MIN_DOCS, int(options.story_max_share * n)),
    )
    labels = grouping.labels
    on_day = docs["on_day"].astype(bool)
    in_day_group = np.isin(labels, np.unique(labels[on_day]))
    if not in_day_group.any():
        return [], grouping
    members = np.flatnonzero(in_day_group)
    group_of = labels[members]
    outlet_ids = docs["outlet_id"].astype(np.int64)[members]
    n_outlet_ids = int(outlet_ids.max()) + 1
    group_outlets = np.unique(group_of * n_outlet_ids + outlet_ids) // n_outlet_ids
    n_outlets = np.bincount(group_outlets, minlength=n)
    prominence = np.bincount(group_of, weights=docs["prominence"].astype(float)[members], minlength=n)
    groups = np.unique(group_of)
    groups = groups[n_outlets[groups] >= 2]
    if len(groups) == 0:
        return [], grouping
    order = np.lexsort((-prominence[groups], -n_outlets[groups]))
    cut = groups[order[min(options.stories, len(groups)) - 1]]
    # Every group that ties with the last one kept (prominence to float precision) is read too:
    # build_stories then breaks the tie exactly as it would on every group.
    margin = 1e-9 * max(1.0, abs(prominence[cut]))
    chosen = groups[
        (n_outlets[groups] > n_outlets[cut])
        | ((n_outlets[groups] == n_outlets[cut]) & (prominence[groups] >= prominence[cut] - margin))
    ]
    chosen_members = members[np.isin(group_of, chosen)]
    story_docs: list[StoryDoc] = []
    by_group: dict[int, list[int]] = defaultdict(list)
    for sdoc, outlet, url, title, lang, days, published_at, doc_on_day in session.fetch(
        "mm_story_members",
        STORY_MEMBERS_SQL,
        {"sdocs": [int(x) for x in chosen_members]},
    ):
        per_day = {
            d["run_date"]: (float(d["prominence"]) if d["prominence"] is not None else None, d["best_rank"])
            for d in days
        }
        by_group[int(labels[sdoc])].append(len(story_docs))
        story_docs.append(StoryDoc(outlet, url, title, lang, per_day, bool(doc_on_day), published_at))
    return build_stories(story_docs, by_group.values())[: options.stories], grouping


def compute_report(con, run_date: date, options: ReportOptions | None = None) -> ReportData:
    """Query the window and compute every section of the report (no files written).

    Raises:
        NoDataError: the core tables are missing or hold no rows for ``run_date``.
    """
    options = options or ReportOptions()
    session = QuerySession(con)
    try:
        return _compute_report(session, run_date, options)
    finally:
        session.close()


def _compute_report(session: QuerySession, run_date: date, options: ReportOptions) -> ReportData:
    existing = {row[0] for row in session.fetch("existing_tables", EXISTING_TABLES_SQL)}
    missing = [t for t in CORE_TABLES if t not in existing]
    if missing:
        raise NoDataError(
            f"no rows loaded for {run_date.isoformat()}: table(s) {', '.join(missing)} missing; run the daily DAG first"
        )
    headlines, sidebar_entries, articles, outlets = session.fetchone("day_totals", DAY_TOTALS_SQL, {"day": run_date})
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

    volume, volume_daily, volume_chart_ = _volume(session, params, run_date, options)
    history_days = len({r["run_date"] for r in volume_daily.rows if r["run_date"] < run_date})
    if history_days < options.long_window_days:
        notes.append(
            f"History: {history_days} earlier day(s) with data in the {options.long_window_days}-day window; "
            "trends are computed over what exists."
        )
    lap("volume")

    ranges = load_texts(session, {**params, "short_start": short_start, "body_cap": options.body_char_cap})
    load_story_documents(session, run_date, story_start)
    vocabulary = tokenize_texts(session, ranges, analyzer)
    lap("tokenize")
    counts = count_terms_sql(session, ranges, vocabulary, collocation_min_count=options.collocation_min_count)
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

    stories, grouping = _stories_in_db(session, run_date, story_start, options)
    stories_tab, story_headlines_tab = story_tables(stories, options.story_similarity, options.story_headlines_shown)
    if grouping.split_groups:
        stories_tab.note += (
            f" {grouping.split_groups} group(s) holding more than {options.story_max_share:.0%} of the window's "
            f"headlines were chained by weak links and were split at similarity {grouping.split_similarity:g}."
        )
    story_days = [story_start + timedelta(days=i) for i in range(options.story_lookback_days + 1)]
    charts = {"volume": volume_chart_}
    if stories:
        title = "Story timelines: front-page presence per outlet and day"
        charts["stories"] = Chart(
            title,
            story_timeline_chart(
                stories[: options.story_chart_stories], story_days, title, max_outlets=options.story_chart_outlets
            ),
        )
    lap("stories")

    sidebar = _sidebar(session, run_date, options)
    quality, failures, quality_note = _quality(session, run_date, options, existing)
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
        query_timings=dict(session.timings),
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
