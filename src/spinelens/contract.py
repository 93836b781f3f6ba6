"""The result contract: the JSON Schema every result follows, shipped in the package as
result.schema.json (a copy of shared/spec/result.schema.json; tests/test_package.py keeps them equal)."""

from __future__ import annotations

import json
from importlib import resources

SCHEMA_FILE = "result.schema.json"


def schema_text() -> str:
    """The result schema as shipped, byte for byte (what ``spinelens schema`` prints)."""
    return resources.files("spinelens").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def schema() -> dict:
    """The JSON Schema (draft 2020-12) every result follows (``Result.to_dict()``, the CLI's and the web
    API's JSON, each batch record but error records): a new dict on each call.

        >>> import spinelens
        >>> spinelens.schema()["properties"]["schema_version"]
        {'const': '1'}
    """
    return json.loads(schema_text())
