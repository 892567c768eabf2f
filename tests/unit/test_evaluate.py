from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from media_monitor.evaluate import eval_articles, eval_frontpages

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


def _mini_corpus(root: Path) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "frontpages").mkdir()
    pages = [
        ("traf-0002", "article_en_jsonld.html", "https://www.courier.example/news/2026/11/03/harbour-strike-second-week",
         {"title": "Harbour strike enters second week", "author": "Jane Doe; John Smith", "date": "2026-11-03",
          "body_with": ["talks between the port authority and the union stalled", "diverting vessels to Port Arlen"],
          "body_without": ["Another story that many people read today"]}),
        ("traf-0003", "article_de_byline.html", "https://www.nordkurier.example/wetter/hitze-2026",
         {"title": "Hitzewelle im November", "author": "Anna Müller und Bernd Schulz", "date": "2026-11-04",
          "body_with": ["27 Grad gemessen", "a sentence that is not on the page"], "body_without": []}),
    ]
    with (root / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for page_id, name, url, expected in pages:
            rel = f"articles/{page_id}.html.gz"
            (root / rel).write_bytes(gzip.compress((FIXTURES / name).read_bytes()))
            fh.write(json.dumps({"id": page_id, "file": rel, "url": url, "expected": expected}) + "\n")
    (root / "frontpages" / "fp-gazette.html.gz").write_bytes(gzip.compress((FIXTURES / "frontpage_news.html").read_bytes()))
    (root / "frontpages.jsonl").write_text(json.dumps(
        {"id": "fp-gazette", "file": "frontpages/fp-gazette.html.gz", "url": "https://www.harbourgazette.example/"}
    ) + "\n", encoding="utf-8")
    return root


def test_eval_articles_on_a_mini_corpus(tmp_path: Path) -> None:
    corpus = _mini_corpus(tmp_path / "corpus")
    out = io.StringIO()
    details = tmp_path / "details.jsonl"
    result = eval_articles(corpus, out, details=details)
    overall = result["all"]
    assert overall["pages"] == 2
    assert overall["crashes"] == {"ours": 0, "trafilatura": 0}
    # page 1 passes; page 2 misses one body_with snippet (not on the page)
    assert overall["ours"]["body_pass"] == 1
    assert overall["ours"]["snippets"] == {"tp": 3, "fn": 1, "fp": 0, "tn": 1}
    assert overall["ours"]["recall"] == 0.75 and overall["ours"]["precision"] == 1.0
    assert overall["title"] == {"correct": 1, "scored": 2, "accuracy": 0.5}  # the label of page 2 is cut short
    assert overall["author"] == {"correct": 1, "scored": 2, "accuracy": 0.5}  # "X und Y" is one name to the set match
    assert overall["author_lenient"]["correct"] == 2  # ... but two names to the lenient one
    assert overall["date"] == {"correct": 1, "scored": 2, "accuracy": 0.5}
    assert result["even"]["pages"] == 1 and result["odd"]["pages"] == 1
    assert result["speed"]["pages_per_second"]["ours"] > 0
    table = out.getvalue()
    assert "| body pass rate, ours | 50.0% (1 of 2) |" in table
    assert "trafilatura alone" in table and "pages/s" in table
    assert len(details.read_text(encoding="utf-8").splitlines()) == 2

    limited = eval_articles(corpus, io.StringIO(), limit=1)
    assert limited["all"]["pages"] == 1


def test_eval_frontpages_on_a_mini_corpus(tmp_path: Path) -> None:
    corpus = _mini_corpus(tmp_path / "corpus")
    out = io.StringIO()
    result = eval_frontpages(corpus, out)
    page = result["fp-gazette"]
    assert page["headlines"] == 5
    assert page["own_article_share"] == 1.0
    assert page["blocks"] == [
        {"name": "Most read", "kind": "ranked", "entries": 3},
        {"name": "Discussion", "kind": "list", "entries": 3},
    ]
    assert "| fp-gazette | 5 | 100.0% |" in out.getvalue()


def test_a_corpus_with_broken_records_is_refused_with_every_problem_and_its_line(tmp_path: Path, capsys) -> None:
    from media_monitor.cli import main

    corpus = _mini_corpus(tmp_path / "corpus")
    with (corpus / "articles.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "traf-0002", "file": "articles/traf-0002.html.gz"}) + "\n")  # line 3
        fh.write(json.dumps({"id": "my-1", "file": "articles/gone.html"}) + "\n")  # line 4
        fh.write('{"id": "my-2", "file": \n')  # line 5
        fh.write(json.dumps({"file": "articles/traf-0002.html.gz"}) + "\n")  # line 6
    assert main(["eval", "articles", "--corpus", str(corpus)]) == 2
    err = capsys.readouterr().err
    assert "4 problem(s)" in err
    assert "line 3: id 'traf-0002' repeats" in err
    assert "line 4 (my-1): page file articles/gone.html not found" in err
    assert "line 5: not valid JSON" in err
    assert 'line 6: needs an object with string "id" and "file"' in err
    (corpus / "frontpages.jsonl").unlink()
    assert main(["eval", "frontpages", "--corpus", str(corpus)]) == 2
    assert "frontpages.jsonl not found" in capsys.readouterr().err


def test_a_page_without_snippets_is_not_scored_for_its_body(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "articles" / "hd-0001.html").write_bytes((FIXTURES / "article_en_jsonld.html").read_bytes())
    (corpus / "articles.jsonl").write_text(json.dumps(
        {"id": "hd-0001", "file": "articles/hd-0001.html", "url": None, "expected": {"date": "2026-11-03"}}
    ) + "\n", encoding="utf-8")
    out = io.StringIO()
    result = eval_articles(corpus, out)
    assert result["all"]["pages"] == 1
    assert result["all"]["ours"]["body_scored"] == 0 and result["all"]["ours"]["body_pass"] == 0
    assert result["all"]["date"]["scored"] == 1
    assert "| body pass rate, ours | - (0 of 0) |" in out.getvalue()
    assert "| title accuracy | - of 0 |" in out.getvalue()


def test_labels_of_the_wrong_type_are_refused_and_an_author_list_is_read(tmp_path: Path, capsys) -> None:
    from media_monitor.cli import main

    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "articles" / "a.html").write_bytes((FIXTURES / "article_en_jsonld.html").read_bytes())
    good = {"title": "Harbour strike enters second week", "author": ["Jane Doe", "John Smith"],
            "date": "2026-11-03T09:00:00+00:00", "body_with": None, "body_without": ["not on the page"]}
    (corpus / "articles.jsonl").write_text(json.dumps(
        {"id": "my-0", "file": "articles/a.html", "url": "https://www.courier.example/news/2026/11/03/x", "expected": good}
    ) + "\n", encoding="utf-8")
    result = eval_articles(corpus, io.StringIO())["all"]
    assert result["author"]["correct"] == 1 and result["date"]["correct"] == 1 and result["title"]["correct"] == 1
    assert result["ours"]["body_pass"] == 1 and result["ours"]["body_scored"] == 1
    bad = {"title": 3, "author": {"name": "x"}, "date": "03.11.2026", "body_with": "one snippet"}
    with (corpus / "articles.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "my-1", "file": "articles/a.html", "expected": bad}) + "\n")
    assert main(["eval", "articles", "--corpus", str(corpus)]) == 2
    err = capsys.readouterr().err
    assert "4 problem(s)" in err
    for why in ("expected.title must be a string", "expected.author must be a string",
                "expected.date must start YYYY-MM-DD, not '03.11.2026'", "expected.body_with must be a list"):
        assert f"line 2 (my-1): {why}" in err
