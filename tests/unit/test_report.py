"""The daily trend report on a small synthetic DuckDB: statistics, stories, rendering, escaping."""

from __future__ import annotations

import csv
import json
import random
import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from media_monitor.report import (
    NoDataError,
    ReportOptions,
    build_report,
    compute_report,
    log_odds_dirichlet,
    md_cell,
)
from media_monitor.text import Collocations

SCHEMA = Path(__file__).resolve().parents[2] / "include" / "sql" / "schema.sql"
RUN_DATE = date(2026, 3, 10)
DAYS = [RUN_DATE - timedelta(days=i) for i in range(9, -1, -1)]  # 10 days, RUN_DATE last
OUTLETS = {
    "daily-ledger": ["en"],
    "metro-wire": ["en"],
    "vestnik": ["ru", "en"],
}

# Per-outlet vocabularies for filler headlines: disjoint across outlets, so that no filler
# headline of one outlet can be mistaken for another outlet's story.
VOCAB = {
    "daily-ledger": (
        "cricket orchestra gallery novelist ballet cathedral allotment rowing regatta poetry "
        "sculpture theatre choir opera village bakery pottery festival marathon museum"
    ).split(),
    "metro-wire": (
        "subway skyline precinct borough mayor condo ferry stadium bodega zoning tenant "
        "transit hydrant pothole parade landlord subway diner uptown harbourfront"
    ).split(),
    "vestnik-en": (
        "tundra reindeer icebreaker permafrost taiga sable aurora glacier walrus lichen "
        "trawler blizzard fjord husky caribou narwhal iceberg seal whaler sledge"
    ).split(),
    "vestnik-ru": (
        "тундра олени ледокол мерзлота тайга соболь сияние ледник морж лишайник траулер "
        "метель фьорд лайка карибу нарвал айсберг тюлень китобой нарты"
    ).split(),
}

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = '"><img src=x onerror=alert(1)>'

STORY_TITLES = {
    "daily-ledger": "Dockworkers strike paralyses Rotterdam port",
    "metro-wire": "Rotterdam port shut as dockworkers walk out",
    "vestnik": "Strike by Rotterdam dockworkers halts port traffic",
}


def _filler(rng: random.Random, words: list[str], extra: str = "") -> str:
    picked = rng.sample(words, 3)
    return " ".join([*picked[:2], extra, picked[2]] if extra else picked).capitalize()


