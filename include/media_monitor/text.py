"""Tokenisation, stop words, stemming, multi-word terms and language guessing.

Headlines are short and multilingual (our outlets publish in Russian and English at least),
so everything here works per language: a word is stemmed with its language's Snowball
stemmer, stop words come from a built-in list per language, and frequent adjacent pairs
("port strike", "Donald Trump") are merged into one term before counting. The report
tokenises tens of thousands of titles, so stems are cached per surface form.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import snowballstemmer

# ISO 639-1 code -> Snowball algorithm. Languages not listed are lower-cased but not stemmed.
SNOWBALL_ALGORITHMS: dict[str, str] = {
    "en": "english",
    "ru": "russian",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "pl": "polish",
    "sv": "swedish",
    "da": "danish",
    "no": "norwegian",
    "fi": "finnish",
    "tr": "turkish",
    "hu": "hungarian",
    "ro": "romanian",
    "cs": "czech",
    "el": "greek",
    "ar": "arabic",
    "sr": "serbian",
    "ca": "catalan",
    "lt": "lithuanian",
}

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "ru": "Russian",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "uk": "Ukrainian",
    "el": "Greek",
    "ar": "Arabic",
    "und": "Undetermined",
}

# Languages written in Cyrillic: a Cyrillic text from an outlet whose main language is one of
# these keeps that language; otherwise we call it Russian (the only Cyrillic list we carry).
CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn"})
LATIN_GUESS_LANGUAGES = ("en", "de", "fr", "es")

_EN_STOP = """
a about above according across after again against ago ahead all almost along already also although
always am among amid an and another any anyone anything are aren't around as at away back be became
because become been before behind being below beside besides between beyond both but by can can't
cannot could couldn't did didn't do does doesn't doing don't done down during each either else
enough even ever every few for from further get gets getting got had hadn't has hasn't have haven't
having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll
i'm i've if in inside into is isn't it it's its itself just least less let let's like made make
makes many may me might more most much must mustn't my myself near neither never no nor not nothing
now of off often on once one only onto or other others ought our ours ourselves out over own per
perhaps quite rather really said same say says shall shan't she she'd she'll she's should shouldn't
since so some something still such than that that's the their theirs them themselves then there
there's these they they'd they'll they're they've this those though through throughout thus till to
too toward towards under unless until up upon us very via vs was wasn't we we'd we'll we're we've
well were weren't what what's whatever when when's where where's whether which while who who's whom
whose why why's will with within without won't would wouldn't yet you you'd you'll you're you've
your yours yourself yourselves
"""
# Deliberately not stop words: "new" (New York, New Delhi), "first", "last", "world" and "year":
# they are content in news headlines, and the log-odds statistic already discounts steady words.

_RU_STOP = """
а без более больше будет будто бы был была были было быть в вам вас вдруг ведь во вот впрочем все
всегда всего всех всю вы где да даже два для до другой его ее ей ему если есть еще ж же за зачем
здесь и из или им иногда их к как какая какой когда конечно кто куда ли лучше между меня мне много
может можно мой моя мы на над надо наконец нас не него нее ней нельзя нет ни нибудь никогда ним них
ничего но ну о об один он она они опять от перед по под после потом потому почти при про раз разве
с сам свою себе себя сейчас со совсем так также такой там тебя тем теперь то тогда того тоже только
том тот три тут ты у уж уже хорошо хоть чего чем через что чтоб чтобы чуть эта эти этим этих это
этого этой этом этот эту я который которая которое которые которых которого которой котором которым
свой своя свое свои своих своей своим своего всё ещё её сво весь вся наш наша наше наши ваш ваша
ваше ваши также тоже лишь именно будут будем буду было бывает есть нем нём около среди вокруг ради
вместо кроме пока пусть хотя причем причём зато либо затем поэтому однако итак вообще вроде словно
сообщил сообщила сообщили сообщает сообщается заявил заявила заявили заявляет сказал сказала
рассказал рассказала считает отметил отметила стало стал стала стали может могут мочь нужно
"""

_DE_STOP = """
aber als am an auch auf aus bei bin bis bist da dadurch daher darum das dass dein deine dem den der
des dessen deshalb die dies diese dieser dieses doch dort du durch ein eine einem einen einer eines
er es euer eure für hatte hatten hattest hattet hier hinter ich ihr ihre im in ist ja jede jedem
jeden jeder jedes jener jenes jetzt kann kannst können könnt machen mein meine mit muss musst müssen
müsst nach nachdem nein nicht noch nun oder seid sein seine sich sie sind soll sollen sollst sollt
sonst soweit sowie und unser unsere unter vom von vor wann warum was weiter weitere wenn wer werde
werden werdet weshalb wie wieder wieso wir wird wirst wo woher wohin zu zum zur über
"""

_FR_STOP = """
au aux avec ce ces dans de des du elle en et eux il ils je la le les leur leurs lui ma mais me même
mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te tes toi ton
tu un une vos votre vous c d j l à m n s t y été étée étées étés étant suis es est sommes êtes sont
serai sera seront serait étais était étions étaient fus fut ai as avons avez ont aura auront aurait
avais avait avions avaient eu cette cet celle celui ceux dont plus selon après avant sans sous entre
"""

_ES_STOP = """
a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el
ella ellas ellos en entre era erais eran eras eres es esa esas ese eso esos esta estaba estado
estamos estan están estar estas este esto estos fue fueron fui ha han hasta hay la las le les lo
los mas más me mi mis mucho muy nada ni no nos nosotros o os otra otras otro otros para pero poco
por porque que quien quienes qué se sea según ser si sido sin sobre son su sus también te tiene
tienen todo todos tu tus un una uno unos y ya yo dijo tras
"""


def _words(block: str) -> frozenset[str]:
    # Russian lists are written with е; we fold ё to е before lookup (see _normalise_word).
    return frozenset(w.replace("ё", "е") for w in block.split())


STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _words(_EN_STOP),
    "ru": _words(_RU_STOP),
    "de": _words(_DE_STOP),
    "fr": _words(_FR_STOP),
    "es": _words(_ES_STOP),
}

# A word: starts with a letter, continues with letters/digits, may contain inner apostrophes or
# hyphens ("don't", "F-16", "пресс-секретарь"). Pure numbers are not terms.
_WORD = r"[^\W\d_](?:[^\W_]|['’ʼ\-](?=[^\W_]))*"
WORD_RE = re.compile(_WORD)
# One pass over a text: a word (group 1), or punctuation that ends a phrase (group 1 empty),
# so that a multi-word term never spans it ("Trump: Port strike").
_WORD_OR_BREAK_RE = re.compile(rf"({_WORD})|[.,:;!?()\[\]{{}}\"«»“”„|/\\…–—]+|\s-\s")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})

# Lower-cased stop word -> the Latin-script languages listing it, for one lookup per word.
_LATIN_STOP_INDEX: dict[str, tuple[str, ...]] = {}
for _lang in LATIN_GUESS_LANGUAGES:
    for _word in STOP_WORDS[_lang]:
        _LATIN_STOP_INDEX[_word] = (*_LATIN_STOP_INDEX.get(_word, ()), _lang)


def _normalise_word(word: str) -> str:
    # Called once per word of every text: the containment tests are cheaper than always
    # translating, and most words need neither change.
    lower = word.lower()
    if "’" in lower or "ʼ" in lower:
        lower = lower.translate(_APOSTROPHES)
    if "ё" in lower:
        lower = lower.replace("ё", "е")
    return lower


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens of a text, in order (no stop-word removal)."""
    return [_normalise_word(w) for w in WORD_RE.findall(text or "")]


