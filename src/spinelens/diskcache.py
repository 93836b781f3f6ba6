"""The user's cache folder, where SpineLens keeps what it would otherwise build at every start (never
report text): regexcache.py (compiled regular expressions), nlp/tokenizer.py (ConText's phrases,
tokenized), lexicon/checked.py (digests of the patterns known to compile, JSON) and nlp/english.py
(the English word list, text).

``$XDG_CACHE_HOME/spinelens``, else ``~/.cache/spinelens``. ``write`` stores marshal data behind a
blake2b checksum (like a .pyc), atomically, in a file named by a digest of everything its content
follows from; ``read`` answers None for a missing, unreadable, altered or foreign file, so that the
caller builds the content again and writes it anew. ``write`` raises OSError only (a read-only
home, a full disk), which callers ignore.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spinelens"


def read(path: Path) -> Any | None:
    try:
        blob = path.read_bytes()
        check, payload = blob[:32], blob[32:]
        if len(blob) < 32 or hashlib.blake2b(payload, digest_size=32).digest() != check:
            return None
        return marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError):
        return None


def write(path: Path, data: Any, keep: int | None = None) -> None:
    """Write ``data`` (marshal types only) to ``path``; with ``keep``, remove all but the ``keep`` newest
    other files whose names share the part before the last '-' (older builds of the same thing)."""
    payload = marshal.dumps(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(hashlib.blake2b(payload, digest_size=32).digest() + payload)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if keep is not None:
        stem = path.name.rsplit("-", 1)[0] + "-"
        others = [p for p in path.parent.glob(stem + "*" + path.suffix) if p != path and p.name.count("-") == path.name.count("-")]
        for old in sorted(others, key=lambda p: p.stat().st_mtime_ns, reverse=True)[keep:]:
            old.unlink(missing_ok=True)
