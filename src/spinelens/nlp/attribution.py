"""Stage 11, attribution: where a physician relates a finding to the symptoms in words.

annotation.md: when a note's own physician says "her radicular pain is from the L5-S1 herniation"
or "the MRI findings do not explain her symptoms", that judgement is the category. Read in the
statements of a note (history, assessment, indication, plan, and imaging statements that relate a
finding to the symptoms), a report's clinical history, and a report's impression or discussion (the
radiologist's EXPLAINS-type words only, marked "report"; correlate.py lets them only raise a match): a phrase of lexicons/attribution.json with a finding named in the same sentence
on the side the phrase says (or, for an anaphor 'this' / 'it', in the sentence before), and, for
EXPLAINS, a symptom word in the sentence. A negation just before an EXPLAINS phrase ('is not due
to') turns it into DOES_NOT_EXPLAIN. Each is written to ``doc.user_data[ATTRIBUTIONS_KEY]`` as
(finding type, levels, judgement, sentence start, sentence end, phrase, how); correlate.py applies it.
"""

import re
from bisect import bisect_right
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..levels import find_level_groups
from ..lexicon import card, load_attribution
from .extensions import ATTRIBUTIONS_KEY, STATEMENTS_KEY, finding_only_spans, info
from .fastre import finditer, phrase_tree
from .sections import section_at
from .tokens import doc_text, sent_of

# a judgement denied just before its phrase: 'is not due to', 'I do not feel that this is ...'
_NEGATION = re.compile(r"\b(?:not|never|unlikely|doubt|n't)\b[^.;,]{0,25}$", re.I)
_ANAPHOR = re.compile(r"\b(?:this|it|these|that|they)\b", re.I)
# ... as the subject of the phrase: within its last few words before it ('this is a significant contributor to')
_ANAPHOR_NEAR = re.compile(r"\b(?:this|it|these|that|they)\b(?:\W+\w+){0,5}\W*$", re.I)
_SPACES = re.compile(r"\s+")
# a disc named by its level alone as the cause ('explained by the L5/S1 disc'): the disc's herniation findings there
_DISC_REF = re.compile(r"\b(?:the|this|that|her|his|their)\s+([CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?)\s+(?:disc|disk)\b"
                       r"(?!\s+(?:bulges?|protrusions?|extrusions?|herniations?|prolapse|space|height|desiccation|"
                       r"degeneration|signal|level))", re.I)
# a level alone as the source ('claudication from L4/5', 'radiculopathy arising from the L5-S1 level'), to the
# end of its clause: not 'from L4/5 down to S1' or 'from L4 to S1', which span a region
_LEVEL_NAMED = re.compile(r"\s*(?:the\s+)?(?:level\s+(?:of\s+)?)?([CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?)"
                          r"(?:\s+(?:level|segment|disc\s+level))?\s*(?:[.;,)]|$|\band\b|\bwith\b)", re.I)
_DISC_TYPES = ("disc_bulge", "disc_protrusion", "disc_extrusion", "disc_herniation", "disc_sequestration")
# where a clause of a sentence ends: a semicolon, or a conjunction that opens a new clause
# (not ', and', which may join the subject's items: 'The L3-4 protrusion and stenosis, and the L2-3 bulge, are incidental')
_CLAUSE_BREAK = re.compile(r";|,\s*(?:but|whereas|while|although)\b|\b(?:and|but)\s+that\b|\bwhereas\b", re.I)
_THAN = re.compile(r"\bthan\b", re.I)
# statements read for the physician's judgement: everything a note says but a relative's; an imaging
# statement too ('pain secondary to facet arthrosis ... verified with x-ray studies')
_NOT_READ = {"family", "other_region"}
# a report: its clinical history, and the radiologist's own judgement in the impression or discussion
# ('... severe canal stenosis. This would explain the neurogenic claudication')
_REPORT_READ = {"history", "impression", "discussion"}

