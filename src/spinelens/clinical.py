"""Clinical context: age, sex, symptoms, duration, course and conservative care.

Read from the report's HISTORY / INDICATION sections and from text given beside the report
(``symptoms=``); explicit ``age=`` / ``sex=`` arguments win (shared/spec/clinical.md 1).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import cache

from .lexicon import load_symptom_patterns, load_target_rules
from .model import CERTAINTY_RANK, ClinicalContext, Extracted, Section, Symptom

# an age: "45 y/o", "45-year-old", "45yo", "29F", "67M", "aged 52"; never a duration ("x 3 yrs")
# (a match starts at its digit: the look-ahead spares the six look-behinds everywhere else)
_NOT_DURATION = r"(?=\d)(?<!\bx\s)(?<!\bfor\s)(?<!\bsince\s)(?<!\bover\s)(?<!\blast\s)(?<!\bpast\s)"
_AGE = [
    re.compile(_NOT_DURATION + r"\b(\d{1,3})\s*(?:-|\s)?\s*(?:y(?:ea)?rs?\s*-?\s*old|y\.?o\.?\b|yo\b|y/o\b)", re.I),
    re.compile(_NOT_DURATION + r"\b(\d{1,3})\s*[-/ ]?\s*(?:male|female|man|woman|gentleman|lady|boy|girl|[mf])\b", re.I),
    re.compile(r"(?=a)\b(?:aged?|age:)\s*(\d{1,3})\b", re.I),
    # '66 y, male': a bare 'y' with the sex right after it
    re.compile(_NOT_DURATION + r"\b(\d{1,3})\s*y\b(?=\s*[,;/]?\s*(?:male|female|man|woman|[mf]\b))", re.I),
    re.compile(_NOT_DURATION + r"\b(\d{1,3})\s*(?:-|\s)?\s*(?:years?|yrs?)\b(?!\s*(?:ago|history|of|duration))", re.I),
]
# (each starts with a look-ahead for the first characters of its words: tried only there)
_SEX = [
    (re.compile(r"(?=[fwlgmsh\d])(?:\b(?:female|woman|lady|girl|mrs|she|her)\b|\b\d{1,3}\s*(?:y(?:ea)?rs?\s*(?:old)?\s*|"
                r"yo\s*|y/o\s*|y\s*,?\s*)?-?\s*f\b)", re.I), "female"),
    (re.compile(r"(?=[mgbh\d])(?:\b(?:male|man|gentleman|boy|he|his)\b|\b\d{1,3}\s*(?:y(?:ea)?rs?\s*(?:old)?\s*|yo\s*|"
                r"y/o\s*|y\s*,?\s*)?-?\s*m\b)", re.I), "male"),
]
_DURATION = re.compile(
    r"(?=[\dxfsoate])"  # the first letter of any match (a look-ahead: re tries the rest only there)
    r"(?:\bx\s*|\bfor\s+(?:the\s+(?:last|past)\s+)?|\bsince\s+|\bover\s+(?:the\s+)?(?:last|past)\s+)?"
    r"(\d+(?:\.\d+)?|a|one|two|three|four|five|six|eight|ten|twelve)\s*[- ]?\s*(day|week|wk|month|mo|year|yr)s?\b"
    r"(?!\s*-?\s*old)", re.I)
_UK_DURATION = re.compile(r"(?=\d)(?<![\d/])(\d{1,2})/(52|12)(?![\d/])")  # "6/52" = 6 weeks, "3/12" = 3 months
_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10, "twelve": 12}
_WEEKS = {"day": 1 / 7, "week": 1, "wk": 1, "month": 52 / 12, "mo": 52 / 12, "year": 52, "yr": 52}
# (each pattern below starts with a look-ahead for the first letters of its words: tried only there)
# ('worse with standing', 'worse than on the right' aggravate or compare: no course)
_WORSE = re.compile(r"(?=[wpidg])\b(?:worsening|worse(?!\s+(?:on|with|when|at|after|during|while|if|by|upon|"
                    r"in\s+the\s+(?:morning|evening|night)|than\s+(?:the\s+|his\s+|her\s+)?(?:left|right|other|back|leg))\b)|"
                    r"progressive|progressing|increasing|deteriorat\w*|getting worse)\b", re.I)
# ('better bent over a trolley', 'better when sitting' name what relieves it: no course)
_BETTER = re.compile(r"(?=[ibrse])\b(?:improving|improved|better(?!\s+(?:bent|bending|leaning|stooping|sitting|lying|"
                     r"resting|flexed|when|if|on\s+(?:sitting|lying|bending|rest)))|resolving|settling|easing)\b", re.I)
_NOT_BETTER = re.compile(r"(?=[nf])\b(?:not|no|never|nor|failed to|fails to)\s+(?:\w+\s+){0,2}(?:improv\w*|better|"
                         r"resolv\w*|settl\w*|eas(?:ed|ing))\b", re.I)
_STABLE = re.compile(r"(?=[supoc])\b(?:stable|unchanged|persistent|ongoing|constant)\b", re.I)
_CARE_TRIED = re.compile(
    r"(?=[pcnaiefd])\b(?:physio\w*|physical therapy|\bpt\b|chiropract\w*|nsaids?|analgesi\w*|painkillers?|injections?|epidural steroid|"
    r"conservative (?:management|treatment|care|therapy)|failed (?:conservative|medical)|despite (?:treatment|therapy|physio\w*))",
    re.I)
_CARE_NOT = re.compile(r"(?=n)\b(?:no (?:prior |previous )?(?:treatment|physio\w*|therapy|conservative)|not (?:yet )?tried)\b", re.I)


# a number that measures a distance is not an age with a sex letter: 'walking distance 100 m'
_MEASURED = re.compile(r"(?:distance|walks?|walking|walked|metres?|meters?|about|approx\w*|up to|only|"
                       r"[<>~]|under|over|than)\W{0,3}(?:of\W{1,3})?$", re.I)
_LETTER_AFTER_NUMBER = re.compile(r"\d\s*[-/ ]?\s*[mf]$", re.I)


def _letter_is_a_unit(text: str, m: re.Match) -> bool:
    """'100 m' after a distance word ('walking distance 100 m', 'walks only 50 m') is metres."""
    return bool(_LETTER_AFTER_NUMBER.search(m.group())) and bool(_MEASURED.search(text, max(0, m.start() - 40),
                                                                                 m.start()))


def _search(pattern: re.Pattern, text: str) -> re.Match | None:
    """The pattern's first match that is not a distance in metres."""
    for m in pattern.finditer(text):
        if not _letter_is_a_unit(text, m):
            return m
    return None


