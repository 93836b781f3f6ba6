"""Stage 7, context: medspaCy ConText (negated / possible / hypothetical / historical / family)
with the rules of lexicons/context.json plus negspaCy's clinical termset, less the cues the
lexicon excludes, applied one sentence at a time.

medspaCy's ConText compares every cue with every other cue and every target of the whole Doc,
so its time grows with the square of the text (a 61 KB text made 910,000 comparisons). A cue's
scope never leaves its sentence, so this stage gives medspaCy's own ConTextGraph the cues and
targets of one sentence at a time: the same result in time linear in the text. A sentence
longer than tokens.WINDOW tokens is read in windows of that size, as every stage reads it.
"""

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from medspacy.context import ConText
from medspacy.context.context_graph import ConTextGraph
from medspacy.context.context_modifier import ConTextModifier
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import LexiconError
from ..lexicon import load_context, types_where
from .extensions import FINDINGS_GROUP, finding_spans, info
from .tokenizer import cached_lowers_of_phrases
from .tokens import Bounds, all_sent_bounds, doc_text, sent_bounds, toks


@Language.factory("spinelens_context")
def make_context(nlp: Language, name: str) -> "SentenceContext":
    return SentenceContext(nlp)


def _subject_head(norms: list[str], k: int, stop: int) -> int:
    """The head word of a clause's subject that starts at token k: past its opener and the sides and root names before
    the structure ('the right L5 nerve root': 'nerve'), stopping before token stop."""
    if k + 1 < stop and norms[k] in _SUBJECT_OPENERS:
        k += 1
    while k + 1 < stop and (norms[k] in _SUBJECT_SIDES or _ROOT_NAME.match(norms[k])):
        k += 1
    return k


def _structure_clause(norms: list[str], end: int, hi: int) -> int:
    """Where a forward denial stops before a clause of a structure's own after a comma ('No canal stenosis, the nerve
    roots are compressed at L5/S1 by a left extrusion': the roots' clause says what is there); else hi. Not a list
    of findings ('No fracture, cord compression or listhesis')."""
    for j in range(end, hi):
        if norms[j] != ",":
            continue
        k = _subject_head(norms, j + 1, hi)
        if k < hi and norms[k] in _STRUCTURE_SUBJECTS and any(
                norms[m] in _COPULAS for m in range(k + 1, min(hi, k + 5))):
            return j
    return hi


def _csf_denied(norms: list[str], end: int, hi: int) -> int:
    """Where a denial that opens on the CSF stops: at the place word after the fluid's words ('no CSF visible
    between the crowded cauda equina roots': the CSF is denied, the crowding is not); else hi."""
    if end >= hi or norms[end] not in ("csf", "cerebrospinal"):
        return hi
    j = end
    while j < hi and norms[j] in _CSF_WORDS:
        j += 1
    return j if j < hi and norms[j] in _CSF_PLACES else hi


