"""SpineLens: structured findings from free-text lumbar spine MRI reports.

    >>> import spinelens
    >>> result = spinelens.analyze("L4-5: Left paracentral disc protrusion compressing the left L5 root.")
    >>> [(f.type, f.level, f.side, f.certainty) for f in result.findings][:1]
    [('disc_protrusion', 'L4-L5', 'left', 'present')]
"""

from __future__ import annotations

from .inputs import InputError, check_text, looks_like_report
from .lexicon import LexiconError
from .results import ClinicalContext, Finding, Result, Summary, doc_sections, doc_to_findings

__all__ = ["analyze", "assess_indication", "load", "Result", "Finding", "InputError", "LexiconError", "__version__"]
__version__ = "0.1.0"


def assess_indication(text: str, age: float | None = None):
    """Is lumbar MRI indicated? ACR rating, variant, red flags and the questions to ask."""
    from .indication import assess_indication as _assess

    return _assess(text, age=age)


def load():
    """The SpineLens spaCy pipeline (built once per process), for use in your own code:
    ``doc = spinelens.load()(text)``; findings are in ``doc.spans["spinelens_findings"]``."""
    from .pipeline import shared

    return shared()


def analyze(
    text: str,
    *,
    symptoms: str | None = None,
    age: float | None = None,
    sex: str | None = None,
    id: str | None = None,
    warnings: list[str] | None = None,
) -> Result:
    """Analyse one report. Raises InputError for binary or oversized text."""
    notes = list(warnings or []) + check_text(text)
    if not text.strip():
        return _finish(Result(findings=[], clinical=ClinicalContext(), summary=Summary(headline=""),
                              warnings=notes, id=id), symptoms, age, sex)
    doc = load()(text)
    result = Result(findings=doc_to_findings(doc), clinical=ClinicalContext(),
                    summary=Summary(headline=""), warnings=notes, sections=doc_sections(doc), id=id)
    if not result.findings and not looks_like_report(text):
        result.warnings.append("this text does not look like a spine MRI report: no findings or spine terms found")
    return _finish(result, symptoms, age, sex, doc=doc)


def _valid_age(age: float | None) -> float | None:
    if age is None:
        return None
    try:
        value = float(age)
    except (TypeError, ValueError):
        raise InputError(f"age {age!r} is not a number") from None
    if not 0 <= value <= 130:  # also refuses NaN and infinity
        raise InputError(f"age {age!r} is not an age in years (0-130)")
    return value


def _valid_sex(sex: str | None) -> str | None:
    if sex is None:
        return None
    if sex not in ("female", "male"):
        raise InputError(f"sex {sex!r} must be 'female' or 'male'")
    return sex


def _finish(result: Result, symptoms: str | None, age: float | None, sex: str | None, doc=None) -> Result:
    from .clinical import build_context
    from .correlate import correlate
    from .summary import summarise

    if symptoms is not None:
        result.warnings.extend(w.replace("empty report", "empty symptoms") for w in check_text(symptoms, "symptoms"))
    given = load()(symptoms) if symptoms and symptoms.strip() else None
    result.clinical = build_context(doc, given, _valid_age(age), _valid_sex(sex))
    correlate(result)
    result.summary = summarise(result)
    return result
