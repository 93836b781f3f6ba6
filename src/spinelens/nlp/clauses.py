"""Part of stage 6 (relations): findings that a clause states without naming them.

Two forms of radiology syntax leave the finding's noun out:

* a **label**: a structure followed by a colon heads the rest of its statement, as US
  templates write it: ``Neural foramina: severe left stenosis`` (foraminal, not central),
  ``Facets: moderate arthropathy``, ``Neural foramina: patent`` (absent),
  ``Neural foramina: moderate right, mild left`` (two findings);
* an **ellipsis**: a clause after a comma or semicolon that is only a grade with a side or a
  level repeats the finding before it: ``No significant foraminal narrowing on the right;
  moderate on the left`` (a present left foraminal stenosis), ``Disc bulge at L4-5, mild at L5-S1``.

The new spans cover the grade words only, so the attribute and level stages read side,
severity and level from the words around them as for any finding; ConText's terminators
(``;``, ``, moderate``) keep an earlier negation off them.
"""

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span

from ..lexicon import load_relations, load_table
from .extensions import info
from .tokens import doc_text, sent_of, toks

# words an elliptical item may hold besides its grade, side and level
_FILLER = {"on", "the", "at", "to", "side", "sided", "-", "is", "are", "and", "in", "level", "levels", "also",
           "of", "both", "sides", "/", "(", ")"}
_LEVEL = re.compile(r"^(?:[ctlsd]\d{1,2}(?:[-/][ctlsd]?\d{1,2})?|\d)$")
# findings of a structure of their own: after a label's colon they do not name the label's finding ('Foramina: mild
# bilateral narrowing, no nerve root impingement' is the foramina's stenosis and the roots' denial)
_OTHER_STRUCTURE = ("nerve_root", "cauda_equina", "cord_", "thecal_sac")
_GENERIC = {"stenosis", "stenoses", "narrowing", "narrowed", "stenotic", "encroachment", "compromise"}
_PAIR_SIDES = {"left": "left", "right": "right", "lt": "left", "rt": "right"}
_AFTER_STATEMENT = re.compile(r"[a-z)]\s*[.;]\s+$", re.I)
_LINE_PREFIX = re.compile(r"^[\s\-–•*>.\d)(]*(?:[CTDLS]\d{1,2}(?:\s*[-/]\s*[CTDLS]?\d{1,2})?\s*:)?\s*$", re.I)


# a text table's cells ('mild bulge / normal / R mild narrowing', 'L4-5 | moderate | normal'), its row's level, and
# the structure a column's name says
_CELL_SEP = re.compile(r"[ \t]+/[ \t]+|[ \t]*\|[ \t]*")
_ROW_LEVEL = re.compile(r"^[ \t|]*[CTLS]\d{1,2}(?:[ \t]*[-/][ \t]*[CTLS]?\d{1,2})?[ \t]*(?::|\|)[ \t]*", re.I)
_TABLE = load_relations().get("table_columns", {})  # (lexicons/relations.json: the column names and their structures)
_COLUMN_WORDS = [(c["object"], re.compile(c["regex"], re.I)) for c in _TABLE.get("columns", [])]
_LEVEL_COLUMN = re.compile(_TABLE.get("level_column", "(?!)"), re.I)


def _cell_spans(body: str, base: int) -> list[tuple[int, int]]:
    """The (start, end) characters of each cell of a table row's body, its own words without the spaces around them."""
    spans, pos = [], 0
    for sep in [*_CELL_SEP.finditer(body), None]:
        end = sep.start() if sep is not None else len(body)
        cell = body[pos:end]
        spans.append((base + pos + len(cell) - len(cell.lstrip()), base + pos + len(cell.rstrip())))
        pos = sep.end() if sep is not None else pos
    return spans


def _column_object(cell: str) -> str | None:
    """The structure a table column's name says ('LATERAL RECESSES', 'Foramina'), or None ('DISC', 'Level')."""
    if len(cell.split()) > 4:
        return None
    for label, pattern in _COLUMN_WORDS:
        if pattern.search(cell):
            return label
    return None


class _Column:
    """A table column's structure, standing for a label's object (clauses.make reads label_, start, end, rule)."""

    def __init__(self, label: str, start: int, end: int) -> None:
        self.label_, self.start, self.end, self.rule = label, start, end, None


