"""The article's people and organisations, learnt from the text in one pass over its parse.

Full names come from the named entities, roles from the words before a name ("Prime Minister
Keir Starmer") or after it ("David Lammy, the Foreign Secretary"). Nothing about particular
people is known in advance.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from quotecli.lexicons import (
    description_heads, first_name_genders, gendered_words, honorifics, name_suffixes, organisation_words,
    postnominals, role_modifiers, role_words, speaker_nouns,
)


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


def coordinated_role(token):
    """The role that `token` is the first part of a coordinated domain of, or None: the parser
    heads "the work and pensions secretary" with "work" and makes the secretary its conjunct."""
    if token.pos_ != "NOUN" or is_role_word(token.text):
        return None
    for child in token.rights:
        between = token.doc[token.i + 1 : child.i]
        if child.dep_ == "conj" and child.i - token.i <= 4 and is_role_word(child.text) \
                and all(t.dep_ in ("cc", "compound", "punct", "conj", "amod") for t in between) \
                and not any(c.dep_ == "det" for c in child.children):
            return child
    return None


def mention_tokens(head):
    """The tokens of the name phrase headed by `head`: its modifiers, not its clauses."""
    doc = head.doc
    left = head.i
    for child in head.lefts:
        if child.dep_ in NAME_DEPS or child.dep_ == "punct" and child.text in "'’-":
            left = min(left, child.left_edge.i)
    if head.dep_ == "conj" and coordinated_role(head.head) is head:
        left = min(left, mention_tokens(head.head)[0].i)  # "the work and pensions secretary"
    right = head.i
    for child in head.rights:
        if child.dep_ in ("flat", "compound", "case") and child.i == right + 1:
            right = child.i
    # Never let a mention reach into parentheses, quotation marks or across a comma.
    tokens = [t for t in doc[left : right + 1]]
    while tokens and tokens[0].i != head.i and (tokens[0].is_punct or tokens[0].is_quote
                                                or tokens[0].is_space):
        tokens = tokens[1:]
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].i < head.i and tokens[index].text in (",", "(", ")", "“", "”", '"'):
            tokens = tokens[index + 1 :]
            break
    while tokens and tokens[-1].i != head.i and tokens[-1].dep_ == "case":
        tokens = tokens[:-1]
    return without_time_stamp(tokens, head)


_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}(?:[ap]\.?m\.?)?$", re.IGNORECASE)
_CLOCK_WORDS = frozenset({"am", "pm", "a.m.", "p.m.", "gmt", "bst"})


def without_time_stamp(tokens, head=None) -> list:
    """`tokens` without the time a live blog's entry opens with ("01:15 Dallimore: “…”",
    "9.05pm Smith says"): it stamps the entry, and is no part of a name (nor is `head`)."""
    tokens = list(tokens)
    stop = head.i if head is not None else -1
    if tokens and tokens[0].i != stop and _CLOCK.match(tokens[0].text):
        tokens = tokens[1:]
        while tokens and tokens[0].i != stop and tokens[0].lower_ in _CLOCK_WORDS:
            tokens = tokens[1:]
    return tokens


def role_held(name):
    """The role word whose "for" or "of" phrase the parser hung the name `name` in, when the
    role is written before the name as its title ("Minister for Health Fionnuala Deasy")."""
    preposition = name.head
    if name.dep_ != "pobj" or preposition.lower_ not in ("for", "of") or preposition.dep_ != "prep":
        return None
    role = preposition.head
    if role.i < preposition.i and role.text[:1].isupper() and is_role_word(role.text):
        return role
    return None


def written_name(tokens) -> list[str]:
    """The words of a name as written, a possessive mark inside it kept on its word
    ("Residents’ Group"), a hyphen written inside one word kept in it ("Mei-Lin"), other
    punctuation but "." and "-" left out."""
    tokens = without_time_stamp(tokens)
    words: list[str] = []
    glued = False  # whether the token before was a hyphen written inside a word
    for index, token in enumerate(tokens):
        if token.text in _POSSESSIVE:
            if words and index < len(tokens) - 1:
                words[-1] += token.text
            continue
        if glued:
            words[-1] += token.text
            glued = False
            continue
        if token.text == "-" and words and not tokens[index - 1].whitespace_ and not token.whitespace_ \
                and index < len(tokens) - 1:
            words[-1] += token.text
            glued = True
            continue
        if not token.is_punct or token.text in ".-":
            words.append(token.text)
    return words


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
    while len(words) > 1 and words[-1] in postnominals() and words[-2][:1].isupper():
        words = words[:-1]  # "Cathal Rooney TD": the seat follows the name; "the new MP" has none
    cut = 0
    for index, word in enumerate(words):
        if is_role_word(word) or word.lower() in honorifics():
            cut = index + 1
    if cut == len(words) > 1 and any(w.lower() in honorifics() for w in words[:-1]):
        cut -= 1
    return words[:cut], words[cut:]


def is_titled_name(words: list[str]) -> bool:
    """"Detective Constable Laura Finch": a role, then a name of two capitalised words or more."""
    title, name = split_title(words)
    return bool(title) and is_role_phrase(title) and len(name) >= 2 and all(w[:1].isupper() for w in name)


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
    lowered = [w.lower() for w in words]
    if "for" in lowered[1:]:
        # "Minister for Health" is the health minister, "Secretary of State for Work and
        # Pensions" the work and pensions secretary.
        at = lowered.index("for", 1)
        head = words[:at]
        if [w.lower() for w in head[-2:]] == ["of", "state"] and len(head) > 2:
            head = head[:-2]
        if is_role_word(head[-1]):
            words = words[at + 1 :] + head
    expanded = []
    for word in words:
        lower = word.lower()
        if lower in ("'s", "’s") and expanded:
            expanded.pop()  # "the country's mines minister" is the mines minister
            continue
        if lower in DETERMINERS or lower.endswith(("'s", "’s")):
            continue
        expanded.append(role_words().get(lower, lower) if lower in role_words() else lower)
    return " ".join(expanded)


@dataclass(frozen=True)
class NameUse:
    start: int
    name: tuple[str, ...]
    label: str
    subject: bool = False  # the name is a grammatical subject here


@dataclass
class RoleIntro:
    start: int
    role: str  # role_key form
    title: str  # as written
    name: str


@dataclass
class Entity:
    """One person or organisation of the article, under its canonical name."""

    name: str
    label: str  # PERSON, or the label of an organisation (ORG, GPE …)
    mentions: list[int]  # where its name is written, in text order
    subjects: list[int]  # where it is named as a grammatical subject
    gender: str | None  # "m" or "f" where the text shows it, else None
    age: int | None  # "Mark Ellery, 54," or "54-year-old Mark Ellery"


@dataclass(frozen=True)
class Roster:
    """What a run needs to know of one article's people, once the article is done: each entity's
    label and how often it is named (`name` → (label, mentions)), and each role the article
    introduces with the canonical name of its holder. Small and plain, so that it crosses
    process boundaries and is stored in the quote database as JSON."""

    entities: dict[str, tuple[str, int]]
    roles: tuple[tuple[str, str], ...]  # (role_key form, holder)

    def label_of(self, name: str) -> str | None:
        entity = self.entities.get(name)
        return entity[0] if entity else None

    def to_json(self) -> str:
        return json.dumps({"entities": {name: list(entity) for name, entity in self.entities.items()},
                           "roles": [list(role) for role in self.roles]},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Roster:
        data = json.loads(text)
        return cls({name: (label, mentions) for name, (label, mentions) in data["entities"].items()},
                   tuple((role, holder) for role, holder in data["roles"]))


@dataclass
class People:
    """What one article says about its people and organisations: every name used, the roles
    written around them, and (once `finish` has run) each entity with its gender, age and the
    places it is named, from which its salience at any point is read."""

    names: list[NameUse] = field(default_factory=list)
    roles: list[RoleIntro] = field(default_factory=list)
    # (where, name words, "m" | "f"): an honorific, or a pronoun used of the only person of a
    # sentence; (where, name words, age).
    # (where, name, m or f, weight of the evidence: an honorific's or a pronoun's)
    genders: list[tuple[int, tuple[str, ...], str, int]] = field(default_factory=list)
    ages: list[tuple[int, tuple[str, ...], int]] = field(default_factory=list)
    # (where, name words) of names set beside an organisation's description.
    organisations: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    works: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # titles: "the programme X"
    # (where, name words, the words in lower case) of what a relative clause after a name says
    # of it: "Kettle, who spent six years on Millwall's coaching staff,".
    said_of: list[tuple[int, tuple[str, ...], frozenset[str]]] = field(default_factory=list)
    # Two capitalised words with no label, a person's name if `finish` finds they are one.
    unlabelled: list[NameUse] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    # Indexes of `names`, brought up to date with the names appended since (`_sync`): their
    # uses by each word in lower case, what each run of words is known as, and organisations by
    # their initials; and, per word, its names' uses in text order.
    _indexed: int = field(default=0, init=False, repr=False, compare=False)
    _by_word: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _runs: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _by_initials: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _by_short_form: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _nearest: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    # `roles` by their last word, made again when roles have grown since.
    _roles_by_head: tuple | None = field(default=None, init=False, repr=False, compare=False)
    # Each name's first title, made again when roles or names have grown since.
    _titles: tuple | None = field(default=None, init=False, repr=False, compare=False)

    # -- learning -----------------------------------------------------------------------------

    def learn(self, doc, offset: int, quoted) -> None:
        """Learn names and roles from one parsed paragraph (`offset`: its start in the text)."""
        from quotecli.article import entity_of  # article.py builds on this module

        self.learn_titled(doc, offset, quoted)
        self.learn_unlabelled_people(doc, offset, quoted)
        self.learn_unlabelled_organisations(doc, offset, quoted)
        self.learn_pronoun_genders(doc, offset, quoted)
        self.learn_described_subjects(doc, offset, quoted)
        self.learn_relative_clauses(doc, offset, quoted)
        for ent in doc.ents:
            if ent.label_ not in PERSON_LABELS | ORG_LABELS:
                continue
            if ent.label_ in ORG_LABELS:
                # "Bowel Health UK", "Harnmouth and District Fire …", cut by the recogniser.
                whole = entity_of(ent[0])
                if whole.start < ent.start and doc[whole.start].ent_iob_ == "B":
                    continue  # a part of a name learnt whole at its first entity
                ent = whole
            label = ent.label_
            if label in ORG_LABELS and _described_as_person(ent):
                label = "PERSON"  # "Priyanka Deol, an analyst at Holbeck Securities,"
            before = doc[ent.start - 1] if ent.start else None
            if before is not None and before.pos_ == "NOUN" \
                    and description_heads().get(before.lower_) == "work":
                # "the gardening programme Green Fingers": a title, which names nobody.
                words = tuple(normal_case(w) for w in written_name(ent))
                self.names.append(NameUse(offset + ent.start_char, words, "WORK_OF_ART"))
                self.works.append((offset + ent.start_char, words))
                continue
            if label in PERSON_LABELS:
                ent = _whole_name(doc, ent)  # a slice of the doc, without the label
            words = [normal_case(w) for w in written_name(ent)]
            if label in PERSON_LABELS:
                title, name = split_person_name(words)
                # An honorific the recogniser left outside the name shows the gender as well
                # ("Sir | Crispin Haythornthwaite").
                outside = [doc[ent.start - 1].text] \
                    if ent.start and doc[ent.start - 1].lower_ in honorifics() else []
                self._learn_gender(offset + ent.start_char, name, outside + title)
                title = [w for w in title if w.lower() not in honorifics()]
                if name:
                    name[-1] = strip_possessive(name[-1])
                    self.names.append(NameUse(offset + ent.start_char, tuple(name), "PERSON",
                                              ent.root.dep_ in ("nsubj", "nsubjpass")))
                    self._learn_role(doc, ent, title, " ".join(name), offset, quoted)
                    self._learn_age(doc, ent, tuple(name), offset)
            elif words and words[0].lower() in honorifics():
                continue  # "Ms Ingram" taken for an organisation: learn_titled has the person
            elif is_titled_name(words):
                # "Detective Constable Laura Finch" taken for an organisation: a person's title
                # and name.
                title, name = split_title(words)
                self.names.append(NameUse(offset + ent.start_char, tuple(name), "PERSON",
                                          ent.root.dep_ in ("nsubj", "nsubjpass")))
                self._learn_gender(offset + ent.start_char, name, title)
                self._add_role(offset + ent.start_char, title, " ".join(name))
            else:
                words = [w for w in words if w.lower() != "the"]
                if words:
                    words[-1] = strip_possessive(words[-1])
                    subject = ent.root.dep_ in ("nsubj", "nsubjpass")
                    self.names.append(NameUse(offset + ent.start_char, tuple(words), label, subject))
                    if any(description_heads().get(noun.lower_) == "organisation"
                           for noun in _appositions(ent)):
                        # "Glimmerbox, the photo-editing app,": an organisation, whatever the
                        # recogniser calls it elsewhere.
                        self.organisations.append((offset + ent.start_char, tuple(words)))

    def _learn_role(self, doc, ent, title_in_ent, name, offset, quoted) -> None:
        """Roles written around a person's name: before it, or in an apposition after it."""
        if quoted(offset + ent.start_char):
            return
        head = ent.root
        title = list(title_in_ent)
        holder_of = role_held(head)
        if not title and holder_of is not None:
            # "Minister for Health Fionnuala Deasy": the parser makes her the object of "for".
            title = [t.text for t in doc[mention_tokens(holder_of)[0].i : ent.start]
                     if t.lower_ not in DETERMINERS and not t.is_punct]
        if not title:
            before = [t for t in mention_tokens(head) if t.i < head.i]
            title = [t.text for t in before
                     if t.i < ent.start and t.lower_ not in DETERMINERS and not t.is_punct]
            if title and title[-1].lower() in honorifics() or any(t.dep_ == "case" for t in before):
                title = []  # "Prime Minister’s Questions": a possessor, no title
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
                if description_heads().get(child.lower_) == "organisation":
                    # "Powerwatch, the energy regulator,": an organisation, whatever the
                    # recogniser took it for.
                    self.organisations.append((offset + ent.start_char, tuple(name.split())))
                # "David Lammy, the Foreign Secretary,", "Roger Teale, chief executive of …":
                # a common noun in apposition is what the text calls the person.
                # Each of coordinated ones too: "Tom Haverley, the MP for Eastcombe and a shadow
                # minister".
                for noun in [child] + [c for c in child.children if c.dep_ == "conj" and c.pos_ == "NOUN"]:
                    words = [t.text for t in mention_tokens(noun) if t.lower_ not in DETERMINERS]
                    if is_role_phrase(words) or noun.pos_ == "NOUN":
                        self._add_role(offset + ent.start_char, words, name)
        if title:
            self._add_role(offset + ent.start_char, title, name)

    def learn_unlabelled_organisations(self, doc, offset: int, quoted) -> None:
        """A capitalised name ending in a word for an organisation is one, where the recogniser
        labelled nothing ("The Hollins Meadow Residents’ Group said")."""
        for token in doc:
            if token.pos_ != "PROPN" or token.ent_type_ or token.dep_ in ("compound", "flat") \
                    or description_heads().get(token.lower_) != "organisation" or quoted(offset + token.idx):
                continue
            tokens = [t for t in mention_tokens(token) if t.lower_ not in DETERMINERS]
            words = written_name(tokens)
            if len(words) > 1 and all(w[:1].isupper() for w in words) \
                    and not any(t.ent_type_ for t in tokens):
                self.names.append(NameUse(offset + tokens[0].idx, tuple(words), "ORG",
                                          token.dep_ in ("nsubj", "nsubjpass")))

    def learn_unlabelled_people(self, doc, offset: int, quoted) -> None:
        """Two capitalised words the recogniser labelled nothing ("Prosecuting, Nicola Strang
        said"): a person's name when the first is a listed given name or the text calls the
        second by an honorific ("Ms Strang"), which `finish` knows."""
        for token in doc:
            if token.pos_ != "PROPN" or token.dep_ in ("compound", "flat") or not token.text.istitle() \
                    or token.ent_type_ in PERSON_LABELS | ORG_LABELS or token.n_lefts == 0 \
                    or quoted(offset + token.idx):
                continue
            tokens = mention_tokens(token)
            words = [t.text for t in tokens]
            if len(words) == 2 and all(w.istitle() and not is_role_word(w) and w.lower() not in honorifics()
                                       for w in words) \
                    and not any(t.ent_type_ in PERSON_LABELS | ORG_LABELS for t in tokens):
                name = (words[0], strip_possessive(words[1]))
                self.unlabelled.append(NameUse(offset + tokens[0].idx, name, "PERSON",
                                               token.dep_ in ("nsubj", "nsubjpass")))

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
                self._learn_gender(offset + token.idx, name, title)
                if is_role_phrase(title):
                    self._add_role(offset + token.idx, title, " ".join(name))

    def learn_described_subjects(self, doc, offset: int, quoted) -> None:
        """"Catherine Aldous arrived at the despatch box …. The prime minister left it …": a
        sentence whose subject is a definite role, right after a sentence of the same paragraph
        that names one person only, as a subject, calls that person by the role. Not when the
        sentence before has the role's word ("Smith met the minister. The minister said"), nor
        when the text has given the role to somebody already."""
        sentences = list(doc.sents)
        starts = [sentence.start for sentence in sentences]
        people_in: dict[int, list] = {}  # sentence → its person entities outside quotations, in one pass
        for ent in doc.ents:
            if ent.label_ in PERSON_LABELS and not quoted(offset + ent.start_char):
                people_in.setdefault(bisect.bisect_right(starts, ent.start) - 1, []).append(ent)
        for number, (before, sentence) in enumerate(zip(sentences, sentences[1:])):
            subject = next((t for t in sentence.root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or quoted(offset + subject.idx) or subject.tag_ not in ("NN", "NNP"):
                continue
            tokens = mention_tokens(subject)
            words = [t.text for t in tokens[1:]]
            if tokens[0].lower_ != "the" or not is_role_phrase(words) \
                    or any(t.lower_ == subject.lower_ for t in before):
                continue
            people = people_in.get(number, [])
            names = [split_person_name([normal_case(w) for w in written_name(ent)])[1] for ent in people]
            if len({name[-1] for name in names if name}) != 1 \
                    or not any(ent.root.dep_ in ("nsubj", "nsubjpass") for ent in people) \
                    or not names[0] or self.resolve_role(words, offset + subject.idx) is not None:
                continue
            self._add_role(offset + people[0].start_char, words, " ".join(names[0]))

    def learn_relative_clauses(self, doc, offset: int, quoted) -> None:
        """What a relative clause after a name says of its holder ("Marcus Elwood, who won 31
        caps for England at fly-half,"), for the epithets that take it up later (`epithet_of`)."""
        for token in doc:
            head = token.head
            if token.dep_ != "relcl" or head.pos_ != "PROPN" or head.i > token.i \
                    or quoted(offset + token.idx):
                continue
            name = split_person_name([normal_case(w) for w in written_name(mention_tokens(head))])[1]
            if name:
                name[-1] = strip_possessive(name[-1])
                words = frozenset(t.lower_ for t in token.subtree if not t.is_punct)
                self.said_of.append((offset + head.idx, tuple(name), words))

    def _learn_gender(self, start: int, name: list[str], title: list[str]) -> None:
        """"Mrs Ward", "Sir Keir": an honorific shows the person's gender."""
        for word in title:
            gender = gendered_words().get(word.lower())
            if gender and name:
                self.genders.append((start, tuple(normal_case(w) for w in name), gender, HONORIFIC_EVIDENCE))
                return

    def _learn_age(self, doc, ent, name: tuple[str, ...], offset: int) -> None:
        """"Mark Ellery, 54, of Dunmore" and "54-year-old Mark Ellery": the person's age, which a
        later "the 54-year-old" refers back to."""
        after = doc[ent.end : ent.end + 3]
        if len(after) >= 2 and after[0].text == "," and after[1].like_num and after[1].text.isdigit() \
                and (len(after) == 2 or after[2].is_punct):
            self.ages.append((offset + ent.start_char, name, int(after[1].text)))
            return
        before = doc[max(0, ent.start - 5) : ent.start]
        age = _age_of(before.text) if len(before) else None
        if age is None and after and after[0].text == ",":
            # "Niall Brennan, Carrowmore's 22-year-old fly-half, kicked …": in the apposition.
            apposition = doc[ent.end + 1 : ent.end + 1 + _APPOSITION_TOKENS]
            cut = next((t.i for t in apposition if t.text == ","), None)
            if cut is not None:
                age = _age_of(doc[ent.end + 1 : cut].text)
        if age is not None:
            self.ages.append((offset + ent.start_char, name, age))

    def learn_pronoun_genders(self, doc, offset: int, quoted) -> None:
        """He or she in a sentence whose only person is the subject before it shows that
        person's gender ("Ward said she would …"). One pass over the entities and the tokens."""
        starts = [sentence.start for sentence in doc.sents]
        people: dict[int, list] = {}  # sentence → its person entities outside quotations
        for ent in doc.ents:
            if ent.label_ in PERSON_LABELS and not quoted(offset + ent.start_char):
                people.setdefault(bisect.bisect_right(starts, ent.start) - 1, []).append(ent)
        learnt = set()
        for token in doc:
            gender = "m" if token.lower_ in MALE_PRONOUNS else "f" if token.lower_ in FEMALE_PRONOUNS else None
            if gender is None or quoted(offset + token.idx):
                continue
            sentence = bisect.bisect_right(starts, token.i) - 1
            found = people.get(sentence, [])
            if sentence in learnt or len({e.text for e in found}) != 1:
                continue
            person = found[0]
            if person.root.dep_ not in ("nsubj", "nsubjpass") or token.i < person.end:
                continue
            learnt.add(sentence)
            words = [normal_case(t.text) for t in person if not t.is_punct and t.text not in _POSSESSIVE]
            name = split_person_name(words)[1]
            if name:
                self.genders.append((offset + person.start_char, tuple(name), gender, 1))

    def finish(self) -> None:
        """Gather the names used into entities, once every paragraph has been learnt."""
        titled = {name[-1].lower() for _, name, _, weight in self.genders
                  if name and weight == HONORIFIC_EVIDENCE}
        for use in self.unlabelled:
            if use.name[0].lower() in first_name_genders() or use.name[-1].lower() in titled:
                self.names.append(use)
        entities: dict[str, Entity] = {}
        labels: dict[str, Counter] = {}
        for use in self.names:
            name = self.canonical(use.name, use.start)
            entity = entities.get(name)
            if entity is None:
                entity = entities[name] = Entity(name, use.label, [], [], None, None)
            entity.mentions.append(use.start)
            if use.subject:
                entity.subjects.append(use.start)
            # The label the recogniser gives most often, a person's counted twice and winning a
            # tie. An organisation's whole name counts twice too: the recogniser reads "Zanvi
            # Foods" better than "Zanvi" alone, which it may take for a place.
            weight = 2 if use.label == "PERSON" or len(use.name) > 1 else 1
            labels.setdefault(name, Counter())[use.label] += weight
        # "Iain Rutherford" taken for an organisation throughout: a listed given name before a
        # surname that the article also uses alone ("Rutherford said") is a person's name, as
        # firms named after people are not called by their last word ("Morgan Stanley").
        alone = {use.name[0].lower() for use in self.names if len(use.name) == 1}
        for name in labels:
            words = name.split()
            if len(words) in (2, 3) and words[0].lower() in first_name_genders() \
                    and words[-1].lower() in alone and words[-1][:1].isupper():
                labels[name]["PERSON"] += 50
        for start, words in self.organisations:
            labels.setdefault(self.canonical(words, start), Counter())["ORG"] += 100
        for start, words in self.works:
            labels.setdefault(self.canonical(words, start), Counter())["WORK_OF_ART"] += 100
        for name, votes in labels.items():
            if name in entities:
                entities[name].label = max(votes, key=lambda label: (votes[label], label == "PERSON"))
        genders: dict[str, Counter] = {}
        for start, words, gender, weight in self.genders:
            genders.setdefault(self._canonical_of_gender(words, start, gender), Counter())[gender] += weight
        for name, votes in genders.items():
            ranked = votes.most_common()
            if name in entities and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                entities[name].gender = ranked[0][0]
        for entity in entities.values():
            # What the text shows first; failing that, a given name that is a man's or a woman's.
            words = entity.name.split()
            if entity.gender is None and entity.label == "PERSON" and len(words) > 1:
                entity.gender = first_name_genders().get(words[0].lower())
        for start, words, age in self.ages:
            name = self.canonical(words, start)
            if name in entities:
                entities[name].age = age
        for entity in entities.values():
            entity.mentions.sort()
            entity.subjects.sort()
        self.entities = entities

    def roster(self) -> Roster:
        """What the run needs of these people (`finish` has run)."""
        return Roster({entity.name: (entity.label, len(entity.mentions))
                       for entity in self.entities.values()},
                      tuple((intro.role, self.canonical(intro.name.split(), intro.start))
                            for intro in self.roles))

    # -- reading the entities -------------------------------------------------------------------

    def gender_of(self, name: str | None) -> str | None:
        entity = self.entities.get(name) if name else None
        return entity.gender if entity else None

    def is_work(self, name: str) -> bool:
        """Whether `name` is the title of a work ("the gardening programme Green Fingers")."""
        entity = self.entities.get(name)
        return entity is not None and entity.label == "WORK_OF_ART"

    def is_person(self, name: str) -> bool:
        """Whether `name` is a person's (or a name the recogniser never labelled)."""
        entity = self.entities.get(name)
        return entity is None or entity.label == "PERSON"

    def is_person_named(self, words, position: int) -> bool:
        """Whether the entity these words name was labelled a person more often than not."""
        entity = self.entities.get(self.canonical(words, position))
        return entity is not None and entity.label == "PERSON"

    def salience(self, name: str | None, position: int) -> int:
        """How often the article has named `name` before `position`."""
        entity = self.entities.get(name) if name else None
        return bisect.bisect_left(entity.mentions, position) if entity else 0

    def of_age(self, age: int, position: int) -> str | None:
        """The one person named before `position` whose age the text gave as `age`."""
        holders = [e.name for e in self.entities.values()
                   if e.age == age and e.mentions and e.mentions[0] < position]
        return holders[0] if len(holders) == 1 else None

    def most_salient_organisation(self, position: int, paragraph_start: int) -> str | None:
        """The organisation a description ("the company") most likely refers to at `position`:
        of those the article has made a grammatical subject or named in the same paragraph
        (not a place or a time zone named in passing), the one most often a subject, then most
        often named, before `position`; None when another is as often."""
        scores = []
        for entity in self.entities.values():
            if entity.label != "ORG":
                continue
            subjects = bisect.bisect_left(entity.subjects, position)
            mentions = bisect.bisect_left(entity.mentions, position)
            nearby = mentions > bisect.bisect_left(entity.mentions, paragraph_start)
            if subjects or nearby:
                scores.append(((subjects, mentions), entity.name))
        scores.sort(reverse=True)
        if not scores or len(scores) > 1 and scores[0][0] == scores[1][0]:
            return None
        return scores[0][1]

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
            # Already a full name, never widened to a longer phrase; but for the short form of
            # an organisation's name ("Union Reform" for the "Union Reform Party").
            return self.organisation_in_full(target) or " ".join(target)
        starts, names = self._uses_of_fullest(target[0])
        if not starts:
            if is_acronym(target[0]):
                # "the NMU" after "the Nurses and Midwives Union"
                self._sync()
                known = self._by_initials.get(target[0].upper())
                if known is not None:
                    return " ".join(known)
            return " ".join(target)
        # Two people share the name (Hillary and Bill Clinton): the one named last before here,
        # or failing one, the first named after; of names used at one place, the first by name.
        before = bisect.bisect_right(starts, position)
        at = starts[before - 1] if before else starts[0]
        return " ".join(names[bisect.bisect_left(starts, at)])

    def organisation_in_full(self, words) -> str | None:
        """The organisation named in the article whose name is `words` (two or more) and a
        suffix its short form drops (`lexicons/name_suffixes.txt`), or None."""
        self._sync()
        found = self._by_short_form.get(tuple(w.lower() for w in words))
        return found and " ".join(found)

    def _sync(self) -> None:
        """Index the names appended since the last call (names are only ever appended)."""
        for use in self.names[self._indexed :]:
            lowered = tuple(w.lower() for w in use.name)
            for word in dict.fromkeys(lowered):
                self._by_word.setdefault(word, []).append(use)
            for i in range(len(lowered)):
                for j in range(i + 1, len(lowered) + 1):
                    known = self._runs.setdefault(lowered[i:j], [use.label, False])
                    known[1] = known[1] or use.label == "PERSON"
            if use.label in ORG_LABELS:
                self._by_initials.setdefault(initials(use.name), use.name)
                if len(lowered) > 2 and lowered[-1] in name_suffixes():
                    self._by_short_form.setdefault(lowered[:-1], use.name)
        self._indexed = len(self.names)

    def _names_with_word(self, word: str) -> list[NameUse]:
        """The uses of names that have `word` among them, without case, in order."""
        self._sync()
        return self._by_word.get(word.lower(), [])

    def _uses_of_fullest(self, word: str) -> tuple[list[int], list[tuple[str, ...]]]:
        """Where the names of two words or more that have `word` and contain no other such
        name (`fewest_words`) are used, in text order, with the name at each place: the one
        nearest any place is then found by bisection. Made again when a name with `word` is
        added."""
        uses = self._names_with_word(word)
        key = word.lower()
        cached = self._nearest.get(key)
        if cached is None or cached[0] != len(uses):
            fullest = fewest_words(dict.fromkeys(use.name for use in uses if len(use.name) > 1))
            places = sorted((use.start, use.name) for use in uses if use.name in fullest)
            cached = (len(uses), [start for start, _ in places], [name for _, name in places])
            self._nearest[key] = cached
        return cached[1], cached[2]

    def _canonical_of_gender(self, words, position: int, gender: str) -> str:
        """`canonical`, but a surname two people share goes to the one whose given name agrees
        with the gender shown: "Mr Voss" is Peter Voss and "Mrs Voss" Anna Voss, whoever was
        named last."""
        name = self.canonical(words, position)
        given = first_name_genders()
        if len(words) != 1 or given.get(name.split()[0].lower()) in (None, gender):
            return name
        _, fullest = self._uses_of_fullest(normal_case(words[0]))
        agreeing = sorted({" ".join(n) for n in fullest if given.get(n[0].lower()) == gender})
        return agreeing[0] if len(agreeing) == 1 else name

    def organisation_called(self, noun: str, position: int, modifiers: tuple[str, ...] = (),
                            ahead: bool = False) -> str | None:
        """The organisation named last before `position` whose name ends with `noun` ("the
        council" after "Westmere County Council"), or else has it as a word ("the association"
        after "the Association of Family Doctors"), or a word that fits it (`organisation_words`:
        "the developer" after "Brackenridge Homes"), in its canonical form; failing one and when
        `ahead` (a headline or a lead), the first so named after `position`. Words written before
        the noun must be in the name too ("the residents' group")."""
        # The noun itself first, then the words that fit it in the order listed: "the authority"
        # in a planning story is the council before the agency quoted in passing.
        wanted = (noun, *(w for w in organisation_words().get(noun, ()) if w != noun))
        fitting = [[use for use in self._names_with_word(word)
                    if use.label in ORG_LABELS and len(use.name) > 1
                    and all(m in (strip_possessive(w).lower() for w in use.name) for m in modifiers)]
                   for word in wanted]
        for rank, uses in enumerate(fitting):
            uses = [use for use in uses if use.start < position]
            if uses:
                use = max(uses, key=lambda u: (rank == 0 and u.name[-1].lower() == noun, u.start))
                return self.canonical(use.name, use.start)
        # A headline or lead may describe the organisation before naming it ("as the data
        # regulator opens inquiry" over "The Office for Data Rights said"): the first named so.
        later = [use for uses in fitting for use in uses if use.start >= position] if ahead else []
        if later:
            use = min(later, key=lambda u: u.start)
            return self.canonical(use.name, use.start)
        return None

    def is_known_name(self, words) -> str | None:
        """The label of a name the article uses, if any ("PERSON", "ORG", …)."""
        target = tuple(strip_possessive(normal_case(w)).lower() for w in words)
        self._sync()
        if not target:  # the empty run is in every name
            labels = [use.label for use in self.names]
            return None if not labels else "PERSON" if "PERSON" in labels else labels[0]
        known = self._runs.get(target)  # [the label of its first use, whether a person's]
        return None if known is None else "PERSON" if known[1] else known[0]

    def resolve_role(self, words: list[str], position: int) -> str | None:
        """Who the text introduced with this role (`the Prime Minister` → `Keir Starmer`)."""
        key = role_key(words)
        if not key:
            return None
        roles = self._roles_ending(key)
        exact = [intro for intro in roles if intro.role == key]
        # "the minister" for "Foreign Minister Ivo Marten", "the former striker" for "former
        # Fenbridge Athletic striker Dean", but never "the health secretary" for a shadow, former
        # or deputy one.
        loose = [intro for intro in roles if intro.role != key and _narrows(intro.role, key)]
        if exact:
            earlier = [intro for intro in exact if intro.start <= position]
            intro = max(earlier, key=lambda i: i.start) if earlier else min(exact, key=lambda i: i.start)
            return self.canonical(intro.name.split(), intro.start)
        holders = {self.canonical(intro.name.split(), intro.start)
                   for intro in loose if intro.start <= position}
        if len(holders) == 1:
            return holders.pop()
        if not holders and loose:  # a headline or lead naming the role before the person
            intro = min(loose, key=lambda i: i.start)
            return self.canonical(intro.name.split(), intro.start)
        return None  # two ministers fit "the minister" equally: nobody is guessed

    def epithet_of(self, words: list[str], position: int) -> str | None:
        """The one person of whom a relative clause before `position` said what the epithet
        `words` says: "the former Millwall coach" after "Joe Kettle, who spent six years on
        Millwall's coaching staff,", "the former England fly-half" after "Marcus Elwood, who won
        31 caps for England at fly-half,". The epithet needs a proper word and another
        ("the coach" is a role, for `resolve_role`); each of its words is in the clause, or
        begins a word of it ("coach", "coaching"). Two people fitting is nobody."""
        wanted = [w.lower() for w in words if w.lower() not in DETERMINERS
                  and w.lower() not in role_modifiers() and any(ch.isalnum() for ch in w)]
        if len(wanted) < 2 or not any(w[:1].isupper() and w.lower() in wanted[:-1] for w in words):
            return None
        holders = set()
        for start, name, said in self.said_of:
            if start < position and all(w in said or any(s.startswith(w) for s in said) for w in wanted):
                holders.add(self.canonical(name, start))
        people = [name for name in holders if self.is_person(name)]
        return people[0] if len(people) == 1 else None

    def holds_other_role(self, name: str, words: list[str]) -> bool:
        """Whether the text gave `name` a shadow, former or deputy form of the role `words`."""
        key = role_key(words)
        return bool(key) and any(
            intro.role.endswith(" " + key) and set(intro.role[: -len(key)].split()) & role_modifiers()
            and self.canonical(intro.name.split(), intro.start) == name
            for intro in self._roles_ending(key))

    def _roles_ending(self, key: str) -> list[RoleIntro]:
        """The roles learnt whose last word is `key`'s: the only ones that can be it, or a
        longer form of it ("foreign minister" for "minister"), in the order learnt."""
        if self._roles_by_head is None or self._roles_by_head[0] != len(self.roles):
            table: dict[str, list[RoleIntro]] = {}
            for intro in self.roles:
                table.setdefault(intro.role.rsplit(" ", 1)[-1], []).append(intro)
            self._roles_by_head = (len(self.roles), table)
        return self._roles_by_head[1].get(key.rsplit(" ", 1)[-1], [])

    def title_of(self, name: str) -> str | None:
        """The first role the article gives `name`, as written."""
        if self._titles is None or self._titles[0] != (len(self.roles), len(self.names)):
            titles: dict[str, str] = {}
            for intro in sorted(self.roles, key=lambda i: i.start):
                titles.setdefault(self.canonical(intro.name.split(), intro.start), intro.title)
            self._titles = ((len(self.roles), len(self.names)), titles)
        return self._titles[1].get(name)


def _narrows(role: str, key: str) -> bool:
    """Whether `role` is a fuller form of the role `key`: the same last word, `key`'s words in
    order among its own, and none of the words it adds a shadow, former or deputy."""
    words, wanted = role.split(), key.split()
    if words[-1] != wanted[-1]:
        return False
    added, at = [], 0
    for word in words:
        if at < len(wanted) and word == wanted[at]:
            at += 1
        else:
            added.append(word)
    return at == len(wanted) and not set(added) & role_modifiers()


def _described_as_person(ent) -> bool:
    """Whether the apposition after a name says what person it is ("Priyanka Deol, an analyst
    at …", "Iain Rutherford, the manager,") or gives an age ("Maitland, 28,"), whatever the
    recogniser labelled the name."""
    after = ent.doc[ent.end : ent.end + 3]
    if len(after) == 3 and after[0].text == "," and after[1].text.isdigit() and int(after[1].text) < 120 \
            and after[2].text == ",":
        return True
    return any(noun.pos_ == "NOUN" and (description_heads().get(noun.lower_) == "person"
                                        or is_role_word(noun.text))
               for noun in _appositions(ent))


def _appositions(ent) -> list:
    """The heads of the appositions after a name ("Glimmerbox, the photo-editing app,")."""
    return [child for child in ent.root.children if child.dep_ == "appos" and child.i >= ent.end]


# How many pronouns an honorific or a gendered noun outweighs as evidence of a person's gender:
# "Sir Crispin" is a man though "Haythornthwaite wrote that she had taught …" is of another.
HONORIFIC_EVIDENCE = 3


def _whole_name(doc, ent):
    """A person's name the recogniser cut short ("Harbour Board chair Martin | Feld"): a
    listed given name just before it joins it; a title, an honorific or another entity
    ("Democrat", "Pastor") does not, nor any other word ("Professors Foner"). A surname
    alone takes the capitalised name word before it, listed or not ("MSP Alasdair |
    Rennie"), unless another capitalised word comes before that one too."""
    start = ent.start
    while start > max(0, ent.start - 2):
        before = doc[start - 1]
        # A capitalised word taken for a number ("Aileen" as CARDINAL) is no entity of its own.
        labelled = before.ent_iob_ != "O" and before.ent_type_ not in ("CARDINAL", "ORDINAL")
        if before.pos_ != "PROPN" or before.tag_ != "NNP" or before.dep_ != "compound" \
                or labelled or not ent.start <= before.head.i < ent.end \
                or not before.text.istitle() or is_role_word(before.text) or before.lower_ in honorifics():
            break
        if before.lower_ not in first_name_genders() and not (len(ent) == 1 and start == ent.start
                                                               and not _capitalised_word(doc, start - 2)):
            break
        start -= 1
    return doc[uncoordinated_start(doc, start, ent.end) : ent.end]


def uncoordinated_start(doc, start: int, end: int) -> int:
    """Where a person's name doc[start:end] begins once a first word that the parser coordinates
    with a word before it is left to that word: "Minister for Ageing and | Care Desmond Ong"
    (the portfolio's). Two words of the name stay at least."""
    while start < end - 2 and doc[start].dep_ == "conj" and doc[start].head.i < start:
        start += 1
    return start


def _capitalised_word(doc, i: int) -> bool:
    """Whether the token at `i` is a capitalised word that is not a title ("New York Smith")."""
    return i >= 0 and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and not is_role_word(doc[i].text)


_APPOSITION_TOKENS = 16  # how far after a name its apposition's age is looked for
_AGE = re.compile(r"(\d{1,3})[- ]year[- ]old\b", re.IGNORECASE)


def _age_of(text: str) -> int | None:
    """The age in a "54-year-old" written in `text`, if any."""
    match = _AGE.search(text)
    return int(match.group(1)) if match else None


def fewest_words(names: dict) -> dict:
    """The names (tuples of words) that contain no other of them, compared without case:
    "Donald Trump", not a headline's "Rip Donald Trump" that the recogniser took for a name.
    Each name's runs of words are looked up, so the cost grows with the names, not their square."""
    by_lowered: dict[tuple[str, ...], list] = {}
    for name in names:
        by_lowered.setdefault(tuple(w.lower() for w in name), []).append(name)

    def contains_another(name) -> bool:
        lowered = tuple(w.lower() for w in name)
        return any(other != name
                   for i in range(len(lowered)) for j in range(i + 1, len(lowered) + 1)
                   for other in by_lowered.get(lowered[i:j], ()))

    return {name: value for name, value in names.items() if not contains_another(name)}


def is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isalpha() and word.isupper()


def initials(name: tuple[str, ...]) -> str:
    """"Nurses and Midwives Union" → "NMU": the first letters of its capitalised words."""
    return "".join(w[0] for w in name if w[:1].isupper())


def speaker_noun_kind(token) -> str | None:
    return speaker_nouns().get(token.lower_)


def is_role_phrase(words: list[str]) -> bool:
    words = [w for w in words if w.lower() not in DETERMINERS]
    return bool(words) and is_role_word(words[-1])
