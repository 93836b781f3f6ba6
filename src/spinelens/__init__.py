"""SpineLens: structured findings from free-text lumbar spine MRI reports.

    >>> import spinelens
    >>> result = spinelens.analyze("L4-5: Left paracentral disc protrusion compressing the left L5 root.")
    >>> [(f.type, f.level, f.side, f.certainty) for f in result.findings][:1]
    [('disc_protrusion', 'L4-L5', 'left', 'present')]
"""

from __future__ import annotations

from .analyze import analyze, load
from .errors import InputError, LexiconError, SpineLensError
from .indication import Indication, assess_indication
from .model import Finding, Result
from .version import __version__

__all__ = ["analyze", "assess_indication", "load", "schema", "Indication", "Result", "Finding", "SpineLensError",
           "InputError", "LexiconError", "__version__"]

SCHEMA_FILE = "result.schema.json"  # in the package: a copy of shared/spec/result.schema.json


def schema_text() -> str:
    """The result schema as shipped, byte for byte (what ``spinelens schema`` prints)."""
    from importlib import resources

    return resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def schema() -> dict:
    """The JSON Schema (draft 2020-12) every result follows (``Result.to_dict()``, the CLI's and the web
    API's JSON, each batch record but error records): a new dict on each call.

        >>> import spinelens
        >>> spinelens.schema()["properties"]["schema_version"]
        {'const': '1'}
    """
    import json

    return json.loads(schema_text())
