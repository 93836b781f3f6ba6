"""Stage 3, spelling: a misspelled finding word takes the lexicon word as its NORM."""

from collections.abc import Container
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import OSA
from rapidfuzz.process import extract
from spacy.language import Language
from spacy.tokens import Doc

from ..lexicon import load_table, load_target_rules
from .tokens import toks


@Language.factory("spinelens_spelling", default_config={"min_length": 5})
def make_spelling(nlp: Language, name: str, min_length: int) -> "SpellingNormaliser":
    return SpellingNormaliser(min_length=min_length)


def _skeleton(word: str) -> str:
    """Consonant skeleton: drop vowels, fold doubled letters ('dissicating' -> 'dsctng')."""
    out = []
    for ch in word:
        if ch in "aeiouy":
            continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


_WORD_KEYS = ("NORM", "LOWER", "ORTH", "TEXT")


def _pattern_words(value: Any, sink: set[str]) -> None:
    """The words a pattern names: in IN lists, and as plain strings of its word keys ({"NORM": "cauda"})."""
    if isinstance(value, dict):
        for key, sub in value.items():
            if key == "IN" and isinstance(sub, list):
                sink.update(w for w in sub if isinstance(w, str))
            elif key in _WORD_KEYS and isinstance(sub, str):
                sink.add(sub.lower())
            else:
                _pattern_words(sub, sink)
    elif isinstance(value, list):
        for sub in value:
            _pattern_words(sub, sink)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    targets: set[str] = set()
    excluded: set[str] = set()  # words only exclusions hold: known (not corrected), but no typo is meant as them
    for _, rule in load_target_rules():
        if rule.get("category") == "EXCLUDE":
            _pattern_words(rule.get("pattern") or [], excluded)
            continue
        if rule.get("pattern") is None:
            targets.update(rule["literal"].lower().split())
        else:
            _pattern_words(rule["pattern"], targets)
    attrs = load_table("attributes")
    for key in ("severity", "side", "zone", "root_relation", "acuity"):
        for phrase in attrs[key]:
            targets.update(phrase.split())
    spelling = load_table("spelling")
    targets.update(spelling.get("extra_targets", []))
    targets = {t for t in targets if t.isalpha() and len(t) >= 3}
    known = frozenset(w.lower() for w in spelling.get("known_words", [])) | frozenset(targets) | frozenset(
        w for w in excluded if w.isalpha())
    synonyms = {k.lower(): v.lower() for k, v in spelling.get("synonyms", {}).items()}
    return frozenset(targets), known, synonyms


# prepositions, conjunctions and verbs stand beside almost any word: no evidence that a real word was meant as a
# lexicon word ('turning in bed' is not 'burning in'); a determiner is ('compression of the chord': 'the cord')
_FUNCTION_WORDS = frozenset("and or of in into on at to by for from with without is are was were be been has have "
                            "had".split())


@lru_cache(maxsize=1)
def _lexicon_pairs() -> frozenset[tuple[str, str]]:
    """Word pairs that stand next to each other in a lexicon rule ('end plate', 'thecal sac')."""
    pairs: set[tuple[str, str]] = set()
    for _, rule in load_target_rules():
        pattern = rule.get("pattern")
        if pattern is None:
            words = rule["literal"].lower().split()
            pairs.update(zip(words, words[1:], strict=False))
            continue
        if not isinstance(pattern, list):
            continue
        slots: list[set[str]] = []
        for spec in pattern:
            found: set[str] = set()
            _pattern_words(spec, found)
            slots.append(found)
        for a, b in zip(slots, slots[1:], strict=False):
            pairs.update((x.lower(), y.lower()) for x in a for y in b)
    return frozenset(pairs)


def _english() -> Container[str]:
    """English words (Webster's 2nd and GCIDE, from the english-words package, offline), opened
    on the first word that looks like a misspelling: a mapped word file (english.py)."""
    from .english import words

    return words()


_ENDINGS = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"), ("es", ""), ("s", ""),
            ("ly", ""), ("er", ""), ("er", "e"))


def _same_stem(word: str, target: str) -> bool:
    """An inflection of the lexicon word itself ('stenosiss' ~ 'stenoses', 'theca' ~ 'thecal')."""
    n = min(len(word), len(target)) - 2
    return n >= 4 and word[:n] == target[:n]


def is_english(word: str) -> bool:
    """A dictionary word, or a regular inflection of one ('tolerated', 'cages')."""
    words = _english()
    if word in words:
        return True
    return any(word.endswith(end) and word[: len(word) - len(end)] + base in words for end, base in _ENDINGS)


