"""Read the times pages show ("16.10 20:44", "2 часа назад", "Nov 3, 2026") as aware datetimes.

Pages show times in the outlet's own timezone and often without a year, so every parse takes
the timezone and a reference instant (when the page was fetched): a year-less date is placed
in the latest year that does not put it after the reference, "yesterday" is the reference's
local yesterday, "2 hours ago" is counted back from the reference.

Month names and relative words are matched for all the languages listed below at once: month
names barely collide across these languages, and an outlet often mixes languages on one page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

# Month names and abbreviations -> month number (lower case; a trailing "." is stripped).
# Arabic: the Egyptian/Gulf names and the Levantine ones, which pages often write together
# ("24 نيسان / أبريل 2020").
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("jan", "january", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro",
        "januari", "styczeń", "stycznia", "sty", "января", "январь", "янв", "січня", "1月",
        "يناير", "كانون الثاني"),
    2: ("feb", "february", "februar", "février", "févr", "fevrier", "fev", "febrero", "febbraio", "fevereiro",
        "februari", "luty", "lutego", "lut", "февраля", "февраль", "фев", "лютого",
        "فبراير", "شباط"),
    3: ("mar", "march", "märz", "maerz", "mär", "mars", "marzo", "março", "marco", "maart", "marzec", "marca",
        "марта", "март", "мар", "березня",
        "مارس", "آذار", "اذار"),
    4: ("apr", "april", "avril", "avr", "abril", "abr", "aprile", "kwiecień", "kwietnia", "kwi", "апреля",
        "апрель", "апр", "квітня",
        "أبريل", "ابريل", "إبريل", "نيسان"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maj", "maja", "мая", "май", "травня",
        "مايو", "أيار", "ايار"),
    6: ("jun", "june", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwiec", "czerwca", "cze", "июня",
        "июнь", "июн", "червня",
        "يونيو", "يونيه", "حزيران"),
    7: ("jul", "july", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipiec", "lipca", "lip",
        "июля", "июль", "июл", "липня",
        "يوليو", "يوليه", "تموز"),
    8: ("aug", "august", "août", "aout", "agosto", "augustus", "sierpień", "sierpnia", "sie", "августа",
        "август", "авг", "серпня",
        "أغسطس", "اغسطس", "آب"),
    9: ("sep", "sept", "september", "septembre", "septiembre", "setiembre", "settembre", "setembro",
        "wrzesień", "września", "wrz", "сентября", "сентябрь", "сен", "вересня",
        "سبتمبر", "أيلول", "ايلول"),
    10: ("oct", "october", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro",
         "październik", "października", "paź", "октября", "октябрь", "окт", "жовтня",
         "أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"),
    11: ("nov", "november", "novembre", "noviembre", "novembro", "listopad", "listopada", "lis", "ноября",
         "ноябрь", "ноя", "листопада",
         "نوفمبر", "تشرين الثاني"),
    12: ("dec", "december", "dezember", "dez", "décembre", "déc", "decembre", "diciembre", "dic", "dicembre",
         "dezembro", "grudzień", "grudnia", "gru", "декабря", "декабрь", "дек", "грудня",
         "ديسمبر", "كانون الأول", "كانون الاول"),
}
# More languages, in the form dates use (genitive where it differs): Swedish/Danish/Norwegian,
# Finnish, Czech, Slovak, Turkish, Romanian, Indonesian/Malay, Catalan; Greek, Bulgarian, Hungarian,
# Serbian/Bosnian/Croatian (Latin and Cyrillic). Names that mean another month in a listed language
# are read the listed way unless the page's language says otherwise (see ``_LOCAL_MONTHS``).
_MORE_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("tammikuuta", "ledna", "januára", "ocak", "ianuarie", "gener", "ιανουαρίου", "януари", "január", "januara",
        "siječnja", "siječanj", "јануар", "јануара"),
    2: ("helmikuuta", "února", "februára", "şubat", "februarie", "febrer", "φεβρουαρίου", "февруари", "február",
        "februara", "veljače", "veljača", "фебруар", "фебруара"),
    3: ("maaliskuuta", "března", "mart", "martie", "maret", "març", "μαρτίου", "március", "marta", "ožujka", "ožujak",
        "марта"),
    4: ("huhtikuuta", "dubna", "apríla", "nisan", "aprilie", "απριλίου", "април", "április", "aprila", "travnja",
        "travanj", "априла"),
    5: ("toukokuuta", "května", "mája", "mayıs", "maig", "μαΐου", "május", "svibnja", "svibanj", "мај", "маја"),
    6: ("kesäkuuta", "června", "júna", "haziran", "iunie", "juny", "ιουνίου", "юни", "június", "juna", "lipnja",
        "lipanj", "јун", "јуна"),
    7: ("heinäkuuta", "července", "júla", "temmuz", "iulie", "juliol", "ιουλίου", "юли", "július", "jula", "srpnja",
        "srpanj", "јул", "јула"),
    8: ("augusti", "elokuuta", "srpna", "augusta", "ağustos", "agustus", "agost", "αυγούστου", "augusztus", "avgust",
        "avgusta", "kolovoza", "kolovoz", "август", "августа"),
    9: ("syyskuuta", "září", "septembra", "eylül", "septembrie", "setembre", "σεπτεμβρίου", "септември", "szeptember",
        "septembar", "rujna", "rujan", "септембар", "септембра"),
    10: ("lokakuuta", "října", "októbra", "ekim", "octombrie", "οκτωβρίου", "октомври", "október", "oktobar",
         "oktobra", "октобар", "октобра"),
    11: ("marraskuuta", "listopadu", "novembra", "kasım", "noiembrie", "νοεμβρίου", "ноември", "novembar",
         "studenoga", "studenog", "studeni", "новембар", "новембра"),
    12: ("joulukuuta", "prosince", "decembra", "aralık", "decembrie", "desember", "desembre", "δεκεμβρίου",
         "декември", "decembar", "prosinca", "prosinac", "децембар", "децембра"),
}
MONTHS: dict[str, int] = {
    name: num for table in (_MONTH_NAMES, _MORE_MONTH_NAMES) for num, names in table.items() for name in names
}
# Names a language reads as another month than the tables do, used when the page or outlet says
# it is in that language: Croatian (and Bosnian) "listopad" is October ("15. listopada 2020.",
# "u listopadu 2020"), where Polish and Czech read November.
_LOCAL_MONTHS: dict[str, dict[str, int]] = {
    lang: {"listopad": 10, "listopada": 10, "listopadu": 10} for lang in ("hr", "bs")
}


def _month(name: str, languages: Sequence[str]) -> int | None:
    """The month a name means, read in the first of ``languages`` where that language differs."""
    key = name.lower().rstrip(".")
    local = _LOCAL_MONTHS.get(languages[0]) if languages else None
    return (local or {}).get(key) or MONTHS.get(key)
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS if not m.endswith("月")), key=len, reverse=True))

# Relative units: word stem -> seconds. Stems are matched as prefixes of the word shown.
_UNITS: tuple[tuple[str, int], ...] = (
    # longest stems first so "min" does not swallow "minute"-less forms wrongly
    ("seconds", 1), ("second", 1), ("secs", 1), ("sec", 1), ("sek", 1), ("seg", 1), ("сек", 1), ("秒", 1), ("s", 1),
    ("minutes", 60), ("minute", 60), ("minuten", 60), ("minuti", 60), ("minutos", 60), ("minut", 60),
    ("mins", 60), ("min", 60), ("мин", 60), ("分钟", 60), ("分", 60), ("m", 60),
    ("hours", 3600), ("hour", 3600), ("hrs", 3600), ("hr", 3600), ("stunden", 3600), ("stunde", 3600),
    ("std", 3600), ("heures", 3600), ("heure", 3600), ("horas", 3600), ("hora", 3600), ("ore", 3600),
    ("ora", 3600), ("uur", 3600), ("godzin", 3600), ("godz", 3600), ("час", 3600), ("小时", 3600),
    ("時間", 3600), ("h", 3600),
    ("days", 86400), ("day", 86400), ("tagen", 86400), ("tage", 86400), ("tag", 86400), ("jours", 86400),
    ("jour", 86400), ("días", 86400), ("dias", 86400), ("día", 86400), ("dia", 86400), ("giorni", 86400),
    ("giorno", 86400), ("dagen", 86400), ("dag", 86400), ("dni", 86400), ("dzień", 86400), ("дн", 86400),
    ("день", 86400), ("天", 86400), ("日", 86400), ("d", 86400),
    ("weeks", 604800), ("week", 604800), ("wochen", 604800), ("woche", 604800), ("semaines", 604800),
    ("semaine", 604800), ("semanas", 604800), ("semana", 604800), ("settiman", 604800), ("недел", 604800),
    ("tygodn", 604800), ("周", 604800), ("w", 604800),
    ("months", 2592000), ("month", 2592000), ("mos", 2592000), ("mo", 2592000), ("monaten", 2592000), ("monat", 2592000), ("mois", 2592000),
    ("meses", 2592000), ("mes", 2592000), ("mesi", 2592000), ("месяц", 2592000), ("miesi", 2592000),
    ("个月", 2592000),
    ("years", 31536000), ("year", 31536000), ("jahren", 31536000), ("jahr", 31536000), ("ans", 31536000),
    ("años", 31536000), ("anni", 31536000), ("год", 31536000), ("лет", 31536000), ("年", 31536000),
)
_UNIT_ALT = "|".join(re.escape(u) for u, _ in sorted(_UNITS, key=lambda x: len(x[0]), reverse=True))
_UNIT_SECONDS = dict(_UNITS)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "ein": 1, "eine": 1, "einer": 1, "einem": 1, "un": 1, "une": 1,
                 "uno": 1, "una": 1, "um": 1, "uma": 1, "один": 1, "одна": 1, "одну": 1, "two": 2, "zwei": 2}
_NUM = r"(\d{1,4}|an?|one|two|eine[rm]?|ein|une?|uno|una|uma|um|один|одна|одну|zwei)"

# "N units ago" in the word orders the languages use.
_REL_PATTERNS = (
    re.compile(rf"{_NUM}\s*({_UNIT_ALT})\w*\.?\s*(?:ago|назад|temu|fa|geleden|siden|sedan|前)", re.I),
    re.compile(rf"(?:vor|il y a|hace|há|ha)\s+{_NUM}\s*({_UNIT_ALT})\w*", re.I),
)
_JUST_NOW = re.compile(r"\b(?:just now|right now|moments? ago|gerade eben|soeben|à l'instant|ahora mismo|"
                       r"adesso|agora|zojuist|przed chwilą)|только что|刚刚", re.I)
# Day words -> days back from the reference's local date.
_DAY_WORDS: dict[str, int] = {
    "today": 0, "heute": 0, "aujourd'hui": 0, "aujourd’hui": 0, "hoy": 0, "oggi": 0, "hoje": 0, "vandaag": 0,
    "dzisiaj": 0, "dziś": 0, "сегодня": 0, "сьогодні": 0, "今天": 0,
    "yesterday": 1, "gestern": 1, "hier": 1, "ayer": 1, "ieri": 1, "ontem": 1, "gisteren": 1, "wczoraj": 1,
    "вчера": 1, "вчора": 1, "昨天": 1,
    "позавчера": 2, "vorgestern": 2, "avant-hier": 2, "anteayer": 2, "前天": 2,
}
_DAY_WORD_RE = re.compile(
    r"(?<![\w])(" + "|".join(sorted(map(re.escape, _DAY_WORDS), key=len, reverse=True)) + r")(?![\w])", re.I
)
# A clock time: 20:44, 20:44:05, 8:05 pm, 14h05, 14.05 Uhr.
# Arabic pages mark the afternoon with "م" / "مساءً" and the morning with "ص" / "صباحًا".
_CLOCK = (r"(\d{1,2})(?::|h|\.(?=\d{2}\s*(?:uhr|h\b)))(\d{2})(?::(\d{2}))?\s*"
          r"([ap]\.?\s?m\.?|(?:مساء[ًا]?|صباح[ًا]?ا?|م|ص)(?!\w))?")
_CLOCK_RE = re.compile(r"(?<![\d.:/])" + _CLOCK + r"(?![\d])", re.I)
_AMPM_HOUR_RE = re.compile(r"(?<![\d:.])(\d{1,2})\s*([ap]\.?m\.?)(?!\w)", re.I)

_ISO_RE = re.compile(
    r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?(?!\d)"
)
_ISO_COMPACT_RE = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})?(?!\d)")
# 2026/11/03 and 2026.11.03: year first.
_YMD_RE = re.compile(r"(?<![\d.])(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?![\d])")
# 16.10.2026, 16.10.26, 16/10/2026, 16-10-2026; 16.10 (no year, needs a clock time or a trailing dot).
# "13. 1. 2020": a space after each dot (Czech, Slovak, German), with a four-digit year.
_DMY_RE = re.compile(r"(?<![\d.:/])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d])|"
                     r"(?<![\d.:/])(\d{1,2})(\.)\s(\d{1,2})\.\s(\d{4})(?![\d])")
_DM_RE = re.compile(r"(?<![\d.:/])(\d{1,2})\.(\d{1,2})\.?(?![\d.])")
# 2020年7月3日 (Chinese, Japanese) and 2020년 7월 3일 (Korean).
_CJK_DATE_RE = re.compile(r"(?:(\d{4})\s*[年년]\s*)?(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
# "3 November 2026", "3. November", "3 de noviembre de 2026", "3 ноября 2026 г.", "24 نيسان / أبريل 2020"
_DAY_MONTH_RE = re.compile(
    rf"(?<![\w])(\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?({_MONTH_ALT})\.?(?![\w])"
    rf"(?:\s*/\s*(?:{_MONTH_ALT})(?![\w]))?(?:,?\s*(?:de\s+)?(\d{{4}}))?",
    re.I,
)
# "Nov 3, 2026", "November 3rd 2026", "Nov. 3"
_MONTH_DAY_RE = re.compile(
    rf"(?<![\w])({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?![\w:])(?:,?\s*(\d{{4}}))?", re.I
)
# "2021. március 12." (Hungarian: year, month, day).
_YEAR_MONTH_DAY_RE = re.compile(rf"(?<!\d)(\d{{4}})\.\s*({_MONTH_ALT})\s+(\d{{1,2}})(?!\d)", re.I)
# "November 2026" alone (no day): first of the month.
_MONTH_YEAR_RE = re.compile(rf"(?<![\w])({_MONTH_ALT})\.?,?\s+(\d{{4}})(?![\d])", re.I)

# "14 Feb ’20", "03.Mär.19": a named month with a two-digit year (an apostrophe or dots mark it as one).
_SHORT_YEAR_RE = re.compile(rf"(?<![\w.])(\d{{1,2}})[.\s]({_MONTH_ALT})(?:\.|\s[’'‘])(\d{{2}})(?![\d:.])", re.I)
# "29 / Dezember / 2022": slashes between day, named month and year (some blog themes print dates so).
_SLASHED_NAMED_RE = re.compile(rf"(?<![\w/])(\d{{1,2}})\s*/\s*({_MONTH_ALT})\s*/\s*(\d{{4}})(?![\d])", re.I)

_MDY_TZ_PREFIXES = ("America/", "US/", "Pacific/Honolulu", "Canada/")


def _aware(tz: tzinfo, d: date, clock: time) -> datetime:
    return datetime.combine(d, clock).replace(tzinfo=tz)


def _parse_offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text.upper() == "Z":
        return UTC
    sign = 1 if text[0] == "+" else -1
    digits = text[1:].replace(":", "")
    hours = int(digits[:2])
    minutes = int(digits[2:4]) if len(digits) >= 4 else 0
    if hours > 18 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _find_clock(text: str) -> time | None:
    m = _CLOCK_RE.search(text)
    if m:
        hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        ampm = (m.group(4) or "").lower().replace(".", "").replace(" ", "")
        ampm = "pm" if ampm.startswith("م") else "am" if ampm.startswith("ص") else ampm
    else:
        m = _AMPM_HOUR_RE.search(text)
        if not m:
            return None
        hour, minute, second = int(m.group(1)), 0, 0
        ampm = m.group(2).lower().replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def _year_for(month: int, day: int, clock: time, reference: datetime, tz: tzinfo) -> datetime | None:
    """Place a year-less date in the latest year that keeps it at or before the reference."""
    ref_local = reference.astimezone(tz)
    for year in (ref_local.year, ref_local.year - 1):
        try:
            candidate = _aware(tz, date(year, month, day), clock)
        except ValueError:  # 29 February in a non-leap year
            continue
        if candidate <= reference:
            return candidate
    return None


def _full_date(year: int, month: int, day: int, clock: time | None, tz: tzinfo) -> datetime | None:
    if year < 100:
        year += 2000
    try:
        return _aware(tz, date(year, month, day), clock or time(0, 0))
    except ValueError:
        return None


def _month_first(languages: Sequence[str], tz: tzinfo) -> bool:
    """Whether d/d/yyyy is month-first: US English only."""
    key = getattr(tz, "key", "") or ""
    return bool(languages) and languages[0] == "en" and key.startswith(_MDY_TZ_PREFIXES)


def _iso(text: str, tz: tzinfo) -> datetime | None:
    m = _ISO_RE.search(text)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if m.group(4) is None:
            return _full_date(year, month, day, None, tz)
        clock_tz = _parse_offset(m.group(7))
        try:
            value = datetime(year, month, day, int(m.group(4)), int(m.group(5)), int(m.group(6) or 0))
        except ValueError:
            return None
        return value.replace(tzinfo=clock_tz) if clock_tz else value.replace(tzinfo=tz)
    m = _ISO_COMPACT_RE.search(text)
    if m:
        try:
            value = datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4)),
                             int(m.group(5)), int(m.group(6) or 0))
        except ValueError:
            return None
        clock_tz = _parse_offset(m.group(7))
        return value.replace(tzinfo=clock_tz or tz)
    return None


def _relative(text: str, reference: datetime) -> datetime | None:
    if _JUST_NOW.search(text):
        return reference
    for pattern in _REL_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        raw_n, unit = m.group(1).lower(), m.group(2).lower()
        n = int(raw_n) if raw_n.isdigit() else _NUMBER_WORDS.get(raw_n, 1)
        seconds = _UNIT_SECONDS.get(unit)
        if seconds is None:
            seconds = next((s for u, s in _UNITS if unit.startswith(u)), None)
        if seconds is None:
            continue
        return reference - timedelta(seconds=n * seconds)
    return None


def _named_month(
    text: str, reference: datetime, tz: tzinfo, clock: time | None, languages: Sequence[str] = ()
) -> datetime | None:
    best: tuple[int, datetime | None] | None = None
    text = _SHORT_YEAR_RE.sub(r"\1 \2 20\3", text)
    text = _SLASHED_NAMED_RE.sub(r"\1 \2 \3", text)
    text = _YEAR_MONTH_DAY_RE.sub(r"\3 \2 \1", text)
    for m, order in ((_DAY_MONTH_RE.search(text), "dm"), (_MONTH_DAY_RE.search(text), "md")):
        if not m:
            continue
        if order == "dm":
            day, month_name, year = m.group(1), m.group(2), m.group(3)
        else:
            month_name, day, year = m.group(1), m.group(2), m.group(3)
        month = _month(month_name, languages)
        if not month or not 1 <= int(day) <= 31:
            continue
        if year:
            value = _full_date(int(year), month, int(day), clock, tz)
            if value is None:
                # "31 listopada 2023" (no 31 November): a day that month does not have is a misread
                # (or a typo), not the month alone ("November 2023")
                return None
        else:
            value = _year_for(month, int(day), clock or time(0, 0), reference, tz)
        if value is not None and (best is None or m.start() < best[0]):
            best = (m.start(), value)
    if best:
        return best[1]
    m = _MONTH_YEAR_RE.search(text)
    month = _month(m.group(1), languages) if m else None
    if m and month:
        return _full_date(int(m.group(2)), month, 1, clock, tz)
    return None


def _numeric(text: str, reference: datetime, tz: tzinfo, clock: time | None, languages: Sequence[str]) -> datetime | None:
    m = _YMD_RE.search(text)
    if m:
        return _full_date(int(m.group(1)), int(m.group(3)), int(m.group(4)), clock, tz)
    m = _DMY_RE.search(text)
    if m:
        g = m.groups() if m.group(1) else m.groups()[4:]
        a, b, year = int(g[0]), int(g[2]), int(g[3])
        day, month = a, b
        if g[1] != "." and (b > 12 or (a <= 12 and _month_first(languages, tz))):
            day, month = b, a
        if 1 <= month <= 12:
            return _full_date(year, month, day, clock, tz)
    m = _CJK_DATE_RE.search(text)
    if m:
        month, day = int(m.group(2)), int(m.group(3))
        if m.group(1):
            return _full_date(int(m.group(1)), month, day, clock, tz)
        return _year_for(month, day, clock or time(0, 0), reference, tz)
    # "16.10 20:44": day.month without a year, trusted only next to a clock time or with a final dot,
    # since a bare "3.5" is more likely a number than a date.
    m = _DM_RE.search(text)
    if m and (clock is not None or m.group(0).endswith(".")):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return _year_for(month, day, clock or time(0, 0), reference, tz)
    return None


def parse_shown_time(
    text: str, reference: datetime, tz: ZoneInfo, languages: Sequence[str] = ("en",)
) -> datetime | None:
    """Parse a time as a page shows it into an aware datetime in ``tz``; None when none is found.

    Args:
        text: the shown text, e.g. "16.10 20:44", "вчера в 14:05", "2 hours ago", "Nov 3, 2026".
        reference: an aware instant (fetch time); year-less dates never land after it.
        tz: the outlet's timezone, for every value that carries no offset of its own.
        languages: the outlet's languages; the first decides d/m versus m/d for US English numeric
            dates and the month of a name languages read differently (Croatian "listopad").
    """
    if not text or not isinstance(text, str):
        return None
    if reference.tzinfo is None:
        reference = reference.replace(tzinfo=tz)
    text = " ".join(text.split())
    if len(text) > 300:
        text = text[:300]
    try:
        value = _iso(text, tz)
        if value is not None:
            return value.astimezone(tz)  # the instant, shown in the outlet's zone like every other result
        clock = _find_clock(text)
        value = _named_month(text, reference, tz, clock, languages)
        if value is None:
            value = _numeric(text, reference, tz, clock, languages)
        if value is not None:
            return value
        value = _relative(text, reference)
        if value is not None:
            return value.astimezone(tz)
        m = _DAY_WORD_RE.search(text)
        if m:
            back = _DAY_WORDS[m.group(1).lower()]
            day = reference.astimezone(tz).date() - timedelta(days=back)
            return _aware(tz, day, clock or time(0, 0))
        if clock is not None and len(text) <= 25:
            # A bare clock time on a list means today; if that is still ahead, it was yesterday's.
            today = reference.astimezone(tz).date()
            value = _aware(tz, today, clock)
            return value if value <= reference else value - timedelta(days=1)
    except (ValueError, OverflowError):
        return None
    return None


def parse_day_month(text: str, reference: datetime, tz: tzinfo, languages: Sequence[str] = ()) -> datetime | None:
    """A day and a named month shown without a year ("11 de mayo", "Nov. 3, 14:05"), placed in the
    latest year that keeps it at or before ``reference``; None for anything else. ``languages``:
    the page's, first first (see ``parse_shown_time``)."""
    if not text or not (_DAY_MONTH_RE.search(text) or _MONTH_DAY_RE.search(text)):
        return None
    try:
        return _named_month(text, reference, tz, _find_clock(text), languages)
    except (ValueError, OverflowError):
        return None


def parse_date_value(value: str, tz: tzinfo, languages: Sequence[str] = ()) -> datetime | None:
    """Parse a machine-written date (meta tag, JSON-LD, <time datetime>): ISO 8601, RFC 2822, or as shown.

    ``languages``: the page's, first first; a month name is read in the first (see ``parse_shown_time``).
    """
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    if not value:
        return None
    try:
        parsed = _iso(value, tz)
        if parsed is not None:
            return parsed
        if re.match(r"^[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", value):
            try:
                parsed = parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                parsed = None
            if parsed is not None:
                return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)
        if re.fullmatch(r"\d{10}(?:\d{3})?", value):
            seconds = int(value[:10])
            return datetime.fromtimestamp(seconds, tz=UTC).astimezone(tz)
        # A machine value has its year; a far reference keeps year inference out of the way.
        far = datetime(9000, 1, 1, tzinfo=UTC)
        zone = tz if isinstance(tz, ZoneInfo) else ZoneInfo("UTC")
        clock = _find_clock(value)
        return _named_month(value, far, zone, clock, languages) or _numeric(value, far, zone, clock, ())
    except (ValueError, OverflowError):
        return None
