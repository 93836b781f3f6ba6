"""Locate, read and check the rule files of ``lexicons/`` (finding cards: cards.py; tables: tables.py).

Files use medspaCy's JSON shapes (``target_rules``, ``context_rules``,
``section_rules``). A bad entry fails at load with the file, the entry and the
key named, so a clinical informaticist editing a rule sees exactly what to fix.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from re import _parser as sre_parse  # type: ignore[attr-defined]  # stable in 3.11-3.13
from typing import Any

from ..errors import LexiconError
from . import checked
from .patterns import PatternError, compile_pattern

SYMPTOM_TYPES: tuple[str, ...] = (
    "back_pain", "radicular_pain", "sensory_deficit", "motor_weakness", "reflex_change", "neurogenic_claudication",
    "cauda_equina_symptoms", "progressive_deficit", "cancer_history", "infection_risk", "weight_loss", "trauma",
    "osteoporosis_risk", "prior_surgery",
)

RULE_KEYS = {"literal", "category", "pattern", "metadata", "attributes"}
_CONTEXT_KEYS = {
    "literal", "category", "pattern", "direction", "metadata", "allowed_types",
    "excluded_types", "max_scope", "max_targets",
}
_SECTION_KEYS = {"literal", "category", "pattern", "metadata", "parents", "parent_required", "max_scope"}


def lexicon_dir() -> Path:
    """The lexicon folder: inside the installed package, else the source checkout's."""
    here = Path(__file__).resolve().parents[1]  # the spinelens package
    for candidate in (here / "lexicons", here.parents[1] / "lexicons"):
        if (candidate / "findings").is_dir():
            return candidate
    raise LexiconError(f"lexicon folder not found (looked in {here / 'lexicons'} and {here.parents[1] / 'lexicons'})")


def read_json(name: str, directory: Path | None = None) -> tuple[Path, dict[str, Any]]:
    path = (directory or lexicon_dir()) / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LexiconError(f"{path}: file not found") from None
    except json.JSONDecodeError as exc:
        raise LexiconError(f"{path}: not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: the top level must be an object")
    return path, data


def check_rules(
    path: Path, data: dict[str, Any], list_key: str, allowed: set[str], categories: set[str] | None
) -> list[dict[str, Any]]:
    rules = data.get(list_key, [])
    if not isinstance(rules, list):
        raise LexiconError(f"{path}: key '{list_key}' must be a list")
    for i, rule in enumerate(rules):
        where = f"{path}: {list_key}[{i}]"
        if not isinstance(rule, dict):
            raise LexiconError(f"{where}: each entry must be an object")
        label = rule.get("literal")
        where = f"{where} ({label!r})"
        unknown = set(rule) - allowed
        if unknown:
            raise LexiconError(f"{where}: unknown key {sorted(unknown)[0]!r} (allowed: {sorted(allowed)})")
        for key in ("literal", "category"):
            if not isinstance(rule.get(key), str) or not rule[key]:
                raise LexiconError(f"{where}: key {key!r} must be a non-empty string")
        if categories is not None and rule["category"] not in categories:
            raise LexiconError(f"{where}: key 'category': unknown category {rule['category']!r}")
        pattern = rule.get("pattern")
        if pattern is not None and not isinstance(pattern, (list, str)):
            raise LexiconError(f"{where}: key 'pattern' must be a list of token dicts or a regex string")
        if isinstance(pattern, list) and not all(isinstance(p, dict) for p in pattern):
            raise LexiconError(f"{where}: key 'pattern' must be a list of token dicts")
        if "metadata" in rule and not isinstance(rule["metadata"], dict):
            raise LexiconError(f"{where}: key 'metadata' must be an object")
    return rules


def validate_patterns(path: Path, rules: list[dict[str, Any]], list_key: str) -> None:
    """Compile patterns now so a typo in a pattern names its entry (and fails at load). A pattern
    that compiled before, in this process or an earlier one, is not compiled again (checked.py)."""
    for i, rule in enumerate(rules):
        pattern = rule.get("pattern")
        if not isinstance(pattern, (list, str)):
            continue
        key = checked.digest(pattern)
        if checked.compiled_before(key):
            continue
        try:
            if isinstance(pattern, list):
                compile_pattern(pattern)
            else:
                re.compile(pattern)
        except (PatternError, re.error) as exc:
            raise LexiconError(f"{path}: {list_key}[{i}] ({rule.get('literal')!r}): key 'pattern': {exc}") from None
        checked.compiled_now(key)


