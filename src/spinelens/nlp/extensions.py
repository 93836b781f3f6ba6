"""Every custom ``Doc._`` / ``Span._`` attribute SpineLens uses, declared in one place.

Declared once at import (as medspaCy's ``_extensions.py``). A finding span's attributes
live in one ``FindingInfo`` per span, kept in ``doc.user_data`` and keyed by (start, end,
label): reading ``span._.side`` goes through a getter to it. SpineLens's own stages call
``info(span)`` directly, because each ``span._`` access costs ~1.7 µs and a report has
hundreds of them. Two labels on the same tokens (a disc-osteophyte complex is a bulge
and an osteophyte) keep separate attributes. ConText's own attributes (``is_negated``,
``is_uncertain`` ...) are declared by medspaCy itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from spacy.tokens import Doc, Span

# span groups and doc.user_data keys, each set by one stage (named) and read by later ones
RAW_GROUP = "spinelens_raw"  # targets: every lexicon match (plain Match objects; see relations.Match)
FINDINGS_GROUP = "spinelens_findings"  # relations: finding and symptom spans (doc.spans)
INFO_KEY = "spinelens_info"  # every stage: FindingInfo per finding span
TOKENS_KEY = "spinelens_tokens"  # spelling: plain token lists after spelling correction (tokens.Tokens)
SENTS_KEY = "spinelens_sents"  # sentences: (start, end) of the sentence of each token
SENT_SPANS_KEY = "spinelens_sent_spans"  # tokens.sent_of: the Span of each (start, end) statement
TEXT_KEY = "spinelens_text"  # tokenizer: the text the Doc was made from (doc.text)
SECTIONS_KEY = "spinelens_sections"  # sections: list of sections.SectionMark
STATEMENTS_KEY = "spinelens_statements"  # statements: None for a report; for a note, (start, end, role) per sentence
# statements: for a note's imaging sentence that goes on describing a study, the (start, end) of the
# sentence that named it ('MRI Brain revealed ... There were postoperative changes': the brain's)
STATEMENT_HEADS_KEY = "spinelens_statement_heads"
ATTRIBUTIONS_KEY = "spinelens_attributions"  # attribution: the physician's judgements (nlp/attribution.py)
OUT_OF_SCOPE_KEY = "spinelens_out_of_scope"  # extract: findings left out as outside the lumbar spine
SECTION_STARTS_KEY = "spinelens_section_starts"  # sections.section_at: their start offsets, for bisect
SPAN_LIST_KEY = "spinelens_span_list"  # finding_spans: the Span objects of FINDINGS_GROUP, per state of the group
WRAPPED_KEY = "spinelens_wrapped"  # analyze.read: the text was wrapped at a width (sentences.unwrap): its line breaks end statements


@dataclass
class FindingInfo:
    finding_type: str | None = None  # finding code from findings.md
    rule: str | None = None  # the lexicon rule that fired: "file:literal"
    relation: Span | None = None  # the relation word of an object-derived finding
    forced_certainty: str | None = None  # "absent" for "adequate spinal canal"-type statements; "possible": hedged
    levels: list[str | None] | None = None  # canonical levels (None = not stated)
    level_rule: str | None = None  # how the level was chosen (level_attach.py): sentence, header, list ...
    region: str | None = None  # cervical / thoracic / lumbar (level_attach.py); None: not said
    multilevel: bool = False  # "multilevel ...": also stated without a level
    side: str | None = None
    zone: str | None = None
    severity: str | None = None
    size_mm: float | None = None
    grade: int | None = None
    direction: str | None = None
    modic_type: int | None = None
    acuity: str | None = None
    pathologic: bool | None = None
    detail: str | None = None
    nerve_roots: list[dict[str, Any]] = field(default_factory=list)
    section: str | None = None  # normalised section name


# The FindingInfo of each Span object met lately, by id: the stages ask ~300 times per report, and
# the look-up through span.doc.user_data and the span's bounds was 1.3 µs of each. The entry holds
# its Span, so the id cannot be reused while it is here, and `is` confirms it is the same object.
# Emptied when a new Doc starts (tokenizer.py) and when it grows past a bound.
_RECENT: dict[int, tuple[Span, FindingInfo]] = {}


def info(span: Span) -> FindingInfo:
    """The attributes of a finding span (created empty on first use)."""
    hit = _RECENT.get(id(span))
    if hit is not None and hit[0] is span:
        return hit[1]
    store = span.doc.user_data.get(INFO_KEY)
    if store is None:
        store = span.doc.user_data[INFO_KEY] = {}
    key = (span.start, span.end, span.label)
    found = store.get(key)
    if found is None:
        found = store[key] = FindingInfo()
    if len(_RECENT) > 4096:
        _RECENT.clear()
    _RECENT[id(span)] = (span, found)
    return found


def forget_recent() -> None:
    """Let go of the last Doc's spans (called as a new Doc is made)."""
    _RECENT.clear()


def _span_lists(doc: Doc) -> tuple[list[Span], list[Span]]:
    group = doc.spans.get(FINDINGS_GROUP)
    if group is None:
        return [], []
    cached = doc.user_data.get(SPAN_LIST_KEY)
    if cached is not None and cached[0] is group and len(cached[1]) == len(group):
        return cached[1], cached[2]
    spans = list(group)
    findings = [s for s in spans if not s.label_.startswith("SYM_")]
    doc.user_data[SPAN_LIST_KEY] = (group, spans, findings)
    return spans, findings


def finding_spans(doc: Doc) -> list[Span]:
    """The spans of FINDINGS_GROUP (findings and symptoms), in group order. Read once while the group
    is the same (iterating a SpanGroup makes a new Span object per span, and every stage reads it);
    the list is shared: do not change it."""
    return _span_lists(doc)[0]


def finding_only_spans(doc: Doc) -> list[Span]:
    """finding_spans without the symptom spans (labels 'SYM_...'); shared too."""
    return _span_lists(doc)[1]


_DOC_EXTENSIONS: dict[str, object] = {
    "spinelens_levels": None,  # level_attach: list[LevelGroup], every level mention, grouped ("L4/L5 & L5/S1")
}


def _accessors(name: str):
    def getter(span: Span) -> Any:
        return getattr(info(span), name)

    def setter(span: Span, value: Any) -> None:
        setattr(info(span), name, value)

    return getter, setter


def register() -> None:
    for name, default in _DOC_EXTENSIONS.items():
        Doc.set_extension(name, default=default, force=True)
    for f in fields(FindingInfo):
        getter, setter = _accessors(f.name)
        Span.set_extension(f.name, getter=getter, setter=setter, force=True)


register()
