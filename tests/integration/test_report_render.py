"""The rendered report, as a browser shows it: headless Chromium screenshots and DOM dumps.

The HTML report is checked structurally by tests/unit/test_report.py; here a real browser lays
it out and paints it, so a broken SVG (unparsable markup, a chart drawn off its canvas, white
on white) shows up as missing charts or a blank picture. The PNG is decoded here, with zlib
and the PNG row filters, to count colours: no imaging library is needed.

Chromium runs with its background networking off: this machine's closed network refuses its
connections, and a report must render with no network anyway (it has no remote assets).
"""

from __future__ import annotations

import os
import struct
import subprocess
import xml.etree.ElementTree as ET
import zlib
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from media_monitor.report import PALETTE, RANK_FILLS, build_report
from tests.unit.test_report import RUN_DATE, make_db

pytestmark = pytest.mark.integration

CHROMIUM = Path("/usr/bin/chromium")
WIDTH, HEIGHT = 1280, 2400
SVG_NS = "{http://www.w3.org/2000/svg}"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install the Debian package chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("render")
    db = make_db(root / "media.duckdb")
    return build_report(RUN_DATE, db_path=db, out_dir=root / "reports").html


def _run_chromium(chromium: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(chromium), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def screenshot(chromium: Path, report_html: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shot")
    png = out / "report.png"
    proc = _run_chromium(
        chromium, out / "profile", f"--screenshot={png}", f"--window-size={WIDTH},{HEIGHT}", report_html.as_uri()
    )
    assert png.exists(), proc.stderr.decode(errors="replace")[-2000:]
    return png


@pytest.fixture(scope="module")
def rendered_dom(chromium: Path, report_html: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("dom")
    proc = _run_chromium(chromium, out / "profile", "--dump-dom", report_html.as_uri())
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-2000:]
    return proc.stdout.decode("utf-8")


# --------------------------------------------------------------------------------------------
# A small PNG reader: 8-bit RGB or RGBA, not interlaced (what Chromium writes).
# --------------------------------------------------------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR"
    return struct.unpack(">II", header[16:24])


def read_png(path: Path) -> np.ndarray:
    """The image as an array of shape (height, width, 3), RGB."""
    data = path.read_bytes()
    pos, idat = 8, []
    width = height = channels = 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    raw = np.frombuffer(zlib.decompress(b"".join(idat)), dtype=np.uint8)
    stride = width * channels
    lines = raw.reshape(height, stride + 1)
    image = np.zeros((height, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        kind, line = lines[y, 0], lines[y, 1:].astype(np.int32)
        if kind == 0:  # None
            row = line
        elif kind == 1:  # Sub: a running sum along each channel
            row = np.cumsum(line.reshape(width, channels), axis=0).reshape(stride) % 256
        elif kind == 2:  # Up
            row = (line + prev) % 256
        else:  # Average and Paeth depend on the byte to the left: one byte at a time
            row = np.zeros(stride, dtype=np.int32)
            values, above = line.tolist(), prev.tolist()
            out = [0] * stride
            for x in range(stride):
                left = out[x - channels] if x >= channels else 0
                up = above[x]
                if kind == 3:
                    out[x] = (values[x] + (left + up) // 2) & 255
                else:
                    corner = above[x - channels] if x >= channels else 0
                    p = left + up - corner
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                    pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                    out[x] = (values[x] + pred) & 255
            row = np.array(out, dtype=np.int32)
        image[y] = row
        prev = row
    return image.reshape(height, width, channels)[:, :, :3]


def _hex(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.int32)


def colour_mask(image: np.ndarray, colour: str, tolerance: int = 12) -> np.ndarray:
    """Pixels within ``tolerance`` of ``colour`` on every channel."""
    return (np.abs(image.astype(np.int32) - _hex(colour)) <= tolerance).all(axis=2)


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


def test_png_reader_decodes_every_filter(tmp_path: Path) -> None:
    """The reader against an image written here with all five row filters."""
    rng = np.random.default_rng(1)
    width, height = 7, 5
    image = rng.integers(0, 256, size=(height, width, 3), dtype=np.uint8)
    rows = []
    prev = np.zeros(width * 3, dtype=np.int32)
    for y in range(height):
        cur = image[y].reshape(-1).astype(np.int32)
        left = np.concatenate([np.zeros(3, dtype=np.int32), cur[:-3]])
        corner = np.concatenate([np.zeros(3, dtype=np.int32), prev[:-3]])
        kind = y % 5
        if kind == 0:
            filtered = cur
        elif kind == 1:
            filtered = cur - left
        elif kind == 2:
            filtered = cur - prev
        elif kind == 3:
            filtered = cur - (left + prev) // 2
        else:
            p = left + prev - corner
            pa, pb, pc = np.abs(p - left), np.abs(p - prev), np.abs(p - corner)
            filtered = cur - np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, prev, corner))
        rows.append(bytes([kind]) + (filtered % 256).astype(np.uint8).tobytes())
        prev = cur

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    png = tmp_path / "t.png"
    png.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )
    assert png_size(png) == (width, height)
    assert (read_png(png) == image).all()


def test_screenshot_has_the_window_size(screenshot: Path) -> None:
    assert png_size(screenshot) == (WIDTH, HEIGHT)


def _without_rules(mask: np.ndarray) -> np.ndarray:
    """The mask without page-wide horizontal rules (the headings' underline shares a chart colour)."""
    mask = mask.copy()
    mask[mask.sum(axis=1) > 900] = False
    return mask


def _has_block(mask: np.ndarray, height: int, width: int) -> bool:
    """True if the mask holds a solid rectangle of at least height x width pixels."""
    runs = np.cumsum(np.pad(mask, ((0, 0), (1, 0))).astype(np.int32), axis=1)
    wide = (runs[:, width:] - runs[:, :-width]) == width  # a run of `width` starts here
    stacked = np.cumsum(np.pad(wide, ((1, 0), (0, 0))).astype(np.int32), axis=0)
    return bool(((stacked[height:] - stacked[:-height]) == height).any())


def test_screenshot_is_not_blank_and_shows_the_charts(screenshot: Path) -> None:
    image = read_png(screenshot)
    assert image.shape == (HEIGHT, WIDTH, 3)
    white = (image >= 250).all(axis=2)
    # Text, tables and charts: a blank or failed page is (almost) one colour.
    assert 0.03 < 1 - white.mean() < 0.6
    distinct = len(np.unique(image.reshape(-1, 3).astype(np.int64) @ np.array([65536, 256, 1])))
    assert distinct > 200

    # The volume chart: the third outlet's colour is drawn nowhere else, so its pixels place the
    # chart. In that band each outlet's line crosses the plot (the legend's swatch alone is
    # 24 px wide).
    green = colour_mask(image, PALETTE[2], tolerance=6)
    rows = np.flatnonzero(green.any(axis=1))
    assert len(rows) > 20, "volume chart lines missing"
    band = image[max(0, rows.min() - 200) : rows.max() + 200]
    for colour in PALETTE[:3]:
        mask = _without_rules(colour_mask(band, colour, tolerance=6))
        assert mask.sum() > 150, colour
        columns = np.flatnonzero(mask.any(axis=0))
        assert columns.max() - columns.min() > 300, colour

    # The English rising-terms chart, further down: bars are solid blocks of the first two
    # palette colours (z vs 7 and vs 28 days), 10 px tall and far wider than a legend swatch.
    below = image[rows.max() + 200 :]
    for colour in PALETTE[:2]:
        assert _has_block(colour_mask(below, colour, tolerance=4), height=8, width=60), colour
    # A blank region, for contrast, has none.
    assert not _has_block(colour_mask(image[:40], PALETTE[0], tolerance=4), height=8, width=60)


class _SvgCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.svgs: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.depth += 1
            self.svgs.append([])
        if self.depth:
            self.svgs[-1].append(tag)

    def handle_endtag(self, tag):
        if tag == "svg":
            self.depth -= 1


def test_rendered_dom_holds_the_svg_charts(rendered_dom: str, report_html: Path) -> None:
    parser = _SvgCollector()
    parser.feed(rendered_dom)
    # Volume, rising terms in English and in Russian, story timelines.
    assert len(parser.svgs) == 4
    for tags in parser.svgs:
        assert "title" in tags
        assert tags.count("text") >= 3  # axis labels, legends, names
    volume, rising_en, rising_ru, stories = parser.svgs
    assert volume.count("polyline") == 3
    assert rising_en.count("rect") >= 2 and rising_ru.count("rect") >= 2
    assert stories.count("rect") >= 5 * 8  # five outlet rows of eight days, plus the legend
    for title in (
        "Headlines per day and outlet",
        "Rising terms (English)",
        "Rising terms (Russian)",
        "Story timelines",
    ):
        assert title in rendered_dom
    # The browser parsed the charts as the SVG the report wrote: same elements, well-formed.
    html = report_html.read_text(encoding="utf-8")
    for written, rendered in zip(_svg_sources(html), parser.svgs, strict=True):
        root = ET.fromstring(written)
        assert root.tag == f"{SVG_NS}svg"
        assert [el.tag.removeprefix(SVG_NS) for el in root.iter()] == rendered
    # Chart colours the story timeline promises in its legend are the ones it paints.
    assert all(fill in html for _, fill, _ in RANK_FILLS)


def _svg_sources(html: str) -> list[str]:
    out, start = [], 0
    while (begin := html.find("<svg", start)) != -1:
        end = html.index("</svg>", begin) + len("</svg>")
        out.append(html[begin:end])
        start = end
    return out
