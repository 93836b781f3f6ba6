"""Stage 10, level attachment: every level mention of the text (levels.py) and, for each finding,
the level it belongs to, with how it was chosen (``level_rule``, shared/spec/result.schema.json):

    sentence      a level in the finding's own statement ('protrusion at L4-5', 'L4-5: protrusion')
    list / range  a list or range of levels in the statement ('at L3-4 and L4-5', 'L3-4 through L5-S1')
    header        an 'L4-5:' header above, in the same section and paragraph
    continuation  a statement that continues the one before ('With canal stenosis.')
    anaphora      'at this level', 'this protrusion': a level named before
    named_root    the root a finding names ('the exiting right L3 root' -> L3-L4)

Then roots that follow from level + relation are named (at Lx-Ly exiting = Lx, traversing = Ly).
"""

import re
from bisect import bisect_left, bisect_right
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..levels import _INDEX, LevelGroup, find_level_groups, level_of_root, next_vertebra, previous_vertebra, root_at
from ..lexicon import anaphor_rules, load_discourse_patterns, types_where, types_with_role
from .attributes import NO_OWN_SIDE
from .context import LIST_SEPARATORS
from .extensions import STATEMENT_HEADS_KEY, finding_only_spans, info
from .sections import section_at
from .tokens import doc_text, sent_of, toks


@Language.factory("spinelens_level_attach")
def make_level_attach(nlp: Language, name: str) -> "LevelAttacher":
    return LevelAttacher()


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
_LEVEL_OF_BEFORE = re.compile(r"\bat\s+the\s+level\s+of\s+$", re.I)  # 'most markedly at the level of| the slip'
_ANAPHORS = anaphor_rules()
_BENIGN_NAMED = load_discourse_patterns()["benign_named"]  # the rules whose words refer back to a finding ('the slip': "definite")
# a level its own preposition places the finding at ('The fracture, at T12, is acute', '..., involving the T12 endplate')
_OWN_PLACE_BEFORE = re.compile(r"\b(?:at|involving|of|in|through)\s+(?:the\s+)?(?:level\s+of\s+)?$", re.I)
_WITH_NEXT = re.compile(r"[,;]?\s*(?:and\s+)?with\s+(?:(?:an?|the|some|mild|moderate|severe|marked)\s+)*$", re.I)
# a level that opens a clause of its own as its subject ('..., and L5/S1 is unremarkable'), after what opens a clause
_OWN_CLAUSE_LEVEL = re.compile(r"[ \t]*(?:(?:disc|level|segment|vertebra)[ \t]+)?(?:is|are|was|were|shows?|demonstrates?|"
                               r"has|appears?|remains?|looks?)\b", re.I)
_CLAUSE_OPENS = re.compile(r"[,;]|\b(?:and|but|while|whereas)\b", re.I)
_OWNS_LEVEL = re.compile(r"\s+of\s+(?:the\s+)?(?:levels?\s+)?", re.I)  # a finding's own level after it ('desiccation of the L4/5 ...')
_THIS_LEVEL = re.compile(r"\b(?:at|on|of)\s+(?:(?:approximately|about|around|roughly|exactly|just)\s+)?"
                         r"(?:this|that|the same|these|those)\s+(?:disc\s+)?levels?\b"
                         r"|^\W*here\b", re.I)  # 'The most significant level is L4/5. Here there is ...'
_BEHIND = re.compile(r"\b(?:behind|posterior\s+to|dorsal\s+to)\s+(?:the\s+)?(?:posterior\s+(?:aspect|margin|wall)\s+of\s+"
                     r"(?:the\s+)?)?(?:mid\s*-?\s*|upper\s+|lower\s+|inferior\s+|superior\s+)?$", re.I)
# the words of an exception after a statement (also read by extract.py: a denial of deficits with one excepted)
EXCEPTION = re.compile(r"\b(?:except|apart\s+from|other\s+than|save\s+for|with\s+the\s+exception\s+of|but\s+not)\b", re.I)
# 'the level below', 'the next level down', 'the segment above': the disc next to the one last named
_STATEMENT_END = re.compile(r"[.;\n]")  # between a disc level and a body named after it: another statement
_RELATIVE_LEVEL = re.compile(r"\bthe\s+(?:next\s+)?(?:disc\s+)?(?:level|segment|interspace|disc)\s+(below|above|beneath|down|up)\b|"
                             r"\bthe\s+(?:next\s+)?(lower|upper|caudal|cranial)\s+(?:disc\s+)?(?:level|segment|interspace|disc)\b",
                             re.I)
_DOWN = {"below", "beneath", "down", "lower", "caudal"}


def _shift_disc(level: str | None, down: bool) -> str | None:
    """The disc level next to a disc level: L3-L4 below is L4-L5, above L2-L3."""
    if not level or "-" not in level:
        return None
    upper, lower = level.split("-")
    if down:
        below = next_vertebra(lower)
        return f"{lower}-{below}" if below else None
    above = previous_vertebra(upper)
    return f"{above}-{upper}" if above else None


# a statement that turns to the other side of the level just described ('On the right the foramen is mildly narrow')
_OTHER_SIDE = re.compile(r"(?:on|to)\s+the\s+(?:right|left|other|opposite|contralateral)(?:\s+side)?\b|"
                         r"(?:contralaterally|on\s+the\s+contralateral\s+side)\b", re.I)
_AND_AT = re.compile(r"\s*(?:,\s*)?(?:and|&|as well as)\s+(?:(?:also|again)\s+)?(?:at|on|of)?\s*(?:the\s+)?(?:level\s+(?:of\s+)?)?",
                     re.I)  # between two coordinated levels: 'at this level and at L4 L5'
_LESION_WORD = re.compile(r"\b(?:lesions?|mass(?:es)?|focus|foci|deposits?|nodules?|collections?|abnormalit(?:y|ies)|"
                          r"signal|erosions?|destruction|oedema|edema|enhancement)\b", re.I)  # what a later diagnosis may name
# what may stand before the diagnosis: an article and up to two words that describe it ('Features are typical of
# tuberculous spondylitis', 'A pathologic fracture could not be completely excluded'), not another lesion's
_DESCRIBED = re.compile(r"\W*(?:(?:an?|the)\s+)?(?:(?!(?:and|or|nor|no|not|than|with|without)\b)[a-z]+\s+){0,2}", re.I)
# a finding joined on after this one, a few words before its own level ('myeloma, with a mild pathological T9
# fracture'): the level written right before that finding is its, not this one's (not 'adjacent to the left L5 pars defect')
_JOINS_ANOTHER = re.compile(r"(?:,|\bwith\b|\band\b|\bplus\b)\s+(?:(?:an?|the)\s+)?(?:[a-z]+\s+){0,3}$", re.I)
# a statement that only names what the one before described ('A 14 mm lesion in the posterior L2 vertebral body.
# A metastasis cannot be excluded.', 'a 2 cm enhancing mass at the L1-L2 level. Most likely a schwannoma.')
_DIAGNOSIS_OPENS = re.compile(r"\W*(?:most\s+|more\s+)?(?:likely|probably|possibly|presumably|favou?r\w*|suspicious\s+for|"
                              r"consistent\s+with|in\s+keeping\s+with|compatible\s+with|typical\s+of|"
                              r"(?:the\s+)?(?:appearances?|(?:imaging\s+)?features|findings)\s+(?:are|is)|"
                              r"(?:this|these|it|which)\s+(?:is|are|may|might|could|likely|probably|represents?)|differential|ddx)\b"
                              # ... and the reading words after 'Appearances are' ('... most in keeping with', '... of')
                              r"(?:\s+(?:most|more|highly|very|likely|probably|in\s+keeping\s+with|consistent\s+with|"
                              r"compatible\s+with|typical\s+of|suggestive\s+of|characteristic\s+of|diagnostic\s+of|"
                              r"suspicious\s+for|concerning\s+for|represent\w*|of|be)\b)*", re.I)
# a statement of the whole spine or of the other levels takes no level from a header or a narrative's 'At L5-S1 ...'
# ('The spinal canal is adequate throughout', 'The remaining lumbar discs are normal')
_LINE_LEAD = re.compile(r"[\s\-•*>.\d)(]*")  # a line's bullet or number before its first words
_NEW_ITEM = re.compile(r"\s*(?:\(?\d{1,2}[.)]|[•*\-])\s")
_ITEM_BEFORE = re.compile(r"(?:^|\s)\(?\d{1,2}[.)]\s*$")  # a numbered item's number, its own statement before
# what a disc level's own account goes on to say after its header: the narrowing and compression there
_LEVEL_ACCOUNT = types_with_role("compressive")
_NO_INHERIT = re.compile(r"\b(?:multi-?levels?|elsewhere|throughout|otherwise|(?:other|remaining|all|several|each|every|any)\s+"
                         r"(?:lumbar\s+)?(?:levels?|discs?|disc\s+levels|intervertebral\s+discs)|(?:lower|upper|mid)\s+(?:lumbar\s+)?"
                         r"(?:levels|discs|disc\s+levels|intervertebral\s+discs))\b", re.I)
# ('Dissicating lower discs.' under an 'L5/S1 :' line: the lower lumbar discs, no one level)

_HEADS_LINE = re.compile(r"\s*(?:level\s*)?[:\-\u2013]")  # 'L4-5:', 'L4-5 level -': the level a line is headed by
_OPENS_ON = re.compile(r"(?:[A-Za-z ]{2,30}:)?[\s\W]*(?:(?:at|in|on|the|of)\s+)*", re.I)  # before the level a statement opens on
_OTHERWISE = re.compile(r"\b(?:otherwise|elsewhere)\b", re.I)  # the rest of the spine, after the levels named
_REST_OF_SPINE = re.compile(r"\belsewhere\b", re.I)
# what may stand between a level and the finding it premodifies: 'L4-5 disc bulge', 'L2 small hemangioma'
# ('*+': a gap splits into its pieces one way only, so giving none back changes no answer, and a long
# gap fails at its first other word instead of backtracking through every piece)
_ADJACENT = re.compile(r"^(?:\s|-|\b(?:disc|discs|disk|disks|the|a|an|level|vertebral|body|intervertebral|mild|moderate|"
                       r"severe|small|large|tiny|minimal|broad|based|diffuse|central|focal|"
                       # its side and zone ('L5-S1 left disc extrusion and L4-5 right foraminal protrusion')
                       r"left|right|lt|rt|bilateral|sided|paracentral|posterolateral|foraminal|extraforaminal|"
                       r"subarticular|far|lateral|"
                       # a finding joined by 'with' to the one at that level ('stenosis at L4-5 with mild bilateral
                       # foraminal narrowing, and mild L3-4 disc bulge')
                       r"with)\b)*+$", re.I)
