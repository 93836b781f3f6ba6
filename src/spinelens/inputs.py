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


# line breaks as exports write them: an HTML break, an escaped '\\n' written out, a lone carriage return
_WRITTEN_BREAK = re.compile(r"(?i)<br\s*/?>|\\r\\n|\\n|\r(?!\n)")


def restore_line_breaks(text: str) -> str:
    """The text with each written line break ('<br>', a literal backslash-n, a lone CR) made a
    line break padded with spaces to its own length, so that every offset into the text holds:
    a report exported with its breaks written out reads as its lines ('No stenosis.<br>L4-5: ...')."""
    if "<" not in text and "\\" not in text and "\r" not in text:
        return text
    return _WRITTEN_BREAK.sub(lambda m: "\n".ljust(len(m.group(0))), text)


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
