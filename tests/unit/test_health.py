"""Parser health: metrics of an outlet-day, bands from its own history, drift verdicts."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import numpy as np
import pytest

from media_monitor import health
from media_monitor.demo_content import DEMO_DAYS, DEMO_OUTLETS, frontpage_plan
from media_monitor.registry import parse_registry

DAY = date(2026, 11, 12)
OUTLET = parse_registry(
    {"version": 1, "outlets": [{"name": "o", "url": "https://news.example.org/", "languages": ["en", "ru"]}]}
)[0]
NO_GX = health.HealthPolicy(record_in_dq_results=False)


def _headline(i: int, title: str | None = None) -> dict:
    return {"url": f"https://news.example.org/a/{i}", "rank": i, "title": f"Headline number {i}" if title is None else title}


def _article(i: int, **kw) -> dict:
    row = {"article_id": f"id{i}", "title": f"Article number {i}", "language": "en", "word_count": 300,
           "published_at": "2026-11-12T08:00:00+00:00"}
    row.update(kw)
    return row


# ---------------------------------------------------------------- metrics

def test_metrics_on_synthetic_rows():
    tables = {
        "headlines": [_headline(1), _headline(2), _headline(3, ""), _headline(4, " ab "), _headline(5), _headline(6)],
        "sidebar_entries": [{"rank": r, "title": f"Entry {r}"} for r in range(1, 8)],
        "articles": [
            _article(1, word_count=100),
            _article(2, word_count=200, published_at=None),
            _article(3, word_count=300, language="en-GB", title=None),
            _article(4, word_count=400, language="de", published_at=""),
            _article(5, word_count=None, body="only five words in here", language=None),
        ],
    }
    m = health.health_metrics(tables, ["en"], min_rows=1)
    assert m["headline_count"] == 6
    assert m["sidebar_entry_count"] == 7
    assert m["article_count"] == 5
    assert m["empty_title_rate"] == pytest.approx(3 / 11)  # "", " ab " and None, of 6 headlines + 5 articles
    assert m["missing_date_rate"] == pytest.approx(2 / 5)  # None and ""
    assert m["median_body_words"] == 200  # 100, 200, 300, 400 and 5 words counted from the body
    assert m["language_mismatch_rate"] == pytest.approx(1 / 4)  # "de"; "en-GB" is English; None not judged


def test_metrics_too_few_rows_are_not_measured():
    tables = {"headlines": [_headline(1)], "articles": [_article(1), _article(2, published_at=None)]}
    m = health.health_metrics(tables, ["en"], min_rows=5)
    assert m["headline_count"] == 1 and m["article_count"] == 2  # counts are always measured
    assert m["missing_date_rate"] is None and m["median_body_words"] is None
    assert m["empty_title_rate"] is None and m["language_mismatch_rate"] is None


def test_metrics_of_an_empty_day():
    m = health.health_metrics({}, ["en"])
    assert m["headline_count"] == 0 and m["sidebar_entry_count"] == 0 and m["article_count"] == 0
    assert m["missing_date_rate"] is None


# ---------------------------------------------------------------- bands

# Ten days of a realistic outlet: counts and rates wobble from day to day.
NOISY_HISTORY = [
    {"headline_count": h, "sidebar_entry_count": s, "article_count": a, "empty_title_rate": e,
     "missing_date_rate": md, "median_body_words": w, "language_mismatch_rate": lm}
    for h, s, a, e, md, w, lm in zip(
        [38, 44, 41, 35, 47, 40, 43, 39, 36, 45],
        [10, 9, 10, 8, 10, 10, 12, 10, 9, 10],
        [12, 12, 11, 12, 12, 10, 12, 12, 12, 11],
        [0.0, 0.02, 0.0, 0.04, 0.0, 0.0, 0.02, 0.0, 0.0, 0.03],
        [0.0, 0.08, 0.0, 0.10, 0.0, 0.08, 0.0, 0.0, 0.09, 0.0],
        [310, 295, 342, 280, 305, 330, 298, 315, 289, 322],
        [0.0, 0.0, 0.0, 0.0, 0.08, 0.0, 0.0, 0.0, 0.0, 0.0],
        strict=True,
    )
]
NORMAL_TODAY = {"headline_count": 33, "sidebar_entry_count": 8, "article_count": 10, "empty_title_rate": 0.05,
                "missing_date_rate": 0.12, "median_body_words": 262, "language_mismatch_rate": 0.1}


def test_normal_day_does_not_alert():
    assert health.assess(NORMAL_TODAY, NOISY_HISTORY) == []
    for hl in (30, 36, 41, 49, 55):
        assert health.assess({**NORMAL_TODAY, "headline_count": hl}, NOISY_HISTORY) == [], hl


def test_zero_headlines_alerts():
    drifts = health.assess({**NORMAL_TODAY, "headline_count": 0}, NOISY_HISTORY)
    assert [d.metric for d in drifts] == ["headline_count"]
    d = drifts[0]
    assert d.value == 0 and d.severity == "degrade" and d.baseline == 40.5
    assert 0 < d.low < 33 and d.high > 49
    assert "headline_count 0 outside" in d.message and "10 prior days" in d.message


def test_a_jump_in_missing_dates_alerts_a_fall_does_not():
    drifts = health.assess({**NORMAL_TODAY, "missing_date_rate": 0.6}, NOISY_HISTORY)
    assert [d.metric for d in drifts] == ["missing_date_rate"]
    assert drifts[0].low is None and drifts[0].high < 0.6  # rates alert upwards only
    assert health.assess({**NORMAL_TODAY, "missing_date_rate": 0.0}, NOISY_HISTORY) == []


def test_headline_count_doubling_alerts_and_body_collapse_alerts():
    assert [d.metric for d in health.assess({**NORMAL_TODAY, "headline_count": 95}, NOISY_HISTORY)] == ["headline_count"]
    assert [d.metric for d in health.assess({**NORMAL_TODAY, "median_body_words": 40}, NOISY_HISTORY)] == [
        "median_body_words"
    ]


def test_language_mismatch_only_warns():
    drifts = health.assess({**NORMAL_TODAY, "language_mismatch_rate": 0.9}, NOISY_HISTORY)
    assert [(d.metric, d.severity) for d in drifts] == [("language_mismatch_rate", "warn")]


def test_insufficient_history_gives_no_verdict():
    two_days = NOISY_HISTORY[:2]
    empty_day = {**NORMAL_TODAY, "headline_count": 0, "missing_date_rate": 1.0}
    assert health.assess(empty_day, two_days) == []
    verdicts = health.judge(empty_day, two_days)
    assert {v.status for v in verdicts} == {"insufficient_history"}
    assert all(v.low is None and v.high is None and v.history_days == 2 for v in verdicts)
    assert health.assess(empty_day, NOISY_HISTORY[:3]) != []  # three days suffice


def test_zero_counts_are_a_break_only_when_never_seen_before():
    small = [{"sidebar_entry_count": v} for v in (2, 1, 2, 3, 2)]
    assert [d.metric for d in health.assess({"sidebar_entry_count": 0}, small)] == ["sidebar_entry_count"]
    assert health.assess({"sidebar_entry_count": 1}, small) == []
    with_gaps = [{"sidebar_entry_count": v} for v in (2, 0, 2, 3, 2)]
    assert health.assess({"sidebar_entry_count": 0}, with_gaps) == []


def test_demo_outlets_natural_variation_never_alerts():
    """The demo web's own front pages (8-15 headlines a day) are within their bands every day."""
    for outlet in DEMO_OUTLETS:
        past: list[dict] = []
        for day in DEMO_DAYS:
            plan = frontpage_plan(outlet, day)
            today = {"headline_count": len(plan.headlines),
                     "sidebar_entry_count": sum(len(b.entries) for b in plan.blocks)}
            assert health.assess(today, past) == [], (outlet, day, today, past)
            assert [d.metric for d in health.assess({**today, "headline_count": 0}, past)] == (
                ["headline_count"] if len(past) >= 3 else []
            )
            past.append(today)


