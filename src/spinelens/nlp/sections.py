"""Stage 4, sections: report sections from lexicons/sections.json (medspaCy's section_rules shape)."""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..levels import find_level_groups
from ..lexicon import load_inline_headers, load_sections, load_statement_patterns
from ..model import NOTE_SECTIONS, is_note_categories
from .extensions import SECTION_STARTS_KEY, SECTIONS_KEY
from .fastre import alternation_tree, finditer
from .tokens import _store_sent_bounds, all_sent_bounds, doc_text, toks

# a date or time written between a title and its colon ('Addendum 04:30:', 'Addendum (01/12/2026 14:05):'): rules
# with metadata 'stamped' only
_STAMP = r"(?:[ \t]+\(?\d{1,4}(?:[/:.\-]\d{1,4}){0,2}\)?(?:[ \t]*(?:am|pm|hrs?|h)(?![A-Za-z]))?){0,2}"
_PLURAL = re.compile(_STAMP.replace("[ \\t]", "\\s") + r"\s*(?:\((?:s|es|ies)\)\s*)?:$", re.I)
# a header written in capitals ('CLINICAL HISTORY:'): a title even where no statement ended before it
_CAPITALS = re.compile(r"[^a-z]*[A-Z][^a-z]*")
# what ends a statement or a list item just before a header inside a line
_BREAK_BEFORE = set(".;!?|\u2022\u25aa\u2014\u2013->)")
_INLINE = load_inline_headers()  # lexicons/sections.json inline_headers: the words, and why
_FUNCTION_WORDS = {w.lower() for w in _INLINE["joining_words"]}
_BODY = {"findings", "impression"}  # the sections read for findings
# the titles that end a history inside a line: with a colon or dash, or bare in capitals ('a second OPINION' is a word)
_STRONG_BODY = re.compile("(?i:" + "|".join(sorted(map(re.escape, _INLINE["history_ends"]), key=lambda w: (-len(w), w))) +
                          r")[ \t]*[:\-\u2013\u2014]|" + "|".join(sorted(map(re.escape, _INLINE["history_ends_bare"]),
                                                                      key=lambda w: (-len(w), w))))  # one order: one cached regex
_BEFORE_BODY = {"exam", "history", "technique", "comparison"}  # written before the findings
# a report's findings or impression opened with no colon: 'FINDINGS L4-5 ...', 'Findings - L4-5 ...'
_BARE_BODY_CAPS = ("FINDINGS", "IMPRESSION", "CONCLUSION", "OPINION")
_BARE_BODY = re.compile(r"(?<![A-Za-z0-9])((?:FINDINGS|IMPRESSIONS?|CONCLUSIONS?|OPINION)(?![A-Za-z0-9:])(?:[ \t]*[-\u2013\u2014](?=[ \t]))?"
                        r"|(?:Findings|Impressions?|Conclusions?|Opinion)[ \t]*[-\u2013\u2014](?=[ \t]))")
_BARE_HISTORY = re.compile(r"(?m)^[ \t]*(HISTORY|History|Hx|HX|Clinical history|CLINICAL HISTORY)(?=[ \t]+\d{1,3}[ \t]*"
                           r"(?:-?[ \t]*(?:years?|yrs?|yo|y/o|y)\b|[MF]\b|[mf]\b(?![a-z])))")
# a dictated report with no colons ('history 52 year old male low back pain ...', 'findings alignment is normal
# ...'): a title at a line's start before its text, when the text has no title with a colon; not a statement that
# opens on the word ('Findings are in keeping with ...', 'History of trauma is not given')
_DICTATED = re.compile(r"(?im)^[ \t]*(clinical history|history|clinical indication|indication|findings|impression|"
                       r"conclusion|technique|comparison)(?=[ \t]+(?!(?:is|are|was|were|of|in|on|at|as|not|and|or|to|"
                       r"suggest\w*|consistent|compatible|may|might|could|likely|have|has|had|show\w*|include\w*|"
                       r"described|above|below|which|that|from|with|for|this|these)\b)[a-z0-9?])")
_LEVEL_ON_LINE = re.compile(r"\b[CTLS]\d{1,2}\b")
_COLON = re.compile(":")
_DASH = re.compile(r"[-\u2013\u2014]{1,2}(?=[ \t])")
_LONGEST_TITLE = 60  # characters: no section title is longer
_BARE_END = re.compile(r"[ \t]*[-\u2013\u2014]$")
_SENTENCE_END = re.compile(r"[.;](?=\s|$)")  # where a one-sentence history opener's sentence ends
_VALUE_AFTER = re.compile(r"[ \t]*\d")  # 'P: 96' is a pulse, 'S: 1' a score: not a SOAP header


