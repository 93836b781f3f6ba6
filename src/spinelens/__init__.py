"""SpineLens: structured findings from free-text lumbar spine MRI reports.

    >>> import spinelens
    >>> result = spinelens.analyze("L4-5: Left paracentral disc protrusion compressing the left L5 root.")
    >>> [(f.type, f.level, f.side, f.certainty) for f in result.findings][:1]
    [('disc_protrusion', 'L4-L5', 'left', 'present')]
"""

from __future__ import annotations

from .regexcache import loading

with loading("package"):  # the modules' regular expressions come from the cache file (regexcache.py)
    from .analyze import analyze, load
    from .contract import schema, schema_text
    from .errors import InputError, LexiconError, SpineLensError
    from .indication import Indication, assess_indication
    from .model import Finding, Result
    from .version import __version__

__all__ = ["analyze", "assess_indication", "load", "schema", "schema_text", "Indication", "Result", "Finding",
           "SpineLensError", "InputError", "LexiconError", "__version__"]
