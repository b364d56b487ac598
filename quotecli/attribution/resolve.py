"""Stage 2: from the words that name a speaker to the person or organisation they stand for."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from quotecli.attribution.cues import SUBJECT_DEPS, find_cue
from quotecli.attribution.entities import (
    FEMALE_PRONOUNS, MALE_PRONOUNS, ORG_LABELS, PERSON_LABELS, PLURAL_PRONOUNS, is_role_phrase,
    mention_tokens, normal_case, speaker_noun_kind, split_person_name, split_title,
    strip_possessive,
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


class Resolver:
    """Turns the token naming a speaker into a canonical Speaker."""

    PRONOUN_WINDOW = 8  # sentences to look back for the person a pronoun stands for

    def __init__(self, article: Article):
        self.article = article
        self.index = article.index
        self._offsets = {id(doc): article.offset(p) for p, doc in article.docs.items()}
        self._known: dict[tuple[int, int], Speaker | None] = {}
        self._sentence_starts = [article.offset(p) + s.start_char for p, s in article.sentences]

    def _offset(self, token) -> int:
        return self._offsets[id(token.doc)]

    def speaker(self, token, depth: int = 0) -> Speaker | None:
        """The speaker `token` names. A token's answer is worked out once: pronouns resolve
        through earlier subjects, which would otherwise be resolved again for every pronoun."""
        key = (id(token.doc), token.i)
        if key not in self._known:
            self._known[key] = self._speaker(token, depth)
        return self._known[key]

    def _speaker(self, token, depth: int) -> Speaker | None:
        offset = self._offset(token)
        lower = token.lower_
        if token.pos_ == "PRON" or lower in MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS:
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
        if token.pos_ == "NOUN" or token.pos_ == "PROPN" and token.ent_type_ not in PERSON_LABELS:
            named = self._named_in_apposition(token, depth)
            if named is not None:  # "Another parent, Sophie Bell, said": Sophie Bell speaks
                return named
        tokens = mention_tokens(token)
        noun_kind = speaker_noun_kind(token)
        if token.pos_ == "NOUN" and noun_kind == "group":
            represented = self._represented(token, depth)
            if represented is not None:
                start, end = offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1])
                return replace(represented, mention=self.article.text[start:end], start=start,
                               end=end)
        is_organisation = token.ent_iob_ in ("B", "I") and token.ent_type_ in ORG_LABELS
        if is_organisation:
            entity = next(e for e in token.doc.ents if e.start <= token.i < e.end)
            tokens = [t for t in entity if t.lower_ != "the"] or tokens
        words = [t.text for t in tokens]
        start, end = offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1])
        text = self.article.text
        # An organisation's name is whole ("Committee for a Responsible Federal Budget").
        title, name_words = ([], words) if is_organisation else split_title(words)
        ent_label = token.ent_type_
        if ent_label in PERSON_LABELS:
            # Words before a person's name in the same phrase are a title the text gives them,
            # listed role word or not ("Factory owner Gareth Pryce"); the name itself keeps at
            # least its last word, even one that can be a role ("Charlie King").
            entity = next(e for e in token.doc.ents if e.start <= token.i < e.end)
            before = [t.text for t in tokens if t.i < entity.start and t.lower_ not in ("the", "a", "an")]
            inner = [t.text for t in tokens if t.i >= entity.start]
            inner_title, name_words = split_person_name(inner)
            if before and not inner_title and all(w[:1].isupper() for w in before) \
                    and not split_title(before + ["_"])[0]:
                before, name_words = [], before + name_words  # the recogniser cut the name short
            title = before + inner_title
        known = name_words and token.is_title and self.index.is_known_name(name_words)
        if ent_label in PERSON_LABELS | ORG_LABELS or (token.pos_ == "PROPN" and name_words) or known:
            if not name_words:
                return None
            name_tokens = tokens[len(tokens) - len(name_words):]
            name_start = offset + name_tokens[0].idx
            # The whole article's evidence beats the recogniser's label on this one token
            # ("President Zelenskyy" earlier makes "Zelenskyy" a person here).
            label = self.index.is_known_name(name_words) or ent_label or "PERSON"
            if noun_kind == "document" and token.pos_ != "PROPN":
                return self._document(token, tokens, start, end, depth)
            name_words = [w for w in name_words if w.lower() != "the"]
            canonical = self.index.canonical(name_words, name_start) if name_words else None
            if canonical is None:
                return None
            if label in PERSON_LABELS:
                return Speaker(canonical, text[name_start:end], name_start, end, "person")
            return Speaker(strip_article(canonical), text[start:end], start, end, "organisation")
        introduced = self.index.resolve_role(words, start) if token.pos_ == "NOUN" else None
        if introduced is not None:  # "its chief executive": whom the text introduced so
            return Speaker(introduced, text[start:end], start, end, "role")
        if noun_kind == "group":
            issuer = self._group_issuer(token, tokens)
            if issuer is not None:  # "A Treasury spokesperson", "Downing Street officials"
                return Speaker(issuer, text[start:end], start, end, "group")
        if is_role_phrase(words):
            # A role the article never ties to a name stays a role ("Prime Minister"), for
            # unify_speakers to resolve from the other articles of the run.
            name = self.index.resolve_role(words, start) or phrase_of(tokens)
            return Speaker(name, text[start:end], start, end, "role")
        if noun_kind == "document":
            return self._document(token, tokens, start, end, depth)
        if token.pos_ == "NOUN" and tokens[0].lower_ in ("the", "its", "their") and \
                [t.lower_ for t in tokens[1:] if t.dep_ != "case"] == [token.lower_]:
            # "The council believes", "the union's report": the organisation the article
            # last named so.
            organisation = self.index.organisation_called(token.lower_, start)
            if organisation is not None:
                return Speaker(strip_article(organisation), text[start:end], start, end,
                               "organisation")
        if not phrase_of(tokens):
            return None
        return Speaker(phrase_of(tokens), text[start:end], start, end, "other")

    def _group_issuer(self, token, tokens) -> str | None:
        """The name before a group noun, whom its members speak for."""
        issuer = [t for t in tokens if t.i != token.i and t.dep_ in ("compound", "amod", "nmod", "poss")
                  and t.text.lower() not in ("the", "a", "senior", "top", "an")]
        if issuer and any(t.pos_ == "PROPN" or t.ent_type_ for t in issuer):
            # As written: "Treasury" is not widened to a "Treasury Committee" named elsewhere.
            return " ".join(normal_case(strip_possessive(t.text)) for t in issuer)
        return None

    def _represented(self, token, depth) -> Speaker | None:
        """Whom "a spokesman for Westmere County Council" or "officials at the Treasury"
        speak for."""
        if depth > 3:
            return None
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from"):
                for named in child.children:
                    if named.dep_ == "pobj" and names_someone(named):
                        speaker = self.speaker(named, depth + 1)
                        if speaker is not None and speaker.kind in ("person", "organisation",
                                                                    "role"):
                            return speaker
        return None

    def _named_in_apposition(self, token, depth) -> Speaker | None:
        """The name set beside a common noun: after a comma ("the trust's chief executive,
        Martin Feld,") or right after it ("the charity Fuel Fair")."""
        if depth > 3 or token.tag_ in ("NNS", "NNPS"):  # "the brothers Charles and David Koch"
            return None
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        candidates = [child for child in token.rights if child.dep_ == "appos"]
        if following is not None and following.pos_ == "PROPN" and following.head.i != token.i:
            run = following
            while run.i + 1 < len(token.doc) and token.doc[run.i + 1].pos_ == "PROPN":
                run = token.doc[run.i + 1]
            candidates.append(run)
        for candidate in candidates:
            # A capitalised role ("Kassindor's Foreign Minister, Noor Halvik") gives way to a
            # person only; a place in apposition is where somebody is from ("(D-Newport News)").
            if names_someone(candidate) and candidate.ent_type_ not in ("GPE", "NORP", "FAC") \
                    and (token.pos_ == "NOUN" or candidate.ent_type_ in PERSON_LABELS):
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
        return None

    def _relative(self, token, depth):
        head = token.head
        if head.dep_ == "relcl" and depth <= 3:
            return self.speaker(head.head, depth + 1)
        return None

    def _antecedent(self, pronoun, offset: int, lower: str, depth: int) -> str | None:
        """The person a pronoun stands for: the nearest earlier subject outside quotes.

        Subjects are preferred to objects ("Lammy spoke to his US counterpart Marco Rubio. He
        said …": Lammy), and within a sentence the subject of a cue verb, the current speaker.
        """
        plural = lower in PLURAL_PRONOUNS or lower == "it"  # "it": an organisation
        position = offset + pronoun.idx
        # The sentences are in text order: those starting at or before the pronoun, nearest first.
        earlier = bisect.bisect_right(self._sentence_starts, position)
        looked = 0
        for paragraph_index, sentence in reversed(self.article.sentences[:earlier]):
            sentence_offset = self.article.offset(paragraph_index)
            subjects = []
            for token in sentence:
                at = sentence_offset + token.idx
                if at >= position:
                    break
                if token.dep_ in SUBJECT_DEPS and not self.article.is_quoted(at) \
                        and token.lower_ not in ("i", "we", "you"):
                    subjects.append(token)
            candidates = []
            for subject in subjects:
                if subject.i == pronoun.i:
                    continue
                speaker = self.speaker(subject, depth + 1)
                if speaker is None or speaker.kind == "other":
                    continue
                # "they" stands for an organisation or a group, "he"/"she" for a person.
                agrees = speaker.kind in (("organisation", "group") if plural else ("person", "role", "pronoun"))
                if not agrees:
                    continue
                is_cue = find_cue(subject.head, sentence_offset) is not None
                candidates.append((is_cue, len(list(subject.head.ancestors)), speaker))
            if candidates:
                # (how deep the cue is in the sentence, its subject's speaker)
                cue_subjects = [(level, s) for is_cue, level, s in candidates if is_cue]
                if sentence.start <= pronoun.i < sentence.end and pronoun.doc is sentence.doc:
                    return (cue_subjects or [(0, s) for *_, s in candidates])[-1][1].name
                if not cue_subjects:
                    return candidates[0][2].name
                # "Lin said the minister had promised …. “…,” she said": the speaker of the
                # sentence's outermost cue (Lin), not of the report inside it, the last of those.
                outermost = min(level for level, _ in cue_subjects)
                return [s for level, s in cue_subjects if level == outermost][-1].name
            looked += 1
            if looked > self.PRONOUN_WINDOW:
                break
        return None


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
