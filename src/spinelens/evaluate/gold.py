"""The gold file checked before anything is scored: every line against the vocabulary and the
attribute rules of findings.md, clinical.md and annotation.md, ids against the reports folder."""

from __future__ import annotations

import difflib
import json
import math
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..levels import next_vertebra
from ..lexicon import SYMPTOM_TYPES, finding_types
from ..model import CATEGORIES, SEVERITY_ORDER

MAX_PROBLEMS = 50  # a gold file wrong on every line need not print every line

SIDES = ("left", "right", "bilateral", None)
CERTAINTIES = ("present", "possible", "absent")
_ENUMS: dict[str, tuple[Any, ...]] = {
    "side": SIDES, "certainty": CERTAINTIES, "severity": (*SEVERITY_ORDER, None),
    "zone": ("central", "paracentral", "foraminal", "extraforaminal", "diffuse", None),
    "modic_type": (1, 2, 3, None), "grade": (1, 2, 3, 4, None), "direction": ("antero", "retro", None),
    "acuity": ("acute", "chronic", None), "pathologic": (True, False, None), "relation": ("exiting", "traversing", None),
    "course": ("improving", "stable", "worsening", None), "sex": ("female", "male", None),
    "conservative_care_tried": (True, False, None), "below_knee": (True, False, None),
    "category": tuple(CATEGORIES), "basis": ("physician", "annotator", None),
}
# The keys annotation.md names, by where they are; any other key is a warning (not scored).
_KEYS = {
    "line": {"id", "findings", "clinical", "categories", "note"},
    "finding": {"type", "level", "side", "certainty", "severity", "zone", "size_mm", "modic_type", "grade", "direction",
                "acuity", "pathologic", "detail", "nerve_roots", "note"},
    "nerve root": {"root", "side", "relation"},
    "clinical": {"age", "sex", "duration_weeks", "course", "conservative_care_tried", "symptoms", "note"},
    "symptom": {"type", "side", "roots", "certainty", "below_knee", "evidence", "note"},
    "category": {"type", "level", "side", "category", "basis", "note"},
}
_WHERE = {"line": "the line", "finding": "a finding", "nerve root": "a nerve root", "clinical": "'clinical'",
          "symptom": "a symptom", "category": "a category"}
_VERTEBRA = r"(?:C[1-7]|T(?:1[0-2]|[1-9])|L[1-6]|S[1-5])"
_LEVEL = re.compile(rf"({_VERTEBRA})(?:-({_VERTEBRA}))?")
_ROOT = re.compile(r"C[1-8]|T(?:1[0-2]|[1-9])|L[1-6]|S[1-5]")


class GoldError(InputError):
    """A gold file that cannot be scored; ``problems`` holds each as 'file:line: message'."""

    kind = "gold"

    def __init__(self, problems: list[str], warnings: list[str] | None = None):
        super().__init__("\n".join(problems))
        self.problems = problems
        self.warnings = warnings or []


def _is(value: Any, allowed: Iterable[Any]) -> bool:
    """value is one of allowed, type too (JSON true is not the grade 1)."""
    return any(value == a and type(value) is type(a) for a in allowed)


def _shown(allowed: Iterable[Any]) -> str:
    return ", ".join("null" if a is None else json.dumps(a) if isinstance(a, bool) else str(a) for a in allowed)


def _number(value: Any, low: float = 0.0, high: float = math.inf) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and low <= value <= high


def _level_problem(level: Any) -> str | None:
    if level is None:
        return None
    m = _LEVEL.fullmatch(level) if isinstance(level, str) else None
    if not m:
        return f"level {json.dumps(level)} is not a canonical level ('L4-L5', 'L5', 'T12-L1' ...) or null"
    upper, lower = m.groups()
    if lower and lower != next_vertebra(upper) and (upper, lower) != ("L5", "L6"):
        return f"level {level!r} is not one disc level: give one finding per level"
    return None


def report_path(reports: Path, rid: str) -> Path | None:
    """reports/<id>.txt, or None when the id leads out of the folder ('../x', '/etc/x', 'a/../../x').
    The check is on the path as written: a symbolic link inside the folder is the folder owner's choice."""
    if "\x00" in rid:
        return None
    base = os.path.abspath(reports)
    path = os.path.abspath(os.path.join(base, f"{rid}.txt"))
    return Path(path) if os.path.commonpath([base, path]) == base and path != base else None


