"""Stage 2, sentences: statements of radiology text (punctuation, '///', line breaks, level headers)."""

import re
from itertools import accumulate

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .extensions import WRAPPED_KEY
from .tokens import _store_sent_bounds, doc_text, toks

# words radiologists abbreviate with a full stop mid-sentence ("ant. thecal sac", "lig. flavum")
_ABBREV = {"approx", "dr", "vs", "e.g", "i.e", "fig", "no", "mr", "mrs", "ms", "st", "inc", "ca", "cf", "etc",
           "ant", "post", "lat", "lig", "med", "sup", "inf", "bilat", "lt", "rt", "mod", "sig", "max", "min",
           "ext", "int", "sag", "ax", "cor", "wk", "wks", "yr", "yrs", "pt", "hx", "dx", "ht", "sl", "assoc",
           "incl", "esp"}  # ("Return precautions given incl. new weakness, ...": one statement; not 'excl.', which
# also ends one: 'No saddle anaesthesia, CES excl. Urinary retention 900 mL')
# units the tokenizer may leave a full stop on ('850 mL.'); not abbreviations of names ('Mt.', 'Prof.')
_UNITS = {"ml", "mls", "cc", "mg", "mcg", "kg", "lb", "lbs", "cm", "mm", "hrs", "hr", "min", "mins", "sec", "secs",
          "mmol", "iu", "dl", "bpm", "mmhg"}
_LEVEL_START = re.compile(r"^[CTDLS]\d", re.I)
# a line that so far holds only its levels ('L4-5 ---- large central extrusion': the dashes are the header's)
_LEVEL_LINE = re.compile(r"[\s\-•*>]*(?:[CTDLS]\d{1,2}(?:\s*[-/]\s*[CTDLS]?\d{1,2})?[\s,&]*(?:and\s+)?)+", re.I)
# words that join what follows to them: a tab after one is inside its statement
_JOINING = {"at", "of", "to", "the", "and", "or", "from", "with", "in", "on", "by", "a", "an", "is", "are", "was",
            "no", "not", "nor", "without", "for", "negative", "free", "any"}  # 'No<TAB>Cauda equina compression
# words no statement ends with: a short line that ends on one was wrapped ('There has been no\nweight loss')
# ('negative' and 'free' may end one: 'Straight leg raise negative', 'pain free')
_UNFINISHED = _JOINING - {"negative", "free"} | {"were", "has", "have", "had", "been", "but", "than", "into", "denies",
                                               "reports", "shows", "showed", "reveals", "revealed", "demonstrates",
                                               "demonstrated", "including"}
# the words of these that join a line to the next even when it opens on a capital or a level
_JOINS_BEFORE_CAPITAL = {"at", "of", "to", "the", "from", "with", "in", "on", "by", "a", "an", "into", "for", "than",
                         "and", "or", "nor", "&"}
# a study's name broken from its region ('... were all normal. MRI\nC-spine, 7/1/93, showed ...'; not a title's line,
# 'LSS MRI\nFeatures of muscle spasm')
_STUDY_NAMES = {"mri", "mr", "ct"}
_REGIONS = {"c-spine", "l-spine", "t-spine", "spine", "lumbar", "cervical", "thoracic", "lumbosacral", "whole", "of"}
# ... 'no' or 'not' only after a verb that it completes ('There has been no\nweight loss', 'He has no\nfever'): after
# anything else it is a field's answer ('Fever: no\nweight loss: yes', 'Red flags - fever no\nsaddle anaesthesia yes')
_BEFORE_NO = {"been", "is", "are", "was", "were", "has", "have", "had", "with", "reports", "there", "also", "and", "or",
              "denies", "describes", "notes", "feels"}


