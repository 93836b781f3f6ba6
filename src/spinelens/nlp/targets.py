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
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import PatternError
from ..lexicon import compile_pattern, first_words
from .extensions import RAW_GROUP, TOKENS_KEY
from .relations import Match


@dataclass
class _Compiled:
    rule: Any
    regex: re.Pattern[str]
    anchor: set[str] | None
    first: set[str] | None  # words a match starts with: try only there


class NormMatcher:
    """Match TargetRules on token norms; returns (rule, start, end) token spans."""

    def __init__(self, nlp: Language, rules: list[Any]):
        self.compiled: list[_Compiled] = []
        for rule in rules:
            if rule.pattern is None:
                words = [t.norm_ for t in nlp.make_doc(rule.literal) if not t.is_space]
                pattern = [{"NORM": w} for w in words]
            elif isinstance(rule.pattern, list):
                pattern = rule.pattern
            else:
                raise PatternError(f"{rule.literal!r}: string (regex) patterns are not supported here")
            try:
                regex, anchor = compile_pattern(pattern)
            except PatternError as exc:
                raise PatternError(f"rule {rule.literal!r}: {exc}") from None
            self.compiled.append(_Compiled(rule, regex, anchor, first_words(pattern)))

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
        starts: dict[int, int] = {}
        where: dict[str, list[int]] = {}
        pos = 0
        for k, n in enumerate(norms):
            starts[pos] = k
            where.setdefault(n, []).append(pos)
            pos += len(n) + 1
        out: list[tuple[Any, int, int]] = []
        for c in self.compiled:
            if c.anchor is not None and c.anchor.isdisjoint(where):
                continue
            if c.first is None:
                found = [m for m in c.regex.finditer(text) if m.end() > m.start()]
            else:
                # anchored attempts at the few places a match can start, leftmost first,
                # skipping starts inside an earlier match (as finditer would)
                found = []
                done = -1
                for p in sorted(p for w in c.first.intersection(where) for p in where[w]):
                    if p < done:
                        continue
                    m = c.regex.match(text, p)
                    if m is not None and m.end() > m.start():
                        found.append(m)
                        done = m.end()
            for m in found:
                k0 = starts[m.start()]
                k1 = starts.get(m.end(), len(norms))  # end is just after a token's trailing space
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

