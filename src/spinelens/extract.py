"""The pure step from an annotated Doc to plain data (findings, sections, symptoms, history):
the Doc goes no further than this module. Mentions of one (type, level, side) merge into one
finding as findings.md says:

    what differs between mentions   which wins
    certainty                       the surest: present > possible > absent
    severity                        the most severe
    zone                            the first in attributes.json 'zone_priority'
    nerve roots                     the union
    size, grade, Modic type, ...    the first stated
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from .levels import root_at
from .lexicon import anaphor_rules, load_context, load_discourse_patterns, load_table, load_target_rules, types_where
from .model import (
    CERTAINTY_RANK,
    SEVERITY_ORDER,
    Attribution,
    Extracted,
    Finding,
    Mention,
    NerveRoot,
    Section,
    Symptom,
)
from .nlp.attribution import attributions
from .nlp.extensions import OUT_OF_SCOPE_KEY, STATEMENTS_KEY, finding_spans, info
from .nlp.level_attach import EXCEPTION, region_of_level
from .nlp.sections import section_at, sections_of
from .nlp.tokens import doc_text, sent_of, toks

# Sections whose text is not read for findings: what was asked, how, compared with what, and what to do next.
# (a teaching file's discussion speaks of the disease in general, not of this patient)
NON_FINDING_SECTIONS = {"exam", "history", "technique", "comparison", "recommendation", "discussion"}


def extract(doc: Doc) -> Extracted:
    """Everything later steps need from an analysed Doc, as plain dataclasses."""
    note = is_note_doc(doc)
    findings = doc_to_findings(doc)
    return Extracted(text=doc_text(doc), findings=findings, sections=doc_sections(doc),
                     symptoms=doc_symptoms(doc), history=doc_text(doc) if note else history_text(doc), note=note,
                     out_of_scope=doc.user_data.get(OUT_OF_SCOPE_KEY, 0), attributions=doc_attributions(doc))


def doc_attributions(doc: Doc) -> list[Attribution]:
    """The physician's judgements, each with its sentence (white space folded)."""
    text = doc_text(doc)
    return [Attribution(type=t, levels=lv, judgement="explains" if j == "EXPLAINS" else "does_not_explain",
                        text=" ".join(text[a:b].split()), phrase=phrase, how=how)
            for t, lv, j, a, b, phrase, how in attributions(doc)]


def is_note_doc(doc: Doc) -> bool:
    """A clinical note (nlp/statements.py), not a radiology report."""
    return doc.user_data.get(STATEMENTS_KEY) is not None


def certainty_of(span: Span) -> str:
    ext = span._  # one Underscore object (span._ makes a new one on every access)
    forced = info(span).forced_certainty
    if forced == "absent" or getattr(ext, "is_negated", False):
        return "absent"
    if forced == "possible" or getattr(ext, "is_uncertain", False) or getattr(ext, "is_hypothetical", False):
        return "possible"  # forced: a hedge between a structure and its verb ('the cauda equina may be compressed')
    return "present"


def _out_of_scope(level: str | None, region: str | None) -> bool:
    """Cervical and mid-thoracic findings are outside a lumbar report's scope (annotation.md)."""
    if level is None:
        return region in ("cervical", "thoracic", "other")
    return region_of_level(level) != "lumbar"


def mention_of(doc: Doc, span: Span, certainty: str) -> Mention:
    fi = info(span)
    start, end = span.start_char, span.end_char
    rel = fi.relation
    if rel is not None and abs(rel.start - span.start) <= 6:
        start, end = min(start, rel.start_char), max(end, rel.end_char)
    return Mention(start=start, end=end, text=doc_text(doc)[start:end], section=fi.section,
                   rule=fi.rule, certainty=certainty, level_rule=fi.level_rule)


def _in_title(doc: Doc, char: int) -> bool:
    sec = section_at(doc, char)
    return sec is not None and sec.start <= char < sec.title_end


