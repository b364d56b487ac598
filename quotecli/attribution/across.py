"""One person across the articles of a run, and roles kept in their story.

A run's articles name people in their own ways: `Volodymyr Zelenskyy` in one, `Zelensky` or
`Volodymyr Zelenskiy` in another. `Run` learns what every article says about its people (the
`Roster` of each) and gives each quote's speaker one name for the whole run:

- **Full names** that are spellings of one name (`names.same_person_name`: the surnames are one
  name, the given names agree) are one person, under the full form the run uses most (mentions
  counted; a tie goes to the first in alphabetical order).
- **A surname alone** is the one person of the run with that surname; when there are several
  (Ed and David Miliband), the one of the article's story, if only one of them is in it.
- **A role** the article never ties to a name (`the Prime Minister`) is the one person an
  article of the same story introduced with it. Articles are of one story when they share named
  people or organisations beyond the role's holder (`same_story`). So "the health secretary"
  of a 2024 story is never the health secretary a 2022 story named in the same run.

The result depends only on the set of articles, not on their order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from typing import Sequence

from quotecli.attribution import names
from quotecli.attribution.entities import DETERMINERS, ORG_LABELS, Roster, is_role_phrase, role_key

# Two articles are of one story when they share at least this many named people and
# organisations (the role's holder not counted) …
MIN_SHARED = 2
# … and these are at least this share of the names of the article that has fewer.
MIN_SHARED_SHARE = 1 / 3
# How many other articles' names are looked at to find one article's story: the rarest names
# first, as a name found in thousands of articles ("Trump") says little about the story.
STORY_BUDGET = 5000


def unify_speakers(extractions) -> list[list]:
    """The quotes of each extraction, their speakers one person across all of them."""
    run = Run([extraction.people for extraction in extractions])
    return [run.unify(extraction.people, extraction.quotes) for extraction in extractions]


def same_story(a: set[str], b: set[str], holder: str | None = None) -> bool:
    """Whether two articles, given as the keys of the people and organisations they name
    (`Run.names_of`), report one story; `holder`, the person a role would be resolved to, is
    not evidence of it."""
    shared = len((a & b) - {holder})
    return shared >= MIN_SHARED and shared >= MIN_SHARED_SHARE * min(len(a - {holder}),
                                                                      len(b - {holder}))


class Run:
    """What the articles of a run say about their people, learnt once (see the module's
    docstring); `unify` then rewrites the speakers of any of them."""

    def __init__(self, people: Sequence[Roster]):
        self.people = list(people)
        # Every full name of a person, with how often the run writes it.
        forms: Counter[tuple[str, ...]] = Counter()
        single: Counter[str] = Counter()
        for index in self.people:
            for name, (label, mentions) in index.entities.items():
                if label != "PERSON":
                    continue
                words = tuple(name.split())
                if len(words) > 1:
                    forms[words] += mentions
                elif words:
                    single[words[0]] += mentions
        self.person_of = _people_of(forms)  # full name → the person's canonical name
        # Persons by their surname's consonants: what spellings of one surname share.
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        self.by_given: dict[str, set[str]] = defaultdict(set)
        for words, person in self.person_of.items():
            self.by_surname[names.consonants(names.surname_of(words))].add(person)
            self.by_given[names.fold(words[0])].add(person)
        # A surname no full name gives: its most used spelling (Muñoz over Munoz).
        self.single_form = _single_forms(single)
        self.names = [self.names_of(index) for index in self.people]
        self.posting: dict[str, list[int]] = defaultdict(list)
        for position, keys in enumerate(self.names):
            for key in keys:
                self.posting[key].append(position)
        # Per article, the holders of each role it introduces.
        self.holders: dict[int, dict[str, set[str]]] = {}
        for position, index in enumerate(self.people):
            for role, name in index.roles:
                self.holders.setdefault(position, {}).setdefault(role, set()).add(
                    self.person(name) or name)
        # What is found for one article's keys is kept while its quotes are unified (they
        # are unified an article at a time), and no longer: the memory stays the run's size.
        self._shared_for: tuple[frozenset, list[int]] | None = None

    # -- people -------------------------------------------------------------------------------

    def person(self, name: str) -> str | None:
        """The canonical name of the person a full name is, or None when it is no full name."""
        return self.person_of.get(tuple(name.split()))

    def names_of(self, index: Roster) -> frozenset[str]:
        """The keys of the people (the person each full name is) and organisations an article
        names: what two articles of one story have in common."""
        keys = set()
        for name, (label, _) in index.entities.items():
            if label == "PERSON":
                person = self.person(name)
                if person is not None:
                    keys.add("person:" + person)
            elif label in ORG_LABELS - {"GPE", "NORP"}:
                # Places and nationalities ("UK", "Russian") are in every story of a region.
                keys.add("org:" + names.fold(name))
        return frozenset(keys)

    def _candidates(self, keys: frozenset[str]) -> list[int]:
        """The positions of the articles that share at least `MIN_SHARED` of `keys` (among
        the `STORY_BUDGET` postings of the rarest keys): those that can be of its story."""
        if self._shared_for is None or self._shared_for[0] != keys:
            shared: Counter[int] = Counter()
            budget = STORY_BUDGET
            for key in sorted(keys, key=lambda k: (len(self.posting.get(k, ())), k)):
                posting = self.posting.get(key, ())
                if len(posting) > budget:
                    break
                budget -= len(posting)
                shared.update(posting)
            self._shared_for = keys, sorted(p for p, count in shared.items() if count >= MIN_SHARED)
        return self._shared_for[1]

    def story(self, keys: frozenset[str], holder: str | None = None) -> list[int]:
        """The positions of the articles of the story of an article naming `keys`."""
        holder_key = holder and "person:" + holder
        return [position for position in self._candidates(keys)
                if same_story(keys, self.names[position], holder_key)]

    # -- speakers -----------------------------------------------------------------------------

    def speaker(self, name: str | None, index: Roster, keys: frozenset[str]) -> str | None:
        """The run's name for a speaker that an article (its people `index`, naming `keys`)
        calls `name`."""
        if name is None:
            return None
        words = name.split()
        person = self.person(name)
        if person is not None:
            return person
        if is_role_phrase(words):
            return self._role_holder(words, index, keys) or name
        if len(words) == 1:
            return self._surname(words[0], index, keys) or self.single_form.get(names.fold(name), name)
        return name

    def _surname(self, word: str, index: Roster, keys: frozenset[str]) -> str | None:
        # Any label: the recogniser takes a surname alone for a place or an organisation as
        # often as for a person ("said Munoz": GPE).
        candidates = {person for person in self.by_surname.get(names.consonants(word), ())
                      if names.same_surname(names.surname_of(tuple(person.split())), word)}
        if not candidates:
            # "Sir Keir" is written by his given name: the one person the run gives it, when
            # the article takes the word for a person.
            if index.label_of(word) != "PERSON":
                return None
            candidates = self.by_given.get(names.fold(word), set())
            return next(iter(candidates)) if len(candidates) == 1 else None
        if len(candidates) == 1:
            return next(iter(candidates))
        story = self.story(keys)
        in_story = {person for person in candidates
                    if any("person:" + person in self.names[position] for position in story)}
        return next(iter(in_story)) if len(in_story) == 1 else None

    def _role_holder(self, words: list[str], index: Roster, keys: frozenset[str]) -> str | None:
        key = role_key(words)
        # The article's own holders, then those of the articles of its story; two are one
        # too many. Only the articles that can be of its story are looked at, so the cost
        # does not grow with how many articles of the run name the role.
        found = {self.person(name) or name for role, name in index.roles if role == key}
        for position in self._candidates(keys):
            for holder in sorted(self.holders.get(position, {}).get(key, ())):
                if holder not in found and same_story(keys, self.names[position],
                                                      "person:" + holder):
                    found.add(holder)
                    if len(found) > 1:
                        return None
        return next(iter(found)) if len(found) == 1 else None

    def unify(self, index: Roster, quotes: list) -> list:
        """`quotes` of the article whose people are `index`, with the run's speakers; titles
        filled from the role words the article uses for the same person."""
        found = self.speakers(index, [(q.speaker, q.speaker_title, q.speaker_mention)
                                      for q in quotes])
        return [quote if (quote.speaker, quote.speaker_title) == unified
                else replace(quote, speaker=unified[0], speaker_title=unified[1])
                for quote, unified in zip(quotes, found)]

    def speakers(self, index: Roster, attributions: list[tuple]) -> list[tuple]:
        """(speaker, speaker_title) of each (speaker, speaker_title, speaker_mention) of the
        quotes of one article, in the run's names (what `unify` does to whole records)."""
        keys = self.names_of(index)
        speakers = [self.speaker(speaker, index, keys) for speaker, _, _ in attributions]
        titles: dict[str, str] = {}
        for speaker, (_, title, _) in zip(speakers, attributions):
            if speaker and title:
                titles.setdefault(speaker, title)
        for speaker, (_, _, mention) in zip(speakers, attributions):
            words = (mention or "").split()
            if speaker and speaker not in titles and is_role_phrase(words):
                titles[speaker] = " ".join(w for w in words if w.lower() not in DETERMINERS)
        return [(speaker, (title or titles.get(speaker)) if speaker else title)
                for speaker, (_, title, _) in zip(speakers, attributions)]