@cache
def load_context(directory: str | None = None) -> dict[str, Any]:
    path, data = read_json("context", Path(directory) if directory else None)
    cats = {"NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE", "HYPOTHETICAL", "HISTORICAL", "FAMILY",
            "TERMINATE", "PSEUDO"}
    rules = check_rules(path, data, "context_rules", _CONTEXT_KEYS, cats)
    validate_patterns(path, rules, "context_rules")
    for i, rule in enumerate(rules):
        if rule.get("direction", "BIDIRECTIONAL") not in ("FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"):
            raise LexiconError(f"{path}: context_rules[{i}] ({rule['literal']!r}): key 'direction': bad value")
    excluded = data.get("excluded_cues", [])
    if not isinstance(excluded, list) or not all(isinstance(x, str) for x in excluded):
        raise LexiconError(f"{path}: key 'excluded_cues' must be a list of strings")
    hedge_ends = data.get("clause_hedge_ends", {}).get("words", [])
    if not isinstance(hedge_ends, list) or not all(isinstance(x, str) for x in hedge_ends):
        raise LexiconError(f"{path}: clause_hedge_ends: key 'words' must be a list of strings")
    openers = data.get("list_openers", {}).get("words", [])
    if not isinstance(openers, list) or not all(isinstance(x, str) for x in openers):
        raise LexiconError(f"{path}: list_openers: key 'words' must be a list of strings")
    field_nouns = data.get("field_nouns", {}).get("words", [])
    if not isinstance(field_nouns, list) or not all(isinstance(x, str) for x in field_nouns):
        raise LexiconError(f"{path}: field_nouns: key 'words' must be a list of strings")
    word_sets: dict[str, frozenset[str]] = {}
    for key in _CONTEXT_WORD_SETS:
        words = data.get(key, {}).get("words", [])
        if not isinstance(words, list) or not all(isinstance(x, str) for x in words):
            raise LexiconError(f"{path}: {key}: key 'words' must be a list of strings")
        word_sets[key] = frozenset(words)
    volume = data.get("bladder_volume", {})
    if not isinstance(volume.get("words"), list) or not all(isinstance(x, str) for x in volume["words"]) \
            or not all(isinstance(volume.get(k), (int, float)) for k in ("retention_ml", "normal_ml")):
        raise LexiconError(f"{path}: bladder_volume: keys 'words' (strings), 'retention_ml' and 'normal_ml' (numbers) needed")
    word_sets["bladder_volume"] = {"words": tuple(volume["words"]), "retention_ml": volume["retention_ml"],  # type: ignore[assignment]
                                   "normal_ml": volume["normal_ml"]}
    taken_back = data.get("denial_taken_back", {}).get("regex")
    try:
        word_sets["denial_taken_back"] = re.compile(taken_back or "(?!)", re.I)  # type: ignore[assignment]
    except re.error as exc:
        raise LexiconError(f"{path}: denial_taken_back: key 'regex': {exc}") from None
    # the list separators: the texts of the '|' TERMINATE rule (nlp/context.py, nlp/level_attach.py)
    separators = {t for r in rules if r["category"] == "TERMINATE" and r["literal"] == "|"
                  for tok in r.get("pattern") or [] for t in tok.get("TEXT", {}).get("IN", [])}
    checked.save()
    return {"path": path, "rules": rules, "excluded_cues": excluded,
            "negspacy_termset": data.get("negspacy_termset"), "clause_hedge_ends": set(hedge_ends),
            "list_openers": set(openers), "list_separators": frozenset(separators), "field_nouns": set(field_nouns),
            **word_sets}


# the word lists of lexicons/context.json that nlp/context.py reads as sets (each {"words": [...], "why": ...})
_CONTEXT_WORD_SETS = ("open_list_tails", "item_affirms", "list_affirming", "form_answers", "advice_words", "head_nouns",
                      "adjectival_findings", "not_denied_by_comma_lists", "graded_findings", "bracket_says_otherwise",
                      "bracket_reassures", "bracket_still_wrong", "marked_present", "list_predicates", "own_item_denials",
                      "clause_words", "affirmed_after_mark", "dash_contrary", "change_fields", "before_target_sides",
                      "csf_words", "csf_places", "subject_openers", "structure_subjects", "structure_denied",
                      "subject_sides", "denials")


@cache
def load_sections(directory: str | None = None) -> list[dict[str, Any]]:
    path, data = read_json("sections", Path(directory) if directory else None)
    rules = check_rules(path, data, "section_rules", _SECTION_KEYS, None)
    validate_patterns(path, rules, "section_rules")
    checked.save()
    return rules


