"""The article's people and organisations, learnt from the text in one pass over its parse.

Full names come from the named entities, roles from the words before a name ("Prime Minister
Keir Starmer") or after it ("David Lammy, the Foreign Secretary"). Nothing about particular
people is known in advance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quotecli.lexicons import honorifics, role_words, speaker_nouns


PERSON_LABELS = {"PERSON"}


ORG_LABELS = {"ORG", "GPE", "NORP", "FAC"}


MALE_PRONOUNS = {"he", "him", "his", "himself"}


FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}


PLURAL_PRONOUNS = {"they", "them", "their"}


# Dependents that belong to a name phrase ("Armed forces minister Luke Pollard").
NAME_DEPS = {"compound", "flat", "det", "amod", "nmod", "nummod", "poss", "case"}


_POSSESSIVE = ("'s", "’s", "'", "’")


# Words before a role that do not belong to it: "the Prime Minister", "its chief executive".
DETERMINERS = frozenset("the a an its his her their our".split())


def normal_case(word: str) -> str:
    """`KEIR` → `Keir`: all-capital words of more than three letters are shouted names."""
    if len(word) > 3 and word.isupper() and word.isalpha():
        return word.capitalize()
    return word


def strip_possessive(text: str) -> str:
    for ending in _POSSESSIVE:
        if text.endswith(ending) and len(text) > len(ending) + 1:
            return text[: -len(ending)]
    return text


def mention_tokens(head):
    """The tokens of the name phrase headed by `head`: its modifiers, not its clauses."""
    doc = head.doc
    left = head.i
    for child in head.lefts:
        if child.dep_ in NAME_DEPS or child.dep_ == "punct" and child.text in "'’-":
            left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        if child.dep_ in ("flat", "compound", "case") and child.i == right + 1:
            right = child.i
    # Never let a mention reach into parentheses, quotation marks or across a comma.
    tokens = [t for t in doc[left : right + 1]]
    while tokens and tokens[0].i != head.i and (tokens[0].is_punct or tokens[0].is_quote):
        tokens = tokens[1:]
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].i < head.i and tokens[index].text in (",", "(", ")", "“", "”", '"'):
            tokens = tokens[index + 1 :]
            break
    while tokens and tokens[-1].i != head.i and tokens[-1].dep_ == "case":
        tokens = tokens[:-1]
    return tokens


def is_role_word(word: str) -> bool:
    return word.lower().rstrip(".") in role_words() or word.lower() in role_words()


def split_title(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a name phrase into (title words, name words): `Armed forces minister | Luke Pollard`.

    The title is everything up to the last role word or honorific; determiners are dropped,
    but for a capitalised one inside a name (`Save Our Wards`). After an honorific the last
    word is a name even when it is also a role word (`Mr. King`).
    """
    words = [w for index, w in enumerate(words)
             if w.lower() not in DETERMINERS or index and w[:1].isupper()]
    cut = 0
    for index, word in enumerate(words):
        if is_role_word(word) or word.lower() in honorifics():
            cut = index + 1
    if cut == len(words) > 1 and any(w.lower() in honorifics() for w in words[:-1]):
        cut -= 1
    return words[:cut], words[cut:]


def split_person_name(words: list[str]) -> tuple[list[str], list[str]]:
    """`split_title` for words known to end in a person's name: the name is never empty, and a
    role word inside it is a name (`Charlie King`, `President | King`)."""
    title, name = split_title(words)
    if name:
        return title, name
    words = [w for w in words if w.lower() not in DETERMINERS]
    cut = 0
    while cut < len(words) - 1 and (is_role_word(words[cut]) or words[cut].lower() in honorifics()):
        cut += 1
    return words[:cut], words[cut:]


def role_key(words: list[str]) -> str:
    """A role phrase in a comparable form: `the PM` → `prime minister`."""
    expanded = []
    for word in words:
        lower = word.lower()
        if lower in DETERMINERS:
            continue
        expanded.append(role_words().get(lower, lower) if lower in role_words() else lower)
    return " ".join(expanded)


@dataclass(frozen=True)
class NameUse:
    start: int
    name: tuple[str, ...]
    label: str


@dataclass
class RoleIntro:
    start: int
    role: str  # role_key form
    title: str  # as written
    name: str


