"""Stage 7, context: medspaCy ConText rules (negated / possible / historical ...) from
lexicons/context.json plus negspaCy's clinical termset, less the cues the lexicon excludes."""

from __future__ import annotations

from ..errors import LexiconError
from ..lexicon import load_context


def context_rules() -> list:
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