@cache
def load_inline_headers(directory: str | None = None) -> dict[str, set[str]]:
    """The words that decide a header inside a line (sections.json inline_headers; nlp/sections.py)."""
    path, data = read_json("sections", Path(directory) if directory else None)
    block = data.get("inline_headers")
    if not isinstance(block, dict):
        raise LexiconError(f"{path}: key 'inline_headers' must be an object")
    out = {}
    for key in ("joining_words", "history_ends", "history_ends_bare"):
        words = block.get(key)
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise LexiconError(f"{path}: inline_headers: key {key!r} must be a non-empty list of strings")
        out[key] = set(words)
    return out


@cache
def load_attribution(directory: str | None = None) -> dict[str, Any]:
    """The phrases by which a physician relates a finding to the symptoms (nlp/attribution.py)."""
    path, data = read_json("attribution", Path(directory) if directory else None)
    rules = check_rules(path, data, "context_rules", _CONTEXT_KEYS, {"EXPLAINS", "DOES_NOT_EXPLAIN", "PSEUDO"})
    for i, rule in enumerate(rules):
        if rule.get("direction") not in ("FORWARD", "BACKWARD", "BIDIRECTIONAL", "PSEUDO"):
            raise LexiconError(f"{path}: context_rules[{i}] ({rule['literal']!r}): key 'direction': "
                               "must be FORWARD, BACKWARD, BIDIRECTIONAL or PSEUDO")
    out: dict[str, Any] = {"rules": rules}
    for key in ("symptom_words", "elsewhere_words", "study_words", "leg_symptom_words", "own_source_words"):
        words = data.get(key)
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            raise LexiconError(f"{path}: key {key!r} must be a non-empty list of strings")
        out[key] = [w.lower() for w in words]
    return out


STATEMENT_PATTERNS = ("study", "result", "passive", "not_yet", "asked", "past_result", "person", "care", "additive",
                      "narrative", "blank", "not_imaging", "contrast", "it_showed", "above", "preop_diagnosis",
                      "operative", "spine_level", "relative", "has_of_spine", "case_opening", "quoting",
                      "level_after_study", "note_title", "report_heading", "topic_heading", "possessive", "letter_story",
                      "reported", "requested", "screen_heading", "prose_after_title",
                      "past_operation_before", "reviewed", "describes_image", "person_subject", "explained_person",
                      "to_come", "normal_word", "ordered_by")


class _AnyFirst(Exception):
    """A pattern whose first character cannot be told as a class."""


_CATEGORIES = {sre_parse.CATEGORY_DIGIT: r"\d", sre_parse.CATEGORY_NOT_DIGIT: r"\D", sre_parse.CATEGORY_WORD: r"\w",
               sre_parse.CATEGORY_NOT_WORD: r"\W", sre_parse.CATEGORY_SPACE: r"\s", sre_parse.CATEGORY_NOT_SPACE: r"\S"}


def _first_class(pattern: str, flags: int) -> str | None:
    """A character class (regex text, read with the pattern's flags) that holds the first character of
    every match of the pattern; None when it may match the empty string or start with anything."""
    if re.match(r"\(\?[aiLmsux]+\)", pattern):
        return None  # global inline flags: they must stay first
    parts: set[str] = set()

    def items(seq) -> bool:  # whether seq can match the empty string; its first characters into parts
        for op, av in seq:
            if op in (sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT):
                continue  # zero width
            if not item(op, av):
                return False
        return True

    def item(op, av) -> bool:
        if op is sre_parse.LITERAL:
            parts.add(re.escape(chr(av)))
            return False
        if op is sre_parse.IN:
            for kind, value in av:
                if kind is sre_parse.LITERAL:
                    parts.add(re.escape(chr(value)))
                elif kind is sre_parse.RANGE:
                    parts.add(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
                elif kind is sre_parse.CATEGORY and value in _CATEGORIES:
                    parts.add(_CATEGORIES[value])
                else:
                    raise _AnyFirst
            return False
        if op is sre_parse.BRANCH:
            empty = False
            for branch in av[1]:
                empty = items(branch) or empty
            return empty
        if op is sre_parse.SUBPATTERN:
            if av[1] or av[2]:
                raise _AnyFirst  # flags scoped to the group
            return items(av[3])
        if op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT):
            return items(av[2]) or av[0] == 0
        if op is sre_parse.ATOMIC_GROUP:
            return items(av)
        raise _AnyFirst

    try:
        if items(sre_parse.parse(pattern, flags)):
            return None
    except _AnyFirst:
        return None
    return "[" + "".join(sorted(parts)) + "]"


