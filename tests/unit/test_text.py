"""Tokenisation, stop words, stemming, multi-word terms and language guessing."""

from __future__ import annotations

from media_monitor.text import (
    STOP_WORDS,
    Analyzer,
    DisplayForms,
    find_collocations,
    guess_language,
    tokenize,
)


def test_tokenize_lowercases_and_keeps_cyrillic_and_latin() -> None:
    text = "Drones hit Odesa — Беспилотники атаковали Одессу; 42 people, F-16 don’t"
    assert tokenize(text) == [
        "drones",
        "hit",
        "odesa",
        "беспилотники",
        "атаковали",
        "одессу",
        "people",
        "f-16",
        "don't",
    ]


def test_tokenize_folds_yo_to_ye() -> None:
    assert tokenize("Ёлка ещё") == ["елка", "еще"]


def test_stop_word_lists_are_substantial() -> None:
    assert len(STOP_WORDS["en"]) >= 150
    assert len(STOP_WORDS["ru"]) >= 150
    for lang in ("de", "fr", "es"):
        assert len(STOP_WORDS[lang]) >= 60
    assert {"the", "and", "of", "says"} <= STOP_WORDS["en"]
    assert {"и", "в", "не", "что", "это"} <= STOP_WORDS["ru"]


def test_stop_words_removed_from_content_stems() -> None:
    analyzer = Analyzer()
    assert analyzer.content_stems("The drones and the ships of the port", "en") == ["drone", "ship", "port"]
    assert analyzer.content_stems("Что это было и где беспилотники", "ru") == ["беспилотник"]


def test_acronym_that_collides_with_a_stop_word_is_kept() -> None:
    analyzer = Analyzer()
    assert analyzer.content_stems("US troops leave, say us", "en") == ["US", "troop", "leav"]


def test_russian_stemming_merges_inflections() -> None:
    analyzer = Analyzer()
    stems = {analyzer.stem(w, "ru") for w in ("беспилотники", "беспилотников", "беспилотник", "беспилотниками")}
    assert stems == {"беспилотник"}
    assert analyzer.stem("атаковали", "ru") == analyzer.stem("атаковал", "ru")


def test_english_stemming_merges_inflections() -> None:
    analyzer = Analyzer()
    assert analyzer.stem("Drones", "en") == analyzer.stem("drone", "en") == "drone"
    assert analyzer.stem("striking", "en") == analyzer.stem("strikes", "en") != analyzer.stem("stroke", "en")


def test_language_without_stemmer_is_lower_cased_only() -> None:
    assert Analyzer().stem("Вишиванки", "uk") == "вишиванки"


def test_guess_language_by_script_and_stop_words() -> None:
    assert guess_language("Беспилотники атаковали порт") == "ru"
    assert guess_language("Беспилотники атаковали порт", default="uk") == "uk"
    assert guess_language("The port is closed after the strike") == "en"
    assert guess_language("Die Regierung plant eine Reform der Rente") == "de"
    assert guess_language("Le gouvernement annonce une réforme des retraites") == "fr"
    assert guess_language("El gobierno anuncia una reforma de las pensiones") == "es"
    # No stop word: the outlet's language decides, and a Cyrillic default does not apply to Latin text.
    assert guess_language("Rotterdam dockworkers", default="de") == "de"
    assert guess_language("Rotterdam dockworkers", default="ru") == "en"
    assert guess_language("12345") == "und"
    assert guess_language("12345", default="fr") == "fr"


def test_segments_break_at_stop_words_and_punctuation() -> None:
    analyzer = Analyzer()
    runs = analyzer.segments("Trump: Port strike halts shipping in Rotterdam", "en")
    assert [[t.stem for t in run] for run in runs] == [["trump"], ["port", "strike", "halt", "ship"], ["rotterdam"]]
    assert runs[1][0].surface == "Port"


# Unrelated headlines: PMI compares a pair with chance, which needs a corpus of some size.
FILLER = [
    "Council approves budget for libraries",
    "Heatwave breaks records across Europe",
    "Central bank holds interest rates",
    "Museum returns looted bronzes",
    "Wildfire forces evacuations near Athens",
    "Tech giant unveils folding phone",
    "Striker signs five-year contract",
    "Election officials count postal votes",
    "Vaccine trial shows promising results",
    "Airline cancels flights amid storm",
    "Scientists map deep ocean trench",
    "Parliament debates housing bill",
    "Farmers protest fertiliser prices",
    "Orchestra tours South America",
    "Police arrest suspects after robbery",
    "Bridge closure snarls commuter traffic",
    "Researchers find ancient shipwreck",
    "Hospital waiting lists grow longer",
    "Startup raises funding for batteries",
    "Festival draws record crowds",
]