# Script of a word by its first character (the word pattern guarantees it is a letter).
CYRILLIC, LATIN, GREEK, ARABIC = "cyrillic", "latin", "greek", "arabic"


def word_script(word: str) -> str:
    """The script the guess counts a word under: cyrillic, latin, greek, arabic or "" (other)."""
    first = word[0]
    if "\u0400" <= first <= "\u04ff":
        return CYRILLIC
    if first < "\u0250":
        return LATIN
    if "\u0370" <= first <= "\u03ff":
        return GREEK
    if "\u0600" <= first <= "\u06ff":
        return ARABIC
    return ""


def latin_stop_languages(word: str) -> tuple[str, ...]:
    """The Latin-script guess languages whose stop-word list has this word (any case)."""
    return _LATIN_STOP_INDEX.get(_normalise_word(word), ())


def decide_language(
    cyrillic: int, latin: int, greek: int, arabic: int, scores: dict[str, int], default: str | None
) -> str:
    """The language guess from word counts per script and stop-word hits per Latin language.

    This is the whole decision of :func:`guess_language` once the words are counted; the report
    counts in DuckDB and calls this once per distinct combination of counts.
    """
    if cyrillic and cyrillic >= latin:
        return default if default in CYRILLIC_LANGUAGES else "ru"  # type: ignore[return-value]
    if latin:
        best = max((scores.get(lang, 0) for lang in LATIN_GUESS_LANGUAGES), default=0)
        if best > 0:
            tied = [lang for lang in LATIN_GUESS_LANGUAGES if scores.get(lang, 0) == best]
            if default in tied:
                return default  # type: ignore[return-value]
            return tied[0]  # LATIN_GUESS_LANGUAGES order puts English first among ties
        if default and default not in CYRILLIC_LANGUAGES:
            return default
        return "en"
    if greek or arabic:
        return "el" if greek >= arabic else "ar"
    return default or "und"