def test_false_alarm_rate_on_poisson_counts_is_low():
    rng = np.random.default_rng(20261102)
    for lam in (8, 12, 40):
        counts = rng.poisson(lam, 2000).tolist()
        alarms = 0
        for i in range(14, len(counts)):
            past = [{"headline_count": c} for c in counts[i - 14:i]]
            alarms += bool(health.assess({"headline_count": counts[i]}, past))
            assert health.assess({"headline_count": 0}, past), (lam, i)  # a break is always caught
        assert alarms / (len(counts) - 14) < 0.01, (lam, alarms)


# ---------------------------------------------------------------- history and evaluate_outlet

def _db() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    health.ensure_schema(con)
    return con


def _store(con, rows: list[dict]) -> None:
    cols = health.PARSER_HEALTH_COLUMNS
    con.executemany(
        f"INSERT INTO parser_health ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",  # noqa: S608
        [[r[c] for c in cols] for r in rows],
    )


def _row(day: date, metric: str, value: float, status: str = "ok", outlet: str = "o") -> dict:
    return {"run_date": day.isoformat(), "outlet": outlet, "metric": metric, "value": value, "baseline": None,
            "low": None, "high": None, "history_days": 0, "severity": "degrade", "status": status}


def test_history_reads_prior_days_of_the_outlet_only():
    con = _db()
    rows = [_row(DAY - timedelta(days=i), "headline_count", 10 + i) for i in range(1, 21)]
    rows += [_row(DAY, "headline_count", 99), _row(DAY + timedelta(days=1), "headline_count", 98),
             _row(DAY - timedelta(days=1), "headline_count", 97, outlet="other"),
             _row(DAY - timedelta(days=2), "median_body_words", 300)]
    rows[2]["status"] = "drift"  # DAY - 3: a drifted value is not learned from
    _store(con, rows)
    past = health.history(con, "o", DAY, days=14)
    counts = [d["headline_count"] for d in past if "headline_count" in d]
    assert counts == [float(10 + i) for i in range(15, 3, -1)] + [12.0, 11.0]  # 14 latest, oldest first, no 13
    assert [d["run_date"] for d in past] == sorted(d["run_date"] for d in past)
    assert [d for d in past if "median_body_words" in d] == [
        {"run_date": DAY - timedelta(days=2), "headline_count": 12.0, "median_body_words": 300.0}
    ]
    with_drift = health.history(con, "o", DAY, days=14, exclude_drift=False)
    assert 13.0 in [d.get("headline_count") for d in with_drift]
    since = health.history(con, "o", DAY, days=14, since=DAY - timedelta(days=2))
    assert [d["run_date"] for d in since] == [DAY - timedelta(days=2), DAY - timedelta(days=1)]


