-- Parser health: per outlet and run date, each health metric of the extracted rows with the
-- band learned from the outlet's own trailing history (media_monitor.health). Applied by
-- media_monitor.store.ensure_schema (idempotent); loaded per (run_date, outlet) like the
-- other daily tables, so a rerun replaces the date's rows.

CREATE TABLE IF NOT EXISTS parser_health (
    run_date        DATE NOT NULL,
    outlet          VARCHAR NOT NULL,
    metric          VARCHAR NOT NULL,      -- headline_count, missing_date_rate, ... (health.METRICS)
    value           DOUBLE,                -- NULL: not measurable today (too few rows)
    baseline        DOUBLE,                -- median of the trailing history
    low             DOUBLE,                -- band; NULL = no lower bound (or no verdict)
    high            DOUBLE,                -- band; NULL = no upper bound (or no verdict)
    history_days    INTEGER NOT NULL,      -- prior observations the band was learned from
    severity        VARCHAR NOT NULL,      -- degrade | warn
    status          VARCHAR NOT NULL,      -- ok | drift | insufficient_history | no_value
    PRIMARY KEY (run_date, outlet, metric)
);