class SentenceContext:
    """medspaCy ConText, one sentence (or window) at a time."""

    def __init__(self, nlp: Language) -> None:
        self.context = ConText(nlp, rules=None, input_span_type="group", span_group_name=FINDINGS_GROUP)
        self.matcher = CueMatcher(nlp, self.context, context_rules())
        # the ': no' field-answer rule (spelled out into phrases: ': no .', ': no ,' ...)
        self._field_end_rule = next((r for r in self.matcher.rules if r.literal in (": no", ": no .")), None)
        self._dash_denies_rule = next((r for r in self.matcher.rules if r.literal == "- denies ."), None)

    def _modifier(self, doc: Doc, rule, start: int, end: int) -> ConTextModifier:
        """A medspaCy modifier whose scope is its statement (tokens.sent_bounds) in its direction, cut to the
        rule's max_scope, as ConTextModifier sets it from Token.sent (which scans the sentence)."""
        s0, s1 = sent_bounds(doc, start)
        direction, limit = rule.direction.lower(), rule.max_scope
        if direction == "terminate" and (rule.metadata or {}).get("cuts_short_cues"):
            # medspaCy's overlap test (util.tuple_overlaps) misses a scope that contains another whole, so a
            # sentence-wide terminator never cuts a cue of limited reach; one whose scope is its own words does
            # ('[ ] fever [x] weight loss': the tick ends the box's denial; 'annular tear; the root is not
            # compressed': the ';' ends the backward denial). Not every terminator: 'X, which was suspected, is
            # not seen' and 'L2-3 discitis with epidural abscess is suspected' reach back past theirs
            return ConTextModifier(rule, start, end, doc, scope_start=start, scope_end=end)
        lo, hi = s0, s1
        norms = toks(doc).norms
        if start > 0 and end < len(norms) and norms[start - 1] in _OPENING and norms[end] in (*_CLOSING, ","):
            # 'Fever (no), urinary retention (yes, 700 mL)', 'Night pain [no], ...': a bracket that opens on its answer
            # answers the item right before it only, whatever that item is
            item = start - 1
            while item > s0 and norms[item - 1] not in _ITEM_ENDS and "\n" not in norms[item - 1]:
                item -= 1
            return ConTextModifier(rule, start, end, doc, scope_start=self._target_ends.get(start - 1, item),
                                   scope_end=start)
        if direction == "backward" and (rule.metadata or {}).get("forward_before_target") and end in self._target_starts:
            direction = "forward"  # 'Red flags: nil bladder or bowel dysfunction': the answer opens a list of its own
        if direction == "forward":
            lo = end
            if limit is not None and hi - lo > limit:
                hi = end + limit
            if (rule.metadata or {}).get("object_only"):
                # its object only, to the first comma or 'and' after a target ('Not consistent with degenerative
                # change, highly suspicious for discitis': the discitis is stated)
                norms = toks(doc).norms
                hi = next((j for j in range(end, hi) if norms[j] in (",", ";", "and")
                           and any(t in self._target_starts for t in range(end, j))
                           and not (norms[j] != ";" and _list_goes_on(norms, j + 1, s1, norms[j] == ","))), hi)
        elif direction == "backward":
            hi = start
            if limit is not None and hi - lo > limit:
                lo = start - limit
        else:
            if limit is not None and start - lo > limit:
                lo = start - limit
            # a cue may reach further forward than back ('?acute L1 superior endplate fracture', 'hemangioma ?')
            ahead = (rule.metadata or {}).get("forward_scope", limit)
            if ahead is not None and hi - end > ahead:
                hi = end + ahead
        if direction == "forward" and rule.category == "NEGATED_EXISTENCE":
            hi = self._own_item_only(toks(doc).norms, s0, start, end, hi)
            hi = _csf_denied(toks(doc).norms, end, hi)
            hi = _structure_clause(toks(doc).norms, end, hi)
            hi = self._aside_denied(toks(doc).norms, s0, start, end, hi)
        hard = (rule.metadata or {}).get("stops")
        if hard and direction == "forward":
            # 'complete resorption of the epidural haematoma, cauda equina remains compressed': at the first of its words,
            # whatever comes before it (a haematoma is no finding of the lexicon)
            norms = toks(doc).norms
            hi = next((j for j in range(end, hi) if norms[j] in hard), hi)
        stops = (rule.metadata or {}).get("stop_after_target")
        if stops and direction in ("forward", "bidirectional"):
            # '? haemangioma or metastasis and cord compression': ends at the 'and' after a queried item; 'interval
            # resolution of the abscess and new discitis': at the 'and' after the finding that has gone
            norms = toks(doc).norms
            hi = next((j for j in range(end, hi) if norms[j] in stops
                       and any(t in self._target_starts for t in range(end, j))), hi)
        if direction in ("backward", "bidirectional") and self._before_target(start, end, s1, toks(doc).norms) \
                and toks(doc).norms[end - 1] not in _FIELD_ENDS and toks(doc).norms[end - 1].strip():
            lo = start  # 'left foot drop, absent ankle jerk': the cue belongs to the noun after it (not a field's
            # answer that ends in its separator: 'steroids - no; osteoporosis - no;')
        if direction == "bidirectional" and (rule.metadata or {}).get("either_side"):
            # '(-) fever', 'denied any trauma': forward only; 'fever (-), urinary retention (+)', 'Weight loss denied':
            # written right after its item (and before no other), it denies that item only
            at = start - 1 if start > 0 and toks(doc).norms[start - 1] == "(" and start - 1 in self._target_ends else start
            # ('Fever (denied), urinary retention (+)': a bracket right after its item answers that item)
            if at in self._target_ends and not self._before_target(start, end, s1, toks(doc).norms):
                lo, hi = self._list_start(toks(doc).norms, self._target_ends[at], s0), end
                self._lists.append((lo, start))
            else:
                lo = end
                if (rule.metadata or {}).get("until_affirmed"):
                    hi = _until_affirmed(toks(doc).norms, end, hi)  # ('(-) fever, chills, urinary retention +')
        if direction == "backward" and (rule.metadata or {}).get("after_list"):
            # right after a finding: that finding, or the whole list it ends when the list is its clause, however long
            # ('Fracture, listhesis and cord compression are absent'; 'Metastasis at T10, pathological fracture, cord
            # compression absent' keeps the first two); a field's answer after its colon is the whole field's
            norms = toks(doc).norms
            listed = self._answered_list(norms, start, s0, _COPULAS, norms[start] in _FIELD_SEPS)
            if listed is not None:
                lo = max(s0, listed)
                self._lists.append((lo, start))
        if rule is self._field_end_rule or (rule.metadata or {}).get("field_answer"):
            # 'Urinary retention   yes   Fever   no', 'Urinary retention - ✓, Incontinence - ✘.': the answer is the last
            # field's only (every phrase of the ': no' rule, lexicons/context.json field_answer); a field that names several ('Fever /
            # rigors: no', 'Fever, weight loss: no') is one question
            norms = toks(doc).norms
            listed = self._answered_list(norms, start, s0, field=True)
            if listed is not None:
                lo = max(lo, listed)
            elif _CHANGE_WORDS.intersection(norms[max(s0, start - 3):start]):
                lo = start  # 'Urinary retention/incontinence improving: no', 'resolved: no': the answer is the change's,
                # the symptom goes on
        if direction == "backward" and (rule.metadata or {}).get("adjacent"):
            # 'CES advice', 'CES safety-netting advice': the symptom the noun stands right after, or none
            norms = toks(doc).norms
            t = start
            while t > s0 and (norms[t - 1] in _ADVICE_WORDS or not norms[t - 1].strip()) and start - t < 4:
                t -= 1
            while t < start and norms[t] == "-":
                t += 1  # ('weakness - advice sought from neurosurgery': a dash after the symptom parts the two)
            lo = self._target_ends.get(t, start)
        if direction == "backward" and start in self._reflex_ends:
            lo = self._target_ends[start]  # 'numb lat foot, AJ absent L': 'absent' is the reflex's grade, that reflex's only
        if direction != "forward" and (rule.metadata or {}).get("clause_only"):
            norms = toks(doc).norms  # 'fever and back pain, discitis is suspected': its own clause only
            first = start - 1
            if (rule.metadata or {}).get("relative_clause") and first > lo and norms[first] == ",":
                first -= 1  # 'back and leg pain, which has settled': the antecedent is before the clause's comma
            lo = next((j + 1 for j in range(first, lo - 1, -1) if norms[j] in (",", ";")), lo)
        if direction == "backward" and lo < start:
            lo = self._own_subject(toks(doc).norms, lo, start, min(s1, end + 4))
        if direction in ("backward", "bidirectional") and lo < start:
            lo = _inside_bracket(toks(doc).norms, lo, start)
        if rule.category == "NEGATED_EXISTENCE" and hi > end:
            hi = min(hi, _plus_marked(toks(doc).norms, end, s1))  # (a forward reach, of a forward cue or a field's answer)
        return ConTextModifier(rule, start, end, doc, scope_start=min(lo, hi), scope_end=hi)

    def _own_item_only(self, norms: list[str], s0: int, start: int, end: int, hi: int) -> int:
        """In a list whose items each carry their own denial ('No saddle anaesthesia, no urinary retention, b/l leg
        weakness'), a denial is its own item's: it ends at the comma after its first target, so a bare item after it
        is stated."""
        if start - 2 < s0 or norms[start - 1] != ",":
            return hi
        k = start - 2
        while k > s0 and norms[k - 1] not in (",", ";", ":", ".") and "\n" not in norms[k - 1]:
            k -= 1
        if norms[k] not in _OWN_ITEM_DENIALS or _OWN_ITEM_DENIALS.intersection(norms[s0:k]) \
                or _DENY_VERBS.intersection(norms[s0:k]):
            return hi  # (not under a denial of the whole list: 'No red flags: no saddle anaesthesia, ..., faecal incontinence')
        t = next((t for t in range(end, hi) if t in self._target_starts), None)
        if t is None:
            return hi
        comma = next((j for j in range(self._target_span_end.get(t, t + 1), hi) if norms[j] == ","), hi)
        if comma < hi and _list_goes_on(norms, comma + 1, hi, True):
            return hi  # ('no urinary retention, incontinence or saddle numbness': the item is a list of its own)
        return comma

    def _aside_denied(self, norms: list[str], s0: int, start: int, end: int, hi: int) -> int:
        """Where a denial inside an aside set off by commas stops: at the aside's closing comma when no finding stands
        in the aside ('a 9 mm focus in T12, not commented on in the original report, is suspicious for metastasis': the
        'not' is the comment's); else hi."""
        if start == 0 or norms[start - 1] != "," or norms[start] != "not" or _DENIALS.intersection(norms[s0:start]):
            return hi  # (only a 'not' aside: 'without endplate erosion, fluid signal or abscess' goes on as a list; and
            # not one inside a denial: 'No focal lesion, not even on the post-contrast images, to suggest metastasis')
        close = next((j for j in range(end, min(hi, end + 12)) if norms[j] in (",", ";")), None)
        if close is None or norms[close] != "," or any(t in self._target_starts for t in range(end, close)):
            return hi
        return close

    def _own_subject(self, norms: list[str], lo: int, start: int, tail: int) -> int:
        """A backward cue whose clause after a comma, dash or bracket opens on a subject of its own ('Right paracentral
        protrusion, the exiting L4 root is not compressed', 'left recess stenosis (left L4 root not compressed)'): that
        subject's clause only, so the protrusion before the comma is stated.
        Not the end of a list ('X, the Y and the Z are not seen' keeps its reach)."""
        j = next((j for j in range(start - 1, lo - 1, -1) if norms[j] in (",", "-", "\u2013", "(")), None)
        if j is None or j + 1 >= start:
            return lo
        first = _subject_head(norms, j + 1, start)  # ('the right L5 nerve root is not seen to be compressed')
        if norms[first] in _STRUCTURE_SUBJECTS and _STRUCTURE_DENIED.intersection(norms[start:tail]):
            return j + 1  # 'L1 fracture, the cord and cauda equina are not compressed', 'Acute L1 fracture, cord not
            # compressed': the structures a finding might compress, as its own clause's subject, what is denied of them
            # a verb of theirs (not a list of findings: 'Fracture, cord compression or listhesis is not seen')
        if norms[j + 1] not in _SUBJECT_OPENERS or not any(t in self._target_starts for t in range(j + 1, start)) \
                or _LINKS.intersection(norms[j + 1:start]):
            return lo
        return j + 1

    def _answered_list(self, norms: list[str], start: int, s0: int, skip: frozenset[str] = frozenset(),
                       field: bool = False) -> int | None:
        """Where the list that an answer or denial written after it (at token start) covers begins: the target right
        before it, past padding and the words of skip ('are' in '... are absent'), and the list that target ends
        (_list_start); None when no target stands there."""
        t = start
        while t > s0 and (not norms[t - 1].strip() or norms[t - 1] in skip):
            t -= 1
        return self._list_start(norms, self._target_ends[t], s0, field) if t in self._target_ends else None

    def _list_start(self, norms: list[str], first: int, s0: int, field: bool = False) -> int:
        """Where the list ending in the item at token first starts, when the list is its whole clause (from the
        statement's start, a colon or a semicolon) and its last link is 'and' / 'or' ('Fever, chills and weight loss
        denied': all three; items of a few words), or it is three symptoms or more joined by commas alone ('Fever,
        numbness, weight loss denied'; never over a red-flag symptom); else that item ('fever (-), urinary retention
        (+)', 'leg pain, weight loss denied', 'Presents with urinary retention, saddle anaesthesia, fever denied',
        'Worsening leg weakness, urinary retention, fever and weight loss denied': the denial is the last item's)."""
        k = first - 1
        while k >= s0 and not norms[k].strip():
            k -= 1
        words = 0  # the last item's own words before its target ('epidural abscess', 'pathological fracture')
        while k >= s0 and norms[k] not in _ITEM_ENDS and not _slash(norms, k) and first in self._finding_starts \
                and words < _ITEM_WORDS - 2:
            k, words = k - 1, words + 1
        if k < s0 or norms[k] not in _LINKS and norms[k] != "," and not _slash(norms, k):
            return first
        conj = norms[k] in _LINKS
        in_group = norms[k] == "/"  # a run of items joined by slashes ends at first: one field's name, denied whole
        group = first  # ('Urinary retention, fever / rigors: no': fever and rigors, not the retention)
        start, j, items, symptoms, red_before, red_finding_before = first, k - 1, 1, True, False, False
        if conj and j > s0 and norms[j] == "," and norms[j - 1] not in _ITEM_ENDS:
            j -= 1  # a serial comma before the last link ('Metastasis, cord compression, and fracture have been excluded')
        findings = first in self._finding_starts  # a report's list of findings
        while True:
            n, top = 0, j
            while j >= s0 and norms[j] not in _ITEM_ENDS and not _slash(norms, j) and n < _ITEM_WORDS:
                if norms[j] in _AFFIRMING or any(c.isdigit() for c in norms[j]) or findings and norms[j] in _GRADED:
                    return group  # an item the note affirms, or a finding it describes: the list is not one denial
                j, n = j - 1, n + _word_cost(norms, j)
            if n == 0 or n >= _ITEM_WORDS:
                return group
            start, items = j + 1, items + 1
            if in_group:
                group = start
            # each item a symptom's own words, and none a red flag's: 'Bilateral leg weakness, urinary retention, fever
            # denied' may list two complaints and one denial; or, after a finding, bare findings ('Subluxation,
            # listhesis, cord compression not seen'; a graded one, 'Small disc bulge, ...', is affirmed). By commas
            # alone, never over a red-flag finding or complaint, as with symptoms: 'Metastases, cord compression
            # absent' may state the metastases and deny one thing; with 'and' / 'or' it is one denial
            red_finding = bool(self._red_flag_findings.intersection(range(start, top + 1)))
            red_before = red_before or (start in self._red_flag_starts or red_finding) and not in_group
            red_finding_before = red_finding_before or red_finding and not in_group
            symptoms = symptoms and start in self._symptom_starts and start not in self._red_flag_starts
            findings = findings and not (start in self._red_flag_starts and start not in self._finding_starts) \
                and (conj or in_group or not self._red_flag_findings.intersection(range(start, top + 1)))
            if j < s0 or norms[j] in (":", ";", ".") or j == s0 and norms[j] in _ITEM_BULLETS:
                break  # the clause's start (or a list item's bullet: '- Fever / rigors / IVDU: none')
            if norms[j] != "," and not (norms[j] == "/" and _slash(norms, j) and in_group):
                return group  # ('Presents with urinary retention, ...': a clause of its own before the list)
            in_group = in_group and norms[j] == "/"
            j -= 1
        if in_group or conj:
            return start
        if field:
            # a field's name that lists things by commas is one question ('Fever, weight loss: no', 'Urinary
            # retention, saddle anaesthesia: none'), unless a red-flag complaint stands before an answered item that is
            # none ('Left foot drop, urinary retention, fever: no' may list two complaints), or a red-flag finding
            # before any ('Diffuse metastases, cord compression: none' states the metastases)
            last_red = first in self._red_flag_starts
            return start if not red_finding_before and (not red_before or last_red) else group
        return start if items >= 3 and symptoms or findings else group

    def _one_target_to_end(self, norms: list[str], i: int, end: int) -> bool:
        """From token i to the statement's end stands one target's own words and nothing else (a closing
        full stop aside): 'and saddle anesthesia.', not 'and saddle anaesthesia on examination'."""
        while i < end and not norms[i].strip():
            i += 1
        if i not in self._target_starts:
            return False
        k = self._target_span_end.get(i, i)
        return all(not w.strip() or w in (".", ";", "!") for w in norms[k:end])

    def _answered_at_end(self, doc: Doc) -> list[tuple[Any, int, int]]:
        """'Recent trauma: no', 'Saddle anaesthesia - denies' as the text's last words: the field's answer, with
        nothing after it for the ': no' or '- denies .' cue to end on (each ends on a full stop, a comma or a line
        break; their words are the rules' own, lexicons/context.json)."""
        norms = toks(doc).norms
        k = len(norms) - 1
        while k >= 0 and not norms[k].strip():
            k -= 1
        if k >= 2 and norms[k] in _DASH_DENIES_VERBS and self._dash_denies_rule is not None:
            j = k - 2 if norms[k - 1] in _DASH_DENIES_PERSONS else k - 1
            if j >= 1 and norms[j] in _DASH_DENIES_DASHES:
                return [(self._dash_denies_rule, j, k + 1)]
        if k < 1 or norms[k] not in _FIELD_NO_WORDS or norms[k - 1] not in _FIELD_SEPS or self._field_end_rule is None:
            return []
        return [(self._field_end_rule, k - 1, k + 1)]

    def _answered_at_line_end(self, doc: Doc) -> list[tuple[Any, int, int]]:
        """A form's bare answer to the symptom right before it, read as ': no' is: with no separator at the end
        of a line the symptom opens ('- fever no', 'Weight loss nil'), or padded out to a column ('Saddle numbness:
        No', 'Urinary retention:  No - PVR 60 mL', 'Saddle anaesthesia .... no'; the ': no' rule's words must
        touch). Only right after a symptom or finding, and the answer ends its line, its clause or its column, so
        a line broken inside a sentence ('Started with urinary retention no\nrelief') or 'no change' is not one."""
        if self._field_end_rule is None:
            return []
        norms = toks(doc).norms
        n = len(norms)

        def skip(k: int) -> int:
            return _past_padding(norms, k)

        def leader(k: int) -> bool:
            return k < n and len(norms[k]) > 1 and not norms[k].strip(".")

        out = []
        for e in self._target_ends:
            joined_name = False
            k = skip(e)
            # a separator, or a dot leader to the answer's column ('Saddle anaesthesia .... no')
            sep = k < n and (norms[k] in _FIELD_SEPS or leader(k))
            if not sep and self._opens_line(norms, self._target_ends[e]):
                # ... after the rest of a field's name that opens its line ('Fever / unwell ...... N', 'Bladder /
                # bowel change .... N'): a dot leader ends the name, however many words it has
                j = k
                while j < min(n, k + 5) and (norms[j].isalpha() or norms[j] in ("/", "&")) and j not in self._target_starts \
                        and norms[j] not in _NOT_FIELD_WORDS:
                    j = skip(j + 1)
                joined = "/" in norms[k:j] or "&" in norms[k:j]
                short = len([w for w in norms[k:j] if w.strip()]) <= 2
                if j > k and leader(j) and (joined or short):
                    k, sep = j, True
                elif j > k and short and j < n and norms[j] in _FIELD_SEPS and not _CHANGE_WORDS.intersection(
                        norms[k:j]) and (joined or "/" in norms[self._target_ends[e]:e] or "&" in norms[self._target_ends[e]:e]):
                    k, sep, joined_name = j, True, True  # ... or a separator after a name of joined words ('Bladder/bowel change: N',
                    # 'Fever/unwell: N'); not 'Urinary retention improving - no', whose 'no' is of the change
            a = skip(k + 1) if sep else k
            if a >= n or norms[a] not in _NO_ANSWERS:
                continue
            # a wide gap after the answer, then another field: the form's next column ('Fever: no          Chills:
            # no'); not prose with a double space ('Sciatica:  no  improvement with physio')
            column = a + 1 < n and not norms[a + 1].strip() and "\n" not in norms[a + 1] and (
                len(norms[a + 1]) >= 2 or "\t" in norms[a + 1]) and (":" in norms[a + 2:a + 7] or not sep
                                                                     and self._answered_field(norms, skip(a + 1)))
            # (with no colons, the next column is a symptom with its own answer: 'Urinary retention   no
            # improvement', 'Saddle anaesthesia   no   sensation around the anus' are prose)
            if sep and a == k + 1 and k == e and norms[k] in _FIELD_SEPS and not column and norms[a] in _NO_ANSWERS and (
                    a + 1 >= n or norms[a + 1] in _FIELD_END_TOKENS):
                continue  # the ': no' rule's own words (not before a bracket: 'Hx cancer: no (mother had breast ca)')
            t0 = self._target_ends[e]
            in_column = self._opens_line(norms, t0) or t0 > 0 and not norms[t0 - 1].strip() and len(norms[t0 - 1]) >= 2
            line_end = skip(a + 1) >= n or "\n" in norms[skip(a + 1)]
            if not sep and not (a == e and self._opens_field(norms, t0) or a > e and len(norms[e]) >= 2 and in_column
                                and (column or line_end)):
                continue  # 'Started with urinary retention no\nrelief': too loose to read; a form in columns with no
                # colons is read by its gaps ('Fever   no     Urinary retention   yes')
            f = skip(a + 1)
            if f < n and norms[f] == "(" and _bracket_says_otherwise(norms, f):
                continue  # 'Incontinence: no (retention with overflow, 1L residual)': the bracket says otherwise
            if joined_name and f < n and norms[f] in ("-", "–", ",") and _dash_says_otherwise(norms, f):
                continue  # 'Bladder/bowel change: N - but new urinary hesitancy today', 'Weight loss/anorexia: no - lost
                # 7 kg' (a joined name read with its colon here only; a field's plain answer is the ': no' rule's)
            if column or f == n or "\n" in norms[f] or norms[f] in (".", ",", ";", "-", "–", "(", "/", "|"):
                out.append((self._field_end_rule, k if sep else a, a + 1))
        return out

    def _not_after_item(self, norms: list[str], rule: Any, start: int, end: int) -> bool:
        """A yes/no form's answer ('after_item': '[ ] Y  [x] N') with no item before it on its line: '[x] No
        urinary retention' is a ticked statement, whose 'No' denies what follows. Nor a tick and a 'No' with a box
        after it: in 'Urinary retention  Y [x]  N [ ]' the tick is the Y's."""
        if not (rule.metadata or {}).get("after_item"):
            return False
        k = _past_padding(norms, end)
        if k < len(norms) and norms[k] in ("[", "\u2610", "\u2612", "\u2611") and norms[end - 1] in ("n", "no"):
            return True
        j = start - 1
        while j >= 0 and "\n" not in norms[j]:
            if j + 1 in self._target_ends:
                return False
            j -= 1
        return True

    def _answered_field(self, norms: list[str], i: int) -> bool:
        """A symptom starts at token i and its own answer follows it ('Urinary retention   yes')."""
        end = self._target_span_end.get(i)
        if end is None:
            return False
        while end < len(norms) and (not norms[end].strip() and "\n" not in norms[end] or not norms[end].strip(".")):
            end += 1
        return end < len(norms) and norms[end] in _ANSWERS

    def _opens_field(self, norms: list[str], i: int) -> bool:
        """Token i opens its line, or the next field of a screen written in a row after one that does and its
        bare answer no ('Saddle anaesthesia nil, retention nil.', 'Fever no; weight loss no')."""
        if self._opens_line(norms, i):
            return True
        j = i - 1
        while j >= 0 and not norms[j].strip() and "\n" not in norms[j]:
            j -= 1
        if j < 2 or norms[j] not in (",", ";") or norms[j - 1] not in _NO_ANSWERS:
            return False  # (after a field answered yes the denial would reach back over it: 'Saddle numbness ✓, retention ✘')
        start = self._target_ends.get(j - 1)  # the answer right after the field before (its end is the answer's index)
        return start is not None and start < i and self._opens_field(norms, start)

    @staticmethod
    def _opens_line(norms: list[str], i: int) -> bool:
        """Token i is the first word of its line, after a bullet at most ('- fever no', 'Weight loss nil')."""
        j = i - 1
        while j >= 0 and "\n" not in norms[j]:
            if norms[j].strip() and norms[j] not in _ITEM_BULLETS:
                return False
            j -= 1
        return True

    def _listed_items(self, doc: Doc, groups: dict[int, tuple[list[Span], list[ConTextModifier]]],
                      quiet: dict[int, tuple[Any, int, int]]) -> list[tuple[Span, ConTextModifier]]:
        """'ROS negative for the following:\n- fever\n- weight loss': a line ending on an open denial opens a
        list; each bulleted or numbered line below it, up to a blank line or a line that is not an item, is
        denied up to its first terminator, unless the item carries a cue of its own ('- fever: yes')."""
        norms = toks(doc).norms
        bounds = all_sent_bounds(doc)
        out = []
        for key, (found, mods) in groups.items():
            item = _item_start(norms, bounds, key)
            if item is None or any(m.category != "TERMINATE" for m in mods) or any(
                    n in _ITEM_AFFIRMS for n in norms[item[1]:bounds[key].end]):
                continue  # the item answers for itself ('- weight loss: yes', '- night sweats (+)')
            first = item[1]
            opener = self._list_opener(doc, item[0], quiet)
            if opener is None:
                continue
            rule, c0, c1 = opener
            stop = min((m.modifier_span[0] for m in mods if m.category == "TERMINATE" and m.modifier_span[0] >= first),
                       default=bounds[key].end)
            cue = ConTextModifier(rule, c0, c1, doc, scope_start=first, scope_end=stop)
            out.extend((t, cue) for t in found if cue.modifies(t))
        return out

    def _list_opener(self, doc: Doc, key: int, quiet: dict[int, tuple[Any, int, int]]) -> tuple[Any, int, int] | None:
        """The open denial that heads the list item starting at token key: back over the items above it (no
        blank line between) to the first line that is not an item; its denial must end the line."""
        tk = toks(doc)
        norms, bounds = tk.norms, all_sent_bounds(doc)
        for _ in range(_MAX_ITEMS):
            if key == 0 or norms[key - 1].count("\n") > 1:
                return None  # a blank line ends the list
            if "\n" not in norms[key - 1]:
                return None  # an item begins its own line
            prev = bounds[key - 1].start
            item = _item_start(norms, bounds, prev)
            if item is not None:
                key = item[0]
                continue
            found = quiet.get(prev)
            if found is None or any(n.strip() and n not in _OPEN_LIST_TAILS for n in norms[found[2]:key]):
                return None
            return found
        return None

    def _before_target(self, start: int, end: int, sent_end: int, norms: list[str]) -> bool:
        """A cue that a target overlaps or follows at once pre-modifies that target, so it does
        not also look back ('absent ankle jerk', 'normal bowel function'): a target starts at one of
        its tokens or the next, or the cue starts inside a target (set look-ups, not a pass over
        every target of the text per cue)."""
        starts = self._target_starts
        k = end
        while k < sent_end and norms[k] in _SIDE_BEFORE_TARGET:
            k += 1  # ('absent L ankle jerk', 'reduced right knee jerk': a side between the cue and its noun)
        return any(t in starts for t in range(start, min(max(end, k) + 1, sent_end))) or start in self._target_inside

    def __call__(self, doc: Doc) -> Doc:
        targets = finding_spans(doc)
        if not targets:
            return doc
        self._target_starts = {t.start for t in targets}
        self._target_ends: dict[int, int] = {}  # where a target (with its relation word after it) ends -> its start
        self._reflex_ends: set[int] = set()  # where a tendon reflex's words end
        self._symptom_starts: set[int] = set()  # where a symptom's words start
        self._finding_starts: set[int] = set()  # where a finding's words start
        self._red_flag_findings: set[int] = set()  # where a red-flag finding's words start
        self._red_flag_starts: set[int] = set()  # where a red-flag symptom's words start
        self._target_span_end: dict[int, int] = {}  # a target's start -> its end (as in _target_ends)
        norms = toks(doc).norms
        for t in targets:
            rel = info(t).relation  # 'cord compression excluded': the finding is 'cord' + 'compression'
            e = rel.end if rel is not None and t.end <= rel.start and rel.end - t.end <= 3 else t.end
            if e < len(norms) and (norms[e] in _FIELD_NOUNS or norms[e] in _HEAD_NOUNS and norms[e - 1] in _ADJECTIVAL):
                e += 1  # 'CES symptoms: denies': the field's answer is the symptom's; 'a neoplastic lesion is excluded':
                # the adjective's noun is the finding's
            self._target_ends[e] = max(self._target_ends.get(e, t.start), t.start)
            if t.label_ == "SYM_reflex_change":
                self._reflex_ends.add(e)
            if t.label_.startswith("SYM_"):
                self._symptom_starts.add(t.start)
            else:
                self._finding_starts.add(t.start)
                if t.label_ in _RED_FLAG_FINDINGS:
                    self._red_flag_findings.add(t.start)
            if t.label_ in _RED_FLAG_SYMPTOMS:
                self._red_flag_starts.add(t.start)
            self._target_span_end[t.start] = max(self._target_span_end.get(t.start, e), e)
        self._target_inside = {i for t in targets for i in range(t.start + 1, t.end)}  # tokens inside a target, not its first
        self._lists: list[tuple[int, int]] = []  # (first item, answer) of each list an answer after it covers
        groups: dict[int, tuple[list[Span], list[ConTextModifier]]] = defaultdict(lambda: ([], []))
        bounds = all_sent_bounds(doc)
        for target in targets:
            groups[bounds[target.start][0]][0].append(target)
        listed = set()  # statements whose separators are items of a list a cue opened ('no evidence of: • ...')
        last_cue: dict[int, tuple[Any, int]] = {}  # per statement, the last cue that is not a terminator, and its end
        quiet: dict[int, tuple[Any, int, int]] = {}  # per statement with no target, its last denial (a list's opener?)
        asides: dict[int, list[int]] = defaultdict(list)  # per statement, terminators set off by commas (', however,')
        answers = self._answered_at_line_end(doc)
        answered = {e - 1 for _, _, e in answers}  # a form's 'no' that answers the field before it ...

        def refused(rule: Any, s: int, e: int) -> bool:
            direction = rule.direction.upper()
            if s in answered and direction == "FORWARD":
                return True  # ... denies nothing after it ('Fever: no   Urinary retention: yes')
            if self._not_after_item(norms, rule, s, e) or _needs_after(rule, doc, s, e, bounds[s]):
                return True
            if (rule.metadata or {}).get("in_bracket_only") and not (
                    0 < s and e < len(norms) and norms[s - 1] in _OPENING and norms[e] in _CLOSING):
                return True  # 'fever (N)': a letter answers only in its own bracket
            if direction == "BACKWARD" and norms[s] in _ITEM_BULLETS and self._opens_line(norms, s):
                return True  # a bullet is no field's separator: '- No\nacute fracture.' is a list item wrapped after its 'No'
            if rule.category == "TERMINATE" and norms[s] == "/" and _in_abbreviation(norms, s):
                return True  # the slash of 'b/l' joins no list: 'no b/l leg weakness' is one denial
            # '... were denied at triage but now present': the statement takes back a denial written after its items,
            # or after the item a denial before it names ('Denied saddle numbness last week, now reports it')
            if rule.category != "NEGATED_EXISTENCE":
                return False
            stop = bounds[s].end
            if direction in ("BACKWARD", "BIDIRECTIONAL") and not self._before_target(s, e, stop, norms):
                after = e
            elif direction in ("FORWARD", "BIDIRECTIONAL") and e in self._target_starts:
                after = self._target_span_end[e]
            else:
                return False
            return after < stop and _TAKEN_BACK.match(
                doc_text(doc), doc[after - 1].idx + len(doc[after - 1].text), doc[stop - 1].idx + 1) is not None

        for rule, start, end in self.matcher(doc, refused) + self._answered_at_end(doc) + answers:
            key = bounds[start][0]
            if key not in groups:
                # a cue with no target in its sentence changes nothing there; a denial may open the list below it
                if rule.category == "NEGATED_EXISTENCE" and rule.direction.upper() in ("FORWARD", "BIDIRECTIONAL") \
                        and (key not in quiet or end > quiet[key][2]):
                    quiet[key] = (rule, start, end)
                continue
            meta = rule.metadata or {}
            if rule.category == "TERMINATE" and meta.get("forward_only"):
                asides[key].append(start)  # ('... to account for the symptoms is not seen': the backward denial reaches)
                continue
            if rule.category == "TERMINATE" and 0 < start and end < len(norms) and norms[start - 1] == "," \
                    and norms[end] == "," and norms[start] != ",":
                asides[key].append(start)  # set off by commas it ends a forward cue only: 'Cord compression, however,
                continue  # is not seen' (the backward denial reaches); 'No acute fracture, however, a lytic lesion at L2'
            if rule.category == "TERMINATE":
                if norms[start] in LIST_SEPARATORS and (key in listed or _opens_list(norms, key, start)):
                    listed.add(key)
                    continue
                before, before_end = last_cue.get(key, (None, 0))
                if norms[start] == "with" and before is not None and (before.metadata or {}).get("opens_list") \
                        and end < len(norms) and len(norms[end]) > 4 and norms[end].endswith("ing"):
                    # a safety net's item goes on with what brings it on ('report any new leg pain with walking or
                    # sphincter problems'); not into what the patient has ('... with any new symptoms, currently with
                    # urinary retention')
                    continue
                if meta.get("not_in_lists") and before is not None and (
                        (before.metadata or {}).get("opens_list") or "," in norms[before_end:start]
                        or before.category == "HYPOTHETICAL" and start in self._target_ends
                        and _or_follows(norms, end, bounds[start].end)
                        or before.category == "NEGATED_EXISTENCE" and not _DENY_VERBS.isdisjoint(before.literal.lower().split())
                        and ("or" in norms[before_end:start] or "nor" in norms[before_end:start])
                        and self._one_target_to_end(norms, end, bounds[start].end)):
                    # the next item of a safety net's list ('return for fever, new weakness or loss of bladder
                    # control'), of a list of three or more ('denies fever, chills, new numbness or weakness') or of
                    # a condition's list of symptoms ('if saddle numbness, new bladder problems or weakness develops';
                    # not 'pain worse if sitting, new urinary retention or incontinence since this morning'). Not
                    # after a denial: 'No fever, new urinary retention or incontinence since this morning' affirms;
                    # but a denying verb's list joined by 'or' ends on ', and' with one more item, its own words alone
                    # ('Denies bowel or bladder incontinence or retention, and saddle anesthesia'; not 'No fever or weight
                    # loss, and known prostate cancer', '..., and painless urinary retention', 'No fracture or
                    # listhesis, and epidural abscess': a determiner's list, or a described item, ends there)
                    continue
                if "only_after" in meta and (before is None or before.literal.lower().split()[0] not in meta["only_after"]):
                    continue  # 'suspicious for discitis and an associated abscess': not a determiner's denial
            else:
                last_cue[key] = (rule, end)
            groups[key][1].append(self._modifier(doc, rule, start, end))
        edges = []
        for key, (found, modifiers) in groups.items():
            if not modifiers:
                continue
            if self._lists:
                # a serial comma inside a list that a denial after it covers is no clause's end ('Metastasis, cord
                # compression, and fracture have been excluded')
                modifiers = [m for m in modifiers if not (
                    m.category == "TERMINATE" and (m.rule.metadata or {}).get("not_in_lists")
                    and any(lo < m.modifier_span[0] < at for lo, at in self._lists))]
            graph = ConTextGraph(prune_on_modifier_overlap=self.context.prune_on_target_overlap)
            graph.targets, graph.modifiers = found, modifiers
            graph.update_scopes()
            _terminators_end_forward_cues(modifiers, toks(doc).norms, found, asides.get(key, []))
            _hedge_opens_clause(doc, toks(doc).norms, modifiers)
            graph.apply_modifiers()
            # a cue inside a symptom's own words is part of it ('could not fully empty his bladder'): medspaCy's
            # overlap test misses a cue that the target holds whole, so its self-modifying guard did not hold
            # (nor any other target: 'She cannot feel her saddle area and cannot pass urine': the first 'not' is the
            # first symptom's own word, no denial of the second)
            own = {id(m) for m in modifiers if any(t.label_.startswith("SYM_") and t.start <= m.modifier_span[0]
                                                   and m.modifier_span[1] <= t.end for t in found)}
            edges.extend((t, m) for t, m in graph.edges if id(m) not in own)
            edges.extend(_cue_before_relation(found, modifiers, graph.edges))
        if quiet:
            edges.extend(self._listed_items(doc, groups, quiet))
        for target, modifier in edges:
            target._.modifiers += (modifier,)
        if self.context.context_attributes_mapping:
            self.context.set_context_attributes(edges)
        return doc