def _guess_from_words(words: Iterable[str], default: str | None) -> str:
    # Words, not letters, are counted: a word's first character tells its script (the word
    # pattern guarantees it is a letter). Empty strings (phrase breaks) are skipped.
    cyrillic = latin = greek = arabic = 0
    scores = dict.fromkeys(LATIN_GUESS_LANGUAGES, 0)
    for word in words:
        if not word:
            continue
        first = word[0]
        if "\u0400" <= first <= "\u04ff":
            cyrillic += 1
        elif first < "\u0250":
            latin += 1
            for lang in _LATIN_STOP_INDEX.get(_normalise_word(word), ()):
                scores[lang] += 1
        elif "\u0370" <= first <= "\u03ff":
            greek += 1
        elif "\u0600" <= first <= "\u06ff":
            arabic += 1
    return decide_language(cyrillic, latin, greek, arabic, scores, default)


_NON_LATIN_LETTER_RE = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u0900-\u0dff\u3040-\u9fff\uac00-\ud7af]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")


def _script_agrees(text: str, lang: str) -> bool:
    """True if the text has no letters outside the script ``lang`` is written in (Latin/Cyrillic)."""
    if lang in CYRILLIC_LANGUAGES:
        return _LATIN_LETTER_RE.search(text) is None
    if lang in LATIN_SCRIPT_LANGUAGES:
        return _NON_LATIN_LETTER_RE.search(text) is None
    return False


# The same tokenisation in RE2 syntax, for DuckDB's regexp_extract_all (the report tokenises
# a month of titles in SQL). RE2 has no lookahead, so an inner apostrophe or hyphen is matched
# together with the letters after it, which accepts exactly the words WORD_RE accepts; and RE2's
# \s is ASCII-only, so Unicode spaces are listed. Each match is a word or a run of phrase
# punctuation (a break); tests check both tokenisers agree.
SQL_ITEM_PATTERN = (
    r"[\pL\p{Nl}\p{No}][\pL\pN]*(?:['’ʼ\-][\pL\pN]+)*"
    r"|[.,:;!?()\[\]{}\"«»“”„|/\\…–—]+"
    r"|[\s\p{Z}\x{85}\x{0b}\x{1c}-\x{1f}]-[\s\p{Z}\x{85}\x{0b}\x{1c}-\x{1f}]"
)
# _LATIN_LETTER_RE and _NON_LATIN_LETTER_RE for RE2, for the script check of _script_agrees.
SQL_LATIN_LETTER_PATTERN = r"[A-Za-z\x{00c0}-\x{024f}]"
SQL_NON_LATIN_LETTER_PATTERN = (
    r"[\x{0370}-\x{03ff}\x{0400}-\x{04ff}\x{0590}-\x{06ff}\x{0900}-\x{0dff}\x{3040}-\x{9fff}\x{ac00}-\x{d7af}]"
)
# Languages whose script check is "no Latin letter" and "no non-Latin letter" (see _script_agrees).
LATIN_SCRIPT_LANGUAGES = (
    frozenset(lang for lang in SNOWBALL_ALGORITHMS if lang not in ("el", "ar")) - CYRILLIC_LANGUAGES
)


