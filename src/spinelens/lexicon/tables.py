"""The plain data tables of ``lexicons/`` (attributes, clinical, spelling, explanations, FHIR codes,
indication) and the prevalence table, each checked at load: the keys the code reads must be
there with the right shape, and names that point elsewhere (symptom types, correlation
categories, finding types) must exist. A bad table fails with its file and key named."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import LexiconError
from ..model import CATEGORIES
from .files import SYMPTOM_TYPES, lexicon_dir, read_json

# table -> key -> the shape its value must have
_REQUIRED: dict[str, dict[str, type]] = {
    "attributes": {"severity": dict, "side": dict, "plural_objects": list, "zone": dict, "zone_priority": list,
                   "root_relation": dict, "acuity": dict, "pathologic": dict, "grade": dict, "multilevel": list,
                   "side_letters": dict},
    "clinical": {"territory": dict, "movement": dict, "reflex": dict, "nonspecific_radicular_roots": list,
                 "odds_ratios": dict, "radicular_symptoms": list, "red_flag_symptoms": list, "diffuse_roots": dict},
    "spelling": {"synonyms": dict, "extra_targets": list, "known_words": list},
    "explanations": {"certainty": dict, "categories": dict, "text": dict},
    "fhir": {"systems": dict, "report_code": dict, "laterality": dict, "categories": dict},
    "indication": {"variants": dict, "questions": dict, "patterns": dict, "notes": dict},
}


def _cross_check(name: str, path: Path, data: dict[str, Any]) -> None:
    if name == "clinical":
        count = data["diffuse_roots"].get("count")
        if not isinstance(count, int) or count < 2:
            raise LexiconError(f"{path}: key 'diffuse_roots.count' must be a whole number of at least 2")
        for key in ("radicular_symptoms", "red_flag_symptoms"):
            unknown = [s for s in data[key] if s not in SYMPTOM_TYPES]
            if unknown:
                raise LexiconError(f"{path}: key {key!r}: unknown symptom type {unknown[0]!r}")
    if name in ("explanations", "fhir"):
        missing = [c for c in CATEGORIES if c not in data["categories"]]
        if missing:
            raise LexiconError(f"{path}: key 'categories': no entry for category {missing[0]!r}")
    if name == "spelling":
        for k, entry in enumerate(data.get("context_synonyms", [])):
            if not isinstance(entry, dict) or not isinstance(entry.get("word"), str) or not isinstance(entry.get("norm"), str):
                raise LexiconError(f"{path}: key 'context_synonyms' entry {k}: needs 'word' and 'norm' (text)")
            for key in ("after", "before", "not_before"):
                if not isinstance(entry.get(key, []), list) or not all(isinstance(w, str) for w in entry.get(key, [])):
                    raise LexiconError(f"{path}: key 'context_synonyms' entry {k} ({entry['word']!r}): {key!r} must be a "
                                       "list of words")
    if name == "attributes":
        zones = set(data["zone"].values())
        if not zones <= set(data["zone_priority"]):
            raise LexiconError(f"{path}: key 'zone_priority' must rank every zone ({sorted(zones)})")
        letters = data["side_letters"]
        if not isinstance(letters.get("letters"), dict) or not set(letters["letters"].values()) <= {"left", "right"} \
                or not isinstance(letters.get("before"), list) or not all(isinstance(w, str) for w in letters["before"]):
            raise LexiconError(f"{path}: key 'side_letters' needs 'letters' (letter -> left / right) and 'before' (a list "
                               "of words)")


@cache
def load_table(name: str, directory: str | None = None) -> dict[str, Any]:
    """A data table, after its shape and cross-references are checked."""
    path, data = read_json(name, Path(directory) if directory else None)
    for key, value in data.items():
        if key != "metadata" and not isinstance(value, (dict, list)):
            raise LexiconError(f"{path}: key {key!r} must be an object or a list")
    for key, kind in _REQUIRED.get(name, {}).items():
        if key not in data:
            raise LexiconError(f"{path}: missing key {key!r}")
        if not isinstance(data[key], kind):
            raise LexiconError(f"{path}: key {key!r} must be {'an object' if kind is dict else 'a list'}")
    _cross_check(name, path, data)
    return data


@cache
def prevalence_table(directory: str | None = None) -> dict[str, list[float]]:
    """lexicons/prevalence.csv: type -> percent of people without back pain at ages 20, 30, ... 80."""
    from .cards import load_cards

    path = (Path(directory) if directory else lexicon_dir()) / "prevalence.csv"
    out: dict[str, list[float]] = {}
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            for line, row in enumerate(csv.DictReader(fh), start=2):
                if row.get("type") not in load_cards(directory):
                    raise LexiconError(f"{path}:{line}: unknown finding type {row.get('type')!r}")
                try:
                    out[row["type"]] = [float(row[f"age{a}"]) for a in range(20, 90, 10)]
                except (KeyError, TypeError, ValueError):
                    raise LexiconError(f"{path}:{line}: needs a number in each of age20 ... age80") from None
    except FileNotFoundError:
        raise LexiconError(f"{path}: file not found") from None
    return out
