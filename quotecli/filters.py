"""Choosing quotes: by speaker, as a reader names them, and by type."""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from quotecli.records import Quote

_WORD_RE = re.compile(r"\w+")
_ARTICLES = ("the", "a", "an")
# Mentions that stand for somebody without naming them: never an alias ("--speaker he" would
# otherwise pick every man quoted in the run).
PRONOUNS = frozenset(
    "he him his himself she her hers herself they them their themselves i me we us you it "
    "who that which this".split()
)


def _words(text: str | None) -> tuple[str, ...]:
    """The words of a name, casefolded, without a leading article."""
    words = tuple(w.casefold() for w in _WORD_RE.findall(text or ""))
    return words[1:] if words[:1] and words[0] in _ARTICLES else words


def _contains(name: Sequence[str], part: Sequence[str]) -> bool:
    """`part` is a run of whole words of `name` ("starmer", "keir starmer" of "Keir Starmer")."""
    width = len(part)
    return any(tuple(name[i : i + width]) == tuple(part) for i in range(len(name) - width + 1))


def speakers_named(quotes: Iterable[Quote], query: str) -> set[str]:
    """The canonical speakers `query` names, compared without case.

    A speaker is named by their canonical name or a run of its words ("starmer", "keir
    starmer"), or exactly by an alias the run's texts use for them: the words that name them
    in any of their quotes ("the Prime Minister", "KEIR Starmer"; pronouns excepted) or their
    title ("prime minister"). Aliases are gathered over all `quotes`, so pass every quote of the
    run, not one article's.
    """
    wanted = _words(query)
    if not wanted:
        return set()
    named = set()
    for quote in quotes:
        if quote.speaker is None or quote.speaker in named:
            continue
        mention = _words(quote.speaker_mention)
        if _contains(_words(quote.speaker), wanted) or _words(quote.speaker_title) == wanted \
                or (mention == wanted and not set(mention) <= PRONOUNS):
            named.add(quote.speaker)
    return named


def select(quotes: Iterable[Quote], speaker: str | None = None,
           types: Iterable[str] | None = None) -> list[Quote]:
    """The quotes by the speaker(s) `speaker` names and of one of `types`, in their order.

    `None` (or no types) means no condition. The quotes are those of the whole run: a speaker's
    aliases are learnt from all of them before any is dropped.
    """
    quotes = list(quotes)
    if speaker is not None:
        named = speakers_named(quotes, speaker)
        quotes = [q for q in quotes if q.speaker in named]
    types = set(types or ())
    if types:
        quotes = [q for q in quotes if q.type in types]
    return quotes