# the sections a bulleted line may open ('- FH: Dad - lumbar fusion. Mum - breast Ca.', '- PMH: asthma.')
_BULLETED_CATEGORIES = {"family", "note_history"}


@dataclass
class SectionMark:
    """A report section: its category and character span (title start .. next title)."""

    category: str
    start: int
    title_end: int
    end: int


def _finding_level_on(line: str) -> bool:
    """The line names a level that is not a past operation's ('status post L4 through S1 fusion', 'previous L5-S1
    discectomy'): a dictated history's line that goes on to a level's finding is the report's."""
    return any(not _PAST_OPERATION_BEFORE.search(line, max(0, g.start - 30), g.start) for g in find_level_groups(line))


# (lexicons/statements.json, with their reasons)
_PAST_OPERATION_BEFORE = load_statement_patterns()["past_operation_before"]
_PROSE_AFTER_TITLE = load_statement_patterns()["prose_after_title"]


@Language.factory("spinelens_sections")
def make_sections(nlp: Language, name: str) -> "Sectionizer":
    return Sectionizer()


class Sectionizer:
    """Radiology sections from lexicons/sections.json (medspaCy's section_rules shape), found by
    one regular expression over the text, headers at the start of a line. A header with its colon
    also starts a section inside a line when a statement or list item has just ended before it, or
    it is written in capitals after a word that is not; in a report (no clinical-note section), a
    header with a capital after any word but a joining one ('... r/o CES FINDINGS:', not 'INDICATIONS
    OF PROCEDURE:'), and its findings opened with no colon ('FINDINGS L4-5 ...', 'Findings - ...'):
    a report exported with its line breaks removed keeps its sections; so does a report's header written
    with a dash for its colon ('Indication - r/o metastasis'). A header starts a statement. medspaCy's
    own Sectionizer sets an extension on every token, which cost more than all the rest of this stage."""

    def __init__(self) -> None:
        self.category: dict[str, str] = {}
        self.soap: set[str] = set()  # 'S:', 'O:', 'A:', 'P:': sections only where two of them open lines
        line_start_only: set[str] = set()  # titles never read inside a line ('A:', 'Comment:')
        self.one_sentence: set[str] = set()  # 'H/O', 'C/O': a history opener that heads its own sentence only
        self.before_findings: set[str] = set()  # 'Query:', 'Question:': the request's, only before the findings
        pieces = []
        units = []  # each piece as its units: the same header, for fastre's tree
        colon_units, dash_units = [], []
        for rule in load_sections():
            literal = rule["literal"].strip().lower()
            self.category[re.sub(r"\s+", " ", literal)] = rule["category"]
            if (rule.get("metadata") or {}).get("soap"):
                self.soap.add(literal)
            if (rule.get("metadata") or {}).get("line_start_only"):
                line_start_only.add(literal)
            if (rule.get("metadata") or {}).get("one_sentence"):
                self.one_sentence.add(literal.rstrip(":"))
            if (rule.get("metadata") or {}).get("before_findings"):
                self.before_findings.add(re.sub(r"\s+", " ", literal))
            colon = literal.endswith(":")
            words = [re.escape(w) for w in literal.rstrip(":").split()]
            piece = r"[ \t]+".join(words)
            unit = [p for k, w in enumerate(literal.rstrip(":").split())
                    for p in ([r"[ \t]+"] if k else []) + [re.escape(c) for c in w]]
            if colon and (rule.get("metadata") or {}).get("stamped"):
                piece += _STAMP
                unit.append(_STAMP)
            if colon:
                # 'PREOPERATIVE DIAGNOSIS (ES):', 'FINDING(S):': a plural in brackets before the colon
                piece += r"[ \t]*(?:\((?:s|es|ies)\)[ \t]*)?:"
                unit.append(r"[ \t]*(?:\((?:s|es|ies)\)[ \t]*)?:")
            elif literal[-1:].isalnum():
                piece += r"(?![A-Za-z0-9])"
                unit.append(r"(?![A-Za-z0-9])")
            pieces.append(piece)
            units.append(unit)
            if colon and literal not in line_start_only:
                dash_units.append(unit[:-1])  # without its colon
                colon_units.append(unit)
        # the same openers inside a line, after the sentence of another ('K/C/O Ca breast. C/O LBP 3 months.')
        self.opener = re.compile("(?i)(?:" + "|".join(r"[ \t]+".join(map(re.escape, w.split()))
                                                      for w in sorted(self.one_sentence, key=lambda w: (-len(w), w)))
                                 + r")(?![A-Za-z0-9])" if self.one_sentence else "(?!)")
        pieces.sort(key=len, reverse=True)
        # (a header may open a bulleted line: '- PMH: asthma.', '- FH: Dad - lumbar fusion. Mum - breast Ca.')
        self.regex = re.compile(r"(?im)^[ \t]*(?:[-*\u2022][ \t]*)?(" + "|".join(pieces) + r")")
        self.places = re.compile(r"(?im)^[ \t]*(?:[-*\u2022][ \t]*)?(?:" + alternation_tree(units) + r")")  # (fastre.py)
        # headers inside a line ('... pain. FINDINGS: ...'; a report's 'Indication - r/o metastasis') are found
        # from their colon or dash back: a report has a few dozen of those, and a tree of the titles anchored
        # to end there is tried at the few dozen characters before each
        self.colon_end = re.compile(r"(?i)(?<![A-Za-z0-9])(?:" + (alternation_tree(colon_units) or "(?!)") + r")\Z")
        self.dash_end = re.compile(r"(?i)(?<![A-Za-z0-9])(?:" + (alternation_tree(dash_units) or "(?!)") +
                                   r")[ \t]*[-\u2013\u2014]{1,2}\Z")

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        marks: list[SectionMark] = []
        self._first_line_history: set[int] = set()
        for start, end, title in self._headers(text):
            category = self._category(title)
            if category is None:
                continue
            if marks:
                marks[-1].end = start
            marks.append(SectionMark(category, start, end, len(text)))
            if start in self._first_line_history:
                below = text.find("\n", end) + 1
                marks[-1].end = below
                marks.append(SectionMark("findings", below, below, len(text)))
            if self._key(title).rstrip(":") in self.one_sentence and text[end:end + 1] != ":":
                self._sentence_only(text, marks)  # (with its colon, 'H/o:' is a field's title like 'History:')
        doc.user_data[SECTIONS_KEY] = marks
        _start_statements(doc, [m.start for m in marks])
        return doc

    def _sentence_only(self, text: str, marks: list[SectionMark]) -> None:
        """A terse history opener with no colon ('H/O fall. L1 acute compression fracture ...', 'K/C/O Ca
        breast. C/O LBP.') heads its own sentence only: what its line goes on to say is the report's, unless
        the next sentence opens with another such word."""
        mark = marks[-1]
        line_end = text.find("\n", mark.title_end)
        line_end = len(text) if line_end < 0 else line_end
        stop = _SENTENCE_END.search(text, mark.title_end, line_end)
        if stop is None:
            return
        nxt = stop.end()
        while nxt < line_end and text[nxt] in " \t":
            nxt += 1
        if nxt >= line_end:
            return
        opener = self.opener.match(text, nxt)
        if opener is not None:
            mark.end = nxt
            marks.append(SectionMark(mark.category, nxt, opener.end(), len(text)))
            self._sentence_only(text, marks)
        else:
            mark.end = nxt
            marks.append(SectionMark("findings", nxt, nxt, len(text)))

    def _headers(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, title) of each header, in order; a title of the request's ('Query:') only before the findings
        begin ('IMPRESSION:\nQuery: early discitis at L2/3.' is the radiologist's own query, a hedged finding)."""
        found = self._all_headers(text)
        if not self.before_findings:
            return found
        out, body = [], False
        for h in found:
            if body and self._key(h[2]) in self.before_findings:
                continue
            body = body or self._category(h[2]) in _BODY
            out.append(h)
        return out

    def _all_headers(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, title) of each header, in order: at a line start, or inside a line (see the class)."""
        # (after a bullet only a relative's or a past history's title with its colon: '- FH: ...', '- PMH: ...' head
        # their sections; '- Comparison with the prior study shows ...', '- Indication: fall. New L1 burst fracture.'
        # are items of an impression)
        found = [(m.start(1), m.end(1), m.group(1)) for m in finditer(self.places, self.regex, text)
                 if (not text[m.start():m.start(1)].strip() or m.group(1).rstrip()[-1:] == ":"
                     and self._category(m.group(1)) in _BULLETED_CATEGORIES) and not self._title_in_prose(text, m)]
        if "x" in text or "X" in text or "ISTORY" in text or "istory" in text:
            # 'Hx 40M right sciatica', 'HISTORY 57 F ...': a history with no colon, known by the age right after it
            known = {h[0] for h in found}
            # (not a line that goes on to a level's finding: 'HISTORY 36F ... . L4-5 large central extrusion.' stays
            # the report's, whose findings matter more than its history)
            found = sorted(found + [(m.start(1), m.end(1), m.group(1) + ":") for m in _BARE_HISTORY.finditer(text)
                                    if m.start(1) not in known and not _LEVEL_ON_LINE.search(
                                        text, m.end(1), (text.find("\n", m.end(1)) + 1 or len(text) + 1) - 1)])
        if not any(h[2].rstrip()[-1:] == ":" for h in found) and ":" not in text:
            known = {h[0] for h in found}
            # (a history's line that goes on to a level's finding stays the report's, as with the age above)
            found = sorted(found + [(m.start(1), m.end(1), m.group(1) + ":") for m in _DICTATED.finditer(text)
                                    if m.start(1) not in known and not (
                                        self._category(m.group(1) + ":") == "history" and _finding_level_on(
                                            text[m.end(1):(text.find("\n", m.end(1)) + 1 or len(text) + 1) - 1]))])
        if self.soap:
            # a vital sign is no SOAP header ('P: 96', 'T: 37.2'); a lone 'A:' or 'P:' is a label of the text
            found = [h for h in found if self._key(h[2]) not in self.soap or not _VALUE_AFTER.match(text, h[1])]
            if len({self._key(h[2]) for h in found} & self.soap) < 2:
                found = [h for h in found if self._key(h[2]) not in self.soap]
        if ":" not in text and "-" not in text and "\u2013" not in text and "\u2014" not in text \
                and not any(w in text for w in _BARE_BODY_CAPS):
            return found
        at_line_start = {start for start, _, _ in found}
        candidates = [h for h in self._ending_at(text, self.colon_end, (m.end() for m in _COLON.finditer(text)))
                      if h[0] not in at_line_start]
        candidates += [h for h in self._ending_at(text, self.dash_end, (m.end() for m in _DASH.finditer(text)))
                       if h[0] not in at_line_start]
        candidates += [(m.start(1), m.end(1), m.group(1)) for m in _BARE_BODY.finditer(text)
                       if m.start(1) not in at_line_start]
        if not candidates or is_note_categories(self._category(h[2]) for h in found):
            return found  # a clinical note is read by its line-start headers only (its lines hold prose)
        return self._merge(text, found, [h for h in sorted(candidates) if self._inline(text, *h)])

    def _title_in_prose(self, text: str, m: re.Match[str]) -> bool:
        """A study's name with no colon that opens a sentence of prose ('MRI L-spine 2 years ago showed mild L4-5
        disc bulge.'): no title, or the note's later lines would be read as that study's."""
        if m.group(1).rstrip()[-1:] == ":" or self._category(m.group(1)) != "exam":
            return False
        line_end = text.find("\n", m.end(1))
        rest = text[m.end(1):len(text) if line_end < 0 else line_end].rstrip()
        return not rest.endswith(":") and _PROSE_AFTER_TITLE.search(rest) is not None

    @staticmethod
    def _ending_at(text: str, pattern: re.Pattern[str], ends: Iterator[int]) -> list[tuple[int, int, str]]:
        """The longest title ending at each of the ends (just after its colon or dash), as (start, end, title)."""
        out = []
        last = 0  # no title holds a colon, nor a dash before a space: none starts before the one before
        for end in ends:
            m = pattern.search(text, max(last, end - _LONGEST_TITLE), end)
            if m is not None:
                out.append((m.start(), end, m.group()))
            last = end
        return out

    @staticmethod
    def _key(title: str) -> str:
        return _PLURAL.sub(":", re.sub(r"\s+", " ", _BARE_END.sub("", title).lower()))

    def _category(self, title: str) -> str | None:
        key = self._key(title)
        if key != title.lower() and key + ":" in self.category:
            return self.category[key + ":"]  # 'Indication -' is 'indication:'
        return self.category.get(key)

    def _inline(self, text: str, start: int, end: int, title: str) -> bool:
        """Whether a header found inside a line of a report starts a section there."""
        # the line before it, no further than a few words back (a text without line breaks is one line)
        before = text[text.rfind("\n", max(0, start - 80), start) + 1 or max(0, start - 80):start].rstrip()
        category = self._category(title)
        if category is None or category in NOTE_SECTIONS:
            return False  # a plan or follow-up inside a line is a word of the report, never a note's section
        dashed = bool(_BARE_END.search(title))
        if not before:
            return dashed and title[:1].isupper()  # at a line start: the line-start pattern's, but a dashed one
        if not title.rstrip().endswith(":") and not (category in _BODY or dashed):
            return False  # a bare 'FINDINGS', 'Findings -' or 'Indication -'
        if before[-1] in _BREAK_BEFORE:
            return True  # a statement or a list item ended before it
        prev = before.split()[-1]
        if prev.lower() in _FUNCTION_WORDS or prev[-1] in "/&":
            return False  # the tail of a longer title: 'INDICATIONS OF PROCEDURE:', 'SIGNS/SYMPTOMS:'
        # a title with a capital after any word ('... r/o CES FINDINGS:', '... back pain Findings:'); a bare
        # word in capitals not after another ('NO ACUTE FINDINGS.' is a finding)
        if not title[0].isupper():
            return False
        return title.rstrip().endswith((":", "-", "\u2013", "\u2014")) or not _CAPITALS.fullmatch(prev)

    def _merge(self, text: str, found: list[tuple[int, int, str]],
               inline: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Line-start and inline headers of a report in order. A header inside another's title ('CLINICAL
        HISTORY:' holds 'HISTORY:') is that header. The exam title, history, technique and comparison
        come before the findings: inside a line, one is a header only before a findings or impression
        header on that line (which bounds what it hides; 'Contrast: none given.' in an unheaded report is
        words), and never after the findings began. Inside the history, only FINDINGS / IMPRESSION /
        CONCLUSION / Report: / Opinion: open the findings ('Diagnosis: metastatic prostate cancer' is
        history). A RECOMMENDATION inside a line only after a report's FINDINGS (else it is words)."""
        out: list[tuple[int, int, str]] = []
        body = False
        inline_starts = {h[0] for h in inline}
        for h in sorted(found + inline):
            if out and h[0] < out[-1][1]:
                continue
            category = self._category(h[2])
            if h[0] in inline_starts:
                if body and category in _BEFORE_BODY:
                    continue
                if category in _BODY and out and self._category(out[-1][2]) in _BEFORE_BODY \
                        and not _STRONG_BODY.fullmatch(re.sub(r"[ \t]*\((?:s|es|ies)\)", "", h[2]).strip()):
                    continue
                if category == "recommendation" and not any(self._category(g[2]) == "findings" for g in out):
                    continue  # a report's advice after its findings ('RECOMMENDATION: contrast MRI if ...')
            body = body or category in _BODY
            out.append(h)
        keep = []
        next_body = len(text) + 1  # where the next findings or impression header starts (from the end back)
        for h in reversed(out):
            category = self._category(h[2])
            if h[0] in inline_starts and category in _BEFORE_BODY:
                line_end = text.find("\n", h[1])
                if next_body >= (len(text) if line_end < 0 else line_end):
                    if not (category == "history" and line_end > 0 and "\n" not in text[:h[0]]
                            and text[line_end:].strip()):
                        continue
                    # the first line's clinical details after the study's name ('L-spine MRI. Clin: 38yo, R sciatica
                    # to lat foot ?S1.' then the findings): a history to its line's end, the findings below it
                    self._first_line_history.add(h[0])
            if category in _BODY:
                next_body = h[0]
            keep.append(h)
        return keep[::-1]


def _start_statements(doc: Doc, chars: list[int]) -> None:
    """A header starts a statement: what was asked before it ('R/O metastasis FINDINGS L4-5 disc
    bulge', its line breaks lost) does not reach the findings after it."""
    bounds = all_sent_bounds(doc)
    idx = toks(doc).idx
    new = [i for i in (bisect_left(idx, c) for c in chars) if 0 < i < len(doc) and bounds[i].start != i]
    if not new:
        return
    starts = sorted(set(numpy.flatnonzero(doc.to_array([SENT_START]) == 1).tolist()) | {0} | set(new))
    values = numpy.full((len(doc), 1), -1, dtype="int64")
    values[starts] = 1
    doc.from_array([SENT_START], values.astype("uint64"))
    _store_sent_bounds(doc, starts)


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

