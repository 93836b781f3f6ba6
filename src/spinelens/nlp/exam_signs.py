"""Part of stage 11 (symptoms): reading examination signs by their grades: tendon reflexes, strength per
muscle, sensation, heel and toe walking, straight-leg raise and its kin (symptoms.py says what each
reading means). A mixin of SymptomReader: the methods read its tables through self."""


import itertools
import re

from spacy.tokens import Doc, Span

from ..lexicon import load_symptom_patterns
from .symptom_text import TextHelpers
from .symptom_words import (
    _BOTH,
    _CERVICAL_ROOT,
    _COUNT_AFTER,
    _COUNT_BEFORE,
    _DEFICIT_ANY,
    _DENIAL,
    _KINDS,
    _LEG,
    _LIGHT_TOUCH,
    _LR,
    _NO_REFLEX,
    _NOT_TENDON,
    _NOT_TENDON_PHRASE,
    _OTHER_TEST,
    _PIECES,
    _REFLEX_GRADE,
    _REFLEX_PAIR,
    _REFLEX_WORDS,
    _RL,
    _SADDLE,
    _SENSE_DEFICIT,
    _SENSE_NORMAL,
    _SLR_EQUIVOCAL,
    _SLR_NEGATIVE,
    _SLR_POSITIVE,
    _STRENGTH_GRADE,
    _STRENGTH_NORMAL,
    _STRENGTH_PAIR,
    _STRENGTH_WEAK,
    _TEMPLATE_NORMAL,
    _TERRITORY_FILLER,
    _WALK_NORMAL,
    _WALK_WEAK,
)
from .tokens import sent_of

# a piece that grades sensation, not a reflex; the exception to a grade (lexicons/symptom_words.json)
_SENSORY_PIECE, _EXCEPT = (load_symptom_patterns()[n] for n in ("sensory_piece", "except_grade"))