def is_word(surface: str) -> bool:
    """True if the text is one word as WORD_RE reads it (not punctuation, not a number)."""
    return WORD_RE.fullmatch(surface) is not None


def guess_language(text: str, default: str | None = None, *, exclusive: bool = False) -> str:
    """Guess a text's ISO 639-1 language from its script and stop-word overlap.

    Args:
        text: any text; short headlines work, since one stop word usually settles Latin scripts.
        default: the language to fall back on (e.g. the outlet's main language) when the text
            does not decide; it also breaks ties.
        exclusive: ``default`` is the only language the source publishes in: it is taken
            without a stop-word guess whenever the text's script agrees with it (a Cyrillic
            headline on an English-only outlet is still recognised as Russian).

    Returns:
        A language code, or "und" when the text has no letters and no default is given.
    """
    text = text or ""
    if exclusive and default and _script_agrees(text, default):
        return default
    return _guess_from_words(WORD_RE.findall(text), default)


@dataclass(frozen=True, slots=True)
class Token:
    """A content word: its stem (the term key) and its surface form as written."""

    stem: str
    surface: str
    capitalised: bool = False  # written with an initial capital (names, or a headline's first word)


_MISSING = object()

# A text as runs of adjacent content words. Stop words and phrase punctuation end a run, so a
# multi-word term is only ever formed from words that stood next to each other.
Segments = list[list[Token]]


class Analyzer:
    """Tokenises and stems texts per language, caching the work per surface form.

    One instance is meant to live for one report: the cache grows with the vocabulary of
    the texts seen (tens of thousands of forms for a month of headlines).
    """

    def __init__(self, stop_words: dict[str, frozenset[str]] | None = None, min_length: int = 2) -> None:
        self.stop_words = STOP_WORDS if stop_words is None else stop_words
        self.min_length = min_length
        self._stemmers: dict[str, object | None] = {}
        # lang -> surface -> Token, or None for a stop word / too short word.
        self._cache: dict[str, dict[str, Token | None]] = defaultdict(dict)

    def _stemmer(self, lang: str):
        if lang not in self._stemmers:
            algorithm = SNOWBALL_ALGORITHMS.get(lang)
            self._stemmers[lang] = snowballstemmer.stemmer(algorithm) if algorithm else None
        return self._stemmers[lang]

    def stem(self, word: str, lang: str) -> str:
        """The Snowball stem of a word (lower-cased first); the lower-cased word if no stemmer."""
        lower = _normalise_word(word)
        stemmer = self._stemmer(lang)
        return stemmer.stemWord(lower) if stemmer is not None else lower  # type: ignore[attr-defined]

    def is_stop_word(self, word: str, lang: str) -> bool:
        return _normalise_word(word) in self.stop_words.get(lang, frozenset())

    def token(self, surface: str, lang: str) -> Token | None:
        """The content token for a surface form, or None if it is a stop word or too short."""
        cache = self._cache[lang]
        try:
            return cache[surface]
        except KeyError:
            pass
        lower = _normalise_word(surface)
        result: Token | None
        if 2 <= len(surface) <= 4 and surface.isupper() and lower in self.stop_words.get(lang, frozenset()):
            # Acronyms that collide with stop words ("US", "WHO", "IT") are names, not function words.
            result = Token(stem=surface, surface=surface, capitalised=True)
        elif len(lower) < self.min_length or lower in self.stop_words.get(lang, frozenset()):
            result = None
        else:
            result = Token(stem=self.stem(lower, lang), surface=surface, capitalised=surface[:1].isupper())
        cache[surface] = result
        return result

    def segments(self, text: str, lang: str) -> Segments:
        """Runs of adjacent content tokens; stop words and phrase punctuation split runs."""
        return self._segments(_WORD_OR_BREAK_RE.findall(text or ""), lang)

    def _segments(self, items: list[str], lang: str) -> Segments:
        # The hot loop of the report (millions of words a month): one dict lookup per word.
        cache = self._cache[lang]
        runs: Segments = []
        run: list[Token] = []
        for surface in items:
            if surface:
                tok = cache.get(surface, _MISSING)
                if tok is _MISSING:
                    tok = self.token(surface, lang)
            else:
                tok = None
            if tok is None:
                if run:
                    runs.append(run)
                    run = []
            else:
                run.append(tok)  # type: ignore[arg-type]
        if run:
            runs.append(run)
        return runs

    def analyse(
        self,
        text: str,
        lang: str | None = None,
        default_lang: str | None = None,
        *,
        exclusive: bool = False,
    ) -> tuple[str, Segments]:
        """Language and segments of a text.

        Args:
            lang: the language if known (e.g. declared by the article page).
            default_lang: the fallback for the guess (e.g. the outlet's main language).
            exclusive: ``default_lang`` is the only language the outlet publishes in; it is then
                taken without a stop-word guess whenever the text's script agrees with it, which
                saves most of the guessing work on a month of headlines.
        """
        text = text or ""
        items = _WORD_OR_BREAK_RE.findall(text)
        if lang:
            language = lang
        elif exclusive and default_lang and _script_agrees(text, default_lang):
            language = default_lang
        else:
            # The words are already split: guess from them rather than via guess_language().
            language = _guess_from_words(items, default_lang)
        return language, self._segments(items, language)

    def content_stems(self, text: str, lang: str) -> list[str]:
        """Stems of the content words of a text, in order."""
        return [tok.stem for run in self.segments(text, lang) for tok in run]


