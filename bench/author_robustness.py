"""Benchmark: how the author readers hold up on real page templates, beyond the labelled answers.

For every labelled even-id page of the corpus the page's own author evidence is wiped (author-like
meta tags, JSON-LD, elements whose class, id, itemprop or rel says author/byline/vcard/creator, and
every mention of the labelled names), then:

* negative: the wiped page is extracted as it is; a name returned here is one the page's template or
  text gives without any byline (a press contact, a site owner, or junk worth a look);
* positive: each of ten byline forms ("By Jane Exemple", "Von Jane Exemple", a meta line with an
  author link, "<address>", ...) is set right under the story's headline (as the extractor finds it;
  the first h1, else the top of the body, when it finds none) and must come back as exactly
  ["Jane Exemple"].

Run it on two checkouts and ``--compare`` the saved results to see what a rule change won or lost:

    .venv/bin/python bench/author_robustness.py --out /tmp/after.json
    .venv/bin/python bench/author_robustness.py --compare /tmp/before.json /tmp/after.json
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import lxml.html

from media_monitor.evaluate import _split_of, default_corpus
from media_monitor.extract.article import extract_article
from media_monitor.extract.encoding import decode_html
from media_monitor.extract.evidence import Evidence

NAME = "Jane Exemple"
FORMS = (
    '<p class="byline">By Jane Exemple</p>',
    '<div class="author">Jane Exemple</div>',
    "<p>Von Jane Exemple</p>",
    '<div class="meta">Posted by <a href="/author/jane-exemple/">Jane Exemple</a> on March 3, 2021</div>',
    "<p><span>Text:</span> <span>Jane Exemple</span></p>",
    '<span class="byline__name"><a href="/autor/jane-exemple">Jane Exemple</a></span>',
    "<p>Par Jane Exemple | 03.03.2021</p>",
    '<address class="author">Jane Exemple</address>',
    '<div class="article-meta"><span>03.03.2021</span> <span>von <strong>Jane Exemple</strong></span></div>',
    '<p><a rel="author" href="/u/jane">Jane Exemple</a></p>',
)
_AUTHOR_HINT = re.compile(r"author|byline|autor|auteur|vcard|\bfn\b|creator|writer|verfasser|contributor|redakteur", re.I)
_FETCHED = datetime(2026, 1, 1, tzinfo=UTC)


def _wipe(tree: lxml.html.HtmlElement, label: str) -> None:
    """Remove the page's own author evidence and every mention of the labelled names."""
    for el in list(tree.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag in ("html", "body"):
            continue
        if el.tag == "meta" and _AUTHOR_HINT.search(" ".join(el.get(k, "") for k in ("name", "property", "itemprop"))):
            el.drop_tree()
        elif el.tag == "script" and "ld+json" in (el.get("type") or ""):
            el.drop_tree()
        elif _AUTHOR_HINT.search(" ".join(el.get(k, "") for k in ("class", "id", "itemprop", "rel"))):
            el.drop_tree()
    names = [re.compile(re.escape(n.strip()), re.I) for n in re.split(r";|,| und | and ", label) if len(n.strip()) > 2]
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name in names:  # (set only where a name was: some pages hold text lxml would not take back)
            if el.text and name.search(el.text):
                el.text = name.sub("", el.text)
            if el.tail and name.search(el.tail):
                el.tail = name.sub("", el.tail)
            for key, value in el.attrib.items():
                if name.search(value):
                    el.attrib[key] = name.sub("", value)


def _page(rec: dict[str, Any], corpus: Path) -> dict[str, Any]:
    raw = gzip.decompress((corpus / rec["file"]).read_bytes())
    url = rec.get("url") or ""
    url = url if url.startswith(("http://", "https://")) else ""
    text, _ = decode_html(raw, None)
    tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    _wipe(tree, rec["expected"]["author"])
    out: dict[str, Any] = {"id": rec["id"], "pos": []}
    out["neg"] = extract_article(lxml.html.tostring(tree, encoding="unicode"), url, fetched_at=_FETCHED).authors
    # (under the story's headline as the extractor finds it: a first h1 is often the site's logo)
    headline = Evidence(tree, url).scan.headline
    path = tree.getroottree().getpath(headline) if headline is not None else None
    for form in FORMS:
        page = copy.deepcopy(tree)
        anchor, body = (page.getroottree().xpath(path)[0] if path else page.find(".//h1")), page.find(".//body")
        if anchor is not None:
            anchor.addnext(lxml.html.fragment_fromstring(form))
        elif body is not None:
            body.insert(0, lxml.html.fragment_fromstring(form))
        else:
            out["pos"].append(None)
            continue
        out["pos"].append(extract_article(lxml.html.tostring(page, encoding="unicode"), url, fetched_at=_FETCHED).authors)
    return out


def run(corpus: Path) -> list[dict[str, Any]]:
    """Each labelled even-id page's wiped result and its ten inserted-byline results."""
    with (corpus / "articles.jsonl").open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    records = [r for r in records if (r.get("expected") or {}).get("author") and _split_of(r["id"]) == "even"]
    with ProcessPoolExecutor(2) as pool:
        return list(pool.map(_page, records, [corpus] * len(records), chunksize=4))


def summary(results: list[dict[str, Any]]) -> str:
    exact = sum(got == [NAME] for r in results for got in r["pos"])
    tried = sum(len(r["pos"]) for r in results)
    quiet = sum(not r["neg"] for r in results)
    return (f"{len(results)} pages: inserted bylines read exactly {exact} of {tried}; "
            f"wiped pages naming no one {quiet} of {len(results)}")


def compare(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> str:
    """Every result that differs, and the count of inserted bylines won and lost."""
    old = {r["id"]: r for r in before}
    lines, won, lost = [], 0, 0
    for new in after:
        prev = old.get(new["id"])
        if prev is None:
            continue
        if prev["neg"] != new["neg"]:
            lines.append(f"wiped {new['id']}: {prev['neg']} -> {new['neg']}")
        for i, (was, now) in enumerate(zip(prev["pos"], new["pos"], strict=True)):
            if was != now:
                won += now == [NAME]
                lost += was == [NAME]
                lines.append(f"form {i} {new['id']}: {was} -> {now}")
    return "\n".join([*lines, f"inserted bylines won {won}, lost {lost}"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus(), help="labelled corpus folder")
    parser.add_argument("--out", type=Path, help="save every page's results (JSON) for --compare")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("BEFORE", "AFTER"), help="diff two saved runs")
    args = parser.parse_args(argv)
    if args.compare:
        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        print(compare(before, after))
        return 0
    if not (args.corpus / "articles.jsonl").is_file():
        print(f"{args.corpus}/articles.jsonl not found (pass --corpus DIR)", file=sys.stderr)
        return 2
    results = run(args.corpus)
    if args.out:
        args.out.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")
    print(summary(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
