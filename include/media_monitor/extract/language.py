"""The article's language: declared (html lang, og:locale, meta, JSON-LD), else detected from the text."""

from __future__ import annotations

import re

from media_monitor.extract.evidence import Evidence
from media_monitor.extract.markup import _WORDS

_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in is that for it with as was on are be by this have from or at which but not",
        "de": "der die und das ist nicht ein eine zu den von mit sich des auf für im dem auch es an als wird",
        "fr": "le la les et des est une un du que dans pour pas qui sur au avec il ce sont par plus aux",
        "es": "el la los las de que y en un una es por con para del se no al lo como más pero sus",
        "it": "il di che e la per un una non sono del della le gli con si al è anche nel alla",
        "pt": "o a os as de que e do da em um uma para com não no na por mais dos se ao é",
        "nl": "de het een en van is dat op te in voor niet met zijn aan er ook als bij door",
        "pl": "i w na nie się z do to że jest o jak ale za od po co tak są przez dla",
        "sv": "och att det som en är av för på med den till inte har de ett om var",
        "da": "og at det en er af for på med den til ikke har de et som var jeg",
        "no": "og at det en er av for på med den til ikke har de et som var jeg",
        "fi": "ja on ei se että oli hän mutta kun myös ovat tai vain sen niin",
        "cs": "a je se v na že to s z do o jako ale by jsou pro není",
        "tr": "ve bir bu da de için ile ne gibi daha çok olarak ama kadar var",
        "ro": "și de la în a că pe cu un o nu este din care mai sau pentru",
        "hu": "a az és hogy nem is egy van ez meg de csak már volt",
        "ru": "и в не на что с по как это он но из к у за от же так",
        "uk": "і в не на що з як це та до але за від він її був",
    }.items()
}
_SCRIPT_LANGS = (
    (re.compile(r"[\u3040-\u30ff]"), "ja"),
    (re.compile(r"[\uac00-\ud7af]"), "ko"),
    (re.compile(r"[\u4e00-\u9fff]"), "zh"),
    (re.compile(r"[\u0600-\u06ff]"), "ar"),
    (re.compile(r"[\u0590-\u05ff]"), "he"),
    (re.compile(r"[\u0370-\u03ff]"), "el"),
    (re.compile(r"[\u0e00-\u0e7f]"), "th"),
    (re.compile(r"[\u0900-\u097f]"), "hi"),
)


def detect_language(text: str) -> str | None:
    """A small stop-word and script profile: good enough to tag an article, no model download."""
    sample = text[:1500]
    if not sample.strip():
        return None
    letters = sum(1 for c in sample if c.isalpha())
    for pattern, lang in _SCRIPT_LANGS:
        if letters and len(pattern.findall(sample)) > 0.2 * letters:
            if lang == "ar" and re.search(r"[پچژگ]", sample):
                return "fa"
            return lang
    words = [w.lower() for w in _WORDS.findall(sample)]
    if len(words) < 5:
        return None
    cyrillic = sum(1 for w in words if re.match(r"[\u0400-\u04ff]", w))
    candidates = ("ru", "uk") if cyrillic > len(words) / 2 else tuple(k for k in _STOPWORDS if k not in ("ru", "uk"))
    scores = {lang: sum(1 for w in words if w in _STOPWORDS[lang]) for lang in candidates}
    best = max(scores, key=lambda k: scores[k])
    if cyrillic > len(words) / 2 and re.search(r"[іїєґ]", sample):
        return "uk"
    return best if scores[best] >= 2 else None


_CYRILLIC_CHAR = re.compile(r"[\u0400-\u04ff]")
_LATIN_CHAR = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC_LANGS = frozenset({"ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn"})


def extract_language(ev: Evidence, body: str, mixed_outlet: bool = False) -> str | None:
    """The declared language (<html lang>, og:locale, content-language, JSON-LD), checked against the text.

    Detection runs when nothing is declared, when the declaration is the template default "en",
    when the text's script contradicts it, or when the outlet publishes in several languages.
    """
    declared = ev.declared_language
    if not body:
        return declared
    if declared and not mixed_outlet and declared != "en":
        sample = body[:400]
        cyrillic, latin = len(_CYRILLIC_CHAR.findall(sample)), len(_LATIN_CHAR.findall(sample))
        script_agrees = (cyrillic >= latin) == (declared in _CYRILLIC_LANGS) or not (cyrillic or latin)
        if script_agrees:
            return declared
    detected = detect_language(body)
    if declared and detected and detected != declared and len(body) < 200:
        return declared  # too little text to outvote the page
    return detected or declared