@dataclass
class Collocations:
    """Adjacent stem pairs that are counted as one term ("port strike", "Donald Trump")."""

    pairs: dict[tuple[str, str], float] = field(default_factory=dict)  # pair -> PMI (bits)

    def __contains__(self, pair: tuple[str, str]) -> bool:
        return pair in self.pairs

    def __len__(self) -> int:
        return len(self.pairs)

    def terms(self, segments: Segments) -> list[tuple[str, str]]:
        """(term key, surface) for each term of a text, merging known pairs left to right."""
        out: list[tuple[str, str]] = []
        pairs = self.pairs
        for run in segments:
            i, n = 0, len(run)
            while i < n:
                tok = run[i]
                if i + 1 < n and (tok.stem, run[i + 1].stem) in pairs:
                    nxt = run[i + 1]
                    out.append((f"{tok.stem} {nxt.stem}", f"{tok.surface} {nxt.surface}"))
                    i += 2
                else:
                    out.append((tok.stem, tok.surface))
                    i += 1
        return out


def find_collocations(
    documents: Iterable[Segments],
    *,
    min_count: int = 3,
    min_pmi: float = 3.0,
    min_pmi_capitalised: float = 1.5,
    min_share: float = 0.3,
) -> Collocations:
    """Find adjacent stem pairs frequent and associated enough to be one term.

    Pointwise mutual information alone favours rare pairs, so a pair must also occur at least
    ``min_count`` times and make up at least ``min_share`` of the rarer word's occurrences
    ("strike" may appear without "port", but "port" mostly appears in "port strike").
    Pairs written capitalised most of the time are names ("Donald Trump") and pass a lower
    PMI bar, since a common first name is weakly associated with any one surname.

    Args:
        documents: the segments of each text (one language; count each distinct text once).

    Returns:
        The accepted pairs with their PMI in bits.
    """
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    capitalised: Counter[tuple[str, str]] = Counter()
    for segments in documents:
        for run in segments:
            # Counter.update on a list counts in C; this runs over every title of the window.
            stems = [tok.stem for tok in run]
            unigrams.update(stems)
            if len(stems) > 1:
                pairs = list(zip(stems, stems[1:], strict=False))
                bigrams.update(pairs)
                capitalised.update(
                    [p for p, a, b in zip(pairs, run, run[1:], strict=False) if a.capitalised and b.capitalised]
                )
    total = sum(unigrams.values())
    candidates = (
        (pair, count, capitalised[pair], unigrams[pair[0]], unigrams[pair[1]]) for pair, count in bigrams.items()
    )
    return accept_collocations(
        candidates,
        total,
        min_count=min_count,
        min_pmi=min_pmi,
        min_pmi_capitalised=min_pmi_capitalised,
        min_share=min_share,
    )


