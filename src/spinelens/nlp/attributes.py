"""Stage 9, attributes: side, zone, severity, size, grade, direction, Modic type, fracture acuity,
named nerve roots and section of each finding, read from the words around it. Levels are
chosen by the next stage (level_attach.py)."""

import itertools
import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import load_discourse_patterns, load_table, types_where
from ..model import CAUSE_OPEN
from .extensions import FindingInfo, finding_spans, info
from .sections import SectionMark, section_at
from .tokens import doc_text, sent_bounds, toks


@Language.factory("spinelens_attributes")
def make_attributes(nlp: Language, name: str) -> "AttributeReader":
    return AttributeReader()


_NP_STOP = {".", ";", ":", "with", "of", "at", "in", "on", "by", "noted", "seen", "is", "are", "was", "were",
            "there", "which", "from", "into", "compressing", "abutting", "causing", "//", "///", "("}
# what may stand between a finding and its 'bilaterally': nothing, or its level ('effusions at L4-5 bilaterally')
_RIGHT_AFTER = re.compile(r"\s*(?:(?:at|in)\s+(?:the\s+)?[ctlsd]\d{1,2}(?:\s*[-/]\s*[ctlsd]?\d{1,2})?(?:\s+levels?)?\s*)?", re.I)
_COPULA = {"is", "are", "was", "were", "appears", "appear", "seems", "seem", "remains", "remain"}
_DENIAL_FILLER = {"evidence", "of", "a", "an", "the", "sign", "signs", "feature", "features", "to", "suggest",
                  "suggestion", "underlying", "definite", "convincing", "any", "obvious", "findings", "finding", "marrow",
                  "bone", "bony", "stir", "associated", "significant", "-"}
_DENIALS = {"no", "not", "without", "nor", "negative", "free", "absent", "non"}
_VERTEBRA = re.compile(r"(?:[ctls]|d)\d{1,2}")  # a vertebra's name as a token ('t12', 'l1')
# a cause named only as a possibility ('?pathological', 'possible metastatic', '... could not be excluded')
_LEFT_OPEN = re.compile(r"(?:\?|possible|possibly|probable|probably|likely|may|might|suspicious|concern|concerning|"
                        r"question|questionable|ddx)\b|\?")
_LEFT_OPEN_AFTER = re.compile(r"^\S+(?: \S+){0,4} (?:can ?not|could not|can't|not) (?:be )?(?:completely |entirely |fully )?"
                              r"(?:excluded|ruled out)|^\S+ \?")
_LEVEL_PIECE = re.compile(r"^(?:[ctlsd]\d{1,2}(?:[-/][ctlsd]?\d{1,2})?|\d{1,2}|[-/]|and|&)$")
_JOINERS = {"-", "/", "and", "&"}
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
# an exam header that is the study's own name, with its colon ('MRI L-spine:', 'MR lumbar spine:')
_STUDY_HEADER = re.compile(r"(?i)mri?\b")
# after a study's name, what gives its result and what a title or request says; what does not go on from a
# comparison or technique (lexicons/discourse.json: what each is for, beside it)
_SHOWN, _ASKED_TITLE, _NOT_GOING_ON, _RESULT_LINE, _HISTORY_LINE, _LEVEL_LINE, _CHANGE_LINE = (
    load_discourse_patterns()[n] for n in ("after_study_name", "asked_in_title", "not_going_on", "result_line", "history_line",
                                           "level_line", "change_line"))
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(mm|cm|millimet(?:er|re)s?|centimet(?:er|re)s?)\b", re.I)
_GRADE = re.compile(r"\b(?:grade|gr\s*\.?)\s*-?\s*(iv|iii|ii|i|[1-4]|one|two|three|four)\b|\b(iv|iii|ii|i|[1-4])(?:st|nd|rd|th)?\s*-?\s*grade\b", re.I)
_MODIC = re.compile(r"\b(?:modic|type)\s*-?\s*(iii|ii|i|[123])\b|\b(iii|ii|i|[123])\s+modic\b", re.I)
_FOLLOW_SIDE = re.compile(
    r"\b(?:more\s+(?:to(?:wards?)?|on)\s+(?:the\s+)?|to(?:wards?)?\s+the\s+|on\s+the\s+|\(\s*|predominantly\s+|"
    r"slightly\s+to\s+(?:the\s+)?|extending\s+(?:more\s+)?to\s+(?:the\s+)?|in\s+the\s+|from\s+the\s+|into\s+(?:the\s+)?)"
    r"(left|right|lt|rt)\b(?:\s*[- ]?sided?)?|\b(left|right)\s+(?:greater|more|larger|bigger|worse)\s+than\s+(?:the\s+)?"
    r"(?:left|right)\b|\b(bilaterally)\b"
    r"|\b(left|right|lt|rt)\s*[- ]?sided?\b",
    re.I,
)