def _first_looked(regex: re.Pattern[str]) -> re.Pattern[str]:
    """The regex behind a look-ahead for the class of its first characters: the same matches, but re
    (which cannot tell that class itself past a \\b or a group) tries the rest only where it fits;
    searched over a sentence, such a pattern is several times faster."""
    first = _first_class(regex.pattern, regex.flags)
    if first is None:
        return regex
    return re.compile(f"(?={first})(?:{regex.pattern})", regex.flags)


def _named_patterns(name: str, names: tuple[str, ...], flags: int, directory: str | None) -> dict[str, re.Pattern[str]]:
    """A lexicon of named regular expressions ({"patterns": [{"name", "regex", "why"}]}), compiled, by name;
    a bad or missing entry fails naming the file, the entry and the key."""
    path, data = read_json(name, Path(directory) if directory else None)
    entries = data.get("patterns")
    if not isinstance(entries, list):
        raise LexiconError(f"{path}: key 'patterns' must be a list")
    out: dict[str, re.Pattern[str]] = {}
    for i, entry in enumerate(entries):
        label = entry.get("name") if isinstance(entry, dict) else None
        where = f"{path}: patterns[{i}] ({label!r})"
        if not isinstance(entry, dict) or label not in names:
            raise LexiconError(f"{where}: key 'name' must be one of {list(names)}")
        for key in ("regex", "why"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise LexiconError(f"{where}: key {key!r} must be a non-empty string")
        try:
            out[label] = _first_looked(re.compile(entry["regex"], flags))
        except re.error as exc:
            raise LexiconError(f"{where}: key 'regex': {exc}") from None
    missing = [n for n in names if n not in out]
    if missing:
        raise LexiconError(f"{path}: key 'patterns': no entry named {missing[0]!r}")
    return out


@cache
def load_statement_patterns(directory: str | None = None) -> dict[str, re.Pattern[str]]:
    """The words that tell imaging statements in a note (nlp/statements.py), compiled, by name."""
    return _named_patterns("statements", STATEMENT_PATTERNS, re.I, directory)


DISCOURSE_PATTERNS = ("coordinated", "placed", "in_region", "the_structure", "at_level_of", "another_lesion", "inside_dura", "former_latter_lead", "former_latter", "not_in_bone", "bone_infection",
                      "fracture_oedema", "marrow_lesion", "conus_position", "oedema_elsewhere",
                      "extends_from", "exiting_root", "vertebra_named",
                      "covers_spine", "read_as", "not_read_as", "other_thing", "hedged", "hedge_scope", "result_of_before",
                      "after_study_name", "asked_in_title", "not_going_on", "result_line",
                      "history_line", "level_line", "change_line", "another_place", "prior_study", "residual", "gone", "fused", "topic_statement",
                      "unchanged_lesion", "benign_named")


@cache
def load_discourse_patterns(directory: str | None = None) -> dict[str, re.Pattern[str]]:
    """The words of discourse (levels across sentences, one lesion over several, a lesion read as a
    disease, a physician's hedge), compiled case-insensitively, by name."""
    return _named_patterns("discourse", DISCOURSE_PATTERNS, re.I, directory)


SYMPTOM_PATTERNS = ("strength_normal", "strength_weak", "sense_deficit", "deficit_any", "sense_normal", "walk_weak",
                    "walk_normal", "slr_positive", "slr_negative", "slr_equivocal", "leg", "claudicant", "claudication_limb", "no_symptom", "lab_both",
                    "lab_raised", "malignant", "spine_operation", "longstanding", "new", "deficit_named", "saddle",
                    "template_normal", "kind_strength", "kind_reflex", "kind_sensation", "kind_walk", "kind_slr", "other_test",
                    "to_a_side", "risk_talk", "personal", "back_pain_before", "other_pain_before", "steroid", "long_term",
                    "for_past_operation", "still_or_planned", "none_before", "any_operation", "possessed", "cause_denied",
                    "symptom_denied", "state_denied", "if_present", "sensory_piece", "except_grade", "operation_denied", "safety_statement", "denied_limb", "back_named", "minor_mechanism", "major_mechanism", "denied_word")


@cache
def load_symptom_patterns(directory: str | None = None) -> dict[str, re.Pattern[str]]:
    """The clinical words of the symptom reader (nlp/symptom_words.py), compiled, by name; matched on
    lower-cased text, so case-sensitive."""
    return _named_patterns("symptom_words", SYMPTOM_PATTERNS, 0, directory)
