from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from media_monitor.extract.dates import parse_date_value, parse_day_month, parse_shown_time

MSK = ZoneInfo("Europe/Moscow")
LONDON = ZoneInfo("Europe/London")
NY = ZoneInfo("America/New_York")
REF = datetime(2026, 10, 17, 12, 0, tzinfo=MSK)


def test_day_month_without_year_takes_the_reference_year() -> None:
    value = parse_shown_time("16.10 20:44", REF, MSK, ("ru", "en"))
    assert value == datetime(2026, 10, 16, 20, 44, tzinfo=MSK)
    assert value.isoformat() == "2026-10-16T20:44:00+03:00"


def test_day_month_without_year_is_never_in_the_future() -> None:
    value = parse_shown_time("16.10 20:44", datetime(2026, 1, 5, tzinfo=MSK), MSK, ("ru",))
    assert value == datetime(2025, 10, 16, 20, 44, tzinfo=MSK)
    # later the same day than the reference: still the previous year, never after the reference
    assert parse_shown_time("17.10 12:30", REF, MSK) == datetime(2025, 10, 17, 12, 30, tzinfo=MSK)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03.11.2026 14:05", datetime(2026, 11, 3, 14, 5, tzinfo=MSK)),
        ("2 hours ago", datetime(2026, 10, 17, 10, 0, tzinfo=MSK)),
        ("5 min ago", datetime(2026, 10, 17, 11, 55, tzinfo=MSK)),
        ("an hour ago", datetime(2026, 10, 17, 11, 0, tzinfo=MSK)),
        ("yesterday 14:05", datetime(2026, 10, 16, 14, 5, tzinfo=MSK)),
        ("вчера в 14:05", datetime(2026, 10, 16, 14, 5, tzinfo=MSK)),
        ("сегодня, 09:30", datetime(2026, 10, 17, 9, 30, tzinfo=MSK)),
        ("2 часа назад", datetime(2026, 10, 17, 10, 0, tzinfo=MSK)),
        ("5 минут назад", datetime(2026, 10, 17, 11, 55, tzinfo=MSK)),
        ("vor 3 Stunden", datetime(2026, 10, 17, 9, 0, tzinfo=MSK)),
        ("il y a 2 jours", datetime(2026, 10, 15, 12, 0, tzinfo=MSK)),
        ("hace 10 minutos", datetime(2026, 10, 17, 11, 50, tzinfo=MSK)),
        ("Nov 3, 2026", datetime(2026, 11, 3, 0, 0, tzinfo=MSK)),
        ("3 November 2026 09:15", datetime(2026, 11, 3, 9, 15, tzinfo=MSK)),
        ("3 ноября 2025 г.", datetime(2025, 11, 3, 0, 0, tzinfo=MSK)),
        ("16 окт 20:44", datetime(2026, 10, 16, 20, 44, tzinfo=MSK)),
        ("Oct. 3, 2026 at 9:15 p.m.", datetime(2026, 10, 3, 21, 15, tzinfo=MSK)),
        ("2026/10/03", datetime(2026, 10, 3, 0, 0, tzinfo=MSK)),
        # a bare clock time on a list: today, or yesterday when today's is still ahead
        ("11:30", datetime(2026, 10, 17, 11, 30, tzinfo=MSK)),
        ("20:44", datetime(2026, 10, 16, 20, 44, tzinfo=MSK)),
        ("just now", REF),
    ],
)
def test_shown_times(text: str, expected: datetime) -> None:
    assert parse_shown_time(text, REF, MSK, ("ru", "en")) == expected


def test_iso_stamps_keep_their_instant_and_are_shown_in_the_outlet_zone() -> None:
    value = parse_shown_time("2026-10-03T14:05:00Z", REF, MSK)
    assert value == datetime(2026, 10, 3, 14, 5, tzinfo=UTC)
    assert value.utcoffset() == timedelta(hours=3)
    # a naive ISO stamp is read in the outlet's zone
    assert parse_shown_time("2026-10-03T14:05:00", REF, MSK) == datetime(2026, 10, 3, 14, 5, tzinfo=MSK)


