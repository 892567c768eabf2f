"""Benchmark: build the daily report on a year of synthetic history.

Generates (in DuckDB SQL, so generation is quick) N outlets x D days x H headlines per day,
20 sidebar entries and 20 articles per outlet and day, then times ``compute_report`` and the
file writing for the last day. It reports figures; it asserts nothing.

    .venv/bin/python bench/report_benchmark.py                     # 50 x 365 x 200 = 3.65 M headlines
    .venv/bin/python bench/report_benchmark.py --days 60 --outlets 10
    .venv/bin/python bench/report_benchmark.py --db /tmp/bench.duckdb --reuse
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb

from media_monitor.report import compute_report, write_report

SCHEMA = Path(__file__).resolve().parents[1] / "include" / "sql" / "schema.sql"

# Titles draw words from a skewed (log-uniform) vocabulary: some words are common, most are
# rare, as in headlines once stop words are gone. The exponent starts at 0.3 so that no single
# content word is in a third of all titles, which real headlines never show. A headline stays
# on its front page for about two days.
GENERATE_HEADLINES_SQL = """
INSERT INTO headlines (run_date, outlet, url, rank, title, fetched_at)
SELECT
    $first_day + d::INTEGER AS run_date,
    'outlet-' || o AS outlet,
    'https://outlet-' || o || '.test/' || ((d + r % 2) // 2) || '/' || r AS url,
    r AS rank,
    list_aggregate(
        [v.words[floor(pow($vocab_size, 0.3 + 0.7 * (hash(o, r, (d + r % 2) // 2, k) % 10000) / 10000.0))::INTEGER]
         FOR k IN range(7)],
        'string_agg', ' ') AS title,
    now() AS fetched_at
FROM range($days) AS t1(d), range($outlets) AS t2(o), range(1, $per_day + 1) AS t3(r), vocab AS v
"""

GENERATE_SIDEBAR_SQL = """
INSERT INTO sidebar_entries (run_date, outlet, block, rank, title, url, count, block_kind)
SELECT $first_day + d::INTEGER, 'outlet-' || o, 'Most read', r,
       'Entry ' || ((d + r) // 3) || ' of outlet ' || o,
       'https://outlet-' || o || '.test/read/' || ((d + r) // 3),
       (hash(o, d, r) % 10000)::BIGINT, 'ranked'
FROM range($days) AS t1(d), range($outlets) AS t2(o), range(1, 21) AS t3(r)
"""

GENERATE_ARTICLES_SQL = """
INSERT INTO articles (run_date, outlet, article_id, url, canonical_url, title, language, body)
SELECT h.run_date, h.outlet, md5(h.url), h.url, h.url, h.title, 'en',
       repeat(h.title || '. ', 40)
FROM headlines AS h
WHERE h.rank <= 20
"""


def _vocabulary(size: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "van", "gor", "lin", "mar", "tes", "bu"]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    ordered = sorted(words)
    rng.shuffle(ordered)  # Zipf ranks must not follow the alphabet
    return ordered


def generate(db: Path, *, outlets: int, days: int, per_day: int, vocab_size: int) -> date:
    first_day = date(2025, 1, 1)
    con = duckdb.connect(str(db))
    try:
        con.execute(SCHEMA.read_text(encoding="utf-8"))
        con.execute("CREATE TEMP TABLE vocab AS SELECT ?::VARCHAR[] AS words", [_vocabulary(vocab_size)])
        params = {
            "first_day": first_day,
            "days": days,
            "outlets": outlets,
            "per_day": per_day,
            "vocab_size": vocab_size,
        }
        con.execute(GENERATE_HEADLINES_SQL, params)
        con.execute(GENERATE_SIDEBAR_SQL, {k: params[k] for k in ("first_day", "days", "outlets")})
        con.execute(GENERATE_ARTICLES_SQL)
        con.execute(
            "INSERT INTO outlets SELECT DISTINCT outlet, outlet, 'https://' || outlet || '.test/', ['en'], 'UTC', now() "
            "FROM headlines"
        )
    finally:
        con.close()
    return first_day + timedelta(days=days - 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", type=int, default=50)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=200)
    parser.add_argument("--vocab", type=int, default=20000)
    parser.add_argument("--db", type=Path, default=None, help="DuckDB file (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true", help="reuse --db if it exists")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="mm-report-bench-"))
    db = args.db or workdir / "bench.duckdb"
    run_date = None
    if not (args.reuse and db.exists()):
        db.unlink(missing_ok=True)
        t0 = time.perf_counter()
        run_date = generate(db, outlets=args.outlets, days=args.days, per_day=args.per_day, vocab_size=args.vocab)
        print(f"generated {db} in {time.perf_counter() - t0:.1f} s")
    con = duckdb.connect(str(db), read_only=True)
    try:
        if run_date is None:
            run_date = con.execute("SELECT max(run_date) FROM headlines").fetchone()[0]
        n = con.execute("SELECT count(*) FROM headlines").fetchone()[0]
        print(f"headlines: {n:,}; report date {run_date}")
        t0 = time.perf_counter()
        data = compute_report(con, run_date)
        t1 = time.perf_counter()
    finally:
        con.close()
    paths = write_report(data, workdir / "reports")
    t2 = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"compute_report: {t1 - t0:.2f} s; write_report: {t2 - t1:.2f} s; peak RSS {rss:.0f} MB")
    for phase, seconds in data.timings.items():
        print(f"  {phase:<12} {seconds:6.2f} s")
    print(f"stories: {len(data.tables['stories'].rows)}; rising terms: {len(data.tables['rising_terms'].rows)}")
    print(f"report: {paths.html} ({paths.html.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
