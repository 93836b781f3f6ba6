"""Stage 5, targets: medspaCy TargetRules from lexicons/ matched fast on token NORMs.

spaCy's Matcher evaluates every ``IN``/``REGEX`` predicate of every pattern at every token
(Python-level predicates): with the ~200 lexicon rules that was ~60% of SpineLens's time.
Here each rule is compiled once into a regular expression over the report's norms joined
by spaces, and only rules whose anchor words occur in the report are run. Space tokens
("\\n") are skipped, so a phrase broken across a line still matches. Results equal
medspaCy's TargetMatcher on the samples (tests/test_fastmatch.py).

Supported token keys: NORM / LOWER / ORTH / TEXT with a string, ``IN`` or ``REGEX``;
IS_ALPHA; OP ``?``, ``*``, ``+``, ``!``.
"""


import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import PatternError
from ..lexicon import TEXT_KEYS, compile_pattern, first_tokens
from .extensions import RAW_GROUP, TOKENS_KEY
from .relations import Match


@dataclass
class _Compiled:
    rule: Any
    regex: re.Pattern[str]
    anchor: set[str] | None  # one of these words must occur in the report (None: no such word)
    first: tuple[set[str], list[re.Pattern[str]]] | None  # what a match starts with: try only there


def _splitter(nlp: Language) -> Callable[[str], list[str]]:
    """A word's tokens' norms as the tokenizer splits it, computed once per word; a word of letters alone that is no
    special case of the tokenizer ('cannot' is) is one token without asking (most lexicon words: cold start)."""
    special = getattr(getattr(nlp.tokenizer, "inner", nlp.tokenizer), "rules", None) or {}

    @cache
    def split(word: str) -> list[str]:
        if word.isalpha() and word not in special and word.lower() not in special:
            return [word]
        return [t.norm_ for t in nlp.make_doc(word) if not t.is_space]
    return split


def _split_forms(pattern: list[dict[str, Any]], split: Callable[[str], list[str]]) -> list[list[dict[str, Any]]]:
    """The pattern once more for each word of it that the tokenizer splits ('sacro-iliitis', 'z-joint', 'b/l',
    "pott's", 'cannot', 'lateral listhesis'), that word written as its tokens' norms: a lexicon names a word as
    readers write it, and the matcher sees tokens. A repeated token ('*', '+') or a refused one ('!') keeps one
    token."""
    forms = []
    for i, spec in enumerate(pattern):
        if spec.get("OP") in ("*", "+", "!"):
            continue
        keys = [k for k in spec if k != "OP"]
        if len(keys) != 1 or keys[0] not in TEXT_KEYS:
            continue
        value = spec[keys[0]]
        words = [value] if isinstance(value, str) else value.get("IN", []) if isinstance(value, dict) else []
        for w in words:
            parts = split(w) if isinstance(w, str) else []
            if len(parts) > 1:
                forms.append(pattern[:i] + [{"NORM": p} for p in parts] + pattern[i + 1:])
    return forms