# what joins a finding to the level its own words place it at ('cord compression at T12', 'at the level of T12');
# not 'of' ('anterolisthesis of L5', 'the lateral recesses of L5' are at the segment below)
# (a Modic change's own words may come first, and 'either side of' is its place: 'Modic type 1 endplate oedema either
# side of the L3/4 disc')
_OWN_AT = re.compile(r"[ \t]*(?:(?:type[ \t]+(?:[12I]{1,2}|one|two)|endplates?|end[ \t]*plates?|oedema|edema|signal|changes?)"
                     r"[ \t]+)*(?:at|(?:on[ \t]+)?either[ \t]+side[ \t]+of|on[ \t]+both[ \t]+sides[ \t]+of)[ \t]+"
                     r"(?:the[ \t]+)?(?:level[ \t]+of[ \t]+)?", re.I)
# what may stand between a whole-spine finding and its own level: 'degenerative change at the L4-L5 level'
# (or nothing at all: terse 'Degenerative changes L4-S1')
_GLOBAL_GAP = re.compile(r"^\s*(?:(?:is|are|was|were|seen|noted|present)\s+)*(?:(?:at|of|in|involving)\s+(?:the\s+)?"
                         r"(?:level\s+of\s+)?)?$", re.I)
# words of discourse, as data (lexicons/discourse.json: what each is for, beside it)
_D = load_discourse_patterns()
# (lexicons/discourse.json: the paragraph level's limits)
_ANOTHER_PLACE, _PRIOR_STUDY, _FUSED, _RESIDUAL = (_D[n] for n in ("another_place", "prior_study", "fused", "residual"))
# a root named exiting or in its foramen; a lesion's own range written after it (lexicons/discourse.json)
_EXITING_ROOT, _EXTENDS_TO = _D["exiting_root"], _D["extends_from"]
# what a vertebra's fracture or tumour narrows at its own level (retropulsion, epidural extension): the canal's findings
_NARROWED_BY_LESION = types_where(group="canal")
_UNCHANGED = _D["unchanged_lesion"]
_COORDINATED, _PLACED, _IN_REGION, _THE_STRUCTURE, _AT_LEVEL_OF, _ANOTHER_LESION, _COVERS_SPINE, _RESULT_OF_BEFORE = (
    _D[n] for n in ("coordinated", "placed", "in_region", "the_structure", "at_level_of", "another_lesion",
                    "covers_spine", "result_of_before"))
_INSIDE_DURA = _D["inside_dura"]
# a finding placed by 'the former' / 'the latter' of the levels just named, before it in its clause or right after it
# (lexicons/discourse.json)
_FORMER_LATTER_LEAD, _FORMER_LATTER = _D["former_latter_lead"], _D["former_latter"]
_TOPIC = _D["topic_statement"]
_FORMER_LATTER_WORD = re.compile(r"\b(?:former|latter)\b", re.I)  # (both need one of the words)
# a narrative level opening its line ('At L4-L5, right protrusion.'), as against a label ('L4-L5: ...')
_AT_OPENS_LINE = re.compile(r"[\s\-\u2022*>]*at\s+(?:the\s+)?(?:level\s+of\s+)?", re.I)
# what a lesion causes on its own side ('Left L4-5 extrusion ... This compresses the L5 root'); not the canal or
# the cauda equina, which are central
_DISC_LESIONS = {"disc_bulge", "disc_protrusion", "disc_extrusion", "disc_herniation", "disc_sequestration"}
# findings named as things a definite article can point back to ('the extrusion', 'the slip', 'the cyst'); not what a
# relation does to a structure ('compressing the thecal sac')
_DEFINITE_THINGS = _DISC_LESIONS | {"spondylolisthesis", "synovial_cyst", "annular_fissure", "perineural_cyst"}
_DISC_EFFECTS = {"nerve_root_compression", "nerve_root_contact", "lateral_recess_stenosis", "foraminal_stenosis",
                 "central_canal_stenosis", "thecal_sac_compression", "cauda_equina_compression"}
_SIDED_BY_CAUSE = {"nerve_root_compression", "nerve_root_contact", "lateral_recess_stenosis", "foraminal_stenosis"}
# an anaphor ('this protrusion') looks back this many findings for its antecedent
_LOOKBACK = 64


def _slip_or_pars(ftype: str, levels: list[str | None]) -> list[str | None]:
    """A slip named by its vertebra is at the segment below it ('grade 1 anterolisthesis at L5': L5-S1); a pars defect
    named by its segment is of the vertebra above ('spondylolisthesis of L5 over S1 with bilateral pars defects': L5)."""
    if ftype == "spondylolisthesis":
        return [f"{lv}-{below}" if lv and "-" not in lv and not lv.startswith("S") and (below := next_vertebra(lv))
                else lv for lv in levels]
    if ftype == "spondylolysis":
        out: list[str | None] = []
        for lv in levels:
            upper = lv.split("-")[0] if lv and "-" in lv else lv
            if upper not in out:
                out.append(upper)
        return out
    return levels


def _another_fracture(placed: Span, later: Span) -> bool:
    """Two fracture mentions of another age are two fractures ('Old healed L1 compression fracture. There is an acute
    fracture with marrow oedema.'): the acute one's red flag must not be merged into the old one."""
    a, b = info(placed), info(later)
    return a.finding_type == b.finding_type == "fracture" and a.acuity is not None and b.acuity is not None \
        and a.acuity != b.acuity


def _level_from_root(root: str | None, relation: str | None) -> str | None:
    if not root or relation is None or root not in _INDEX:
        return None
    return level_of_root(root, relation)


# findings that take no side from the statement before them: those with no side of their own (a slip;
# the canal takes only one stated after it) and the thecal sac, which is central
_SIDELESS = NO_OWN_SIDE | {"thecal_sac_compression"}


# a side as reports abbreviate it too ('Lt L5 foramen', 'rt. side')
_SIDE_WORDS = {"left": re.compile(r"(?i)\b(?:left|lt)\b"), "right": re.compile(r"(?i)\b(?:right|rt)\b")}
_BOTH_SIDES = re.compile(r"(?i)\b(?:bilateral\w*|both|b/l|bilat)\b")


# what ends a statement or a list item: a level after it is the next item's ('Pathologic fracture | L4-5 disc bulge')
# (ConText's list separators, but the middle dot, which is also a decimal point: '3·5 mm at L4-5')
_ITEM_SEPARATORS = LIST_SEPARATORS - {"\u00b7"}
_ENDS_ITEM = {".", ";"} | _ITEM_SEPARATORS
_CLAUSE_BREAK = re.compile(r"[,;]")
_ITEM_BREAK = re.compile("[" + re.escape("".join(sorted(_ITEM_SEPARATORS))) + "]")


def _side_named(text: str) -> str | None:
    """The one side a statement names ('on the left'), both ('left and right', 'bilateral'), or none."""
    sides = {side for side, pattern in _SIDE_WORDS.items() if pattern.search(text)}
    if len(sides) == 2 or _BOTH_SIDES.search(text):
        return "bilateral"
    return sides.pop() if sides else None


def _group_rule(group: LevelGroup) -> str:
    """How a level group in the finding's own statement was written."""
    if group.header:
        return "header"
    if len(group.texts) > 1:
        return "list"
    return "range" if len(group.levels) > 1 else "sentence"


_REGION_WORDS = [
    # 'cervicothoracic' names both regions, and so no one region
    ("cervical", re.compile(r"\b(?:cervical|c[- ]?spine|cervico\w*)\b", re.I)),
    ("thoracic", re.compile(r"\b(?:thoracic|t[- ]?spine|dorsal spine|d[- ]?spine|cervico-?thoracic|c-?t spine)\b", re.I)),
    ("lumbar", re.compile(r"\b(?:lumbar|lumbo-?sacral|l[- ]?spine|ls spine|lss|sacrum|sacral|thoraco-?lumbar)\b", re.I)),
]


def region_of_level(level: str) -> str:
    """Cervical, thoracic (T1-T9) or lumbar (T10 down: the thoracolumbar junction is in a lumbar study)."""
    top = level.split("-")[0]
    if top.startswith("C"):
        return "cervical"
    return "thoracic" if top.startswith("T") and int(top[1:]) < 10 else "lumbar"


# a study of another part of the body ('MRI of the left knee showed no fracture')
_ELSEWHERE = re.compile(r"\b(?:knees?|shoulders?|hips?|brain|brainstem|cerebell\w*|cerebr\w*|intracranial|medulla|"
                        r"head|skull|orbits?|pelvis|chest|abdomen|femur|tibia|"
                        r"elbows?|wrists?|ankles?|hands?|feet|foot|patella\w*|humerus|abdominal|cardiac|heart)\b", re.I)


_STUDY = re.compile(r"\b(?:mri|mr|ct|x-?rays?|radiographs?|films?|imaging|scans?|views?|ultrasound|us)\b", re.I)
_SPINE = re.compile(r"\b(?:spine|spinal|vertebra\w*|paraspinal|epidural|intradural|cord|conus|thecal|disc|disk|"
                    r"foram\w*|sacr\w*|lumbar|cervical|thoracic)\b", re.I)


# vessels: 'CTA of the neck showed 55% stenosis of the right carotid', 'no stenosis of the vertebral artery'
_VASCULAR = re.compile(r"\b(?:carotids?|arter(?:y|ies|ial)|aort\w*|vessels?|vascular|plaques?|cta|angiogra\w*|"
                       r"doppler|iliacs?|jugular|venous|veins?|stents?)\b", re.I)
_WORDS_REGION: dict[str, str | None] = {}  # _words_region's answers: each finding asks twice, a statement often


def _words_region(text: str) -> str | None:
    """The one region a text names ('MRI of the cervical spine showed ...'), else None; 'other'
    for a study of another part of the body or of the vessels."""
    if text in _WORDS_REGION:
        return _WORDS_REGION[text]
    if len(_WORDS_REGION) > 4096:  # bounded over a batch
        _WORDS_REGION.clear()
    if _VASCULAR.search(text):
        _WORDS_REGION[text] = "other"
        return "other"
    named = [name for name, rx in _REGION_WORDS if rx.search(text)]
    if not named and _ELSEWHERE.search(text) and _STUDY.search(text) and not _SPINE.search(text):
        found: str | None = "other"  # 'X-rays of both knees showed ...': a study of another part of the body
    else:
        found = named[0] if len(named) == 1 else None
    _WORDS_REGION[text] = found
    return found