class ExamSigns(TextHelpers):
    """The examination readings of SymptomReader."""

    def _exam(self, doc: Doc, tk, text: str, span: Span, found, how: str) -> bool:
        """An examination sign: its certainty, side and roots from its own statement."""
        if how == "reflex" and _NOT_TENDON.search(self._text(tk, text, max(0, span.start - 2), span.end)):
            return False  # 'trace corneal reflexes', 'no gag reflex', 'plantar reflexes'
        pieces, whole, own, own_at = self._exam_pieces(doc, tk, text, span, how)
        if self._only_upper(own) and (how != "reflex" or self._only_upper(whole)):
            return False  # 'light touch decreased in the left C6 distribution', 'biceps reflexes 1+' (a reflex list that
            # goes on to the legs is read for them: 'Reflexes 2+ at biceps and knees, absent at both ankles')
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
        found.forced_certainty = "possible" if certainty == "possible" else None
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
        reduced: list[tuple[set[str], str | None]] = []  # (roots, side) of each reduced site
        listed: list[tuple[list[tuple[list[str], bool]], str | None]] = []  # sites named alone before their grade
        arms_grade = False  # the grade in hand is an arm's ('biceps diminished')
        for piece in pieces:
            piece = _NOT_TENDON_PHRASE.sub(" ", piece)  # 'plantar reflexes flexor', 'no gag reflex'
            hits = [(roots, one) for word, pattern, roots, one in self.reflex_sites
                    if word in piece and pattern.search(piece)]
            if not hits and _SENSORY_PIECE.search(piece) and "reflex" not in piece and "jerk" not in piece:
                continue  # 'decreased LT L L5 dermatome, reflexes 2+ symmetric': the sensation's grade, no reflex's
            grade = self._reflex_grade(piece)
            if grade is None and (current is None or arms_grade) and hits and self.bare_site.fullmatch(piece):
                listed.append((hits, self._sides(piece)))  # 'Knee and ankle reflexes are reduced': one grade
                continue  # (after the arms' grade, a leg's site waits for its own: 'biceps diminished; knee and
                # ankle jerks normal'; with none, it takes the arms': 'reflexes 1+ in the biceps, knees and ankles')
            if grade is not None:
                current = grade
                arm = self.upper.search(piece) if self._only_upper(piece) else None
                # an arm's grade written after it ('biceps diminished'), not one that heads a list ('2 at biceps,
                # triceps, patella and 1 at ankles': the patella's 2 too)
                arms_grade = arm is not None and self._reflex_grade(piece[:arm.start()]) is None
                if listed and current < 2:
                    # the sites listed before take the grade, each on its own side ('Left ankle and right knee ...')
                    both = "bilateral" if _BOTH.search(piece) or re.search(r"\breflexes\b", piece) else None
                    for site_hits, site_side in listed:
                        reduced.append((self._site_roots(site_hits), site_side or self._sides(piece) or both))
                listed = []
            if current is not None and (hits or not self._only_upper(piece)):
                graded = True  # a grade of the legs, or of no limb named ('DTRs 2+ and symmetric')
            if current is None or current >= 2:
                continue
            if (not hits or self._only_upper(piece)) and self.upper.search(piece):
                continue  # '1+ at the biceps', 'triceps and biceps diminished; knee and ankle jerks normal': the arms'
            side = self._sides(piece) or self._pair_side(piece, pieces, _REFLEX_PAIR, 2.0)
            if side is None and (_BOTH.search(piece) or re.search(r"\breflexes\b", piece)):
                side = "bilateral"
            reduced.append((self._site_roots(hits), side))
        if listed and arms_grade and current is not None:
            graded = True  # the legs' sites listed after the arms' grade, with no grade of their own, take it
            if current < 2:
                reduced.extend((self._site_roots(site_hits), site_side or "bilateral") for site_hits, site_side in listed)
        if not reduced:
            return ("absent", None, []) if graded else None
        # a reflex reduced on one side points to its root; beside it, one reduced on both sides is the
        # generalised kind (age, neuropathy) and names none ('absent left ankle jerk; knees 1+ bilaterally')
        one_sided = any(side in ("left", "right") for _, side in reduced)
        roots = set().union(*(r for r, side in reduced if not (one_sided and side == "bilateral")))
        return "present", self._merge_sides([side for _, side in reduced]), self._ordered(roots)

    @staticmethod
    def _site_roots(hits: list[tuple[list[str], bool]]) -> set[str]:
        """The roots of the reflex sites a piece names: a site naming one reflex over a whole limb
        ('lower extremities patellar 0': the patellar, L4)."""
        return {r for roots, _ in [h for h in hits if h[1]] or hits for r in roots}

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
            if _COUNT_AFTER.match(piece, m.end()) or _COUNT_BEFORE.search(piece, max(0, m.start() - 20), m.start()):
                continue  # a count of positive tests ('Waddell signs 3/5', '3/5 positive cluster'), no grade
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
        pending: str | None = None  # the side an ungraded item names for the grade after it ('right EHL and
        # plantarflexion 5-/5')
        for piece in pieces:
            grades = self._strength_grades(piece)
            if not grades:
                pending = self._sides(piece) or pending
            cleaned = _DENIAL.sub(" ", piece)
            muscle_roots: list[str] = []
            for word, p, v in self.muscles:
                if word in piece and p.search(piece):
                    muscle_roots.extend(r for r in v if r not in muscle_roots)
            if muscle_roots:
                last_roots = muscle_roots
            elif self.no_root.search(piece):
                last_roots = []  # 'quadriceps 5/5, hamstrings 4/5': the hamstrings name no root, not the quadriceps'
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
            tail = _EXCEPT.split(piece, maxsplit=1)
            # ('5/5 in both legs apart from 4/5 left ankle dorsiflexion': the exception's side is the weak one; not
            # '4/5 throughout both legs apart from 5/5 right hip flexion', whose exception is the strong one)
            excepted = len(tail) > 1 and any(min(g) < 5 for g in self._strength_grades(tail[1]))
            side = (self._sides(tail[1]) if excepted else None) or self._sides(tail[0]) or pending
            pending = None
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
        # (to another test, too: 'SLR neg bilat. Kemp's + R' - the plus is Kemp's)
        mine = [pieces[own]] + list(itertools.takewhile(lambda p: not _KINDS["slr"].search(p) and not _OTHER_TEST.search(p),
                                                        pieces[own + 1:]))
        femoral = bool(re.search(r"\bfemoral\b|\breverse\b|\bprone knee bend", mine[0]))
        positive: list[str | None] = []
        equivocal: list[str | None] = []
        negative = False
        for piece in mine:
            if (eq := _SLR_EQUIVOCAL.search(piece)) is not None and _SLR_POSITIVE.search(piece, 0, eq.start()):
                positive.append(self._sides(piece[:eq.start()]))  # 'SLR R 30 deg positive (L borderline)': the right's
            elif eq is not None:
                equivocal.append(self._sides(piece))  # 'SLR Rt 70 equivocal, Lt neg': the right is in doubt
            elif _SLR_NEGATIVE.search(piece) and not re.search(r"\bpositive\b", piece):
                negative = True
            elif _SLR_POSITIVE.search(piece):
                if re.search(r"\b(?:back|lumbar|low back|hip|groin|hamstring)\b", piece) and not _LEG.search(
                        re.sub(r"straight[- ]leg|\bleg rais\w*|\bslrs?\b", " ", piece)):
                    continue  # 'straight leg raise gives back pain': not radicular
                positive.append(self._sides(piece))
        if positive or equivocal:
            return "present" if positive else "possible", self._merge_sides(positive or equivocal), \
                ["L2", "L3", "L4"] if femoral else []
        return ("absent", None, []) if negative else None

