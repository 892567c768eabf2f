"""Author names: cleaning byline text into a list of people (no URLs, no "By", no site names)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape as html_unescape

from media_monitor.extract.markup import _INVISIBLE, _KIND_BY, _TEXT_AND_PICTURES, _VERB_LEAD_INS, _is_site_name, _norm

# (a news site's country domain too: "sudinfo.be", "a1plus.am", "hbl.fi")
_URLISH = re.compile(
    r"https?://\S+|www\.\S+|\S+\.(?:com|de|org|net|at|ch|fr|ru|uk|es|it|pl|nl|info|io|be|am|az|ba|bg|by|cz|dk|ee|fi|"
    r"gr|hr|hu|ie|kz|lt|lu|lv|md|mk|pt|ro|rs|se|si|sk|ua|tr|il|jp|kr|cn|tw|hk|sg|ph|au|nz|za|ng|ke|br|ar|mx|cl|pe|ve|"
    r"uy|ca|eu|tv|cat)\b\S*",
    re.I,
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_MARKUP = re.compile(r"</?[a-zA-Z][^<>]*>")
_HANDLE_BETWEEN = re.compile(r"\s@\w+\s+(?=[A-ZÀ-ÖØ-ÞĀ-ſ])")

# Byline lead-ins in the languages of our outlets and corpus.
_BYLINE_PREFIX = re.compile(
    r"^\s*(?:作者|撰文|筆者|笔者|記者|记者)\s*[:：]?\s*|"  # (no word boundary between CJK label and name)
    r"^\s*oprac\.\s*|"  # (Polish "compiled by", abbreviated: no word boundary after the dot)
    r"^\s*(?:" + _VERB_LEAD_INS + r"|autor[*:_/](?:in|innen)|von\s+unsere[mr]\s+\w+|(?:compiled|filed|contributed)\s+by|"
    r"opracował(?:a)?|opracowanie|autoria|" + _TEXT_AND_PICTURES + r"|(?:written|posted|published|reported|reporting|submitted|text|story|words|interview|photos?|fotos?|video)\s+by|by|von|vom|par|por|"
    r"di|da|do|a\s+cura\s+di|door|av|af|skrevet\s+a[fv]|przez|autor(?:in|en|ka|es|i|zy)?|authors?|auteurs?|forfatter|författare|kirjoittaja|"
    r"teksti|szerző|yazar|συντάκτης|autore|redakteur(?:in)?|verfasst\s+von|ein\s+(?:beitrag|artikel|"
    r"kommentar|gastbeitrag)\s+von|eine\s+(?:analyse|reportage|kolumne)\s+von|text|texte|"
    r"авторы?|текст|от|посмотреть\s+все\s+записи|view\s+all\s+posts\s+by|all\s+posts\s+by|more\s+by|mehr\s+von|"
    r"articles?\s+by|stories\s+by|written|(?:artikel|beitrag|beiträge|posts?)\s+von|a\s+post\s+by|(?:veröffentlicht|publiziert|erstellt|geschrieben|verfasst)\s+von|"
    r"napisał(?:a)?|опубликовал(?:а)?|(?:redaktion|redacci[oó]n|reda[cç][aã]o|r[ée]daction)(?=\s*:)|texto|testo|tekst|"
    r"(?:interview|entrevista|intervista|wywiad|words)(?=\s*:)|" + _KIND_BY + r")\b\s*[:：\-–—]?\s*",
    re.I,
)
# Words that start a byline's date or role part rather than a name.
_NOT_A_NAME_START = re.compile(
    r"^(?:publiziert|veröffentlicht|published|posted|updated|aktualisiert|erstellt|geschrieben|written|publié|publicado|"
    r"pubblicato|am|on|le|el|il|em|vor|ago|min|minutes?|stunden?|hours?|lesezeit|read|reading|share|teilen|follow|mehr|"
    r"more|über|about|contact|kontakt|email|e-mail|developed by|designed by|powered by|website by|webdesign|"
    r"fotos?|photos?|фото|bild|bilder|image)\b",
    re.I,
)
# Roles appended to a name: "Christoph Hein Chefredakteur", "Jane Doe, Staff Writer".
_ROLE_SUFFIX = re.compile(
    r"\s+(?:chef-?redakteur(?:in)?|redakteur(?:in)?|reporter(?:in)?|korrespondent(?:in)?|correspondent|journalist(?:in)?|"
    r"editor(?:-in-chief)?|senior editor|staff writer|contributor|autor(?:in)?|author|fotograf(?:in)?|photographer|"
    r"volontär(?:in)?|praktikant(?:in)?|herausgeber(?:in)?|기자|특파원)$",
    re.I,
)
# A profession set before a name: "Rechtsanwalt Jane Doe", "Bestseller-Autor John Roe", "Attorney Jane Doe".
_ROLE_PREFIX = re.compile(
    r"^(?:[^\W\d_]+-)?(?:rechtsanw[aä]lt(?:in)?|fachanw[aä]lt(?:in)?|anw[aä]lt(?:in)?|notar(?:in)?|steuerberater(?:in)?|"
    r"autor(?:in)?|author|journalist(?:in)?|reporter(?:in)?|redakteur(?:in)?|korrespondent(?:in)?|attorney|lawyer)\s+",
    re.I,
)
# A newsroom role on its own, after the name and a comma ("Jane Doe, Senior Correspondent"): kept, like an
# organisation, only when no person is named.
_ROLE = re.compile(r"(?:(?:senior|chief|staff|contributing|special|foreign|political|business)\s+)?"
                   r"(?:writer|reporter|correspondent|editor|contributor|columnist)", re.I)
# Conjunctions (and a slash: "Jane Doe / John Roe") only between spaces, so "e.V." or "Y. Name" are not split;
# Chinese and Japanese list names with an ideographic comma ("王小明、李四").
# A conjunction after a comma belongs to it ("Jane Doe, John Roe, and Max Moor": the serial comma).
_NAME_SPLIT = re.compile(
    r"\s*[;,、，]\s*(?:(?-i:and|und|et|y|e|sowie)\s+)?|\s+(?:&|\+|/|und|and|et|y|e|i|u\.|и|sowie)\s+"
    # an interview's two voices: "Jane Doe im Gespräch mit John Roe", "in conversation with"
    r"|\s+(?:im\s+gespräch\s+mit|in\s+conversation\s+with|en\s+conversation\s+avec)\s+",
    re.I,
)
# A translator's credit: "Übersetzung Jane Doe", "Translated by Jane Doe" names no author.
_TRANSLATION = (r"translated|translation|übersetzt|übersetzung|traducción|traducido|traduction|traduit|traduzione|tradotto|"
                r"tłumaczenie|vertaling|vertaald")
_TRANSLATOR = re.compile(r"^(?:" + _TRANSLATION + r")\b", re.I)
_OTHER_CREDITS = re.compile(
    r"\s+(?:illustrations?|illustrationen|fotos?|photos?|bilder?|grafiken?|grafik|video|kamera|mitarbeit|"
    r"additional reporting|reporting|edited|bearbeitet|" + _TRANSLATION + r")\s*(?:von|by|:|par|por|da|door)\s.*$",
    re.I,
)
# Where a byline's date part starts: a weekday, "Nov 9", "09.11.2023", "vor 5 Stunden", "updated", "on Wed, 03/03/2021",
# "el 3 de marzo", "le 3 mars", "um 10:00 Uhr", "@ 12:00 am" (a preposition before a weekday or a number), "01 October 2020"
# (a day, a month's name in any language and a year); a reading time ("Lesezeit: 4 Min.").
_DATE_TAIL = re.compile(
    r"[,|•·]?\s*(?:@\s*\d{1,2}[:.]\d{2}\b|\b(?:(?:on|at|am|um|el|le|il|op|em|den)\s+(?:(?:mon|tue|tues|wed|thu|thurs|fri|sat|sun)\b|\d)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|freitag|samstag|"
    r"sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|"
    r"domingo|(?:last|zuletzt)\s+(?:updated|modified|aktualisiert|geändert)|lesezeit|lesedauer|(?:reading|read)\s+time|"
    r"temps\s+de\s+lecture|tiempo\s+de\s+lectura|updated|aktualisiert|published|veröffentlicht|stand\s*:|vor\s+\d|il y a|hace\s+\d|\d+\s+(?:min|hours?|stunden?)|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\d{1,2}\.\s*\d{1,2}\.|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.?\s+(?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|"
    r"november|dezember)\b|\d{1,2}\.?\s+[^\W\d_]{3,12}\.?,?\s+(?:19|20)\d{2}\b))",
    re.I,
)

# Whom a byline's author writes for: "for The Guardian", "für ZEIT ONLINE", "para EL PAÍS", "pour Le Monde".
# (and whom a byline's author talks with: "Ein Interview von Jane Doe mit John Roe")
_FOR_OUTLET = re.compile(r"\s+(?:for|für|para|pour|per|voor|mit)\s+(?=[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ])")

_CREDENTIALS = re.compile(r"^(?:ph\.?\s?d\.?|m\.?d\.?|dr\.?|prof\.?|msc|m\.?sc\.?|mba|ma|ba|jr\.?|sr\.?)$", re.I)
_ORG_WORDS = re.compile(
    r"\b(?:gmbh|ag|inc|ltd|llc|plc|corp|corporation|co\.|kg|verlag|zeitung|zeitungen|news|nachrichten|media|medien|"
    r"média|mídia|medios|press|presse|online|magazin|magazine|redaktion|editorial|staff|team|agency|agentur|agence|agencia|newsroom|"
    r"group|gruppe|network|netzwerk|tv|radio|fernsehen|rundfunk|verlagsgruppe|publishing|foundation|stiftung|"
    r"association|verein|institut|institute|university|universität|ministry|ministerium|company|department|"
    r"program|programme|programm|programa|center|centre|zentrum|centro|"
    r"dpa|afp|apa|reuters|ap|epd|kna|sid|ddp|ansa|efe|tass|риа|тасс|интерфакс|se|sa|e\.\s?v)\b",
    re.I,
)
_NOT_NAMES = frozenset(
    {
        "admin", "administrator", "guest", "gast", "anonymous", "anonym", "unknown", "share", "teilen", "comments",
        "kommentare", "follow", "folgen", "home", "startseite", "menu", "menü", "more", "mehr", "read more",
        "weiterlesen", "author", "autor", "by", "von", "posted", "published", "updated", "aktualisiert",
        "facebook", "twitter", "instagram", "linkedin", "youtube", "whatsapp", "email", "e-mail", "print",
        "drucken", "feedback", "contact", "kontakt", "subscribe", "abonnieren", "login", "anmelden", "profile",
        "profil", "none", "null", "undefined", "no author", "unknown author", "editor", "editors", "wp", "user",
        "ceo", "cfo", "cto", "coo", "founder", "co-founder", "gründer", "gründerin",
        "stand", "community", "comunidad", "communauté", "comunità", "comunidade",
        # a form's or a box's field labels beside the byline ("Datum", "Quelle", "Nachricht")
        "datum", "date", "quelle", "source", "nachricht", "message", "kontaktieren",
    }
)
# A part holding any of these words is a widget label ("Diesen Artikel teilen", "Weitere Artikel").
_NOT_NAME_WORDS = frozenset(
    {
        "teilen", "share", "partager", "compartir", "condividi", "udostępnij", "artikel", "article", "articles",
        "beiträge", "beitrag", "posts", "weiter", "weitere", "mehr", "more", "kommentar", "kommentare", "comments",
        "comment", "folgen", "follow", "abonnieren", "subscribe", "newsletter", "profil", "profile", "alle", "all",
        "lesen", "read", "zum", "zur", "the", "die", "das", "ist", "sind", "im", "in", "auf", "sur", "les",
        "réseaux", "sociaux", "mit", "und", "and", "sowie", "for", "with", "of",
        # labels beside a byline ("View author archive", "Letzte Aktualisierung"): no name holds them
        "author", "authors", "autor", "autorin", "autoren", "auteur", "autore", "archive", "archiv", "update",
        "aktualisierung", "neueste", "neuesten", "latest", "recent",
        # a book's credit line ("Revised Edition Edited by Jane Doe")
        "edition", "edited",
        # a link to the reader's own account ("My Account", "Mein Konto")
        "account", "konto",
    }
)
_PARTICLES = frozenset({"von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "del", "della", "dos", "das",
                        "bin", "al", "el", "ten", "ter", "zu", "vom", "y", "e", "st.", "mc"})
# Words that lead in to a name; a name does not end with one (surnames such as "Le" or "Du" do).
# (nor with a preposition whose object, a site's address, was cut: "Redner bei rent-a-pastor.com")
_LEAD_IN_WORDS = frozenset({"by", "von", "vom", "van", "der", "den", "zu", "of", "par", "por", "door", "przez", "av",
                            "bei", "at", "chez", "bij", "presso"})
# (lower case only: "Jane Le", "Ahmed El" end with a surname); a conjunction or "for" whose other
# side is the next element's ("Jane Doe and", "Jane Doe für").
_TRAILING_NOISE = re.compile(r"\s+(?:am|on|le|el|il|um|den|at|·|\||and|und|&|for|für|para|pour)\s*$")


def _titlecase(name: str) -> str:
    letters = [c for c in name if c.isalpha()]
    if len(letters) >= 2 and " " in name and (all(c.isupper() for c in letters) or all(c.islower() for c in letters)):
        # "BOB FISCHER" -> "Bob Fischer"; keeps "McX"/"O'X" reasonable and leaves single words alone:
        # a handle ("jdoe") or an agency's acronym ("AFP", "SPÖ").
        return " ".join(w[:1].upper() + w[1:].lower() if w else w for w in name.split(" "))
    return name


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# (but no role or source word of two characters: editor, reporter, author, source, this paper, wire)
_CJK_NAME2 = re.compile(r"(?!編輯|编辑|記者|记者|作者|責編|责编|小編|小编|網編|网编|來源|来源|本報|本报|新聞|新闻|整理|綜合|综合|通訊|通讯)[\u4e00-\u9fff]{2}")
_CJK_FAMILY_GIVEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]{1,4} [\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]{1,4}")
# A login written first.last ("robert.stitz"), as a CMS puts in the metadata for an author with no display
# name: the name it spells. (Not an address: "kath.net", "spiegel.tv".)
_DOTTED_LOGIN = re.compile(r"([a-zäöüß]{2,})\.([a-zäöüß]{3,})")
# (endings of three letters or more: the login's second part has at least three)
_ADDRESS_ENDINGS = frozenset({"com", "net", "org", "info", "biz", "news", "online", "blog", "shop", "media", "app", "dev",
                              "edu", "gov", "int", "mil", "pro", "name"})


# An author's initials written as a byline of their own: "mh", "LD".
_INITIALS = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]{2}")
# A person's name with the agency that supplied the story: "Peter Maahn/SP-X", "Jane Doe/dpa" (an agency's
# own credit, "dpa/lno", "MDR THÜRINGEN/ls", "AFP/The Local", stays whole).
_AGENCY_AFTER_NAME = re.compile(r"((?:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'-]+\.?\s+){1,3}[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'-]+)\s*/\s*[^\W\d_][\w-]{1,10}")


def _clean_author_part(part: str, alone: bool = False) -> str | None:
    part = _norm(part)
    login = _DOTTED_LOGIN.fullmatch(part)
    if login and login.group(2) not in _ADDRESS_ENDINGS:
        part = f"{login.group(1)} {login.group(2)}"
    part = _EMAIL.sub("", part)
    part = _URLISH.sub("", part)
    part = _HANDLE.sub("", part)
    for _ in range(2):
        part = _BYLINE_PREFIX.sub("", part).strip()
    part = re.sub(r"\(.*?\)|\[.*?\]", "", part)
    part = part.strip(" \t:-–—|•·,;/\"'“”„«»()[]©")
    if part.endswith(".") and not re.search(r"(?:^|\s)(?:[^\W\d_]|[JjSs]r)\.$", part):
        part = part[:-1]  # a sentence's full stop, not an initial's ("Joe S.") or a suffix's ("Perry Bacon Jr.")
    part = _TRAILING_NOISE.sub("", _norm(part))
    if agency := _AGENCY_AFTER_NAME.fullmatch(part):
        part = agency.group(1)
    without_role = _norm(_ROLE_PREFIX.sub("", _ROLE_SUFFIX.sub("", part)))
    if len(without_role.split()) >= 2:
        part = without_role
    if not part or _CREDENTIALS.match(part) or _NOT_A_NAME_START.match(part) or ":" in part or "：" in part or _TRANSLATOR.match(part):
        return None
    lowered = {w.casefold().strip(".,") for w in part.split()}
    if lowered & _NOT_NAME_WORDS and len(part.split()) > 1 or part.casefold() in _NOT_NAME_WORDS:
        return None
    words = part.split()
    if len(words) >= 2:
        # A name reads "Jane Doe", "Ludwig van Beethoven": it starts with a capital, and a long one
        # is mostly capitalised words (particles aside); a sentence is not.
        capitalised = [w for w in words if w[:1].isupper() or w.casefold() in _PARTICLES]
        letters = [c for c in part if c.isalpha()]
        all_lower = all(c.islower() for c in letters)
        if not any(c.isupper() or c.islower() for c in letters):
            if _CJK.search(part) and not _CJK_FAMILY_GIVEN.fullmatch(part):
                return None  # CJK names have no spaces, but for a family and a given name ("山田 太郎"): a phrase
            capitalised = words  # a script without capitals (Arabic, Hebrew, Devanagari...): no case to read
        elif not words[0][:1].isupper() and not all_lower:
            return None
        if all_lower and len(words) >= 3:
            return None  # a phrase ("ich bin nicht da"), not a name written in lower case ("jane doe")
        if len(words) > 3 and len(capitalised) < 0.75 * len(words) and not all_lower:
            return None
    if (sum(c.isalpha() for c in part) < 3 and not re.fullmatch(r"[^\W\d_]\. ?[^\W\d_]\.", part)
            and not _CJK_NAME2.fullmatch(part) and not (alone and _INITIALS.fullmatch(part))):
        return None  # a stray initial or an agency's code beside a name ("V", "Jane Doe/PP"); an author's
        # initials sign ("R. R.", and "mh" or "LD" as a byline of their own), and a Chinese name of two
        # characters is whole ("李娜")
    if part.casefold() in _NOT_NAMES:
        return None
    words = part.split()
    if len(words) > 6 or len(part) > 60:
        return None
    if len(words) >= 2 and words[-1].casefold() in _LEAD_IN_WORDS:
        return None  # a label that leads in to a name ("Autorenseite von", "Mehr Artikel by"), no name
    if not re.search(r"[^\W\d_]", part):
        return None
    if re.search(r"\d{2,}", part) and not re.fullmatch(r"[^\W\d_][\w.-]{1,30}", part):
        return None  # dates and counts, but a handle such as "insider99" is a name
    return _titlecase(part)


# The legal formula of a copyright notice, in the languages of the corpus and then some.
_RIGHTS_RESERVED = re.compile(
    r"all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|"
    r"tutti i diritti riservati|wszelkie prawa zastrzeżone|все права защищены",
    re.I,
)
# Full-width sentence marks: a text holding one before its end is prose, not a byline.
_CJK_SENTENCE_END = re.compile(r"[。！？](?=.)")


# An institution named for its field ("Departement für Wirtschaft, Bildung und Forschung", "Institut
# pour la recherche"): no person's name holds "für" or "pour".
_OF_INSTITUTION = re.compile(r"\s(?:für|pour)\s", re.I)


def clean_authors(raw: Iterable[str], site_names: list[str] | None = None) -> list[str]:
    """Split, clean, dedupe author strings; drop organisations and site names when persons remain."""
    names: list[str] = []
    site_names = site_names or []
    # A CMS's markup in the metadata ('<a href="/experts/jane-doe">Jane Doe</a> <a ...>John Roe</a>'): each tag's text a name.
    for piece in (piece for text in raw if text for piece in _MARKUP.split(_INVISIBLE.sub("", html_unescape(text)))):
        value = _norm(re.split(r"[\u00a0\s]{3,}|\n", piece.strip())[0])
        if not value:
            continue
        if _URLISH.fullmatch(value) or _is_site_name(value, site_names, exact=True):
            continue
        if _CJK_SENTENCE_END.search(value):
            continue  # prose ("來稿請寄至 ...，並請附上真實姓名。"): no byline ends a sentence mid-text
        if _RIGHTS_RESERVED.search(value):
            continue  # a copyright notice ("Copyright Example GmbH & Co. KG - all rights reserved"): the owner, no author
        # Cut dates and other credits that bylines append: "Jane Doe | 03.11.2026",
        # "Text von X   Illustration von Y".
        led = _BYLINE_PREFIX.match(value)
        value = _BYLINE_PREFIX.sub("", value)  # "Veröffentlicht von X am ...": the lead-in is no date
        if led:  # "By Jane Doe for The Guardian": whom the author writes for, no part of the name
            value = _FOR_OUTLET.split(value)[0]
        value = _HANDLE_BETWEEN.sub("; ", value)  # "Jane Doe @janedoe John Roe": the handle ends her name
        pieces = re.split(r"\s[|•·–—-]\s|\s*[／｜]\s*", value)  # "Jane Doe - Staff team", "Jane Doe | 03.11.", "王小明／台北"
        value = pieces[0]
        if len(pieces) > 1 and (
            _is_site_name(value, site_names, exact=True) or _URLISH.fullmatch(value.strip()) or _NOT_A_NAME_START.match(value)
        ):
            value = pieces[1]  # "Site - Jane Doe", "About the Author - Jane Doe": the name comes second
        value = _OTHER_CREDITS.sub("", value)
        value = _DATE_TAIL.split(value)[0]
        first = value.split(",")[0]
        if "," in value and (_URLISH.fullmatch(first.strip()) or _is_site_name(first, site_names, exact=True)):
            continue  # the publisher's address, "example.de, Frankfurt, Germany": no person, and no place is one
        parts = _NAME_SPLIT.split(value)
        for part in parts:
            if _OF_INSTITUTION.search(part):
                break  # "Landesanstalt für Wald und Forstwirtschaft": the rest is the institution's name
            cleaned = _clean_author_part(part, alone=len(parts) == 1)
            if cleaned:
                names.append(cleaned)
    seen: set[str] = set()
    unique = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(name)
    persons = [n for n in unique if not _ORG_WORDS.search(n) and not _ROLE.fullmatch(n) and not _is_site_name(n, site_names, exact=True)]
    # A lower-case login listed beside full names ("Leonardo Castañeda", "gqlshare") is the CMS
    # account that posted the story, not a co-author.
    if any(len(n.split()) >= 2 and n[:1].isupper() for n in persons):
        persons = [n for n in persons if not (len(n.split()) == 1 and n.islower())]
    # Two letters sign as initials only where no other name stands ("Jane Doe; PP", "李娜", "PP").
    if any(not _INITIALS.fullmatch(n) for n in persons):
        persons = [n for n in persons if not _INITIALS.fullmatch(n)]
    if persons:
        return persons
    return [n for n in unique if not _is_site_name(n, site_names, exact=True)]