# a bare 'N years' after a symptom is how long it has lasted ('LBP 20 years'), not the age
_SYMPTOM_BEFORE = re.compile(r"(?:pain|ache|lbp|sciatica|symptoms?|numbness|weakness|tingling)\W{0,3}$", re.I)


def parse_age(text: str) -> float | None:
    for k, pattern in enumerate(_AGE):
        if k == len(_AGE) - 1:  # the bare 'N years': an adult's age, not a symptom's length
            m = next((m for m in pattern.finditer(text) if int(m.group(1)) >= 10
                      and not _SYMPTOM_BEFORE.search(text, max(0, m.start() - 30), m.start())), None)
        else:
            m = _search(pattern, text)
        if m and 0 < int(m.group(1)) < 120:
            return float(m.group(1))
    return None


def parse_sex(text: str) -> str | None:
    """The sex the first sex word of the text names ('female' where both start at one place)."""
    hits = [(m.start(), sex) for pattern, sex in _SEX if (m := _search(pattern, text)) is not None]
    return min(hits)[1] if hits else None


# a time point or a plan, not how long something lasted: '2 weeks later', 'follow up in 2 weeks', 'every 6 weeks'
_NOT_A_SPAN = re.compile(r"\s*(?:later|after|postop\w*|post-op\w*)\b", re.I)
_AGO = re.compile(r"\s*ago\b", re.I)
_FUTURE_BEFORE = re.compile(r"\b(?:in|within|every|next|after|return|recheck|follow[- ]?up|review|r/v|f/u|see|appt|"
                            r"appointment)\s+(?:the\s+next\s+|another\s+|in\s+)?$", re.I)