class NormMatcher:
    """Match TargetRules on token norms; returns (rule, start, end) token spans.

    Rules are indexed by their anchor words and by the words they can start with, so a report
    tries only the rules whose words it holds, and each only where it can start. A rule whose
    first token is a REGEX is tried where a word passes it (answers cached per word)."""

    def __init__(self, nlp: Language, rules: list[Any]):
        self.compiled: list[_Compiled] = []
        split = _splitter(nlp)
        for rule in rules:
            if rule.pattern is None:
                words = [t.norm_ for t in nlp.make_doc(rule.literal) if not t.is_space]
                pattern = [{"NORM": w} for w in words]
            elif isinstance(rule.pattern, list):
                pattern = rule.pattern
            else:
                raise PatternError(f"{rule.literal!r}: string (regex) patterns are not supported here")
            for form in [pattern, *_split_forms(pattern, split)]:
                try:
                    regex, anchor = compile_pattern(form)
                except PatternError as exc:
                    raise PatternError(f"rule {rule.literal!r}: {exc}") from None
                self.compiled.append(_Compiled(rule, regex, anchor, first_tokens(form)))
        self.by_anchor: dict[str, list[int]] = {}
        self.unanchored: list[int] = []
        self.by_first: dict[str, list[int]] = {}
        self.scanned: list[int] = []  # no first-token test: the regex scans the whole text
        self.tested: list[tuple[int, list[re.Pattern[str]]]] = []
        for r, c in enumerate(self.compiled):
            for w in c.anchor or ():
                self.by_anchor.setdefault(w, []).append(r)
            if c.anchor is None:
                self.unanchored.append(r)
            if c.first is None:
                self.scanned.append(r)
                continue
            for w in c.first[0]:
                self.by_first.setdefault(w, []).append(r)
            if c.first[1]:
                self.tested.append((r, c.first[1]))
        # every first-token test at once: a word none of them takes (most words) is ruled out in one try
        self.any_test = re.compile("|".join(f"(?:{t.pattern})" for _, tests in self.tested for t in tests) or "(?!)")
        self._rules_of: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def rules_of(self, word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The rules a word anchors, and the rules a match can start with it (cached per word)."""
        found = self._rules_of.get(word)
        if found is None:
            w = word + " "
            starting = set(self.by_first.get(word, ()))
            if self.any_test.fullmatch(w):
                starting.update(r for r, tests in self.tested if any(t.fullmatch(w) for t in tests))
            found = (tuple(self.by_anchor.get(word, ())), tuple(sorted(starting)))
            if len(self._rules_of) > 20_000:  # bounded: one-off words (names, ids) of millions of reports
                self._rules_of.clear()
            self._rules_of[word] = found
        return found

    def __call__(self, doc: Doc) -> list[tuple[Any, int, int]]:
        cached = doc.user_data.get(TOKENS_KEY)  # set by the spelling stage
        if cached is not None:
            all_norms, space = cached.norms, cached.space
        else:
            all_norms, space = [t.norm_ for t in doc], [t.is_space for t in doc]
        index = [i for i, sp in enumerate(space) if not sp]
        norms = [all_norms[i].replace(" ", "_") or "_" for i in index]
        if not norms:
            return []
        text = " ".join(norms) + " "
        offsets = list(accumulate([len(n) + 1 for n in norms], initial=0))  # offsets[k]: where norm k starts
        where: dict[str, list[int]] = {}
        for k, n in enumerate(norms):  # one dict look-up per token, not two or three (~2x faster)
            found = where.get(n)
            if found is None:
                where[n] = [k]
            else:
                found.append(k)
        # the rules with an anchor word here, and the tokens each can start at
        present = set(self.unanchored)
        at: dict[int, list[int]] = {}
        rules_of = self._rules_of
        for w, ks in where.items():
            anchors, starting = rules_of.get(w) or self.rules_of(w)
            if anchors:
                present.update(anchors)
            for r in starting:
                if r in at:
                    at[r] += ks
                else:
                    at[r] = list(ks)
        candidates = sorted(present.intersection(at).union(present.intersection(self.scanned)))
        out: list[tuple[Any, int, int]] = []
        for r in candidates:
            c = self.compiled[r]
            if c.first is None:
                found = [m for m in c.regex.finditer(text) if m.end() > m.start()]
            else:
                # anchored attempts at the few places a match can start, leftmost first,
                # skipping starts inside an earlier match (as finditer would)
                found = []
                done = -1
                match = c.regex.match
                for k in sorted(at[r]):
                    p = offsets[k]
                    if p < done:
                        continue
                    m = match(text, p)
                    if m is not None and m.end() > p:
                        found.append(m)
                        done = m.end()
            for m in found:
                k0 = bisect_left(offsets, m.start())
                k1 = bisect_left(offsets, m.end())  # end is just after a token's trailing space
                out.append((c.rule, index[k0], index[k1 - 1] + 1))
        return out


@Language.factory("spinelens_targets", default_config={"span_group": RAW_GROUP})
def make_targets(nlp: Language, name: str, span_group: str) -> "TargetFinder":
    return TargetFinder(nlp, span_group)


class TargetFinder:
    """Pipeline stage: every lexicon TargetRule match, as spans in a span group."""

    def __init__(self, nlp: Language, span_group: str):
        self.nlp = nlp
        self.span_group = span_group
        self.matcher: NormMatcher | None = None

    def add(self, rules: list[Any]) -> None:
        self.matcher = NormMatcher(self.nlp, rules)

    def __call__(self, doc: Doc) -> Doc:
        found = [Match(rule.category, start, end, rule) for rule, start, end in (self.matcher(doc) if self.matcher else [])]
        # plain matches, not Span objects: see components.Match
        doc.user_data[self.span_group] = found
        return doc

