"""Stage 11, symptoms: side and nerve roots of each symptom span, from the words of its statement."""

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import load_table
from .extensions import FINDINGS_GROUP, info
from .tokens import sent_of, toks


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