# words of a list's item that affirm it, past the mark's first item (lexicons/context.json affirmed_after_mark)
_ITEM_AFFIRMED = load_context()["affirmed_after_mark"]


_NEEDS_AFTER: dict[tuple[str, ...], re.Pattern[str]] = {}  # per rule's words, compiled once


def _needs_after(rule: Any, doc: Doc, start: int, end: int, sent: Bounds) -> bool:
    """A cue whose statement must go on, after it, to one of its rule's needs_after words ('any ... -> urgent
    re-imaging', 'any ... should prompt'), and does not; or must open its clause (at the statement's start or after
    one of opens_clause_after) and does not."""
    meta = rule.metadata or {}
    words = meta.get("needs_after")
    stop = sent.end
    if not words:
        return False
    openers = meta.get("opens_clause_after")
    if end >= stop or openers and start > sent.start and toks(doc).norms[start - 1] not in openers:
        return True
    found = _NEEDS_AFTER.get(tuple(words))
    if found is None:
        found = _NEEDS_AFTER[tuple(words)] = re.compile("|".join(
            rf"\b{re.escape(w)}\b" if w.isalnum() else re.escape(w) for w in words), re.I)
    m = found.search(doc_text(doc), doc[end].idx, doc[stop - 1].idx + len(doc[stop - 1].text))
    if m is None:
        return True
    unless = meta.get("unless_before")  # an answer or a cause before what is to be done: the patient's
    norms = toks(doc).norms
    return bool(unless) and any(norms[k] in unless for k in range(end, stop) if doc[k].idx < m.start())