def test_history_of_a_database_without_the_table_is_empty():
    assert health.history(duckdb.connect(), "o", DAY) == []


def _day_tables(n_headlines: int, n_articles: int = 8) -> dict[str, list[dict]]:
    return {
        "headlines": [_headline(i) for i in range(1, n_headlines + 1)],
        "sidebar_entries": [{"rank": r, "title": f"Entry {r}"} for r in range(1, 7)] if n_headlines else [],
        "articles": [_article(i, word_count=250 + 10 * i) for i in range(1, n_articles + 1)],
    }


def test_evaluate_outlet_over_days(tmp_path):
    con = _db()
    statuses = []
    for i, n in enumerate([9, 11, 10, 12, 10]):
        res = health.evaluate_outlet(con, OUTLET, DAY + timedelta(days=i), _day_tables(n), NO_GX)
        _store(con, res.rows)
        statuses.append(res.status)
        assert res.drifts == [] and res.message == ""
    assert statuses == ["insufficient_history"] * 3 + ["ok"] * 2
    broken = health.evaluate_outlet(con, OUTLET, DAY + timedelta(days=5), _day_tables(0, 0), NO_GX)
    assert broken.status == "degraded"
    assert {d.metric for d in broken.drifts} == {"headline_count", "sidebar_entry_count", "article_count"}
    assert broken.message.startswith("parser health: ") and "headline_count 0 outside" in broken.message
    by_metric = {r["metric"]: r for r in broken.rows}
    assert set(by_metric) == set(health.METRIC_NAMES)
    assert by_metric["headline_count"]["status"] == "drift" and by_metric["headline_count"]["history_days"] == 5
    assert by_metric["median_body_words"]["status"] == "no_value" and by_metric["median_body_words"]["value"] is None
    assert all(r["run_date"] == (DAY + timedelta(days=5)).isoformat() and r["outlet"] == "o" for r in broken.rows)
    assert broken.dq_results == []  # GX mirror off in this policy


