"""Stage 2: from the words that name a speaker to the person or organisation they stand for."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from quotecli.article import entity_of
from quotecli.attribution.cues import SUBJECT_DEPS, find_cue, sentence_cues, stray_subject, verb_after
from quotecli.attribution.entities import (
    FEMALE_PRONOUNS, MALE_PRONOUNS, ORG_LABELS, PERSON_LABELS, PLURAL_PRONOUNS, coordinated_role,
    is_role_phrase, is_role_word, is_titled_name, mention_tokens, normal_case, role_held, role_key,
    speaker_noun_kind, split_person_name, split_title, strip_possessive, written_name,
)
from quotecli.lexicons import (
    description_heads, description_synonyms, gendered_words, honorifics, postnominals, replying_verbs,
)

if TYPE_CHECKING:
    from quotecli.article import Article


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: canonical name and where the text names them in this place."""

    name: str | None
    mention: str
    start: int
    end: int
    kind: str  # person | organisation | role | pronoun | group | other


@dataclass(frozen=True)
class Mention:
    """The words that name a speaker in one place, as the noun sieves see them."""

    token: object  # the head token
    tokens: list
    words: list[str]
    start: int
    end: int
    noun_kind: str | None  # "group" or "document" (speaker_nouns.txt), or None
    depth: int  # how deep in the resolution of other mentions this one is asked for


# How many sentences back a definite description looks for the speaker it refers to.
DESCRIPTION_WINDOW = 4
# How many sentences back "the spokesman" looks for the spokesman described before.
SOURCE_WINDOW = 30
_QUANTIFIERS = frozenset("another one two three several some many few other".split())


def _post_modifier(head, tokens) -> list:
    """The phrase right after a description's noun that is part of it: "of the couple",
    "familiar with the talks"; not a relative clause, an apposition or quoted words."""
    following = [c for c in head.rights if c.i == tokens[-1].i + 1]
    if not following or following[0].dep_ not in ("prep", "amod") or following[0].lower_ not in _DESCRIBING \
            and following[0].dep_ == "prep":
        return []
    subtree = list(following[0].subtree)
    # Up to a comma: "a worker at a nearby shop, who did not want to be named,".
    cut = next((i for i, t in enumerate(subtree) if t.text in ",;:("), len(subtree))
    subtree = subtree[:cut]
    if len(subtree) < 2 or any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in subtree):
        return []
    return subtree


# Prepositions that describe who someone is ("a friend of the couple", "an official from the
# ministry", "a worker at a nearby shop"), not where or when they spoke.
_DESCRIBING = frozenset("of from with close at".split())


def _has_honorific(tokens) -> bool:
    """Whether a name phrase has an honorific before its last word ("the Very Rev Hilary Dunn")."""
    return any(t.lower_ in honorifics() for t in list(tokens)[:-1])


def _undetermined(mention: Mention) -> list:
    """The mention's tokens without a leading determiner or quantifier ("Another analyst",
    "Three-in-five GOP insiders"); a number written into the head word stays ("the
    31-year-old")."""
    tokens = list(mention.tokens)
    # A possessive pronoun determines too: "his family" → "family".
    while tokens and tokens[0].i != mention.token.i and (
            tokens[0].pos_ == "DET" or tokens[0].pos_ == "NUM" and tokens[0].like_num
            or tokens[0].lower_ in _QUANTIFIERS
            or tokens[0].pos_ == "PRON" and tokens[0].dep_ == "poss"):
        joined = 1  # the tokens written as one word with it: "Three-in-five", "31-year-old"
        while joined < len(tokens) and not tokens[joined - 1].whitespace_:
            joined += 1
        if any(t.i == mention.token.i for t in tokens[:joined]):
            break
        tokens = tokens[joined:]
    return tokens


def _is_definite(tokens, head) -> bool:
    """"the diplomat", "the former Millwall coach", "its chief executive": a description that
    refers back, not "a diplomat" (someone new)."""
    first = tokens[0] if tokens else head
    return first.lower_ in ("the", "its", "their")


