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

from media_monitor.config import PROJECT_ROOT
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

# One validation per table covers every outlet of the day: GX's cost is per distinct
# expectation (metric resolution, result objects), hardly per row, so validating outlet by
# outlet multiplied it by the number of outlets. Checks that depend on the outlet (allowed
# domains, declared languages) read a composite column "<outlet>\t<value>" and one rule that
# names every outlet's allowed values.
SEP = "\t"


@dataclass(frozen=True)
class Check:
    """One expectation on one table, built once for all the outlets being validated."""

    check_id: str
    column: str  # the column reported in dq_results; "" for multi-column checks
    build: Callable[[Any, list[Outlet], Policy, datetime], Any]  # (gx.expectations, outlets, policy, now) -> Expectation
    reads: str | None = None  # the frame column the expectation reads, when not `column`

    @property
    def table(self) -> str:
        return self.check_id.split(".", 1)[0]

    @property
    def frame_column(self) -> str:
        return self.reads or self.column


def _domain_regex(outlet: Outlet) -> str:
    if outlet.any_host:
        return r"^https?://[^/@?#\s]+(?:[/?#]|$)"
    hosts = "|".join(re.escape(d) for d in outlet.allowed_domains)
    return rf"^https?://(?:[^/@?#]*\.)?(?:{hosts})(?::\d+)?(?:[/?#]|$)"


def _outlet_domain_regex(outlets: list[Outlet]) -> str:
    """Matches "<outlet>\t<url>" when the url is on that outlet's allowed domains."""
    return "^(?:" + "|".join(re.escape(o.name + SEP) + _domain_regex(o)[1:] for o in outlets) + ")"


def _outlet_languages(outlets: list[Outlet]) -> list[str]:
    return sorted(f"{o.name}{SEP}{lang}" for o in outlets for lang in o.languages)


_URL_RE = r"^https?://[^\s/?#]+[^\s]*$"


def _url_checks(table: str) -> list[Check]:
    return [Check(f"{table}.url_well_formed", "url", lambda e, o, p, n: e.ExpectColumnValuesToMatchRegex(column="url", regex=_URL_RE))]


def _title_checks(table: str) -> list[Check]:
    return [
        Check(f"{table}.title_length", "title",
              lambda e, o, p, n: e.ExpectColumnValueLengthsToBeBetween(column="title", min_value=3, max_value=400)),
        Check(f"{table}.title_not_boilerplate", "title",
              lambda e, o, p, n: e.ExpectColumnValuesToNotMatchRegex(column="title", regex=BOILERPLATE_RE)),
    ]


def _domain_check(table: str) -> Check:
    return Check(f"{table}.url_on_allowed_domain", "url",
                 lambda e, o, p, n: e.ExpectColumnValuesToMatchRegex(column="outlet_url", regex=_outlet_domain_regex(o)),
                 reads="outlet_url")


