"""The WARC archive: what the fetcher writes, read back by warcio and by our readers."""

from __future__ import annotations

import gzip
import random
import threading
import zlib
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator

from media_monitor.archive import (
    ContentDecoder,
    HttpExchange,
    UnsupportedEncoding,
    WarcWriter,
    decode_payload,
    latest_responses,
    read_outcomes,
    read_record_at,
    read_responses,
)
from media_monitor.config import Settings
from media_monitor.fetch import Fetcher
from media_monitor.registry import Outlet
from tests.fixtures.faulty_web import FaultyWeb, article_page, front_page

RUN_DATE = date(2024, 5, 6)


@pytest.fixture(scope="module")
def web() -> Iterator[FaultyWeb]:
    server = FaultyWeb.start()
    yield server
    server.stop()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_root=tmp_path / "data", registry_path=tmp_path / "outlets.yaml",
                    user_agent="MediaMonitorTest/0.1 (+https://example.invalid)", max_page_bytes=10 * 1024 * 1024)


def make_fetcher(web: FaultyWeb, settings: Settings, **kwargs: Any) -> Fetcher:
    outlet = Outlet(name="archive-test", title="A", url=web.base_url + "/healthy/", languages=("en",),
                    allowed_domains=("127.0.0.1",), allow_private_addresses=True, min_interval_s=0.0)
    return Fetcher(outlet, RUN_DATE, settings, sleep=lambda s: None, max_retries=0, **kwargs)


def records(path: Path) -> list[Any]:
    out = []
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        for record in it:
            payload = record.content_stream().read() if record.rec_type == "response" else b""
            out.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), it.get_record_offset(),
                        record.rec_headers.get_header("WARC-Truncated"), payload))
    return out


def test_default_path_is_per_outlet_per_run_date(web: FaultyWeb, settings: Settings) -> None:
    with make_fetcher(web, settings) as f:
        r = f.fetch(web.base_url + "/healthy/", kind="front")
    expected = settings.raw_dir / "2024-05-06" / "archive-test.warc.gz"
    assert f.warc_path == expected and Path(r.warc_file) == expected.resolve()


def test_every_exchange_and_failure_is_in_the_warc(web: FaultyWeb, settings: Settings) -> None:
    closed = f"http://127.0.0.1:{_closed_port()}/nothing/"
    with make_fetcher(web, settings) as f:
        results = [
            f.fetch(web.base_url + "/healthy/", kind="front"),
            f.fetch(web.base_url + "/healthy/article-1.html"),
            f.fetch(web.base_url + "/missing/"),
            f.fetch(web.base_url + "/redirect-home/"),
            f.fetch(web.base_url + "/robots-disallowed/x"),
            f.fetch(web.base_url + "/redirect-offsite/"),
            f.fetch(closed),
            f.fetch(web.base_url + "/reset/"),
        ]
    found = records(f.warc_path)
    types = Counter(t for t, *_ in found)
    assert found[0][0] == "warcinfo" and types["warcinfo"] == 1
    # Responses: robots.txt, front, article, 404, 301 + /healthy/, 302 offsite, reset. The closed
    # port got two requests (its robots.txt, then the page) and no response.
    assert types["response"] == 8 and types["request"] == 10
    assert types["metadata"] == 4  # robots-disallowed, offsite redirect, 2 x connection refused
    # Each result points at its record, and the record holds exactly the body it returned.
    for r in results:
        assert r.warc_offset is not None and Path(r.warc_file) == f.warc_path.resolve()
        if r.body is not None:
            assert read_record_at(f.warc_path, r.warc_offset).body == r.body
    by_offset = {offset: (t, uri, payload) for t, uri, offset, _, payload in found}
    assert by_offset[results[0].warc_offset] == ("response", web.base_url + "/healthy/", front_page())
    assert by_offset[results[1].warc_offset][2] == article_page(1)
    assert by_offset[results[2].warc_offset][0] == "response"  # the 404 is archived as a response
    outcomes = {o["outcome"]: o for o in read_outcomes(f.warc_path)}
    assert set(outcomes) == {"robots_disallowed", "offsite_redirect", "connection_error"}
    assert outcomes["connection_error"]["url"] == closed
    assert outcomes["offsite_redirect"]["offset"] == results[5].warc_offset
    truncated = [t for t, uri, _, t_reason, _ in found if t == "response" and uri.endswith("/reset/") and t_reason == "disconnect"]
    assert len(truncated) == 1


def test_redirected_page_is_found_under_the_requested_url(web: FaultyWeb, settings: Settings) -> None:
    with make_fetcher(web, settings) as f:
        r = f.fetch(web.base_url + "/redirect-chain/2", kind="front")
    assert r.ok and r.final_url == web.base_url + "/redirect-chain/0"
    latest = latest_responses(f.warc_path)
    replay = latest[web.base_url + "/redirect-chain/2"]
    assert replay.body == r.body and replay.status == 200
    assert replay.final_url == web.base_url + "/redirect-chain/0"
    assert replay.requested_url == web.base_url + "/redirect-chain/2"
    assert latest[web.base_url + "/redirect-chain/1"].status == 302  # each hop kept under its own URL
    hops = [a.url for a in read_responses(f.warc_path) if a.requested_url == web.base_url + "/redirect-chain/2"]
    assert hops == [web.base_url + f"/redirect-chain/{n}" for n in (2, 1, 0)]


