"""Token patterns (spaCy's shape: NORM / LOWER / ORTH / TEXT with a string, ``IN`` or ``REGEX``;
``NOT_IN``; IS_ALPHA; OP ``?``, ``*``, ``+``, ``!``) compiled to one regular expression over a report's token
norms joined by spaces. Used to check lexicon patterns at load and by the target stage to match."""

import re
from typing import Any

from ..errors import PatternError

_TEXT_KEYS = ("NORM", "LOWER", "ORTH", "TEXT")


def _word(w: str) -> str:
    return re.escape(w.lower())


def _regex_piece(expr: str) -> str:
    """A spaCy token REGEX (re.search on one token) as a piece of the joined-norm regex."""
    start, end = expr.startswith("^"), expr.endswith("$") and not expr.endswith("\\$")
    inner = expr[1 if start else 0: len(expr) - (1 if end else 0)]
    return ("" if start else "[^ ]*?") + f"(?:{inner})" + ("" if end else "[^ ]*")


def _token_piece(spec: dict[str, Any]) -> tuple[str, set[str] | None]:
    """Regex for one token (without the trailing space) and its anchor words (None = any)."""
    keys = [k for k in spec if k != "OP"]
    if keys == ["IS_ALPHA"]:
        return (r"[^\W\d_]+" if spec["IS_ALPHA"] else r"[^ ]*[\d_\W][^ ]*"), None
    if len(keys) != 1 or keys[0] not in _TEXT_KEYS:
        raise PatternError(f"unsupported token keys {keys} (use one of {', '.join(_TEXT_KEYS)}, IS_ALPHA, OP)")
    value = spec[keys[0]]
    if isinstance(value, str):
        return _word(value), {value.lower()}
    if isinstance(value, dict) and set(value) == {"IN"}:
        if not isinstance(value["IN"], list) or not all(isinstance(w, str) for w in value["IN"]):
            raise PatternError(f"'IN' needs a list of strings, not {value['IN']!r}")
        words = sorted({w.lower() for w in value["IN"]}, key=len, reverse=True)
        return "(?:" + "|".join(_word(w) for w in words) + ")", set(words)
    if isinstance(value, dict) and set(value) == {"NOT_IN"}:
        if not isinstance(value["NOT_IN"], list) or not all(isinstance(w, str) for w in value["NOT_IN"]):
            raise PatternError(f"'NOT_IN' needs a list of strings, not {value['NOT_IN']!r}")
        words = sorted({w.lower() for w in value["NOT_IN"]}, key=len, reverse=True)
        return "(?!(?:" + "|".join(_word(w) for w in words) + ") )[^ ]+", None
    if isinstance(value, dict) and set(value) == {"REGEX"}:
        try:
            re.compile(value["REGEX"])
        except re.error as exc:
            raise PatternError(f"bad REGEX {value['REGEX']!r}: {exc}") from None
        return _regex_piece(value["REGEX"]), None
    raise PatternError(f"unsupported value {value!r}")


def first_words(pattern: list[dict[str, Any]]) -> set[str] | None:
    """Words a match can start with (leading optional tokens and the first required one);
    None when a leading token is not a word list."""
    out: set[str] = set()
    for spec in pattern:
        _, words = _token_piece(spec)
        if words is None:
            return None
        out |= words
        if spec.get("OP") in (None, "1", "+"):
            return out
    return None


def compile_pattern(pattern: list[dict[str, Any]]) -> tuple[re.Pattern[str], set[str] | None]:
    parts: list[str] = []
    anchor: set[str] | None = None
    for spec in pattern:
        piece, words = _token_piece(spec)
        op = spec.get("OP")
        tok = f"(?:{piece}) "
        if op is None or op == "1":
            parts.append(tok)
            if anchor is None and words is not None:
                anchor = words
        elif op == "?":
            parts.append(f"(?:{tok})?")
        elif op == "*":
            parts.append(f"(?:{tok})*")
        elif op == "+":
            parts.append(f"(?:{tok})+")
            if anchor is None and words is not None:
                anchor = words
        elif op == "!":
            parts.append(f"(?!(?:{piece}) )[^ ]+ ")
        else:
            raise PatternError(f"unsupported OP {op!r}")
    return re.compile("(?<![^ ])" + "".join(parts)), anchor
