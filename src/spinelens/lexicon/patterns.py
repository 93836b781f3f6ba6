"""Token patterns (spaCy's shape: NORM / LOWER / ORTH / TEXT with a string, ``IN`` or ``REGEX``;
``NOT_IN``; IS_ALPHA; OP ``?``, ``*``, ``+``, ``!``) compiled to one regular expression over a report's token
norms joined by spaces. Used to check lexicon patterns at load and by the target stage to match."""

import re
from re import _parser as sre_parse  # type: ignore[attr-defined]  # stable in 3.11-3.13
from typing import Any

from ..errors import PatternError

TEXT_KEYS = ("NORM", "LOWER", "ORTH", "TEXT")


def _word(w: str) -> str:
    return re.escape(w.lower())


def _regex_inner(expr: str) -> tuple[bool, str, bool]:
    """A token REGEX split into: starts with '^', what is between, ends with '$'."""
    start, end = expr.startswith("^"), expr.endswith("$") and not expr.endswith("\\$")
    return start, expr[1 if start else 0: len(expr) - (1 if end else 0)], end


def _regex_piece(expr: str) -> str:
    """A spaCy token REGEX (re.search on one token) as a piece of the joined-norm regex."""
    start, inner, end = _regex_inner(expr)
    return ("" if start else "[^ ]*?") + f"(?:{inner})" + ("" if end else "[^ ]*")


def _token_piece(spec: dict[str, Any]) -> tuple[str, set[str] | None]:
    """Regex for one token (without the trailing space) and its anchor words (None = any)."""
    keys = [k for k in spec if k != "OP"]
    if keys == ["IS_ALPHA"]:
        return (r"[^\W\d_]+" if spec["IS_ALPHA"] else r"[^ ]*[\d_\W][^ ]*"), None
    if len(keys) != 1 or keys[0] not in TEXT_KEYS:
        raise PatternError(f"unsupported token keys {keys} (use one of {', '.join(TEXT_KEYS)}, IS_ALPHA, OP)")
    value = spec[keys[0]]
    if isinstance(value, str):
        return _word(value), {value.lower()}
    if isinstance(value, dict) and set(value) == {"IN"}:
        if not isinstance(value["IN"], list) or not all(isinstance(w, str) for w in value["IN"]):
            raise PatternError(f"'IN' needs a list of strings, not {value['IN']!r}")
        words = sorted({w.lower() for w in value["IN"]}, key=lambda w: (-len(w), w))  # longest first; fixed order
        return "(?:" + "|".join(_word(w) for w in words) + ")", set(words)
    if isinstance(value, dict) and set(value) == {"NOT_IN"}:
        if not isinstance(value["NOT_IN"], list) or not all(isinstance(w, str) for w in value["NOT_IN"]):
            raise PatternError(f"'NOT_IN' needs a list of strings, not {value['NOT_IN']!r}")
        words = sorted({w.lower() for w in value["NOT_IN"]}, key=lambda w: (-len(w), w))
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


def _token_local(expr: str) -> bool:
    """True when a token REGEX can match no space and looks at nothing past what it matches:
    then whether it fits a token can be read from that token alone. Unsure forms answer False."""
    try:
        parsed = sre_parse.parse(expr)
    except re.error:
        return False
    unsafe_at = {sre_parse.ASSERT, sre_parse.ASSERT_NOT, sre_parse.GROUPREF, sre_parse.GROUPREF_EXISTS, sre_parse.ANY,
                 sre_parse.NOT_LITERAL}

    def safe(items: Any) -> bool:
        for op, av in items:
            if op in unsafe_at:
                return False
            if op == sre_parse.LITERAL and chr(av).isspace():
                return False
            if op == sre_parse.IN:
                for kind, value in av:
                    if kind == sre_parse.NEGATE or (kind == sre_parse.LITERAL and chr(value).isspace()):
                        return False
                    if kind == sre_parse.RANGE and value[0] <= 32 <= value[1]:
                        return False
                    if kind == sre_parse.CATEGORY and value not in (sre_parse.CATEGORY_DIGIT, sre_parse.CATEGORY_WORD):
                        return False
                    if kind not in (sre_parse.LITERAL, sre_parse.RANGE, sre_parse.CATEGORY):
                        return False
            elif op == sre_parse.BRANCH:
                if not all(safe(p) for p in av[1]):
                    return False
            elif op == sre_parse.SUBPATTERN:
                if av[1] or av[2] or not safe(av[3]):  # no inline flags
                    return False
            elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
                if not safe(av[2]):
                    return False
            elif op == sre_parse.AT:
                if av in (sre_parse.AT_BEGINNING, sre_parse.AT_BEGINNING_STRING, sre_parse.AT_BEGINNING_LINE):
                    return False  # true at any token alone, at the text's start only in the joined norms
            elif op == sre_parse.ATOMIC_GROUP:
                if not safe(av):
                    return False
            elif op != sre_parse.LITERAL:
                return False
        return True

    return safe(parsed)