def test_later_task_appends_and_latest_wins(web: FaultyWeb, settings: Settings) -> None:
    with make_fetcher(web, settings) as front_task:
        front = front_task.fetch(web.base_url + "/flaky/latest?fail=1", kind="front")  # 500: max_retries=0
    size_after_first = front_task.warc_path.stat().st_size
    with make_fetcher(web, settings) as article_task:
        again = article_task.fetch(web.base_url + "/flaky/latest?fail=1", kind="front")  # now 200
    assert (front.status, again.status) == (500, 200)
    assert again.warc_offset >= size_after_first and article_task.warc_path == front_task.warc_path
    assert [t for t, *_ in records(front_task.warc_path)].count("warcinfo") == 1
    assert read_record_at(front_task.warc_path, front.warc_offset).status == 500  # earlier offsets stay valid
    latest = latest_responses(front_task.warc_path)
    assert latest[web.base_url + "/flaky/latest?fail=1"].status == 200


def test_read_responses_can_filter_by_url(web: FaultyWeb, settings: Settings) -> None:
    with make_fetcher(web, settings) as f:
        f.fetch(web.base_url + "/healthy/")
        f.fetch(web.base_url + "/healthy/article-2.html")
    only = list(read_responses(f.warc_path, urls=[web.base_url + "/healthy/article-2.html"]))
    assert [a.body for a in only] == [article_page(2)]
    assert only[0].offset == f.results[-1].warc_offset and only[0].fetched_at.tzinfo is not None


def test_read_record_at_rejects_an_offset_that_is_not_a_response(web: FaultyWeb, settings: Settings) -> None:
    with make_fetcher(web, settings) as f:
        f.fetch(web.base_url + "/healthy/")
    with pytest.raises(ValueError, match="warcinfo"):
        read_record_at(f.warc_path, 0)
    with pytest.raises(ValueError):
        read_record_at(f.warc_path, 5)


def test_no_offset_inside_a_record_yields_a_record(tmp_path: Path) -> None:
    # warcio, started inside a gzip member, sometimes skipped ahead and returned a later record
    # (about 1 file in 16, inside its first record); every offset but a record's first byte must be refused.
    for n in range(100):
        path = tmp_path / f"{n}.warc.gz"
        writer = WarcWriter(path)
        start = writer.write_exchange(_exchange(n))
        assert read_record_at(path, start).url == f"http://t.test/{n}"
        for offset in [*range(1, 12), *range(start + 1, start + 12)]:
            with pytest.raises(ValueError):
                read_record_at(path, offset)


def _exchange(n: int) -> HttpExchange:
    body = f"<html><body>page {n}</body></html>".encode()
    return HttpExchange(url=f"http://t.test/{n}", requested_url=f"http://t.test/{n}", kind="article",
                        started_at=datetime.now(UTC), request_headers=[("Host", "t.test")], status=200, reason="OK",
                        response_headers=[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                        payload=gzip.compress(body))


def test_concurrent_writers_do_not_interleave(tmp_path: Path) -> None:
    path = tmp_path / "shared.warc.gz"
    writers = [WarcWriter(path), WarcWriter(path)]  # two tasks appending to one file
    offsets: dict[int, int] = {}

    def work(writer: WarcWriter, numbers: range) -> None:
        for n in numbers:
            offsets[n] = writer.write_exchange(_exchange(n))

    threads = [threading.Thread(target=work, args=(w, range(i * 40, i * 40 + 40))) for i, w in enumerate(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for w in writers:
        w.close()
    for n, offset in offsets.items():
        assert read_record_at(path, offset).body == f"<html><body>page {n}</body></html>".encode()
    assert len(list(read_responses(path))) == 80
    assert [t for t, *_ in records(path)].count("warcinfo") == 1


def test_unresolvable_revisit_keeps_304_and_no_body(tmp_path: Path) -> None:
    from media_monitor.archive import ArchivedResponse

    writer = WarcWriter(tmp_path / "a.warc.gz")
    ghost = ArchivedResponse(url="http://t.test/1", status=200, headers={}, body=b"x", fetched_at=datetime.now(UTC),
                             offset=0, warc_path=tmp_path / "missing.warc.gz", record_id="<urn:uuid:0>")
    ex = _exchange(1)
    ex.status, ex.reason, ex.payload = 304, "Not Modified", b""
    offset = writer.write_not_modified(ex, ghost)
    writer.close()
    revisit = read_record_at(tmp_path / "a.warc.gz", offset)
    assert revisit.not_modified and revisit.status == 304 and revisit.body is None and not revisit.ok


# --------------------------------------------------------------------------- content decoding


def test_decoder_output_is_bounded_per_call() -> None:
    bomb = gzip.compress(bytes(50 * 1024 * 1024), compresslevel=1)
    decoder = ContentDecoder("gzip")
    first = decoder.decode(bomb, 1000)
    assert len(first) == 1000
    assert len(decoder.decode(b"", 5000)) == 5000  # the rest is still there, on demand


def test_decoder_handles_multi_member_gzip_and_both_deflates() -> None:
    assert decode_payload(gzip.compress(b"ab") + gzip.compress(b"cd"), "gzip") == b"abcd"
    assert decode_payload(zlib.compress(b"zlib-wrapped"), "deflate") == b"zlib-wrapped"
    raw = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    assert decode_payload(raw.compress(b"raw deflate") + raw.flush(), "deflate") == b"raw deflate"
    assert decode_payload(b"plain", None) == b"plain" and decode_payload(b"plain", "identity") == b"plain"
    noise = random.Random(7).randbytes(100_000)  # incompressible: a cut stream really misses data
    truncated = gzip.compress(noise)[:50_000]
    decoded = decode_payload(truncated, "gzip")
    assert 0 < len(decoded) < 100_000 and noise.startswith(decoded)  # what arrived, no exception


def test_decoder_refuses_what_it_cannot_bound() -> None:
    for coding in ("br", "zstd", "gzip, gzip"):
        with pytest.raises(UnsupportedEncoding):
            ContentDecoder(coding)
    with pytest.raises(zlib.error):
        ContentDecoder("gzip").decode(b"definitely not gzip", 100)


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
