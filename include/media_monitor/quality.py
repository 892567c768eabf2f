"""Great Expectations suites per table, quarantine of failing rows, dq_results.

Validation runs on pandas DataFrames before the load (GX's SQL path against
DuckDB drops results upstream). GX is slow to import (seconds), so it is
imported only inside functions, never at DAG parse time.

Each check has a stable id ("articles.body_min_words"). Its severity comes from
include/quality_policy.yaml: ``block`` sends failing rows to ``quarantine`` with
the check named, ``warn`` records the failure only. Nothing is dropped silently.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from media_monitor.config import PROJECT_ROOT, Settings
from media_monitor.registry import Outlet

log = logging.getLogger(__name__)

POLICY_PATH = PROJECT_ROOT / "include" / "quality_policy.yaml"
SEVERITIES = ("block", "warn", "off")

# Link texts that are site furniture, never headlines or article titles.
BOILERPLATE_RE = (
    r"(?i)^\s*(?:subscribe|subscribe now|log ?in|sign ?in|sign ?up|register|my account|cookies?|accept(?: all)?"
    r"|cookie settings|privacy policy|terms of (?:use|service)|menu|home|more|read more|see all|show more"
    r"|newsletter|войти|вход|регистрация|подписаться|подписка|ещё|еще|читать далее)\s*$"
)
KNOWN_OUTCOMES = (
    "ok", "not_modified", "http_error", "timeout", "connection_error", "robots_disallowed", "too_large",
    "not_html", "offsite_redirect", "unsafe_address", "blocked",
)


class PolicyError(ValueError):
    """The quality policy file is invalid."""


@dataclass(frozen=True)
class Policy:
    severity: dict[str, str]
    min_body_words: int
    earliest_published: date

    def of(self, check_id: str) -> str:
        return self.severity.get(check_id, "warn")


def load_policy(path: Path | None = None) -> Policy:
    path = path or POLICY_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PolicyError(f"cannot read quality policy {path}: {exc}") from None
    if not isinstance(data, dict) or data.get("version") != 1:
        raise PolicyError(f"{path}: field 'version' must be 1")
    severity = data.get("severity") or {}
    known = {c.check_id for c in CHECKS}
    for key, value in severity.items():
        if key not in known:
            raise PolicyError(f"{path}: severity key {key!r} is not a known check (known: {', '.join(sorted(known))})")
        if value not in SEVERITIES:
            raise PolicyError(f"{path}: severity of {key!r} is {value!r}; use one of {SEVERITIES}")
    words = data.get("min_body_words", 40)
    if not isinstance(words, int) or words < 0:
        raise PolicyError(f"{path}: field 'min_body_words' must be a non-negative integer")
    try:
        earliest = date.fromisoformat(str(data.get("earliest_published", "1990-01-01")))
    except ValueError:
        raise PolicyError(f"{path}: field 'earliest_published' must be YYYY-MM-DD") from None
    return Policy(severity=dict(severity), min_body_words=words, earliest_published=earliest)


# ---------------------------------------------------------------- the checks

@dataclass(frozen=True)
class Check:
    """One expectation on one table, built per outlet (allowed domains, languages differ)."""

    check_id: str
    column: str  # "" for multi-column checks
    build: Callable[[Any, Outlet, Policy, datetime], Any]  # (gx.expectations module, outlet, policy, now) -> Expectation

    @property
    def table(self) -> str:
        return self.check_id.split(".", 1)[0]


def _domain_regex(outlet: Outlet) -> str:
    hosts = "|".join(re.escape(d) for d in outlet.allowed_domains)
    return rf"^https?://(?:[^/@?#]*\.)?(?:{hosts})(?::\d+)?(?:[/?#]|$)"


_URL_RE = r"^https?://[^\s/?#]+[^\s]*$"


def _url_checks(table: str, nullable: bool = False) -> list[Check]:
    return [Check(f"{table}.url_well_formed", "url", lambda e, o, p, n: e.ExpectColumnValuesToMatchRegex(column="url", regex=_URL_RE))]


def _title_checks(table: str) -> list[Check]:
    return [
        Check(f"{table}.title_length", "title",
              lambda e, o, p, n: e.ExpectColumnValueLengthsToBeBetween(column="title", min_value=3, max_value=400)),
        Check(f"{table}.title_not_boilerplate", "title",
              lambda e, o, p, n: e.ExpectColumnValuesToNotMatchRegex(column="title", regex=BOILERPLATE_RE)),
    ]


CHECKS: tuple[Check, ...] = (
    *_url_checks("headlines"),
    Check("headlines.url_on_allowed_domain", "url",
          lambda e, o, p, n: e.ExpectColumnValuesToMatchRegex(column="url", regex=_domain_regex(o))),
    Check("headlines.unique_url", "",
          lambda e, o, p, n: e.ExpectCompoundColumnsToBeUnique(column_list=["outlet", "url"])),
    *_title_checks("headlines"),
    Check("headlines.rank_positive", "rank", lambda e, o, p, n: e.ExpectColumnValuesToBeBetween(column="rank", min_value=1)),
    *_title_checks("sidebar_entries"),
    *_url_checks("sidebar_entries"),
    Check("sidebar_entries.count_non_negative", "count",
          lambda e, o, p, n: e.ExpectColumnValuesToBeBetween(column="count", min_value=0)),
    Check("sidebar_entries.shown_at_not_future", "shown_epoch",
          lambda e, o, p, n: e.ExpectColumnValuesToBeBetween(column="shown_epoch", max_value=n.timestamp() + 3600)),
    *_url_checks("articles"),
    Check("articles.url_on_allowed_domain", "url",
          lambda e, o, p, n: e.ExpectColumnValuesToMatchRegex(column="url", regex=_domain_regex(o))),
    Check("articles.unique_article", "",
          lambda e, o, p, n: e.ExpectCompoundColumnsToBeUnique(column_list=["outlet", "article_id"])),
    *_title_checks("articles"),
    Check("articles.published_in_range", "published_epoch",
          lambda e, o, p, n: e.ExpectColumnValuesToBeBetween(
              column="published_epoch",
              min_value=datetime(p.earliest_published.year, p.earliest_published.month, p.earliest_published.day,
                                 tzinfo=UTC).timestamp(),
              # an hour of slack for clocks and timezones, never days
              max_value=n.timestamp() + 3600)),
    Check("articles.language_declared", "language",
          lambda e, o, p, n: e.ExpectColumnValuesToBeInSet(column="language", value_set=list(o.languages))),
    Check("articles.body_min_words", "word_count",
          lambda e, o, p, n: e.ExpectColumnValuesToBeBetween(column="word_count", min_value=p.min_body_words)),
    Check("articles.counters_non_negative", "views",
          lambda e, o, p, n: e.ExpectColumnValuesToBeBetween(column="views", min_value=0)),
    Check("fetches.outcome_known", "outcome",
          lambda e, o, p, n: e.ExpectColumnValuesToBeInSet(column="outcome", value_set=list(KNOWN_OUTCOMES))),
    Check("fetches.bytes_non_negative", "bytes",
          lambda e, o, p, n: e.ExpectColumnValuesToBeBetween(column="bytes", min_value=0)),
)

# Column used as the quarantine row key, per table.
ROW_KEYS = {"headlines": "url", "sidebar_entries": "rank", "articles": "article_id", "fetches": "url"}
NUMERIC_COLUMNS = {"rank", "count", "views", "comments", "word_count", "bytes", "status", "heading_level", "attempt"}


# ---------------------------------------------------------------- GX plumbing

@lru_cache(maxsize=1)
def _gx():
    """Import GX and build one ephemeral context per process (both are slow)."""
    import os

    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # no phoning home; there is no network anyway
    # GX logs every registered helper at INFO; keep task logs readable.
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    import great_expectations as gx

    context = gx.get_context(mode="ephemeral")
    try:
        context.variables.progress_bars = {"globally": False}
    except Exception:  # older/newer GX spell it differently; progress bars are cosmetic
        pass
    datasource = context.data_sources.add_pandas("mediamon_frames")
    return gx, context, datasource


def _epoch(value: Any) -> float | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        dt = value
    else:
        try:
            dt = datetime.fromisoformat(str(value))
        except ValueError:
            return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def _frame(table: str, rows: list[dict[str, Any]]):
    import pandas as pd

    from media_monitor.store import TABLE_COLUMNS

    df = pd.DataFrame(rows, columns=list(TABLE_COLUMNS[table]))
    for col in NUMERIC_COLUMNS & set(df.columns):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("Float64")
    if table == "articles":
        df["published_epoch"] = pd.array([_epoch(v) for v in df["published_at"]], dtype="Float64")
    if table == "sidebar_entries":
        df["shown_epoch"] = pd.array([_epoch(v) for v in df["shown_at"]], dtype="Float64")
    for col in ("url", "title", "language", "outcome", "outlet", "article_id"):
        if col in df.columns:
            df[col] = df[col].astype(object)
    return df


def _observed(result: dict[str, Any]) -> str | None:
    if "observed_value" in result:
        return json.dumps(result["observed_value"], default=str)
    if result.get("unexpected_percent") is not None:
        return f"{result['unexpected_percent']:.2f}% unexpected"
    return None


def validate_table(
    table: str,
    rows: list[dict[str, Any]],
    outlet: Outlet,
    policy: Policy,
    now: datetime,
) -> tuple[list[dict[str, Any]], dict[int, list[str]]]:
    """Run the table's suite. Returns (check result rows, row index -> blocking checks failed)."""
    gx, _context, datasource = _gx()
    checks = [c for c in CHECKS if c.table == table and policy.of(c.check_id) != "off"]
    results: list[dict[str, Any]] = []
    failed_rows: dict[int, list[str]] = {}
    if not checks:
        return results, failed_rows
    df = _frame(table, rows)
    asset_name = f"{table}__{outlet.name}"
    try:
        asset = datasource.get_asset(asset_name)
    except LookupError:
        asset = datasource.add_dataframe_asset(asset_name)
    try:
        batch_def = asset.get_batch_definition("whole")
    except KeyError:
        batch_def = asset.add_batch_definition_whole_dataframe("whole")
    batch = batch_def.get_batch(batch_parameters={"dataframe": df})
    suite = gx.ExpectationSuite(name=f"{table}_suite")
    by_config: list[Check] = []
    for check in checks:
        suite.add_expectation(check.build(gx.expectations, outlet, policy, now))
        by_config.append(check)
    validation = batch.validate(suite, result_format={"result_format": "COMPLETE"})
    for check, res in zip(by_config, validation.results, strict=True):
        result = res.result or {}
        severity = policy.of(check.check_id)
        results.append(
            {
                "suite": f"{table}_suite",
                "expectation": check.check_id,
                "column_name": check.column,
                "success": bool(res.success),
                "severity": severity,
                "observed_value": _observed(result),
                "unexpected_count": result.get("unexpected_count"),
                "element_count": result.get("element_count", len(df)),
            }
        )
        if not res.success and res.exception_info and any(
            (info or {}).get("raised_exception") for info in _exception_infos(res.exception_info)
        ):
            log.error("%s: check %s raised in GX: %s", outlet.name, check.check_id, res.exception_info)
        if severity == "block" and not res.success:
            for idx in result.get("unexpected_index_list") or []:
                key = idx if isinstance(idx, int) else idx.get("index") if isinstance(idx, dict) else None
                if key is None:
                    continue
                failed_rows.setdefault(int(key), []).append(check.check_id)
    return results, failed_rows


