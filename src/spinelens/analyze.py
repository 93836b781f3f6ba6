"""analyze(): one report through the whole algorithm, in order:

    check      inputs.py      refuse binary or oversized text; warn on odd text
    nlp        nlp/           the spaCy stages (nlp/pipeline.py names them in order)
    extract    extract.py     Doc -> findings, sections, symptoms, history (plain data)
    clinical   clinical.py    age, sex, symptoms, duration from the history and from symptoms=
    correlate  correlate.py   each finding against the symptoms, by its card's group
    summarise  summary.py     headline, red flags, counts

spaCy is imported on first use, not at ``import spinelens``, so the plain layers (model,
correlate, formats) load without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .clinical import build_context
from .correlate import correlate
from .errors import InputError
from .inputs import check_text, clean_text, looks_like_report, restore_line_breaks
from .model import ClinicalContext, Extracted, Result, Summary
from .summary import summarise

if TYPE_CHECKING:
    from spacy.language import Language


def load() -> Language:
    """The SpineLens spaCy pipeline (built once per process), for use in your own code:
    ``doc = spinelens.load()(text)``; findings are in ``doc.spans["spinelens_findings"]``."""
    from .regexcache import loading

    with loading("pipeline"):  # the regular expressions of the stages' modules and of building them
        from .nlp.pipeline import shared

        return shared()


# A report is a few hundred to a few thousand tokens, a whole clinical note up to ten thousand. Past this
# budget the text is cut, with a warning, so that no input can stall a batch or the server.
MAX_TOKENS = 30_000


def read(text: str, warnings: list[str] | None = None) -> Extracted:
    """The nlp and extract steps: what a text says, as plain data. Text past MAX_TOKENS tokens is
    not read, and a warning (added to ``warnings``) says where it was cut."""
    from .regexcache import loading

    with loading("pipeline"):
        from .extract import extract
        from .nlp.extensions import WRAPPED_KEY
        from .nlp.sentences import unwrap

        nlp = load()
    text, wrapped = unwrap(restore_line_breaks(text))  # '<br>', a written '\\n'; a wrapped line: offsets unchanged
    full = len(text)
    if full > MAX_TOKENS * 6:  # surely over the budget: do not tokenize what will not be read
        text = text[:MAX_TOKENS * 6]
    doc = nlp.make_doc(text)
    cut = len(text)
    if len(doc) > MAX_TOKENS:
        cut = doc[MAX_TOKENS].idx
        doc = nlp.make_doc(text[:cut])
    if wrapped:
        doc.user_data[WRAPPED_KEY] = True
    if cut < full and warnings is not None:
        warnings.append(f"text cut at character {cut:,} of {full:,} (the first {MAX_TOKENS:,} words and "
                        "signs at most): findings after that were not read")
    return extract(nlp(doc))


def analyze(
    text: str,
    *,
    symptoms: str | None = None,
    age: float | None = None,
    sex: str | None = None,
    id: str | None = None,
    warnings: list[str] | None = None,
) -> Result:
    """Analyse one report. Raises InputError for binary or oversized text, or a bad age or sex."""
    text, cleaned = clean_text(text)
    if isinstance(id, str):
        id, bad_id = clean_text(id, "id")
        cleaned += bad_id
    notes = list(warnings or []) + cleaned + check_text(text)
    if not text.strip():
        return _finish(Result(findings=[], clinical=ClinicalContext(), summary=Summary(headline=""),
                              warnings=notes, id=id), symptoms, age, sex)
    report = read(text, notes)
    result = Result(findings=report.findings, clinical=ClinicalContext(), summary=Summary(headline=""),
                    warnings=notes, sections=report.sections, id=id)
    if report.out_of_scope:
        result.warnings.append(f"{report.out_of_scope} finding mention(s) of the cervical or mid-thoracic spine, or "
                               "outside the spine, are not listed: SpineLens reads the lumbar spine (red flags are listed "
                               "at any level)")
    if not result.findings and not looks_like_report(text):
        result.warnings.append("this text does not look like a spine MRI report: no findings or spine terms found")
    return _finish(result, symptoms, age, sex, report=report)


def valid_age(age: float | None) -> float | None:
    if age is None:
        return None
    try:
        value = float(age)
    except (TypeError, ValueError):
        raise InputError(f"age {age!r} is not a number") from None
    if not 0 <= value <= 130:  # also refuses NaN and infinity
        raise InputError(f"age {age!r} is not an age in years (0-130)")
    return value


def valid_sex(sex: str | None) -> str | None:
    if sex is None:
        return None
    if sex not in ("female", "male"):
        raise InputError(f"sex {sex!r} must be 'female' or 'male'")
    return sex


def _finish(result: Result, symptoms: str | None, age: float | None, sex: str | None,
            report: Extracted | None = None) -> Result:
    if symptoms is not None:
        symptoms, cleaned = clean_text(symptoms, "symptoms")
        result.warnings.extend(cleaned)
        result.warnings.extend(w.replace("empty report", "empty symptoms") for w in check_text(symptoms, "symptoms"))
    given = read(symptoms, result.warnings) if symptoms and symptoms.strip() else None
    result.clinical = build_context(report, given, valid_age(age), valid_sex(sex))
    correlate(result, report.attributions if report is not None else ())
    result.summary = summarise(result)
    return result