def doc_to_findings(doc: Doc) -> list[Finding]:
    """One Finding per (type, level, side), mentions merged as findings.md says."""
    red_flags = types_where(red_flag=True)
    operations = types_where(group="postoperative")
    merged: dict[tuple[str, str | None, str | None], Finding] = {}
    order: list[tuple[str, str | None, str | None]] = []
    spans = finding_spans(doc)
    note = is_note_doc(doc)
    out_of_scope = 0
    # a word that refers back to a finding stated before it ('Further lesions at T11 and L2' after 'osseous
    # metastases'): read after the rest, only where its antecedent stands
    anaphors = [s for s in spans if info(s).rule in _ANAPHORS]
    for span in [s for s in spans if info(s).rule not in _ANAPHORS] + anaphors if anaphors else spans:
        if span.label_.startswith("SYM_"):
            continue  # symptoms: see clinical.py
        fi = info(span)
        if _in_title(doc, span.start_char):
            continue  # 'POSTOPERATIVE DIAGNOSIS:', 'FRACTURE PROTOCOL:' name a section, not a finding
        if (fi.section != "imaging") if note else (fi.section in NON_FINDING_SECTIONS) and not (
                fi.section == "discussion" and span.label_ in red_flags):
            continue  # a note's findings come from its imaging statements only (a red flag in a report's
            # discussion is still read: a possible one costs a look, a missed one more)
        if fi.section == "other_region" and span.label_ not in red_flags:
            out_of_scope += 1
            continue  # a cervical or thoracic study in the same report
        modifiers = getattr(span._, "modifiers", ())
        if any(m.category == "FAMILY" and m.rule.literal in _RELATIVE_HAS for m in modifiers):
            continue  # 'her mother had a spinal metastasis': a relative's finding is not the patient's
        if span.label_ in _READ_AS_OTHER and _read_as_other(doc, span, spans):
            continue  # 'a mass anterior to the vertebrae ... consistent with infection': the mass is the infection
        if span.label_ == "marrow_abnormality" and _named_cause(doc, span, spans):
            continue  # 'an acute L1 fracture with marrow oedema': the oedema is the fracture's (findings.md: no named cause)
        if any(_in_condition(doc, m, span) for m in modifiers if (m.rule.metadata or {}).get("conditional")):
            continue  # 'recommend correlation if clinical concern for infection persists': a condition, not a finding
        if span.label_ in operations and getattr(span._, "is_hypothetical", False):
            continue  # 'it was decided to do an instrumentation': a planned operation has left no change yet
        certainty = certainty_of(span)
        if certainty == "absent" and fi.rule in _ABSENT_SAYS_NOTHING:
            continue  # 'no retropulsion' describes a fracture; it does not deny one
        if fi.rule in _ANAPHORS:
            certainty = _antecedent_certainty(doc, span, spans, merged.values(), certainty)
            if certainty is None:
                continue
        mention = mention_of(doc, span, certainty)
        levels = fi.levels or [None]
        if span.label_ == "cord_abnormality" and certainty == "absent" and levels != [None] and (where := _CONUS_POSITION.search(
                doc_text(doc), (st := sent_of(doc, span.start)).start_char, st.end_char)) is not None:
            # 'Conus normal at L1', 'The conus is at L1; no tethered cord': where it ends is no finding's level (not
            # 'Conus normal at L1, no cord compression at T12')
            levels = [None if lv and lv.split("-")[0].upper() == where["level"].upper() else lv for lv in levels]
        ftype = "disc_height_loss" if span.label_ == "fracture" and _disc_not_body(doc, span) else span.label_
        for level in dict.fromkeys(levels):
            if level is None and fi.region == "other" and ftype not in _BESIDE_SPINE and ftype not in _SPINAL_BY_NAME:
                out_of_scope += 1
                continue  # 'X-rays of the right knee demonstrate a healed fracture': not the spine at all
            if _out_of_scope(level, fi.region) and ftype not in red_flags and ftype not in _BESIDE_SPINE:
                # a red flag is never left out: a possible spine red flag costs a look, a missed one more
                out_of_scope += 1
                continue  # red-flag pathology keeps its own level anywhere in the spine
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
    doc.user_data[OUT_OF_SCOPE_KEY] = out_of_scope
    findings = [merged[k] for k in order]
    if any(f.type == "fracture" and f.certainty != "absent" for f in findings):
        # 'T12 wedge deformity. Not suspicious for a pathological fracture.': the denial is of the cause, not of
        # the fracture the report describes
        findings = [f for f in findings if not (f.type == "fracture" and f.certainty == "absent" and f.level is None
                                                and f.pathologic is False)]
    # 'with collapse' is a vertebra's only after a tumour named at its level ('T9 deposit with collapse'; not 'L5/S1 disc
    # with near-complete collapse', a disc's height)
    tumours = {f.level for f in findings if f.type == "neoplasm" and f.certainty != "absent"}
    findings = [f for f in findings if not (f.type == "fracture" and f.certainty != "absent" and f.level not in tumours
                                            and all((m.rule or "").endswith(_COLLAPSE_RULE) for m in f.mentions))]
    findings = _marrow_of_disease(findings, doc_text(doc))
    for i, f in enumerate(findings, 1):
        f.id = f"f{i}"
    return findings