def make_db(path: Path, *, quality: bool = True) -> Path:
    """Ten days, three outlets: "drone" rises on the last day, "government" stays steady,
    and a port strike in Rotterdam is run by all three outlets in different words."""
    rng = random.Random(7)
    con = duckdb.connect(str(path))
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    for outlet, langs in OUTLETS.items():
        con.execute(
            "INSERT INTO outlets VALUES (?, ?, ?, ?, 'UTC', now())",
            [outlet, outlet.title(), f"https://{outlet}.test/", langs],
        )
    headlines: list[tuple] = []
    articles: list[tuple] = []
    sidebar: list[tuple] = []

    def add(day: date, outlet: str, title: str, rank: int | None = None, url: str | None = None) -> None:
        n = sum(1 for h in headlines if h[0] == day and h[1] == outlet)
        headlines.append((day, outlet, url or f"https://{outlet}.test/{day:%m%d}/{n}", rank or n + 1, title))

    for day in DAYS:
        last = day == RUN_DATE
        for outlet in OUTLETS:
            # The story first: it leads the front pages.
            if outlet == "daily-ledger" and day >= RUN_DATE - timedelta(days=1):
                add(
                    day,
                    outlet,
                    STORY_TITLES[outlet],
                    rank=2 if not last else 1,
                    url="https://daily-ledger.test/rotterdam",
                )
            if outlet in ("metro-wire", "vestnik") and last:
                add(day, outlet, STORY_TITLES[outlet], rank=1 if outlet == "metro-wire" else 3)
            vocab = VOCAB["vestnik-en" if outlet == "vestnik" else outlet]
            for _ in range(10):
                add(day, outlet, _filler(rng, vocab))
            for _ in range(2):
                add(day, outlet, _filler(rng, vocab, "government"))
            if outlet == "vestnik":
                for _ in range(6):
                    add(day, outlet, _filler(rng, VOCAB["vestnik-ru"], "правительство"))
                if last:
                    forms = ("Беспилотники", "беспилотников", "беспилотники", "беспилотник", "беспилотниками")
                    for form in forms * 2:
                        add(day, outlet, f"{form} {' '.join(rng.sample(VOCAB['vestnik-ru'], 2))}")
            if last:
                count = {"daily-ledger": 7, "metro-wire": 7, "vestnik": 6}[outlet]
                for i in range(count):
                    word = "drones" if i % 2 else "drone"
                    add(day, outlet, _filler(rng, vocab, word))
    # A two-outlet story whose headlines carry script payloads: shown in tables and SVG labels.
    add(RUN_DATE, "daily-ledger", f"Drone maker {XSS_IMG} unveils Falcon quadcopter")
    add(RUN_DATE, "metro-wire", f"{XSS_SCRIPT} Falcon quadcopter unveiled by drone maker")

    con.executemany(
        "INSERT INTO headlines (run_date, outlet, url, rank, title) VALUES (?, ?, ?, ?, ?)",
        headlines,
    )

    articles.append(
        (
            RUN_DATE,
            "metro-wire",
            "a1",
            "https://metro-wire.test/0310/0",
            "Rotterdam port shut as dockworkers walk out",
            "en",
            "Dockworkers in Rotterdam walked out at dawn. The port strike stopped container traffic. "
            "Drone footage showed idle cranes.",
            datetime(2026, 3, 9, 22, 15, tzinfo=UTC),
        )
    )
    articles.append(
        (
            RUN_DATE,
            "daily-ledger",
            "a2",
            "https://daily-ledger.test/rotterdam",
            f"Dockworkers strike paralyses Rotterdam port {XSS_SCRIPT}",
            None,
            f"Body with a payload {XSS_IMG} and a port strike in Rotterdam.",
            datetime(2026, 3, 9, 18, 0, tzinfo=UTC),
        )
    )
    con.executemany(
        "INSERT INTO articles (run_date, outlet, article_id, url, canonical_url, title, language, body, published_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(d, o, i, u, u, t, lang, b, p) for d, o, i, u, t, lang, b, p in articles],
    )

    for day in DAYS:
        for outlet in OUTLETS:
            for rank in range(1, 6):
                sidebar.append(
                    (
                        day,
                        outlet,
                        "Most read",
                        rank,
                        f"{outlet} read {day:%d} #{rank}",
                        f"https://{outlet}.test/r/{day:%d}/{rank}",
                        100 * (6 - rank),
                        "ranked",
                    )
                )
    # The most discussed entry appears in two blocks: its max count (4821, "Most read") wins.
    entry_url = "https://metro-wire.test/strike-questions"
    sidebar.append(
        (RUN_DATE, "metro-wire", "Most discussed", 1, "Rotterdam strike: your questions", entry_url, 120, "ranked")
    )
    sidebar.append(
        (RUN_DATE, "metro-wire", "Most read", 6, "Rotterdam strike: your questions", entry_url, 4821, "ranked")
    )
    sidebar.append(
        (
            RUN_DATE - timedelta(days=1),
            "metro-wire",
            "Most read",
            6,
            "Rotterdam strike: your questions",
            entry_url,
            900,
            "ranked",
        )
    )
    sidebar.append(
        (
            RUN_DATE,
            "daily-ledger",
            "Discussion",
            1,
            f"Poll | who wins?\nvote {XSS_SCRIPT}",
            "javascript:alert(1)",
            3000,
            "ranked",
        )
    )
    sidebar.append((RUN_DATE, "vestnik", "Обсуждают", 1, XSS_IMG, None, 2500, "ranked"))
    con.executemany(
        "INSERT INTO sidebar_entries (run_date, outlet, block, rank, title, url, count, block_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        sidebar,
    )

    if quality:
        for day in DAYS:
            for outlet in OUTLETS:
                status = "degraded" if (outlet == "vestnik" and day == RUN_DATE) else "ok"
                con.execute(
                    "INSERT INTO outlet_runs (run_date, outlet, status, headlines, message) VALUES (?, ?, ?, ?, ?)",
                    [day, outlet, status, 12, "sidebar block missing" if status == "degraded" else None],
                )
        con.executemany(
            "INSERT INTO dq_results (run_date, outlet, suite, expectation, column_name, success, severity, unexpected_count, element_count) "
            "VALUES (?, ?, 'headlines', ?, ?, ?, ?, ?, 30)",
            [
                (RUN_DATE, "vestnik", "expect_column_values_to_not_be_null", "url", False, "block", 2),
                (RUN_DATE, "vestnik", "expect_table_row_count_to_be_between", "", False, "warn", 0),
                (RUN_DATE, "metro-wire", "expect_column_values_to_not_be_null", "url", True, "block", 0),
            ],
        )
        con.execute(
            "INSERT INTO quarantine VALUES (?, 'vestnik', 'headlines', 'k1', ['expect_column_values_to_not_be_null'], ?)",
            [RUN_DATE, json.dumps({"title": XSS_SCRIPT})],
        )
    else:
        for table in ("outlet_runs", "dq_results", "quarantine"):
            con.execute(f"DROP TABLE {table}")  # noqa: S608 - fixed names, test setup
    con.close()
    return path


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_db(tmp_path_factory.mktemp("db") / "media.duckdb")