def test_results_are_aware() -> None:
    for text in ("16.10 20:44", "2 hours ago", "Nov 3, 2026", "вчера в 14:05"):
        value = parse_shown_time(text, REF, LONDON)
        assert value is not None and value.tzinfo is not None


def test_month_first_only_for_us_english() -> None:
    ref = datetime(2026, 12, 1, tzinfo=NY)
    assert parse_shown_time("10/03/2026", ref, NY, ("en",)) == datetime(2026, 10, 3, tzinfo=NY)
    assert parse_shown_time("10/03/2026", ref, LONDON, ("en",)) == datetime(2026, 3, 10, tzinfo=LONDON)


@pytest.mark.parametrize("text", ["", "nothing here", "10856", "12.3k reads", "Page 3 of 10"])
def test_no_time_found(text: str) -> None:
    assert parse_shown_time(text, REF, MSK) is None


def test_naive_reference_is_read_in_the_zone() -> None:
    assert parse_shown_time("16.10 20:44", datetime(2026, 10, 17, 12, 0), MSK) == datetime(2026, 10, 16, 20, 44, tzinfo=MSK)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-19T23:30:00-05:00", datetime(2020, 1, 19, 23, 30, tzinfo=timezone(timedelta(hours=-5)))),
        ("2020-01-19", datetime(2020, 1, 19, tzinfo=LONDON)),
        ("Tue, 03 Nov 2026 14:05:00 GMT", datetime(2026, 11, 3, 14, 5, tzinfo=UTC)),
        ("16. Oktober 2019", datetime(2019, 10, 16, tzinfo=LONDON)),
        ("2022-5-5 22:17:36", None),
        # Arabic month names, the afternoon mark "م", and the Levantine/standard pair
        ("الأربعاء، 07 أكتوبر 2020 - 12:09 م", datetime(2020, 10, 7, 12, 9, tzinfo=LONDON)),
        ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", datetime(2020, 4, 24, 21, 22, tzinfo=LONDON)),
        ("5 تشرين الأول 2020 08:10 صباحًا", datetime(2020, 10, 5, 8, 10, tzinfo=LONDON)),
        # month names of more languages: Finnish, Czech, Turkish, Romanian, Swedish, Indonesian, Catalan
        ("19. helmikuuta 2020 klo 16.20", datetime(2020, 2, 19, tzinfo=LONDON)),
        ("19. února 2020", datetime(2020, 2, 19, tzinfo=LONDON)),
        ("19 Şubat 2020", datetime(2020, 2, 19, tzinfo=LONDON)),
        ("19 februarie 2020", datetime(2020, 2, 19, tzinfo=LONDON)),
        ("19 augusti 2020", datetime(2020, 8, 19, tzinfo=LONDON)),
        ("19 Agustus 2020", datetime(2020, 8, 19, tzinfo=LONDON)),
        ("19 de març de 2020", datetime(2020, 3, 19, tzinfo=LONDON)),
        # Chinese/Japanese and Korean year-month-day
        ("2020年07月03日 17:16", datetime(2020, 7, 3, 17, 16, tzinfo=LONDON)),
        ("2020년 7월 3일 오후", datetime(2020, 7, 3, tzinfo=LONDON)),
    ],
)
def test_machine_dates(value: str, expected: datetime | None) -> None:
    parsed = parse_date_value(value, LONDON)
    if expected is None:
        # a sloppy stamp still gives its day, in the given zone
        assert parsed is not None and parsed.date().isoformat() == "2022-05-05"
    else:
        assert parsed == expected
        assert parsed.utcoffset() == expected.utcoffset()


def test_a_named_month_with_a_two_digit_year() -> None:
    # "14 Feb ’20", "03.Mär.19": an apostrophe or dots mark the two digits as the year
    assert parse_shown_time("veröffentlicht am 14 Feb ’20", REF, LONDON, ("de",)).date().isoformat() == "2020-02-14"
    assert parse_shown_time("Datum: 03.Mär.19", REF, LONDON, ("de",)).date().isoformat() == "2019-03-03"
    # a clock time after the month is no year
    assert parse_shown_time("am 14 Feb 20:00", REF, LONDON, ("de",)).date().isoformat() == "2026-02-14"


