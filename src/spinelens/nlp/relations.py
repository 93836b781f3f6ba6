"""Stage 6, relations: lexicon matches become finding spans; an object ('thecal sac', 'exit canals')
becomes a finding only with a relation word the relations table pairs it with."""

import re
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import finding_types, load_relations
from .clauses import ClauseReader
from .context import _CONTRAST_WORDS, _EXCEPTED
from .extensions import FINDINGS_GROUP, RAW_GROUP, info
from .tokens import Bounds, sent_bounds, toks


@cache
def _findings() -> frozenset[str]:
    return frozenset(finding_types())


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
        "critically", "diffusely", "focally", "bilaterally", "which", "that", "visibly", "further", "and", ",",
        "longer",  # 'no longer compressed': 'no' denies it
        # adverbs of certainty and degree ('the cauda equina is clearly compressed' had lost its relation: a missed red flag)
        "clearly", "definitely", "definitively", "obviously", "unequivocally", "certainly", "convincingly", "frankly",
        "overtly", "considerably", "substantially", "grossly", "very", "quite", "again", "just"}
_LEVEL_TOKEN = re.compile(r"^[ctls]\d{1,2}(?:[-/][ctls]?\d{1,2})?$")  # 'l4/5', 'l4-l5', 't12'
_LEVEL_FILLER = {"the", "level", "levels", "-", "/", "and", "&", "to", "through"}
_PREPOSITIONS = {"within", "in", "into", "of", "at", "to", "from", "through", "along", "beside", "behind", "near"}
_NOT_ADVERB_LY = {"early", "family", "anomaly", "assembly", "reply", "supply", "rally", "belly", "jelly", "poly"}
_NEGATORS = {"without", "not", "no", "nor"}
# words between a denial and the relation noun it denies ('no significant compression', 'no evidence of compression')
_DENIAL_PADDING = {"significant", "evidence", "of", "definite", "obvious", "gross", "appreciable", "any", "frank", "clear"}
# what opens a clause that says something else of another subject ('No stenosis, but the cord shows abnormal signal')
_CLAUSE_CONTRAST = {"but", "however", "whereas", "while", "although", "though", "yet"}


def _opens_clause(tk: Any, j: int, start: int) -> bool:
    """Token j opens a clause of its own: a contrast ('but', 'however'), or ', and' ('No cord compression, and the cord
    shows normal signal')."""
    return tk.norms[j] in _CLAUSE_CONTRAST or tk.norms[j] == "and" and j > start and tk.norms[j - 1] == ","
# a copula denied right before its predicate ('signal is not altered', 'are not significantly abnormal')
_COPULA_DENIED = tuple(f"{be} not{adv}" for be in ("is", "are", "was", "were", "be") for adv in
                       ("", " significantly", " appreciably"))
_COPULA_HEDGED = tuple(f"{be} not {adv}" for be in ("is", "are", "was", "were", "be") for adv in
                       ("clearly", "definitely", "convincingly", "definitively", "obviously"))  # a denial left open
# the words that deny a predicate written before it ('shows no signal abnormality'), and the words that may stand
# between the two ('no evidence of abnormal signal', 'without any intrinsic signal change')
_DENIED_BEFORE = frozenset({"no", "without", "nil", "not"})
_PLACE_WORDS = frozenset({"in", "within", "at", "into"})
_EXCEPTING = _EXCEPTED | _CONTRAST_WORDS | {"beyond"}  # (ConText's exception and contrast words, and 'beyond')
_DENIAL_FILLERS = frozenset({"signal", "evidence", "sign", "signs", "of", "any", "intrinsic", "intramedullary", "focal",
                             "significant", "definite", "abnormal", "t2", "cord", "convincing", "obvious", "new"})


def _goes_on(tk: Any, start: int, end: int, owner: dict[int, Any]) -> bool:
    """A relation word or finding after a denied predicate, not one more item of its denied list ('no signal
    abnormality or expansion'): the statement goes on to state something ('..., and is flattened at T12')."""
    for i in range(start, end):
        here = owner.get(i)
        if here is None or here.start != i or here.label_ == "REL_LOCATIVE":
            continue
        if here.label_ == "REL_ADEQUATE" or _DENIED_BEFORE.intersection(tk.norms[max(start, i - 3):i]):
            continue  # ('..., with no compression', '... and the conus is normal': nothing stated)
        if (here.label_.startswith("REL_") or not here.label_.startswith("OBJ_")) and tk.norms[i - 1] not in ("or", "nor"):
            return True
    return False


def _denied_before(between: list[str]) -> bool:
    """A denial among the last words before a subject's predicate, only fillers after it."""
    for k in range(len(between) - 1, max(-1, len(between) - 6), -1):
        if between[k] in _DENIED_BEFORE:
            return True
        if between[k] not in _DENIAL_FILLERS:
            return False
    return False
