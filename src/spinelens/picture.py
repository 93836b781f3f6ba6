"""What correlation matches findings against: the symptoms summarised (Picture), the roots a
finding can affect, the radicular match of roots and sides, and the prevalence and odds-ratio
figures the reasons quote. Plain Python (no spaCy)."""

from __future__ import annotations

from dataclasses import dataclass

from .levels import LUMBOSACRAL_ROOTS, adjacent_roots, next_vertebra, root_at
from .lexicon import load_table, prevalence_table
from .model import ClinicalContext, Finding, Prevalence, Symptom, describe, describe_symptom

PREVALENCE_SOURCE = "Brinjikji W et al. AJNR 2015;36:811-816 (doi:10.3174/ajnr.A4173)"
OR_SOURCE = "Brinjikji W et al. AJNR 2015;36:2394-2399"
SEVERE = {"moderate", "moderate-severe", "severe"}  # narrowing enough to explain symptoms on its own
MILD = {"minimal", "mild", "mild-moderate"}  # narrowing common with age
DISC_TYPES = {"disc_protrusion", "disc_extrusion", "disc_sequestration", "disc_herniation", "disc_bulge"}


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


def sides_compatible(finding_side: str | None, symptom_side: str | None) -> bool:
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
    stated: bool = False  # any symptom stated, even as absent ('denies leg pain'): there is a history

    @property
    def diffuse(self) -> bool:
        """Deficits in so many roots that no one root explains them (clinical.json diffuse_roots)."""
        return len(self.roots) >= load_table("clinical")["diffuse_roots"]["count"]

    @classmethod
    def of(cls, ctx: ClinicalContext) -> Picture:
        present = [s for s in ctx.symptoms if s.certainty != "absent"]
        table = load_table("clinical")
        radicular = [s for s in present if s.type in table["radicular_symptoms"]]
        roots: dict[str, set[str | None]] = {}
        generic: dict[str, set[str | None]] = {}
        nonspecific_roots = table["nonspecific_radicular_roots"]
        symmetric = set(table["symmetric_reflexes"]["roots"])
        for s in radicular:
            # knee and ankle jerks reduced on both sides: a generalised pattern, no root's sign
            if not (s.type == "reflex_change" and s.side == "bilateral" and symmetric <= set(s.roots)):
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
                   any(s.type == "back_pain" for s in present), flags, bool(ctx.symptoms))


def prevalence_of(f: Finding, age: float | None) -> Prevalence | None:
    if age is None:
        return None
    pct = prevalence(f.type, age)
    # the table covers 20-80: quote the age the figure is for
    return Prevalence(percent=pct, age=min(max(age, 20.0), 80.0), source=PREVALENCE_SOURCE) \
        if pct is not None else None


def odds(key: str, age: float | None) -> str:
    """The odds-ratio clause, for people aged 50 or under only (clinical.md 6)."""
    if age is not None and age > 50:
        return ""
    ratio = load_table("clinical")["odds_ratios"].get(key)
    return f" (odds ratio {ratio[0]:.1f} in people aged 50 or under, {OR_SOURCE})" if ratio else ""


def incidental_reason(f: Finding, prev: Prevalence | None) -> str:
    name = f.type.replace("_", " ")
    if prev is not None:
        return (f"{name[0].upper() + name[1:]} is seen in about {prev.percent:g}% of people aged {prev.age:g} "
                "without back pain.")
    return f"{name[0].upper() + name[1:]} is common with age and often causes no symptoms."



def radicular(f: Finding, pic: Picture, roots: list[tuple[str, str | None, str]]) -> tuple[str, list[str]]:
    what = describe(f)
    symptoms = "; ".join(describe_symptom(s) for s in pic.radicular)
    if not roots:
        if any(sides_compatible(f.side, x) for x in pic.sides):
            return "possibly_concordant", [f"{what}: the level or root is not stated; symptoms: {symptoms}."]
        return "discordant", [f"{what} is on the other side from the symptoms: {symptoms}."]
    on_side = [(r, s, rel) for r, s, rel in roots if any(sides_compatible(s, x) for x in pic.sides)]
    exact = [(r, s, rel) for r, s, rel in on_side
             if r in pic.roots and any(sides_compatible(s, x) for x in pic.roots[r])]
    if exact:
        r, s, rel = exact[0]
        rel_text = f"{rel} " if rel in ("exiting", "traversing") else ""
        side = f"{s} " if s else ""
        if pic.diffuse:
            spread = ", ".join(sorted(pic.roots, key=lambda x: (x[0] != "L", x)))
            return "possibly_concordant", [f"{what} affects the {rel_text}{side}{r} root, one of many the deficits "
                                           f"span ({spread}): a diffuse pattern (such as a neuropathy) that one root "
                                           f"does not explain. Symptoms: {symptoms}."]
        return "concordant", [f"{what} affects the {rel_text}{side}{r} root; the symptoms point to {r}: {symptoms}."]
    generic = [(r, s) for r, s, _ in on_side if r in pic.generic and any(sides_compatible(s, x) for x in pic.generic[r])]
    if generic:
        r, s = generic[0]
        return "possibly_concordant", [f"{what} affects the {s + ' ' if s else ''}{r} root; the symptoms ({symptoms}) "
                                       f"fit L5 or S1 but name no territory."]
    near = [(r, s) for r, s, _ in on_side for root, sides in pic.roots.items()
            if adjacent_roots(r, root) and any(sides_compatible(s, x) for x in sides)]
    if near:
        r, s = near[0]
        return "possibly_concordant", [f"{what} affects the {s + ' ' if s else ''}{r} root, next to the root the "
                                       f"symptoms point to ({symptoms})."]
    if not pic.roots and not pic.generic and on_side:
        return "possibly_concordant", [f"{what} is on the side of the leg symptoms ({symptoms}), which name no "
                                       "root territory."]
    finding_roots = ", ".join(sorted({f"{s} {r}" if s else r for r, s, _ in roots}))
    return "discordant", [f"{what} would affect {finding_roots}; the symptoms point elsewhere: {symptoms}."]