# no finding span is longer than this many tokens (a lexicon phrase, or an object with its relation)
_LONGEST_SPAN = 40
_ROOT_NAME = re.compile(r"(?:l[1-6]|s[1-5]|t1[0-2])")  # a root named in a nerve-root finding


# findings of the whole canal or the whole vertebra have no side: a side word in their statement is
# another finding's ('laterolisthesis at L4-5 ... no facet joints on the right side')
# A slip has no side. The central canal has none of its own either: a side word before it or inside
# its phrase belongs to a neighbour ("left lateral recess and central canal narrowing"); only a side
# stated after it for it ("compression of the ventral canal on the right side") is its side.
_NO_SIDE = {"spondylolisthesis"}
_FOLLOWING_SIDE_ONLY = {"central_canal_stenosis"}
NO_OWN_SIDE = _NO_SIDE | _FOLLOWING_SIDE_ONLY  # findings a side near them does not reach (nlp/level_attach.py)
# a word after the side that it modifies ('left-sided narrowing', 'right foraminal ...'), not the end of the phrase
_NEXT_NOUN = re.compile(r"\s*(?!(?:and|or|at|of|with|in|on|than|side|sides|greater|more|worse)\b)[a-z]", re.I)

class AttributeReader:
    """Side, zone, severity, size, grade, direction, Modic type, fracture acuity, named nerve
    roots and section: read from the words around each finding."""

    def __init__(self) -> None:
        a = load_table("attributes")
        # a hyphenated phrase is three tokens to the tokenizer ('high - grade'): looked up both ways
        self.severity: dict[str, str] = _with_split_hyphens(a["severity"])
        self.side: dict[str, str] = dict(a["side"])
        letters = a["side_letters"]
        self.side_letters: set[str] = set(letters["letters"])
        for letter, side in letters["letters"].items():  # 'R foraminal', 'the exiting R L4 root'
            self.side.update({f"{letter} {word}": side for word in letters["before"]})
        self.side = _with_split_hyphens(self.side)
        self.zone: dict[str, str] = _with_split_hyphens(a["zone"])
        self.zone_priority: list[str] = a["zone_priority"]
        self.root_relation: dict[str, str] = a["root_relation"]
        self.acuity: dict[str, str] = a["acuity"]
        self.pathologic: dict[str, bool] = a["pathologic"]
        self.grade: dict[str, int] = a["grade"]
        self.plural = set(a["plural_objects"])
        self.multilevel = set(a["multilevel"])
        self.disc_zone_types = types_where(zone=True)  # cards with a disc zone
        self.max_phrase = max(len(k.split()) for k in (*self.severity, *self.side, *self.zone))
        self._firsts = {k.split()[0] for k in (*self.severity, *self.side, *self.zone)}

    # -- small helpers
    def _phrases(self, words: list[str], table: dict[str, str]) -> list[str]:
        """Values of table phrases found in words, longest phrases first, in order."""
        firsts = self._firsts
        if firsts.isdisjoint(words):
            return []
        found: list[tuple[int, str]] = []
        i = 0
        while i < len(words):
            if words[i] not in firsts:
                i += 1
                continue
            for size in range(min(self.max_phrase, len(words) - i), 0, -1):
                key = " ".join(words[i:i + size])
                if key in table:
                    found.append((i, table[key]))
                    i += size
                    break
            else:
                i += 1
        return [v for _, v in found]

    def _window_before(self, doc: Doc, start: int, owned: set[int]) -> list[int]:
        """Token indices of the words just before a finding, up to a stop word or another finding."""
        tk = toks(doc)
        norms, texts = tk.norms, tk.texts
        sent_start = sent_bounds(doc, start)[0]
        out: list[int] = []
        words = 0  # a list of levels between a grade and its finding does not count ('severe L3-4 and L4-5 stenosis')
        j = start - 1
        while j >= sent_start and words < 7 and len(out) < 16:
            if texts[j] == "(" and ")" in texts[j + 1:start]:
                j -= 1  # 'right extraforaminal (far lateral) disc extrusion': a bracket inside the phrase
                continue
            if j in owned or norms[j] in _NP_STOP or texts[j] in _NP_STOP or texts[j] == ",":
                break
            out.append(j)
            # a level, or a joiner between two levels ('L3-4 and L4-5'), is free
            words += not (_LEVEL_PIECE.match(norms[j]) and (norms[j] not in _JOINERS or j > 0
                                                              and _LEVEL_PIECE.match(norms[j - 1])))
            j -= 1
        out.reverse()
        return out

    def __call__(self, doc: Doc) -> Doc:
        self._results_at: dict[int, int] = {}  # per history or comparison section: where its unheaded findings begin
        spans = []
        for s in finding_spans(doc):
            if s.label_.startswith("SYM_"):
                self._section(s, info(s))
            else:
                spans.append(s)
        owned_idx: set[int] = set()  # tokens of a finding or of its relation word
        for s in spans:
            owned_idx.update(range(s.start, s.end))
            rel = info(s).relation
            if rel is not None:
                owned_idx.update(range(rel.start, rel.end))
        tk = toks(doc)
        spans.sort(key=lambda s: s.start)
        for k, span in enumerate(spans):
            fi = info(span)
            self._section(span, fi)
            start, end = span.start, span.end
            before = self._window_before(doc, start, owned_idx)
            words_before = [tk.norms[j] for j in before]
            inner = tk.norms[start:end]
            rel = fi.relation
            # 'left-sided narrowing of the lateral recess': a side before a relation noun is the finding's;
            # before a verb ('a bulge more to the left side compressing the sac') it is the subject's
            side_before = self._window_before(doc, rel.start, owned_idx) + before \
                if rel is not None and rel.end <= start and tk.norms[rel.end] == "of" else before
            self._side(doc, span, fi, side_before, inner, spans, k)
            self._severity(doc, fi, words_before, inner, end)
            if fi.finding_type in self.disc_zone_types:
                zones = self._phrases(words_before + inner, self.zone)
                if zones:
                    fi.zone = min(zones, key=self.zone_priority.index)
                if fi.side is None or fi.zone is None:
                    self._trailing_place(doc, span, fi, spans, k)
            fi.multilevel = any(w in self.multilevel for w in words_before + inner) or self._with_chain(
                doc, span, spans, k, before
            )
            self._numbers(doc, span, fi, before)
            if fi.finding_type in ("nerve_root_compression", "nerve_root_contact"):
                self._roots(span)
            if fi.finding_type == "extraspinal_finding":
                fi.detail = tk.text(doc, before[0] if before else span.start, span.end)
        return doc

    def _section(self, span: Span, fi: FindingInfo) -> None:
        doc = span.doc
        sec = section_at(doc, span.start_char)
        category = sec.category if sec is not None else None
        if category in ("exam", "history", "technique", "comparison"):
            # "MRI OF THE LUMBOSACRAL SPINE" titles a report whose findings follow unheaded: the
            # exam section is its own line only. History, technique and comparison end at a blank
            # line ("Clinical information: ...\n\nThere is a mild scoliosis ..."). A title, technique
            # or comparison is one statement: on its header's line, the next statement is the report
            # going on ("COMPARISON: None. L4-5: ...", a report whose line breaks were lost).
            # A history's later line that opens as a result does ('There is a large central disc extrusion ...'
            # on the line after 'Clinical details: ...'), and so does a technique's or comparison's later
            # statement that does not speak of its study: the report's unheaded findings.
            text = doc_text(doc)
            between = text[sec.start:span.start_char]
            if category == "exam" and ("\n" in between or self._result_of_named_study(
                    text, sec.start, sec.title_end)) or category != "exam" and _BLANK_LINE.search(between):
                category = None
            elif "\n" in between and category in ("history", "comparison"):
                if self._results_from(doc, sec) <= span.start_char:
                    category = None
            elif category != "history" and self._goes_on(doc, sec.title_end, span.start):
                category = None
        fi.section = category

    def _results_from(self, doc: Doc, sec: SectionMark) -> int:
        """Where a history's or comparison's unheaded findings begin: the first line after the header's own
        that a level header opens ('L4-5: ...'); or that opens as a result does or states a finding, starts
        with a capital, and does not speak as a history does (no question, no past, no symptom of the
        patient but the finding's own word), a comparison's change since the prior study aside ('Since the
        prior CT there is new T12 collapse ...'); past the section's end if none. Found once per section."""
        found = self._results_at.get(sec.start)
        if found is not None:
            return found
        text = doc_text(doc)
        spans = finding_spans(doc)
        kept = sorted((s.start_char, s.end_char) for s in spans if not s.label_.startswith("SYM_"))
        findings = [a for a, _ in kept]
        # a symptom that is not also a finding's word ('metastasis' is a cancer history and a neoplasm)
        symptoms = sorted(s.start_char for s in spans if s.label_.startswith("SYM_")
                          and not any(a <= s.start_char < b for a, b in kept[max(0, bisect_left(findings, s.start_char) - 3):
                                                                             bisect_left(findings, s.start_char) + 1]))
        found = sec.end + 1
        line = text.find("\n", sec.title_end, sec.end)
        while line >= 0:
            start = line + 1
            end = text.find("\n", start, sec.end)
            stop = sec.end if end < 0 else end
            if _LEVEL_LINE.match(text, start):
                found = start
                break
            first = text[start:stop].lstrip()[:1]
            result = not first.islower() and (  # a lower-case line goes on with the words above it
                _RESULT_LINE.match(text, start) or bisect_left(findings, start) < bisect_left(findings, stop))
            history = _HISTORY_LINE.search(text, start, stop) and not (
                sec.category == "comparison" and _CHANGE_LINE.search(text, start, stop))
            if result and not history and bisect_left(symptoms, start) == bisect_left(symptoms, stop):
                found = start
                break
            line = end
        self._results_at[sec.start] = found
        return found

    @staticmethod
    def _goes_on(doc: Doc, title_end: int, start: int) -> bool:
        """Token ``start`` is in a later statement than the first words after the header, one that is
        the report going on: not one about the study compared or asked for ('This demonstrated an
        epidural abscess', 'Rule out epidural abscess', 'Gadolinium was given to exclude infection')."""
        first = bisect_left(toks(doc).idx, title_end)
        if first >= start or sent_bounds(doc, first).end > start:
            return False
        bounds = sent_bounds(doc, start)
        words = toks(doc).text(doc, bounds.start, bounds.end)
        if words[:1].islower() and "\n" in doc_text(doc)[title_end:toks(doc).idx[bounds.start]]:
            return False  # a later line that goes on with the study's words ('and CT of 2/2020')
        return not _NOT_GOING_ON.search(words)

    @staticmethod
    def _result_of_named_study(text: str, start: int, title_end: int) -> bool:
        """'MRI L-spine: large L5-S1 extrusion', 'MRI lumbar spine (12/2023) showed ...': a header that
        names the study itself, then its colon, a dash or a verb of showing (after a date), gives the
        study's result on its line; what a title or request says there does not ('MRI lumbar spine:
        without contrast', 'MRI LUMBAR SPINE: r/o disc herniation', '... for ?stenosis')."""
        if not _STUDY_HEADER.match(text, start, title_end):
            return False
        shown = _SHOWN.match(text, title_end)
        if shown is None and not text[start:title_end].rstrip().endswith(":"):
            return False
        at = shown.end() if shown else title_end
        # a title that is a question ('MRI L-spine: Cord compression? ...'): its first clause ends with '?'
        stop = min((k for k in (text.find(c, at) for c in ("\n", ". ", ",", ";", "?")) if k >= 0), default=len(text))
        return not _ASKED_TITLE.match(text, at) and text[stop:stop + 1] != "?"


    def _with_chain(self, doc: Doc, span: Span, spans: list[Span], k: int, before: list[int]) -> bool:
        """A finding joined by 'with' to a multilevel one is multilevel too."""
        start = before[0] if before else span.start
        norms = toks(doc).norms
        j = start - 1
        while j >= 0 and norms[j] in ("noted", "seen", "with", "and", "associated"):
            j -= 1
        if j == start - 1:
            return False
        # the nearest earlier finding that ends just before the 'with' (spans are sorted by start,
        # so one ending at j starts at j or before: look back only that far)
        for i in range(k - 1, -1, -1):
            prev = spans[i]
            if prev.end - 1 == j:
                return bool(info(prev).multilevel)
            if prev.start <= j - _LONGEST_SPAN:
                break
        return False

    def _side(self, doc: Doc, span: Span, fi: FindingInfo, before: list[int], inner: list[str], spans: list[Span],
              k: int) -> None:
        ftype = fi.finding_type
        if ftype in _NO_SIDE:
            return
        tk = toks(doc)
        following_only = ftype in _FOLLOWING_SIDE_ONLY
        words_before = [tk.norms[j] for j in before]
        # ... a one-letter side joins the word after it, which may be the finding's first ('R foraminal stenosis')
        sides = None if following_only else (
            self._phrases(inner, self.side) or self._phrases(words_before + inner[:1], self.side))
        if sides and inner[:1] == ["l"] and words_before[-2:] == ["b", "/"]:
            sides = ["bilateral"]  # 'B/L neural foramina': the finding's words begin at the 'L' of 'B/L'
        plural = any(w in self.plural for w in inner)
        if sides:
            fi.side = "bilateral" if "bilateral" in sides or len(set(sides)) > 1 else sides[-1]
            return
        if ftype == "thecal_sac_compression":
            return
        if plural and ftype in ("nerve_root_compression", "nerve_root_contact", "foraminal_stenosis",
                                "lateral_recess_stenosis") and not getattr(span._, "is_negated", False):
            fi.side = "bilateral"
            return
        # "more to the Lt side", "(Lt side)", "left-sided", "left greater than right" after the finding,
        # up to the next finding or relation word.
        end = sent_end = sent_bounds(doc, span.start)[1]
        for nxt in itertools.islice(spans, k + 1, None):
            if nxt.start >= span.end:
                end = min(end, nxt.start)
                break
        rel_stop = end
        for i in range(span.end, end):
            if tk.norms[i] in ("compressing", "indenting", "effacing", "abutting", "narrowing", "displacing",
                                "impinging", "encroaching", "contacting"):
                rel_stop = i
                break
        text = tk.text(doc, span.end, rel_stop)
        m = _FOLLOW_SIDE.search(text)
        if m and following_only and _NEXT_NOUN.match(tk.text(doc, span.end, sent_end), m.end()):
            m = None  # 'canal stenosis with left-sided narrowing of the recess': the side is the recess's
        if m and m.group(3) and not _RIGHT_AFTER.fullmatch(text[:m.start()]):
            m = None  # 'facet effusions at L4-5 bilaterally', not 'fractures and widening bilaterally' far after
        if m:
            word = next(g for g in m.groups() if g)
            if m.group(2):
                fi.side = "bilateral"
            else:
                fi.side = self.side.get(word.lower())

    def _trailing_place(self, doc: Doc, span: Span, fi: FindingInfo, spans: list[Span], k: int) -> None:
        """A disc's side and zone written after it, terse-note style: 'L4/5 protrusion rt paracentral',
        'extrusion (left foraminal)'. Only a run of side and zone words right after the finding (one
        comma or bracket between), holding a zone, and not the first words of the next finding
        ('bulge, left foraminal stenosis': they are the stenosis's)."""
        tk = toks(doc)
        norms, space = tk.norms, tk.space
        stop = min(sent_bounds(doc, span.start)[1], next((n.start for n in spans[k + 1:] if n.start >= span.end),
                                                          len(norms)))
        j = span.end
        if j < stop and norms[j] in (",", "("):
            j += 1
        run: list[str] = []
        while j < stop and len(run) < 3 and not space[j] and (norms[j] in self.side or norms[j] in self.zone
                                                               or norms[j] in self.side_letters):
            run.append(norms[j])
            j += 1
        zones = self._phrases(run, self.zone)
        if not zones or any(n.start == j for n in spans[k + 1:k + 4]):  # they run into the next finding
            return
        if fi.zone is None:
            fi.zone = min(zones, key=self.zone_priority.index)
        sides = self._phrases(run, self.side)
        if fi.side is None and sides and fi.finding_type not in _NO_SIDE:
            fi.side = "bilateral" if "bilateral" in sides or len(set(sides)) > 1 else sides[-1]

    def _severity(self, doc: Doc, fi: FindingInfo, words_before: list[str], inner: list[str],
                  end: int | None = None) -> None:
        sev = self._phrases(words_before + inner, self.severity)
        if not sev and end is not None:
            # 'Foraminal narrowing was moderate on the right': a grade its verb gives it
            after = toks(doc).norms[end:min(end + 10, sent_bounds(doc, end - 1)[1])]
            while after and (after[0] in ("at", "the", "level", "of", "-", "/") or _LEVEL_PIECE.match(after[0])):
                after = after[1:]  # 'the canal stenosis at L4-5 is severe'
            if after[:1] and after[0] in _COPULA:
                rest = after[1:]
                if rest[:1] and rest[0] in ("also", "now", "still", "again"):
                    rest = rest[1:]
                # 'is smaller than on the prior study', 'is larger': a comparison with another study, not a grade
                sev = self._phrases(rest[:3], self.severity)[:1] if rest[:1] and rest[0] in self._firsts \
                    and rest[0] not in ("smaller", "larger") and rest[1:2] != ["than"] else []
        rel = fi.relation
        if rel is not None:
            # "mild compressing", "significantly compressing", "is moderately narrowed", "moderate to severe narrowing"
            lo = max(sent_bounds(doc, rel.start)[0], rel.start - 3)
            near = [w for w in toks(doc).norms[lo:rel.start] if w not in ("the", "and")]
            # a relation word that grades itself ('tight foramina': severe)
            sev = self._phrases(near[-3:], self.severity) + self._phrases(
                toks(doc).norms[rel.start:rel.end], self.severity) + sev
        if sev:
            order = ["minimal", "mild", "mild-moderate", "moderate", "moderate-severe", "severe"]
            fi.severity = sev[0] if rel is not None else max(sev, key=order.index)

    def _numbers(self, doc: Doc, span: Span, fi: FindingInfo, before: list[int]) -> None:
        tk = toks(doc)
        sent = sent_bounds(doc, span.start)
        lo = before[0] if before else span.start
        hi = min(sent.end, span.end + 8)
        ftype = fi.finding_type
        if ftype in self.disc_zone_types or ftype in ("synovial_cyst", "perineural_cyst", "extraspinal_finding",
                                                      "hemangioma", "neoplasm"):
            m = _SIZE.search(tk.text(doc, max(sent.start, lo - 3), hi))
            if m:
                value = float(m.group(1)) * (10 if m.group(2).lower().startswith("c") else 1)
                fi.size_mm = round(value, 1)
        if ftype == "spondylolisthesis":
            m = _GRADE.search(tk.text(doc, max(sent.start, lo - 4), hi))
            if m:
                fi.grade = self.grade.get((m.group(1) or m.group(2)).lower())
            if fi.direction is None:
                fi.direction = "antero"
        if ftype == "modic_change":
            m = _MODIC.search(tk.text(doc, max(sent.start, lo - 4), hi))
            if m:
                fi.modic_type = self.grade.get((m.group(1) or m.group(2)).lower())
        if ftype == "fracture":
            # its own clause of the statement ('The fracture is acute; there are old fractures of T11 and T12')
            lo_c = next((k + 1 for k in range(span.start - 1, sent.start - 1, -1) if tk.norms[k] == ";"), sent.start)
            hi_c = next((k for k in range(span.end, sent.end) if tk.norms[k] == ";"), sent.end)
            lo_own = max(lo_c, span.start - 7)
            if not tk.norms[span.end - 1].endswith("s"):  # (one span for several: 'Acute L1 and chronic T12 fractures'
                # is acute, as its red flag must be, whatever the other is)
                lo_own = next((k + 1 for k in range(span.start - 1, lo_own - 1, -1)
                               if tk.norms[k] in (",", "and", "fracture", "fractures", "with", "unlike")), lo_own)
            # its own words first, back to the item before ('acute L1 fracture and old T11 fracture', 'unlike the acute
            # L4 fracture seen today'; its cause from the clause, whose denial may be further back); acute wherever they
            # say it ('acute on chronic', 'subacute to chronic')
            own = self.acuity_of(tk.norms[lo_own:span.end])
            if own is not None:
                fi.acuity = own
            stop = next((k for k in range(span.end, hi_c) if tk.norms[k] in (",", "fracture", "fractures", "unlike", "whereas",
                                                                        "while", "but")), hi_c)
            self._age_and_cause(fi, tk.norms[span.end:stop])  # then what its clause says of it ('the L2 fracture is chronic')
            self._age_and_cause(fi, tk.norms[lo_c:hi_c])
            if (lo_c, hi_c) != (sent.start, sent.end):
                self._age_and_cause(fi, tk.norms[sent.start:sent.end])  # (then the rest: 'L1 fracture; likely chronic')
            nxt = sent.end
            if nxt < len(doc):
                follow = tk.norms[slice(*sent_bounds(doc, nxt))]
                theirs = {w for w in follow if _VERTEBRA.fullmatch(w)}
                opening = [w for w in follow[:3] if w.strip()]
                refers = opening[:1] in (["it"], ["this"]) or opening[:2] in (["the", "fracture"], ["this", "fracture"])
                if refers or "fracture" in follow and not (theirs and not theirs & set(tk.norms[sent.start:sent.end])):
                    # ('L1 compression fracture. The fracture is acute; L2 is normal.'; not 'The T8 fracture is unchanged.
                    # New loss of height of T12, consistent with a pathological fracture': another vertebra's)
                    self._age_and_cause(fi, follow)

    def acuity_of(self, words: list[str]) -> str | None:
        """The age a fracture's own words give: acute if any word says so, not denied ('acute on chronic', 'new acute on
        old'; not 'non-acute'), else the first age word."""
        ages = [self.acuity[w] for j, w in enumerate(words) if w in self.acuity
                and not (j and words[j - 1] in ("non", "not", "no") or j > 1 and words[j - 1] == "-" and words[j - 2] == "non")]
        return "acute" if "acute" in ages else (ages[0] if ages else None)

    def _age_and_cause(self, fi: FindingInfo, words: list[str]) -> None:
        """A fracture's acuity and cause from the words of its statement: a denied word says the opposite of
        its cause ('no evidence of a pathological fracture': not pathological) and nothing of its age
        ('without marrow oedema, likely chronic'); a cause left open says nothing ('a pathologic fracture
        could not be excluded')."""
        for j, w in enumerate(words):
            if w not in self.acuity and w not in self.pathologic:
                continue
            # a denial of this word: 'no evidence of a pathological fracture', not 'without retropulsion, pathologic'
            denied = any(words[k] in _DENIALS and all(x in _DENIAL_FILLER for x in words[k + 1:j])
                         for k in range(max(0, j - 5), j))
            if w in self.acuity and fi.acuity is None and not denied:
                fi.acuity = self.acuity[w]
            if w in self.pathologic and fi.pathologic is None:
                clause = " ".join(words[j:j + 10])
                before = words[max(0, j - 4):j]
                hedge = next((k for k, x in enumerate(before) if _LEFT_OPEN.fullmatch(x)), None)
                if hedge is not None and (hedge > 0 and before[hedge - 1] in _DENIALS
                                          or hedge == 0 and j - 5 >= 0 and words[j - 5] in _DENIALS):
                    # 'not suspicious for a pathological fracture', 'no concern for ...': the cause is denied
                    fi.pathologic = False if self.pathologic[w] else None
                    continue
                if _LEFT_OPEN.search(" ".join(before)) or _LEFT_OPEN_AFTER.match(clause):
                    if self.pathologic[w]:
                        fi.detail = CAUSE_OPEN  # kept a red flag by correlation, whatever its age
                    continue
                fi.pathologic = (not self.pathologic[w]) if denied and self.pathologic[w] else (
                    None if denied else self.pathologic[w])

    def _roots(self, span: Span) -> None:
        roots: list[str] = []
        relation = None
        for tok in span:
            t = tok.norm_
            if _ROOT_NAME.fullmatch(t):
                roots.append(t.upper())
            elif t in self.root_relation:
                relation = self.root_relation[t]
        if relation is None:
            # "the L4 root within the neural foramen" exits there; "within the lateral recess" traverses
            doc = span.doc
            after = toks(doc).norms[span.end:min(span.end + 6, sent_bounds(doc, span.start)[1])]
            if after[:1] and after[0] in ("within", "in", "at"):
                if any(w in ("foramen", "foramina", "foraminal", "neuroforamen") for w in after):
                    relation = "exiting"
                elif "recess" in after:
                    relation = "traversing"
        info(span).nerve_roots = [{"root": r, "side": None, "relation": relation} for r in roots] or (
            [{"root": None, "side": None, "relation": relation}] if relation else []
        )


def _with_split_hyphens(table: dict[str, str]) -> dict[str, str]:
    """The table with each hyphenated key also as the tokens it splits into ('high-grade' -> 'high - grade')."""
    out = dict(table)
    for key, value in table.items():
        if "-" in key.strip("-"):
            out.setdefault(" ".join(key.replace("-", " - ").split()), value)
    return out