class SpellingNormaliser:
    """Set ``token.norm_`` of a misspelled word to the lexicon word it was meant to be.

    Misspellings are computed, not listed: one edit (two for 8+ letters, transpositions
    count once) from a lexicon word, or the same consonant skeleton. Results are cached
    per word, so a batch of a million reports pays for each typo once.
    """

    def __init__(self, min_length: int = 5):
        self.min_length = min_length
        targets, self.known, self.synonyms = _vocabulary()
        self.targets = sorted(targets)
        self.skeletons: dict[str, set[str]] = {}
        for t in self.targets:
            if len(t) >= 6:
                self.skeletons.setdefault(_skeleton(t), set()).add(t)
        self.cache: dict[str, str | None] = {}
        # targets a word of length n can be within `limit` edits of (an edit changes the length by at most
        # one), in the order of self.targets, so that extract() ranks and breaks ties as over all of them
        self.near_length: dict[tuple[int, int], list[str]] = {}
        self.real_words: dict[str, str] = {}  # real words that look like a lexicon word: word -> that word
        self.pairs = _lexicon_pairs()
        self.by_context: dict[str, list[dict[str, Any]]] = {}  # abbreviations read by the words around them
        for entry in load_table("spelling").get("context_synonyms", []):
            self.by_context.setdefault(entry["word"].lower(), []).append(entry)

    def correct(self, word: str) -> str | None:
        if word in self.cache:
            return self.cache[word]
        result: str | None = None
        if word in self.synonyms:
            result = self.synonyms[word]
        elif len(word) >= self.min_length and word.isalpha() and word not in self.known:
            limit = 1 if len(word) < 8 else 2
            near = self.near_length.get((len(word), limit))
            if near is None:
                near = self.near_length[len(word), limit] = [t for t in self.targets if abs(len(t) - len(word)) <= limit]
            best = extract(word, near, scorer=OSA.distance, score_cutoff=limit, limit=3)
            # a longer real word built on a lexicon word ("decompressed") is not a typo of it
            best = [b for b in best if b[0] not in word] if best else best
            if best:
                top = best[0][1]
                ties = {b[0] for b in best if b[1] == top}
                # ties between inflections of one word are fine ("protrusion"/"protrusions")
                if len(ties) == 1 or len({t.rstrip("s") for t in ties}) == 1:
                    result = min(ties, key=len) if len(ties) > 1 else best[0][0]
            if result is None and len(word) >= 6:
                cands = self.skeletons.get(_skeleton(word))
                if cands and len(cands) == 1:
                    result = next(iter(cands))
            if result is not None and is_english(word) and not _same_stem(word, result):
                # a real word is not a misspelling ('protein' is not 'operation'), unless the words
                # around it make a lexicon phrase of the correction ('end palate' -> 'end plate')
                self.real_words[word] = result
                result = None
        if len(self.cache) > 20_000:  # bounded: a batch of millions of reports meets many one-off names
            self.cache.clear()
        self.cache[word] = result
        return result

    def _by_context(self, doc: Doc, norms: list[str], space: list[bool], word: str) -> None:
        """An abbreviation with two meanings read by its neighbours (lexicons/spelling.json context_synonyms):
        'reduced LT R lateral foot', 'intact to LT.' and 'LT/PP' are light touch; 'LT leg pain', 'power reduced LT
        4/5' and 'ankle jerks absent LT.' are the left side."""
        for i in [i for i, norm in enumerate(norms) if norm == word]:
            before = [norms[j] for j in range(i - 1, max(i - 4, -1), -1) if not space[j]]
            after = [norms[j] for j in range(i + 1, min(i + 4, len(norms))) if not space[j]]
            for entry in self.by_context[word]:
                if after and (after[0] in entry.get("not_before", ()) or after[0][:1].isdigit()):
                    continue  # ('reduced LT leg power', 'power reduced LT 4/5': the side)
                prev = before[1] if before[:1] == ["to"] and len(before) > 1 else before[0] if before else ""
                nxt = after[1] if after[:1] and after[0] in ("and", "/", "&", ",") and len(after) > 1 else ""
                # beside its pair ('LT/PP', 'LT and PP'), or after its word; at its clause's end only after 'to'
                # ('intact to LT.'; 'ankle jerks absent LT.' is the side)
                if nxt in entry.get("before", ()) or prev in entry.get("after", ()) and (
                        after and after[0][:1].isalnum() or before[:1] == ["to"]):
                    doc[i].norm_ = norms[i] = entry["norm"]
                    break

    def __call__(self, doc: Doc) -> Doc:
        tk = toks(doc)  # made by the sentences stage
        norms, space, known, real_words = tk.norms, tk.space, self.known, self.real_words
        for word in self.by_context:
            if word in norms:
                self._by_context(doc, norms, space, word)
        # Each distinct word once (a report repeats most of its words): correct() is a cache hit for a word
        # seen before, but a call per token cost more than the rest of this stage. correct() answers the
        # same for a word wherever it stands, so only the words it fixes, or that may be fixed by the
        # words around them, are looked for token by token.
        flagged: set[str] = set()
        for word in dict.fromkeys(norms):
            if word in known or not word.isalpha():
                continue
            if self.correct(word) is not None or word in real_words:
                flagged.add(word)
        if not flagged:
            return doc
        for i in [i for i, norm in enumerate(norms) if norm in flagged]:
            if space[i]:
                continue
            norm = norms[i]
            fixed = self.correct(norm)
            if fixed is None and norm in real_words:
                candidate = real_words[norm]
                # prev reads the norms before i as corrected already, as a token-by-token pass would
                prev = next((norms[j] for j in range(i - 1, max(i - 3, -1), -1) if not space[j]), "")
                nxt = next((norms[j] for j in range(i + 1, min(i + 3, len(norms))) if not space[j]), "")
                # a content word beside it: 'end palate' is 'end plate', 'turning in bed' is not 'burning in'
                if (prev not in _FUNCTION_WORDS and (prev, candidate) in self.pairs
                        or nxt not in _FUNCTION_WORDS and (candidate, nxt) in self.pairs):
                    fixed = candidate
            if fixed is not None:
                doc[i].norm_ = fixed
                norms[i] = fixed
        return doc