def _plus_marked(norms: list[str], end: int, hi: int) -> int:
    """A forward denial's list stops before a later item marked present after its words ('LBA, no b/l lower limb
    radiation / b/l LL weakness +', 'No leg pain, b/l leg weakness positive'): that item is stated; else hi. A word
    mark only after a comma, slash or semicolon and not before a link: 'No stenosis, disc herniation, or nerve root
    compression present' denies its last item ('or' goes on with the list)."""
    item, sep, items = end, None, 0
    for k in range(end, hi):
        w = norms[k]
        if w in (",", ";", "/", "and", "or") and not (w == "/" and _in_abbreviation(norms, k)):
            item, sep, items = k + 1, w, items + (w in (",", ";", "/"))
        elif item > end and k > item and (w in ("+", "++", "+++") or w in _MARKED_PRESENT and sep in (",", ";", "/")
                                          and (items == 1 or w not in _LIST_PREDICATES)
                                          and (k + 1 >= hi or norms[k + 1] not in ("or", "and", "nor", "/", "&"))):
            return item
    return hi


def _until_affirmed(norms: list[str], end: int, hi: int) -> int:
    """A list denied by a mark before it ('(-) fever, chills, wt loss') reaches its items up to the first that affirms
    itself (a yes, a verb, a count, 'known', 'recent'): that item and those after it are stated."""
    item = end
    for k in range(end, hi):
        w = norms[k]
        if w == "/" and 0 < k < len(norms) - 1 and len(norms[k - 1]) == 1 and len(norms[k + 1]) == 1:
            if item > end and (norms[k + 1] == "o" or norms[k - 1] == "s"):
                return item  # 'c/o', 'h/o', 'k/c/o' (complains of, history of, known case of), 's/p': affirmed
            continue
        if w in (",", "and", "or", "/", "&"):
            item = k + 1
            continue
        if w == "(":
            if item > end and k + 1 < hi and norms[k + 1] in ("+", "pos", "positive"):
                return item  # an item marked after its words ('(-) fever, urinary retention (+)')
            return k  # the next mark starts its own item ('(-) fever (-) weight loss', '(-) fever (+) urinary retention')
        if item > end and (w in _AFFIRMING or w in _ITEM_AFFIRMED or any(c.isdigit() for c in w)):
            return item  # (not in the first item, which the mark itself denies: '(-) hx of cancer', '(-) fever >38.5')
    return hi


