-- Media Monitor DuckDB schema. Applied by media_monitor.store.ensure_schema (idempotent).
-- Every table is partitioned by run_date (the Airflow logical date); a rerun of a date
-- replaces that date's rows for the outlets it loads, in one transaction.

CREATE TABLE IF NOT EXISTS outlets (
    outlet          VARCHAR PRIMARY KEY,
    title           VARCHAR,
    front_url       VARCHAR,
    languages       VARCHAR[],
    timezone        VARCHAR,
    updated_at      TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS outlet_runs (
    run_date        DATE NOT NULL,
    outlet          VARCHAR NOT NULL,
    status          VARCHAR NOT NULL,      -- ok | degraded | failed
    headlines       INTEGER,
    sidebar_entries INTEGER,
    articles        INTEGER,
    quarantined     INTEGER,
    message         VARCHAR,
    loaded_at       TIMESTAMPTZ,
    PRIMARY KEY (run_date, outlet)
);

CREATE TABLE IF NOT EXISTS headlines (
    run_date        DATE NOT NULL,
    outlet          VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    rank            INTEGER NOT NULL,
    title           VARCHAR NOT NULL,
    block           VARCHAR,
    heading_level   INTEGER,
    is_lead         BOOLEAN,
    has_image       BOOLEAN,
    fetched_at      TIMESTAMPTZ,
    PRIMARY KEY (run_date, outlet, url)
);

CREATE TABLE IF NOT EXISTS sidebar_entries (
    run_date        DATE NOT NULL,
    outlet          VARCHAR NOT NULL,
    block           VARCHAR NOT NULL,
    rank            INTEGER NOT NULL,
    title           VARCHAR NOT NULL,
    url             VARCHAR,
    time_text       VARCHAR,
    shown_at        TIMESTAMPTZ,
    count           BIGINT,
    block_kind      VARCHAR,
    fetched_at      TIMESTAMPTZ,
    PRIMARY KEY (run_date, outlet, block, rank)
);

CREATE TABLE IF NOT EXISTS articles (
    run_date        DATE NOT NULL,
    outlet          VARCHAR NOT NULL,
    article_id      VARCHAR NOT NULL,      -- sha1 of the canonical URL
    url             VARCHAR NOT NULL,
    canonical_url   VARCHAR NOT NULL,
    title           VARCHAR,
    authors         VARCHAR[],
    published_at    TIMESTAMPTZ,
    language        VARCHAR,
    body            VARCHAR,
    word_count      INTEGER,
    views           BIGINT,
    comments        BIGINT,
    image_credit    VARCHAR,
    story_id        VARCHAR,
    fetched_at      TIMESTAMPTZ,
    PRIMARY KEY (run_date, outlet, article_id)
);

-- MinHash signatures of article bodies (media_monitor.neardup), kept so that linking a day's
-- near-duplicates reads the trailing days' signatures instead of hashing their bodies again.
CREATE TABLE IF NOT EXISTS article_signatures (
    run_date        DATE NOT NULL,
    outlet          VARCHAR NOT NULL,
    article_id      VARCHAR NOT NULL,
    signature       UINTEGER[] NOT NULL,
    PRIMARY KEY (run_date, outlet, article_id)
);

CREATE TABLE IF NOT EXISTS fetches (
    run_date        DATE NOT NULL,
    outlet          VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,      -- front | article | robots | rss
    attempt         INTEGER NOT NULL,
    fetched_at      TIMESTAMPTZ,
    status          INTEGER,
    bytes           BIGINT,
    content_type    VARCHAR,
    encoding        VARCHAR,
    sha256          VARCHAR,
    warc_file       VARCHAR,
    warc_offset     BIGINT,
    elapsed_ms      DOUBLE,
    outcome         VARCHAR NOT NULL,
    error           VARCHAR,
    PRIMARY KEY (run_date, outlet, url, attempt)
);

CREATE TABLE IF NOT EXISTS dq_results (
    run_date        DATE NOT NULL,
    outlet          VARCHAR NOT NULL,
    suite           VARCHAR NOT NULL,
    expectation     VARCHAR NOT NULL,
    column_name     VARCHAR,
    success         BOOLEAN NOT NULL,
    severity        VARCHAR,               -- block | warn
    observed_value  VARCHAR,
    unexpected_count BIGINT,
    element_count   BIGINT,
    PRIMARY KEY (run_date, outlet, suite, expectation, column_name)
);

-- Rows that failed a blocking row-level expectation: kept whole (as JSON), with the reason.
CREATE TABLE IF NOT EXISTS quarantine (
    run_date        DATE NOT NULL,
    outlet          VARCHAR NOT NULL,
    table_name      VARCHAR NOT NULL,
    row_key         VARCHAR NOT NULL,
    failed_expectations VARCHAR[] NOT NULL,
    row_json        JSON,
    PRIMARY KEY (run_date, outlet, table_name, row_key)
);
