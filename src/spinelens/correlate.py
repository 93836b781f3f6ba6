"""Correlation of findings with symptoms: plain Python over the result dataclasses (no spaCy).

Each finding is judged by the rule of its card's correlation group (GROUP_RULES, one function
per group); a group's rule names the order of its checks.

Every present or possible finding gets one category of shared/spec/clinical.md 5 —
red_flag, concordant, possibly_concordant, discordant, likely_incidental or indeterminate —
with plain reasons that name the level, side, root and symptom, and, for findings in the
prevalence table, how common they are in people without back pain at the patient's age.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .levels import next_vertebra
from .lexicon import card, load_discourse_patterns, load_table, types_with_role
from .model import (
    CATEGORIES,
    CAUSE_OPEN,
    Assessment,
    Attribution,
    ClinicalContext,
    Finding,
    Prevalence,
    Result,
    describe,
    is_note_categories,
)
from .picture import (
    DISC_TYPES,
    MILD,
    SEVERE,
    Picture,
    affected_roots,
    incidental_reason,
    odds,
    prevalence,
    prevalence_of,
    radicular,
)

__all__ = ["CATEGORIES", "GROUP_RULES", "Picture", "affected_roots", "assess", "correlate", "prevalence"]


@dataclass
class Case:
    """One finding to judge, with what every rule reads."""

    f: Finding
    pic: Picture
    age: float | None
    prev: Prevalence | None

    @property
    def what(self) -> str:
        return describe(self.f)

    def incidental(self, reason: str) -> Verdict:
        """Likely incidental, with how common the finding is without back pain when known."""
        return "likely_incidental", [reason] + ([incidental_reason(self.f, self.prev)] if self.prev else [])


Verdict = tuple[str, list[str]]


# ---------------------------------------------------------------- steps every group shares


def _quiet(c: Case) -> Verdict | None:
    """No symptoms given: nothing to correlate with. Symptoms stated only as absent ('no leg
    pain, no weakness') are a history: the group's rule then says what no symptom matches."""
    if c.pic.present or c.pic.stated:
        return None
    reasons = ["No symptoms given: add the clinical history to correlate."]
    if c.prev is not None:
        reasons.append(incidental_reason(c.f, c.prev))
    return "indeterminate", reasons


def _cauda_equina(c: Case) -> Verdict | None:
    """Cauda equina symptoms with a finding that can compress the cauda equina: a central or
    unzoned herniation, or severe narrowing, needs same-day surgical review."""
    f = c.f
    if "cauda_equina_symptoms" not in c.pic.flags:
        return None
    if (f.type in ("central_canal_stenosis", "thecal_sac_compression") and f.severity in SEVERE
            or f.type in ("disc_extrusion", "disc_sequestration", "disc_herniation") and f.zone in ("central", None)
            or f.type in DISC_TYPES and f.severity in SEVERE):
        return "red_flag", [f"{c.what} with cauda equina symptoms (saddle numbness, bladder or bowel "
                            "disturbance): same-day surgical review."]
    return None


# ---------------------------------------------------------------- one rule per correlation group


def _pathology(c: Case) -> Verdict:
    # Tumour, infection, cord or cauda equina compression: urgent whatever the symptoms.
    return "red_flag", [f"{c.what}: {card(c.f.type).red_flag_reason}"]


def _cauda_equina_compression(c: Case) -> Verdict:
    # Compression of the cauda equina is a same-day emergency when it comes with bladder, bowel
    # or saddle symptoms, or when no claudication explains it. Crowding of the roots in long-
    # standing stenosis of a patient with neurogenic claudication and no such symptoms is that
    # stenosis explaining the claudication: not a same-day call, but the patient must be asked,
    # and told to come back at once if they appear. (Tumour, abscess or fracture at the level
    # still make it a red flag: see _in_context.)
    pic = c.pic
    if "cauda_equina_symptoms" in pic.flags or not pic.claudication:
        return _pathology(c)
    return "concordant", [f"{c.what} fits the neurogenic claudication (crowded roots in a narrow canal). No bladder, "
                          "bowel or saddle symptoms are reported: ask about them; if any appear, same-day review."]


def _fracture(c: Case) -> Verdict:
    # A fracture whose age the report does not give is treated as acute until shown old:
    # missing an acute or pathological fracture costs more than a second look.
    f, flags = c.f, c.pic.flags
    if f.pathologic or f.detail == CAUSE_OPEN or f.acuity != "chronic" or "cancer_history" in flags:
        why = ("pathological" if f.pathologic else "possibly pathological" if f.detail == CAUSE_OPEN else
               "acute" if f.acuity == "acute" else
               "old, in a patient with cancer" if f.acuity == "chronic" else "of unstated age")
        reason = card(f.type).red_flag_reason or ""
        return "red_flag", [f"{c.what} ({why}): {reason[:1].lower() + reason[1:]}"]
    if "trauma" in flags or "osteoporosis_risk" in flags:
        return "possibly_concordant", [f"{c.what} is described as old; with trauma or osteoporosis in the history, "
                                       "compare with earlier imaging."]
    return "likely_incidental", [f"{c.what} is described as old or healed."]


def _marrow(c: Case) -> Verdict:
    # Marrow signal change with cancer, infection risk or weight loss may be tumour or infection;
    # otherwise it is non-specific.
    risky = c.pic.flags & {"cancer_history", "infection_risk", "weight_loss"}
    if risky:
        return "red_flag", [f"{c.what} with {', '.join(sorted(r.replace('_', ' ') for r in risky))}: "
                            "marrow replacement by tumour or infection must be excluded."]
    return _quiet(c) or ("possibly_concordant", [f"{c.what}: non-specific marrow signal change; correlate with the "
                                                 "history and blood tests."])


def _modic(c: Case) -> Verdict:
    # Modic type 1 is endplate oedema: with infection risk it may be early discitis; with back
    # pain it is associated with the pain (Brinjikji 2015).
    f = c.f
    if f.modic_type == 1 and "infection_risk" in c.pic.flags:
        return "red_flag", [f"{c.what} (type 1) with infection risk: early discitis must be excluded."]
    if (quiet := _quiet(c)) is not None:
        return quiet
    if f.modic_type == 1 and c.pic.back_pain:
        return "possibly_concordant", [f"{c.what} (type 1) is associated with low back pain{odds('modic_1', c.age)}."]
    return c.incidental(f"{c.what} does not explain the symptoms on its own.")


def _root(c: Case) -> Verdict:
    # Herniations, foraminal and lateral recess stenosis, root contact or compression, synovial
    # cysts act on a nerve root: they explain radicular symptoms in that root's territory.
    return _cauda_equina(c) or _quiet(c) or _root_match(c)


def _root_match(c: Case) -> Verdict:
    f, pic, what = c.f, c.pic, c.what
    roots = affected_roots(f)
    if pic.radicular:
        return radicular(f, pic, roots)
    if pic.claudication and f.type == "lateral_recess_stenosis":
        if f.severity in SEVERE:
            return "concordant", [f"{what} ({f.severity}) fits neurogenic claudication."]
        return "possibly_concordant", [f"{what} ({f.severity or 'severity not stated'}) may contribute to "
                                       "neurogenic claudication."]
    if pic.claudication and f.type in ("foraminal_stenosis", "nerve_root_compression", "nerve_root_contact"):
        return "possibly_concordant", [f"{what} may contribute to the neurogenic claudication."]
    if f.type == "disc_extrusion" and pic.back_pain:
        return "possibly_concordant", [f"{what}: extrusions are commoner in people with back pain"
                                       f"{odds('disc_extrusion', c.age)}."]
    if f.type in ("nerve_root_compression", "nerve_root_contact") or f.severity in SEVERE:
        named = ", ".join(sorted({f"{s} {r}" if s else r for r, s, _ in roots})) or "a nerve root"
        return "discordant", [f"{what} would affect {named}, but no radicular (leg) symptoms are reported."]
    return c.incidental(f"{what} does not match the symptoms: no radicular (leg) symptoms are reported.")


def _bulge(c: Case) -> Verdict:
    # A bulge that the report says touches a named root is judged as a root finding; otherwise a
    # bulge at the symptomatic root's level only possibly explains it (common without symptoms).
    if (cauda := _cauda_equina(c)) is not None:
        return cauda
    if (quiet := _quiet(c)) is not None:
        return quiet
    f, pic = c.f, c.pic
    if f.nerve_roots:
        return _root_match(c)
    roots = affected_roots(f)
    if pic.radicular and roots and radicular(f, pic, roots)[0] == "concordant":
        return "possibly_concordant", [f"{c.what} is at the level of the symptomatic root, but bulges are common "
                                       "without symptoms."]
    return c.incidental(f"{c.what} does not explain the symptoms.")


def _canal(c: Case) -> Verdict:
    # Central canal narrowing and thecal sac compression explain neurogenic claudication when
    # moderate or worse; severe central stenosis can compress several roots.
    if (early := _cauda_equina(c) or _quiet(c)) is not None:
        return early
    f, pic, what = c.f, c.pic, c.what
    if pic.claudication:
        if f.severity in SEVERE:
            return "concordant", [f"{what} ({f.severity}) fits neurogenic claudication."]
        return "possibly_concordant", [f"{what} ({f.severity or 'severity not stated'}) may contribute to "
                                       "neurogenic claudication."]
    if f.type == "central_canal_stenosis" and pic.radicular and f.severity not in MILD:
        # a central stenosis can press on several roots of both sides (clinical.md 3): unless the
        # report calls it mild, it may add to leg symptoms without claudication, as a partial match
        return "possibly_concordant", [f"{what} ({f.severity or 'severity not stated'}) can compress several roots; "
                                       "correlate with the leg symptoms."]
    if f.severity in SEVERE and f.type == "central_canal_stenosis":
        return "discordant", [f"{what} ({f.severity}) can cause neurogenic claudication, which is not reported: "
                              "ask about leg symptoms on walking."]
    return c.incidental(f"{what} ({f.severity or 'severity not stated'}): no claudication reported; "
                        "mild narrowing is common with age.")


def _spondylolysis(c: Case) -> Verdict:
    # Pars defects are commoner in people with back pain (Brinjikji 2015).
    if (quiet := _quiet(c)) is not None:
        return quiet
    if c.pic.back_pain:
        return "possibly_concordant", [f"{c.what}: pars defects are commoner with back pain"
                                       f"{odds('spondylolysis', c.age)}."]
    return c.incidental(f"{c.what} does not match the symptoms.")


def _spondylolisthesis(c: Case) -> Verdict:
    # A slip narrows the canal and both foramina at its level: it may explain claudication, or leg
    # symptoms that point to a root of that level (exiting Lx or traversing Ly at Lx-Ly). A slip
    # names no root of its own (clinical.md 4), so leg symptoms without a territory match nothing.
    if (quiet := _quiet(c)) is not None:
        return quiet
    pic, level = c.pic, c.f.level
    if pic.claudication:
        return "possibly_concordant", [f"{c.what} can narrow the canal at {level or 'that level'} and may add to the "
                                       "neurogenic claudication."]
    # a slip named by its vertebra ('L5 spondylolisthesis') is of the segment below it: L5 on S1
    if level is None:
        roots: set[str | None] = set()
    elif "-" in level:
        roots = set(level.split("-"))
    else:
        roots = {level, next_vertebra(level)} - {None}
    pointed = roots & (set(pic.roots) | set(pic.generic))
    if pic.radicular and (pointed or not level):
        return "possibly_concordant", [f"{c.what} can narrow the canal and foramina at {level or 'that level'}; "
                                       "correlate with the leg symptoms."]
    if pic.radicular:
        return c.incidental(f"{c.what} names no root, and the leg symptoms point to no root of {level}.")
    return c.incidental(f"{c.what} does not explain the symptoms.")


def _sacroiliitis(c: Case) -> Verdict:
    # Sacroiliac joint inflammation refers pain to the low back and buttock.
    if (quiet := _quiet(c)) is not None:
        return quiet
    if c.pic.back_pain:
        return "possibly_concordant", [f"{c.what} can cause low back and buttock pain."]
    return "indeterminate", [f"{c.what}: no rule relates it to these symptoms; correlate clinically."]


def _postoperative(c: Case) -> Verdict:
    # Changes after surgery are expected when the history names the operation.
    if (quiet := _quiet(c)) is not None:
        return quiet
    if any(s.type == "prior_surgery" for s in c.pic.present):
        return c.incidental(f"{c.what}: expected after the surgery in the history.")
    return "indeterminate", [f"{c.what}: compare with the operative history."]


def _benign(c: Case) -> Verdict:
    # Hemangiomas, Tarlov cysts, Schmorl nodes, transitional anatomy, extraspinal findings: benign. An
    # extraspinal aneurysm, mass or obstructed kidney is not benign: it needs its own follow-up.
    words = set(re.findall(r"[a-z]+", (c.f.detail or "").lower())) if c.f.type == "extraspinal_finding" else set()
    if words & _FOLLOW_UP:
        return "likely_incidental", [f"{c.what} ({c.f.detail}): outside the spine and not the cause of a spinal "
                                     "finding; unlike a simple cyst it needs its own follow-up (an aortic aneurysm can "
                                     "itself cause back pain)."]
    if not c.pic.present:
        return "likely_incidental", [f"{c.what}: a benign finding that usually needs no action."]
    return "likely_incidental", [f"{c.what}: a benign, common finding that does not explain the symptoms."]


_FOLLOW_UP = set(load_table("clinical")["extraspinal_follow_up"]["words"])


def _degenerative(c: Case) -> Verdict:
    # Degeneration, desiccation, fissures, facet and alignment changes are common with age and
    # do not explain symptoms on their own.
    return _quiet(c) or c.incidental(f"{c.what} does not explain the symptoms.")


def _unmatched(c: Case) -> Verdict:
    # A type no rule relates to symptoms: say so rather than guess.
    return _quiet(c) or ("indeterminate", [f"{c.what}: no rule relates it to these symptoms; correlate clinically."])


# The rule of each correlation group (a card's "correlation.group"; lexicon/cards.py names them).
GROUP_RULES: dict[str, Callable[[Case], Verdict]] = {
    "pathology": _pathology, "cauda_equina": _cauda_equina_compression, "fracture": _fracture, "marrow": _marrow, "modic": _modic, "root": _root,
    "bulge": _bulge, "canal": _canal, "spondylolysis": _spondylolysis, "spondylolisthesis": _spondylolisthesis,
    "sacroiliitis": _sacroiliitis, "postoperative": _postoperative, "benign": _benign,
    "degenerative": _degenerative, "unmatched": _unmatched,
}


def assess(f: Finding, ctx: ClinicalContext, pic: Picture) -> Assessment:
    """The finding's group rule decides; a concordant finding with a progressive deficit is a red flag."""
    case = Case(f, pic, ctx.age, prevalence_of(f, ctx.age))
    group = card(f.type).group
    category, reasons = GROUP_RULES[group](case)
    # a progressive deficit that a compressive finding explains, or may explain, needs prompt
    # surgical review: missing it costs more than a second look
    if "progressive_deficit" in pic.flags and (category == "concordant" or category == "possibly_concordant"
                                               and group in ("root", "canal", "cauda_equina")):
        return Assessment("red_flag", reasons + ["The deficit is progressive: prompt surgical review."], case.prev)
    return Assessment(category, reasons, case.prev)



# a tumour named as one that does not spread through bone ('meningioma', 'schwannoma'); any other may
_BENIGN = re.compile(r"meningiom|schwannom|neurofibrom|ependymom|hemangioblastom|haemangioblastom|lipom|nerve sheath|"
                     r"benign|cyst", re.I)


def _in_context(findings: list[Finding], cauda_symptoms: bool = False) -> None:
    """Adjust categories by what else is at the level (in place):
    - compression, or marrow signal, at the level of a red-flag pathology is part of that red flag,
      and marrow signal anywhere in a study that shows a tumour or an infection may be its spread;
    - degenerative parts of a stenosis that fits the symptoms possibly contribute to it;
    - once a finding explains the symptoms, others matched only loosely (an adjacent or
      unnamed root, at another level) are likely incidental."""
    pathology, compressive, contributors, companions = (
        types_with_role(r) for r in ("level_pathology", "compressive", "contributor", "companion"))
    by_level: dict[str | None, list[Finding]] = {}
    for f in findings:
        if f.assessment is not None:
            by_level.setdefault(f.level, []).append(f)
    explained_levels = {f.level for f in findings
                        if f.level and f.assessment and f.assessment.category == "concordant"}
    for level, group in by_level.items():
        if level is None:
            continue
        # with cauda equina symptoms, whatever compresses the canal at the culprit level is part of it
        flags = [f for f in group if f.assessment.category == "red_flag"
                 and (f.type in pathology or cauda_symptoms and f.type in compressive | DISC_TYPES)]
        stenosis = [f for f in group if f.type in ("central_canal_stenosis", "lateral_recess_stenosis",
                                                     "foraminal_stenosis", "nerve_root_compression")
                    and f.assessment.category in ("concordant", "red_flag")]
        for f in group:
            a = f.assessment
            # (a stated one: oedema beside a pars defect where a stress fracture 'cannot be excluded' stays open)
            sure = [g for g in flags if g.certainty == "present" and g.type in pathology]
            if sure and f.type in companions and a.category != "red_flag":
                a.category = "red_flag"  # its non-specific reading no longer applies
                a.reasons = [f"{describe(f)} is at the level of the {describe(sure[0])}: part of that red flag."]
            elif flags and f.type in compressive and a.category != "red_flag" and f not in flags:
                a.category = "red_flag"
                a.reasons.insert(0, f"{describe(f)} is caused by the {describe(flags[0])}: part of that red flag.")
            elif stenosis and f.type in contributors and a.category == "likely_incidental":
                a.category = "possibly_concordant"
                # (its own rule's 'does not explain the symptoms' holds only of the finding on its own)
                a.reasons = [f"{describe(f)} contributes to the {describe(stenosis[0])}, which fits the symptoms."] + [
                    r.replace("does not explain the symptoms.", "does not explain the symptoms on its own.")
                    for r in a.reasons]
            elif (explained_levels and level not in explained_levels and a.category == "possibly_concordant"
                  and f.type in DISC_TYPES | {"foraminal_stenosis", "spondylolisthesis"}):
                a.category = "likely_incidental"
                a.reasons.insert(0, f"The symptoms are better explained at {', '.join(sorted(explained_levels))}.")
    # a tumour or an infection can spread through the marrow beyond the level it is named at
    spreading = next((f for f in findings if f.type in pathology and card(f.type).group == "pathology"
                      and f.certainty == "present" and f.assessment and f.assessment.category == "red_flag"
                      and (f.type != "neoplasm" or not all(_BENIGN.search(m.text) for m in f.mentions))), None)
    for f in findings if spreading is not None else ():
        a = f.assessment
        if f.type in companions and a is not None and a.category != "red_flag":
            a.category = "red_flag"
            shown = describe(spreading)
            a.reasons = [f"{describe(f)}: the same study shows {shown[:1].lower()}{shown[1:]}; its spread to the "
                         "marrow must be excluded."]


# an umbrella word a physician uses for the degenerative findings together ('mild degenerative changes')
_UMBRELLA = {"spondylosis": ("degenerative", "bulge")}
# a physician's hedged judgement ('it is possible that') is a partial match; a hedge in a later clause
# ('..., which we may treat surgically') is about something else (lexicons/discourse.json)
_HEDGED, _HEDGE_SCOPE = (load_discourse_patterns()[n] for n in ("hedged", "hedge_scope"))


def _judged(f: Finding, judgements: Sequence[Attribution]) -> Attribution | None:
    """The physician's judgement of this finding: same type (or the umbrella 'degenerative
    changes'), at its level when the statement names one; a denial wins over an attribution."""
    # the umbrella covers the wear of discs and joints, not the alignment of the spine (a curve)
    mine = [j for j in judgements
            if (j.type == f.type or card(f.type).group in _UMBRELLA.get(j.type, ()) and card(f.type).level != "curve")
            and (f.level in j.levels or j.levels == [None])]
    return next((j for j in mine if j.judgement == "does_not_explain"), mine[0] if mine else None)


# a history that makes a fracture of unstated age suspicious whatever the physician relates it to
_SUSPICIOUS = frozenset({"cancer_history", "weight_loss", "infection_risk"})


def _hedged(j: Attribution) -> bool:
    """A hedge in the judgement's own clause: '..., which may account for the new right thigh symptoms' is
    hedged; in '..., which we may treat surgically' the hedge is about something else."""
    at = re.search(r"\s+".join(map(re.escape, j.phrase.split())), j.text, re.I)
    if at is None:
        return bool(_HEDGED.search(_HEDGE_SCOPE.split(j.text)[0]))
    lo = max((b.end() for b in _HEDGE_SCOPE.finditer(j.text, 0, at.start())), default=0)
    hi = next((b.start() for b in _HEDGE_SCOPE.finditer(j.text, at.end())), len(j.text))
    return bool(_HEDGED.search(j.text, lo, hi))


# a side as a judgement names it
_SIDE_NAMED = {"left": re.compile(r"\b(?:left|lt)\b", re.I), "right": re.compile(r"\b(?:right|rt)\b", re.I)}


def _other_side(f: Finding, text: str) -> bool:
    """The judgement names the other side and never this finding's ('This correlates with the patient's left L5
    radiculopathy', of a right foraminal stenosis)."""
    if f.side not in _SIDE_NAMED:
        return False
    other = "left" if f.side == "right" else "right"
    return bool(_SIDE_NAMED[other].search(text)) and not _SIDE_NAMED[f.side].search(text)


def _physician(findings: list[Finding], judgements: Sequence[Attribution], flags: set[str]) -> None:
    """The note's physician relating a finding to the symptoms in words is the category
    (annotation.md), and so is a radiologist's in a report's impression, for the better only; except that a
    red flag stays one: tumour, infection, cord or cauda equina compression,
    a fracture the report calls acute or pathological, a finding with the cauda equina symptoms it could
    explain (clinical.md 5): a missed one costs more than a second look. (A compression fracture of unstated
    age that the physician names as the pain's source is concordant, as in the notes' gold.)"""
    for f in findings:
        a = f.assessment
        j = _judged(f, judgements) if a is not None else None
        if a is None or j is None:
            continue
        quote = j.text if len(j.text) <= 160 else j.text[:157] + "..."
        who = "The radiologist" if j.how == "report" else "The note's physician"
        hedged = _hedged(j)
        # (a fracture of unstated age, no more, that the physician names in sure words as the pain's source: not one
        # possibly pathological, nor with cancer, weight loss or an infection risk in the history, nor a hedged 'this may
        # explain her back pain')
        urgent = a.category == "red_flag" and not (
            f.type == "fracture" and f.acuity != "acute" and not f.pathologic and f.detail != CAUSE_OPEN
            and flags.isdisjoint(_SUSPICIOUS) and j.judgement == "explains" and not hedged)
        if j.judgement == "explains":
            if card(f.type).group == "postoperative" or _other_side(f, j.text):
                # the judgement is of the lesion beside it: 'degeneration above the L4-S1 fusion with severe stenosis,
                # which correlates with the history' (an operated level's look is what surgery leaves); 'right
                # subarticular extrusion narrowing the right lateral recess' says nothing of the left recess
                continue
            if urgent or a.category == "red_flag" and j.how != "named":
                # (a fracture of unstated age stays a red flag unless the note's physician names it the pain's source:
                # a level alone, or a radiologist's aside, is not enough to call it off)
                a.reasons.append(f"{who} relates it to the symptoms: \u201c{quote}\u201d")
                continue
            if a.category == "discordant" and (j.how != "named" or hedged):
                # a level named as the source, a radiologist's or a hedged judgement does not undo a side or root that
                # does not match ('Sciatica from L5/S1' of a left recess stenosis, the symptoms right-sided)
                a.reasons.append(f"{who} relates it to the symptoms (\u201c{quote}\u201d), but its side or root does "
                                 "not match them.")
                continue
            # 'it is also possible that ... has a contributory component': a hedged judgement is partial
            sure = f.certainty == "present" and not hedged
            # a hedged judgement ('may account for left L5 radicular symptoms') does not undo the match of
            # root and side that the finding makes on its own
            a.category = "concordant" if sure or a.category == "concordant" else "possibly_concordant"
            a.reasons.insert(0, f"{who} relates the {describe(f)} to the symptoms: \u201c{quote}\u201d")
        elif not urgent and a.category != "likely_incidental":
            # 'felt to be incidental': the physician's own word for it; otherwise a finding that could cause
            # leg symptoms but does not cause these is discordant
            incidental = "incidental" in j.phrase.lower() or "incidental" in j.text.lower()
            a.category = "discordant" if card(f.type).group in ("root", "canal") and not incidental else "likely_incidental"
            a.reasons.insert(0, f"The note's physician does not relate the {describe(f)} to the symptoms: "
                                f"\u201c{quote}\u201d")


def correlate(result: Result, judgements: Sequence[Attribution] = ()) -> None:
    """Give every present or possible finding its assessment (in place); ``judgements`` are the
    physician's own (a note's 'her pain is from the L5-S1 herniation')."""
    pic = Picture.of(result.clinical)
    if is_note_categories(s.name for s in result.sections) or any(s.name == "imaging statement" for s in result.sections):
        pic.stated = True  # a whole clinical note recounts a history even when none of it is a symptom here
    for f in result.findings:
        f.assessment = assess(f, result.clinical, pic) if f.certainty != "absent" else None
        if f.assessment is not None and f.certainty == "possible" and f.assessment.category == "concordant":
            f.assessment.category = "possibly_concordant"  # a possible finding can only possibly explain
            f.assessment.reasons.append("The finding itself is stated as possible.")
    _in_context(result.findings, "cauda_equina_symptoms" in pic.flags)
    if pic.present:
        _physician(result.findings, judgements, pic.flags)
    for f in result.findings:
        if f.assessment is not None:
            f.assessment.reasons = [r[:1].upper() + r[1:] for r in f.assessment.reasons]
