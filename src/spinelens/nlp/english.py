"""English words for the spelling stage: Webster's 2nd and GCIDE, lower-cased, from the
english-words package (offline), looked up in a sorted word file mapped into memory.

english-words ships its lists as pickled sets: unpickling and joining them cost 0.14 s and 60 MB
(peak) in every process that met a word looking like a misspelling (most reports), a tenth of a
cold `spinelens analyze`. So the first process on a machine writes their union, sorted, one word
a line, to the user's cache folder (``$XDG_CACHE_HOME/spinelens``, else ``~/.cache/spinelens``;
the name holds a checksum of the sizes and times of the package's files, so an upgrade writes a
new one), through a temporary file and an atomic rename; every later process maps that file and
binary-searches it: nothing to load, and batch workers share its pages. Nothing else is written,
and where the cache folder cannot be written the words are held in memory, as before.
"""

from __future__ import annotations

import importlib.util
import mmap
import os
import zlib
from collections.abc import Container
from functools import lru_cache
from pathlib import Path

SOURCES = ("web2", "gcide")


class WordFile:
    """``word in WordFile(path)``: binary search over a file of sorted, distinct UTF-8 lines."""

    def __init__(self, path: Path):
        with open(path, "rb") as f:
            self.data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or "\n" in word:
            return False
        key = word.encode("utf-8")
        data = self.data
        lo, hi = 0, len(data)  # byte range holding whole lines; lo is at a line start
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo, mid) + 1 or lo
            end = data.find(b"\n", start, hi)
            end = hi if end < 0 else end
            line = data[start:end]
            if line == key:
                return True
            if line < key:
                lo = end + 1
            else:
                hi = start
        return False


def _pickles() -> list[Path]:
    """english-words' lower-cased lists, found without importing the package (nor pickle)."""
    spec = importlib.util.find_spec("english_words")
    if spec is None or not spec.submodule_search_locations:
        raise OSError("english-words is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    return [folder / f"{source}_lower.pickle" for source in SOURCES]


def _load() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(list(SOURCES), lower=True))


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spinelens"


def cache_path() -> Path:
    files = _pickles()
    files.append(files[0].parent.parent / "version.py")
    stamp = zlib.crc32(repr([(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files]).encode())
    return cache_dir() / f"english-words-{'-'.join(SOURCES)}-{stamp:08x}.txt"


def write_word_file(path: Path, words: frozenset[str]) -> None:
    import tempfile

    lines = sorted(w.encode("utf-8") for w in words if "\n" not in w)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(b"\n".join(lines))
        os.replace(tmp, path)  # atomic: a concurrent reader sees no file or the whole file
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=1)
def words() -> Container[str]:
    """The English words, from the cache file when there is one (written on first use)."""
    try:
        path = cache_path()
        if not path.is_file():
            write_word_file(path, _load())
        return WordFile(path)
    except (OSError, ValueError):  # no cache folder, read-only home, an empty or unmappable file
        return _load()
