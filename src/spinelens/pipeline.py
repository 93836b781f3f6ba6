"""The SpineLens pipeline: one function names every stage, in order."""

from __future__ import annotations

import logging
import warnings
from functools import lru_cache

import medspacy.context  # noqa: F401  (registers medspaCy factories)
import medspacy.target_matcher  # noqa: F401
import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex, compile_prefix_regex

from . import components, fastmatch  # noqa: F401  (register the spinelens_* factories)
from .components import FINDINGS_GROUP, RAW_GROUP
from .lexicon import LexiconError, load_context, load_target_rules

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
    from spacy.tokenizer import Tokenizer

    infixes = list(nlp.Defaults.infixes) + [r"/{2,}", r"(?<=[A-Za-z0-9])[&:;](?=[A-Za-z0-9])",
                                            r"(?<=[a-z])\.(?=[A-Z][a-z])", r"(?<=[A-Za-z])\.(?=/)",
                                            r"(?<=[0-9])(?=mm\b|cm\b)"]
    prefixes = list(nlp.Defaults.prefixes) + [r":", r"&", r"/{2,}", r"-(?=[A-Za-z])", r"\.(?=[A-Za-z])"]
    old = nlp.tokenizer
    nlp.tokenizer = Tokenizer(
        nlp.vocab, rules=nlp.Defaults.tokenizer_exceptions,
        prefix_search=compile_prefix_regex(prefixes).search, suffix_search=old.suffix_search,
        infix_finditer=compile_infix_regex(infixes).finditer, token_match=old.token_match,
        url_match=old.url_match,
    )


def build(engine: str = "fast") -> Language:
    """Stages, in order:

    1. tokenizer      spaCy's English rules + splits for terse notes
    2. sentences      statements: punctuation, '///', line breaks, level headers
    3. spelling       misspelled finding words take the lexicon word as NORM
    4. sections       EXAM / HISTORY / TECHNIQUE / COMPARISON / FINDINGS / IMPRESSION (section_rules)
    5. targets        medspaCy TargetRules from lexicons/ (findings, objects, relation words),
                      matched on token norms by spinelens_targets (compiled; see fastmatch.py)
    6. relations      objects + relation words -> findings ('compressing ... nerve roots')
    7. context        medspaCy ConText: negated / possible
    8. levels         every level mention, ranges and lists expanded
    9. attributes     level, side, zone, severity, size, grade, roots per finding
   10. symptoms       side and roots of each symptom (territory, movement, reflex)
    """
    nlp = spacy.blank("en")
    _tokenizer(nlp)
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

    context = nlp.add_pipe("medspacy_context", config={
        "rules": None, "input_span_type": "group", "span_group_name": FINDINGS_GROUP,
    })
    context.add(_context_rules())
    nlp.add_pipe("spinelens_levels")
    nlp.add_pipe("spinelens_attributes")
    nlp.add_pipe("spinelens_symptoms")
    return nlp


def _context_rules() -> list:
    """Spine rules from lexicons/context.json plus negspaCy's termset, less excluded cues."""
    from medspacy.context import ConTextRule

    ctx = load_context()
    excluded = {c.lower() for c in ctx["excluded_cues"]}
    rules = [ConTextRule.from_dict(r) for r in _expand(ctx["rules"])]
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


def _expand(rules: list[dict], limit: int = 400) -> list[dict]:
    """Spell out token patterns made only of word lists ('may' + 'be'/'represent'...) as literal
    phrases: spaCy's PhraseMatcher finds them several times faster than its Matcher."""
    out = []
    for rule in rules:
        pattern = rule.get("pattern")
        if not isinstance(pattern, list) or not _expandable(pattern):
            out.append(rule)
            continue
        phrases: list[list[str]] = [[]]
        for tok in pattern:
            value = tok["LOWER"]
            words = [value] if isinstance(value, str) else value["IN"]
            optional = tok.get("OP") == "?"
            phrases = [p + [w] for p in phrases for w in words] + (phrases if optional else [])
            if len(phrases) > limit:
                break
        if len(phrases) > limit:
            out.append(rule)
            continue
        for words in phrases:
            if words:
                out.append({k: v for k, v in rule.items() if k != "pattern"} | {"literal": " ".join(words)})
    return out


def _expandable(pattern: list[dict]) -> bool:
    for tok in pattern:
        if set(tok) - {"LOWER", "OP"} or tok.get("OP") not in (None, "?"):
            return False
        value = tok.get("LOWER")
        if not (isinstance(value, str) or (isinstance(value, dict) and set(value) == {"IN"})):
            return False
    return True


@lru_cache(maxsize=1)
def shared() -> Language:
    """One pipeline per process, built on first use."""
    return build()