def _corpus(analyzer: Analyzer, titles: list[str]):
    return [analyzer.segments(t, "en") for t in [*titles, *FILLER]]


def test_frequent_bigram_becomes_one_term() -> None:
    analyzer = Analyzer()
    titles = [
        "Port strike halts shipping",
        "Port strike enters third day",
        "Unions extend port strike",
        "Port strike costs millions",
        "Teachers strike over pay",
        "Ferry port reopens",
        "Ministers meet unions",
        "Shipping rates climb",
        "Rail strike called off",
        "Harbour traffic resumes",
    ]
    colloc = find_collocations(_corpus(analyzer, titles), min_count=3)
    assert ("port", "strike") in colloc
    # Seen together only once: not a term of its own.
    assert ("teacher", "strike") not in colloc
    terms = colloc.terms(analyzer.segments("Unions call port strike off", "en"))
    assert [t for t, _ in terms] == ["union", "call", "port strike"]
    forms = DisplayForms()
    for title in titles:
        forms.update(colloc.terms(analyzer.segments(title, "en")))
    assert forms.get("port strike") == "port strike"


def test_rare_pair_below_min_count_is_not_merged() -> None:
    analyzer = Analyzer()
    titles = ["Port strike halts shipping", "Port strike enters third day", "Ferry port reopens"]
    colloc = find_collocations(_corpus(analyzer, titles), min_count=3)
    assert len(colloc) == 0
    assert [t for t, _ in colloc.terms(analyzer.segments("Port strike", "en"))] == ["port", "strike"]


def test_capitalised_name_is_kept_together() -> None:
    analyzer = Analyzer()
    titles = [
        "Donald Trump signs tariff order",
        "Allies react to Donald Trump",
        "Donald Trump meets Putin",
        "Trump rally draws crowds",
        "Trump lawyers appeal",
        "Trump speaks to reporters",
        "Trump trade war widens",
        "Trump visits factory",
        "Donald Duck turns ninety",
        "Markets fall on Trump tariffs",
    ]
    colloc = find_collocations(_corpus(analyzer, titles), min_count=3)
    assert ("donald", "trump") in colloc
    terms = colloc.terms(analyzer.segments("Donald Trump wins appeal", "en"))
    assert terms[0] == ("donald trump", "Donald Trump")


def test_display_form_prefers_lower_case_unless_mostly_capitalised() -> None:
    forms = DisplayForms()
    forms.add("drone", "Drones", 3)  # headline-initial
    forms.add("drone", "drones", 2)
    forms.add("drone", "drone", 1)
    forms.add("trump", "Trump", 5)
    assert forms.get("drone") == "drones"
    assert forms.get("trump") == "Trump"
    assert forms.get("unseen") == "unseen"


def test_analyse_guesses_language_when_not_given() -> None:
    analyzer = Analyzer()
    lang, runs = analyzer.analyse("Беспилотники атаковали порт Одессы")
    assert lang == "ru"
    assert [t.stem for t in runs[0]][0] == "беспилотник"
    lang, _ = analyzer.analyse("Rotterdam dockworkers", default_lang="en")
    assert lang == "en"


def test_exclusive_language_skips_the_guess_only_when_the_script_agrees() -> None:
    # An English-only outlet: a German-looking headline is taken as English (the outlet says so),
    # but a Cyrillic one is still recognised by its script.
    assert guess_language("Die Regierung plant eine Reform", default="en", exclusive=True) == "en"
    assert guess_language("Die Regierung plant eine Reform", default="en") == "de"
    assert guess_language("Беспилотники атаковали порт", default="en", exclusive=True) == "ru"
    assert guess_language("Drones hit the port", default="ru", exclusive=True) == "en"
    analyzer = Analyzer()
    assert analyzer.analyse("Беспилотники атаковали порт", default_lang="en", exclusive=True)[0] == "ru"