# a single line break (not a blank line) with a word right after it
_WRAP = re.compile(r"(?<![\n\r])\r?\n(?=[^\s])")
_TRAILING = ".:;!?,)"  # the tokenizer splits these off a line's last word
_BULLET = re.compile(r"[-•*]|\d{1,2}[.)]")  # a list item's bullet or number
# a line that opens on a title ('Impression:') or a numbered item ('2.'); a level's header, or a level after a full
# stop, opens one too (below)
_LEVEL_HEADER = re.compile(r"[CTDLS]\d{1,2}(?:\s*[-/]\s*[CTDLS]?\d{1,2})?\s*(?:level)?\s*[:\-–]", re.I)  # 'L4-5:'
_AFTER_LEVEL = {"vertebral", "vertebra", "vertebrae", "body", "bodies", "level", "levels", "disc", "discs", "disk", "disks",
                "segment", "segments", "nerve", "root", "roots", "foramen", "foramina", "interspace", "endplate", "endplates"}
_PREPOSITIONS = {"of", "with", "to", "in", "at", "from", "by", "on", "into", "for", "&"}
_ITEM_AHEAD = re.compile(r"[A-Za-z][A-Za-z /&()-]{0,30}:|\d{1,2}\s*[.)]\D", re.I)


def unwrap_lines(text: str) -> str:
    """unwrap's text."""
    return unwrap(text)[0]


def unwrap(text: str) -> tuple[str, bool]:
    """The text with each line break that wraps a statement made a space, character for character, so that every
    offset holds and a report hard-wrapped by its export reads as its writer's lines, with the same tokens:
    - a line that ends on a word no statement ends with (SentenceSplitter._breaks: 'compression of the\nL5 nerve
      root', '2. No\nfracture.'), or on a comma before a level ('involving the T11,\nT12 and L1 endplates');
    - in a text wrapped at a width (two or more lines broken before a lower-case word within 15 characters of its
      longest line, at most 132), any line whose next word would not have fitted on it, unless that line opens on
      a title, a level, a bullet or a number: mid-sentence ('severe right and\nmoderate left foraminal stenosis')
      and after a full stop ('... posterior elements.\nThere is displacement of the thecal sac'). A line the writer
      ended short still ends there; in a text that is not wrapped, a long line is a dictated statement.
    With whether the text was wrapped at a width: every line break left in it then ends a statement (the splitter's
    guess that a long line before a lower-case word wraps is not made: 'no fever\nweakness of both lower limbs')."""
    if "\n" not in text:
        return text, False
    # in a text whose writer opens sentences in lower case, a lower-case line tells nothing ('no evidence of cord
    # compression in the visualised dorsal segments\nmild bulge at L3-4' is two statements): its lines are its
    # statements, but for a line that ends on a word no statement ends with or on a participle ('compressing\nthe
    # cauda equina')
    lower_style = _lower_case_style(text)
    # in a text written in capitals a capital opens no statement: its words are read as lower case
    lower, upper = len(text) - len(text.translate(_NO_LOWER)), len(text) - len(text.translate(_NO_UPPER))
    caps = upper > 4 * lower  # (more than 80% of its letters capitals)
    soft: list[tuple[int, int]] = []
    at_width: list[tuple[int, int, int, str]] = []  # breaks that may be a wrap: (start, end, line length, next word)
    wrapped_lengths: list[int] = []
    longest = 0
    for m in _WRAP.finditer(text):
        a = m.start()
        line = text[text.rfind("\n", 0, a) + 1:a].rstrip("\r")
        words = line.split()
        if not words:
            continue
        longest = max(longest, len(line))
        last = words[-1]
        prev = last[-1] if last[-1] in _TRAILING else last
        # the word before it ('\n' when the line has no other but a bullet: the last word opens it)
        before = "\n" if len(words) == 1 or len(words) == 2 and _BULLET.fullmatch(words[0]) \
            else words[-2][-1] if words[-2][-1] in _TRAILING else words[-2]
        first, *rest = text[m.end():m.end() + 40].split(None, 2)[:2]
        if caps:
            prev, first, before = prev.lower(), first.lower(), before.lower()
        if prev not in ".:;!?" and (first[:1].islower() or first[:1] == "&"):
            wrapped_lengths.append(len(line))  # a line broken mid-sentence (wrapped, or a short line of its own)
        if _LEVEL_START.match(prev) and first in _AFTER_LEVEL:
            soft.append((a, m.end()))  # a level's noun goes on ('lesions in the t4, t11, l2 and l3\nvertebral bodies')
            continue
        if lower_style and prev not in ".:;!?" and first[:1].islower() and len(line) >= 60 and (
                prev.endswith("ing") and len(prev) > 5 or first in _PREPOSITIONS or first in ("and", "or")
                or _SENTENCE_TAIL.match(text, m.end())):
            # (only a long line, one that may wrap: 'no h/o vomiting\ndifficulty in passing urine' is two statements)
            # ('severely compressing\nthe thecal sac', 'compressing the thecal sac\nand exit canals', 'thecal sac or
            # nerve root\ncompression.': a participle's object, a conjunction's or preposition's line, a sentence's tail)
            soft.append((a, m.end()))
            continue
        if prev == "," and _LEVEL_START.match(first) and not _LEVEL_HEADER.match(text, m.end()):
            soft.append((a, m.end()))  # a list of levels goes on ('involving the T11,\nT12 and L1 endplates')
            continue
        # (the splitter's rule without its line length: a long line is a wrap only in a wrapped text, below)
        if SentenceSplitter._breaks(prev, first, "\n", 0, before, rest[0] if rest else None):
            # only mid-sentence: never after a full stop (a history line, then headerless findings) nor before a
            # capital (a line with no full stop, then the next statement: 'no cord compression\nEnhancing epidural
            # collection ...'); in a text in capitals, only before a preposition ('ANTEROLISTHESIS\nOF L5 ON S1')
            opens_mid = first in _PREPOSITIONS if caps else (first[:1].islower() or first[:1].isdigit() or first[:1] == "&")
            if prev not in ".;!?" and opens_mid and not _ITEM_AHEAD.match(text, m.end()) \
                    and not (_LEVEL_START.match(first) and _LEVEL_HEADER.match(text, m.end())):
                at_width.append((a, m.end(), len(line), first))
            continue
        soft.append((a, m.end()))
    wrapped = False
    if lower_style:
        wrapped = True  # (its line breaks end statements)
    elif len(wrapped_lengths) >= 2:
        width = max(longest, max(len(ln) for ln in text.split("\n")))
        wrapped = width <= 132 and sum(n >= width - 15 for n in wrapped_lengths) >= 2
        if wrapped:
            soft += [(a, e) for a, e, n, first in at_width if n + 1 + len(first) > width]
    if not soft:
        return text, wrapped
    chars = list(text)
    for a, e in soft:
        for k in range(a, e):
            chars[k] = " "
    return "".join(chars), wrapped