class Resolver:
    """Turns the token naming a speaker into a canonical Speaker."""

    PRONOUN_WINDOW = 8  # sentences to look back for the person a pronoun stands for

    def __init__(self, article: Article):
        self.article = article
        self.index = article.index
        self._offsets = {id(doc): article.offset(p) for p, doc in article.docs.items()}
        self._paragraphs = {id(doc): p for p, doc in article.docs.items()}
        self._article_paragraphs = [p.index for p in article.scan.paragraphs if not p.furniture]
        # token → (its speaker, the depth it was asked at)
        self._known: dict[tuple[int, int], tuple[Speaker | None, int]] = {}
        self._described: dict[str, str] = {}  # a person's description (role_key) → the first it named
        self._reading_story = False  # whether `_headline_role` is reading the story's speakers
        self._sentence_starts = [article.offset(p) + s.start_char for p, s in article.sentences]

    def _previous_paragraph_start(self, token) -> int:
        """Where the article paragraph before the one of `token` starts (its own, if first)."""
        at = bisect.bisect_right(self._article_paragraphs, self._paragraphs[id(token.doc)])
        return self.article.scan.paragraphs[self._article_paragraphs[max(0, at - 2)]].start

    def _offset(self, token) -> int:
        return self._offsets[id(token.doc)]

    def speaker(self, token, depth: int = 0) -> Speaker | None:
        """The speaker `token` names. A token's answer is worked out once: pronouns resolve
        through earlier subjects, which would otherwise be resolved again for every pronoun."""
        key = (id(token.doc), token.i)
        known = self._known.get(key)
        # Nobody found deeper down may be only the depth limit: asked again from nearer the
        # top, the token is worked out again (at most once a depth).
        if known is None or known[0] is None and known[1] > depth:
            known = self._known[key] = (self._speaker(token, depth), depth)
        return known[0]

    def _speaker(self, token, depth: int) -> Speaker | None:
        named = _name_before_brackets(token)
        if named is not None:  # "Gov. John Kasich (R-OH) said": Kasich, not Ohio
            return self.speaker(named, depth)
        role = coordinated_role(token)
        if role is not None:  # "The work and pensions secretary said": the secretary
            return self.speaker(role, depth)
        offset = self._offset(token)
        lower = token.lower_
        if token.pos_ == "PRON" or lower in MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS:
            if lower == "i" and depth == 0:
                # The writer, outside any quotation ("“Were you stuck?” I ask"): somebody speaks,
                # whom the text does not name.
                start = offset + token.idx
                return Speaker(None, token.text, start, start + len(token), "pronoun")
            if lower in ("i", "we", "you", "me", "us", "who", "that", "which", "this"):
                return None if lower not in ("who", "that", "which") else self._relative(token, depth)
            if depth > 3:
                return None
            name = self._antecedent(token, offset, lower, depth)
            start = offset + token.idx
            if name is None and (depth > 0 or lower not in MALE_PRONOUNS | FEMALE_PRONOUNS
                                 | PLURAL_PRONOUNS | {"it"}):
                return None  # "nothing", "everyone": nobody in particular
            # Unresolved, the pronoun is still who the text says speaks: speaker unknown (null),
            # never guessed, but the mention stays.
            return Speaker(name, token.text, start, start + len(token), "pronoun")
        age = self._age_description(token)
        if age is not None:  # "the 54-year-old": the person whose age the text gave
            return age
        participle = token.tag_ == "VBG"  # "Prosecuting, Nadia Farouk said", parsed so
        if token.pos_ == "NOUN" or participle or _described_person(token) \
                or token.pos_ == "PROPN" and token.ent_type_ not in PERSON_LABELS:
            named = self._named_in_apposition(token, depth)
            if named is not None:  # "Another parent, Sophie Bell, said": Sophie Bell speaks
                return named
            if participle:
                return None  # a participle names nobody
        tokens = mention_tokens(token)
        while len(tokens) > 1 and tokens[-1].text in postnominals() and tokens[-2].is_title:
            tokens = tokens[:-1]  # "Cathal Rooney TD": the seat is no part of the mention's name
            token = tokens[-1] if tokens[-1].i < token.i else token
        noun_kind = speaker_noun_kind(token)
        if token.pos_ == "NOUN" and noun_kind == "group":
            represented = self._represented(token, depth)
            if represented is not None:
                start, end = offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1])
                return replace(represented, mention=self.article.text[start:end], start=start,
                               end=end)
        # "Coroner says …" opening a headline: a role word the recogniser labelled alone.
        capitalised_role = token.pos_ == "PROPN" and _common_noun(token) \
            and len(entity_of(token) or [token]) == 1
        is_organisation = token.ent_iob_ in ("B", "I") and token.ent_type_ in ORG_LABELS \
            and not capitalised_role
        if is_organisation:
            entity = entity_of(token)
            # "Ms Ingram", "the Very Rev Hilary Dunn", tagged an organisation: an honorific makes
            # a person's name.
            is_organisation = not _has_honorific(entity) and not is_titled_name([t.text for t in entity])
            # The whole article's evidence beats the label of this one mention: "Siobhán Kearney"
            # taken for an organisation is the woman the article calls "Ms Kearney".
            words = [t.text for t in entity if not t.is_punct]
            if is_organisation and words and self.index.is_person_named(words, offset + entity[0].idx):
                is_organisation = False
        if is_organisation:
            tokens = [t for t in entity if t.lower_ != "the"] or tokens
        words = [t.text for t in tokens]
        start, end = offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1])
        text = self.article.text
        # An organisation's name is whole ("Committee for a Responsible Federal Budget").
        name_words = written_name(tokens) if is_organisation else split_title(words)[1]
        ent_label = token.ent_type_
        if ent_label in PERSON_LABELS:
            # Words before a person's name in the same phrase are a title the text gives them,
            # listed role word or not ("Factory owner Gareth Pryce"); the name itself keeps at
            # least its last word, even one that can be a role ("Charlie King").
            entity = entity_of(token)
            before = [t.text for t in tokens if t.i < entity.start and t.lower_ not in ("the", "a", "an")]
            inner = [t.text for t in tokens if t.i >= entity.start]
            inner_title, name_words = split_person_name(inner)
            if before and not inner_title:
                # The recogniser cut the name short ("Head teacher Gwen | Talbot"): the
                # capitalised words after the title belong to the name; all of them when the
                # recogniser kept one word only, else none ("Trade Representative | Karen Lin").
                cut = len(before)
                while cut > 0 and before[cut - 1][:1].isupper() and not is_role_word(before[cut - 1]) \
                        and before[cut - 1].lower() not in honorifics() and len(inner) == 1:
                    cut -= 1
                if cut and not split_title(before[:cut] + ["_"])[0] and all(w[:1].isupper() for w in before):
                    cut = 0  # no title at all: every word is the name's
                name_words = before[cut:] + name_words
        known = name_words and token.is_title and self.index.is_known_name(name_words)
        if (ent_label in PERSON_LABELS | ORG_LABELS or (token.pos_ == "PROPN" and name_words) or known) \
                and not _described_person(token) and not capitalised_role:
            if not name_words:
                return None
            # As written, a possessive mark inside the name kept on its word ("Residents’ Group").
            name_tokens = tokens if is_organisation else tokens[len(tokens) - len(name_words):]
            name_words = written_name(name_tokens) or name_words
            name_start = offset + name_tokens[0].idx
            # The whole article's evidence beats the recogniser's label on this one token
            # ("President Zelenskyy" earlier makes "Zelenskyy" a person here).
            label = self.index.is_known_name(name_words) or ent_label or "PERSON"
            if label not in PERSON_LABELS and not is_organisation \
                    and self.index.is_person_named(name_words, name_start):
                label = "PERSON"
            if noun_kind == "document" and token.pos_ != "PROPN":
                return self._document(token, tokens, start, end, depth)
            name_words = [w for w in name_words if w.lower() != "the"]
            canonical = self.index.canonical(name_words, name_start) if name_words else None
            if canonical is None or self.index.is_work(canonical):
                return None  # a work's title names nobody, whatever the recogniser says
            if label in PERSON_LABELS:
                return Speaker(canonical, text[name_start:end], name_start, end, "person")
            return Speaker(strip_article(canonical), text[start:end], start, end, "organisation")
        mention = Mention(token, tokens, words, start, end, noun_kind, depth)
        for sieve in (self._source_just_quoted, self._learnt_role, self._epithet, self._group, self._role_phrase,
                      self._document_of, self._organisation_description, self._earlier_description,
                      self._person_description):
            found = sieve(mention)
            if found is not None:
                return found
        return self._description(mention)

    # -- the sieves for a common noun, in the order `_speaker` tries them ------------------------

    def _source_just_quoted(self, mention: Mention) -> Speaker | None:
        """"One senior backbencher told this blog … “…,” the MP said": a definite description
        that takes up the unnamed source of the cue just before is that source, before any
        holder of the role named further back."""
        token, tokens = mention.token, mention.tokens
        if mention.depth > 2 or [t.lower_ for t in tokens] != ["the", token.lower_] \
                or _described_noun(token.lower_) == token.lower_:
            return None  # only a noun that takes up another ("the pal", "the MP") is looked at
        nearest = next(iter(self._cue_speakers_before(mention.start, mention.depth)), None)
        if nearest is None or nearest.kind != "other" or not nearest.name \
                or _described_noun(nearest.name.split()[-1]) != _described_noun(token.lower_):
            return None
        return self._at(mention, nearest.name, "other")

    def _learnt_role(self, mention: Mention) -> Speaker | None:
        """"its chief executive", "the minister": whom the text introduced with that role."""
        if not _common_noun(mention.token) and not _described_person(mention.token):
            return None
        introduced = self.index.resolve_role(mention.words, mention.start)
        return introduced and self._at(mention, introduced, "role")

    def _epithet(self, mention: Mention) -> Speaker | None:
        """"the former Millwall coach added": a definite description of a person with a proper
        word in it is the one person of whom the text said that before (`People.epithet_of`),
        whoever spoke last: sports and news desks vary a name so."""
        token = mention.token
        # Any noun that speaks may be one ("the former England fly-half"), but for an
        # organisation's.
        if not _common_noun(token) and not _described_person(token) or token.tag_ in ("NNS", "NNPS") \
                or description_heads().get(token.lower_) == "organisation" \
                or not _is_definite(mention.tokens, token):
            return None
        described = self.index.epithet_of(mention.words, mention.start)
        return described and self._at(mention, described, "role")

    def _group(self, mention: Mention) -> Speaker | None:
        """"A Treasury spokesperson", "Downing Street officials": the organisation they speak for."""
        if mention.noun_kind != "group":
            return None
        issuer = self._group_issuer(mention.token, mention.tokens, mention.start) \
            or self._spoken_for(mention)
        return issuer and self._at(mention, issuer, "group")

    def _spoken_for(self, mention: Mention) -> str | None:
        """"In a statement, the authority said …. “…,” a spokesperson said": a spokesperson
        the text ties to no one speaks for the organisation that spoke last, within
        `DESCRIPTION_WINDOW` sentences. Only a spokes- word: "a source" is nobody's in particular."""
        token = mention.token
        if not token.lower_.startswith("spokes") or [t.lower_ for t in mention.tokens] not in (
                ["a", token.lower_], ["an", token.lower_]) \
                or any(child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from")
                       for child in token.rights):
            return None
        return next((speaker.name for speaker in self._cue_speakers_before(mention.start, mention.depth, True)
                     if speaker.kind == "organisation" and speaker.name), None)

    def _role_phrase(self, mention: Mention) -> Speaker | None:
        """A role the article never ties to a name stays a role ("Prime Minister"), for
        unify_speakers to resolve from the other articles of the run; a definite one first
        refers back to the speaker just quoted, as a description does."""
        if not is_role_phrase(mention.words) or mention.noun_kind == "group":
            return None  # "a spokesman for the King" is described, not a role
        introduced = self.index.resolve_role(mention.words, mention.start)
        if introduced is None and _common_noun(mention.token):
            described = self._person_description(mention) or self._headline_role(mention)
            if described is not None:
                return described
        return self._at(mention, introduced or phrase_of(_undetermined(mention)), "role")

    def _document_of(self, mention: Mention) -> Speaker | None:
        if mention.noun_kind != "document":
            return None
        return self._document(mention.token, mention.tokens, mention.start, mention.end, mention.depth)

    def _organisation_description(self, mention: Mention) -> Speaker | None:
        """"The council believes", "the company said", "police said": the organisation the
        article last named with that word, or else the most salient one (`most_salient_organisation`)."""
        token, tokens = mention.token, mention.tokens
        if not _common_noun(token):
            return None
        organisation = None
        # A possessor is not part of the description: "the region's health authority" is the
        # health authority, and definite.
        possessor = next((i for i, t in enumerate(tokens) if t.dep_ == "case" and t.i < token.i), None)
        described = tokens[possessor + 1:] if possessor is not None else tokens
        definite = possessor is not None or tokens[0].lower_ in ("the", "its", "their") \
            or self._in_headline(mention.start)  # a headline drops its articles
        words = [strip_possessive(t.lower_) for t in described if t.dep_ != "case"
                 and t.lower_ not in ("the", "its", "their")]
        if definite and words[-1:] == [token.lower_] \
                or [t.lower_ for t in tokens] == ["police"]:  # "Police said", after "Kent Police"
            modifiers = tuple(words[:-1]) if definite else ()
            # A headline or a lead may describe an organisation it names only further down, as
            # may a description that a relative clause identifies, new to the reader ("the
            # authority that runs the weir says").
            ahead = self._paragraphs[id(token.doc)] in self._article_paragraphs[:2] \
                or any(child.dep_ == "relcl" and token.doc[child.left_edge.i - 1].text != ","
                       for child in token.rights)
            organisation = self.index.organisation_called(token.lower_, mention.start, modifiers, ahead=ahead)
        # "The Kaldoran government", "the British embassy": a proper adjective makes the
        # description a name of its own, not a second reference to the salient organisation.
        proper = any((t.ent_type_ in ("NORP", "GPE") or t.pos_ == "ADJ" and t.text.istitle())
                     and "-" not in t.text and not (t.i + 1 < len(t.doc) and t.doc[t.i + 1].text == "-")
                     for t in described if t.i != token.i)  # not "the London-listed miner"
        if organisation is None and description_heads().get(token.lower_) == "organisation" \
                and (_is_definite(tokens, token) or possessor is not None) and not proper:
            organisation = self.index.most_salient_organisation(
                mention.start, self._previous_paragraph_start(mention.token))
        return organisation and self._at(mention, strip_article(organisation), "organisation")

    def _earlier_description(self, mention: Mention) -> Speaker | None:
        """"the spokesman", "the source" after "a spokesman for the King", "One royal source": an
        unnamed source named again is the one described before with the same noun or one that
        takes it up ("the pal" after "a friend of the couple"), within `SOURCE_WINDOW` sentences."""
        token, tokens = mention.token, mention.tokens
        if not _common_noun(token) or mention.depth > 2 \
                or [t.lower_ for t in tokens] != ["the", token.lower_] \
                or not (mention.noun_kind == "group" or description_heads().get(token.lower_) == "person"):
            return None
        earlier = bisect.bisect_left(self._sentence_starts, mention.start)
        window = self.article.sentences[max(0, earlier - SOURCE_WINDOW) : earlier + 1]
        for paragraph_index, sentence in reversed(window):
            offset = self.article.offset(paragraph_index)
            for candidate in reversed(sentence):
                if _described_noun(candidate.lower_) != _described_noun(token.lower_) \
                        or candidate.dep_ in ("compound", "amod", "poss") \
                        or offset + candidate.idx >= mention.start \
                        or self.article.is_quoted(offset + candidate.idx):
                    continue
                described = self.speaker(candidate, mention.depth + 1)
                if described is not None and described.kind == "other" and described.name \
                        and (len(described.name.split()) > 1 or described.name != token.lower_):
                    return self._at(mention, described.name, "other")
                if described is not None and described.kind == "organisation" and mention.noun_kind == "group":
                    # "the official" after "a senior official at the ministry": the ministry's.
                    return self._at(mention, described.name, "organisation")
        return None

    def _person_description(self, mention: Mention) -> Speaker | None:
        """"the diplomat said", "the former Millwall coach added": a definite description of a
        person refers back to the person who spoke last, as a reader takes it, when that speaker
        is in the sentences just before (`DESCRIPTION_WINDOW`) and nothing the text says of them
        (gender, being named beside it) contradicts it; or to whom the same description named
        before."""
        token = mention.token
        if not _common_noun(token) and not _described_person(token) \
                or token.tag_ in ("NNS", "NNPS") or mention.depth > 2 \
                or not (description_heads().get(token.lower_) == "person" or is_role_phrase(mention.words)) \
                or not _is_definite(mention.tokens, token):
            return None
        # The same description used again is the same person, however far back and whoever
        # spoke since (Lee et al.'s exact-match sieve): "the diplomat said …" twice is one diplomat.
        key = role_key(mention.words)
        if key in self._described:
            return self._at(mention, self._described[key], "role")
        # Not "the health secretary" for the shadow health secretary who spoke just before.
        # Nor the one its own clause names as another ("The former hooker saved special praise
        # for Brennan": not Brennan), as binding forbids.
        others = self._named_beside(token, mention.depth)
        speakers = [name for name in self._recent_speakers(mention.start, mention.depth)
                    if not self.index.holds_other_role(name, mention.words) and name not in others]
        if token.head.i != token.i and token.head.lemma_.lower() in replying_verbs():
            # "Does the First Minister agree?” ¶ “I do,” the First Minister replied": who replies
            # answers someone else, not the speaker just before when that one asked a question.
            before = self._cue_speakers_before(mention.start, mention.depth)
            asking = next((speaker for speaker in before if speaker.name), None)
            if asking is not None and "?" in self.article.text[asking.start : mention.start]:
                speakers = [name for name in speakers if name != asking.name]
        if not speakers:
            return None
        nearest = speakers[0]
        gender = gendered_words().get(token.lower_)
        if gender and self.index.gender_of(nearest) not in (None, gender):
            return None
        self._described[key] = nearest
        return self._at(mention, nearest, "role")

    def _in_headline(self, position: int) -> bool:
        """Whether `position` is in the article's headline: a first line, before the story, with
        no full stop at its end (else it is a sentence of the story)."""
        paragraphs = self.article.scan.paragraphs
        if len(paragraphs) < 2 or not position < paragraphs[0].end:
            return False
        last = self.article.text[paragraphs[0].start : paragraphs[0].end].rstrip().rstrip("’”\"'")
        return last[-1:] not in (".", "!", "?")

    def _headline_role(self, mention: Mention) -> Speaker | None:
        """"GPs to be paid more …, says health secretary" over a story that never names the
        health secretary: the headline's role is the person who speaks first in the story, as
        a reader takes it, unless what the text says of them (another role, another form of
        this one, a gender) contradicts it. A headline has no full stop at its end."""
        paragraphs = self.article.scan.paragraphs
        if self._reading_story or not self._in_headline(mention.start):
            return None
        # The headline's role may be met again while the story's speakers are resolved (however
        # deep the mention was first asked for): it is looked up once, not in a loop.
        self._reading_story = True
        try:
            after = bisect.bisect_left(self._sentence_starts, paragraphs[1].start)
            for paragraph_index, sentence in self.article.sentences[after : after + DESCRIPTION_WINDOW]:
                for _, subject in sentence_cues(self.article, paragraph_index, sentence):
                    speaker = self.speaker(subject, 1)
                    if speaker is None or speaker.kind != "person" or not self.index.is_person(speaker.name):
                        continue
                    gender = gendered_words().get(mention.token.lower_)
                    title = self.index.title_of(speaker.name)
                    if self.index.holds_other_role(speaker.name, mention.words) \
                            or title and role_key(title.split()) != role_key(mention.words) \
                            or gender and self.index.gender_of(speaker.name) not in (None, gender):
                        return None
                    return self._at(mention, speaker.name, "role")
            return None
        finally:
            self._reading_story = False

    def _named_beside(self, token, depth: int) -> set[str]:
        """The people the clause of the subject `token` names as its objects."""
        verb = token.head
        names = set()
        for child in verb.children:
            objects = [child] if child.dep_ in ("dobj", "dative") else \
                [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else []
            for named in objects:
                if named.pos_ == "PROPN" and named.i != token.i:
                    speaker = self.speaker(named, depth + 1)
                    if speaker is not None and speaker.name:
                        names.add(speaker.name)
        return names

    def _description(self, mention: Mention) -> Speaker | None:
        """An unnamed source is its description as written, without determiner or quantifier
        ("Another analyst" → "analyst", "One senior European official"); a spokesman for a
        person is not that person ("a spokesman for the King")."""
        tokens = _undetermined(mention)
        words = phrase_of(tokens)
        if words and tokens[0].is_sent_start and tokens[0].pos_ in ("NOUN", "ADJ") \
                and tokens[0].text.istitle():
            words = words[0].lower() + words[1:]  # in normal case: "State media reported" → "state media"
        modifier = _post_modifier(mention.token, tokens)
        if modifier:  # "A friend of the couple", "two diplomats familiar with the talks"
            words = "".join(t.text_with_ws for t in tokens + modifier).strip()
        if mention.noun_kind == "group":
            for child in mention.token.rights:
                if child.dep_ == "prep" and child.lower_ in ("for", "to") and any(
                        grandchild.dep_ == "pobj" for grandchild in child.children):
                    # As written, articles inside kept: "spokesman for the King".
                    words = "".join(t.text_with_ws for t in tokens + list(child.subtree)).strip()
                    break
        if not words:
            return None
        return self._at(mention, words, "other")

    def _at(self, mention: Mention, name: str, kind: str) -> Speaker:
        return Speaker(name, self.article.text[mention.start : mention.end], mention.start, mention.end, kind)

    def _age_description(self, token) -> Speaker | None:
        """"the 54-year-old said": the one person the text gave that age."""
        if token.lower_ != "old" or token.i < 3 or token.doc[token.i - 2].lower_ != "year":
            return None
        first = token.i - 4 if token.i >= 4 and token.doc[token.i - 3].text == "-" else token.i - 3
        number = token.doc[first] if first >= 0 else None
        if number is None or not number.text.isdigit() or first == 0 or token.doc[first - 1].lower_ != "the":
            return None
        offset = self._offset(token)
        start, end = offset + token.doc[first - 1].idx, offset + token.idx + len(token)
        holder = self.index.of_age(int(number.text), start)
        if holder is None:
            return None
        return Speaker(holder, self.article.text[start:end], start, end, "role")

    def _cue_speakers_before(self, position: int, depth: int, this_sentence: bool = False):
        """The speakers of the cues before `position`, nearest first, in the `DESCRIPTION_WINDOW`
        sentences before it (and in its own, if `this_sentence`)."""
        earlier = bisect.bisect_left(self._sentence_starts, position)
        window = self.article.sentences[max(0, earlier - DESCRIPTION_WINDOW) : earlier + this_sentence]
        for paragraph_index, sentence in reversed(window):
            for _, subject in reversed(list(sentence_cues(self.article, paragraph_index, sentence))):
                if self._offset(subject) + subject.idx < position:
                    speaker = self.speaker(subject, depth + 1)
                    if speaker is not None:
                        yield speaker

    def _recent_speakers(self, position: int, depth: int) -> list[str]:
        """The people who spoke in the sentences before `position`, nearest first: the named
        subjects of their cues."""
        return [speaker.name for speaker in self._cue_speakers_before(position, depth)
                if speaker.name and speaker.kind in ("person", "pronoun", "role")
                and self.index.is_person(speaker.name) and not is_role_phrase(speaker.name.split())]

    def _group_issuer(self, token, tokens, position: int) -> str | None:
        """The name before a group noun, whom its members speak for: "Treasury" in "A Treasury
        spokesperson", the council named before in "a council spokesperson"; nobody in "a
        senior European official", whose words before the noun only describe them."""
        issuer = [t for t in tokens if t.i != token.i and t.dep_ in ("compound", "amod", "nmod", "poss")
                  and t.text.lower() not in ("the", "a", "senior", "top", "an")]
        if not any(t.pos_ in ("PROPN", "NOUN") for t in issuer):
            return None
        if any(t.pos_ == "PROPN" or t.ent_type_ for t in issuer):
            # As written: "Treasury" is not widened to a "Treasury Committee" named elsewhere,
            # but "A Union Reform spokesperson" speaks for the "Union Reform Party".
            words = [normal_case(strip_possessive(t.text)) for t in issuer]
            return len(words) > 1 and self.index.organisation_in_full(words) or " ".join(words)
        if len(issuer) == 1:
            organisation = self.index.organisation_called(issuer[0].lower_, position)
            return organisation and strip_article(organisation)
        return None

    def _represented(self, token, depth) -> Speaker | None:
        """The organisation "a spokesman for Westmere County Council" or "officials at the
        Treasury" speak for."""
        if depth > 3:
            return None
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from", "in", "within"):
                for named in child.children:
                    # "for Hebridean Link" (a name the recogniser took for a title), "at the
                    # ministry" (the ministry the article named): organisations both.
                    if named.dep_ == "pobj" and (names_someone(named) or named.ent_type_ == "WORK_OF_ART"
                                                 or description_heads().get(named.lower_) == "organisation"):
                        speaker = self.speaker(named, depth + 1)
                        # A spokesman for a person is not that person (ANNOTATION.md): only an
                        # organisation is spoken for, or a name nothing shows to be a person's.
                        if speaker is not None and (speaker.kind == "organisation" or speaker.kind == "person"
                                                    and speaker.name in self.index.entities
                                                    and not self.index.is_person(speaker.name)):
                            return speaker
        return None

    def _named_in_apposition(self, token, depth) -> Speaker | None:
        """The name set beside a common noun: after a comma ("the trust's chief executive,
        Martin Feld,") or right after it ("the charity Fuel Fair")."""
        if depth > 3 or token.tag_ in ("NNS", "NNPS"):  # "the brothers Charles and David Koch"
            return None
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        # The parser hangs the name on a participle as "dep": "Speaking outside court, DS Paul
        # Renshaw, of the force's fraud unit, said".
        candidates = [child for child in token.rights
                      if child.dep_ == "appos" or child.dep_ == "dep" and token.tag_ == "VBG"]
        # "Minister for Health Fionnuala Deasy said", parsed as the minister for her.
        candidates += [name for child in token.rights if child.dep_ == "prep"
                       for name in child.children
                       if name.ent_type_ in PERSON_LABELS and role_held(name) is token]
        # The parser hangs the name on the organisation ("The chairman of Cressbury Parish
        # Council, Roger Allbright,") or on a second description ("Her collaborator, the
        # director Idris Kane,"): a person's name there is the noun's holder all the same.
        hosts = [child for child in token.rights if child.dep_ == "appos" and child.pos_ == "NOUN"]
        hosts += [organisation for child in token.rights if child.dep_ == "prep" and child.lower_ == "of"
                  for organisation in child.children
                  if organisation.dep_ == "pobj" and organisation.ent_type_ in ORG_LABELS]
        candidates += [name for host in hosts for name in host.rights
                       if name.dep_ == "appos" and name.ent_type_ in PERSON_LABELS]
        if following is not None and following.pos_ == "PROPN" and following.head.i != token.i:
            run = following
            while run.i + 1 < len(token.doc) and token.doc[run.i + 1].pos_ == "PROPN":
                run = token.doc[run.i + 1]
            candidates.append(run)
        for candidate in candidates:
            # A capitalised role ("Kassindor's Foreign Minister, Noor Halvik") gives way to a
            # person only; a place in apposition is where somebody is from ("(D-Newport News)").
            # A name takes no article: "Rutherford, a Scot who …" describes him; but for the
            # one of a clergyman's style ("the Very Rev Hilary Dunn").
            described = any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in candidate.children) \
                and not _has_honorific(mention_tokens(candidate))
            if names_someone(candidate) and not described \
                    and candidate.ent_type_ not in ("GPE", "NORP", "FAC") \
                    and (token.pos_ == "NOUN" or token.tag_ == "VBG" or _described_person(token)
                         or candidate.ent_type_ in PERSON_LABELS
                         or _has_honorific(mention_tokens(candidate))):
                named = self.speaker(candidate, depth + 1)
                if named is not None and named.kind in ("person", "organisation"):
                    return named
        return None

    def _document(self, token, tokens, start, end, depth) -> Speaker | None:
        """"The assessment released by the Ministry of Defence said": the issuer speaks.

        A document named without its issuer ("the defence intelligence update said") is the
        one the article last attributed to somebody, as a definite noun phrase refers back.
        """
        text = self.article.text
        issuer = self._issuer(token, depth)
        if issuer is not None:
            return replace(issuer, kind="document")
        if depth <= 3:
            position = start
            for paragraph_index, sentence in reversed(self.article.sentences):
                offset = self.article.offset(paragraph_index)
                if offset + sentence.start_char >= position:
                    continue
                for candidate in sentence:
                    # An earlier subject document, or the same document named anywhere ("a
                    # letter from the trust", then "The letter says").
                    if speaker_noun_kind(candidate) == "document" and (
                            candidate.dep_ in SUBJECT_DEPS or candidate.lower_ == token.lower_):
                        issuer = self._issuer(candidate, depth + 1) or issuer
                if issuer is not None or position - (offset + sentence.start_char) > 2000:
                    break
        if issuer is not None:
            return Speaker(issuer.name, text[start:end], start, end, "document")
        return Speaker(" ".join(t.text for t in tokens if t.lower_ not in ("the", "a", "an")),
                       text[start:end], start, end, "other")

    def _issuer(self, token, depth):
        """Who issued the document `token` heads: its possessor ("the union's report"), the
        `by`/`from` object, or a name before it ("a Treasury analysis")."""
        for candidate in token.subtree:
            if candidate.i == token.i:
                continue
            named = names_someone(candidate)
            if candidate.dep_ in ("poss", "pobj") and (named or candidate.pos_ == "NOUN") or \
                    candidate.dep_ == "compound" and candidate.head.i == token.i and named:
                issuer = self.speaker(candidate, depth + 1)
                if issuer is not None and (named or issuer.kind == "organisation"):
                    return issuer
            if candidate.dep_ == "compound" and candidate.head.i == token.i and candidate.pos_ == "NOUN" \
                    and description_heads().get(candidate.lower_) == "organisation":
                # "according to company figures": the company the article is about.
                at = self._offset(candidate) + candidate.idx
                name = self.index.most_salient_organisation(at, self._previous_paragraph_start(candidate))
                if name is not None:
                    start = self._offset(token) + token.idx
                    return Speaker(strip_article(name), self.article.text[at:start + len(token)], at,
                                   start + len(token), "organisation")
        return None

    def _relative(self, token, depth):
        """"Graham, who had previously endorsed Bush": the noun the relative clause describes
        speaks; the mention at this attribution is the relative pronoun, as written here."""
        head = token.head
        if head.dep_ == "relcl" and depth <= 3:
            speaker = self.speaker(head.head, depth + 1)
            if speaker is not None:
                start = self._offset(token) + token.idx
                return replace(speaker, mention=token.text, start=start, end=start + len(token))
        return None

    def _antecedent(self, pronoun, offset: int, lower: str, depth: int) -> str | None:
        """The person a pronoun stands for, after Lee et al.'s pronoun sieve: the nearest earlier
        subject outside quotes that agrees with it in number and in gender (where the text
        shows the candidate's), within `PRONOUN_WINDOW` sentences.

        Subjects are preferred to objects ("Lammy spoke to his US counterpart Marco Rubio. He
        said …": Lammy), and within a sentence the subject of a cue verb, the current speaker.
        Salience breaks recency: someone named once in passing, in a clause below the main one,
        gives way to a speaker in the window who has been named at least twice as often ("…,"
        Mr Starmer said. The talks, which Defence Secretary John Healey had called, ran late. He
        claimed …": Starmer).
        """
        plural = lower in PLURAL_PRONOUNS or lower == "it"  # "it": an organisation
        gender = "m" if lower in MALE_PRONOUNS else "f" if lower in FEMALE_PRONOUNS else None
        position = offset + pronoun.idx
        # The sentences are in text order: those starting at or before the pronoun, nearest first.
        earlier = bisect.bisect_right(self._sentence_starts, position)
        chosen = None
        for looked, (paragraph_index, sentence) in enumerate(
                reversed(self.article.sentences[max(0, earlier - self.PRONOUN_WINDOW - 1) : earlier])):
            candidates = self._pronoun_candidates(pronoun, sentence, paragraph_index, position,
                                                  plural, gender, depth)
            if not candidates:
                continue
            cue_subjects = [(level, s) for is_cue, level, s in candidates if is_cue]
            if chosen is not None:
                # Looking on only for a more salient speaker than one named in passing.
                for _, speaker in cue_subjects:
                    if speaker.name != chosen and self.index.salience(speaker.name, position) \
                            >= 2 * max(1, self.index.salience(chosen, position)):
                        return speaker.name
                continue
            if looked == 0 and sentence.start <= pronoun.i < sentence.end and pronoun.doc is sentence.doc:
                return (cue_subjects or [(0, s) for *_, s in candidates])[-1][1].name
            if cue_subjects:
                # "Lin said the minister had promised …. “…,” she said": the speaker of the
                # sentence's outermost cue (Lin), not of the report inside it, the last of those.
                outermost = min(level for level, _ in cue_subjects)
                return [s for level, s in cue_subjects if level == outermost][-1].name
            _, level, speaker = candidates[0]
            chosen = speaker.name
            if chosen is None or level == 0 or self.index.salience(chosen, position) > 1:
                return chosen
        return chosen

    def _pronoun_candidates(self, pronoun, sentence, paragraph_index, position, plural, gender, depth):
        """(is a cue's subject, depth of its verb, speaker) of each subject of `sentence` before
        `position` that a pronoun of this number and gender can stand for."""
        sentence_offset = self.article.offset(paragraph_index)
        candidates = []
        for token in sentence:
            at = sentence_offset + token.idx
            if at >= position:
                break
            stray = stray_subject(token)
            if token.dep_ not in SUBJECT_DEPS and not stray or self.article.is_quoted(at) \
                    or token.lower_ in ("i", "we", "you") or token.i == pronoun.i and token.doc is pronoun.doc:
                continue
            speaker = self.speaker(token, depth + 1)
            # An unnamed source is someone too: "The spokesman said … “…,” he said".
            unnamed = speaker is not None and speaker.kind == "other" and not plural \
                and token.tag_ == "NN" and (description_heads().get(token.lower_) == "person"
                                            or speaker_noun_kind(token) == "group")
            if speaker is None or speaker.kind == "other" and not unnamed:
                continue
            # "they" stands for an organisation or a group, "he"/"she" for a person, or for one
            # who speaks for an organisation ("A spokeswoman for the ministry said … “…,” she
            # said": the ministry's words).
            spokesperson = token.tag_ == "NN" and speaker_noun_kind(token) == "group" \
                and speaker.kind in ("organisation", "group")
            if speaker.kind not in (("organisation", "group") if plural else ("person", "role", "pronoun")) \
                    and not (spokesperson and not plural) and not unnamed:
                continue
            if (spokesperson or unnamed) and gender \
                    and gendered_words().get(token.lower_) not in (None, gender):
                continue
            if gender and self.index.gender_of(speaker.name) not in (None, gender):
                continue  # "she" is not the man named just before her
            if gender and token.lower_ in (FEMALE_PRONOUNS if gender == "m" else MALE_PRONOUNS):
                continue  # nor "he" the one a "she" stands for, whoever she is
            verb = verb_after(token) if stray else token.head
            is_cue = find_cue(verb, sentence_offset) is not None
            candidates.append((is_cue, len(list(verb.ancestors)), speaker))
        return candidates


