"""Near-duplicate articles (wire copies) share a story id across outlets and days."""

from __future__ import annotations

import random
from datetime import date, timedelta

import duckdb
import pytest

from media_monitor import neardup, store

DAY = date(2026, 11, 2)
VOCAB = [f"w{i}" for i in range(3000)]


def text(seed: int, words: int = 300) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCAB) for _ in range(words))


WIRE = text(1)
# The wire story as another outlet runs it: a credit in front, the last fifth cut, one sentence edited.
COPY = "(Metro Wire) " + WIRE[: int(len(WIRE) * 0.8)].replace(WIRE.split()[40], "edited")
# A copy of the copy, edited again: close to COPY, further from WIRE.
COPY2 = COPY[: int(len(COPY) * 0.85)] + " " + text(9, 30)


@pytest.fixture()
def con():
    c = duckdb.connect(":memory:")
    store.ensure_schema(c)
    yield c
    c.close()


def load(con, day: date, articles: dict[tuple[str, str], str]) -> dict[str, int]:
    con.execute("DELETE FROM articles WHERE run_date = ?", [day])
    store.insert_rows(con, "articles", [
        {"run_date": day, "outlet": outlet, "article_id": aid, "url": f"https://{outlet}.example/{aid}",
         "canonical_url": f"https://{outlet}.example/{aid}", "body": body}
        for (outlet, aid), body in articles.items()
    ])
    return neardup.assign_story_ids(con, day)


def stories(con) -> dict[str, str]:
    return dict(con.execute("SELECT article_id, story_id FROM articles ORDER BY run_date, article_id").fetchall())


def test_signature_is_deterministic_and_needs_enough_words():
    assert neardup.signature(WIRE) == neardup.signature(WIRE)
    assert len(neardup.signature(WIRE)) == neardup.NUM_PERM
    assert neardup.signature("too short to judge " * 5) is None
    assert neardup.similarity(neardup.signature(WIRE), neardup.signature(COPY)) >= neardup.THRESHOLD
    assert neardup.similarity(neardup.signature(WIRE), neardup.signature(text(2))) < 0.1


def test_wire_copies_share_a_story_across_outlets_and_days(con):
    load(con, DAY, {("wire", "a1"): WIRE, ("paper", "b1"): text(2), ("paper", "short"): "a teaser only"})
    assert load(con, DAY + timedelta(days=1), {("gazette", "c2"): COPY, ("paper", "b2"): text(3)})["joined"] == 1
    load(con, DAY + timedelta(days=2), {("blog", "d3"): COPY2})
    got = stories(con)
    assert got["a1"] == got["c2"] == got["d3"] == "a1"  # the story is named after its first article
    assert got["b1"] == "b1" and got["b2"] == "b2" and got["short"] == "short"
    # The same day: the first in (article_id, outlet) order names the story.
    load(con, DAY + timedelta(days=3), {("x", "z9"): text(5), ("y", "k1"): text(5)})
    assert stories(con)["z9"] == "k1"


def test_reloading_a_day_reproduces_its_story_ids(con):
    load(con, DAY, {("wire", "a1"): WIRE})
    load(con, DAY + timedelta(days=1), {("gazette", "c2"): COPY, ("paper", "b2"): text(3)})
    load(con, DAY + timedelta(days=2), {("blog", "d3"): COPY2})
    before = con.execute("SELECT * FROM articles ORDER BY ALL").fetchall()
    signatures = con.execute("SELECT * FROM article_signatures ORDER BY ALL").fetchall()
    load(con, DAY + timedelta(days=1), {("gazette", "c2"): COPY, ("paper", "b2"): text(3)})
    assert con.execute("SELECT * FROM articles ORDER BY ALL").fetchall() == before
    assert con.execute("SELECT * FROM article_signatures ORDER BY ALL").fetchall() == signatures


def test_stories_older_than_the_window_are_not_joined(con):
    load(con, DAY, {("wire", "a1"): WIRE})
    load(con, DAY + timedelta(days=neardup.WINDOW_DAYS + 1), {("gazette", "late"): COPY})
    assert stories(con)["late"] == "late"