_SYMPTOMATIC = re.compile(r"\b(?:pain|ache|aching|sciatica|lbp|numb\w*|tingl\w*|weak\w*|symptoms?|radicul\w*|"
                          r"claudicat\w*|stiff\w*|duration|onset|complain\w*|c/o|present(?:s|ing)|episodes?|retention|"
                          r"incontinence|paraesthesi\w*|paresthesi\w*|discomfort|hurt\w*|problems?|began|begun|started|injur\w*)\b",
                          re.I)


def _statement_around(text: str, at: int) -> str:
    """The sentence (or line) that holds position at."""
    lo = max(text.rfind(".", 0, at), text.rfind("\n", 0, at), text.rfind(";", 0, at)) + 1
    ends = [k for k in (text.find(".", at), text.find("\n", at), text.find(";", at)) if k >= 0]
    return text[lo:min(ends) if ends else len(text)]


def parse_duration_weeks(text: str) -> float | None:
    # ('review 2/52', 'see in 3/52' are the next visit, not how long the symptoms have lasted)
    m = next((m for m in _UK_DURATION.finditer(text)
              if not _FUTURE_BEFORE.search(text, max(0, m.start() - 14), m.start())), None)
    if m:
        return float(m.group(1)) * (1 if m.group(2) == "52" else 52 / 12)
    # a bare 'N years' that is the patient's age ('63 years. Walking distance 100 m') is no duration
    age = parse_age(text)
    found = [m for m in _DURATION.finditer(text)
             if not (age is not None and m.group(2).lower() in ("year", "yr") and m.group(1) == f"{age:.0f}"
                     and m.group().lstrip()[:1].isdigit())
             and not _NOT_A_SPAN.match(text, m.end()) and not _FUTURE_BEFORE.search(text, max(0, m.start() - 12), m.start())]
    # the length of the symptoms: in a statement that speaks of them ('left leg pain x 8 weeks', 'the pain began
    # 3 months ago'), before one of a disease or a drug ('diabetes for 15 years'); an event 'ago' that is not the
    # symptoms' onset ('breast cancer 14 months ago') is no length
    told = [m for m in found if _SYMPTOMATIC.search(_statement_around(text, m.start()))]
    # ('status post laminotomy 14 months ago, now with leg pain for 4 weeks': a length before an event's time)
    m = next((m for m in told if not _AGO.match(text, m.end())), None) or \
        next(iter(told), None) or next((m for m in found if not _AGO.match(text, m.end())), None)
    if not m:
        return None
    n = m.group(1).lower()
    value = float(_WORDS.get(n, n)) if n in _WORDS or n.replace(".", "").isdigit() else None
    return round(value * _WEEKS[m.group(2).lower()], 1) if value is not None else None


def parse_course(text: str) -> str | None:
    if _WORSE.search(text):
        return "worsening"
    if _NOT_BETTER.search(text):  # 'not improving', 'no better': it persists
        return "stable"
    if _BETTER.search(text):
        return "improving"
    if _STABLE.search(text):
        return "stable"
    return None


def parse_conservative_care(text: str) -> bool | None:
    if _CARE_NOT.search(text):
        return False
    if _CARE_TRIED.search(text):
        return True
    return None


_NOTE_ROLES = {"history", "exam", "assessment", "course", "narrative", "other"}
# an operation's diagnoses and indication are what the patient has, though they head a procedure
_DIAGNOSIS_HEADER = re.compile(r"\b(?:diagnos[ie]s|indications?|reasons? for (?:procedure|operation|surgery|referral)|"
                               r"history|complaints?|hpi)\b", re.I)
_ALLERGY = re.compile(r"\ballerg", re.I)
_HEADING = re.compile(r"(?m)^[ \t]*([A-Z][A-Za-z /&()-]{2,60}):")
_STRONG_PAST = re.compile(r"\b(?:history of|h/o|prior|previous|previously|status post|s/p|redo|re-do|revision|"
                          r"recurrent|failed back)\b", re.I)
