"""The SpineLens pipeline: one function names every stage, in order. Stage order lives here only."""

from __future__ import annotations

import logging
import warnings
from functools import lru_cache

import medspacy.context  # noqa: F401  (registers medspaCy factories)
import medspacy.target_matcher  # noqa: F401
import spacy
from spacy import util as spacy_util
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from ..lexicon import load_target_rules
from . import (  # noqa: F401  (each module registers its spinelens_* factory)
    attributes,
    attribution,
    context,
    level_attach,
    relations,
    sections,
    sentences,
    spelling,
    statements,
    symptoms,
    targets,
    tokenizer,
)
from .extensions import RAW_GROUP

# PyRuSH (a medspaCy dependency) logs ~80 debug lines per document through loguru;
# SpineLens does not use it, and report text must never reach a log.
try:
    from loguru import logger as _loguru

    _loguru.disable("PyRuSH")
    _loguru.disable("medspacy")
except ImportError:  # pragma: no cover
    pass
logging.getLogger("medspacy").setLevel(logging.ERROR)
warnings.filterwarnings("ignore", message=r".*conflicts with a pre-existing entity.*")


@spacy.registry.tokenizers("spinelens.PlaceholderTokenizer.v1")
def _placeholder_tokenizer():
    """spaCy's English tokenizer (spacy.Tokenizer.v1) less its ~2,700 special cases and its prefix and
    infix rules, for spacy.blank: tokenizer.install replaces it at once with a tokenizer built from
    nlp.Defaults, special cases included, and its own prefix and infix rules (it keeps only this one's
    suffix rule), so building them here too was 0.1 s, and compiling the infix regex 0.03 s, of every
    cold start spent for nothing."""

    def create(nlp: Language) -> Tokenizer:
        d = nlp.Defaults
        return Tokenizer(nlp.vocab, suffix_search=spacy_util.compile_suffix_regex(d.suffixes).search,
                         token_match=d.token_match, url_match=d.url_match)

    return create


def build(engine: str = "fast") -> Language:
    """Stages, in order:

    1. tokenizer      spaCy's English rules + splits for terse notes            (tokenizer.py)
    2. sentences      statements: punctuation, '///', line breaks, level headers  (sentences.py)
    3. spelling       misspelled finding words take the lexicon word as NORM     (spelling.py)
    4. sections       EXAM / HISTORY / TECHNIQUE / FINDINGS / IMPRESSION ...     (sections.py)
    5. targets        medspaCy TargetRules from lexicons/ (finding cards, objects, relation words,
                      symptoms), matched on token norms                          (targets.py)
    6. relations      objects + relation words -> findings ('compressing ... nerve roots')  (relations.py)
    7. context        medspaCy ConText: negated / possible / historical         (context.py)
    8. attributes     side, zone, severity, size, grade, named roots per finding (attributes.py)
    9. statements     in a clinical note, which sentences state imaging results (statements.py)
   10. level_attach   level mentions, and the level of each finding with its rule  (level_attach.py)
   11. attribution    where a physician relates a finding to the symptoms in words  (attribution.py)
   12. symptoms       side and roots of each symptom (territory, movement, reflex)  (symptoms.py)
    """
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "spinelens.PlaceholderTokenizer.v1"}}})
    tokenizer.install(nlp)
    nlp.add_pipe("spinelens_sentences")
    nlp.add_pipe("spinelens_spelling")
    nlp.add_pipe("spinelens_sections")
    from medspacy.target_matcher import TargetRule
    rules = []
    for file, entry in load_target_rules():
        if entry["category"] == "REL_LOCATIVE":
            continue  # place words: looked up per token by spinelens_relations
        data = dict(entry)
        data["metadata"] = {**entry.get("metadata", {}), "file": file}
        rules.append(TargetRule.from_dict(data))
    if engine == "medspacy":
        # medspaCy's own TargetMatcher (spaCy Matcher): same results, ~5x slower; kept to test equivalence
        matcher = nlp.add_pipe("medspacy_target_matcher", config={
            "phrase_matcher_attr": "NORM", "result_type": "group", "span_group_name": RAW_GROUP, "prune": False,
        })
    else:
        matcher = nlp.add_pipe("spinelens_targets", config={"span_group": RAW_GROUP})
    matcher.add(rules)
    nlp.add_pipe("spinelens_relations")

    nlp.add_pipe("spinelens_context")
    nlp.add_pipe("spinelens_attributes")
    nlp.add_pipe("spinelens_statements")
    nlp.add_pipe("spinelens_level_attach")
    nlp.add_pipe("spinelens_attribution")
    nlp.add_pipe("spinelens_symptoms")
    return nlp


@lru_cache(maxsize=1)
def shared() -> Language:
    """One pipeline per process, built on first use."""
    return build()