def test_a_named_month_between_slashes() -> None:
    # "29 / Dezember / 2022": day, named month and year set apart by slashes
    assert parse_shown_time("Veröffentlicht 29 / Dezember / 2022", REF, LONDON, ("de",)).date().isoformat() == "2022-12-29"
    assert parse_shown_time("3/mars/2021", REF, LONDON, ("fr",)).date().isoformat() == "2021-03-03"


def test_a_numeric_date_with_a_space_after_each_dot() -> None:
    # "13. 1. 2020" (Czech, Slovak, German; often thin spaces)
    assert parse_shown_time("13. 1. 2020", REF, LONDON, ("cs",)).date().isoformat() == "2020-01-13"
    assert parse_date_value("13.\u20091.\u20092020", UTC).date().isoformat() == "2020-01-13"


def test_a_day_and_named_month_without_a_year() -> None:
    from media_monitor.extract.dates import parse_day_month

    assert parse_day_month("Publicado el 11 de mayo", REF, LONDON).date().isoformat()[5:] == "05-11"
    assert parse_day_month("Nov. 3, 14:05", REF, LONDON).hour == 14
    # relative times, bare clock times and numbers are not a day and month
    assert parse_day_month("vor 5 Stunden", REF, LONDON) is None
    assert parse_day_month("14:05", REF, LONDON) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Μαρτίου 2021", "2021-03-12"),  # Greek
        ("12. ožujka 2021.", "2021-03-12"),  # Croatian
        ("22. avgust 2020.", "2020-08-22"),  # Serbian, Bosnian (Latin)
        ("22. јун 2020.", "2020-06-22"),  # Serbian (Cyrillic)
        ("12 октомври 2021 г.", "2021-10-12"),  # Bulgarian
        ("2021. március 12.", "2021-03-12"),  # Hungarian: year, month, day
    ],
)
def test_greek_balkan_and_hungarian_month_names(text: str, expected: str) -> None:
    assert parse_shown_time(text, REF, LONDON, ("x",)).date().isoformat() == expected


def test_a_day_the_month_does_not_have_is_no_month_alone() -> None:
    # "31 listopada 2023" read as Polish (November has 30 days): not "November 2023" read as 1 November
    assert parse_shown_time("31 listopada 2023", REF, LONDON, ("pl",)) is None
    # read as Croatian it is a day October has
    assert parse_shown_time("31 listopada 2023", REF, LONDON, ("hr",)).date().isoformat() == "2023-10-31"
    assert parse_date_value("31 June 2021", UTC) is None
    assert parse_shown_time("November 2023", REF, LONDON, ("en",)).date().isoformat() == "2023-11-01"


@pytest.mark.parametrize(
    ("text", "languages", "expected"),
    [
        # Croatian "listopad" is October; Polish and Czech read it as November
        ("15. listopada 2020.", ("hr",), "2020-10-15"),
        ("15 listopada 2020", ("pl",), "2020-11-15"),
        ("15. listopadu 2020", ("cs",), "2020-11-15"),
        ("15. listopada 2020.", (), "2020-11-15"),  # no language said: the listed (Polish) reading
        ("u listopadu 2020.", ("hr",), "2020-10-01"),  # a month and year alone
        ("3. listopada", ("bs",), "2026-10-03"),  # no year: the latest one not after the reference
        ("15. studenoga 2020.", ("hr",), "2020-11-15"),  # the other months keep their reading
    ],
)
def test_a_month_name_is_read_in_the_page_language(text: str, languages: tuple[str, ...], expected: str) -> None:
    assert parse_shown_time(text, REF, LONDON, languages).date().isoformat() == expected


def test_machine_and_yearless_dates_read_month_names_in_the_page_language() -> None:
    assert parse_date_value("15. listopada 2020.", UTC, ("hr",)).date().isoformat() == "2020-10-15"
    assert parse_date_value("15. listopada 2020.", UTC, ("pl",)).date().isoformat() == "2020-11-15"
    assert parse_day_month("3. listopada", REF, LONDON, ("hr",)).date().isoformat() == "2026-10-03"
