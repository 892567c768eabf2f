"""decode_html: HTTP charset, then BOM, then <meta>, then detection; browser label mapping."""

from __future__ import annotations

import codecs

import pytest

from media_monitor.extract.encoding import charset_from_content_type, decode_html, normalize_encoding

RUSSIAN = (
    "Министерство обороны сообщило о завершении плановых учений в Западном военном округе. "
    "В манёврах приняли участие более трёх тысяч военнослужащих и около двухсот единиц техники. "
    "По словам представителя ведомства, все поставленные задачи были выполнены в срок."
)


def html(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>Новости</title></head><body><p>{body}</p></body></html>"


def test_http_charset_beats_meta() -> None:
    raw = html(RUSSIAN, '<meta charset="utf-8">').encode("cp1251")
    text, encoding = decode_html(raw, "windows-1251")
    assert encoding == "cp1251" and RUSSIAN in text


def test_http_charset_that_does_not_decode_falls_through_to_meta() -> None:
    raw = html(RUSSIAN, '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">').encode("cp1251")
    text, encoding = decode_html(raw, "utf-8")  # a wrong server default
    assert encoding == "cp1251" and RUSSIAN in text


def test_unknown_http_charset_falls_through() -> None:
    raw = html("café", '<meta charset="utf-8">').encode("utf-8")
    assert decode_html(raw, "x-no-such-charset") == (raw.decode("utf-8"), "utf-8")


def test_bom_beats_meta_and_is_stripped() -> None:
    raw = codecs.BOM_UTF8 + html(RUSSIAN, '<meta charset="windows-1251">').encode("utf-8")
    text, encoding = decode_html(raw, None)
    assert encoding == "utf-8" and RUSSIAN in text and not text.startswith("\ufeff")


def test_utf16_bom() -> None:
    raw = codecs.BOM_UTF16_LE + html("hello").encode("utf-16-le")
    text, encoding = decode_html(raw, None)
    assert encoding == "utf-16-le" and text == html("hello")


def test_http_charset_with_a_utf8_bom_body_loses_the_bom() -> None:
    raw = codecs.BOM_UTF8 + "<p>é</p>".encode()
    assert decode_html(raw, "utf-8") == ("<p>é</p>", "utf-8")


@pytest.mark.parametrize("meta", [
    '<meta charset="windows-1251">',
    "<meta charset=windows-1251>",
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1251">',
    "<meta content='text/html; charset=cp1251' http-equiv='content-type'>",
])
def test_meta_declarations(meta: str) -> None:
    raw = html(RUSSIAN, meta).encode("cp1251")
    text, encoding = decode_html(raw, None)
    assert encoding == "cp1251" and RUSSIAN in text


def test_meta_beyond_the_first_4kb_is_ignored() -> None:
    raw = ("<html><head><!-- " + "x" * 5000 + ' --><meta charset="koi8-r"></head><body>plain ascii</body></html>').encode("ascii")
    assert decode_html(raw, None)[1] == "utf-8"


def test_meta_utf16_on_ascii_bytes_means_utf8() -> None:
    raw = html("café", '<meta charset="utf-16">').encode("utf-8")
    assert decode_html(raw, None) == (raw.decode("utf-8"), "utf-8")


def test_declared_latin1_is_read_as_windows_1252() -> None:
    raw = b"<p>price \x80 5, caf\xe9 \x81</p>"
    text, encoding = decode_html(raw, "ISO-8859-1")
    assert encoding == "cp1252"
    assert text == "<p>price € 5, café \x81</p>"  # undefined 0x81 becomes the C1 control, as in browsers


def test_cp1251_detected_without_any_declaration() -> None:
    raw = html(RUSSIAN).encode("cp1251")
    text, encoding = decode_html(raw, None)
    assert encoding == "cp1251"
    assert "\ufffd" not in text and RUSSIAN in text


def test_undeclared_utf8_is_utf8() -> None:
    raw = html(RUSSIAN).encode("utf-8")
    assert decode_html(raw, None) == (raw.decode("utf-8"), "utf-8")


def test_non_text_codec_named_in_meta_is_ignored() -> None:
    raw = b'<html><head><meta charset="base64"></head><body>ok</body></html>'
    assert decode_html(raw, "zlib")[1] == "utf-8"


def test_whole_content_type_value_is_accepted() -> None:
    raw = html(RUSSIAN).encode("cp1251")
    assert decode_html(raw, "text/html; charset=Windows-1251")[1] == "cp1251"


def test_undecodable_bytes_still_give_text() -> None:
    raw = bytes(range(256)) * 4
    text, encoding = decode_html(raw, None)
    assert isinstance(text, str) and encoding


@pytest.mark.parametrize(("label", "codec"), [
    ("windows-1251", "cp1251"), ("WINDOWS-1251", "cp1251"), ("cp1251", "cp1251"), ("utf8", "utf-8"),
    ("UTF-8", "utf-8"), ("iso-8859-1", "cp1252"), ("latin1", "cp1252"), ("us-ascii", "cp1252"),
    ("shift_jis", "cp932"), ("x-sjis", "cp932"), ("gb2312", "gb18030"), ("euc-kr", "cp949"),
    ("koi8-r", "koi8-r"), ("windows-874", "cp874"), ("bogus-charset", None), ("", None), (None, None),
])
def test_normalize_encoding(label: str | None, codec: str | None) -> None:
    assert normalize_encoding(label) == codec


def test_charset_from_content_type() -> None:
    assert charset_from_content_type('text/html; charset="windows-1251"') == "windows-1251"
    assert charset_from_content_type("text/html;charset=UTF-8") == "UTF-8"
    assert charset_from_content_type("text/html") is None and charset_from_content_type(None) is None


def test_declared_utf8_with_one_stray_byte_stays_utf8() -> None:
    # A CMS pasted one windows-1252 byte into an otherwise UTF-8 page. Re-detecting would read
    # the whole page as mac-iceland and garble every curly quote to rescue that byte.
    prose = "The council\u2019s \u201cbridge plan\u201d was approved \u2014 finally. " * 20
    raw = html(prose + " caf", '<meta charset="utf-8">').encode("utf-8").replace(b" caf", b" caf\xe9")
    text, encoding = decode_html(raw, "utf-8")
    assert encoding == "utf-8" and prose in text and "caf\ufffd" in text


def test_declared_utf8_that_is_really_cp1251_is_not_forced() -> None:
    # Every Cyrillic letter is an invalid sequence: far too many to be a few broken bytes.
    raw = html(RUSSIAN).encode("cp1251")
    text, encoding = decode_html(raw, "utf-8")
    assert encoding == "cp1251" and RUSSIAN in text


DANISH = "Norwegian-aktien har fået en flyvende start på 2020; forstærket håb løfter aktien."


@pytest.mark.parametrize(("meta", "body"), [
    ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', DANISH),
    ('<meta charset="windows-1251">', RUSSIAN),
    ('<meta charset="ISO-8859-2">', "Nowym prezesem zarządu będzie Paweł Jan Majewski."),
])
def test_a_stale_single_byte_meta_over_utf8_bytes_gives_way_to_utf8(meta: str, body: str) -> None:
    # a template's old declaration under a server that sent UTF-8: read as declared, every
    # "å" would become "Ã¥"
    raw = html(body, meta).encode("utf-8")
    text, encoding = decode_html(raw, None)
    assert encoding == "utf-8" and body in text


def test_a_single_byte_meta_over_bytes_that_are_no_utf8_is_obeyed() -> None:
    raw = '<html><head><meta charset="iso-8859-1"><title>Zürich</title></head><body><p>Ein Café in Zürich</p></body></html>'.encode("cp1252")
    text, encoding = decode_html(raw, None)
    assert encoding == "cp1252" and "Ein Café in Zürich" in text
    # the HTTP header is what browsers obey: it still wins over UTF-8-looking bytes
    raw = html(DANISH, '<meta charset="utf-8">').encode("utf-8")
    assert decode_html(raw, "iso-8859-1")[1] == "cp1252"
