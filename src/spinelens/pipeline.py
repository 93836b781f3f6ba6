"""The SpineLens pipeline: one function names every stage, in order."""

from __future__ import annotations

import logging
import warnings
from functools import lru_cache

import medspacy.context  # noqa: F401  (registers medspaCy factories)
import medspacy.section_detection  # noqa: F401
import medspacy.target_matcher  # noqa: F401
import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex

from . import components  # noqa: F401  (registers the spinelens_* factories)
from .components import FINDINGS_GROUP, RAW_GROUP
from .lexicon import LexiconError, load_context, load_sections, load_target_rules

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


def _tokenizer(nlp: Language) -> None:
    """Split the run-together forms of terse notes: 'disc///L4', ':noted', 'L4/L5&L5/S1'."""
    infixes = list(nlp.Defaults.infixes) + [r"/{2,}", r"(?<=[A-Za-z0-9])[&:;](?=[A-Za-z0-9])",
                                            r"(?<=[a-z])\.(?=[A-Z][a-z])", r"(?<=[A-Za-z])\.(?=/)", r"(?<=[0-9])(?=mm\b|cm\b)"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    prefixes = list(nlp.Defaults.prefixes) + [r":", r"&", r"/{2,}", r"-(?=[A-Za-z])", r"\.(?=[A-Za-z])"]
    nlp.tokenizer.prefix_search = compile_prefix_regex(prefixes).search


def build() -> Language:
    """Stages, in order:

    1. tokenizer      spaCy's English rules + splits for terse notes
    2. sentences      statements: punctuation, '///', line breaks, level headers
    3. spelling       misspelled finding words take the lexicon word as NORM
    4. sections       EXAM / HISTORY / TECHNIQUE / COMPARISON / FINDINGS / IMPRESSION
    5. targets        medspaCy TargetMatcher: finding, object and relation rules from lexicons/
    6. relations      objects + relation words -> findings ('compressing ... nerve roots')
    7. context        medspaCy ConText: negated / possible
    8. levels         every level mention, ranges and lists expanded
    9. attributes     level, side, zone, severity, size, grade, roots per finding
    """
    nlp = spacy.blank("en")
    _tokenizer(nlp)
    nlp.add_pipe("spinelens_sentences")
    nlp.add_pipe("spinelens_spelling")
    sectionizer = nlp.add_pipe("medspacy_sectionizer", config={
        "rules": None, "require_start_line": False, "input_span_type": None, "span_attrs": None,
    })
    from medspacy.section_detection import SectionRule
    sectionizer.add([SectionRule.from_dict(r) for r in load_sections()])

    from medspacy.target_matcher import TargetRule
    matcher = nlp.add_pipe("medspacy_target_matcher", config={
        "phrase_matcher_attr": "NORM", "result_type": "group", "span_group_name": RAW_GROUP,
        "prune": False,  # overlaps are resolved by spinelens_relations (longest, findings first)
    })
    rules = []
    for file, entry in load_target_rules():
        data = dict(entry)
        data["metadata"] = {**entry.get("metadata", {}), "file": file}
        rules.append(TargetRule.from_dict(data))
    matcher.add(rules)
    nlp.add_pipe("spinelens_relations")

    context = nlp.add_pipe("medspacy_context", config={
        "rules": None, "input_span_type": "group", "span_group_name": FINDINGS_GROUP,
    })
    context.add(_context_rules())
    nlp.add_pipe("spinelens_levels")
    nlp.add_pipe("spinelens_attributes")
    return nlp


def _context_rules() -> list:
    """Spine rules from lexicons/context.json plus negspaCy's termset, less excluded cues."""
    from medspacy.context import ConTextRule

    ctx = load_context()
    excluded = {c.lower() for c in ctx["excluded_cues"]}
    rules = [ConTextRule.from_dict(r) for r in ctx["rules"]]
    own = {r["literal"].lower() for r in ctx["rules"]}
    if ctx["negspacy_termset"]:
        try:
            from negspacy.termsets import termset
        except ImportError as exc:  # pragma: no cover
            raise LexiconError(f"{ctx['path']}: negspacy is needed for 'negspacy_termset'") from exc
        patterns = termset(ctx["negspacy_termset"]).get_patterns()
        kinds = {
            "preceding_negations": ("NEGATED_EXISTENCE", "FORWARD"),
            "following_negations": ("NEGATED_EXISTENCE", "BACKWARD"),
            "pseudo_negations": ("PSEUDO", "PSEUDO"),
            "termination": ("TERMINATE", "TERMINATE"),
        }
        for key, (category, direction) in kinds.items():
            for cue in patterns.get(key, []):
                if cue.lower() in excluded or cue.lower() in own:
                    continue
                rules.append(ConTextRule(cue, category, direction=direction,
                                         metadata={"source": f"negspacy {ctx['negspacy_termset']} {key}"}))
    return rules


@lru_cache(maxsize=1)
def shared() -> Language:
    """One pipeline per process, built on first use."""
    return build()