class ClauseReader:
    def __init__(self, table: dict[tuple[str, str], dict[str, Any]]) -> None:
        self.table = table
        attrs = load_table("attributes")
        self.severity = {k for k in attrs["severity"] if " " not in k}
        self.grades = set(attrs["severity"])  # with the phrases ('moderate - to - severe')
        self.longest_grade = max(len(k.split()) for k in self.grades)
        self.side = {k for k in attrs["side"] if " " not in k}
        # the finding a label names when its clause only grades it: the structure's first
        # relation that states a finding ('Neural foramina: mild left' -> foraminal stenosis)
        self.default: dict[str, str] = {}
        for (obj, _), entry in table.items():
            if entry.get("certainty") != "absent":
                self.default.setdefault(obj, entry["type"])

    def __call__(self, doc: Doc, raw: list[Any], owner: dict[int, Any], out: list[Span],
                 make: Callable[[Any, int, int, str, str], Span]) -> list[Span]:
        """The spans of ``out`` (retyped under a label) and the unnamed findings, by start."""
        taken = {i for s in out for i in range(s.start, s.end)}
        added: list[Span] = []
        for obj in raw:
            if obj.label_.startswith("OBJ_") and obj.label_ in self.default and self._is_label(doc, obj):
                added.extend(self._label(doc, obj, out, raw, owner, taken, make))
        added.extend(self._columns(doc, raw, out, taken, make))
        texts = toks(doc).texts
        for span in list(out):
            if not span.label_.startswith("SYM_"):
                added.extend(self._side_pair(doc, span, taken, make))
                items = self._ellipsis(doc, span, span.label_, span.end, taken, make, source=span)
                if items and span.end < len(texts) and texts[span.end] == ":":
                    out.remove(span)  # 'Foraminal stenosis: L4-5 Lt moderate, ...': a heading; its items are the findings
                added.extend(items)
        if not added:
            return out
        return sorted(out + added, key=lambda s: s.start)

    def _columns(self, doc: Doc, raw: list[Any], out: list[Span], taken: set[int],
                 make: Callable[[Any, int, int, str, str], Span]) -> list[Span]:
        """A level-by-level table written as text: a line names its columns ('DISC / CANAL / LATERAL RECESSES /
        FORAMINA', 'Level | Canal | Foramina'), and each row below it ('L3-4: bulge / mild stenosis / normal / R mild
        narrowing') gives each cell its column's structure as a label: the cell reads as 'Canal: mild stenosis'."""
        text = doc_text(doc)
        if " / " not in text and "|" not in text:
            return []
        tk = toks(doc)
        found: list[Span] = []
        columns: list[str | None] | None = None
        header_cells: list[str] = []
        pos = 0
        for line in text.split("\n"):
            start, pos = pos, pos + len(line) + 1
            cells = _CELL_SEP.split(line)
            if len(cells) >= 3 and sum(bool(_column_object(c)) for c in cells) >= 2 and not _ROW_LEVEL.match(line):
                columns = [_column_object(c) for c in cells]  # the header: one structure (or none) per column
                header_cells = cells
                continue
            if columns is None:
                continue
            row = _ROW_LEVEL.match(line)
            if row is None:
                if line.strip():
                    columns = None  # the table ends at a line that is no row
                continue
            cells = _cell_spans(line[row.end():], start + row.end())
            # a row's cells under the header's columns: all of them, or all but a first column that names the level
            # ('Level | Canal | Foramina'); a row with fewer cells says not which it left out, and is read as prose
            shift = len(columns) - len(cells)
            if shift not in (0, 1) or shift == 1 and (columns[0] is not None or not _LEVEL_COLUMN.match(header_cells[0])):
                continue
            for k, (cell_start, cell_end) in enumerate(cells):
                obj_label = columns[k + shift] if 0 <= k + shift < len(columns) else None
                if obj_label is None or obj_label not in self.default or cell_end <= cell_start:
                    continue
                a = bisect_left(tk.idx, cell_start)
                b = bisect_left(tk.idx, cell_end)
                found.extend(self._cell(doc, obj_label, a, b, raw, out, taken, make))
        return found

    def _cell(self, doc: Doc, obj_label: str, a: int, b: int, raw: list[Any], out: list[Span], taken: set[int],
              make: Callable[[Any, int, int, str, str], Span]) -> list[Span]:
        """One cell of a text table under its column's structure, as a label's clause (tokens a..b)."""
        tk = toks(doc)
        default = self.default[obj_label]
        source = _Column(obj_label, a, b)
        named = False
        for k, span in enumerate(out):
            if a <= span.start < b and not span.label_.startswith("SYM_"):
                if set(tk.norms[span.start:span.end]) <= _GENERIC and span.label_ != default:
                    out[k] = make(source, span.start, span.end, default, "column")
                named = True
        if named:
            return []
        for rel in raw:
            if a <= rel.start < b and rel.label_.startswith("REL_") and rel.label_ != "REL_LOCATIVE":
                entry = self.table.get((obj_label, rel.label_))
                if entry is not None:
                    span = make(source, rel.start, rel.end, entry["type"], "column")  # 'normal' under FORAMINA
                    if entry.get("certainty") == "absent":
                        span._.forced_certainty = "absent"
                    taken.update(range(rel.start, rel.end))
                    return [span]
        return self._ellipsis(doc, None, default, a, taken, make, source=source, limit=b)

    def _is_label(self, doc: Doc, obj: Any) -> bool:
        tk = toks(doc)
        j = obj.end
        while j < len(tk.texts) and tk.space[j]:
            j += 1
        if j >= len(tk.texts) or tk.texts[j] != ":":
            return False
        text = doc_text(doc)
        start = tk.idx[obj.start]
        line = text[text.rfind("\n", 0, start) + 1:start]
        # at a line's start, or after a statement that ended on the line ('Cord: no compression. Neural foramina: ...')
        return bool(_LINE_PREFIX.match(line)) or bool(_AFTER_STATEMENT.search(line))

    def _label(self, doc: Doc, obj: Any, out: list[Span], raw: list[Any], owner: dict[int, Any], taken: set[int],
               make: Callable[[Any, int, int, str, str], Span]) -> list[Span]:
        tk = toks(doc)
        colon = obj.end
        while tk.texts[colon] != ":":
            colon += 1
        end = sent_of(doc, colon).end
        line_end = doc_text(doc).find("\n", tk.idx[colon])
        if line_end != -1:
            end = min(end, next((i for i in range(colon, end) if tk.idx[i] >= line_end), end))
        default = self.default[obj.label_]
        if any(span.start == obj.start for span in out):
            return []  # the structure found its own predicate ('Neural foramina: patent'; relations._predicate)
        named = False
        others: list[tuple[int, int]] = []  # findings of another structure in the clause ('..., no nerve root impingement')
        for k, span in enumerate(out):
            if colon < span.start < end and not span.label_.startswith("SYM_"):
                if set(tk.norms[span.start:span.end]) <= _GENERIC and span.label_ != default:
                    # 'Neural foramina: severe left stenosis': the label says which stenosis
                    out[k] = make(obj, span.start, span.end, default, "label")
                    named = True
                elif span.label_ == default or not span.label_.startswith(_OTHER_STRUCTURE):
                    named = True
                else:
                    rel = info(span).relation  # (the structure's own relation word: 'nerve root ... impingement')
                    others.append((span.start, max(span.end, rel.end if rel is not None else 0)))
        found: list[Span] = []
        if not named:
            for rel in raw:
                if any(a <= rel.start < b for a, b in others):
                    continue  # ('Foramina: mild bilateral narrowing, no nerve root impingement': the roots' word)
                if colon < rel.start < end and rel.label_.startswith("REL_") and rel.label_ != "REL_LOCATIVE":
                    entry = self.table.get((obj.label_, rel.label_))
                    if entry is not None:
                        # 'Facets: moderate arthropathy', 'Neural foramina: patent'
                        span = make(obj, rel.start, rel.end, entry["type"], "label")
                        if entry.get("certainty") == "absent":
                            span._.forced_certainty = "absent"
                        found.append(span)
                        taken.update(range(rel.start, rel.end))
                        named = True
                        break
        if not named:
            found.extend(self._ellipsis(doc, None, default, colon + 1, taken, make, source=obj, limit=end))
        return found

    def _ellipsis(self, doc: Doc, antecedent: Span | None, ftype: str, after: int, taken: set[int],
                  make: Callable[[Any, int, int, str, str], Span], source: Any, limit: int | None = None) -> list[Span]:
        """Graded items after a finding (or a label's colon) with no finding noun of their own."""
        tk = toks(doc)
        end = sent_of(doc, max(after - 1, 0)).end if limit is None else limit
        found: list[Span] = []
        i = after
        # 'Bilateral foraminal stenosis, severe on the left and moderate on the right': one bilateral finding
        # graded side by side, not two more (an 'and' opens a new item only after a finding of no side)
        split_and = antecedent is None or not any(
            w in ("bilateral", "bilaterally", "both") for w in tk.norms[max(sent_of(doc, antecedent.start).start, antecedent.start - 6):antecedent.end])
        if antecedent is not None:
            # an ellipsis follows a clause break: ',' or ';', the finding's own colon ('Foraminal stenosis: L4-5
            # Lt moderate, L5-S1 B/L mild'), or an 'and' before another grade ('severe canal stenosis at L4-5 and
            # mod at L3-4')
            while i < end and tk.texts[i] not in (",", ";") and not (i == after and tk.texts[i] == ":") \
                    and not (split_and and self._next_grade(tk, i, end)):
                i += 1
        while i < end:
            if tk.texts[i] in (",", ";") or i == after or split_and and self._next_grade(tk, i, end):
                j = i + 1 if tk.texts[i] in (",", ";", ":") or tk.norms[i] == "and" else i
                k = j
                # 'severe at L4/5 and moderate at L3/4': an 'and' before another grade opens the next item
                while k < end and tk.texts[k] not in (",", ";", ".") and not (k > j and split_and
                                                                            and self._next_grade(tk, k, end)):
                    k += 1
                item = self._graded(tk, j, k, need_place=antecedent is not None)
                if item is not None and not any(t in taken for t in range(j, item[1])):  # (not a finding joined by 'with')
                    span = make(source, item[0], item[1], ftype, "ellipsis" if antecedent is not None else "label")
                    found.append(span)
                    taken.update(range(*item))
                elif antecedent is not None and item is None:
                    break  # a clause of another kind ends the ellipsis
                i = max(k, i + 1)  # always move on (an empty item at the colon)
                continue
            i += 1
        return found

    def _side_pair(self, doc: Doc, span: Span, taken: set[int],
                   make: Callable[[Any, int, int, str, str], Span]) -> list[Span]:
        """'moderate-to-severe right and moderate left foraminal narrowing', 'severe left and moderate right facet
        arthropathy': each side with its own grade is a finding of its own (one grade for both sides is one
        bilateral finding); the first pair becomes a span of its grade and side words, the finding keeps the pair
        next to it."""
        tk = toks(doc)
        norms = tk.norms
        lo = sent_of(doc, span.start).start
        k = span.start - 1
        if k - 4 < lo or norms[k] not in _PAIR_SIDES:
            return []
        g2 = self._grade_ending(norms, k - 1, lo)
        if g2 is None or g2 - 1 < lo or norms[g2 - 1] != "and" or norms[g2 - 2] not in _PAIR_SIDES \
                or _PAIR_SIDES[norms[g2 - 2]] == _PAIR_SIDES[norms[k]]:
            return []
        g1 = self._grade_ending(norms, g2 - 3, lo)
        if g1 is None or any(t in taken for t in range(g1, g2 - 1)) or norms[g1:g2 - 2] == norms[g2:k]:
            return []  # ('mild left and mild right foraminal stenosis' is one bilateral finding)
        taken.update(range(g1, g2 - 1))
        return [make(span, g1, g2 - 1, span.label_, "ellipsis")]

    def _grade_ending(self, norms: list[str], end: int, lo: int) -> int | None:
        """Where a grade phrase ending at token ``end`` starts ('moderate - to - severe', 'mild'), or None."""
        for size in range(min(self.longest_grade, end - lo + 1), 0, -1):
            if " ".join(norms[end - size + 1:end + 1]) in self.grades:
                return end - size + 1
        return None

    def _next_grade(self, tk: Any, i: int, end: int) -> bool:
        """An 'and' that a grade word follows ('... and moderate at L3/4')."""
        return tk.norms[i] == "and" and i + 1 < end and tk.norms[i + 1] in self.severity

    def _graded(self, tk: Any, lo: int, hi: int, need_place: bool) -> tuple[int, int] | None:
        """(start, end) of the grade and side words when tokens lo..hi are only grade, side, level and filler."""
        grade: list[int] = []
        words: list[int] = []  # grade and side words: the span (a level stays outside it)
        place = False
        skip = 0
        for i in range(lo, hi):
            if tk.space[i] or skip:
                skip = max(skip - 1, 0)
                continue
            w = tk.norms[i]
            if w == "with" and grade and (place or not need_place):
                break  # 'critical at L3/4 with cauda equina crowding': the item ends where another finding joins it
            if w == "b" and tk.norms[i + 1:i + 3] == ["/", "l"] and i + 3 <= hi:  # 'B/L': both sides
                place = True
                words.extend((i, i + 2))
                skip = 2
            elif w in self.severity:
                grade.append(i)
                words.append(i)
            elif w in self.side:
                place = True
                words.append(i)
            elif _LEVEL.match(w):
                place = True
            elif w not in _FILLER:
                return None
        if not grade or (need_place and not place):
            return None
        return words[0], words[-1] + 1
