from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from media_monitor.extract.batch import run_batch
from media_monitor.registry import Outlet

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "html"


def _run(kind: str, requests: list[dict | str], outlet: Outlet | None = None) -> tuple[int, list[dict]]:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in requests]
    out = io.StringIO()
    errors = run_batch(kind, lines, out, outlet)
    return errors, [json.loads(line) for line in out.getvalue().splitlines()]


def test_article_lines(tmp_path: Path) -> None:
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress((FIXTURES / "article_ru_cp1251.html").read_bytes()))
    outlet = Outlet(name="vestnik", title="V", url="http://vestnik.example/", languages=("ru", "en"),
                    timezone="Europe/Moscow", allowed_domains=("vestnik.example",))
    errors, records = _run("article", [
        {"id": "a1", "path": str(gz), "url": "http://vestnik.example/news/2026/11/03/51336.html",
         "fetched_at": "2026-11-04T08:00:00Z"},
        {"id": "a2", "path": str(FIXTURES / "article_en_jsonld.html"), "url": "https://www.courier.example/news/x"},
    ], outlet)
    assert errors == 0
    first, second = records
    assert set(first) == {"id", "title", "authors", "date", "body", "language"}
    assert first["id"] == "a1"
    assert first["title"] == "Учения ПВО на северных рубежах"
    assert first["authors"] == ["Дмитрий Бавырин"]
    assert first["date"] == "2026-11-03"
    assert first["language"] == "ru"
    assert "северных рубежах отработали" in first["body"]
    assert second["authors"] == ["Jane Doe", "John Smith"]
    assert second["date"] == "2026-11-03"


def test_frontpage_lines() -> None:
    errors, records = _run("frontpage", [
        {"id": 7, "path": str(FIXTURES / "frontpage_news.html"), "url": "https://www.harbourgazette.example/",
         "fetched_at": "2026-11-03T09:00:00+00:00"},
    ])
    assert errors == 0
    (page,) = records
    assert set(page) == {"id", "headlines", "blocks"}
    assert page["id"] == 7
    assert page["headlines"][0] == {
        "title": "Port strike enters second week as talks stall",
        "url": "https://www.harbourgazette.example/news/2026/11/03/port-strike-enters-second-week",
        "rank": 1,
    }
    discussion = page["blocks"][1]
    assert discussion["name"] == "Discussion" and discussion["kind"] == "list"
    # no outlet: shown times are read in UTC, relative to fetched_at
    assert discussion["entries"][0] == {
        "rank": 1, "title": "Without carrot and stick",
        "url": "https://www.harbourgazette.example/news/2026/10/16/without-carrot-and-stick",
        "time": "2026-10-16T20:44:00+00:00", "count": 10856,
    }
    assert discussion["entries"][2]["time"] == "2026-11-03T08:55:00+00:00"  # "5 min ago"


def test_bad_pages_give_error_lines_and_the_batch_goes_on(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.html"
    garbage.write_bytes(os.urandom(2048).replace(b"<", b"x"))
    broken_gz = tmp_path / "broken.html.gz"
    broken_gz.write_bytes(b"\x1f\x8b\x08\x00not really gzip")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    errors, records = _run("article", [
        {"id": "missing", "path": str(tmp_path / "nope.html"), "url": "https://x.example/a"},
        {"id": "garbage", "path": str(garbage), "url": "https://x.example/b"},
        {"id": "gz", "path": str(broken_gz), "url": "https://x.example/c"},
        {"id": "empty", "path": str(empty)},
        "this is not json",
        {"id": "nopath"},
        "",
        {"id": "good", "path": str(FIXTURES / "article_de_byline.html"), "url": "https://www.nordkurier.example/x"},
    ])
    assert errors == 6
    assert [r["id"] for r in records] == ["missing", "garbage", "gz", "empty", None, "nopath", "good"]
    assert records[0]["error"].startswith("file not found")
    assert records[1]["error"] in ("binary data, not HTML", "no HTML markup found")
    assert records[2]["error"].startswith("not a valid gzip file")
    assert records[3]["error"] == "empty page"
    assert records[4]["error"].startswith("input line is not JSON")
    assert records[5]["error"] == "input line has no 'path'"
    assert "error" not in records[6] and records[6]["title"] == "Hitzewelle im November: Rekord in Valmora"


def test_unknown_kind() -> None:
    with pytest.raises(ValueError):
        run_batch("video", [], io.StringIO())
