"""SpineLens spaCy components. Each stage adds to the Doc; none removes what another set.

Order (see ``pipeline.build``): sentences -> spelling -> sections -> targets (fastmatch.py) ->
relations -> ConText -> levels -> attributes -> symptoms.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy
from rapidfuzz.distance import OSA
from rapidfuzz.process import extract
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from ._extensions import info  # (declares every Doc._ / Span._ attribute)
from .levels import LevelGroup, find_level_groups, root_at
from .lexicon import FINDING_TYPES, load_relations, load_table

_FINDINGS = set(FINDING_TYPES)
RAW_GROUP = "spinelens_raw"
FINDINGS_GROUP = "spinelens_findings"


def doc_text(doc: Doc) -> str:
    """doc.text joins every token on each call; SpineLens reads it often, so cache it."""
    cached = doc.user_data.get("spinelens_text")
    if cached is None:
        cached = doc.user_data["spinelens_text"] = doc.text
    return cached


class Tokens:
    """Plain lists of the token fields SpineLens reads again and again (doc[i] builds a
    Token object on every access): norms after spelling correction, texts, spaces, offsets."""

    __slots__ = ("norms", "texts", "space", "idx")

    def __init__(self, doc: Doc):
        norms, texts, space, idx = [], [], [], []
        for t in doc:
            norms.append(t.norm_)
            texts.append(t.text)
            space.append(t.is_space)
            idx.append(t.idx)
        self.norms, self.texts, self.space, self.idx = norms, texts, space, idx

    def text(self, doc: Doc, start: int, end: int) -> str:
        """Text of tokens start..end-1 (as doc[start:end].text)."""
        if end <= start:
            return ""
        return doc_text(doc)[self.idx[start]:self.idx[end - 1] + len(self.texts[end - 1])]


def toks(doc: Doc) -> Tokens:
    cached = doc.user_data.get("spinelens_tokens")
    if cached is None:
        cached = doc.user_data["spinelens_tokens"] = Tokens(doc)
    return cached


def sent_of(doc: Doc, i: int) -> Span:
    """The sentence holding token i (Token.sent scans the doc on every call)."""
    bounds = doc.user_data.get("spinelens_sents")
    if bounds is None:
        bounds = _store_sent_bounds(doc, [t.i for t in doc if t.is_sent_start] or [0])
    s0, s1 = bounds[i]
    return doc[s0:s1]


def _store_sent_bounds(doc: Doc, starts: list[int]) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = [(0, 0)] * len(doc)
    for k, s0 in enumerate(starts):
        s1 = starts[k + 1] if k + 1 < len(starts) else len(doc)
        pair = (s0, s1)
        for j in range(s0, s1):
            bounds[j] = pair
    doc.user_data["spinelens_sents"] = bounds
    return bounds

# ---------------------------------------------------------------- sentences

# words radiologists abbreviate with a full stop mid-sentence ("ant. thecal sac", "lig. flavum")
_ABBREV = {"approx", "dr", "vs", "e.g", "i.e", "fig", "no", "mr", "mrs", "ms", "st", "inc", "ca", "cf", "etc",
           "ant", "post", "lat", "lig", "med", "sup", "inf", "bilat", "lt", "rt", "mod", "sig", "max", "min",
           "ext", "int", "sag", "ax", "cor", "wk", "wks", "yr", "yrs", "pt", "hx", "dx", "ht", "sl", "assoc"}
_LEVEL_START = re.compile(r"^[CTDLS]\d", re.I)


@Language.factory("spinelens_sentences")
def make_sentences(nlp: Language, name: str) -> "SentenceSplitter":
    return SentenceSplitter()


class SentenceSplitter:
    """Fast rule-based statements for radiology text.

    Splits at sentence punctuation, at "//" and "///" separators, at blank lines and at
    line breaks that start a new statement (a capital, a bullet, a number, a level); a
    line wrapped mid-sentence stays joined. About 50x faster than PyRuSH here.
    """

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        texts = [t.text for t in doc]
        space = [t.is_space for t in doc]
        starts = [False] * n
        starts[0] = True

        def next_content(j: int) -> int:
            while j < n - 1 and space[j]:
                j += 1
            return min(j, n - 1)

        prev: str | None = None
        line_len = 0
        for i in range(n):
            text = texts[i]
            if space[i]:
                if "\n" in text or "\r" in text:
                    j = next_content(i + 1)
                    if not space[j] and self._breaks(prev, texts[j], text, line_len):
                        starts[j] = True
                    line_len = 0
                continue
            line_len += len(text) + 1
            if i + 1 < n:
                if text in (".", "!") and not self._abbrev(texts, i):
                    starts[next_content(i + 1)] = True
                elif len(text) >= 2 and text.strip("/") == "":
                    starts[next_content(i + 1)] = True
            prev = text
        values = numpy.array([1 if st else -1 for st in starts], dtype="int64").astype("uint64").reshape(n, 1)
        doc.from_array([SENT_START], values)
        _store_sent_bounds(doc, [i for i in range(n) if starts[i]])
        return doc

    @staticmethod
    def _abbrev(texts: list[str], i: int) -> bool:
        if i == 0:
            return False
        prev = texts[i - 1].lower()
        # "L. SPINE", "approx.", but "No." only before a number
        return (len(prev) == 1 and prev.isalpha()) or (prev in _ABBREV and prev != "no") or (
            prev == "no" and i + 1 < len(texts) and texts[i + 1][:1].isdigit()
        )

    @staticmethod
    def _breaks(prev: str | None, first: str, newline: str, line_len: int) -> bool:
        if prev is None:
            return True
        if newline.count("\n") >= 2:
            return True
        if prev in (".", ":", ";", "!", "?") or prev.endswith(":"):
            return True
        if first[:1].isupper() or first[:1].isdigit() or first[:1] in "-•*>(" or _LEVEL_START.match(first):
            return True
        # A short line is a statement of its own; a long one may wrap.
        return line_len < 60


# ---------------------------------------------------------------- sections


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
        from .lexicon import load_sections

        self.category: dict[str, str] = {}
        pieces = []
        for rule in load_sections():
            literal = rule["literal"].strip().lower()
            self.category[re.sub(r"\s+", " ", literal)] = rule["category"]
            words = [re.escape(w) for w in literal.split()]
            piece = r"[ \t]+".join(words)
            if literal[-1:].isalnum():
                piece += r"(?![A-Za-z0-9])"
            pieces.append(piece)
        pieces.sort(key=len, reverse=True)
        self.regex = re.compile(r"(?im)^[ \t]*(" + "|".join(pieces) + r")")

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        marks: list[SectionMark] = []
        for m in self.regex.finditer(text):
            key = re.sub(r"\s+", " ", m.group(1).lower())
            category = self.category.get(key)
            if category is None:
                continue
            if marks:
                marks[-1].end = m.start(1)
            marks.append(SectionMark(category, m.start(1), m.end(1), len(text)))
        doc.user_data["spinelens_sections"] = marks
        return doc


def sections_of(doc: Doc) -> list[SectionMark]:
    return doc.user_data.get("spinelens_sections") or []


def section_at(doc: Doc, char: int) -> SectionMark | None:
    marks = sections_of(doc)
    i = bisect_right([m.start for m in marks], char) - 1
    return marks[i] if i >= 0 else None


# ---------------------------------------------------------------- spelling


@Language.factory("spinelens_spelling", default_config={"min_length": 5})
def make_spelling(nlp: Language, name: str, min_length: int) -> "SpellingNormaliser":
    return SpellingNormaliser(min_length=min_length)


def _skeleton(word: str) -> str:
    """Consonant skeleton: drop vowels, fold doubled letters ('dissicating' -> 'dsctng')."""
    out = []
    for ch in word:
        if ch in "aeiouy":
            continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def _pattern_words(value: Any, sink: set[str]) -> None:
    if isinstance(value, dict):
        for key, sub in value.items():
            if key == "IN" and isinstance(sub, list):
                sink.update(w for w in sub if isinstance(w, str))
            else:
                _pattern_words(sub, sink)
    elif isinstance(value, list):
        for sub in value:
            _pattern_words(sub, sink)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    from .lexicon import load_target_rules

    targets: set[str] = set()
    for _, rule in load_target_rules():
        if rule.get("pattern") is None:
            targets.update(rule["literal"].lower().split())
        else:
            _pattern_words(rule["pattern"], targets)
    attrs = load_table("attributes")
    for key in ("severity", "side", "zone", "root_relation", "acuity"):
        for phrase in attrs[key]:
            targets.update(phrase.split())
    spelling = load_table("spelling")
    targets.update(spelling.get("extra_targets", []))
    targets = {t for t in targets if t.isalpha() and len(t) >= 3}
    known = frozenset(w.lower() for w in spelling.get("known_words", [])) | frozenset(targets)
    synonyms = {k.lower(): v.lower() for k, v in spelling.get("synonyms", {}).items()}
    return frozenset(targets), known, synonyms


class SpellingNormaliser:
    """Set ``token.norm_`` of a misspelled word to the lexicon word it was meant to be.

    Misspellings are computed, not listed: one edit (two for 8+ letters, transpositions
    count once) from a lexicon word, or the same consonant skeleton. Results are cached
    per word, so a batch of a million reports pays for each typo once.
    """

    def __init__(self, min_length: int = 5):
        self.min_length = min_length
        targets, self.known, self.synonyms = _vocabulary()
        self.targets = sorted(targets)
        self.skeletons: dict[str, set[str]] = {}
        for t in self.targets:
            if len(t) >= 6:
                self.skeletons.setdefault(_skeleton(t), set()).add(t)
        self.cache: dict[str, str | None] = {}

    def correct(self, word: str) -> str | None:
        if word in self.cache:
            return self.cache[word]
        result: str | None = None
        if word in self.synonyms:
            result = self.synonyms[word]
        elif len(word) >= self.min_length and word.isalpha() and word not in self.known:
            limit = 1 if len(word) < 8 else 2
            best = extract(word, self.targets, scorer=OSA.distance, score_cutoff=limit, limit=3)
            # a longer real word built on a lexicon word ("decompressed") is not a typo of it
            best = [b for b in best if b[0] not in word] if best else best
            if best:
                top = best[0][1]
                ties = {b[0] for b in best if b[1] == top}
                # ties between inflections of one word are fine ("protrusion"/"protrusions")
                if len(ties) == 1 or len({t.rstrip("s") for t in ties}) == 1:
                    result = min(ties, key=len) if len(ties) > 1 else best[0][0]
            if result is None and len(word) >= 6:
                cands = self.skeletons.get(_skeleton(word))
                if cands and len(cands) == 1:
                    result = next(iter(cands))
        if len(self.cache) > 100_000:  # bounded: a batch of millions of reports meets many names
            self.cache.clear()
        self.cache[word] = result
        return result

    def __call__(self, doc: Doc) -> Doc:
        tk = Tokens(doc)
        known = self.known
        for i, norm in enumerate(tk.norms):
            if norm in known or tk.space[i] or not norm.isalpha():
                continue
            fixed = self.correct(norm)
            if fixed is not None:
                doc[i].norm_ = fixed
                tk.norms[i] = fixed
        doc.user_data["spinelens_tokens"] = tk
        return doc


# ---------------------------------------------------------------- relations


@Language.factory("spinelens_relations")
def make_relations(nlp: Language, name: str) -> "RelationResolver":
    return RelationResolver()


_COORD = {"and", "or", "nor", "&", "/", ",", "as", "well", "both", "the", "a", "an", "of", "its", "their",
          "left", "right", "lt", "rt", "bilateral", "central", "neural", "lateral", "foraminal", "exit",
          "exiting", "traversing", "spinal", "recess", "recesses", "sac", "sided", "-", "nerve", "root", "roots"}
_AUX = {"is", "are", "was", "were", "appears", "appear", "appeared", "seems", "seem", "also", "still", "now",
        "relatively", "slightly", "mildly", "moderately", "severely", "markedly", "significantly", "largely",
        "minimally", "mild", "moderate", "severe", "significant", "marked", "not", "be", "been", "being",
        "remains", "remain", "noted", "seen", "otherwise", "somewhat", "more", "less", "most", "widely",
        "critically", "diffusely", "focally", "bilaterally", "which", "that", "visibly", "further", "and", ","}
_NEGATORS = {"without", "not", "no", "nor"}
# A finding after a coordinated object lends it its relation: "canal or foraminal stenosis",
# "facet joint and ligamentum flavum hypertrophy".
_COORDINATED_TYPES = {"central_canal_stenosis": "REL_COMPRESS", "foraminal_stenosis": "REL_COMPRESS",
                      "lateral_recess_stenosis": "REL_COMPRESS", "ligamentum_flavum_hypertrophy": "REL_HYPERTROPHY",
                      "facet_arthropathy": "REL_HYPERTROPHY"}


class Match:
    """A lexicon match before it becomes a finding: plain Python, so the hundred or so relation
    and object words of a report cost no spaCy Span objects."""

    __slots__ = ("label_", "start", "end", "rule", "forced")

    def __init__(self, label: str, start: int, end: int, rule: Any):
        self.label_, self.start, self.end, self.rule, self.forced = label, start, end, rule, None


def raw_matches(doc: Doc) -> list[Match]:
    """The target stage's matches (fast engine), or medspaCy's TargetMatcher spans."""
    found = doc.user_data.get(RAW_GROUP)
    if found is not None:
        return found
    return [Match(s.label_, s.start, s.end, s._.target_rule) for s in doc.spans.get(RAW_GROUP, [])]


def _priority(label: str) -> int:
    """Tie-break between equally long matches: exclusions, then findings, objects, relations."""
    if label == "EXCLUDE":
        return 0
    if label in _FINDINGS:
        return 1
    return 2 if label.startswith("OBJ_") else 3


def _prune(spans: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (ties by the priority above), in text order."""
    taken: set[int] = set()
    kept: list[Match] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), _priority(s.label_), s.start)):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        kept.append(span)
    return sorted(kept, key=lambda s: s.start)


