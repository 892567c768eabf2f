"""The WARC archive: every HTTP exchange written as it happened, and read back for replay.

Layout: one gzipped WARC file per outlet per run date (``raw/<run_date>/<outlet>.warc.gz``),
opened in append mode. Each record is its own gzip member, so a later task of the same
run can append after an earlier one and the file stays valid. The file starts with a
``warcinfo`` record; then, per exchange, a ``request`` record and a ``response`` record.

What a response record holds:

* ``WARC-Target-URI`` is the URL of that exchange. A redirect chain is written hop by hop,
  so every URL that was requested has its own record; every hop also carries
  ``WARC-X-Requested-URI``, the URL the caller asked for, so :func:`latest_responses`
  can map the requested URL to the end of its chain.
* The HTTP block is the status line and headers as received, then the payload as it
  came off the wire (still gzip-compressed when the server compressed it). Only the
  ``Transfer-Encoding`` header is dropped, because the chunk framing itself is not kept.
  warcio's ``content_stream()`` therefore reads it back like any crawler's WARC.
* A body we stopped reading (size cap, deadline, dropped connection) gets the standard
  ``WARC-Truncated`` header (``length`` / ``time`` / ``disconnect``).

A ``304 Not Modified`` answer is written as a ``revisit`` record (server-not-modified
profile) that points at the archived ``200`` it confirms, by record id and, to read it
without an index, by ``WARC-X-Refers-To-Filename`` (relative to this file's folder) and
``WARC-X-Refers-To-Offset``. Readers here resolve it and return the original body.

Attempts that got no response at all (timeout, refused connection, robots.txt, an unsafe
address) are ``metadata`` records whose JSON payload names the outcome, so the archive
shows every attempt, not only the successful ones.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import threading
import zlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date, iso_date_to_datetime
from warcio.warcwriter import WARCWriter

from media_monitor import __version__

# WARC/1.1 allows microseconds in WARC-Date: two fetches of one URL within a second
# (a retry) still sort correctly.
WARC_VERSION = "1.1"
SOFTWARE = f"media-monitor/{__version__} (warcio)"

REQUESTED_URI = "WARC-X-Requested-URI"
FETCH_KIND = "WARC-X-Fetch-Kind"
REFERS_TO_FILENAME = "WARC-X-Refers-To-Filename"
REFERS_TO_OFFSET = "WARC-X-Refers-To-Offset"
NOT_MODIFIED_PROFILE = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
OUTCOME_CONTENT_TYPE = "application/json"

# Bodies are decoded on read with this ceiling: a record that was cut at the size cap
# while gunzipping (a gzip bomb) must not inflate past what the fetcher ever accepted.
DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024
# A revisit may point at a revisit (a day-3 304 confirming a day-2 304): follow a few
# hops, never a cycle.
MAX_REVISIT_DEPTH = 4
# gzip magic: a second gzip member after the first is valid (RFC 1952); anything else
# after the end of the stream is junk that browsers ignore.
_GZIP_MAGIC = b"\x1f\x8b"
# The hop-by-hop framing header we do not keep: the payload is stored de-chunked.
_DROPPED_HEADERS = frozenset({"transfer-encoding"})


class UnsupportedEncoding(ValueError):
    """A Content-Encoding we do not decode (we only ask for gzip and deflate)."""


class ContentDecoder:
    """Streaming Content-Encoding decoder whose output is bounded per call.

    zlib's ``max_length`` keeps a gzip bomb from inflating past the limit we pass: we
    never hold more decoded bytes than the caller is willing to accept.
    """

    def __init__(self, content_encoding: str | None) -> None:
        codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1:
            raise UnsupportedEncoding(f"stacked Content-Encoding {content_encoding!r}")
        self.coding = codings[0] if codings else None
        if self.coding not in (None, "gzip", "x-gzip", "deflate"):
            raise UnsupportedEncoding(f"Content-Encoding {self.coding!r}")
        self._obj: Any = self._new_obj()
        self._pending = b""  # input zlib has not taken yet (it stopped at the output limit)
        self._probe = self.coding == "deflate"  # zlib-wrapped or raw deflate? decided on the first bytes
        self._done = False

    @property
    def identity(self) -> bool:
        return self.coding is None

    def _new_obj(self) -> Any:
        if self.coding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        if self.coding == "deflate":
            return zlib.decompressobj(zlib.MAX_WBITS)
        return None

    def _inflate(self, data: bytes, limit: int) -> bytes:
        try:
            return self._obj.decompress(data, limit)
        except zlib.error:
            if not self._probe:
                raise
            # "deflate" should be zlib-wrapped, but many servers send raw deflate.
            self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
            return self._obj.decompress(data, limit)
        finally:
            self._probe = False

    def decode(self, data: bytes, limit: int) -> bytes:
        """Decode ``data``; return at most ``limit`` bytes (the rest stays pending for later calls).

        Identity content is returned as is (the caller counts it).

        Raises:
            zlib.error: the payload is not valid for its declared encoding.
        """
        if self._obj is None:
            return data
        self._pending += data
        out: list[bytes] = []
        while limit > 0 and not self._done:
            feed, self._pending = self._pending, b""
            chunk = self._inflate(feed, limit)
            self._pending = self._obj.unconsumed_tail
            out.append(chunk)
            limit -= len(chunk)
            if self._obj.eof:
                rest = self._obj.unused_data + self._pending
                if self.coding != "deflate" and rest.startswith(_GZIP_MAGIC):
                    self._obj, self._pending = self._new_obj(), rest  # next gzip member
                    continue
                self._done = True
            elif not chunk and not self._pending:
                break  # zlib needs more input
        return b"".join(out)

    def finish(self, limit: int) -> bytes:
        """Drain what the decoder still holds (never more than ``limit`` bytes)."""
        if self._obj is None or self._done:
            return b""
        return self.decode(b"", limit)


def decode_payload(payload: bytes, content_encoding: str | None, limit: int = DEFAULT_MAX_BODY_BYTES) -> bytes:
    """Decode a whole stored payload (at most ``limit`` bytes; a truncated stream yields what it has)."""
    decoder = ContentDecoder(content_encoding)
    if decoder.identity:
        return payload[:limit]
    out = decoder.decode(payload, limit + 1)
    out += decoder.finish(limit + 1 - len(out))
    return out[:limit]


@dataclass
class ArchivedResponse:
    """One archived HTTP response, or a 304 revisit resolved to the response it confirms.

    A resolved revisit reads like the original (``status`` 200, its body and entity
    headers) with ``record_type == "revisit"`` and ``not_modified`` True, so replay code
    that wants "the page as of this run" needs no special case. Unresolvable, it keeps
    status 304 and no body.
    """

    url: str  # WARC-Target-URI: the URL of this exchange (the end of a redirect chain)
    status: int | None
    headers: dict[str, str]
    body: bytes | None  # decoded (Content-Encoding removed); None if it could not be decoded
    fetched_at: datetime | None  # WARC-Date, UTC
    offset: int  # byte offset of the record in its file
    warc_path: Path | None = None
    requested_url: str | None = None  # WARC-X-Requested-URI: what the caller asked for
    kind: str | None = None  # WARC-X-Fetch-Kind: front | article | rss | robots
    record_id: str | None = None
    record_type: str = "response"  # or "revisit"
    truncated: str | None = None  # WARC-Truncated reason, if the body was cut
    refers_to: ArchivedResponse | None = field(default=None, repr=False)  # a revisit's original

    @property
    def content_type(self) -> str | None:
        for key, value in self.headers.items():
            if key.lower() == "content-type":
                return value
        return None

    @property
    def final_url(self) -> str:
        """The URL this response came from (``url``; named for callers holding a requested URL)."""
        return self.url

    @property
    def not_modified(self) -> bool:
        """True for a 304 revisit (resolved or not)."""
        return self.record_type == "revisit"

    @property
    def ok(self) -> bool:
        """A complete 2xx body (a resolved 304 counts: it carries its original's)."""
        if self.body is None or self.truncated or self.status is None:
            return False
        return 200 <= self.status < 300


@dataclass
class HttpExchange:
    """What the fetcher hands over to be archived for one request/response."""

    url: str
    requested_url: str
    kind: str
    started_at: datetime
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    payload: bytes  # as received, Content-Encoding still applied
    http_version: str = "HTTP/1.1"
    ip_address: str | None = None
    truncated: str | None = None  # length | time | disconnect


def _request_target(url: str) -> str:
    """The request-target of an HTTP/1.1 request line: path and query."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _warc_date(when: datetime) -> str:
    return datetime_to_iso_date(when.astimezone(UTC).replace(tzinfo=None), use_micros=True)


class WarcWriter:
    """Append-only writer for one WARC file, safe across threads and processes.

    The file is created (with its warcinfo record) on the first write. Every group of
    records is written under an exclusive ``flock`` after seeking to the end, so two
    tasks appending to the same outlet's file cannot interleave their gzip members.
    """

    def __init__(self, path: Path, *, info: dict[str, str] | None = None) -> None:
        self.path = Path(path)
        self.info = dict(info or {})
        self._fh: BinaryIO | None = None
        self._lock = threading.Lock()

    def _open(self) -> BinaryIO:
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "ab")  # noqa: SIM115 - kept open for the writer's lifetime
        return self._fh

    def _write_group(self, build: Any) -> list[int]:
        """Write the records ``build(writer)`` returns; return the offset of each."""
        with self._lock:
            fh = self._open()
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                fh.seek(0, os.SEEK_END)
                writer = WARCWriter(fh, gzip=True, warc_version=WARC_VERSION)
                if fh.tell() == 0:
                    info = {"software": SOFTWARE, "format": "WARC File Format 1.1", **self.info}
                    writer.write_record(writer.create_warcinfo_record(self.path.name, info))
                offsets = []
                for record in build(writer):
                    offsets.append(fh.tell())
                    writer.write_record(record)
                fh.flush()
                return offsets
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def _request_record(self, writer: WARCWriter, ex: HttpExchange, concurrent_to: str) -> Any:
        target = _request_target(ex.url)
        http = StatusAndHeaders(f"GET {target} {ex.http_version}", list(ex.request_headers), is_http_request=True)
        warc_headers = {"WARC-Date": _warc_date(ex.started_at), "WARC-Concurrent-To": concurrent_to}
        return writer.create_warc_record(ex.url, "request", http_headers=http, warc_headers_dict=warc_headers)

    def write_exchange(self, ex: HttpExchange) -> int:
        """Write the request and response records; return the response record's offset."""

        def build(writer: WARCWriter) -> list[Any]:
            kept = [(k, v) for k, v in ex.response_headers if k.lower() not in _DROPPED_HEADERS]
            http = StatusAndHeaders(f"{ex.status} {ex.reason}".strip(), kept, protocol=ex.http_version)
            warc_headers = {"WARC-Date": _warc_date(ex.started_at), REQUESTED_URI: ex.requested_url, FETCH_KIND: ex.kind}
            if ex.ip_address:
                warc_headers["WARC-IP-Address"] = ex.ip_address
            if ex.truncated:
                warc_headers["WARC-Truncated"] = ex.truncated
            response = writer.create_warc_record(
                ex.url, "response", payload=io.BytesIO(ex.payload), length=len(ex.payload),
                http_headers=http, warc_headers_dict=warc_headers,
            )
            record_id = response.rec_headers.get_header("WARC-Record-ID")
            return [self._request_record(writer, ex, record_id), response]

        return self._write_group(build)[1]

    def write_not_modified(self, ex: HttpExchange, original: ArchivedResponse) -> int:
        """Write a 304 as a server-not-modified revisit of ``original``; return its offset."""

        def build(writer: WARCWriter) -> list[Any]:
            http = StatusAndHeaders(f"{ex.status} {ex.reason}".strip(), list(ex.response_headers), protocol=ex.http_version)
            warc_headers = {
                "WARC-Date": _warc_date(ex.started_at),
                REQUESTED_URI: ex.requested_url,
                FETCH_KIND: ex.kind,
                "WARC-Profile": NOT_MODIFIED_PROFILE,
                "WARC-Refers-To-Target-URI": original.url,
            }
            if original.fetched_at:
                warc_headers["WARC-Refers-To-Date"] = _warc_date(original.fetched_at)
            if original.record_id:
                warc_headers["WARC-Refers-To"] = original.record_id
            if original.warc_path is not None:
                warc_headers[REFERS_TO_FILENAME] = _relative_to(original.warc_path, self.path.parent)
                warc_headers[REFERS_TO_OFFSET] = str(original.offset)
            if ex.ip_address:
                warc_headers["WARC-IP-Address"] = ex.ip_address
            revisit = writer.create_warc_record(ex.url, "revisit", http_headers=http, warc_headers_dict=warc_headers)
            record_id = revisit.rec_headers.get_header("WARC-Record-ID")
            return [self._request_record(writer, ex, record_id), revisit]

        return self._write_group(build)[1]

    def write_outcome(
        self, url: str, outcome: dict[str, Any], *, started_at: datetime,
        request: HttpExchange | None = None,
    ) -> int:
        """Write a metadata record (JSON) for an attempt with no response; return its offset.

        With ``request`` (the request was sent but nothing came back), the request
        record is written first, so the archive shows what we asked for.
        """

        def build(writer: WARCWriter) -> list[Any]:
            payload = json.dumps(outcome, sort_keys=True, default=str).encode("utf-8")
            warc_headers = {"WARC-Date": _warc_date(started_at)}
            if request is not None:
                warc_headers[REQUESTED_URI] = request.requested_url
                warc_headers[FETCH_KIND] = request.kind
            meta = writer.create_warc_record(
                url, "metadata", payload=io.BytesIO(payload), length=len(payload),
                warc_content_type=OUTCOME_CONTENT_TYPE, warc_headers_dict=warc_headers,
            )
            if request is None:
                return [meta]
            return [self._request_record(writer, request, meta.rec_headers.get_header("WARC-Record-ID")), meta]

        return self._write_group(build)[-1]

    def close(self) -> None:
        with self._lock:
            if self._fh is not None:
                self._fh.close()
                self._fh = None


def _relative_to(path: Path, base: Path) -> str:
    try:
        return os.path.relpath(Path(path).resolve(), Path(base).resolve())
    except ValueError:  # another drive (Windows): keep it absolute
        return str(Path(path).resolve())


def _header_dict(headers: StatusAndHeaders | None) -> dict[str, str]:
    """Headers as a dict; repeated names are joined with ", " as HTTP allows."""
    out: dict[str, str] = {}
    if headers is None:
        return out
    for key, value in headers.headers:
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out


def _fetched_at(record: Any) -> datetime | None:
    raw = record.rec_headers.get_header("WARC-Date")
    if not raw:
        return None
    try:
        return iso_date_to_datetime(raw, tz_aware=True)
    except ValueError:
        return None


def _status(record: Any) -> int | None:
    if record.http_headers is None:
        return None
    try:
        return int(record.http_headers.get_statuscode())
    except (TypeError, ValueError):
        return None


def _read_body(record: Any, max_body_bytes: int) -> bytes | None:
    http = record.http_headers
    if http is not None and "chunked" in (http.get_header("Transfer-Encoding") or "").lower():
        # Written by another tool with the chunk framing kept: let warcio undo it.
        try:
            return record.content_stream().read(max_body_bytes)
        except Exception:  # noqa: BLE001 - a damaged record reads as "no body", not a crash
            return None
    payload = record.raw_stream.read()
    encoding = http.get_header("Content-Encoding") if http is not None else None
    try:
        return decode_payload(payload, encoding, max_body_bytes)
    except (UnsupportedEncoding, zlib.error):
        return None


def _to_response(record: Any, offset: int, path: Path, max_body_bytes: int, depth: int = 0) -> ArchivedResponse:
    rec = record.rec_headers
    response = ArchivedResponse(
        url=rec.get_header("WARC-Target-URI") or "",
        status=_status(record),
        headers=_header_dict(record.http_headers),
        body=None,
        fetched_at=_fetched_at(record),
        offset=offset,
        warc_path=path,
        requested_url=rec.get_header(REQUESTED_URI),
        kind=rec.get_header(FETCH_KIND),
        record_id=rec.get_header("WARC-Record-ID"),
        record_type=record.rec_type,
        truncated=rec.get_header("WARC-Truncated"),
    )
    if record.rec_type == "response":
        response.body = _read_body(record, max_body_bytes)
        return response
    # A revisit: find the original it confirms and take its body and entity headers.
    ref_file, ref_offset = rec.get_header(REFERS_TO_FILENAME), rec.get_header(REFERS_TO_OFFSET)
    if ref_file and ref_offset and ref_offset.isdigit() and depth < MAX_REVISIT_DEPTH:
        ref_path = (path.parent / ref_file).resolve()
        try:
            original = read_record_at(ref_path, int(ref_offset), max_body_bytes=max_body_bytes, _depth=depth + 1)
        except (OSError, ValueError):
            original = None
        if original is not None and original.body is not None:
            response.refers_to = original
            response.status = original.status
            response.body = original.body
            entity = {k: v for k, v in original.headers.items() if k.lower() not in ("content-length", "content-encoding")}
            own = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-encoding")}
            response.headers = {**entity, **own}
    return response


def _iter_records(warc_path: Path) -> Iterator[tuple[Any, ArchiveIterator]]:
    with open(warc_path, "rb") as fh:
        iterator = ArchiveIterator(fh)
        for record in iterator:
            yield record, iterator


def read_responses(
    warc_path: Path | str, *, urls: Collection[str] | None = None, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> Iterator[ArchivedResponse]:
    """Every response (and 304 revisit, resolved to its original body) in file order.

    Args:
        warc_path: a WARC file (gzipped or not).
        urls: only records whose target or requested URL is one of these; only their
            bodies are read, so finding one robots.txt in a big file stays cheap.
        max_body_bytes: decode no more than this per body.
    """
    path = Path(warc_path)
    wanted = set(urls) if urls is not None else None
    for record, iterator in _iter_records(path):
        if record.rec_type not in ("response", "revisit"):
            continue
        if wanted is not None:
            target = record.rec_headers.get_header("WARC-Target-URI")
            requested = record.rec_headers.get_header(REQUESTED_URI)
            if target not in wanted and requested not in wanted:
                continue
        response = _to_response(record, -1, path, max_body_bytes)
        # warcio knows a record's offset once the record has been read to its end.
        response.offset = iterator.get_record_offset()
        yield response


def latest_responses(warc_path: Path | str, *, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> dict[str, ArchivedResponse]:
    """The latest response per URL, in file order.

    Each response is filed under its own URL and, when it ends a redirect chain, also
    under the URL that was requested: ``latest_responses(p)[front_url]`` is the page the
    front URL led to, even through redirects.
    """
    latest: dict[str, ArchivedResponse] = {}
    for response in read_responses(warc_path, max_body_bytes=max_body_bytes):
        latest[response.url] = response
        if response.requested_url and response.requested_url != response.url:
            latest[response.requested_url] = response
    return latest


def read_record_at(
    warc_path: Path | str, offset: int, *, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES, _depth: int = 0,
) -> ArchivedResponse:
    """The response (or resolved revisit) record that starts at ``offset``.

    Raises:
        ValueError: no response or revisit record starts there.
        OSError: the file cannot be read.
    """
    path = Path(warc_path)
    with open(path, "rb") as fh:
        fh.seek(offset)
        # A record starts with a gzip member or a WARC version line. warcio, handed bytes from the
        # middle of a member, sometimes skips ahead and yields some later record: not the one asked for.
        head = fh.read(5)
        if not (head.startswith(b"\x1f\x8b") or head == b"WARC/"):
            raise ValueError(f"{path}: no WARC record starts at offset {offset}")
        fh.seek(offset)
        try:
            record = next(iter(ArchiveIterator(fh)))
        except StopIteration:
            raise ValueError(f"{path}: no WARC record at offset {offset}") from None
        except Exception as exc:  # noqa: BLE001 - warcio raises several kinds for a bad offset
            raise ValueError(f"{path}: no WARC record at offset {offset}: {exc}") from None
        if record.rec_type not in ("response", "revisit"):
            raise ValueError(f"{path}: record at offset {offset} is a {record.rec_type!r} record, not a response")
        return _to_response(record, offset, path, max_body_bytes, depth=_depth)


def read_outcomes(warc_path: Path | str) -> Iterator[dict[str, Any]]:
    """The JSON outcome of every attempt that got no response (metadata records), with url and offset."""
    for record, iterator in _iter_records(Path(warc_path)):
        if record.rec_type != "metadata" or record.rec_headers.get_header("Content-Type") != OUTCOME_CONTENT_TYPE:
            continue
        try:
            payload = json.loads(record.raw_stream.read().decode("utf-8"))
        except ValueError:
            payload = {}
        payload["url"] = record.rec_headers.get_header("WARC-Target-URI")
        payload["offset"] = iterator.get_record_offset()
        yield payload
