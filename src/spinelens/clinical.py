"""Clinical context: age, sex, symptoms, duration, course and conservative care.

Read from the report's HISTORY / INDICATION sections and from text given beside the report
(``symptoms=``); explicit ``age=`` / ``sex=`` arguments win (shared/spec/clinical.md 1).
"""

from __future__ import annotations

import re

from .model import CERTAINTY_RANK, ClinicalContext, Extracted, Symptom

# an age: "45 y/o", "45-year-old", "45yo", "29F", "67M", "aged 52"; never a duration ("x 3 yrs")
_NOT_DURATION = r"(?<!\bx\s)(?<!\bfor\s)(?<!\bsince\s)(?<!\bover\s)(?<!\blast\s)(?<!\bpast\s)"
_AGE = [
    re.compile(_NOT_DURATION + r"\b(\d{1,3})\s*(?:-|\s)?\s*(?:y(?:ea)?rs?\s*-?\s*old|y\.?o\.?\b|yo\b|y/o\b)", re.I),
    re.compile(_NOT_DURATION + r"\b(\d{1,3})\s*[-/ ]?\s*(?:male|female|man|woman|gentleman|lady|boy|girl|[mf])\b", re.I),
    re.compile(r"\b(?:aged?|age:)\s*(\d{1,3})\b", re.I),
    re.compile(_NOT_DURATION + r"\b(\d{1,3})\s*(?:-|\s)?\s*(?:years?|yrs?)\b(?!\s*(?:ago|history|of|duration))", re.I),
]
_SEX = [
    (re.compile(r"\b(?:female|woman|lady|girl|mrs|she|her)\b|\b\d{1,3}\s*(?:y(?:ea)?rs?\s*(?:old)?\s*|yo\s*|y/o\s*)?-?\s*f\b", re.I), "female"),
    (re.compile(r"\b(?:male|man|gentleman|boy|he|his)\b|\b\d{1,3}\s*(?:y(?:ea)?rs?\s*(?:old)?\s*|yo\s*|y/o\s*)?-?\s*m\b", re.I), "male"),
]
_DURATION = re.compile(
    r"(?:\bx\s*|\bfor\s+(?:the\s+(?:last|past)\s+)?|\bsince\s+|\bover\s+(?:the\s+)?(?:last|past)\s+)?"
    r"(\d+(?:\.\d+)?|a|one|two|three|four|five|six|eight|ten|twelve)\s*[- ]?\s*(day|week|wk|month|mo|year|yr)s?\b"
    r"(?!\s*-?\s*old)", re.I)
_UK_DURATION = re.compile(r"(?<![\d/])(\d{1,2})/(52|12)(?![\d/])")  # "6/52" = 6 weeks, "3/12" = 3 months
_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8, "ten": 10, "twelve": 12}
_WEEKS = {"day": 1 / 7, "week": 1, "wk": 1, "month": 52 / 12, "mo": 52 / 12, "year": 52, "yr": 52}
_WORSE = re.compile(r"\b(?:worsening|worse|progressive|progressing|increasing|deteriorat\w*|getting worse)\b", re.I)
_BETTER = re.compile(r"\b(?:improving|improved|better|resolving|settling|easing)\b", re.I)
_STABLE = re.compile(r"\b(?:stable|unchanged|persistent|ongoing|constant)\b", re.I)
_CARE_TRIED = re.compile(
    r"\b(?:physio\w*|physical therapy|\bpt\b|chiropract\w*|nsaids?|analgesi\w*|painkillers?|injections?|epidural steroid|"
    r"conservative (?:management|treatment|care|therapy)|failed (?:conservative|medical)|despite (?:treatment|therapy|physio\w*))",
    re.I)
_CARE_NOT = re.compile(r"\b(?:no (?:prior |previous )?(?:treatment|physio\w*|therapy|conservative)|not (?:yet )?tried)\b", re.I)


def parse_age(text: str) -> float | None:
    for pattern in _AGE:
        m = pattern.search(text)
        if m and 0 < int(m.group(1)) < 120:
            return float(m.group(1))
    return None


def parse_sex(text: str) -> str | None:
    hits = [(m.start(), sex) for pattern, sex in _SEX for m in pattern.finditer(text)]
    return min(hits)[1] if hits else None


def parse_duration_weeks(text: str) -> float | None:
    m = _UK_DURATION.search(text)
    if m:
        return float(m.group(1)) * (1 if m.group(2) == "52" else 52 / 12)
    m = _DURATION.search(text)
    if not m:
        return None
    n = m.group(1).lower()
    value = float(_WORDS.get(n, n)) if n in _WORDS or n.replace(".", "").isdigit() else None
    return round(value * _WEEKS[m.group(2).lower()], 1) if value is not None else None


def parse_course(text: str) -> str | None:
    if _WORSE.search(text):
        return "worsening"
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


_NOTE_ROLES = {"history", "exam", "assessment", "course", "narrative"}


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
        readable = _NOTE_ROLES if report.note else {"history"}
        report_symptoms = [s for s in report.symptoms if s.mentions[0].section in readable]
        if history.strip() or report_symptoms:
            texts.append(history)
            symptoms.extend(report_symptoms)
            from_report = bool(report_symptoms) or parse_age(history) is not None
    if given is not None:
        given_text = given.text
        texts.append(given_text)
        given_symptoms = list(given.symptoms)
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


def _merge_symptoms(symptoms: list[Symptom]) -> list[Symptom]:
    """One symptom per (type, side): mentions, roots and below-knee unioned, the surest certainty kept."""
    out: dict[tuple[str, str | None], Symptom] = {}
    for s in symptoms:
        key = (s.type, s.side)
        if key not in out:
            out[key] = s
            continue
        old = out[key]
        old.mentions.extend(s.mentions)
        old.roots.extend(r for r in s.roots if r not in old.roots)
        old.below_knee = old.below_knee or s.below_knee
        if CERTAINTY_RANK[s.certainty] > CERTAINTY_RANK[old.certainty]:
            old.certainty = s.certainty
    return list(out.values())