def _exception_infos(info: Any) -> list[dict[str, Any]]:
    if isinstance(info, dict) and "raised_exception" in info:
        return [info]
    if isinstance(info, dict):
        return [v for v in info.values() if isinstance(v, dict)]
    return []


def validate_outlet(
    outlet: Outlet,
    run_date: date,
    tables: dict[str, list[dict[str, Any]]],
    *,
    settings: Settings | None = None,
    policy: Policy | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Validate one outlet's rows for a day; split clean rows from quarantined ones."""
    policy = policy or load_policy()
    # "Not in the future" is judged against the run, not the wall clock, so a
    # backfill of an old day is validated as it would have been on that day.
    now = now or min(datetime.now(UTC), datetime(run_date.year, run_date.month, run_date.day, tzinfo=UTC) + timedelta(days=2))
    out: dict[str, Any] = {"dq_results": [], "quarantine": [], "status": "ok", "message": ""}
    for table in ("headlines", "sidebar_entries", "articles", "fetches"):
        rows = tables.get(table, [])
        check_rows, failed = validate_table(table, rows, outlet, policy, now)
        for r in check_rows:
            out["dq_results"].append({"run_date": run_date.isoformat(), "outlet": outlet.name, **r})
        clean = []
        for i, row in enumerate(rows):
            if i in failed:
                out["quarantine"].append(
                    {
                        "run_date": run_date.isoformat(),
                        "outlet": outlet.name,
                        "table_name": table,
                        "row_key": f"{i}:{row.get(ROW_KEYS[table])}",
                        "failed_expectations": sorted(set(failed[i])),
                        "row_json": json.dumps(row, ensure_ascii=False, default=str),
                    }
                )
            else:
                clean.append(row)
        out[table] = clean
        if failed:
            log.warning("%s %s: %d %s row(s) quarantined", run_date, outlet.name, len(failed), table)
    return out