# a tumour or collection that is no cause of a vertebra's marrow signal; an infection of the bone (lexicons/discourse.json)
_NOT_IN_BONE, _BONE_INFECTION, _FRACTURE_OEDEMA, _MARROW_LESION, _CONUS_POSITION, _OEDEMA_ELSEWHERE = (
    load_discourse_patterns()[n] for n in ("not_in_bone", "bone_infection", "fracture_oedema", "marrow_lesion",
                                            "conus_position", "oedema_elsewhere"))


_COLLAPSE_RULE = ":deposit with collapse"  # (lexicons/findings/fracture.json)
_VERTEBRA = load_discourse_patterns()["vertebra_named"]  # a vertebra the oedema's statement names (not 'T1 hypointense')


def _statement_end(text: str, pos: int) -> int:
    end = min((i for i in (text.find(".", pos), text.find(";", pos), text.find("\n", pos)) if i >= 0), default=len(text))
    return end


def _fracture_just_before(f: Finding, fractures: dict[str, Finding], text: str) -> Finding | None:
    """The one fracture named in the statement right before a levelless marrow oedema, when the oedema's words tell of
    nothing more and name no vertebra."""
    for m in f.mentions:
        oedema = _FRACTURE_OEDEMA.match(text, m.start)
        if oedema is None or _MARROW_LESION.match(text, m.start) or _OEDEMA_ELSEWHERE.match(text, m.start) \
                or _VERTEBRA.search(text, m.start, _statement_end(text, oedema.end())):
            return None
    first = min(m.start for m in f.mentions)
    near = [g for g in fractures.values() if any(0 < first - n.end < 160 and "." in text[n.end:first]
                                                   and text[n.end:first].count(".") == 1 for n in g.mentions)]
    return near[0] if len(near) == 1 else None


def _marrow_of_disease(findings: list[Finding], text: str) -> list[Finding]:
    """Marrow signal at a vertebra where the report names a tumour or an infection present ('The L2 vertebral body
    is diffusely infiltrated' ... 'metastatic disease involving T4, T7 and L2'; 'L2-3 discitis' and oedema in L3) is
    that disease's (findings.md: marrow_abnormality has no named cause): its words join that finding's evidence.
    A hedged disease names no cause ('L2 marrow replacement ... query myeloma' keeps the marrow finding). So is
    marrow oedema at a vertebra with a fracture stated present ('acute T12 compression fracture ... diffuse marrow
    oedema on STIR'), unless its words tell of more ('oedema and enhancement of the remaining marrow')."""
    diseases = [f for f in findings if f.type in ("neoplasm", "infection") and f.certainty == "present" and f.level
                and not any(_NOT_IN_BONE.search(m.text) for m in f.mentions)  # (not 'intradural schwannoma at L2')
                and (f.type == "neoplasm" or any(_BONE_INFECTION.search(m.text) for m in f.mentions))]
    fractures = {f.level: f for f in findings if f.type == "fracture" and f.certainty == "present" and f.level
                 and f.acuity != "chronic"}  # (oedema in an old fracture is a sign of its own: not healed)
    marrow_levels: dict[int, set[str | None]] = {}  # the vertebrae each marrow statement names
    for f in findings:
        if f.type == "marrow_abnormality":
            for m in f.mentions:
                marrow_levels.setdefault(m.start, set()).add(f.level)
    out = []
    for f in findings:
        owner = None
        if f.type == "marrow_abnormality" and f.certainty == "present" and (f.level is None or "-" not in f.level):
            owner = next((d for d in diseases if d.level == f.level or d.type == "infection" and "-" in d.level
                          and f.level in d.level.split("-")), None)
            if owner is None and f.level is None and f.certainty == "present" and fractures:
                owner = _fracture_just_before(f, fractures, text)  # 'acute compression fracture of L1 ... Band-like marrow
                # edema on STIR parallels the superior endplate.': the oedema of the fracture the statement before named
            if owner is None and f.level in fractures and all(
                    (oedema := _FRACTURE_OEDEMA.match(text, m.start)) and not _MARROW_LESION.match(text, m.start)
                    and marrow_levels[m.start] <= fractures.keys()
                    and set(_VERTEBRA.findall(text, m.start, _statement_end(text, oedema.end()))) <= fractures.keys()
                    for m in f.mentions):
                owner = fractures[f.level]  # (not oedema over vertebrae that did not break: 'Patchy marrow oedema
                # in T12, L1 and L2 with a mild superior endplate fracture of L1')
        if owner is None:
            out.append(f)
        else:
            owner.mentions.extend(f.mentions)
    return out


