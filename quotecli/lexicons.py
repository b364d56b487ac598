"""The word lists quotecli works from, read once from the package's `lexicons/` folder."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of lexicons/<name>, stripped."""
    text = resources.files("quotecli").joinpath("lexicons", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _pairs(name: str, separator: str = "\t") -> list[tuple[str, str]]:
    """(key, value) of each line `key<separator>value` of lexicons/<name>; value "" if absent."""
    pairs = []
    for line in _lines(name):
        key, _, value = line.partition(separator)
        pairs.append((key.strip(), value.strip()))
    return pairs


@cache
def cue_kinds() -> dict[tuple[str, ...], str]:
    """Cue lemmas (a tuple of words, most one long) mapped to their kind (speech, belief …)."""
    return {tuple(words.split()): kind or "speech" for words, kind in _pairs("cues.txt")
            if not kind.endswith(" noun")}


@cache
def cue_nouns() -> dict[str, str]:
    """Nouns of saying ("remark", "call", "warning") mapped to their kind, like the cue verbs."""
    return {words: kind.removesuffix(" noun") for words, kind in _pairs("cues.txt")
            if kind.endswith(" noun")}


@cache
def delivering_verbs() -> frozenset[tuple[str, ...]]:
    """Verbs (lemma, and preposition) whose subject owns the noun of saying they take."""
    return frozenset(tuple(line.split()) for line in _lines("delivering.txt"))


@cache
def name_suffixes() -> frozenset[str]:
    """Last words of an organisation's name that its short form drops ("Party", "plc")."""
    return frozenset(_lines("name_suffixes.txt"))


@cache
def replying_verbs() -> frozenset[str]:
    """Lemmas of the cue verbs of answering ("replied", "retorted")."""
    return frozenset(_lines("replying.txt"))


@cache
def area_words() -> frozenset[str]:
    """Words naming the country round a place in a body's name ("… and District")."""
    return frozenset(_lines("area_words.txt"))


@cache
def honorifics() -> frozenset[str]:
    return frozenset(_lines("honorifics.txt"))


@cache
def postnominals() -> frozenset[str]:
    """Letters after a name that are no part of it ("MP", "TD", "OBE"), as written."""
    return frozenset(_lines("postnominals.txt"))


@cache
def role_words() -> dict[str, str]:
    """Role head words, and abbreviations mapped to the phrase they stand for (pm → prime minister)."""
    return {word: expansion or word for word, expansion in _pairs("roles.txt", "=")}


@cache
def furniture_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(line, re.IGNORECASE) for line in _lines("furniture.txt"))


@cache
def scare_markers() -> tuple[str, ...]:
    """Lower-case phrases that, right before a quotation mark, make it a term or scare quote."""
    return tuple(sorted(_lines("scare_markers.txt"), key=len, reverse=True))


@cache
def speaker_nouns() -> dict[str, str]:
    """Heads like "officials" (group) or "statement" (document) that speak for someone else."""
    return dict(_pairs("speaker_nouns.txt"))


@cache
def line_labels() -> frozenset[str]:
    """Lower-case words that open a line as a label ("UPDATE:"), not as a speaker."""
    return frozenset(_lines("labels.txt"))


@cache
def contractions() -> dict[str, str]:
    """Contracted words ("won't") and endings ("n't", "'ll") mapped to the words they stand for."""
    return dict(_pairs("contractions.txt"))


@cache
def gendered_words() -> dict[str, str]:
    """Honorifics and nouns that show a person's gender ("mrs" → f, "chairman" → m)."""
    return dict(_pairs("gendered.txt"))


@cache
def description_heads() -> dict[str, str]:
    """Head nouns of descriptions that refer back ("diplomat" → person, "company" → organisation)."""
    return dict(_pairs("descriptions.txt"))


@cache
def description_synonyms() -> dict[str, str]:
    """Nouns of a second reference mapped to the noun of the description they take up ("pal" →
    "friend"); a noun absent stands for itself."""
    return dict(_pairs("description_synonyms.txt"))


@cache
def organisation_words() -> dict[str, tuple[str, ...]]:
    """Description nouns ("the developer") mapped to the name words that fit them ("homes"),
    most likely first."""
    return {noun: tuple(w.strip() for w in words.split(","))
            for noun, words in _pairs("organisation_words.txt")}


@cache
def role_modifiers() -> frozenset[str]:
    """Words before a role that make it another role ("shadow", "former", "deputy")."""
    return frozenset(_lines("role_modifiers.txt"))


@cache
def first_name_genders() -> dict[str, str]:
    """Given names that show a person's gender ("rachel" → f); names given to both are absent."""
    return dict(_pairs("first_names.txt"))


@cache
def transliterations() -> tuple[tuple[str, str], ...]:
    """(written, common) spellings of one sound in names ("kh" → "h"), in the order applied."""
    return tuple(_pairs("transliteration.txt"))