# (finding type, levels, EXPLAINS | DOES_NOT_EXPLAIN, sentence start, sentence end, phrase, how: "named" | "level" |
# "report"); model.Attribution is what extract.py makes of it
Judged = tuple[str, list[str | None], str, int, int, str, str]



@Language.factory("spinelens_attribution")
def make_attribution(nlp: Language, name: str) -> "AttributionReader":
    return AttributionReader()


class AttributionReader:
    def __init__(self) -> None:
        lex = load_attribution()
        self.rules: dict[str, dict[str, Any]] = {}
        for rule in lex["rules"]:
            self.rules[re.sub(r"\s+", " ", rule["literal"].lower())] = rule
        phrases = sorted(self.rules, key=len, reverse=True)
        # the look-ahead for a phrase's first letter (a necessary condition) spares trying every phrase at each word
        first = "".join(sorted({re.escape(p.split()[0][0]) for p in phrases}))
        self.regex = re.compile(rf"(?=[{first}])(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
                                + r")(?![\w-])", re.I)
        # where it matches, found ~2x faster (fastre.py)
        self.places = re.compile(rf"(?=[{first}])(?<![\w-])(?:" + phrase_tree([p.split() for p in phrases])
                                 + r")(?![\w-])", re.I)
        self.symptom = re.compile(r"\b(?:" + "|".join(map(re.escape, lex["symptom_words"])) + r")\b", re.I)
        # the study's findings as a whole ('The MRI findings do not explain ...'); a symptom the lumbar spine does not reach
        study = "|".join(map(re.escape, sorted(lex["study_words"])))
        self.study_findings = re.compile(rf"\b(?:the|his|her|their|these|those|this|its)\s+(?:(?:{study})\s+)?(?:findings?|results?|"
                                         rf"abnormalit(?:y|ies))\b|\b(?:the|his|her|this)\s+(?:{study})\b", re.I)
        self.elsewhere = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(lex["elsewhere_words"]))) + r")\b", re.I)
        # a level alone as the source of leg symptoms, unless a source of its own kind is named (metadata: why_level_source)
        self.leg_symptom = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(lex["leg_symptom_words"]))) + r")\b", re.I)
        self.own_source = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(lex["own_source_words"]))) + r")\b", re.I)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found: list[Judged] = []
        spans = list(finding_only_spans(doc))
        if not spans:
            doc.user_data[ATTRIBUTIONS_KEY] = found
            return doc
        starts = [s.start_char for s in spans]
        whole: list[tuple[Any, int, int, str]] = []  # judgements of the study's findings as a whole
        roles = doc.user_data.get(STATEMENTS_KEY)
        role_starts = [r[0] for r in roles] if roles else []
        for m in finditer(self.places, self.regex, text):
            reader = self._read_here(doc, roles, role_starts, m.start())
            if reader is None:
                continue
            rule = self.rules[_SPACES.sub(" ", m.group(0).lower())]
            if rule["category"] == "PSEUDO":
                continue  # 'due to the fact that': not a cause
            if reader == "report" and (rule["category"] != "EXPLAINS" or (rule.get("metadata") or {}).get("request")):
                continue  # a radiologist relates a finding to the symptoms ('This would explain the claudication'); his
                # 'incidental' and 'do not account for' are left to the rules, and 'correlate with' asks
            tok = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if tok is None:
                continue
            sent = sent_of(doc, tok.start)
            s0, s1 = sent.start_char, sent.end_char
            judged = rule["category"]
            negated = bool(_NEGATION.search(text[max(s0, m.start() - 40):m.start()]))
            if judged == "EXPLAINS" and negated:
                if reader == "report":
                    continue
                judged = "DOES_NOT_EXPLAIN"
            how = "report" if reader == "report" else "named"
            direction = rule.get("direction")
            if direction == "FORWARD" and (level := _LEVEL_NAMED.match(text, m.end(), s1)) \
                    and self.leg_symptom.search(text, s0, m.start()) and not self.own_source.search(text, s0, m.start()):
                # 'classic neurogenic claudication from L4/5': the level's lesions that narrow the canal or
                # press on a root, and what builds them (lexicons/findings cards: roles), are the source named.
                # Leg symptoms only: 'back pain, likely facetogenic from L4/5' names its own source
                levels = [lv for g in find_level_groups(level.group(1)) for lv in g.levels]
                there = {(fi.finding_type, tuple(fi.levels)) for span in spans if (fi := info(span)).finding_type
                         and set(fi.levels or ()) & set(levels) and not getattr(span._, "is_negated", False)
                         and set(card(fi.finding_type).roles) & {"compressive", "contributor"}}
                found.extend((t, list(lv), judged, s0, s1, rule["literal"], "level") for t, lv in sorted(there))
                continue
            in_sent = spans[bisect_right(starts, s0 - 1):bisect_right(starts, s1 - 1)]
            if direction == "FORWARD":
                # ('better explained by the left L4-5 protrusion than by the right L5-S1 one': not past 'than')
                than = _THAN.search(text, m.end(), s1)
                named = [s for s in in_sent if s.start_char >= m.end() and (than is None or s.start_char < than.start())]
            elif direction == "BACKWARD":
                # in its own clause ('... and a small right L5-S1 protrusion; the stenosis would explain the
                # claudication' relates the stenosis only)
                lo = max((b.end() for b in _CLAUSE_BREAK.finditer(text, s0, m.start())), default=s0)
                named = [s for s in in_sent if lo <= s.start_char and s.end_char <= m.start()]
            else:
                # either side, within its own clause: 'the L4/5 protrusion accounts for her leg pain, and that the
                # Tarlov cyst is a common incidental finding' says 'incidental' of the cyst alone
                lo = max((b.end() for b in _CLAUSE_BREAK.finditer(text, s0, m.start())), default=s0)
                hi = next((b.start() for b in _CLAUSE_BREAK.finditer(text, m.end(), s1)), s1)
                named = [s for s in in_sent if s.start_char >= lo and s.end_char <= hi]
                if rule["category"] == "EXPLAINS":
                    # 'the L4-5 protrusion correlates with her leg pain' or 'claudication correlating with L3-5
                    # stenosis': the findings on the side away from the symptom (denied too: 'a normal DEXA that
                    # does not correlate with the fracture' names no symptom)
                    before = [s for s in named if s.end_char <= m.start()]
                    after = [s for s in named if s.start_char >= m.end()]
                    named = before if before and self.symptom.search(text, m.end(), hi) else \
                        after if after and self.symptom.search(text, lo, m.start()) else []
            if not named and direction != "FORWARD" and lo > s0 and _ANAPHOR.search(text, lo, m.start()):
                # 'this' in its own clause is the clause before: '... transitional lumbosacral area; however, I do not
                # feel that this is a significant contributor', '... severe stenosis; this would explain'
                named = [s for s in in_sent if s.end_char <= lo]
            if not named and judged == "DOES_NOT_EXPLAIN" and self.study_findings.search(text, s0, m.start()) \
                    and not self.elsewhere.search(text, m.end(), s1):
                # the study's findings as a whole: each finding stated before, in the note's imaging statements,
                # that the physician does not relate to the symptoms in words of its own (added last, below).
                # Before the anaphor: in 'I explained that the MRI findings do not explain ...' the 'that' is
                # the clause's, not the last finding's
                whole.extend((s, s0, s1, rule["literal"]) for s in spans[:bisect_right(starts, s0 - 1)]
                             if roles is None or info(s).section == "imaging")
                continue
            if not named and direction in ("FORWARD", "BACKWARD") and (disc := self._disc_named(
                    text, m.end(), s1) if direction == "FORWARD" else self._disc_named(text, s0, m.start())):
                # 'Her bilateral sciatica is explained by the L5/S1 disc': the disc's own findings at that level
                needs_symptom = (rule.get("metadata") or {}).get("needs_symptom", judged == "EXPLAINS")
                if not needs_symptom or self._symptom_side(text, s0, s1, m, direction):
                    found.extend((t, list(disc), judged, s0, s1, rule["literal"], how) for t in _DISC_TYPES)
                continue
            if not named and direction != "FORWARD" and _ANAPHOR_NEAR.search(text, max(s0, m.start() - 40), m.start()) \
                    and sent.start > 0:
                # 'I do not feel that this is a significant contributor', 'This would explain the claudication': the
                # subject just before the phrase; not 'in this man ... his leg symptoms came from cervical myelopathy'
                prev = sent_of(doc, sent.start - 1)
                named = spans[bisect_right(starts, prev.start_char - 1):bisect_right(starts, prev.end_char - 1)]
            if not named:
                continue
            needs_symptom = (rule.get("metadata") or {}).get("needs_symptom", judged == "EXPLAINS")
            if needs_symptom and not self._symptom_side(text, s0, s1, m, direction):
                continue
            for span in named:
                fi = info(span)
                if fi.finding_type is None or getattr(span._, "is_negated", False):
                    continue
                if judged == "EXPLAINS" and fi.region not in (None, "lumbar") and not any(fi.levels or []):
                    continue  # 'his leg symptoms came from cervical spondylotic myelopathy': not the lumbar spine's
                found.append((fi.finding_type, list(fi.levels or [None]), judged, s0, s1, rule["literal"], how))
        judged_types = {(t, tuple(lv)) for t, lv, *_ in found}
        for span, s0, s1, literal in whole:
            fi = info(span)
            key = (fi.finding_type, tuple(fi.levels or [None]))
            if fi.finding_type is not None and key not in judged_types and not getattr(span._, "is_negated", False):
                found.append((fi.finding_type, list(key[1]), "DOES_NOT_EXPLAIN", s0, s1, literal, "named"))
        doc.user_data[ATTRIBUTIONS_KEY] = found
        return doc

    @staticmethod
    def _disc_named(text: str, lo: int, hi: int) -> list[str] | None:
        """The disc levels of 'the L5/S1 disc' between lo and hi (not 'the L5/S1 disc space', '... disc bulge')."""
        m = _DISC_REF.search(text, lo, hi)
        if m is None:
            return None
        levels = [lv for g in find_level_groups(m.group(1)) if g.kind == "disc" for lv in g.levels]
        return levels or None

    def _symptom_side(self, text: str, s0: int, s1: int, m: re.Match[str], direction: str | None) -> bool:
        """The symptom the finding explains: before a FORWARD phrase ('pain secondary to'), after a
        BACKWARD one ('fracture causing severe pain')."""
        if direction == "FORWARD":
            return bool(self.symptom.search(text, s0, m.start()))
        if direction == "BACKWARD":
            return bool(self.symptom.search(text, m.end(), s1))
        return bool(self.symptom.search(text, s0, s1))

    @staticmethod
    def _read_here(doc: Doc, roles: list[tuple[int, int, str]] | None, role_starts: list[int], char: int) -> str | None:
        """Who judges here: "note" in a note's statements but a relative's; in a report, "note" in its clinical
        history (the referrer's words) and "report" in its impression or discussion (the radiologist's); else None."""
        if roles is not None:
            k = bisect_right(role_starts, char) - 1
            return "note" if k >= 0 and roles[k][2] not in _NOT_READ else None
        sec = section_at(doc, char)
        if sec is None or sec.category not in _REPORT_READ:
            return None
        return "note" if sec.category == "history" else "report"


def attributions(doc: Doc) -> list[Judged]:
    return doc.user_data.get(ATTRIBUTIONS_KEY) or []

