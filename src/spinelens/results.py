"""Result dataclasses, and the pure step from an annotated Doc to a Result.

Everything after ``doc_to_findings`` is plain Python: correlation and output formats
never touch spaCy.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from ._extensions import info
from .components import FINDINGS_GROUP, doc_text
from .levels import root_at
from .lexicon import load_table

SCHEMA_VERSION = "1"
CERTAINTY_RANK = {"absent": 0, "possible": 1, "present": 2}
SEVERITY_ORDER = ["minimal", "mild", "mild-moderate", "moderate", "moderate-severe", "severe"]
# Sections whose text is not read for findings: what was asked, how, and compared with what.
NON_FINDING_SECTIONS = {"exam", "history", "technique", "comparison"}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    section: str | None = None
    rule: str | None = None  # evidence: the lexicon rule that fired ("disc:protrusion")
    certainty: str = "present"


@dataclass
class NerveRoot:
    root: str
    side: str | None = None
    relation: str | None = None


@dataclass
class Prevalence:
    percent: float
    age: float
    source: str


@dataclass
class Assessment:
    category: str | None
    reasons: list[str] = field(default_factory=list)
    asymptomatic_prevalence: Prevalence | None = None


@dataclass
class Finding:
    type: str
    level: str | None
    side: str | None
    certainty: str
    mentions: list[Mention]
    zone: str | None = None
    severity: str | None = None
    size_mm: float | None = None
    modic_type: int | None = None
    grade: int | None = None
    direction: str | None = None
    acuity: str | None = None
    pathologic: bool | None = None
    detail: str | None = None
    nerve_roots: list[NerveRoot] = field(default_factory=list)
    assessment: Assessment | None = None
    id: str = ""

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        return (self.type, self.level, self.side)


@dataclass
class Symptom:
    type: str
    certainty: str
    side: str | None = None
    roots: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    below_knee: bool = False


@dataclass
class ClinicalContext:
    age: float | None = None
    sex: str | None = None
    source: str = "none"
    duration_weeks: float | None = None
    course: str | None = None
    conservative_care_tried: bool | None = None
    symptoms: list[Symptom] = field(default_factory=list)


@dataclass
class Section:
    name: str
    start: int
    end: int


@dataclass
class Summary:
    headline: str
    red_flags: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Result:
    findings: list[Finding]
    clinical: ClinicalContext
    summary: Summary
    warnings: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    id: str | None = None
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict in the shape of shared/spec/result.schema.json."""
        out = asdict(self)
        for f in out["findings"]:
            if f["assessment"] is None:
                del f["assessment"]
        return out


# ---------------------------------------------------------------- Doc -> Result


def certainty_of(span: Span) -> str:
    if info(span).forced_certainty == "absent" or getattr(span._, "is_negated", False):
        return "absent"
    if getattr(span._, "is_uncertain", False) or getattr(span._, "is_hypothetical", False):
        return "possible"
    return "present"


def _out_of_scope(level: str | None) -> bool:
    """Cervical and mid-thoracic levels are outside a lumbar report's scope."""
    if level is None:
        return False
    top = level.split("-")[0]
    return top.startswith("C") or (top.startswith("T") and int(top[1:]) < 10)


def mention_of(doc: Doc, span: Span, certainty: str) -> Mention:
    fi = info(span)
    start, end = span.start_char, span.end_char
    rel = fi.relation
    if rel is not None and abs(rel.start - span.start) <= 6:
        start, end = min(start, rel.start_char), max(end, rel.end_char)
    return Mention(start=start, end=end, text=doc_text(doc)[start:end], section=fi.section,
                   rule=fi.rule, certainty=certainty)


def doc_to_findings(doc: Doc) -> list[Finding]:
    """One Finding per (type, level, side), mentions merged as findings.md says."""
    red_flags = set(load_table("attributes")["red_flag_types"])
    merged: dict[tuple[str, str | None, str | None], Finding] = {}
    order: list[tuple[str, str | None, str | None]] = []
    spans = doc.spans[FINDINGS_GROUP] if FINDINGS_GROUP in doc.spans else []
    for span in spans:
        if span.label_.startswith("SYM_"):
            continue  # symptoms: see clinical.py
        fi = info(span)
        if fi.section in NON_FINDING_SECTIONS:
            continue
        if fi.section == "other_region" and span.label_ not in red_flags:
            continue  # a cervical or thoracic study in the same report
        certainty = certainty_of(span)
        mention = mention_of(doc, span, certainty)
        levels = fi.levels or [None]
        ftype = span.label_
        for level in dict.fromkeys(levels):
            if _out_of_scope(level):
                if ftype not in red_flags:
                    continue
                level = None
            roots = [NerveRoot(**r) for r in (fi.nerve_roots or []) if r.get("root")]
            if len(levels) > 1 and roots:
                roots = _roots_for_level(span, level)
            finding = Finding(
                type=ftype, level=level, side=fi.side, certainty=certainty, mentions=[mention],
                zone=fi.zone, severity=fi.severity if certainty != "absent" else None, size_mm=fi.size_mm,
                modic_type=fi.modic_type, grade=fi.grade, direction=fi.direction, acuity=fi.acuity,
                pathologic=fi.pathologic, detail=fi.detail, nerve_roots=roots,
            )
            key = finding.key
            if key in merged:
                _merge(merged[key], finding)
            else:
                merged[key] = finding
                order.append(key)
    findings = [merged[k] for k in order]
    for i, f in enumerate(findings, 1):
        f.id = f"f{i}"
    return findings


def _roots_for_level(span: Span, level: str | None) -> list[NerveRoot]:
    """Re-infer roots for each level of a multi-level statement ('L4/L5 & L5/S1 ... exit roots')."""
    out = []
    for r in info(span).nerve_roots or []:
        relation = r.get("relation")
        root = r.get("root")
        if relation and level and "-" in level:
            root = root_at(level, relation)
        if root:
            out.append(NerveRoot(root=root, side=r.get("side"), relation=relation))
    return out


def _merge(into: Finding, other: Finding) -> None:
    into.mentions.extend(other.mentions)
    if CERTAINTY_RANK[other.certainty] > CERTAINTY_RANK[into.certainty]:
        into.certainty = other.certainty
    if other.severity and (into.severity is None
                           or SEVERITY_ORDER.index(other.severity) > SEVERITY_ORDER.index(into.severity)):
        into.severity = other.severity
    zones = [z for z in (into.zone, other.zone) if z]
    if zones:
        priority = load_table("attributes")["zone_priority"]
        into.zone = min(zones, key=priority.index)
    seen = {(r.root, r.side, r.relation) for r in into.nerve_roots}
    into.nerve_roots.extend(r for r in other.nerve_roots if (r.root, r.side, r.relation) not in seen)
    for attr in ("size_mm", "modic_type", "grade", "direction", "acuity", "pathologic", "detail"):
        if getattr(into, attr) is None:
            setattr(into, attr, getattr(other, attr))


def doc_sections(doc: Doc) -> list[Section]:
    from .components import sections_of

    return [Section(name=m.category, start=m.start, end=m.end) for m in sections_of(doc)]
