"""Parser health: each outlet's daily extraction judged against its own trailing history.

Row-level checks (``quality``) catch bad rows; they cannot see that a front page which gave
12 headlines yesterday gave none today because the outlet changed its markup. This module
computes a few health metrics per outlet-day (headline count, missing-date rate, median
body length...) and compares each with a band learned from the outlet's previous days:

    band = median ± max(k · 1.4826 · MAD, rel_floor · |median|, abs_floor, counts: z · √median)

The median and the MAD (scaled to a standard deviation for normal noise) are robust: one odd
day in the history moves neither. The floors keep the band from collapsing on a steady
outlet (MAD 0) or a small count, so ordinary day-to-day variation never alerts; for counts the
last floor is Poisson noise (z standard deviations), because the MAD of fourteen small
integers can come out as 1 and would make the band too narrow. For counts, a
zero is always outside the band when no day in the history had zero (a front page that
always had headlines and now has none is the archetypal parser break). Rates are judged on
one side only (a falling missing-date rate is good news). With fewer than
``min_history_days`` prior observations there is no verdict ("insufficient_history").

Days on which a metric drifted are not learned from (``exclude_drift_days``), so a broken
parser never becomes the new normal; to accept a genuine change (an outlet now shows twice
as many headlines), set ``health.reset.<outlet>: YYYY-MM-DD`` in include/quality_policy.yaml
and the band is learned afresh from that date.

Results land in ``parser_health`` (include/sql/schema_health.sql) and, as Great Expectations
``ExpectColumnValuesToBeBetween`` results on a one-row metrics frame, in ``dq_results``
under the suite ``parser_health``.
"""

from __future__ import annotations

import json
import logging
import math
import statistics
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

import yaml

from media_monitor.config import PROJECT_ROOT
from media_monitor.registry import Outlet

log = logging.getLogger(__name__)

POLICY_PATH = PROJECT_ROOT / "include" / "quality_policy.yaml"
SCHEMA_PATH = PROJECT_ROOT / "include" / "sql" / "schema_health.sql"
SUITE = "parser_health"

# Column order of parser_health, as in include/sql/schema_health.sql (for store.TABLE_COLUMNS).
PARSER_HEALTH_COLUMNS: tuple[str, ...] = (
    "run_date", "outlet", "metric", "value", "baseline", "low", "high", "history_days", "severity", "status",
)

# Same floor as quality's title_length check: shorter is not a title.
MIN_TITLE_CHARS = 3
# Scales the MAD to a standard deviation when the noise is normal.
MAD_TO_SD = 1.4826

Direction = Literal["both", "above", "below"]
Severity = Literal["degrade", "warn", "off"]
Status = Literal["ok", "drift", "insufficient_history", "no_value"]


@dataclass(frozen=True)
class Metric:
    name: str
    kind: Literal["count", "rate", "size"]
    description: str


METRICS: tuple[Metric, ...] = (
    Metric("headline_count", "count", "headlines extracted from the front page"),
    Metric("sidebar_entry_count", "count", "entries in the front page's sidebar lists"),
    Metric("article_count", "count", "articles extracted"),
    Metric("empty_title_rate", "rate", f"headlines and articles with a title under {MIN_TITLE_CHARS} characters"),
    Metric("missing_date_rate", "rate", "articles without a publication time"),
    Metric("median_body_words", "size", "median words in an article body"),
    Metric("language_mismatch_rate", "rate", "articles (with a language) in a language the outlet does not declare"),
)
METRIC_NAMES = tuple(m.name for m in METRICS)
_KIND = {m.name: m.kind for m in METRICS}


# ---------------------------------------------------------------- policy

class HealthPolicyError(ValueError):
    """The ``health`` section of the quality policy is invalid."""


@dataclass(frozen=True)
class MetricPolicy:
    severity: Severity = "degrade"  # degrade: the outlet's run is "degraded"; warn: recorded only
    direction: Direction = "both"   # which side of the band alerts
    k_mad: float = 4.0              # band half-width in robust standard deviations...
    rel_floor: float = 0.5          # ...but never narrower than this fraction of the median...
    abs_floor: float = 3.0          # ...nor than this absolute amount...
    poisson_z: float = 3.0          # ...nor, for counts, than z · √median (Poisson noise)


