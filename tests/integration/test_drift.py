"""Parser-health drift end to end: a redesigned front page degrades its outlet that very day.

The demo web serves daily-ledger's redesigned front page (cards without links, so ~0
headlines) from DEMO_DAYS[5] on. The whole daily pipeline runs in-process over the seven
demo days against a temporary data root. Expected: daily-ledger is ``ok`` on the five days
before (the first three without a verdict: too little history), ``degraded`` from the
redesign on, and every other outlet is ``ok`` on every day: their natural day-to-day
variation (8-15 headlines) must not alert.

Relies on the pipeline wiring: ``health.evaluate_outlet`` in ``pipeline.validate_day``, its
rows loaded into ``parser_health`` by ``load_day``, and ``datadocs.build_data_docs`` after
the load in ``run_day``.
"""

from __future__ import annotations

import duckdb
import pytest

from media_monitor.demo_web import DEMO_DAYS, DEMO_OUTLETS, serve_in_thread

pytestmark = pytest.mark.integration

REDESIGNED = "daily-ledger"
REDESIGN_DAY = DEMO_DAYS[5]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    data_root = tmp_path_factory.mktemp("drift_data")
    server, _base = serve_in_thread(0, redesign={REDESIGNED: REDESIGN_DAY})
    with pytest.MonkeyPatch.context() as mp:
        # Before the settings and the registry are read: the registry expands ${MEDIAMON_DEMO_PORT}.
        mp.setenv("MEDIAMON_DATA_ROOT", str(data_root))
        mp.setenv("MEDIAMON_DEMO_PORT", str(server.server_address[1]))
        mp.delenv("MEDIAMON_REGISTRY", raising=False)
        from media_monitor import pipeline
        from media_monitor.config import get_settings

        settings = get_settings()
        try:
            summaries = {day: pipeline.run_day(day, settings) for day in DEMO_DAYS}
        finally:
            server.shutdown()
            server.server_close()
    con = duckdb.connect(str(settings.duckdb_path), read_only=True)
    yield con, summaries, settings
    con.close()


def _status(con, outlet, day):
    row = con.execute(
        "SELECT status, message FROM outlet_runs WHERE outlet = ? AND run_date = ?", [outlet, day]
    ).fetchone()
    assert row is not None, (outlet, day)
    return row


def test_redesigned_outlet_is_degraded_from_the_redesign_day(run):
    con, summaries, _settings = run
    for day in DEMO_DAYS[:5]:
        assert _status(con, REDESIGNED, day)[0] == "ok", day
    for day in DEMO_DAYS[5:]:
        status, message = _status(con, REDESIGNED, day)
        assert status == "degraded", (day, message)
        assert "headline_count 0 outside" in message
        assert summaries[day]["outlets"][REDESIGNED]["status"] == "degraded"
    # the pipeline's "visible failure" lists it
    from media_monitor.pipeline import check_outlets

    problems = check_outlets(summaries[REDESIGN_DAY])
    assert len(problems) == 1 and problems[0].startswith(f"{REDESIGNED}: degraded: parser health:")


def test_other_outlets_ok_every_day(run):
    con, summaries, _settings = run
    for outlet in DEMO_OUTLETS:
        if outlet == REDESIGNED:
            continue
        for day in DEMO_DAYS:
            assert _status(con, outlet, day) == ("ok", ""), (outlet, day)
            headlines = con.execute(
                "SELECT count(*) FROM headlines WHERE outlet = ? AND run_date = ?", [outlet, day]
            ).fetchone()[0]
            assert headlines >= 5, (outlet, day, headlines)  # the extractors work: the verdicts mean something


def test_parser_health_rows_record_the_bands(run):
    con, _summaries, _settings = run
    rows = con.execute(
        """SELECT run_date, status, value, low, history_days FROM parser_health
           WHERE outlet = ? AND metric = 'headline_count' ORDER BY run_date""",
        [REDESIGNED],
    ).fetchall()
    assert [r[0] for r in rows] == DEMO_DAYS
    assert [r[1] for r in rows] == ["insufficient_history"] * 3 + ["ok"] * 2 + ["drift"] * 2
    assert [r[4] for r in rows] == [0, 1, 2, 3, 4, 5, 5]  # the drifted day is not learned from
    day5 = rows[5]
    assert day5[2] == 0 and day5[3] >= 1
    drifts_elsewhere = con.execute(
        "SELECT outlet, run_date, metric, value, low, high FROM parser_health WHERE status = 'drift' AND outlet <> ?",
        [REDESIGNED],
    ).fetchall()
    assert drifts_elsewhere == []
    gx = con.execute(
        """SELECT success FROM dq_results WHERE suite = 'parser_health' AND outlet = ? AND run_date = ?
           AND expectation = 'parser_health.headline_count'""",
        [REDESIGNED, REDESIGN_DAY],
    ).fetchall()
    assert gx == [(False,)]


def test_data_docs_show_the_degraded_outlet(run):
    _con, _summaries, settings = run
    page = settings.quality_dir / REDESIGN_DAY.isoformat() / "index.html"
    html = page.read_text(encoding="utf-8")
    assert '<td>daily-ledger</td><td><span class="badge s-degraded">degraded</span>' in html
    assert "headline_count" in html and 'class="drift"' in html
    index = (settings.quality_dir / "index.html").read_text(encoding="utf-8")
    for day in DEMO_DAYS:
        assert f'href="{day.isoformat()}/index.html"' in index