def _doc_region(doc: Doc) -> str | None:
    """The region of the study when its title says so ('MRI CERVICAL SPINE'): the first lines."""
    return _words_region(doc_text(doc)[:200])


def _levels_region(groups: list[LevelGroup]) -> str | None:
    """The one region all of a text's levels are in ('C3 through C6 ... C4-C5'), so that a level-less
    'residual lateral recess stenosis' in a cervical operation note is cervical; None if mixed."""
    regions = {region_of_level(lv) for g in groups for lv in g.levels}
    return regions.pop() if len(regions) == 1 else None


def _fits(level: str, region: str) -> bool:
    """Whether a level can be in a named region (T10-T12 are thoracic and at the lumbar junction)."""
    top = level.split("-")[0]
    if top[0] == "C":
        return region == "cervical"
    if top[0] == "T":
        return region == "thoracic" or region == "lumbar" and int(top[1:]) >= 10
    return region == "lumbar"




def _own_region(doc: Doc, span: Span) -> str | None:
    """The region a finding's own words name ('lumbar stenosis', 'cervical spondylosis')."""
    own = _words_region(doc_text(doc)[toks(doc).idx[max(span.start - 2, sent_of(doc, span.start).start)]:span.end_char])
    return own if own in ("cervical", "thoracic", "lumbar") else None


def _region(doc: Doc, span: Span, levels: list[str | None], doc_region: str | None) -> str | None:
    """Which part of the spine a finding is in: its levels, else the words of its statement, else
    the study's title. Findings outside the lumbar spine are out of scope (extract.py)."""
    named = [lv for lv in levels if lv]
    if named:
        return "lumbar" if any(region_of_level(lv) == "lumbar" for lv in named) else region_of_level(named[0])
    own = _own_region(doc, span)
    if own:
        return own  # 'showed lumbar stenosis but also cervical stenosis': the finding's own words
    sent = sent_of(doc, span.start)
    text = doc_text(doc)
    found = _words_region(text[sent.start_char:sent.end_char])
    if found is None and (head := (doc.user_data.get(STATEMENT_HEADS_KEY) or {}).get(sent.start_char)):
        # a sentence that goes on describing a study is of the part the study was of ('MRI of the
        # brain revealed ... There were postoperative changes'); a red flag is left out only by its
        # own words ('CT of the chest ... There is also a compression fracture' may be the spine's)
        found = _words_region(text[head[0]:head[1]])
        if found == "other" and info(span).finding_type in types_where(red_flag=True) and _COVERS_SPINE.search(
                text[head[0]:head[1]]):
            found = None
    if found is None and doc_region == "other" and info(span).finding_type in types_where(red_flag=True) \
            and _COVERS_SPINE.search(text[:200]):
        return None  # the same for a study's title ('CT CHEST ABDOMEN PELVIS'): a spine red flag is kept
    return found or doc_region