def _word_before(texts: list[str], p: int) -> str | None:
    """The token before token p, or '\n' when p opens its line after a list's bullet or number at most ('- No',
    '2. No'; not the field's dash of 'Steroids - no')."""
    if p < 1:
        return None
    b = texts[p - 1]
    if b in ("-", "•", "*", ")", "."):
        q = p - 2
        if b in (")", ".") and q >= 0 and texts[q].isdigit() and len(texts[q]) <= 2:
            q -= 1
        elif b == ".":
            return b
        if q < 0 or "\n" in texts[q]:
            return "\n"
    return b


_NO_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz")  # (counted by str.translate, at C speed)
_NO_UPPER = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SENTENCE_TAIL = re.compile(r"[a-z][\w-]*(?:[ \t]+[\w-]+)?[ \t]*\.[ \t]*(?:\r?\n|$)")  # 'compression.' alone on its line
_SENTENCE_OPENING = re.compile(r"[.;]\s+([A-Za-z])")
_WORD_BEFORE = re.compile(r"[A-Za-z]+$")


def _lower_case_style(text: str) -> bool:
    """Most of the text's sentences open in lower case ('... at any level. diffuse disc bulge ...'; not after an
    abbreviation's full stop, 'lig. flavum')."""
    lower = upper = 0
    for m in _SENTENCE_OPENING.finditer(text):
        before = _WORD_BEFORE.search(text, max(0, m.start() - 16), m.start())
        if before is None or len(before.group()) < 3 or before.group().lower() in _ABBREV:
            continue
        if m.group(1).islower():
            lower += 1
        else:
            upper += 1
    return lower >= 2 and lower > upper