CHECKS: tuple[Check, ...] = (
    *_url_checks("headlines"),
    _domain_check("headlines"),
    Check("headlines.unique_url", "",
          lambda e, o, p, n: e.ExpectCompoundColumnsToBeUnique(column_list=["outlet", "url"])),
    *_title_checks("headlines"),
    Check("headlines.rank_positive", "rank", lambda e, o, p, n: e.ExpectColumnValuesToBeBetween(column="rank", min_value=1)),
    *_title_checks("sidebar_entries"),
    *_url_checks("sidebar_entries"),
    Check("sidebar_entries.count_non_negative", "count",
          lambda e, o, p, n: e.ExpectColumnValuesToBeBetween(column="count", min_value=0)),
    Check("sidebar_entries.shown_at_not_future", "shown_at",
          lambda e, o, p, n: e.ExpectColumnValuesToBeBetween(column="shown_epoch", max_value=n.timestamp() + 3600),
          reads="shown_epoch"),
    *_url_checks("articles"),
    _domain_check("articles"),
    Check("articles.unique_article", "",
          lambda e, o, p, n: e.ExpectCompoundColumnsToBeUnique(column_list=["outlet", "article_id"])),
    *_title_checks("articles"),
    Check("articles.published_in_range", "published_at",
          lambda e, o, p, n: e.ExpectColumnValuesToBeBetween(
              column="published_epoch",
              min_value=datetime(p.earliest_published.year, p.earliest_published.month, p.earliest_published.day,
                                 tzinfo=UTC).timestamp(),
              # an hour of slack for clocks and timezones, never days
              max_value=n.timestamp() + 3600),
          reads="published_epoch"),
    Check("articles.language_declared", "language",
          lambda e, o, p, n: e.ExpectColumnValuesToBeInSet(column="outlet_language", value_set=_outlet_languages(o)),
          reads="outlet_language"),
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


def gx_batch(asset_name: str, df: Any) -> Any:
    """A GX batch of a pandas frame, through a (reused) dataframe asset of the ephemeral context."""
    _gx_module, _context, datasource = _gx()
    try:
        asset = datasource.get_asset(asset_name)
    except LookupError:
        asset = datasource.add_dataframe_asset(asset_name)
    try:
        batch_def = asset.get_batch_definition("whole")
    except KeyError:
        batch_def = asset.add_batch_definition_whole_dataframe("whole")
    return batch_def.get_batch(batch_parameters={"dataframe": df})


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


def _frame(table: str, parts: list[tuple[Outlet, list[dict[str, Any]]]]):
    """One frame of every outlet's rows for a table, plus the derived columns the checks read."""
    import pandas as pd

    from media_monitor.store import TABLE_COLUMNS

    rows = [{**row, "outlet": outlet.name} for outlet, outlet_rows in parts for row in outlet_rows]
    df = pd.DataFrame(rows, columns=list(TABLE_COLUMNS[table]))
    for col in NUMERIC_COLUMNS & set(df.columns):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("Float64")
    if table == "articles":
        df["published_epoch"] = pd.array([_epoch(v) for v in df["published_at"]], dtype="Float64")
        df["outlet_language"] = pd.array(
            [None if lang in (None, "") else f"{o}{SEP}{lang}" for o, lang in zip(df["outlet"], df["language"], strict=True)],
            dtype=object)
    if table == "sidebar_entries":
        df["shown_epoch"] = pd.array([_epoch(v) for v in df["shown_at"]], dtype="Float64")
    if "url" in df.columns:
        df["outlet_url"] = pd.array(
            [None if url in (None, "") else f"{o}{SEP}{url}" for o, url in zip(df["outlet"], df["url"], strict=True)],
            dtype=object)
    for col in ("url", "title", "language", "outcome", "outlet", "article_id"):
        if col in df.columns:
            df[col] = df[col].astype(object)
    return df


def _percent_unexpected(unexpected: int, nonmissing: int) -> str | None:
    return f"{100.0 * unexpected / nonmissing:.2f}% unexpected" if nonmissing else None


def unexpected_row_indices(result: dict[str, Any]) -> list[int]:
    """Frame row indices a GX map expectation failed on (its COMPLETE result's unexpected_index_list)."""
    out = []
    for idx in result.get("unexpected_index_list") or []:
        key = idx if isinstance(idx, int) else idx.get("index") if isinstance(idx, dict) else None
        if key is not None:
            out.append(int(key))
    return out


def validate_table(
    table: str,
    parts: list[tuple[Outlet, list[dict[str, Any]]]],
    policy: Policy,
    now: datetime,
) -> dict[str, tuple[list[dict[str, Any]], dict[int, list[str]]]]:
    """Run the table's suite once over every outlet's rows.

    Returns, per outlet name, (check result rows, row index in that outlet's list -> blocking
    checks failed). Each check's result is split by outlet from GX's unexpected row indices.
    """
    gx, _context, _datasource = _gx()
    checks = [c for c in CHECKS if c.table == table and policy.of(c.check_id) != "off"]
    out: dict[str, tuple[list[dict[str, Any]], dict[int, list[str]]]] = {o.name: ([], {}) for o, _ in parts}
    if not checks or not parts:
        return out
    outlets = [o for o, _ in parts]
    df = _frame(table, parts)
    # frame row -> (outlet, index in that outlet's rows)
    owner: list[tuple[str, int]] = [(o.name, i) for o, rows in parts for i in range(len(rows))]
    sizes = {o.name: len(rows) for o, rows in parts}
    batch = gx_batch(f"{table}__day", df)
    suite = gx.ExpectationSuite(name=f"{table}_suite")
    for check in checks:
        suite.add_expectation(check.build(gx.expectations, outlets, policy, now))
    validation = batch.validate(suite, result_format={"result_format": "COMPLETE"})
    for check, res in zip(checks, validation.results, strict=True):
        result = res.result or {}
        severity = policy.of(check.check_id)
        raised = any((info or {}).get("raised_exception") for info in _exception_infos(res.exception_info))
        if raised:
            log.error("%s: check %s raised in GX: %s", table, check.check_id, res.exception_info)
        unexpected: dict[str, list[int]] = {name: [] for name in sizes}
        for idx in unexpected_row_indices(result):
            name, local = owner[idx]
            unexpected[name].append(local)
        if check.frame_column:
            present = df[check.frame_column].notna().tolist()
            nonmissing = {name: 0 for name in sizes}
            for (name, _), ok in zip(owner, present, strict=True):
                nonmissing[name] += bool(ok)
        else:
            nonmissing = dict(sizes)
        # GX failing a check without naming rows must never be reported as passed.
        unnamed_failure = not res.success and not any(unexpected.values())
        for name, (results, failed_rows) in out.items():
            bad = unexpected[name]
            success = not (raised or bad or unnamed_failure)
            results.append(
                {
                    "suite": f"{table}_suite",
                    "expectation": check.check_id,
                    "column_name": check.column,
                    "success": success,
                    "severity": severity,
                    "observed_value": None if raised else _percent_unexpected(len(bad), nonmissing[name]),
                    "unexpected_count": None if raised else len(bad),
                    "element_count": sizes[name],
                }
            )
            if severity == "block" and not success:
                for local in bad:
                    failed_rows.setdefault(local, []).append(check.check_id)
    return out


def _exception_infos(info: Any) -> list[dict[str, Any]]:
    if isinstance(info, dict) and "raised_exception" in info:
        return [info]
    if isinstance(info, dict):
        return [v for v in info.values() if isinstance(v, dict)]
    return []


def _validation_now(run_date: date, now: datetime | None) -> datetime:
    # "Not in the future" is judged against the run, not the wall clock, so a
    # backfill of an old day is validated as it would have been on that day.
    return now or min(datetime.now(UTC), datetime(run_date.year, run_date.month, run_date.day, tzinfo=UTC) + timedelta(days=2))


def validate_outlets(
    run_date: date,
    items: list[tuple[Outlet, dict[str, list[dict[str, Any]]]]],
    *,
    policy: Policy | None = None,
    now: datetime | None = None,
) -> dict[str, dict[str, Any]]:
    """Validate the day's rows of several outlets (one GX validation per table); split clean rows
    from quarantined ones. Returns, per outlet name, its clean tables, quarantine and dq_results."""
    policy = policy or load_policy()
    now = _validation_now(run_date, now)
    outs: dict[str, dict[str, Any]] = {
        o.name: {"dq_results": [], "quarantine": [], "status": "ok", "message": ""} for o, _ in items
    }
    for table in ("headlines", "sidebar_entries", "articles", "fetches"):
        parts = [(outlet, tables.get(table, [])) for outlet, tables in items]
        checked = validate_table(table, parts, policy, now)
        for outlet, rows in parts:
            out = outs[outlet.name]
            check_rows, failed = checked[outlet.name]
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
    return outs


def validate_outlet(
    outlet: Outlet,
    run_date: date,
    tables: dict[str, list[dict[str, Any]]],
    *,
    policy: Policy | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Validate one outlet's rows for a day (see ``validate_outlets``)."""
    return validate_outlets(run_date, [(outlet, tables)], policy=policy, now=now)[outlet.name]
