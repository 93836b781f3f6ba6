"""The result model: plain dataclasses in the shape of shared/spec/result.schema.json, the
orders and labels every layer shares, and plain descriptions. No spaCy here: correlation and
output formats import this module only."""

from __future__ import annotations

from collections.abc import Iterable
from copy import deepcopy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

# the sections that make a text a clinical note rather than a radiology report (nlp/statements.py);
# a result whose sections include one is a note, and a note recounts the patient's history
NOTE_SECTIONS = frozenset({"note_history", "physical_exam", "note_assessment", "plan", "procedure", "course", "family"})



def is_note_categories(categories: Iterable[str | None]) -> bool:
    """Sections that make a text a clinical note: a note's own section. RECOMMENDATIONS is not one: a
    radiology report may end with it (read as a note, a report's impression would go unread; a consult
    note is known by its other sections or its prose, nlp/statements.py)."""
    return bool(set(categories) & NOTE_SECTIONS)


SCHEMA_VERSION = "1"
CERTAINTY_RANK = {"absent": 0, "possible": 1, "present": 2}
SEVERITY_ORDER = ["minimal", "mild", "mild-moderate", "moderate", "moderate-severe", "severe"]
# The correlation categories, in the order a clinician reads them (red flags first), with plain labels.
CATEGORIES = {"red_flag": "red flag", "concordant": "concordant", "possibly_concordant": "possibly concordant",
              "discordant": "discordant", "likely_incidental": "likely incidental", "indeterminate": "indeterminate"}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    section: str | None = None
    rule: str | None = None  # evidence: the lexicon rule that fired ("findings/disc_protrusion:protrusion")
    certainty: str = "present"
    level_rule: str | None = None  # how the finding's level was chosen (nlp/level_attach.py)


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


# a fracture's Finding.detail when its report leaves a pathological cause open ('... could not be excluded')
CAUSE_OPEN = "a pathological cause is not excluded"


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
        out = plain(self)
        for f in out["findings"]:
            if f["assessment"] is None:
                del f["assessment"]
        return out



_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_ATOMS = (str, int, float, bool, type(None))


def plain(obj: Any) -> Any:
    """dataclasses.asdict, the same dicts, lists and tuples of copied values, without its per-value
    deepcopy of strings and numbers: asdict took a fifth of a batch run's time."""
    cls = type(obj)
    if cls in _ATOMS:
        return obj
    names = _FIELD_NAMES.get(cls)
    if names is None and is_dataclass(cls):
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    if names is not None:
        return {name: plain(getattr(obj, name)) for name in names}
    if cls is list:
        return [plain(v) for v in obj]
    if cls is dict:
        return {plain(k): plain(v) for k, v in obj.items()}
    if cls is tuple:
        return tuple(plain(v) for v in obj)
    return deepcopy(obj)  # anything else, as asdict would


def describe(f: Finding) -> str:
    """'left paracentral L4-L5 disc protrusion': the words reasons and summaries name a finding by."""
    words = [f.side if f.side in ("left", "right") else "", f.zone if f.zone in ("paracentral", "foraminal",
             "extraforaminal", "central") else "", f.level or "", f.type.replace("_", " ")]
    return " ".join(w for w in words if w)


def describe_symptom(s: Symptom) -> str:
    side = f"{s.side} " if s.side else ""
    roots = f" ({', '.join(s.roots)})" if s.roots else ""
    return f"{side}{s.type.replace('_', ' ')}{roots}"


@dataclass
class Attribution:
    """A physician's own judgement of a finding (nlp/attribution.py): "explains" the symptoms or
    "does_not_explain" them; levels [None] when the statement names none; the sentence's text."""

    type: str
    levels: list[str | None]
    judgement: str
    text: str
    phrase: str
    # "named": the statement names the finding; "level": a level alone named as the source ('claudication from L4/5');
    # "report": a radiologist's judgement in a report's impression or discussion
    how: str = "named"


@dataclass
class Extracted:
    """What one analysed text says, as plain data (extract.py): what correlation and the
    clinical context read, with no spaCy object."""

    text: str
    findings: list[Finding]
    sections: list[Section]
    symptoms: list[Symptom]  # one per mention; a mention's section says where it was read
    history: str  # the clinical-history sections' text (a note's whole text)
    note: bool = False  # a clinical note: findings from imaging statements, symptoms from the rest
    out_of_scope: int = 0  # findings left out as cervical or mid-thoracic (red flags are kept)
    attributions: list[Attribution] = field(default_factory=list)  # the physician's judgements
