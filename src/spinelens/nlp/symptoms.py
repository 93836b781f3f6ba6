"""Stage 11, symptoms: the side, nerve roots and, for examination signs, the certainty of each
symptom span, from the words of its statement.

A symptom rule (lexicons/symptoms.json) may name in ``attributes.detail`` how its statement is
read; the reading replaces the detail:

    (none)        a complaint ('left leg pain to the big toe'): ConText gives the certainty;
                  territory, movement and reflex words (lexicons/clinical.json) give the roots
    drop          a longer phrase that only keeps a shorter rule from firing ('epidural steroid
                  injection' is not steroid use, 'fell within normal limits' not a fall)
    reflex        a tendon-reflex statement: its grades per site ('2 at the knees and 1 at the
                  ankles', '3+/3+ patellae, 0/1 ankles', 'absent Achilles'): a reduced or absent
                  knee or ankle reflex is present (L4 / S1), graded normal or brisk is absent
    strength      a strength statement: grades per muscle ('EHL 4/5 on the left', '5/5
                  throughout', 'normal bulk, tone and power'): below 5 is weakness with the root
                  of the muscle's movement, all 5/5 or 'full' is absent
    sensation     a sensory examination ('sensation intact to light touch', 'decreased pinprick
                  in the L5 dermatome'): a deficit is present, intact or symmetric absent
    walk          heel or toe walking ('unable to heel walk' L5, 'toe walking normal' absent)
    slr           straight-leg raise, crossed SLR, Bragard, Lasegue, femoral stretch, slump:
                  positive on a side = radicular pain on that side, negative = absent; a test
                  that only gives back pain says nothing of the leg
    radiation     'radiating' with no limb: only its denial counts ('does not radiate' = no
                  radicular pain); 'radiation treatment', 'radiates from the hip' say nothing
    limb          'gave way' is weakness only with a leg in its statement
    distance      a walking distance is claudication only with a symptom or a stop beside it
    operation     prior_surgery: lumbar surgery done before ('history of L4-5 discectomy'),
                  not a cervical, knee or planned operation, nor the note's own procedure
    lab           an infection marker counts only when raised ('elevated CRP')
    injury        an injury is spinal trauma unless placed on a limb, joint or the face
    sign          an examination sign with its own deficit word ('decreased rectal tone'): a
                  negation cue after it belongs to the next sign
    progress      'worsened', 'progressed' is a progressive deficit with the deficit named before it
    malignant     'tumour' counts as cancer only with a malignant word beside it

Everywhere: a neurological symptom of the arm, hand, neck or face only is outside the
vocabulary (annotation.md), and a sentence listing a procedure's risks names no symptom of
the patient. A dropped span leaves the span group.
"""

import itertools
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import load_table
from .extensions import FINDINGS_GROUP, STATEMENTS_KEY, info
from .sections import section_at
from .tokens import doc_text, sent_of, toks


@Language.factory("spinelens_symptoms")
def make_symptoms(nlp: Language, name: str) -> "SymptomReader":
    return SymptomReader()


_LIMB = {"leg", "legs", "foot", "feet", "thigh", "calf", "buttock", "arm", "lower", "knee", "ankle", "toe", "hip",
         "sided", "side", "sciatica", "radicular", "radiculopathy"}
_TERRITORY_FILLER = {"the", "of", "a", "an", "his", "her", "their", "left", "right", "lt", "rt", "both", "bilateral",
                     "l", "r", "on", "over", "to", "into", "down", "and"}
# neurological symptoms: they point to a root, and on the arm or neck they are outside the vocabulary
_NEURO = {"radicular_pain", "sensory_deficit", "motor_weakness", "reflex_change", "progressive_deficit"}
_ROOTED = _NEURO
_LIMB_WORDS = {"leg", "legs", "foot", "feet", "thigh", "thighs", "calf", "buttock", "buttocks", "lower", "arm", "arms",
               "toe", "toes", "knee", "ankle", "hip", "extremity", "extremities", "limb", "limbs", "sided", "sciatica",
               "radicular", "radiculopathy", "hand", "shoulder"}
_BOTH_LEGS = {"paraplegia", "paraplegic", "paraparesis", "paraparetic", "ble"}
_EXAMS = ("reflex", "strength", "sensation", "walk", "slr")
_ROOT_ORDER = ["L1", "L2", "L3", "L4", "L5", "S1", "S2"]

# sides as clinicians write them in an examination
_SIDE_WORDS = {"left": "left", "right": "right", "lt": "left", "rt": "right", "r": "right", "l": "left",
               "bilat": "bilateral", "bilateral": "bilateral",
               "bilaterally": "bilateral", "both": "bilateral", "b/l": "bilateral", "ble": "bilateral",
               "lle": "left", "rle": "right"}
# plural limbs with no side named: both sides ('ankle jerks are absent', 'pain down the legs')
_BOTH = re.compile(r"\b(?:legs|feet|thighs|calves|buttocks|ankles|knees|heels|soles|patellae|patellas|jerks|"
                   r"lower extremities|lower limbs|ble|both)\b")
# the order of a pair of grades: 'Reflexes (right/left): ankle jerk 4/0'
_RL = re.compile(r"\b(?:right|rt|r)\s*/\s*(?:left|lt|l)\b")
_LR = re.compile(r"\b(?:left|lt|l)\s*/\s*(?:right|rt|r)\b")
_SIDE_RE = re.compile(r"\b(left|right|lt|rt|r|l|bilat|bilateral(?:ly)?|both|b/l|ble|lle|rle)\b(?![/-])")
_COMPARE = re.compile(r"\b(?:versus|vs\.?|relative to|compared (?:to|with)|greater than|more than|worse than|than)\b")
_PIECES = re.compile(r"[,;:.]|\band\b|\bbut\b|\bexcept\b|\bwhereas\b|\bhowever\b")