_BE = {"is", "are", "was", "were", "appears", "appear", "seems", "remains", "be", "been"}
# what may open a statement before its 'it': a level ('At L4/5 it is severely compressed')
_LEVEL_LEAD = {"at", "on", "in", "the", "level", "levels", ",", "-", "/"}
_LEVELISH = re.compile(r"^(?:[ctlsd]\d{1,2}(?:[-/][ctlsd]?\d{1,2})?|\d{1,2})$")
# what joins a structure's second predicate to its first, and the words that may stand between them
_PREDICATE_JOIN = {"but", "and", "yet", ";", "though", "although", "however"}
_PREDICATE_GAP = {"it", "its", "is", "are", "was", "were", "does", "do", "did", "shows", "show", "showed", "has", "have",
                  "had", "demonstrates", "demonstrated", "displays", "reveals", "there", "also", "with", "focal", ",",
                  "some", "subtle", "faint", "mild", "mildly", "moderate", "severe", "marked", "intrinsic", "intramedullary",
                  "increased", "high", "t2", "stir", "a", "an", "the", "this", "that", "level", "at", "appears", "seems",
                  "severely", "markedly", "moderately", "significantly", "clearly", "now", "newly", "focally", "still",
                  "further", "again", "on", "mri", "ct", "today", "signal"}
# a second predicate of an earlier study is not the current one ('it was compressed on the previous study')
_PAST_PREDICATE = {"was", "were", "had", "previously", "prior", "previous", "preoperatively", "preoperative", "before",
                   "formerly", "earlier"}
# a hedge between a structure and its verb: 'the cauda equina may be compressed' is possible (findings.md: may)
_HEDGES = {"may", "might", "could", "likely", "probably", "possibly", "potentially", "perhaps", "questionably",
           "presumably", "apparently", "seemingly", "reportedly", "arguably", "conceivably"}
# what may stand before a structure that is the subject of its clause
_SUBJECT_LEAD = {"the", "a", "an", "both", "bilateral", "left", "right", "lt", "rt", "distal", "lower", "visualized",
                 "visualised", "imaged", "included",
                 "vertebral", "body", "bodies", "bone"}  # ('The vertebral body marrow shows abnormal signal at L2')
# A finding after a coordinated object lends it its relation: "canal or foraminal stenosis",
# "facet joint and ligamentum flavum hypertrophy".
_COORDINATED_TYPES = {"central_canal_stenosis": "REL_COMPRESS", "foraminal_stenosis": "REL_COMPRESS",
                      "lateral_recess_stenosis": "REL_COMPRESS", "ligamentum_flavum_hypertrophy": "REL_HYPERTROPHY",
                      "facet_arthropathy": "REL_HYPERTROPHY"}


# what follows an '-ing' verb (its object), not an '-ing' noun ('cord flattening at T6-7')
_DETERMINERS = {"the", "a", "an", "both", "left", "right", "lt", "rt", "bilateral", "its", "their", "adjacent",
                "upon", "on", "onto", "into", "against", "toward", "towards"}
# 'signal within the cord': where a signal change is, not where something extends to
_SIGNAL_PLACE = {"within", "in", "involving", "of"}
_POSITION = {"lateral", "posterior", "anterior", "right", "left", "the", "aspect", "of", "dorsal", "ventral", "central",
             "distal", "upper", "lower", "cervical", "thoracic", "lt", "rt", "portion", "part"}
_SIGNAL_WORDS = {"signal", "intensity", "enhancement", "edema", "oedema", "hyperintensity", "hyperintensities",
                 "abnormality", "abnormalities", "change", "changes"}


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
    if label in _findings():
        return 1
    return 2 if label.startswith("OBJ_") else 3


def _of_symptoms(span: Match) -> bool:
    """An exclusion from symptoms.json (its rule's file)."""
    return span.rule is not None and (span.rule.metadata or {}).get("file") == "symptoms"


# an adverb after 'not': 'significantly' denies a degree ('not significantly displacing'); any other adverb of manner
# leaves the denial open ('not clearly / overtly / unequivocally compressing': possible; a red flag stays one)
_DEGREE_DENIED = {"significantly"}


def _opens_denial(word: str) -> bool:
    return len(word) > 4 and word.endswith("ly") and word not in _DEGREE_DENIED and word not in _NOT_ADVERB_LY


def _word_before(tk: Any, i: int) -> str | None:
    """The word before token i, past punctuation, pluses and line breaks ('pain ++, down the leg': 'pain')."""
    j = i - 1
    while j >= 0 and (tk.space[j] or tk.norms[j] in ("+", "++", "+++", ",", "-", ";")):
        j -= 1
    return tk.norms[j] if j >= 0 else None


def _is_anaphor(span: Match) -> bool:
    return span.rule is not None and bool((span.rule.metadata or {}).get("anaphor"))