# findings of what lies beside the spine: the pelvis or kidney words of their statement do not take them out of scope
# ('bilateral sacroiliitis: marrow oedema on both sides of both sacroiliac joints, with erosions on the iliac side')
_BESIDE_SPINE = {"extraspinal_finding", "sacroiliitis"}
# ... and findings whose own word is the spine's ('Cord infarct, presumably related to the recent aortic surgery':
# the aorta's word does not take the cord out of the spine)
_SPINAL_BY_NAME = {"cord_abnormality", "cauda_equina_compression"}

def _in_condition(doc: Doc, modifier: Any, span: Span) -> bool:
    """The finding is the subject of an 'if' or 'should' clause about the referrer's suspicion or the
    patient's history ('recommend correlation if clinical concern for infection persists', 'If there is a
    known primary malignancy, ...'), with no comma, ';' or 'then' between the cue and it ('If there is
    clinical concern for infection, the L3 lesion ...': the lesion is not conditional). Any other condition
    or question ('It is unclear whether there is cord compression at T11', 'If there is cord compression
    it is mild') leaves the finding possible."""
    start, end = modifier.modifier_span
    if start >= span.start:
        return False
    norms = toks(doc).norms
    clause = norms[start:span.start]
    # (the rule's metadata 'conditional' names the words of a condition on the referrer's view or the patient's
    # past: 'if clinical concern', 'if known primary'; lexicons/context.json)
    return clause[0] in ("if", "should") and not {",", ";", "then"} & set(norms[end:span.start]) \
        and not set(modifier.rule.metadata["conditional"]).isdisjoint(clause)


# words that refer back to a finding stated before them ('further lesions', 'the C4 lesion'): lexicons, metadata anaphor
_ANAPHORS = anaphor_rules()
# what a lesion in the same statement may be instead ('A further lesion at L2 is a typical haemangioma')
_BENIGN = {"hemangioma", "schmorl_node", "perineural_cyst", "synovial_cyst", "modic_change"}
# ... and the lesions other than a tumour that 'further lesions' may go on from
_OTHER_LESIONS = _BENIGN | {"infection", "spondylolysis"}
_BENIGN_WORDS = load_discourse_patterns()["benign_named"]
_GONE = load_discourse_patterns()["gone"]  # a finding said to have gone ('complete disappearance of the L1 deposit')