def accept_collocations(
    candidates: Iterable[tuple[tuple[str, str], int, int, int, int]],
    total: int,
    *,
    min_count: int = 3,
    min_pmi: float = 3.0,
    min_pmi_capitalised: float = 1.5,
    min_share: float = 0.3,
) -> Collocations:
    """The decision of :func:`find_collocations` on pairs already counted (e.g. in SQL).

    Args:
        candidates: (pair, pair count, count written capitalised, left word count, right word
            count); pairs below ``min_count`` may be left out, they are never accepted.
        total: the number of content words of the corpus.
    """
    accepted: dict[tuple[str, str], float] = {}
    counts: dict[tuple[str, str], int] = {}
    if total == 0:
        return Collocations(accepted)
    for pair, count, capitalised, left_count, right_count in candidates:
        if count < min_count or pair[0] == pair[1]:
            continue
        if count / min(left_count, right_count) < min_share:
            continue
        pmi = math.log2(count * total / (left_count * right_count))
        is_name = capitalised >= 0.8 * count
        if pmi >= (min_pmi_capitalised if is_name else min_pmi):
            accepted[pair] = pmi
            counts[pair] = count
    return Collocations(_drop_overlaps(accepted, counts))


def _drop_overlaps(
    accepted: dict[tuple[str, str], float], bigrams: dict[tuple[str, str], int]
) -> dict[tuple[str, str], float]:
    # Greedy left-to-right merging cannot honour both "a b" and "b c" in "a b c"; keep a pair
    # only if no more frequent accepted pair shares its words' positions, so counts stay stable.
    kept: dict[tuple[str, str], float] = {}
    lefts: set[str] = set()
    rights: set[str] = set()
    for pair in sorted(accepted, key=lambda p: (-bigrams[p], p)):
        if pair[0] in rights or pair[1] in lefts:
            continue
        kept[pair] = accepted[pair]
        lefts.add(pair[0])
        rights.add(pair[1])
    # So no word is both the left of one kept pair and the right of another: merging pairs
    # left to right then never has to choose, which lets SQL merge every pair in one pass.
    return kept


class DisplayForms:
    """The most frequent surface form per term, for showing stems to readers."""

    def __init__(self) -> None:
        self._forms: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, term: str, surface: str, weight: int = 1) -> None:
        self._forms[term][surface] += weight

    def update(self, terms: Iterable[tuple[str, str]], weight: int = 1) -> None:
        for term, surface in terms:
            self._forms[term][surface] += weight

    def get(self, term: str) -> str:
        """Most frequent word form; lower case unless the word is mostly written capitalised.

        Headlines capitalise the first word (and English outlets often every word), so casing
        is decided separately: a name like "Trump" is never lower-cased, but "Drone" at the
        start of a headline loses to "drone" once the lower-case form makes up a fifth of uses.
        """
        forms = self._forms.get(term)
        if not forms:
            return term
        by_lower: Counter[str] = Counter()
        for surface, count in forms.items():
            by_lower[surface.lower()] += count
        best_lower = min(by_lower, key=lambda s: (-by_lower[s], s))
        casings = {s: c for s, c in forms.items() if s.lower() == best_lower}
        if casings.get(best_lower, 0) * 5 >= by_lower[best_lower]:
            return best_lower
        return min(casings, key=lambda s: (-casings[s], s))


def distinct_terms(terms: Sequence[tuple[str, str]]) -> set[str]:
    """The set of term keys of a text (for document frequencies)."""
    return {term for term, _ in terms}
