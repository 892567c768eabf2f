"""The daily pipeline's steps, shared by the Airflow DAGs and ``mediamon run``.

Each step reads and writes files under the data root, so the steps can run in
separate processes (Airflow workers) and hand over only small summaries:

    fetch_front_page  -> raw/<date>/<outlet>.warc.gz        (network)
    extract_front_page -> staging/<date>/<outlet>/frontpage.json  (archive only)
    fetch_articles    -> appends to the same WARC file       (network)
    extract_articles  -> staging/<date>/<outlet>/articles.jsonl   (archive only)
    validate_day      -> staging/<date>/<outlet>/validated.json   (Great Expectations)
    load_day          -> DuckDB, one transaction per outlet   (the single writer)

Extraction reads the WARC archive, never the network, so ``reprocess`` can replay
a day from the archive alone.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from media_monitor.config import Settings, get_settings
from media_monitor.models import to_jsonable
from media_monitor.registry import Outlet, get_outlet, load_registry

log = logging.getLogger(__name__)

STEP_NAMES = ("fetch_front_page", "extract_front_page", "fetch_articles", "extract_articles")


class PipelineError(RuntimeError):
    """A step cannot proceed (bad input, missing upstream output)."""


class StaleFetchError(PipelineError):
    """A live front page asked for a day long past (retrying cannot help)."""


def parse_run_date(value: str | date) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise PipelineError(f"run date {value!r} is not YYYY-MM-DD") from None


# ---------------------------------------------------------------- file layout

def stage_dir(settings: Settings, run_date: date, outlet: str) -> Path:
    return settings.staging_dir / run_date.isoformat() / outlet


def warc_path(settings: Settings, run_date: date, outlet: str) -> Path:
    return settings.raw_dir / run_date.isoformat() / f"{outlet}.warc.gz"


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(to_jsonable(data), ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)  # atomic: a reader never sees half a file


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _append_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(to_jsonable(row), ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def reference_time(run_date: date, fetched_at: datetime | None) -> datetime:
    """The "now" against which shown times ("16.10 20:44", "2 hours ago") are read.

    A daily run fetches just after its logical day, so the fetch time is right;
    a backfill of an old date fetched today must not date its entries today, so
    the reference is capped at the end of the day after the logical date.
    """
    cap = datetime(run_date.year, run_date.month, run_date.day, tzinfo=UTC) + timedelta(days=2)
    if fetched_at is None:
        return cap
    return min(fetched_at, cap)


# ---------------------------------------------------------------- steps

def list_outlet_names(settings: Settings | None = None) -> list[str]:
    """Enabled outlets in registry order (validates the registry)."""
    settings = settings or get_settings()
    names = [o.name for o in load_registry(settings.registry_path)]
    log.info("registry %s: %d enabled outlet(s): %s", settings.registry_path, len(names), ", ".join(names))
    return names


def _outlet(name: str, settings: Settings) -> Outlet:
    return get_outlet(name, settings.registry_path)


def _rotate_warc(path: Path) -> None:
    """Keep an earlier run's archive for the date instead of overwriting it (nothing lost)."""
    if path.exists():
        superseded = path.parent / "superseded"
        superseded.mkdir(exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        path.rename(superseded / f"{path.stem.removesuffix('.warc')}.{stamp}.warc.gz")


def _fetcher(outlet: Outlet, day: date, settings: Settings):
    from media_monitor.fetch import Fetcher

    return Fetcher(
        outlet, day, settings,
        warc_path=warc_path(settings, day, outlet.name),
        max_retries=settings.max_retries,
        connect_timeout=settings.connect_timeout_s,
        read_timeout=settings.read_timeout_s,
        total_timeout=settings.total_timeout_s,
    )


def check_fetch_lag(outlet: Outlet, day: date, settings: Settings, today: date | None = None) -> None:
    """Refuse to fetch a live front page for a day long past: it would file today's page under that day.

    A live URL (not ``outlet.dated``) always serves the current front page. The daily run for a date
    normally starts the day after it; retries and a late scheduler add a day. Older dates (a
    catch-up from an early MEDIAMON_START_DATE, a manual run) fail with this message instead.
    Archived days are re-extracted from the WARC archive (`mediamon reprocess`), never refetched.
    """
    if outlet.dated:
        return
    today = today or datetime.now(UTC).date()
    lag = (today - day).days
    if lag > settings.max_fetch_lag_days:
        raise StaleFetchError(
            f"outlet {outlet.name!r}: not fetching its live front page for {day} ({lag} days ago): the page "
            f"shows today's front page, not that day's. Reprocess archived days with `mediamon reprocess`; "
            f"start catch-up at the first day to monitor (MEDIAMON_START_DATE); MEDIAMON_MAX_FETCH_LAG_DAYS "
            f"(now {settings.max_fetch_lag_days}) sets how late a run may still fetch."
        )


def fetch_front_page(outlet_name: str, run_date: str | date, settings: Settings | None = None) -> dict[str, Any]:
    """Fetch the outlet's front page (and feed) into a fresh WARC file for the date."""
    settings = settings or get_settings()
    day = parse_run_date(run_date)
    outlet = _outlet(outlet_name, settings)
    check_fetch_lag(outlet, day, settings)
    stage = stage_dir(settings, day, outlet.name)
    if stage.exists():
        shutil.rmtree(stage)  # a rerun starts clean; the raw archive is kept
    stage.mkdir(parents=True)
    warc = warc_path(settings, day, outlet.name)
    _rotate_warc(warc)
    front_url = outlet.front_url(day)
    with _fetcher(outlet, day, settings) as fetcher:
        front = fetcher.fetch(front_url, kind="front")
        if outlet.rss:
            fetcher.fetch(outlet.rss_url(day), kind="rss", accept_non_html=True)
        rows = [r.fetch_row(day, outlet.name) for r in fetcher.results]
    _append_jsonl(stage / "fetches.jsonl", rows)
    summary = {
        "outlet": outlet.name,
        "run_date": day.isoformat(),
        "front_url": front_url,
        "final_url": front.final_url,
        "outcome": front.outcome,
        "status": front.status,
        "error": front.error,
        "fetched_at": front.fetched_at.isoformat(),
    }
    _write_json(stage / "front_fetch.json", summary)
    log.info("%s %s: front page %s (%s, %d bytes)", day, outlet.name, front.outcome, front.status, front.bytes)
    return summary


def _archived_html(warc: Path, url: str) -> tuple[str, str, datetime | None] | None:
    """Decoded HTML of the latest archived 2xx response for url, with its final URL."""
    from media_monitor.archive import latest_responses
    from media_monitor.extract.encoding import decode_html

    responses = _responses_cache(warc, latest_responses)
    rec = responses.get(url)
    if rec is None or not rec.ok:  # no 2xx, or a body we stopped reading (too large, cut off)
        return None
    text, _enc = decode_html(rec.body, _charset_of(rec.content_type))
    return text, rec.final_url, rec.fetched_at


_RESPONSES: dict[tuple[str, float, int], dict[str, Any]] = {}


def _responses_cache(warc: Path, reader: Callable[[Path], dict[str, Any]]) -> dict[str, Any]:
    """Read a WARC file's latest responses once per file version."""
    if not warc.exists():
        return {}
    st = warc.stat()
    key = (str(warc), st.st_mtime, st.st_size)
    if key not in _RESPONSES:
        _RESPONSES.clear()
        _RESPONSES[key] = reader(warc)
    return _RESPONSES[key]


def _charset_of(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip().strip('"')
    return None


def extract_front_page(outlet_name: str, run_date: str | date, settings: Settings | None = None) -> dict[str, Any]:
    """Extract headlines, sidebar blocks and article links from the archived front page."""
    from media_monitor.extract.frontpage import extract_frontpage

    settings = settings or get_settings()
    day = parse_run_date(run_date)
    outlet = _outlet(outlet_name, settings)
    stage = stage_dir(settings, day, outlet.name)
    front_fetch = stage / "front_fetch.json"
    if not front_fetch.exists():
        raise PipelineError(f"{outlet.name} {day}: no front-page fetch staged; run fetch_front_page first")
    fetched = _read_json(front_fetch)
    page = _archived_html(warc_path(settings, day, outlet.name), fetched["front_url"])
    if page is None:
        result = {"ok": False, "reason": f"front page not available ({fetched['outcome']}: {fetched['error']})"}
        _write_json(stage / "frontpage.json", {**result, "headlines": [], "blocks": [], "article_links": []})
        log.warning("%s %s: %s", day, outlet.name, result["reason"])
        return {"outlet": outlet.name, "run_date": day.isoformat(), "headlines": 0, "blocks": 0, "links": 0, **result}
    html, final_url, fetched_at = page
    front = extract_frontpage(html, final_url, outlet, fetched_at=reference_time(day, fetched_at))
    _write_json(
        stage / "frontpage.json",
        {
            "ok": True,
            "url": final_url,
            "fetched_at": fetched_at,
            "headlines": front.headlines,
            "blocks": front.blocks,
            "article_links": front.article_links,
        },
    )
    entries = sum(len(b.entries) for b in front.blocks)
    log.info(
        "%s %s: %d headlines, %d sidebar blocks (%d entries), %d article links",
        day, outlet.name, len(front.headlines), len(front.blocks), entries, len(front.article_links),
    )
    return {
        "outlet": outlet.name,
        "run_date": day.isoformat(),
        "ok": True,
        "headlines": len(front.headlines),
        "blocks": len(front.blocks),
        "links": len(front.article_links),
    }


def fetch_articles(outlet_name: str, run_date: str | date, settings: Settings | None = None) -> dict[str, Any]:
    """Fetch the front page's article links, at most the outlet's max_articles."""
    settings = settings or get_settings()
    day = parse_run_date(run_date)
    outlet = _outlet(outlet_name, settings)
    stage = stage_dir(settings, day, outlet.name)
    front = _read_json(stage / "frontpage.json") if (stage / "frontpage.json").exists() else None
    if front is None:
        raise PipelineError(f"{outlet.name} {day}: no front page extracted; run extract_front_page first")
    links = front["article_links"][: outlet.max_articles]
    outcomes: dict[str, int] = {}
    with _fetcher(outlet, day, settings) as fetcher:
        for i, url in enumerate(links, 1):
            res = fetcher.fetch(url, kind="article")
            outcomes[res.outcome] = outcomes.get(res.outcome, 0) + 1
            if i % 10 == 0:
                log.info("%s %s: fetched %d/%d articles", day, outlet.name, i, len(links))
        rows = [r.fetch_row(day, outlet.name) for r in fetcher.results]
    _append_jsonl(stage / "fetches.jsonl", rows)
    _write_json(stage / "article_fetch.json", {"links": links})
    log.info("%s %s: %d article fetches: %s", day, outlet.name, len(links), outcomes)
    return {"outlet": outlet.name, "run_date": day.isoformat(), "requested": len(links), "outcomes": outcomes}


def article_row(article: Any, outlet: str, day: date, fetched_at: datetime | None) -> dict[str, Any]:
    from media_monitor.extract.urls import article_id

    body = article.body or ""
    return {
        "run_date": day.isoformat(),
        "outlet": outlet,
        "article_id": article_id(article.canonical_url),
        "url": article.url,
        "canonical_url": article.canonical_url,
        "title": article.title,
        "authors": list(article.authors),
        "published_at": article.published_at,
        "language": article.language,
        "body": body,
        "word_count": len(body.split()),
        "views": article.views,
        "comments": article.comments,
        "image_credit": article.image_credit,
        "story_id": None,
        "fetched_at": fetched_at,
    }


def extract_articles(outlet_name: str, run_date: str | date, settings: Settings | None = None) -> dict[str, Any]:
    """Extract article fields from the archived article pages."""
    from media_monitor.extract.article import extract_article

    settings = settings or get_settings()
    day = parse_run_date(run_date)
    outlet = _outlet(outlet_name, settings)
    stage = stage_dir(settings, day, outlet.name)
    if not (stage / "article_fetch.json").exists():
        raise PipelineError(f"{outlet.name} {day}: no article fetch staged; run fetch_articles first")
    links = _read_json(stage / "article_fetch.json")["links"]
    warc = warc_path(settings, day, outlet.name)
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    failures = 0
    for url in links:
        page = _archived_html(warc, url)
        if page is None:
            continue  # the fetch outcome is already recorded in `fetches`
        html, final_url, fetched_at = page
        try:
            article = extract_article(html, final_url, outlet, fetched_at=fetched_at)
        except Exception:  # one odd page must not lose the outlet's other articles
            failures += 1
            log.exception("%s %s: extraction failed for %s", day, outlet.name, url)
            continue
        row = article_row(article, outlet.name, day, fetched_at)
        if row["article_id"] in seen:
            continue  # two links to the same canonical article
        seen.add(row["article_id"])
        rows.append(row)
    path = stage / "articles.jsonl"
    path.unlink(missing_ok=True)
    _append_jsonl(path, rows)
    log.info("%s %s: %d articles extracted (%d failures)", day, outlet.name, len(rows), failures)
    return {"outlet": outlet.name, "run_date": day.isoformat(), "articles": len(rows), "failures": failures}


# ---------------------------------------------------------------- rows for the tables

def staged_tables(settings: Settings, day: date, outlet: str) -> dict[str, list[dict[str, Any]]]:
    """The outlet's extracted rows, shaped as the DuckDB tables."""
    stage = stage_dir(settings, day, outlet)
    tables: dict[str, list[dict[str, Any]]] = {"headlines": [], "sidebar_entries": [], "articles": [], "fetches": []}
    tables["fetches"] = _numbered_fetches(_read_jsonl(stage / "fetches.jsonl"))
    front_path = stage / "frontpage.json"
    if front_path.exists():
        front = _read_json(front_path)
        fetched_at = front.get("fetched_at")
        seen_urls: set[str] = set()
        for h in front["headlines"]:
            if h["url"] in seen_urls:
                continue  # (outlet, url) is unique per run: the best-ranked link wins
            seen_urls.add(h["url"])
            tables["headlines"].append(
                {"run_date": day.isoformat(), "outlet": outlet, "fetched_at": fetched_at, **h}
            )
        seen_blocks: set[str] = set()
        for block in front["blocks"]:
            name = block["name"]
            if name in seen_blocks:
                continue
            seen_blocks.add(name)
            for e in block["entries"]:
                tables["sidebar_entries"].append(
                    {
                        "run_date": day.isoformat(),
                        "outlet": outlet,
                        "block": name,
                        "block_kind": block["kind"],
                        "rank": e["rank"],
                        "title": e["title"],
                        "url": e["url"],
                        "time_text": e["time_text"],
                        "shown_at": e["shown_at"],
                        "count": e["count"],
                        "fetched_at": fetched_at,
                    }
                )
    tables["articles"] = _read_jsonl(stage / "articles.jsonl")
    return tables


def _numbered_fetches(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give a URL fetched twice in one run (front page, then again as an article) distinct attempt
    numbers, so every attempt keeps its own row under the (run_date, outlet, url, attempt) key."""
    used: dict[str, int] = {}
    out = []
    for row in rows:
        last = used.get(row["url"], 0)
        attempt = max(int(row.get("attempt") or 1), last + 1)
        used[row["url"]] = attempt
        out.append({**row, "attempt": attempt})
    return out


@dataclass
class OutletOutcome:
    outlet: str
    status: str  # ok | degraded | failed
    message: str = ""
    counts: dict[str, int] = field(default_factory=dict)


def front_page_status(settings: Settings, day: date, outlet: str) -> tuple[str, str]:
    """ok, or failed with the reason, from the staged front-page fetch and extraction."""
    stage = stage_dir(settings, day, outlet)
    if not (stage / "front_fetch.json").exists():
        return "failed", "front page was not fetched (the fetch task failed or did not run)"
    fetched = _read_json(stage / "front_fetch.json")
    if fetched["outcome"] not in ("ok", "not_modified"):
        return "failed", f"front page fetch: {fetched['outcome']} ({fetched.get('error') or fetched.get('status')})"
    if not (stage / "frontpage.json").exists():
        return "failed", "front page was fetched but not extracted (the extract task failed)"
    if not (stage / "articles.jsonl").exists():
        return "failed", "articles were not extracted (an article task failed)"
    return "ok", ""


def _validate_rows(
    day: date, staged: list[tuple[Outlet, dict[str, list[dict[str, Any]]]]]
) -> tuple[dict[str, dict[str, Any] | Exception], float, float]:
    """The GX row checks of the staged outlets: jointly, or outlet by outlet if that fails.

    Returns (result or exception per outlet, CPU s of the GX import, CPU s of the validation).
    """
    from media_monitor import quality

    started = time.thread_time()
    if staged:
        try:
            quality._gx()  # the import and the ephemeral context, once per process
        except Exception:  # noqa: BLE001 - validate_outlets meets it again and each outlet records it
            log.exception("%s: Great Expectations could not start", day)
    import_s = time.thread_time() - started
    started = time.thread_time()
    results: dict[str, dict[str, Any] | Exception] = {}
    try:
        results.update(quality.validate_outlets(day, staged))
    except Exception:
        log.warning("%s: joint validation failed; validating outlet by outlet", day, exc_info=True)
        for outlet, tables in staged:
            try:
                results[outlet.name] = quality.validate_outlet(outlet, day, tables)
            except Exception as exc:  # noqa: BLE001 - recorded as the outlet's failure
                log.exception("%s %s: validation failed", day, outlet.name)
                results[outlet.name] = exc
    return results, import_s, time.thread_time() - started


def validate_day(run_date: str | date, settings: Settings | None = None) -> dict[str, Any]:
    """Validate every staged outlet of the day with Great Expectations.

    One GX import, one context, and one validation per table for all the outlets together
    (GX's cost is per expectation, not per row). Should that joint validation fail, each
    outlet is validated alone, so one outlet's bad rows cannot stop the others.
    """
    from media_monitor import health

    settings = settings or get_settings()
    day = parse_run_date(run_date)
    outlets = load_registry(settings.registry_path)
    health_policy = health.load_health_policy()
    summary: dict[str, Any] = {}
    staged: list[tuple[Outlet, dict[str, list[dict[str, Any]]]]] = []
    for outlet in outlets:
        stage = stage_dir(settings, day, outlet.name)
        if not stage.exists():
            continue
        try:
            staged.append((outlet, staged_tables(settings, day, outlet.name)))
        except Exception as exc:  # a broken outlet must not stop the others
            log.exception("%s %s: validation failed", day, outlet.name)
            _write_json(stage / "validated.json", {"error": f"validation failed: {exc}"})
            summary[outlet.name] = {"error": str(exc)}
    results, gx_import_s, gx_validation_s = _validate_rows(day, staged)
    validated: dict[str, dict[str, Any]] = {}
    bands: list[tuple[str, list[Any]]] = []
    for outlet, tables in staged:
        stage = stage_dir(settings, day, outlet.name)
        result = results[outlet.name]
        if isinstance(result, Exception):
            _write_json(stage / "validated.json", {"error": f"validation failed: {result}"})
            summary[outlet.name] = {"error": str(result)}
            continue
        result["parser_health"] = []
        if front_page_status(settings, day, outlet.name)[0] == "ok":
            # Parser health judges the extraction, so only days whose front page arrived.
            try:
                hr = health.evaluate_outlet(settings.duckdb_path, outlet, day, tables, health_policy, gx_mirror=False)
            except Exception:  # noqa: BLE001 - e.g. the database held by a writer: no verdict today
                log.warning("%s %s: parser health not judged", day, outlet.name, exc_info=True)
            else:
                result["parser_health"] = hr.rows
                bands.append((outlet.name, hr.verdicts))
                if hr.status == "degraded" and result.get("status") != "degraded":
                    result["status"], result["message"] = "degraded", hr.message
                elif hr.status == "degraded":
                    result["message"] = "; ".join(m for m in (result.get("message"), hr.message) if m)
        validated[outlet.name] = result
    if bands and health_policy.record_in_dq_results:
        # The bands of every outlet as one GX validation, into dq_results next to the row checks.
        started = time.thread_time()
        try:
            for name, rows in health.gx_band_results_many(day, bands).items():
                validated[name]["dq_results"].extend(rows)
        except Exception:  # noqa: BLE001 - the verdicts stand (parser_health); only their GX mirror is missing
            log.warning("%s: parser-health bands not recorded in dq_results", day, exc_info=True)
        gx_validation_s += time.thread_time() - started
    # Main-thread CPU spent in GX; bench/gx_share_airflow.py reads this line from Airflow runs.
    log.info("%s: %d outlet(s) validated; GX CPU s: import %.3f, validation %.3f",
             day, len(staged), gx_import_s, gx_validation_s)
    for name, result in validated.items():
        _write_json(stage_dir(settings, day, name) / "validated.json", result)
        summary[name] = {
            "quarantined": len(result["quarantine"]),
            "failed_expectations": sum(1 for r in result["dq_results"] if not r["success"]),
        }
        log.info("%s %s: validated: %s", day, name, summary[name])
    return summary


def load_day(run_date: str | date, settings: Settings | None = None) -> dict[str, Any]:
    """Load every staged outlet of the day into DuckDB, replacing the date's rows per outlet,
    then link the day's near-duplicate articles into stories (``articles.story_id``)."""
    from media_monitor import neardup, store

    settings = settings or get_settings()
    day = parse_run_date(run_date)
    outlets = load_registry(settings.registry_path)
    results: dict[str, Any] = {}
    with store.writer(settings.duckdb_path) as con:
        store.upsert_outlets(con, outlets, day)
        for outlet in outlets:
            stage = stage_dir(settings, day, outlet.name)
            if not stage.exists():
                continue
            status, message = front_page_status(settings, day, outlet.name)
            has_fetch_log = (stage / "fetches.jsonl").exists()
            validated_path = stage / "validated.json"
            validated = _read_json(validated_path) if validated_path.exists() else None
            if validated is None or "error" in validated:
                tables = {"fetches": staged_tables(settings, day, outlet.name)["fetches"]}
                status = "failed"
                message = (validated or {}).get("error") or message or "not validated (the validate task failed)"
                tables.update({"headlines": [], "sidebar_entries": [], "articles": [], "dq_results": [], "quarantine": [],
                               "parser_health": []})
            else:
                tables = {k: validated[k] for k in ("headlines", "sidebar_entries", "articles", "fetches", "dq_results", "quarantine")}
                tables["parser_health"] = validated.get("parser_health", [])
                if status == "ok" and validated.get("status") == "degraded":
                    status, message = "degraded", validated.get("message", "")
            run_row = {
                "run_date": day.isoformat(),
                "outlet": outlet.name,
                "status": status,
                "headlines": len(tables["headlines"]),
                "sidebar_entries": len(tables["sidebar_entries"]),
                "articles": len(tables["articles"]),
                "quarantined": len(tables["quarantine"]),
                "message": message,
                "loaded_at": datetime.now(UTC),
            }
            if not has_fetch_log:
                tables.pop("fetches")  # a replay without the staged fetch log keeps the recorded fetches
            counts = store.replace_outlet_day(con, day, outlet.name, {**tables, "outlet_runs": [run_row]})
            results[outlet.name] = {"status": status, "message": message, **counts}
            log.info("%s %s: loaded (%s) %s", day, outlet.name, status, counts)
        stories = store.in_transaction(con, lambda: neardup.assign_story_ids(con, day))
    return {"run_date": day.isoformat(), "outlets": results, "near_duplicates": stories}


def check_outlets(load_summary: dict[str, Any]) -> list[str]:
    """Problems worth a failed (visible) task: outlets that failed or degraded this run."""
    problems = []
    for name, res in load_summary.get("outlets", {}).items():
        if res["status"] != "ok":
            problems.append(f"{name}: {res['status']}: {res['message']}")
    return problems


def _recorded_fetches(settings: Settings, day: date, outlet: str) -> list[dict[str, Any]] | None:
    """The outlet-day's fetch rows as loaded in DuckDB (None: no database or no rows)."""
    from media_monitor import store

    if not settings.duckdb_path.exists():
        return None
    con = store.connect(settings.duckdb_path, read_only=True)
    try:
        cur = con.execute(
            "SELECT * FROM fetches WHERE run_date = ? AND outlet = ? ORDER BY url, attempt", [day.isoformat(), outlet]
        )
        names = [d[0] for d in cur.description]
        rows = [to_jsonable(dict(zip(names, r, strict=True))) for r in cur.fetchall()]
    finally:
        con.close()
    return rows or None


def reprocess_day(run_date: str | date, settings: Settings | None = None) -> dict[str, Any]:
    """Re-extract and reload a date from the WARC archive alone: no network access.

    The front-page outcome is read back from the archive; the article links are those
    the front page yields again, capped as in the original run. Fetch rows are kept as
    they were recorded (staged ``fetches.jsonl``, else the rows already in DuckDB).
    """
    from media_monitor.archive import latest_responses

    settings = settings or get_settings()
    day = parse_run_date(run_date)
    done = []
    for outlet in load_registry(settings.registry_path):
        warc = warc_path(settings, day, outlet.name)
        if not warc.exists():
            continue
        stage = stage_dir(settings, day, outlet.name)
        fetch_log = stage / "fetches.jsonl"
        kept = fetch_log.read_bytes() if fetch_log.exists() else None
        if stage.exists():
            shutil.rmtree(stage)
        stage.mkdir(parents=True)
        if kept is not None:
            fetch_log.write_bytes(kept)
        else:
            # No staged log (staging was cleaned): the recorded rows come back from DuckDB, so
            # they are validated and reloaded like the original run's, not silently skipped.
            recorded = _recorded_fetches(settings, day, outlet.name)
            if recorded is not None:
                _append_jsonl(fetch_log, recorded)
        front_url = outlet.front_url(day)
        rec = latest_responses(warc).get(front_url)
        _write_json(
            stage / "front_fetch.json",
            {
                "outlet": outlet.name,
                "run_date": day.isoformat(),
                "front_url": front_url,
                "final_url": rec.final_url if rec else front_url,
                "outcome": "ok" if rec is not None and rec.ok else "http_error",
                "status": rec.status if rec else None,
                "error": None if rec is not None and rec.ok else "no usable front page in the archive",
                "fetched_at": rec.fetched_at if rec else None,
                "replayed_from": str(warc),
            },
        )
        try:
            extract_front_page(outlet.name, day, settings)
            front = _read_json(stage / "frontpage.json")
            _write_json(stage / "article_fetch.json", {"links": front["article_links"][: outlet.max_articles]})
            extract_articles(outlet.name, day, settings)
        except Exception:  # as in the daily run: one outlet failing does not stop the others
            log.exception("%s %s: reprocessing failed", day, outlet.name)
        done.append(outlet.name)
    if not done:
        raise PipelineError(f"no WARC archive for {day} under {settings.raw_dir}: nothing to reprocess")
    validate_day(day, settings)
    summary = load_day(day, settings)
    build_quality_docs(day, settings)
    return summary


def build_quality_docs(run_date: str | date, settings: Settings | None = None) -> str:
    """Write the date's Data Docs page (what the checks found) from DuckDB; returns its path."""
    from media_monitor.datadocs import build_data_docs

    settings = settings or get_settings()
    return str(build_data_docs(parse_run_date(run_date), settings.duckdb_path, settings.quality_dir))


def run_outlet(outlet_name: str, run_date: date, settings: Settings) -> None:
    fetch_front_page(outlet_name, run_date, settings)
    extract_front_page(outlet_name, run_date, settings)
    fetch_articles(outlet_name, run_date, settings)
    extract_articles(outlet_name, run_date, settings)


def run_day(run_date: str | date, settings: Settings | None = None) -> dict[str, Any]:
    """The whole daily pipeline in-process: the same steps the daily DAG runs."""
    settings = settings or get_settings()
    day = parse_run_date(run_date)
    for name in list_outlet_names(settings):
        try:
            run_outlet(name, day, settings)
        except Exception:  # as in Airflow: one outlet failing does not stop the others
            log.exception("%s %s: outlet failed", day, name)
    validate_day(day, settings)
    summary = load_day(day, settings)
    build_quality_docs(day, settings)
    return summary
