"""Whether two written names are one person's: diacritics, case and transliteration.

Outlets spell a foreign name their own way (Zelensky, Zelenskyy, Zelenskiy; Muñoz, Munoz), and
a surname is often written alone. `same_surname` says whether two surnames are spellings of one
name; `same_person_name` adds the given names, which must agree where both are written.

Two spellings are one name when they are equal once transliterated alike (lexicons/
transliteration.txt: "kh" and "h", "zh" and "j", "yy", "iy" and "y" …), or, for names long enough,
when they differ only in a vowel or two of the same length and keep every consonant (Lukashenko,
Lukashenka). A consonant more or less, a doubled letter or a letter added makes another name
(Johnson and Jonson, Phillips and Philips, Cohen and Cohn), and so does a vowel changed in a name
as common as Petersen and Peterson: the threshold is above their similarity. Short names are
compared exactly: one letter in five (Allen, Allan; Smith, Smyth) is already another name. The
thresholds were chosen on the labelled pairs of `data/names/pairs.tsv` by
`benchmarks/name_thresholds.py`; docs/how-it-works.md gives the figures.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from quotecli.lexicons import transliterations

# Two transliterated spellings of the same length and consonants are one name when they are
# this similar (0-100, rapidfuzz's ratio) …
SAME_SURNAME = 90
# … and have at least this many letters; shorter names must be equal once transliterated.
MIN_VARIANT_LETTERS = 6

_VOWELS = frozenset("aeiou")
_NOT_LETTER = re.compile(r"[^a-z]")
# Name endings that tell a father from a son: "Donald Trump" and "Donald Trump Jr." are two.
GENERATIONS = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """`name` without diacritics and case, apostrophes and hyphens as spaces: "Đoković" and
    "Djokovic" give "djokovic", "O’Neill" gives "o neill"."""
    name = name.replace("đ", "dj").replace("Đ", "Dj").replace("ł", "l").replace("Ł", "L")
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[’'`\-]", " ", plain.casefold()).split())


@lru_cache(maxsize=65536)
def transliterated(name: str) -> str:
    """A folded name, letters only, with the spellings of one sound made one (lexicons/
    transliteration.txt): the form variants are compared in."""
    text = _NOT_LETTER.sub("", fold(name))
    for written, common in transliterations():
        text = text.replace(written, common)
    return text


def consonants(name: str) -> str:
    """The consonants of a transliterated name, in order: what a variant must keep."""
    return "".join(ch for ch in transliterated(name) if ch not in _VOWELS)


@lru_cache(maxsize=65536)
def same_surname(a: str, b: str) -> bool:
    """Whether two surnames are spellings of one name (see the module's docstring)."""
    if fold(a) == fold(b):
        return True
    ta, tb = transliterated(a), transliterated(b)
    if min(len(ta), len(tb)) < MIN_VARIANT_LETTERS:
        return False
    if ta == tb:
        return True
    if len(ta) != len(tb) or consonants(a) != consonants(b):
        return False
    return fuzz.ratio(ta, tb) >= SAME_SURNAME


def surname_of(words: tuple[str, ...]) -> str:
    """The surname of a full name: its last word, a generation ("Jr.") left out."""
    words = tuple(w for w in words if fold(w) not in GENERATIONS) or words
    return words[-1]


def generation_of(words: tuple[str, ...]) -> str | None:
    return next((fold(w).rstrip(".") for w in words if fold(w) in GENERATIONS), None)


def _same_given(a: str, b: str) -> bool:
    """Given names agree: equal once folded, an initial of the other ("J." and "Jane"), or a
    spelling of the same name (Volodymyr, Volodimir)."""
    fa, fb = fold(a).rstrip("."), fold(b).rstrip(".")
    if fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[:1] == fb[:1]
    return same_surname(a, b)


def same_person_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two names (tuples of words) can be one person's: the surnames are one name,
    the generations agree, and so do the first given names where both are written
    ("Ed Miliband" and "David Miliband" are two people; "Zelenskyy" may be either)."""
    if not a or not b or not same_surname(surname_of(a), surname_of(b)):
        return False
    if generation_of(a) != generation_of(b):
        return False
    given_a = [w for w in a if fold(w) not in GENERATIONS][:-1]
    given_b = [w for w in b if fold(w) not in GENERATIONS][:-1]
    return not given_a or not given_b or _same_given(given_a[0], given_b[0])