# tendon reflexes: numeric grades 0-4 ('1+', '+1', '3 plus', '0/1', '3+/3+'); words
_REFLEX_GRADE = re.compile(r"(?<![\w/.+-])\+?([0-4])\s*(?:\+|plus\b)?(?:\s*/\s*\+?([0-4])\s*\+?)?(?![\d/])")
_REFLEX_WORDS = [
    (re.compile(r"\b(?:absent|areflexi[ac]|unobtainable|not (?:elicited|obtained|obtainable)|none|nil|"
                r"0)\b"), 0.0),
    (re.compile(r"\btrace\b"), 0.5),
    (re.compile(r"\b(?:diminished|decreased|reduced|hypoactive|depressed|sluggish|hyporeflexi[ac]|diminution|"
                r"weak|weaker)\b"), 1.0),
    (re.compile(r"\b(?:normal|symmetric(?:al)?|symmetrically|intact|equal|normoactive|physiologic|present)\b"), 2.0),
    (re.compile(r"\b(?:brisk|increased|hyperactive|hyperreflexi[ac]|exaggerated|pathologically)\b"), 3.0),
]
_REFLEX_PAIR = re.compile(r"(?<![\w/.])\+?([0-4])\s*\+?\s*/\s*\+?([0-4])\+?(?![\d/])")
_NO_REFLEX = re.compile(r"\b(?:no|absent|lost|loss of)\s+(?:\w+\s+){0,2}(?:reflex(?:es)?|jerks?|dtrs?)\b")
# a reflex that is not a tendon reflex of the legs: not read as a reflex change
_NOT_TENDON = re.compile(r"\b(?:plantar|babinski|hoffman+'?s?|gag|corneal|oculocephalic|abdominal|cremasteric|"
                         r"pupillary|light|jaw|glabellar|withdrawal|cough|pathologic(?:al)?|primitive|startle|"
                         r"bulbocavernosus|anal wink|vestibulo|clonus|flexor|extensor|upgoing|downgoing)\b")

_NOT_TENDON_PHRASE = re.compile(_NOT_TENDON.pattern + r"(?:\s+(?:reflex(?:es)?|responses?|signs?|jerks?))?")

# strength: MRC grades ('4/5', '4+/5', '5-/5', '-5/5', '4-5/5', '4 out of 5', '4+/4+' per side)
_STRENGTH_GRADE = re.compile(
    r"(?<![\w/.])([+-])?([0-5])\s*([+-])?(?:\s*-\s*([0-5])\s*([+-])?)?\s*(?:/|out of)\s*([+-])?([0-5])\s*([+-])?(?![\d/])")
_STRENGTH_PAIR = re.compile(r"(?<![\w/.])([0-5][+-]?)\s*/\s*([0-5][+-]?)(?![\d/])")
_STRENGTH_NORMAL = re.compile(r"\b(?:full|normal|intact|symmetric(?:al)?|good|strong|preserved|"
                              r"within normal limits|wnl|no (?:focal |motor )?(?:weakness|deficits?))\b")
_STRENGTH_WEAK = re.compile(r"\b(?:weak|weakness|reduced|decreased|diminished|impaired|paresis|paretic|plegic|"
                            r"paraplegia|flaccid|give-?way|unable|cannot)\b")

# sensation
_SENSE_DEFICIT = re.compile(r"\b(?:decreased|diminished|reduced|absent|loss|lost|impaired|altered|abnormal|"
                            r"hypo-?a?esthe\w*|hyperpathi\w*|numb\w*|stocking|gradient|patchy|dull\w*|"
                            r"blunted|deficits?|sensory (?:level|symptoms|changes|disturbance|complaints))\b")
# any deficit in an examination list ('normal strength and sensation' has none)
_DEFICIT_ANY = re.compile(r"\b(?:decreased|diminished|reduced|absent|loss|impaired|weak\w*|[0-4][+-]?\s*/\s*5|trace|"
                          r"hypo\w+|areflexi\w*|unable|difficulty|positive|numb\w*)\b")
_SENSE_NORMAL = re.compile(r"\b(?:intact|normal|symmetric(?:al)?|preserved|equal|good|wnl|unremarkable|"
                           r"within normal limits|no (?:\w+ )?deficits?|no (?:\w+ )?(?:sensory )?(?:loss|changes?))\b")
_DENIAL = re.compile(r"\b(?:no|without|denies|denied|not|negative for|never)\b(?:\s+[\w/-]+){0,5}")

# heel / toe walking
_WALK_WEAK = re.compile(r"\b(?:unable|cannot|can't|can not|could not|couldn't|not able|difficulty|difficult|"
                        r"trouble|weak|weakness|impaired|abnormal|poor|poorly|fails?|failed|struggles?)\b")
_WALK_NORMAL = re.compile(r"\b(?:normal|normally|able|without (?:any )?(?:difficulty|difficulties|problem)|"
                          r"intact|performed|can|good|well|no difficulty|unremarkable|satisfactory)\b")

# straight-leg raise and other root tension signs
_SLR_POSITIVE = re.compile(r"(?:\bpositive\b|\bpos\b|(?<![\w])\+(?![\w\d])|\breproduc\w*|\belicit\w*|\bprovok\w*|"
                           r"\bproduc\w*|\bcaus\w*|\bevok\w*|\bwith (?:\w+ )?(?:pain|radiation|radicular)|\bpain\b)")
_SLR_NEGATIVE = re.compile(r"\b(?:negative|neg|normal|unremarkable|no (?:\w+ ){0,4}(?:pain|radiation|radicular)|"
                           r"(?:limited|restricted) by (?:\w+ )?(?:hamstrings?|tight\w*)|hamstring tightness|tight hamstrings|"
                           r"without (?:\w+ ){0,4}(?:pain|radiation)|does not (?:reproduce|produce|cause)|"
                           r"did not (?:reproduce|produce|cause)|not reproduc\w*)\b|(?<![\w])-(?![\w\d])")