def _antecedent_certainty(doc: Doc, span: Span, spans: list[Span], found: Any, own: str) -> str | None:
    """The certainty of an anaphor ('Further lesions at T11 and L2', 'The previously noted C4 lesion is
    stable'): none without a finding of its type stated present or possible before it ('No suspicious lesion.
    The L2 lesion is a haemangioma' names no tumour), none beside a benign finding in its own statement, else
    its own certainty but never surer than its antecedent's ('suspicious for metastases ... further lesions at
    T11': possible). Not where its own statement names its type or a benign one ('A lesion in T8 is suspicious
    for metastasis', 'A further lesion at L2 is a typical haemangioma')."""
    before = [f.certainty for f in found if f.type == span.label_ and f.certainty != "absent"
              and any(m.start < span.start_char for m in f.mentions)]
    text = doc_text(doc)
    if not before and any(f.type == span.label_ and any(m.start < span.start_char and _GONE.search(
            text, max(0, m.start - 60), min(len(text), m.end + 40)) for m in f.mentions) for f in found):
        before = ["present"]  # a tumour that has gone was one: 'Complete disappearance of the L1 deposit. New lesions in
        # L3 and L4' (restaging: the new ones are stated as they are)
    if not before or own != "absent" and not any(info(span).levels or []):
        return None  # (stated with no level it adds nothing: 'further lesions are seen'; denied it does: 'no further
        # lesions')
    if _ANAPHORS[info(span).rule] == "nearest":
        earlier = [s for s in spans if s.start_char < span.start_char and not s.label_.startswith("SYM_")
                   and info(s).rule not in _ANAPHORS]
        if not earlier or earlier[-1].label_ != span.label_ or certainty_of(earlier[-1]) == "absent":
            return None
    sent = sent_of(doc, span.start)
    named_here = {lv for s in spans if sent.start <= s.start < span.start and s.label_ == span.label_
                  and info(s).rule not in _ANAPHORS for lv in info(s).levels or []}
    if named_here and set(info(span).levels or []) <= named_here:
        return None  # (the levels its statement gave the tumour already: 'Metastatic deposits in T10 and L2, and a
        # further lesion in the left iliac bone' places nothing new)
    if any(sent.start <= s.start < sent.end and (s.label_ in _BENIGN or s.label_ == span.label_ and s.start >= span.end
                                                 and info(s).rule not in _ANAPHORS) for s in spans) \
            or _BENIGN_WORDS.search(text, sent.start_char, sent.end_char):
        return None  # (its statement names what it is: 'A lesion in T8 is also suspicious for metastasis', 'Other
        # lesions at L4 and L5 are degenerative', 'Further lesions at the L4 and L5 endplates'; a tumour named before
        # it is its antecedent: 'Focal deposits in L1 and L3, and a larger lesion in the right sacral ala')
    # 'further' / 'other' refers to the lesion named last: not a tumour's after a cyst's ('Metastasis L2. Perineural
    # cyst at S2. Further lesions at S1 and S3.')
    named = [(m.start, f.type) for f in found if f.type == span.label_ or f.type in _OTHER_LESIONS
             for m in f.mentions if m.start < span.start_char]
    if named and max(named)[1] != span.label_:
        return None
    surest = max(before, key=CERTAINTY_RANK.__getitem__)
    return min(own, surest, key=CERTAINTY_RANK.__getitem__)


# rules whose word denied says nothing of the finding ('no retropulsion'): lexicons, metadata absent_says_nothing
_ABSENT_SAYS_NOTHING = {f"{file}:{r['literal']}" for file, r in load_target_rules()
                        if (r.get("metadata") or {}).get("absent_says_nothing")}

# the cues that say a relative had something ('family history of', 'mother had'): lexicons/context.json's
# family rules open to every type; a relative merely named near a finding ('discussed with her son:
# L3 metastasis') leaves it the patient's
_RELATIVE_HAS = {r["literal"] for r in load_context()["rules"]
                 if r["category"] == "FAMILY" and "allowed_types" not in r}

# a generic lesion word or a signal change, which its statement may go on to name as a disease
_READ_AS_OTHER: dict[str, set[str]] = {
    "neoplasm": {"infection", "synovial_cyst", "perineural_cyst", "extraspinal_finding", "disc_extrusion",
                 "disc_sequestration", "disc_herniation", "disc_protrusion", "disc_bulge", "osteophyte", "hemangioma"},
    # 'likely represents a hemangioma', 'consistent with sacral insufficiency fractures': the cause is named
    # (findings.md: marrow_abnormality is marrow change without a named cause)
    "marrow_abnormality": {"infection", "neoplasm", "hemangioma", "fracture", "modic_change", "sacroiliitis"},
}
_GENERIC_LESION = {"findings/neoplasm:mass", "findings/neoplasm:lesion with epidural extension",
                   "findings/neoplasm:marrow replacing lesion"}  # ('Marrow replacing lesion in L2, likely a haemangioma')
# the words that read it so, and what stops them (lexicons/discourse.json)
_READ_AS, _NOT_READ_AS, _OTHER_THING = (load_discourse_patterns()[n] for n in ("read_as", "not_read_as", "other_thing"))