@pytest.fixture(scope="module")
def report(db_path: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("reports")
    paths = build_report(RUN_DATE, db_path=db_path, out_dir=out)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        data = compute_report(con, RUN_DATE)
    finally:
        con.close()
    return paths, data


def _rows(paths, name: str) -> list[dict[str, str]]:
    with (paths.csv_dir / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_paths_follow_the_layout(report, tmp_path_factory) -> None:
    paths, _ = report
    assert paths.html.name == "report.html" and paths.html.parent.name == RUN_DATE.isoformat()
    assert paths.markdown == paths.html.parent / "report.md"
    assert paths.csv_dir == paths.html.parent / "csv"
    assert paths.html.stat().st_size > 0 and paths.markdown.stat().st_size > 0


def test_rising_term_leads_with_positive_z(report) -> None:
    paths, data = report
    rows = [r for r in _rows(paths, "rising_terms") if r["language"] == "en"]
    top3 = [r["term"] for r in rows[:3]]
    assert any(t.startswith("drone") for t in top3), top3
    drone = next(r for r in rows if r["term"].startswith("drone"))
    assert float(drone["z_short"]) > 1.96
    assert float(drone["z_long"]) > 1.96
    assert int(drone["count_day"]) == 22  # 20 filler headlines + the two quadcopter headlines
    assert int(drone["count_prev_short"]) == 0


def test_steady_term_is_not_rising(report) -> None:
    paths, _ = report
    terms = {r["term"] for r in _rows(paths, "rising_terms")}
    assert "government" not in terms
    assert "правительство" not in terms


def test_russian_inflections_rise_as_one_term(report) -> None:
    paths, _ = report
    ru = [r for r in _rows(paths, "rising_terms") if r["language"] == "ru"]
    assert ru and ru[0]["term"].lower().startswith("беспилотник")
    assert int(ru[0]["count_day"]) == 10
    assert float(ru[0]["z_short"]) > 1.96


def test_top_terms_count_headlines_and_articles(report) -> None:
    paths, _ = report
    en = [r for r in _rows(paths, "top_terms") if r["language"] == "en"]
    by_term = {r["term"]: r for r in en}
    drone = next(r for t, r in by_term.items() if t.startswith("drone"))
    # 22 headlines + the metro-wire article body ("Drone footage").
    assert int(drone["mentions"]) == 23
    assert int(drone["outlets"]) == 3
    assert en[0]["term"] == drone["term"]
    assert "the" not in by_term and "and" not in by_term


def test_log_odds_matches_monroe_formula_and_is_symmetric() -> None:
    day = Counter({"drone": 20, "port": 10, "government": 10})
    ref = Counter({"port": 100, "government": 100})
    prior = day + ref
    scores = log_odds_dirichlet(day, ref, prior)
    n_i, n_j, a0 = 40, 200, 240
    a = 20.0
    import math

    delta = math.log((20 + a) / (n_i + a0 - 20 - a)) - math.log((0 + a) / (n_j + a0 - 0 - a))
    z = delta / math.sqrt(1 / (20 + a) + 1 / (0 + a))
    assert scores["drone"].z == pytest.approx(z)
    assert scores["drone"].z > 1.96
    # The same relative frequency on both sides but a smaller share on the day: falling.
    assert scores["government"].z < 0
    # Identical corpora: nothing rises or falls.
    same = log_odds_dirichlet(ref, ref, ref + ref)
    assert all(abs(s.z) < 1e-9 for s in same.values())


def test_cross_outlet_story_is_clustered(report) -> None:
    paths, data = report
    stories = _rows(paths, "stories")
    members = _rows(paths, "story_headlines")
    rotterdam_ids = {m["story"] for m in members if m["title"] in STORY_TITLES.values()}
    assert len(rotterdam_ids) == 1, "all three phrasings belong to one story"
    story = next(s for s in stories if s["story"] in rotterdam_ids)
    assert story["outlets"] == "daily-ledger; metro-wire; vestnik"
    assert story["n_outlets"] == "3"
    assert story["first_seen"] == (RUN_DATE - timedelta(days=1)).isoformat()
    assert story["first_outlets"] == "daily-ledger"
    assert story["dwell_days"] == "2"
    # 1/2 (ledger, day before) + 1/1 (ledger) + 1/1 (metro) + 1/3 (vestnik)
    assert float(story["prominence"]) == pytest.approx(0.5 + 1 + 1 + 1 / 3, abs=1e-3)
    assert story["first_published"].startswith("2026-03-09T18:00")
    assert stories[0]["story"] in rotterdam_ids  # most outlets first
    # The quadcopter story: two outlets; unrelated filler headlines never form a story.
    assert len(stories) == 2
    assert stories[1]["n_outlets"] == "2"


def test_most_discussed_sidebar_entry(report) -> None:
    paths, _ = report
    rows = _rows(paths, "sidebar")
    top = rows[0]
    assert top["title"] == "Rotterdam strike: your questions"
    assert top["max_count"] == "4821"
    assert top["block"] == "Most read"
    assert top["outlet"] == "metro-wire"
    assert top["listings"] == "2"
    assert top["days_listed"] == "2"
    assert [r["max_count"] for r in rows[:3]] == ["4821", "3000", "2500"]


def test_csv_files_have_expected_headers(report) -> None:
    paths, _ = report
    expected = {
        "volume": "outlet,headlines,sidebar_entries,articles,headlines_avg_7d,headlines_change_pct,headlines_avg_28d,articles_avg_28d,days_active_28d",
        "volume_daily": "run_date,outlet,headlines,sidebar_entries,articles",
        "top_terms": "language,rank,term,mentions,outlets,outlet_names",
        "rising_terms": "language,rank,term,count_day,count_prev_short,z_short,count_prev_long,z_long",
        "stories": "story,title,n_outlets,outlets,first_seen,first_outlets,first_published,prominence,dwell_days,titles",
        "story_headlines": "story,outlet,title,url,first_seen,days,best_rank,prominence",
        "sidebar": "rank,title,url,outlet,block,block_kind,max_count,best_rank,listings,days_listed,first_listed",
        "data_quality": "outlet,status,expectations,failed_block,failed_warn,quarantine_rows,quarantine_tables,days_ok,days_degraded,days_failed,message",
        "dq_failures": "outlet,suite,expectation,column_name,severity,observed_value,unexpected_count,element_count",
    }
    assert sorted(p.stem for p in paths.csv_dir.glob("*.csv")) == sorted(expected)
    for name, header in expected.items():
        first = (paths.csv_dir / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert first == header, name


def test_volume_table(report) -> None:
    paths, _ = report
    rows = {r["outlet"]: r for r in _rows(paths, "volume")}
    assert set(rows) == set(OUTLETS)
    # daily-ledger on the last day: story + 10 filler + 2 government + 7 drone + quadcopter.
    assert rows["daily-ledger"]["headlines"] == "21"
    assert rows["daily-ledger"]["articles"] == "1"
    assert rows["daily-ledger"]["days_active_28d"] == "9"
    assert float(rows["metro-wire"]["headlines_avg_7d"]) == pytest.approx(12.0)
    daily = _rows(paths, "volume_daily")
    assert len(daily) == 10 * 3


def test_data_quality_summary(report) -> None:
    paths, _ = report
    rows = {r["outlet"]: r for r in _rows(paths, "data_quality")}
    assert rows["vestnik"]["status"] == "degraded"
    assert rows["vestnik"]["failed_block"] == "1"
    assert rows["vestnik"]["failed_warn"] == "1"
    assert rows["vestnik"]["quarantine_rows"] == "1"
    assert rows["vestnik"]["days_ok"] == "9" and rows["vestnik"]["days_degraded"] == "1"
    assert rows["metro-wire"]["failed_block"] == "0"
    failures = _rows(paths, "dq_failures")
    assert [f["severity"] for f in failures] == ["block", "warn"]


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text.append(data)


def test_html_escapes_scraped_text(report) -> None:
    paths, _ = report
    html = paths.html.read_text(encoding="utf-8")
    parser = _TagCollector()
    parser.feed(html)
    assert "<script>alert" not in html
    assert not any(tag == "script" for tag, _ in parser.tags)
    assert not parser.script_text
    for tag, attrs in parser.tags:
        names = {name.lower() for name, _ in attrs}
        assert not any(name.startswith("on") for name in names), (tag, attrs)
        assert tag != "img", (tag, attrs)
        for name, value in attrs:
            if name == "href":
                assert not (value or "").lower().startswith("javascript:"), value
    # The payloads are shown, as text: in the stories table, the SVG labels and the sidebar.
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    # Inside the SVG too (the story timeline labels go through escape()).
    svg_parts = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert any("&lt;script&gt;" in s or "&lt;img" in s for s in svg_parts)


def test_html_is_self_contained_with_inline_svg_charts(report) -> None:
    paths, data = report
    html = paths.html.read_text(encoding="utf-8")
    # Volume, one rising chart per language (en, ru), story timelines.
    assert html.count("<svg") == 4
    import xml.etree.ElementTree as ET

    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.S):
        root = ET.fromstring(svg)  # well-formed: every scraped string was escaped
        assert root.find("{http://www.w3.org/2000/svg}title") is not None
    assert "Headlines per day" in html and "Run date" in html  # axis labels
    assert "vs previous 7 days" in html  # rising-chart legend
    assert "<script" not in html.lower()
    assert not re.search(r"<link[^>]+href=\"?https?:", html, flags=re.I)
    assert not re.search(r"<(img|script|iframe|source|video|audio)[^>]+src=", html, flags=re.I)
    assert "@import" not in html and "url(" not in html


def test_markdown_escapes_cells(report) -> None:
    paths, _ = report
    md = paths.markdown.read_text(encoding="utf-8")
    assert "Poll \\| who wins? vote &lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "<script>" not in md and "<img" not in md
    assert "| Rotterdam strike: your questions |" in md
    # Every table row keeps its column count: pipes in text are escaped.
    for line in md.splitlines():
        if line.startswith("| # | Entry |"):
            header_cells = len(re.split(r"(?<!\\)\|", line))
    sidebar_lines = [ln for ln in md.splitlines() if "who wins" in ln]
    assert sidebar_lines and all(len(re.split(r"(?<!\\)\|", ln)) == header_cells for ln in sidebar_lines)


def test_md_cell() -> None:
    assert md_cell("a | b\nc") == "a \\| b c"
    assert md_cell("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert md_cell("<b>") == "&lt;b&gt;"


def test_missing_date_raises_clear_error(db_path: Path, tmp_path: Path) -> None:
    with pytest.raises(NoDataError, match="no rows loaded for 2026-11-03; run the daily DAG first"):
        build_report(date(2026, 11, 3), db_path=db_path, out_dir=tmp_path)
    assert not (tmp_path / "2026-11-03").exists()


def test_missing_database_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="run the daily DAG first"):
        build_report(RUN_DATE, db_path=tmp_path / "absent.duckdb", out_dir=tmp_path)


def test_quality_tables_missing_are_skipped(tmp_path: Path) -> None:
    db = make_db(tmp_path / "noq.duckdb", quality=False)
    paths = build_report(RUN_DATE, db_path=db, out_dir=tmp_path / "out")
    assert not (paths.csv_dir / "data_quality.csv").exists()
    assert "No data-quality records" in paths.html.read_text(encoding="utf-8")


def test_defaults_come_from_settings(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_root = tmp_path / "data"
    data_root.mkdir()
    (data_root / "media.duckdb").write_bytes(db_path.read_bytes())
    monkeypatch.setenv("MEDIAMON_DATA_ROOT", str(data_root))
    paths = build_report(RUN_DATE)
    assert paths.html == data_root / "reports" / RUN_DATE.isoformat() / "report.html"


def test_given_connection_is_used_and_left_open(db_path: Path, tmp_path: Path) -> None:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        paths = build_report(RUN_DATE, con=con, out_dir=tmp_path)
        assert con.execute("SELECT 1").fetchone() == (1,)
    finally:
        con.close()
    assert paths.html.exists()


def test_first_day_has_no_rising_terms_but_builds(db_path: Path, tmp_path: Path) -> None:
    paths = build_report(DAYS[0], db_path=db_path, out_dir=tmp_path, options=ReportOptions())
    assert _rows(paths, "rising_terms") == []
    assert "no earlier headlines" in paths.html.read_text(encoding="utf-8")


def _naive_clusters(docs, analyzer, similarity: float, min_shared: int) -> set[frozenset[int]]:
    """Every pair compared: the reference the prefix-filtered candidate search must match."""
    import math

    n = len(docs)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    first_by_url: dict[tuple[str, str], int] = {}
    for i, d in enumerate(docs):
        j = first_by_url.setdefault((d.outlet, d.url), i)
        if j != i:
            union(i, j)
    stems = [set(analyzer.content_stems(d.title, d.language)) for d in docs]
    df = Counter(s for st in stems for s in st)
    idf = {s: math.log(1.0 + n / c) for s, c in df.items()}
    day_roots = {find(i) for i, d in enumerate(docs) if d.on_day}
    seeds = [i for i in range(n) if find(i) in day_roots]
    for i in seeds:
        for j in range(n):
            shared = stems[i] & stems[j]
            if i == j or len(shared) < min_shared:
                continue
            inter = sum(idf[s] for s in shared)
            union_w = sum(idf[s] for s in stems[i] | stems[j])
            if inter / union_w >= similarity:
                union(i, j)
    groups: dict[int, set[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), set()).add(i)
    return {frozenset(g) for g in groups.values() if any(docs[i].on_day for i in g)}


@pytest.mark.parametrize("similarity,min_shared", [(0.3, 2), (0.5, 2), (0.2, 1), (0.4, 3)])
def test_candidate_search_finds_every_pair_a_full_comparison_finds(similarity: float, min_shared: int) -> None:
    from media_monitor.report import StoryDoc, cluster_stories
    from media_monitor.text import Analyzer

    rng = random.Random(11)
    # A small vocabulary with a skewed distribution: many overlapping titles, common and rare words.
    words = [f"w{k}x" for k in range(40)]
    weights = [1.0 / (k + 1) for k in range(40)]
    docs = []
    for i in range(300):
        title = " ".join(rng.choices(words, weights=weights, k=rng.randint(2, 7)))
        day = RUN_DATE - timedelta(days=rng.randint(0, 7))
        url = f"https://o{i % 5}.test/{rng.randint(0, 250)}"
        docs.append(StoryDoc(f"o{i % 5}", url, title, "en", {day: (1.0, 1)}, day == RUN_DATE))
    analyzer = Analyzer()
    got = {frozenset(g) for g in cluster_stories(docs, analyzer, similarity=similarity, min_shared=min_shared)}
    assert got == _naive_clusters(docs, analyzer, similarity, min_shared)
    assert any(len(g) > 2 for g in got)  # the case exercises merging, not only singletons


def test_log_odds_scoring_a_subset_uses_the_full_corpus_sizes() -> None:
    day = Counter({"drone": 20, "port": 10, "government": 10})
    ref = Counter({"port": 100, "government": 100, "weather": 50})
    full = log_odds_dirichlet(day, ref, day + ref)
    subset = log_odds_dirichlet(day, ref, day + ref, words=["drone"])
    assert set(subset) == {"drone"}
    assert subset["drone"].z == pytest.approx(full["drone"].z)


# --------------------------------------------------------------------------------------------
# The SQL pipeline against the Python reference
# --------------------------------------------------------------------------------------------

ML_OUTLETS = {
    "en-wire": ["en"],
    "ru-news": ["ru", "en"],
    "de-zeit": ["de-DE"],
    "gr-daily": ["el"],
    # "mystery" publishes but has no row in outlets: no language to fall back on.
}
ML_TITLES = {
    "en-wire": [
        "Donald Trump meets NATO allies",
        "Donald Trump signs port deal",
        "Port strike halts shipping",
        "Port strike enters third day",
        "US troops leave, says WHO",
        "The rock ’n’ roll hall of fame opens",
        "F-16 jets: drones over the port",
        "Die Regierung plant eine Reform",
        "Беспилотники атаковали порт",
        "E-mail scandal hits council",
        "COVID-19 cases fall again",
        "Drone makers race; drones sell out",
    ],
    "ru-news": [
        "Беспилотники атаковали порт Одессы",
        "Ёлка на площади: праздник начался",
        "Дональд Трамп встретился с НАТО",
        "Портовая забастовка продолжается",
        "Drones hit Odesa port",
        "Правительство обсуждает бюджет",
    ],
    "de-zeit": [
        "Die Regierung plant eine Reform der Rente",
        "Hafenstreik legt Schifffahrt lahm",
        "Der Hafen ist geschlossen",
        "Drohnen über dem Hafen",
        "Donald Trump trifft die NATO",
    ],
    "gr-daily": ["Η κυβέρνηση σχεδιάζει μεταρρύθμιση", "Απεργία στο λιμάνι", "Drones over Piraeus port"],
    "mystery": [
        "Le gouvernement annonce une réforme",
        "El gobierno anuncia una reforma",
        "Port strike spreads",
        "12345",
    ],
}


def make_multilingual_db(path: Path) -> Path:
    rng = random.Random(3)
    con = duckdb.connect(str(path))
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    for outlet, langs in ML_OUTLETS.items():
        con.execute(
            "INSERT INTO outlets VALUES (?, ?, ?, ?, 'UTC', now())", [outlet, outlet, f"https://{outlet}.test/", langs]
        )
    headlines, articles = [], []
    for day in DAYS:
        for outlet, titles in ML_TITLES.items():
            picked = rng.sample(titles, k=max(1, len(titles) * 2 // 3))
            for rank, title in enumerate(picked, start=1):
                headlines.append((day, outlet, f"https://{outlet}.test/{abs(hash(title)) % 10**8}", rank, title))
    languages = ["en-GB", None, "ru", "", "EN_us", None]
    for k, (day, outlet, url, _, title) in enumerate(h for h in headlines if h[0] == RUN_DATE):
        body = " ".join(rng.choice(ML_TITLES[rng.choice(list(ML_TITLES))]) for _ in range(6))
        articles.append((day, outlet, f"a{k}", url, url, title, languages[k % len(languages)], body))
    con.executemany("INSERT INTO headlines (run_date, outlet, url, rank, title) VALUES (?, ?, ?, ?, ?)", headlines)
    con.executemany(
        "INSERT INTO articles (run_date, outlet, article_id, url, canonical_url, title, language, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        articles,
    )
    con.close()
    return path


def _term_counts_both_ways(db: Path, run_date: date, options: ReportOptions):
    from media_monitor.report import (
        DAY_ARTICLES_SQL,
        TITLE_COUNTS_SQL,
        QuerySession,
        count_terms,
        count_terms_sql,
        load_texts,
        tokenize_texts,
    )
    from media_monitor.text import Analyzer

    params = {
        "day": run_date,
        "start": run_date - timedelta(days=options.long_window_days),
        "short_start": run_date - timedelta(days=options.short_window_days),
        "story_start": run_date - timedelta(days=options.story_lookback_days),
        "body_cap": options.body_char_cap,
    }
    con = duckdb.connect(str(db), read_only=True)
    session = QuerySession(con)
    try:
        reference = count_terms(
            session.fetch("titles", TITLE_COUNTS_SQL, params),
            session.fetch("articles", DAY_ARTICLES_SQL, params),
            Analyzer(),
            collocation_min_count=options.collocation_min_count,
        )
        ranges = load_texts(session, params)
        vocabulary = tokenize_texts(session, ranges, Analyzer())
        got = count_terms_sql(session, ranges, vocabulary, collocation_min_count=options.collocation_min_count)
    finally:
        session.close()
        con.close()
    return reference, got


def _assert_same_counts(reference, got) -> None:
    assert got.languages() == reference.languages()
    for lang in reference.languages():
        assert got.day[lang] == reference.day[lang], lang
        assert got.short[lang] == reference.short[lang], lang
        assert got.long[lang] == reference.long[lang], lang
        assert got.day_docs[lang] == reference.day_docs[lang], lang
        assert {t: o for t, o in got.day_outlets[lang].items() if o} == {
            t: o for t, o in reference.day_outlets[lang].items() if o
        }, lang
        assert got.forms[lang]._forms == reference.forms[lang]._forms, lang
        assert (
            got.collocations.get(lang, Collocations()).pairs == reference.collocations.get(lang, Collocations()).pairs
        )


@pytest.mark.parametrize("day", [RUN_DATE, RUN_DATE - timedelta(days=4), DAYS[0]])
def test_sql_term_counts_equal_the_python_reference(db_path: Path, day: date) -> None:
    reference, got = _term_counts_both_ways(db_path, day, ReportOptions())
    _assert_same_counts(reference, got)
    assert reference.day["en"]  # the comparison covers real counts


def test_sql_term_counts_equal_the_python_reference_multilingual(tmp_path: Path) -> None:
    db = make_multilingual_db(tmp_path / "ml.duckdb")
    options = ReportOptions(collocation_min_count=3)
    reference, got = _term_counts_both_ways(db, RUN_DATE, options)
    _assert_same_counts(reference, got)
    # The data exercises what it is meant to: several languages, guessed and declared, and a
    # multi-word term.
    assert {"en", "ru", "de", "el"} <= set(reference.languages())
    assert any(" " in term for term in reference.long["en"])


def _naive_union_find(n: int, edges) -> set[frozenset[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    groups: dict[int, set[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), set()).add(i)
    return {frozenset(g) for g in groups.values()}


def test_connected_components_match_union_find() -> None:
    import numpy as np

    from media_monitor.report import connected_components

    rng = random.Random(5)
    for n, m in ((1, 0), (10, 0), (50, 30), (400, 380), (400, 1200)):
        edges = [(rng.randrange(n), rng.randrange(n)) for _ in range(m)]
        labels = connected_components(
            n, np.array([a for a, _ in edges], dtype=np.int64), np.array([b for _, b in edges], dtype=np.int64)
        )
        got: dict[int, set[int]] = {}
        for i, label in enumerate(labels):
            got.setdefault(int(label), set()).add(i)
        assert {frozenset(g) for g in got.values()} == _naive_union_find(n, edges)


def _random_story_docs(seed: int, n: int = 300, heavy: bool = False):
    from media_monitor.report import StoryDoc

    rng = random.Random(seed)
    words = [f"w{k}x" for k in range(40)]
    weights = [1.0 / (k + 1) for k in range(40)]
    rare = [f"r{k}q" for k in range(200)]  # words of one or two titles: heavy idf weights
    docs = []
    for i in range(n):
        title = rng.choices(words, weights=weights, k=rng.randint(1 if heavy else 2, 7))
        if heavy and rng.random() < 0.5:
            title.append(rng.choice(rare))
        day = RUN_DATE - timedelta(days=rng.randint(0, 7))
        url = f"https://o{i % 5}.test/{rng.randint(0, 250)}"
        docs.append(StoryDoc(f"o{i % 5}", url, " ".join(title), "en", {day: (1.0, 1)}, day == RUN_DATE))
    return docs


@pytest.mark.parametrize(
    "seed,heavy,similarity,min_shared",
    [
        (1, True, 0.3, 2),
        (2, True, 0.5, 2),
        (3, True, 0.2, 1),
        (4, True, 0.4, 3),
        (5, True, 0.6, 1),
        (6, False, 0.25, 2),
    ],
)
def test_similarity_join_is_exact_with_short_titles_and_heavy_words(seed, heavy, similarity, min_shared) -> None:
    """Titles of one word and rare words give documents of every level (1, 2 and 3)."""
    from media_monitor.report import cluster_stories
    from media_monitor.text import Analyzer

    docs = _random_story_docs(seed, heavy=heavy)
    analyzer = Analyzer()
    got = {frozenset(g) for g in cluster_stories(docs, analyzer, similarity=similarity, min_shared=min_shared)}
    assert got == _naive_clusters(docs, analyzer, similarity, min_shared)
    assert any(len(g) > 2 for g in got)


def test_key_stem_limit_only_drops_pairs_never_adds_them() -> None:
    from media_monitor.report import cluster_stories
    from media_monitor.text import Analyzer

    docs = _random_story_docs(7, n=400, heavy=True)
    analyzer = Analyzer()
    exact = {frozenset(g) for g in cluster_stories(docs, analyzer, similarity=0.3, min_shared=2)}
    limited = {frozenset(g) for g in cluster_stories(docs, analyzer, similarity=0.3, min_shared=2, key_stems=3)}
    # Every limited group lies within an exact group (an edge found is a true edge) ...
    for group in limited:
        assert any(group <= g for g in exact)
    # ... and a generous limit finds everything.
    wide = {frozenset(g) for g in cluster_stories(docs, analyzer, similarity=0.3, min_shared=2, key_stems=20)}
    assert wide == exact


def test_pairs_sharing_rare_words_are_found_with_the_key_limit() -> None:
    from media_monitor.report import StoryDoc, cluster_stories
    from media_monitor.text import Analyzer

    filler = [f"common{k}" for k in range(6)]
    docs = [
        StoryDoc(
            "a", "https://a.test/1", "Zelensky visits Kharkiv " + " ".join(filler), "en", {RUN_DATE: (1.0, 1)}, True
        ),
        StoryDoc(
            "b",
            "https://b.test/1",
            "Kharkiv welcomes Zelensky " + " ".join(reversed(filler)),
            "en",
            {RUN_DATE: (1.0, 2)},
            True,
        ),
    ]
    docs += [
        StoryDoc(
            "c", f"https://c.test/{k}", " ".join(random.Random(k).sample(filler, 4)), "en", {RUN_DATE: (1.0, 3)}, False
        )
        for k in range(30)
    ]
    groups = cluster_stories(docs, Analyzer(), similarity=0.3, min_shared=2, key_stems=3)
    assert any({0, 1} <= set(g) for g in groups)


def test_chained_group_is_split_at_a_stricter_similarity() -> None:
    import numpy as np

    from media_monitor.report import group_documents

    # Two tight triangles (similarity 0.9) joined by one weak link (0.35).
    a = np.array([0, 1, 0, 3, 4, 3, 2])
    b = np.array([1, 2, 2, 4, 5, 5, 3])
    sim = np.array([0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.35])
    none = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    whole = group_documents(6, none, (a, b, sim), similarity=0.3)
    assert len(set(whole.labels.tolist())) == 1 and whole.split_groups == 0
    split = group_documents(6, none, (a, b, sim), similarity=0.3, max_group_docs=4)
    assert split.labels[0] == split.labels[1] == split.labels[2]
    assert split.labels[3] == split.labels[4] == split.labels[5]
    assert split.labels[0] != split.labels[3]
    assert split.split_groups == 1 and split.split_similarity == pytest.approx(0.4)
    # Same-URL links are never cut, and close headlines stay together: a group that cannot be
    # brought under the limit is cut no further than STORY_SPLIT_MAX_SIMILARITY.
    url = (np.array([2]), np.array([3]))
    kept = group_documents(6, url, (a, b, sim), similarity=0.3, max_group_docs=4)
    assert len(set(kept.labels.tolist())) == 1
    assert kept.split_similarity == pytest.approx(0.7)


def test_report_stories_equal_the_python_clustering(db_path: Path) -> None:
    """compute_report clusters in DuckDB; the same documents clustered from Python agree."""
    from media_monitor.report import StoryDoc, build_stories, cluster_stories, story_tables
    from media_monitor.text import Analyzer, guess_language

    options = ReportOptions()
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        data = compute_report(con, RUN_DATE, options)
        start = RUN_DATE - timedelta(days=options.story_lookback_days)
        rows = con.execute(
            """
            SELECT h.outlet, h.url, h.title, o.languages[1], len(o.languages) = 1,
                   list({'run_date': h.run_date, 'prominence': h.p, 'best_rank': h.r} ORDER BY h.run_date),
                   min(h.published_at), bool_or(h.run_date = ?)
            FROM (SELECT outlet, url, title, run_date, sum(1.0 / rank) AS p, min(rank) AS r, min(published_at) AS published_at
                  FROM (SELECT outlet, url, title, run_date, rank, NULL::TIMESTAMPTZ AS published_at FROM headlines
                        WHERE run_date BETWEEN ? AND ?
                        UNION ALL SELECT outlet, url, title, run_date, NULL, published_at FROM articles
                        WHERE run_date BETWEEN ? AND ? AND title IS NOT NULL AND trim(title) <> '')
                  GROUP BY ALL) AS h
            LEFT JOIN outlets AS o USING (outlet)
            GROUP BY ALL
            """,
            [RUN_DATE, start, RUN_DATE, start, RUN_DATE],
        ).fetchall()
    finally:
        con.close()
    docs = []
    for outlet, url, title, main, single, days, published, on_day in rows:
        lang = guess_language(title, default=(main or "").split("-")[0] or None, exclusive=bool(single))
        per_day = {
            d["run_date"]: (float(d["prominence"]) if d["prominence"] is not None else None, d["best_rank"])
            for d in days
        }
        docs.append(StoryDoc(outlet, url, title, lang, per_day, bool(on_day), published))
    groups = cluster_stories(
        docs,
        Analyzer(),
        similarity=options.story_similarity,
        min_shared=options.story_min_shared,
        key_stems=options.story_key_stems,
    )
    expected, _ = story_tables(build_stories(docs, groups)[: options.stories], options.story_similarity)
    got = data.tables["stories"]
    keys = ["title", "n_outlets", "outlets", "first_seen", "first_outlets", "dwell_days", "titles"]
    assert [[r[k] for k in keys] for r in got.rows] == [[r[k] for k in keys] for r in expected.rows]
    assert [r["prominence"] for r in got.rows] == pytest.approx([r["prominence"] for r in expected.rows])


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path: Path) -> None:
    from media_monitor.report import Column, Table, csv_safe, write_csv

    assert csv_safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    for prefix in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_safe(prefix + "1+1").startswith("'")
    assert csv_safe("Plain title") == "Plain title"
    table = Table(
        "t",
        "T",
        [
            Column("title", "Title"),
            Column("outlets", "Outlets", "list"),
            Column("z", "z", "float"),
            Column("n", "n", "int"),
        ],
        [
            {"title": "=cmd|' /C calc'!A0", "outlets": ["+evil", "ok"], "z": -1.5, "n": -3},
            {"title": "@SUM(1+1)", "outlets": ["ok"], "z": 2.0, "n": 4},
            {"title": "-2+3", "outlets": [], "z": None, "n": None},
            {"title": "Normal headline", "outlets": ["a", "b"], "z": 0.25, "n": 0},
        ],
    )
    with write_csv(table, tmp_path).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[1] == ["'=cmd|' /C calc'!A0", "'+evil; ok", "-1.5", "-3"]
    assert rows[2][0] == "'@SUM(1+1)"
    assert rows[3][0] == "'-2+3"
    assert rows[4] == ["Normal headline", "a; b", "0.25", "0"]


def test_report_csv_neutralises_scraped_formulas(tmp_path: Path) -> None:
    db = make_db(tmp_path / "f.duckdb")
    con = duckdb.connect(str(db))
    con.execute(
        "INSERT INTO sidebar_entries (run_date, outlet, block, rank, title, url, count, block_kind) "
        "VALUES (?, 'metro-wire', 'Most read', 9, '=HYPERLINK(\"https://evil.test\",\"click\")', NULL, 99999, 'ranked')",
        [RUN_DATE],
    )
    con.close()
    paths = build_report(RUN_DATE, db_path=db, out_dir=tmp_path / "out")
    top = _rows(paths, "sidebar")[0]
    assert top["title"] == '\'=HYPERLINK("https://evil.test","click")'
    assert top["max_count"] == "99999"


def test_every_statement_is_timed_and_temp_tables_are_dropped(db_path: Path) -> None:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        data = compute_report(con, RUN_DATE)
        assert {"mm_texts", "mm_items", "mm_tokens", "mm_terms", "mm_sim_candidates", "mm_sim_edges"} <= set(
            data.query_timings
        )
        assert all(v >= 0 for v in data.query_timings.values())
        temp = con.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()
        assert temp == []
    finally:
        con.close()


def test_long_lists_and_big_stories_are_shortened_in_html_but_whole_in_csv(tmp_path: Path) -> None:
    from media_monitor.report import LIST_ITEMS_SHOWN, Column, Table

    names = [f"outlet-{k:03d}" for k in range(LIST_ITEMS_SHOWN + 5)]
    table = Table("t", "T", [Column("outlets", "Outlets", "list")], [{"outlets": names}])
    cell = table.cells()[0][0]
    assert cell.items[:LIST_ITEMS_SHOWN] == tuple(names[:LIST_ITEMS_SHOWN])
    assert cell.items[-1] == "… (+5 more)"
    assert table.csv_values(table.rows[0]) == ["; ".join(names)]

    options = ReportOptions(story_headlines_shown=1)
    con = duckdb.connect(str(make_db(tmp_path / "s.duckdb")), read_only=True)
    try:
        data = compute_report(con, RUN_DATE, options)
    finally:
        con.close()
    headlines = data.tables["story_headlines"]
    assert len(headlines.rows) == 6
    assert headlines.shown_rows is not None and len(headlines.shown_rows) == 2  # one per story
    assert "csv/story_headlines.csv has all 6" in headlines.note
