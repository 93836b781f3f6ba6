"""Vertebral levels: find, normalise and group level mentions in report text.

Pure Python over the raw text (no spaCy), so every level form a radiologist types
— "L4-5", "L4/L5", "L4-l5", "L45", "L5S1", "D12" (dorsal = thoracic), "L3-4 through
L5-S1", "L4/L5 & L5/S1", "(L4-S1)", "L4 over L5" — is handled in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# Canonical vertebral sequence; L6 exists only with transitional anatomy.
_ORDER: list[str] = (
    [f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)]
    + [f"L{i}" for i in range(1, 7)] + [f"S{i}" for i in range(1, 6)]
)
_INDEX = {v: i for i, v in enumerate(_ORDER)}
_MAX = {"C": 7, "T": 12, "L": 6, "S": 5}

# (a dorsal vertebra, not vitamin D3 in a drug's name: 'Adcal-D3', 'Calcichew-D3', 'vitamin D3'; 'mid-D12' is one.
# Compiled under re.IGNORECASE only, so each word is written once)
_V = r"(?<![A-Za-z0-9])(?!(?:(?<=[A-Za-z]-)(?<!mid-)|(?<=vitamin )|(?<=vit )|(?<=vit\. ))d)([CTDLS])\s?(\d{1,2})"
# A vertebra, optionally followed by a second one (full or bare number) = a disc level.
_PAIR_RE = re.compile(
    _V + r"(?:(?:\s*(?:-|–|—|/|_|\\)\s*|\s+(?:over|on|to|through|thru)\s+(?:the\s+(?=[CTDLSctdls]\s?\d))?|\s+(?=[CTDLSctdls]\s?\d)"
    # ('from the T10 to the T12 vertebral levels': 'the' before the second)
    # a slip stated as a verb between its two vertebrae ('L4 is anterolisthesed on L5', 'L5 has slipped forwards on S1')
    r"|\s+(?:(?:vertebra|vertebral\s+body|body)\s+)?(?:is|was|has|have)?\s*(?:\w+ly\s+)?(?:antero|retro|postero|latero)?"
    r"(?:listhesed|listhesing|slipped|slips|"
    r"subluxed|subluxes|translated)(?:\s+(?:forwards?|backwards?|anteriorly|posteriorly|laterally))?\s+"
    r"(?:on|over|relative\s+to|in\s+relation\s+to)\s+)"
    r"(?:([CTDLS])\s?(\d{1,2})|(\d{1,2}))(?![0-9]))?(?![0-9])",
    re.IGNORECASE,
)
_FUSED_RE = re.compile(r"(?<![A-Za-z0-9])([L])([1-5])([2-6])(?![0-9A-Za-z])|(?<![A-Za-z0-9])L5S1(?![0-9A-Za-z])", re.I)
# where a match of _PAIR_RE / _FUSED_RE can start: every letter that [CTDLS] / [L] matches under re.I
# (U+017F, long s, is an s), before a digit. Case-sensitive, so re finds them with its fast first-letter scan.
_PAIR_START = re.compile("[CTDLSctdls\u017f](?=\\s?\\d)")
_FUSED_START = re.compile(r"[Ll](?=\d)")
_RANGE_WORD = re.compile(r"^\s*(?:through|thru|to|until|till|-|–)\s*$", re.I)
# ('///' separates; 'at L4-L5 and at L5-S1' is one list unless a clause opens at the second level, below)
_LIST_GAP = re.compile(r"^(?!.*//)[\s,&/+()]*(?:(?:(?:and|or|as well as)(?:\s+(?:also\s+)?at)?|levels?)[\s,&/+()]*)*$", re.I)
_AT_AGAIN = re.compile(r"\bat\s*$", re.I)
# what opens a clause of its own right after a level ('... and at L5-S1 there is a protrusion', '... and at L5-S1 a left
# protrusion', '... and at L5-S1 is normal')
# ('The discs at L3-L4 and at L4-L5 are desiccated' shares its verb: 'are' opens no clause of its own)
_CLAUSE_AT_LEVEL = re.compile(r"\s*(?:there\b|is\b|it\b|shows?\b|has\b|a\b|an\b|no\b|the\b|mild|moderate|severe|"
                              r"small|large|minimal|left|right|central|broad|diffuse)", re.I)
# a vertebra's endplate named again after one named so is the same list ('inferior endplate of T12 and superior
# endplate of L1'); not after a level named plainly ('Metastasis in L2 and inferior endplate of L3 shows Modic change')
_ENDPLATE_GAP = re.compile(r"^[\s,&]*(?:and|or|&)\s+(?:the\s+)?(?:(?:superior|inferior|upper|lower)\s+)?end\s*-?\s*plates?\s+of"
                           r"(?:\s+the)?\s*$", re.I)
_ENDPLATE_OF = re.compile(r"end\s*-?\s*plates?\s+of(?:\s+the)?\s*$", re.I)
# a size or note in brackets after a listed level ('largest in T6 (18 mm) and L2 (22 mm)'): still one list
_LIST_ASIDE = re.compile(r"\([^()\n]{1,20}\)")
_HEADER_AFTER = re.compile(r"^\s*(?:\([^)\n]{0,40}\))?\s*(?:disc\s+)?(?:levels?|leve|lvl|level\s*s)?\s*(?:\)\s*)?(?::|,|\s*/{2,}|\s+(?:there|disc|level)|[ \t]+[-\u2013\u2014][ \t]+(?![CTLS]?\d))", re.I)
# "the conus terminates at L1", "ending at L1 level": a position, not the level of a finding (this pattern and _EMPHASIS_BEFORE start
# with a look-ahead for the first letters of their words: searched in a window, they are tried only there)
_POSITION_BEFORE = re.compile(r"(?=[tel])(?<![\w-])(?:terminat\w*|end(?:s|ing)?|lies|tip)\s+(?:normally\s+|at\s+the\s+level\s+of\s+)?(?:at|near|opposite|behind)?\s*(?:the\s+)?(?:level\s+of\s+)?(?:mid\s*-?\s*)?$", re.I)
_ROOT_AFTER = re.compile(r"^\s*(?:(?:exit|exiting|traversing|descending)\s+)?(?:nerve\s+)?(?:root|roots|radiculopathy|radicular|"
                         r"dermatom|distribution|nerve|(?:sensory\s+|radicular\s+)?(?:symptoms|sciatica|territory)\b)", re.I)
# ('her left-sided S1 symptoms', 'L5 sciatica', 'the S1 territory': a root named by what it causes)
# A disc or foramen named by one vertebra is the segment below it: 'the L5 disc' is L5-S1, 'left L4
# foraminal narrowing' is at L4-L5, where the L4 root exits (lumbar and thoracic roots leave below their
# pedicle; a cervical root leaves above it, so a cervical foramen is not named this way).
_SEGMENT_AFTER = re.compile(r"^\s*(?:(?:left|right|lt|rt)\s+)?(?:(?:intervertebral|neural)\s+)?(?:(dis[ck]s?)\b|foram\w*)",
                            re.I)
# the foramen a lumbar or thoracic root leaves by: 'the foraminal opening of the L5 nerve root', 'the L5
# root foramen' (L5 exits at L5-S1)
_ROOT_FORAMEN_BEFORE = re.compile(r"\bforam\w*\s+(?:opening\s+|outlet\s+)?(?:of|for)\s+the\s+(?:(?:left|right|exiting)\s+)*$",
                                  re.I)
_ROOT_FORAMEN_AFTER = re.compile(r"^\s*(?:nerve\s+)?root\s+foram", re.I)
# 'T1' / 'T2' is a vertebra beside another vertebra in a list ('deposits at T2, T5 and T7-T9', 'C7, T2'), or after
# 'at' / 'involving' ('a deposit at T2.'); not beside a sequence's words ('T1 and T2 hypointense', 'bright at T2')
_NOT_A_SEQUENCE = r"(?:C[1-8]|T(?:[3-9]|1[0-2])|L[1-6]|S[1-5])"  # a vertebra no MRI sequence is named like
_LEVEL_BEFORE = re.compile(rf"(?<![\w-]){_NOT_A_SEQUENCE}\s*(?:,|and|&)\s*$")
_LEVEL_NEXT = re.compile(rf"\s*(?:,|and|&)\s*(?:the\s+)?{_NOT_A_SEQUENCE}(?![\w])")
_OTHER_VERTEBRA = re.compile(rf"(?<![\w-]){_NOT_A_SEQUENCE}(?![\w])")
_SEQUENCE_NEXT = re.compile(r"\s*(?:[-/]|and\s+)?\s*(?:W|WI|STIR|FLAIR|T1|T2)\b")  # 'T1/T2', 'T2 and STIR', 'T2W'
_MARROW_BEFORE = re.compile(r"\bmarrow\b", re.I)
_AT_BEFORE = re.compile(r"(?<![\w-])(?:at|involving|including)\s+(?:the\s+)?(?:level\s+of\s+)?$", re.I)
_SIGNAL_WORDS = (r"bright|dark|hyper\w*|hypo\w*|iso\w*|signal|intensity|intense|high|low|intermediate|weighted|stir|flair|"
                 r"sequences?|images?|imaging|fat|sat|shine")
_SIGNAL_BEFORE = re.compile(rf"\b(?:{_SIGNAL_WORDS})\b", re.I)
# ... and after it, the contrast too ('enhances avidly at T1 post gadolinium'; 'enhancing lesions at T2' is a vertebra)
_SIGNAL_NEAR = re.compile(rf"\b(?:{_SIGNAL_WORDS}|post|pre|gad\w*|contrast)\b", re.I)


# a word right after a level, that makes it the level of what follows ('L5 pars defects'), not a list's item
_WORD_AFTER = re.compile(r"[ \t]+(?!(?:and|or|to|through|levels?|vertebra\w*|bod(?:y|ies)|compatible|consistent|suggestive|"
                         r"suspicious|concerning|worrying|typical|characteristic|in|with|which|are|is|were|was|likely|"
                         r"probably|representing|showing|demonstrating|due|from|as)\b)[A-Za-z]")


def _t_level(text: str, start: int, end: int) -> bool:
    """Whether the 'T1' / 'T2' at text[start:end] is a vertebra, not an MRI sequence (see _LEVEL_BEFORE). Signal
    words before it, or after it before the list reaches another vertebra ('L1, T1, T2 and STIR hyperintense'),
    make it the sequence; so does marrow just before it ('abnormal marrow at T1')."""
    before, after = text[max(0, start - 40):start], text[end:end + 30]
    cut = _OTHER_VERTEBRA.search(after)
    if _SIGNAL_BEFORE.search(text, max(0, start - 25), start) or _MARROW_BEFORE.search(text, max(0, start - 25), start) \
            or _SIGNAL_NEAR.search(after, 0, cut.start() if cut else len(after)) \
            or _SEQUENCE_NEXT.match(after):
        return False
    return bool(_LEVEL_BEFORE.search(before) or _LEVEL_NEXT.match(after) or _AT_BEFORE.search(before))


_BODY_AFTER = re.compile(r"^\s*(?:vertebra|vertebral|body|bodies|level|segment|superior|inferior|endplate|end plate)", re.I)
_EMPHASIS_BEFORE = re.compile(
    r"(?=[nmepwlg])(?:\bno\w*abl[ey]|\bmainly|\bespecially|\bparticularly|\bpredominantly|\bmost(?:ly)?(?:\s+\w+)?"
    r"|\bworst|\blargest|\bgreatest|\bprominent(?:ly)?|\bmore\s+(?:so|prominent|pronounced|marked))"
    r"[\s,]*(?:noted\s+|seen\s+)?(?:at|in|of|on)?\s*(?:the\s+)?(?:level\s+of\s+)?\(?\s*$",
    re.I,
)
_LINE_WINDOW = 400
# a level group opens a line / a statement ("L4-5: ..."); what may follow a header that stands alone
_OPENS_LINE = re.compile(r"[\s\-–•*>.\d)(]*(?:at\s+)?(?:the\s+)?", re.I)
# 'FINDINGS: L4-5: ...' opens the line's list of levels too (with its own colon: 'IMPRESSION: L4-5 disc extrusion' does not)
_SECTION_OPENS_LINE = re.compile(r"[\s\-–•*>.\d)(]*(?:findings|impression|conclusions?|opinion|observations|report)\s*:\s*",
                                 re.I)
# 'Adjacent segment L3-4:', 'Operated level L4-5:': a label of the segment before a level header's colon
_LABEL_OPENS_LINE = re.compile(r"[\s\-–•*>.\d)(]*(?:(?:adjacent|segment|level|operated|index|fused|fusion|transitional|"
                               r"affected|symptomatic|treated|disc|space|interspace|intervertebral|lumbar|"
                               r"lumbosacral|junction|upper|lower)[ \t]+){1,3}", re.I)
# what ends a statement before a level header inside a line: a full stop, '//', ';', a list separator, or a
# section header's colon ('FINDINGS: L4-5: ...', a report whose line breaks were lost)
_OPENS_STATEMENT = re.compile(r"(?:\.|/{2,}|;|\||\u2022|[A-Za-z]{3}:)\s*[\"\u201c]?\s*$")  # (a quoted report: 'report: "L4-5: ...')
# 'At L4-5, ...' / 'At the L4-5 level, ...' after a full stop or ';' inside a line
# (or after a section's heading on its line: 'FINDINGS: At L5-S1 there is ...')
_OPENS_PROSE = re.compile(r"(?:\.|;|\b[A-Za-z]{3,}:)\s+at\s+(?:the\s+)?$", re.I)
# 'Attention is first drawn to L5-S1. Here ...', 'Turning to L4-5:': a narrative names the level it goes on to describe
_TOPIC_BEFORE = re.compile(r"(?:^|\.|;|\b[A-Za-z]{3,}:)\s*(?:(?:our\s+)?attention\s+is\s+(?:first\s+|next\s+|now\s+|then\s+|"
                           r"initially\s+)?(?:drawn|directed|turned)\s+to|turning\s+(?:now\s+|next\s+)?to|(?:with|in)\s+"
                           r"(?:regard|respect)\s+to|regarding|as\s+for|moving\s+(?:down\s+|up\s+)?to)\s+(?:the\s+)?$", re.I)
_TOPIC_AFTER = re.compile(r"\s*(?:(?:disc\s+)?(?:level|segment|interspace))?\s*[.:,;]", re.I)
_AT_LEVEL_COMMA = re.compile(r"\s*(?:levels?\s*)?(?:,|there\s+(?:is|are|was|were)\b)", re.I)
# a level that is its statement's subject ('The L4-5 level shows a disc bulge. There is moderate left foraminal
# stenosis.', 'L5-S1 demonstrates ...'): a narrative's level too, for the statements after it
_OPENS_SUBJECT = re.compile(r"(?:\.|;|\b[A-Za-z]{3,}:)\s+(?:the\s+)?$", re.I)
_SUBJECT_AFTER = re.compile(r"\s*(?:(?:disc\s+)?(?:level|segment|interspace|disc\s+space|disc)\s+)?"
                            r"(?:shows?|showed|demonstrates?|demonstrated|reveals?|revealed)\b", re.I)  # (not 'has been fused')
# a level that a verb follows opens a clause as its subject; one after 'at' / 'of' / 'in' is a finding's place
# (a singular verb: a list's plural one is of the noun before it, 'Disc bulges at L3-4, L4-5, and L5-S1 are noted')
_CLAUSE_VERB_AFTER = re.compile(r"\s*(?:(?:disc|level|segment|vertebra)\s+)?(?:is|was|has|had|shows|showed|demonstrates|"
                                r"appears|remains|looks)\b", re.I)
_PLACED_BEFORE = re.compile(r"\b(?:at|of|in|from)\s+(?:the\s+)?(?:level\s+of\s+)?$", re.I)
_HEADER_REST = re.compile(r"^\s*(?:disc\s+)?(?:levels?|leve|lvl)?\s*:?\s*l?\s*$", re.I)
_WORD = re.compile(r"[A-Za-z]{2,}")
_BODIES_AFTER = re.compile(r"^\s*(?:vertebral|vertebra|vertebrae|bodies|body)\b", re.I)
# 'L4 5 there is a broad based disc bulge': a dictated disc level whose dash speech recognition dropped, the
# next vertebra's bare number after a space; not a size, a count or a grade ('L4 5 mm', 'L4 5 of 5', 'L4 5/5')
_SPACED_NEXT = re.compile(r"[ \t]+(\d{1,2})(?![\d/x×+\-a-z]|[.,]\d|[ \t]*(?:mm|cm|%|x\b|×|\d|millimet\w*|centimet\w*|"
                          r"years?|yrs?|weeks?|months?|days?|hours?|hrs?|minutes?|mins?|fragments?|pieces?|parts?|levels\b|"
                          r"vertebra\w*|bod(?:y|ies)|times|out\s+of|of\b|\+|-))", re.I)
# a line that grades the roots' power, reflexes or sensation ('Power L4 5 L5 4 S1 5'): its numbers are grades
# 'L5 S1' as speech recognition writes it ('at L5 as 1 there is a large extrusion'), not a size or a count
_HEARD_S1 = re.compile(r"[ \t]+(?:as|ass|es)[ \t]+(?:1|one)\b(?![ \t]*(?:mm|cm|%|of\b|\.\d|x\b))", re.I)
_SIZE_AFTER = re.compile(r"[ \t]*(?:mm|cm|millimet|centimet)", re.I)
_EXAM_LINE = re.compile(r"power|strength|myotom|\bmrc\b|motor|reflex|sensation|dermatom|grade", re.I)
_BARE_NEXT = re.compile(r"\s*(?:,|and|&|/)\s*(\d{1,2})\b(?!\s*(?:mm|cm|%|x\b|years?|weeks?|months?|days?|/))", re.I)
_SPECIAL = [
    (re.compile(r"\blumbo-?sacral\s+(?:level|junction|disc|joint|segment|area|transition)", re.I), ["L5-S1"], "lumbo", "disc"),
    (re.compile(r"\bthoraco-?lumbar\s+junction", re.I), ["T12-L1"], "thoraco", "disc"),
    # the wings of the sacrum are the first sacral vertebra's ('a stress fracture in the left sacral ala', 'deposit in
    # the right sacral ala')
    (re.compile(r"\bsacral\s+alae?\b|\balae?\s+of\s+the\s+sacrum\b", re.I), ["S1"], "ala", "body"),
]  # (pattern, levels, a word every match holds: in the lower-cased text, or the pattern is not run, kind)


@dataclass
class LevelGroup:
    """One or several levels stated together ("L4/L5 & L5/S1 levels")."""

    start: int
    end: int
    levels: list[str]
    kind: str  # "disc" (between two vertebrae) or "body" (one vertebra)
    header: bool = False  # "L4-5:" at the start of a line
    emphasis: bool = False  # "noticeably at L4-L5": a highlight inside a wider statement
    alone: bool = False  # a header with nothing else on its line: it heads the lines below
    inline: bool = False  # a header inside a line ('... . L3-4: no abnormality.'): heads its statement only
    prose: bool = False  # 'At L4-5, ...' opening a statement inside a line: heads the rest of its line
    slashed: bool = False  # '... /// L4-L5 /// protrusion /// ...': alone between separators, heads the rest of its line
    texts: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)  # the bodies of a range of vertebrae ('T12 through L2', 'C4-6')


def _vertebra(region: str, number: str) -> str | None:
    region = region.upper()
    region = "T" if region == "D" else region
    n = int(number)
    if n < 1 or n > _MAX[region]:
        return None
    return f"{region}{n}"


def _next(v: str) -> str | None:
    i = _INDEX[v] + 1
    return _ORDER[i] if i < len(_ORDER) else None


def disc_levels_between(a: str, b: str) -> list[str]:
    """Disc levels from vertebra a down to vertebra b: L4, S1 -> [L4-L5, L5-S1]."""
    if a == "L5" and b == "S1" or _next(a) == b:
        return [f"{a}-{b}"]
    ia, ib = _INDEX[a], _INDEX[b]
    if ib <= ia:
        return []
    out = []
    cur = a
    while cur != b:
        nxt = _next(cur)
        if nxt is None or nxt == "L6" and b.startswith("S"):
            nxt = "S1" if cur.startswith("L") else nxt
        if nxt is None:
            break
        out.append(f"{cur}-{nxt}")
        cur = nxt
    return out


def vertebrae_between(a: str, b: str) -> list[str]:
    """Vertebral bodies from a to b, both included: T12, L2 -> [T12, L1, L2] (L6 only if named)."""
    out = [a]
    while out[-1] != b:
        nxt = next_vertebra(out[-1])
        if nxt is None or _INDEX[nxt] > _INDEX[b]:
            break
        out.append(nxt)
    return out


def _matches(pattern: re.Pattern[str], starts: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), for a pattern whose matches are never empty and begin only where
    `starts` matches one character: pattern.match is tried there only, leftmost first, skipping
    starts inside the match before (as finditer does)."""
    done = 0
    for c in starts.finditer(text):
        p = c.start()
        if p < done:
            continue
        m = pattern.match(text, p)  # a look-behind still sees the text before p
        if m is not None:
            yield m
            done = m.end()