class _Checker:
    """Collects the problems (errors) and unknown keys (warnings) of one gold file."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[tuple[int, str]] = []
        self.unknown: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.types = finding_types()
        self.line = 0

    def error(self, message: str) -> None:
        self.problems.append((self.line, message))

    def keys(self, where: str, obj: dict[str, Any]) -> None:
        for key in obj:
            if key not in _KEYS[where]:
                self.unknown[(where, key)].append(self.line)

    def enum(self, at: str, obj: dict[str, Any], key: str, required: bool = False) -> None:
        if key not in obj:
            if required:
                self.error(f"{at}no {key!r} ({_shown(_ENUMS[key])})")
            return
        if not _is(obj[key], _ENUMS[key]):
            self.error(f"{at}{key} {json.dumps(obj[key])} is not one of {_shown(_ENUMS[key])}")

    def known_type(self, at: str, obj: dict[str, Any], known: Iterable[str], where: str) -> bool:
        ftype = obj.get("type")
        if "type" not in obj:
            self.error(f"{at}no 'type'")
        elif not isinstance(ftype, str) or ftype not in known:
            close = difflib.get_close_matches(ftype, list(known), n=1) if isinstance(ftype, str) else []
            hint = f"; did you mean {close[0]!r}?" if close else ""
            self.error(f"{at}unknown type {json.dumps(ftype)} (not in {where}){hint}")
        else:
            return True
        return False

    def entry(self, entry: Any) -> None:
        if not isinstance(entry, dict):
            self.error("a gold line must be a JSON object")
            return
        self.keys("line", entry)
        if "id" not in entry:
            self.error("no 'id'")
        elif not isinstance(entry["id"], str) or not entry["id"].strip():
            self.error(f"'id' must be a non-empty string, not {json.dumps(entry['id'])}")
        findings = entry.get("findings")
        if not isinstance(findings, list):
            self.error("'findings' must be a list" + ("" if "findings" in entry else " (no 'findings')"))
            findings = []
        seen: dict[tuple[Any, ...], int] = {}
        stated: set[tuple[Any, ...]] | None = set()  # present or possible (type, level, side); None: a bad finding
        for i, f in enumerate(findings, 1):
            key = self.finding(f"finding {i}: ", f)
            if key is None:
                stated = None
                continue
            if key in seen:
                self.error(f"finding {i}: same type, level and side as finding {seen[key]} (one entry per finding)")
            seen.setdefault(key, i)
            if stated is not None and f.get("certainty") in ("present", "possible"):
                stated.add(key)
        clinical = entry.get("clinical")
        if clinical is not None:
            self.clinical(clinical)
        categories = entry.get("categories")
        if categories is not None and not isinstance(categories, list):
            self.error("'categories' must be a list or null")
            categories = []
        for i, c in enumerate(categories or [], 1):
            self.category(f"category {i}: ", c, stated)

    def finding(self, at: str, f: Any) -> tuple[Any, ...] | None:
        """Check one finding; its (type, level, side) when those are valid."""
        if not isinstance(f, dict):
            self.error(f"{at}must be a JSON object")
            return None
        self.keys("finding", f)
        ok = self.known_type(at, f, self.types, "findings.md")
        if problem := _level_problem(f.get("level")):
            self.error(at + problem)
            ok = False
        ok = ok and _is(f.get("side"), SIDES)
        for key in ("side", "certainty", "severity", "zone", "modic_type", "grade", "direction", "acuity", "pathologic"):
            self.enum(at, f, key, required=key == "certainty")
        if f.get("size_mm") is not None and not _number(f["size_mm"], 0.0):
            self.error(f"{at}size_mm {json.dumps(f['size_mm'])} must be a number of millimetres or null")
        if f.get("detail") is not None and not isinstance(f["detail"], str):
            self.error(f"{at}detail must be text or null")
        roots = f.get("nerve_roots")
        if roots is not None and not isinstance(roots, list):
            self.error(f"{at}nerve_roots must be a list")
        for j, r in enumerate(roots if isinstance(roots, list) else [], 1):
            here = f"{at}nerve root {j}: "
            if not isinstance(r, dict):
                self.error(f"{here}must be a JSON object")
                continue
            self.keys("nerve root", r)
            if not (isinstance(r.get("root"), str) and _ROOT.fullmatch(r["root"])):
                self.error(f"{here}root {json.dumps(r.get('root'))} is not a root name ('L5', 'S1' ...)")
            self.enum(here, r, "side")
            self.enum(here, r, "relation")
        return (f["type"], f.get("level"), f.get("side")) if ok else None

    def clinical(self, c: Any) -> None:
        if not isinstance(c, dict):
            self.error("'clinical' must be a JSON object or null")
            return
        self.keys("clinical", c)
        for key, high in (("age", 130.0), ("duration_weeks", math.inf)):
            if c.get(key) is not None and not _number(c[key], 0.0, high):
                self.error(f"clinical: {key} {json.dumps(c[key])} must be a number (0-{high:g}) or null")
        for key in ("sex", "course", "conservative_care_tried"):
            self.enum("clinical: ", c, key)
        symptoms = c.get("symptoms")
        if symptoms is not None and not isinstance(symptoms, list):
            self.error("clinical: symptoms must be a list")
            return
        for i, s in enumerate(symptoms or [], 1):
            at = f"symptom {i}: "
            if not isinstance(s, dict):
                self.error(f"{at}must be a JSON object")
                continue
            self.keys("symptom", s)
            self.known_type(at, s, SYMPTOM_TYPES, "clinical.md")
            for key in ("side", "certainty", "below_knee"):  # a symptom with no certainty is present
                self.enum(at, s, key)
            roots = s.get("roots")
            if roots is not None and not (isinstance(roots, list)
                                          and all(isinstance(r, str) and _ROOT.fullmatch(r) for r in roots)):
                self.error(f"{at}roots {json.dumps(roots)} must be a list of root names ('L5', 'S1' ...)")

    def category(self, at: str, c: Any, stated: set[tuple[Any, ...]] | None) -> None:
        if not isinstance(c, dict):
            self.error(f"{at}must be a JSON object")
            return
        self.keys("category", c)
        ok = self.known_type(at, c, self.types, "findings.md")
        if problem := _level_problem(c.get("level")):
            self.error(at + problem)
            ok = False
        self.enum(at, c, "side")
        self.enum(at, c, "category", required=True)
        self.enum(at, c, "basis")
        if ok and stated is not None and _is(c.get("side"), SIDES) and (c["type"], c.get("level"), c.get("side")) \
                not in stated:
            self.error(f"{at}no present or possible finding with its type, level and side "
                       f"({c['type']}, {c.get('level')}, {c.get('side')})")

    def warnings(self) -> list[str]:
        out = []
        for (where, key), lines in sorted(self.unknown.items(), key=lambda x: x[1][0]):
            more = f" (and on {len(lines) - 1} more line{'s' if len(lines) > 2 else ''})" if len(lines) > 1 else ""
            out.append(f"{self.path}:{lines[0]}: key {key!r} in {_WHERE[where]} is not in annotation.md: not scored{more}")
        return out


def check_gold(path: Path, reports: Path | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """The gold entries and the warnings, after every line is checked (and, given ``reports``, that each
    id names a report file inside that folder). Raises GoldError with every problem found."""
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoldError([f"{path}: not UTF-8 text (byte {exc.start})"]) from None
    except OSError as exc:
        raise GoldError([f"{path}: cannot read: {exc.strerror}"]) from None
    check = _Checker(path)
    entries: list[dict[str, Any]] = []
    first_line: dict[str, int] = {}
    missing: list[tuple[int, Path]] = []
    for n, line in enumerate(raw.split("\n"), 1):  # not splitlines(): U+2028 may stand in a JSON string
        if not line.strip():
            continue
        check.line = n
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            check.error(f"not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        before = len(check.problems)
        check.entry(entry)
        rid = entry.get("id") if isinstance(entry, dict) else None
        if not (isinstance(rid, str) and rid.strip()):
            continue
        if rid in first_line:
            check.error(f"duplicate id {rid!r} (first on line {first_line[rid]})")
        first_line.setdefault(rid, n)
        if reports is not None:
            report = report_path(reports, rid)
            if report is None:
                check.error(f"id {rid!r} names a file outside the reports folder '{reports}'")
            elif not report.is_file():
                missing.append((n, reports / f"{rid}.txt"))
        if len(check.problems) == before:
            entries.append(entry)
    if missing and len(missing) == len(first_line) > 1:
        check.line = missing[0][0]
        check.error(f"none of the {len(first_line)} gold ids has a report file <id>.txt in '{reports}'")
    else:
        for check.line, report in missing:
            check.error(f"no report file {report}")
    if not check.problems and not entries:
        raise GoldError([f"{path}: no gold entries (one JSON object per line)"])
    if check.problems:
        problems = [f"{path}:{n}: {message}" for n, message in sorted(check.problems, key=lambda x: x[0])]
        if len(problems) > MAX_PROBLEMS:
            problems = problems[:MAX_PROBLEMS] + [f"{path}: ... and {len(problems) - MAX_PROBLEMS} more problems"]
        raise GoldError(problems, check.warnings())
    return entries, check.warnings()


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The checked gold entries (GoldError, a ValueError, with every problem)."""
    return check_gold(path)[0]


