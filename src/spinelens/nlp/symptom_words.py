"""The words and patterns the symptom reader reads statements with (symptoms.py, exam_signs.py)."""


import re

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
_LAB_BOTH = re.compile(r"^[,;\s]*(?:both|all|which|and)\s+(?:were\s+|are\s+|was\s+|is\s+)?(?:raised|elevated|high|increased)\b")
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