def _raw_mentions(text: str, bodies: dict[tuple[int, int], list[str]]) -> list[tuple[int, int, list[str], str]]:
    found: list[tuple[int, int, list[str], str]] = []
    taken: list[tuple[int, int]] = []
    for m in _matches(_FUSED_RE, _FUSED_START, text):
        if m.group(0).upper() == "L5S1":
            found.append((m.start(), m.end(), ["L5-S1"], "disc"))
        else:
            a, b = int(m.group(2)), int(m.group(3))
            if b != a + 1:
                continue
            found.append((m.start(), m.end(), [f"L{a}-L{b}"], "disc"))
        taken.append((m.start(), m.end()))
    for m in _matches(_PAIR_RE, _PAIR_START, text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        first = _vertebra(m.group(1), m.group(2))
        if first is None:
            continue
        second = None
        if m.group(3):
            second = _vertebra(m.group(3), m.group(4))
        elif m.group(5):
            region = first[0]
            num = int(m.group(5))
            # "L5-1" is L5-S1: the lumbar count ends at 5 (or 6).
            if region == "L" and int(first[1:]) == 5 and num == 1:
                second = "S1"
            else:
                second = _vertebra(region, str(num))
        if second is not None and _INDEX[second] > _INDEX[first]:
            levels = disc_levels_between(first, second)
            if levels:
                found.append((m.start(), m.end(), levels, "disc"))
                if len(levels) > 1 or _BODIES_AFTER.match(text[m.end():m.end() + 30]):
                    # 'from T12 through L2', 'C4-6', 'the T3-4 vertebral bodies': the bodies too, for a lesion
                    bodies[(m.start(), m.end())] = vertebrae_between(first, second)
                continue
        # A single vertebra: a body level, unless it names a nerve root or an MRI sequence.
        end = m.start() + 1 + len(m.group(2)) + (1 if text[m.start() + 1] == " " else 0)
        if first == "L5" and (heard := _HEARD_S1.match(text, end)) is not None:
            found.append((m.start(), heard.end(), ["L5-S1"], "disc"))  # dictation's 'L5 as 1'
            continue
        spaced = _SPACED_NEXT.match(text, end)
        if spaced is not None and (nxt := _vertebra(first[0], spaced.group(1))) is not None \
                and _INDEX[nxt] == _INDEX[first] + 1 \
                and not _EXAM_LINE.search(text, text.rfind("\n", 0, m.start()) + 1, m.start()):
            found.append((m.start(), spaced.end(1), [f"{first}-{nxt}"], "disc"))
            continue
        after = text[end:end + 30]
        if _ROOT_AFTER.match(after):
            if first[0] in "TL" and (_ROOT_FORAMEN_AFTER.match(after)
                                     or _ROOT_FORAMEN_BEFORE.search(text[max(0, m.start() - 40):m.start()])):
                below = level_of_root(first, "exiting")
                if below:
                    found.append((m.start(), end, [below], "disc"))
            continue
        if (seg := _SEGMENT_AFTER.match(after)) and (seg.group(1) or first[0] in "TL") \
                and (below := level_of_root(first, "exiting")):
            found.append((m.start(), end, [below], "disc"))
            continue
        if first in ("T1", "T2") and not _BODY_AFTER.match(after) and not _t_level(text, m.start(), end):
            continue  # "T1 and T2 hypointense": sequences, not levels
        if text[m.start() + 1] in " \t" and _SIZE_AFTER.match(text, end):
            continue  # '(R 3 mm, L 2 mm)': a side's letter and its size, not a vertebra
        found.append((m.start(), end, [first], "body"))
        # 'T11 and 12 vertebral bodies': a bare number in the list is the next body of the region
        last, more = first, _BARE_NEXT.match(text, end)
        while more:
            nxt = _vertebra(last[0], more.group(1))
            if nxt is None or _INDEX[nxt] <= _INDEX[last]:
                break
            found.append((more.start(1), more.end(1), [nxt], "body"))
            last, more = nxt, _BARE_NEXT.match(text, more.end(1))
    lower = text.lower()
    for pattern, levels, word, kind in _SPECIAL:
        if word not in lower:
            continue
        for m in pattern.finditer(text):
            found.append((m.start(), m.end(), list(levels), kind))
    found.sort()
    return found


def find_level_groups(text: str) -> list[LevelGroup]:
    """Level mentions in text, with ranges expanded and lists grouped."""
    bodies: dict[tuple[int, int], list[str]] = {}
    raw = _raw_mentions(text, bodies)
    # Ranges between two disc levels: "L3-4 through L5-S1".
    merged: list[tuple[int, int, list[str], str]] = []
    i = 0
    while i < len(raw):
        s, e, lv, kind = raw[i]
        if i + 1 < len(raw) and kind == "disc" and raw[i + 1][3] == "disc":
            gap = text[e:raw[i + 1][0]]
            if _RANGE_WORD.match(gap) and gap.strip():
                first_top = lv[0].split("-")[0]
                last_bottom = raw[i + 1][2][-1].split("-")[1]
                span_levels = disc_levels_between(first_top, last_bottom)
                if span_levels:
                    merged.append((s, raw[i + 1][1], span_levels, "disc"))
                    i += 2
                    continue
        merged.append((s, e, lv, kind))
        i += 1
    groups: list[LevelGroup] = []
    merged = [m for m in merged if not _POSITION_BEFORE.search(text[max(0, m[0] - 40):m[0]])]
    for s, e, lv, kind in merged:
        listed = bool(groups) and (_LIST_GAP.match(_LIST_ASIDE.sub(" ", text[groups[-1].end:s])) or _ENDPLATE_GAP.match(
            text[groups[-1].end:s]) and _ENDPLATE_OF.search(text[max(0, groups[-1].start - 40):groups[-1].start])) \
            and "\n" not in text[groups[-1].end:s] \
            and not (_AT_AGAIN.search(text, groups[-1].end, s) and _CLAUSE_AT_LEVEL.match(text, e))
        if listed and "," in text[groups[-1].end:s] and _CLAUSE_VERB_AFTER.match(text, e) \
                and _PLACED_BEFORE.search(text, max(0, groups[-1].start - 12), groups[-1].start):
            listed = False  # 'No stenosis at L3/4, and L4/5 has severe stenosis': the level after the comma is the
            # subject of a clause of its own, the one before it a finding's place (not 'L3-4, L4-5, and L5-S1 are normal')
        if listed and groups[-1].kind != kind and not _WORD_AFTER.match(text, e) \
                and not _WORD_AFTER.match(text, groups[-1].end):
            # vertebrae and a range of them in one list ('deposits at T2, T5 and T7-T9, L2 and L4'): all bodies. Not
            # two findings' levels, each before its own word ('stenosis L2-4 and L5 pars defects', 'Modic changes
            # at L4-S1 and L3 haemangioma')
            g = groups[-1]
            if g.kind == "disc" and g.bodies and kind == "body":
                g.kind, g.levels, g.bodies = "body", list(g.bodies), []
            elif g.kind == "body" and kind == "disc" and bodies.get((s, e)):
                lv, kind = bodies[(s, e)], "body"
        if listed and groups[-1].kind == kind:
            g = groups[-1]
            g.end = e
            g.levels.extend(x for x in lv if x not in g.levels)
            g.texts.append(text[s:e])
            continue
        groups.append(LevelGroup(s, e, list(lv), kind, texts=[text[s:e]], bodies=bodies.get((s, e), [])))
    for g in groups:
        # the line around the group, looked at no further than _LINE_WINDOW characters each way
        # (a text without line breaks must not make every group scan all of it)
        line_start = text.rfind("\n", max(0, g.start - _LINE_WINDOW), g.start) + 1 or max(0, g.start - _LINE_WINDOW)
        before = text[line_start:g.start]
        after = text[g.end:g.end + 60]
        # a level that opens a line, or a statement after "." / "//" with a colon: "L4-5: ...", "L4/5 - large ..."
        opens_line = bool(_OPENS_LINE.fullmatch(before)) or (bool(
            _SECTION_OPENS_LINE.fullmatch(before)) or bool(_LABEL_OPENS_LINE.fullmatch(before))) and after.lstrip()[:1] == ":"
        # ('... /// L4-L5 /// protrusion ...': a level standing alone between separators heads what follows)
        opens_statement = (after.lstrip()[:1] == ":" or after.lstrip()[:2] == "//") and bool(_OPENS_STATEMENT.search(before))
        # 'The next level down is the most abnormal. At L4-5, a right paracentral extrusion ...': a narrative
        # report's level, opening its statement inside a paragraph
        subject = bool(_SUBJECT_AFTER.match(after))
        prose = not opens_line and (bool(_AT_LEVEL_COMMA.match(after)) and bool(_OPENS_PROSE.search(before))
                                    or subject and bool(_OPENS_SUBJECT.search(before))) \
            or bool(_TOPIC_BEFORE.search(before)) and bool(_TOPIC_AFTER.match(after))
        # (a vertebra heads its line with its colon too: '- T10: metastatic replacement ... Epidural tumour, cord
        # compression.' is all T10's)
        g.header = (g.kind == "disc" and (opens_line and (bool(_HEADER_AFTER.match(after)) or subject)
                                          or opens_statement or prose)
                    or g.kind == "body" and opens_line and after.lstrip()[:1] == ":")
        g.inline = g.header and not opens_line
        g.prose = g.header and prose
        g.slashed = g.header and after.lstrip()[:2] == "//"
        line_end = text.find("\n", g.end, g.end + _LINE_WINDOW)
        rest = text[g.end:line_end if line_end != -1 else g.end + _LINE_WINDOW]
        g.alone = g.header and not _WORD.search(_HEADER_REST.sub("", rest))
        g.emphasis = bool(_EMPHASIS_BEFORE.search(text[max(line_start, g.start - 40):g.start]))
    return groups


def level_sort_key(level: str | None) -> tuple[int, int]:
    """Head-to-foot order for display; statements without a level last."""
    if level is None:
        return (1, 0)
    return (0, _INDEX.get(level.split("-")[0], 99))


def next_vertebra(v: str) -> str | None:
    """The vertebra below: L5 -> S1 (L6 exists only with transitional anatomy)."""
    if v == "L5":
        return "S1"
    return _next(v) if v in _INDEX else None


def previous_vertebra(v: str) -> str | None:
    if v == "S1":
        return "L5"
    i = _INDEX.get(v)
    return _ORDER[i - 1] if i else None


def root_at(level: str, relation: str) -> str | None:
    """The root a disc level affects: at Lx-Ly the exiting root is Lx, the traversing root Ly."""
    if "-" not in level:
        return None
    upper, lower = level.split("-")
    return upper if relation == "exiting" else lower


def level_of_root(root: str, relation: str) -> str | None:
    """The disc level of a named root: exiting L3 -> L3-L4, traversing L5 -> L4-L5."""
    if relation == "exiting":
        below = next_vertebra(root)
        return f"{root}-{below}" if below else None
    above = previous_vertebra(root)
    return f"{above}-{root}" if above else None


LUMBOSACRAL_ROOTS = ("L1", "L2", "L3", "L4", "L5", "S1", "S2")


def adjacent_roots(a: str, b: str) -> bool:
    """Neighbouring lumbosacral roots (L5 and S1 are neighbours)."""
    return a in LUMBOSACRAL_ROOTS and b in LUMBOSACRAL_ROOTS and (next_vertebra(a) == b or next_vertebra(b) == a)