def _list_goes_on(norms: list[str], j: int, end: int, comma: bool) -> bool:
    """The words after a comma or 'and' go on the denied list ('fracture, infection or tumour', 'discitis and epidural
    abscess'): after a comma an 'or', 'and' or 'nor' follows, and no verb or hedge makes the rest a clause of its own
    ('..., highly suspicious for discitis', '... and cord compression at C5-6 is noted', '..., myeloma and metastasis are
    the main differentials')."""
    linked = not comma
    for k in range(j, end):  # (the next item only: to its comma or a word that opens a clause of its own)
        w = norms[k]
        if w in _CLAUSE_WORDS:
            return False
        if w == "," and k + 1 < end and norms[k + 1] in ("or", "and", "nor"):
            return True  # 'infection, neoplasm, or fracture'
        if w in (",", ";", ".", "which", "as", "that", "because", "since", "where", "while", "although"):
            break
        if w in ("or", "and", "nor"):
            linked = True
    return linked


# words that make what follows a denied item a clause of its own (lexicons/context.json clause_words)
_CLAUSE_WORDS = frozenset(load_context()["clause_words"])
# ... but not for a prepositional denial, whose object may take them ('without any suspicious lesion seen')
_PARTICIPLES = {"seen", "noted", "identified", "present", "be", "been", "being"}


def _terminators_end_forward_cues(modifiers: list[ConTextModifier], norms: list[str], targets: list[Span],
                                  asides: list[int]) -> None:
    """A terminator inside a forward cue's reach ends it there ('... without canal stenosis, with a small annular
    fissure at L4-5'). medspaCy's overlap test (tuple_overlaps) sees a sentence-wide terminator only when the cue's
    reach also runs to the sentence's end, so a cue cut short by its max_scope had run past 'with' in a long sentence
    and not in a short one. Backward cues keep their reach past the terminators that allow it ('X, which was
    suspected, is not seen'). A cue inside brackets that holds a finding of its own ends at the closing one ('(lumbar
    spondylosis without myelopathy or radiculopathy), L4-5 and L5-S1 - ... consistent with the facet arthropathy');
    not one that holds only a verb for what follows ('contacting (not compressing) the traversing S1 root')."""
    stops = [m.modifier_span[0] for m in modifiers if m.category == "TERMINATE"]
    for m in modifiers:
        if m.category == "TERMINATE" or m.direction.lower() not in ("forward", "bidirectional"):
            continue
        start, end = m.modifier_span
        # (an aside right after the cue is the cue's own pause: 'There is no, however, cauda equina compression')
        cut = min((t for t in stops + [a for a in asides if not (a == end or a == end + 1 and norms[a - 1] == ",")]
                   if end <= t < m._scope_end), default=None)
        if cut is not None:
            m._scope_end = cut
        if (m.rule.metadata or {}).get("predicate_ends") or m.rule.literal == "no" and start > 0 and norms[start - 1] == "with":
            # a prepositional denial is its noun's: the clause's verb or hedge after its object ends it ('T12 lesion
            # without enhancement is suspicious for metastasis'; lexicons/context.json clause_words)
            inside = {i for t in targets for i in range(t.start, t.end)}  # (a word of a finding is no verb of the
            # clause: 'without any suspicious lesion seen')
            verb = next((k for k in range(end + 1, m._scope_end) if norms[k] in _CLAUSE_WORDS
                         and norms[k] not in _PARTICIPLES and k not in inside), None)
            if verb is not None and not any(w in ("that", "which", "to") for w in norms[end:verb]):
                m._scope_end = verb  # (not a relative clause of the denied noun: 'without features that could represent
                # metastasis', 'with no features to suggest infection' deny it whole)
        if ")" in norms[end:m._scope_end]:
            close = norms.index(")", end, m._scope_end)
            lo = max(0, start - 12)
            j = start - 1
            while j >= lo and norms[j] not in ("(", ")"):
                j -= 1
            if j >= lo and norms[j] == "(" and any(end <= t.start < close for t in targets):
                m._scope_end = close  # the cue opened inside a bracket that closes before the end of its reach


def _cue_before_relation(targets: list[Span], modifiers: list[ConTextModifier],
                         edges: list[tuple[Span, ConTextModifier]]) -> list[tuple[Span, ConTextModifier]]:
    """'Cord: no compression', 'Facet joints: no significant arthropathy': a finding made of a structure's label
    and the relation word after it is denied or hedged by a cue between the two whose scope holds the relation
    word (the cue looks forward, past the structure's own words). So too after a verb that shows the structure
    ('The cord shows no abnormal signal', 'The conus demonstrates no abnormality' had read as a cord abnormality)."""
    has = {(id(t), id(m)) for t, m in edges}
    out = []
    for t in targets:
        rel = info(t).relation
        if rel is None or rel.start < t.end:
            continue
        norms = toks(t.doc).norms
        label = ":" in norms[t.end:rel.start]
        for m in modifiers:
            c0, c1 = m.modifier_span
            if m.category in ("TERMINATE", "PSEUDO") or (id(t), id(m)) in has or not (t.end <= c0 and c1 <= rel.start):
                continue
            rest = norms[rel.end:sent_bounds(t.doc, rel.start)[1]]
            if not label and (c0 == t.end or any(w not in _SHOWING for w in norms[t.end:c0])
                              or not _EXCEPTED.isdisjoint(rest)
                              or not _CONTRAST_WORDS.isdisjoint(rest) and not _SIGNAL_CHANGE.isdisjoint(rest)):
                continue  # (a structure with another verb, 'the nerve roots are not tight', is read by relations.py;
                # nor a denial the statement goes on to except: 'The cord shows no abnormal signal apart from focal
                # oedema at T9', '... despite compression at T10', '..., although there is high T2 signal at T10')
            if any(w not in _CUE_TO_RELATION for w in toks(t.doc).norms[c1:rel.start]):
                continue  # the cue is another word's: 'Cauda equina: no clumping, compressed at L3-4
            if m.scope_span[0] <= rel.start < m.scope_span[1]:
                out.append((t, m))
    return out


