"""Benchmark: the daily trend report on a year of synthetic history.

Builds the synthetic database of `mediamon synth-history` (50 outlets x 365 days: about
3.6 M headline snapshots and 730 k articles; about a minute) unless --reuse finds it, then:

* times ``build_report`` for the last day end to end (read-only connection, every section,
  HTML + Markdown + CSV written), ``--runs`` times, and reports the median;
* times every SQL statement of the report (``ReportData.query_timings``) over as many runs of
  ``compute_report`` and reports each statement's median and the slowest.

Targets: report build < 5 s, every statement < 1 s. With ``--check`` the exit status is 1
when a target is missed (a benchmark reports figures; --check is for a human or CI to ask).

    .venv/bin/python bench/report_benchmark.py --db /tmp/synth/media.duckdb --reuse
    .venv/bin/python bench/report_benchmark.py --days 60 --outlets 10 --db /tmp/small.duckdb
    .venv/bin/python bench/report_benchmark.py --db /tmp/synth/media.duckdb --reuse --check
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

from media_monitor.report import build_report, compute_report
from media_monitor.synth import synth_history

BUILD_TARGET_S = 5.0
QUERY_TARGET_S = 1.0


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError):
        pass
    return (
        f"{os.cpu_count()} CPU ({cpu}){memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}"
    )


def ensure_database(db: Path, *, reuse: bool, days: int, outlets: int) -> None:
    if reuse and db.exists():
        print(f"reusing {db}")
        return
    started = time.perf_counter()
    summary = synth_history(db, days=days, outlets=outlets)
    print(f"generated {db} in {time.perf_counter() - started:.1f} s: {summary.rows}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="DuckDB file (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true", help="reuse --db when it exists instead of regenerating it")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--outlets", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="mm-report-bench-"))
    db = args.db or workdir / "media.duckdb"
    ensure_database(db, reuse=args.reuse, days=args.days, outlets=args.outlets)

    con = duckdb.connect(str(db), read_only=True)
    try:
        run_date: date = con.execute("SELECT max(run_date) FROM headlines").fetchone()[0]
        headlines, articles = con.execute(
            "SELECT (SELECT count(*) FROM headlines), (SELECT count(*) FROM articles)"
        ).fetchone()
    finally:
        con.close()
    print(f"machine: {machine()}")
    print(f"database: {headlines:,} headline snapshots, {articles:,} articles; report date {run_date}")

    builds: list[float] = []
    for _ in range(args.runs):
        started = time.perf_counter()
        paths = build_report(run_date, db_path=db, out_dir=workdir / "reports")
        builds.append(time.perf_counter() - started)
    build_median = statistics.median(builds)

    per_query: dict[str, list[float]] = {}
    phases: dict[str, list[float]] = {}
    con = duckdb.connect(str(db), read_only=True)
    try:
        for _ in range(args.runs):
            data = compute_report(con, run_date)
            for name, seconds in data.query_timings.items():
                per_query.setdefault(name, []).append(seconds)
            for name, seconds in data.timings.items():
                phases.setdefault(name, []).append(seconds)
    finally:
        con.close()
    medians = {name: statistics.median(v) for name, v in per_query.items()}
    slowest = max(medians, key=medians.__getitem__)

    print()
    print(f"{'build_report (HTML, Markdown, CSV)':<40} {'median':>8} {'runs':>24}")
    print(f"{'':<40} {build_median:>7.2f}s {' '.join(f'{b:.2f}' for b in builds):>24}")
    print()
    print(f"{'phase of compute_report':<40} {'median':>8}")
    for name, values in phases.items():
        print(f"{name:<40} {statistics.median(values):>7.2f}s")
    print()
    print(f"{'SQL statement (slowest first)':<40} {'median':>8} {'max':>8}")
    for name in sorted(medians, key=medians.__getitem__, reverse=True):
        print(f"{name:<40} {medians[name]:>7.3f}s {max(per_query[name]):>7.3f}s")
    print()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"statements: {len(medians)}; slowest: {slowest} {medians[slowest]:.3f} s; peak RSS {rss:.0f} MB")
    print(f"stories: {len(data.tables['stories'].rows)}; rising terms: {len(data.tables['rising_terms'].rows)}")
    print(f"report: {paths.html} ({paths.html.stat().st_size / 1024:.0f} KB)")

    missed = []
    if build_median >= BUILD_TARGET_S:
        missed.append(f"report build median {build_median:.2f} s >= {BUILD_TARGET_S:g} s")
    if medians[slowest] >= QUERY_TARGET_S:
        missed.append(f"statement {slowest} median {medians[slowest]:.3f} s >= {QUERY_TARGET_S:g} s")
    verdict = (
        "; ".join(missed)
        if missed
        else (
            f"targets met: build {build_median:.2f} s < {BUILD_TARGET_S:g} s, "
            f"slowest statement {medians[slowest]:.3f} s < {QUERY_TARGET_S:g} s"
        )
    )
    print(verdict)
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
