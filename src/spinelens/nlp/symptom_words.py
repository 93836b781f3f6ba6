"""The words and patterns the symptom reader reads statements with (symptoms.py, exam_signs.py)."""


import re

from ..lexicon import load_symptom_patterns

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
# (not a unit after a number: 'retention (1 L)', 'PVR 0.8 L' are litres)
_SIDE_RE = re.compile(r"(?!(?<=[\d.]\s)(?<!/\d\s)l\b\s*(?:[),;]|\.|->|$))\b(left|right|lt|rt|r|l|bilat|bilateral(?:ly)?|both|b/l|ble|lle|rle)\b(?![/-])")
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
# a count out of five, not a grade: 'Waddell signs 3/5', 'SIJ provocation 3/5 positive cluster' (not 'EHL 3/5 positive
# SLR', 'ankle DF 2/5 signs of L5 root compression': a grade, then another sign)
# ('Gaenslen -ve (4/5 positive)': the count in brackets of the tests just listed; 'ASLR L 2/5': the active straight leg
# raise's score of effort, no muscle's grade)
_COUNT_BEFORE = re.compile(r"\b(?:waddell'?s?(?:\s+signs?)?|(?:provocation|cluster)(?:\s+tests?)?|criteria|aslr(?:\s+(?:l|r|"
                           r"left|right|lt|rt))?)\s*[:=]?\s*$|"
                           r"(?i:\b(?:on|dated|since|until|till|peaked|admitted|discharged|seen|reviewed|day|days|week|cycle|dose|course)\s+$)|"
                           r"(?i:\b(?:pain|vas|nrs|vrs|score|rated|severity)(?:\s+(?:score|scale|rating))?\s*(?:of|at|is|was|[:=])?\s*$)")
# a date or a course's day: 'seen 3/5 by physio', 'nitrofurantoin day 3/5' (as the symptom lexicon's exclusion 'on 2/5');
# a pain score: 'VAS 3/5', 'pain 4/5 at rest'
_COUNT_AFTER = re.compile(r"\s*(?:(?:positive|pos|\+ve)\s+(?:cluster|tests|provocation|criteria)|cluster|criteria)\b|"
                          r"\s*(?:positive|pos|\+ve)\s*\)")
_STRENGTH_PAIR = re.compile(r"(?<![\w/.])([0-5][+-]?)\s*/\s*([0-5][+-]?)(?![\d/])")

_DENIAL = re.compile(r"\b(?:no|without|denies|denied|not|negative for|never)\b(?:\s+[\w/-]+){0,5}")



_YEAR = re.compile(r"\b(?:19|20)\d\d\b|\b\d+ (?:years?|months?|weeks?) ago\b")
_HEADER_PAST = re.compile(r"\b(?:past|pmh|psh|pmhx|pshx|surgical|surgeries|operations)\b", re.I)
_LUMBAR = re.compile(r"\b(?:lumbar|lumbosacral|low back|lower back|l[1-5]|s1|back)\b")
_LIGHT_TOUCH = re.compile(r"(?<=reduced )lt\b|(?<=decreased )lt\b|(?<=diminished )lt\b|(?<=absent )lt\b|"
                         r"(?<=impaired )lt\b|(?<=to )lt\b|\blt(?=\s*/)|(?<=/)lt\b")
# a question put to the examiner, not a statement about the patient
_QUESTION = re.compile(r"\bwhether\b|\bplease (?:indicate|describe|provide|state|comment|list|identify|document|note)\b")
_CERVICAL_ROOT = re.compile(r"\bc[1-8](?=\b|-)")
# a run of roots: 'from L4 to S1', 'L4-L5 dermatomes' (a level 'L4-5' alone names no root range)
# the patient's own clause after a consent's words, before the symptom ('Risks explained and patient has progressive
# leg weakness and urinary retention', 'risks discussed; he reports saddle numbness'): the symptom is his
_OWN_CLAUSE = re.compile(r"(?:\band\s+|[;,.]\s*(?:but\s+|and\s+)?|\bbut\s+)(?:the\s+)?(?:patient|pt|he|she)\s+(?:now\s+|also\s+)?"
                         r"(?:has|had|have|reports|reported|describes|described|complains|complained|is|was|developed|notes)\b")
_ROOT_RANGE = re.compile(r"\b([ls][1-5])\s*(?:(?:to|through|thru)\s*([ls][1-5])\b|-\s*([ls]?[1-5])\b(?=\s*(?:[\w-]+\s+)?"
                         r"(?:dermatom\w*|distributions?|nerve roots|roots)))")
# (one 'risk of' alone is the patient's own: 'back pain, high risk of falls', 'on methotrexate - risk of infection'; 'the
# risk of' or 'a risk of' is told: 'There is also the risk of a dural tear with ... meningitis')
_CONSENT = re.compile(r"\b(?:risks|complications)\b.{0,60}\b(?:include|including|such as|of|were|are|discussed|"
                      r"explained|reviewed)\b|\b(?:risk|complication)\b.{0,60}\b(?:include|includes|including|such as|"
                      r"discussed|explained|reviewed)\b|\b(?:the|a|small|also)\s+risk\s+of\b|"
                      r"\b(?:risks|benefits|alternatives)\b.{0,40}\b"
                      r"(?:benefits|alternatives|risks)\b")


# the clinical words are data: lexicons/symptom_words.json (what each is for, beside it)
_W = load_symptom_patterns()
(_STRENGTH_NORMAL, _STRENGTH_WEAK, _SENSE_DEFICIT, _DEFICIT_ANY, _SENSE_NORMAL, _WALK_WEAK, _WALK_NORMAL, _SLR_POSITIVE,
 _SLR_NEGATIVE, _LEG, _CLAUDICANT, _NO_SYMPTOM, _LAB_BOTH, _LAB_RAISED, _MALIGNANT, _SPINE_OPERATION, _LONGSTANDING, _NEW,
 _DEFICIT_NAMED, _SADDLE, _TEMPLATE_NORMAL) = (_W[n] for n in (
    "strength_normal", "strength_weak", "sense_deficit", "deficit_any", "sense_normal", "walk_weak", "walk_normal",
    "slr_positive", "slr_negative", "leg", "claudicant", "no_symptom", "lab_both", "lab_raised", "malignant",
    "spine_operation", "longstanding", "new", "deficit_named", "saddle", "template_normal"))
# what kind of examination a piece of a statement speaks of
_KINDS = {kind: _W[f"kind_{kind}"] for kind in ("strength", "reflex", "sensation", "walk", "slr")}
_SLR_EQUIVOCAL = _W["slr_equivocal"]  # a straight-leg raise left in doubt
_OTHER_TEST = _W["other_test"]  # an examination test that is no root sign (Kemp's, FABER)
_TO_A_SIDE = _W["to_a_side"]  # pain radiating to one side, no body part named
_DENIED_WORD = _W["denied_word"]  # a word right after its denial ('no weakness')
_RISK_TALK = _W["risk_talk"]  # the risk discussion going on after the risks are listed
_PERSONAL = _W["personal"]  # ... unless the statement is about the patient
_SAFETY_STATEMENT = _W["safety_statement"]  # a statement of safety-netting advice
_CLAUDICATION_LIMB = _W["claudication_limb"]  # relief by sitting is claudication of the legs only
_BACK_PAIN, _OTHER_PAIN = _W["back_pain_before"], _W["other_pain_before"]  # what radiates to a side
_STEROID, _LONG_TERM = _W["steroid"], _W["long_term"]  # a fracture risk only when long-term


def _word_set(words: list[str]) -> re.Pattern[str]:
    alts = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)")