_BRACKET_OTHERWISE = tuple(load_context()["bracket_says_otherwise"])
_BRACKET_REASSURES = load_context()["bracket_reassures"]
_TAKEN_BACK = load_context()["denial_taken_back"]
_BRACKET_STILL_WRONG = load_context()["bracket_still_wrong"]
_VOLUME = load_context()["bladder_volume"]
_MARKED_PRESENT = load_context()["marked_present"]
_LIST_PREDICATES = load_context()["list_predicates"]  # (lexicons/context.json: a residual volume's words and its limits)
# the tokens the ': no' rule itself ends on (its last token in lexicons/context.json): after any other (a line break
# with the next line's indent, '\n - Urinary incontinence: no'), the answer is read here
_FIELD_NO_RULE = next(r for r in load_context()["rules"] if r["literal"] == ": no")
# the '- denies .' rule's dash, person and verb ('Saddle anaesthesia - pt denies'), read at the text's end too
_DASH_DENIES_DASHES, _DASH_DENIES_PERSONS, _DASH_DENIES_VERBS = (
    frozenset(next(iter(t.values()))["IN"]) for t in next(r for r in load_context()["rules"]
                                                          if r["literal"] == "- denies .")["pattern"][:3])
_FIELD_END_TOKENS = frozenset(_FIELD_NO_RULE["pattern"][-1]["TEXT"]["IN"])
# a field's name that asks of a change ('Urinary retention/incontinence improving: no'): the answer is the change's
_CHANGE_WORDS = load_context()["change_fields"]
_CSF_WORDS, _CSF_PLACES = load_context()["csf_words"], load_context()["csf_places"]
# words of prose, not of a field's name ('Saddle numbness since last night ... no' is a statement, then an answer)
_NOT_FIELD_WORDS = {"since", "for", "from", "at", "on", "in", "last", "this", "the", "a", "an", "was", "is", "has", "been",
                    "with", "of", "to", "when", "after", "before", "today", "yesterday", "night", "morning", "but"}


def _bracket_says_otherwise(norms: list[str], f: int) -> bool:
    """The bracket opening at token f goes on to a red-flag sign or a measured value (lexicons/context.json
    bracket_says_otherwise), so the answer before it denies nothing; unless it reassures and says nothing wrong
    ('no (passed urine normally in ED)', 'no (PVR 50 mL, normal)': bracket_reassures, bracket_still_wrong)."""
    words = []
    for w in norms[f + 1:f + 16]:
        if w == ")" or "\n" in w:
            break
        words.append(w)
    if not any(any(c.isdigit() for c in w) or w.startswith(_BRACKET_OTHERWISE) for w in words):
        return False
    volumes = [float(n) for w in words for n in re.findall(r"\d+(?:\.\d+)?", w)]
    if volumes and any(w.startswith(_VOLUME["words"]) for w in words):
        if max(volumes) >= _VOLUME["retention_ml"]:
            return True  # ('no (pt says fine, PVR 950)': a residual of retention)
        if max(volumes) < _VOLUME["normal_ml"] and _BRACKET_STILL_WRONG.isdisjoint(words):
            return False  # ('no (PVR 80 mL)', 'no (scan <100 mL)': a normal residual)
    return _BRACKET_REASSURES.isdisjoint(words) or not _BRACKET_STILL_WRONG.isdisjoint(words)


_CONTRARY = load_context()["dash_contrary"]  # (lexicons/context.json: what takes a form's answer back)


def _dash_says_otherwise(norms: list[str], f: int) -> bool:
    """The words after a form's answer and its dash, to the line's end, take the answer back ('N - but new urinary
    hesitancy today', 'no - lost 7 kg per daughter'); a measured value does not ('Urinary retention: No - PVR 60 mL')."""
    for w in norms[f + 1:f + 16]:
        if "\n" in w:
            return False
        if w in _CONTRARY:
            return True
    return False


def _past_padding(norms: list[str], k: int) -> int:
    """The first token from k that is not the padding of a line (spaces, tabs; not a line break)."""
    while k < len(norms) and not norms[k].strip() and "\n" not in norms[k]:
        k += 1
    return k


def _or_follows(norms: list[str], i: int, end: int) -> bool:
    """An 'or' ends the clause from token i: under a condition, the clause is the middle item of its list ('if
    saddle numbness, new bladder problems or weakness develops'), not a clause of its own."""
    for j in range(i, end):
        n = norms[j]
        if n in ("or", "nor"):
            return True
        if n in (",", ";", ".", ":"):
            return False
    return False


_DENY_VERBS = {"denies", "denied", "deny", "denying"}
_GRADED = load_context()["graded_findings"]  # a graded or kind-named finding is stated, not denied by a list


def _inside_bracket(norms: list[str], lo: int, start: int) -> int:
    """Where a backward cue's reach starts when the cue stands inside a bracket that has words of its own before it
    ('Urinary retention: no (pt says fine, PVR 950)': 'fine' is the patient's word in the bracket, not the field's
    answer); a cue that opens the bracket answers the item before it ('Cord compression (not seen)')."""
    k = start - 1
    while k >= lo and norms[k] not in ("(", ")"):
        k -= 1
    if k < lo or norms[k] == ")":
        return lo
    own = [w for w in norms[k + 1:start] if w.strip() and w not in _COPULAS]
    return k + 1 if own else lo


_SIDE_PAIRS = {("b", "l"), ("l", "r"), ("r", "l")}
_OWN_ITEM_DENIALS = load_context()["own_item_denials"]  # the denials a list item may open on ('no fever, no chills')
_OPENING, _CLOSING = ("(", "[", "{"), (")", "]", "}")


def _word_cost(norms: list[str], j: int) -> int:
    """How many words token j adds to a list item: none for the slash of a side written 'b/l' or 'L/R' and the
    letter before it (the side is one word; 'c/o' is a verb, and its words count)."""
    k = j if norms[j] == "/" else j + 1
    if 0 < k < len(norms) - 1 and norms[k] == "/" and (norms[k - 1], norms[k + 1]) in _SIDE_PAIRS and k - 1 <= j <= k:
        return 0
    return 1


def _in_abbreviation(norms: list[str], i: int) -> bool:
    """The '/' at token i is inside an abbreviation of single letters ('b/l', 'L/R'), not between items."""
    return 0 < i < len(norms) - 1 and len(norms[i - 1]) == 1 and norms[i - 1].isalpha() and len(norms[i + 1]) == 1 \
        and norms[i + 1].isalpha()


def _slash(norms: list[str], i: int) -> bool:
    """The '/' at token i joins two items of a list ('fever / rigors', 'retention/incontinence'): words of three letters
    or more on both sides; not an abbreviation's ('c/o', 'w/', 'h/o', 'L/R', 'on/off')."""
    if norms[i] != "/" or i == 0 or i + 1 >= len(norms):
        return False
    before, after = i - 1, i + 1
    while before > 0 and not norms[before].strip():
        before -= 1
    while after < len(norms) - 1 and not norms[after].strip():
        after += 1
    return len(norms[before]) >= 3 and len(norms[after]) >= 3 and norms[before].isalpha() and norms[after].isalpha()


def _opens_list(norms: list[str], sent_start: int, i: int) -> bool:
    """The separator at token i opens a list a cue names ('no evidence of: • fracture • abscess', 'Negative
    for | fracture | metastasis'): the words before it end as a denial or question does. Its items keep the
    cue; a separator after a finding ('No fracture | L4-5: extrusion') ends it."""
    j = i - 1
    while j >= sent_start and (not norms[j].strip() or norms[j] == ":"):
        j -= 1
    return j >= sent_start and norms[j] in _LIST_OPENERS


# lexicons/context.json: the words that open a cue's list, and the separators of its '|' rule
_LIST_OPENERS = load_context()["list_openers"]
_FIELD_NOUNS = load_context()["field_nouns"]
_SIDE_BEFORE_TARGET = load_context()["before_target_sides"]  # (a side or a reflex site: 'absent L ankle jerk')
_FIELD_ENDS = {".", ";", ",", "|", "n."}  # (and an answer with its own full stop: "Saddle anaesthesia: N. Urinary ...")
# a finding named by an adjective, and the generic noun after it ('neoplastic lesion', 'infective process')
_HEAD_NOUNS = load_context()["head_nouns"]
_ADJECTIVAL = load_context()["adjectival_findings"]
# what may stand between a label's cue and its relation word ('Facet joints: no significant arthropathy')
# the verb that shows a structure before a cue ('The cord shows no abnormal signal')
_SHOWING = {"shows", "show", "showed", "shown", "demonstrates", "demonstrate", "demonstrated", "reveals", "revealed",
            "has", "have", "had", "exhibits", "displays", "displayed", "also", "otherwise"}
_EXCEPTED = {"apart", "except", "other", "despite", "spite", "save", "besides"}
# ... or a contrast that goes on to a signal change ('The cord shows no expansion or compression, although there is high
# T2 signal at T10'; not 'The cauda equina shows no compression, but there is moderate left foraminal stenosis')
_CONTRAST_WORDS = {"but", "although", "though", "however", "whereas", "yet"}
_SIGNAL_CHANGE = {"signal", "oedema", "edema", "myelomalacia", "syrinx", "hyperintense", "hyperintensity", "expansion",
                  "expanded"}
_CUE_TO_RELATION = {"significant", "definite", "obvious", "evidence", "of", "any", "appreciable", "convincing", "gross",
                    "focal", "overt", "new", "further", "is", "are", "be", "been"}
LIST_SEPARATORS = load_context()["list_separators"]
# a form field's answers ('Urinary retention   present')
_ANSWERS = load_context()["form_answers"]
_ADVICE_WORDS = load_context()["advice_words"]
# a form's bare answer no: the ': no' rule's own answers ('no', 'n', the cross marks; not a bare 'X', which a form may use
# for yes: 'Red flag screen (mark X if present)'), and 'nil'
_FIELD_NO_WORDS = frozenset(_FIELD_NO_RULE["pattern"][1]["LOWER"]["IN"])  # 'no', 'n' and a cross mark ('Bowel: ✗')
_NO_ANSWERS = _FIELD_NO_WORDS | {"nil"}
_FIELD_SEPS = (":", "-", "–", "=")  # between a form's field and its answer (the ': no' rule's separators)
_LINKS = {"and", "or", "nor", "&"}
_COPULAS = frozenset({"is", "are", "was", "were"})
# the words of a clause of its own after a comma, its subject and its denial (lexicons/context.json, with their reasons)
_SUBJECT_OPENERS, _STRUCTURE_SUBJECTS, _STRUCTURE_DENIED, _SUBJECT_SIDES, _DENIALS = (load_context()[k] for k in (
    "subject_openers", "structure_subjects", "structure_denied", "subject_sides", "denials"))
