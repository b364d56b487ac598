"""One person across the articles of a run."""

from __future__ import annotations

from dataclasses import replace

from quotecli.attribution.entities import (
    DETERMINERS, by_word, fewest_words, is_role_phrase, role_key,
)


def unify_speakers(extractions) -> list[list]:
    """Make each speaker one person across all articles of a run.

    `Zelenskyy` in one article and `Volodymyr Zelenskyy` in another become the latter when no
    other full name in the run contains `Zelenskyy`; a role the article never tied to a name
    (`the Prime Minister`) takes the person another article introduced with it. Titles are
    then filled per article from the role words used for the same person.
    """
    full_names: set[tuple[str, ...]] = set()
    roles: dict[str, set[str]] = {}
    for extraction in extractions:
        index = extraction.people
        for use in index.names:
            if use.label == "PERSON":
                full_names.add(tuple(index.canonical(use.name, use.start).split()))
        for intro in index.roles:
            roles.setdefault(intro.role, set()).add(index.canonical(intro.name.split(), intro.start))

    full_names_by_word = by_word(full_names, lambda name: name)

    def widen(name: str) -> str:
        words = tuple(name.split())
        if len(words) != 1:
            return name
        wider = fewest_words(dict.fromkeys(
            (n for n in full_names_by_word.get(words[0].lower(), ()) if len(n) > 1), 0))
        return " ".join(next(iter(wider))) if len(wider) == 1 else name

    def resolve(name: str | None) -> str | None:
        if name is None:
            return None
        words = name.split()
        if is_role_phrase(words) and tuple(words) not in full_names:
            holders = roles.get(role_key(words), set())
            if len(holders) == 1:
                name = next(iter(holders))
        return widen(name)

    unified = []
    for extraction in extractions:
        quotes = [replace(q, speaker=resolve(q.speaker)) for q in extraction.quotes]
        titles: dict[str, str] = {}
        for quote in quotes:
            if quote.speaker and quote.speaker_title:
                titles.setdefault(quote.speaker, quote.speaker_title)
        for quote in quotes:
            mention = (quote.speaker_mention or "").split()
            if quote.speaker and quote.speaker not in titles and is_role_phrase(mention):
                titles[quote.speaker] = " ".join(w for w in mention if w.lower() not in DETERMINERS)
        unified.append([replace(q, speaker_title=q.speaker_title or titles.get(q.speaker))
                        if q.speaker else q for q in quotes])
    return unified
