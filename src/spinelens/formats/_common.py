"""What several formats share: level order, stated versus absent findings, JSON text."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..levels import level_sort_key
from ..model import Finding


def by_level(findings: Iterable[Finding]) -> list[Finding]:
    """Head to foot, findings without a level last; report order within a level."""
    return sorted(findings, key=lambda f: level_sort_key(f.level))


def present_or_possible(findings: Iterable[Finding]) -> list[Finding]:
    """Present or possible: what the report says is there."""
    return [f for f in findings if f.certainty != "absent"]


def stated_absent(findings: Iterable[Finding]) -> list[Finding]:
    """Stated as absent ("no stenosis")."""
    return [f for f in findings if f.certainty == "absent"]


def to_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