# Texts where tokenisers disagree easily: scripts, apostrophes, hyphens, numbers, combining
# marks, Unicode spaces around a dash, punctuation runs, underscores and symbols.
TRICKY_TEXTS = [
    "Drones hit Odesa — Беспилотники атаковали Одессу; 42 people, F-16 don’t",
    "a--b x- -y 'quoted' U.S. troops COVID-19 e-mail naïve café",
    "Ⅻ century, ²nd place, ½ measure, foo_bar baz__ _lead",
    "日本語のテキスト Αθήνα مرحبا हिन्दी समाचार",
    "tab\t-\tdash, nbsp\u00a0-\u00a0dash, em\u2003-\u2003space, plain - dash",
    "«Ёлка» (test) [x] {y} | z / w \\ v … – — !? ...",
    "emoji 😀 test l'homme d’affaires rock ’n’ roll ʼokina",
    "",
    "12345 67-89 3.14",
    "Trump: Port strike halts shipping in Rotterdam",
]


def test_sql_item_pattern_matches_the_python_tokeniser() -> None:
    import duckdb

    from media_monitor.text import _WORD_OR_BREAK_RE, SQL_ITEM_PATTERN

    con = duckdb.connect()
    try:
        for text in TRICKY_TEXTS:
            expected = [m.group(0) for m in _WORD_OR_BREAK_RE.finditer(text)]
            got = con.execute("SELECT regexp_extract_all(?, ?)", [text, SQL_ITEM_PATTERN]).fetchone()[0]
            assert got == expected, text
    finally:
        con.close()


def test_sql_script_patterns_match_python() -> None:
    import duckdb

    from media_monitor.text import (
        _LATIN_LETTER_RE,
        _NON_LATIN_LETTER_RE,
        SQL_LATIN_LETTER_PATTERN,
        SQL_NON_LATIN_LETTER_PATTERN,
    )

    con = duckdb.connect()
    try:
        for text in [*TRICKY_TEXTS, "×÷", "Ǆ ɏ ɐ", "ä", "Ж", "ア"]:
            for python_re, sql in (
                (_LATIN_LETTER_RE, SQL_LATIN_LETTER_PATTERN),
                (_NON_LATIN_LETTER_RE, SQL_NON_LATIN_LETTER_PATTERN),
            ):
                got = con.execute("SELECT regexp_matches(?, ?)", [text, sql]).fetchone()[0]
                assert got == (python_re.search(text) is not None), (text, sql)
    finally:
        con.close()


def test_decide_language_is_guess_language_once_counted() -> None:
    from media_monitor.text import WORD_RE, decide_language, latin_stop_languages, word_script

    texts = [
        *TRICKY_TEXTS,
        "The port is closed",
        "Die Regierung plant",
        "Le gouvernement",
        "El gobierno y la",
        "Беспилотники атаковали",
        "Mixed Беспилотники the port",
        "12345",
    ]
    for text in texts:
        for default in (None, "en", "de", "ru", "uk", "fr"):
            words = WORD_RE.findall(text)
            scripts = [word_script(w) for w in words]
            scores = {lang: 0 for lang in ("en", "de", "fr", "es")}
            for w, script in zip(words, scripts, strict=True):
                if script == "latin":
                    for lang in latin_stop_languages(w):
                        scores[lang] += 1
            decided = decide_language(
                scripts.count("cyrillic"),
                scripts.count("latin"),
                scripts.count("greek"),
                scripts.count("arabic"),
                scores,
                default,
            )
            assert decided == guess_language(text, default=default), (text, default)


def test_accept_collocations_equals_find_collocations() -> None:
    from collections import Counter

    from media_monitor.text import accept_collocations

    analyzer = Analyzer()
    titles = [
        "Donald Trump signs tariff order",
        "Allies react to Donald Trump",
        "Donald Trump meets Putin",
        "Port strike halts shipping",
        "Port strike enters third day",
        "Unions extend port strike",
        "Trump rally draws crowds",
        "Markets fall on Trump tariffs",
    ]
    docs = _corpus(analyzer, titles)
    expected = find_collocations(docs, min_count=3)
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    caps: Counter[tuple[str, str]] = Counter()
    for segments in docs:
        for run in segments:
            unigrams.update(t.stem for t in run)
            for a, b in zip(run, run[1:], strict=False):
                bigrams[(a.stem, b.stem)] += 1
                caps[(a.stem, b.stem)] += a.capitalised and b.capitalised
    # Only the pairs at the minimum count, as the SQL hands them over.
    candidates = [(p, n, caps[p], unigrams[p[0]], unigrams[p[1]]) for p, n in bigrams.items() if n >= 3]
    got = accept_collocations(candidates, sum(unigrams.values()), min_count=3)
    assert got.pairs == expected.pairs
    assert ("donald", "trump") in got and ("port", "strike") in got
    # No stem is both the left of one kept pair and the right of another (SQL merges in one pass).
    assert not {left for left, _ in got.pairs} & {right for _, right in got.pairs}
