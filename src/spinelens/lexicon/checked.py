"""Which lexicon patterns are known to compile, remembered in the user's cache folder.

Every token pattern of lexicons/ is compiled at load so that a typo fails there, naming its entry
(files.validate_patterns). Compiling ~500 regular expressions was 0.1 s of every cold start, for the
same patterns each time. So a pattern that compiled is remembered by a digest of its exact JSON text,
in ``$XDG_CACHE_HOME/spinelens`` (else ``~/.cache/spinelens``), in a file named by a digest of the
code that checks patterns (patterns.py, files.py) and of the Python version; a later process skips
the patterns it finds there. A new or edited pattern has a new digest and is compiled (and fails) as
before; new code or a new Python starts a new file. Only digests of lexicon patterns are written:
no report text. The file is replaced atomically; one that cannot be read or parsed counts as empty
and is written anew; where the folder cannot be written, every pattern is compiled, as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from .. import diskcache

_DIGEST = re.compile(r"[0-9a-f]{32}")
_KNOWN: set[str] | None = None  # digests read from the cache file (and added since)
_NEW: set[str] = set()  # digests added in this process, not yet written


def _code_digest() -> str:
    here = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=8)
    h.update(sys.version.encode())
    for name in ("patterns.py", "files.py", "checked.py"):
        h.update((here / name).read_bytes())
    return h.hexdigest()


def cache_path() -> Path:
    return diskcache.cache_dir() / f"compiled-patterns-{_code_digest()}.json"


def digest(pattern: Any) -> str:
    """The digest of a pattern (a token list or a regex string), from its exact JSON text."""
    text = json.dumps(pattern, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _known() -> set[str]:
    global _KNOWN
    if _KNOWN is None:
        _KNOWN = set()
        try:
            data = json.loads(cache_path().read_text(encoding="utf-8"))
            found = data.get("compiled") if isinstance(data, dict) else None
            if isinstance(found, list) and all(isinstance(d, str) and _DIGEST.fullmatch(d) for d in found):
                _KNOWN = set(found)  # else: not a file this module wrote; it is written anew
        except (OSError, ValueError, UnicodeDecodeError):  # no file, no folder, a corrupt file: none known
            pass
    return _KNOWN


def compiled_before(key: str) -> bool:
    return key in _known()


def compiled_now(key: str) -> None:
    known = _known()
    if key not in known:
        known.add(key)
        _NEW.add(key)


def save() -> None:
    """Write the digests, when this process added any (a lexicon entry is new or changed). Never raises."""
    if not _NEW:
        return
    try:
        path = cache_path()
        known = _known()
        if len(known) > 20_000:  # bounded: years of lexicon edits on one machine
            known.intersection_update(_NEW)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"compiled": sorted(known)}, f)
            os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _NEW.clear()
    except OSError:  # a read-only home, a full disk: patterns are compiled again next time
        pass
