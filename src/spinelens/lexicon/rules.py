"""Every target rule SpineLens matches: the finding cards' rules and exclusions, the structures and
relation words of relations.json (with its table checked against the cards), and the symptom rules."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import LexiconError
from . import checked
from .cards import load_cards
from .files import RULE_KEYS, SYMPTOM_TYPES, check_rules, read_json, validate_patterns


@cache
def load_target_rules(directory: str | None = None) -> tuple[tuple[str, dict[str, Any]], ...]:
    """All finding, exclusion, object, relation and symptom rules as (source name, rule dict);
    a finding card's source is 'findings/<type>'."""
    base = Path(directory) if directory else None
    out: list[tuple[str, dict[str, Any]]] = []
    for card in load_cards(directory).values():
        out.extend((f"findings/{card.type}", r) for r in card.target_rules + card.exclusions)
    rel = load_relations(directory)
    out.extend(("relations", r) for r in rel["target_rules"])
    path, data = read_json("symptoms", base)
    symptom_categories = {f"SYM_{t}" for t in SYMPTOM_TYPES} | {"EXCLUDE"}
    for key in ("target_rules", "exclusions"):
        rules = check_rules(path, data, key, RULE_KEYS, symptom_categories)
        validate_patterns(path, rules, key)
        out.extend(("symptoms", r) for r in rules)
    checked.save()
    return tuple(out)


@cache
def anaphor_rules(directory: str | None = None) -> dict[str, bool | str]:
    """The rules whose words refer back to a finding stated before them (metadata 'anaphor'), by 'source:literal':
    true (placed by their own level: 'further lesions at T11'), "nearest" (only right after their antecedent: 'the
    largest is in T7') or "definite" (at their antecedent's level: 'the slip')."""
    out: dict[str, bool | str] = {}
    for source, rule in load_target_rules(directory):
        value = (rule.get("metadata") or {}).get("anaphor")
        if value is None:
            continue
        if value not in (True, "nearest", "definite"):
            raise LexiconError(f"lexicons/{source}.json: rule {rule['literal']!r}: key 'metadata.anaphor' must be true, "
                               f"\"nearest\" or \"definite\", not {value!r}")
        out[f"{source}:{rule['literal']}"] = value
    return out


@cache
def load_relations(directory: str | None = None) -> dict[str, Any]:
    path, data = read_json("relations", Path(directory) if directory else None)
    objects = set(data.get("objects", []))
    relations = set(data.get("relation_classes", []))
    if not objects or not relations:
        raise LexiconError(f"{path}: keys 'objects' and 'relation_classes' must list the categories used")
    rules = check_rules(path, data, "target_rules", RULE_KEYS, objects | relations | {"EXCLUDE"})
    validate_patterns(path, rules, "target_rules")
    table = data.get("relations")
    if not isinstance(table, list):
        raise LexiconError(f"{path}: key 'relations' must be a list")
    for i, entry in enumerate(table):
        where = f"{path}: relations[{i}]"
        if not isinstance(entry, dict):
            raise LexiconError(f"{where}: each entry must be an object")
        if entry.get("object") not in objects:
            raise LexiconError(f"{where}: key 'object': unknown object {entry.get('object')!r}")
        if entry.get("relation") not in relations:
            raise LexiconError(f"{where}: key 'relation': unknown relation class {entry.get('relation')!r}")
        if entry.get("type") is not None and entry.get("type") not in load_cards(directory):
            raise LexiconError(f"{where}: key 'type': unknown finding type {entry.get('type')!r}")
        if entry.get("certainty") not in (None, "absent"):
            raise LexiconError(f"{where}: key 'certainty' may only be 'absent'")
        if entry.get("denied_says") not in (None, "present", "possible") or entry.get("denied_says") is not None \
                and entry.get("certainty") != "absent":
            raise LexiconError(f"{where}: key 'denied_says' may only be 'present' or 'possible', on an 'absent' entry")
        if entry.get("also") is not None and entry.get("also") not in load_cards(directory):
            raise LexiconError(f"{where}: key 'also': unknown finding type {entry.get('also')!r}")
        if entry.get("unless_named") not in (None, True) or entry.get("unless_named") and entry.get("also") is None:
            raise LexiconError(f"{where}: key 'unless_named' may only be true, on an entry with 'also'")
    columns = data.get("table_columns", {})
    for i, col in enumerate(columns.get("columns", [])):
        if col.get("object") not in objects:
            raise LexiconError(f"{path}: table_columns.columns[{i}]: key 'object': unknown object {col.get('object')!r}")
        try:
            re.compile(col.get("regex", ""))
        except re.error as exc:
            raise LexiconError(f"{path}: table_columns.columns[{i}]: key 'regex': {exc}") from None
    checked.save()
    return {"path": path, **data, "target_rules": rules}