# a radiology report's untitled opening line about the patient, or the reason in its exam title
_PERSON = re.compile(r"\b(?:year[- ]old|y/?o|yo|patient|pt|complain\w*|presents?|presenting|history|h/o|s/p|"
                     r"status post|male|female|man|woman|boy|girl|referred)\b|\b\d{1,3}\s?(?:yo\s?)?[MF]\b", re.I)
_STUDY = re.compile(r"\b(?:mri|mr|ct|cat|x-?rays?|radiographs?|scans?|myelogra\w*|imaging|films?|ultrasound|spine|"
                    r"lumbar|cervical|thoracic|sacrum|l-spine|c-spine|t-spine|contrast)\b", re.I)
_BLANK = re.compile(r"\n[ \t]*\r?\n")
_REASON = re.compile(r"\b(?:for|after|following|post|s/p|due to|because of|reason|indication|r/o)\b", re.I)


@cache
def _exam_rules() -> frozenset[str]:
    """The evidence names of the examination rules (a reflex, strength, sensation, gait or SLR
    statement is an examination wherever a note's sections put it)."""
    return frozenset(f"{file}:{r['literal']}" for file, r in load_target_rules() if file == "symptoms"
                     and (r.get("attributes") or {}).get("detail") in ("reflex", "strength", "sensation", "walk", "slr"))


def _headings(text: str) -> tuple[list[int], list[str]]:
    """The 'HEADING:' lines of a text (found once): their offsets and names. _HEADING.finditer,
    tried at line starts only (where its '^' can match; a heading never holds a line break)."""
    offsets: list[int] = []
    names: list[str] = []
    match = _HEADING.match
    pos = 0
    while True:
        m = match(text, pos)
        if m is not None:
            offsets.append(m.start())
            names.append(m.group(1))
        pos = text.find("\n", pos) + 1
        if pos == 0:
            return offsets, names


def _readable(report: Extracted, s: Symptom, heads: tuple[list[int], list[str]]) -> bool:
    """Whether a symptom mention of the report or note is the patient's clinical information:
    a report's HISTORY (and an untitled opening line about the patient, or the reason in its exam
    title); a note's every statement but imaging, plans, operative steps and relatives, and the
    diagnoses or indication heading an operation. An examination sign counts in any statement of a
    note but a relative's; a previous lumbar surgery wherever it is named with the past."""
    m = s.mentions[0]
    role = m.section
    k = bisect_right(heads[0], m.start) - 1
    heading = heads[1][k] if k >= 0 else ""
    if _ALLERGY.search(heading):
        return False  # 'ALLERGIES: Imuran caused tachycardia' names a drug the patient does not take
    if report.note:
        if s.type == "prior_surgery" and role == "course":
            # 'COURSE: ... MRI revealed ... He underwent L3-L5 laminectomy': the care that followed, not a past operation
            return bool(_STRONG_PAST.search(report.text[max(0, m.start - 50):m.end + 20]))
        if role in _NOTE_ROLES:
            return True
        if role in ("family", "other_region"):
            return False
        if m.rule in _exam_rules():
            return True
        if s.type == "prior_surgery" and role != "imaging":
            return bool(_STRONG_PAST.search(report.text[max(0, m.start - 50):m.end + 20]))
        if role == "procedure":
            return bool(_DIAGNOSIS_HEADER.search(heading))
        return False
    if role == "history":
        return True
    if role is None and report.sections and m.start < report.sections[0].start:
        line_start = report.text.rfind("\n", 0, m.start) + 1
        return bool(_PERSON.search(report.text[line_start:m.start]))
    if role in ("exam", None):
        sec = _section_before(report, m.start)
        if sec is None or sec.name != "exam":
            return False
        line_end = report.text.find("\n", sec.start)
        title = report.text[sec.start:line_end if line_end >= 0 else len(report.text)]
        if not _STUDY.search(title):
            # 'Exam: VSS, afebrile. / Right patellar reflex diminished': an examination, to its blank line
            return not _BLANK.search(report.text[sec.start:m.start])
        return role == "exam" and bool(_REASON.search(report.text[max(0, m.start - 40):m.start]))
    return False


