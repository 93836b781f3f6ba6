"""The editable domain knowledge in ``lexicons/``: located, read and validated here.

Rule files use medspaCy's JSON shapes (``target_rules``, ``context_rules``, ``section_rules``);
each finding type has one card (cards.py); tables are checked for the keys the code reads
(tables.py). A bad entry fails at load with the file, the entry and the key named.
"""

from __future__ import annotations

from ..errors import LexiconError, PatternError
from .cards import Card, card, finding_types, load_cards, types_where, types_with_role
from .files import (
    SYMPTOM_TYPES,
    lexicon_dir,
    load_attribution,
    load_context,
    load_discourse_patterns,
    load_inline_headers,
    load_sections,
    load_statement_patterns,
    load_symptom_patterns,
    read_json,
)
from .patterns import TEXT_KEYS, compile_pattern, first_tokens, first_words
from .rules import anaphor_rules, load_relations, load_target_rules
from .tables import load_table, prevalence_table

__all__ = [
    "TEXT_KEYS",
    "Card", "LexiconError", "anaphor_rules", "PatternError", "SYMPTOM_TYPES", "card", "compile_pattern", "finding_types", "first_tokens",
    "first_words", "lexicon_dir", "load_attribution", "load_cards", "load_context", "load_discourse_patterns", "load_inline_headers", "load_relations", "load_sections", "load_statement_patterns", "load_symptom_patterns", "load_table", "load_target_rules",
    "prevalence_table", "read_json", "types_where", "types_with_role", "FINDING_TYPES",
]


def __getattr__(name: str):
    # FINDING_TYPES is read from the cards on first use (not at import, so a bad card fails
    # where it is used, with its file named)
    if name == "FINDING_TYPES":
        return finding_types()
    raise AttributeError(name)