DEFAULT_METRICS: dict[str, MetricPolicy] = {
    "headline_count": MetricPolicy(direction="both", abs_floor=3),
    "sidebar_entry_count": MetricPolicy(direction="both", abs_floor=3),
    # More articles is never a parser failure (and follows max_articles in the registry).
    "article_count": MetricPolicy(direction="below", abs_floor=3),
    "empty_title_rate": MetricPolicy(direction="above", abs_floor=0.2),
    "missing_date_rate": MetricPolicy(direction="above", abs_floor=0.2),
    "median_body_words": MetricPolicy(direction="both", abs_floor=30),
    # Bilingual outlets drift between their languages; a wrong language is worth a look, not a red run.
    "language_mismatch_rate": MetricPolicy(severity="warn", direction="above", abs_floor=0.2),
}


@dataclass(frozen=True)
class HealthPolicy:
    window_days: int = 14          # learn from up to this many prior observations per metric...
    lookback_days: int = 90        # ...found within this many days before the run date
    min_history_days: int = 3      # fewer prior observations: no verdict
    min_rows: int = 5              # rates and medians need this many rows to be measured at all
    exclude_drift_days: bool = True
    record_in_dq_results: bool = True  # also run the bands as a GX suite into dq_results
    metrics: Mapping[str, MetricPolicy] = field(default_factory=lambda: dict(DEFAULT_METRICS))
    reset: Mapping[str, date] = field(default_factory=dict)  # outlet -> learn only from this date on

    def metric(self, name: str) -> MetricPolicy:
        return self.metrics.get(name, DEFAULT_METRICS[name])


_POLICY_INTS = {"window_days": 1, "lookback_days": 1, "min_history_days": 1, "min_rows": 1}
_POLICY_BOOLS = ("exclude_drift_days", "record_in_dq_results")
_METRIC_KEYS = {"severity", "direction", "k_mad", "rel_floor", "abs_floor", "poisson_z"}