# a symptom a statement of the study takes as the patient's ('MRI ... which does not explain his urinary retention',
# 'nothing to account for the patient's new saddle numbness'): the possessive says he has it (not a relative's)
_STUDY_SECTIONS = {"findings", "impression", "discussion", "recommendation", None}  # a report's own statements
# (lexicons/symptom_words.json, with their reasons)
_POSSESSED = load_symptom_patterns()["possessed"]


def _possessed(report: Extracted, s: Symptom) -> re.Match[str] | None:
    """The possessive that makes a symptom mention in a statement of the study (a note's imaging statement, a
    report's findings, impression, discussion or recommendation) the patient's own, right before it (up to five
    words between: 'his worsening bilateral leg weakness'). Not in a plan or an operation's steps ('if his leg
    pain returns', 'his leg pain was relieved'): those tell of care."""
    m = s.mentions[0]
    if m.section != "imaging" if report.note else m.section not in _STUDY_SECTIONS:
        return None
    return _POSSESSED.search(report.text, max(0, m.start - 60), m.start)


# a denial before the possessive, one between it and its symptom, the symptom's own state after it, a condition
# (lexicons/symptom_words.json, with their reasons)
_DENIED_CAUSE, _SYMPTOM_DENIED, _STATE_DENIED, _IF_PRESENT = (
    load_symptom_patterns()[n] for n in ("cause_denied", "symptom_denied", "state_denied", "if_present"))
_CLAUSE_EDGE = re.compile(r"[.;:\n]")


def _told(report: Extracted, s: Symptom, possessive: re.Match[str]) -> Symptom:
    """A possessed symptom as the patient's: a denial before the possessive denies a cause, not the symptom
    ('no cause for his urinary retention': present); a denial of the symptom itself stands or is made ('his saddle
    sensation is normal', 'his lack of saddle anaesthesia': absent), a condition leaves it possible ('her urinary
    retention if present'), and a hedge stays ('? his possible saddle numbness')."""
    m, text = s.mentions[0], report.text
    after_edge = _CLAUSE_EDGE.search(text, m.end)
    after = text[m.end:after_edge.start() if after_edge else len(text)]
    if _IF_PRESENT.search(after):
        certainty = "possible"
    elif _SYMPTOM_DENIED.search(text, possessive.start(), m.start) or _STATE_DENIED.match(after):
        certainty = "absent"
    elif s.certainty == "absent":
        edge = max((e.end() for e in _CLAUSE_EDGE.finditer(text, max(0, possessive.start() - 120), possessive.start())),
                   default=max(0, possessive.start() - 120))
        certainty = "present" if _DENIED_CAUSE.search(text, edge, possessive.start()) else "absent"
    else:
        return s
    mentions = [replace(x, certainty=certainty) for x in s.mentions]
    return replace(s, certainty=certainty, mentions=mentions)


def _section_before(report: Extracted, char: int) -> Section | None:
    """The last section starting at or before char (a report's exam section is its title line
    only: what follows it is read as part of it up to a blank line)."""
    found = None
    for sec in report.sections:
        if sec.start <= char and sec.name != "imaging statement":
            found = sec
    return found


def build_context(report: Extracted | None, given: Extracted | None, age: float | None,
                  sex: str | None) -> ClinicalContext:
    """Clinical context from the report's history, the text given beside it, and explicit values."""
    ctx = ClinicalContext()
    texts: list[str] = []
    from_report = from_input = False
    symptoms: list[Symptom] = []
    if report is not None:
        history = report.history
        # a report's symptoms come from its HISTORY; a note's from everything but imaging, plans,
        # operative steps and relatives (nlp/statements.py roles)
        heads = _headings(report.text) if report.symptoms else ([], [])
        report_symptoms = _questions_answered([s for s in report.symptoms if _readable(report, s, heads)]
                                              + [_told(report, s, possessive) for s in report.symptoms
                                                 if not _readable(report, s, heads)
                                                 and (possessive := _possessed(report, s)) is not None], report.text)
        if history.strip() or report_symptoms:
            texts.append(history)
            symptoms.extend(report_symptoms)
            from_report = bool(report_symptoms) or parse_age(history) is not None
    if given is not None:
        given_text = given.text
        texts.append(given_text)
        given_symptoms = _questions_answered(list(given.symptoms), given_text)
        symptoms.extend(given_symptoms)
        from_input = bool(given_text.strip())
    joined = "\n".join(texts)
    ctx.symptoms = _merge_symptoms(symptoms)
    ctx.age = age if age is not None else parse_age(joined)
    ctx.sex = sex if sex is not None else parse_sex(joined)
    ctx.duration_weeks = parse_duration_weeks(joined)
    ctx.course = parse_course(joined)
    ctx.conservative_care_tried = parse_conservative_care(joined)
    if age is not None or sex is not None:
        from_input = True
    ctx.source = "both" if from_report and from_input else "report" if from_report else "input" if from_input else "none"
    return ctx


