"""The result schema (shared/spec/result.schema.json) as JSON."""

from __future__ import annotations

from ..model import Result
from ._common import to_json


def render(result: Result, text: str) -> str:
    return to_json(result.to_dict())