def _prune(spans: list[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (ties by the priority above), in text order; a match of words that
    refer back to a finding ('new deposit', 'lesions in', lexicon metadata 'anaphor') only where no other is
    ('Multiple marrow deposits in the lumbar spine' stays the tumour's own words)."""
    taken: set[int] = set()
    kept: list[Match] = []
    for span in sorted(spans, key=lambda s: (_is_anaphor(s), -(s.end - s.start), _priority(s.label_), s.start)):
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
        self.clauses = ClauseReader(self.table)

    def __call__(self, doc: Doc) -> Doc:
        matched = raw_matches(doc)
        if any(m.rule is not None and (m.rule.metadata or {}).get("after_words") for m in matched):
            # a rule read only right after one of its words ('LBP ++, down the R leg': after a pain, not 'Rash +, down
            # the R leg'; lexicon metadata 'after_words')
            matched = [m for m in matched if not (m.rule is not None and (after := (m.rule.metadata or {}).get(
                "after_words")) and _word_before(toks(doc), m.start) not in after)]
        # symptoms compete only with symptoms: "prior laminectomy" is a symptom in the history
        # and a finding in the findings
        # and the exclusions of symptoms.json with symptoms ('symptoms are worse than right'), then leave
        symptomatic = [s.label_.startswith("SYM_") or s.label_ == "EXCLUDE" and _of_symptoms(s) for s in matched]
        raw = sorted(_prune([s for s, sym in zip(matched, symptomatic, strict=True) if not sym])
                     + [s for s in _prune([s for s, sym in zip(matched, symptomatic, strict=True) if sym])
                        if s.label_ != "EXCLUDE"], key=lambda s: s.start)
        raw = self._pronoun_subjects(doc, raw)
        owner: dict[int, Match] = {}
        anaphors = {id(span) for span in raw if _is_anaphor(span)}
        for span in raw:
            if span.label_.startswith("SYM_") or id(span) in anaphors:
                continue  # (a word that refers back, 'lesion in', is read in extract.py and claims no relation's words)
            for i in range(span.start, span.end):
                owner[i] = span
        out: list[Span] = []
        # the finding types the text names in words of their own (not in words that refer back: 'the slip')
        named = {span.label_ for span in raw if id(span) not in anaphors}
        for span in raw:
            label = span.label_
            if label in _findings() or label.startswith("SYM_"):
                out.append(self._finding(doc, span, span.start, span.end, label))
                rule = span.rule
                also = (rule.metadata or {}).get("also") if rule else None
                for extra in [also] if isinstance(also, str) else also or ():
                    out.append(self._finding(doc, span, span.start, span.end, extra))
            elif label.startswith("OBJ_"):
                rel = self._relation(doc, span, owner)
                if rel is None:
                    continue
                rel_class, rel_span = rel
                entry = self.table.get((label, rel_class))
                if entry is None:
                    continue
                denied, contrast = self._contrasted(doc, rel_span, owner) if rel_span.end <= span.start else (None, None)
                undone = entry.get("certainty") == "absent" and self._normal_undone(doc, toks(doc), span, rel_span)
                if undone == "beside":
                    undone = None  # ('Normal conus with mild loss of disc height': the conus stays normal)
                if undone and not (undone in ("denied", "lost") and entry.get("denied_says")):
                    continue  # 'Vertebral body height is not maintained at L1', 'Loss of normal alignment at L4-5'
                for ftype in (entry["type"], entry.get("also")):
                    if ftype is None or entry.get("unless_named") and ftype in named:
                        continue  # ('Normal alignment apart from a grade 1 anterolisthesis': the listhesis says itself)
                    f = self._finding(doc, span, span.start, span.end, ftype)
                    fi = info(f)
                    fi.forced_certainty = denied or span.forced
                    fi.relation = Span(doc, rel_span.start, rel_span.end, label=rel_span.label_)
                    if entry.get("certainty") == "absent":
                        fi.forced_certainty = "absent" if not undone else entry["denied_says"]
                    out.append(f)
                # (an aside set off by commas right after the object, 'The conus, which is normal in signal, is
                # compressed', 'The cord, not compressed, shows signal abnormality': its closing comma joins the main
                # predicate)
                relative = rel_span.start >= span.end and toks(doc).norms[span.end] == ","
                if rel_span.start >= span.end and (second := self._second_predicate(doc, rel_span, owner, relative)) is not None \
                        and (other := self.table.get((label, second.label_))) is not None:
                    # 'The cord is not compressed but shows abnormal T2 signal at C5': the object's second predicate
                    # says a finding of its own, read from its own words (the first one's denial is not its)
                    g = self._finding(doc, span, second.start, second.end, other["type"])
                    info(g).relation = Span(doc, second.start, second.end, label=second.label_)
                    if other.get("certainty") == "absent":
                        info(g).forced_certainty = "absent"
                    out.append(g)
                later = self._denied_of_it(doc, max(span.end, rel_span.end), owner)
                if later is not None and (other := self.table.get((label, later.label_))) is not None \
                        and other["type"] != entry["type"] and other.get("certainty") != "absent":
                    # 'The protrusion contacts the left L5 root without compressing it': the root is not compressed
                    g = self._finding(doc, span, span.start, span.end, other["type"])
                    info(g).relation = Span(doc, later.start, later.end, label=later.label_)
                    info(g).forced_certainty = "absent"
                    out.append(g)
                if contrast is not None and (other := self.table.get((label, contrast.label_))) is not None \
                        and other["type"] != entry["type"]:
                    # 'contacting but not displacing the root': what the first verb says holds
                    g = self._finding(doc, span, span.start, span.end, other["type"])
                    info(g).relation = Span(doc, contrast.start, contrast.end, label=contrast.label_)
                    if other.get("certainty") == "absent":
                        info(g).forced_certainty = "absent"
                    out.append(g)
        out = self.clauses(doc, raw, owner, out, lambda src, a, b, label, how: self._derived(doc, src, a, b, label, how))
        doc.spans[FINDINGS_GROUP] = out
        return doc

    @staticmethod
    def _finding(doc: Doc, source: Match, start: int, end: int, label: str) -> Span:
        span = Span(doc, start, end, label=label)
        rule = source.rule
        fi = info(span)
        fi.finding_type = label
        fi.rule = (rule.metadata or {}).get("file", "") + ":" + rule.literal if rule else None
        if rule and rule.attributes:
            for key, value in rule.attributes.items():
                setattr(fi, key, value)
        return span

    @staticmethod
    def _pronoun_subjects(doc: Doc, raw: list[Match]) -> list[Match]:
        """A statement whose subject is 'it' (after a level, perhaps: 'At L4/5 it is ...') and whose verb is a relation
        word speaks of the structure the statement before ended on, when nothing was named after that structure
        ('The cauda equina does not appear compressed at L3/4. It is severely compressed at L4/5.'); not an earlier
        study's ('It was compressed preoperatively') nor a dummy subject ('It is difficult to exclude compression')."""
        tk = toks(doc)
        added: list[Match] = []
        for k, m in enumerate(raw):
            if not m.label_.startswith("REL_") or m.label_ == "REL_LOCATIVE":
                continue
            s0, s1 = sent_bounds(doc, m.start)
            j = s0
            while j < m.start and (not tk.norms[j].strip() or tk.norms[j] in _LEVEL_LEAD or _LEVELISH.match(tk.norms[j])):
                j += 1
            if j >= m.start or tk.norms[j] != "it" or m.start - j > 5 \
                    or any(r.start >= s0 and r.start < m.start for r in raw[:k] if not r.label_.startswith("REL_")):
                continue
            gap = tk.norms[j + 1:m.start]
            if any(w not in _PREDICATE_GAP and w not in _AUX and w not in _NEGATORS for w in gap) \
                    or not _PAST_PREDICATE.isdisjoint(gap + tk.norms[m.end:min(s1, m.end + 4)]) \
                    or not any(w in _BE for w in gap) \
                    or any(r.label_.startswith("OBJ_") and m.end <= r.start < m.end + 5 for r in raw[k + 1:k + 4]):
                continue  # 'It is compressed' speaks of a structure; 'It compresses the left L5 root' of a lesion
            if s0 == 0 or "\n\n" in "".join(tk.texts[max(0, s0 - 2):s0]):
                continue
            p0, _ = sent_bounds(doc, s0 - 1)
            before = [r for r in raw if p0 <= r.start < s0 and not r.label_.startswith("REL_")]
            if before and before[-1].label_.startswith("OBJ_"):
                added.append(Match(before[-1].label_, j, j + 1, before[-1].rule))
        return sorted(raw + added, key=lambda s: s.start) if added else raw

    @staticmethod
    def _structures_between(tk: Any, a: int, b: int, owner: dict[int, Match]) -> bool:
        """Only structures and the words that list them between tokens a and b ('Normal vertebral body heights and
        bone marrow signal': the normal word is the whole list's)."""
        seen = False
        i = a
        while i < b:
            span = owner.get(i)
            if span is not None and span.label_.startswith("OBJ_"):
                seen, i = True, span.end
                continue
            if tk.norms[i] not in ("and", ",", "the", "&", "/", "or") and not tk.space[i]:
                return False
            i += 1
        return seen

    @staticmethod
    def _second_predicate(doc: Doc, rel: Match, owner: dict[int, Match], relative: bool = False) -> Match | None:
        """A second relation word of the same subject after its first, joined by 'but', 'and', 'yet' or a
        semicolon, with at most a pronoun and a showing verb between ('... is not compressed but shows abnormal
        signal', '...; it shows abnormal signal'); not when another structure or finding comes first. After a
        relative clause set off by commas, its closing comma joins the main predicate ('The conus, which is normal in
        signal, is compressed at L1': the conus is compressed)."""
        tk = toks(doc)
        sent = sent_bounds(doc, rel.start)
        joins = _PREDICATE_JOIN | {","} if relative else _PREDICATE_JOIN
        i = rel.end
        while i < min(sent.end, rel.end + 5) and tk.norms[i] not in joins and owner.get(i) is None:
            i += 1  # ('is not compressed at this level, but ...', 'is normal in calibre but ...')
        if i >= sent.end or tk.norms[i] not in joins:
            return None
        i += 1
        joined = i
        for _ in range(6):
            if i >= sent.end:
                return None
            span = owner.get(i)
            if span is not None:
                if not span.label_.startswith("REL_") or span.label_ == "REL_LOCATIVE" \
                        or not _PAST_PREDICATE.isdisjoint(tk.norms[joined:span.start]):
                    return None  # ('The conus is normal; it was compressed on the previous study')
                nxt = owner.get(span.end)
                if nxt is not None and (nxt.label_ in _findings() or nxt.label_.startswith("OBJ_")):
                    return None  # a word that describes the next noun ('without cord compression, and inflammatory
                    # phlegmon in the psoas'): a new statement, not a second predicate of the cord
                return span
            if tk.norms[i] not in _PREDICATE_GAP:
                return None
            i += 1
        return None

    @staticmethod
    def _derived(doc: Doc, source: Match | Span, start: int, end: int, label: str, how: str) -> Span:
        """A finding a clause states without its noun (clauses.py): evidence names the label or
        the finding it repeats, and how."""
        span = Span(doc, start, end, label=label)
        fi = info(span)
        fi.finding_type = label
        if isinstance(source, Span):
            base = info(source).rule
        else:
            base = (source.rule.metadata or {}).get("file", "") + ":" + source.rule.literal if source.rule else None
        fi.rule = f"{base} ({how})" if base else how
        return span

    def _relation(self, doc: Doc, obj: Match, owner: dict[int, Match]) -> tuple[str, Match] | None:
        sent = sent_bounds(doc, obj.start)
        # 1. after the object: a coordinated noun ("... or nerve root compression"), a stenosis
        #    finding ("canal or foraminal stenosis") or a predicate ("canal is adequate").
        i = obj.end
        negated = hedged = others = open_denial = False
        tk = toks(doc)
        # (an object inside a prepositional phrase is no subject: 'the left L5 root is not separately identifiable within
        # the lateral recess and is presumably compressed' - the predicate after 'and' is the root's)
        k = obj.start - 1
        while k >= sent.start and tk.norms[k] in ("the", "a", "an", "left", "right", "both", "bilateral"):
            k -= 1
        governed = k >= sent.start and tk.norms[k] in _PREPOSITIONS
        while i < sent.end:
            norm = tk.norms[i]
            if governed and norm == "and" and tk.norms[i + 1:i + 2] and tk.norms[i + 1] in _BE:
                break
            if norm == "otherwise" and self._verb_right_before(tk, obj, owner):
                break  # 'extrusion compressing the cauda equina, otherwise unremarkable': the rest of the study is normal
                # (with no verb of its own before it, 'Conus otherwise normal' is the conus's)
            if (skip := self._aside_or_place(tk, i, sent.end, owner)) > i:
                i = skip  # 'the cauda equina is, in addition, compressed', 'the cauda equina at L4/5 is ... compressed'
                continue
            span = owner.get(i)
            if span is not None:
                lab = span.label_
                if lab.startswith("REL_"):
                    # an active verb after the object governs what follows it
                    if lab == "REL_LOCATIVE" or tk.texts[span.end - 1].lower().endswith("ing") \
                            and (i > obj.end or self._governs(tk, span.end, sent.end, owner)):
                        break  # 'ventral cord flattening at T6-7' is a noun; 'cord, displacing the root' a verb
                    if negated and ((obj.label_, lab) not in self.table or self._of_another(tk, span.end, sent.end,
                                                                                          owner, obj.label_)):
                        others = True  # 'narrowing both foramina without contact of the nerves', 'narrowing the left
                        break  # foramen without compression of the exiting root': the denial is the nerves'
                    unpaired = (obj.label_, lab) not in self.table  # a word that says nothing of this structure
                    if unpaired and i > obj.end and self._verb_right_before(tk, obj, owner):
                        break  # 'compressing the left S1 nerve root, which is swollen': the verb before it says what
                        # happens to it; a word after it that says nothing of it does not take that away
                    if unpaired and tk.norms[obj.end:obj.end + 2] in ([",", "which"], [",", "that"]):
                        # 'The left S1 nerve root, which is swollen, is compressed': a relative clause that says nothing
                        # of the structure's relations; its own predicate comes after the clause's closing comma
                        close = next((k for k in range(span.end, min(sent.end, span.end + 8)) if tk.norms[k] == ","), None)
                        if close is not None:
                            i = close + 1
                            continue
                    if negated:  # "abutting the thecal sac without compression"
                        obj.forced = "possible" if open_denial else "absent"  # ('is not clearly compressed')
                    elif hedged:
                        obj.forced = "possible"
                    return lab, span
                if lab in _COORDINATED_TYPES:
                    if (obj.label_, _COORDINATED_TYPES[lab]) not in self.table:
                        break  # 'compressing the left S1 nerve root and mild facet arthropathy': no root arthropathy;
                        # the root's relation is the verb before it
                    return _COORDINATED_TYPES[lab], span
                if lab.startswith("OBJ_") or (lab in _findings() and i - obj.end <= 0):
                    if negated:
                        break  # '... the cauda equina without cord compression': the denial is the cord's
                    if lab.startswith("OBJ_") and self._verb_right_before(tk, obj, owner):
                        break  # 'contacts the left S1 nerve root and the exiting left L5 nerve root is not compressed':
                        # the object has its verb; the predicate after the next structure is that one's
                    i = span.end
                    continue
                break
            if norm in _COORD or norm in _AUX or tk.space[i] or norm in _NEGATORS or norm in _HEDGES \
                    or len(norm) > 4 and norm.endswith("ly") and norm not in _NOT_ADVERB_LY \
                    or norm == "within" and tk.norms[i + 1:i + 2] == ["normal"] \
                    or norm in ("does", "do", "did") and tk.norms[i + 1:i + 2] in (["not"], ["n't"]) \
                    or norm == "to" and i > 0 and tk.norms[i - 1] in ("appear", "appears", "appeared", "seem", "seems"):
                # ('the cauda equina does not appear to be compressed': a verb's hedged denial before the relation)
                # ('Vertebral body height and alignment are within normal limits': the words of a normal statement)
                if norm in _NEGATORS:
                    negated = True
                hedged = hedged or norm in _HEDGES
                i += 1
                if negated and tk.norms[i:i + 1] and _opens_denial(tk.norms[i]):
                    open_denial = True  # 'the cauda equina is not clearly / overtly compressed': it may be
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
                if lab in ("REL_ADEQUATE", "REL_ABNORMAL") and obj.start - span.end > 3 \
                        and not self._structures_between(tk, span.end, obj.start, owner):
                    j = span.start - 1
                    continue  # (but 'Normal vertebral body heights and bone marrow signal': a list of structures)
                if lab == "REL_HYPERTROPHY" and obj.start - span.end > 6:
                    return None
                if (obj.label_, lab) not in self.table and (other := self._coordinated_before(tk, span, owner, obj)):
                    return other  # 'crowding and redundancy of the cauda equina roots': the crowding is the roots'
                d = span.start - 1  # ('no significant compression of', 'no evidence of compression of')
                while d > sent.start and tk.norms[d] in _DENIAL_PADDING:
                    d -= 1
                if d >= sent.start and tk.norms[d] in ("no", "without") \
                        and all(owner.get(k) is None or owner[k].label_.startswith("OBJ_") for k in range(span.end, obj.start)):
                    obj.forced = "absent"  # 'No compression of the thecal sac, and the cauda equina': the denied noun's
                    # objects, every one (a comma's 'and' ends no denial of a list of its objects)
                return lab, span
            if span is not None:
                j = span.start - 1
                continue
            if tk.texts[j] == ":":
                break
            if tk.texts[j] == ";" or tk.norms[j] in self.locatives:
                if (obj.label_, "REL_ABNORMAL") in self.table and obj.start - j <= 10:
                    if (found := self._signal_in(doc, j, owner, sent)) is not None or tk.texts[j] != ";":
                        return found
                if tk.texts[j] == ";":
                    break  # 'No canal stenosis; the cord shows abnormal signal': a clause of its own, its predicate after it
                return None
            if _opens_clause(tk, j, sent.start) and all(tk.norms[k] in _SUBJECT_LEAD or tk.norms[k] == ","
                                                        for k in range(j + 1, obj.start)) \
                    and (own := self._predicate(doc, obj, owner, sent)) is not None:
                return own  # 'No stenosis, but the cord shows signal abnormality': the structure opens a clause of its
                # own, with its own predicate (not a list's last object: 'compressing the thecal sac, and the cauda equina')
            j -= 1
        return None if others else self._predicate(doc, obj, owner, sent)

    @staticmethod
    def _normal_undone(doc: Doc, tk: Any, obj: Match, rel: Match) -> str | None:
        """A statement that a structure is normal, undone by its own words: the normal word 'denied' ('height is not
        maintained', 'is no longer preserved'), 'lost' ('loss of normal alignment', 'normal alignment is lost') or
        'excepted' ('alignment normal except at L4/5 where there is a 4 mm slip'); None when it stands."""
        a, b = min(obj.start, rel.start), max(obj.end, rel.end)
        norms = tk.norms
        s0, s1 = sent_bounds(doc, a)  # (within its own statement: 'The conus is normal. Loss of disc height ...' stands)
        before = norms[max(s0, rel.start - 2):rel.start]
        if any(w in ("not", "n't", "never", "longer") for w in before):
            return "denied"
        lo, hi = max(s0, a - 3), min(s1, b + 3)
        if any(w in ("loss", "lost", "loses", "losing") for w in norms[lo:hi]) \
                and not any(w in ("no", "without", "nor") for w in norms[lo:a + 1]):
            # lost: the normal thing itself ('loss of the normal marrow signal', 'normal alignment is lost'), or
            # something else lost beside it ('Normal conus with mild loss of disc height')
            own = norms[max(s0, a - 2):a] == ["loss", "of"] or norms[max(s0, a - 3):a] == ["loss", "of", "the"] \
                or any(w in ("lost", "loses", "losing") for w in norms[a:b]) \
                or any(norms[k] == "lost" and norms[k - 1] in ("is", "was", "are", "were", "been")
                       for k in range(b, min(s1, b + 3)))
            # ('The conus has lost its normal signal', 'Normal marrow signal has been lost at L2')
            return "lost" if own else "beside"
        if any(w in ("except", "apart", "excepting", "save", "other") for w in norms[b:min(s1, b + 4)]):
            return "excepted"
        return None

    @staticmethod
    def _verb_right_before(tk: Any, obj: Match, owner: dict[int, Match]) -> bool:
        """A relation word stands right before the object, past its determiner and side ('contacts the left S1 root')."""
        j = obj.start - 1
        while j >= 0 and tk.norms[j] in _SUBJECT_LEAD:
            j -= 1
        span = owner.get(j) if j >= 0 else None
        return span is not None and span.label_.startswith("REL_") and span.label_ != "REL_LOCATIVE"

    def _coordinated_before(self, tk: Any, span: Match, owner: dict[int, Match], obj: Match) -> tuple[str, Match] | None:
        """The relation word joined by 'and' / 'or' / a comma to the one right before the object, when that one says
        nothing of this structure ('crowding and redundancy of the cauda equina': redundancy is a ligament's word)."""
        j = span.start - 1
        if j < 0 or tk.norms[j] not in ("and", "or", ",", "&", "/"):
            return None
        other = owner.get(j - 1)
        if other is None or not other.label_.startswith("REL_") or (obj.label_, other.label_) not in self.table:
            return None
        return other.label_, other

    @staticmethod
    def _of_another(tk: Any, i: int, end: int, owner: dict[int, Match], label: str) -> bool:
        """The relation word ending at token i names another structure after it ('compression of the exiting
        root' after a foramen); not the same one ('indents the cord without compression of the cord')."""
        if i >= end or tk.norms[i] not in ("of", "on", "upon", "to"):
            return False
        i += 1
        while i < end and (tk.space[i] or tk.norms[i] in ("the", "a", "an", "any", "its", "exiting", "traversing",
                                                            "left", "right", "bilateral")):
            i += 1
        other = owner.get(i)
        return other is not None and other.label_.startswith("OBJ_") and other.label_ != label

    @staticmethod
    def _aside_or_place(tk: Any, i: int, end: int, owner: dict[int, Match]) -> int:
        """Where the words after an object go on past an aside set off by commas (', in addition,', ', however,') or
        the level it is at ('at L4/5', 'at the L4-5 level'): the index after them, or i."""
        if tk.norms[i] == ",":
            for k in range(i + 1, min(end, i + 5)):
                if tk.norms[k] == ",":
                    if k > i + 1 and all(tk.norms[j].isalpha() and j not in owner for j in range(i + 1, k)):
                        return k + 1
                    break
            return i
        if tk.norms[i] in ("at", "from") and i + 1 < end:
            k = i + 1
            while k < end and k < i + 7 and (_LEVEL_TOKEN.match(tk.norms[k]) or tk.norms[k] in _LEVEL_FILLER):
                k += 1
            if k > i + 1 and any(_LEVEL_TOKEN.match(tk.norms[j]) for j in range(i + 1, k)):
                return k
            if tk.norms[i + 1:i + 3] in (["this", "level"], ["that", "level"], ["these", "levels"], ["both", "levels"]):
                return i + 3  # ('the neural foramina at this level are mildly narrowed')
            if tk.norms[i + 1:i + 4] in (["the", "same", "level"], ["each", "of", "these"]):
                return i + 4
        return i

    @staticmethod
    def _denied_of_it(doc: Doc, start: int, owner: dict[int, Match]) -> Match | None:
        """A relation word denied after the object's clause and turned back on it by a pronoun ('... contacts the left
        L5 root in the lateral recess without compressing it'): within a few words, before any other structure."""
        if start >= len(doc):
            return None  # (the object ends the text)
        tk = toks(doc)
        end = min(sent_bounds(doc, start).end, start + 10)
        i = start
        while i < end - 2:
            here = owner.get(i)
            if tk.texts[i] in (";", ".") or here is not None and here.label_ != "REL_LOCATIVE" and tk.norms[i] != "without" \
                    and not (here.label_.startswith("OBJ_") and _PLACE_WORDS.intersection(tk.norms[max(0, i - 2):i])):
                return None
            if here is not None and here.label_.startswith("OBJ_"):
                i = here.end  # (a structure named as the place, 'in the lateral recess', is passed)
                continue
            if tk.norms[i] == "without" and (rel := owner.get(i + 1)) is not None and rel.label_.startswith("REL_") \
                    and rel.end < len(doc) and tk.norms[rel.end] in ("it", "them"):
                return rel
            i += 1
        return None

    @staticmethod
    def _contrasted(doc: Doc, rel: Match, owner: dict[int, Match]) -> tuple[str | None, Match | None]:
        """Whether a 'but not' denies this relation word ("absent"; "possible" for a hedged denial, 'contacting but
        not clearly compressing the root'), and the relation word it sets against it ('contacting but not displacing',
        'contacts but does not displace': this one is denied, that one holds; 'encases but does not displace the
        root': denied, with no other relation)."""
        tk = toks(doc)
        j = rel.start - 1
        denial = "absent"
        if j >= 0 and (tk.norms[j] in _DEGREE_DENIED or _opens_denial(tk.norms[j])):
            denial = "possible" if _opens_denial(tk.norms[j]) else "absent"
            j -= 1  # 'contacting but not clearly compressing the right L5 root'
        if j < 0 or tk.norms[j] != "not":
            return None, None
        j -= 1
        if j >= 0 and tk.norms[j] in ("does", "do", "did", "is", "are"):
            j -= 1
        if j < 0 or tk.norms[j] != "but":
            return None, None
        j -= 1
        if j >= 0 and tk.texts[j] == ",":
            j -= 1
        other = owner.get(j)
        if other is None or not other.label_.startswith("REL_") or other.label_ in ("REL_LOCATIVE", rel.label_):
            return denial, None
        return denial, other

    @staticmethod
    def _governs(tk: Any, i: int, end: int, owner: dict[int, Match]) -> bool:
        """Whether an '-ing' word right after an object takes an object of its own (a verb)."""
        while i < end and tk.space[i]:
            i += 1
        if i >= end:
            return False
        nxt = owner.get(i)
        return tk.norms[i] in _DETERMINERS or (nxt is not None and nxt.label_.startswith("OBJ_"))

    @staticmethod
    def _signal_in(doc: Doc, j: int, owner: dict[int, Match], sent: Bounds) -> tuple[str, Match] | None:
        """'increased T2 signal (at the C4-6 levels) within the right lateral spinal cord', 'abnormal
        enhancement in the conus': a place word after a signal change names where the change is."""
        tk = toks(doc)
        k = j
        while k > sent.start and (tk.space[k] or tk.norms[k] in _POSITION):
            k -= 1  # 'within the right lateral (spinal cord)', 'in the posterior aspect of (the cord)'
        if tk.norms[k] not in _SIGNAL_PLACE:
            return None
        k -= 1
        lo = max(sent.start, k - 10)
        while k >= lo and (tk.space[k] or tk.norms[k] not in _SIGNAL_WORDS):
            if tk.texts[k] in (".", ";", ":") or tk.norms[k] in ("and", "but", "with", "without", "no"):
                return None  # only a level phrase ('at the C4-6 levels') may stand between
            k -= 1
        if k < lo:
            return None
        for m in range(k, max(sent.start, k - 5) - 1, -1):
            span = owner.get(m)
            if span is not None and span.label_ == "REL_ABNORMAL":
                return "REL_ABNORMAL", span
        return None

    def _predicate(self, doc: Doc, obj: Match, owner: dict[int, Match], sent: Bounds) -> tuple[str, Match] | None:
        """3. the object as the subject of its clause takes the first predicate of the clause, past
        a place or a first verb phrase: 'The conus terminates normally at L1 and is normal in signal',
        'The spinal canal at L4-5 is narrowed'."""
        tk = toks(doc)
        j = obj.start - 1
        while j >= sent.start and tk.texts[j] not in (":", ";") and not _opens_clause(tk, j, sent.start):
            if not (tk.space[j] or tk.norms[j] in _SUBJECT_LEAD or tk.texts[j] in ("-", "(", ")")
                    or tk.texts[j] == "," and j > sent.start and tk.norms[j - 1] in _CLAUSE_CONTRAST):
                return None  # not the subject: something stands before it in its clause
            j -= 1
        first = obj.end  # where the predicate's own words start
        i = obj.end
        while i < min(sent.end, obj.end + 14):
            if tk.texts[i] in (";", ".") or tk.norms[i] in ("but", "however", "whereas", "while"):
                return None
            span = owner.get(i)
            if span is None:
                i += 1
                continue
            lab = span.label_
            if lab in _findings() and _denied_before(tk.norms[first:span.start]) and span.end < sent.end \
                    and tk.norms[span.end] in _PREDICATE_JOIN and tk.norms[span.end] != "and":
                # 'The cord has no mass but shows signal abnormality at T11': a finding denied in the structure, then
                # the structure's own predicate, which the denial does not reach
                first = i = span.end + 1
                continue
            if lab.startswith("OBJ_") or lab in _findings():
                return None  # another structure or finding takes the predicate
            if lab.startswith("REL_") and lab != "REL_LOCATIVE" and not tk.texts[span.end - 1].lower().endswith("ing"):
                between = tk.norms[first:span.start]
                tail = "" if "," in between else " ".join(between[-4:])
                if tail.endswith(_COPULA_DENIED) or _denied_before(between) and _EXCEPTING.isdisjoint(
                        tk.norms[span.end:sent.end]) and not _goes_on(tk, span.end, sent.end, owner):
                    # (not 'shows no abnormal signal apart from focal oedema at T9', nor '..., with severe compression
                    # at T11': the statement goes on to say what is there)
                    obj.forced = "absent"  # 'Conus signal is not altered': the copula's denial of its predicate; 'The
                    # conus shows no signal abnormality', 'the cord, without abnormal signal': the predicate denied
                elif tail.endswith(_COPULA_HEDGED):
                    obj.forced = "possible"  # 'Cord signal is not definitely altered': it may be
                return lab, span
            i += 1
        return None