_LEG = re.compile(r"\b(?:leg|legs|thigh|thighs|calf|calves|foot|feet|toe|toes|knee|buttock|buttocks|radiat\w*|"
                  r"radicular|sciatic\w*|dermatom\w*|l[1-5]|s1|lower extremit\w*|ankle|heel|shooting)\b")

# a walking distance is claudication with a symptom or a stop ('2 blocks before leg pain')
_CLAUDICANT = re.compile(r"\b(?:pain|pains|ache|aches|aching|achiness|achy|heaviness|heavy|numb\w*|tingl\w*|weak\w*|"
                         r"cramp\w*|symptoms|discomfort|tired|fatigue|stop|stops|rest|rests|sit|sits|lean|leans|"
                         r"before|until|claudicat\w*)\b")
_NO_SYMPTOM = re.compile(r"\bwithout (?:\w+ ){0,3}(?:pain|difficulty|symptoms|problems?|stopping|complaints?)\b|"
                         r"\bunlimited\b")
_LAB_RAISED = re.compile(r"\b(?:raised|elevated|high|increased|abnormal|rising|up|markedly|significantly)\b")
_MALIGNANT = re.compile(r"\b(?:malignan\w*|metasta\w*|cancer\w*|carcinoma\w*|sarcoma|lymphoma|myeloma|"
                        r"oncolog\w*|chemo\w*|radiotherapy|primary)\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b|\b\d+ (?:years?|months?|weeks?) ago\b")
_HEADER_PAST = re.compile(r"\b(?:past|pmh|psh|pmhx|pshx|surgical|surgeries|operations)\b", re.I)
# an operation on the spine by its name; 'surgery', 'fusion' or 'decompression' need the spine named beside them
_SPINE_OPERATION = re.compile(r"\b(?:hemi)?lamin(?:ectom|otom)\w*|\b(?:micro)?dis[ck]ectom\w*|\bforaminotom\w*|"
                              r"\bfacetectom\w*|\bkyphoplast\w*|\bvertebroplast\w*|\barthrodes\w*|\bdisc replacement")
_LUMBAR = re.compile(r"\b(?:lumbar|lumbosacral|low back|lower back|l[1-5]|s1|back)\b")
# a sphincter symptom of long standing or getting better is not the new one of cauda equina syndrome
_LONGSTANDING = re.compile(r"\b(?:history of|h/o|chronic|longstanding|long-standing|long standing|for years|known|"
                           r"baseline|catheter|indwelling|doing better|improved|improving|resolved|resolving|stress|"
                           r"since childbirth|prostat\w*|bph|uti)\b")
_NEW = re.compile(r"\b(?:new|acute|sudden|suddenly|recent|recently|since (?:yesterday|today|this morning|last night)|"
                  r"worsening|increasing|progressive)\b")
# a neurological deficit named before 'worsened' / 'progressed'
_DEFICIT_NAMED = re.compile(r"\b(?:weak\w*|numb\w*|paresthes\w*|paraesthes\w*|tingl\w*|sensory|deficits?|foot drop|"
                            r"paresis|gait)\b")
_LIGHT_TOUCH = re.compile(r"(?<=reduced )lt\b|(?<=decreased )lt\b|(?<=diminished )lt\b|(?<=absent )lt\b|"
                         r"(?<=impaired )lt\b|(?<=to )lt\b|\blt(?=\s*/)|(?<=/)lt\b")
_SADDLE = re.compile(r"\b(?:peri-?anal|perineal|perineum|saddle|genital|sacral)\b")
# a question put to the examiner, not a statement about the patient
_QUESTION = re.compile(r"\bwhether\b|\bplease (?:indicate|describe|provide|state|comment|list|identify|document|note)\b")
_CERVICAL_ROOT = re.compile(r"\bc[1-8](?=\b|-)")
# a run of roots: 'from L4 to S1', 'L4-L5 dermatomes' (a level 'L4-5' alone names no root range)
_ROOT_RANGE = re.compile(r"\b([ls][1-5])\s*(?:(?:to|through|thru)\s*([ls][1-5])\b|-\s*([ls]?[1-5])\b(?=\s*(?:[\w-]+\s+)?"
                         r"(?:dermatom\w*|distributions?|nerve roots|roots)))")
# what kind of examination a piece of a statement speaks of
_KINDS = {
    "strength": re.compile(r"\b(?:strength|motor|power|mrc)\b|\d\s*[+-]?\s*/\s*5\b|\bout of 5\b"),
    "reflex": re.compile(r"\b(?:reflex(?:es)?|jerks?|dtrs?|hyporeflexi\w*|hyperreflexi\w*|areflexi\w*)\b"),
    "sensation": re.compile(r"\b(?:sensation|sensory|sensibility|pinprick|pin prick|light touch|vibrat\w*|"
                            r"proprioception|position sense|numb\w*)\b"),
    "walk": re.compile(r"\b(?:heel|toe|tiptoe)s?[- ](?:walk\w*|raises?)|\bwalk\w* on (?:\w+ )?(?:heels|toes)\b"),
    "slr": re.compile(r"\bslrs?\b|straight[- ]leg|\bfemoral stretch|\blas[eè]gue|\bbragard"),
}
# one predicate for a list of examinations: 'motor, sensation and reflexes were normal'
_TEMPLATE_NORMAL = re.compile(r"\b(?:normal|intact|within normal limits|wnl|unremarkable|symmetric(?:al)?)\b")
_CONSENT = re.compile(r"\b(?:risks?|complications?)\b.{0,60}\b(?:include|including|such as|of|were|are|discussed|"
                      r"explained|reviewed)\b|\b(?:risks|benefits|alternatives)\b.{0,40}\b(?:benefits|alternatives|risks)\b")


def _word_set(words: list[str]) -> re.Pattern[str]:
    alts = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")