# the question a referral asks ('?CES - to exclude', 'r/o cauda equina'): no symptom of its own
_QUERY_BEFORE = re.compile(r"(?:\?|\b(?:r/o|rule out|query|exclude|excluding|to exclude|suspected|suspicion of|"
                           r"concern for)\s*)\s*$", re.I)


def _questions_answered(symptoms: list[Symptom], text: str) -> list[Symptom]:
    """A symptom only asked about ('?CES - to exclude') where the text denies it in words ('no saddle
    anaesthesia, no sphincter disturbance'): the answer stands, the question adds nothing."""
    denied = {s.type for s in symptoms if s.certainty == "absent"}
    return [s for s in symptoms if not (
        s.certainty == "possible" and s.type in denied and s.mentions
        and all(_QUERY_BEFORE.search(text, max(0, m.start - 20), m.start) for m in s.mentions))]


def _merge_symptoms(symptoms: list[Symptom]) -> list[Symptom]:
    """One symptom per (type, side): mentions, roots and below-knee unioned, the surest certainty kept.
    Then one reading per type: where a symptom is present, its denials ('denies leg weakness' beside
    'EHL 4/5 on the left') and its side-less possible mentions join the present one as mentions (each
    keeps its own certainty); a side-less mention joins the one side the symptom is present on, and so does a denial of
    both legs ('Bilateral leg sx: N' beside right sciatica: not in both); a denial of the other side stays ('right leg
    pain; no left leg symptoms'),
    and a possible symptom leaves a denial standing ('5/5 throughout' and 'difficulty with toe raises'
    are both said)."""
    out: dict[tuple[str, str | None], Symptom] = {}
    for s in symptoms:
        key = (s.type, s.side)
        if key not in out:
            out[key] = s
            continue
        old = out[key]
        old.mentions.extend(s.mentions)
        if s.certainty != "absent":
            old.roots.extend(r for r in s.roots if r not in old.roots)
            old.below_knee = old.below_knee or s.below_knee
        if CERTAINTY_RANK[s.certainty] > CERTAINTY_RANK[old.certainty]:
            if old.certainty == "absent":
                old.roots = [r for r in s.roots]
                old.below_knee = s.below_knee
            old.certainty = s.certainty
    merged = list(out.values())
    kept: list[Symptom] = []
    for s in merged:
        present = [p for p in merged if p.type == s.type and p.certainty == "present"]
        sided = [p for p in present if p.side is not None]
        if present and s not in present and (
                (s.certainty == "absent" and (s.side is None or s.side in {p.side for p in present}
                                              or any(p.side == "bilateral" for p in present)
                                              or s.side == "bilateral"))  # ('Bilateral leg sx: N' beside right sciatica)
                or (s.certainty == "possible" and s.side is None)):
            present[0].mentions.extend(s.mentions)
            continue
        if s.certainty == "present" and s.side is None and len({p.side for p in sided}) == 1:
            into = sided[0]  # 'leg heaviness on walking, eased by sitting' is the bilateral claudication
            into.mentions.extend(s.mentions)
            into.roots.extend(r for r in s.roots if r not in into.roots)
            into.below_knee = into.below_knee or s.below_knee
            continue
        kept.append(s)
    return kept
