"""The author robustness benchmark: what it wipes from a page, and how it compares two runs."""

from __future__ import annotations

import lxml.html

from bench.author_robustness import NAME, _wipe, compare, summary
from media_monitor.extract.article import extract_article

PAGE = """<html><head><title>A story</title><meta name="author" content="Jane Doe">
<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Jane Doe"}}</script>
</head><body><h1>A story</h1><p class="byline">By Jane Doe</p><p title="Jane Doe">Jane Doe and John Roe wrote it.</p>
<p>The story goes on and on.</p></body></html>"""


def test_wiping_removes_the_pages_own_author_evidence_and_every_mention_of_the_names() -> None:
    assert extract_article(PAGE, "https://example.org/a").authors == ["Jane Doe"]
    tree = lxml.html.document_fromstring(PAGE)
    _wipe(tree, "Jane Doe; John Roe")
    html = lxml.html.tostring(tree, encoding="unicode")
    assert "Jane Doe" not in html and "John Roe" not in html and "ld+json" not in html
    assert 'class="byline"' not in html and 'name="author"' not in html
    assert "The story goes on and on." in html  # the story itself stays
    assert extract_article(html, "https://example.org/a").authors == []


def test_compare_counts_the_inserted_bylines_won_and_lost() -> None:
    before = [{"id": "p1", "neg": [], "pos": [[NAME], [], ["Other"]]}]
    after = [{"id": "p1", "neg": ["Site Owner"], "pos": [[], [NAME], [NAME]]}]
    report = compare(before, after)
    assert report.endswith("inserted bylines won 2, lost 1")
    assert "wiped p1: [] -> ['Site Owner']" in report
    assert summary(after) == "1 pages: inserted bylines read exactly 2 of 3; wiped pages naming no one 0 of 1"
