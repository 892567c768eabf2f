"""Decode an HTML body once, deliberately, the way a browser would.

Sources, in order; a declared charset that does not decode the body strictly is skipped:

1. the HTTP ``Content-Type`` charset;
2. a byte-order mark (UTF-8, UTF-16 LE/BE);
3. ``<meta charset>`` or ``<meta http-equiv="Content-Type" content="...; charset=...">``
   in the first 4 KB (a single-byte charset there gives way to UTF-8 when the bytes are
   valid UTF-8 with non-ASCII letters: a stale template declaration);
4. detection: strict UTF-8 first (valid non-ASCII UTF-8 is almost never an accident),
   then charset-normalizer;
5. UTF-8 with U+FFFD replacement characters.

Encoding names are Python codec names (``"windows-1251"`` -> ``"cp1251"``), after the
WHATWG label mapping browsers apply: a page declaring ISO-8859-1 or US-ASCII is read as
windows-1252, Shift_JIS as cp932, GB2312 as GB18030, and so on.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

# The HTML standard's prescan looks at the first 1024 bytes; real pages put a long
# <head> (inline styles, analytics) before their meta, so we look a little further.
META_SCAN_BYTES = 4096
# charset-normalizer's cost grows with input; a sample this size decides the encoding
# of any real page, and a 10 MB body must not take seconds to detect.
DETECT_SAMPLE_BYTES = 256 * 1024

# WHATWG Encoding Standard label mapping, for the labels whose Python codec differs
# from what browsers decode (keys are Python codec names after codecs.lookup).
_WEB_CODEC = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "iso8859-11": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
}
# Labels Python does not know under the browser's name.
_EXTRA_LABELS = {
    "windows-874": "cp874",
    "x-sjis": "cp932",
    "x-mac-cyrillic": "mac-cyrillic",
    "x-gbk": "gb18030",
    "x-x-big5": "big5hkscs",
}
# A page can only declare UTF-16 in <meta> if the bytes we scanned were ASCII-compatible,
# so the declaration is wrong: browsers read it as UTF-8.
_META_UTF16 = frozenset({"utf-16", "utf-16-le", "utf-16-be"})

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET_RE = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.IGNORECASE)
_HTTP_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.IGNORECASE)


def normalize_encoding(label: str | None) -> str | None:
    """The Python codec name browsers would use for a charset label, or None if unknown.

    >>> normalize_encoding("windows-1251"), normalize_encoding("ISO-8859-1"), normalize_encoding("bogus")
    ('cp1251', 'cp1252', None)
    """
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _EXTRA_LABELS.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _WEB_CODEC.get(name, name)


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, as given."""
    if not content_type:
        return None
    match = _HTTP_CHARSET_RE.search(content_type)
    return match.group(1) if match else None


# A page declared UTF-8 with up to this many invalid sequences (or one per 2,000 bytes, if
# more) is decoded as UTF-8 with replacement characters rather than re-detected.
MAX_BROKEN_UTF8 = 3


def _strict(body: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    except Exception:  # noqa: BLE001 - a non-text codec named in a page ("zlib", "base64") must not crash us
        return None


def _c1_passthrough(exc: UnicodeError) -> tuple[str, int]:
    """Map the five bytes windows-1252 leaves undefined to the C1 controls, as browsers do."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return "".join(chr(b) for b in exc.object[exc.start:exc.end]), exc.end


# Registered under a name of our own: it is only used for windows-1252 below.
codecs.register_error("media_monitor.c1", _c1_passthrough)


def _declared(body: bytes, label: str | None) -> tuple[str, str] | None:
    """Decode with a declared label, strictly; None if the label is unknown or wrong.

    windows-1252 (also what ISO-8859-1 and US-ASCII mean on the web) is the exception:
    browsers never reject it, mapping its five undefined bytes to C1 controls, and so do we.
    """
    codec = normalize_encoding(label)
    if codec == "cp1252":
        return body.decode("cp1252", errors="media_monitor.c1"), codec
    text = _strict(body, codec)
    if text is None and codec == "utf-8":
        return _mostly_utf8(body)
    return (text, codec) if text is not None and codec else None


def _mostly_utf8(body: bytes) -> tuple[str, str] | None:
    """A page declared UTF-8 with a few broken sequences (a truncated snippet, one stray byte)
    is still UTF-8: replace those few. Guessing instead could read the whole page as
    windows-1252 and garble every non-ASCII letter to rescue one byte."""
    text = body.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - body.count(b"\xef\xbf\xbd")
    return (text, "utf-8") if broken <= max(MAX_BROKEN_UTF8, len(body) // 2000) else None


# Single-byte legacy charsets a <meta> may name for a page its server sends as UTF-8.
_SINGLE_BYTE = re.compile(r"cp125\d|iso8859-\d+|koi8-[ru]|mac-\w+|cp874")


def _utf8_despite_meta(body: bytes, meta: str | None) -> tuple[str, str] | None:
    """A page whose <meta> names a single-byte charset (ISO-8859-1, windows-1250, KOI8-R...) but
    whose bytes are valid UTF-8 with non-ASCII letters in it is UTF-8: a template's stale
    declaration under a server that sends UTF-8 (the HTTP header, which browsers obey, is gone
    from a saved page). Text in a single-byte charset is almost never valid UTF-8 by accident,
    and read as ISO-8859-1 every "é" would become "Ã©"."""
    codec = normalize_encoding(meta)
    if not codec or not _SINGLE_BYTE.fullmatch(codec) or body.isascii():
        return None
    text = _strict(body, "utf-8")
    return (text, "utf-8") if text is not None else None


def _meta_charset(body: bytes) -> str | None:
    match = _META_CHARSET_RE.search(body[:META_SCAN_BYTES])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace")
    codec = normalize_encoding(label)
    if codec in _META_UTF16:
        return "utf-8"
    return label


def _detect(body: bytes) -> tuple[str, str] | None:
    text = _strict(body, "utf-8")
    if text is not None:
        return text, "utf-8"
    best = from_bytes(body[:DETECT_SAMPLE_BYTES]).best()
    if best is None or not best.encoding:
        return None
    codec = normalize_encoding(best.encoding)
    text = _strict(body, codec)
    if text is None:
        return None
    return text, codec  # type: ignore[return-value]


def decode_html(body: bytes, http_charset: str | None) -> tuple[str, str]:
    """Decode an HTML body; return (text, Python codec name).

    Args:
        body: the raw body, Content-Encoding already removed.
        http_charset: the charset of the HTTP Content-Type header, if any (a label
            such as "windows-1251"; a whole Content-Type value also works).

    Returns:
        The text (without a leading byte-order mark) and the encoding used.
    """
    if http_charset and "=" in http_charset:
        http_charset = charset_from_content_type(http_charset)
    decoded = _declared(body, http_charset) if http_charset else None
    if decoded is None:
        for bom, codec in _BOMS:
            if body.startswith(bom):
                text = _strict(body[len(bom):], codec)
                if text is not None:
                    decoded = (text, codec)
                break
    if decoded is None:
        meta = _meta_charset(body)
        decoded = _utf8_despite_meta(body, meta) or (_declared(body, meta) if meta else None)
    if decoded is None:
        decoded = _detect(body)
    if decoded is None:
        decoded = (body.decode("utf-8", errors="replace"), "utf-8")
    text, codec = decoded
    return text.removeprefix("\ufeff"), codec