class SymptomReader:
    """Side, nerve roots and examination certainty of each symptom (see the module text)."""

    def __init__(self) -> None:
        table = load_table("clinical")
        maps = [table["territory"], table["movement"], table["reflex"]]
        # phrases compared without filler and side words: "dorsum of the right foot" ~ "dorsum of the foot"
        self.phrases = [(f" {' '.join(w for w in k.split() if w not in _TERRITORY_FILLER)} ", v)
                        for m in maps for k, v in m.items()]
        self.side = load_table("attributes")["side"]
        reader = table["reader"]
        self.upper = _word_set(reader["upper_limb"])
        self.lower = _word_set(reader["lower_limb"])
        self.spine = _word_set(reader["spine_words"])
        self.other_region = _word_set(reader["other_region"])
        self.past = _word_set(reader["past_cues"])
        self.future = _word_set(reader["future_cues"])
        # (pattern, roots, names one reflex): 'ankles' is S1; 'legs' names both L4 and S1
        self.reflex_sites = [(_word_set([k]), v, len(v) == 1) for k, v in table["reflex_site"].items()]
        self.muscles = [(_word_set([k]), v) for k, v in sorted(table["movement"].items(), key=lambda kv: -len(kv[0]))]

    # --- the stage
    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(FINDINGS_GROUP, []))
        if not any(s.label_.startswith("SYM_") for s in spans):
            return doc
        tk = toks(doc)
        text = doc_text(doc)
        note = doc.user_data.get(STATEMENTS_KEY) is not None
        keep = [s for s in spans if not s.label_.startswith("SYM_") or self._read(doc, tk, text, s, note)]
        if len(keep) != len(spans):
            doc.spans[FINDINGS_GROUP] = keep
        return doc

    def _read(self, doc: Doc, tk, text: str, span: Span, note: bool) -> bool:
        """Set side, roots and detail of one symptom span; False when the span is not a symptom."""
        stype = span.label_[4:]
        found = info(span)
        how, found.detail = found.detail, None
        if how == "drop":
            return False
        if any((getattr(m, "rule", None) is not None and (m.rule.metadata or {}).get("symptom") == "not the patient's")
               for m in getattr(span._, "modifiers", ()) or ()):
            return False  # 'if she is involved in any trauma', 'whether there are sensory changes'
        if getattr(span._, "is_uncertain", False) and all(
                m.category != "POSSIBLE_EXISTENCE" or (m.rule.literal == "?" and m.modifier_span[0] >= span.end
                                                       and m.modifier_span[1] < len(doc)
                                                       and re.match(r"[lstc]\d", doc[m.modifier_span[1]].norm_))
                for m in getattr(span._, "modifiers", ()) or ()):
            span._.is_uncertain = False  # 'L sciatica, ?L5/S1': the level is in question, not the sciatica
        if getattr(span._, "is_hypothetical", False) and all(
                m.category != "HYPOTHETICAL" or doc[m.modifier_span[0]].norm_.startswith("refer")
                for m in getattr(span._, "modifiers", ()) or ()):
            span._.is_hypothetical = False  # 'referred for low back pain': the patient has it
        sent = sent_of(doc, span.start)
        s_text = self._text(tk, text, sent.start, sent.end)
        if _QUESTION.search(self._text(tk, text, sent.start, span.start)):
            return False  # 'please indicate whether there are areas of sensory changes'
        if _CONSENT.search(s_text) and how not in _EXAMS:
            return False  # 'the risks include infection, bleeding, nerve injury ...'
        # the clause around the symptom: from a comma, semicolon or colon before it to a semicolon or colon after
        lo, hi = sent.start, sent.end
        for j in range(span.start - 1, sent.start - 1, -1):
            if tk.texts[j] in (";", ",", ":"):
                lo = j + 1
                break
        for j in range(span.end, sent.end):
            if tk.texts[j] in (";", ":"):
                hi = j  # 'Sciatica L>R. Reflexes: R knee 2+' - a heading starts another statement
                break
        words_full = tk.norms[lo:hi]
        if stype == "back_pain" and span.start > sent.start and tk.norms[span.start - 1] in (
                "upper", "thoracic", "neck", "cervical") and not {"low", "lower", "lumbar"} & set(words_full):
            return False  # upper back pain is not low back pain
        if how in _EXAMS:
            return self._exam(doc, tk, text, span, found, how)
        if stype in _NEURO and self._outside_legs(tk, text, span, sent):
            return False  # 'numbness in her fingers', 'C6 radiculopathy'
        if how == "injury" and self._limb_injury(tk, text, span, sent):
            return False  # 'injured her shoulder', 'an orbital injury'
        if how == "sign" and getattr(span._, "is_negated", False) and all(
                m.modifier_span[0] >= span.end
                for m in getattr(span._, "modifiers", ()) or () if m.category == "NEGATED_EXISTENCE"):
            span._.is_negated = False  # 'decreased rectal tone and absent anal reflex'
        if stype == "cauda_equina_symptoms" and not getattr(span._, "is_negated", False) \
                and found.forced_certainty is None:
            start = max((j + 1 for j in range(sent.start, span.start) if tk.texts[j] == ","), default=sent.start)
            end = next((j for j in range(span.end, sent.end) if tk.texts[j] == ","), sent.end)
            if end < sent.end and end + 1 < sent.end and tk.norms[end + 1] in ("which", "that", "now"):
                end = next((j for j in range(end + 1, sent.end) if tk.texts[j] == ","), sent.end)
            phrase = self._text(tk, text, start, end)  # 'history of urinary incontinence', 'retention, which is better'
            if _LONGSTANDING.search(phrase) and not _NEW.search(phrase):
                span._.is_uncertain = True  # 'history of urinary incontinence', 'retention, doing better': not new
        if how == "progress" and not _DEFICIT_NAMED.search(self._text(tk, text, sent.start, span.start)):
            return False  # 'the pain worsened' is not a progressive deficit
        if how == "radiation":
            if not getattr(span._, "is_negated", False):
                return False
        elif how == "radiating":
            if not getattr(span._, "is_negated", False) and not self.lower.search(self._text(tk, text, span.end, hi)):
                return False  # 'the pain radiates from her sacroiliac joint'
        elif how == "operation":
            if not self._prior_surgery(doc, tk, text, span, lo, hi, s_text, note):
                return False
        elif how == "limb":
            before = " ".join(tk.norms[max(sent.start, span.start - 4):span.start])
            if not re.search(r"\b(?:legs?|knees?|ankles?|limbs?|extremit\w*|hips?)\b", before):
                return False  # 'the picaroon gave way'
        elif how == "distance":
            if not _CLAUDICANT.search(s_text) or _NO_SYMPTOM.search(s_text) or re.search(
                    r"\b(?:will|goals?|aim|target)\b", self._text(tk, text, sent.start, span.start)):
                return False
        elif how == "lab":
            if not _LAB_RAISED.search(s_text):
                return False
        elif how == "malignant":
            if not _MALIGNANT.search(s_text):
                return False
        self._side_roots(span, found, stype, words_full, lo)
        return True

    def _exam(self, doc: Doc, tk, text: str, span: Span, found, how: str) -> bool:
        """An examination sign: its certainty, side and roots from its own statement."""
        if how == "reflex" and _NOT_TENDON.search(self._text(tk, text, max(0, span.start - 2), span.end)):
            return False  # 'trace corneal reflexes', 'no gag reflex', 'plantar reflexes'
        pieces, whole, own, own_at = self._exam_pieces(doc, tk, text, span, how)
        if self._only_upper(own):
            return False  # 'light touch decreased in the left C6 distribution', 'biceps reflexes 1+'
        if how == "sensation" and _SADDLE.search(own):
            return False  # 'perianal sensation' is read as a cauda equina sign
        reading = self._slr(pieces, own_at) if how == "slr" else getattr(self, f"_{how}")(pieces)
        if reading is None:
            legs = " ".join(p for p in _PIECES.split(whole) if not self._only_upper(p))
            if legs.strip() and _TEMPLATE_NORMAL.search(legs) and not _DEFICIT_ANY.search(_DENIAL.sub(" ", legs)):
                reading = ("absent", None, [])  # 'motor, sensation and deep tendon reflexes were normal'
        if reading is None:
            return False
        certainty, side, roots = reading
        if certainty == "absent":
            found.forced_certainty = "absent"
            found.side, found.nerve_roots = None, []
            return True
        found.forced_certainty = None
        span._.is_negated = False
        mods = getattr(span._, "modifiers", ()) or ()
        if span._.is_uncertain and all(m.category != "POSSIBLE_EXISTENCE" or str(getattr(m.rule, "literal", "")).startswith(
                ("versus", "?")) for m in mods):
            span._.is_uncertain = False  # 'decreased right versus left ankle reflexes' compares, it does not hedge
        found.side = side
        found.nerve_roots = [{"root": r} for r in roots]
        return True

    def _exam_pieces(self, doc: Doc, tk, text: str, span: Span, own: str) -> tuple[list[str], str, str, int]:
        """The pieces of an examination statement that speak of the span's examination: the run of
        pieces around the span's own that name no other examination ('strength 5/5, sensation
        decreased': the sensation is not strength); a heading ('Deep tendon reflexes:') reads on
        into the next sentence. Also the whole statement, the span's own piece and its place."""
        sent = sent_of(doc, span.start)
        hi = sent.end
        after = self._text(tk, text, span.end, sent.end).strip()
        if after in ("", ":", "-", ":-") and span.start - sent.start <= 3 and sent.end < len(doc) and (
                after or text[tk.idx[span.end - 1] + len(tk.texts[span.end - 1]):][:2].strip() in (":", "")):
            hi = sent_of(doc, sent.end).end  # a heading: 'Deep tendon reflexes:' then the grades
        start_char = tk.idx[sent.start]
        cut = tk.idx[span.start] - start_char
        whole = self._text(tk, text, sent.start, hi)
        parts: list[tuple[int, str]] = []
        pos = 0
        for m in _PIECES.finditer(whole):
            parts.append((pos, whole[pos:m.start()]))
            pos = m.end()
        parts.append((pos, whole[pos:]))
        own_i = max((i for i, (p, _) in enumerate(parts) if p <= cut), default=0)

        def other(piece: str) -> bool:
            return any(k != own and pattern.search(piece) for k, pattern in _KINDS.items()) \
                and not _KINDS[own].search(piece)
        lo_i = own_i
        while lo_i > 0 and not other(parts[lo_i - 1][1]):
            lo_i -= 1
        hi_i = own_i
        while hi_i + 1 < len(parts) and not other(parts[hi_i + 1][1]):
            hi_i += 1
        own_piece = re.split(r"\b(?:with the exception|except|apart from|other than|save for)\b", parts[own_i][1])[0]
        kept = [(i, t) for i, (_, t) in enumerate(parts[lo_i:hi_i + 1], lo_i) if t.strip()]
        own_at = next((k for k, (i, _) in enumerate(kept) if i >= own_i), 0)
        return [t for _, t in kept], whole, own_piece, own_at

    # --- text helpers
    @staticmethod
    def _text(tk, text: str, start: int, end: int) -> str:
        if end <= start:
            return ""
        return text[tk.idx[start]:tk.idx[end - 1] + len(tk.texts[end - 1])].lower().replace("\n", " ")

    def _outside_legs(self, tk, text: str, span: Span, sent: Span) -> bool:
        """A neurological symptom placed on the arm, hand, neck or face, not on the legs or back: the
        body part just before it ('hand weakness', 'RLE weakness'), else the first one after it in
        its statement ('numbness in both arms'), else the last one before it."""
        own = self._text(tk, text, span.start, span.end)
        if self.lower.search(own) or re.search(r"\b(?:back|legs?|sciatica)\b", own):
            return False  # 'radiating into both arms and both legs'
        if self.upper.search(own) or _CERVICAL_ROOT.search(own):
            return True
        near = self._text(tk, text, max(sent.start, span.start - 3), span.start)
        after = self._text(tk, text, span.end, sent.end)
        far = self._text(tk, text, sent.start, span.start)
        for chunk, where in ((near, "adjacent"), (after, "first"), (far, "last")):
            hits = sorted([(m.end(), "upper") for m in self.upper.finditer(chunk)]
                          + [(m.end(), "upper") for m in _CERVICAL_ROOT.finditer(chunk)]
                          + [(m.end(), "lower") for m in self.lower.finditer(chunk)]
                          + [(m.end(), "lower") for m in re.finditer(r"\b(?:back|legs?|sciatica)\b", chunk)])
            if where == "adjacent":
                hits = [h for h in hits if h[0] >= len(chunk.rstrip()) - 1]  # 'hand weakness', 'RLE weakness'
            if hits and where == "first" and hits[0][1] == "upper":
                # 'tingling in both hands and both feet': the legs joined to the arm count too
                joined = re.match(r"\s*(?:and|or|/|&)\s+(?:\w+\s+){0,2}", chunk[hits[0][0]:])
                if joined and self.lower.match(chunk, hits[0][0] + joined.end()):
                    return False
            if hits:
                return hits[0 if where == "first" else -1][1] == "upper"
        return False

    def _limb_injury(self, tk, text: str, span: Span, sent: Span) -> bool:
        """An injury placed on a limb, a joint or the face, not on the back, neck or spine."""
        near = self._text(tk, text, max(sent.start, span.start - 4), span.start)
        after = self._text(tk, text, span.end, min(sent.end, span.end + 6))
        spine = re.compile(r"\b(?:back|neck|spine|spinal|lumbar|cervical|thoracic|head|pelvis|pelvic|tailbone|coccyx)\b")
        for chunk in (near, after):
            if spine.search(chunk):
                return False
            if self.upper.search(chunk) or re.search(r"\b(?:knee|knees|ankle|ankles|foot|feet|toe|toes|hip|hips|"
                                                     r"orbital|eye|ear|nose|finger|thumb)\b", chunk):
                return True
        return False

    def _sides(self, piece: str) -> str | None:
        found = [_SIDE_WORDS[m.group(1)] for m in _SIDE_RE.finditer(piece)]
        if not found:
            return None
        if _COMPARE.search(piece) and found[0] != "bilateral":
            return found[0]  # 'decreased right versus left ankle reflexes'
        if "bilateral" in found or len(set(found)) > 1:
            return "bilateral"
        return found[0]

    @staticmethod
    def _merge_sides(sides: list[str | None]) -> str | None:
        named = {s for s in sides if s}
        if not named:
            return None
        if "bilateral" in named or len(named) > 1:
            return "bilateral"
        return named.pop()

    @staticmethod
    def _ordered(roots: set[str]) -> list[str]:
        return [r for r in _ROOT_ORDER if r in roots] + sorted(r for r in roots if r not in _ROOT_ORDER)

    def _explicit_roots(self, piece: str) -> set[str]:
        out = {m.upper() for m in re.findall(r"(?<![\w-])([ls][1-5])(?!\d)", piece)}
        for a, b1, b2 in _ROOT_RANGE.findall(piece):
            b = b1 or b2
            b = b if b[0] in "ls" else a[0] + b
            a, b = a.upper(), b.upper()
            if a in _ROOT_ORDER and b in _ROOT_ORDER and _ROOT_ORDER.index(a) <= _ROOT_ORDER.index(b):
                out.update(_ROOT_ORDER[_ROOT_ORDER.index(a):_ROOT_ORDER.index(b) + 1])
        return out

    # --- tendon reflexes
    def _reflex_grade(self, piece: str) -> float | None:
        grades = []
        if _NO_REFLEX.search(piece):
            grades.append(0.0)
        for m in _REFLEX_GRADE.finditer(piece):
            grades.extend(float(g) for g in m.groups() if g is not None)
        for pattern, value in _REFLEX_WORDS:
            if pattern.search(piece):
                grades.append(value)
        return min(grades) if grades else None

    def _reflex(self, pieces: list[str]) -> tuple[str, str | None, list[str]] | None:
        current: float | None = None
        graded = False
        reduced_roots: set[str] = set()
        reduced_sides: list[str | None] = []
        reduced = False
        for piece in pieces:
            piece = _NOT_TENDON_PHRASE.sub(" ", piece)  # 'plantar reflexes flexor', 'no gag reflex'
            grade = self._reflex_grade(piece)
            hits = [(roots, one) for pattern, roots, one in self.reflex_sites if pattern.search(piece)]
            if grade is not None:
                current = grade
            if current is not None and (hits or not self._only_upper(piece)):
                graded = True  # a grade of the legs, or of no limb named ('DTRs 2+ and symmetric')
            if current is None or current >= 2:
                continue
            if not hits and self.upper.search(piece):
                continue  # '1+ at the biceps'
            reduced = True
            for roots, _ in [h for h in hits if h[1]] or hits:
                reduced_roots.update(roots)  # 'lower extremities patellar 0': the patellar, L4
            side = self._sides(piece) or self._pair_side(piece, pieces, _REFLEX_PAIR, 2.0)
            if side is None and (_BOTH.search(piece) or re.search(r"\breflexes\b", piece)):
                side = "bilateral"
            reduced_sides.append(side)
        if reduced:
            return "present", self._merge_sides(reduced_sides), self._ordered(reduced_roots)
        return ("absent", None, []) if graded else None

    @staticmethod
    def _pair_side(piece: str, pieces: list[str], pair: re.Pattern[str], normal: float) -> str | None:
        """The side of the one abnormal grade of a right/left pair, when the statement says which is
        which ('Reflexes (right/left): ... ankle jerk 4/0' is the left)."""
        whole = " ".join(pieces)
        order = "rl" if _RL.search(whole) else "lr" if _LR.search(whole) else None
        for m in pair.finditer(piece):
            a, b = (float(re.sub(r"[^\d]", "", g) or 0) for g in m.groups())
            low_a, low_b = a < normal, b < normal
            if low_a and low_b:
                return "bilateral"
            if low_a != low_b and order is not None:
                first = low_a
                return ("right" if first else "left") if order == "rl" else ("left" if first else "right")
        return None

    # --- strength
    @staticmethod
    def _strength_grades(piece: str) -> list[tuple[float, ...]]:
        out = []
        for m in _STRENGTH_GRADE.finditer(piece):
            pre, a, a_sign, a2, a2_sign, b_pre, b, b_sign = m.groups()

            def value(n: str, sign: str | None, before: str | None = None) -> float:
                v = float(n)
                s = sign or before
                return v - 0.3 if s == "-" else v + 0.3 if s == "+" and v < 5 else v
            first = value(a, a_sign, pre)
            if a2 is not None:
                first = min(first, value(a2, a2_sign))
            if b == "5" and not b_sign and not b_pre:
                out.append((first,))  # '4/5': grade 4 of 5
            else:
                out.append((first, value(b, b_sign, b_pre)))  # '4+/5-', '5/4+': one per side
        return out

    def _strength(self, pieces: list[str]) -> tuple[str, str | None, list[str]] | None:
        weak_roots: set[str] = set()
        weak_sides: list[str | None] = []
        weak = normal = False
        current: float | None = None
        last_roots: list[str] = []
        for piece in pieces:
            grades = self._strength_grades(piece)
            cleaned = _DENIAL.sub(" ", piece)
            muscle_roots: list[str] = []
            for p, v in self.muscles:
                if p.search(piece):
                    muscle_roots.extend(r for r in v if r not in muscle_roots)
            if muscle_roots:
                last_roots = muscle_roots
            if grades:
                current = min(min(g) for g in grades)
            elif _STRENGTH_WEAK.search(cleaned) and not _STRENGTH_NORMAL.search(piece):
                current = 4.0
            elif _STRENGTH_NORMAL.search(piece) or re.search(r"\bno (?:\w+ ){0,2}weakness\b", piece):
                current = 5.0
            if current is None:
                continue
            upper = bool(self.upper.search(piece)) and not self.lower.search(piece)
            if upper:
                continue
            if current >= 5:
                normal = True
                continue
            weak = True
            weak_roots.update(muscle_roots or last_roots)
            side = self._sides(piece)
            if side is None:
                pairs = [g for g in grades if len(g) == 2]
                if any(max(g) < 5 for g in pairs):
                    side = "bilateral"  # '4+/4+': both sides graded below 5
                elif pairs:
                    side = self._pair_side(piece, pieces, _STRENGTH_PAIR, 5.0)
            if side is None and _BOTH.search(piece):
                side = "bilateral"
            weak_sides.append(side)
        if weak:
            side = self._merge_sides(weak_sides) or self._sides(" ".join(pieces))
            return "present", side, self._ordered(weak_roots)
        return ("absent", None, []) if normal else None

    # --- sensation
    def _sensation(self, pieces: list[str]) -> tuple[str, str | None, list[str]] | None:
        deficit_side: list[str | None] = []
        roots: set[str] = set()
        deficit = normal = False
        for piece in pieces:
            # 'reduced LT R S1', 'intact to LT/PP': LT is light touch here, not the left side
            piece = _LIGHT_TOUCH.sub("light-touch", piece)
            if self._only_upper(piece):
                continue  # 'decreased in the left C6 distribution', 'facial sensation normal'
            cleaned = _DENIAL.sub(" ", piece)
            if _SENSE_DEFICIT.search(cleaned):
                deficit = True
                deficit_side.append(self._sides(piece) or ("bilateral" if _BOTH.search(piece) else None))
                roots |= self._explicit_roots(piece)
                short = " ".join(w for w in re.findall(r"[\w/-]+", piece) if w not in _TERRITORY_FILLER)
                roots.update(r for phrase, rs in self.phrases if phrase in f" {short} " for r in rs)
            elif _SENSE_NORMAL.search(piece) or _DENIAL.search(piece):
                normal = True
        if deficit:
            whole = " ".join(pieces)
            side = self._merge_sides(deficit_side) or self._sides(whole) or (
                "bilateral" if _BOTH.search(whole) else None)
            return "present", side, self._ordered(roots)
        if normal:
            return "absent", None, []
        return None

    def _only_upper(self, piece: str) -> bool:
        return bool(self.upper.search(piece) or _CERVICAL_ROOT.search(piece)) and not self.lower.search(piece)

    # --- heel and toe walking
    def _walk(self, pieces: list[str]) -> tuple[str, str | None, list[str]] | None:
        weak_roots: set[str] = set()
        sides: list[str | None] = []
        weak = normal = False
        for piece in pieces:
            if not re.search(r"\b(?:heels?|toes?|tiptoes?|tip-toes?)\b", piece):
                continue
            if _WALK_WEAK.search(re.sub(r"\b(?:without|no)\s+(?:any\s+)?(?:difficult\w*|problems?|trouble)", " ", piece)):
                weak = True
                if re.search(r"\bheels?\b", piece):
                    weak_roots.add("L5")
                if re.search(r"\b(?:toes?|tiptoes?|tip-toes?)\b", piece):
                    weak_roots.add("S1")
                sides.append(self._sides(piece))
            elif _WALK_NORMAL.search(piece):
                normal = True
        if weak:
            return "present", self._merge_sides(sides), self._ordered(weak_roots)
        return ("absent", None, []) if normal else None

    # --- straight-leg raise, femoral stretch
    def _slr(self, pieces: list[str], own: int) -> tuple[str, str | None, list[str]] | None:
        # the span's own piece and the pieces after it that name no other test: 'SLR 30 degrees on the
        # left with leg pain; right SLR 80 degrees' - each SLR its own; 'SLR R 40 (+), L 75 (-)' - each side
        mine = [pieces[own]] + list(itertools.takewhile(lambda p: not _KINDS["slr"].search(p), pieces[own + 1:]))
        femoral = bool(re.search(r"\bfemoral\b|\breverse\b|\bprone knee bend", mine[0]))
        positive: list[str | None] = []
        negative = False
        for piece in mine:
            if _SLR_NEGATIVE.search(piece) and not re.search(r"\bpositive\b", piece):
                negative = True
            elif _SLR_POSITIVE.search(piece):
                if re.search(r"\b(?:back|lumbar|low back|hip|groin|hamstring)\b", piece) and not _LEG.search(
                        re.sub(r"straight[- ]leg|\bleg rais\w*|\bslrs?\b", " ", piece)):
                    continue  # 'straight leg raise gives back pain': not radicular
                positive.append(self._sides(piece))
        if positive:
            return "present", self._merge_sides(positive), ["L2", "L3", "L4"] if femoral else []
        return ("absent", None, []) if negative else None

    # --- prior lumbar surgery
    def _prior_surgery(self, doc: Doc, tk, text: str, span: Span, lo: int, hi: int, s_text: str, note: bool) -> bool:
        end = next((j for j in range(span.end, hi) if tk.texts[j] == ","), hi)
        clause = self._text(tk, text, lo, end)
        named = self._text(tk, text, span.start, span.end)
        sent = sent_of(doc, span.start)
        heading = re.match(r"\s*[A-Z][A-Z /&()-]{1,40}:", text[tk.idx[sent.start]:tk.idx[sent.start] + 45])
        if heading:
            s_text = s_text[heading.end():]  # 'PAST HISTORY:' or 'HISTORY:' is a heading, not the past
        if not _SPINE_OPERATION.search(named) and not self.spine.search(s_text):
            return False  # 'knee surgery', 'she would like to avoid surgery', 'subacromial decompression'
        if (self.other_region.search(clause) or _CERVICAL_ROOT.search(clause)) and not _LUMBAR.search(clause):
            return False  # 'anterior cervical discectomy', 'cervical stenosis status post decompression'
        if self.future.search(s_text) and not self.past.search(s_text):
            return False  # 'surgery was discussed', 'a candidate for decompression'
        if note:
            sec = section_at(doc, span.start_char)
            header = doc_text(doc)[sec.start:sec.title_end] if sec is not None else ""
            if not (self.past.search(s_text) or _YEAR.search(s_text) or _HEADER_PAST.search(header)):
                return False  # the note's own operation: 'laminectomy at L4 was performed'
        return True

    # --- side and roots of a complaint
    _SIDE_OF = {k: v for k, v in _SIDE_WORDS.items() if k not in ("both", "ble", "lle", "rle")}

    def _near_side(self, span: Span) -> str | None:
        """The side named in the symptom's own phrase: the words after it up to the next 'and', comma
        or 'with' ('weakness of her right hip flexors'), else the words just before it back to one
        ('with left leg pain')."""
        doc = span.doc
        norms = toks(doc).norms
        sent = sent_of(doc, span.start)
        stops = {"and", ",", "with", "but", ";", ".", "or", "while", "which", "whereas", ":", "as"}
        after = []
        for j in range(span.end, min(sent.end, span.end + 8)):
            if norms[j] in stops:
                break
            after.append(norms[j])
        before = []
        for j in range(span.start - 1, max(sent.start, span.start - 6) - 1, -1):
            if norms[j] in stops:
                break
            before.append(norms[j])
        own = [norms[j] for j in range(span.start, span.end)]
        for words in (own, after, before[::-1]):
            side = self._sides(" ".join(words))
            if side is not None:
                return side
        return None

    def _side_roots(self, span: Span, found, stype: str, words_full: list[str], lo: int) -> None:
        words = [w for w in words_full if w not in _TERRITORY_FILLER]
        sides = [self.side[w] for w in words_full if w in self.side and w not in ("both",)]
        # "L leg pain", "R foot numbness": a lone letter before a limb word is a side
        sides += [{"l": "left", "r": "right"}[w] for w, nxt in zip(words_full, words_full[1:] + [""], strict=True)
                  if w in ("l", "r") and nxt in _LIMB]
        near = self._near_side(span) if stype != "back_pain" else None
        if near is not None:
            found.side = near  # 'weakness of her right hip flexors', 'left leg pain and right foot numbness'
        elif stype == "back_pain":
            # 'low back pain on the right side'; but in 'LBP with R leg weakness' the side is the leg's
            after = span.end - lo
            phrase = words_full[:next((k for k in range(after, len(words_full)) if words_full[k] == ","), len(words_full))]
            own = [self._SIDE_OF[w] for k, w in enumerate(phrase) if w in self._SIDE_OF
                   and not (set(phrase[k + 1:k + 3]) & _LIMB_WORDS)]
            found.side = self._merge_sides(own) if own else None
        elif "both" in words_full or "bilateral" in sides or len(set(sides)) > 1 or span[0].norm_ in _BOTH_LEGS:
            found.side = "bilateral"
        elif sides:
            found.side = sides[0]
        elif _BOTH.search(" ".join(words_full)):
            found.side = "bilateral"  # 'pain that travels down the legs'
        roots: list[str] = []
        joined = " ".join(words_full)
        if stype in _ROOTED:
            roots.extend(w.upper() for w in words_full if re.fullmatch(r"(?:l[1-5]|s[12])", w))
            roots.extend(r for r in self._ordered(self._explicit_roots(joined)) if r not in roots)
            joined_short = f" {' '.join(words)} "
            for phrase, rs in self.phrases:
                if phrase in joined_short:
                    roots.extend(r for r in rs if r not in roots)
        found.nerve_roots = [{"root": r} for r in dict.fromkeys(roots)]
        found.detail = "below_knee" if re.search(
            r"\b(?:below the knee|calf|shin|foot|feet|toe|toes|ankle|heel|sole)\b", joined) else None