_ROOT_NAME = re.compile(r"^[lst]\d{1,2}$")  # a root's name ('the right L5 nerve root')
# (and the words of a clause: 'Leg pain for weeks, fever and weight loss denied' lists two items, not three)
_ITEM_ENDS = {",", ";", ":", ".", "and", "or", "nor", "&", "(", ")", "for", "since", "x", "with", "is", "was", "are",
              "were", "has", "have", "had"}
_ITEM_WORDS = 5  # an item of a list is a few words; a longer run is a clause
# red-flag symptoms a comma list's last word never denies (lexicons/context.json: a missed flag costs more)
_RED_FLAG_SYMPTOMS = {"SYM_" + t for t in load_context()["not_denied_by_comma_lists"]}
_RED_FLAG_FINDINGS = types_where(red_flag=True)  # (tumour, infection, fracture, cord, cauda equina)
# words that affirm the item they stand in ('Urinary retention yes, fever and weight loss denied')
_AFFIRMING = load_context()["list_affirming"]
_OPEN_LIST_TAILS = load_context()["open_list_tails"]
_ITEM_AFFIRMS = load_context()["item_affirms"]
_ITEM_BULLETS = {"-", "*", "•", "·", "–", "—", ">"}  # (not '+': '+ urinary retention' is a positive answer)
_MAX_ITEMS = 40  # a review of systems lists a dozen or two


def _item_start(norms: list[str], bounds: list[Bounds], key: int) -> tuple[int, int] | None:
    """The statement at token key as an item of a bulleted or numbered list ('- fever', '* chills', '2) weight
    loss', '1. fracture'): where its line starts and where its words start; None if it is not one. ('1.' at a
    line's start is a statement of its own: the item's words are the next.)"""
    end = bounds[key].end
    j = key
    while j < end and not norms[j].strip():
        j += 1
    if j < end and norms[j] in _ITEM_BULLETS:
        return key, j + 1
    if j + 1 < end and _is_list_number(norms[j]) and norms[j + 1] in (".", ")"):
        return key, j + 2
    if key > 1:
        p = bounds[key - 1].start
        words = [n for n in norms[p:key] if n.strip()]
        if len(words) == 2 and _is_list_number(words[0]) and words[1] in (".", ")") and (p == 0 or "\n" in norms[p - 1]):
            return p, j
    return None


def _is_list_number(word: str) -> bool:
    return word.isdigit() and len(word) <= 2


# a hedge that opens its own clause ends in one of these words (lexicons/context.json clause_hedge_ends)
_CLAUSE_HEDGE_ENDS = load_context()["clause_hedge_ends"]


def _hedge_opens_clause(doc: Doc, norms: list[str], modifiers: list[ConTextModifier]) -> None:
    """'L2 lesion, not a hemangioma, suspicious for metastasis': a hedge opening a new clause after a
    comma or semicolon ends a negation's forward scope there, so the metastasis is possible, not
    denied ('no lesion suspicious for metastasis', with no comma, stays denied). A red flag denied by
    a negation meant for its neighbour is the worst error a reader can make."""
    hedges = sorted(m.modifier_span[0] for m in modifiers if m.category == "POSSIBLE_EXISTENCE"
                    and m.direction == "FORWARD" and norms[m.modifier_span[1] - 1] in _CLAUSE_HEDGE_ENDS)
    if not hedges:
        return
    for m in modifiers:
        if m.category != "NEGATED_EXISTENCE" or m.direction not in ("FORWARD", "BIDIRECTIONAL"):
            continue
        cue_end, scope_end = m.modifier_span[1], m.scope_span[1]
        cut = next((h for h in hedges if cue_end < h < scope_end and norms[h - 1] in (",", ";")), None)
        if cut is not None:
            m.update_scope(doc[m.scope_span[0]:cut - 1])


class CueMatcher:
    """medspaCy's ConText cue matcher (MedspacyMatcher: spaCy Matcher + PhraseMatcher + RegexMatcher,
    matches pruned to the longest), built in bulk: the same matches, in the same order, for the same rules.

    medspaCy adds each of the ~4,400 phrase rules under its own match key: a tokenizer call, a
    PhraseMatcher.add and a new Lexeme for the key string per rule, 0.3 s of every cold start. Here
    the phrases are tokenized in one call (tokenizer.lowers_of_phrases; the result is kept in the cache
    folder: tokenizer.cached_lowers_of_phrases), and a phrase that one rule alone has is added under
    one shared key, its rule looked up from the matched tokens; a phrase that several
    rules share keeps medspaCy's key per rule ('CATEGORY_n'), so that the PhraseMatcher lists them in
    its own order, which decides the one that pruning keeps. Token patterns and regex patterns are added
    as medspaCy adds them. Returns (rule, start, end), pruned as medspaCy prunes."""

    _PHRASE_KEY = "spinelens context cue"  # no rule id has a space

    def __init__(self, nlp: Language, context: ConText, rules: list) -> None:
        from medspacy.common.regex_matcher import RegexMatcher
        from medspacy.context import ConTextRule
        from spacy.matcher import Matcher, PhraseMatcher

        _apply_context_globals(context, rules)
        self.rules = list(rules)
        self.prune = context.prune_on_modifier_overlap
        vocab = nlp.vocab
        self.token_matcher = Matcher(vocab)
        # (rule index, its words and operators, the words a match can start with, the word sets a
        # match must take one of: a report with none of one set is passed over in one look-up each)
        self.word_patterns: list[tuple[int, list[tuple[frozenset[int], str | None]], frozenset[int],
                                       list[frozenset[int]]]] = []
        self.regex_matcher = RegexMatcher(vocab)
        self.phrase_matcher = PhraseMatcher(vocab, attr="LOWER")  # ConText's phrase_matcher_attr
        self.index_of: dict[int, int] = {}  # match key (hash of the rule id) -> rule index
        self.has_tokens = self.has_regex = False
        phrase_rules: list[int] = []
        for i, rule in enumerate(self.rules):
            if not isinstance(rule, ConTextRule):
                raise TypeError(f"Rules must type ConTextRule, not {type(rule)}.")
            rule_id = f"{rule.category}_{i}"  # medspaCy's rule id
            rule._rule_id = rule_id
            if rule.pattern is None:
                phrase_rules.append(i)
                continue
            self.index_of[vocab.strings.add(rule_id)] = i
            if isinstance(rule.pattern, str):
                self.regex_matcher.add(rule_id, [rule.pattern], rule.on_match)
                self.has_regex = True
            elif isinstance(rule.pattern, list):
                words = _word_pattern(rule.pattern, vocab) if rule.on_match is None else None
                if words is not None:
                    required = [w for w, op in words if op in (None, "+")]
                    self.word_patterns.append((i, words, _first_words(words), required))
                else:
                    self.token_matcher.add(rule_id, [rule.pattern], on_match=rule.on_match)
                    self.has_tokens = True
            else:
                raise ValueError(f"The pattern argument must be either a string or a list, not {type(rule.pattern)}")
        lowers = dict(zip(phrase_rules, cached_lowers_of_phrases(nlp.tokenizer, [self.rules[i].literal.lower()
                                                                          for i in phrase_rules]), strict=True))
        by_phrase: dict[tuple[int, ...], list[int]] = {}
        for i, key in lowers.items():
            by_phrase.setdefault(key, []).append(i)
        by_phrase.pop((), None)  # an empty phrase matches nothing (PhraseMatcher skips it)
        self.rule_of_phrase: dict[tuple[int, ...], int] = {}
        own_key: list[int] = []  # rules added under their own rule id: shared phrases, and callbacks
        for key, found in by_phrase.items():
            if len(found) == 1 and self.rules[found[0]].on_match is None:
                self.rule_of_phrase[key] = found[0]
            else:
                own_key.extend(found)
        if self.rule_of_phrase:
            self.phrase_matcher.add(self._PHRASE_KEY, [list(k) for k in self.rule_of_phrase])
        self.phrase_key = vocab.strings[self._PHRASE_KEY]
        for i in sorted(own_key):  # in rule order, as medspaCy adds them
            rule = self.rules[i]
            self.index_of[vocab.strings.add(rule._rule_id)] = i
            self.phrase_matcher.add(rule._rule_id, [list(lowers[i])], on_match=rule.on_match)

    def __call__(self, doc: Doc, drop: Callable[[Any, int, int], bool] | None = None) -> list[tuple]:
        """The cue matches, longest first where they overlap; a match ``drop(rule, start, end)`` refuses is
        left out before that, so the shorter cues inside it stay."""
        matches: list[tuple[int, int, int]] = []
        if self.has_tokens:
            matches += [(self.index_of[m], s, e) for m, s, e in self.token_matcher(doc)]
        lowers: list[int] | None = None  # every token's LOWER, read once (doc[k] makes a Token object)
        if self.word_patterns:
            lowers = doc.to_array(LOWER).tolist()
            at: dict[int, list[int]] = {}  # where each word stands, so a pattern is tried only where it can start
            for k, w in enumerate(lowers):
                at.setdefault(w, []).append(k)
            for i, pattern, first, required in self.word_patterns:
                if not all(any(w in at for w in words) for words in required):
                    continue
                starts = [k for w in first if w in at for k in at[w]]
                if starts:  # most reports hold none of a pattern's first words
                    matches += [(i, s, e) for s, e in _word_matches(pattern, lowers, first, sorted(starts))]
        for m, s, e in self.phrase_matcher(doc):
            if m == self.phrase_key:
                if lowers is None:
                    lowers = doc.to_array(LOWER).tolist()
                matches.append((self.rule_of_phrase[tuple(lowers[s:e])], s, e))
            else:
                matches.append((self.index_of[m], s, e))
        if self.has_regex:
            matches += [(self.index_of[m], s, e) for m, s, e in self.regex_matcher(doc)]
        if drop is not None:
            matches = [(i, s, e) for i, s, e in matches if not drop(self.rules[i], s, e)]
        if self.prune:
            kept = prune_overlapping(matches)
            if len(kept) < len(matches):
                kept = self._other_directions(matches, kept, doc)
                kept = self._written_first(matches, kept)
            matches = kept
        return [(self.rules[i], s, e) for i, s, e in matches]

    def _written_first(self, matches: list[tuple[int, int, int]], kept: list[tuple[int, int, int]]
                       ) -> list[tuple[int, int, int]]:
        """Of two rules of one category and direction on the same words, the one written first in the lexicons,
        whichever of them pruning kept (it keeps the one its input lists first, an order that moves with the hashes of
        the rule ids when a rule is added anywhere)."""
        rules = self.rules
        first: dict[tuple[int, int, str, str], int] = {}
        for i, s, e in matches:
            key = (s, e, rules[i].category, rules[i].direction)
            if i < first.get(key, i + 1):
                first[key] = i
        return [(first[(s, e, rules[i].category, rules[i].direction)], s, e) for i, s, e in kept]

    def _other_directions(self, matches: list[tuple[int, int, int]], kept: list[tuple[int, int, int]],
                          doc: Doc) -> list[tuple[int, int, int]]:
        """Of rules with the same words and category but another direction, every direction is kept ('wasn't' looks
        both ways in negspaCy's termset: 'Fractures weren't identified', 'There wasn't any cord compression';
        'CES warning signs explained' and 'warning signs explained: saddle numbness, ...'): pruning keeps one match per
        span, and which one would decide what the cue denies."""
        rules = self.rules
        norms = toks(doc).norms
        at: dict[tuple[int, int], list[int]] = {}
        for i, s, e in matches:
            at.setdefault((s, e), []).append(i)
        extra = []
        for i, s, e in kept:
            seen = {rules[i].direction.upper()}
            for j in sorted(at[(s, e)]):
                d = rules[j].direction.upper()
                if d not in seen and rules[j].category == rules[i].category and _other_way_fits(norms, d, s, e):
                    seen.add(d)
                    extra.append((j, s, e))
        return sorted(kept + extra, key=_start_end) if extra else kept