def _read_as_other(doc: Doc, span: Span, spans: list[Span]) -> bool:
    """A 'mass' that its own statement reads as an infection or a collection ('mass ... consistent
    with infection', 'a mass representing an abscess') is that, not a tumour; a tumour named too
    ('consistent with abscess or metastasis') keeps it. Marrow oedema read as the disease beside it
    ('marrow edema in L3 and L4, consistent with discitis-osteomyelitis') is that disease."""
    kind = span.label_
    if kind == "neoplasm" and info(span).rule not in _GENERIC_LESION:
        return False
    sent = sent_of(doc, span.start)
    text = doc_text(doc)
    cue = _READ_AS.search(text, span.end_char, min(sent.end_char, span.end_char + 160))
    if cue is None or _NOT_READ_AS.search(text, max(span.end_char, cue.start() - 12), cue.start()):
        return False  # 'which does not represent an abscess'
    other = _OTHER_THING.search(text, span.end_char, cue.start())
    if other is not None and (";" in other.group() or _LEVEL_WORD.search(text, other.end(), cue.start())
                              or any(other.end() <= s.start_char < cue.start() for s in spans)):
        return False  # 'and a fluid collection at L5 consistent with ...' reads the collection (not 'and a corduroy
        # trabecular pattern, consistent with a typical haemangioma': a description of the same lesion)
    after = [s for s in spans if cue.end() <= s.start_char < sent.end_char]
    if not after:
        return False
    named = after[0]  # what the cue reads the lesion as: the finding right after it, not denied
    if certainty_of(named) == "absent" or named.start_char - cue.end() > 40:
        return False  # 'a mass which does not represent an abscess' is still a mass
    # a tumour named too keeps it ('consistent with abscess or metastasis'); one denied does not ('no neoplasm')
    rest = {s.label_ for s in after if certainty_of(s) != "absent"}
    return kind not in rest and named.label_ in _READ_AS_OTHER[kind]


_LEVEL_WORD = re.compile(r"\b[CTLS]\d{1,2}\b")  # another thing placed at its own level ('a fluid collection at L5')
# what marrow signal may be part of, named with it in one clause
_CAUSES = {"fracture", "sacroiliitis", "infection", "modic_change", "schmorl_node", "spondylolysis"}  # (an acute Schmorl's node's oedema too; an active pars stress fracture's)
_WITH_CAUSE = re.compile(r"^[^.;]{0,40}?\b(?:with|and associated|associated|showing|demonstrating|and)\b[^.;]{0,70}$", re.I)
# marrow signal that says more than a fracture's oedema: infiltration, replacement, enhancement, the posterior elements
_BEYOND_OEDEMA = re.compile(r"\b(?:enhanc\w*|infiltrat\w*|replac\w*|posterior elements?|pedicles?|t1 hypointens\w*|"
                            r"low t1|diffuse(?:ly)? low)\b", re.I)
_WITH_AFTER = re.compile(r"^[^.;]{0,70}?\bwith\b[^.;,]{0,30}$", re.I)  # the cause joined after it by 'with'
_FROM_CAUSE = re.compile(r"^[^.;]{0,25}?\b(?:due to|from|related to|secondary to|caused by|of)\b[^.;,]{0,25}$", re.I)


# 'loss of height' with no vertebra named, said of a disc ('disc desiccation and mild loss of height')
_BARE_HEIGHT_LOSS = re.compile(r"(?:loss|reduction|decrease|diminution) of (?:the )?height", re.I)
_DISC_BEFORE = re.compile(r"\b(?:dis[ck]s?|desiccat\w*|dessicat\w*|degenerat\w*|dehydrat\w*|interspace)\b", re.I)
_BODY_BEFORE = re.compile(r"\b(?:vertebra\w*|bod(?:y|ies)|fractur\w*|wedg\w*|compression|collapse\w*|endplates?|"
                          r"plana|[ctl]\d{1,2}\b(?![-/]))", re.I)


def _disc_not_body(doc: Doc, span: Span) -> bool:
    """'L5-S1: Disc desiccation and loss of height': the height lost is the disc's, not a vertebra's (a
    fracture): a bare 'loss of height' whose clause names a disc and no vertebral body."""
    text = doc_text(doc)
    if not _BARE_HEIGHT_LOSS.fullmatch(text[span.start_char:span.end_char]):
        return False
    sent = sent_of(doc, span.start)
    lo = max(sent.start_char, span.start_char - 80, text.rfind(";", sent.start_char, span.start_char) + 1)
    before = text[lo:span.start_char]
    discs = list(_DISC_BEFORE.finditer(before))
    return bool(discs) and not _BODY_BEFORE.search(before, discs[-1].end())  # no vertebra after the disc word


