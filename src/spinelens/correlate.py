"""Correlation of findings with symptoms: plain Python over the result dataclasses (no spaCy).

Every present or possible finding gets one category of shared/spec/clinical.md 5 —
red_flag, concordant, possibly_concordant, discordant, likely_incidental or indeterminate —
with plain reasons that name the level, side, root and symptom, and, for findings in the
prevalence table, how common they are in people without back pain at the patient's age.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from .levels import LUMBOSACRAL_ROOTS, adjacent_roots, next_vertebra, root_at
from .lexicon import lexicon_dir, load_table
from .model import Assessment, ClinicalContext, Finding, Prevalence, Result, Symptom, describe, describe_symptom

PREVALENCE_SOURCE = "Brinjikji W et al. AJNR 2015;36:811-816 (doi:10.3174/ajnr.A4173)"
OR_SOURCE = "Brinjikji W et al. AJNR 2015;36:2394-2399"
SEVERE = {"moderate", "moderate-severe", "severe"}  # narrowing enough to explain symptoms on its own
DISC_TYPES = {"disc_protrusion", "disc_extrusion", "disc_sequestration", "disc_herniation", "disc_bulge"}


@cache
def prevalence_table() -> dict[str, list[float]]:
    """lexicons/prevalence.csv: type -> percent at ages 20, 30, ... 80."""
    with open(lexicon_dir() / "prevalence.csv", newline="", encoding="utf-8") as fh:
        return {row["type"]: [float(row[f"age{a}"]) for a in range(20, 90, 10)] for row in csv.DictReader(fh)}


def prevalence(ftype: str, age: float) -> float | None:
    """Percent of people without back pain who have the finding, interpolated linearly between
    decades; ages below 20 count as 20 and above 80 as 80 (clinical.md 6)."""
    row = prevalence_table().get(ftype)
    if row is None:
        return None
    a = min(max(age, 20.0), 80.0)
    i = min(int((a - 20) // 10), 5)
    lo, hi = row[i], row[i + 1]
    return round(lo + (hi - lo) * (a - (20 + 10 * i)) / 10, 1)


def affected_roots(f: Finding) -> list[tuple[str, str | None, str]]:
    """(root, side, relation) a finding can affect (clinical.md 4): at Lx-Ly a central or
    paracentral disc or lateral recess stenosis affects the traversing root Ly; a foraminal
    disc or foraminal stenosis the exiting root Lx. A root named in the report wins."""
    if f.nerve_roots:
        return [(r.root, r.side or f.side, r.relation or "named") for r in f.nerve_roots]
    if not f.level or "-" not in f.level:
        return []
    upper, lower = root_at(f.level, "exiting"), root_at(f.level, "traversing")
    sides = [f.side] if f.side in ("left", "right") else ["left", "right"]
    if f.type == "foraminal_stenosis" or f.zone in ("foraminal", "extraforaminal"):
        return [(upper, s, "exiting") for s in sides]
    if f.type in ("central_canal_stenosis", "cauda_equina_compression"):
        # several roots on both sides: the traversing root and the one below it (clinical.md 4)
        below = next_vertebra(lower) if lower in LUMBOSACRAL_ROOTS[:-1] else None
        return [(r, s, "traversing") for r in [lower, below] if r for s in ("left", "right")]
    return [(lower, s, "traversing") for s in sides]


def _sides_compatible(finding_side: str | None, symptom_side: str | None) -> bool:
    if finding_side is None or symptom_side is None:
        return True
    return finding_side == symptom_side or "bilateral" in (finding_side, symptom_side)


@dataclass
class Picture:
    """The symptoms, summarised for matching."""

    present: list[Symptom]
    radicular: list[Symptom]
    roots: dict[str, set[str | None]]  # root -> sides, from a territory, movement or reflex
    generic: dict[str, set[str | None]]  # L5/S1 for sciatica or pain below the knee with no territory
    sides: set[str | None]  # sides of the radicular symptoms
    claudication: bool
    back_pain: bool
    flags: set[str]

    @classmethod
    def of(cls, ctx: ClinicalContext) -> Picture:
        present = [s for s in ctx.symptoms if s.certainty != "absent"]
        table = load_table("clinical")
        radicular = [s for s in present if s.type in table["radicular_symptoms"]]
        roots: dict[str, set[str | None]] = {}
        generic: dict[str, set[str | None]] = {}
        nonspecific_roots = table["nonspecific_radicular_roots"]
        for s in radicular:
            for r in s.roots:
                roots.setdefault(r, set()).add(s.side)
            # "sciatica" or pain below the knee without a territory points to L5 or S1;
            # buttock or thigh pain alone points nowhere (clinical.md 3)
            if not s.roots and s.type == "radicular_pain" and s.below_knee:
                for r in nonspecific_roots:
                    generic.setdefault(r, set()).add(s.side)
        flags = {s.type for s in present} & set(table["red_flag_symptoms"])
        return cls(present, radicular, roots, generic, {s.side for s in radicular},
                   any(s.type == "neurogenic_claudication" for s in present),
                   any(s.type == "back_pain" for s in present), flags)


def _prevalence_of(f: Finding, age: float | None) -> Prevalence | None:
    if age is None:
        return None
    pct = prevalence(f.type, age)
    # the table covers 20-80: quote the age the figure is for
    return Prevalence(percent=pct, age=min(max(age, 20.0), 80.0), source=PREVALENCE_SOURCE) \
        if pct is not None else None


def _odds(key: str, age: float | None) -> str:
    """The odds-ratio clause, for people aged 50 or under only (clinical.md 6)."""
    if age is not None and age > 50:
        return ""
    ratio = load_table("clinical")["odds_ratios"].get(key)
    return f" (odds ratio {ratio[0]:.1f} in people aged 50 or under, {OR_SOURCE})" if ratio else ""


def _incidental_reason(f: Finding, prev: Prevalence | None) -> str:
    name = f.type.replace("_", " ")
    if prev is not None:
        return (f"{name[0].upper() + name[1:]} is seen in about {prev.percent:g}% of people aged {prev.age:g} "
                "without back pain.")
    return f"{name[0].upper() + name[1:]} is common with age and often causes no symptoms."


def assess(f: Finding, ctx: ClinicalContext, pic: Picture) -> Assessment:
    table = load_table("clinical")
    benign = set(table["benign_incidental_types"])
    red_types = set(load_table("attributes")["red_flag_types"])
    prev = _prevalence_of(f, ctx.age)
    what = describe(f)

    # 1. red flags from the finding itself
    if f.type in red_types - {"fracture"}:
        reasons = {
            "cauda_equina_compression": "Compression of the cauda equina needs same-day clinical review.",
            "cord_abnormality": "Cord or conus compression or signal change needs urgent clinical review.",
            "neoplasm": "A possible tumour or metastasis needs urgent review and further work-up.",
            "infection": "Possible spinal infection (discitis, osteomyelitis or abscess) needs urgent review.",
        }
        return Assessment("red_flag", [f"{what}: {reasons[f.type]}"], prev)
    if f.type == "fracture":
        # A fracture whose age the report does not give is treated as acute until shown old:
        # missing an acute or pathological fracture costs more than a second look.
        if f.pathologic or f.acuity != "chronic" or "cancer_history" in pic.flags:
            why = ("pathological" if f.pathologic else "acute" if f.acuity == "acute" else
                   "old, in a patient with cancer" if f.acuity == "chronic" else "of unstated age")
            return Assessment("red_flag", [f"{what} ({why}): an acute or pathological vertebral fracture "
                                           "needs prompt review."], prev)
        if "trauma" in pic.flags or "osteoporosis_risk" in pic.flags:
            return Assessment("possibly_concordant", [f"{what} is described as old; with trauma or osteoporosis in the "
                                                      "history, compare with earlier imaging."], prev)
        return Assessment("likely_incidental", [f"{what} is described as old or healed."], prev)
    if f.type == "marrow_abnormality":
        risky = pic.flags & {"cancer_history", "infection_risk", "weight_loss"}
        if risky:
            return Assessment("red_flag", [f"{what} with {', '.join(sorted(r.replace('_', ' ') for r in risky))}: "
                                           "marrow replacement by tumour or infection must be excluded."], prev)
    if f.type == "modic_change" and f.modic_type == 1 and "infection_risk" in pic.flags:
        return Assessment("red_flag", [f"{what} (type 1) with infection risk: early discitis must be excluded."], prev)

    # 2. red flags from the clinical picture that the finding could explain
    if "cauda_equina_symptoms" in pic.flags and (
            f.type in ("central_canal_stenosis", "thecal_sac_compression") and f.severity in SEVERE
            or f.type in ("disc_extrusion", "disc_sequestration", "disc_herniation") and f.zone in ("central", None)
            or f.type in DISC_TYPES and f.severity in SEVERE):
        return Assessment("red_flag", [f"{what} with cauda equina symptoms (saddle numbness, bladder or bowel "
                                       "disturbance): same-day surgical review."], prev)

    # 3. no symptoms to correlate with
    if not pic.present:
        if f.type in benign:
            return Assessment("likely_incidental", [f"{what}: a benign finding that usually needs no action."], prev)
        reasons = ["No symptoms given: add the clinical history to correlate."]
        if prev is not None:
            reasons.append(_incidental_reason(f, prev))
        return Assessment("indeterminate", reasons, prev)

    # 4. benign incidentals
    if f.type in benign:
        return Assessment("likely_incidental", [f"{what}: a benign, common finding that does not explain the "
                                                "symptoms."], prev)

    category, reasons = _match(f, pic, ctx.age)
    if category == "concordant" and "progressive_deficit" in pic.flags:
        return Assessment("red_flag", reasons + ["The deficit is progressive: prompt surgical review."], prev)
    if category == "likely_incidental" and prev is not None:
        reasons.append(_incidental_reason(f, prev))
    return Assessment(category, reasons, prev)


def _match(f: Finding, pic: Picture, age: float | None) -> tuple[str, list[str]]:
    """Category and reasons for a finding against symptoms that are present (no red flag)."""
    table = load_table("clinical")
    what = describe(f)
    roots = affected_roots(f)
    if f.type in set(table["root_affecting_types"]) or f.type == "disc_bulge" and f.nerve_roots:
        if pic.radicular:
            return _radicular(f, pic, roots)
        if pic.claudication and f.type == "lateral_recess_stenosis":
            if f.severity in SEVERE:
                return "concordant", [f"{what} ({f.severity}) fits neurogenic claudication."]
            return "possibly_concordant", [f"{what} ({f.severity or 'severity not stated'}) may contribute to "
                                           "neurogenic claudication."]
        if pic.claudication and f.type in ("foraminal_stenosis", "nerve_root_compression", "nerve_root_contact"):
            return "possibly_concordant", [f"{what} may contribute to the neurogenic claudication."]
        if f.type == "disc_extrusion" and pic.back_pain:
            return "possibly_concordant", [f"{what}: extrusions are commoner in people with back pain"
                                           f"{_odds('disc_extrusion', age)}."]
        if f.type in ("nerve_root_compression", "nerve_root_contact") or f.severity in SEVERE:
            named = ", ".join(sorted({f"{s} {r}" if s else r for r, s, _ in roots})) or "a nerve root"
            return "discordant", [f"{what} would affect {named}, but no radicular (leg) symptoms are reported."]
        return "likely_incidental", [f"{what} does not match the symptoms: no radicular (leg) symptoms are reported."]
    if f.type in ("central_canal_stenosis", "thecal_sac_compression"):
        if pic.claudication:
            if f.severity in SEVERE:
                return "concordant", [f"{what} ({f.severity}) fits neurogenic claudication."]
            return "possibly_concordant", [f"{what} ({f.severity or 'severity not stated'}) may contribute to "
                                           "neurogenic claudication."]
        if f.severity in SEVERE and f.type == "central_canal_stenosis":
            if pic.radicular:
                return "possibly_concordant", [f"{what} ({f.severity}) can compress several roots; correlate with the "
                                               "leg symptoms."]
            return "discordant", [f"{what} ({f.severity}) can cause neurogenic claudication, which is not reported: "
                                  "ask about leg symptoms on walking."]
        return "likely_incidental", [f"{what} ({f.severity or 'severity not stated'}): no claudication reported; "
                                     "mild narrowing is common with age."]
    if f.type == "modic_change":
        if f.modic_type == 1 and pic.back_pain:
            return "possibly_concordant", [f"{what} (type 1) is associated with low back pain{_odds('modic_1', age)}."]
        return "likely_incidental", [f"{what} does not explain the symptoms on its own."]
    if f.type == "spondylolysis":
        if pic.back_pain:
            return "possibly_concordant", [f"{what}: pars defects are commoner with back pain"
                                           f"{_odds('spondylolysis', age)}."]
        return "likely_incidental", [f"{what} does not match the symptoms."]
    if f.type == "spondylolisthesis" and (pic.claudication or pic.radicular):
        return "possibly_concordant", [f"{what} can narrow the canal and foramina at {f.level or 'that level'}; "
                                       "correlate with the leg symptoms."]
    if f.type == "disc_bulge" and pic.radicular and roots and _radicular(f, pic, roots)[0] == "concordant":
        return "possibly_concordant", [f"{what} is at the level of the symptomatic root, but bulges are common "
                                       "without symptoms."]
    if f.type == "sacroiliitis" and pic.back_pain:
        return "possibly_concordant", [f"{what} can cause low back and buttock pain."]
    if f.type == "marrow_abnormality":
        return "possibly_concordant", [f"{what}: non-specific marrow signal change; correlate with the history and "
                                       "blood tests."]
    if f.type == "postoperative_change":
        if any(s.type == "prior_surgery" for s in pic.present):
            return "likely_incidental", [f"{what}: expected after the surgery in the history."]
        return "indeterminate", [f"{what}: compare with the operative history."]
    if f.type in table["common_types"]:
        return "likely_incidental", [f"{what} does not explain the symptoms."]
    return "indeterminate", [f"{what}: no rule relates it to these symptoms; correlate clinically."]


def _radicular(f: Finding, pic: Picture, roots: list[tuple[str, str | None, str]]) -> tuple[str, list[str]]:
    what = describe(f)
    symptoms = "; ".join(describe_symptom(s) for s in pic.radicular)
    if not roots:
        if any(_sides_compatible(f.side, x) for x in pic.sides):
            return "possibly_concordant", [f"{what}: the level or root is not stated; symptoms: {symptoms}."]
        return "discordant", [f"{what} is on the other side from the symptoms: {symptoms}."]
    on_side = [(r, s, rel) for r, s, rel in roots if any(_sides_compatible(s, x) for x in pic.sides)]
    exact = [(r, s, rel) for r, s, rel in on_side
             if r in pic.roots and any(_sides_compatible(s, x) for x in pic.roots[r])]
    if exact:
        r, s, rel = exact[0]
        rel_text = f"{rel} " if rel in ("exiting", "traversing") else ""
        side = f"{s} " if s else ""
        return "concordant", [f"{what} affects the {rel_text}{side}{r} root; the symptoms point to {r}: {symptoms}."]
    generic = [(r, s) for r, s, _ in on_side if r in pic.generic and any(_sides_compatible(s, x) for x in pic.generic[r])]
    if generic:
        r, s = generic[0]
        return "possibly_concordant", [f"{what} affects the {s + ' ' if s else ''}{r} root; the symptoms ({symptoms}) "
                                       f"fit L5 or S1 but name no territory."]
    near = [(r, s) for r, s, _ in on_side for root, sides in pic.roots.items()
            if adjacent_roots(r, root) and any(_sides_compatible(s, x) for x in sides)]
    if near:
        r, s = near[0]
        return "possibly_concordant", [f"{what} affects the {s + ' ' if s else ''}{r} root, next to the root the "
                                       f"symptoms point to ({symptoms})."]
    if not pic.roots and not pic.generic and on_side:
        return "possibly_concordant", [f"{what} is on the side of the leg symptoms ({symptoms}), which name no "
                                       "root territory."]
    finding_roots = ", ".join(sorted({f"{s} {r}" if s else r for r, s, _ in roots}))
    return "discordant", [f"{what} would affect {finding_roots}; the symptoms point elsewhere: {symptoms}."]


def _in_context(findings: list[Finding], cauda_symptoms: bool = False) -> None:
    """Adjust categories by what else is at the level (in place):
    - compression at the level of a red-flag pathology is part of that red flag;
    - degenerative parts of a stenosis that fits the symptoms possibly contribute to it;
    - once a finding explains the symptoms, others matched only loosely (an adjacent or
      unnamed root, at another level) are likely incidental."""
    context = load_table("clinical")["context"]
    pathology, compressive, contributors = (set(context[k]) for k in ("pathology", "compressive", "contributors"))
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
            if flags and f.type in compressive and a.category != "red_flag" and f not in flags:
                a.category = "red_flag"
                a.reasons.insert(0, f"{describe(f)} is caused by the {describe(flags[0])}: part of that red flag.")
            elif stenosis and f.type in contributors and a.category == "likely_incidental":
                a.category = "possibly_concordant"
                a.reasons.insert(0, f"{describe(f)} contributes to the {describe(stenosis[0])}, which fits the "
                                    "symptoms.")
            elif (explained_levels and level not in explained_levels and a.category == "possibly_concordant"
                  and f.type in DISC_TYPES | {"foraminal_stenosis", "spondylolisthesis"}):
                a.category = "likely_incidental"
                a.reasons.insert(0, f"The symptoms are better explained at {', '.join(sorted(explained_levels))}.")


def correlate(result: Result) -> None:
    """Give every present or possible finding its assessment (in place)."""
    pic = Picture.of(result.clinical)
    for f in result.findings:
        f.assessment = assess(f, result.clinical, pic) if f.certainty != "absent" else None
        if f.assessment is not None and f.certainty == "possible" and f.assessment.category == "concordant":
            f.assessment.category = "possibly_concordant"  # a possible finding can only possibly explain
            f.assessment.reasons.append("The finding itself is stated as possible.")
    _in_context(result.findings, "cauda_equina_symptoms" in pic.flags)
    for f in result.findings:
        if f.assessment is not None:
            f.assessment.reasons = [r[:1].upper() + r[1:] for r in f.assessment.reasons]
