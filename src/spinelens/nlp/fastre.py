"""Faster equivalents of long regex alternations of fixed phrases.

An alternation of N phrases (``due\\s+to|caused\\s+by|...``) is tried phrase by phrase at each
position of the text, so a report of a few thousand characters costs N tries per character. The
same phrases written as a tree of their pieces (``d(?:ue\\s+to|ecreased...)|c(?:aused\\s+by|...)``)
match at the same positions, but a position that fits none fails after a character or two. Where
several phrases fit, the tree may take another one than the alternation: ``finditer`` finds the
places with the tree and takes each match with the original regex, so the matches are its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def alternation_tree(sequences: list[list[str]]) -> str:
    """A regex matching what any of the sequences matches, each a list of regex pieces (a piece:
    one escaped character, or any regex that is a unit, e.g. ``\\s+``), as a tree of shared prefixes."""
    root: dict[str, dict] = {}
    for pieces in sequences:
        node = root
        for piece in pieces:
            node = node.setdefault(piece, {})
        node[""] = {}  # a sequence ends here

    def emit(node: dict[str, dict]) -> str:
        alts = [piece + emit(child) for piece, child in node.items() if piece]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body

    return emit(root)


def phrase_tree(phrases: list[list[str]], space: str = r"\s+") -> str:
    """alternation_tree of phrases given as their words, ``space`` between the words."""
    return alternation_tree([[p for k, w in enumerate(words) for p in ([space] if k else []) + [re.escape(c) for c in w]]
                             for words in phrases])


def finditer(places: re.Pattern[str], regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """regex.finditer(text), the same matches, where ``places`` matches at exactly the positions
    regex does (a tree of its phrases) and regex never matches the empty string."""
    search, match = places.search, regex.match
    pos = 0
    while (m := search(text, pos)) is not None:
        m = match(text, m.start())
        yield m
        pos = m.end()
