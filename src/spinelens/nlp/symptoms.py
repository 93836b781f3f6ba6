"""Stage 12, symptoms: the side, nerve roots and, for examination signs, the certainty of each
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
    side_only     'referring into the left side' with no body part after it: possible radicular
                  pain on that side
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

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import load_symptom_patterns, load_table
from .exam_signs import ExamSigns
from .extensions import FINDINGS_GROUP, STATEMENTS_KEY, finding_only_spans, finding_spans, info
from .sections import section_at
from .symptom_words import (
    _BACK_PAIN,
    _BOTH,
    _BOTH_LEGS,
    _CERVICAL_ROOT,
    _CLAUDICANT,
    _CLAUDICATION_LIMB,
    _CONSENT,
    _DEFICIT_NAMED,
    _DENIED_WORD,
    _EXAMS,
    _HEADER_PAST,
    _LAB_BOTH,
    _LAB_RAISED,
    _LIMB,
    _LIMB_WORDS,
    _LONG_TERM,
    _LONGSTANDING,
    _LUMBAR,
    _MALIGNANT,
    _NEURO,
    _NEW,
    _NO_SYMPTOM,
    _OTHER_PAIN,
    _OWN_CLAUSE,
    _PERSONAL,
    _QUESTION,
    _RISK_TALK,
    _ROOTED,
    _SAFETY_STATEMENT,
    _SIDE_WORDS,
    _SPINE_OPERATION,
    _STEROID,
    _TERRITORY_FILLER,
    _TO_A_SIDE,
    _YEAR,
    _word_set,
)
from .tokens import doc_text, sent_of, toks

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")
# a relief said of the back's pain; legs named only to be denied (lexicons/symptom_words.json)
_THE_BACK, _DENIED_LIMB = (load_symptom_patterns()[n] for n in ("back_named", "denied_limb"))


@Language.factory("spinelens_symptoms")
def make_symptoms(nlp: Language, name: str) -> "SymptomReader":
    return SymptomReader()




# words that make a level name a root: 'the L5 nerve root', 'S1 dermatome', 'L5 distribution'
_ROOT_WORDS = {"root", "roots", "nerve", "dermatome", "dermatomes", "dermatomal", "distribution", "distributions",
               "radiculopathy", "radiculopathies", "territory", "myotome", "radicular"}
_LEVELISH = re.compile(r"(?:[ls][1-5]|[1-5])")  # a word that may name a level or root
_ROOT_WORD = re.compile(r"(?:l[1-5]|s[12])")  # a root
_BELOW_KNEE = re.compile(r"\b(?:below the knee|calf|shin|foot|feet|toe|toes|ankle|heel|sole)\b")
_LEG_WORD = re.compile(r"\b(?:legs?|knees?|ankles?|limbs?|extremit\w*|hips?)\b")
# the symptom an earlier operation was done for ('L5-S1 microdiscectomy in 2016 for right sciatica') is not today's,
# unless it is back, goes on, or the operation was only planned or offered (lexicons/symptom_words.json)
_PAST_REASON_TYPES = {"radicular_pain", "sensory_deficit", "motor_weakness", "back_pain", "neurogenic_claudication",
                      "reflex_change", "cauda_equina_symptoms"}
_FOR_PAST_OPERATION, _STILL_OR_PLANNED = (load_symptom_patterns()[n] for n in ("for_past_operation", "still_or_planned"))
_MINOR_MECHANISM, _MAJOR_WORDS = (load_symptom_patterns()[n] for n in ("minor_mechanism", "major_mechanism"))
_HEADING = re.compile(r"\s*(?:[A-Z][A-Z /&()-]{1,40}|(?i:(?:(?:clinical|past|medical|brief|relevant|surgical)\s+)*"
                      r"(?:history|hx|details|information|indication)))\s*:")  # 'PAST HISTORY:', 'Clinical history:'
# a denial of any past operation before an operation word of no body part ('No previous surgery'; lexicons/symptom_words.json)
_NONE_BEFORE, _ANY_OPERATION = (load_symptom_patterns()[n] for n in ("none_before", "any_operation"))


# an operation on the spine denied right before its word ('No back surgery.'; lexicons/symptom_words.json)
_DENIED_OPERATION = load_symptom_patterns()["operation_denied"]


# the red-flag risks of the history (clinical.md 2): a person has them, not a leg
_NO_SIDE = {"cancer_history", "infection_risk", "weight_loss", "trauma", "osteoporosis_risk"}


class SymptomReader(ExamSigns):
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
        # each with its word: a piece without it is not searched (the pattern is that word, case-sensitive)
        self.reflex_sites = [(k, _word_set([k]), v, len(v) == 1) for k, v in table["reflex_site"].items()]
        # a site named alone in a list before the graded one ('Knee and ankle reflexes are reduced')
        alone = sorted((re.escape(k) for k in table["reflex_site"] if " " not in k), key=len, reverse=True)
        self.bare_site = re.compile(r"\W*(?:(?:and|both|bilateral|bilaterally|the|left|right|lt|rt|reflex|reflexes|jerks?|"
                                    + "|".join(alone) + r")\b\W*)+")
        self.muscles = [(k, _word_set([k]), v) for k, v in sorted(table["movement"].items(), key=lambda kv: -len(kv[0]))]
        # 'knee flexion' is not the knee's territory, nor is 'below the knee' (how far the pain goes)
        self.no_root = _word_set(table["no_root_movements"]["phrases"] + table["no_root_places"]["phrases"])

    def _after_risks(self, doc: Doc, tk, text: str, sent: Span, word: str) -> bool:
        """A statement in the paragraph of a risk discussion: one of the three statements before it,
        with no blank line between, lists a procedure's risks, this symptom's word among them
        ('Risks include infection. Infection can be superficial'; not 'Urinary retention since
        yesterday, possibly cauda equina' after a consent)."""
        start = sent.start
        for _ in range(3):
            if start == 0:
                return False
            before = sent_of(doc, start - 1)
            if _PARAGRAPH_BREAK.search(text, before.end_char, sent.start_char):
                return False
            listed = self._text(tk, text, before.start, before.end)
            if _CONSENT.search(listed):
                return word in listed.lower()
            start = before.start
        return False

    # --- the stage
    def __call__(self, doc: Doc) -> Doc:
        spans = list(finding_spans(doc))
        if len(finding_only_spans(doc)) == len(spans):
            return doc  # no symptom span
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
        if stype == "prior_surgery" and getattr(span._, "is_hypothetical", False):
            return False  # 'he read online he may need surgery', 'referred for surgery': an operation to come
        if getattr(span._, "is_hypothetical", False) and all(
                m.category != "HYPOTHETICAL" or doc[m.modifier_span[0]].norm_.startswith("refer")
                for m in getattr(span._, "modifiers", ()) or ()):
            span._.is_hypothetical = False  # 'referred for low back pain': the patient has it
        sent = sent_of(doc, span.start)
        s_text = self._text(tk, text, sent.start, sent.end)
        if stype in _PAST_REASON_TYPES and _FOR_PAST_OPERATION.search(self._text(tk, text, sent.start, span.start)) \
                and (_YEAR.search(s_text) or self.past.search(s_text) or self._in_past_section(doc, span)) \
                and not _STILL_OR_PLANNED.search(s_text):
            return False  # 'right L5-S1 microdiscectomy in 2016 (for right sciatica, good result)': why he was operated on
        if how not in _EXAMS:
            a, b = tk.idx[span.start], tk.idx[span.end - 1]  # its own clause, between semicolons ('CES leaflet given;
            lo_c = max(text.rfind(";", sent.start_char, a) + 1, sent.start_char)  # saddle numbness since yesterday')
            hi_c = text.find(";", b, sent.end_char)
            if _SAFETY_STATEMENT.search(text[lo_c:hi_c if hi_c >= 0 else sent.end_char].lower()):
                return False  # 'If fever, new weakness or bladder change -> ED immediately': what to watch for
        if _QUESTION.search(self._text(tk, text, sent.start, span.start)):
            return False  # 'please indicate whether there are areas of sensory changes'
        if (denied := _denied_label(text, tk.idx[span.start], tk.idx[span.end - 1] + len(tk.texts[span.end - 1]))) \
                is not None and any(s.label_ == span.label_ and tk.idx[s.start] in denied for s in finding_spans(doc)):
            found.forced_certainty = "absent"  # '- Bladder problems: no retention, no incontinence': the field's
            # answer opens with a denial of its own kind of symptom (the field's name is no symptom of its own; not
            # 'Left leg pain - denies numbness')
        consent = _CONSENT.search(s_text) if how not in _EXAMS else None
        if consent is not None and _OWN_CLAUSE.search(s_text, consent.end(), tk.idx[span.start] - tk.idx[sent.start]):
            consent = None  # 'Risks explained and patient has progressive leg weakness and urinary retention': his own
        if how not in _EXAMS and (consent or _RISK_TALK.search(s_text) and not _PERSONAL.search(s_text)
                                  and self._after_risks(doc, tk, text, sent, span.text.lower())):
            return False  # 'the risks include infection, bleeding ...', and 'Infection can be superficial, but ...' after it
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
        words_full = _slash_abbreviations(tk.norms[lo:hi])
        if stype == "back_pain" and span.start > sent.start and tk.norms[span.start - 1] in (
                "upper", "thoracic", "neck", "cervical") and not {"low", "lower", "lumbar"} & set(words_full):
            return False  # upper back pain is not low back pain
        if how in _EXAMS:
            return self._exam(doc, tk, text, span, found, how)
        if stype in _NEURO and self._outside_legs(tk, text, span, sent):
            return False  # 'numbness in her fingers', 'C6 radiculopathy'
        if how == "injury" and self._limb_injury(tk, text, span, sent):
            return False  # 'injured her shoulder', 'an orbital injury'
        if how == "injury" and not getattr(span._, "is_negated", False) and _MINOR_MECHANISM.search(s_text.lower()) \
                and not _MAJOR_WORDS.search(s_text.lower()):
            return False  # 'injured his back lifting a pallet', 'following a gym injury': a strain, not major trauma
            # (a denied injury stays a denied one: 'came on after gardening, no back injury')
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
        if stype == "osteoporosis_risk" and _STEROID.search(self._text(tk, text, span.start, span.end)) \
                and not _LONG_TERM.search(self._text(tk, text, sent.start, sent.end)):
            span._.is_uncertain = True  # 'a course of prednisone', 'osteopenia': not yet the risk clinical.md names
        if how == "progress" and not _DEFICIT_NAMED.search(self._text(tk, text, sent.start, span.start)):
            return False  # 'the pain worsened' is not a progressive deficit
        if how == "radiation":
            if not getattr(span._, "is_negated", False):
                return False
        elif how == "radiating":
            if not getattr(span._, "is_negated", False) and not self.lower.search(self._text(tk, text, span.end, hi)):
                return False  # 'the pain radiates from her sacroiliac joint'
        elif how == "side_only":
            if not _TO_A_SIDE.match(self._text(tk, text, span.end, hi)) \
                    or not _BACK_PAIN.search(self._text(tk, text, sent.start, span.start)) \
                    or _OTHER_PAIN.search(self._text(tk, text, lo, span.start)):
                return False  # 'radiating to the left shoulder', 'abdominal pain radiating to the right'
            span._.is_uncertain = True  # 'referring into the left side': a leg likely, not named
        elif how == "operation":
            if not self._prior_surgery(doc, tk, text, span, lo, hi, s_text, note):
                return False
        elif how == "limb":
            before = " ".join(tk.norms[max(sent.start, span.start - 4):span.start])
            if not _LEG_WORD.search(before):
                return False  # 'the picaroon gave way'
        elif how == "distance":
            # (a symptom word the statement denies is none: 'No numbness, no weakness, walking 30 min/day')
            if not _CLAUDICANT.search(_DENIED_WORD.sub(" ", s_text)) or _NO_SYMPTOM.search(s_text) or re.search(
                    r"\b(?:will|goals?|aim|target)\b", self._text(tk, text, sent.start, span.start)):
                return False
        elif how == "relief":
            if not self._relief_of_legs(doc, tk, text, sent):
                return False  # 'axial low back pain, worse with standing, improved with sitting': not the legs'
        elif how == "lab":
            # raised in its own clause: 'elevated CRP', 'ESR 80, raised'; not 'ESR 6, ..., SPEP abnormal'
            a, b = span.start_char, span.end_char
            lo_c = max(text.rfind(c, 0, a) for c in ",;:(\n") + 1
            hi_c = min((k for k in (text.find(c, b) for c in ",;)\n") if k != -1), default=len(text))
            if not _LAB_RAISED.search(text[lo_c:hi_c].lower()) and not _LAB_BOTH.search(text[hi_c:hi_c + 30].lower()):
                return False
        elif how == "malignant":
            if not _MALIGNANT.search(s_text):
                return False
        self._side_roots(span, found, stype, words_full, lo)
        if how == "lab" or stype in _NO_SIDE:
            found.side = None  # a blood test has no side ('ESR and CRP, both raised'), nor a risk ('known breast
            # carcinoma, new back pain and bilateral leg weakness': the side is the weakness's)
        return True

    def _relief_of_legs(self, doc: Doc, tk, text: str, sent: Span) -> bool:
        """Relief by sitting or bending is claudication when its statement, or the one either side of it in its
        paragraph, tells of the legs or of walking ('Bilateral leg heaviness after 10 minutes walking. Relieved by
        sitting down.'), legs not denied ('LBP relieved by sitting, no leg symptoms'). A statement of back pain relieved
        is about the back, whatever its neighbours say ('axial low back pain ... improved with sitting. He denies leg
        pain ... burning in both feet')."""
        own = _DENIED_LIMB.sub(" ", text[sent.start_char:sent.end_char].lower())
        if _CLAUDICATION_LIMB.search(own):
            return True
        if _THE_BACK.search(own):
            return False
        lo, hi = sent.start_char, sent.end_char
        if sent.start > 0:
            before = sent_of(doc, sent.start - 1)
            if not _PARAGRAPH_BREAK.search(text, before.end_char, sent.start_char):
                lo = before.start_char
        if sent.end < len(doc):
            after = sent_of(doc, sent.end)
            if not _PARAGRAPH_BREAK.search(text, sent.end_char, after.start_char):
                hi = after.end_char
        return bool(_CLAUDICATION_LIMB.search(_DENIED_LIMB.sub(" ", text[lo:hi].lower())))

    @staticmethod
    def _in_past_section(doc: Doc, span: Span) -> bool:
        sec = section_at(doc, span.start_char)
        return sec is not None and bool(_HEADER_PAST.search(doc_text(doc)[sec.start:sec.title_end]))

    # --- prior lumbar surgery
    def _prior_surgery(self, doc: Doc, tk, text: str, span: Span, lo: int, hi: int, s_text: str, note: bool) -> bool:
        end = next((j for j in range(span.end, hi) if tk.texts[j] == ","), hi)
        clause = self._text(tk, text, lo, end)
        named = self._text(tk, text, span.start, span.end)
        sent = sent_of(doc, span.start)
        heading = _HEADING.match(text[tk.idx[sent.start]:tk.idx[sent.start] + 45])
        if heading:
            s_text = s_text[heading.end():]  # 'PAST HISTORY:' or 'HISTORY:' is a heading, not the past
        if not _SPINE_OPERATION.search(named) and not self.spine.search(s_text):
            # 'No previous surgery', 'Nil prior operations': no operation at all is none on the spine either
            return bool(_NONE_BEFORE.search(text, max(0, span.start_char - 30), span.start_char)) \
                and _ANY_OPERATION.fullmatch(named.strip().lower()) is not None
            # (not 'knee surgery', 'she would like to avoid surgery', 'subacromial decompression')
        if (self.other_region.search(clause) or _CERVICAL_ROOT.search(clause)) and not _LUMBAR.search(clause):
            return False  # 'anterior cervical discectomy', 'cervical stenosis status post decompression'
        if self.future.search(s_text) and not self.past.search(s_text):
            return False  # 'surgery was discussed', 'a candidate for decompression'
        if note:
            sec = section_at(doc, span.start_char)
            header = doc_text(doc)[sec.start:sec.title_end] if sec is not None else ""
            if not (self.past.search(s_text) or _YEAR.search(s_text) or _HEADER_PAST.search(header)
                    or _DENIED_OPERATION.search(text, max(0, span.start_char - 40), span.start_char)):
                return False  # the note's own operation: 'laminectomy at L4 was performed' (not 'No back surgery.')
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
        # ('than' opens the side compared with: 'L leg weaker than R', 'worse on the left than the right')
        stops = {"and", ",", "with", "but", ";", ".", "or", "while", "which", "whereas", ":", "as", "than"}
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
            side = self._sides(" ".join(_slash_abbreviations(words)))
            if side is not None:
                return side
        return None

    def _side_roots(self, span: Span, found, stype: str, words_full: list[str], lo: int) -> None:
        words = [w for w in words_full if w not in _TERRITORY_FILLER]
        named = _slash_abbreviations(words_full)  # ('B/L leg weakness' is bilateral, not the 'L' of it)
        sides = [self.side[w] for w in named if w in self.side and w not in ("both",)]
        # "L leg pain", "R foot numbness": a lone letter before a limb word is a side
        sides += [{"l": "left", "r": "right"}[w] for w, nxt in zip(named, named[1:] + [""], strict=True)
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
            # a root named with the symptom ('L5 radiculopathy', 'numbness in the S1 dermatome'), not the
            # levels of findings earlier in the statement ('L4-L5 and L5-S1 disc protrusions with radiculopathy')
            s0, s1 = span.start - lo, span.end - lo
            named = [w for k, w in enumerate(words_full)
                     if not _LEVELISH.fullmatch(w) or s0 - 2 <= k < s1 + 3
                     or _ROOT_WORDS & set(words_full[k + 1:k + 3])]
            roots.extend(w.upper() for w in named if _ROOT_WORD.fullmatch(w))
            roots.extend(r for r in self._ordered(self._explicit_roots(" ".join(named))) if r not in roots)
            joined_short = self.no_root.sub(" ", f" {' '.join(words)} ")
            for phrase, rs in self.phrases:
                if phrase in joined_short:
                    roots.extend(r for r in rs if r not in roots)
        found.nerve_roots = [{"root": r} for r in dict.fromkeys(roots)]
        found.detail = "below_knee" if _BELOW_KNEE.search(joined) else None


# a field's name at its line's start, its answer opening with a denial ('- Bladder problems: no retention, ...')
_LABEL_LEAD = re.compile(r"[ \t]*(?:[-*\u2022>]+[ \t]*)?(?:[A-Za-z/]+[ \t]+){0,2}$")  # ('- Leg weakness: ...')
# (the denied word must be a symptom's own: 'no retention', not 'not able to feel', 'no improvement', 'not intentional';
# a bare ': no' is ConText's field answer, which reads a bracket after it, 'no (tingling ...)')
# ('no sensation', 'no feeling', 'no power' tell of a deficit: not a denial)
_LABEL_DENIED = re.compile(r"[ \t]*[:\-\u2013][ \t]*(?P<cue>no|nil|none|negative|denies|denied)[ \t]+(?=[A-Za-z])"
                           r"(?!(?:sensation|feeling|power|strength|movement|control|warning|appetite)\b)", re.I)


def _denied_label(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a field's answer's denial and the word it denies start, for a field at its line's start; else None."""
    if not _LABEL_LEAD.match(text, text.rfind("\n", 0, start) + 1, start):
        return None
    m = _LABEL_DENIED.match(text, end)
    return (m.start("cue"), m.end()) if m else None


def _slash_abbreviations(words: list[str]) -> list[str]:
    """The words with the letter of an abbreviation written with a slash blanked ('referred to r/o
    radiculopathy', 'L/S spine'): not a side. 'R/L' and 'L/R' (both sides named) stay."""
    out = list(words)
    for i in range(len(words) - 2):
        if words[i:i + 3] == ["b", "/", "l"]:
            out[i:i + 3] = ["bilateral", "", ""]  # 'B/L leg weakness'
    for i, w in enumerate(words):
        if out[i] == "":
            continue
        if w in ("r", "l") and i + 1 < len(words) and words[i + 1] == "/" and (
                i + 2 >= len(words) or words[i + 2].rstrip(".") not in ("r", "l")):
            out[i] = ""
    return out