_BRACKET_TOKENS = 6  # "(R-OH)", "(D-Calif.)", "(Reuters)": a label, not a clause


def _name_before_brackets(token):
    """The name that short brackets holding `token` follow, or None: what stands in brackets
    after a name (a party and state, an agency, an age) labels that name and never speaks."""
    doc = token.doc
    sentence = token.sent
    opening = next((doc[j] for j in range(token.i - 1, max(sentence.start, token.i - _BRACKET_TOKENS) - 1, -1)
                    if doc[j].text in "()"), None)
    if opening is None or opening.text != "(" or opening.i == sentence.start:
        return None
    closing = next((doc[j] for j in range(token.i + 1, min(sentence.end, opening.i + _BRACKET_TOKENS + 1))
                    if doc[j].text in "()"), None)
    before = doc[opening.i - 1]
    if closing is None or closing.text != ")" or before.pos_ != "PROPN":
        return None
    return before


def _described_noun(word: str) -> str:
    """The noun a description's head takes up: "the pal" takes up "a friend of the couple"."""
    return description_synonyms().get(word, word)


def _common_noun(token) -> bool:
    """A common noun, or one the tagger took for a proper noun though it is written in lower
    case ("the prime minister said", tagged so before "said")."""
    if token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.is_lower:
        return True
    # A role word capitalised by house style or by its place is a common noun all the same,
    # when an article or the start of a sentence shows it is no name: "the Prime Minister
    # said", "Coroner says …" opening a headline. (Not an abbreviation: "the MP" is as often
    # the unnamed backbencher just quoted as an MP named before.)
    return token.pos_ == "PROPN" and token.is_title and token.ent_type_ not in PERSON_LABELS \
        and is_role_word(token.text) \
        and (token.is_sent_start or any(c.dep_ == "det" and c.lower_ in ("the", "its", "their")
                                        for c in token.children))


def _described_person(token) -> bool:
    """"The Scot", "the Dane": a capitalised word for a person that the article and its
    determiner make a description, whatever the recogniser labelled it."""
    return token.pos_ == "PROPN" and description_heads().get(token.lower_) == "person" \
        and any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in token.children)


def names_someone(token) -> bool:
    """A person's or organisation's name, not a date or a number set as a proper noun
    ("sent to staff on Monday")."""
    if token.ent_type_:
        return token.ent_type_ in PERSON_LABELS | ORG_LABELS
    return token.pos_ == "PROPN"


def phrase_of(tokens) -> str:
    """The words of a mention as written (no space before "’s"), without articles."""
    kept = [t for t in tokens if t.lower_ not in ("the", "a", "an")]
    return "".join(t.text_with_ws for t in kept).strip()


def strip_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name
