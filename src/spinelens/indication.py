"""Before the scan: is lumbar MRI indicated for this presentation?

ACR Appropriateness Criteria, Low Back Pain (2021), as tabled in shared/spec/clinical.md 7,
with the practical questions to ask before MRI. Plain Python over the clinical context that
the SpineLens pipeline reads from the request text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from .analyze import read, valid_age
from .clinical import build_context
from .lexicon import load_table


@dataclass
class Question:
    question: str
    answered: bool
    answer: str | None = None
    evidence: str | None = None


@dataclass
class Indication:
    rating: str  # urgent | usually_appropriate | may_be_appropriate | usually_not_appropriate
    variant: str
    reasons: list[str]
    red_flags: list[str]  # present
    red_flags_absent: list[str]  # explicitly denied
    questions: list[Question]
    notes: list[str] = field(default_factory=list)
    age: float | None = None
    duration_weeks: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _evidence(ctx, kinds: tuple[str, ...] | set[str], certainty: str | None = None) -> str | None:
    for s in ctx.symptoms:
        if s.type in kinds and (certainty is None or s.certainty == certainty) and s.mentions:
            return s.mentions[0].text
    return None


def _severe_deficit(ctx, pattern: str) -> bool:
    """Weakness the patient has whose own words make it severe ('left foot drop', '3/5')."""
    return any(s.type == "motor_weakness" and s.certainty == "present" and re.search(pattern, m.text, re.I)
               for s in ctx.symptoms for m in s.mentions)


def assess_indication(text: str, age: float | None = None) -> Indication:
    """Rate lumbar MRI for a clinical description ("52M, L leg pain x 8 weeks, failed physio")."""
    table = load_table("indication")
    groups = load_table("clinical")
    red_flags, radicular = tuple(groups["red_flag_symptoms"]), tuple(groups["radicular_symptoms"])
    given = read(text) if text.strip() else None
    ctx = build_context(None, given, valid_age(age), None)
    present = {s.type for s in ctx.symptoms if s.certainty != "absent"}
    if not any(s.type == "prior_surgery" and s.certainty == "present" for s in ctx.symptoms):
        present.discard("prior_surgery")  # "considering surgery" is a plan, not a history
    absent = {s.type for s in ctx.symptoms if s.certainty == "absent"} - present
    flags = [t for t in red_flags if t in present]
    elderly = ctx.age is not None and ctx.age > 70
    if elderly and "osteoporosis_risk" not in flags:
        flags.append("osteoporosis_risk")
    lowered = text.lower()
    new_or_worse = ctx.course == "worsening" or bool(re.search(r"\b(?:new|recurrent|worse|progress\w*)\b", lowered))

    def variant(key: str) -> tuple[str, str, str]:
        v = table["variants"][key]
        return v["rating"], v["variant"], v["reason"]

    if "cauda_equina_symptoms" in present:
        rating, name, why = variant("cauda_equina")
    elif "progressive_deficit" in present or _severe_deficit(ctx, table["patterns"]["severe_deficit"]):
        rating, name, why = variant("progressive_deficit")
    elif present & {"cancer_history", "infection_risk", "weight_loss"}:
        rating, name, why = variant("cancer_infection")
    elif present & {"trauma", "osteoporosis_risk"} or elderly:
        rating, name, why = variant("trauma_osteoporosis")
    elif "prior_surgery" in present and new_or_worse:
        rating, name, why = variant("prior_surgery")
    elif (ctx.duration_weeks or 0) >= 6 and ctx.conservative_care_tried and present & {*radicular,
                                                                                       "neurogenic_claudication"}:
        rating, name, why = variant("persistent_after_care")
    elif (ctx.duration_weeks or 0) >= 6 and ctx.conservative_care_tried is None:
        rating, name, why = variant("persistent_care_unknown")
    else:
        rating, name, why = variant("uncomplicated")

    questions = _questions(ctx, text, present, absent, table, red_flags, radicular)
    notes = []
    if present & {"trauma", "osteoporosis_risk"} or elderly or re.search(table["patterns"]["radiograph"], lowered):
        notes.append(table["notes"]["radiograph"])
    if rating in ("usually_not_appropriate", "may_be_appropriate"):
        notes.append(table["notes"]["low_value"])
    return Indication(rating=rating, variant=name, reasons=[why], red_flags=flags,
                      red_flags_absent=[t for t in red_flags if t in absent], questions=questions, notes=notes,
                      age=ctx.age, duration_weeks=ctx.duration_weeks)


def _questions(ctx, text: str, present: set[str], absent: set[str], table: dict[str, Any],
               red_flags: tuple[str, ...], radicular: tuple[str, ...]) -> list[Question]:
    q = table["questions"]
    out: list[Question] = []
    m = re.search(table["patterns"]["diagnosis"], text, re.I)
    out.append(Question(q["diagnosis"], bool(m), m.group(0).strip() if m else None, m.group(0).strip() if m else None))
    nerve = present & set(radicular)
    nerve_absent = absent & set(radicular)
    out.append(Question(q["nerve_symptoms"], bool(nerve or nerve_absent),
                        "yes: " + ", ".join(sorted(t.replace("_", " ") for t in nerve)) if nerve else
                        "no" if nerve_absent else None,
                        _evidence(ctx, radicular)))
    weak = "motor_weakness" in present or "progressive_deficit" in present
    out.append(Question(q["weakness"], weak or "motor_weakness" in absent,
                        "yes" if weak else "no" if "motor_weakness" in absent else None,
                        _evidence(ctx, ("motor_weakness", "progressive_deficit"))))
    out.append(Question(q["course"], ctx.course is not None, ctx.course, None))
    m = re.search(table["patterns"]["management"], text, re.I)
    out.append(Question(q["changes_treatment"], bool(m), "yes: " + m.group(0).strip() if m else None,
                        m.group(0).strip() if m else None))
    flags_present = present & set(red_flags)
    denied = re.search(r"\bno\s+(?:other\s+)?red\s+flags?\b", text, re.I)
    out.append(Question(q["red_flags"], bool(flags_present or absent & set(red_flags) or denied),
                        "yes: " + ", ".join(sorted(t.replace("_", " ") for t in flags_present)) if flags_present
                        else "none" if denied or absent & set(red_flags) else None,
                        _evidence(ctx, red_flags) or (denied.group(0) if denied else None)))
    out.append(Question(q["conservative_care"], ctx.conservative_care_tried is not None,
                        None if ctx.conservative_care_tried is None else "yes" if ctx.conservative_care_tried else "no",
                        None))
    return out


RATING_TEXT = {"urgent": "URGENT: image now", "usually_appropriate": "Usually appropriate",
               "may_be_appropriate": "May be appropriate", "usually_not_appropriate": "Usually not appropriate"}


def render_indication(ind: Indication) -> str:
    lines = [f"Lumbar MRI: {RATING_TEXT[ind.rating]}", f"ACR variant: {ind.variant}"]
    lines += [f"Why: {r}" for r in ind.reasons]
    if ind.red_flags:
        lines.append("Red flags: " + ", ".join(f.replace("_", " ") for f in ind.red_flags))
    if ind.red_flags_absent:
        lines.append("Denied: " + ", ".join(f.replace("_", " ") for f in ind.red_flags_absent))
    lines.append("")
    lines.append("Before ordering, ask:")
    for q in ind.questions:
        mark = "x" if q.answered else " "
        answer = f" — {q.answer}" if q.answer else " — not stated"
        lines.append(f"  [{mark}] {q.question}{answer}")
    if ind.notes:
        lines.append("")
        lines += [f"Note: {n}" for n in ind.notes]
    return "\n".join(lines) + "\n"
