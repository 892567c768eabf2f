"""Near-duplicate articles across outlets and days: wire copies and syndicated stories.

Each article body becomes a MinHash signature (datasketch) of its 5-word shingles. When a day
is loaded, its articles are matched, with MinHash LSH, against the articles of the trailing
``WINDOW_DAYS`` days and against each other. An article whose estimated Jaccard similarity to
an earlier one reaches ``THRESHOLD`` joins that article's story; otherwise it starts its own.
``articles.story_id`` is the ``article_id`` of the story's first article.

The assignment of a day depends only on that day and the days before it, processed in a fixed
order, so reloading a date reproduces the same ids (the rerun test checks the checksums).
Signatures are stored in ``article_signatures`` so a load hashes only its own day.
"""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta
from typing import Any

log = logging.getLogger(__name__)

NUM_PERM = 64
SEED = 1  # fixed: signatures must be the same in every process and every run
SCHEME = "affine32"  # datasketch >= 2.0 hashing scheme (32-bit minima); pinned for the stored signatures
SHINGLE_WORDS = 5
MIN_WORDS = 40  # shorter bodies (teasers, walls) say too little to call two stories the same
THRESHOLD = 0.5  # estimated Jaccard similarity of shingle sets
WINDOW_DAYS = 7

_WORD = re.compile(r"\w+")


def signature(body: str | None) -> list[int] | None:
    """The MinHash signature of a body's word 5-shingles; None for bodies under MIN_WORDS words."""
    from datasketch import MinHash

    words = _WORD.findall((body or "").casefold())
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    m.update_batch(sorted(shingles))
    return [int(v) for v in m.hashvalues]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures (the share of equal minima)."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / NUM_PERM


def assign_story_ids(con: Any, day: date) -> dict[str, int]:
    """Sign the day's articles and set their ``story_id``; runs inside the load's transaction.

    Returns counts: articles signed, and articles that joined an earlier or same-day story
    of another article.
    """
    from datasketch import MinHash, MinHashLSH

    con.execute("DELETE FROM article_signatures WHERE run_date = ?", [day])
    today = con.execute(
        "SELECT outlet, article_id, body FROM articles WHERE run_date = ? ORDER BY article_id, outlet", [day]
    ).fetchall()
    signed = [(outlet, article_id, signature(body)) for outlet, article_id, body in today]
    con.executemany(
        "INSERT INTO article_signatures (run_date, outlet, article_id, signature) VALUES (?, ?, ?, ?)",
        [[day, outlet, article_id, sig] for outlet, article_id, sig in signed if sig is not None],
    )
    earlier = con.execute(
        """
        SELECT s.run_date, s.outlet, s.article_id, s.signature, a.story_id
        FROM article_signatures s
        JOIN articles a USING (run_date, outlet, article_id)
        WHERE s.run_date >= ? AND s.run_date < ?
        ORDER BY s.run_date, s.article_id, s.outlet
        """,
        [day - timedelta(days=WINDOW_DAYS), day],
    ).fetchall()
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    # key -> (order, signature, story); order = (run_date, article_id, outlet): "first" means least
    known: dict[str, tuple[tuple[str, str, str], list[int], str]] = {}

    def add(order: tuple[str, str, str], sig: list[int], story: str) -> None:
        key = "|".join(order)
        known[key] = (order, sig, story)
        lsh.insert(key, MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=sig, scheme=SCHEME))

    for run_date, outlet, article_id, sig, story in earlier:
        add((run_date.isoformat(), article_id, outlet), list(sig), story or article_id)
    stories: list[tuple[str, str, str]] = []
    joined = 0
    for outlet, article_id, sig in signed:
        story = article_id
        if sig is not None:
            matches = [
                known[k] for k in lsh.query(MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=sig, scheme=SCHEME))
                if similarity(known[k][1], sig) >= THRESHOLD
            ]
            if matches:
                story = min(matches, key=lambda m: m[0])[2]
                joined += story != article_id
            add((day.isoformat(), article_id, outlet), sig, story)
        stories.append((story, outlet, article_id))
    con.executemany(
        "UPDATE articles SET story_id = ? WHERE run_date = ? AND outlet = ? AND article_id = ?",
        [[story, day, outlet, article_id] for story, outlet, article_id in stories],
    )
    counts = {"signed": sum(1 for *_x, sig in signed if sig is not None), "joined": joined}
    log.info("%s: near-duplicates: %d articles signed, %d joined another article's story", day, counts["signed"],
             counts["joined"])
    return counts
