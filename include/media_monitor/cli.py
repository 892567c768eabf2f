"""The ``mediamon`` command: run, report, extract, evaluate, serve the demo web."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date, timedelta
from pathlib import Path

from media_monitor.config import ConfigError, get_settings
from media_monitor.pipeline import PipelineError
from media_monitor.registry import RegistryError

log = logging.getLogger("mediamon")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _days(start: date, end: date) -> list[date]:
    if end < start:
        raise argparse.ArgumentTypeError(f"--to {end} is before --from {start}")
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def cmd_run(args: argparse.Namespace) -> int:
    from media_monitor.pipeline import check_outlets, run_day

    status = 0
    for day in _days(args.date, args.to or args.date):
        summary = run_day(day)
        for name, res in summary["outlets"].items():
            print(f"{day} {name:<16} {res['status']:<9} headlines={res.get('headlines', 0)} "
                  f"sidebar={res.get('sidebar_entries', 0)} articles={res.get('articles', 0)} "
                  f"fetches={res.get('fetches', 0)} quarantined={res.get('quarantine', 0)}")
        problems = check_outlets(summary)
        for p in problems:
            print(f"WARNING {day} {p}", file=sys.stderr)
        status = status or (1 if problems else 0)
    return status


def cmd_reprocess(args: argparse.Namespace) -> int:
    from media_monitor.pipeline import reprocess_day

    for day in _days(args.date_from, args.date_to or args.date_from):
        summary = reprocess_day(day)
        for name, res in summary["outlets"].items():
            print(f"{day} {name:<16} {res['status']:<9} headlines={res.get('headlines', 0)} "
                  f"sidebar={res.get('sidebar_entries', 0)} articles={res.get('articles', 0)} (from the archive)")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from media_monitor.report import build_report
    from media_monitor.store import latest_loaded_date

    day = args.date or latest_loaded_date()
    if day is None:
        print("error: nothing loaded yet; run `mediamon run --date YYYY-MM-DD` or the daily DAG first", file=sys.stderr)
        return 2
    paths = build_report(day)
    print(f"report for {day}: {paths.html}")
    print(f"markdown: {paths.markdown}")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from media_monitor import store

    settings = get_settings()
    con = store.connect(settings.duckdb_path, read_only=True)
    try:
        totals = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
                  for t in ("headlines", "sidebar_entries", "articles", "fetches", "quarantine", "dq_results")}
        dates = con.execute("SELECT min(run_date), max(run_date), count(DISTINCT run_date) FROM outlet_runs").fetchone()
        counts = store.table_counts(con)
        statuses = con.execute(
            "SELECT outlet, count(*) FILTER (WHERE status = 'ok'), count(*) FROM outlet_runs GROUP BY 1 ORDER BY 1"
        ).fetchall()
    finally:
        con.close()
    print(f"database: {settings.duckdb_path}")
    print(f"run dates: {dates[0]} .. {dates[1]} ({dates[2]} days)")
    print("rows per table: " + ", ".join(f"{t}={n}" for t, n in totals.items()))
    print(f"{'outlet':<16} {'headlines':>9} {'sidebar':>8} {'articles':>8} {'fetches':>8} {'runs ok':>8}")
    for outlet, ok, runs in statuses:
        print(f"{outlet:<16} {counts['headlines'].get(outlet, 0):>9} {counts['sidebar_entries'].get(outlet, 0):>8} "
              f"{counts['articles'].get(outlet, 0):>8} {counts['fetches'].get(outlet, 0):>8} {ok:>5}/{runs}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from media_monitor import store

    out = Path(args.out) if args.out else get_settings().data_root / "export" / args.format
    written = store.export_parquet(out)
    for table, n in written.items():
        print(f"{table:<16} {n:>9} rows -> {out / table}/run_date=*/outlet=*/")
    return 0


def cmd_synth_history(args: argparse.Namespace) -> int:
    from media_monitor.synth import synth_history

    db = Path(args.db) if args.db else get_settings().data_root / "synthetic" / "media.duckdb"
    summary = synth_history(db, days=args.days, outlets=args.outlets, end=args.end)
    print(f"wrote {db} in {summary.seconds:.1f} s: " + ", ".join(f"{t}={n}" for t, n in summary.rows.items()))
    print(f"report on it: MEDIAMON_DATA_ROOT={db.parent} mediamon report --date {args.end}")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from media_monitor.extract.batch import run_batch

    outlet = None
    if args.outlet:
        from media_monitor.registry import get_outlet

        outlet = get_outlet(args.outlet)
    errors = run_batch(args.kind, sys.stdin, sys.stdout, outlet=outlet)
    if errors:
        print(f"{errors} page(s) could not be extracted (see their error lines)", file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from media_monitor import evaluate

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"error: corpus folder not found: {corpus}", file=sys.stderr)
        return 2
    try:
        if args.kind == "articles":
            evaluate.eval_articles(corpus, sys.stdout, limit=args.limit)
        else:
            evaluate.eval_frontpages(corpus, sys.stdout)
    except evaluate.CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_demo_web(args: argparse.Namespace) -> int:
    from media_monitor import demo_web

    argv = ["--port", str(args.port), "--host", args.host]
    for spec in args.redesign or []:
        argv += ["--redesign", spec]
    demo_web.main(argv)
    return 0


def cmd_check_registry(args: argparse.Namespace) -> int:
    from media_monitor.registry import load_registry

    outlets = load_registry(args.path, include_disabled=True)
    for o in outlets:
        print(f"{o.name:<16} {'enabled' if o.enabled else 'disabled':<9} {o.url}")
    print(f"{len(outlets)} outlet(s): registry is valid")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mediamon", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="run the daily pipeline in-process (same steps as the DAG)")
    p.add_argument("--date", type=_date, required=True, help="logical date YYYY-MM-DD")
    p.add_argument("--to", type=_date, help="last date of a range (inclusive)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("reprocess", help="re-extract and reload dates from the WARC archive (no network)")
    p.add_argument("--from", dest="date_from", type=_date, required=True)
    p.add_argument("--to", dest="date_to", type=_date, help="last date (inclusive; default: --from)")
    p.set_defaults(func=cmd_reprocess)

    p = sub.add_parser("report", help="write a day's trend report from DuckDB")
    p.add_argument("--date", type=_date, help="report date (default: latest loaded)")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("summary", help="rows per table and per outlet in DuckDB")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("export", help="export the tables as Parquet partitioned by date and outlet")
    p.add_argument("--format", choices=("parquet",), default="parquet")
    p.add_argument("--out", help="output folder (default: DATA_ROOT/export/parquet)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("synth-history", help="fill a separate database with synthetic history (benchmarks)")
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--outlets", type=int, default=50)
    p.add_argument("--end", type=_date, default=date(2026, 11, 8), help="last day of the history")
    p.add_argument("--db", help="database file (default: DATA_ROOT/synthetic/media.duckdb)")
    p.set_defaults(func=cmd_synth_history)

    p = sub.add_parser("extract", help="batch extraction: JSON lines {id,path,url} on stdin, results on stdout")
    p.add_argument("kind", choices=("article", "frontpage"))
    p.add_argument("--outlet", help="registry outlet whose timezone, languages and selectors apply")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("eval", help="score extraction on a labelled corpus (shared/corpus format)")
    p.add_argument("kind", choices=("articles", "frontpages"))
    p.add_argument("--corpus", required=True, help="corpus folder with articles.jsonl / frontpages.jsonl")
    p.add_argument("--limit", type=int, help="score only the first N pages")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("demo-web", help="serve the bundled demo web on loopback")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--redesign", action="append", metavar="OUTLET=YYYY-MM-DD",
                   help="simulate a redesign of OUTLET from that day on")
    p.set_defaults(func=cmd_demo_web)

    p = sub.add_parser("check-registry", help="validate the outlet registry")
    p.add_argument("path", nargs="?", help="registry file (default: MEDIAMON_REGISTRY)")
    p.set_defaults(func=cmd_check_registry)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return args.func(args)
    except (RegistryError, ConfigError, PipelineError, FileNotFoundError, argparse.ArgumentTypeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