def _other_way_fits(norms: list[str], direction: str, s: int, e: int) -> bool:
    """The second direction of a cue whose words look both ways, only where the text reads that way: back when the
    cue ends its statement, a participle at most after it ("Fractures weren't identified."; not 'The T12 fracture
    wasn't present on the 2022 study; it is new', nor 'wasn't seen previously'), forward when its clause goes on
    ('warning signs explained: saddle numbness, ...', 'return if they develop saddle numbness'; not 'CES warning signs explained, saddle anaesthesia
    and urinary retention present')."""
    words: list[str] = []
    k = e
    while k < len(norms) and len(words) < 3:
        w = norms[k]
        if w in (".", ";", "!", "?", ",") or "\n" in w:
            break
        if w.strip():
            words.append(w)
        k += 1
    if direction == "BACKWARD":
        return len(words) <= 2 and not any(w in _EARLIER for w in words) and (
            k >= len(norms) or norms[k] in (".", ";", "!", "?") or "\n" in norms[k])
    if direction == "FORWARD":
        return bool(words)  # (not before a comma or the statement's end: 'CES warning signs explained, saddle ...')
    return False


_EARLIER = {"previously", "before", "earlier", "prior", "then", "initially", "originally", "on", "in", "at"}


def _word_pattern(pattern: list[dict], vocab) -> list[tuple[frozenset[int], str | None]] | None:
    """A token pattern made only of words (LOWER, or TEXT for punctuation, which has no case) with the
    operators ?, * and +, as (the words' LOWER ids, operator); None for any other pattern."""
    out = []
    for tok in pattern:
        words = _word_list(tok, (None, "?", "*", "+"))
        if words is None or "TEXT" in tok and any(w != w.lower() for w in words):
            return None  # (a cased TEXT is not a LOWER)
        out.append((frozenset(vocab.strings.add(w) for w in words), tok.get("OP")))
    return out if out and any(op in (None, "+") for _, op in out) else None


def _first_words(pattern: list[tuple[frozenset[int], str | None]]) -> frozenset[int]:
    """The words a match can start with: those of the optional elements before the first required one, and its."""
    words: set[int] = set()
    for element, op in pattern:
        words |= element
        if op in (None, "+"):
            break
    return frozenset(words)


def _word_matches(pattern: list[tuple[frozenset[int], str | None]], lowers: list[int],
                  first: frozenset[int] | None = None, starts: list[int] | None = None) -> list[tuple[int, int]]:
    """Every (start, end) where the word pattern matches, as spaCy's Matcher finds them (every length from
    every start, none empty); only tokens that can begin a match are tried (``starts``, in order, when the
    caller has found them)."""
    if first is None:
        first = _first_words(pattern)
    n, size = len(lowers), len(pattern)
    found = []
    for start in range(n) if starts is None else starts:
        if lowers[start] not in first:
            continue
        ends: set[int] = set()
        todo = [(0, start)]
        seen = set()
        while todo:
            state = todo.pop()
            if state in seen:
                continue
            seen.add(state)
            p, k = state
            if p == size:
                if k > start:
                    ends.add(k)
                continue
            words, op = pattern[p]
            if op in ("?", "*"):
                todo.append((p + 1, k))
            if k < n and lowers[k] in words:
                todo.append((p if op in ("*", "+") else p + 1, k + 1))
                if op == "+":
                    todo.append((p + 1, k + 1))
        found += [(start, e) for e in sorted(ends)]
    return found


def prune_overlapping(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """medspaCy's prune_overlapping_matches (common/util.py), step for step, without its costs: it
    takes each match off the front of a list (list.pop(0)) and calls two functions per pair.

    Sorted by (start, end), matches are read in pairs: of two that overlap the longer is kept (the
    first on a tie) and reading goes on after both; one that overlaps nothing after it is kept. This
    is repeated until a pass drops nothing."""
    if not matches:
        return matches
    while True:
        ordered = sorted(matches, key=_start_end)
        pruned: list[tuple[int, int, int]] = []
        n = len(ordered)
        current = ordered[0]
        k = 1
        while True:
            if k == n:
                pruned.append(current)
                break
            following = ordered[k]
            k += 1
            a0, a1 = current[1], current[2]
            b0, b1 = following[1], following[2]
            if a0 <= b0 < a1 or a0 < b1 <= a1:  # medspaCy's tuple_overlaps
                pruned.append(following if b1 - b0 > a1 - a0 else current)
                if k == n:
                    break
                current = ordered[k]
                k += 1
            else:
                pruned.append(current)
                current = following
        if len(pruned) == len(matches):
            return pruned
        matches = pruned


def _start_end(match: tuple[int, int, int]) -> tuple[int, int, int]:
    # (and rule order: of two rules with the same words the one written first is kept, whatever order the
    # matchers return them in, so that adding a rule elsewhere in a lexicon changes nothing else)
    return match[1], match[2], match[0]


def _apply_context_globals(context: ConText, rules: list) -> None:
    """What ConText.add sets on each rule before its matcher takes it: the component's global
    allowed_types, excluded_types, max_scope and max_targets where the rule has none, and its
    terminating types."""
    values = {a: getattr(context, a) for a in ("allowed_types", "excluded_types", "max_scope", "max_targets")}
    values = {a: v for a, v in values.items() if v is not None}
    terminating = context.terminating_types
    if not values and not terminating:
        return  # none set (SentenceContext's ConText): nothing to do for ~4,400 rules
    for rule in rules:
        for attr, value in values.items():
            if getattr(rule, attr) is None:
                setattr(rule, attr, value)
        if rule.category.upper() in terminating:
            for other in terminating[rule.category.upper()]:
                rule.terminated_by.add(other.upper())


def context_rules() -> list:
    """Spine rules from lexicons/context.json plus negspaCy's termset, less excluded cues."""
    from medspacy.context import ConTextRule

    ctx = load_context()
    excluded = {c.lower() for c in ctx["excluded_cues"]}
    rules = [ConTextRule.from_dict(r) for r in _expand(ctx["rules"])]
    own = {r["literal"].lower() for r in ctx["rules"]}
    if ctx["negspacy_termset"]:
        try:
            from negspacy.termsets import termset
        except ImportError as exc:  # pragma: no cover
            raise LexiconError(f"{ctx['path']}: negspacy is needed for 'negspacy_termset'") from exc
        patterns = termset(ctx["negspacy_termset"]).get_patterns()
        kinds = {
            "preceding_negations": ("NEGATED_EXISTENCE", "FORWARD"),
            "following_negations": ("NEGATED_EXISTENCE", "BACKWARD"),
            "pseudo_negations": ("PSEUDO", "PSEUDO"),
            "termination": ("TERMINATE", "TERMINATE"),
        }
        for key, (category, direction) in kinds.items():
            for cue in patterns.get(key, []):
                if cue.lower() in excluded or cue.lower() in own:
                    continue
                rules.append(ConTextRule(cue, category, direction=direction,
                                         metadata={"source": f"negspacy {ctx['negspacy_termset']} {key}"}))
    return rules


def _expand(rules: list[dict], limit: int = 2000) -> list[dict]:
    """Spell out token patterns made only of word lists ('may' + 'be'/'represent'...) as literal
    phrases: spaCy's PhraseMatcher finds them several times faster than its Matcher."""
    out = []
    for rule in rules:
        pattern = rule.get("pattern")
        if not isinstance(pattern, list) or not _expandable(pattern):
            out.append(rule)
            continue
        phrases: list[list[str]] = [[]]
        for tok in pattern:
            words = _word_list(tok, (None, "?", "*")) or []  # (TEXT only for punctuation, which has no case)
            op = tok.get("OP")
            once = [p + [w] for p in phrases for w in words]
            if op == "*":  # up to two repeats ('no significant interval change')
                phrases = phrases + once + [p + [w] for p in once for w in words]
            else:
                phrases = once + (phrases if op == "?" else [])
            if len(phrases) > limit:
                break
        if len(phrases) > limit:
            out.append(rule)
            continue
        for words in phrases:
            if words:
                out.append({k: v for k, v in rule.items() if k != "pattern"} | {"literal": " ".join(words)})
    return out


def _expandable(pattern: list[dict]) -> bool:
    return all(_word_list(tok, (None, "?", "*")) is not None for tok in pattern)


def _word_list(tok: dict, ops: tuple[str | None, ...]) -> list[str] | None:
    """The words a pattern token takes when it is only a word or a word list (LOWER, or TEXT for punctuation)
    with one of the operators ops; None for any other token."""
    if set(tok) - {"OP"} not in ({"LOWER"}, {"TEXT"}) or tok.get("OP") not in ops:
        return None
    value = tok.get("LOWER", tok.get("TEXT"))
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return value["IN"]
    return None