def parse_health_policy(section: Mapping[str, Any] | None, source: str = "health") -> HealthPolicy:
    """Build a HealthPolicy from the ``health:`` mapping; every error names the key."""
    section = section or {}
    if not isinstance(section, Mapping):
        raise HealthPolicyError(f"{source}: must be a mapping")
    known = set(_POLICY_INTS) | set(_POLICY_BOOLS) | {"metrics", "reset"}
    unknown = set(section) - known
    if unknown:
        raise HealthPolicyError(f"{source}: unknown key(s) {sorted(unknown)} (known: {', '.join(sorted(known))})")
    kwargs: dict[str, Any] = {}
    for key, minimum in _POLICY_INTS.items():
        if key in section:
            value = section[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
                raise HealthPolicyError(f"{source}.{key}: must be an integer >= {minimum}, got {value!r}")
            kwargs[key] = value
    for key in _POLICY_BOOLS:
        if key in section:
            if not isinstance(section[key], bool):
                raise HealthPolicyError(f"{source}.{key}: must be true or false, got {section[key]!r}")
            kwargs[key] = section[key]
    metrics = dict(DEFAULT_METRICS)
    for name, spec in (section.get("metrics") or {}).items():
        where = f"{source}.metrics.{name}"
        if name not in DEFAULT_METRICS:
            raise HealthPolicyError(f"{where}: unknown metric (known: {', '.join(METRIC_NAMES)})")
        if isinstance(spec, str):  # shorthand: "metric: off" / "metric: warn"
            spec = {"severity": spec}
        if not isinstance(spec, Mapping):
            raise HealthPolicyError(f"{where}: must be a mapping or one of degrade/warn/off")
        bad = set(spec) - _METRIC_KEYS
        if bad:
            raise HealthPolicyError(f"{where}: unknown key(s) {sorted(bad)} (known: {', '.join(sorted(_METRIC_KEYS))})")
        values: dict[str, Any] = {}
        if "severity" in spec:
            if spec["severity"] not in ("degrade", "warn", "off"):
                raise HealthPolicyError(f"{where}.severity: use degrade, warn or off, got {spec['severity']!r}")
            values["severity"] = spec["severity"]
        if "direction" in spec:
            if spec["direction"] not in ("both", "above", "below"):
                raise HealthPolicyError(f"{where}.direction: use both, above or below, got {spec['direction']!r}")
            values["direction"] = spec["direction"]
        for key in ("k_mad", "rel_floor", "abs_floor", "poisson_z"):
            if key in spec:
                value = spec[key]
                if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or not math.isfinite(value):
                    raise HealthPolicyError(f"{where}.{key}: must be a non-negative number, got {value!r}")
                values[key] = float(value)
        base = DEFAULT_METRICS[name]
        metrics[name] = MetricPolicy(**{**base.__dict__, **values})
    reset: dict[str, date] = {}
    for outlet, when in (section.get("reset") or {}).items():
        try:
            reset[str(outlet)] = when if isinstance(when, date) else date.fromisoformat(str(when))
        except ValueError:
            raise HealthPolicyError(f"{source}.reset.{outlet}: must be YYYY-MM-DD, got {when!r}") from None
    return HealthPolicy(**kwargs, metrics=metrics, reset=reset)


def load_health_policy(path: Path | None = None) -> HealthPolicy:
    """The ``health:`` section of include/quality_policy.yaml (defaults where it is silent)."""
    path = path or POLICY_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise HealthPolicyError(f"cannot read quality policy {path}: {exc}") from None
    if not isinstance(data, dict):
        raise HealthPolicyError(f"{path}: not a mapping")
    return parse_health_policy(data.get("health"), f"{path}: health")


# ---------------------------------------------------------------- metrics of one outlet-day

def _short_title(title: Any) -> bool:
    return title is None or len(str(title).strip()) < MIN_TITLE_CHARS


def _primary_language(value: Any) -> str | None:
    if value in (None, ""):
        return None
    return str(value).strip().lower().replace("_", "-").split("-", 1)[0] or None


def _words(article: Mapping[str, Any]) -> int:
    count = article.get("word_count")
    if isinstance(count, int | float) and not isinstance(count, bool):
        return int(count)
    return len(str(article.get("body") or "").split())


def health_metrics(
    tables: Mapping[str, list[dict[str, Any]]],
    languages: Iterable[str] = (),
    *,
    min_rows: int = 5,
) -> dict[str, float | None]:
    """Health metrics of one outlet-day from its extracted rows (before quarantine).

    Args:
        tables: rows per table, as ``pipeline.staged_tables`` gives them.
        languages: the outlet's declared languages (for ``language_mismatch_rate``).
        min_rows: a rate or median over fewer rows than this is None (too noisy to judge).
    Returns:
        metric name -> value; None where there is nothing (or too little) to measure.
    """
    headlines = tables.get("headlines") or []
    sidebar = tables.get("sidebar_entries") or []
    articles = tables.get("articles") or []
    declared = {_primary_language(lang) for lang in languages} - {None}

    def rate(hits: int, total: int) -> float | None:
        return hits / total if total >= max(min_rows, 1) else None

    titled = [*headlines, *articles]
    with_language = [_primary_language(a.get("language")) for a in articles]
    with_language = [lang for lang in with_language if lang]
    words = [_words(a) for a in articles]
    return {
        "headline_count": float(len(headlines)),
        "sidebar_entry_count": float(len(sidebar)),
        "article_count": float(len(articles)),
        "empty_title_rate": rate(sum(_short_title(r.get("title")) for r in titled), len(titled)),
        "missing_date_rate": rate(sum(a.get("published_at") in (None, "") for a in articles), len(articles)),
        "median_body_words": float(statistics.median(words)) if len(words) >= max(min_rows, 1) else None,
        "language_mismatch_rate": (
            rate(sum(lang not in declared for lang in with_language), len(with_language)) if declared else None
        ),
    }


# ---------------------------------------------------------------- history

def ensure_schema(con: Any) -> None:
    """Create parser_health if missing (store.ensure_schema does this in the pipeline)."""
    from media_monitor.store import _statements

    for stmt in _statements(SCHEMA_PATH.read_text(encoding="utf-8")):
        con.execute(stmt)


_HISTORY_SQL = """
SELECT run_date, metric, value
FROM (
    SELECT run_date, metric, value,
           row_number() OVER (PARTITION BY metric ORDER BY run_date DESC) AS recency
    FROM parser_health
    WHERE outlet = ? AND run_date < ? AND run_date >= ? AND value IS NOT NULL
      AND (NOT ? OR status <> 'drift')
)
WHERE recency <= ?
ORDER BY run_date, metric
"""


def history(
    con: Any,
    outlet: str,
    run_date: date,
    days: int = 14,
    *,
    lookback_days: int = 90,
    exclude_drift: bool = True,
    since: date | None = None,
) -> list[dict[str, Any]]:
    """The outlet's previous observations of each metric, oldest first.

    Per metric, the latest ``days`` values recorded before ``run_date`` (within ``lookback_days``,
    and from ``since`` on), leaving out the days the metric drifted when ``exclude_drift``.

    Returns:
        one dict per run date: ``{"run_date": date, metric: value, ...}`` with the metrics kept.
    """
    import duckdb

    start = run_date - timedelta(days=lookback_days)
    if since is not None and since > start:
        start = since
    try:
        rows = con.execute(_HISTORY_SQL, [outlet, run_date, start, exclude_drift, days]).fetchall()
    except duckdb.CatalogException:  # no parser_health table yet: a fresh database
        return []
    by_day: dict[date, dict[str, Any]] = {}
    for day, metric, value in rows:
        by_day.setdefault(day, {"run_date": day})[metric] = value
    return [by_day[d] for d in sorted(by_day)]


# ---------------------------------------------------------------- bands and verdicts

@dataclass(frozen=True)
class Drift:
    """A metric far outside its band today."""

    metric: str
    value: float
    low: float | None
    high: float | None
    message: str
    severity: str = "degrade"
    baseline: float | None = None


@dataclass(frozen=True)
class Verdict:
    """One metric's value, band and status for one outlet-day."""

    metric: str
    value: float | None
    baseline: float | None
    low: float | None
    high: float | None
    history_days: int
    severity: str
    status: Status

    @property
    def drift(self) -> Drift | None:
        if self.status != "drift" or self.value is None:
            return None
        return Drift(self.metric, self.value, self.low, self.high, _drift_message(self), self.severity, self.baseline)


def _fmt(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.2f}"


def _drift_message(v: Verdict) -> str:
    if v.low is not None and v.high is not None:
        band = f"{_fmt(v.low)}..{_fmt(v.high)}"
    elif v.low is not None:
        band = f">= {_fmt(v.low)}"
    else:
        band = f"<= {_fmt(v.high)}"
    return f"{v.metric} {_fmt(v.value)} outside {band} (median {_fmt(v.baseline)} of {v.history_days} prior days)"


def band(values: list[float], kind: str, mp: MetricPolicy) -> tuple[float, float | None, float | None]:
    """(median, low, high) learned from prior values; low/high None where that side never alerts."""
    med = statistics.median(values)
    mad = statistics.median(abs(v - med) for v in values)
    width = max(mp.k_mad * MAD_TO_SD * mad, mp.rel_floor * abs(med), mp.abs_floor)
    if kind == "count":
        width = max(width, mp.poisson_z * math.sqrt(max(med, 0.0)))
    low: float | None = max(med - width, 0.0)  # every metric is non-negative
    high: float | None = med + width
    if kind == "count" and min(values) > 0:
        low = max(low, 1.0)  # never a zero before: a zero now is a break, however small the median
    if mp.direction == "above" or low == 0.0:
        low = None  # nothing is below zero; a one-sided band reads more plainly
    if mp.direction == "below":
        high = None
    return med, low, high


def judge(
    today: Mapping[str, float | None], past: list[dict[str, Any]], policy: HealthPolicy | None = None
) -> list[Verdict]:
    """A verdict per enabled metric: ok, drift, insufficient_history or no_value."""
    policy = policy or HealthPolicy()
    verdicts = []
    for name in METRIC_NAMES:
        mp = policy.metric(name)
        if mp.severity == "off" or name not in today:
            continue
        value = today[name]
        values = [float(day[name]) for day in past if day.get(name) is not None]
        if value is None:
            verdicts.append(Verdict(name, None, None, None, None, len(values), mp.severity, "no_value"))
            continue
        if len(values) < policy.min_history_days:
            verdicts.append(Verdict(name, float(value), None, None, None, len(values), mp.severity,
                                    "insufficient_history"))
            continue
        med, low, high = band(values, _KIND[name], mp)
        outside = (low is not None and value < low) or (high is not None and value > high)
        verdicts.append(Verdict(name, float(value), med, low, high, len(values), mp.severity,
                                "drift" if outside else "ok"))
    return verdicts


def assess(
    today: Mapping[str, float | None], history: list[dict[str, Any]], policy: HealthPolicy | None = None
) -> list[Drift]:
    """Metrics far outside the band learned from the history (warn-only drifts included)."""
    return [d for v in judge(today, history, policy) if (d := v.drift) is not None]


def health_rows(run_date: date | str, outlet: str, verdicts: list[Verdict]) -> list[dict[str, Any]]:
    """parser_health rows (JSON-ready) for one outlet-day."""
    day = run_date.isoformat() if isinstance(run_date, date) else str(run_date)
    return [
        {
            "run_date": day,
            "outlet": outlet,
            "metric": v.metric,
            "value": v.value,
            "baseline": v.baseline,
            "low": v.low,
            "high": v.high,
            "history_days": v.history_days,
            "severity": v.severity,
            "status": v.status,
        }
        for v in verdicts
    ]


# ---------------------------------------------------------------- Great Expectations mirror

def gx_band_results(run_date: date | str, outlet: str, verdicts: list[Verdict]) -> list[dict[str, Any]]:
    """The judged bands of one outlet-day as GX results, as dq_results rows."""
    return gx_band_results_many(run_date, [(outlet, verdicts)]).get(outlet, [])


def gx_band_results_many(run_date: date | str, items: list[tuple[str, list[Verdict]]]) -> dict[str, list[dict[str, Any]]]:
    """The judged bands of several outlets' day as one GX validation, as dq_results rows per outlet.

    One row per (outlet, metric) with its value and band; two column-pair expectations
    (value >= low, high >= value) judge every row, so the GX cost does not grow with the
    number of outlets and metrics. A one-sided band has an infinite other side.
    """
    judged = [
        (outlet, v)
        for outlet, verdicts in items
        for v in verdicts
        if v.status in ("ok", "drift") and v.value is not None and (v.low is not None or v.high is not None)
    ]
    if not judged:
        return {}
    import pandas as pd

    from media_monitor import quality

    gx, _context, _datasource = quality._gx()
    df = pd.DataFrame(
        {
            "value": [float(v.value) for _, v in judged],
            "low": [float("-inf") if v.low is None else float(v.low) for _, v in judged],
            "high": [float("inf") if v.high is None else float(v.high) for _, v in judged],
        },
        dtype="float64",
    )
    batch = quality.gx_batch(SUITE, df)
    suite = gx.ExpectationSuite(name=SUITE)
    suite.add_expectation(gx.expectations.ExpectColumnPairValuesAToBeGreaterThanB(column_A="value", column_B="low", or_equal=True))
    suite.add_expectation(gx.expectations.ExpectColumnPairValuesAToBeGreaterThanB(column_A="high", column_B="value", or_equal=True))
    validation = batch.validate(suite, result_format={"result_format": "COMPLETE"})
    outside: set[int] = set()
    for res in validation.results:
        if not res.success and not (res.result or {}).get("unexpected_index_list"):
            raise RuntimeError(f"GX could not judge the parser-health bands: {res.exception_info}")
        outside.update(quality.unexpected_row_indices(res.result or {}))
    day = run_date.isoformat() if isinstance(run_date, date) else str(run_date)
    out: dict[str, list[dict[str, Any]]] = {}
    for i, (outlet, v) in enumerate(judged):
        success = i not in outside
        if success != (v.status == "ok"):
            # Both apply the same inclusive bounds; a disagreement is a bug worth seeing in the log.
            log.warning("%s %s: GX says %s for %s, the band says %s", day, outlet, success, v.metric, v.status)
        out.setdefault(outlet, []).append(
            {
                "run_date": day,
                "outlet": outlet,
                "suite": SUITE,
                "expectation": f"{SUITE}.{v.metric}",
                "column_name": v.metric,
                "success": success,
                "severity": v.severity,
                "observed_value": json.dumps(
                    {"value": v.value, "low": v.low, "high": v.high, "median": v.baseline, "days": v.history_days}
                ),
                "unexpected_count": 0 if success else 1,
                "element_count": 1,
            }
        )
    return out


# ---------------------------------------------------------------- the pipeline's entry point

@dataclass
class HealthResult:
    """One outlet-day's parser health: the verdict and the rows to load."""

    status: Literal["ok", "degraded", "insufficient_history"]
    drifts: list[Drift]
    rows: list[dict[str, Any]]  # parser_health rows
    dq_results: list[dict[str, Any]] = field(default_factory=list)  # suite "parser_health"
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def message(self) -> str:
        """The degrading drifts in one line (for outlet_runs.message); "" when there are none."""
        degrading = [d.message for d in self.drifts if d.severity == "degrade"]
        return "parser health: " + "; ".join(degrading) if degrading else ""


def _open_read_only(db_path: Path, attempts: int = 5) -> Any:
    import duckdb

    for attempt in range(1, attempts):
        try:
            return duckdb.connect(str(db_path), read_only=True)
        except duckdb.IOException:
            # The single writer (the load task of another run) holds the file: wait a little.
            time.sleep(0.5 * attempt)
    return duckdb.connect(str(db_path), read_only=True)


def evaluate_outlet(
    con_or_db_path: Any,
    outlet: Outlet,
    run_date: date,
    tables: Mapping[str, list[dict[str, Any]]],
    policy: HealthPolicy | None = None,
    *,
    gx_mirror: bool = True,
) -> HealthResult:
    """Judge one outlet-day's extraction against the outlet's trailing history.

    Args:
        con_or_db_path: an open DuckDB connection, or the database path (opened read-only;
            a missing file means no history yet).
        outlet: the registry entry (its declared languages matter).
        run_date: the logical date; only earlier dates are history.
        tables: the day's extracted rows before quarantine (``pipeline.staged_tables``).
        policy: defaults to the ``health:`` section of include/quality_policy.yaml.
        gx_mirror: run the bands through GX into ``dq_results`` here (when the policy says
            so); a caller judging many outlets passes False and mirrors them all at once
            with ``gx_band_results_many``.
    """
    policy = policy or load_health_policy()
    today = health_metrics(tables, outlet.languages, min_rows=policy.min_rows)
    kwargs = {
        "lookback_days": policy.lookback_days,
        "exclude_drift": policy.exclude_drift_days,
        "since": policy.reset.get(outlet.name),
    }
    if isinstance(con_or_db_path, str | Path):
        path = Path(con_or_db_path)
        if path.exists():
            con = _open_read_only(path)
            try:
                past = history(con, outlet.name, run_date, policy.window_days, **kwargs)
            finally:
                con.close()
        else:
            past = []
    else:
        past = history(con_or_db_path, outlet.name, run_date, policy.window_days, **kwargs)
    verdicts = judge(today, past, policy)
    drifts = [d for v in verdicts if (d := v.drift) is not None]
    if any(d.severity == "degrade" for d in drifts):
        status = "degraded"
    elif verdicts and not any(v.status in ("ok", "drift") for v in verdicts):
        status = "insufficient_history"
    else:
        status = "ok"
    for d in drifts:
        log.warning("%s %s: parser health %s: %s", run_date, outlet.name, d.severity, d.message)
    dq = gx_band_results(run_date, outlet.name, verdicts) if gx_mirror and policy.record_in_dq_results else []
    return HealthResult(status=status, drifts=drifts, rows=health_rows(run_date, outlet.name, verdicts), dq_results=dq,
                        verdicts=verdicts)
