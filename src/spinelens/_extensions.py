"""Every custom ``Doc._`` / ``Span._`` attribute SpineLens uses, declared in one place.

Declared once at import (as medspaCy's ``_extensions.py``); ``force=True`` keeps
re-imports harmless. ConText's own attributes (``is_negated``, ``is_uncertain``...)
are declared by medspaCy itself.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_DOC_EXTENSIONS: dict[str, object] = {
    # list[LevelGroup]: every vertebral level mention, grouped ("L4/L5 & L5/S1")
    "spinelens_levels": None,
    # list[str]: non-fatal problems found while reading the report
    "spinelens_warnings": None,
}

_SPAN_EXTENSIONS: dict[str, object] = {
    "finding_type": None,  # finding code from findings.md
    "rule": None,  # the lexicon rule that fired: (file, literal)
    "relation": None,  # Span of the relation word for object-derived findings
    "forced_certainty": None,  # "absent" for "adequate spinal canal"-type statements
    "levels": None,  # list[str] of canonical levels (None = not stated)
    "multilevel": False,  # "multilevel ...": also stated without a level
    "side": None,
    "zone": None,
    "severity": None,
    "size_mm": None,
    "grade": None,
    "direction": None,
    "modic_type": None,
    "acuity": None,
    "pathologic": None,
    "detail": None,
    "nerve_roots": None,  # list[dict]: {"root", "side", "relation"}
    "plural": False,  # "nerve roots", "exit canals": both sides when no side is named
    "section": None,  # normalised section name
}


def register() -> None:
    for name, default in _DOC_EXTENSIONS.items():
        Doc.set_extension(name, default=default, force=True)
    for name, default in _SPAN_EXTENSIONS.items():
        Span.set_extension(name, default=default, force=True)


register()