def first_tokens(pattern: list[dict[str, Any]]) -> tuple[set[str], list[re.Pattern[str]]] | None:
    """What a match's first token can be: words, and regexes to full-match against a token with one
    space after it (leading optional tokens and the first required one). None when that cannot be
    told from the token alone (NOT_IN, OP '!', a REGEX that may reach past its token)."""
    words: set[str] = set()
    tests: list[re.Pattern[str]] = []
    for spec in pattern:
        if spec.get("OP") == "!":
            return None
        piece, found = _token_piece(spec)
        if found is not None:
            words |= found
        else:
            keys = [k for k in spec if k != "OP"]
            value = spec[keys[0]]
            if keys != ["IS_ALPHA"] and not (isinstance(value, dict) and set(value) == {"REGEX"}
                                             and _token_local(_regex_inner(value["REGEX"])[1])):
                return None
            if keys == ["IS_ALPHA"] and not spec["IS_ALPHA"]:
                return None
            tests.append(re.compile(f"(?:{piece}) "))
        if spec.get("OP") in (None, "1", "+"):
            return words, tests
    return None


def _one_token(spec: dict[str, Any]) -> bool:
    """True when a token spec's piece always takes exactly one whole token (no word list entry with a
    space in it, no REGEX, which may reach past its token)."""
    keys = [k for k in spec if k != "OP"]
    if keys == ["IS_ALPHA"]:
        return bool(spec["IS_ALPHA"])  # '[^\W\d_]+' cannot take a space; its negation can
    value = spec[keys[0]] if len(keys) == 1 else None
    if isinstance(value, str):
        return " " not in value
    if isinstance(value, dict) and set(value) == {"IN"}:
        return all(" " not in w for w in value["IN"])
    return isinstance(value, dict) and set(value) == {"NOT_IN"}  # '(?!...)[^ ]+': one token


def compile_pattern(pattern: list[dict[str, Any]]) -> tuple[re.Pattern[str], set[str] | None]:
    parts: list[str] = []
    anchor: set[str] | None = None
    run: tuple[dict[str, Any], str, int] | None = None  # a run of the same optional one-token spec: spec, tok, count

    def close_run() -> None:
        nonlocal run
        if run is not None:
            # n copies of '(?:tok)?' find the same match as '(?:tok){0,n}' (each copy takes the next token,
            # so the first match either finds takes as many as it can), but when no match follows, the
            # copies backtrack through up to 2**n ways to skip tokens and the count through n + 1: a
            # rule with twelve such gaps spent ~0.4 ms at every word it could start at
            parts.append(f"(?:{run[1]})?" if run[2] == 1 else f"(?:{run[1]}){{0,{run[2]}}}")
            run = None

    for spec in pattern:
        piece, words = _token_piece(spec)
        op = spec.get("OP")
        tok = f"(?:{piece}) "
        if op == "?" and _one_token(spec):
            if run is not None and run[0] == spec:
                run = (run[0], tok, run[2] + 1)
            else:
                close_run()
                run = (spec, tok, 1)
            continue
        close_run()
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
    close_run()
    return re.compile("(?<![^ ])" + "".join(parts)), anchor
