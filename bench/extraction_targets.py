"""Benchmark: issue #4's extraction targets on a labelled corpus, each checked.

Runs ``mediamon eval articles`` (``media_monitor.evaluate.eval_articles``) over the corpus and
compares every figure with its target: no crash, no U+FFFD introduced by decoding, body pass
count at least trafilatura's own on the same pages, title >= 0.90, date >= 0.90, author >= 0.80
(exact/set match, all ids), throughput >= 0.8x trafilatura alone. Prints one line per target
(result, met or not); with ``--check`` the exit status is 1 when a target is missed.

    .venv/bin/python bench/extraction_targets.py                       # ../shared/corpus or $MEDIAMON_CORPUS
    .venv/bin/python bench/extraction_targets.py --corpus DIR --check
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from media_monitor.evaluate import default_corpus, eval_articles

DEFAULT_CORPUS = default_corpus()

# (label, minimum) for the fields scored as accuracy, all ids.
ACCURACY_TARGETS = (("title", 0.90), ("date", 0.90), ("author", 0.80))
SPEED_TARGET = 0.8


def check_targets(results: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(target, result, met) for every target, from ``eval_articles``'s figures."""
    every = results["all"]
    crashes = every["crashes"].get("ours", 0)
    fffd = every["fffd"]
    ours, traf = every["ours"], every["trafilatura"]
    rows = [
        ("no crash", f"{crashes} crashes on {every['pages']} pages", crashes == 0),
        ("no U+FFFD introduced by decoding", f"{fffd['introduced']} of {fffd['checked']} pages", fffd["introduced"] == 0),
        ("body >= trafilatura alone", f"{ours['body_pass']} vs {traf['body_pass']} pages pass",
         ours["body_pass"] >= traf["body_pass"]),
    ]
    for field, minimum in ACCURACY_TARGETS:
        acc = every[field]
        rows.append((f"{field} accuracy >= {minimum:.2f}",
                     f"{acc['accuracy']:.3f} ({acc['correct']} of {acc['scored']}; even {results['even'][field]['accuracy']:.3f}, "
                     f"odd {results['odd'][field]['accuracy']:.3f})", acc["accuracy"] >= minimum))
    ratio = results["speed"]["ratio"]
    rows.append((f"throughput >= {SPEED_TARGET}x trafilatura alone", f"{ratio:.2f}x", ratio >= SPEED_TARGET))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder holding articles.jsonl")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if not (args.corpus / "articles.jsonl").is_file():
        parser.error(f"no articles.jsonl in {args.corpus} (pass --corpus or set MEDIAMON_CORPUS)")
    table = io.StringIO()
    results = eval_articles(args.corpus, table)
    print(table.getvalue())
    rows = check_targets(results)
    width = max(len(name) for name, _, _ in rows)
    for name, result, met in rows:
        print(f"{name:<{width}}  {'met   ' if met else 'MISSED'}  {result}")
    missed = [name for name, _, met in rows if not met]
    print(f"\n{len(rows) - len(missed)} of {len(rows)} targets met" + (f"; missed: {', '.join(missed)}" if missed else ""))
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
