"""Compiled regular expressions kept from one process to the next, as Python keeps compiled bytecode.

Python compiles a regular expression in pure Python (re._parser, re._compiler) into a list of
integers that its C engine runs. While SpineLens loads its pipeline it compiles ~400 of them:
spaCy's tokenizer rules, the section titles, the lexicon's rules, the modules' own patterns;
0.15 s of every cold start, the same each time. So, while SpineLens loads (``loading``), a
pattern that this thread compiles is looked up in a cache file of the compiled code first; one not
there is compiled as usual, its code computed again, checked to make a pattern equal to the one
Python compiled (``==`` compares the pattern, flags and code), and written to the file when loading
is done. The file is ``$XDG_CACHE_HOME/spinelens`` (else ``~/.cache/spinelens``)
``/regex-<digest of Python's version and regex engine>.marshal``: marshal data behind a checksum,
replaced atomically, like a .pyc file. Only patterns compiled while loading are written (code and
lexicons, no report text: no text is read then). A file that cannot be read, fails its checksum or
does not parse counts as empty and is written anew; where the folder cannot be written, patterns are
compiled as before. The pattern objects are the ones ``re.compile`` makes: results do not change.
"""

from __future__ import annotations

import _sre  # the C engine that re compiles for
import gc
import hashlib
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]  # stable in 3.11-3.13
from typing import Any

from . import diskcache

FORMAT = 1
_MAX_ENTRIES = 5_000  # bounded: a file that grows past this keeps only what the last loading used
_PLAIN = int(re.IGNORECASE | re.LOCALE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE | re.ASCII)
_done: set[str] = set()  # windows already loaded in this process
_active = False
_lock = threading.Lock()


def cache_path(window: str) -> Path:
    engine = f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}|{FORMAT}"
    return diskcache.cache_dir() / f"regex-{window}-{hashlib.blake2b(engine.encode(), digest_size=8).hexdigest()}.marshal"


def _read(path: Path) -> dict[tuple[str, int], tuple]:
    """The file's entries, or none for a missing, unreadable, altered or foreign file (never raises)."""
    entries = diskcache.read(path)
    if not isinstance(entries, dict) or not all(_well_formed(k, v) for k, v in entries.items()):
        return {}
    return entries


def _well_formed(key: Any, value: Any) -> bool:
    return (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str) and isinstance(key[1], int)
            and isinstance(value, tuple) and len(value) == 5 and isinstance(value[0], int)
            and isinstance(value[1], list) and isinstance(value[2], int) and isinstance(value[3], dict)
            and isinstance(value[4], tuple))


def _code(pattern: str, flags: int) -> tuple:
    """What re._compiler.compile passes to _sre.compile for this pattern (plain ints, for marshal)."""
    p = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(p, flags)]
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | p.state.flags), code, p.state.groups - 1, groupindex, tuple(indexgroup))


@contextmanager
def loading(window: str) -> Iterator[None]:
    """SpineLens loading its modules or its pipeline. The first time a window is entered in a process:
    regular expressions this thread compiles come from the cache file when they are there, and are
    added to it when not; and Python's cyclic garbage collector is paused (if it was on; from the main
    thread only): loading makes ~1 million objects and few cycles, and each full collection walked them
    all, 0.1-0.2 s in all. Garbage made meanwhile is collected afterwards, as usual."""
    global _active
    with _lock:
        first = window not in _done and not _active  # not nested in another window
        _done.add(window)
        _active = _active or first
    if not first:
        yield
        return
    path = cache_path(window)
    known = _read(path)
    used: dict[tuple[str, int], tuple] = {}
    new: dict[tuple[str, int], re.Pattern] = {}
    live: dict[tuple[str, int], re.Pattern] = {}
    me = threading.get_ident()
    original = re._compile

    def _compile(pattern: Any, flags: Any) -> re.Pattern:
        if threading.get_ident() != me or type(pattern) is not str or not isinstance(flags, int) or flags & ~_PLAIN:
            return original(pattern, flags)  # another thread's, a bytes pattern, re.DEBUG ...: as usual
        key = (pattern, int(flags))
        found = live.get(key)
        if found is not None:
            return found
        args = known.get(key)
        if args is not None:
            try:
                found = _sre.compile(pattern, *args)
                used[key] = args
            except Exception:  # code this engine refuses: compile it as usual
                found = None
        if found is None:
            found = original(pattern, flags)
            new[key] = found
        live[key] = found
        cache = getattr(re, "_cache", None)  # where re.compile would have kept it, while there is room
        if isinstance(cache, dict) and len(cache) < getattr(re, "_MAXCACHE", 0):
            cache.setdefault((str, pattern, key[1]), found)
        return found

    paused = gc.isenabled() and threading.current_thread() is threading.main_thread()
    if paused:
        gc.disable()
    re._compile = _compile
    try:
        yield
    finally:
        re._compile = original
        _active = False
        if paused:
            gc.enable()
        _save(path, known, used, new)


def _save(path: Path, known: dict, used: dict, new: dict) -> None:
    """Add the patterns compiled anew to the file (their code checked against Python's). Never raises."""
    added = {}
    for (pattern, flags), compiled in new.items():
        try:
            args = _code(pattern, flags)
            if _sre.compile(pattern, *args) == compiled:
                added[pattern, flags] = args
        except Exception:  # a pattern this module cannot reproduce: not kept
            continue
    if not added:
        return
    entries = {**known, **added} if len(known) + len(added) <= _MAX_ENTRIES else {**used, **added}
    try:
        diskcache.write(path, entries)
    except OSError:  # a read-only home, a full disk: compiled again next time
        pass
