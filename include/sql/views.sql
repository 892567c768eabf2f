-- Analyst views (recreated by media_monitor.store.ensure_schema).

-- Daily volume per outlet, with the outlet's run status.
CREATE OR REPLACE VIEW v_daily_volume AS
SELECT r.run_date, r.outlet, r.status, r.headlines, r.sidebar_entries, r.articles, r.quarantined, r.message
FROM outlet_runs r;

-- One row per headline URL per outlet: when it was on the front page and how prominently.
CREATE OR REPLACE VIEW v_headline_timeline AS
SELECT outlet, url,
       arg_max(title, run_date)            AS title,
       min(run_date)                       AS first_seen,
       max(run_date)                       AS last_seen,
       min(rank)                           AS best_rank,
       count(*)                            AS snapshots,
       bool_or(is_lead)                    AS ever_lead,
       sum(1.0 / rank)                     AS prominence
FROM headlines
GROUP BY outlet, url;

-- One row per sidebar entry (outlet, block, title): its counts over time.
CREATE OR REPLACE VIEW v_sidebar_timeline AS
SELECT outlet, block, title,
       arg_max(url, run_date)              AS url,
       min(run_date)                       AS first_seen,
       max(run_date)                       AS last_seen,
       min(rank)                           AS best_rank,
       max(count)                          AS max_count,
       list(count ORDER BY run_date)       AS counts,
       list(run_date ORDER BY run_date)    AS run_dates
FROM sidebar_entries
GROUP BY outlet, block, title;

-- One row per article: its latest snapshot, with first/last sighting and peak counters.
CREATE OR REPLACE VIEW v_article_facts AS
SELECT article_id,
       arg_max(outlet, run_date)           AS outlet,
       arg_max(canonical_url, run_date)    AS canonical_url,
       arg_max(title, run_date)            AS title,
       arg_max(authors, run_date)          AS authors,
       arg_max(published_at, run_date)     AS published_at,
       arg_max(language, run_date)         AS language,
       arg_max(word_count, run_date)       AS word_count,
       arg_max(image_credit, run_date)     AS image_credit,
       arg_max(story_id, run_date)         AS story_id,
       min(run_date)                       AS first_seen,
       max(run_date)                       AS last_seen,
       max(views)                          AS max_views,
       max(comments)                       AS max_comments
FROM articles
GROUP BY article_id;

-- Fetch outcomes per outlet and day: where the gaps are.
CREATE OR REPLACE VIEW v_fetch_outcomes AS
SELECT run_date, outlet, kind, outcome, count(*) AS fetches, sum(bytes) AS bytes,
       round(avg(elapsed_ms)) AS avg_ms
FROM fetches
GROUP BY ALL;
