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
    one regular expression over the text, headers at the start of a line only. medspaCy's own
    Sectionizer sets an extension on every token, which cost more than all the rest of this stage."""

    def __init__(self) -> None:
        self.category: dict[str, str] = {}
        pieces = []
        units = []  # each piece as its units: the same header, for fastre's tree
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
        pieces.sort(key=len, reverse=True)
        self.regex = re.compile(r"(?im)^[ \t]*(" + "|".join(pieces) + r")")
        self.places = re.compile(r"(?im)^[ \t]*(?:" + alternation_tree(units) + r")")  # where it matches (fastre.py)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        marks: list[SectionMark] = []
        for m in finditer(self.places, self.regex, text):
            key = _PLURAL.sub(":", re.sub(r"\s+", " ", m.group(1).lower()))
            category = self.category.get(key)
            if category is None:
                continue
            if marks:
                marks[-1].end = m.start(1)
            marks.append(SectionMark(category, m.start(1), m.end(1), len(text)))
        doc.user_data[SECTIONS_KEY] = marks
        return doc


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