class RelationResolver:
    """Turn matched spans into finding spans.

    Finding rules become findings directly; exclusions are dropped; an object
    ("thecal sac", "exit canals") becomes a finding only with a relation word that the
    relations table pairs it with.
    """

    def __init__(self) -> None:
        rel = load_relations()
        self.table: dict[tuple[str, str], dict[str, Any]] = {
            (e["object"], e["relation"]): e for e in rel["relations"]
        }
        # Place words are looked up per token rather than matched as spans: they are the
        # commonest words of a report ("at", "in") and would be most of the matches.
        self.locatives: set[str] = set()
        for rule in rel["target_rules"]:
            if rule["category"] == "REL_LOCATIVE":
                for tok in rule.get("pattern") or [{"NORM": {"IN": rule["literal"].split()}}]:
                    value = tok.get("NORM", tok.get("LOWER"))
                    self.locatives.update(value["IN"] if isinstance(value, dict) else [value])

    def __call__(self, doc: Doc) -> Doc:
        matched = raw_matches(doc)
        # symptoms compete only with symptoms: "prior laminectomy" is a symptom in the history
        # and a finding in the findings
        raw = sorted(_prune([s for s in matched if not s.label_.startswith("SYM_")])
                     + _prune([s for s in matched if s.label_.startswith("SYM_")]), key=lambda s: s.start)
        owner: dict[int, Match] = {}
        for span in raw:
            if span.label_.startswith("SYM_"):
                continue
            for i in range(span.start, span.end):
                owner[i] = span
        out: list[Span] = []
        for span in raw:
            label = span.label_
            if label in _FINDINGS or label.startswith("SYM_"):
                out.append(self._finding(doc, span, span.start, span.end, label))
                rule = span.rule
                also = (rule.metadata or {}).get("also") if rule else None
                if also:
                    out.append(self._finding(doc, span, span.start, span.end, also))
            elif label.startswith("OBJ_"):
                rel = self._relation(doc, span, owner)
                if rel is None:
                    continue
                rel_class, rel_span = rel
                entry = self.table.get((label, rel_class))
                if entry is None:
                    continue
                f = self._finding(doc, span, span.start, span.end, entry["type"])
                fi = info(f)
                fi.forced_certainty = span.forced
                fi.relation = Span(doc, rel_span.start, rel_span.end, label=rel_span.label_)
                if entry.get("certainty") == "absent":
                    info(f).forced_certainty = "absent"
                out.append(f)
        doc.spans[FINDINGS_GROUP] = out
        return doc

    @staticmethod
    def _finding(doc: Doc, source: Match, start: int, end: int, label: str) -> Span:
        span = Span(doc, start, end, label=label)
        rule = source.rule
        info(span).finding_type = label
        info(span).rule = (rule.metadata or {}).get("file", "") + ":" + rule.literal if rule else None
        if rule and rule.attributes:
            for key, value in rule.attributes.items():
                setattr(info(span), key, value)
        return span

    def _relation(self, doc: Doc, obj: Match, owner: dict[int, Match]) -> tuple[str, Match] | None:
        sent = sent_of(doc, obj.start)
        # 1. after the object: a coordinated noun ("... or nerve root compression"), a stenosis
        #    finding ("canal or foraminal stenosis") or a predicate ("canal is adequate").
        i = obj.end
        negated = False
        tk = toks(doc)
        while i < sent.end:
            norm = tk.norms[i]
            span = owner.get(i)
            if span is not None:
                lab = span.label_
                if lab.startswith("REL_"):
                    # an active verb after the object governs what follows it
                    if lab == "REL_LOCATIVE" or tk.texts[span.end - 1].lower().endswith("ing"):
                        break
                    if negated:  # "abutting the thecal sac without compression"
                        obj.forced = "absent"
                    return lab, span
                if lab in _COORDINATED_TYPES:
                    return _COORDINATED_TYPES[lab], span
                if lab.startswith("OBJ_") or (lab in _FINDINGS and i - obj.end <= 0):
                    i = span.end
                    continue
                break
            if norm in _COORD or norm in _AUX or tk.space[i] or norm in _NEGATORS:
                if norm in _NEGATORS:
                    negated = True
                i += 1
                if i - obj.end > 10:
                    break
                continue
            break
        # 2. before the object: the nearest relation word in the statement.
        j = obj.start - 1
        while j >= sent.start:
            span = owner.get(j)
            if span is not None and span.label_.startswith("REL_"):
                lab = span.label_
                if lab == "REL_LOCATIVE":
                    return None
                if lab in ("REL_ADEQUATE", "REL_ABNORMAL") and obj.start - span.end > 3:
                    j = span.start - 1
                    continue
                if lab == "REL_HYPERTROPHY" and obj.start - span.end > 6:
                    return None
                return lab, span
            if span is not None:
                j = span.start - 1
                continue
            if tk.texts[j] in (";", ":") or tk.norms[j] in self.locatives:
                return None
            j -= 1
        return None


