"""The spaCy stages, one module each (order: pipeline.py); every Doc._ / Span._ extension and
doc.user_data key is declared in extensions.py.

medspaCy is imported here, before any stage, without QuickUMLS: medspacy/__init__.py imports
medspacy.util, whose only use of QuickUMLS is ``from quickumls import spacy_component`` (to
register the 'medspacy_quickumls' factory), and QuickUMLS imports NLTK: 0.23 s and 17 MB of a
cold start, for a component SpineLens never adds. While medspaCy loads, a placeholder stands
for the ``quickumls`` package; it is removed at once, so a later ``import quickumls`` (by the
caller's own code) loads the real package, which registers its factory itself. The rest of
medspaCy (ConText, TargetRule, its Span/Token extensions) loads as usual.
"""

from __future__ import annotations

import sys
import types


def _import_medspacy() -> None:
    if "medspacy" in sys.modules or "quickumls" in sys.modules:
        return  # already loaded (with or without QuickUMLS): nothing to save
    placeholder = types.ModuleType("quickumls", "stands for QuickUMLS while medspaCy loads (spinelens.nlp)")
    placeholder.spacy_component = None  # type: ignore[attr-defined]
    sys.modules["quickumls"] = placeholder
    try:
        import medspacy  # noqa: F401
    finally:
        if sys.modules.get("quickumls") is placeholder:
            del sys.modules["quickumls"]


_import_medspacy()