class _Index:
    """Look-ups over one Doc's level groups and text, each in log time, so that attaching the
    levels of N findings costs N log N, not N x (groups + text)."""

    def __init__(self, text: str, groups: list[LevelGroup], spans: list[Span]) -> None:
        self.groups = groups
        self.starts = [g.start for g in groups]
        self.headers = [g for g in groups if g.header]
        self.header_starts = [g.start for g in self.headers]
        # blank lines: (newline, next newline) with only white space between them
        newlines = [m.start() for m in re.finditer("\n", text)]
        self.blank = [(a, b) for a, b in zip(newlines, newlines[1:], strict=False) if not text[a + 1:b].strip()]
        self.blank_starts = [a for a, _ in self.blank]
        self.covered: set[int] = {i for sp in spans for i in range(sp.start, sp.end)}
        self.index = {id(sp): k for k, sp in enumerate(spans)}
        self.spans = spans
        self.span_starts = [sp.start_char for sp in spans]

    def spans_between(self, lo: int, hi: int) -> list[Span]:
        """Finding spans starting at characters lo .. hi-1."""
        k = bisect_left(self.span_starts, lo)
        out = []
        while k < len(self.spans) and self.span_starts[k] < hi:
            out.append(self.spans[k])
            k += 1
        return out

    def between(self, lo: int, hi: int) -> list[LevelGroup]:
        """Groups starting at characters lo .. hi-1."""
        return self.groups[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def last_ending_by(self, char: int) -> LevelGroup | None:
        """The last group that ends at or before char (groups do not overlap)."""
        k = bisect_right(self.starts, char) - 1
        while k >= 0 and self.groups[k].end > char:
            k -= 1
        return self.groups[k] if k >= 0 else None

    def header_before(self, char: int) -> LevelGroup | None:
        k = bisect_left(self.header_starts, char) - 1
        return self.headers[k] if k >= 0 else None

    def blank_line_between(self, lo: int, hi: int) -> bool:
        k = bisect_left(self.blank_starts, lo)
        return k < len(self.blank) and self.blank[k][1] < hi


class LevelAttacher:
    """Levels of each finding span (``info(span).levels`` and ``.level_rule``), then inferred roots."""

    def __init__(self) -> None:
        self.body_types = types_where(level="body")
        self.global_types = types_where(level="global")
        # a curve ('levoscoliosis at the thoracolumbar junction', 'straightening of the lordosis') is
        # of the whole spine: where it is said to be is not a level (findings.md: level null)
        self.curve_types = types_where(level="curve") | types_where(level="none")  # (and what lies beside the spine)
        # a marrow or bone finding is not at the disc level of an "L4-5:" header above it
        self.no_header_level = types_where(level_from_header=False)
        self.lesion_types = types_where(red_flag=True) - types_where(group="cauda_equina")
        # what a vertebra's line ('- T10: metastatic replacement ...') places at that vertebra
        self.body_header_types = self.body_types | types_where(red_flag=True) | {"central_canal_stenosis",
                                                                                 "thecal_sac_compression"}

    def __call__(self, doc: Doc) -> Doc:
        groups = find_level_groups(doc_text(doc))
        doc._.spinelens_levels = groups
        spans = sorted(finding_only_spans(doc), key=lambda s: s.start)
        self.ix = _Index(doc_text(doc), groups, spans)
        doc_region = _doc_region(doc) or _levels_region(groups)
        former_latter = _FORMER_LATTER_WORD.search(doc_text(doc)) is not None
        for span in spans:
            fi = info(span)
            fi.levels, rule = self._levels(doc, span, groups, spans)
            fi.levels = _slip_or_pars(fi.finding_type, fi.levels)
            if former_latter and (one := self._former_or_latter(doc, span, fi.levels)) is not None:
                fi.levels, rule = one, "anaphora"
            if rule == "anaphora" and (prev := self._placed_before(span, spans)) is not None \
                    and info(prev).levels == fi.levels and _another_fracture(prev, span):
                fi.levels, rule = [None], None  # 'Old L1 fracture. Possible acute fracture with faint marrow oedema.'
            fi.level_rule = rule if any(fi.levels) else None
            fi.region = _region(doc, span, fi.levels, doc_region)
        self._at_level_of(doc, spans)
        self._definite_repeat(doc, spans, groups)
        self._one_lesion(doc, spans)
        self._paragraph(doc, spans, doc_region)
        for span in spans:
            if info(span).finding_type in ("nerve_root_compression", "nerve_root_contact"):
                self._root_agrees(doc, span)
                self._infer_roots(span)
        return doc

    def _former_or_latter(self, doc: Doc, span: Span, levels: list[str | None]) -> list[str | None] | None:
        """'facet arthropathy at L4-5 and L5-S1 ... and a small facet joint effusion at the former': the first
        (or with 'the latter' the last) of the two or more levels named before in its statement or the one before,
        when the finding took that whole list or no level."""
        text = doc_text(doc)
        sent = sent_of(doc, span.start)
        m = _FORMER_LATTER.match(text, span.end_char, min(sent.end_char, span.end_char + 30))
        if m is None:  # ('Small protrusions at L4-5 and L5-S1, the latter contacting the left S1 root', 'Stenosis at L3-4
            # and L4-5 with the latter compressing the cauda equina'): the last one before it, a few words before
            leads = [lead for lead in _FORMER_LATTER_LEAD.finditer(text, sent.start_char, sent.end_char)
                     if lead.end() <= span.start_char]
            m = leads[-1] if leads and len(text[leads[-1].end():span.start_char].split()) <= 6 else None
        if m is None:
            return None
        prev = self.ix.last_ending_by(span.start_char)
        earliest = sent_of(doc, sent.start - 1).start_char if sent.start > 0 else sent.start_char
        if prev is None or len(prev.levels) < 2 or prev.start < earliest \
                or self.ix.blank_line_between(prev.end, span.start_char):
            return None  # (named in its statement or the one before)
        if any(levels) and list(levels) != list(prev.levels):
            return None
        if m.end() <= span.start_char and self.ix.spans_between(prev.end, m.start()) \
                and len(self.ix.spans_between(sent.start_char, m.start())) >= 2:
            return None  # 'disc bulges and facet hypertrophy, the latter resulting in ...': the latter finding, not level
            # (one finding named before is no pair: 'L3-4 and L4-5 show mild bulges, the former with mild left lateral
            # recess stenosis' is L3-4's)
        return [prev.levels[0] if m.group(1).lower() == "former" else prev.levels[-1]]

    def _at_level_of(self, doc: Doc, spans: list[Span]) -> None:
        """'mild stenosis at the level of the spondylolisthesis': a finding placed by another."""
        text = doc_text(doc)
        for k, (a, b) in enumerate(zip(spans, spans[1:], strict=False)):
            if any(info(a).levels or []) or not _AT_LEVEL_OF.match(text[a.end_char:b.start_char]):
                continue
            named = b if any(info(b).levels or []) else next(
                (p for p in reversed(spans[max(0, k - _LOOKBACK):k]) if info(p).finding_type == info(b).finding_type
                 and any(info(p).levels or [])), None)  # 'the spondylolisthesis' named before with its level
            if named is None:
                continue
            for sp in (a, b) if named is not b else (a,):
                info(sp).levels, info(sp).level_rule = list(info(named).levels), "anaphora"
                info(sp).region = info(named).region

    @staticmethod
    def _definite_repeat(doc: Doc, spans: list[Span], groups: list[LevelGroup]) -> None:
        """'Severe L4-5 canal stenosis and a small right L5-S1 protrusion; the stenosis would explain the
        claudication': 'the stenosis' is the one named before in its sentence, when every level between them belongs
        to another finding (a finding follows it before this one)."""
        norms = toks(doc).norms
        for k, sp in enumerate(spans):
            fi = info(sp)
            if fi.level_rule != "sentence" or not any(fi.levels or []) or \
                    not any(n in ("the", "this", "that") for n in norms[max(0, sp.start - 2):sp.start]):
                continue
            sent = sent_of(doc, sp.start)
            prev = next((p for p in reversed(spans[:k]) if p.start >= sent.start
                         and info(p).finding_type == fi.finding_type and any(info(p).levels or [])), None)
            if prev is None or info(prev).levels == fi.levels:
                continue
            between = [g for g in groups if prev.end_char <= g.start and g.end <= sp.start_char]
            if between and all(any(g.end <= o.start_char < sp.start_char and info(o).finding_type != fi.finding_type
                                   for o in spans) for g in between):
                fi.levels, fi.level_rule = list(info(prev).levels), "anaphora"

    def _one_lesion(self, doc: Doc, spans: list[Span]) -> None:
        """A lesion introduced without a level and placed later ('a large right paraspinal mass ...
        The mass extends into the foramina from T2-T4'): one tumour described over several sentences
        of a section is at the levels the text gives it. Only when the levelled mentions of that type
        there agree and one of them refers back ('the mass'): two lesions are never merged."""
        by_key: dict[tuple[str, int], list[Span]] = {}
        for span in spans:
            fi = info(span)
            if fi.finding_type in self.lesion_types and not (fi.rule in _ANAPHORS and _BENIGN_NAMED.search(
                    doc_text(doc), (sent := sent_of(doc, span.start)).start_char, sent.end_char)):
                # (not words that refer back in a statement that names them benign: 'Metastatic disease. The L4 lesions
                # are haemangiomas' places no tumour)
                sec = section_at(doc, span.start_char)
                by_key.setdefault((fi.finding_type, sec.start if sec is not None else -1), []).append(span)
        for chain in by_key.values():
            placed = [sp for sp in chain if any(info(sp).levels or [])]
            if len(chain) >= 2 and len({tuple(info(sp).levels) for sp in placed}) > 1:
                self._right_after(doc, chain, placed)
            if len(chain) < 2 or not placed or len({tuple(info(sp).levels) for sp in placed}) != 1:
                continue
            first = placed[0]
            levels, region = list(info(first).levels), info(first).region
            referred = any(self._anaphoric(doc, sp, True) for sp in placed)
            for sp in chain:
                fi = info(sp)
                if any(fi.levels or []) or fi.region == "other" or _another_fracture(first, sp):
                    continue
                if sp.start < first.start and referred and not self._denied(sp) or sp.start > first.start and self._same_paragraph_present(
                        doc, first, sp):
                    # 'T11 compression fracture ... abnormal pedicles with linear fractures': the same one
                    fi.levels, fi.level_rule, fi.region = levels, "anaphora", region

    def _right_after(self, doc: Doc, chain: list[Span], placed: list[Span]) -> None:
        """With fractures at several levels, a level-less mention stated present in the statement right after one
        placed at a single level is that one ('Acute compression fracture of L2. Minor retropulsion of the
        posterosuperior corner. Old healed fractures of T12 and T7.': the retropulsion is L2's). Not one of another
        age or cause ('Chronic T12 fracture. Acute fracture with oedema.', 'Old L1 fracture. Pathological fracture
        with soft tissue mass.'), nor into an old one ('Healed L1 fracture. Fracture with retropulsion causing cauda
        equina compression.'): an acute fracture's red flag must not be merged away."""
        for sp in chain:
            if any(info(sp).levels or []) or info(sp).region == "other" or info(sp).finding_type != "fracture":
                continue
            before = [p for p in placed if p.start < sp.start]
            if not before:
                continue
            prev = before[-1]
            sent = sent_of(doc, sp.start)
            if len(info(prev).levels or []) != 1 or self._denied(prev) or sent.start == 0 \
                    or sent_of(doc, sent.start - 1).start != sent_of(doc, prev.start).start:
                continue
            if info(prev).acuity == "chronic" or info(sp).acuity not in (None, info(prev).acuity) \
                    or bool(info(sp).pathologic) != bool(info(prev).pathologic) \
                    or getattr(prev._, "is_uncertain", False) or info(prev).forced_certainty == "possible":
                continue  # (nor into a suspected one: 'Suspected fracture of L4 transverse process. Fracture is subtle.')
            if self._same_paragraph_present(doc, prev, sp):
                fi = info(sp)
                fi.levels, fi.level_rule, fi.region = list(info(prev).levels), "anaphora", info(prev).region

    @staticmethod
    def _denied(span: Span) -> bool:
        """'No suspicious lesion. The L2 lesion is a haemangioma': a denial is of no lesion the text places later."""
        return getattr(span._, "is_negated", False) or info(span).forced_certainty == "absent"

    def _same_paragraph_present(self, doc: Doc, first: Span, later: Span) -> bool:
        """A later level-less mention of the lesion, stated present, in the paragraph that placed it
        ('no other fracture' or 'possible second lesion' is another matter)."""
        if getattr(later._, "is_negated", False) or getattr(later._, "is_uncertain", False) \
                or getattr(later._, "is_hypothetical", False) or info(later).forced_certainty == "absent":
            return False
        sent = sent_of(doc, later.start)
        words = " ".join(toks(doc).norms[sent.start:sent.end])
        if _ANOTHER_LESION.search(words) or self.ix.between(sent.start_char, sent.end_char) \
                or (info(later).side or None) != (info(first).side or None):
            return False  # 'A sacral insufficiency fracture is also present', '... on the left'

        # in a note, history and imaging may share a paragraph: only the study's own words are one account
        return info(first).section == info(later).section and not self.ix.blank_line_between(first.end_char,
                                                                                             later.start_char)

    def _root_agrees(self, doc: Doc, span: Span) -> None:
        """A named root sits at its own levels ('extrusion at L5-S1 displacing the left S1 root, and a bulge
        at L4-5': S1 traverses L5-S1): when the level chosen is neither where the root exits nor where it
        traverses, and exactly one level of the statement is, that one."""
        fi = info(span)
        roots = {e["root"] for e in fi.nerve_roots or [] if e.get("root")}
        if not roots:
            return
        fits = {lv for r in roots for rel in ("exiting", "traversing") if (lv := level_of_root(r, rel))}
        sent = sent_of(doc, span.start)
        # the stenosis of the canal or recess that compresses it, named before it in its statement, is where the root
        # traverses ('... with severe central and right lateral recess stenosis compressing the right L5 nerve root, and
        # moderate left foraminal stenosis at L5-S1': L4-L5, not the later foramen's level)
        traverse = {lv for r in roots if (lv := level_of_root(r, "traversing"))}
        # (the nearest finding before it, and no root named exiting or in the foramen: 'foraminal stenosis at L5-S1
        # compressing the exiting left L5 nerve root' stays L5-S1)
        cause = next((c for c in reversed(self.ix.spans_between(sent.start_char, span.start_char))
                      if info(c).finding_type not in ("nerve_root_compression", "nerve_root_contact")), None)
        if cause is not None and info(cause).finding_type in ("lateral_recess_stenosis", "central_canal_stenosis") \
                and len(traverse) == 1 and set(info(cause).levels or []) == traverse and set(fi.levels or []) != traverse \
                and not _EXITING_ROOT.search(doc_text(doc), span.start_char, min(sent.end_char, span.end_char + 20)):
            fi.levels, fi.level_rule = sorted(traverse), "named_root"
            return
        if any(lv in fits for lv in fi.levels or []):
            return
        found = {lv for g in self.ix.between(sent.start_char, sent.end_char) for lv in g.levels if lv in fits}
        if len(found) == 1:
            fi.levels, fi.level_rule = [found.pop()], "named_root"

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
    def _levels(self, doc: Doc, span: Span, groups: list[LevelGroup],
                spans: list[Span]) -> tuple[list[str | None], str | None]:
        """The levels of one finding and the rule that chose them, in order of precedence."""
        fi = info(span)
        ftype = fi.finding_type
        sent = sent_of(doc, span.start)
        s0, s1 = sent.start_char, sent.end_char
        in_sent = self.ix.between(s0, s1)
        if ftype in self.curve_types:
            return [None], None
        if not in_sent and toks(doc).norms[span.start] == "alignment" and not self._line_header(doc, span, groups, sent):
            return [None], None  # the spine's alignment, unless a level heads its line or its statement names one
            # ('Alignment is maintained' after 'At L4-L5 and L5-S1 there is mild disc desiccation' is the whole spine's)
        if _ANAPHORS.get(fi.rule) == "definite":
            # 'most markedly at the level of the slip': the slip named before, at its level
            k = self.ix.index[id(span)]
            prev = next((p for p in reversed(spans[:k]) if info(p).finding_type == ftype and any(info(p).levels or [])),
                        None)
            return (list(info(prev).levels), "anaphora") if prev is not None else ([None], None)
        if fi.forced_certainty == "absent" and EXCEPTION.search(doc_text(doc), span.end_char, s1):
            # 'The discs are normal in height and hydration except at L4/5 where ...': the normal statement is of
            # the other levels; the exception's level is the exception's
            return [None], None
        if ftype in self.global_types:
            levels, rule = self._global_levels(doc, span, in_sent)
            header = self._header_for(doc, span, groups, sent) if levels == [None] and not fi.multilevel \
                and not _NO_INHERIT.search(doc_text(doc)[s0:s1]) else None
            if header is not None and not header.prose and "\n" not in doc_text(doc)[header.end:span.start_char]:
                return list(header.levels), "header"  # 'L3-4: Degenerative changes.': the line's own level
            return levels, rule
        want = "body" if ftype in self.body_types else "disc"
        if want == "disc" and in_sent and all(g.kind == "body" and _BEHIND.search(doc_text(doc), max(0, g.start - 40),
                                                                                    g.start) for g in in_sent) \
                and (prev_group := self._previous_disc(doc, s0)) is not None and prev_group.kind == "disc" \
                and not self.ix.blank_line_between(prev_group.end, s0):
            # 'At L5-S1 ... a 7 mm component extending caudally behind the S1 body, consistent with a recurrent disc
            # extrusion': where a disc's fragment has migrated to, not its level, when the paragraph has named one
            in_sent = []
        text = doc_text(doc)
        turn = _OTHERWISE if fi.forced_certainty == "absent" or getattr(span._, "is_negated", False) else _REST_OF_SPINE
        if any(g.end <= span.start_char for g in in_sent) and turn.search(text, s0, span.start_char):
            # 'small corner lesions at L2 and L3, otherwise unremarkable; no disc prolapse', 'bulge at L4-5, elsewhere
            # mild desiccation': the rest of the spine. A finding stated present after 'otherwise' is still the levels'
            # ('Large central L4/5 extrusion, otherwise unremarkable, causing severe compression of the cauda equina');
            # so is the level a statement opens on, its topic ('L4-5: Disc bulge, otherwise no stenosis', 'At L4/5 the
            # disc is mildly dehydrated but is otherwise unremarkable, with no focal herniation')
            in_sent = [g for g in in_sent if not (g.end <= span.start_char and not _HEADS_LINE.match(text, g.end)
                                                  and not _OPENS_ON.fullmatch(text, s0, g.start)
                                                  and turn.search(text, g.end, span.start_char))]
        if fi.forced_certainty == "absent" and _NO_INHERIT.search(text, max(s0, span.start_char - 25), span.end_char) \
                and not any(span.start_char <= g.start and g.end <= span.end_char for g in in_sent):
            return [None], None  # 'The remaining discs have good hydration; the L3/4 disc has lost height': the other discs
        if (fi.forced_certainty == "absent" or getattr(span._, "is_negated", False)) \
                and (semi := text.rfind(";", s0, span.start_char)) >= 0 \
                and not any(g.start > semi for g in in_sent) and not _THIS_LEVEL.search(text, semi, s1) \
                and len({tuple(g.levels) for g in in_sent if g.end <= semi}) > 1:
            # 'a mild L3/4 disc bulge, mild L4/5 facet arthropathy ...; there is no canal stenosis or nerve root
            # compression': a denial in a clause of its own after several levels is of the whole study, not the last
            return [None], None
        preferred = [g for g in in_sent if g.kind == want] or in_sent
        # a level in the finding's own words binds whatever its kind ('transitional lumbosacral area'), and so
        # does one its own 'at' names ('a disc bulge at L4-5 and cord compression at T12': the cord's is T12)
        preferred = [g for g in in_sent if span.start_char <= g.start and g.end <= span.end_char] or \
            self._named_after(doc, span, in_sent) or preferred
        chosen = self._choose(doc, span, preferred, spans) if preferred else None
        if chosen is not None and chosen.start >= span.end_char and ftype == "fracture" \
                and re.search(r"[;,]", text[span.end_char:chosen.start]) \
                and not (_OWN_PLACE_BEFORE.search(text, max(span.end_char, chosen.start - 25), chosen.start)
                         and not self.ix.spans_between(span.end_char, chosen.start)) \
                and not self._named_after(doc, span, in_sent) and self._anaphoric(doc, span, True) \
                and (earlier := self._placed_before(span, spans)) is not None:
            # 'L4 compression fracture. The fracture is acute; the L3 and L5 vertebral bodies are normal': the lesion
            # named before, not the vertebrae a later clause names
            return list(info(earlier).levels), "anaphora"
        if chosen is not None and ftype not in self.lesion_types and _IN_REGION.match(doc_text(doc), span.end_char) \
                and not (
                span.end_char <= chosen.start < span.end_char + 40) and not (
                chosen.end <= span.start_char and _ADJACENT.match(doc_text(doc)[chosen.end:span.start_char])):
            # 'an L1 fracture with some osteophyte formation in the lumbar spine': placed by region, not level
            return [None], None
        own = _own_region(doc, span)
        if chosen is not None and own and not any(_fits(lv, own) for lv in chosen.levels):
            chosen = None  # 'lumbar stenosis and cervical stenosis at C4-5': the level is the other finding's
        header = self._header_for(doc, span, groups, sent)
        if chosen is not None:
            levels: list[str | None] = list(chosen.levels)
            rule = _group_rule(chosen)
            if ftype in _OF_ENDPLATES and chosen.kind == "body" and (disc := _endplate_disc(doc_text(doc), chosen, s0, s1)):
                # 'Modic type 1 change at the inferior endplate of L4 and the superior endplate of L5': the disc
                # between the endplates (a disc's finding named by its vertebrae)
                return disc, rule
            if (also := self._this_level_beside(doc, sent, chosen)) is not None:
                # 'mild facet arthrosis at this level and at L4 L5': the level just discussed and the one named
                return list(also.levels) + [lv for lv in levels if lv not in also.levels], "anaphora"
            if chosen.kind == "disc" and chosen.bodies and (want == "body" or ftype in self.lesion_types
                                                            and len(chosen.levels) > 1):
                # a lesion over a range of vertebrae ('metastases from T12 through L2', 'cord signal
                # at C4-6') is at each body; one segment ('cord compression at C5-6', 'the T3-4
                # vertebral bodies ... compressing the cord') stays a segment for the cord
                return list(chosen.bodies), "range"
            if fi.multilevel and not chosen.emphasis and not chosen.header and chosen.end <= span.start_char \
                    and re.search(r"[;,]", text[chosen.end:span.start_char]):
                return [None], None  # 'moderate stenosis at L4-5; multilevel disc desiccation': the other clause's level
            if fi.multilevel and chosen.start >= span.end_char and any(
                    info(o).finding_type != ftype and re.fullmatch(r"\s*(?:[a-z]+\s+)?", text[chosen.end:o.start_char])
                    and "level" not in text[chosen.end:o.start_char]
                    for o in self.ix.spans_between(chosen.end, chosen.end + 30)):
                return [None], None  # 'Widespread osseous metastases with pathologic L2 compression fracture': the level
                # in another finding's own words after it is that finding's
            if chosen.emphasis:
                if header is not None and header.alone and not any(not g.emphasis for g in in_sent):
                    levels = header.levels + [lv for lv in levels if lv not in header.levels]
                    rule = "header"
                elif fi.multilevel:
                    levels = [None] + levels
            return levels, rule
        sent_text = doc_text(doc)[s0:s1]
        if fi.multilevel or _NO_INHERIT.search(sent_text):
            return [None], None
        k = self.ix.index[id(span)]
        if self._anaphoric(doc, span, ftype in self.lesion_types):
            if (prev := self._placed_before(span, spans)) is not None:
                return list(info(prev).levels), "anaphora"
        elif header is None and (one := self._the_one_before(doc, span, spans[max(0, k - _LOOKBACK):k])) is not None:
            return one, "anaphora"
        for prev in reversed(spans[max(0, k - 8):k]):
            # 'This mass compresses the cord': what the anaphor's finding does is at its level
            if prev.start >= sent.start and info(prev).level_rule == "anaphora" \
                    and (info(prev).finding_type in self.lesion_types or ftype in self.lesion_types
                         or info(prev).finding_type in _DISC_LESIONS and ftype in _DISC_EFFECTS):
                # (and what a disc named before does: 'the extrusion ... does not touch the left S1 root')
                return list(info(prev).levels or [None]), "anaphora"
        if ftype in self.lesion_types and (named := self._diagnosed_before(doc, span, sent)) is not None:
            if named.kind == "disc" and named.bodies and len(named.levels) > 1:
                return list(named.bodies), "anaphora"
            return list(named.levels), "anaphora"
        if ftype in ("nerve_root_compression", "nerve_root_contact"):
            # "the exiting right L3 root": a named root and its relation give the level
            for r in fi.nerve_roots or []:
                level = _level_from_root(r.get("root"), r.get("relation"))
                if level:
                    return [level], "named_root"
        if ftype in self.lesion_types and (placed := self._placed_after(doc, sent)) is not None:
            if placed.kind == "disc" and placed.bodies and len(placed.levels) > 1:
                return list(placed.bodies), "continuation"
            return list(placed.levels), "continuation"
        if want == "body" and _THIS_LEVEL.search(sent_text) and (prev := self._previous_group(sent.start_char)) \
                is not None and prev.kind == "body" and not self.ix.blank_line_between(prev.end, sent.start_char):
            # 'Acute burst fracture of L1 ... There is 4 mm retropulsion ... narrowing the canal at this level'
            return list(prev.levels), "anaphora"
        if header is not None and header.kind == "body" and "\n" not in doc_text(doc)[header.end:span.start_char]:
            return list(header.levels), "header"  # '- T10: metastatic replacement ... Epidural tumour, cord compression.'
        if want == "body" or ftype in self.no_header_level:
            return [None], None
        cont = self._continuation(doc, sent, groups)
        rule = "continuation"
        if cont is None and _THIS_LEVEL.search(sent_text):
            # a disc's finding at 'this level' is at the disc just described, past a body its account places a
            # fragment behind ('L4/5 - extrusion with caudal migration behind the L5 body ... The cauda equina is
            # severely compressed at this level': L4/5)
            cont = self._previous_disc(doc, sent.start_char) if want == "disc" else self._previous_group(sent.start_char)
            rule = "anaphora"
            if cont is not None and len(cont.levels) > 1 and (one := self._singled_out(doc, cont, sent_text)):
                return one, "anaphora"
        if cont is None and (rel := _RELATIVE_LEVEL.search(sent_text)) is not None:
            # 'L3-4 is normal. The level below shows mild disc desiccation': the disc next to the one just named
            # (across a paragraph too: 'the level above' always counts from the level last described)
            prev = self._previous_disc(doc, sent.start_char)
            if prev is not None:
                down = (rel.group(1) or rel.group(2)).lower() in _DOWN
                shifted = _shift_disc(prev.levels[-1] if down else prev.levels[0], down) if prev.kind == "disc" \
                    else _disc_beside_body(prev.levels[0], down)
                if shifted is not None:
                    return [shifted], "anaphora"
        if cont is None and (m := _THE_STRUCTURE.match(sent_text)):
            cont, rule = self._structure_named(doc, sent, m.group(1).lower()), "anaphora"
            if cont is not None and fi.side is None and not cont.header:
                # 'the left-sided and right-sided facet joints at L34 ... The joints ...': their sides too
                fi.side = _side_named(doc_text(doc)[max(0, cont.start - 60):cont.start])
        if cont is None and _RESULT_OF_BEFORE.match(sent_text) and sent.start > 0:
            # 'Contrast was placed at the left L5 foramen. This did show ... foraminal stenosis': the
            # result is where the statement before placed it
            before = sent_of(doc, sent.start - 1)
            named = self.ix.between(before.start_char, before.end_char)
            if len(named) == 1 and not self.ix.blank_line_between(before.start_char, sent.start_char):
                cont, rule = named[0], "anaphora"
                if fi.side is None and ftype not in _SIDELESS and fi.zone != "central":
                    fi.side = _side_named(before.text)  # not a slip's, the canal's or a central disc's
            elif len(named) > 1 and not self.ix.blank_line_between(before.start_char, sent.start_char):
                # 'A disc extrusion at L4/L5 ... extending behind the L4 body. This causes severe canal stenosis':
                # with more than one level named there, the result is at the level of the finding it follows from,
                # when that statement's findings are all placed at one level
                placed = [sp for sp in self.ix.spans_between(before.start_char, before.end_char)
                          if info(sp).levels and info(sp).levels != [None]]
                subject = placed[0] if placed and all(info(sp).levels == info(placed[0]).levels for sp in placed) \
                    else None  # ('Mild bulge at L3/4 and large extrusion at L4/5. This causes ...': which one?)
                if subject is not None:
                    if fi.side is None and ftype in _SIDED_BY_CAUSE:
                        fi.side = info(subject).side  # a left extrusion's root or recess is the left one
                    return list(info(subject).levels or [None]), "anaphora"
        if cont is not None:
            return list(cont.levels), rule
        if header is not None and header.prose and (ftype in self.lesion_types or ftype == "cord_abnormality"):
            header = None  # 'At L4-5, ... . There is abnormal signal in the conus': a narrative's level is a disc's
        if header is not None:
            same_line = "\n" not in doc_text(doc)[header.end:span.start_char]
            # a later line that states its own level ends the header's reach
            text = doc_text(doc)
            line_start = text.rfind("\n", 0, span.start_char)
            # (not a level on the header's own line: 'L3-4: New anterolisthesis of L3 on L4. ...\nDisc bulge.')
            if self.ix.between(max(header.end + 1, text.find("\n", header.end)), line_start):
                return [None], None
            negated = bool(getattr(span._, "is_negated", False)) or fi.forced_certainty == "absent"
            if same_line or header.alone or not negated:
                return list(header.levels), "header"
            return [None], None
        return [None], None

    def _paragraph(self, doc: Doc, spans: list[Span], doc_region: str | None) -> None:
        """A narrative paragraph that describes one disc level ('There are bilateral L5 pars defects with a grade II
        anterolisthesis of L5 on S1. The L5/S1 disc is degenerate ... The slip results in severe foraminal stenosis.'):
        a finding of it that no rule placed is at that level. Not a denial, often of the whole study ('No canal stenosis.'
        keeps no level, as under a header), nor a lesion, whose place is its own ('Query discitis.')."""
        text = doc_text(doc)
        skip = self.lesion_types | self.body_types | self.global_types | self.curve_types | self.no_header_level
        for span in spans:
            fi = info(span)
            if any(fi.levels or []) or fi.finding_type in skip or fi.multilevel or fi.forced_certainty == "absent" \
                    or getattr(span._, "is_negated", False):
                continue
            sent = sent_of(doc, span.start)
            if _NO_INHERIT.search(text, sent.start_char, sent.end_char) or _ANOTHER_PLACE.search(text, sent.start_char,
                                                                                               sent.end_char):
                continue
            if (para := self._paragraph_level(doc, sent, fi.finding_type)) is not None:
                fi.levels, fi.level_rule = list(para.levels), "continuation"
                fi.region = _region(doc, span, fi.levels, doc_region)

    def _paragraph_level(self, doc: Doc, sent: Span, ftype: str | None) -> LevelGroup | None:
        """The one disc level of the paragraph line a statement goes on: every level the line names before it is that
        disc or one of its two vertebrae, the line opens on that level or a finding stated there is at it (not
        'Needles were placed at L3-4.', 'History of L4-5 fusion.', 'The protrusion at L4-5 has resolved.'), and the
        statement does not open the line (a line of its own is a new item)."""
        text = doc_text(doc)
        line_start = text.rfind("\n", 0, sent.start_char) + 1
        if not text[line_start:sent.start_char].strip() or _NEW_ITEM.match(text, sent.start_char) \
                or _ITEM_BEFORE.search(text, max(line_start, sent.start_char - 8), sent.start_char):
            return None  # (a line of its own, or the next numbered item: '1. L4-5 stenosis. 2. Left foraminal ...')
        # what is left of the finding just described is at its level, whatever the line said of it ('The L5/S1
        # extrusion seen on the previous study has largely resorbed. A small residual protrusion remains.')
        residual = bool(_RESIDUAL.search(text, sent.start_char, sent.end_char))
        if _PRIOR_STUDY.search(text, line_start, sent.start_char) and not residual:
            return None  # ('... previous MRI of 2019 which showed an L4/5 disc bulge. There is now a large extrusion')
        named = self.ix.between(line_start, sent.start_char)
        if any(g.emphasis for g in named):
            return None  # ('Multilevel spondylosis, worst at L4-5. Moderate right foraminal stenosis.')
        discs = {tuple(g.levels) for g in named if g.kind == "disc"}
        if not discs and ftype in _NARROWED_BY_LESION:
            return self._lesion_body(named, line_start, sent)
        if len(discs) != 1 or len(next(iter(discs))) != 1:
            return None
        disc = next(iter(discs))[0]
        bodies = set(disc.split("-"))
        if any(g.kind != "disc" and not set(g.levels) <= bodies for g in named):
            return None  # ('Haemangioma in L2. L4-5 bulge. Mild foraminal narrowing.': two places on the line)
        opens = bool(named) and not _LINE_LEAD.sub("", text[line_start:named[0].start])  # 'D11/D12. showed ...'
        if not opens and named and (stop := text.find(".", named[0].end, sent.start_char)) != -1 \
                and not self.ix.spans_between(line_start, stop) and _TOPIC.search(text, line_start, stop):
            opens = True  # a statement of the level alone opens the line's topic ('Since the prior study, the main change
            # is at L4-L5. There is a new extrusion compressing the cauda equina.')
        if not opens and not residual and not any(info(sp).levels == [disc] and info(sp).forced_certainty != "absent"
                                 and not getattr(sp._, "is_negated", False) and not _FUSED.search(sp.text)
                                 for sp in self.ix.spans_between(line_start, sent.start_char)):
            return None  # (a fused level is the operation's: what follows may be the adjacent segment's)
        return next(g for g in reversed(named) if g.kind == "disc")

    def _lesion_body(self, named: list[LevelGroup], line_start: int, sent: Span) -> LevelGroup | None:
        """'Acute burst fracture of L1 ... A retropulsed fragment narrows the spinal canal, with moderate canal
        stenosis, and indents the anterior thecal sac.': a paragraph about one vertebra's fracture or lesion, stated
        present there (not an old, stable or unchanged one), places the canal narrowing and sac compression it goes on
        to at that vertebra; not when the statement names another cause ('... from a large disc extrusion')."""
        bodies = {tuple(g.levels) for g in named}
        if len(bodies) != 1 or len(next(iter(bodies))) != 1:
            return None
        body = next(iter(bodies))[0]
        if any(info(sp).finding_type not in _NARROWED_BY_LESION and info(sp).finding_type not in self.lesion_types
               for sp in self.ix.spans_between(sent.start_char, sent.end_char)):
            return None  # ('Severe canal stenosis from a large disc extrusion.': its own cause, another level's)
        if not any(info(sp).finding_type in self.lesion_types and info(sp).levels == [body]
                   and info(sp).forced_certainty != "absent" and not getattr(sp._, "is_negated", False)
                   and info(sp).acuity != "chronic" and not _UNCHANGED.search(sent_of(sp.doc, sp.start).text)
                   for sp in self.ix.spans_between(line_start, sent.start_char)):
            return None
        return named[-1]

    def _diagnosed_before(self, doc: Doc, span: Span, sent: Span) -> LevelGroup | None:
        """A hedged diagnosis with no level, the first finding of its statement, names what the statement
        before placed, when that statement, in the same paragraph, names one level group ('A 14 mm lesion in
        the posterior L2 vertebral body is new. A metastasis cannot be excluded.')."""
        if sent.start == 0 or self.ix.spans_between(sent.start_char, span.start_char):
            return None
        text = doc_text(doc)
        opening = _DIAGNOSIS_OPENS.match(text, sent.start_char, span.start_char)
        rest = text[opening.end() if opening else sent.start_char:span.start_char]
        semicolon = text.find(";", span.end_char, sent.end_char)
        clause_end = semicolon if semicolon >= 0 else sent.end_char  # (its own clause: '...; another lesion in the sacrum')
        hedged = opening or getattr(span._, "is_uncertain", False) or info(span).forced_certainty == "possible"
        if not hedged or _DESCRIBED.fullmatch(rest) is None or _ANOTHER_LESION.search(rest) \
                or _ANOTHER_LESION.search(text, span.end_char, clause_end) \
                or _INSIDE_DURA.search(text, sent.start_char, clause_end):
            # the diagnosis is what its statement is about, not one word of another description; nor a lesion
            # inside the dura ('Possible leptomeningeal disease along the conus' after vertebral deposits)
            return None
        before = sent_of(doc, sent.start - 1)
        if self.ix.blank_line_between(before.start_char, sent.start_char):
            return None
        named = self.ix.between(before.start_char, before.end_char)
        if len(named) != 1 or not (_LESION_WORD.search(text, before.start_char, before.end_char) or any(
                info(sp).finding_type in self.lesion_types for sp in self.ix.spans_between(before.start_char,
                                                                                            before.end_char))):
            return None  # ('Mild L4-5 disc bulge. A metastasis cannot be excluded.': no lesion was placed)
        return named[0]

    def _placed_after(self, doc: Doc, sent: Span) -> LevelGroup | None:
        """A lesion placed by the fragment after it ('• right paraspinal mass • measures 6.9 cm •
        located at levels T8 - T10'): the next statements of its paragraph with no finding of their
        own, the first with a level saying where ('located at', 'extending from')."""
        text = doc_text(doc)
        end, i = sent.end_char, sent.end
        for _ in range(3):
            if i >= len(doc):
                return None
            nxt = sent_of(doc, i)
            i = nxt.end
            if self.ix.blank_line_between(end, nxt.start_char) or self.ix.spans_between(nxt.start_char, nxt.end_char):
                return None
            groups = self.ix.between(nxt.start_char, nxt.end_char)
            if groups:
                return groups[0] if _PLACED.match(text[nxt.start_char:groups[0].start]) else None
            end = nxt.end_char
        return None

    def _choose(self, doc: Doc, span: Span, groups: list[LevelGroup], spans: list[Span]) -> LevelGroup | None:
        """The level group a finding belongs to: one just before it ('L2 hemangioma'), else one
        right after it ('protrusion at L5-S1'), else the nearest before it, else the nearest after it."""
        end_char = _end_with_relation(span)
        text = doc_text(doc)
        inside = [g for g in groups if span.start_char <= g.start and g.end <= span.end_char]
        if inside:
            return inside[0]  # 'transitional lumbosacral area', 'L4-5 disc': the level is in the finding's words
        before = [g for g in groups if g.end <= span.start_char]
        if before and _ADJACENT.match(text[before[-1].end:span.start_char]):
            return before[-1]  # 'L2 hemangioma and S2 Tarlov cyst': a level just before its finding binds first
        after = [g for g in groups if g.start >= end_char]
        if after and after[0].kind == "body" and _JOINS_ANOTHER.search(text, end_char, after[0].start) and any(
                sp is not span and not text[after[0].end:sp.start_char].strip(" -")
                for sp in self.ix.spans_between(after[0].end, after[0].end + 3)):
            # 'Marrow infiltration consistent with myeloma, with a mild pathological T9 fracture': T9 is the fracture's
            after = after[1:]
            if not after and not before:
                return None
        if after and info(span).finding_type not in _DISC_LESIONS | {"fracture"} and len(after[0].levels) > 1 \
                and _EXTENDS_TO.fullmatch(text, end_char, after[0].start):
            return after[0]  # 'L3-L4 discitis with an epidural abscess extending from L2 to L4': the abscess's own range
            # (not a disc's migration: 'At L4-5 a large extrusion extending to the L5-S1 level' stays the disc's)
        if after:
            g = after[0]
            gap = doc.char_span(end_char, g.start, alignment_mode="expand")
            if _OWN_CLAUSE_LEVEL.match(text, g.end) and _CLAUSE_OPENS.search(text, end_char, g.start):
                # 'At L4/5 there is mild canal narrowing only, and L5/S1 is unremarkable': the level after a comma or
                # 'and' that its verb follows is the subject of a clause of its own, not the finding's place
                return before[-1] if before else None
            if gap is not None and self._connective(gap):
                brk = _CLAUSE_BREAK.search(text, end_char, g.start)
                between = self.ix.spans_between(brk.end(), g.start) if brk is not None else []
                if before and brk is not None and (between or g.emphasis) \
                        and not _CLAUSE_BREAK.search(text, before[-1].end, span.start_char):
                    # 'Severe L4-5 stenosis with crowding of the cauda equina and severe lateral recess stenosis,
                    # moderate stenosis at L3-4': a level after a comma is the next item's; its own clause has one
                    return before[-1]
                if before and between and _OWNS_LEVEL.fullmatch(text, between[-1].end_char, g.start) \
                        and _WITH_NEXT.match(text, brk.start(), between[0].start_char):
                    # '... extrusion at L5/S1, compressing the right S1 nerve root, with desiccation of the L4/5 and
                    # L5/S1 discs': the levels after the next clause's finding are its own
                    return before[-1]
                return g
        if before:
            return before[-1]
        if after and (_ITEM_BREAK.search(text, end_char, after[0].start)
                      or ";" in text[end_char:after[0].start] and after[0].kind != self._wants(span)):
            return None  # 'Pathologic fracture | L4-5 disc bulge', 'no disc herniation; a corner lesion of L3': the
            # level is the next item's, or the next clause's when it is not of the finding's kind (a body for a disc)
        return after[0] if after else groups[0]

    def _wants(self, span: Span) -> str:
        return "body" if info(span).finding_type in self.body_types else "disc"

    def _named_after(self, doc: Doc, span: Span, groups: list[LevelGroup]) -> list[LevelGroup]:
        """The level group right after the finding (or its relation word) that its own 'at' names."""
        end_char = _end_with_relation(span)
        after = next((g for g in groups if g.start >= end_char), None)
        if after is None or not _OWN_AT.fullmatch(doc_text(doc), end_char, after.start):
            return []
        if after.kind == "body":
            # 'L4-5: ... compression of the cauda equina at the level of L5': a body of a segment named in the
            # statement, or of the header above it, is that segment's (annotation.md: the disc level)
            header = self.ix.header_before(span.start_char)
            discs = [g for g in groups if g.kind == "disc"] + ([header] if header is not None else [])
            if any(_bodies_of(lv) & set(after.levels) for g in discs for lv in g.levels):
                return []
        return [after]

    def _connective(self, gap: Span) -> bool:
        covered = self.ix.covered
        words = 0
        for tok in gap:
            if tok.i in covered or tok.is_space:
                continue
            norm = tok.norm_
            if norm in _CONNECTIVE or norm.endswith("ly") or tok.is_punct and tok.text not in _ENDS_ITEM:
                words += 1
                continue
            return False
        return words <= 14

    def _header_for(self, doc: Doc, span: Span, groups: list[LevelGroup], sent: Span) -> LevelGroup | None:
        """The nearest 'L4-5:' header above the finding in the same section and paragraph."""
        g = self.ix.header_before(span.start_char)
        if g is None or self.ix.blank_line_between(g.end, span.start_char):
            return None
        if g.kind == "body" and info(span).finding_type not in self.body_header_types:
            return None  # a vertebra's line heads its lesion and what the lesion does to the canal and cord, not a disc's
        same_line = "\n" not in doc_text(doc)[g.end:sent.start_char]
        if g.inline and not ((g.prose or g.slashed) and same_line) and not self._in_run(doc, g, sent, info(span).finding_type):
            return None  # an inline header heads its own statement only (and is in it, so chosen there); a
            # narrative's 'At L4-5, ...' heads the rest of its paragraph line
        if section_at(doc, g.start) is not section_at(doc, span.start_char):
            return None  # a header reaches only within its own section
        later = self.ix.between(g.end, sent.start_char)
        text = doc_text(doc)
        if later and (g.prose or _AT_OPENS_LINE.fullmatch(text, text.rfind("\n", 0, g.start) + 1, g.start)) \
                and any(self._states_another_level(doc, g, o) for o in later):
            return None  # '... At L4-L5, right protrusion ... Facet arthropathy at L4-5 and L5-S1. No spondylolisthesis.':
            # a narrative's 'At L4-5' heads its line up to a statement that names other levels
        return g

    def _states_another_level(self, doc: Doc, g: LevelGroup, o: LevelGroup) -> bool:
        """A later statement of a narrative header's line that places a finding at other levels ('Moderate facet
        arthropathy at L4-5 and L5-S1'); not a level named in the header's own statement, in brackets, or only to
        compare ('more prominent than at L3-L4', 'Compared with L5-S1 it is larger')."""
        text = doc_text(doc)
        if o.levels == g.levels or text.rfind("(", g.end, o.start) > text.rfind(")", g.end, o.start):
            return False
        o_sent = sent_of(doc, bisect_left(toks(doc).idx, o.start))
        if o_sent.start_char <= g.start:
            return False
        return any(set(info(sp).levels or []) & set(o.levels) for sp in self.ix.spans_between(o_sent.start_char,
                                                                                             o_sent.end_char))

    def _in_run(self, doc: Doc, g: LevelGroup, sent: Span, ftype: str) -> bool:
        """A level header inside a line heads the statements after it on that line when the line holds
        another ('FINDINGS: L4-5: Large central extrusion. Severe canal stenosis. L5-S1: Normal.': a
        level-by-level list whose line breaks were lost), up to a statement that states its own level
        and up to the next header ('... L3-4 and L5-S1: normal. Mild facet arthropathy.' is of them all)."""
        text = doc_text(doc)
        if "\n" in text[g.end:sent.start_char] or self.ix.between(g.end, sent.start_char):
            return False
        lo = text.rfind("\n", 0, g.start) + 1
        hi = text.find("\n", g.end)
        starts = self.ix.header_starts
        on_line = self.ix.headers[bisect_left(starts, lo):bisect_left(starts, len(text) if hi < 0 else hi)]
        # ... and only up to the next one: after the last, a statement may be said of the whole report ('... L5/S1:
        # normal disc height. Normal conus.', 'No spondylolisthesis.'), except the canal, recess, foramina and roots
        # that a level's account goes on to ('L5-S1: Mild disc bulge. No canal or foraminal stenosis.')
        return len(on_line) >= 2 and (on_line[-1].start >= sent.end_char or ftype in _LEVEL_ACCOUNT)

    def _continuation(self, doc: Doc, sent: Span, groups: list[LevelGroup]) -> LevelGroup | None:
        """A statement that continues the one before ('With spinal canal stenosis noted.',
        'Compressing the thecal sac') takes its level."""
        first = next((t for t in sent if not t.is_space and not t.is_punct), None)
        if first is None or first.i == 0:
            return None
        other_side = first.norm_ not in _CONTINUATION and _OTHER_SIDE.match(doc_text(doc), first.idx) is not None
        if first.norm_ not in _CONTINUATION and not other_side:
            return None
        prev = sent_of(doc, first.i - 1) if not doc[first.i - 1].is_space else sent_of(doc, max(sent.start - 1, 0))
        if other_side and self.ix.blank_line_between(prev.start_char, sent.start_char):
            return None  # a new paragraph
        prev_groups = self.ix.between(prev.start_char, prev.end_char)
        if other_side:
            # 'The L5 S1 disk shows a left foraminal protrusion ... the exiting left L5 nerve root. On the right the
            # foramen is mildly narrow.': the other side of the disc level just described, not a root's name
            prev_groups = [g for g in prev_groups if g.kind == "disc"][:1]
        return prev_groups[-1] if prev_groups else None

    def _structure_named(self, doc: Doc, sent: Span, noun: str) -> LevelGroup | None:
        """'The joints were noted to have ... facet arthrosis' after 'the facet joints at L34, L45 and
        L5S1': the levels the same structure was named with earlier in the paragraph."""
        text = doc_text(doc)
        lo = sent.start_char
        for _ in range(6):
            prev = self.ix.last_ending_by(lo)
            if prev is None or self.ix.blank_line_between(prev.end, sent.start_char):
                return None
            if prev.header and "\n" not in text[prev.end:sent.start_char]:
                return None  # 'L4-L5: interval progression of disc height loss. The disc remains desiccated.': a line
                # headed by its level speaks of that level's structures (the header's rule places them)
            line = text[max(0, prev.start - 60):prev.start]
            if re.search(rf"\b{re.escape(noun)}\b[\w\s,-]{{0,30}}$", line, re.I):
                return prev
            lo = prev.start
        return None

    def _this_level_beside(self, doc: Doc, sent: Span, chosen: LevelGroup) -> LevelGroup | None:
        """'at this level and at L4 L5', 'at L3-4 and at this level': a level anaphor coordinated with the level
        the finding took gives the level stated before the statement too."""
        text = doc_text(doc)
        m = _THIS_LEVEL.search(text, sent.start_char, sent.end_char)
        if m is None or not m.group(0)[:1].isalpha():
            return None
        between = text[m.end():chosen.start] if m.end() <= chosen.start else text[chosen.end:m.start()]
        if not _AND_AT.fullmatch(between):
            return None
        prev = self._previous_group(sent.start_char)
        return prev if prev is not None and not self.ix.blank_line_between(prev.end, sent.start_char) else None

    def _previous_disc(self, doc: Doc, char: int) -> LevelGroup | None:
        """The last level stated before this statement: a disc, or past a body named in the disc's own statement or
        on its header's line ('extrusion at L4-5 with caudal migration behind the L5 body ... The disc below is
        desiccated': L5-S1); a body named on its own counts ('T12 burst fracture ... The level above': T11-T12)."""
        k = bisect_right(self.ix.starts, char) - 1
        while k >= 0 and self.ix.groups[k].end > char:
            k -= 1
        if k < 0:
            return None
        last = self.ix.groups[k]
        if last.kind == "disc":
            return last
        j = k - 1
        while j >= 0 and self.ix.groups[j].kind != "disc":
            j -= 1
        text = doc_text(doc)
        if j >= 0 and (not _STATEMENT_END.search(text, self.ix.groups[j].end, last.start)
                       or self.ix.groups[j].header and "\n" not in text[self.ix.groups[j].end:last.start]
                       and _BEHIND.search(text, max(0, last.start - 40), last.start)):
            # (or, as where a fragment lies, in a later statement of the account its header heads: 'L5/S1: There is
            # loss of disc height. A right extrusion extends behind the S1 body ... Mild facet hypertrophy at this
            # level': L5/S1; not 'L3-4: disc bulge. L5 vertebral body haemangioma. The canal is narrowed at this level')
            return self.ix.groups[j]
        return last

    def _singled_out(self, doc: Doc, group: LevelGroup, sent_text: str) -> list[str | None] | None:
        """The one level 'at this level' means after a statement over several that singles one out by a finding
        ('Disc spaces are narrowed from L2/3 to L5/S1, most markedly at the level of the slip. At this level there
        is severe canal stenosis': the slip's). None for a plural anaphor ('at these levels') or none singled out."""
        this = _THIS_LEVEL.search(sent_text)
        if this is None or this.group().lower().endswith("levels") or re.search(r"\b(?:these|those)\b", this.group(), re.I):
            return None
        text = doc_text(doc)
        end = text.find(".", group.end)
        for sp in self.ix.spans_between(group.end, end if end >= 0 else len(text)):
            levels = info(sp).levels or []
            if len(levels) == 1 and levels[0] is not None and _LEVEL_OF_BEFORE.search(text, max(0, sp.start_char - 30),
                                                                                   sp.start_char):
                return list(levels)
        return None

    def _previous_group(self, char: int) -> LevelGroup | None:
        """The last level stated before this statement ('... narrowing at this level')."""
        return self.ix.last_ending_by(char)

    def _placed_before(self, span: Span, spans: list[Span]) -> Span | None:
        """The last finding of the span's type placed at a level before it."""
        k = self.ix.index[id(span)]
        ftype = info(span).finding_type
        return next((p for p in reversed(spans[max(0, k - _LOOKBACK):k]) if p.end <= span.start
                     and info(p).finding_type == ftype and info(p).levels and info(p).levels != [None]), None)

    def _line_header(self, doc: Doc, span: Span, groups: list[LevelGroup], sent: Span) -> bool:
        """A level heading the finding's own line as its label ('L4-5: Disc bulge. Alignment is normal.'; not 'At L4-L5
        there is mild disc desiccation. Alignment is maintained.')."""
        header = self._header_for(doc, span, groups, sent)
        text = doc_text(doc)
        return header is not None and "\n" not in text[header.end:span.start_char] and bool(_HEADS_LINE.match(text, header.end))

    @staticmethod
    def _the_one_before(doc: Doc, span: Span, earlier: list[Span]) -> list[str | None] | None:
        """'A large right paracentral disc extrusion at L5/S1 ... the extrusion is clearly on the right side': a
        definite finding stated present is the one named before, when every earlier mention of its type placed
        names one level (and its side, if both have one); with two levels named, which one is not said."""
        norms = toks(doc).norms
        before = [w for w in norms[max(0, span.start - 2):span.start] if w.strip()]
        fi = info(span)
        if fi.finding_type not in _DEFINITE_THINGS or fi.relation is not None or "the" not in before \
                or getattr(span._, "is_negated", False) or fi.forced_certainty == "absent" \
                or getattr(span._, "is_uncertain", False) or getattr(span._, "is_historical", False):
            return None
        placed = [s for s in earlier if s.end <= span.start and info(s).finding_type == fi.finding_type
                  and info(s).levels and info(s).levels != [None]]
        if not placed or len({tuple(info(s).levels) for s in placed}) != 1 or len(info(placed[-1]).levels) != 1:
            return None  # ('Disc bulges at L3/4 and L4/5. The bulge narrows both exit foramina': which one is not said)
        side = info(placed[-1]).side
        if fi.side and side and fi.side != side:
            return None
        return list(info(placed[-1]).levels)

    @staticmethod
    def _anaphoric(doc: Doc, span: Span, definite: bool = False) -> bool:
        """'this protrusion', 'the above lesion'; for a lesion also 'the mass' (a report describes
        one tumour or abscess over several sentences)."""
        sent = sent_of(doc, span.start)
        lo = max(sent.start, span.start - 3)
        subject = _RESULT_OF_BEFORE.match(doc_text(doc)[sent.start_char:sent.end_char])
        if subject is not None and span.start_char >= sent.start_char + subject.end():
            return False  # 'This markedly compresses the right S1 root': 'This' is the verb's subject, not the root's
        norms = toks(doc).norms[lo:span.start]
        words = " ".join(norms)
        if definite and "the" in norms:
            return True
        return any(a in words for a in _ANAPHORA)  # a word of words.split() is in words too

    def _without_findings(self, text: str, lo: int, hi: int) -> str:
        """The words between a level (lo) and a finding (hi) less the findings coordinated there:
        'L4-L5 degenerative disk disease/disk protrusions/spondylosis' puts the level with each."""
        spans = [s for s in self.ix.spans if lo <= s.start_char and s.end_char <= hi]
        if not spans:
            return text[lo:hi]
        at, pieces = spans[0].end_char, []
        for s in spans[1:] + [None]:
            nxt = hi if s is None else s.start_char
            pieces.append(text[at:max(at, nxt)])
            at = max(at, s.end_char) if s is not None else at
        if all(_ADJACENT.match(_COORDINATED.sub(" ", p)) for p in pieces):
            return text[lo:spans[0].start_char]
        return text[lo:hi]

    def _global_levels(self, doc: Doc, span: Span, in_sent: list[LevelGroup]) -> tuple[list[str | None], str | None]:
        """A finding of the whole spine ('spondylosis') has no level unless one is written right with
        it ('degenerative change at the L4-L5 level', 'L5-S1 spondylosis') or highlighted
        ('multilevel degenerative change, most marked at L4-5': no level and L4-L5)."""
        text = doc_text(doc)
        before = [g for g in in_sent if g.end <= span.start_char]
        if before and not before[-1].emphasis and _ADJACENT.match(self._without_findings(text, before[-1].end,
                                                                                        span.start_char)):
            return list(before[-1].levels), _group_rule(before[-1])
        after = [g for g in in_sent if g.start >= span.end_char]
        if after:
            g = after[0]
            gap = text[span.end_char:g.start]
            if g.emphasis and len(gap) < 60 and not re.search(r"[.;]", gap):
                return [None] + list(g.levels), _group_rule(g)
            if _GLOBAL_GAP.match(gap):
                return list(g.levels), _group_rule(g)
        return [None], None


# the disc findings that are an endplate's own (a fracture's 'superior endplate' places no canal narrowing beside it)
_OF_ENDPLATES = frozenset({"modic_change"})
_ENDPLATE_BEFORE = re.compile(r"\b(superior|upper|inferior|lower)\s+end\s*-?\s*plates?\s+of\s+(?:the\s+)?$", re.I)
_ENDPLATE_AFTER = re.compile(r"\s+(superior|upper|inferior|lower)\b(?:\s+(?:and|&)\s+\w+\s+(?:superior|upper|inferior|lower))?"
                             r"\s+end\s*-?\s*plates?\b", re.I)
_ENDPLATE = re.compile(r"end\s*-?\s*plates?\b", re.I)
_BELOW_WORDS = ("inferior", "lower")


def _endplate_disc(text: str, group: LevelGroup, s0: int, s1: int) -> list[str | None] | None:
    """The disc a vertebra's endplate faces: two adjacent vertebrae named with endplates are the disc between
    them; one vertebra's inferior (lower) endplate faces the disc below it, its superior (upper) one the disc
    above ('the inferior endplate of L4', 'the L5 superior endplate'). None when no endplate is named."""
    bodies = [lv for lv in group.levels if lv and "-" not in lv]
    if not bodies or not _ENDPLATE.search(text, max(s0, group.start - 40), min(s1, group.end + 40)):
        return None
    if len(bodies) == 2 and next_vertebra(bodies[0]) == bodies[1]:
        return [f"{bodies[0]}-{bodies[1]}"]
    if len(bodies) != 1:
        return None
    before = _ENDPLATE_BEFORE.search(text[max(s0, group.start - 40):group.start])
    after = _ENDPLATE_AFTER.match(text, group.end, min(s1, group.end + 60))
    side = (before or after).group(1).lower() if before or after else None
    if side is None:
        return None
    disc = _disc_beside_body(bodies[0], side in _BELOW_WORDS)
    return [disc] if disc else None


def _disc_beside_body(body: str | None, down: bool) -> str | None:
    """The disc below (or above) a vertebral body: 'T12 burst fracture ... The level above' is T11-T12."""
    if not body or "-" in body:
        return None
    other = next_vertebra(body) if down else previous_vertebra(body)
    if other is None:
        return None
    return f"{body}-{other}" if down else f"{other}-{body}"


def _bodies_of(level: str | None) -> set[str]:
    """The two vertebrae of a segment ('L4-L5' -> {'L4', 'L5'}); a body is its own."""
    return set(level.split("-")) if level else set()


def _end_with_relation(span: Span) -> int:
    """Where a finding ends with its relation word after it ('cord compression' is 'cord' + 'compression')."""
    rel = info(span).relation
    if rel is not None and rel.end_char > span.end_char and rel.start > span.start:
        return rel.end_char
    return span.end_char