# ---------------------------------------------------------------- levels


@Language.factory("spinelens_levels")
def make_levels(nlp: Language, name: str) -> "LevelFinder":
    return LevelFinder()


class LevelFinder:
    """Record every level mention (``Doc._.spinelens_levels``)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.spinelens_levels = find_level_groups(doc_text(doc))
        return doc


# ---------------------------------------------------------------- attributes


@Language.factory("spinelens_attributes")
def make_attributes(nlp: Language, name: str) -> "AttributeReader":
    return AttributeReader()


_NP_STOP = {".", ";", ":", "with", "of", "at", "in", "on", "by", "noted", "seen", "is", "are", "was", "were",
            "there", "which", "from", "into", "compressing", "abutting", "causing", "//", "///", "("}
_CONNECTIVE = {"noted", "seen", "is", "are", "was", "were", "present", "identified", "demonstrated", "also", "again",
               "at", "in", "on", "of", "the", "level", "levels", "with", "and", "mainly", "mostly", "most",
               "prominent", "especially", "particularly", "predominantly", "from", "between", "involving",
               "affecting", "(", ")", ",", "-", ":", "&", "/", "more", "to", "side", "sided", "a", "an", "disc",
               "space", "interspace", "segment", "visualized", "this", "that", "both", "left", "right",
               "lt", "rt", "bilateral", "just", "lower", "upper", "its", "there", "noticeably", "notably",
               "mild", "mildly", "moderate", "severe", "small", "large", "diffuse", "focal", "central",
               "paracentral", "broad", "based", "wide", "base", "marked", "pronounced", "worst",
               "advanced", "greatest", "evident"}
_CONTINUATION = {"with", "and", "associated", "also", "causing", "resulting", "compressing", "indenting",
                 "encroaching", "narrowing", "abutting", "effacing", "displacing"}
_ANAPHORA = {"this", "these", "the above", "above", "said", "same", "mentioned", "aforementioned"}
_THIS_LEVEL = re.compile(r"\b(?:at|on|of)\s+(?:this|that|the same|these|those)\s+(?:disc\s+)?levels?\b", re.I)
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
_NO_INHERIT = re.compile(r"\b(?:multi-?levels?|elsewhere|other levels|remaining levels|all levels|several levels)\b", re.I)
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(mm|cm|millimet(?:er|re)s?|centimet(?:er|re)s?)\b", re.I)
_GRADE = re.compile(r"\bgrade\s*-?\s*(iv|iii|ii|i|[1-4]|one|two|three|four)\b|\b(iv|iii|ii|i|[1-4])(?:st|nd|rd|th)?\s*-?\s*grade\b", re.I)
_MODIC = re.compile(r"\b(?:modic|type)\s*-?\s*(iii|ii|i|[123])\b|\b(iii|ii|i|[123])\s+modic\b", re.I)
_FOLLOW_SIDE = re.compile(
    r"\b(?:more\s+(?:to(?:wards?)?|on)\s+(?:the\s+)?|to(?:wards?)?\s+the\s+|on\s+the\s+|\(\s*|predominantly\s+|"
    r"slightly\s+to\s+(?:the\s+)?|extending\s+(?:more\s+)?to\s+(?:the\s+)?|in\s+the\s+)"
    r"(left|right|lt|rt)\b(?:\s*[- ]?sided?)?|\b(left|right)\s+(?:greater|more)\s+than\s+(?:the\s+)?(?:left|right)\b"
    r"|\b(left|right|lt|rt)\s*[- ]?sided?\b",
    re.I,
)


def _level_from_root(root: str | None, relation: str | None) -> str | None:
    from .levels import _INDEX, level_of_root

    if not root or relation is None or root not in _INDEX:
        return None
    return level_of_root(root, relation)


class AttributeReader:
    """Level, side, zone, severity, size, grade, direction, Modic type, fracture acuity,
    nerve roots, section: read from the words around each finding."""

    def __init__(self) -> None:
        a = load_table("attributes")
        self.severity: dict[str, str] = a["severity"]
        self.side: dict[str, str] = a["side"]
        self.zone: dict[str, str] = a["zone"]
        self.zone_priority: list[str] = a["zone_priority"]
        self.root_relation: dict[str, str] = a["root_relation"]
        self.acuity: dict[str, str] = a["acuity"]
        self.pathologic: dict[str, bool] = a["pathologic"]
        self.grade: dict[str, int] = a["grade"]
        self.plural = set(a["plural_objects"])
        self.multilevel = set(a["multilevel"])
        self.body_types = set(a["body_level_types"])
        self.disc_zone_types = set(a["disc_types_for_zone"])
        self.global_types = set(a["global_types"])
        # a marrow or bone finding is not at the disc level of an "L4-5:" header above it
        self.no_header_level = set(a["no_header_level_types"])
        self.max_phrase = max(len(k.split()) for k in (*self.severity, *self.side, *self.zone))
        self._firsts = {k.split()[0] for k in (*self.severity, *self.side, *self.zone)}

    # -- small helpers
    def _phrases(self, words: list[str], table: dict[str, str]) -> list[str]:
        """Values of table phrases found in words, longest phrases first, in order."""
        found: list[tuple[int, str]] = []
        firsts = self._firsts
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

    def _window_before(self, doc: Doc, span: Span, owned: set[int]) -> list[int]:
        """Token indices of the words just before a finding, up to a stop word or another finding."""
        tk = toks(doc)
        sent_start = sent_of(doc, span.start).start
        out: list[int] = []
        j = span.start - 1
        while j >= sent_start and len(out) < 7:
            if (j in owned and not span.start <= j < span.end) or tk.norms[j] in _NP_STOP \
                    or tk.texts[j] in _NP_STOP or tk.texts[j] == ",":
                break
            out.append(j)
            j -= 1
        out.reverse()
        return out

    def __call__(self, doc: Doc) -> Doc:
        spans = [s for s in doc.spans[FINDINGS_GROUP] if not s.label_.startswith("SYM_")] \
            if FINDINGS_GROUP in doc.spans else []
        for s in doc.spans.get(FINDINGS_GROUP, []):
            if s.label_.startswith("SYM_"):
                self._section(s)
        groups: list[LevelGroup] = doc._.spinelens_levels or []
        owned: dict[int, Span] = {}
        for s in spans:
            for i in range(s.start, s.end):
                owned.setdefault(i, s)
            rel = info(s).relation
            if rel is not None:
                for i in range(rel.start, rel.end):
                    owned.setdefault(i, rel)
        owned_idx = set(owned)
        tk = toks(doc)
        spans.sort(key=lambda s: s.start)
        for k, span in enumerate(spans):
            fi = info(span)
            self._section(span)
            before = self._window_before(doc, span, owned_idx)
            words_before = [tk.norms[j] for j in before]
            inner = tk.norms[span.start:span.end]
            self._side(doc, span, before, inner, spans, k)
            self._severity(doc, span, words_before, inner)
            if fi.finding_type in self.disc_zone_types:
                zones = self._phrases(words_before + inner, self.zone)
                if zones:
                    fi.zone = min(zones, key=self.zone_priority.index)
            fi.multilevel = any(w in self.multilevel for w in words_before + inner) or self._with_chain(
                doc, span, spans, k, before
            )
            self._numbers(doc, span, before)
            if fi.finding_type in ("nerve_root_compression", "nerve_root_contact"):
                self._roots(span)
            if fi.finding_type == "extraspinal_finding":
                fi.detail = tk.text(doc, before[0] if before else span.start, span.end)
        for span in spans:
            info(span).levels = self._levels(doc, span, groups, spans)
        for span in spans:
            if info(span).finding_type in ("nerve_root_compression", "nerve_root_contact"):
                self._infer_roots(span)
        return doc

    def _section(self, span: Span) -> None:
        doc = span.doc
        sec = section_at(doc, span.start_char)
        category = sec.category if sec is not None else None
        if category in ("exam", "history", "technique", "comparison"):
            # "MRI OF THE LUMBOSACRAL SPINE" titles a report whose findings follow unheaded: the
            # exam section is its own line only. History, technique and comparison end at a
            # blank line ("Clinical information: ...\n\nThere is a mild scoliosis ...").
            between = doc_text(doc)[sec.start:span.start_char]
            if ("\n" in between) if category == "exam" else _BLANK_LINE.search(between):
                category = None
        info(span).section = category

    def _with_chain(self, doc: Doc, span: Span, spans: list[Span], k: int, before: list[int]) -> bool:
        """A finding joined by 'with' to a multilevel one is multilevel too."""
        start = before[0] if before else span.start
        norms = toks(doc).norms
        j = start - 1
        while j >= 0 and norms[j] in ("noted", "seen", "with", "and", "associated"):
            j -= 1
        if j == start - 1:
            return False
        for prev in spans[:k][::-1]:
            if prev.end - 1 == j:
                return bool(info(prev).multilevel)
        return False

    def _side(self, doc: Doc, span: Span, before: list[int], inner: list[str], spans: list[Span], k: int) -> None:
        fi = info(span)
        ftype = fi.finding_type
        if ftype == "central_canal_stenosis":
            return
        tk = toks(doc)
        sides = self._phrases(inner, self.side) or self._phrases([tk.norms[j] for j in before], self.side)
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
        end = sent_of(doc, span.start).end
        for nxt in spans[k + 1:]:
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
        if m:
            word = next(g for g in m.groups() if g)
            if m.group(2):
                fi.side = "bilateral"
            else:
                fi.side = self.side.get(word.lower())

    def _severity(self, doc: Doc, span: Span, words_before: list[str], inner: list[str]) -> None:
        fi = info(span)
        sev = self._phrases(words_before + inner, self.severity)
        rel = fi.relation
        if rel is not None:
            # "mild compressing", "significantly compressing", "is moderately narrowed"
            lo = max(sent_of(doc, rel.start).start, rel.start - 3)
            near = [w for w in toks(doc).norms[lo:rel.start] if w not in ("the", "and")]
            sev = self._phrases(near[-2:], self.severity) + sev
        if sev:
            order = ["minimal", "mild", "mild-moderate", "moderate", "moderate-severe", "severe"]
            fi.severity = sev[0] if rel is not None else max(sev, key=order.index)

    def _numbers(self, doc: Doc, span: Span, before: list[int]) -> None:
        fi = info(span)
        tk = toks(doc)
        sent = sent_of(doc, span.start)
        lo = before[0] if before else span.start
        hi = min(sent.end, span.end + 8)
        window = tk.text(doc, max(sent.start, lo - 3), hi)
        ftype = fi.finding_type
        if ftype in self.disc_zone_types or ftype in ("synovial_cyst", "perineural_cyst", "extraspinal_finding",
                                                      "hemangioma", "neoplasm"):
            m = _SIZE.search(window)
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
            words = tk.norms[sent.start:sent.end]
            for w in words:
                if w in self.acuity and fi.acuity is None:
                    fi.acuity = self.acuity[w]
                if w in self.pathologic and fi.pathologic is None:
                    fi.pathologic = self.pathologic[w]
            nxt = sent.end
            if nxt < len(doc):
                follow = [t.norm_ for t in sent_of(doc, nxt)]
                if "fracture" in follow:
                    for w in follow:
                        if w in self.pathologic and fi.pathologic is None:
                            fi.pathologic = self.pathologic[w]
                        if w in self.acuity and fi.acuity is None:
                            fi.acuity = self.acuity[w]

    def _roots(self, span: Span) -> None:
        roots: list[str] = []
        relation = None
        for tok in span:
            t = tok.norm_
            if re.fullmatch(r"(?:l[1-6]|s[1-5]|t1[0-2])", t):
                roots.append(t.upper())
            elif t in self.root_relation:
                relation = self.root_relation[t]
        if relation is None:
            # "the L4 root within the neural foramen" exits there; "within the lateral recess" traverses
            doc = span.doc
            after = toks(doc).norms[span.end:min(span.end + 6, sent_of(doc, span.start).end)]
            if after[:1] and after[0] in ("within", "in", "at"):
                if any(w in ("foramen", "foramina", "foraminal", "neuroforamen") for w in after):
                    relation = "exiting"
                elif "recess" in after:
                    relation = "traversing"
        info(span).nerve_roots = [{"root": r, "side": None, "relation": relation} for r in roots] or (
            [{"root": None, "side": None, "relation": relation}] if relation else []
        )

    def _infer_roots(self, span: Span) -> None:
        """Name the root from level + relation (at Lx-Ly exiting = Lx, traversing = Ly);
        an explicit root wins, and its relation is kept only when the anatomy agrees."""
        fi = info(span)
        levels = [lv for lv in (fi.levels or []) if lv and "-" in lv]
        side = fi.side
        sides = ["left", "right"] if side == "bilateral" else [side]
        out: list[dict[str, Any]] = []
        for entry in fi.nerve_roots or []:
            root, relation = entry["root"], entry["relation"]
            if root is None:
                if not levels or relation is None:
                    continue
                root = root_at(levels[0], relation)
            elif relation is not None and levels and root != root_at(levels[0], relation):
                relation = None
            for s in sides:
                out.append({"root": root, "side": s, "relation": relation})
        fi.nerve_roots = out

    # -- levels
    def _levels(self, doc: Doc, span: Span, groups: list[LevelGroup], spans: list[Span]) -> list[str | None]:
        fi = info(span)
        ftype = fi.finding_type
        if ftype in self.global_types:
            return [None]
        sent = sent_of(doc, span.start)
        s0, s1 = sent.start_char, sent.end_char
        in_sent = [g for g in groups if s0 <= g.start < s1]
        want = "body" if ftype in self.body_types else "disc"
        preferred = [g for g in in_sent if g.kind == want] or in_sent
        chosen = self._choose(doc, span, preferred, spans) if preferred else None
        header = self._header_for(doc, span, groups, sent)
        if chosen is not None:
            levels: list[str | None] = list(chosen.levels)
            if chosen.emphasis:
                if header is not None and header.alone and not any(not g.emphasis for g in in_sent):
                    levels = header.levels + [lv for lv in levels if lv not in header.levels]
                elif fi.multilevel:
                    levels = [None] + levels
            return levels
        if fi.multilevel or _NO_INHERIT.search(sent.text):
            return [None]
        if self._anaphoric(doc, span):
            for prev in reversed([s for s in spans if s.end <= span.start]):
                if info(prev).finding_type == ftype and info(prev).levels and info(prev).levels != [None]:
                    return list(info(prev).levels)
        if ftype in ("nerve_root_compression", "nerve_root_contact"):
            # "the exiting right L3 root": a named root and its relation give the level
            for r in fi.nerve_roots or []:
                level = _level_from_root(r.get("root"), r.get("relation"))
                if level:
                    return [level]
        if want == "body" or ftype in self.no_header_level:
            return [None]
        cont = self._continuation(doc, sent, groups)
        if cont is None and _THIS_LEVEL.search(sent.text):
            cont = self._previous_group(doc, sent, groups)
        if cont is not None:
            return list(cont.levels)
        if header is not None:
            same_line = "\n" not in doc_text(doc)[header.end:span.start_char]
            # a later line that states its own level ends the header's reach
            line_start = doc_text(doc).rfind("\n", 0, span.start_char)
            if any(header.end < g.start < line_start for g in groups):
                return [None]
            negated = bool(getattr(span._, "is_negated", False)) or fi.forced_certainty == "absent"
            if same_line or header.alone or not negated:
                return list(header.levels)
        return [None]

    def _choose(self, doc: Doc, span: Span, groups: list[LevelGroup], spans: list[Span]) -> LevelGroup:
        """The level group a finding belongs to: one right after it ('protrusion at L5-S1'),
        else the nearest before it, else the nearest after it."""
        end_char = span.end_char
        rel = info(span).relation
        if rel is not None and rel.end_char > end_char and rel.start > span.start:
            end_char = rel.end_char
        after = [g for g in groups if g.start >= end_char]
        if after:
            g = after[0]
            gap = doc.char_span(end_char, g.start, alignment_mode="expand")
            if gap is not None and self._connective(gap, spans):
                return g
        before = [g for g in groups if g.end <= span.start_char]
        if before:
            return before[-1]
        return after[0] if after else groups[0]

    @staticmethod
    def _connective(gap: Span, spans: list[Span]) -> bool:
        covered = set()
        for s in spans:
            if s.start < gap.end and s.end > gap.start:
                covered.update(range(s.start, s.end))
        words = 0
        for tok in gap:
            if tok.i in covered or tok.is_space:
                continue
            norm = tok.norm_
            if norm in _CONNECTIVE or norm.endswith("ly") or tok.is_punct and tok.text not in {".", ";"}:
                words += 1
                continue
            return False
        return words <= 14

    @staticmethod
    def _header_for(doc: Doc, span: Span, groups: list[LevelGroup], sent: Span) -> LevelGroup | None:
        """The nearest 'L4-5:' header above the finding in the same section and paragraph."""
        text = doc_text(doc)
        for g in reversed(groups):
            if not g.header or g.start >= span.start_char:
                continue
            between = text[g.end:span.start_char]
            if "\n\n" in between.replace("\r", "") or re.search(r"\n\s*\n", between):
                return None
            if section_at(doc, g.start) is not section_at(doc, span.start_char):
                return None  # a header reaches only within its own section
            return g
        return None

    @staticmethod
    def _continuation(doc: Doc, sent: Span, groups: list[LevelGroup]) -> LevelGroup | None:
        """A statement that continues the one before ('With spinal canal stenosis noted.',
        'Compressing the thecal sac') takes its level."""
        first = next((t for t in sent if not t.is_space and not t.is_punct), None)
        if first is None or first.norm_ not in _CONTINUATION:
            return None
        if first.i == 0:
            return None
        prev = sent_of(doc, first.i - 1) if not doc[first.i - 1].is_space else sent_of(doc, max(sent.start - 1, 0))
        prev_groups = [g for g in groups if prev.start_char <= g.start < prev.end_char]
        return prev_groups[-1] if prev_groups else None

    @staticmethod
    def _previous_group(doc: Doc, sent: Span, groups: list[LevelGroup]) -> LevelGroup | None:
        """The last level stated before this statement ('... narrowing at this level')."""
        before = [g for g in groups if g.end <= sent.start_char]
        return before[-1] if before else None

    @staticmethod
    def _anaphoric(doc: Doc, span: Span) -> bool:
        lo = max(sent_of(doc, span.start).start, span.start - 3)
        words = " ".join(toks(doc).norms[lo:span.start])
        return any(a in words.split() or a in words for a in _ANAPHORA)


# ---------------------------------------------------------------- symptoms


@Language.factory("spinelens_symptoms")
def make_symptoms(nlp: Language, name: str) -> "SymptomReader":
    return SymptomReader()


_LIMB = {"leg", "legs", "foot", "feet", "thigh", "calf", "buttock", "arm", "lower", "knee", "ankle", "toe", "hip",
         "sided", "side", "sciatica", "radicular", "radiculopathy"}
_TERRITORY_FILLER = {"the", "of", "a", "an", "his", "her", "their", "left", "right", "lt", "rt", "both", "bilateral",
                     "l", "r", "on", "over", "to", "into", "down", "and"}


class SymptomReader:
    """Side and nerve roots of each symptom, from the words of its statement: territory
    ('to the great toe'), movement ('foot drop') and reflex ('absent ankle jerk') map to
    roots by the tables in lexicons/clinical.json."""

    def __init__(self) -> None:
        table = load_table("clinical")
        maps = [table["territory"], table["movement"], table["reflex"]]
        # phrases compared without filler and side words: "dorsum of the right foot" ~ "dorsum of the foot"
        self.phrases = [(f" {' '.join(w for w in k.split() if w not in _TERRITORY_FILLER)} ", v)
                        for m in maps for k, v in m.items()]
        self.side = load_table("attributes")["side"]

    def __call__(self, doc: Doc) -> Doc:
        tk = toks(doc)
        for span in doc.spans.get(FINDINGS_GROUP, []):
            if not span.label_.startswith("SYM_"):
                continue
            sent = sent_of(doc, span.start)
            # the clause around the symptom: up to a full stop, semicolon or the next symptom
            lo, hi = sent.start, sent.end
            for j in range(span.start - 1, sent.start - 1, -1):
                if tk.texts[j] in (";", ","):
                    lo = j + 1
                    break
            for j in range(span.end, sent.end):
                if tk.texts[j] == ";":
                    hi = j
                    break
            words_full = tk.norms[lo:hi]
            words = [w for w in words_full if w not in _TERRITORY_FILLER]
            found = info(span)
            sides = [self.side[w] for w in words_full if w in self.side and w not in ("both",)]
            # "L leg pain", "R foot numbness": a lone letter before a limb word is a side
            sides += [{"l": "left", "r": "right"}[w] for w, nxt in zip(words_full, words_full[1:] + [""], strict=True)
                      if w in ("l", "r") and nxt in _LIMB]
            if "both" in words_full or "bilateral" in sides or len(set(sides)) > 1:
                found.side = "bilateral"
            elif sides:
                found.side = sides[0]
            roots: list[str] = []
            explicit = [w.upper() for w in words_full if re.fullmatch(r"(?:l[1-5]|s[12])", w)]
            roots.extend(explicit)
            joined = " ".join(words_full)
            joined_short = f" {' '.join(words)} "
            if span.label_[4:] in ("radicular_pain", "sensory_deficit", "motor_weakness", "reflex_change",
                                   "progressive_deficit"):
                for phrase, rs in self.phrases:
                    if phrase in joined_short:
                        roots.extend(r for r in rs if r not in roots)
            else:
                roots = []
            found.nerve_roots = [{"root": r} for r in dict.fromkeys(roots)]
            found.detail = "below_knee" if re.search(
                r"\b(?:below the knee|calf|shin|foot|feet|toe|toes|ankle|heel|sole)\b", joined) else None
        return doc
