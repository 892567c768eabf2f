"""Synthetic history at scale, for benchmarks: `mediamon synth-history --days 365 --outlets 50`.

Generates, inside DuckDB (Python would take minutes at this size), about 200 headlines,
12 sidebar entries and 40 articles per outlet per day, with the structure real data has:
stories that run on several outlets and stay on front pages for a few days, ranks,
counts that grow, and terms that rise towards the end of the period. Deterministic for
a given seed. Written into a separate database file: never mix it with real data.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from media_monitor import store

log = logging.getLogger(__name__)

# Plain news vocabulary; themes are words that rise over the last weeks of the period.
VOCAB = (
    "government minister election budget parliament court police city council school hospital "
    "market bank prices inflation energy power storm flood fire rail airport border trade talks "
    "summit deal plan report study health vaccine doctors nurses workers union strike protest "
    "crisis war peace army navy missile attack ceasefire aid refugees village region capital "
    "company profits shares investors jobs wages tax reform law bill vote senate coalition party "
    "leader president mayor judge trial verdict prison scandal inquiry leak data privacy phone "
    "internet software chip factory steel oil gas coal solar wind climate heat drought harvest "
    "farmers food water river coast ship port bridge road traffic crash train bus museum film "
    "music festival football league cup final coach player record season olympic team fans "
    "science space rocket moon satellite research university students teachers children family "
    "housing rent mortgage homes builders property tourism hotel flights airline passengers"
).split()
THEMES = ("drone", "heatwave", "blackout", "cyberattack")


@dataclass
class SynthSummary:
    db_path: Path
    days: int
    outlets: int
    rows: dict[str, int]
    seconds: float


def synth_history(
    db_path: Path,
    *,
    days: int = 365,
    outlets: int = 50,
    headlines_per_day: int = 200,
    articles_per_day: int = 40,
    end: date = date(2026, 11, 8),
    seed: int = 7,
) -> SynthSummary:
    if days < 1 or outlets < 1:
        raise ValueError("days and outlets must be at least 1")
    started = time.perf_counter()
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    if db_path.exists():
        db_path.unlink()
    con = store.connect(db_path)
    start = end - timedelta(days=days - 1)
    params = {
        "start": start,
        "ndays": days,
        "nout": outlets,
        "nhead": headlines_per_day,
        "nart": articles_per_day,
        "vocab": list(VOCAB),
        "themes": list(THEMES),
        "seed": seed,
    }
    # Days and outlets; each day has a pool of 600 live stories, a story lives 1-4 days.
    con.execute(
        """
        CREATE TEMP TABLE d AS
        SELECT i AS di, CAST($start AS DATE) + CAST(i AS INTEGER) AS run_date,
               greatest(0.0, (i - ($ndays - 28)) / 28.0) AS ramp      -- 0 .. 1 over the last 4 weeks
        FROM range($ndays) t(i)
        """,
        {k: params[k] for k in ("start", "ndays")},
    )
    con.execute(
        "CREATE TEMP TABLE o AS SELECT i AS oi, 'outlet-' || lpad(CAST(i AS VARCHAR), 3, '0') AS outlet FROM range($nout) t(i)",
        {"nout": outlets},
    )
    con.execute(
        """
        CREATE TEMP TABLE h AS
        WITH slots AS (
            SELECT d.di, d.run_date, d.ramp, o.oi, o.outlet, r AS slot,
                   hash($seed, d.di, o.oi, r) AS h
            FROM d, o, range(1, CAST($nhead * 1.25 AS INTEGER) + 1) t(r)  -- spare slots: repeats are dropped
        ), picked AS (
            SELECT *,
                   -- the story: born 0-3 days ago; low numbers are the big stories many outlets run
                   (di - CAST(h % 4 AS INTEGER)) AS born,
                   CAST(floor(600 * pow((h >> 8) % 10000 / 10000.0, 2)) AS INTEGER) AS sn
            FROM slots
        )
        SELECT di, run_date, ramp, oi, outlet, slot, h, born, sn,
               born * 1000 + sn AS story
        FROM picked
        WHERE born >= 0
        QUALIFY row_number() OVER (PARTITION BY di, oi, born * 1000 + sn ORDER BY slot) = 1
        """,
        {k: params[k] for k in ("seed", "nhead")},
    )
    con.execute(
        """
        INSERT INTO headlines
        SELECT run_date, outlet,
               'https://' || outlet || '.example/story/' || story AS url,
               CAST(row_number() OVER (PARTITION BY di, oi ORDER BY slot) AS INTEGER) AS rank,
               array_to_string(list_transform(range(6), lambda k:
                   $vocab[1 + CAST(hash($seed, story, k) % len($vocab) AS INTEGER)]), ' ')
                 || CASE WHEN (h >> 20) % 1000 < 400 * ramp
                         THEN ' ' || $themes[1 + CAST((h >> 30) % len($themes) AS INTEGER)] ELSE '' END
                 || ' ' || $vocab[1 + CAST((h >> 40) % len($vocab) AS INTEGER)] AS title,
               $vocab[1 + CAST(hash(story) % 12 AS INTEGER)] AS block,
               CASE WHEN slot <= 5 THEN 2 ELSE 3 END AS heading_level,
               slot = 1 AS is_lead,
               slot <= 20 AS has_image,
               CAST(run_date AS TIMESTAMPTZ) + INTERVAL 21 HOUR AS fetched_at
        FROM h
        QUALIFY row_number() OVER (PARTITION BY di, oi ORDER BY slot) <= $nhead
        """,
        {k: params[k] for k in ("vocab", "themes", "seed", "nhead")},
    )
    con.execute(
        """
        INSERT INTO sidebar_entries
        SELECT run_date, outlet, 'Most read', CAST(slot AS INTEGER), title, url,
               strftime(fetched_at - INTERVAL (slot * 37) MINUTE, '%d.%m %H:%M'),
               fetched_at - INTERVAL (slot * 37) MINUTE,
               CAST(50000 / slot + hash(url, run_date) % 500 AS BIGINT), 'ranked', fetched_at
        FROM (SELECT h.*, row_number() OVER (PARTITION BY run_date, outlet ORDER BY hash(url, 'side')) AS slot
              FROM headlines h WHERE h.run_date BETWEEN $start AND $end)
        WHERE slot <= 12
        """,
        {"start": start, "end": end},
    )
    con.execute(
        """
        INSERT INTO articles
        SELECT run_date, outlet, sha1(url) AS article_id, url, url, title, [ 'Staff Writer' ],
               fetched_at - INTERVAL (rank * 13) MINUTE, 'en',
               title || '. ' || array_to_string(list_transform(range(40), lambda k:
                   $vocab[1 + CAST(hash(url, k) % len($vocab) AS INTEGER)]), ' ') || '.',
               46, CAST(hash(url, run_date) % 90000 AS BIGINT), CAST(hash(url) % 300 AS BIGINT),
               NULL, NULL, fetched_at
        FROM headlines WHERE rank <= $nart
        """,
        {"vocab": list(VOCAB), "nart": articles_per_day},
    )
    con.execute(
        """
        INSERT INTO outlet_runs
        SELECT run_date, outlet, 'ok', count(*), 12, least(count(*), $nart), 0, '', max(fetched_at)
        FROM headlines GROUP BY run_date, outlet
        """,
        {"nart": articles_per_day},
    )
    con.execute("CHECKPOINT")
    rows = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
            for t in ("headlines", "sidebar_entries", "articles", "outlet_runs")}
    con.close()
    elapsed = time.perf_counter() - started
    log.info("synthetic history in %s: %s (%.1f s)", db_path, rows, elapsed)
    return SynthSummary(db_path=db_path, days=days, outlets=outlets, rows=rows, seconds=elapsed)
