"""Issue #4's extraction targets: the checker itself, and the corpus figures it guards."""

from __future__ import annotations

import io

import pytest

from bench.extraction_targets import check_targets
from media_monitor.evaluate import default_corpus, eval_articles

# The shared corpus next to the checkout, or wherever MEDIAMON_CORPUS points.
CORPUS = default_corpus()


def _results(title: float = 0.9, date: float = 0.95, author: float = 0.8, ratio: float = 0.85,
             crashes: int = 0, fffd: int = 0, body: tuple[int, int] = (10, 10)) -> dict:
    def split() -> dict:
        return {
            "pages": 20, "crashes": {"ours": crashes} if crashes else {},
            "fffd": {"checked": 20, "introduced": fffd},
            "ours": {"body_pass": body[0]}, "trafilatura": {"body_pass": body[1]},
            **{name: {"accuracy": acc, "correct": round(acc * 100), "scored": 100}
               for name, acc in (("title", title), ("date", date), ("author", author))},
        }
    return {"all": split(), "even": split(), "odd": split(), "speed": {"ratio": ratio}}


def test_every_target_is_checked_and_met_at_its_bound() -> None:
    rows = check_targets(_results())
    assert [name.split()[0] for name, _result, _met in rows] == ["no", "no", "body", "title", "date", "author", "throughput"]
    assert all(met for _name, _result, met in rows)


@pytest.mark.parametrize(("kwargs", "missed"), [
    ({"title": 0.899}, {"title"}),
    ({"author": 0.79}, {"author"}),
    ({"date": 0.5, "ratio": 0.79}, {"date", "throughput"}),
    ({"body": (9, 10)}, {"body"}),
    ({"crashes": 1}, {"no crash"}),
    ({"fffd": 2}, {"no U+FFFD"}),
])
def test_a_missed_target_is_reported(kwargs: dict, missed: set[str]) -> None:
    rows = check_targets(_results(**kwargs))
    assert {name for name, _r, met in rows if not met} == {n for n, _r, _m in rows if any(n.startswith(m) for m in missed)}
    assert sum(not met for _n, _r, met in rows) == len(missed)


@pytest.mark.skipif(not (CORPUS / "articles.jsonl").exists(), reason="shared corpus not available")
def test_corpus_figures_hold() -> None:
    """The targets met on the shared corpus stay met (docs/quality.md: title 90.3 %, author 81.0 %), and
    title and author do not fall below the pages docs/quality.md reports (763, 436) by more than one page."""
    results = eval_articles(CORPUS, io.StringIO())
    every = results["all"]
    assert every["crashes"].get("ours", 0) == 0
    assert every["fffd"]["introduced"] == 0
    assert every["ours"]["body_pass"] >= every["trafilatura"]["body_pass"]
    assert every["date"]["accuracy"] >= 0.90
    assert every["title"]["accuracy"] >= 0.90, every["title"]
    assert every["title"]["correct"] >= 762, every["title"]
    assert every["author"]["accuracy"] >= 0.80, every["author"]
    assert every["author"]["correct"] >= 435, every["author"]