def _people_of(forms: Counter) -> dict[tuple[str, ...], str]:
    """Each full name mapped to the canonical name of its person: names that can be one
    person's are joined, a given name's initial only where one person fits it."""
    blocks: dict[tuple, list[tuple[str, ...]]] = defaultdict(list)
    for words in sorted(forms):
        blocks[(names.consonants(names.surname_of(words)), names.generation_of(words))].append(words)
    person_of: dict[tuple[str, ...], str] = {}
    for block in blocks.values():
        full = [w for w in block if len(names.fold(w[0]).rstrip(".")) > 1]
        initialled = [w for w in block if w not in full]
        # Given names that can agree have the same consonants: compare only those.
        by_given: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for words in full:
            by_given[names.consonants(words[0])].append(words)
        groups: list[list[tuple[str, ...]]] = []
        for members in by_given.values():
            local: list[list[tuple[str, ...]]] = []
            for words in members:
                joined = [g for g in local if any(names.same_person_name(words, o) for o in g)]
                local = [g for g in local if g not in joined] + [[words] + [w for g in joined for w in g]]
            groups.extend(local)
        by_initial: dict[str, list[list[tuple[str, ...]]]] = defaultdict(list)
        for group in groups:
            for initial in {names.fold(w[0])[:1] for w in group}:
                by_initial[initial].append(group)
        for words in initialled:
            fits = []
            for group in by_initial.get(names.fold(words[0])[:1], ()):
                if any(names.same_person_name(words, o) for o in group):
                    fits.append(group)
                    if len(fits) > 1:
                        break  # J. Smith could be John or Jane: neither
            if len(fits) == 1:
                fits[0].append(words)
            else:
                groups.append([words])
        for group in groups:
            canonical = min(group, key=lambda w: (-forms[w], " ".join(w)))
            for words in group:
                person_of[words] = " ".join(canonical)
    return person_of


def _single_forms(single: Counter) -> dict[str, str]:
    """Each one-word name (folded) mapped to the spelling the run uses most."""
    best: dict[str, tuple[int, str]] = {}
    for word, count in single.items():
        key = names.fold(word)
        if key not in best or (-count, word) < (-best[key][0], best[key][1]):
            best[key] = (count, word)
    return {key: word for key, (_, word) in best.items()}
