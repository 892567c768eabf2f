"""Benchmark: Great Expectations' share of the daily run's CPU time.

Runs the whole daily pipeline in-process (``pipeline.run_day``: fetch, extract, validate,
load) over the seven demo days, against the bundled demo web in a thread and a temporary
data root, and measures the CPU time spent inside GX:

- ``quality.validate_table`` (the row-level suites; includes building the frame),
- ``health.gx_band_results_many`` (the parser-health bands of all outlets as one GX validation),
- the one-off ``import great_expectations`` and ephemeral context inside ``quality._gx``.

CPU is measured per thread (``time.thread_time``): the pipeline runs in the main thread, the
demo web serves from another, and the process clock would bill the server's work to the run.
The process clock is reported too. It reports figures; it asserts nothing.

    .venv/bin/python bench/gx_share.py               # the 7 demo days
    .venv/bin/python bench/gx_share.py --days 3 --keep
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Clock:
    """CPU seconds on the calling thread and the process, and wall seconds."""

    thread: float = 0.0
    process: float = 0.0
    wall: float = 0.0

    @staticmethod
    def now() -> Clock:
        return Clock(time.thread_time(), time.process_time(), time.perf_counter())

    def __sub__(self, other: Clock) -> Clock:
        return Clock(self.thread - other.thread, self.process - other.process, self.wall - other.wall)

    def __add__(self, other: Clock) -> Clock:
        return Clock(self.thread + other.thread, self.process + other.process, self.wall + other.wall)


@dataclass
class Meter:
    """Time spent inside instrumented functions (outermost calls only: no double counting)."""

    totals: dict[str, Clock] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    depth: int = 0

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            outer = self.depth == 0
            self.depth += 1
            start = Clock.now()
            try:
                return fn(*args, **kwargs)
            finally:
                self.depth -= 1
                if outer:
                    self.totals[name] = self.totals.get(name, Clock()) + (Clock.now() - start)
                    self.calls[name] = self.calls.get(name, 0) + 1

        timed.__wrapped__ = fn  # type: ignore[attr-defined]
        return timed

    def total(self) -> Clock:
        out = Clock()
        for c in self.totals.values():
            out = out + c
        return out


@dataclass
class GxInit:
    """The one-off cost of GX in a process: the import, then the ephemeral context."""

    import_: Clock | None = None
    context: Clock | None = None
    preloaded: list[str] = field(default_factory=list)


def instrument(meter: Meter, init: GxInit) -> None:
    from media_monitor import health, quality

    original_gx = quality._gx

    def gx_first_call():
        if init.import_ is None:
            init.preloaded = [m for m in ("pandas", "numpy", "pydantic", "jinja2") if m in sys.modules]
            start = Clock.now()
            import great_expectations  # noqa: F401 - timed on purpose

            mid = Clock.now()
            result = original_gx()  # now only builds the context (the import is cached)
            init.import_, init.context = mid - start, Clock.now() - mid
            return result
        return original_gx()

    # The pipeline and the GX helpers look these names up in their module at call time.
    quality._gx = meter.wrap("import + ephemeral context (quality._gx)", gx_first_call)
    quality.validate_table = meter.wrap("validate_table", quality.validate_table)
    health.gx_band_results_many = meter.wrap("gx_band_results_many", health.gx_band_results_many)


def _fmt(x: float) -> str:
    return f"{x:8.2f}"


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:5.1f} %" if whole > 0 else "    -"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=7, help="demo days to run (1-7)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data root")
    args = parser.parse_args(argv)
    if "great_expectations" in sys.modules:
        raise SystemExit("great_expectations is already imported: the import could not be measured")

    data_root = Path(tempfile.mkdtemp(prefix="gx_share_"))
    from media_monitor import demo_web

    server, _base = demo_web.serve_in_thread(0)
    # Before the settings and the registry are read: the registry expands ${MEDIAMON_DEMO_PORT}.
    os.environ["MEDIAMON_DATA_ROOT"] = str(data_root)
    os.environ["MEDIAMON_DEMO_PORT"] = str(server.server_address[1])
    os.environ.pop("MEDIAMON_REGISTRY", None)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    # As quality._gx does, but before our own timed import: GX logs its set-up at INFO.
    logging.getLogger("great_expectations").setLevel(logging.WARNING)

    from media_monitor import pipeline
    from media_monitor.config import get_settings

    settings = get_settings()
    meter, init = Meter(), GxInit()
    instrument(meter, init)
    days = demo_web.DEMO_DAYS[: max(1, min(args.days, len(demo_web.DEMO_DAYS)))]
    rows = []
    run_total = Clock()
    try:
        for day in days:
            before = {k: v for k, v in meter.totals.items()}
            start = Clock.now()
            summary = pipeline.run_day(day, settings)
            spent = Clock.now() - start
            run_total = run_total + spent
            gx = Clock()
            for name, clock in meter.totals.items():
                gx = gx + (clock - before.get(name, Clock()))
            headlines = sum(o.get("headlines", 0) for o in summary["outlets"].values())
            statuses = ",".join(sorted({o["status"] for o in summary["outlets"].values()}))
            rows.append((day, spent, gx, headlines, statuses))
    finally:
        server.shutdown()
        server.server_close()
        if not args.keep:
            shutil.rmtree(data_root, ignore_errors=True)

    one_off = (init.import_ or Clock()) + (init.context or Clock())
    gx_total = meter.total()
    print(f"Great Expectations' share of the daily run: {len(days)} demo day(s), 4 outlets, "
          f"pipeline.run_day in-process; CPU = main-thread CPU seconds (time.thread_time).")
    print()
    print("| day        | headlines | outlet statuses | run CPU s | GX CPU s | GX share | run wall s |")
    print("|------------|----------:|-----------------|----------:|---------:|---------:|-----------:|")
    for day, spent, gx, headlines, statuses in rows:
        print(f"| {day} | {headlines:9d} | {statuses:15s} | {_fmt(spent.thread)} | {_fmt(gx.thread)} | "
              f"{_pct(gx.thread, spent.thread)} | {_fmt(spent.wall)} |")
    print()
    print("| measure (all days)                              | main-thread CPU s | process CPU s |")
    print("|-------------------------------------------------|------------------:|--------------:|")
    print(f"| whole run                                       | {_fmt(run_total.thread)} | {_fmt(run_total.process)} |")
    print(f"| inside GX, total                                | {_fmt(gx_total.thread)} | {_fmt(gx_total.process)} |")
    for name, clock in sorted(meter.totals.items()):
        label = f"  {name} ({meter.calls[name]} calls)"
        print(f"| {label:47s} | {_fmt(clock.thread)} | {_fmt(clock.process)} |")
    if init.import_ is not None:
        print(f"|   `import great_expectations` (once)            | {_fmt(init.import_.thread)} | "
              f"{_fmt(init.import_.process)} |")
        print(f"|   the ephemeral context (once)                  | {_fmt(init.context.thread)} | "
              f"{_fmt(init.context.process)} |")
    print(f"| GX share, with the one-off import and context   | {_pct(gx_total.thread, run_total.thread):>17s} | "
          f"{_pct(gx_total.process, run_total.process):>13s} |")
    print(f"| GX share, without them                          | "
          f"{_pct(gx_total.thread - one_off.thread, run_total.thread - one_off.thread):>17s} | "
          f"{_pct(gx_total.process - one_off.process, run_total.process - one_off.process):>13s} |")
    print()
    print(f"Already imported when GX was first imported: {', '.join(init.preloaded) or 'none of pandas/numpy/pydantic/jinja2'}.")
    print(f"Wall time of the whole run: {run_total.wall:.1f} s. Data root: "
          f"{data_root if args.keep else '(temporary, removed)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