@dataclass
class People:
    """What one article says about its people and organisations."""

    names: list[NameUse] = field(default_factory=list)
    roles: list[RoleIntro] = field(default_factory=list)
    # `names` by each of their words in lower case, made again when `names` has grown since
    # (names are only ever appended).
    _word_index: tuple[int, dict[str, list[NameUse]]] = field(
        default_factory=lambda: (0, {}), init=False, repr=False, compare=False)

    # -- learning -----------------------------------------------------------------------------

    def learn(self, doc, offset: int, quoted) -> None:
        """Learn names and roles from one parsed paragraph (`offset`: its start in the text)."""
        self.learn_titled(doc, offset, quoted)
        for ent in doc.ents:
            if ent.label_ not in PERSON_LABELS | ORG_LABELS:
                continue
            words = [normal_case(t.text) for t in ent
                     if (not t.is_punct or t.text in ".-") and t.text not in _POSSESSIVE]
            if ent.label_ in PERSON_LABELS:
                title, name = split_person_name(words)
                title = [w for w in title if w.lower() not in honorifics()]
                if name:
                    name[-1] = strip_possessive(name[-1])
                    self.names.append(NameUse(offset + ent.start_char, tuple(name), "PERSON"))
                    self._learn_role(doc, ent, title, " ".join(name), offset, quoted)
            else:
                words = [w for w in words if w.lower() != "the"]
                if words:
                    words[-1] = strip_possessive(words[-1])
                    self.names.append(NameUse(offset + ent.start_char, tuple(words), ent.label_))

    def _learn_role(self, doc, ent, title_in_ent, name, offset, quoted) -> None:
        """Roles written around a person's name: before it, or in an apposition after it."""
        if quoted(offset + ent.start_char):
            return
        head = ent.root
        title = list(title_in_ent)
        if not title:
            title = [t.text for t in mention_tokens(head)
                     if t.i < ent.start and t.lower_ not in DETERMINERS and not t.is_punct]
            if title and title[-1].lower() in honorifics():
                title = []
        if head.dep_ == "appos" and head.head.i < ent.start and (
                head.head.pos_ == "NOUN" or head.head.pos_ == "PROPN" and not head.head.ent_type_):
            # "the trust's chief executive, Martin Feld,": the noun he is set beside is his role
            # there ("chief executive"), without its possessor.
            role = head.head
            owner = {t.i for child in role.children if child.dep_ == "poss" for t in child.subtree}
            words = [t.text for t in mention_tokens(role) if t.i not in owner and not t.is_punct
                     and t.lower_ not in DETERMINERS and t.dep_ != "case"]
            if words:
                self._add_role(offset + ent.start_char, words, name)
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i:
                # "David Lammy, the Foreign Secretary,", "Roger Teale, chief executive of …":
                # a common noun in apposition is what the text calls the person.
                words = [t.text for t in mention_tokens(child)]
                if is_role_phrase(words) or child.pos_ == "NOUN":
                    self._add_role(offset + ent.start_char, [w for w in words if w.lower() != "the"], name)
        if title:
            self._add_role(offset + ent.start_char, title, name)

    def learn_titled(self, doc, offset: int, quoted) -> None:
        """Names after a role or honorific are people's, whatever the entity recogniser says
        ("President Zelenskyy", "Mr Pimentel")."""
        for token in doc:
            if token.pos_ != "PROPN" or token.dep_ in ("compound", "flat") or token.ent_type_ == "PERSON":
                continue
            if quoted(offset + token.idx):
                continue
            words = [t.text for t in mention_tokens(token)]
            title, name = split_title(words)
            if title and name and name[0][:1].isupper():
                name[-1] = strip_possessive(name[-1])
                self.names.append(NameUse(offset + token.idx, tuple(normal_case(w) for w in name), "PERSON"))
                if is_role_phrase(title):
                    self._add_role(offset + token.idx, title, " ".join(name))

    def _add_role(self, start: int, title: list[str], name: str) -> None:
        key = role_key(title)
        if key:
            self.roles.append(RoleIntro(start, key, " ".join(title), name))

    # -- resolving ----------------------------------------------------------------------------

    def canonical(self, words: list[str] | tuple[str, ...], position: int) -> str:
        """The fullest name the article gives for `words` (`Starmer` → `Keir Starmer`)."""
        words = [normal_case(w) for w in words]
        if not words:
            return ""
        words[-1] = strip_possessive(words[-1])
        target = tuple(words)
        if len(target) > 1:
            return " ".join(target)  # already a full name: never widened to a longer phrase
        candidates: dict[tuple[str, ...], int] = {}
        for use in self._names_with_word(target[0]):
            if len(use.name) < 2:
                continue
            distance = position - use.start if use.start <= position else 10**9 + use.start
            candidates[use.name] = min(candidates.get(use.name, 10**12), distance)
        candidates = {name: distance for name, distance in fewest_words(candidates).items()}
        if not candidates and is_acronym(target[0]):
            # "the NMU" after "the Nurses and Midwives Union"
            for use in self.names:
                if use.label in ORG_LABELS and initials(use.name) == target[0].upper():
                    return " ".join(use.name)
        if not candidates:
            return " ".join(target)
        # Two people share the name (Hillary and Bill Clinton): the one named last before here.
        return " ".join(min(candidates, key=lambda name: (candidates[name], name)))

    def _names_with_word(self, word: str) -> list[NameUse]:
        """The uses of names that have `word` among them, without case, in order."""
        count, index = self._word_index
        if count != len(self.names):
            index = by_word(self.names, lambda use: use.name)
            self._word_index = (len(self.names), index)
        return index.get(word.lower(), [])

    def organisation_called(self, noun: str, position: int) -> str | None:
        """The organisation named last before `position` whose name ends with `noun`
        ("the council" after "Westmere County Council"), in its canonical form."""
        for use in reversed(self._names_with_word(noun)):
            if use.start < position and use.label in ORG_LABELS and len(use.name) > 1 \
                    and use.name[-1].lower() == noun:
                return self.canonical(use.name, use.start)
        return None

    def is_known_name(self, words) -> str | None:
        """The label of a name the article uses, if any ("PERSON", "ORG", …)."""
        target = tuple(strip_possessive(normal_case(w)) for w in words)
        uses = self._names_with_word(target[0]) if target else self.names
        labels = [use.label for use in uses if contains(use.name, target)]
        if not labels:
            return None
        return "PERSON" if "PERSON" in labels else labels[0]

    def resolve_role(self, words: list[str], position: int) -> str | None:
        """Who the text introduced with this role (`the Prime Minister` → `Keir Starmer`)."""
        key = role_key(words)
        if not key:
            return None
        exact = [intro for intro in self.roles if intro.role == key]
        loose = [intro for intro in self.roles if intro.role.endswith(" " + key)]
        for pool in (exact, loose):
            if not pool:
                continue
            earlier = [intro for intro in pool if intro.start <= position]
            intro = max(earlier, key=lambda i: i.start) if earlier else min(pool, key=lambda i: i.start)
            return self.canonical(intro.name.split(), intro.start)
        return None

    def title_of(self, name: str) -> str | None:
        """The first role the article gives `name`, as written."""
        for intro in sorted(self.roles, key=lambda i: i.start):
            if self.canonical(intro.name.split(), intro.start) == name:
                return intro.title
        return None