def _named_cause(doc: Doc, span: Span, spans: list[Span]) -> bool:
    """Marrow oedema its clause gives a cause ('acute compression fracture of L1 with marrow oedema',
    'sacroiliitis with bone marrow edema', 'marrow edema due to the fracture'): part of that finding."""
    if certainty_of(span) == "absent":
        return False  # 'a fracture with no marrow oedema' still says there is none
    text = doc_text(doc)
    sent = sent_of(doc, span.start)
    # 'with edema and enhancement of the remaining marrow into the posterior elements': more than a fracture's oedema
    # (not more than a pars stress fracture's, whose oedema reaches the pedicle)
    beyond = _BEYOND_OEDEMA.search(text, max(sent.start_char, span.start_char - 40), min(sent.end_char, span.end_char + 60))
    for other in spans:
        if other.label_ not in _CAUSES or not sent.start <= other.start < sent.end or certainty_of(other) == "absent":
            continue
        if beyond and other.label_ != "spondylolysis":
            continue
        if other.label_ == "fracture" and info(other).acuity == "chronic":
            continue  # 'chronic L1 fracture with new marrow oedema': oedema in an old fracture is news of its own
        mine, its = set(info(span).levels or []) - {None}, set(info(other).levels or []) - {None}
        if mine and its and not mine & its and not any(lv in b for lv in mine for b in its):
            continue  # 'L1 fracture and marrow oedema in L3': another vertebra's signal
        if other.end_char <= span.start_char and (m := _WITH_CAUSE.match(text[other.end_char:span.start_char])):
            if mine and not its and " and " in f" {m.group().lower()} " and " with " not in f" {m.group().lower()} ":
                continue  # 'bilateral sacroiliitis and marrow oedema in the L3 vertebral body': elsewhere
            return True
        if other.start_char >= span.end_char and _FROM_CAUSE.match(text[span.end_char:other.start_char]):
            return True
        if other.start_char >= span.end_char and other.label_ == "spondylolysis" and (not mine or mine <= its) \
                and _WITH_AFTER.match(text[span.end_char:other.start_char]):
            return True  # ('marrow oedema in the left L5 pars and pedicle with an incomplete stress fracture of the pars';
            # not 'oedema in the L4 and L5 bodies with bilateral L5 pars stress fractures': L4's is news of its own)
    return False


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
    """The report's sections; in a note, also each sentence read as an imaging statement outside
    an imaging section, so a clinician can see what was read for findings."""
    out = [Section(name=m.category, start=m.start, end=m.end) for m in sections_of(doc)]
    roles = doc.user_data.get(STATEMENTS_KEY) or []
    text = doc_text(doc)
    for start, end, role in roles:
        sec = section_at(doc, start)
        if role == "imaging" and (sec is None or sec.category not in ("imaging", "findings", "exam")):
            out.append(Section(name="imaging statement", start=start, end=len(text[:end].rstrip())))
    return sorted(out, key=lambda s: s.start)


# symptom rules read only as a denial (lexicon metadata 'denial_only'): 'no focal neurological deficit' denies
# weakness, numbness and reflex change; 'a neurological deficit' names none of them
_DENIAL_ONLY = frozenset(f"{file}:{r['literal']}" for file, r in load_target_rules()
                         if file == "symptoms" and (r.get("metadata") or {}).get("denial_only"))


def doc_symptoms(doc: Doc) -> list[Symptom]:
    """Every symptom mention, one Symptom each (merged in clinical.py); its section is its mention's."""
    out: list[Symptom] = []
    for span in finding_spans(doc):
        if not span.label_.startswith("SYM_"):
            continue
        if getattr(span._, "is_family", False):
            continue  # a relative's illness ('family history of cancer') is not the patient's
        found = info(span)
        certainty = certainty_of(span)
        if found.rule in _DENIAL_ONLY and (certainty != "absent" or EXCEPTION.search(
                doc_text(doc), span.end_char, sent_of(doc, span.start).end_char)):
            continue  # (nor with an exception after it: 'No focal neurological deficit, apart from reduced sensation in
            # the saddle area on the L' names the one deficit there is)
        out.append(Symptom(type=span.label_[4:], certainty=certainty, side=found.side,
                           roots=[r["root"] for r in found.nerve_roots or []],
                           mentions=[mention_of(doc, span, certainty)],
                           below_knee=span.label_ == "SYM_radicular_pain" and found.detail == "below_knee"))
    return out


def history_text(doc: Doc) -> str:
    """The text of the clinical-history sections, each up to its first blank line."""
    text = doc_text(doc)
    parts = []
    for mark in sections_of(doc):
        if mark.category == "history":
            chunk = text[mark.start:mark.end]
            blank = re.search(r"\n[ \t]*\r?\n", chunk)  # history ends at a blank line
            parts.append(chunk[:blank.start()] if blank else chunk)
    return "\n".join(parts)
