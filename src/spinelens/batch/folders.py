"""Listing report files: a folder recursively (sorted), or one file.

The glob matches whatever the case (``*.txt`` takes REPORT.TXT: exports from Windows systems have
them). Links to folders are followed, but never back into the folder they sit in or above it (a loop);
a link that cannot be read (broken, a loop) and a folder that cannot be listed are listed with why, so
that each gets an error record instead of being skipped in silence.
"""

from __future__ import annotations

import errno
import fnmatch
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import UsageError

Listed = tuple[Path, str, "str | None"]  # (file, id, why it cannot be read: None for a readable file)


def report_files(path: Path, glob: str) -> Iterator[Listed]:
    """(file, id, problem) for the report files of a folder (id: the path below the folder without its
    suffix) or for one report file (id: its stem)."""
    if path.is_dir():
        pattern = [p for p in glob.split("/") if p not in ("", ".")]
        found = [(file, problem) for file, problem, folder in _walk(path, (os.path.realpath(path),))
                 if folder or _matches(file.relative_to(path).parts, pattern)]
        for file, problem in sorted(found):  # the order of sorted(rglob(glob)): by path parts
            yield file, file.relative_to(path).with_suffix("").as_posix(), problem
    elif path.is_file():
        yield path, path.stem, None
    else:
        raise UsageError(f"{path}: no such file or folder")


def _matches(parts: tuple[str, ...], pattern: list[str]) -> bool:
    """Path.rglob's rule (the pattern's parts match the path's last parts; '**' any number of parts),
    without regard to case."""
    def match(i: int, j: int) -> bool:
        if j == len(pattern):
            return i == len(parts)
        if pattern[j] == "**":
            return any(match(k, j + 1) for k in range(i, len(parts) + 1))
        return i < len(parts) and fnmatch.fnmatchcase(parts[i].lower(), pattern[j].lower()) and match(i + 1, j + 1)

    return any(match(start, 0) for start in range(len(parts)))


def _walk(folder: Path, stack: tuple[str, ...]) -> Iterator[tuple[Path, str | None, bool]]:
    """(file, why it cannot be read, whether it is a folder) below ``folder``, through links to folders;
    ``stack``: the real paths of the folders walked down to here (a link into one of them is a loop)."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError as exc:
        yield folder, f"cannot list the folder {folder.name}: {exc.strerror or exc}", True
        return
    for entry in entries:
        file = Path(entry.path)
        try:
            if entry.is_dir():  # follows a link
                real = os.path.realpath(file)
                if entry.is_symlink() and any(Path(s).is_relative_to(real) for s in stack):
                    yield file, (f"symbolic link loop: {entry.name} -> {os.readlink(file)}, a folder it is in; "
                                 "not followed"), True
                    continue
                yield from _walk(file, (*stack, real))
            elif entry.is_file():
                yield file, None, False
            elif entry.is_symlink():
                yield file, _link_problem(file), False
        except OSError:  # a stat that failed: a link looping on itself, a file gone meanwhile
            yield file, _link_problem(file) if entry.is_symlink() else f"{entry.name}: cannot be read", False


def _link_error(path: Path) -> int | None:
    try:
        path.stat()
    except OSError as exc:
        return exc.errno
    return None


def _link_problem(path: Path) -> str:
    """Why a link cannot be read, naming where it points (a path, never report text)."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    code = _link_error(path)
    if code == errno.ELOOP:
        return f"symbolic link loop: {path.name} -> {target}"
    if code == errno.ENOENT:
        return f"broken symbolic link: {path.name} -> {target}, which does not exist"
    return f"{path.name} -> {target}: {os.strerror(code) if code else 'not a regular file'}"


def any_case_glob(glob: str) -> str:
    """A Hadoop glob (Spark's pathGlobFilter) that matches ``glob`` whatever the case: each letter outside
    brackets becomes [xX] (Hadoop's filter has no case option)."""
    out, depth, escaped = [], 0, False
    for c in glob:
        if escaped or c == "\\":
            escaped = not escaped and c == "\\"
            out.append(c)
            continue
        depth += c == "["
        depth -= c == "]" and depth > 0
        out.append(f"[{c.lower()}{c.upper()}]" if c.isalpha() and depth == 0 and c.lower() != c.upper() else c)
    return "".join(out)
