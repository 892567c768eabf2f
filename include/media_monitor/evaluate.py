"""Measure the extractors on the shared corpus of real pages (see corpus/README.md for the rules).

Articles are scored against the hand-made labels, next to ``trafilatura.extract`` alone with the
settings trafilatura's own evaluation uses, run in the same loop so the comparison is live:

* body: a page passes when every ``body_with`` snippet is in the extracted text and no
  ``body_without`` snippet is; snippets also count as TP/FN/FP/TN for precision/recall/F1;
* title: exact match after whitespace normalisation;
* author: both sides split on ";" and compared as sets of case-folded names (the "lenient"
  variant also splits on "," "and" "und" "&" and drops credentials such as "PhD");
* date: the publication day must equal the label.

Every figure is reported for all pages and for the even and odd ids separately: heuristics
were developed looking at even ids only, so the odd half shows how they do on unseen pages.
Front pages have no labels; their table shows what was found so a reader can judge it.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from media_monitor.extract.article import extract_article
from media_monitor.extract.urls import canonicalize_url, looks_like_article, same_site, url_host

SPLITS = ("all", "even", "odd")


def default_corpus() -> Path:
    """The labelled corpus the tests and benchmarks score: ``$MEDIAMON_CORPUS``, else ``shared/corpus``
    next to the checkout (the development machine's layout)."""
    return Path(os.environ.get("MEDIAMON_CORPUS") or Path(__file__).resolve().parents[3] / "shared" / "corpus")


def norm(text: str | None) -> str:
    """The corpus's whitespace normalisation."""
    return re.sub(r"\s+", " ", text or "").strip()


def _decoder() -> Callable[[bytes, str | None], tuple[str, str]]:
    from media_monitor.extract.encoding import decode_html

    return decode_html


class CorpusError(ValueError):
    """A corpus folder that does not follow the documented format; the message lists what is wrong."""


def _read_records(corpus_dir: Path, name: str) -> list[dict[str, Any]]:
    """The records of ``name`` (one JSON object per line), each checked before any page is scored:
    an object with a unique string ``id``, a ``file`` that exists under the folder and, if given, an
    ``expected`` object. Every problem is reported at once, with its line, as a ``CorpusError``."""
    path = Path(corpus_dir) / name
    if not path.is_file():
        raise CorpusError(
            f"{path} not found: a corpus folder holds {name} (format: docs/quality.md, 'Scoring your own labelled pages')"
        )
    records: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{name} line {number}"
            try:
                rec = json.loads(line)
            except ValueError as exc:
                problems.append(f"{where}: not valid JSON ({exc})")
                continue
            if not isinstance(rec, dict) or not isinstance(rec.get("id"), str) or not isinstance(rec.get("file"), str):
                problems.append(f'{where}: needs an object with string "id" and "file"')
                continue
            if rec["id"] in seen:
                problems.append(f"{where}: id {rec['id']!r} repeats an earlier record's")
            seen.add(rec["id"])
            if not (Path(corpus_dir) / rec["file"]).is_file():
                problems.append(f"{where} ({rec['id']}): page file {rec['file']} not found")
            expected = rec.get("expected") or {}
            if not isinstance(expected, dict):
                problems.append(f'{where} ({rec["id"]}): "expected" must be an object')
            else:
                problems += [f"{where} ({rec['id']}): expected.{field} {why}" for field, why in _label_problems(expected)]
            records.append(rec)
    if problems:
        shown = "\n  ".join(problems[:10])
        more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise CorpusError(f"{path}: {len(problems)} problem(s):\n  {shown}{more}")
    return records


def _label_problems(expected: dict[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with a record's labels, as (field, why): each is optional, but typed."""
    problems = []
    for field in ("title", "date"):
        if expected.get(field) is not None and not isinstance(expected[field], str):
            problems.append((field, "must be a string or null"))
    author = expected.get("author")
    if author is not None and not (isinstance(author, str) or (isinstance(author, list) and all(isinstance(a, str) for a in author))):
        problems.append(("author", 'must be a string ("Jane Doe; John Roe"), a list of strings or null'))
    if isinstance(expected.get("date"), str) and expected["date"] and not re.match(r"\d{4}-\d{2}-\d{2}", expected["date"]):
        problems.append(("date", f"must start YYYY-MM-DD, not {expected['date']!r}"))
    for field in ("body_with", "body_without"):
        value = expected.get(field)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            problems.append((field, "must be a list of strings"))
    return problems


def _read_page(corpus_dir: Path, rel: str) -> bytes:
    path = Path(corpus_dir) / rel
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _split_of(rec_id: str) -> str:
    digits = re.findall(r"\d+", rec_id)
    return "even" if digits and int(digits[-1]) % 2 == 0 else "odd"


def _author_set(value: str | list[str] | None, lenient: bool = False) -> frozenset[str]:
    if not value:
        return frozenset()
    parts = value.split(";") if isinstance(value, str) else [p for v in value for p in v.split(";")]
    if lenient:
        parts = [p for part in parts for p in re.split(r",|&|\bund\b|\band\b", part)]
    out = set()
    for part in parts:
        key = unicodedata.normalize("NFKC", norm(part)).casefold()
        if lenient:
            key = re.sub(r"^(?:by|von|par|por)\s+", "", key)
            key = re.sub(r"[^\w\s]", "", key).strip()
            if re.fullmatch(r"phd|md|dr|prof", key):
                continue
        if key:
            out.add(key)
    return frozenset(out)


class _Tally:
    """Counters for one split."""

    def __init__(self) -> None:
        self.pages = 0
        self.crashes = {"ours": 0, "trafilatura": 0}
        self.body_pass = {"ours": 0, "trafilatura": 0}
        self.body_scored = 0  # pages with at least one snippet: an empty expectation is not scored
        self.snip = {k: {"tp": 0, "fn": 0, "fp": 0, "tn": 0} for k in ("ours", "trafilatura")}
        # [correct, scored]; "title_nocase" ignores letter case: annotators copied titles that CSS
        # shows in capitals ("text-transform: uppercase"), which the HTML does not hold.
        self.fields = {k: [0, 0] for k in ("title", "title_nocase", "author", "author_lenient", "date")}
        self.fffd_checked = 0
        self.fffd_introduced = 0

    def body(self, who: str, text: str | None, expected: dict[str, Any]) -> bool | None:
        """Whether the body passes the page's snippets; None (not scored) when the page has none."""
        if not expected.get("body_with") and not expected.get("body_without"):
            return None
        self.body_scored += who == "ours"
        body = norm(text)
        with_ok = [bool(body) and norm(s) in body for s in expected.get("body_with") or []]
        without_hit = [bool(body) and norm(s) in body for s in expected.get("body_without") or []]
        s = self.snip[who]
        s["tp"] += sum(with_ok)
        s["fn"] += len(with_ok) - sum(with_ok)
        s["fp"] += sum(without_hit)
        s["tn"] += len(without_hit) - sum(without_hit)
        passed = all(with_ok) and not any(without_hit)
        self.body_pass[who] += passed
        return passed

    def field(self, name: str, ok: bool) -> None:
        self.fields[name][0] += ok
        self.fields[name][1] += 1

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"pages": self.pages, "crashes": dict(self.crashes)}
        for who in ("ours", "trafilatura"):
            s = self.snip[who]
            precision = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 0.0
            recall = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[who] = {
                "body_pass": self.body_pass[who],
                "body_scored": self.body_scored,
                "body_pass_rate": self.body_pass[who] / self.body_scored if self.body_scored else 0.0,
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "snippets": dict(s),
            }
        for name, (correct, scored) in self.fields.items():
            out[name] = {"correct": correct, "scored": scored, "accuracy": correct / scored if scored else 0.0}
        out["fffd"] = {"checked": self.fffd_checked, "introduced": self.fffd_introduced}
        return out


def _fffd_introduced(raw: bytes, text: str, encoding: str) -> bool | None:
    """Whether decoding added U+FFFD to a page whose bytes are valid in the encoding used; None if not valid."""
    try:
        strict = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text.count("\ufffd") > strict.count("\ufffd")


def eval_articles(
    corpus_dir: Path, out: TextIO, limit: int | None = None, *, split: str = "all", details: Path | None = None
) -> dict:
    """Score our article extraction and trafilatura alone on the corpus; print a table to ``out``.

    Args:
        corpus_dir: the folder holding articles.jsonl.
        out: where the table goes.
        limit: score only the first ``limit`` records (of the chosen split).
        split: "all", "even" or "odd" ids.
        details: optional JSON-lines file receiving each page's extracted fields (for error analysis).

    Returns:
        Figures per split ("all", "even", "odd"), plus timing under "speed".
    """
    import trafilatura

    decode_html = _decoder()
    records = _read_records(Path(corpus_dir), "articles.jsonl")
    if split != "all":
        records = [r for r in records if _split_of(r["id"]) == split]
    if limit is not None:
        records = records[:limit]
    tallies = {name: _Tally() for name in SPLITS}
    seconds = {"ours": 0.0, "trafilatura": 0.0}
    detail_fh = details.open("w", encoding="utf-8") if details else None
    try:
        for index, rec in enumerate(records):
            raw = _read_page(Path(corpus_dir), rec["file"])
            expected = rec.get("expected") or {}
            url = rec.get("url") or ""
            if not url.startswith(("http://", "https://")):
                url = ""
            which = (tallies["all"], tallies[_split_of(rec["id"])])
            result: dict[str, Any] = {}

            def run_ours(raw: bytes = raw, url: str = url, result: dict[str, Any] = result) -> None:
                start = time.perf_counter()
                try:
                    text, encoding = decode_html(raw, None)
                    result["article"] = extract_article(text, url)
                    result["decoded"] = (text, encoding)
                except Exception as exc:  # noqa: BLE001 - a crash is a figure here, not an abort
                    result["error"] = f"{type(exc).__name__}: {exc}"
                seconds["ours"] += time.perf_counter() - start

            def run_traf(raw: bytes = raw, result: dict[str, Any] = result) -> None:
                start = time.perf_counter()
                try:
                    result["traf"] = trafilatura.extract(raw, include_comments=False, include_tables=True)
                except Exception as exc:  # noqa: BLE001
                    result["traf_error"] = f"{type(exc).__name__}: {exc}"
                seconds["trafilatura"] += time.perf_counter() - start

            # Alternate who goes first so neither side always runs on warm caches.
            for step in ((run_ours, run_traf) if index % 2 == 0 else (run_traf, run_ours)):
                step()

            article = result.get("article")
            for tally in which:
                tally.pages += 1
                if "error" in result:
                    tally.crashes["ours"] += 1
                if "traf_error" in result:
                    tally.crashes["trafilatura"] += 1
            body_ok = [t.body("ours", article.body if article else None, expected) for t in which][0]
            traf_ok = [t.body("trafilatura", result.get("traf"), expected) for t in which][0]
            if "decoded" in result:
                introduced = _fffd_introduced(raw, *result["decoded"])
                if introduced is not None:
                    for tally in which:
                        tally.fffd_checked += 1
                        tally.fffd_introduced += introduced
            title = article.title if article else None
            authors = "; ".join(article.authors) if article else ""
            day = article.published_at.date().isoformat() if article and article.published_at else None
            if expected.get("title"):
                for tally in which:
                    tally.field("title", norm(title) == norm(expected["title"]))
                    tally.field("title_nocase", norm(title).casefold() == norm(expected["title"]).casefold())
            if expected.get("author"):
                for tally in which:
                    tally.field("author", _author_set(authors) == _author_set(expected["author"]))
                    tally.field("author_lenient", _author_set(authors, True) == _author_set(expected["author"], True))
            if expected.get("date"):
                for tally in which:
                    tally.field("date", day == expected["date"][:10])
            if detail_fh:
                detail_fh.write(json.dumps({
                    "id": rec["id"], "error": result.get("error"), "body_ok": body_ok, "traf_ok": traf_ok,
                    "title": title, "authors": authors, "date": day,
                    "language": article.language if article else None,
                    "views": article.views if article else None, "comments": article.comments if article else None,
                    "image_credit": article.image_credit if article else None,
                    "expected": {k: expected.get(k) for k in ("title", "author", "date")},
                }, ensure_ascii=False) + "\n")
    finally:
        if detail_fh:
            detail_fh.close()

    results: dict[str, Any] = {name: tallies[name].summary() for name in SPLITS}
    pages = tallies["all"].pages
    results["speed"] = {
        "seconds": dict(seconds),
        "pages_per_second": {k: (pages / v if v else 0.0) for k, v in seconds.items()},
        "ratio": (seconds["trafilatura"] / seconds["ours"]) if seconds["ours"] else 0.0,
    }
    _print_article_table(results, out)
    return results


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _print_article_table(results: dict[str, Any], out: TextIO) -> None:
    out.write("| metric | " + " | ".join(f"{s} ids" for s in SPLITS) + " |\n")
    out.write("|---|" + "---|" * len(SPLITS) + "\n")

    def row(label: str, fn: Callable[[dict[str, Any]], str]) -> None:
        out.write(f"| {label} | " + " | ".join(fn(results[s]) for s in SPLITS) + " |\n")

    row("pages", lambda r: str(r["pages"]))
    for who, label in (("ours", "ours"), ("trafilatura", "trafilatura alone")):
        row(f"body pass rate, {label}",
            lambda r, w=who: f"{_pct(r[w]['body_pass_rate']) if r[w]['body_scored'] else '-'} "
                             f"({r[w]['body_pass']} of {r[w]['body_scored']})")
        row(f"snippet P / R / F1, {label}",
            lambda r, w=who: f"{r[w]['precision']:.3f} / {r[w]['recall']:.3f} / {r[w]['f1']:.3f}")
    for name, label in (("title", "title accuracy"), ("title_nocase", "title accuracy, letter case ignored"),
                        ("author", "author accuracy (set match)"),
                        ("author_lenient", "author accuracy (lenient)"), ("date", "date accuracy (same day)")):
        row(label, lambda r, n=name: f"{_pct(r[n]['accuracy']) if r[n]['scored'] else '-'} of {r[n]['scored']}")
    row("crashes, ours / trafilatura", lambda r: f"{r['crashes']['ours']} / {r['crashes']['trafilatura']}")
    row("pages with U+FFFD introduced by decoding", lambda r: f"{r['fffd']['introduced']} of {r['fffd']['checked']}")
    speed = results["speed"]
    out.write(
        f"\nSpeed: ours {speed['pages_per_second']['ours']:.1f} pages/s, trafilatura alone "
        f"{speed['pages_per_second']['trafilatura']:.1f} pages/s (ours = {speed['ratio']:.2f}x trafilatura's rate; "
        "ours includes decoding and metadata).\n"
    )


def eval_frontpages(corpus_dir: Path, out: TextIO) -> dict:
    """Run front-page extraction on every corpus front page; print what was found.

    Returns:
        Per page id: headline count, share of headlines that link to article-like pages on the
        outlet's own site, and the blocks found (name, kind, entry count), plus any error.
    """
    from media_monitor.extract.frontpage import extract_frontpage

    decode_html = _decoder()
    results: dict[str, Any] = {}
    for rec in _read_records(Path(corpus_dir), "frontpages.jsonl"):
        url = rec.get("url") or ""
        entry: dict[str, Any] = {"url": url}
        start = time.perf_counter()
        try:
            raw = _read_page(Path(corpus_dir), rec["file"])
            text, _ = decode_html(raw, None)
            page = extract_frontpage(text, url)
        except Exception as exc:  # noqa: BLE001 - report, then move on to the next page
            entry["error"] = f"{type(exc).__name__}: {exc}"
            results[rec["id"]] = entry
            continue
        entry["seconds"] = time.perf_counter() - start
        host = url_host(url)
        own = [
            h for h in page.headlines
            if same_site(url_host(h.url), host) and looks_like_article(canonicalize_url(h.url) or h.url)
        ]
        entry["headlines"] = len(page.headlines)
        entry["own_article_share"] = len(own) / len(page.headlines) if page.headlines else 0.0
        entry["lead"] = next((h.title for h in page.headlines if h.is_lead), None)
        entry["first_headlines"] = [h.title for h in page.headlines[:3]]
        entry["blocks"] = [{"name": b.name, "kind": b.kind, "entries": len(b.entries)} for b in page.blocks]
        entry["article_links"] = len(page.article_links)
        results[rec["id"]] = entry

    out.write("| page | headlines | own-site article share | article links | blocks (entries) | first headline |\n")
    out.write("|---|---|---|---|---|---|\n")
    for page_id, entry in results.items():
        if "error" in entry:
            out.write(f"| {page_id} | error: {entry['error']} | | | | |\n")
            continue
        blocks = "; ".join(f"{b['name']} [{b['kind']}] ({b['entries']})" for b in entry["blocks"]) or "none"
        first = (entry["first_headlines"] or [""])[0].replace("|", "/")
        out.write(
            f"| {page_id} | {entry['headlines']} | {_pct(entry['own_article_share'])} | {entry['article_links']} "
            f"| {blocks} | {first[:70]} |\n"
        )
    return results