def test_evaluate_outlet_with_a_missing_database_path(tmp_path):
    res = health.evaluate_outlet(tmp_path / "none.duckdb", OUTLET, DAY, _day_tables(0, 0), NO_GX)
    assert res.status == "insufficient_history" and res.drifts == []


def test_evaluate_outlet_records_the_bands_in_gx(tmp_path):
    db = tmp_path / "h.duckdb"
    con = duckdb.connect(str(db))
    health.ensure_schema(con)
    for i, n in enumerate([9, 11, 10, 12]):
        _store(con, health.evaluate_outlet(con, OUTLET, DAY + timedelta(days=i), _day_tables(n), NO_GX).rows)
    con.close()
    res = health.evaluate_outlet(db, OUTLET, DAY + timedelta(days=4), _day_tables(0), health.HealthPolicy())
    gx_rows = {r["column_name"]: r for r in res.dq_results}
    assert gx_rows["headline_count"]["success"] is False
    assert gx_rows["headline_count"]["suite"] == "parser_health"
    assert gx_rows["headline_count"]["expectation"] == "parser_health.headline_count"
    assert gx_rows["headline_count"]["unexpected_count"] == 1
    assert gx_rows["median_body_words"]["success"] is True
    # GX and the band agree on every judged metric.
    verdict = {r["metric"]: r["status"] for r in res.rows}
    assert {m: r["success"] for m, r in gx_rows.items()} == {m: verdict[m] == "ok" for m in gx_rows}


# ---------------------------------------------------------------- policy

def test_shipped_policy_parses_to_the_defaults():
    assert health.load_health_policy() == health.HealthPolicy()


def test_policy_overrides_and_errors():
    p = health.parse_health_policy({"min_history_days": 5, "metrics": {"sidebar_entry_count": "off",
                                                                       "headline_count": {"rel_floor": 0.2}},
                                    "reset": {"o": "2026-11-10"}})
    assert p.min_history_days == 5 and p.reset == {"o": date(2026, 11, 10)}
    assert p.metric("headline_count").rel_floor == 0.2 and p.metric("headline_count").abs_floor == 3
    assert "sidebar_entry_count" not in {v.metric for v in health.judge({"sidebar_entry_count": 0}, NOISY_HISTORY, p)}
    for bad in ({"window": 3}, {"min_history_days": 0}, {"metrics": {"nope": "off"}},
                {"metrics": {"headline_count": {"severity": "block"}}}, {"reset": {"o": "yesterday"}},
                {"metrics": {"headline_count": {"k_mad": -1}}}):
        with pytest.raises(health.HealthPolicyError):
            health.parse_health_policy(bad)


def test_gx_bands_of_several_outlets_in_one_validation():
    def v(metric, value, low, high, status):
        return health.Verdict(metric, value, None, low, high, 5, "degrade", status)

    got = health.gx_band_results_many(DAY, [
        ("a", [v("headline_count", 0.0, 6.0, 18.0, "drift"), v("article_count", 10.0, 5.0, None, "ok"),
               v("sidebar_entry_count", 3.0, None, None, "insufficient_history")]),
        ("b", [v("headline_count", 20.0, None, 15.0, "drift"), v("article_count", 5.0, 5.0, 5.0, "ok")]),
    ])
    assert {o: {r["column_name"]: r["success"] for r in rows} for o, rows in got.items()} == {
        "a": {"headline_count": False, "article_count": True},  # unjudged metrics are not mirrored
        "b": {"headline_count": False, "article_count": True},  # bounds are inclusive
    }
    assert [r["unexpected_count"] for r in got["a"]] == [1, 0]
    assert all(r["suite"] == "parser_health" and r["run_date"] == DAY.isoformat() for rows in got.values() for r in rows)
