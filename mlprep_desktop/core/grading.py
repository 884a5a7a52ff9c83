"""Transparent grading: does an answer mention a key point? Words, not magic.

How a key point is matched (the UI shows the matched words as "matched: …"):
1. Both texts are normalised: math symbols become their names, however they are written —
   ``\\delta``, ``δ`` and ``delta`` are all ``delta``; ``\\odot``, ``⊙`` and "Hadamard" meet —
   then Unicode is folded to ASCII, lower-cased and split into words of letters and digits.
2. Stop words are dropped: common English words, words that say how an answer is graded
   ("explains", "mentions") and a few that every ML answer uses ("model", "data").
   Words of one character are dropped too.
3. Each word is reduced by a simple stemmer (British -ise -> -ize, plurals, -ing, -ed, -ly,
   -ization, -ation …), so "regularised", "regularizing" and "regularization" meet.
4. A key point's *content words* are its distinct stems. It is matched when at least
   ``MATCH_THRESHOLD`` (half) of them occur in the answer and at least ``MIN_MATCHED_WORDS``
   (two) do — or all of them, for a key point with a single content word.
5. Phrases are stronger evidence than loose words: a key point is matched too when at least
   ``MIN_PHRASES`` (two) of its pairs of neighbouring content words ("chain rule", "forward
   values") stand side by side in the answer and ``PHRASE_THRESHOLD`` (a third) of its words
   occur. So "Chain rule, cache forward values" ticks "…the chain rule applied layer by layer …,
   reusing cached forward values" (5 of 11 words, 3 phrases). Measured on the bank
   (tests/benchmarks/grading_false_positives.py) this leaves false positives where they were.
The candidate always has the last word: the match only pre-ticks the checklist.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

MATCH_THRESHOLD = 0.5
MIN_MATCHED_WORDS = 2
MIN_PHRASES = 2
PHRASE_THRESHOLD = 1 / 3

_WORD = re.compile(r"[a-z0-9]+")
_LATEX_COMMAND = re.compile(r"\\([a-zA-Z]+)")

# Math written as Unicode symbols, by their LaTeX names (after NFKD, so "ϵ" and "µ" arrive as
# the Greek letters). Upper case folds onto the same name: the answer's case is not the point.
_SYMBOL_NAMES = {
    "α": "alpha", "β": "beta", "γ": "gamma", "Γ": "gamma", "δ": "delta", "Δ": "delta",
    "ε": "epsilon", "ϵ": "epsilon", "ζ": "zeta", "η": "eta", "θ": "theta", "ϑ": "theta", "Θ": "theta",
    "ι": "iota", "κ": "kappa", "λ": "lambda", "Λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi",
    "Ξ": "xi", "π": "pi", "Π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma", "Σ": "sigma",
    "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi", "Φ": "phi", "χ": "chi", "ψ": "psi",
    "Ψ": "psi", "ω": "omega", "Ω": "omega",
    "∇": "nabla", "∂": "partial", "∑": "sum", "∏": "prod", "∫": "int", "√": "sqrt", "∞": "infty",
    "⊙": "odot", "⊗": "otimes", "∘": "circ", "×": "times", "≈": "approx", "∝": "propto",
    "≤": "leq", "≥": "geq", "≠": "neq", "∼": "sim", "∈": "in", "⊤": "top", "·": "cdot",
}
_SYMBOLS = re.compile("[" + "".join(_SYMBOL_NAMES) + "]")
# Spellings of one symbol that should meet (applied to whole words, after lower-casing).
_ALIASES = {
    "varepsilon": "epsilon", "eps": "epsilon", "varphi": "phi", "vartheta": "theta",
    "varsigma": "sigma", "varrho": "rho", "varpi": "pi", "le": "leq", "ge": "geq", "ne": "neq",
    "infty": "infinity", "odot": "hadamard", "grad": "gradient",
}

STOP_WORDS = frozenset(
    ["a", "about", "above", "after", "again", "against", "all", "almost", "along", "also", "although", "always", "am", "among", "an", "and", "another", "any", "anything", "are", "around", "as", "at", "away", "back", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "cannot", "could", "did", "do", "does", "doing", "done", "down", "during", "each", "either", "else", "enough", "even", "ever", "every", "few", "for", "from", "further", "get", "gets", "getting", "give", "given", "gives", "go", "goes", "going", "good", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "keep", "keeps", "kind", "least", "less", "like", "likely", "lot", "lots", "made", "make", "makes", "making", "many", "may", "me", "might", "more", "most", "much", "must", "my", "near", "need", "needs", "never", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only", "onto", "or", "other", "others", "otherwise", "our", "out", "over", "own", "per", "perhaps", "put", "quite", "rather", "really", "same", "see", "seen", "several", "shall", "she", "should", "show", "shows", "since", "so", "some", "something", "sometimes", "still", "such", "than", "that", "the", "their", "them", "themselves", "then", "there", "these", "they", "thing", "things", "this", "those", "though", "through", "thus", "to", "too", "toward", "towards", "two", "under", "until", "up", "upon", "us", "usually", "very", "via", "was", "way", "ways", "we", "well", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "answer", "answers", "candidate", "explain", "explains", "explained", "describe", "describes", "described", "discuss", "discusses", "mention", "mentions", "mentioned", "name", "names", "named", "note", "notes", "noted", "know", "knows", "state", "states", "stated", "give", "say", "says", "said", "point", "points", "recognise", "recognize", "recognises", "recognizes", "understand", "understands", "understood", "identify", "identifies", "model", "models", "data", "use", "uses", "used", "using", "example", "examples", "e", "g", "eg", "ie", "etc", "vs", "mathbb", "mathcal", "mathrm", "mathbf", "mathit", "operatorname", "text", "textbf", "left", "right", "frac", "dfrac", "tfrac", "cdot", "cdots", "ldots", "dots", "quad", "qquad", "hat", "bar", "tilde", "top", "boldsymbol", "displaystyle", "limits"]
)

# Derivational and inflectional endings, longest first: (suffix, replacement).
_SUFFIXES = (
    ("izations", ""), ("ization", ""), ("izers", ""), ("izer", ""), ("izing", ""), ("ized", ""),
    ("izes", ""), ("ize", ""), ("ational", "ate"), ("ations", "ate"), ("ation", "ate"),
    ("fulness", "ful"), ("iveness", "ive"), ("ousness", "ous"), ("nesses", ""), ("ness", ""),
    ("ingly", ""), ("edly", ""), ("ings", ""), ("ing", ""), ("ies", "y"), ("ied", "y"),
    ("ed", ""), ("ly", ""),
)
_VOWELS = set("aeiouy")


def normalize(text: str) -> str:
    """Lower-case ASCII with LaTeX commands and math symbols replaced by their names."""
    text = _LATEX_COMMAND.sub(lambda m: f" {m.group(1)} ", text)
    text = unicodedata.normalize("NFKD", text)
    text = _SYMBOLS.sub(lambda m: f" {_SYMBOL_NAMES[m.group(0)]} ", text)
    return text.encode("ascii", "ignore").decode("ascii").lower()


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A deliberately simple stemmer; the same word always gives the same stem (so it is
    cached: a long answer repeats its words, and grading a 300 KB one stemmed 42,000 of them)."""
    w = word
    if len(w) <= 3 or w.isdigit():
        return w
    w = re.sub(r"is(e|es|ed|ing|er|ers|ation|ations)$", r"iz\1", w)  # normalise -> normalize
    w = re.sub(r"([^aeiou])tre(s?)$", r"\1ter\2", w)  # centre -> center
    # plurals
    if w.endswith(("sses", "ches", "shes", "xes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "ies")) and len(w) > 4:
        w = w[:-1]
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            base = w[: len(w) - len(suffix)]
            if suffix in ("ing", "ings", "ed", "ingly", "edly") and not (_VOWELS & set(base)):
                break  # "sing", "bed": no vowel left, not a suffix
            w = base + repl
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz" and w[-1] not in _VOWELS:
        w = w[:-1]  # running -> runn -> run
    return w


def _content_stem(word: str) -> str | None:
    """The stem of ``word`` (a normalized word), or None if it is not a content word."""
    canonical = _ALIASES.get(word, word)
    if len(canonical) < 2 or canonical in STOP_WORDS:
        return None
    key = stem(canonical)
    return None if key in STOP_WORDS else key


def _stem_sequence(text: str) -> list[tuple[str, str]]:
    """(stem, surface form) of every content word, in order, repeats kept."""
    out: list[tuple[str, str]] = []
    for word in _WORD.findall(normalize(text)):
        key = _content_stem(word)
        if key is not None:
            out.append((key, word))
    return out


def content_words(text: str) -> list[tuple[str, str]]:
    """(stem, first surface form) for each distinct content word, in order of appearance."""
    seen: dict[str, str] = {}
    for key, word in _stem_sequence(text):
        seen.setdefault(key, word)
    return list(seen.items())


def _pairs(sequence: list[tuple[str, str]]) -> dict[str, str]:
    """Each two neighbouring content words -> ("stem stem", "surface surface"), first seen wins."""
    pairs: dict[str, str] = {}
    for (a, wa), (b, wb) in zip(sequence, sequence[1:]):
        if a != b:
            pairs.setdefault(f"{a} {b}", f"{wa} {wb}")
    return pairs


def answer_stems(text: str) -> frozenset[str]:
    """The answer's content-word stems and its neighbouring pairs of them ("chain rule").
    Each distinct word is looked at once (a 300 KB answer has 66,000 words, 6,000 of them
    distinct), and no (stem, surface) tuples are built: ~80 -> ~45 ms, in the turn that ends
    an interview. The answer given to ``prime_answer_stems`` last is answered from there;
    others from a cache of the last 32."""
    primed = _primed
    if text in primed:
        return primed[text]
    return _cached_stems(text)


def prime_answer_stems(text: str) -> frozenset[str]:
    """Work out ``answer_stems(text)`` ahead and keep it (only the last text primed), so that
    grading that answer later takes no time. Safe to call from a background thread: it only
    reads ``text`` and replaces the kept result in one assignment."""
    global _primed
    stems = _primed.get(text)
    if stems is None:
        stems = _stems_of(text)
        _primed = {text: stems}
    return stems


def _stems_of(text: str) -> frozenset[str]:
    words = _WORD.findall(normalize(text))
    stem_of = {word: _content_stem(word) for word in set(words)}
    keys = [key for key in map(stem_of.__getitem__, words) if key is not None]
    pairs = {f"{a} {b}" for a, b in zip(keys, keys[1:]) if a != b}
    return frozenset(keys) | frozenset(pairs)


@lru_cache(maxsize=32)
def _cached_stems(text: str) -> frozenset[str]:
    return _stems_of(text)


_primed: dict[str, frozenset[str]] = {}


def is_match(words: int, matched: int, phrases: int = 0) -> bool:
    """The rule of the module docstring, on counts: ``words`` content words in the key point,
    ``matched`` of them in the answer, ``phrases`` of its word pairs found as pairs there."""
    if not words or matched < min(MIN_MATCHED_WORDS, words):
        return False
    if matched / words >= MATCH_THRESHOLD:
        return True
    return phrases >= MIN_PHRASES and matched / words >= PHRASE_THRESHOLD


@dataclass(frozen=True)
class KeyPointMatch:
    """How one key point fared against an answer."""

    key_point: str
    words: tuple[str, ...]  # the key point's content words, as written in it
    matched: tuple[str, ...]  # those that the answer contains (after stemming)
    phrases: tuple[str, ...] = ()  # its pairs of neighbouring words found side by side in the answer

    @property
    def missing(self) -> tuple[str, ...]:
        """The content words the answer does not contain."""
        return tuple(w for w in self.words if w not in self.matched)

    @property
    def ratio(self) -> float:
        return len(self.matched) / len(self.words) if self.words else 0.0

    @property
    def is_match(self) -> bool:
        return is_match(len(self.words), len(self.matched), len(self.phrases))


@lru_cache(maxsize=4096)
def _key_point_parts(key_point: str) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """A key point's (stem, surface) content words and its (pair stems, pair surface) phrases."""
    return tuple(content_words(key_point)), tuple(_pairs(_stem_sequence(key_point)).items())


def match_key_point(key_point: str, stems: frozenset[str]) -> KeyPointMatch:
    """How ``key_point`` fares against an answer's ``stems`` (from ``answer_stems``)."""
    words, pairs = _key_point_parts(key_point)
    return KeyPointMatch(
        key_point=key_point,
        words=tuple(surface for _, surface in words),
        matched=tuple(surface for key, surface in words if key in stems),
        phrases=tuple(surface for key, surface in pairs if key in stems),
    )


def grade_answer(answer: str, key_points: Sequence[str]) -> list[KeyPointMatch]:
    """One ``KeyPointMatch`` per key point, in order."""
    stems = answer_stems(answer)
    return [match_key_point(point, stems) for point in key_points]


def match_rate(matches: Iterable[KeyPointMatch]) -> float:
    """The share of key points matched (0 when there are none)."""
    matches = list(matches)
    return sum(m.is_match for m in matches) / len(matches) if matches else 0.0


def accuracy_from_tests(passed: int, total: int, all_passed: bool) -> int:
    """A coding answer's technical accuracy (1-4) from its tests, proportionally:
    4 only when every test ran and passed; otherwise 1 + 3 x passed/total rounded half up,
    at most 3. So out of 5 tests: 0 -> 1, 1 -> 2, 2 -> 2, 3 -> 3, 4 -> 3, 5 -> 4. A run in
    which no test ran (a syntax error, a missing module) scores 1."""
    if all_passed and total > 0:
        return 4
    if total <= 0:
        return 1
    share = max(0, min(passed, total)) / total
    return min(3, 1 + int(3 * share + 0.5))
