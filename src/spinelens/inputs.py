"""Reading report text safely: encodings, binary files, size, non-report text."""

from __future__ import annotations

import re

from .errors import BinaryInput, InputError, InputTooLarge

__all__ = ["InputError", "MAX_BYTES", "check_text", "clean_text", "decode_report", "looks_like_report"]

MAX_BYTES = 1_000_000  # a lumbar MRI report is a few kB; 1 MB is surely not one report

# A lone UTF-16 surrogate cannot be encoded as UTF-8: it comes from broken JSON ("\ud800") or from
# undecodable bytes the OS escaped (command-line arguments, file names).
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str, name: str = "input") -> tuple[str, list[str]]:
    """The text with each lone surrogate replaced by U+FFFD (one for one, so offsets into the
    caller's text still hold), and a warning when any was."""
    cleaned, n = _SURROGATE.subn("\ufffd", text)
    if not n:
        return text, []
    return cleaned, [f"{name}: replaced {n} invalid character{'s' if n > 1 else ''} (lone surrogates)"]


# line breaks as exports write them: an escaped '\\n' written out, a lone carriage return
_WRITTEN_BREAK = re.compile(r"\\r\\n|\\n|\r(?!\n)")


# Word, web pages and EHR exports write spaces, dashes and quotes as other characters: each is read as
# its plain one, one character for one ('L4\u20135', 'no\u00a0stenosis' had not been read at all).
_PLAIN = str.maketrans({
    **dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                    "\u200b\u202f\u205f\u3000\ufeff", " "),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d", "-"),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u2033", '"'),
})
# HTML an export left in: a block tag ends a line, any other known tag is a space, an entity its character
# (padded with spaces to its own length). Only HTML's own tag names: '<L5>' or '< 3 mm' stay text.
# (a tag's attributes as HTML writes them, name="value": '<a third of normal ... >5 mm' is text, not a link)
_ATTRS = (r"""(?:\s+(?:[a-z][\w:-]*\s*=\s*(?:"[^"<>]{0,200}"|'[^'<>]{0,200}'|[^\s"'<>=]{1,100})"""
          r"|nowrap|hidden|checked|selected|disabled)){0,20}\s*/?>")
_BLOCK_TAG = re.compile(r"(?i)</?(?:br|p|div|li|ul|ol|tr|table|tbody|thead|h[1-6]|pre|blockquote|hr|html|body|head)"
                        + _ATTRS)
_INLINE_TAG = re.compile(r"(?i)</?(?:span|b|i|u|strong|em|font|td|th|sup|sub|a|small|big|title|meta|style)" + _ATTRS)
_ENTITY_CHAR = {"nbsp": " ", "#160": " ", "amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "#39": "'",
                "ndash": "-", "mdash": "-", "#8211": "-", "#8212": "-", "lsquo": "'", "rsquo": "'", "#8217": "'",
                "ldquo": '"', "rdquo": '"'}
_ENTITY = re.compile("(?i)&(?:" + "|".join(_ENTITY_CHAR) + ");")


def restore_line_breaks(text: str) -> str:
    """The text as plain text, every offset into it unchanged: each written line break ('<br>', a
    literal backslash-n, a lone CR) and each HTML block tag a line break padded with spaces to its own
    length ('No stenosis.<br>L4-5: ...' reads as its lines), other HTML tags spaces, entities their
    character, and unicode spaces, dashes and quotes their plain ones."""
    if not text.isascii():
        text = text.translate(_PLAIN)
    if "<" in text:
        text = _block_tags(text)
        text = _INLINE_TAG.sub(lambda m: " " * len(m.group(0)), text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: _ENTITY_CHAR[m.group(0)[1:-1].lower()].ljust(len(m.group(0))), text)
    if "\\" in text or "\r" in text:
        text = _WRITTEN_BREAK.sub(lambda m: "\n".ljust(len(m.group(0))), text)
    return text


def _block_tags(text: str) -> str:
    """Each HTML block tag or '<br>' a line break, unless the export already broke the line beside it
    ('line<br>\n', '</p>\n<p>'): in HTML a raw line break is only a space, so keeping both would put a
    blank line, a paragraph's end, after every line."""
    out: list[str] = []
    last = 0
    at_line_start = True  # nothing but spaces and tags since the last line break
    for m in _BLOCK_TAG.finditer(text):
        words = text[last:m.start()]
        if words.strip(" \t"):
            at_line_start = words.rstrip(" \t").endswith("\n")
        after = text[m.end():].lstrip(" \t")
        if at_line_start or not after or after.startswith(("\n", "\r")):
            out += (words, " " * len(m.group(0)))
        else:
            out += (words, "\n".ljust(len(m.group(0))))
            at_line_start = True
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def decode_report(data: bytes, name: str = "input") -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (BOM allowed), else cp1252 with a warning, else latin-1."""
    warnings: list[str] = []
    if len(data) > MAX_BYTES:
        raise InputTooLarge(f"{name}: {len(data):,} bytes is over the 1 MB limit for one report")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a byte-order mark (Windows "Unicode")
        try:
            return data.decode("utf-16"), [f"{name}: read as UTF-16"]
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise BinaryInput(f"{name}: looks like a binary file (contains NUL bytes), not report text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            warnings.append(f"{name}: not valid UTF-8; decoded as Windows-1252 (cp1252)")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            warnings.append(f"{name}: not valid UTF-8 or cp1252; decoded as Latin-1")
    return text, warnings  # strict decoders: no lone surrogates here


def check_text(text: str, name: str = "input") -> list[str]:
    """Problems with text that can still be analysed, as warnings; raise for the rest."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise InputTooLarge(f"{name}: over the 1 MB limit for one report")
    if "\x00" in text:
        raise BinaryInput(f"{name}: contains NUL characters; binary data is not report text")
    warnings: list[str] = []
    if not text.strip():
        warnings.append("empty report: no text to analyse")
    return warnings


_SPINE_WORDS = re.compile(
    r"\b(?:disc|disk|spine|spinal|lumbar|thecal|foram\w*|verteb\w*|stenosis|bulg\w*|protru\w*|hernia\w*|"
    r"nerve|root|canal|facet|spondyl\w*|sacr\w*|conus|mri|[LST]\d)", re.I)


def looks_like_report(text: str) -> bool:
    return bool(_SPINE_WORDS.search(text))
