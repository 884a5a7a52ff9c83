"""Transparent grading: does an answer mention a key point? Words, not magic.

How a key point is matched (the UI shows the matched words as "matched: …"):
1. Both texts are normalised: Unicode folded to ASCII, lower-cased, LaTeX commands reduced
   to their names (``\\beta`` -> ``beta``), split into words of letters and digits.
2. Stop words are dropped: common English words, words that say how an answer is graded
   ("explains", "mentions") and a few that every ML answer uses ("model", "data").
   Words of one character are dropped too.
3. Each word is reduced by a simple stemmer (British -ise -> -ize, plurals, -ing, -ed, -ly,
   -ization, -ation …), so "regularised", "regularizing" and "regularization" meet.
4. A key point's *content words* are its distinct stems. It is matched when at least
   ``MATCH_THRESHOLD`` (half) of them occur in the answer and at least ``MIN_MATCHED_WORDS``
   (two) do — or all of them, for a key point with a single content word.
The candidate always has the last word: the match only pre-ticks the checklist.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MATCH_THRESHOLD = 0.5
MIN_MATCHED_WORDS = 2

_WORD = re.compile(r"[a-z0-9]+")
_LATEX_COMMAND = re.compile(r"\\([a-zA-Z]+)")

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
    """Lower-case ASCII with LaTeX commands replaced by their names."""
    text = _LATEX_COMMAND.sub(lambda m: f" {m.group(1)} ", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.lower()


def stem(word: str) -> str:
    """A deliberately simple stemmer; the same word always gives the same stem."""
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


def content_words(text: str) -> list[tuple[str, str]]:
    """(stem, first surface form) for each distinct content word, in order of appearance."""
    seen: dict[str, str] = {}
    for word in _WORD.findall(normalize(text)):
        if len(word) < 2 or word in STOP_WORDS:
            continue
        key = stem(word)
        if key in STOP_WORDS:
            continue
        seen.setdefault(key, word)
    return list(seen.items())


def answer_stems(text: str) -> frozenset[str]:
    return frozenset(key for key, _ in content_words(text))


@dataclass(frozen=True)
class KeyPointMatch:
    """How one key point fared against an answer."""

    key_point: str
    words: tuple[str, ...]  # the key point's content words, as written in it
    matched: tuple[str, ...]  # those that the answer contains (after stemming)

    @property
    def ratio(self) -> float:
        return len(self.matched) / len(self.words) if self.words else 0.0

    @property
    def is_match(self) -> bool:
        if not self.words:
            return False
        needed = min(MIN_MATCHED_WORDS, len(self.words))
        return len(self.matched) >= needed and self.ratio >= MATCH_THRESHOLD


def match_key_point(key_point: str, stems: frozenset[str]) -> KeyPointMatch:
    words = content_words(key_point)
    return KeyPointMatch(
        key_point=key_point,
        words=tuple(surface for _, surface in words),
        matched=tuple(surface for key, surface in words if key in stems),
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
