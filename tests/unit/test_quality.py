"""Great Expectations suites: failing rows are quarantined with the check named; results recorded."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from media_monitor import quality
from media_monitor.registry import parse_registry

OUTLET = parse_registry(
    {"version": 1, "outlets": [{"name": "o", "url": "https://news.example.org/", "languages": ["en", "ru"]}]}
)[0]
DAY = date(2026, 11, 3)
NOW = datetime(2026, 11, 4, 12, tzinfo=UTC)
BASE = {"run_date": "2026-11-03", "outlet": "o"}
BODY_WORDS = 120


def article(i: int, **kw) -> dict:
    row = {**BASE, "article_id": f"id{i}", "url": f"https://news.example.org/a/{i}", "canonical_url": f"https://news.example.org/a/{i}",
           "title": f"Article number {i}", "language": "en", "word_count": BODY_WORDS, "views": 10,
           "published_at": "2026-11-03T10:00:00+00:00"}
    row.update(kw)
    return row


@pytest.fixture(scope="module")
def result() -> dict:
    tables = {
        "headlines": [
            {**BASE, "url": "https://news.example.org/a/1", "rank": 1, "title": "A fine headline"},
            {**BASE, "url": "https://elsewhere.example.com/x", "rank": 2, "title": "Offsite headline here"},
            {**BASE, "url": "https://news.example.org/login", "rank": 3, "title": "Log in"},
            {**BASE, "url": "https://news.example.org/a/1", "rank": 4, "title": "A fine headline again"},
        ],
        "sidebar_entries": [
            {**BASE, "block": "Most read", "rank": 1, "title": "Entry one here", "url": "https://news.example.org/a/1", "count": 5},
            {**BASE, "block": "Most read", "rank": 2, "title": "Entry two here", "url": None, "count": -3},
        ],
        "articles": [
            article(1),
            article(2, published_at="2031-01-01T00:00:00+00:00"),
            article(3, published_at="1985-01-01T00:00:00+00:00"),
            article(4, word_count=7, title="Please verify you are human"),
            article(5, language="de"),
        ],
        "fetches": [{**BASE, "url": "https://news.example.org/", "kind": "front", "attempt": 1, "outcome": "ok", "bytes": 10}],
    }
    return quality.validate_outlet(OUTLET, DAY, tables, now=NOW)


def failed(res: dict, table: str) -> dict[str, list[str]]:
    return {q["row_key"]: q["failed_expectations"] for q in res["quarantine"] if q["table_name"] == table}


def test_headlines_quarantined_by_named_checks(result):
    got = failed(result, "headlines")
    assert got == {
        "1:https://elsewhere.example.com/x": ["headlines.url_on_allowed_domain"],
        "2:https://news.example.org/login": ["headlines.title_not_boilerplate"],
        "0:https://news.example.org/a/1": ["headlines.unique_url"],
        "3:https://news.example.org/a/1": ["headlines.unique_url"],
    }
    assert result["headlines"] == []


def test_articles_future_ancient_and_walls_quarantined_language_only_warns(result):
    got = failed(result, "articles")
    assert got == {
        "1:id2": ["articles.published_in_range"],
        "2:id3": ["articles.published_in_range"],
        "3:id4": ["articles.body_min_words"],
    }
    assert [a["article_id"] for a in result["articles"]] == ["id1", "id5"]
    lang = next(r for r in result["dq_results"] if r["expectation"] == "articles.language_declared")
    assert lang["success"] is False and lang["severity"] == "warn" and lang["unexpected_count"] == 1


def test_negative_count_quarantined_and_every_check_recorded(result):
    assert failed(result, "sidebar_entries") == {"1:2": ["sidebar_entries.count_non_negative"]}
    recorded = {r["expectation"] for r in result["dq_results"]}
    assert recorded == {c.check_id for c in quality.CHECKS}
    assert all(r["run_date"] == "2026-11-03" and r["outlet"] == "o" for r in result["dq_results"])
    assert len(result["fetches"]) == 1


def test_policy_rejects_unknown_check_and_severity(tmp_path):
    p = tmp_path / "p.yaml"
    p.write_text("version: 1\nseverity:\n  articles.nope: block\n", encoding="utf-8")
    with pytest.raises(quality.PolicyError, match="articles.nope"):
        quality.load_policy(p)
    p.write_text("version: 1\nseverity:\n  articles.body_min_words: maybe\n", encoding="utf-8")
    with pytest.raises(quality.PolicyError, match="maybe"):
        quality.load_policy(p)
    assert quality.load_policy().of("articles.language_declared") == "warn"


def test_one_validation_for_several_outlets_judges_each_by_its_own_rules():
    """All outlets of a day go through one GX validation per table; the verdicts must be
    exactly those of validating each outlet alone (domains and languages are per outlet)."""
    other = parse_registry(
        {"version": 1, "outlets": [{"name": "p", "url": "https://paper.example.net/", "languages": ["de"]}]}
    )[0]
    base_p = {"run_date": "2026-11-03", "outlet": "p"}
    tables_o = {
        "headlines": [
            {**BASE, "url": "https://news.example.org/a/1", "rank": 1, "title": "A fine headline"},
            # on p's domain: fine for p, off-site for o
            {**BASE, "url": "https://paper.example.net/x", "rank": 2, "title": "Borrowed headline"},
        ],
        "articles": [article(1), article(2, language="de")],
        "fetches": [{**BASE, "url": "https://news.example.org/", "kind": "front", "attempt": 1, "outcome": "ok", "bytes": 10}],
    }
    tables_p = {
        "headlines": [
            {**base_p, "url": "https://paper.example.net/x", "rank": 1, "title": "Their own headline"},
            {**base_p, "url": "https://news.example.org/a/1", "rank": 2, "title": "Someone else's story"},
            {**base_p, "url": "https://paper.example.net/y", "rank": 3, "title": "Subscribe"},
        ],
        "sidebar_entries": [{**base_p, "block": "Meistgelesen", "rank": 1, "title": "Ein Eintrag", "count": -1,
                             "url": "https://paper.example.net/z"}],
        "articles": [
            {**article(7, language="de"), **base_p, "url": "https://paper.example.net/a/7"},
            {**article(8, language="en"), **base_p, "url": "https://paper.example.net/a/8"},
        ],
    }
    together = quality.validate_outlets(DAY, [(OUTLET, tables_o), (other, tables_p)], now=NOW)
    alone = {"o": quality.validate_outlet(OUTLET, DAY, tables_o, now=NOW),
             "p": quality.validate_outlet(other, DAY, tables_p, now=NOW)}
    assert together == alone
    assert failed(together["o"], "headlines") == {"1:https://paper.example.net/x": ["headlines.url_on_allowed_domain"]}
    assert failed(together["p"], "headlines") == {
        "1:https://news.example.org/a/1": ["headlines.url_on_allowed_domain"],
        "2:https://paper.example.net/y": ["headlines.title_not_boilerplate"],
    }
    assert failed(together["p"], "sidebar_entries") == {"0:1": ["sidebar_entries.count_non_negative"]}
    lang = {name: next(r for r in res["dq_results"] if r["expectation"] == "articles.language_declared")
            for name, res in together.items()}
    # o declares en+ru (so "de" is unexpected), p declares de (so "en" is)
    assert (lang["o"]["unexpected_count"], lang["o"]["element_count"], lang["o"]["success"]) == (1, 2, False)
    assert (lang["p"]["unexpected_count"], lang["p"]["observed_value"]) == (1, "50.00% unexpected")
    domain_o = next(r for r in together["o"]["dq_results"] if r["expectation"] == "headlines.url_on_allowed_domain")
    assert (domain_o["unexpected_count"], domain_o["element_count"]) == (1, 2)
    empty = next(r for r in together["o"]["dq_results"] if r["expectation"] == "sidebar_entries.count_non_negative")
    assert (empty["success"], empty["unexpected_count"], empty["element_count"]) == (True, 0, 0)


def test_when_the_joint_validation_fails_each_outlet_is_validated_alone(monkeypatch):
    from media_monitor import pipeline

    other = parse_registry({"version": 1, "outlets": [{"name": "p", "url": "https://paper.example.net/", "languages": ["de"]}]})[0]

    def joint(day, staged, **kw):
        raise RuntimeError("GX fell over")

    def alone(outlet, day, tables, **kw):
        if outlet.name == "p":
            raise ValueError("p's rows are broken")
        return {"outlet": outlet.name}

    monkeypatch.setattr(quality, "validate_outlets", joint)
    monkeypatch.setattr(quality, "validate_outlet", alone)
    results, import_s, validation_s = pipeline._validate_rows(DAY, [(OUTLET, {}), (other, {})])
    assert results["o"] == {"outlet": "o"}
    assert isinstance(results["p"], ValueError) and "broken" in str(results["p"])
    assert import_s >= 0 and validation_s >= 0


def test_an_aggregators_headlines_may_link_any_host():
    hn = parse_registry({"version": 1, "outlets": [{"name": "hn", "url": "https://news.ycombinator.example/",
                                                    "languages": ["en"], "allowed_domains": ["*"]}]})[0]
    base = {"run_date": "2026-11-03", "outlet": "hn"}
    tables = {"headlines": [
        {**base, "url": "https://www.washingtonpost.example/sf/2014/09/06/stop-and-seize/", "rank": 1, "title": "Stop and Seize"},
        {**base, "url": "https://github.example/blevesearch/bleve", "rank": 2, "title": "Bleve, a text indexing library"},
        {**base, "url": "javascript:alert(1)", "rank": 3, "title": "Not a web address at all"},
    ]}
    res = quality.validate_outlet(hn, DAY, tables, now=NOW)
    assert failed(res, "headlines") == {"2:javascript:alert(1)": ["headlines.url_on_allowed_domain", "headlines.url_well_formed"]}
