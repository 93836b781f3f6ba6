"""Stage 4, sections: report sections from lexicons/sections.json (medspaCy's section_rules shape)."""

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import load_sections
from .extensions import SECTION_STARTS_KEY, SECTIONS_KEY
from .fastre import alternation_tree, finditer
from .tokens import doc_text

_PLURAL = re.compile(r"\s*(?:\((?:s|es|ies)\)\s*)?:$")
# a header written in capitals ('CLINICAL HISTORY:'): a title even where no statement ended before it
_CAPITALS = re.compile(r"[^a-z]*[A-Z][^a-z]*")


@dataclass
class SectionMark:
    """A report section: its category and character span (title start .. next title)."""

    category: str
    start: int
    title_end: int
    end: int


@Language.factory("spinelens_sections")
def make_sections(nlp: Language, name: str) -> "Sectionizer":
    return Sectionizer()


class Sectionizer:
    """Radiology sections from lexicons/sections.json (medspaCy's section_rules shape), found by
    one regular expression over the text, headers at the start of a line. A header with its colon
    also starts a section inside a line when a statement has just ended before it, or it is written
    in capitals after a word that is not: a report exported with its line breaks removed ('MRI
    lumbar spine. HISTORY: back pain FINDINGS: L4-5 ...') keeps its sections. medspaCy's own Sectionizer sets an extension on
    every token, which cost more than all the rest of this stage."""

    def __init__(self) -> None:
        self.category: dict[str, str] = {}
        pieces = []
        units = []  # each piece as its units: the same header, for fastre's tree
        colon_pieces, colon_units = [], []
        for rule in load_sections():
            literal = rule["literal"].strip().lower()
            self.category[re.sub(r"\s+", " ", literal)] = rule["category"]
            colon = literal.endswith(":")
            words = [re.escape(w) for w in literal.rstrip(":").split()]
            piece = r"[ \t]+".join(words)
            unit = [p for k, w in enumerate(literal.rstrip(":").split())
                    for p in ([r"[ \t]+"] if k else []) + [re.escape(c) for c in w]]
            if colon:
                # 'PREOPERATIVE DIAGNOSIS (ES):', 'FINDING(S):': a plural in brackets before the colon
                piece += r"[ \t]*(?:\((?:s|es|ies)\)[ \t]*)?:"
                unit.append(r"[ \t]*(?:\((?:s|es|ies)\)[ \t]*)?:")
            elif literal[-1:].isalnum():
                piece += r"(?![A-Za-z0-9])"
                unit.append(r"(?![A-Za-z0-9])")
            pieces.append(piece)
            units.append(unit)
            if colon:
                colon_pieces.append(piece)
                colon_units.append(unit)
        pieces.sort(key=len, reverse=True)
        colon_pieces.sort(key=len, reverse=True)
        self.regex = re.compile(r"(?im)^[ \t]*(" + "|".join(pieces) + r")")
        self.places = re.compile(r"(?im)^[ \t]*(?:" + alternation_tree(units) + r")")  # where it matches (fastre.py)
        # a colon header inside a line, at a word start ('... pain. FINDINGS: ...')
        self.inline = re.compile(r"(?i)(?<![A-Za-z0-9])(" + "|".join(colon_pieces or ["(?!)"]) + r")")
        self.inline_places = re.compile(r"(?i)(?<![A-Za-z0-9])(?:" + (alternation_tree(colon_units) or "(?!)") + r")")

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        marks: list[SectionMark] = []
        for start, end, title in self._headers(text):
            category = self.category.get(_PLURAL.sub(":", re.sub(r"\s+", " ", title.lower())))
            if category is None:
                continue
            if marks:
                marks[-1].end = start
            marks.append(SectionMark(category, start, end, len(text)))
        doc.user_data[SECTIONS_KEY] = marks
        return doc

    def _headers(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, title) of each header, in order: at a line start, or inside a line (see the class)."""
        found = [(m.start(1), m.end(1), m.group(1)) for m in finditer(self.places, self.regex, text)]
        if ":" not in text:
            return found
        at_line_start = {start for start, _, _ in found}
        inline = []
        for m in finditer(self.inline_places, self.inline, text):
            start = m.start(1)
            if start in at_line_start:
                continue
            before = text[text.rfind("\n", 0, start) + 1:start].rstrip()
            if not before:
                continue  # at a line start: the line-start header pattern's to take or refuse
            title = m.group(1)
            # a title in capitals after words in capitals is the tail of a longer one ('INDICATIONS
            # OF PROCEDURE:', 'THORACIC SPINE EXAMINATION:'), not a section of its own
            if before[-1] in ".;!?" or _CAPITALS.fullmatch(title) and not _CAPITALS.fullmatch(before.split()[-1]):
                inline.append((start, m.end(1), title))
        if not inline:
            return found
        ends = sorted(found + inline)
        # a header inside another one's title ('CLINICAL HISTORY:' holds 'HISTORY:') is that header
        out: list[tuple[int, int, str]] = []
        for h in ends:
            if out and h[0] < out[-1][1]:
                continue
            out.append(h)
        return out


def sections_of(doc: Doc) -> list[SectionMark]:
    return doc.user_data.get(SECTIONS_KEY) or []


def section_at(doc: Doc, char: int) -> SectionMark | None:
    marks = sections_of(doc)
    if not marks:
        return None
    starts = doc.user_data.get(SECTION_STARTS_KEY)
    if starts is None or len(starts) != len(marks):
        starts = doc.user_data[SECTION_STARTS_KEY] = [m.start for m in marks]
    i = bisect_right(starts, char) - 1
    return marks[i] if i >= 0 else None

