"""Finding cards: one file per finding type, ``lexicons/findings/<type>.json``.

A card is the one home of a finding type: its target rules with the exclusions beside them,
how its level is read, whether it has a disc zone, whether it is a red flag (and why), the
correlation group whose rule judges it, the patient's wording and the FHIR coding. Adding a
type is adding a card (and its schema enum entry, by contract). An incomplete card fails at
load with its file and key named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import LexiconError
from . import checked
from .files import RULE_KEYS, check_rules, lexicon_dir, validate_patterns

LEVEL_KINDS = ("disc", "body", "global", "curve", "none")
# Correlation groups: each is one rule in correlate.py (GROUP_RULES), named here so a card
# with a typo fails at load rather than at the first report.
GROUPS = ("pathology", "cauda_equina", "fracture", "marrow", "modic", "root", "bulge", "canal", "spondylolysis",
          "spondylolisthesis", "sacroiliitis", "postoperative", "benign", "degenerative", "unmatched")
# Roles a type plays when correlation looks at everything at one level (correlate._in_context).
ROLES = ("level_pathology", "compressive", "contributor", "companion")
_KEYS = {"metadata", "type", "level", "level_from_header", "zone", "red_flag", "correlation", "patient", "fhir",
         "target_rules", "exclusions"}


@dataclass(frozen=True)
class Card:
    type: str
    level: str  # "disc": between two vertebrae; "body": one vertebra; "global": the whole spine, at a level
    # only when one is written with it ('L4-5 spondylosis'); "curve": a curve of the spine, never at a level;
    # "none": beside the spine, never at a spinal level (sacroiliitis)
    level_from_header: bool  # takes the disc level of an 'L4-5:' header above it
    zone: bool  # has a disc zone (central, paracentral, foraminal ...)
    red_flag_reason: str | None  # set: the finding is a red flag, for this reason
    group: str
    roles: tuple[str, ...]
    patient: dict[str, str]
    fhir: dict[str, Any]
    target_rules: list[dict[str, Any]] = field(default_factory=list)
    exclusions: list[dict[str, Any]] = field(default_factory=list)
    path: Path | None = None

    @property
    def red_flag(self) -> bool:
        return self.red_flag_reason is not None


def _need(where: str, data: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    if key not in data:
        raise LexiconError(f"{where}: missing key {key!r}")
    value = data[key]
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise LexiconError(f"{where}: key {key!r} must be {names}")
    return value


def _card(path: Path, data: Any) -> Card:
    where = str(path)
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: the top level must be an object")
    unknown = set(data) - _KEYS
    if unknown:
        raise LexiconError(f"{where}: unknown key {sorted(unknown)[0]!r} (allowed: {sorted(_KEYS)})")
    ftype = _need(where, data, "type", str)
    if ftype != path.stem:
        raise LexiconError(f"{where}: key 'type': {ftype!r} must match the file name {path.stem!r}")
    level = _need(where, data, "level", str)
    if level not in LEVEL_KINDS:
        raise LexiconError(f"{where}: key 'level': {level!r} is not one of {', '.join(LEVEL_KINDS)}")
    red = _need(where, data, "red_flag", (dict, type(None)))
    if red is not None and not (isinstance(red.get("reason"), str) and red["reason"]):
        raise LexiconError(f"{where}: key 'red_flag': needs a non-empty 'reason' (or null: not a red flag)")
    corr = _need(where, data, "correlation", dict)
    group = _need(f"{where}: correlation", corr, "group", str)
    if group not in GROUPS:
        raise LexiconError(f"{where}: key 'correlation.group': {group!r} is not one of {', '.join(GROUPS)}")
    if group == "pathology" and red is None:
        raise LexiconError(f"{where}: key 'red_flag': the 'pathology' group is for red flags; give its reason")
    roles = corr.get("roles", [])
    if not isinstance(roles, list) or any(r not in ROLES for r in roles):
        raise LexiconError(f"{where}: key 'correlation.roles' must be a list of {', '.join(ROLES)}")
    patient = _need(where, data, "patient", dict)
    for key in ("name", "what"):
        _need(f"{where}: patient", patient, key, str)
    fhir = _need(where, data, "fhir", dict)
    _need(f"{where}: fhir", fhir, "display", str)
    snomed = fhir.get("snomed")
    if snomed is not None and not (isinstance(snomed, dict) and {"code", "display"} <= set(snomed)):
        raise LexiconError(f"{where}: key 'fhir.snomed' must be null or {{\"code\", \"display\"}}")
    rules = check_rules(path, data, "target_rules", RULE_KEYS, {ftype})
    exclusions = check_rules(path, data, "exclusions", RULE_KEYS, {"EXCLUDE"})
    for key, found in (("target_rules", rules), ("exclusions", exclusions)):
        validate_patterns(path, found, key)
    return Card(type=ftype, level=level, level_from_header=bool(_need(where, data, "level_from_header", bool)),
                zone=bool(_need(where, data, "zone", bool)), red_flag_reason=red["reason"] if red else None,
                group=group, roles=tuple(roles), patient=patient, fhir=fhir, target_rules=rules,
                exclusions=exclusions, path=path)


@cache
def load_cards(directory: str | None = None) -> dict[str, Card]:
    """Every finding card, by type, in file-name order."""
    import json

    folder = (Path(directory) if directory else lexicon_dir()) / "findings"
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise LexiconError(f"{folder}: no finding cards (<type>.json) found")
    cards: dict[str, Card] = {}
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise LexiconError(f"{path}: not valid JSON: {exc}") from None
        card = _card(path, data)
        cards[card.type] = card
    checked.save()
    return cards


def card(ftype: str) -> Card:
    """The card of a finding type (LexiconError for an unknown type)."""
    found = load_cards().get(ftype)
    if found is None:
        raise LexiconError(f"unknown finding type {ftype!r}: no card lexicons/findings/{ftype}.json")
    return found


def finding_types() -> tuple[str, ...]:
    return tuple(load_cards())


@cache
def types_where(**wanted: Any) -> frozenset[str]:
    """Types whose card attributes equal the given values: types_where(level="body"). Cached: it is
    asked per report (extract.py) and the cards do not change once loaded."""
    return frozenset(t for t, c in load_cards().items() if all(getattr(c, k) == v for k, v in wanted.items()))


@cache
def types_with_role(role: str) -> frozenset[str]:
    return frozenset(t for t, c in load_cards().items() if role in c.roles)