def _opens_line(before: str | None) -> bool:
    """Whether a word opens its statement: after nothing, a line break, a full stop or a list's bullet
    ('2. No\nfracture.': a wrapped 'No' is never a field's answer there, as it is after 'Fever: no')."""
    return before is None or "\n" in before or before == "."


@Language.factory("spinelens_sentences")
def make_sentences(nlp: Language, name: str) -> "SentenceSplitter":
    return SentenceSplitter()


class SentenceSplitter:
    """Fast rule-based statements for radiology text.

    Splits at sentence punctuation, at "//" and "///" separators, at blank lines and at
    line breaks that start a new statement (a capital, a bullet, a number, a level); a
    line wrapped mid-sentence stays joined. About 50x faster than PyRuSH here.
    """

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        tk = toks(doc)
        texts, space = tk.texts, tk.space
        starts = {0}
        wrapped = bool(doc.user_data.get(WRAPPED_KEY))  # (its line breaks end statements: unwrap)

        def next_content(j: int) -> int:
            while j < n - 1 and space[j]:
                j += 1
            return min(j, n - 1)

        # Only after line breaks, sentence punctuation and '//' separators can a statement start: visit
        # those tokens. counted[i] - counted[line_start]: the line's length so far (each word and a space).
        counted = list(accumulate([0 if sp else len(t) + 1 for t, sp in zip(texts, space, strict=True)], initial=0))
        # (and a word the tokenizer left its full stop on, 'showed 850 mL. She also reports ...')
        events = [i for i, t in enumerate(texts) if space[i] or t[0] in ".!/" or len(t) >= 3 and t[-1] == "."
                  and t[:-1].lower() in _UNITS or t[0] == "-" and len(t) >= 3 or len(t) == 2 and t[1] == "."
                  and i > 0 and texts[i - 1] == "/"]
        line_start = 0
        for i in events:
            text = texts[i]
            if space[i]:
                if "\n" not in text and "\r" not in text:
                    if "\t" in text and self._tab_breaks(texts, space, i, n):
                        starts.add(next_content(i + 1))
                    continue
                j = next_content(i + 1)
                if not space[j]:
                    p = i - 1
                    while p >= 0 and space[p]:
                        p -= 1
                    if self._breaks(texts[p] if p >= 0 else None, texts[j], text,
                                    0 if wrapped else counted[i] - counted[line_start],
                                    _word_before(texts, p), texts[next_content(j + 1)] if j + 1 < n else None):
                        starts.add(j)
                line_start = i
            elif i + 1 < n and len(text) >= 3 and text.strip("-") == "":
                whole = doc_text(doc)
                line = whole[whole.rfind("\n", 0, tk.idx[i]) + 1:tk.idx[i]]
                if not _LEVEL_LINE.fullmatch(line):
                    # 'LF hypertrophy L4-5 ---- no nerve root compression': a separator (not a level's own dash:
                    # 'L4-5 ---- large central extrusion' heads its statement)
                    starts.add(next_content(i + 1))
            elif len(text) == 2 and text[1] == "." and i + 1 < n and texts[i - 1] == "/":
                if texts[next_content(i + 1)][:1].isupper():
                    starts.add(next_content(i + 1))  # 'Facet arthrosis L4-5 B/L. Canal otherwise patent.': not 'L. SPINE'
            elif i + 1 < n and (text == "." or text == "!" or (len(text) >= 2 and text.strip("/") == "")):
                if len(text) >= 2 or not self._abbrev(texts, i):
                    starts.add(next_content(i + 1))
            elif text[-1] == "." and i + 1 < n and text[:-1].lower() in _UNITS and doc[i].whitespace_ \
                    and texts[i + 1][:1].isupper():
                starts.add(i + 1)  # a unit with its full stop on ('850 mL. She'): a new sentence starts at a capital
        values = numpy.full((n, 1), -1, dtype="int64")
        first = sorted(starts)
        values[first] = 1
        doc.from_array([SENT_START], values.astype("uint64"))
        _store_sent_bounds(doc, first)
        return doc

    @staticmethod
    def _abbrev(texts: list[str], i: int) -> bool:
        if i == 0:
            return False
        prev = texts[i - 1].lower()
        # "L. SPINE", "approx.", but "No." only before a number
        return (len(prev) == 1 and prev.isalpha()) or (prev in _ABBREV and prev != "no") or (
            prev == "no" and i + 1 < len(texts) and texts[i + 1][:1].isdigit()
        )

    @staticmethod
    def _tab_breaks(texts: list[str], space: list[bool], i: int, n: int) -> bool:
        """A tab between two statements, where an export put a line break ('No acute fracture<TAB>L4-5:
        Large central extrusion'): before a capital, a number or a level, not after a joining word
        or a header's colon ('L4-5:<TAB>Mild bulge' is one statement)."""
        p = i - 1
        while p >= 0 and space[p]:
            p -= 1
        j = i + 1
        while j < n and space[j]:
            j += 1
        if p < 0 or j >= n:
            return False
        prev, first = texts[p], texts[j]
        if prev.endswith(":") or prev.lower() in _JOINING:
            return False
        return first[:1].isupper() or first[:1].isdigit() or bool(_LEVEL_START.match(first))

    @staticmethod
    def _breaks(prev: str | None, first: str, newline: str, line_len: int, before_prev: str | None = None,
                second: str | None = None) -> bool:
        if prev is None:
            return True
        if newline.count("\n") >= 2:
            return True
        if prev in (".", ":", ";", "!", "?") or prev.endswith(":") or len(prev) >= 2 and not prev.strip("/"):
            return True  # (a '//' separator ends its statement)
        if first[:1] in "-•*>([☐☒☑":
            return True  # a bullet or a box opens an item
        if prev.lower() in _JOINS_BEFORE_CAPITAL or prev.lower() in _STUDY_NAMES and first.lower().rstrip(",") in _REGIONS:
            return False  # 'compression of the\nL5 nerve root', 'at\nL4-5', 'the thecal sac and\nRt exit canal': it goes on (not
            # after a verb: 'Fever, weight loss - denies\nUrinary retention overnight' is a new statement)
        if prev.lower() in ("no", "not") and (before_prev or "").lower() in _BEFORE_NO:
            return False  # 'There is no\nMR evidence of marrow oedema': the verb's 'no' goes on, whatever follows
        if first[:1].isupper() or first[:1].isdigit() or _LEVEL_START.match(first):
            return True
        if prev.lower() in _UNFINISHED and prev.lower() not in ("no", "not"):
            return False  # 'He denies\nfever or night sweats': a lower-case word after it goes on
        if first.lower() == "at" and second is not None and _LEVEL_START.match(second):
            return True  # a dictated level's account opens its line ('... unremarkable\nat L3 4 there is no bulge')
        if prev.lower() in ("no", "not") and ((before_prev or "").lower() in _BEFORE_NO or before_prev == ","
                                            or _opens_line(before_prev)):
            return False  # 'There has been no\nweight loss', '2. No\nfracture.': a line that ends on 'no' goes on
            # when the 'no' completes a verb, follows a list's comma ('No acute fracture, no\ncord compression.') or opens
            # the line (not a field's answer: 'Fever: no\nweight loss: yes')
        # A short line is a statement of its own; a long one may wrap.
        return line_len < 60