def fewest_words(names: dict) -> dict:
    """The names that contain no other of them: "Donald Trump", not a headline's "Rip Donald
    Trump" that the recogniser took for a name."""
    return {name: value for name, value in names.items()
            if not any(other != name and contains(name, other) for other in names)}


def is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isalpha() and word.isupper()


def initials(name: tuple[str, ...]) -> str:
    """"Nurses and Midwives Union" → "NMU": the first letters of its capitalised words."""
    return "".join(w[0] for w in name if w[:1].isupper())


def by_word(items, name_of) -> dict[str, list]:
    """`items` by each word of their name in lower case, in their order."""
    table: dict[str, list] = {}
    for item in items:
        for word in dict.fromkeys(w.lower() for w in name_of(item)):
            table.setdefault(word, []).append(item)
    return table


def contains(name: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """True when `part` is a run of words in `name`, compared without case."""
    lowered = [w.lower() for w in name]
    wanted = [w.lower() for w in part]
    n = len(wanted)
    return any(lowered[i : i + n] == wanted for i in range(len(lowered) - n + 1))


def speaker_noun_kind(token) -> str | None:
    return speaker_nouns().get(token.lower_)


def is_role_phrase(words: list[str]) -> bool:
    words = [w for w in words if w.lower() not in DETERMINERS]
    return bool(words) and is_role_word(words[-1])
